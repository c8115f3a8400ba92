"""A short posting whose sections each sit in a wrapper of their own (a heading and its
list) keeps them all, not only the one that weighs most."""

from __future__ import annotations

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
