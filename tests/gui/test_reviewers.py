"""Who is reviewing: the name asked once and kept, carried by every edit (the window's
and its workers'); a posting's history, who did what; the active time on each posting,
paused when the reviewer is idle, and each reviewer's pace in the statistics."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt

from reviewer.core.store import Store
from reviewer.gui import preferences
from reviewer.gui.active_time import ActiveClock, time_adder
from reviewer.gui.app import Launcher
from reviewer.gui.reviewer_name import NameDialog
from reviewer.gui.side_pane import HISTORY_TAB
from reviewer.gui.stats_view import StatsView
from reviewer.gui.window import ReviewWindow


@pytest.fixture
def launcher(tmp_path: Path, qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setenv("REVIEWER_NAME", "sysuser")  # what the system would say
    launch = Launcher(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    yield launch
    launch.close_window()


def test_the_name_is_asked_once_kept_and_carried_by_every_edit(
        launcher: Launcher, project: Path, qtbot: Any, tmp_path: Path) -> None:
    started: list[int] = []
    launcher.ask_name(lambda: started.append(1))
    dialog = launcher.name_dialog
    assert isinstance(dialog, NameDialog) and dialog.isVisible() and started == []
    assert dialog.line.text() == "sysuser"  # the system's name offered
    dialog.line.setText("  Ana  ")
    dialog.accept()
    assert started == [1] and preferences.reviewer_name(launcher.settings) == "Ana"
    launcher.ask_name(lambda: started.append(2))  # asked once: not again
    assert launcher.name_dialog is None and started == [1, 2]

    assert launcher.open(project, create=False)
    window = launcher.window
    assert window is not None and window.store.reviewer == "Ana"
    assert window.windowTitle().endswith("— Ana")
    window.flow.set_field("title", "Data Engineer")
    assert window.store.history.posting_events(window.pid)[0][:3][1:] == (  # type: ignore[arg-type]
        "Ana", "corrected_field")
    page = tmp_path / "extra.txt"  # a worker's store carries the name too
    page.write_text("Data Engineer\n\nAcme is hiring a data engineer in Berlin.\n")
    assert window.long_work.import_files([page])
    qtbot.waitUntil(lambda: window.long_work.job is None, timeout=20_000)
    assert window.store.db.execute(
        "SELECT reviewer FROM events WHERE kind = 'import' ORDER BY id DESC").fetchone() == (
            "Ana",)

    window.action_table.by_id["reviewer_name"].trigger()  # File → Reviewer name…
    change = window.findChild(NameDialog)
    assert change is not None and change.line.text() == "Ana"
    change.line.setText("Ben")
    change.accept()  # the project opens again under the new name
    assert launcher.window is not window and launcher.window is not None
    assert launcher.window.store.reviewer == "Ben"
    assert preferences.reviewer_name(launcher.settings) == "Ben"


def test_a_first_start_closed_without_an_answer_keeps_the_system_name(
        launcher: Launcher, project: Path) -> None:
    launcher.ask_name(lambda: None)
    assert launcher.name_dialog is not None
    launcher.name_dialog.reject()
    assert preferences.reviewer_name(launcher.settings) == "sysuser"
    assert launcher.open(project, create=False) and launcher.window is not None
    assert launcher.window.store.reviewer == "sysuser"


def test_the_history_tab_says_who_did_what_newest_first(
        open_window: Any, project: Path, qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    with Store(project, reviewer="ana") as store:
        store.decisions.set_field(1, "title", "Data Engineer")
        store.labels.answer(1, "relevant", ["yes"])
    monkeypatch.setenv("REVIEWER_NAME", "ben")
    window: ReviewWindow = open_window(project)
    assert window.pid == 1
    window.side.setCurrentIndex(HISTORY_TAB)
    history = window.side.history
    qtbot.waitUntil(history.isVisible)
    lines = history.lines()
    assert lines[0].endswith(" · ana · answered relevant: yes")
    assert lines[1].endswith(" · ana · corrected title")
    window.flow.flag()  # refreshed after an edit
    assert history.lines()[0].endswith(" · ben · flagged it")
    window.undo_stack.undo()
    assert history.lines()[0].endswith(" · ben · undid “mark flagged”")
    assert len(history.lines()) == 4
    window.queue_pane.go_next()
    assert history.lines() == [] and history.note.text() == "Nothing done to this posting yet."


def test_the_history_of_a_merged_posting_says_whose_values_came_in() -> None:
    from reviewer.gui.history_pane import describe

    assert describe("merge", {"file": "ben.db", "reviewers": ["ben"], "decisions": 3}) == (
        "merged 3 decisions of ben (ben.db)")
    assert describe("merge", {"file": "lead.db", "reviewers": ["ana", "ben"],
                              "decisions": 1}) == "merged 1 decision of ana, ben (lead.db)"


def test_the_history_says_whose_labels_a_change_of_the_label_schema_took() -> None:
    from reviewer.gui.history_pane import describe

    assert describe("schema_removed", {"kind": "label", "key": "is_relevant", "of": "ana"}) \
        == "changed the label schema, which took away ana's answer to is relevant"
    assert describe("schema_removed", {"kind": "spans", "key": "", "of": "ben"}) == (
        "changed the label schema, which took away ben's spans")


def test_the_history_says_whose_value_a_merge_took_out() -> None:
    from reviewer.gui.history_pane import describe

    assert describe("taken_back", {"kind": "field", "key": "title", "of": "ana"}) == (
        "merged: ana took back their title")
    assert describe("taken_back", {"kind": "label", "key": "is_relevant", "of": "ben"}) == (
        "merged: ben took back their answer to is relevant")
    assert describe("ruled", {"kind": "status", "key": "", "of": "ana", "value": "reviewed"}) \
        == "merged ana's ruling on the status"


def test_active_time_accumulates_and_pauses_when_idle(open_window: Any, project: Path,
                                                      qtbot: Any) -> None:
    window: ReviewWindow = open_window(project)
    now = [1000.0]
    active = [True]
    window.clock.stop()  # (the window's own clock, on real time, hands over what it counted)
    name = window.store.reviewer
    before = window.store.timing.seconds(window.pid or 0).get(name, 0.0)
    window.clock = ActiveClock(window, time_adder(window.store), idle=60,
                               now=lambda: now[0], active=lambda: active[0])
    first = window.pid
    assert first is not None
    window.flow.show(first)  # shown from t = 1000
    now[0] = 1030.0
    qtbot.keyClick(window.document, Qt.Key.Key_Down)  # input, through the application
    now[0] = 1050.0
    window.queue_pane.go_next()  # leaving it: 50 s, all of them active
    second = window.pid
    assert window.store.timing.seconds(first)[name] == pytest.approx(before + 50.0)
    now[0] = 1300.0  # no input since 1030: the clock stopped at 1090
    qtbot.keyClick(window.document, Qt.Key.Key_Down)
    now[0] = 1310.0
    active[0] = False  # another app: the time so far is kept, and the clock stops
    window.clock._state_changed()
    assert window.store.timing.seconds(second) == {name: 50.0}
    now[0] = 1900.0
    active[0] = True
    window.clock._state_changed()  # back: counted from here
    now[0] = 1905.0
    window.close()  # closing keeps the shown posting's time
    assert window.store.timing.seconds(second) == {name: 55.0}


def test_the_statistics_show_each_reviewer_s_pace(project: Path, qtbot: Any) -> None:
    for name, reviewed, seconds in (("ana", (1, 2, 3), 600.0), ("ben", (4,), 0.0),
                                    ("chen", (5,), 30.0)):
        with Store(project, reviewer=name) as store:
            for pid in reviewed:
                store.postings.set_status(pid, "reviewed")
            if seconds:
                store.timing.add(1, seconds)
    from PySide6.QtWidgets import QWidget
    parent = QWidget()
    qtbot.addWidget(parent)
    view = StatsView(parent, project, str)
    qtbot.waitUntil(lambda: view.job is None, timeout=10_000)
    pace = next(c for c in view.charts if "an hour" in c.title)
    assert [label for label, _parts in pace.bars] == ["ana", "ben", "chen"]
    assert [figure for figure, _place in pace.figure_places()] == [
        "18.0 an hour · 3 in 10 min", "1 reviewed, no time kept",
        "1 reviewed in under a minute"]
    view.close()


def test_time_is_not_waited_for_while_another_program_writes_and_not_lost(
        project: Path) -> None:
    """Another program holds the file (an import's transaction): moving on does not stand
    for the busy timeout to add the time of the posting left, and that time is added
    with the next visit's once the file is free."""
    import sqlite3

    with Store(project, reviewer="ana") as store:
        add = time_adder(store)
        holder = sqlite3.connect(project, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
        add(1, 40.0)  # (with the busy timeout it would fail after 30 s, the time lost)
        tries = []
        real = store.timing.add
        store.timing.add = lambda *a, **k: (tries.append(a[0]), real(*a, **k))  # type: ignore[method-assign]
        add(3, 1.0)  # one try a move, not one a posting waiting: the wait does not grow
        store.timing.add = real  # type: ignore[method-assign]
        assert len(tries) == 1
        holder.execute("COMMIT")
        holder.close()
        assert store.timing.seconds(1) == {}
        add(2, 5.0)
        assert (store.timing.seconds(1), store.timing.seconds(2),
                store.timing.seconds(3)) == ({"ana": 40.0}, {"ana": 5.0}, {"ana": 1.0})
