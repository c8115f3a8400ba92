"""A page's own data (JSON-LD) that its text does not hold may be of another posting: the
text's values, with their evidence, win; the data's are the fields' alternatives."""

from __future__ import annotations

import json

from reviewer.core.pipeline import process

TEXT = ("<main><h1>Data Engineer</h1><p>Acme GmbH is hiring a Data Engineer in Berlin to "
        "build pipelines with Python and SQL. You will own the data platform.</p>"
        "<p>Salary: €60,000 per year.</p></main>")


def page(posting: dict[str, object]) -> str:
    data = json.dumps({"@context": "https://schema.org", "@type": "JobPosting", **posting})
    return (f'<html><head><title>Data Engineer</title><script type="application/ld+json">'
            f"{data}</script></head><body>{TEXT}</body></html>")


def test_data_of_another_posting_gives_way_to_the_text() -> None:
    result = process(page({
        "title": "Chef de Cuisine", "hiringOrganization": {"name": "Evil Restaurant"},
        "baseSalary": {"currency": "USD", "value": {"value": 999999, "unitText": "YEAR"}},
    }), "html").extraction
    assert result.fields["title"] == "Data Engineer"
    assert result.fields["company"] == "Acme GmbH"
    assert result.fields["salary"]["min"] == 60000
    assert result.fields["salary"]["currency"] == "EUR"
    alternatives = {name: [a.value for a in found] for name, found in result.alternatives.items()}
    assert "Chef de Cuisine" in alternatives["title"]
    assert "Evil Restaurant" in alternatives["company"]
    assert any(pay["min"] == 999999 for pay in alternatives["salary"])


def test_data_the_text_holds_stays_sure() -> None:
    result = process(page({
        "title": "Data Engineer", "hiringOrganization": {"name": "Acme GmbH"},
        "baseSalary": {"currency": "EUR", "value": {"value": 60000, "unitText": "YEAR"}},
    }), "html").extraction
    for name in ("title", "company", "salary"):
        assert result.stages[name] == "json-ld" and result.confidence[name] == 0.95, name


def test_a_figure_is_no_part_of_a_place() -> None:
    """An addressCountry of [1, 2] gave the place "1"."""
    result = process(page({"title": "Data Engineer", "jobLocation": {"address": {
        "addressLocality": "Berlin", "addressCountry": [1, 2]}}}), "html").extraction
    assert result.fields["locations"] == ["Berlin"]
    result = process(page({"title": "Data Engineer", "jobLocation": [7, {"address": {
        "addressCountry": 3}}]}), "html").extraction
    assert result.fields["locations"] != ["7"] and result.fields["locations"] != ["3"]
