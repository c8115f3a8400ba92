"""A model answers a question only with its options: what a stored model names past them
(a crafted file) is found before anything is suggested."""

from __future__ import annotations

import numpy as np

from reviewer.core.learn import Model
from reviewer.core.learn.classify import LinearModel
from reviewer.core.learn.model import Part, option_key

OPTIONS = {"relevant": ["yes", "no"], "tags": ["remote", "visa"]}


def _linear(classes: list[str]) -> LinearModel:
    k = 1 if len(classes) == 2 else len(classes)
    return LinearModel(classes, np.zeros(0, np.int32), np.zeros((0, k), np.float32),
                       np.zeros(k, np.float32))


def _model(single: list[str], options: list[str], yes_no: list[str]) -> Model:
    parts = {"label:relevant": Part("label:relevant", "single"),
             "label:tags": Part("label:tags", "multi", options=options)}
    linear = {"label:relevant": _linear(single),
              **{option_key("label:tags", o): _linear(yes_no) for o in options}}
    return Model.from_bytes(Model(parts, {}, linear, {}).to_bytes())


def test_a_model_of_the_options_answers_them() -> None:
    assert _model(["no", "yes"], ["remote", "visa"], ["0", "1"]).foreign_answers(OPTIONS) == []


def test_answers_past_the_options_are_found() -> None:
    assert _model(["<b>EVIL</b>", "yes"], ["remote"], ["0", "1"]).foreign_answers(
        OPTIONS) == ["relevant"]
    assert _model(["no", "yes"], ["remote", "<img src=x>"], ["0", "1"]).foreign_answers(
        OPTIONS) == ["tags"]
    assert _model(["no", "yes"], ["remote"], ["0", "maybe"]).foreign_answers(
        OPTIONS) == ["tags"]


def test_a_question_the_project_no_longer_asks_is_not_judged() -> None:
    assert _model(["x", "y"], ["z"], ["0", "1"]).foreign_answers({}) == []
