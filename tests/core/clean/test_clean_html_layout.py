"""A posting laid out as sibling blocks (its title, its intro, its duties, its pay, each
in a block of its own, straight in the body or in any parent) is kept whole, without
the bars of links, the footer and the list of other jobs beside it."""

from __future__ import annotations

import pytest

from reviewer.core.clean import clean
from reviewer.core.pipeline import process

TITLE = "<h1>Data Engineer</h1>"
INTRO = ("<p>Acme Analytics is hiring a Data Engineer to build pipelines in Python, own the "
         "warehouse, and mentor two juniors on the team in Berlin.</p>")
DUTIES = ("<ul><li>Build data pipelines in Python and Spark every day</li>"
          "<li>Own the warehouse schema and its migrations</li>"
          "<li>Review code of other engineers</li></ul>")
PAY = "<p>Salary: €70,000 – €90,000 per year. Closing date: 2025-03-01.</p>"
LONG = "".join(f"<p>Part {i}: you will work with analysts, product managers and other "
               "engineers, design schemas, write tests, and keep our pipelines fast, cheap "
               "and correct.</p>" for i in range(6))
NAV = ('<div><a href="/">Home</a> | <a href="/jobs">Jobs</a> | <a href="/about">About us</a>'
       ' | <a href="/contact">Contact</a></div>')
FOOTER = ('<div><p>© 2025 Acme Analytics GmbH. All rights reserved.</p>'
          '<a href="/privacy">Privacy policy</a> · <a href="/terms">Terms</a></div>')
OTHER_JOBS = ('<div><h3>More jobs</h3><ul><li><a href="/j/1">Frontend Developer in Paris</a>'
              '</li><li><a href="/j/2">Product Manager, Madrid</a></li></ul></div>')
KEPT = ("# Data Engineer", "hiring a Data Engineer", "- Review code of other engineers",
        "Salary: €70,000 – €90,000 per year. Closing date: 2025-03-01.")
GONE = ("Home", "About us", "©", "Privacy", "More jobs", "Frontend Developer")


def _blocks(*blocks: str, tag: str = "div", names: tuple[str, ...] = ()) -> str:
    opening = [f'<{tag} class="{name}">' for name in names] or [f"<{tag}>"] * len(blocks)
    return "".join(f"{start}{block}</{tag}>" for start, block in zip(opening, blocks,
                                                                      strict=True))


def _page(inside: str) -> str:
    return f"<html><head><title>Jobs</title></head><body>{inside}</body></html>"


FOUR = (TITLE, INTRO, DUTIES, PAY)


@pytest.mark.parametrize("page", [
    _page(_blocks(*FOUR)),
    _page(_blocks(*FOUR, tag="section")),
    _page(_blocks(*FOUR, names=("title", "intro", "duties", "pay"))),
    _page(_blocks(f"<div>{TITLE}</div>", INTRO, f"<div><div>{DUTIES}</div></div>", PAY)),
    _page("<div>" + _blocks(*FOUR, names=("a", "b", "job-duties", "d")) + "</div>"),
    _page(NAV + _blocks(*FOUR) + OTHER_JOBS + FOOTER),
], ids=["divs", "sections", "named", "wrapped-unevenly", "in-a-parent", "beside-chrome"])
def test_a_posting_laid_out_as_sibling_blocks_is_kept_whole(page: str) -> None:
    """Was: only the list of duties was kept (the best block, each of the others alone
    in its block); the title, the intro, the pay and the closing date went to the
    page's context, and the posting's title was read as one of its duties."""
    result = process(page, "html")
    assert [text for text in KEPT if text not in result.doc.markdown] == []
    assert [text for text in GONE if text in result.doc.markdown] == []
    assert result.extraction.fields["title"] == "Data Engineer"


def test_short_blocks_beside_a_long_description_are_kept() -> None:
    """A long description is the best block by far: the title before it and the duties
    and the pay after it, each in a div of its own, were cut as outside the posting."""
    page = _page(NAV + _blocks(TITLE, INTRO + LONG, DUTIES, PAY) + OTHER_JOBS + FOOTER)
    markdown = clean(page, "html").markdown
    assert [text for text in (*KEPT, "Part 5:") if text not in markdown] == []
    assert [text for text in GONE if text in markdown] == []


def test_blocks_named_as_the_page_s_are_not_taken_in() -> None:
    page = _page('<div class="navigation"><p>You are here: Careers, Engineering, Data, '
                 'Berlin office, all the open roles of the team</p></div>'
                 + _blocks(*FOUR) + '<div class="sidebar"><p>Acme Analytics was founded in '
                 '2010 and has offices in Berlin, Paris and Madrid, with 300 people.</p></div>')
    markdown = clean(page, "html").markdown
    assert "Salary" in markdown and "# Data Engineer" in markdown
    assert "You are here" not in markdown and "founded in 2010" not in markdown


def test_a_page_laid_out_as_sibling_blocks_records_only_its_chrome_as_removed() -> None:
    doc = clean(_page(NAV + _blocks(*FOUR) + FOOTER), "html")
    removed = " ".join(doc.source[r.start:r.end] for r in doc.removed)
    assert "Home" in removed and "©" in removed
    assert "Data Engineer" not in removed and "Closing date" not in removed


COPYRIGHT = ("<p>Copyright &copy; 2024 Acme Analytics GmbH. All rights reserved. Use of this "
             "site is subject to our Terms of Use and Privacy Policy.</p>")
COMPANY = ("<p>Acme Analytics is a global leader in data tools, dashboards, and reports, with "
           "40 offices and 9,000 people.</p>")
COOKIES = ("<p>We use cookies to improve your experience on our website, to personalise "
           "content and ads, and to analyse our traffic.</p>")
SKILLS = ("<h2>Requirements</h2><ul><li>3+ years of data engineering, ideally in a SaaS "
          "company</li><li>Strong SQL, Python, and Airflow skills</li></ul>")


@pytest.mark.parametrize(("name", "block", "words"), [
    ("legal", COPYRIGHT, "Copyright"),
    ("footer", COPYRIGHT, "Copyright"),
    ("site-footer", COPYRIGHT, "Copyright"),
    ("sidebar", COMPANY, "global leader"),
    ("cc-banner", COOKIES, "We use cookies"),
])
def test_a_page_s_block_in_a_wrapper_beside_a_whole_posting_is_left_out(
    name: str, block: str, words: str
) -> None:
    """Was: a paragraph alone in a div beside a posting of weight was taken in as one
    of its own, a copyright line, a sidebar's blurb or a cookie notice with it."""
    posting = f'<div class="job">{TITLE}{INTRO}{DUTIES}{SKILLS}{PAY}</div>'
    markdown = clean(_page(f'{posting}<div class="{name}">{block}</div>'), "html").markdown
    assert "Salary" in markdown and "# Data Engineer" in markdown and "Airflow" in markdown
    assert words not in markdown


def test_a_paragraph_in_a_wrapper_beside_a_whole_posting_is_still_taken_in() -> None:
    posting = f'<div class="job">{TITLE}{INTRO}{DUTIES}{SKILLS}{PAY}</div>'
    markdown = clean(_page(f'{posting}<div class="about">{COMPANY}</div>'), "html").markdown
    assert "Salary" in markdown and "global leader" in markdown


@pytest.mark.parametrize("words", [
    "How to apply: send your CV and a cover letter; we process applications under our "
    "privacy policy and keep them for six months.",
    "Security clearance required: you will run our two-factor authentication rollout and "
    "the password vault for 3,000 staff.",
    "You will maintain our mailing list infrastructure (Postfix, Mailman) and the cookie "
    "consent service for all our websites.",
])
def test_a_paragraph_of_the_posting_that_names_a_page_s_words_is_still_taken_in(
        words: str) -> None:
    """A paragraph beside the posting that names a privacy policy or a password was left
    out as furniture whatever its length: furniture is a short line of them."""
    posting = f'<div class="job">{TITLE}{INTRO}{DUTIES}{SKILLS}{PAY}</div>'
    markdown = clean(_page(f'{posting}<div class="about"><p>{words}</p></div>'), "html").markdown
    assert words[:30] in markdown
