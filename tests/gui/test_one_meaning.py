"""What the window shows stays one story: rejected SKILL spans take their skills out of
the skills field (one undo), and an undo or redo of another posting goes to it, or says
which it was when the list hides it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt

from reviewer.cli import main
from reviewer.gui.window import ReviewWindow

ALT, CTRL, SHIFT = (Qt.KeyboardModifier.AltModifier, Qt.KeyboardModifier.ControlModifier,
                    Qt.KeyboardModifier.ShiftModifier)


@pytest.fixture
def win(project: Path, open_window) -> ReviewWindow:  # type: ignore[no-untyped-def]
    return open_window(project)  # type: ignore[no-any-return]


def _skills(win: ReviewWindow, pid: int | None = None) -> tuple[str, object]:
    posting = win.store.records.get(pid if pid is not None else win.pid)  # type: ignore[arg-type]
    return posting["provenance"]["skills"], posting["fields"]["skills"]


def test_rejecting_the_suggested_spans_rejects_the_skills_in_one_undo(
        win: ReviewWindow, qtbot, capsys) -> None:  # type: ignore[no-untyped-def]
    state, skills = _skills(win)
    assert state == "machine" and len(skills) > 3  # type: ignore[arg-type]
    qtbot.keyClick(win.queue, Qt.Key.Key_D, CTRL | SHIFT)  # reject the suggested spans
    assert _skills(win) == ("rejected", None)
    assert win.fields.editors["skills"].loaded[:2] == (None, "rejected")  # the panel follows
    said = win.statusBar().currentMessage()
    assert said.startswith("Taken out of the skills field: ") and "field is rejected" in said
    assert win.undo_stack.count() == 1
    win.undo_stack.undo()
    assert _skills(win) == ("machine", skills)
    assert {s["state"] for s in win.store.records.get(win.pid)["spans"]} == set()  # type: ignore[arg-type]

    qtbot.keyClick(win.queue, Qt.Key.Key_A, CTRL | SHIFT)  # accepting keeps them
    assert _skills(win) == ("machine", skills)
    win.undo_stack.undo()
    qtbot.keyClick(win.queue, Qt.Key.Key_D, CTRL | SHIFT)
    qtbot.keyClick(win.queue, Qt.Key.Key_Return, CTRL)  # accept the rest and go on
    capsys.readouterr()
    assert main(["eval", str(win.store.path)]) == 0
    line = next(x for x in capsys.readouterr().out.splitlines() if x.startswith("skills"))
    assert line.split()[1:] == ["0", "0", "1", "0", "0.000"]


def test_rejecting_one_span_from_its_menu_takes_its_skill_out(win: ReviewWindow) -> None:
    _state, skills = _skills(win)
    text = win.posting["cleaned"]  # type: ignore[index]
    suggested = win.spans.suggested(win.posting)  # type: ignore[arg-type]
    once = [s for s in suggested
            if sum(text[t["start"]:t["end"]] == text[s["start"]:s["end"]]
                   for t in suggested) == 1 and text[s["start"]:s["end"]] in skills]  # type: ignore[operator]
    span = once[0]
    name = text[span["start"]:span["end"]]
    win.spans.menu([span], QPoint(0, 0))
    menu = win.spans.span_menu
    assert menu is not None
    next(a for a in menu.actions() if a.text() == "Reject as SKILL").trigger()
    assert _skills(win) == ("corrected", [s for s in skills if s != name])  # type: ignore[union-attr]
    assert name not in win.fields.editors["skills"].loaded[0]
    assert win.statusBar().currentMessage() == f"Taken out of the skills field: {name}."
    win.undo_stack.undo()
    assert _skills(win) == ("machine", skills)


def test_undo_goes_to_the_posting_it_changes(win: ReviewWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    first = win.pid
    qtbot.keyClick(win.queue, Qt.Key.Key_1, ALT)  # relevant: yes
    qtbot.keyClick(win.queue, Qt.Key.Key_Right, CTRL)  # on to the next posting
    second = win.pid
    assert second != first
    win.undo_stack.undo()
    qtbot.waitUntil(lambda: win.pid == first)
    assert win.queue_pane.current_row() == 0
    assert win.store.records.get(first)["labels"] == {}  # type: ignore[arg-type]
    assert not win.labels.buttons[("relevant", "yes")].isChecked()
    win.queue_pane.select_row(1)
    win.undo_stack.redo()
    qtbot.waitUntil(lambda: win.pid == first)
    assert win.labels.buttons[("relevant", "yes")].isChecked()

    qtbot.keyClick(win.queue, Qt.Key.Key_Return, CTRL)  # accept and go on
    assert win.pid != first
    win.undo_stack.undo()
    qtbot.waitUntil(lambda: win.pid == first)
    assert win.store.records.get(first)["status"] == "new"  # type: ignore[arg-type]


def test_undo_of_a_posting_the_list_hides_says_which(win: ReviewWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    first = win.pid
    title = win.posting["fields"]["title"]  # type: ignore[index]
    qtbot.keyClick(win.queue, Qt.Key.Key_F, CTRL | SHIFT)  # flag it
    pane = win.queue_pane
    pane.status_filter.setCurrentIndex(pane.status_filter.findData("new"))  # it is hidden
    assert pane.model.row_of(first) is None  # type: ignore[arg-type]
    shown = win.pid
    assert shown != first
    win.undo_stack.undo()
    assert win.store.records.get(first)["status"] == "new"  # type: ignore[arg-type]
    qtbot.wait(20)
    assert win.pid == shown  # the list is as it was
    message = win.statusBar().currentMessage()
    assert f"posting {first}" in message and title in message and "Undone" in message
    win.undo_stack.redo()
    assert "Redone" in win.statusBar().currentMessage()
