"""The page-title stage: the title, employer and place a page's title names
(``page_title.read_title``) put among the posting's values.

Lines of the page's chrome outside the posting (``Document.context``) are read the same
way when a cue marks them as such a title, and so is a mail's subject. Values carry the
place the posting's text states them as evidence, and a confidence below the labelled
and structural stages' but above the prose stage's: the stage replaces only a weaker
value.
"""

from __future__ import annotations

import re
from dataclasses import replace

from reviewer.core.extract.document import Document
from reviewer.core.extract.mail_subject import is_reply, names_a_post, subject_title
from reviewer.core.extract.page_title import read_title
from reviewer.core.schema import Finding
from reviewer.core.words.lexicon import has_job_noun
from reviewer.core.words.regex import lazy_compile

STAGE = "page-title"
_FIELDS = ("title", "company", "locations")
# a cue or a separated title: below a labelled line (0.8-0.9) and the page's structure,
# above the prose stage (0.4-0.45)
CONFIDENCE = 0.6
_LONE = 0.5  # a title with no separator: the old fallback's confidence
_NAMED = 0.55  # an employer by position, that the posting names
_UNNAMED = 0.35  # an employer by position alone: only where no stage found one

_CUE = lazy_compile(r" (?:hiring|[Jj]obs?|[Cc]areers?|at|in|bei|with|@) ")



def from_page_title(doc: Document, have: dict[str, Finding]) -> dict[str, Finding]:
    """Title, company and place from the page's title (or a board's line in its chrome),
    for each field empty or found with a lower confidence than this stage's."""
    if all(name in have and have[name].confidence >= CONFIDENCE for name in _FIELDS):
        return {}  # nothing here could replace what the stages above found
    readings = [read_title(doc.page_title)] if doc.page_title else []
    if (subject := subject_title(doc)) and names_a_post((r := read_title(subject, True)).role):
        if is_reply(doc):  # (a reply's subject is the answered mail's words: no employer)
            r = replace(r, company=None, maybe_company=None)
        readings.append(r)  # a mail's subject, as its sender wrote the title
    # a line of the page's chrome, when cues make it such a title ("Acme hiring … in …")
    readings += [r for line in doc.context[:12] if len(line) <= 200 and _CUE.search(line)
                 and (r := read_title(line)).cued and r.role and (r.company or r.place)]
    found: dict[str, Finding] = {}

    def put(name: str, value: object, written: str, confidence: float) -> None:
        better = found.get(name) or have.get(name)
        if better is not None and better.confidence >= confidence:
            return
        found[name] = Finding(value, doc.spans_of(written), confidence, STAGE)

    for reading in readings:
        if reading.company:
            put("company", reading.company, reading.company, CONFIDENCE if not
                reading.by_position else _NAMED if _names(doc, reading.company) else _UNNAMED)
        elif reading.maybe_company and _names(doc, reading.maybe_company):
            put("company", reading.maybe_company, reading.maybe_company, _NAMED)
        if reading.role:
            role = _without_employer(reading.role, found.get("company") or have.get("company"))
            if role:
                put("title", role, role, _LONE if reading.lone else CONFIDENCE)
        if reading.place and reading.place_written:
            written = reading.place_written if doc.locate(reading.place_written) else \
                reading.place.split(",")[0]
            put("locations", [reading.place], written, CONFIDENCE - 0.05)
    return found


def _without_employer(role: str, company: Finding | None) -> str:
    """"Acme Data Engineer" is the role "Data Engineer" where Acme is the employer; a
    title that is the employer's name alone ("Acme") names no role."""
    name = company.value if company is not None else None
    if not isinstance(name, str):
        return role
    if role.casefold() == name.casefold():
        return ""
    if role.startswith(name + " ") and has_job_noun(role[len(name) + 1:]):
        return role[len(name) + 1:]
    return role


def _names(doc: Document, name: str) -> bool:
    """Does the posting's text name ``name`` (as a word, as written)?"""
    return re.search(r"(?<!\w)" + re.escape(name) + r"(?!\w)", doc.markdown) is not None
