"""The skills field's evidence is suggested under the span label standing for skills,
whatever its name and place: SKILL, or the name a rename gave it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from reviewer.core.labels import Option, Question
from reviewer.core.store import Store
from reviewer.gui.window import ReviewWindow

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _renamed(path: Path) -> None:
    """SKILL renamed HARD_SKILL (with its "was") and BENEFIT moved first."""
    with Store(path) as store:
        schema = store.labels.schema()
        origins = {(q.name, o): (q.name, o) for q in schema for o in q.option_names()}
        spans = next(q for q in schema if q.kind == "span")
        skill = next(o for o in spans.options if o.name == "SKILL")
        skill.name = "HARD_SKILL"
        del origins[("spans", "SKILL")]
        origins[("spans", "HARD_SKILL")] = ("spans", "SKILL")
        spans.options.sort(key=lambda o: o.name != "BENEFIT")
        store.labels.save_schema(schema, origins)


def test_suggested_spans_take_the_label_skill_was_renamed_to(
        project: Path, open_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Ctrl+Shift+A accepted the suggested skills as BENEFIT spans, the first label once
    no label was named SKILL."""
    _renamed(project)
    win: ReviewWindow = open_window(project)
    assert {m[0]["label"] for m in win.document.spans if m[0]["state"] == "suggested"} == {
        "HARD_SKILL"}
    pid = win.pid
    win.document.setFocus()
    qtbot.keyClick(win.document, Qt.Key.Key_A, CTRL_SHIFT)
    labels = {s["label"] for s in win.store.records.get(pid)["spans"]}  # type: ignore[arg-type]
    assert labels == {"HARD_SKILL"}


def test_no_label_standing_for_skills_suggests_no_spans(
        project: Path, open_window) -> None:  # type: ignore[no-untyped-def]
    with Store(project) as store:
        store.labels.save_schema([*store.labels.schema()[:-1], Question(
            "spans", "span", [Option("BENEFIT"), Option("TOOL")])])
    win: ReviewWindow = open_window(project)
    assert win.posting is not None and win.spans.suggested(win.posting) == []
