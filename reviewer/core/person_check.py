"""What a person's value of a field may not hold, beyond what any value of schema v1 may
not (``record_check.value_problem``): what the window never stores from what a person
typed.

A person's value is one they saw and meant. The window takes a typed line as an import
takes a cell (``words.typed_text``: no character no one sees, no control character, a
line break a space), so a text that shows nothing, or that holds a control character
(a NUL, an escape, a tab), is never one of its values; nor is a salary without a
figure (its boxes emptied of both, it is rejected: no value), nor a number outside its
field's bounds (``schema.NUMBER_BOUNDS``: 0 hours a week is none; 500, no week's). The
store refuses such a value from any other caller; an import refuses a record whose
person's value shows nothing (``imported_value_problem``), and takes the rest as the
record holds it.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from reviewer.core.schema import FIELDS, within_bounds
from reviewer.core.words.text import without_invisible

BLANK = "a blank text where a person's value is"
NO_FIGURE = "a salary with neither a min nor a max is no value: reject the field instead"
# signs drawn as nothing that are letters or symbols, not format characters: the Hangul
# fillers, the blank Braille pattern (a "name" of nothing but these looks empty)
_BLANK_SIGNS = frozenset("\u115f\u1160\u3164\uffa0\u2800")
# the control characters of C0 and C1, and DEL: no field's value has lines, or tabs
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def person_value_problem(name: str, value: Any) -> str | None:
    """What a person's value of field ``name`` holds that the window would not have
    stored (None: nothing): a text, a list's item or a salary's currency that shows
    nothing (``shows_nothing``), or that holds a control character (named: U+0000); a
    salary without a figure; a number outside its field's bounds, as the window and a
    data file's column refuse it."""
    if _KINDS.get(name) == "number" and isinstance(value, int | float) \
            and not isinstance(value, bool):
        try:
            within_bounds(name, value)
        except ValueError as err:
            return str(err)
    if _KINDS.get(name) == "salary" and isinstance(value, dict) \
            and value.get("min") is None and value.get("max") is None:
        return NO_FIGURE
    texts = _texts(name, value)
    if any(shows_nothing(text) for text in texts):
        return BLANK
    for text in texts:
        if (control := _CONTROL.search(text)) is not None:
            return (f"a control character (U+{ord(control.group()):04X}) in a person's "
                    "value, which no one sees")
    return None


def imported_value_problem(name: str, value: Any) -> str | None:
    """What an import refuses of a record's person's value (None: nothing): a text, a
    list's item or a salary's currency that shows nothing. The window's other refusals
    (``person_value_problem``) are not made of a record: a project's own export holds
    what its earlier versions stored (a tab, 0 hours, a currency alone) and values taken
    as they were read (55 years of experience, adjudicated or accepted before the
    machine read again); refused, each posting would be lost to the import."""
    return BLANK if any(shows_nothing(text) for text in _texts(name, value)) else None


def as_the_machines(state: Any, suggestion: Any, value: Any) -> bool:
    """Is ``value``, of a person's provenance ``state``, the machine's ``suggestion``
    accepted? Checked as the machine's then, not as a person's: accepting stores the
    machine's value as it was read (55 years of experience, a page's control character),
    and a project's own export of it is imported again."""
    return state == "accepted" and isinstance(suggestion, dict) \
        and suggestion.get("value") == value


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
