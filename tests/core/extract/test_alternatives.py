"""Where two stages read a field differently, the stronger value wins and the other is
kept as an alternative the reviewer can pick. Every posting here is made up for the tests.
"""

from __future__ import annotations

import pytest

from reviewer.core.clean import clean
from reviewer.core.extract import extract, prose
from reviewer.core.extract.document import Document, parse
from reviewer.core.schema import Finding

DISPUTED = """Warehouse Associate

Location: Leeds

Northgate Freight is seeking a Forklift Operator to join our busy depot team.

Responsibilities
- Load and unload trailers
- Keep the yard tidy
"""


def test_the_structure_wins_and_the_prose_reading_is_an_alternative() -> None:
    ext = extract(clean(DISPUTED, "text"))
    assert ext.fields["title"] == "Warehouse Associate"
    assert ext.stages["title"] == "structure"
    others = ext.alternatives["title"]
    assert [(a.value, a.stage) for a in others] == [("Forklift Operator", "prose")]
    assert others[0].confidence < ext.confidence["title"]
    start, end = others[0].spans[0]
    assert clean(DISPUTED, "text").markdown[start:end] == "Forklift Operator"


def test_no_alternatives_where_the_stages_agree_or_only_one_reads_the_field() -> None:
    text = DISPUTED.replace("Warehouse Associate", "Forklift Operator")
    ext = extract(clean(text, "text"))
    assert ext.fields["title"] == "Forklift Operator"
    assert "title" not in ext.alternatives
    assert "responsibilities" not in ext.alternatives


def test_alternatives_are_distinct_best_first_and_at_most_three() -> None:
    for ext in (extract(clean(DISPUTED, "text")),
                extract(clean(f"<html><head><title>Crane Driver - Northgate Freight"
                              f"</title></head><body><pre>{DISPUTED}</pre></body></html>",
                              "html"))):
        for name, others in ext.alternatives.items():
            assert 1 <= len(others) <= 3
            values = [str(a.value).casefold() for a in others]
            assert len(set(values)) == len(values)
            assert str(ext.fields[name]).casefold() not in values
            assert [a.confidence for a in others] == sorted(
                (a.confidence for a in others), reverse=True)
            assert ext.stages[name] not in {a.stage for a in others}


def test_the_prose_is_read_once_for_the_missing_fields_and_the_alternatives(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The prose stage reads each field as if it were the only one asked for, so one run
    gives both the values of fields not found yet and the alternatives of those held less
    surely: it was run twice, a tenth of the extraction of a text posting."""
    asked: list[set[str]] = []
    reads = prose.from_prose

    def counted(doc: Document, have: dict[str, Finding]) -> dict[str, Finding]:
        asked.append({"title", "company", "locations"} - set(have))
        return reads(doc, have)

    monkeypatch.setattr(prose, "from_prose", counted)
    ext = extract(clean(DISPUTED, "text"))
    assert len(asked) == 1
    assert "title" in asked[0]  # the weak title's alternative comes from that one run
    assert [(a.value, a.stage) for a in ext.alternatives["title"]] == [
        ("Forklift Operator", "prose")]


def test_a_field_the_prose_reads_reads_the_same_whatever_else_is_asked() -> None:
    """What one run of the prose stage relies on: its reading of a field does not depend
    on which other fields it is asked for."""
    for raw, kind in ((DISPUTED, "text"), (DISPUTED.replace("Location: Leeds\n", ""), "text")):
        doc = parse(clean(raw, kind).markdown)
        whole = prose.from_prose(doc, {})
        for name, finding in whole.items():
            have = {other: finding for other in ("title", "company", "locations")
                    if other != name}
            alone = prose.from_prose(doc, have)
            assert list(alone) == [name]
            assert (alone[name].value, alone[name].spans, alone[name].confidence) == (
                finding.value, finding.spans, finding.confidence)
