"""Two figures in elements side by side are never glued into one: a space stands between
them, or the range's dash where an empty element (a divider the page draws) does."""

from __future__ import annotations

import pytest

from reviewer.core.clean import clean
from reviewer.core.pipeline import process


def _page(inside: str) -> str:
    return ("<html><body><main><h1>Staff Site Reliability Engineer</h1><p>Quarrybank builds "
            "the ledger infrastructure that more than 900 credit unions use to move money "
            f"in real time. We are a team of 210 people.</p>{inside}</main></body></html>")


def test_a_pay_range_drawn_with_a_divider_reads_as_a_range() -> None:
    """Was: "$185,000$225,000 USD", and no salary was read."""
    result = process(_page(
        '<div class="title">US Base Salary</div><div class="pay-range"><span>$185,000</span>'
        '<span class="divider"></span><span>$225,000 USD</span></div>'), "html")
    assert "$185,000 – $225,000 USD" in result.doc.markdown
    assert result.extraction.fields["salary"] == {
        "min": 185000, "max": 225000, "currency": "USD", "period": "year"}


@pytest.mark.parametrize(("inside", "shown"), [
    ("<p><span>Job ID</span> <b>2025</b><b>3318</b></p>", "**2025** **3318**"),
    ("<p>Reference 2025<span>3318</span></p>", "2025 3318"),
    ("<div><span>$40</span><span>$50</span> an hour</div>", "$40 $50 an hour"),
    # what is no figure glued to a figure is left as it is
    ("<p><span>$</span><span>185,000</span> a year, <b>3</b>rd floor</p>",
     "$185,000 a year, **3**rd floor"),
])
def test_figures_side_by_side_stay_apart(inside: str, shown: str) -> None:
    assert shown in clean(_page(inside), "html").markdown
