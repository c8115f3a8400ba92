"""Training the model of a project from its reviewed postings.

In: ``Example``s (the reviewed postings) and the label questions. Out: a ``Model``.

For each field the reviewers decided often enough (``tasks.MIN_TRAIN`` postings) and
each label question, the postings with a decision are split into ``folds`` parts;
each part is guessed by a model fitted on the others (k-fold cross-validation), and
from those held-out guesses come:

* the calibration of the model's confidence in each situation (the rules found
  nothing, the same value, another value; and the rules' own where they differ), so
  that each says how often a value so sure was right on this project;
* the figures kept in the model's info: per field the accuracy of the rules alone, of
  the model alone and of the two together as ``apply`` combines them; per question
  the model's;
* whether a field is trusted: the rules with the model were right more often than the
  rules alone, by at least ``MARGIN`` postings and by more than chance would give
  (a sign test over the postings where one of them was right and the other not).

Then each part is fitted on all its postings.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence
from importlib import metadata
from typing import Any

from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]

from reviewer.core.labels import Question
from reviewer.core.learn import calibrate, parallel, tasks
from reviewer.core.learn.classify import LinearModel
from reviewer.core.learn.examples import Example, Prepared
from reviewer.core.learn.features import FEATURE_VERSION
from reviewer.core.learn.model import LABEL, Model, Part, choose, option_key, situation
from reviewer.core.learn.spans import SpanTagger
from reviewer.core.schema import EXTRACTOR_VERSION, FIELD_NAMES

Progress = Callable[[int, int], None]  # steps done, steps in all
Checkpoint = Callable[[], None]  # called often; raises to stop the training there
FOLDS = ((300, 5), (600, 3))  # up to so many examples, so many folds; past them 2:
# each fit of the cross-validation still learns from 300 or more, and each costs time
MARGIN = 2  # postings by which the rules with the model must beat the rules alone
SIGN_Z = 1.5  # and by this many standard deviations of a sign test on the postings
# where the two differ: a gain on a few postings in a small sample is often chance
LIBRARIES = ("python-crfsuite", "scikit-learn", "numpy", "scipy")


def train(examples: Sequence[Example], questions: Sequence[Question] | None = None,
          progress: Progress | None = None, folds: int | None = None,
          checkpoint: Checkpoint | None = None, jobs: int | None = None) -> Model:
    """A model learnt from reviewed postings (see the module's doc). ``questions``: the
    project's label schema (span questions are not learnt here); without it, each
    question answered in ``examples`` is learnt, as one answer or many by its answers.
    ``folds``: of the cross-validation (default by the examples' number, ``FOLDS``).
    ``checkpoint``: called at each posting read and each round of a sequence model's
    learning, so that what it raises (a cancel) stops the training within a moment.
    ``jobs``: the worker processes the span fields learn in (``parallel``; None: one
    per core; 1: none).
    BLAS runs on one thread meanwhile: its threads only fight over the small products
    of these models (a hundred times slower on two busy cores)."""
    with threadpool_limits(limits=1, user_api="blas"):
        return _train(examples, questions, progress,
                      folds or _folds(len(examples)), checkpoint, jobs)


def _train(examples: Sequence[Example], questions: Sequence[Question] | None,
           progress: Progress | None, folds: int, checkpoint: Checkpoint | None,
           jobs: int | None) -> Model:
    started = time.time()
    check = checkpoint or _go_on
    prepared = []
    for example in examples:
        check()
        prepared.append(Prepared.of(example))
    plan = _plan(prepared, questions)
    steps, done = len(plan) * (folds + 1), 0
    taggers: dict[str, SpanTagger] = {}
    linear: dict[str, LinearModel] = {}

    def step() -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, steps)

    spans = [part for part in plan if part.kind == "span"]
    texts = parallel.Texts([(p.markdown, p.extraction) for p in prepared])
    with parallel.SpanFields(len(spans), len(prepared), jobs) as learning:
        for part in spans:  # learnt in worker processes while this one learns the rest
            rows = _rows(prepared, part)
            learning.start(part.name, texts, rows,
                           [prepared[i].example.fields.get(part.name) for i in rows], folds)
        for part in plan:
            if part.kind != "span":
                linear.update(_learn(part, prepared, folds, check, step))
        for part in spans:
            guesses, data = learning.result(part.name, check, step)
            _judge(part, prepared, list(zip(_rows(prepared, part), guesses, strict=True)))
            if data is not None:
                taggers[part.name] = tasks.span_tagger(part.name, data)
    info = {"trained_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(started)),
            "seconds": round(time.time() - started, 2), "n_examples": len(examples),
            "extractor_version": EXTRACTOR_VERSION, "feature_version": FEATURE_VERSION,
            "folds": folds, "libraries": _versions(),
            "figures": {part.name: part.figures for part in plan}}
    return Model({part.name: part for part in plan}, taggers, linear, info)


def _learn(part: Part, prepared: Sequence[Prepared], folds: int, check: Checkpoint,
           step: Callable[[], None]) -> dict[str, LinearModel]:
    """A part other than a span field learnt: judged by its guesses held out of each of
    ``folds`` fits, then fitted on all its postings."""
    rows = _rows(prepared, part)
    held_out: list[tuple[int, tasks.Guess | None]] = []
    for fold in range(folds):
        test = rows[fold::folds]
        left_out = set(test)
        fitted = _fit(part, prepared, [i for i in rows if i not in left_out])
        held_out += [(i, fitted.guess(part, prepared[i])) for i in test]
        check()
        step()
    _judge(part, prepared, held_out)
    fitted = _fit(part, prepared, rows)
    step()
    return fitted.linear


def _folds(examples: int) -> int:
    return next((folds for most, folds in FOLDS if examples <= most), 2)


def _plan(prepared: Sequence[Prepared], questions: Sequence[Question] | None) -> list[Part]:
    plan = [Part(name, kind) for name in FIELD_NAMES
            if (kind := tasks.kind_of(name))
            and len(tasks.decided(prepared, name)) >= tasks.MIN_TRAIN]
    if questions is None:
        seen: dict[str, set[str]] = {}
        many: set[str] = set()
        for p in prepared:
            for question, answer in p.example.labels.items():
                answers = answer if isinstance(answer, list) else [answer]
                seen.setdefault(question, set()).update(map(str, answers))
                if isinstance(answer, list):
                    many.add(question)
        asked = [(q, "multi" if q in many else "single", sorted(o)) for q, o in seen.items()]
    else:
        asked = [(q.name, q.kind, q.option_names()) for q in questions if q.kind != "span"]
    for name, kind, options in asked:
        if len(tasks.answered(prepared, name)) >= tasks.MIN_TRAIN:
            plan.append(Part(LABEL + name, kind, options=options if kind == "multi" else []))
    return plan


def _rows(prepared: Sequence[Prepared], part: Part) -> list[int]:
    if part.name.startswith(LABEL):
        return tasks.answered(prepared, part.name[len(LABEL):])
    return tasks.decided(prepared, part.name)


def _go_on() -> None:
    """The checkpoint of a training nobody stops."""


def _fit(part: Part, prepared: Sequence[Prepared], rows: Sequence[int]) -> Model:
    """A model of this one part (not a span field), fitted on ``rows``."""
    linear: dict[str, LinearModel] = {}
    name = part.name
    if part.kind == "lines":
        model = tasks.fit_lines(name, prepared, rows)
        if model is not None:
            linear[name] = model
    elif part.kind == "multi":
        question = name[len(LABEL):]
        for option in part.options:
            targets = [tasks.option_target(prepared[i].example.labels[question], option)
                       for i in rows]
            fitted = tasks.fit_doc(prepared, rows, targets)
            if fitted is not None:
                linear[option_key(name, option)] = fitted
    else:
        if part.kind == "choice":
            targets = [tasks.choice_target(prepared[i].example.fields[name]) for i in rows]
        else:
            targets = [str(prepared[i].example.labels[name[len(LABEL):]]) for i in rows]
        fitted = tasks.fit_doc(prepared, rows, targets)
        if fitted is not None:
            linear[name] = fitted
    return Model({name: part}, {}, linear, {})


def _judge(part: Part, prepared: Sequence[Prepared],
           held_out: Sequence[tuple[int, tasks.Guess | None]]) -> None:
    """Calibrate ``part`` and set its figures and trust from its held-out guesses."""
    if part.name.startswith(LABEL):
        question = part.name[len(LABEL):]
        right = [g is not None and _same_answer(g.value, prepared[i].example.labels[question])
                 for i, g in held_out]
        part.calibrations = {"model": calibrate.fit(
            [g.confidence if g else 0.0 for _, g in held_out], right)}
        part.trusted = True
        part.figures = {"n": len(held_out), "model": _share(right)}
        return
    many = part.kind == "lines"
    scores: dict[str, tuple[list[float], list[bool]]] = {
        key: ([], []) for key in ("fill", "agree", "override", "rule")}
    for i, guess in held_out:
        p = prepared[i]
        gold, rule = p.example.fields[part.name], p.extraction.fields.get(part.name)
        if guess is None:
            continue
        where = situation(rule, guess.value)
        scores[where][0].append(guess.confidence)
        scores[where][1].append(calibrate.agree(part.name, gold, guess.value, many))
        if where == "override":
            scores["rule"][0].append(p.extraction.confidence.get(part.name, 0.0))
            scores["rule"][1].append(calibrate.agree(part.name, gold, rule, many))
    part.calibrations = {key: calibrate.fit(*pair) for key, pair in scores.items() if pair[0]}
    rules = model = both = wins = losses = 0
    for i, guess in held_out:
        p = prepared[i]
        gold, rule = p.example.fields[part.name], p.extraction.fields.get(part.name)
        value = guess.value if guess else None
        sure = part.sure(situation(rule, value), guess.confidence) if guess else 0.0
        mixed = choose(rule, part.sure("rule", p.extraction.confidence.get(part.name, 0.0)),
                       value, sure)
        alone = calibrate.agree(part.name, gold, rule, many)
        joint = calibrate.agree(part.name, gold, mixed, many)
        rules += alone
        model += calibrate.agree(part.name, gold, value, many)
        both += joint
        wins += joint and not alone
        losses += alone and not joint
    n = max(1, len(held_out))
    part.trusted = wins - losses >= max(MARGIN, SIGN_Z * math.sqrt(wins + losses))
    # not trusted, the model only adds alternatives: the rules' value is what suggests
    part.figures = {"n": len(held_out), "rules": round(rules / n, 4),
                    "model": round(model / n, 4),
                    "cascade": round((both if part.trusted else rules) / n, 4)}


def _same_answer(guess: object, answer: object) -> bool:
    if isinstance(answer, list) or isinstance(guess, list):
        mine = set(guess if isinstance(guess, list) else [guess])
        return mine == set(answer if isinstance(answer, list) else [answer])
    return str(guess) == str(answer)


def _share(right: Sequence[bool]) -> float:
    return round(sum(right) / len(right), 4) if right else 0.0


def _versions() -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in LIBRARIES:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = None
    return out
