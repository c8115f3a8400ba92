"""A bulk edit (``BulkEdit``), what it would do (``Preview``) and what it changed
(``BulkChange``): the values ``store.bulk`` takes and gives, apart from the SQL that
makes the edits. A change keeps how each posting was compactly (an array of ids and,
for each, the number of its old state in a list of the distinct old states), so that
a million postings cost megabytes, not the snapshot rows a one-posting edit keeps; an
accept undone keeps a digest of each machine value it took back (``note_suggested``),
which its redo holds them to (``unchanged``).
"""

from __future__ import annotations

import hashlib
import json
from array import array
from dataclasses import dataclass, field
from typing import Any

from reviewer.core.store.sqlite import Database


@dataclass(frozen=True)
class BulkEdit:
    """What a bulk edit does to each posting.

    ``kind`` ``status``: ``value`` is the status. ``label``: ``name`` is a document
    question and ``value`` the options of its answer (none: no answer). ``field``:
    ``name`` is the field and ``value`` its value. ``accept``: the machine's value of
    field ``name`` is accepted where the posting has one and no person decided it."""

    kind: str
    name: str = ""
    value: Any = None

    def describe(self) -> str:
        """The edit in the words of the log and the undo (as a one-posting edit's)."""
        return {"status": f"mark {self.value}", "label": f"label {self.name}",
                "field": f"set {self.name}", "accept": f"accept {self.name}"}.get(
                    self.kind, self.kind)


@dataclass(frozen=True)
class Preview:
    """What a bulk edit would do: how many postings it changes, and how many of those
    lose a person's decision on the field (replaced by the new value)."""

    changing: int
    replacing: int = 0


@dataclass
class BulkChange:
    """A bulk edit made: the postings it changed (``ids``), and how each was before:
    ``states[codes[i]]`` for ``ids[i]``."""

    edit: BulkEdit
    ids: array[int] = field(default_factory=lambda: array("q"))
    codes: array[int] = field(default_factory=lambda: array("q"))
    states: list[tuple[Any, ...]] = field(default_factory=list)
    # postings its last undo (or the redo that made it) left as they were: changed since
    # by another process or reviewer
    left: list[int] = field(default_factory=list)
    schema: str | None = None  # an answer's: a digest of the label schema it was made on
    # an accept undone: a digest of each posting's machine value then (0: none), by place
    # in ``ids``; its redo accepts only those unchanged since
    suggested: array[int] | None = None
    _numbers: dict[tuple[Any, ...], int] = field(default_factory=dict, repr=False)

    @property
    def changed(self) -> int:
        """How many postings the edit changed."""
        return len(self.ids)

    @property
    def redo_ids(self) -> list[int]:
        """The postings its redo edits: those its undo put back."""
        left = set(self.left)
        return [pid for pid in self.ids if pid not in left]

    def keep(self, pid: int, state: tuple[Any, ...]) -> None:
        """Posting ``pid`` was in ``state`` before the edit."""
        number = self._numbers.get(state)
        if number is None:
            number = self._numbers[state] = len(self.states)
            self.states.append(state)
        self.ids.append(pid)
        self.codes.append(number)


def _suggested(db: Database, name: str, chunk: list[int]) -> dict[int, int]:
    """A digest of the machine's value of field ``name`` of each posting of ``chunk``
    that has one."""
    return {pid: int.from_bytes(hashlib.blake2b(str(value).encode("utf-8", "surrogatepass"),
                                                digest_size=8).digest(), "big", signed=True)
            for pid, value in db.execute(
                "SELECT posting_id, value FROM suggestions WHERE field = ? AND posting_id IN"
                " (SELECT value FROM json_each(?))", (name, json.dumps(chunk)))}


def note_suggested(db: Database, change: BulkChange, start: int, chunk: list[int]) -> None:
    """An accept being undone: the machine's value of each posting of ``chunk`` (at
    ``start`` in ``change.ids``) as it was accepted, for its redo (``unchanged``)."""
    if change.edit.kind != "accept":
        return
    if change.suggested is None or len(change.suggested) != len(change.ids):
        change.suggested = array("q", bytes(8 * len(change.ids)))
    held = _suggested(db, change.edit.name, chunk)
    for at, pid in enumerate(chunk):
        change.suggested[start + at] = held.get(pid, 0)


def unchanged(db: Database, change: BulkChange, start: int, chunk: list[int],
               planned: list[Any]) -> list[Any]:
    """Of the postings ``planned`` of ``chunk`` (at ``start`` in ``change.ids``), those an
    accept's redo may accept: their machine value the one its undo took back (the others
    are left, as changed since). An edit of another kind: all."""
    if change.edit.kind != "accept" or change.suggested is None:
        return planned
    now = _suggested(db, change.edit.name, chunk)
    was = {pid: change.suggested[start + at] for at, pid in enumerate(chunk)}
    return [p for p in planned if now.get(p[0], 0) == was[p[0]]]


__all__ = ["BulkChange", "BulkEdit", "Preview", "note_suggested", "unchanged"]
