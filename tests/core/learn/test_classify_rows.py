"""The hashed rows the linear parts read: each of unit length, as scikit-learn's
``normalize`` makes them (which the rows were made with before)."""

from __future__ import annotations

import numpy as np
from sklearn.preprocessing import normalize  # type: ignore[import-untyped]

from reviewer.core.learn.classify import _HASHER, hashed


def test_hashed_rows_are_those_normalize_makes() -> None:
    rows = [["w:data", "w:data", "w:engineer", "r:remote=None"], [], ["t:nurse"],
            [f"w:{n}" for n in range(3000)]]
    made = hashed(rows)
    expected = normalize(_HASHER.transform(rows).astype(np.float64))
    assert made.shape == expected.shape and abs(made - expected).max() < 1e-12
    assert made[1].nnz == 0  # an empty row stays empty (no division by nothing)
    assert np.allclose(np.sqrt(made.multiply(made).sum(axis=1)).A.ravel(), [1, 0, 1, 1])
