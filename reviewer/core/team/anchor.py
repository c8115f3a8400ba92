"""Spans a reviewer made over a cleaned text that differs from the merged project's (the
posting was cleaned again since the split): each is moved to the same words in the
merged text, where they are the likeliest (the most of the words around them alike,
then the nearest), or left out where the words are not there at all. A span kept at its
offsets would label other words.
"""

from __future__ import annotations

import unicodedata
from dataclasses import replace
from typing import Any

from reviewer.core.store.transfer import Value

_AROUND = 40  # characters each side compared to choose among the words' occurrences
_TRIED = 2000  # occurrences of the words looked at, at most


def moved(value: Value, theirs: str, ours: str) -> tuple[Value, int]:
    """``value`` with every span of it over ``theirs`` moved onto ``ours`` (the span
    labels of a ``spans`` value, a field's evidence); how many were left out."""
    if value.kind == "spans" and value.value:
        marks = value.origins or ("human",) * len(value.value)
        spans, left = _moved_spans([[*span, origin] for span, origin in
                                    zip(value.value, marks, strict=False)], theirs, ours)
        origin_of = {tuple(span[:3]): span[3] for span in reversed(spans)}  # the first's
        order = sorted(origin_of)
        return replace(value, value=[list(span) for span in order],
                       origins=tuple(origin_of[span] for span in order)), left
    if value.kind == "field" and isinstance(value.value, dict) and value.value.get("spans"):
        evidence, left = _moved_spans(value.value["spans"], theirs, ours)
        decided: dict[str, Any] = {**value.value, "spans": evidence}
        return replace(value, value=decided), left
    return value, 0


def _moved_spans(spans: list[list[Any]], theirs: str,
                 ours: str) -> tuple[list[list[Any]], int]:
    """Each ``[start, end, ...]`` moved onto ``ours``, in order (what follows the offsets
    kept); how many were left out."""
    kept, left = [], 0
    for start, end, *rest in spans:
        at = place(theirs, ours, start, end)
        if at is None:
            left += 1
        else:
            kept.append([at, at + end - start, *rest])
    return kept, left


def place(theirs: str, ours: str, start: int, end: int) -> int | None:
    """Where in ``ours`` the words ``theirs[start:end]`` are (None: nowhere). An
    occurrence counts where the span's ends at a word's edge are at one too ("SQL" is not
    the start of "SQLite"); of those, the one with the most characters alike around it,
    then the nearest; those looked at are the nearest ``_TRIED`` to where the span was."""
    if not 0 <= start < end <= len(theirs):
        return None
    words = theirs[start:end]
    before = theirs[max(0, start - _AROUND):start]
    after = theirs[end:end + _AROUND]
    # a span at a word's edge lands only at a word's edge ("SQL" is not the start of
    # "SQLite", "50" not of "500"); one inside a word may land at an edge (a glued word
    # that cleaning again set apart: "hiring.Requirements")
    edges = (_inside(theirs, start), _inside(theirs, end))

    def fits(at: int) -> bool:
        return (edges[0] or not _inside(ours, at)) and \
            (edges[1] or not _inside(ours, at + len(words)))

    if ours[start:end] == words and ours[max(0, start - _AROUND):start] == before \
            and fits(start):
        return start
    best: tuple[int, int] | None = None  # (-alike, distance)
    found = None
    for at in _nearest(ours, words, start):
        if not fits(at):
            continue
        alike = _common_end(before, ours[max(0, at - _AROUND):at]) + _common_start(
            after, ours[at + len(words):at + len(words) + _AROUND])
        rank = (-alike, abs(at - start))
        if best is None or rank < best:
            best, found = rank, at
    return found


def _inside(text: str, i: int) -> bool:
    """Does offset ``i`` fall inside a word of ``text`` (between two of its letters, a
    letter's marks and the joiners a word is spelt with counted as letters)?"""
    return 0 < i < len(text) and _of_word(text[i - 1]) and _of_word(text[i])


def _of_word(char: str) -> bool:
    return char.isalnum() or char in "\u200c\u200d" or unicodedata.category(char)[0] == "M"


def _nearest(text: str, words: str, near: int) -> list[int]:
    """The offsets of ``words`` in ``text``, the ``_TRIED`` nearest to ``near``."""
    out: list[int] = []
    ahead = text.find(words, max(0, near))
    back = text.rfind(words, 0, max(0, near) + len(words) - 1)
    while len(out) < _TRIED and (ahead >= 0 or back >= 0):
        if ahead >= 0 and (back < 0 or ahead - near <= near - back):
            out.append(ahead)
            ahead = text.find(words, ahead + 1)
        else:
            out.append(back)
            back = text.rfind(words, 0, back + len(words) - 1) if back > 0 else -1
    return out


def _common_start(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _common_end(a: str, b: str) -> int:
    return _common_start(a[::-1], b[::-1])


def moved_all(values: list[Value], texts: dict[int, str], ours: dict[int, str],
              to_out: dict[int, int]) -> tuple[list[Value], int]:
    """``values`` (of an input's postings) with the spans of those whose text differs
    (``texts``: the input's text of each, by its id; ``ours``: OUT's, by OUT's id) moved;
    how many spans were left out."""
    out, left = [], 0
    for value in values:
        if value.posting in texts:
            value, lost = moved(value, texts[value.posting], ours[to_out[value.posting]])
            left += lost
        out.append(value)
    return out, left
