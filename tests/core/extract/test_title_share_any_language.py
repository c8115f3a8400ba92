"""A share of a week in a job's title ("Verkäuferin 60%", "Sykepleier 80 %") makes the
job part time in any language and however short the posting, where it stands alone at
the title's end or in brackets after the job; not where a word of pay, travel or remote
work stands by it ("Commission 20%", "20% bonus", "50% travel", "100% remote")."""

from __future__ import annotations

import pytest

from reviewer.core.clean import clean
from reviewer.core.extract import extract


def employment(text: str) -> object:
    return extract(clean(text.strip() + "\n", "text")).fields["employment_type"]


@pytest.mark.parametrize("text", [
    "Undersköterska till hemtjänsten 75%\n\nUmeå kommun\nUmeå\n\n## Om tjänsten\n"
    "Vi söker en undersköterska till vår hemtjänst. Tjänsten är en tillsvidareanställning.",
    "Sykepleier 80 %\n\nOslo kommun\nOslo\n\n## Om stillingen\n"
    "Vi søker sykepleier til fast stilling ved vårt sykehjem. Lønn etter avtale.",
    "Verkäuferin 60%\n\nFiliale Bern\nFestanstellung, Eintritt per sofort",
    "Dependienta 50%\n\nZara - Valencia\n\nContrato indefinido. Incorporación inmediata.",
    "Verkäuferin (80 %)\n\nFiliale Bern\nFestanstellung, Eintritt per sofort",
    "Product Owner 80%\n\nDigitec AG\nZürich\n\nWir suchen eine Product Owner für unser "
    "Team. Die Stelle ist unbefristet.\n\n## What you bring\n"
    "- 3+ years of experience as a product owner in an agile team\n"
    "- Strong communication skills and the ability to work with stakeholders\n"
    "- Fluent in English, German is a plus",
])
def test_a_share_at_the_titles_end_is_part_time_in_any_language(text: str) -> None:
    assert employment(text) == "part_time"


@pytest.mark.parametrize("title", [
    "Recruitment Consultant (Uncapped Commission 20%)",
    "Account Executive (20% bonus)",
    "Field Service Engineer - 50% travel",
    "Support Engineer (100% remote)",
    "Sales Assistant – staff discount 30%",
])
def test_a_share_beside_pay_travel_or_remote_words_is_none(title: str) -> None:
    text = f"{title}\n\nExample Inc.\n\nManchester, UK\n\nJob type: Permanent\n\n" \
           "Salary: £28,000 per annum plus commission."
    assert employment(text) == "full_time"


@pytest.mark.parametrize("title", [
    "Sales Representative - Earn up to 30%", "Designer - Hybrid 60%",
    "Finance Analyst (Top 10%)", "Account Executive (Uncapped 25%)",
])
def test_a_share_of_earnings_standing_or_place_in_a_title_is_no_part_time(title: str) -> None:
    """Was: these permanent jobs were part time by the share ending their title."""
    text = (f"{title}\n\nNorthwind Traders\nAustin, TX\n\nJob type: Permanent\n\n"
            "We are growing our team in Austin and offer a yearly salary of $65,000.\n")
    assert employment(text) == "full_time"
