"""The evidence a person's value of a field keeps: the text it was taken from, an
alternative's own, the machine's for the machine's value, none for a value typed anew;
and an edit over a value another window or program set since it was shown, refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewer.core.records import PostingRecord
from reviewer.core.store import ChangedMeanwhile, NewPosting, Store

TEXT = "# Forklift Operator\n\nNorthgate Freight Ltd is hiring in Leeds.\n\n- Python\n- Go\n"


def _at(words: str) -> list[int]:
    start = TEXT.index(words)
    return [start, start + len(words)]


@pytest.fixture
def store(tmp_path: Path) -> Store:
    store = Store(tmp_path / "p.db")
    store.postings.add([NewPosting(
        source="p.txt", hash="h", kind="text", raw=TEXT, cleaned=TEXT,
        fields={"title": "Forklift Operator", "company": "Northgate Freight",
                "skills": ["Python"]},
        evidence={"title": [_at("Forklift Operator")], "company": [_at("Northgate Freight")],
                  "skills": [_at("Python")]},
        confidence={"title": 0.9, "company": 0.8, "skills": 0.7},
        alternatives={"company": [{"value": "Leeds", "confidence": 0.3, "stage": "prose",
                                   "spans": [_at("Leeds")]}]})])
    return store


def _record(store: Store) -> PostingRecord:
    """Posting 1 as an export gives it."""
    return next(store.records.all(reviewed_only=False))


def test_a_value_taken_from_the_text_keeps_it_as_its_evidence(store: Store) -> None:
    store.decisions.set_field(1, "company", "Northgate Freight Ltd",
                              taken_from=[_at("Northgate Freight Ltd")], text=TEXT)
    assert store.records.get(1)["human"]["company"]["spans"] == [_at("Northgate Freight Ltd")]
    assert _record(store)["field_spans"]["company"] == [_at("Northgate Freight Ltd")]


def test_a_value_typed_anew_has_no_evidence_and_the_machines_value_keeps_its_own(
        store: Store) -> None:
    store.decisions.set_field(1, "title", "Forklift Driver")
    assert "title" not in _record(store)["field_spans"]
    store.decisions.set_field(1, "title", "Forklift Operator")  # typed as the machine read it
    assert _record(store)["field_spans"]["title"] == [_at("Forklift Operator")]


def test_an_alternative_picked_keeps_its_own_spans(store: Store) -> None:
    store.decisions.set_field(1, "company", "Leeds")
    assert _record(store)["field_spans"]["company"] == [_at("Leeds")]


def test_an_item_added_from_the_text_keeps_the_others_evidence_beside_its_own(
        store: Store) -> None:
    store.decisions.set_field(1, "skills", ["Python", "Go"], taken_from=[_at("Go")], text=TEXT)
    assert _record(store)["field_spans"]["skills"] == [_at("Python"), _at("Go")]


def test_text_taken_from_off_the_text_or_from_a_text_read_again_is_refused(
        store: Store) -> None:
    with pytest.raises(ValueError, match="outside the text"):
        store.decisions.set_field(1, "company", "Acme", taken_from=[[0, len(TEXT) + 5]])
    with pytest.raises(ChangedMeanwhile, match="text changed"):
        store.decisions.set_field(1, "company", "Leeds", taken_from=[_at("Leeds")],
                                  text=TEXT + "more")
    assert store.records.get(1)["provenance"]["company"] == "machine"


def test_an_edit_over_a_value_set_since_it_was_shown_is_refused(store: Store) -> None:
    with Store(store.path) as other:  # another window's
        other.decisions.set_field(1, "company", "B company")
    for edit in (lambda: store.decisions.set_field(1, "company", "A company",
                                                   shown="Northgate Freight"),
                 lambda: store.decisions.reject_field(1, "company", shown="Northgate Freight"),
                 lambda: store.decisions.revert_field(1, "company", shown="Northgate Freight")):
        with pytest.raises(ChangedMeanwhile, match="“B company” since it was shown") as caught:
            edit()
        assert caught.value.fields == ["company"]
        assert store.records.get(1)["fields"]["company"] == "B company"
    store.decisions.set_field(1, "company", "A company", shown="B company")  # seen: saved
    assert store.records.get(1)["fields"]["company"] == "A company"


def test_a_field_shown_as_it_stands_is_edited_whatever_form_the_file_keeps_it_in(
        store: Store) -> None:
    """A record imported with a field accepted as an empty list holds it as rejected, []:
    shown as no value, it was never "set to no value since it was shown"."""
    record = dict(_record(store), id=2, raw_hash="another")
    record["fields"] = dict(record["fields"], skills=[])
    record["provenance"] = dict(record["provenance"], skills="accepted")
    assert store.records.add(record)
    assert store.decisions.current(2, "skills")[:2] == ("rejected", [])
    shown = store.records.get(2)["fields"]["skills"]
    assert shown is None
    store.decisions.revert_field(2, "skills", shown=shown)
    store.decisions.reject_field(2, "skills", shown=["Python"])
    store.decisions.set_field(2, "skills", ["SQL", "Go"], shown=[])
    with Store(store.path) as other:  # the same items and words, spaced or ordered otherwise
        other.decisions.set_field(2, "skills", ["Go", " SQL"])
        other.decisions.set_field(2, "company", "Northgate  Freight")
    store.decisions.set_field(2, "skills", ["Rust"], shown=["SQL", "Go"])
    store.decisions.set_field(2, "company", "Acme", shown="Northgate Freight")
    assert store.records.get(2)["fields"]["skills"] == ["Rust"]
    with pytest.raises(ChangedMeanwhile, match="“Rust” since it was shown"):
        store.decisions.reject_field(2, "skills", shown=None)


def test_a_value_taken_from_words_over_a_link_keeps_its_evidence_as_items_are_added(
        tmp_path: Path) -> None:
    """The range of a value taken over a link or bold words holds their markup
    ("[Acme Corp](https://…)", "Python** and _Go"): its evidence was dropped at the next
    edit of the list, as no longer saying the item (its words compared with markup)."""
    text = ("Apply at [Acme Corp](https://acme.example/jobs) before June.\n\n"
            "We use **Python** and _Go_ daily.\n")
    link = text.index("Apply"), text.index(" June") + 5
    bold = text.index("Python"), text.index("Go_") + 2  # (as a selection's range is cut)
    with Store(tmp_path / "p.db") as store:
        store.postings.add([NewPosting(source="p.md", hash="h", kind="text", raw=text,
                                       cleaned=text)])
        put = store.decisions.set_field
        put(1, "responsibilities", ["Apply at Acme Corp before June"], taken_from=[link],
            text=text)
        put(1, "responsibilities", ["Apply at Acme Corp before June", "Python and Go"],
            taken_from=[bold], text=text)
        put(1, "responsibilities", ["Apply at Acme Corp before June", "Python and Go",
                                    "Typed anew"])
        assert store.records.get(1)["human"]["responsibilities"]["spans"] == [
            list(link), list(bold)]


def test_an_item_taken_over_an_image_keeps_its_evidence_as_items_are_added(
        tmp_path: Path) -> None:
    """An item taken over an image holds the placeholder the document shows for it
    ("[image: Team photo]"): its evidence was dropped at the next edit of the list, as
    the range's words were read as the image's bare description."""
    text = ("Apply at [Acme Corp](https://acme.example/jobs) before June.\n\n"
            "![Team photo](https://acme.example/team.png) Our team in Berlin.\n")
    link = text.index("Apply"), text.index(" June") + 5
    image = text.index("![Team"), text.index("Berlin") + 6
    items = ["Apply at Acme Corp before June", "[image: Team photo] Our team in Berlin"]
    with Store(tmp_path / "p.db") as store:
        store.postings.add([NewPosting(source="p.md", hash="h", kind="text", raw=text,
                                       cleaned=text)])
        put = store.decisions.set_field
        put(1, "responsibilities", items[:1], taken_from=[link], text=text)
        put(1, "responsibilities", items, taken_from=[image], text=text)
        put(1, "responsibilities", [*items, "Typed anew"])
        assert store.records.get(1)["human"]["responsibilities"]["spans"] == [
            list(link), list(image)]
