"""The fields pane at laptop size: every field's value and state in view without
scrolling, lists on one line, the start of long values, the machine's value beside a
correction, rows that want a look standing out, a key for each field and for rejecting
and reverting it, and each posting starting in the document."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QPointF, QSettings, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QWidget

from reviewer.core.schema import FIELDS
from reviewer.gui.field_rows import attention
from reviewer.gui.list_edit import ListEdit
from reviewer.gui.window import ReviewWindow

ALT, CTRL_SHIFT = (Qt.KeyboardModifier.AltModifier,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)


@pytest.fixture
def win(project: Path, open_window, tmp_path: Path) -> ReviewWindow:  # type: ignore[no-untyped-def]
    window: ReviewWindow = open_window(project, QSettings(str(tmp_path / "s.ini"),
                                                          QSettings.Format.IniFormat))
    window.resize(1366, 768)
    window.queue_pane.select_row(0)
    return window


def _stored(win: ReviewWindow) -> dict[str, Any]:
    assert win.pid is not None
    return win.store.records.get(win.pid)


def _in_view(widget: QWidget) -> bool:
    """The whole widget is drawn: nothing of it clipped by a scroll area or cut off."""
    region = widget.visibleRegion().boundingRect()
    return widget.isVisible() and region.size() == widget.size()


@pytest.mark.parametrize("size", [(1366, 768), (1920, 1080)])
def test_every_field_is_in_view_without_scrolling(win: ReviewWindow, qtbot,  # type: ignore[no-untyped-def]
                                                  size: tuple[int, int]) -> None:
    win.resize(*size)
    qtbot.wait(50)
    for spec in FIELDS:
        row = win.fields.editors[spec.name]
        assert _in_view(row.mark), spec.name  # the state and confidence
        shown = row.summary or (row.salary_min if spec.kind == "salary" else row.editor)
        assert _in_view(shown), spec.name  # the value
        assert _in_view(win.fields.names[spec.name]), spec.name
    assert win.fields.verticalScrollBar().maximum() == 0


def test_a_list_is_one_line_and_opens_under_it(win: ReviewWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    """An open list was a box in the place of its one line, 162 pixels wide at 1366 x
    768: an item of a sentence took six lines, and nothing showed where one item ended
    and the next began (a reviewer deleting "an item" with Shift+End deleted a line of
    one, and half an item was saved). It opens under its line, as wide as the row, a
    bullet beside each item's first line; Shift+Tab goes on to the field before."""
    row = win.fields.editors["responsibilities"]
    items = _stored(win)["fields"]["responsibilities"]
    assert row.summary is not None
    assert row.summary.text().startswith(f"{len(items)} items: {items[0][:20]}")
    assert not row.editor.isVisible()
    qtbot.mouseClick(row.summary, Qt.MouseButton.LeftButton)  # a click opens it
    qtbot.waitUntil(row.editor.hasFocus)
    assert row.editor.isVisible() and row.summary.isVisible()
    assert row.editor.toPlainText().split("\n") == items
    qtbot.waitUntil(lambda: row.editor.geometry().top() >= row.summary.geometry().bottom())
    assert row.editor.width() >= row.summary.width() + row.mark.width()
    assert _in_view(row.editor)
    editor = row.editor
    assert isinstance(editor, ListEdit)
    lines = [editor.document().findBlockByNumber(n).layout().lineCount()
             for n in range(len(items))]
    assert sum(lines) > len(items)  # (an item wraps)
    starts = []  # each item's first line in view: where its bullet is
    for n in range(len(items)):
        cursor = editor.textCursor()
        cursor.setPosition(editor.document().findBlockByNumber(n).position())
        line = editor.cursorRect(cursor)
        if line.top() < editor.viewport().height():
            starts.append(line.center().y())
    assert len(starts) >= 2
    assert all(abs(a - b) <= 2 for a, b in zip(editor.item_tops(), starts, strict=True))
    qtbot.keyClick(editor, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert win.fields.focused() == "education"
    qtbot.waitUntil(lambda: not row.editor.isVisible())  # leaving closes it again
    assert row.summary.isVisible()
    row.summary.setFocus()  # reached again (Tab), it opens
    qtbot.waitUntil(row.editor.hasFocus)
    win.resize(1297, 691)  # (a 1366 x 768 screen's window, its panel and bars aside)
    qtbot.wait(50)
    last = win.fields.editors["benefits"]  # a row near the end: scrolled to, items and all
    last.focus()
    qtbot.waitUntil(lambda: _in_view(last.editor) and _in_view(last.mark))


def test_a_long_value_shows_its_start(win: ReviewWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    title = win.fields.editors["title"].editor
    assert isinstance(title, QLineEdit)
    title.setFocus()
    win.queue_pane.select_row(0)  # shown again, with the focus in the field
    assert title.text().startswith("Senior Backend Engineer")
    assert title.fontMetrics().horizontalAdvance(title.text()) > title.width()  # it is long
    assert title.cursorPosition() == 0  # so the start is what is in view


def test_a_correction_keeps_the_machines_value_in_view(win: ReviewWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    machine = _stored(win)["machine"]["company"]["value"]
    win.flow.set_field("company", "Someone Else Ltd")
    row = win.fields.editors["company"]
    assert row.mark.text() == "✎"
    assert f"The machine read: {machine}" in row.mark.toolTip()
    assert machine in row.editor.toolTip()


def test_rows_that_want_a_look_stand_out(win: ReviewWindow) -> None:
    posting = _stored(win)
    low = {n for n, m in posting["machine"].items() if m["confidence"] < 0.7}
    assert low, "the sample has suggestions below 0.7"
    assert low <= set(win.fields.attention)
    assert "title" not in win.fields.attention  # 0.95, and in its evidence
    empty = [f.name for f in FIELDS if posting["fields"].get(f.name) in (None, [])]
    assert set(empty) <= set(win.fields.attention)
    win.fields.set_threshold(0.5)  # the user's threshold
    assert not low & set(win.fields.attention)
    win.flow.reject_field(empty[0])  # a person decided: nothing to look at
    assert empty[0] not in win.fields.attention


def test_a_value_its_evidence_does_not_hold_stands_out() -> None:
    title = next(f for f in FIELDS if f.name == "title")
    assert attention(title, "Data Engineer", "suggested", 0.9, ["Senior Data Engineer"],
                     0.7) == ""
    assert "not in the text" in attention(title, "Chef", "suggested", 0.9,
                                          ["Senior Data Engineer"], 0.7)
    assert "low confidence" in attention(title, "Chef", "suggested", 0.4, [], 0.7)
    assert attention(title, "Chef", "corrected", 0.4, [], 0.7) == ""


def test_the_threshold_is_chosen_and_kept(win: ReviewWindow, qtbot, monkeypatch,  # type: ignore[no-untyped-def]
                                          open_window, project: Path) -> None:
    from PySide6.QtWidgets import QInputDialog

    monkeypatch.setattr(QInputDialog, "getDouble", lambda *a, **k: (0.55, True))
    win.action_table.by_id["low_confidence"].trigger()
    assert win.fields.threshold == 0.55
    win.settings.sync()  # type: ignore[union-attr]
    again = open_window(project, win.settings)
    assert again.fields.threshold == 0.55


def test_alt_and_a_letter_go_to_a_field(win: ReviewWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    win.document.setFocus()
    qtbot.keyClick(win.document, Qt.Key.Key_C, ALT)
    assert win.fields.focused() == "company" and win.focused_field == "company"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Q, ALT)
    assert win.fields.focused() == "required_qualifications"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Q, ALT)  # the second with Q
    assert win.fields.focused() == "preferred_qualifications"
    assert win.fields.editors["preferred_qualifications"].editor.hasFocus()  # opened
    win.side.setCurrentIndex(1)  # the labels' tab
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_T, ALT)
    assert win.side.currentIndex() == 0 and win.fields.focused() == "title"
    assert "<u>T</u>itle" in win.fields.names["title"].text()  # the key is shown


def test_keys_reject_and_revert_the_focused_field(win: ReviewWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    machine = _stored(win)["fields"]["company"]
    win.fields.editors["company"].focus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_X, CTRL_SHIFT)
    assert _stored(win)["provenance"]["company"] == "rejected"
    assert win.fields.editors["company"].mark.text() == "✗"
    win.document.setFocus()  # the key acts on the field last focused
    qtbot.keyClick(win.document, Qt.Key.Key_R, CTRL_SHIFT)
    assert _stored(win)["fields"]["company"] == machine
    assert _stored(win)["provenance"]["company"] == "machine"


def test_each_posting_starts_in_the_document(win: ReviewWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    win.side.setCurrentIndex(1)
    comment = win.labels.comment
    comment.setFocus()
    qtbot.waitUntil(comment.hasFocus)
    first = win.pid
    qtbot.keyClick(comment, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert win.pid != first
    assert win.document.hasFocus()


def test_the_labels_are_summed_up_above_the_fields(win: ReviewWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    question = next(q for q in win.schema if q.kind == "single")
    win.labels.toggle(question, question.options[0].name)
    summary = win.side.summary.text()
    assert f"{question.name.replace('_', ' ')}: {question.options[0].name}" in summary
    assert "(1/" in win.side.tabText(1)
    assert win.side.summary.textFormat() == Qt.TextFormat.PlainText


def test_the_wheel_over_a_choice_scrolls_past_it_and_changes_nothing(
        win: ReviewWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    """One notch over Seniority, the focus in the document, corrected and saved it."""
    win.document.setFocus()
    before = win.store.records.get(win.pid)["fields"]["seniority"]  # type: ignore[arg-type]
    for name in ("seniority", "remote"):
        combo = win.fields.editors[name].editor
        assert isinstance(combo, QComboBox)
        shown = combo.currentText()
        at = QPointF(combo.rect().center())
        QApplication.sendEvent(combo, QWheelEvent(
            at, QPointF(combo.mapToGlobal(at.toPoint())), QPoint(), QPoint(0, -120),
            Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
            Qt.ScrollPhase.NoScrollPhase, False))
        assert combo.currentText() == shown
    posting = win.store.records.get(win.pid)  # type: ignore[arg-type]
    assert posting["fields"]["seniority"] == before
    assert posting["provenance"]["seniority"] != "corrected"


def test_figures_left_as_shown_are_saved_as_stored(win: ReviewWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    """A salary of 15.375 to 18.625 an hour: typing its currency saved 15,375 to 18,625
    (read again, a dot before three digits parts thousands), "corrected", all edits
    saved. A figure shown as it is stored is the stored one."""
    pid = win.pid
    assert pid is not None
    win.store.decisions.set_field(pid, "salary", {"min": 15.375, "max": 18.625,
                                                  "currency": None, "period": "hour"})
    win.store.decisions.set_field(pid, "experience_years", 2.125)
    win.flow.show(pid)
    row = win.fields.editors["salary"]
    assert (row.salary_min.text(), row.salary_max.text()) == ("15.375", "18.625")
    row.salary_currency.setFocus()
    qtbot.keyClicks(row.salary_currency, "USD")
    qtbot.keyClick(row.salary_currency, Qt.Key.Key_Return)
    assert _stored(win)["fields"]["salary"] == {"min": 15.375, "max": 18.625,
                                                 "currency": "USD", "period": "hour"}
    years = win.fields.editors["experience_years"]
    years.focus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert _stored(win)["fields"]["experience_years"] == 2.125


def test_a_figure_typed_that_reads_two_ways_is_not_saved(win: ReviewWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    """"18.750" typed in a salary box was saved as 18,750 (a dot before three digits
    parts thousands in pay text), though the box shows 15.375 an hour as decimals; "1.500"
    hours a week was 1,500. Such a figure is refused, said, and nothing is saved."""
    pid = win.pid
    assert pid is not None
    win.store.decisions.set_field(pid, "salary", {"min": 15.375, "max": 18.625,
                                                  "currency": "USD", "period": "hour"})
    win.flow.show(pid)
    row = win.fields.editors["salary"]
    row.salary_max.setFocus()
    row.salary_max.selectAll()
    qtbot.keyClicks(row.salary_max, "18.750")
    qtbot.keyClick(row.salary_max, Qt.Key.Key_Return)
    assert _stored(win)["fields"]["salary"]["max"] == 18.625
    assert "could be 18750 or 18.75" in row.state.text()
    hours = win.fields.editors["work_hours"]
    hours.focus()
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, "1.500")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert _stored(win)["fields"]["work_hours"] != 1500
    assert "could be 1500 or 1.5" in hours.state.text()


@pytest.mark.parametrize("size", [(1366, 768), (1920, 1080)])
def test_a_salary_of_seven_figures_is_read_whole(win: ReviewWindow, qtbot,  # type: ignore[no-untyped-def]
                                                 size: tuple[int, int]) -> None:
    """At 1366 x 768 the salary's boxes showed "1400(" and "1750(" of 140000 and 175000,
    and "JSD" of USD: a pay read ten times lower. Where one line cannot hold them whole,
    the currency and period go below the figures."""
    win.resize(*size)
    row = win.fields.editors["salary"]
    row.set_value({"min": 1400000, "max": 1750000, "currency": "INR", "period": "year"},
                  "suggested", 0.9)
    qtbot.wait(50)
    for box in (row.salary_min, row.salary_max, row.salary_currency):
        room = box.width() - box.textMargins().left() - box.textMargins().right() - 8
        assert box.fontMetrics().horizontalAdvance(box.text()) <= room, (box.text(), size)
        assert _in_view(box)
    assert _in_view(row.salary_period) and _in_view(row.mark)
    assert win.fields.verticalScrollBar().maximum() == 0


def test_an_empty_currency_box_shows_no_currency(win: ReviewWindow) -> None:
    """Its grey "USD" read as a value to a first-time user: a salary in dollars."""
    import re

    row = win.fields.editors["salary"]
    hint = row.salary_currency.placeholderText()
    assert hint and not re.fullmatch(r"[A-Z]{3}", hint)


def test_a_value_longer_than_a_line_box_holds_by_default_is_shown_and_kept_whole(
        win: ReviewWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    """A 40,000-character title (a record's) showed its first 32,767 characters alone
    (a line box's own limit): an edit of it would have saved it cut."""
    assert win.pid is not None
    long_title = "Engineer " * 4_444 + "end"
    win.store.decisions.set_field(win.pid, "title", long_title)
    win.queue_pane.select_row(1)
    win.queue_pane.select_row(0)
    title = win.fields.editors["title"].editor
    assert isinstance(title, QLineEdit)
    assert title.text() == long_title
    title.setFocus()
    title.end(False)
    qtbot.keyClicks(title, "!")
    win.document.setFocus()  # leaving saves it
    assert _stored(win)["fields"]["title"] == long_title + "!"


@pytest.mark.parametrize(("name", "typed", "saved"), [
    ("title", "\u200b\u200b", None),  # no character anyone sees: no title
    ("requisition_id", "\u202e123", "123"),  # a right-to-left override shown reversed
    ("title", "Data\u2028Engineer", "Data Engineer"),  # a line break in a line
    ("title", "Data \x07 Engineer", "Data Engineer"),
    ("requisition_id", "AB\x00C\x9b1", "ABC1"),  # a NUL, a C1 escape: neither seen
])
def test_what_no_one_sees_is_not_saved_in_a_typed_value(
        win: ReviewWindow, qtbot, name: str, typed: str, saved: object) -> None:  # type: ignore[no-untyped-def]
    """Zero-width spaces alone were saved as a corrected title, a right-to-left override
    in a requisition id, a line separator in a one-line field: an import takes such
    characters out of a cell, and so does the window out of what is typed."""
    box = win.fields.editors[name].editor
    assert isinstance(box, QLineEdit)
    box.setFocus()
    box.setText(typed)
    win.document.setFocus()
    assert _stored(win)["fields"][name] == saved


@pytest.mark.parametrize(("name", "typed", "said"), [
    ("work_hours", "1e2", None),  # 100: it is saved
    ("experience_years", "50.0000001", "50.0000001 is outside 0 to 50"),
    ("work_hours", "250", "250 is outside 1 to 100"),
])
def test_a_number_typed_is_read_as_typed(win: ReviewWindow, qtbot, name: str, typed: str,  # type: ignore[no-untyped-def]
                                         said: str | None) -> None:
    """"1e2" hours was refused as "100000 is outside 1 to 100", and 50.0000001 years as
    "50000 is outside 0 to 50": a number typed plainly is read as the number it is."""
    field = win.fields.editors[name]
    assert isinstance(field.editor, QLineEdit)
    field.editor.setFocus()
    field.editor.setText(typed)
    win.document.setFocus()
    if said is None:
        assert _stored(win)["fields"][name] == 100
    else:
        assert field.unreadable is not None and said in field.unreadable


def test_a_value_left_as_shown_is_not_saved_again_tidied(win: ReviewWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert win.pid is not None
    win.store.decisions.set_field(win.pid, "skills", ["Python  3", "SQL"])
    win.store.decisions.set_field(win.pid, "title", "Data  Engineer")
    before = _stored(win)["updated_at"]
    win.queue_pane.select_row(1)
    win.queue_pane.select_row(0)
    for name in ("title", "skills"):
        win.fields.editors[name].editor.setFocus()
        win.document.setFocus()
    stored = _stored(win)
    assert (stored["fields"]["title"], stored["fields"]["skills"]) == (
        "Data  Engineer", ["Python  3", "SQL"])
    assert stored["updated_at"] == before


def test_a_correction_of_spaces_alone_is_saved(win: ReviewWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert win.pid is not None
    win.store.decisions.set_field(win.pid, "title", "Data  Engineer")
    win.queue_pane.select_row(1)
    win.queue_pane.select_row(0)
    box = win.fields.editors["title"].editor
    assert isinstance(box, QLineEdit)
    box.setFocus()
    box.setText("Data Engineer")
    win.document.setFocus()
    assert _stored(win)["fields"]["title"] == "Data Engineer"


def test_the_names_bars_take_the_colours_of_a_theme_chosen(win: ReviewWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    """The bars kept the light theme's colours in the dark until another posting was
    shown."""
    from reviewer.gui.document_paint import flash_color

    title = win.fields.names["title"]
    assert flash_color("title", False).name() in title.styleSheet()
    try:
        win.action_table.set_theme("dark")
        qtbot.waitUntil(lambda: flash_color("title", True).name() in title.styleSheet())
    finally:
        win.action_table.set_theme("light")
    qtbot.waitUntil(lambda: flash_color("title", False).name() in title.styleSheet())


@pytest.mark.parametrize("size", [(1024, 600), (1366, 768)])
def test_the_names_go_above_the_boxes_in_every_row_or_in_none(win: ReviewWindow, qtbot,  # type: ignore[no-untyped-def]
                                                               size: tuple[int, int]) -> None:
    """In a narrow pane the rows of long names put the name above a box as wide as the
    pane, while Title and Company kept a box of 80 px beside theirs: the narrowest
    boxes were those of the fields read most."""
    win.resize(*size)
    qtbot.wait(50)

    def above(name: str) -> bool:
        label, editor = win.fields.names[name], win.fields.editors[name]
        return label.geometry().bottom() < editor.geometry().top()

    wrapped = {spec.name: above(spec.name) for spec in FIELDS}
    assert len(set(wrapped.values())) == 1, wrapped
    title = win.fields.editors["title"].editor
    assert title.width() >= title.fontMetrics().averageCharWidth() * 20


def test_a_list_of_right_to_left_items_reads_in_order(qapp: QApplication) -> None:
    """A list of Hebrew items showed on one line as one right-to-left run: the last
    item beside the count, and "5+" of the first stuck to it. Each such item is a
    direction of its own (a Unicode isolate): the items go left to right after the
    count, each read right to left."""
    from PySide6.QtGui import QTextLayout

    from reviewer.gui.field_rows import summary

    items = ["5+ שנות ניסיון", "תואר ראשון", "אנגלית ברמה גבוהה"]
    text = summary(items)
    assert summary(["Rust", "Go"]) == "2 items: Rust, Go"  # (left to right: as it was)
    layout = QTextLayout(text, qapp.font())
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(10000.0)
    layout.endLayout()
    middles = [line.cursorToX(text.index(item) + len(item) // 2)[0] for item in items]
    count = line.cursorToX(text.index("items") + 2)[0]
    assert count < middles[0] < middles[1] < middles[2], (count, middles)
