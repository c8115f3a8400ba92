"""``store.records``: a posting with everything attached, and the canonical record.

Reads a posting as one dict (its row, the machine's values, people's decisions,
spans and labels, and each field's final value with where it came from), one at a
time or a whole project streamed in id order; turns it into the canonical record
that every export starts from (``reviewer.core.records``), and stores such a record
back with every decision in it (the JSONL round trip). A read-only view across the
tables; a record is written back as the rows ``record_rows`` makes of it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

import orjson

from reviewer.core.records import PostingRecord, RejectedSpan, ReviewerValues
from reviewer.core.schema import FIELD_NAMES
from reviewer.core.schema import SCHEMA_VERSION as FIELDS_VERSION
from reviewer.core.store.merge_log import MergeLog
from reviewer.core.store.rows import RecordRows, record_rows, write_rows
from reviewer.core.store.ruled import rulings
from reviewer.core.store.sqlite import Database
from reviewer.core.store.transfer import Transfer

if TYPE_CHECKING:
    from reviewer.core.store.decisions import Decisions
    from reviewer.core.store.postings import Postings
    from reviewer.core.store.reviews import Reviews

_PAGE = 100  # postings a page of ``all``: a sixth faster than 500 on a large project
_RECORD_COLUMNS = ("id, source, hash, status, status_by, cleaned, comment, metadata, "
                   "imported_at, updated_at")


class Records:
    """Whole postings: read one, stream them all, and store an exported record back."""

    def __init__(self, db: Database, postings: Postings, decisions: Decisions,
                 reviews: Reviews, reviewer: str = "", stem: str = "") -> None:
        """``reviewer``: the name the rows of the records it stores carry (see
        ``store.rows.write_rows``); ``stem``: the project file's name without ``.db``, a
        ruling's author where its rows name nobody (``store.ruled``)."""
        self.db = db
        self._reviewer, self._stem = reviewer, stem
        self._postings, self._decisions, self._reviews = postings, decisions, reviews
        self._transfer, self._log = Transfer(db, postings), MergeLog(db)

    def get(self, pid: int) -> dict[str, Any]:
        """One posting with everything attached; KeyError if there is none."""
        cursor = self.db.execute("SELECT * FROM postings WHERE id = ?", (pid,))
        row = cursor.fetchone()
        if row is None:
            raise KeyError(pid)
        posting = _assemble(dict(zip([d[0] for d in cursor.description], row, strict=True)),
                            self._attached(pid, pid, undecided=False))
        for name, alternatives in self._decisions.alternatives(pid).items():
            if name in posting["machine"]:  # for the window; no canonical record has them
                posting["machine"][name]["alternatives"] = alternatives
        # the answers a learned model suggests, for the window (no export carries them)
        posting["label_suggestions"] = {
            question: {"answer": orjson.loads(answer), "confidence": confidence}
            for question, answer, confidence in self._postings.label_suggestions(pid)}
        return posting

    def all(self, reviewed_only: bool = True, first: int = 0,
            last: int | None = None, reviewers: bool = False) -> Iterator[PostingRecord]:
        """Canonical records of the project's postings, in id order (those with ids
        first..last when given); ``reviewers``: with every reviewer's own values.

        What ``record_of(postings(...))`` gives, built straight from the rows of a page
        (small: what is read for one stays in the processor's cache)."""
        for rows, attached in self._pages(reviewed_only, _RECORD_COLUMNS, first, last,
                                          reviewers, _PAGE):
            for row in rows:
                yield _record(row, attached)

    def questions(self, reviewed_only: bool = True) -> list[str]:
        """The questions the (reviewed) postings answer, sorted: the label columns of a
        table export, known before its rows."""
        among = " WHERE posting_id IN (SELECT id FROM postings WHERE status = 'reviewed')"
        return sorted(question for (question,) in self.db.execute(
            "SELECT DISTINCT question FROM doc_labels" + (among if reviewed_only else "")))

    def postings(self, reviewed_only: bool = False, page: int = 500, columns: str = "*",
                 first: int = 0, last: int | None = None,
                 reviewers: bool = False) -> Iterator[dict[str, Any]]:
        """Every posting with everything attached (as ``get`` gives it), in id order.

        Reads a page of postings at a time, one query per table, so memory stays flat
        and a whole project streams at thousands of postings a second. ``columns``
        limits what is read of the postings table (the raw page is large); ``reviewers``
        adds each reviewer's own values (``reviews``) as ``reviewers``."""
        for rows, attached in self._pages(reviewed_only, columns, first, last, reviewers,
                                          page, named=True):
            for posting in rows:
                yield _assemble(posting, attached)

    def _pages(self, reviewed_only: bool, columns: str, first: int, last: int | None,
               reviewers: bool, page: int = 500, named: bool = False,
               ) -> Iterator[tuple[list[Any], dict[str, dict[int, Any]]]]:
        """Pages of posting rows in id order (tuples, or dicts when ``named``), each with
        what is attached to its postings (``_attached``); keyset paging on the id."""
        status = "AND status = 'reviewed'" if reviewed_only else ""
        upto = last if last is not None else 2**62
        after = first - 1
        while True:
            cur = self.db.execute(
                f"SELECT {columns} FROM postings WHERE id > ? AND id <= ? {status} "
                "ORDER BY id LIMIT ?", (after, upto, page))
            rows: list[Any] = cur.fetchall()
            if not rows:
                return
            cols = [d[0] for d in cur.description]
            lo, after = rows[0][cols.index("id")], rows[-1][cols.index("id")]
            if named:
                rows = [dict(zip(cols, r, strict=True)) for r in rows]
            yield rows, self._attached(lo, after, reviewers)

    def add(self, record: dict[str, Any]) -> bool:
        """Store one of our own exported records, with every decision in it.

        Keeps its id when the project has no posting with that id, and its timestamps,
        so that exporting again gives the same record. False if its hash is known. A
        failure of the file itself raises ``ProjectError`` (see ``Postings.add``)."""
        return self.add_rows([record_rows(record)._replace(logged_at=None)])[0]

    def add_many(self, batch: Sequence[dict[str, Any]]) -> list[bool]:
        """Store many exported records in one transaction; for each, whether it was added
        (False: its hash is known, or met before in the batch). As ``add`` does each,
        but the import of a record that carries nothing a person did (status ``new``, no
        decision, span, label or comment: what ``reviewer extract --to-parquet`` writes)
        is logged at its ``imported_at``. A record the store refuses fails the batch."""
        return self.add_rows([record_rows(record) for record in batch])

    def add_rows(self, batch: Sequence[RecordRows]) -> list[bool]:
        """Store many records already encoded as rows (``record_rows``, which an import
        runs where it reads them), in one transaction: see ``add_many``."""
        return write_rows(self.db, self._postings, batch, self._reviewer)

    def _attached(self, first: int, last: int, reviewers: bool = False,
                  undecided: bool = True) -> dict[str, dict[int, Any]]:
        """Suggestions, annotations, spans and labels of the postings first..last (and
        with ``reviewers`` each reviewer's values: name → (kind, key) → value; with
        ``undecided`` what their reviewers still differ on: for the records, not the
        window, which asks that of the posting shown itself)."""
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
        out["undecided"] = {pid: [kind if not key else f"{kind}:{key}" for kind, key in found]
                            for (pid,) in self.db.execute(
                                "SELECT id FROM postings WHERE disagreement = 1 AND id "
                                "BETWEEN ? AND ?", (first, last))
                            if (found := self._reviews.differing(pid))} if undecided else {}
        out["adjudicated_by"] = rulings(self._transfer, self._log, first, last, self._stem,
                                        out["undecided"]) if undecided else {}
        if reviewers:
            out["reviewers"] = {}
            for pid, name, kind, key, value in self.db.execute(
                    "SELECT posting_id, reviewer, kind, key, value FROM reviews WHERE "
                    f"{between} ORDER BY posting_id, reviewer, kind, key", (first, last)):
                out["reviewers"].setdefault(pid, {}).setdefault(name, {})[(kind, key)] = \
                    loads(value)
        return out


def _assemble(posting: dict[str, Any], attached: dict[str, dict[int, Any]]) -> dict[str, Any]:
    pid = posting["id"]
    for key in ("removed", "context", "metadata"):
        if key in posting:
            posting[key] = orjson.loads(posting[key])
    posting["machine"] = attached["machine"].get(pid, {})
    posting["human"] = attached["human"].get(pid, {})
    posting["spans"] = attached["spans"].get(pid, [])
    posting["labels"] = attached["labels"].get(pid, {})
    if "reviewers" in attached:
        posting["reviewers"] = attached["reviewers"].get(pid, {})
    if pid in attached["undecided"]:
        posting["undecided"] = attached["undecided"][pid]
    if pid in attached["adjudicated_by"]:
        posting["adjudicated_by"] = attached["adjudicated_by"][pid]
    posting["fields"], posting["provenance"] = final_fields(posting)
    return posting


def record_of(posting: dict[str, Any]) -> PostingRecord:
    """The canonical record (see ``reviewer.core.records``) of a posting as ``get``
    returns it."""
    text = posting["cleaned"]
    machine = posting["machine"]
    if any("alternatives" in m for m in machine.values()):  # as ``get`` gives it
        machine = {name: {k: v for k, v in m.items() if k != "alternatives"}
                   for name, m in machine.items()}
    field_spans = _decided(posting["machine"], posting["human"])[2]
    record: PostingRecord = {
        "id": posting["id"], "source": posting["source"], "raw_hash": posting["hash"],
        "status": posting["status"], "reviewer": posting.get("status_by") or "",
        "text": text, "fields": posting["fields"],
        "provenance": posting["provenance"],
        "machine": machine,
        "field_spans": field_spans,
        "spans": [{"start": s["start"], "end": s["end"], "label": s["label"],
                   "text": text[s["start"]:s["end"]], "origin": s["origin"]}
                  for s in posting["spans"] if s["state"] == "accepted"],
        "labels": posting["labels"], "comment": posting["comment"],
        "metadata": posting["metadata"], "imported_at": posting["imported_at"],
        "updated_at": posting["updated_at"], "schema_version": FIELDS_VERSION,
    }
    if "reviewers" in posting:
        record["reviewers"] = {name: reviewer_values(text, values)
                               for name, values in posting["reviewers"].items()}
    if rejected := _rejected(posting["spans"]):
        record["rejected_spans"] = rejected
    if "undecided" in posting:
        record["undecided"] = posting["undecided"]
    if "adjudicated_by" in posting:
        record["adjudicated_by"] = posting["adjudicated_by"]
    return record


def _rejected(spans: Iterable[dict[str, Any]]) -> list[RejectedSpan]:
    """The record's ``rejected_spans``: the suggested spans a person rejected."""
    return [{"start": s["start"], "end": s["end"], "label": s["label"], "origin": s["origin"]}
            for s in spans if s["state"] == "rejected"]


_EVIDENCED = ("accepted", "corrected", "adjudicated")  # states whose value has evidence


def _record(row: tuple[Any, ...], attached: dict[str, dict[int, Any]]) -> PostingRecord:
    """The canonical record of a row of ``_RECORD_COLUMNS`` and what ``_attached`` read
    for its page: what ``record_of`` gives for the posting, in one pass."""
    pid, source, digest, status, status_by, text, comment, metadata, imported, updated = row
    machine: dict[str, Any] = attached["machine"].get(pid) or {}
    fields, provenance, field_spans = _decided(machine, attached["human"].get(pid) or {})
    record: PostingRecord = {
        "id": pid, "source": source, "raw_hash": digest, "status": status,
        "reviewer": status_by or "", "text": text, "fields": fields,
        "provenance": provenance, "machine": machine, "field_spans": field_spans,
        "spans": [{"start": s["start"], "end": s["end"], "label": s["label"],
                   "text": text[s["start"]:s["end"]], "origin": s["origin"]}
                  for s in attached["spans"].get(pid, ()) if s["state"] == "accepted"],
        "labels": attached["labels"].get(pid) or {}, "comment": comment,
        "metadata": orjson.loads(metadata), "imported_at": imported, "updated_at": updated,
        "schema_version": FIELDS_VERSION,
    }
    if "reviewers" in attached:
        record["reviewers"] = {name: reviewer_values(text, values)
                               for name, values in attached["reviewers"].get(pid, {}).items()}
    if rejected := _rejected(attached["spans"].get(pid, ())):
        record["rejected_spans"] = rejected
    if pid in attached["undecided"]:
        record["undecided"] = attached["undecided"][pid]
    if pid in attached["adjudicated_by"]:
        record["adjudicated_by"] = attached["adjudicated_by"][pid]
    return record


def reviewer_values(text: str, values: dict[tuple[str, str], Any]) -> ReviewerValues:
    """One reviewer's values of a posting (as ``reviews.of`` gives them: (kind, key) →
    value) in the record's shape; a span whose offsets are not in ``text`` is left out."""
    spans = sorted({(int(s[0]), int(s[1]), str(s[2])) for (kind, _), found in values.items()
                    if kind == "spans" for s in found if len(s) == 3})
    status, comment = values.get(("status", "")), values.get(("comment", ""))
    return {
        "fields": {key: value for (kind, key), value in values.items() if kind == "field"},
        "labels": {key: list(value) for (kind, key), value in values.items() if kind == "label"},
        "spans": [{"start": a, "end": b, "label": label, "text": text[a:b]}
                  for a, b, label in spans if 0 <= a < b <= len(text)],
        "status": status if isinstance(status, str) else None,
        "comment": comment if isinstance(comment, str) else None,
    }


def final_fields(posting: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """Each field's final value and where it came from (accepted / corrected / rejected /
    machine / none)."""
    values, provenance, _ = _decided(posting["machine"], posting["human"])
    return values, provenance


def _decided(machine: dict[str, Any], human: dict[str, Any],
             ) -> tuple[dict[str, Any], dict[str, Any], dict[str, list[list[int]]]]:
    """``final_fields`` from the machine's and people's values, and the evidence of each
    final value that has some (as ``record_of`` gives it)."""
    values: dict[str, Any] = {}
    provenance: dict[str, Any] = {}
    evidence: dict[str, list[list[int]]] = {}
    for name in FIELD_NAMES:
        if (decided := human.get(name)) is not None:
            state = decided["state"]
            values[name] = decided["value"] if state != "rejected" else None
            provenance[name] = state
            if state in _EVIDENCED and decided["spans"]:
                evidence[name] = decided["spans"]
        elif (suggested := machine.get(name)) is not None:
            values[name] = suggested["value"]
            provenance[name] = "machine"
            if suggested["spans"]:
                evidence[name] = suggested["spans"]
        else:
            values[name] = None
            provenance[name] = "none"
    return values, provenance, evidence
