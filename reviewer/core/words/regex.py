"""Regular expressions compiled when first used, not when their module is imported.

Cleaning and extraction hold about 140 patterns at module level; compiling them all took
35 ms of the 160 ms before ``reviewer extract`` printed its first record, and one page
uses fewer than half of them. ``lazy_compile`` gives an object that compiles its pattern
the first time one of its methods is called, and from then on its methods are the
compiled pattern's own (bound methods, called with nothing in between). ``pattern`` and
``flags`` are there without compiling, so a pattern can be built from another's text;
but a pattern given as a function, for one whose text itself costs time to make (a class
of characters read from the Unicode tables), is made when first used, ``pattern`` too.

It is not a ``re.Pattern``: give it to ``re.search`` and the like and they refuse it.
Use its methods.

Two helpers make a pattern cheaper to run: ``fold_case`` lowers a text as re.IGNORECASE
reads it, so that a lower-case pattern can run without re.I; ``edge_words`` writes
``\\b(?:word|…)`` so that the re module can skip to the words' first letters.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import partial
from typing import Any, cast

_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split")


class _Later:
    """A pattern not compiled yet (see the module's docstring)."""

    def __init__(self, pattern: str | Callable[[], str], flags: int) -> None:
        if isinstance(pattern, str):
            self.pattern = pattern
        else:
            self._make = pattern  # (``pattern`` is read from the compiled pattern)
        self.flags = flags
        for name in _METHODS:
            setattr(self, name, partial(self._first_call, name))

    def _first_call(self, name: str, /, *args: Any, **kwargs: Any) -> Any:
        return getattr(self._compiled(), name)(*args, **kwargs)

    def _compiled(self) -> re.Pattern[str]:
        text = self.__dict__["pattern"] if "pattern" in self.__dict__ else self._make()
        compiled = re.compile(text, self.flags)
        self.pattern = text
        for name in _METHODS:  # (two threads may both compile: the same pattern either way)
            setattr(self, name, getattr(compiled, name))
        return compiled

    def __getattr__(self, name: str) -> Any:  # groups, groupindex: rarely read
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self._compiled(), name)

    def __reduce__(self) -> tuple[Any, tuple[str, int]]:
        return lazy_compile, (self.pattern, self.flags)

    def __repr__(self) -> str:
        return f"lazy_compile({self.pattern!r}, {self.flags})"


def lazy_compile(pattern: str | Callable[[], str], flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, done when the pattern is first used (and
    ``pattern()`` called then, when it is a function)."""
    return cast("re.Pattern[str]", _Later(pattern, int(flags)))


# letters re.IGNORECASE reads as "i" or "s" that str.lower() does not turn into them
_RE_FOLD = str.maketrans({"İ": "i", "ı": "i", "ſ": "s"})


def fold_case(text: str) -> str:
    """``text`` in lower case as ``re.IGNORECASE`` sees it, one character for one.

    A pattern whose letters are lower-case ASCII, compiled without re.I, matches the
    result where and as it matches ``text`` with re.I (a test checks every character).
    Case-blind matching is several times slower, and only a case-exact pattern that
    starts with a letter lets the re module skip to where that letter is."""
    if text.isascii():
        return text.lower()
    return text.translate(_RE_FOLD).lower()


def edge_words(words: Iterable[str]) -> str:
    """``(?:\\bw1|\\bw2|…)`` for words (pattern pieces) that each start with a plain
    letter or digit, written so that the re module can skip ahead: the first character
    leads and the word's edge is checked behind it (``e(?<=\\be)(?:ngineer|xpert)``).
    Words are grouped by first character, each group in the order given: only words of
    one first character can match at one place, so the word that matches is the one the
    plain alternation finds."""
    groups: dict[str, list[str]] = {}
    for word in words:
        if not (word[:1].isascii() and word[:1].isalnum()):
            raise ValueError(f"a word must start with a letter or a digit: {word!r}")
        groups.setdefault(word[0], []).append(word[1:])
    return "(?:" + "|".join(f"{first}(?<=\\b{first})(?:{'|'.join(rests)})"
                            for first, rests in groups.items()) + ")"
