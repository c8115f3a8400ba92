"""A project that holds a label schema larger than one may save (a file made elsewhere)
opens: the window shows the questions it can lay out and says what it leaves out, whose
answers are kept. Before, 200,000 options kept it from opening for minutes."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from reviewer.core.store import Store


def _options(n: int) -> list[dict[str, str]]:
    return [{"name": f"option {i}"} for i in range(n)]


def test_a_project_holding_a_schema_too_large_opens_and_says_what_it_leaves_out(
        project: Path, open_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    with sqlite3.connect(project) as conn:  # (as a file made elsewhere holds it)
        conn.execute("INSERT INTO label_schema (question, kind, options, position)"
                     " VALUES ('topic', 'multi', ?, 99)", (json.dumps(_options(20_000)),))
        pid = conn.execute("SELECT min(id) FROM postings").fetchone()[0]
        conn.execute("INSERT INTO doc_labels (posting_id, question, option)"
                     " VALUES (?, 'topic', 'option 7')", (pid,))
    win = open_window(project)
    assert [q.name for q in win.schema] == ["relevant", "role_family", "spans"]
    assert len(win.schema_read) == 4
    qtbot.waitUntil(lambda: "'topic' has 20,000" in win.statusBar().currentMessage())
    assert "3 of its 4 questions shown" in win.statusBar().currentMessage()
    assert not [a for a in win.action_table.label_actions if "topic" in a.text()]
    win.edit_schema()
    assert getattr(win, "schema_dialog", None) is None  # not opened: said why instead
    assert "too large to edit here" in win.statusBar().currentMessage()
    win.labels.toggle(win.schema[0], "yes")  # another question answered: topic's kept
    with Store(project) as store:
        labels = store.records.get(pid)["labels"]  # type: ignore[index]
    assert labels["topic"] == ["option 7"] and labels["relevant"] == ["yes"]
