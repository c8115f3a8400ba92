"""The posting's title and the blocks above its body that are its own: the title
heading is known by what it is (the heading that names the page, the first heading of
the blocks that hold the posting), whatever its level."""

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
