"""Edits in a project's log that may have taken a reviewer's decision back (what a
merge reads from an input file: ``team.retract``); and reading rows by their ids, a
chunk of ids a statement."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from reviewer.core.store.jsontext import loads
from reviewer.core.store.sqlite import Database

_CHUNK = 500  # ids per IN (...)
_TAKINGS = {"revert_field": "field", "set_labels": "label", "undo": "", "remove_span": "spans",
            "reject_span": "spans", "set_comment": "comment", "set_status": "status"}


def takings_back(db: Database, ids: Sequence[int]) -> list[tuple[int, str, str, str, str]]:
    """The edits on the postings ``ids`` that may have taken a decision back, from
    the log: (posting, reviewer, kind, key, when); a field reverted, a question's
    answer cleared, a span removed or rejected, the comment or the status set (to
    nothing, to new), an undo (kind and key "": it may have taken back anything),
    and a change of the label schema that removed or renamed labels (on every
    posting, kind "label" and "spans" with key "": any question's answer, the
    spans)."""
    out = []
    for chunk in chunks(sorted(ids)):
        for pid, who, kind, data, at in db.execute(
                "SELECT posting_id, reviewer, kind, data, at FROM events WHERE posting_id"
                f" IN ({marks(chunk)}) AND kind IN ({marks(tuple(_TAKINGS))})",
                [*chunk, *_TAKINGS]):
            said = loads(data, {})
            said = said if isinstance(said, dict) else {}
            if kind == "revert_field" and isinstance(said.get("field"), str):
                out.append((pid, who, "field", said["field"], at))
            elif kind == "set_labels" and isinstance(said.get("question"), str) \
                    and not said.get("options"):
                out.append((pid, who, "label", said["question"], at))
            elif kind == "undo":
                out.append((pid, who, "", "", at))
            elif kind not in ("revert_field", "set_labels"):
                out.append((pid, who, _TAKINGS[kind], "", at))
                if kind == "set_status":  # no longer reviewed: no answer on spans
                    out.append((pid, who, "spans", "", at))
    return out + [(pid, who, kind, "", at) for who, at in _schema_changes(db)
                  for pid in ids for kind in ("label", "spans")]


def _schema_changes(db: Database) -> list[tuple[str, str]]:
    """(reviewer, when) of each change of the label schema that removed or renamed
    labels."""
    out = []
    for who, data, at in db.execute("SELECT reviewer, data, at FROM events WHERE kind ="
                                    " 'label_schema' AND posting_id IS NULL"):
        said = loads(data, {})
        if isinstance(said, dict) and (said.get("removed") or said.get("renamed")):
            out.append((who, at))
    return out


def chunks(ids: list[Any]) -> Iterator[list[Any]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start:start + _CHUNK]


def marks(items: Sequence[Any]) -> str:
    return ", ".join("?" * len(items))


def split_from(db: Database) -> tuple[str, str] | None:
    """(the project's file name, when) of the split that wrote this file; None when no
    split did."""
    for data, at in db.execute("SELECT data, at FROM events WHERE kind = 'split' AND"
                               " posting_id IS NULL ORDER BY at DESC LIMIT 1"):
        said = loads(data, {})
        if isinstance(said, dict) and isinstance(said.get("source"), str):
            return said["source"], at
    return None


def schema_renames(db: Database, since: str) -> list[tuple[list[Any], list[Any]]]:
    """The renames of each change of the label schema from ``since`` on (the log counts
    whole seconds: one in the second a split ended is taken for one after it), oldest
    first:
    (answers [[old question, old option, new question, new option], ...], span labels
    [[old, new], ...]), each change's moves made at once."""
    out = []
    for (data,) in db.execute("SELECT data FROM events WHERE kind = 'label_schema' AND"
                              " posting_id IS NULL AND at >= ? ORDER BY at, id", (since,)):
        said = loads(data, {})
        if isinstance(said, dict) and (said.get("moves") or said.get("span_moves")):
            out.append((list(said.get("moves") or []), list(said.get("span_moves") or [])))
    return out


def schema_changed(db: Database, since: str) -> bool:
    """Did a change of the label schema from ``since`` on remove or rename labels?"""
    return any(at >= since for _who, at in _schema_changes(db))
