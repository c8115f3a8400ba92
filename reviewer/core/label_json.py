"""A label schema's JSON as a person gives it (``reviewer labels --import``), read
stricter than JSON itself: an object that holds a key twice is refused, naming the key.
JSON lets the last one win in silence, and a schema file is written by hand: an option
written ``{"name": "ja", "was": "yes", "was": "no"}`` would carry the answers of "no",
not those of "yes", with no word. Text holding half a character (a lone surrogate,
``"\\ud800"``: valid JSON, no text a file can hold) is refused too, saying where, before
anything is saved (the project file cannot store it)."""

from __future__ import annotations

import json
import re
from typing import Any

_SURROGATE = re.compile("[\ud800-\udfff]")


def read_schema_json(text: str) -> Any:
    """The JSON of ``text``; ValueError for text that is no JSON (``json.JSONDecodeError``),
    for an object with a key twice and for text with half a character, saying which
    key and where."""
    return json.loads(text, object_pairs_hook=_checked)


def _checked(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """An object of the file, each key once and its text whole (ValueError naming the
    first key that is not, and the object's name where it has one). Every text of a
    schema is a key or a value of an object, or an item of a list that is one."""
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise ValueError(f"an object{_named(pairs)} holds {key!r} twice: JSON would keep "
                             "the last alone; write each key once")
        for text in (key, value, *(value if isinstance(value, list) else ())):
            if isinstance(text, str) and (half := _SURROGATE.search(text)):
                raise ValueError(f"{text!r}{_named(pairs)} holds U+{ord(half[0]):04X}, no "
                                 "valid Unicode character (half of one): write it without it")
        out[key] = value
    return out


def _named(pairs: list[tuple[str, Any]]) -> str:
    """" (in 'NAME')" for an object with a name or a question's name, else ""."""
    named = next((v for k, v in pairs if k in ("name", "question") and isinstance(v, str)
                  and not _SURROGATE.search(v)), None)
    return f" (in {named!r})" if named is not None else ""
