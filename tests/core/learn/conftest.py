"""A model trained once, on the made-up postings, for the tests of the project model."""

from __future__ import annotations

import pytest
from learn_postings import example

from reviewer.core.learn import Model, train


@pytest.fixture(scope="session")
def model() -> Model:
    return train([example(i) for i in range(24)], folds=3)
