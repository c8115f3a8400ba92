"""The queue pane: search, filters, order, the list of postings and its count.

Shows the ``QueueModel`` and moves through it; says which posting is chosen
(``posting_chosen``) and knows nothing of what is done with it.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reviewer.gui.queue_model import QueueModel

STATUS_CHOICES = (("All postings", None), ("New", "new"), ("Reviewed", "reviewed"),
                  ("Skipped", "skipped"), ("Flagged", "flagged"))
ORDER_CHOICES = (("Import order", "import"), ("Least confident first", "confidence"),
                 ("Recently edited", "recent"))
STATE_CHOICES = (("Any field state", None), ("Fields left to review", "suggested"),
                 ("A field corrected", "corrected"), ("A field rejected", "rejected"),
                 ("A field accepted", "accepted"))


def _combo(choices: tuple[tuple[str, str | None], ...]) -> QComboBox:
    combo = QComboBox()
    for text, value in choices:
        combo.addItem(text, value)
    return combo


class QueuePane(QWidget):
    """The list a person works down, with the search and filters above it."""

    posting_chosen = Signal(object)  # the id (an int of any size) the current row moved to
    leaving = Signal()  # the current row is about to change (finish typing first)
    listed = Signal()  # the list was read again (by a search, a filter, an order)

    def __init__(self, model: QueueModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.view = QTableView()
        self.view.setModel(model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.view.selectionModel().currentRowChanged.connect(self._row_changed)
        self.search_box = QLineEdit(placeholderText="Search title, company, text…")
        self.search_box.returnPressed.connect(self.search)
        self.status_filter = _combo(STATUS_CHOICES)
        self.order_choice = _combo(ORDER_CHOICES)
        self.state_filter = _combo(STATE_CHOICES)
        for combo in (self.status_filter, self.state_filter, self.order_choice):
            combo.currentIndexChanged.connect(lambda _i: self.search())
        choices = QHBoxLayout()
        for combo in (self.status_filter, self.state_filter):
            # narrow panes shorten the texts rather than widen the window
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(6)
            choices.addWidget(combo)
        self.count_label = QLabel()
        column = QVBoxLayout(self)
        column.setContentsMargins(6, 6, 0, 6)
        column.addWidget(self.search_box)
        column.addLayout(choices)
        column.addWidget(self.order_choice)
        column.addWidget(self.view, 1)
        column.addWidget(self.count_label)

    def search(self, select: bool = True) -> None:
        """Read the list again as the search, filters and order say; select its first
        row unless ``select`` is False."""
        self.model.reload(order=self.order_choice.currentData(),
                          status=self.status_filter.currentData(),
                          field_state=self.state_filter.currentData(),
                          query=self.search_box.text().strip())
        self.listed.emit()
        if select and self.model.rowCount():
            self.select_row(0)

    def reload_at(self, pid: int | None) -> None:
        """The list read again (after long work), on posting ``pid`` when it is still
        listed, else on the first; read afresh either way, its suggestions may be new."""
        self.search(select=False)
        row = self.model.row_of(pid) if pid is not None else None
        self.select_row(row if row is not None else 0)

    def focus_search(self) -> None:
        self.search_box.setFocus()
        self.search_box.selectAll()

    def current_row(self) -> int:
        return self.view.currentIndex().row()

    def select_row(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            index = self.model.index(row, 0)
            self.view.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect |
                QItemSelectionModel.SelectionFlag.Rows)
            self.view.scrollTo(index)

    def go_next(self) -> None:
        self.select_row(self.current_row() + 1)

    def go_previous(self) -> None:
        self.select_row(self.current_row() - 1)

    def next_unreviewed(self) -> None:
        """The next row below the current one that is not reviewed (none: stay)."""
        for row in range(self.current_row() + 1, self.model.rowCount()):
            if self.model.status_at(row) != "reviewed":
                self.select_row(row)
                return

    def show_count(self, total: int) -> None:
        more = "+" if self.model.reading_more is not None else ""
        self.count_label.setText(f"{self.model.rowCount():,}{more} of {total:,}")

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.leaving.emit()
        if current.isValid():
            self.posting_chosen.emit(self.model.id_at(current.row()))
