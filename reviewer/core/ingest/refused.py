"""Why a data file is refused whole, before any row of it is read: it has no page
column, it lacks a column or a key given for a field (``--map``), or it is a table this
app exported. A typo in a column given would bring its rows in without the column's
values, and again as other postings once the column is given right."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from reviewer.core import records
from reviewer.core.ingest.columns import SYNONYMS, ColumnMapping, Mapper, column_key

_PAGE_NAMES = ", ".join(SYNONYMS["page"][:7])


def no_page(mapping: ColumnMapping, columns: list[str], what_file: str) -> str | None:
    """Why a file of fixed columns is not imported (None: it is): it has no page column,
    or lacks a column given for a field (a typo: imported without the column's values,
    its rows would come in again, as other postings, once the column is given right)."""
    names = ", ".join(columns)
    if mapping.missing:
        target, column = mapping.missing[0]
        held = "" if target == "page" else f" for {target}"
        return f"no column '{column}'{held} in the {what_file} (columns: {names})"
    if mapping.page is None:
        return (f"no page column ({_PAGE_NAMES} …) in the {what_file}; pass --column "
                f"(columns: {names})")
    if tuple(columns[:len(records.CSV_FIRST_COLUMNS)]) == records.CSV_FIRST_COLUMNS \
            and mapping.found_by.get("page") != "given":
        return (f"a table this app exported (its columns {', '.join(records.CSV_FIRST_COLUMNS)}"
                " …): the people's work in it (statuses, decisions, spans, labels) cannot be "
                "read back from a table, so none of it is imported. Import the "
                "project's JSONL export to keep that work (reviewer export DB -o out.jsonl), "
                "or pass --column text to import its pages alone, as new postings")
    return None


def absent_keys(mapper: Mapper, objects: Iterable[Any], what_file: str) -> str | None:
    """Why a file of these objects is not imported: a key given for the page or a field
    that none of them has (None: each is in one, or they are our own records)."""
    wanted = dict(mapper.given_columns())
    keys: dict[str, None] = {}
    for obj in objects:
        if not isinstance(obj, dict) or records.is_canonical(obj):
            if records.is_canonical(obj):
                return None  # (a file of our records: no column of it is mapped)
            continue
        keys.update(dict.fromkeys(map(str, obj)))
        by_key = {column_key(k) for k in obj}
        wanted = {target: column for target, column in wanted.items()
                  if column not in obj and column_key(column) not in by_key}
        if not wanted:
            return None
    if not keys:
        return None
    target, column = next(iter(wanted.items()))
    names = ", ".join(list(keys)[:30]) + (" …" if len(keys) > 30 else "")
    held = " for the page" if target == "page" else f" for {target}"
    return f"no key '{column}'{held} in any object of the {what_file} (keys: {names})"
