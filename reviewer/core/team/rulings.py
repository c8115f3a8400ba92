"""An input's decisions sorted into reviewers' values and rulings (``merge``'s; which
final decisions are rulings: ``store.ruled``)."""

from __future__ import annotations

from dataclasses import replace

from reviewer.core.store.merge_log import Made, Thing
from reviewer.core.store.ruled import by_thing, is_ruling
from reviewer.core.store.transfer import Value
from reviewer.core.team.retract import Known, of_thing


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
