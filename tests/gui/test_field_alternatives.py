"""A field's other readings (values other stages of the extraction found) in a menu on
its row: picking one corrects the field, as typing it would, and Ctrl+Z undoes that.
Every posting here is made up for the tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication, QMenu, QWidget

from reviewer.core.ingest import import_paths
from reviewer.core.store import Store
from reviewer.gui.window import ReviewWindow

DISPUTED = """Warehouse Associate

Location: Leeds

Northgate Freight is seeking a Forklift Operator to join our busy depot team.

Responsibilities
- Load and unload trailers
"""


@pytest.fixture
def win(tmp_path: Path, open_window) -> ReviewWindow:  # type: ignore[no-untyped-def]
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "depot.txt").write_text(DISPUTED, encoding="utf-8")
    path = tmp_path / "project.db"
    with Store(path) as store:
        import_paths(store, [pages])
    window: ReviewWindow = open_window(path, QSettings(str(tmp_path / "s.ini"),
                                                       QSettings.Format.IniFormat))
    window.queue_pane.select_row(0)
    return window


def _right_click(widget: QWidget) -> QMenu:
    centre = widget.rect().center()
    QApplication.sendEvent(widget, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, centre,
                                                     widget.mapToGlobal(centre)))
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu)
    return menu


def _alternative_texts(menu: QMenu) -> list[str]:
    return [a.text() for a in menu.actions() if a.text().startswith("Use ")]


def test_the_menu_lists_the_other_reading_and_picking_it_corrects_the_field(
        win: ReviewWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    row = win.fields.editors["title"]
    assert row.editor.text() == "Warehouse Associate"
    assert "1 other reading: right-click" in row.mark.toolTip()
    for widget in (win.fields.names["title"], row.mark, row.editor):
        menu = _right_click(widget)
        assert _alternative_texts(menu) == ["Use “Forklift Operator” (from prose, 0.45)"]
        menu.close()
    menu = _right_click(row.editor)
    use = next(a for a in menu.actions() if a.text().startswith("Use "))
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(use).center())
    qtbot.waitUntil(lambda: not menu.isVisible())
    stored = win.store.records.get(1)
    assert stored["fields"]["title"] == "Forklift Operator"
    assert stored["provenance"]["title"] == "corrected"
    qtbot.waitUntil(lambda: row.editor.text() == "Forklift Operator")
    win.document.setFocus()
    qtbot.keyClick(win.document, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    stored = win.store.records.get(1)
    assert stored["fields"]["title"] == "Warehouse Associate"
    assert stored["provenance"]["title"] == "machine"
    qtbot.waitUntil(lambda: row.editor.text() == "Warehouse Associate")


def test_a_field_with_no_other_reading_has_no_entries_and_values_stay_plain(
        win: ReviewWindow) -> None:
    row = win.fields.editors["responsibilities"]
    assert "other reading" not in row.mark.toolTip()
    assert row.summary is not None
    menu = _right_click(row.summary)  # the line edit's own menu, nothing added
    assert _alternative_texts(menu) == []
    menu.close()


def test_an_ampersand_in_a_value_is_no_mnemonic() -> None:
    from reviewer.gui.field_alternatives import action_text

    assert action_text({"value": "R&D Lead\tnow", "confidence": 0.4, "stage": "prose"}) == \
        "Use “R&&D Lead now” (from prose, 0.40)"
    assert action_text({"value": ["Leeds", "York"], "confidence": 0.5, "stage": "label"}) == \
        "Use “Leeds; York” (from label, 0.50)"
