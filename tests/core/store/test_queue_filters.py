"""The queue's search text: words ranked by relevance, and ``field:value`` filters by
source (file, folder or site), title, company and location; the source name shown for
a posting without a title."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from reviewer.core.store import (
    FILTER_FIELDS,
    BulkEdit,
    NewPosting,
    SearchQuery,
    Store,
    filter_term,
    parse_search,
    source_name,
    source_scope,
)
from reviewer.core.store.migrations import SCHEMA_VERSION

DATA = Path(__file__).resolve().parents[2] / "data" / "projects"

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
    # a "word" of no letter or digit is none the index holds: "-" found no posting, unsaid
    for text in ("-", "--", "*", "(", "python - *", "★"):
        assert parse_search(text).words == (("python",) if "python" in text else ())
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
    # a "!" or a "\\" in a file's own name is part of its name: "evil!trusted.txt" was
    # listed as trusted.txt, and offered as the posting's of a zip file "evil"
    assert source_name("/in/Hiring now! Apply.txt") == "Hiring now! Apply.txt"
    assert source_name("/in/back\\slash.txt") == "back\\slash.txt"
    assert source_name("/in/bad-\\xff-name.txt") == "bad-\\xff-name.txt"
    assert source_name("/in/a.ZIP!jobs/one!two.html") == "one!two.html"
    assert source_scope("/in/Hiring now! Apply.txt") == ("in", "/in/")
    assert source_scope("/in/evil!x.zip!a.html") == ("evil!x.zip", "/in/evil!x.zip!")
    assert source_scope("/in/Hiring now!.csv#2") == ("Hiring now!.csv", "/in/Hiring now!.csv")


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


def test_a_location_filter_finds_a_posting_by_any_of_its_locations(store: Store) -> None:
    """The list column holds every place of the final value (the list shows them all),
    kept so by each way a posting gets its locations: added, a person's value, a bulk
    edit and its undo, one of our own records imported."""
    q = store.queue
    store.postings.add([NewPosting(
        source="/data/more/7.html", hash="h7", kind="text", raw="x", cleaned="# Nurse\n",
        fields={"title": "Nurse", "locations": ["Hamburg", "Lyon, France", "Remote"]},
        confidence={"title": 0.9})])
    assert q.ids(query="location:lyon") == [6, 7]
    assert q.ids(query="location:remote") == [7]
    assert q.rows([7])[7][4] == "Hamburg; Lyon, France; Remote"
    store.decisions.set_field(1, "locations", ["Dresden", "Berlin"])
    assert q.ids(query="location:dresden") == [1] and 1 in q.ids(query="location:berlin")
    change = store.bulk.apply(BulkEdit("field", "locations", ["Oslo", "Paris"]), [2, 3])
    assert q.ids(query="location:paris") == [2, 3, 4]
    assert q.rows([2])[2][4] == "Oslo; Paris"
    store.bulk.undo(change)
    assert q.ids(query="location:paris") == [4] and q.rows([2])[2][4] == "Munich"
    record = store.records.get(7)
    record.update(id=None, raw_hash="h8", source="/data/more/8.html", text=record["cleaned"])
    record["machine"]["locations"]["value"] = ["Kyiv", "Porto"]
    assert store.records.add(record)
    assert q.ids(query="location:porto") == [8] and q.rows([8])[8][4] == "Kyiv; Porto"
    store.decisions.set_field(7, "locations", None)
    assert q.rows([7])[7][4] is None and q.ids(query="location:remote") == []


def test_a_version_8_project_lists_every_place_after_its_migration(tmp_path: Path) -> None:
    """Version 8 kept the first place in the list's column: opening such a project
    writes every place there, a person's value over the machine's, and leaves a
    rejected value's posting with none."""
    path = tmp_path / "old.db"
    shutil.copy(DATA / "v8.db", path)
    with sqlite3.connect(path) as conn:  # as version 8 wrote postings of many places
        conn.execute("UPDATE suggestions SET value = '[\"Berlin, Germany\", \"Remote\"]'"
                     " WHERE posting_id = 2 AND field = 'locations'")
        conn.execute("UPDATE suggestions SET value = '[\"Toronto\", \"Ottawa\"]'"
                     " WHERE posting_id = 3 AND field = 'locations'")
        conn.execute("INSERT INTO annotations (posting_id, field, state, value, spans,"
                     " updated_at, reviewer) VALUES (3, 'locations', 'corrected',"
                     " '[\"Montreal\", \"Quebec City\"]', '[]', '2026-01-01', 'ann')")
        conn.execute("UPDATE suggestions SET value = '[\"Austin\", \"Dallas\"]'"
                     " WHERE posting_id = 1 AND field = 'locations'")
        conn.execute("INSERT INTO annotations (posting_id, field, state, value, spans,"
                     " updated_at, reviewer) VALUES (1, 'locations', 'rejected', NULL, '[]',"
                     " '2026-01-01', 'ann')")
        conn.execute("UPDATE postings SET location = NULL WHERE id = 1")
    conn.close()
    with Store(path) as store:
        assert store.schema_version() == SCHEMA_VERSION >= 9
        rows = store.queue.rows([1, 2, 3])
        assert [rows[pid][4] for pid in (1, 2, 3)] == [
            None, "Berlin, Germany; Remote", "Montreal; Quebec City"]
        assert store.queue.ids(query="location:remote") == [2]
        assert store.queue.ids(query="location:quebec") == [3]
        assert store.queue.ids(query="location:ottawa") == []


def test_recently_edited_lists_the_last_edit_first(store: Store) -> None:
    """"Recently edited" sorted oldest first: the posting just edited was last of all."""
    store.postings.set_status(5, "flagged")
    store.postings.set_comment(2, "check the pay")
    for pid, at in ((5, "2030-01-01T10:00:00+00:00"), (2, "2030-01-01T10:00:01+00:00")):
        store.db.execute("UPDATE postings SET updated_at = ? WHERE id = ?", (at, pid))
    assert list(store.queue.ids("recent"))[:2] == [2, 5]
    assert next(iter(store.queue.ids("recent", query="location:berlin"))) == 5
    assert [row["id"] for row in store.queue.page("recent", limit=2)] == [2, 5]


def test_a_word_said_again_is_searched_once() -> None:
    """2,000 words of "a " took 12 s on the window's thread (each word one more AND)."""
    from reviewer.core.store.search import parse_search

    assert parse_search("a " * 2000).words == ("a",)
    assert parse_search("Data data DATA engineer company:x").words == ("Data", "engineer")


def test_a_place_or_source_filter_ignores_the_case_of_any_letter(tmp_path: Path) -> None:
    """`location:münchen` missed "MÜNCHEN, GERMANY" and `location:αθηνα` "ΑΘΗΝΑ" (the
    comparison folded the case of A to Z alone)."""
    with Store(tmp_path / "p.db") as store:
        store.postings.add([
            NewPosting(source=f"{n}.txt", hash=f"h{n}", kind="text", raw="p", cleaned="x",
                       fields={"locations": [place]}, confidence={"locations": 0.5},
                       stages={"locations": "prose"})
            for n, place in enumerate(("MÜNCHEN, GERMANY", "ΑΘΗΝΑ", "München", "Berlin"), 1)])
        assert store.queue.ids(query="location:münchen") == [1, 3]
        assert store.queue.ids(query="location:αθηνα") == [2]
        assert store.queue.ids(query="location:BERLIN") == [4]


def test_a_place_or_source_filter_ignores_accents_as_the_search_does(tmp_path: Path) -> None:
    """`location:munchen` missed "München" and `location:zurich` "Zürich", which the
    search words find (its index folds accents): a filter typed without them found none."""
    places = ("MÜNCHEN, GERMANY", "Zürich", "Munchen", "São Paulo", "Straße 5, Köln",
              "Ａｃｍｅ Tower", "Berlin")
    with Store(tmp_path / "p.db") as store:
        store.postings.add([
            NewPosting(source=f"{n}.txt", hash=f"h{n}", kind="text", raw="p", cleaned="x",
                       fields={"locations": [place]}, confidence={"locations": 0.5},
                       stages={"locations": "prose"})
            for n, place in enumerate(places, 1)])
        assert store.queue.ids(query="location:munchen") == [1, 3]
        assert store.queue.ids(query="location:münchen") == [1, 3]
        assert store.queue.ids(query="location:ZURICH") == [2]
        assert store.queue.ids(query="location:sao") == [4]
        assert store.queue.ids(query="location:strasse") == [5]
        assert store.queue.ids(query="location:koln") == [5]
        assert store.queue.ids(query="location:acme") == [6]
        assert store.queue.ids(query="location:berlin") == [7]
        assert store.queue.ids(query="location:\u0301") == []  # an accent alone: none


def test_a_word_after_a_minus_leaves_out_the_postings_that_have_it(
        store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """"python -java" listed the postings that have Java: the minus was read as no part
    of the word (the index drops it), so the search looked for "java" as well."""
    assert parse_search("python -java -Java title:data").without == ("java",)
    assert parse_search("python -java").words == ("python",)
    assert parse_search("- –").without == ()  # (a dash alone is no word to leave out)
    q = store.queue
    assert sorted(q.search("data -python")) == [5]  # 1 and 2 have Python; 3's is in its text
    assert sorted(q.search("data")) == [1, 2, 3, 5]
    assert sorted(q.search("data -python -statistics")) == []
    assert q.search("-python") == [pid for pid in range(1, 7) if pid not in q.search("python")]
    assert q.search("-robots company:acme") == [1, 4]
    assert q.search("-python location:berlin") == [
        pid for pid in q.search("location:berlin") if pid not in q.search("python")]
    monkeypatch.setattr("reviewer.core.store.queue.Queue.RANKED", 1)
    first, after = q.search_head("-robots")  # too many to rank: read on after the first
    assert after is not None and first + q.search_after("-robots", after) == [
        pid for pid in range(1, 7) if pid != 2]


def test_a_minus_before_a_phrase_or_a_filter_leaves_it_out_and_a_number_is_a_number(
        store: Store) -> None:
    """-"java only" lost its minus with its quotes, and searched both words; -company:acme
    was read as the filter company:acme (the very postings meant to go); -5 left out
    the postings with a 5, where it was searched for before."""
    q = store.queue
    assert parse_search('-"data data" -company:acme -5').without == ("data data",)
    assert parse_search("-company:acme").without_filters == (("company", "acme"),)
    assert parse_search("-5 -2.5").words == ("-5", "-2.5")
    assert q.search('data -"data data"') == [p for p in q.search("data") if p != 2]
    assert q.search("data -company:acme") == [p for p in q.search("data")
                                              if p not in q.search("company:acme")]
    assert q.search("-company:acme") == [p for p in range(1, 7)
                                         if p not in q.search("company:acme")]
    assert q.search("-location:berlin") == [p for p in range(1, 7)
                                            if p not in q.search("location:berlin")]
    assert q.search("data -source:jobs.example.com") == [
        p for p in q.search("data") if p not in q.search("source:jobs.example.com")]
    assert parse_search("python -company:acme").terms() == ["python", "-company:acme"]


def test_words_in_quotes_are_a_phrase_as_after_a_minus(store: Store) -> None:
    """"data pipelines" listed every posting with both words anywhere ("Data Engineer"
    and "data data data … Python" alike): its quotes were dropped, where -"data data"
    and company:"Acme Corp" read them as a phrase. Words in quotes are one phrase now,
    written back in quotes."""
    for text in ('"-java"', '"company:acme"', '"source:x.com" python', '"c++"', '"5"',
                 'python -"title:senior"', '-"-java"', '-"2024"'):
        query = parse_search(text)  # (a word in quotes that would read otherwise bare)
        assert parse_search(" ".join(query.terms())) == query, text
    query = parse_search('"Data pipelines" python "data"')
    assert query.words == ("Data pipelines", "data", "python")  # (the phrases first)
    assert parse_search(" ".join(query.terms())) == query
    q = store.queue
    assert q.search('"data pipelines"') == [1]
    assert sorted(q.search("data pipelines")) == [1]  # (both words anywhere: the same here)
    assert sorted(q.search('"data data"')) == [2]
    assert sorted(q.search('"data python"')) == []
    assert sorted(q.search('"robots and"  -"data pipelines"')) == [2]


def test_what_a_minus_leaves_out_is_written_back_as_it_reads() -> None:
    """-"2024" written back by the window (a filter chosen from a cell) as -2024, a number
    searched for; -"company:acme" read as the filter company:acme."""
    for text in ('-"2024" -"5" python', '-"data data" -company:acme'):
        query = parse_search(text)
        assert parse_search(" ".join(query.terms())) == query, text
    assert parse_search('-"company:acme"') == SearchQuery(without=("company:acme",))
    assert parse_search('-"location:remote only"').filters == ()


def test_a_title_or_company_filter_of_no_letter_is_matched_as_written(tmp_path: Path) -> None:
    """A company of "&" or "🐍🐍": the right-click filter written of it, company:&, listed
    nothing, not even the posting it was made from (the full-text index holds no word
    of it)."""
    with Store(tmp_path / "p.db") as store:
        store.postings.add([
            NewPosting(source=f"{n}.txt", hash=f"h{n}", kind="text", raw=title,
                       cleaned=f"# {title}\n", fields={"title": title, "company": company})
            for n, title, company in ((1, "Data Engineer", "&"), (2, "Data Analyst", "🐍🐍"),
                                      (3, "+++", "Acme & Sons"))])
        q = store.queue
        assert q.search("company:&") == [1, 3]
        assert q.search('company:"🐍🐍"') == [2]
        assert q.search("title:+++") == [3]
        assert q.search("data -company:&") == [2]
        assert q.ids(query="company:🐍🐍") == [2]
