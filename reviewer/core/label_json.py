"""A label schema's JSON as a person gives it (``reviewer labels --import``), read
stricter than JSON itself: an object that holds a key twice is refused, naming the key.
JSON lets the last one win in silence, and a schema file is written by hand: an option
written ``{"name": "ja", "was": "yes", "was": "no"}`` would carry the answers of "no",
not those of "yes", with no word."""

from __future__ import annotations

import json
from typing import Any


def read_schema_json(text: str) -> Any:
    """The JSON of ``text``; ValueError for text that is no JSON (``json.JSONDecodeError``)
    and for an object with a key twice, saying which key and where."""
    return json.loads(text, object_pairs_hook=_once)


def _once(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """An object of the file, each key once (ValueError naming the first one twice, and
    the object's name where it has one)."""
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            named = next((v for k, v in pairs if k in ("name", "question")
                          and isinstance(v, str)), None)
            where = f" (in {named!r})" if named is not None else ""
            raise ValueError(f"an object holds {key!r} twice{where}: JSON would keep the "
                             "last alone; write each key once")
        out[key] = value
    return out
