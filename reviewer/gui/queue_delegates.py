"""How two of the queue's cells are drawn: the status as a mark when its column is
narrow, and the lowest confidence as a small bar (the number in its tooltip)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QHelpEvent, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolTip,
)

from reviewer.gui.queue_model import CONFIDENCE_ROLE

Index = QModelIndex | QPersistentModelIndex

# a status's mark (by the text the model shows) and its colour, light and dark
STATUS_MARKS = {"new": "○", "reviewed ✓": "✓", "skipped": "»", "flagged ⚑": "⚑"}
STATUS_COLORS = {"reviewed ✓": ("#2e7d32", "#81c784"), "flagged ⚑": ("#d84315", "#ffb74d")}
# the bar's colour by confidence: below 0.5, below 0.8, the rest
BAR_COLORS = ((0.5, "#e53935", "#ef6c6c"), (0.8, "#f9a825", "#ffd54f"),
              (2.0, "#43a047", "#81c784"))


def _dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


class StatusDelegate(QStyledItemDelegate):
    """The status word when it fits, else its mark (the word in the tooltip);
    reviewed and flagged in colour."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: Index) -> None:
        super().initStyleOption(option, index)
        text = option.text
        color = STATUS_COLORS.get(text)
        if color is not None and not option.state & QStyle.StateFlag.State_Selected:
            option.palette.setColor(QPalette.ColorRole.Text,
                                    QColor(color[1] if _dark(option.palette) else color[0]))
        widest = max(option.fontMetrics.horizontalAdvance(t) for t in STATUS_MARKS)
        if widest + 10 > option.rect.width():  # every row a mark, or every row a word
            option.text = STATUS_MARKS.get(text, text)
            option.displayAlignment = Qt.AlignmentFlag.AlignCenter

    def helpEvent(self, event: QHelpEvent, view: QAbstractItemView,
                  option: QStyleOptionViewItem, index: Index) -> bool:
        if event.type() == QEvent.Type.ToolTip and index.isValid():
            QToolTip.showText(event.globalPos(), f"Status: {index.data()}", view)
            return True
        return super().helpEvent(event, view, option, index)


class ConfidenceBar(QStyledItemDelegate):
    """The posting's lowest field confidence as a bar across the cell: short and red
    for an unsure machine, long and green for a sure one."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        cell = QStyleOptionViewItem(option)
        self.initStyleOption(cell, index)
        cell.text = ""  # the background and the selection only
        style = cell.widget.style() if cell.widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, cell, painter, cell.widget)
        value = index.data(CONFIDENCE_ROLE)
        if value is None:
            return
        area = option.rect.adjusted(5, 0, -5, 0)
        height = max(3, min(6, area.height() // 3))
        track = QRect(area.left(), area.center().y() - height // 2 + 1, area.width(), height)
        dark = _dark(option.palette)
        fill = next(c for limit, *c in BAR_COLORS if value < limit)[1 if dark else 0]
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        groove = option.palette.color(QPalette.ColorRole.Text)
        groove.setAlpha(40)
        painter.setBrush(groove)
        painter.drawRoundedRect(track, 2, 2)
        done = QRect(track)
        done.setWidth(max(2, round(track.width() * min(1.0, max(0.0, float(value))))))
        painter.setBrush(QColor(fill))
        painter.drawRoundedRect(done, 2, 2)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        return QSize(40, super().sizeHint(option, index).height())
