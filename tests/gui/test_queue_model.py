"""The queue model: ordered ids up front, rows read lazily by page, an edit refreshes its row."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtGui import QColor

from reviewer.core.store import STATUSES, DatabaseError, NewPosting, Store
from reviewer.gui.queue_model import COLUMNS, MAX_PAGES, PAGE_SIZE, SORT_ORDERS, QueueModel
from reviewer.gui.queue_pane import ORDER_CHOICES

pytestmark = pytest.mark.qt_log_level_fail("WARNING")

COMPANIES = ("Acme", "Globex", "Initech")
CONFIDENCE = COLUMNS.index("Confidence")
TITLE = COLUMNS.index("Title")
STATUS = COLUMNS.index("Status")
DISPLAY = Qt.ItemDataRole.DisplayRole


def posting(n: int) -> NewPosting:
    """Posting ``n``: statuses cycle, confidences are shuffled, every 10th has none."""
    company = COMPANIES[n % len(COMPANIES)]
    text = f"# Data Engineer {n}\n\n{company} is hiring in Berlin. Python and SQL.\n"
    fields = {"title": f"Data Engineer {n}", "company": company, "locations": ["Berlin"]}
    confidence = {} if n % 10 == 0 else {"title": 0.9, "company": (n * 37 % 97) / 100}
    return NewPosting(source=f"p{n}.txt", hash=f"h{n}", kind="text", raw=text, cleaned=text,
                      fields=fields, confidence=confidence,
                      status=STATUSES[n % len(STATUSES)])


def fill(store: Store, count: int, batch: int = 5000) -> None:
    for start in range(1, count + 1, batch):
        store.postings.add([posting(n) for n in range(start, min(start + batch, count + 1))])


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store(tmp_path / "project.db")
    fill(s, 50)
    yield s
    s.close()


@pytest.fixture
def model(store: Store) -> QueueModel:
    m = QueueModel(store)
    m.reload()
    return m


@pytest.fixture(scope="module")
def big_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    s = Store(tmp_path_factory.mktemp("big") / "project.db")
    fill(s, 20_000)
    yield s
    s.close()


def column(model: QueueModel, col: int, role: int = DISPLAY) -> list[object]:
    return [model.data(model.index(r, col), role) for r in range(model.rowCount())]


def ids(model: QueueModel) -> list[int]:
    return [model.id_at(r) for r in range(model.rowCount())]


class QueryCounter:
    """Counts the SQL statements the store's connection runs while installed."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.statements: list[str] = []

    def __enter__(self) -> QueryCounter:
        self.store.db.conn.set_trace_callback(self.statements.append)
        return self

    def __exit__(self, *exc: object) -> None:
        self.store.db.conn.set_trace_callback(None)


# --- the model contract ------------------------------------------------------------------------


def test_the_model_passes_qtmodeltester(qtmodeltester, model: QueueModel) -> None:
    assert model.rowCount() == 50
    qtmodeltester.check(model)


def test_a_filtered_and_an_empty_model_pass_qtmodeltester(qtmodeltester,
                                                          model: QueueModel) -> None:
    model.reload(order="confidence", status="skipped")
    qtmodeltester.check(model)
    model.reload(query="nosuchword")
    assert model.rowCount() == 0
    qtmodeltester.check(model)


def test_headers_name_the_columns(model: QueueModel) -> None:
    assert model.columnCount() == 5
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(5)] == [
        "Status", "Title", "Company", "Location", "Confidence"]
    assert SORT_ORDERS == ("import", "confidence", "recent", "useful")
    assert sorted(order for _text, order in ORDER_CHOICES) == sorted(SORT_ORDERS)  # all offered


def test_cells_show_the_listing_columns(store: Store, model: QueueModel) -> None:
    row = model.row_of(7)
    assert row is not None
    cells = [model.data(model.index(row, c)) for c in range(5)]
    assert cells == ["flagged ⚑", "Data Engineer 7", "Globex", "Berlin",
                     f"{7 * 37 % 97 / 100:.2f}"]
    assert model.data(model.index(row, TITLE), Qt.ItemDataRole.ToolTipRole) == "Data Engineer 7"
    assert model.data(model.index(row, STATUS), Qt.ItemDataRole.ToolTipRole) is None
    for c in range(5):
        assert model.data(model.index(row, c), Qt.ItemDataRole.UserRole) == 7
    alignment = model.data(model.index(row, CONFIDENCE), Qt.ItemDataRole.TextAlignmentRole)
    assert alignment & Qt.AlignmentFlag.AlignRight
    assert model.data(model.index(row, TITLE), Qt.ItemDataRole.TextAlignmentRole) is None
    # every status has its marker; a posting without machine confidence shows none
    assert set(column(model, STATUS)) == {"new", "reviewed ✓", "skipped", "flagged ⚑"}
    assert model.data(model.index(model.row_of(10) or 0, CONFIDENCE)) == ""


def test_skipped_postings_are_muted(model: QueueModel) -> None:
    foreground = Qt.ItemDataRole.ForegroundRole
    skipped, new = model.row_of(2), model.row_of(4)  # STATUSES[2] is skipped, [0] new
    assert skipped is not None and new is not None
    assert model.data(model.index(skipped, STATUS)) == "skipped"
    assert isinstance(model.data(model.index(skipped, TITLE), foreground), QColor)
    assert model.data(model.index(new, TITLE), foreground) is None


# --- lazy pages --------------------------------------------------------------------------------


def test_nothing_is_read_until_a_cell_is_asked(store: Store) -> None:
    model = QueueModel(store, page_size=10)
    with QueryCounter(store) as queries:
        model.reload()
        assert model.rowCount() == 50
        assert model.id_at(49) == 50
    assert len(queries.statements) == 1  # only the id list
    assert model.cached_pages() == []
    with QueryCounter(store) as queries:
        assert model.data(model.index(0, TITLE)) == "Data Engineer 1"
        for row in range(10):
            for col in range(5):
                model.data(model.index(row, col))
    assert model.cached_pages() == [0]
    assert len(queries.statements) == 1
    assert "WHERE id IN" in queries.statements[0]
    model.data(model.index(10, TITLE))
    assert model.cached_pages() == [0, 1]


def test_the_cache_keeps_only_the_most_recently_used_pages(store: Store) -> None:
    model = QueueModel(store, page_size=5, max_pages=3)
    model.reload()
    for row in range(0, 50, 5):
        model.data(model.index(row, TITLE))
    assert model.cached_pages() == [7, 8, 9]
    model.data(model.index(36, TITLE))  # page 7 used again: page 8 is now the oldest
    model.data(model.index(0, TITLE))
    assert model.cached_pages() == [9, 7, 0]


def test_a_reload_empties_the_cache_and_resets_views(qtbot, model: QueueModel) -> None:
    model.data(model.index(0, TITLE))
    assert model.cached_pages() == [0]
    with qtbot.waitSignals([model.modelAboutToBeReset, model.modelReset]):
        model.reload(order="confidence")
    assert model.cached_pages() == []
    assert model.order == "confidence"


# --- order, filter, search ---------------------------------------------------------------------


def test_confidence_order_is_the_stores_least_confident_first(store: Store,
                                                               model: QueueModel) -> None:
    model.reload(order="confidence")
    assert ids(model) == store.queue.ids("confidence")
    shown = [float(c) for c in column(model, CONFIDENCE) if c]
    assert shown == sorted(shown)
    assert column(model, CONFIDENCE)[-5:] == [""] * 5  # no confidence: last


def test_recent_order_is_the_stores(store: Store, model: QueueModel) -> None:
    store.postings.set_status(3, "reviewed")
    model.reload(order="recent")
    assert ids(model) == store.queue.ids("recent")


def test_a_status_filter_keeps_only_that_status(store: Store, model: QueueModel) -> None:
    model.reload(status="flagged")
    assert model.rowCount() == store.queue.count(status="flagged") == 12
    assert set(column(model, STATUS)) == {"flagged ⚑"}
    assert model.status_at(0) == "flagged"
    assert model.total() == 50


def test_a_field_state_filter_is_the_stores(store: Store, model: QueueModel) -> None:
    store.decisions.set_field(5, "title", "Platform Engineer")
    store.decisions.accept_field(9, "company")
    model.reload(field_state="corrected")
    assert ids(model) == store.queue.ids(field_state="corrected") == [5]


def test_a_search_lists_matches_in_rank_order(store: Store, model: QueueModel) -> None:
    model.reload(query="Globex")
    assert ids(model) == store.queue.search("Globex", limit=1_000_000)
    assert set(column(model, 2)) == {"Globex"}
    assert model.rowCount() == 17
    assert model.query == "Globex"


def test_a_search_with_a_status_filter(store: Store, model: QueueModel) -> None:
    model.reload(status="reviewed", query="Globex")
    ranked = store.queue.search("Globex", limit=1_000_000)
    reviewed = set(store.queue.ids(status="reviewed"))
    assert ids(model) == [pid for pid in ranked if pid in reviewed]
    assert model.rowCount() > 0
    assert set(column(model, STATUS)) == {"reviewed ✓"}
    model.reload(field_state="corrected", query="Globex")
    assert model.rowCount() == 0


def test_a_search_too_large_to_rank_lists_the_rest_when_read(
        qtbot, store: Store, model: QueueModel, monkeypatch, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("reviewer.core.store.queue.Queue.RANKED", 4)
    every = [pid for pid in store.queue.ids() if store.records.get(pid)["company"] == "Globex"]
    reviewed = set(store.queue.ids(status="reviewed"))
    for status, expected in ((None, every), ("reviewed", [p for p in every if p in reviewed])):
        with qtbot.waitSignal(model.rest_added, timeout=10_000):
            model.reload(status=status, query="Globex")
            first = ids(model)
            assert model.reading_more is not None
        assert first == expected[:len(first)] and len(first) < len(expected)
        assert ids(model) == expected and model.reading_more is None  # import order
        assert model.row_of(expected[-1]) == len(expected) - 1
    qtmodeltester.check(model)


def test_a_search_replaced_before_its_rest_came_drops_it(
        qtbot, store: Store, model: QueueModel, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("reviewer.core.store.queue.Queue.RANKED", 4)
    model.reload(query="Globex")
    late = model.reading_more
    assert late is not None
    model.reload(query="Acme")
    QThreadPool.globalInstance().waitForDone()
    qtbot.waitUntil(lambda: model.reading_more is None)  # both rests delivered
    acme = [pid for pid in store.queue.ids() if store.records.get(pid)["company"] == "Acme"]
    assert ids(model) == acme


def test_an_empty_query_lists_everything(model: QueueModel) -> None:
    model.reload(query="   ")
    assert model.rowCount() == 50


def test_unknown_orders_and_statuses_are_refused(model: QueueModel) -> None:
    with pytest.raises(ValueError, match="unknown order"):
        model.reload(order="alphabetical")
    with pytest.raises(ValueError, match="unknown status"):
        model.reload(status="done")
    with pytest.raises(ValueError, match="unknown status"):
        model.reload(status="done", query="Acme")
    assert model.rowCount() == 50  # a refused reload leaves the list as it was


# --- edits and lookups -------------------------------------------------------------------------


def test_invalidate_after_an_edit_shows_the_new_value(qtbot, store: Store,
                                                      model: QueueModel) -> None:
    pid = model.id_at(3)
    index = model.index(3, TITLE)
    assert model.data(index) == f"Data Engineer {pid}"
    store.decisions.set_field(pid, "title", "Chief Data Wrangler")
    assert model.data(index) == f"Data Engineer {pid}"  # still the cached page
    with qtbot.waitSignal(model.dataChanged) as blocker:
        model.invalidate(pid)
    top_left, bottom_right = blocker.args[:2]
    assert (top_left.row(), top_left.column()) == (3, 0)
    assert (bottom_right.row(), bottom_right.column()) == (3, len(COLUMNS) - 1)
    assert model.data(index) == "Chief Data Wrangler"
    assert model.data(index, Qt.ItemDataRole.ToolTipRole) == "Chief Data Wrangler"


def test_invalidate_of_a_posting_not_listed_is_silent(qtbot, model: QueueModel) -> None:
    model.reload(status="new")
    with qtbot.assertNotEmitted(model.dataChanged):
        model.invalidate(1)  # STATUSES[1] is reviewed
        model.invalidate(999)


@pytest.mark.parametrize("order", SORT_ORDERS)
def test_row_of_and_id_at_round_trip(model: QueueModel, order: str) -> None:
    model.reload(order=order)
    for row in range(model.rowCount()):
        assert model.row_of(model.id_at(row)) == row
    assert model.row_of(0) is None
    assert model.row_of(51) is None
    with pytest.raises(IndexError):
        model.id_at(50)
    with pytest.raises(IndexError):
        model.id_at(-1)


def test_row_of_in_search_results(model: QueueModel) -> None:
    model.reload(query="Initech")
    for row in range(model.rowCount()):
        assert model.row_of(model.id_at(row)) == row
    assert model.row_of(1) is None  # a Globex posting


# --- a large project ---------------------------------------------------------------------------


def test_a_large_project_keeps_the_cache_bounded(big_store: Store) -> None:
    model = QueueModel(big_store)
    model.reload(order="confidence")
    assert model.rowCount() == 20_000
    assert model.cached_pages() == []
    with QueryCounter(big_store) as queries:
        for row in range(0, 20_000, 1000):
            assert model.data(model.index(row, TITLE))
    assert len(queries.statements) == 20_000 // 1000  # one query per page touched
    assert len(model.cached_pages()) <= MAX_PAGES
    for row in range(0, 20_000, PAGE_SIZE):  # every page: the oldest are dropped
        model.data(model.index(row, TITLE))
    assert len(model.cached_pages()) == MAX_PAGES
    small = QueueModel(big_store, max_pages=5)
    small.reload(order="confidence")
    for row in range(0, 20_000, 1000):
        small.data(small.index(row, TITLE))
    assert len(small.cached_pages()) == 5
    for row in (0, 777, 19_999):
        assert small.row_of(small.id_at(row)) == row
    assert model.total() == 20_000


# --- a large project's order, read in a worker thread ---------------------------------------

def test_a_large_project_s_ordered_list_is_read_in_the_background(
        qtbot, store: Store, monkeypatch, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    # at a million postings an order with a filter takes seconds to read: the window
    # must not stand still meanwhile
    monkeypatch.setattr(QueueModel, "BACKGROUND_FROM", 10)
    model = QueueModel(store)
    model.reload()  # every posting in import order: a range, at once
    assert model.rowCount() == 50 and model.reading_more is None
    for order, status in (("confidence", "new"), ("useful", None), ("import", "reviewed")):
        expected = list(store.queue.ids(order, status))
        with qtbot.waitSignal(model.rest_added, timeout=10_000):
            model.reload(order=order, status=status)
            assert model.rowCount() == 0 and model.reading_more is not None
            assert model.order == order and model.status == status
        assert ids(model) == expected and model.reading_more is None
        qtmodeltester.check(model)


def test_a_search_with_a_location_or_source_filter_is_read_in_the_background(
        qtbot, store: Store, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # "engineer location:berlin" read the location index on the window's thread (the
    # filter alone did not): two seconds at a million postings
    monkeypatch.setattr(QueueModel, "BACKGROUND_FROM", 10)
    model = QueueModel(store)
    for query, status in (("engineer location:berlin", None), ("data -source:p1", "new"),
                          ("engineer 12 source:p1", None)):
        with QueryCounter(store) as queries, \
                qtbot.waitSignal(model.rest_added, timeout=10_000):
            model.reload(query=query, status=status)
            assert model.rowCount() == 0 and model.reading_more is not None
        assert not [s for s in queries.statements if " LIKE " in s or " GLOB " in s]
        expected = store.queue.passing(store.queue.search(query, limit=100), status, None)
        assert ids(model) == expected and model.ranked is True
    model.reload(query="engineer company:acme")  # (the full-text index's: at once)
    assert model.reading_more is None and ids(model) == store.queue.search("engineer acme")
    monkeypatch.setattr("reviewer.core.store.queue.Queue.RANKED", 4)
    with qtbot.waitSignal(model.rest_added, timeout=10_000):
        model.reload(query="engineer location:berlin")
    assert model.ranked is False and ids(model) == list(range(1, 51))  # in import order


def test_a_small_project_s_ordered_list_is_read_at_once(store: Store) -> None:
    model = QueueModel(store)
    model.reload(order="confidence", status="new")
    assert ids(model) == list(store.queue.ids("confidence", "new"))
    assert model.reading_more is None


def test_an_order_that_cannot_be_read_says_why(
        qtbot, store: Store, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(QueueModel, "BACKGROUND_FROM", 10)

    def broken(*_args: object) -> list[int]:
        raise DatabaseError("database disk image is malformed")

    monkeypatch.setattr("reviewer.core.store.queue.Queue.ids", broken)
    model = QueueModel(store)
    damaged: list[str] = []
    model.unreadable.connect(damaged.append)
    with qtbot.waitSignal(model.list_failed, timeout=10_000) as said:
        model.reload(order="recent")
    assert "malformed" in said.args[0] and model.failed == said.args[0]
    qtbot.waitUntil(lambda: model.reading_more is None)
    assert model.rowCount() == 0 and damaged == []  # rows were not read: none is damaged
    monkeypatch.undo()  # the file reads again
    model.reload(order="recent")
    assert model.failed == "" and model.rowCount() == 50


def test_a_list_no_longer_wanted_is_stopped(
        qtbot, store: Store, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(QueueModel, "BACKGROUND_FROM", 10)
    model = QueueModel(store)
    model.reload(order="useful")
    first = model.reading_more
    assert first is not None
    with qtbot.waitSignal(model.rest_added, timeout=10_000):
        model.reload(order="recent")
    assert first.cancelled()  # its query is interrupted, its thread free for the next
    assert ids(model) == list(store.queue.ids("recent"))


def test_a_list_is_read_on_a_connection_for_reading_only(
        qtbot, store: Store, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # closing a writing connection waits up to a second for a checkpoint behind the
    # window's own writes: the list would come that much later
    monkeypatch.setattr(QueueModel, "BACKGROUND_FROM", 10)
    opened: list[bool] = []

    def spy(*args: object, **kwargs: object) -> Store:
        own = Store(*args, **kwargs)  # type: ignore[arg-type]
        opened.append(own.read_only)
        return own

    monkeypatch.setattr("reviewer.gui.queue_model.Store", spy)
    model = QueueModel(store)
    with qtbot.waitSignal(model.rest_added, timeout=10_000):
        model.reload(order="recent")
    assert opened == [True]
    assert ids(model) == list(store.queue.ids("recent"))


@pytest.mark.qt_log_ignore("This plugin does not support")
@pytest.mark.parametrize("title", ["Data Engineer " * 3000, "x" * 40_000,
                                   "Data Engineer\n" * 3000, "a\u2028" * 800,
                                   "word\u00a0" * 400, "word\u202f" * 400])
def test_the_tooltip_of_a_long_title_fits_on_the_screen(tmp_path: Path, qtbot,
                                                        title: str) -> None:
    """A 40,000-character title with no space was a tooltip 283,758 pixels wide on one
    line; one of words, 8,406 pixels tall: the tooltip shows its start, broken into
    lines. Lines parted by U+2028, and words by no-break spaces (where a tooltip breaks
    no line), are lines and a run of no space too."""
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QApplication, QToolTip, QWidget

    with Store(tmp_path / "p.db") as store:
        store.postings.add([NewPosting(source="p.txt", hash="h", kind="text", raw="x",
                                       cleaned="x", fields={"title": title}, confidence={},
                                       status="new")])
        model = QueueModel(store)
        model.reload()
        tip = model.data(model.index(0, TITLE), Qt.ItemDataRole.ToolTipRole)
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    QToolTip.showText(QPoint(10, 10), tip, widget)
    try:
        [label] = [w for w in QApplication.topLevelWidgets()
                   if w.objectName() == "qtooltip_label" and w.isVisible()]
        screen = widget.screen().availableGeometry()
        assert label.width() <= screen.width() and label.height() <= screen.height()
        shown = label.text().replace("\u200b", "")  # (line breaks of any kind: a line)
        assert shown.startswith("\n".join(title.splitlines())[:20])
    finally:
        QToolTip.hideText()
