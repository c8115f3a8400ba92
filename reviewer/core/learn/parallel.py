"""The span fields learnt in worker processes while this process learns the rest.

A span field's sequence model takes most of a training's time (seconds a fit, and
``folds`` + 1 fits a field), and the fields are learnt apart: each goes to a worker
process (``workers.process_pool``) with what it reads (``learn_span``), while this
process learns the other parts. The postings go as ``Texts``, their Markdown and the
rules' readings: a worker makes their tokens once for every field it learns, and this
process never holds them. Where no worker can be started, or the postings are too few
to pay for starting them (``FROM``), this process learns each span field itself when
its result is asked for.

A stop (the checkpoint raising, Ctrl+C) ends the workers at once: a fit runs for
seconds and a worker cannot be asked to stop in it.
"""

from __future__ import annotations

import signal
import uuid
from collections.abc import Callable, Sequence
from concurrent.futures import Future, TimeoutError
from types import TracebackType
from typing import Any

from reviewer.core import workers
from reviewer.core.learn import features
from reviewer.core.learn.spans import tags_for
from reviewer.core.learn.tasks import Guess, fit_span, guess_span
from reviewer.core.schema import Extraction

FROM = 200  # postings from which the span fields are learnt in worker processes
WAIT = 0.2  # seconds between two calls of the checkpoint while a worker learns

Learnt = tuple[list[Guess | None], bytes | None]
_MADE: dict[str, Any] = {}  # in a worker: the ``Texts`` of the training under way


class Texts:
    """The postings of one training, each its Markdown and the rules' reading of it,
    with their tokens made when first read: once in each process, however many fields
    it learns (a worker is given them anew with each field)."""

    def __init__(self, postings: Sequence[tuple[str, Extraction | None]]) -> None:
        self.key = uuid.uuid4().hex
        self.postings = list(postings)
        self._tokens: dict[int, features.Tokens] = {}

    def __getstate__(self) -> dict[str, Any]:
        return {"key": self.key, "postings": self.postings}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.key, self.postings = state["key"], state["postings"]
        if _MADE.get("key") != self.key:  # a training's first field in this worker
            _MADE.clear()
            _MADE.update(key=self.key, tokens={})
        self._tokens = _MADE["tokens"]

    def markdown(self, i: int) -> str:
        return self.postings[i][0]

    def tokens(self, i: int) -> features.Tokens:
        made = self._tokens.get(i)
        if made is None:
            made = self._tokens[i] = features.tokens(*self.postings[i])
        return made


def learn_span(name: str, texts: Texts, rows: Sequence[int], values: Sequence[object],
               folds: int, checkpoint: Callable[[], None] | None = None,
               step: Callable[[], None] | None = None) -> Learnt:
    """Span field ``name`` learnt from the postings ``rows`` of ``texts`` and the values
    decided for them: each one's guess by a tagger fitted on the other ``folds`` (the
    j-th row is in fold j % folds), and the model bytes of the tagger fitted on them all
    (None: nothing to learn). A worker process runs it; ``checkpoint`` is called at each
    posting read and as a fit learns, ``step`` after each fit."""
    tags = []
    for i, value in zip(rows, values, strict=True):
        if checkpoint is not None:
            checkpoint()
        tags.append(tags_for(texts.markdown(i), texts.tokens(i), value))
    guesses: list[Guess | None] = [None] * len(rows)
    for fold in range(folds):
        tagger = fit_span(name, [(texts.tokens(i), tags[j]) for j, i in enumerate(rows)
                                 if j % folds != fold], checkpoint)
        if tagger is not None:
            for j in range(fold, len(rows), folds):
                guesses[j] = guess_span(tagger, texts.markdown(rows[j]),
                                        texts.tokens(rows[j]))
        if step is not None:
            step()
    tagger = fit_span(name, [(texts.tokens(i), tags[j]) for j, i in enumerate(rows)],
                      checkpoint)
    if step is not None:
        step()
    return guesses, tagger.data if tagger is not None else None


class SpanFields:
    """The span fields of one training: ``start`` each, then take each ``result``; a
    context manager whose end lets the workers go (ends them, after an error)."""

    def __init__(self, fields: int, postings: int, jobs: int | None = None) -> None:
        jobs = min(fields, workers.one_per_core() if jobs is None else jobs)
        self._pool = workers.process_pool(jobs, _deaf) \
            if jobs > 1 and postings >= FROM else None
        self._started: dict[str, tuple[Future[Learnt], int]] = {}
        self._here: dict[str, tuple[Texts, Sequence[int], Sequence[object], int]] = {}

    def __enter__(self) -> SpanFields:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        if self._pool is not None:
            if kind is None:
                self._pool.shutdown()
            else:
                workers.stop_now(self._pool)

    def start(self, name: str, texts: Texts, rows: Sequence[int], values: Sequence[object],
              folds: int) -> None:
        """Field ``name`` to learn (see ``learn_span``)."""
        if self._pool is None:
            self._here[name] = (texts, rows, values, folds)
        else:
            future = self._pool.submit(learn_span, name, texts, rows, values, folds)
            self._started[name] = (future, folds)

    def result(self, name: str, checkpoint: Callable[[], None],
               step: Callable[[], None]) -> Learnt:
        """What field ``name`` learnt, once it has: ``checkpoint`` is called meanwhile,
        ``step`` once a fit."""
        if name in self._here:
            texts, rows, values, folds = self._here.pop(name)
            return learn_span(name, texts, rows, values, folds, checkpoint, step)
        future, folds = self._started.pop(name)
        while True:
            checkpoint()
            try:
                learnt = future.result(timeout=WAIT)
            except TimeoutError:
                continue
            for _ in range(folds + 1):
                step()
            return learnt


def _deaf() -> None:
    """A worker leaves Ctrl+C to the process that started it, which ends it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
