"""The project's log and the undo of edits.

Every edit returns a ``Change``: the rows it replaced, as they were (None: the row
did not exist), each named by its table and key. ``History.undo`` puts them back
and returns the change that redoes it. The parts that own the tables take the
snapshots (``snapshot``) of their own rows; undo writes them back as they were,
whatever the table, which is what makes one undo for every kind of edit possible.
The log (``events``) records what happened, to which posting, when.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from reviewer.core.store.jsontext import loads
from reviewer.core.store.sqlite import Database

# the key columns of each table an edit can change
KEYS = {
    "postings": ("id",),
    "annotations": ("posting_id", "field"),
    "suggestions": ("posting_id", "field"),
    "spans": ("id",),
    "doc_labels": ("posting_id", "question", "option"),
}
Row = tuple[str, tuple[Any, ...], dict[str, Any] | None]


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass
class Change:
    """What an edit replaced: rows as they were (None: the row did not exist); and,
    once sealed (``History.sealed``), the same rows as the edit left them (``after``),
    so that its undo can tell whether another process changed them since."""

    description: str
    rows: list[Row] = field(default_factory=list)
    after: list[Row] | None = None
    redoes: bool = False  # it makes the edit again (what ``History.undo`` returns), logged so
    schema: str | None = None  # a digest of the label schema when sealed (``History.sealed``)


class ChangedSince(ValueError):
    """An undo (or redo) refused: what its edit changed was changed again since, by
    another process or reviewer; putting the old rows back would undo their work."""

    def __init__(self, what: str) -> None:
        self.what = what
        super().__init__(f"changed since by another process or reviewer ({what}): not "
                         "put back, so as to keep their work")


def snapshot(db: Database, table: str, key: tuple[Any, ...]) -> Row:
    """The row of ``table`` with ``key`` as it is now (None: there is none)."""
    where = " AND ".join(f'"{c}" = ?' for c in KEYS[table])
    cur = db.execute(f"SELECT * FROM {table} WHERE {where}", key)
    row = cur.fetchone()
    if row is None:
        return table, key, None
    return table, key, dict(zip([d[0] for d in cur.description], row, strict=True))


def log(db: Database, kind: str, data: dict[str, Any], posting: int | None = None,
        at: str | None = None, ascii_only: bool = False) -> None:
    """One line of the project's log (``ascii_only``: non-ASCII text \\u-escaped)."""
    db.execute("INSERT INTO events (at, kind, posting_id, data) VALUES (?, ?, ?, ?)",
               (at or now(), kind, posting, json.dumps(data, ensure_ascii=ascii_only)))


def things_of(rows: list[Row], now_rows: list[Row]) -> list[list[str]]:
    """What an undo (or a redo) of rows ``rows`` changes, as a merge names it ([kind,
    key]: a field, a question's answer, the span labels, the status, the comment):
    ``now_rows`` the same rows as they are before it."""
    things: list[list[str]] = []
    for (table, key, row), (_, _, now_row) in zip(rows, now_rows, strict=True):
        if table == "annotations":
            found = [["field", str(key[1])]]
        elif table == "doc_labels":
            found = [["label", str(key[1])]]
        elif table == "spans":
            found = [["spans", ""]]
        elif table == "postings":
            found = [[column, ""] for column in ("status", "comment")
                     if (row or {}).get(column) != (now_row or {}).get(column)]
        else:
            found = []
        things += [thing for thing in found if thing not in things]
    return things


def key_posting(change: Change) -> int | None:
    """The posting a change is about (None: it names none)."""
    for table, key, row in change.rows:
        if table in ("postings", "annotations", "doc_labels", "suggestions"):
            return int(key[0])
        if row is not None and "posting_id" in row:
            return int(row["posting_id"])
    return None


def schema_digest(db: Database) -> str:
    """A digest of the label schema as it is, and of how many of its changes moved
    labels between names: what an undo or a redo holds its labels to (the text itself,
    kept by every edit on the undo stack, was 5.8 MB at 200,000 options)."""
    from reviewer.core.store.meta import Meta  # (which logs through this module)

    digest = hashlib.blake2b(digest_size=16)
    digest.update(Meta(db).label_moves().to_bytes(8, "big"))  # (names swapped in place)
    for row in db.execute("SELECT question, kind, options FROM label_schema ORDER BY position"):
        for text in row:  # each after its length: no two schemas read the same
            data = str(text).encode("utf-8", "surrogatepass")
            digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()


def _changed_since(change: Change, now_rows: list[Row]) -> str | None:
    """What of the rows ``change``'s edit changed is no longer as it left them (None:
    all is): a row added or removed since, or a column the edit wrote written again."""
    assert change.after is not None
    for (table, key, before), (_, _, left), (_, _, row) in zip(
            change.rows, change.after, now_rows, strict=True):
        named = (f"its {key[1]}" if table == "annotations" else f"its {key[1]} answer"
                 if table == "doc_labels" else "its span labels" if table == "spans" else "")
        if (left is None) != (row is None):
            return named or f"a row of {table}"
        if left is None or row is None:
            continue
        for column, value in left.items():
            if column != "updated_at" and (before is None or before.get(column) != value) \
                    and row.get(column) != value:
                return named or f"its {column}"
    return None


class History:
    """``store.history``: undo, and the project's log."""

    def __init__(self, db: Database, refresh: Callable[[int], None],
                 may_put_back: Callable[[list[Row]], None] = lambda _rows: None) -> None:
        """``may_put_back``: raises (a ValueError) for rows an undo may no longer put back
        (a label the schema has lost since)."""
        self.db = db
        self._refresh = refresh  # a posting's listing columns and disagreement mark
        self._may_put_back = may_put_back

    def schema_digest(self) -> str:
        """The label schema's digest now: what each change sealed holds its labels to
        (``sealed``), and what a window carries its undo steps over to after a schema
        change that renamed and removed nothing."""
        return schema_digest(self.db)

    def made(self, edit: Callable[[], Change]) -> Change:
        """``edit`` made and sealed in one transaction: no other writer's edit can come
        between the edit and what ``sealed`` takes for it."""
        with self.db.atomic():
            return self.sealed(edit())

    def sealed(self, change: Change) -> Change:
        """``change`` with the rows as its edit left them (``Change.after``), taken just
        after the edit: its undo then puts back only what the edit changed, and refuses
        (``ChangedSince``) where another process changed that again since."""
        change.after = [snapshot(self.db, table, key) for table, key, _ in change.rows]
        change.schema = schema_digest(self.db)
        return change

    def undo(self, change: Change) -> Change:
        """Put back the rows a change replaced; returns the change that redoes it
        (sealed when ``change`` was). What it puts back is an edit of now: a merge takes
        a reviewer's latest value by its time, and a value undone to after a merge is
        their latest. A sealed change puts back only the columns of a posting its edit
        changed, and raises ``ChangedSince`` (writing nothing) where they, or another of
        its rows, are no longer as the edit left them."""
        with self.db.atomic():
            redo = Change(change.description,
                          [snapshot(self.db, table, key) for table, key, _ in change.rows],
                          redoes=not change.redoes)
            if change.after is not None and (what := _changed_since(change, redo.rows)):
                raise ChangedSince(what)
            if change.schema not in (None, schema_digest(self.db)) and any(
                    table in ("doc_labels", "spans") for table, _key, _row in change.rows):
                # the label schema changed since (another program's): its options may have
                # been renamed or swapped, and the rows put back mean another option now
                raise ChangedSince("the label schema")
            if change.redoes:  # (an undo puts back what was there: an option a record
                self._may_put_back(change.rows)  # brought too)
            stamp = now()
            for n, (table, key, row) in reversed(list(enumerate(change.rows))):
                where = " AND ".join(f'"{c}" = ?' for c in KEYS[table])
                if row is not None and "updated_at" in row:
                    row = {**row, "updated_at": stamp}
                left = change.after[n][2] if change.after is not None else None
                if row is None:
                    self.db.execute(f"DELETE FROM {table} WHERE {where}", key)
                elif left is not None or table == "postings":
                    # a row the edit changed (sealed): only the columns it changed go back
                    row = {c: v for c, v in row.items() if c not in KEYS[table] and (
                        left is None or c == "updated_at" or left.get(c) != v)}
                    sets = ", ".join(f'"{c}" = ?' for c in row)
                    if sets:
                        self.db.execute(f"UPDATE {table} SET {sets} WHERE {where}",
                                        [*row.values(), *key])
                else:
                    columns = ", ".join(f'"{c}"' for c in row)
                    self.db.execute(f"INSERT OR REPLACE INTO {table} ({columns}) VALUES"
                                    f" ({', '.join('?' * len(row))})", list(row.values()))
            # (rows the edit added name their posting as they are now: a span labelled)
            posting = key_posting(change) or key_posting(redo)
            if posting is not None:
                self._refresh(posting)
                log(self.db, "redo" if change.redoes else "undo",  # (what it changed: what a
                    {"change": change.description,  # merge of this file reads)
                     "things": things_of(change.rows, redo.rows)}, posting,
                    ascii_only=True)  # as undo lines were always written
            if change.after is not None:
                self.sealed(redo)
        return redo

    def posting_events(self, pid: int, limit: int = 500
                       ) -> list[tuple[str, str, str, dict[str, Any]]]:
        """The log of posting ``pid``, newest first, at most ``limit`` lines: (when, who,
        kind, data) each, as written (``at`` in UTC, ISO 8601; who "" when another tool
        wrote it). What the window's history of a posting shows: not a merge's own
        bookkeeping (``settled``, for the next merge)."""
        out = []
        for at, reviewer, kind, data in self.db.execute(
                "SELECT at, reviewer, kind, data FROM events WHERE posting_id = ? AND kind !="
                " 'settled' ORDER BY id DESC LIMIT ?", (pid, limit)):
            value = loads(data, {})  # a line another tool wrote may be anything
            out.append((str(at), str(reviewer), str(kind),
                        value if isinstance(value, dict) else {}))
        return out

    def logged(self, kind: str) -> bool:
        """Whether the log holds a line of this kind."""
        return self.db.execute("SELECT 1 FROM events WHERE kind = ? LIMIT 1",
                               (kind,)).fetchone() is not None
