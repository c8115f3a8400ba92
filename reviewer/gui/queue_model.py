"""The posting queue as a Qt table model over the store.

Built like Anki's browser table: ``reload`` takes the ordered list of matching ids
up front (one cheap query of integers, even at a million postings) and the rows
themselves are read lazily, a page of ids at a time with one SQL query per page,
and kept in a small LRU cache. Memory therefore stays bounded by the id list plus
``max_pages`` pages, however large the project.

A search with words lists its matches best match first (``ranked``); filters alone
(``company:acme``) keep the chosen order. A posting without a title shows the name of
its source instead, in grey.

The list is a snapshot: a posting edited so that it no longer matches the filter
stays in the list (with its new values) until the next ``reload``, so the row under
the reviewer's cursor never jumps away. Call ``invalidate(pid)`` after an edit.
"""

from __future__ import annotations

import sys
from array import array
from bisect import bisect_left
from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QGuiApplication, QPalette

from reviewer.core.store import ORDERS, DatabaseError, Store, parse_search, source_name
from reviewer.gui.jobs import Cancelled, Job, Progress, start
from reviewer.gui.plain import plain_tip

# (id, status, title, company, location, min_confidence, source), from the postings table
Row = tuple[int, str | None, str | None, str | None, str | None, float | None, str]
Index = QModelIndex | QPersistentModelIndex

COLUMNS = ("Status", "Title", "Company", "Location", "Confidence")
STATUS, TITLE, COMPANY, LOCATION, CONFIDENCE = range(len(COLUMNS))
SORT_ORDERS = tuple(ORDERS)  # import, confidence (least sure first), recent, useful
STATUS_TEXT = {"new": "new", "reviewed": "reviewed ✓", "skipped": "skipped",
               "flagged": "flagged ⚑"}
CONFIDENCE_ROLE = Qt.ItemDataRole.UserRole + 1  # the lowest confidence, a float or None
PAGE_SIZE = 200
MAX_PAGES = 50


class QueueModel(QAbstractTableModel):
    """The postings of a project, in a chosen order and filter, one row each."""

    rest_added = Signal()  # the rest of a large search, or a large list, has come in
    BACKGROUND_FROM = 100_000  # postings from which an ordered or filtered list is read
    # in a worker thread (about a second at this size; up to seven at a million)
    unreadable = Signal(str)  # rows the project file could not give (damaged): why
    list_failed = Signal(str)  # a list read in a worker thread could not be read: why

    def __init__(self, store: Store, parent: QObject | None = None, *,
                 page_size: int = PAGE_SIZE, max_pages: int = MAX_PAGES) -> None:
        super().__init__(parent)
        if page_size < 1 or max_pages < 1:
            raise ValueError("page_size and max_pages must be at least 1")
        self.store, self.page_size, self.max_pages = store, page_size, max_pages
        self.order, self.query = "import", ""
        self.status: str | None = None
        self.field_state: str | None = None
        self.ranked: bool | None = None  # best match first; False: too many to rank; None: no words
        self._ids: array[int] | range = array("q")  # a range: every posting, none missing
        self._total: int | None = None  # counted on first need after a reload
        self._sorted = True  # ids ascending: row_of can bisect instead of building a dict
        self._rows: dict[int, int] | None = None  # id -> row, built on first need
        self._pages: OrderedDict[int, dict[int, Row]] = OrderedDict()  # LRU, oldest first
        self._generation = 0  # counts reloads, so late results of an old search are dropped
        self.reading_more: Job | None = None  # reading the rest of a large search, or the list
        self.waiting_for = ""  # what the list waits for while ``reading_more``, for a person
        self.failed = ""  # why the list of the last reload could not be read ("": it was)

    # --- the list ----------------------------------------------------------------------------

    def reload(self, order: str = "import", status: str | None = None,
               field_state: str | None = None, query: str = "") -> None:
        """Take the ordered ids of the matching postings; rows are read later, on demand.

        With words in the search ``query`` the order is the search rank (``order`` is kept
        only to be reported back); its filters (``company:acme``), ``status`` and
        ``field_state`` filter."""
        if order not in ORDERS:
            raise ValueError(f"unknown order {order!r}; one of {', '.join(ORDERS)}")
        query = query.strip()
        self.beginResetModel()
        self.forget_pending()
        try:
            ids: Sequence[int]
            words, ranked = parse_search(query).ranked, None
            self._total = None
            if words:
                ids, ranked = self._search(query, status, field_state)
            elif self._at_once(order, status, field_state, query):
                ids = self.store.queue.ids(order, status, field_state, query)
            else:
                ids = []
                self._read_list(order, status, field_state, query)
            self._ids = ids if isinstance(ids, range) else array("q", ids)
            self._sorted = not words and order == "import"
            self._rows = None
            self._pages.clear()
            self.order, self.status, self.field_state, self.query, self.ranked = (
                order, status, field_state, query, ranked)
        finally:
            self.endResetModel()

    def show_ids(self, ids: Sequence[int]) -> None:
        """List exactly the postings ``ids``, in that order (those behind a figure of the
        statistics); the next ``reload`` lists by the search and filters again."""
        self.beginResetModel()
        self.forget_pending()
        try:
            self._ids = array("q", dict.fromkeys(ids))
            self._total, self._rows, self.ranked = None, None, None
            self._sorted = list(self._ids) == sorted(self._ids)
            self._pages.clear()
        finally:
            self.endResetModel()

    def _search(self, query: str, status: str | None,
                field_state: str | None) -> tuple[list[int], bool]:
        """Ids matching the query (best first) that pass the filters, and whether ranked.
        Too many to rank: the first ``RANKED`` now, in import order, the rest from a worker
        thread; all from it with a ``source:`` or ``location:`` filter (its index read)."""
        if parse_search(query).matched_by_part and self.total() >= self.BACKGROUND_FROM:
            self._in_background(lambda store: store.queue.passing(store.queue.search(
                query, limit=sys.maxsize), status, field_state), "Searching…", whole=True)
            return [], self.store.queue.ranks(query)
        found, after = self.store.queue.search_head(query)
        listed = self.store.queue.passing(found, status, field_state)
        if after is not None:
            self._read_rest(query, after, status, field_state)
        return listed, after is None

    def _at_once(self, order: str, status: str | None, field_state: str | None,
                 query: str) -> bool:
        """Can the list be read now? Every posting in import order can (a range); others
        from ``BACKGROUND_FROM`` postings on are read in a worker thread."""
        if order == "import" and status is None and field_state is None and not query:
            return True
        return self.total() < self.BACKGROUND_FROM

    def _read_list(self, order: str, status: str | None, field_state: str | None,
                   query: str) -> None:
        self._in_background(lambda store: list(store.queue.ids(order, status, field_state,
                                                               query)),
                            "Putting the postings in order…", whole=True)

    def _read_rest(self, query: str, after: int, status: str | None,
                   field_state: str | None) -> None:
        self._in_background(lambda store: store.queue.passing(
            store.queue.search_after(query, after), status, field_state),
            "Searching the rest of the project…")

    def _in_background(self, read: Callable[[Store], list[int]], waiting_for: str,
                       whole: bool = False) -> None:
        """Run ``read`` in a worker thread; its ids are listed when they come, unless a
        later reload replaced the list. ``whole``: the whole list, whose failure is said."""
        generation = self._generation

        def failed(message: str) -> None:
            if whole and generation == self._generation:
                self.failed = message
                self.list_failed.emit(message)
            self._add_rest(generation, [])

        job = reading(self.store, read)
        job.signals.finished.connect(lambda ids: self._add_rest(generation, ids))
        job.signals.failed.connect(failed)
        self.reading_more, self.waiting_for = job, waiting_for
        start(job)

    def forget_pending(self) -> None:
        """Drop and stop what a worker still reads for this list (before a reload, a close)."""
        self._generation += 1
        if self.reading_more is not None:
            self.reading_more.cancel()
        self.reading_more, self.failed = None, ""

    def _add_rest(self, generation: int, ids: list[int]) -> None:
        if generation != self._generation:
            return  # a later reload replaced the list this was for
        self.reading_more = None
        if ids:
            first = len(self._ids)
            self.beginInsertRows(QModelIndex(), first, first + len(ids) - 1)
            assert isinstance(self._ids, array)
            self._ids.extend(ids)
            self._rows = None
            self.endInsertRows()
        self.rest_added.emit()

    def total(self, fresh: bool = False) -> int:
        """How many postings the project holds, whatever the filter (as of the last reload,
        or ``fresh``: edits do not change it, and counting a million rows at each would)."""
        if self._total is None or fresh:
            self._total = self.store.queue.count()
        return self._total

    def count(self, status: str) -> int:
        """How many postings have ``status`` (0 when the file cannot say: it is damaged,
        and ``unreadable`` says so)."""
        try:
            return self.store.queue.count(status)
        except DatabaseError as err:
            self.unreadable.emit(str(err))
            return 0

    def id_at(self, row: int) -> int:
        """The posting id shown at ``row`` (IndexError when out of range)."""
        if not 0 <= row < len(self._ids):
            raise IndexError(row)
        return self._ids[row]

    def listed_ids(self) -> Sequence[int]:
        """Every id listed, in order: a copy the list's later changes leave alone (a
        range when it is every posting; 8 bytes a posting otherwise)."""
        return self._ids if isinstance(self._ids, range) else array("q", self._ids)

    def status_at(self, row: int) -> str | None:
        """The status of the posting at ``row`` (new, reviewed, skipped, flagged)."""
        return self._row(row)[1]

    def company_at(self, row: int) -> str | None:
        return self._row(row)[3]

    def location_at(self, row: int) -> str | None:
        return self._row(row)[4]

    def source_at(self, row: int) -> str:
        """Where the posting at ``row`` was imported from (a path, ``file.jsonl#12``)."""
        return self._row(row)[6]

    def row_of(self, pid: int) -> int | None:
        """The row showing posting ``pid``, or None when it is not in the list."""
        if self._sorted:
            row = bisect_left(self._ids, pid)
            return row if row < len(self._ids) and self._ids[row] == pid else None
        if self._rows is None:
            self._rows = {p: r for r, p in enumerate(self._ids)}
        return self._rows.get(pid)

    def invalidate(self, pid: int) -> None:
        """Forget the cached values of posting ``pid`` (after an edit) and tell the views."""
        row = self.row_of(pid)
        if row is None:
            return
        self._pages.pop(row // self.page_size, None)
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def cached_pages(self) -> list[int]:
        """Numbers of the pages held in the cache, least recently used first."""
        return list(self._pages)

    # --- lazy rows ---------------------------------------------------------------------------

    def _row(self, row: int) -> Row:
        number = row // self.page_size
        page = self._pages.get(number)
        if page is None:
            page = self._load(number)
        else:
            self._pages.move_to_end(number)
        pid = self._ids[row]
        found = page.get(pid)
        return found if found is not None else (pid, None, None, None, None, None, "")

    def _load(self, number: int) -> dict[int, Row]:
        start = number * self.page_size
        chunk = list(self._ids[start:start + self.page_size])
        try:
            page: dict[int, Row] = self.store.queue.rows(chunk)
        except DatabaseError as err:  # a damaged file: blank rows, never an exception in Qt
            self.unreadable.emit(str(err))
            page = {}
        self._pages[number] = page
        while len(self._pages) > self.max_pages:
            self._pages.popitem(last=False)
        return page

    # --- Qt model ----------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemNeverHasChildren)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            if role == Qt.ItemDataRole.DisplayRole:
                return COLUMNS[section]
            if role == Qt.ItemDataRole.TextAlignmentRole and section == CONFIDENCE:
                return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            if role == Qt.ItemDataRole.ToolTipRole:
                return f"{COLUMNS[section]} (right-click to choose the columns)"
            return None
        return super().headerData(section, orientation, role)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        column = index.column()
        if role == Qt.ItemDataRole.UserRole:
            return self._ids[index.row()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column == CONFIDENCE:
                return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
                        Qt.ItemDataRole.ForegroundRole, CONFIDENCE_ROLE):
            return None
        _, status, title, company, location, confidence, source = self._row(index.row())
        if role == CONFIDENCE_ROLE:
            return confidence
        if role == Qt.ItemDataRole.ForegroundRole:
            palette = QGuiApplication.palette()
            if status == "skipped":
                return palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
            if column == TITLE and not title:  # the source's name stands in: greyed
                return palette.color(QPalette.ColorRole.PlaceholderText)
            return None
        if role == Qt.ItemDataRole.ToolTipRole:  # posting text and file names: shown as text
            return _tooltip(column, title, company, location, confidence, source)
        if column == STATUS:
            return STATUS_TEXT.get(status or "", status or "")
        if column == TITLE:
            return title or source_name(source)
        if column == COMPANY:
            return company or ""
        if column == LOCATION:
            return location or ""
        if column == CONFIDENCE:
            return "" if confidence is None else f"{confidence:.2f}"
        return None


def _tooltip(column: int, title: str | None, company: str | None, location: str | None,
             confidence: float | None, source: str) -> str | None:
    if column == TITLE:
        return plain_tip(title) if title else plain_tip(f"No title found. Source: {source}")
    if column in (COMPANY, LOCATION):
        text = company if column == COMPANY else location
        return plain_tip(text) if text else None
    if column == CONFIDENCE and confidence is not None:
        return f"Lowest field confidence: {confidence:.2f}"
    return None


def reading(store: Store, read: Callable[[Store], Any]) -> Job:
    """A job that runs ``read`` on a connection of its own to ``store``'s file, for
    reading only; cancelled, its query is interrupted."""
    path, reviewer = store.path, store.reviewer

    def work(_progress: Progress, cancelled: Callable[[], bool]) -> Any:
        with Store(path, create=False, reviewer=reviewer, read_only=True) as own:
            job.on_cancel.append(own.interrupt)
            try:
                if cancelled():
                    raise Cancelled
                return read(own)
            finally:
                job.on_cancel.remove(own.interrupt)

    job = Job(work, str)
    return job


__all__ = ["COLUMNS", "CONFIDENCE_ROLE", "SORT_ORDERS", "STATUS_TEXT", "QueueModel", "reading"]
