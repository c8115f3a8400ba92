"""``store.merge_log``: what a merge reads from a project's log and writes to it.

Read from an input file: the edits that may have taken a reviewer's value back
(``takings_back``), and what a person decided in a merged file itself (``made_here``:
a ruling, whoever made it). Written to the file merged into, so that a merge of it
onward reads them too: whose values came in (``merge``), a reviewer's value taken out
because they took it back (``taken_back``, at the time they did), a ruling brought from
another file (``ruled``), and a final decision the merge settled on the reviewers'
values (``settled``: what a person decided before it is no ruling any more).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from typing import Any

from reviewer.core.store.history import now
from reviewer.core.store.jsontext import loads
from reviewer.core.store.sqlite import Database
from reviewer.core.store.takings import chunks, marks

# a line's place: its file (``MergeLog.origin``) and its number in the file's log, which
# orders the edits of one second (times are whole seconds); ("", 0): not known
Place = tuple[str, int]
Taking = tuple[int, str, str, str, str, Place]  # posting, reviewer, kind, key ("" any),
# when, and the place of the line that says it
# (a team's merge names OUT's postings so: ``team.retract``, ``team.rulings``)
Thing = tuple[int, str, str]  # posting, kind, key
# who, what (None: not said), the file it came from (None: made here), when it was logged
Made = tuple[str, Any, str | None, str]

_TAKINGS = {"revert_field": "field", "set_labels": "label", "undo": "", "remove_span": "spans",
            "reject_span": "spans", "set_comment": "comment", "set_status": "status",
            "schema_removed": "", "taken_back": ""}
_KINDS = ("field", "label", "spans", "status", "comment")
# a person's edits of a posting that decide a thing (spans: any of theirs)
_SPAN_EDITS = ("add_span", "add_spans", "remove_span", "reject_span", "relabel_span")
_MADE = ("set_labels", "set_status", "set_comment", "adjudicated_field", *_SPAN_EDITS)


def _things(said: dict[str, Any]) -> list[tuple[str, str]]:
    """What an undo or a redo changed, as its log line says ([] for one that does not)."""
    things = said.get("things")
    if not isinstance(things, list):
        return []
    return [(str(t[0]), str(t[1])) for t in things
            if isinstance(t, list) and len(t) == 2 and t[0] in _KINDS]


def _place(said: dict[str, Any]) -> Place:
    """The place a ``taken_back`` line gives the taking back it logs (none before they
    were logged)."""
    file, line = said.get("file"), said.get("line")
    return (file, line) if isinstance(file, str) and isinstance(line, int) else ("", 0)


def _decided(kind: str, said: dict[str, Any]) -> tuple[tuple[str, str], Any] | None:
    """What a person's edit (one of ``_MADE``) decided, and to what where its line says
    (None: not said): the thing and the value, or None for a line that names none."""
    if kind == "set_labels" and isinstance(said.get("question"), str):
        return ("label", said["question"]), sorted(map(str, said.get("options") or []))
    if kind == "set_status":
        return ("status", ""), said.get("status")
    if kind == "set_comment":
        return ("comment", ""), None
    if kind == "adjudicated_field" and isinstance(said.get("field"), str):
        return ("field", said["field"]), None
    if kind in _SPAN_EDITS:
        return ("spans", ""), None
    return None


class MergeLog:
    def __init__(self, db: Database) -> None:
        self.db = db

    def takings_back(self, ids: Sequence[int], merged_only: bool = False) -> list[Taking]:
        """The edits on the postings ``ids`` that may have taken a decision back:
        (posting, reviewer, kind, key, when); a field reverted, a question's answer
        cleared, a span removed or rejected, the comment or the status set (to nothing,
        to new), an undo (of what its line says it changed; one written before lines
        said it, kind and key "": it may have taken back anything), a change of
        the label schema that left a reviewer no answer to a question or no span
        (``takings.log_lost``: the reviewer whose it was), and a reviewer's value a merge
        found taken back (``log_taken_back``, at the place of the line in the file that
        said so; these alone with ``merged_only``)."""
        out: list[Taking] = []
        kinds = ("taken_back",) if merged_only else tuple(_TAKINGS)
        origin = self.origin()
        for pid, who, kind, said, at, number in self._events(ids, kinds):
            place = (origin, number)
            if kind == "revert_field" and isinstance(said.get("field"), str):
                out.append((pid, who, "field", said["field"], at, place))
            elif kind == "set_labels" and isinstance(said.get("question"), str) \
                    and not said.get("options"):
                out.append((pid, who, "label", said["question"], at, place))
            elif kind == "undo":  # (what it changed, where its line says: else anything)
                things = _things(said)
                out += [(pid, who, k, key, at, place) for k, key in things or [("", "")]]
                if ("status", "") in things:  # no longer reviewed: no answer on spans
                    out.append((pid, who, "spans", "", at, place))
            elif kind in ("schema_removed", "taken_back"):  # whose it was, not who wrote
                if kind == "taken_back":
                    place = _place(said)
                if said.get("kind") in (("label", "spans") if kind == "schema_removed"
                                        else _KINDS) and isinstance(said.get("of"), str):
                    out.append((pid, said["of"], said["kind"], str(said.get("key", "")), at,
                                place))
            elif kind not in ("revert_field", "set_labels"):
                out.append((pid, who, _TAKINGS[kind], "", at, place))
                if kind == "set_status":  # no longer reviewed: no answer on spans
                    out.append((pid, who, "spans", "", at, place))
        return out

    def made_here(self, ids: Sequence[int]) -> dict[Thing, Made]:
        """What stands of what a person decided in this project itself after a merge
        brought the reviewers' values of a posting (adjudicating: a ruling, whoever made
        it), and of the rulings merges brought (``log_ruled``): of the postings ``ids``,
        each thing's (who, what they set where the log says it, the file a ruling came
        from (None: made here), when), in the order of their last lines in the log. A
        thing a merge settled since (``log_settled``) is not, nor one an undo changed
        since (a redo makes it one again); an undo written before its line said what it
        changed took back any of the posting's made here."""
        mine: dict[int, dict[tuple[str, str], Made]] = {}
        merged: set[int] = set()
        for pid, who, kind, said, at, _number in self._events(
                ids, ("merge", "ruled", "settled", "undo", "redo", *_MADE)):
            made = mine.setdefault(pid, {})
            if kind == "merge":
                merged.add(pid)
            elif kind in ("ruled", "settled"):
                if said.get("kind") in _KINDS:
                    thing = (str(said["kind"]), str(said.get("key", "")))
                    made.pop(thing, None)
                    if kind == "ruled" and isinstance(said.get("of"), str):
                        made[thing] = (said["of"], said.get("value"), str(said.get("file", "")),
                                       at)
            elif kind in ("undo", "redo"):  # what it changed is no ruling, or one again
                things = _things(said) or [t for t, m in made.items() if m[2] is None]
                for thing in things:
                    made.pop(thing, None)
                    if kind == "redo" and pid in merged:
                        made[thing] = (who, None, None, at)
            elif pid in merged:  # (before the first merge: the author's own value)
                decided = _decided(kind, said)
                if decided is not None:
                    made.pop(decided[0], None)  # (in the order of the log's last line)
                    made[decided[0]] = (who, decided[1], None, at)
        return {(pid, *thing): m for pid, made in mine.items() for thing, m in made.items()}

    def origin(self) -> str:
        """With its file's name, which file a ruling came from: the id a merge gave the
        file it made (``Meta.set_made_by_merge``), else when its log began (another file
        of the same name is another, unless one is the other's copy)."""
        row = self.db.execute("SELECT value FROM project_meta WHERE key = 'file_id'"
                              ).fetchone() or self.db.execute(
            "SELECT at FROM events ORDER BY id LIMIT 1").fetchone()
        return "" if row is None else str(row[0])

    def names(self) -> set[str]:
        """Every name the log's lines carry (a reviewer who took back all they decided
        is named there alone)."""
        return {str(row[0]) for row in self.db.execute("SELECT DISTINCT reviewer FROM events")}

    def log_digest(self, upto: int | None = None) -> tuple[int, str]:
        """The log's lines up to id ``upto`` (None: all), as (the last one's id, a digest
        of them all): another file whose log gives the same up to that id goes on from
        this one's (this is an older copy of it)."""
        digest, last = hashlib.sha256(), 0
        for row in self.db.execute(
                "SELECT id, at, kind, posting_id, data, reviewer FROM events WHERE id <= ?"
                " ORDER BY id", (2**62 if upto is None else upto,)):
            digest.update(repr(tuple(row)).encode())
            last = row[0]
        return last, digest.hexdigest()

    def merged_before(self, ids: Sequence[int]) -> set[int]:
        """The postings of ``ids`` a merge brought reviewers' values to already."""
        return {pid for chunk in chunks(sorted(ids)) for (pid,) in self.db.execute(
            f"SELECT DISTINCT posting_id FROM events WHERE posting_id IN ({marks(chunk)})"
            " AND kind = 'merge'", chunk)}

    def _events(self, ids: Sequence[int], kinds: Sequence[str]
                ) -> list[tuple[int, str, str, dict[str, Any], str, int]]:
        """The log's lines of ``kinds`` on the postings ``ids``, in the order written:
        (posting, who, kind, data, when, the line's number)."""
        out = []
        for chunk in chunks(sorted(ids)):
            for pid, who, kind, data, at, number in self.db.execute(
                    "SELECT posting_id, reviewer, kind, data, at, id FROM events WHERE"
                    f" posting_id IN ({marks(chunk)}) AND kind IN ({marks(kinds)})"
                    " ORDER BY id", [*chunk, *kinds]):
                said = loads(data, {})
                out.append((pid, who, kind, said if isinstance(said, dict) else {}, at,
                            int(number)))
        out.sort(key=lambda event: event[0])  # (by posting; in the order written in each)
        return out

    def sources(self, ids: Sequence[int]) -> dict[tuple[int, str], tuple[str, str]]:
        """Which file the values of each reviewer (case aside) on the postings ``ids``
        came from, as the last merge that brought them says: (its name, its name and when
        its log began; "" where the merge did not say)."""
        out = {}
        for pid, _who, _kind, said, _at, _number in self._events(ids, ("merge",)):
            for name in said.get("reviewers") or []:
                out[(pid, str(name).casefold())] = (str(said.get("file", "")),
                                                    str(said.get("from", "")))
        return out

    def log_merged(self, file: str, came: Sequence[tuple[int, str]], source: str = "") -> None:
        """A line in the log of each posting a merge of ``file`` brought decisions to
        (``came``: each one's posting and reviewer): whose, how many, and which file
        (``source``: its name and when its log began, ``team.shared``)."""
        whose: dict[int, list[str]] = {}
        for pid, name in came:
            whose.setdefault(pid, []).append(name)
        self._log("merge", [(pid, {"file": file, "reviewers": sorted(set(names)),
                                   "decisions": len(names), "from": source})
                            for pid, names in sorted(whose.items())])

    def log_taken_back(self, taken: Sequence[Taking]) -> None:
        """Each reviewer's value a merge found taken back (posting, who, kind, key,
        when they took it back, the place of the line that said so), at that time."""
        self._log("taken_back", [
            (pid, {"of": who, "kind": kind, "key": key, **(
                {"file": place[0], "line": place[1]} if place[0] else {})}, at)
            for pid, who, kind, key, at, place in taken])

    def log_ruled(self, file: str, ruled: Sequence[tuple[int, str, str, str, Any]]) -> None:
        """The rulings a merge brought from ``file`` (posting, who, kind, key, value; a
        comment's, a field's and the spans' None)."""
        self._log("ruled", [(pid, {"of": who, "kind": kind, "key": key, "value": value,
                                   "file": file}) for pid, who, kind, key, value in ruled])

    def log_settled(self, settled: Sequence[Thing]) -> None:
        """The things whose final decision a merge set, or took away, on the reviewers'
        values."""
        self._log("settled", [(pid, {"kind": kind, "key": key})
                              for pid, kind, key in sorted(set(settled))])

    def _log(self, kind: str, lines: Sequence[tuple[Any, ...]]) -> None:
        """Lines of ``kind``: (posting, data), or (posting, data, when: else now)."""
        stamp = now()
        self.db.conn.executemany(
            "INSERT INTO events (at, kind, posting_id, data) VALUES (?, ?, ?, ?)",
            [(line[2] if len(line) > 2 else stamp, kind, line[0],
              json.dumps(line[1], ensure_ascii=False)) for line in lines])
