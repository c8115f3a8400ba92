"""What the document offers around the posting: the search words marked in it, its
context menu (accelerators, "put into field" with replace or add for lists) and the
legend of its highlight colours."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage, QTextCursor
from PySide6.QtWidgets import QMenu

from reviewer.core.schema import FIELDS
from reviewer.gui.document_paint import field_color
from reviewer.gui.document_search import find_words, search_color
from reviewer.gui.window import ReviewWindow

LABELS = {f.name: f.label for f in FIELDS}


@pytest.fixture
def win(project: Path, open_window) -> ReviewWindow:  # type: ignore[no-untyped-def]
    return open_window(project)  # type: ignore[no-any-return]


def _search(win: ReviewWindow, text: str) -> None:
    """Words typed into the queue's search box, and Enter."""
    win.queue_pane.search_box.setText(text)
    win.queue_pane.search()


def _select(win: ReviewWindow, words: str) -> None:
    cursor = win.document.document().find(words)
    assert not cursor.isNull(), words
    win.document.setTextCursor(cursor)


def _fields(win: ReviewWindow) -> dict[str, Any]:
    return win.store.records.get(win.pid)["fields"]  # type: ignore[arg-type, no-any-return]


def _count(image: QImage, color: QColor, near: int = 24) -> int:
    """How many pixels of ``image`` are within ``near`` of ``color`` in every channel."""
    hits = 0
    for y in range(0, image.height()):
        for x in range(0, image.width()):
            pixel = image.pixelColor(x, y)
            if (abs(pixel.red() - color.red()) <= near and abs(pixel.green() - color.green())
                    <= near and abs(pixel.blue() - color.blue()) <= near):
                hits += 1
    return hits


def _focus_field(win: ReviewWindow, name: str, qtbot: Any) -> Any:
    """Click into field ``name`` (a list field opens), then Esc back to the document;
    the field's editor."""
    row = win.fields.editors[name]
    row.focus() if hasattr(row, "focus") else row.editor.setFocus()
    qtbot.waitUntil(row.editor.hasFocus)
    return row.editor


def _plain(text: str) -> str:
    return text.split("\t")[0].replace("&", "")


def _menu(win: ReviewWindow, pos: QPoint | None = None) -> QMenu:
    win.document_pane.menu(pos or win.document.viewport().rect().center(), win.put_selection,
                           win.action_table.span_label_actions)
    menu = win.document_pane.document_menu
    menu.close()  # (read, not used: an open menu would take the keys that follow)
    return menu  # type: ignore[no-any-return]


def _sub(menu: QMenu, text: str) -> QMenu:
    return next(a.menu() for a in menu.actions() if _plain(a.text()) == text)


# --- the search words ----------------------------------------------------------------

def test_search_words_are_found_as_the_search_finds_them() -> None:
    text = "Café, CAFE and cafe-bar; a full-time role (Full time) in cafés"
    assert [text[a:b] for a, b in find_words(text, "cafe")] == ["Café", "CAFE", "cafe"]
    assert [text[a:b] for a, b in find_words(text, "full-time")] == ["full-time", "Full time"]
    assert [text[a:b] for a, b in find_words(text, '"role" BAR')] == ["bar", "role"]
    # words in quotes: a phrase, marked where they stand in a row ("cafe role" is not)
    assert [text[a:b] for a, b in find_words(text, '"full time role" "cafe role"')] == [
        "full-time role"]
    assert find_words(text, "") == [] and find_words(text, " - ") == []
    # a filter (company:, title: …) picks postings by a field: its words are not marked
    assert [text[a:b] for a, b in find_words(text, 'company:café title:"full time" role')] \
        == ["role"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["data", "Data", "DATA", "ab", "cd", "x1", "a_b", "full-time",
                                 " ", "\n", "_", "-", ".", "1", "b"]), max_size=30),
       st.lists(st.sampled_from(['"data data"', "data", "ab", '"ab cd"', "full-time", "x1",
                                 "b", '"data ab cd"', "_", "a_b", "über", "é"]),
                min_size=1, max_size=3))
def test_a_text_of_ascii_alone_is_searched_as_any_text(pieces: list[str],
                                                      words: list[str]) -> None:
    """A text of ASCII alone is searched without cutting it into words (a 2 MB posting
    took 0.4 s, twice a search): the same words found as in any text."""
    text, query = "".join(pieces), " ".join(words)
    any_text = [(a - 2, b - 2) for a, b in find_words("é\n" + text, query) if a >= 2]
    assert find_words(text, query) == any_text


def test_the_searched_words_are_marked_in_the_document(win: ReviewWindow, qtbot: Any) -> None:
    doc = win.document.document()
    cursor = QTextCursor(doc)
    cursor.setPosition(doc.find("Kafka").selectionStart() + 1)
    evidence = cursor.charFormat().background().color()
    _search(win, "kafka")
    ranges = win.document.search_ranges
    text = win.document.toPlainText()
    assert ranges and {text[a:b].casefold() for a, b in ranges} == {"kafka"}
    # drawn around the words: the evidence colours under them stay as they were
    cursor.setPosition(doc.find("Kafka").selectionStart() + 1)
    assert cursor.charFormat().background().color() == evidence
    win.document.verticalScrollBar().setValue(0)
    win.document.ensureCursorVisible()
    qtbot.wait(10)
    shot = win.document.viewport().grab().toImage()
    assert _count(shot, search_color(dark=False)) > 20
    _search(win, "")
    assert win.document.search_ranges == []
    assert _count(win.document.viewport().grab().toImage(), search_color(dark=False)) == 0


def test_the_search_marks_are_readable_in_both_themes(win: ReviewWindow, qtbot: Any) -> None:
    light, dark = search_color(dark=False), search_color(dark=True)
    for name in LABELS:  # a mark never looks like a field's highlight: far in lightness
        for color, is_dark in ((light, False), (dark, True)):
            assert abs(color.lightnessF() - field_color(name, is_dark).lightnessF()) > 0.25
    assert dark.lightness() > light.lightness()  # bright on dark, deep on light
    _search(win, "kafka")
    theme = next(a for a in win.action_table.theme_actions.actions() if a.data() == "dark")
    try:
        theme.trigger()
        qtbot.waitUntil(lambda: win.document.dark)
        assert win.document.search_ranges  # the marks survive the new palette
        win.document.setTextCursor(win.document.document().find("Kafka"))
        win.document.ensureCursorVisible()
        qtbot.wait(10)
        assert _count(win.document.viewport().grab().toImage(), dark) > 20
    finally:
        win.action_table.set_theme("light")
    qtbot.waitUntil(lambda: not win.document.dark)


def test_words_typed_but_not_searched_mark_nothing(win: ReviewWindow) -> None:
    _search(win, "kafka")
    win.queue_pane.search_box.setText("kafka python")  # no Enter
    win.queue_pane.go_next()
    text = win.document.toPlainText()
    assert {text[a:b].casefold() for a, b in win.document.search_ranges} <= {"kafka"}


# --- the context menu ----------------------------------------------------------------

def _accelerators_are_unique(menu: QMenu) -> None:
    """Every entry of ``menu`` and its submenus has an "&" letter of its own (but those
    of "Label as": the window's label actions, shown with their keys)."""
    letters = []
    for action in menu.actions():
        if action.isSeparator() or not action.text():
            continue
        text = action.text().split("\t")[0].replace("&&", "")
        assert text.count("&") == 1, f"{text!r} has no accelerator"
        letters.append(text[text.index("&") + 1].casefold())
        if action.menu() is not None and _plain(action.text()) != "Label as":
            _accelerators_are_unique(action.menu())
    assert len(letters) == len(set(letters)), [a.text() for a in menu.actions()]


def test_the_menu_has_accelerators_and_no_dead_entries(win: ReviewWindow) -> None:
    _select(win, "Lumenfield Analytics")
    menu = _menu(win)
    texts = [_plain(a.text()) for a in menu.actions() if not a.isSeparator()]
    assert "Put into field" in texts and "Label as" in texts
    assert not any("Link Location" in t for t in texts)  # off the link: it could do nothing
    _accelerators_are_unique(menu)
    assert all(a.isEnabled() for a in menu.actions() if not a.isSeparator()
               and _plain(a.text()) not in ("Copy", "Label as"))


def test_on_a_link_the_menu_offers_to_copy_it(win: ReviewWindow, qtbot: Any) -> None:
    for _ in range(win.model.rowCount()):
        doc = win.document.document()
        block = doc.begin()
        while block.isValid():
            for frag in (it.fragment() for it in block):
                if frag.isValid() and frag.charFormat().isAnchor():
                    cursor = QTextCursor(doc)
                    cursor.setPosition(frag.position() + 1)
                    win.document.setTextCursor(cursor)
                    win.document.ensureCursorVisible()
                    menu = _menu(win, win.document.cursorRect().center() + QPoint(3, 0))
                    links = [a for a in menu.actions() if "Link" in a.text().replace("&", "")]
                    assert links and links[0].isEnabled()
                    _accelerators_are_unique(menu)
                    return
            block = block.next()
        win.queue_pane.go_next()
    pytest.skip("no sample posting has a link")


# --- putting into a list field -------------------------------------------------------

def test_a_one_item_list_is_replaced_by_default(win: ReviewWindow, qtbot: Any) -> None:
    assert _fields(win)["locations"] == ["Austin, TX, US"]
    _select(win, "Austin")
    into = _sub(_sub(_menu(win), "Put into field"), "Locations")
    assert [_plain(a.text()) for a in into.actions()] == ["Replace", "Add as an item"]
    assert _plain(into.defaultAction().text()) == "Replace"
    editor = _focus_field(win, "locations", qtbot)  # (the document shows its evidence)
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    _select(win, "Austin")
    qtbot.keyClick(win.document, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert _fields(win)["locations"] == ["Austin"]
    assert editor.toPlainText() == "Austin"
    message = win.statusBar().currentMessage()
    assert "Locations" in message and "replaced" in message and "Austin" in message


def test_a_longer_list_gains_an_item_by_default(win: ReviewWindow, qtbot: Any) -> None:
    skills = _fields(win)["skills"]
    assert len(skills) > 1
    _select(win, "Lumenfield")
    into = _sub(_sub(_menu(win), "Put into field"), "Skills")
    assert _plain(into.defaultAction().text()) == "Add as an item"
    qtbot.keyClick(_focus_field(win, "skills", qtbot), Qt.Key.Key_Escape)
    _select(win, "Lumenfield")
    qtbot.keyClick(win.document, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert _fields(win)["skills"] == [*skills, "Lumenfield"]
    assert win.fields.editors["skills"].editor.toPlainText().split("\n") == [*skills,
                                                                             "Lumenfield"]
    message = win.statusBar().currentMessage()
    assert "Skills" in message and "added" in message and "Lumenfield" in message


def test_the_menu_replaces_or_adds_as_chosen(win: ReviewWindow) -> None:
    skills = _fields(win)["skills"]
    _select(win, "Lumenfield")
    replace = next(a for a in _sub(_sub(_menu(win), "Put into field"), "Skills").actions()
                   if _plain(a.text()) == "Replace")
    replace.trigger()
    assert _fields(win)["skills"] == ["Lumenfield"]
    assert win.fields.editors["skills"].editor.toPlainText() == "Lumenfield"
    win.undo_stack.undo()
    assert _fields(win)["skills"] == skills
    _select(win, "Austin")
    add = next(a for a in _sub(_sub(_menu(win), "Put into field"), "Locations").actions()
               if _plain(a.text()) == "Add as an item")
    add.trigger()
    assert _fields(win)["locations"] == ["Austin, TX, US", "Austin"]


def test_an_item_being_typed_is_kept_when_a_selection_is_put(win: ReviewWindow,
                                                             qtbot: Any) -> None:
    skills = _fields(win)["skills"]
    editor = _focus_field(win, "skills", qtbot)
    editor.moveCursor(QTextCursor.MoveOperation.End)
    editor.insertPlainText("\nRust")
    _select(win, "Lumenfield")  # (the document keeps its selection while a field has focus)
    win.action_table.by_id["put_selection"].trigger()  # Review → Put the selection …
    assert _fields(win)["skills"] == [*skills, "Rust", "Lumenfield"]
    assert editor.toPlainText().split("\n") == [*skills, "Rust", "Lumenfield"]


def test_putting_what_the_list_has_says_so(win: ReviewWindow) -> None:
    _select(win, "Kafka")
    win.put_selection("skills")
    assert "already" in win.statusBar().currentMessage()
    assert win.undo_stack.count() == 0


# --- the colour legend -----------------------------------------------------------------

def test_the_legend_names_each_highlight_colour(win: ReviewWindow, qtbot: Any) -> None:
    legend = win.document_pane.legend
    assert legend.isVisible()
    shown = {name for name, _a, _b in win.document.highlights}
    chips = {chip.text: chip for chip in legend.chips}
    for name in shown:
        assert chips[LABELS[name]].background == field_color(name, dark=False)
    assert not [n for n in LABELS if n not in shown and LABELS[n] in chips]
    for label, color in win.document.label_colors.items():
        assert chips[label].underline == QColor(color)
    assert not any(chip.outline for chip in legend.chips)
    _search(win, "kafka")
    assert any(chip.outline == search_color(dark=False) for chip in legend.chips)
    theme = next(a for a in win.action_table.theme_actions.actions() if a.data() == "dark")
    try:
        theme.trigger()
        qtbot.waitUntil(lambda: win.document.dark)
        chips = {chip.text: chip for chip in legend.chips}
        for name in {name for name, _a, _b in win.document.highlights}:
            assert chips[LABELS[name]].background == field_color(name, dark=True)
    finally:
        win.action_table.set_theme("light")
    qtbot.waitUntil(lambda: not win.document.dark)


def test_the_legend_follows_the_view(win: ReviewWindow) -> None:
    legend = win.document_pane.legend
    win.view_choice.setCurrentIndex(win.view_choice.findData("raw"))
    assert legend.isHidden()
    win.view_choice.setCurrentIndex(win.view_choice.findData("posting"))
    assert legend.isVisible() and legend.height() >= legend.heightForWidth(legend.width())


@pytest.mark.parametrize("width", [1100, 760])
def test_every_chip_of_the_legend_stays_in_view_as_the_window_narrows(
        win: ReviewWindow, qtbot: Any, width: int) -> None:
    """The legend kept the height of its first width: narrower, its last line of chips
    (QUALIFICATION, BENEFIT, "suggested") was cut off."""
    legend = win.document_pane.legend
    win.resize(width, win.height())

    def all_in_view() -> bool:
        bottom = max(r.bottom() for _c, _t, r in legend.drawn(float(legend.width())))
        return legend.height() >= bottom

    qtbot.waitUntil(all_in_view, timeout=2000)


def test_the_legend_is_drawn(win: ReviewWindow, qtbot: Any) -> None:
    legend = win.document_pane.legend
    qtbot.wait(10)
    shot = legend.grab().toImage()
    title = field_color("title", dark=False)
    assert _count(shot, title, near=2) > 30



def test_the_legend_keeps_to_four_lines_at_a_large_font(project: Path, open_window,  # type: ignore[no-untyped-def]
                                                        qtbot: Any) -> None:
    """At 14 pt on 1024 x 600 the fields' chips alone took eight lines (the span labels
    alone could be left out), and the posting had 230 px of the pane: fields are left
    out too, last, and counted."""
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QApplication

    from reviewer.gui.document_legend import MAX_LINES

    before = QApplication.font()
    font = QFont(before)
    font.setPointSizeF(14.0)
    QApplication.setFont(font)
    try:
        win = open_window(project)
        win.resize(1024, 600)
        legend = win.document_pane.legend
        qtbot.waitUntil(lambda: legend.height() == legend.heightForWidth(legend.width()))
        drawn = legend.drawn(float(legend.width()))
        assert len({rect.top() for _c, _t, rect in drawn}) <= MAX_LINES
        shown = [text for _chip, text, _rect in drawn]
        assert "Title" in shown and any(t.startswith("+") for t in shown), shown
        assert all(rect.right() <= legend.width() for _c, _t, rect in drawn)
    finally:
        QApplication.setFont(before)


def _many_span_labels(project: Path, count: int) -> list[str]:
    """The project's span labels made ``count``: SKILL and those after it."""
    from reviewer.core.labels import Option
    from reviewer.core.store import Store

    names = ["SKILL", *(f"LABEL_{n:04}" for n in range(1, count))]
    with Store(project) as store:
        schema = store.labels.schema()
        next(q for q in schema if q.kind == "span").options = [Option(n) for n in names]
        store.labels.save_schema(schema)
    return names


def test_a_legend_of_many_span_labels_stays_small_and_names_those_used(
        project: Path, open_window, qtbot: Any) -> None:
    """Every span label of the schema had its chip: 150 took two thirds of the document
    pane; 2,000 made the window 17,639 px tall. The legend keeps to four lines: the
    labels the posting uses, the first others, and how many more there are."""
    names = _many_span_labels(project, 150)
    win = open_window(project)
    at = win.store.records.get(win.pid)["cleaned"].index("Kafka")  # type: ignore[arg-type]
    win.store.spans.add_many(win.pid, [(at, at + 5, "LABEL_0120")])  # type: ignore[arg-type]
    win.flow.show(win.pid)  # type: ignore[arg-type]
    win.resize(1400, 900)
    legend = win.document_pane.legend
    qtbot.waitUntil(lambda: legend.height() == legend.heightForWidth(legend.width()))
    line = legend.fontMetrics().height() + 7  # a chip, its padding, the gap below
    assert legend.height() <= 4 * line  # four lines at most
    shown = [text for _chip, text, _rect in legend.drawn(float(legend.width()))]
    assert "LABEL_0120" in shown and "SKILL" in shown
    more = [t for t in shown if t.startswith("+")]
    labels = [t for t in shown if t in names]
    assert more == [f"+{len(names) - len(labels)} more"], shown
    assert win.document.viewport().height() > 500

    _many_span_labels(project, 2000)
    win.set_schema(win.store.labels.schema())
    win.flow.show(win.pid)  # type: ignore[arg-type]
    assert len(legend.chips) <= 100  # what is measured at each posting shown, at most
    assert win.minimumSizeHint().height() <= 1080 and win.height() <= 1080
    assert legend.height() <= 4 * line
