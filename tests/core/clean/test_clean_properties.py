"""Properties of cleaning and extraction over arbitrary input (hypothesis).

``clean`` and ``extract`` promise never to raise on any page, and cleaning should be
idempotent on its own output. Each property runs a bounded number of examples so that
the file stays within a few seconds.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from reviewer.core.clean import clean
from reviewer.core.extract import extract
from reviewer.core.schema import FIELD_NAMES, CleanDoc

FAST = settings(max_examples=150, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# --- strategies -----------------------------------------------------------------------------------

_SPACES = [" ", "\t", "\n", "\r\n", "\r", "\u00a0", "\u2003", "\u3000", "\x0b", "\x0c", "\u200b"]
_CONTROL = [chr(c) for c in (*range(0, 32), 127, 0x85, 0x2028, 0x2029, 0xFEFF, 0xAD)]

whitespace_runs = st.tuples(st.sampled_from(_SPACES), st.integers(1, 1500)).map(
    lambda t: t[0] * t[1]
)
control_chars = st.lists(st.sampled_from(_CONTROL), min_size=1, max_size=20).map("".join)
# arbitrary text, control characters and long runs of every kind of whitespace, mixed
messy_text = st.one_of(
    st.text(),
    st.lists(st.one_of(st.text(max_size=40), whitespace_runs, control_chars), max_size=12)
    .map("".join),
)

_TAGS = ["div", "p", "ul", "li", "ol", "span", "a", "h1", "h2", "b", "em", "pre", "blockquote",
         "table", "tr", "td", "section", "article", "main", "nav", "aside", "header", "footer",
         "form", "script", "style", "br", "hr", "img", "noscript", "template"]
_ATTRS = ["", ' class="cookie-banner"', " hidden", ' style="display:none"',
          ' href="https://example.com/a b"', ' role="navigation"', ' class="job-description"',
          ' id="similar-jobs"', ' type="application/ld+json"', ' src="http://example.com/x.png"',
          ' aria-hidden="true"', ' class="content main"']
_TEXTS = ["Senior Data Engineer", "Salary: $100,000 - $120,000 per year",
          "Location: Berlin, Germany", "Posted: 3 March 2025",
          "We build data tools for ports and wind farms, and you will write Python and SQL.",
          "Responsibilities", "Requirements:", "© 2025 Acme Inc. All rights reserved.",
          '{"@type": "JobPosting", "title": "X", "hiringOrganization": {"name": "Y"}}',
          "&amp; &lt;p&gt; &#x20AC; &nbsp;", "<!-- comment -->", "<![CDATA[ x ]]>", "</div>",
          "<p", "<", ">", "[link](http://x)", "# not a heading", "- not a bullet"]

html_text = st.one_of(st.text(max_size=30), st.sampled_from(_TEXTS))


def _element(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """One element around its children; the closing tag is sometimes left out."""
    return st.tuples(st.sampled_from(_TAGS), st.sampled_from(_ATTRS),
                     st.lists(children, max_size=4), st.booleans()).map(
        lambda t: f"<{t[0]}{t[1]}>" + "".join(t[2]) + (f"</{t[0]}>" if t[3] else ""))


def _nested(depth: int, tag: str, inner: str, closed: bool) -> str:
    return f"<{tag}>" * depth + inner + (f"</{tag}>" * depth if closed else "")


deep_nesting = st.builds(_nested, st.integers(250, 320), st.sampled_from(_TAGS), html_text,
                         st.booleans())
html_docs = st.lists(
    st.one_of(st.recursive(html_text, _element, max_leaves=30), deep_nesting), max_size=5
).map(lambda parts: "<html><body>" + "".join(parts))
any_page = st.one_of(messy_text, html_docs)

# posting-like text dumps: lines of words a posting page is made of
_WORDS = ["we", "build", "data", "tools", "for", "ports,", "and", "you", "will", "write",
          "Python.", "Senior", "Engineer", "Berlin,", "Germany", "Responsibilities", "Location:",
          "-", "•", "1.", "Sign", "in", "©", "2020", "Acme", "Inc.", "$100,000", "per", "year"]
posting_lines = st.lists(st.lists(st.sampled_from(_WORDS), max_size=20).map(" ".join),
                         max_size=25).map("\n".join)


def _check_removals(doc: CleanDoc) -> None:
    for removal in doc.removed:
        assert 0 <= removal.start <= removal.end <= len(doc.source), (removal, len(doc.source))
        assert removal.reason


# --- never raises ---------------------------------------------------------------------------------


@FAST
@given(messy_text)
def test_clean_text_never_raises(raw: str) -> None:
    doc = clean(raw, "text")
    assert doc.kind == "text"
    assert isinstance(doc.markdown, str)


@FAST
@given(any_page)
def test_clean_html_never_raises(raw: str) -> None:
    doc = clean(raw, "html")
    assert doc.kind == "html"
    assert isinstance(doc.markdown, str)


@pytest.mark.parametrize("tag", ["div", "span", "b", "ul><li", "blockquote", "table><tr><td"])
def test_deep_nesting_keeps_the_text(tag: str) -> None:
    para = "<p>We are looking for a data engineer to join our platform team in Berlin.</p>"
    doc = clean("<html><body>" + f"<{tag}>" * 300 + para * 3, "html")
    assert "platform team in Berlin" in doc.markdown
    extract(doc)


# --- idempotence ----------------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_clean_text_is_idempotent_on_arbitrary_text(raw: str) -> None:
    once = clean(raw, "text").markdown
    assert clean(once, "text").markdown == once


@FAST
@given(st.one_of(posting_lines, messy_text))
@example("you\nwe\nyou")
@example("0\r1|\r×")
@example("We build data tools for ports and harbours, and you will write the code.\n" * 2)
def test_clean_text_is_idempotent_on_posting_like_text(raw: str) -> None:
    """Was not: 'you\\nwe\\nyou' gave '## you\\n\\nwe\\n', which cleaned again gave '## you\\n'
    (the repeated heading, dropped only after the posting's run was chosen, had pulled 'we'
    into it); also '0\\r1|\\r×' -> '0\\n\\n1|\\n' -> '0\\n', and a repeated line of 60+
    characters kept once as a "continuation" and dropped on the second pass."""
    once = clean(raw, "text").markdown
    assert clean(once, "text").markdown == once


# --- the removal record ---------------------------------------------------------------------------


@FAST
@given(st.one_of(messy_text, posting_lines))
def test_text_removals_lie_within_the_source(raw: str) -> None:
    _check_removals(clean(raw, "text"))


@FAST
@given(any_page)
@example("0 ")
def test_html_removals_lie_within_the_source(raw: str) -> None:
    """Was not: ranges were computed before the joined text was stripped, so a trailing space
    pushed one past the end: clean('0 ', 'html') gave source '0' and Removal(0, 2)."""
    _check_removals(clean(raw, "html"))


@FAST
@given(any_page)
def test_skipping_the_removal_record_changes_nothing_else(raw: str) -> None:
    full, lean = clean(raw, "html"), clean(raw, "html", record_removed=False)
    assert lean.markdown == full.markdown
    assert lean.context == full.context
    assert lean.structured == full.structured
    assert lean.page_title == full.page_title


# --- extraction over those documents --------------------------------------------------------------


@FAST
@given(st.sampled_from(["text", "html"]), any_page)
def test_extract_never_raises_and_evidence_lies_within_the_markdown(kind: str, raw: str) -> None:
    doc = clean(raw, kind)  # type: ignore[arg-type]
    result = extract(doc)
    assert tuple(result.fields) == FIELD_NAMES
    for name, spans in result.evidence.items():
        assert name in FIELD_NAMES
        for start, end in spans:
            assert 0 <= start <= end <= len(doc.markdown), (name, start, end, len(doc.markdown))
    for name, value in result.confidence.items():
        assert 0.0 <= value <= 1.0, (name, value)


@FAST
@given(posting_lines)
def test_extract_on_posting_like_text_keeps_evidence_within_the_markdown(raw: str) -> None:
    doc = clean(raw, "text")
    for spans in extract(doc).evidence.values():
        for start, end in spans:
            assert 0 <= start <= end <= len(doc.markdown)


# --- time: a pathological page must not stall a run over thousands of files -----------------------


def _seconds(kind: str, raw: str) -> float:
    started = time.perf_counter()
    extract(clean(raw, kind))  # type: ignore[arg-type]
    return time.perf_counter() - started


# Each input at size n and 4n: linear work takes about four times as long, quadratic work
# sixteen. Every case below was quadratic when these tests were written (at n, ~0.1 s; at
# ten times n, seconds to minutes); the comment says where.
@pytest.mark.parametrize(
    ("kind", "make", "n"),
    [
        # lexicon.heading_key stripped with r"[*:\s.!]+$", rescanning a whitespace run from
        # every position: "a" + 200k spaces + "b" took 4 minutes
        pytest.param("text", lambda n: "a" + " " * n + "b", 4_000, id="text-whitespace-run"),
        pytest.param("text", lambda n: ".  " * n + "x", 1_500, id="text-dots-and-spaces"),
        # clean_text._is_camel_word walked the whole word left and right at every glue point
        pytest.param("text", lambda n: "abcDef" * n, 700, id="text-glued-camel-case"),
        # the Markdown-link patterns r"\[([^\]]*)\]\(..." of clean_html._trim and
        # extract.document.plain scanned to the end of the text from every "["
        pytest.param("html", lambda n: "[" * n, 3_000, id="html-open-brackets"),
        pytest.param("text", lambda n: "[" * n, 3_000, id="text-open-brackets"),
        # the employer-name patterns of extract.heuristics._company started at every capital
        # of a long word and scanned to its end
        pytest.param("html", lambda n: "abcDef" * n, 500, id="html-long-camel-case-word"),
        pytest.param("text", lambda n: "Responsibilities\n- do the work well\n" * n, 300,
                     id="text-many-lines"),
        pytest.param("text", lambda n: "\x00\x0b\u2028" * n, 2_000, id="text-control-chars"),
        # page_data._nested_scope walked up to the item from every itemprop
        pytest.param("html", lambda n: "<div itemscope itemtype='http://schema.org/JobPosting'>"
                     + "<div>" * n + "".join(f"<i itemprop=a{i}>x</i>" for i in range(n))
                     + "</div>" * n + "</div>", 300,
                     id="html-microdata-deep-and-wide"),
        # page_parts read every wrapper of a deep chain whole, for a bar of controls or a
        # teaser card at its bottom
        pytest.param("html", lambda n: "<div>" * n + '<a href="#">Apply</a>' + "</div>" * n,
                     300, id="html-deep-chain-over-a-control"),
        # prose_words._subject_before copied the text up to each employer cue four times
        pytest.param("text", lambda n: "We are looking for a Senior Data Engineer to join our "
                     "team in Berlin, with Python, SQL and Spark. Salary $100,000 per year. " * n,
                     1_600, id="text-one-long-paragraph-of-sentences"),
    ],
)
def test_clean_and_extract_time_grows_linearly(kind: str, make: Callable[[int], str],
                                               n: int) -> None:
    _seconds("text", "Location: Berlin, Germany")  # loads the place names once
    small = min(_seconds(kind, make(n)) for _ in range(3))
    large = min(_seconds(kind, make(4 * n)) for _ in range(2))  # the best: less noise
    assert large < 8 * small + 0.05, (small, large)
