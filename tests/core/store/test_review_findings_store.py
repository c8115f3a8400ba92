"""The queue's search text taken at its word: a value read from a posting or its file,
and text pasted into the search box, list what they name and never raise."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewer.core.store import NewPosting, Store, filter_term


def _posting(n: int, source: str, company: str, place: str) -> NewPosting:
    cleaned = f"# Engineer {n}\n\nPython and SQL.\n"
    return NewPosting(source=source, hash=f"h{n}", kind="text", raw=cleaned, cleaned=cleaned,
                      fields={"title": f"Engineer {n}", "company": company,
                              "locations": [place]}, confidence={"title": 0.9})


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store(tmp_path / "project.db")
    s.postings.add([
        _posting(1, '/data/My "best" jobs/a.html', "Acme", 'Berlin "Mitte"'),
        _posting(2, "/data/other/b.html", "Acme", "Berlin Mitte-Nord"),
    ])
    return s


@pytest.mark.parametrize(("field", "value"), [("location", 'Berlin "Mitte"'),
                                              ("source", '/data/My "best" jobs/')])
def test_a_filter_by_a_value_with_double_quotes_lists_its_posting(
        store: Store, field: str, value: str) -> None:
    # the right-click filter writes the value without its quotes (the search text cannot
    # hold them): it still names the posting it was taken from
    term = filter_term(field, value)
    assert 1 in store.queue.ids(query=term)
    assert 1 in store.queue.search(term)


@pytest.mark.parametrize("query", ["eng\x00ineer", "title:eng\x00", 'company:"Ac\x00me"',
                                   "\x00"])
def test_a_nul_character_pasted_into_the_search_is_harmless(store: Store,
                                                             query: str) -> None:
    store.queue.search(query)
    store.queue.search_head(query)
    store.queue.ids(query=query)
