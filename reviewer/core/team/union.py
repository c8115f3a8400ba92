"""What a merged file asks and guides by, whatever the order of its files: the union of
their label schemas, and the guidelines set last.

The merged schema holds every question and every option any of the files has, or any of
their answers gives (OUT's own first, where it was there before, then the inputs' in the
order of their names), so that every answer is one to a question the window shows. A name is a
name: an option one reviewer renamed is kept under both its names (the files do not
say which was a rename and which an addition), and the report says which files have
each. A question ``single`` in one file and ``multi`` in another is asked as ``multi``
(every answer fits); one that is a span question in one and a document question in
another, or a span label another span question has, keeps the first's, and is said.
An option keeps its colour and key unless an option before it took the key.

The guidelines kept are those set last, as each file's log says (the same time: the
text that sorts last), and keep that time; where the files' differ, the report names
whose were kept. The descriptions are every one any file has, of a thing described
apart the one of the file whose descriptions were set last.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reviewer.core.labels import Option, Question, keys_apart
from reviewer.core.store import Store
from reviewer.core.team.files import named, opened_input
from reviewer.core.team.split import copy_setup

MOST = 20  # differences a report lists


@dataclass
class _File:
    name: str
    schema: list[Question]
    guidelines: str
    at: str  # when they were set ("" never)
    descriptions: dict[str, str]
    described: str  # when they were set


@dataclass
class Setup:
    """The merged file's schema and guidelines, and what to say of the files' own."""

    schema: list[Question]
    guidelines: tuple[str, str] | None = None  # (text, when set), where they differ
    descriptions: tuple[dict[str, str], str] = ({}, "")  # (all of them, when set)
    notes: list[str] = field(default_factory=list)

    def put(self, out: Store, created: bool, first: Store) -> None:
        """Into OUT, before the first input's postings: a new OUT takes the ``first``
        input's setup (``split.copy_setup``) and this schema, OUT there before widens
        its own."""
        if created:
            copy_setup(first, out)
            out.labels.save_schema(self.schema)
        else:
            out.labels.widen(self.schema)
        if self.guidelines is not None and self.guidelines[0] != out.meta.guidelines():
            out.meta.set_guidelines(*self.guidelines)
        if self.descriptions[0] != out.meta.descriptions():
            out.meta.set_descriptions(*self.descriptions)


def united(out: Path, created: bool, paths: Sequence[Path]) -> Setup:
    """What the merged file ``out`` asks and guides by (module doc): of OUT (unless the
    merge makes it) and of the inputs ``paths``."""
    files = []
    shown = [] if created else [out]
    for path in [*shown, *sorted(paths, key=lambda p: (p.name, str(p)))]:
        with opened_input(path) as store:
            meta = store.meta
            files.append(_File(named(path.name), _asked(store), meta.guidelines(),
                               meta.last_set("set_guidelines"), meta.descriptions(),
                               meta.last_set("set_descriptions")))
    schema, notes = union([(f.name, f.schema) for f in files])
    setup = Setup(schema, notes=_said(notes, named(out.name)))
    texts = {f.guidelines for f in files}
    if len(texts) > 1:
        kept = max(files, key=lambda f: (f.at, f.guidelines))
        setup.guidelines = kept.guidelines, kept.at
        others = [f"{f.name}'s" for f in files if f.guidelines != kept.guidelines]
        setup.notes.append(f"guidelines differ: {named(out.name)} keeps {kept.name}'s, set "
                           f"last ({kept.at or 'never'}); {_listed(others)} "
                           f"{'differs' if len(others) == 1 else 'differ'}")
    setup.descriptions = _described(files, named(out.name), setup.notes)
    return setup


def _described(files: list[_File], out: str, notes: list[str]) -> tuple[dict[str, str], str]:
    """Every description any file has, of a thing the files describe apart the one set
    last (its file's, as for the guidelines), and when the latest were set; ``notes``
    takes what differs."""
    chosen: dict[str, tuple[str, str, str]] = {}  # key → (when set, text, file)
    differ: dict[str, None] = {}
    for file in files:
        for key, text in file.descriptions.items():
            had = chosen.get(key)
            if had is not None and had[1] != text:
                differ[key] = None
            if had is None or (file.described, text) > had[:2]:
                chosen[key] = (file.described, text, file.name)
    if differ:
        keys = list(differ)
        shown = ", ".join(f"{k} ({chosen[k][2]}'s)" for k in keys[:MOST]) + (
            f" and {len(keys) - MOST:,} more" if len(keys) > MOST else "")
        notes.append(f"descriptions differ: {out} keeps each one set last: {shown}")
    return ({key: text for key, (_at, text, _file) in sorted(chosen.items())},
            max((f.described for f in files), default=""))


def _asked(store: Store) -> list[Question]:
    """A file's questions, with those its answers give that it does not ask (a record's
    imported, a merged file's)."""
    schema = store.labels.schema()
    asked = {q.name: q for q in schema}
    for given in store.labels.answered():
        question = asked.get(given.name)
        if question is None:
            schema.append(given)
        elif question.kind != "span":
            question.kind = "multi" if given.kind == "multi" else question.kind
            question.options += [o for o in given.options if o.name not in
                                 question.option_names()]
    return schema


def union(schemas: Sequence[tuple[str, list[Question]]]) -> tuple[list[Question], list[str]]:
    """The questions of every schema (each a file's name and its questions), in order
    (module doc), and what differs between them, a line each."""
    questions: dict[str, Question] = {}
    spans: dict[str, str] = {}  # span label → its question
    has: dict[tuple[str, str], list[str]] = {}  # (question, option or "") → files
    notes: list[str] = []
    for name, schema in schemas:
        for theirs in schema:
            ours = questions.setdefault(theirs.name, Question(theirs.name, theirs.kind))
            if (ours.kind == "span") != (theirs.kind == "span"):
                notes.append(f"question {theirs.name}: a {_kind(theirs)} in {name}, "
                             f"asked as a {_kind(ours)}")
                continue
            has.setdefault((theirs.name, ""), []).append(name)
            if ours.kind != theirs.kind:
                ours.kind = "multi"
            for option in theirs.options:
                has.setdefault((theirs.name, option.name), []).append(name)
                if option.name in ours.option_names():
                    continue
                if theirs.kind == "span" and spans.setdefault(option.name, ours.name) != ours.name:
                    notes.append(f"span label {option.name}: of {theirs.name} in {name}, "
                                 f"kept in {spans[option.name]}")
                    continue
                ours.options.append(Option(option.name, option.color, option.key))
    everyone = [name for name, _schema in schemas]
    return keys_apart(list(questions.values())), _differences(has, everyone) + notes


def _differences(has: dict[tuple[str, str], list[str]], everyone: list[str]) -> list[str]:
    """A line for each question, or option of a question, that some files lack."""
    lines = []
    for (question, option), holders in has.items():
        among = everyone if not option else has[(question, "")]
        if len(holders) == len(among):
            continue
        what = f"option {option} of {question}" if option else f"question {question}"
        lacking = [n for n in among if n not in holders]
        lines.append(f"{what}: only {_listed(holders)} {'has' if len(holders) == 1 else 'have'}"
                     " it" if len(holders) <= len(lacking) else
                     f"{what}: {_listed(lacking)} {'lacks' if len(lacking) == 1 else 'lack'} it")
    return lines


def _said(differences: list[str], out: str) -> list[str]:
    """The report's lines of the schemas' differences (none where they are alike)."""
    if not differences:
        return []
    more = len(differences) - MOST
    return [f"label schemas differ: {out} asks every question and option of them"] + [
        f"  {line}" for line in differences[:MOST]] + (
        [f"  … and {more:,} more"] if more > 0 else [])


def _kind(question: Question) -> str:
    return "span question" if question.kind == "span" else "document question"


def _listed(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
