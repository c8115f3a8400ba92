"""A text posting's own sections of short items (pay, shifts, home time, benefits) are
the posting's, wherever they stand: no menu of links, and no place to start it; a
site's menu above the posting still goes."""

from __future__ import annotations

import pytest

from reviewer.core.clean import clean

INTRO = ("Harbor Dairy is hiring a night-shift forklift operator for our cold storage "
         "warehouse in Fresno.")
REQUIREMENTS = ("REQUIREMENTS\n- Forklift certification\n"
                "- Able to lift 50 lbs in a cold room every shift\n"
                "- Six months of warehouse experience with a scanner and a pallet jack\n\n"
                "Apply at the front office of our Fresno warehouse, or call our recruiters "
                "on weekdays.\n")
PAY = "PAY & BONUSES\n- $21.50 per hour\n- Night differential\n- Weekly pay\n"


def _removed(text: str) -> list[str]:
    doc = clean(text, "text")
    return [doc.source[r.start:r.end] for r in doc.removed]


@pytest.mark.parametrize("heading", ["SHIFT PATTERN", "Shift Pattern"])
def test_a_short_section_under_a_heading_no_list_knows_keeps_the_posting_whole(
        heading: str) -> None:
    """Short items under a known heading, then a heading the lists do not know ("HOME
    TIME") were five short lines in a row, a menu of links: the title, the opening
    paragraph and the pay went as "before the posting"."""
    text = (f"Forklift Operator - Nights\n\n{INTRO}\n\n{PAY}\n{heading}\n- Four nights on\n\n"
            + REQUIREMENTS)
    doc = clean(text, "text")
    assert doc.markdown.startswith("Forklift Operator - Nights\n")
    for line in (INTRO, "- $21.50 per hour", "- Weekly pay", heading, "- Four nights on",
                 "- Forklift certification"):
        assert line in doc.markdown
    assert not doc.removed


@pytest.mark.parametrize("heading", ["HOME TIME", "Home Time"])
def test_a_section_of_short_items_alone_is_no_menu(heading: str) -> None:
    text = (f"Forklift Operator - Nights\n\n{INTRO}\n\n{heading}\n- Home weekly\n"
            f"- Weekends off\n- Paid holidays\n\n" + REQUIREMENTS)
    doc = clean(text, "text")
    assert doc.markdown.startswith("Forklift Operator - Nights\n")
    assert f"{heading}\n\n- Home weekly\n- Weekends off\n- Paid holidays\n" in doc.markdown
    assert not doc.removed
    assert clean(doc.markdown, "text").markdown == doc.markdown


@pytest.mark.parametrize("heading", ["PAY & BONUSES", "PAY"])
def test_a_section_of_short_items_above_the_description_keeps_the_title(heading: str) -> None:
    """The posting started at the description: the short items above it weighed against
    it (or nothing, under a heading no list knows, but the start was not looked for above
    a list), and the title over them was cut with them."""
    pay = PAY.replace("PAY & BONUSES", heading)
    text = (f"Forklift Operator - Nights\nHarbor Dairy\n\n{pay}\nABOUT THE JOB\n{INTRO}\n\n"
            + REQUIREMENTS)
    doc = clean(text, "text")
    assert doc.markdown.startswith("Forklift Operator - Nights\n\nHarbor Dairy\n")
    assert "- $21.50 per hour\n- Night differential\n- Weekly pay\n" in doc.markdown
    assert not doc.removed


@pytest.mark.parametrize("menu", [
    "Harbor Dairy Careers\n- Warehouse\n- Transport\n- Offices\n",
    "Harbor Dairy Careers\n\n- Warehouse\n- Transport\n- Offices\n",
    "Harbor Dairy Careers\n\nTeams\n- Warehouse\n- Transport\n- Offices\n",
    "MENU\n- Home\n- Jobs\n- About us\n",
])
def test_a_menu_above_the_title_still_goes(menu: str) -> None:
    text = f"{menu}\nForklift Operator - Nights\n\n{INTRO}\n\n{PAY}\n" + REQUIREMENTS
    doc = clean(text, "text")
    assert doc.markdown.startswith("Forklift Operator - Nights\n")
    assert "- $21.50 per hour" in doc.markdown
    assert "\n".join(_removed(text)).split() == menu.split()


@pytest.mark.parametrize("tail", [
    "Company\n- Our Story\n- Leadership Team\n- Investors\n- Newsroom\n\n"
    "Job Seekers\n- Browse Jobs\n- Salary Guide\n- Career Advice\n- Resume Builder\n",
    "Quick Links\n- Company Profile\n- All Jobs at Acme\n- Reviews\n",
])
def test_a_site_s_links_under_a_line_written_as_a_heading_still_go(tail: str) -> None:
    """A list opened only by a line written as a heading ("Company", "Quick Links"),
    whose items are written as titles, as links are: the site's, not the posting's."""
    posting = ("Senior Python Developer\nAcme Analytics - Austin, TX\n\nAbout the role\n"
               "Acme Analytics is hiring a Senior Python Developer to join our data platform "
               "team. You will design and build reliable data pipelines and review code.\n\n"
               "Requirements\n- Five or more years of professional Python experience.\n"
               "- Experience with PostgreSQL and designing relational schemas.\n\n")
    markdown = clean(posting + tail, "text").markdown
    assert "Five or more years of professional Python experience" in markdown
    for link in ("Our Story", "Browse Jobs", "Company Profile", "All Jobs at Acme"):
        assert link not in markdown
