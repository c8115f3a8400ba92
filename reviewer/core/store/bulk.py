"""``store.bulk``: one edit made to many postings at once, and its undo in one step.

An edit (``BulkEdit``) sets a status, answers a document question, gives a field a
value, or accepts the machine's value of a field. ``apply`` makes it on every posting
asked that it changes, a batch of ids at a time, all inside one transaction: a cancel
or a failure leaves every posting as it was. It returns a ``BulkChange`` (kept
compactly, see ``bulk_change``): the postings it changed and how each was before.
``undo`` puts them back, in one transaction too, and ``redo`` makes the edit again;
each leaves as they are the postings another process or reviewer changed since.

Only the status, question or field named is touched: the decisions on other fields,
spans and comments never are. Every posting changed is stamped and gets its line in
the log, as a one-posting edit would, so that reviews per day count it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from reviewer.core.record_check import person_problem
from reviewer.core.schema import FIELDS
from reviewer.core.store.bulk_change import BulkChange, BulkEdit, Preview, note_suggested, unchanged
from reviewer.core.store.decisions import LISTED_PLACES_SQL, is_the_machines
from reviewer.core.store.history import ChangedSince, now, schema_digest
from reviewer.core.store.postings import check_status
from reviewer.core.store.reviews import differ
from reviewer.core.store.sqlite import Database

if TYPE_CHECKING:
    from reviewer.core.store.labels import Labels

KINDS = ("status", "label", "field", "accept")
BATCH = 5000  # postings a batch: one statement of each kind for each
_IDS = "(SELECT value FROM json_each(?))"  # a batch of ids, given as one JSON array
# the listing column a field's final value is shown in, and what of the value (JSON
# text, in place of {}) it shows
_LISTED = {"title": ("title", "json_extract({}, '$')"),
           "company": ("company", "json_extract({}, '$')"),
           "locations": ("location", LISTED_PLACES_SQL)}
_SPECS = {spec.name: spec for spec in FIELDS}
Progress = Callable[[int, int], None]  # postings done, postings in all
Planned = tuple[int, tuple[Any, ...], tuple[Any, ...] | None, bool]


class _Stopped(Exception):
    """The work was cancelled: the transaction rolls back."""


class Bulk:
    """``store.bulk``: bulk edits and their undo."""

    batch = BATCH

    def __init__(self, db: Database, labels: Labels,
                 settled: Callable[[Sequence[int]], None] | None = None) -> None:
        """``settled``: told the postings an edit or its undo changed, so that their
        reviewers' disagreement marks follow (``reviews.refresh_merged``)."""
        self.db = db
        self._labels = labels
        self._settled = settled

    def preview(self, edit: BulkEdit, ids: Sequence[int]) -> Preview:
        """What ``apply`` would change, without writing anything."""
        self.check(edit)
        changing = replacing = 0
        for _start, chunk in self._chunks(ids, None, None):
            for _pid, _old, _new, replaces in self._read(edit, chunk):
                changing += 1
                replacing += replaces
        return Preview(changing, replacing)

    def apply(self, edit: BulkEdit, ids: Sequence[int], progress: Progress | None = None,
              cancelled: Callable[[], bool] | None = None) -> BulkChange | None:
        """Make ``edit`` on the postings ``ids`` (those not in the project, and repeats,
        passed over) in one transaction. ValueError when the edit cannot be made (an
        unknown status, question, option or field); None when ``cancelled`` said stop,
        nothing changed then. ``progress`` hears after each batch."""
        self.check(edit)
        change = BulkChange(edit)
        try:
            with self.db.atomic():
                stamp = now()
                if edit.kind == "label":  # what its redo holds the options it gives to
                    change.schema = schema_digest(self.db)
                for _start, chunk in self._chunks(ids, progress, cancelled):
                    self._made(change, self._read(edit, chunk), stamp)
        except _Stopped:
            return None
        return change

    def redo(self, change: BulkChange, progress: Progress | None = None,
             cancelled: Callable[[], bool] | None = None) -> BulkChange | None:
        """Make the edit of ``change``, undone, again in one transaction, on the postings
        its undo put back; returns the new change. A posting no longer as the undo left
        it (changed since by another process or reviewer) keeps what was done since, and
        is named in the new change's ``left``, as an undo names those it leaves. None when
        ``cancelled`` said stop: nothing is redone then. ``ChangedSince`` (nothing written)
        where the label schema changed since an answer was given (``check_redo``)."""
        edit = change.edit
        redone = BulkChange(edit, schema=change.schema)
        left = set(change.left)
        try:
            with self.db.atomic():
                self.check_redo(change)
                stamp = now()
                for start, chunk in self._chunks(change.ids, progress, cancelled):
                    # as the undo left it: as it was before the edit
                    before = {pid: change.states[code] for pid, code in zip(
                        chunk, change.codes[start:start + len(chunk)], strict=True)
                        if pid not in left}
                    planned = [p for p in self._read(edit, list(before)) if p[1] == before[p[0]]]
                    planned = unchanged(self.db, change, start, chunk, planned)
                    again = {p[0] for p in planned}
                    redone.left += [pid for pid in before if pid not in again]
                    self._made(redone, planned, stamp)
        except _Stopped:
            return None
        return redone

    def check_redo(self, change: BulkChange, undoing: bool = False) -> None:
        """Raises unless the edit of ``change`` can be made again (``undoing``: undone):
        ``ChangedSince`` for an answer when the label schema changed since it was given
        (another program's: its options may have been renamed or swapped, and one named
        then may mean another now), as a one-posting answer's is refused; ValueError as
        ``check`` says."""
        if change.schema not in (None, schema_digest(self.db)):
            raise ChangedSince("the label schema")
        if not undoing:
            self.check(change.edit)

    def _made(self, change: BulkChange, planned: list[Planned], stamp: str) -> None:
        """The postings ``planned`` of a batch edited, and kept in ``change`` as they were."""
        for pid, old, _new, _replaces in planned:
            change.keep(pid, old)
        if planned:
            self._write(change.edit, planned, stamp)
            if self._settled is not None:
                self._settled([p[0] for p in planned])

    def undo(self, change: BulkChange, progress: Progress | None = None,
             cancelled: Callable[[], bool] | None = None) -> bool:
        """Put every posting a bulk edit changed back as it was, in one transaction.
        False when ``cancelled`` said stop: nothing is undone then. ``ChangedSince`` for
        answers given under another label schema (its options may mean others now)."""
        edit = change.edit
        left: list[int] = []
        try:
            with self.db.atomic():
                self.check_redo(change, undoing=True)
                stamp = now()
                for start, chunk in self._chunks(change.ids, progress, cancelled):
                    olds = [change.states[c] for c in change.codes[start:start + len(chunk)]]
                    # a posting no longer as the edit left it keeps what was done since
                    since = self._since(edit, chunk)
                    kept = [(pid, old) for pid, old in zip(chunk, olds, strict=True)
                            if pid not in since]
                    left += [pid for pid in chunk if pid in since]
                    note_suggested(self.db, change, start, chunk)
                    if kept:
                        self._restore(edit, [k[0] for k in kept], [k[1] for k in kept], stamp)
                    if self._settled is not None:
                        self._settled(chunk)
        except _Stopped:
            return False
        change.left = left
        return True

    def _since(self, edit: BulkEdit, chunk: list[int]) -> set[int]:
        """The postings of ``chunk`` that are no longer as ``edit`` left them."""
        if edit.kind != "accept":  # the edit made again would change them
            return {planned[0] for planned in self._read(edit, chunk)}
        return {pid for (pid,) in self.db.execute(
            "SELECT p.value FROM json_each(?) p LEFT JOIN annotations a ON a.posting_id ="
            " p.value AND a.field = ? LEFT JOIN suggestions s ON s.posting_id = p.value AND"
            " s.field = ? WHERE a.posting_id IS NULL OR a.state != 'accepted' OR a.value IS"
            " NOT s.value", (json.dumps(chunk), edit.name, edit.name))}

    def check(self, edit: BulkEdit) -> None:
        """ValueError saying why, unless ``edit`` can be made in this project."""
        if edit.kind == "status":
            check_status(edit.value)
        elif edit.kind == "label":
            question = next((q for q in self._labels.schema() if q.name == edit.name), None)
            if question is None or question.kind == "span":
                raise ValueError(f"no document question called {edit.name!r}")
            options = edit.value
            if not isinstance(options, list | tuple) or len(set(options)) != len(options):
                raise ValueError("an answer is a list of options, each given once")
            unknown = [o for o in options if o not in question.option_names()]
            if unknown:
                raise ValueError(f"{edit.name} has no option {unknown[0]!r}")
            if question.kind == "single" and len(options) > 1:
                raise ValueError(f"{edit.name} takes one option")
        elif edit.kind in ("field", "accept"):
            spec = _SPECS.get(edit.name)
            if spec is None:
                raise ValueError(f"no field called {edit.name!r}")
            if edit.kind == "field" and edit.value in (None, "", [], {}):
                raise ValueError(f"{spec.label}: give the value to set")
            if edit.kind == "field" and spec.choices and edit.value not in spec.choices:
                raise ValueError(f"{spec.label} is one of {', '.join(spec.choices)}")
            if edit.kind == "field" and (problem := person_problem(edit.name, edit.value)):
                raise ValueError(f"{spec.label}: {problem}")
        else:
            raise ValueError(f"unknown bulk edit {edit.kind!r}; one of {', '.join(KINDS)}")

    # --- batches ---------------------------------------------------------------------------

    def _chunks(self, ids: Sequence[int], progress: Progress | None,
                cancelled: Callable[[], bool] | None) -> Iterator[tuple[int, list[int]]]:
        total = len(ids)
        for start in range(0, total, self.batch):
            if cancelled is not None and cancelled():
                raise _Stopped
            yield start, [int(pid) for pid in ids[start:start + self.batch]]
            if progress is not None:
                progress(min(start + self.batch, total), total)

    def _read(self, edit: BulkEdit, chunk: list[int]) -> list[Planned]:
        """(id, old state, new row, replaces a person's decision) of each posting of the
        batch that the edit changes."""
        # a posting once, however often it is asked
        ids = json.dumps(sorted(set(chunk)))
        db, name = self.db, edit.name
        # an old state holds whose it was: its undo puts that back
        if edit.kind == "status":
            return [(pid, (status, by), None, False) for pid, status, by in db.execute(
                f"SELECT id, status, status_by FROM postings WHERE id IN {_IDS} AND status != ?",
                (ids, edit.value))]
        if edit.kind == "label":
            new = set(edit.value)
            rows = db.execute(
                "SELECT p.id, (SELECT json_group_array(json_array(d.option, d.reviewer)) FROM"
                " doc_labels d WHERE d.posting_id = p.id AND d.question = ?) FROM postings p"
                f" WHERE p.id IN {_IDS}", (name, ids))
            planned: list[Planned] = []
            for pid, options in rows:
                old = tuple(sorted(map(tuple, json.loads(options))))  # (option, whose)
                if {option for option, _by in old} != new:
                    planned.append((pid, (old,), None, False))
            return planned
        if edit.kind == "accept":  # not where reviewers' values are and none is final:
            # they differ, and taking the machine's would settle it unasked
            return [(pid, (None,), None, False) for (pid,) in db.execute(
                "SELECT p.id FROM postings p JOIN suggestions s"
                f" ON s.posting_id = p.id AND s.field = ? WHERE p.id IN {_IDS} AND NOT EXISTS"
                " (SELECT 1 FROM annotations a WHERE a.posting_id = p.id AND a.field = ?)"
                " AND NOT EXISTS (SELECT 1 FROM reviews r WHERE r.posting_id = p.id AND"
                " r.kind = 'field' AND r.key = ?)", (name, ids, name, name))]
        return self._read_field(edit, ids)

    def _read_field(self, edit: BulkEdit, ids: str) -> list[Planned]:
        value = edit.value
        text = json.dumps(value, ensure_ascii=False)
        planned: list[Planned] = []
        disputed = _disputed(self.db, edit.name, ids)
        for pid, *decision, machine, evidence in self.db.execute(
                "SELECT p.id, a.state, a.value, a.spans, a.reviewer, s.value, s.spans"
                " FROM postings p LEFT JOIN annotations a ON a.posting_id = p.id AND"
                " a.field = ? LEFT JOIN suggestions s ON s.posting_id = p.id AND s.field = ?"
                f" WHERE p.id IN {_IDS}", (edit.name, edit.name, ids)):
            accepted = machine is not None and is_the_machines(json.loads(machine), value)
            # where its reviewers differ, a value given settles it: as typing one does
            state = "adjudicated" if pid in disputed else "accepted" if accepted \
                else "corrected"
            had = decision[0] is not None
            if had and decision[0] == state and _loads(decision[1]) == value:
                continue  # it has this value already
            planned.append((pid, (tuple(decision) if had else None,),
                            (pid, edit.name, state, text, evidence if accepted else "[]"), had))
        return planned

    # --- writing ---------------------------------------------------------------------------

    def _write(self, edit: BulkEdit, planned: list[Planned], stamp: str) -> None:
        db, name = self.db, edit.name
        ids = json.dumps([p[0] for p in planned])
        data: dict[str, Any] = {"bulk": True}
        if edit.kind == "status":
            kind, data["status"] = "'set_status'", edit.value
            db.execute(f"UPDATE postings SET status = ?, updated_at = ? WHERE id IN {_IDS}",
                       (edit.value, stamp, ids))
        elif edit.kind == "label":
            kind, data["question"], data["options"] = "'set_labels'", name, list(edit.value)
            db.execute(f"DELETE FROM doc_labels WHERE question = ? AND posting_id IN {_IDS}",
                       (name, ids))
            for option in edit.value:
                db.execute("INSERT INTO doc_labels (posting_id, question, option)"
                           " SELECT value, ?, ? FROM json_each(?)", (name, option, ids))
        else:
            kind, data["field"] = "a.state || '_field'", name
            if edit.kind == "accept":
                db.execute("INSERT OR REPLACE INTO annotations (posting_id, field, state, value,"
                           " spans, updated_at) SELECT posting_id, field, 'accepted', value,"
                           f" spans, ? FROM suggestions WHERE field = ? AND posting_id IN {_IDS}",
                           (stamp, name, ids))
            else:
                db.conn.executemany(
                    "INSERT OR REPLACE INTO annotations (posting_id, field, state, value, spans,"
                    " updated_at) VALUES (?, ?, ?, ?, ?, ?)",
                    [(*p[2], stamp) for p in planned if p[2] is not None])
            _relist(db, name, ids)
        if edit.kind != "status":
            db.execute(f"UPDATE postings SET updated_at = ? WHERE id IN {_IDS}", (stamp, ids))
        line = json.dumps(data, ensure_ascii=False)
        if kind.startswith("a."):  # a field: its log line says the state each got
            db.execute(f"INSERT INTO events (at, kind, posting_id, data) SELECT ?, {kind},"
                       f" a.posting_id, ? FROM annotations a WHERE a.field = ? AND"
                       f" a.posting_id IN {_IDS}", (stamp, line, name, ids))
        else:
            db.execute(f"INSERT INTO events (at, kind, posting_id, data) SELECT ?, {kind},"
                       " value, ? FROM json_each(?)", (stamp, line, ids))

    def _restore(self, edit: BulkEdit, chunk: list[int], olds: list[tuple[Any, ...]],
                 stamp: str) -> None:
        db, name = self.db, edit.name
        ids = json.dumps(chunk)
        # what an undo puts back is an edit of now (a merge takes the latest by its time)
        if edit.kind == "status":
            db.conn.executemany(
                "UPDATE postings SET status = ?, status_by = ?, updated_at = ? WHERE id = ?",
                [(*old, stamp, pid) for pid, old in zip(chunk, olds, strict=True)])
        else:
            if edit.kind == "label":
                db.execute("DELETE FROM doc_labels WHERE question = ? AND posting_id IN"
                           f" {_IDS}", (name, ids))
                db.conn.executemany(
                    "INSERT INTO doc_labels (posting_id, question, option, reviewer)"
                    " VALUES (?, ?, ?, ?)",
                    [(pid, name, *o) for pid, old in zip(chunk, olds, strict=True)
                     for o in old[0]])
            else:
                db.execute(f"DELETE FROM annotations WHERE field = ? AND posting_id IN {_IDS}",
                           (name, ids))
                db.conn.executemany(
                    "INSERT INTO annotations (posting_id, field, state, value, spans,"
                    " reviewer, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [(pid, name, *old[0], stamp) for pid, old in zip(chunk, olds, strict=True)
                     if old[0] is not None])
                _relist(db, name, ids)
            db.execute(f"UPDATE postings SET updated_at = ? WHERE id IN {_IDS}", (stamp, ids))
        db.execute("INSERT INTO events (at, kind, posting_id, data) SELECT ?, 'undo', value, ?"
                   " FROM json_each(?)", (stamp, json.dumps({
                       "change": edit.describe(), "bulk": True,
                       "things": [["status", ""] if edit.kind == "status" else
                                  ["label" if edit.kind == "label" else "field", edit.name]]}),
                                          ids))


def _disputed(db: Database, name: str, ids: str) -> set[int]:
    """Those of the postings ``ids`` whose reviewers' values of field ``name`` differ."""
    values: dict[int, list[Any]] = {}
    for pid, value in db.execute(
            "SELECT posting_id, value FROM reviews WHERE kind = 'field' AND key = ? AND"
            f" posting_id IN {_IDS}", (name, ids)):
        values.setdefault(pid, []).append(_loads(value))
    return {pid for pid, given in values.items() if differ(given)}


def _relist(db: Database, name: str, ids: str) -> None:
    """Keep the listing column of field ``name`` (if it has one) on its final value:
    a person's decision where there is one, else the machine's value."""
    if name not in _LISTED:
        return
    column, shown = _LISTED[name]
    decided = "FROM annotations a WHERE a.posting_id = postings.id AND a.field = ?"
    db.execute(
        f"UPDATE postings SET {column} = CASE WHEN EXISTS (SELECT 1 {decided})"
        f" THEN (SELECT {shown.format('a.value')} {decided}) ELSE (SELECT"
        f" {shown.format('s.value')} FROM suggestions s WHERE s.posting_id = postings.id"
        f" AND s.field = ?) END WHERE id IN {_IDS}", (name, name, name, ids))


def _loads(text: str | None) -> Any:
    return json.loads(text) if text is not None else None


__all__ = ["BATCH", "KINDS", "Bulk", "BulkChange", "BulkEdit", "Preview"]
