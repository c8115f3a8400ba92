""""Job #", "Job No.", "Job Number", "Job Ref" label the requisition id, never the title:
"Job #: WH-12" gave the title "WH-12" and no id."""

from __future__ import annotations

import pytest

from reviewer.core.clean import clean
from reviewer.core.extract import extract

INTRO = ("Acme Freight builds planning software for ports and rail yards, and we are looking "
         "for an analyst to join the people who build it.")


@pytest.mark.parametrize(("line", "ident"), [
    ("Job #: WH-COL-77", "WH-COL-77"),
    ("Job # 4410", "4410"),
    ("Job #AB-301", "AB-301"),
    ("Job No.: 5521", "5521"),
    ("Job No: 5521", "5521"),
    ("Job Nr.: 5521", "5521"),
    ("Job Number: 5521", "5521"),
    ("Job Ref: AB-12", "AB-12"),
    ("Job Ref.: AB-12", "AB-12"),
    ("Position #: 12345", "12345"),
    ("Vacancy No.: V-88", "V-88"),
])
def test_a_job_number_label_gives_the_requisition_id(line: str, ident: str) -> None:
    for lines in ([INTRO, line], [line, INTRO]):  # below the body and in the header
        doc = clean("\n\n".join(["Data Analyst", *lines]) + "\n", "text")
        result = extract(doc)
        assert result.fields["requisition_id"] == ident
        assert result.fields["title"] == "Data Analyst"


@pytest.mark.parametrize("value", ["12345", "WH-COL-77", "R-0042"])
def test_a_code_is_no_title(value: str) -> None:
    doc = clean("\n\n".join([INTRO, f"Job: {value}"]) + "\n", "text")
    assert extract(doc).fields["title"] != value


def test_a_title_label_still_gives_the_title() -> None:
    doc = clean("\n\n".join([INTRO, "Job: Senior Accountant", "Position: 3D Artist"]) + "\n",
                "text")
    assert extract(doc).fields["title"] == "Senior Accountant"


@pytest.mark.parametrize("line", [
    "Job No.: 1 of 4 openings", "Position #: 3 positions", "Vacancy No: 2 vacancies",
    "Job No.: No. 2 out of 5", "Job #1 priority: keeping our crews safe."])
def test_a_count_of_openings_is_no_requisition_id(line: str) -> None:
    doc = clean("\n\n".join(["Data Analyst", line, INTRO]) + "\n", "text")
    assert extract(doc).fields["requisition_id"] is None
