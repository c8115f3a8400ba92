"""A page's own way of heading a list: a bold line or a short line ending in a colon, as
HTML pages write their sections (``<p><strong>Requirements</strong></p>``)."""

from __future__ import annotations

import pytest

from reviewer.core.clean import clean
from reviewer.core.extract import extract
from reviewer.core.schema import CleanDoc

INTRO = ("<h1>Data Engineer</h1><p>Acme GmbH is hiring a data engineer in Berlin to build the "
         "data pipelines of its analytics team.</p>")
DUTIES = "<ul><li>Build our pipelines</li><li>Run them in production</li></ul>"
NEEDS = "<ul><li>5 years of Python</li><li>SQL</li><li>Spark</li></ul>"


def page(body: str) -> str:
    return f"<html><body><article>{INTRO}{body}</article></body></html>"


@pytest.mark.parametrize("opens", [
    "<p><strong>{}</strong></p>", "<p><strong>{}:</strong></p>", "<p><b>{}</b>:</p>",
    "<p>{}:</p>", "<div><strong>{}</strong></div>",
])
def test_a_list_under_a_bold_or_colon_label_is_the_section_it_names(opens: str) -> None:
    """Only a Markdown heading ("## Requirements") opened a section: a list under a bold
    paragraph or a "Requirements:" line went into no field at all."""
    html = page(opens.format("What you will do") + DUTIES + opens.format("Requirements")
                + NEEDS)
    doc = clean(html, "html")
    fields = extract(doc).fields
    assert fields["responsibilities"] == ["Build our pipelines", "Run them in production"]
    assert fields["required_qualifications"] == ["5 years of Python", "SQL", "Spark"]


def test_the_evidence_of_the_items_is_the_items() -> None:
    doc = clean(page("<p><strong>Requirements</strong></p>" + NEEDS), "html")
    result = extract(doc)
    assert [doc.markdown[a:b] for a, b in result.evidence["required_qualifications"]] == \
        ["5 years of Python", "SQL", "Spark"]


@pytest.mark.parametrize("line", [
    "**Please note the following**", "You will need:", "**Apply today and join us**",
    "Our stack includes:"])
def test_a_bold_or_colon_line_that_names_no_section_leaves_the_list_where_it_was(
        line: str) -> None:
    """A line that names no section is no heading: the list under "## Requirements" with
    such a line inside it is still the requirements."""
    markdown = (f"# Data Engineer\n\nAcme GmbH is hiring a data engineer in Berlin.\n\n"
                f"## Requirements\n\n{line}\n\n- 5 years of Python\n- SQL\n")
    needs = extract(clean(markdown, "text")).fields["required_qualifications"]
    assert needs[-2:] == ["5 years of Python", "SQL"]


def test_an_item_s_line_broken_off_with_br_stays_in_the_item() -> None:
    html = page("<p><strong>What you will do</strong></p><ul><li>Build our pipelines</li>"
                "<li>Run them in production<br>with the on-call team</li></ul>")
    doc = clean(html, "html")
    result = extract(doc)
    assert result.fields["responsibilities"] == [
        "Build our pipelines", "Run them in production with the on-call team"]
    a, b = result.evidence["responsibilities"][1]
    assert doc.markdown[a:b].startswith("Run them") and doc.markdown[a:b].endswith("team")


@pytest.mark.parametrize("line", ["Education:", "Tech stack:", "**Contact**",
                                  "**Experience with Kubernetes is a plus**"])
def test_a_label_of_no_list_field_or_a_bold_sentence_heads_nothing(line: str) -> None:
    """"Education:" (a known heading, of no list field) took the list under it out of the
    requirements; a bold sentence naming "a plus" moved the requirements after it into
    the preferred ones, and was lost itself."""
    markdown = ("# Data Engineer\n\nAcme GmbH is hiring a data engineer in Berlin.\n\n"
                f"## Requirements\n\n- 5 years of Python\n\n{line}\n\n- Spark\n- Airflow\n")
    fields = extract(CleanDoc(markdown=markdown, kind="html")).fields  # (as a page gives it)
    if line.endswith(":"):  # a line that leads into more items: the list goes on
        assert fields["required_qualifications"][-2:] == ["Spark", "Airflow"]
    assert fields["preferred_qualifications"] is None


def test_a_bold_label_with_its_value_on_the_line_keeps_the_value() -> None:
    markdown = ("# Data Engineer\n\nAcme GmbH is hiring a data engineer in Berlin.\n\n"
                "**Qualifications: BSc or MSc required**\n\nWe offer a good salary.\n")
    fields = extract(CleanDoc(markdown=markdown, kind="html")).fields
    assert "BSc or MSc required" in (fields["required_qualifications"] or [])


def test_a_paragraph_after_a_nested_list_is_not_glued_to_its_last_item() -> None:
    """A posting inside a list item: every paragraph of it is indented under the item,
    and the line after a nested list was joined to that list's last item across the
    blank line ("SQL Benefits", "Free lunch We look forward …")."""
    html = ("<html><body><h1>Data Engineer</h1><ul><li><p>Acme GmbH is hiring a data "
            "engineer in Berlin to build the data pipelines of its analytics team.</p>"
            "<p><strong>Requirements</strong></p><ul><li>5 years of Python</li><li>SQL</li>"
            "</ul><p><strong>Benefits</strong></p><ul><li>30 days of holidays</li>"
            "<li>Free lunch</li></ul><p>We look forward to your application, please send "
            "it to jobs@acme.example today.</p></li></ul></body></html>")
    fields = extract(clean(html, "html")).fields
    assert fields["required_qualifications"] == ["5 years of Python", "SQL"]
    assert fields["benefits"] == ["30 days of holidays", "Free lunch"]


@pytest.mark.parametrize("opens", ["<p><strong>{}</strong></p>", "<p>{}:</p>",
                                   "<p><b>{}:</b></p>"])
@pytest.mark.parametrize("name", ["About us", "How to apply", "Additional information"])
def test_a_section_of_no_list_field_still_ends_the_list_before_it(opens: str,
                                                                 name: str) -> None:
    """Only lines naming a section of a list field were headings (38e448a): "About us:"
    and the list under it went into the requirements."""
    html = page("<p><strong>Requirements</strong></p><ul><li>5 years of Python</li>"
                "<li>SQL</li></ul>" + opens.format(name) + "<ul><li>Founded in 2010 in "
                "Berlin</li><li>Send your CV to jobs@acme.example</li></ul>")
    assert extract(clean(html, "html")).fields["required_qualifications"] == [
        "5 years of Python", "SQL"]


def test_a_longer_bold_heading_is_read_by_its_key_words() -> None:
    html = page("<p><strong>Benefits and perks we offer</strong></p><ul><li>30 days of "
                "holidays</li><li>Free lunch</li></ul><p><strong>Your responsibilities in "
                "this role</strong></p><ul><li>Build our pipelines</li></ul>")
    fields = extract(clean(html, "html")).fields
    assert fields["benefits"] == ["30 days of holidays", "Free lunch"]
    assert fields["responsibilities"] == ["Build our pipelines"]
