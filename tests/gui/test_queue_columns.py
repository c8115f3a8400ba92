"""The queue pane as a data manager: columns that fit the pane and that the user picks
(kept in QSettings), a confidence bar, the source name of an untitled posting, search
results best match first, filters by source and field, and a selection of many rows."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, QPoint, QRect, QSettings, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QHeaderView, QStyleOptionViewItem, QTableView

from reviewer.core.store import NewPosting, Store
from reviewer.gui.actions import unmarked
from reviewer.gui.queue_columns import DEFAULT_WIDTHS, READABLE, TITLE_ROOM, in_pixels
from reviewer.gui.queue_model import COLUMNS, QueueModel
from reviewer.gui.queue_pane import QueuePane
from reviewer.gui.window import ReviewWindow

pytestmark = [pytest.mark.qt_log_level_fail("WARNING"),
              pytest.mark.qt_log_ignore("This plugin does not support")]  # offscreen windows

STATUS, TITLE, COMPANY, LOCATION, CONFIDENCE = range(5)
COMPANIES = ("Acme", "Globex", "Initech & Sons")
PLACES = ("Berlin, Germany", "Munich", "Paris, France")
UNTITLED = "/data/crawl/jobs.example.com/listing-17.html"
UNTRUSTED = "/data/<b>bold<img src=x>.html"


def posting(n: int) -> NewPosting:
    company, place = COMPANIES[n % 3], PLACES[n % 3]
    title = f"Senior Data Platform Engineer number {n}, Streaming and Warehousing"
    text = f"# {title}\n\n{company} is hiring in {place}. Python and SQL.\n"
    if n % 7 == 0:
        text += "Data data data.\n"
    return NewPosting(source=f"/data/exports/feed-{n % 2}.jsonl#{n}", hash=f"h{n}",
                      kind="text", raw=text, cleaned=text,
                      fields={"title": title, "company": company, "locations": [place]},
                      confidence={"title": 0.95, "company": (n * 37 % 97) / 100})


def untitled(source: str, digest: str) -> NewPosting:
    text = "Some page without a heading.\n\nWe need help with things.\n"
    return NewPosting(source=source, hash=digest, kind="text", raw=text, cleaned=text,
                      fields={}, confidence={})


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store(tmp_path / "project.db")
    s.postings.add([posting(n) for n in range(1, 41)])
    s.postings.add([untitled(UNTITLED, "u1"), untitled(UNTRUSTED, "u2")])
    yield s
    s.close()


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def make_pane(qtbot, store: Store) -> Callable[..., QueuePane]:  # type: ignore[no-untyped-def]
    def make(settings: QSettings | None = None, width: int = 330) -> QueuePane:
        pane = QueuePane(QueueModel(store), settings)
        qtbot.addWidget(pane)
        pane.resize(width, 600)
        with qtbot.waitExposed(pane):
            pane.show()
        pane.search()
        return pane
    return make


def ids(pane: QueuePane) -> list[int]:
    return [pane.model.id_at(r) for r in range(pane.model.rowCount())]


def search(pane: QueuePane, text: str) -> None:
    pane.search_box.setText(text)
    pane.search_box.returnPressed.emit()


def click(qtbot, view: QTableView, row: int,  # type: ignore[no-untyped-def]
          modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    rect = view.visualRect(view.model().index(row, TITLE))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())


# --- 1. columns that fit -------------------------------------------------------------------------


def test_every_column_fits_a_pane_of_330_pixels(make_pane) -> None:  # type: ignore[no-untyped-def]
    pane = make_pane()
    view, header = pane.view, pane.view.horizontalHeader()
    assert [view.isColumnHidden(c) for c in range(5)] == [False] * 5
    assert not view.horizontalScrollBar().isVisible()
    widths = [header.sectionSize(c) for c in range(5)]
    assert sum(widths) <= view.viewport().width()
    assert header.sectionResizeMode(TITLE) == QHeaderView.ResizeMode.Stretch
    for c in (STATUS, COMPANY, LOCATION, CONFIDENCE):
        assert header.sectionResizeMode(c) == QHeaderView.ResizeMode.Interactive
    assert widths[TITLE] == max(widths)  # the title has the room the others leave
    # one line a row, cut with an ellipsis at the right
    assert not view.wordWrap()
    assert view.textElideMode() == Qt.TextElideMode.ElideRight
    assert view.rowHeight(0) < 2 * view.fontMetrics().height()


def test_a_narrow_pane_leaves_the_title_room_to_read(make_pane, qtbot,  # type: ignore[no-untyped-def]
                                                     settings: QSettings) -> None:
    """At 1024 px the list got 218: the other columns kept their widths and the title
    had 22 px, "…" on every row; then company and location gave way down to 32 px each,
    "C…" and "L…" on every row and the title 90 px. Now a column too narrow to read is
    folded away (still checked in the menu, not kept as hidden) and the title has the
    room; every column shown keeps a width to read; all come back on a wider pane."""
    pane = make_pane(settings, width=218)
    view, header = pane.view, pane.view.horizontalHeader()
    qtbot.waitUntil(lambda: header.sectionSize(TITLE) >= 140)
    assert view.isColumnHidden(COMPANY) and view.isColumnHidden(LOCATION)
    checks = {unmarked(a.text()).split(" (")[0]: a.isChecked()
              for a in pane.column_menu().actions() if a.isCheckable()}
    assert checks == dict.fromkeys(COLUMNS, True)
    pane.columns.save()
    assert json.loads(str(settings.value("queue/columns", "{}")))["hidden"] == []
    company, location = (in_pixels(view, DEFAULT_WIDTHS[n]) for n in ("Company", "Location"))
    for width in range(200, 460, 20):
        pane.resize(width, 600)
        qtbot.waitUntil(lambda: header.sectionSize(TITLE) >= in_pixels(view, TITLE_ROOM))
        shown = [c for c in range(5) if not view.isColumnHidden(c)]
        assert all(header.sectionSize(c) >= in_pixels(view, min(READABLE,
                                                                 DEFAULT_WIDTHS[COLUMNS[c]]))
                   for c in shown if c in (COMPANY, LOCATION))
        assert sum(header.sectionSize(c) for c in shown) <= view.viewport().width()
    qtbot.waitUntil(lambda: header.sectionSize(COMPANY) == company)
    assert header.sectionSize(LOCATION) == location and not view.isColumnHidden(LOCATION)
    kept = json.loads(str(settings.value("queue/columns", "{}")))
    assert "Company" not in kept.get("widths", {})  # what gave way is not kept
    pane.resize(218, 600)  # narrow again; company hidden and shown: its width is its own
    qtbot.waitUntil(lambda: view.isColumnHidden(COMPANY))
    pane.columns.show_column(COMPANY, False)
    assert json.loads(str(settings.value("queue/columns", "{}")))["hidden"] == ["Company"]
    pane.columns.show_column(COMPANY, True)
    pane.resize(420, 600)
    qtbot.waitUntil(lambda: header.sectionSize(COMPANY) == company)
    assert not view.isColumnHidden(COMPANY)
    kept = json.loads(str(settings.value("queue/columns", "{}")))
    assert "Company" not in kept["widths"] and kept["hidden"] == []  # (the font's default)


def test_the_columns_grow_with_the_font(make_pane, qtbot) -> None:  # type: ignore[no-untyped-def]
    """At 14 pt the columns kept the pixels of 9 pt: "…" for a status, "Co…" for the
    company, and a narrow list folded nothing away for the title. Now a width is so many
    letters: a list as many letters wide shows the same columns at either font, each as
    many letters wide."""
    from PySide6.QtGui import QFont

    looks = []
    for size in (9.0, 14.0):
        pane = make_pane()
        font = QFont(pane.font())
        font.setPointSizeF(size)
        pane.setFont(font)
        letter = pane.view.fontMetrics().averageCharWidth()
        for letters in (60, 36):  # a list of 330 px at 9 pt, and of 1024 x 600's 218
            pane.resize(letters * letter, 600)
            QApplication.processEvents()
            header = pane.view.horizontalHeader()
            shown = [c for c in range(5) if not pane.view.isColumnHidden(c)]
            looks.append((letters, shown, [round(header.sectionSize(c) / letter) for c in shown
                                           if c != TITLE]))
            assert header.sectionSize(TITLE) >= 16 * letter, (size, letters)
    assert looks[:2] == looks[2:]


def test_confidence_is_a_bar_with_the_number_in_its_tooltip(make_pane) -> None:  # type: ignore[no-untyped-def]
    pane = make_pane()
    model, view = pane.model, pane.view
    delegate = view.itemDelegateForColumn(CONFIDENCE)
    assert delegate is not None

    def painted(row: int) -> int:
        """How many columns of pixels the cell's bar fills (in colour, not the grey track)."""
        image = QImage(60, 20, QImage.Format.Format_ARGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        option = QStyleOptionViewItem()
        option.rect = QRect(0, 0, 60, 20)
        option.palette = view.palette()
        delegate.paint(painter, option, model.index(row, CONFIDENCE))
        painter.end()
        return sum(1 for x in range(60) if image.pixelColor(x, 10).saturation() > 60)

    by_confidence = sorted(
        (float(model.data(model.index(r, CONFIDENCE))), r) for r in range(model.rowCount())
        if model.data(model.index(r, CONFIDENCE)))
    (low, low_row), (high, high_row) = by_confidence[0], by_confidence[-1]
    assert high - low > 0.5
    assert painted(high_row) > painted(low_row) > 0
    tip = model.data(model.index(low_row, CONFIDENCE), Qt.ItemDataRole.ToolTipRole)
    assert f"{low:.2f}" in tip


# --- 2. the user picks the columns ---------------------------------------------------------------


def test_the_header_menu_hides_and_shows_columns(make_pane, settings: QSettings,  # type: ignore[no-untyped-def]
                                                 qtbot) -> None:
    pane = make_pane(settings)
    header = pane.view.horizontalHeader()
    assert header.contextMenuPolicy() == Qt.ContextMenuPolicy.CustomContextMenu
    menu = pane.column_menu()
    checkable = [a for a in menu.actions() if a.isCheckable()]
    assert [unmarked(a.text()) for a in checkable] == list(COLUMNS)
    assert all(a.isChecked() for a in checkable)
    assert not checkable[TITLE].isEnabled()  # the title always stays
    checkable[LOCATION].trigger()
    assert pane.view.isColumnHidden(LOCATION)
    assert not pane.view.horizontalScrollBar().isVisible()
    assert not [a for a in pane.column_menu().actions() if a.isCheckable()][LOCATION].isChecked()
    header.customContextMenuRequested.emit(QPoint(10, 5))  # a right-click shows the menu
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None)
    popup = QApplication.activePopupWidget()
    assert [unmarked(a.text()) for a in popup.actions() if a.isCheckable()] == list(COLUMNS)
    popup.close()


def test_column_choices_and_widths_are_kept_in_the_settings(make_pane,  # type: ignore[no-untyped-def]
                                                            settings: QSettings) -> None:
    pane = make_pane(settings)
    [a for a in pane.column_menu().actions() if a.isCheckable()][LOCATION].trigger()
    pane.view.horizontalHeader().resizeSection(COMPANY, 97)
    settings.sync()
    again = make_pane(QSettings(settings.fileName(), QSettings.Format.IniFormat))  # from disk
    assert again.view.isColumnHidden(LOCATION)
    assert again.view.horizontalHeader().sectionSize(COMPANY) == 97
    reset = [a for a in again.column_menu().actions() if "default" in a.text().lower()]
    assert len(reset) == 1
    reset[0].trigger()
    assert not again.view.isColumnHidden(LOCATION)
    assert not make_pane(settings).view.isColumnHidden(LOCATION)


def test_without_settings_nothing_is_kept(make_pane) -> None:  # type: ignore[no-untyped-def]
    pane = make_pane(None)
    [a for a in pane.column_menu().actions() if a.isCheckable()][COMPANY].trigger()
    assert pane.view.isColumnHidden(COMPANY)
    assert not make_pane(None).view.isColumnHidden(COMPANY)


def test_the_window_gives_the_pane_its_settings(project: Path, open_window,  # type: ignore[no-untyped-def]
                                                settings: QSettings) -> None:
    window: ReviewWindow = open_window(project, settings)
    window.resize(1366, 768)
    QApplication.processEvents()
    assert window.queue_pane.settings is settings
    view = window.queue_pane.view
    assert [view.isColumnHidden(c) for c in range(5)] == [False] * 5
    assert not view.horizontalScrollBar().isVisible()


# --- 3. a posting without a title ----------------------------------------------------------------


def test_an_untitled_posting_shows_its_source_name_in_grey(make_pane) -> None:  # type: ignore[no-untyped-def]
    pane = make_pane()
    model = pane.model
    row = model.row_of(41)
    titled = model.row_of(1)
    assert row is not None and titled is not None
    index = model.index(row, TITLE)
    assert model.data(index) == "listing-17.html"
    grey = model.data(index, Qt.ItemDataRole.ForegroundRole)
    assert isinstance(grey, QColor)
    assert grey == pane.palette().color(QPalette.ColorRole.PlaceholderText)
    assert model.data(model.index(titled, TITLE), Qt.ItemDataRole.ForegroundRole) is None
    assert UNTITLED in model.data(index, Qt.ItemDataRole.ToolTipRole)


def test_a_source_name_is_shown_as_text_never_as_markup(make_pane) -> None:  # type: ignore[no-untyped-def]
    pane = make_pane()
    model = pane.model
    row = model.row_of(42)
    assert row is not None
    index = model.index(row, TITLE)
    assert model.data(index) == "<b>bold<img src=x>.html"  # drawn as plain text
    tip = model.data(index, Qt.ItemDataRole.ToolTipRole)
    assert "<img" not in tip and "&lt;img" in tip  # the tooltip escapes it


# --- 4. search results best match first ----------------------------------------------------------


def test_search_results_come_best_match_first_and_say_so(make_pane, store: Store) -> None:  # type: ignore[no-untyped-def]
    pane = make_pane()
    combo = pane.order_choice
    combo.setCurrentIndex(combo.findData("confidence"))
    assert ids(pane) == list(store.queue.ids("confidence"))
    search(pane, "data")
    ranked = store.queue.search("data", limit=1_000_000)
    assert ids(pane) == ranked and ranked != sorted(ranked)
    assert "best match" in combo.currentText().lower()
    assert not combo.isEnabled()
    assert "relevance" in combo.toolTip().lower()
    search(pane, "")
    assert combo.isEnabled() and combo.currentData() == "confidence"
    assert ids(pane) == list(store.queue.ids("confidence"))


def test_a_search_too_large_to_rank_says_its_order(make_pane, qtbot,  # type: ignore[no-untyped-def]
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("reviewer.core.store.queue.Queue.RANKED", 3)
    pane = make_pane()
    with qtbot.waitSignal(pane.model.rest_added, timeout=10_000):
        search(pane, "python")
    assert "import order" in pane.order_choice.currentText().lower()
    assert ids(pane) == sorted(ids(pane))


# --- 5. filters by source and by field -----------------------------------------------------------


def test_the_search_box_filters_by_field_in_the_chosen_order(make_pane, store: Store) -> None:  # type: ignore[no-untyped-def]
    pane = make_pane()
    tip = pane.search_box.toolTip()
    for syntax in ("source:", "company:", "title:", "location:"):
        assert syntax in tip
    pane.order_choice.setCurrentIndex(pane.order_choice.findData("confidence"))
    search(pane, "company:globex")
    globex = {n for n in range(1, 41) if n % 3 == 1}
    assert ids(pane) == [pid for pid in store.queue.ids("confidence") if pid in globex]
    assert pane.order_choice.isEnabled()  # filters alone keep the chosen order
    search(pane, "source:feed-0.jsonl")
    assert set(ids(pane)) == {n for n in range(1, 41) if n % 2 == 0}


def test_a_right_click_on_a_cell_filters_by_its_value(make_pane, store: Store) -> None:  # type: ignore[no-untyped-def]
    pane = make_pane()
    assert pane.view.contextMenuPolicy() == Qt.ContextMenuPolicy.CustomContextMenu
    row = pane.model.row_of(5)  # Initech & Sons, Paris, feed-1.jsonl
    assert row is not None
    menu = pane.cell_menu(pane.model.index(row, COMPANY))
    by_field = {a.data()[0]: a for a in menu.actions() if a.data()}
    assert set(by_field) >= {"company", "source"}
    assert "Initech && Sons" in by_field["company"].text()  # an & is shown, not a shortcut
    assert "feed-1.jsonl" in by_field["source"].text()
    search(pane, "python")
    by_field["company"].trigger()
    assert pane.search_box.text() == 'python company:"Initech & Sons"'
    initech = {n for n in range(1, 41) if n % 3 == 2}
    assert set(ids(pane)) == initech
    location = {a.data()[0]: a for a in pane.cell_menu(pane.model.index(0, LOCATION)).actions()
                if a.data()}["location"]
    location.trigger()  # another field: added to the filters
    assert pane.search_box.text() == 'python company:"Initech & Sons" location:"Paris, France"'
    by_field["source"].trigger()
    assert set(ids(pane)) == {n for n in initech if n % 2 == 1}


def test_a_right_click_offers_each_place_of_a_posting(make_pane, store: Store) -> None:  # type: ignore[no-untyped-def]
    """A posting of many places: each is offered (a few at most), and each filter
    found lists the posting."""
    places = ["Hamburg", "Lyon, France", "Hamburg", *(f"Town {n}" for n in range(10))]
    store.decisions.set_field(4, "locations", places)
    pane = make_pane()
    row = pane.model.row_of(4)
    assert row is not None
    offered = [a.data()[1] for a in pane.cell_menu(pane.model.index(row, LOCATION)).actions()
               if a.data() and a.data()[0] == "location"]
    assert offered == ["Hamburg", "Lyon, France", *(f"Town {n}" for n in range(4))]
    assert pane.model.data(pane.model.index(row, LOCATION)).startswith("Hamburg; Lyon, France")
    for place in ("Lyon, France", "Town 3"):
        pane.clear_filters()
        action = next(a for a in pane.cell_menu(pane.model.index(pane.model.row_of(4) or 0,
                                                                LOCATION)).actions()
                      if a.data() == ("location", place))
        action.trigger()
        assert ids(pane) == [4], place


# --- many rows selected, one shown ---------------------------------------------------------------


def test_ctrl_and_shift_click_select_many_and_the_current_row_is_shown(  # type: ignore[no-untyped-def]
        make_pane, qtbot) -> None:
    pane = make_pane()
    view = pane.view
    shown: list[int] = []
    pane.posting_chosen.connect(shown.append)
    assert view.selectionMode() == QTableView.SelectionMode.ExtendedSelection
    pane.select_row(1)
    click(qtbot, view, 3, Qt.KeyboardModifier.ControlModifier)
    assert pane.selected_ids() == [pane.model.id_at(1), pane.model.id_at(3)]
    assert pane.current_row() == 3 and shown[-1] == pane.model.id_at(3)
    pane.select_row(2)
    click(qtbot, view, 5, Qt.KeyboardModifier.ShiftModifier)
    assert pane.selected_ids() == [pane.model.id_at(r) for r in range(2, 6)]
    assert shown[-1] == pane.model.id_at(5)
    pane.go_next()  # moving on selects one row again
    assert pane.selected_ids() == [pane.model.id_at(6)]
    view.selectAll()
    assert len(pane.selected_ids()) == pane.model.rowCount()
    pane.search_box.setText("nosuchword")
    pane.search()
    assert pane.selected_ids() == []


def test_no_index_is_a_harmless_cell_menu(make_pane) -> None:  # type: ignore[no-untyped-def]
    pane = make_pane()
    assert [a for a in pane.cell_menu(QModelIndex()).actions() if a.data()] == []


def test_the_search_box_leaves_out_the_postings_with_a_word_after_a_minus(  # type: ignore[no-untyped-def]
        make_pane, store: Store) -> None:
    """"-globex" listed every posting (the minus was no part of the search); with a
    filter chosen from a cell or the filters cleared, the word left out stays."""
    pane = make_pane()
    globex = set(store.queue.search("globex", limit=1000))
    assert globex
    search(pane, "-globex")
    assert ids(pane) == [pid for pid in store.queue.ids() if pid not in globex]
    pane.add_filter("source", "feed-0.jsonl")
    assert pane.search_box.text() == "-globex source:feed-0.jsonl"
    assert ids(pane) and not set(ids(pane)) & globex
    pane.clear_filters()
    assert pane.search_box.text() == "-globex"
