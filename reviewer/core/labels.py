"""The label schema: the questions a project asks of each posting and of spans of its text.

Three kinds of question: ``single`` (one option: a radio group), ``multi`` (any options:
check boxes) and ``span`` (labels for spans of the cleaned text). Each option has a name
(what is stored and exported), a colour and a shortcut key. The schema is kept in the
project's ``label_schema`` table and travels as JSON::

    [{"question": "relevant", "kind": "single",
      "options": [{"name": "yes", "color": "#4e79a7", "key": "Alt+1"}, ...]}, ...]

(A ``"was"`` beside a question's or an option's name, in JSON a person gives, says the
name it had: ``label_json.json_origins``.)

An option has a key while there are keys (``with_defaults`` gives the ones without):
document options Alt+1…9, Alt+0, then Alt+Shift+1…0; span labels Ctrl+1…9, Ctrl+0,
then Ctrl+Shift+1…0; after those, two-stroke chords: Ctrl+L, then a digit or a letter
(then Shift and a digit or a letter, then Ctrl+L twice …). They run out after 236
options of one kind (256 in all; a schema may hold 2,000): an option past them has
none, and is picked in the window's Labels menu, which lists every option. Alt and a
letter stays free for the window's fields and menus. A key is written in Qt's portable
text, strokes joined by ", ".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

KINDS = ("single", "multi", "span")
# distinct, readable on light and dark backgrounds (Tableau 10)
PALETTE = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1",
           "#ff9da7", "#9c755f", "#bab0ac")
_NAME = re.compile(r"\S(?:.*\S)?\Z")
_COLOR = re.compile(r"#[0-9a-fA-F]{6}\Z")
_SURROGATE = re.compile("[\ud800-\udfff]")  # half a character: no text a file can hold
# the most a schema a person gives may hold (``label_checks.check_given``): the window
# lays out a button, a menu entry and a key for every option (2,000 options: 0.8 s to
# open, 3 s to lay out again after a change; 30,000: 16 s to open)
MAX_QUESTIONS = 200
MAX_OPTIONS = 2_000  # all its questions' together


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


def option_key(question: str, option: str) -> str:
    """The key of an option's description (``option:QUESTION/OPTION``): a "/" or "\\" in
    the question's name written after a "\\", so that question "a/b" of option "c" and
    question "a" of option "b/c" are two (a name without either is keyed as before)."""
    named = question.replace("\\", "\\\\").replace("/", "\\/")
    return f"option:{named}/{option}"


def default_schema() -> list[Question]:
    """What a new project asks: is the posting relevant, which role family; and spans of
    skills, tools, qualifications and benefits. How senior the role is, is the
    ``seniority`` field (one meaning, corrected in one place), not a question here.
    Document options take Alt+1…9, Alt+0 in order, span labels Ctrl+1…4."""
    questions = [
        Question("relevant", "single", [Option("yes"), Option("no")]),
        Question("role_family", "single", [Option(n) for n in (
            "engineering", "data", "product_design", "sales_marketing", "operations",
            "finance", "people", "other")]),
        Question("spans", "span", [Option(n) for n in (
            "SKILL", "TOOL", "QUALIFICATION", "BENEFIT")]),
    ]
    return with_defaults(questions)


DIGITS = "1234567890"
CHORD_KEY = "Ctrl+L"  # the first stroke of the label chords, which nothing else may take
_CHORD_ENDS = [*DIGITS, *"ABCDEFGHIJKLMNOPQRSTUVWXYZ"]
_MAX_STROKES = 4  # what a QKeySequence holds


def key_pool(kind: str) -> Iterator[str]:
    """The keys an option of this kind gets, in order (``kind``: "span" for span labels,
    anything else for document options). Single keys first; then chords, shared by both
    kinds: ``Ctrl+L, 1`` … ``Ctrl+L, Z``, ``Ctrl+L, Shift+1`` … ``Ctrl+L, Shift+Z``,
    then the same after ``Ctrl+L, Ctrl+L``, up to four strokes. No key is a first part
    of another."""
    modifier = "Ctrl" if kind == "span" else "Alt"
    for shift in ("", "Shift+"):
        yield from (f"{modifier}+{shift}{d}" for d in DIGITS)
    for depth in range(1, _MAX_STROKES):
        lead = ", ".join([CHORD_KEY] * depth)
        for shift in ("", "Shift+"):
            yield from (f"{lead}, {shift}{end}" for end in _CHORD_ENDS)


def with_defaults(questions: list[Question], reserved: Iterable[str] = ()) -> list[Question]:
    """Give options without a colour or key the next free ones: colours from the
    palette (document options and span labels each from its start); keys from
    ``key_pool``, skipping those taken, by an option or in ``reserved`` (the window's
    own keys), and those that clash with a key taken (one is the first strokes of the
    other)."""
    taken = _Taken(normal_key(o.key) for q in questions for o in q.options if o.key)
    window = [normal_key(k) for k in reserved if k]
    pools = {"doc": key_pool("doc"), "span": key_pool("span")}
    colour = {"doc": 0, "span": 0}  # span labels start the palette again: their own colours
    for question in questions:
        kind = "span" if question.kind == "span" else "doc"
        for option in question.options:
            if not option.color:
                option.color = PALETTE[colour[kind] % len(PALETTE)]
                colour[kind] += 1
            if not option.key:
                option.key = next((k for k in pools[kind] if not taken.clashes(k)
                                   and not any(window_clash(k, w) for w in window)), "")
                taken.add(option.key)
    return questions


def keys_apart(questions: list[Question]) -> list[Question]:
    """``with_defaults``, after taking away each key that clashes with one an option
    before it holds (questions brought together from several schemas: a later one's key
    gives way, and its option gets the next free one)."""
    taken = _Taken(())
    for option in (o for q in questions for o in q.options):
        if option.key and taken.clashes(normal_key(option.key)):
            option.key = ""
        taken.add(normal_key(option.key) if option.key else "")
    return with_defaults(questions)


class _Taken:
    """Keys taken, asked whether a key ``clash``es with any of them in the time of its
    few strokes, not of their number (a schema of thousands of options is read at every
    posting shown)."""

    def __init__(self, keys: Iterable[str]) -> None:
        self.whole: set[tuple[str, ...]] = set()
        self.starts: set[tuple[str, ...]] = set()  # each key's first strokes, all of them
        for key in keys:
            self.add(key)

    def add(self, key: str) -> None:
        parts = tuple(strokes(key))
        if parts:  # (no key: no clash)
            self.whole.add(parts)
            self.starts.update(parts[:n] for n in range(1, len(parts) + 1))

    def clashes(self, key: str) -> bool:
        """``any(clash(key, t) for t in taken)``: equal, the start of one, or one of
        them its start."""
        parts = tuple(strokes(key))
        return bool(parts) and (parts in self.starts or
                                any(parts[:n] in self.whole for n in range(1, len(parts))))


_MODIFIERS = {"ctrl": "Ctrl", "control": "Ctrl", "alt": "Alt", "shift": "Shift",
              "meta": "Meta"}


def strokes(key: str) -> list[str]:
    """The strokes of a key written in portable text: "Ctrl+L, 1" is two ("Ctrl+L",
    "1"); "Ctrl+," is one (the comma key)."""
    out: list[str] = []
    rest = key.strip()
    while rest:
        cut = _next_separator(rest)
        if cut < 0:
            out.append(rest)
            break
        out.append(rest[:cut])
        rest = rest[cut + 1:].strip()
    return out


def _next_separator(text: str) -> int:
    """Where the comma that ends the first stroke is (-1: one stroke). A comma right
    after "+", or at the start of a stroke, is the comma key."""
    for at, char in enumerate(text):
        if char == "," and at > 0 and text[at - 1] != "+" and at + 1 < len(text):
            return at
    return -1


def clash(a: str, b: str) -> bool:
    """Whether two keys cannot both be shortcuts: equal, or one the first strokes of the
    other (pressing it would never get to the longer one)."""
    first, second = strokes(a), strokes(b)
    n = min(len(first), len(second))
    return bool(n) and first[:n] == second[:n]


def window_clash(key: str, window_key: str) -> bool:
    """Whether a label key cannot be used beside a key of the window: as ``clash``, but
    ``CHORD_KEY``, which the window holds back for the label chords, stops itself only."""
    if normal_key(window_key) == CHORD_KEY:
        return normal_key(key) == CHORD_KEY
    return clash(normal_key(key), normal_key(window_key))


def normal_key(text: str) -> str:
    """A key in one spelling ("ctrl + 1" is "Ctrl+1", "ctrl+l,1" is "Ctrl+L, 1"), so
    that equal keys compare equal; ValueError for an unknown modifier."""
    parts = strokes(text)
    if not parts or len(parts) > _MAX_STROKES:
        raise ValueError(f"key {text!r} is not one to four keys")
    return ", ".join(_normal_stroke(text, part) for part in parts)


def _normal_stroke(text: str, stroke: str) -> str:
    parts = [p.strip() for p in stroke.split("+")]
    if stroke.strip().endswith("++"):  # the plus key itself
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


def too_large(questions: Sequence[Question]) -> str | None:
    """What makes a schema larger than a person may give a project (``MAX_QUESTIONS``,
    ``MAX_OPTIONS``), or None."""
    if len(questions) > MAX_QUESTIONS:
        return f"{len(questions):,} questions, at most {MAX_QUESTIONS:,}"
    total = sum(len(q.options) for q in questions)
    if total > MAX_OPTIONS:
        big = max(questions, key=lambda q: len(q.options))
        return (f"{total:,} options in all, at most {MAX_OPTIONS:,}; {_cut(big.name)!r} has "
                f"{len(big.options):,}")
    return None


def _cut(name: str, most: int = 48) -> str:
    """A name for a message, cut with "…" where it is long."""
    return name if len(name) <= most else name[:most - 1] + "…"


def within_limits(questions: list[Question]) -> tuple[list[Question], str | None]:
    """The questions of a stored schema the window shows, and what it says of those it
    leaves out (None: none): a file made elsewhere, or by a version without the limits,
    may hold more than ``too_large`` lets a person give. The questions are taken in
    order, any that would pass the limits left out; their answers are kept, only not
    shown."""
    if too_large(questions) is None:
        return questions, None
    shown: list[Question] = []
    options = 0
    for question in questions:
        if len(shown) < MAX_QUESTIONS and options + len(question.options) <= MAX_OPTIONS:
            shown.append(question)
            options += len(question.options)
    kept = {id(q) for q in shown}
    left = [q for q in questions if id(q) not in kept]
    named = ", ".join(repr(_cut(q.name)) for q in left[:2]) + (
        f" and {len(left) - 2:,} more" if len(left) > 2 else "")
    return shown, (f"Label schema too large: {named} not shown (at most {MAX_QUESTIONS} "
                   f"questions, {MAX_OPTIONS:,} options in all).")


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
        for name in (question.name, *names):
            if half := _SURROGATE.search(name or ""):
                raise ValueError(f"{name!r} holds U+{ord(half[0]):04X}, no valid Unicode "
                                 "character (half of one): write the name without it")
        for option in question.options:
            if not _NAME.match(option.name or ""):
                raise ValueError(f"question {question.name!r}: an option has no name")
            if option.color and not _COLOR.match(option.color):
                raise ValueError(f"option {option.name!r}: colour {option.color!r} is not "
                                 "like #1f77b4")
            if option.key:
                key = normal_key(option.key)
                if re.fullmatch(r"Alt\+[A-Z]", key):
                    raise ValueError(f"{key} ({option.name!r}) goes to a field: Alt and a letter "
                                     "is never a label key")
                other = next((k for k in keys if clash(k, key)), None)
                if other == key:
                    raise ValueError(f"{key} is the key of both {keys[key]!r} "
                                     f"and {option.name!r}")
                if other is not None:
                    short, long = sorted((key, other), key=len)
                    raise ValueError(f"{short} ({keys.get(short, option.name)!r}) is the "
                                     f"start of {long} ({keys.get(long, option.name)!r}): "
                                     "the longer key could never be pressed")
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
        for part in ("question", "kind", "was"):
            if not isinstance(item.get(part, ""), str):
                raise ValueError(f"a question's {part!r} is not text ({str(item[part])[:40]})")
        options = []
        for raw in item["options"]:
            if isinstance(raw, str):
                raw = {"name": raw}
            if not isinstance(raw, dict):
                raise ValueError(f"question {item.get('question')!r}: an option is neither a "
                                 "name nor an object")
            for part, what in (("name", "name"), ("color", "colour"), ("key", "key"),
                               ("was", '"was"')):
                if not isinstance(raw.get(part) or "", str):
                    raise ValueError(f"question {item.get('question')!r}: an option's {what} "
                                     f"is not text ({str(raw.get(part))[:40]})")
            key = str(raw.get("key") or "")
            options.append(Option(str(raw.get("name") or "").strip(),
                                  str(raw.get("color") or ""), normal_key(key) if key else ""))
        questions.append(Question(str(item.get("question", "")).strip(),
                                  str(item.get("kind", "")), options))
    check(questions)
    return with_defaults(questions)  # options given by name alone get a colour and a key


def skill_label(schema: Sequence[Question] | None, named: str = "SKILL") -> str | None:
    """The span label the machine's suggested skill spans take (in the window and the
    exports): ``named``, the label that stands for skills (SKILL, or the name a rename
    gave it: ``Labels.skill_label``), where the schema has it; None where it has not (no
    suggestions: the evidence of skills is no other label's). No schema: ``named``."""
    spans = {o.name for q in schema or () if q.kind == "span" for o in q.options}
    return named if schema is None or named in spans else None
