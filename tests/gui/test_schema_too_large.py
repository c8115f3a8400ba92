"""A project that holds a label schema larger than one may save (a file made elsewhere)
opens: the window shows the questions it can lay out and says what it leaves out, whose
answers are kept. Before, 200,000 options kept it from opening for minutes."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from reviewer.core.labels import Option, Question
from reviewer.core.store import Store
from reviewer.gui.bulk_edit import BulkEdits


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
    qtbot.waitUntil(lambda: "'topic' not shown" in win.statusBar().currentMessage())
    assert "reviewer labels PROJECT --import" in win.statusBar().currentMessage()
    assert not [a for a in win.action_table.label_actions if "topic" in a.text()]
    win.edit_schema()
    assert getattr(win, "schema_dialog", None) is None  # not opened: said why instead
    assert "too large to edit here" in win.statusBar().currentMessage()
    win.labels.toggle(win.schema[0], "yes")  # another question answered: topic's kept
    with Store(project) as store:
        labels = store.records.get(pid)["labels"]  # type: ignore[index]
    assert labels["topic"] == ["option 7"] and labels["relevant"] == ["yes"]


def test_a_schema_made_small_elsewhere_takes_back_the_word_and_opens_the_editor(
        project: Path, open_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """The message stayed after another program gave the project a smaller schema, and
    the editor was refused (or opened on one made too large since) by the schema the
    window read last; the bulk edit offered the questions left out."""
    with sqlite3.connect(project) as conn:
        conn.execute("INSERT INTO label_schema (question, kind, options, position)"
                     " VALUES ('topic', 'multi', ?, 99)", (json.dumps(_options(20_000)),))
    win = open_window(project)
    qtbot.waitUntil(lambda: "'topic' not shown" in win.statusBar().currentMessage())
    win.queue_pane.view.selectAll()
    win.action_table.by_id["edit_selected"].trigger()
    bulk = win.findChild(BulkEdits)
    assert bulk is not None
    questions = bulk.dialog.question
    offered = [questions.itemText(i) for i in range(questions.count())]
    assert offered and not [q for q in offered if "topic" in q]
    bulk.dialog.reject()
    with sqlite3.connect(project) as conn:  # another program removes the question
        conn.execute("DELETE FROM label_schema WHERE question = 'topic'")
    win.edit_schema()  # (read as it is now, not as last shown)
    assert win.schema_dialog is not None
    win.schema_dialog.reject()
    win.queue_pane.go_next()
    assert win.statusBar().currentMessage() == ""


def test_the_editor_s_word_goes_too_and_a_word_said_late_is_not_said(
        project: Path, open_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    with sqlite3.connect(project) as conn:
        conn.execute("INSERT INTO label_schema (question, kind, options, position)"
                     " VALUES ('topic', 'multi', ?, 99)", (json.dumps(_options(20_000)),))
    win = open_window(project)
    win.edit_schema()
    assert "too large to edit here" in win.statusBar().currentMessage()
    with sqlite3.connect(project) as conn:
        conn.execute("DELETE FROM label_schema WHERE question = 'topic'")
    win.queue_pane.go_next()
    assert win.statusBar().currentMessage() == ""
    small = win.store.labels.schema()
    huge = [*small, Question("topic", "multi", [Option(f"o{i}") for i in range(5_000)])]
    win.set_schema(huge)  # said once the window is back to the event loop …
    win.set_schema(small)  # … but a schema within the limits comes first
    qtbot.wait(50)
    assert win.statusBar().currentMessage() == ""


def test_a_posting_shown_reads_the_schema_again_only_where_its_text_changed(
        project: Path, open_window, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The whole schema was parsed at every posting shown (0.4-0.8 s a move at 200,000
    options); now its stored text is compared, and parsed only where another program
    changed it."""
    with sqlite3.connect(project) as conn:
        conn.execute("INSERT INTO label_schema (question, kind, options, position)"
                     " VALUES ('topic', 'multi', ?, 99)", (json.dumps(_options(20_000)),))
    win = open_window(project)
    parsed: list[int] = []
    read = win.store.labels.parsed
    monkeypatch.setattr(win.store.labels, "parsed",
                        lambda rows: parsed.append(len(rows)) or read(rows))
    win.queue_pane.go_next()
    win.queue_pane.go_next()
    assert parsed == []
    with sqlite3.connect(project) as conn:  # another program changes it: read again
        conn.execute("DELETE FROM label_schema WHERE question = 'topic'")
    win.queue_pane.go_previous()
    assert parsed == [3]
    assert [q.name for q in win.schema_read] == ["relevant", "role_family", "spans"]
    qtbot.waitUntil(lambda: win.statusBar().currentMessage() == "")


def test_an_edit_keeps_a_digest_of_the_schema_for_its_undo_not_a_copy(
        project: Path, open_window) -> None:  # type: ignore[no-untyped-def]
    """Each label edit kept the whole schema's text on the undo stack (5.8 MB an edit at
    200,000 options); its undo still refuses where the schema changed since."""
    with sqlite3.connect(project) as conn:
        conn.execute("INSERT INTO label_schema (question, kind, options, position)"
                     " VALUES ('topic', 'multi', ?, 99)", (json.dumps(_options(20_000)),))
    win = open_window(project)
    win.labels.toggle(win.schema[0], "yes")
    change = win.undo_stack.command(win.undo_stack.count() - 1).change
    assert change.schema is not None and len(change.schema) <= 64
    with sqlite3.connect(project) as conn:
        conn.execute("UPDATE label_schema SET options = ? WHERE question = 'topic'",
                     (json.dumps(_options(19_999)),))
    win.undo_stack.undo()
    assert "the label schema was changed since" in win.statusBar().currentMessage()
    with Store(project) as store:
        assert store.records.get(win.pid)["labels"]["relevant"] == ["yes"]  # type: ignore[index]
