"""The statistics window's Agreement page (each figure's postings one click away) and
File → Merge reviewers' files…, run in the background into the open project."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from reviewer.core.store import Store
from reviewer.gui.actions import unmarked
from reviewer.gui.team_stats import NONE_YET
from reviewer.gui.window import ReviewWindow


def _field(value: Any) -> str:
    return json.dumps({"state": "corrected", "value": value, "spans": []})


def _reviewed_by_two(project: Path) -> None:
    """ana and ben differ on the title of postings 2 and 5, agree on that of 3, and
    differ on whether 4 is relevant."""
    rows = []
    for pid, ana, ben in ((2, "A", "B"), (3, "C", "c"), (5, "D", "E")):
        rows += [(pid, "ana", "field", "title", _field(ana), "t"),
                 (pid, "ben", "field", "title", _field(ben), "t")]
    rows += [(4, "ana", "label", "relevant", '["yes"]', "t"),
             (4, "ben", "label", "relevant", '["no"]', "t")]
    with Store(project) as store:
        store.reviews.put(rows)
        store.reviews.refresh([2, 3, 4, 5])


def _stats(window: ReviewWindow, qtbot: Any) -> Any:
    window.show_stats()
    view = window.stats_view
    qtbot.waitUntil(lambda: view.job is None, timeout=10_000)
    view.pages.setCurrentIndex(1)
    return view


def test_a_click_on_an_agreement_figure_lists_its_postings(project: Path, open_window: Any,
                                                           qtbot: Any) -> None:
    _reviewed_by_two(project)
    window: ReviewWindow = open_window(project)
    page = _stats(window, qtbot).agreement
    assert page.summary.text() == "2 reviewers (ana, ben); 4 postings worked on by two or more."
    tree = page.tree
    rows = {tree.topLevelItem(i).text(0).strip(): tree.topLevelItem(i)
            for i in range(tree.topLevelItemCount())}
    assert {"Fields", "Document labels", "Title", "relevant"} <= set(rows)
    title = rows["Title"]
    assert (title.text(1), title.text(2), title.text(3)) == (
        "33% of 3 pairs agree", "3 postings", "2 postings →")
    assert page.open(rows["Fields"]) is False  # a section's head lists nothing
    rect = tree.visualItemRect(title)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    listed = [window.model.id_at(r) for r in range(window.model.rowCount())]
    assert listed == [2, 5] and window.pid == 2
    assert window.queue_pane.only.isVisible()
    assert window.queue_pane.only_text.text() == (
        "Only the 2 postings where the reviewers differ on Title.")
    page.open(rows["relevant"])
    assert [window.model.id_at(r) for r in range(window.model.rowCount())] == [4]
    window.queue_pane.search()  # the search and filters list again
    assert window.model.rowCount() == 8 and not window.queue_pane.only.isVisible()
    window.stats_view.close()


def test_with_no_reviewers_values_the_page_says_to_merge_first(
        project: Path, open_window: Any, qtbot: Any) -> None:
    window: ReviewWindow = open_window(project)
    page = _stats(window, qtbot).agreement
    assert page.summary.text() == NONE_YET and page.tree.isHidden()
    window.stats_view.close()


def test_merging_reviewers_files_from_the_file_menu(project: Path, tmp_path: Path,
                                                    open_window: Any, qtbot: Any) -> None:
    for name, title in (("ana", "Data Engineer"), ("ben", "Senior Data Engineer")):
        shutil.copy(project, tmp_path / f"{name}.db")
        with Store(tmp_path / f"{name}.db", reviewer=name) as store:
            store.decisions.set_field(1, "title", title)
    window: ReviewWindow = open_window(project)
    assert unmarked(window.action_table.by_id["merge"].text()) == "Merge reviewers' files…"
    window.flow.flag()
    assert window.undo_stack.count() == 1
    assert window.long_work.merge_files([tmp_path / "ana.db", tmp_path / "ben.db"])
    assert window.undo_stack.count() == 0  # the merge rewrites: earlier edits stay done
    qtbot.waitUntil(lambda: window.long_work.job is None, timeout=30_000)
    box = window.long_work.message_box
    assert box is not None and box.windowTitle() == "Merged"
    assert {"ana", "ben"} <= set(window.store.reviews.reviewers())
    combo = window.queue_pane.state_filter
    combo.setCurrentIndex(combo.findData("disagreement"))
    assert window.pid == 1 and window.adjudication.lines["title"].isVisible()
    box.close()
    assert window.long_work.merge_files([tmp_path / "missing.db"])
    qtbot.waitUntil(lambda: window.long_work.job is None, timeout=30_000)
    box = window.long_work.message_box
    assert box is not None and box.windowTitle() == "Not merged"
    assert "missing.db" in box.text()
    box.close()


def test_the_pace_and_the_summary_of_a_merged_project_are_the_reviewers(
        project: Path, open_window: Any, qtbot: Any) -> None:
    """The pace chart counted the postings each name set the final status of (one
    reviewer got the credit for postings both reviewed), where `reviewer agreement`
    counts what each marked reviewed in their own file; the summary called postings two
    worked on "reviewed by two or more"."""
    from reviewer.gui.stats_view import read_figures

    rows = [(pid, "ana", "status", "", '"reviewed"', "t") for pid in (1, 2, 3, 4)]
    rows += [(pid, "ben", "status", "", '"reviewed"', "t") for pid in (1, 2)]
    rows += [(5, "ben", "field", "title", _field("X"), "t"),
             (5, "ana", "field", "title", _field("X"), "t")]
    with Store(project, reviewer="ben") as store:
        store.reviews.put(rows)
        for pid in (1, 2, 3, 4):
            store.postings.set_status(pid, "reviewed")  # the final status, set by ben
        store.timing.add(1, 600)
        assert {name: n for name, (n, _s) in read_figures(store)["pace"].items()} == {
            "ana": 4, "ben": 2}
    window: ReviewWindow = open_window(project)
    page = _stats(window, qtbot).agreement
    assert page.summary.text() == "2 reviewers (ana, ben); 3 postings worked on by two or more."
    window.stats_view.close()
