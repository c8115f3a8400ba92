"""What a person's value of a field may not hold, beyond what any value of schema v1 may
not (``record_check.value_problem``): what the window never stores from what a person
typed.

A person's value is one they saw and meant. The window takes a typed line as an import
takes a cell (``words.typed_text``: no character no one sees), so a text that shows
nothing is never one of its values; the store refuses it from any other caller, and an
import refuses a record holding it (``record_check``), for the same reason.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from reviewer.core.schema import FIELDS
from reviewer.core.words.text import without_invisible

BLANK = "a blank text where a person's value is"
# signs drawn as nothing that are letters or symbols, not format characters: the Hangul
# fillers, the blank Braille pattern (a "name" of nothing but these looks empty)
_BLANK_SIGNS = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def person_value_problem(name: str, value: Any) -> str | None:
    """What a person's value of field ``name`` holds that the window would not have
    stored (None: nothing): a text, a list's item or a salary's currency that shows
    nothing (``shows_nothing``)."""
    if any(shows_nothing(text) for text in _texts(name, value)):
        return BLANK
    return None


def shows_nothing(text: str) -> bool:
    """Does ``text`` show nothing: only whitespace and characters no one sees? Those
    ``without_invisible`` takes out (a zero-width space, a soft hyphen, a byte-order
    mark, the bidirectional embeddings), the joiners it keeps for the words they spell
    (here they join nothing), the other format characters (a left-to-right mark) and
    the signs drawn as nothing (``_BLANK_SIGNS``)."""
    seen = without_invisible(text).strip()
    return all(c.isspace() or c in _BLANK_SIGNS or unicodedata.category(c) == "Cf"
               for c in seen)


def _texts(name: str, value: Any) -> list[Any]:
    """The texts a person wrote in ``value`` of field ``name``: a text field's value, a
    list's items, a salary's currency (a value of another type: none)."""
    kind = _KINDS.get(name)
    if kind == "text" and isinstance(value, str):
        return [value]
    if kind == "list" and isinstance(value, list):
        return [item for item in value if isinstance(item, str)]
    if kind == "salary" and isinstance(value, dict) and isinstance(value.get("currency"), str):
        return [value["currency"]]
    return []


_KINDS = {spec.name: spec.kind for spec in FIELDS}
