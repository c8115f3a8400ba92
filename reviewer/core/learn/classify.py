"""Text classifiers: a posting's choice fields and label answers, and which lines are
the items of a list field.

In: rows of feature strings (``doc_features``: a posting's words and the rules'
readings; ``line_features``: a line's words, its heading and place). Out: per row,
the probability of each class.

The features are hashed (scikit-learn's ``FeatureHasher``: stateless, so nothing of
it is stored) and a logistic regression (scikit-learn) learns from them. What is kept
is ``LinearModel``: the classes, the weights of the hashed columns the training used
and the intercepts, plain arrays; predicting is a sparse product and a softmax.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp  # type: ignore[import-untyped]
from sklearn.feature_extraction import FeatureHasher  # type: ignore[import-untyped]
from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]

from reviewer.core.schema import Extraction, Span
from reviewer.core.words import lexicon

N_FEATURES = 2**18
CHOICE_FIELDS = ("remote", "employment_type", "seniority", "education")
LINE_FIELDS = ("responsibilities", "required_qualifications", "preferred_qualifications",
               "benefits")
_HASHER = FeatureHasher(n_features=N_FEATURES, input_type="string", alternate_sign=False)
_WORDS = re.compile(r"[^\W\d_]{2,}")
_HEADING = re.compile(r"\s*#{1,6}\s")
_ITEM = re.compile(r"\s*(?:[-*+•]|\d{1,3}[.)])\s+")
_LINE = re.compile(r"[^\n]+")
MAX_DOC_WORDS = 1500


def hashed(rows: Sequence[Sequence[str]]) -> sp.csr_matrix:
    """Rows of feature strings as a sparse matrix, each row of unit length (scaled here:
    scikit-learn's ``normalize`` checks its input at a cost that doubled this, which a
    posting pays twice as the model suggests)."""
    matrix = sp.csr_matrix(_HASHER.transform(rows), dtype=np.float64)
    counts = np.diff(matrix.indptr)
    lengths = np.sqrt(np.bincount(np.repeat(np.arange(matrix.shape[0]), counts),
                                  weights=matrix.data ** 2, minlength=matrix.shape[0]))
    lengths[lengths == 0] = 1.0
    matrix.data /= np.repeat(lengths, counts)
    return matrix


def doc_features(markdown: str, extraction: Extraction | None) -> list[str]:
    """A posting as features: its words, the words of the rules' title, and each
    choice field's rule value (or that the rules found none)."""
    words = _WORDS.findall(markdown.lower())[:MAX_DOC_WORDS]
    out = [f"w:{w}" for w in words]
    if extraction is not None:
        title = extraction.fields.get("title")
        if isinstance(title, str):
            out += [f"t:{w}" for w in _WORDS.findall(title.lower())]
        for name in CHOICE_FIELDS:
            out.append(f"r:{name}={extraction.fields.get(name)}")
    return out


@dataclass
class Line:
    """A non-blank line of the Markdown: its span and its text without markers."""

    span: Span
    text: str


def lines_of(markdown: str) -> list[Line]:
    out = []
    for match in _LINE.finditer(markdown):
        text = _ITEM.sub("", match.group(), count=1).strip().strip("#*_ ").strip()
        if text:
            out.append(Line((match.start(), match.end()), text))
    return out


def line_features(markdown: str, lines: list[Line],
                  extraction: Extraction | None) -> list[list[str]]:
    """Each line as features: its words and first words, the heading it sits under
    and the list field the heading announces, its kind, length, place from the start
    and from the end, and which list field the rules put it in."""
    marks = [(s, e, name) for name in LINE_FIELDS
             for s, e in (extraction.evidence.get(name, []) if extraction else [])]
    out: list[list[str]] = []
    heading = "none"
    section = "none"
    total = len(lines)
    for number, line in enumerate(lines):
        raw = markdown[line.span[0]:line.span[1]]
        is_heading = bool(_HEADING.match(raw)) or (
            len(line.text) < 60 and lexicon.looks_like_heading(line.text))
        words = _WORDS.findall(line.text.lower())
        feats = [f"w:{w}" for w in words[:80]]
        feats += [f"f:{w}" for w in words[:2]]
        feats += [f"h:{w}" for w in heading.split()[:6]]
        feats += [f"sec:{section}", f"n:{_bucket(len(words))}",
                  f"at:{min(number, 8)}", f"end:{min(total - 1 - number, 8)}",
                  f"at%:{int(4 * number / max(1, total))}"]
        if is_heading:
            feats.append("H")
        if _ITEM.match(raw):
            feats.append("I")
        if line.text.endswith(":"):
            feats.append("colon")
        feats += [f"r:{name}" for s, e, name in marks if s < line.span[1] and line.span[0] < e]
        out.append(feats)
        if is_heading:
            heading = " ".join(words)
            known, feeds = lexicon.section_field(line.text.strip(": "))
            section = (feeds or "other") if known else "other"
    return out


def _bucket(n: int) -> int:
    return 0 if n == 0 else 1 if n <= 3 else 2 if n <= 8 else 3 if n <= 20 else 4


@dataclass
class LinearModel:
    """A trained logistic regression over hashed features, as arrays.

    ``classes``: the class names; ``cols``: the hashed columns with any weight;
    ``weights``: one row per column, one value per class (one for two classes: the
    second class's score); ``intercept``: one per class (or one)."""

    classes: list[str]
    cols: np.ndarray
    weights: np.ndarray
    intercept: np.ndarray

    def __post_init__(self) -> None:
        k = self.weights.shape[1] if self.weights.ndim == 2 else 0
        self._matrix = sp.csr_matrix(
            (self.weights.ravel(), (np.repeat(self.cols, k), np.tile(np.arange(k),
                                                                    len(self.cols)))),
            shape=(N_FEATURES, max(k, 1)), dtype=np.float64) if k else None

    def probabilities(self, rows: sp.csr_matrix) -> np.ndarray:
        """Per row, the probability of each class (columns in ``classes``' order)."""
        n = rows.shape[0]
        if len(self.classes) == 1 or self._matrix is None:
            return np.ones((n, 1))
        scores = np.asarray((rows @ self._matrix).todense()) + self.intercept
        if len(self.classes) == 2:
            second = 1.0 / (1.0 + np.exp(-scores[:, :1]))
            return np.hstack([1.0 - second, second])
        scores -= scores.max(axis=1, keepdims=True)
        exp = np.exp(scores)
        return np.asarray(exp / exp.sum(axis=1, keepdims=True))


def train_linear(rows: sp.csr_matrix, targets: Sequence[str], c: float = 4.0) -> LinearModel:
    """A logistic regression fitted to hashed rows and their class names."""
    classes = sorted(set(targets))
    if len(classes) < 2:
        return LinearModel(classes, np.zeros(0, np.int32), np.zeros((0, 0), np.float32),
                           np.zeros(0, np.float32))
    used = np.unique(rows.indices).astype(np.int32)  # the columns any row has: the rest
    model = LogisticRegression(C=c, max_iter=300)  # would get no weight, only cost time
    model.fit(rows[:, used], list(targets))
    coef = np.asarray(model.coef_, dtype=np.float64)  # (1 or k, len(used))
    keep = np.flatnonzero(np.abs(coef).max(axis=0) > 1e-6)
    return LinearModel([str(c) for c in model.classes_], used[keep],
                       coef[:, keep].T.astype(np.float32).copy(),
                       np.asarray(model.intercept_, dtype=np.float32))
