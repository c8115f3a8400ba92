"""The words of a button that labels a section are the section's heading: a button inside
a heading (an accordion's) and a tab that names its panel. A form's buttons stay out."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from reviewer.core.clean import clean
from reviewer.core.clean.html_markdown import to_markdown
from reviewer.core.pipeline import process

INTRO = ("<p>Brewhouse Coffee is hiring a barista for our downtown shop. You will prepare "
         "espresso drinks, keep the bar clean and serve customers quickly during the "
         "morning rush.</p>")


def _page(inside: str) -> str:
    return (f"<html><head><title>Barista</title></head><body><main><h1>Barista</h1>"
            f"{inside}</main></body></html>")


def test_a_button_inside_a_heading_is_its_text() -> None:
    """Was: the button was dropped as a form control, the heading with it, and the list
    of requirements and the pay ran on under the heading before them."""
    page = _page(
        INTRO + '<h2><button class="accordion-button" aria-expanded="true">Requirements'
        "</button></h2><div><ul><li>6 months of cafe experience preferred.</li>"
        "<li>Weekend availability required.</li></ul></div>"
        '<h2><button class="accordion-button" aria-expanded="true">Pay and benefits'
        "</button></h2><div><ul><li>Free drinks on shift.</li><li>Paid time off.</li>"
        "</ul></div>")
    result = process(page, "html")
    markdown = result.doc.markdown
    assert "## Requirements" in markdown and "## Pay and benefits" in markdown
    fields = result.extraction.fields
    assert fields["required_qualifications"] == ["6 months of cafe experience preferred.",
                                                 "Weekend availability required."]
    assert fields["benefits"] == ["Free drinks on shift.", "Paid time off."]


def test_a_tab_names_its_panel() -> None:
    """Tabs in a list of their own, each panel labelled by its tab: the tab's words head
    the panel, once."""
    page = _page(
        '<ul role="tablist"><li><button role="tab" id="t1" aria-controls="p1">Overview'
        '</button></li><li><button role="tab" id="t2" aria-controls="p2">Requirements'
        '</button></li><li><a role="tab" id="t3" href="#p3">Pay</a></li></ul>'
        f'<div role="tabpanel" id="p1" aria-labelledby="t1">{INTRO}<h5>What you will do'
        "</h5><ul><li>Pull espresso shots.</li><li>Keep the bar clean.</li></ul></div>"
        '<div role="tabpanel" id="p2" aria-labelledby="t2"><ul><li>6 months of cafe '
        "experience.</li><li>Weekend availability.</li></ul></div>"
        '<div role="tabpanel" id="p3" aria-labelledby="t3"><p>$16 per hour plus tips.</p>'
        "</div>")
    markdown = clean(page, "html").markdown
    assert "## Overview\n\nBrewhouse Coffee" in markdown
    assert "## Requirements\n\n- 6 months" in markdown
    assert "## Pay\n\n$16 per hour" in markdown
    assert markdown.count("Requirements") == 1 and markdown.count("Pay") == 1


def test_a_form_button_stays_out() -> None:
    page = _page(INTRO + "<ul><li>Pull espresso shots.</li><li>Keep the bar clean.</li></ul>"
                 "<p>Pay is $16 per hour plus tips.</p><form><button>Send application"
                 "</button></form><button>Apply</button>")
    markdown = clean(page, "html").markdown
    assert "Send application" not in markdown and "Apply" not in markdown


def test_a_panel_whose_heading_says_its_tab_s_words_is_given_no_other() -> None:
    tree = LexborHTMLParser(
        '<div><button role="tab" aria-controls="p1">Requirements</button></div><div '
        'role="tabpanel" id="p1"><h3>Requirements</h3><ul><li>Weekend availability.</li>'
        "</ul></div>")
    assert tree.body is not None
    assert to_markdown([tree.body]) == "### Requirements\n\n- Weekend availability.\n"


def test_a_button_beside_a_heading_s_words_stays_out() -> None:
    """A control inside a title ("Save job") is no part of it."""
    page = _page(INTRO + '<h2>Requirements <button class="save">Save job</button></h2>'
                 "<ul><li>Weekend availability.</li><li>A food handler card.</li></ul>")
    markdown = clean(page, "html").markdown
    assert "## Requirements\n" in markdown and "Save job" not in markdown
