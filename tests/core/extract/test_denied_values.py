"""A value the posting denies is no value of it: "A degree is not required" asks for no
degree, "Remote: No" is no remote job, "not a contract role" is no contract. Where the
denial is itself a choice of the field ("Remote: No": on site) that is the value."""

from __future__ import annotations

import pytest

from reviewer.core.clean import clean
from reviewer.core.extract import extract
from reviewer.core.schema import Extraction

INTRO = ("Acme Freight builds planning software for ports and rail yards, and we are looking "
         "for an analyst to join the people who build it.")


def read(*lines: str) -> tuple[Extraction, str]:
    doc = clean("\n\n".join(["Data Analyst", INTRO, *lines]) + "\n", "text")
    return extract(doc), doc.markdown


@pytest.mark.parametrize("line", [
    "A degree is not required.",
    "Bachelor degree not required.",
    "Bachelor's degree in Computer Science is not necessary.",
    "A university degree isn't needed for this role.",
    "You do not need a degree to apply.",
    "No college degree required, just curiosity.",
    "Education: Bachelor's degree not required",
])
def test_a_denied_degree_is_not_asked_for(line: str) -> None:
    assert read(line)[0].fields["education"] is None


def test_a_degree_asked_for_beside_one_denied_is_still_read() -> None:
    result, _ = read("Bachelor's degree or equivalent experience required. "
                     "A master's degree is not required.")
    assert result.fields["education"] == "bachelor"


@pytest.mark.parametrize("line", [
    "Remote job: No",
    "Remote: No",
    "Remote work: Not available",
    "Work from home: No",
    "Remote - not possible",
])
def test_remote_answered_no_is_on_site(line: str) -> None:
    result, markdown = read(line)
    assert result.fields["remote"] == "onsite"
    assert result.fields["locations"] is None  # ("Remote job: No" is no place)
    start, end = result.evidence["remote"][0]
    assert "remote" not in markdown[start:end].lower() or "no" in markdown[start:end].lower()


@pytest.mark.parametrize("line", [
    "This is not a remote position.",
    "This role is not a remote role, sorry.",
    "A remote role is not possible here.",
    "This is a non-remote position.",
])
def test_a_denied_remote_sentence_gives_no_remote(line: str) -> None:
    result, _ = read(line)
    assert result.fields["remote"] != "remote"
    assert result.fields["locations"] is None


def test_remote_answered_yes_is_remote() -> None:
    assert read("Remote: Yes")[0].fields["remote"] == "remote"


@pytest.mark.parametrize(("line", "kind"), [
    ("Employment type: Not a contract position", None),
    ("Job type: Full-time (not contract)", "full_time"),
    ("Part-time: No", None),
    ("This is not a contract role.", None),
    ("Employment type: Non-permanent", None),
])
def test_a_denied_employment_type_is_not_read(line: str, kind: str | None) -> None:
    assert read(line)[0].fields["employment_type"] == kind


@pytest.mark.parametrize("line", [
    "Relocation: not available", "Visa sponsorship: No", "Sponsorship: not available"])
def test_other_answers_give_no_field(line: str) -> None:
    result, _ = read(line)
    assert result.fields["remote"] is None and result.fields["locations"] is None
    assert result.fields["employment_type"] is None


@pytest.mark.parametrize(("line", "field", "value"), [
    ("Remote: No - hybrid, 2 days at home", "remote", "hybrid"),
    ("Work from home: No, office based", "remote", "onsite"),
    ("Remote: No, though 1 day a week WFH", "remote", "hybrid"),
    ("Remote work: No - work from home on Fridays only", "remote", "hybrid"),
    ("Part-time: no weekends", "employment_type", "part_time"),
    ("Bachelor's degree required; relocation not available.", "education", "bachelor"),
])
def test_an_answer_is_read_with_what_follows_it(line: str, field: str, value: str) -> None:
    assert read(line)[0].fields[field] == value


@pytest.mark.parametrize(("line", "field", "value"), [
    ("Work model: Remote with travel to the office not required", "remote", "remote"),
    ("Workplace type: Remote and client visits are not required", "remote", "remote"),
    ("Location: Remote with moving house not required", "remote", "remote"),
    ("This is a fully remote post and moving to the area is not required.", "remote",
     "remote"),
    ("Hybrid working with overnight travel not required.", "remote", "hybrid"),
    ("Full-time position and shift work is not required.", "employment_type", "full_time"),
    ("Part-time hours so late shifts are not needed.", "employment_type", "part_time"),
])
def test_a_denial_of_another_thing_leaves_the_mention(line: str, field: str,
                                                      value: str) -> None:
    assert read(line)[0].fields[field] == value


@pytest.mark.parametrize(("line", "field"), [
    ("Remote work is not possible for this team.", "remote"),
    ("A degree in Applied Physics is not required.", "education"),
    ("A part-time contract is not available.", "employment_type"),
])
def test_a_denial_of_the_mention_with_its_own_words_between(line: str, field: str) -> None:
    assert read(line)[0].fields[field] not in ("remote", "bachelor", "part_time")
