"""What `reviewer import` reads: paths in, one posting page (or one reason to skip) out.

Page files (``.html .htm .txt .md``), folders (recursive), ``.zip`` archives, ``.jsonl`` /
``.json`` files of objects with an ``html``, ``text`` or ``raw`` key (or our own exported
records), and ``.csv`` files with a page column. Everything is a generator: a bad input gives
a `Skipped` with a reason a user understands and the rest of the import goes on.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import stat
import unicodedata
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Literal

from reviewer.core import records
from reviewer.core.ingest import read
from reviewer.core.ingest.read import UnreadableError

PageKind = Literal["html", "text"]

DATA_MAX_BYTES = 200_000_000
"""Limit for a whole ``.json`` or ``.csv`` file (and one JSONL line): they hold many postings."""

_PAGE_KINDS: dict[str, PageKind] = {".html": "html", ".htm": "html", ".txt": "text", ".md": "text"}
_DATA = (".jsonl", ".json", ".csv")
_SUPPORTED = (*_PAGE_KINDS, *_DATA, ".zip")
_PAGE_KEYS: dict[str, PageKind | None] = {"html": "html", "text": "text", "raw": None}
_WRAPPERS = ("postings", "items", "data")
_CSV_COLUMNS = ("html", "text", "raw", "body", "description", "content")
_BOMB_RATIO, _BOMB_MIN_BYTES = 200, 1024 * 1024
_JSON_TYPES = {dict: "an object", list: "a list", str: "a string", int: "a number",
               float: "a number", bool: "true/false", type(None): "null"}


@dataclass(frozen=True)
class Item:
    """One raw page to import.

    ``source``: a path, ``archive.zip!member/path.html``, ``file.jsonl#3`` (line),
    ``file.json#3`` (index in the array) or ``file.csv#3`` (data row); all 1-based.
    ``kind``: from the file name or the object key; ``None`` means "guess from the text".
    ``record``: the object itself when it is one of our own exported records."""

    source: str
    text: str
    kind: PageKind | None
    metadata: dict[str, Any] = field(default_factory=dict)
    record: dict[str, Any] | None = None


@dataclass(frozen=True)
class Skipped:
    """An input that was not imported, and why (a sentence for the user)."""

    source: str
    reason: str


Result = Item | Skipped


def iter_inputs(paths: Iterable[str | Path], column: str | None = None) -> Iterator[Result]:
    """Every page in ``paths``, in the order given; folders walked depth-first by sorted name.

    ``column`` names the page column of CSV files (default: the first of html, text, raw, body,
    description, content). Hidden entries (``.name``) and unsupported files inside folders
    and archives are passed over silently; given explicitly, an unsupported file is reported.
    Symlinks are followed; a folder is walked at most once per call (no symlink loops)."""
    seen: set[object] = set()
    for given in [paths] if isinstance(paths, str | Path) else paths:
        path = Path(given)
        try:
            st = path.stat()
        except OSError as err:
            yield Skipped(str(path), _stat_reason(err, path))
            continue
        if stat.S_ISDIR(st.st_mode):
            yield from _walk(path, column, seen)
            continue
        ext = _ext(path.name)
        if not stat.S_ISREG(st.st_mode):
            yield Skipped(str(path), "not a regular file")
        elif ext not in _SUPPORTED:
            yield Skipped(str(path), f"unsupported file type {ext or '(no extension)'}")
        else:
            yield from _file(path, ext, column)


def content_hash(text: str) -> str:
    """SHA-256 (hex) of ``text`` normalised so that the same page saved twice matches.

    Normalised, in this order: Unicode NFC; CRLF and lone CR to LF; trailing whitespace
    (``str.isspace``) of every line removed; blank lines at the start and end removed.
    Nothing else: case, inner spaces, leading indentation and blank lines between
    paragraphs all count."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    lines = [line.rstrip() for line in text.split("\n")]
    start, end = 0, len(lines)
    while start < end and not lines[start]:
        start += 1
    while end > start and not lines[end - 1]:
        end -= 1
    return hashlib.sha256("\n".join(lines[start:end]).encode("utf-8", "surrogatepass")).hexdigest()


def _walk(top: Path, column: str | None, seen: set[object]) -> Iterator[Result]:
    """Depth-first without recursion; holds the sorted names of the open folders only."""
    stack: list[Iterator[Path]] = [iter([top])]
    while stack:
        path = next(stack[-1], None)
        if path is None:
            stack.pop()
            continue
        ext = _ext(path.name)
        try:
            st = path.stat()
        except OSError as err:
            if ext in _SUPPORTED:
                yield Skipped(str(path), _stat_reason(err, path))
            continue
        if stat.S_ISDIR(st.st_mode):
            folder: object = (st.st_dev, st.st_ino) if st.st_ino else os.path.realpath(path)
            if folder in seen:  # a symlink loop, or a folder given twice
                continue
            seen.add(folder)
            try:
                with os.scandir(path) as entries:
                    names = sorted(e.name for e in entries if not e.name.startswith("."))
            except OSError as err:
                yield Skipped(str(path), f"cannot read the folder: {err.strerror or err}")
                continue
            stack.append(map(path.joinpath, names))
        elif ext in _SUPPORTED and stat.S_ISREG(st.st_mode):
            yield from _file(path, ext, column)


def _file(path: Path, ext: str, column: str | None) -> Iterator[Result]:
    source = str(path)
    try:
        if ext in _PAGE_KINDS:
            yield _page(source, read.read_file(path), _PAGE_KINDS[ext], check_size=False)
        elif ext == ".zip":
            yield from _zip(path, column)
        elif ext == ".jsonl":
            with path.open("rb") as stream:
                yield from _jsonl(source, stream)
        else:
            with path.open("rb") as stream:
                size = os.fstat(stream.fileno()).st_size
                if size > DATA_MAX_BYTES:
                    raise UnreadableError(read.too_large("file", size, DATA_MAX_BYTES))
                data = stream.read(DATA_MAX_BYTES + 1)
            yield from _data(source, ext, data, column)
    except UnreadableError as err:
        yield Skipped(source, str(err))
    except OSError as err:
        yield Skipped(source, f"cannot read the file: {err.strerror or err}")


def _zip(path: Path, column: str | None) -> Iterator[Result]:
    archive = str(path)
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, EOFError):
        yield Skipped(archive, "corrupt zip file")
        return
    with zf:
        for info in sorted(zf.infolist(), key=lambda info: info.filename):
            parts = info.filename.replace("\\", "/").split("/")
            if info.is_dir() or parts[0] == "__MACOSX" or any(
                part.startswith(".") and part not in (".", "..") for part in parts
            ):
                continue
            ext, source = _ext(parts[-1]), f"{archive}!{info.filename}"
            if ext == ".zip":
                yield Skipped(source, "zip files inside a zip file are not opened")
            elif ext in _SUPPORTED:
                try:
                    yield from _member(zf, info, source, ext, column)
                except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as err:
                    yield Skipped(source, f"corrupt zip member: {err}")
                except (NotImplementedError, RuntimeError) as err:
                    yield Skipped(source, f"cannot unpack the zip member: {err}")


def _member(
    zf: zipfile.ZipFile, info: zipfile.ZipInfo, source: str, ext: str, column: str | None
) -> Iterator[Result]:
    """One zip member; sizes and compression ratio checked before anything is unpacked."""
    size, packed = info.file_size, info.compress_size
    if info.flag_bits & 0x1:
        yield Skipped(source, "zip member is encrypted")
        return
    if size > _BOMB_MIN_BYTES and (packed == 0 or size / packed > _BOMB_RATIO):
        yield Skipped(source, f"compressed over {_BOMB_RATIO} times ({size / 1e6:.1f} MB "
                              f"unpacked), refused as a possible zip bomb")
        return
    if ext == ".jsonl":
        with zf.open(info) as stream:
            yield from _jsonl(source, stream)
        return
    limit = read.MAX_BYTES if ext in _PAGE_KINDS else DATA_MAX_BYTES
    if size > limit:
        yield Skipped(source, read.too_large("file", size, limit))
        return
    with zf.open(info) as stream:
        data = stream.read(limit + 1)
    if ext not in _PAGE_KINDS:
        yield from _data(source, ext, data, column)
        return
    try:
        yield _page(source, read.decode(data), _PAGE_KINDS[ext], check_size=False)
    except UnreadableError as err:
        yield Skipped(source, str(err))


def _data(source: str, ext: str, data: bytes, column: str | None) -> Iterator[Result]:
    """A whole ``.json`` or ``.csv`` file, already read (at most `DATA_MAX_BYTES`)."""
    try:
        text = read.decode(data)
    except UnreadableError as err:
        yield Skipped(source, str(err))
        return
    yield from (_json(source, text) if ext == ".json" else _csv(source, text, column))


def _jsonl(source: str, stream: IO[bytes]) -> Iterator[Result]:
    """One object a line, read line by line: memory holds one line at a time."""
    number, found = 0, False
    while line := stream.readline(DATA_MAX_BYTES + 1):
        number += 1
        if number == 1:
            if line.startswith((b"\xff\xfe", b"\xfe\xff")):
                yield Skipped(source, "UTF-16 text; JSONL must be UTF-8")
                return
            if b"\x00" in line[:4096]:
                yield Skipped(source, "the file is binary, not text")
                return
            line = line.removeprefix(b"\xef\xbb\xbf")
        here = f"{source}#{number}"
        if len(line) > DATA_MAX_BYTES and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):  # drop the rest of the line unread
                line = stream.readline(1 << 20)
            found = True
            yield Skipped(here, f"the line is over the {DATA_MAX_BYTES / 1e6:.0f} MB limit")
            continue
        if not line.strip():
            continue
        found = True
        try:
            obj = json.loads(read.decode(line))
        except UnreadableError as err:
            yield Skipped(here, str(err))
        except json.JSONDecodeError as err:
            yield Skipped(here, f"not JSON: {err.msg} at column {err.colno}")
        except RecursionError:
            yield Skipped(here, "not JSON: nested too deeply")
        else:
            yield _object(here, obj)
    if not found:
        yield Skipped(source, "the file is empty" if number == 0 else "no postings in the file")


def _json(source: str, text: str) -> Iterator[Result]:
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as err:
        yield Skipped(source, f"not JSON: {err.msg} at line {err.lineno} column {err.colno}")
        return
    except RecursionError:
        yield Skipped(source, "not JSON: nested too deeply")
        return
    if isinstance(doc, dict) and not (records.is_canonical(doc) or _PAGE_KEYS.keys() & doc):
        doc = next((doc[key] for key in _WRAPPERS if isinstance(doc.get(key), list)), doc)
    if isinstance(doc, dict):
        yield _object(source, doc)
    elif not isinstance(doc, list):
        yield Skipped(source, f"not a JSON array or object but {_what(doc)}")
    elif not doc:
        yield Skipped(source, "no postings in the file")
    else:
        for index, obj in enumerate(doc, 1):
            yield _object(f"{source}#{index}", obj)


def _object(source: str, obj: Any) -> Result:
    """One JSON object: an exported record, or a page under html / text / raw plus metadata."""
    if not isinstance(obj, dict):
        return Skipped(source, f"not a JSON object but {_what(obj)}")
    if records.is_canonical(obj):
        if not isinstance(obj["text"], str):
            return Skipped(source, "an exported record whose 'text' is not text")
        meta = obj.get("metadata")
        return Item(source, obj["text"], "text", dict(meta) if isinstance(meta, dict) else {}, obj)
    present = [key for key in _PAGE_KEYS if key in obj]
    if not present:
        return Skipped(source, "no 'html', 'text' or 'raw' key")
    key = next((key for key in present if obj[key] is not None), present[0])
    if not isinstance(obj[key], str):
        return Skipped(source, f"the '{key}' value is {_what(obj[key])}, not text")
    metadata = {name: value for name, value in obj.items() if name != key}
    return _page(source, obj[key], _PAGE_KEYS[key], metadata)


def _csv(source: str, text: str, column: str | None) -> Iterator[Result]:
    """Comma-separated, first row the header; rows numbered from 1 after the header."""
    if csv.field_size_limit() < DATA_MAX_BYTES:  # process-wide; the default (128 KiB) is
        csv.field_size_limit(DATA_MAX_BYTES)  # smaller than many pages
    rows = csv.reader(io.StringIO(text, newline=""))
    number = 0
    try:
        header = [name.strip() for name in next(rows, [])]
        if not any(header):
            yield Skipped(source, "the CSV has no header row")
            return
        names = ", ".join(header)
        index = _find_column(header, column)
        if index is None:
            yield Skipped(source, f"no column '{column}' in the CSV (columns: {names})" if column
                          else f"no page column ({', '.join(_CSV_COLUMNS)}) in the CSV; "
                               f"pass --column (columns: {names})")
            return
        name = header[index]
        kind = _PAGE_KEYS.get(name.lower())  # html, text; else guess
        keys = [key or f"column {i + 1}" for i, key in enumerate(header)]
        found = False
        for number, row in enumerate(rows, 1):
            if not any(cell.strip() for cell in row):
                continue
            found = True
            row = row + [""] * (len(header) - len(row))
            metadata = {key: row[i] for i, key in enumerate(keys) if i != index}
            metadata.update({f"column {i + 1}": row[i] for i in range(len(keys), len(row))})
            yield _page(f"{source}#{number}", row[index], kind, metadata,
                        empty=f"the '{name}' cell is empty")
        if not found:
            yield Skipped(source, "no postings in the file")
    except csv.Error as err:
        yield Skipped(f"{source}#{number + 1}",
                      f"not a readable CSV row, the rest of the file is skipped: {err}")


def _find_column(header: list[str], column: str | None) -> int | None:
    lowered = [name.lower() for name in header]
    if column is not None:
        if column in header:
            return header.index(column)
        wanted = column.strip().lower()
        return lowered.index(wanted) if lowered.count(wanted) == 1 else None
    return next((lowered.index(name) for name in _CSV_COLUMNS if name in lowered), None)


def _page(
    source: str, text: str, kind: PageKind | None, metadata: dict[str, Any] | None = None,
    empty: str = "the page is empty", check_size: bool = True,
) -> Result:
    if not text.strip():
        return Skipped(source, empty)
    if check_size and len(text) * 4 > read.MAX_BYTES:
        size = len(text.encode("utf-8", "surrogatepass"))
        if size > read.MAX_BYTES:
            return Skipped(source, read.too_large("page", size, read.MAX_BYTES))
    return Item(source, text, kind, metadata or {})


def _stat_reason(err: OSError, path: Path) -> str:
    if isinstance(err, FileNotFoundError | NotADirectoryError):
        return "broken link: its target does not exist" if path.is_symlink() \
            else "no such file or folder"
    return f"cannot read: {err.strerror or err}"


def _ext(name: str) -> str:
    return os.path.splitext(name)[1].lower()


def _what(value: Any) -> str:
    return _JSON_TYPES.get(type(value), "something else")
