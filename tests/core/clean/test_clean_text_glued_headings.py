"""Text dumps whose section headings are glued into the running text, and postings
whose last lines are short: both keep their structure and their words."""

from __future__ import annotations

import pytest

from reviewer.core.clean import clean
from reviewer.core.clean.unglue import split_headings, unglue
from reviewer.core.extract import extract
from reviewer.core.schema import CleanDoc

INTRO = ("Acme Freight builds planning software for ports and rail yards, and we hire people "
         "from every background because we believe in inclusion.")

GLUED_HEADINGS = "\n\n".join([
    "Data Platform Engineer",
    INTRO + "Who you are:You must have five years of Python and a love of clear, tested code "
    "that other people can read and change.",
    "Benefits:Being part of a fast-growing company, free lunches every day and a yearly "
    "training budget of two thousand euros.",
]) + "\n"


@pytest.fixture(scope="module")
def glued() -> CleanDoc:
    return clean(GLUED_HEADINGS, "text")


def test_heading_glued_after_a_stop_becomes_a_heading(glued: CleanDoc) -> None:
    lines = glued.markdown.splitlines()
    assert "## Who you are" in lines
    after = [line for line in lines[lines.index("## Who you are") + 1:] if line.strip()]
    assert after[0].startswith("You must have five years of Python")
    assert "inclusion.Who" not in glued.markdown
    assert any(line.endswith("because we believe in inclusion.") for line in lines)


def test_heading_glued_to_its_text_at_the_start_of_a_line_becomes_a_heading(
        glued: CleanDoc) -> None:
    lines = glued.markdown.splitlines()
    assert "## Benefits" in lines
    after = [line for line in lines[lines.index("## Benefits") + 1:] if line.strip()]
    assert after[0].startswith("Being part of a fast-growing company")


def test_heading_with_a_space_after_its_colon_heads_the_lines_below() -> None:
    raw = "\n\n".join([
        "Editor", INTRO,
        "Your Benefits: A yearly training budget and a laptop of your choice\n"
        "Flexible hours agreed with your own team\n"
        "Free fruit, coffee and a team dinner every month",
    ]) + "\n"
    lines = clean(raw, "text").markdown.splitlines()
    assert "## Your Benefits" in lines
    after = [line for line in lines[lines.index("## Your Benefits") + 1:] if line.strip()]
    assert after[0].startswith("A yearly training budget and a laptop of your choice")
    assert "Free fruit" in "\n".join(after)


def test_split_lines_come_from_the_source(glued: CleanDoc) -> None:
    """Offsets stay true: every line of text in the Markdown is text of ``source``."""
    for line in glued.markdown.splitlines():
        text = line.lstrip("# ").strip()
        if text and not line.startswith("#"):
            assert text in glued.source, text


def test_cleaning_split_headings_again_changes_nothing(glued: CleanDoc) -> None:
    assert clean(glued.markdown, "text").markdown == glued.markdown


def _among_prose(line: str) -> str:
    """The Markdown of a posting that holds ``line`` as a paragraph of its own."""
    return clean("\n\n".join(["Data Engineer", INTRO, line]) + "\n", "text").markdown


@pytest.mark.parametrize("sentence", [
    "We hire from every background.Note:Bring your own laptop on the first day of work.",
    "We need the following skills: Python, SQL and a steady hand with production systems.",
    "Our ratio of engineers to managers is 3:1, see https://example.com/jobs for the rest.",
    "The meeting starts at 10:30 in the main hall of the office by the river, every Monday.",
])
def test_colons_that_end_no_heading_are_left_alone(sentence: str) -> None:
    md = _among_prose(sentence)
    assert sentence in md
    assert "\n## " not in md


def test_a_labelled_line_stays_one_line() -> None:
    md = clean("\n\n".join(["Data Engineer", "Location: Berlin, Germany", INTRO]) + "\n",
               "text").markdown
    assert "Location: Berlin, Germany" in md.splitlines()


# --- the last lines of a posting ------------------------------------------------------------------

SHORT_END = "\n\n".join([
    "Warehouse Associate",
    "Acme Freight runs three warehouses near the port, and we are looking for associates to "
    "pick, pack and load orders for our customers on the day shift.",
    "You will load trucks, scan parcels and keep the aisles clear and safe for everyone.",
    "Able to lift 50 pounds\nAble to stand for long periods",
    "High school diploma or equivalent required",
]) + "\n"


def test_a_short_last_line_of_the_posting_is_kept() -> None:
    assert "High school diploma or equivalent required" in clean(SHORT_END, "text").markdown


GAP = "\n\n".join([
    "We train harbour pilots for the ports of the North Sea, with housing and a visa.",
    "Learn to bring ships into port and get paid while you train, on every kind of vessel.\n"
    "Housing provided\nTravel reimbursed\nGreat for paying off loans",
    "University degree required. A sailing licence or time at sea is preferred but not "
    "necessary.",
    "See the full description",
]) + "\n"


def test_short_lines_between_parts_of_a_posting_do_not_end_it() -> None:
    md = clean(GAP, "text").markdown
    assert "University degree required." in md
    assert "Travel reimbursed" in md


def test_a_menu_of_links_at_the_end_of_the_page_still_goes() -> None:
    raw = SHORT_END + "\nBlog\nPress\nInvestors\nCareers\nPartners\n"
    md = clean(raw, "text").markdown
    assert "High school diploma or equivalent required" in md
    assert "Investors" not in md and "Partners" not in md


def test_a_hard_wrapped_value_after_a_heading_is_joined_again() -> None:
    raw = "\n".join([
        "Accountant",
        "",
        "ABOUT THE ROLE: Ararat Valley Holding is looking for an experienced",
        "accountant to keep the books of its three subsidiaries and to prepare",
        "the monthly and annual financial statements of the group, every month.",
        "REQUIRED QUALIFICATIONS: To perform this job well, the person",
        "must be able to keep clear books and must know the local tax rules.",
    ]) + "\n"
    lines = clean(raw, "text").markdown.splitlines()
    assert "To perform this job well, the person must be able to keep clear books and must " \
           "know the local tax rules." in lines


ITEM = "Skills: Python, SQL and a steady hand with production systems"


@pytest.mark.parametrize("marker", ["- ", "1. "])
def test_a_list_item_that_opens_with_a_heading_stays_an_item(marker: str) -> None:
    md = clean("\n\n".join(["Data Engineer", INTRO, marker + ITEM]) + "\n", "text").markdown
    assert "Skills: Python, SQL and a steady hand with production systems" in md
    assert "## Skills" not in md


def test_a_menu_of_two_word_links_at_the_end_of_the_page_still_goes() -> None:
    raw = SHORT_END + "\nAbout us\nContact us\nOur blog\nPress room\n"
    md = clean(raw, "text").markdown
    assert "High school diploma or equivalent required" in md
    assert "Contact us" not in md and "Press room" not in md


# --- labels a capture glued to the value before them -------------------------------------------

@pytest.mark.parametrize(("line", "parts"), [
    ("Job Title: Data AnalystDuration: ContractLocation: Leeds (on site)",
     ["Job Title: Data Analyst", "Duration: Contract", "Location: Leeds (on site)"]),
    ("Sales Associate - Virtual TastingsCompany: The Larder Co.Location: RemotePosition Type: "
     "Commission-Based",
     ["Sales Associate - Virtual Tastings", "Company: The Larder Co.", "Location: Remote",
      "Position Type: Commission-Based"]),
    ("Events Assistant DEPARTMENT: Development REPORTS TO: Head of Events",
     ["Events Assistant", "DEPARTMENT: Development", "REPORTS TO: Head of Events"]),
    ("Location: Rockville, MDWork Location: Hybrid",
     ["Location: Rockville, MD", "Work Location: Hybrid"]),
    ("Annual Salary: £40,000 Work Location: Hybrid, Leeds",
     ["Annual Salary: £40,000", "Work Location: Hybrid, Leeds"]),
    ("Base Salary: $50,000 Location: Austin, TX",
     ["Base Salary: $50,000", "Location: Austin, TX"]),
    # a line of labels after a sentence, and labels after a glued one
    ("We welcome applicants with disabilities. Job Type: Full-time Salary: $20.00 - $22.00 "
     "per hour Work Location: In person",
     ["We welcome applicants with disabilities.", "Job Type: Full-time",
      "Salary: $20.00 - $22.00 per hour", "Work Location: In person"]),
    ("Warehouse AssociateJob Type: Full-time Salary: $20 an hour",
     ["Warehouse Associate", "Job Type: Full-time", "Salary: $20 an hour"]),
])
def test_labels_glued_to_the_value_before_them_go_on_lines_of_their_own(
        line: str, parts: list[str]) -> None:
    doc = clean("\n\n".join([line, INTRO]) + "\n", "text")
    lines = [text.lstrip("# ").strip() for text in doc.markdown.splitlines()]
    for part in parts:
        assert part in lines, (part, doc.markdown)
    for text in lines:
        assert not text or text in doc.source


@pytest.mark.parametrize("sentence", [
    "We offer great pay, and the Location: a campus by the river with a view of the hills.",
    "Our JavaScript: the good parts club meets in the main hall of the office every Monday.",
    "We will discuss your Location: and Salary: expectations at the first interview.",
    "JobType: Full-time",
    "PROJECT DURATION: 20 years",
    "Come and join our TEAM: we build tools for nurses across the country.",
    "We offer great PAY: up to $30 an hour for the right person.",
    "Tell us what matters to you. Location: and Salary: are only two of the questions.",
])
def test_labels_not_glued_to_a_value_stay_on_their_line(sentence: str) -> None:
    md = _among_prose(sentence)
    assert sentence in md


def test_a_heading_in_capitals_of_two_words_joined_by_and_stays_whole() -> None:
    md = _among_prose("EDUCATION & EXPERIENCE: a degree and two years of Python.")
    assert "EDUCATION &\n" not in md and "EDUCATION & EXPERIENCE" in md


# --- a heading's words with a short answer on their line: a labelled fact -------------------------

FACTS = "\n".join([
    "Data Scientist",
    "",
    "Primary location: Remote",
    "Relocation offered: No",
    "Employment status: Full-Time",
    "Travel: <10%",
    "Non-compete: No",
    "Travel Required: No",
    "",
    INTRO,
    "",
    "We build planning software for ports and rail yards and need a scientist to model "
    "the traffic of containers through our customers' terminals.",
]) + "\n"


def test_a_heading_s_words_with_a_short_answer_are_a_labelled_fact() -> None:
    """"Relocation offered: No" became a heading "Relocation offered" over "No", and the
    lines below it were read as the benefits offered."""
    doc = clean(FACTS, "text")
    lines = doc.markdown.splitlines()
    assert "Relocation offered: No" in lines
    assert "Travel Required: No" in lines
    assert "## Relocation offered" not in doc.markdown
    assert "## Travel Required" not in doc.markdown
    fields = extract(doc).fields
    assert fields["benefits"] is None
    assert fields["required_qualifications"] is None


@pytest.mark.parametrize(("line", "parts"), [
    ("Relocation offered: No", ["Relocation offered: No"]),
    ("Benefits: N/A", ["Benefits: N/A"]),
    ("Benefits: 15 March 2025", ["Benefits: 15 March 2025"]),
    ("Required Travel: <10%", ["Required Travel: <10%"]),
    ("We care.Benefits: Yes", ["We care.", "Benefits: Yes"]),
    # the first words of a section stay under its heading
    ("Benefits: Health, dental", ["Benefits:", "Health, dental"]),
    ("Benefits: Being part of a fast-growing company",
     ["Benefits:", "Being part of a fast-growing company"]),
    ("RESPONSIBILITIES: 1.", ["RESPONSIBILITIES:", "1."]),  # a numbered list's first item
])
def test_split_headings_keeps_a_short_answer_on_its_label_s_line(
        line: str, parts: list[str]) -> None:
    assert [part.strip() for part in split_headings(line)] == parts


def test_a_piece_of_a_line_cut_where_words_were_glued_keeps_its_heading() -> None:
    """"About Us: ShipNova is …" cut at "Ship|Nova": "Ship" is no answer on its line."""
    assert [part.strip() for part in split_headings("About Us: Ship", answers=False)] == \
        ["About Us:", "Ship"]


# --- a heading with a lead-in on its line, over a list: a heading still --------------------------

def _short_posting(heading_line: str) -> str:
    return "\n".join([
        "Backend Developer", "", "Acme Inc, Denver", "",
        "We build billing software for hospitals.", "",
        heading_line, "- Build REST APIs", "- Write tests", "",
        "Benefits", "- Health insurance",
    ]) + "\n"


@pytest.mark.parametrize("heading_line", [
    "Responsibilities: See below", "Duties: As follows", "What you'll do: Build things"])
def test_a_heading_with_a_short_lead_in_over_a_list_heads_the_list(heading_line: str) -> None:
    """"Responsibilities: See below" over bullets heads them: the list was in no field,
    and the short posting above it was cut away."""
    doc = clean(_short_posting(heading_line), "text")
    assert doc.markdown.startswith("Backend Developer\n")
    assert f"## {heading_line.split(':')[0]}\n" in doc.markdown
    responsibilities = extract(doc).fields["responsibilities"]
    assert responsibilities is not None and "Write tests" in responsibilities


def test_unglue_splits_a_heading_with_a_short_answer_over_a_list_only() -> None:
    lines = unglue("Duties: As follows\n\n- Prepare the accounts\n").splitlines()
    assert [line.strip() for line in lines[:2]] == ["Duties:", "As follows"]
    assert unglue("Travel Required: No\nWe build software.\n").splitlines()[0] == \
        "Travel Required: No"


def test_a_heading_with_a_short_answer_never_cuts_a_short_posting() -> None:
    """A heading's words with a short answer weigh as a heading does: the lines above
    them are the posting's still."""
    text = _short_posting("Responsibilities: See below").replace(
        "- Build REST APIs\n- Write tests\n", "\nBuild REST APIs\nWrite tests\n")
    md = clean(text, "text").markdown
    assert md.startswith("Backend Developer\n") and "Responsibilities: See below" in md
