"""Adjudication in the window: a posting whose reviewers differ is listed by the
"Reviewers disagree" filter, shows each reviewer's value beside the machine's, and is
decided by keyboard (a reviewer's value with Ctrl+Alt+N, a question with its option
keys, or a value typed); it leaves the filter when nothing differs, and undo brings it
back."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication

from reviewer.core.store import Store
from reviewer.gui.actions import fixed_keys
from reviewer.gui.window import ReviewWindow

ALT_CTRL = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier


def _field(value: Any, state: str = "corrected") -> dict[str, Any]:
    return {"state": state, "value": value, "spans": []}


@pytest.fixture
def disputed(project: Path) -> Path:
    """The samples, posting 2 reviewed by ana and ben, who differ on its title, its
    seniority and whether it is relevant, and agree on its company."""
    return _merged(project, [
        (2, "ana", "field", "title", _field("Data Engineer")),
        (2, "ben", "field", "title", _field("Senior Data Engineer")),
        (2, "ana", "field", "seniority", _field("mid")),
        (2, "ben", "field", "seniority", _field(None, "rejected")),
        (2, "ana", "field", "company", _field("Acme")),
        (2, "ben", "field", "company", _field("ACME", "accepted")),
        (2, "ana", "label", "relevant", ["yes"]),
        (2, "ben", "label", "relevant", ["no"])])


def _merged(project: Path, rows: list[tuple[int, str, str, str, object]]) -> Path:
    """``project`` with reviewers' values as a merge leaves them: (posting, reviewer,
    kind, key, value), the postings' disagreement marks worked out."""
    with Store(project, reviewer="lead") as store:
        store.reviews.put([(pid, who, kind, key, json.dumps(value), "t")
                           for pid, who, kind, key, value in rows])
        store.reviews.refresh(sorted({row[0] for row in rows}))
    return project


def _disputed_window(open_window: Any, project: Path) -> ReviewWindow:
    """The window on ``project``, listing the postings whose reviewers disagree."""
    window: ReviewWindow = open_window(project)
    _filter(window, "disagreement")
    return window


def _disagreements(window: ReviewWindow) -> list[int]:
    return list(window.store.queue.ids(field_state="disagreement"))


def _filter(window: ReviewWindow, state: str | None) -> None:
    combo = window.queue_pane.state_filter
    combo.setCurrentIndex(combo.findData(state))


def test_the_window_shows_each_reviewer_s_value_beside_the_machine_s(
        disputed: Path, open_window: Any) -> None:
    window = _disputed_window(open_window, disputed)
    assert window.model.rowCount() == 1 and window.pid == 2
    machine = window.posting["machine"]["title"]["value"]  # type: ignore[index]
    title = window.adjudication.lines["title"]
    assert title.isVisible() and title.textFormat() == Qt.TextFormat.PlainText
    assert title.text() == (f"① ana: Data Engineer · ② ben: Senior Data Engineer · "
                            f"machine: {machine}")
    assert window.adjudication.lines["seniority"].text() == (
        "① ana: mid · ② ben: no value · machine: junior")
    assert not window.adjudication.lines["company"].isVisible()  # they agree
    assert window.labels.reviewers["relevant"].text() == "Reviewers: ① ana: yes · ② ben: no"
    banner = window.adjudication.banner.text()
    assert "differ on Title, Seniority, question relevant." in banner
    assert "Ctrl+Alt+1 ana · Ctrl+Alt+2 ben" in banner
    window.queue_pane.go_next()  # a posting without reviewers' values: nothing of this
    _filter(window, None)
    window.queue_pane.select_row(0)
    assert not window.adjudication.banner.isVisible()
    assert not any(line.isVisible() for line in window.adjudication.lines.values())
    assert not window.adjudication.keys[0].isEnabled()


def test_adjudicating_by_keyboard_then_undo(disputed: Path, open_window: Any,
                                            qtbot: Any) -> None:
    window = _disputed_window(open_window, disputed)
    assert window.pid == 2
    qtbot.keyClick(window.document, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)
    title = window.fields.editors["title"].editor
    assert QApplication.focusWidget() is title
    qtbot.keyClick(title, Qt.Key.Key_2, ALT_CTRL)  # ben's title
    posting = window.posting
    assert posting is not None and posting["fields"]["title"] == "Senior Data Engineer"
    assert posting["provenance"]["title"] == "adjudicated"
    assert window.fields.editors["title"].mark.text() == "⚖"
    assert window.store.history.posting_events(2)[0][1:3] == (window.store.reviewer,
                                                              "adjudicated_field")
    window.flow.accept_and_next()  # refused: the reviewers still differ
    assert window.pid == 2 and window.store.records.get(2)["status"] == "new"
    assert "Seniority, relevant" in window.statusBar().currentMessage()
    qtbot.keyClick(window.document, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_1, ALT_CTRL)  # ana's seniority
    assert window.posting["fields"]["seniority"] == "mid"  # type: ignore[index]
    assert _disagreements(window) == [2]  # the question is left
    qtbot.keyClick(window.document, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)  # yes
    assert window.posting["labels"] == {"relevant": ["yes"]}  # type: ignore[index]
    assert _disagreements(window) == []  # nothing differs: it leaves the filter
    assert "all decided" in window.adjudication.banner.text()
    window.queue_pane.search()
    assert window.model.rowCount() == 0
    window.undo_stack.undo()  # the answer
    assert _disagreements(window) == [2]
    window.undo_stack.undo()  # the seniority
    window.undo_stack.undo()  # the title
    assert "title" not in window.store.records.get(2)["human"]
    assert _disagreements(window) == [2]
    window.queue_pane.search()
    assert window.model.rowCount() == 1
    window.undo_stack.redo()  # ben's title again
    assert window.store.records.get(2)["fields"]["title"] == "Senior Data Engineer"


def test_with_no_field_focused_a_key_takes_the_first_field_left(
        disputed: Path, open_window: Any, qtbot: Any) -> None:
    window = _disputed_window(open_window, disputed)
    qtbot.keyClick(window.queue, Qt.Key.Key_2, ALT_CTRL)
    assert window.store.records.get(2)["fields"]["title"] == "Senior Data Engineer"
    qtbot.keyClick(window.queue, Qt.Key.Key_2, ALT_CTRL)  # then the next: seniority
    assert window.store.records.get(2)["human"]["seniority"] == {
        "state": "adjudicated", "value": None, "spans": [],
        "updated_at": window.store.records.get(2)["human"]["seniority"]["updated_at"]}
    qtbot.keyClick(window.queue, Qt.Key.Key_1, ALT_CTRL)  # no field is left: the question
    assert window.statusBar().currentMessage().startswith(
        "Reviewers differ on question relevant: answer it with its option keys")


def test_back_in_the_document_a_key_leaves_the_field_just_decided(
        disputed: Path, open_window: Any, qtbot: Any) -> None:
    """Alt+T, Ctrl+Alt+2 took ben's title; then Esc, Ctrl+Alt+1 took ana's in its place:
    the key acted on the field last focused, decided already. With the focus on no
    field it acts on the first field still undecided; none left, it says so and changes
    nothing."""
    window = _disputed_window(open_window, disputed)
    qtbot.keyClick(window.document, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_2, ALT_CTRL)
    assert window.store.records.get(2)["fields"]["title"] == "Senior Data Engineer"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert window.document.hasFocus()
    qtbot.keyClick(window.document, Qt.Key.Key_1, ALT_CTRL)
    stored = window.store.records.get(2)
    assert stored["fields"]["title"] == "Senior Data Engineer"  # still ben's
    assert stored["human"]["seniority"]["value"] == "mid"  # ana's: the field left
    qtbot.keyClick(window.document, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)  # yes
    steps = window.undo_stack.count()
    qtbot.keyClick(window.document, Qt.Key.Key_1, ALT_CTRL)
    assert window.statusBar().currentMessage() == (
        "Reviewers differ on nothing of this posting that is left to decide.")
    assert window.undo_stack.count() == steps
    assert window.store.records.get(2)["fields"]["title"] == "Senior Data Engineer"


def test_a_value_typed_into_a_disputed_field_is_adjudicated(disputed: Path, open_window: Any,
                                                            qtbot: Any) -> None:
    window = _disputed_window(open_window, disputed)
    editor = window.fields.editors["title"]
    editor.focus()
    editor.editor.setText("Lead Data Engineer")  # type: ignore[attr-defined]
    window.focus_document()  # leaving the field saves it
    human = window.store.records.get(2)["human"]["title"]
    assert (human["state"], human["value"]) == ("adjudicated", "Lead Data Engineer")
    window.fields.editors["company"].focus()  # not disputed: a correction as always
    window.fields.editors["company"].editor.setText("Acme GmbH")  # type: ignore[attr-defined]
    window.focus_document()
    assert window.store.records.get(2)["human"]["company"]["state"] == "corrected"
    qtbot.keyClick(window.document, Qt.Key.Key_5, ALT_CTRL)  # no reviewer 5
    assert "no reviewer 5 (its reviewers: 1 ana, 2 ben)" in window.statusBar().currentMessage()


def test_the_keys_are_in_the_help_and_held_back_from_remapping(open_window: Any,
                                                              project: Path) -> None:
    window: ReviewWindow = open_window(project)
    assert "Ctrl+Alt+1…9" in window.action_table.help_box().text()
    held = fixed_keys()
    assert all(QKeySequence(f"Ctrl+Alt+{n}").toString() in held for n in range(1, 10))
    combo = window.queue_pane.state_filter
    assert combo.itemText(combo.findData("disagreement")) == "Reviewers disagree"


def test_reviewers_who_gave_the_same_value_share_a_place_on_the_line() -> None:
    from reviewer.gui.adjudication import line

    given = [(1, "ana", {"state": "accepted", "value": "Data Engineer"}),
             (2, "ben", {"state": "corrected", "value": "Senior  data engineer"}),
             (3, "chen", {"state": "corrected", "value": "Senior Data Engineer"})]
    assert line(given, "Data Engineer", with_machine=True) == (
        "① ana: Data Engineer (= machine) · ② ben, ③ chen: Senior data engineer")
    assert line(given[1:], None, with_machine=True) == (
        "② ben, ③ chen: Senior data engineer · machine: no value")
    assert line([(1, "ana", "x" * 80)]).endswith("…") and len(line([(1, "a", "x" * 80)])) < 70


@pytest.fixture
def posting_level(project: Path) -> Path:
    """Posting 3 reviewed by ana and ben: ana flagged it and labelled a span, ben marked
    it reviewed with none; they left different comments."""
    return _merged(project, [
        (3, "ana", "status", "", "flagged"), (3, "ben", "status", "", "reviewed"),
        (3, "ana", "comment", "", "the pay is <b>monthly</b>"),
        (3, "ben", "comment", "", "fine"),
        (3, "ana", "spans", "", [[0, 4, "TOOL"]]), (3, "ben", "spans", "", [])])


def test_a_status_a_comment_and_span_labels_that_differ_are_shown_and_decided(
        posting_level: Path, open_window: Any, qtbot: Any) -> None:
    """Marked a disagreement with nothing shown (no banner, no line) and "Reviewers differ
    on no field" for Ctrl+Alt+1: each is said now, and the keys take a reviewer's."""
    window = _disputed_window(open_window, posting_level)
    assert window.pid == 3
    banner = window.adjudication.banner
    assert banner.isVisible() and banner.textFormat() == Qt.TextFormat.PlainText
    text = banner.text()
    assert "differ on the status, the comment, the span labels." in text
    assert "Status: ① ana: flagged · ② ben: reviewed" in text
    assert "Comment: ① ana: the pay is <b>monthly</b> · ② ben: fine" in text
    assert "Span labels: ① ana: TOOL “Lead” · ② ben: none" in text
    window.document.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_1, ALT_CTRL)  # the first left: the status, ana's
    assert window.store.records.get(3)["status"] == "flagged"
    qtbot.keyClick(window, Qt.Key.Key_2, ALT_CTRL)  # then the comment, ben's
    assert window.store.records.get(3)["comment"] == "fine"
    qtbot.keyClick(window, Qt.Key.Key_2, ALT_CTRL)  # then the span labels: ben's, none
    assert [(s["start"], s["end"], s["label"], s["state"]) for s in
            window.store.records.get(3)["spans"]] == [(0, 4, "TOOL", "rejected")]
    assert window.store.reviews.differing(3) == []
    assert 3 not in _disagreements(window)
    assert "all decided" in banner.text()
    window.undo_stack.undo()  # and ana's instead
    assert window.store.reviews.differing(3) == [("spans", "")]
    qtbot.keyClick(window, Qt.Key.Key_1, ALT_CTRL)
    assert [(s["start"], s["end"], s["label"], s["state"])
            for s in window.store.records.get(3)["spans"]] == [(0, 4, "TOOL", "accepted")]
    assert window.store.reviews.differing(3) == []


def test_span_labels_outside_the_merged_text_are_refused_in_words(
        project: Path, open_window: Any, qtbot: Any) -> None:
    """A reviewer's spans over another cleaned text (the merge said the texts differ):
    Ctrl+Alt+1 raised ValueError, nothing on screen. Now it says why, and changes
    nothing."""
    with Store(project) as store:
        size = len(store.records.get(3)["cleaned"])
    window = _disputed_window(open_window, _merged(project, [
        (3, "ana", "spans", "", [[size + 5, size + 9, "TOOL"]]),
        (3, "ben", "spans", "", [[0, 4, "TOOL"]])]))
    assert window.pid == 3
    window.document.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_1, ALT_CTRL)
    said = window.statusBar().currentMessage()
    assert said.startswith("Take ana's span labels: not done.") and "outside the text" in said
    assert window.store.records.get(3)["spans"] == []


def test_the_keys_and_the_banner_say_what_is_left(project: Path, open_window: Any,
                                                  qtbot: Any) -> None:
    """Only a question left: Ctrl+Alt+1 said "Reviewers differ on nothing of this posting
    that is left to decide". Only the status left: the banner spoke of "the focused
    field"."""
    window = _disputed_window(open_window, _merged(project, [
        (2, "ana", "label", "relevant", ["yes"]), (2, "ben", "label", "relevant", ["no"]),
        (3, "ana", "status", "", "flagged"), (3, "ben", "status", "", "reviewed")]))
    assert window.pid == 2
    window.document.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_1, ALT_CTRL)
    said = window.statusBar().currentMessage()
    assert said.startswith("Reviewers differ on question relevant: answer it with its "
                           "option keys"), said
    window.queue_pane.go_next()
    assert window.pid == 3
    text = window.adjudication.banner.text()
    assert "take that reviewer's status" in text and "focused field" not in text


def test_a_question_the_window_leaves_out_is_decided_by_a_reviewer_s_key(
        project: Path, open_window: Any, qtbot: Any) -> None:
    """A project holding a schema past the limits (made elsewhere), its reviewers differing
    on a question the window does not show: Accept was refused naming the question, and
    nothing in the window could answer it. A reviewer's key takes their answer."""
    import sqlite3

    with sqlite3.connect(project) as conn:
        conn.execute("INSERT INTO label_schema (question, kind, options, position)"
                     " VALUES ('topic', 'multi', ?, 99)",
                     (json.dumps([{"name": f"option {i}"} for i in range(3000)]),))
    window: ReviewWindow = open_window(_merged(project, [
        (2, "ana", "label", "topic", ["option 1"]),
        (2, "ben", "label", "topic", ["option 2"])]))
    assert "topic" not in [q.name for q in window.schema]
    _filter(window, "disagreement")
    assert window.pid == 2
    banner = window.adjudication.banner.text()
    assert "question topic (not shown here: a reviewer's key takes their answer)" in banner
    assert window.adjudication.take(2)
    with Store(project) as store:
        assert store.records.get(2)["labels"]["topic"] == ["option 2"]  # type: ignore[index]
        assert 2 not in store.queue.ids(field_state="disagreement")
    window.undo_stack.undo()
    with Store(project) as store:
        assert "topic" not in store.records.get(2)["labels"]  # type: ignore[operator]


def test_answers_and_span_labels_that_differ_only_in_case_are_shown_and_decided(
        project: Path, open_window: Any, qtbot: Any) -> None:
    """"yes" and "Yes", SKILL and Skill: listed as a disagreement, with no reviewer's value
    shown nor a key to take one, and Accept refused."""
    _merged(project, [
        (2, "ana", "label", "relevant", ["yes"]), (2, "ben", "label", "relevant", ["Yes"]),
        (2, "ana", "spans", "", [[0, 4, "SKILL"]]), (2, "ben", "spans", "", [[0, 4, "Skill"]])])
    window = _disputed_window(open_window, project)
    assert window.pid == 2
    text = window.adjudication.banner.text()
    assert "Span labels: ① ana: SKILL “# Ju” · ② ben: Skill “# Ju”" in text
    assert "① ana: yes · ② ben: Yes" in window.labels.reviewers["relevant"].text()
    window.document.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_1, ALT_CTRL)  # the span labels: ana's
    assert [s["label"] for s in window.store.records.get(2)["spans"]
            if s["state"] == "accepted"] == ["SKILL"]
    window.flow.set_labels("relevant", ["yes"])  # (a question shown: its option keys)
    assert window.store.reviews.differing(2) == []



def test_a_reviewer_s_value_a_merge_changed_since_it_was_shown_is_not_taken(
        disputed: Path, open_window: Any, qtbot: Any) -> None:
    """Shown ana's and ben's titles, then a merge (another program) brought ben's new
    one, the same as ana's: Ctrl+Alt+2 stored ben's old title as adjudicated, a ruling
    no later merge replaces. Now the values are read again in the ruling's own
    transaction: it is refused, and the posting shown again as the file has it."""
    window = _disputed_window(open_window, disputed)
    assert window.pid == 2
    with Store(disputed, reviewer="ben") as other:
        other.reviews.put([(2, "ben", "field", "title",
                            json.dumps(_field("Data Engineer")), "t2")])
        other.decisions.set_field(2, "title", "Data Engineer")
        other.reviews.refresh([2])
    window.document.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_2, ALT_CTRL)
    said = window.statusBar().currentMessage()
    assert said.startswith("Take ben's title: not done. The reviewers' values of Title "
                           "changed since they were shown"), said
    assert said.endswith("shown again, as it is now.")
    human = window.store.records.get(2)["human"]["title"]
    assert (human["state"], human["value"]) == ("corrected", "Data Engineer")
    assert not window.adjudication.lines["title"].isVisible()  # agreed now: no line
    assert window.undo_stack.count() == 0
    qtbot.keyClick(window, Qt.Key.Key_2, ALT_CTRL)  # the next left, as the file has it
    assert window.store.records.get(2)["human"]["seniority"]["state"] == "adjudicated"


def test_a_status_a_merge_changed_since_it_was_shown_is_not_taken(
        posting_level: Path, open_window: Any, qtbot: Any) -> None:
    window = _disputed_window(open_window, posting_level)
    assert window.pid == 3
    with Store(posting_level, reviewer="ben") as other:
        other.reviews.put([(3, "ben", "status", "", json.dumps("skipped"), "t2")])
    window.document.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_2, ALT_CTRL)  # ben's status as it was shown
    said = window.statusBar().currentMessage()
    assert "The reviewers' values of the status changed since" in said, said
    assert window.store.records.get(3)["status"] == "new"
    assert "② ben: skipped" in window.adjudication.banner.text()
    qtbot.keyClick(window, Qt.Key.Key_2, ALT_CTRL)  # as it is now
    assert window.store.records.get(3)["status"] == "skipped"


def test_the_banner_says_how_the_reviewers_span_labels_differ(
        project: Path, open_window: Any) -> None:
    """ana's SKILL over 0–10 and ben's over 5–15 read "① ana, ② ben: 1 (SKILL)", as if
    they agreed, and the document shows neither: a lead chose blind. Each reviewer's
    spans that not all gave are said by their words, the rest counted."""
    with Store(project) as store:
        text = store.records.get(3)["cleaned"]
    python = text.index("Python")
    window = _disputed_window(open_window, _merged(project, [
        (3, "ana", "spans", "", [[0, 10, "SKILL"], [python, python + 6, "TOOL"]]),
        (3, "ben", "spans", "", [[5, 15, "SKILL"], [python, python + 6, "TOOL"]])]))
    assert window.pid == 3
    said = window.adjudication.banner.text().splitlines()[-1]
    words = [" ".join(text[a:b].split()) for a, b in ((0, 10), (5, 15))]
    assert said == (f"Span labels (besides 1 all gave): ① ana: SKILL “{words[0]}” · "
                    f"② ben: SKILL “{words[1]}”")
