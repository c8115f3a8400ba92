"""Field extraction, stage by stage, through the public ``extract(clean(text, kind))``."""

from __future__ import annotations

import json
from typing import Any

import pytest

from reviewer.core.clean import clean
from reviewer.core.extract import extract
from reviewer.core.extract.dates import find_date
from reviewer.core.schema import FIELD_NAMES, CleanDoc, Extraction

INTRO = ("Acme Inc. builds the data platform that hundreds of logistics companies use to plan "
         "their deliveries, and we are looking for an engineer to join our platform team.")
OUTRO = ("You will design and run the pipelines that move billions of events a day into our "
         "warehouse, and you will mentor the engineers who build them with you.")


def posting(*lines: str, title: str = "Data Engineer") -> tuple[CleanDoc, Extraction]:
    """A small text posting: a title, an intro, the given lines, a closing paragraph."""
    raw = "\n\n".join([title, INTRO, *lines, OUTRO]) + "\n"
    doc = clean(raw, "text")
    return doc, extract(doc)


def evidence(doc: CleanDoc, result: Extraction, field: str) -> list[str]:
    return [doc.markdown[start:end] for start, end in result.evidence.get(field, [])]


# --- stage 2: labelled lines ----------------------------------------------------------------------

LABELLED = [
    # line, field, value, text the evidence must hold
    ("Location: Berlin, Germany", "locations", ["Berlin, Germany"], "Berlin, Germany"),
    ("Posted: 3 March 2025", "date_posted", "2025-03-03", "3 March 2025"),
    ("Job ID: BX-2291", "requisition_id", "BX-2291", "BX-2291"),
    ("Weekly Hours: 40", "work_hours", 40, "40"),
    ("Employment type: Part-time", "employment_type", "part_time", "Part-time"),
    ("Application deadline: 31 March 2025", "valid_through", "2025-03-31", "31 March 2025"),
    ("Department: Data Platform", "department", "Data Platform", "Data Platform"),
]


@pytest.fixture(scope="module")
def labelled() -> tuple[CleanDoc, Extraction]:
    return posting(*(line for line, *_ in LABELLED), title="Senior Data Engineer")


@pytest.mark.parametrize(("line", "field", "value", "written"), LABELLED,
                         ids=[f for _, f, *_ in LABELLED])
def test_labelled_line_gives_the_value_and_its_evidence(
    labelled: tuple[CleanDoc, Extraction], line: str, field: str, value: Any, written: str
) -> None:
    doc, result = labelled
    assert result.fields[field] == value
    assert result.stages[field] == "label"
    spans = evidence(doc, result, field)
    assert spans and any(written in span for span in spans), spans


@pytest.mark.parametrize(("line", "field", "value", "written"), LABELLED,
                         ids=[f for _, f, *_ in LABELLED])
def test_each_labelled_line_works_on_its_own(line: str, field: str, value: Any,
                                             written: str) -> None:
    doc, result = posting(line)
    assert result.fields[field] == value
    assert any(written in span for span in evidence(doc, result, field))


def test_mailing_list_labels_in_capitals() -> None:
    doc, result = posting("JOB TITLE:  Senior Accountant", "LOCATION:  Yerevan, Armenia",
                          "OPENING DATE:  24 February 2025", title="Ararat Valley Holding")
    assert result.fields["title"] == "Senior Accountant"
    assert result.fields["locations"] == ["Yerevan, Armenia"]
    assert result.fields["date_posted"] == "2025-02-24"
    assert "Senior Accountant" in evidence(doc, result, "title")


# --- salary ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("sentence", "expected", "written"), [
    ("The base salary for this role is between $161,700 and $284,900, depending on location.",
     {"min": 161700, "max": 284900, "currency": "USD", "period": "year"}, "$161,700"),
    ("This contract pays $65–$80/hr depending on experience, paid every two weeks.",
     {"min": 65, "max": 80, "currency": "USD", "period": "hour"}, "$65"),
    ("Gehalt: €4.500 – €5.500 brutto pro Monat, dazu ein Jobticket und 30 Tage Urlaub.",
     {"min": 4500, "max": 5500, "currency": "EUR", "period": "month"}, "€4.500"),
    ("Salary: €4.500 – €5.500 brutto pro Monat",
     {"min": 4500, "max": 5500, "currency": "EUR", "period": "month"}, "€5.500"),
    ("We pay £40,000 - £50,000 per annum plus a yearly bonus.",
     {"min": 40000, "max": 50000, "currency": "GBP", "period": "year"}, "£40,000"),
])
def test_salary_forms(sentence: str, expected: dict[str, Any], written: str) -> None:
    doc, result = posting(sentence)
    assert result.fields["salary"] == expected
    assert any(written in span for span in evidence(doc, result, "salary"))


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Job Type: Full-time\nPay: Up to $150,000.00 per year",
     {"min": None, "max": 150000, "currency": "USD", "period": "year"}),
    ("Salary up to $75k (DOE), full benefits.",
     {"min": None, "max": 75000, "currency": "USD", "period": "year"}),
    ("The pay is as much as £18 an hour.",
     {"min": None, "max": 18, "currency": "GBP", "period": "hour"}),
    ("Compensation: not to exceed $95,000 per year",
     {"min": None, "max": 95000, "currency": "USD", "period": "year"}),
])
def test_pay_up_to_a_figure_has_no_minimum(sentence: str, expected: dict[str, Any]) -> None:
    """"Up to $150,000" states the most it pays, not the least: the figure is no minimum."""
    _doc, result = posting(sentence)
    assert result.fields["salary"] == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Salary: from $60,000 per year, with equity.",
     {"min": 60000, "max": None, "currency": "USD", "period": "year"}),
    ("Pay: $60,000+ per year depending on experience.",
     {"min": 60000, "max": None, "currency": "USD", "period": "year"}),
    ("Compensation: at least €45,000 per year.",
     {"min": 45000, "max": None, "currency": "EUR", "period": "year"}),
    ("The hourly rate starts at $25 an hour.",
     {"min": 25, "max": None, "currency": "USD", "period": "hour"}),
    ("Salary: minimum of £30,000 per annum.",
     {"min": 30000, "max": None, "currency": "GBP", "period": "year"}),
])
def test_pay_from_a_figure_has_no_maximum(sentence: str, expected: dict[str, Any]) -> None:
    """"From $60,000" states the least it pays: the figure is no maximum."""
    _doc, result = posting(sentence)
    assert result.fields["salary"] == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Salary: ₹12-15 LPA", {"min": 1200000, "max": 1500000, "currency": "INR",
                            "period": "year"}),
    ("CTC: ₹8.5 lakhs to ₹12 lakhs per annum", {"min": 850000, "max": 1200000,
                                                "currency": "INR", "period": "year"}),
    ("Salary: 12 lakh per annum", {"min": 1200000, "max": 1200000, "currency": None,
                                   "period": "year"}),
    ("Salary: INR 1.15 crore a year", {"min": 11500000, "max": 11500000, "currency": "INR",
                                       "period": "year"}),
    ("Salary: ₹ 8,00,000 - 12,00,000 per annum", {"min": 800000, "max": 1200000,
                                                  "currency": "INR", "period": "year"}),
    ("Salary: ₹4.1-6 LPA", {"min": 410000, "max": 600000, "currency": "INR",
                            "period": "year"}),
    ("Salary: ₹1.15-2 crore a year", {"min": 11500000, "max": 20000000, "currency": "INR",
                                      "period": "year"}),
    ("Salary: ₹2.5 Cr p.a.", {"min": 25000000, "max": 25000000, "currency": "INR",
                              "period": "year"}),
    ("Salary: INR 2 Cr - 3 Cr per annum", {"min": 20000000, "max": 30000000,
                                           "currency": "INR", "period": "year"}),
    ("Salary: ₹ 90 Lakh to 1.5 Cr per annum", {"min": 9000000, "max": 15000000,
                                               "currency": "INR", "period": "year"}),
    ("Salary: 25 CR per hour", None),  # ("Cr" is a crore in rupees only)
])
def test_pay_in_lakhs_and_crores(sentence: str, expected: dict[str, Any]) -> None:
    """"₹12-15 LPA" (lakhs a year) was read as 12 to 15 rupees a year, "12 lakh" as 12:
    a lakh is 100,000, a crore 10,000,000, and LPA says the year."""
    _doc, result = posting(sentence)
    assert result.fields["salary"] == expected


def test_salary_in_drams() -> None:
    doc, result = posting("Starting salary - 40,000 AMD")
    salary = result.fields["salary"]
    assert salary is not None
    assert (salary["min"], salary["max"], salary["currency"]) == (40000, 40000, "AMD")
    # no period stated, and the size of a figure in drams says nothing about one
    assert salary["period"] is None
    assert any("40,000 AMD" in span for span in evidence(doc, result, "salary"))


@pytest.mark.parametrize("sentence", [
    "Founded in 2015, we have raised $20 million in funding from leading investors.",
    "Our customers process $3 billion in payments a year through the platform.",
    "We have 40,000 customers in 12 countries and 300 people in four offices.",
])
def test_money_that_is_not_pay_gives_no_salary(sentence: str) -> None:
    _, result = posting(sentence)
    assert result.fields["salary"] is None
    assert "salary" not in result.evidence


# --- dates ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "iso"), [
    ("Jan 17, 2024", "2024-01-17"),
    ("17 January 2004, 18:00", "2004-01-17"),
    ("15.03.2004", "2004-03-15"),
    ("2024-01-17T10:00:00Z", "2024-01-17"),
    ("Fri, 27 Jan 2017", "2017-01-27"),
    ("31st of March 2025", "2025-03-31"),
    ("03/15/2004", "2004-03-15"),
])
def test_find_date(text: str, iso: str) -> None:
    found = find_date(text)
    assert found is not None
    value, (start, end) = found
    assert value == iso
    assert text[start:end].strip()
    assert find_date(text[start:end]) == (iso, (0, end - start))


@pytest.mark.parametrize("text", ["no date here", "31.02.2024", "Room 12.10", "version 2.0.1"])
def test_find_date_finds_nothing_where_there_is_no_date(text: str) -> None:
    assert find_date(text) is None


def test_find_date_gives_the_span_inside_a_sentence() -> None:
    text = "Posted on Jan 17, 2024 by the hiring team"
    value, (start, end) = find_date(text)  # type: ignore[misc]
    assert (value, text[start:end]) == ("2024-01-17", "Jan 17, 2024")


# --- experience and education ---------------------------------------------------------------------


@pytest.mark.parametrize(("sentence", "years", "written"), [
    ("You have 5+ years experience building data pipelines in production.", 5, "5+ years"),
    ("Three years experience in a similar role is required.", 3, "Three years"),
    ("At least 2 years of professional experience with SQL.", 2, "2 years"),
    # letters the pattern reads case-blind: a long s is an s, a dotless i an i
    ("We need ſix years of experience in accounting.", 6, "ſix years"),
    ("We need SIX YEARS OF EXPERIENCE in accounting.", 6, "SIX YEARS"),
    ("We need fıve years of experience in accounting.", 5, "fıve years"),
])
def test_experience_years(sentence: str, years: int, written: str) -> None:
    doc, result = posting(sentence)
    assert result.fields["experience_years"] == years
    assert any(written in span for span in evidence(doc, result, "experience_years"))


@pytest.mark.parametrize("sentence", [
    "Acme was founded 25 years ago and has offices in four countries.",
    "Our oldest customer has been with us for 12 years in a row.",
])
def test_years_that_are_not_experience(sentence: str) -> None:
    _, result = posting(sentence)
    assert result.fields["experience_years"] is None


@pytest.mark.parametrize(("sentence", "level"), [
    ("You hold an MS in Computer Science or a related field.", "master"),
    ("A PhD in physics, statistics or a related field is required.", "doctorate"),
    ("A high school diploma is required for this position.", "high_school"),
    ("Knowledge of MS Office is required for this role.", None),
])
def test_education(sentence: str, level: str | None) -> None:
    _, result = posting(sentence)
    assert result.fields["education"] == level


def test_preferred_degree_in_its_own_section_does_not_count() -> None:
    _, result = posting("Requirements", "- Bachelor's degree in Computer Science",
                        "Preferred qualifications", "- Master's degree in Statistics")
    assert result.fields["education"] == "bachelor"


def test_required_and_preferred_degrees_in_one_sentence() -> None:
    """Was: patterns._education marked every degree of a block as preferred when 'prefer'
    appeared anywhere in it, so the required bachelor's went with the preferred master's."""
    _, result = posting("Bachelor's degree required, Master's preferred.")
    assert result.fields["education"] == "bachelor"


# --- skills ---------------------------------------------------------------------------------------


def _in_order(found: list[str], wanted: list[str]) -> bool:
    positions = [found.index(name) for name in wanted]
    return positions == sorted(positions)


def test_skills_in_canonical_spelling() -> None:
    doc, result = posting("You know Python, C/C++, scikit-learn, Tensorflow and like clean code.")
    skills = result.fields["skills"]
    wanted = ["Python", "C++", "scikit-learn", "TensorFlow"]
    assert set(wanted) <= set(skills), skills
    assert _in_order(skills, wanted)
    spans = evidence(doc, result, "skills")
    assert "Tensorflow" in spans and "C++" in spans


def test_go_in_a_list_of_languages_is_a_skill() -> None:
    _, result = posting("You can program in Python, Go, Rust or Java and enjoy learning more.")
    assert result.fields["skills"] == ["Python", "Go", "Rust", "Java"]


@pytest.mark.parametrize("sentence", [
    "We go the extra mile for our customers every day of the week.",
    "Go beyond the usual and help us plan the next ten years of the platform.",
])
def test_go_as_a_word_is_not_a_skill(sentence: str) -> None:
    _, result = posting(sentence)
    assert "Go" not in (result.fields["skills"] or [])


def test_go_in_a_title_case_heading_is_not_a_skill() -> None:
    """Was: skills._in_list took any word after 'and', 'or', 'in', 'with' or 'using' for a
    list member, so the verb in 'Learn, Grow and Go Further' was the Go language."""
    _, result = posting("Learn, Grow and Go Further With Us")
    assert "Go" not in (result.fields["skills"] or [])


def test_skills_on_a_lowercase_page_only_in_a_list() -> None:
    raw = ("data analyst\n\nwe are a small music streaming company and we are looking for a data "
           "analyst to help our editors understand what people listen to, when and why.\n\n"
           "what you bring\n"
           "- two years of experience with sql and one of java, scala, python or r\n"
           "- you go to concerts and can tell us what r&b fans want\n")
    doc = clean(raw, "text")
    skills = extract(doc).fields["skills"]
    assert {"SQL", "Java", "Scala", "Python", "R"} <= set(skills), skills
    assert "Go" not in skills


# --- seniority from the title ---------------------------------------------------------------------


@pytest.mark.parametrize(("title", "level"), [
    ("Senior Data Engineer", "senior"),
    ("Junior Data Analyst", "junior"),
    ("Lead Site Reliability Engineer", "lead"),
    ("Principal Engineer", "principal"),
    ("Data Science Intern", "intern"),
    ("Director of Engineering", "director"),
    ("Data Engineer", None),
    ("Staff Engineer", "principal"),
])
def test_seniority_from_the_title(title: str, level: str | None) -> None:
    doc, result = posting(title=title)
    assert result.fields["title"] == title
    assert result.fields["seniority"] == level
    if level is not None:
        word = title.split()[0] if level != "intern" else "Intern"
        assert evidence(doc, result, "seniority") == [word]


@pytest.mark.parametrize("heading", ["# **Senior Data Engineer**", "# *Senior* Data Engineer",
                                     "# Data Engineer (**Senior**)"])
def test_the_seniority_s_evidence_is_its_word_in_a_title_with_marks(heading: str) -> None:
    """The title's value has no marks, its text has: the word was taken at its place in
    the value, two characters early ("**Seni")."""
    doc = CleanDoc(f"{heading}\n\nAcme Corp is hiring in Berlin.\n\n- Python\n", "text")
    result = extract(doc)
    assert result.fields["seniority"] == "senior"
    assert evidence(doc, result, "seniority") == ["Senior"]


@pytest.mark.parametrize(("line", "places"), [
    ("Acme Corp is hiring in Berlin.", ["Berlin"]),  # was "Berlin."
    ("The role is based in London, UK.", ["London, UK"]),
    ("The role is based in Washington, D.C.", ["Washington, D.C."]),
    ("Senior role in Berlin, full-time.", ["Berlin"]),  # was "Berlin, full-time."
    ("This role is remote.", ["Remote"]),  # not the sentence as a place
    ("Work from our office in Berlin (hybrid)", ["Berlin (hybrid)"]),
    ("Acme Ltd — London, hybrid", ["London"]),
])
def test_a_place_at_the_end_of_a_sentence_is_read_without_the_full_stop(
        line: str, places: list[str] | None) -> None:
    doc = CleanDoc(f"# Data Engineer\n\n{line}\n\n- Python\n", "text")
    result = extract(doc)
    assert result.fields["locations"] == places
    if places and places[0] in line:
        assert evidence(doc, result, "locations") == places


@pytest.mark.parametrize(("value", "text", "found"), [
    ("Intel", "We apply artificial intelligence at Intel every day.", "Intel"),
    ("Intel", "We apply artificial intelligence every day.", None),  # in a word only
    ("Bath", "A bathroom fitter in Bath, UK", "Bath"),
    ("4417", "Ticket 44170; reference 4417", "4417"),
    ("東京", "勤務地は東京都です", "東京"),  # no spaces between words: found inside
    ("กรุงเทพ", "ทำงานที่กรุงเทพมหานคร", "กรุงเทพ"),
    ("C++", "We write C++ and C#", "C++"),
])
def test_a_value_is_located_as_a_whole_word_not_inside_another(value: str, text: str,
                                                               found: str | None) -> None:
    """JSON-LD's company "Intel" was given the evidence "intel" of "intelligence"."""
    from reviewer.core.extract.document import parse

    doc = parse(text)
    span = doc.locate(value)
    assert (text[span[0]:span[1]] if span else None) == found
    if found is not None and span is not None:
        assert text.lower().find(value.lower()) <= span[0]


@pytest.mark.parametrize(("text", "field", "wrong"), [
    ("Senior Accountant\nRole: Permanent\nLocation: Leeds\n", "title", "Permanent"),
    ("Senior Accountant\nRole: Permanent\nLocation: Leeds\n", "company", "Senior Accountant"),
    ("Data Analyst\nPosition: Full time\nLocation: Leeds\n", "title", "Full time"),
    ("Data Analyst\nRef: Please quote this reference in your letter\n", "requisition_id",
     "Please"),
    ("Data Analyst\nLocation: TBD\n", "locations", ["TBD"]),
    ("Data Analyst\nLocation: Various\n", "locations", ["Various"]),
    ("Data Analyst\nClient: Confidential\n", "company", "Confidential"),
    ("Data Analyst\nHours: 2 days per week\n", "work_hours", 2),
    ("Nurse\nHours: 12-hour shifts, 4 on 4 off\n", "work_hours", 12),
])
def test_a_labelled_line_whose_value_is_not_of_its_field_is_not_taken(
        text: str, field: str, wrong: Any) -> None:
    """"Role: Permanent" gave the title "Permanent" at 0.9, and the line above it, the
    real title, became the company; "Ref: Please quote …" gave the reference "Please"."""
    result = extract(CleanDoc(text, "text"))
    assert result.fields[field] != wrong


def test_a_labelled_line_still_gives_what_it_says() -> None:
    result = extract(CleanDoc("Role: Senior Accountant\nRef: REQ-2024-117\nLocation: Leeds\n"
                              "Hours: 37.5 hours per week\n", "text"))
    assert result.fields["title"] == "Senior Accountant"
    assert result.fields["requisition_id"] == "REQ-2024-117"
    assert result.fields["locations"] == ["Leeds"] and result.fields["work_hours"] == 37.5


@pytest.mark.parametrize(("line", "pay"), [
    ("Salary: Band 5 £29,970 - £36,483 per annum",
     {"min": 29970, "max": 36483, "currency": "GBP", "period": "year"}),  # was {5, 5}
    ("Pay: 37.5 hours per week, £24,000 per annum",
     {"min": 24000, "max": 24000, "currency": "GBP", "period": "year"}),  # was 37.5 a week
    ("Salary: Grade D (2025/26 pay scale), per annum pro rata", None),  # was 2025
    ("Salary: 45,000 - 52,000 per year", {"min": 45000, "max": 52000, "currency": None,
                                          "period": "year"}),  # no currency: as given
    ("Salary: grade 7 (60,000 per year)", {"min": 60000, "max": 60000, "currency": None,
                                           "period": "year"}),  # was {7, 7}
    ("Salary: 25 per hour", {"min": 25, "max": 25, "currency": None, "period": "hour"}),
    # a small figure with its own period is a pay rate, not a grade before the pay
    ("Rate: 65 per hour (W2), 80 per hour (1099)",
     {"min": 65, "max": 65, "currency": None, "period": "hour"}),
    ("Salary: 90 per day, min 120 days", {"min": 90, "max": 90, "currency": None,
                                          "period": "day"}),
])
def test_a_salary_line_gives_its_pay_not_a_band_hours_or_a_year(line: str,
                                                                  pay: dict | None) -> None:
    result = extract(CleanDoc(f"# Payroll Officer\n\n{line}\n", "text"))
    assert result.fields["salary"] == pay


@pytest.mark.parametrize(("line", "posted", "through"), [
    ("Closing date: 05/06/2025", None, None),  # the 6th of May, or the 5th of June
    ("Closing date: 06/20/2025", None, "2025-06-20"),  # only one order is a date
    ("Posted: 12/12/2025", "2025-12-12", None),
    ("Posted 3 days ago · Closes 15 March 2025", None, None),
    ("Positions posted for the season starting 1 December 2025", None, None),
    ("Posted on 3 March 2025", "2025-03-03", None),
])
def test_a_date_is_read_only_where_its_meaning_is_sure(line: str, posted: str | None,
                                                       through: str | None) -> None:
    """A slashed date was read month first wherever it came from (a UK closing date of
    05/06/2025 became the 6th of May, at 0.9), and a date after "Posted" was the date
    posted whatever came between."""
    result = extract(CleanDoc(f"# Data Analyst\n\nAcme Ltd, Leeds.\n\n{line}\n", "text"))
    assert result.fields["date_posted"] == posted
    assert result.fields["valid_through"] == through


def test_a_closing_date_before_the_date_posted_leaves_both_unsure() -> None:
    """"Deadline: 2023-01-01. Posted: 2024-01-01" gave both dates at 0.9: one of them is
    not what it was read as (a date of another posting, a typo), which a person is to
    look at. Both are kept, unsure; in their order, both stay sure."""
    result = extract(CleanDoc("# Data Analyst\n\nAcme Ltd, Leeds.\n\n"
                              "Deadline: 2023-01-01. Posted: 2024-01-01\n", "text"))
    assert result.fields["date_posted"] == "2024-01-01"
    assert result.fields["valid_through"] == "2023-01-01"
    assert result.confidence["date_posted"] <= 0.5 and result.confidence["valid_through"] <= 0.5
    result = extract(CleanDoc("# Data Analyst\n\nAcme Ltd, Leeds.\n\n"
                              "Deadline: 2024-03-01. Posted: 2024-01-01\n", "text"))
    assert result.confidence["date_posted"] > 0.5 and result.confidence["valid_through"] > 0.5


@pytest.mark.parametrize(("title", "level"), [
    ("Staff Nurse", None), ("Staff Accountant", None),  # were principal
    ("Associate Director, Clinical Operations", "director"),  # was junior
    ("Lead Generation Specialist", None),  # was lead
    ("Channel Partner Manager", "manager"),  # was executive
    ("Experienced Bus Driver", None),  # was senior
    # the rank of the person assisted is not the post's
    ("Assistant to Managing Director", None),  # was director
    ("Executive Assistant to the CEO", None),  # was executive
    ("Associate to the Partner", None),  # was executive
    ("Senior Secretary to the Head of Finance", "senior"),  # was senior, still
])
def test_a_seniority_word_in_another_sense_is_not_read_as_one(title: str,
                                                              level: str | None) -> None:
    _doc, result = posting(title=title)
    assert result.fields["title"] == title
    assert result.fields["seniority"] == level


@pytest.mark.parametrize(("line", "remote", "kind"), [
    ("This is not a remote role.", None, None),  # was remote
    ("We design hybrid cloud solutions for banks.", None, None),  # was hybrid
    ("This is a hybrid role: three days in the office.", "hybrid", None),
    ("Please note this is not a part-time role. It is full-time.", None, "full_time"),
    ("This is a part-time role.", None, "part_time"),
])
def test_a_work_mode_or_employment_type_denied_is_not_read(line: str, remote: str | None,
                                                           kind: str | None) -> None:
    result = extract(CleanDoc(f"# Data Analyst\n\nAcme Ltd, Leeds.\n\n{line}\n", "text"))
    assert result.fields["remote"] == remote
    assert result.fields["employment_type"] == kind


def test_a_place_or_a_clause_before_a_cue_is_neither_company_nor_department() -> None:
    """"Our client, a leading manufacturing company based in Birmingham, is looking for"
    gave the company "Birmingham" and the department "Our client, a leading
    manufacturing company based"."""
    result = extract(CleanDoc(
        "# Payroll Administrator\n\nOur client, a leading manufacturing company based in "
        "Birmingham, is looking for a Payroll Administrator.\n\n- Run the monthly payroll\n",
        "text"))
    assert result.fields["company"] != "Birmingham"
    assert result.fields["department"] is None or "," not in result.fields["department"]


@pytest.mark.parametrize(("text", "spring"), [
    ("Start in Spring 2025.", False), ("Joining us in spring.", False),
    ("We hire for the spring semester.", False),
    ("Experience with Spring Boot and Java.", True), ("Java, Spring, Hibernate", True),
])
def test_spring_the_season_is_no_skill(text: str, spring: bool) -> None:
    from reviewer.core.extract.skills import find_skills

    assert ("Spring" in [name for name, _spans in find_skills(text)]) is spring


@pytest.mark.parametrize(("text", "field", "value"), [
    # a title with a term of the job in it is a title ("Role: Permanent" is not)
    ("Job title: Part-time Cleaner\nLocation: Leeds\n", "title", "Part-time Cleaner"),
    ("Job title: Temporary Carer\nLocation: Leeds\n", "title", "Temporary Carer"),
    ("Job title: Contractor\nLocation: Leeds\n", "title", "Contractor"),
    ("Job ref: No. 4417\n", "requisition_id", "4417"),
    # the pay, not a bonus or an allowance after it
    ("Salary: 40,000 - 45,000 per annum plus £2,000 car allowance\n", "salary",
     {"min": 40000, "max": 45000, "currency": None, "period": "year"}),
    ("Salary: 75,000 per year + $5,000 sign-on bonus\n", "salary",
     {"min": 75000, "max": 75000, "currency": None, "period": "year"}),
    ("Pay: 11.44 - 12.50/hour\n", "salary",
     {"min": 11.44, "max": 12.5, "currency": None, "period": "hour"}),
    ("Salary: 60,000 EUR 14 salaries per year\n", "salary",
     {"min": 60000, "max": 60000, "currency": "EUR", "period": "year"}),
    ("Annual salary: £24,000 (paid monthly)\n", "salary",
     {"min": 24000, "max": 24000, "currency": "GBP", "period": "year"}),
    # a date beside "Posted" in a table or after a dot is the date posted
    ("| Posted | 3 March 2025 |\n|---|---|\n", "date_posted", "2025-03-03"),
    ("Posted · 3 March 2025\n", "date_posted", "2025-03-03"),
    ("Hybrid model: 3 days in the office, 2 from home.\n", "remote", "hybrid"),
    ("Remote, UK.\n", "locations", ["Remote, UK"]),
])
def test_what_the_first_mends_of_the_readers_lost_is_read_again(text: str, field: str,
                                                                 value: Any) -> None:
    """Mends of this session's first fixes (a title of a term and a noun was refused, a
    bonus after a pay of no currency was taken for the pay, a "Posted | date" row lost
    its date, a "hybrid model" was a hybrid of things, "Remote, UK." was a sentence)."""
    result = extract(CleanDoc(f"# Cleaner\n\n{text}", "text") if field != "title"
                     else CleanDoc(text, "text"))
    assert result.fields[field] == value


# --- stage 1: JSON-LD -----------------------------------------------------------------------------

JOB_POSTING = {
    "@context": "https://schema.org",
    "@type": "JobPosting",
    "title": "Senior Data Engineer",
    "hiringOrganization": {"@type": "Organization", "name": "Acme Inc."},
    "datePosted": "2025-03-03T09:00:00+01:00",
    "jobLocation": {"@type": "Place", "address": {
        "@type": "PostalAddress", "addressLocality": "Berlin", "addressCountry": "Germany"}},
    "baseSalary": {"@type": "MonetaryAmount", "currency": "EUR", "value": {
        "@type": "QuantitativeValue", "minValue": 70000, "maxValue": 90000,
        "unitText": "YEAR"}},
}

HTML = """<html><head><title>Jobs</title>
<script type="application/ld+json">JSON_LD_HERE</script></head>
<body><main>
<h1>Senior Data Engineer</h1>
<p>Location: Munich, Germany</p>
<p>Acme Inc. builds the data platform that hundreds of logistics companies use to plan their
deliveries, and we are looking for a senior data engineer to join our team in Berlin.</p>
<p>You will design and run the pipelines that move billions of events a day into our
warehouse, and you will mentor the engineers who build them with you.</p>
</main></body></html>
"""


@pytest.fixture(scope="module")
def from_json_ld() -> tuple[CleanDoc, Extraction]:
    doc = clean(HTML.replace("JSON_LD_HERE", json.dumps(JOB_POSTING)), "html")
    return doc, extract(doc)


@pytest.mark.parametrize(("field", "value"), [
    ("title", "Senior Data Engineer"),
    ("company", "Acme Inc."),
    ("locations", ["Berlin, Germany"]),  # JSON-LD wins over the labelled "Munich" line
    ("date_posted", "2025-03-03"),
    ("salary", {"min": 70000, "max": 90000, "currency": "EUR", "period": "year"}),
])
def test_json_ld_fills_the_fields(from_json_ld: tuple[CleanDoc, Extraction], field: str,
                                  value: Any) -> None:
    _, result = from_json_ld
    assert result.fields[field] == value
    assert result.stages[field] == "json-ld"


def test_json_ld_values_point_at_the_text_when_it_holds_them(
    from_json_ld: tuple[CleanDoc, Extraction],
) -> None:
    doc, result = from_json_ld
    assert "Senior Data Engineer" in evidence(doc, result, "title")
    assert "Acme Inc." in evidence(doc, result, "company")


@pytest.mark.parametrize(("currency", "low", "high", "pay"), [
    ("EUR", "70.000", "85.000", {"min": 70000, "max": 85000, "currency": "EUR"}),  # was 70
    ("EUR", "1.250,50", "1.400", {"min": 1250.5, "max": 1400, "currency": "EUR"}),
    ("£", 30000, 35000, {"min": 30000, "max": 35000, "currency": "GBP"}),  # was "£"
    ("Euro", 30000, 35000, {"min": 30000, "max": 35000, "currency": None}),
])
def test_json_ld_pay_written_in_other_ways_is_read_as_meant(
        currency: str, low: Any, high: Any, pay: dict[str, Any]) -> None:
    data = dict(JOB_POSTING, baseSalary={"@type": "MonetaryAmount", "currency": currency,
                                         "value": {"minValue": low, "maxValue": high,
                                                   "unitText": "YEAR"}})
    result = extract(clean(HTML.replace("JSON_LD_HERE", json.dumps(data)), "html"))
    assert result.fields["salary"] == {**pay, "period": "year"}


def test_without_json_ld_the_labelled_line_is_used() -> None:
    doc = clean(HTML.replace("JSON_LD_HERE", "{}"), "html")
    result = extract(doc)
    assert result.fields["locations"] == ["Munich, Germany"]
    assert result.stages["locations"] == "label"


# --- what is not there stays None -----------------------------------------------------------------


def test_fields_not_in_the_posting_stay_none() -> None:
    _, result = posting()
    assert tuple(result.fields) == FIELD_NAMES
    for name in ("salary", "valid_through", "requisition_id", "work_hours", "date_posted",
                 "education", "experience_years", "benefits", "remote", "employment_type"):
        assert result.fields[name] is None, name
        assert name not in result.evidence
        assert name not in result.confidence


def test_an_empty_document_gives_all_fields_none() -> None:
    result = extract(clean("", "text"))
    assert all(value is None for value in result.fields.values())
    assert result.evidence == {} or all(not spans for spans in result.evidence.values())


MICRODATA_PAGE = """<html><body><nav><a href="/">Home</a> <a href="/jobs">Jobs</a></nav>
<div itemscope itemtype="https://schema.org/JobPosting">
  <h1 itemprop="title">Senior Data Engineer</h1>
  <div itemprop="hiringOrganization" itemscope itemtype="https://schema.org/Organization">
    <span itemprop="name">Acme Analytics GmbH</span></div>
  <div itemprop="jobLocation" itemscope itemtype="https://schema.org/Place">
    <div itemprop="address" itemscope itemtype="https://schema.org/PostalAddress">
      <span itemprop="addressLocality">Berlin</span>,
      <span itemprop="addressCountry">Germany</span></div></div>
  <meta itemprop="datePosted" content="2025-03-01">
  <time itemprop="validThrough" datetime="2025-04-15">apply by 15 April</time>
  <div itemprop="description"><p>We build data pipelines in Python and SQL for customers across
  Europe, and we would like you to help us run them well.</p>
  <ul><li>Design and run pipelines</li><li>Review code</li></ul></div>
</div></body></html>"""


def test_microdata_job_posting_is_read_like_json_ld() -> None:
    result = extract(clean(MICRODATA_PAGE, "html"))
    assert result.fields["title"] == "Senior Data Engineer"
    assert result.fields["company"] == "Acme Analytics GmbH"
    assert result.fields["locations"] == ["Berlin, Germany"]
    assert result.fields["date_posted"] == "2025-03-01"
    assert result.fields["valid_through"] == "2025-04-15"
    assert result.stages["company"] == "microdata"


def test_a_blank_itemprop_is_skipped_not_a_crash() -> None:
    page = MICRODATA_PAGE.replace('<h1 itemprop="title">',
                                  '<span itemprop=" ">x</span><h1 itemprop="title">')
    assert extract(clean(page, "html")).fields["title"] == "Senior Data Engineer"


@pytest.mark.parametrize(("line", "company"), [
    ("Posted By Acme Ltd on 27 Jan 2017", "Acme Ltd"),
    ("Listed on 27 Jan 2017", None),
])
def test_byline_and_posted_lines_in_any_case(line: str, company: str | None) -> None:
    text = f"{line}\n\n# Data Engineer\n\nWe build pipelines in Python and SQL in Berlin.\n"
    result = extract(clean(text, "text"))
    assert result.fields["company"] == company
    assert result.fields["date_posted"] == "2017-01-27"


@pytest.mark.parametrize(("line", "years"), [
    ("Experience: 999 years", None),
    ("Experience: 5 years", 5),
    ("Minimum 2024 years of work experience in a similar role.", None),
    ("Minimum 1.5 years of work experience in a similar role.", None),
    ("Minimum 5 years of work experience in a similar role.", 5),
])
def test_years_of_experience_are_never_read_from_the_end_of_a_larger_number(
        line: str, years: int | None) -> None:
    doc, result = posting(line)
    assert result.fields["experience_years"] == years
    assert all(doc.markdown[start - 1:start] in (" ", ":", "")
               for start, _end in result.evidence.get("experience_years", []))


@pytest.mark.parametrize(("line", "low", "high", "period"), [
    ("Pay: $50/hour - $60/hour", 50, 60, "hour"),
    ("Pay: $50 per hour to $60 per hour", 50, 60, "hour"),
    ("Salary: $50k/yr - $70k/yr", 50000, 70000, "year"),
    ("Salary: €3,000/month – €3,500/month", 3000, 3500, "month"),
    ("Pay: $50/hour", 50, 50, "hour"),
])
def test_a_pay_range_with_the_period_after_each_end_keeps_both_ends(
        line: str, low: int, high: int, period: str) -> None:
    """'$50/hour - $60/hour' was read as 50 to 50: the period after the first amount
    ended the range."""
    doc, result = posting(line)
    salary = result.fields["salary"]
    assert (salary["min"], salary["max"], salary["period"]) == (low, high, period)
    assert all(doc.markdown[a:b] in line for a, b in result.evidence["salary"])


@pytest.mark.parametrize(("low", "high", "unit", "pay"), [
    (17.25, 18.5, "HOUR", (17.25, 18.5)),  # a number: its decimal point
    ("12.500", "14.000", "HOUR", (12.5, 14)),  # by the hour: a decimal point
    ("70.000", "85.000", "YEAR", (70000, 85000)),  # by the year: thousands
])
def test_json_ld_pay_with_dots_is_read_by_its_unit(low: Any, high: Any, unit: str,
                                                   pay: tuple[float, float]) -> None:
    data = dict(JOB_POSTING, baseSalary={"@type": "MonetaryAmount", "currency": "EUR",
                                         "value": {"minValue": low, "maxValue": high,
                                                   "unitText": unit}})
    result = extract(clean(HTML.replace("JSON_LD_HERE", json.dumps(data)), "html"))
    assert (result.fields["salary"]["min"], result.fields["salary"]["max"]) == pay


@pytest.mark.parametrize(("line", "places", "remote"), [
    ("Austin, hybrid", ["Austin"], "hybrid"),
    ("London, remote-first", ["London"], "remote"),
    ("Nova, you will play a pivotal role in supporting our team", None, None),
])
def test_a_place_keeps_neither_a_way_of_working_nor_a_clause_after_it(
        line: str, places: list[str] | None, remote: str | None) -> None:
    result = extract(CleanDoc(f"# Data Analyst\n\n{line}\n\n- Python\n", "text"))
    assert result.fields["locations"] == places
    assert result.fields["remote"] == remote


@pytest.mark.parametrize(("where", "through"), [
    ("Austin, TX. Pay $25 an hour.", "2025-05-06"),  # the US: the month first
    ("Leeds, UK. Pay £12 an hour.", "2025-06-05"),  # the UK: the day first
    ("Somewhere.", None),  # not said: not guessed
    ("Austin, TX, or London, UK.", None),  # both said: not guessed
])
def test_a_slashed_date_is_read_in_the_order_of_the_country_the_posting_names(
        where: str, through: str | None) -> None:
    """Refused everywhere, a US posting's 05/06/2025 lost its date: it is the 6th of May
    where the posting is in the US, the 5th of June where it names a country that writes
    the day first."""
    result = extract(CleanDoc(f"# Data Analyst\n\n{where}\n\nClosing date: 05/06/2025\n",
                              "text"))
    assert result.fields["valid_through"] == through
