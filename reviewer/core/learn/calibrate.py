"""Confidence on the project's own scale, and whether two values agree.

``Calibration`` maps a raw score (a tagger's marginal, a classifier's probability, a
rule's confidence) to the share of held-out reviewed postings where a value with that
score was right: an isotonic fit (scikit-learn), kept as two short lists of numbers.
``agree`` says whether a value matches the reviewers' decision, loosely as a
reviewer would read it (case, spaces and trailing punctuation aside; a place by its
first part; a list by the words it shares with the decision).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from sklearn.isotonic import IsotonicRegression  # type: ignore[import-untyped]

PRIOR = 3.0  # pseudo-observations pulling each fitted point towards the overall rate


@dataclass
class Calibration:
    """A monotone map from a raw score in [0, 1] to a probability of being right."""

    xs: list[float] = field(default_factory=list)
    ys: list[float] = field(default_factory=list)

    def __call__(self, score: float) -> float:
        if not self.xs:
            return float(score)
        return float(np.interp(score, self.xs, self.ys))

    def to_json(self) -> dict[str, list[float]]:
        return {"x": [round(x, 4) for x in self.xs], "y": [round(y, 4) for y in self.ys]}

    @classmethod
    def from_json(cls, data: object) -> Calibration:
        if not isinstance(data, dict):
            raise ValueError("a calibration is an object")
        xs, ys = data.get("x"), data.get("y")
        if not (isinstance(xs, list) and isinstance(ys, list) and len(xs) == len(ys)
                and all(isinstance(v, int | float) and math.isfinite(v) for v in [*xs, *ys])):
            # (NaN, which JSON's NaN and 1e999 give, became the confidence of every
            # suggestion, which no row may hold: no import or re-extract could store one)
            raise ValueError("a calibration holds two lists of numbers of one length")
        return cls([float(x) for x in xs], [min(1.0, max(0.0, float(y))) for y in ys])


def fit(scores: Sequence[float], right: Sequence[bool]) -> Calibration:
    """The isotonic map of held-out scores to how often they were right (empty: none
    held out, the raw score stands). Few points are pulled towards the overall rate."""
    if len(scores) < 2:
        return Calibration()
    x = np.asarray(scores, dtype=float)
    y = np.asarray(right, dtype=float)
    model = IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip").fit(x, y)
    xs = np.asarray(model.X_thresholds_, dtype=float)
    ys = np.asarray(model.y_thresholds_, dtype=float)
    counts = np.asarray([max(1, int(np.sum(np.isclose(x, v)))) for v in xs], dtype=float)
    rate = float(y.mean())
    ys = (ys * counts + rate * PRIOR) / (counts + PRIOR)
    return Calibration([float(v) for v in xs], [float(v) for v in ys])


_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"), "-")
LIST_AGREE = 0.8  # word overlap (F1) at which two lists say the same


def norm(value: object) -> str:
    """A value as compared: Unicode-normalised, no case, markup or outer punctuation."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFKC", str(value)).translate(_DASHES).casefold()
    text = re.sub(r"[*_`#>]+", " ", text)
    return re.sub(r"\s+", " ", text).strip(" \t\n.,;:-|/\\()[]")


def empty(value: object) -> bool:
    if isinstance(value, dict):
        return all(empty(v) for v in value.values())
    if isinstance(value, list):
        return all(empty(v) for v in value)
    return value is None or (isinstance(value, str) and not value.strip())


def agree(name: str, gold: object, value: object, many: bool = False) -> bool:
    """Whether ``value`` says what the reviewers decided (``gold``) for field or
    question ``name``; ``many``: the field is a list of sentences."""
    if empty(gold) or empty(value):
        return empty(gold) and empty(value)
    if name == "locations":
        golds = gold if isinstance(gold, list) else [gold]
        values = value if isinstance(value, list) else [value]
        return all(any(_same_place(g, v) for v in values) for g in golds) and \
            all(any(_same_place(g, v) for g in golds) for v in values)
    if many or isinstance(gold, list):
        golds = gold if isinstance(gold, list) else [gold]
        values = value if isinstance(value, list) else [value]
        return words_f1(" ".join(map(str, values)), " ".join(map(str, golds))) >= LIST_AGREE
    return norm(gold) == norm(value)


def words_f1(text: str, gold: str) -> float:
    """How much two texts share, word by word (F1 of their word counts)."""
    mine, theirs = Counter(re.findall(r"\w+", norm(text))), Counter(re.findall(r"\w+",
                                                                          norm(gold)))
    if not mine and not theirs:
        return 1.0
    overlap = sum((mine & theirs).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(mine.values()), overlap / sum(theirs.values())
    return 2 * precision * recall / (precision + recall)


def _same_place(a: object, b: object) -> bool:
    first_a, first_b = norm(a).split(",")[0].strip(), norm(b).split(",")[0].strip()
    return bool(first_a and first_b) and (first_a in norm(b) or first_b in norm(a))
