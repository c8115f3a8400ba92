"""``store.column_maps``: the column mapping used for data files, by their columns.

Which column of a CSV, JSON or Parquet file is the page and which gives each field
(``ingest.columns``) is remembered per project, keyed by the file's columns (their
names, sorted): the next import of files with the same columns maps them the same way
unless told otherwise. A mapping is stored as ``{"page": column, "fields": {field:
column}}``; the store keeps it as given and reads it back the same.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import orjson

from reviewer.core.store.history import now
from reviewer.core.store.sqlite import Database


class ColumnMaps:
    """The column mappings a project remembers."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def all(self) -> dict[tuple[str, ...], dict[str, Any]]:
        """Every remembered mapping, by its columns (sorted names)."""
        out = {}
        for columns, mapping in self.db.execute("SELECT columns, mapping FROM column_maps"):
            key, value = orjson.loads(columns), orjson.loads(mapping)
            if isinstance(key, list) and isinstance(value, dict):
                out[tuple(str(name) for name in key)] = value
        return out

    def get(self, columns: Sequence[str]) -> dict[str, Any] | None:
        """The mapping remembered for files with these columns (any order), if any."""
        row = self.db.execute("SELECT mapping FROM column_maps WHERE columns = ?",
                              (_key(columns),)).fetchone()
        value = orjson.loads(row[0]) if row is not None else None
        return value if isinstance(value, dict) else None

    def remember(self, mappings: Mapping[tuple[str, ...], Mapping[str, Any]]) -> None:
        """Keep these mappings (by their columns), in place of those of the same columns;
        one transaction."""
        if not mappings:
            return
        stamp = now()
        with self.db.atomic():
            self.db.conn.executemany(
                "INSERT OR REPLACE INTO column_maps (columns, mapping, updated_at) "
                "VALUES (?, ?, ?)",
                [(_key(columns), orjson.dumps(dict(mapping)).decode(), stamp)
                 for columns, mapping in mappings.items()])


def _key(columns: Sequence[str]) -> str:
    return orjson.dumps(sorted(set(columns))).decode()
