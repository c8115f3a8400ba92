"""Another stage's readings put into an extraction: the more confident value wins.

A stage that runs after the cascade (a learned model, a plug-in extractor) offers its
own ``Finding`` per field. Where the extraction has no value, the finding is taken;
where both name the same value, the more confident reading stays (with its spans, or
the other's when it has none), but for a value a data file's column gave
(``GIVEN_STAGE``: as the file writes it, found again by its stage when re-extracting);
where they differ, the more confident one wins and the other becomes the first of the
field's alternatives, so that the reviewer can pick it in the field's menu. On a tie the
extraction's value stays.
"""

from __future__ import annotations

from collections.abc import Mapping

from reviewer.core.schema import (
    GIVEN_STAGE,
    MAX_ALTERNATIVES,
    Extraction,
    Finding,
    value_key,
)


def merge_findings(extraction: Extraction, offered: Mapping[str, Finding]) -> None:
    """Put ``offered`` into ``extraction`` in place (see the module's doc)."""
    for name, finding in offered.items():
        if name not in extraction.fields or _empty(finding.value):
            continue
        current = _current(extraction, name)
        if current is None:
            _set(extraction, name, finding)
            continue
        if same_value(current.value, finding.value):  # (a column's, as written, stays)
            better = finding if finding.confidence > current.confidence \
                and current.stage != GIVEN_STAGE else current
            spans = better.spans or current.spans or finding.spans
            _set(extraction, name, Finding(better.value, list(spans), better.confidence,
                                           better.stage))
            continue
        winner, loser = (finding, current) if finding.confidence > current.confidence \
            else (current, finding)
        _set(extraction, name, winner)
        others = [a for a in extraction.alternatives.get(name, [])
                  if not same_value(a.value, winner.value)
                  and not same_value(a.value, loser.value)]
        extraction.alternatives[name] = [loser, *others][:MAX_ALTERNATIVES]


def same_value(a: object, b: object) -> bool:
    """Do two values say the same thing (no case, spaces as one)?"""
    return value_key(a) == value_key(b)


def _empty(value: object) -> bool:
    return value in (None, "", [], {})


def _current(extraction: Extraction, name: str) -> Finding | None:
    value = extraction.fields.get(name)
    if _empty(value):
        return None
    return Finding(value, list(extraction.evidence.get(name, [])),
                   extraction.confidence.get(name, 0.0), extraction.stages.get(name, ""))


def _set(extraction: Extraction, name: str, finding: Finding) -> None:
    extraction.fields[name] = finding.value
    extraction.evidence[name] = list(finding.spans)
    extraction.confidence[name] = round(finding.confidence, 3)
    extraction.stages[name] = finding.stage
    kept = [a for a in extraction.alternatives.get(name, [])
            if not same_value(a.value, finding.value)]
    if kept:
        extraction.alternatives[name] = kept
    else:
        extraction.alternatives.pop(name, None)
