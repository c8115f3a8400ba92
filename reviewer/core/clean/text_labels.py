"""The labels of a text dump's lines: "Label: value" in any script ("Location: Berlin",
"公司：北京科技有限公司", "Компания: …"), the labels of a posting's own facts, and the short
answers a label takes on its own line."""

from __future__ import annotations

import re

from reviewer.core.words.regex import lazy_compile
from reviewer.core.words.text import DIRECTION_MARKS, mark_class

LABEL = lazy_compile(r"^\s*([A-Z][A-Za-z0-9 &/()'’.-]{1,40}?)\s*:\s*(.*)$")
ALLCAPS_LABEL = lazy_compile(r"^\s*([A-Z][A-Z0-9 &/()'’.,-]{2,50}?)\s*:\s*(.*)$")
# the labels of a posting's own facts: a line so labelled keeps its value on its line
JOB_LABELS = lazy_compile(
    r"^(job ?title|title|position( title)?|role|location|position location|job location|"
    r"work location|office location|base salary|annual salary|pay rate|hourly rate|"
    r"locations?|department|team|job category|category|division|posted|date posted|"
    r"posting date|opening date|closing date|deadline|application deadline|apply by|"
    r"salary|remuneration|compensation|pay|weekly hours|work hours|hours|schedule|"
    r"employment type|job type|contract type|position type|work type|type|role number|job id|"
    r"job number|req(uisition)?"
    r"( id| number| #)?|reference( code| number)?|announcement (code|number)|start date|"
    r"duration|term|open to|reports to|experience|education|level|seniority|"
    r"company|employer|organi[sz]ation)$",
    re.I,
)
# the labels of those facts that are names: an employer, a place, a team
NAME_LABELS = lazy_compile(
    r"^(company|employer|organi[sz]ation|hiring (company|organi[sz]ation)|locations?|"
    r"(position|job|work|office) location|department|team|division)$", re.I)
# a label of Chinese, Japanese or Korean text: a short phrase before a colon, full-width as
# such text writes it ("公司：北京科技有限公司")
CJK_LABEL = lazy_compile(
    r"^\s*([\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af]{1,10})\s*[：:]\s*(.*)$")


# a label of any other script: up to four words before a colon, its first letter not a
# small one ("Компания:", "Ubicación:"; Arabic, Hebrew and Devanagari have no case)
_LETTERS = lazy_compile(lambda: rf"(?:[\w'’.&/()-]|{mark_class()})+")
SCRIPT_LABEL = lazy_compile(lambda: (
    rf"^\s*((?=[^\W\d_]){_LETTERS.pattern}(?: {_LETTERS.pattern}){{0,3}}?)\s*[:：]\s*(.*)$"))


# an answer a label takes on its own line: yes or no, a number, a date, a word or two; not
# the number or letter of a list's first item ("1.", "a)")
_ANSWER = lazy_compile(
    r"(?!(?:\d{1,3}|[A-Za-z])[.)]$)(?:"
    r"(?i:yes|no|n/?a|none|nil|tbd|tba|not applicable)\.?"
    r"|[<>≤≥~+$£€]?\s?\d[\d.,/:-]*\s?(?:%|\+|[A-Za-z]{1,12}\.?)?"
    r"|(?:\d{1,2}(?:st|nd|rd|th)?\s)?[A-Z][a-z]{2,9}\.?(?:\s\d{1,2}(?:st|nd|rd|th)?)?,?\s\d{4}"
    r"|[\w'’&/.+-]+(?:\s[\w'’&/.+-]+)?)")


def short_answer(value: str) -> bool:
    """Is ``value`` a short answer on its label's line (yes or no, "N/A", "<10%", "3
    years", "15 March 2025", a word or two), not the first words of a section? A list
    ("Health, dental"), words running into the next line and the number of a list's
    first item ("1.") are a section's."""
    return _ANSWER.fullmatch(value.strip()) is not None


def label_match(text: str) -> re.Match[str] | None:
    """``text`` read as "Label: value" (its groups: the label, the value), or None."""
    if ":" not in text and "：" not in text:
        return None
    text = text.lstrip(DIRECTION_MARKS) if text[:1] in DIRECTION_MARKS else text
    found = LABEL.match(text) or ALLCAPS_LABEL.match(text) or CJK_LABEL.match(text)
    if found is None and not text.isascii():
        found = SCRIPT_LABEL.match(text)
        if found and (found.group(1).isascii() or found.group(1)[0].islower()
                      or len(found.group(1)) > 40):
            return None
    return found
