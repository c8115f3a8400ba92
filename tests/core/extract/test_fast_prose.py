"""The prose cues read a long line in time that grows with it, and find what they found.

Each step made cheap is compared with the step as it was (its pattern or code kept here)
on the sample postings, the development corpus when it is beside the project, and text
built from the words the cues look for. Then the work, counted: a place read from the
few words after its cue, a cue's first thousand matches read, a name or a value looked
for in the whole text once, not once for each cue.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reviewer.core.extract import prose_places
from reviewer.core.extract.document import parse
from reviewer.core.extract.prose_words import CuePattern, Joined

ROOT = Path(__file__).resolve().parents[3]
CORPUS = ROOT.parent / "shared" / "corpus"
SETTINGS = settings(max_examples=300, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _texts() -> list[str]:
    """Sample postings, and the corpus's pages when it is there."""
    texts = [p.read_text(encoding="utf-8", errors="replace")
             for p in sorted((ROOT / "reviewer" / "resources" / "samples").iterdir())]
    for path in [CORPUS / "seeds.jsonl", *sorted((CORPUS / "dev").glob("*.jsonl"))]:
        if path.exists():
            with path.open(encoding="utf-8") as lines:
                texts += [json.loads(line)["raw"] for _, line in zip(range(40), lines,
                                                                      strict=False)]
    return texts


TEXTS = _texts()
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
