"""Labels and phrases English postings commonly use for a reference, the dates a posting
is open and the list of what is essential: "Vacancy reference: …", "quoting ref …",
Workday's bold "job requisition id", "Open & closing dates: … to …", "Applications
accepted until …", a UK posting's "Essential:" beside its "Desirable:"."""

from __future__ import annotations

import pytest
from test_extract_fields import INTRO, evidence, posting

from reviewer.core.clean import clean
from reviewer.core.extract import extract


@pytest.mark.parametrize(("line", "ident"), [
    ("Vacancy reference: 11245", "11245"),
    ("Please send your CV to jobs@acme.example quoting ref BW-7781.", "BW-7781"),
    ("Apply by email, quoting reference number 4471 in the subject line.", "4471"),
    ("Please quote the job title and where you saw the advert.", None),
    ("Quoting Shakespeare is not a requirement.", None),
])
def test_a_reference_after_its_common_words(line: str, ident: str | None) -> None:
    doc, result = posting(line)
    assert result.fields["requisition_id"] == ident
    if ident is not None:
        assert any(ident in span for span in evidence(doc, result, "requisition_id"))


def test_a_bold_label_over_its_value_as_a_workday_page_writes_it() -> None:
    html = ("<html><body><h2>Quality Engineer</h2>"
            "<div><dl><dt>job requisition id</dt><dd>R-0042317</dd></dl></div>"
            f"<p>{INTRO}</p></body></html>")
    doc = clean(html, "html")
    result = extract(doc)
    assert result.fields["requisition_id"] == "R-0042317"


def test_open_and_closing_dates_give_both_dates() -> None:
    doc, result = posting("Open & closing dates: 01/13/2025 to 01/27/2025")
    assert result.fields["date_posted"] == "2025-01-13"
    assert result.fields["valid_through"] == "2025-01-27"
    assert evidence(doc, result, "valid_through") == ["01/27/2025"]


@pytest.mark.parametrize("line", [
    "Applications accepted until March 31, 2025.",
    "We are accepting applications through March 31, 2025.",
])
def test_applications_accepted_until_a_date(line: str) -> None:
    _, result = posting(line)
    assert result.fields["valid_through"] == "2025-03-31"


def test_essential_heads_the_required_qualifications() -> None:
    _, result = posting("Essential:", "- A PhD in computational linguistics",
                          "- Strong programming skills in Python",
                          "Desirable:", "- Experience with low-resource languages")
    assert result.fields["required_qualifications"] == [
        "A PhD in computational linguistics", "Strong programming skills in Python"]
    assert result.fields["preferred_qualifications"] == [
        "Experience with low-resource languages"]


@pytest.mark.parametrize(("line", "name"), [
    ("Institution: Lakeshore University", "Lakeshore University"),
    ("Agency: Department of Rehabilitation and Correction",
     "Department of Rehabilitation and Correction"),
    ("Hiring organisation: Riverside Museum of Art", "Riverside Museum of Art"),
    ("Employer name: Granite Peak Capital", "Granite Peak Capital"),
])
def test_the_labels_colleges_and_public_bodies_give_their_name(line: str, name: str) -> None:
    doc, result = posting(line)
    assert result.fields["company"] == name
    assert evidence(doc, result, "company") == [name]


def test_a_sentence_after_the_word_agency_names_no_employer() -> None:
    _, result = posting("Agency: Our guests and their families have a voice in every decision "
                        "about their care.")
    assert result.fields["company"] == "Acme Inc."
