"""A selection in the rendered text snapped to whole words, as a span is labelled.

A selection that cuts a word takes it whole; spaces and punctuation at its ends go ("(Python),"
is "Python"), but a bracket or quote that closes, or opens, one the words keep stays:
"alert(1)" is not cut to "alert(1", nor 'Say "a" and "b"' to 'a" and "b'. No Qt.
"""

from __future__ import annotations

import unicodedata

from reviewer.core.words import spaced

_BRACKETS = {"(": ")", "[": "]", "{": "}", "（": "）", "［": "］", "｛": "｝", "「": "」",
             "『": "』", "【": "】", "〔": "〕", "〈": "〉", "《": "》"}
_CLOSING = {close: open_ for open_, close in _BRACKETS.items()}
# quotes as the languages pair them: German „…“ and »…«, French «…», Swedish ”…”
_QUOTES = {('"', '"'), ("'", "'"), ("“", "”"), ("‘", "’"), ("„", "“"), ("„", "”"),
           ("‚", "‘"), ("‚", "’"), ("«", "»"), ("»", "«"), ("‹", "›"), ("›", "‹"),
           ("”", "”"), ("’", "’")}
_QUOTE_MARKS = {mark for pair in _QUOTES for mark in pair}
_APOSTROPHES = "'’"
_EDGE_PUNCTUATION = ".,;:!?…–—" + "".join(_BRACKETS) + "".join(_CLOSING) + "".join(
    sorted(_QUOTE_MARKS))


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
    but for the brackets and quotes that pair with one inside (``_kept_whole``)."""
    while start > 0 and start < len(text) and _one_word(text[start - 1], text[start]):
        start -= 1
    while 0 < end < len(text) and _one_word(text[end - 1], text[end]):
        end += 1
    covered = start, end
    while start < end and (text[start].isspace() or text[start] in _EDGE_PUNCTUATION):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in _EDGE_PUNCTUATION):
        end -= 1
    return _kept_whole(text, start, end, *covered) if start < end else None


def _partners(text: str, low: int, high: int) -> dict[int, int]:
    """The brackets and quotes of ``text[low:high]`` that pair, each position mapped to
    its partner's. A quote opens before a word and closes after one; an apostrophe
    within a word ("don't", "team’s") is neither."""
    partners: dict[int, int] = {}
    opened: list[int] = []
    for i in range(low, high):
        ch = text[i]
        if ch in _BRACKETS:
            opened.append(i)
        elif ch in _CLOSING:
            if opened and text[opened[-1]] == _CLOSING[ch]:
                partners[opened[-1]] = i
                partners[i] = opened.pop()
        elif ch in _QUOTE_MARKS:
            before = text[i - 1] if i > 0 else " "
            after = text[i + 1] if i + 1 < len(text) else " "
            if ch in _APOSTROPHES and in_word(before) and in_word(after):
                continue
            if not before.isspace() and opened and (text[opened[-1]], ch) in _QUOTES:
                partners[opened[-1]] = i
                partners[i] = opened.pop()
            elif not after.isspace():
                opened.append(i)
    return partners


def _kept_whole(text: str, start: int, end: int, low: int, high: int) -> tuple[int, int]:
    """``start``/``end`` moved back out over the brackets and quotes the narrowing took
    off (within ``low``…``high``, what the selection covered) whose partner it kept, so
    that a pair is kept or left out whole: 'Say "a" and "b"' keeps both quotes of each
    word, "(Python)" loses both brackets."""
    partners = _partners(text, low, high)
    moved = True
    while moved:
        moved = False
        for i in range(start, end):
            partner = partners.get(i)
            if partner is not None and not start <= partner < end:
                start, end = min(start, partner), max(end, partner + 1)
                moved = True
                break
    return start, end
