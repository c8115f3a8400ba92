"""``store.meta``: the project's guidelines and the descriptions of what it asks, the
label questions changed since its model learnt, and the span label standing for skills.

The guidelines are one Markdown text for the reviewers; the descriptions say what a
field, a label question or one of its options means (``field:title``,
``question:relevant``, ``option:relevant/yes``), shown where the thing is. They travel
with the project (``reviewer split`` and a merge copy them to each file they write),
and so do the changed questions, with the models.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Mapping, Sequence

from reviewer.core.labels import Question, option_key
from reviewer.core.store.history import log
from reviewer.core.store.jsontext import loads
from reviewer.core.store.reviewer import clean_name
from reviewer.core.store.sqlite import Database

MAX_TEXT = 1_000_000  # characters of guidelines or of one description
CHANGED = "questions_changed"  # see ``Meta.changed_questions``
MOVES = "label_moves"  # see ``Meta.label_moves``
SKILLS = "skills_label"  # see ``Meta.skills_label``


class Meta:
    """Guidelines and descriptions."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def _get(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM project_meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def _set(self, key: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO project_meta (key, value) VALUES (?, ?)",
                        (key, value))

    def assigned_reviewer(self) -> str | None:
        """The reviewer a split wrote this file for (None for any other file)."""
        return self._get("assigned_reviewer")

    def set_assigned_reviewer(self, name: str) -> None:
        with self.db.atomic():
            self._set("assigned_reviewer", clean_name(name))

    def made_by_merge(self) -> bool:
        """Whether a merge made this file (what is done in it is then an adjudicator's)."""
        return self._get("made_by_merge") == "1"

    def set_made_by_merge(self) -> None:
        """Mark the file made by a merge, with an id of its own (``MergeLog.origin``)."""
        with self.db.atomic():
            self._set("made_by_merge", "1")
            if self._get("file_id") is None:
                self._set("file_id", uuid.uuid4().hex)

    def guidelines(self) -> str:
        """The guidelines, Markdown ("" when there are none)."""
        return self._get("guidelines") or ""

    def set_guidelines(self, text: str, at: str | None = None) -> None:
        """Replace the guidelines; ``at``: when they were written (None: now), where they
        come from another file (``last_set``)."""
        if len(text) > MAX_TEXT:
            raise ValueError(f"the guidelines are over {MAX_TEXT:,} characters")
        with self.db.atomic():
            self._set("guidelines", text)
            log(self.db, "set_guidelines", {"characters": len(text)}, at=at or None)

    def last_set(self, kind: str) -> str:
        """When the log last says ``kind`` ("set_guidelines", "set_descriptions"; "":
        never): a merge keeps the guidelines and descriptions set last (``team.union``)."""
        row = self.db.execute("SELECT max(at) FROM events WHERE kind = ?", (kind,)).fetchone()
        return str(row[0] or "")

    def descriptions(self) -> dict[str, str]:
        """What each field, question and option means, by ``kind:name``."""
        value = loads(self._get("descriptions"), {})
        return {str(k): str(v) for k, v in value.items()} if isinstance(value, dict) else {}

    def set_descriptions(self, descriptions: Mapping[str, str], at: str | None = None) -> None:
        """Replace the descriptions (keys ``field:NAME``, ``question:NAME``,
        ``option:QUESTION/OPTION``; ValueError for another key); ``at`` as for
        ``set_guidelines``."""
        for key, text in descriptions.items():
            kind = key.split(":", 1)[0]
            if kind not in ("field", "question", "option") or ":" not in key:
                raise ValueError(f"{key!r}: a description's key is field:NAME, question:NAME "
                                 "or option:QUESTION/OPTION")
            if len(text) > MAX_TEXT:
                raise ValueError(f"{key}: over {MAX_TEXT:,} characters")
        with self.db.atomic():
            self._set("descriptions", json.dumps(dict(descriptions), ensure_ascii=False))
            log(self.db, "set_descriptions", {"count": len(descriptions)}, at=at or None)

    def label_moves(self) -> int:
        """How many changes of the label schema moved answers or span labels between
        names (a rename, a swap): what an undo or a redo of labels holds its names to
        (two names swapped in their places leave the schema's text as it was)."""
        value = loads(self._get(MOVES), 0)
        return value if type(value) is int else 0

    def count_label_moves(self) -> None:
        self._set(MOVES, str(self.label_moves() + 1))

    def skills_label(self) -> str:
        """The name of the span label that stands for skills, which the machine's skill
        spans are suggested as: SKILL, or the name its renames gave it."""
        value = self._get(SKILLS)
        return "SKILL" if value is None else value

    def set_skills_label(self, name: str) -> None:
        with self.db.atomic():
            self._set(SKILLS, name)

    def follow_skills_label(self, spans: Mapping[str, str]) -> None:
        """The label standing for skills after a change of the label schema that moved
        each span label it kept to its new name (``spans``): renamed, its new name.
        Removed, it keeps its name: none stands for skills until a label is given that
        name again."""
        named = self.skills_label()
        if spans.get(named, named) != named:
            self._set(SKILLS, spans[named])

    def changed_questions(self) -> dict[str, int]:
        """The label questions whose options were renamed or removed, or that were
        renamed or removed themselves, since the project's model was trained: its
        answers to them name the options as they were. Each with a count that grows at
        every such edit (what a training that read the schema before it tells apart)."""
        value = loads(self._get(CHANGED), {})
        if not isinstance(value, dict):
            return {}
        return {str(k): v for k, v in value.items() if type(v) is int}

    def mark_changed_questions(self, names: Iterable[str]) -> None:
        """Count an edit that renamed or removed options of these questions."""
        names = set(names)
        if not names:
            return
        with self.db.atomic():
            counts = self.changed_questions()
            for name in names:
                counts[name] = counts.get(name, 0) + 1
            self._set(CHANGED, json.dumps(counts, ensure_ascii=False))

    def set_changed_questions(self, counts: Mapping[str, int]) -> None:
        """The counts of another file's (its model copied with them)."""
        with self.db.atomic():
            self._set(CHANGED, json.dumps(dict(counts), ensure_ascii=False))

    def model_trained(self, counts_read: Mapping[str, int], changed: Iterable[str]) -> None:
        """A model was kept that learnt from the schema as it was when the counts were
        ``counts_read``: the questions marked since then stay changed, and ``changed``
        (its questions the schema now holds otherwise); the rest are the model's own."""
        with self.db.atomic():
            since = {name: n for name, n in self.changed_questions().items()
                     if counts_read.get(name) != n}
            since.update((name, since.get(name, 0) + 1) for name in changed)
            self._set(CHANGED, json.dumps(since, ensure_ascii=False))


def move_descriptions(meta: Meta, questions: Sequence[Question],
                      origins: Mapping[tuple[str, str], tuple[str, str]] | None) -> None:
    """The descriptions of questions and options, moved along their renames (those of a
    question or an option no longer there go; those of fields stay). An option's goes
    where the option went (one new option for each old). A question that keeps its name
    keeps its own; one under a new name made from others takes a copy of the first's
    (a question split in two: the part keeping its name keeps it, the new part starts
    from the same text, to be edited, rather than from none, as a rename would; the
    text a person wrote is nowhere lost)."""
    old = meta.descriptions()
    if not any(key.startswith(("question:", "option:")) for key in old):
        return
    if origins is None:  # the same names: each what it was
        origins = {(q.name, o): (q.name, o) for q in questions for o in q.option_names()}
    out = {key: text for key, text in old.items()
           if not key.startswith(("question:", "option:"))}
    for new, was in origins.items():
        if option_key(*was) in old:  # (one added anew under an old name: no origin, none)
            out[option_key(*new)] = old[option_key(*was)]
    # a question keeps its own description first, then those made from others take one
    made = sorted(origins.items(), key=lambda item: item[0][0] != item[1][0])
    for (question, _o), (old_q, _w) in made:
        if (text := old.get(f"question:{old_q}")) is not None:
            out.setdefault(f"question:{question}", text)
    if out != old:
        meta.set_descriptions(out)
