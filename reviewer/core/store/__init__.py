"""One project: a SQLite file holding raw postings, their cleaning and fields, and
everything people decided about them (see ``migrations`` for the tables).

Every edit is one committed transaction and returns a ``Change``: applying it with
``undo`` restores what the edit replaced, and ``undo`` returns the change that
redoes it. A human value never overwrites the machine's: both are kept.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson

from reviewer.core.labels import Option, Question, check, default_schema, to_json
from reviewer.core.records import STATUSES, PostingRecord
from reviewer.core.schema import EXTRACTOR_VERSION, FIELD_NAMES
from reviewer.core.schema import SCHEMA_VERSION as FIELDS_VERSION
from reviewer.core.store.db import Database
from reviewer.core.store.migrations import SCHEMA_VERSION, migrations

# list orders: the SQL expression each sorts by (ties broken by id)
ORDERS = {
    "import": "p.id",
    "confidence": "COALESCE(p.min_confidence, 2.0)",
    "recent": "p.updated_at",
}
RANKED = 20_000  # search ranks its matches when there are at most this many
FIELD_STATES = ("suggested", "accepted", "corrected", "rejected")


class ProjectError(Exception):
    """A project file that cannot be opened; the message says why and what to do."""


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass
class Change:
    """What an edit replaced: rows as they were (None: the row did not exist)."""

    description: str
    rows: list[tuple[str, tuple[Any, ...], dict[str, Any] | None]] = field(default_factory=list)


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
    extractor_version: str = EXTRACTOR_VERSION


@dataclass
class PreparedPosting:
    """A posting encoded as the store's rows, ready to insert (see ``prepare``).

    Made where the posting was cleaned, so that a worker process hands the writer
    flat rows rather than nested values to encode. ``raw`` is filled in by the writer,
    which still holds the page."""

    hash: str
    row: tuple[Any, ...]  # the _ROW_COLUMNS but raw
    suggestions: list[tuple[Any, ...]]  # (field, value, spans, confidence, stage, version)
    raw: str | None = None

    def full_row(self) -> tuple[Any, ...]:
        """The row in ``_ROW_COLUMNS`` order, the raw page put in its place."""
        return (*self.row[:3], self.raw, *self.row[3:])


_INSERT_SUGGESTION = ("INSERT INTO suggestions (posting_id, field, value, spans, confidence,"
                      " stage, extractor_version) VALUES (?, ?, ?, ?, ?, ?, ?)")
_ROW_COLUMNS = ("hash", "source", "kind", "raw", "cleaned", "source_text", "removed", "context",
                "metadata", "status", "title", "company", "location", "min_confidence")


def prepare(item: NewPosting) -> PreparedPosting:
    """The rows of a posting, JSON encoded."""
    locations = item.fields.get("locations") or []
    confidences = list(item.confidence.values())
    row = (item.hash, item.source, item.kind, item.cleaned, item.source_text,
           _json(item.removed), _json(item.context),
           orjson.dumps(item.metadata, default=str).decode(), item.status,
           item.fields.get("title"), item.fields.get("company"),
           locations[0] if locations else None, min(confidences) if confidences else None)
    suggestions = [
        (name, _json(value), _json(item.evidence.get(name, [])),
         item.confidence.get(name, 0.0), item.stages.get(name, ""), item.extractor_version)
        for name, value in item.fields.items() if value not in (None, [], {}, "")]
    return PreparedPosting(item.hash, row, suggestions, item.raw)


_KEYS = {
    "postings": ("id",),
    "annotations": ("posting_id", "field"),
    "suggestions": ("posting_id", "field"),
    "spans": ("id",),
    "doc_labels": ("posting_id", "question", "option"),
}


class Store:
    """A project file. Open with ``Store(path)``; one connection, one thread."""

    def __init__(self, path: str | Path, *, create: bool = True) -> None:
        self.path = Path(path)
        if not self.path.exists() and not create:
            raise ProjectError(f"{self.path}: no such project file")
        try:
            if self.path.exists() and not _is_sqlite(self.path):
                raise ProjectError(f"{self.path} is not a project file (not an SQLite database)")
        except OSError as err:
            raise ProjectError(f"{self.path} cannot be opened: {err.strerror or err}") from err
        created = not self.path.exists()
        try:
            self.db = Database(self.path)
            self.db.execute("PRAGMA foreign_keys = ON")
            self.db.enable_wal()
            # with WAL, NORMAL loses no committed edit when the app stops, only (at worst)
            # the last ones if the whole machine loses power; and spares a sync per edit
            self.db.execute("PRAGMA synchronous = NORMAL")
            self._migrate()
        except sqlite3.DatabaseError as err:
            raise ProjectError(f"{self.path} cannot be opened: {err}") from err
        if created or (not self.db.execute("SELECT 1 FROM label_schema LIMIT 1").fetchone()
                       and not self.db.execute("SELECT 1 FROM events WHERE kind = 'label_schema'"
                                               " LIMIT 1").fetchone()):
            self.save_label_schema(default_schema())  # a project made before labels: too

    # --- opening ---------------------------------------------------------------------------

    def _migrate(self) -> None:
        version = self.schema_version()
        if version > SCHEMA_VERSION:
            raise ProjectError(
                f"{self.path} was written by a newer Posting Reviewer (project version "
                f"{version}; this one reads up to {SCHEMA_VERSION}). Update the app to open it.")
        has_tables = bool(self.db.table_names())
        if version and not has_tables:
            raise ProjectError(f"{self.path} is damaged: it has a version but no tables")
        pending = migrations.pending(self.db)
        if not pending:
            return
        if has_tables and "postings" not in self.db.table_names():
            raise ProjectError(f"{self.path} is an SQLite file of another application")
        if has_tables:
            backup = self.path.with_name(f"{self.path.name}.v{version}.bak")
            self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            shutil.copy2(self.path, backup)
        migrations.apply(self.db)
        self.db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def schema_version(self) -> int:
        value: int = self.db.execute("PRAGMA user_version").fetchone()[0]
        if value == 0 and "postings" in self.db.table_names():
            value = len(migrations.applied(self.db))  # written before user_version was set
        return value

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- adding ----------------------------------------------------------------------------

    def known_hashes(self, hashes: Sequence[str]) -> set[str]:
        """Which of these raw-page hashes the project holds already."""
        found: set[str] = set()
        for i in range(0, len(hashes), 500):
            chunk = list(hashes[i:i + 500])
            marks = ",".join("?" * len(chunk))
            found.update(r[0] for r in self.db.execute(
                f"SELECT hash FROM postings WHERE hash IN ({marks})", chunk))
        return found

    def add_postings(self, batch: Sequence[NewPosting | PreparedPosting],
                     event: str = "import") -> int:
        """Store a batch in one transaction; postings whose hash is known are skipped.

        Returns how many were added."""
        stamp = now()
        added = 0
        insert = (f"INSERT OR IGNORE INTO postings ({', '.join(_ROW_COLUMNS)}, imported_at, "
                  f"updated_at) VALUES ({', '.join('?' * (len(_ROW_COLUMNS) + 2))})")
        with self.db.atomic():
            conn = self.db.conn
            for entry in batch:
                item = entry if isinstance(entry, PreparedPosting) else prepare(entry)
                cur = conn.execute(insert, (*item.full_row(), stamp, stamp))
                if cur.rowcount == 0:
                    continue
                pid = cur.lastrowid
                added += 1
                conn.executemany(_INSERT_SUGGESTION,
                                 [(pid, *suggestion) for suggestion in item.suggestions])
            if added:
                conn.execute("INSERT INTO events (at, kind, data) VALUES (?, ?, ?)",
                             (stamp, event, json.dumps({"added": added})))
        return added

    def add_record(self, record: dict[str, Any]) -> bool:
        """Store one of our own exported records, with every decision in it.

        Keeps its id when the project has no posting with that id, and its timestamps,
        so that exporting again gives the same record. False if its hash is known."""
        if self.known_hashes([record["raw_hash"]]):
            return False
        with self.db.atomic():
            pid = record.get("id")
            if not isinstance(pid, int) or self.db.execute(
                    "SELECT 1 FROM postings WHERE id = ?", (pid,)).fetchone():
                pid = None
            machine = record.get("machine", {})
            item = NewPosting(
                source=record.get("source", ""), hash=record["raw_hash"], kind="text",
                raw=None, cleaned=record["text"], metadata=record.get("metadata") or {},
                fields={k: v["value"] for k, v in machine.items()},
                evidence={k: v.get("spans", []) for k, v in machine.items()},
                confidence={k: v.get("confidence", 0.0) for k, v in machine.items()},
                stages={k: v.get("stage", "") for k, v in machine.items()},
                status=record.get("status", "new"))
            prepared = prepare(item)
            imported = record.get("imported_at") or now()
            row = {**dict(zip(_ROW_COLUMNS, prepared.full_row(), strict=True)),
                   "imported_at": imported, "updated_at": record.get("updated_at") or imported,
                   "comment": record.get("comment", "")}
            if pid is not None:
                row["id"] = pid
            cur = self.db.execute(
                f"INSERT INTO postings ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
                list(row.values()))
            pid = int(cur.lastrowid or 0)
            self.db.conn.executemany(_INSERT_SUGGESTION,
                                     [(pid, *suggestion) for suggestion in prepared.suggestions])
            stamp = row["updated_at"]
            for name, state in (record.get("provenance") or {}).items():
                if state not in ("accepted", "corrected", "rejected"):
                    continue
                value = record["fields"].get(name) if state != "rejected" else None
                self.db.execute(
                    "INSERT INTO annotations (posting_id, field, state, value, spans, updated_at)"
                    " VALUES (?, ?, ?, ?, ?, ?)",
                    (pid, name, state, json.dumps(value, ensure_ascii=False)
                     if value is not None else None,
                     json.dumps(record.get("field_spans", {}).get(name, [])), stamp))
            for span in record.get("spans") or []:
                self.db.execute(
                    'INSERT INTO spans (posting_id, start, "end", label, origin, state,'
                    " created_at) VALUES (?, ?, ?, ?, ?, 'accepted', ?)",
                    (pid, span["start"], span["end"], span["label"],
                     span.get("origin", "human"), stamp))
            self.db.conn.executemany(
                "INSERT OR IGNORE INTO doc_labels (posting_id, question, option) VALUES (?,?,?)",
                [(pid, q, o) for q, opts in (record.get("labels") or {}).items() for o in opts])
            self._refresh_display(pid)
            self.db.execute("INSERT INTO events (at, kind, posting_id, data) VALUES (?,?,?,?)",
                            (now(), "import_record", pid, "{}"))
        return True

    def replace_machine(self, pid: int, item: PreparedPosting) -> str:
        """Put a new cleaning and extraction of posting ``pid`` in place of the old one.

        Every person's decision is kept, and so is the suggestion each decision was
        made on (so that ``eval`` still measures what people saw); the other suggestions
        are replaced. When the cleaned text changes, offsets into the old text would
        point elsewhere, so a posting with any human work on it keeps its old cleaning
        and suggestions. Returns what happened: "updated", "unchanged" or "kept"."""
        row = dict(zip(_ROW_COLUMNS, item.full_row(), strict=True))
        text_columns = ("cleaned", "source_text", "removed", "context")
        old = self.db.execute(f"SELECT {', '.join(text_columns)}, status, comment FROM postings"
                              " WHERE id = ?", (pid,)).fetchone()
        if old is None:
            raise KeyError(pid)
        *old_text, status, comment = old
        decided = {r[0] for r in self.db.execute(
            "SELECT field FROM annotations WHERE posting_id = ?", (pid,))}
        new_suggestions = sorted(s for s in item.suggestions if s[0] not in decided)
        old_suggestions = [s for s in self.db.execute(
            "SELECT field, value, spans, confidence, stage, extractor_version FROM suggestions"
            " WHERE posting_id = ? ORDER BY field", (pid,)) if s[0] not in decided]
        if old_text == [row[c] for c in text_columns] and old_suggestions == new_suggestions:
            return "unchanged"
        if old_text[0] != row["cleaned"] and (status != "new" or comment or decided or any(
                self.db.execute(f"SELECT 1 FROM {table} WHERE posting_id = ? LIMIT 1",
                                (pid,)).fetchone() for table in ("spans", "doc_labels"))):
            return "kept"
        with self.db.atomic():
            self.db.execute(
                "UPDATE postings SET cleaned = ?, source_text = ?, removed = ?, context = ?,"
                " min_confidence = ? WHERE id = ?",
                (*[row[c] for c in text_columns], row["min_confidence"], pid))
            self.db.conn.executemany(
                "DELETE FROM suggestions WHERE posting_id = ? AND field = ?",
                [(pid, s[0]) for s in old_suggestions])
            self.db.conn.executemany(_INSERT_SUGGESTION, [(pid, *s) for s in new_suggestions])
            self._refresh_display(pid)  # not "edited": the time a person last worked stays
        return "updated"

    # --- the label schema ---------------------------------------------------------------------

    def label_schema(self) -> list[Question]:
        """The project's questions, in order (see ``reviewer.core.labels``)."""
        return [Question(name, kind, [Option(o["name"], o.get("color", ""), o.get("key", ""))
                                      for o in json.loads(options)])
                for name, kind, options in self.db.execute(
                    "SELECT question, kind, options FROM label_schema ORDER BY position")]

    def label_uses(self, question: Question) -> dict[str, int]:
        """How many labels each option of ``question`` has given (its spans, rejected
        suggestions aside, for a span question; its answers for the others)."""
        if question.kind == "span":
            names = question.option_names()
            rows = self.db.execute(
                f"SELECT label, count(*) FROM spans WHERE state != 'rejected' AND label IN"
                f" ({','.join('?' * len(names))}) GROUP BY label", names) if names else []
        else:
            rows = self.db.execute("SELECT option, count(*) FROM doc_labels WHERE question = ?"
                                   " GROUP BY option", (question.name,))
        return {name: n for name, n in rows}

    def _label_moves(self, questions: Sequence[Question],
                     origins: Mapping[tuple[str, str], tuple[str, str]] | None,
                     current: Sequence[Question] | None = None
                     ) -> tuple[dict[tuple[str, str], tuple[str, str]], dict[str, str]]:
        """Where the labels of the current schema go under ``questions``: document answers
        (question, option) to their new pair, span labels to their new name. ``origins``
        maps each new (question, option) to the one it was, None: the same names. An
        option that moves between document and span questions goes nowhere."""
        new = {q.name: q for q in questions}
        if origins is None:
            origins = {(q.name, o): (q.name, o) for q in questions for o in q.option_names()}
        if current is None:
            current = self.label_schema()
        old_kinds = {(q.name, o): q.kind for q in current for o in q.option_names()}
        answers: dict[tuple[str, str], tuple[str, str]] = {}
        spans: dict[str, str] = {}
        for (question, option), was in origins.items():
            kind = old_kinds.get(was)
            if kind is None or question not in new or (kind == "span") != (
                    new[question].kind == "span"):
                continue
            if kind == "span":
                spans[was[1]] = option
            else:
                answers[was] = (question, option)
        return answers, spans

    def labels_lost(self, questions: Sequence[Question],
                    origins: Mapping[tuple[str, str], tuple[str, str]] | None = None
                    ) -> list[tuple[str, str, int]]:
        """(question, option, labels) for every option in use whose labels
        ``save_label_schema`` would remove."""
        current = self.label_schema()
        answers, spans = self._label_moves(questions, origins, current)
        return [(q.name, option, n) for q in current
                for option, n in self.label_uses(q).items()
                if ((option not in spans) if q.kind == "span" else (q.name, option) not in answers)]

    def save_label_schema(self, questions: Sequence[Question],
                          origins: Mapping[tuple[str, str], tuple[str, str]] | None = None
                          ) -> int:
        """Replace the schema, carrying the labels along: ``origins`` maps each new
        (question, option) to the (question, option) it was renamed from (None: the
        same names). All moves happen at once, so swaps and chains of renames are
        safe. Labels of options no longer in the schema are removed. One transaction;
        returns how many labels were removed."""
        check(questions)
        answers, spans = self._label_moves(questions, origins)
        moves = [(*old, *new) for old, new in answers.items() if old != new]
        relabels = [(old, new) for old, new in spans.items() if old != new]
        kept = [(q.name, o) for q in questions if q.kind != "span" for o in q.option_names()]
        span_labels = [o for q in questions if q.kind == "span" for o in q.option_names()]
        with self.db.atomic():
            db = self.db
            for table, columns in (("label_moves", "old_q, old_o, new_q, new_o"),
                                   ("span_moves", "old, new"), ("kept_answers", "q, o")):
                db.execute(f"CREATE TEMP TABLE IF NOT EXISTS {table} ({columns})")
                db.execute(f"DELETE FROM {table}")
            db.conn.executemany("INSERT INTO label_moves VALUES (?, ?, ?, ?)", moves)
            db.conn.executemany("INSERT INTO span_moves VALUES (?, ?)", relabels)
            db.conn.executemany("INSERT INTO kept_answers VALUES (?, ?)", kept)
            moved = db.execute(
                "SELECT d.posting_id, m.new_q, m.new_o FROM doc_labels d JOIN label_moves m"
                " ON d.question = m.old_q AND d.option = m.old_o").fetchall()
            db.execute("DELETE FROM doc_labels WHERE (question, option) IN"
                       " (SELECT old_q, old_o FROM label_moves)")
            db.conn.executemany("INSERT OR IGNORE INTO doc_labels (posting_id, question, option)"
                                " VALUES (?, ?, ?)", moved)
            # one statement: each span reads its own old label, so a swap cannot mix them
            db.execute("UPDATE spans SET label = (SELECT new FROM span_moves WHERE old = label)"
                       " WHERE label IN (SELECT old FROM span_moves)")
            removed = db.execute("DELETE FROM doc_labels WHERE (question, option) NOT IN"
                                 " (SELECT q, o FROM kept_answers)").rowcount
            removed += db.execute(
                f"DELETE FROM spans WHERE label NOT IN ({','.join('?' * len(span_labels))})",
                span_labels).rowcount
            db.execute("DELETE FROM label_schema")
            db.conn.executemany(
                "INSERT INTO label_schema (question, kind, options, position) VALUES (?,?,?,?)",
                [(q["question"], q["kind"], json.dumps(q["options"], ensure_ascii=False), n)
                 for n, q in enumerate(to_json(questions))])
            db.execute("INSERT INTO events (at, kind, data) VALUES (?, ?, ?)",
                       (now(), "label_schema", json.dumps({"removed": removed})))
        return removed

    # --- reading ---------------------------------------------------------------------------

    def count(self, status: str | None = None, field_state: str | None = None) -> int:
        where, params = _filters(status, field_state)
        value: int = self.db.execute(f"SELECT count(*) FROM postings p {where}",
                                     params).fetchone()[0]
        return value

    def page(
        self, order: str = "import", after: tuple[Any, int] | None = None, limit: int = 100,
        status: str | None = None, field_state: str | None = None, descending: bool = False,
    ) -> list[dict[str, Any]]:
        """Postings for a list, in ``order``, after the row keyed ``after`` (keyset paging).

        Each row: id, status, title, company, location, min_confidence, updated_at, and
        ``key``: pass the last row's key as ``after`` for the next page."""
        expr = ORDERS[order]
        where, params = _filters(status, field_state)
        op, direction = ("<", "DESC") if descending else (">", "ASC")
        if after is not None:
            where += (" AND " if where else "WHERE ") + f"({expr}, p.id) {op} (?, ?)"
            params = [*params, *after]
        rows = self.db.execute(
            f"SELECT p.id, p.status, p.title, p.company, p.location, p.min_confidence,"
            f" p.updated_at, {expr} AS sort_key FROM postings p {where}"
            f" ORDER BY {expr} {direction}, p.id {direction} LIMIT ?", [*params, limit]
        ).fetchall()
        keys = ("id", "status", "title", "company", "location", "min_confidence", "updated_at")
        return [{**dict(zip(keys, r[:7], strict=True)), "key": (r[7], r[0])} for r in rows]

    def ids(self, order: str = "import", status: str | None = None,
            field_state: str | None = None) -> Sequence[int]:
        """Every matching id in order: integers, cheap even at a million.

        Every posting in import order, when no id is missing, is a ``range`` (three
        lookups instead of a million rows). Otherwise, in import order, the ids are read
        from the (status, id) index: read from the table itself they would walk every
        page of it, gigabytes at a million postings."""
        expr = ORDERS[order]
        where, params = _filters(status, field_state)
        if order == "import" and not where:
            low, high, count = self.db.execute(
                "SELECT (SELECT min(id) FROM postings), (SELECT max(id) FROM postings),"
                " (SELECT count(*) FROM postings)").fetchone()
            if count == 0:
                return range(0)
            if high - low + 1 == count:
                return range(low, high + 1)
        if order == "confidence":  # in two parts, each read in the order of an index
            join = " AND " if where else "WHERE "
            return [r[0] for r in self.db.execute(
                f"SELECT p.id FROM postings p {where}{join}p.min_confidence IS NOT NULL"
                f" ORDER BY p.min_confidence, p.id", params)] + [r[0] for r in self.db.execute(
                    f"SELECT p.id FROM postings p INDEXED BY postings_confidence"
                    f" {where}{join}p.min_confidence IS NULL ORDER BY p.id", params)]
        table = "postings p INDEXED BY postings_status" if order == "import" else "postings p"
        return [r[0] for r in self.db.execute(
            f"SELECT p.id FROM {table} {where} ORDER BY {expr}, p.id", params)]

    def search(self, query: str, limit: int = 1000) -> list[int]:
        """Ids of postings that match every term (in title, company or text).

        Best first when at most ``RANKED`` postings match; beyond that in import order,
        since ranking hundreds of thousands of matches takes seconds. Reads no more
        matches than it returns (``search_after`` reads on)."""
        terms = _match_terms(query)
        if not terms:
            return []
        head = [r[0] for r in self.db.execute(
            "SELECT rowid FROM postings_fts WHERE postings_fts MATCH ? ORDER BY rowid LIMIT ?",
            (terms, max(limit, RANKED + 1)))]
        if len(head) > RANKED:
            return head[:limit]
        return [r[0] for r in self.db.execute(
            "SELECT rowid FROM postings_fts WHERE postings_fts MATCH ? ORDER BY rank LIMIT ?",
            (terms, limit))]

    def search_after(self, query: str, after: int) -> list[int]:
        """Ids above ``after`` of the postings that match, in import order: the rest of
        a search too large to rank."""
        terms = _match_terms(query)
        if not terms:
            return []
        return [r[0] for r in self.db.execute(
            "SELECT rowid FROM postings_fts WHERE postings_fts MATCH ? AND rowid > ?"
            " ORDER BY rowid", (terms, after))]

    def get(self, pid: int) -> dict[str, Any]:
        """One posting with everything attached; KeyError if there is none."""
        cursor = self.db.execute("SELECT * FROM postings WHERE id = ?", (pid,))
        row = cursor.fetchone()
        if row is None:
            raise KeyError(pid)
        posting = dict(zip([d[0] for d in cursor.description], row, strict=True))
        return self._assemble(posting, self._attached(pid, pid))

    # --- edits -----------------------------------------------------------------------------

    def set_field(self, pid: int, name: str, value: Any,
                  spans: list[list[int]] | None = None) -> Change:
        """A person's value for a field: accepted if it is the machine's, else corrected."""
        _check_field(name)
        machine = self._suggestion(pid, name)
        state = "accepted" if machine is not None and machine == value else "corrected"
        return self._annotate(pid, name, state, value, spans, f"set {name}")

    def accept_field(self, pid: int, name: str) -> Change:
        _check_field(name)
        return self._annotate(pid, name, "accepted", self._suggestion(pid, name), None,
                              f"accept {name}")

    def reject_field(self, pid: int, name: str) -> Change:
        _check_field(name)
        return self._annotate(pid, name, "rejected", None, None, f"reject {name}")

    def revert_field(self, pid: int, name: str) -> Change:
        """Back to the machine's suggestion: the person's decision is removed."""
        _check_field(name)
        with self.db.atomic():
            change = Change(f"revert {name}", [self._snapshot("annotations", (pid, name))])
            self.db.execute("DELETE FROM annotations WHERE posting_id = ? AND field = ?",
                            (pid, name))
            self._touch(pid, "revert_field", {"field": name})
        return change

    def accept_all(self, pid: int) -> Change:
        """Every machine value not yet decided becomes accepted, and the posting reviewed."""
        with self.db.atomic():
            change = Change("accept all", [self._snapshot("postings", (pid,))])
            decided = {r[0] for r in self.db.execute(
                "SELECT field FROM annotations WHERE posting_id = ?", (pid,))}
            stamp = now()
            for (name,) in self.db.execute(
                    "SELECT field FROM suggestions WHERE posting_id = ?", (pid,)).fetchall():
                if name in decided:
                    continue
                change.rows.append(("annotations", (pid, name), None))
                self.db.execute(
                    "INSERT INTO annotations (posting_id, field, state, value, spans, updated_at)"
                    " SELECT posting_id, field, 'accepted', value, spans, ? FROM suggestions"
                    " WHERE posting_id = ? AND field = ?", (stamp, pid, name))
            self.db.execute("UPDATE postings SET status = 'reviewed' WHERE id = ?", (pid,))
            self._touch(pid, "accept_all", {})
        return change

    def set_status(self, pid: int, status: str) -> Change:
        if status not in STATUSES:
            raise ValueError(f"unknown status {status!r}; one of {', '.join(STATUSES)}")
        with self.db.atomic():
            change = Change(f"mark {status}", [self._snapshot("postings", (pid,))])
            self.db.execute("UPDATE postings SET status = ? WHERE id = ?", (status, pid))
            self._touch(pid, "set_status", {"status": status})
        return change

    def set_comment(self, pid: int, text: str) -> Change:
        with self.db.atomic():
            change = Change("comment", [self._snapshot("postings", (pid,))])
            self.db.execute("UPDATE postings SET comment = ? WHERE id = ?", (text, pid))
            self._touch(pid, "set_comment", {})
        return change

    def add_span(self, pid: int, start: int, end: int, label: str, origin: str = "human",
                 state: str = "accepted") -> tuple[int, Change]:
        cleaned = self.db.execute("SELECT cleaned FROM postings WHERE id = ?",
                                  (pid,)).fetchone()
        if cleaned is None:
            raise KeyError(pid)
        if not 0 <= start < end <= len(cleaned[0]):
            raise ValueError(f"span {start}-{end} is outside the text (0-{len(cleaned[0])})")
        with self.db.atomic():
            cur = self.db.execute(
                'INSERT INTO spans (posting_id, start, "end", label, origin, state, created_at)'
                " VALUES (?, ?, ?, ?, ?, ?, ?)", (pid, start, end, label, origin, state, now()))
            span_id = int(cur.lastrowid or 0)
            self._touch(pid, "add_span", {"span": span_id, "label": label})
        return span_id, Change(f"label {label}", [("spans", (span_id,), None)])

    def add_spans(self, pid: int, spans: Sequence[tuple[int, int, str]], origin: str = "human",
                  state: str = "accepted") -> Change:
        """Several spans of posting ``pid`` as one edit (accepting or rejecting the
        machine's suggested spans together)."""
        cleaned = self.db.execute("SELECT cleaned FROM postings WHERE id = ?",
                                  (pid,)).fetchone()
        if cleaned is None:
            raise KeyError(pid)
        for start, end, _label in spans:
            if not 0 <= start < end <= len(cleaned[0]):
                raise ValueError(f"span {start}-{end} is outside the text (0-{len(cleaned[0])})")
        change = Change(f"{state} {len(spans)} spans")
        with self.db.atomic():
            stamp = now()
            for start, end, label in spans:
                cur = self.db.execute(
                    'INSERT INTO spans (posting_id, start, "end", label, origin, state,'
                    " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (pid, start, end, label, origin, state, stamp))
                change.rows.append(("spans", (int(cur.lastrowid or 0),), None))
            self._touch(pid, "add_spans", {"count": len(spans), "state": state})
        return change

    def relabel_span(self, span_id: int, label: str) -> Change:
        """A person's label for the span (a machine's suggestion becomes theirs)."""
        return self._edit_span(span_id, f"relabel span {label}",
                               "UPDATE spans SET label = ?, origin = 'human', state = 'accepted'"
                               " WHERE id = ?", (label,), "relabel_span", {"label": label})

    def reject_span(self, span_id: int) -> Change:
        """Mark a span rejected: kept, so that a machine suggestion is not offered again,
        but neither shown nor exported."""
        return self._edit_span(span_id, "reject span",
                               "UPDATE spans SET state = 'rejected' WHERE id = ?", (),
                               "reject_span", {})

    def remove_span(self, span_id: int) -> Change:
        return self._edit_span(span_id, "remove span", "DELETE FROM spans WHERE id = ?", (),
                               "remove_span", {})

    def _edit_span(self, span_id: int, description: str, sql: str, params: tuple[Any, ...],
                   event: str, data: dict[str, Any]) -> Change:
        row = self.db.execute("SELECT posting_id FROM spans WHERE id = ?", (span_id,)).fetchone()
        if row is None:
            raise KeyError(span_id)
        with self.db.atomic():
            change = Change(description, [self._snapshot("spans", (span_id,))])
            self.db.execute(sql, (*params, span_id))
            self._touch(row[0], event, {"span": span_id, **data})
        return change

    def set_labels(self, pid: int, question: str, options: Sequence[str]) -> Change:
        """The posting's answer to one question (all its options, replacing the old)."""
        with self.db.atomic():
            old = self.db.execute(
                "SELECT option FROM doc_labels WHERE posting_id = ? AND question = ?",
                (pid, question)).fetchall()
            change = Change(f"label {question}")
            change.rows += [("doc_labels", (pid, question, o[0]),
                             {"posting_id": pid, "question": question, "option": o[0]})
                            for o in old]
            change.rows += [("doc_labels", (pid, question, o), None)
                            for o in options if (o,) not in old]
            self.db.execute("DELETE FROM doc_labels WHERE posting_id = ? AND question = ?",
                            (pid, question))
            self.db.conn.executemany(
                "INSERT OR IGNORE INTO doc_labels (posting_id, question, option) VALUES (?,?,?)",
                [(pid, question, o) for o in options])
            self._touch(pid, "set_labels", {"question": question, "options": list(options)})
        return change

    def undo(self, change: Change) -> Change:
        """Put back the rows a change replaced; returns the change that redoes it."""
        with self.db.atomic():
            redo = Change(change.description,
                          [self._snapshot(table, key) for table, key, _ in change.rows])
            for table, key, row in reversed(change.rows):
                cols = _KEYS[table]
                where = " AND ".join(f'"{c}" = ?' for c in cols)
                if row is None:
                    self.db.execute(f"DELETE FROM {table} WHERE {where}", key)
                elif table == "postings":
                    sets = ", ".join(f'"{c}" = ?' for c in row if c != "id")
                    self.db.execute(f"UPDATE postings SET {sets} WHERE id = ?",
                                    [v for c, v in row.items() if c != "id"] + [key[0]])
                else:
                    self.db.execute(
                        f"INSERT OR REPLACE INTO {table} ({', '.join(map(_q, row))}) "
                        f"VALUES ({', '.join('?' * len(row))})", list(row.values()))
            posting = key_posting(change)
            if posting is not None:
                self._refresh_display(posting)
                self.db.execute("INSERT INTO events (at, kind, posting_id, data) VALUES (?,?,?,?)",
                                (now(), "undo", posting,
                                 json.dumps({"change": change.description})))
        return redo

    # --- internals ---------------------------------------------------------------------------

    def _suggestion(self, pid: int, name: str) -> Any:
        row = self.db.execute("SELECT value FROM suggestions WHERE posting_id = ? AND field = ?",
                              (pid, name)).fetchone()
        return json.loads(row[0]) if row and row[0] is not None else None

    def _annotate(self, pid: int, name: str, state: str, value: Any,
                  spans: list[list[int]] | None, description: str) -> Change:
        if self.db.execute("SELECT 1 FROM postings WHERE id = ?", (pid,)).fetchone() is None:
            raise KeyError(pid)
        with self.db.atomic():
            change = Change(description, [self._snapshot("annotations", (pid, name))])
            if spans is None and state == "accepted":
                row = self.db.execute("SELECT spans FROM suggestions WHERE posting_id = ? AND "
                                      "field = ?", (pid, name)).fetchone()
                spans = json.loads(row[0]) if row else []
            self.db.execute(
                "INSERT OR REPLACE INTO annotations (posting_id, field, state, value, spans,"
                " updated_at) VALUES (?, ?, ?, ?, ?, ?)",
                (pid, name, state, json.dumps(value, ensure_ascii=False) if value is not None
                 else None, json.dumps(spans or []), now()))
            self._touch(pid, f"{state}_field", {"field": name})
        return change

    def _snapshot(self, table: str, key: tuple[Any, ...]) -> tuple[str, tuple[Any, ...],
                                                                  dict[str, Any] | None]:
        cols = _KEYS[table]
        where = " AND ".join(f'"{c}" = ?' for c in cols)
        cur = self.db.execute(f"SELECT * FROM {table} WHERE {where}", key)
        row = cur.fetchone()
        if row is None:
            return table, key, None
        return table, key, dict(zip([d[0] for d in cur.description], row, strict=True))

    def _touch(self, pid: int, kind: str, data: dict[str, Any]) -> None:
        stamp = now()
        self.db.execute("UPDATE postings SET updated_at = ? WHERE id = ?", (stamp, pid))
        self._refresh_display(pid)
        self.db.execute("INSERT INTO events (at, kind, posting_id, data) VALUES (?, ?, ?, ?)",
                        (stamp, kind, pid, json.dumps(data, ensure_ascii=False)))

    def _refresh_display(self, pid: int) -> None:
        """Keep the listing columns (title, company, location) on the final values."""
        values: dict[str, Any] = dict.fromkeys(("title", "company", "locations"))
        shown = "field IN ('title', 'company', 'locations')"
        for name, value, _human in self.db.execute(  # a person's value after the machine's
                f"SELECT field, value, 0 FROM suggestions WHERE posting_id = ? AND {shown} "
                f"UNION ALL SELECT field, value, 1 FROM annotations WHERE posting_id = ? "
                f"AND {shown} ORDER BY 3", (pid, pid)):
            values[name] = json.loads(value) if value is not None else None
        location = values["locations"][0] if values["locations"] else None
        self.db.execute("UPDATE postings SET title = ?, company = ?, location = ? WHERE id = ?",
                        (values["title"], values["company"], location, pid))

    # --- whole-project views -------------------------------------------------------------------

    def records(self, reviewed_only: bool = True, first: int = 0,
                last: int | None = None) -> Iterator[PostingRecord]:
        """Canonical records (see ``records``) of the project's postings, in id order
        (those with ids first..last when given)."""
        for posting in self.iter_postings(reviewed_only, columns=_RECORD_COLUMNS, first=first,
                                          last=last):
            yield record_of(posting)

    def iter_postings(self, reviewed_only: bool = False, page: int = 500,
                      columns: str = "*", first: int = 0,
                      last: int | None = None) -> Iterator[dict[str, Any]]:
        """Every posting with everything attached (as ``get`` gives it), in id order.

        Reads a page of postings at a time, one query per table, so memory stays flat
        and a whole project streams at thousands of postings a second. ``columns``
        limits what is read of the postings table (the raw page is large)."""
        status = "AND status = 'reviewed'" if reviewed_only else ""
        upto = last if last is not None else 2**62
        after = first - 1
        while True:
            cur = self.db.execute(
                f"SELECT {columns} FROM postings WHERE id > ? AND id <= ? {status} "
                "ORDER BY id LIMIT ?", (after, upto, page))
            cols = [d[0] for d in cur.description]
            rows = [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]
            if not rows:
                return
            lo, after = rows[0]["id"], rows[-1]["id"]
            attached = self._attached(lo, after)
            for posting in rows:
                yield self._assemble(posting, attached)

    def _attached(self, first: int, last: int) -> dict[str, dict[int, Any]]:
        """Suggestions, annotations, spans and labels of the postings first..last."""
        out: dict[str, dict[int, Any]] = {"machine": {}, "human": {}, "spans": {}, "labels": {}}
        between = "posting_id BETWEEN ? AND ?"
        loads = orjson.loads
        machine = out["machine"]
        for pid, name, value, spans, conf, stage in self.db.execute(
                "SELECT posting_id, field, value, spans, confidence, stage FROM suggestions "
                f"WHERE {between}", (first, last)):
            entry = machine.get(pid)
            if entry is None:
                entry = machine[pid] = {}
            # the keys in the canonical record's order, so records reuse these dicts
            entry[name] = {"value": loads(value) if value is not None else None,
                           "confidence": conf, "spans": loads(spans), "stage": stage}
        for pid, name, state, value, spans, at in self.db.execute(
                "SELECT posting_id, field, state, value, spans, updated_at FROM annotations "
                f"WHERE {between}", (first, last)):
            out["human"].setdefault(pid, {})[name] = {
                "state": state, "value": loads(value) if value is not None else None,
                "spans": loads(spans), "updated_at": at}
        for sid, pid, start, end, label, origin, state in self.db.execute(
                'SELECT id, posting_id, start, "end", label, origin, state FROM spans '
                f"WHERE {between} ORDER BY posting_id, start, id", (first, last)):
            out["spans"].setdefault(pid, []).append(
                {"id": sid, "start": start, "end": end, "label": label, "origin": origin,
                 "state": state})
        for pid, question, option in self.db.execute(
                f"SELECT posting_id, question, option FROM doc_labels WHERE {between} "
                "ORDER BY posting_id, question, option", (first, last)):
            out["labels"].setdefault(pid, {}).setdefault(question, []).append(option)
        return out

    @staticmethod
    def _assemble(posting: dict[str, Any], attached: dict[str, dict[int, Any]]) -> dict[str, Any]:
        pid = posting["id"]
        for key in ("removed", "context", "metadata"):
            if key in posting:
                posting[key] = orjson.loads(posting[key])
        posting["machine"] = attached["machine"].get(pid, {})
        posting["human"] = attached["human"].get(pid, {})
        posting["spans"] = attached["spans"].get(pid, [])
        posting["labels"] = attached["labels"].get(pid, {})
        posting["fields"], posting["provenance"] = final_fields(posting)
        return posting


def record_of(posting: dict[str, Any]) -> PostingRecord:
    """The canonical record (see ``records``) of a posting as ``Store.get`` returns it."""
    text = posting["cleaned"]
    field_spans: dict[str, list[list[int]]] = {}
    for name, state in posting["provenance"].items():
        if state in ("accepted", "corrected"):
            field_spans[name] = posting["human"][name]["spans"]
        elif state == "machine":
            field_spans[name] = posting["machine"][name]["spans"]
    return {
        "id": posting["id"], "source": posting["source"], "raw_hash": posting["hash"],
        "status": posting["status"], "text": text, "fields": posting["fields"],
        "provenance": posting["provenance"],
        "machine": posting["machine"],
        "field_spans": {k: v for k, v in field_spans.items() if v},
        "spans": [{"start": s["start"], "end": s["end"], "label": s["label"],
                   "text": text[s["start"]:s["end"]], "origin": s["origin"]}
                  for s in posting["spans"] if s["state"] == "accepted"],
        "labels": posting["labels"], "comment": posting["comment"],
        "metadata": posting["metadata"], "imported_at": posting["imported_at"],
        "updated_at": posting["updated_at"], "schema_version": FIELDS_VERSION,
    }


def final_fields(posting: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """Each field's final value and where it came from (accepted / corrected / rejected /
    machine / none)."""
    values: dict[str, Any] = {}
    provenance: dict[str, str] = {}
    for name in FIELD_NAMES:
        human = posting["human"].get(name)
        machine = posting["machine"].get(name)
        if human is not None:
            values[name] = human["value"] if human["state"] != "rejected" else None
            provenance[name] = human["state"]
        elif machine is not None:
            values[name] = machine["value"]
            provenance[name] = "machine"
        else:
            values[name] = None
            provenance[name] = "none"
    return values, provenance


def key_posting(change: Change) -> int | None:
    for table, key, row in change.rows:
        if table == "postings":
            return int(key[0])
        if table in ("annotations", "doc_labels", "suggestions"):
            return int(key[0])
        if row is not None and "posting_id" in row:
            return int(row["posting_id"])
    return None


_RECORD_COLUMNS = ("id, source, hash, status, cleaned, comment, metadata, imported_at, "
                   "updated_at")


def _json(value: Any) -> str:
    return orjson.dumps(value).decode()


def _filters(status: str | None, field_state: str | None) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if status is not None:
        if status not in STATUSES:
            raise ValueError(f"unknown status {status!r}; one of {', '.join(STATUSES)}")
        clauses.append("p.status = ?")
        params.append(status)
    if field_state is not None:
        if field_state not in FIELD_STATES:
            raise ValueError(f"unknown field state {field_state!r}; one of "
                             f"{', '.join(FIELD_STATES)}")
        if field_state == "suggested":
            clauses.append("EXISTS (SELECT 1 FROM suggestions s WHERE s.posting_id = p.id AND "
                           "NOT EXISTS (SELECT 1 FROM annotations a WHERE a.posting_id = p.id "
                           "AND a.field = s.field))")
        else:
            clauses.append("EXISTS (SELECT 1 FROM annotations a WHERE a.posting_id = p.id AND "
                           "a.state = ?)")
            params.append(field_state)
    return ("WHERE " + " AND ".join(clauses)) if clauses else "", params


def _match_terms(query: str) -> str:
    """A full-text query matching every word of ``query`` as written (no operators)."""
    return " ".join(f'"{t}"' for t in query.replace('"', " ").split())


def _check_field(name: str) -> None:
    if name not in FIELD_NAMES:
        raise ValueError(f"unknown field {name!r}")


def _q(name: str) -> str:
    return f'"{name}"'


def _is_sqlite(path: Path) -> bool:
    if path.stat().st_size == 0:
        return True
    with path.open("rb") as handle:
        return handle.read(16) == b"SQLite format 3\x00"


__all__ = ["Change", "NewPosting", "ProjectError", "Store", "final_fields", "record_of"]
