"""The posting as the page's own data gives it, for a page whose body shows none.

A page a script builds (an app's empty shell, saved before or without its script) holds
no posting in its body; the schema.org JobPosting it embeds for search engines (JSON-LD)
often holds the whole description, as HTML. That description is then the posting's
text, rendered as any page's HTML is (its scripts, forms, hidden parts and images left
out, nothing fetched, its words escaped so that none turns into markup), under a short
head of what the data says of the posting: its title, employer, place and pay.

The head writes what the data states and nothing more: each value as the data gives it
(a number set out with its thousands, a schema's code in words: TELECOMMUTE is
"Remote", YEAR "a year"), each labelled with what it is. It is the page's own statement
of the posting, the one the extraction already reads; written here, its values have
words in the text to point at, so a person sees where each came from, and the cleaned
document's note says that the text is the page's data, not what its body showed.
"""

from __future__ import annotations

import html
import re
from typing import Any

from reviewer.core.words.regex import lazy_compile
from reviewer.core.words.text import normalise_space

FROM_DATA = ("the page's body shows no posting: its text is the description of the "
             "JobPosting the page embeds (JSON-LD), under the title, employer, place and "
             "pay that data gives")

_TAG = lazy_compile(r"<[A-Za-z/!]")
_TAGS = lazy_compile(r"<[^>]*>")
_ESCAPED_TAG = lazy_compile(r"&lt;/?[a-z][a-z0-9]*(?:\s|/?&gt;)", re.IGNORECASE)
_ESCAPED_TEXT_TAG = lazy_compile(
    r"&lt;/?(?:p|br|li|ul|ol|div|span|strong|b|em|i|u|h[1-6]|table|tr|td)\s*/?&gt;",
    re.IGNORECASE)
_SWALLOWERS = "template|script|style|textarea|title|xmp|iframe|noembed|noframes|noscript|plaintext"
_SWALLOWING = lazy_compile(rf"<({_SWALLOWERS})\b", re.IGNORECASE)
_SWALLOWING_END = lazy_compile(rf"</((?!plaintext)(?:{_SWALLOWERS}))\b", re.IGNORECASE)
_PERIODS = {"HOUR": "an hour", "DAY": "a day", "WEEK": "a week", "MONTH": "a month",
            "YEAR": "a year"}


def data_posting(structured: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The page's one JSON-LD JobPosting, when it holds a description (None when there is
    none, or several: which is the page's own is then not known). Its copies, the same
    description given again, are the one posting; it is the first, the one the
    extraction reads, so that the text and the fields come from the one posting."""
    if not structured:
        return None
    first = structured[0]
    text = first.get("description")
    if first.get("@source") == "microdata" or not isinstance(text, str) or not text.strip():
        return None
    return first if all(p.get("description") == text for p in structured[1:]) else None


def shown_by_page(posting: dict[str, Any], shown: str, titles: list[str | None]) -> bool:
    """Is the data's posting the one the page shows? Surely when the body's text
    (``shown``) holds (nearly) no words the data's do not, or when the data's title is
    the page's (one of ``titles``: its og:title or <title>, its <h1>). A short posting in
    the body and the data of another job (a board's "similar job" left in its JSON-LD)
    are not the same posting: the body's is kept."""
    words = set(_WORDS.findall(shown.lower()))
    if len(words) <= _OWN_WORDS:
        return True
    title = _plain(posting.get("title"))
    name = " ".join(_WORDS.findall((title or "").lower()))
    if name and any(f" {name} " in " " + " ".join(_WORDS.findall(page.lower())) + " "
                    for page in titles if page):
        return True
    return len(words - set(_WORDS.findall(_data_words(posting)))) <= _OWN_WORDS


_WORDS = lazy_compile(r"\w+")
_OWN_WORDS = 4  # the words of its own a page that shows no posting holds ("Loading…")


def _data_words(posting: dict[str, Any]) -> str:
    """The words of the data's head and description, in lower case."""
    text = _TAGS.sub(" ", html.unescape(html.unescape(data_html(posting))))
    return text.lower()


def data_html(posting: dict[str, Any]) -> str:
    """The posting's head and description as one piece of HTML, to be cleaned as any
    page's: the head's values escaped, the description's HTML as the data holds it."""
    head = []
    title = _plain(posting.get("title"))
    if title:
        head.append(f"<h1>{html.escape(title)}</h1>")
    facts = [(label, value) for label, value in (
        ("Company", _plain(_name(posting.get("hiringOrganization")))),
        ("Location", _place(posting)),
        ("Pay", _pay(posting.get("baseSalary"), posting.get("salaryCurrency"))),
    ) if value]
    if facts:
        items = "".join(f"<li>{label}: {html.escape(value)}</li>" for label, value in facts)
        head.append(f"<ul>{items}</ul>")
    return "".join(head) + f"<div>{_description_html(posting['description'])}</div>"


def _description_html(text: str) -> str:
    """A description as HTML: as written when it holds tags; unescaped when it is
    escaped HTML as a whole ("&lt;p&gt;…", once or twice over); else plain text set out
    in paragraphs and lines, its entities read ("&lt;template&gt;" is "<template>" in
    words). A tag that would swallow the rest of the text (an unclosed <template>,
    <script>, <style>, <textarea>) is written as text."""
    if not _TAG.search(text):
        markup = _unescaped_markup(text)
        if markup is None:
            return _plain_html(html.unescape(text))
        text = markup
    return _unswallowing(text)


def _unescaped_markup(text: str) -> str | None:
    """The HTML a description escaped as a whole holds (escaped once, or twice the same
    way: "&amp;lt;p&amp;gt;"), or None when it is not escaped HTML."""
    for _ in range(2):
        once = html.unescape(text)
        if once == text:
            return None
        if _TAG.search(once):
            return once if _escaped_html(text) else None
        text = once
    return None


def _escaped_html(text: str) -> bool:
    """Is the text escaped HTML as a whole: it opens with an escaped tag, or its escaped
    tags are the markup of text (paragraphs, lines, lists, emphasis), two or more?"""
    opened = _ESCAPED_TAG.match(text.lstrip())
    return bool(opened) or len(_ESCAPED_TEXT_TAG.findall(text)) >= 2


def _plain_html(text: str) -> str:
    paragraphs = re.split(r"\n\s*\n", text.strip())
    return "".join("<p>" + "<br>".join(html.escape(line) for line in p.split("\n")) + "</p>"
                   for p in paragraphs)


def _unswallowing(markup: str) -> str:
    """``markup`` with each tag that takes all text up to its end tag as its own
    (<template>, <script>, ...) kept only when such an end tag follows it; else its "<"
    written as text, so that the words after it stay."""
    last_end = {found.group(1).lower(): found.start() for found in _SWALLOWING_END.finditer(markup)}

    def closed_or_text(tag: re.Match[str]) -> str:
        if last_end.get(tag.group(1).lower(), -1) > tag.start():
            return tag.group(0)
        return "&lt;" + tag.group(0)[1:]

    return _SWALLOWING.sub(closed_or_text, markup)


def _name(value: Any) -> Any:
    return value.get("name") if isinstance(value, dict) else value


def _plain(value: Any) -> str | None:
    """A value of the data as text: a list's first, a thing's name, tags and entities
    read as text."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value") or value.get("value")
    if value is None or isinstance(value, (dict, list, bool)):
        return None
    text = normalise_space(html.unescape(_TAGS.sub(" ", str(value))))
    return text or None


def _place(posting: dict[str, Any]) -> str | None:
    """Where the work is: each place's address, and "Remote" (with the countries it is
    open to) for work from home."""
    places = []
    locations = posting.get("jobLocation")
    for item in locations if isinstance(locations, list) else [locations]:
        address = item.get("address", item) if isinstance(item, dict) else item
        if isinstance(address, dict):
            parts = [_plain(address.get(key)) for key in
                     ("streetAddress", "addressLocality", "addressRegion", "addressCountry")]
            address = ", ".join(part for part in parts if part)
        place = _plain(address)
        if place and any(c.isalpha() for c in place):
            places.append(place)
    if "telecommute" in (_plain(posting.get("jobLocationType")) or "").lower():
        needs = posting.get("applicantLocationRequirements")
        areas = [a for a in (_plain(_name(n)) for n in
                             (needs if isinstance(needs, list) else [needs])) if a]
        places.append("Remote" + (f" ({', '.join(areas)})" if areas else ""))
    return "; ".join(dict.fromkeys(places)) or None


def _pay(salary: Any, currency: Any) -> str | None:
    """The pay as the data states it: "105,000–125,000 CAD a year"."""
    if not isinstance(salary, dict):
        return None
    amount = salary.get("value", salary)
    unit = salary.get("unitText")
    if isinstance(amount, dict):
        unit = amount.get("unitText", unit)
        low = amount.get("minValue", amount.get("value"))
        high = amount.get("maxValue")
    else:
        low, high = amount, None
    written = [a for a in (_amount(low), _amount(high)) if a]
    if not written:
        return None
    code = _plain(salary.get("currency")) or _plain(currency)
    period = _PERIODS.get(str(unit).upper()) if isinstance(unit, str) else None
    return " ".join(p for p in ("–".join(dict.fromkeys(written)), code, period) if p)


def _amount(value: Any) -> str | None:
    """An amount of pay as written in the head, or None when it is no sane amount:
    nothing, zero (a placeholder), below zero, not finite or past any pay."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, str):
        text = _plain(value)
        if not text or len(text) > _WRITTEN or not any(c.isdigit() for c in text):
            return None
        try:
            value = float(text.replace(",", ""))
        except ValueError:
            return text  # (as the data writes it: "50K")
    if not isinstance(value, int | float) or not 0 < value < _MOST_PAY:
        return None  # (a NaN compares false both ways)
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


_MOST_PAY = 1e12  # more than any pay, in any currency
_WRITTEN = 30  # the most characters of an amount written as text
