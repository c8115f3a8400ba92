"""Extract the fields of schema v1 from a cleaned posting.

A cascade, each stage filling only the fields the ones before it left empty:

1. ``json-ld``: a schema.org JobPosting the HTML page embedded;
2. ``label``: labelled lines ("Location: …", "JOB TITLE: …", "Posted: …");
3. ``structure``: the page's layout (the title heading, the lines above the body,
   section headings such as Responsibilities or Benefits; benefits with no heading, as
   a paragraph stating the offer or a closing list of perks; the team a sentence places
   the role in, "join our Data Platform team");
   ``prose``: sentences that announce the role, the employer or the place ("Acme is
   seeking a Data Engineer", "located in Leeds"), below the stages above in confidence;
   ``page-title``: the page's own title as a job board wraps it ("Acme hiring Data
   Engineer in Austin, TX | Jobfinder"), in place of a value found with less confidence;
4. ``pattern``: patterns and word lists over the text (pay ranges, dates, years of
   experience, degrees, seniority words, remote work, skills).

Every value carries the spans of the cleaned text it came from and a confidence.
Places are written city first ("US-MO-Kansas City" as "Kansas City, MO, US").
A field no stage can support stays ``None``: a wrong value is worse than none.

Takes a ``CleanDoc`` (``reviewer.core.schema``), gives an ``Extraction``; imports
nothing of the other stages. Public API: ``extract``; ``merge_findings`` (another
stage's readings put into an extraction, the more confident winning);
``value_from_selection`` (the value of a field read from text a person selected or
typed), ``read_amount`` (a sum of money or a number, as people write it),
``skill_name`` (the skill words name), ``shown_words`` (the words a range of the
Markdown shows, its markup off) and ``image_placeholder`` (what an image shows as).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from reviewer.core.extract import heuristics, label_values, patterns, pay_europe, prose, title_stage
from reviewer.core.extract.dates import date_order, find_date
from reviewer.core.extract.document import Document, image_placeholder, parse, shown_words
from reviewer.core.extract.hours import part_time_stated, share_of_week
from reviewer.core.extract.labels import Labelled, labelled_values
from reviewer.core.extract.local_dollar import dollar_of_places
from reviewer.core.extract.merge import merge_findings
from reviewer.core.extract.pay_periods import stated_period
from reviewer.core.extract.pay_scripts import posting_yen
from reviewer.core.extract.salary import read_amount
from reviewer.core.extract.selection import value_from_selection
from reviewer.core.extract.skills import skill_name
from reviewer.core.extract.structured import from_json_ld
from reviewer.core.extract.vocab import says_hours
from reviewer.core.record_check import value_problem
from reviewer.core.schema import MAX_ALTERNATIVES, CleanDoc, Extraction, Finding, Span, value_key
from reviewer.core.words.lexicon import has_job_noun
from reviewer.core.words.place_codes import written_places
from reviewer.core.words.text import undecorated

SURE = 0.8  # a value this sure (a labelled line, JSON-LD) is not read again for alternatives


def extract(doc: CleanDoc) -> Extraction:
    """All fields of schema v1 for one cleaned posting. Never raises on any input."""
    with date_order("\n".join([doc.markdown, *doc.context, doc.page_title or ""])), \
            posting_yen(doc.markdown):
        return _extract(doc)


def _extract(doc: CleanDoc) -> Extraction:
    parsed = parse(doc.markdown, doc.context, doc.page_title)
    found: dict[str, Finding] = {}
    others: dict[str, list[Finding]] = {}  # values the cascade did not take, in its order

    def offer(more: dict[str, Finding], only_others: bool = False) -> None:
        for name, finding in more.items():
            if finding.value in (None, "", [], {}) or value_problem(name, finding.value):
                continue  # none, or none a record may hold (a page's data: min over max)
            held = found.get(name)
            if held is None and not only_others:
                found[name] = finding
            elif held is not None and finding.spans and _unseen(held):
                others.setdefault(name, []).append(held)  # the text's own value wins over
                found[name] = finding  # a page's data the text does not hold
            else:
                others.setdefault(name, []).append(finding)

    def offer_stage(stage: Callable[[Document, dict[str, Finding]], dict[str, Finding]]) -> None:
        """Offer what ``stage`` reads for the fields not found yet, and what it reads for
        the fields held less surely before it as their alternatives: one run that reads
        both (a stage reads each field it is asked for as if it were the only one)."""
        weak = {name for name, f in found.items() if f.confidence < SURE}
        read = stage(parsed, {name: f for name, f in found.items() if name not in weak})
        offer({n: f for n, f in read.items() if n not in weak})
        offer({n: f for n, f in read.items() if n in weak}, True)

    for posting in doc.structured[:1]:
        offer(from_json_ld(posting, parsed))
    labelled = labelled_values(parsed)
    offer(label_values.from_labels(labelled, parsed))
    offer(heuristics.from_structure(  # (run once: it is the costly stage)
        parsed, {name: f for name, f in found.items() if not _unseen(f)}))
    offer_stage(prose.from_prose)
    stronger = title_stage.from_page_title(parsed, found)  # (title, company, places: text)
    offer({name: found[name] for name in stronger if name in found}, True)
    found.update(stronger)
    # the page title's readings of every field, had the stages above been unsure of them
    offer(title_stage.from_page_title(parsed, {name: Finding(f.value, f.spans, 0.0, f.stage)
                                              for name, f in found.items()}), True)
    if "title" not in found:
        employer = found.get("company")
        offer(heuristics.first_line_title(parsed, str(employer.value) if employer else None))
    places = [found.get("locations"), *others.get("locations", [])]
    for finding in {id(f): f for f in places if f is not None}.values():
        finding.value = written_places(finding.value)
    offer(patterns.from_patterns(parsed, found))
    for pay in [found.get("salary"), *others.get("salary", [])]:
        if pay is not None:  # a bare "$" in Canada is a Canadian dollar
            dollar_of_places(parsed.markdown, pay, found.get("locations"))
            pay_europe.crown_of_places(parsed.markdown, pay, found.get("locations"))
    _hours_over_duration(parsed, found, others, labelled)
    _dates_in_order(found)
    _undecorated(parsed, found)
    _title_without_employer(parsed, found)
    alternatives = _alternatives(found, others)
    for name, finding in [*found.items(), *((n, a) for n, alt in alternatives.items()
                                           for a in alt)]:
        if not finding.spans:
            finding.spans = _find_evidence(parsed, name, finding.value)
    return Extraction.from_findings(found, alternatives)


def _hours_over_duration(doc: Document, found: dict[str, Finding],
                         others: dict[str, list[Finding]], labelled: list[Labelled]) -> None:
    """"Permanent" or "Regular" says how long a job lasts, not its hours: read as full
    time where the posting says no more, it gives way to the part time the posting
    states (``hours.part_time_stated``; ``labelled``: the posting's labelled lines)."""
    held = found.get("employment_type")
    if held is None or held.value != "full_time" or not held.spans or \
            any(says_hours(doc.markdown[start:end]) for start, end in held.spans):
        return
    part = part_time_stated(doc, found, labelled)
    share = share_of_week(doc, found.get("title")) if part is None else None
    if part is not None or (share is not None and share[0] < 100):
        # (a share that may be less than a full week, "80–100 %": neither said)
        others.setdefault("employment_type", []).insert(0, held)
        if part is not None:
            found["employment_type"] = part
        else:
            del found["employment_type"]


UNSURE = 0.5  # the confidence of two values that cannot both be right


def _dates_in_order(found: dict[str, Finding]) -> None:
    """A closing date before the date posted: one of them is not what it was read as (a
    date of another posting, a typo). Both are kept, unsure, for a person to look at."""
    posted, through = found.get("date_posted"), found.get("valid_through")
    if posted is not None and through is not None and \
            isinstance(posted.value, str) and isinstance(through.value, str) and \
            through.value < posted.value:  # (ISO dates: in order as text)
        for finding in (posted, through):
            finding.confidence = min(finding.confidence, UNSURE)


def _title_without_employer(doc: Document, found: dict[str, Finding]) -> None:
    """A title line that ends with the employer's name, and maybe the place or terms in
    brackets after it ("Staff Engineer — Acme (Remote, US only)", "Data Engineer at
    Acme"), is the role before it, where that reads as a job title; its evidence too."""
    title, company = found.get("title"), found.get("company")
    if title is None or company is None or not isinstance(title.value, str) \
            or not isinstance(company.value, str) or not company.value.strip():
        return
    trailing = re.search(r"\s*(?:[-–—|@·]|\bat\b)\s*" + re.escape(company.value.strip())
                         + r"(?:\s*\([^()]*\))?\s*$", title.value, re.IGNORECASE)
    role = title.value[:trailing.start()].rstrip(" ,") if trailing else ""
    if not role or not has_job_noun(role):
        return
    found["title"] = _narrowed(doc, title, 0, len(role))


def _undecorated(doc: Document, found: dict[str, Finding]) -> None:
    """A name without the emoji at its ends ("Senior Engineer 🧑‍💻🚀", "Acme GmbH
    🇩🇪"): they decorate the line, no part of the title, company or department."""
    for name in ("title", "company", "department"):
        finding = found.get(name)
        if finding is not None and isinstance(finding.value, str):
            start, end = undecorated(finding.value)
            if (start, end) != (0, len(finding.value)):
                found[name] = _narrowed(doc, finding, start, end)


def _narrowed(doc: Document, finding: Finding, start: int, end: int) -> Finding:
    """``finding`` with the value ``value[start:end]``, and its evidence the same part of
    the words it was read from where they are the value as written."""
    spans = finding.spans
    if len(spans) == 1 and doc.markdown[spans[0][0]:spans[0][1]] == finding.value:
        spans = [(spans[0][0] + start, spans[0][0] + end)]
    else:
        spans = []  # (looked for anew, as the value now is)
    return Finding(finding.value[start:end], spans, finding.confidence, finding.stage)


def _unseen(finding: Finding) -> bool:
    """A value of the page's data (JSON-LD, microdata) that the text does not hold: of
    another posting, maybe (``structured.UNSEEN``)."""
    return finding.stage in ("json-ld", "microdata") and not finding.spans \
        and finding.confidence < SURE


def _alternatives(found: dict[str, Finding],
                  others: dict[str, list[Finding]]) -> dict[str, list[Finding]]:
    """Per field, the distinct values other stages than the winner's offered, the most
    confident first (the cascade's order on a tie), at most ``MAX_ALTERNATIVES``."""
    out: dict[str, list[Finding]] = {}
    for name, offered in others.items():
        winner = found.get(name)
        if winner is None:
            continue
        seen = {value_key(winner.value)}
        kept: list[Finding] = []
        for finding in sorted(offered, key=lambda f: -f.confidence):
            key = value_key(finding.value)
            if finding.stage != winner.stage and key not in seen:
                seen.add(key)
                kept.append(finding)
        if kept:
            out[name] = kept[:MAX_ALTERNATIVES]
    return out


def _find_evidence(doc: Document, name: str, value: object) -> list[Span]:
    """Where the posting states a value that a stage found elsewhere (JSON-LD, a byline)."""
    if name == "salary" and isinstance(value, dict):
        return next(([span] for pay, span in patterns.pay_in_blocks(doc)
                     if pay["min"] == value.get("min") and pay["max"] == value.get("max")), [])
    if name in ("date_posted", "valid_through") and isinstance(value, str):
        year = value[:4]
        for block in doc.blocks:
            date = find_date(block.text) if year in block.text else None
            if date and date[0] == value:
                return doc.block_span(block, date[1])
        return []
    texts = value if isinstance(value, list) else [value]
    spans = []
    for text in texts:
        if isinstance(text, str) and len(text) >= 2:
            span = doc.locate(text) or doc.locate(text.split(",")[0])
            if span:
                spans.append(span)
    return spans


__all__ = ["extract", "image_placeholder", "merge_findings", "read_amount", "shown_words",
           "skill_name",
           "stated_period", "value_from_selection"]
