"""``store.spans``: labelled character ranges of a posting's cleaned text.

A span has a label, an origin (``machine`` or ``human``) and a state: a machine's
span is ``suggested`` until a person accepts or rejects it; a rejected span is kept
(so that it is not offered again) but neither shown nor exported.

The machine's spans are the skills field's evidence, suggested as SKILL spans: one
meaning in two places. So rejecting them decides the field too, in the same edit: a
skill whose every span is rejected leaves the skills field (the field is then
corrected to the skills left, or rejected when none is). Accepting them leaves the
field as it is.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from reviewer.core.store.decisions import ChangedMeanwhile, Decisions, TextChanged
from reviewer.core.store.history import Change, Row, key_posting, now, snapshot
from reviewer.core.store.sqlite import Database

if TYPE_CHECKING:
    from reviewer.core.store.postings import Postings

_INSERT = ('INSERT INTO spans (posting_id, start, "end", label, origin, state, created_at)'
           " VALUES (?, ?, ?, ?, ?, ?, ?)")


class SchemaChanged(ChangedMeanwhile):
    """A label or an option the project's label schema does not have (another program
    may have changed the schema since it was shown)."""

    def __init__(self, what: str) -> None:
        super().__init__([], f"the project's label schema has no {what} (another program "
                             "may have changed it since it was shown)")


def schema_names(db: Database, only: str | None = None) -> tuple[dict[str, set[str]], set[str]]:
    """The project's label schema as names: each document question's options, and the
    span labels (``only``: of that question alone, not of every other)."""
    questions: dict[str, set[str]] = {}
    spans: set[str] = set()
    for question, kind, options in db.execute(
            "SELECT question, kind, options FROM label_schema"
            + ("" if only is None else " WHERE question = ?"), () if only is None else (only,)):
        found = {option["name"] for option in json.loads(options)}
        if kind == "span":
            spans |= found
        else:
            questions[question] = found
    return questions, spans


def span_labels(db: Database) -> set[str]:
    """The span labels of the project's label schema."""
    return schema_names(db)[1]


def schema_holds(db: Database, rows: Sequence[Row]) -> None:
    """``SchemaChanged`` for an answer or a span among ``rows`` (an undo's, as they were)
    whose option or label the label schema does not have: an undo or a redo would put
    back a label the schema lost since (not one the posting holds now, as it is)."""
    names: tuple[dict[str, set[str]], set[str]] | None = None
    for table, key, row in rows:
        if row is None or table not in ("doc_labels", "spans") or (
                table == "spans" and row.get("state") == "rejected"):
            continue
        held = db.execute("SELECT 1 FROM doc_labels WHERE posting_id = ? AND question = ? AND"
                          " option = ?", key) if table == "doc_labels" else db.execute(
            "SELECT 1 FROM spans WHERE id = ? AND label = ? AND state != 'rejected'",
            (key[0], row.get("label")))
        if held.fetchone() is not None:
            continue
        if names is None:  # (read once, for the rows to check alone)
            names = schema_names(db)
        questions, labels = names
        if table == "spans" and row.get("label") not in labels:
            raise SchemaChanged(f"span label {row.get('label')!r}")
        if table == "doc_labels" and row.get("option") not in questions.get(
                str(row.get("question")), ()):
            raise SchemaChanged(f"option {row.get('option')!r} of {row.get('question')!r}")


class Spans:
    """The labelled spans of every posting; every edit returns a Change."""

    def __init__(self, db: Database, postings: Postings,
                 decisions: Decisions | None = None) -> None:
        """``decisions``: the skills field follows rejected spans (None: it does not)."""
        self.db = db
        self._postings = postings
        self._decisions = decisions

    def add(self, pid: int, start: int, end: int, label: str, origin: str = "human",
            state: str = "accepted", text: str | None = None) -> tuple[int, Change]:
        """One span; its id and the change. ``text``: the cleaned text its offsets were
        read in, as a person saw it (see ``_check``). ValueError for the words labelled
        so already (every export would hold the span twice)."""
        with self.db.atomic():
            self._check(pid, [(start, end)], text, [label] if state != "rejected" else ())
            self._check_new(pid, [(start, end, label)], state)
            cur = self.db.execute(_INSERT, (pid, start, end, label, origin, state, now()))
            span_id = int(cur.lastrowid or 0)
            self._postings.touch(pid, "add_span", {"span": span_id, "label": label})
        return span_id, Change(f"label {label}", [("spans", (span_id,), None)])

    def add_many(self, pid: int, spans: Sequence[tuple[int, int, str]], origin: str = "human",
                 state: str = "accepted", follow: bool = True,
                 text: str | None = None, schema: bool = True) -> Change:
        """Several spans of posting ``pid`` as one edit (accepting or rejecting the
        machine's suggested spans together). ``follow``: rejected, the skills field
        follows (see above; not when a ruling rejects a reviewer's spans). ``text``: as
        for ``add``. ``schema``: their labels must be the schema's (not a reviewer's
        spans taken by a ruling: theirs as they gave them)."""
        change = Change(f"{state} {len(spans)} spans")
        with self.db.atomic():
            self._check(pid, [(start, end) for start, end, _label in spans], text,
                        [label for _s, _e, label in spans]
                        if state != "rejected" and schema else ())
            self._check_new(pid, spans, state)
            stamp = now()
            for start, end, label in spans:
                cur = self.db.execute(_INSERT, (pid, start, end, label, origin, state, stamp))
                change.rows.append(("spans", (int(cur.lastrowid or 0),), None))
            self._postings.touch(pid, "add_spans", {"count": len(spans), "state": state})
            if state == "rejected" and follow:
                change.rows += self._skills_follow(pid)
        return change

    def relabel(self, span_id: int, label: str) -> Change:
        """A person's label for the span (a machine's suggestion becomes theirs)."""
        if label not in span_labels(self.db):
            raise SchemaChanged(f"span label {label!r}")
        row = self.db.execute('SELECT posting_id, start, "end" FROM spans WHERE id = ?',
                              (span_id,)).fetchone()
        if row is not None:
            self._check_new(row[0], [(row[1], row[2], label)], "accepted", span_id)
        return self._edit(span_id, f"relabel span {label}",
                          "UPDATE spans SET label = ?, origin = 'human', state = 'accepted'"
                          " WHERE id = ?", (label,), "relabel_span", {"label": label})

    def reject(self, span_id: int) -> Change:
        """Mark a span rejected: kept, so that a machine suggestion is not offered again,
        but neither shown nor exported. The skills field follows (see above)."""
        with self.db.atomic():
            change = self._edit(span_id, "reject span",
                                "UPDATE spans SET state = 'rejected' WHERE id = ?", (),
                                "reject_span", {})
            pid = key_posting(change)
            if pid is not None:
                change.rows += self._skills_follow(pid)
        return change

    def remove(self, span_id: int) -> Change:
        return self._edit(span_id, "remove span", "DELETE FROM spans WHERE id = ?", (),
                          "remove_span", {})

    def has_any(self, pid: int) -> bool:
        return self.db.execute("SELECT 1 FROM spans WHERE posting_id = ? LIMIT 1",
                               (pid,)).fetchone() is not None

    def uses(self, labels: Sequence[str]) -> dict[str, int]:
        """How many spans (rejected suggestions aside) each of ``labels`` has."""
        if not labels:
            return {}
        return dict(self.db.execute(
            f"SELECT label, count(*) FROM spans WHERE state != 'rejected' AND label IN"
            f" ({','.join('?' * len(labels))}) GROUP BY label", list(labels)))

    def rename_labels(self, moves: Sequence[tuple[str, str]]) -> None:
        """Give every span labelled ``old`` the label ``new``, for each (old, new) pair,
        all at once (so that swaps and chains of renames are safe). Inside the caller's
        transaction."""
        self.db.execute("CREATE TEMP TABLE IF NOT EXISTS span_moves (old, new)")
        self.db.execute("DELETE FROM span_moves")
        self.db.conn.executemany("INSERT INTO span_moves VALUES (?, ?)", moves)
        # one statement: each span reads its own old label, so a swap cannot mix them; a
        # rename is no one's labelling: each span stays its reviewer's (the name is marked
        # so that the connection does not stamp its own, then put back)
        self.db.execute("UPDATE spans SET label = (SELECT new FROM span_moves WHERE old = label),"
                        " reviewer = reviewer || char(31) WHERE label IN (SELECT old FROM"
                        " span_moves)")
        self.db.execute("UPDATE spans SET reviewer = substr(reviewer, 1, length(reviewer) - 1)"
                        " WHERE label IN (SELECT new FROM span_moves)"
                        " AND reviewer LIKE '%' || char(31)")

    def drop_labels(self, labels: Sequence[str]) -> int:
        """Remove the spans whose label is one of ``labels``; how many, rejected
        suggestions aside (as ``uses`` counts them)."""
        return self._remove(f"label IN ({','.join('?' * len(labels))})",
                            labels) if labels else 0

    def keep_labels(self, labels: Sequence[str]) -> int:
        """Remove the spans whose label is not one of ``labels``; how many, rejected
        suggestions aside."""
        return self._remove(f"label NOT IN ({','.join('?' * len(labels))})", labels)

    def _remove(self, where: str, labels: Sequence[str]) -> int:
        n = self.db.execute(f"SELECT count(*) FROM spans WHERE state != 'rejected' AND {where}",
                            list(labels)).fetchone()[0]
        self.db.execute(f"DELETE FROM spans WHERE {where}", list(labels))
        return int(n)

    def _skills_follow(self, pid: int) -> list[Row]:
        """Take out of posting ``pid``'s skills field each skill whose spans are all
        rejected now; the rows the field's edit replaced (none when no skill left)."""
        if self._decisions is None:
            return []
        state, value, evidence = self._decisions.current(pid, "skills")
        if state not in ("machine", "accepted", "corrected") or not isinstance(value, list):
            return []
        if state == "machine" and self.db.execute(
                "SELECT 1 FROM reviews WHERE posting_id = ? AND kind = 'field' AND"
                " key = 'skills' LIMIT 1", (pid,)).fetchone():
            return []  # undecided as its reviewers differ: theirs to settle, not the spans
        kept = skills_left(self._postings.cleaned(pid), value, evidence,
                           self._rejected(pid))
        if kept is None:
            return []
        skills, spans = kept
        # (a blank item an older version stored goes: the store refuses it now)
        skills = [s for s in skills if not isinstance(s, str) or s.strip()]
        edit = (self._decisions.set_field(pid, "skills", skills, spans) if skills
                else self._decisions.reject_field(pid, "skills"))
        return edit.rows

    def _rejected(self, pid: int) -> set[tuple[int, int]]:
        """The ranges of posting ``pid`` where spans were rejected and none stands."""
        states: dict[tuple[int, int], bool] = {}
        for start, end, state in self.db.execute(
                'SELECT start, "end", state FROM spans WHERE posting_id = ?', (pid,)):
            states[(start, end)] = states.get((start, end), True) and state == "rejected"
        return {where for where, rejected in states.items() if rejected}

    def _check(self, pid: int, ranges: Sequence[tuple[int, int]],
               seen: str | None = None, labels: Sequence[str] = ()) -> None:
        """ValueError for a range off the posting's text or of spaces alone (no export of
        tokens could hold it); ``TextChanged`` when ``seen``,
        the text the ranges were read in, is not the text the file holds now (the page
        was read again since): the ranges would fall on other words; ``SchemaChanged``
        for one of ``labels`` the label schema lacks."""
        if labels and (gone := set(labels) - span_labels(self.db)):
            raise SchemaChanged(f"span label {min(gone)!r}")
        cleaned = self._postings.cleaned(pid)
        if seen is not None and cleaned != seen:
            raise TextChanged
        size = len(cleaned)
        for start, end in ranges:
            if not 0 <= start < end <= size:
                raise ValueError(f"span {start}-{end} is outside the text (0-{size})")
            if cleaned[start:end].isspace():
                raise ValueError(f"span {start}-{end} holds no word, only spaces")

    def _check_new(self, pid: int, spans: Sequence[tuple[int, int, str]], state: str,
                   span_id: int = 0) -> None:
        """ValueError for ``spans`` (start, end, label) of posting ``pid`` whose words are
        labelled so already, in ``state``, by a span other than ``span_id``, or twice in
        ``spans`` (every export would hold them twice). The posting's spans read once."""
        if len(set(spans)) < len(spans):
            raise ValueError("the same words with the same label twice")
        there = set(self.db.execute('SELECT start, "end", label FROM spans WHERE posting_id = ?'
                                    " AND state = ? AND id != ?", (pid, state, span_id)))
        for start, end, label in spans:
            if (start, end, label) in there:
                raise ValueError(f"these words are {label} already")

    def _edit(self, span_id: int, description: str, sql: str, params: tuple[Any, ...],
              event: str, data: dict[str, Any]) -> Change:
        row = self.db.execute("SELECT posting_id FROM spans WHERE id = ?", (span_id,)).fetchone()
        if row is None:
            raise KeyError(span_id)
        with self.db.atomic():
            change = Change(description, [snapshot(self.db, "spans", (span_id,))])
            self.db.execute(sql, (*params, span_id))
            self._postings.touch(row[0], event, {"span": span_id, **data})
        return change


def skills_left(text: str, skills: Sequence[Any], evidence: Sequence[Sequence[int]],
                rejected: set[tuple[int, int]]) -> tuple[list[Any], list[list[int]]] | None:
    """The skills field once the spans at ``rejected`` ranges are rejected: (skills, their
    evidence) without each skill whose spans in ``evidence`` are all rejected; None when
    none goes. A span names the skill its words spell ("k8s": Kubernetes); a skill no
    span names (one a person typed) stays."""
    from reviewer.core.extract import shown_words, skill_name  # (not at every start)

    by_name = {str(s).casefold(): s for s in skills}

    def named(span: Sequence[int]) -> Any:
        words = " ".join(shown_words(text, span[0], span[1]).split())
        return by_name.get((skill_name(words) or words).casefold(),
                           by_name.get(words.casefold()))

    standing: dict[str, bool] = {}
    for span in evidence:
        skill = named(span)
        if skill is not None:
            key = str(skill).casefold()
            standing[key] = standing.get(key, False) or (span[0], span[1]) not in rejected
    gone = {name for name, stands in standing.items() if not stands}
    if not gone:
        return None
    return ([s for s in skills if str(s).casefold() not in gone],
            [list(span) for span in evidence if str(named(span)).casefold() not in gone])
