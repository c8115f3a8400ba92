"""The figures of a field row's boxes read back: a salary box's amount and currency, a
value shown."""

from __future__ import annotations

import re
from typing import Any

from reviewer.core.extract import read_amount
from reviewer.core.ingest import currency_code


def amount(text: str, which: str,
           stored: Any = None) -> tuple[float | int | None, str | None]:
    """A salary box's figure and the currency written with it (``stored`` where the box
    shows it as it was shown); ValueError if unreadable."""
    if not text.strip():
        return None, None
    if stored is not None and text.strip() == shown_text(stored):
        return stored, None
    check_plain(text, which)
    try:
        return read_amount(text)
    except ValueError:
        raise ValueError(f"{which} “{text.strip()}” is not an amount") from None


# a bare figure of one dot and three digits after it: thousands as pay text writes them
# ("€18.750", read so), the decimals of a figure as this window shows one ("18.750")
_EITHER = re.compile(r"\s*\d{1,3}\.\d{3}\s*")


def check_plain(text: str, which: str) -> None:
    """ValueError for a figure typed that reads two ways ("18.750": 18,750 or 18.75)."""
    if _EITHER.fullmatch(text):
        whole, _, part = text.strip().partition(".")
        small = f"{whole}.{part.rstrip('0')}" if part.rstrip("0") else whole
        raise ValueError(f"{which} “{text.strip()}” could be {whole}{part} or {small}: "
                         "write it without the dot, or with fewer decimals")


def shown_text(value: Any) -> str:
    """A value as its box shows it."""
    return "" if value is None else str(value)


def currency(text: str, written: str | None) -> str | None:
    """The code of the currency box's text: three letters as written (an ISO 4217 code,
    one the lists lack too: HRK), or a sign as a data file's column is read ("€" is EUR);
    else the currency ``written`` with a figure; ValueError for text that is neither."""
    text = text.strip()
    if not text:
        return written
    if re.fullmatch(r"[A-Za-z]{3}", text):
        return text.upper()
    try:
        return currency_code(text)
    except ValueError:
        raise ValueError(f"“{text}” is not a currency (a code such as USD, or a sign "
                         "such as €)") from None
