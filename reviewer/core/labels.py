"""The label schema: the questions a project asks of each posting and of spans of its text.

Three kinds of question: ``single`` (one option: a radio group), ``multi`` (any options:
check boxes) and ``span`` (labels for spans of the cleaned text). Each option has a name
(what is stored and exported), a colour and a shortcut key. The schema is kept in the
project's ``label_schema`` table and travels as JSON::

    [{"question": "seniority", "kind": "single",
      "options": [{"name": "junior", "color": "#4e79a7", "key": "Alt+3"}, ...]}, ...]
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

KINDS = ("single", "multi", "span")
# distinct, readable on light and dark backgrounds (Tableau 10)
PALETTE = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1",
           "#ff9da7", "#9c755f", "#bab0ac")
_NAME = re.compile(r"\S(?:.*\S)?\Z")
_COLOR = re.compile(r"#[0-9a-fA-F]{6}\Z")


@dataclass
class Option:
    name: str
    color: str = ""
    key: str = ""


@dataclass
class Question:
    name: str
    kind: str
    options: list[Option] = field(default_factory=list)

    def option_names(self) -> list[str]:
        return [o.name for o in self.options]


def default_schema() -> list[Question]:
    """What a new project asks: is the posting relevant, how senior, which role family;
    and spans of skills, tools, qualifications and benefits. Document options take
    Alt+1…9 in order, span labels Ctrl+1…9."""
    questions = [
        Question("relevant", "single", [Option("yes"), Option("no")]),
        Question("seniority", "single", [Option(n) for n in (
            "intern", "junior", "mid", "senior", "lead")]),
        Question("role_family", "single", [Option(n) for n in (
            "engineering", "data", "product_design", "sales_marketing", "operations",
            "finance", "people", "other")]),
        Question("spans", "span", [Option(n) for n in (
            "SKILL", "TOOL", "QUALIFICATION", "BENEFIT")]),
    ]
    return with_defaults(questions)


def with_defaults(questions: list[Question]) -> list[Question]:
    """Give options without a colour or key the next free ones: colours from the
    palette (document options and span labels each from its start); Alt+1…9 for
    document options, Ctrl+1…9 for span labels."""
    taken = {o.key for q in questions for o in q.options if o.key}
    free = {"doc": [f"Alt+{n}" for n in range(1, 10)],
            "span": [f"Ctrl+{n}" for n in range(1, 10)]}
    for queue in free.values():
        queue[:] = [k for k in queue if k not in taken]
    colour = {"doc": 0, "span": 0}  # span labels start the palette again: their own colours
    for question in questions:
        kind = "span" if question.kind == "span" else "doc"
        queue = free[kind]
        for option in question.options:
            if not option.color:
                option.color = PALETTE[colour[kind] % len(PALETTE)]
                colour[kind] += 1
            if not option.key and queue:
                option.key = queue.pop(0)
    return questions


_MODIFIERS = {"ctrl": "Ctrl", "control": "Ctrl", "alt": "Alt", "shift": "Shift",
              "meta": "Meta"}


def normal_key(text: str) -> str:
    """A key in one spelling ("ctrl + 1" is "Ctrl+1"), so that equal keys compare equal;
    ValueError for an unknown modifier."""
    parts = [p.strip() for p in text.split("+")]
    if text.strip().endswith("++"):  # the plus key itself
        parts = [*parts[:-2], "+"]
    *mods, key = parts
    if not key:
        raise ValueError(f"key {text!r} has no key after its modifiers")
    unknown = [m for m in mods if m.lower() not in _MODIFIERS]
    if unknown:
        raise ValueError(f"key {text!r}: {unknown[0]!r} is not Ctrl, Alt, Shift or Meta")
    named = {_MODIFIERS[m.lower()] for m in mods}
    key = key.upper() if len(key) == 1 else key[:1].upper() + key[1:]
    return "+".join([m for m in ("Ctrl", "Alt", "Shift", "Meta") if m in named] + [key])


def check(questions: Sequence[Question]) -> None:
    """ValueError, saying what to change, if the schema cannot be stored."""
    seen_questions: set[str] = set()
    span_labels: set[str] = set()
    keys: dict[str, str] = {}
    for question in questions:
        if not _NAME.match(question.name or ""):
            raise ValueError("every question needs a name")
        if question.name in seen_questions:
            raise ValueError(f"two questions are called {question.name!r}")
        seen_questions.add(question.name)
        if question.kind not in KINDS:
            raise ValueError(f"question {question.name!r}: kind {question.kind!r} is not one of "
                             f"{', '.join(KINDS)}")
        names = question.option_names()
        if not names:
            raise ValueError(f"question {question.name!r} has no options")
        for option in question.options:
            if not _NAME.match(option.name or ""):
                raise ValueError(f"question {question.name!r}: an option has no name")
            if option.color and not _COLOR.match(option.color):
                raise ValueError(f"option {option.name!r}: colour {option.color!r} is not "
                                 "like #1f77b4")
            if option.key:
                key = normal_key(option.key)
                if key in keys:
                    raise ValueError(f"{key} is the key of both {keys[key]!r} "
                                     f"and {option.name!r}")
                keys[key] = option.name
        if len(set(names)) != len(names):
            raise ValueError(f"question {question.name!r} has an option twice")
        if question.kind == "span":
            twice = span_labels & set(names)
            if twice:
                raise ValueError(f"span label {sorted(twice)[0]!r} is in two questions")
            span_labels |= set(names)


def to_json(questions: Iterable[Question]) -> list[dict[str, Any]]:
    return [{"question": q.name, "kind": q.kind,
             "options": [{"name": o.name, "color": o.color, "key": o.key} for o in q.options]}
            for q in questions]


def from_json(data: Any) -> list[Question]:
    """Questions from their JSON form (ValueError on anything else); checked."""
    if not isinstance(data, list):
        raise ValueError("a label schema is a JSON list of questions")
    questions = []
    for item in data:
        if not isinstance(item, dict) or not isinstance(item.get("options"), list):
            raise ValueError("each question is an object with 'question', 'kind' and "
                             "'options'")
        options = []
        for raw in item["options"]:
            if isinstance(raw, str):
                raw = {"name": raw}
            if not isinstance(raw, dict):
                raise ValueError(f"question {item.get('question')!r}: an option is neither a "
                                 "name nor an object")
            key = str(raw.get("key") or "")
            options.append(Option(str(raw.get("name", "")).strip(),
                                  str(raw.get("color") or ""), normal_key(key) if key else ""))
        questions.append(Question(str(item.get("question", "")).strip(),
                                  str(item.get("kind", "")), options))
    check(questions)
    return with_defaults(questions)  # options given by name alone get a colour and a key
