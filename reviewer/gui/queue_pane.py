"""The queue pane: search, filters, order, the list of postings and its count.

Shows the ``QueueModel`` and moves through it; says which posting is chosen
(``posting_chosen``: the current row) and knows nothing of what is done with it.
Many rows can be selected (Shift/Ctrl+click, ``selected_ids``) while one is shown.
The columns are chosen by a right-click on the header or in View → List columns
(``queue_columns``); a right-click on a posting filters by its company, location or
source (``queue_menu``).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPoint,
    QSettings,
    QSignalBlocker,
    Qt,
    Signal,
)
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reviewer.core.store import SearchQuery, filter_term, parse_search
from reviewer.gui.next_unreviewed import NextUnreviewed
from reviewer.gui.plain import plain_label
from reviewer.gui.queue_choices import (
    ORDER_CHOICES,
    ORDER_TIP,
    ORDER_TIPS,
    SEARCHED,
    STATE_CHOICES,
    STATE_TIPS,
    STATUS_CHOICES,
    choice_box,
    show_order,
)
from reviewer.gui.queue_columns import QueueColumns
from reviewer.gui.queue_delegates import ConfidenceBar, StatusDelegate
from reviewer.gui.queue_menu import row_menu
from reviewer.gui.queue_model import COLUMNS, QueueModel
from reviewer.gui.search_box import SearchBox
from reviewer.gui.theme import FocusShade


class QueuePane(QWidget):
    """The list a person works down, with the search and filters above it."""

    posting_chosen = Signal(object)  # the id (an int of any size) the current row moved to
    leaving = Signal()  # the current row is about to change (finish typing first)
    listed = Signal()  # the list was read again (by a search, a filter, an order)
    message = Signal(str, int)  # for the status bar: text, milliseconds
    menu_made = Signal(object)  # a row's menu (a QMenu), for others to add to before it shows

    def __init__(self, model: QueueModel, settings: QSettings | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        # whether a move by key, a search or a filter may leave the posting shown (the
        # word for what it would have done: ``ReviewFlow.may_leave``)
        self.may_leave: Callable[[str], bool] = lambda _done: True
        self.last_shown: int | None = None  # (to come back to after a list of none)
        self.settings = settings  # keeps the columns; None keeps nothing
        self.return_to: int | None = None  # the posting to show when a list read late comes
        self.listed_of = 0  # the postings the project held when the list was read
        self.view = QTableView()
        self.view.setModel(model)
        self.unreviewed = NextUnreviewed(model, self.select_row, self.message.emit, self)
        self._set_up_view()
        self.columns = QueueColumns(self.view, settings)
        self.search_box = SearchBox(lambda: self.model.query)
        self.search_box.returnPressed.connect(lambda: self._asked("searched"))
        self.search_box.cleared.connect(lambda: self._asked("searched"))
        self.status_filter = choice_box(STATUS_CHOICES, name="Status")
        self.order_choice = choice_box(ORDER_CHOICES, ORDER_TIPS, "Order")
        self.order_choice.setToolTip(ORDER_TIP)
        self._order = "import"  # the order chosen, whatever a search lists by
        self.state_filter = choice_box(STATE_CHOICES, STATE_TIPS, "Field state")
        for combo in (self.status_filter, self.state_filter):
            combo.currentIndexChanged.connect(lambda _i: self._asked("filtered"))
        self.order_choice.currentIndexChanged.connect(self._order_chosen)
        choices = QHBoxLayout()
        for combo in (self.status_filter, self.state_filter):
            # narrow panes shorten the texts rather than widen the window
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(6)
            choices.addWidget(combo)
        self.count_label = QLabel()
        self.only = QWidget()  # "only the postings behind a figure", while they are listed
        self.only_text = plain_label()  # names a field or a label from the project
        self.only_text.setWordWrap(True)
        clear = QToolButton()
        clear.setText("Show all")
        clear.setToolTip("List by the search and filters again")
        clear.clicked.connect(lambda: self._asked("listed"))
        line = QHBoxLayout(self.only)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.only_text, 1)
        line.addWidget(clear)
        self.only.hide()
        column = QVBoxLayout(self)
        column.setContentsMargins(6, 6, 0, 6)
        column.addWidget(self.search_box)
        column.addLayout(choices)
        column.addWidget(self.order_choice)
        column.addWidget(self.only)
        column.addWidget(self.view, 1)
        column.addWidget(self.count_label)

    def _set_up_view(self) -> None:
        view = self.view
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        view.setTabKeyNavigation(False)  # Tab goes to the next pane, never the next posting
        FocusShade(view)  # (grey while another pane has the keys)
        view.setWordWrap(False)  # one line a row, cut with an ellipsis
        view.setTextElideMode(Qt.TextElideMode.ElideRight)
        rows = view.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(view.fontMetrics().height() + 8)
        view.setItemDelegateForColumn(COLUMNS.index("Status"), StatusDelegate(view))
        view.setItemDelegateForColumn(COLUMNS.index("Confidence"), ConfidenceBar(view))
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(self._cell_popup)
        view.installEventFilter(self)  # the Menu key: the menu of the current posting
        view.setAccessibleName("Postings")
        view.selectionModel().currentRowChanged.connect(self._row_changed)

    # --- the list ----------------------------------------------------------------------------

    def search(self, select: bool = True, stay: bool = True) -> None:
        """Read the list again as the search, filters and order say, and (unless
        ``select`` is False) show the search's best match; with no search words (one
        cleared, a filter changed) and ``stay``, the posting shown, when still listed.
        (A new order shows its first: the most useful, the least sure.)"""
        query = self.search_box.text().strip()
        current = self.model.id_at(self.current_row()) \
            if 0 <= self.current_row() < self.model.rowCount() else None
        if current is not None:
            self.leaving.emit()  # (a list of none shows nothing: what is typed goes now)
        shown = (current if current is not None else self.last_shown) \
            if stay and not parse_search(query).words else None  # (filters alone: stays)
        self.only.hide()
        self.return_to = None
        self.model.reload(order=self._order,
                          status=self.status_filter.currentData(),
                          field_state=self.state_filter.currentData(),
                          query=query)
        self.listed_of = self.model.total()  # the postings the project held (counted anyway)
        self.search_box.searched()
        show_order(self.order_choice, self._order, self.model.ranked)
        self.listed.emit()
        if select and self.model.rowCount():
            row = self.model.row_of(shown) if shown is not None else None
            if row is None and shown is not None and self.model.reading_more is not None:
                self.return_to = shown  # it may be in the part of the list still coming
                return
            self.select_row(row if row is not None else 0)

    def _asked(self, done: str, stay: bool = True) -> bool:
        """A search, a filter or an order the person chose: the list read again (True),
        unless the posting shown holds text typed that cannot be read, which leaving it
        would drop (said, as a move by key says it: ``done``, what was not done). The
        search stays in its box to run again; a filter or an order goes back to the one
        the list is read by."""
        if self.current_row() < 0 or self.may_leave(done):
            self.search(stay=stay)
            return True
        model = self.model
        for combo, value in ((self.status_filter, model.status),
                             (self.state_filter, model.field_state)):
            with QSignalBlocker(combo):
                combo.setCurrentIndex(max(0, combo.findData(value)))
        self._order = model.order
        show_order(self.order_choice, self._order, self.model.ranked)
        return False

    def show_ids(self, ids: list[int], what: str) -> None:
        """List only the postings ``ids`` (those behind a figure: ``what`` says which),
        until the search or a filter lists by them again. (Not while the posting shown
        holds text typed that cannot be read: said, as for a filter.)"""
        if self.current_row() >= 0 and not self.may_leave("listed"):
            return
        self.model.show_ids(ids)
        self.only_text.setText(f"Only the {len(ids):,} postings {what}.")
        self.only.show()
        self.listed.emit()
        if self.model.rowCount():
            self.select_row(0)

    def reload_at(self, pid: int | None) -> None:
        """The list read again (after long work), on posting ``pid`` when it is still
        listed, else on the first; read afresh either way, its suggestions may be new."""
        if pid is None:  # none shown: the list is still coming after earlier work
            pid = self.return_to
        self.search(select=False)
        row = self.model.row_of(pid) if pid is not None else None
        if row is None and self.model.reading_more is not None:  # may be in what comes
            self.return_to = pid
            return
        self.select_row(row if row is not None else 0)

    def row_to_show(self) -> int:
        """The row to show once a list read in a worker thread is in: that of the posting
        it was read again for (``reload_at``) when it is listed, else the first."""
        row = self.model.row_of(self.return_to) if self.return_to is not None else None
        self.return_to = None
        return row if row is not None else 0

    def add_filter(self, field: str, value: str) -> None:
        """Keep only the postings whose ``field`` matches ``value`` (in place of an
        earlier filter of that field) and list them."""
        self._search_for(_with_filter(self.search_box.text(), field, value), "filtered")

    def clear_filters(self) -> None:
        """The search words without their filters."""
        query = parse_search(self.search_box.text())
        self._search_for(" ".join(SearchQuery(query.words, (), query.without).terms()), "listed")

    def _search_for(self, text: str, done: str) -> None:
        """List by ``text`` put in the search box; when that is refused (``_asked``), the
        box shows what it held again, not a search the list does not follow."""
        was = self.search_box.text()
        self.search_box.setText(text)
        if not self._asked(done):
            self.search_box.setText(was)

    def _order_chosen(self, index: int) -> None:
        value = self.order_choice.itemData(index)
        if value not in (None, SEARCHED):
            self._order = value
            self._asked("reordered", stay=False)

    # --- moving and selecting ----------------------------------------------------------------

    def focus_search(self) -> None:
        self.search_box.setFocus()
        self.search_box.selectAll()

    def current_row(self) -> int:
        return self.view.currentIndex().row()

    def select_row(self, row: int) -> None:
        """Make ``row`` the current row (the one shown), and the only one selected."""
        if 0 <= row < self.model.rowCount():
            index = self.model.index(row, 0)
            self.view.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect |
                QItemSelectionModel.SelectionFlag.Rows)
            self.view.scrollTo(index)

    def selected_ids(self) -> list[int]:
        """The ids of the selected rows, in list order (the shown posting is the
        current row, selected unless Ctrl+click took it out)."""
        rows: set[int] = set()
        selection = self.view.selectionModel().selection()
        for part in (selection.at(i) for i in range(selection.size())):
            rows.update(range(part.top(), part.bottom() + 1))
        return [self.model.id_at(row) for row in sorted(rows)]

    def go_next(self) -> None:
        if not self.may_leave("moved"):
            return
        row = self.current_row() + 1
        if row < self.model.rowCount() or self.model.reading_more is not None:
            self.select_row(row)
            return
        came = self.model.total(fresh=True) - self.listed_of  # (another program's import)
        self.message.emit(self._end("last") + (
            f" {came:,} posting{'s' * (came != 1)} came in since it was read: Enter in the "
            "search box lists them." if came > 0 else ""), 8000)

    def go_previous(self) -> None:
        if self.may_leave("moved"):
            if self.current_row() > 0:
                self.select_row(self.current_row() - 1)
            else:
                self.message.emit(self._end("first"), 8000)

    def _end(self, which: str) -> str:
        """What a move past an end of the list says: the ``which`` (first, last)
        posting of it is shown, or why it lists none."""
        if self.model.rowCount():
            return f"The {which} posting of the list."
        return self.why_empty()

    def why_empty(self) -> str:
        """Why the list shows no posting, and what to do."""
        return ("The list is empty: no posting matches the search and filters."
                if self.listed_of else "The list is empty: the project has no postings "
                "yet (File → Import files, Ctrl+I).")

    def next_unreviewed(self) -> bool:
        """The next row below the current one that is not reviewed, else the first above
        it; False when every other row is reviewed (the list stays, and says so). Far
        below, it is looked for in a worker thread (``NextUnreviewed``)."""
        if not self.may_leave("moved"):
            return True  # (it said why)
        return self.unreviewed.go(self.current_row())

    def show_count(self, total: int) -> None:
        more = "+" if self.model.reading_more is not None else ""
        self.count_label.setText(f"{self.model.rowCount():,}{more} of {total:,}")

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.unreviewed.stop()  # (a move elsewhere: what it looked for is not wanted)
        self.leaving.emit()
        if current.isValid():
            self.last_shown = self.model.id_at(current.row())
            self.posting_chosen.emit(self.last_shown)

    # --- menus -------------------------------------------------------------------------------

    def column_menu(self) -> QMenu:
        """The header's menu: which columns are shown."""
        return self.columns.column_menu()

    def cell_menu(self, index: QModelIndex) -> QMenu:
        """The menu of a posting's row (``queue_menu.row_menu``)."""
        menu = row_menu(self.view, self.model, index, self.search_box.text(),
                        self.add_filter, self.clear_filters)
        self.menu_made.emit(menu)  # the bulk edits of the selection join it
        return menu

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The Menu key (a keyboard context-menu event, its place in the list's own
        coordinates, not its rows'): the menu of the current cell, shown at it."""
        if watched is self.view and event.type() == QEvent.Type.ContextMenu and \
                isinstance(event, QContextMenuEvent) and \
                event.reason() == QContextMenuEvent.Reason.Keyboard:
            index = self.view.currentIndex()
            if index.isValid():
                self._cell_popup(self.view.visualRect(index).center())
            return True
        return super().eventFilter(watched, event)

    def _cell_popup(self, pos: QPoint) -> None:
        index = self.view.indexAt(pos)
        if index.isValid():
            self._menu = self.cell_menu(index)
            self._menu.popup(self.view.viewport().mapToGlobal(pos))


def _with_filter(search: str, field: str, value: str) -> str:
    """The words of ``search`` with the filter ``field``:``value`` in place of any
    filter of that field it had."""
    query = parse_search(search)
    kept = SearchQuery(query.words, tuple((f, v) for f, v in query.filters if f != field),
                       query.without, query.without_filters)
    return " ".join([*kept.terms(), filter_term(field, value)])
