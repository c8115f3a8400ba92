"""A short posting whose parts each sit in a block of their own keeps them all: its
sections (a heading and its list), its head (the title, the company, the place) and its
details (pay, hours) between the title and the description."""

from __future__ import annotations

import pytest

from reviewer.core.clean import clean
from reviewer.core.pipeline import process

SITE_HEAD = '<div class="top"><a href="https://jobs.example/tidewell">Tidewell Foods</a></div>'
SITE_FOOT = ('<div class="bottom"><p><a href="https://tidewell.example">Tidewell home</a></p>'
             '<a href="https://jobs.example/">Careers site by Example</a></div>')


def _page(inside: str) -> str:
    return f"<html><head><title>Careers</title></head><body>{inside}</body></html>"


def _section(heading: str, body: str) -> str:
    return f'<div class="part"><h3>{heading}</h3>{body}</div>'


HEADLINE = ('<div class="headline"><h2>Warehouse Planner</h2><div class="facts">'
            '<div class="where">Leeds, UK</div><div class="team">Operations – North</div>'
            '<div class="hours">Full-time</div></div></div>')
INTRO = ('<div class="part"><div>Tidewell Foods delivers groceries across the north. We are '
         'looking for a Warehouse Planner to join our Leeds site.</div></div>')
DUTIES = _section("Your days", "<ul><li>Plan the weekly picking shifts</li>"
                               "<li>Track stock levels</li></ul>")
NEEDS = _section("What you bring", "<ul><li>2+ years planning warehouse operations</li>"
                                   "<li>Comfort with spreadsheets and a WMS</li>"
                                   "<li>A forklift licence is welcome too</li></ul>")
PAY = _section("Pay", "<div>£32,000 - £36,000 a year</div>")
APPLY = '<div class="part"><a href="/apply">Apply now</a></div>'


def test_a_section_that_outweighs_the_others_is_kept_with_them() -> None:
    """Was: the section whose list weighed most ("What you bring") was kept alone; the
    title, the place, the team, the intro, the duties and the pay were cut as outside
    the posting, for the wrapper of that section held nothing but its heading beside it."""
    wrapper = f'<div class="wrap">{HEADLINE}{INTRO}{DUTIES}{NEEDS}{PAY}{APPLY}</div>'
    result = process(_page(SITE_HEAD + wrapper + SITE_FOOT), "html")
    markdown = result.doc.markdown
    kept = ("Warehouse Planner", "Leeds, UK", "Operations – North", "delivers groceries",
            "Plan the weekly picking shifts", "forklift licence", "£32,000 - £36,000")
    assert [text for text in kept if text not in markdown] == []
    assert "Careers site by" not in markdown and "Tidewell home" not in markdown
    assert result.extraction.fields["title"] == "Warehouse Planner"
    assert result.extraction.fields["salary"]["min"] == 32000


def test_a_lone_section_of_a_page_is_still_kept_without_its_neighbours() -> None:
    """Looking past a section's own wrapper takes in the blocks beside that wrapper only
    where they share the posting's text: a posting that is one section of a page, beside
    a short notice, keeps neither the notice nor anything else."""
    notice = '<div class="notice"><p>Office closed on Monday.</p></div>'
    page = _page(f'<div class="wrap">{notice}{NEEDS}</div>')
    markdown = clean(page, "html").markdown
    assert "forklift licence" in markdown and "What you bring" in markdown
    assert "Office closed" not in markdown


NAV = ('<div id="topnav"><a href="/find">Find work</a><a href="/pay">Pay guide</a>'
       '<a href="/signin">Sign in</a></div>')
HEAD = ('<div class="jobhead"><h1>Dental Nurse</h1><div><a>Kindle Smiles Clinic</a></div>'
        '<div>Bristol BS1 4DJ</div></div>')
DETAILS = ('<div id="jobFacts"><h2>Job details</h2><div><h3>Pay</h3><div>£12.50 - £14.00 an '
           'hour</div></div><div><h3>Job type</h3><div>Part-time</div></div></div>')
DESCRIPTION = ('<div id="jobDescription"><p>Friendly family practice seeking an organised '
               'dental nurse to support two dentists.</p><p>Duties:</p><ul><li>Prepare '
               'surgeries and sterilise instruments</li><li>Chart for the dentist during '
               'check-ups</li><li>Keep patient records up to date</li></ul><p>Requirements:'
               '</p><ul><li>GDC registration as a dental nurse</li><li>One year of surgery '
               'experience</li></ul></div>')
FOOT = '<div id="pagefoot">© 2025 Jobsite · Privacy · Cookies · Terms</div>'


def test_the_blocks_from_the_title_to_the_description_are_the_posting_s() -> None:
    """Was: only the description was kept; the title, the clinic, the place and the
    details (pay, job type) above it were cut as outside the posting, as blocks of short
    lines that no score counts, and the pay and the job type were missed."""
    result = process(_page(NAV + HEAD + DETAILS + DESCRIPTION + FOOT), "html")
    markdown = result.doc.markdown
    kept = ("# Dental Nurse", "Kindle Smiles Clinic", "Bristol BS1 4DJ", "£12.50 - £14.00",
            "Part-time", "sterilise instruments")
    assert [text for text in kept if text not in markdown] == []
    assert [text for text in ("Find work", "Sign in", "© 2025") if text in markdown] == []
    fields = result.extraction.fields
    assert fields["title"] == "Dental Nurse"
    assert fields["salary"]["min"] == 12.5 and fields["employment_type"] == "part_time"
    spanless = [name for name, value in fields.items()
                if value not in (None, [], "") and not result.extraction.evidence.get(name)]
    assert spanless == []


@pytest.mark.parametrize("name", ["header", "job-header", "top"])
def test_the_title_s_block_is_kept_whatever_it_is_named(name: str) -> None:
    """Was: of the block that holds the posting's title, its company and its place, only
    the title was kept, the company and the place were cut."""
    head = (f'<div id="{name}"><h1>Senior Data Engineer</h1><span>at Brightwater Health</span>'
            '<div>Denver, CO or Remote (US)</div></div>')
    body = ('<div id="content"><p>Brightwater Health builds software for community '
            'clinics, and we are hiring engineers to grow our platform team.</p>'
            '<ul><li>Design, build and run the APIs behind our scheduling product</li>'
            '<li>Own services end to end, from design to on-call</li></ul></div>')
    markdown = clean(_page(f'<div id="app">{head}{body}</div>'), "html").markdown
    assert markdown.startswith("# Senior Data Engineer")
    assert "at Brightwater Health" in markdown and "Denver, CO or Remote (US)" in markdown


def test_a_menu_between_the_title_and_the_description_keeps_the_head_out() -> None:
    """The head is taken only when nothing but the posting's blocks lie between it and
    the description: a bar of links between them says the title is the page's."""
    links = ('<div><a href="/a">Bakery jobs</a> <a href="/b">Driver jobs</a> '
             '<a href="/c">Office jobs</a></div>')
    page = _page(HEAD + links + DESCRIPTION)
    markdown = clean(page, "html").markdown
    assert "Driver jobs" not in markdown and "Bristol BS1 4DJ" not in markdown
    assert "sterilise instruments" in markdown
