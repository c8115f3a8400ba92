"""The ruling "no span labels" through a merge, judged once every input of it is in.

The ruling is a person's rejection, in the merged file, of the spans the reviewers
labelled where they differed (``reviews.differing`` then finds the spans decided: none).
It lasts only while the reviewers' spans stay as they were ruled on: once they differ
from those, it lapses (its rejections go) and the spans are decided on the reviewers'
values again. Judged file by file, a span a second file's reviewer labelled too was
accepted and the rejection dropped, and a third file whose reviewer labelled none took
the span away: the same files in another order kept the ruling. So the merge holds back
the spans of a posting that has rejected ones when it first comes to it (``Held``), and
settles them at its end, from the reviewers' spans as all the inputs left them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from reviewer.core.store.merge_log import Thing
from reviewer.core.store.reviews import differ, same
from reviewer.core.store.transfer import Transfer, Value
from reviewer.core.team.retract import Known, of_thing
from reviewer.core.team.rulings import standing

Span = tuple[int, int, str]


@dataclass(frozen=True)
class Held:
    """A posting as a merge first came to it: its reviewers' values ((reviewer, kind,
    key) → (value, when)), the spans rejected in the merged file, and whether it had
    spans accepted."""

    reviews: dict[tuple[str, str, str], tuple[Any, str]]
    rejected: frozenset[Span]
    accepted: bool


def spans_of(reviews: dict[tuple[str, str, str], tuple[Any, str]]) -> dict[str, Any]:
    """Each reviewer's spans among a posting's reviewers' values."""
    return {who: value for (who, kind, _key), (value, _at) in reviews.items()
            if kind == "spans"}


def labelled(theirs: dict[str, Any]) -> list[Span]:
    """The spans any of the reviewers labelled, in order."""
    return sorted({(int(s[0]), int(s[1]), str(s[2])) for value in theirs.values()
                   if isinstance(value, list) for s in value})


def ruled_none(held: Held) -> bool:
    """Whether a posting held the ruling "no span labels": its reviewers differ on the
    spans, none is accepted, and every span they labelled is rejected."""
    theirs = spans_of(held.reviews)
    spans = labelled(theirs)
    return (not held.accepted and differ(list(theirs.values()), "spans") and bool(spans)
            and set(spans) <= held.rejected)


def as_ruled(held: Held, now: dict[str, Any]) -> bool:
    """Whether the reviewers' spans ``now`` are those the ruling was made on: the same
    reviewers, each one's alike (``reviews.same``)."""
    before = spans_of(held.reviews)
    return before.keys() == now.keys() and all(
        same(before[who], now[who], "spans") for who in before)


class HeldSpans:
    """The spans a merge holds back until its end, of the postings of the merged file
    that had rejected spans when it came to them first."""

    def __init__(self) -> None:
        self.seen: set[int] = set()
        self.held: dict[int, Held] = {}
        self.came: dict[int, tuple[str, Value]] = {}  # the latest spans value of each

    def hold(self, transfer: Transfer, pids: list[int], finals: dict[Thing, list[Value]],
             earlier: Known) -> None:
        """Hold back the spans of those of ``pids`` (the merged file's postings, before an
        input's values come: ``earlier``) that have rejected ones, where the merge comes
        to them first."""
        new = [pid for pid in pids if pid not in self.seen]
        self.seen.update(new)
        for pid, rejected in transfer.rejected_spans(new).items():
            accepted = bool(standing("spans", finals.get((pid, "spans", ""), [])))
            self.held[pid] = Held(earlier.get(pid, {}), frozenset(rejected), accepted)

    def keeps(self, thing: Thing, name: str = "", value: Value | None = None) -> bool:
        """Whether the spans ``thing`` are held back (``value``: its reviewer ``name``'s,
        come in)."""
        pid, kind, _key = thing
        if kind != "spans" or pid not in self.held:
            return False
        if value is not None:
            self.came[pid] = (name, value)
        return True

    def settle(self, transfer: Transfer, reviews: Known
               ) -> Iterator[tuple[Thing, Known, str, Value, bool]]:
        """The spans held back that are to be settled again, each with the reviewers'
        values of its posting when the merge came to it, the latest value that came of
        them and its reviewer (or none), and whether its ruling "no span labels" lapsed
        (its rejections taken away here); not those whose ruling stands, the reviewers'
        spans as it was made on. Then it holds none."""
        for pid, held in sorted(self.held.items()):
            ruled = ruled_none(held)
            if ruled and as_ruled(held, of_thing(reviews, (pid, "spans", ""))):
                continue
            if ruled:
                transfer.unreject(pid, labelled(spans_of(held.reviews)))
            name, value = self.came.get(pid, ("", Value(pid, "", "spans", "", [], "")))
            yield (pid, "spans", ""), {pid: held.reviews}, name, value, ruled
        self.seen, self.held, self.came = set(), {}, {}
