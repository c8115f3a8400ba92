"""Edits in a project's log that may have taken a reviewer's decision back (what a
merge reads from an input file: ``team.retract``); and reading rows by their ids, a
chunk of ids a statement."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import Any

from reviewer.core.store.history import now
from reviewer.core.store.jsontext import loads
from reviewer.core.store.sqlite import Database

_CHUNK = 500  # ids per IN (...)
_TAKINGS = {"revert_field": "field", "set_labels": "label", "undo": "", "remove_span": "spans",
            "reject_span": "spans", "set_comment": "comment", "set_status": "status",
            "schema_removed": "", "taken_back": ""}


def takings_back(db: Database, ids: Sequence[int], merged_only: bool = False
                 ) -> list[tuple[int, str, str, str, str]]:
    """The edits on the postings ``ids`` that may have taken a decision back, from
    the log: (posting, reviewer, kind, key, when); a field reverted, a question's
    answer cleared, a span removed or rejected, the comment or the status set (to
    nothing, to new), an undo (kind and key "": it may have taken back anything),
    a change of the label schema that left a reviewer no answer to a question or
    no span (``log_lost``: the reviewer whose it was), and a reviewer's value a merge
    took out of the project because they took it back (``Reviews.remove``; these
    alone with ``merged_only``)."""
    out = []
    kinds = ("taken_back",) if merged_only else tuple(_TAKINGS)
    for chunk in chunks(sorted(ids)):
        for pid, who, kind, data, at in db.execute(
                "SELECT posting_id, reviewer, kind, data, at FROM events WHERE posting_id"
                f" IN ({marks(chunk)}) AND kind IN ({marks(kinds)})", [*chunk, *kinds]):
            said = loads(data, {})
            said = said if isinstance(said, dict) else {}
            if kind == "revert_field" and isinstance(said.get("field"), str):
                out.append((pid, who, "field", said["field"], at))
            elif kind == "set_labels" and isinstance(said.get("question"), str) \
                    and not said.get("options"):
                out.append((pid, who, "label", said["question"], at))
            elif kind == "undo":
                out.append((pid, who, "", "", at))
            elif kind in ("schema_removed", "taken_back"):  # whose it was, not who wrote
                if said.get("kind") in (("label", "spans") if kind == "schema_removed" else (
                        "field", "label", "spans", "status", "comment")) \
                        and isinstance(said.get("of"), str):
                    out.append((pid, said["of"], said["kind"], str(said.get("key", "")), at))
            elif kind not in ("revert_field", "set_labels"):
                out.append((pid, who, _TAKINGS[kind], "", at))
                if kind == "set_status":  # no longer reviewed: no answer on spans
                    out.append((pid, who, "spans", "", at))
    return out


def made_here(db: Database, ids: Sequence[int]) -> dict[tuple[int, str, str], tuple[str, Any]]:
    """What a person decided in this project itself after a merge brought the reviewers'
    values of a posting (adjudicating: a ruling, whoever made it), and the rulings a
    merge brought from a file where one was made (``log_ruled``): of the postings
    ``ids``, each (posting, kind, key) of a question's answer, the status or the comment,
    as (who, what they set; the comment's: None) of the latest."""
    out: dict[tuple[int, str, str], tuple[str, Any]] = {}
    for chunk in chunks(sorted(ids)):
        for pid, who, kind, data in db.execute(
                "SELECT e.posting_id, e.reviewer, e.kind, e.data FROM events e WHERE"
                f" e.posting_id IN ({marks(chunk)}) AND (e.kind = 'ruled' OR e.kind IN"
                " ('set_labels', 'set_status', 'set_comment') AND e.id > (SELECT min(m.id)"
                " FROM events m WHERE m.posting_id = e.posting_id AND m.kind = 'merge'))"
                " ORDER BY e.id", chunk):
            said = loads(data, {})
            said = said if isinstance(said, dict) else {}
            if kind == "ruled" and isinstance(said.get("of"), str) \
                    and said.get("kind") in ("label", "status", "comment"):
                out[(pid, said["kind"], str(said.get("key", "")))] = (said["of"],
                                                                      said.get("value"))
            elif kind == "set_labels" and isinstance(said.get("question"), str):
                options = said.get("options") or []
                out[(pid, "label", said["question"])] = (who, sorted(map(str, options)))
            elif kind == "set_status":
                out[(pid, "status", "")] = (who, said.get("status"))
            elif kind == "set_comment":
                out[(pid, "comment", "")] = (who, None)
    return out


def log_merged(db: Database, file: str, came: Sequence[tuple[int, str]]) -> None:
    """A line in the log of each posting a merge of ``file`` brought decisions to
    (``came``: each one's posting and reviewer): whose, and how many."""
    whose: dict[int, list[str]] = {}
    for pid, name in came:
        whose.setdefault(pid, []).append(name)
    stamp = now()
    db.conn.executemany(
        "INSERT INTO events (at, kind, posting_id, data) VALUES (?, ?, ?, ?)",
        [(stamp, "merge", pid, json.dumps({"file": file, "reviewers": sorted(set(names)),
                                           "decisions": len(names)}, ensure_ascii=False))
         for pid, names in sorted(whose.items())])


def log_ruled(db: Database, ruled: Sequence[tuple[int, str, str, str, Any]]) -> None:
    """Log the rulings a merge brought (posting, who, kind, key, value; a comment's
    value None): a ruling on a question, the status or the comment is no one's value
    where it comes, whoever made it (``made_here``)."""
    stamp = now()
    db.conn.executemany(
        "INSERT INTO events (at, kind, posting_id, data) VALUES (?, 'ruled', ?, ?)",
        [(stamp, pid, json.dumps({"of": who, "kind": kind, "key": key, "value": value},
                                 ensure_ascii=False)) for pid, who, kind, key, value in ruled])


def chunks(ids: list[Any]) -> Iterator[list[Any]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start:start + _CHUNK]


def marks(items: Sequence[Any]) -> str:
    return ", ".join("?" * len(items))


Thing = tuple[int, str, str, str]  # posting, reviewer, "label" or "spans", question or ""


def people_values(db: Database, questions: set[str], labels: set[str]) -> set[Thing]:
    """Who answers ``questions`` on which posting (the final answers and each reviewer's
    own), and who has a span of one of ``labels``: what a change of the label schema
    may take from them."""
    out: set[Thing] = set()
    for chunk in chunks(sorted(questions)):
        for sql in ("SELECT DISTINCT posting_id, reviewer, question FROM doc_labels WHERE"
                    f" question IN ({marks(chunk)})",
                    "SELECT DISTINCT posting_id, reviewer, key FROM reviews WHERE kind ="
                    f" 'label' AND key IN ({marks(chunk)})"):
            out.update((pid, who, "label", key) for pid, who, key in db.execute(sql, chunk))
    for chunk in chunks(sorted(labels)):
        out.update((pid, who, "spans", "") for pid, who in db.execute(
            "SELECT DISTINCT posting_id, reviewer FROM spans WHERE state = 'accepted' AND"
            f" label IN ({marks(chunk)})", chunk))
    return out


def outside_answers(db: Database, questions: set[str]) -> set[str]:
    """The questions answered (finally or by a reviewer) that are not ``questions`` (a
    record's, a merged file's): a change of the schema to ``questions`` removes them."""
    found = {q for (q,) in db.execute("SELECT DISTINCT question FROM doc_labels")}
    found.update(k for (k,) in db.execute("SELECT DISTINCT key FROM reviews WHERE kind ="
                                          " 'label'"))
    return found - questions


def outside_spans(db: Database, labels: set[str]) -> set[str]:
    """The span labels given that are not ``labels``."""
    return {label for (label,) in db.execute(
        "SELECT DISTINCT label FROM spans WHERE state = 'accepted'")} - labels


def log_lost(db: Database, before: set[Thing], renamed: dict[str, str]) -> None:
    """Log, on its posting, each of ``before`` (``people_values`` before a change of the
    label schema) that has no answer or span left: a merge takes it back from the
    reviewer it was of. (A reviewer's own spans left with none are still an answer.)
    ``renamed``: the questions renamed whole, each to its new name (the History says
    the answer is one to that question now)."""
    if not before:
        return
    left: set[Thing] = set()
    for chunk in chunks(sorted({pid for pid, *_ in before})):
        for sql in (f"SELECT posting_id, reviewer, 'label', question FROM doc_labels WHERE"
                    f" posting_id IN ({marks(chunk)})",
                    f"SELECT posting_id, reviewer, kind, key FROM reviews WHERE kind = 'label'"
                    f" AND posting_id IN ({marks(chunk)})",
                    f"SELECT posting_id, reviewer, 'spans', '' FROM spans WHERE state ="
                    f" 'accepted' AND posting_id IN ({marks(chunk)})"):
            left.update(db.execute(sql, chunk))
    stamp = now()
    db.conn.executemany(
        "INSERT INTO events (at, kind, posting_id, data) VALUES (?, 'schema_removed', ?, ?)",
        [(stamp, pid, json.dumps({"kind": kind, "key": key, "of": who} | (
            {"to": renamed[key]} if kind == "label" and key in renamed else {}),
            ensure_ascii=False)) for pid, who, kind, key in sorted(before - left)])
