"""Stage 4: patterns and word lists over the posting's text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from reviewer.core.extract.closing import closing_date
from reviewer.core.extract.document import Block, Document, section_kind
from reviewer.core.extract.experience import (
    NUMBER_WORDS,
    experience_of,
    other_language_years,
    range_bottom,
    work_done,
)
from reviewer.core.extract.hours import extra_hours
from reviewer.core.extract.remote_mentions import REMOTE_WORDS, remote_in
from reviewer.core.extract.salary import find_salary, has_pay_hint
from reviewer.core.extract.skills import find_skills
from reviewer.core.extract.vocab import (
    OTHER_TERM_PATTERNS,
    OTHER_TERMS,
    SCRIPT_TERMS,
    WEEK_WORDS,
    WEEKLY_HOURS,
    education_mentions,
    employment_type,
    lowest,
    seniority,
)
from reviewer.core.schema import Finding, Span
from reviewer.core.words.denial import denied
from reviewer.core.words.european import PREFERENCE
from reviewer.core.words.other_languages import language_of
from reviewer.core.words.regex import edge_words, fold_case, lazy_compile
from reviewer.core.words.text import lower_keep_offsets, separate_glued

# on the folded text (``fold_case``): what it finds there, _YEARS with re.I finds in the text
# (never the end of a larger number: "2024 years", "1.5 years")
_YEARS = lazy_compile(
    r"(?<!\d)(?<!\d[.,])(?P<n>\d{1,2}|" + "|".join(NUMBER_WORDS) + r")(?:\s*\(\d{1,2}\))?\s*"
    r"(?:\+|plus)?\s*(?:(?:-|–|to|or)\s*\d{1,2}\s*)?\+?\s*(?:years?|yrs?)(?:'|’)?"
    r"(?P<tail>[^.;\n]{0,80})"
)
# every match holds "year" or "yr", with at most this many characters other than spaces
# before it (the number, "(5)", "plus", "-7", "+": a test reads it from the pattern)
_YEARS_HEAD = 20
_YEAR_WORD = lazy_compile(r"y(?=ear|r)")
_HEAD_BACK = lazy_compile(rf"(?:\s*\S){{{_YEARS_HEAD + 1}}}")  # read on the text reversed
_WITHIN = lazy_compile(r"\b(?:within|after)\s+(?:the\s+(?:first|last|next)\s+)?\W*$", re.I)
_RANGE_TOP = lazy_compile(r"\s*(?:-|–|to|or)\s*\d", re.I)  # "0-2 years": after the "0"
# (whole words: "coursework" is no work)
_EXPERIENCE_WORDS = lazy_compile(r"\b(?:experience|expertise|background|working|work|"
                                 r"track record)", re.I)
# (_PREFERRED and _REQUIRED on the folded text)
_PREFERRED = lazy_compile(r"prefer|desir(?:ed|able)|nice to have|a plus|bonus|ideally|advantage|"
                          r"asset|would be great|优先|優先|尚可|歓迎|يفضل|ميزة|יתרון|" + PREFERENCE)
_PREFERRED_I = lazy_compile(_PREFERRED.pattern, re.I)  # on a few words of the text itself
# a preference about the subject, not the degree ("with a preferred major in Finance")
_SUBJECT_PREFERRED = lazy_compile(r"preferred (?:major|field|discipline|subject|area|background)s?|"
                                  r"preferabl[ey] (?:in|with)", re.I)
_REQUIRED = lazy_compile(edge_words(("required\\b", "must\\b", "minimum\\b", "essential\\b",
                                     "mandatory\\b")))


def from_patterns(doc: Document, have: dict[str, Finding]) -> dict[str, Finding]:
    found: dict[str, Finding] = {}
    blocks = doc.blocks
    title = have.get("title")
    if "seniority" not in have and title is not None:
        level = seniority(str(title.value))
        if level:
            found["seniority"] = Finding(level[0], _word_of(doc, title.spans, level[0]), 0.8,
                                         "pattern")
    if "employment_type" not in have:
        found.update(_employment(doc, title))
    low = doc.markdown.lower()
    if "salary" not in have and (pay := next(pay_in_blocks(doc), None)) is not None:
        found["salary"] = Finding(pay[0], [pay[1]], 0.7, "pattern")
    for name, stage in (("experience_years", _experience), ("education", _education)):
        if name not in have and (finding := stage(doc)) is not None:
            found[name] = finding
    if "work_hours" not in have and any(w in low for w in WEEK_WORDS):
        for block in blocks:
            said = block.text.lower()
            match = any(w in said for w in WEEK_WORDS) and WEEKLY_HOURS.search(block.text)
            if match and extra_hours(block.text, match.start()):
                continue  # "Overtime: up to 10 hours per week"
            if match and 1 <= float(match.group(1).replace(",", ".")) <= 80:
                value = float(match.group(1).replace(",", "."))
                found["work_hours"] = Finding(int(value) if value.is_integer() else value,
                                              doc.block_span(block, match.span()), 0.7,
                                              "pattern")
                break
    if "valid_through" not in have and (closing := closing_date(doc)) is not None:
        found["valid_through"] = closing
    if "requisition_id" not in have and "quot" in low:
        found.update(_quoted_reference(doc))
    if "remote" not in have and any(w in low for w in REMOTE_WORDS):
        found.update(remote_in(doc, have))
    if "skills" not in have:
        skills = find_skills(doc.markdown)
        company = str(have["company"].value).lower() if "company" in have else ""
        skills = [(name, spans) for name, spans in skills if name.lower() != company]
        if skills:
            found["skills"] = Finding([name for name, _ in skills],
                                      [s for _, spans in skills for s in spans[:3]], 0.7,
                                      "pattern")
    return found


def pay_in_blocks(doc: Document) -> Iterator[tuple[dict[str, Any], Span]]:
    """Each block's first pay range, in order, with its span in the Markdown. A short
    block of figures under a short line that names the pay is that line's value, as a
    labelled line's ("US Base Salary" over "$185,000 – $225,000 USD")."""
    if not has_pay_hint(doc.markdown):
        return
    named = False
    for block in doc.blocks:
        text = doc.markdown[block.start:block.end]
        pay = find_salary(text) or (find_salary(text, labelled=True)
                                    if named and len(block.text.split()) <= 8 else None)
        if pay:
            yield pay[0], (block.start + pay[1][0], block.start + pay[1][1])
        named = len(block.text.split()) <= 5 and _NAMES_PAY.search(block.text) is not None


_NAMES_PAY = lazy_compile(r"(?i)\b(?:salary|pay|compensation|wages?|remuneration)\b")


def _word_of(doc: Document, spans: list[Span], level: str) -> list[Span]:
    """Where the title's text (``spans``) says the seniority ``level``: looked for in
    the text itself, which may hold marks the value has not ("# **Senior …**")."""
    for start, end in spans[:1]:
        said = seniority(doc.markdown[start:end])
        if said is not None and said[0] == level:
            return [(start + said[1][0], start + said[1][1])]
    return []


# on lower-cased text: the words, and the months or years of a contract (apart: so that
# each can skip to its first characters, no place starts both, and the second is looked
# for only in a text that says "contract")
_EMPLOYMENT_WORDS = (
    lazy_compile(edge_words(("full[- ]time", "part[- ]time", "internship", "fixed[- ]term",
                             "temporary", "freelance", *OTHER_TERM_PATTERNS,
                             "contract(?:or)? (?:role|position|basis|assignment)")) + r"\b"),
    lazy_compile(r"\d(?<=\b\d)\d?[- ](?:month|year)s? contract\b"),
)
# … and in a line of Chinese, Japanese, Arabic or Hebrew ("全职", "正社員", "دوام كامل")
_SCRIPT_TERMS = lazy_compile("|".join(SCRIPT_TERMS))

_EITHER_HOURS = lazy_compile(r"\bfull[- ]?(?:time)?\s*(?:/|\bor\b)\s*part[- ]?time\b")

# (lower-cased) words of a permanent post English writes too ("CLT", "vast contract") named
# as terms: a terms label's value ("Hiring model: CLT."; not "Airport: CLT"), a clause of
# their own ("Vast contract, 40 uur"), by a contract's word ("a CLT contract"; not "CLT exam")
_AS_VALUE_BEFORE = lazy_compile(r"(?:^|[.;!?]\s|\n|\b(?:type|tipo|model|modelo|contract|contrato|"
                                r"contratação|employment|emprego|regime|vínculo|terms|status)"
                                r"\b[^:\n]{0,20}:)\s*$")
_AS_VALUE_AFTER = lazy_compile(r"\s*(?:[.,;!]|\s\(|$)")
_CONTRACT_NEAR = lazy_compile(r"\b(?:contract|contracts|contrato|contratação|position|role|job|"
                              r"employment|regime|vínculo|efetiv[oa])\b")


def _named_as_terms(low: str, start: int, end: int) -> bool:
    if _AS_VALUE_BEFORE.search(low[max(0, start - 40):start]) and \
            _AS_VALUE_AFTER.match(low, end):
        return True
    before = " ".join(re.split(r"[.;!?\n]", low[max(0, start - 40):start])[-1].split()[-3:])
    after = " ".join(re.split(r"[.;!?\n]", low[end:end + 30])[0].split()[:2])
    return bool(_CONTRACT_NEAR.search(before) or _CONTRACT_NEAR.search(after))


def _kind(low: str, match: re.Match[str], language: str | None) -> str | None:
    """The employment type ``match`` names in a posting in ``language`` (None: any);
    words that are English ones too where they are the language's or named as terms."""
    return employment_type(match.group(), language or "") or (
        employment_type(match.group()) if _named_as_terms(low, *match.span()) else None)


def _employment(doc: Document, title: Finding | None) -> dict[str, Finding]:
    language = language_of(doc.markdown)  # ("CLT" a contract only in a Portuguese posting)
    if title is not None:
        kind = employment_type(str(title.value))
        if kind and kind != "full_time":
            return {"employment_type": Finding(kind, title.spans, 0.7, "pattern")}
    for block in doc.blocks[:40]:
        low = block.text.lower()
        if not any(w in low for w in ("time", "intern", "term", "temporary", "freelance",
                                      "contract", *OTHER_TERMS, *SCRIPT_TERMS)):
            continue
        # "RotationFull-time": words a capture glued are read apart
        separated, to_text = separate_glued(block.text)
        low = lower_keep_offsets(separated)
        # "Full/Part-Time": a label over the job's hours, or a choice of both (the other
        # terms beside it stand: "6-month contract; full-time or part-time")
        either = [m.span() for m in _EITHER_HOURS.finditer(low)]
        patterns = [*_EMPLOYMENT_WORDS[:1 + ("contract" in low)],
                    *([] if low.isascii() else [_SCRIPT_TERMS])]
        found = [m for pattern in patterns
                 if (m := next((m for m in pattern.finditer(low)
                                if not denied(low, m.start(), m.end())
                                and not any(a <= m.start() < b for a, b in either)
                                and _kind(low, m, language)), None))]
        match = min(found, key=lambda m: m.start()) if found else None
        if match:
            kind = _kind(low, match, language)
            if kind:
                at = (to_text(match.start()), to_text(match.end()))
                return {"employment_type": Finding(kind, doc.block_span(block, at), 0.6,
                                                   "pattern")}
    return {}


def _experience(doc: Document) -> Finding | None:
    """Minimum years of experience: the first mention, required sections first."""
    ranked: list[tuple[bool, int, int, int, Block, re.Match[str]]] = []
    for order, block in enumerate(doc.blocks):
        low = block.text.lower()
        if "year" not in low and "yr" not in low:
            continue
        for match in _year_mentions(block.text):
            before = block.text[max(0, match.start() - 30):match.start()]
            whole_tail = block.text[match.start("tail"):match.end("tail")]
            tail = whole_tail[:45]
            said = bool(_EXPERIENCE_WORDS.search(tail) or experience_of(whole_tail) or re.search(
                r"experience\W{0,3}$|experience (of|:)", before, re.I))
            if not said and not work_done(doc, order, block, match.start(), whole_tail):
                continue
            if re.search(r"\bold\b|\bage\b|\baged\b|founded|history|in a row|ago\b|"
                         r"\bin business\b|warranty|contract of|duration", tail + before, re.I) \
                    or _WITHIN.search(before):
                continue  # (and "within 2 years of graduating": a time limit)
            kind = section_kind(doc, block)
            rank = 0 if kind == "required_qualifications" else 2 if kind == \
                "preferred_qualifications" else 1
            if _PREFERRED_I.search(block.text[match.start():match.end() + 40]):
                rank = 2
            # (years of one kind of work only where no years of experience are said)
            ranked.append((not said, rank, order, match.start(), block, match))
    if not ranked:  # ("3 Jahre Berufserfahrung")
        return Finding(*other, 0.7, "pattern") if (other := other_language_years(doc)) else None
    *_, block, match = min(ranked, key=lambda r: r[:4])
    raw = fold_case(block.text[match.start("n"):match.end("n")])  # as the pattern read it
    years = NUMBER_WORDS.get(raw) or int(raw)
    start = match.start()
    if (bottom := range_bottom(block.text, start)) is not None:  # "three to five years"
        years, start = bottom
    # none is the least of a range ("0-2 years"), not a number of years on its own
    ranged = _RANGE_TOP.match(block.text, match.end("n")) is not None
    if not (0 < years <= 30 or (years == 0 and ranged)):
        return None
    return Finding(years, doc.block_span(block, (start, match.end())), 0.7, "pattern")


def _year_mentions(text: str) -> Iterator[re.Match[str]]:
    """What ``_YEARS.finditer`` finds in ``text`` with re.I (in the folded text, so the
    groups are read from ``text`` by their spans), tried only where a match can start:
    at most _YEARS_HEAD characters other than spaces before a "year" or "yr" not yet
    passed. (A page of a megabyte on one line was tried at every character.)"""
    low = fold_case(text)
    pos = 0  # no match starts before this
    for year in _YEAR_WORD.finditer(low):
        at = year.start()
        if at < pos:
            continue
        lo = max(pos, at - 200)
        head = _HEAD_BACK.match(low[lo:at][::-1])
        if head is not None:
            lo = at - head.end() + 1
        elif lo > pos:  # too many spaces to look past: search on from here
            found = _YEARS.search(low, pos)
            if found is None:
                return
            yield found
            pos = found.end()
            continue
        for start in range(lo, at + 1):
            found = _YEARS.match(low, start)
            if found is not None:
                yield found
                pos = found.end()
                break
        else:
            pos = at + 1


def _education(doc: Document) -> Finding | None:
    """The lowest degree the posting asks for, leaving out preferred ones."""
    required: list[tuple[str, Span]] = []
    mentions = education_mentions(doc.markdown)
    index: dict[tuple[str, Span], int] = {}
    for i, mention in enumerate(mentions):
        index.setdefault(mention, i)
    for group in _coordinated(doc.markdown, mentions):
        first_span = group[0][1]
        block = doc.block_at(first_span[0])
        if block is None or section_kind(doc, block) == "preferred_qualifications":
            continue
        after = index[group[-1]] + 1
        stop = mentions[after][1][0] if after < len(mentions) else block.end
        clause = _own_clause(doc.markdown, block, first_span, stop)
        if _asked_for(clause) and not _substitutes(doc.markdown, block, first_span, clause):
            required.extend(group)
    pool = required
    if not pool:
        return None
    level = lowest([lv for lv, _ in pool])
    spans = [span for lv, span in pool if lv == level][:3]
    return Finding(level, spans, 0.65, "pattern")


def _asked_for(clause: str) -> bool:
    """A degree's clause that does not make it a preference: none named, or only after
    a requirement ("a degree is required, a focus in Marketing preferred")."""
    low = fold_case(clause)
    if "prefer" in low:  # what _SUBJECT_PREFERRED needs
        low = fold_case(_SUBJECT_PREFERRED.sub("", clause))
    preferred = _PREFERRED.search(low)
    return preferred is None or _REQUIRED.search(low, 0, preferred.start()) is not None


_SUBSTITUTE = lazy_compile(r"\bsubstitut\w*|\bin (?:lieu|place) of\b")  # (on folded text)
# no substitution is allowed: the degree stays asked for ("substitution of experience for
# education is not permitted", "no substitution", "may not be substituted")
_NO_SUBSTITUTE = lazy_compile(r"\bno substitut|\b(?:not|cannot|n't)\s+(?:be\s+)?substitut|"
                              r"\bsubstitut\w*\b[^.;]{0,80}?\b(?:not|never|cannot|n't)\s+"
                              r"(?:be\s+)?(?:permitted|allowed|accepted|acceptable|possible)")


def _substitutes(markdown: str, block: Block, span: Span, clause: str) -> bool:
    """Is the degree at ``span`` what may stand in for what is asked ("Education may be
    substituted: a Ph.D.", "A Master's degree in lieu of one year of experience"), not
    the requirement? Experience that stands in for the degree ("experience may be
    substituted for the degree") or none allowed ("no substitution") leaves the degree
    asked for."""
    head = markdown[max(block.start, span[0] - 200):span[0]]  # (a sentence's reach)
    stops = [m.end() for m in _SENTENCE_END[0].finditer(head)]
    low = fold_case(head[max(stops, default=0):] + clause)
    said = _SUBSTITUTE.search(low)
    return said is not None and "experience" not in low[:said.start()] and \
        _NO_SUBSTITUTE.search(low) is None


# a stop that ends a sentence, not one of an abbreviation ("Ph.D. or M.Sc."); a bullet or
# a word glued to the next item ("…in Python;Knowledge of", "…degree• The ability")
# (in two, each skipping to its first characters: the stop first, then the glued capital)
_SENTENCE_END = (
    lazy_compile(r";|•|\.\s+(?=[A-Z])(?<!\b[A-Z]\.\s)(?<!\bPh\.D\.\s)|\.(?=[A-Z][a-z])"),
    lazy_compile(r"[A-Z](?<=[a-z]{3}[A-Z])(?=[a-z])"),
)
_JOINS = lazy_compile(r"(?:\s*(?:or|and|/|,|degree|in|an?)\s*)*", re.I)


def _coordinated(
    markdown: str, mentions: list[tuple[str, Span]]
) -> list[list[tuple[str, Span]]]:
    """Degrees named together ("M.S. or Ph.D.", "BS/MS") share one clause."""
    groups: list[list[tuple[str, Span]]] = []
    for mention in mentions:
        if groups:
            gap = markdown[groups[-1][-1][1][1]:mention[1][0]]
            if _JOINS.fullmatch(gap):
                groups[-1].append(mention)
                continue
        groups.append([mention])
    return groups


def _own_clause(markdown: str, block: Block, span: Span, stop: int) -> str:
    """The words around one degree: a few before it, and up to the next degree or stop."""
    before = markdown[max(block.start, span[0] - 25):span[0]]
    before = re.split(r"[.;,]\s|[;•]|(?<=[a-z]{3})(?=[A-Z])", before)[-1]
    if before[-1:].isalpha() and before[-1:].islower():
        before = ""  # the degree is glued to the item before it ("highly desirableBachelor's")
    after = markdown[span[0]:min(stop, block.end)]
    ends = [m.start() for pattern in _SENTENCE_END if (m := pattern.search(after))]
    return before + after[:min(ends, default=len(after))]


# "quoting ref BW-7781", "please quote reference number 4471": a reference holds a digit
_QUOTED_REFERENCE = lazy_compile(
    r"\bquot(?:e|ing)\s+(?:the\s+|our\s+|this\s+)?(?:job\s+|vacancy\s+|position\s+)?"
    r"(?:ref(?:erence)?|job|vacancy|requisition)\.?(?:\s+(?:number|no\.?|code|id))?"
    r"\s*[:#]?\s*(?P<id>[a-z0-9][\w/-]*\d[\w/-]*)")


def _quoted_reference(doc: Document) -> dict[str, Finding]:
    """The reference a posting asks applicants to quote."""
    for block in doc.blocks:
        match = _QUOTED_REFERENCE.search(fold_case(block.text)) if "quot" in \
            block.text.lower() else None
        if match:
            ident = block.text[match.start("id"):match.end("id")]
            return {"requisition_id": Finding(ident, doc.block_span(block, match.span("id")),
                                              0.6, "pattern")}
    return {}
