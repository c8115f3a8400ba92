"""A zero in a page's JSON-LD pay is a placeholder its board writes for "not given",
not a wage of nothing."""

from __future__ import annotations

import json

import pytest

from reviewer.core.pipeline import process

TEXT = ("<main><h1>Barista</h1><p>Bean There is hiring a barista in Portland, OR. You will "
        "make coffee, greet guests and keep the bar clean every morning.</p></main>")


def _salary(value: dict[str, object]) -> object:
    data = json.dumps({"@context": "https://schema.org", "@type": "JobPosting",
                       "title": "Barista", "baseSalary": {"currency": "USD", "value": value}})
    page = (f'<html><head><title>Barista</title><script type="application/ld+json">{data}'
            f"</script></head><body>{TEXT}</body></html>")
    return process(page, "html").extraction.fields.get("salary")


@pytest.mark.parametrize("value", [
    {"minValue": 0, "maxValue": 0, "unitText": "HOUR"},
    {"value": 0, "unitText": "YEAR"},
    {"minValue": "0", "maxValue": "0.00", "unitText": "YEAR"},
    {"minValue": -1, "unitText": "YEAR"},
])
def test_a_zero_pay_in_the_data_is_no_salary(value: dict[str, object]) -> None:
    assert _salary(value) is None


def test_a_zero_at_one_end_leaves_the_other() -> None:
    assert _salary({"minValue": 0, "maxValue": 52000, "unitText": "YEAR"}) == {
        "min": None, "max": 52000, "currency": "USD", "period": "year"}
    assert _salary({"minValue": 18.5, "maxValue": 0, "unitText": "HOUR"}) == {
        "min": 18.5, "max": None, "currency": "USD", "period": "hour"}
