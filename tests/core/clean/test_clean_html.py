"""Cleaning HTML pages: the posting alone, as Markdown; page chrome and hidden text gone."""

from __future__ import annotations

import json

import pytest

from reviewer.core.clean import clean
from reviewer.core.pipeline import process
from reviewer.core.schema import CleanDoc

JSON_LD = {
    "@context": "https://schema.org",
    "@type": "JobPosting",
    "title": "Senior Data Engineer",
    "hiringOrganization": {"@type": "Organization", "name": "Acme Inc."},
    "datePosted": "2025-03-03",
}

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Senior Data Engineer | Acme Careers</title>
  <style>.cookie-banner { position: fixed; } .stylesheet-rule-text { color: red; }</style>
  <script>var trackingSecret = "head-script-text";</script>
  <script type="application/ld+json">JSON_LD_HERE</script>
</head>
<body>
  <header class="site-header"><a href="/"><img src="http://example.com/logo.png" alt="Acme logo">
    Acme Careers Home</a></header>
  <nav><ul><li><a href="/jobs">All openings</a></li><li><a href="/teams">Navigation teams</a></li>
  </ul></nav>
  <div class="cookie-banner">We use cookies to improve your experience.
    <button>Accept all cookies</button></div>
  <main>
    <h1>Senior Data Engineer</h1>
    <p>Acme Inc. builds the data platform that hundreds of logistics companies use to plan their
    deliveries, and we are looking for a senior data engineer to join our platform team.</p>
    <p>You will design and run the pipelines that move billions of events a day from our
    customers' systems into our warehouse, and mentor the engineers who build them with you.</p>
    <h2>Responsibilities</h2>
    <ul>
      <li>Design, build and operate batch and streaming pipelines in Python and SQL.</li>
      <li>Own the reliability of our event ingestion, from on-call rotations to postmortems.</li>
      <li>Work with product teams to model new data sources and keep the warehouse tidy.</li>
    </ul>
    <p style="display:none">Internal tracking note that readers never see on the page.</p>
    <p hidden>Hidden attribute paragraph that must not appear in the output.</p>
    <img src="http://example.com/x.png" alt="Team photo">
    <p>Read more about <a href="https://example.com/engineering">our engineering culture</a>
    before you apply, and send us any questions you have about the role.</p>
  </main>
  <aside class="similar-jobs"><h3>Similar jobs</h3><ul>
    <li><a href="/j/1">Frontend Developer in Paris</a></li>
    <li><a href="/j/2">Product Manager in Madrid</a></li></ul></aside>
  <footer><p>© 2025 Acme Inc. All rights reserved. Imprint and privacy policy.</p></footer>
  <script>console.log("body-script-text");</script>
</body>
</html>
""".replace("JSON_LD_HERE", json.dumps(JSON_LD))

RESPONSIBILITIES = [
    "Design, build and operate batch and streaming pipelines in Python and SQL.",
    "Own the reliability of our event ingestion, from on-call rotations to postmortems.",
    "Work with product teams to model new data sources and keep the warehouse tidy.",
]


@pytest.fixture(scope="module")
def page() -> CleanDoc:
    return clean(PAGE, "html")


def test_the_title_is_a_level_one_heading(page: CleanDoc) -> None:
    assert page.markdown.splitlines()[0] == "# Senior Data Engineer"
    assert "## Responsibilities" in page.markdown.splitlines()


def test_the_list_becomes_dash_items(page: CleanDoc) -> None:
    lines = page.markdown.splitlines()
    for item in RESPONSIBILITIES:
        assert "- " + item in lines


def test_paragraph_text_is_kept_on_one_line(page: CleanDoc) -> None:
    assert ("we are looking for a senior data engineer to join our platform team."
            in page.markdown)


def test_a_web_link_becomes_a_markdown_link(page: CleanDoc) -> None:
    assert "[our engineering culture](https://example.com/engineering)" in page.markdown


@pytest.mark.parametrize("gone", [
    "Acme Careers Home", "All openings", "Navigation teams",  # header and nav
    "We use cookies", "Accept all cookies",  # cookie banner
    "Similar jobs", "Frontend Developer in Paris",  # aside
    "All rights reserved", "privacy policy",  # footer
    "head-script-text", "body-script-text", "stylesheet-rule-text", "JobPosting",  # code
    "Internal tracking note", "Hidden attribute paragraph",  # hidden
    "x.png", "logo.png", "Team photo", "Acme logo", "example.com/j/",  # images, chrome links
    "<", "&amp;",
])
def test_page_chrome_hidden_text_code_and_images_are_gone(page: CleanDoc, gone: str) -> None:
    assert gone not in page.markdown


def test_removed_ranges_name_what_they_removed(page: CleanDoc) -> None:
    by_reason = {r.reason: page.source[r.start:r.end] for r in page.removed}
    assert "All openings" in by_reason["navigation"]
    assert "Frontend Developer in Paris" in by_reason["aside"]
    assert "All rights reserved" in by_reason["footer"]
    assert "Hidden attribute paragraph" in by_reason["hidden element"]
    assert any("We use cookies" in text for reason, text in by_reason.items()
               if "cookie" in reason)


def test_the_source_is_the_visible_text(page: CleanDoc) -> None:
    assert "Frontend Developer in Paris" in page.source
    assert "head-script-text" not in page.source
    assert "stylesheet-rule-text" not in page.source


def test_page_title_is_read_from_the_head(page: CleanDoc) -> None:
    assert page.page_title == "Senior Data Engineer | Acme Careers"


# --- JSON-LD --------------------------------------------------------------------------------------


def test_json_ld_job_posting_is_returned_in_structured(page: CleanDoc) -> None:
    assert page.structured == [JSON_LD]


def test_json_ld_inside_a_graph_is_found() -> None:
    graph = {"@context": "https://schema.org",
             "@graph": [{"@type": "WebPage", "name": "Careers"}, JSON_LD]}
    html = PAGE.replace(json.dumps(JSON_LD), json.dumps(graph))
    assert clean(html, "html").structured == [JSON_LD]


def test_broken_json_ld_is_ignored() -> None:
    html = PAGE.replace(json.dumps(JSON_LD), '{"@type": "JobPosting", "title": ')
    doc = clean(html, "html")
    assert doc.structured == []
    assert "# Senior Data Engineer" in doc.markdown


def test_json_ld_of_other_types_is_not_a_posting() -> None:
    html = PAGE.replace(json.dumps(JSON_LD), json.dumps({"@type": "Organization", "name": "X"}))
    assert clean(html, "html").structured == []


# --- broken markup --------------------------------------------------------------------------------

BROKEN = """<html><body><div class="job-description"><h1>Warehouse Team Lead</h1>
<p>We are hiring a team lead for our warehouse in Leeds, who will plan the shifts of twelve people
<p>You will keep the stock records right and train new colleagues on the scanners and the rules
</span></i></b>
<ul><li>Plan the weekly shifts for the whole team<li>Check the deliveries against the orders
<li>Report the stock levels every Friday
<div><b>Apply by 31 March 2025"""


def test_broken_markup_still_yields_the_text() -> None:
    doc = clean(BROKEN, "html")
    md = doc.markdown
    assert md.startswith("# Warehouse Team Lead")
    assert "who will plan the shifts of twelve people" in md
    assert "train new colleagues on the scanners and the rules" in md
    lines = md.splitlines()
    assert "- Plan the weekly shifts for the whole team" in lines
    assert "- Check the deliveries against the orders" in lines
    assert "Apply by 31 March 2025" in md
    assert "<" not in md


def test_a_page_without_a_body_or_text_gives_an_empty_document() -> None:
    doc = clean("<html><head><title>t</title></head></html>", "html")
    assert doc.markdown.strip() == ""


# --- bugs found by these tests, now regression tests ----------------------------------------------

_PARA = ("<p>We are looking for a senior data engineer to join our platform team in Berlin, "
         "and you will build and run our pipelines.</p>")


def test_an_empty_inline_element_leaves_no_stray_backslash() -> None:
    """Was: html_markdown._escape_line_start('') returned a backslash ('' in '#>' is True), so
    a whitespace-only inline element (an icon, an empty <span>) at the start of the posting
    wrote a stray backslash line."""
    doc = clean(f'<html><body><div class="job"><span> </span>{_PARA * 3}</div></body></html>',
                "html")
    assert "\\" not in doc.markdown, doc.markdown


SHORT_PAGE = ("<html><body><h1>Data Analyst</h1><ul><li>SQL</li><li>Excel</li></ul>"
              "<p>Apply by mail.</p></body></html>")


def test_a_short_page_kept_whole_keeps_its_structure() -> None:
    """Was: when no block read like a posting, the whole <body> was kept and written as one
    inline run: 'Data Analyst SQL Excel Apply by mail.'"""
    lines = clean(SHORT_PAGE, "html").markdown.splitlines()
    assert "# Data Analyst" in lines
    assert "- SQL" in lines


def test_a_short_page_kept_whole_records_nothing_as_removed() -> None:
    """Was: with the whole <body> kept, the removal record still said the entire page was
    'outside the posting' (the walk matched only child elements against the kept ids)."""
    doc = clean(SHORT_PAGE, "html")
    assert "Data Analyst" in doc.markdown
    removed = "".join(doc.source[r.start:r.end] for r in doc.removed)
    assert "Data Analyst" not in removed


def test_a_short_posting_loose_in_the_body_is_kept_whole_not_its_one_long_item() -> None:
    """Blocks straight under <body>, none long: the one list item of 25 letters was the
    best block, and the title, the company, the other sections were cut as outside."""
    html = ("<html><body><nav><a href='/'>Home</a> <a href='/jobs'>Jobs</a></nav>"
            "<h1><strong>Senior Data Engineer</strong></h1><p>Company: Acme Corp</p>"
            "<h2>Responsibilities</h2><ul><li>Build pipelines in Python</li><li>Own Kafka</li>"
            "</ul><h2>Requirements</h2><ul><li>5+ years of experience</li></ul>"
            "<h3>Benefits</h3><p>Health insurance</p>"
            "<footer><a href='/privacy'>Privacy</a></footer></body></html>")
    doc = clean(html, "html")
    for kept in ("Senior Data Engineer", "Company: Acme Corp", "## Responsibilities",
                 "- Own Kafka", "## Requirements", "- 5+ years of experience",
                 "### Benefits", "Health insurance"):
        assert kept in doc.markdown
    assert "Home" not in doc.markdown and "Privacy" not in doc.markdown


def test_a_short_posting_loose_in_the_body_leaves_the_footer_beside_it() -> None:
    """Taking in the siblings of a weak best block took the cookie line and the footer's
    links with them."""
    html = ("<html><body><div><a href='/'>Acme Careers</a></div><div><h1>Barista</h1>"
            "<p>Barista wanted at our café in Leeds.</p><p>Weekends only, 16 hours.</p>"
            "<p>Apply in person.</p></div><p>We use cookies to improve your visit.</p>"
            "<ul><li>Terms of use</li><li>Privacy policy</li><li>Cookie settings</li></ul>"
            "<p>© 2024 Acme Careers Ltd. All rights reserved.</p></body></html>")
    markdown = clean(html, "html").markdown
    assert "Barista wanted at our café in Leeds." in markdown and "Apply in person." in markdown
    for gone in ("cookies", "Terms of use", "Privacy", "©"):
        assert gone not in markdown


def test_a_page_of_paragraphs_straight_in_the_body_keeps_them_not_its_link_bar() -> None:
    """No block under <body> fed a container, so the whole body was kept: the bar of
    links above the posting and the footer's links with it."""
    html = ("<html><body><div><a href='/'>Home</a> | <a href='/about'>About</a> | "
            "<a href='/jobs'>Jobs</a> | <a href='/contact'>Contact</a></div>"
            "<h1>Part-time Bookkeeper</h1><p>Greene Partners, Norwich</p>"
            "<p>We are a friendly practice looking for a bookkeeper for twenty hours a "
            "week.</p><p>You will keep the books of about forty small clients.</p>"
            "<p>Salary £14 an hour. Email a CV to office@example.co.uk.</p>"
            "<div><a href='/privacy'>Privacy policy</a> · <a href='/terms'>Terms</a></div>"
            "</body></html>")
    markdown = clean(html, "html").markdown
    assert [line for line in ("# Part-time Bookkeeper", "Greene Partners, Norwich",
                              "forty small clients", "Salary £14 an hour")
            if line not in markdown] == []
    assert [word for word in ("Home", "Contact", "Privacy policy") if word in markdown] == []


def test_a_paragraph_that_starts_like_a_numbered_item_is_escaped_as_markdown_reads_it() -> None:
    """"1. Own the pipeline" in a <p> was written "\\1. Own …": a backslash before a
    digit escapes nothing in Markdown, so the window showed it; "1\\." is the escape."""
    html = ("<html><body><main><h1>Data Engineer</h1><p>1. Own the pipeline and keep it "
            "healthy every day of the week, with the team.</p><p>2) Review the code of "
            "your colleagues and help them grow in their work.</p></main></body></html>")
    markdown = clean(html, "html").markdown
    assert "1\\. Own the pipeline" in markdown and "2\\) Review the code" in markdown
    assert "\\1" not in markdown and "\\2" not in markdown


def test_page_text_that_reads_as_a_markdown_image_stays_text() -> None:
    page = ("<html><body><h1>Engineer</h1><p>Our team ![team](/etc/passwd) is great and we "
            "hire an engineer who knows SQL well.</p></body></html>")
    markdown = clean(page, "html").markdown
    assert "![team]" not in markdown and "!\\[team](/etc/passwd)" in markdown


# --- a page's data that JSON reads but text cannot hold ----------------------------------------

P = ("<p>Acme GmbH builds planning software for ports, and we are hiring a Data Engineer "
     "to build pipelines, design schemas, and work with Python, SQL and Spark.</p>")


def test_a_lone_surrogate_escaped_in_json_ld_is_read_as_a_replacement_character() -> None:
    raw = ('<html><head><script type="application/ld+json">{"@type": "JobPosting", "title": '
           '"Eng\\ud800ineer", "hiringOrganization": "Ac\\udfffme", "x": "\\ud83d\\ude00"}'
           f"</script></head><body>{P}</body></html>")
    doc = clean(raw, "html")
    assert doc.structured[0]["title"] == "Eng\ufffdineer"
    assert doc.structured[0]["hiringOrganization"] == "Ac\ufffdme"
    assert doc.structured[0]["x"] == "\U0001f600"  # a pair of them is one character
    json.dumps(doc.structured, ensure_ascii=False).encode("utf-8")


def test_json_ld_nested_past_what_json_reads_is_passed_over_and_the_page_kept() -> None:
    junk = '<script type="application/ld+json">' + "[" * 2000 + "]" * 2000 + "</script>"
    doc = clean(f"<html><head>{junk}</head><body>{P}</body></html>", "html")
    assert "Acme GmbH builds planning software" in doc.markdown
    assert doc.structured == []


@pytest.mark.parametrize("tags", [("blockquote",), ("blockquote", "div")])
def test_quotes_nested_hundreds_deep_keep_their_text(tags: tuple[str, ...]) -> None:
    opening = "".join(f"<{tag}>" for tag in tags)
    closing = "".join(f"</{tag}>" for tag in reversed(tags))
    doc = clean(f"<html><body>{opening * 500}{P}{closing * 500}</body></html>", "html")
    assert "Acme GmbH builds planning software" in doc.markdown
    assert not doc.notes or "deep" not in " ".join(doc.notes)


def test_a_posting_s_microdata_nested_a_thousand_items_deep_keeps_the_page() -> None:
    items = "<div itemprop='hiringOrganization' itemscope>" * 1000
    raw = ("<html><body><div itemscope itemtype='http://schema.org/JobPosting'>"
           f"<h1 itemprop='title'>Data Engineer</h1>{items}<span itemprop='name'>Acme</span>"
           f"{'</div>' * 1000}{P}</div></body></html>")
    doc = clean(raw, "html")
    assert "Acme GmbH builds planning software" in doc.markdown
    assert doc.structured[0]["title"] == "Data Engineer"


def test_control_characters_of_a_page_reach_neither_its_text_nor_its_data() -> None:
    data = '{"@type": "JobPosting", "title": "Data \\u001b[31mEngineer\\u0000", "x": "a\\tb\\nc"}'
    raw = (f'<html><head><title>Jobs \x1b]0;owned\x07</title>'
           f'<script type="application/ld+json">{data}</script></head>'
           "<body><h1>Data \x1b[2J\x1b[31mEngineer</h1><p>Acme&#27;s team &#x1B;[1m and "
           "&#0; builds planning software for ports, and we are hiring a Data Engineer to "
           "build pipelines.\x00</p><p>Pay &#8212; fair &#x2014; and &#127;&#1271; &#x1F600;</p>"
           "</body></html>")
    doc = clean(raw, "html")
    texts = [doc.markdown, doc.source, doc.page_title or "", *doc.context,
             json.dumps(doc.structured, ensure_ascii=False).replace("\\t", "").replace("\\n", "")]
    assert [c for text in texts for c in text if c < " " and c not in "\t\n"] == []
    assert [text for text in texts if "\\u00" in text] == []  # (JSON writes them so)
    assert doc.structured[0]["x"] == "a\tb\nc"
    assert "Pay — fair — and \u04f7 \U0001f600" in doc.markdown  # other references kept
    assert "Data [2J[31mEngineer" in doc.markdown or "Data Engineer" in doc.markdown


def test_a_backslash_escaped_before_a_u_in_json_ld_is_text_not_an_escape() -> None:
    data = ('{"@type": "JobPosting", "title": "Terminal Engineer", "description": "codes '
            'start with \\\\u001b or \\\\ud800", "hiringOrganization": "Acme Widgets"}')
    doc = clean(f'<html><head><script type="application/ld+json">{data}</script></head>'
                f"<body>{P}</body></html>", "html")
    assert doc.structured[0]["title"] == "Terminal Engineer"
    assert doc.structured[0]["description"] == r"codes start with \u001b or \ud800"


def test_characters_no_one_sees_are_left_out_of_a_page_s_markdown() -> None:
    """A zero-width space, a soft hyphen or a byte-order mark inside a word of an HTML
    page stayed in its Markdown ("Py\\u200bthon": the title kept it, no search or skill
    found the word), where a text posting's cleaning took them out. The joiners a word
    is spelt with stay."""
    html = ("<html><body><main><h1>Senior Py\u200bthon Developer</h1><p>We use Py\u200bthon"
            " and Dj\u00adango. \ufeffApply now.</p><p>Persian: \u0645\u06cc\u200c\u062e"
            "\u0648\u0627\u0647\u0645</p></main></body></html>")
    done = process(html, "html")
    assert done.doc.markdown.startswith("# Senior Python Developer\n\nWe use Python and "
                                        "Django. Apply now.")
    assert "\u0645\u06cc\u200c\u062e" in done.doc.markdown
    assert done.extraction.fields["title"] == "Senior Python Developer"
    assert {"Python", "Django"} <= set(done.extraction.fields["skills"])


def _article(body: str) -> str:
    return ("<html><body><article><h1>Data Engineer</h1><p>Acme GmbH is hiring a data "
            f"engineer in Berlin to build the pipelines of its analytics team.</p>{body}"
            "</article></body></html>")


def test_lines_a_page_breaks_with_br_stay_apart() -> None:
    """Every <br> became a bare line break, which Markdown (and the window) joins to the
    line before: "Acme GmbH Hauptstr. 1 10115 Berlin" on one line."""
    markdown = clean(_article("<p>Acme GmbH<br>Hauptstr. 1<br/>10115 Berlin</p>"),
                     "html").markdown
    assert "Acme GmbH  \nHauptstr. 1  \n10115 Berlin\n" in markdown


@pytest.mark.parametrize("mark", ["- ", "• ", "* ", "· "])
def test_a_list_a_page_writes_with_br_is_a_list(mark: str) -> None:
    """ "<br>- SQL<br>- Spark": the first line was escaped ("\\- 5 years") and the others
    not, so Markdown made half of it a list."""
    html = _article(f"<p><b>Requirements:</b><br>{mark}5 years of Python<br>{mark}SQL<br>"
                    f"{mark}Spark</p><p>{mark}Python<br>{mark}Go</p>")
    markdown = clean(html, "html").markdown
    assert "**Requirements:**\n\n- 5 years of Python\n- SQL\n- Spark\n\n- Python\n- Go\n" \
        in markdown


def test_a_list_item_broken_with_br_keeps_its_lines_in_the_item() -> None:
    markdown = clean(_article("<ul><li>Remote<br>Europe only</li><li>Skills:<br>- SQL<br>"
                              "- Spark</li></ul>"), "html").markdown
    assert "- Remote\n\n  Europe only\n- Skills:\n\n  - SQL\n  - Spark\n" in markdown


def test_a_numbered_list_written_with_br_is_one_list() -> None:
    """The first line of a paragraph is escaped ("1\\) Python"), and the mark with a
    backslash inside was not read as one: the list began at its second item."""
    markdown = clean(_article("<p>1) Python<br>2) Go<br>3) Rust</p>"), "html").markdown
    assert "1. Python\n2. Go\n3. Rust\n" in markdown


def test_code_broken_with_br_inside_pre_is_left_as_it_is() -> None:
    markdown = clean(_article("<pre>steps:  \n- run: make  \n* run: test</pre>"),
                     "html").markdown
    assert "steps:  \n- run: make  \n* run: test\n" in markdown


def test_a_fence_inside_code_does_not_end_it() -> None:
    """A <pre> holding a line of three backticks closed its own fence there, and the
    rest of the page was taken for code: a <br> list after it stayed unconverted."""
    html = _article("<pre>echo\n```\nmore</pre><p>You will:<br>- build pipelines<br>"
                    "- run them</p>")
    markdown = clean(html, "html").markdown
    assert "````\necho\n```\nmore\n````" in markdown
    assert "- build pipelines\n- run them\n" in markdown
