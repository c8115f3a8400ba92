"""The label schema dialog refuses what would break the window or another's work: keys
that type or move in it, keys it cannot read, and a schema saved elsewhere since it
opened."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialogButtonBox

from reviewer.core.label_checks import check_given
from reviewer.core.labels import Option, Question
from reviewer.core.store import Store
from reviewer.gui.window import ReviewWindow


def _dialog_with_key(win: ReviewWindow, key: str):  # type: ignore[no-untyped-def]
    win.edit_schema()
    dialog = win.schema_dialog
    dialog.list.setCurrentRow(0)  # "relevant"
    dialog.table.item(0, 2).setText(key)  # the key of its first option
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    return dialog


@pytest.mark.parametrize("key", ["Tab", "Shift+Tab", "Return", "Up", "Space", "Backspace", "A",
                                 "X", "1", "Shift+B", "Delete", "Ctrl+C", "Ctrl+A", "Ctrl+V"])
def test_a_key_that_types_moves_or_edits_is_refused(project: Path, open_window, key: str,
                                                     ) -> None:  # type: ignore[no-untyped-def]
    win = open_window(project)
    dialog = _dialog_with_key(win, key)
    assert not dialog.result()
    assert QKeySequence(key).toString() in dialog.problem.text()  # (as Qt writes it: "Del")
    with Store(project) as store:
        assert all(o.key != key for q in store.labels.schema() for o in q.options)
    dialog.reject()


@pytest.mark.parametrize("key", ["Ctrl+Foo", "Hyper+1"])
def test_a_key_the_dialog_cannot_read_is_said_not_replaced(project: Path, open_window,
                                                            key: str) -> None:  # type: ignore[no-untyped-def]
    win = open_window(project)
    with Store(project) as store:
        before = store.labels.schema()
    dialog = _dialog_with_key(win, key)
    assert not dialog.result()
    assert key in dialog.problem.text()
    with Store(project) as store:
        assert store.labels.schema() == before
    dialog.reject()


@pytest.mark.parametrize("key", ["Alt+Shift+5", "Ctrl+L, 7", "F7", "Ctrl+Shift+K"])
def test_keys_with_a_modifier_or_a_function_key_are_taken(key: str) -> None:
    check_given([Question("relevant", "single", [Option("yes", "", key), Option("no")])])


_ELSEWHERE = """
import sys
from reviewer.core.labels import Option, Question
from reviewer.core.store import Store
with Store(sys.argv[1]) as store:
    schema = store.labels.schema()
    schema.append(Question("urgent", "single", [Option("hot"), Option("cold")]))
    store.labels.save_schema(schema)
"""


def test_a_schema_saved_elsewhere_since_the_dialog_opened_is_not_overwritten(
        project: Path, open_window) -> None:  # type: ignore[no-untyped-def]
    win = open_window(project)
    win.edit_schema()
    dialog = win.schema_dialog
    subprocess.run([sys.executable, "-c", _ELSEWHERE, str(project)], check=True)
    dialog.list.setCurrentRow(0)
    dialog.table.item(1, 1).setText("#123456")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert not dialog.result()
    assert "changed" in dialog.problem.text() and "since" in dialog.problem.text()
    with Store(project) as store:
        names = [q.name for q in store.labels.schema()]
        colours = [o.color for q in store.labels.schema() for o in q.options]
    assert "urgent" in names and "#123456" not in colours
    assert "saved" not in win.statusBar().currentMessage().lower()
    dialog.reject()


def test_the_question_buttons_have_names_a_screen_reader_says(project: Path,
                                                              open_window) -> None:  # type: ignore[no-untyped-def]
    """↑ and ↓ were read out as "up arrow" and "down arrow": moving what, where?"""
    from PySide6.QtWidgets import QPushButton

    win = open_window(project)
    win.edit_schema()
    named = {b.text(): b.accessibleName() for b in win.schema_dialog.findChildren(QPushButton)}
    assert named["↑"] == "Move the question up" and named["↓"] == "Move the question down"
    win.schema_dialog.reject()


def test_esc_with_edits_not_saved_says_so_before_it_drops_them(project: Path,
                                                               open_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Esc in the schema dialog dropped every edit made in it, without a word."""
    from PySide6.QtCore import Qt

    win = open_window(project)
    win.edit_schema()
    dialog = win.schema_dialog
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # nothing edited: it closes
    assert not dialog.isVisible()
    win.edit_schema()
    dialog = win.schema_dialog
    dialog.list.setCurrentRow(0)
    dialog.name.setText("is it relevant")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible() and "not saved" in dialog.problem.text()
    assert dialog.edited()[0].name == "is it relevant"  # the edit is still there
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # again: dropped
    assert not dialog.isVisible()
    with Store(project) as store:
        assert store.labels.schema()[0].name != "is it relevant"


def test_options_left_without_a_key_are_said_before_the_save(project: Path, open_window,
                                                             ) -> None:  # type: ignore[no-untyped-def]
    """Options past the keys there are (236 of a kind) were saved with none, unsaid (the
    import says it): the dialog says how many and where they are picked, then saves."""
    win = open_window(project)
    win.edit_schema()
    dialog = win.schema_dialog
    dialog.list.setCurrentRow(0)  # "relevant"
    for _ in range(240):
        dialog._add_option()
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    save.click()
    assert not dialog.result()
    said = dialog.problem.text()
    assert "options have no key (the keys ran out)" in said and "Labels menu" in said
    assert "Press Save again" in said
    with Store(project) as store:
        assert len(store.labels.schema()[0].options) == 2
    save.click()
    assert dialog.result()
    with Store(project) as store:
        options = store.labels.schema()[0].options
    assert len(options) == 242
    assert f"{sum(not o.key for o in options):,} options have no key" in said
