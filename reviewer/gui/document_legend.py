"""The legend of the document's colours: a line of chips under the view choice, each
a field's name on its highlight colour, a span label's name on its tint over its
underline, and the look of a search mark, for what the document shows now.

The chips are painted, their names drawn as plain text (label names come from the
project file); the line wraps when the pane is narrow.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from reviewer.core.schema import FIELDS
from reviewer.gui.document_paint import field_color
from reviewer.gui.document_search import search_color
from reviewer.gui.document_view import DocumentView

PAD_X, PAD_Y, GAP = 4.0, 1.0, 4.0  # px inside a chip, and between chips and lines
MAX_CHARS = 28  # a longer label name is cut short (…)


@dataclass(frozen=True)
class Chip:
    """One entry: its name and how the document draws what it names."""

    text: str
    background: QColor | None = None
    underline: QColor | None = None
    dotted: bool = False
    outline: QColor | None = None
    group: str = "field"  # "field", "label" or "search": a wider gap between groups


def legend_chips(view: DocumentView) -> list[Chip]:
    """The chips for what ``view`` shows: each field it highlights (in the schema's
    order), each span label, suggested spans if any, and the search mark if any."""
    chips: list[Chip] = []
    if view.mode == "cleaned":
        shown = {name for name, _a, _b in view.highlights}
        chips += [Chip(spec.label, background=field_color(spec.name, view.dark))
                  for spec in FIELDS if spec.name in shown]
        chips += [Chip(label, background=view.label_tint(label), underline=QColor(color),
                       group="label") for label, color in view.label_colors.items()]
        if any(span.get("state") == "suggested" for span, _a, _b in view.spans):
            chips.append(Chip("suggested", underline=view.palette().color(
                QPalette.ColorRole.Text), dotted=True, group="label"))
    if view.search_ranges:
        chips.append(Chip("search words", outline=search_color(view.dark), group="search"))
    return chips


class ColourLegend(QWidget):
    """The chips, in lines as wide as the widget."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chips: list[Chip] = []
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 0.85)
        self.setFont(font)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setToolTip("The colours of the highlights in the document")

    def show_chips(self, chips: list[Chip]) -> None:
        if chips != self.chips:
            self.chips = chips
            self.updateGeometry()
            self.update()
        self.setVisible(bool(chips))

    def _texts(self) -> list[str]:
        metrics = QFontMetricsF(self.font())
        return [text if len(text) <= MAX_CHARS else metrics.elidedText(
            text, Qt.TextElideMode.ElideRight, metrics.horizontalAdvance(text[:MAX_CHARS]))
            for text in (chip.text for chip in self.chips)]

    def _places(self, width: float) -> list[QRectF]:
        """Where each chip goes in a widget ``width`` wide."""
        metrics = QFontMetricsF(self.font())
        height = metrics.height() + 2 * PAD_Y
        x = y = 0.0
        places = []
        for i, text in enumerate(self._texts()):
            if i and self.chips[i].group != self.chips[i - 1].group:
                x += 2 * GAP
            w = metrics.horizontalAdvance(text) + 2 * PAD_X
            if x > 0 and x + w > width:
                x, y = 0.0, y + height + GAP
            places.append(QRectF(x + 1, y + 1, w, height))
            x += w + GAP
        return places

    def hasHeightForWidth(self) -> bool:
        return True

    def resizeEvent(self, event: Any) -> None:
        """A new width may need more lines (or fewer): the layout is asked again, as
        the pane's layout keeps the height of the width it was first given."""
        super().resizeEvent(event)
        if self.heightForWidth(self.width()) != self.height():
            self.updateGeometry()

    def heightForWidth(self, width: int) -> int:
        places = self._places(float(width))
        return int(max((r.bottom() for r in places), default=0.0)) + 2

    def sizeHint(self) -> QSize:
        width = max(self.width(), 200)
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        return QSize(0, self.heightForWidth(max(self.width(), 200)))

    def paintEvent(self, event: Any) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        metrics = QFontMetricsF(self.font())
        for chip, text, rect in zip(self.chips, self._texts(),
                                    self._places(float(self.width())), strict=True):
            edge = QColor(palette.color(QPalette.ColorRole.Mid))
            painter.setPen(QPen(chip.outline or edge, 2.0 if chip.outline else 1.0))
            painter.setBrush(chip.background or palette.color(QPalette.ColorRole.Base))
            painter.drawRoundedRect(rect, 4.0, 4.0)
            painter.setPen(palette.color(QPalette.ColorRole.Text))
            baseline = rect.top() + PAD_Y + metrics.ascent()
            painter.drawText(QPointF(rect.left() + PAD_X, baseline), text)
            if chip.underline is not None:
                style = Qt.PenStyle.DotLine if chip.dotted else Qt.PenStyle.SolidLine
                painter.setPen(QPen(chip.underline, 1.5, style))
                y = baseline + min(metrics.descent(), 2.5)
                painter.drawLine(QPointF(rect.left() + PAD_X, y),
                                 QPointF(rect.right() - PAD_X, y))
        painter.end()
