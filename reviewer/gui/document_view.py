"""The document pane: the cleaned posting rendered from Markdown, evidence highlighted.

The extractor's evidence spans are offsets into the Markdown *source*, but the
widget shows the rendered document, whose text lacks the markup ("## ", "- ",
"**", "[text](url)" …). ``SpanMapper`` bridges the two: it strips the markup from
a span's source text the way the renderer does and looks for the result in the
rendered text near where the span should be. Positions kept in
``DocumentView.highlights`` are Qt document positions (UTF-16 units).

The view never loads anything: links are not followed and ``loadResource``
answers every request (remote image, local file) with nothing, and the
Markdown is read with HTML switched off.
"""

from __future__ import annotations

import bisect
import html
import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QEvent, QPoint, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QPalette,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QApplication, QTextBrowser, QToolTip, QWidget

from reviewer.core.schema import FIELDS

# Hue (degrees) per field. Short values get saturated pastels; the four list
# fields, whose spans are whole bullet items, get faint tints so that the short
# spans inside them (skills, education, years) stay visible on top.
_HUES: dict[str, int] = {
    "valid_through": 0, "remote": 24, "title": 45, "skills": 58, "date_posted": 82,
    "salary": 120, "locations": 145, "work_hours": 172, "company": 195,
    "requisition_id": 212, "experience_years": 232, "department": 258, "seniority": 282,
    "employment_type": 308, "education": 334,
    "responsibilities": 205, "required_qualifications": 32,
    "preferred_qualifications": 135, "benefits": 318,
}
_LONG = frozenset({"responsibilities", "required_qualifications",
                   "preferred_qualifications", "benefits"})
FLASH_MS = 600
MAX_LINE_WIDTH = 780  # px of text column; wider windows get wider side margins
MARGIN = 16


def _color(name: str, dark: bool, strong: bool = False) -> QColor:
    hue = _HUES.get(name)
    if hue is None:  # a field unknown to this schema: neutral grey
        return QColor.fromHslF(0.0, 0.0, 0.45 if dark else (0.7 if strong else 0.86))
    if strong:
        sat, light = (0.65, 0.42) if dark else (0.95, 0.62)
    elif dark:
        sat, light = (0.35, 0.22) if name in _LONG else (0.5, 0.3)
    else:
        sat, light = (0.7, 0.93) if name in _LONG else (0.85, 0.8)
        if 200 <= hue <= 345 and name not in _LONG:
            sat, light = 0.75, 0.86  # blues, violets and pinks look darker at equal lightness
    return QColor.fromHslF(hue / 360.0, sat, light)


FIELD_COLORS: dict[str, QColor] = {f.name: _color(f.name, dark=False) for f in FIELDS}
FIELD_LABELS: dict[str, str] = {f.name: f.label for f in FIELDS}


def field_color(name: str, dark: bool = False) -> QColor:
    """The highlight background of field ``name``; ``dark`` for dark palettes."""
    return _color(name, dark)


def flash_color(name: str, dark: bool = False) -> QColor:
    """The stronger colour a highlight blinks to when its field is focused."""
    return _color(name, dark, strong=True)


# --- from Markdown source to rendered text -------------------------------------------

_LINE_MARK = re.compile(
    r"^[ \t]*(?:>[ \t]?)*[ \t]*"
    r"(?:#{1,6}(?:[ \t]+|$)|[-*+][ \t]+(?:\[[ xX]\][ \t]+)?|\d{1,9}[.)][ \t]+)?"
)
_RULE = re.compile(r"^[ \t]*(?:[-*_=][ \t]*){3,}$")
_TABLE_RULE = re.compile(r"^[ \t|:-]*-[ \t|:-]*$")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
_LINK = re.compile(r"\[([^\]\n]*)\](?:\([^)\n]*\)|\[[^\]\n]*\])")
_AUTOLINK = re.compile(r"<((?:https?|ftp|mailto):[^>\s]*)>")
_EMPHASIS = re.compile(r"\*\*|__|~~|[*`]")
_PRIVATE = 0xE000  # escaped characters are parked in the private use area
_UNPARK = {_PRIVATE + c: c for c in range(0x21, 0x7F)}


def strip_markdown(text: str, at_line_start: bool = True, tables: bool = False) -> str:
    """``text`` with the Markdown markup removed, as the renderer would show it.

    ``at_line_start`` says whether ``text`` begins a source line (only then is a
    heading or list marker at its start markup). ``tables`` also drops table pipes.
    """
    # an escaped character (\*) is text, not markup: park it out of the way
    text = _ESCAPE.sub(lambda m: chr(_PRIVATE + ord(m.group(1))), text)
    lines = text.split("\n")
    out = []
    for i, line in enumerate(lines):
        if i > 0 or at_line_start:
            if _RULE.match(line) or (tables and "|" in line and _TABLE_RULE.match(line)):
                line = ""
            line = _LINE_MARK.sub("", line, count=1)
        out.append(line)
    text = "\n".join(out)
    text = _IMAGE.sub(" ", text)
    text = _LINK.sub(r"\1", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _EMPHASIS.sub("", text)
    if tables:
        text = text.replace("|", " ")
    return text.translate(_UNPARK)


def _is_space(ch: str) -> bool:
    return ch.isspace() or ch == "\ufffc"  # an image is an object character: ignore it


def squash(text: str) -> tuple[str, list[int]]:
    """``text`` with every whitespace run made one space, and for each character
    of the result its index in ``text``."""
    chars: list[str] = []
    index: list[int] = []
    in_space = False
    for i, ch in enumerate(text):
        if _is_space(ch):
            if not in_space:
                chars.append(" ")
                index.append(i)
            in_space = True
        else:
            chars.append(ch)
            index.append(i)
            in_space = False
    return "".join(chars), index


def _expected_offsets(source: str) -> tuple[list[int], list[int]]:
    """Line start offsets of ``source`` and, per line, the length of the squashed
    rendered text before it: a cheap estimate of where a span lands."""
    starts, before = [], []
    pos = total = 0
    for line in source.split("\n"):
        starts.append(pos)
        before.append(total)
        shown = squash(strip_markdown(line))[0].strip()
        if shown:
            total += len(shown) + 1
        pos += len(line) + 1
    return starts, before


def _closest(hay: str, needle: str, expected: int) -> int:
    best, best_dist = -1, None
    i = hay.find(needle)
    while i != -1:
        dist = abs(i - expected)
        if best_dist is None or dist < best_dist:
            best, best_dist = i, dist
        elif i > expected:
            break  # occurrences only get further away from here on
        i = hay.find(needle, i + 1)
    return best


class SpanMapper:
    """Maps spans of a Markdown source onto the plain text of its rendering."""

    def __init__(self, source: str, rendered: str) -> None:
        self.source = source
        self.rendered = rendered
        self._hay, self._index = squash(rendered)
        self._starts, self._before = _expected_offsets(source)

    def _expected(self, offset: int) -> int:
        line = bisect.bisect_right(self._starts, offset) - 1
        start = self._starts[line]
        head = squash(strip_markdown(self.source[start:offset]))[0].lstrip()
        return self._before[line] + len(head)

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
        raw = self.source[start:end]
        at_line_start = start == 0 or self.source[start - 1] == "\n"
        stripped = strip_markdown(raw, at_line_start)
        candidates = [stripped, html.unescape(stripped),
                      strip_markdown(raw, at_line_start, tables=True), raw]
        expected = self._expected(start)
        seen: set[str] = set()
        for text in candidates:
            needle = squash(text)[0].strip()
            if not needle or needle in seen:
                continue
            seen.add(needle)
            i = _closest(self._hay, needle, expected)
            if i >= 0:
                return self._index[i], self._index[i + len(needle) - 1] + 1
        return None


_WORD_TOKEN = re.compile(r"\w+|[^\w\s]+")
_EDGE_PUNCTUATION = ".,;:!?()[]{}\"'«»“”‘’…–—"
_MARKUP_EDGES = "*_`~"
# what Markdown may put between two rendered words: spaces, emphasis, escapes, link
# brackets and targets, list and heading marks
_BETWEEN = (r"(?:[\s*_`~>#|\\]|\[|\]\([^)\n]*\)|\]"
            r"|(?<=\n)[ \t]*(?:[-+*]|\d{1,9}[.)])(?=[ \t]))*")


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int] | None:
    """``start``/``end`` widened to whole words and narrowed past spaces and edge
    punctuation (a span of "(Python)," is "Python"; "C++" and "C#" keep their signs)."""
    while start > 0 and text[start - 1].isalnum() and start < len(text) and \
            text[start].isalnum():
        start -= 1
    while 0 < end < len(text) and text[end].isalnum() and text[end - 1].isalnum():
        end += 1
    while start < end and (text[start].isspace() or text[start] in _EDGE_PUNCTUATION):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in _EDGE_PUNCTUATION):
        end -= 1
    return (start, end) if start < end else None


def _token_pattern(token: str) -> str:
    """A rendered token as Markdown may write it: punctuation escaped or as an entity."""
    return "".join(re.escape(ch) if ch.isalnum() or ch == "_" else
                   f"(?:\\\\?{re.escape(ch)}|&[#\\w]+;)" for ch in token)


def source_span(source: str, rendered: str, start: int, end: int,
                mapper: SpanMapper | None = None) -> tuple[int, int] | None:
    """The range of the Markdown ``source`` that shows as ``rendered[start:end]``: the
    same whole words, with any markup between them. Of several such ranges, the one
    the renderer shows at exactly that place, else the one nearest to it."""
    tokens = _WORD_TOKEN.findall(rendered[start:end])
    if not tokens:
        return None
    body = _BETWEEN.join(_token_pattern(t) for t in tokens)
    head = r"(?<!\w)" if tokens[0][0].isalnum() else ""
    tail = r"(?!\w)" if tokens[-1][-1].isalnum() else ""
    pattern = re.compile(head + body + tail)
    expected = mapper.source_near(start) if mapper is not None else 0
    candidates: list[tuple[int, int]] = []
    found = pattern.search(source)
    while found is not None:  # every match, overlapping ones too
        candidates.append((found.start(), found.end()))
        found = pattern.search(source, found.start() + 1)
    if mapper is not None:
        for candidate in candidates:
            if mapper.map(*candidate) == (start, end):
                return candidate
    return min(candidates, key=lambda c: abs(c[0] - expected), default=None)


def trim_markup(text: str, start: int, end: int) -> tuple[int, int]:
    """A source range without emphasis or code marks at its ends."""
    while start < end and text[start] in _MARKUP_EDGES:
        start += 1
    while end > start and text[end - 1] in _MARKUP_EDGES:
        end -= 1
    return start, end


def _utf16(text: str) -> list[int] | None:
    """Code point offset -> UTF-16 offset table, or None when they are the same."""
    if all(ord(c) < 0x10000 for c in text):
        return None
    table, pos = [], 0
    for c in text:
        table.append(pos)
        pos += 2 if ord(c) >= 0x10000 else 1
    table.append(pos)
    return table


def _valid_span(span: Any) -> tuple[int, int] | None:
    try:
        start, end = span
    except (TypeError, ValueError):
        return None
    if isinstance(start, bool) or isinstance(end, bool):
        return None
    if not (isinstance(start, int) and isinstance(end, int)) or start >= end or start < 0:
        return None
    return start, end


# --- the widget --------------------------------------------------------------------


class DocumentView(QTextBrowser):
    """Read-only view of one posting: rendered, raw, or with what cleaning removed.

    Labelled spans are drawn over the evidence: a tint of the label's colour and an
    underline, the underline taking the colour of the longer span where two overlap,
    so both stay visible; the machine's suggested spans are dotted underlines. A click
    on a span (no selection) emits ``span_clicked``."""

    span_clicked = Signal(list, QPoint)  # the spans under the click, the global position

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spans: list[tuple[dict[str, Any], int, int]] = []  # span, document range
        self.label_colors: dict[str, str] = {}
        self._mapper: SpanMapper | None = None
        self._rendered = ""
        self._u16: list[int] | None = None  # code point -> UTF-16 offsets of _rendered
        self._clicked: tuple[list[dict[str, Any]], QPoint] | None = None
        self._click_timer = QTimer(self, singleShot=True)
        self._click_timer.timeout.connect(self._click_settled)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setSearchPaths([])
        self.document().setUndoRedoEnabled(False)
        font = QFont(self.font())
        font.setPointSizeF(max(font.pointSizeF(), 10.5))
        self.document().setDefaultFont(font)
        self.mode = "cleaned"  # "cleaned" | "raw" | "removed"
        self.highlights: list[tuple[str, int, int]] = []
        self._segments: list[tuple[int, int, QTextCharFormat]] = []
        self._posting: tuple[Any, ...] | None = None
        self._flash_timer = QTimer(self)
        self._flash_timer.setSingleShot(True)
        self._flash_timer.timeout.connect(self._end_flash)
        self._flashing: tuple[int, int] | None = None
        self._layout_document()

    # nothing is ever fetched: no remote image, no local file, no stylesheet
    def loadResource(self, type: int, name: QUrl | str) -> Any:
        return QByteArray()

    def doSetSource(self, name: QUrl | str, type: Any = None) -> None:
        """Navigation is off: links, history and reload never replace the document."""

    @property
    def dark(self) -> bool:
        return self.palette().color(QPalette.ColorRole.Base).lightness() < 128

    # --- modes ----------------------------------------------------------------------

    def show_posting(self, markdown: str, evidence: Mapping[str, Sequence[Any]],
                     spans: Sequence[dict[str, Any]] = (),
                     label_colors: Mapping[str, str] | None = None) -> None:
        """Render the cleaned Markdown and highlight each field's evidence spans and the
        labelled ``spans`` (dicts with start, end, label, state) in their label's colour."""
        self._reset("cleaned")
        labelled = list(spans)  # (the loop over the evidence below reuses the name)
        self._posting = (markdown, evidence, labelled, label_colors)
        self.label_colors = dict(label_colors or {})
        features = QTextDocument.MarkdownFeature
        # GitHub dialect with HTML off: raw <img>, <script> … show as text, load nothing
        self.document().setMarkdown(
            markdown, features.MarkdownDialectGitHub | features.MarkdownNoHTML
        )
        self._layout_document()
        self._space_blocks()
        rendered = self.document().toPlainText()
        mapper = SpanMapper(markdown, rendered)
        u16 = _utf16(rendered)
        for name, spans in evidence.items():
            for span in spans or ():
                valid = _valid_span(span)
                found = mapper.map(*valid) if valid else None
                if found is None:
                    continue
                a, b = found
                if u16 is not None:
                    a, b = u16[a], u16[b]
                self.highlights.append((name, a, b))
        self._mapper, self._rendered, self._u16 = mapper, rendered, u16
        for span in labelled:
            found = mapper.map(span["start"], span["end"])
            if found is not None:
                a, b = found
                if u16 is not None:
                    a, b = u16[a], u16[b]
                self.spans.append((span, a, b))
        self._paint_highlights()
        self.moveCursor(QTextCursor.MoveOperation.Start)

    def show_raw(self, text: str) -> None:
        """The raw page as plain text, without highlights."""
        self._reset("raw")
        self._set_plain(text)

    def show_removed(self, source: str, removed: Iterable[Any]) -> None:
        """The page text with the ranges cleaning removed struck out in grey; each
        removed range's tooltip gives the reason. ``removed`` holds
        ``(start, end, reason)`` tuples or objects with those attributes."""
        self._reset("removed")
        self._set_plain(source)
        u16 = _utf16(source)
        fmt_color = self.palette().color(QPalette.ColorRole.PlaceholderText)
        if not fmt_color.isValid() or fmt_color == self.palette().color(QPalette.ColorRole.Text):
            fmt_color = QColor("#8a8a8a")
        for item in removed:
            if hasattr(item, "start"):
                item = (item.start, item.end, getattr(item, "reason", ""))
            try:
                start, end, reason = item
            except (TypeError, ValueError):
                continue
            span = _valid_span((start, end))
            if span is None or span[1] > len(source):
                continue
            a, b = span if u16 is None else (u16[span[0]], u16[span[1]])
            fmt = QTextCharFormat()
            fmt.setFontStrikeOut(True)
            fmt.setForeground(fmt_color)
            fmt.setToolTip(f"Removed: {reason}" if reason else "Removed")
            self._merge(a, b, fmt)

    def _set_plain(self, text: str) -> None:
        # Qt turns "\r\n" into one line break; keep offsets by keeping the length
        # (set on the document: QTextEdit.setPlainText would keep the cursor's format)
        self.document().setPlainText(text.replace("\r\n", " \n").replace("\r", "\n"))
        self.setCurrentCharFormat(QTextCharFormat())
        self._layout_document()
        self.moveCursor(QTextCursor.MoveOperation.Start)

    def _reset(self, mode: str) -> None:
        self._end_flash()
        self.mode = mode
        self.highlights = []
        self.spans = []
        self._segments = []
        self._posting = None
        self._mapper = None

    # --- highlights -----------------------------------------------------------------

    def _paint_highlights(self) -> None:
        """Colour every highlighted stretch. Where highlights overlap the shortest
        one's colour wins (a skill inside a responsibility stays visible) and the
        tooltip names every field. Labelled spans go over the evidence (see the class)."""
        self._segments = []
        if not self.highlights and not self.spans:
            return
        marks = [(a, b) for _, a, b in self.highlights] + [(a, b) for _, a, b in self.spans]
        bounds = sorted({p for a, b in marks for p in (a, b)})
        dark = self.dark
        ordered = sorted(self.highlights, key=lambda h: h[2] - h[1])
        by_length = sorted(self.spans, key=lambda m: m[2] - m[1])
        for a, b in itertools.pairwise(bounds):
            covering = [h for h in ordered if h[1] <= a and b <= h[2]]
            labelled = [m[0] for m in by_length if m[1] <= a and b <= m[2]
                        and m[0].get("state") != "rejected"]
            if not covering and not labelled:
                continue
            names = list(dict.fromkeys(h[0] for h in covering))
            fmt = QTextCharFormat()
            tips = []
            accepted = [m for m in labelled if m.get("state") == "accepted"]
            suggested = [m for m in labelled if m.get("state") == "suggested"]
            if accepted:
                fmt.setBackground(self.label_tint(accepted[0]["label"]))
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
                fmt.setUnderlineColor(QColor(self.label_colors.get(accepted[-1]["label"],
                                                                   "#808080")))
                tips += [m["label"] for m in accepted]
            elif covering:
                fmt.setBackground(field_color(names[0], dark))
            if suggested and not accepted:
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
                fmt.setUnderlineColor(QColor(self.label_colors.get(suggested[0]["label"],
                                                                   "#808080")))
                tips += [f"{m['label']}? (suggested)" for m in suggested]
            tips += [FIELD_LABELS.get(n, n) for n in names]
            fmt.setToolTip(" · ".join(dict.fromkeys(tips)))
            self._segments.append((a, b, fmt))
            self._merge(a, b, fmt)

    def label_tint(self, label: str) -> QColor:
        """The background of a labelled span: its colour, faint enough to read on."""
        color = QColor(self.label_colors.get(label, "#808080"))
        base = self.palette().color(QPalette.ColorRole.Base)
        mix = 0.45 if self.dark else 0.32
        return QColor.fromRgbF(*(base.getRgbF()[i] * (1 - mix) + color.getRgbF()[i] * mix
                                 for i in range(3)))

    def _merge(self, start: int, end: int, fmt: QTextCharFormat) -> None:
        last = max(0, self.document().characterCount() - 1)
        start, end = min(start, last), min(end, last)
        if start >= end:
            return
        cursor = QTextCursor(self.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        cursor.mergeCharFormat(fmt)

    def focus_field(self, name: str) -> bool:
        """Scroll to the first highlight of field ``name`` and flash it. False when
        the field has no highlight."""
        own = [h for h in self.highlights if h[0] == name]
        if not own:
            return False
        _, a, b = min(own, key=lambda h: h[1])
        self._end_flash()
        cursor = QTextCursor(self.document())
        cursor.setPosition(b)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()  # the end first, then the start: as much as fits
        cursor.setPosition(a)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()
        fmt = QTextCharFormat()
        fmt.setBackground(flash_color(name, self.dark))
        self._merge(a, b, fmt)
        self._flashing = (a, b)
        self._flash_timer.start(FLASH_MS)
        return True

    def _end_flash(self) -> None:
        self._flash_timer.stop()
        if self._flashing is None:
            return
        a, b = self._flashing
        self._flashing = None
        for s, e, fmt in self._segments:
            if s < b and e > a:
                self._merge(s, e, fmt)

    def selected_source_text(self) -> str:
        """The selected text, plain, with line breaks as "\\n"."""
        return self.textCursor().selection().toPlainText()

    def _code_point(self, position: int) -> int:
        """A document position (UTF-16 units) as an offset into the rendered text."""
        return position if self._u16 is None else bisect.bisect_left(self._u16, position)

    def selected_source_span(self) -> tuple[int, int] | None:
        """The selection, snapped to whole words, as a range of the Markdown source;
        None without a selection or in the raw and removed views. ValueError when the
        selection runs over more than one paragraph or list item."""
        cursor = self.textCursor()
        if self.mode != "cleaned" or not cursor.hasSelection() or self._posting is None:
            return None
        start = self._code_point(cursor.selectionStart())
        end = self._code_point(cursor.selectionEnd())
        snapped = snap_to_words(self._rendered, start, end)
        if snapped is None:
            return None
        if "\n" in self._rendered[snapped[0]:snapped[1]]:
            raise ValueError("a span stays within one paragraph or list item")
        found = source_span(self._posting[0], self._rendered, *snapped, self._mapper)
        if found is None:
            return None
        return trim_markup(self._posting[0], *found)

    def spans_at(self, pos: QPoint) -> list[dict[str, Any]]:
        """The labelled or suggested spans under a viewport position, shortest first."""
        offset = QPoint(self.horizontalScrollBar().value(), self.verticalScrollBar().value())
        hit = self.document().documentLayout().hitTest(pos + offset,
                                                       Qt.HitTestAccuracy.ExactHit)
        if hit < 0:
            return []
        under = [m for m in self.spans if m[1] <= hit < m[2] and m[0].get("state") != "rejected"]
        return [m[0] for m in sorted(under, key=lambda m: m[2] - m[1])]

    def mouseReleaseEvent(self, event: Any) -> None:
        """A click on a span offers its menu once a double-click is ruled out (a double
        click selects a word, to label it, as anywhere else)."""
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and not self.textCursor().hasSelection():
            under = self.spans_at(event.position().toPoint())
            if under:
                self._clicked = (under, event.globalPosition().toPoint())
                self._click_timer.start(QApplication.doubleClickInterval())

    def mouseDoubleClickEvent(self, event: Any) -> None:
        self._click_timer.stop()
        super().mouseDoubleClickEvent(event)

    def _click_settled(self) -> None:
        if self._clicked is not None:
            self.span_clicked.emit(*self._clicked)
            self._clicked = None

    # --- look -----------------------------------------------------------------------

    def _layout_document(self) -> None:
        """A readable column: margins around the text and, in wide windows, side
        margins that keep lines near MAX_LINE_WIDTH pixels."""
        doc = self.document()
        doc.setDocumentMargin(MARGIN)
        frame = doc.rootFrame()
        fmt = frame.frameFormat()
        side = max(0.0, (self.viewport().width() - 2 * MARGIN - MAX_LINE_WIDTH) / 2)
        if fmt.leftMargin() != MARGIN + side:
            fmt.setLeftMargin(MARGIN + side)
            fmt.setRightMargin(MARGIN + side)
            frame.setFrameFormat(fmt)

    def _space_blocks(self) -> None:
        """Line height 140% for body text; some air around headings."""
        cursor = QTextCursor(self.document())
        block = self.document().begin()
        while block.isValid():
            fmt = QTextBlockFormat()
            fmt.setLineHeight(140.0, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
            if block.blockFormat().headingLevel() > 0:
                fmt.setTopMargin(14.0)
                fmt.setBottomMargin(6.0)
            cursor.setPosition(block.position())
            cursor.mergeBlockFormat(fmt)
            block = block.next()

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self._layout_document()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self._posting is not None:
            bar = self.verticalScrollBar().value()
            self.show_posting(*self._posting)  # type: ignore[arg-type]
            self.verticalScrollBar().setValue(bar)

    def viewportEvent(self, event: QEvent) -> bool:
        """Show the tooltip of the character under the mouse (the field's label)."""
        if event.type() == QEvent.Type.ToolTip:
            pos = event.pos()  # type: ignore[attr-defined]
            offset = QPoint(self.horizontalScrollBar().value(), self.verticalScrollBar().value())
            layout = self.document().documentLayout()
            hit = layout.hitTest(pos + offset, Qt.HitTestAccuracy.ExactHit)
            tip = ""
            if hit >= 0:
                cursor = QTextCursor(self.document())
                cursor.setPosition(hit + 1)
                tip = cursor.charFormat().toolTip()
            if tip:
                QToolTip.showText(event.globalPos(), tip, self.viewport())  # type: ignore[attr-defined]
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)


def render_png(markdown: str, evidence: Mapping[str, Sequence[Any]], path: str | Path,
               width: int = 900, height: int = 700) -> Path:
    """Render a posting into a DocumentView and save a screenshot to ``path``
    (a picture for a human to judge; works on the offscreen platform)."""
    app = QApplication.instance() or QApplication([])
    view = DocumentView()
    view.resize(width, height)
    view.show()
    view.show_posting(markdown, evidence)
    app.processEvents()
    out = Path(path)
    view.grab().save(str(out))
    view.close()
    view.deleteLater()
    app.processEvents()
    return out
