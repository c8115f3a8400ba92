"""The queue's search text: words ranked by relevance, and ``field:value`` filters by
source (file, folder or site), title, company and location; the source name shown for
a posting without a title."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewer.core.store import (
    FILTER_FIELDS,
    NewPosting,
    SearchQuery,
    Store,
    filter_term,
    parse_search,
    source_name,
    source_scope,
)

SOURCES = {
    1: "/data/crawl/jobs.example.com/a.html",
    2: "/data/crawl/jobs.example.com/b.html",
    3: "/data/exports/feed.jsonl#3",
    4: "/data/exports/feed.jsonl#4",
    5: "https://www.careers.test/jobs/5",
    6: "C:\\Users\\me\\Downloads\\archive.zip!pages/six.html",
}
COMPANIES = {1: "Acme", 2: "Acme Robotics", 3: "Globex", 4: "Acme", 5: "Initech", 6: "Globex"}
PLACES = {1: "Berlin", 2: "Munich", 3: "Berlin", 4: "Paris", 5: "Berlin", 6: "Lyon"}


def posting(n: int, title: str, text: str = "Python and SQL.") -> NewPosting:
    cleaned = f"# {title}\n\n{text}\n"
    return NewPosting(source=SOURCES[n], hash=f"h{n}", kind="text", raw=cleaned,
                      cleaned=cleaned,
                      fields={"title": title, "company": COMPANIES[n],
                              "locations": [PLACES[n]]},
                      confidence={"title": 0.9, "company": (n * 37 % 97) / 100})


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store(tmp_path / "project.db")
    s.postings.add([
        posting(1, "Data Engineer", "Data pipelines in Python."),
        posting(2, "Robotics Engineer", "Data data data: robots and Python."),
        posting(3, "Data Analyst"),
        posting(4, "Backend Developer"),
        posting(5, "Data Scientist", "Statistics and data."),
        posting(6, "Site Reliability Engineer"),
    ])
    return s


# --- the search text -----------------------------------------------------------------------------


def test_a_search_text_is_words_and_filters() -> None:
    assert parse_search('python  company:"Acme Robotics" source:example.com remote') == \
        SearchQuery(words=("python", "remote"),
                    filters=(("company", "Acme Robotics"), ("source", "example.com")))
    assert parse_search("Title:engineer LOCATION:berlin") == SearchQuery(
        words=(), filters=(("title", "engineer"), ("location", "berlin")))
    # a word with a colon that names no filter is searched as it is; an empty value is no filter
    assert parse_search("salary:100k c++ company:") == SearchQuery(
        words=("salary:100k", "c++", "company:"), filters=())
    assert parse_search('company:"unclosed quote') == SearchQuery(
        words=(), filters=(("company", "unclosed quote"),))
    assert parse_search("   ") == SearchQuery(words=(), filters=())
    assert not parse_search("company:acme").ranked and parse_search("acme").ranked
    assert set(FILTER_FIELDS) == {"source", "title", "company", "location"}


@pytest.mark.parametrize("value", ["Acme", "Acme Robotics", 'The "Best" Co', "C:\\x y\\f.jsonl"])
def test_a_filter_term_reads_back_as_the_same_filter(value: str) -> None:
    term = filter_term("company", value)
    assert parse_search(f"python {term}").filters == (("company", value.replace('"', "")),)
    assert filter_term("source", "feed.jsonl") == "source:feed.jsonl"
    with pytest.raises(ValueError, match="unknown filter"):
        filter_term("salary", "1")


def test_the_source_name_is_the_file_name_or_the_site() -> None:
    assert source_name("/data/crawl/jobs.example.com/a.html") == "a.html"
    assert source_name("/data/exports/feed.jsonl#3") == "feed.jsonl#3"
    assert source_name("C:\\Users\\me\\archive.zip!pages/six.html") == "six.html"
    assert source_name("https://www.careers.test/jobs/5") == "careers.test"
    assert source_name("http://example.org") == "example.org"
    assert source_name("plain.txt") == "plain.txt"
    assert source_name("") == ""


def test_the_scope_of_a_source_is_its_file_its_folder_or_its_site() -> None:
    assert source_scope("/data/exports/feed.jsonl#3") == ("feed.jsonl", "/data/exports/feed.jsonl")
    assert source_scope("/data/crawl/jobs.example.com/a.html") == (
        "jobs.example.com", "/data/crawl/jobs.example.com/")
    assert source_scope("C:\\Users\\me\\archive.zip!pages/six.html") == (
        "archive.zip", "C:\\Users\\me\\archive.zip!")
    assert source_scope("https://www.careers.test/jobs/5") == ("careers.test", "careers.test")
    assert source_scope("plain.txt") is None


# --- filters in the store ------------------------------------------------------------------------


def test_filters_keep_the_postings_that_match_in_the_chosen_order(store: Store) -> None:
    q = store.queue
    assert q.ids(query="company:acme") == [1, 2, 4]  # the company has the word
    assert q.ids(query='company:"acme robotics"') == [2]
    assert q.ids(query="source:jobs.example.com") == [1, 2]  # anywhere in the source
    assert q.ids(query="source:FEED.jsonl") == [3, 4]  # whatever the case
    assert q.ids(query="source:careers.test") == [5]
    assert q.ids(query="location:berlin") == [1, 3, 5]
    assert q.ids(query="title:engin") == [1, 2, 6]  # words are matched from their start
    assert q.ids(query="location:berlin company:acme") == [1]  # every filter at once
    assert q.ids(query="source:50%_off") == []  # LIKE's wildcards are taken as they are
    by_confidence = [pid for pid in q.ids("confidence") if pid in (1, 3, 5)]
    assert q.ids("confidence", query="location:berlin") == by_confidence
    store.postings.set_status(3, "flagged")
    assert q.ids(status="flagged", query="location:berlin") == [3]
    assert q.ids(query="python") == q.ids()  # words are for search, not for lists


def test_a_search_with_words_is_ranked_and_filtered(store: Store) -> None:
    q = store.queue
    ranked = q.search("data")
    assert ranked == [r[0] for r in store.db.conn.execute(
        "SELECT rowid FROM postings_fts WHERE postings_fts MATCH 'data'"
        " ORDER BY bm25(postings_fts)")]
    assert sorted(ranked) == [1, 2, 3, 5] and ranked != sorted(ranked)
    assert q.search("data source:jobs.example.com") == [p for p in ranked if p in (1, 2)]
    assert q.search("data location:berlin") == [p for p in ranked if p in (1, 3, 5)]
    assert q.search("data title:engineer") == [p for p in ranked if p in (1, 2)]
    assert q.search("company:acme") == [1, 2, 4]  # filters alone: in import order
    assert q.search("source:careers.test") == [5]


def test_a_word_of_punctuation_alone_is_left_out_of_a_search(store: Store) -> None:
    """A title pasted from the list ("Data Engineer – Berlin") found nothing: the dash,
    a word with no letter or digit, matched no posting."""
    q = store.queue
    assert q.search("Data – Engineer") == q.search("Data Engineer") != []
    assert q.search("python & data") == q.search("python data") != []
    assert sorted(q.search("- & –")) == sorted(q.search(""))


def test_a_large_filtered_search_says_where_its_rest_begins(
        store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    q = store.queue
    assert q.search_head("data") == (q.search("data"), None)  # all of it, ranked
    monkeypatch.setattr("reviewer.core.store.queue.Queue.RANKED", 1)
    first, after = q.search_head("data location:berlin")
    # too many to rank: the first matches in import order, even when filters dropped some
    assert first == [1] and after == 2
    assert q.search_after("data location:berlin", after) == [3, 5]
    assert q.search_head("nosuchword") == ([], None)


def test_rows_carry_the_source(store: Store) -> None:
    assert store.queue.rows([5])[5][-1] == SOURCES[5]


def test_source_and_location_filters_read_an_index_not_the_table(store: Store) -> None:
    """A million postings are gigabytes of table: a filter reads only an index."""
    for field, index in (("source", "postings_source"), ("location", "postings_location")):
        statements: list[str] = []
        store.db.conn.set_trace_callback(statements.append)
        try:
            store.queue.ids(query=f"{field}:x")
        finally:
            store.db.conn.set_trace_callback(None)
        filtering = [s for s in statements if " LIKE " in s and f"postings_{field}" in s]
        assert filtering, statements
        for statement in filtering:
            plan = " ".join(str(row[-1]) for row in store.db.conn.execute(
                f"EXPLAIN QUERY PLAN {statement}"))
            assert f"COVERING INDEX {index}" in plan, plan
