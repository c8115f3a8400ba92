"""The words prose cues read: job nouns, the praise before a role, and employer names.

``head_noun`` says whether a word can end a job title (singular); ``skip_modifiers``
steps over "a highly motivated, detail-oriented full-time …"; ``name_at`` reads an
organisation's name ("Harbor Foods", "Quill & Quarry", "Acme Bros. Inc."); and
``employer_cues`` finds the sentences whose subject is the employer ("Acme is seeking",
"Acme (ACM) seeks", "Acme is a leading freight company", "About Acme", "At Acme, we").
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import NamedTuple

from reviewer.core.extract.document import Block
from reviewer.core.words.lexicon import JOB_NOUN_WORDS, SECTION_HEADINGS, heading_key, section_field
from reviewer.core.words.places import looks_like_location
from reviewer.core.words.regex import fold_case, lazy_compile
from reviewer.core.words.text import lower_keep_offsets


@dataclass
class Cue:
    """A value a sentence gives, where (a span of the block's text) and how strongly."""

    value: str
    block: Block
    span: tuple[int, int]
    weight: int


_SENTENCE_START = lazy_compile(r"(?:[.!?:][ \t]*|[a-z])$")


@dataclass(frozen=True)
class CuePattern:
    """A cue's pattern, tried only where one of its opening ``words`` stands (a plain
    search for a word is many times faster than a pattern scanning every position)."""

    pattern: re.Pattern[str]
    words: tuple[str, ...]
    lower: bool  # matched against the lower-cased text (its words in lower case)
    at: str  # where it may start: "word", "sentence", "line" or "any" (see Joined.matches)


def cue_re(pattern: str, words: str, at: str = "word", lower: bool = True) -> CuePattern:
    """A ``CuePattern``; ``words`` separated by "|"; a space in ``pattern`` is never a
    line break (the blocks are joined by them)."""
    return CuePattern(lazy_compile(pattern.replace(r"\s", r"[ \t]")), tuple(words.split("|")),
                      lower, at)


@dataclass
class Joined:
    """The blocks' texts joined by line breaks (and lower-cased, offsets kept), so each
    cue is looked for once a posting."""

    text: str
    low: str
    starts: list[int]
    blocks: list[Block]
    runs: Counter[str] | None = None  # the text's runs of word characters, once counted

    @classmethod
    def of(cls, blocks: list[Block]) -> Joined:
        starts, at = [], 0
        for block in blocks:
            starts.append(at)
            at += len(block.text) + 1
        text = "\n".join(b.text for b in blocks)
        return cls(text, lower_keep_offsets(text), starts, blocks)

    def matches(self, cue: CuePattern) -> list[tuple[Block, int, re.Match[str]]]:
        """(block, the block's offset in ``text``, match) for each match inside one block
        that starts where ``cue.at`` says: "word" (not inside a word), "sentence" (a
        block's or a sentence's start, or glued to a lower-case word), "line" (a block's
        start), "any"; in the order of the text, the first ``MOST_MATCHES``."""
        hay = self.low if cue.lower else self.text
        out = []
        for word in cue.words:
            start, found_here = hay.find(word), 0
            while start >= 0 and found_here < MOST_MATCHES:
                if start and cue.at in ("word", "line") and _NOT_AT[cue.at](hay[start - 1]):
                    start = hay.find(word, start + 1)  # ("in " inside "Berlin ": not read
                    continue  # on, each to the line's end)
                match = cue.pattern.match(hay, start)
                if match is not None and (found := self._inside(match, cue.at)) is not None:
                    out.append((*found, match))
                    found_here += 1
                start = hay.find(word, start + 1)
        return sorted(out, key=lambda hit: hit[2].start())[:MOST_MATCHES]

    def twice(self, name: str) -> bool:
        """Does ``name`` stand twice in ``text`` as a word, a word boundary each side?
        Each run of word characters in it stands whole where it does: the text's runs are
        counted once, and the name looked for only where its runs are there twice (each
        name looked for through the whole text, a line of "Acme provides …" took minutes)."""
        if self.runs is None:
            self.runs = Counter(_RUN.findall(self.text))
        runs = _RUN.findall(name)
        if any(self.runs[run] < 2 for run in runs):
            return False
        if runs == [name]:
            return True  # (word characters only: the name is one run, counted)
        whole, seen, at = re.compile(rf"\b{re.escape(name)}\b"), 0, self.text.find(name)
        while at >= 0 and seen < 2:  # (as re.findall counts, without its slow scan)
            found = whole.match(self.text, at) is not None
            seen += found
            at = self.text.find(name, at + (len(name) if found else 1))
        return seen == 2

    def _inside(self, match: re.Match[str], at: str) -> tuple[Block, int] | None:
        start = match.start()
        i = bisect.bisect_right(self.starts, start) - 1
        base, block = self.starts[i], self.blocks[i]
        if match.end() > base + len(block.text):
            return None
        if start > base and at != "any":
            before = self.text[start - 1]
            if at == "line" or (at == "word" and (before.isalnum() or before == "_")) or (
                    at == "sentence" and
                    not _SENTENCE_START.search(self.text, max(base, start - 3), start)):
                return None
        return block, base


# matches of one cue read in a text: a posting names its role, employer or place a few
# times (no page of the corpora has over twenty of one cue), and each match costs a
# reading of the words after it (a line of " Acme is hiring" took 3 s a megabyte)
MOST_MATCHES = 1_000
_RUN = lazy_compile(r"\w+")
# a character before a cue's start that rules it out, by where the cue starts (checked
# again, with the block's bounds, by ``Joined._inside``)
_NOT_AT = {"word": lambda c: c.isalnum() or c == "_", "line": lambda c: c != "\n"}


class Token(NamedTuple):
    text: str
    start: int
    end: int


_TOKEN = lazy_compile(r"[A-Za-z0-9][\w'’+#-]*|[&/,()!?.;:–—]")
_GLUED = lazy_compile(r"[a-z](?=[A-Z])")


def tokens(text: str, start: int, end: int) -> list[Token]:
    """The words and marks of ``text[start:end]``, up to the end of the sentence."""
    out = []
    for match in _TOKEN.finditer(text, start, min(end, len(text))):
        word = match.group()
        if word in ".!?;:":
            break
        glued = _GLUED.search(word)
        if glued and head_noun(word[:glued.start() + 1]):
            # "AnalystDuration: Contract": a line glued on after the job noun
            out.append(Token(word[:glued.start() + 1], match.start(),
                             match.start() + glued.start() + 1))
            break
        word = word.rstrip("'’-")
        out.append(Token(word, match.start(), match.start() + len(word)))
    return out


# job nouns beyond the shared list (which stays as it is: other stages read it)
_MORE_NOUNS = frozenset(
    "paralegal fabricator practitioner ambassador tech leader apprentice generalist "
    "superintendent estimator worker presenter trainee pathologist hygienist welder artist "
    "adjuster server nanny caregiver aide dispatcher housekeeper janitor custodian machinist "
    "plumber carpenter painter installer inspector investigator surveyor underwriter broker "
    "banker teller courier handler laborer labourer attendant host hostess barista baker "
    "counselor counsellor coach educator dentist technologist sonographer phlebotomist "
    "midwife veterinarian nutritionist dietitian psychiatrist surgeon clinician scheduler "
    "merchandiser stocker concierge photographer videographer producer journalist reporter "
    "copywriter illustrator animator actuary paramedic solicitor rep partner closer "
    "auditor optician hygienist modeler modeller author storyteller".split())


def head_noun(word: str) -> bool:
    """Can ``word`` end a job title? Singular job nouns only."""
    low = word.lower()
    return low in _MORE_NOUNS or fold_case(low) in JOB_NOUN_WORDS


def plural_head(word: str) -> int:
    """How many letters a job noun in the plural has beyond its singular ("Trainees":
    1, "Coaches": 2), or 0 when ``word`` is no such plural."""
    for cut in (1, 2):
        if len(word) > cut + 2 and word.endswith("es"[2 - cut:]) and head_noun(word[:-cut]):
            return cut
    return 0


_MODIFIERS = frozenset(
    "talented experienced motivated self-motivated highly-motivated skilled highly-skilled "
    "passionate dynamic driven enthusiastic energetic organized organised well-organized "
    "detail-oriented results-driven results-oriented creative innovative outstanding "
    "exceptional dedicated reliable hard-working hardworking proactive positive friendly "
    "outgoing professional qualified seasoned strong great awesome ambitious committed "
    "versatile personable confident curious smart bright capable competent knowledgeable "
    "compassionate caring high-energy customer-focused full-time part-time temporary permanent "
    "freelance seasonal remote hybrid on-site onsite in-house local new additional immediate "
    "multi-faceted fun entrepreneurial goal-oriented self-driven self-starting mission-driven "
    "resourceful analytical collaborative adaptable flexible diligent meticulous thoughtful "
    "kind eager ideal right top rockstar world-class accomplished proven successful "
    "detail-orientated hands-on well-rounded forward-thinking dependable responsible "
    "administrative perfect interested".split())
# two-word praise written without its hyphen ("full time", "high energy")
_PAIRS = frozenset((("full", "time"), ("part", "time"), ("high", "energy"), ("self", "motivated"),
                    ("detail", "oriented"), ("well", "organized"), ("hard", "working"),
                    ("results", "driven"), ("customer", "focused")))
# words skipped before a role even when capitalised: the kind of job, a credential asked for
_KINDS = frozenset(("full-time", "part-time", "temporary", "freelance", "seasonal", "permanent",
                    "certified", "experienced"))


def skip_modifiers(toks: list[Token]) -> int:
    """The index of the first token after the praise and kind words before a role
    (and the place it is based in: "a full-time, Ohio based, …")."""
    i = 0
    while i < len(toks) and i < 12:
        low = toks[i].text.lower()
        nxt = toks[i + 1].text.lower() if i + 1 < len(toks) else ""
        after = toks[i + 2].text.lower() if i + 2 < len(toks) else ""
        if (low, nxt) in _PAIRS:
            i += 2
        elif nxt == "based" or low.endswith("-based"):
            i += 2 if nxt == "based" else 1  # "Ohio based", "London-based"
        elif toks[i].text[:1].isupper() and low not in _KINDS:
            break
        elif low in _MODIFIERS or low in _KINDS or low == "," or (
                nxt in _MODIFIERS and (low.endswith("ly") or (low in ("and", "or") and i > 0))):
            i += 1  # "highly motivated", "skilled and motivated"
        elif low in ("and", "or") and i > 0 and (nxt, after) in _PAIRS:
            i += 1  # "driven and high energy"
        elif low.endswith("ly") and nxt.endswith("ed") and nxt.isalpha():
            i += 2  # "commercially oriented"
        else:
            break
    return i


# --- employer names -------------------------------------------------------------------------------

_NAME_WORD = r"(?:[A-Z0-9][\w&'’./+-]*|&)"
_NAME = lazy_compile(
    r"(?:The[ \t]+)?" + _NAME_WORD + r"(?:[ \t]+(?:" + _NAME_WORD + r"|of|and|de|for|on|the|"
    r"at)){0,6}(?:,?[ \t]+(?:Inc\.?|LLC|Ltd\.?|L\.L\.C\.|LLP|Corp\.?|Co\.|PLC|P\.C\.))?")
_NOT_NAMES = frozenset(
    "we you they it this that these those he she our your their my his her its there here "
    "each every a an any all no one who what which when where why how if as in on at for "
    "with from by to job role position company candidate candidates applicant applicants "
    "team client clients employer department description summary overview responsibilities "
    "requirements qualifications benefits location salary title duties note please apply "
    "about welcome join located based".split())


def name_at(text: str, start: int) -> tuple[int, int] | None:
    """The span of an organisation's name at ``start``, or None when none reads as one."""
    match = _NAME.match(text, start)
    if match is None:
        return None
    name = match.group()
    # a name ends before a lower-case word's phrase: drop trailing connectors and stops
    words = name.split()
    while words and (words[-1] in ("of", "and", "de", "for", "on", "the", "at", "&")):
        words.pop()
    name = " ".join(words)
    if not re.search(r"(?:Inc|Co|Corp|Ltd|L\.L\.C|P\.C)\.$", name):
        name = name.rstrip(".")
    name = re.sub(r"[’']s$", "", name).rstrip(",")
    if not _is_name(name):
        return None
    at = text.find(name, start)
    return (at, at + len(name)) if at >= 0 else None


def _is_name(name: str) -> bool:
    words = name.split()
    if not 1 <= len(words) <= 7 or len(name) < 2 or words[0].lower() in _NOT_NAMES:
        return False
    if any(w.lower() in ("we", "you", "our", "your") for w in words):
        return False
    if any(head_noun(w) for w in words) or looks_like_location(name):
        return False  # a job title, not a name ("Associates", plural, may be one)
    return not section_field(name, loose=False)[0]


# --- sentences whose subject is the employer ------------------------------------------------------

# cues that follow the name (pattern, weight); the name opens the sentence before them
SUBJECT_CUES = (
    (cue_re(r"(?:is|are)\s+(?:currently\s+|now\s+|actively\s+)?(?:looking|seeking|hiring|"
         r"searching|recruiting|on the hunt|in search|interviewing)\b", "is |are "), 2),
    (cue_re(r"(?:seeks|hires|has an? (?:immediate |exciting |)(?:opening|opportunity|need))\b",
         "seeks|hires|has a"), 2),
    (cue_re(r"is an?\s+(?:[\w,-]+\s+){0,6}?(?:company|firm|provider|organization|organisation|"
         r"agency|manufacturer|business|practice|group|startup|start-up|nonprofit|non-profit|"
         r"institution|brand|platform|publication|dealership|contractor|distributor|retailer|"
         r"consultancy|studio|clinic|school|university|hospital|network|bank|insurer|supplier|"
         r"producer|publisher|restaurant|chain|franchise|foundation|charity|corporation|"
         r"enterprise|employer|pioneer|innovator|leader|developer|operator|partner)\b", "is a"),
     2),
    (cue_re(r"participates in (?:the )?e-verify", "participates"), 1),
    (cue_re(r"(?:provides|offers|delivers|makes|builds|develops|designs|manufactures|serves|"
         r"operates|helps|empowers|creates|specializes|was founded|has been)\b",
         "provides|offers|delivers|makes|builds|develops|designs|manufactures|serves|operates|"
         "helps|empowers|creates|specializes|was founded|has been"), 1),
)
_VERB_CUE = SUBJECT_CUES[-1][0]
# between a name and its cue: "Acme (ACM) is", "Acme, a family firm, is"
_BETWEEN = lazy_compile(r"(?:\s*\([A-Za-z&.]{2,12}\)|,[^.]{1,60}?,)?\s*,?\s*$")


def employer_cues(joined: Joined) -> Iterator[Cue]:
    """The names that open sentences about the employer, and those after "About", "Join",
    "learn more about" and "At … , we"."""
    for pattern, weight in SUBJECT_CUES:
        for block, base, match in joined.matches(pattern):
            text = block.text
            if pattern is _VERB_CUE and (block.kind != "para" or len(text) < 60):
                continue  # a verb alone counts in a sentence of some length, not in a list
            span = _subject_before(text, match.start() - base)
            if span is None:
                continue
            name = text[span[0]:span[1]]
            if pattern is _VERB_CUE and " " not in name and not joined.twice(name):
                continue  # "Final offers depend on …": one word once, before a mere verb
            yield Cue(name, block, span, weight)
    for pattern, follow, weight in _NAME_AFTER:
        for block, base, match in joined.matches(pattern):
            text = block.text
            span = name_at(text, match.end() - base)
            if span is not None and follow.match(text, span[1]):
                yield Cue(text[span[0]:span[1]], block, span, weight)


# (what comes before a name, what must follow the name, weight)
_NAME_AFTER = (
    (cue_re(r"(?:About|Welcome to|Why join)\s+", "About|Welcome|Why", "line", lower=False),
     re.compile(r"\s*(?:[:?!]|\.?\s*$)"), 2),
    (cue_re(r"(?:learn more about|join)\s+", "learn more|join"), re.compile(r"(?:[,?!]|$)"), 1),
    (cue_re(r"At\s+", "At", "sentence", lower=False), re.compile(r",\s+(?:we|our)\b"), 1),
)


_LEADING_WORDS = lazy_compile(r"[A-Z]+(?![a-z])|[A-Za-z][a-z]*")
_HEADING_END = lazy_compile(r"(?i:description|overview|summary)$")


def heading_length(text: str) -> int:
    """How much of ``text`` is a section heading run into what follows it ("Company
    DescriptionAcme Ltd", "BENEFIT SUMMARY Acme Ltd"): 0 when none is."""
    words: list[re.Match[str]] = []
    for match in _LEADING_WORDS.finditer(text, 0, 40):
        if match.start() > (words[-1].end() + 1 if words else 0):
            break
        words.append(match)
        if len(words) > 3:
            break
    for word in reversed(words):
        after = text[word.end():word.end() + 1]
        head = text[:word.end()]
        if (after == " " or after[:1].isupper()) and \
                (_HEADING_END.search(head) or heading_key(head) in SECTION_HEADINGS):
            return word.end() + (after == " ")
    return 0


_SUBJECT_REACH = 1000  # no name opening a sentence further back than this reaches its cue


def _subject_before(text: str, end: int) -> tuple[int, int] | None:
    """The name that opens the sentence ending at ``end`` ("Acme Ltd" in "Acme Ltd is …").
    Only the ``_SUBJECT_REACH`` characters before ``end`` are read: a paragraph of
    thousands of sentences costs each cue its own sentence, not the text before it."""
    window = max(0, end - _SUBJECT_REACH)
    stops = [at + len(stop) for stop in (". ", "! ", "? ", ":")
             if (at := text.rfind(stop, window, end)) >= 0]
    if not stops and window > 0:
        return None  # the sentence starts too far back for its opening name to reach here
    begin = max(stops, default=0)
    begin += len(text[begin:end]) - len(text[begin:end].lstrip())
    begin += heading_length(text[begin:end])
    if text.startswith("The ", begin):
        begin += 4  # "The Riverside Trust is …" at a sentence start: the name is the rest
    span = name_at(text, begin)
    if span is None or not _BETWEEN.fullmatch(text, span[1], end):
        return None
    return span
