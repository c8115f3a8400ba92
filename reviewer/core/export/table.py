"""The flat table of the postings, one row a posting: the CSV's cells and the Parquet
columns, from canonical records.

Columns, in order: ``id, source, raw_hash, status, reviewer, text``, then each field of
schema v1 followed by ``<field>__provenance`` (the salary as ``salary_min``,
``salary_max``, ``salary_currency``, ``salary_period``), then ``labels__<question>`` for
each question answered in the export (sorted), then ``spans, comment, imported_at,
updated_at, metadata, undecided`` (what the posting's reviewers still differ on, after a
merge: ``["spans", "field:title"]``; empty where nothing is), ``adjudicated_by`` (what
each ruling decided after a merge and who made it; empty where no ruling did).

**CSV** (``csv_cells``): every cell text; a list or a mapping as JSON, a missing value
empty, and a cell a spreadsheet would run as a formula (or that starts with ``'``) with
a leading ``'`` unless ``raw`` (``neutral``). The offsets in ``spans`` index the ``text``
cell as written: after such a ``'``, they count it.

**Parquet** (``table_types``, ``arrow_table``): the same columns, typed as a pandas or Hugging
Face user reads them without parsing: numbers as floats (the id an integer), list fields
and ``labels__<question>`` as lists of strings, ``spans`` as a list of ``{start, end,
label, text, origin}``, ``adjudicated_by`` as a list of ``{decided, by}`` in the order
the rulings were made (the CSV cell is the record's JSON object, ``{"field:title":
"lead"}``), a missing value as null. ``metadata`` alone stays a JSON string: its keys
differ from posting to posting, and so do the types of its values, which no column type
holds. Cells are the exact text: Parquet is not read as formulas.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from reviewer.core.export.rows import SALARY_KEYS, Row, dumps, hf_value, rulings
from reviewer.core.records import CSV_FIRST_COLUMNS, GUARDED_STARTS, PostingRecord
from reviewer.core.schema import FIELDS

CSV_TAIL = ["spans", "comment", "imported_at", "updated_at", "metadata", "undecided",
            "adjudicated_by"]


def neutral(text: str) -> str:
    """``text`` with a leading ``'`` if a spreadsheet would run it as a formula.

    OWASP's advice against CSV injection: a cell starting with ``=``, ``+``, ``-``,
    ``@``, a tab or a carriage return is read as a formula by spreadsheets. A cell that
    starts with ``'`` gets one too: a spreadsheet hides the first, and an import of the
    file takes the first off (``records.unguarded``).
    """
    return "'" + text if text.startswith(GUARDED_STARTS) else text


def cell(value: Any, raw: bool = False) -> str:
    """One CSV cell: a list as a JSON array, a dict as a JSON object, ``None`` empty.

    Unless ``raw``, text a spreadsheet would run as a formula gets a leading ``'``
    (``neutral``); only the start of the whole cell matters, so a JSON cell (starting
    with a bracket) never needs one. Numbers from the record (ints and floats,
    negative ones too) are data and written as they are.
    """
    if type(value) is str:  # most cells: checked first, a cell a record has ~50 of
        return value if raw or not value.startswith(GUARDED_STARTS) else "'" + value
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    text = dumps(value) if isinstance(value, list | dict) else str(value)
    return text if raw else neutral(text)


def csv_head() -> list[str]:
    """The columns before the label columns."""
    head = list(CSV_FIRST_COLUMNS)
    for spec in FIELDS:
        head += [f"salary_{key}" for key in SALARY_KEYS] if spec.kind == "salary" else [spec.name]
        head.append(f"{spec.name}__provenance")
    return head


def csv_columns(questions: Sequence[str]) -> list[str]:
    """Every column of the table whose label columns are those of ``questions``."""
    return [*csv_head(), *(f"labels__{q}" for q in questions), *CSV_TAIL]


_FIELD_COLUMNS = tuple((spec.name, spec.kind == "salary") for spec in FIELDS)


def cells(values: Sequence[Any], raw: bool) -> list[str]:
    """``cell`` of each value, plain text taken as it is without a call."""
    return [value if type(value) is str and (raw or not value.startswith(GUARDED_STARTS))
            else cell(value, raw) for value in values]


def head_cells(record: PostingRecord, raw: bool) -> list[str]:
    """The CSV cells of ``csv_head()``."""
    values, provenance = record["fields"], record["provenance"]
    row = [record["id"], record["source"], record["raw_hash"], record["status"],
           record.get("reviewer") or "", record["text"]]
    for name, salary in _FIELD_COLUMNS:
        value = values.get(name)
        if salary:
            row += [(value or {}).get(key) for key in SALARY_KEYS]
        else:
            row.append(value)
        row.append(provenance.get(name, "none"))
    return cells(row, raw)


def tail_cells(record: PostingRecord, raw: bool) -> list[str]:
    """The CSV cells of ``CSV_TAIL``. The spans' offsets index the text cell as written:
    where the guard put a ``'`` before it (``neutral``), they count it too."""
    spans: Sequence[Any] = record["spans"]
    text = record["text"]
    if spans and not raw and (shift := len(neutral(text)) - len(text)):
        spans = [{**span, "start": span["start"] + shift, "end": span["end"] + shift}
                 for span in spans]
    return cells((dumps(spans), record["comment"], record["imported_at"],
                  record["updated_at"], dumps(record["metadata"]),
                  record.get("undecided") or None, record.get("adjudicated_by") or None),
                 raw)


def csv_cells(record: PostingRecord, questions: Sequence[str], raw: bool) -> list[str]:
    """The whole CSV row of a record, its label columns those of ``questions``."""
    labels = record["labels"]
    return [*head_cells(record, raw), *(cell(labels.get(q), raw) for q in questions),
            *tail_cells(record, raw)]


_QUOTED = re.compile('[",\r\n]').search  # what makes csv.writer quote a cell


def csv_line(row: Sequence[str]) -> str:
    """One CSV line of text cells as ``csv.writer`` (the excel dialect, minimal quoting)
    writes it: a cell holding a quote, a comma or a line break quoted, its quotes
    doubled; ``\r\n`` at the end. Several times faster than ``csv.writer``, which goes
    through each cell a character at a time."""
    if len(row) == 1 and not row[0]:
        return '""\r\n'
    return ",".join([text if _QUOTED(text) is None else '"' + text.replace('"', '""') + '"'
                     for text in row]) + "\r\n"


# -- Parquet ------------------------------------------------------------------------------------


def table_types(pa: Any, questions: Sequence[str]) -> list[tuple[str, Any]]:
    """The Parquet columns of the table (``pa``: the pyarrow module): the CSV's, typed."""
    text, number, items = pa.string(), pa.float64(), pa.list_(pa.string())
    kinds = {"number": number, "list": items}
    types: dict[str, Any] = {"id": pa.int64()}
    for spec in FIELDS:
        if spec.kind == "salary":
            types.update({f"salary_{key}": number if key in ("min", "max") else text
                          for key in SALARY_KEYS})
        else:
            types[spec.name] = kinds.get(spec.kind, text)
    span = pa.struct([("start", pa.int64()), ("end", pa.int64()), ("label", text),
                      ("text", text), ("origin", text)])
    types["spans"] = pa.list_(span)
    types["undecided"] = items
    types["adjudicated_by"] = pa.list_(pa.struct([("decided", text), ("by", text)]))
    return [(name, types.get(name, items if name.startswith("labels__") else text))
            for name in csv_columns(questions)]


def table_row(record: PostingRecord) -> Row:
    """The Parquet row of a record as a mapping, its labels still one mapping."""
    row: Row = {key: record[key] for key in ("id", "source", "raw_hash", "status", "text")}
    row["reviewer"] = record.get("reviewer") or ""
    for spec in FIELDS:
        value = hf_value(spec.kind, record["fields"].get(spec.name))
        if spec.kind == "salary":
            row.update({f"salary_{key}": (value or {}).get(key) for key in SALARY_KEYS})
        else:
            row[spec.name] = value
        row[f"{spec.name}__provenance"] = record["provenance"].get(spec.name, "none")
    row["labels"] = record["labels"]
    row["spans"] = [dict(s) for s in record["spans"]]
    row.update({key: record[key] for key in ("comment", "imported_at", "updated_at")})
    row["metadata"] = dumps(record["metadata"])
    row["undecided"] = record.get("undecided") or None
    row["adjudicated_by"] = rulings(record)
    return row


def _column(kind: str, values: list[Any]) -> list[Any]:
    """``hf_value`` of each value of one field (its kind), a comprehension a kind."""
    if kind == "number":
        return [float(v) if isinstance(v, int | float) else None for v in values]
    if kind == "list":
        return [None if v is None else [str(item) for item in v] for v in values]
    return [None if v is None else v if type(v) is str else str(v) for v in values]


def _array(pa: Any, kind: str, kind_type: Any, values: list[Any]) -> Any:
    """The Arrow array of one field's values (``_column``'s). pyarrow reads the values
    as they are when they already have the column's type (text, numbers, lists of
    text: nearly always), which spares a copy of each; a value it refuses (a number
    in a text field), or a None in a list (pyarrow's null, ``hf_value``'s "None"),
    goes the way of ``hf_value``."""
    if kind != "list" or not any(type(v) is list and None in v for v in values):
        try:
            return pa.array(values, type=kind_type)
        except (pa.ArrowInvalid, pa.ArrowTypeError):
            pass
    return pa.array(_column(kind, values), type=kind_type)


def arrow_table(pa: Any, schema: Any, records: Sequence[PostingRecord]) -> Any:
    """The Parquet rows of ``records`` (the values ``table_row`` gives each) as a pyarrow
    Table of ``schema`` (``table_types``). Built a column at a time: a comprehension a
    column, which pyarrow turns into an array far faster than it reads rows of
    mappings."""
    columns: dict[str, list[Any]] = {key: [r[key] for r in records] for key in (
        "id", "source", "raw_hash", "status", "text", "comment", "imported_at", "updated_at")}
    columns["reviewer"] = [r.get("reviewer") or "" for r in records]
    values = [r["fields"] for r in records]
    states = [r["provenance"] for r in records]
    arrays: dict[str, Any] = {}
    for spec in FIELDS:
        found = [v.get(spec.name) for v in values]
        if spec.kind == "salary":
            salaries = [hf_value("salary", v) or {} for v in found]
            for key in SALARY_KEYS:
                columns[f"salary_{key}"] = [salary.get(key) for salary in salaries]
        else:
            arrays[spec.name] = _array(pa, spec.kind, schema.field(spec.name).type, found)
        columns[f"{spec.name}__provenance"] = [p.get(spec.name, "none") for p in states]
    labels = [r["labels"] for r in records]
    for name in schema.names:
        if name.startswith("labels__"):
            question = name.removeprefix("labels__")
            columns[name] = [None if (a := chosen.get(question)) is None else list(a)
                             for chosen in labels]
    columns["spans"] = [r["spans"] for r in records]
    columns["metadata"] = [dumps(r["metadata"]) for r in records]
    columns["undecided"] = [r.get("undecided") or None for r in records]
    columns["adjudicated_by"] = [rulings(r) for r in records]
    arrays.update((f.name, pa.array(columns[f.name], type=f.type)) for f in schema
                  if f.name not in arrays)
    return pa.Table.from_arrays([arrays[name] for name in schema.names], schema=schema)
