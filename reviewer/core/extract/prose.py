"""The prose stage, after the structure: for postings that are running text.

The role, the employer and the place as sentences announce them: "Acme is seeking a
highly motivated Data Engineer", "join our team as a Nurse", "The Payroll Clerk will …",
"As a Data Analyst at Acme, you …", "About Acme", "At Acme, we …", "Acme is a leading
freight company", "located in Leeds", "our Boston office", "Job Location: Austin, TX".

Each cue gives a candidate and a weight; the candidate with the most weight wins (the
earliest on a tie) if it reaches the weight a field asks. A role must end in a job noun,
singular ("engineers" is no title); a place must be a known place name (``places``);
an employer must open its sentence and read as a name. Values carry the span of the
phrase in the cleaned text and a confidence below the labelled and structural stages',
so this stage only fills what they left empty.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from reviewer.core.extract.document import Block, Document
from reviewer.core.extract.prose_places import place_at, place_cues, remote_only, towns_first
from reviewer.core.extract.prose_words import (
    MOST_MATCHES,
    Cue,
    CuePattern,
    Joined,
    Token,
    cue_re,
    employer_cues,
    head_noun,
    name_at,
    plural_head,
    skip_modifiers,
    tokens,
)
from reviewer.core.schema import Finding
from reviewer.core.words.lexicon import heading_key
from reviewer.core.words.regex import lazy_compile

STAGE = "prose"


def from_prose(doc: Document, have: dict[str, Finding]) -> dict[str, Finding]:
    """Title, company and locations from the posting's sentences, where still empty."""
    want = [f for f in ("title", "company", "locations") if f not in have]
    if not want:
        return {}
    roles: list[Cue] = []
    employers: list[Cue] = []
    places: list[Cue] = []
    previous: Block | None = None
    openings = 0  # paragraphs read for a role that opens them ("Nurse at Acme Clinic …")
    for block in doc.blocks:
        if previous is not None and (previous.kind == "heading" or previous.text.endswith(":")):
            # "## Job Title" over "Data AnalystDuration: Contract …", glued on
            text, key = block.text, heading_key(previous.text)
            if "title" in want and key in _TITLE_HEADINGS and \
                    (role := _role_at(text, 0, False)) is not None:
                roles.append(Cue(text[role[0]:role[1]], block, role, 3))
            if "locations" in want and key in _PLACE_HEADINGS and \
                    (place := place_at(text, 0, len(text), False)):
                places.append(Cue(text[place[0]:place[1]], block, place, 3))
        if block.kind == "para" and ("title" in want or "company" in want) and \
                openings < MOST_MATCHES and any(w in block.text for w in _OPENERS):
            openings += 1
            roles.extend(_role_after(block, 0, 0, None, 2, False))
        previous = block
    joined = Joined.of(doc.blocks)
    if "title" in want or "company" in want:
        roles.extend(_role_cues(joined))
    if "company" in want:
        employers.extend(e for cue in roles if (e := _employer_after_role(cue)) is not None)
        employers.extend(employer_cues(joined))
    if "locations" in want:
        places.extend(place_cues(joined))
    found: dict[str, Finding] = {}
    if "title" in want and (best := _best(roles, doc, need=2)) is not None:
        found["title"] = _finding(doc, best, best.value, 0.45)
    if "company" in want and (best := _best(employers, doc, need=1)) is not None:
        found["company"] = _finding(doc, best, best.value, 0.4)
    if "locations" in want:
        best = _best(towns_first(places), doc, need=1) or remote_only(doc)
        if best is not None:
            found["locations"] = _finding(doc, best, [best.value], 0.4)
    return found


_OPENERS = (" at ", " to work", " to join")
_TITLE_HEADINGS = frozenset(("job title", "position title", "title", "position", "role",
                             "role title", "job position"))
_PLACE_HEADINGS = frozenset(("location", "job location", "work location", "locations",
                             "office location", "ability to commute", "ability to relocate"))


def _finding(doc: Document, cue: Cue, value: object, confidence: float) -> Finding:
    return Finding(value, doc.block_span(cue.block, cue.span), confidence, STAGE)


# cues of one field weighed: the corpora's pages give at most seven; each value of a page
# of thousands was counted through the whole text (a megabyte took seconds)
MOST_CUES = 200


def _best(cues: list[Cue], doc: Document, need: int) -> Cue | None:
    """The value the first ``MOST_CUES`` cues give the most weight (a value named again
    counts once more)."""
    weight: dict[str, int] = {}
    first: dict[str, Cue] = {}
    for cue in sorted(cues, key=lambda c: (c.block.start, c.span[0]))[:MOST_CUES]:
        key = cue.value.casefold()
        weight[key] = weight.get(key, 0) + cue.weight
        first.setdefault(key, cue)
    if not weight:
        return None
    for key, cue in first.items():
        at = doc.markdown.find(cue.value)  # (found a second time: not counted to the end)
        if at >= 0 and doc.markdown.find(cue.value, at + len(cue.value)) >= 0:
            weight[key] += 1
        if cue.value.isupper() and len(cue.value) <= 6:
            # "MCA" beside "Marshall Craft Associates (MCA)": one name
            full = next((k for k, c in first.items() if _initials(c.value) == cue.value), None)
            if full is not None:
                weight[full] += weight[key]
                weight[key] = 0
    key = max(weight, key=lambda k: weight[k])
    return first[key] if weight[key] >= need else None


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[:1].isupper())


# --- the role -------------------------------------------------------------------------------------

_ARTICLE = r"(?:(?:an?|one|the|our)\s+)"
# (pattern, weight, whether a lower-case role counts); the cue words in any case (the
# pattern reads the lower-cased text), the role after them as written
_ROLE_CUES = (
    (cue_re(r"(?:seek(?:ing|s)|hir(?:ing(?: for)?|es)|looking for|searching (?:for|to hire)|"
         r"search of|recruiting(?: for)?|on the hunt for|interviewing for|in need of|needs?|"
         r"wants|to hire)\s+" + _ARTICLE + "?",
         "seek|hir|looking for|search|recruiting|on the hunt|interviewing|in need|need|wants|"
         "to hire"), 2, True),
    # "an opening for a", "a position has come available for a"
    (cue_re(r"(?:opening|opportunity|vacancy|role|position)(?:\s+(?:has|have|is|are|now|just|"
         r"come|become|came|available|open|opened|arisen|up)){0,4}\s+(?:for|as)\s+" + _ARTICLE,
         "opening|opportunity|vacancy|role|position"), 2, True),
    (cue_re(r"join\b[^.!?\n]{0,60}?\bas\s+" + _ARTICLE, "join"), 2, True),
    (cue_re(r"As\s+" + _ARTICLE.replace("(?:an", "(?:An|an") + "?", "As", "sentence", lower=False),
     2, False),
    (cue_re(r"(?:The|Each)\s+", "The|Each", "sentence", lower=False), 1, False),
    # "you might be the Data Analyst we are looking for": the verb after it decides
    (cue_re(r"\bbe\s+the\s+", "be the"), 1, False),
    (cue_re(r"(?:job|position|role) title\s*:?\s+", "job title|position title|role title"), 3,
     False),
    (cue_re(r"position\s*:\s*", "position"), 2, False),
    (cue_re(r"work(?:ing)?\s+as\s+" + _ARTICLE + "?", "work"), 2, False),
    # "for a Receptionist position": the word after the role makes it one
    (cue_re(r"for\s+(?:an?|the)\s+(?=[A-Z][^.!?\n]{0,60}?\s(?:position|role|vacancy|opening)"
            r"\b)", "for a|for the", lower=False), 2, False),
)
_AS_CUE = _ROLE_CUES[3][0]
_FOR_CUE = _ROLE_CUES[-1][0]
_POSITION_AFTER = lazy_compile(r"\s+(?:position|role|vacancy|opening)\b")
# what follows a role that opens a paragraph: "Nurse at Acme Clinic", "Nurse to join …"
_AFTER_OPENING = lazy_compile(r"\s+(?:at\s+[A-Z]|to\s+(?:work|join)\b)")
_ARTICLE_END = lazy_compile(r"(?i:\b(?:an?|one|the|our)\s+)$")
_BEFORE_BARE = lazy_compile(r"(?i:\b(?:is|are|now|currently|actively|immediately|urgently|we|"
                            r"[’']re)\s+)$")
_BARE_REACH = len("immediately")  # the longest word of _BEFORE_BARE
# what may follow "The Payroll Clerk …" for it to be the role
_THE_ROLE_VERB = lazy_compile(
    r"(?:\s*\([^()]{1,40}\))?(?:\s+at\s+[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,3})?"
    r"\s*(?:,\s*)?(?:will|is|shall|must|should|reports|works|serves|plays|leads|provides|"
    r"performs|supports|oversees|manages|ensures|coordinates|assists|position|role|"
    r"we(?:\s+are|[’']re)\s+(?:looking|searching)\s+for)\b")
_AFTER_AS = lazy_compile(r"\s*(?:,|you\b|at\b|with\b|on\b|in\b|for\b)")
_RESPONSIBLE = lazy_compile(
    r"(?:\s*\([^()]{1,40}\))?\s*(?:will be|is) (?:responsible|accountable)\b")
_NOT_ROLES = lazy_compile(r"^(?:hiring|successful|selected|ideal|right|reporting)\b", re.I)


def _role_cues(joined: Joined) -> Iterator[Cue]:
    for pattern, weight, lower in _ROLE_CUES:
        for block, base, match in joined.matches(pattern):
            yield from _role_after(block, match.start() - base, match.end() - base, pattern,
                                   weight, lower)


def _role_after(block: Block, at: int, pos: int, cue: CuePattern | None, weight: int,
                lower: bool) -> Iterator[Cue]:
    """The role a cue (``block.text[at:pos]``) announces, if one follows it."""
    text = block.text
    role = _role_at(text, pos, lower)
    if role is None:
        return
    start, end = role
    value = text[start:end]
    if _NOT_ROLES.match(value) or (weight == 2 and lower and not _ARTICLE_END.search(
            text, at, pos) and not _bare_cue(text, at)):
        return  # "the Hiring Manager will …": "hiring" is no cue without "a"
    if weight == 1:  # "The Payroll Clerk will …"
        if not _THE_ROLE_VERB.match(text, end):
            return
        if _RESPONSIBLE.match(text, end) or " " in value:
            weight = 2
    elif cue is _AS_CUE and not _AFTER_AS.match(text, end):
        return  # "As a Data Analyst, you …", not "As a rule"
    elif cue is _FOR_CUE and not _POSITION_AFTER.match(text, end):
        return  # "for a Receptionist position", not "for a Fortune 500 Company"
    elif cue is None and not _AFTER_OPENING.match(text, end):
        return  # a paragraph that opens with a role: "Nurse at Acme Clinic"
    last = value.split()[-1]
    cut = 0 if head_noun(last) else plural_head(last)
    if cut and cue is None:
        return  # "Our Advisors at Acme help …" opens a paragraph about the staff
    if cut:  # "Sales Trainees": the role is named in the singular
        end -= cut
        value = value[:-cut]
    yield Cue(value, block, (start, end), weight)


def _bare_cue(text: str, at: int) -> bool:
    """Does "is", "are", "now", "we" … and spaces stand right before ``at`` ("we are
    hiring nurses")? Looked for from the word's place, not from the block's start: that
    took each cue of a long paragraph the text before it."""
    gap = at
    while gap > 0 and text[gap - 1].isspace():
        gap -= 1
    return _BEFORE_BARE.search(text, max(0, gap - _BARE_REACH), at) is not None


_DETERMINERS = frozenset("The A An Our This That Each Every Your Their Its Any Some".split())
_ROMAN = frozenset(("I", "II", "III", "IV", "V"))
# what starts a clause after a comma, not a specialty ("As a Nurse, You will …")
_NOT_SPECIALTY = _DETERMINERS | frozenset("You We I They He She It".split())
_CONNECTORS = frozenset(("of", "and", "&", "/", "or"))
_TRAILING = frozenset(("position", "role", "opening", "job", "vacancy", "opportunity"))
# lower-case words that never sit inside a role: where a lower-case role ends
_LOWER_STOPS = frozenset(
    "to with who that for in at on and or from of the a an is are will you we our your this "
    "which as by whose ready able based located".split())


def _role_at(text: str, pos: int, lower: bool) -> tuple[int, int] | None:
    """The span of a job title starting at ``pos`` (after "seeking a"), or None."""
    toks = tokens(text, pos, pos + 160)
    i = skip_modifiers(toks)
    if i >= len(toks):
        return None
    first = toks[i].text
    if first in _DETERMINERS:
        return None
    if first[:1].isupper() or first in _ROMAN:
        return _capitalised_role(toks, i, text)
    if lower and first[:1].islower():
        return _lowercase_role(toks, i)
    return None


def _capitalised_role(toks: list[Token], i: int, text: str) -> tuple[int, int] | None:
    words: list[Token] = []
    j = i
    while j < len(toks) and len(words) < 10:
        tok = toks[j]
        if tok.text[:1].isupper() or (tok.text[:1].isdigit() and words):
            words.append(tok)
        elif tok.text == "," and "," not in (w.text for w in words) and j + 1 < len(toks) and \
                toks[j + 1].text[:1].isupper() and head_noun(words[-1].text) and \
                toks[j + 1].text not in _NOT_SPECIALTY:
            words.append(tok)  # "a Director, Product Operations to …"
        elif tok.text in _CONNECTORS and j + 1 < len(toks) and toks[j + 1].text[:1].isupper():
            if tok.text in ("and", "or", "&") and words and head_noun(words[-1].text):
                break  # "a Line Cook and Prep Cook": the first role
            if tok.text == "or":
                break
            words.append(tok)
        else:
            break
        j += 1
    while words and words[-1].text in _CONNECTORS:
        words.pop()
    if not words or len(words) > 8:
        return None
    if not head_noun(words[-1].text):
        words.extend(_sentence_case_tail(toks, i + len(words)))
    names = [w.text for w in words]
    end = len(names)
    while end > 1 and names[end - 1].lower() in _TRAILING:
        end -= 1
    if names[end - 1] in _ROMAN and end > 1:
        ok = head_noun(names[end - 2])
    else:
        ok = head_noun(names[end - 1]) or bool(plural_head(names[end - 1])) or \
            _head_of(names[:end])
    if not ok:  # "a Data Engineer - Platform II": a specialty after the job noun and a dash
        ok = any(head_noun(names[k]) and text[words[k].end:words[k + 1].start].strip() == "-"
                 for k in range(max(0, end - 4), end - 1))
    if not ok and "," in names:
        after = toks[i + len(words)].text if i + len(words) < len(toks) else "."
        # "a Director, PMO that …", "The Developer, Digital will …"
        ok = after in _LOWER_STOPS or after in ".!?;:()" or \
            bool(_THE_ROLE_VERB.match(text, words[-1].end))
        if not ok:  # "a Manager, Monday to Friday": the role before the comma
            end, ok = names.index(","), True
    if not ok:
        return None
    return words[0].start, words[end - 1].end


def _sentence_case_tail(toks: list[Token], j: int) -> list[Token]:
    """"a Shipping clerk to …": lower-case words up to a job noun, then a stop."""
    for k in range(j, min(j + 3, len(toks))):
        word = toks[k].text
        if not re.fullmatch(r"[a-z][a-z-]*", word) or word in _LOWER_STOPS:
            return []
        if head_noun(word):
            after = toks[k + 1].text if k + 1 < len(toks) else "."
            return toks[j:k + 1] if not after[:1].islower() or after in _LOWER_STOPS else []
    return []


def _head_of(names: list[str]) -> bool:
    """"Director of Operations", "Head of Investor Development", "VP of Sales"."""
    if "of" not in names:
        return False
    before = names[:names.index("of")]
    return bool(before) and (head_noun(before[-1]) or before[-1].lower() in ("head", "vp"))


def _lowercase_role(toks: list[Token], i: int) -> tuple[int, int] | None:
    words: list[Token] = []
    j = i
    while j < len(toks) and len(words) - 4 * sum(w.text == "/" for w in words) < 4:
        tok = toks[j]  # up to four words a role, "research programmer/data analyst" two
        word = re.fullmatch(r"[a-z][a-z-]*", tok.text) and tok.text not in _LOWER_STOPS
        slash = tok.text == "/" and words and j + 1 < len(toks) and toks[j + 1].text[:1].islower()
        if word or slash:
            words.append(tok)
        else:
            break
        j += 1
    if not words or not head_noun(words[-1].text):
        return None  # a lower-case role ends with its job noun: "a dental hygienist to …"
    if j < len(toks) and toks[j].text[:1].isupper():
        return None  # "a native English speaker": not a role of ours
    if len(words) == 1:
        return None  # "an intern", "a leader": too generic to be the title
    return words[0].start, words[-1].end


# --- the employer, after a role ("… for a Medical Assistant at Acme Clinic.") ------------------


_AT = lazy_compile(r"\s+at\s+")


def _employer_after_role(role: Cue) -> Cue | None:
    block, end = role.block, role.span[1]
    match = _AT.match(block.text, end)
    if match is None:
        return None
    name = name_at(block.text, match.end())
    if name is None:
        return None
    start, stop = name
    return Cue(block.text[start:stop], block, name, 2)
