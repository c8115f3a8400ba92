"""Every entry of the window's menus is picked by a letter of its own once its menu is
open (Alt+F, then O: Open a project), as the document's menu always was: a reviewer who
never takes the mouse reaches every command, the list's columns among them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMenu

from reviewer.core.labels import Option, Question
from reviewer.core.store import Store
from reviewer.gui import preferences
from reviewer.gui.actions import unmarked
from reviewer.gui.plain import access_letter, with_accelerators
from reviewer.gui.queue_model import COLUMNS, COMPANY
from reviewer.gui.window import ReviewWindow


def _letters(menu: QMenu, skip: set[int]) -> None:
    """Each entry of ``menu`` and its submenus (filled as when opened) has one access
    key, none twice in a menu; ``skip``: the label schema's entries (shown with their
    own keys; their names are the project's, shown as written)."""
    menu.aboutToShow.emit()
    letters = []
    for action in menu.actions():
        if action.isSeparator() or id(action) in skip or not action.isEnabled():
            continue
        mnemonic = QKeySequence.mnemonic(action.text())
        assert not mnemonic.isEmpty(), f"{action.text()!r} has no access key"
        letters.append(mnemonic.toString().casefold())
        if action.menu() is not None:
            _letters(action.menu(), skip)
    assert len(letters) == len(set(letters)), [a.text() for a in menu.actions()]


def test_every_menu_entry_has_an_access_key_of_its_own(project: Path, open_window,  # type: ignore[no-untyped-def]
                                                      tmp_path: Path) -> None:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    for name in ("a & b.db", "second.db"):
        (tmp_path / name).touch()
        preferences.remember_project(settings, tmp_path / name)
    win: ReviewWindow = open_window(project, settings)
    for menu_action in win.menuBar().actions():  # (the label options' entries too)
        assert not QKeySequence.mnemonic(menu_action.text()).isEmpty()
        _letters(menu_action.menu(), set())
    recent = [a.text() for a in win.action_table.recent_menu.actions()]
    assert recent[:2] == ["&1 second.db", "&2 a && b.db"]  # (a name's "&" as it is)


def test_the_help_and_the_shortcut_editor_name_the_entries_as_they_read(
        project: Path, open_window) -> None:  # type: ignore[no-untyped-def]
    win: ReviewWindow = open_window(project)
    win.show_help()
    text = win.help_box.text()
    win.help_box.close()
    assert "Open a project…" in text and "Searc&amp;h" not in text and "Search" in text
    assert "Open the menu, pick the entry" in text  # (the way to them is said)
    rows, _reserved = win.action_table.shortcut_rows()
    assert ("open_project", "Open a project…") in [row[:2] for row in rows]
    assert not [row for row in rows if "&" in row[1]]


def test_the_list_s_columns_are_chosen_in_the_view_menu(project: Path, open_window) -> None:  # type: ignore[no-untyped-def]
    win: ReviewWindow = open_window(project)
    view = win.action_table.view_menu
    columns = next(a.menu() for a in view.actions() if unmarked(a.text()) == "List columns")
    columns.aboutToShow.emit()
    shown = [a for a in columns.actions() if a.isCheckable()]
    assert [unmarked(a.text()) for a in shown] == list(COLUMNS)
    shown[COMPANY].trigger()
    assert win.queue_pane.view.isColumnHidden(COMPANY)
    columns.aboutToShow.emit()  # opened again: as the list is now, no entry twice
    shown = [a for a in columns.actions() if a.isCheckable()]
    assert len(shown) == len(COLUMNS) and not shown[COMPANY].isChecked()
    shown[COMPANY].trigger()
    assert not win.queue_pane.view.isColumnHidden(COMPANY)


def test_undo_names_a_label_with_an_ampersand_as_it_is(project: Path, open_window) -> None:  # type: ignore[no-untyped-def]
    with Store(project) as store:
        store.labels.save_schema([Question("R&D team", "single", [Option("yes")])])
    win: ReviewWindow = open_window(project)
    win.labels.toggle(win.schema[0], "yes")
    undo = next(a for a in win.menuBar().actions() if unmarked(a.text()) == "Edit").menu()
    entry = undo.actions()[0]
    assert unmarked(entry.text()).startswith("Undo") and "R&D" in unmarked(entry.text())
    assert QKeySequence.mnemonic(entry.text()).toString() == "Alt+U"


def test_names_with_access_keys_read_as_written_where_they_are_quoted(  # type: ignore[no-untyped-def]
        project: Path, open_window, qtbot) -> None:
    """The schema dialog named a clashing key's action "Searc&h"; an undo refused named
    a question "r&&d team" (the undo entry's escaping, and the rest put in lower case)."""
    with Store(project) as store:
        store.labels.save_schema([Question("R&D team", "single", [Option("yes"),
                                                                  Option("no")])])
    win: ReviewWindow = open_window(project)
    taken = win.action_table.taken_keys()
    assert taken["Ctrl+F"] == "Search" and not [t for t in taken.values() if "&&" in t]
    win.labels.toggle(win.schema[0], "yes")
    with Store(project) as other:  # another process answers it meanwhile
        other.labels.answer(win.pid, "R&D team", ["no"])  # type: ignore[arg-type]
    win.undo_stack.undo()
    said = win.statusBar().currentMessage()
    assert "R&D team" in said and "&&" not in said, said


def test_label_options_take_letters_of_their_names_while_the_menu_has_letters(
        project: Path, open_window) -> None:  # type: ignore[no-untyped-def]
    """The Labels menu's option entries had their keys (Alt+1 …) but no access letter:
    picked from the open menu by arrows alone. Past the letters and digits a menu has,
    an entry has none; none is given twice, nor an "&" of a name taken for one."""
    with Store(project) as store:
        store.labels.save_schema([Question("r&d", "multi", [Option("R&D"), Option("ops")]),
                                  Question("code", "multi",
                                           [Option(f"c{i}") for i in range(40)])])
    win: ReviewWindow = open_window(project)
    menu = win.action_table.labels_menu
    entries = {unmarked(a.text()): a.text() for a in menu.actions() if not a.isSeparator()}
    assert entries["r&d: R&D"] == "r&&d: R&&&D"  # (R is Reject's)
    assert entries["r&d: ops"] == "r&&d: &ops"
    skip = {id(a) for a in win.action_table.label_actions if "&" not in a.text().replace(
        "&&", "")}
    assert len(skip) == 40 - 11  # ("c0" … "c39" have 11 characters: "c" and the digits)
    _letters(menu, skip)


def test_a_text_whose_letters_are_taken_gets_one_an_earlier_text_can_spare() -> None:
    """Given in order, "TOOL" found t, o and l taken by "other", "operations" and
    "people" and had none, though each of them had letters to spare."""
    texts = ["operations", "people", "other", "TOOL"]
    marked = with_accelerators(texts, taken=["e"])
    letters = [access_letter(text) for text in marked]
    assert None not in letters and len({x.casefold() for x in letters if x}) == 4
    assert [unmarked(text) for text in marked] == texts and "e" not in letters
    assert with_accelerators(["a&b", "b"], taken="a") == ["a&&&b", "b"]  # none left
