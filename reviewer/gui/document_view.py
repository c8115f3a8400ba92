"""The document pane: the cleaned posting rendered from Markdown, evidence highlighted.

The extractor's evidence spans are offsets into the Markdown *source*, but the
widget shows the rendered document, whose text lacks the markup ("## ", "- ",
"**", "[text](url)" …). ``text_mapping.SpanMapper`` bridges the two; the colours
and formats are drawn by ``document_paint``. Positions kept in
``DocumentView.highlights`` are Qt document positions (UTF-16 units).

The view never loads anything: it is a ``document_browser.DocumentBrowser``
(no navigation, no resource loaded, plain tooltips), and the Markdown is read
with HTML switched off. Qt's image handler would still open the file an image
names, so no image reaches the document: each is shown as its alt text in a
placeholder (``text_mapping.hide_images``).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QPalette,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextListFormat,
    QTextOption,
)
from PySide6.QtWidgets import QApplication, QWidget

from reviewer.core.words import utf16_offsets
from reviewer.gui.document_browser import DocumentBrowser
from reviewer.gui.document_paint import (
    flash_color,
    highlight_formats,
    merge_format,
    space_blocks,
    tint,
)
from reviewer.gui.long_lists import split_long_lists, split_tables
from reviewer.gui.references import references_as_written
from reviewer.gui.selection_put import selected_range, source_ranges
from reviewer.gui.text_mapping import (
    SpanMapper,
    hide_images,
    source_span,
    trim_markup,
    valid_span,
)
from reviewer.gui.word_snap import snap_to_words

FLASH_MS = 600  # how long a focused field's highlight blinks


LONG_RUN = 2_000  # characters with no space that are broken anywhere, not at a word
# (from a run's start alone: tried at every character, runs just short of it took the
# pattern a time growing with their square, 11 s on 4 MB of them)
_LONG_RUN = re.compile(rf"(?<!\S)\S{{{LONG_RUN}}}")

class DocumentView(DocumentBrowser):
    """Read-only view of one posting: rendered, raw, or with what cleaning removed.

    Labelled spans are drawn over the evidence: a tint of the label's colour and an
    underline, the underline taking the colour of the longer span where two overlap,
    so both stay visible; the machine's suggested spans are dotted underlines. A click
    on a span (no selection) emits ``span_clicked``."""

    span_clicked = Signal(list, QPoint)  # the spans under the click, the global position

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("The posting")
        self.spans: list[tuple[dict[str, Any], int, int]] = []  # span, document range
        self.label_colors: dict[str, str] = {}
        self._mapper: SpanMapper | None = None
        self._last: SpanMapper | None = None  # the last posting's, kept for it drawn again
        self._rendered = ""
        self._u16: list[int] | None = None  # code point -> UTF-16 offsets of _rendered
        self._clicked: tuple[list[dict[str, Any]], QPoint] | None = None
        self._click_timer = QTimer(self, singleShot=True)
        self._click_timer.timeout.connect(self._click_settled)
        self.mode = "cleaned"  # "cleaned" | "raw" | "removed" | "message"
        self.highlights: list[tuple[str, int, int]] = []
        self._segments: list[tuple[int, int, QTextCharFormat]] = []
        self._posting: tuple[Any, ...] | None = None
        self._flash_timer = QTimer(self)
        self._flash_timer.setSingleShot(True)
        self._flash_timer.timeout.connect(self._end_flash)
        self._flashing: tuple[int, int] | None = None
        self._layout_document()

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
        # GitHub dialect with HTML off: raw <img>, <script> … show as text, load nothing;
        # Markdown images become placeholders (the spans stay offsets into ``markdown``)
        self._wrap_for(markdown)
        runs, changed = split_long_lists(markdown)  # (laid out in time; offsets of
        self.document().setMarkdown(  # ``markdown``, as the mapper's; a long table in
            split_tables(hide_images(references_as_written(runs)), heads=False),  # pieces,
            # each laid out in time; "&amp;" shown as the posting holds it)
            features.MarkdownDialectGitHub | features.MarkdownNoHTML)
        self._layout_document()
        space_blocks(self.document())
        rendered = self.document().toPlainText()
        if self._last is None or (self._last.source, self._last.rendered) != (markdown, rendered):
            self._last = SpanMapper(markdown, rendered)  # (drawn again: its spans mapped)
        self._mapper, self._rendered = self._last, rendered
        self._u16 = utf16_offsets(rendered)
        _own_markers(self.document(), changed, self._document_range)
        for name, spans in evidence.items():
            for span in spans or ():
                valid = valid_span(span)
                if valid and (found := self._document_range(*valid)) is not None:
                    self.highlights.append((name, *found))
        for span in labelled:
            if (found := self._document_range(span["start"], span["end"])) is not None:
                self.spans.append((span, *found))
        self._paint_highlights()
        self.moveCursor(QTextCursor.MoveOperation.Start)
        self.mark_search()

    def _document_range(self, start: int, end: int) -> tuple[int, int] | None:
        """Where the source's ``start``-``end`` shows in the document (Qt's positions),
        None where it cannot be found."""
        found = self._mapper.map(start, end) if self._mapper is not None else None
        if found is None or self._u16 is None:
            return found
        return self._u16[found[0]], self._u16[found[1]]

    def show_raw(self, text: str) -> None:
        """The raw page as plain text, without highlights."""
        self._reset("raw")
        self._set_plain(text)
        self.mark_search()

    def show_message(self, text: str) -> None:
        """A message in place of a posting (no posting to show), plain, unmarked."""
        self._reset("message")
        self._set_plain(text)
        self.mark_search()

    def show_removed(self, source: str, removed: Iterable[Any]) -> None:
        """The page text with the ranges cleaning removed struck out in grey; each
        removed range's tooltip gives the reason. ``removed`` holds
        ``(start, end, reason)`` tuples or objects with those attributes."""
        self._reset("removed")
        self._set_plain(source)
        u16 = utf16_offsets(source)
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
            span = valid_span((start, end))
            if span is None or span[1] > len(source):
                continue
            a, b = span if u16 is None else (u16[span[0]], u16[span[1]])
            fmt = QTextCharFormat()
            fmt.setFontStrikeOut(True)
            fmt.setForeground(fmt_color)
            fmt.setToolTip(f"Removed: {reason}" if reason else "Removed")
            self._merge(a, b, fmt)
        self.mark_search()

    def _set_plain(self, text: str) -> None:
        # Qt turns "\r\n" into one line break; keep offsets by keeping the length
        # (set on the document: QTextEdit.setPlainText would keep the cursor's format)
        self._wrap_for(text)
        self.document().setPlainText(text.replace("\r\n", " \n").replace("\r", "\n"))
        self.setCurrentCharFormat(QTextCharFormat())
        self._layout_document()
        self.moveCursor(QTextCursor.MoveOperation.Start)

    def _wrap_for(self, text: str) -> None:
        """Lines broken between words; anywhere in a text that holds a run of
        ``LONG_RUN`` characters with no space (a scraped page's base64 string): Qt's time
        to break such a run at a word grows with the square of its length (a megabyte
        took two minutes to show, and as long at each resize)."""
        modes = QTextOption.WrapMode
        self.setWordWrapMode(modes.WrapAnywhere if _LONG_RUN.search(text) is not None
                             else modes.WrapAtWordBoundaryOrAnywhere)

    def _reset(self, mode: str) -> None:
        self._end_flash()
        self.message.emit("", 0)  # what the caret was on is gone (``status_teller``)
        self.mode = mode
        self.highlights = []
        self.spans = []
        self._segments = []
        self._posting = None
        self._mapper = None
        self.search_ranges = []

    # --- highlights -----------------------------------------------------------------

    def _paint_highlights(self) -> None:
        """Colour every highlighted stretch; labelled spans go over the evidence (see
        the class and ``document_paint.highlight_formats``)."""
        self._segments = highlight_formats(self.highlights, self.spans, self.label_colors,
                                           self.label_tint, self.dark)
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()  # laid out once at the end, not after each stretch
        for a, b, fmt in self._segments:
            self._merge(a, b, fmt)
        cursor.endEditBlock()

    def label_tint(self, label: str) -> QColor:
        """The background of a labelled span: its colour, faint enough to read on."""
        return tint(QColor(self.label_colors.get(label, "#808080")),
                    self.palette().color(QPalette.ColorRole.Base), self.dark)

    def _merge(self, start: int, end: int, fmt: QTextCharFormat) -> None:
        merge_format(self.document(), start, end, fmt)

    def focus_field(self, name: str) -> bool:
        """Scroll to the first highlight of field ``name`` and flash it. False when
        the field has no highlight."""
        own = [h for h in self.highlights if h[0] == name]
        if not own:
            return False
        _, a, b = min(own, key=lambda h: h[1])
        self._end_flash()
        kept = self.textCursor()  # a selection stays (to be put into the field: Ctrl+E)
        cursor = QTextCursor(self.document())
        cursor.setPosition(b)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()  # the end first, then the start: as much as fits
        cursor.setPosition(a)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()
        if kept.hasSelection():
            bar = self.verticalScrollBar()
            at = bar.value()
            self.setTextCursor(kept)
            bar.setValue(at)
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

    def selected_source_spans(self) -> list[tuple[int, int]]:
        """The selection as ranges of the Markdown source, one a paragraph or list item
        it covers (``selection_put.source_ranges``); none without a selection or in the
        raw and removed views."""
        cursor = self.textCursor()
        if self.mode != "cleaned" or not cursor.hasSelection() or self._posting is None:
            return []
        start, end = map(self._code_point, selected_range(cursor))
        return source_ranges(self._posting[0], self._rendered, self._mapper, start, end)

    def spans_at(self, pos: QPoint) -> list[dict[str, Any]]:
        """The labelled or suggested spans under a viewport position, shortest first."""
        offset = QPoint(self.horizontalScrollBar().value(), self.verticalScrollBar().value())
        hit = self.document().documentLayout().hitTest(pos + offset,
                                                       Qt.HitTestAccuracy.ExactHit)
        if hit < 0:
            return []
        under = [m for m in self.spans if m[1] <= hit < m[2] and m[0].get("state") != "rejected"]
        return [m[0] for m in sorted(under, key=lambda m: m[2] - m[1])]

    def spans_at_caret(self) -> list[dict[str, Any]]:
        """The labelled or suggested spans the text cursor is in (or at the end of),
        shortest first: what the Menu key offers, as a click does."""
        if self.textCursor().hasSelection():
            return []
        at = self.textCursor().position()
        under = [m for m in self.spans if m[1] <= at <= m[2] and m[0].get("state") != "rejected"]
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

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self._posting is not None:
            bar = self.verticalScrollBar().value()
            self.show_posting(*self._posting)
            self.verticalScrollBar().setValue(bar)


_STYLES = {"-": QTextListFormat.Style.ListDisc, "*": QTextListFormat.Style.ListCircle,
           "+": QTextListFormat.Style.ListSquare}


def _own_markers(document: QTextDocument, changed: Sequence[tuple[int, int, str, int | None]],
                 where: Callable[[int, int], tuple[int, int] | None]) -> None:
    """The runs ``split_long_lists`` laid a long list out in drawn as the list: found
    by the first item's text (``where``: its document range, or None), each with the
    list's marker and, numbered, the number of its first item in the whole list."""
    for start, end, mark, number in changed:
        found = where(start, end)
        listed = document.findBlock(found[0]).textList() if found else None
        if listed is not None:
            fmt = listed.format()
            if mark in _STYLES:
                fmt.setStyle(_STYLES[mark])
            else:
                fmt.setNumberSuffix(mark)
            if number is not None:
                fmt.setStart(number)
            listed.setFormat(fmt)


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
