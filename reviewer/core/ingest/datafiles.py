"""Files of many postings: JSONL (one object a line) and JSON (an array or object), each
object one ``Item`` or one ``Skipped`` with its place (``file.jsonl#3``); CSV files
are ``csvfiles``'. Which key or column is the page and which give fields is the
``Mapper``'s to say (``columns``); one of our own exported records is checked before it
is taken."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import IO, Any, Literal, overload

import orjson

from reviewer.core import record_check, records
from reviewer.core.ingest import items, read
from reviewer.core.ingest.columns import SYNONYMS, Mapper, has_page_column
from reviewer.core.ingest.items import Deferred, Item, LongNumber, Result, Skipped, what
from reviewer.core.ingest.read import UnreadableError
from reviewer.core.ingest.refused import absent_keys
from reviewer.core.ingest.shards import CheckedItem, is_manifest, read_manifest
from reviewer.core.words.text import valid_unicode

_WRAPPERS = ("postings", "jobs", "items", "results", "data")
_PAGE_NAMES = ", ".join(SYNONYMS["page"][:7])
# every digit as 0 and any other byte as a space: a run of 19 zeros is a number orjson
# may read otherwise than json (an integer past 64 bits becomes a float)
_DIGITS = bytes(48 if 48 <= b <= 57 else 32 for b in range(256))
_LONG_NUMBER = b"0" * 19
LINES_BLOCK = 1 << 20  # bytes of a file of our records left unread at a time


def refused_start(first: bytes) -> str | None:
    """Why a JSONL file whose first line is ``first`` is refused whole (UTF-16, binary);
    None when it is not."""
    head = first[:64] if len(first) % 2 == 0 else first[:63]  # (pairs of bytes)
    if first.startswith((b"\xff\xfe", b"\xfe\xff")) or (len(head) >= 4 and any(
            not any(head[zero::2]) and all(head[1 - zero::2]) for zero in (0, 1))):
        return "UTF-16 text; JSONL must be UTF-8"  # (an ASCII start: every other byte 0)
    if b"\x00" in first[:4096]:
        return "the file is binary, not text"
    return None


@overload
def read_jsonl(source: str, stream: IO[bytes], mapper: Mapper,
               defer: Literal[False] = False, start: int = 0,
               whole: bool = False) -> Iterator[Result]: ...


@overload
def read_jsonl(source: str, stream: IO[bytes], mapper: Mapper,
               defer: bool, start: int = 0, whole: bool = False) -> Iterator[Result | Deferred]: ...


def read_jsonl(source: str, stream: IO[bytes], mapper: Mapper,
               defer: bool = False, start: int = 0,
               whole: bool = False) -> Iterator[Result | Deferred]:
    """One object a line, read line by line: memory holds one line at a time.
    ``defer``: when the first line holds one of our own records, the file is left unread
    (``Deferred``), ``LINES_BLOCK`` bytes of whole lines at a time (``whole_lines``),
    each line for ``read_record_line`` to read (or ``read_line``). ``start``: the lines
    of the file before where ``stream`` stands (a part of it read on its own).
    ``whole``: the stream is the whole file, read from its start: a key given for the
    page or a field (``--map``) that no object of it has refuses the file, as a column a
    CSV lacks does (the rows would come in again once the key is given right)."""
    if whole and mapper.given_columns() and stream.seekable():
        at = stream.tell()
        problem = absent_keys(mapper, _objects(stream), "JSONL file")
        stream.seek(at)
        if problem is not None:
            yield Skipped(source, problem)
            return
    number, found = start, False
    while line := stream.readline(items.DATA_MAX_BYTES + 1):
        number += 1
        if number == 1:
            if (refused := refused_start(line)) is not None:
                yield Skipped(source, refused)
                return
            line = line.removeprefix(b"\xef\xbb\xbf")
        here = f"{source}#{number}"
        if len(line) > items.DATA_MAX_BYTES and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):  # drop the rest of the line unread
                line = stream.readline(1 << 20)
            found = True
            yield Skipped(here, _over_limit())
            continue
        if not line.strip():
            continue
        found = True
        if defer and read_record_line(here, line) is not None:  # a file of our records
            yield Deferred(source, line, number - 1)
            yield from _blocks(source, stream, number)
            return
        defer = False  # its first line says: a file of pages
        yield read_line(here, line, mapper, source)
    if not found:
        yield Skipped(source, "the file is empty" if number == 0 else "no postings in the file")


def _blocks(source: str, stream: IO[bytes], number: int) -> Iterator[Skipped | Deferred]:
    """The rest of a JSONL file, whole lines at a time, left unread; line ``number`` was
    the last read. A line over ``items.DATA_MAX_BYTES`` is skipped as ``read_jsonl``
    skips it, not kept whole in memory."""
    pending: list[bytes] = []  # the start of a line, without its end yet
    size, dropping = 0, False
    while block := stream.read(LINES_BLOCK):
        if dropping:  # the rest of a line over the limit, dropped unread
            end = block.find(b"\n")
            if end < 0:
                continue
            block, dropping = block[end + 1:], False
        cut = block.rfind(b"\n") + 1
        if cut:
            lines = b"".join([*pending, block[:cut]]) if pending else block[:cut]
            count = block.count(b"\n", 0, cut)
            yield Deferred(source, lines, number, count)
            number += count
            pending, size, block = [], 0, block[cut:]
        if block:
            pending.append(block)
            size += len(block)
            if size > items.DATA_MAX_BYTES:
                number += 1
                yield Skipped(f"{source}#{number}", _over_limit())
                pending, size, dropping = [], 0, True
    if pending:  # the last line, without a line end
        yield Deferred(source, b"".join(pending), number)


def whole_lines(source: str, lines: bytes, first: int) -> Iterator[tuple[str, bytes]]:
    """Each line of ``lines`` (whole lines of JSONL file ``source``, the one before them
    numbered ``first``) that is not blank, with its place (``file.jsonl#3``)."""
    start, number = 0, first
    while start < len(lines):
        end = lines.find(b"\n", start) + 1 or len(lines)
        line, start, number = lines[start:end], end, number + 1
        if line.strip():
            yield f"{source}#{number}", line


def _over_limit() -> str:
    return f"the line is over the {items.DATA_MAX_BYTES / 1e6:.0f} MB limit"


def read_line(here: str, line: bytes, mapper: Mapper, file: str) -> Result:
    """One line of JSONL file ``file``, numbered ``here``."""
    obj = _quick_loads(line)
    if obj is not _SLOW:
        return _object(here, obj, mapper, file, checked=True)
    try:
        obj = json.loads(read.decode(line), parse_int=_whole_number)
    except UnreadableError as err:
        return Skipped(here, str(err))
    except json.JSONDecodeError as err:
        return Skipped(here, f"not JSON: {_said(err)} at column {err.colno}")
    except RecursionError:
        return Skipped(here, "not JSON: nested too deeply")
    except ValueError as err:
        return Skipped(here, _unreadable_json(err))
    return _object(here, obj, mapper, file)


def _said(err: json.JSONDecodeError) -> str:
    """What the JSON reader says is wrong, without the "at" that some of its messages
    end in ("Unterminated string starting at"): the place is said after it."""
    return err.msg.removesuffix(" at")


def _whole_number(digits: str) -> int | LongNumber:
    """A JSON integer as Python reads it, or, past the 4,300 digits it reads, its digits
    (``LongNumber``): one such cell is no reason to lose the row (a field's value of it
    is refused, a page of it is a number, not text)."""
    return int(digits) if len(digits.lstrip("-")) <= 4300 else LongNumber(digits)


def _unreadable_json(err: ValueError) -> str:
    """What Python's JSON reader refused besides bad syntax, said short."""
    return f"not readable: {err}"[:200]


def read_record_line(here: str, line: bytes) -> Result | None:
    """A JSONL line that holds one of our own records, as ``read_line`` reads it; None
    when it holds something else (or what only the standard library's json reads)."""
    if len(line) - line.endswith(b"\n") > items.DATA_MAX_BYTES:
        return Skipped(here, _over_limit())
    obj = _quick_loads(line)
    if obj is _SLOW or not records.is_canonical(obj):
        return None
    return _record(here, obj, checked=True)


def read_json(source: str, text: str, mapper: Mapper) -> Iterator[Result]:
    try:
        doc = json.loads(text, parse_int=_whole_number)
    except json.JSONDecodeError as err:
        yield Skipped(source, f"not JSON: {_said(err)} at line {err.lineno} column "
                              f"{err.colno}")
        return
    except RecursionError:
        yield Skipped(source, "not JSON: nested too deeply")
        return
    except ValueError as err:
        yield Skipped(source, _unreadable_json(err))
        return
    if is_manifest(doc, source):  # a shard folder's manifest: what its shards lack
        yield from read_manifest(source, doc)
        return
    kind = "one"
    if isinstance(doc, dict) and not records.is_canonical(doc):
        kind, doc = _postings_within(doc, mapper.page_names())
    if mapper.given_columns() and (problem := absent_keys(
            mapper, doc.values() if kind == "by_id" else [doc] if isinstance(doc, dict)
            else doc if isinstance(doc, list) else [], "JSON file")) is not None:
        yield Skipped(source, problem)
        return
    if kind == "by_id":
        for key, obj in doc.items():
            yield _object(f"{source}#{key}", obj, mapper, source)
        return
    if isinstance(doc, dict):
        yield _object(source, doc, mapper, source)
    elif not isinstance(doc, list):
        yield Skipped(source, f"not a JSON array or object but {what(doc)}")
    elif not doc:
        yield Skipped(source, "no postings in the file")
    else:
        for index, obj in enumerate(doc, 1):
            yield _object(f"{source}#{index}", obj, mapper, source)


def _objects(stream: IO[bytes]) -> Iterator[Any]:
    """The objects of a JSONL stream, line by line (a line over the limit, or one that
    is not JSON, passed over: reading the file says so)."""
    while line := stream.readline(items.DATA_MAX_BYTES + 1):
        if len(line) > items.DATA_MAX_BYTES and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):
                line = stream.readline(1 << 20)
            continue
        if not line.strip():
            continue
        obj = _quick_loads(line.removeprefix(b"\xef\xbb\xbf"))
        if obj is _SLOW:
            try:
                obj = json.loads(read.decode(line), parse_int=_whole_number)
            except (UnreadableError, ValueError, RecursionError):
                continue
        yield obj


def _postings_within(doc: dict[str, Any], pages: set[str]) -> tuple[str, Any]:
    """What a JSON object holds: ``("one", doc)``, one posting (it has a page key whose
    value is no array of objects, even a null one; also an object that holds nothing else
    known, refused with its reason); ``("many", array)``, the postings under one key (an
    API's ``{"jobs": [...], "meta": ...}``, a page of ``content``; under ``_WRAPPERS``
    first where several keys hold some); or ``("by_id", doc)``, postings by their ids
    (``{"job1": {...}, ...}``). A page key is a page name, or one of ``pages`` (the page
    column given, or one the project remembers)."""
    def is_array(value: Any) -> bool:  # of objects
        return isinstance(value, list) and bool(value) and all(
            isinstance(item, dict) for item in value)

    def has_page(obj: Any) -> bool:
        return isinstance(obj, dict) and any(
            key in pages or has_page_column([key]) for key in obj)

    if any((key in pages or has_page_column([key])) and not is_array(value)
           for key, value in doc.items()):
        return "one", doc
    arrays = {key: value for key, value in doc.items()
              if is_array(value) and any(map(has_page, value))}
    key = next((k for k in _WRAPPERS if k in arrays), next(iter(arrays)) if len(arrays) == 1
               else None)
    if key is not None:
        return "many", arrays[key]
    if doc and all(isinstance(value, dict) for value in doc.values()) and any(
            map(has_page, doc.values())):
        return "by_id", doc
    if any(doc.get(k) == [] for k in _WRAPPERS):
        return "many", []  # {"jobs": []}: no postings
    return "one", doc


_SLOW = object()  # a line for the standard library's json to read


def _quick_loads(line: bytes) -> Any:
    """A JSONL line as orjson reads it (five to ten times faster than json), or ``_SLOW``
    when only json reads it as json does: a line that is not UTF-8, has a number of 19
    digits or more, or something orjson refuses (a lone surrogate escape, NaN, nesting
    deeper than its limit, or no JSON at all). What orjson gives is then what json gives
    and ``inputs`` would make of it: valid Unicode, integers within 64 bits."""
    if _LONG_NUMBER in line.translate(_DIGITS):
        return _SLOW
    try:
        return orjson.loads(line)
    except orjson.JSONDecodeError:
        return _SLOW


def _object(source: str, obj: Any, mapper: Mapper, file: str, checked: bool = False) -> Result:
    """One JSON object: an exported record, or a page, fields and metadata (``Mapper``).
    ``checked``: read by ``_quick_loads`` (see ``_record``)."""
    if not isinstance(obj, dict):
        return Skipped(source, f"not a JSON object but {what(obj)}")
    if records.is_canonical(obj):
        return _record(source, obj, checked)
    if gone := records.missing_keys(obj):  # (read as a page, its people's work is lost)
        return Skipped(source, f"an exported record without {gone[0]!r}: not imported (our "
                               "records carry text, fields, provenance and raw_hash; put it "
                               "back, or export the record again)")
    mapping = mapper.mapping(list(obj), file)
    if mapping.page is None:
        given = [column for target, column in mapping.missing if target == "page"]
        return Skipped(source, f"no key '{given[0]}', the page's (as given)" if given
                       else f"no page key ({_PAGE_NAMES} …)")
    return mapping.split(source, obj, empty="the page is empty")


def _record(source: str, obj: dict[str, Any], checked: bool) -> Result:
    """One of our own exported records, checked (``record_check.record_problem``).
    ``checked``: read by ``_quick_loads``, so that it needs no walk for text that is not
    Unicode or numbers that JSON cannot hold (``CheckedItem``)."""
    text = obj.get("text")
    problem = items.oversized(text, "text") if isinstance(text, str) else None
    problem = problem or (None if checked else _long_number_problem(obj))
    problem = problem or record_check.record_problem(obj)
    if problem is not None:
        return Skipped(source, f"an exported record that cannot be stored: {problem}")
    meta = obj.get("metadata")
    if checked:
        return CheckedItem(valid_unicode(source), obj["text"], "text",
                           dict(meta) if isinstance(meta, dict) else {}, obj)
    return Item(source, obj["text"], "text", dict(meta) if isinstance(meta, dict) else {}, obj)


def _long_number_problem(obj: dict[str, Any]) -> str | None:
    """The key of an exported record, but its metadata, that holds a number of more than
    4,300 digits (``LongNumber``), said: no text, number or offset of a record is one."""
    for key, value in obj.items():
        stack = [value] if key != "metadata" else []
        while stack:
            value = stack.pop()
            if isinstance(value, LongNumber):
                return f"'{key}' holds a number of {len(value.lstrip('-')):,} digits"
            if isinstance(value, dict):
                stack.extend(value.values())
            elif isinstance(value, list):
                stack.extend(value)
    return None
