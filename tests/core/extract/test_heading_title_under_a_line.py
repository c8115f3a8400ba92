"""A heading that names the job is the title, whatever line stands over it, and whether
or not its noun is in a list; only a heading over a value ("## Lön" over a sum) gives
way to the first line."""

from __future__ import annotations

import pytest

from reviewer.core.clean import clean
from reviewer.core.extract import extract

BAR = ("\nWe are looking for a friendly person to join our small team in the centre of "
       "Leeds this spring.\nYou will serve customers and keep the place clean and tidy during "
       "busy weekend shifts.\n\nWhat we offer\n- Paid breaks, free drinks on shift and a share "
       "of the tips every week\n")


@pytest.mark.parametrize(("first", "title"), [
    ("Cafe Uno", "Barista"), ("Posted 3 March 2025", "Plumber"), ("Hotel Ribeira", "Sommelier"),
    ("Smith & Co", "Solicitor"), ("Cafe Uno", "Kaffeeröster"),
])
def test_the_heading_is_the_title_under_the_first_line(first: str, title: str) -> None:
    """The first line was the title at 0.65 when the heading's noun was in no list."""
    result = extract(clean(f"{first}\n\n# {title}\n{BAR}", "text"))
    assert result.fields["title"] == title
    assert result.confidence["title"] == 0.8


@pytest.mark.parametrize(("first", "title"), [
    ("Cafe Uno Careers", "Barista"), ("Join our team", "Sommelier"),
    ("Careers / Hospitality", "Plumber"),
])
def test_the_heading_of_a_page_is_the_title_under_a_line(first: str, title: str) -> None:
    html = (f"<html><body><main><p>{first}</p><h1>{title}</h1><p>We are looking for a "
            "friendly person to join our small team in the centre of Leeds this spring.</p>"
            "<p>You will serve customers during busy weekend shifts in our cafe.</p></main>"
            "</body></html>")
    assert extract(clean(html, "html")).fields["title"] == title


def test_a_full_or_part_time_label_over_full_time_is_full_time() -> None:
    """"Full/Part-Time" over "Full time" read as part time."""
    raw = ("Data Scientist II\n\nFull/Part-Time\n\nFull time\n\nThe salary for this position "
           "is between $85,000 and $95,000 based on education and experience.\n")
    assert extract(clean(raw, "text")).fields["employment_type"] == "full_time"


@pytest.mark.parametrize("opening", [
    "2026 summer season at Lake Park pools, Madison, WI.",
    "$18 per hour, weekends and holidays at Lake Park pools.",
    "2nd shift at our Madison plant, Monday to Friday.",
])
def test_a_heading_that_opens_the_page_over_a_figure_is_the_title(opening: str) -> None:
    """Was: "Lifeguard" over "2026 summer season …" was taken for a label over its value
    and the posting had no title; nothing stands over it to be the title instead."""
    html = (f"<html><body><h1>Lifeguard</h1><p>{opening}</p><p>Watch the pools, keep "
            "swimmers safe and help with lessons during the summer.</p></body></html>")
    assert extract(clean(html, "html")).fields["title"] == "Lifeguard"
