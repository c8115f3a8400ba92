"""Cleaning text dumps: lynx dumps, innerText captures, mailing-list postings, Markdown."""

from __future__ import annotations

import re

import pytest

from reviewer.core.clean import clean
from reviewer.core.schema import CleanDoc

LYNX_DUMP = """\
   Acme Careers

   Home
   Jobs
   Teams
   About
   Contact

Sign in to your account

   Email address
   [                    ]
   [    ] Password
   [ ] Remember me
   Forgot your password?

Senior Data Engineer

Berlin, Germany

Acme Inc. builds the data platform that hundreds of logistics companies use to plan their
deliveries, and we are looking for a senior data engineer to join our platform team in Berlin.
You will design and run the pipelines that move billions of events a day from our customers'
systems into our warehouse, and you will mentor the engineers who build them with you.

Responsibilities

  • Design, build and operate batch and streaming pipelines in Python and SQL.
  • Own the reliability of our event ingestion, from on-call rotations to postmortems.
  • Work with product teams to model new data sources and keep the warehouse tidy.
  • Mentor two to four engineers and review their designs and code every week.

Other open positions

   Frontend Developer
   Product Manager
   Customer Success Associate

© 2020 Acme Inc. All rights reserved.
"""

BULLETS = [
    "Design, build and operate batch and streaming pipelines in Python and SQL.",
    "Own the reliability of our event ingestion, from on-call rotations to postmortems.",
    "Work with product teams to model new data sources and keep the warehouse tidy.",
    "Mentor two to four engineers and review their designs and code every week.",
]


def _removed_text(doc: CleanDoc, reason_word: str) -> str:
    return "\n".join(doc.source[r.start:r.end] for r in doc.removed
                     if reason_word in r.reason.lower())


# --- a lynx dump with page furniture --------------------------------------------------------------


@pytest.fixture(scope="module")
def lynx() -> CleanDoc:
    return clean(LYNX_DUMP, "text")


def test_lynx_dump_keeps_the_posting_sentences(lynx: CleanDoc) -> None:
    md = lynx.markdown
    assert "Senior Data Engineer" in md
    # the hard-wrapped paragraph is one paragraph again
    assert ("we are looking for a senior data engineer to join our platform team in Berlin. "
            "You will design and run the pipelines") in md


def test_lynx_dump_bullets_sit_under_a_responsibilities_heading(lynx: CleanDoc) -> None:
    lines = lynx.markdown.splitlines()
    heading = lines.index("## Responsibilities")
    bullet_lines = [line for line in lines[heading + 1:] if line.startswith("- ")]
    assert bullet_lines == ["- " + b for b in BULLETS]
    assert "•" not in lynx.markdown


@pytest.mark.parametrize("furniture", [
    "Password", "Remember me", "Forgot your password", "Sign in", "Other open positions",
    "Frontend Developer", "Product Manager", "All rights reserved", "©", "Home",
])
def test_lynx_dump_drops_the_page_furniture(lynx: CleanDoc, furniture: str) -> None:
    assert furniture not in lynx.markdown


def test_lynx_dump_says_why_lines_were_removed(lynx: CleanDoc) -> None:
    reasons = [r.reason.lower() for r in lynx.removed]
    assert any("sign-in" in reason for reason in reasons), reasons
    assert any("other jobs" in reason for reason in reasons), reasons
    # and the ranges point at the lines they name
    assert "Password" in _removed_text(lynx, "sign-in")
    assert "Remember me" in _removed_text(lynx, "sign-in")
    assert "Other open positions" in _removed_text(lynx, "other jobs")
    assert any("All rights reserved" in lynx.source[r.start:r.end] for r in lynx.removed)


def test_removed_ranges_do_not_overlap_the_kept_posting(lynx: CleanDoc) -> None:
    for removal in lynx.removed:
        removed = lynx.source[removal.start:removal.end]
        for bullet in BULLETS:
            assert bullet not in removed


# --- an innerText capture glued on one line -------------------------------------------------------

GLUED = (
    "Machine Learning EngineerSan Francisco, CaliforniaSummaryPosted: Jan 17, 2024"
    "Role Number:200493299"
    "We are building the next generation of on-device intelligence and need an engineer who "
    "loves data and clear code."
    "Key QualificationsKey Qualifications- Five years of Python- Strong SQL\n\n"
    "You will train and ship models that run on millions of devices, working with research and "
    "product teams.\n"
)


def test_glued_capture_is_long_enough_to_be_split() -> None:
    assert len(GLUED.split("\n")[0]) > 200


def test_glued_capture_gives_one_heading_and_two_bullets() -> None:
    md = clean(GLUED, "text").markdown
    lines = md.splitlines()
    assert lines.count("## Key Qualifications") == 1
    assert "Key QualificationsKey" not in md
    heading = lines.index("## Key Qualifications")
    after = [line for line in lines[heading + 1:] if line.strip()]
    assert after[:2] == ["- Five years of Python", "- Strong SQL"]
    assert not after[2].startswith("- ")


def test_glued_capture_splits_the_header_lines() -> None:
    lines = clean(GLUED, "text").markdown.splitlines()
    assert "Machine Learning Engineer" in lines
    assert "San Francisco, California" in lines
    assert "Posted: Jan 17, 2024" in lines


def test_glued_heading_after_an_acronym_is_split() -> None:
    """Was: clean_text._GLUE split only after a lower-case letter, digit or stop, so a heading
    glued after an acronym that ends a bullet stayed stuck: '- Strong SQLDescription'."""
    raw = GLUED.replace("- Strong SQL\n\n", "- Strong SQLDescription") + "\n"
    md = clean(raw, "text").markdown
    assert "SQLDescription" not in md
    assert "- Strong SQL" in md.splitlines()


# --- a hard-wrapped mailing-list posting with CRLF line endings -----------------------------------

MAILING_LIST = "\r\n".join([
    "Ararat Valley Holding",
    "",
    "JOB TITLE:  Senior Accountant",
    "LOCATION:  Yerevan, Armenia",
    "",
    "JOB DESCRIPTION:  Ararat Valley Holding is looking for an experienced",
    "accountant to keep the books of its three subsidiaries and to prepare",
    "the monthly and annual financial statements of the group.",
    "",
    "JOB RESPONSIBILITIES:",
    "- Keep the general ledger of the three subsidiaries and reconcile the",
    "bank accounts of each of them every month;",
    "- Prepare the monthly, quarterly and annual financial statements of",
    "the group according to the international standards;",
    "- Prepare and file the tax returns of the group on time and answer",
    "the questions of the tax authorities during audits.",
    "",
    "----------------------------------",
    "To place a free posting for your job or other career opportunities",
    "available in your company, just go to the www.example.am website.",
    "",
])


@pytest.fixture(scope="module")
def mailing() -> CleanDoc:
    return clean(MAILING_LIST, "text")


def test_mailing_list_wrapped_bullets_are_joined(mailing: CleanDoc) -> None:
    lines = mailing.markdown.splitlines()
    assert ("- Keep the general ledger of the three subsidiaries and reconcile the bank accounts "
            "of each of them every month;") in lines
    assert ("- Prepare the monthly, quarterly and annual financial statements of the group "
            "according to the international standards;") in lines
    assert ("- Prepare and file the tax returns of the group on time and answer the questions "
            "of the tax authorities during audits.") in lines
    # no continuation line is left on its own
    assert "bank accounts of each of them every month;" not in lines


def test_mailing_list_keeps_the_title_and_the_description(mailing: CleanDoc) -> None:
    md = mailing.markdown
    assert "Senior Accountant" in md
    assert "Yerevan, Armenia" in md
    assert ("looking for an experienced accountant to keep the books of its three subsidiaries"
            in md)


def test_mailing_list_footer_and_rule_are_gone(mailing: CleanDoc) -> None:
    md = mailing.markdown
    assert "To place a free posting" not in md
    assert "www.example.am" not in md
    assert "-----" not in md
    assert "\r" not in md
    assert "To place a free posting" in _removed_text(mailing, "mailing-list")


# --- an all-lower-case page -----------------------------------------------------------------------

LOWERCASE = (
    "data analyst\n\nlondon, uk\n\n"
    "we are a small music streaming company and we are looking for a data analyst to help our "
    "editors understand what people listen to, when and why.  what you’ll do\n"
    "- build dashboards for the editorial team in sql and python\n"
    "- run experiments on the home page and report what they show\n"
)


def test_lowercase_heading_glued_after_two_spaces_becomes_a_heading() -> None:
    lines = clean(LOWERCASE, "text").markdown.splitlines()
    assert "## what you’ll do" in lines
    assert "when and why." in lines[lines.index("## what you’ll do") - 2]
    assert not any(line.endswith("what you’ll do") and line.startswith("we are") for line in lines)
    assert "- build dashboards for the editorial team in sql and python" in lines


# --- Markdown given as a text file ----------------------------------------------------------------


def test_markdown_headings_are_not_doubled() -> None:
    raw = (
        "# Data Science Intern\n\n"
        "Tidewater Labs builds forecasting software for ports, marinas and offshore wind farms, "
        "and we are looking for an intern to join our data team in Lisbon.\n\n"
        "## What you'll do\n\n"
        "- Clean, explore and document datasets from our network of coastal sensors\n"
        "- Build and evaluate forecasting models for wave height and water temperature\n"
    )
    md = clean(raw, "text").markdown
    assert "## What you'll do" in md.splitlines()
    assert not re.search(r"(?m)^#+ #", md), md


def test_text_with_only_whitespace_gives_an_empty_document() -> None:
    doc = clean(" \n\t\r\n\u00a0\n", "text")
    assert doc.markdown == ""
    assert doc.notes


# --- Markdown's tables and fenced code in a text posting ----------------------------------------

MARKDOWN_POSTING = """# Senior Data Engineer

Acme Analytics builds planning software for ports and rail yards. We are hiring a senior
data engineer to build our pipelines in Berlin.

## Compensation

| Level | Salary | Bonus |
|---|---|---|
| Senior | EUR 80,000 | 10% |
| Staff: lead | EUR 95,000 | 15% |

## What you will do

- Design and run the pipelines that move billions of events a day
- Review the code of your colleagues and mentor two engineers

```sql
SELECT count(*)
  FROM events

 WHERE day = today();
```

We offer 30 days of paid holiday and a yearly learning budget of two thousand euros.
"""


def test_a_markdown_table_and_fenced_code_keep_their_lines_and_what_follows_them() -> None:
    md = clean(MARKDOWN_POSTING, "text").markdown
    assert ("| Level | Salary | Bonus |\n|---|---|---|\n| Senior | EUR 80,000 | 10% |\n"
            "| Staff: lead | EUR 95,000 | 15% |\n") in md
    assert "```sql\nSELECT count(*)\n  FROM events\n\n WHERE day = today();\n```\n" in md
    assert "We offer 30 days of paid holiday" in md
    assert clean(md, "text").markdown == md  # cleaned again: the same


def test_the_joiners_a_word_or_an_emoji_is_written_with_are_kept() -> None:
    """Persian writes words with the zero-width non-joiner, and emoji of several people
    are joined by the zero-width joiner: cleaning took both out ("میخواهم" is misspelt,
    👨‍👩‍👧 became three emoji). Between ASCII letters they are noise, and go, as does the
    zero-width space anywhere."""
    text = ("Persian developer wanted in Tehran.\n\nWe need someone who says می\u200cخواهم "
            "and likes 👨\u200d👩\u200d👧 teams. Py\u200dthon and Go\u200b.\n")
    cleaned = clean(text, "text").markdown
    assert "می\u200cخواهم" in cleaned and "👨\u200d👩\u200d👧" in cleaned
    assert "Python and Go." in cleaned


def test_the_controls_that_reorder_what_is_shown_are_taken_out() -> None:
    """A title written "Backend Engineer \u202eroot\u202c" shows as "…toor" everywhere
    the text is drawn, while the field and every export held "root" wrapped in two
    invisible controls, and a search for what was seen found nothing. The embeddings,
    overrides and isolates of the bidirectional algorithm go as the zero-width space
    does; the marks (U+200E, U+200F) that only place a neutral sign stay."""
    text = ("Backend Engineer \u202eroot\u202c at Acme\n\nLocation: Berlin\n\nWe build "
            "\u2067\u05e9\u05dc\u05d5\u05dd\u2069 tools and \u202aAPIs\u202c.\u200f\n")
    page = "<html><body><h1>Backend Engineer \u202eroot\u202c</h1><p>We build \u2066tools" \
        "\u2069 in Berlin for a long time now.</p></body></html>"
    for cleaned in (clean(text, "text").markdown, clean(page, "html").markdown):
        assert "root" in cleaned and "tools" in cleaned
        assert not any(0x202a <= ord(c) <= 0x202e or 0x2066 <= ord(c) <= 0x2069
                       for c in cleaned)
    assert "\u200f" in clean(text, "text").markdown
    from reviewer.core.ingest.values import normalise

    assert normalise("title", "Backend Engineer \u202eroot\u202c") == "Backend Engineer root"


# --- pages in other languages, and copies from a browser ------------------------------------

CHINESE_DUMP = """首页
职位
公司
登录
高级数据工程师
上海 | 3-5年 | 本科
岗位职责：
1. 负责公司数据平台的设计与开发，维护每天运行的数据管道；
2. 与产品和分析团队合作，建设数据仓库并持续优化查询性能；
3. 参与代码评审，帮助团队成员提高工程质量。
任职要求：
1. 计算机相关专业本科及以上学历，三年以上数据开发经验；
2. 熟悉Spark、Kafka等大数据技术，有云平台经验者优先。
相似职位
数据分析师 20-30K
隐私政策
"""


def test_a_chinese_text_dump_keeps_its_posting() -> None:
    """A run of Chinese signs counted as one word: every line scored as a short menu
    line, and one line of the posting was kept."""
    markdown = clean(CHINESE_DUMP, "text").markdown
    for kept in ("负责公司数据平台的设计与开发", "与产品和分析团队合作", "任职要求",
                 "熟悉Spark、Kafka等大数据技术"):
        assert kept in markdown
    for dropped in ("相似职位", "隐私政策", "首页"):
        assert dropped not in markdown


@pytest.mark.parametrize(("line", "reason"), [
    ("Ähnliche Jobs", "list of other jobs"), ("Offres similaires", "list of other jobs"),
    ("この求人に似た求人", "list of other jobs"), ("相似职位", "list of other jobs"),
    ("Mentions légales", "site footer"), ("Datenschutzerklärung", "site footer"),
    ("プライバシーポリシー", "site footer"), ("جميع الحقوق محفوظة", "site footer"),
    ("Jetzt bewerben", "page control"), ("Postuler", "page control"),
    ("応募する", "page control"), ("立即申请", "page control"),
    ("Kenntnisse im Datenschutz und in der IT-Sicherheit", None),  # a requirement
    ("Sie bewerben sich bis zum 30. Juni", None),
])
def test_page_furniture_in_other_languages_is_known(line: str, reason: str | None) -> None:
    from reviewer.core.words.lexicon import boilerplate_reason

    assert boilerplate_reason(line) == reason


BROWSER_COPY = """Senior Backend Engineer
Tidewater Payments · Lisbon, Portugal (Hybrid)
About the job
Tidewater Payments processes card payments for small businesses in Portugal and Spain.
What you'll do
Design and build services in Kotlin on the JVM for our ledger
Own the reliability of our settlement pipeline end to end
Review code and mentor the mid-level engineers of the team
Work with compliance on the PSD2 and PCI DSS requirements we meet
What we're looking for
Five or more years building and running backend systems at scale
Experience with PostgreSQL and Kafka in production for years
Good written English; Portuguese is a plus for this role
"""


def test_a_browser_copy_of_one_item_a_line_is_not_joined_as_if_wrapped() -> None:
    """Items of a like length, each on its own line starting anew, were taken for a
    text hard-wrapped at that width and joined into one run-on paragraph."""
    lines = clean(BROWSER_COPY, "text").markdown.splitlines()
    assert any(line.endswith("Design and build services in Kotlin on the JVM for our ledger")
               for line in lines)
    assert not any("ledger Own" in line or "team Work" in line for line in lines)


QUOTED_REPOST = """Dear all,

apologies for the repost: the deadline has been extended to 15 March.

> We invite applications for a fully funded PhD position in multilingual
> natural language processing at the Department of Linguistics, Uppsala
> University, Sweden.
>
> Requirements:
> - a master's degree in computational linguistics or a related field
> - strong programming skills in Python
>
> To apply, follow the link below:
> https://jobs.example.org/771234

Best wishes,
Anna
"""


def test_a_posting_quoted_in_a_mail_is_read_without_its_quote_marks() -> None:
    """A bare ">" line was a rule that ended the posting (how to apply was cut), and
    the wrapped lines were joined with their marks inside ("multilingual > natural")."""
    markdown = clean(QUOTED_REPOST, "text").markdown
    assert "multilingual natural language processing" in markdown
    assert "- strong programming skills in Python" in markdown
    assert "https://jobs.example.org/771234" in markdown
    assert "> " not in markdown


@pytest.mark.parametrize("line", ["Privacy", "TERMS", "Accessibility", "Datenschutz",
                                  "- Knowledge of how a browser uses cookies and sessions"])
def test_a_word_of_a_footer_alone_inside_a_posting_does_not_end_it(line: str) -> None:
    """A line of one footer word ("Privacy", a UX list's "Accessibility") or "… uses
    cookies" was furniture, and the posting was cut there."""
    text = ("Privacy Engineer\n\nAcme Ltd is hiring a privacy engineer for its platform "
            f"team in Leeds, to work on data protection.\n\n{line}\n\n"
            "Requirements\n\n- Five years of experience with GDPR and data protection\n"
            "- Strong Python\n\nBenefits\n\n- Private health insurance\n")
    markdown = clean(text, "text").markdown
    assert "Five years of experience with GDPR" in markdown
    assert "Private health insurance" in markdown


def test_a_hard_wrapped_mail_is_joined_where_a_line_goes_on_with_a_figure() -> None:
    """Only a next line in lower case counted as carrying on: "Closing date is" and
    "31 March 2025." became two paragraphs (the date was lost)."""
    text = ("Research Assistant in Computational Linguistics, University of Leeds\n\n"
            "We are looking for a research assistant to join our group working on\n"
            "low-resource languages for two years. The closing date for applications is\n"
            "31 March 2025. Please apply online with a CV and a short letter saying\n"
            "why you want to join, and the names of two people who know your work\n"
            "well. The salary is on grade 6 of the university scale, starting at\n"
            "£32,000 per year, and the post is based in Leeds.\n")
    markdown = clean(text, "text").markdown
    assert "applications is 31 March 2025." in markdown
    assert "starting at £32,000 per year" in markdown


def test_a_reply_quoted_below_a_mail_is_not_taken_for_its_posting() -> None:
    text = ("Data Analyst - Acme Ltd - London\n\nWe are hiring a data analyst to join our "
            "finance team in London. You will build reports in SQL and Python and work with "
            "the controllers every week.\n\nRequirements\n\n- Two years of SQL\n- Python\n"
            "- Good written English\n\nApply by sending a CV to jobs@acme.example.\n\n"
            "> Thanks, I'm looking for something in Leeds,\n> ideally part-time.\n"
            ">>> import pandas\n")
    markdown = clean(text, "text").markdown
    assert "> Thanks, I'm looking for something in Leeds," in markdown  # quoted, as written
    assert ">>> import pandas" in markdown


@pytest.mark.parametrize("items", [
    ["5 years of Python", "SQL", "Spark"],
    ["SQL", "Spark", "Kafka"],
    ["Python", "SQL"],
])
@pytest.mark.parametrize("opening", ["Requirements:", "What you need", "- Ten years in data"])
def test_a_list_of_short_items_that_ends_a_posting_keeps_its_items(
        items: list[str], opening: str) -> None:
    """Three short bullet lines ending a text were taken for a closing menu of links:
    "• SQL" and "• Spark" were cut as "after the posting" (only "5 years of Python",
    three words or more, stayed)."""
    text = ("Data Engineer\n\nWe are hiring a data engineer to build our pipelines in Python "
            f"for our analytics team.\n\n{opening}\n" + "".join(f"• {x}\n" for x in items))
    doc = clean(text, "text")
    for item in items:
        assert f"- {item}\n" in doc.markdown
    assert not doc.removed


def test_a_closing_menu_of_links_is_still_left_out() -> None:
    text = ("Data Engineer\n\nWe are hiring a data engineer to build our pipelines in Python "
            "for our analytics team.\n\nRequirements:\n• Five years of Python and SQL\n"
            "• Spark\n\nHome\nJobs\nAbout us\nContact\n")
    markdown = clean(text, "text").markdown
    assert "- Spark" in markdown
    assert "Contact" not in markdown and "Home" not in markdown


def test_a_list_a_line_ending_in_a_colon_opens_keeps_its_last_items() -> None:
    text = ("Data Engineer\n\nWe are hiring a data engineer to build our pipelines in Python "
            "for our analytics team.\n\nYou will need:\n- 5 years of Python\n- SQL\n")
    assert "- SQL\n" in clean(text, "text").markdown


@pytest.mark.parametrize("separator", ["\v", "\x1c", "\x1d", "\x1e", "\x1f"])
@pytest.mark.parametrize("written", ["as it is", "as a reference"])
@pytest.mark.parametrize("kind", ["text", "html"])
def test_a_vertical_tab_or_a_separator_keeps_the_words_apart(separator: str, kind: str,
                                                             written: str) -> None:
    """A word processor's line break (a vertical tab) and the separators U+001C-U+001F
    were deleted as controls: "Kotlin\\vSwift" became "KotlinSwift", a skill lost (in
    a page, "&#11;" too)."""
    if written == "as a reference":
        if kind == "text":
            return  # (a text dump's "&#11;" is text)
        separator = f"&#{ord(separator)};"
    body = f"Skills: Kotlin{separator}Swift{separator}Java"
    raw = (f"Mobile Engineer\n\n{body}\n" if kind == "text"
           else f"<html><body><article><h1>Mobile Engineer</h1><p>{body}</p></article>"
                "</body></html>")
    doc = clean(raw, kind)
    assert "Kotlin Swift Java" in doc.markdown
    assert separator not in doc.markdown


def test_a_posting_in_chinese_keeps_its_labelled_lines() -> None:
    """Labels written with a full-width colon ("公司：") were no labels: short lines, three
    in a row, left out as a menu, and the title above them with them."""
    raw = ("高级软件工程师 Senior Software Engineer\n\n公司：北京科技有限公司\n"
           "地点：Beijing, China\n\n要求：熟悉Python、Java和Kubernetes。\n"
           "技能：Python, Go, 机器学习\n全职\n")
    markdown = clean(raw, "text").markdown
    for line in ("高级软件工程师 Senior Software Engineer", "公司：北京科技有限公司",
                 "地点：Beijing, China", "要求：熟悉Python、Java和Kubernetes。"):
        assert line in markdown, markdown
