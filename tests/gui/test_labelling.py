"""Labelling as a user does it: document labels by key, spans by selection and key,
overlaps, relabel, delete, suggested spans, undo of all of it, and the exports."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from reviewer.core.export import export
from reviewer.core.store import Store
from reviewer.gui.window import ReviewWindow

ALT, CTRL = Qt.KeyboardModifier.AltModifier, Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def win(project: Path, open_window) -> ReviewWindow:  # type: ignore[no-untyped-def]
    return open_window(project)  # type: ignore[no-any-return]


def _select(win: ReviewWindow, words: str, skip: int = 0, trim: int = 0) -> None:
    """Select ``words`` in the rendered posting (the ``skip``-th time they occur),
    leaving ``trim`` characters off each end, as a hurried mouse would."""
    cursor = QTextCursor(win.document.document())
    for _ in range(skip + 1):
        cursor = win.document.document().find(words, cursor)
    assert not cursor.isNull(), words
    start, end = cursor.selectionStart() + trim, cursor.selectionEnd() - trim
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    win.document.setTextCursor(cursor)


def _spans(win: ReviewWindow) -> list[tuple[str, str, str]]:
    posting = win.store.records.get(win.pid)  # type: ignore[arg-type]
    return [(posting["cleaned"][s["start"]:s["end"]], s["label"], s["state"])
            for s in posting["spans"]]


def _menu_action(menu: Any, text: str) -> Any:
    for action in menu.actions():
        if action.text() == text:
            return action
        if action.menu() is not None:
            found = _menu_action(action.menu(), text)
            if found is not None:
                return found
    return None


def test_document_labels_by_key_also_while_typing(win: ReviewWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    win.queue.setFocus()
    qtbot.keyClick(win.queue, Qt.Key.Key_6, ALT)  # role family: sales marketing
    title = win.fields.editors["title"].editor
    title.setFocus()
    title.selectAll()
    qtbot.keyClicks(title, "Platform Engineer")  # typed, not yet left
    qtbot.keyClick(title, Qt.Key.Key_1, ALT)  # relevant: yes, from inside the field
    posting = win.store.records.get(win.pid)  # type: ignore[arg-type]
    assert posting["labels"] == {"relevant": ["yes"], "role_family": ["sales_marketing"]}
    assert posting["fields"]["title"] == "Platform Engineer" == title.text()  # kept, saved
    assert win.labels.buttons[("role_family", "sales_marketing")].isChecked()
    qtbot.keyClick(title, Qt.Key.Key_4, ALT)  # data replaces sales marketing
    qtbot.keyClick(title, Qt.Key.Key_1, ALT)  # yes again clears it
    assert win.store.records.get(win.pid)["labels"] == {"role_family": ["data"]}  # type: ignore[arg-type]
    win.labels.buttons[("role_family", "engineering")].click()
    assert win.store.records.get(win.pid)["labels"]["role_family"] == ["engineering"]  # type: ignore[arg-type]


def test_spans_by_selection_and_key_overlap_relabel_delete_undo(win: ReviewWindow,
                                                                qtbot) -> None:  # type: ignore[no-untyped-def]
    doc = win.document
    _select(win, "Kafka and Kubernetes")
    qtbot.keyClick(doc, Qt.Key.Key_2, CTRL)  # TOOL
    _select(win, "Kubernetes", trim=2)  # "bernet": snapped to the word
    qtbot.keyClick(doc, Qt.Key.Key_1, CTRL)  # SKILL, inside the TOOL span
    assert _spans(win) == [("Kafka and Kubernetes", "TOOL", "accepted"),
                           ("Kubernetes", "SKILL", "accepted")]
    # both drawn (once events are handled): the inner one's tint, the outer one's underline
    qtbot.waitUntil(lambda: len([m for m in doc.spans if m[0]["id"] is not None]) == 2)
    drawn = {m[0]["label"]: (m[1], m[2]) for m in doc.spans if m[0]["id"] is not None}
    a, _b = drawn["SKILL"]
    inner = next(fmt for s, e, fmt in doc._segments if s <= a < e)
    assert inner.background().color() == doc.label_tint("SKILL")
    assert inner.underlineColor().name() == win.spans.colors["TOOL"]
    assert "SKILL" in inner.toolTip() and "TOOL" in inner.toolTip()

    skill = next(s for s in win.store.records.get(win.pid)["spans"] if s["label"] == "SKILL")  # type: ignore[arg-type]
    win.spans.menu([skill], QPoint(0, 0))
    _menu_action(win.spans.span_menu, "QUALIFICATION").trigger()
    tool = next(s for s in win.store.records.get(win.pid)["spans"] if s["label"] == "TOOL")  # type: ignore[arg-type]
    win.spans.menu([tool], QPoint(0, 0))
    _menu_action(win.spans.span_menu, "Delete the span").trigger()
    assert _spans(win) == [("Kubernetes", "QUALIFICATION", "accepted")]

    while win.undo_stack.canUndo():
        win.undo_stack.undo()
    assert _spans(win) == []
    qtbot.waitUntil(lambda: all(m[0]["id"] is None for m in win.document.spans))
    while win.undo_stack.canRedo():
        win.undo_stack.redo()
    assert _spans(win) == [("Kubernetes", "QUALIFICATION", "accepted")]


def test_a_selection_is_needed_to_label_a_span(win: ReviewWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    shown: list[tuple[str, int]] = []
    win.spans.message.connect(lambda text, ms: shown.append((text, ms)))
    win.document.setFocus()
    qtbot.keyClick(win.document, Qt.Key.Key_1, CTRL)
    assert _spans(win) == [] and shown == [("Select some words of the posting first.", 6000)]
    assert win.statusBar().currentMessage() == "Select some words of the posting first."


def test_suggested_skills_are_accepted_or_rejected_in_one_key(win: ReviewWindow,
                                                              qtbot) -> None:  # type: ignore[no-untyped-def]
    skills = win.posting["machine"]["skills"]["spans"]  # type: ignore[index]
    suggested = [m for m in win.document.spans if m[0]["state"] == "suggested"]
    assert len(suggested) == len(skills) > 3
    qtbot.keyClick(win.queue, Qt.Key.Key_A, CTRL | Qt.KeyboardModifier.ShiftModifier)
    accepted = _spans(win)
    assert len(accepted) == len(skills) and {s[1:] for s in accepted} == {("SKILL", "accepted")}
    qtbot.waitUntil(lambda: not [m for m in win.document.spans if m[0]["state"] == "suggested"])
    win.undo_stack.undo()
    assert _spans(win) == []
    qtbot.keyClick(win.queue, Qt.Key.Key_D, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert {s[2] for s in _spans(win)} == {"rejected"}
    qtbot.waitUntil(lambda: not [m for m in win.document.spans if m[0]["state"] == "suggested"])
    assert not [m for m in win.document.spans if m[0]["state"] == "rejected"]


def test_labels_and_spans_reach_every_export(win: ReviewWindow, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    doc = win.document
    _select(win, "Kafka and Kubernetes")
    qtbot.keyClick(doc, Qt.Key.Key_2, CTRL)
    _select(win, "Kubernetes")
    qtbot.keyClick(doc, Qt.Key.Key_1, CTRL)
    qtbot.keyClick(win.queue, Qt.Key.Key_6, ALT)  # role family: sales marketing
    pid = win.pid
    store = win.store
    text = store.records.get(pid)["cleaned"]  # type: ignore[arg-type]
    # the skills still suggested, accepted with the rest by the key
    suggested = [(text[s["start"]:s["end"]], "SKILL") for s in win.spans.suggested(win.posting)]
    assert suggested
    qtbot.keyClick(win.queue, Qt.Key.Key_Return, CTRL)  # accept and go on: reviewed
    expected = sorted([("Kafka and Kubernetes", "TOOL"), ("Kubernetes", "SKILL"), *suggested])

    out = tmp_path / "all.jsonl"
    export(store.records.all(True), "jsonl", out)
    (row,) = [json.loads(line) for line in out.read_text().splitlines()]
    assert sorted((s["text"], s["label"]) for s in row["spans"]) == expected
    assert all(row["text"][s["start"]:s["end"]] == s["text"] for s in row["spans"])
    assert row["labels"] == {"role_family": ["sales_marketing"]}

    export(store.records.all(True), "prodigy", tmp_path / "p.jsonl")
    (task,) = [json.loads(line) for line in (tmp_path / "p.jsonl").read_text().splitlines()]
    assert sorted((task["text"][s["start"]:s["end"]], s["label"]) for s in task["spans"]) == \
        expected
    assert task["accept"] == ["role_family=sales_marketing"]
    assert task["answer"] == "accept"  # no word left unknown

    export(store.records.all(True), "labelstudio", tmp_path / "ls.json")
    (ls,) = json.loads((tmp_path / "ls.json").read_text())
    result = ls["annotations"][0]["result"]
    spans = sorted((r["value"]["text"], r["value"]["labels"][0]) for r in result
                   if r["type"] == "labels")
    assert spans == expected
    assert all(text[r["value"]["start"]:r["value"]["end"]] == r["value"]["text"]
               for r in result if r["type"] == "labels")
    assert [r["value"]["choices"] for r in result if r["type"] == "choices"] == [
        ["sales_marketing"]]

    spacy = pytest.importorskip("spacy")
    from spacy.tokens import DocBin

    export(store.records.all(True), "spacy", tmp_path / "d.spacy")
    (parsed,) = DocBin().from_disk(tmp_path / "d.spacy").get_docs(spacy.blank("en").vocab)
    assert sorted((s.text, s.label_) for s in parsed.spans["sc"]) == expected
    assert parsed.cats == {"role_family=sales_marketing": 1.0}


def test_the_stats_view_draws_what_was_done(win: ReviewWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(win.queue, Qt.Key.Key_6, ALT)  # role family: sales marketing
    qtbot.keyClick(win.queue, Qt.Key.Key_A, CTRL | Qt.KeyboardModifier.ShiftModifier)
    skills = len(_spans(win))
    win.fields.editors["company"].editor.setText("Someone Else")
    win.flow.set_field("company", "Someone Else")
    qtbot.keyClick(win.queue, Qt.Key.Key_Return, CTRL)
    qtbot.keyClick(win.queue, Qt.Key.Key_T, CTRL | Qt.KeyboardModifier.ShiftModifier)
    view = win.stats_view
    qtbot.waitUntil(lambda: bool(view.charts), timeout=10_000)
    charts = {c.title: dict(c.bars) for c in view.charts}
    assert charts["Postings by status"]["Reviewed"][0][0] == 1
    assert sum(v for _day, parts in charts["Reviewed each day (last three weeks)"].items()
               for v, _c in parts) == 1
    assert charts["Label “role family”"]["sales marketing"][0][0] == 1
    assert charts["Spans per label"]["SKILL"][0][0] == skills
    judged = charts["How reviewers judged each machine suggestion (reviewed postings)"]
    assert [v for v, _c in judged["Company"]] == [0, 1, 0, 0]  # corrected
    assert judged["Title"][0][0] == 1  # accepted
    assert "1 reviewed" in view.status.text()
    view.grab()  # paints without error
    view.close()


def test_the_schema_dialog_renames_asks_before_removing_and_refuses_taken_keys(
        win: ReviewWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(win.queue, Qt.Key.Key_6, ALT)  # role family: sales marketing
    _select(win, "Kubernetes")
    qtbot.keyClick(win.document, Qt.Key.Key_1, CTRL)  # SKILL
    win.edit_schema()
    dialog = win.schema_dialog
    dialog.list.setCurrentRow(1)  # role family
    dialog.table.item(3, 0).setText("sales")  # sales marketing, renamed
    dialog.list.setCurrentRow(2)  # spans
    dialog.table.item(0, 0).setText("HARD_SKILL")
    dialog.table.item(1, 2).setText("Ctrl+E")  # TOOL's key: taken by "put the selection"
    dialog.save()
    assert "Ctrl+E" in dialog.problem.text() and not dialog.result()
    dialog.table.item(1, 2).setText("Ctrl+2")
    dialog.list.setCurrentRow(0)  # relevant: removed, unused
    dialog._remove_question()
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted
    posting = win.store.records.get(win.pid)  # type: ignore[arg-type]
    assert posting["labels"] == {"role_family": ["sales"]}
    assert [s["label"] for s in posting["spans"]] == ["HARD_SKILL"]
    assert ("role_family", "sales") in win.labels.buttons and "HARD_SKILL" in win.spans.colors
    assert "relevant" not in {q.name for q in win.schema}

    win.edit_schema()
    dialog = win.schema_dialog
    dialog.list.setCurrentRow(0)  # role family
    dialog.table.selectRow(3)
    dialog._remove_option()  # sales, in use
    dialog.save()
    assert "removes 1 labels" in dialog.problem.text() and "Press Save again" in \
        dialog.problem.text()
    assert win.store.records.get(win.pid)["labels"] == {"role_family": ["sales"]}  # type: ignore[arg-type]
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert win.store.records.get(win.pid)["labels"] == {}  # type: ignore[arg-type]


def test_a_comment_is_saved_when_left_and_undone(win: ReviewWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    comment = win.labels.comment
    # a comment is paragraphs, not a list's items: no bullet beside them, its whole width
    assert comment.viewportMargins().left() == 0
    comment.setFocus()
    qtbot.keyClicks(comment, "pay looks monthly")
    assert win.store.records.get(win.pid)["comment"] == ""  # type: ignore[arg-type]
    win.queue.setFocus()
    assert win.store.records.get(win.pid)["comment"] == "pay looks monthly"  # type: ignore[arg-type]
    win.undo_stack.undo()
    assert win.store.records.get(win.pid)["comment"] == "" and comment.toPlainText() == ""  # type: ignore[arg-type]


def test_a_comment_another_program_saved_meanwhile_is_kept_beside_the_one_typed(
        win: ReviewWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Two windows on one posting: the comment typed in this one was saved over the
    one the other had saved meanwhile, which was gone (each window said saved)."""
    comment = win.labels.comment
    comment.setFocus()
    qtbot.keyClicks(comment, "pay looks monthly")
    with Store(win.store.path, reviewer="ben") as other:
        other.postings.set_comment(win.pid, "the title is wrong")  # type: ignore[arg-type]
    win.queue.setFocus()
    saved = win.store.records.get(win.pid)["comment"]  # type: ignore[arg-type]
    assert "the title is wrong" in saved and "pay looks monthly" in saved
    assert comment.toPlainText() == saved  # shown as it is in the file
    assert "another program" in win.statusBar().currentMessage()
    win.undo_stack.undo()  # back to what the file held before this window's edit
    assert win.store.records.get(win.pid)["comment"] == "the title is wrong"  # type: ignore[arg-type]


def test_clicking_a_span_offers_to_relabel_or_delete_it(win: ReviewWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    _select(win, "Kafka and Kubernetes")
    qtbot.keyClick(win.document, Qt.Key.Key_2, CTRL)
    qtbot.waitUntil(lambda: any(m[0]["id"] for m in win.document.spans))
    _span, a, _b = next(m for m in win.document.spans if m[0]["id"])
    cursor = QTextCursor(win.document.document())
    cursor.setPosition(a + 2)
    win.document.setTextCursor(cursor)  # no selection
    spot = win.document.cursorRect(cursor).center()
    qtbot.mouseDClick(win.document.viewport(), Qt.MouseButton.LeftButton, pos=spot)
    qtbot.wait(QApplication.doubleClickInterval() + 50)
    assert win.spans.span_menu is None  # a double-click selects; it opens no menu
    qtbot.mouseClick(win.document.viewport(), Qt.MouseButton.LeftButton, pos=spot)
    qtbot.waitUntil(lambda: win.spans.span_menu is not None)
    assert _menu_action(win.spans.span_menu, "Delete the span") is not None
    assert _menu_action(win.spans.span_menu, "SKILL") is not None  # relabel
    win.spans.span_menu.close()


def test_a_comment_being_typed_is_saved_when_a_key_moves_on(win: ReviewWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    first = win.pid
    comment = win.labels.comment
    comment.setFocus()
    qtbot.keyClicks(comment, "check the pay")
    qtbot.keyClick(comment, Qt.Key.Key_1, CTRL)  # a span key, no selection: nothing labelled
    qtbot.keyClick(comment, Qt.Key.Key_S, CTRL | Qt.KeyboardModifier.ShiftModifier)  # skip
    assert win.pid != first
    assert win.store.records.get(first)["comment"] == "check the pay"  # type: ignore[arg-type]


def test_a_label_key_pressed_while_typing_a_comment_keeps_the_comment_as_typed(
        win: ReviewWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    """The label saved, the panel was shown again: the comment box was rewritten, its
    caret put at the start, and what was typed next saved in front of the rest."""
    comment = win.labels.comment
    comment.setFocus()
    qtbot.keyClicks(comment, "Looks fine but ")
    qtbot.keyClick(comment, Qt.Key.Key_1, ALT)  # relevant: yes
    qtbot.keyClicks(comment, "salary is missing")
    assert comment.toPlainText() == "Looks fine but salary is missing"
    win.document.setFocus()  # leaving the comment saves it
    posting = win.store.records.get(win.pid)  # type: ignore[arg-type]
    assert posting["comment"] == "Looks fine but salary is missing"
    assert posting["labels"] == {"relevant": ["yes"]}


def test_suggestions_follow_the_skills_field_and_stay_decided(win: ReviewWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    count = len(win.spans.suggested(win.posting))  # type: ignore[arg-type]
    assert count > 3
    qtbot.keyClick(win.queue, Qt.Key.Key_A, CTRL | Qt.KeyboardModifier.ShiftModifier)
    first = win.store.records.get(win.pid)["spans"][0]  # type: ignore[arg-type]
    win.spans.menu([first], QPoint(0, 0))
    _menu_action(win.spans.span_menu, "Delete the span").trigger()  # the machine's: rejected
    assert win.spans.suggested(win.posting) == []  # type: ignore[arg-type]
    assert len([s for s in _spans(win) if s[2] == "accepted"]) == count - 1
    win.undo_stack.undo()
    win.undo_stack.undo()
    assert len(win.spans.suggested(win.posting)) == count  # type: ignore[arg-type]
    win.fields.rejected.emit("skills")  # the posting has no skills: nothing to suggest
    assert win.spans.suggested(win.posting) == []  # type: ignore[arg-type]


def test_accept_all_by_key_accepts_the_suggested_spans_shown_too(
        win: ReviewWindow, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Ctrl+Enter accepts all the machine offered on the posting shown, its suggested
    spans too, in one edit (one undo takes both back): a posting reviewed so has no
    words left unknown, and its Prodigy task is an ``accept`` with those spans."""
    pid = win.pid
    shown = {(m[0]["start"], m[0]["end"]) for m in win.document.spans
             if m[0]["state"] == "suggested"}
    assert len(shown) > 3
    qtbot.keyClick(win.queue, Qt.Key.Key_Return, CTRL)  # accept and go on
    posting = win.store.records.get(pid)  # type: ignore[arg-type]
    assert posting["status"] == "reviewed"
    assert {(s["start"], s["end"]) for s in posting["spans"]} == shown
    assert {(s["label"], s["state"]) for s in posting["spans"]} == {("SKILL", "accepted")}
    assert win.spans.suggested(posting) == []
    out = tmp_path / "p.jsonl"
    export(win.store.records.all(True), "prodigy", out)
    task = next(t for line in out.read_text().splitlines()
                if (t := json.loads(line))["meta"]["id"] == pid)
    assert task["answer"] == "accept" and len(task["spans"]) == len(shown)
    win.undo_stack.undo()
    posting = win.store.records.get(pid)  # type: ignore[arg-type]
    assert posting["spans"] == [] and posting["status"] != "reviewed"


def test_what_the_window_still_suggests_the_exports_call_unknown(
        win: ReviewWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    """The skills accepted with the rest, not in the window (as a bulk edit does): the
    window still suggests their spans, and the exports take exactly those words for
    unknown, not for "no entity"."""
    from reviewer.core.records import unsettled_spans
    from reviewer.core.store.records import record_of

    pid = win.pid
    win.store.decisions.accept_all(pid)  # type: ignore[arg-type]
    posting = win.store.records.get(pid)  # type: ignore[arg-type]
    assert posting["status"] == "reviewed" and posting["provenance"]["skills"] == "accepted"
    shown = [(s["start"], s["end"]) for s in win.spans.suggested(posting)]
    assert len(shown) > 3 and unsettled_spans(record_of(posting)) == shown
    win.store.spans.add_many(pid, [(*shown[0], "SKILL")], "machine", "rejected")  # one less
    posting = win.store.records.get(pid)  # type: ignore[arg-type]
    shown = [(s["start"], s["end"]) for s in win.spans.suggested(posting)]
    assert unsettled_spans(record_of(posting)) == shown and len(shown) > 2


def test_the_shortcut_dialog_refuses_a_label_key(win: ReviewWindow) -> None:
    from PySide6.QtGui import QKeySequence
    from PySide6.QtWidgets import QDialogButtonBox

    win.action_table.edit_shortcuts()
    dialog = win.action_table.shortcut_dialog
    dialog.editors["next"].setKeySequence(QKeySequence("Ctrl+1"))
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    assert "Label the selection SKILL" in dialog.problem.text()
    dialog.reject()


def test_closing_the_stats_before_its_figures_come_is_quiet(win: ReviewWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QThreadPool

    win.show_stats()
    win.stats_view.close()
    QThreadPool.globalInstance().waitForDone()
    qtbot.wait(50)  # the figures arrive for a deleted view: dropped, no error
    win.show_stats()
    qtbot.waitUntil(lambda: bool(win.stats_view.charts), timeout=10_000)


def test_a_question_made_single_choice_asks_when_postings_hold_several_answers(
        win: ReviewWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    """The answers are kept (nothing a person did is dropped), but not without saying
    so: the export would write two answers to a question that takes one."""
    schema = win.store.labels.schema()
    role = next(q for q in schema if q.name == "role_family")
    role.kind = "multi"
    win.store.labels.save_schema(schema)
    win.store.labels.answer(1, "role_family", [o.name for o in role.options[:2]])
    win.edit_schema()
    dialog = win.schema_dialog
    dialog.list.setCurrentRow(next(i for i, q in enumerate(dialog.questions)
                                   if q["name"] == "role_family"))
    dialog.kind.setCurrentIndex(dialog.kind.findData("single"))
    dialog.save()
    assert "1 posting answers role_family with several options" in dialog.problem.text()
    assert "Press Save again" in dialog.problem.text() and not dialog.result()
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert len(win.store.records.get(1)["labels"]["role_family"]) == 2  # kept


def test_choosing_one_of_two_answers_kept_for_a_single_choice_leaves_that_one(
        win: ReviewWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    """A question made single choice keeps a posting's two answers until one is
    chosen: the key of one of them took it away and left the other (the option not
    pressed), as a multiple choice would."""
    schema = win.store.labels.schema()
    role = next(q for q in schema if q.name == "role_family")
    role.kind = "multi"
    win.store.labels.save_schema(schema)
    win.store.labels.answer(win.pid, "role_family", ["data", "engineering"])  # type: ignore[arg-type]
    role.kind = "single"
    win.store.labels.save_schema(schema)
    win.set_schema(win.store.labels.schema())
    win.flow.show(win.pid)  # type: ignore[arg-type]
    assert win.labels.buttons[("role_family", "data")].isChecked()
    assert win.labels.buttons[("role_family", "engineering")].isChecked()
    win.queue.setFocus()
    qtbot.keyClick(win.queue, Qt.Key.Key_3, ALT)  # role family: engineering
    assert win.store.records.get(win.pid)["labels"]["role_family"] == ["engineering"]  # type: ignore[arg-type]
    assert not win.labels.buttons[("role_family", "data")].isChecked()
    qtbot.keyClick(win.queue, Qt.Key.Key_3, ALT)  # the one answer: cleared, as before
    assert "role_family" not in win.store.records.get(win.pid)["labels"]  # type: ignore[arg-type]


def test_an_adjudicated_skills_field_suggests_its_own_spans(win: ReviewWindow) -> None:
    """Where reviewers differed and a ruling chose the skills, the spans suggested are
    the ruling's evidence (as the exports take it), not the machine's."""
    posting = dict(win.posting)  # type: ignore[arg-type]
    machine = posting["machine"]["skills"]["spans"]
    assert len(machine) > 1
    kept = machine[:1]
    posting["provenance"] = {**posting["provenance"], "skills": "adjudicated"}
    posting["human"] = {**posting["human"], "skills": {
        "state": "adjudicated", "value": ["x"], "spans": kept, "updated_at": ""}}
    assert [[s["start"], s["end"]] for s in win.spans.suggested(posting)] == kept


def test_ctrl_z_in_a_saved_comment_undoes_the_last_edit_not_the_typing(
        win: ReviewWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    """A comment typed, then a label key (which saves the comment first): Ctrl+Z in the
    comment box undoes the label, as it does in a field; the box's own undo emptied it,
    and leaving it saved the empty comment."""
    comment = win.labels.comment
    comment.setFocus()
    qtbot.keyClicks(comment, "check salary")
    qtbot.keyClick(comment, Qt.Key.Key_1, ALT)  # relevant: yes (the comment saved first)
    qtbot.keyClick(comment, Qt.Key.Key_Z, CTRL)
    win.document.setFocus()
    posting = win.store.records.get(win.pid)  # type: ignore[arg-type]
    assert (posting["comment"], posting["labels"]) == ("check salary", {})


def test_a_suggested_span_taken_from_its_menu_after_the_text_changed_is_refused(
        win: ReviewWindow, project: Path) -> None:
    """Another program read the page again (its text moved) while the posting was shown:
    accepting one suggested span from its menu is refused, as the other span edits are,
    not saved over other words."""
    import sqlite3

    suggested = win.spans.suggested(win.posting)  # type: ignore[arg-type]
    other = sqlite3.connect(project)
    other.execute("UPDATE postings SET cleaned = 'A new first line\n\n' || cleaned WHERE id = ?",
                  (win.pid,))
    other.commit()
    other.close()
    win.spans.menu(suggested[:1], QPoint(0, 0))
    _menu_action(win.spans.span_menu, "Accept as SKILL").trigger()
    assert win.store.records.get(win.pid)["spans"] == []  # type: ignore[arg-type]


def test_a_schema_changed_by_another_program_is_refused_then_shown(
        win: ReviewWindow, project: Path) -> None:
    """Another program drops the option "no" while the window shows it: choosing it is
    refused, saying why, and the window shows the schema as the file has it."""
    from reviewer.core.labels import Option, Question

    with Store(project) as other:
        other.labels.save_schema([Question("relevant", "single", [Option("yes")]),
                                  Question("spans", "span", [Option("SKILL")])])
    win.labels.toggle(next(q for q in win.schema if q.name == "relevant"), "no")
    assert win.store.records.get(win.pid)["labels"] == {}  # type: ignore[arg-type]
    assert "label schema has no" in win.statusBar().currentMessage()
    assert [q.name for q in win.schema] == ["relevant", "spans"]
    assert win.action_table.span_label_actions and all(
        "TOOL" not in a.text() for a in win.action_table.span_label_actions)


def test_an_undo_or_redo_of_an_option_removed_elsewhere_is_refused_and_said(
        win: ReviewWindow, qtbot, project: Path) -> None:  # type: ignore[no-untyped-def]
    """Another program removed "yes" from the schema: Ctrl+Z put back the answer "yes"
    (stored, exported, though the schema has it no more), and a redo of it raised from
    inside Qt's undo stack, said nowhere."""
    win.queue.setFocus()
    qtbot.keyClick(win.queue, Qt.Key.Key_1, ALT)  # relevant: yes
    qtbot.keyClick(win.queue, Qt.Key.Key_2, ALT)  # relevant: no (yes goes)
    with Store(project) as other:
        schema = other.labels.schema()
        relevant = next(q for q in schema if q.name == "relevant")
        relevant.options = [o for o in relevant.options if o.name != "yes"]
        other.labels.save_schema(schema)
    stack = win.flow.undo_stack
    stack.undo()  # would put "yes" back
    assert win.store.records.get(win.pid)["labels"].get("relevant") != ["yes"]  # type: ignore[arg-type]
    assert "not undone" in win.statusBar().currentMessage()
    stack.undo()  # the first answer, "yes", undone: none
    stack.redo()  # would put "yes" back
    assert win.store.records.get(win.pid)["labels"].get("relevant") != ["yes"]  # type: ignore[arg-type]


def test_each_labelling_key_says_what_it_did(win: ReviewWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    """"Labelled SKILL." stayed after Alt+1 and Alt+3 answered questions; "Redone …"
    after Ctrl+Enter accepted another posting; Ctrl+Shift+A said nothing at all."""
    bar = win.statusBar()
    _select(win, "Kafka and Kubernetes")
    qtbot.keyClick(win.document, Qt.Key.Key_1, CTRL)
    assert bar.currentMessage() == "Labelled SKILL."
    qtbot.keyClick(win.document, Qt.Key.Key_1, ALT)  # relevant: yes
    assert bar.currentMessage() == "Relevant: yes."
    qtbot.keyClick(win.document, Qt.Key.Key_3, ALT)  # role family: engineering
    assert bar.currentMessage() == "Role family: engineering."
    qtbot.keyClick(win.document, Qt.Key.Key_3, ALT)  # cleared
    assert bar.currentMessage() == "Role family: no answer."
    qtbot.keyClick(win.document, Qt.Key.Key_A, CTRL | Qt.KeyboardModifier.ShiftModifier)
    said = bar.currentMessage()
    assert said.startswith("Accepted ") and "suggested spans" in said
    qtbot.keyClick(win.document, Qt.Key.Key_D, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert bar.currentMessage() == "No suggested spans left in this posting."
    win.undo_stack.undo()
    win.undo_stack.redo()
    assert bar.currentMessage().startswith("Redone")
    pid = win.pid
    qtbot.keyClick(win.document, Qt.Key.Key_Return, CTRL)  # accept all and go on
    assert win.pid != pid
    assert bar.currentMessage() == f"Posting {pid} accepted: marked reviewed."


def test_a_schema_change_that_renames_or_removes_nothing_keeps_the_undo(
        win: ReviewWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    """A colour changed and an option added cleared the undo history: the span labelled
    just before could no longer be taken back."""
    _select(win, "Kubernetes")
    qtbot.keyClick(win.document, Qt.Key.Key_1, CTRL)  # SKILL
    assert _spans(win) == [("Kubernetes", "SKILL", "accepted")]
    win.edit_schema()
    dialog = win.schema_dialog
    dialog.list.setCurrentRow(2)  # the span labels
    dialog.table.item(1, 1).setText("#123456")  # TOOL's colour
    dialog._add_option()
    dialog._move(-1)  # the span labels before role family
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted, dialog.problem.text()
    assert win.spans.colors["TOOL"] == "#123456"
    assert win.undo_stack.canUndo()
    win.undo_stack.undo()
    assert _spans(win) == []
    win.undo_stack.redo()
    assert _spans(win) == [("Kubernetes", "SKILL", "accepted")]


def test_removing_labels_says_it_cannot_be_undone(win: ReviewWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    win.queue.setFocus()
    qtbot.keyClick(win.queue, Qt.Key.Key_1, ALT)  # relevant: yes
    win.edit_schema()
    dialog = win.schema_dialog
    dialog.list.setCurrentRow(0)  # relevant
    dialog.table.selectRow(0)
    dialog._remove_option()  # yes, in use
    dialog.save()
    assert "cannot be undone" in dialog.problem.text(), dialog.problem.text()
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert not win.undo_stack.canUndo()
    assert "can no longer be undone" in win.statusBar().currentMessage()
