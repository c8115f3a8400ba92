"""The window used as a careful annotator uses it: keys held down, label names and keys
from the project file, a list field left or put in the background, and the keys that
reject or revert the focused field."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QSettings, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLineEdit

from reviewer.core.labels import Option, Question
from reviewer.core.store import Store
from reviewer.gui.actions import unmarked
from reviewer.gui.bulk_edit import BulkEditDialog
from reviewer.gui.window import ReviewWindow

ALT, CTRL_SHIFT = (Qt.KeyboardModifier.AltModifier,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)


@pytest.fixture
def win(project: Path, open_window, tmp_path: Path) -> ReviewWindow:  # type: ignore[no-untyped-def]
    window: ReviewWindow = open_window(project, QSettings(str(tmp_path / "s.ini"),
                                                          QSettings.Format.IniFormat))
    window.queue_pane.select_row(0)
    return window


def _status(win: ReviewWindow, pid: int) -> str:
    return str(win.store.records.get(pid)["status"])


def test_holding_a_key_down_in_single_key_mode_acts_once(win: ReviewWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    win.single_keys.action.trigger()
    win.document.setFocus()
    first = win.pid
    assert first is not None
    for repeated in (False, True, True, True):  # A pressed, then held: the key repeats
        QApplication.sendEvent(win.document, QKeyEvent(
            QEvent.Type.KeyPress, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier, "a", repeated))
    assert _status(win, first) == "reviewed"
    second = win.pid
    assert second is not None and second != first
    assert _status(win, second) == "new"  # not accepted unseen
    for repeated in (False, True, True):
        QApplication.sendEvent(win.document, QKeyEvent(
            QEvent.Type.KeyPress, Qt.Key.Key_Backspace, Qt.KeyboardModifier.NoModifier, "",
            repeated))
    assert win.undo_stack.index() == 0 and _status(win, first) == "new"


@pytest.mark.parametrize("key", ["Alt+T", "Alt+Q", "Alt+V", "Alt+F"])
def test_a_label_key_cannot_take_a_fields_or_a_menus_alt_key(win: ReviewWindow,
                                                             key: str) -> None:
    win.edit_schema()
    dialog = win.schema_dialog
    dialog.list.setCurrentRow(0)
    dialog.table.item(0, 2).setText(key)
    dialog.save()
    assert not dialog.result() and key in dialog.problem.text()
    dialog.reject()


def test_an_action_cannot_be_given_a_fields_alt_key(win: ReviewWindow) -> None:
    win.action_table.edit_shortcuts()
    dialog = win.action_table.shortcut_dialog
    dialog.editors["flag"].setKeySequence(QKeySequence("Alt+T"))
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    dialog.reject()


def test_label_names_with_an_ampersand_show_it_and_take_no_key(project: Path,
                                                               open_window) -> None:  # type: ignore[no-untyped-def]
    with Store(project) as store:
        schema = store.labels.schema()
        schema.insert(0, Question("R&D team", "single", [Option("R&D"), Option("Sales & more")]))
        schema.append(Question("marks", "span", [Option("T&C")]))
        store.labels.save_schema(schema)
    win = open_window(project)
    for option in ("R&D", "Sales & more"):
        button = win.labels.buttons[("R&D team", option)]
        assert QKeySequence.mnemonic(button.text()).isEmpty(), button.text()
        assert button.text().replace("&&", "&").startswith(option)
    group = next(g for g in win.labels.groups if "team" in g.title())
    assert QKeySequence.mnemonic(group.title()).isEmpty()
    assert group.title().replace("&&", "&") == "R&D team"
    # the Labels menu, "Label as": a name's "&" shown, its access letter one of its own
    texts = [unmarked(a.text()) for a in win.action_table.label_actions]
    assert win.action_table.label_actions[0].text() == "R&&D team: R&&&D"
    assert "R&D team: R&D" in texts and "Label the selection T&C" in texts
    win.show_help()
    assert "R&amp;D team: R&amp;D" in win.help_box.text()
    assert "&amp;&amp;" not in win.help_box.text()
    win.help_box.close()


def test_a_list_left_shows_its_items_on_its_line(win: ReviewWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = BulkEditDialog(win, win.schema, selected=2, listed=8)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.choose("field", "skills", None)
    row = dialog.editors["skills"]
    assert row.summary is not None
    row.focus()
    qtbot.waitUntil(row.editor.hasFocus)
    qtbot.keyClicks(row.editor, "Rust")
    qtbot.keyClick(row.editor, Qt.Key.Key_Return)
    qtbot.keyClicks(row.editor, "Go")
    dialog.field.setFocus()  # leaving closes the list
    qtbot.waitUntil(row.summary.isVisible)
    assert row.value() == ["Rust", "Go"]
    assert row.summary.text() == "2 items: Rust, Go"  # the value the edit will set


def test_an_open_list_stays_open_while_the_window_is_in_the_background(
        win: ReviewWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    row = win.fields.editors["skills"]
    qtbot.keyClick(win.document, Qt.Key.Key_K, ALT)
    qtbot.waitUntil(row.editor.hasFocus)
    other = QLineEdit()
    qtbot.addWidget(other)
    other.show()
    other.activateWindow()
    qtbot.waitUntil(lambda: not win.isActiveWindow())
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    assert row.editor.isVisible() and row.editor.hasFocus()  # back where the person was
    assert not win.queue_pane.search_box.hasFocus()


def test_reject_and_revert_keys_leave_a_field_focused_on_another_posting(
        win: ReviewWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(win.document, Qt.Key.Key_C, ALT)  # the company field of the first
    assert win.focused_field == "company"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return,
                   Qt.KeyboardModifier.ControlModifier)  # accepted, on to the next
    second = win.pid
    assert second is not None and win.document.hasFocus()
    before = win.store.records.get(second)["provenance"].get("company")
    qtbot.keyClick(win.document, Qt.Key.Key_X, CTRL_SHIFT)
    assert win.store.records.get(second)["provenance"].get("company") == before
    assert "field" in win.statusBar().currentMessage()
    qtbot.keyClick(win.document, Qt.Key.Key_C, ALT)  # the field of this posting: it acts
    win.document.setFocus()
    qtbot.keyClick(win.document, Qt.Key.Key_X, CTRL_SHIFT)
    assert win.store.records.get(second)["provenance"]["company"] == "rejected"


def test_a_label_key_pressed_while_typing_leaves_the_cursor_where_it_was(
        win: ReviewWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    title = win.fields.editors["title"].editor
    assert isinstance(title, QLineEdit)
    qtbot.keyClick(win.document, Qt.Key.Key_T, ALT)
    title.end(False)
    typed = title.text() + " II"
    qtbot.keyClicks(title, " I")
    qtbot.keyClick(title, Qt.Key.Key_1, ALT)  # a document label, while typing
    assert win.store.records.get(win.pid)["labels"] == {"relevant": ["yes"]}
    qtbot.keyClicks(title, "I")
    assert title.text() == typed
    skills = win.fields.editors["skills"]
    qtbot.keyClick(title, Qt.Key.Key_K, ALT)
    qtbot.waitUntil(skills.editor.hasFocus)
    skills.editor.moveCursor(skills.editor.textCursor().MoveOperation.End)
    qtbot.keyClick(skills.editor, Qt.Key.Key_Return)  # a new item begun
    qtbot.keyClick(skills.editor, Qt.Key.Key_2, ALT)  # another label
    qtbot.keyClicks(skills.editor, "Haskell")
    win.document.setFocus()
    skills_now = win.store.records.get(win.pid)["fields"]["skills"]
    assert skills_now[-1] == "Haskell" and "Haskell" not in skills_now[0]


def test_what_is_typed_in_a_field_is_saved_when_the_window_closes(
        win: ReviewWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    pid = win.pid
    assert pid is not None
    skills = win.fields.editors["skills"]
    qtbot.keyClick(win.document, Qt.Key.Key_K, ALT)
    qtbot.waitUntil(skills.editor.hasFocus)
    skills.editor.moveCursor(skills.editor.textCursor().MoveOperation.End)
    qtbot.keyClick(skills.editor, Qt.Key.Key_Return)
    qtbot.keyClicks(skills.editor, "Haskell")  # typed, the field not left
    win.close()  # (File → Quit, or opening another project)
    assert win.store.records.get(pid)["fields"]["skills"][-1] == "Haskell"


def test_a_window_opens_with_the_focus_in_the_document(project: Path, open_window,
                                                       tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The focus went to the search box, the first in the window: Ctrl+Right moved
    the cursor there by a word, and single-key A and Space typed into it."""
    window: ReviewWindow = open_window(project, QSettings(str(tmp_path / "s.ini"),
                                                          QSettings.Format.IniFormat))
    assert QApplication.focusWidget() is window.document


def test_accept_all_on_the_last_posting_goes_round_or_says_none_is_left(
        win: ReviewWindow) -> None:
    """Ctrl+Enter on the last posting stayed there without a word, postings above it
    still to review; pressed again it added an empty step for Ctrl+Z to undo."""
    last = win.model.rowCount() - 1
    win.queue_pane.select_row(last)
    win.flow.accept_and_next()
    assert win.pid == win.model.id_at(0)  # round to the first not reviewed
    for row in range(win.model.rowCount()):
        win.queue_pane.select_row(row)
        if _status(win, win.pid) != "reviewed":  # type: ignore[arg-type]
            win.flow.accept_and_next()
    assert all(_status(win, pid) == "reviewed" for pid in win.store.queue.ids())
    steps = win.undo_stack.count()
    shown = win.pid
    win.flow.accept_and_next()  # reviewed, nothing undecided: no step, no move
    assert win.undo_stack.count() == steps and win.pid == shown
    assert win.statusBar().currentMessage() == "Every posting in the list is reviewed."


def test_clearing_the_search_or_changing_a_filter_keeps_the_posting_shown(
        win: ReviewWindow) -> None:
    """On posting 6, a search and then the search cleared: the list went back to its
    first posting; a filter changed did the same. The posting shown stays, when listed;
    a new search shows its best match."""
    win.queue_pane.select_row(win.model.row_of(6))  # type: ignore[arg-type]
    box = win.queue_pane.search_box
    box.setText("Kranich")
    box.returnPressed.emit()
    found = win.pid
    assert found != 6 and win.model.rowCount() == 1
    box.setText("")
    box.returnPressed.emit()
    assert win.pid == found and win.model.rowCount() > 1
    win.queue_pane.select_row(win.model.row_of(6))  # type: ignore[arg-type]
    combo = win.queue_pane.status_filter
    combo.setCurrentIndex(combo.findData("new"))
    assert win.pid == 6


def test_a_span_key_in_the_raw_page_says_spans_are_labelled_in_the_cleaned_posting(
        win: ReviewWindow) -> None:
    """Words selected in the raw page, Ctrl+1: "Select some words of the posting first",
    though words were selected."""
    for mode in ("raw", "removed"):
        win.view_choice.setCurrentIndex(win.view_choice.findData(mode))
        assert win.document.mode == mode
        win.document.selectAll()
        win.spans.label_selection("SKILL")
        said = win.statusBar().currentMessage()
        assert said.startswith("Spans are labelled in the cleaned posting"), (mode, said)
    win.view_choice.setCurrentIndex(win.view_choice.findData("posting"))
    assert win.document.mode == "cleaned"
