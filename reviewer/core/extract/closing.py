"""The last day to apply, as a line of the posting states it in words rather than after a
label: "Applications close October 31, 2025", "open until 2025-04-09", "Bewerbungen bitte
bis 20.03.2026", "Candidaturas até 31/03/2026"."""

from __future__ import annotations

import re

from reviewer.core.extract.dates import find_closing_date
from reviewer.core.extract.document import Document
from reviewer.core.schema import Finding, Span
from reviewer.core.words.european import CLOSING_CUES
from reviewer.core.words.regex import edge_words, fold_case, lazy_compile

_DEADLINE = lazy_compile(  # on the folded text
    edge_words(("apply by", "applications? (?:close|closes|closing|due|deadline)", "deadline",
                "closing date", "no later than", "submit .{0,40} by",
                "accepted (?:until|through|till)", "accepting applications (?:until|through|till)"))
    + r"\b.{0,50}")
# the days a posting takes applications in: its last ("This posting is open until
# 2025-04-09"), a range's end ("Applications accepted January 5 – January 30, 2026")
_OPEN = lazy_compile(edge_words(("open (?:until|through|till)", "applications? (?:are )?accepted",
                                 "accepting applications")) + r"\b.{0,60}")
_RANGE_MARK_BEFORE = lazy_compile(r"(?:[-–—]|\b(?:to|through|until|till))\s*$", re.I)
# … and in the other languages of Europe ("Søknadsfrist 1. april", "Zgłoszenia do 15 marca")
_CUES = lazy_compile(edge_words(CLOSING_CUES) + r".{0,50}")
_DEADLINE_WORDS = ("apply by", "application", "deadline", "closing date", "no later than",
                   "submit", "closes", "closing", "accept", "open until", "open through",
                   "open till", *CLOSING_CUES)


def closing_date(doc: Document) -> Finding | None:
    """The last day to apply the first line that states one gives (``_closing_date``)."""
    low = doc.markdown.lower()
    if not any(w in low for w in _DEADLINE_WORDS):
        return None
    for block in doc.blocks:
        low = block.text.lower()
        date = _closing_date(block.text) if any(w in low for w in _DEADLINE_WORDS) else None
        if date:
            return Finding(date[0], doc.block_span(block, date[1]), 0.6, "pattern")
    return None


def _closing_date(text: str) -> tuple[str, Span] | None:
    """The last day to apply a line states, with the span of its words from the cue's:
    "Applications close October 31, 2025", "open until 2025-04-09", the end of the days
    applications are accepted in (not the first of them: "accepted from 5 January")."""
    folded = fold_case(text)
    for pattern in (_DEADLINE, _OPEN, _CUES):
        match = pattern.search(folded)
        date = find_closing_date(text[match.start():match.end()]) if match else None
        if match is None or date is None:
            continue
        if pattern is _OPEN and not folded.startswith("open", match.start()) and \
                not _RANGE_MARK_BEFORE.search(text, match.start(), match.start() + date[1][0]):
            continue
        return date[0], (match.start(), match.start() + date[1][1])
    return None
