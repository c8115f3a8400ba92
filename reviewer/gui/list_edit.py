"""A box of one item a line that behaves as a line edit does for focus and editing; and
the undo of a field's boxes begun again where their value is saved."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget


class ListEdit(QPlainTextEdit):
    """One item a line; like a line edit, it reports its text when focus leaves it,
    so typing an item is one edit, not one a keystroke. Enter adds a line; Tab and
    Shift+Tab move to the next and previous field, as in every other field. A bullet
    in the margin marks where each item starts (an item of a sentence wraps onto
    several lines: without it, where one ends and the next begins cannot be seen).
    Items written right to left (Arabic, Hebrew) are set against the right edge, the
    bullets beside them, when most of the items are. ``left_for`` is why the focus last
    left it (``Qt.FocusReason``)."""

    editingFinished = Signal()

    def __init__(self, parent: QWidget | None = None, bullets: bool = True) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.left_for: Qt.FocusReason | None = None
        self._margin: _Bullets | None = None
        self.right_to_left = False
        if bullets:  # (a comment, of paragraphs, is no list: none)
            self._margin = margin = _Bullets(self)
            self.updateRequest.connect(lambda rect, dy: margin.scroll(0, dy) if dy else
                                       margin.update(0, rect.y(), margin.width(), rect.height()))
        self._set_side()
        self.document().contentsChanged.connect(self._follow_direction)

    def _follow_direction(self) -> None:
        """Set the items against the right edge when most are written right to left."""
        counts = {Qt.LayoutDirection.LeftToRight: 0, Qt.LayoutDirection.RightToLeft: 0}
        block = self.document().firstBlock()
        while block.isValid():
            if block.text().strip():
                counts[block.textDirection()] = counts.get(block.textDirection(), 0) + 1
            block = block.next()
        right = counts[Qt.LayoutDirection.RightToLeft] > counts[Qt.LayoutDirection.LeftToRight]
        if right != self.right_to_left:
            self.right_to_left = right
            self._set_side()

    def _set_side(self) -> None:
        option = self.document().defaultTextOption()
        edge = Qt.AlignmentFlag.AlignRight if self.right_to_left else Qt.AlignmentFlag.AlignLeft
        option.setAlignment(edge | Qt.AlignmentFlag.AlignAbsolute)
        self.document().setDefaultTextOption(option)
        if self._margin is not None:
            width = self._margin.width()
            self.setViewportMargins(*((0, 0, width, 0) if self.right_to_left else
                                      (width, 0, 0, 0)))
            self._place_margin()

    def _place_margin(self) -> None:
        if self._margin is not None:
            inside, width = self.contentsRect(), self._margin.width()
            left = inside.right() + 1 - width if self.right_to_left else inside.left()
            self._margin.setGeometry(left, inside.top(), width, inside.height())

    def focusOutEvent(self, event: Any) -> None:
        self.left_for = event.reason()
        self.editingFinished.emit()
        super().focusOutEvent(event)

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self._place_margin()

    def item_tops(self) -> list[int]:
        """Where each item seen starts, in the margin's pixels (its first line's middle)."""
        tops = []
        block, offset = self.firstVisibleBlock(), self.contentOffset()
        height = self.viewport().height()
        while block.isValid():
            box = self.blockBoundingGeometry(block).translated(offset)
            if box.top() > height:
                break
            if block.isVisible() and block.text().strip():
                line = block.layout().lineAt(0) if block.layout().lineCount() else None
                middle = box.top() + (line.height() / 2 if line is not None else 0)
                tops.append(round(middle))
            block = block.next()
        return tops


class _Bullets(QWidget):
    """The margin of a ``ListEdit``: a bullet beside the first line of each item."""

    def __init__(self, box: ListEdit) -> None:
        super().__init__(box)
        self.box = box
        self.setFixedWidth(box.fontMetrics().horizontalAdvance("• ") + 4)

    def paintEvent(self, event: Any) -> None:
        painter = QPainter(self)
        painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
        metrics = self.box.fontMetrics()
        for middle in self.box.item_tops():
            painter.drawText(QRect(0, middle - metrics.height() // 2, self.width(),
                                   metrics.height()), Qt.AlignmentFlag.AlignCenter, "•")


def forget_undo(owner: QWidget) -> None:
    """The own undo (Ctrl+Z while typing) of the text boxes in ``owner`` begun here, at
    the value saved: it went back past it to the machine's, shown while the file held
    the saved one. The caret stays where it is."""
    for box in owner.findChildren(QLineEdit):
        if box.isUndoAvailable() or box.isRedoAvailable():
            at = box.cursorPosition()
            box.setText(box.text())  # (which forgets what came before)
            box.setCursorPosition(at)
    for text in owner.findChildren(QPlainTextEdit):
        text.document().clearUndoRedoStacks()
