"""Text a page hides from its reader (by an attribute, an inline style or a class that
means hidden) and offers no way to show is never posting text: left out of the Markdown
and of the fields, recorded as hidden. What a click shows (a "Read more" body, an
accordion's or a tab's panel) and a screen reader's label of a value are the posting's."""

from __future__ import annotations

import pytest

from reviewer.core.clean import clean
from reviewer.core.pipeline import process

PAGE = """<html><body><main><article>
<h1>Data Engineer</h1>
<p>Acme Analytics is hiring a Data Engineer in Berlin, Germany. You will build pipelines in
Python and own our data warehouse. We value ownership and curiosity.</p>
<h2>Responsibilities</h2><ul><li>Build data pipelines in Python</li>
<li>Own the warehouse schema</li></ul>
HIDDEN
<h2>Requirements</h2><ul><li>3+ years of experience</li></ul>
</article></main></body></html>"""
SECRET = "Salary: $999,999 per year. Job ID: HIDDEN-1"


@pytest.mark.parametrize("element", [
    '<div style="position:absolute;left:-9999px">{}</div>',
    '<div style="position: absolute; top: -10000px; left: 0">{}</div>',
    '<span class="label sr-only">{}</span>',
    '<div class="Visually-Hidden">{}</div>',
    # the hiding classes of the common frameworks: a notice of another state, no
    # control on the page shows it ("this job is closed" kept was read as the posting's)
    '<div class="hidden">{}</div>',
    '<div class="alert d-none">{}</div>',
    '<div class="hide">{}</div>',
    '<div class="notice is-hidden">{}</div>',
    '<div class="u-hidden">{}</div>',
    '<div class="invisible">{}</div>',
    '<div class="display-none">{}</div>',
    '<div style="display: none">{}</div>',
    '<div hidden>{}</div>',
    '<div aria-hidden="true">{}</div>',
    # a screen reader's announcement: no label, no value after it
    '<div class="sr-only" aria-live="polite">{}</div>',
])
def test_text_hidden_by_its_style_or_class_is_left_out(element: str) -> None:
    """Was: only display:none, visibility:hidden and the hidden attributes were honoured;
    the salary of a block put off the screen was read at 0.9."""
    page = PAGE.replace("HIDDEN", element.format(SECRET))
    doc = clean(page, "html")
    assert "999" not in doc.markdown and "Build data pipelines" in doc.markdown
    assert any(doc.source[r.start:r.end].strip().startswith("Salary: $999,999")
               and r.reason == "hidden element" for r in doc.removed)
    fields = process(page, "html").extraction.fields
    assert fields.get("salary") is None and fields.get("requisition_id") is None


@pytest.mark.parametrize("element", [
    '<div style="opacity:0.5">{}</div>',
    '<div style="font-size:0.9em">{}</div>',
    '<div style="height:0">{}</div>',
    '<div style="position:absolute;left:-20px">{}</div>',
    '<div class="hidden-xs">{}</div>',
    '<div class="not-hidden">{}</div>',
    '<div class="hidden md:block">{}</div>',
    '<div class="d-none d-lg-block">{}</div>',
    '<div class="display-none tablet:display-block">{}</div>',
    '<span class="sr-only md:not-sr-only">{}</span>',
    # what the markup alone cannot tell hidden: a font size of 0 that the blocks inside
    # set again (a layout's way to close the gaps between them), an opacity of 0 that a
    # script animates into view, an accordion's closed panel
    '<div style="font-size:0"><p style="font-size:16px">{}</p></div>',
    '<div style="opacity:0;transform:translateY(20px)">{}</div>',
    '<div style="max-height: 0; overflow: hidden">{}</div>',
])
def test_text_shown_to_the_reader_stays(element: str) -> None:
    """Only a whole class name hides, and a style that leaves the text on the screen
    (half opaque, a zero height that does not clip) hides nothing; nor does one that a
    page's other markup or its scripts undo (the text of such a page was lost)."""
    page = PAGE.replace("HIDDEN", element.format(SECRET))
    assert SECRET in clean(page, "html").markdown


@pytest.mark.parametrize("element", [
    # a "Read more" body, its button naming it
    '<div id="full" style="display:none">{}</div>'
    '<button aria-controls="full" aria-expanded="false">Read more</button>',
    # accordions: the W3C pattern (hidden panels), Bootstrap's (a toggle's target)
    '<h3><button aria-expanded="false" aria-controls="pay">Pay</button></h3>'
    '<div id="pay" hidden>{}</div>',
    '<h3><button aria-expanded="false">Pay</button></h3><div hidden>{}</div>',
    '<h3><button data-bs-toggle="collapse" data-bs-target="#pay">Pay</button></h3>'
    '<div id="pay" class="collapse" aria-hidden="true">{}</div>',
    '<a data-toggle="collapse" href="#pay">Pay</a><div id="pay" class="hide">{}</div>',
    # a tab not chosen; a panel the browser's search opens
    '<div role="tabpanel" class="d-none">{}</div>',
    '<div hidden="until-found">{}</div>',
    # a link that says what it shows, no ARIA
    '<div class="hidden">{}</div><a class="more" href="#">Show more</a>',
])
def test_what_a_click_shows_is_kept(element: str) -> None:
    """Was: a "Read more" body, an accordion's closed panel or a tab hidden by its markup
    was left out: a posting's duties, requirements or pay lost."""
    page = PAGE.replace("HIDDEN", element.format(SECRET))
    doc = clean(page, "html")
    assert SECRET in doc.markdown and "Build data pipelines" in doc.markdown
    assert process(page, "html").extraction.fields.get("requisition_id") == "HIDDEN-1"


def test_furniture_a_control_shows_is_left_out() -> None:
    """A modal a button opens is shown by a control, but is the page's by its name."""
    modal = ('<a data-bs-toggle="modal" data-bs-target="#apply">Apply</a>'
             f'<div class="modal fade" id="apply" aria-hidden="true">{SECRET}</div>')
    assert "999" not in clean(PAGE.replace("HIDDEN", modal), "html").markdown


def test_a_screen_readers_label_of_a_value_is_kept() -> None:
    """Was: "Location: " written for screen readers (an icon shown in its place) was
    left out, and the value beside it read without its label."""
    meta = ('<ul><li><span class="visually-hidden">Location: </span>Berlin, Germany</li>'
            '<li><span class="sr-only">Compensation: </span>EUR 70,000 a year</li></ul>')
    doc = clean(PAGE.replace("HIDDEN", meta), "html")
    assert "- Location: Berlin, Germany" in doc.markdown
    assert "- Compensation: EUR 70,000 a year" in doc.markdown


def test_a_page_hidden_whole_until_its_script_runs_is_kept() -> None:
    """A hidden block that holds most of the page's text is the page, not its furniture."""
    page = PAGE.replace("<main>", '<main class="hidden">').replace("HIDDEN", "")
    assert "Build data pipelines in Python" in clean(page, "html").markdown


def test_a_hidden_notice_between_the_title_and_the_body_leaves_the_head() -> None:
    """The posting's head (title, place, job type) above a hidden notice and the body is
    kept; the notice, which no control shows, is not."""
    page = """<html><body><div class="row"><div class="col">
    <h1>Solar Installation Crew Lead</h1>
    <p class="lead">Field Operations · Tucson, AZ · Full-time</p>
    <div class="alert d-none">This position is no longer accepting applications.</div>
    <div class="content"><p>Brightfield Energy has installed more than 9,000 rooftop
    systems across southern Arizona. We are looking for a Crew Lead to run a three-person
    installation crew and make sure every system passes inspection the first time.</p>
    <ul><li>Lead daily installs of rooftop PV systems.</li>
    <li>Train new installers and report their progress.</li></ul></div>
    </div></div></body></html>"""
    markdown = clean(page, "html").markdown
    assert "Field Operations · Tucson, AZ · Full-time" in markdown
    assert "no longer accepting" not in markdown
