"""A data file's mapped cells read for what they mean: entities and tags out of their
text, a rating under a name, a job site's pay estimate, the way of working written in a
place's cell, places as objects."""

from __future__ import annotations

from typing import Any

import pytest

from reviewer.core.ingest.values import given_values, normalise


@pytest.mark.parametrize(("target", "cell", "value"), [
    ("title", "R&amp;D Engineer", "R&D Engineer"),
    ("company", "Barnes &amp; Noble", "Barnes & Noble"),
    ("locations", "S&atilde;o Paulo", ["São Paulo"]),  # not parted at the entity's ";"
    ("title", "<b>Senior</b> Cook", "Senior Cook"),
    ("company", "<span class='x'>Trattoria</span>", "Trattoria"),
    ("skills", "<ul><li>Python</li><li>SQL</li></ul>", ["Python", "SQL"]),
    ("company", "AT&T", "AT&T"),  # no entity: as written
    ("title", "R&D &copy2 Engineer", "R&D &copy2 Engineer"),  # an entity is written whole
    ("title", "&amp;lt;b&amp;gt; Cook", "&lt;b&gt; Cook"),  # unescaped once
    ("title", "Cook &lt;5 years&gt;", "Cook <5 years>"),  # text, not a tag
    ("requisition_id", "<REQ-1>", "<REQ-1>"),  # no tag of HTML's
    ("company", {"name": "Zeta &amp; Co."}, "Zeta & Co."),
])
def test_mapped_text_cells_lose_their_entities_and_tags(target: str, cell: Any,
                                                         value: Any) -> None:
    """Entities and tags were kept in the values ("R&amp;D Engineer", "<b>Senior</b>
    Cook"), and "S&atilde;o Paulo" was parted into two places at the entity's ";"."""
    assert normalise(target, cell) == value


def test_plain_reads_a_cell_once() -> None:
    from reviewer.core.ingest.cell_text import plain

    assert plain("&amp;amp;") == "&amp;"
    assert plain(["S&atilde;o Paulo", {"city": "K&ouml;ln"}]) == ["São Paulo", {"city": "Köln"}]


@pytest.mark.parametrize(("cell", "value"), [
    ("Visa Inc.\n2.9", "Visa Inc."),  # a site's rating under the name
    ("Acme & Sons, Ltd\n4.1", "Acme & Sons, Ltd"),
    ("Quick Rx LLC\n4\n", "Quick Rx LLC"),
    ("Studio\n54 West", "Studio 54 West"),  # a line of more than a number: the name's
    ("Studio 54", "Studio 54"),
])
def test_a_number_alone_on_a_names_last_line_is_no_part_of_it(cell: str, value: str) -> None:
    assert normalise("company", cell) == value


@pytest.mark.parametrize("cell", ["$56K-$102K (Glassdoor est.)", "$10-$26 Per Hour(Glassdoor est.)",
                                  "Estimated $61.3K - $77.6K a year"])
def test_a_job_sites_pay_estimate_is_left_out_and_said(cell: str) -> None:
    """A third party's estimate was stored as the posting's pay (at the columns' 0.9)."""
    given, problems = given_values({"title": "Nurse", "salary": cell})
    assert given == {"title": "Nurse"}
    [(target, _cell, reason)] = problems
    assert target == "salary" and "estimate" in reason and "employer" in reason


@pytest.mark.parametrize("cell", ["$53K-$91K (Employer est.)",
                                  "Employer Provided Salary:$80K - $120K"])
def test_the_employers_own_pay_is_read(cell: str) -> None:
    given, problems = given_values({"salary": cell})
    assert problems == [] and given["salary"]["max"] in (91000, 120000)


@pytest.mark.parametrize(("cell", "places", "remote"), [
    ("Remote", None, "remote"),
    ("Temporarily Remote", None, "remote"),
    ("Remote in Denver, CO 80202", ["Denver, CO 80202"], "remote"),
    ("Hybrid remote in Atlanta, GA", ["Atlanta, GA"], "hybrid"),
    ("Remote - US", ["US"], "remote"),
    ("Denver, CO (Remote)", ["Denver, CO"], "remote"),
    ("Berlin - Hybrid", ["Berlin"], "hybrid"),
    ("On-site in Boston, MA", ["Boston, MA"], "onsite"),
    ("Boston, MA; Remote", ["Boston, MA"], "remote"),
    ("Remote Island, Ohio", ["Remote Island, Ohio"], None),  # a place's own name
    ("Oakland, CA", ["Oakland, CA"], None),
])
def test_the_way_of_working_in_a_place_is_the_remote_field(
        cell: str, places: list[str] | None, remote: str | None) -> None:
    given, problems = given_values({"locations": cell})
    assert problems == []
    assert given.get("locations") == places and given.get("remote") == remote


def test_a_remote_column_says_more_than_a_place() -> None:
    given, _ = given_values({"locations": "Remote in Denver, CO", "remote": "onsite"})
    assert given == {"locations": ["Denver, CO"], "remote": "onsite"}
    given, problems = given_values({"locations": "Remote in Denver, CO", "remote": "maybe"})
    assert given == {"locations": ["Denver, CO"]} and problems[0][0] == "remote"


def test_place_objects_are_read_or_refused_with_their_reason() -> None:
    """``{"city": …, "country": …}`` was refused as "not text but NoneType"."""
    given, problems = given_values({"locations": [
        {"city": "Austin", "state": "TX", "country": "US"}, {"city": "Paris", "country": "FR"},
        {"address": {"addressLocality": "Berlin", "addressCountry": {"name": "Germany"}}}]})
    assert problems == []
    assert given["locations"] == ["Austin, TX, US", "Paris, FR", "Berlin, Germany"]
    _, problems = given_values({"locations": [{"id": 3, "url": "x"}]})
    assert problems[0][2] == "a place object with no city, region, country or name (its keys: " \
                             "id, url)"
