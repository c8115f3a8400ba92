"""The review window as a user drives it: open, move, correct a field, accept and go on,
undo, redo, and find the edits in the project file afterwards."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QLineEdit

from reviewer.core.store import Store
from reviewer.gui.window import ReviewWindow


@pytest.fixture
def window(project: Path, open_window) -> ReviewWindow:  # type: ignore[no-untyped-def]
    return open_window(project)  # type: ignore[no-any-return]


def test_the_first_posting_is_shown_with_its_fields(window: ReviewWindow) -> None:
    first = window.model.id_at(0)
    assert window.pid == first
    posting = window.store.records.get(first)
    title = window.fields.editors["title"].editor
    assert isinstance(title, QLineEdit)
    assert title.text() == (posting["fields"]["title"] or "")
    assert posting["fields"]["title"] in window.document.toPlainText()
    assert window.queue_pane.count_label.text() == "8 of 8"


def test_correct_accept_undo_redo_and_reopen(window: ReviewWindow, project: Path,
                                             qtbot) -> None:  # type: ignore[no-untyped-def]
    first = window.pid
    assert first is not None
    title = window.fields.editors["title"].editor
    assert isinstance(title, QLineEdit)
    title.setFocus()
    title.setText("Staff Backend Engineer")
    title.editingFinished.emit()
    assert window.store.records.get(first)["fields"]["title"] == "Staff Backend Engineer"
    assert window.store.records.get(first)["provenance"]["title"] == "corrected"

    qtbot.keyClick(window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert window.store.records.get(first)["status"] == "reviewed"
    assert window.pid != first  # went on to the next unreviewed posting

    window.undo_stack.undo()  # the accept-and-go-on
    assert window.store.records.get(first)["status"] == "new"
    window.undo_stack.undo()  # the correction
    assert window.store.records.get(first)["provenance"]["title"] == "machine"
    window.undo_stack.redo()
    window.undo_stack.redo()
    assert window.store.records.get(first)["status"] == "reviewed"
    window.store.close()

    with Store(project) as reopened:  # every edit is in the file already
        posting = reopened.records.get(first)
        assert posting["fields"]["title"] == "Staff Backend Engineer"
        assert posting["status"] == "reviewed"


def test_next_previous_and_search(window: ReviewWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(window, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert window.queue.currentIndex().row() == 1
    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.ControlModifier)
    assert window.queue.currentIndex().row() == 0
    window.queue_pane.search_box.setText("Kranich")
    window.queue_pane.search_box.returnPressed.emit()
    assert window.model.rowCount() == 1
    assert "Kranich" in window.document.toPlainText()


def test_the_view_switches_to_the_raw_page_and_to_what_was_removed(window: ReviewWindow) -> None:
    raw = window.store.records.get(window.pid)["raw"]  # type: ignore[arg-type]
    window.view_choice.setCurrentIndex(window.view_choice.findData("raw"))
    assert "<html" in window.document.toPlainText().lower() or raw[:40] in \
        window.document.toPlainText()
    window.view_choice.setCurrentIndex(window.view_choice.findData("removed"))
    text = window.document.toPlainText()
    assert "Similar jobs" in text or "similar" in text.lower()  # removed, shown struck out
    window.view_choice.setCurrentIndex(window.view_choice.findData("posting"))
    assert window.document.highlights


def test_filters_by_status_and_order(window: ReviewWindow) -> None:
    first = window.pid
    window.store.postings.set_status(first, "flagged")  # type: ignore[arg-type]
    window.queue_pane.status_filter.setCurrentIndex(window.queue_pane.status_filter.findData("flagged"))
    assert window.model.rowCount() == 1 and window.pid == first
    window.queue_pane.status_filter.setCurrentIndex(0)
    window.queue_pane.order_choice.setCurrentIndex(window.queue_pane.order_choice.findData("confidence"))
    assert window.model.rowCount() == 8
    assert window.model.id_at(0) == window.store.queue.ids("confidence")[0]


def test_a_filter_changed_beside_a_search_of_filters_alone_keeps_the_posting_shown(
        window: ReviewWindow) -> None:
    """With `source:` in the search box (no words), choosing a status every posting has
    went back to the first row, where with an empty box the posting shown stays."""
    pane = window.queue_pane
    pane.search_box.setText("source:samples")
    pane.search()
    pane.select_row(2)
    shown = window.pid
    pane.status_filter.setCurrentIndex(pane.status_filter.findData("new"))
    assert window.pid == shown and pane.current_row() == 2


def _select(window: ReviewWindow, text: str) -> None:
    cursor = window.document.document().find(text)
    assert not cursor.isNull(), text
    window.document.setTextCursor(cursor)


def test_the_context_menu_puts_the_selection_into_any_field(window: ReviewWindow) -> None:
    pid = window.pid
    assert pid is not None
    company = window.store.records.get(pid)["fields"]["company"]
    assert company
    _select(window, company)
    window.document_pane.menu(window.document.viewport().rect().center(), window.put_selection,
                              window.action_table.span_label_actions)
    menu = window.document_pane.document_menu
    into = next(a.menu() for a in menu.actions()
                if a.text().replace("&", "") == "Put into field")
    assert into.isEnabled()
    into_department = next(a for a in into.actions()
                           if a.text().replace("&", "") == "Department")
    into_department.trigger()
    posting = window.store.records.get(pid)
    assert posting["fields"]["department"] == company
    assert posting["provenance"]["department"] == "corrected"
    window.undo_stack.undo()
    assert window.store.records.get(pid)["fields"]["department"] != company


def test_without_a_selection_the_field_menu_is_off(window: ReviewWindow) -> None:
    cursor = window.document.textCursor()
    cursor.clearSelection()
    window.document.setTextCursor(cursor)
    window.document_pane.menu(window.document.viewport().rect().center(), window.put_selection,
                              window.action_table.span_label_actions)
    menu = window.document_pane.document_menu
    into = next(a.menu() for a in menu.actions()
                if a.text().replace("&", "") == "Put into field")
    assert not into.isEnabled()


def test_window_size_and_splitter_are_restored(project: Path, tmp_path: Path,
                                               qtbot) -> None:  # type: ignore[no-untyped-def]
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    with Store(project) as store:
        first = ReviewWindow(store, settings)
        qtbot.addWidget(first)
        first.show()
        first.resize(760, 560)
        first.splitter.setSizes([200, 500, 400])
        sizes = first.splitter.sizes()
        first.close()
        second = ReviewWindow(store, settings)
        qtbot.addWidget(second)
        second.show()
        # the platform may add a frame pixel or two around the restored geometry
        assert abs(second.width() - 760) <= 4 and abs(second.height() - 560) <= 4
        assert second.splitter.sizes() == sizes
        second.close()


def _fields(window: ReviewWindow) -> dict[str, Any]:
    """The shown posting's fields, as the project file has them now."""
    assert window.pid is not None
    return window.store.records.get(window.pid)["fields"]  # type: ignore[no-any-return]


def test_a_selection_that_is_no_pay_is_not_put_into_the_salary(window: ReviewWindow) -> None:
    before = _fields(window)
    _select(window, before["title"])
    window.put_selection("salary")
    assert _fields(window)["salary"] == before["salary"]
    assert "no pay" in window.statusBar().currentMessage()
    assert window.undo_stack.count() == 0


def test_a_selected_skill_is_added_to_the_skills(window: ReviewWindow) -> None:
    before = _fields(window)
    _select(window, before["company"])
    window.put_selection("skills")
    assert _fields(window)["skills"] == [*before["skills"], before["company"]]


def test_f1_lists_every_shortcut(window: ReviewWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(window, Qt.Key.Key_F1)
    text = window.help_box.text()
    assert "Ctrl+Return" in text and "Put the selection into the focused field" in text
    assert "Alt+6" in text and "role_family: sales_marketing" in text  # the schema's keys
    assert "Alt+0" in text and "role_family: other" in text
    assert "Ctrl+1" in text and "Label the selection SKILL" in text
    window.help_box.close()


def test_filter_by_field_state(window: ReviewWindow) -> None:
    first = window.pid
    assert first is not None
    window.queue_pane.state_filter.setCurrentIndex(window.queue_pane.state_filter.findData("corrected"))
    assert window.model.rowCount() == 0
    assert window.queue_pane.count_label.text() == "0 of 8"
    window.queue_pane.state_filter.setCurrentIndex(0)
    window.store.decisions.set_field(first, "title", "Something else")
    window.queue_pane.state_filter.setCurrentIndex(window.queue_pane.state_filter.findData("corrected"))
    assert window.model.rowCount() == 1 and window.pid == first


def test_typing_a_list_item_is_one_edit_made_when_the_field_is_left(
        window: ReviewWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    skills = window.fields.editors["skills"].editor
    window.fields.editors["skills"].focus()  # a list field opens when it takes the focus
    skills.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClick(skills, Qt.Key.Key_Return)
    qtbot.keyClicks(skills, "Rust")
    assert window.undo_stack.count() == 0  # nothing saved, the cursor stays where typing is
    assert skills.textCursor().position() == len(skills.toPlainText())
    assert window.focused_field == "skills"
    window.fields.editors["title"].editor.setFocus()
    assert window.focused_field == "title"
    assert _fields(window)["skills"][-1] == "Rust"
    assert window.undo_stack.count() == 1


def test_a_narrow_fields_pane_cuts_nothing_off(window: ReviewWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.resize(780, 600)
    window.splitter.setSizes([10, 2000, 10])  # the fields pane as narrow as it goes
    qtbot.wait(20)
    pane = window.fields
    assert pane.width() == pane.minimumWidth()
    for name, editor in pane.editors.items():
        right = editor.mapTo(pane.viewport(), editor.rect().topRight()).x()
        assert right < pane.viewport().width(), name
        assert editor.state.width() >= editor.state.sizeHint().width(), name


def test_postings_with_ids_past_32_bits_are_shown_edited_and_undone(
        tmp_path: Path, open_window) -> None:  # type: ignore[no-untyped-def]
    """Ids kept from an imported record can be any 64-bit number."""
    path = tmp_path / "big.db"
    big = 3_000_000_000
    with Store(path) as store:
        for pid in (big, big + 1):
            assert store.records.add({
                "id": pid, "raw_hash": f"h{pid}", "text": f"# Engineer {pid}\n",
                "machine": {"title": {"value": f"Engineer {pid}", "spans": [[2, 21]],
                                      "confidence": 0.9}}})
    window = open_window(path)
    assert window.pid == big and window.posting is not None
    window.flow.set_field("title", "Data Engineer")
    assert window.store.records.get(big)["fields"]["title"] == "Data Engineer"
    assert window.model.index(0, 1).data() == "Data Engineer"
    window.undo_stack.undo()
    assert window.store.records.get(big)["fields"]["title"] == f"Engineer {big}"
    window.queue_pane.go_next()
    assert window.pid == big + 1


def test_counts_another_process_changed_are_read_again_at_the_next_posting(
        window: ReviewWindow, project: Path) -> None:
    """Another reviewer's process marked postings reviewed: the window said "0 / 8
    reviewed" until its own next edit, moving from posting to posting."""
    import sqlite3

    assert window.progress.text().startswith("0 /")
    total = window.model.total()
    with sqlite3.connect(project) as conn:
        conn.execute("UPDATE postings SET status = 'reviewed' WHERE id IN (SELECT id FROM"
                     " postings ORDER BY id LIMIT 2)")
        conn.execute("DELETE FROM postings WHERE id = (SELECT max(id) FROM postings)")
    window.queue_pane.go_next()
    assert window.progress.text() == f"2 / {total - 1} reviewed"


def test_skipping_a_reviewed_posting_says_what_it_was(window: ReviewWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Ctrl+Shift+S on a posting reviewed before made it skipped, the reviewed count one
    less, and nothing was said."""
    first = window.pid
    assert first is not None
    qtbot.keyClick(window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    window.flow.show(first)
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    assert window.store.records.get(first)["status"] == "skipped"
    said = window.statusBar().currentMessage()
    assert f"Posting {first} was reviewed: now skipped" in said
    window.flow.show(first)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    assert f"Posting {first} was skipped: now flagged" in window.statusBar().currentMessage()


def test_the_end_of_the_list_reads_what_another_process_added_and_says_the_last(
        window: ReviewWindow, project: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Postings another process imported were counted ("10 of 3,010") but never listed:
    Ctrl+Right on the last row did nothing and said nothing. It says the last posting,
    and what came since and how to list it."""
    from reviewer.core.store import NewPosting

    last = window.model.rowCount() - 1
    window.queue_pane.select_row(last)
    shown = window.pid
    with Store(project) as other:
        other.postings.add([NewPosting(
            source="late.txt", hash="late", kind="text", raw="Late Engineer",
            cleaned="Late Engineer\n", fields={"title": "Late Engineer"})])
        added = max(other.queue.ids())
    qtbot.keyClick(window, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert window.pid == shown  # (no jump: the list stays as it was read)
    said = window.statusBar().currentMessage()
    assert said.startswith("The last posting of the list. 1 posting came in since it was "
                           "read: Enter in the search box lists them.")
    window.queue_pane.search_box.setFocus()
    qtbot.keyClick(window.queue_pane.search_box, Qt.Key.Key_Return)
    window.queue_pane.select_row(window.model.rowCount() - 1)
    assert window.pid == added
    qtbot.keyClick(window, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert window.statusBar().currentMessage() == "The last posting of the list."


def test_the_keys_of_an_empty_project_say_why_nothing_happens(  # type: ignore[no-untyped-def]
        tmp_path: Path, open_window, qtbot) -> None:
    """Ctrl+Right in a project of no postings said "The last posting of the list."."""
    Store(tmp_path / "empty.db").close()
    window = open_window(tmp_path / "empty.db")
    ctrl = Qt.KeyboardModifier.ControlModifier
    for key in (Qt.Key.Key_Right, Qt.Key.Key_Left):
        window.statusBar().clearMessage()
        qtbot.keyClick(window, key, ctrl)
        said = window.statusBar().currentMessage()
        assert said.startswith("The list is empty: the project has no postings yet"), said
    qtbot.keyClick(window, Qt.Key.Key_B, ctrl)
    assert window.statusBar().currentMessage() == "No posting is listed to edit."
    # the keys that edit the posting shown said nothing at all
    alt, shift = Qt.KeyboardModifier.AltModifier, Qt.KeyboardModifier.ShiftModifier
    for key, modifiers in ((Qt.Key.Key_Return, ctrl), (Qt.Key.Key_S, ctrl | shift),
                           (Qt.Key.Key_1, alt), (Qt.Key.Key_F, ctrl | shift)):
        window.statusBar().clearMessage()
        qtbot.keyClick(window, key, modifiers)
        said = window.statusBar().currentMessage()
        assert "the project has no postings yet" in said, (key, said)


def test_the_ends_of_a_list_of_none_found_and_of_the_first_are_said(  # type: ignore[no-untyped-def]
        window: ReviewWindow, qtbot) -> None:
    ctrl = Qt.KeyboardModifier.ControlModifier
    window.queue_pane.select_row(0)
    qtbot.keyClick(window, Qt.Key.Key_Left, ctrl)
    assert window.statusBar().currentMessage() == "The first posting of the list."
    window.queue_pane.search_box.setText("zzzzqqq")
    window.queue_pane.search_box.returnPressed.emit()
    qtbot.keyClick(window, Qt.Key.Key_Right, ctrl)
    assert window.statusBar().currentMessage() == \
        "The list is empty: no posting matches the search and filters."
