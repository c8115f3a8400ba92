"""A table of label and value rows (a posting's facts) is read as its labelled lines,
even when a value holds a list or the table sits inside a table laid out for the page."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from reviewer.core.clean import clean
from reviewer.core.clean.html_markdown import to_markdown
from reviewer.core.pipeline import process

INTRO = ("<p>The Department of Biology seeks a Research Laboratory Technician to support a "
         "grant-funded lab studying protein folding. The technician will run day-to-day "
         "bench work and keep the lab running safely.</p>")


def _page(inside: str) -> str:
    return (f"<html><head><title>Jobs</title></head><body><main><h1>Research Laboratory "
            f"Technician</h1>{inside}</main></body></html>")


def test_a_facts_table_with_a_list_in_a_value_is_labelled_lines() -> None:
    """Was: a list in one value made the table a layout table, each cell a paragraph of
    its own, and the closing date and the posting number were read from none."""
    table = ("<h3>Posting Details</h3><table><tr><th>Posting Number</th><td>S02841P</td></tr>"
             "<tr><th>Department</th><td>Biochemistry &amp; Molecular Biology</td></tr>"
             "<tr><th>Position Type</th><td>Staff - Full Time</td></tr>"
             f"<tr><th>Job Description</th><td>{INTRO}<ol><li>Prepare buffers.</li>"
             "<li>Run Western blots.</li></ol></td></tr>"
             "<tr><th>Minimum Qualifications</th><td><ul><li>Bachelor's degree in biology."
             "</li><li>One year of laboratory experience.</li></ul></td></tr>"
             "<tr><th>Physical Demands</th><td>Ability to lift 25 pounds and stand at the "
             "bench for extended periods.</td></tr>"
             "<tr><th>Closing Date:</th><td>03/31/2025</td></tr>"
             "<tr><th>Special Instructions</th><td>Please attach a cover letter, a resume and "
             "the names of three professional references.</td></tr></table>")
    result = process(_page(table), "html")
    markdown = result.doc.markdown
    assert "**Posting Number:** S02841P" in markdown
    assert "**Closing Date:** 03/31/2025" in markdown
    assert "**Job Description**\n\nThe Department" in markdown
    assert "1. Prepare buffers." in markdown
    fields = result.extraction.fields
    assert fields["requisition_id"] == "S02841P"
    assert fields["valid_through"] == "2025-03-31"
    assert fields["required_qualifications"] == ["Bachelor's degree in biology.",
                                                 "One year of laboratory experience."]


def test_a_table_inside_a_layout_table_is_read_as_its_own() -> None:
    """Was: a table inside a table took itself for one holding a table, and each of its
    cells came out as a line of its own ("Job ID", then "2025-3318"): a table of facts
    there is labelled lines, a table of data a pipe table."""
    facts = ('<table class="header"><tr><td>Job ID</td><td>2025-3318</td></tr>'
             "<tr><td>Category</td><td>Engineering</td></tr></table>")
    data = ("<table><tr><th>Shift</th><th>Days</th><th>Hours</th></tr><tr><td>Early</td>"
            "<td>Mon-Fri</td><td>6-14</td></tr></table>")
    page = _page(f'<table role="presentation"><tr><td><div>{facts}</div>{INTRO}'
                 f"<ul><li>Prepare buffers.</li><li>Run Western blots.</li></ul>{data}"
                 "</td></tr></table>")
    result = process(page, "html")
    assert "**Job ID:** 2025-3318\n\n**Category:** Engineering" in result.doc.markdown
    assert "| Shift | Days | Hours |\n|---|---|---|\n| Early | Mon-Fri | 6-14 |" in \
        result.doc.markdown
    assert result.extraction.fields["requisition_id"] == "2025-3318"


def test_a_table_of_facts_in_short_cells_is_labelled_lines() -> None:
    """A table of facts is read as labelled lines however short its cells (as a pipe
    table its first row was taken for the columns' headings and no label was read)."""
    page = _page("<table><tr><th>Posting Number</th><td>S02841P</td></tr><tr><th>Location"
                 f"</th><td>Northfield, MN</td></tr></table>{INTRO}")
    result = process(page, "html")
    assert "**Posting Number:** S02841P\n\n**Location:** Northfield, MN" in \
        result.doc.markdown
    assert result.extraction.fields["requisition_id"] == "S02841P"
    assert result.extraction.fields["locations"] == ["Northfield, MN"]


def test_a_layout_table_is_no_facts_table() -> None:
    """A table that lays out a page (one row, a side column and the body) stays blocks."""
    page = _page('<table><tr><td><ul><li><a href="/a">Jobs</a></li><li><a href="/b">Team'
                 f"</a></li></ul></td><td>{INTRO}<p>Apply by email.</p></td></tr></table>")
    markdown = clean(page, "html").markdown
    assert "**" not in markdown and "|" not in markdown


def test_a_table_of_one_column_is_blocks() -> None:
    """A table of one column stacks blocks (a menu laid out with a table): no pipe table,
    whose first row would read as the heading of the rest."""
    tree = LexborHTMLParser("<table><tr><td>County Clerk</td></tr><tr><td>Road Department"
                            "</td></tr></table>")
    assert tree.body is not None
    assert to_markdown([tree.body]) == "County Clerk\n\nRoad Department\n"
