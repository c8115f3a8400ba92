"""Labelled values as non-software postings write them: a public-sector board's "Control
number" and "Unposting Date", a table of a label and its value a row, a label over
places on lines of one paragraph."""

from __future__ import annotations

import pytest
from test_extract_fields import evidence, posting

from reviewer.core.clean import clean
from reviewer.core.extract import extract


@pytest.mark.parametrize(("line", "field", "value"), [
    ("Requisition #: R-2025-04417", "requisition_id", "R-2025-04417"),
    ("Job Bank ID: 3012345", "requisition_id", "3012345"),
    ("Control number: 845512300", "requisition_id", "845512300"),
    ("Unposting Date: Nov 20, 2025, 11:59:00 PM", "valid_through", "2025-11-20"),
    ("Job locations: Leeds", "locations", ["Leeds"]),
])
def test_a_label_of_a_board_gives_its_field(line: str, field: str, value: object) -> None:
    _, result = posting(line)
    assert result.fields[field] == value


def test_a_table_row_of_a_label_and_its_value_is_read_as_a_labelled_line() -> None:
    """A table of a posting's facts, one a row, gave none of them: its rows have no colon."""
    html = ("<html><body><h1>Lifeguard (Seasonal)</h1><table>"
            "<tr><td>Salary</td><td>$15.50 - $17.00 Hourly</td></tr>"
            "<tr><td>Location</td><td>Springfield, MO</td></tr>"
            "<tr><td>Job Number</td><td>2026-00147</td></tr>"
            "<tr><td>Requisition #</td><td>R-2025-04417</td></tr>"
            "<tr><td>Closing Date</td><td>5/1/2026 11:59 PM Central</td></tr>"
            "</table><p>Lifeguards keep swimmers safe at the city's pools and beaches all "
            "summer, and they enforce the rules of each pool.</p></body></html>")
    doc = clean(html, "html")
    result = extract(doc)
    assert result.fields["locations"] == ["Springfield, MO"]
    assert result.fields["requisition_id"] == "2026-00147"
    assert result.fields["valid_through"] == "2026-05-01"
    assert evidence(doc, result, "locations") == ["Springfield, MO"]
    assert evidence(doc, result, "requisition_id") == ["2026-00147"]


def test_a_row_of_other_cells_is_no_label() -> None:
    html = ("<html><body><h1>Lifeguard</h1><table>"
            "<tr><td>Pool</td><td>Location</td><td>Hours</td></tr>"
            "<tr><td>Main</td><td>Springfield, MO</td><td>9-5</td></tr>"
            "</table></body></html>")
    assert extract(clean(html, "html")).fields["requisition_id"] is None


def test_each_place_on_the_lines_under_a_label_is_a_location() -> None:
    """"**Locations**" over "Washington, DC" and "Martinsburg, WV" on two lines of one
    paragraph gave Washington alone; a line after them that names no place is none."""
    html = ("<html><body><h1>IT Specialist</h1><p><b>Locations</b></p>"
            "<p>Washington, DC<br>Martinsburg, WV<br>Relocation expenses will not be paid</p>"
            "<p>You will monitor the network security tools of the agency and respond to "
            "security incidents.</p></body></html>")
    result = extract(clean(html, "html"))
    assert result.fields["locations"] == ["Washington, DC", "Martinsburg, WV"]
