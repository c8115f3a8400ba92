"""A reviewer who never touches the mouse: every table lets Tab go on, the Menu key opens
the menu of the posting shown, and every box a reviewer types in has a name a screen
reader says."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAccessible, QContextMenuEvent
from PySide6.QtWidgets import QApplication, QMenu

S = Qt.KeyboardModifier.ShiftModifier


def _press(qtbot: Any, key: Qt.Key, mods: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
           ) -> None:
    qtbot.keyClick(QApplication.focusWidget(), key, mods)


def _focus(qtbot: Any, dialog: Any, widget: Any) -> None:
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    widget.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget)


def _menu_key(win: Any, qtbot: Any) -> list[str]:
    """The Menu key as X11 delivers it: a keyboard context-menu event to the window, which
    Qt gives the focus widget; the texts of the menu it opened."""
    QApplication.sendEvent(win.windowHandle(), QContextMenuEvent(
        QContextMenuEvent.Reason.Keyboard, QPoint(0, 0), QPoint(0, 0)))
    qtbot.wait(50)
    menus = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMenu) and w.isVisible()]
    texts = [a.text() for m in menus for a in m.actions()]
    for menu in menus:
        menu.close()
    return texts


def test_tab_leaves_the_schema_editor_s_table(project: Path, open_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Tab and Shift+Tab went from cell to cell of the options table for ever: Add option,
    Remove option and Save could not be reached."""
    win = open_window(project)
    win.edit_schema()
    dialog = win.schema_dialog
    _focus(qtbot, dialog, dialog.table)
    _press(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not dialog.table
    _focus(qtbot, dialog, dialog.table)
    _press(qtbot, Qt.Key.Key_Backtab, S)
    assert QApplication.focusWidget() is not dialog.table
    dialog.reject()


def test_tab_leaves_the_import_preview_s_table(project: Path, open_window, qtbot,  # type: ignore[no-untyped-def]
                                               tmp_path: Path) -> None:
    win = open_window(project)
    data = tmp_path / "jobs.csv"
    with data.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["title", "company", "description"])
        writer.writerow(["Dev", "Acme", "We hire a developer in Berlin. " * 5])
    win.long_work.import_files([data])
    dialog = win.long_work.import_dialog
    _focus(qtbot, dialog, dialog.table)
    _press(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not dialog.table
    dialog.reject()


def test_the_menu_key_in_the_list_opens_the_menu_of_the_posting_shown(  # type: ignore[no-untyped-def]
        project: Path, open_window, qtbot) -> None:
    """The row was looked up 18 px (the header) too low: row 0's menu offered row 1's
    company, and the last row had none."""
    win = open_window(project)
    for row in (0, win.model.rowCount() - 1):
        win.queue_pane.select_row(row)
        win.queue.setFocus()
        qtbot.waitUntil(win.queue.hasFocus)
        texts = _menu_key(win, qtbot)
        company = win.model.company_at(row)
        assert texts, row
        if company:
            assert any(company in text for text in texts), (row, texts)


def test_the_boxes_a_reviewer_types_in_have_names(project: Path, open_window) -> None:  # type: ignore[no-untyped-def]
    """A screen reader said "edit, Lumenfield Analytics" with no field's name."""
    win = open_window(project)

    def name(widget: Any) -> str:
        return str(QAccessible.queryAccessibleInterface(widget).text(QAccessible.Text.Name))

    for field, editor in win.fields.editors.items():
        box = editor.salary_min if field == "salary" else (editor.summary or editor.editor)
        assert name(box), field
    assert name(win.labels.comment) and name(win.queue) and name(win.document)


def test_a_span_is_relabelled_from_the_keyboard(project: Path, open_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """The span menu (relabel, delete, accept or reject) opened on a click only: the
    Menu key on a span offered Copy, Select All, Put into field and Label as."""
    win = open_window(project)
    doc = win.document
    _focus(qtbot, win, doc)
    text = doc.document().toPlainText()
    cursor = doc.textCursor()
    cursor.setPosition(text.index("telemetry"))
    cursor.setPosition(text.index("telemetry") + len("telemetry"), cursor.MoveMode.KeepAnchor)
    doc.setTextCursor(cursor)
    _press(qtbot, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)  # labelled
    qtbot.waitUntil(lambda: any(s.get("origin") == "human" for s, _a, _b in doc.spans))
    cursor = doc.textCursor()
    cursor.setPosition(text.index("telemetry") + 3)  # the caret inside it
    doc.setTextCursor(cursor)
    texts = _menu_key(win, qtbot)
    edit = [t for t in texts if "span" in t.lower()]
    assert edit, texts
    action = next(a for a in win.document_pane.document_menu.actions() if a.text() == edit[0])
    action.trigger()
    assert win.spans.span_menu is not None
    win.spans.span_menu.close()
