"""The employer: who is hiring, from the page's structure and its prose.

In order: the organisation lines that open a mailing-list posting; a job board's
byline ("Posted by Acme Ltd on Fri, 27 Jan 2017"); the name on the line under the title
(``name_line``); then cues in the text, each with a weight ("X is seeking", "X invites
applications" and "X is an equal opportunity employer" count double, so do names with a
legal suffix such as GmbH or Inc.; "at X" once). A name needs two votes, or one and
three mentions, so that a stray capitalised phrase is not taken. A unit of the employer
("… Search Team", "Department of Chemistry") is none.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import islice

from reviewer.core.extract.byline import byline
from reviewer.core.extract.document import Block, Document
from reviewer.core.extract.labels import label_field, starts_with_label
from reviewer.core.extract.name_before import is_a_post, legal_name, name_start, spelled_out_start
from reviewer.core.extract.name_line import name_under_title
from reviewer.core.extract.organisation import may_invite, opens_with_unit, reads_as_organisation
from reviewer.core.extract.prose_words import heading_length
from reviewer.core.extract.skills import is_lowercase_page
from reviewer.core.extract.vocab import only_terms
from reviewer.core.schema import Finding, Span
from reviewer.core.words.lexicon import has_job_noun
from reviewer.core.words.org_names import LEGAL as _LEGAL
from reviewer.core.words.org_names import LEGAL_WORDS, PARTICLE, PARTICLE_WORDS
from reviewer.core.words.other_languages import written_in_english
from reviewer.core.words.places import is_place, looks_like_location
from reviewer.core.words.regex import lazy_compile

_NAME = r"([A-Z][\w&.'’-]{0,40}(?:[ \t]+(?:[A-Z][\w&.'’-]{0,40}|" + PARTICLE + r")){0,5})"
# (pattern, weight): how strongly a match says "this is the employer"
# matched over the whole Markdown at once (MULTILINE): a name never spans a line.
# (pattern, weight, words one of which the text must hold for the pattern to be tried)
_COMPANY_CUES = [
    (lazy_compile(p, re.M), w, needs) for p, w, needs in (
        (r"\b(?:[Aa]t|[Jj]oin|[Jj]oining|[Ww]ork at|[Ww]orking at|[Cc]areers at|[Ll]ife at) "
         + _NAME + r"(?=[,.!;:]| (?:we|you|is|are|our|as)\b)", 1, ("at ", "join")),
        (r"^(?:#{1,6} )?[Aa]bout " + _NAME + r"$", 2, ("about ",)),
    )
]
# cues that follow the name ("Acme is seeking", "Acme GmbH"): found from the cue back to
# the name, rather than trying a name at every capital letter; (cue, weight, words)
_CUES_AFTER = [
    (re.compile(p), w, needs) for p, w, needs in (
        (r",? (?:is|are) (?:currently )?(?:looking|seeking|hiring|searching|recruiting)\b", 2,
         ("looking", "seeking", "hiring", "searching", "recruiting")),
        (r" (?:is|are) an? (?:equal[- ]opportunity|affirmative action) employer", 2,
         ("employer",)),
        (r" (?:invites|welcomes|is (?:now )?accepting) applications\b", 2, ("applications",)),
    )
]
# an acronym in brackets between the name and its cue: "… Training Committee (JATC) is"
_ACRONYM_BEFORE = lazy_compile(r"[ \t]\(([A-Z]{2,8})\)$")
_SUFFIX = lazy_compile(r"(?<![\w&])" + _LEGAL + r"(?![\w])")
_COMPANY_CUES_LOWER = [
    (lazy_compile(p, re.M), w, needs) for p, w, needs in (
        (r"(?:^|[.!?][ \t]+)([a-z][\w&.'-]{0,40}(?: [a-z][\w&.'-]{0,40})?) (?:is|are) "
         r"(?:looking|seeking|hiring)\b", 2, ("looking", "seeking", "hiring")),
        (r"[-–—|] ([a-z][\w&.'-]{0,40}(?: [a-z][\w&.'-]{0,40}){0,2}) jobs[ \t]*$", 1, (" jobs",)),
        (r"(?:^|[.!?][ \t]+)([a-z][\w&.'-]{0,40}(?: [a-z][\w&.'-]{0,40})?) (?:is|are) an? equal[- ]"
         r"opportunity employer", 2, ("opportunity employer",)),
    )
]
# matches of one cue read in one text: a posting names its employer a few times (no page
# of the corpora has ten "Inc" or "is hiring"); a page of thousands cost seconds a megabyte
MOST_MATCHES = 1_000
_NOT_COMPANY = frozenset(
    (
        "we you they it this the team our company candidate candidates applicant applicants he "
        "she who what which there here role position job everyone us"
    ).split()
)


def company(doc: Document, top: list[Block]) -> Finding | None:
    first = _mailing_list_sender(doc)
    if first is not None:
        return first
    posted_by = byline(doc)
    if posted_by is not None:
        return Finding(posted_by[0], doc.spans_of(posted_by[0]), 0.8, "structure")
    named, line = _named_in_text(doc), name_under_title(doc, top)
    if named and line and line.value.endswith(" " + str(named.value)):
        return line  # "Klinikum am Urban GmbH" under the title, "Urban GmbH" in sentences
    return named or line


def _named_in_text(doc: Document) -> Finding | None:
    """The employer the cues in the posting's sentences (and its chrome and page title)
    name, by votes (see the module): ahead of the line under the title, a layout that
    may as well hold a tagline or a unit."""
    votes: Counter[str] = Counter()
    where: dict[str, Span | None] = {}
    lowercase = is_lowercase_page(doc.markdown)
    texts: list[tuple[str, int | None]] = [(doc.markdown, 0)]
    texts += [(line, None) for line in doc.context]
    if doc.page_title:
        texts.append((doc.page_title, None))
    cues = _COMPANY_CUES_LOWER if lowercase else _COMPANY_CUES
    names: dict[str, str] = {}  # each match's name, "" for none (a page may repeat one)
    english = written_in_english(doc.markdown)
    for text, offset in texts:
        low = text.lower()
        found = [(m.group(1), m.start(1), weight) for cue, weight, needs in cues
                 if not needs or any(word in low for word in needs)
                 for m in islice(cue.finditer(text), MOST_MATCHES)]
        if not lowercase:
            found += _names_before_cues(text, low)
            if any(word in text for word in LEGAL_WORDS):
                found += _legal_names(text, english)
        for raw, at, weight in found:
            if (name := names.get(raw)) is None:
                name = names[raw] = _company_name(raw)
            if not name:
                continue
            votes[name] += weight
            kept = raw.find(name)  # (the trim cut the match's front: a heading, a sentence)
            if name not in where or where[name] is None:
                where[name] = (offset + at + kept, offset + at + kept + len(name)) \
                    if offset is not None and kept >= 0 else None
    if not votes:
        return None
    name, count = votes.most_common(1)[0]
    if count < 2 and doc.markdown.count(name) < 3:
        return None
    span = where.get(name)
    full = fuller_name(doc.markdown, name)
    if full != name:
        name, span = full, None
    return Finding(name, [span] if span else doc.spans_of(name), 0.5 + min(count, 4) * 0.08,
                   "structure")


def _company_name(raw: str) -> str:
    """The name a cue's match gives, trimmed ("" where it names no company)."""
    name = _trim_name(raw)
    return "" if not name or _not_a_company(name) or is_a_post(name) else name


_GENERIC = _NOT_COMPANY | frozenset(
    "a an company firm organisation organization employer client business opportunity".split())
_UNIT_WORDS = frozenset("team teams department dept division squad".split())


def _not_a_company(name: str) -> bool:
    """A generic phrase ("The Company") or a unit of the employer ("… Search Team",
    "Department of Chemistry")."""
    words = name.lower().split()
    return all(w in _GENERIC for w in words) or words[-1] in _UNIT_WORDS or \
        opens_with_unit(name)


# words that end an organisation's fuller name ("Kestrel Analytics", "The Halvard Company");
# not words that as often name a product or a separate body (Services, University)
_ORG_WORDS = ("Company|Companies|Corporation|Group|Engineering|Education|Insurance|"
              "Technologies|Systems|Solutions|Software|Labs|Laboratories|Consulting|Partners|"
              "Holdings|Industries|Communities|Analytics|Therapeutics|Pharmaceuticals|"
              "Enterprises|Associates|International")


def fuller_name(text: str, name: str) -> str:
    """The fullest form the text uses for the organisation ``name`` names.

    An acronym the text spells out ("National River Data Agency (NRDA)"); a one-word
    name the text also writes with an organisation word ("Kestrel Analytics"), if with a
    legal suffix ("Ormond Learning, Inc."), after "The" ("The Halvard Company") or more
    than once (once alone could be a product: "experience with Kestrel Analytics")."""
    if re.fullmatch(r"[A-Z]{2,6}", name):
        backwards = text[::-1]
        bracket = text.find(f"({name})")
        while bracket >= 0:
            start = spelled_out_start(backwards, bracket)
            words = text[start:bracket].split() if start is not None else []
            if words and words[0] == "The":
                words = words[1:]
            if words and "".join(w[0] for w in words if w[0].isupper()) == name:
                return " ".join(words)
            bracket = text.find(f"({name})", bracket + 1)
        return name
    if " " in name or not name[:1].isupper() or name not in text:
        return name
    forms = Counter(_name_forms(text, name))
    legal = [form for form in forms if _SUFFIX.search(form, len(name))]
    if legal:
        return max(legal, key=lambda form: forms[form])
    best = max(forms, key=lambda form: forms[form], default=name)
    return best if best.startswith("The ") or forms.get(best, 0) > 1 else name


# what may follow the name in a fuller form of it: a word or two, an organisation word, a
# legal suffix; not a unit of the organisation ("Kestrel Analytics Team")
_FORM_TAIL = lazy_compile(
    r"(?: [A-Z][\w&'’-]+){0,2} (?:" + _ORG_WORDS + r")(?:,? " + _LEGAL + r")?(?![\w&-])"
    r"(?! (?:[Tt]eams?|[Dd]epartment|[Dd]ivision)\b)")
_FORM_EDGE = lazy_compile(r"(?<![\w&-])")


def _name_forms(text: str, name: str) -> list[str]:
    """What ``re.finditer(r"(?<![\\w&-])(?:The )?" + re.escape(name) + _FORM_TAIL.pattern,
    text)`` finds, without a pattern compiled for each name (a millisecond a page): the
    places where "The " and the name, or the name, stand are tried in the order the scan
    would reach them ("The " first where both start at one place)."""
    forms: list[str] = []
    with_the, alone = text.find("The " + name), text.find(name)
    while with_the != -1 or alone != -1:
        lead = 4 if with_the != -1 and (alone == -1 or with_the <= alone) else 0
        start = with_the if lead else alone
        tail = _FORM_TAIL.match(text, start + lead + len(name)) \
            if _FORM_EDGE.match(text, start) else None
        if tail is not None:
            forms.append(text[start:tail.end()])
            with_the, alone = text.find("The " + name, tail.end()), text.find(name, tail.end())
        elif lead:
            with_the = text.find("The " + name, with_the + 1)
        else:
            alone = text.find(name, alone + 1)
    return forms


def _names_before_cues(text: str, low: str) -> list[tuple[str, int, int]]:
    """Names just before "is looking for", "is an equal opportunity employer", "invites
    applications", and before an acronym in brackets there ("… Committee (JATC) is")."""
    out = []
    backwards = text[::-1]
    for cue, weight, needs in _CUES_AFTER:
        if not any(word in low for word in needs):
            continue
        for match in islice(cue.finditer(text), MOST_MATCHES):
            since = max(0, match.start() - 200)  # (a break further back changes nothing)
            line_start = text.rfind("\n", since, match.start()) + 1
            begin = max(line_start, since)
            if spelled := _spelled_out_before(text, backwards, begin, match.start()):
                out.append((*spelled, weight))
                continue
            start = name_start(text, backwards, begin, match.start())
            if start is None:
                continue
            name, at = text[start:match.start()], start
            if text.startswith(",", match.start()) and \
                    (subject := _appositive_subject(text, begin, match.start())):
                name, at = subject.group(1), subject.start(1)
            if _PLACE_BEFORE.search(text, since, at) and is_place(name.strip(" ,")):
                continue
            if "applications" in needs and not may_invite(name, text[begin:at]):
                continue
            out.append((name, at, weight))
    return out


def _spelled_out_before(text: str, backwards: str, begin: int, end: int
                        ) -> tuple[str, int] | None:
    """(name, where) of the words an acronym in brackets that ends at ``end`` stands for,
    the acronym spelling out their first letters or their last ones ("Central Ohio
    Electrical Joint Apprenticeship Training Committee (JATC)"); None where none does."""
    acronym = _ACRONYM_BEFORE.search(text, begin, end)
    start = spelled_out_start(backwards, acronym.start() + 1) if acronym else None
    if acronym is None or start is None or start < begin:
        return None
    if text.startswith("The ", start):
        start += 4
    words = text[start:acronym.start()].split()
    initials = "".join(w[0] for w in words if w[0].isupper())
    return (" ".join(words), start) if words and initials.endswith(acronym.group(1)) else None


# "Nova Harbor, a non-profit dedicated to supporting Harbor, is seeking": the name that
# opens the sentence, not the last one before the cue's comma
_APPOSITIVE = lazy_compile(
    _NAME + r",[ \t]+(?:an?|the|one|which|who|whose|founded|based|headquartered|part)\b"
    r"(?:[^.;:!?\n]|\.(?=\w)){1,200}")


def _appositive_subject(text: str, begin: int, end: int) -> re.Match[str] | None:
    """The name opening the sentence that runs from after ``begin`` to the comma at
    ``end``, where what lies between is an appositive ("Acme, a firm in Leeds,")."""
    stop = text.rfind(". ", begin, end)
    begin = stop + 2 if stop >= 0 else begin
    begin += len(text[begin:end]) - len(text[begin:end].lstrip())
    begin += heading_length(text[begin:end])
    return _APPOSITIVE.fullmatch(text, begin, end)


# "… a company based in Birmingham, is looking for", "… a clinic in Phoenix, AZ, is
# seeking": a place (a town's region after its comma), not the employer's own name
_PLACE_BEFORE = lazy_compile(r"(?:\b(?:in|at|near|from|of)|\w,)\s+$", re.I)


# suffixes that are also common words or codes ("Python, R, SAS", "AZ, NM, NV"): not after a comma
_WORDLIKE_SUFFIXES = frozenset("SAS SA AS AB AG BV NV KG Oy".split())


def _legal_names(text: str, english: bool) -> list[tuple[str, int, int]]:
    """Names ending in a legal suffix ("Kranich Logistik GmbH"), weight 2 each; in a
    posting in ``english``, a suffix English writes as an acronym ("Cisco ASA") only as
    ``name_before.legal_name`` says."""
    out = []
    backwards = text[::-1]
    for suffix in islice(_SUFFIX.finditer(text), MOST_MATCHES):
        start = legal_name(text, backwards, suffix.start(), suffix.end(), english)
        if start is not None and not ("," in text[start:suffix.start()]
                                      and suffix.group() in _WORDLIKE_SUFFIXES):
            out.append((text[start:suffix.end()], start, 2))
    return out


# a sentence's end inside a run of capitalised words ("the Pacific Northwest. We are
# seeking", "in Oslo. Nova Harbor is"): a word of four letters or more and a stop, not an
# abbreviation ("Pharm.", "Assoc."; shorter ones: "Inc.", "Pvt.", "Sdn."), or any word
# before a pronoun that opens what follows ("Acme Corp. We are")
_SENTENCE_END = lazy_compile(r"\b([A-Z]?[a-z]{2,})\.\s+(?=([A-Z][a-z]*))")
_ABBREVIATIONS = frozenset(
    "inc corp co ltd llc bros assoc assn intl natl mfg pharm educ prods svcs serv dept "
    "univ inst tech dist govt ctr hosp mgmt dev eng engr sys grp hldg hldgs ind inds "
    "cos mfrs labs med chem elec".split())
_OPENING_WORDS = frozenset("we our you your they their it its this these the".split())


def _trim_name(name: str) -> str:
    ends = [m for m in _SENTENCE_END.finditer(name) if m.group(2).lower() in _OPENING_WORDS
            or (len(m.group(1)) >= 4 and m.group(1).lower() not in _ABBREVIATIONS)]
    if ends:
        name = name[ends[-1].end():]  # the name is what opens the last sentence
    name = name.strip(" ,;:'’")
    name = name[heading_length(name):]  # "Company DescriptionAcme", "About Acme"
    if not re.search(_LEGAL + r"$", name):
        name = name.rstrip(".")
    name = re.sub(r"[’']s$", "", name)
    words = name.split()
    while words and words[-1].lower() in PARTICLE_WORDS:
        words.pop()
    while len(words) > 1 and words[0] in ("At", "Join", "Joining", "With"):
        words.pop(0)  # "At Ledgerly Inc., we build …": the sentence's words, not the name's
    return " ".join(words)


def _names_a_job(line: str) -> bool:
    """Does a first line end with a job's noun, as the posting's title does ("Air Cargo
    Agent"), not as a sender's name ("… Nurses of America, Inc.") or its headline ("Acme
    Seeks Specialists")?"""
    words = line.split()
    return bool(words) and has_job_noun(words[-1]) and not _HEADLINE_VERB.search(line)


def _mailing_list_sender(doc: Document) -> Finding | None:
    """A posting that opens with the organisation's name, then a labelled title.

    ("AMERIA Investment Consulting Company / JOB TITLE: Chief Financial Officer";
    other labelled lines, such as an announcement number, may come between.)"""
    names: list[Block] = []
    labelled = False
    for block in doc.blocks[:5]:
        lead = re.match(r"\s*([^:]{1,40}):", block.text)
        key = (lead.group(1) if lead else block.text if block.kind == "heading" else "")
        field = label_field(key.strip().lower(), doc)
        if field == "title":
            if lead and only_terms(block.text[lead.end():].strip()):
                return None  # "Role: Permanent": no title label, the line above no name
            break
        if field is not None or starts_with_label(block.text):
            labelled = True  # a labelled line before the title ends the name
            continue
        sentence = block.text.endswith(".") and len(block.text.split()) > 8
        if labelled or block.kind != "para" or len(block.text) > 120 or \
                block.text.endswith(":") or sentence or "|" in block.text or \
                looks_like_location(block.text):
            return None
        names.append(block)
    else:
        return None
    if not names or len(names) > 3 or _names_a_job(names[0].text) or \
            (_ANNOUNCES.search(names[0].text) and not reads_as_organisation(names[0].text)):
        return None
    text = " ".join(b.text.strip() for b in names)
    spans = [b.span for b in names]
    headline = _HEADLINE_VERB.search(names[0].text)
    if headline:  # "Acme Health Seeks Records Specialists": the name is what precedes it
        text = names[0].text[:headline.start()].strip()
        spans = doc.block_span(names[0], (0, headline.start()))
    return Finding(text, spans, 0.75, "structure") if text else None


# a first line that announces the posting, no sender's name: "Internal/External
# Employment Opportunity", "Job Vacancy Announcement", "Now Hiring!" (but "Ohio Office of
# Economic Opportunity", with an organisation's words, is one)
_ANNOUNCES = lazy_compile(r"(?i)\b(?:opportunit(?:y|ies)|vacanc(?:y|ies)|announcement|"
                          r"posting|openings?|now hiring)\W*$")
# a headline's verb after the name that opens a posting ("Acme Seeks …", "Acme Is Hiring
# …"); not a word a name may hold ("Smart Hires Group", "Acme Recruiting Inc")
_HEADLINE_VERB = lazy_compile(
    r"\s+(?:Seeks|[Ii]s (?:Hiring|Seeking|Looking)|[Aa]re (?:Hiring|Seeking|Looking)|"
    r"Looking For|seeks|is (?:hiring|seeking|looking))\b(?=\s+\S)")
