"""A list of items written right to left (Arabic, Hebrew) is set against the right edge,
its bullets beside it, as a reader of those scripts expects; a list mostly of
left-to-right items keeps the left edge."""

from __future__ import annotations

from typing import Any

import pytest

from reviewer.gui.list_edit import ListEdit

HEBREW = "שלוש שנות ניסיון\nידע ב-SQL\nPython"
ARABIC = "خبرة خمس سنوات\nإجادة اللغة الإنجليزية"
ENGLISH = "Three years of SQL\nPython\nשלוש שנות ניסיון"


def _box(qtbot: Any, text: str) -> ListEdit:
    box = ListEdit()
    qtbot.addWidget(box)
    box.resize(420, 140)
    box.setPlainText(text)
    box.show()
    qtbot.waitExposed(box)
    return box


def _first_line_left(box: ListEdit) -> float:
    line = box.document().firstBlock().layout().lineAt(0)
    return line.naturalTextRect().left()


@pytest.mark.parametrize("text", [HEBREW, ARABIC])
def test_right_to_left_items_stand_at_the_right_edge(qtbot: Any, text: str) -> None:
    box = _box(qtbot, text)
    width = box.viewport().width()
    assert _first_line_left(box) > width / 2
    assert box._margin is not None and box._margin.geometry().left() > width / 2


def test_left_to_right_items_keep_the_left_edge(qtbot: Any) -> None:
    box = _box(qtbot, ENGLISH)
    assert _first_line_left(box) < 10
    assert box._margin is not None and box._margin.geometry().left() < 10


def test_the_edge_follows_what_is_typed(qtbot: Any) -> None:
    box = _box(qtbot, "Python")
    box.setPlainText(HEBREW)
    assert _first_line_left(box) > box.viewport().width() / 2
    box.setPlainText(ENGLISH)
    assert _first_line_left(box) < 10
