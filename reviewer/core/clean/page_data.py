"""What an HTML page says about itself: its title, and a schema.org JobPosting it
embeds as JSON-LD or as microdata (both given in the JSON-LD shape, so that the one
JSON-LD stage of extraction reads either)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from selectolax.lexbor import LexborHTMLParser, LexborNode

from reviewer.core.words.regex import lazy_compile
from reviewer.core.words.text import normalise_space


def page_title(tree: LexborHTMLParser) -> str | None:
    """The og:title, or the <title> when it holds the og:title and more (a board's
    "Data Engineer - Acme - Austin, TX | Jobfinder" beside "Data Engineer")."""
    titles = []
    for sel, attr in (('meta[property="og:title"]', "content"), ("title", None)):
        node = tree.css_first(sel)
        if node is None:
            continue
        value = node.attributes.get(attr) if attr else node.text()
        if value and value.strip():
            titles.append(normalise_space(value))
    if len(titles) == 2 and titles[0] in titles[1]:
        return titles[1]
    return titles[0] if titles else None


def page_titles(tree: LexborHTMLParser, structured: list[dict[str, Any]]) -> list[str]:
    """Every title the page gives itself: its og:title, its <title>, the title of each
    JobPosting it embeds. (The posting's title heading is the one that names the page.)"""
    titles = []
    for sel, attr in (('meta[property="og:title"]', "content"), ("head title", None)):
        node = tree.css_first(sel)
        value = None if node is None else node.attributes.get(attr) if attr else node.text()
        if value and value.strip():
            titles.append(normalise_space(value))
    titles += [normalise_space(item["title"]) for item in structured
               if isinstance(item.get("title"), str) and item["title"].strip()]
    return titles


def json_ld(tree: LexborHTMLParser) -> list[dict[str, Any]]:
    """The JobPostings of the page's JSON-LD blocks. A block JSON cannot read (broken,
    or nested past what it reads) is passed over; half of a surrogate pair escaped on its
    own (``\\ud800``), which no text can hold, is read as U+FFFD; the escape of a control
    character (``\\u001b``) as nothing."""
    found: list[dict[str, Any]] = []
    for node in tree.css('script[type="application/ld+json"]'):
        raw = node.text() or ""
        if "\\u" in raw or "\\U" in raw:  # (no \u escape: nothing to put right)
            raw = _ODD_ESCAPE.sub(_text_can_hold, raw)
        try:
            found.extend(list(_job_postings(json.loads(raw, strict=False))))
        except (ValueError, RecursionError):
            continue
    return found


# in a JSON string: an escaped backslash (passed over whole: "\\u001b" is text), the
# escape of a control character no text shows (not a tab or a line break), of a high
# surrogate not followed by a low one, or of a low one after none
_ODD_ESCAPE = lazy_compile(
    r"(?i)(?P<backslash>\\\\)|(?P<control>\\u00(?:0[0-8bef]|1[0-9a-f]|7f))"
    r"|\\ud[89ab][0-9a-f]{2}(?!\\ud[c-f][0-9a-f]{2})"
    r"|(?<!\\ud[89ab][0-9a-f]{2})\\ud[c-f][0-9a-f]{2}")


def _text_can_hold(escape: re.Match[str]) -> str:
    if escape["backslash"]:
        return escape["backslash"]
    return "" if escape["control"] else "\\ufffd"


def microdata(tree: LexborHTMLParser) -> list[dict[str, Any]]:
    """A schema.org JobPosting written as microdata (itemscope/itemprop), in the same
    shape as JSON-LD, so the one JSON-LD stage reads both."""
    scope = tree.css_first('[itemtype*="schema.org/JobPosting" i]')
    if scope is None:
        return []
    values = _item_values(scope)
    return [{"@type": "JobPosting", "@source": "microdata", **values}] if values else []


_MAX_ITEM_DEPTH = 8  # items inside items read as items; deeper, an item is its text


def _item_values(scope: LexborNode, depth: int = 0) -> dict[str, Any]:
    """The properties of the item ``scope``, the first of each name in the page's order:
    those inside it but not inside an item within it (whose own they are)."""
    values: dict[str, Any] = {}
    stack = list(reversed(list(scope.iter())))
    while stack:
        node = stack.pop()
        attrs = node.attributes
        name = (attrs.get("itemprop") or "").split()
        item = "itemscope" in attrs
        if name and name[0] not in values:
            values[name[0]] = _item_values(node, depth + 1) \
                if item and depth < _MAX_ITEM_DEPTH else _item_value(node)
        if not item:
            stack.extend(reversed(list(node.iter())))
    return values


def _item_value(node: LexborNode) -> str:
    attrs = node.attributes
    for key in ("content", "datetime", "value"):
        if attrs.get(key):
            return str(attrs[key])
    return normalise_space(node.text(deep=True, separator=" ") or "")


def _job_postings(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _job_postings(item)
    elif isinstance(data, dict):
        kind = data.get("@type")
        kinds = kind if isinstance(kind, list) else [kind]
        if "JobPosting" in kinds:
            yield data
        for key in ("@graph", "mainEntity", "itemListElement"):
            if key in data:
                yield from _job_postings(data[key])
