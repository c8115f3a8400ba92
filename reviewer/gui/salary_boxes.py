"""A salary's four boxes (min, max, currency, period) in one row of the fields, or in
two where one line cannot show its figures whole.

A box too narrow for its figure showed "1400(" of 1400000: a pay read ten times lower.
The figures take room for seven digits; the currency for three letters. When the row
is narrower than that in one line (the fields' pane at 1366 x 768), the currency and
period go below the figures.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QComboBox, QGridLayout, QLayout, QLineEdit, QWidget

from reviewer.core.schema import PERIODS
from reviewer.gui.choice_box import ChoiceBox

FIGURE = "0000000"  # the longest figure a box shows whole (a year's pay in rupees, yen)
_MARGINS = 10  # a line edit's frame and inner margins, both sides


class SalaryBoxes(QWidget):
    """The boxes of a salary: ``low``, ``high``, ``currency`` and ``period``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        # (its least width is the two lines': ``minimumSizeHint``, not the one line's)
        self.grid.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self.grid.setSpacing(2)
        self.low, self.high, self.currency = QLineEdit(), QLineEdit(), QLineEdit()
        self.period = ChoiceBox()
        self.low.setPlaceholderText("min")
        self.high.setPlaceholderText("max")
        self.currency.setPlaceholderText("code")  # (not "USD": it would read as a value)
        self.currency.setMaxLength(3)
        self.period.addItem("", None)
        for period in PERIODS:
            self.period.addItem(period, period)
        self.period.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.period.setMinimumContentsLength(4)
        metrics = self.fontMetrics()
        self.low.setMinimumWidth(metrics.horizontalAdvance(FIGURE) + _MARGINS)
        self.high.setMinimumWidth(self.low.minimumWidth())
        self.currency.setMinimumWidth(metrics.horizontalAdvance("WWW") + _MARGINS)
        self._lines = 0
        self._lay_out(1)

    def one_line_width(self) -> int:
        """The width the four boxes need side by side."""
        boxes = (self.low, self.high, self.currency, self.period)
        return sum(max(box.minimumWidth(), box.minimumSizeHint().width()) for box in boxes) \
            + 3 * self.grid.horizontalSpacing()

    def _lay_out(self, lines: int) -> None:
        """The boxes in one line, or the figures above the currency and the period."""
        if lines == self._lines:
            return
        self._lines = lines
        places = ((0, 0), (0, 1), (0, 2), (0, 3)) if lines == 1 else \
            ((0, 0), (0, 1), (1, 0), (1, 1))
        for box, (row, column) in zip((self.low, self.high, self.currency, self.period),
                                      places, strict=True):
            self.grid.removeWidget(box)
            self.grid.addWidget(box, row, column)
        for column in range(4):
            self.grid.setColumnStretch(column, (3, 3, 2, 3)[column] if lines == 1 else
                                       int(column < 2))
        self.updateGeometry()  # (as high as its lines)

    def minimumSizeHint(self) -> QSize:
        """As narrow as two lines are, as high as the lines it has now."""
        width = max(self.low.minimumWidth() + self.high.minimumWidth(),
                    self.currency.minimumWidth() + self.period.minimumSizeHint().width())
        return QSize(width + self.grid.horizontalSpacing(), self.grid.minimumSize().height())

    def sizeHint(self) -> QSize:
        return QSize(self.one_line_width(), self.grid.sizeHint().height())

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self._lay_out(1 if event.size().width() >= self.one_line_width() else 2)
