"""``store.models``: the models a project learnt from its reviewed postings.

A model is kept as bytes with what it is (``kind``), when it was trained, how many
and which reviewed postings it learnt from, and an ``info`` object (its format, the
versions it was made with, its cross-validated figures). The store neither reads nor
trusts the bytes: loading them is the learning package's work, which refuses what it
did not write. Only the newest model of a kind is used; older ones are dropped when a
new one is kept (``keep`` of them stay), so the file does not grow with every training.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import orjson

from reviewer.core.store.history import now
from reviewer.core.store.jsontext import loads
from reviewer.core.store.sqlite import Database


@dataclass(frozen=True)
class StoredModel:
    id: int
    kind: str
    trained_at: str
    postings: int
    info: dict[str, Any]
    data: bytes


class Models:
    """The learnt models of a project."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def save(self, kind: str, data: bytes, learnt_from: Sequence[int],
             info: Mapping[str, Any], keep: int = 1) -> int:
        """Keep a new model of ``kind`` (the newest, in use from now on) and drop all but
        the ``keep`` newest of that kind; one transaction. Its id."""
        with self.db.atomic():
            cur = self.db.execute(
                "INSERT INTO models (kind, trained_at, postings, learnt_from, info, data) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (kind, now(), len(learnt_from), orjson.dumps(list(learnt_from)).decode(),
                 orjson.dumps(dict(info)).decode(), data))
            new = int(cur.lastrowid or 0)
            self.db.execute(
                "DELETE FROM models WHERE kind = ? AND id NOT IN "
                "(SELECT id FROM models WHERE kind = ? ORDER BY id DESC LIMIT ?)",
                (kind, kind, max(1, keep)))
        return new

    def latest(self, kind: str) -> StoredModel | None:
        """The newest model of ``kind``, or None. A column of another type than the
        store writes (a file edited by hand) reads as nothing: bytes that are not bytes
        as none, which no loader takes, a count that is not a number as 0, a date that
        is not text as none."""
        row = self.db.execute(
            "SELECT id, kind, trained_at, postings, info, data FROM models WHERE kind = ? "
            "ORDER BY id DESC LIMIT 1", (kind,)).fetchone()
        if row is None:
            return None
        model_id, kind, trained_at, postings, info, data = row
        return StoredModel(int(model_id), str(kind),
                           trained_at if isinstance(trained_at, str) else "",
                           postings if type(postings) is int else 0, _object(info),
                           data if isinstance(data, bytes) else b"")

    def learnt_from(self, model_id: int) -> list[int]:
        """The ids of the postings a model learnt from."""
        row = self.db.execute("SELECT learnt_from FROM models WHERE id = ?",
                              (model_id,)).fetchone()
        ids = loads(row[0], []) if row is not None else []
        return [int(i) for i in ids if isinstance(i, int)] if isinstance(ids, list) else []

    def drop(self, kind: str) -> int:
        """Forget every model of ``kind``; how many there were."""
        with self.db.atomic():
            return self.db.execute("DELETE FROM models WHERE kind = ?", (kind,)).rowcount


def _object(text: str) -> dict[str, Any]:
    value = loads(text, {})
    return value if isinstance(value, dict) else {}
