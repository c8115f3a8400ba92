"""A selection in the rendered text snapped to whole words, as a span is labelled.

A selection that cuts a word takes it whole; spaces and punctuation at its ends go ("(Python),"
is "Python"), but a bracket or quote that closes, or opens, one the words keep stays:
"alert(1)" is not cut to "alert(1", nor “hi” in 'say “hi”' to '“hi'. No Qt.
"""

from __future__ import annotations

import unicodedata

from reviewer.core.words import spaced

_EDGE_PUNCTUATION = ".,;:!?()[]{}\"'«»“”‘’…–—"
# brackets and quotes kept in pairs ("'" and "’" are apostrophes as often: not these)
_PAIRS = {"(": ")", "[": "]", "{": "}", "«": "»", "“": "”", '"': '"'}
_OPENERS = {close: open_ for open_, close in _PAIRS.items()}


def in_word(ch: str) -> bool:
    """A letter or digit, or a mark joined to one (Devanagari's vowel signs, a combining
    accent)."""
    return ch.isalnum() or unicodedata.category(ch) in ("Mn", "Mc")


def _one_word(left: str, right: str) -> bool:
    """Are two characters side by side of one word? Not where either is of a script
    written without spaces ("北京" in "我们在北京招聘", "AWS" in "AWSの"): a selection
    there is taken as it is."""
    return in_word(left) and in_word(right) and spaced(left) and spaced(right)


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int] | None:
    """``start``/``end`` widened to whole words and narrowed past spaces and edge
    punctuation (a span of "(Python)," is "Python"; "C++" and "C#" keep their signs),
    but for the brackets and quotes that pair with one inside (``_paired``)."""
    while start > 0 and start < len(text) and _one_word(text[start - 1], text[start]):
        start -= 1
    while 0 < end < len(text) and _one_word(text[end - 1], text[end]):
        end += 1
    covered = start, end
    while start < end and (text[start].isspace() or text[start] in _EDGE_PUNCTUATION):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in _EDGE_PUNCTUATION):
        end -= 1
    return _paired(text, start, end, *covered) if start < end else None


def _unpaired(words: str) -> tuple[list[str], list[str]]:
    """The brackets and quotes of ``words`` left open, in the order opened, and those
    closed that open before them, in the order closed. A straight quote closes an open
    one, else opens."""
    opened: list[str] = []
    closed: list[str] = []
    for ch in words:
        if ch == '"' and opened[-1:] == ['"']:
            opened.pop()
        elif ch in _PAIRS:
            opened.append(ch)
        elif ch in _OPENERS:
            if opened and opened[-1] == _OPENERS[ch]:
                opened.pop()
            elif not opened:
                closed.append(ch)
    return opened, closed


def _paired(text: str, start: int, end: int, low: int, high: int) -> tuple[int, int]:
    """``start``/``end`` moved back out over the brackets and quotes the narrowing took
    off (within ``low``…``high``, what the selection covered) that pair with one of
    ``text[start:end]``."""
    opened, closed = _unpaired(text[start:end])
    for opener in reversed(opened):  # (the last opened closes first)
        if end < high and text[end] == _PAIRS[opener]:
            end += 1
        elif opener == '"' and start > low and text[start - 1] == '"':
            start -= 1  # (a straight quote: the one before may be its opening one)
        else:
            break
    for closer in closed:  # (the first closed opens nearest)
        if start > low and text[start - 1] == _OPENERS[closer]:
            start -= 1
        else:
            break
    return start, end
