"""The highlighted stretches of a posting: what covers each stretch between two bounds,
as defined stretch by stretch, found in one sweep (a posting of thousands of list items
has thousands of highlights; checking each against each took seconds)."""

from __future__ import annotations

import itertools
import random
from typing import Any

from PySide6.QtGui import QColor

from reviewer.gui.document_paint import (
    BASE,
    FIELD_LABELS,
    field_color,
    highlight_formats,
    seen_on,
)

FIELDS = ["title", "skills", "responsibilities", "benefits"]
LABELS = {"SKILL": "#2a9d8f", "TOOL": "#e76f51"}


def _by_definition(highlights: list[tuple[str, int, int]],
                   spans: list[tuple[dict[str, Any], int, int]]) -> list[tuple[Any, ...]]:
    """Each stretch between two bounds with what covers it, shortest first (every
    highlight and span checked against each stretch): its bounds, the fields, the
    accepted labels and the suggested ones."""
    bounds = sorted({p for _, a, b in [*highlights, *spans] for p in (a, b)})
    ordered = sorted(highlights, key=lambda h: h[2] - h[1])
    by_length = sorted(spans, key=lambda m: m[2] - m[1])
    out = []
    for a, b in itertools.pairwise(bounds):
        fields = list(dict.fromkeys(h[0] for h in ordered if h[1] <= a and b <= h[2]))
        labelled = [m[0] for m in by_length if m[1] <= a and b <= m[2]
                    and m[0]["state"] != "rejected"]
        if fields or labelled:
            out.append((a, b, fields, [m["label"] for m in labelled
                                       if m["state"] == "accepted"],
                        [m["label"] for m in labelled if m["state"] == "suggested"]))
    return out


def test_each_stretch_has_what_covers_it(qapp: Any) -> None:
    rng = random.Random(7)
    for _ in range(200):
        highlights = []
        for _ in range(rng.randint(0, 12)):
            a = rng.randint(0, 60)
            highlights.append((rng.choice(FIELDS), a, a + rng.randint(0, 15)))
        spans = []
        for _ in range(rng.randint(0, 6)):
            a = rng.randint(0, 60)
            span = {"label": rng.choice(list(LABELS)),
                    "state": rng.choice(["accepted", "suggested", "rejected"])}
            spans.append((span, a, a + rng.randint(0, 15)))
        segments = highlight_formats(highlights, spans, LABELS, lambda _l: QColor("#eee"),
                                     dark=False)
        expected = _by_definition(highlights, spans)
        assert [(a, b) for a, b, _ in segments] == [(a, b) for a, b, *_ in expected]
        for (_a, _b, fmt), (_, _, fields, accepted, suggested) in zip(segments, expected,
                                                                      strict=True):
            tips = [*accepted, *([f"{m}? (suggested)" for m in suggested] if not accepted
                                 else []), *(FIELD_LABELS.get(f, f) for f in fields)]
            assert fmt.toolTip() == " · ".join(dict.fromkeys(tips))
            if accepted:
                assert fmt.underlineColor().name() == QColor(LABELS[accepted[-1]]).name()
            elif suggested:  # the label's colour, made to stand out from what it is on
                under = field_color(fields[0]) if fields else QColor(BASE[False])
                assert fmt.underlineColor().name() == seen_on(
                    QColor(LABELS[suggested[0]]), under, False).name()
            if fields and not accepted:
                assert fmt.background().color() == field_color(fields[0], False)
