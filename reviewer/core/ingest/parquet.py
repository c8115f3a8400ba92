"""Parquet files: a table of postings, one row each, read a batch of rows at a time.

Which column is the page and which give fields is the ``Mapper``'s to say, as for a
CSV file. Reading Parquet needs pyarrow, an optional extra
(``pip install 'posting-reviewer[parquet]'``); without it each Parquet file is skipped
with that sentence.
"""

from __future__ import annotations

import contextlib
import datetime
import decimal
import importlib
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import IO, Any, Literal, overload

from reviewer.core.ingest.columns import Mapper, distinct_names
from reviewer.core.ingest.items import Deferred, Result, Skipped, UnreadableCell
from reviewer.core.ingest.refused import no_page
from reviewer.core.ingest.shards import is_shard, manifest_records, read_shard, shard_problem

NEEDS_PYARROW = ("reading Parquet needs pyarrow: pip install 'posting-reviewer[parquet]'")
BATCH_ROWS = 256  # rows read at a time: memory holds one batch


@overload
def read_parquet(source: str, data: Path | IO[bytes], mapper: Mapper,
                 defer: Literal[False] = False, skip: int = 0) -> Iterator[Result]: ...


@overload
def read_parquet(source: str, data: Path | IO[bytes], mapper: Mapper,
                 defer: bool, skip: int = 0) -> Iterator[Result | Deferred]: ...


def read_parquet(source: str, data: Path | IO[bytes], mapper: Mapper,
                 defer: bool = False, skip: int = 0) -> Iterator[Result | Deferred]:
    """Every row of a Parquet file (a path, or its bytes as a stream), numbered from 1.
    ``defer``: the rows of a shard are left unread (see ``shards.read_shard``).
    ``skip``: rows before these are passed over unread (a part of the file read on its
    own)."""
    try:
        pa: Any = importlib.import_module("pyarrow")
        pq: Any = importlib.import_module("pyarrow.parquet")
    except ImportError:
        yield Skipped(source, NEEDS_PYARROW)
        return
    try:
        table = pq.ParquetFile(data)
        columns = distinct_names([str(name) for name in table.schema_arrow.names])
    except (pa.ArrowException, OSError, ValueError) as err:
        listed = manifest_records(source) if isinstance(data, Path) else None
        held = f" (it holds {listed:,} records, by its folder's manifest)" \
            if listed is not None else ""
        yield Skipped(source, f"not a readable Parquet file{held}: {err}")
        return
    if (problem := shard_problem(table.schema_arrow.metadata, columns)) is not None:
        yield Skipped(source, problem)
        return
    if is_shard(columns):  # canonical records: taken as they are, no pipeline run
        yield from _shard(source, table, defer, skip,
                          manifest_records(source) if isinstance(data, Path) else None, pa)
        return
    mapping = mapper.mapping(columns, source)
    if (problem := no_page(mapping, columns, "Parquet file")) is not None:
        mapper.refuse(columns)  # (its mapping: none to remember)
        yield Skipped(source, problem)
        return
    number = 0
    try:
        for batch in table.iter_batches(batch_size=BATCH_ROWS):
            if number + batch.num_rows <= skip:  # counted, not read
                number += batch.num_rows
                continue
            if number < skip:
                batch = batch.slice(skip - number)
                number = skip
            # by position: two columns of one name are two columns (as to_pylist is not)
            for row in zip(*(_cells(column, pa) for column in batch.columns), strict=True):
                number += 1
                yield mapping.split(f"{source}#{number}",
                                    {k: _plain(v) for k, v in zip(columns, row, strict=True)})
    except (pa.ArrowException, OSError, ValueError) as err:
        yield Skipped(f"{source}#{number + 1}",
                      f"not a readable Parquet row, the rest of the file is skipped: {err}")
    if number == 0:
        yield Skipped(source, "no postings in the file")


def _shard(source: str, table: Any, defer: bool, skip: int, listed: int | None,
           pa: Any) -> Iterator[Result | Deferred]:
    """The records of a shard, and what it lacks of the ``listed`` its manifest counts."""
    read = 0
    said = ""
    try:
        for item in islice(read_shard(source, table, defer), skip, None):
            if isinstance(item, Deferred):
                read += item.rows
            elif not (isinstance(item, Skipped) and item.source == source):
                read += 1  # a record, or a row refused on its own (said with its number)
            yield item
    except (pa.ArrowException, OSError, ValueError) as err:
        said = f": {err}"
    if listed is None or skip or (read >= listed and not said):
        if said:
            yield Skipped(source, f"not a readable Parquet row, the rest is skipped{said}")
        return
    what = "not a readable Parquet row after" if said else "the file holds"
    yield Skipped(source, f"{what} {read:,} of the {listed:,} records its folder's manifest "
                          f"lists: {listed - read:,} not imported{said}")


def _cells(column: Any, pa: Any) -> list[Any]:
    """A column's cells (a ``pyarrow.Array``) as Python values; a cell that no Python
    value holds (a date past the year 9999) as an ``UnreadableCell``, the others read:
    it costs its cell, not the batch of rows it is in."""
    try:
        return list(column.to_pylist())
    except (OverflowError, ValueError, pa.ArrowException):
        pass
    cells = []
    for at in range(len(column)):
        try:
            cells.append(column[at].as_py())
        except (OverflowError, ValueError, pa.ArrowException):
            cells.append(_unreadable(column.slice(at, 1), pa))
    return cells


_UNITS = {"s": "seconds", "ms": "milliseconds", "us": "microseconds", "ns": "nanoseconds"}


def _unreadable(cell: Any, pa: Any) -> UnreadableCell:
    """What a cell Python cannot hold holds (an array of that one cell), said plainly."""
    kind = cell.type
    count = None
    if pa.types.is_temporal(kind):  # (a count of days, or of its unit)
        with contextlib.suppress(pa.ArrowException):
            count = cell.cast(pa.int32() if pa.types.is_date32(kind) else pa.int64())[0].as_py()
    if isinstance(count, int):
        unit = "days" if pa.types.is_date32(kind) else _UNITS.get(getattr(kind, "unit", "ms"),
                                                                  "units")
        if pa.types.is_date(kind) or pa.types.is_timestamp(kind):
            return UnreadableCell(f"{abs(count):,} {unit} {'before' if count < 0 else 'after'} "
                                  "1970-01-01", "a date outside the calendar's years 1 to 9999")
        text = f"{count:,} {unit}"
    else:
        try:
            text = str(cell.cast(pa.string())[0].as_py())
        except pa.ArrowException:
            text = f"a {kind} value"
    return UnreadableCell(text[:200], f"a {kind} value out of the range it can be read in")


def _plain(value: Any) -> Any:
    """A cell as JSON holds it: times as ISO 8601 text, decimals as numbers (a whole one
    as an integer, every digit kept: an id of 20 digits is no float's)."""
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return int(value) if value.is_finite() and value == value.to_integral_value() \
            else float(value)
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return value
