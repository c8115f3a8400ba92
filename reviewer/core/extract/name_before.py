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
from reviewer.core.words.org_names import PARTICLE, PARTICLE_BACK, UPPER
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


def legal_name(text: str, backwards: str, suffix: int) -> int | None:
    """Where the employer's name before the legal suffix at ``suffix`` starts: past the
    sentence's words (``past_the_sentence``) that ``legal_name_start`` reads with it."""
    start = legal_name_start(text, backwards, suffix)
    return None if start is None else past_the_sentence(text, start, suffix)


# an "of" or a "for" in the words before a legal suffix, and a list joined by "and" before
# it: acronyms ("DOT and FMCSA of"), fields ("Sales and Operations of")
_OF_OR_FOR = lazy_compile(r"[ \t](?:of|for)[ \t]+")
_ACRONYMS_LISTED = lazy_compile(r"\b[A-Z]{2,}[ \t]+and[ \t]+[A-Z]{2,}\b")
_FIELD = DEPARTMENT_WORDS.pattern
_FIELDS_LISTED = lazy_compile(r"(?i)" + _FIELD + r",?[ \t]+and[ \t]+" + _FIELD)


def past_the_sentence(text: str, start: int, end: int) -> int:
    """Where the name before a legal suffix, read from ``start`` to ``end``, starts once
    the sentence's words are left out: those up to the last "of" or "for" after a list
    or a job ("Knowledge of GAAP and IFRS for Acme Inc.", "the DOT and FMCSA of Ryder
    System, Inc.", "the VP of Sales and Operations of Acme Inc."); a name's own "of"
    stays ("Boys & Girls Clubs of America, Inc.", "Bank of America Corp.")."""
    cuts = list(_OF_OR_FOR.finditer(text, start, end))
    for cut in reversed(cuts):
        before = text[start:cut.start()]
        if _ACRONYMS_LISTED.search(before) or _FIELDS_LISTED.search(before) or \
                has_job_noun(before):
            return cut.end()
    return start


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
