"""Where two stages read a field differently, the stronger value wins and the other is
kept as an alternative the reviewer can pick. Every posting here is made up for the tests.
"""

from __future__ import annotations

from reviewer.core.clean import clean
from reviewer.core.extract import extract

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
