"""Department: what reads as one, and the team a posting's sentences place the role in.

A sentence places the role when it says the person joins or sits in the team: "You
will join our Data Platform team", "a role in the business development team", "sits
within the Finance department", "as a member of the Customer Success team"; or names
the employer's own unit: "expanding our Marketing Department", "to support its Sales
Team". A team the role only works with ("with the sales team") places nothing, nor
do several teams at once ("the product and marketing teams"). The name must hold a
department word (sales, engineering, finance …) and read as a name, not as a job, a
place or a kind of contract. When the sentences place the role in two different
teams, none is taken (a wrong department is worse than none); a unit named within
another ("the Education Department", "its Education Operations team") is no conflict,
and the first one stated is taken.
"""

from __future__ import annotations

import re

from reviewer.core.extract.document import Document
from reviewer.core.extract.labels import starts_with_label
from reviewer.core.extract.salary import find_salary
from reviewer.core.extract.vocab import employment_type, remote_mode
from reviewer.core.schema import Finding
from reviewer.core.words.lexicon import boilerplate_reason, has_job_noun
from reviewer.core.words.places import looks_like_location
from reviewer.core.words.regex import lazy_compile
from reviewer.core.words.text import lower_keep_offsets

DEPARTMENT_WORDS = lazy_compile(
    r"\b(engineering|services|technology|sales|marketing|finance|operations|research|product|"
    r"design|data|analytics|legal|human resources|hr|support|development|security|science|"
    r"software|hardware|infrastructure|platform|it|customer|business|corporate|retail|"
    r"manufacturing|supply chain|logistics|administration|communications|team|ai|"
    r"machine learning|intelligence|insights|quality|growth|people|talent|editorial|content|"
    r"creative|health|clinical|risk|compliance|audit|treasury|accounting|procurement|"
    r"facilities|education|learning|services|tech|financial|production|media|"
    r"client services|account management|success|web|mobile|cloud|digital|frontend|"
    r"front-end|backend|back-end|devops|network|systems)\b",
    re.I,
)


def names_a_unit(text: str) -> bool:
    """Does ``text`` hold a department's word other than "team" ("Data Platform team";
    not "Our team", which names none)?"""
    return any(m.group().lower() != "team" for m in DEPARTMENT_WORDS.finditer(text))


def is_department(text: str) -> bool:
    """Does a short piece of text read as a department's name? (Not a heading that
    introduces the employer or the role, "About Acme Health", nor pay, "$25/hr W2".)"""
    words = text.strip(" *_#").split()
    return 1 <= len(words) <= 5 and words[0].lower() != "about" and names_a_unit(text) and \
        not has_job_noun(text) and not looks_like_location(text) and \
        not employment_type(text) and not remote_mode(text) and not starts_with_label(text) and \
        not boilerplate_reason(text) and ":" not in text and \
        find_salary(text, labelled=True) is None


_UNIT = r"(?:team|department|division|group|unit|practice)\b"
# the role joins or sits in the unit
# (matched against the lower-cased text: offsets are the same, the name is read from the text)
_MEMBER = lazy_compile(
    r"\b(?:join(?:s|ing)?\s+(?:our|the|its|their|a|an)|"
    r"(?:part of|members? of|within|in|into|on|sits? in|belongs? to)\s+(?:our|the|its|their))\s+"
    r"((?:[\w&/-]+\s+){1,4}?)" + _UNIT + r"\Z",
)
_UNIT_WORDS = ("team", "department", "division", "group", "unit", "practice")
# the employer's own unit, capitalised as a name: "our Marketing Department"
_OWN = lazy_compile(r"\b(?:our|its)\s+((?:[A-Z][\w&-]*\s+|&\s+){1,3}?)"
                    r"(?:Department|Division|Team|Group)\b\Z")
_NAME_WORD = lazy_compile(r"[A-Z&][\w&/-]*|and|of")


def team_in_prose(doc: Document) -> Finding | None:
    """The one team the posting's sentences place the role in, or None."""
    text = doc.markdown
    low = lower_keep_offsets(text)
    found: list[tuple[str, tuple[int, int], float]] = []
    # a cue ends at a unit word: look for one only in the words of its line before it
    for start, end in _units(low):
        since = max(low.rfind("\n", max(0, start - 80), start) + 1, start - 80)
        cues = [(_MEMBER.search(low, since, end), 0.5)]
        if text[start].isupper():
            cues.append((_OWN.search(text, since, end), 0.45))
        for match, confidence in cues:
            span = _name(text, match.start(1), match.end(1)) if match else None
            if span is not None:
                found.append((text[span[0]:span[1]], span, confidence))
                break
    if not found:
        return None
    # "the Education Department" and "the Education Operations team" agree: one unit
    # named within the other; two different units give none
    words = [set(name.lower().split()) for name, *_ in found]
    if not all(w <= v or v <= w for w in words for v in words):
        return None
    name, span, confidence = found[0]
    return Finding(name, [span], confidence, "structure")


def _units(low: str) -> list[tuple[int, int]]:
    """Where the unit words stand, as whole words (a substring search costs little)."""
    found = []
    for word in _UNIT_WORDS:
        at = low.find(word)
        while at >= 0:
            end = at + len(word)
            if not (at and low[at - 1].isalnum()) and not low[end:end + 1].isalnum():
                found.append((at, end))
            at = low.find(word, end)
    return sorted(found)


def _name(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The department's name in the words before a unit word, or None."""
    clause = re.split(r"[.;:!?]\s", text[max(0, start - 120):start])[-1]
    if re.search(r"\bwith\b", clause, re.I):
        return None  # "work closely with the sales team": another team
    words = [(m.group(), m.start()) for m in re.finditer(r"\S+", text[start:end])]
    # leading words that describe the team rather than name it ("our growing sales team")
    while words and not _NAME_WORD.fullmatch(words[0][0]) and \
            not DEPARTMENT_WORDS.fullmatch(words[0][0]):
        words.pop(0)
    if not words or any(not (_NAME_WORD.fullmatch(w) or DEPARTMENT_WORDS.fullmatch(w))
                        for w, _ in words):
        return None
    if words[0][0] in ("and", "of") or words[-1][0] in ("and", "of"):
        return None
    first, last = start + words[0][1], start + words[-1][1] + len(words[-1][0])
    name = text[first:last]
    return (first, last) if name.lower() != "team" and is_department(name) else None
