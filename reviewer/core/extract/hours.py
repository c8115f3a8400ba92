"""A job's hours: hours a week from a labelled line ("Hours: 37.5 per week", "8 per day,
5 days a week"), and whether the posting says the job itself is part time.

Hours a day are not hours a week, and the overtime a posting offers ("up to 10 hours per
week of overtime") is not the job's hours. "Part-time" said of something else (staff who
work part time, a part-time MBA, part-time vacancies elsewhere) or offered as an option
("part-time considered") is not the job's type either.
"""

from __future__ import annotations

import re

from reviewer.core.extract.document import Document
from reviewer.core.extract.labels import Labelled
from reviewer.core.extract.vocab import PART_TIME_SAID, employment_type
from reviewer.core.schema import Finding, Span
from reviewer.core.words.denial import denied
from reviewer.core.words.european import WORKLOAD_WORDS
from reviewer.core.words.regex import lazy_compile
from reviewer.core.words.text import lower_keep_offsets

PART_TIME_HOURS = 30  # fewer hours a week than these are part time by any count
FULL_WEEK = 35  # as many hours a week as these are full time, whatever else is said

_NUMBER = lazy_compile(r"\b(\d{1,2}(?:[.,]\d{1,2})?)(?:\b|(?=h\b))")  # "40", "35h"
_OPENING_TIMES = lazy_compile(r"\d{1,2}[:.]\d{2}\s*(-|–|to)")
# after the number: a count of days, weeks or shifts, not of hours a week
_NOT_WEEKLY = lazy_compile(r"(?i)\s*(-\s*)?(days?|weeks?|months?|hours? shifts?|shifts?|tage?n?|"
                           r"wochen?|monate?n?|schichten?|jours?|semaines?|mois|d[íi]as?|"
                           r"semanas?|meses|turnos?)\b")
# after the number: hours a day or a shift, "8 per day", "12h day/night shifts", and as
# German, French and Spanish postings say it: "8 Stunden täglich", "7 heures par jour",
# "8 diarias", "8 horas al día"
_PER_DAY = lazy_compile(
    r"(?i)\s*(?:hours?|hrs?|h|stunden|std\.?|heures?|horas?)?\s*(?:"
    r"(?:/|per|a|an|each|pro|am|par|por|al|a la)\s*(?:day|shift|tag|jour|journée|d[íi]a|"
    r"jornada)\b|daily\b|days?\b|(?:day|night)\s*/|täglich\b|quotidiennes?\b|diari[ao]s?\b)")
_DAYS_A_WEEK = lazy_compile(
    r"(?i)\b([1-7])\s*(?:days?|tage?|jours?|d[íi]as)\s*(?:/|per|a|each|pro|die|in der|par|"
    r"por|a la|la)\s*(?:week|woche|semaine|semana)\b|\bmon(?:day)?\s*(?:-|–|to)\s*fri(?:day)?\b")
# (words that make hours extra to the job's own, in the same clause as the number)
_EXTRA = lazy_compile(r"(?i)\bover-?time\b|\bextra hours\b|\badditional hours\b|"
                      r"\bon top of\b|\bin addition to\b")
_CLAUSE_END = lazy_compile(r"[,;()]|\.(?!\d)")
_WEEKLY = lazy_compile(r"week|\bwk|\bp\.?w\b|semaine|semana|woche")


def labelled_hours(value: str) -> tuple[int | float, tuple[int, int]] | None:
    """The hours a week a labelled value states, with their span: "37.5 per week",
    "8 per day, 5 days a week" (40); None for opening times, hours a day alone, a count
    of days or shifts, and overtime."""
    if _OPENING_TIMES.search(value):
        return None  # opening times, not hours a week
    match = _NUMBER.search(value)
    if match is None or _NOT_WEEKLY.match(value, match.end()) or \
            extra_hours(value, match.start()):
        return None  # "2 days per week", "12-hour shifts", "20 hours overtime"
    hours = _num(match.group(1))
    span = match.span(1)
    if _PER_DAY.match(value, match.end()):
        days = _DAYS_A_WEEK.search(value, match.end())
        if days is None:
            return None  # hours a day, the days a week unsaid
        hours = _num(str(hours * int(days.group(1) or 5)))
        span = (match.start(1), days.end())
    return (hours, span) if 1 <= hours <= 80 else None


def extra_hours(text: str, at: int) -> bool:
    """Are the hours at ``at`` of ``text`` extra to the job's own (overtime, "on top
    of"), as the clause around them says?"""
    start = max((m.end() for m in _CLAUSE_END.finditer(text, 0, at)), default=0)
    end = _CLAUSE_END.search(text, at)
    return _EXTRA.search(text, start, end.start() if end else len(text)) is not None


def _num(text: str) -> int | float:
    value = round(float(text.replace(",", ".")), 2)
    return int(value) if value.is_integer() else value


_PART_TIME = lazy_compile(PART_TIME_SAID)  # (and "Teilzeit", "media jornada", "Pensum 50 %")
# (on lower-cased text) "part-time" offered as a choice: "part-time considered",
# "full or part time", "open to part-time", "Teilzeit möglich"
_OPTION_AFTER = lazy_compile(r"[\s(]*(?:[\w-]+\s+){0,2}?(?:considered|consider|available|"
                             r"possible|options?|welcome|negotiable|discuss\w*|on request|"
                             r"möglich|posible|possibile|possível|mogelijk|mulig|möjlig)\b")
# a share of a full week: after the words that name it ("Pensum 80–100 %"), or bare in a
# title ("Verkäufer/in 80–100%", "(50 %)"; not "100% remote")
_SHARE_SAID = lazy_compile(r"\b(?:" + "|".join(WORKLOAD_WORDS) + r")\s*:?\s*(?:von\s+|de\s+)?"
                           r"(\d{1,3})\s*%?(?:\s*(?:[-–]|bis|à)\s*(\d{1,3}))?\s*%")
_SHARE_BARE = lazy_compile(r"(?<![\w.,])(\d{2,3})\s*%?(?:\s*[-–]\s*(\d{2,3}))?\s*%"
                           r"(?![ \t]*[^\W\d_])")
# … which a title states where it stands alone at the title's end or in brackets after
# the job ("Verkäuferin 60%", "Pflegerin (80 %) Bern", "Sykepleier – 80 %"), in any
# language; not where a word of pay, travel or remote work stands by it ("Commission 20%",
# "20% bonus", "50% travel", "100% remote")
_TITLE_SHARE = lazy_compile(r"(?<![\w.,])(\d{2,3})\s*%?(?:\s*[-–]\s*(\d{2,3}))?\s*%"
                            r"(?=\s*\)|[\s.!]*$)")
_BY_A_SHARE = lazy_compile(r"\b(?:pay|commission|commissions|bonus|bonuses|discount|travel|"
                           r"travelling|traveling|remote|off|ote|equity|sales|salary|"
                           r"increase|raise|match|provision|rabatt|reisen?|earn|earnings|"
                           r"up to|top|uncapped|hybrid|on-?site|office|client-facing)\b",
                           re.IGNORECASE)
_OPTION_BEFORE = lazy_compile(r"(?:\bor|/|\bopen to|\bconsider\w*|\bwelcome)\s*"
                              r"(?:[\w-]+\s+)?$")
_JOB = r"(?:role|position|job|post|vacancy|opportunity|contract)"
# a sentence that says so of this job: "This is a part-time role", "The position is
# part time", "This part-time post …"
_THIS_JOB = lazy_compile(
    r"\b(?:this|the)\s+(?:[\w-]+\s+)?" + _JOB + r"\s+(?:is|will be)\s+(?:offered\s+)?"
    r"(?:on\s+)?(?:an?\s+)?(?:permanent\s+)?(?P<a>part[- ]?time)\b"
    r"|\b(?:this|it)\s+is\s+an?\s+(?:[\w-]+\s+)?(?P<b>part[- ]?time)\s+(?:[\w-]+\s+)?"
    + _JOB + r"\b"
    r"|\bthis\s+(?:[\w-]+\s+)?(?P<c>part[- ]?time)\s+(?:[\w-]+\s+)?" + _JOB + r"\b")


def part_time_stated(doc: Document, have: dict[str, Finding],
                     labelled: list[Labelled]) -> Finding | None:
    """Where the posting says the job is part time: in the title, in a labelled line of
    its type or hours ("Hours: 16 (part-time)"), in a sentence about the job ("This is a
    part-time role"), or in hours a week clearly short of a full week. Hours of a full
    week say it is not, whatever else the text says."""
    hours = _weekly_hours(doc, have.get("work_hours"))
    if hours is not None and hours[0] >= FULL_WEEK:
        return None
    title = have.get("title")
    if title is not None and employment_type(str(title.value)) == "part_time":
        return Finding("part_time", title.spans, 0.7, "pattern")
    share = share_of_week(doc, title)
    if share is not None and share[1] < 100:
        return Finding("part_time", share[2], 0.6, "pattern")
    held = have.get("employment_type")
    if held is not None and held.spans and (said_there := _part_time_at(doc, held.spans[0])):
        return said_there  # the line of its terms: "Contrato indefinido, media jornada"
    for item in labelled:  # (the posting's labelled lines, read once by the caller)
        if item.field in ("employment_type", "work_hours") and item.start >= 0:
            low = lower_keep_offsets(doc.markdown[item.start:item.end])
            said = next((m for m in _PART_TIME.finditer(low) if _the_jobs(low, *m.span())),
                        None)
            if said is not None:
                return Finding("part_time", [(item.start + said.start(),
                                              item.start + said.end())], 0.6, "pattern")
    if hours is not None and (said_with_hours := _part_time_at(doc, hours[1])):
        return said_with_hours
    for block in doc.blocks[:40]:
        low = lower_keep_offsets(block.text)
        for match in _THIS_JOB.finditer(low) if "time" in low else ():
            group = next(g for g in "abc" if match.group(g))
            if _the_jobs(low, *match.span(group)):
                return Finding("part_time", doc.block_span(block, match.span(group)), 0.6,
                               "pattern")
    if hours is not None and hours[0] < PART_TIME_HOURS:
        return Finding("part_time", [hours[1]], 0.6, "pattern")
    return None


def _part_time_at(doc: Document, span: Span) -> Finding | None:
    """"Part time: 30 hours per week", "Part-time, 20-28 hours per week": the line that
    gives the job's hours a week (or its terms, ``span``) says part time, whatever its
    label (or none)."""
    block = doc.block_at(span[0])
    if block is None:
        return None
    low = lower_keep_offsets(block.text)
    said = next((m for m in _PART_TIME.finditer(low) if _the_jobs(low, *m.span())), None)
    return Finding("part_time", doc.block_span(block, said.span()), 0.6, "pattern") \
        if said is not None else None


def _the_jobs(low: str, start: int, end: int) -> bool:
    """Is the "part-time" at ``low[start:end]`` the job's, neither denied nor offered as
    a choice ("part-time considered", "full or part time")?"""
    return not denied(low, start, end) and _OPTION_AFTER.match(low, end) is None and \
        _OPTION_BEFORE.search(low, max(0, start - 24), start) is None


def _weekly_hours(doc: Document, hours: Finding | None) -> tuple[float, Span] | None:
    """The work hours read, with their span, where they are the job's hours a week: on
    a line that says "week", not overtime."""
    if hours is None or not isinstance(hours.value, int | float) or not hours.spans:
        return None
    start, end = hours.spans[0]
    line = doc.block_at(start)
    if line is None or not _WEEKLY.search(line.text.lower()):
        return None
    text = doc.markdown[line.start:line.end]
    if extra_hours(text, start - line.start):
        return None
    return float(hours.value), (start, end)


def share_of_week(doc: Document, title: Finding | None) -> tuple[int, int, list[Span]] | None:
    """The share of a full week the job takes, in per cent, its least and most, where
    the title or a line of the posting states it ("80–100 %": 80, 100), with its span.
    A title's bare share is a range of one ("80–100 %"), or one at its end or in brackets
    with no word of pay by it ("Verkäuferin 60%": "Commission 20%" is no share)."""
    if title is not None and title.spans and (share := _title_share(doc, title)):
        return _share(share)
    for block in doc.blocks[:40]:
        low = lower_keep_offsets(block.text)
        if "%" in low and (match := _SHARE_SAID.search(low)) is not None:
            least, most, _ = _share(match)
            return least, most, doc.block_span(block, match.span())
    return None


def _title_share(doc: Document, title: Finding) -> re.Match[str] | None:
    start, end = title.spans[0]
    text = doc.markdown[:end]
    match = _TITLE_SHARE.search(text, start)
    if match is None and ((match := _SHARE_BARE.search(text, start)) is None
                          or not match.group(2)):
        return None
    near = text[max(start, match.start() - 20):match.start()].split()[-2:] + \
        text[match.end():match.end() + 20].split()[:1]
    return None if _BY_A_SHARE.search(" ".join(near)) else match


def _share(match: re.Match[str]) -> tuple[int, int, list[Span]]:
    least = int(match.group(1))
    return least, int(match.group(2) or least), [match.span()]
