"""``store.transfer``: whole postings and the decisions on them, read out of one project
file and written into another; what ``reviewer split`` and ``reviewer merge`` move
(``reviewer.core.team``).

Reading, by posting ids: ``hashes`` (a page of ids and page hashes, to assign or match
postings), ``whole`` (a posting as it came in: its row with the raw page and cleaned
text, the machine's values with their alternatives, a learned model's label answers, its
usefulness), ``values`` (every decision on the postings as each reviewer made it, in the
shapes ``reviews`` keeps: see ``Value``), ``reviews_of`` (the reviewers' values a merge
brought before), ``rejected_spans``, ``texts`` and ``seconds``. Writing: ``add``
(postings whole but for people's work: the machine's values only, each id kept where it
is free), ``set_final`` and ``withdraw`` (a final decision put in place, named for the
reviewer it came from, or taken away; ``unreject``: a ruling's rejected spans; ``finish``
brings the postings' listing columns and last edits up to date after them),
``add_seconds``, and a project's learned models (``model_rows``,
``add_models``). Like ``bulk`` and undo it reads and writes across the parts' tables in
SQL, as a merge of tens of thousands of postings needs; a write runs in the caller's
transaction (``store.atomic``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from reviewer.core.store.decisions import (
    insert_suggestions,
    listed_places,
    own_state,
    shown_values,
)
from reviewer.core.store.history import log
from reviewer.core.store.jsontext import loads
from reviewer.core.store.postings import Postings, insert_label_suggestions
from reviewer.core.store.sqlite import Database
from reviewer.core.store.takings import chunks as _chunks
from reviewer.core.store.takings import marks as _marks

# what people did to a posting: a copy of it for work to do starts without these
_WORK = {"status": "new", "comment": "", "status_by": "", "comment_by": "", "disagreement": 0}
_MODEL_COLUMNS = "kind, trained_at, postings, learnt_from, info, data"
_LISTED = ("title", "company", "locations")  # the fields the list shows (refresh_display)
# the log's edits that may take a decision back, and the kind of thing each takes back

@dataclass(frozen=True)
class Value:
    """One reviewer's value of one thing decided on a posting, as ``reviews`` keeps it.

    ``kind`` field (``key`` the field; ``value`` {"state", "value", "spans"}), label (the
    question; its options, sorted), spans ("": the accepted spans [[start, end, label],
    ...], sorted and each once; [] for a reviewer who only rejected the machine's), status
    ("": reviewed, skipped or flagged; a posting still new has none), comment ("": its
    text). ``reviewer`` as the rows name it ("" or "unknown" when they cannot); ``at`` when
    it was made (of a label, spans, status or comment: the posting's last edit); ``ruling``: an
    adjudicated field, a final decision rather than a reviewer's value; ``origins``: each
    span's origin (machine or human), in the value's order."""

    posting: int
    reviewer: str
    kind: str
    key: str
    value: Any
    at: str
    ruling: bool = False
    origins: tuple[str, ...] = ()


@dataclass
class Whole:
    """A posting as the pipeline and a learned model left it: every column of its row,
    its suggestions (field, value, spans, confidence, stage, version, alternatives; JSON
    encoded) and its suggested label answers (question, answer JSON, confidence)."""

    row: dict[str, Any]
    suggestions: list[tuple[Any, ...]]
    labels: list[tuple[str, str, float]]


class Transfer:
    """Postings and decisions moved between project files."""

    def __init__(self, db: Database, postings: Postings) -> None:
        self.db = db
        self._postings = postings
        self._stamps: dict[int, str] = {}  # posting → the newest final decision's time
        self._listing: set[int] = set()  # postings whose listed fields changed

    # --- reading -------------------------------------------------------------------------

    def hashes(self, after: int, limit: int) -> list[tuple[int, str]]:
        """(id, page hash) of up to ``limit`` postings after id ``after``, in id order."""
        return [(int(i), str(h)) for i, h in self.db.execute(
            "SELECT id, hash FROM postings WHERE id > ? ORDER BY id LIMIT ?", (after, limit))]

    def ids_of(self, hashes: Sequence[str]) -> dict[str, int]:
        """The ids of the postings with these page hashes, of those the project holds."""
        out: dict[str, int] = {}
        for chunk in _chunks(list(hashes)):
            out.update((str(h), int(i)) for h, i in self.db.execute(
                f"SELECT hash, id FROM postings WHERE hash IN ({_marks(chunk)})", chunk))
        return out

    def whole(self, ids: Sequence[int]) -> list[Whole]:
        """The postings ``ids`` whole (see ``Whole``), in id order."""
        out: list[Whole] = []
        for chunk in _chunks(sorted(ids)):
            cur = self.db.execute(f"SELECT * FROM postings WHERE id IN ({_marks(chunk)})"
                                  " ORDER BY id", chunk)
            columns = [d[0] for d in cur.description]
            rows = [dict(zip(columns, r, strict=True)) for r in cur.fetchall()]
            suggestions: dict[int, list[tuple[Any, ...]]] = {}
            for pid, *rest in self.db.execute(
                    "SELECT posting_id, field, value, spans, confidence, stage,"
                    " extractor_version, alternatives FROM suggestions WHERE posting_id IN"
                    f" ({_marks(chunk)}) ORDER BY posting_id, field", chunk):
                suggestions.setdefault(pid, []).append(tuple(rest))
            labels: dict[int, list[tuple[str, str, float]]] = {}
            for pid, question, answer, confidence in self.db.execute(
                    "SELECT posting_id, question, answer, confidence FROM label_suggestions"
                    f" WHERE posting_id IN ({_marks(chunk)}) ORDER BY posting_id, question",
                    chunk):
                labels.setdefault(pid, []).append((question, answer, float(confidence)))
            out += [Whole(row, suggestions.get(row["id"], []), labels.get(row["id"], []))
                    for row in rows]
        return out

    def values(self, ids: Sequence[int]) -> list[Value]:
        """Every decision on the postings ``ids``, one ``Value`` per reviewer and thing."""
        out: list[Value] = []
        for chunk in _chunks(sorted(ids)):
            out += self._values(chunk)
        return out

    def _values(self, chunk: list[int]) -> Iterator[Value]:
        marks = _marks(chunk)
        for pid, name, state, value, evidence, at, who in self.db.execute(
                "SELECT posting_id, field, state, value, spans, updated_at, reviewer FROM"
                f" annotations WHERE posting_id IN ({marks}) ORDER BY posting_id, field", chunk):
            decided = {"state": state, "value": loads(value),
                       "spans": loads(evidence, [])}
            yield Value(pid, who, "field", name, decided, at, ruling=state == "adjudicated")
        answers: dict[tuple[int, str, str], tuple[list[str], str]] = {}
        for pid, question, option, who, at in self.db.execute(
                "SELECT d.posting_id, d.question, d.option, d.reviewer, p.updated_at FROM"
                f" doc_labels d JOIN postings p ON p.id = d.posting_id WHERE d.posting_id IN"
                f" ({marks})", chunk):
            answers.setdefault((pid, question, who), ([], at))[0].append(option)
        for (pid, question, who), (options, at) in sorted(answers.items()):
            yield Value(pid, who, "label", question, sorted(options), at)
        spans: dict[tuple[int, str], tuple[dict[tuple[int, int, str], str], list[str]]] = {}
        for pid, start, end, label, origin, state, at, who in self.db.execute(
                'SELECT posting_id, start, "end", label, origin, state, created_at, reviewer'
                f" FROM spans WHERE posting_id IN ({marks}) AND state != 'suggested'"
                " ORDER BY id", chunk):
            accepted, times = spans.setdefault((pid, who), ({}, []))
            times.append(at)
            if state == "accepted":
                accepted.setdefault((start, end, label), origin)
        postings = self.db.execute(
            "SELECT id, status, status_by, comment, comment_by, updated_at FROM postings"
            f" WHERE id IN ({marks}) ORDER BY id", chunk).fetchall()
        # a posting its reviewer marked reviewed with no span labelled by anyone: their
        # spans are none (as the agreement counts them), not undecided
        labelled = {pid for pid, _who in spans}
        edited = {pid: at for pid, _status, _by, _comment, _cby, at in postings}
        for pid, status, status_by, _comment, _by, at in postings:
            if status == "reviewed" and pid not in labelled:
                spans[(pid, status_by)] = ({}, [at])
        for (pid, who), (accepted, times) in sorted(spans.items()):
            ordered = sorted(accepted)
            # (as of the posting's last edit: a span removed leaves no row to date it)
            yield Value(pid, who, "spans", "", [list(s) for s in ordered],
                        max(*times, edited[pid]), origins=tuple(accepted[s] for s in ordered))
        for pid, status, status_by, comment, comment_by, at in postings:
            if status != "new":
                yield Value(pid, status_by, "status", "", status, at)
            if comment:
                yield Value(pid, comment_by, "comment", "", comment, at)

    def reviews_of(self, ids: Sequence[int]) -> dict[int, dict[tuple[str, str, str],
                                                                tuple[Any, str]]]:
        """The reviewers' values the project holds for the postings ``ids`` (``reviews``):
        posting → (reviewer, kind, key) → (value, at)."""
        out: dict[int, dict[tuple[str, str, str], tuple[Any, str]]] = {}
        for chunk in _chunks(list(ids)):
            for pid, who, kind, key, value, at in self.db.execute(
                    "SELECT posting_id, reviewer, kind, key, value, at FROM reviews WHERE"
                    f" posting_id IN ({_marks(chunk)})", chunk):
                out.setdefault(pid, {})[(who, kind, key)] = (loads(value), at)
        return out

    def rejected_spans(self, ids: Sequence[int]) -> dict[int, set[tuple[int, int, str]]]:
        """The spans a person rejected, of those of the postings ``ids`` that have some."""
        out: dict[int, set[tuple[int, int, str]]] = {}
        for chunk in _chunks(list(ids)):
            for pid, start, end, label in self.db.execute(
                    'SELECT posting_id, start, "end", label FROM spans WHERE state ='
                    f" 'rejected' AND posting_id IN ({_marks(chunk)})", chunk):
                out.setdefault(pid, set()).add((start, end, label))
        return out

    def texts(self, ids: Sequence[int]) -> dict[int, str]:
        """The cleaned text of each of the postings ``ids``."""
        out: dict[int, str] = {}
        for chunk in _chunks(list(ids)):
            out.update(self.db.execute(
                f"SELECT id, cleaned FROM postings WHERE id IN ({_marks(chunk)})", chunk))
        return out

    def seconds(self, ids: Sequence[int]) -> list[tuple[int, str, float]]:
        """(posting, reviewer, seconds) each reviewer spent on the postings ``ids``."""
        out: list[tuple[int, str, float]] = []
        for chunk in _chunks(list(ids)):
            out += [(int(p), str(r), float(s)) for p, r, s in self.db.execute(
                "SELECT posting_id, reviewer, seconds FROM review_time WHERE posting_id IN"
                f" ({_marks(chunk)})", chunk)]
        return out

    def model_rows(self) -> list[tuple[Any, ...]]:
        """The project's learned models as stored (kind, trained_at, postings,
        learnt_from, info, data), oldest first."""
        return [tuple(r) for r in self.db.execute(
            f"SELECT {_MODEL_COLUMNS} FROM models ORDER BY id")]

    # --- writing -------------------------------------------------------------------------

    def add(self, postings: Sequence[Whole]) -> dict[str, int]:
        """Store postings whole but for people's work (new, no comment, last edited when
        imported): the page hash → id of each one added; a posting whose hash the
        project holds is passed over. Each keeps its id where the project has no posting
        with it. Unlogged; inside the caller's transaction."""
        if not postings:
            return {}
        columns = {r[1] for r in self.db.execute("PRAGMA table_info(postings)")}
        ids = [int(p.row["id"]) for p in postings]
        taken = {int(r[0]) for chunk in _chunks(ids) for r in self.db.execute(
            f"SELECT id FROM postings WHERE id IN ({_marks(chunk)})", chunk)}
        added: dict[str, int] = {}
        for item in postings:
            row = {k: v for k, v in item.row.items() if k in columns}
            row.update({k: v for k, v in _WORK.items() if k in columns})
            row["updated_at"] = row["imported_at"]
            row.update(_listed(item.suggestions))
            if row["id"] in taken:
                del row["id"]
            cur = self.db.execute(
                f"INSERT OR IGNORE INTO postings ({', '.join(row)}) VALUES"
                f" ({_marks(list(row))})", list(row.values()))
            if cur.rowcount == 0:
                continue
            pid = int(cur.lastrowid or 0)
            taken.add(pid)  # a later posting of the batch that had this id takes another
            insert_suggestions(self.db, pid, item.suggestions)
            insert_label_suggestions(self.db, pid, item.labels)
            added[str(row["hash"])] = pid
        return added

    def set_final(self, pid: int, value: Value, reviewer: str) -> None:
        """Make ``value`` the final decision of its thing on posting ``pid`` (in place of
        the one there), in ``reviewer``'s name; the posting's last edit moves up to the
        value's time, and its listing columns follow, at ``finish``."""
        kind, key, decided, at = value.kind, value.key, value.value, value.at
        db = self.db
        if kind == "field":
            # a value accepted in a reviewer's file that this project's machine no longer
            # gives (extracted again since) is the reviewer's own here
            machine = db.execute("SELECT value FROM suggestions WHERE posting_id = ? AND"
                                 " field = ?", (pid, key)).fetchone()
            state = own_state(decided["state"], decided["value"],
                              json.loads(machine[0]) if machine and machine[0] else None)
            db.execute(
                "INSERT OR REPLACE INTO annotations (posting_id, field, state, value, spans,"
                " updated_at, reviewer) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (pid, key, state, None if decided["value"] is None
                 else json.dumps(decided["value"], ensure_ascii=False),
                 json.dumps(decided.get("spans") or []), at, reviewer))
        elif kind == "label":
            db.execute("DELETE FROM doc_labels WHERE posting_id = ? AND question = ?", (pid, key))
            db.conn.executemany(
                "INSERT OR IGNORE INTO doc_labels (posting_id, question, option, reviewer)"
                " VALUES (?, ?, ?, ?)", [(pid, key, option, reviewer) for option in decided])
        elif kind == "spans":
            db.execute("DELETE FROM spans WHERE posting_id = ? AND state = 'accepted'", (pid,))
            self.unreject(pid, decided)  # (accepted now: not exported as both)
            origins = value.origins or ("human",) * len(decided)
            db.conn.executemany(
                'INSERT INTO spans (posting_id, start, "end", label, origin, state, created_at,'
                " reviewer) VALUES (?, ?, ?, ?, ?, 'accepted', ?, ?)",
                [(pid, s, e, label, origin, at, reviewer)
                 for (s, e, label), origin in zip(decided, origins, strict=True)])
        else:
            self._set_posting(pid, kind, decided, reviewer)
        self._stamps[pid] = max(at, self._stamps.get(pid, at))
        if kind == "field" and key in _LISTED:
            self._listing.add(pid)

    def unreject(self, pid: int, spans: Sequence[Sequence[Any]]) -> None:
        """Forget that ``spans`` ([start, end, label] each) of posting ``pid`` were
        rejected: the ruling "no span labels" that rejected them lapsed, or they are
        accepted."""
        self.db.conn.executemany(
            'DELETE FROM spans WHERE posting_id = ? AND start = ? AND "end" = ? AND'
            " label = ? AND state = 'rejected'", [(pid, s, e, label) for s, e, label in spans])

    def withdraw(self, pid: int, kind: str, key: str) -> None:
        """Take away the final decision of a thing on posting ``pid`` (an adjudicated
        field stays): the reviewers' values, kept in ``reviews``, decide it again. The
        listing columns follow at ``finish``."""
        if kind == "field":
            self.db.execute("DELETE FROM annotations WHERE posting_id = ? AND field = ? AND"
                            " state != 'adjudicated'", (pid, key))
            if key in _LISTED:
                self._listing.add(pid)
        elif kind == "label":
            self.db.execute("DELETE FROM doc_labels WHERE posting_id = ? AND question = ?",
                            (pid, key))
        elif kind == "spans":
            self.db.execute("DELETE FROM spans WHERE posting_id = ? AND state = 'accepted'",
                            (pid,))
        else:
            self._set_posting(pid, kind, "new" if kind == "status" else "", "")

    def finish(self) -> None:
        """After ``set_final`` and ``withdraw`` calls, before their transaction ends: the
        postings' last edits and listing columns (title, company, location), once each."""
        self.db.conn.executemany(
            "UPDATE postings SET updated_at = max(updated_at, ?) WHERE id = ?",
            [(at, pid) for pid, at in self._stamps.items()])
        for pid in sorted(self._listing):
            shown = shown_values(self.db, pid)
            row = self.db.execute("SELECT title, company, location FROM postings WHERE id = ?",
                                  (pid,)).fetchone()
            if row != (shown["title"], shown["company"], listed_places(shown["locations"])):
                self._postings.refresh_display(pid)  # which re-indexes the text: only then
        self._stamps.clear()
        self._listing.clear()

    def _set_posting(self, pid: int, kind: str, value: str, reviewer: str) -> None:
        if kind not in ("status", "comment"):
            raise ValueError(f"unknown kind {kind!r}")
        # the column first (the connection's trigger names its own reviewer), then the name
        self.db.execute(f"UPDATE postings SET {kind} = ? WHERE id = ?", (value, pid))
        self.db.execute(f"UPDATE postings SET {kind}_by = ? WHERE id = ?", (reviewer, pid))

    def add_seconds(self, rows: Sequence[tuple[int, str, float]]) -> int:
        """Each (posting, reviewer, seconds), where it is more than the project has for
        them (the same work brought twice counts once); how many rows changed."""
        before = self.db.conn.total_changes
        self.db.conn.executemany(
            "INSERT INTO review_time (posting_id, reviewer, seconds) VALUES (?, ?, ?)"
            " ON CONFLICT (posting_id, reviewer) DO UPDATE SET seconds = excluded.seconds"
            " WHERE excluded.seconds > seconds", rows)
        return int(self.db.conn.total_changes - before)

    def add_models(self, rows: Sequence[tuple[Any, ...]]) -> None:
        """Learned models as ``model_rows`` gives them, after the project's own."""
        self.db.conn.executemany(
            f"INSERT INTO models ({_MODEL_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)", rows)

    def log(self, kind: str, data: dict[str, Any]) -> None:
        """A line in the project's log for a whole split or merge."""
        log(self.db, kind, data)

    def stage_values(self, page_hash: str, stage: str) -> dict[str, Any]:
        """The values stage ``stage`` gave the posting stored under ``page_hash``."""
        return {field: loads(value) for field, value in self.db.execute(
            "SELECT s.field, s.value FROM suggestions s JOIN postings p ON p.id ="
            " s.posting_id WHERE p.hash = ? AND s.stage = ?", (page_hash, stage))}

    def split_from(self) -> set[str]:
        """The paths (resolved) of the files a split made this one from (its log says)."""
        return {row[0] for row in self.db.execute(
            "SELECT json_extract(data, '$.source_path') FROM events WHERE kind = 'split'")
            if isinstance(row[0], str)}


def _listed(suggestions: Sequence[tuple[Any, ...]]) -> dict[str, Any]:
    """The listing columns of a posting that has the machine's values only."""
    values = {s[0]: loads(s[1]) for s in suggestions
              if s[0] in _LISTED and s[1] is not None}
    return {"title": values.get("title"), "company": values.get("company"),
            "location": listed_places(values.get("locations"))}
