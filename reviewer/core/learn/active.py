"""Which postings are most useful to review next (active learning).

``usefulness``: how unsure the model and the rules together are of one posting, from
its extraction after ``apply`` and the model's suggestions: the mean, over the fields
and questions the model learnt, of 1 - the confidence of the value it now holds (a
field left empty counts as half sure). A reviewer's decision teaches the most where
this is highest. The list's "most useful" order (``store.queue``) reads it, taking the
postings in turns from each source.
"""

from __future__ import annotations

from reviewer.core.learn.model import Model, Suggestions
from reviewer.core.schema import Extraction

EMPTY_SURE = 0.5  # the confidence counted for a field left empty

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
