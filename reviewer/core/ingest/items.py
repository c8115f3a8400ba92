"""What reading an input gives: an ``Item`` (one page to import) or a ``Skipped`` (why not)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, NamedTuple

from reviewer.core.ingest import read

PageKind = Literal["html", "text"]


DATA_MAX_BYTES = 200_000_000
"""Limit for a whole ``.json`` or ``.csv`` file (and one JSONL line): they hold many postings."""


class LeftOut(NamedTuple):
    """A mapped cell that could not be read as its field's value, so was left out."""

    source: str  # the row: ``file.csv#3``
    field: str  # the field (or salary part) its column is mapped to
    column: str
    value: str  # the cell as a report quotes it
    reason: str


class UnreadableCell(str):
    """A data file's cell that no Python value holds (a Parquet date past the year 9999),
    as the text of what it holds: what a report quotes and the metadata keeps, as any
    text; and ``reason``, why it cannot be read as a field's value (a mapped column's cell
    is left out, saying so)."""

    reason: str

    def __new__(cls, text: str, reason: str) -> UnreadableCell:
        cell = super().__new__(cls, text)
        cell.reason = reason
        return cell

    def __reduce__(self) -> tuple[type[UnreadableCell], tuple[str, str]]:
        return UnreadableCell, (str(self), self.reason)


class LongNumber(str):
    """A JSON integer of more digits than Python reads as one (4,300), as its digits: a
    number still where text is wanted (a page's column of it is "a number, not text", as
    any number's), its digits where a cell is kept as written (the metadata, a report)
    or read as a field's value (refused, too long or past any the field holds)."""


_JSON_TYPES = {dict: "an object", list: "a list", str: "a string", int: "a number",
               float: "a number", LongNumber: "a number", bool: "true/false",
               type(None): "null"}


@dataclass(frozen=True)
class Item:
    """One raw page to import.

    ``source``: a path, ``archive.zip!member/path.html``, ``file.jsonl#3`` (line),
    ``file.json#3`` (index in the array) or ``file.csv#3`` (data row); all 1-based.
    ``kind``: from the file name or the object key; ``None`` means "guess from the text".
    ``record``: the object itself when it is one of our own exported records.
    ``given``: field values the row's mapped columns gave (schema v1), and
    ``left_out`` the mapped cells that could not be read. ``note``: how its page was
    read where a report should say it (escaped HTML unescaped; another page column's
    longer text taken), counted by its words."""

    source: str
    text: str
    kind: PageKind | None
    metadata: dict[str, Any] = field(default_factory=dict)
    record: dict[str, Any] | None = None
    given: dict[str, Any] = field(default_factory=dict)
    left_out: tuple[LeftOut, ...] = ()
    note: str | None = None


@dataclass(frozen=True)
class Skipped:
    """An input that was not imported, and why (a sentence for the user). ``aside``: a
    file of a kind import does not read, found in a folder or an archive (counted by its
    kind, not listed)."""

    source: str
    reason: str
    aside: bool = False


Result = Item | Skipped


@dataclass(frozen=True)
class Deferred:
    """Part of an input whose reading is left to whoever has the time for it: whole
    lines of a JSONL file of our own exported records (``data`` their bytes), or a batch
    of rows of a Parquet shard (``data`` a ``shards.ArrowRows``); ``source`` the file,
    ``first`` the number of the line or row before them, ``rows`` how many there are.
    ``iter_inputs`` yields none; an import reads them in its worker processes
    (``own_records``)."""

    source: str
    data: Any
    first: int = 0
    rows: int = 1


def page(
    source: str, text: str, kind: PageKind | None, metadata: dict[str, Any] | None = None,
    empty: str = "the page is empty", check_size: bool = True,
    given: dict[str, Any] | None = None, left_out: tuple[LeftOut, ...] = (),
    note: str | None = None,
) -> Result:
    if not text.strip():
        return Skipped(source, empty)
    if check_size and (too := oversized(text, "page")) is not None:
        return Skipped(source, too)
    return Item(source, text, kind, metadata or {}, None, given or {}, left_out, note)


def oversized(text: str, what: str) -> str | None:
    """Why ``text`` (``what`` it is) is too large to import: over ``read.MAX_BYTES`` as
    UTF-8, the limit of a page file (None: it is not). The window would not open a
    posting of it in any time a person waits."""
    if len(text) * 4 <= read.MAX_BYTES:
        return None
    size = len(text.encode("utf-8", "surrogatepass"))
    return read.too_large(what, size, read.MAX_BYTES) if size > read.MAX_BYTES else None


def what(value: Any) -> str:
    return _JSON_TYPES.get(type(value), "something else")
