"""Hostile tests of reviewer names (the connection's temporary triggers): every decision
says who made it."""

from __future__ import annotations

import sqlite3
import sys
from contextlib import closing
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "core" / "team"))
from team_projects import make_source

from reviewer.core.store import Store


def _span_rows(path: Path) -> list[tuple[str, str, str]]:
    with closing(sqlite3.connect(path)) as db:
        return db.execute("SELECT label, state, reviewer FROM spans ORDER BY id").fetchall()


def test_a_span_relabelled_by_another_reviewer_names_them(tmp_path: Path) -> None:
    """ana labels a span SKILL; the lead relabels it TOOL. The row is updated in place
    and the insert-only trigger leaves it in ana's name: the export and history say
    ana chose TOOL."""
    path = make_source(tmp_path / "project.db", n=3)
    with Store(path, reviewer="ana") as store:
        store.spans.add(1, 0, 4, "SKILL")
        span_id = store.db.execute("SELECT id FROM spans").fetchone()[0]
    with Store(path, reviewer="lead") as store:
        store.spans.relabel(span_id, "TOOL")
    assert _span_rows(path) == [("TOOL", "accepted", "lead")]


def test_a_span_rejected_by_another_reviewer_names_them(tmp_path: Path) -> None:
    path = make_source(tmp_path / "project.db", n=3)
    with Store(path, reviewer="ana") as store:
        store.spans.add(1, 0, 4, "SKILL")
        span_id = store.db.execute("SELECT id FROM spans").fetchone()[0]
    with Store(path, reviewer="lead") as store:
        store.spans.reject(span_id)
    assert _span_rows(path) == [("SKILL", "rejected", "lead")]
