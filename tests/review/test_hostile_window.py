"""Hostile tests of the window with a crafted project file: JSON that another tool (or a
hostile file) wrote into the new tables must not stop a posting from being shown."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

from reviewer.core.store import Store
from reviewer.gui.window import ReviewWindow

NESTED = "[" * 100_000 + "]" * 100_000


def _plant(project: Path, sql: str, params: tuple[Any, ...]) -> None:
    with closing(sqlite3.connect(project)) as db, db:
        db.execute(sql, params)


def test_a_nested_reviewers_value_is_no_crash(project: Path) -> None:
    """``reviews.of`` (read for every posting shown, by the adjudication) json-loads each
    value: nested JSON raises RecursionError."""
    _plant(project, "INSERT INTO reviews (posting_id, reviewer, kind, key, value, at)"
           " VALUES (1, 'ana', 'field', 'title', ?, '2024-01-01')", (NESTED,))
    with Store(project) as store:
        store.reviews.of(1)


def test_a_nested_log_line_is_no_crash_in_the_history(project: Path) -> None:
    """``history.posting_events`` catches JSONDecodeError only."""
    _plant(project, "INSERT INTO events (posting_id, kind, data, at, reviewer) VALUES"
           " (1, 'set_comment', ?, '2024-01-01T00:00:00+00:00', 'x')", (NESTED,))
    with Store(project) as store:
        store.history.posting_events(1)


def test_a_posting_with_a_nested_reviewers_value_is_shown(project: Path, open_window: Any,
                                                         qtbot: Any) -> None:
    _plant(project, "INSERT INTO reviews (posting_id, reviewer, kind, key, value, at)"
           " VALUES (1, 'ana', 'field', 'title', ?, '2024-01-01')", (NESTED,))
    window: ReviewWindow = open_window(project)
    assert window.flow.pid is not None
