"""Inputs into partitions (on the machine that submits), and a partition's pages (on a
worker).

An input is a page file, a folder (walked), a glob, a zip archive or a data file of
many postings (JSONL, JSON, CSV, Parquet), on local disk or at any fsspec URL
(``s3://bucket/pages/*.html``, ``gs://…``, ``https://…``). ``partitions`` lists
them without reading a page: page files are grouped ``size`` to a partition, a JSONL or
Parquet file is cut into partitions of ``size`` rows (counted from its lines or its
row-group metadata), and any other file is one partition. ``read_part`` reads one
partition where it runs: local files through ``reviewer.core.ingest`` exactly as
``reviewer import`` reads them, URLs through fsspec and ingest's readers.
"""

from __future__ import annotations

import glob
import importlib
import io
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

from reviewer.core.ingest import Skipped, UnreadableError, decode, iter_inputs
from reviewer.core.ingest.columns import Mapper
from reviewer.core.ingest.csvfiles import read_csv
from reviewer.core.ingest.datafiles import read_json, read_jsonl, refused_start
from reviewer.core.ingest.inputs import safe
from reviewer.core.ingest.items import Result, page
from reviewer.core.ingest.parquet import read_parquet
from reviewer.core.ingest.read import MAX_BYTES
from reviewer.core.ingest.shards import MANIFEST, SHARD_NAME

PAGES = (".html", ".htm", ".txt", ".md")
DATA = (".jsonl", ".json", ".csv", ".parquet")
SUPPORTED = (*PAGES, *DATA, ".zip")
_CUT = (".jsonl", ".parquet")  # data files cut into partitions of rows


@dataclass(frozen=True)
class Piece:
    """One input of a partition: a file (``url``: a local path or an fsspec URL), and
    for a data file cut into parts, the rows ``skip`` to ``skip + take`` (None: to the
    end); of a JSONL file, where the first of them begins: the byte ``at``, after
    ``lines`` lines (blank and bad ones included), so that a part reads its own rows."""

    url: str
    skip: int = 0
    take: int | None = None
    at: int = 0
    lines: int = 0


@dataclass(frozen=True)
class Part:
    """A partition: its number (the shard's) and its pieces."""

    index: int
    pieces: tuple[Piece, ...]

    def names(self) -> list[str]:
        """Its inputs, as a report names them."""
        return [p.url if p.skip == 0 and p.take is None else
                f"{p.url}#{p.skip + 1}-{p.skip + p.take if p.take is not None else 'end'}"
                for p in self.pieces]


_LOCAL = ("file://", "local://")  # a local path written as a URL


def is_url(path: str) -> bool:
    """Is ``path`` at an fsspec URL of another file system than this machine's?"""
    return "://" in path and not path.startswith(_LOCAL)


def local_path(path: str) -> str:
    """``path`` as a path on this machine when it is one written as a URL (``file://``,
    ``local://``); as it is otherwise."""
    for prefix in _LOCAL:
        path = path.removeprefix(prefix)
    return path


def partitions(inputs: Iterable[str | Path], size: int, leave_out: str | None = None,
               ) -> tuple[list[Part], list[Skipped]]:
    """The partitions of ``inputs`` in the order given, and the inputs found to be
    missing or of a type nothing reads. ``leave_out``: the run's output folder, whose
    shards and manifest a folder walked is not to read as inputs."""
    parts: list[Part] = []
    missing: list[Skipped] = []
    pages: list[Piece] = []

    def flush() -> None:
        if pages:
            parts.append(Part(len(parts), tuple(pages)))
            pages.clear()

    out = os.path.realpath(leave_out) if leave_out and not is_url(leave_out) else None
    for url in _files(inputs, missing, out):
        ext = os.path.splitext(url)[1].lower()
        if ext in PAGES:
            pages.append(Piece(url))
            if len(pages) >= size:
                flush()
            continue
        flush()
        rows, starts = _rows(url, size) if ext in _CUT else (None, [])
        if rows is None or rows <= size:
            parts.append(Part(len(parts), (Piece(url),)))
            continue
        for n, skip in enumerate(range(0, rows, size)):
            last = skip + size >= rows
            at, lines = starts[n - 1] if n and starts else (0, 0)
            parts.append(Part(len(parts), (Piece(url, skip, None if last else size,
                                                 at, lines),)))
    flush()
    return parts, missing


def _files(inputs: Iterable[str | Path], missing: list[Skipped],
           out: str | None = None) -> Iterator[str]:
    """Every file of the inputs: folders walked by sorted name, each once (a link back
    to a folder above is not followed round), globs expanded (a file named like one,
    "Engineer [Remote].txt", is that file), hidden entries and unsupported files inside
    folders passed over, and the output folder's (``out``, real path) shards too."""
    for given in inputs:
        name = str(given)
        if not name:  # (an unset variable in a script: never the current folder)
            missing.append(Skipped('""', "an empty name: no file or folder"))
            continue
        if is_url(name):
            yield from _remote(name, missing)
            continue
        name = local_path(name)
        if glob.has_magic(name) and not os.path.lexists(name):
            found = sorted(glob.glob(name, recursive=True))
            if not found:
                missing.append(Skipped(name, "no file matches"))
            for path in found:
                yield from _local(Path(path), missing, False, out)
        else:
            yield from _local(Path(name), missing, True, out)


def _local(path: Path, missing: list[Skipped], explicit: bool,
           out: str | None) -> Iterator[str]:
    if path.is_dir():
        seen: set[str] = set()
        for root, dirs, files in os.walk(path, followlinks=True):
            real = os.path.realpath(root)
            if real in seen:
                dirs[:] = []
                continue
            seen.add(real)
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if real == out and (SHARD_NAME.fullmatch(name) or name == MANIFEST):
                    continue  # this run's output, not its input
                if not name.startswith(".") and name.lower().endswith(SUPPORTED):
                    yield from _regular(os.path.join(root, name), missing)
    elif not path.exists():
        missing.append(Skipped(str(path), "no such file or folder"))
    elif path.name.lower().endswith(SUPPORTED):
        yield from _regular(str(path), missing)
    elif explicit:
        ext = os.path.splitext(path.name)[1].lower() or "(no extension)"
        missing.append(Skipped(str(path), f"unsupported file type {ext}"))


def _regular(path: str, missing: list[Skipped]) -> Iterator[str]:
    """``path`` when it is a regular file (a link to one too); a pipe or a device (a link
    to /dev/zero) is said, as import says it, and never opened: counting its rows would
    wait for ever or fill the memory."""
    if os.path.isfile(path):
        yield path
    else:
        missing.append(Skipped(path, "not a regular file"))


def _remote(url: str, missing: list[Skipped]) -> Iterator[str]:
    """The files at an fsspec URL; one that cannot be listed (an unknown protocol, the
    library for it not installed, no answer) costs that input alone."""
    fsspec: Any = importlib.import_module("fsspec")
    try:
        fs, path = fsspec.core.url_to_fs(url)
        if glob.has_magic(path):
            found = sorted(fs.glob(path))
        elif fs.isdir(path):
            found = sorted(fs.find(path))
        elif fs.exists(path):
            found = [path]
        else:
            missing.append(Skipped(url, "no such file or folder"))
            return
    except (ImportError, ValueError, OSError) as err:
        missing.append(Skipped(url, f"cannot be read: {type(err).__name__}: {err}"[:300]))
        return
    read = [name for name in found if (base := name.rsplit("/", 1)[-1]).lower().endswith(
        SUPPORTED) and not base.startswith(".")]
    if not read:  # as a local glob that matches nothing, or a folder of nothing to read
        missing.append(Skipped(url, "no file matches" if glob.has_magic(path)
                               else "no file to read there"))
    for name in read:
        yield name if "://" in name else fs.unstrip_protocol(name)


def _rows(url: str, size: int) -> tuple[int | None, list[tuple[int, int]]]:
    """How many postings a JSONL or Parquet file holds (None: it cannot be told here),
    and of a JSONL file where each ``size`` of them after the first begin: (byte, lines
    before it)."""
    try:
        with _open(url) as stream:
            if url.lower().endswith(".parquet"):
                pq: Any = importlib.import_module("pyarrow.parquet")
                return int(pq.ParquetFile(stream).metadata.num_rows), []
            return _count_lines(stream, size)
    except Exception:  # the worker that reads it says what is wrong with it
        return None, []


def _count_lines(stream: Any, size: int) -> tuple[int | None, list[tuple[int, int]]]:
    """``_rows`` of a JSONL file, read a megabyte at most at a time (a line of a gigabyte
    is not held whole). None for a file import refuses whole (UTF-16, binary), which is
    then one part, refused whole where it is read."""
    count = at = lines = start = 0
    starts: list[tuple[int, int]] = []
    filled = False  # the line read so far holds more than spaces
    while True:
        chunk = stream.readline(1 << 20)
        if at == 0 and refused_start(chunk) is not None:
            return None, []
        filled = filled or bool(chunk.strip())
        at += len(chunk)
        if chunk.endswith(b"\n") or not chunk:  # a line ends (the last may have no break)
            if filled:
                if count and count % size == 0:
                    starts.append((start, lines))
                count += 1
            if not chunk:
                return count, starts
            lines, start, filled = lines + 1, at, False


def _open(url: str) -> Any:
    if not is_url(url):
        return open(url, "rb")  # closed by the caller's with
    fsspec: Any = importlib.import_module("fsspec")
    return fsspec.open(url, "rb").open()


def read_part(part: Part, column: str | None = None) -> Iterator[Result]:
    """Every page (or reason to skip one) of a partition, as ``reviewer import`` reads it
    (``column``: the page column of its data files, as ``--column`` names it)."""
    for piece in part.pieces:
        if piece.skip or piece.take is not None:  # a part of a data file: its own rows
            yield from islice(_read_rows(piece, Mapper(page_column=column)), piece.take)
        else:
            yield from _read_piece(piece.url, column)


def _read_rows(piece: Piece, mapper: Mapper) -> Iterator[Result]:
    """The rows of a data file from the first of ``piece`` on: a JSONL file read from
    the byte it begins at, a Parquet file's rows before it passed over unread."""
    try:
        with _open(piece.url) as stream:
            if piece.url.lower().endswith(".parquet"):
                data = stream if not is_url(piece.url) else io.BytesIO(stream.read())
                yield from map(safe, read_parquet(piece.url, data, mapper, skip=piece.skip))
            else:
                stream.seek(piece.at)
                yield from map(safe, read_jsonl(piece.url, stream, mapper, start=piece.lines))
    except OSError as err:
        yield Skipped(piece.url, f"cannot read the file: {err}")


def _read_piece(url: str, column: str | None) -> Iterator[Result]:
    if not is_url(url):
        yield from iter_inputs([url], column=column)
        return
    ext = os.path.splitext(url)[1].lower()
    mapper = Mapper(page_column=column)
    try:
        with _open(url) as stream:
            if ext == ".jsonl":
                yield from read_jsonl(url, stream, mapper)
            elif ext == ".parquet":
                yield from read_parquet(url, io.BytesIO(stream.read()), mapper)
            elif ext in PAGES:
                data = stream.read(MAX_BYTES + 1)
                if len(data) > MAX_BYTES:
                    raise UnreadableError(f"the file is over {MAX_BYTES / 1e6:.0f} MB")
                yield page(url, decode(data), "html" if ext in (".html", ".htm") else "text")
            elif ext in (".json", ".csv"):
                text = decode(stream.read())
                yield from (read_json(url, text, mapper) if ext == ".json"
                            else read_csv(url, text, mapper))
            else:
                yield Skipped(url, "a zip file is read from local disk only")
    except UnreadableError as err:
        yield Skipped(url, str(err))
    except OSError as err:
        yield Skipped(url, f"cannot read the file: {err}")
