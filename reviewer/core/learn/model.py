"""The trained model of a project and its suggestions for one posting.

In: a cleaned posting (``CleanDoc``) and the rules' ``Extraction`` of it. Out:
``Suggestions``: per learnt field a ``Finding`` of stage "learned" (its spans in the
Markdown where the value was read there; its confidence on the project's scale, the
share of held-out reviewed postings where a value so sure was right), and per label
question a suggested answer with its confidence.

A reading is calibrated by the situation it is in, as each was measured apart on the
held-out postings: ``fill`` (the rules found nothing), ``agree`` (the rules found the
same value) and ``override`` (they found another: where the model is right far less
often than its own marginals say, and the rules' confidence, ``rule``, is measured
on these postings too).

``apply`` puts them into the extraction. A field is ``trusted`` where, on the
reviewed postings held out in cross-validation, the rules with the model beat the
rules alone. For it, an empty field takes the model's value when it is at least
``OFFER`` sure; where the two differ the rules' confidence is put on the same scale
and ``merge_findings`` lets the surer reading win (the other becomes an alternative).
A field not trusted only adds its reading as an alternative of a value the rules
found.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from reviewer.core.extract import merge_findings
from reviewer.core.extract.merge import same_value
from reviewer.core.learn import tasks
from reviewer.core.learn.calibrate import Calibration, empty
from reviewer.core.learn.classify import LinearModel
from reviewer.core.learn.examples import Answer, Prepared
from reviewer.core.learn.spans import SpanTagger
from reviewer.core.schema import MAX_ALTERNATIVES, CleanDoc, Extraction, Finding

STAGE = "learned"
OFFER = 0.5  # a field the rules left empty is filled when the model is at least this sure
LABEL = "label:"  # the prefix of a label question's part


def option_key(part: str, option: str) -> str:
    """The key of the classifier of one option of a many-answer question's part: apart
    by a character no name holds (``labels.check_given``), so that question "a" of
    option "b=c" and question "a=b" of option "c" are two (with "=" they were one)."""
    return f"{part}\x1f{option}"


@dataclass
class Part:
    """One thing the model learnt: a field (``name`` its name) or a label question
    (``name`` "label:" and the question).

    ``kind``: span, lines, choice (fields), single or multi (questions). ``options``:
    a many-answer question's options. ``calibrations``: per situation (see the
    module's doc; "model" for a question), the map from the raw confidence to the
    project's scale. ``figures``: the
    cross-validated accuracy of the rules, the model and both (with ``n``, the postings
    held out)."""

    name: str
    kind: str
    calibrations: dict[str, Calibration] = field(default_factory=dict)
    trusted: bool = False
    figures: dict[str, float] = field(default_factory=dict)
    options: list[str] = field(default_factory=list)

    def sure(self, situation: str, raw: float) -> float:
        """A raw confidence on the project's scale, in a situation (see the module's
        doc); the raw one where the situation was never measured."""
        calibration = self.calibrations.get(situation)
        return round(calibration(raw) if calibration else raw, 3)


@dataclass
class Suggestions:
    """What the model suggests for one posting (see the module's doc)."""

    fields: dict[str, Finding] = field(default_factory=dict)
    labels: dict[str, tuple[Answer, float]] = field(default_factory=dict)
    trusted: frozenset[str] = frozenset()


class Model:
    """A trained model: its parts, their taggers and classifiers, and what it knows of
    itself (``info``: when it was trained, on how many postings, its figures)."""

    def __init__(self, parts: Mapping[str, Part], taggers: Mapping[str, SpanTagger],
                 linear: Mapping[str, LinearModel], info: Mapping[str, Any]) -> None:
        self.parts = dict(parts)
        self.taggers = dict(taggers)
        self.linear = dict(linear)
        self.info = dict(info)

    @property
    def fields(self) -> list[str]:
        return [name for name in self.parts if not name.startswith(LABEL)]

    @property
    def questions(self) -> list[str]:
        return [name[len(LABEL):] for name in self.parts if name.startswith(LABEL)]

    def forget_question(self, question: str) -> None:
        """Answer this label question no more (its options changed since it learnt)."""
        self.parts.pop(LABEL + question, None)

    def foreign_answers(self, options: Mapping[str, Sequence[str]]) -> list[str]:
        """The questions of ``options`` (each question's option names) this model answers
        with what is not one of their options: a single answer's classes, a many-answer
        question's options and their yes or no. A stored model could name anything there
        (it would be suggested for every posting); the project's questions are not known
        as it loads, so its owner asks."""
        foreign = []
        for question in self.questions:
            allowed = options.get(question)
            if allowed is None:
                continue
            part = self.parts[LABEL + question]
            if part.kind == "multi":
                keyed = [self.linear[option_key(part.name, o)] for o in part.options
                         if option_key(part.name, o) in self.linear]
                wrong = not set(part.options) <= set(allowed) or \
                    any(not set(m.classes) <= {"0", "1"} for m in keyed)
            else:
                model = self.linear.get(part.name)
                wrong = model is not None and not set(model.classes) <= set(allowed)
            if wrong:
                foreign.append(question)
        return foreign

    def guess(self, part: Part, p: Prepared) -> tasks.Guess | None:
        """The raw guess of one part for a posting (None: it has nothing)."""
        if part.kind == "span":
            tagger = self.taggers.get(part.name)
            return tasks.guess_span(tagger, p.markdown, p.tokens, p.items) if tagger else None
        if part.kind == "multi":
            models = {o: self.linear[option_key(part.name, o)] for o in part.options
                      if option_key(part.name, o) in self.linear}
            return tasks.guess_options(models, p) if models else None
        model = self.linear.get(part.name)
        if model is None:
            return None
        if part.kind == "lines":
            return tasks.guess_lines(model, p)
        if part.kind == "choice":
            return tasks.guess_choice(model, p)
        value, chance = tasks.guess_doc(model, p)
        return tasks.Guess(value, chance, [])

    def suggest(self, doc: CleanDoc, extraction: Extraction) -> Suggestions:
        """The model's readings of one posting (the extraction is not changed)."""
        return self.suggest_prepared(Prepared(doc.markdown, extraction))

    def suggest_prepared(self, p: Prepared) -> Suggestions:
        out = Suggestions(trusted=frozenset(n for n, part in self.parts.items()
                                            if part.trusted and not n.startswith(LABEL)))
        for name, part in self.parts.items():
            guess = self.guess(part, p)
            if guess is None:
                continue
            if name.startswith(LABEL):
                confidence = part.sure("model", guess.confidence)
                out.labels[name[len(LABEL):]] = (guess.value, confidence)
            elif not empty(guess.value):
                confidence = part.sure(situation(p.extraction.fields.get(name), guess.value),
                                       guess.confidence)
                out.fields[name] = Finding(guess.value, list(guess.spans), confidence, STAGE)
        return out

    def to_bytes(self) -> bytes:
        """The model in its stored form (see ``storage``)."""
        from reviewer.core.learn.storage import dump
        return dump(self)

    @classmethod
    def from_bytes(cls, data: bytes) -> Model:
        """A model from its stored form; ``ModelRefused`` saying why when it cannot be
        one of this version's (see ``storage``)."""
        from reviewer.core.learn.storage import load
        return load(data)


def apply(model: Model, doc: CleanDoc, extraction: Extraction,
          given: frozenset[str] = frozenset()) -> Suggestions:
    """Put the model's suggestions into ``extraction`` in place (see the module's doc)
    and return them (their labels are for the caller to show). ``given``: the fields
    whose values a data file's columns gave; the model's reading of them is only ever an
    alternative, as for a field not trusted."""
    suggestions = model.suggest(doc, extraction)
    merge_suggestions(model, extraction, suggestions, given)
    return suggestions


def merge_suggestions(model: Model, extraction: Extraction, suggestions: Suggestions,
                      given: frozenset[str] = frozenset()) -> None:
    """``apply``'s second half, for suggestions already made."""
    offered: dict[str, Finding] = {}
    for name, finding in suggestions.fields.items():
        part = model.parts[name]
        rule = extraction.fields.get(name)
        if name not in suggestions.trusted or name in given:
            if not empty(rule) and not same_value(rule, finding.value):
                others = extraction.alternatives.setdefault(name, [])
                if len(others) < MAX_ALTERNATIVES and \
                        not any(same_value(a.value, finding.value) for a in others):
                    others.append(finding)
            continue
        if empty(rule):
            if finding.confidence >= OFFER:
                offered[name] = finding
            continue
        if not same_value(rule, finding.value) and name in extraction.confidence:
            extraction.confidence[name] = part.sure("rule", extraction.confidence[name])
        offered[name] = finding
    merge_findings(extraction, offered)


def situation(rule: object, learned: object) -> str:
    """Which calibration a learned value takes beside the rules' (the module's doc)."""
    return "fill" if empty(rule) else "agree" if same_value(rule, learned) else "override"


def choose(rule: object, rule_sure: float, learned: object, learned_sure: float) -> object:
    """The value ``apply`` leaves for a trusted field (both confidences on the project's
    scale): what cross-validation simulates."""
    if empty(learned):
        return rule
    if empty(rule):
        return learned if learned_sure >= OFFER else None
    if same_value(rule, learned):
        return rule
    return learned if learned_sure > rule_sure else rule
