"""What `reviewer import` reads: paths in, one posting page (or one reason to skip) out.

Page files (``.html .htm .txt .md``), folders (recursive), ``.zip`` archives, and data files
of many postings: ``.jsonl`` / ``.json`` objects (or our own exported records), ``.csv`` and
``.parquet`` rows, whose page and fields are found by their keys' or columns' names
(``columns``). Everything is a generator: a bad input gives a `Skipped` with a reason a user
understands and the rest of the import goes on.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import stat
import unicodedata
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, cast, overload

from reviewer.core.clean import detect_kind
from reviewer.core.ingest import items, read
from reviewer.core.ingest.columns import Mapper
from reviewer.core.ingest.csvfiles import read_csv
from reviewer.core.ingest.datafiles import read_json, read_jsonl
from reviewer.core.ingest.items import Deferred, Item, LeftOut, Result, Skipped, page
from reviewer.core.ingest.parquet import read_parquet
from reviewer.core.ingest.read import UnreadableError
from reviewer.core.ingest.shards import SHARD_NAME, CheckedItem, named_shard, unlisted
from reviewer.core.words.text import valid_name, valid_unicode

_PAGE_SUFFIXES = (".html", ".htm", ".txt", ".md")
_DATA = (".jsonl", ".json", ".csv", ".parquet")
_SUPPORTED = (*_PAGE_SUFFIXES, *_DATA, ".zip")
_NOT_READ = "not a kind of file import reads"
_BOMB_RATIO, _BOMB_MIN_BYTES = 200, 1024 * 1024
_LINES_BUFFER = 1 << 16  # a JSONL line is often near the 8 KiB default: a read for each


def iter_inputs(paths: Iterable[str | Path], column: str | None = None,
                mapper: Mapper | None = None) -> Iterator[Result]:
    """Every page in ``paths``, in the order given; folders walked depth-first by sorted name.

    ``column`` names the page column of data files (default: found by its name, see
    ``columns.SYNONYMS``); ``mapper`` maps their columns (default: by their names and
    ``column``). Hidden entries (``.name``) and unsupported files inside folders
    and archives are passed over silently; given explicitly, an unsupported file is reported.
    Symlinks are followed; a folder is walked at most once per call (no symlink loops).

    The one place every input passes: whatever goes wrong reading one path costs that
    path (a ``Skipped`` saying why), never the run; and everything yielded is valid
    Unicode with JSON-safe metadata, so the store can write it."""
    mapper = mapper if mapper is not None else Mapper(page_column=column)
    return (result for result in cast(Iterator[Result], _inputs(paths, mapper, defer=False))
            if not (isinstance(result, Skipped) and result.aside))


def read_inputs(paths: Iterable[str | Path], mapper: Mapper) -> Iterator[Result | Deferred]:
    """What ``iter_inputs`` gives, but for our own records: the lines of a JSONL file of
    them and the rows of a Parquet shard are left unread (``Deferred``), for an import to
    read in its worker processes (``own_records.read_deferred``); and the files of other
    kinds in folders and archives are given, ``Skipped`` as ``aside``, for it to count."""
    return _inputs(paths, mapper, defer=True)


def _inputs(paths: Iterable[str | Path], mapper: Mapper,
            defer: bool) -> Iterator[Result | Deferred]:
    seen: set[object] = set()
    manifests: dict[Path, set[str] | str] = {}  # of the shard folders of shards given
    for given in [paths] if isinstance(paths, str | Path) else paths:
        if given == "":  # not "." (an unset variable in a script would import the folder)
            yield Skipped('""', "an empty name: no file or folder")
            continue
        path = Path(given)
        current = str(path)
        if SHARD_NAME.fullmatch(path.name) and path.is_file():
            said, wanted = named_shard(path, manifests)
            yield from map(safe, said)
            if not wanted:
                continue
        try:
            for result in _path(path, mapper, seen, defer):
                current = result.source
                yield safe(result)
        except Exception as err:  # a reader's bug must cost one input, not the run
            yield safe(Skipped(current, f"could not be read: {type(err).__name__}: {err}"))


def _path(path: Path, mapper: Mapper, seen: set[object],
          defer: bool) -> Iterator[Result | Deferred]:
    try:
        st = path.stat()
    except OSError as err:
        yield Skipped(str(path), _stat_reason(err, path))
        return
    if stat.S_ISDIR(st.st_mode):
        yield from _walk(path, mapper, seen, defer)
        return
    ext = _ext(path.name)
    if not stat.S_ISREG(st.st_mode):
        yield Skipped(str(path), "not a regular file")
    elif ext not in _SUPPORTED:
        yield Skipped(str(path), f"unsupported file type {ext or '(no extension)'}")
    else:
        yield from _file(path, ext, mapper, defer)


@overload
def safe(result: Result) -> Result: ...


@overload
def safe(result: Result | Deferred) -> Result | Deferred: ...


def safe(result: Result | Deferred) -> Result | Deferred:
    """``result`` with valid Unicode everywhere (file names that are not UTF-8, lone
    surrogates from JSON escapes) and metadata that JSON can hold (huge integers as
    text); what is left unread as it is."""
    if isinstance(result, Deferred):
        return result
    if isinstance(result, Skipped):
        return Skipped(valid_name(result.source), valid_unicode(result.reason), result.aside)
    if isinstance(result, CheckedItem):  # a shard's record, safe as read (see shards)
        return result
    record = _json_safe(result.record) if result.record is not None else None
    left_out = tuple(LeftOut(*map(valid_unicode, x)) for x in result.left_out)
    return Item(valid_name(result.source), valid_unicode(result.text), result.kind,
                _json_safe(result.metadata), record, _json_safe(result.given), left_out,
                valid_unicode(result.note) if result.note is not None else None)


def _page(source: str, text: str) -> Result:
    """One page file, its kind decided as ``reviewer extract`` decides it: by its name, and
    by its content when the name says text but it is plainly an HTML document."""
    return page(source, text, detect_kind(text, source), check_size=False)


def _json_safe(value: Any) -> Any:
    if isinstance(value, str):
        return valid_unicode(value)
    if isinstance(value, bool | float) or value is None:
        return value
    if isinstance(value, int):
        return value if -2**63 <= value < 2**63 else str(value)
    if isinstance(value, dict):
        return {valid_unicode(str(k)): _json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_json_safe(v) for v in value]
    return valid_unicode(str(value))


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


def item_hash(text: str, given: dict[str, Any]) -> str:
    """The identity of a posting read from ``text`` with the field values ``given`` by
    its row's columns: ``content_hash`` of the text, with the values where there are
    some. One description posted in three cities, a row each, is three postings; the
    same row twice, or a page alone, one."""
    if not given:
        return content_hash(text)
    values = json.dumps(given, sort_keys=True, ensure_ascii=False, default=str)
    return content_hash(f"{text}\n\x00given\x00{values}")


def _walk(top: Path, mapper: Mapper, seen: set[object],
          defer: bool) -> Iterator[Result | Deferred]:
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
            left = list(unlisted(path, names))  # shards of another run, or no manifest
            yield from left
            gone = {Path(s.source).name for s in left if s.source != str(path)}
            stack.append(map(path.joinpath, [name for name in names if name not in gone]))
        elif ext in _SUPPORTED and stat.S_ISREG(st.st_mode):
            yield from _file(path, ext, mapper, defer)
        elif ext in _SUPPORTED:  # a pipe, a device named like a posting file
            yield Skipped(str(path), "not a regular file")
        elif stat.S_ISREG(st.st_mode):
            yield Skipped(str(path), _NOT_READ, aside=True)


def _file(path: Path, ext: str, mapper: Mapper, defer: bool) -> Iterator[Result | Deferred]:
    source = str(path)
    try:
        if ext in _PAGE_SUFFIXES:
            yield _page(source, read.read_file(path))
        elif ext == ".zip":
            yield from _zip(path, mapper, defer)
        elif ext == ".jsonl":
            with path.open("rb", buffering=_LINES_BUFFER) as stream:
                yield from read_jsonl(source, stream, mapper, defer, whole=True)
        elif ext == ".parquet":
            yield from read_parquet(source, path, mapper, defer)
        else:
            with path.open("rb") as stream:
                size = os.fstat(stream.fileno()).st_size
                if size > items.DATA_MAX_BYTES:
                    raise UnreadableError(read.too_large("file", size, items.DATA_MAX_BYTES))
                data = stream.read(items.DATA_MAX_BYTES + 1)
            yield from _data(source, ext, data, mapper)
    except UnreadableError as err:
        yield Skipped(source, str(err))
    except OSError as err:
        yield Skipped(source, f"cannot read the file: {err.strerror or err}")
    except Exception as err:  # a reader's bug costs this file, not the folder it is in
        yield Skipped(source, f"could not be read: {type(err).__name__}: {err}"[:300])


def _zip(path: Path, mapper: Mapper, defer: bool) -> Iterator[Result | Deferred]:
    archive = str(path)
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, EOFError, ValueError):
        yield Skipped(archive, "corrupt zip file")
        return
    except NotImplementedError as err:  # e.g. a version of the format it cannot read
        yield Skipped(archive, f"cannot open the zip file: {err}")
        return
    postings = 0
    with zf:
        for info in sorted(zf.infolist(), key=lambda info: info.filename):
            parts = info.filename.replace("\\", "/").split("/")
            if info.is_dir() or parts[0] == "__MACOSX" or any(
                part.startswith(".") and part not in (".", "..") for part in parts
            ):
                continue
            ext, source = _ext(parts[-1]), f"{archive}!{info.filename}"
            if info.create_system == 3 and stat.S_ISLNK(info.external_attr >> 16):  # (Unix's
                # mode: a link, whose bytes are a path, never read)
                yield Skipped(source, "a symbolic link, not a file: not read")
            elif ext == ".zip":
                yield Skipped(source, "zip files inside a zip file are not opened")
            elif ext not in _SUPPORTED:
                yield Skipped(source, _NOT_READ, aside=True)
            else:
                postings += 1
                try:
                    yield from _member(zf, info, source, ext, mapper, defer)
                except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as err:
                    yield Skipped(source, f"corrupt zip member: {err}")
                except (NotImplementedError, RuntimeError, ValueError) as err:
                    yield Skipped(source, f"cannot unpack the zip member: {err}")
    if not postings:
        yield Skipped(archive, "the zip file holds no file that import reads "
                               f"({', '.join((*_PAGE_SUFFIXES, *_DATA))})")


def _member(
    zf: zipfile.ZipFile, info: zipfile.ZipInfo, source: str, ext: str, mapper: Mapper,
    defer: bool,
) -> Iterator[Result | Deferred]:
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
            yield from read_jsonl(source, stream, mapper, defer, whole=True)
        return
    limit = read.MAX_BYTES if ext in _PAGE_SUFFIXES else items.DATA_MAX_BYTES
    if size > limit:
        yield Skipped(source, read.too_large("file", size, limit))
        return
    with zf.open(info) as stream:
        data = stream.read(limit + 1)
    if ext == ".parquet":
        yield from read_parquet(source, io.BytesIO(data), mapper, defer)
        return
    if ext not in _PAGE_SUFFIXES:
        yield from _data(source, ext, data, mapper)
        return
    try:
        yield _page(source, read.decode(data))
    except UnreadableError as err:
        yield Skipped(source, str(err))


def _data(source: str, ext: str, data: bytes, mapper: Mapper) -> Iterator[Result]:
    """A whole ``.json`` or ``.csv`` file, already read (at most `items.DATA_MAX_BYTES`)."""
    try:
        text = read.decode(data)
    except UnreadableError as err:
        yield Skipped(source, str(err))
        return
    yield from (read_json(source, text, mapper) if ext == ".json"
                else read_csv(source, text, mapper))


def _stat_reason(err: OSError, path: Path) -> str:
    if isinstance(err, FileNotFoundError | NotADirectoryError):
        return "broken link: its target does not exist" if path.is_symlink() \
            else "no such file or folder"
    return f"cannot read: {err.strerror or err}"


def _ext(name: str) -> str:
    return os.path.splitext(name)[1].lower()
