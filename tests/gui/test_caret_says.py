"""What the mouse learns by hovering, the keys learn too: the caret moved onto removed
text says why it was removed, onto a highlight what it is; a field reached by the keys
says its state and, where a person changed it, what the machine read."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from reviewer.gui.document_view import DocumentView
from reviewer.gui.fields_panel import KEYS
from reviewer.gui.window import ReviewWindow


def _enter(win: ReviewWindow, qtbot, wanted) -> None:  # type: ignore[no-untyped-def]
    """The caret moved by the Left key onto the first place whose tooltip is ``wanted``
    from the place after it, of another tooltip."""
    tip = win.document._tip_at
    at = next(p for p in range(win.document.document().characterCount() - 2)
              if wanted(tip(p)) and tip(p) != tip(p + 1))
    cursor = win.document.textCursor()
    cursor.setPosition(at + 1)
    win.document.setTextCursor(cursor)
    qtbot.keyClick(win.document, Qt.Key.Key_Left)
    assert win.document.textCursor().position() == at


def test_the_caret_on_removed_text_says_why_it_was_removed(project: Path, open_window,  # type: ignore[no-untyped-def]
                                                           qtbot) -> None:
    win: ReviewWindow = open_window(project)
    win.view_choice.setCurrentIndex(win.view_choice.findData("removed"))
    win.document.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is win.document)
    _enter(win, qtbot, lambda tip: tip.startswith("Removed"))
    said = win.statusBar().currentMessage()
    assert said.startswith("Removed"), said
    _enter(win, qtbot, lambda tip: not tip)
    assert win.statusBar().currentMessage() == ""


def test_the_caret_on_a_highlight_names_its_field(project: Path, open_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    win: ReviewWindow = open_window(project)
    win.document.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is win.document)
    _enter(win, qtbot, lambda tip: "Title" in tip)
    assert "Title" in win.statusBar().currentMessage()


def test_a_corrected_field_reached_by_its_key_says_what_the_machine_read(  # type: ignore[no-untyped-def]
        project: Path, open_window, qtbot) -> None:
    win: ReviewWindow = open_window(project)
    machine = win.store.records.get(win.pid)["machine"]["company"]["value"]  # type: ignore[arg-type]
    win.flow.set_field("company", "Someone Else Ltd")
    win.document.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is win.document)
    qtbot.keyClick(win.document, getattr(Qt.Key, f"Key_{KEYS['company']}"),
                   Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: win.fields.editors["company"].isAncestorOf(
        QApplication.focusWidget()))
    said = win.statusBar().currentMessage()
    assert said.startswith("Company: corrected") and f"The machine read: {machine}" in said


def test_a_field_reached_by_tab_says_its_state_and_one_focused_by_the_window_does_not(  # type: ignore[no-untyped-def]
        project: Path, open_window, qtbot) -> None:
    win: ReviewWindow = open_window(project)
    win.statusBar().showMessage("what the window said")
    title = win.fields.editors["title"]
    title.editor.setFocus(Qt.FocusReason.OtherFocusReason)  # (as the window moves it)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is title.editor)
    assert win.statusBar().currentMessage() == "what the window said"
    qtbot.keyClick(title.editor, Qt.Key.Key_Tab)
    focused = QApplication.focusWidget()
    name = next(n for n, e in win.fields.editors.items() if e.isAncestorOf(focused))
    assert win.statusBar().currentMessage().startswith(win.fields.editors[name].spec.label)


def test_the_caret_clears_only_its_own_words_and_they_go_with_the_text(  # type: ignore[no-untyped-def]
        project: Path, open_window, qtbot) -> None:
    """Moving off a highlight wiped whatever the status bar said (a warning that typing
    was not saved); the words of a highlight stayed over another view or posting."""
    win: ReviewWindow = open_window(project)
    win.document.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is win.document)
    _enter(win, qtbot, lambda tip: "Title" in tip)
    win.statusBar().showMessage("Posting 1 left with text typed not saved")
    _enter(win, qtbot, lambda tip: not tip)
    assert win.statusBar().currentMessage() == "Posting 1 left with text typed not saved"
    _enter(win, qtbot, lambda tip: "Title" in tip)
    assert "Title" in win.statusBar().currentMessage()
    win.view_choice.setCurrentIndex(win.view_choice.findData("raw"))
    assert win.statusBar().currentMessage() == ""


def test_the_end_of_a_line_is_not_the_next_line_s_text(qtbot) -> None:  # type: ignore[no-untyped-def]
    view = DocumentView()
    qtbot.addWidget(view)
    said: list[str] = []
    view.message.connect(lambda text, _ms: said.append(text))
    view.show()
    view.show_removed("plain line\nremoved line\nmore plain", [(11, 23, "navigation")])
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    said.clear()
    qtbot.keyClick(view, Qt.Key.Key_End)  # before the break of a plain line
    assert view.textCursor().position() == 10 and said == []
    qtbot.keyClick(view, Qt.Key.Key_Right)  # onto the removed line
    assert said == ["Removed: navigation"]


def test_a_list_field_clicked_says_nothing_and_an_unsaved_one_says_so(  # type: ignore[no-untyped-def]
        project: Path, open_window, qtbot) -> None:
    win: ReviewWindow = open_window(project)
    win.statusBar().showMessage("what the window said")
    skills = win.fields.editors["skills"]
    assert skills.summary is not None
    win.fields.ensureWidgetVisible(skills)
    qtbot.mouseClick(skills.summary, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is skills.editor)
    assert win.statusBar().currentMessage() == "what the window said"
    date = win.fields.editors["date_posted"]
    date.editor.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is date.editor)
    date.editor.selectAll()
    qtbot.keyClicks(date.editor, "not a date at all")
    qtbot.keyClick(date.editor, Qt.Key.Key_Tab)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Backtab,
                   Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is date.editor)
    assert "not saved" in win.statusBar().currentMessage()


def test_tab_between_the_boxes_of_one_field_says_its_words_once(  # type: ignore[no-untyped-def]
        project: Path, open_window, qtbot) -> None:
    """The salary's three boxes each said "Salary: …" again, Tab after Tab; its words are
    said on coming to it, and again when it is left and come back to."""
    win: ReviewWindow = open_window(project)
    salary = win.fields.editors["salary"]
    qtbot.keyClick(win, KEYS["salary"], Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is salary.salary_min)
    assert win.statusBar().currentMessage().startswith("Salary")
    win.statusBar().showMessage("what was said before")
    qtbot.keyClick(salary.salary_min, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is salary.salary_max
    qtbot.keyClick(salary.salary_max, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is salary.salary_currency
    assert win.statusBar().currentMessage() == "what was said before"
    win.focus_document()
    qtbot.keyClick(win, KEYS["salary"], Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is salary.salary_min)
    assert win.statusBar().currentMessage().startswith("Salary")


def test_a_field_s_words_are_taken_back_once_they_are_not_its_state(  # type: ignore[no-untyped-def]
        project: Path, open_window, qtbot) -> None:
    """"Title: suggested by the machine, confidence 0.80" stayed in the status bar after
    the title was corrected (or its edit refused) while the focus was in it; another
    part's words said since stay."""
    win: ReviewWindow = open_window(project)
    title = win.fields.editors["title"]
    qtbot.keyClick(win, KEYS["title"], Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is title.editor)
    assert win.statusBar().currentMessage().startswith("Title: suggested")
    title.editor.selectAll()
    qtbot.keyClicks(title.editor, "Mine")
    qtbot.keyClick(title.editor, Qt.Key.Key_Return)
    assert win.store.records.get(win.pid)["fields"]["title"] == "Mine"  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: not win.statusBar().currentMessage().startswith("Title: sugg"))
    qtbot.keyClick(win, KEYS["company"], Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: win.statusBar().currentMessage().startswith("Company"))
    win.statusBar().showMessage("another part's words")
    win.flow.set_field("company", "Other Co")
    qtbot.wait(20)
    assert win.statusBar().currentMessage() == "another part's words"
