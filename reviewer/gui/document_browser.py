"""The reading surface under the document pane: a ``QTextBrowser`` that never loads
or navigates, read from the keyboard as well as with the mouse, with the queue's
search words marked. ``document_view.DocumentView`` puts a posting on it.

Nothing is ever fetched: links are not followed, ``loadResource`` answers every
request (remote image, local file) with nothing, and tooltips (link titles, label
names) are shown as plain text.

The text is read-only, but selectable by keyboard (caret browsing): the arrows move a
caret, Shift with them (Ctrl+Shift by word, Shift+Home/End to the line's ends)
selects, so a selection is made for a span label or a field without the mouse. The
window's own keys keep theirs: a read-only text claims no shortcut, so Ctrl+Left and
Ctrl+Right still go to the previous and next posting.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QByteArray, QEvent, QPoint, QRectF, Qt, QUrl, Signal
from PySide6.QtGui import QFont, QPainter, QPalette, QTextCursor
from PySide6.QtWidgets import QStatusBar, QTextBrowser, QToolTip, QWidget

from reviewer.core.words import utf16_offsets
from reviewer.gui.document_paint import layout_document
from reviewer.gui.document_search import draw_marks, find_words, range_rects, search_color
from reviewer.gui.plain import plain_tip

CARET_WIDTH = 2  # px: a caret that is seen in a page of text


class DocumentBrowser(QTextBrowser):
    """Read-only text with a caret, plain tooltips, a readable column and search marks.

    ``mode`` says what is shown; in the "message" mode (no posting) nothing is marked.
    ``marked`` is emitted once what is shown is drawn and marked (after every change
    of text, palette or search)."""

    marked = Signal()
    # what the text at the caret is (its tooltip: a field, a label, why it was removed),
    # for the status bar, as the keys move the caret onto it ("", 0: onto plain text, or
    # the text is gone), through ``status_teller``
    message = Signal(str, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mode = "message"
        self.search_query = ""  # the queue's search: its words are marked
        self.search_ranges: list[tuple[int, int]] = []  # document positions
        self._search_rects: list[QRectF] | None = None  # theirs, in document coordinates
        self._searched_in = (0, 0, 0, 0)  # of those in view: the scroll and size of the view
        self.document().documentLayout().documentSizeChanged.connect(self._laid_out)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setSearchPaths([])
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setCursorWidth(CARET_WIDTH)
        self.document().setUndoRedoEnabled(False)
        font = QFont(self.font())
        font.setPointSizeF(max(font.pointSizeF(), 10.5))
        self.document().setDefaultFont(font)

    # nothing is ever fetched: no remote image, no local file, no stylesheet
    def loadResource(self, type: int, name: QUrl | str) -> Any:
        return QByteArray()

    def doSetSource(self, name: QUrl | str, type: Any = None) -> None:
        """Navigation is off: links, history and reload never replace the document."""

    @property
    def dark(self) -> bool:
        return self.palette().color(QPalette.ColorRole.Base).lightness() < 128

    # --- the search words -----------------------------------------------------------

    def set_search(self, query: str) -> None:
        """Mark the words of the search ``query`` wherever they are in the text shown
        (now and in whatever is shown next)."""
        self.search_query = query
        self.mark_search()

    def mark_search(self) -> None:
        """Find the search words in the text shown (after the text changed)."""
        text = self.toPlainText() if self.mode != "message" else ""
        u16 = utf16_offsets(text)
        self.search_ranges = [(a, b) if u16 is None else (u16[a], u16[b])
                              for a, b in find_words(text, self.search_query)]
        self._search_rects = None
        self.viewport().update()
        self.marked.emit()

    def search_rects(self) -> list[QRectF]:
        """Where the search marks in view are, in viewport coordinates: worked out for
        the text in view (a long posting holds thousands, each line laid out to place
        it), once a search, layout and place of the view (not at every repaint, a caret's
        blink)."""
        width, height = self.viewport().width(), self.viewport().height()
        x, y = self.horizontalScrollBar().value(), self.verticalScrollBar().value()
        if self._search_rects is None or self._searched_in != (x, y, width, height):
            # the text in view, from each corner (a line written right to left starts at
            # its right end)
            corners = [self.cursorForPosition(QPoint(cx, cy)).position()
                       for cx in (0, width) for cy in (0, height)]
            first = max(0, bisect.bisect_left(self.search_ranges, (min(corners), 0)) - 1)
            last = bisect.bisect_right(self.search_ranges, (max(corners) + 1, 0))
            self._search_rects = [rect for a, b in self.search_ranges[first:last]
                                  for rect in range_rects(self.document(), a, b)]
            self._searched_in = (x, y, width, height)
        return [rect.translated(-x, -y) for rect in self._search_rects]

    def _laid_out(self, *_size: Any) -> None:
        self._search_rects = None  # (a font, a zoom): the marks' lines are others

    def paintEvent(self, event: Any) -> None:
        super().paintEvent(event)
        if self.search_ranges:
            visible = self.viewport().rect().toRectF()
            painter = QPainter(self.viewport())
            draw_marks(painter, [r for r in self.search_rects() if r.intersects(visible)],
                       search_color(self.dark))
            painter.end()

    # --- look -----------------------------------------------------------------------

    def _layout_document(self) -> None:
        layout_document(self.document(), self.viewport().width())

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self._layout_document()
        self._search_rects = None  # laid out again: the lines are others

    def keyPressEvent(self, event: Any) -> None:
        """A key that moves the caret onto text of another tooltip says it (the mouse
        shows it on hover; "" on plain text); a posting shown, which puts the caret at
        its start, says nothing over what the window said."""
        before = self.textCursor().position()
        super().keyPressEvent(event)
        after = self.textCursor().position()
        if after != before and (tip := self._tip_at(after)) != self._tip_at(before):
            self.message.emit(tip, 15000 if tip else 0)

    def _tip_at(self, position: int) -> str:
        """The tooltip of the character after ``position`` ("" at a line's end)."""
        block = self.document().findBlock(position)
        if not block.isValid() or position >= block.position() + block.length() - 1:
            return ""
        cursor = QTextCursor(block)
        cursor.setPosition(position + 1)  # (the format of the character before it)
        return str(cursor.charFormat().toolTip())

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
                QToolTip.showText(event.globalPos(), plain_tip(tip),  # type: ignore[attr-defined]
                                  self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)


def status_teller(bar: QStatusBar) -> Callable[[str, int], None]:
    """What shows a browser's ``message`` in ``bar``: a tip for ``ms``; "" clears the
    last tip shown if the bar still shows it, never what another part said since."""
    shown = [""]

    def tell(tip: str, ms: int) -> None:
        if tip:
            bar.showMessage(tip, ms)
        elif shown[0] and bar.currentMessage() == shown[0]:
            bar.clearMessage()
        shown[0] = tip

    return tell
