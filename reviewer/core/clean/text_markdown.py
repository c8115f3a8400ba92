"""Lines of a text dump, and the Markdown written from the lines a cleaner kept.

Headings become ``##`` headings, bullets ``-`` items, a labelled line stays a line
(or heads its value when the value runs on), and hard-wrapped lines join their
paragraph again. Each Markdown line knows the input ranges it came from.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass

from reviewer.core.clean.escape import tags_escaped
from reviewer.core.clean.text_labels import (
    JOB_LABELS,
    LABEL,
    NAME_LABELS,
    label_match,
    short_answer,
)
from reviewer.core.words import other_languages
from reviewer.core.words.lexicon import section_field
from reviewer.core.words.regex import lazy_compile
from reviewer.core.words.text import DIRECTION_MARKS, FIGURE_FIRST

# (a line may open with a mark that sets its direction, U+200E, U+200F, U+061C: it is read
# through as a space is, ``DIRECTION_MARKS``; Chinese and Japanese write their bullet,
# "・", and a number's mark, "1、", with no space after it)
BULLET = lazy_compile(
    rf"^[\s{DIRECTION_MARKS}]*(?:(?:[-*•·▪◦●○■□▫‣⁃–—➢➤►✓✔]|\d{{1,2}}[.)]|[a-z][.)])\s+"
    r"|(?:[・･]|\d{1,2}、)\s*)")
# what a heading's words are written in, left out: a colon after them (or a full-width one),
# the brackets or the sign around them ("【仕事内容】", "■応募資格")
_MARKS = ": \t" + other_languages.HEADING_OPENERS + other_languages.HEADING_CLOSERS
# a line of nothing but Markdown images (perhaps linked, perhaps a list item): no content
_IMAGE = r"\[?!\[[^\]\n]*\](?:\([^)\n]*\)|\[[^\]\n]*\])(?:\]\([^)\n]*\))?"
IMAGE_LINE = lazy_compile(rf"^\s*(?:[-*+]\s+)?{_IMAGE}(?:\s*{_IMAGE})*\s*$")


def _single_spaces(text: str) -> str:
    return _SPACES.sub(" ", text) if "  " in text else text


_SPACES = lazy_compile(r" {2,}")


@dataclass
class Line:
    start: int  # offset of the line in the normalised source
    text: str
    score: float = 0.0
    reason: str | None = None  # why it goes, when it is boilerplate
    kind: str = "text"  # text | blank | image | bullet | heading | label | rule | code | table
    group: int = 0  # the code block or table a line of one is in (``mark_tables_and_code``)


def lines_of(source: str) -> list[Line]:
    lines = []
    pos = 0
    for text in source.split("\n"):
        line = Line(pos, text)
        if not text.strip():
            line.kind = "blank"
        elif "![" in text and IMAGE_LINE.match(text):
            line.kind = "image"
        lines.append(line)
        pos += len(text) + 1
    return lines


_FENCE = lazy_compile(r" {0,3}(`{3,}|~{3,})")
# a table's rule row: two cells or more of three dashes or more (":" for the alignment)
_TABLE_RULE = lazy_compile(r"\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)+\|?\s*")
AS_WRITTEN = ("code", "table")  # kinds of line written out as they are, one under another


def fenced(texts: list[str]) -> list[tuple[int, int]]:
    """(first, last) line of each fenced code block of Markdown among ``texts``: a fence of
    three backticks or tildes or more, closed by a fence alone on its line, of its kind and
    as long or longer (one never closed opens none).

    Each fence's closing is found in one walk back from the end (a page of thousands of
    fences, each never closed, is read in linear time): per kind of fence, the fences
    alone on their line after it that no nearer one as long stands before, longest
    farthest; the nearest as long as it is its closing."""
    fences = [(i, mark[1], not text[mark.end():].strip())
              for i, text in enumerate(texts) if "`" in text[:6] or "~" in text[:6]
              if (mark := _FENCE.match(text))]
    closing: dict[int, int] = {}
    after: dict[str, list[tuple[int, int]]] = {"`": [], "~": []}  # (-length, line), nearest last
    for i, fence, alone in reversed(fences):
        kind = after[fence[0]]
        at = bisect.bisect_right(kind, (-len(fence), len(texts)))  # those as long or longer
        if at:
            closing[i] = kind[at - 1][1]
        if alone:
            while kind and -kind[-1][0] <= len(fence):
                kind.pop()  # farther, and no longer: never the nearest as long
            kind.append((-len(fence), i))
    blocks: list[tuple[int, int]] = []
    for i, _fence, _alone in fences:
        if i in closing and (not blocks or i > blocks[-1][1]):
            blocks.append((i, closing[i]))
    return blocks


def mark_tables_and_code(lines: list[Line]) -> None:
    """Markdown's fenced code and tables (a header row over a rule row of dashes and
    pipes, and the rows under them), kept as written: each line of one is of kind
    "code" or "table", in a ``group`` of its own, neither boilerplate nor a break in the
    posting (it scores nothing against it). A line of pipes with no rule row under it
    (a menu: "Home | Jobs | About") is no table."""
    texts = [line.text for line in lines]
    group = 0
    for first, last in fenced(texts):
        group += 1
        for line in lines[first:last + 1]:
            _as_written(line, "code", group)
    i = 0
    while i + 1 < len(lines):
        if "|" in texts[i] and lines[i].kind != "code" and "|" in texts[i + 1] \
                and _TABLE_RULE.fullmatch(texts[i + 1]):
            end = i + 2
            while end < len(lines) and "|" in texts[end] and lines[end].kind != "code":
                end += 1
            group += 1
            for line in lines[i:end]:
                _as_written(line, "table", group)
            i = end
        else:
            i += 1


def _as_written(line: Line, kind: str, group: int) -> None:
    line.kind, line.group, line.reason = kind, group, None
    line.score = max(line.score, 0.0)


def to_markdown(lines: list[Line]) -> tuple[str, dict[int, list[tuple[int, int]]]]:
    """The Markdown, and for each of its lines the input ranges it came from."""
    blocks: list[tuple[str, list[Line]]] = []
    para: list[str] = []
    para_lines: list[Line] = []
    wrap_at = wrap_width(lines)

    def flush() -> None:
        if para:
            blocks.append((_single_spaces(" ".join(para)), list(para_lines)))
            para.clear()
            para_lines.clear()

    prev_len = 0
    carried = wrapped_paragraphs(lines)
    for index, line in enumerate(lines):
        text = line.text.strip()
        if line.kind in AS_WRITTEN:  # a line of code keeps its indent
            flush()
            blocks.append((line.text.rstrip() if line.kind == "code" else text, [line]))
            prev_len = 0
            continue
        if line.kind == "blank":
            flush()
            prev_len = 0
            continue
        if line.kind == "heading":
            flush()
            heading = text if text.startswith("#") else "## " + (text.strip(_MARKS) or text)
            blocks.append((heading, [line]))
            prev_len = 0
            continue
        if line.kind == "label":
            label = label_match(text)
            value = label.group(2).strip() if label else ""
            flush()
            following = lines[index + 1] if index + 1 < len(lines) else None
            goes_on = following is not None and (
                (following.kind == "text" and (
                    _continues(text, following.text.strip()) or len(line.text) >= wrap_at))
                # "REQUIRED QUALIFICATIONS: Candidates will have:" over a list
                or (following.kind == "bullet" and label is not None
                and section_field(label.group(1))[1] is not None))
            # a long value heads a paragraph of its own ("Pay: Salary offers are based on
            # …"), but a name stays on its labelled line ("Company: " and a name of a
            # hundred characters); past 160 it is no name, but a paragraph about one
            name = label is not None and NAME_LABELS.match(label.group(1).strip()) is not None
            long_value = goes_on or (len(value) > (160 if name else 60)
                                     and not _fact_first(label, value))
            if label and not value:
                blocks.append(("## " + label.group(1).strip(), [line]))
            elif label and long_value:
                blocks.append(("## " + label.group(1).strip(), [line]))
                para.append(value)
                para_lines.append(line)
            else:
                blocks.append((_single_spaces(text), [line]))
            prev_len = len(line.text) if label and value and long_value else 0
            continue
        if line.kind == "bullet":
            flush()
            para.append("- " + BULLET.sub("", text))
            para_lines.append(line)
            prev_len = len(line.text)
            continue
        if not (para and ((prev_len >= wrap_at and not _two_facts(para, text))
                          or index in carried or _continues(para[-1], text))):
            flush()
        para.append(text)  # a hard-wrapped line goes on its paragraph
        para_lines.append(line)
        prev_len = len(line.text)
    flush()
    out: list[str] = []
    origin: dict[int, list[tuple[int, int]]] = {}
    group = 0  # the code block or table of the line written last (0: none)
    for text, sources in blocks:
        text = text.rstrip()
        kind = sources[0].kind
        if not text.strip("# ") and kind != "code":
            continue
        # the items of one list, the lines of one table or code block, sit on consecutive
        # lines; other blocks have a blank line between them
        together = (text.startswith("- ") and out and out[-1].startswith("- ")) or (
            kind in AS_WRITTEN and sources[0].group == group)
        group = sources[0].group if kind in AS_WRITTEN else 0
        if kind != "code" and "<" in text:  # a dump's "<script>", "<b>": text, no HTML
            text = tags_escaped(text)
        if out and not together:
            out.append("")
        origin[len(out)] = [(x.start, x.start + len(x.text)) for x in sources]
        out.append(text)
    return ("\n".join(out) + "\n" if out else ""), origin


def _two_facts(para: list[str], text: str) -> bool:
    """Is ``text`` a "Label: value" under a paragraph of one such line ("Subject: …" over
    "Date: …", a mail's headers), however long that line: two facts, not one wrapped
    paragraph. (A wrapped sentence's lines may hold a colon each: "… via e-mail: …" over
    "Company's office at: …"; its first line does not open so. Nor does a line wrap inside
    a label: "…; Closing" over "Date: 31 March" is one sentence's.)"""
    if len(para) != 1 or not _fact(para[0]):
        return False
    label = _fact(text)
    return label is not None and not JOB_LABELS.match(f"{para[0].split()[-1]} {label}")


def _fact(line: str) -> str | None:
    """The label of a "Label: value" line whose label is a word or three, or None."""
    label = LABEL.match(line)
    if label is None or not label.group(2).strip() or len(label.group(1).split()) > 3:
        return None
    return label.group(1)


def _fact_first(label: re.Match[str] | None, value: str) -> bool:
    """Does a posting's fact, a date or a sum, open a long value on its label's line
    ("Closing date: 28/11/2025. Interviews …"): a fact on its line, no heading? A value
    that opens with a figure is one under any label but a section's, in any language
    ("Widełki: 22 000 – 28 000 PLN netto + VAT / mies. (B2B) lub …")."""
    if label is None:
        return False
    if FIGURE_FIRST.match(value) and not section_field(label.group(1), loose=False)[0]:
        return True
    first = re.split(r"\.\s+(?=[A-Z])", value, maxsplit=1)[0]
    return JOB_LABELS.match(label.group(1).strip()) is not None \
        and short_answer(first) and any(c.isdigit() for c in first)


def _continues(previous: str, text: str) -> bool:
    """Does ``text`` carry on the sentence of the line before it?"""
    return text[:1].islower() and not previous.rstrip().endswith((".", ":", ";", "!", "?")) \
        and len(previous) >= 40


def wrapped_paragraphs(lines: list[Line]) -> set[int]:
    """The lines that carry on the line above them in a paragraph hard-wrapped on its
    own, as a short mail's are (too few lines for ``wrap_width`` to find the width).

    A run of plain lines, no blank between them, is one wrapped paragraph when each
    line is full: the first word of the next would not have fitted on it within the
    longest line (a program wrapping text puts a word on the next line only then);
    the longest is as long as a wrapped line is (60 to 100), the last line ends a
    sentence, and some line above it ends in the middle of one. Items one a line
    (a list copied without bullets, an address) are of lengths that leave room, or
    each opens with a capital."""
    carried: set[int] = set()
    run: list[int] = []
    for index in range(len(lines) + 1):
        if index < len(lines) and lines[index].kind == "text" \
                and not BULLET.match(lines[index].text):
            run.append(index)
            continue
        texts = [lines[i].text.strip() for i in run]
        if len(texts) >= 2 and _one_paragraph(texts):
            carried.update(run[1:])
        run = []
    return carried


def _one_paragraph(texts: list[str]) -> bool:
    width = max(map(len, texts))
    if not 60 <= width <= _WIDEST or not texts[-1].rstrip(_CLOSERS).endswith((".", "!", "?")):
        return False
    if all(text.rstrip(_CLOSERS).endswith((".", "!", "?", ":", ";")) for text in texts[:-1]):
        return False  # a sentence a line
    if len(texts) > 2 and all(text[:1].isupper() for text in texts[1:]):
        return False  # items one a line, each opening anew
    if len(texts) == 2 and texts[1][:1].isupper() and not _GOES_ON.search(texts[0]):
        return False  # two items, each opening anew ("… services firm" over "NEBOSH …")
    return all(len(text) + 1 + len(following.split()[0]) > width
               for text, following in itertools.pairwise(texts))


_CLOSERS = "\"')]’”»"
# a line's last word that a sentence goes on after: a wrapped line breaks there
_GOES_ON = re.compile(r"\b(?:and|or|of|the|a|an|to|in|with|for|on|at|by|from|as|that|which|"
                      r"your|our|their|is|are|will|be|we|you|this|these|its|[a-z]+,)$")
_WIDEST = 100  # a text wrapped wider is rare; a paragraph a line is often as long


def wrap_width(lines: list[Line]) -> int:
    """The width a hard-wrapped text was wrapped at, less a margin; or "never join".

    A wrapped text has many lines ending near one width; a text whose paragraphs
    are single long lines has no such width, and its lines are never joined."""
    lengths = [len(x.text.rstrip()) for x in lines if x.kind in ("text", "bullet")]
    long = [n for n in lengths if n >= 40]
    if len(long) < 3:
        return 10**6
    # how many lines end within 20 characters below each width: one pass over a histogram
    counts = [0] * 131
    for n in long:
        if n <= 130:
            counts[n] += 1
    below = list(itertools.accumulate(counts))
    best, width = 0, 0
    for candidate in range(40, 131):
        if not counts[candidate]:
            continue
        near = below[candidate] - (below[candidate - 21] if candidate >= 21 else 0)
        if near >= best:
            best, width = near, candidate
    if best < max(3, len(long) * 0.4):
        return 10**6
    # and the lines that end near it are really cut: the next line carries on the
    # sentence, not in a capital (a page copied from a browser has one item a line, each
    # starting anew with one, many of a like length: joined, they ran together)
    carried = sum(
        1 for line, nxt in itertools.pairwise(lines)
        if width - 20 <= len(line.text.rstrip()) <= width and nxt.kind == "text"
        and not BULLET.match(nxt.text) and not nxt.text.lstrip()[:1].isupper()
        and not nxt.text.lstrip().startswith("#")
    )
    if carried < max(2, best * 0.15):
        return 10**6
    return max(30, width - 25)
