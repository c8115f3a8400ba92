"""The figures of a field row's boxes read back: a salary box's amount, a value shown."""

from __future__ import annotations

from typing import Any

from reviewer.core.extract import read_amount


def amount(text: str, which: str,
           stored: Any = None) -> tuple[float | int | None, str | None]:
    """A salary box's figure and the currency written with it (``stored`` where the box
    shows it as it was shown); ValueError if unreadable."""
    if not text.strip():
        return None, None
    if stored is not None and text.strip() == shown_text(stored):
        return stored, None
    try:
        return read_amount(text)
    except ValueError:
        raise ValueError(f"{which} “{text.strip()}” is not an amount") from None


def shown_text(value: Any) -> str:
    """A value as its box shows it."""
    return "" if value is None else str(value)
