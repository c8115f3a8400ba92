"""A page whose body shows no posting (an app's shell) but whose JSON-LD JobPosting holds
its description: the description is the posting's text, under the title, employer,
place and pay the data gives, and the fields point at them."""

from __future__ import annotations

import json
from typing import Any

import pytest

from reviewer.core.clean import clean, gave_up
from reviewer.core.clean.data_text import FROM_DATA
from reviewer.core.pipeline import process

DESCRIPTION = (
    "<p>Tessellate builds scheduling software for home-care agencies. Our data team owns "
    "the pipelines that feed billing and payroll.</p><h3>What you will do</h3><ul>"
    "<li>Build and operate batch and streaming pipelines in Python.</li>"
    "<li>Model data in Snowflake for finance analytics.</li></ul>"
    "<p>The salary range is CA$105,000 to CA$125,000 per year.</p>"
    "<script>alert(1)</script><img src='https://tracker.example/x.png' alt='pixel'>"
    "<p style='display:none'>Internal: budget code FO-118</p>")
POSTING: dict[str, Any] = {
    "@context": "https://schema.org/", "@type": "JobPosting", "title": "Data Engineer II",
    "description": DESCRIPTION,
    "hiringOrganization": {"@type": "Organization", "name": "Tessellate"},
    "jobLocationType": "TELECOMMUTE",
    "applicantLocationRequirements": {"@type": "Country", "name": "Canada"},
    "baseSalary": {"@type": "MonetaryAmount", "currency": "CAD", "value": {
        "@type": "QuantitativeValue", "minValue": 105000, "maxValue": 125000,
        "unitText": "YEAR"}},
}
SHELL = """<!doctype html><html><head><title>Data Engineer II | Tessellate</title>
<script type="application/ld+json">DATA</script></head>
<body><noscript>You need to enable JavaScript to run this app.</noscript><div id="root"></div>
<div id="cookie-root"><div class="cc-banner">We use cookies. <button>Got it</button></div></div>
</body></html>"""


def shell(posting: dict[str, Any] | list[dict[str, Any]]) -> str:
    return SHELL.replace("DATA", json.dumps(posting).replace("</", "<\\/"))


@pytest.mark.parametrize("root", ['<div id="root"></div>',
                                  '<div id="root"><p>Loading the job…</p></div>'])
def test_an_app_shell_is_cleaned_to_its_json_ld_posting(root: str) -> None:
    """Was: "no text left after cleaning", and an import skipped the page."""
    doc = clean(shell(POSTING).replace('<div id="root"></div>', root), "html")
    assert gave_up(doc) is None
    lines = doc.markdown.splitlines()
    assert lines[:5] == ["# Data Engineer II", "", "- Company: Tessellate",
                         "- Location: Remote (Canada)", "- Pay: 105,000–125,000 CAD a year"]
    assert "### What you will do" in lines
    assert "- Build and operate batch and streaming pipelines in Python." in lines
    assert FROM_DATA in doc.notes
    for gone in ("alert(1)", "tracker.example", "pixel", "FO-118", "cookies", "JavaScript"):
        assert gone not in doc.markdown


def test_its_fields_point_at_the_text() -> None:
    result = process(shell(POSTING), "html")
    text, ext = result.doc.markdown, result.extraction
    assert ext.fields["title"] == "Data Engineer II"
    assert ext.fields["salary"] == {"min": 105000, "max": 125000, "currency": "CAD",
                                    "period": "year"}
    for name, words in (("title", "Data Engineer II"), ("company", "Tessellate")):
        assert [text[a:b] for a, b in ext.evidence[name]] == [words]
        assert ext.confidence[name] >= 0.9
    assert ext.evidence["salary"] and ext.confidence["salary"] >= 0.9


def test_an_escaped_or_plain_description_is_read_as_text() -> None:
    """A description's tags escaped in the data ("&lt;p&gt;") are its tags; a plain
    one keeps its lines, its "<" and "&" as text."""
    escaped = {**POSTING, "description": DESCRIPTION.replace("<", "&lt;").replace(">", "&gt;")}
    doc = clean(shell(escaped), "html")
    assert "- Model data in Snowflake for finance analytics." in doc.markdown.splitlines()
    assert "&lt;" not in doc.markdown and "<p>" not in doc.markdown
    plain = {**POSTING, "description": "We build software for agencies.\n\nYou will:\n"
             "run pipelines daily & need < 5 years of experience with data at scale"}
    lines = clean(shell(plain), "html").markdown.splitlines()
    assert "We build software for agencies." in lines
    assert "You will:" in [line.rstrip() for line in lines]
    assert any(line.startswith("run pipelines daily & need < 5 years") for line in lines)


@pytest.mark.parametrize("body", [
    # the posting shown on the page: its own text wins
    "<main><h1>Data Engineer II</h1><p>Tessellate builds scheduling software for home-care "
    "agencies, and our data team owns the pipelines that feed billing and payroll. You will "
    "build and run them with us, in Python, and model data in Snowflake.</p></main>",
])
def test_a_page_that_shows_its_posting_keeps_its_own_text(body: str) -> None:
    page = shell(POSTING).replace('<div id="root"></div>', body)
    doc = clean(page, "html")
    assert "- Company: Tessellate" not in doc.markdown and FROM_DATA not in doc.notes
    assert "in Python, and model data in Snowflake" in doc.markdown


def test_several_postings_give_no_text_of_theirs() -> None:
    """Which of several postings is the page's own is not known: none is written."""
    other = {**POSTING, "title": "Analyst", "description": "<p>Another posting.</p>"}
    assert gave_up(clean(shell([POSTING, other]), "html")) is not None


@pytest.mark.parametrize("body", [
    '<div class="wrap"><h1>Barista (Part-time)</h1><div>Blue Bottle Cafe, Portland, OR</div>'
    '<div>$17/hour plus tips</div><div>Weekends required. Apply in store.</div></div>',
    "<h2>Dishwasher</h2><ul><li>$16.50/hr</li><li>Evenings</li><li>Joe's Diner, Salem</li>"
    "</ul><p>Call 555-0100</p>",
])
def test_a_short_posting_is_not_replaced_by_another_jobs_data(body: str) -> None:
    """Was: a short posting in the body, which no block's score finds, gave way to the
    JSON-LD of another job (a board's), its title and employer written over it."""
    page = shell(POSTING).replace('<div id="root"></div>', body).replace(
        "Data Engineer II | Tessellate", "Jobs")
    doc = clean(page, "html")
    assert FROM_DATA not in doc.notes and "Tessellate" not in doc.markdown
    assert "Apply in store." in doc.markdown or "Call 555-0100" in doc.markdown


def test_a_short_body_of_the_datas_own_posting_is_given_its_description() -> None:
    """The data's title is the page's: its description is the posting's text."""
    page = shell(POSTING).replace('<div id="root"></div>',
                                  "<h1>Data Engineer II</h1><p>Remote, Canada. Apply by email.</p>")
    assert FROM_DATA in clean(page, "html").notes


def test_the_head_and_the_fields_come_from_one_posting() -> None:
    """The extraction reads the page's first JobPosting: a description of another one
    (the first holding none) is not written under it."""
    first = {"@type": "JobPosting", "title": "Analyst", "hiringOrganization": "Globex"}
    doc = clean(shell([first, POSTING]), "html")
    assert FROM_DATA not in doc.notes and "Tessellate" not in doc.markdown
    assert FROM_DATA in clean(shell([POSTING, POSTING]), "html").notes  # (a copy: one)


@pytest.mark.parametrize("salary", [
    {"currency": "USD", "value": {"minValue": 10 ** 400, "unitText": "YEAR"}},
    {"currency": "USD", "value": {"minValue": 1e300, "maxValue": -5, "unitText": "YEAR"}},
    {"currency": "USD", "value": {"minValue": 0, "maxValue": 0, "unitText": "YEAR"}},
    {"currency": "USD", "value": {"value": "0.00", "unitText": "YEAR"}},
    {"currency": "USD", "value": {"value": "9" * 300}},
])
def test_an_amount_that_is_no_sane_number_is_no_pay(salary: dict[str, Any]) -> None:
    """Was: an integer past a float's range raised (the page failed to clean), 1e300 was
    written out in 300 digits and a placeholder of 0 as "Pay: 0 USD a year"."""
    doc = clean(shell({**POSTING, "baseSalary": salary}), "html")
    assert FROM_DATA in doc.notes and "Pay:" not in doc.markdown
    assert "- Company: Tessellate" in doc.markdown


def test_a_plain_description_that_names_a_tag_keeps_all_its_text() -> None:
    """Was: "&lt;template&gt;" in a plain description was unescaped into a <template>
    that took in all the text after it."""
    plain = {**POSTING, "description": (
        "You will build single-file components (&lt;template&gt; and &lt;script setup&gt; "
        "blocks) every day.\n\nRequirements: five years of JavaScript. Salary $140,000.")}
    markdown = clean(shell(plain), "html").markdown
    assert "template>" in markdown and "Requirements: five years of JavaScript." in markdown
    assert "&lt;" not in markdown


def test_a_description_escaped_twice_is_read_as_its_html() -> None:
    """Was: written out as "&amp;lt;p&amp;gt;…"."""
    twice = {**POSTING, "description": DESCRIPTION.replace("<", "&amp;lt;")
             .replace(">", "&amp;gt;")}
    markdown = clean(shell(twice), "html").markdown
    assert "- Model data in Snowflake for finance analytics." in markdown.splitlines()
    assert "&amp;" not in markdown and "&lt;" not in markdown and "alert(1)" not in markdown


def test_an_escaped_tag_that_would_swallow_the_rest_stays_text() -> None:
    escaped = {**POSTING, "description": (
        "&lt;p&gt;You will build components (&lt;template&gt; blocks) every day.&lt;/p&gt;"
        "&lt;p&gt;The salary range is CA$105,000 to CA$125,000 per year.&lt;/p&gt;")}
    markdown = clean(shell(escaped), "html").markdown
    assert "template>" in markdown and "CA$105,000 to CA$125,000" in markdown
