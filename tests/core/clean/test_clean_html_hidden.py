"""Text a page hides from its reader (by an attribute, an inline style or a class that
means hidden) and offers no way to show is never posting text: left out of the Markdown
and of the fields, recorded as hidden. What a click shows (a "Read more" body, an
accordion's or a tab's panel) and a screen reader's label of a value are the posting's."""

from __future__ import annotations

import sys

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
    # a framework's hiding class on a notice of another state, by its name
    '<div class="alert d-none">{}</div>',
    '<div class="notice is-hidden">{}</div>',
    '<div class="hidden" role="status">{}</div>',
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


@pytest.mark.parametrize("element", [
    '<div class="hidden">{}</div>',
    '<div class="hide">{}</div>',
    '<div class="u-hidden">{}</div>',
    '<div class="invisible">{}</div>',
    '<div class="display-none">{}</div>',
])
def test_a_class_that_hides_is_weak_evidence(element: str) -> None:
    """A class is hidden only until a script removes it: the posting's text under one
    (here its pay) stays, as it did before classes were read as hiding."""
    assert SECRET in clean(PAGE.replace("HIDDEN", element.format(SECRET)), "html").markdown


def test_a_read_more_body_hidden_by_a_class_stays() -> None:
    """Was: the button sat in a wrapper of its own and named no id, and the requirements
    and the pay under the class "hidden" were lost."""
    page = PAGE.replace("HIDDEN", """<div id="rest" class="hidden"><h2>Salary</h2>
    <p>$140,000 to $165,000 a year.</p></div><div class="fade-out"><button
    onclick="document.getElementById('rest').classList.remove('hidden')">Read more</button>
    </div>""")
    markdown = clean(page, "html").markdown
    assert "$140,000 to $165,000 a year." in markdown and "## Requirements" in markdown


def test_a_posting_a_class_hides_whole_is_found() -> None:
    """Was: nothing ("no block reads like a posting") when the posting's <main> waits for
    its script under "invisible" between a long header and footer of links."""
    links = "".join(f'<li><a href="/c/{n}">Category number {n} jobs</a></li>'
                    for n in range(60))
    page = (PAGE.replace("<main>", f'<header><ul>{links}</ul></header><main class="invisible">')
            .replace("</main>", f"</main><footer><ul>{links}</ul></footer>")
            .replace("HIDDEN", ""))
    markdown = clean(page, "html").markdown
    assert "Build data pipelines in Python" in markdown and "3+ years" in markdown
    assert "Category number" not in markdown


@pytest.mark.parametrize("element", [
    '<div class="d-none">This position is no longer accepting applications.</div>',
    '<ul class="hidden"><li><a href="/jobs">Find jobs</a></li>'
    '<li><a href="/companies">Companies</a></li></ul>',
    '<div class="hidden" role="alert">Your application was submitted.</div>',
])
def test_furniture_a_class_hides_is_left_out(element: str) -> None:
    """A notice of another state and a menu are furniture by what they say or hold."""
    markdown = clean(PAGE.replace("HIDDEN", element), "html").markdown
    for words in ("no longer accepting", "Find jobs", "submitted"):
        assert words not in markdown
    assert "Build data pipelines in Python" in markdown


@pytest.mark.parametrize("element", [
    # a share and report dropdown beside the button that opens it
    '<div class="actions"><button aria-expanded="false">Options</button><div '
    'class="dropdown-menu" hidden><a href="https://facebook.com/x">Post to Facebook</a> '
    '<a href="/report">Report this job as spam</a></div></div>',
    # an alert an "Apply now" button shows
    '<a class="btn" href="/apply" aria-controls="msg">Apply now</a><div id="msg" '
    'class="alert alert-warning" hidden><p>This position is no longer accepting '
    'applications. The employer closed this posting on 12 March 2024.</p></div>',
    # a drawer to sign in before applying, named by no furniture word but its control's
    '<a href="/apply" class="btn" data-bs-toggle="offcanvas" data-bs-target="#panel">'
    'Apply now</a><div id="panel" aria-hidden="true"><h3>Before you apply</h3><p>Create an '
    'account or sign in with Google to continue. By continuing you agree to our Terms.</p>'
    '</div>',
    '<div role="dialog" aria-modal="true" id="d" hidden><p>Post to Facebook or LinkedIn, '
    'or send this job to a friend by email.</p></div><button aria-controls="d">Share</button>',
])
def test_furniture_a_control_shows_is_never_kept(element: str) -> None:
    """Was: kept for the control beside it or naming it."""
    markdown = clean(PAGE.replace("HIDDEN", element), "html").markdown
    for words in ("Facebook", "Report this job", "no longer accepting", "sign in"):
        assert words not in markdown
    assert "Build data pipelines in Python" in markdown


@pytest.mark.parametrize("page", [
    # the privacy settings a footer's link opens, inside the posting's block
    PAGE.replace("HIDDEN", '<div id="prefs" style="display:none"><h3>Your choices</h3>'
                 '<p>We and our 143 partners store and access information on your device '
                 'to measure ads.</p></div>').replace(
        "</main>", '</main><footer><a href="#prefs" data-toggle="collapse">Settings</a>'
                   '</footer>'),
    # an off-canvas menu in it, its button before it
    PAGE.replace("<main>", '<button aria-controls="side">Open</button><main>').replace(
        "HIDDEN", '<div id="side" aria-hidden="true"><p>We and our 143 partners store and '
                  'access information on your device to measure ads.</p></div>'),
])
def test_a_control_outside_the_posting_keeps_nothing_in_it(page: str) -> None:
    """A control counts only when both it and what it shows lie in the posting's block."""
    markdown = clean(page, "html").markdown
    assert "143 partners" not in markdown and "Build data pipelines in Python" in markdown


def test_tabs_of_reviews_and_other_jobs_are_left_out() -> None:
    """Was: the tabs not chosen were all kept: the employer's reviews and its other jobs
    read as the posting's."""
    tabs = ('<div class="job-view"><div role="tablist"><a role="tab" href="#t1">Job</a>'
            '<a role="tab" href="#t2">Company reviews</a><a role="tab" href="#t3">More jobs '
            'at Acme</a></div><div role="tabpanel" id="t1">'
            + PAGE.split("<article>")[1].split("</article>")[0].replace("HIDDEN", "") +
            '</div><div role="tabpanel" id="t2" hidden><p>"Great culture but the pay is '
            'below market." 4 stars, former employee.</p></div><div role="tabpanel" id="t3" '
            'hidden><h3>Office Manager</h3><p>Keep our Austin office running smoothly.</p>'
            '</div></div>')
    markdown = clean(f"<html><body>{tabs}</body></html>", "html").markdown
    assert "Great culture" not in markdown and "Office Manager" not in markdown
    assert "3+ years of experience" in markdown


def test_a_hidden_block_of_most_of_the_text_beside_a_posting_is_left_out() -> None:
    """Was: a list of other postings under display:none that held most of the page's
    text was kept as "a page hidden whole"; that reading is for a page whose visible
    body shows nothing."""
    others = "".join(f'<div class="item"><h3>Warehouse Associate {n}</h3><p>Initech '
                     'Logistics is hiring a Warehouse Associate for the second shift in '
                     'Memphis, TN, picking, packing and loading trucks safely.</p></div>'
                     for n in range(8))
    page = PAGE.replace("HIDDEN", "").replace(
        "</main>", f'</main><div class="results" style="display:none">{others}</div>')
    markdown = clean(page, "html").markdown
    assert "Warehouse" not in markdown and "Build data pipelines in Python" in markdown


def test_nested_hidden_blocks_are_read_once() -> None:
    """Hidden blocks nested inside each other each asked how much text they hold read
    the page's text as often as they were deep: minutes for a page of a megabyte. The
    work of cleaning (its calls) grows as the page does, not as its square."""
    words = "Acme Analytics is hiring a Senior Python Developer to join our data team."

    def calls(n: int) -> int:
        page = ("<html><body>" + "<div hidden>" * n + f"<p>{words}</p>" * n +
                "</div>" * n + "</body></html>")
        count = 0

        def counter(frame: object, event: str, arg: object) -> None:
            nonlocal count
            count += event in ("call", "c_call")

        sys.setprofile(counter)
        try:
            clean(page, "html")
        finally:
            sys.setprofile(None)
        return count

    assert calls(160) < 2.5 * calls(80)
