"""Lines that look like page furniture on their own but stand inside a text posting:
an item of the posting's list, a duty that names signing in, a stray control between
two sections. They are no place to cut the posting; the furniture at the edges of a
dump still goes."""

from __future__ import annotations

import pytest

from reviewer.core.clean import clean
from reviewer.core.pipeline import process
from reviewer.core.words.lexicon import boilerplate_reason

SOCIAL = """\
Social Media Manager

Acme Analytics is hiring a Social Media Manager in Berlin, Germany. \
You will run our brand channels.

Platforms you will manage:
- Facebook
- Instagram
- Twitter
- LinkedIn

Requirements:
- 3 years of social media marketing

Salary: €50,000 - €60,000 per year
"""

SRE = """\
Site Reliability Engineer

Acme Analytics is hiring a Site Reliability Engineer in Berlin, Germany. \
You will keep our platform running.

Responsibilities:
- Design our monitoring stack
- Log in to production servers and monitor alerts
- Write runbooks and postmortems
"""


def test_a_list_of_social_networks_under_the_postings_own_heading_is_kept() -> None:
    """The four networks were "social links" and everything above them was cut as
    "before the posting": the Markdown began at the requirements."""
    result = process(SOCIAL, "text")
    markdown = result.doc.markdown
    for kept in ("Social Media Manager", "Acme Analytics is hiring", "Platforms you will manage",
                 "- Facebook", "- Instagram", "- Twitter", "- LinkedIn",
                 "3 years of social media marketing", "€50,000 - €60,000"):
        assert kept in markdown
    assert not result.doc.removed
    assert result.extraction.fields["title"] == "Social Media Manager"
    assert result.extraction.evidence["title"]


def test_a_duty_that_logs_in_somewhere_is_no_sign_in_form() -> None:
    """"Log in to production servers…" was dropped as a sign-in form, and the duty after
    it as "after the posting"."""
    result = process(SRE, "text")
    for duty in ("Design our monitoring stack", "Log in to production servers and monitor alerts",
                 "Write runbooks and postmortems"):
        assert f"- {duty}" in result.doc.markdown
    assert not result.doc.removed
    assert len(result.extraction.fields["responsibilities"]) == 3


@pytest.mark.parametrize("line", [
    "You will log in to production servers and monitor alerts.",
    "Log in to customer systems to troubleshoot their issues",
    "Sign up new customers and grow our accounts",
    "Log in jobs as they arrive", "Log in help desk tickets",
    "Sign up candidates for interviews", "Sign up new employers for the job fair",
])
def test_signing_in_with_an_object_of_its_own_is_prose(line: str) -> None:
    assert boilerplate_reason(line) is None


@pytest.mark.parametrize("line", [
    "Sign in", "Log in", "Login", "Sign up", "Log out", "Sign in to apply", "Sign in to LinkedIn",
    "Sign in to create job alert", "Sign in to save Data Engineer at Acme",
    "or Log in with Dropbox credentials", "Sign up for Dropbox", "Sign In | Join now",
    "To view your favorites, sign in with your Apple ID.", "Already have an account? Log in",
    "Sign in to your account", "Sign In Register Upload CV", "Sign up free today",
    "Signup newsletter now",
])
def test_a_sign_in_prompt_is_still_a_sign_in_form(line: str) -> None:
    assert boilerplate_reason(line) == "sign-in form"


NAV_WORDS = [
    "Home", "Share", "Copyright", "January", "May", "Today", "2024", "Facebook", "Twitter",
    "LinkedIn", "Instagram", "YouTube", "Xing", "Menu", "Back", "Search", "Close", "More", "Like",
    "Tweet", "Print", "Save", "Apply", "Apply now", "Sign in", "Log in", "Login", "Sign up",
    "Log out", "Contact", "Contact us", "Privacy policy", "Cookies", "Legal", "Imprint",
    "Sitemap", "Follow us", "Submit resume", "Saved jobs", "Save job", "Share this job",
    "Report job", "Skip to content", "Open menu", "Password", "Powered by", "[ ]",
]
BENEFITS_BEFORE = "Data Engineer\n\nAcme Analytics is hiring a Data Engineer in Berlin, Germany. " \
    "You will build our data platform.\n\nBenefits:\n"
REQUIREMENTS_AFTER = "\nRequirements:\n- 3 years of experience with Python and SQL\n" \
    "- Experience with Spark and Airflow pipelines\n"


@pytest.mark.parametrize("word", NAV_WORDS)
@pytest.mark.parametrize("items", [
    ("Health insurance", "{}", "Gym membership"),
    ("{}", "Health insurance"),
    ("Flexible working hours for everyone", "{}"),
])
def test_a_nav_like_item_of_a_postings_list_does_not_end_the_posting(
        word: str, items: tuple[str, ...]) -> None:
    """A bullet such as "- Home" or "- January" in a list of benefits ended the posting
    there: the rest of the list and the requirements after it were cut."""
    text = BENEFITS_BEFORE + "".join(f"- {item.format(word)}\n" for item in items) \
        + REQUIREMENTS_AFTER
    markdown = clean(text, "text").markdown
    for item in items:
        assert f"- {item.format(word)}\n" in markdown
    assert "Data Engineer\n" in markdown
    assert "## Requirements" in markdown
    assert "- Experience with Spark and Airflow pipelines" in markdown


@pytest.mark.parametrize("word", ["Share", "January", "Facebook", "Sign in", "Print this job"])
def test_a_stray_control_between_two_sections_is_dropped_and_the_posting_goes_on(
        word: str) -> None:
    text = BENEFITS_BEFORE.replace("Benefits:\n", f"{word}\n") + REQUIREMENTS_AFTER
    doc = clean(text, "text")
    assert "You will build our data platform." in doc.markdown
    assert "- Experience with Spark and Airflow pipelines" in doc.markdown
    assert word not in doc.markdown.replace("Data Engineer", "")
    assert [doc.source[r.start:r.end] for r in doc.removed] == [word]


DUMP = """\
- Home
- Jobs
- Sign in

Data Engineer

Acme Analytics is hiring a Data Engineer in Berlin, Germany. You will build our data platform.

Requirements:
- 3 years of experience with Python and SQL
- Experience with Spark and Airflow pipelines

Share this job
- Facebook
- Twitter
- LinkedIn

Follow us:
- Facebook
- Instagram

© 2024 Acme Analytics. All rights reserved.
"""


def test_the_menu_before_and_the_share_links_after_a_posting_still_go() -> None:
    doc = clean(DUMP, "text")
    assert doc.markdown.startswith("Data Engineer\n")
    assert doc.markdown.rstrip().endswith("- Experience with Spark and Airflow pipelines")
    removed = "\n".join(doc.source[r.start:r.end] for r in doc.removed)
    for furniture in ("- Home", "- Sign in", "Share this job", "- Twitter", "Follow us:",
                      "- Instagram", "All rights reserved"):
        assert furniture in removed


def test_a_nav_like_item_among_duties_under_no_heading_is_kept() -> None:
    text = ("Data Engineer\n\nWe are hiring a data engineer for our analytics team in Leeds, "
            "to start in May.\n\n- Build data pipelines in Python and Spark every day\n- Home\n"
            "- Own the warehouse schema and its migrations\n- Review code of other engineers\n")
    doc = clean(text, "text")
    assert "- Home\n- Own the warehouse schema" in doc.markdown
    assert "- Review code of other engineers" in doc.markdown
    assert not doc.removed


def test_a_menu_under_a_sentence_of_the_site_still_goes() -> None:
    text = ("Acme builds tools for accountants, and we are hiring across Europe.\n"
            "- Home\n- Jobs\n- About\n\nBackend Engineer\n\nAcme is a small team building tools "
            "for accountants. You will work on our API and help us scale billing.\n\n"
            "Requirements:\n- Five years of Python and Django\n"
            "- Experience with PostgreSQL in production\n")
    doc = clean(text, "text")
    assert doc.markdown.startswith("Backend Engineer\n")
    assert "Home" not in doc.markdown and "- Jobs" not in doc.markdown


def test_a_long_line_of_sign_in_phrases_is_read_in_a_moment() -> None:
    """What follows a sign-in phrase was looked through to the end of its line for each
    one: a line of 240 KB of them took a minute. It is looked at 200 characters on."""
    import subprocess
    import sys

    script = ("from reviewer.core.words.lexicon import boilerplate_reason\n"
              "print(boilerplate_reason('log in foo bar ' * 16000))")
    said = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=30, check=True).stdout
    assert said.strip() == "None"
