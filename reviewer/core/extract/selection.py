"""A value for a field from text a person selected (the "put into field" of the window).

Each kind of field reads the selection its own way: a salary through the salary
reader, a date through the date reader, a choice by its words; a selection that holds
no such value is refused with a message and changes nothing.
"""

from __future__ import annotations

from typing import Any

from reviewer.core.extract.dates import find_date
from reviewer.core.extract.salary import find_salary, read_amount
from reviewer.core.schema import FIELDS, FieldSpec
from reviewer.core.words.regex import lazy_compile

_SPECS = {spec.name: spec for spec in FIELDS}
_BULLET = lazy_compile(r"^\s*(?:[-*+•·▪◦]|\d{1,2}[.)])\s+")
_SQUASH = lazy_compile(r"[\s_-]+")


def value_from_selection(name: str, text: str, current: Any = None) -> Any:
    """The value field ``name`` takes from ``text``; ``current`` is its value now.

    A list field gains the selection's lines as items (those it lacks); other fields
    take the value read from the selection. Raises ValueError saying why when the
    selection holds no value of the field's kind."""
    spec = _SPECS.get(name)
    if spec is None:
        raise ValueError(f"no field called {name!r}")
    text = text.strip()
    if not text:
        raise ValueError("nothing is selected")
    if spec.kind == "list":
        return _list_items(text, current)
    flat = " ".join(text.split())
    if spec.kind == "text":
        return flat
    if spec.kind == "number":
        try:
            return read_amount(flat)[0]
        except ValueError:
            raise ValueError(f"{spec.label}: the selection holds no number") from None
    if spec.kind == "date":
        date = find_date(flat)
        if date is None:
            raise ValueError(f"{spec.label}: the selection holds no date")
        return date[0]
    if spec.kind == "salary":
        salary = find_salary(flat, labelled=True)
        if salary is None:
            raise ValueError(f"{spec.label}: the selection holds no pay (an amount with a "
                             "currency or a period)")
        return salary[0]
    return _choice(spec, flat)


def _list_items(text: str, current: Any) -> list[str]:
    items = list(current) if isinstance(current, list) else []
    have = {str(item).casefold() for item in items}
    for line in text.splitlines():
        item = " ".join(_BULLET.sub("", line).split())
        if item and item.casefold() not in have:
            items.append(item)
            have.add(item.casefold())
    return items


def _choice(spec: FieldSpec, text: str) -> str:
    """The choice the selection names: "Full-time" is full_time, "on site" onsite."""
    squashed = _SQUASH.sub("", text.casefold())
    for choice in sorted(spec.choices, key=len, reverse=True):
        if _SQUASH.sub("", choice) in squashed:
            return choice
    raise ValueError(f"{spec.label}: the selection names none of "
                     + ", ".join(c.replace("_", " ") for c in spec.choices))
