"""Step 2 of cleaning a text dump: what kind of line each is and how much it counts
for the posting (see ``text``). Sentences and bullets of some length count for it;
menus, sign-in forms, footers, pickers and short link lines count against it."""

from __future__ import annotations

import functools
import re

from reviewer.core.clean.text_markdown import (
    ALLCAPS_LABEL,
    BULLET,
    LABEL,
    Line,
)
from reviewer.core.words.lexicon import (
    boilerplate_reason,
    long_line_boilerplate,
    section_field,
)
from reviewer.core.words.regex import lazy_compile
from reviewer.core.words.text import MD_LINK

WORD = lazy_compile(r"[^\W\d_][\w'’-]*")
_RULE = lazy_compile(r"^\s*([-=_*~━─═#.])\1{4,}\s*$")
_CONTACT = lazy_compile(
    r"@|\b(?:tel|phone|fax|e-?mail|mob(?:ile)?)\b\.?\s*:|\+?\(?\d{2,4}\)?[\s.-]\d{2,4}[\s.-]\d{2,5}|"
    r"\b\d{1,5}\s+\w+\s+(?:street|st\.?|avenue|ave\.?|road|rd\.?|boulevard|blvd\.?|lane|drive|"
    r"way|broadway|park|square|place|plaza)\b|\b[A-Z]{2}\s+\d{5}\b|\bsuite\s+\d+|\bp\.?o\.? box\b",
    re.I,
)
JOB_LABELS = lazy_compile(
    r"^(job ?title|title|position( title)?|role|location|position location|job location|"
    r"locations?|department|team|job category|category|division|posted|date posted|"
    r"posting date|opening date|closing date|deadline|application deadline|apply by|"
    r"salary|remuneration|compensation|pay|weekly hours|work hours|hours|schedule|"
    r"employment type|job type|contract type|type|role number|job id|job number|req(uisition)?"
    r"( id| number| #)?|reference( code| number)?|announcement (code|number)|start date|"
    r"duration|term|open to|reports to|experience|education|level|seniority|"
    r"company|employer|organi[sz]ation)$",
    re.I,
)


def classify(line: Line, wrap_at: int = 10**6) -> None:
    if line.kind == "blank":
        return
    wrapped = len(line.text.rstrip()) >= wrap_at
    line.kind, line.score, line.reason = _judge(line.text.strip(), wrapped)


@functools.lru_cache(maxsize=65536)
def _judge(text: str, wrapped: bool) -> tuple[str, float, str | None]:
    """(kind, score, reason) of one line; a pure function of its text, so cached:
    later passes and a site's repeated menus and footers cost nothing."""
    body = BULLET.sub("", text)
    words = WORD.findall(body)
    if _RULE.match(text) or (not words and not _DIGIT.search(text)):
        return "rule", -1.0, None
    bare = MD_LINK.sub(r"\1", body).strip(" |•·>›»-–—*_")
    if "](" in body:
        words = WORD.findall(bare)
    n = len(words)
    # a long line is furniture only for a few reasons (a footer, a form marker)
    reason = boilerplate_reason(bare) if n <= 10 else long_line_boilerplate(bare)
    if reason:
        return "text", -4.0, reason
    kind = "bullet" if BULLET.match(text) else "text"
    if n <= 15 and _MD_HEADING.match(text):
        return "heading", 2.0, None
    label = LABEL.match(body) or ALLCAPS_LABEL.match(body)
    if label and JOB_LABELS.match(label.group(1).strip()):
        return "label", 5.0, None
    if n <= 12 and ("@" in body or ":" in body or _DIGIT.search(body)) and \
            _CONTACT.search(body):
        return kind, 0.0, None  # an address, phone or e-mail: how to apply
    if n <= 8 and kind != "bullet" and section_field(body, loose=False)[0]:
        return "heading", 3.0, None
    if label and label.group(1).isupper() and len(label.group(1)) > 3:
        return "label", (2.5 if n > 2 else 1.0), None
    sentence = n >= 12 or bool(_SENTENCE.search(body))
    if n >= 8 and sentence:
        return kind, min(n / 5.0, 8.0), None
    if kind == "bullet" and n >= 4:
        return kind, min(n / 5.0, 4.0), None
    if n >= 5 and sentence:
        return kind, 0.5, None
    if n >= 6 and wrapped:
        return kind, 1.0, None  # a hard-wrapped line of prose, cut before its stop
    return kind, (-1.5 if n <= 3 else -0.5), None


_DIGIT = lazy_compile(r"\d")


_MD_HEADING = lazy_compile(r"#{1,6} \S")


_SENTENCE = lazy_compile(r"[a-z][.!?;,]")
