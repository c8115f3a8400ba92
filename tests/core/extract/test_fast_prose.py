"""The prose cues read a long line in time that grows with it, and find what they found.

Each step made cheap is compared with the step as it was (its pattern or code kept here)
on the sample postings, the development corpus when it is beside the project, and text
built from the words the cues look for. Then the work, counted: a place read from the
few words after its cue, a cue's first thousand matches read, a name or a value looked
for in the whole text once, not once for each cue.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from corpus_texts import corpus_texts
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reviewer.core.extract import prose, prose_places
from reviewer.core.extract.document import Block, Document, parse
from reviewer.core.extract.prose_words import MOST_MATCHES, Cue, CuePattern, Joined, cue_re

SETTINGS = settings(max_examples=300, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
TEXTS = corpus_texts(40)
# words of the place cues; fifteen at most make a text, so that no run of capitals after
# "Our" is longer than a place's words and its region (the one change by design)
_FRAGMENTS = [
    "Our ", "our ", "brand new ", "in ", "the ", "office", " office", "team ", "Leeds ",
    "Boston", "Austin, TX ", ", ", "MA ", "New ", "York ", "of ", "la ", "St. ", "Louis ",
    ". ", "(", ")", "Location: ", "located in ", "based in ", " based ", "Ohio-based ",
    "to work in ", "reside in ", "Founded ", "1998 ", "Acme ", "hiring ", "\n", "Springfield",
    "Oregon ", "IL ", "Canada ",
]
place_text = st.lists(st.sampled_from(_FRAGMENTS), max_size=15).map("".join)


# --- the places --------------------------------------------------------------------------

_OLD_WORD = r"[A-Z][\w'’.-]*"
_OLD_PLACE = (r"((?:" + _OLD_WORD + r")(?:[ \t]+(?:" + _OLD_WORD + r"|of|de|la|upon))*"
              r"(?:,?[ \t]+(?:[A-Z]{2}\b|" + _OLD_WORD + r"(?:[ \t]+" + _OLD_WORD + r")?))?)")


def _old_cues() -> tuple[tuple[CuePattern, int], ...]:
    """The place cues as they were: a place read to the end of its capitals."""
    out = []
    for cue, weight in prose_places.PLACE_CUES:
        pattern = cue.pattern.pattern
        assert prose_places._PLACE in pattern
        out.append((CuePattern(re.compile(pattern.replace(prose_places._PLACE, _OLD_PLACE)),
                               cue.words, cue.lower, cue.at), weight))
    return tuple(out)


def _places(text: str) -> list[tuple[str, tuple[int, int], int, str]]:
    joined = Joined.of(parse(text).blocks)
    return [(c.value, c.span, c.weight, c.block.text) for c in prose_places.place_cues(joined)]


def _same_places(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    now = _places(text)
    old = _old_cues()
    with monkeypatch.context() as patch:
        patch.setattr(prose_places, "PLACE_CUES", old)
        patch.setattr(prose_places, "_LOCATION", old[0][0])
        patch.setattr(prose_places, "_IN", old[-1][0])
        assert _places(text) == now


def test_places_are_found_as_before_on_postings(monkeypatch: pytest.MonkeyPatch) -> None:
    for text in TEXTS:
        _same_places(text, monkeypatch)


@SETTINGS
@given(place_text)
def test_places_are_found_as_before_on_generated_text(text: str) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        _same_places(text, monkeypatch)


# what opens each cue of PLACE_CUES, in its order
_OPENERS = ["Location: ", "located in ", "to work in ", "Our ", "reside in ", "(", "in "]


def test_a_place_is_decided_by_the_words_after_its_cue() -> None:
    """A cue's match reads a place's words and its region, not a whole line of capitals:
    the same with the line cut after twenty words. (Read to the line's end, each "Our" of
    a megabyte of "Our Alpha Beta …" took the line again: hours.)"""
    words = " ".join(f"Alpha{i}" for i in range(5000))
    assert len(_OPENERS) == len(prose_places.PLACE_CUES)
    for opener, (cue, _) in zip(_OPENERS, prose_places.PLACE_CUES, strict=True):
        text = opener + words + " office)"
        cut = len(opener) + len(" ".join(f"Alpha{i}" for i in range(20)))
        whole, short = cue.pattern.match(text), cue.pattern.match(text, 0, cut)
        assert (whole and whole.span()) == (short and short.span()), opener
    assert prose_places.PLACE_CUES[3][0].pattern.match("Our New York City office")


# --- the cues' matches -------------------------------------------------------------------


def test_a_cue_reads_its_first_matches() -> None:
    text = "Acme is hiring. " * 3000
    joined = Joined.of(parse(text).blocks)
    found = joined.matches(cue_re(r"hiring", "hiring"))
    assert len(found) == MOST_MATCHES
    assert [m.start() for _, _, m in found] == [16 * i + 8 for i in range(MOST_MATCHES)]


def test_roles_read_a_cues_first_matches(monkeypatch: pytest.MonkeyPatch) -> None:
    """The words after a cue are read for its first matches only: a line of " Acme is
    hiring" had them read 12,500 times a megabyte (3 s), a page of paragraphs that open
    with a role once a paragraph."""
    read = 0
    real = prose.tokens

    def counting(*args: Any) -> Any:
        nonlocal read
        read += 1
        return real(*args)

    monkeypatch.setattr(prose, "tokens", counting)
    prose.from_prose(parse("Acme is hiring " * 5000), {})
    assert read <= MOST_MATCHES + 5
    read = 0
    prose.from_prose(parse("".join(f"Nurse at Acme{i} Clinic.\n\n" for i in range(3000))), {})
    assert read <= MOST_MATCHES + 5


def test_the_word_before_a_bare_role_is_read_near_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """"we are hiring Nurses": "are" is looked for just before "hiring", never from the
    start of the paragraph (a line of them took minutes a megabyte), and found as before."""
    real = prose._BEFORE_BARE
    for text in [*TEXTS[:60], "we are  \t hiring", "We’re hiring", "now hiring", "İs hiring",
                 "this hiring", "is-hiring", "  hiring", "immediately hiring"]:
        for at in range(0, len(text), max(1, len(text) // 300)):
            assert prose._bare_cue(text, at) == bool(real.search(text, 0, at)), (text, at)
    widest = 0

    class Counting:
        def search(self, text: str, pos: int, endpos: int) -> Any:
            nonlocal widest
            widest = max(widest, endpos - pos)
            return real.search(text, pos, endpos)

    monkeypatch.setattr(prose, "_BEFORE_BARE", Counting())
    found = prose.from_prose(parse("we are hiring Senior Data Engineers. " * 3000), {})
    assert found["title"].value == "Senior Data Engineer"
    assert 0 < widest <= prose._BARE_REACH + 1


class _Sliced(str):
    """A text that counts the characters its slices hold."""

    read = 0

    def __getitem__(self, key: Any) -> str:
        if isinstance(key, slice):
            _Sliced.read += len(range(*key.indices(len(self))))
        return str.__getitem__(self, key)


def test_the_employer_after_a_role_is_read_without_the_rest_of_the_text() -> None:
    text = _Sliced("Nurse at Acme Clinic today. " + "Lorem ipsum dolor. " * 50_000)
    block = Block("para", text, 0, len(text))
    _Sliced.read = 0
    found = prose._employer_after_role(Cue("Nurse", block, (0, 5), 2))
    assert found is not None and found.value == "Acme Clinic"
    assert _Sliced.read < 1000  # (the text after the role was copied for each role)


# --- names and values counted ------------------------------------------------------------


@pytest.mark.parametrize("name", ["Acme", "Acme1", "AT&T", "Acme.io", "C++", "A&A", "Zed",
                                  "Acme-Corp", "Ünïcode", "Acme."])
def test_a_name_twice_as_before(name: str) -> None:
    for text in ["Acme provides. AT&T and AT&T. Acme.io Acme.io! C++ C++x A&A A&A&A Zed",
                 "Acme-Corp Acme-Corp Ünïcode Ünïcode Acme. Acme.x Acme.y AcmeAcme",
                 "Acme1 Acme1. A&A", *TEXTS[:40]]:
        joined = Joined.of([Block("para", line, 0, len(line)) for line in text.splitlines()])
        old = len(re.findall(rf"\b{re.escape(name)}\b", joined.text)) >= 2
        assert joined.twice(name) == old, (name, text[:60])


def test_names_before_a_verb_are_not_each_looked_for_in_the_text(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """"Acme1 provides …", "Acme2 provides …": a name seen once is known from the text's
    words counted once; each looked for through the whole text, a megabyte took minutes."""
    compiled: list[str] = []
    real = re._compile  # type: ignore[attr-defined]

    def counting(pattern: Any, flags: Any) -> Any:
        compiled.append(str(pattern))
        return real(pattern, flags)

    text = " ".join(f"Acme{i} provides services to clients in the region." for i in range(2000))
    monkeypatch.setattr(re, "_compile", counting)
    prose.from_prose(parse(text), {})
    assert not [p for p in compiled if "Acme" in p]


class _Scanned(str):
    """A Markdown that counts the searches made in it."""

    searches = 0

    def count(self, *args: Any) -> int:
        _Scanned.searches += 1
        return str.count(self, *args)

    def find(self, *args: Any) -> int:
        _Scanned.searches += 1
        return str.find(self, *args)


def test_a_fields_first_cues_are_weighed() -> None:
    """A value named twice weighs more: each value of a page of thousands was counted
    through the whole text; the first MOST_CUES cues are weighed, each found twice at most."""
    text = " ".join(f"Acme{i}x is a leading freight company." for i in range(3000))
    text += " Acme7x again."
    block = Block("para", text, 0, len(text))
    cues = [Cue(f"Acme{i}x", block, (i, i + 1), 2) for i in range(3000)]
    _Scanned.searches = 0
    best = prose._best(cues, Document(_Scanned(text), [block]), need=1)
    assert best is not None and best.value == "Acme7x"  # (named twice)
    assert _Scanned.searches <= 2 * prose.MOST_CUES
