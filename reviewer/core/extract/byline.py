"""A job board's byline, "Posted by Acme Ltd on Fri, 27 Jan 2017", and the date a
"Posted …", "Published …" or "Listed …" line gives: who posted the posting, and when."""

from __future__ import annotations

import re

from reviewer.core.extract.dates import find_date
from reviewer.core.extract.document import Document
from reviewer.core.schema import Finding
from reviewer.core.words.european import POSTED_CUES
from reviewer.core.words.regex import fold_case, lazy_compile

_BYLINE = lazy_compile(r"\bposted by\s+(?P<who>.{2,80}?)\s+on\s+(?P<when>.{6,40})", re.I)


def byline(doc: Document) -> tuple[str, str | None] | None:
    """"Posted by Acme Ltd on Fri, 27 Jan 2017": (company, ISO date)."""
    for text in [*doc.context[:15], *(b.text for b in doc.blocks[:15])]:
        match = _BYLINE.search(text) if "posted by" in fold_case(text) else None
        if match:
            date = find_date(match.group("when"))
            return match.group("who").strip(" .,"), date[0] if date else None
    return None


# ("Veröffentlicht am …", "Publiée le …"; the words a line must hold first are ASCII pieces
# of them, as a text with capitals and accents holds them)
_POSTED = lazy_compile(r"\b(?:" + "|".join(("posted", "published", "listed", *POSTED_CUES))
                       + r")\b.{0,60}", re.I)
_POSTED_WORDS = ("posted", "listed", "publi", "pubbli", "ffentlicht", "geplaatst", "opublikowano")


def byline_date(doc: Document) -> Finding | None:
    posted_by = byline(doc)
    if posted_by is not None and posted_by[1]:
        return Finding(posted_by[1], doc.spans_of(posted_by[1]), 0.8, "structure")
    for line in doc.context[:15]:
        if date := _posted_date(line):
            return Finding(date, doc.spans_of(date), 0.7, "structure")
    for block in doc.blocks[:15]:
        if date := _posted_date(block.text):
            return Finding(date, [block.span], 0.7, "structure")
    return None


def _posted_date(text: str) -> str | None:
    """The ISO date of a "Posted …" / "Published …" / "Listed …" line, if it has one."""
    low = fold_case(text)
    match = _POSTED.search(text) if any(w in low for w in _POSTED_WORDS) else None
    date = find_date(match.group()) if match else None
    if date is None or _OTHER_DATE.search(match.group(), 0, date[1][0]):  # type: ignore[union-attr]
        return None  # "Posted 3 days ago · Closes 15 March": the date of another thing
    return date[0]


_OTHER_DATE = lazy_compile(r"(?i)clos|deadline|expir|until|apply by|due\b|start|begin")
