"""CSV files of many postings: a header row, then each row one ``Item`` or one
``Skipped`` with its place (``file.csv#3``, rows numbered from 1 after the header).
Which column is the page and which give fields is the ``Mapper``'s to say
(``columns``)."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator

from reviewer.core import records
from reviewer.core.ingest import items
from reviewer.core.ingest.columns import Mapper, distinct_names
from reviewer.core.ingest.items import Result, Skipped
from reviewer.core.ingest.refused import no_page


def read_csv(source: str, text: str, mapper: Mapper) -> Iterator[Result]:
    """Comma-separated (or as ``_delimiter`` finds), first row the header; rows numbered
    from 1 after the header."""
    if csv.field_size_limit() < items.DATA_MAX_BYTES:  # process-wide; the default (128 KiB) is
        csv.field_size_limit(items.DATA_MAX_BYTES)  # smaller than many pages
    delimiter, text = _delimiter(text)
    kept: list[str] = []  # the lines of the file the last row was read from
    rows = csv.reader(_keeping(io.StringIO(text, newline=""), kept), delimiter=delimiter)
    number = 0
    try:
        header = [name.strip() for name in next(rows, [])]
        kept.clear()
        if not any(header):
            yield Skipped(source, "the CSV has no header row")
            return
        keys = distinct_names([key or f"column {i + 1}" for i, key in enumerate(header)])
        mapping = mapper.mapping(keys, source)
        if (problem := no_page(mapping, keys, "CSV")) is not None:
            mapper.refuse(keys)  # (its mapping: none to remember)
            yield Skipped(source, problem)
            return
        width = len(keys)
        found = False
        # our CSV export: its cells guarded against spreadsheets, the guard no part of them
        first = records.CSV_FIRST_COLUMNS
        ours = tuple(header[:len(first)]) == first
        # a quote opened and never closed makes the rest of the file one cell (the reader
        # says nothing): the quotes of a file are in pairs but for such a one
        open_quote = text.count('"') % 2 == 1 and _ends_in_a_quote(text, delimiter)
        last_line = text.count("\n") + (not text.endswith("\n")) if open_quote else -1
        for row in rows:
            number, lines = number + 1, kept[:]
            kept.clear()
            if not any(cell.strip() for cell in row):
                continue
            found = True
            problem = _NEVER_CLOSED if rows.line_num == last_line else (
                _misquoted(lines, delimiter, number) if len(lines) > 1 else None)
            if problem is not None:
                yield Skipped(f"{source}#{number}", problem)
                number += len(lines) - 1  # (the rows read as one, a row a line)
                continue
            if [cell.strip() for cell in row] == header:  # files joined (cat a.csv b.csv)
                yield Skipped(f"{source}#{number}", _HEADER_AGAIN)
                continue
            if any(cell.strip() for cell in row[width:]):  # its cells are not under their
                # columns (a comma outside quotes): whatever each were taken for is a guess
                yield Skipped(f"{source}#{number}", f"{len(row)} cells where the header has "
                                                    f"{width} columns (a comma outside "
                                                    "quotes?); not imported")
                continue
            if ours:
                row = [records.unguarded(cell) for cell in row]
            cells = dict(zip(keys, row + [""] * (width - len(row)), strict=False))
            yield mapping.split(f"{source}#{number}", cells)
        if not found:
            yield Skipped(source, "no postings in the file")
    except csv.Error as err:
        yield Skipped(f"{source}#{number + 1}",
                      f"not a readable CSV row, the rest of the file is skipped: {err}")


def _delimiter(text: str) -> tuple[str, str]:
    """What parts the cells of a CSV, and its text from its header on: what Excel's
    first line "sep=;" says; else what its header holds most of outside quotes, a
    comma, a semicolon (Excel where a comma is the decimal mark), a tab (Excel's
    "Unicode text") or a bar, a comma where none is more."""
    header = re.split(r"\r\n|\r|\n", text[:65536], maxsplit=1)[0]
    if re.fullmatch(r"sep=(?:[^\w\s\"]|\t)", header):  # (Excel's line, before the header)
        return header[4], text[len(header):].lstrip("\r\n")
    bare = re.sub(r'"[^"]*"', "", header)  # a quoted name may hold any of them
    return max(",;\t|", key=bare.count), text  # (the most: a name may hold one; a tie, ",")


_HEADER_AGAIN = ("the header row again (files joined one after another?): its column names, "
                 "not a posting")
_NEVER_CLOSED = ("a quote opened in this row is never closed: the rest of the file would "
                 "be one cell; not imported")


def _keeping(lines: Iterator[str], kept: list[str]) -> Iterator[str]:
    """``lines``, each kept in ``kept`` as it is read."""
    for line in lines:
        kept.append(line)
        yield line


def _misquoted(lines: list[str], delimiter: str, number: int) -> str | None:
    """Why row ``number`` of a CSV, read from ``lines`` (several), is not imported; None
    when it is (a cell of several lines). A quote opened in the row and not closed in
    its line ran on into the rows below, to the next quote, which the reader took for
    its end: the rows between were read as one, the last one's cells its own. The
    reader, told to be strict, finds the data ending there, or that quote followed by
    something other than a delimiter or a line end (spaces between them aside, as the
    reader takes them)."""
    spaces = " " if delimiter == "\t" else " \t"
    after = re.compile(rf'"[{spaces}]+(?=[{re.escape(delimiter)}\r\n]|$)')
    try:
        for _row in csv.reader((after.sub('"', line) for line in lines), strict=True,
                               delimiter=delimiter):
            pass
    except csv.Error as err:
        if "unexpected end of data" in str(err):
            return _NEVER_CLOSED
        return (f"a quote opened in row {number} is closed in the middle of a later line: "
                f"rows {number}–{number + len(lines) - 1} would be read as one; not "
                "imported (a quote left open, or one inside a cell not doubled?)")
    return None


def _ends_in_a_quote(text: str, delimiter: str = ",") -> bool:
    """Does the CSV ``text`` end inside a quoted cell (its reader, told to be strict,
    finds the data ending there)?"""
    try:
        for _row in csv.reader(io.StringIO(text, newline=""), strict=True,
                               delimiter=delimiter):
            pass
    except csv.Error as err:
        return "unexpected end of data" in str(err)
    return False
