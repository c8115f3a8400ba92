"""BIO tags over a posting's tokens, for the token-level formats: the Hugging Face folder's
``tokens``/``ner_tags`` columns and CoNLL-2003 files.

Tokens are ``tokens.tokenize``'s (no model), cut at every span's ends so that each span
starts and ends on a token boundary, with the whitespace tokens left out. A span is tagged
``B-LABEL`` on its first token and ``I-LABEL`` on the others; a token in no span is ``O``.
BIO tags cannot hold overlapping spans: the longest (in characters) is tagged, the earlier
on a tie, and the spans it overlaps are counted (``Tagged.overlapping``). A span of
whitespace only holds no token and is counted too (``Tagged.untaggable``). A token of a
span still suggested (``records.unsettled_spans``) that no span tags is unknown
(``Tagged.unknown``), not ``O``.

A CoNLL-2003 file (``ConllWriter``) has one line a token in four space-separated columns,
``TOKEN -X- _ TAG`` (the part-of-speech and chunk columns unknown), a ``-DOCSTART- -X- O
O`` line opening each posting (the document line spaCy's converter splits on), and a blank
line after each sentence. A sentence ends at a line break and after a full stop, question
or exclamation mark followed by whitespace, never inside a span. Whitespace in a label
becomes ``_`` (a column holds no space). CoNLL has no tag for "unknown": a posting not
reviewed, whose reviewers differ on its spans, or with spans still suggested is left out
and counted.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import NamedTuple

from reviewer.core.export.tokens import Token, token_range, tokenize
from reviewer.core.records import PostingRecord, SpanRecord, undecided, unsettled_spans

OUTSIDE = "O"
DOCSTART = "-DOCSTART- -X- O O"
SENTENCE_ENDS = frozenset(".!?。！？…")


class Tagged(NamedTuple):
    """The tokens of a text that are not whitespace, and their BIO tags."""

    tokens: list[Token]
    tags: list[str]
    untaggable: int  # spans that hold no token (whitespace only)
    overlapping: int  # spans left untagged: they overlap a longer (or earlier) one
    unknown: frozenset[int] = frozenset()  # tokens tagged O that no one settled (see below)


def bio_tags(text: str, spans: Sequence[SpanRecord],
             unknown: Sequence[tuple[int, int]] = ()) -> Tagged:
    """The tokens of ``text`` and their BIO tags from ``spans`` (offsets into ``text``);
    the tokens of the ``unknown`` spans (``records.unsettled_spans``) that no span tags
    are in ``Tagged.unknown``: their tag is not known to be ``O``."""
    every = tokenize(text, [*(x for s in spans for x in (s["start"], s["end"])),
                            *(x for span in unknown for x in span)])
    words = [t for t in every if not t["text"].isspace()]
    starts = [t["start"] for t in words]
    ranges: dict[int, tuple[int, int]] = {}
    untaggable = 0
    for i, s in enumerate(spans):
        found = token_range(words, starts, s["start"], s["end"])
        if found is None:
            untaggable += 1
        else:
            ranges[i] = found
    tags = [OUTSIDE] * len(words)
    kept = apart({i: (spans[i]["start"], spans[i]["end"], *held) for i, held in ranges.items()})
    for i in kept:
        first, last = ranges[i]
        tags[first] = f"B-{spans[i]['label']}"
        tags[first + 1:last + 1] = [f"I-{spans[i]['label']}"] * (last - first)
    unsure = {i for a, b in unknown if (held := token_range(words, starts, a, b))
              for i in range(held[0], held[1] + 1) if tags[i] == OUTSIDE}
    return Tagged(words, tags, untaggable, len(ranges) - len(kept), frozenset(unsure))


def apart(spans: Mapping[int, tuple[int, int, int, int]]) -> list[int]:
    """Which of ``spans`` (by number: start, end, first token, last token) an export
    that cannot hold overlapping spans keeps, in order: the longest in characters, the
    earlier on a tie, and none that shares a token with one kept. (One rule for the BIO
    tags and spaCy's entities: a project's two training sets hold the same entities.)"""
    taken: set[int] = set()
    kept = []
    for _length, _start, i in sorted((start - end, start, i)
                                     for i, (start, end, _f, _l) in spans.items()):
        first, last = spans[i][2:]
        if not taken.isdisjoint(range(first, last + 1)):
            continue
        taken.update(range(first, last + 1))
        kept.append(i)
    return sorted(kept)


def tag_names(labels: Iterable[str], schema: Sequence[str] = ()) -> list[str]:
    """Every tag of the span ``labels``: ``O``, then ``B-`` and ``I-`` of each label of
    the ``schema`` (its span labels, in order: their ids stay from export to export,
    used or not), then of each other label, sorted."""
    others = sorted(set(labels) - set(schema))
    return [OUTSIDE, *(f"{bi}-{label}" for label in [*dict.fromkeys(schema), *others]
                       for bi in "BI")]


def conll_tag(tag: str) -> str:
    """A tag as a CoNLL column: its whitespace as ``_``."""
    return re.sub(r"\s+", "_", tag)


def _ends_sentence(text: str, token: Token, following: Token) -> bool:
    gap = text[token["end"]:following["start"]]
    return "\n" in gap or (bool(gap) and token["text"] in SENTENCE_ENDS)


def conll_sentences(text: str, tagged: Tagged) -> list[list[str]]:
    """The CoNLL lines of a tagged text, one list a sentence."""
    sentences: list[list[str]] = []
    current: list[str] = []
    words, tags = tagged.tokens, tagged.tags
    for i, (token, tag) in enumerate(zip(words, tags, strict=True)):
        current.append(f"{token['text']} -X- _ {conll_tag(tag)}")
        last = i + 1 == len(words)
        if last or (not tags[i + 1].startswith("I-")
                    and _ends_sentence(text, token, words[i + 1])):
            sentences.append(current)
            current = []
    return sentences


class ConllWriter:
    """A CoNLL-2003 file, one ``-DOCSTART-`` document a posting, written as it comes."""

    def __init__(self, path: Path, tags: dict[str, str] | None = None,
                 suggests: bool = True) -> None:
        """``tags``: each label's column tag to the label, shared by the parts of one
        export (two labels of one tag are refused across them); ``suggests``: see
        ``records.unsettled_spans``."""
        self._file = path.open("w", encoding="utf-8")
        self._suggests = suggests
        self.overlapping = 0
        self.undecided = 0  # postings left out: their span labels are undecided
        self.unreviewed = 0  # postings left out: no one reviewed them (``--all``)
        self.unsettled = 0  # postings left out: spans still suggested, neither one nor none
        self._labels = {} if tags is None else tags  # each label's column tag -> the label

    def write(self, record: PostingRecord) -> int:
        if undecided(record, "spans"):  # no tag says "unknown": left out
            self.undecided += 1
            return 0
        if record["status"] != "reviewed":  # its words nobody labelled are unknown, not O
            self.unreviewed += 1
            return 0
        if unsettled_spans(record, self._suggests):  # its skills' words: unknown, not O
            self.unsettled += 1
            return 0
        for span in record["spans"]:
            label = span["label"]
            other = self._labels.setdefault(conll_tag(label), label)
            if other != label:
                raise ValueError(f"the span labels {other!r} and {label!r} would be one tag in "
                                 f"CoNLL ({conll_tag(label)}: a tag holds no space); rename "
                                 "one of them in the label schema")
        tagged = bio_tags(record["text"], record["spans"])
        self.overlapping += tagged.overlapping
        self._file.write(DOCSTART + "\n\n")
        for sentence in conll_sentences(record["text"], tagged):
            self._file.write("\n".join(sentence) + "\n\n")
        return tagged.untaggable

    def close(self) -> None:
        self._file.close()
