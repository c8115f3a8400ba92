"""The posting's title and the blocks around its body that are its own: the title
heading is known by what it is (the heading that names the page, the first heading of
the blocks that hold the posting), whatever its level; a column of the posting's facts
beside the body is kept whatever its tag; a sidebar of links or of other jobs is not."""

from __future__ import annotations

import pytest

from reviewer.core.clean import clean
from reviewer.core.pipeline import process

DESCRIPTION = (
    "<p><strong>Who we are</strong></p>"
    "<p>Pinecrest Animal Hospital is an accredited, six-doctor small animal practice. We see "
    "about 70 patients a day and have a surgery suite, an in-house lab and radiology.</p>"
    "<p><strong>What you will do</strong></p><ul>"
    "<li>Monitor anesthesia and recovery for spay, neuter and dental procedures</li>"
    "<li>Place IV catheters, draw blood and run in-house lab work</li>"
    "<li>Take and process digital radiographs and dental films</li></ul>"
    "<p>Four 10-hour shifts a week, an allowance of $750 a year for courses, health "
    "insurance with 75% of the premium paid, and a retirement plan with a 3% match.</p>")
FACTS = ('<div class="item"><div class="label">Department</div><div>Medical Team</div></div>'
         '<div class="item"><div class="label">Employment Type</div><div>Full-Time</div></div>'
         '<div class="item"><div class="label">Compensation</div>'
         '<div>$22.00 - $27.00 / hour</div></div>')


def _page(body: str, title: str = "Veterinary Technician - Pinecrest Animal Hospital") -> str:
    return f"<html><head><title>{title}</title></head><body>{body}</body></html>"


@pytest.mark.parametrize("level", ["h2", "h3"])
def test_a_title_heading_above_the_body_is_kept_whatever_its_level(level: str) -> None:
    """Was: the title block and the place under it were cut unless the title was an <h1>
    (the title read from the page's <title> alone)."""
    page = _page(f'<div class="main"><{level}>Veterinary Technician</{level}>'
                 f'<div class="location">Asheville, North Carolina</div>'
                 f'<div class="description">{DESCRIPTION}</div></div>')
    markdown = clean(page, "html").markdown
    assert markdown.startswith(f"{'#' * int(level[1])} Veterinary Technician")
    assert "Asheville, North Carolina" in markdown


def test_the_heading_that_names_the_page_is_its_title_past_a_bar_of_controls() -> None:
    """Was: an <h2> title over an "Apply" bar was cut; with it the place under it."""
    page = _page('<div class="page"><div class="header"><h2>Veterinary Technician</h2></div>'
                 '<div class="apply"><a href="/apply">Apply</a><button>Save</button></div>'
                 f'<div class="details"><p>Asheville, North Carolina</p></div>'
                 f'<div class="description">{DESCRIPTION}</div></div>')
    markdown = clean(page, "html").markdown
    assert markdown.startswith("## Veterinary Technician")
    assert "Apply" not in markdown


def test_the_first_heading_of_an_opened_card_is_its_title_not_the_results_heading() -> None:
    """A search page with one result opened in full: the card's linked heading, company,
    place and pay head its description. Was: all cut, the page's "Healthcare jobs in
    Duluth, MN" read as the title and the pay lost."""
    card = ('<div class="card"><h2><a href="/job/x">Sterile Processing Technician I</a></h2>'
            '<div class="company">St. Brendan Hospital</div><div>Duluth, MN 55805</div>'
            '<div class="salary">$21.40 - $27.80 an hour</div>'
            f'<div class="full">{DESCRIPTION}</div></div>')
    page = _page(f'<div class="results-header"><h1>Healthcare jobs in Duluth, MN</h1></div>'
                 f'<div class="results">{card}</div>', title="Healthcare jobs in Duluth, MN")
    result = process(page, "html")
    assert result.doc.markdown.startswith("## Sterile Processing Technician I")
    assert "$21.40 - $27.80 an hour" in result.doc.markdown
    assert result.extraction.fields["title"] == "Sterile Processing Technician I"


def test_a_section_heading_first_in_the_blocks_is_no_title() -> None:
    page = _page('<div class="main"><h2>Job description</h2><div class="text">'
                 f'{DESCRIPTION}</div></div><p>Our office in Asheville is open all week.</p>')
    assert not clean(page, "html").markdown.startswith("## Job description\n\nOur")


@pytest.mark.parametrize("tag", ["aside", "div"])
def test_a_column_of_facts_beside_the_body_is_kept_whatever_its_tag(tag: str) -> None:
    """Was: an <aside> of the salary, the place, the department and the closing date
    was dropped with all it held (the same column in a <div> was kept)."""
    column = (f'<{tag} class="job-summary"><h2>Auf einen Blick</h2><ul>'
              '<li><span class="label">Standort</span> Hamburg</li>'
              '<li><span class="label">Abteilung</span> Plattform</li>'
              '<li><span class="label">Gehalt</span> 68.000 € – 82.000 € pro Jahr</li>'
              '<li><span class="label">Bewerbungsfrist</span> 30.04.2025</li></ul>'
              f'<a class="btn" href="#apply">Jetzt bewerben</a></{tag}>')
    page = _page(f'<div class="layout">{column}<article class="job-description">'
                 f'<h1>Backend Developer</h1>{DESCRIPTION}</article></div>')
    markdown = clean(page, "html").markdown
    assert "68.000 € – 82.000 €" in markdown and "30.04.2025" in markdown
    assert "Jetzt bewerben" not in markdown


def test_a_sidebar_of_facts_after_the_body_and_its_wrapper_is_kept() -> None:
    """Was: the pay in a "sidebar" beside the body's wrapper was cut."""
    page = _page(f'<div class="grid"><div class="main"><h2>Veterinary Technician</h2>'
                 f'<div class="description">{DESCRIPTION}</div></div>'
                 f'<div class="sidebar">{FACTS}</div></div>')
    result = process(page, "html")
    assert "$22.00 - $27.00 / hour" in result.doc.markdown
    assert result.extraction.fields["salary"]["min"] == 22


@pytest.mark.parametrize("sidebar", [
    '<ul><li><a href="/jobs/1">Veterinary Assistant</a></li>'
    '<li><a href="/jobs/2">Kennel Attendant</a></li><li><a href="/jobs/3">Receptionist</a>'
    "</li></ul>",
    '<div class="card"><p>Location: Asheville</p><p>Salary: $15 an hour</p></div>'
    '<div class="card"><p>Location: Hendersonville</p><p>Salary: $16 an hour</p></div>',
    "<p>Pinecrest was founded in 1987 and has grown to six doctors, forty staff and two "
    "sites, one in West Asheville and one in Weaverville.</p>",
    # one card of another job's facts, its head saying so (was kept: its pay the salary)
    "<h4>Featured job</h4><dl><dt>Job</dt><dd>Kennel Manager</dd><dt>Salary</dt>"
    "<dd>$120,000 - $140,000</dd><dt>Location</dt><dd>Hendersonville, NC</dd></dl>",
    "<p>Similar roles near you</p><dl><dt>Job</dt><dd>Kennel Lead</dd><dt>Pay</dt>"
    "<dd>$21 an hour</dd><dt>Location</dt><dd>Hendersonville, NC</dd></dl>",
])
def test_a_sidebar_of_links_other_jobs_or_prose_stays_out(sidebar: str) -> None:
    page = _page(f'<div class="grid"><div class="main"><h2>Veterinary Technician</h2>'
                 f'<div class="description">{DESCRIPTION}</div></div>'
                 f'<aside class="sidebar">{sidebar}</aside></div>')
    markdown = clean(page, "html").markdown
    assert "Who we are" in markdown
    assert not any(word in markdown for word in ("Kennel", "Hendersonville", "1987"))


def test_a_block_of_facts_between_the_title_and_the_body_stays_where_it_stands() -> None:
    """Was: cut with the title's block when a list of other jobs stood between them; now
    kept in its place, above the body."""
    page = _page('<div class="page"><div class="title-block"><h1>Payroll Specialist</h1>'
                 '<p>Northwind Payroll Ltd</p></div><div class="similar"><h3>Similar jobs'
                 '</h3><p>Payroll Manager at Contoso Ltd, Bradford, £45,000.</p></div>'
                 '<div class="details"><p>Salary: £32,000 - £36,000</p><p>Job type: '
                 f'Full-time</p></div><div class="description">{DESCRIPTION}</div></div>')
    markdown = clean(page, "html").markdown
    assert "Salary: £32,000 - £36,000\n\nJob type: Full-time\n\n**Who we are**" in markdown
    assert "Contoso" not in markdown


def test_a_posting_with_no_facts_beside_it_is_kept_once() -> None:
    page = _page('<section id="content"><nav><a href="/">Back to list</a></nav>'
                 '<article class="job"><h1>Veterinary Technician</h1><div class="head">Posted '
                 'by <a href="https://pinecrest.test">Pinecrest</a> on Fri, 27 Jan 2017</div>'
                 f'<div class="body">{DESCRIPTION}</div></article></section>')
    markdown = clean(page, "html").markdown
    assert markdown.count("Veterinary Technician") == 1 and "Who we are" in markdown
