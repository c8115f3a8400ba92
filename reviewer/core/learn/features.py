"""The cleaned Markdown as a sequence of tokens with features, for the span tagger.

In: a posting's Markdown and the rule cascade's ``Extraction`` of it. Out: ``Tokens``,
the tokens the tagger reads (each with its character span in the Markdown) and, per
token, its features as strings (python-crfsuite's item format).

Not every token is read: a posting's fields sit near its top, on labelled lines and
where the rules found something, so the sequence is the first ``TOP_LINES`` lines
(their first ``LINE_TOKENS`` tokens) and, further down, the tokens around the rules'
evidence, job nouns and labelled lines. That keeps tagging within the time a
suggestion may take whatever the posting's length.

The features: the word (lower case, shape, suffix, word lists: place names, job
nouns), its neighbours, the line (its place in the posting, heading, list item,
length, the section it sits in, the label before a colon), and the rules' own
readings (inside a field's evidence, at its start, the stage, inside an alternative).
``FEATURE_VERSION`` names this set: a model trained on another is refused.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from reviewer.core.schema import Extraction, Span
from reviewer.core.words import lexicon, places

FEATURE_VERSION = "tokens-1"
SPAN_FIELDS = ("title", "company", "department", "locations", "requisition_id")

TOP_LINES = 20  # the first lines, read whole (up to LINE_TOKENS tokens each)
LINE_TOKENS = 60
AROUND = 12  # tokens kept either side of a rule's evidence or a job noun further down
MAX_TOKENS = 600

_TOKEN = re.compile(r"[^\W_]+(?:['’.&-][^\W_]+)*|[^\w\s*_#`>]")
_LINE = re.compile(r"[^\n]+")
_HEADING = re.compile(r"\s*#{1,6}\s")
_ITEM = re.compile(r"\s*(?:[-*+•]|\d{1,3}[.)])\s")
_LABEL = re.compile(r"\s*[#*_\s]*([A-Za-z][\w /&().'-]{0,40}?)\s*[*_]*:")
_Views = tuple[list[str], tuple[str, str], tuple[str, str], str]
_WORD_CACHE: dict[str, _Views] = {}
_LINE_AT = [f"L={n}" for n in range(13)]
_TOKEN_AT = [[f"i={n}"] for n in range(7)]  # each copied by the concatenation that uses it
_NOTHING_BEFORE = ("w-1=^", "s-1=^", "w-2=^")
_NOTHING_AFTER = ("w+1=$", "s+1=$")
_NO_VIEWS: _Views = ([], ("", ""), ("", ""), "")  # a word no kept token reads
_CACHE_LIMIT = 50_000  # words (about 25 MB at most)


@dataclass
class Tokens:
    """The tokens read from one posting: spans in the Markdown, and features."""

    spans: list[Span] = field(default_factory=list)
    features: list[list[str]] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.spans)


def tokens(markdown: str, extraction: Extraction | None) -> Tokens:
    """The tokens the tagger reads from ``markdown`` (see the module's doc), with the
    features of each; ``extraction`` gives the rules' readings (None: none)."""
    marks = _rule_marks(extraction)
    out = Tokens()
    section = "none"
    for number, line in enumerate(_LINE.finditer(markdown)):
        text = line.group()
        if not text.strip():
            continue
        heading = bool(_HEADING.match(text)) or lexicon.looks_like_heading(text.strip("*_ "))
        if heading:
            known, feeds = lexicon.section_field(text.strip("#*_ :"))
            section = (feeds or "other") if known else "other"
        begin, stop = line.span()
        here = [mark for mark in marks if mark[0] < stop and begin < mark[1]]  # in order
        if number >= TOP_LINES and ":" not in text and not here \
                and not lexicon.has_job_noun(text):
            continue  # none of its tokens is read (``_kept``): not cut into tokens
        found = [match.span() for match in _TOKEN.finditer(markdown, begin, stop)]
        if not found:
            continue
        keep = _kept(found, number, text, begin, here)
        if not keep:
            continue
        label = _LABEL.match(text)
        key = label.group(1).lower() if label and len(label.group(1).split()) <= 4 else ""
        colon = label.end() + begin if label and key else -1
        line_feats = [_LINE_AT[min(number, 12)], f"n={_bucket(len(found))}", f"sec={section}"]
        if heading:
            line_feats.append("H")
        if _ITEM.match(text):
            line_feats.append("I")
        if colon >= 0:
            line_feats.append("colon")
        low = max(0, keep[0] - 2)  # the words the kept tokens and their neighbours are
        views: list[_Views] = [_NO_VIEWS] * low + [
            _word(markdown[s:e]) for s, e in found[low:keep[-1] + 2]]
        after = len(found) - 1
        last = -2
        for i in keep:
            start, end = found[i]
            feats = line_feats + _TOKEN_AT[i if i < 6 else 6]
            if i == after:
                feats.append("last")
            if i != last + 1:
                feats.append("gap")
            last = i
            if colon >= 0:
                feats.append(f"lab={key}" if start >= colon else "prelab")
            feats += views[i][0]
            if i > 0:
                feats += views[i - 1][1]
                feats.append(views[i - 2][3] if i > 1 else "w-2=^")
            else:
                feats += _NOTHING_BEFORE
            feats += views[i + 1][2] if i < after else _NOTHING_AFTER
            if here:
                feats += _marks_at(here, start, end)
            out.spans.append((start, end))
            out.features.append(feats)
            if len(out.spans) >= MAX_TOKENS:
                return out
    return out


def _kept(found: list[Span], number: int, text: str, offset: int,
          marks: list[tuple[int, int, str]]) -> list[int]:
    """Which tokens of a line are read: all of a top line's first LINE_TOKENS; further
    down, those near the rules' evidence (``marks``: those on the line) or a job noun;
    a short labelled line whole."""
    if number < TOP_LINES or (len(found) <= 12 and ":" in text):
        return list(range(min(len(found), LINE_TOKENS)))
    near: set[int] = set()
    centres = [i for i, (s, e) in enumerate(found)
               if any(ms < e and s < me for ms, me, _ in marks)]
    centres += [_index(found, m.start() + offset) for m in lexicon.JOB_NOUNS.finditer(text)]
    for centre in centres:
        near.update(range(max(0, centre - AROUND), min(len(found), centre + AROUND + 1)))
    return sorted(near)


def _index(found: list[Span], pos: int) -> int:
    return next((i for i, (s, e) in enumerate(found) if e > pos), len(found) - 1)


def _word(word: str) -> _Views:
    """A word's features (cached): its own; as the token before another sees it
    ("w-1=", "s-1="); as the token after sees it ("w+1=", "s+1="); two before ("w-2=")."""
    cached = _WORD_CACHE.get(word)
    if cached is not None:
        return cached
    low = word.lower()
    shape = _shape(word)
    own = [f"w={low}", f"s={shape}", f"x={low[-3:]}"]
    if word[:1].isupper():
        own.append("T")
    if word.isupper() and len(word) > 1:
        own.append("U")
    if not word.isalpha() and any(c.isdigit() for c in word):  # (a letter is no digit)
        own.append("D")
    if len(word) > 2 and places.is_place(word):
        own.append("place")
    if lexicon.JOB_NOUNS.fullmatch(word):
        own.append("job")
    cached = (own, (f"w-1={low}", f"s-1={shape}"), (f"w+1={low}", f"s+1={shape}"),
              f"w-2={low}")
    if len(_WORD_CACHE) < _CACHE_LIMIT:
        _WORD_CACHE[word] = cached
    return cached


def _shape(word: str) -> str:
    """"Xx" for "Acme", "X" for "NASA", "x" for "data", "d" for "2024", "X.d" for
    "A-12": runs of one kind of character as one."""
    word = word[:12]
    if word.isascii() and word.isalpha():  # the usual words, without a look at each letter
        if word.islower():
            return "x"
        if word.isupper():
            return "X"
        if word[0].isupper() and word[1:].islower():
            return "Xx"
    out: list[str] = []
    for char in word:
        kind = "X" if char.isupper() else "x" if char.isalpha() else \
            "d" if char.isdigit() else char
        if not out or out[-1] != kind:
            out.append(kind)
    return "".join(out)


def _bucket(n: int) -> str:
    return "1" if n == 1 else "2" if n == 2 else "3" if n <= 4 else "5" if n <= 8 else \
        "9" if n <= 16 else "17"


def _rule_marks(extraction: Extraction | None) -> list[tuple[int, int, str]]:
    """The spans the rules' values (and alternatives) of the span fields came from,
    each with its features' tag: "r=title:structure" for a value, "a=title" for an
    alternative."""
    if extraction is None:
        return []
    marks: list[tuple[int, int, str]] = []
    for name in SPAN_FIELDS:
        stage = extraction.stages.get(name, "")
        for start, end in extraction.evidence.get(name, []):
            marks.append((start, end, f"r={name}:{stage}"))
        for alternative in extraction.alternatives.get(name, []):
            marks.extend((s, e, f"a={name}") for s, e in alternative.spans)
    return marks


def _marks_at(marks: Iterable[tuple[int, int, str]], start: int, end: int) -> list[str]:
    out: list[str] = []
    for mark_start, mark_end, tag in marks:
        if mark_start < end and start < mark_end:
            name = tag.split(":")[0]
            out.append(tag)
            if tag[0] == "r":
                out.append(name)
                if start <= mark_start:
                    out.append(f"{name}.b")
    return out
