"""A data file as an import would read it, shown before the import: for a form that lets
a person see and change the column mapping.

``preview_columns(path)`` reads the first rows of a CSV, JSON, JSONL or Parquet file
(never the whole of a large CSV) and says what importing it would do: its columns, those
rows as read, the mapping found (given, remembered by the project, or by the columns'
names), the values each row would give its fields, the cells that would be left out and
the rows that would be skipped. Change the mapping and call it again with ``mapping=``;
then import with ``import_paths(store, paths, mapping=...)``. Reads only: nothing is
stored, nothing is remembered.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reviewer.core.ingest import items, read
from reviewer.core.ingest.columns import ColumnMapping, Mapper
from reviewer.core.ingest.csvfiles import read_csv
from reviewer.core.ingest.datafiles import read_json, read_jsonl
from reviewer.core.ingest.items import LeftOut, Result, Skipped
from reviewer.core.ingest.parquet import read_parquet
from reviewer.core.ingest.read import UnreadableError

if TYPE_CHECKING:
    from reviewer.core.store import Store

ROWS = 20
PREFIX_BYTES = 4_000_000  # of a CSV file: enough for the first rows of any real one
_FORMATS = {".csv": "csv", ".json": "json", ".jsonl": "jsonl", ".parquet": "parquet"}


@dataclass
class ColumnPreview:
    """What importing a data file would do, from its first rows.

    ``columns``: its columns (for JSON, the keys of those rows, first met first);
    ``rows``: each row as read, ``{column: cell}``; ``mapping``: the mapping the import
    would use (``mapping.found_by`` says how each column was found); ``values``: per row,
    the value each mapped field would take (schema v1); ``left_out``: the mapped cells of
    those rows that could not be read, with why; ``skipped``: those rows that would not
    be imported, with why; ``error``: why the file cannot be previewed at all;
    ``records``: how many of those rows are records this program exported (a reviewer
    export, shards): imported as they are, no column mapped."""

    source: str
    format: str
    columns: list[str] = field(default_factory=list)
    rows: list[dict[str, Any]] = field(default_factory=list)
    mapping: ColumnMapping | None = None
    values: list[dict[str, Any]] = field(default_factory=list)
    left_out: list[LeftOut] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    error: str | None = None
    records: int = 0


def preview_columns(path: str | Path, *, rows: int = ROWS,
                    mapping: Mapping[str, str | None] | None = None,
                    column: str | None = None, store: Store | None = None) -> ColumnPreview:
    """The first ``rows`` rows of the data file at ``path`` as an import would read them,
    with ``mapping`` and ``column`` as ``import_paths`` takes them and the mappings
    ``store`` remembers. Raises ValueError for a field ``TARGETS`` lacks."""
    path = Path(path)
    source, ext = str(path), path.suffix.lower()
    recorder = _Recorder(mapping, column, store.column_maps.all() if store else None)
    preview = ColumnPreview(source, _FORMATS.get(ext, ""))
    if path.is_dir():
        preview.error = "a folder: name one data file in it (an import reads whole folders)"
        return preview
    if ext not in _FORMATS:
        preview.error = "not a data file (CSV, JSON, JSONL or Parquet)"
        return preview
    try:
        read.regular_file(path)
        results = list(itertools.islice(_read(path, ext, recorder), rows))
    except UnreadableError as err:  # (it says "cannot read the file" itself)
        preview.error = str(err)
        return preview
    except OSError as err:
        preview.error = f"cannot read the file: {err.strerror or err}"
        return preview
    for result in results:
        if isinstance(result, Skipped) and "#" not in result.source.removeprefix(source):
            preview.error = result.reason  # the file, not a row of it
        elif isinstance(result, Skipped):
            preview.skipped.append(result)
        elif getattr(result, "record", None) is not None:
            preview.records += 1  # one of our own records: its fields are its own
        else:
            preview.values.append(result.given)
            preview.left_out.extend(result.left_out)
    if recorder.files:
        preview.mapping = recorder.files[0][1]
        preview.columns = list(preview.mapping.columns)
    preview.rows = [cells for _source, cells in recorder.cells[:rows]]
    if preview.format in ("json", "jsonl"):
        # keys a row may leave out: the mapping of every key of the rows read, found by
        # name as the import finds them row by row (not the first row's alone)
        preview.columns = list(dict.fromkeys(k for cells in preview.rows for k in cells))
        if preview.mapping is not None and tuple(preview.columns) != preview.mapping.columns:
            preview.mapping = recorder.mapping(preview.columns, source)
    return preview


def _read(path: Path, ext: str, mapper: Mapper) -> Iterator[Result]:
    source = str(path)
    if ext == ".parquet":
        yield from read_parquet(source, path, mapper)
        return
    if ext == ".jsonl":
        with path.open("rb") as stream:
            yield from read_jsonl(source, stream, mapper, whole=True)
        return
    size = os.stat(path).st_size
    if ext == ".json":
        if size > items.DATA_MAX_BYTES:
            raise UnreadableError(read.too_large("file", size, items.DATA_MAX_BYTES))
        yield from read_json(source, read.decode(path.read_bytes()), mapper)
        return
    with path.open("rb") as stream:
        data = stream.read(PREFIX_BYTES)
    cut = len(data) < size
    if cut:  # the first rows only: up to the last line end, and not the row it may cut
        data = data[:data.rfind(b"\n") + 1] or data
    results = read_csv(source, read.decode(data), mapper)
    if not cut:
        yield from results
        return
    previous: Result | None = None
    for result in results:
        if previous is not None:
            yield previous
        previous = result


class _Recorder(Mapper):
    """A mapper that keeps each row it maps as read, for the preview to show."""

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.cells: list[tuple[str, dict[str, Any]]] = []

    def mapping(self, columns: Sequence[str], file: str) -> ColumnMapping:
        found = super().mapping(columns, file)
        return _Recording(**{f.name: getattr(found, f.name) for f in fields(found)},
                          recorder=self)


@dataclass
class _Recording(ColumnMapping):
    recorder: _Recorder | None = None

    def split(self, source: str, cells: Mapping[str, Any], empty: str | None = None) -> Result:
        if self.recorder is not None:
            self.recorder.cells.append((source, dict(cells)))
        return super().split(source, cells, empty)


__all__ = ["ColumnPreview", "preview_columns"]
