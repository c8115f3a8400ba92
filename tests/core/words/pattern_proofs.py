"""Proofs about regular expressions, read from the re module's own parse of them.

``covered(pattern, starts, contains)``: every text the pattern finds a match in starts
with one of ``starts`` (where the match is tied to the text's start) or holds one of
``contains``. A gate that skips a search when a text has none of those words then never
skips a search that would have found something. The reading is conservative: where it
cannot tell (a class of many characters, a long repeat), it takes nothing for granted,
so it can fail to prove a sound gate but never proves an unsound one.

Patterns with re.I are read as lower case, so their words are to be looked for in
``fold_case(text)``; their letters must be ASCII (others are taken as unknown).
"""

from __future__ import annotations

import re
from re import _constants as C  # type: ignore[attr-defined]
from re import _parser as P  # type: ignore[attr-defined]
from typing import Any

_LIMIT = 512  # at most this many strings are followed for one piece of a pattern
_REPEATS = (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT)
_STARTS = (C.AT_BEGINNING, C.AT_BEGINNING_STRING)

Strings = frozenset[str]
Item = tuple[Any, Any]


def covered(pattern: str, flags: int = 0, starts: tuple[str, ...] = (),
            contains: tuple[str, ...] = ()) -> bool:
    parsed = P.parse(pattern, flags)
    fold = bool(parsed.state.flags & re.IGNORECASE)
    anchored = not parsed.state.flags & re.MULTILINE
    return _line(list(parsed.data), fold, anchored, starts, contains)


def exact(pattern: str, flags: int = 0) -> Strings | None:
    """Every string the pattern matches, when they are few."""
    parsed = P.parse(pattern, flags)
    return _exact_seq(list(parsed.data), bool(parsed.state.flags & re.IGNORECASE))


def _line(items: list[Item], fold: bool, anchored: bool, starts: tuple[str, ...],
          contains: tuple[str, ...]) -> bool:
    if len(items) == 1 and items[0][0] is C.BRANCH:
        return all(_line(list(alt.data), fold, anchored, starts, contains)
                   for alt in items[0][1][1])
    if len(items) == 1 and items[0][0] is C.SUBPATTERN and _same_case(items[0][1]):
        return _line(list(items[0][1][3].data), fold, anchored, starts, contains)
    if anchored and items and items[0][0] is C.AT and items[0][1] in _STARTS:
        heads = _prefixes(items[1:], fold)
        if all(h.startswith(starts) or _holds(frozenset({h}), contains) for h in heads):
            return True
    return _covered_seq(items, fold, contains)


def _holds(strings: Strings, words: tuple[str, ...]) -> bool:
    return all(any(w in s for w in words) for s in strings)


def _cross(a: Strings, b: Strings) -> Strings:
    return frozenset(x + y for x in a for y in b)


def _same_case(av: Any) -> bool:
    _group, add, remove, _sub = av
    return not (add | remove) & re.IGNORECASE


def _char(code: int, fold: bool) -> str | None:
    ch = chr(code)
    if fold and ch.lower() != ch.upper():
        return ch.lower() if ch.isascii() else None
    return ch


def _exact(item: Item, fold: bool) -> Strings | None:
    op, av = item
    if op is C.LITERAL:
        ch = _char(av, fold)
        return None if ch is None else frozenset({ch})
    if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
        return frozenset({""})  # takes no text (what it asks is not counted on)
    if op is C.IN:
        chars: set[str | None] = set()
        for kind, value in av:
            if kind is C.LITERAL:
                chars.add(_char(value, fold))
            elif kind is C.RANGE and value[1] - value[0] < 16:
                chars.update(_char(c, fold) for c in range(value[0], value[1] + 1))
            else:
                return None
        return None if None in chars else frozenset(c for c in chars if c is not None)
    if op is C.SUBPATTERN:
        return _exact_seq(list(av[3].data), fold) if _same_case(av) else None
    if op is C.ATOMIC_GROUP:
        return _exact_seq(list(av.data), fold)
    if op is C.BRANCH:
        alts = [_exact_seq(list(alt.data), fold) for alt in av[1]]
        if any(a is None for a in alts):
            return None
        union = frozenset().union(*(a for a in alts if a is not None))
        return union if len(union) <= _LIMIT else None
    if op in _REPEATS:
        low, high, sub = av
        one = _exact_seq(list(sub.data), fold)
        if one is None or high > 8:
            return None
        out: set[str] = set()
        power = frozenset({""})
        for count in range(high + 1):
            if count >= low:
                out |= power
            power = _cross(power, one)
            if len(power) > _LIMIT:
                return None
        return frozenset(out)
    return None


def _exact_seq(items: list[Item], fold: bool) -> Strings | None:
    run = frozenset({""})
    for item in items:
        one = _exact(item, fold)
        if one is None or len(run) * len(one) > _LIMIT:
            return None
        run = _cross(run, one)
    return run


def _covered_seq(items: list[Item], fold: bool, words: tuple[str, ...]) -> bool:
    """Every match of the sequence holds one of ``words``: one of its items always does,
    or a run of items with few strings between them does."""
    run = frozenset({""})
    for item in items:
        one = _exact(item, fold)
        if one is not None and len(run) * len(one) <= _LIMIT:
            run = _cross(run, one)
            continue
        if _holds(run, words):
            return True
        if one is None:
            if _covered_item(item, fold, words):
                return True
            run = frozenset({""})
        else:
            run = one
    return _holds(run, words)


def _covered_item(item: Item, fold: bool, words: tuple[str, ...]) -> bool:
    op, av = item
    if op is C.SUBPATTERN:
        return _same_case(av) and _covered_seq(list(av[3].data), fold, words)
    if op is C.ATOMIC_GROUP:
        return _covered_seq(list(av.data), fold, words)
    if op is C.BRANCH:
        return all(_covered_seq(list(alt.data), fold, words) for alt in av[1])
    if op in _REPEATS:
        return av[0] >= 1 and _covered_seq(list(av[2].data), fold, words)
    one = _exact(item, fold)
    return one is not None and _holds(one, words)


def _prefixes(items: list[Item], fold: bool) -> Strings:
    """Strings one of which every match of the sequence starts with ({""}: none known)."""
    run = frozenset({""})
    for item in items:
        one = _exact(item, fold)
        if one is not None and len(run) * len(one) <= _LIMIT:
            run = _cross(run, one)
            continue
        op, av = item
        alts = None
        if op is C.BRANCH:
            alts = [list(alt.data) for alt in av[1]]
        elif op is C.SUBPATTERN and _same_case(av):
            alts = [list(av[3].data)]
        if alts is not None:
            heads = frozenset().union(*(_prefixes(alt, fold) for alt in alts))
            if len(run) * len(heads) <= _LIMIT:
                return _cross(run, heads)
        return run
    return run
