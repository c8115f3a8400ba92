"""Which postings are most useful to review next (active learning).

``usefulness``: how unsure the model and the rules together are of one posting, from
its extraction after ``apply`` and the model's suggestions: the mean, over the fields
and questions the model learnt, of 1 - the confidence of the value it now holds (a
field left empty counts as half sure). A reviewer's decision teaches the most where
this is highest. ``spread_over_sources``: a ranked list taken in turns from each
source (job board, file), so that the first postings to review are not all of one.
Pure functions: the queue orders by them.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from typing import TypeVar

from reviewer.core.learn.model import Model, Suggestions
from reviewer.core.schema import Extraction

EMPTY_SURE = 0.5  # the confidence counted for a field left empty

Key = TypeVar("Key")


def usefulness(model: Model, extraction: Extraction, suggestions: Suggestions) -> float:
    """How useful a posting's review would be, in [0, 1] (see the module's doc)."""
    unsure: list[float] = []
    for name in model.fields:
        if extraction.fields.get(name) in (None, "", [], {}):
            unsure.append(1.0 - EMPTY_SURE)
        else:
            unsure.append(1.0 - extraction.confidence.get(name, 0.0))
    for question in model.questions:
        _, confidence = suggestions.labels.get(question, (None, 0.0))
        unsure.append(1.0 - confidence)
    return round(sum(unsure) / len(unsure), 4) if unsure else 0.0


def spread_over_sources(ranked: Sequence[tuple[Key, Hashable]]) -> list[Key]:
    """``ranked`` (id, source) pairs, most useful first, reordered so that sources take
    turns: the first of each source (in the order they first appear), then the
    second of each, and so on; each source's own order is kept."""
    queues: dict[Hashable, list[Key]] = {}
    for key, source in ranked:
        queues.setdefault(source, []).append(key)
    out: list[Key] = []
    depth = 0
    while len(out) < len(ranked):
        out += [keys[depth] for keys in queues.values() if depth < len(keys)]
        depth += 1
    return out


def most_useful(scores: Iterable[tuple[Key, Hashable, float]]) -> list[Key]:
    """Ids ordered for review: by usefulness, highest first (ties by id order given),
    then spread over their sources."""
    ranked = sorted(enumerate(scores), key=lambda item: (-item[1][2], item[0]))
    return spread_over_sources([(key, source) for _, (key, source, _) in ranked])
