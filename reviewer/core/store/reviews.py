"""``store.reviews``: each reviewer's own values of a posting, after their files merged.

One row per posting, reviewer and thing decided: ``kind`` field (``key`` the field,
``value`` ``{"state", "value", "spans"}``), label (``key`` the question, ``value`` its
options, sorted), spans (``value`` the accepted spans ``[[start, end, label], ...]``,
sorted), status or comment (``key`` ""). The project's own tables (annotations,
doc_labels, spans, postings) hold the final decision: where every reviewer who decided
a thing agrees, that value; where they differ, nothing until someone adjudicates, and
the posting is a disagreement (``postings.disagreement``) as long as one such thing is
left (spans are settled once the posting has accepted spans of its own). ``adjudicate``
stores a field's final value with the state "adjudicated" (and the adjudicator's name,
as every edit carries it); a label's final answer is given as any other
(``labels.answer``), after which ``refresh`` clears the mark.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from reviewer.core.record_check import person_problem, value_problem
from reviewer.core.schema import FIELD_NAMES, FIELDS, value_key
from reviewer.core.store.decisions import ChangedMeanwhile
from reviewer.core.store.history import Change, now, snapshot
from reviewer.core.store.jsontext import loads
from reviewer.core.store.postings import Postings
from reviewer.core.store.sqlite import Database

KINDS = ("field", "label", "spans", "status", "comment")
# (posting_id, reviewer, kind, key, value as JSON, at)
ReviewRow = tuple[int, str, str, str, str, str]
_LABELS = {spec.name: spec.label for spec in FIELDS}


def same(a: Any, b: Any, kind: str = "field") -> bool:
    """Do two reviewers' values of a thing of ``kind`` say the same (no case, spaces as
    one, lists as sets for labels and spans, and a list field's items in any order)? A
    question's options and the spans' labels are the schema's names, compared as
    written: "Skill" is another label than "SKILL"."""
    return normalise(a, kind) == normalise(b, kind)


def differ(values: Sequence[Any], kind: str = "field") -> bool:
    """Do two or more reviewers' values of one thing say different things?"""
    return len(values) >= 2 and not all(same(values[0], v, kind) for v in values[1:])


_NAMED = ("label", "spans")  # things whose values are the schema's names


def normalise(value: Any, kind: str = "field") -> str:
    """A value as reviewers' values are compared: a field's rejection is its value
    None; text without case or extra spaces, but a schema's names (``_NAMED``)."""
    if kind in _NAMED:
        items = value if isinstance(value, list) else [value]
        return json.dumps(sorted({json.dumps(item, sort_keys=True) for item in items}))
    if isinstance(value, dict) and "state" in value:
        value = None if value.get("state") == "rejected" else value.get("value")
    value = _trimmed(value)
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        # the same skills in another order, or one written twice, say the same
        return value_key(sorted({value_key(item) for item in value}))
    return value_key(value)  # as the extraction's stages' values are compared


def _trimmed(value: Any) -> Any:
    """``value`` with no spaces at the ends of its texts ("a " is "a"), a whole number
    written with a point as one without (3.0 is 3)."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, list):
        return [_trimmed(item) for item in value]
    if isinstance(value, dict):
        return {key: _trimmed(item) for key, item in value.items()}
    return value


class Reviews:
    """The merged values of several reviewers, and the disagreements between them."""

    def __init__(self, db: Database, postings: Postings) -> None:
        self.db = db
        self._postings = postings
        postings.marks = self.refresh_merged  # (each edit's posting: ``Postings.refresh``)

    def put(self, rows: Iterable[ReviewRow]) -> None:
        """Keep these reviewers' values (in place of what the same reviewer had for the
        same thing); one transaction."""
        with self.db.atomic():
            self.db.conn.executemany(
                "INSERT OR REPLACE INTO reviews (posting_id, reviewer, kind, key, value, at)"
                " VALUES (?, ?, ?, ?, ?, ?)", list(rows))

    def remove(self, pid: int, reviewer: str, kind: str, key: str) -> None:
        """Forget one reviewer's value of one thing (they took it back)."""
        self.db.execute("DELETE FROM reviews WHERE posting_id = ? AND reviewer = ? AND"
                        " kind = ? AND key = ?", (pid, reviewer, kind, key))

    def as_shown(self, pid: int, kind: str, key: str, shown: dict[str, Any]) -> None:
        """``ChangedMeanwhile`` unless the reviewers' values of one thing of posting
        ``pid`` are still ``shown`` (reviewer → value, as ``of`` gave them): a ruling that
        takes one of them, read before a merge changed them, would set a value its
        reviewer took back. Values are compared as the disagreement is (``same``): one
        given again with other evidence, or its skills in another order, is as shown.
        Called in the ruling's own transaction."""
        held = {who: loads(value) for who, value in self.db.execute(
            "SELECT reviewer, value FROM reviews WHERE posting_id = ? AND kind = ? AND"
            " key = ?", (pid, kind, key))}
        if held.keys() != shown.keys() or not all(
                same(value, shown[who], kind) for who, value in held.items()):
            what = _LABELS.get(key, key) if kind == "field" else \
                f"question {key.replace('_', ' ')}" if kind == "label" else \
                "the span labels" if kind == "spans" else f"the {kind}"
            raise ChangedMeanwhile([], f"the reviewers' values of {what} changed since they "
                                       "were shown (a merge brought others)")

    def of(self, pid: int) -> dict[str, dict[tuple[str, str], Any]]:
        """Every reviewer's values of posting ``pid``: name → (kind, key) → value."""
        out: dict[str, dict[tuple[str, str], Any]] = {}
        for reviewer, kind, key, value in self.db.execute(
                "SELECT reviewer, kind, key, value FROM reviews WHERE posting_id = ?"
                " ORDER BY reviewer, kind, key", (pid,)):
            out.setdefault(reviewer, {})[(kind, key)] = loads(value)
        return out

    def rows(self, kind: str | None = None) -> Iterator[tuple[int, str, str, str, Any]]:
        """(posting, reviewer, kind, key, value) of every reviewer's value (of ``kind``),
        by posting."""
        where, params = ("WHERE kind = ?", (kind,)) if kind else ("", ())
        for pid, reviewer, kind_, key, value in self.db.execute(
                f"SELECT posting_id, reviewer, kind, key, value FROM reviews {where}"
                " ORDER BY posting_id, kind, key, reviewer", params):
            yield pid, reviewer, kind_, key, loads(value)

    def reviewers(self) -> list[str]:
        """The reviewers whose values the project holds, by name."""
        return [r[0] for r in self.db.execute(
            "SELECT DISTINCT reviewer FROM reviews ORDER BY reviewer")]

    def every_name(self) -> list[str]:
        """Every reviewer the project names, by name: those whose values it holds, those
        who set a posting's status, and those whose decisions stand (an adjudicator's):
        the names an export gives its annotations."""
        return sorted({r[0] for r in self.db.execute(
            "SELECT reviewer FROM reviews UNION SELECT status_by FROM postings UNION SELECT"
            " reviewer FROM annotations UNION SELECT reviewer FROM doc_labels UNION SELECT"
            " reviewer FROM spans WHERE state != 'suggested'")} - {""})

    def differing(self, pid: int) -> list[tuple[str, str]]:
        """The (kind, key) of posting ``pid`` on which its reviewers differ and which has
        no final decision yet (a field's annotation, a question's answer, the accepted
        spans or all of theirs rejected, a status other than new, a comment)."""
        values: dict[tuple[str, str], list[Any]] = {}
        for by_key in self.of(pid).values():
            for thing, value in by_key.items():
                values.setdefault(thing, []).append(value)
        decided_fields = {r[0] for r in self.db.execute(
            "SELECT field FROM annotations WHERE posting_id = ?", (pid,))}
        answered = {r[0] for r in self.db.execute(
            "SELECT DISTINCT question FROM doc_labels WHERE posting_id = ?", (pid,))}
        status, comment = self.db.execute(
            "SELECT status, comment FROM postings WHERE id = ?", (pid,)).fetchone() or ("", "")
        out = []
        for (kind, key), found in sorted(values.items()):
            if not differ(found, kind):
                continue
            if (kind == "field" and key in decided_fields) or \
                    (kind == "label" and key in answered) or \
                    (kind == "spans" and self._spans_decided(pid, found)) \
                    or (kind == "status" and status != "new") or (kind == "comment" and comment):
                continue
            out.append((kind, key))
        return out

    def status_undecided(self) -> int:
        """How many postings are "new" only as their reviewers gave them different
        statuses, no one ruling yet: an export of the reviewed postings leaves them out."""
        rows = self.db.execute(  # (the statuses of such postings, read in one go)
            "SELECT r.posting_id, r.value FROM reviews r JOIN postings p ON p.id = r.posting_id"
            " WHERE p.disagreement = 1 AND p.status = 'new' AND r.kind = 'status'"
            " ORDER BY r.posting_id")
        return sum(differ([loads(value) for _pid, value in given], "status")
                   for _pid, given in itertools.groupby(rows, key=lambda row: row[0]))

    def _held(self, pid: int, name: str, value: Any) -> bool:
        """Is ``value`` the one a reviewer gave field ``name`` of posting ``pid``, or the
        machine's?"""
        theirs = [loads(row[0]) for row in self.db.execute(
            "SELECT value FROM reviews WHERE posting_id = ? AND kind = 'field' AND key = ?",
            (pid, name))]  # (each {"value", "spans"})
        machine = [loads(row[0]) for row in self.db.execute(
            "SELECT value FROM suggestions WHERE posting_id = ? AND field = ?", (pid, name))]
        return value in machine or any(
            isinstance(given, dict) and given.get("value") == value for given in theirs)

    def _spans_decided(self, pid: int, given: Sequence[Any]) -> bool:
        """Whether the span labels of posting ``pid`` have a final decision: a span
        accepted, or (the ruling "none") every span its reviewers labelled rejected."""
        kept: dict[str, set[tuple[Any, ...]]] = {"accepted": set(), "rejected": set()}
        for start, end, label, state in self.db.execute(
                'SELECT start, "end", label, state FROM spans WHERE posting_id = ? AND'
                " state IN ('accepted', 'rejected')", (pid,)):
            kept[state].add((start, end, label))
        labelled = {tuple(s) for value in given if isinstance(value, list) for s in value}
        return bool(kept["accepted"]) or (bool(labelled) and labelled <= kept["rejected"])

    def relabel(self, answers: dict[tuple[str, str], tuple[str, str]],
                kept: set[tuple[str, str]], spans: dict[str, str], span_labels: set[str],
                gone: set[tuple[str, str]] = frozenset(),  # type: ignore[assignment]
                gone_spans: set[str] = frozenset()) -> int:  # type: ignore[assignment]
        """The reviewers' own answers and span labels after the label schema changed,
        moved as the final ones are (``Labels.save_schema``: ``answers`` and ``spans`` map
        the old names to the new, ``kept`` and ``span_labels`` are those that stay); the
        disagreement marks follow. Returns how many of their labels went (no option of
        the new schema took them)."""
        rows = self.db.execute("SELECT posting_id, reviewer, kind, key, value, at FROM reviews"
                               " WHERE kind IN ('label', 'spans')").fetchall()
        new: dict[tuple[int, str, str, str], tuple[set[Any], str]] = {}
        went = 0
        for pid, who, kind, key, value, at in rows:
            for item in loads(value, []) or []:
                if kind == "label":  # (one that goes nowhere goes, even where another
                    # option takes its name)
                    question, option = ("", "") if (key, item) in gone else answers.get(
                        (key, item), (key, item))
                    if (question, option) in kept:
                        new.setdefault((pid, who, kind, question), (set(), at))[0].add(option)
                    else:
                        went += 1
                    continue
                label = "" if item[2] in gone_spans else spans.get(item[2], item[2])
                if label in span_labels:
                    new.setdefault((pid, who, kind, ""), (set(), at))[0].add(
                        (item[0], item[1], label))
                else:
                    went += 1
            if kind == "spans":  # (no spans is an answer too)
                new.setdefault((pid, who, kind, ""), (set(), at))
        texts = {thing: json.dumps(sorted(map(list, values) if thing[2] == "spans" else values),
                                   ensure_ascii=False) for thing, (values, _at) in new.items()}
        was = {(pid, who, kind, key): value for pid, who, kind, key, value, _at in rows}
        changed = {thing[0] for thing in was.keys() ^ texts.keys()} | {
            thing[0] for thing, text in texts.items() if was.get(thing) != text}
        if changed:
            self.db.execute("DELETE FROM reviews WHERE kind IN ('label', 'spans')")
            self.put((*thing, text, new[thing][1]) for thing, text in texts.items())
            self.refresh(sorted(changed))
        return went

    def refresh(self, pids: Sequence[int]) -> None:
        """Mark the postings ``pids`` as disagreements or not, by what ``differing`` finds."""
        with self.db.atomic():
            self.db.conn.executemany(
                "UPDATE postings SET disagreement = ? WHERE id = ?",
                [(1 if self.differing(pid) else 0, pid) for pid in pids])

    def refresh_merged(self, pids: Sequence[int]) -> None:
        """``refresh`` for those of ``pids`` that hold reviewers' values (the rest have
        nothing to differ on): after an edit of many postings."""
        found: list[int] = []
        for i in range(0, len(pids), 500):
            chunk = list(pids[i:i + 500])
            found += [r[0] for r in self.db.execute(
                "SELECT DISTINCT posting_id FROM reviews WHERE posting_id IN"
                f" ({','.join('?' * len(chunk))})", chunk)]
        if found:
            self.refresh(found)

    def adjudicate(self, pid: int, name: str, value: Any,
                   spans: list[list[int]] | None = None,
                   shown: dict[str, Any] | None = None) -> Change:
        """The final value of field ``name`` where reviewers differed (None: the posting
        has none), stored as "adjudicated"; the disagreement mark follows. ValueError for
        a value no record may hold (``record_check.person_problem``), nothing written.
        ``shown``: the reviewers' values of the field the value was taken from, as a
        person saw them (``as_shown``: ``ChangedMeanwhile`` where they changed since)."""
        if name not in FIELD_NAMES:
            raise ValueError(f"{name}: not a field of schema v1")
        if (problem := person_problem(name, value)) is not None \
                and (value_problem(name, value) or not self._held(pid, name, value)):
            raise ValueError(f"{name}: {problem}")  # (one a reviewer or the machine gave
        if not self._postings.exists(pid):  # may be taken: 55 years, as it was read)
            raise KeyError(pid)
        with self.db.atomic():
            if shown is not None:
                self.as_shown(pid, "field", name, shown)
            change = Change(f"adjudicate {name}", [snapshot(self.db, "annotations", (pid, name)),
                                                   snapshot(self.db, "postings", (pid,))])
            self.db.execute(
                "INSERT OR REPLACE INTO annotations (posting_id, field, state, value, spans,"
                " updated_at) VALUES (?, ?, 'adjudicated', ?, ?, ?)",
                (pid, name, json.dumps(value, ensure_ascii=False) if value is not None
                 else None, json.dumps(spans or []), now()))
            self.refresh([pid])
            self._postings.touch(pid, "adjudicated_field", {"field": name})
        return change
