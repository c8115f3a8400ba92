"""A data file's cell that holds a list: written as JSON or Python writes a list, or as
items parted by a line break, ``;`` or ``|`` (and, for lists whose items are short
phrases, a comma). An item's own brackets and figures are never parted: "Python
(pandas, numpy)" is one skill, "$5,000 signing bonus" and "1,5 days" one benefit each.
"""

from __future__ import annotations

import ast
import json
from typing import Any

COMMA_LISTS = ("skills", "benefits")  # lists whose items a comma may part
_OPEN, _CLOSE = "([{", ")]}"


def list_literal(text: str) -> list[Any] | None:
    """A list written as JSON (``["a", "b"]``) or as Python writes one (``['a', 'b']``)."""
    text = text.strip()
    if not (text.startswith("[") and text.endswith("]")):
        return None
    for reader in (json.loads, ast.literal_eval):
        try:
            value = reader(text)
        except (ValueError, SyntaxError, MemoryError, RecursionError, TypeError):
            continue
        if isinstance(value, list):
            return value
    return None


def parted(target: str, text: str) -> list[str]:
    """The items of a list written as text, for field ``target`` (see the module)."""
    text = text.strip()
    if text.startswith("[") and text.endswith("]"):  # a list without quotes: [Python, SQL]
        text = text[1:-1]
    commas = target in COMMA_LISTS
    items = _parted(text, commas, brackets=True)
    if items is None:  # a bracket left open: brackets say nothing
        items = _parted(text, commas, brackets=False)
    assert items is not None
    return items


def _parted(text: str, commas: bool, brackets: bool) -> list[str] | None:
    """The items, or None when ``brackets`` are heeded and one is left open."""
    items, start, depth = [], 0, 0
    for i, char in enumerate(text):
        if brackets and char in _OPEN:
            depth += 1
        elif brackets and char in _CLOSE:
            depth = max(0, depth - 1)
        elif depth == 0 and (char in "\n;|" or (
                char == "," and commas and not _in_figure(text, i))):
            items.append(text[start:i])
            start = i + 1
    if depth:
        return None
    items.append(text[start:])
    return items


def _in_figure(text: str, comma: int) -> bool:
    """Is the comma at ``comma`` inside a figure, between two digits ("5,000", "1,5")?
    Items are parted by a comma beside a word or a space."""
    return 0 < comma < len(text) - 1 and text[comma - 1].isdigit() \
        and text[comma + 1].isdigit()
