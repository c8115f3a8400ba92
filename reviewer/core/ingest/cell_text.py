"""A data file's cell as the text it means, where its writer put it in HTML's clothes.

A page cell of HTML written with every tag escaped (``&lt;p&gt;Cook&lt;/p&gt;``, as job
boards' APIs and many scrapers ship their descriptions) is markup once unescaped:
``escaped_html`` says so and gives it, unescaped once (``&amp;amp;`` becomes the
``&amp;`` the markup holds, never a bare ``&``).

A mapped cell (a title, a company, a place) is read as plain text: ``plain`` takes out
its tags and unescapes its entities, so that ``R&amp;D`` is "R&D" and ``S&atilde;o
Paulo`` one place, not two parted at its ``;``. Only tags of HTML's own elements are
tags: "<5 years" and "<REQ-1>" are text. A name's last line that is a number alone is a
rating, not the name's (``without_number_line``).
"""

from __future__ import annotations

import html
import re
from typing import Any

# HTML's elements that writers put in text (no site's own): what a tag is named
_TAG_NAMES = (
    "a|abbr|address|article|aside|b|big|blockquote|body|br|caption|center|cite|code|col"
    "|colgroup|dd|del|details|dfn|div|dl|dt|em|figcaption|figure|font|footer|h[1-6]|head"
    "|header|hr|html|i|img|ins|kbd|label|li|main|mark|nav|ol|p|pre|q|s|samp|section|small"
    "|span|strike|strong|sub|summary|sup|table|tbody|td|tfoot|th|thead|tr|tt|u|ul|wbr")
_BLOCKS = frozenset(  # a tag of these parts lines ("<li>Python</li><li>SQL</li>": two)
    "address article aside blockquote body br caption dd details div dl dt figcaption "
    "figure footer h1 h2 h3 h4 h5 h6 header hr html li main nav ol p pre section summary "
    "table tbody td tfoot th thead tr ul".split())
_TAG = re.compile(rf"<(/?)({_TAG_NAMES})(?:\s[^<>]*)?/?>|<!--.*?-->", re.I | re.S)
_ESCAPED_TAG = re.compile(rf"&lt;(/?)(?:{_TAG_NAMES})(?:\s|/?&gt;)", re.I)
# an entity written whole, its ";" too ("AT&T", "R&D" and "&copy2" are text)
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_DEPTH = 4  # levels of a JSON cell (a list of places, each an object) read as text
_NUMBER_LINE = re.compile(r"\n\s*[+\-]?\d+(?:[.,]\d+)?\s*[★☆]?$")


def escaped_html(text: str) -> str | None:
    """The markup of a page cell that is HTML written with its tags escaped, unescaped
    once; None for any other cell. Such a cell holds no ``<`` of its own and starts with
    an escaped tag, or holds two of them, one closing."""
    if "&lt;" not in text or "<" in text:
        return None
    tags = _ESCAPED_TAG.finditer(text)
    first = next(tags, None)
    if first is None:
        return None
    starts = not text[:first.start()].strip()
    if not starts and not any(tag.group(1) for tag in (first, *tags)):
        return None
    return html.unescape(text)


def plain(cell: Any, depth: int = 0) -> Any:
    """A mapped cell as plain text: its tags taken out (a block's as a line break) and its
    entities unescaped, once; the text of a list's or an object's cells the same."""
    if isinstance(cell, str):
        if "<" not in cell and "&" not in cell:  # most cells
            return cell
        text = _TAG.sub(_tag_break, cell) if "<" in cell else cell
        return _ENTITY.sub(lambda m: html.unescape(m.group()), text) if "&" in text else text
    if depth >= _DEPTH:
        return cell
    if isinstance(cell, list | tuple):
        return [plain(item, depth + 1) for item in cell]
    if isinstance(cell, dict):
        return {key: plain(value, depth + 1) for key, value in cell.items()}
    return cell


def without_number_line(name: str) -> str:
    """A name without a last line that is a number alone ("Visa Inc.\\n2.9"): a site's
    rating put under the name, no part of it. The name before it is whole, so it is kept
    rather than left out (the rating has a column of its own where a site gives one)."""
    return _NUMBER_LINE.sub("", name.rstrip()) if "\n" in name else name


def _tag_break(tag: re.Match[str]) -> str:
    name = (tag.group(2) or "").lower()
    return "\n" if name in _BLOCKS else ""


__all__ = ["escaped_html", "plain", "without_number_line"]
