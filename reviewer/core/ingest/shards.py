"""Parquet shards of canonical records: the table ``reviewer extract --to-parquet``
writes (``reviewer.core.cluster``) and ``reviewer import`` reads back without running
the pipeline again.

A shard is one Parquet file, one row a posting, its columns the keys of the canonical
record (``reviewer.core.records``) in their order: the scalar keys as typed columns
(``id`` an int64, null until a project numbers the posting; ``schema_version`` an
int32; the rest text) and the nested ones (``JSON_KEYS``: fields, provenance, machine
values with their spans, confidence and stage, evidence, spans, labels, metadata) as
JSON text, so that any Parquet reader (pandas, Spark, DuckDB) reads every shard with
one schema. The keys a record carries only where it has them (``records.OPTIONAL_KEYS``:
each reviewer's own values, the spans rejected, what reviewers still differ on, who
ruled) follow, JSON text too, null where a record has none: a record of our own export
given to a run keeps its people's work. The file's metadata says what it is
(``SHARD_KEY``) and its format's version: 1 where no record carries those keys (a
version that reads no more reads it whole), 2 where one does (such a version refuses it,
saying why, rather than store its records without them).

Beside the shards a folder holds ``manifest.json`` (``MANIFEST``): each shard with its
inputs and counts, every input that could not be read, and every partition that failed
on the cluster with its inputs and error, or that was not reached (``stopped``: the run
stopped before it, by Ctrl+C or with no worker left). A JSON file of another name is
never taken for one, and the shards it lists are file names in its folder, never paths
to elsewhere. Importing the folder reads the manifest too: each failed partition and
each listed shard that is missing is reported as skipped, so nothing is lost silently; a
shard it does not list (``SHARD_NAME``, left by another run) is skipped, and a folder of
shards without a manifest (a run killed before its end) is said to be perhaps
incomplete (``unlisted``).
"""

from __future__ import annotations

import functools
import importlib
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TypeGuard

import orjson

from reviewer.core import record_check, records
from reviewer.core.ingest import items, read
from reviewer.core.ingest.items import Deferred, Item, Result, Skipped
from reviewer.core.words.text import valid_unicode

SHARD_KEY = b"posting_reviewer"  # in the Parquet file's key-value metadata
SHARD_VERSION = 2  # the newest shard format read and written
PLAIN_VERSION = 1  # a shard's whose records carry none of the optional keys
MANIFEST = "manifest.json"
MANIFEST_KEY = "posting_reviewer_shards"  # the key that makes a JSON object a manifest
MANIFEST_VERSION = 1  # its value
JSON_KEYS = ("fields", "provenance", "machine", "field_spans", "spans", "labels", "metadata")
OPTIONAL_KEYS = records.OPTIONAL_KEYS  # JSON text too, null where a record lacks the key
_TEXT_KEYS = ("source", "raw_hash", "status", "reviewer", "text", "comment", "imported_at",
              "updated_at")
BATCH_ROWS = 2048  # rows read at a time
SHARD_NAME = re.compile(r"part-\d{5,}\.parquet")  # a shard's file name, as a run writes it
DEFERRED_ROWS = 128  # rows read at a time and left to a worker process


def shard_table(batch: Iterable[dict[str, Any]]) -> Any:
    """The ``pyarrow.Table`` of a batch of canonical records (needs pyarrow)."""
    pa: Any = importlib.import_module("pyarrow")
    rows = list(batch)
    columns: dict[str, Any] = {}
    for key in records.RECORD_KEYS:
        values = [row.get(key) for row in rows]
        if key in JSON_KEYS:
            columns[key] = pa.array([orjson.dumps(v if v is not None else {} if key != "spans"
                                                  else []).decode() for v in values],
                                    pa.string())
        elif key == "id":
            columns[key] = pa.array(values, pa.int64())
        elif key == "schema_version":
            columns[key] = pa.array(values, pa.int32())
        else:
            columns[key] = pa.array(["" if v is None else v for v in values], pa.string())
    carried = False  # a record carries an optional key
    for key in OPTIONAL_KEYS:  # (every shard has their columns: one schema for all)
        values = [row.get(key) for row in rows]
        carried = carried or any(v is not None for v in values)
        columns[key] = pa.array([None if v is None else orjson.dumps(v).decode()
                                 for v in values], pa.string())
    meta = {SHARD_KEY: orjson.dumps({"version": SHARD_VERSION if carried else PLAIN_VERSION,
                                     "json": (*JSON_KEYS, *OPTIONAL_KEYS)})}
    return pa.table(columns).replace_schema_metadata(meta)


def is_shard(columns: Iterable[str]) -> bool:
    """Do a Parquet file's columns hold canonical records (a shard, or our export)?"""
    return records.is_canonical(dict.fromkeys(columns))


def shard_problem(metadata: dict[bytes, bytes] | None, columns: list[str]) -> str | None:
    """Why a Parquet file that says it is one of our shards (its metadata's
    ``SHARD_KEY``) cannot be read as one (None: it can, or it says nothing): written by a
    newer version, or its record columns cut or renamed since. Such a file is never read
    as a data file of pages: its records would be imported again as new postings."""
    said = (metadata or {}).get(SHARD_KEY)
    if said is None:
        return None
    try:
        version = orjson.loads(said).get("version")
    except (orjson.JSONDecodeError, AttributeError):
        version = None
    if not isinstance(version, int) or version > SHARD_VERSION:
        return (f"a shard written by a newer version (shard format {str(version)[:20]}; "
                f"this version reads {SHARD_VERSION}): import it with that version")
    missing = [key for key in records.RECORD_KEYS if key not in columns]
    if missing:  # (the columns is_shard looks for among them)
        return (f"a damaged shard: its columns {', '.join(missing)[:120]} are missing; "
                "nothing of it is imported")
    return None


def read_shard(source: str, table: Any, defer: bool = False) -> Iterator[Result | Deferred]:
    """Every record of an open ``pyarrow.parquet.ParquetFile`` of canonical records, each
    checked as an exported JSONL record is (``record_check.record_problem``). ``defer``: the
    rows are left unread, a batch at a time (``Deferred``), for ``shard_rows`` to read."""
    number = 0
    # deferred: small batches, decoded in this thread (Arrow's threads cost several times
    # the decoding of a batch this small)
    for batch in table.iter_batches(batch_size=DEFERRED_ROWS if defer else BATCH_ROWS,
                                    use_threads=not defer):
        if defer:
            yield Deferred(source, ArrowRows(batch), number, batch.num_rows)
        else:
            yield from shard_rows(source, batch, number)
        number += batch.num_rows
    if number == 0:
        yield Skipped(source, "no postings in the file")


class ArrowRows:
    """A batch of rows of a shard (a ``pyarrow.RecordBatch``), sent to a worker process
    in Arrow's stream format (``pack``): a copy of its buffers, where pickling the batch
    itself costs several times that. Read where it was made, it is neither."""

    __slots__ = ("batch", "stream")

    def __init__(self, batch: Any) -> None:
        self.batch = batch
        self.stream: bytes | None = None

    def pack(self) -> None:
        """Make the stream sent to a worker (in the thread that calls this, not in the
        pool's own, where it costs more)."""
        ipc: Any = importlib.import_module("pyarrow.ipc")
        sink = importlib.import_module("pyarrow").BufferOutputStream()
        with ipc.new_stream(sink, self.batch.schema) as writer:
            writer.write_batch(self.batch)
        self.stream = sink.getvalue().to_pybytes()

    def __reduce__(self) -> tuple[Any, tuple[bytes]]:
        if self.stream is None:
            self.pack()
        assert self.stream is not None
        return _arrow_rows, (self.stream,)


def _arrow_rows(stream: bytes) -> ArrowRows:
    ipc: Any = importlib.import_module("pyarrow.ipc")
    return ArrowRows(ipc.open_stream(stream).read_next_batch())


def shard_rows(source: str, batch: Any, first: int) -> list[Result]:
    """The records of a batch of rows of a shard (a ``pyarrow.RecordBatch``, or
    ``ArrowRows``), the row before it numbered ``first``."""
    if isinstance(batch, ArrowRows):
        batch = batch.batch
    names = [str(name) for name in batch.schema.names]
    cells = [batch.column(i).to_pylist() for i in range(batch.num_columns)]
    return [record_item(f"{source}#{number}", dict(zip(names, row, strict=True)))
            for number, row in enumerate(zip(*cells, strict=True), first + 1)]


def record_item(source: str, row: dict[str, Any]) -> Result:
    """One shard row as the record it holds, or why it cannot be stored."""
    try:
        for key in (*JSON_KEYS, *OPTIONAL_KEYS):
            if isinstance(row.get(key), str):
                row[key] = orjson.loads(row[key])
    except orjson.JSONDecodeError as err:
        return Skipped(source, f"a record whose {key} is not JSON: {err}")
    for key in OPTIONAL_KEYS:  # null: the record has none (as in an export's line)
        if row.get(key, 0) is None:
            del row[key]
    for key in _TEXT_KEYS:
        if row.get(key) is None and key != "raw_hash":
            row.pop(key, None)
    if row.get("id") is None:
        row.pop("id", None)
    text = row.get("text")
    problem = items.oversized(text, "text") if isinstance(text, str) else None
    problem = problem or record_check.record_problem(row)
    if problem is not None:
        return Skipped(source, f"an exported record that cannot be stored: {problem}")
    meta = row.get("metadata")
    return CheckedItem(valid_unicode(source), row["text"], "text",
                       meta if isinstance(meta, dict) else {}, row)


class CheckedItem(Item):
    """A record read from a shard or a JSONL line by orjson: its text comes from Parquet
    (UTF-8) and JSON that orjson decoded (which refuses lone surrogates), so it is valid
    Unicode already and ``iter_inputs`` need not walk it again; ``record_problem``
    checked every key."""


def is_manifest(doc: Any, source: str | None = None) -> bool:
    """Is ``doc`` a manifest a run wrote (read from ``source``: a file named ``MANIFEST``;
    a JSON file of another name, whatever it holds, is not one)?"""
    named = source is None or Path(source).name == MANIFEST
    return named and isinstance(doc, dict) and MANIFEST_KEY in doc


def read_manifest(source: str, doc: dict[str, Any]) -> Iterator[Skipped]:
    """What a shard folder's manifest says is not in its shards: each partition that failed
    on the cluster, each input that could not be read (said as the manifest says it:
    nothing it names is looked at but its shards), each shard listed but missing. A shard
    is named as a run names it, a file in the manifest's folder; a manifest that names one
    otherwise (a path: ``../x``, ``/etc/passwd``) is said to be damaged."""
    folder = Path(source).parent
    odd: list[int] = []
    for failed in _entries(doc, "failed", odd):
        inputs = failed.get("inputs")
        inputs = inputs if isinstance(inputs, list) else []
        shown = ", ".join(str(x) for x in inputs[:3]) + (" …" if len(inputs) > 3 else "")
        how = "not reached" if failed.get("stopped") is True else "failed on the cluster"
        yield Skipped(f"{source}: partition {failed.get('partition')}",
                      f"{how}, its {len(inputs)} inputs ({shown}) not extracted: "
                      f"{failed.get('error')}")
    for skipped in _entries(doc, "skipped", odd):
        yield Skipped(str(skipped.get("source")), str(skipped.get("reason")))
    outside: list[str] = []
    for shard in _entries(doc, "shards", odd):
        name = shard.get("file")
        if not _shard_name(name):
            outside.append(str(name))
        elif not (folder / name).is_file():
            yield Skipped(str(folder / name), f"a shard the manifest lists is missing "
                                              f"({shard.get('records')} records)")
    if outside:
        shown = ", ".join(f'"{name[:100]}"' for name in outside[:3]) + (
            " …" if len(outside) > 3 else "")
        yield Skipped(source, f"a damaged manifest: {len(outside)} "
                              f"shard{'s' if len(outside) > 1 else ''} it lists "
                              f"{'are' if len(outside) > 1 else 'is'} named by no shard's "
                              f"file name in its folder ({shown}): not looked for")
    if sum(odd):
        yield Skipped(source, f"{sum(odd)} entries of the manifest are not understood "
                              "(not objects): left out")


def _shard_name(name: Any) -> TypeGuard[str]:
    """Is ``name`` a shard's as a run names it, a file in its manifest's folder (no path
    to anywhere else)?"""
    return isinstance(name, str) and SHARD_NAME.fullmatch(name) is not None


def _entries(doc: dict[str, Any], key: str, odd: list[int]) -> list[dict[str, Any]]:
    """The entries of one list of a manifest that are objects; how many are not is added
    to ``odd`` (a manifest edited by hand must not stop the shards beside it being read)."""
    entries = doc.get(key) or []
    if not isinstance(entries, list):
        entries = [entries]
    good = [entry for entry in entries if isinstance(entry, dict)]
    odd.append(len(entries) - len(good))
    return good


def unlisted(folder: Path, names: list[str]) -> Iterator[Skipped]:
    """What a folder's shards (those of ``names`` named as a run names them) lack: each
    its ``manifest.json`` does not list, or the manifest itself (see the module's doc)."""
    shards = [name for name in names if SHARD_NAME.fullmatch(name)]
    if not shards:
        return
    listed = _listed(folder / MANIFEST) if MANIFEST in names else _MISSING
    if isinstance(listed, str):
        yield _no_manifest(folder, listed)
        return
    for name in shards:
        if name not in listed:
            yield _not_listed(folder / name)


def named_shard(path: Path, manifests: dict[Path, set[str] | str]) -> tuple[list[Skipped],
                                                                            bool]:
    """A shard given by its name (``shards/*``), held to its folder's manifest as the
    folder would be (``unlisted``): what to say, and whether to import it. ``manifests``:
    each folder's listed shards (or why none), read once a call (the folder's note said
    once too)."""
    folder = path.parent
    first = folder not in manifests
    if first:
        manifests[folder] = _listed(folder / MANIFEST)
    listed = manifests[folder]
    if isinstance(listed, str):
        return ([_no_manifest(folder, listed)] if first else []), True
    if path.name not in listed:
        return [_not_listed(path)], False
    return [], True


_MISSING = "no manifest.json beside its shards"


def _no_manifest(folder: Path, why: str) -> Skipped:
    """A folder of shards whose manifest is not read, ``why`` (``_MISSING``, or why it
    cannot be)."""
    if why == _MISSING:
        return Skipped(str(folder), f"{why}: the run that wrote them may have stopped before "
                                    "its end, and what it did not write is not known (the "
                                    "shards found are imported)")
    return Skipped(str(folder), f"{why}; what the run that wrote the shards did not write is "
                                "not known (the shards found are imported)")


def _not_listed(path: Path) -> Skipped:
    return Skipped(str(path), "a shard the folder's manifest.json does not list (left by "
                              "another run?): not imported")


def manifest_records(path: str) -> int | None:
    """How many records the manifest beside a shard (a path named as a run names them)
    lists in it, or None when that is not known."""
    shard = Path(path)
    if not SHARD_NAME.fullmatch(shard.name):
        return None
    listed = _shards_listed(shard.parent / MANIFEST)
    return listed.get(shard.name) if isinstance(listed, dict) else None


def _listed(path: Path) -> set[str] | str:
    """The shards a manifest lists, or why there are none to hold its folder's to."""
    listed = _shards_listed(path)
    return listed if isinstance(listed, str) else set(listed)


def _shards_listed(path: Path) -> dict[str, int | None] | str:
    """Each shard a manifest lists, with its count of records where it says one; or why
    not: there is none (``_MISSING``), or it cannot be read (only a regular file is read,
    and never more than a data file's limit: a pipe would be waited for, a device read
    for ever) or is no manifest of ours. Read once while the file is unchanged (it lists
    every input: tens of megabytes for a million postings)."""
    try:
        seen = read.regular_file(path)
    except read.UnreadableError as err:
        return f"its manifest.json cannot be read: {err}" if os.path.lexists(path) \
            else _MISSING
    return _read_listed(str(path), seen.st_mtime_ns, seen.st_size, items.DATA_MAX_BYTES)


@functools.lru_cache(maxsize=8)
def _read_listed(manifest: str, _mtime: int, _size: int,
                 limit: int) -> dict[str, int | None] | str:
    try:
        doc = orjson.loads(read.read_bytes(Path(manifest), limit, "manifest"))
    except read.UnreadableError as err:
        return f"its manifest.json cannot be read: {err}"
    except orjson.JSONDecodeError:
        doc = None
    if not is_manifest(doc):
        return "its manifest.json cannot be read (damaged, or not one a run wrote)"
    return {entry["file"]: entry["records"]
            if isinstance(entry.get("records"), int) and not isinstance(entry["records"], bool)
            else None for entry in _entries(doc, "shards", []) if _shard_name(entry.get("file"))}
