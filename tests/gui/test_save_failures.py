"""An edit the project file refuses (another process holds it, the disk is full, it is
read-only) is never shown as saved, and the undo stack holds only what is in the file."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox

from reviewer.core.store import Store
from reviewer.gui.window import ReviewWindow


@pytest.fixture
def window(project: Path, qtbot) -> Iterator[ReviewWindow]:  # type: ignore[no-untyped-def]
    store = Store(project, busy_timeout=0.1)
    win = ReviewWindow(store)
    qtbot.addWidget(win)
    with qtbot.waitExposed(win):
        win.show()
    yield win
    store.close()


@pytest.fixture
def locked(project: Path) -> Iterator[sqlite3.Connection]:
    """Another process writing the project, holding its write lock."""
    other = sqlite3.connect(project, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    yield other
    if other.in_transaction:
        other.execute("ROLLBACK")
    other.close()


def _type_title(window: ReviewWindow, qtbot, text: str) -> QLineEdit:  # type: ignore[no-untyped-def]
    title = window.fields.editors["title"].editor
    assert isinstance(title, QLineEdit)
    title.setFocus()
    title.selectAll()
    qtbot.keyClicks(title, text)
    window.document.setFocus()  # leaving the field saves it
    return title


def test_an_edit_the_file_refuses_is_shown_unsaved_and_can_be_retried(
        window: ReviewWindow, locked: sqlite3.Connection, qtbot) -> None:  # type: ignore[no-untyped-def]
    pid = window.pid
    assert pid is not None
    title = _type_title(window, qtbot, "Data Engineer")
    qtbot.waitUntil(lambda: window.save_state.problem is not None)
    assert title.text() == "Data Engineer"  # what was typed stays in the field
    assert "not saved" in window.saved.text().lower()
    assert "not saved" in window.fields.editors["title"].state.text().lower()
    assert window.undo_stack.count() == 0  # nothing the file does not hold
    assert window.store.records.get(pid)["human"] == {}
    box = window.save_state.problem
    assert "locked" in box.text() or "busy" in box.text()
    locked.execute("ROLLBACK")  # the other process is done
    retry = next(b for b in box.buttons() if "Retry" in b.text())
    retry.click()
    qtbot.waitUntil(lambda: window.undo_stack.count() == 1)
    assert window.store.records.get(pid)["fields"]["title"] == "Data Engineer"
    assert window.saved.text() == "all edits saved"
    assert "not saved" not in window.fields.editors["title"].state.text().lower()


def test_an_undo_the_file_refuses_leaves_the_stack_as_the_file_is(
        window: ReviewWindow, project: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    pid = window.pid
    assert pid is not None
    _type_title(window, qtbot, "Data Engineer")
    qtbot.waitUntil(lambda: window.undo_stack.count() == 1)
    other = sqlite3.connect(project, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        window.undo_stack.undo()  # refused: the edit stays in the file
        assert window.store.records.get(pid)["fields"]["title"] == "Data Engineer"
        assert window.save_state.problem is not None and "not undone" in window.saved.text().lower()
        assert window.undo_stack.count() == 0  # the stack holds only what the file holds
    finally:
        other.execute("ROLLBACK")
        other.close()
    window.undo_stack.undo()  # nothing wrong happens: no AssertionError, no crash
    window.undo_stack.redo()


def test_accept_and_go_on_refused_does_not_move_on(
        window: ReviewWindow, locked: sqlite3.Connection, qtbot) -> None:  # type: ignore[no-untyped-def]
    pid = window.pid
    qtbot.keyClick(window.document, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert window.pid == pid and window.save_state.problem is not None
    assert window.store.records.get(pid)["status"] == "new"


def test_discarding_a_refused_edit_shows_the_file_again(
        window: ReviewWindow, locked: sqlite3.Connection, qtbot) -> None:  # type: ignore[no-untyped-def]
    title = _type_title(window, qtbot, "Data Engineer")
    qtbot.waitUntil(lambda: window.save_state.problem is not None)
    locked.execute("ROLLBACK")
    box = window.save_state.problem
    next(b for b in box.buttons() if "Discard" in b.text()).click()
    posting = window.store.records.get(window.pid)
    assert title.text() == (posting["fields"]["title"] or "")
    assert "not saved" not in window.fields.editors["title"].state.text().lower()


def test_accepting_values_another_program_changed_since_shows_them_first(  # type: ignore[no-untyped-def]
        window: ReviewWindow, project: Path, qtbot) -> None:
    """A re-extract by another program while a posting is shown: Ctrl+Enter does not
    accept values the person never saw; the posting is shown again as it is now."""
    pid = window.pid
    assert pid is not None
    other = sqlite3.connect(project, isolation_level=None)
    other.execute("UPDATE suggestions SET value = '\"PLUGIN TITLE\"' WHERE posting_id = ?"
                  " AND field = 'title'", (pid,))
    other.close()
    title = window.fields.editors["title"].editor
    assert isinstance(title, QLineEdit) and title.text() != "PLUGIN TITLE"
    qtbot.keyClick(window.document, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    record = window.store.records.get(pid)
    assert window.pid == pid and record["status"] == "new"
    assert record["provenance"]["title"] == "machine"
    assert title.text() == "PLUGIN TITLE"  # shown now
    assert "changed since it was shown" in window.statusBar().currentMessage()
    qtbot.keyClick(window.document, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert window.store.records.get(pid)["provenance"]["title"] == "accepted"  # as seen


def test_accepting_a_posting_another_window_flagged_shows_it_first(  # type: ignore[no-untyped-def]
        window: ReviewWindow, project: Path, qtbot) -> None:
    pid = window.pid
    assert pid is not None
    with Store(project, reviewer="ben") as other:
        other.postings.set_status(pid, "flagged")
    qtbot.keyClick(window.document, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert window.pid == pid and window.store.records.get(pid)["status"] == "flagged"
    assert "flagged" in window.statusBar().currentMessage()
    qtbot.keyClick(window.document, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert window.store.records.get(pid)["status"] == "reviewed"  # seen flagged: taken


def test_an_undo_over_another_reviewer_s_later_edit_is_refused_and_keeps_it(  # type: ignore[no-untyped-def]
        window: ReviewWindow, project: Path, qtbot) -> None:
    """Ctrl+Z of an "accept all" deleted the company another reviewer corrected after it,
    and their comment, under "all edits saved"."""
    pid = window.pid
    assert pid is not None
    qtbot.keyClick(window.document, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    with Store(project, reviewer="ben") as other:
        other.decisions.set_field(pid, "company", "Globex")
        other.postings.set_comment(pid, "pay is missing")
    window.undo_stack.undo()
    record = window.store.records.get(pid)
    assert (record["fields"]["company"], record["comment"], record["status"]) == (
        "Globex", "pay is missing", "reviewed")
    assert "not undone" in window.statusBar().currentMessage()
    assert "company" in window.statusBar().currentMessage()
    assert not window.undo_stack.canRedo()  # off the stack: the file holds the edit
    _type_title(window, qtbot, "Mine")  # an edit of this window's own: undone as ever
    shown = window.pid
    assert shown is not None and window.store.records.get(shown)["fields"]["title"] == "Mine"
    window.undo_stack.undo()
    assert window.store.records.get(shown)["fields"]["title"] != "Mine"


def test_an_edit_after_the_file_was_deleted_is_not_said_saved(  # type: ignore[no-untyped-def]
        window: ReviewWindow, project: Path, qtbot) -> None:
    for path in project.parent.glob(project.name + "*"):
        path.unlink()
    _type_title(window, qtbot, "Data Engineer")
    qtbot.waitUntil(lambda: window.save_state.problem is not None)
    assert "not saved" in window.saved.text().lower()
    box = window.save_state.problem
    assert "deleted" in box.text() and "open the project file again" in box.text()
    assert "Retry" not in box.text()  # (it could never be made: no Retry offered)
    assert [b.text() for b in box.buttons()] == ["OK"]
    assert window.undo_stack.count() == 0
    box.buttons()[0].click()
    said = window.saved.text()
    assert said != "all edits saved" and ("gone" in said or "not saved" in said), said


@pytest.mark.parametrize("how", ["deleted", "moved"])
def test_a_file_deleted_or_moved_while_nothing_is_edited_is_not_said_saved(  # type: ignore[no-untyped-def]
        window: ReviewWindow, project: Path, qtbot, how: str) -> None:
    """It said "all edits saved" until the next edit."""
    assert window.saved.text() == "all edits saved"
    for path in project.parent.glob(project.name + "*"):
        if how == "deleted":
            path.unlink()
        else:
            path.rename(path.with_name("elsewhere-" + path.name))
    qtbot.waitUntil(lambda: "gone" in window.saved.text(), timeout=10_000)


def test_text_typed_and_not_yet_saved_is_not_said_saved(  # type: ignore[no-untyped-def]
        window: ReviewWindow, qtbot) -> None:
    """A correction typed in a field and not yet left said "all edits saved": a crash
    then loses it."""
    title = window.fields.editors["title"].editor
    assert isinstance(title, QLineEdit)
    title.setFocus()
    title.selectAll()
    qtbot.keyClicks(title, "Data Engineer II")
    qtbot.waitUntil(lambda: "Title: typed, not saved yet" in window.saved.text(),
                    timeout=5000)
    qtbot.keyClick(title, Qt.Key.Key_Return)
    assert window.store.records.get(window.pid)["fields"]["title"] == "Data Engineer II"
    qtbot.waitUntil(lambda: window.saved.text() == "all edits saved", timeout=5000)


def test_the_first_key_typed_is_said_not_saved_at_once(  # type: ignore[no-untyped-def]
        window: ReviewWindow, qtbot) -> None:
    """After a key typed in a field the status bar kept "all edits saved" until its next
    look, up to a second later. It changes at the key, before any other event is
    handled; typed back as it was, it says saved again."""
    title = window.fields.editors["title"].editor
    assert isinstance(title, QLineEdit)
    title.setFocus()
    title.end(False)
    qtbot.keyClicks(title, "x")
    assert window.saved.text() == "✎ Title: typed, not saved yet (Enter or Tab saves)"
    qtbot.keyClick(title, Qt.Key.Key_Backspace)
    assert window.saved.text() == "all edits saved"
    window.fields.editors["skills"].focus()  # a list: its lines' box
    qtbot.keyClicks(QApplication.focusWidget(), "Rust")
    assert window.saved.text().startswith("✎ Skills: typed, not saved yet")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert window.saved.text() == "all edits saved"
    window.side.setCurrentIndex(1)
    window.labels.comment.setFocus()
    qtbot.keyClicks(window.labels.comment, "a")
    assert window.saved.text().startswith("✎ Comment: typed, not saved yet")


def test_closing_a_project_whose_file_is_gone_says_so(  # type: ignore[no-untyped-def]
        launcher, project: Path) -> None:
    assert launcher.open(project)
    for path in project.parent.glob(project.name + "*"):
        path.unlink()
    said = launcher.close_window()
    assert said is not None and "moved or deleted" in said


def test_a_project_file_replaced_while_open_is_let_go_of_and_can_be_reopened(  # type: ignore[no-untyped-def]
        launcher, project: Path, tmp_path: Path, qtbot) -> None:
    """A copy put back in the project file's place (``mv backup.db project.db``): the
    window kept its connection, and its -wal beside the path, until it closed; another
    program opening the path read the copy with it. It lets go of the file at once now,
    leaving the copy as it was, says so, and reopens the project on the copy."""
    copy = tmp_path / "copy.db"
    shutil.copy(project, copy)  # the backup
    with Store(copy) as other:
        other.decisions.set_field(1, "title", "From the copy")
    assert launcher.open(project)
    window = launcher.window
    assert window.flow.set_field("title", "Mine")  # (in the -wal beside the path)
    copy.replace(project)
    put_there = project.read_bytes()
    qtbot.waitUntil(lambda: window.save_state.gone_box is not None, timeout=10_000)
    box = window.save_state.gone_box
    assert "replaced by another file" in box.text()
    assert window.saved.text() == "⚠ the project file was replaced by another: reopen it"
    assert project.read_bytes() == put_there
    assert not Path(f"{project}-wal").exists() or Path(f"{project}-wal").stat().st_size == 0
    plain = sqlite3.connect(project)
    assert plain.execute("SELECT title FROM postings WHERE id = 1").fetchone() == (
        "From the copy",)
    plain.close()
    reopen = next(b for b in box.buttons() if b.text().replace("&", "") == "Reopen")
    reopen.click()
    qtbot.waitUntil(lambda: launcher.window is not window and launcher.window is not None)
    assert launcher.window.store.records.get(1)["fields"]["title"] == "From the copy"


def test_an_edit_refused_twice_shows_one_box(  # type: ignore[no-untyped-def]
        window: ReviewWindow, locked: sqlite3.Connection, qtbot) -> None:
    """Typed, left with Esc (saved, refused), then the field left (saved again, refused
    again): two boxes stood one over the other, and a Discard in one said "all edits
    saved" while the other still said not saved."""
    title = window.fields.editors["title"].editor
    title.setFocus()
    title.selectAll()
    qtbot.keyClicks(title, "Data Engineer")
    qtbot.keyClick(title, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.save_state.problem is not None)
    window.document.setFocus()
    title.setFocus()
    qtbot.keyClicks(title, "!")
    window.document.setFocus()

    def shown() -> list[QMessageBox]:
        return [w for w in window.findChildren(QMessageBox) if w.isVisible()]

    qtbot.waitUntil(lambda: len(shown()) >= 1)
    assert len(shown()) == 1
    discard = next(b for b in shown()[0].buttons() if "Discard" in b.text())
    discard.click()
    assert shown() == []


@pytest.mark.parametrize("edit", ["title", "flag", "skip", "comment", "reject", "accept_all"])
def test_an_edit_of_a_posting_another_program_removed_says_so(
        project: Path, open_window, qtbot, edit: str) -> None:  # type: ignore[no-untyped-def]
    """The edit raised KeyError in a slot; a flag, a skip or a comment was pushed as an
    undo step, the window saying 'all edits saved' of nothing in the file."""
    win = open_window(project)
    pid = win.pid
    assert pid is not None
    with sqlite3.connect(project, timeout=10) as conn:
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("DELETE FROM postings WHERE id = ?", (pid,))
    flow = win.flow
    if edit == "title":
        flow.push("set title", lambda p: win.store.decisions.set_field(p, "title", "New"))
    elif edit in ("flag", "skip"):
        flow.push(edit, lambda p: win.store.postings.set_status(p, edit + "ged" if edit == "flag"
                                                               else "skipped"))
    elif edit == "comment":
        flow.set_comment("hello")
    elif edit == "reject":
        flow.push("reject title", lambda p: win.store.decisions.reject_field(p, "title"))
    else:
        flow.push("accept all", lambda p: win.store.decisions.accept_all(p))
    assert win.undo_stack.count() == 0
    assert "no longer in the project" in win.statusBar().currentMessage()
    with sqlite3.connect(project) as conn:
        assert conn.execute("SELECT count(*) FROM annotations WHERE posting_id = ?",
                            (pid,)).fetchone() == (0,)


def test_an_edit_of_a_span_another_program_removed_says_so(
        project: Path, open_window) -> None:  # type: ignore[no-untyped-def]
    win = open_window(project)
    pid = win.pid
    assert pid is not None
    span_id, _change = win.store.spans.add(pid, 0, 4, "SKILL")
    with sqlite3.connect(project, timeout=10) as conn:
        conn.execute("DELETE FROM spans WHERE id = ?", (span_id,))
    before = win.undo_stack.count()
    win.flow.push("relabel span", lambda _p: win.store.spans.relabel(span_id, "TOOL"))
    assert win.undo_stack.count() == before and win.pid == pid
    assert "no longer in the project file" in win.statusBar().currentMessage()
    assert "posting" not in win.statusBar().currentMessage().split(":")[1]


def test_a_close_waits_for_an_edit_the_file_refused(
        window: ReviewWindow, locked: sqlite3.Connection, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Typing a title, then closing while another process held the file: the close saved
    the typing, the file refused it, the Retry/Discard box opened on a window that closed
    anyway, and the typed title was lost. The window stays open until it is retried or
    given up."""
    pid = window.pid
    assert pid is not None
    title = window.fields.editors["title"].editor
    assert isinstance(title, QLineEdit)
    title.setFocus()
    title.selectAll()
    qtbot.keyClicks(title, "Data Engineer")
    assert not window.close()  # the close saves the typing: refused, so it waits
    qtbot.wait(50)  # (the field, left for the box, may be refused again: a box of its own)
    assert window.isVisible() and window.save_state.problem is not None
    box = window.save_state.problem
    assert box.isVisible() and "stays open" in box.informativeText()
    assert not window.close()
    locked.execute("ROLLBACK")
    next(b for b in box.buttons() if "Retry" in b.text()).click()
    qtbot.waitUntil(lambda: window.undo_stack.count() == 1)
    assert window.store.records.get(pid)["fields"]["title"] == "Data Engineer"
    assert window.close()


def test_closing_the_project_waits_for_an_edit_the_file_refused(
        launcher: Any, project: Path, qtbot, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """File > Close project (and Open, Open recent) closed the window whatever its close
    said: the edit the file refused was lost with it."""
    import functools

    from reviewer.gui import app

    monkeypatch.setattr(app, "Store", functools.partial(Store, busy_timeout=0.1))
    assert launcher.open(project, create=False)
    window = launcher.window
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)  # (typing goes where the person's focus is)
    pid = window.pid
    other = sqlite3.connect(project, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another process writing: the edit is refused
    try:
        title = window.fields.editors["title"].editor
        title.setFocus()
        title.selectAll()
        qtbot.keyClicks(title, "Data Engineer")
        window.leave.close_project()
        qtbot.wait(50)
        assert launcher.window is window and window.isVisible()
        assert "stays open" in window.save_state.problem.informativeText()
        assert not launcher.open(project, create=False)  # another project: waits too
        assert launcher.window is window
    finally:
        other.execute("ROLLBACK")
        other.close()
    next(b for b in window.save_state.problem.buttons() if "Retry" in b.text()).click()
    qtbot.waitUntil(lambda: window.store.records.get(pid)["fields"]["title"] == "Data Engineer")


def test_a_project_opened_read_only_says_so_where_it_would_say_saved(  # type: ignore[no-untyped-def]
        project: Path, qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    """The status bar said "all edits saved" of a project no edit can be saved to, until
    a first edit was refused."""
    from reviewer.core.store import db as store_db
    from reviewer.gui.save_state import READ_ONLY, SAVED

    monkeypatch.setattr(store_db, "_writable", lambda path: False)
    store = Store(project)
    win = ReviewWindow(store)
    qtbot.addWidget(win)
    with qtbot.waitExposed(win):
        win.show()
    try:
        assert store.read_only and win.saved.text() != SAVED
        assert "read-only" in win.saved.text()
        _type_title(win, qtbot, "Mine")
        assert win.saved.text() != SAVED
        # the edit discarded: read-only again, not "set title: not saved" for good
        assert win.save_state.problem is not None
        win.save_state.problem.button(QMessageBox.StandardButton.Discard).click()
        assert win.saved.text() == READ_ONLY
    finally:
        store.close()


def test_a_retry_makes_every_edit_refused_before_it(  # type: ignore[no-untyped-def]
        window: ReviewWindow, locked: sqlite3.Connection, qtbot) -> None:
    """Two edits refused in a row: the first's box was closed for the second's, and with
    it the first's Retry; Retry then saved the second alone and said "all edits saved"."""
    pid = window.pid
    assert pid is not None
    assert not window.flow.set_field("title", "Data Engineer")
    assert not window.flow.set_field("company", "Acme Ltd")
    shown = [w for w in window.findChildren(QMessageBox) if w.isVisible()]
    assert len(shown) == 1 and "1 other edit refused waits" in shown[0].informativeText()
    locked.execute("ROLLBACK")
    next(b for b in shown[0].buttons() if "Retry" in b.text()).click()
    fields = window.store.records.get(pid)["fields"]
    assert (fields["title"], fields["company"]) == ("Data Engineer", "Acme Ltd")
    assert window.saved.text() == "all edits saved"


def test_a_refusal_without_retry_keeps_the_edits_that_wait(  # type: ignore[no-untyped-def]
        window: ReviewWindow, locked: sqlite3.Connection, qtbot) -> None:
    """A title refused (Retry), then an undo refused (OK only), whose box took the
    title's place; a later edit saved said "all edits saved", the title in no file and
    nothing waiting for it."""
    pid = window.pid
    assert pid is not None
    assert not window.flow.set_field("title", "Data Engineer")
    window.save_state.refused("undo set company: not undone", "locked", None)
    box = window.save_state.problem
    assert box is not None and any("Retry" in b.text() for b in box.buttons())
    locked.execute("ROLLBACK")
    assert window.flow.set_field("company", "Acme Ltd")
    assert "not saved" in window.saved.text()
    assert window.save_state.hold_close()
    next(b for b in box.buttons() if "Retry" in b.text()).click()
    assert window.store.records.get(pid)["fields"]["title"] == "Data Engineer"
    assert window.saved.text() == "all edits saved"


def test_one_edit_refused_on_two_postings_waits_for_both(  # type: ignore[no-untyped-def]
        window: ReviewWindow, locked: sqlite3.Connection, qtbot) -> None:
    """"set title: not saved" on posting 1, then on posting 2: one took the other's place,
    and Retry wrote posting 2's title alone."""
    first = window.pid
    assert first is not None and not window.flow.set_field("title", "First Title")
    window.queue_pane.go_next()
    second = window.pid
    assert second != first and not window.flow.set_field("title", "Second Title")
    locked.execute("ROLLBACK")
    box = window.save_state.problem
    assert box is not None
    next(b for b in box.buttons() if "Retry" in b.text()).click()
    assert window.store.records.get(first)["fields"]["title"] == "First Title"
    assert window.store.records.get(second)["fields"]["title"] == "Second Title"


def test_typing_never_hides_a_gone_file_or_text_that_cannot_be_read(  # type: ignore[no-untyped-def]
        window: ReviewWindow, project: Path, qtbot) -> None:
    hours = window.fields.editors["work_hours"].editor
    assert isinstance(hours, QLineEdit)
    hours.setFocus()
    qtbot.keyClicks(hours, "abc")
    qtbot.waitUntil(lambda: "typed, not saved yet" in window.saved.text(), timeout=5000)
    qtbot.keyClick(hours, Qt.Key.Key_Tab)  # cannot be read: said so, not "Enter saves"
    qtbot.waitUntil(lambda: window.saved.text().endswith("typed, not saved"), timeout=5000)
    qtbot.wait(1500)
    assert "Enter or Tab saves" not in window.saved.text()
    title = window.fields.editors["title"].editor
    assert isinstance(title, QLineEdit)
    for path in project.parent.glob(project.name + "*"):
        path.unlink()
    window.fields.editors["work_hours"].set_value(None, "none", None)  # (the warning gone)
    window.save_state.saved()
    title.setFocus()
    qtbot.keyClicks(title, " II")
    qtbot.waitUntil(lambda: "gone" in window.saved.text(), timeout=5000)
    qtbot.wait(1500)
    assert "gone" in window.saved.text()


def test_a_comment_typed_and_not_yet_left_is_not_said_saved(  # type: ignore[no-untyped-def]
        window: ReviewWindow, qtbot) -> None:
    """A comment typed said "all edits saved" while the file held none: it is saved
    when the box is left, as a field's text is."""
    window.side.setCurrentIndex(1)
    comment = window.labels.comment
    comment.setFocus()
    qtbot.keyClicks(comment, "a comment")
    qtbot.waitUntil(lambda: "Comment: typed, not saved yet" in window.saved.text(),
                    timeout=5000)
    assert "Enter" not in window.saved.text()  # (Enter starts a new line there)
    assert window.store.records.get(window.pid)["comment"] == ""
    qtbot.keyClick(comment, Qt.Key.Key_Tab)
    assert window.store.records.get(window.pid)["comment"] == "a comment"
    qtbot.waitUntil(lambda: window.saved.text() == "all edits saved", timeout=5000)
