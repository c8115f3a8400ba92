"""Shortcuts: from the one action table, remapped in a dialog, kept in the settings."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QKeySequence, QPalette
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from reviewer.gui.actions import ACTIONS
from reviewer.gui.window import ReviewWindow


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def win(project: Path, settings: QSettings, open_window) -> ReviewWindow:  # type: ignore[no-untyped-def]
    return open_window(project, settings)  # type: ignore[no-any-return]


def test_every_action_has_its_default(win: ReviewWindow) -> None:
    for key, _text, default, _method, _menu in ACTIONS:
        assert win.action_table.shortcut(key) == QKeySequence(default).toString()
    defaults = [d for _k, _t, d, _m, _menu in ACTIONS if d]
    assert len(defaults) == len(set(defaults))


def test_a_remapped_key_works_is_listed_and_is_kept(win: ReviewWindow, settings: QSettings,
                                                    open_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    win.action_table.edit_shortcuts()
    dialog = win.action_table.shortcut_dialog
    dialog.editors["skip"].setKeySequence(QKeySequence("Ctrl+K"))
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert win.action_table.shortcut("skip") == "Ctrl+K"
    first = win.pid
    win.queue.setFocus()
    qtbot.keyClick(win.queue, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert win.store.records.get(first)["status"] == "skipped"  # type: ignore[arg-type]
    win.show_help()
    assert "Ctrl+K" in win.help_box.text() and "Ctrl+Shift+S" not in win.help_box.text()
    win.help_box.close()
    win.close()
    again = open_window(win.store.path, settings)
    assert again.action_table.shortcut("skip") == "Ctrl+K"


def test_a_key_given_twice_cannot_be_saved(win: ReviewWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    win.action_table.edit_shortcuts()
    dialog = win.action_table.shortcut_dialog
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    dialog.editors["flag"].setKeySequence(QKeySequence("Ctrl+F"))
    assert not ok.isEnabled() and "Ctrl+F is given to more than one action" in \
        dialog.problem.text()
    dialog.buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults).click()
    assert ok.isEnabled() and dialog.overrides() == {}
    dialog.reject()
    assert win.action_table.shortcut("flag") == "Ctrl+Shift+F"


def test_the_keys_given_twice_are_marked_and_said_once_with_one_stop(win: ReviewWindow) -> None:  # type: ignore[no-untyped-def]
    """Only a line said it ("… New project…."); which rows clashed was not shown."""
    win.action_table.edit_shortcuts()
    dialog = win.action_table.shortcut_dialog
    new_project = next(key for key, text in dialog.texts.items() if text.endswith("…"))
    dialog.editors["flag"].setKeySequence(dialog.editors[new_project].keySequence())
    said = dialog.problem.text()
    assert "…." not in said and said.endswith(("…", "."))
    marked = {key for key, editor in dialog.editors.items() if editor.property("problem")}
    assert marked == {"flag", new_project}
    dialog.buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults).click()
    assert not any(editor.property("problem") for editor in dialog.editors.values())
    dialog.reject()


def test_question_mark_opens_the_help_but_types_in_a_field(win: ReviewWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    win.queue_pane.search_box.setFocus()
    qtbot.keyClick(win.queue_pane.search_box, "?")
    assert win.queue_pane.search_box.text() == "?" and not hasattr(win, "help_box")
    win.queue.setFocus()
    qtbot.keyClick(win.queue, "?")
    assert win.help_box.isVisible()
    win.help_box.close()


def test_escape_goes_back_to_the_document(win: ReviewWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    title = win.fields.editors["title"].editor
    title.setFocus()
    qtbot.keyClick(title, Qt.Key.Key_Escape)
    assert win.document.hasFocus()


def test_the_dark_colours_reach_every_pane_and_are_kept(win: ReviewWindow, settings: QSettings,
                                                        qtbot) -> None:  # type: ignore[no-untyped-def]
    dark = next(a for a in win.action_table.theme_actions.actions() if a.data() == "dark")
    try:
        dark.trigger()
        qtbot.waitUntil(lambda: win.document.dark)
        for pane in (win.queue, win.fields, win.queue_pane.search_box):
            assert pane.palette().color(QPalette.ColorRole.Base).lightness() < 128
        assert settings.value("theme") == "dark"
    finally:
        win.action_table.set_theme("light")
    qtbot.waitUntil(lambda: not win.document.dark)


def test_keys_taken_outside_the_table_are_refused(win: ReviewWindow) -> None:
    win.action_table.edit_shortcuts()
    dialog = win.action_table.shortcut_dialog
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    for key, taken_by in (("?", "Keyboard shortcuts"), ("Ctrl+Z", "Undo")):
        dialog.editors["flag"].setKeySequence(QKeySequence(key))
        assert not ok.isEnabled() and taken_by in dialog.problem.text()
    dialog.reject()


def test_the_keys_of_single_key_mode_are_refused(win: ReviewWindow) -> None:
    """Skip given the key A: with single-key mode on, A in the document skipped the
    posting instead of accepting it."""
    win.action_table.edit_shortcuts()
    dialog = win.action_table.shortcut_dialog
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    for key, does in (("A", "accept all"), ("X", "reject"), ("Space", "skip"),
                      ("Backspace", "undo"), ("3", "document options")):
        dialog.editors["skip"].setKeySequence(QKeySequence(key))
        assert not ok.isEnabled() and "Single-key mode" in dialog.problem.text(), key
        assert does in dialog.problem.text()
    dialog.reject()


def test_a_key_that_types_or_edits_in_a_text_box_is_refused(win: ReviewWindow) -> None:
    """Enter pressed to confirm F6 became Skip's key, and OK took it: Enter that ends a
    title then skipped the posting; Ctrl+A as Flag flagged it where it selects all.
    A key an action has by default (Esc: back to the document) is kept."""
    win.action_table.edit_shortcuts()
    dialog = win.action_table.shortcut_dialog
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    for key in ("Return", "Enter", "Tab", "Ctrl+A", "Ctrl+C", "Ctrl+V", "Shift+Left",
                "Home"):
        dialog.editors["skip"].setKeySequence(QKeySequence(key))
        assert not ok.isEnabled() and "text box" in dialog.problem.text(), key
    for key in ("F6", "Ctrl+Shift+S", "Alt+Shift+K"):
        dialog.editors["skip"].setKeySequence(QKeySequence(key))
        assert ok.isEnabled(), key
    assert dialog.sequences()["to_document"] == "Esc"
    dialog.reject()


def test_the_keypad_s_keys_and_the_keypad_twin_of_a_key_are_refused_as_the_others(
        win: ReviewWindow) -> None:
    """Keypad Enter, 5 or + alone got past the check (their names were not read), and
    Ctrl+Enter, which Accept answers to beside Ctrl+Return, could go to another action.
    Swapping two actions' own keys (Ctrl+Left, Ctrl+Right) is theirs to do."""
    win.action_table.edit_shortcuts()
    dialog = win.action_table.shortcut_dialog
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    for key in ("Num+Enter", "Num+5", "Num++"):
        dialog.editors["skip"].setKeySequence(QKeySequence(key))
        assert not ok.isEnabled(), key
    dialog.editors["skip"].setKeySequence(QKeySequence("Ctrl+Enter"))
    assert not ok.isEnabled() and "Accept" in dialog.problem.text()
    dialog.editors["skip"].setKeySequence(QKeySequence("Ctrl+Shift+S"))
    dialog.editors["next"].setKeySequence(QKeySequence("Ctrl+Left"))
    dialog.editors["previous"].setKeySequence(QKeySequence("Ctrl+Right"))
    assert ok.isEnabled(), dialog.problem.text()
    dialog.reject()


def test_a_typing_key_kept_from_before_is_not_given_to_its_action(
        project: Path, open_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Return saved as Skip's key before the editor refused it: Enter that ends a typed
    title skipped the posting."""
    from PySide6.QtCore import QSettings

    from reviewer.gui import preferences

    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    preferences.save_shortcut_overrides(settings, {"skip": "Return"})
    win = open_window(project, settings)
    assert win.action_table.shortcut("skip") == "Ctrl+Shift+S"
    win.close()
    # its default given to another action meanwhile: no key, not one key for two
    preferences.save_shortcut_overrides(settings, {"skip": "Return", "flag": "Ctrl+Shift+S"})
    win = open_window(project, settings)
    assert (win.action_table.shortcut("skip"), win.action_table.shortcut("flag")) == (
        "", "Ctrl+Shift+S")


def test_the_shortcut_editor_fits_a_laptop_screen(win: ReviewWindow) -> None:
    """Its rows scroll: it was 924 px high at least (1,089 with a 12 pt font), its last
    rows and its OK button below a 768-pixel screen."""
    win.action_table.edit_shortcuts()
    dialog = win.action_table.shortcut_dialog
    assert dialog.minimumSizeHint().height() < 400
    assert dialog.height() <= (dialog.screen().availableGeometry().height() * 0.9)
    dialog.reject()


def test_escape_keeps_what_was_typed(win: ReviewWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    title = win.fields.editors["title"].editor
    title.setFocus()
    title.setText("typed before Esc")
    qtbot.keyClick(title, Qt.Key.Key_Escape)
    assert win.store.records.get(win.pid)["fields"]["title"] == "typed before Esc"  # type: ignore[arg-type]
    assert title.text() == "typed before Esc" and win.undo_stack.count() == 1
    assert win.document.hasFocus()


def test_the_help_scrolls_and_fits_the_screen(win: ReviewWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    win.show_help()
    box = win.help_box
    qtbot.waitExposed(box)
    screen = win.screen().availableGeometry()
    assert box.height() <= screen.height() and box.width() <= screen.width()
    browser = box.browser  # type: ignore[attr-defined]
    assert box.windowTitle() == "Keyboard shortcuts" and "Ctrl+F" in browser.toPlainText()
    box.resize(box.width(), 200)  # a small screen: the list scrolls rather than being cut
    qtbot.waitUntil(lambda: browser.verticalScrollBar().maximum() > 0)
    box.close()


def test_a_shortcut_is_cleared_with_the_keyboard(win: ReviewWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    """A key pressed in the editor is taken as the new key (Backspace, Delete too) and
    its clear button takes a click: no shortcut could be cleared by keyboard alone."""
    from PySide6.QtWidgets import QPushButton

    win.action_table.edit_shortcuts()
    dialog = win.action_table.shortcut_dialog
    editor = dialog.editors["skip"]
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)  # taken as the key, as Qt's editor does
    buttons = {b.accessibleName(): b for b in dialog.findChildren(QPushButton)}
    none = buttons[f"{dialog.texts['skip']}: no shortcut"]
    assert none.focusPolicy() & Qt.FocusPolicy.TabFocus
    none.setFocus()
    qtbot.keyClick(none, Qt.Key.Key_Space)
    assert editor.keySequence().isEmpty()
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert win.action_table.shortcut("skip") == ""


def test_escape_in_a_key_box_closes_the_editor_and_is_no_key(win: ReviewWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Esc in a key box was taken as the action's key (clashing with "Back to the
    document"), and the dialog could not be closed with it. It cancels, as in any
    dialog: the keys stay as they were."""
    win.action_table.edit_shortcuts()
    dialog = win.action_table.shortcut_dialog
    qtbot.waitExposed(dialog)
    editor = dialog.editors["skip"]
    before = editor.keySequence().toString()
    dialog.activateWindow()
    editor.setFocus()
    qtbot.waitUntil(editor.hasFocus)
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert editor.keySequence().toString() == before
    assert not dialog.isVisible() and dialog.result() == QDialog.DialogCode.Rejected
    assert win.action_table.shortcut("skip") == before


def _key_box(win: ReviewWindow, qtbot, action: str):  # type: ignore[no-untyped-def]
    """The shortcut editor open, the focus in ``action``'s key box."""
    win.action_table.edit_shortcuts()
    dialog = win.action_table.shortcut_dialog
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    editor = dialog.editors[action]
    editor.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(editor.hasFocus)
    return dialog, editor


def test_shift_tab_in_a_key_box_goes_back_and_is_no_key(win: ReviewWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Shift+Tab was taken as the action's key ("Shift+Backtab", OK greyed), again at
    each press: the focus could never go back. It goes back as Tab goes on."""
    from PySide6.QtWidgets import QApplication

    dialog, editor = _key_box(win, qtbot, "previous")
    qtbot.keyClick(editor, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert editor.keySequence().toString() == "Ctrl+Left"
    assert not editor.hasFocus() and dialog.isAncestorOf(QApplication.focusWidget())
    assert dialog.problem.text() == ""
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert editor.hasFocus()
    qtbot.keyClick(editor, Qt.Key.Key_Tab)  # (on, as before)
    assert not editor.hasFocus() and editor.keySequence().toString() == "Ctrl+Left"


@pytest.mark.parametrize("enter", [(Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier),
                                   (Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)])
def test_enter_in_a_key_box_confirms_the_dialog_and_is_no_key(  # type: ignore[no-untyped-def]
        win: ReviewWindow, qtbot, enter: tuple[Qt.Key, Qt.KeyboardModifier]) -> None:
    """Ctrl+J recorded, then Enter: "Return" replaced Ctrl+J and OK greyed. Enter
    confirms, as OK does; while OK cannot be pressed it does nothing."""
    dialog, editor = _key_box(win, qtbot, "next")
    qtbot.keyClick(editor, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)  # (Search's)
    qtbot.keyClick(editor, *enter)
    assert dialog.isVisible() and editor.keySequence().toString() == "Ctrl+F"
    qtbot.keyClick(editor, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
    assert editor.keySequence().toString() == "Ctrl+J"
    qtbot.keyClick(editor, *enter)
    assert not dialog.isVisible() and dialog.result() == QDialog.DialogCode.Accepted
    assert win.action_table.shortcut("next") == "Ctrl+J"


def test_a_modifier_pressed_alone_keeps_the_key(win: ReviewWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Ctrl pressed and let go with no other key emptied the box: OK saved no key."""
    _dialog, editor = _key_box(win, qtbot, "skip")
    for modifier in (Qt.Key.Key_Control, Qt.Key.Key_Shift, Qt.Key.Key_Alt):
        qtbot.keyPress(editor, modifier)
        qtbot.keyRelease(editor, modifier)
        assert editor.keySequence().toString() == "Ctrl+Shift+S"
