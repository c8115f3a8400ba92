"""``store.reports``: figures about a project, what ``reviewer stats`` and
``reviewer eval`` print and the statistics window draws.

A read-only view across the tables (like an SQL view): it counts, it never writes.
"""

from __future__ import annotations

import json
from typing import Any

from reviewer.core.schema import FIELD_NAMES
from reviewer.core.store.reviews import same
from reviewer.core.store.sqlite import Database


class Reports:
    """Counts by status, label and field state; reviews per day; the machine's accuracy."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def stats(self) -> dict[str, Any]:
        """Counts by status, by document label, by field state; spans per label."""
        db = self.db
        by_status = dict(db.execute("SELECT status, count(*) FROM postings GROUP BY status"))
        labels: dict[str, dict[str, int]] = {}
        for question, option, n in db.execute(
                "SELECT question, option, count(*) FROM doc_labels GROUP BY question, option "
                "ORDER BY question, option"):
            labels.setdefault(question, {})[option] = n
        states: dict[str, dict[str, int]] = {name: {} for name in FIELD_NAMES}
        for name, state, n in db.execute(
                "SELECT field, state, count(*) FROM annotations GROUP BY field, state"):
            states.setdefault(name, {})[state] = n
        # suggested: the machine's values no one decided; counted from the field index,
        # less the decided ones (few), never by walking the suggestions table
        decided = dict(db.execute(
            "SELECT a.field, count(*) FROM annotations a JOIN suggestions s ON"
            " s.posting_id = a.posting_id AND s.field = a.field GROUP BY a.field"))
        for name, n in self._suggested():
            if n - decided.get(name, 0):
                states.setdefault(name, {})["suggested"] = n - decided.get(name, 0)
        spans = dict(db.execute(
            "SELECT label, count(*) FROM spans WHERE state = 'accepted' GROUP BY label"))
        return {
            "postings": sum(by_status.values()),
            "status": {s: by_status.get(s, 0) for s in ("new", "reviewed", "skipped", "flagged")},
            "labels": labels, "field_states": {k: v for k, v in states.items() if v},
            "spans": spans,
        }

    def _suggested(self) -> list[tuple[str, int]]:
        """How many suggestions each field has. Read field by field from the field index:
        its distinct fields a step each, then each field's range of entries counted (an
        entry three steps of SQLite's engine; a ``GROUP BY`` over the index took seven,
        0.8–1.0 s of 13 million entries at a million postings)."""
        names: list[str] = []
        least = "SELECT min(field) FROM suggestions INDEXED BY suggestions_field"
        name = self.db.execute(least).fetchone()[0]
        while name is not None:
            names.append(name)
            name = self.db.execute(least + " WHERE field > ?", (name,)).fetchone()[0]
        return [(name, self.db.execute(
            "SELECT count(*) FROM suggestions INDEXED BY suggestions_field WHERE field = ?",
            (name,)).fetchone()[0]) for name in names]

    def progress(self) -> list[tuple[str, int]]:
        """Reviews that stand, by day, oldest first: each posting reviewed now counts once,
        on the day of its last review in the project's log. A review undone, or a
        posting marked otherwise since, is not counted; the days add up to the
        reviewed postings (those imported as reviewed aside: the log has no review). A
        review a merge brought counts on the day its reviewer made it (the reviewers'
        values keep their time; the log, the merge's)."""
        return [(day, n) for day, n in self.db.execute(
            "SELECT substr(r.last, 1, 10), count(*) FROM (SELECT posting_id, max(at) AS last"
            " FROM (SELECT posting_id, at FROM events WHERE kind = 'accept_all' OR (kind ="
            " 'set_status' AND json_extract(data, '$.status') = 'reviewed') UNION ALL SELECT"
            " posting_id, at FROM reviews WHERE kind = 'status' AND value = '\"reviewed\"')"
            " GROUP BY posting_id) r"
            " JOIN postings p ON p.id = r.posting_id AND p.status = 'reviewed'"
            " GROUP BY 1 ORDER BY 1")]

    def evaluation(self) -> dict[str, dict[str, Any]]:
        """Per field, over reviewed postings: how often the machine's suggestion was
        accepted, corrected or rejected, and how often a person added a value the machine
        had missed; ``adjudicated``: final values settled where reviewers differed (no
        judgement of the machine's, nor is "no value" where the machine offered none).
        ``accuracy`` is accepted / (accepted + corrected + rejected)."""
        out: dict[str, dict[str, Any]] = {}
        rows = self.db.execute("""
            SELECT a.field, a.state, s.posting_id IS NOT NULL AS suggested, count(*)
            FROM annotations a JOIN postings p ON p.id = a.posting_id AND p.status = 'reviewed'
            LEFT JOIN suggestions s ON s.posting_id = a.posting_id AND s.field = a.field
            GROUP BY a.field, a.state, suggested""")
        for name, state, suggested, n in rows:
            entry = out.setdefault(name, {"accepted": 0, "corrected": 0, "rejected": 0,
                                          "added": 0, "adjudicated": 0})
            if not suggested and state == "corrected":
                entry["added"] += n  # the machine had no value; a person gave one
            elif not suggested and state == "rejected":
                continue  # none offered, none there: no judgement of the machine
            else:
                entry[state] += n
        for entry in out.values():
            judged = entry["accepted"] + entry["corrected"] + entry["rejected"]
            entry["accuracy"] = round(entry["accepted"] / judged, 4) if judged else None
        return dict(sorted(out.items(), key=lambda kv: FIELD_NAMES.index(kv[0])
                           if kv[0] in FIELD_NAMES else 99))

    def by_stage(self) -> dict[str, dict[str, dict[str, Any]]]:
        """Per stage that offered values (a rule stage, ``dataset``, a plug-in's
        ``plugin:NAME`` or ``command``, ``learned``), per field, over the fields people
        decided on reviewed postings: ``offered`` (the stage gave a value: the
        suggestion or an alternative), ``won`` (its value was the suggestion), ``right``
        (its value is the reviewer's: accepted or corrected to it, not rejected; compared
        as reviewers' values are, a list's items in any order) and
        ``accuracy``, right / offered. A stage's first value counts, as shown. A stage whose
        value was the same as a more confident stage's was merged into it (the suggestion
        keeps one stage) and is not counted."""
        out: dict[str, dict[str, dict[str, Any]]] = {}
        rows = self.db.execute("""
            SELECT a.field, a.state, a.value, s.value, s.stage, s.alternatives
            FROM annotations a JOIN postings p ON p.id = a.posting_id AND p.status = 'reviewed'
            JOIN suggestions s ON s.posting_id = a.posting_id AND s.field = a.field""")
        for name, state, decided, value, stage, alternatives in rows:
            final = json.loads(decided) if state != "rejected" and decided is not None else None
            offers = {stage: (json.loads(value) if value is not None else None, True)}
            for other in json.loads(alternatives or "[]"):
                offers.setdefault(str(other.get("stage", "")), (other.get("value"), False))
            for by, (offered, won) in offers.items():
                entry = out.setdefault(by, {}).setdefault(
                    name, {"offered": 0, "won": 0, "right": 0})
                entry["offered"] += 1
                entry["won"] += won
                # (as reviewers' values are compared: a list's items in any order)
                entry["right"] += final is not None and same(offered, final)
        for fields in out.values():
            for entry in fields.values():
                entry["accuracy"] = round(entry["right"] / entry["offered"], 4)
        return {stage: dict(sorted(fields.items(), key=lambda kv: FIELD_NAMES.index(kv[0])
                                   if kv[0] in FIELD_NAMES else 99))
                for stage, fields in sorted(out.items())}
