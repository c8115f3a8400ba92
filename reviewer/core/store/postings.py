"""``store.postings``: the postings table, one row a posting.

Adding postings (a batch from an import, de-duplicated by the hash of the raw page),
a posting's status and comment, its cleaned text, and the columns the list shows
without a join (title, company, location), kept on the final field values. Every
edit to a posting stamps its ``updated_at`` and logs what happened (``touch``).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

import orjson

from reviewer.core.records import STATUSES
from reviewer.core.schema import EXTRACTOR_VERSION
from reviewer.core.store import decisions
from reviewer.core.store.health import stops_the_import
from reviewer.core.store.history import Change, log, now, snapshot
from reviewer.core.store.sqlite import Database

ROW_COLUMNS = ("hash", "source", "kind", "raw", "cleaned", "source_text", "removed", "context",
               "metadata", "status", "title", "company", "location", "min_confidence",
               "usefulness")
TEXT_COLUMNS = ("cleaned", "source_text", "removed", "context")
BULK_INDEX = 64  # postings a batch from which the search index is written at its end
IMPORT_CHECKPOINT = 10_000  # pages of -wal file (40 MB) folded into the project at once
IMPORT_CACHE_KIB = 65_536  # the page cache while an import runs (SQLite's default: 2 MiB)
_INSERT = (f"INSERT OR IGNORE INTO postings ({', '.join(ROW_COLUMNS)}, imported_at, "
           f"updated_at) VALUES ({', '.join('?' * (len(ROW_COLUMNS) + 2))})")
_INSERT_LABEL = ("INSERT INTO label_suggestions (posting_id, question, answer, confidence)"
                 " VALUES (?, ?, ?, ?)")


@dataclass
class NewPosting:
    """A posting ready to store: the page and what the pipeline made of it."""

    source: str
    hash: str
    kind: str
    raw: str | None
    cleaned: str
    source_text: str = ""
    removed: list[list[Any]] = field(default_factory=list)
    context: list[str] = field(default_factory=list)
    metadata: dict[str, Any] = field(default_factory=dict)
    fields: dict[str, Any] = field(default_factory=dict)
    evidence: dict[str, list[list[int]]] = field(default_factory=dict)
    confidence: dict[str, float] = field(default_factory=dict)
    stages: dict[str, str] = field(default_factory=dict)
    status: str = "new"
    # per field: the other values found, [{"value", "confidence", "stage", "spans"}, ...]
    alternatives: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    extractor_version: str = EXTRACTOR_VERSION
    # what a learned model suggests: per label question (answer, confidence), and how
    # useful the posting would be to review next (None: no model read it)
    label_suggestions: dict[str, tuple[Any, float]] = field(default_factory=dict)
    usefulness: float | None = None


@dataclass
class PreparedPosting:
    """A posting encoded as the store's rows, ready to insert (see ``prepare``).

    Made where the posting was cleaned, so that a worker process hands the writer
    flat rows rather than nested values to encode. ``raw`` is filled in by the writer,
    which still holds the page."""

    hash: str
    row: tuple[Any, ...]  # the ROW_COLUMNS but raw
    # (field, value, spans, confidence, stage, version, alternatives)
    suggestions: list[tuple[Any, ...]]
    raw: str | None = None
    labels: list[tuple[str, str, float]] = field(default_factory=list)  # question, answer, p

    def full_row(self) -> tuple[Any, ...]:
        """The row in ``ROW_COLUMNS`` order, the raw page put in its place."""
        return (*self.row[:3], self.raw, *self.row[3:])


def prepare(item: NewPosting) -> PreparedPosting:
    """The rows of a posting, JSON encoded."""
    confidences = list(item.confidence.values())
    row = (item.hash, item.source, item.kind, item.cleaned, item.source_text,
           _json(item.removed), _json(item.context),
           orjson.dumps(item.metadata, default=str).decode(), item.status,
           item.fields.get("title"), item.fields.get("company"),
           decisions.listed_places(item.fields.get("locations")),
           min(confidences) if confidences else None, item.usefulness)
    dumps, evidence, alternatives = orjson.dumps, item.evidence, item.alternatives
    confidence, stages, version = item.confidence, item.stages, item.extractor_version
    suggestions = [  # (encoded inline: a posting has a dozen of them, an import millions)
        (name, dumps(value).decode(), dumps(evidence.get(name, [])).decode(),
         confidence.get(name, 0.0), stages.get(name, ""), version,
         dumps(alternatives[name]).decode() if name in alternatives else "[]")
        for name, value in item.fields.items() if value not in (None, [], {}, "")]
    labels = sorted((question, _json(answer), round(float(confidence), 3))
                    for question, (answer, confidence) in item.label_suggestions.items())
    return PreparedPosting(item.hash, row, suggestions, item.raw, labels)


class Postings:
    """The postings of a project: adding them, their status, comment and text."""

    def __init__(self, db: Database) -> None:
        self.db = db
        # the reviewers' disagreement marks of postings just edited (``Reviews`` sets it)
        self.marks: Callable[[Sequence[int]], None] = lambda pids: None

    def known_hashes(self, hashes: Sequence[str]) -> set[str]:
        """Which of these raw-page hashes the project holds already."""
        found: set[str] = set()
        for i in range(0, len(hashes), 500):
            chunk = list(hashes[i:i + 500])
            marks = ",".join("?" * len(chunk))
            found.update(r[0] for r in self.db.execute(
                f"SELECT hash FROM postings WHERE hash IN ({marks})", chunk))
        return found

    def pages_from(self, sources: Sequence[str]) -> list[tuple[str, str | None]]:
        """The (source, raw page) of the postings imported from these sources."""
        found: list[tuple[str, str | None]] = []
        for i in range(0, len(sources), 500):
            chunk = list(sources[i:i + 500])
            marks = ",".join("?" * len(chunk))
            found.extend((r[0], r[1]) for r in self.db.execute(
                f"SELECT source, raw FROM postings WHERE source IN ({marks})", chunk))
        return found

    def add(self, batch: Sequence[NewPosting | PreparedPosting], event: str = "import") -> int:
        """Store a batch in one transaction; postings whose hash is known are skipped.

        Returns how many were added. A batch of ``BULK_INDEX`` postings or more is added
        to the search index in one statement at its end (``indexed_at_end``), in the same
        transaction: a stopped import leaves no posting that search misses. A failure of
        the file itself (damaged, read-only, its disk full) raises ``ProjectError``: no
        other posting would fare better."""
        stamp = now()
        items = [entry if isinstance(entry, PreparedPosting) else prepare(entry)
                 for entry in batch]
        suggestions: list[tuple[Any, ...]] = []
        labels: list[tuple[Any, ...]] = []
        with stops_the_import(getattr(self.db, "path", None)), self.db.atomic(), (
                self.indexed_at_end() if len(items) >= BULK_INDEX else _by_trigger()) as added:
            execute = self.db.conn.execute
            for item in items:
                cur = execute(_INSERT, (*item.full_row(), stamp, stamp))
                if cur.rowcount == 0:
                    continue
                pid = int(cur.lastrowid or 0)
                added.append(pid)
                suggestions.extend((pid, *row) for row in item.suggestions)
                labels.extend((pid, *row) for row in item.labels)
            decisions.insert_suggestions(self.db, None, suggestions)
            self.db.conn.executemany(_INSERT_LABEL, labels)
            if added:
                log(self.db, event, {"added": len(added)}, at=stamp)
        return len(added)

    def existing_ids(self, ids: Sequence[int]) -> set[int]:
        """Which of these ids the project's postings have."""
        found: set[int] = set()
        for i in range(0, len(ids), 500):
            chunk = list(ids[i:i + 500])
            found.update(r[0] for r in self.db.execute(
                f"SELECT id FROM postings WHERE id IN ({','.join('?' * len(chunk))})", chunk))
        return found

    def first_unreviewed(self, ids: Iterable[int]) -> int | None:
        """The first of ``ids``, in their order, whose posting is not reviewed (None: each
        is reviewed). Looked up 500 ids a query in the (status, id) index, never in the
        table (whose rows hold each posting's text), and no further than the first found."""
        others = [status for status in STATUSES if status != "reviewed"]
        left = iter(ids)
        while chunk := list(islice(left, 500)):
            found = {r[0] for r in self.db.execute(
                "SELECT id FROM postings INDEXED BY postings_status WHERE status IN"
                f" ({','.join('?' * len(others))}) AND id IN ({','.join('?' * len(chunk))})",
                [*others, *chunk])}
            if found:
                return next(pid for pid in chunk if pid in found)
        return None

    @contextlib.contextmanager
    def importing(self) -> Iterator[None]:
        """Around an import of many batches: the -wal file is folded into the project
        every ``IMPORT_CHECKPOINT`` pages instead of SQLite's 1,000 (each fold syncs the
        disk, and a page written batch after batch reaches the project file once), and
        as before once the import ends; and the page cache holds ``IMPORT_CACHE_KIB``
        (a batch adds keys all over the indexes of hashes, sources and times: with
        SQLite's 2 MiB their pages are read and written again and again). What is
        committed is as safe either way."""
        before = self.db.execute("PRAGMA wal_autocheckpoint").fetchone()[0]
        cache = self.db.execute("PRAGMA cache_size").fetchone()[0]
        page = self.db.execute("PRAGMA page_size").fetchone()[0]
        self.db.execute(f"PRAGMA wal_autocheckpoint = {max(before, IMPORT_CHECKPOINT)}")
        if (-cache if cache < 0 else cache * page // 1024) < IMPORT_CACHE_KIB:
            self.db.execute(f"PRAGMA cache_size = {-IMPORT_CACHE_KIB}")
        try:
            yield
        finally:
            self.db.execute(f"PRAGMA wal_autocheckpoint = {int(before)}")
            self.db.execute(f"PRAGMA cache_size = {int(cache)}")

    @contextlib.contextmanager
    def indexed_at_end(self) -> Iterator[list[int]]:
        """Inside a transaction: the postings whose ids the block appends to the list it
        gets are added to the search index in one statement at its end, not one at a
        time by the insert trigger (about five times faster for a batch: each statement
        that fires the trigger makes FTS5 write its pending terms out). The trigger is
        dropped and made again inside the transaction, so no other connection sees it
        missing, and a block that fails rolls both back."""
        assert self.db.conn.in_transaction, "indexed_at_end runs inside a transaction"
        row = self.db.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger'"
                              " AND name = 'postings_ai'").fetchone()
        ids: list[int] = []
        if row is None:
            yield ids
            return
        self.db.execute("DROP TRIGGER postings_ai")
        yield ids
        self.db.execute("INSERT INTO postings_fts(rowid, title, company, cleaned) SELECT id,"
                        " title, company, cleaned FROM postings WHERE id IN (SELECT value"
                        " FROM json_each(?))", (orjson.dumps(ids).decode(),))
        self.db.execute(row[0])

    def worked_on(self) -> int:
        """How many postings hold a person's work: a status, a comment, a field's value, a
        span, a label."""
        return int(self.db.execute(
            "SELECT count(*) FROM postings WHERE status != 'new' OR comment != '' OR id IN"
            " (SELECT posting_id FROM annotations UNION SELECT posting_id FROM spans"
            " UNION SELECT posting_id FROM doc_labels)").fetchone()[0])

    def exists(self, pid: int) -> bool:
        return self.db.execute("SELECT 1 FROM postings WHERE id = ?", (pid,)).fetchone() \
            is not None

    def status(self, pid: int) -> str:
        """Posting ``pid``'s status (KeyError for no such posting)."""
        return self._text(pid, "status")

    def cleaned(self, pid: int) -> str:
        """The cleaned text of posting ``pid``; KeyError if there is none."""
        return self._text(pid, "cleaned")

    def _text(self, pid: int, column: str) -> str:
        row = self.db.execute(f"SELECT {column} FROM postings WHERE id = ?", (pid,)).fetchone()
        if row is None:
            raise KeyError(pid)
        return str(row[0])

    def work_state(self, pid: int) -> tuple[list[Any], str, str]:
        """(the TEXT_COLUMNS, status, comment) of posting ``pid``; KeyError if none."""
        old = self.db.execute(f"SELECT {', '.join(TEXT_COLUMNS)}, status, comment FROM postings"
                              " WHERE id = ?", (pid,)).fetchone()
        if old is None:
            raise KeyError(pid)
        *text, status, comment = old
        return text, status, comment

    def replace_text(self, pid: int, row: dict[str, Any]) -> None:
        """A new cleaning of the posting (the TEXT_COLUMNS, min_confidence and usefulness
        of ``row``)."""
        self.db.execute(
            "UPDATE postings SET cleaned = ?, source_text = ?, removed = ?, context = ?,"
            " min_confidence = ?, usefulness = ? WHERE id = ?",
            (*[row[c] for c in TEXT_COLUMNS], row["min_confidence"], row["usefulness"], pid))

    def usefulness(self, pid: int) -> float | None:
        row = self.db.execute("SELECT usefulness FROM postings WHERE id = ?", (pid,)).fetchone()
        return None if row is None or row[0] is None else float(row[0])

    def label_suggestions(self, pid: int) -> list[tuple[str, str, float]]:
        """(question, answer as JSON, confidence) a learned model suggests, by question."""
        return [(str(q), str(a), float(c)) for q, a, c in self.db.execute(
            "SELECT question, answer, confidence FROM label_suggestions WHERE posting_id = ?"
            " ORDER BY question", (pid,))]

    def replace_label_suggestions(self, pid: int, rows: Sequence[tuple[str, str, float]]) -> None:
        self.db.execute("DELETE FROM label_suggestions WHERE posting_id = ?", (pid,))
        insert_label_suggestions(self.db, pid, rows)

    def stored_pages(self, after: int, limit: int) -> list[tuple[Any, ...]]:
        """(id, source, raw, kind, hash, metadata, reviewed) of up to ``limit`` postings
        after id ``after``, in id order: the pages to run the pipeline on again. A
        reviewed posting's page is not read (None): it keeps what its reviewer saw."""
        return self.db.execute(
            "SELECT id, source, CASE WHEN status = 'reviewed' THEN NULL ELSE raw END, kind,"
            " hash, metadata, status = 'reviewed' FROM postings WHERE id > ?"
            " ORDER BY id LIMIT ?", (after, limit)).fetchall()

    # --- edits ---------------------------------------------------------------------------

    def set_status(self, pid: int, status: str) -> Change:
        check_status(status)
        with self.db.atomic():
            change = Change(f"mark {status}", [snapshot(self.db, "postings", (pid,))])
            self.mark(pid, status)
            self.touch(pid, "set_status", {"status": status})
        return change

    def mark(self, pid: int, status: str) -> None:
        """Set the status alone, as part of a larger edit that logs itself."""
        self.db.execute("UPDATE postings SET status = ? WHERE id = ?", (status, pid))

    def set_comment(self, pid: int, text: str, typed_over: str | None = None) -> Change:
        """The posting's comment. ``typed_over``: the comment ``text`` was typed over;
        when the file holds another (saved by another program meanwhile), that one is
        kept first and ``text`` after it, a blank line between: neither is lost."""
        with self.db.atomic():
            change = Change("comment", [snapshot(self.db, "postings", (pid,))])
            row = self.db.execute("SELECT comment FROM postings WHERE id = ?", (pid,)).fetchone()
            theirs = str(row[0] or "").strip() if row is not None else ""
            if typed_over is not None and theirs not in ("", typed_over.strip()) \
                    and f"\n\n{theirs}\n\n" not in f"\n\n{text.strip()}\n\n":
                text = f"{theirs}\n\n{text}" if text.strip() else theirs
            self.db.execute("UPDATE postings SET comment = ? WHERE id = ?", (text, pid))
            self.touch(pid, "set_comment", {})
        return change

    def touch(self, pid: int, kind: str, data: dict[str, Any]) -> None:
        """Posting ``pid`` was edited: stamp it, refresh it (``refresh``), log it."""
        stamp = now()
        self.db.execute("UPDATE postings SET updated_at = ? WHERE id = ?", (stamp, pid))
        self.refresh(pid)
        log(self.db, kind, data, pid, at=stamp)

    def refresh(self, pid: int) -> None:
        """After an edit of posting ``pid`` or its undo: its listing columns, and its
        disagreement mark where reviewers' values were merged into it (an answer, a
        comment, a status set where they differed decides it)."""
        self.refresh_display(pid)
        self.marks([pid])

    def refresh_display(self, pid: int) -> None:
        """Keep the listing columns (title, company, location) on the final values."""
        values = decisions.shown_values(self.db, pid)
        self.db.execute("UPDATE postings SET title = ?, company = ?, location = ? WHERE id = ?",
                        (values["title"], values["company"],
                         decisions.listed_places(values["locations"]), pid))


def check_status(status: str | None) -> None:
    """ValueError unless ``status`` is one a posting can have."""
    if status not in STATUSES:
        raise ValueError(f"unknown status {status!r}; one of {', '.join(STATUSES)}")


def _json(value: Any) -> str:
    return orjson.dumps(value).decode()


def insert_label_suggestions(db: Database, pid: int,
                             rows: Sequence[tuple[str, str, float]]) -> None:
    """The answers a learned model suggests for posting ``pid``: (question, answer as
    JSON, confidence) each."""
    db.conn.executemany(_INSERT_LABEL, [(pid, *row) for row in rows])


@contextlib.contextmanager
def _by_trigger() -> Iterator[list[int]]:
    yield []  # a small batch: the insert trigger indexes each posting
