"""JSON read back from a project file, which may come from anyone: text that is no JSON,
or nested deeper than a reader can follow, is read as a default, never an error."""

from __future__ import annotations

import json
from typing import Any


def loads(text: str | bytes | None, default: Any = None) -> Any:
    """``text`` as JSON, or ``default`` when it is none (empty, damaged, too deep, or a
    number where text was written)."""
    if text is None or text == "":
        return default
    try:
        return json.loads(text)
    except (ValueError, RecursionError, TypeError):
        return default
