"""The page's own title, as job boards and career sites write it.

A board wraps the posting's role, employer and place in its own words: "Senior Data
Engineer jobs - Jobfinder", "Acme hiring Data Engineer in Austin, Texas | Jobfinder",
"Data Engineer job in Austin, TX: Acme careers - Jobfinder", "Data Engineer - Austin, TX
- Acme | Jobfinder", "Data Engineer in US-MO-Kansas City | Careers at Acme". The title is
cut at its separators (| – - : ·) into segments, and each segment read:

* search-page words ("Find Jobs", "Job Details", "Jobs in Austin") and a domain-like
  name ("jobfinder.com") are the site's and go;
* cues name the parts: "X hiring Y in Z", "Y job in Z", "Y at X", "Careers at X",
  "X careers", "Job Application for Y"; a place must be a known place name (``places``,
  or a code such as "US-MO-Kansas City");
* of the rest, a segment with a job noun is the role, one that reads as a place the
  place, and a name the employer, except the last segment when another name or a cue
  names the employer: that one is the site's brand. A lone trailing name ("Data
  Engineer - Acme") may be either; it is the employer only when the posting names it.

The stage that puts these readings among the posting's values is ``title_stage``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from reviewer.core.extract.department import DEPARTMENT_WORDS
from reviewer.core.extract.organisation import (
    names_an_organisation,
    names_no_organisation,
    reads_as_organisation,
)
from reviewer.core.words.lexicon import (
    SECTION_HEADINGS,
    boilerplate_reason,
    has_job_noun,
    heading_key,
)
from reviewer.core.words.place_codes import coded_place
from reviewer.core.words.places import looks_like_location
from reviewer.core.words.regex import lazy_compile

_SEPARATORS = lazy_compile(r"\s*\|\s*|\s+[-–—]\s+|\s*[·•]\s*|(?<=[\w).])\s*[–—]\s*(?=[A-Z])|"
                         r"(?<=[\w).]):\s+")
_SEARCH = lazy_compile(
    r"(?:(?:find|search|browse|view|see|all|latest|new|current|open)\s+)*"
    r"(?:jobs?|careers?|vacanc(?:y|ies)|(?:job\s+)?openings?|positions?|opportunities|"
    r"job\s+(?:search|details?|description|posting|listings?|board|offers?|ads?|announcements?|"
    r"opportunit(?:y|ies))|employment|"
    r"home(?:\s*page)?|search(?:\s+results?)?|results|apply(?:\s+now)?|"
    r"(?:jobs?|careers?)\s*(?:&|and)\s*(?:jobs?|careers?)|careers?\s+(?:site|page|portal|home))",
    re.I)
_DOMAIN = lazy_compile(r"(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}(?:/\S*)?", re.I)
_PREFIX = lazy_compile(r"^(?:job\s+application\s+for|apply\s+(?:for|to)|now\s+hiring|"
                       r"we(?:'re|\s+are)\s+hiring)\s*:?\s+(?=\S)", re.I)
_HIRING = lazy_compile(r"^(?P<who>.+?)\s+(?:is\s+)?(?:now\s+)?hiring(?:\s+an?)?\s*:?\s+"
                       r"(?P<rest>.+)$", re.I)
_CAREERS_AT = lazy_compile(r"^(?:careers?|jobs?|life|work(?:ing)?|opportunities|vacancies|"
                           r"openings)\s+(?:at|with)\s+(?P<who>.+)$", re.I)
_CAREERS_OF = lazy_compile(r"^(?P<who>.+?)\s+(?:careers?|jobs?|career\s+site|careers?\s+page|"
                           r"job\s+board|vacancies|job\s+openings|openings)$", re.I)
_AT = lazy_compile(r"^(?P<role>.+?)(?:\s+(?:@|at|bei)|(?<=\b[Jj]ob)\s+with|"
                   r"(?<=\b[Pp]osition)\s+with)\s+(?P<who>[A-Z0-9].*)$")
_IN = lazy_compile(r"\s+in\s+", re.I)
_JOB_WORDS = lazy_compile(r"\s+(?:jobs?|job\s+openings?|vacanc(?:y|ies)|positions?|needed|wanted)$",
                          re.I)
# a requisition number: "(12345)", "Job ID 12345", "R-10234"
_IDENT = lazy_compile(r"(?:(?:job\s*)?(?:id|ref(?:erence)?|req(?:uisition)?|no\.?|number)"
                      r"\s*[:#]?\s*|#\s*)?[A-Z]{0,4}[-_]?\d[\w-]*", re.I)
_ID_IN_PARENS = lazy_compile(r"\s*\((?:" + _IDENT.pattern + r")\)$", re.I)
_BOARD_WORDS = r"(?:finder|search|seeker|board|site|bank|net|hub|list|match|spot|zone|world|jet)"
# a job board's name made with "jobs" or "careers" as a word of its own: "USAJOBS",
# "HigherEdJobs", "CareerBuilder"; not a name that only opens so ("Jobot", "Jobber");
# bounded, so that a long run of letters is tried once
_BOARD_NAME = lazy_compile(r"(?:[A-Z][A-Za-z]{0,30})?(?:[Jj]obs?|JOBS?|[Cc]areers?|CAREERS?)"
                           r"(?:[A-Z][A-Za-z]{0,30}|" + _BOARD_WORDS + r")?")
_IN_PARENS = lazy_compile(r"^(?P<rest>.*?)\s*\((?P<place>[^()]{2,60})\)$")
_LEGAL = lazy_compile(r"\b(?:Inc|Incorporated|Corp|Corporation|LLC|LLP|Ltd|Limited|GmbH|AG|PLC|"
                      r"plc|S\.?A|SAS|B\.?V|N\.?V|Pty|Co|Company|Group)\.?$")
_NAME = lazy_compile(r"[A-Z0-9][\w&.,'’()/+ -]{0,59}")
_NOT_NAMES = frozenset(("we", "we're", "now", "you", "join us", "our team", "they", "hiring",
                        "now hiring", "urgent", "urgently hiring", "new", "featured"))


@dataclass(frozen=True)
class TitleReading:
    """What a page title says about its posting; ``None`` where it says nothing.

    ``place`` is written as the extractor writes places ("Kansas City, MO, US") and
    ``place_written`` as the title wrote it; ``maybe_company`` is a lone trailing name
    that may be the employer's or the site's; ``cued``: a cue ("hiring", "jobs in",
    "careers at") marks the text as a board's title."""

    role: str | None = None
    company: str | None = None
    place: str | None = None
    place_written: str | None = None
    maybe_company: str | None = None
    by_position: bool = False  # the employer is named by its place in the title alone
    cued: bool = False
    lone: bool = False


@dataclass
class _Segment:
    text: str
    start: int = 0  # where it stands in the title
    end: int = 0
    role: str | None = None
    company: str | None = None  # named by a cue
    place: tuple[str, str] | None = None  # (value, as written)
    name: str | None = None  # a name: the employer's or the site's
    site: bool = False  # the site's own words: search words, a domain
    search: bool = False  # "Data Engineer jobs": a board's search page
    cued: bool = False


@functools.lru_cache(maxsize=1024)
def read_title(text: str | None, role_first: bool = False) -> TitleReading:
    """The role, the employer and the place a page title names (see the module).
    ``role_first``: the title names the role first, as a mail's subject does (its first
    part is read as a cue's would be: "Postdoc position in NLP at Acme University").

    Cached: a site gives its pages' titles one shape, and its chrome the same lines."""
    text = re.sub(r"\s+", " ", text or "").strip()
    if not text or len(text) > 300:
        return TitleReading()
    segments: list[_Segment] = []
    for start, end in _pieces(text):
        segments.append(seg := _read_segment(text[start:end], role_first and not segments))
        seg.start, seg.end = start, end
    if not segments:
        return TitleReading()
    cued = any(s.cued for s in segments)
    role = _role_with_qualifiers(text, segments)
    company = _cued_employer(segments)
    if role is None and len(segments) == 1 and segments[0].name and \
            _is_role(segments[0].name, patterned=True):
        role = segments[0].name  # a title of one part, with no job noun: "Barista"
        segments[0].name = None
    if role is None:
        return TitleReading(company=company, cued=cued)
    place = next((s.place for s in segments if s.place), (None, None))
    names = [(i, s.name) for i, s in enumerate(segments) if s.name]
    maybe, by_position = None, False
    if company is None and names:
        company, maybe = _employer_by_position(segments, names)
        by_position = company is not None and not _LEGAL.search(company)
    return TitleReading(role, company, place[0], place[1], maybe, by_position, cued,
                        lone=len(segments) == 1 and not cued)


def _pieces(text: str) -> list[tuple[int, int]]:
    """The spans of the title between its separators, empty ones left out."""
    spans, at = [], 0
    for match in [*_SEPARATORS.finditer(text), None]:
        end = match.start() if match else len(text)
        if text[at:end].strip(" -"):
            spans.append((at, end))
        at = match.end() if match else end
    return spans


def _role_with_qualifiers(text: str, segments: list[_Segment]) -> str | None:
    """The first role, with the qualifiers that follow it as written ("Senior Engineer –
    Machine Learning", "Software Engineer - storage"): segments that name no employer,
    place or site, only a field of work or lower-case words."""
    first = next((i for i, s in enumerate(segments) if s.role), None)
    if first is None:
        return None
    role = segments[first].role
    if role != segments[first].text:
        return role  # cut out of its segment ("Data Engineer jobs in Austin"): as it is
    last = first
    while last + 1 < len(segments) and _qualifier(segments[last + 1], text):
        last += 1
    if last == first:
        return role
    for seg in segments[first + 1:last + 1]:
        seg.name = None
    return text[segments[first].start:segments[last].end].strip(" -–—|:·•")


def _qualifier(seg: _Segment, text: str) -> bool:
    if seg.role or seg.company or seg.place or seg.site:
        return False
    # "Data Scientist: Fraud Detection": after a colon, the role goes on
    return seg.name is None or _field_of_work(seg.name) or text[:seg.start].rstrip().endswith(":")


def _field_of_work(name: str) -> bool:
    """"Machine Learning", "Data & Analytics": department words alone."""
    return DEPARTMENT_WORDS.sub("", name).strip(" &,") in ("", "and", "of")


def _cued_employer(segments: list[_Segment]) -> str | None:
    """The employer a cue names ("Acme hiring …", "Careers at Acme", "Acme Jobs"); in the
    last segment, a board's brand as often ("… | Northbridge NHS Foundation Trust | NHS
    Jobs"): a name before it that is an organisation's by its own words is the employer
    then, unless the cued name reads as one too ("… | School of Law | Greenfield
    University Jobs": a unit, or a school of a district, belongs to it)."""
    cued = [i for i, s in enumerate(segments) if s.company]
    if not cued:
        return None
    first = cued[0]
    company = segments[first].company
    if first == len(segments) - 1 and company and not reads_as_organisation(company):
        named = next((s.name for s in segments[:first] if s.name and
                      names_an_organisation(s.name) and not _field_of_work(s.name)), None)
        if named is not None:
            return named
    return company


def _employer_by_position(segments: list[_Segment], names: list[tuple[int, str]]
                          ) -> tuple[str | None, str | None]:
    """(employer, maybe the employer) among names no cue placed: a legal name; a name
    that reads as an organisation's ("St. Mary's Medical Center") over one that may not
    ("Acme"), and a name before the last segment over the last (the site's brand when
    another name stands before it). A last name that is the only one, or the only one
    that reads as an organisation's, may be either. A shift, a schedule, a specialty
    ("Nights", "Home Daily", "Med/Surg") is none."""
    legal = next((name for _, name in names if _LEGAL.search(name)), None)
    if legal is not None:
        return legal, None
    last = len(segments) - 1
    names = [(i, name) for i, name in names if not names_no_organisation(name) and
             not _field_of_work(name)]
    inner = [name for i, name in names if i != last]
    named = [name for name in inner if reads_as_organisation(name)]
    if named:
        return named[0], None
    if names and names[-1][0] == last and reads_as_organisation(names[-1][1]):
        return None, names[-1][1]
    if inner:
        return inner[0], None
    if names and not any(s.search for s in segments):
        return None, names[-1][1]
    return None, None


def _read_segment(text: str, cued: bool = False) -> _Segment:
    text = text.strip(" -–—|:·•")
    seg = _Segment(text, cued=cued)
    if not text:
        seg.site = True
        return seg
    if _SEARCH.fullmatch(text) or _DOMAIN.fullmatch(text) or _IDENT.fullmatch(text) or \
            _BOARD_NAME.fullmatch(text) or boilerplate_reason(text):
        seg.site = True
        return seg
    rest = text
    prefix = _PREFIX.match(rest)
    if prefix:
        rest, seg.cued = rest[prefix.end():], True
    hiring = _HIRING.match(rest)
    if hiring and _is_name(hiring.group("who")):
        seg.company, seg.cued = hiring.group("who"), True
        rest = hiring.group("rest")
    at = _CAREERS_AT.match(rest)
    if at and _is_name(at.group("who")):
        seg.company, seg.cued = at.group("who"), True
        return seg
    _role_and_place(seg, rest)
    return seg


def _role_and_place(seg: _Segment, text: str) -> None:
    """The rest of a segment: "Y at X", "Y jobs in Z", "Y (Z)", "X careers", or one part."""
    parens = _IN_PARENS.match(text)
    if parens and (place := _place(parens.group("place"))):
        seg.place, text = place, parens.group("rest")
    at = _AT.match(text)
    if at and (seg.cued or has_job_noun(at.group("role")) or
               _JOB_WORDS.search(_IN.split(at.group("role"))[0])):
        who = at.group("who")
        for match in reversed(list(_IN.finditer(who))):
            # "Data Engineer job at Acme in Austin, TX"
            if (place := _place(who[match.end():])) is not None:
                who, seg.place = who[:match.start()], place
                break
        if _is_name(who):
            seg.company, seg.cued = who, True
            text = at.group("role")
    for match in reversed(list(_IN.finditer(text))):
        place = _place(text[match.end():])
        if place is None:
            continue
        left = text[:match.start()]
        seg.cued = True
        if _SEARCH.fullmatch(left):
            seg.site = True  # "Find Jobs in Austin, TX": a search page, no posting
            return
        seg.place = place
        _role(seg, left, patterned=True)
        return
    of = _CAREERS_OF.match(text)
    if of and not seg.company:
        who = of.group("who")
        if has_job_noun(who):
            _role(seg, text, patterned=True)
        elif _place(who) or _SEARCH.fullmatch(who) or _field_of_work(who):
            seg.site = True  # "Remote jobs", "Tech Jobs": a board's words
        elif _is_name(who):
            seg.company, seg.cued = who, True
        return
    noun = has_job_noun(text)
    if not seg.place and not noun and (place := _place(text)):
        seg.place = place
        return
    if seg.company or seg.cued or noun:
        _role(seg, text, patterned=seg.cued)
    elif _is_name(text):
        seg.name = text


def _role(seg: _Segment, text: str, patterned: bool) -> None:
    words = _JOB_WORDS.search(text)
    if words:
        seg.search = words.group().strip().lower().endswith("s")
        text = text[:words.start()]
    text = _ID_IN_PARENS.sub("", text).strip(" -–—,:")
    if _is_role(text, patterned):
        seg.role = text


def _is_role(text: str, patterned: bool) -> bool:
    words = text.split()
    if not 1 <= len(words) <= 12 or len(text) > 100 or text.endswith((".", "?", "!")):
        return False
    if _SEARCH.fullmatch(text) or boilerplate_reason(text) or heading_key(text) in \
            SECTION_HEADINGS:
        return False
    if not has_job_noun(text) and looks_like_location(text):
        return False
    return has_job_noun(text) or (patterned and text[:1].isupper())


def _is_name(text: str) -> bool:
    text = text.strip()
    return bool(_NAME.fullmatch(text)) and len(text.split()) <= 6 and \
        re.search(r"[^\W\d_]", text) is not None and text.lower() not in _NOT_NAMES and \
        not has_job_noun(text) and not _SEARCH.fullmatch(text) and \
        not _IDENT.fullmatch(text) and not looks_like_location(text)


def _place(text: str) -> tuple[str, str] | None:
    """(the place as the extractor writes it, as written) when ``text`` is one place."""
    text = text.strip(" .,;")
    code = coded_place(text)
    if code:
        return code, text
    return (text, text) if looks_like_location(text) else None

