"""Bulk edits from the window: several postings selected in the queue (or every one the
filter and search list), one edit to all of them after a confirmation that counts them,
and Ctrl+Z undoing the whole of it in one step."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from reviewer.core.labels import Option, Question
from reviewer.core.store import BulkEdit, Store
from reviewer.gui import bulk_command
from reviewer.gui.bulk_edit import BulkEditDialog, BulkEdits
from reviewer.gui.window import ReviewWindow


@pytest.fixture
def win(project: Path, open_window) -> ReviewWindow:  # type: ignore[no-untyped-def]
    return open_window(project)  # type: ignore[no-any-return]


def click_row(win: ReviewWindow, qtbot, row: int,  # type: ignore[no-untyped-def]
              modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    rect = win.queue.visualRect(win.model.index(row, 1))
    qtbot.mouseClick(win.queue.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())


def bulk_of(win: ReviewWindow) -> BulkEdits:
    found = win.findChild(BulkEdits)
    assert found is not None
    return found


def confirm(bulk: BulkEdits) -> str:
    """Press OK in the dialog; the confirmation's text, then Yes."""
    bulk.dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    box = bulk.confirmation
    assert box is not None and box.isVisible()
    text = box.text()
    box.button(QMessageBox.StandardButton.Yes).click()
    return text


def edit_first_three(win: ReviewWindow, qtbot, kind: str, name: str,  # type: ignore[no-untyped-def]
                     value: str) -> list[int]:
    """The first three rows selected by clicks, and edited by Ctrl+B; their ids."""
    click_row(win, qtbot, 0)
    click_row(win, qtbot, 2, Qt.KeyboardModifier.ShiftModifier)
    ids = [win.model.id_at(row) for row in range(3)]
    qtbot.keyClick(win.queue, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    bulk = bulk_of(win)
    bulk.dialog.choose(kind, name, value)
    confirm(bulk)
    return ids


def test_a_label_on_three_selected_postings_and_ctrl_z_undoes_all(
        win: ReviewWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    click_row(win, qtbot, 0)
    click_row(win, qtbot, 2, Qt.KeyboardModifier.ShiftModifier)
    ids = [win.model.id_at(row) for row in range(3)]
    assert sorted(win.queue_pane.selected_ids()) == sorted(ids)
    qtbot.keyClick(win.queue, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    bulk = bulk_of(win)
    assert bulk.dialog.isVisible() and not bulk.dialog.scope_all.isChecked()
    bulk.dialog.choose("label", "relevant", "yes")
    text = confirm(bulk)
    assert "3 postings" in text and "relevant" in text
    assert [win.store.records.get(p)["labels"] for p in ids] == [{"relevant": ["yes"]}] * 3
    assert win.store.records.get(win.model.id_at(3))["labels"] == {}
    assert win.undo_stack.count() == 1
    yes = win.labels.buttons[("relevant", "yes")]
    assert win.pid in ids and yes.isChecked()  # the shown posting's answer follows
    qtbot.keyClick(win.queue, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [win.store.records.get(p)["labels"] for p in ids] == [{}] * 3
    assert not yes.isChecked()
    qtbot.keyClick(win.queue, Qt.Key.Key_Z, Qt.KeyboardModifier.ShiftModifier
                   | Qt.KeyboardModifier.ControlModifier)
    assert [win.store.records.get(p)["labels"] for p in ids] == [{"relevant": ["yes"]}] * 3


def test_a_bulk_undo_says_which_postings_it_left_as_another_reviewer_made_them(
        win: ReviewWindow, project: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    ids = edit_first_three(win, qtbot, "label", "relevant", "yes")
    with Store(project, reviewer="ben") as other:
        other.labels.answer(ids[1], "relevant", ["no"])
    win.undo_stack.undo()
    labels = [win.store.records.get(p)["labels"] for p in ids]
    assert labels == [{}, {"relevant": ["no"]}, {}]
    assert "but for 1 posting changed since" in win.statusBar().currentMessage()
    win.undo_stack.redo()  # the redo leaves it too
    labels = [win.store.records.get(p)["labels"] for p in ids]
    assert labels == [{"relevant": ["yes"]}, {"relevant": ["no"]}, {"relevant": ["yes"]}]


def test_a_bulk_redo_leaves_a_posting_another_reviewer_changed_after_the_undo(
        win: ReviewWindow, project: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Ctrl+Shift+Z after Ctrl+Z made the edit again on every posting, over another
    reviewer's company given in between, and the status bar said only "redone"."""
    ids = edit_first_three(win, qtbot, "field", "company", "Bulkco")
    qtbot.keyClick(win.queue, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    with Store(project, reviewer="ben") as other:
        other.decisions.set_field(ids[1], "company", "Ben's Company")
    qtbot.keyClick(win.queue, Qt.Key.Key_Z, Qt.KeyboardModifier.ShiftModifier
                   | Qt.KeyboardModifier.ControlModifier)
    companies = [win.store.records.get(p)["fields"]["company"] for p in ids]
    assert companies == ["Bulkco", "Ben's Company", "Bulkco"]
    assert "redone, but for 1 posting changed since" in win.statusBar().currentMessage()
    assert win.undo_stack.index() == 1
    win.undo_stack.undo()  # its undo leaves it too
    assert win.store.records.get(ids[1])["fields"]["company"] == "Ben's Company"


def test_a_bulk_label_redo_after_another_program_renamed_the_option_is_refused(
        win: ReviewWindow, project: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Ctrl+Shift+Z after another program renamed "yes" raised a ValueError out of the
    redo; the stack then held the edit as redone, though nothing was written, and the
    status bar still said "undone"."""
    ids = edit_first_three(win, qtbot, "label", "relevant", "yes")
    qtbot.keyClick(win.queue, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    with Store(project, reviewer="ben") as other:
        schema = other.labels.schema()
        origins = {(q.name, o): (q.name, o) for q in schema for o in q.option_names()}
        relevant = next(q for q in schema if q.name == "relevant")
        relevant.options[0] = Option("ja")
        origins[("relevant", "ja")] = origins.pop(("relevant", "yes"))
        other.labels.save_schema(schema, origins)
    qtbot.keyClick(win.queue, Qt.Key.Key_Z, Qt.KeyboardModifier.ShiftModifier
                   | Qt.KeyboardModifier.ControlModifier)
    assert [win.store.records.get(p)["labels"] for p in ids] == [{}] * 3
    message = win.statusBar().currentMessage()
    assert "not redone: the label schema was changed since" in message
    assert not win.undo_stack.canRedo() and win.undo_stack.index() == win.undo_stack.count()


def test_a_bulk_label_undo_after_another_program_swapped_the_options_is_refused(
        win: ReviewWindow, project: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Ctrl+Z of a bulk answer after another program swapped "yes" and "no" in their
    places put back the answers as named before, which meant the other option now."""
    ids = edit_first_three(win, qtbot, "label", "relevant", "yes")
    with Store(project, reviewer="ben") as other:
        schema = other.labels.schema()
        origins = {(q.name, o): (q.name, o) for q in schema for o in q.option_names()}
        origins[("relevant", "yes")], origins[("relevant", "no")] = (
            ("relevant", "no"), ("relevant", "yes"))
        other.labels.save_schema(schema, origins)
    swapped = [win.store.records.get(p)["labels"] for p in ids]
    qtbot.keyClick(win.queue, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [win.store.records.get(p)["labels"] for p in ids] == swapped
    assert "not undone: the label schema was changed since" in win.statusBar().currentMessage()
    assert not win.undo_stack.canUndo() or win.undo_stack.index() == 0


def test_a_status_on_every_matching_posting_runs_as_long_work_and_undoes_so(
        win: ReviewWindow, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(bulk_command, "LONG", 2)  # more postings than this: off the GUI thread
    win.queue_pane.search_box.setText("engineer")
    win.queue_pane.search()
    matching = [win.model.id_at(row) for row in range(win.model.rowCount())]
    assert 2 < len(matching) < 8
    win.action_table.by_id["edit_selected"].trigger()
    bulk = bulk_of(win)
    bulk.dialog.scope_all.setChecked(True)
    bulk.dialog.choose("status", "reviewed")
    assert f"{len(matching)} postings" in confirm(bulk)
    qtbot.waitUntil(lambda: win.long_work.job is None and
                    win.store.queue.count("reviewed") == len(matching), timeout=20_000)
    assert win.progress.text().startswith(f"{len(matching)} / 8")  # the counts follow
    assert win.model.status_at(0) == "reviewed"
    win.long_work.job = object()  # type: ignore[assignment]  # other long work running
    win.undo_stack.undo()  # not undone: the stack goes back to where the file is
    qtbot.waitUntil(lambda: win.undo_stack.index() == 1)
    assert win.store.queue.count("reviewed") == len(matching)
    win.long_work.job = None
    win.undo_stack.undo()
    qtbot.waitUntil(lambda: win.long_work.job is None and
                    win.store.queue.count("reviewed") == 0, timeout=20_000)
    assert win.model.status_at(0) == "new" and win.undo_stack.index() == 0
    win.undo_stack.redo()
    qtbot.waitUntil(lambda: win.long_work.job is None and
                    win.store.queue.count("reviewed") == len(matching), timeout=20_000)
    assert win.undo_stack.index() == 1 and win.model.status_at(0) == "reviewed"


def test_a_field_value_keeps_the_reviewed_decisions_of_other_fields(
        win: ReviewWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    first = win.model.id_at(0)
    win.flow.set_field("title", "A title a person gave")
    click_row(win, qtbot, 0)
    click_row(win, qtbot, 1, Qt.KeyboardModifier.ControlModifier)
    bulk = bulk_of(win)
    bulk.choose()
    bulk.dialog.choose("field", "remote", "remote")
    assert "Set Remote to 'remote' on 2 postings?" in confirm(bulk)
    posting = win.store.records.get(first)
    assert posting["fields"]["remote"] == "remote"
    assert posting["fields"]["title"] == "A title a person gave"
    assert win.fields.editors["remote"].editor.currentData() == "remote"  # the panel follows
    win.undo_stack.undo()
    assert win.store.records.get(first)["fields"]["title"] == "A title a person gave"
    assert win.undo_stack.count() == 2


def test_the_queue_menu_edits_the_selection(win: ReviewWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    click_row(win, qtbot, 1)
    bulk = bulk_of(win)
    menu = win.queue_pane.cell_menu(win.model.index(1, 1))  # the row's right-click menu
    texts = [a.text() for a in menu.actions()]
    assert "Edit the selected postings…" in texts and "Mark reviewed" in texts
    next(a for a in menu.actions() if a.text() == "Mark flagged").trigger()
    assert "1 posting?" in bulk.confirmation.text()  # type: ignore[union-attr]
    bulk.confirmation.button(QMessageBox.StandardButton.Yes).click()  # type: ignore[union-attr]
    assert win.store.records.get(win.model.id_at(1))["status"] == "flagged"
    next(a for a in menu.actions() if a.text() == "Mark flagged").trigger()
    assert bulk.confirmation.text().startswith("Nothing to change")  # type: ignore[union-attr]
    bulk.confirmation.close()  # type: ignore[union-attr]


def test_the_dialog_reads_a_multiple_choice_answer_and_asks_for_a_value(
        win: ReviewWindow) -> None:
    questions = [Question("perks", "multi", [Option("gym"), Option("bike")]),
                 Question("spans", "span", [Option("SKILL")])]
    dialog = BulkEditDialog(win, questions, selected=0, listed=8)
    assert dialog.scope_all.isChecked() and not dialog.scope_selected.isEnabled()
    assert [dialog.question.itemData(i) for i in range(dialog.question.count())] == ["perks"]
    dialog.choose("label", "perks", ["gym", "bike"])
    assert dialog.edit() == BulkEdit("label", "perks", ["gym", "bike"])
    dialog.choose("field", "title", "")
    dialog.open()
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.isVisible() and dialog.problem.text() == "Title: give the value to set."
    dialog.choose("accept", "skills")
    assert dialog.edit() == BulkEdit("accept", "skills")
    dialog.close()


@pytest.mark.parametrize("name", ["title", "salary", "responsibilities"])
def test_tab_goes_from_the_field_to_its_value(win: ReviewWindow, qtbot,  # type: ignore[no-untyped-def]
                                              name: str) -> None:
    """Tab went Field → OK → Cancel → Value: a person who picked the field, pressed Tab
    and typed was typing on the OK button."""
    dialog = BulkEditDialog(win, [], selected=0, listed=8)
    dialog.open()
    dialog.kind.setCurrentIndex(dialog.kind.findData("field"))
    dialog.field.setCurrentIndex(dialog.field.findData(name))
    dialog.field.setFocus()
    qtbot.waitUntil(dialog.field.hasFocus)
    qtbot.keyClick(dialog.field, Qt.Key.Key_Tab)
    focused = QApplication.focusWidget()
    assert focused is not None and dialog.editors[name].isAncestorOf(focused)
    dialog.close()
