"""Where the name before a word that follows names starts: before a legal suffix ("Kranich
Logistik GmbH"), a cue ("Acme Data is hiring"), an acronym in brackets ("National River
Data Agency (NRDA)").

Each name is read backwards, from the word to the name's first letter, in one match on the
text reversed (``text[::-1]``, made once for all the names of a text). The patterns as they
were, a name anchored to end at the word (``NAME$``) searched for from the furthest place
it could start, tried a match at every capital letter on the way: a line of "Inc Inc Inc …"
took a minute a megabyte, a run of capitals before brackets hours. A name's words stand
between spaces, so that read backwards the longest match (the most words, then the longest
first word) is the name that starts first, the one the search found.
"""

from __future__ import annotations

from reviewer.core.extract.department import DEPARTMENT_WORDS
from reviewer.core.words.lexicon import has_job_noun
from reviewer.core.words.org_names import (
    HIRING_AFTER,
    PARTICLE,
    PARTICLE_BACK,
    UPPER,
    WORDLIKE_LEGAL,
)
from reviewer.core.words.places import is_place
from reviewer.core.words.regex import lazy_compile

# before a legal suffix, within _LEGAL_REACH characters: up to five words, each maybe
# followed by one or two small words ("Banco de la Nación", "Francois & Co.", see
# ``org_names``), the first not inside a word, then a comma maybe and spaces; forwards:
_WORD = r"(?:[dDlL]['’])?[" + UPPER + r"][\w&'’-]{0,40}"
_LEGAL_HEAD = lazy_compile(
    r"(?<![\w&])(" + _WORD + r"(?:(?:[ \t]+" + PARTICLE + r"){0,2}[ \t]+" + _WORD +
    r"){0,4}(?:[ \t]+" + PARTICLE + r"){0,2},?[ \t]+)$")
# … and backwards ("de la" is "al ed"): spaces, a comma, small words, four words and
# their small words, the first
_WORD_BACK = r"[\w&'’-]{0,40}[" + UPPER + r"](?:['’][dDlL])?"
_LEGAL_HEAD_BACK = lazy_compile(
    r"[ \t]+,?(?:" + PARTICLE_BACK + r"[ \t]+){0,2}(?:" + _WORD_BACK + r"(?:[ \t]+" +
    PARTICLE_BACK + r"){0,2}[ \t]+){0,4}" + _WORD_BACK + r"(?![\w&])")
_LEGAL_REACH = 220
# before a cue: up to six words and small words ("Banco de la Nación S.A. is hiring"), the
# first may start inside a word (employer._NAME + "$", with ``org_names``' small words)
_NAME_BACK = lazy_compile(
    r"(?:(?:[\w&.'’-]{0,40}[A-Z]|" + PARTICLE_BACK + r")[ \t]+){0,5}[\w&.'’-]{0,40}[A-Z]")
# before an acronym's "(": one to seven words, each maybe followed by "of", "and", "for" or
# "&" (forwards: ((?:[A-Z][\w&'’-]*[ \t]+(?:(?:of|and|for|&)[ \t]+)?){1,7})\(  )
_SPELLED_OUT_BACK = lazy_compile(
    r"(?:(?:[ \t]+(?:fo|dna|rof|&))?[ \t]+[\w&'’-]*[A-Z]){1,7}")


def legal_name_start(text: str, backwards: str, suffix: int) -> int | None:
    """Where the name before the legal suffix at ``suffix`` starts (its words, a comma
    and spaces run to the suffix), within ``_LEGAL_REACH`` characters; None: no name."""
    reach = max(0, suffix - _LEGAL_REACH)
    end = suffix - 1 if suffix > reach and text[suffix - 1] == "\n" else suffix  # ("$")
    found = _LEGAL_HEAD_BACK.match(backwards, len(text) - end, len(text) - reach)
    if found is None:
        return None
    start = len(text) - found.end()
    if start == reach > 0:  # (the reach's edge hides the letter before it: read forwards)
        forwards = _LEGAL_HEAD.search(text, reach, suffix)
        return forwards.start(1) if forwards else None
    return start


def legal_name(text: str, backwards: str, suffix: int, end: int,
               english: bool = False) -> int | None:
    """Where the employer's name before the legal suffix at ``suffix`` to ``end`` starts:
    past the sentence's words (``past_the_sentence``) that ``legal_name_start`` reads with
    it; None: no name, or in a posting in ``english`` a suffix English writes as an
    acronym that ends no name there (``wordlike_form_ends_name``)."""
    start = legal_name_start(text, backwards, suffix)
    if start is None:
        return None
    if english and text[suffix:end] in WORDLIKE_LEGAL and \
            not wordlike_form_ends_name(text, start, suffix, end):
        return None
    return past_the_sentence(text, start, suffix)


# an "of" or a "for" in the words before a legal suffix, and what ends the words before it
# for the sentence's own: a list joined by "and" of acronyms ("DOT and FMCSA of") or of
# fields ("Sales and Operations of"), or a job's word (``is_a_post``)
_OF_OR_FOR = lazy_compile(r"[ \t](?:of|for)[ \t]+")
_ACRONYMS_LISTED = lazy_compile(r"\b[A-Z]{2,}[ \t]+and[ \t]+[A-Z]{2,}$")
_FIELD = DEPARTMENT_WORDS.pattern
_FIELDS_LISTED = lazy_compile(r"(?i)" + _FIELD + r",?[ \t]+and[ \t]+" + _FIELD + "$")


def past_the_sentence(text: str, start: int, end: int) -> int:
    """Where the name before a legal suffix, read from ``start`` to ``end``, starts once
    the sentence's words are left out: those up to each "of" or "for" that comes right
    after a list or a job ("Knowledge of GAAP and IFRS for Acme Inc.", "the DOT and FMCSA
    of Ryder System, Inc.", "the VP of Sales and Operations of Acme Inc."); a name's own
    "of" or "for" stays ("The Coordinator for The Children's Hospital of Philadelphia,
    Inc.", "Bank of America Corp.", "Lawyers for Children, Inc.")."""
    for cut in _OF_OR_FOR.finditer(text, start, end):
        before = text[start:cut.start()]
        if _ACRONYMS_LISTED.search(before) or _FIELDS_LISTED.search(before) or \
                is_a_post((before.split() or [""])[-1]):
            start = cut.end()
    return start


def is_a_post(text: str) -> bool:
    """Does ``text`` name a job, of one post ("Coordinator", "VP")? A job's noun in the
    plural is no post's: a name's word for its members ("Lawyers for Children",
    "Physicians for Human Rights")."""
    return has_job_noun(text) and has_job_noun(" ".join(w for w in text.split()
                                                        if not _members(w)))


def _members(word: str) -> bool:
    return word.endswith("s") and not word.endswith("ss") and has_job_noun(word[:-1])


_HIRING_AFTER = lazy_compile(HIRING_AFTER)
_SENTENCE_WORDS = lazy_compile(r"^(?:(?:At|Join|Joining|With)[ \t]+)+")
_NOT_ENGLISH_LETTER = lazy_compile(r"[^\x00-\x7f]")


def wordlike_form_ends_name(text: str, start: int, form: int, end: int) -> bool:
    """Does the legal form at ``form`` to ``end`` that English writes as an acronym (see
    ``org_names.WORDLIKE_LEGAL``) end the name from ``start`` in a posting in English?
    Before "we" or a verb of hiring ("At Airbus SAS we", "Volvo Cars AB söker"), or after
    a name with a letter English does not write ("Skånetrafiken AB"); not after a place
    ("Red Deer AB", "Las Vegas NV"), nor where a product's name stands ("Cisco ASA
    firewalls", "Microsoft SQL Server and Base SAS")."""
    name = _SENTENCE_WORDS.sub("", text[start:form].strip(), count=1)
    if not name or is_place(name):
        return False
    return _HIRING_AFTER.match(text, end) is not None or \
        _NOT_ENGLISH_LETTER.search(name) is not None


def name_start(text: str, backwards: str, begin: int, end: int) -> int | None:
    """Where the name (employer's ``_NAME``) that ends at ``end`` starts, at ``begin`` or
    after; None: no name ends there."""
    if end > begin and text[end - 1] == "\n":
        end -= 1  # ("$" before a line's end)
    found = _NAME_BACK.match(backwards, len(text) - end, len(text) - begin)
    return len(text) - found.end() if found else None


def spelled_out_start(backwards: str, bracket: int) -> int | None:
    """Where the words before the "(" at ``bracket`` that could spell out the acronym in
    it start (see ``employer.fuller_name``); None: no word stands there."""
    found = _SPELLED_OUT_BACK.match(backwards, len(backwards) - bracket)
    return len(backwards) - found.end() if found else None
