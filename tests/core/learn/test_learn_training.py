"""Training on made-up postings: spans, choices and labels learnt; figures kept."""

from __future__ import annotations

import importlib

import pytest
from learn_postings import posting

from reviewer.core.extract import extract
from reviewer.core.learn import Example, Model, train
from reviewer.core.schema import CleanDoc


def suggest(model: Model, text: str):  # type: ignore[no-untyped-def]
    doc = CleanDoc(text, "text")
    return model.suggest(doc, extract(doc))


def test_a_title_and_company_in_a_consistent_place_are_learnt(model: Model) -> None:
    text = posting(1, title="Lantern Inspector", company="Morvane")
    found = suggest(model, text).fields
    assert found["title"].value == "Lantern Inspector"
    assert found["title"].stage == "learned"
    start, end = found["title"].spans[0]
    assert text[start:end] == "Lantern Inspector"
    assert found["company"].value == "Morvane"
    assert 0.0 <= found["company"].confidence <= 1.0


def test_a_choice_field_is_learnt_from_the_words_that_decide_it(model: Model) -> None:
    assert suggest(model, posting(2)).fields["employment_type"].value == "part_time"
    assert suggest(model, posting(3)).fields["employment_type"].value == "full_time"


def test_a_label_answer_is_suggested_with_its_confidence(model: Model) -> None:
    answer, confidence = suggest(model, posting(0)).labels["relevant"]
    assert answer == "yes" and 0.0 <= confidence <= 1.0
    assert suggest(model, posting(2)).labels["relevant"][0] == "no"


def test_a_question_with_many_answers_is_learnt_option_by_option() -> None:
    examples = [Example(posting(i), labels={"tags": ["kitchen"] if i % 2 else
                                            ["kitchen", "code"] if i % 4 == 0 else []})
                for i in range(12)]
    model = train(examples, folds=3)
    assert model.parts["label:tags"].kind == "multi"
    answer, _ = suggest(model, posting(0)).labels["tags"]
    assert isinstance(answer, list) and "kitchen" in answer


def test_options_and_questions_with_an_equals_sign_are_learnt_apart() -> None:
    """Question "a" of option "b=c" and question "a=b" of option "c": their classifiers
    were stored under one key, the second over the first (figures 1.000, suggestions
    none)."""
    examples = [Example(posting(i), labels={"a": ["b=c"] if i % 2 else ["d"],
                                            "a=b": ["c"] if i % 3 else []})
                for i in range(12)]
    model = train(examples, folds=3)
    again = Model.from_bytes(model.to_bytes())
    for learnt in (model, again):
        assert suggest(learnt, posting(1)).labels["a"][0] == ["b=c"]
        assert suggest(learnt, posting(2)).labels["a"][0] == ["d"]


def test_the_info_holds_the_cross_validated_figures(model: Model) -> None:
    info = model.info
    assert info["n_examples"] == 24
    assert set(info["figures"]) >= {"title", "company", "employment_type", "label:relevant"}
    title = info["figures"]["title"]
    assert set(title) == {"n", "rules", "model", "cascade"}
    assert title["n"] == 24
    assert model.fields == ["title", "company", "employment_type"]
    assert model.questions == ["relevant"]


def test_progress_is_reported_step_by_step() -> None:
    seen: list[tuple[int, int]] = []
    train([Example(posting(i), {"title": posting(i).split("\n")[0]}) for i in range(6)],
          progress=lambda done, total: seen.append((done, total)), folds=2)
    assert seen[-1][0] == seen[-1][1] and [d for d, _ in seen] == list(range(1, len(seen) + 1))


def test_a_field_without_enough_decisions_is_not_learnt() -> None:
    model = train([Example(posting(i), {"title": None}) for i in range(2)])
    assert model.fields == []


class Stop(Exception):
    pass


def _stop_after(calls: int):  # type: ignore[no-untyped-def]
    """A checkpoint that stops the training at its ``calls``-th call."""
    seen = []

    def checkpoint() -> None:
        seen.append(1)
        if len(seen) >= calls:
            raise Stop
    return checkpoint, seen


def test_the_checkpoint_stops_the_reading_of_the_postings(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    train_module = importlib.import_module("reviewer.core.learn.train")  # the function shadows it

    read = []
    of = train_module.Prepared.of
    monkeypatch.setattr(train_module.Prepared, "of",
                        lambda e: read.append(e) or of(e))  # type: ignore[func-returns-value]
    checkpoint, _ = _stop_after(1)
    with pytest.raises(Stop):
        train([Example(posting(i), {"title": posting(i).split("\n")[0]}) for i in range(12)],
              checkpoint=checkpoint)
    assert len(read) <= 1  # not all twelve read before the stop is heeded


def test_the_checkpoint_stops_a_sequence_model_while_it_learns() -> None:
    from reviewer.core.learn.features import tokens
    from reviewer.core.learn.spans import train_crf

    text = posting(1)
    toks = tokens(text, extract(CleanDoc(text, "text")))
    checkpoint, seen = _stop_after(3)
    with pytest.raises(Stop):
        train_crf([(toks, ["B"] + ["O"] * (len(toks.spans) - 1))] * 20, checkpoint=checkpoint)
    assert len(seen) == 3


def test_the_cascade_figure_of_a_field_not_trusted_is_the_rules(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A field the model is not trusted on keeps the rules' value (the model's is only
    an alternative): the cascade's figure, what suggests from now on, is the rules'."""
    train_module = importlib.import_module("reviewer.core.learn.train")
    monkeypatch.setattr(train_module, "MARGIN", 10**6)  # trust no field
    from learn_postings import example

    model = train([example(i) for i in range(24)], folds=3)
    title = model.parts["title"]
    assert not title.trusted and title.figures["model"] == 1.0
    assert title.figures["cascade"] == title.figures["rules"] < 1.0
