"""The legend of the document's colours: a line of chips under the view choice, each
a field's name on its highlight colour, a span label's name on its tint over its
underline, and the look of a search mark, for what the document shows now.

The chips are painted, their names drawn as plain text (label names come from the
project file); the line wraps when the pane is narrow, up to a few lines: past them, span
labels are left out (those the posting does not use first), then fields (the last
first), and counted ("+140 more"): at a large font the fields' chips alone took eight
lines.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import islice
from typing import Any

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from reviewer.core.schema import FIELDS
from reviewer.gui.document_paint import field_color
from reviewer.gui.document_search import search_color
from reviewer.gui.document_view import DocumentView

PAD_X, PAD_Y, GAP = 4.0, 1.0, 4.0  # px inside a chip, and between chips and lines
MAX_CHARS = 28  # a longer label name is cut short (…)
MAX_LINES = 4  # lines of chips at most: the document keeps the pane, the window the screen
MOST_LABELS = 60  # span label chips offered at most (more than MAX_LINES lines hold): the
# rest are counted, never measured (a schema of thousands, read at every posting shown)


@dataclass(frozen=True)
class Chip:
    """One entry: its name and how the document draws what it names."""

    text: str
    background: QColor | None = None
    underline: QColor | None = None
    dotted: bool = False
    outline: QColor | None = None
    group: str = "field"  # "field", "label" or "search": a wider gap between groups
    drop: int = 0  # left out when the lines are too few: 1 first (a span label the
    # posting does not use), then 2 (one it uses), then 3 (a field); 0 never
    more: int = 0  # how many span labels were left out before (a chip counting them)


def legend_chips(view: DocumentView) -> list[Chip]:
    """The chips for what ``view`` shows: each field it highlights (in the schema's
    order), each span label (those the posting uses, then the first others: at most
    ``MOST_LABELS``, and a chip counting the rest), suggested spans if any, and the
    search mark if any."""
    chips: list[Chip] = []
    if view.mode == "cleaned":
        shown = {name for name, _a, _b in view.highlights}
        chips += [Chip(spec.label, background=field_color(spec.name, view.dark), drop=3)
                  for spec in FIELDS if spec.name in shown]
        chips += _label_chips(view)
        if any(span.get("state") == "suggested" for span, _a, _b in view.spans):
            chips.append(Chip("suggested", underline=view.palette().color(
                QPalette.ColorRole.Text), dotted=True, group="label"))
    if view.search_ranges:
        chips.append(Chip("search words", outline=search_color(view.dark), group="search"))
    return chips


def _label_chips(view: DocumentView) -> list[Chip]:
    """The span labels' chips in the schema's order: those the posting uses, and the
    first others, ``MOST_LABELS`` in all; a chip counting those left out, if any."""
    used = {span["label"] for span, _a, _b in view.spans}
    taken = [label for label in view.label_colors if label in used][:MOST_LABELS]
    room = MOST_LABELS - len(taken)
    taken += islice((label for label in view.label_colors if label not in used), room)
    offered = set(taken)
    chips = [Chip(label, background=view.label_tint(label), underline=QColor(color),
                  group="label", drop=2 if label in used else 1)
             for label, color in view.label_colors.items() if label in offered]
    if left := len(view.label_colors) - len(offered):
        chips.append(Chip("", group="label", more=left))
    return chips


def more_text(count: int) -> str:
    return f"+{count:,} more"


class ColourLegend(QWidget):
    """The chips, in lines as wide as the widget: at most ``MAX_LINES``, span labels
    left out (``Chip.drop``) and counted where more would not fit."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chips: list[Chip] = []
        self._widths: list[tuple[str, float]] | None = None  # each chip's text and width
        self._laid: tuple[float, list[tuple[Chip, str, QRectF]]] | None = None
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 0.85)
        self.setFont(font)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setToolTip("The colours of the highlights in the document (“+N more”: span "
                        "labels or fields left out here; the Labels menu lists every "
                        "label, the Fields tab every field's colour)")

    def show_chips(self, chips: list[Chip]) -> None:
        if chips != self.chips:
            self.chips = chips
            self._widths = self._laid = None
            self.updateGeometry()
            self.update()
        self.setVisible(bool(chips))

    def changeEvent(self, event: Any) -> None:
        if event.type() == QEvent.Type.FontChange:
            self._widths = self._laid = None
        super().changeEvent(event)

    def _measured(self) -> list[tuple[str, float]]:
        """Each chip's text as drawn (a long name cut short) and its width, measured
        once for the chips shown."""
        if self._widths is None:
            metrics = QFontMetricsF(self.font())
            texts = [more_text(chip.more) if chip.more else chip.text if len(chip.text) <=
                     MAX_CHARS else metrics.elidedText(chip.text, Qt.TextElideMode.ElideRight,
                                                       metrics.horizontalAdvance(
                                                           chip.text[:MAX_CHARS]))
                     for chip in self.chips]
            self._widths = [(t, metrics.horizontalAdvance(t) + 2 * PAD_X) for t in texts]
        return self._widths

    def drawn(self, width: float) -> list[tuple[Chip, str, QRectF]]:
        """The chips drawn in a widget ``width`` wide, each with its text and place: all
        of them in ``MAX_LINES`` lines, or as few span labels left out as that takes
        (``Chip.drop``: those the posting does not use first, the last first), counted
        in one chip after the labels kept."""
        if self._laid is None or self._laid[0] != width:
            order = sorted((i for i, c in enumerate(self.chips) if c.drop),
                           key=lambda i: (self.chips[i].drop, -i))
            low, high = 0, len(order)  # the fewest left out that fit: between them
            while low < high:
                middle = (low + high) // 2
                if self._lines(self._placed(width, set(order[:middle]))) <= MAX_LINES:
                    high = middle
                else:
                    low = middle + 1
            self._laid = (width, self._placed(width, set(order[:low])))
        return self._laid[1]

    def _placed(self, width: float, left_out: set[int]) -> list[tuple[Chip, str, QRectF]]:
        """Where each chip goes in a widget ``width`` wide, those at ``left_out`` (their
        indexes) not drawn, but counted after the last span label."""
        metrics = QFontMetricsF(self.font())
        height = metrics.height() + 2 * PAD_Y
        counted = sum(c.more for c in self.chips) + len(left_out)
        last = max((i for i, c in enumerate(self.chips) if c.drop or c.more), default=-1)
        entries = []
        for i, (chip, (text, w)) in enumerate(zip(self.chips, self._measured(), strict=True)):
            if i not in left_out and not chip.more:
                entries.append((chip, text, w))
            if i == last and counted:
                text = more_text(counted)
                entries.append((Chip(text, group="label", more=counted), text,
                                metrics.horizontalAdvance(text) + 2 * PAD_X))
        x = y = 0.0
        placed = []
        for n, (chip, text, w) in enumerate(entries):
            if n and chip.group != entries[n - 1][0].group:
                x += 2 * GAP
            if x > 0 and x + w > width:
                x, y = 0.0, y + height + GAP
            placed.append((chip, text, QRectF(x + 1, y + 1, w, height)))
            x += w + GAP
        return placed

    @staticmethod
    def _lines(placed: list[tuple[Chip, str, QRectF]]) -> int:
        return len({rect.top() for _c, _t, rect in placed})

    def hasHeightForWidth(self) -> bool:
        return True

    def resizeEvent(self, event: Any) -> None:
        """A new width may need more lines (or fewer): the layout is asked again, as
        the pane's layout keeps the height of the width it was first given."""
        super().resizeEvent(event)
        if self.heightForWidth(self.width()) != self.height():
            self.updateGeometry()

    def heightForWidth(self, width: int) -> int:
        placed = self.drawn(float(width))
        return int(max((rect.bottom() for _c, _t, rect in placed), default=0.0)) + 2

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
        for chip, text, rect in self.drawn(float(self.width())):
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
