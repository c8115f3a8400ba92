"""From the Markdown source of a posting to the text Qt renders from it, and back.

The extractor's evidence spans are offsets into the Markdown *source*, but the
document pane shows the rendered text, which lacks the markup ("## ", "- ",
"**", "[text](url)" …). ``SpanMapper`` maps a source span onto the rendered text;
``word_snap.snap_to_words`` and ``source_span`` turn a selection in the rendered
text into whole words and then into the source range that shows them. Offsets here are
code points; ``utf16_offsets`` (in ``core.words.text``) converts them to Qt's UTF-16
positions. No Qt.

No image is ever rendered: Qt's image handler would open the file an image names
(``loadResource`` aside), so ``hide_images`` swaps every Markdown image for a
placeholder, "[image: its alt text]" (``image_placeholder``, which the store reads a
range over an image as too), before the Markdown reaches Qt, and ``strip_markdown``
writes the same placeholder.
"""

from __future__ import annotations

import bisect
import html
import re
from typing import Any

from reviewer.core.extract import image_placeholder, shown_words
from reviewer.core.store import valid_pair
from reviewer.core.words import SPACED_CLASS
from reviewer.gui.word_snap import in_word

# --- from Markdown source to rendered text -------------------------------------------

_LINE_MARK = re.compile(
    r"^[ \t]*(?:>[ \t]?)*[ \t]*"
    r"(?:#{1,6}(?:[ \t]+|$)|[-*+][ \t]+(?:\[[ xX]\][ \t]+)?|\d{1,9}[.)][ \t]+)?"
)
RULE = re.compile(r"^[ \t]*(?:[-*_=][ \t]*){3,}$")
_TABLE_RULE = re.compile(r"^[ \t|:-]*-[ \t|:-]*$")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_IMAGE = re.compile(r"!\[([^\]\n]*)\](?:\([^)\n]*\)|\[[^\]\n]*\])")
_LINK = re.compile(r"\[([^\]\n]*)\](?:\([^)\n]*\)|\[[^\]\n]*\])")
_AUTOLINK = re.compile(r"<((?:https?|ftp|mailto):[^>\s]*)>")
_EMPHASIS = re.compile(r"\*\*|__|~~|[*`]")
_PRIVATE = 0xE000  # escaped characters are parked in the private use area
_UNPARK = {_PRIVATE + c: c for c in range(0x21, 0x7F)}
_PARK = {c: _PRIVATE + c for c in range(0x21, 0x7F)}  # (and all of a code span's)
_CODE = re.compile(r"(?<![`\\])(`+)(?!`)(.{1,2000}?)(?<!`)\1(?!`)")  # (a code span)
_PARKED_BRACKETS = (chr(_PRIVATE + ord("[")), chr(_PRIVATE + ord("]")))  # not a link's


def strip_markdown(text: str, at_line_start: bool = True, tables: bool = False) -> str:
    """``text`` with the Markdown markup removed, as the renderer would show it.

    ``at_line_start`` says whether ``text`` begins a source line (only then is a
    heading or list marker at its start markup). ``tables`` also drops table pipes.
    """
    # code (its backticks, "*", "\\" …) and an escaped character (\*) are text, not
    # markup: park them out of the way; a code span's padding, one space each side, off
    text = _CODE.sub(lambda m: re.sub(r"^ (.*\S.*) $", r"\1", m.group(2)).translate(_PARK), text)
    text = _ESCAPE.sub(lambda m: chr(_PRIVATE + ord(m.group(1))), text)
    lines = text.split("\n")
    out = []
    for i, line in enumerate(lines):
        if i > 0 or at_line_start:
            if RULE.match(line) or (tables and "|" in line and _TABLE_RULE.match(line)):
                line = ""
            line = _LINE_MARK.sub("", line, count=1)
        out.append(line)
    text = "\n".join(out)
    text = _IMAGE.sub(lambda m: image_placeholder(m.group(1), *_PARKED_BRACKETS), text)
    text = _LINK.sub(r"\1", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _EMPHASIS.sub("", text)
    if tables:
        text = text.replace("|", " ")
    return text.translate(_UNPARK)


# --- images: shown as a placeholder, never loaded ---------------------------------------

_ALT = r"(?:\\.|[^\\\[\]])*"  # a bracketed label: escapes, no bare brackets
_ANY_IMAGE = re.compile(
    rf"!\[({_ALT})\]"
    r"(?:(\((?:[^()\\]|\\.|\([^()]*\))*\))|\[(" + _ALT + r")\])?"
)
_DEFINITION = re.compile(rf"^[ ]{{0,3}}\[({_ALT})\]:", re.M)
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def _label_key(label: str) -> str:
    return " ".join(label.split()).casefold()


def hide_images(markdown: str) -> str:
    """``markdown`` with every image, inline or by reference, replaced by its
    placeholder; and what is left of image syntax ("![") escaped, so that no image
    can be parsed out of the result, whatever the input."""
    defined = {_label_key(m.group(1)) for m in _DEFINITION.finditer(markdown)}

    def swap(m: re.Match[str]) -> str:
        text, at = m.string, m.start()
        while at > 0 and text[at - 1] == "\\":
            at -= 1
        alt, target, ref = m.group(1), m.group(2), m.group(3)
        if (m.start() - at) % 2 or _BLANK_LINE.search(alt):
            return m.group(0)  # "\![": an escaped "!" and a link; or no label at all
        if target is None and _label_key(ref or alt) not in defined:
            return m.group(0)  # not an image: "![text]" with nothing it refers to
        return image_placeholder(alt, "\\[", "\\]")  # (the alt text keeps its own escapes)

    for _ in range(16):  # an image in an image's alt text goes first
        hidden = _ANY_IMAGE.sub(swap, markdown)
        if hidden == markdown:
            break
        markdown = hidden
    return markdown.replace("![", "!\\[")


# a whitespace run that is not one space already (an image is an object character, taken
# as a space): one space is itself squashed, and most runs are one space
_RUN = re.compile(r"[\s\ufffc]{2,}|[^\S ]|\ufffc")


def squash(text: str) -> tuple[str, list[int]]:
    """``text`` with every whitespace run made one space, and for each character
    of the result its index in ``text``."""
    chars: list[str] = []
    index: list[int] = []
    at = 0
    for run in _RUN.finditer(text):  # (a run at a time: a megabyte's text in a blink)
        chars += (text[at:run.start()], " ")
        index += range(at, run.start() + 1)
        at = run.end()
    chars.append(text[at:])
    index += range(at, len(text))
    return "".join(chars), index


def _shown_length(line: str) -> int:
    """The length of ``squash(line)[0].strip()``, without the index."""
    return len(" ".join(line.replace("\ufffc", " ").split()))


def _expected_offsets(source: str) -> tuple[list[int], list[int], set[int]]:
    """Line start offsets of ``source`` and, per line, the length of the squashed
    rendered text before it: a cheap estimate of where a span lands; and the lines that
    are a table's rows (``table_rows``)."""
    starts, before = [], []
    pos = total = 0
    lines = source.split("\n")
    rows = table_rows(lines)
    stripped = strip_markdown(source).split("\n")  # (line by line, in one go: its markup
    for n, line in enumerate(lines):  # is of one line)
        starts.append(pos)
        before.append(total)
        # a table row shows its cells a line each (its rule row, nothing): no pipes
        shown = _shown_length(strip_markdown(line, tables=True) if n in rows else stripped[n])
        if shown:
            total += shown + 1
        pos += len(line) + 1
    return starts, before, rows


def table_rows(lines: list[str]) -> set[int]:
    """The numbers of the lines that are rows of a Markdown table: a run of lines that
    start with "|" whose second line is the rule row (a line of pipes alone is text)."""
    rows: set[int] = set()
    n = 0
    while n < len(lines):
        if lines[n].lstrip().startswith("|") and n + 1 < len(lines) \
                and "|" in lines[n + 1] and _TABLE_RULE.match(lines[n + 1]):
            end = n
            while end < len(lines) and lines[end].lstrip().startswith("|"):
                end += 1
            rows.update(range(n, end))
            n = end
        else:
            n += 1
    return rows


def _closest(hay: str, needle: str, expected: int) -> int:
    """Where ``needle`` occurs in ``hay`` nearest to ``expected`` (of two as near, the
    earlier); -1 if nowhere. The last occurrence before it and the first from it on:
    a skill named thousands of times is not looked for from the text's start."""
    expected = max(0, expected)
    after = hay.find(needle, expected)
    # before it, no further back than the one after it is ahead: an item named once in
    # a megabyte's posting was looked for back to the text's start, span after span
    reach = 0 if after == -1 else max(0, 2 * expected - after)
    before = hay.rfind(needle, reach, expected - 1 + len(needle)) if expected else -1
    if before == -1 or (after != -1 and after - expected < expected - before):
        return after
    return before


_STEP = 512  # characters of a long line read at once for where a span is expected


class SpanMapper:
    """Maps spans of a Markdown source onto the plain text of its rendering."""

    def __init__(self, source: str, rendered: str) -> None:
        self.source = source
        self.rendered = rendered
        self._hay, self._index = squash(rendered)
        self._starts, self._before, self._rows = _expected_offsets(source)
        # each span mapped once: a posting drawn again (a span labelled) asks them all
        self._mapped: dict[tuple[int, int], tuple[int, int] | None] = {}
        # of a long line: where it may be cut without cutting markup, and how much of
        # it is shown before each cut
        self._cuts: dict[int, tuple[list[int], list[int]]] = {}

    def _expected(self, offset: int) -> int:
        line = bisect.bisect_right(self._starts, offset) - 1
        start = self._starts[line]
        tables = line in self._rows
        if offset - start < 2 * _STEP:
            head = squash(strip_markdown(self.source[start:offset], tables=tables))[0]
            return self._before[line] + len(head.lstrip())
        # far into a long line (thousands of skills in one): from the nearest cut before
        # it, the shown length of each piece read once, not the line's head at each span
        if line not in self._cuts:
            self._cuts[line] = self._cut(start, tables)
        cuts, shown = self._cuts[line]
        k = bisect.bisect_right(cuts, offset) - 1
        rest = squash(strip_markdown(self.source[cuts[k]:offset], k == 0, tables))[0]
        return self._before[line] + shown[k] + len(rest.lstrip() if k == 0 else rest)

    def _cut(self, start: int, tables: bool) -> tuple[list[int], list[int]]:
        """Where the line from ``start`` may be cut, every ``_STEP`` characters or so:
        at a space outside a link's text and target (markup is of one piece; a "[" never
        closed stops counting after ``_STEP`` characters), and the length shown before
        each cut."""
        end = self.source.find("\n", start)
        end = len(self.source) if end == -1 else end
        cuts, shown = [start], [0]
        depth, opened, target = 0, start, False  # open "[", where, in a link's "(…)"
        escaped = False
        for at in range(start, end):
            char = self.source[at]
            if escaped:  # (an escaped "\[" is text; and a space after "\" no cut)
                escaped = False
                continue
            escaped = char == "\\"
            if target:
                target = char != ")"
            elif char == "[":
                depth, opened = depth + 1, at if depth == 0 else opened
            elif char == "]" and depth:
                depth -= 1
                target = depth == 0 and self.source.startswith("(", at + 1)
            elif depth and at - opened > _STEP:
                depth = 0  # (a bracket of the text, never closed)
            if char.isspace() and not depth and not target and at - cuts[-1] >= _STEP:
                piece = squash(strip_markdown(self.source[cuts[-1]:at], len(cuts) == 1,
                                              tables))[0]
                shown.append(shown[-1] + len(piece.lstrip() if len(cuts) == 1 else piece))
                cuts.append(at)
        return cuts, shown

    def source_near(self, rendered: int) -> int:
        """Roughly where in the source the rendered offset ``rendered`` comes from
        (the inverse of the estimate ``map`` searches around)."""
        hay_pos = bisect.bisect_left(self._index, rendered)
        line = max(0, bisect.bisect_right(self._before, hay_pos) - 1)
        return self._starts[line] + (hay_pos - self._before[line])

    def map(self, start: int, end: int) -> tuple[int, int] | None:
        """The rendered range (code point offsets) showing ``source[start:end]``,
        or None when the span is invalid or its text cannot be found."""
        if not (isinstance(start, int) and isinstance(end, int)):
            return None
        if not 0 <= start < end <= len(self.source):
            return None
        if (start, end) not in self._mapped:
            self._mapped[(start, end)] = self._map(start, end)
        return self._mapped[(start, end)]

    def _map(self, start: int, end: int) -> tuple[int, int] | None:
        raw = self.source[start:end]
        at_line_start = start == 0 or self.source[start - 1] == "\n"
        stripped = strip_markdown(raw, at_line_start)
        candidates = (stripped, lambda: html.unescape(stripped),  # each made when the one
                      lambda: strip_markdown(raw, at_line_start, tables=True), raw,  # before
                      # (a range that cuts a link or emphasis: "Acme](https://a.example)")
                      lambda: shown_words(self.source, start, end))
        expected = self._expected(start)  # is not found (most often the first is)
        seen: set[str] = set()
        for made in candidates:
            text = made if isinstance(made, str) else made()
            needle = squash(text)[0].strip()
            if not needle or needle in seen:
                continue
            seen.add(needle)
            i = _closest(self._hay, needle, expected)
            if i >= 0:
                return self._index[i], self._index[i + len(needle) - 1] + 1
        return None


# --- from a selection in the rendered text back to the source ------------------------

_WORD_TOKEN = re.compile(r"\w+|[^\w\s]+")
_MARKUP_EDGES = "*_`~"
# what Markdown may put between two rendered words: spaces, emphasis, escapes, link
# brackets and targets, list and heading marks
_BETWEEN = (r"(?:[\s*_`~>#|\\]|\[|\]\([^)\n]*\)|\]"
            r"|(?<=\n)[ \t]*(?:[-+*]|\d{1,9}[.)])(?=[ \t]))*")


def _token_pattern(token: str) -> str:
    """A rendered token as Markdown may write it: punctuation escaped or as an entity."""
    return "".join(re.escape(ch) if ch.isalnum() or ch == "_" else
                   f"(?:\\\\?{re.escape(ch)}|&[#\\w]+;)" for ch in token)


_SHOWN_IMAGE = re.compile(r"\[image(?:: ([^\]\n]*))?\]")  # (``image_placeholder``)


def _words_pattern(words: str) -> str:
    """The pattern of the Markdown that shows as ``words``: its tokens as written
    (``_token_pattern``), with markup between them; an image's placeholder as that
    image's own syntax ("[image: Team]" is "![Team](team.png)"), or as written."""
    parts, at = [], 0
    for shown in _SHOWN_IMAGE.finditer(words):
        parts += map(_token_pattern, _WORD_TOKEN.findall(words[at:shown.start()]))
        alt = _BETWEEN.join(map(_token_pattern, _WORD_TOKEN.findall(shown.group(1) or "")))
        written = _BETWEEN.join(map(_token_pattern, _WORD_TOKEN.findall(shown.group())))
        parts.append(rf"(?:!\[{_BETWEEN}{alt}{_BETWEEN}\](?:\([^)\n]*\)|\[[^\]\n]*\])"
                     rf"|{written})")
        at = shown.end()
    parts += map(_token_pattern, _WORD_TOKEN.findall(words[at:]))
    return _BETWEEN.join(parts)


def source_span(source: str, rendered: str, start: int, end: int,
                mapper: SpanMapper | None = None) -> tuple[int, int] | None:
    """The range of the Markdown ``source`` that shows as ``rendered[start:end]``: the
    same whole words, with any markup between them. Of several such ranges, the one
    the renderer shows at exactly that place, else the one nearest to it."""
    tokens = _WORD_TOKEN.findall(rendered[start:end])
    if not tokens:
        return None
    body = _words_pattern(rendered[start:end])
    # whole words: no letter or digit next to them (an underscore may be emphasis)
    # (beside a letter of a script without spaces, a word may end anywhere)
    head = rf"(?<!(?=[^\W_]){SPACED_CLASS})" if tokens[0][0].isalnum() else ""
    tail = rf"(?!(?=[^\W_]){SPACED_CLASS})" if in_word(tokens[-1][-1]) else ""
    pattern = re.compile(head + body + tail)
    expected = mapper.source_near(start) if mapper is not None else 0
    candidates: list[tuple[int, int]] = []
    found = pattern.search(source)
    while found is not None:  # every match, overlapping ones too
        candidates.append((found.start(), found.end()))
        found = pattern.search(source, found.start() + 1)
    # the nearest first: in a long paragraph each mapping reads its line from the start,
    # and the word selected is rarely far from where the estimate puts it
    candidates.sort(key=lambda c: abs(c[0] - expected))
    if mapper is not None:
        for candidate in candidates:
            if mapper.map(*candidate) == (start, end):
                return candidate
    return candidates[0] if candidates else None


def trim_markup(text: str, start: int, end: int) -> tuple[int, int]:
    """A source range without emphasis or code marks at its ends."""
    while start < end and text[start] in _MARKUP_EDGES:
        start += 1
    while end > start and text[end - 1] in _MARKUP_EDGES:
        end -= 1
    return start, end


def valid_span(span: Any) -> tuple[int, int] | None:
    """``span`` as ``(start, end)`` ints with ``0 <= start < end`` (``valid_pair``), else
    None."""
    return (span[0], span[1]) if valid_pair(span) else None
