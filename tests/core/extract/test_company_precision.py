"""The employer's name: no generic phrase, team or skills list; the fullest name the text uses.

Every posting here is made up for the tests.
"""

from __future__ import annotations

import pytest

from reviewer.core.clean import clean
from reviewer.core.extract import extract


def company(*paragraphs: str) -> object:
    doc = clean("\n\n".join(["Data Analyst", *paragraphs]) + "\n", "text")
    return extract(doc).fields["company"]


def test_a_generic_heading_is_no_company() -> None:
    assert company(
        "## About The Company",
        "Our small studio makes furniture from reclaimed oak for shops and homes.",
        "You will keep the stock records and report on sales every month.",
    ) != "The Company"


def test_a_skills_list_is_no_legal_name() -> None:
    # "SAS" and "NV" are legal suffixes too, but not after a comma in a list
    assert company(
        "Three years of analysis with tools such as Python, R, SAS, Matlab.",
        "Travel to sites in AZ, NM, NV and UT each quarter.",
        "You will keep the stock records and report on sales every month.",
    ) is None


def test_a_team_is_no_company() -> None:
    assert company(
        "The Brightwater Cloud's Search & Ranking Team is looking for an analyst to measure "
        "results.",
        "At Brightwater, we build tools for libraries.",
        "Brightwater is proud of its people. Brightwater offers a pension.",
    ) == "Brightwater"


def test_the_fuller_name_the_text_uses() -> None:
    assert company(
        "Who are we?",
        "Kestrel Analytics was founded in 2002 and is based in Leeds.",
        "With over 300 employees, Kestrel brings together engineers and analysts.",
        "Kestrel Analytics is a consulting firm. Kestrel swag, Kestrel socials and a pension.",
        "Life at Kestrel is good.",
        "At Kestrel, we value learning. Kestrel is an equal opportunity employer.",
    ) == "Kestrel Analytics"


def test_the_name_with_its_legal_suffix_when_the_text_gives_one() -> None:
    assert company(
        "Ormond is a leader in learning tools. At Ormond, we build games for schools.",
        "Ormond is an Equal Opportunity Employer.",
        "Ormond Learning, Inc. is a participant in the work-check scheme.",
    ) == "Ormond Learning, Inc."


def test_a_name_with_the_article_and_company() -> None:
    assert company(
        "At Halvard, we make cleaning goods. Join our team.",
        "As a Data Analyst at The Halvard Company you will build reports.",
        "At Halvard, we value care. Halvard is an equal opportunity employer.",
    ) == "The Halvard Company"


def test_an_acronym_the_text_spells_out() -> None:
    assert company(
        "At NRDA we measure rivers. NRDA offers training.",
        "NRDA is an equal opportunity employer.",
        "The National River Data Agency (NRDA) is part of the water ministry.",
    ) == "National River Data Agency"


def test_a_name_asked_about() -> None:
    assert company(
        "Why should you join Ferrow Tile Industries?",
        "Ferrow Tile Industries makes ceilings and floors for offices and schools.",
        "You will keep the stock records and report on sales every month.",
    ) == "Ferrow Tile Industries"


def test_a_product_after_the_name_is_not_the_name() -> None:
    assert company(
        "At Ormond, we build games. Ormond is an equal opportunity employer.",
        "Ormond Total Rewards include a pension. Ormond University runs courses.",
    ) == "Ormond"


def test_a_department_after_the_name_is_not_the_name() -> None:
    assert company(
        "At Ormond, we build games. Ormond is an equal opportunity employer.",
        "You will join the Ormond Engineering team in Leeds.",
    ) == "Ormond"


def test_a_product_named_once_is_not_the_name() -> None:
    assert company(
        "At Ormond, we build games. Ormond is an equal opportunity employer.",
        "Experience with Ormond Analytics is a plus.",
    ) == "Ormond"


def test_a_name_does_not_run_over_a_sentence_end() -> None:
    # "… projects in the Pacific Northwest. We are seeking": the subject is "We"
    assert company(
        "Harrow Dam Works builds dams and has been in business since 1955. We build "
        "amazing projects in the Pacific Northwest. We are seeking engineers who care.",
        "You will keep the site records and report on progress every month.",
    ) != "Pacific Northwest. We"


def test_a_heading_run_into_the_cue_is_no_part_of_the_name() -> None:
    # "Equal Opportunity Employer" is the heading the page ran into its sentence
    assert company(
        "The Council of Lowland Growers (CLG) seeks a communications intern.",
        "Equal Opportunity Employer CLG is an equal opportunity employer and welcomes "
        "everyone.",
    ) in ("CLG", "Council of Lowland Growers")


def test_the_subject_of_an_appositive_is_the_employer() -> None:
    # "Nova Harbor, a non-profit … supporting Harbor, is seeking": Nova Harbor is hiring
    assert company(
        "Senior Lawyer",
        "Nova Harbor, a US-based non-profit organization dedicated to supporting Harbor, "
        "is seeking a highly motivated lawyer for the role.",
        "You will keep the case records and report on progress every month.",
    ) == "Nova Harbor"


def test_a_headline_opening_the_posting_gives_the_name_before_its_verb() -> None:
    doc = clean("Halvard Physician Group Seeks Records Specialists\n\n"
                "Location: Leeds\n\nPosition: Records Specialist\n\n"
                "Halvard Physician Group keeps the records of 40 clinics.\n", "text")
    found = extract(doc)
    assert found.fields["company"] == "Halvard Physician Group"
    assert [doc.markdown[a:b] for a, b in found.evidence["company"]] == [
        "Halvard Physician Group"]


def test_the_evidence_of_a_name_cut_from_a_longer_match_is_the_name() -> None:
    """"… the Pacific Northwest. Kestrel Analytics is seeking": the name was cut from the
    match, its evidence not: "Pacific Northwest" was shown as the company's words."""
    doc = clean("Data Analyst\n\nWe build dams in the Pacific Northwest. Kestrel Analytics is "
                "seeking engineers who care about safety.\n\nKestrel Analytics is an equal "
                "opportunity employer.\n", "text")
    found = extract(doc)
    assert found.fields["company"] == "Kestrel Analytics"
    assert {doc.markdown[a:b] for a, b in found.evidence["company"]} == {"Kestrel Analytics"}


@pytest.mark.parametrize(("text", "name"), [
    ("Acme Pharm. Solutions is seeking chemists for its labs.", "Acme Pharm. Solutions"),
    ("Procter & Gamble Prods. Company is seeking analysts for its plants.",
     "Procter & Gamble Prods. Company"),
    ("We are in Oslo. Nova Harbor is seeking lawyers for its office.", "Nova Harbor"),
    ("Infosys Technologies Pvt. Ltd. is seeking engineers for its labs.",
     "Infosys Technologies Pvt. Ltd."),
    ("Maju Holdings Sdn. Bhd. is seeking accountants for its office.",
     "Maju Holdings Sdn. Bhd"),
])
def test_a_sentence_s_end_is_told_from_an_abbreviation(text: str, name: str) -> None:
    assert company(text, f"{name} is an equal opportunity employer.") == name


@pytest.mark.parametrize("name", ["Smart Hires Group", "Acme Health Recruiting Inc"])
def test_a_name_holding_a_hiring_word_opens_a_posting_whole(name: str) -> None:
    doc = clean(f"{name}\n\nLocation: Leeds\n\nPosition: Records Specialist\n\n"
                f"{name} keeps the records of 40 clinics.\n", "text")
    assert extract(doc).fields["company"] == name


def test_a_region_after_its_town_is_no_employer() -> None:
    """"… in Phoenix, AZ, is seeking": the state's code is the place's, not a name."""
    assert company(
        "Our client, a trauma centre in Phoenix, AZ, is seeking an analyst for a 13-week "
        "assignment.",
        "You will keep the stock records and report on sales every month.",
    ) is None


@pytest.mark.parametrize("name", ["Sundaram Textiles Pvt. Ltd.", "Kaveri Foods Private Limited",
                                  "Lotus Tea Pvt Ltd"])
def test_an_indian_company_s_legal_form(name: str) -> None:
    assert company(
        f"Our client {name} has a post in its accounts office.",
        "You will keep the stock records and report on sales every month.",
    ) == name


FILLER = "You will keep the stock records and report on sales every month."


def test_the_body_that_invites_applications() -> None:
    assert company(
        "The Department of Chemistry at Wexford State University invites applications for a "
        "tenure-track post in analytical chemistry.", FILLER) == "Wexford State University"


def test_a_name_spelled_out_before_its_acronym_and_the_cue() -> None:
    assert company(
        "The Central Ohio Electrical Joint Apprenticeship Training Committee (JATC) is "
        "accepting applications for its five-year programme.", FILLER,
    ) == "Central Ohio Electrical Joint Apprenticeship Training Committee"


def test_a_department_that_invites_applications_is_no_employer() -> None:
    assert company(
        "The Department of Mathematics & Statistics invites applications for graduate "
        "teaching assistantships.", FILLER) is None


@pytest.mark.parametrize("sentence", [
    "The Search Committee invites applications for a tenure-track assistant professor.",
    "The Program in Neuroscience invites applications for a tenure-track assistant professor.",
    "The College of Nursing invites applications for a tenure-track assistant professor.",
    "Nursing Faculty Search: The Dean invites applications for an assistant professor.",
    "For Fall 2025, History invites applications for a tenure-track assistant professor.",
])
def test_who_invites_applications_and_is_no_employer(sentence: str) -> None:
    assert company("Assistant Professor", sentence) is None


@pytest.mark.parametrize("value", [
    "No agencies please", "Not applicable", "N/A", "Recruitment agencies are not accepted",
])
def test_an_agency_line_that_names_no_agency(value: str) -> None:
    assert company("Software Engineer", f"Agency: {value}",
                   "We build payment software for small shops in Austin, TX.") is None


@pytest.mark.parametrize("sentence", [
    "At Ledgerly Inc., we build payment rails for small businesses.",
    "Join Ledgerly Inc. and help us build payment rails for small businesses.",
])
def test_the_word_that_opens_the_sentence_is_no_part_of_the_name(sentence: str) -> None:
    """Was: "At Ledgerly Inc." (the name read back from its legal form to the start of
    the sentence)."""
    text = f"Software Engineer\n\nLocation: Austin, TX\n\n{sentence}\n"
    assert extract(clean(text, "text")).fields["company"] == "Ledgerly Inc."
