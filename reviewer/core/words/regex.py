"""Regular expressions compiled when first used, not when their module is imported.

Cleaning and extraction hold about 140 patterns at module level; compiling them all took
35 ms of the 160 ms before ``reviewer extract`` printed its first record, and one page
uses fewer than half of them. ``lazy_compile`` gives an object that compiles its pattern
the first time one of its methods is called, and from then on its methods are the
compiled pattern's own (bound methods, called with nothing in between). ``pattern`` and
``flags`` are there without compiling, so a pattern can be built from another's text.

It is not a ``re.Pattern``: give it to ``re.search`` and the like and they refuse it.
Use its methods.
"""

from __future__ import annotations

import re
from functools import partial
from typing import Any, cast

_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split")


class _Later:
    """A pattern not compiled yet (see the module's docstring)."""

    def __init__(self, pattern: str, flags: int) -> None:
        self.pattern = pattern
        self.flags = flags
        for name in _METHODS:
            setattr(self, name, partial(self._first_call, name))

    def _first_call(self, name: str, /, *args: Any, **kwargs: Any) -> Any:
        return getattr(self._compiled(), name)(*args, **kwargs)

    def _compiled(self) -> re.Pattern[str]:
        compiled = re.compile(self.pattern, self.flags)
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


def lazy_compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, done when the pattern is first used."""
    return cast("re.Pattern[str]", _Later(pattern, int(flags)))
