"""The employer's name: no generic phrase, team or skills list; the fullest name the text uses.

Every posting here is made up for the tests.
"""

from __future__ import annotations

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
