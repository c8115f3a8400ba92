"""Job-board page titles and country-region-city place codes.

A board wraps the role, the employer and the place in its own words ("… jobs in …",
"… hiring … in …", "… careers", the site's name); ``page_title.read_title`` takes them
out. A place written as a code ("US-MO-Kansas City") reads as the extractor writes
places ("Kansas City, MO, US"). All names here are made up.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reviewer.core.clean import clean
from reviewer.core.extract import extract
from reviewer.core.extract.page_title import read_title
from reviewer.core.pipeline import process
from reviewer.core.schema import Extraction
from reviewer.core.words.place_codes import coded_place
from reviewer.core.words.places import looks_like_location

# --- the page's title read alone ------------------------------------------------------------------

READINGS = [
    # page title, role, company, place
    ("Senior Data Engineer jobs - Jobfinder", "Senior Data Engineer", None, None),
    ("Find Jobs - Data Engineer Jobs in Austin, TX - Acme Corp",
     "Data Engineer", "Acme Corp", "Austin, TX"),
    ("Data Engineer job in Austin, TX: Acme careers - Jobfinder",
     "Data Engineer", "Acme", "Austin, TX"),
    ("Acme hiring Data Engineer in Austin, Texas | Jobfinder",
     "Data Engineer", "Acme", "Austin, Texas"),
    ("Data Engineer - Austin, TX - Acme | Jobfinder", "Data Engineer", "Acme", "Austin, TX"),
    ("Senior Data Engineer - Acme Corp - Austin, TX - Jobfinder.com",
     "Senior Data Engineer", "Acme Corp", "Austin, TX"),
    ("Data Engineer Job in Leeds, England at Brightwater Ltd | Jobfinder",
     "Data Engineer", "Brightwater Ltd", "Leeds, England"),
    ("Data Engineer in US-MO-Kansas City | Careers at Acme",
     "Data Engineer", "Acme", "Kansas City, MO, US"),
    ("Job Application for Data Engineer at Acme Analytics",
     "Data Engineer", "Acme Analytics", None),
    ("Acme is hiring a Nurse Practitioner in Denver, CO - Jobfinder",
     "Nurse Practitioner", "Acme", "Denver, CO"),
    ("Data Engineer – Remote – Acme Analytics | Jobfinder", "Data Engineer", "Acme Analytics",
     "Remote"),
    ("Jobs at Acme Analytics - Payroll Clerk (Leeds, England)", "Payroll Clerk",
     "Acme Analytics", "Leeds, England"),
    ("Acme Analytics: Data Engineer", "Data Engineer", "Acme Analytics", None),
    ("Warehouse Operative Jobs in Leeds | Jobfinder", "Warehouse Operative", None, "Leeds"),
    ("Data Engineer job at Acme Analytics in Austin, TX | Jobfinder",
     "Data Engineer", "Acme Analytics", "Austin, TX"),
    ("Careers at Acme - Data Engineer (R-10234)", "Data Engineer", "Acme", None),
    # what follows the role and names no employer, place or site goes with it
    ("Senior Engineer – Machine Learning – Acme Jobs",
     "Senior Engineer – Machine Learning", "Acme", None),
    ("Data Scientist: Fraud Detection | Jobfinder", "Data Scientist: Fraud Detection", None,
     None),
    # a shift, a team, a field of work is no employer
    ("Registered Nurse - Nights - Leeds | Jobfinder", "Registered Nurse", None, "Leeds"),
    ("Data Engineer - Tech Jobs | Jobfinder", "Data Engineer", None, None),
    # a lone trailer could be the board's name: no company from it
    ("Data Engineer | Jobfinder", "Data Engineer", None, None),
    ("Data Engineer", "Data Engineer", None, None),
    # pages about no one posting
    ("Search Jobs | Jobfinder", None, None, None),
    ("Find Jobs in Austin, TX - Jobfinder.com", None, None, None),
    ("Home", None, None, None),
    ("", None, None, None),
]


@pytest.mark.parametrize(("title", "role", "company", "place"), READINGS,
                         ids=[r[0] or "empty" for r in READINGS])
def test_read_title(title: str, role: str | None, company: str | None,
                    place: str | None) -> None:
    reading = read_title(title)
    assert (reading.role, reading.company, reading.place) == (role, company, place)


@settings(deadline=None)
@given(st.text(alphabet=st.sampled_from("Acme Data Engineer jobs in at hiring US-MO-|:–()@,."),
               max_size=120))
def test_read_title_reads_any_text(text: str) -> None:
    reading = read_title(text)
    assert reading.role is None or reading.role.strip()
    assert (reading.place is None) == (reading.place_written is None)


def test_a_trailing_name_is_only_a_candidate() -> None:
    """"Data Engineer - Acme": Acme may be the employer or the board; the page decides."""
    reading = read_title("Data Engineer - Acme Analytics")
    assert reading.company is None
    assert reading.maybe_company == "Acme Analytics"
    assert read_title("Data Engineer - Acme - Austin, TX | Jobfinder").maybe_company is None



@pytest.mark.parametrize(("title", "company", "maybe"), [
    # a specialty, a shift, a schedule, a pay band beside the role is no employer; a name
    # an organisation is named with is, wherever it stands
    ("Registered Nurse - Med/Surg - Nights - St. Mary's Regional Medical Center", None,
     "St. Mary's Regional Medical Center"),
    ("Local Delivery Driver - Home Daily", None, None),
    ("Registered Nurse - ICU - Lakeside Health | Jobfinder", "Lakeside Health", None),
    ("Payroll Clerk - Grade 4 - Leeds | Jobfinder", None, None),
    # a board's brand: "… Jobs" after the employer's name, a name made with "jobs"
    ("Staff Nurse - Band 5 - Acute Medicine | Northbridge NHS Foundation Trust | NHS Jobs",
     "Northbridge NHS Foundation Trust", None),
    ("USAJOBS - Job Announcement - IT Specialist (INFOSEC)", None, None),
    ("Data Engineer - Acme | HigherEdJobs", "Acme", None),
])
def test_what_reads_as_the_employer_in_a_title(title: str, company: str | None,
                                                maybe: str | None) -> None:
    reading = read_title(title)
    assert (reading.company, reading.maybe_company) == (company, maybe)

# --- place codes ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "place"), [
    ("US-MO-Kansas City", "Kansas City, MO, US"),
    ("US-CA-San Francisco", "San Francisco, CA, US"),
    ("DE-BY-Munich", "Munich, BY, DE"),
    ("US - TX - Round Rock", "Round Rock, TX, US"),
    ("GB-ENG-Leeds", "Leeds, ENG, GB"),
    ("Kansas City, MO", None),
    ("US-MO", None),
    ("QQ-ZZ-Springfield", None),  # no such country
    ("IT-Help Desk", None),
    ("AB-12-Widget", None),
    ("us-mo-kansas city", None),
])
def test_coded_place(text: str, place: str | None) -> None:
    assert coded_place(text) == place


def test_a_coded_place_looks_like_a_location() -> None:
    assert looks_like_location("US-MO-Kansas City")
    assert not looks_like_location("QQ-ZZ-Springfield")


INTRO = ("Acme Analytics builds the data platform that hundreds of logistics companies use to "
         "plan their deliveries, and we are looking for an engineer to join our platform team.")
OUTRO = ("You will design and run the pipelines that move billions of events a day into our "
         "warehouse, and you will mentor the engineers who build them with you.")


def text_posting(*lines: str) -> tuple[str, Extraction]:
    raw = "\n\n".join(["Data Engineer", *lines, INTRO, OUTRO]) + "\n"
    doc = clean(raw, "text")
    return doc.markdown, extract(doc)


def said(markdown: str, result: Extraction, field: str) -> list[str]:
    return [markdown[start:end] for start, end in result.evidence.get(field, [])]


def test_a_labelled_coded_place() -> None:
    markdown, result = text_posting("Location: US-MO-Kansas City")
    assert result.fields["locations"] == ["Kansas City, MO, US"]
    assert any("US-MO-Kansas City" in text for text in said(markdown, result, "locations"))


def test_a_line_of_coded_places() -> None:
    _, result = text_posting("Locations: US-MO-Kansas City; US-KS-Overland Park")
    assert result.fields["locations"] == ["Kansas City, MO, US", "Overland Park, KS, US"]


def test_a_coded_place_under_the_title() -> None:
    markdown, result = text_posting("US-CA-San Francisco")
    assert result.fields["locations"] == ["San Francisco, CA, US"]
    assert said(markdown, result, "locations") == ["US-CA-San Francisco"]


def test_a_coded_place_in_json_ld() -> None:
    data = {"@type": "JobPosting", "title": "Data Engineer", "jobLocation": "DE-BY-Munich"}
    page = (f'<html><head><script type="application/ld+json">{json.dumps(data)}</script>'
            f"</head><body><h1>Data Engineer</h1><p>{INTRO}</p><p>{OUTRO}</p></body></html>")
    assert process(page, "html").extraction.fields["locations"] == ["Munich, BY, DE"]


# --- through the pipeline: small pages ------------------------------------------------------------

BODY = """
<div class="description">
  <h2>About the role</h2>
  <p>You will design, build and run the batch and streaming pipelines that feed our
  warehouse, working closely with analysts and product teams across the business.</p>
  <h2>Responsibilities</h2>
  <ul>
    <li>Build and maintain data pipelines in Python and SQL.</li>
    <li>Model data for reporting and for machine learning.</li>
    <li>Keep our pipelines observable, tested and cheap to run.</li>
  </ul>
  <h2>Requirements</h2>
  <ul>
    <li>Three years of experience with Python and SQL.</li>
    <li>Experience with a cloud data warehouse.</li>
  </ul>
</div>
"""


def page(title: str, body: str = BODY, og_title: str | None = None, chrome: str = "") -> str:
    og = f'<meta property="og:title" content="{og_title}">' if og_title else ""
    return (f"<!doctype html><html><head><title>{title}</title>{og}</head><body>"
            f'<header><a href="/">Jobfinder</a> <a href="/jobs">Find jobs</a></header>'
            f"<main><div class='job'>{chrome}{body}</div></main>"
            f"<footer>© 2025 Jobfinder. All rights reserved.</footer></body></html>")


def test_title_company_and_place_from_a_board_title() -> None:
    result = process(page("Acme hiring Data Engineer in Austin, Texas | Jobfinder"), "html")
    fields, conf = result.extraction.fields, result.extraction.confidence
    assert fields["title"] == "Data Engineer"
    assert fields["company"] == "Acme"
    assert fields["locations"] == ["Austin, Texas"]
    for name in ("title", "company", "locations"):
        assert result.extraction.stages[name] == "page-title"
        assert conf[name] < 0.8  # below a labelled line of the body


def test_the_body_wins_where_it_states_a_value() -> None:
    body = ("<h1>Senior Data Engineer, Platform</h1><p>Location: Denver, CO</p>" + BODY)
    result = process(page("Data Engineer - Austin, TX - Acme | Jobfinder", body), "html")
    fields = result.extraction.fields
    assert fields["title"] == "Senior Data Engineer, Platform"
    assert fields["locations"] == ["Denver, CO"]
    assert fields["company"] == "Acme"


def test_evidence_where_the_body_names_the_value() -> None:
    body = BODY.replace("working closely", "at Acme Corp, working closely")
    result = process(page("Find Jobs - Data Engineer Jobs in Austin, TX - Acme Corp", body),
                     "html")
    markdown = result.doc.markdown
    assert result.extraction.fields["company"] == "Acme Corp"
    assert [markdown[s:e] for s, e in result.extraction.evidence["company"]] == ["Acme Corp"]
    assert result.extraction.fields["title"] == "Data Engineer"
    assert result.extraction.fields["locations"] == ["Austin, TX"]


def test_a_board_search_title_gives_no_company() -> None:
    result = process(page("Senior Data Engineer jobs - Jobfinder"), "html")
    assert result.extraction.fields["title"] == "Senior Data Engineer"
    assert result.extraction.fields["company"] is None


def test_a_trailing_name_is_the_company_when_the_body_names_it() -> None:
    named = BODY.replace("working closely", "at Acme Analytics, working closely")
    assert process(page("Data Engineer - Acme Analytics", named),
                   "html").extraction.fields["company"] == "Acme Analytics"
    assert process(page("Data Engineer - Acme Analytics"),
                   "html").extraction.fields["company"] is None


def test_the_fuller_of_the_two_page_titles_is_read() -> None:
    result = process(page("Data Engineer - Acme - Austin, TX | Jobfinder",
                          og_title="Data Engineer"), "html")
    assert result.extraction.fields["company"] == "Acme"
    assert result.extraction.fields["locations"] == ["Austin, TX"]


def test_a_coded_place_in_a_careers_site_title() -> None:
    result = process(page("Data Engineer in US-MO-Kansas City | Careers at Acme"), "html")
    fields = result.extraction.fields
    assert (fields["title"], fields["company"], fields["locations"]) == \
        ("Data Engineer", "Acme", ["Kansas City, MO, US"])


def test_a_board_line_in_the_site_chrome() -> None:
    chrome = "<div class='top'><span>Acme hiring Data Engineer in Leeds, England</span></div>"
    result = process(page("Jobfinder", chrome=chrome), "html")
    fields = result.extraction.fields
    assert (fields["title"], fields["company"], fields["locations"]) == \
        ("Data Engineer", "Acme", ["Leeds, England"])


def test_the_employer_the_body_names_is_no_part_of_the_role() -> None:
    body = BODY.replace("You will design", "Acme Analytics is looking for an engineer. "
                        "At Acme Analytics, you will design")
    result = process(page("Acme Analytics Data Engineer Job in Austin, TX | Jobfinder", body),
                     "html")
    assert result.extraction.fields["company"] == "Acme Analytics"
    assert result.extraction.fields["title"] == "Data Engineer"


def test_a_schedule_after_the_role_stays_in_the_title() -> None:
    body = "<h1>Local Delivery Driver - Home Daily</h1>" + BODY
    result = process(page("Local Delivery Driver - Home Daily", body), "html")
    assert result.extraction.fields["company"] is None
    assert result.extraction.fields["title"] == "Local Delivery Driver - Home Daily"


@pytest.mark.parametrize(("title", "employer"), [
    ("Account Executive - Enterprise Solutions - Acme Careers", "Acme"),
    ("Lecturer - School of Law - Greenfield University Jobs", "Greenfield University"),
    ("Cook - Food Services - Greenfield College Jobs", "Greenfield College"),
    ("Research Associate - Department of Chemistry - Greenfield University Careers",
     "Greenfield University"),
    ("Teacher | Lincoln Elementary School | Springfield Public Schools Careers",
     "Springfield Public Schools"),
    ("Staff Nurse | Band 5 | Northbridge NHS Foundation Trust | NHS Jobs",
     "Northbridge NHS Foundation Trust"),
])
def test_a_unit_before_the_careers_of_its_organisation_is_no_employer(
        title: str, employer: str) -> None:
    assert read_title(title).company == employer


def test_a_company_whose_name_opens_with_job_is_no_board() -> None:
    assert read_title("Software Engineer | Jobot").maybe_company == "Jobot"
    assert read_title("Software Engineer | HigherEdJobs").maybe_company is None
    assert read_title("Data Analyst - USAJOBS").maybe_company is None
