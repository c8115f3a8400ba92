"""What the document highlights of a field a person decided: the text their value was
taken from, an alternative's own words, nothing for a value typed anew; a field edit
over a value another window or program set since it was shown, refused with what was
typed kept; the status bar's words on typing and on an edit, true of the posting shown."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QLineEdit

from reviewer.core.ingest import import_paths
from reviewer.core.store import Store
from reviewer.gui import selection_put
from reviewer.gui.document_view import DocumentView
from reviewer.gui.window import ReviewWindow


@pytest.fixture
def win(project: Path, open_window) -> ReviewWindow:  # type: ignore[no-untyped-def]
    window: ReviewWindow = open_window(project)
    window.queue_pane.select_row(0)
    return window


def _stored(win: ReviewWindow, name: str) -> dict[str, Any]:
    assert win.pid is not None
    return win.store.records.get(win.pid)["human"].get(name) or {}  # type: ignore[no-any-return]


def _select(win: ReviewWindow, words: str) -> tuple[int, int]:
    """Select ``words`` in the document; their range there."""
    found = win.document.document().find(words)
    assert not found.isNull(), words
    win.document.setTextCursor(found)
    return found.selectionStart(), found.selectionEnd()


def _highlighted(win: ReviewWindow, name: str) -> list[str]:
    """The words the document highlights as field ``name``'s evidence."""
    text = win.document.toPlainText()
    return [text[a:b] for field, a, b in win.document.highlights if field == name]


def _type(qtbot, box: QLineEdit, text: str) -> None:  # type: ignore[no-untyped-def]
    box.setFocus()
    box.selectAll()
    box.insert(text)
    qtbot.keyClick(box, Qt.Key.Key_Tab)


def test_a_value_put_in_from_a_selection_is_highlighted_there_and_stored_as_such(
        win: ReviewWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    machine = win.posting["fields"]["company"]  # type: ignore[index]
    assert _highlighted(win, "company") == [machine]
    words = machine.split()[0]  # a word of it, somewhere the machine did not read it from
    cursor = win.document.document().find(words, _select(win, machine)[1])
    assert not cursor.isNull()
    win.document.setTextCursor(cursor)
    win.put_selection("company")
    cleaned = win.posting["cleaned"]  # type: ignore[index]
    assert [cleaned[a:b] for a, b in _stored(win, "company")["spans"]] == [words]
    qtbot.waitUntil(lambda: _highlighted(win, "company") == [words])
    assert win.document.textCursor().selectedText() == words  # still selected: to put again


def test_a_value_typed_anew_is_not_highlighted_at_the_machines_words(
        win: ReviewWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    title = win.fields.editors["title"].editor
    assert isinstance(title, QLineEdit)
    assert _highlighted(win, "title")
    _type(qtbot, title, "Chief Platform Engineer")
    assert _stored(win, "title")["spans"] == []
    qtbot.waitUntil(lambda: not _highlighted(win, "title"))


def test_an_item_added_from_a_selection_is_highlighted_beside_the_others(
        win: ReviewWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    before = _highlighted(win, "skills")
    start, end = _select(win, "dashboards and alerts")
    win.put_selection("skills", True)
    assert "dashboards and alerts" in win.posting["fields"]["skills"]  # type: ignore[index]
    qtbot.waitUntil(lambda: sorted(_highlighted(win, "skills")) == sorted(
        [*before, "dashboards and alerts"]))
    assert (start, end) in [(a, b) for f, a, b in win.document.highlights if f == "skills"]


def test_a_field_set_elsewhere_since_it_was_shown_is_not_typed_over_unseen(
        win: ReviewWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    with Store(win.store.path) as other:  # another window, or program
        other.decisions.set_field(1, "company", "B company")
    row = win.fields.editors["company"]
    assert isinstance(row.editor, QLineEdit)
    _type(qtbot, row.editor, "A company")
    assert win.store.records.get(1)["fields"]["company"] == "B company"
    assert row.editor.text() == "A company"  # kept, not lost
    assert "“B company” was set meanwhile" in row.state.text()
    assert "B company" in win.statusBar().currentMessage()
    win.flow.accept_and_next()  # nothing goes on over it
    assert win.pid == 1 and win.store.records.get(1)["status"] == "new"
    _type(qtbot, row.editor, "A company")  # left again: saved over the other value, seen
    assert win.store.records.get(1)["fields"]["company"] == "A company"
    assert not row.state.isVisible()


def test_a_list_box_being_typed_in_says_tab_saves_not_enter(
        win: ReviewWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    row = win.fields.editors["skills"]
    row.focus()
    cursor = row.editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    row.editor.setTextCursor(cursor)
    qtbot.keyClick(row.editor, Qt.Key.Key_Return)
    qtbot.keyClicks(row.editor, "Rust")
    qtbot.waitUntil(lambda: "typed, not saved yet" in win.saved.text())
    assert win.saved.text().endswith("(Tab saves)")


def test_what_was_said_of_a_posting_goes_when_another_is_shown(
        win: ReviewWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    _select(win, "dashboards and alerts")
    win.put_selection("responsibilities", False)
    assert "the list replaced by" in win.statusBar().currentMessage()
    win.queue_pane.select_row(1)
    assert win.statusBar().currentMessage() == ""
    win.flow.accept_and_next()  # said as the next is shown, naming its posting: it stays
    assert win.statusBar().currentMessage().startswith("Posting 2 accepted")


def _select_all_of(view: DocumentView, first: str, last: str) -> None:
    text = view.document().toPlainText()
    cursor = QTextCursor(view.document())
    cursor.setPosition(text.index(first))
    cursor.setPosition(text.index(last) + len(last), QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)


def test_a_selection_over_list_items_has_a_range_an_item_markup_left_out(
        view: DocumentView) -> None:
    markdown = ("## Skills\n\n- **Python** and Go\n- Kafka, _Spark_\n"
                "- Writing about the long tail of work that " + "goes on " * 20 + "here.\n")
    view.show_posting(markdown, {})
    _select_all_of(view, "Python", "here")
    assert [markdown[a:b] for a, b in view.selected_source_spans()] == [
        "Python** and Go", "Kafka, _Spark", markdown[markdown.index("Writing"):-2]]


def test_the_lines_of_a_long_selection_are_looked_for_where_the_line_before_ends(
        view: DocumentView, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each line of thousands selected was looked for in the whole text: a megabyte
    took minutes. The first is; each after it, shown as written, is found after it."""
    markdown = "".join(f"- Item {n} of the list, with words\n" for n in range(2000))
    view.show_posting(markdown, {})
    searched: list[int] = []
    whole = selection_put.source_span

    def counted(source: str, *rest: Any) -> Any:
        searched.append(len(source))
        return whole(source, *rest)

    monkeypatch.setattr(selection_put, "source_span", counted)
    _select_all_of(view, "Item 0", "Item 1999 of the list, with words")
    spans = view.selected_source_spans()
    assert [markdown[a:b] for a, b in spans[:2]] == ["Item 0 of the list, with words",
                                                     "Item 1 of the list, with words"]
    assert len(spans) == 2000 and searched == [len(markdown)]


def test_a_selection_over_table_cells_is_taken_from_every_cell_it_covers(
        view: DocumentView) -> None:
    markdown = "| Skill | Level |\n|---|---|\n| Python | high |\n| Go | low |\n"
    view.show_posting(markdown, {})
    text = view.document().toPlainText()
    cursor = QTextCursor(view.document())
    cursor.setPosition(text.index("Python"))
    cursor.setPosition(text.index("low") + 3, QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    assert [markdown[a:b] for a, b in view.selected_source_spans()] == [
        "Python", "high", "Go", "low"]


LINKED = """# Backend Engineer

Apply at [Acme Corp](https://acme.example/jobs) before June.

We use **Python** and _Go_ daily, with a [shared wiki](https://wiki.example) for docs.

![Team photo](https://acme.example/team.png) Our team in Berlin.
"""


@pytest.fixture
def linked(tmp_path: Path, open_window) -> ReviewWindow:  # type: ignore[no-untyped-def]
    """A window on a posting whose words run over links, bold and an image."""
    (tmp_path / "posting.md").write_text(LINKED)
    with Store(tmp_path / "links.db") as store:
        import_paths(store, [tmp_path / "posting.md"])
    window: ReviewWindow = open_window(tmp_path / "links.db")
    window.queue_pane.select_row(0)
    return window


@pytest.mark.parametrize(("words", "markdown"), [
    ("Apply at Acme Corp before June",
     "Apply at [Acme Corp](https://acme.example/jobs) before June"),
    ("Acme Corp", "Acme Corp"),  # within the link's text
    ("Apply at Acme Corp", "Apply at [Acme Corp"),
    ("Acme Corp before June", "Acme Corp](https://acme.example/jobs) before June"),
    ("Python and Go", "Python** and _Go"),
    ("[image: Team photo] Our team in Berlin",
     "![Team photo](https://acme.example/team.png) Our team in Berlin"),
])
def test_words_put_in_over_markup_are_those_shown_their_range_highlighted(
        linked: ReviewWindow, qtbot, words: str, markdown: str) -> None:  # type: ignore[no-untyped-def]
    """The value is the words shown; its evidence the range of the Markdown they come
    from, highlighted on them (a range that cut a link or bold words was not, and one
    over an image's placeholder was not found)."""
    _select(linked, words)
    linked.put_selection("company")
    cleaned = linked.posting["cleaned"]  # type: ignore[index]
    assert linked.posting["fields"]["company"] == words  # type: ignore[index]
    assert [cleaned[a:b] for a, b in _stored(linked, "company")["spans"]] == [markdown]
    qtbot.waitUntil(lambda: _highlighted(linked, "company") == [words])


@pytest.mark.parametrize("second", ["Python and Go", "[image: Team photo] Our team in Berlin"])
def test_items_put_in_over_links_keep_their_evidence_through_edits_and_undo(
        linked: ReviewWindow, qtbot, second: str) -> None:  # type: ignore[no-untyped-def]
    """Each item taken over a link, bold words or an image kept its evidence only until
    the list's next edit (its range's words were compared with the item, markup and all;
    an image's read as its bare description, not the placeholder shown)."""
    items = ["Apply at Acme Corp before June", second]
    for words in items:
        _select(linked, words)
        linked.put_selection("responsibilities", True)
    spans = _stored(linked, "responsibilities")["spans"]
    assert len(spans) == 2
    linked.flow.set_field("responsibilities", [*items, "Typed anew"])  # as the box saves it
    assert _stored(linked, "responsibilities")["spans"] == spans
    qtbot.waitUntil(lambda: sorted(_highlighted(linked, "responsibilities")) == sorted(items))
    linked.document.setFocus()
    qtbot.keyClick(linked.document, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _stored(linked, "responsibilities")["value"] == items
    assert _stored(linked, "responsibilities")["spans"] == spans
    qtbot.keyClick(linked.document, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _stored(linked, "responsibilities")["value"] == items[:1]
    assert len(_stored(linked, "responsibilities")["spans"]) == 1
