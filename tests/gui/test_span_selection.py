"""A selection in the rendered posting becomes a span of the Markdown source: the same
words, at the place selected, whatever markup lies around or between them."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtGui import QTextCursor

from reviewer.core.ingest import import_paths, read_file
from reviewer.core.pipeline import process
from reviewer.core.store import Store
from reviewer.gui.document_view import DocumentView
from reviewer.gui.text_mapping import _closest
from reviewer.gui.word_snap import snap_to_words

SAMPLES = Path(__file__).resolve().parents[2] / "reviewer" / "resources" / "samples"


def _select(view: DocumentView, words: str, nth: int = 0, trim: int = 0) -> None:
    rendered = view.document().toPlainText()
    starts = [m.start() for m in re.finditer(f"(?={re.escape(words)})", rendered)]
    start = starts[nth] + trim
    cursor = QTextCursor(view.document())
    cursor.setPosition(start)
    cursor.setPosition(starts[nth] + len(words) - trim, QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)


@pytest.mark.parametrize(("markdown", "words", "nth", "expected"), [
    ("- Python\n- Python\n- Python\n", "Python", 1, (11, 17)),  # the second, not the first
    ("x x x\n", "x x", 1, (2, 5)),  # overlapping occurrences
    ("Java and JavaScript\n", "Java", 0, (0, 4)),  # whole words only
    ("JavaScript and Java\n", "Java", 1, (15, 19)),
    ("Use [Python](https://example.com/a/very/long/path/to/push/it/away) or Python.\n",
     "Python", 1, (70, 76)),
    ("We use **Kafka** daily\n", "Kafka", 0, (9, 14)),  # emphasis marks left out
    ("We use **Kafka and Go** daily\n", "Kafka and Go", 0, (9, 21)),
    ("Strong C\\+\\+ skills\n", "C++", 0, (7, 12)),  # escaped signs
    ("Clients: AT&amp;T and others\n", "AT&amp;T", 0, (9, 17)),  # a reference, as held
    ("## Skills\n\nPython\n", "Skills", 0, (3, 9)),  # a heading
    ("Ünïcode 😀 Python here\n", "Python", 0, (10, 16)),  # beyond the BMP
    ("We _love_ Python\n", "love", 0, (4, 8)),  # emphasis with underscores
    ("Use snake_case daily\n", "snake_case", 0, (4, 14)),
])
def test_a_selection_maps_to_its_source_words(view: DocumentView, markdown: str, words: str,
                                              nth: int, expected: tuple[int, int]) -> None:
    view.show_posting(markdown, {})
    _select(view, words, nth)
    assert view.selected_source_span() == expected, markdown[slice(*expected)]


def test_a_partly_selected_word_is_taken_whole(view: DocumentView) -> None:
    view.show_posting("Kubernetes and Terraform\n", {})
    _select(view, "Kubernetes", trim=3)
    assert view.selected_source_span() == (0, 10)


def test_a_word_of_combining_marks_is_taken_whole(view: DocumentView) -> None:
    view.show_posting("हिन्दी भाषा and cafe\u0301s\n", {})
    _select(view, "हिन्दी", trim=2)
    assert view.selected_source_span() == (0, 6)
    assert snap_to_words("cafe\u0301s", 0, 3) == (0, 6)


def test_a_selection_over_two_list_items_is_refused(view: DocumentView) -> None:
    view.show_posting("- Kafka\n- Kubernetes\n", {})
    cursor = QTextCursor(view.document())
    cursor.setPosition(0)
    cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    with pytest.raises(ValueError, match="one paragraph or list item"):
        view.selected_source_span()


def test_snapping_keeps_signs_and_drops_edge_punctuation() -> None:
    text = "(Python), C++ and C#."
    assert snap_to_words(text, 0, 9) == (1, 7)
    assert snap_to_words(text, 10, 13) == (10, 13)
    assert snap_to_words(text, 18, 21) == (18, 20)
    assert snap_to_words(text, 7, 9) is None


@pytest.mark.parametrize(("text", "selected", "expected"), [
    ("x onerror=alert(1) y", "onerror=alert(1)", "onerror=alert(1)"),
    ("call f(g(x)), then", "f(g(x)),", "f(g(x))"),
    ("(Python), ok", "(Python),", "Python"),
    ("see (the list) below", "(the list)", "the list"),
    ("say “hi” now", "say “hi”", "say “hi”"),
    ('say "hi" now', 'say "hi"', 'say "hi"'),
    ('"hi" she said', '"hi" she', '"hi" she'),
    ("arr[0]. next", "arr[0].", "arr[0]"),
    ("x) and (y", "x) and (y", "x) and (y"),  # (nothing to pair: as the words stand)
    ("'don't'", "'don't'", "don't"),  # (an apostrophe is no quote to pair)
    ('say "a" and "b" ok', '"a" and "b"', '"a" and "b"'),
    ('use "Python", "SQL" ok', '"Python", "SQL"', '"Python", "SQL"'),
    ("say 'a' and 'b' ok", "'a' and 'b'", "'a' and 'b'"),
    ("Wir »a« und »b« da", "»a« und »b«", "»a« und »b«"),
    ("x ‘a’ and ‘b’ y", "‘a’ and ‘b’", "‘a’ and ‘b’"),
    ("x „a“ und „b“ y", "„a“ und „b“", "„a“ und „b“"),
    ("Wir suchen „Python“ Profis", "„Python“", "Python"),
    ("use «Python» daily", "«Python»", "Python"),
    ("use （Python） daily", "（Python）", "Python"),
    ("use 「Python」 daily", "「Python」", "Python"),
    ("「東京」で", "「東京」", "東京"),
    ("it's 'Bob's' car", "'Bob's'", "Bob's"),
    ("the team’s ‘own’ tools", "team’s ‘own’", "team’s ‘own’"),
    ('he said "a "b" c" ok', '"a "b" c"', 'a "b" c'),
    ("x ((a)) y", "((a))", "a"),
])
def test_snapping_keeps_the_brackets_and_quotes_that_pair_with_the_words(
        text: str, selected: str, expected: str) -> None:
    """"onerror=alert(1)" selected was labelled "onerror=alert(1": the closing bracket
    went as edge punctuation, the opening one stayed; 'Say "a" and "b"' was 'a" and "b',
    each edge's quote going though one inside paired with it, and "（Python）" kept the
    brackets that "(Python)" lost."""
    start = text.index(selected)
    found = snap_to_words(text, start, start + len(selected))
    assert found is not None and text[slice(*found)] == expected


def test_a_selected_call_is_labelled_with_its_closing_bracket(view: DocumentView) -> None:
    view.show_posting("Never run onerror=alert(1) here\n", {})
    _select(view, "onerror=alert(1)")
    found = view.selected_source_span()
    assert found is not None and "Never run onerror=alert(1) here"[slice(*found)] == (
        "onerror=alert(1)")


@pytest.mark.parametrize("sample", sorted(p.name for p in SAMPLES.iterdir()))
def test_every_word_of_the_samples_maps_back_to_where_it_shows(view: DocumentView,
                                                               sample: str) -> None:
    doc = process(read_file(SAMPLES / sample), name=sample).doc
    view.show_posting(doc.markdown, {})
    rendered = view.document().toPlainText()
    mapper = view._mapper
    assert mapper is not None
    wrong = []
    for found in list(re.finditer(r"\w+", rendered))[:400]:
        cursor = QTextCursor(view.document())
        cursor.setPosition(found.start())
        cursor.setPosition(found.end(), QTextCursor.MoveMode.KeepAnchor)
        view.setTextCursor(cursor)
        span = view.selected_source_span()
        if span is None or doc.markdown[span[0]:span[1]] != found.group() or \
                mapper.map(*span) != (found.start(), found.end()):
            wrong.append((found.group(), found.start(), span))
    assert wrong == []


def test_the_occurrence_nearest_to_where_a_span_is_expected_is_taken() -> None:
    """(Found from the expected place outwards: a word named thousands of times in a
    long posting is not looked for from the start for each of its spans.)"""
    rng = random.Random(3)
    for _ in range(20000):
        hay = "".join(rng.choice("ab ") for _ in range(rng.randint(0, 30)))
        needle = "".join(rng.choice("ab") for _ in range(rng.randint(1, 3)))
        expected = rng.randint(0, 35)
        every = [i for i in range(len(hay)) if hay.startswith(needle, i)]
        nearest = min(every, key=lambda i: (abs(i - expected), i), default=-1)
        assert _closest(hay, needle, expected) == nearest, (hay, needle, expected)


def test_a_span_selected_after_a_table_is_stored_where_it_was_selected(
        tmp_path: Path, open_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Qt shows a table's cells a line each, not as the Markdown's pipes and rule: each
    selection after a table was stored on (and drawn over) another "Python" than the
    one selected."""
    page = tmp_path / "job.html"
    page.write_text(
        "<html><body><main><h1>Data Engineer</h1><p>Foo GmbH is hiring a Data Engineer in "
        "Berlin to build our data platform with a small team.</p><table><tr><th>Tool</th>"
        "<th>Level</th></tr><tr><td>Python</td><td>good</td></tr></table><p>Python for "
        "pipelines.</p><p>Python for services.</p></main></body></html>", encoding="utf-8")
    db = tmp_path / "p.db"
    with Store(db) as store:
        import_paths(store, [page])
    win = open_window(db)
    cleaned, shown = win.posting["cleaned"], win.document.toPlainText()
    assert "| Python |" in cleaned  # a table, as Markdown writes one
    for n, line in enumerate(("Python", "Python for pipelines.", "Python for services.")):
        at = shown.index("\n" + line) + 1 if n else shown.index("Python")
        cursor = QTextCursor(win.document.document())
        cursor.setPosition(at)
        cursor.setPosition(at + 6, QTextCursor.MoveMode.KeepAnchor)
        win.document.setTextCursor(cursor)
        win.spans.label_selection("SKILL")
        span = max(win.store.records.get(win.pid)["spans"], key=lambda s: s["id"])
        line_start = cleaned.rfind("\n", 0, span["start"]) + 1
        stored_line = cleaned[line_start:cleaned.find("\n", span["start"])]
        assert stored_line.startswith("| Python" if n == 0 else line), (line, stored_line)
        wanted = span["id"]
        qtbot.waitUntil(lambda: any(s["id"] == wanted for s, _, _ in win.document.spans))  # noqa: B023
        drawn = [(a, b) for s, a, b in win.document.spans if s["id"] == wanted]
        assert drawn == [(at, at + 6)]


def test_a_selection_in_a_long_paragraph_is_found_among_its_like_at_once(
        view: DocumentView, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Every place the selected word stood in the source was mapped onto the rendering,
    each mapping reading its line from the start: labelling a word of a paragraph of
    124,000 characters took seconds. The places nearest the selection are tried first."""
    from reviewer.gui import text_mapping

    markdown = "Data and more data. " * 3000
    view.show_posting(markdown, {})
    rendered = view.document().toPlainText()
    at = rendered.index("data", len(rendered) // 2)
    cursor = QTextCursor(view.document())
    cursor.setPosition(at)
    cursor.setPosition(at + 4, QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    calls: list[int] = []
    real = text_mapping.SpanMapper.map
    monkeypatch.setattr(text_mapping.SpanMapper, "map",
                        lambda self, *span: calls.append(1) or real(self, *span))
    found = view.selected_source_span()
    assert found is not None and markdown[found[0]:found[1]] == "data"
    assert real(view._mapper, *found) == (at, at + 4)  # the very word selected
    assert len(calls) <= 3


def _select_nth(view: DocumentView, word: str, n: int) -> None:
    rendered = view.toPlainText()
    at = -1
    for _ in range(n + 1):
        at = rendered.index(word, at + 1)
    cursor = view.textCursor()
    cursor.setPosition(at)
    cursor.setPosition(at + len(word), QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)


@pytest.mark.parametrize("markdown", [
    "Notes:\n" + "".join(f"| step {i}: SQL\n" for i in range(200)),  # pipes, no table
    "Skills: " + " ".join(f"[SQL](https://jobs.example.com/{'a' * 80}/{i})"
                          for i in range(200)) + "\n",  # links: the estimate far off
])
def test_the_word_selected_among_many_like_it_is_the_one_stored(
        view: DocumentView, markdown: str) -> None:
    view.show_posting(markdown, {})
    _select_nth(view, "SQL", 150)
    found = view.selected_source_span()
    assert found is not None and markdown[:found[0]].count("SQL") == 150


def _read_again_elsewhere(project: Path, pid: int) -> None:
    """Another process cleans the page again: its text gains a line at the top."""
    with Store(project) as other:
        text, _status, _comment = other.postings.work_state(pid)
        row = dict(zip(("cleaned", "source_text", "removed", "context"), text, strict=True))
        row["cleaned"] = "Posted by a newer cleaner.\n\n" + row["cleaned"]
        row["min_confidence"], row["usefulness"] = None, None
        with other.db.atomic():
            other.postings.replace_text(pid, row)


def test_words_labelled_in_a_text_read_again_since_are_not_stored_over_others(
        project: Path, open_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """The span was stored at the offsets of the text shown, over other words of the new
    one ('\\n\\n- De' for 'Python'), and nothing was said."""
    win = open_window(project)
    pid = win.pid
    assert pid is not None
    _read_again_elsewhere(project, pid)
    document = win.document
    _select(document, "Python")
    win.spans.label_selection("SKILL")
    assert [s for s in win.store.records.get(pid)["spans"] if s["origin"] == "human"] == []
    assert "changed since it was shown" in win.statusBar().currentMessage()
    assert win.undo_stack.count() == 0
    assert win.posting is not None and win.posting["cleaned"].startswith("Posted by a newer")


def _squash_before(text: str) -> tuple[str, list[int]]:
    """``squash`` as it was, a character at a time (the reference)."""
    chars: list[str] = []
    index: list[int] = []
    in_space = False
    for i, ch in enumerate(text):
        if ch.isspace() or ch == "\ufffc":
            if not in_space:
                chars.append(" ")
                index.append(i)
            in_space = True
        else:
            chars.append(ch)
            index.append(i)
            in_space = False
    return "".join(chars), index


def _closest_before(hay: str, needle: str, expected: int) -> int:
    expected = max(0, expected)
    after = hay.find(needle, expected)
    before = hay.rfind(needle, 0, expected - 1 + len(needle)) if expected else -1
    if before == -1 or (after != -1 and after - expected < expected - before):
        return after
    return before


@settings(max_examples=400, deadline=None)
@given(st.text(st.sampled_from("ab \t\n\u00a0\u2003\ufffc\u3000x*-#|[]()\\!"), max_size=60),
       st.integers(-3, 70))
def test_the_quick_mapping_finds_what_the_old_one_found(text: str, expected: int) -> None:
    """The document's mapping took 9 s on a posting of 25,000 items (a character at a
    time; every span looked for back to the text's start): the same answers, faster."""
    from reviewer.gui import text_mapping

    assert text_mapping.squash(text) == _squash_before(text)
    for needle in {text[i:i + 2] for i in range(0, len(text), 3)} | {"a", "b a"}:
        if needle:
            assert _closest(text, needle, expected) == _closest_before(text, needle, expected)
    lines = text.split("\n")
    _starts, before, rows = text_mapping._expected_offsets(text)
    total = 0
    for n, line in enumerate(lines):  # (line by line, as it was)
        assert before[n] == total
        shown = _squash_before(text_mapping.strip_markdown(line, tables=n in rows))[0].strip()
        total += len(shown) + 1 if shown else 0


def test_a_span_labelled_after_one_refused_says_so(
        project: Path, open_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Words over two paragraphs refused ("Not labelled: a span stays within one
    paragraph"), then words labelled on another posting: the refusal stayed in the
    status bar, about the posting before, over a span now in the file."""
    win = open_window(project)
    document = win.document
    cursor = QTextCursor(document.document())
    cursor.select(QTextCursor.SelectionType.Document)
    document.setTextCursor(cursor)
    win.spans.label_selection("SKILL")
    assert win.statusBar().currentMessage().startswith("Not labelled")
    _select(document, "Python")
    win.spans.label_selection("SKILL")
    assert any(s["origin"] == "human" for s in win.store.records.get(win.pid)["spans"])
    assert win.statusBar().currentMessage() == "Labelled SKILL."
