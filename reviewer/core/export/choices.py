"""The document-label options an export has seen, for the formats that list them all.

A record carries only the options chosen for it. Prodigy's ``options`` and spaCy's
negative categories (0.0 for an option not chosen) need every option of each question,
which is known only once every record has been seen: the writers add each record's
labels to a ``Choices`` and use it when they finish their file.

Given the label schema (spaCy's), a question's options are also every option the schema
gives it, chosen or not: an exclusive ``textcat`` needs two categories at least, and a
question of eight options of which one was chosen so far has eight.

An option is named ``question=option`` (``option_id``; an ``=`` in the question's name
escaped), so that two questions with an option of the same name (``yes``/``no``) never
collide. A question is taken as single-choice when every posting that answers it chose
exactly one option.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from reviewer.core.labels import Question


def option_id(question: str, option: str) -> str:
    """An option's name in the formats that put every question in one list; an ``=``
    or a backslash in the question's name is escaped with a backslash, so that no two
    questions' options share a name (``team`` + ``data=yes``, ``team=data`` + ``yes``)."""
    return f"{question.translate(_ESCAPED)}={option}"


_ESCAPED = str.maketrans({"\\": "\\\\", "=": "\\="})


class Choices:
    """Every option of each document-label question seen so far."""

    def __init__(self, schema: Iterable[Question] | None = None) -> None:
        """``schema``: the label schema, whose options each question has, seen or not."""
        self._options: dict[str, set[str]] = {}
        self._multi: set[str] = set()
        self._schema = {q.name: set(q.option_names()) for q in schema or ()
                        if q.kind != "span"}

    def add(self, labels: Mapping[str, Sequence[str]]) -> None:
        """Note the options a record chose."""
        for question, chosen in labels.items():
            if chosen:
                self._options.setdefault(question, set()).update(chosen)
                if len(set(chosen)) > 1:
                    self._multi.add(question)

    def questions(self) -> list[str]:
        """The questions answered at least once, sorted."""
        return sorted(self._options)

    def options(self, question: str) -> list[str]:
        """The options of ``question`` seen (and the schema's), sorted."""
        return sorted(self._options.get(question, set()) | self._schema.get(question, set()))

    def by_question(self) -> dict[str, list[str]]:
        """``{question: [option, ...]}``, both sorted."""
        return {question: self.options(question) for question in self.questions()}

    def single(self) -> list[str]:
        """The questions no posting gave two options, sorted."""
        return [question for question in self.questions() if question not in self._multi]

    def cats(self, labels: Mapping[str, Sequence[str]],
             questions: Iterable[str] | None = None) -> dict[str, float]:
        """spaCy categories for a record's ``labels``: for each question it answers (of
        ``questions``, default all), 1.0 for each option chosen and 0.0 for each other
        option seen (or of the schema). A question it does not answer is left out: unknown,
        not "no"."""
        out: dict[str, float] = {}
        for question in labels if questions is None else questions:
            chosen = labels.get(question) or []
            if chosen:
                for option in sorted({*self.options(question), *chosen}):
                    out[option_id(question, option)] = 1.0 if option in chosen else 0.0
        return out
