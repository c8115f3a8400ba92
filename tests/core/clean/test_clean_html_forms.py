"""Forms on a page: a sign-in box, a search box or a sign-up beside the posting is left
out; a form that wraps the whole page (as ASP.NET WebForms pages are built) is read
into like any other block."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from reviewer.core.clean import clean, gave_up

ROOT = Path(__file__).resolve().parents[3]
CORPUS = ROOT.parent / "shared" / "corpus" / "dev" / "pythonjobs.jsonl"

SIGN_IN = ('<form id="aspnetForm" method="post">'
           '<input type="hidden" name="__VIEWSTATE" value="dDwtMTA4">'
           '<div class="login">User <input name="u"> Password <input type="password" name="p">'
           ' <input type="submit" value="Sign in"></div>')
PARAGRAPH = ("<p>Acme Analytics is hiring a Data Engineer to build pipelines in Python, own the "
             "warehouse, and mentor two juniors on the team in Berlin.</p>")


def _html_pages() -> list[str]:
    samples = sorted((ROOT / "reviewer" / "resources" / "samples").glob("*.html"))
    pages = [p.read_text(encoding="utf-8", errors="replace") for p in samples]
    if CORPUS.exists():
        with CORPUS.open(encoding="utf-8") as lines:
            pages += [json.loads(line)["raw"] for _, line in zip(range(12), lines, strict=False)]
    return pages


def _wrapped(page: str) -> str:
    """The page with its whole body inside a form that opens with a sign-in box."""
    page = re.sub(r"<body[^>]*>", lambda m: m.group(0) + SIGN_IN, page, count=1, flags=re.I)
    return re.sub(r"</body>", "</form></body>", page, count=1, flags=re.I)


@pytest.mark.parametrize("page", _html_pages())
def test_a_page_wrapped_in_a_form_is_cleaned_as_without_it(page: str) -> None:
    """Was: a form holding a password box was dropped with all it held, so a page built
    inside one was cleaned to nothing (and an import skipped it)."""
    plain, wrapped = clean(page, "html"), clean(_wrapped(page), "html")
    assert wrapped.markdown.strip()
    assert (wrapped.markdown, wrapped.context) == (plain.markdown, plain.context)


def test_the_sign_in_box_of_a_wrapping_form_is_left_out_and_recorded() -> None:
    page = f"<html><body>{SIGN_IN}<h1>Data Engineer</h1>{PARAGRAPH * 6}</form></body></html>"
    doc = clean(page, "html")
    assert doc.markdown.startswith("# Data Engineer\n\nAcme Analytics is hiring")
    assert "Password" not in doc.markdown
    assert any("Password" in doc.source[r.start:r.end] for r in doc.removed)


def test_a_short_form_holding_text_alone_is_kept() -> None:
    """Was: any form of under 600 characters was dropped, controls or none."""
    doc = clean(f"<html><body><form><h1>Data Engineer</h1>{PARAGRAPH}</form></body></html>",
                "html")
    assert gave_up(doc) is None
    assert "# Data Engineer" in doc.markdown and "mentor two juniors" in doc.markdown


@pytest.mark.parametrize("form", [
    '<form class="box"><label>Email</label> <input name="e"> <label>Password</label> '
    '<input type="password" name="p"> <button>Sign in</button> <a href="/r">Forgot it?</a>'
    '</form>',
    '<form action="/search"><input name="q" placeholder="Keywords"> <select name="c">'
    '<option>All countries</option><option>Germany</option><option>France</option></select>'
    ' <button>Search jobs</button></form>',
    '<form action="/alerts"><h3>Job alerts</h3><p>Get the new jobs like this one by email, '
    'once a week, and unsubscribe when you like.</p><input type="email" name="e"> '
    '<input type="submit" value="Send me jobs"></form>',
])
def test_a_small_form_of_controls_beside_the_posting_is_left_out(form: str) -> None:
    page = f"<html><body><div><h1>Data Engineer</h1>{PARAGRAPH * 4}</div>{form}</body></html>"
    doc = clean(page, "html")
    assert "mentor two juniors" in doc.markdown
    for word in ("Password", "Keywords", "Germany", "Search jobs", "Job alerts", "by email"):
        assert word not in doc.markdown
    assert any(r.reason == "form" for r in doc.removed)
