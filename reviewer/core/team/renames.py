"""Labels renamed in the project after a reviewer's file was split from it.

A reviewer's file keeps the label schema the split gave it. When the project it came
from renames a question, an option or a span label afterwards (the schema dialog,
``reviewer labels --import``), the reviewer's answers still name them as they were: a
merge back would file them under names the project no longer has, and count as
disagreements answers that say the same. ``Renames`` reads the project's log of those
renames (each change of the schema made at once, in order) and names the reviewer's
answers, spans and takings back as the project does now.

Only for a file a split wrote from the project merged into (the split's own record
names it), whose reviewer has not changed its schema since (its names are then its
own: they are taken as given, as any other file's are).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from reviewer.core.store import Store
from reviewer.core.store.takings import schema_changed, schema_renames, split_from
from reviewer.core.store.transfer import Value

Answer = tuple[str, str]  # question, option


class Renames:
    """The names the project gave since the split: each answer (question, option) and
    span label as the file has it, to the one the project has now."""

    def __init__(self, answers: dict[Answer, Answer], spans: dict[str, str]) -> None:
        self.answers = {old: new for old, new in answers.items() if old != new}
        self.spans = {old: new for old, new in spans.items() if old != new}
        self.questions = {old[0]: new[0] for old, new in self.answers.items()
                          if old[0] != new[0]}

    def __bool__(self) -> bool:
        return bool(self.answers or self.spans)

    def values(self, values: list[Value]) -> list[Value]:
        """``values`` under the project's names (a question's answer whose options went
        to two questions becomes two answers)."""
        out = []
        for value in values:
            if value.kind == "label" and isinstance(value.value, list):
                moved: dict[str, list[str]] = {}
                for option in value.value:
                    question, named = self.answers.get((value.key, option), (value.key, option))
                    moved.setdefault(question, []).append(named)
                out += [replace(value, key=question, value=sorted(set(options)))
                        for question, options in moved.items()]
            elif value.kind == "spans" and isinstance(value.value, list) and self.spans:
                spans = {(s[0], s[1], self.spans.get(s[2], s[2])) for s in value.value}
                out.append(replace(value, value=[list(s) for s in sorted(spans)]))
            else:
                out.append(value)
        return out

    def question(self, name: str) -> str:
        return self.questions.get(name, name)


def since_split(src: Store, out_path: Path, out: Store) -> Renames | None:
    """The renames ``out`` made since ``src`` was split from it (None: none to make, or
    ``src`` is not such a file)."""
    split = split_from(src.db)
    if split is None or split[0] != out_path.name or schema_changed(src.db, split[1]):
        return None
    answers: dict[Answer, Answer] = {}
    spans: dict[str, str] = {}
    for moves, span_moves in schema_renames(out.db, split[1]):
        step = {(str(m[0]), str(m[1])): (str(m[2]), str(m[3])) for m in moves if len(m) == 4}
        answers = {old: step.get(now, now) for old, now in answers.items()} | {
            old: new for old, new in step.items() if old not in answers}
        labels = {str(m[0]): str(m[1]) for m in span_moves if len(m) == 2}
        spans = {old: labels.get(now, now) for old, now in spans.items()} | {
            old: new for old, new in labels.items() if old not in spans}
    renames = Renames(answers, spans)
    return renames or None
