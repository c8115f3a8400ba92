"""Files of many postings: JSONL (one object a line), JSON (an array or object) and CSV
(a page column), each object or row one ``Item`` or one ``Skipped`` with its place
(``file.jsonl#3``). One of our own exported records is checked before it is taken."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import IO, Any

from reviewer.core import records
from reviewer.core.ingest import items, read
from reviewer.core.ingest.items import Item, PageKind, Result, Skipped, page, what
from reviewer.core.ingest.read import UnreadableError

_PAGE_KEYS: dict[str, PageKind | None] = {"html": "html", "text": "text", "raw": None}
_WRAPPERS = ("postings", "items", "data")
CSV_COLUMNS = ("html", "text", "raw", "body", "description", "content")


def read_jsonl(source: str, stream: IO[bytes]) -> Iterator[Result]:
    """One object a line, read line by line: memory holds one line at a time."""
    number, found = 0, False
    while line := stream.readline(items.DATA_MAX_BYTES + 1):
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
        if len(line) > items.DATA_MAX_BYTES and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):  # drop the rest of the line unread
                line = stream.readline(1 << 20)
            found = True
            yield Skipped(here, f"the line is over the {items.DATA_MAX_BYTES / 1e6:.0f} MB limit")
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


def read_json(source: str, text: str) -> Iterator[Result]:
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
        yield Skipped(source, f"not a JSON array or object but {what(doc)}")
    elif not doc:
        yield Skipped(source, "no postings in the file")
    else:
        for index, obj in enumerate(doc, 1):
            yield _object(f"{source}#{index}", obj)


def _object(source: str, obj: Any) -> Result:
    """One JSON object: an exported record, or a page under html / text / raw plus metadata."""
    if not isinstance(obj, dict):
        return Skipped(source, f"not a JSON object but {what(obj)}")
    if records.is_canonical(obj):
        problem = records.record_problem(obj)
        if problem is not None:
            return Skipped(source, f"an exported record that cannot be stored: {problem}")
        meta = obj.get("metadata")
        return Item(source, obj["text"], "text", dict(meta) if isinstance(meta, dict) else {}, obj)
    present = [key for key in _PAGE_KEYS if key in obj]
    if not present:
        return Skipped(source, "no 'html', 'text' or 'raw' key")
    key = next((key for key in present if obj[key] is not None), present[0])
    if not isinstance(obj[key], str):
        return Skipped(source, f"the '{key}' value is {what(obj[key])}, not text")
    metadata = {name: value for name, value in obj.items() if name != key}
    return page(source, obj[key], _PAGE_KEYS[key], metadata)


def read_csv(source: str, text: str, column: str | None) -> Iterator[Result]:
    """Comma-separated, first row the header; rows numbered from 1 after the header."""
    if csv.field_size_limit() < items.DATA_MAX_BYTES:  # process-wide; the default (128 KiB) is
        csv.field_size_limit(items.DATA_MAX_BYTES)  # smaller than many pages
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
                          else f"no page column ({', '.join(CSV_COLUMNS)}) in the CSV; "
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
            yield page(f"{source}#{number}", row[index], kind, metadata,
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
    return next((lowered.index(name) for name in CSV_COLUMNS if name in lowered), None)
