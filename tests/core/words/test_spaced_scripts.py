"""Which scripts set their words apart by spaces (``words.spaced``): a word of one that
does not ends at any letter, so a selection or a match is not stretched to the next
space (which in such a text may be a sentence or a line away)."""

from __future__ import annotations

import re

import pytest

from reviewer.core.words import SPACED_CLASS, spaced

UNSPACED = {
    "Thai": "ก", "Lao": "ກ", "Myanmar": "က", "Khmer": "ក", "Han": "中", "Hiragana": "あ",
    "Katakana": "ア", "Yi syllable": "ꀀ", "Yi radical": "꒐", "Kana supplement": "\U0001b001",
    "Kana extended-A": "\U0001b11f", "small kana": "\U0001b150", "Tangut": "\U00017000",
    "Nushu": "\U0001b170", "Myanmar extended-A": "ꩠ", "Myanmar extended-B": "ꧠ",
    "Tai Tham": "ᨠ", "New Tai Lue": "ᦀ", "Tai Viet": "ꪀ", "Khmer symbols": "᧠",
}
SPACED = {"Latin": "a", "Greek": "α", "Cyrillic": "д", "Arabic": "ب", "Hebrew": "ש",
          "Devanagari": "क", "Hangul": "가", "Ethiopic": "ሀ", "digit": "7"}


@pytest.mark.parametrize("script", sorted(UNSPACED))
def test_a_script_without_spaces_is_known(script: str) -> None:
    char = UNSPACED[script]
    assert not spaced(char)
    assert not re.fullmatch(SPACED_CLASS, char)


@pytest.mark.parametrize("script", sorted(SPACED))
def test_a_script_with_spaces_is_known(script: str) -> None:
    char = SPACED[script]
    assert spaced(char)
    assert re.fullmatch(SPACED_CLASS, char)
