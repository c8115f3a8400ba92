"""What the HTML parser is not given: pages it would take minutes on.

The parser's time grows with the square of how deep elements nest and of how many
attributes one element has: 100,000 nested list items (800 KB) or one element with
500,000 attributes (6 MB) take it minutes. No posting comes near the limits here,
so a page past them is refused with the reason, before it is parsed. The checks
are cheap: a page with few tags is not scanned at all.
"""

from __future__ import annotations

import re

from reviewer.core.words.regex import lazy_compile

MAX_DEPTH = 4_000  # elements open inside one another
MAX_ATTRIBUTES = 2_000  # attributes of one element
_LONG_TAG = lazy_compile(r"<[a-zA-Z][^<>]{20000}")  # only such a tag can hold that many
_TAG = lazy_compile(r"<(/?)([a-zA-Z][a-zA-Z0-9:-]*)[^<>]*?(/?)>")
_RAW_TEXT = {name: re.compile(rf"</{name}", re.I)  # their text is not markup
             for name in ("script", "style", "textarea", "title", "xmp")}
# elements that hold nothing, and those a parser closes by itself when the next of
# their kind (or their parent's end) comes, so that unclosed ones do not nest
_NO_DEPTH = frozenset(
    "area base br col embed hr img input link meta param source track wbr "
    "p li dt dd option optgroup tr td th thead tbody tfoot colgroup caption rb rt rp rtc "
    "html head body".split())


class PageRefused(ValueError):
    """A page the parser is not given; the message says why, for a person."""


def check_page(html: str) -> None:
    """Raise ``PageRefused`` for a page nested too deep or with an element of too many
    attributes."""
    for long_tag in _LONG_TAG.finditer(html):
        close = html.find(">", long_tag.start())
        tag = html[long_tag.start():close if close != -1 else len(html)]
        attributes = len(re.findall(r"\s[^\s=/>]+", tag))
        if attributes > MAX_ATTRIBUTES:
            raise PageRefused(f"an element of the page has {attributes:,} attributes "
                              f"(over {MAX_ATTRIBUTES:,})")
    if html.count("<") <= MAX_DEPTH:
        return
    depth = deepest = pos = 0
    while (match := _TAG.search(html, pos)) is not None:
        pos = match.end()
        closing, name, empty = match.group(1), match.group(2).lower(), match.group(3)
        if closing:
            if name not in _NO_DEPTH and depth:
                depth -= 1
            continue
        if name in _RAW_TEXT:  # skip to its end
            raw_end = _RAW_TEXT[name].search(html, pos)
            pos = raw_end.start() if raw_end is not None else len(html)
            continue
        if empty or name in _NO_DEPTH:
            continue
        depth += 1
        if depth > deepest:
            deepest = depth
            if deepest > MAX_DEPTH:
                raise PageRefused(f"the page nests elements over {MAX_DEPTH:,} deep")
