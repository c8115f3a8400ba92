"""Each row of a data file taken once, and as what it is: a page of HTML written with its
tags escaped read as HTML; the page column that holds the posting, not a title; a header
row repeated by joined files; a row imported again with another mapping; the mapping a
report names."""

from __future__ import annotations

import json
from pathlib import Path

from reviewer.core.ingest import import_paths, preview_columns
from reviewer.core.ingest.columns import Mapper
from reviewer.core.ingest.csvfiles import read_csv
from reviewer.core.ingest.datafiles import read_json
from reviewer.core.ingest.items import Item, Skipped
from reviewer.core.store import Store

ESCAPED = ("&lt;div class=&quot;content-intro&quot;&gt;&lt;p&gt;&lt;strong&gt;About Acme"
           "&lt;/strong&gt;&lt;/p&gt;&lt;/div&gt;&lt;h2&gt;The role&lt;/h2&gt;&lt;p&gt;You "
           "will build data pipelines &amp;amp; APIs in Berlin.&lt;/p&gt;&lt;ul&gt;&lt;li&gt;"
           "5+ years Python&lt;/li&gt;&lt;li&gt;Kafka&lt;/li&gt;&lt;/ul&gt;")
BODY = ("We are hiring a platform engineer in Toronto to build and run the platform our "
        "teams ship on. You know Go and Kubernetes well.")


def test_escaped_html_is_unescaped_once() -> None:
    """A page cell of HTML with every tag escaped is markup once unescaped; its own
    escaped ampersand stays one entity of the markup, never unescaped a second time."""
    from reviewer.core.ingest.cell_text import escaped_html

    markup = escaped_html(ESCAPED)
    assert markup is not None and markup.startswith('<div class="content-intro"><p>')
    assert "pipelines &amp; APIs" in markup
    assert escaped_html("Text &lt;p&gt;Cook&lt;/p&gt; and more") is not None  # a closing tag
    for other in ("<p>R&amp;D &lt;p&gt;</p>",  # markup already: its escaped tag is text
                  "Use the &lt;br&gt; tag to break a line.",  # one tag named, not markup
                  "&amp;lt;p&amp;gt;Cook&amp;lt;/p&amp;gt;",  # escaped twice: left as it is
                  "Pay &lt; 50k &gt; 20k", "Plain text posting."):
        assert escaped_html(other) is None, other


def test_pages_of_escaped_html_are_cleaned_as_html_and_counted(tmp_path: Path) -> None:
    """A job board's API (``{"jobs": [{"content": …}]}``) and a scraper's ``html`` column
    of escaped HTML were stored as their entity text ("&lt;div class=&quot;…"). They are
    read as HTML, and the report counts them."""
    board = tmp_path / "board.json"
    board.write_text(json.dumps({"jobs": [{"title": "Data Engineer", "content": ESCAPED}],
                                 "meta": {"total": 1}}), encoding="utf-8")
    rows = tmp_path / "rows.jsonl"
    rows.write_text(json.dumps({"title": "Cook", "html": "&lt;h1&gt;Cook&lt;/h1&gt;&lt;p&gt;"
                                "Cook pasta in Rome for Trattoria Uno.&lt;/p&gt;"}) + "\n",
                    encoding="utf-8")
    with Store(tmp_path / "p.db") as store:
        report = import_paths(store, [board, rows])
        assert report.added == 2
        assert list(report.notes.values()) == [2] and "escaped" in next(iter(report.notes))
        cleaned = [p["cleaned"] for p in store.records.postings()]
    assert "&lt;" not in "".join(cleaned) and "&quot;" not in "".join(cleaned)
    assert "## The role" in cleaned[0] and "pipelines & APIs in Berlin" in cleaned[0]
    assert "- Kafka" in cleaned[0]
    assert cleaned[1].startswith("# Cook")


def test_a_page_key_of_a_few_words_gives_way_to_a_longer_text(tmp_path: Path) -> None:
    """An API whose ``text`` is the title and ``description`` the posting: ``text``,
    first of the page names, was the page (a posting of 17 characters). A longer text of
    another page key is read, and the report says so; a page of its own is kept."""
    data = tmp_path / "board.json"
    data.write_text(json.dumps([
        {"text": "Platform Engineer", "description": f"<div>{BODY}</div>", "id": "a"},
        {"text": f"Platform Engineer. {BODY}", "description": "<p>Apply now.</p>", "id": "b"},
        {"text": "Cook", "description": "<p>Pasta</p>", "id": "c"},  # no longer text
    ]), encoding="utf-8")
    results = list(read_json(str(data), data.read_text(encoding="utf-8"), Mapper()))
    assert all(isinstance(r, Item) for r in results)
    pages = [r.text for r in results if isinstance(r, Item)]
    assert pages == [f"<div>{BODY}</div>", f"Platform Engineer. {BODY}", "Cook"]
    assert results[0].metadata["text"] == "Platform Engineer"  # type: ignore[union-attr]
    with Store(tmp_path / "p.db") as store:
        report = import_paths(store, [data])
        [(note, count)] = report.notes.items()
        assert count == 1 and "'text' held a few words" in note and "'description'" in note


def test_a_header_row_repeated_is_skipped_and_said() -> None:
    """Files joined with ``cat`` repeat the header: it became a posting titled
    "title"."""
    text = ("job_id,title,company,description\n1,A,Acme,Posting one for a welder.\n"
            "job_id,title,company,description\n2,B,Beta,Posting two for a baker.\n")
    results = list(read_csv("f.csv", text, Mapper()))
    assert [r.source for r in results if isinstance(r, Item)] == ["f.csv#1", "f.csv#3"]
    [skipped] = [r for r in results if isinstance(r, Skipped)]
    assert skipped.source == "f.csv#2" and "the header row again" in skipped.reason


def test_a_row_imported_again_with_other_values_is_not_a_second_posting(
        tmp_path: Path) -> None:
    """The same file imported again with a column mapped otherwise added each row whose
    values changed as a second posting (300 rows, 328 postings). They are not added,
    and counted; a row whose page changed is a posting of its own."""
    data = tmp_path / "jobs.csv"
    data.write_text("title,wage,description\nWelder,\"$50,000 a year\",Weld in Austin.\n"
                    "Baker,,Bake in Lyon.\n", encoding="utf-8")
    with Store(tmp_path / "p.db") as store:
        assert import_paths(store, [data]).added == 2
        report = import_paths(store, [data], mapping={"salary": "wage"})
        assert (report.added, report.duplicates, report.other_values) == (0, 2, 1)
        assert report.other_values_examples == [f"{data}#1"]
        assert report.rows_note() is not None and "not added again" in report.rows_note()
        data.write_text("title,wage,description\nWelder,\"$50,000 a year\",Weld in Dallas.\n",
                        encoding="utf-8")
        assert import_paths(store, [data], mapping={"salary": "wage"}).added == 1
        assert store.queue.count() == 3


def test_a_jsonl_key_given_that_no_object_has_refuses_the_file(tmp_path: Path) -> None:
    """``--map title=titel`` of a JSONL file was warned about and the file imported
    without titles; the corrected import then added every row again. One object having
    the key is enough (keys differ from line to line)."""
    data = tmp_path / "jobs.jsonl"
    data.write_text(json.dumps({"title": "Welder", "description": "Weld in Austin."}) + "\n"
                    + json.dumps({"titel": "Baker", "description": "Bake in Lyon."}) + "\n",
                    encoding="utf-8")
    with Store(tmp_path / "p.db") as store:
        report = import_paths(store, [data], mapping={"title": "tilte"})
        assert report.added == 0
        assert [s.reason for s in report.skipped] == [
            "no key 'tilte' for title in any object of the JSONL file (keys: title, "
            "description, titel)"]
        assert import_paths(store, [data], mapping={"title": "titel"}).added == 2
    assert preview_columns(data, mapping={"title": "tilte"}).error is not None


def test_the_import_names_the_page_key_the_preview_names(tmp_path: Path) -> None:
    """Objects of other keys line by line: ``columns`` named the mapping of every key of
    the rows it read (page: description), the import the first object's alone (page:
    description_html)."""
    data = tmp_path / "mixed.jsonl"
    data.write_text("".join(json.dumps(obj) + "\n" for obj in [
        {"title": "A", "description_html": "<p>Welding in Oslo.</p>"},
        {"title": "B", "description": "Baking in Lyon.", "description_html": "<p>Baking.</p>"},
        {"title": "C", "description": "Cooking in Rome."}]), encoding="utf-8")
    preview = preview_columns(data)
    with Store(tmp_path / "p.db") as store:
        report = import_paths(store, [data])
    [(_file, mapping)] = report.mappings
    assert preview.mapping is not None and mapping.page == preview.mapping.page == "description"
    assert report.added == 3


def test_a_json_error_says_where_once() -> None:
    [skipped] = read_json("x.json", '{"text": "unterminated', Mapper())
    assert isinstance(skipped, Skipped)
    assert skipped.reason == "not JSON: Unterminated string starting at line 1 column 10"
