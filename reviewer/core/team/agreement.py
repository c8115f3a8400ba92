"""How far the reviewers agree, from each reviewer's own values in a merged project.

Read from ``store.reviews`` (one row a posting, reviewer and thing decided) and worked out
by pure functions, so that the figures can be checked against a reference on the same data:

**Fields**: exact agreement after normalisation (``reviews.normalise``: no case, spaces as
one, a list's items in any order, a rejection as no value). Over the postings where two
or more reviewers decided the field, the share of pairs of those reviewers whose values
are the same.

**Document labels** (single and multiple choice): each reviewer's answer to a question, its
options taken together, is one category. Cohen's kappa (scikit-learn's) when two reviewers
answered the question on the postings that two or more answered, Krippendorff's alpha
(nominal; its coincidence matrix, postings with one answer left out) when more did. Both are
undefined (None) when every answer is the same one category.

**Span labels**: pairwise span F1 of each label, exact (same start, end and label) and
overlapping (a span counts as found when the other reviewer has one of the same label that
shares a character with it). A reviewer who marked a posting reviewed and labelled no span
counts as finding none. Each pair of reviewers of a posting is counted both ways, so
precision and recall are one number and F1 equals it: found spans over all spans.

Each figure keeps the ids of the postings where the reviewers differ (``differing``), for
the window to list, and ``pace`` says how many postings an hour each reviewer reviewed
(``store.timing``; in a merged project the postings each marked reviewed in their own file).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from itertools import combinations
from typing import TYPE_CHECKING, Any

from reviewer.core.schema import FIELD_NAMES
from reviewer.core.store.reviews import normalise

if TYPE_CHECKING:
    from reviewer.core.store import Store

# (posting, reviewer, kind, key, value): a row of ``store.reviews.rows()``
ReviewRow = tuple[int, str, str, str, Any]
Span = tuple[int, int, str]


@dataclass(frozen=True)
class FieldAgreement:
    """One field: the postings two or more reviewers decided, the pairs of reviewers over
    them, how many of those pairs agree and their share (None: no pair)."""

    field: str
    postings: int
    pairs: int
    agreeing: int
    share: float | None
    differing: list[int]


@dataclass(frozen=True)
class LabelAgreement:
    """One document-label question: ``method`` "kappa" (two reviewers) or "alpha" (more),
    its ``value`` (None: undefined, every answer the same), the share of agreeing pairs."""

    question: str
    method: str
    value: float | None
    reviewers: list[str]
    postings: int
    pairs: int
    agreeing: int
    share: float | None
    differing: list[int]


@dataclass(frozen=True)
class SpanAgreement:
    """One span label: pairwise F1, exact and overlapping, over ``pairs`` pairs of reviewers
    of ``postings`` postings, with the spans counted (each pair both ways)."""

    label: str
    postings: int
    pairs: int
    spans: int
    exact_f1: float
    overlap_f1: float
    differing: list[int]


MIN_SECONDS = 60.0  # less active time than this says nothing of a pace


@dataclass(frozen=True)
class Pace:
    """One reviewer's pace: postings marked reviewed, active seconds, postings an hour."""

    reviewer: str
    reviewed: int
    seconds: float
    per_hour: float | None


@dataclass
class AgreementReport:
    """Every figure; ``shared`` counts the postings two or more reviewers worked on."""

    reviewers: list[str]
    shared: int
    fields: list[FieldAgreement] = field(default_factory=list)
    labels: list[LabelAgreement] = field(default_factory=list)
    spans: list[SpanAgreement] = field(default_factory=list)
    pace: list[Pace] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The report as plain JSON values."""
        return asdict(self)

    def differing(self) -> list[int]:
        """Every posting behind a figure where the reviewers differ, by id."""
        found = {pid for group in (self.fields, self.labels, self.spans)
                 for figure in group for pid in figure.differing}
        return sorted(found)


# -- the figures ----------------------------------------------------------------------------------


def field_agreement(name: str, values: Mapping[int, Mapping[str, Any]]) -> FieldAgreement:
    """Exact agreement on field ``name``; ``values``: posting → reviewer → value (a field
    value ``{"state", "value", "spans"}`` or the value itself)."""
    postings = pairs = agreeing = 0
    differing = []
    for pid, by_reviewer in sorted(values.items()):
        if len(by_reviewer) < 2:
            continue
        keys = [normalise(v) for _, v in sorted(by_reviewer.items())]
        postings += 1
        same = [a == b for a, b in combinations(keys, 2)]
        pairs += len(same)
        agreeing += sum(same)
        if not all(same):
            differing.append(pid)
    return FieldAgreement(name, postings, pairs, agreeing,
                          agreeing / pairs if pairs else None, differing)


def cohen_kappa(first: Sequence[str], second: Sequence[str]) -> float | None:
    """Cohen's kappa of two reviewers' categories, item by item (scikit-learn's); None
    when it is undefined (one category in all)."""
    categories = sorted(set(first) | set(second))
    if len(categories) < 2:
        return None
    from sklearn.metrics import cohen_kappa_score  # type: ignore[import-untyped]

    return float(cohen_kappa_score(list(first), list(second), labels=categories))


def krippendorff_alpha(units: Iterable[Sequence[str]]) -> float | None:
    """Krippendorff's alpha, nominal, of the categories each unit was given (a unit with
    fewer than two is left out); None when undefined (one category in all)."""
    coincidence: dict[tuple[str, str], float] = {}
    for values in units:
        m = len(values)
        if m < 2:
            continue
        for i, c in enumerate(values):
            for j, k in enumerate(values):
                if i != j:
                    coincidence[c, k] = coincidence.get((c, k), 0.0) + 1.0 / (m - 1)
    totals: dict[str, float] = {}
    for (c, _k), weight in coincidence.items():
        totals[c] = totals.get(c, 0.0) + weight
    n = sum(totals.values())
    observed = sum(w for (c, k), w in coincidence.items() if c != k)
    expected = sum(totals[c] * totals[k] for c in totals for k in totals if c != k)
    if n <= 1 or expected == 0:
        return None
    return 1.0 - (n - 1) * observed / expected


def label_agreement(question: str,
                    answers: Mapping[int, Mapping[str, Sequence[str]]]) -> LabelAgreement:
    """Agreement on ``question``; ``answers``: posting → reviewer → options chosen."""
    units: dict[int, dict[str, str]] = {}
    for pid, by_reviewer in sorted(answers.items()):
        if len(by_reviewer) >= 2:
            units[pid] = {name: json.dumps(sorted(options), ensure_ascii=False)
                          for name, options in sorted(by_reviewer.items())}
    raters = sorted({name for unit in units.values() for name in unit})
    pairs = agreeing = 0
    differing = []
    for pid, unit in units.items():
        same = [a == b for a, b in combinations(unit.values(), 2)]
        pairs += len(same)
        agreeing += sum(same)
        if not all(same):
            differing.append(pid)
    if len(raters) == 2:
        method = "kappa"
        value = cohen_kappa([u[raters[0]] for u in units.values()],
                            [u[raters[1]] for u in units.values()])
    else:
        method = "alpha"
        value = krippendorff_alpha(list(unit.values()) for unit in units.values())
    return LabelAgreement(question, method, value, raters, len(units), pairs, agreeing,
                          agreeing / pairs if pairs else None, differing)


def _found(spans: Sequence[Span], others: Sequence[Span], exact: bool) -> int:
    if exact:
        return len(set(spans) & set(others))
    return sum(any(s < oe and os < e for os, oe, _ in others) for s, e, _ in spans)


def span_agreement(spans: Mapping[int, Mapping[str, Iterable[Sequence[Any]]]]
                   ) -> list[SpanAgreement]:
    """Pairwise span F1 of every label; ``spans``: posting → reviewer → the reviewer's
    spans ``[start, end, label]`` (every label)."""
    counts: dict[str, list[int]] = {}  # label → [pairs, spans, exact found, overlap found]
    postings: dict[str, set[int]] = {}
    differing: dict[str, set[int]] = {}
    for pid, by_reviewer in sorted(spans.items()):
        if len(by_reviewer) < 2:
            continue
        own = {name: {(int(s[0]), int(s[1]), str(s[2])) for s in found}
               for name, found in by_reviewer.items()}
        labels = {label for found in own.values() for _, _, label in found}
        for label in labels:
            postings.setdefault(label, set()).add(pid)
            tally = counts.setdefault(label, [0, 0, 0, 0])
            for a, b in combinations(sorted(own), 2):
                mine = sorted(s for s in own[a] if s[2] == label)
                theirs = sorted(s for s in own[b] if s[2] == label)
                tally[0] += 1
                tally[1] += len(mine) + len(theirs)
                tally[2] += 2 * _found(mine, theirs, exact=True)
                tally[3] += _found(mine, theirs, False) + _found(theirs, mine, False)
                if set(mine) != set(theirs):
                    differing.setdefault(label, set()).add(pid)
    return [SpanAgreement(label, len(postings[label]), pairs, total, exact / total,
                          overlap / total, sorted(differing.get(label, ())))
            for label, (pairs, total, exact, overlap) in sorted(counts.items())]


def pace(per_reviewer: Mapping[str, tuple[int, float]]) -> list[Pace]:
    """Postings an hour of each reviewer, from (postings reviewed, active seconds); none
    for less than ``MIN_SECONDS`` of work."""
    return [Pace(name, reviewed, seconds,
                 reviewed * 3600.0 / seconds if seconds >= MIN_SECONDS else None)
            for name, (reviewed, seconds) in sorted(per_reviewer.items())]


def compute(rows: Iterable[ReviewRow],
            per_reviewer: Mapping[str, tuple[int, float]] | None = None) -> AgreementReport:
    """Every figure from the reviewers' rows (as ``store.reviews.rows()`` gives them) and
    their times (as ``store.timing.per_reviewer()`` does)."""
    fields: dict[str, dict[int, dict[str, Any]]] = {}
    labels: dict[str, dict[int, dict[str, Sequence[str]]]] = {}
    spans: dict[int, dict[str, list[Sequence[Any]]]] = {}
    workers: dict[int, set[str]] = {}
    reviewed: dict[int, set[str]] = {}
    for pid, name, kind, key, value in rows:
        workers.setdefault(pid, set()).add(name)
        if kind == "field":
            fields.setdefault(key, {}).setdefault(pid, {})[name] = value
        elif kind == "label":
            labels.setdefault(key, {}).setdefault(pid, {})[name] = list(value or [])
        elif kind == "spans":
            spans.setdefault(pid, {}).setdefault(name, []).extend(value or [])
        elif kind == "status" and value == "reviewed":
            reviewed.setdefault(pid, set()).add(name)
    for pid, names in reviewed.items():  # a reviewed posting with no spans has none
        for name in names:
            spans.setdefault(pid, {}).setdefault(name, [])
    order = {name: i for i, name in enumerate(FIELD_NAMES)}
    return AgreementReport(
        reviewers=sorted({name for names in workers.values() for name in names}),
        shared=sum(len(names) >= 2 for names in workers.values()),
        fields=[f for f in (field_agreement(name, fields[name]) for name in
                            sorted(fields, key=lambda n: (order.get(n, len(order)), n)))
                if f.postings],
        labels=[q for q in (label_agreement(question, labels[question])
                            for question in sorted(labels)) if q.postings],
        spans=span_agreement(spans),
        pace=pace(_reviewed(per_reviewer or {}, reviewed, workers)))


def _reviewed(per_reviewer: Mapping[str, tuple[int, float]], reviewed: Mapping[int, set[str]],
              workers: Mapping[int, set[str]]) -> dict[str, tuple[int, float]]:
    """Each reviewer's postings reviewed and seconds: in a merged project, the postings
    each marked reviewed in their own file (the project's statuses are the final ones)."""
    counts = dict.fromkeys({name for names in workers.values() for name in names}, 0)
    for names in reviewed.values():
        for name in names:
            counts[name] += 1
    out = dict(per_reviewer)
    for name, count in counts.items():
        out[name] = (count, out.get(name, (0, 0.0))[1])
    return out


def agreement(store: Store,
              per_reviewer: Mapping[str, tuple[int, float]] | None = None) -> AgreementReport:
    """The agreement report of a project (its reviewers' values, merged into it);
    ``per_reviewer``: ``store.timing.per_reviewer()`` when the caller has read it."""
    if per_reviewer is None:
        per_reviewer = store.timing.per_reviewer()
    return compute(store.reviews.rows(), per_reviewer)
