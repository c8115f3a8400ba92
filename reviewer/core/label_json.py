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
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reviewer.core.labels import Question

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


def json_origins(data: Any, before: Sequence[Question]
                 ) -> dict[tuple[str, str], tuple[str, str]] | None:
    """What each (question, option) of a schema's JSON was renamed from: a ``"was"``
    beside a question's or an option's name gives its old name (an option's question is
    the question's old one). None when the JSON says no rename, or when the renames it
    says were saved already (``_renamed_already``: the same file imported again).
    ValueError for a ``"was"`` that names nothing in ``before`` (the schema now)."""
    if not isinstance(data, list) or not any(
            isinstance(q, dict) and ("was" in q or any(
                isinstance(o, dict) and "was" in o for o in q.get("options") or []))
            for q in data):
        return None
    held = {q.name: set(q.option_names()) for q in before}
    if _renamed_already(data, held):
        return None
    origins: dict[tuple[str, str], tuple[str, str]] = {}
    for item in data:
        name = str(item.get("question", "")).strip()
        old_question = str(item.get("was", name)).strip()
        if "was" in item and old_question not in held:
            raise ValueError(f"question {name!r} was {old_question!r}: the schema has no "
                             "such question")
        for raw in item.get("options") or []:
            given = raw if isinstance(raw, dict) else {"name": raw}
            option = str(given.get("name") or "").strip()
            old = str(given.get("was", option)).strip()
            if "was" in given and old not in held.get(old_question, ()):
                raise ValueError(f"option {option!r} of {name!r} was {old!r}: question "
                                 f"{old_question!r} has no such option")
            origins[(name, option)] = (old_question, old)
    claimed: dict[tuple[str, str], tuple[str, str]] = {}
    held_pairs = {(q, o) for q, options in held.items() for o in options}
    for new, old_pair in origins.items():
        if old_pair in held_pairs and claimed.setdefault(old_pair, new) != new:
            other = claimed[old_pair]
            raise ValueError(f"{old_pair[0]}/{old_pair[1]} would be both {other[0]}/{other[1]}"
                             f" and {new[0]}/{new[1]}: give it one new name (a \"was\" names "
                             "what a name was, and a name kept as it is was itself)")
    return origins


def _renamed_already(data: list[Any], held: dict[str, set[str]]) -> bool:
    """Were the renames a schema's JSON says saved already? So when every name given a
    ``"was"`` is in the schema now (``held``: each question's options) and some
    ``"was"`` names what is not: a schema's renames are saved at once, all or none.
    (Swaps, whose old names stay, cannot be told from new ones: they swap again.)"""
    present, gone = [], False
    for item in data:
        name = str(item.get("question", "")).strip()
        was = str(item.get("was", name)).strip()
        if "was" in item:
            present.append(name in held)
            gone = gone or was not in held
        for option in item.get("options") or []:
            if isinstance(option, dict) and "was" in option:
                present.append(str(option.get("name") or "").strip() in held.get(name, ()))
                gone = gone or str(option["was"]).strip() not in held.get(was, ())
    return gone and all(present)
