"""Parts of a page in or beside a posting that are none of it, known by their shape:
other jobs' teaser cards, bars of page controls, a heading over a removed video, the
menu column of a page laid out in a table."""

from __future__ import annotations

import pytest

from reviewer.core.clean import clean
from reviewer.core.pipeline import process

DESCRIPTION = (
    "<p>Saltmarsh Oyster Bar is hiring experienced line cooks for our King Street location. "
    "We serve 300 covers on a Saturday and change our menu with the seasons.</p>"
    "<p><b>Responsibilities:</b></p><ul>"
    "<li>Set up and break down the fry, grill or raw bar station each shift</li>"
    "<li>Cook menu items to recipe specs and plating guides</li>"
    "<li>Follow food safety rules and keep temperature logs</li></ul>"
    "<p>We offer a free shift meal, 50% dining discount, paid time off after 90 days, and "
    "health insurance for full-time staff.</p><p>Pay: $18.00 - $22.00 per hour</p>")


def _page(body: str) -> str:
    return (f"<html><head><title>Line Cook - Saltmarsh Oyster Bar</title></head>"
            f"<body>{body}</body></html>")


def _teaser(title: str, company: str, pay: str) -> str:
    return (f'<li><div class="card"><h2><a href="/rc/{len(title)}">{title}</a></h2>'
            f'<span class="company">{company}</span><div class="place">Charleston, SC</div>'
            f'<div class="salary">{pay}</div><div class="snippet"><ul><li>Prepare sauces, '
            "dressings and proteins for lunch and dinner service.</li></ul></div>"
            '<span class="date">Posted 3 days ago</span></div></li>')


def test_a_list_of_other_jobs_teasers_beside_the_posting_is_left_out() -> None:
    """A search page: three teasers of other jobs, each with its own pay, ahead of the
    posting opened beside them. Was: the teasers were the posting, with the wrong pay."""
    teasers = "".join((_teaser("Prep Cook", "The Palmetto Grill", "$16 - $18 an hour"),
                       _teaser("Line Cook", "Harbor &amp; Vine", "$17 - $21 an hour"),
                       _teaser("Sous Chef", "Cooper River", "$52,000 - $60,000 a year")))
    page = _page(f'<div class="left"><ul class="results">{teasers}</ul></div>'
                 f'<div class="right"><h1>Line Cook</h1><div class="company">Saltmarsh '
                 f'Oyster Bar</div><div class="text">{DESCRIPTION}</div></div>')
    result = process(page, "html")
    assert "Palmetto" not in result.doc.markdown and "Sous Chef" not in result.doc.markdown
    assert result.doc.markdown.startswith("# Line Cook")
    assert result.extraction.fields["salary"]["min"] == 18


def test_one_card_of_a_list_in_the_posting_s_own_words_is_no_teaser() -> None:
    page = _page(f'<div class="job"><h1>Line Cook</h1>{DESCRIPTION}<ul>'
                 '<li><a href="/menu">Our menu</a> <span>changes</span> <span>weekly</span>'
                 '</li></ul></div>')
    assert "Our menu" in clean(page, "html").markdown


@pytest.mark.parametrize(("bar", "gone"), [
    ('<div class="options"><a href="?mode=apply">Apply for this job online</a> '
     '<a href="?mode=email">Email this job to a friend</a> '
     '<a href="/search">Back to search results</a></div>', "Email this job"),
    ('<div class="apply"><a class="button--primary" href="https://x.test/oneclick/1">'
     "I'm interested</a> <a class=\"refer\" href=\"#\">Refer a friend</a></div>",
     "Refer a friend"),
    ('<div class="jobad-share"><span>Share</span> <a class="share-fb" '
     'href="https://www.facebook.com/sharer/sharer.php?u=x">Facebook</a> '
     '<a href="mailto:?subject=Job">Email</a></div>', "Share"),
    ('<a class="hero__apply" href="https://x.test/job/1/apply">Apply now</a>', "Apply now"),
])
def test_a_bar_of_page_controls_in_the_posting_is_left_out(bar: str, gone: str) -> None:
    """Was kept: a row of links none of the word lists knew, beside one they knew, and
    any bar between the title and the body."""
    page = _page(f'<div class="job">{bar}<h1>Line Cook</h1>{bar}{DESCRIPTION}{bar}</div>')
    markdown = clean(page, "html").markdown
    assert gone not in markdown
    assert markdown.startswith("# Line Cook") and markdown.rstrip().endswith("per hour")


def test_a_bar_of_controls_in_a_page_full_of_template_comments_is_left_out() -> None:
    """Was kept: a framework writes an empty comment around every bound element, and
    the comments were counted as elements, so the bar looked too big to be one."""
    marks = "<!---->" * 70
    bar = (f'<div class="actions">{marks}<a class="btn" href="#">Save</a>{marks}'
           f'<a href="mailto:?subject=Job">Email this job to a friend</a>{marks}</div>')
    page = _page(f'<div class="job"><h1>Line Cook</h1>{bar}{DESCRIPTION}</div>')
    markdown = clean(page, "html").markdown
    assert "Email this job" not in markdown and "per hour" in markdown


@pytest.mark.parametrize("line", [
    '<p>Please <a class="btn" href="/apply">apply now</a> with your CV.</p>',
    '<p><a href="mailto:jobs@saltmarsh.test">jobs@saltmarsh.test</a></p>',
    '<div class="company"><a>Saltmarsh Oyster Bar</a></div>',
    "<p>Apply</p>",
])
def test_a_link_in_a_sentence_a_mail_address_or_a_name_is_no_control(line: str) -> None:
    page = _page(f'<div class="job"><h1>Line Cook</h1>{line}{DESCRIPTION}</div>')
    words = line.split("</a>")[0].rsplit(">", 1)[-1] if "<a" in line else "Apply"
    assert words in clean(page, "html").markdown


def test_a_heading_over_a_removed_video_is_left_out() -> None:
    """Was: "## Meet the team" stood over nothing where the video was."""
    page = _page(f'<div class="job"><h1>Line Cook</h1>{DESCRIPTION}'
                 '<div class="video"><h2>Meet the team</h2><iframe src="https://video.test/1">'
                 'Your browser does not support iframes.</iframe></div>'
                 '<div class="office"><h2>Our office</h2><iframe src="https://maps.test/1">'
                 "</iframe><p>214 King St, Charleston, SC 29401</p></div></div>")
    markdown = clean(page, "html").markdown
    assert "Meet the team" not in markdown
    assert "## Our office\n\n214 King St" in markdown


MENU_ROWS = "".join(f'<tr><td><a href="/{n}"><font size="2">{name}</font></a></td></tr>'
                    for n, name in enumerate(("Home", "County Commission", "County Clerk",
                                              "Road Department", "Employment")))
POSTING_CELL = (
    '<p><b>EQUIPMENT OPERATOR II</b><br><b>Salary:</b> $19.85/hour</p>'
    + "".join(f"<p><b>PART {n}:</b><br>Operates heavy equipment such as motor graders, "
              "backhoes, dump trucks and tractor-mowers in the construction, repair and "
              "maintenance of county roads, bridges and right-of-ways.</p>" for n in range(4)))


@pytest.mark.parametrize("menu", [
    f'<table>{MENU_ROWS}<tr><td>Courthouse Hours:<br>Mon - Fri 8:00 am - 4:30 pm</td></tr>'
    "</table>",
    '<a href="/">Home</a><br><a href="/commission">County Commission</a><br>'
    '<a href="/clerk">County Clerk</a><br><a href="/roads">Road Department</a><br>'
    "Courthouse Hours: Mon - Fri 8:00 am - 4:30 pm",
], ids=["table-of-links", "links"])
def test_the_menu_column_of_a_page_laid_out_in_a_table_is_left_out(menu: str) -> None:
    """Was: the whole layout table was the posting: the menu (a menu link read as the
    title, the opening hours as the place) and the footer with it."""
    inner = "<table><tr><td>" + POSTING_CELL + "</td></tr></table>"
    page = _page(f'<table width="780"><tr><td colspan="2">Calloway County</td></tr>'
                 f'<tr><td width="160">{menu}</td><td width="620">{inner}</td></tr>'
                 '<tr><td colspan="2">Calloway County Fiscal Court, 101 S. 5th Street. '
                 'Site last updated 03/02/2025 <a href="/disclaimer">Disclaimer</a></td></tr>'
                 "</table>")
    markdown = clean(page, "html").markdown
    assert markdown.startswith("**EQUIPMENT OPERATOR II**") and "PART 3:" in markdown
    assert not any(word in markdown for word in ("County Clerk", "Courthouse", "Disclaimer"))


def test_a_cell_of_links_in_a_table_of_values_is_kept() -> None:
    table = ('<table><tr><th>Locations</th><td><a href="/l/1">Austin</a>, <a href="/l/2">'
             'Boston</a>, <a href="/l/3">Denver</a></td></tr><tr><th>Type</th><td>Full-time'
             "</td></tr></table>")
    page = _page(f'<div class="job"><h1>Line Cook</h1>{table}{DESCRIPTION}</div>')
    assert "Denver" in clean(page, "html").markdown


def test_a_prompt_to_join_a_talent_community_at_the_end_is_left_out() -> None:
    """Was kept at the end of the posting, under a heading of its own."""
    page = _page(f'<div class="job"><h1>Line Cook</h1>{DESCRIPTION}<div class="connect">'
                 "<h3>Connect With Us!</h3><p>Not ready to apply? Connect with us for general "
                 "consideration.</p></div></div>")
    markdown = clean(page, "html").markdown
    assert "Connect" not in markdown and markdown.rstrip().endswith("per hour")
