"""``store.rows``: one of our own exported records as the rows the store writes,
and a batch of them written in one transaction.

``record_rows`` encodes a record (``reviewer.core.records``) as flat rows: the posting,
the machine's values, people's decisions, spans and labels. It runs no SQL, so an
import runs it where the record was read, in a worker process when it has them, and
the writer (``write_rows``) only inserts: the postings in one statement (numbered here
as SQLite would number them, so that their rows know their ids), the rows of each
other table in one (the machine's values and the log ``MANY_ROWS`` rows a statement
run), the search index filled once at the end.
What is stored is what ``Records.add`` stored record by record before: the listing
columns already on the final values, each row of people's work named after the
reviewer the record names (who set its status), else after the reviewer who imports;
the rows of what a ruling decided (``adjudicated_by``) after who ruled.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import sys
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

import orjson

from reviewer.core.schema import EXTRACTOR_VERSION
from reviewer.core.store.decisions import EMPTY, decision_json, listed_places, own_state
from reviewer.core.store.health import stops_the_import
from reviewer.core.store.history import now
from reviewer.core.store.postings import BULK_INDEX, ROW_COLUMNS
from reviewer.core.store.reviewer import UNKNOWN, clean_name
from reviewer.core.store.sqlite import Database

if TYPE_CHECKING:
    from reviewer.core.store.postings import Postings

_DECIDED = ("accepted", "corrected", "rejected", "adjudicated")  # what a person decided
_UNDECIDED = ("machine", "none")
_NO_SPANS: list[list[int]] = []
_SHOWN = ("title", "company", "locations")  # the values the listing columns show
# the largest id a record keeps (past it, it is numbered as a page is): half of what every
# JSON reader reads exactly (2**53), so that the postings numbered after it are read
# exactly too; kept at SQLite's largest, every posting after it was numbered at random
MAX_KEPT_ID = 2**52
_INSERT = (f"INSERT INTO postings ({', '.join(ROW_COLUMNS)}, imported_at, updated_at, comment,"
           f" status_by, comment_by, id) VALUES ({', '.join('?' * (len(ROW_COLUMNS) + 6))})")
_INSERTS = {
    "decisions": "INSERT INTO annotations (posting_id, field, state, value, spans, updated_at,"
                 " reviewer) VALUES (?, ?, ?, ?, ?, ?, ?)",
    "spans": 'INSERT INTO spans (posting_id, start, "end", label, origin, state, created_at,'
             " reviewer) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    "labels": "INSERT OR IGNORE INTO doc_labels (posting_id, question, option, reviewer)"
              " VALUES (?, ?, ?, ?)",
}
# the rows of suggestions and of the log, ``MANY_ROWS`` a statement (see ``_insert_rows``);
# a record's suggestions are all of this version, none with alternatives. OR FAIL: a
# statement of many rows that fails is not undone by itself (the batch's transaction is
# undone whole), so SQLite keeps no journal of it (it wrote twice the project's size)
_SUGGESTIONS = ("INSERT OR FAIL INTO suggestions (posting_id, field, value, spans, confidence,"
                " stage, extractor_version, alternatives) VALUES",
                f"(?, ?, ?, ?, ?, ?, '{EXTRACTOR_VERSION}', '[]')")
_EVENTS = ("INSERT OR FAIL INTO events (at, kind, posting_id, data, reviewer) VALUES",
           "(?, 'import_record', ?, '{}', ?)")
_RULED = "INSERT INTO events (at, kind, posting_id, data) VALUES (?, 'ruled', ?, ?)"
MANY_ROWS = 200  # rows an INSERT of suggestions or of the log writes (the sqlite3 module
# spends as much on each statement it runs as SQLite does on a row: a third of the time)
_LAST_ID = 2**63 - 1  # SQLite's largest id: past it, it numbers a posting at random


class RecordRows(NamedTuple):
    """A record encoded as the store's rows (``record_rows``), ready to insert."""

    hash: str
    id: int | None  # the id it asks for: kept when the project has no posting with it
    row: tuple[Any, ...]  # ROW_COLUMNS, imported_at, updated_at, comment, status_by
    # tuples of text and numbers all through: a worker process sends them and the writer
    # unpickles them at a third of what lists cost (the garbage collector walks every
    # list made; such a tuple it drops at once, and an empty one is never made)
    suggestions: tuple[tuple[Any, ...], ...]  # field, value, spans, confidence, stage
    decisions: tuple[tuple[Any, ...], ...]  # field, state, value, spans, updated_at
    spans: tuple[tuple[Any, ...], ...]  # start, end, label, origin, state, created_at
    labels: tuple[tuple[str, str], ...]  # question, option
    logged_at: str | None  # the time its import is logged (None: when it is stored)
    reviewers_left: bool = False  # it carried each reviewer's own values, not stored
    undecided: bool = False  # its reviewers still differed on something ('undecided')
    by: str = ""  # whose work it holds, as the record names them ("": it names nobody)
    ruled: tuple[tuple[str, str], ...] = ()  # what a ruling decided, and whose ruling it
    # was ('adjudicated_by'): its rows carry the adjudicator's name, not ``by``

    def work(self) -> tuple[Any, ...]:
        """What people did in the record, its times aside: its status, comment,
        decisions, spans and labels."""
        return (self.row[ROW_COLUMNS.index("status")], self.row[-2],
                tuple(d[:4] for d in self.decisions), tuple(s[:5] for s in self.spans),
                self.labels)


def record_rows(record: dict[str, Any]) -> RecordRows:
    """The rows of one of our own records. A record that carries nothing a person did
    (``plain``) has its import logged at its own ``imported_at``, as a bulk of them
    always was; one that does, when it is stored. Each reviewer's own values (the
    ``reviewers`` of a merged project's export) are not stored: ``reviewers_left`` says
    the record had some. Raises what a record that cannot be
    stored raises (KeyError, TypeError, ValueError; orjson's errors are TypeErrors)."""
    get = record.get
    machine = get("machine") or {}
    dumps = orjson.dumps
    suggestions: list[tuple[Any, ...]] = []
    confidences = []
    for name, suggestion in machine.items():
        value = suggestion["value"]
        confidence = suggestion.get("confidence", 0.0)
        confidences.append(confidence)
        if value not in EMPTY:
            suggestions.append((name, dumps(value).decode(),
                                dumps(suggestion.get("spans", _NO_SPANS)).decode(), confidence,
                                _interned(suggestion.get("stage", ""))))
    status = get("status", "new")
    imported = get("imported_at") or now()
    updated = get("updated_at") or imported
    plain = _plain(record)
    if plain:
        shown = {name: machine[name]["value"] if name in machine else None for name in _SHOWN}
        decisions: tuple[tuple[Any, ...], ...] = ()
        spans: tuple[tuple[Any, ...], ...] = ()
        labels: tuple[tuple[str, str], ...] = ()
        comment = ""
    else:
        shown = dict.fromkeys(_SHOWN)  # as read back from the rows (``shown_values``)
        shown.update((row[0], json.loads(row[1])) for row in suggestions if row[0] in shown)
        decisions = tuple(_decisions(record, updated, shown))
        spans = tuple((span["start"], span["end"], span["label"], span.get("origin", "human"),
                       "accepted", updated) for span in get("spans") or []) + tuple(
            (span["start"], span["end"], span["label"], span.get("origin", "machine"),
             "rejected", updated) for span in get("rejected_spans") or [])
        labels = tuple((question, option) for question, options in
                       (get("labels") or {}).items() for option in options)
        comment = get("comment", "")
    reviewer = get("reviewer")
    by = clean_name(reviewer) if isinstance(reviewer, str) and reviewer.strip() else ""
    ruled = tuple(sorted((str(thing), clean_name(who)) for thing, who in (
        get("adjudicated_by") or {}).items() if isinstance(who, str) and who.strip()))
    row = (record["raw_hash"], get("source", ""), "text", None, record["text"], "", "[]", "[]",
           dumps(get("metadata") or {}, default=str).decode(), status, shown["title"],
           shown["company"], listed_places(shown["locations"]),
           min(confidences) if confidences else None, None, imported, updated, comment,
           dict(ruled).get("status", by))
    pid = get("id")
    return RecordRows(record["raw_hash"], pid if isinstance(pid, int) else None, row,
                      tuple(suggestions), decisions, spans, labels, imported if plain else None,
                      bool(get("reviewers")), bool(get("undecided")), by, ruled)


def _interned(stage: Any) -> Any:
    """A stage's name, one object for all its suggestions: sent from a worker process
    once a batch, not once a suggestion."""
    return sys.intern(stage) if type(stage) is str else stage


def _plain(record: dict[str, Any]) -> bool:
    """Does a record carry the machine's values alone (nothing a person did)?"""
    get = record.get
    return (get("status", "new") == "new" and not get("comment") and not get("spans")
            and not get("labels") and not get("rejected_spans")
            and all(map(_UNDECIDED.__contains__, (get("provenance") or {}).values())))


def _decisions(record: dict[str, Any], at: str,
               shown: dict[str, Any]) -> list[tuple[Any, ...]]:
    """The rows of each decision of a record, as it was made; the final values of the
    listing columns put in ``shown`` (a person's value over the machine's)."""
    rows = []
    machine = record.get("machine") or {}
    for name, state in (record.get("provenance") or {}).items():
        if state not in _DECIDED:
            continue
        value = record["fields"].get(name) if state != "rejected" else None
        state = own_state(state, value, (machine.get(name) or {}).get("value"))
        text, spans = decision_json(value, record.get("field_spans", {}).get(name, []))
        rows.append((name, state, text, spans, at))
        if name in shown:
            shown[name] = json.loads(text) if text is not None else None
    return rows


def write_rows(db: Database, postings: Postings, batch: Sequence[RecordRows],
               reviewer: str = "") -> list[bool]:
    """Store a batch of records' rows in one transaction; for each, whether it was added
    (False: its hash is known, or met before in the batch). ``reviewer``: the name the
    log carries, and the rows of people's work of a record that names nobody (as the
    connection stamps them; "" leaves it to the connection). A batch of ``BULK_INDEX``
    or more is added to the search index at its end (``Postings.indexed_at_end``). A
    failure of the file itself raises ``ProjectError``; another the store refuses fails
    the batch, and nothing of it is stored."""
    known = postings.known_hashes([rows.hash for rows in batch])
    wanted = [rows.id for rows in batch if rows.id is not None]
    taken = postings.existing_ids(wanted) if wanted else set()
    added: list[bool] = []
    kept: list[tuple[RecordRows, int | None]] = []  # each to store, and the id it keeps
    for rows in batch:
        added.append(rows.hash not in known)
        if rows.hash in known:
            continue
        known.add(rows.hash)
        asked = rows.id if rows.id is not None and rows.id <= MAX_KEPT_ID \
            and rows.id not in taken else None
        if asked is not None:
            taken.add(asked)
        kept.append((rows, asked))
    # those that keep their ids first: one that cannot is numbered after them, not with
    # the next id, which the next record may ask for (and the next, down the batch)
    kept.sort(key=lambda entry: entry[1] is None)
    out: dict[str, list[Any]] = {table: [] for table in _INSERTS}
    decisions, spans, labels = out.values()
    suggestions: list[Any] = []  # the values of their rows, one row after the other
    events: list[Any] = []
    rulings: list[tuple[str, int, str]] = []  # (when, posting, the line's data)
    with _keys_unchecked(db), stops_the_import(getattr(db, "path", None)), db.atomic(), (
            postings.indexed_at_end() if len(batch) >= BULK_INDEX else _by_trigger()) as indexed:
        stamp = now()
        keeping = [pid for _rows, pid in kept]
        pids = _numbered(db, keeping)
        rows_of = [(*rows.row, dict(rows.ruled).get("comment", rows.by or reviewer)
                    if rows.row[-2] else "", pid)
                   for (rows, _asked), pid in zip(kept, pids or keeping, strict=True)]
        if pids is None:  # past SQLite's largest id: it numbers them, one at a time
            pids = [int(db.conn.execute(_INSERT, row).lastrowid or 0) for row in rows_of]
        else:
            db.conn.executemany(_INSERT, rows_of)
        indexed += pids
        for (rows, _asked), pid in zip(kept, pids, strict=True):
            for row in rows.suggestions:
                suggestions += (pid, *row)
            if rows.decisions or rows.spans or rows.labels:
                who = rows.by or reviewer
                ruled = dict(rows.ruled)  # (mostly none)
                # (an adjudicated field whose record names no adjudicator: no one known)
                decisions += [(pid, *row, ruled.get(f"field:{row[0]}", UNKNOWN if row[1]
                                                    == "adjudicated" else who))
                              for row in rows.decisions]
                spans += [(pid, *row, ruled.get("spans", who)) for row in rows.spans]
                labels += [(pid, *row, ruled.get(f"label:{row[0]}", who)) for row in rows.labels]
            events += (rows.logged_at or stamp, pid, reviewer)
            rulings += [(rows.logged_at or stamp, pid, _ruled(thing, who))
                        for thing, who in rows.ruled]
        _insert_rows(db, *_SUGGESTIONS, suggestions)
        for table, statement in _INSERTS.items():
            if out[table]:
                db.conn.executemany(statement, out[table])
        _insert_rows(db, *_EVENTS, events)
        db.conn.executemany(_RULED, rulings)
    return added


def _ruled(thing: str, who: str) -> str:
    """The log's line of a ruling a record names (``adjudicated_by``), as a merge logs
    one it brought (``MergeLog.log_ruled``): what it decided and who ruled, so that the
    project knows it for a ruling (``store.ruled``)."""
    kind, _colon, key = thing.partition(":")
    return json.dumps({"of": who, "kind": kind, "key": key, "value": None, "file": ""},
                      ensure_ascii=False)


def _numbered(db: Database, asked: list[int | None]) -> list[int] | None:
    """The id each new posting is stored under, so that all are inserted in one
    statement: the one it asks for (None: none), else the one SQLite would give it,
    inserted after those that keep theirs (one past the largest). None where those would
    pass SQLite's largest id (it numbers such postings at random)."""
    top = max(db.conn.execute("SELECT max(id) FROM postings").fetchone()[0] or 0,
              max((pid for pid in asked if pid is not None), default=0))
    if top + len(asked) > _LAST_ID:
        return None
    new = iter(range(top + 1, top + len(asked) + 1))
    return [pid if pid is not None else next(new) for pid in asked]


def _insert_rows(db: Database, head: str, row: str, values: list[Any]) -> None:
    """``head`` (an INSERT up to VALUES) run for each row of ``values`` (the values of
    its rows one after the other, as many a row as ``row`` has marks), ``MANY_ROWS``
    rows a statement, or as many as SQLite takes values (999 before its version 3.32)."""
    width = row.count("?")
    many = min(MANY_ROWS, db.conn.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER) // width)
    step = width * many
    full = len(values) - len(values) % step
    if full:
        db.conn.executemany(f"{head} {', '.join([row] * many)}",
                            [values[at:at + step] for at in range(0, full, step)])
    if full < len(values):
        db.conn.executemany(f"{head} {row}",
                            [values[at:at + width] for at in range(full, len(values), width)])


@contextlib.contextmanager
def _keys_unchecked(db: Database) -> Iterator[None]:
    """Around a transaction that adds postings and their rows: SQLite does not look up
    the posting of each row (a dozen a posting, a twentieth of the time to write them):
    every row written refers to a posting written in the same transaction. Within a
    transaction already begun nothing changes (SQLite ignores the pragma there)."""
    if db.conn.in_transaction or not db.execute("PRAGMA foreign_keys").fetchone()[0]:
        yield
        return
    db.execute("PRAGMA foreign_keys = OFF")
    try:
        yield
    finally:
        db.execute("PRAGMA foreign_keys = ON")


@contextlib.contextmanager
def _by_trigger() -> Iterator[list[int]]:
    yield []  # a small batch: the insert trigger indexes each posting


__all__ = ["RecordRows", "record_rows", "write_rows"]
