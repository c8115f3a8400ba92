"""The span fields learnt in worker processes: the same model as learnt in this one,
and a stop ends the workers at once."""

from __future__ import annotations

import multiprocessing
import time

import pytest
from learn_postings import example, posting

from reviewer.core import workers
from reviewer.core.extract import extract
from reviewer.core.learn import Model, parallel, train
from reviewer.core.schema import CleanDoc


def suggest(model: Model, text: str):  # type: ignore[no-untyped-def]
    doc = CleanDoc(text, "text")
    return model.suggest(doc, extract(doc))


def test_span_fields_learnt_in_workers_make_the_model_learnt_here(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    pools: list[object] = []
    pool = workers.process_pool
    monkeypatch.setattr(workers, "process_pool",
                        lambda *a: pools.append(pool(*a)) or pools[-1])  # type: ignore[func-returns-value]
    monkeypatch.setattr(parallel, "FROM", 0)
    examples = [example(i) for i in range(24)]
    steps: list[int] = []
    there = train(examples, folds=3, jobs=2, progress=lambda done, _: steps.append(done))
    assert pools and pools[0] is not None  # the workers learnt the span fields
    here = train(examples, folds=3, jobs=1)
    assert there.info["figures"] == here.info["figures"]
    assert {n: t.data for n, t in there.taggers.items()} == \
        {n: t.data for n, t in here.taggers.items()} != {}
    assert suggest(there, posting(30)) == suggest(here, posting(30))
    assert steps == list(range(1, len(steps) + 1)) and steps[-1] == 4 * len(there.parts)


class Stop(Exception):
    pass


def test_a_stop_while_the_workers_learn_ends_them(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(parallel, "FROM", 0)
    text = posting(1) * 40
    texts = parallel.Texts([(text, extract(CleanDoc(text, "text")))] * 300)
    rows, values = range(300), ["Harbour Scheduler"] * 300  # a fit of seconds
    calls = []

    def checkpoint() -> None:
        calls.append(1)
        if len(calls) == 2:
            raise Stop

    before = set(multiprocessing.active_children())
    with pytest.raises(Stop), parallel.SpanFields(2, 300, jobs=2) as learning:
        learning.start("title", texts, rows, values, 2)
        learning.start("company", texts, rows, values, 2)
        assert len(set(multiprocessing.active_children()) - before) >= 2
        learning.result("title", checkpoint, lambda: None)
    waited = time.monotonic() + 1.0  # (the pool's own thread may be reaping them still;
    while set(multiprocessing.active_children()) - before and time.monotonic() < waited:
        time.sleep(0.05)  # a worker left learning would be at it for seconds more)
    assert set(multiprocessing.active_children()) <= before  # ended, not left learning
