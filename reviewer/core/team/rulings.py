"""Which of a project's final decisions are rulings, and an input's decisions sorted
into reviewers' values and rulings (``merge``'s)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from reviewer.core.store.merge_log import Made, Thing
from reviewer.core.store.reviewer import clean_name
from reviewer.core.store.reviews import same
from reviewer.core.store.transfer import Value
from reviewer.core.team.retract import Known, of_thing


def merged_name(reviewer: str, stem: str) -> str:
    """A reviewer's name as merged: the rows' name, else the file's."""
    name = clean_name(reviewer)
    return clean_name(stem) if name == "unknown" else name


def classify(finals: list[Value], reviews: Known, stem: str,
              here: dict[Thing, Made]) -> tuple[list[Value], list[Value]]:
    """An input's decisions as (reviewers' values, rulings): its final decisions, each its
    author's value where the input holds no reviewers' values for the thing, and its
    reviewers' values (``reviews``, of an input that was merged itself; ``here``, what a
    person decided in it since: ``MergeLog.made_here``)."""
    values: list[Value] = []
    rulings: list[Value] = []
    for thing, group in by_thing(finals).items():
        theirs = of_thing(reviews, thing)
        if any(v.ruling for v in group) or (
                theirs and is_ruling(group, theirs, stem, here.get(thing))):
            ruling = joined(group)
            if ruling.value or thing[1] != "spans":
                rulings.append(ruling)
        elif not theirs:
            values += group
    for pid, known in reviews.items():
        values += [Value(pid, who, kind, key, value, at)
                   for (who, kind, key), (value, at) in sorted(known.items())]
    return values, rulings


def is_ruling(final: list[Value], theirs: dict[str, Any], stem: str,
            made: Made | None = None) -> bool:
    """Whether a final decision is a ruling rather than its author's own value
    (``theirs``: each reviewer's value of the thing): an adjudicated field, one that is
    no reviewer's value, or one its author decided in the merged file itself (``made``:
    who last decided the thing there since its first merge, and what; a reviewer who
    adjudicates with their own answer rules too)."""
    if any(v.ruling for v in final):
        return True
    authors = {merged_name(v.reviewer, stem) for v in final}
    if made is not None and {a.casefold() for a in authors} == {
            merged_name(made[0], stem).casefold()} and (
            made[1] is None or same(made[1], final[0].value, final[0].kind)):
        return True
    if len(authors) != 1:
        return True
    mine = theirs.get(authors.pop())
    return mine is None or not same(mine, final[0].value, final[0].kind)


def joined(group: list[Value]) -> Value:
    """One value of a thing whose rows name several people (a label's options, the
    spans): all of them, in the first one's name."""
    first = group[0]
    if len(group) == 1 or first.kind not in ("label", "spans"):
        return first
    if first.kind == "label":
        return replace(first, value=sorted({o for v in group for o in v.value}))
    spans = {tuple(s): o for v in reversed(group) for s, o in zip(v.value, v.origins,
                                                                  strict=True)}
    ordered = sorted(spans)
    return replace(first, value=[list(s) for s in ordered],
                   origins=tuple(spans[s] for s in ordered), at=max(v.at for v in group))


def standing(kind: str, final: list[Value]) -> list[Value]:
    """The final decisions of a thing that stand: of spans, none when only rejections."""
    return [f for f in final if f.value] if kind == "spans" else final


def by_thing(values: list[Value]) -> dict[Thing, list[Value]]:
    out: dict[Thing, list[Value]] = {}
    for value in values:
        out.setdefault((value.posting, value.kind, value.key), []).append(value)
    return out

