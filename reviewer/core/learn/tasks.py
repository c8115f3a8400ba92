"""Each kind of thing the model learns: how it is fitted and what it guesses.

Four kinds: ``span`` (a field read as spans of the text: a CRF per field), ``lines``
(a list field whose items are lines: a line classifier per field), ``choice`` (a
field with a fixed set of values: a classifier of the posting) and ``label`` (a
document-label question: a classifier of the posting; a question with many answers
has one yes/no classifier per option).

In: ``Prepared`` postings (with their decisions, for fitting). Out: a fitted part,
and per posting a ``Guess``: the value, the raw confidence and its spans.
Training and cross-validation call the same functions as suggesting does, so the
figures measured are those of the model that is kept.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pycrfsuite  # type: ignore[import-untyped]
import scipy.sparse as sp  # type: ignore[import-untyped]

from reviewer.core.learn import calibrate, classify
from reviewer.core.learn.examples import Prepared
from reviewer.core.learn.features import SPAN_FIELDS, Tokens
from reviewer.core.learn.spans import BEGIN, SpanTagger, train_crf
from reviewer.core.schema import Span

NONE = ""  # the class of "no value" (a field decided empty)
LINE_IN = 0.7  # share of a line's words in the decided items for it to be one of them
MIN_TRAIN = 3  # postings with a decision needed to learn anything


@dataclass
class Guess:
    value: Any
    confidence: float
    spans: list[Span]


def decided(prepared: Sequence[Prepared], name: str) -> list[int]:
    """The postings whose reviewers decided field ``name``."""
    return [i for i, p in enumerate(prepared) if name in p.example.fields]


def answered(prepared: Sequence[Prepared], question: str) -> list[int]:
    return [i for i, p in enumerate(prepared) if question in p.example.labels]


# -- span fields ------------------------------------------------------------------------

def fit_span(name: str, sequences: Sequence[tuple[Tokens, list[str] | None]],
             checkpoint: Callable[[], None] | None = None) -> SpanTagger | None:
    """A tagger fitted on the tokens whose tags are known (None: too few, or no value)."""
    known = [(toks, tags) for toks, tags in sequences if tags]
    if len(known) < MIN_TRAIN or not any(BEGIN in tags for _, tags in known):
        return None
    return span_tagger(name, train_crf(known, checkpoint=checkpoint))


def span_tagger(name: str, data: bytes) -> SpanTagger:
    """Field ``name``'s tagger from its model bytes."""
    return SpanTagger(name, data, many=name == "locations")


def guess_span(tagger: SpanTagger, markdown: str, toks: Tokens,
               items: pycrfsuite.ItemSequence | None = None) -> Guess | None:
    readings = tagger.read(markdown, toks, items)
    if not readings:
        return None
    if tagger.many:
        kept = [r for r in readings if r.confidence >= 0.5] or readings[:1]
        return Guess([r.value for r in kept], float(np.mean([r.confidence for r in kept])),
                     [s for r in kept for s in r.spans])
    best = readings[0]
    return Guess(best.value, best.confidence, best.spans)


# -- list fields read as lines ----------------------------------------------------------

def line_targets(p: Prepared, name: str) -> list[str]:
    """Per line of a posting, "1" when it is one of the decided items of ``name`` (made
    once a posting and field: each fit of the cross-validation asks again)."""
    made = p.line_targets.get(name)
    if made is None:
        made = p.line_targets[name] = _line_targets(p, name)
    return made


def _line_targets(p: Prepared, name: str) -> list[str]:
    value = p.example.fields.get(name)
    items = value if isinstance(value, list) else [value] if isinstance(value, str) else []
    gold = Counter(w for item in items for w in re.findall(r"\w+", calibrate.norm(item)))
    out = []
    for words in p.line_words:
        inside = sum((words & gold).values())
        out.append("1" if words and inside >= LINE_IN * words.total() else "0")
    return out


def fit_lines(name: str, prepared: Sequence[Prepared],
              rows: Sequence[int]) -> classify.LinearModel | None:
    matrices, targets = [], []
    for i in rows:
        p = prepared[i]
        if p.lines:
            matrices.append(p.line_rows)
            targets += line_targets(p, name)
    if len(matrices) < MIN_TRAIN or "1" not in targets:
        return None
    return classify.train_linear(sp.vstack(matrices).tocsr(), targets, c=1.0)


def guess_lines(model: classify.LinearModel, p: Prepared) -> Guess | None:
    if not p.lines or "1" not in model.classes:
        return None
    chance = model.probabilities(p.line_rows)[:, model.classes.index("1")]
    chosen = [i for i, c in enumerate(chance) if c >= 0.5]
    if not chosen:
        return None
    return Guess([p.lines[i].text for i in chosen], float(np.mean(chance[chosen])),
                 [p.lines[i].span for i in chosen])


# -- choice fields and label questions ----------------------------------------------------

def choice_target(value: object) -> str:
    return value if isinstance(value, str) else NONE


def fit_doc(prepared: Sequence[Prepared], rows: Sequence[int],
            targets: Sequence[str]) -> classify.LinearModel | None:
    if len(rows) < MIN_TRAIN:
        return None
    matrix = sp.vstack([prepared[i].doc_row for i in rows]).tocsr()
    return classify.train_linear(matrix, targets)


def guess_doc(model: classify.LinearModel, p: Prepared) -> tuple[str, float]:
    """The likeliest class of a posting and its probability."""
    chance = model.probabilities(p.doc_row)[0]
    best = int(np.argmax(chance))
    return model.classes[best], float(chance[best])


def guess_choice(model: classify.LinearModel, p: Prepared) -> Guess | None:
    value, chance = guess_doc(model, p)
    return Guess(value, chance, []) if value != NONE else None


def option_target(answer: object, option: str) -> str:
    answers = answer if isinstance(answer, list) else [answer]
    return "1" if option in answers else "0"


def guess_options(models: dict[str, classify.LinearModel], p: Prepared) -> Guess:
    """A many-answer question's answer: the options whose own classifier says yes;
    the confidence is the mean sureness of every option's yes or no."""
    chosen, sureness = [], []
    for option, model in models.items():
        value, chance = guess_doc(model, p)
        if value == "1":
            chosen.append(option)
        sureness.append(chance)
    return Guess(chosen, float(np.mean(sureness)) if sureness else 0.0, [])


def kind_of(name: str) -> str:
    """How a field is learnt ("" when it is not)."""
    if name in SPAN_FIELDS:
        return "span"
    if name in classify.LINE_FIELDS:
        return "lines"
    if name in classify.CHOICE_FIELDS:
        return "choice"
    return ""
