"""Values reviewers took back after a merge, found in their files' logs.

A merge adds and replaces reviewers' values. A value a reviewer takes back in their own
file afterwards (a field reverted to the machine's reading, a question's answer cleared,
a span removed or rejected, the comment cleared, the status set back to new, an edit
undone, the labels of options and span labels the label schema lost) leaves no row to
bring; the file's log says when it happened. A
reviewer's value in OUT no newer than a taking back in the file, of that thing (an
undo: of any), and that the file no longer holds, was taken back: OUT forgets it, and
the thing is settled again on the other reviewers' values. OUT's log then says what
was taken back, and when (``MergeLog.log_taken_back``; a taking back of one thing is
logged even where OUT held nothing of it yet): a merge of OUT onward takes the value
back too, and no file merged into OUT, before or after, that still holds the value
(one merged before, an older copy) brings it back, whatever the order of the files;
the reviewer's value given again since comes. Times are whole seconds: within one, the
place of the taking back's line in its file's log tells a value given after it from a
copy's taken before (``given_since``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from reviewer.core.store.merge_log import Taking
from reviewer.core.store.reviews import differ

Known = dict[int, dict[tuple[str, str, str], tuple[Any, str]]]  # posting → (who, kind, key)


def taken_back(takings: Iterable[Taking], held: set[tuple[int, str, str, str]],
               reviews: Known) -> list[Taking]:
    """The reviewers' values in OUT (posting, reviewer, kind, key) the takings took back,
    each with the time and place of the latest that did; ``held``: those the input still
    holds."""
    gone = latest(
        (pid, who, their_kind, their_key, at, place)
        for pid, name, kind, key, at, place in takings
        for (who, their_kind, their_key), (_value, made) in reviews.get(pid, {}).items()
        if who == name and made <= at and (pid, who, their_kind, their_key) not in held
        and (not kind or (their_kind, their_key) == (kind, key)))
    return [gone[thing] for thing in sorted(gone)]


def latest(takings: Iterable[Taking]) -> dict[tuple[int, str, str, str], Taking]:
    """The last taking back of each (posting, reviewer, kind, key): the latest, and of
    one second the last in its file's log."""
    out: dict[tuple[int, str, str, str], Taking] = {}
    for taking in takings:
        before = out.get(taking[:4])
        if before is None or (taking[4], taking[5][1]) > (before[4], before[5][1]):
            out[taking[:4]] = taking
    return out


def given_since(took: Taking, *own: Taking | None) -> bool:
    """Whether a value of the second in which a merge found it taken back (``took``;
    times are whole seconds) was given since: where the file that holds it took the
    thing back in that second itself (``own``: its last takings back of the thing, and
    of anything), at the same line of its log or after it (a taking back leaves no
    value). Not a copy of the file from before that line: its own taking back of the
    second was an earlier one. A line of another file, or a taking logged before
    places were, is not ordered against: the value comes."""
    return any(mine is not None and mine[4] == took[4] and (
        not took[5][0] or mine[5][0] != took[5][0] or mine[5][1] >= took[5][1])
        for mine in own)


def of_thing(known: Known, thing: tuple[int, str, str]) -> dict[str, Any]:
    """Each reviewer's value of a thing (posting, kind, key)."""
    pid, kind, key = thing
    return {who: value for (who, k, kk), (value, _at) in known.get(pid, {}).items()
            if k == kind and kk == key}


def agreed(rest: dict[tuple[str, str, str], tuple[Any, str]], kind: str,
           key: str) -> tuple[str, Any, str] | None:
    """What the other reviewers of a thing agree on, the latest of them, as (reviewer,
    value, when); None when none is left or they differ."""
    values = [(who, value, at) for (who, k, kk), (value, at) in rest.items()
              if (k, kk) == (kind, key)]
    if not values or differ([value for _who, value, _at in values], kind):
        return None
    return max(values, key=lambda v: (v[2], v[0]))  # (the same in any order of merging)


class Tally:
    """What a merge run did to OUT's final decisions, counted against each thing as it
    was when the run first touched it (not change by change: a value the first file made
    final and a later one took away was neither written nor taken away): ``report.final``
    the things whose final value now differs from then, ``report.withdrawn`` those final
    then and none now."""

    def __init__(self, report: Any) -> None:
        self.report = report
        self._was: dict[tuple[int, str, str], str | None] = {}
        self._now: dict[tuple[int, str, str], str | None] = {}

    def note(self, thing: tuple[int, str, str], final: list[Any], now: str | None) -> None:
        """The final value of ``thing`` went from ``final`` (its standing ``Value``, or
        none) to ``now`` (as JSON text; None: none)."""
        text = dumps(final[0].value) if final else None
        was = self._was.setdefault(thing, text)
        self._count(was, self._now.get(thing, was), -1)
        self._now[thing] = now
        self._count(was, now, 1)

    def _count(self, was: str | None, now: str | None, step: int) -> None:
        self.report.final += step * (now is not None and now != was)
        self.report.withdrawn += step * (was is not None and now is None)


def dumps(value: Any) -> str:
    """A value as JSON text, keys sorted: two texts are alike when the values are."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True)
