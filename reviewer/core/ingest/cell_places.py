"""A data file's places: an object as one line, and the way of working a place's cell
says ("Remote in Denver, CO", "Hybrid remote in Atlanta, GA", "Berlin (Remote)").

A place object is schema.org's Place (its ``address``: locality, region, country) or a
scraper's ``{"city": …, "region": …, "country": …}``. Words of remote work are no place:
``remote_places`` takes them out of the places, keeping the place they name, and says the
``remote`` value they give (``remote``, ``hybrid`` or ``onsite``).
"""

from __future__ import annotations

import re
from typing import Any

# what a place object names, most local first: schema.org's keys, then scrapers'
_PARTS = (("addressLocality", "city", "locality", "town"),
          ("addressRegion", "region", "state", "province", "county"),
          ("addressCountry", "country", "country_name", "countryName", "country_code",
           "countryCode"))
_WAY = (r"(?:(?:temporarily|temporary|fully|full|100\s?%|partially|partly|mostly)[\s-]+)?"
        r"(?:hybrid(?:[\s-]+remote)?|remote(?:[\s-]+first)?|work(?:ing)?\s+from\s+home|wfh"
        r"|telecommute|on[\s-]?site|in[\s-]office)")
_ALONE = re.compile(rf"(?i){_WAY}")
# "Remote in Denver, CO", "Remote - US", "Hybrid: Berlin"; "Denver, CO (Remote)",
# "Berlin - Hybrid", "Austin, TX · Remote"
_BEFORE = re.compile(rf"(?i)(?P<way>{_WAY})\s*(?:\b(?:in|from|within)\b|[-–—:,(/·|])\s*"
                     r"(?P<place>.+?)\)?")
_AFTER = re.compile(rf"(?i)(?P<place>.+?)\s*(?:[-–—:,(/·|]|\bor\b)\s*(?P<way>{_WAY})\)?")


def place_line(place: dict[str, Any]) -> str:
    """A place object as one line: its locality, region and country (a schema.org Place
    through its ``address``), or its name; ValueError where it names none."""
    address = place.get("address", place)
    if isinstance(address, str) and address.strip():
        return address
    if not isinstance(address, dict):
        address = place
    parts: list[str] = []
    for names in _PARTS:
        part = next((address[k] for k in names if address.get(k) not in (None, "")), None)
        part = part.get("name") if isinstance(part, dict) else part
        if isinstance(part, str) and part.strip() and part.strip() not in parts:
            parts.append(part.strip())
    if parts:
        return ", ".join(parts)
    name = place.get("name")
    if isinstance(name, str) and name.strip():
        return name
    keys = ", ".join(str(key) for key in place)[:80]
    raise ValueError(f"a place object with no city, region, country or name (its keys: "
                     f"{keys or 'none'})")


def way_of_working(given: dict[str, Any], unread: bool = False) -> None:
    """A row's ``locations`` in ``given`` without the words of a way of working
    (``remote_places``), and the ``remote`` value they say where the row's columns gave
    none (nor one that could not be read: ``unread``)."""
    places, way = remote_places(given["locations"])
    given["locations"] = places
    if not places:
        del given["locations"]
    if way is not None and "remote" not in given and not unread:
        given["remote"] = way


def remote_places(places: list[str]) -> tuple[list[str], str | None]:
    """``places`` without the words of a way of working, each place they name kept, and
    the ``remote`` value those words say (None: none, or places that say different ones)."""
    kept: list[str] = []
    said: set[str] = set()
    for text in places:
        place, way = _way_of(text)
        if way is not None:
            said.add(way)
        if place and place not in kept:
            kept.append(place)
    return kept, (said.pop() if len(said) == 1 else None)


def _way_of(text: str) -> tuple[str | None, str | None]:
    """The place a location cell names and the way of working it says (None: none)."""
    if _ALONE.fullmatch(text.strip()):
        return None, _value(text)
    for pattern in (_BEFORE, _AFTER):
        match = pattern.fullmatch(text.strip())
        if match is not None and match.group("place").strip(" ,.-–—()"):
            return match.group("place").strip(" ,-–—()"), _value(match.group("way"))
    return text, None


def _value(way: str) -> str:
    low = way.lower()
    if "hybrid" in low or "partly" in low or "partially" in low or "mostly" in low:
        return "hybrid"
    return "onsite" if re.search(r"site|office", low) else "remote"


__all__ = ["place_line", "remote_places", "way_of_working"]
