"""What a person types in a field is read the way the extractor reads text, stored in the
field's own form and shown back; what cannot be read is kept in the box, not saved, with
the reason; an emptied field is rejected; Esc keeps what was typed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit

from reviewer.gui.window import ReviewWindow


@pytest.fixture
def win(project: Path, open_window) -> ReviewWindow:  # type: ignore[no-untyped-def]
    return open_window(project)  # type: ignore[no-any-return]


def _stored(win: ReviewWindow) -> dict[str, Any]:
    assert win.pid is not None
    return win.store.records.get(win.pid)


def _type(win: ReviewWindow, qtbot, box: QLineEdit, text: str) -> None:  # type: ignore[no-untyped-def]
    box.setFocus()
    box.selectAll()
    box.insert(text)  # as typed (key clicks cannot type every character offscreen)
    qtbot.keyClick(box, Qt.Key.Key_Return)  # editing finished: the field is saved


def _line(win: ReviewWindow, name: str) -> QLineEdit:
    editor = win.fields.editors[name].editor
    assert isinstance(editor, QLineEdit)
    return editor


@pytest.mark.parametrize(("typed", "stored"), [
    ("31/01/2019", "2019-01-31"),
    ("January 31, 2019", "2019-01-31"),
    ("31 Jan 2019", "2019-01-31"),
    ("2019-01-31", "2019-01-31"),
])
def test_a_typed_date_is_stored_and_shown_as_iso(win: ReviewWindow, qtbot, typed: str,  # type: ignore[no-untyped-def]
                                                 stored: str) -> None:
    box = _line(win, "valid_through")
    _type(win, qtbot, box, typed)
    posting = _stored(win)
    assert posting["fields"]["valid_through"] == stored
    assert posting["provenance"]["valid_through"] in ("corrected", "accepted")
    assert box.text() == stored


def test_an_unreadable_date_is_kept_unsaved_with_the_reason(win: ReviewWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    before = _stored(win)["fields"]["valid_through"]
    box = _line(win, "valid_through")
    _type(win, qtbot, box, "next friday")
    assert _stored(win)["fields"]["valid_through"] == before
    assert win.undo_stack.count() == 0
    assert box.text() == "next friday"
    state = win.fields.editors["valid_through"].state.text()
    assert state.startswith("⚠ not saved: ") and "date" in state


@pytest.mark.parametrize(("typed", "number"), [
    ("38k", 38000), ("$95,000", 95000), ("€50.000", 50000), ("95,000.50", 95000.5),
    ("120000", 120000),
])
def test_a_typed_pay_figure_is_read_stored_and_shown(win: ReviewWindow, qtbot, typed: str,  # type: ignore[no-untyped-def]
                                                     number: float) -> None:
    editor = win.fields.editors["salary"]
    editor.salary_min.setText("1")
    _type(win, qtbot, editor.salary_max, typed)
    salary = _stored(win)["fields"]["salary"]
    assert salary["min"] == 1 and salary["max"] == number
    assert editor.salary_max.text() == str(number)


def test_a_pay_figure_that_cannot_be_read_is_kept_unsaved(win: ReviewWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    before = _stored(win)["fields"]["salary"]
    editor = win.fields.editors["salary"]
    _type(win, qtbot, editor.salary_max, "lots")
    assert _stored(win)["fields"]["salary"] == before
    assert win.undo_stack.count() == 0
    assert editor.salary_max.text() == "lots"
    assert editor.state.text().startswith("⚠ not saved: ")


@pytest.mark.parametrize(("typed", "stored"), [("€", "EUR"), ("usd", "USD"), ("a$", "AUD"),
                                               ("hrk", "HRK")])
def test_a_typed_currency_is_stored_as_its_code(win: ReviewWindow, qtbot, typed: str,  # type: ignore[no-untyped-def]
                                                stored: str) -> None:
    """The currency box stored what was typed, upper-cased ("€", "12", "A$"): the field
    schema holds ISO 4217 codes, as a data file's column is read."""
    editor = win.fields.editors["salary"]
    editor.salary_min.setText("50000")
    _type(win, qtbot, editor.salary_currency, typed)
    assert _stored(win)["fields"]["salary"]["currency"] == stored
    assert editor.salary_currency.text() == stored


@pytest.mark.parametrize(("name", "typed", "why"), [
    ("salary", "12", "currency"), ("salary", "zz", "currency"),
    ("work_hours", "1e9", "outside 1 to 100"), ("work_hours", "0", "outside 1 to 100"),
    ("experience_years", "100", "outside 0 to 50"),
])
def test_a_value_the_field_schema_does_not_allow_is_kept_unsaved(  # type: ignore[no-untyped-def]
        win: ReviewWindow, qtbot, name: str, typed: str, why: str) -> None:
    """Hours of 1,000,000,000 a week and 100 years of experience were stored, which a
    data file's column of the same is refused for."""
    before = _stored(win)["fields"][name]
    editor = win.fields.editors[name]
    if name == "salary":
        editor.salary_min.setText("50000")
        _type(win, qtbot, editor.salary_currency, typed)
    else:
        _type(win, qtbot, _line(win, name), typed)
    assert _stored(win)["fields"][name] == before and win.undo_stack.count() == 0
    assert editor.state.text().startswith("⚠ not saved: ") and why in editor.state.text()


@pytest.mark.parametrize(("name", "typed", "number"), [
    ("work_hours", "37.5", 37.5), ("work_hours", "40 hours", 40),
    ("experience_years", "3+ years", 3), ("experience_years", "2,5", 2.5),
])
def test_a_typed_number_is_read_and_shown(win: ReviewWindow, qtbot, name: str, typed: str,  # type: ignore[no-untyped-def]
                                          number: float) -> None:
    box = _line(win, name)
    _type(win, qtbot, box, typed)
    assert _stored(win)["fields"][name] == number
    assert box.text() == str(number)


def test_a_number_that_cannot_be_read_is_kept_unsaved(win: ReviewWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    before = _stored(win)["fields"]["work_hours"]
    box = _line(win, "work_hours")
    _type(win, qtbot, box, "flexible")
    assert _stored(win)["fields"]["work_hours"] == before and win.undo_stack.count() == 0
    assert box.text() == "flexible"
    assert win.fields.editors["work_hours"].state.text().startswith("⚠ not saved: ")


def test_unreadable_text_stays_when_another_field_is_saved(win: ReviewWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    box = _line(win, "valid_through")
    _type(win, qtbot, box, "soon")
    _type(win, qtbot, _line(win, "title"), "Data Engineer")
    assert _stored(win)["fields"]["title"] == "Data Engineer"
    assert box.text() == "soon"
    assert win.fields.editors["valid_through"].state.text().startswith("⚠ not saved: ")


def test_a_corrected_value_clears_the_warning(win: ReviewWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    box = _line(win, "valid_through")
    _type(win, qtbot, box, "soon")
    _type(win, qtbot, box, "1.2.2026")
    assert _stored(win)["fields"]["valid_through"] == "2026-02-01"
    assert "not saved" not in win.fields.editors["valid_through"].state.text()


def test_an_emptied_text_field_is_rejected(win: ReviewWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    _type(win, qtbot, _line(win, "title"), "")
    posting = _stored(win)
    assert posting["provenance"]["title"] == "rejected" and posting["fields"]["title"] is None


def test_an_emptied_list_is_rejected(win: ReviewWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    skills = win.fields.editors["skills"].editor
    assert isinstance(skills, QPlainTextEdit)
    win.fields.editors["skills"].focus()  # a list field opens when it takes the focus
    skills.setPlainText("")
    win.document.setFocus()  # leaving the list saves it
    assert _stored(win)["provenance"]["skills"] == "rejected"


@pytest.mark.parametrize("all_boxes", [True, False])
def test_an_emptied_salary_is_rejected(win: ReviewWindow, qtbot, all_boxes: bool) -> None:  # type: ignore[no-untyped-def]
    """Its figures emptied, with or without its currency and period: no value (the store
    refuses a salary without a figure as a person's value)."""
    editor = win.fields.editors["salary"]
    editor.salary_min.setText("")
    editor.salary_currency.setText("" if all_boxes else "EUR")
    editor.salary_period.setCurrentIndex(0 if all_boxes else editor.salary_period.findData(
        "year"))
    _type(win, qtbot, editor.salary_max, "")
    posting = _stored(win)
    assert posting["provenance"]["salary"] == "rejected" and posting["fields"]["salary"] is None
    assert "not saved" not in editor.state.text()


def test_escape_keeps_what_was_typed(win: ReviewWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    title = _line(win, "title")
    title.setFocus()
    title.selectAll()
    qtbot.keyClicks(title, "Typed before Esc")
    qtbot.keyClick(title, Qt.Key.Key_Escape)
    assert win.document.hasFocus()
    assert _stored(win)["fields"]["title"] == "Typed before Esc"
    assert title.text() == "Typed before Esc" and win.undo_stack.count() == 1


@pytest.mark.parametrize("how", ["skip", "flag"])
def test_skip_and_flag_are_not_done_over_a_value_typed_that_cannot_be_read(  # type: ignore[no-untyped-def]
        win: ReviewWindow, qtbot, how: str) -> None:
    """Skip set the status, then the move after it was refused ("Not moved"): half done."""
    pid, before = win.pid, _stored(win)
    qtbot.keyClick(win, Qt.Key.Key_X, Qt.KeyboardModifier.AltModifier)
    box = QApplication.focusWidget()
    assert isinstance(box, QLineEdit)
    box.selectAll()
    box.insert("five-ish")
    qtbot.keyClick(box, Qt.Key.Key_Tab)  # on to the next field: the text stays, unread
    if how == "skip":
        win.flow.skip()
    else:
        win.flow.reject_and_next()
    assert win.pid == pid and win.store.records.get(pid)["status"] == before["status"]
    assert "not done" in win.statusBar().currentMessage()


@pytest.mark.parametrize(("letter", "name", "typed"), [
    ("P", "date_posted", "15th of March"), ("X", "experience_years", "five-ish")])
def test_accept_all_is_not_done_over_a_value_typed_that_cannot_be_read(  # type: ignore[no-untyped-def]
        win: ReviewWindow, qtbot, letter: str, name: str, typed: str) -> None:
    """Ctrl+Enter while a field holds text that cannot be read: the person was replacing
    the machine's value; accepting it would store the value they were typing over."""
    pid, before = win.pid, _stored(win)
    ctrl, alt = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.AltModifier
    qtbot.keyClick(win, getattr(Qt.Key, f"Key_{letter}"), alt)
    box = QApplication.focusWidget()
    assert isinstance(box, QLineEdit)
    box.selectAll()
    box.insert(typed)
    qtbot.keyClick(box, Qt.Key.Key_Return, ctrl)  # accept all and go on
    after = win.store.records.get(pid)
    assert win.pid == pid and after["status"] == before["status"]
    assert after["provenance"][name] == before["provenance"][name] == "machine"
    assert win.undo_stack.count() == 0
    said = win.statusBar().currentMessage()
    assert said.startswith("Accept all: not done.") and typed in said
    # the focus left the field (Esc): the typed text is still there, still refused
    win.focus_document()
    win.flow.accept_and_next()
    assert win.store.records.get(pid)["status"] == before["status"]
    assert box.text() == typed
    box.setFocus()
    box.selectAll()
    box.insert("")  # emptied: a rejection, which can be saved; then accepting the rest works
    win.flow.accept_and_next()
    assert win.store.records.get(pid)["provenance"][name] == "rejected"
    assert win.store.records.get(pid)["status"] == "reviewed"


def test_the_status_bar_does_not_say_saved_while_a_typed_value_is_not(  # type: ignore[no-untyped-def]
        win: ReviewWindow, qtbot) -> None:
    box = _line(win, "date_posted")
    _type(win, qtbot, box, "15th of March")
    win.focus_document()
    assert "Date posted" in win.saved.text() and "not saved" in win.saved.text()
    _type(win, qtbot, box, "2025-03-15")
    assert win.saved.text() == "all edits saved"


def test_reverting_a_field_holding_unreadable_text_drops_the_text(  # type: ignore[no-untyped-def]
        win: ReviewWindow, qtbot) -> None:
    """The machine's value still undecided, 'five-ish' typed over it: revert (or reject)
    is the way back, and then accepting all works."""
    pid = win.pid
    box = _line(win, "experience_years")
    before = box.text()
    _type(win, qtbot, box, "five-ish")
    win.flow.revert_field("experience_years")
    assert box.text() == before and win.fields.editors["experience_years"].unreadable is None
    assert win.saved.text() == "all edits saved"
    win.flow.accept_and_next()
    assert win.store.records.get(pid)["status"] == "reviewed"  # type: ignore[arg-type]


def test_moving_on_by_key_stops_at_a_value_typed_that_cannot_be_read(  # type: ignore[no-untyped-def]
        win: ReviewWindow, qtbot) -> None:
    """"2025-13-45" typed, then Ctrl+Right: the window moved on, the text was gone and the
    status bar said all was saved. It stays, says why; reverting the field lets it go."""
    pid = win.pid
    box = _line(win, "date_posted")
    _type(win, qtbot, box, "2025-13-45")
    win.focus_document()
    for move in (win.queue_pane.go_next, win.queue_pane.go_previous,
                 win.queue_pane.next_unreviewed):
        move()
        assert win.pid == pid and box.text() == "2025-13-45"
        said = win.statusBar().currentMessage()
        assert said.startswith("Not moved: Date posted: “2025-13-45” is not a date") \
            and "revert it" in said
    win.flow.revert_field("date_posted")
    win.queue_pane.go_next()
    assert win.pid != pid


@pytest.mark.parametrize("how", ["search", "status", "field state", "order", "filter menu",
                                 "clear filters"])
def test_a_search_or_a_filter_stops_at_a_value_typed_that_cannot_be_read(  # type: ignore[no-untyped-def]
        win: ReviewWindow, qtbot, how: str) -> None:
    """"lots" typed as the hours, then a search: the window left the posting unasked,
    the text gone and the status bar back to "all edits saved". A search or a filter
    that would read the list again stops as a move does, says why, and keeps what was
    asked for (the search in its box) to run once the field is saved or emptied."""
    pane, pid = win.queue_pane, win.pid
    box = _line(win, "work_hours")
    box.setFocus()
    qtbot.keyClicks(box, "lots")
    qtbot.keyClick(box, Qt.Key.Key_Tab)
    assert win.fields.editors["work_hours"].unreadable is not None
    listed_by = (win.model.query, win.model.status, win.model.field_state, win.model.order)
    if how == "search":
        pane.focus_search()
        qtbot.keyClicks(pane.search_box, "JSONL")
        qtbot.keyClick(pane.search_box, Qt.Key.Key_Return)
        assert pane.search_box.text() == "JSONL"  # kept, to run later
    elif how == "clear filters":
        pane.search_box.setText("company:nobody")
        pane.clear_filters()
        assert pane.search_box.text() == "company:nobody"  # as it was: none listed by it
    elif how == "filter menu":
        pane.add_filter("company", "Nobody")
        assert pane.search_box.text() == ""  # the search in force, not one not made
    else:
        combo = {"status": pane.status_filter, "field state": pane.state_filter,
                 "order": pane.order_choice}[how]
        was = combo.currentIndex()
        combo.setCurrentIndex(combo.count() - 1)
        assert combo.currentIndex() == was  # what the list is read by, still
    assert win.pid == pid and box.text() == "lots"
    assert (win.model.query, win.model.status, win.model.field_state,
            win.model.order) == listed_by
    said = win.statusBar().currentMessage()
    assert said.startswith("Not ") and "Hours" in said and "revert it" in said
    assert "typed, not saved" in win.saved.text()
    win.flow.revert_field("work_hours")
    if how == "search":
        qtbot.keyClick(pane.search_box, Qt.Key.Key_Return)
        assert win.model.query == "JSONL"


def test_leaving_by_the_list_says_what_typed_text_was_not_saved(  # type: ignore[no-untyped-def]
        win: ReviewWindow, qtbot) -> None:
    """A click on another row cannot be stopped: it says what is dropped."""
    pid = win.pid
    _type(win, qtbot, _line(win, "date_posted"), "2025-13-45")
    row = win.model.row_of(pid)  # type: ignore[arg-type]
    win.queue_pane.view.selectionModel().setCurrentIndex(
        win.model.index(row + 1, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect)
    assert win.pid != pid
    said = win.statusBar().currentMessage()
    assert said.startswith(f"Posting {pid} left with text typed not saved: Date posted: "
                           "“2025-13-45” is not a date")


def test_one_end_of_the_pay_left_empty_stays_empty(win: ReviewWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Clearing the max saved the min as the max too: "from 140,000" could not be
    entered. Each end is what is typed; an empty one is no value."""
    editor = win.fields.editors["salary"]
    editor.salary_min.setText("140000")
    _type(win, qtbot, editor.salary_max, "")
    salary = _stored(win)["fields"]["salary"]
    assert (salary["min"], salary["max"]) == (140000, None)
    assert editor.salary_max.text() == ""
    editor.salary_min.setText("")
    _type(win, qtbot, editor.salary_max, "150k")
    salary = _stored(win)["fields"]["salary"]
    assert (salary["min"], salary["max"]) == (None, 150000)


def test_ctrl_z_in_a_field_with_nothing_typed_to_undo_undoes_the_last_edit(  # type: ignore[no-untyped-def]
        win: ReviewWindow, qtbot) -> None:
    """A company corrected, Tab to the next field, Ctrl+Z: the text box took the key (it
    had nothing of its own to undo) and the edit stayed. The window's undo takes it
    then; with text typed in the box, Ctrl+Z undoes the typing, as in any text box."""
    pid = win.pid
    company = _line(win, "company")
    _type(win, qtbot, company, "Typed Co")
    assert win.store.records.get(pid)["fields"]["company"] == "Typed Co"  # type: ignore[arg-type]
    department = _line(win, "department")
    department.setFocus()
    before = department.text()
    qtbot.keyClick(department, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert win.store.records.get(pid)["fields"]["company"] != "Typed Co"  # type: ignore[arg-type]
    department.end(False)
    qtbot.keyClicks(department, "Plat")
    qtbot.keyClick(department, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert department.text() == before and win.undo_stack.canRedo()


def test_a_search_that_lists_nothing_says_what_typed_text_was_not_saved(  # type: ignore[no-untyped-def]
        win: ReviewWindow, qtbot) -> None:
    """A search listing no posting dropped the text typed that could not be read with no
    word (now the search is not made: said); clearing it went to the first posting, not
    the one shown before."""
    win.queue_pane.select_row(2)
    pid = win.pid
    _type(win, qtbot, _line(win, "date_posted"), "2025-13-45")
    box = win.queue_pane.search_box
    box.setText("zzzzqqq")
    box.returnPressed.emit()
    assert win.pid == pid
    assert win.statusBar().currentMessage().startswith("Not searched: Date posted")
    win.flow.revert_field("date_posted")
    box.returnPressed.emit()
    assert win.pid is None
    box.setText("")
    box.returnPressed.emit()
    assert win.pid == pid


def test_ctrl_z_back_in_a_field_saved_while_in_it_undoes_the_edit(  # type: ignore[no-untyped-def]
        win: ReviewWindow, qtbot) -> None:
    """Company corrected and saved with the focus still in its box (Enter), then Ctrl+Z:
    the box undid its old typing, and leaving it saved that as a second edit."""
    pid = win.pid
    company = _line(win, "company")
    before = win.store.records.get(pid)["fields"]["company"]  # type: ignore[arg-type]
    _type(win, qtbot, company, "Typed Co")  # (Enter: saved, the focus stays)
    assert company.hasFocus() and win.undo_stack.count() == 1
    qtbot.keyClick(company, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert win.store.records.get(pid)["fields"]["company"] == before  # type: ignore[arg-type]
    assert win.undo_stack.index() == 0


def test_redo_or_undo_from_the_menu_while_typing_saves_what_is_typed_first(
        win: ReviewWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    """The window's redo ran over a field being typed in: the typed text was replaced
    by the stored value, and lost."""
    title = _line(win, "title")
    _type(win, qtbot, title, "Staff Engineer")
    win.undo_stack.undo()
    company = _line(win, "company")
    company.setFocus()
    company.selectAll()
    company.insert("Globex Corporation")  # typed, not yet left
    qtbot.keyClick(company, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    assert company.text() == "Globex Corporation"
    assert _stored(win)["fields"]["company"] == "Globex Corporation"
    # the typing, a new edit, ended the title's redo: said, not left silent
    assert not win.undo_stack.canRedo()
    assert win.statusBar().currentMessage().startswith("Redo: not done.")
    company.setFocus()
    company.selectAll()
    company.insert("Initech")
    undo = next(a for a in win.findChildren(QAction) if a.shortcut().toString() == "Ctrl+Z"
                and a.isVisible() and a in win.actions())
    undo.trigger()  # Edit → Undo: the typing saved, then undone
    assert _stored(win)["fields"]["company"] == "Globex Corporation" == company.text()


@pytest.mark.parametrize(("name", "typed"), [
    ("work_hours", "9" * 400), ("work_hours", "-5"), ("experience_years", "-3"),
    ("work_hours", "1e400"),
])
def test_a_number_past_any_or_below_zero_is_kept_unsaved(win: ReviewWindow, qtbot, name: str,  # type: ignore[no-untyped-def]
                                                         typed: str) -> None:
    """400 nines were read as infinity and stored as 'Infinity' (no JSON: the posting
    could not be read again); '-5' hours were stored as 5."""
    before = _stored(win)["fields"][name]
    box = _line(win, name)
    _type(win, qtbot, box, typed)
    assert _stored(win)["fields"][name] == before and win.undo_stack.count() == 0
    assert win.fields.editors[name].state.text().startswith("⚠ not saved: ")


@pytest.mark.parametrize("typed", ["9" * 400, "-50000"])
def test_pay_past_any_number_or_below_zero_is_kept_unsaved(win: ReviewWindow, qtbot,  # type: ignore[no-untyped-def]
                                                           typed: str) -> None:
    before = _stored(win)["fields"]["salary"]
    editor = win.fields.editors["salary"]
    _type(win, qtbot, editor.salary_max, typed)
    assert _stored(win)["fields"]["salary"] == before and win.undo_stack.count() == 0
    assert editor.state.text().startswith("⚠ not saved: ")


def test_the_store_refuses_a_value_no_record_may_hold(win: ReviewWindow) -> None:
    assert win.pid is not None
    for name, value in (("work_hours", float("inf")), ("work_hours", -5),
                        ("salary", {"min": 1, "max": float("inf"), "currency": None,
                                    "period": None})):
        with pytest.raises(ValueError):
            win.store.decisions.set_field(win.pid, name, value)
    assert "work_hours" not in win.store.decisions.decided(win.pid)


def test_ctrl_z_in_a_box_undoes_only_what_was_typed_since_it_was_saved(  # type: ignore[no-untyped-def]
        win: ReviewWindow, qtbot) -> None:
    """Typed and saved by Enter, then more typed: Ctrl+Z, taken by the box, went back
    past the saved value to the machine's, which the box showed while the file held the
    saved one (and Ctrl+Enter then accepted the machine's). The box's own undo starts at
    what is saved; the next Ctrl+Z undoes the saved edit, as the window's undo."""
    CTRL = Qt.KeyboardModifier.ControlModifier
    title = win.fields.editors["title"].editor
    assert isinstance(title, QLineEdit)
    machine = title.text()
    title.setFocus()
    title.selectAll()
    qtbot.keyClicks(title, "One")
    qtbot.keyClick(title, Qt.Key.Key_Return)
    assert _stored(win)["fields"]["title"] == "One"
    qtbot.keyClicks(title, " Two")
    qtbot.keyClick(title, Qt.Key.Key_Z, CTRL)
    assert title.text() == "One" and _stored(win)["fields"]["title"] == "One"
    qtbot.keyClick(title, Qt.Key.Key_Z, CTRL)  # the box has nothing more: the saved edit
    assert _stored(win)["provenance"]["title"] == "machine"
    assert title.text() == machine == _stored(win)["fields"]["title"]


def test_a_list_box_s_own_undo_starts_at_what_is_saved(  # type: ignore[no-untyped-def]
        win: ReviewWindow, qtbot) -> None:
    box = win.fields.editors["skills"].editor
    assert isinstance(box, QPlainTextEdit)
    win.fields.editors["skills"].focus()  # a list field opens when it takes the focus
    box.selectAll()
    qtbot.keyClicks(box, "Rust")
    win.focus_document()
    assert _stored(win)["fields"]["skills"] == ["Rust"]
    win.fields.editors["skills"].focus()
    box.moveCursor(box.textCursor().MoveOperation.End)
    qtbot.keyClicks(box, "y")
    qtbot.keyClick(box, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert box.toPlainText() == "Rust" and not box.document().isUndoAvailable()


def test_a_salary_in_a_currency_the_lists_lack_takes_an_edit_of_its_figures(  # type: ignore[no-untyped-def]
        win: ReviewWindow, qtbot) -> None:
    """A salary stored in HRK (a code no list of this version holds): every edit of its
    figures was refused, its currency "not a currency"."""
    win.flow.set_field("salary", {"min": 8000, "max": 10000, "currency": "HRK",
                                  "period": "month"})
    editor = win.fields.editors["salary"]
    _type(win, qtbot, editor.salary_max, "12000")
    assert _stored(win)["fields"]["salary"] == {"min": 8000, "max": 12000, "currency": "HRK",
                                                "period": "month"}
