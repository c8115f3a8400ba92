"""``store.labels``: the project's label schema and each posting's answers.

The schema (``label_schema``) is a list of questions (``reviewer.core.labels``);
a posting's answers to the document questions are ``doc_labels`` rows, its span
labels live with the spans (``store.spans``). Saving a new schema carries the
labels along renamed options and removes the labels of options that are gone.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from copy import deepcopy
from typing import TYPE_CHECKING

from reviewer.core.labels import Option, Question, check, skill_label, to_json, with_defaults
from reviewer.core.store.history import Change, log
from reviewer.core.store.meta import Meta, move_descriptions
from reviewer.core.store.spans import SchemaChanged, schema_names
from reviewer.core.store.sqlite import Database
from reviewer.core.store.takings import (
    answered,
    log_lost,
    outside_answers,
    outside_spans,
    people_values,
    reviewers_answers,
    reviewers_spans,
)

if TYPE_CHECKING:
    from reviewer.core.store.postings import Postings
    from reviewer.core.store.reviews import Reviews
    from reviewer.core.store.spans import Spans

Origins = Mapping[tuple[str, str], tuple[str, str]]


def parse_rows(stored: list[tuple[str, str, str]]) -> list[Question]:
    """The questions of the stored rows (question, kind, options as JSON). Options of
    another shape than the schema's (edited by another program) raise the error of
    a value that cannot be read, ``json.JSONDecodeError``."""
    questions = []
    for name, kind, options in stored:
        read = json.loads(options)
        if not isinstance(read, list) or not all(
                isinstance(o, dict) and isinstance(o.get("name"), str)
                and isinstance(o.get("color", ""), str) and isinstance(o.get("key", ""), str)
                for o in read):
            raise json.JSONDecodeError(f"the options of question {name!r} are not the "
                                       "schema's", options, 0)
        questions.append(Question(name, kind, [
            Option(o["name"], o.get("color", ""), o.get("key", "")) for o in read]))
    return with_defaults(questions)


class Labels:
    """The label schema and the answers to its document questions."""

    def __init__(self, db: Database, postings: Postings, spans: Spans,
                 reviews: Reviews | None = None) -> None:
        self.db = db
        self._postings = postings
        self._spans = spans
        self._reviews = reviews  # the reviewers' own answers, moved with the final ones
        # the schema's rows last read by ``schema_changed``, and their questions
        self._read: tuple[list[tuple[str, str, str]] | None, list[Question]] = None, []

    def schema(self) -> list[Question]:
        """The project's questions, in order (see ``reviewer.core.labels``). An option
        stored without a key (a file saved before every option had one) is given the
        next free one here, as it is read; the file is not changed."""
        return self.parsed(self._stored())

    def schema_changed(self, questions: list[Question]) -> list[Question] | None:
        """The schema as stored, where it is not ``questions`` (None where it is). Asked
        at every posting shown: the stored text is compared with the text last read here,
        and parsed again only where it changed (0.4-0.8 s for 200,000 options, against
        20 ms to compare; a few options take microseconds either way)."""
        stored = self._stored()
        if stored != self._read[0]:
            self._read = stored, self.parsed(stored)
        return None if self._read[1] == questions else self._read[1]

    parsed = staticmethod(parse_rows)

    def _stored(self) -> list[tuple[str, str, str]]:
        return self.db.execute(
            "SELECT question, kind, options FROM label_schema ORDER BY position").fetchall()

    def skill_label(self) -> str | None:
        """The span label the machine's suggested skill spans take (``labels.skill_label``:
        the one standing for skills, followed through its renames), None: none does."""
        return skill_label(self.schema(), Meta(self.db).skills_label())

    def has_schema(self) -> bool:
        """Whether the project has any question."""
        return self.db.execute("SELECT 1 FROM label_schema LIMIT 1").fetchone() is not None

    def is_asked(self, question: str) -> bool:
        """Whether ``question`` is one of the project's document questions (not a span
        question), or a posting answers it."""
        return self.db.execute(
            "SELECT 1 FROM label_schema WHERE question = ? AND kind != 'span' UNION ALL"
            " SELECT 1 FROM doc_labels WHERE question = ? LIMIT 1",
            (question, question)).fetchone() is not None

    def answer(self, pid: int, question: str, options: Sequence[str]) -> Change:
        """The posting's answer to one question (all its options, replacing the old);
        ``SchemaChanged`` for a question or an option it gives that the label schema
        lacks (one the posting holds already, imported or merged, may stay)."""
        with self.db.atomic():
            old = dict(self.db.execute(  # option -> whose it is (an undo puts it back)
                "SELECT option, reviewer FROM doc_labels WHERE posting_id = ? AND question = ?",
                (pid, question)).fetchall())
            asked = schema_names(self.db, question)[0].get(question)  # (its options)
            if asked is None and not old:
                raise SchemaChanged(f"question {question!r}")
            if gone := set(options) - (asked or set()) - set(old):
                raise SchemaChanged(f"option {min(gone)!r} of {question!r}")
            change = Change(f"label {question}")
            change.rows += [("doc_labels", (pid, question, option),
                             {"posting_id": pid, "question": question, "option": option,
                              "reviewer": by}) for option, by in old.items()]
            change.rows += [("doc_labels", (pid, question, o), None)
                            for o in options if o not in old]
            self.db.execute("DELETE FROM doc_labels WHERE posting_id = ? AND question = ?",
                            (pid, question))
            self.insert(pid, {question: list(options)})
            self._postings.touch(pid, "set_labels",
                                 {"question": question, "options": list(options)})
        return change

    def insert(self, pid: int, answers: Mapping[str, Sequence[str]]) -> None:
        """Add answers to posting ``pid`` (kept as they are where present), unlogged."""
        self.db.conn.executemany(
            "INSERT OR IGNORE INTO doc_labels (posting_id, question, option) VALUES (?,?,?)",
            [(pid, q, o) for q, options in answers.items() for o in options])

    def option_names(self) -> tuple[set[tuple[str, str]], set[str]]:
        """The schema's (question, option) pairs of its document questions, and its span
        labels."""
        return _options(self.schema())

    def has_any(self, pid: int) -> bool:
        return self.db.execute("SELECT 1 FROM doc_labels WHERE posting_id = ? LIMIT 1",
                               (pid,)).fetchone() is not None

    def uses(self, question: Question) -> dict[str, int]:
        """How many labels each option of ``question`` has given (its spans, rejected
        suggestions aside, for a span question; its answers for the others), each
        reviewer's own in a merged project counted too (a change of the schema moves or
        removes theirs as it does the final ones)."""
        if question.kind == "span":
            counts = dict(self._spans.uses(question.option_names()))
            names = set(question.option_names())
            given = [(o, n) for o, n in reviewers_spans(self.db).items() if o in names]
        else:
            counts = dict(self.db.execute("SELECT option, count(*) FROM doc_labels WHERE"
                                          " question = ? GROUP BY option", (question.name,)))
            given = [(o, n) for (_q, o), n in reviewers_answers(self.db, question.name).items()]
        for option, n in given:
            counts[option] = counts.get(option, 0) + n
        return counts

    def lost(self, questions: Sequence[Question],
             origins: Origins | None = None) -> list[tuple[str, str, int]]:
        """(question, option, labels) for every option in use whose labels
        ``save_schema`` would remove."""
        current = self.schema()
        answers, spans = self._moves(questions, origins, current)
        gone, gone_spans = _gone(current, answers, spans)
        old_pairs, old_spans = _options(current)
        new_pairs, new_spans = _options(questions)

        def goes(question: Question, option: str) -> bool:
            """Moved nowhere: an option of the schema now, one of no schema (a record's)
            that the new schema does not have either, or one a rename takes the name of."""
            if question.kind == "span":
                return option in gone_spans or (option not in spans and option not in
                                                old_spans and option not in new_spans)
            pair = (question.name, option)
            return pair in gone or (pair not in answers and pair not in old_pairs
                                    and pair not in new_pairs)

        # labels of no schema (a record's, a reviewer's file's): those the new one lacks,
        # or whose name a rename takes, go too (final ones and each reviewer's own)
        asked = {q.name for q in current}
        answered = Counter(reviewers_answers(self.db))
        answered.update({(q, o): n for q, o, n in self.db.execute(
            "SELECT question, option, count(*) FROM doc_labels GROUP BY question, option")})
        foreign = [(question, option, n) for (question, option), n in sorted(answered.items())
                   if question not in asked and ((question, option) not in new_pairs
                                                 or (question, option) in gone)]
        labelled = Counter(reviewers_spans(self.db))
        labelled.update(dict(self.db.execute(
            "SELECT label, count(*) FROM spans WHERE state != 'rejected' GROUP BY label")))
        named = next((q.name for q in [*questions, *current] if q.kind == "span"), "spans")
        foreign += [(named, label, n) for label, n in sorted(labelled.items())
                    if label not in old_spans and (label in gone_spans or label not in new_spans)]
        return [(q.name, option, n) for q in current
                for option, n in self.uses(q).items() if goes(q, option)] + foreign

    def several(self, questions: Sequence[Question],
                origins: Origins | None = None) -> list[tuple[str, int]]:
        """(question, postings) for each question ``questions`` make single-choice that
        postings answer with several options now (``save_schema`` keeps such answers)."""
        answers, _spans = self._moves(questions, origins)
        out = []
        for question in questions:
            if question.kind != "single":
                continue
            olds = sorted({old for old, new in answers.items() if new[0] == question.name})
            if not olds:
                continue
            marks = ",".join("(?, ?)" for _ in olds)
            n = self.db.execute(
                "SELECT count(*) FROM (SELECT posting_id FROM doc_labels WHERE (question,"
                f" option) IN (VALUES {marks}) GROUP BY posting_id HAVING count(*) > 1)",
                [x for pair in olds for x in pair]).fetchone()[0]
            if n:
                out.append((question.name, int(n)))
        return out

    def save_schema(self, questions: Sequence[Question], origins: Origins | None = None,
                    expected: Sequence[Question] | None = None,
                    before: Callable[[], None] | None = None) -> int:
        """Replace the schema, carrying the labels along: ``origins`` maps each new
        (question, option) to the (question, option) it was renamed from (None: the
        same names). All moves happen at once, so swaps and chains of renames are
        safe; each answer stays its reviewer's. Labels of options no longer in the schema
        are removed, and the answers a model suggested to a question whose options moved
        or went (they name them as they were). One transaction;
        returns how many labels were removed. Options without a colour or a key get
        the next free ones (``with_defaults``). ``expected``: the schema the edit was made
        on; when the file holds another (saved elsewhere since), ValueError and nothing
        is changed. ``before``: run in the same transaction before anything is changed
        (what it raises stops the save: what it read cannot change before the save)."""
        check(questions)
        questions = with_defaults(deepcopy(list(questions)))
        answers, spans = self._moves(questions, origins)
        moves = [(*old, *new) for old, new in answers.items() if old != new]
        kept = [(q.name, o) for q in questions if q.kind != "span" for o in q.option_names()]
        span_labels = [o for q in questions if q.kind == "span" for o in q.option_names()]
        with self.db.atomic():
            if expected is not None and self.schema() != list(expected):
                raise ValueError("the label schema was changed in the project file since "
                                 "this was opened (by another window or process); close "
                                 "this and edit the schema as it is now")
            if before is not None:
                before()
            db = self.db
            for table, columns in (("label_moves", "old_q, old_o, new_q, new_o"),
                                   ("kept_answers", "q, o"), ("gone_answers", "q, o")):
                db.execute(f"CREATE TEMP TABLE IF NOT EXISTS {table} ({columns})")
                db.execute(f"DELETE FROM {table}")
            db.conn.executemany("INSERT INTO label_moves VALUES (?, ?, ?, ?)", moves)
            db.conn.executemany("INSERT INTO kept_answers VALUES (?, ?)", kept)
            gone, gone_spans = _gone(self.schema(), answers, spans)
            db.conn.executemany("INSERT INTO gone_answers VALUES (?, ?)", sorted(gone))
            # whose answers and spans the change may take away, to say it of those it does
            # (those moved, those gone, and those no option of the new schema keeps)
            asked = {q.name for q in questions if q.kind != "span"}
            touched = {q for q, _o in gone} | {old[0] for old, new in answers.items()
                                               if old != new} | outside_answers(db, asked)
            relabelled = set(gone_spans) | outside_spans(db, set(span_labels)) | {
                old for old, new in spans.items() if old != new or new not in span_labels}
            held = people_values(db, touched, relabelled)
            whole: dict[str, str] = {}  # a question renamed whole: its answers go on there
            for (old_q, _o), (new_q, _n) in answers.items():
                whole[old_q] = new_q if whole.get(old_q, new_q) == new_q else ""
            # what goes first: an option removed whose name another takes would keep its
            # labels, mixed with those that move there (labels of no option of the schema,
            # a record's, stay: the new schema may have them)
            removed = db.execute("DELETE FROM doc_labels WHERE (question, option) IN"
                                 " (SELECT q, o FROM gone_answers)").rowcount
            removed += self._spans.drop_labels(sorted(gone_spans))
            moved = db.execute(  # (whose each is, kept: a rename is no one's answer)
                "SELECT d.posting_id, m.new_q, m.new_o, d.reviewer FROM doc_labels d JOIN"
                " label_moves m ON d.question = m.old_q AND d.option = m.old_o").fetchall()
            db.execute("DELETE FROM doc_labels WHERE (question, option) IN"
                       " (SELECT old_q, old_o FROM label_moves)")
            db.conn.executemany("INSERT OR IGNORE INTO doc_labels (posting_id, question, option,"
                                " reviewer) VALUES (?, ?, ?, ?)", moved)
            # a model's suggested answers name the options as they were: of a question
            # whose options moved or went, they may name another now (learn again)
            db.execute("DELETE FROM label_suggestions WHERE question IN (SELECT old_q FROM"
                       " label_moves) OR question NOT IN (SELECT q FROM kept_answers)")
            Meta(db).mark_changed_questions(
                q.name for q in self.schema() if q.kind != "span"
                and any((q.name, o) not in answers or answers[(q.name, o)] != (q.name, o)
                        for o in q.option_names()))
            if moves or any(o != n for o, n in spans.items()):  # (an undo or a redo of
                Meta(db).count_label_moves()  # labels named as before is refused now)
            self._spans.rename_labels([(o, n) for o, n in spans.items() if o != n])
            Meta(db).follow_skills_label(spans)
            removed += db.execute("DELETE FROM doc_labels WHERE (question, option) NOT IN"
                                  " (SELECT q, o FROM kept_answers)").rowcount
            removed += self._spans.keep_labels(span_labels)
            if self._reviews is not None:  # (the reviewers' own, counted as the final are)
                removed += self._reviews.relabel(answers, set(kept), spans, set(span_labels),
                                                 gone, gone_spans)
            log_lost(db, held, {old: new for old, new in whole.items() if new and new != old})
            move_descriptions(Meta(db), questions,
                               _span_origins(questions, origins, self.schema()))
            _write(db, questions, removed)
        return int(removed)

    def widen(self, questions: Sequence[Question]) -> None:
        """The schema replaced by one asking all it asks and more (``team.union``)."""
        check(questions := with_defaults(deepcopy(list(questions))))
        new, now = {q.name: q for q in questions}, self.schema()
        for old in now:  # (a single question may become a multi)
            wider = new.get(old.name, Question("", ""))
            if set(old.option_names()) - set(wider.option_names()) or wider.kind not in (
                    old.kind, "multi" if old.kind == "single" else old.kind):
                raise ValueError(f"question {old.name!r} is not in the wider schema")
        if to_json(now) != to_json(questions):  # (those given options: changed since
            with self.db.atomic():  # the model learnt)
                Meta(self.db).mark_changed_questions(q.name for q in now if q.option_names()
                                                     != new[q.name].option_names())
                _write(self.db, questions, 0)

    def answered(self) -> list[Question]:  # (``takings.answered``)
        return answered(self.db)

    def _moves(self, questions: Sequence[Question], origins: Origins | None,
               current: Sequence[Question] | None = None
               ) -> tuple[dict[tuple[str, str], tuple[str, str]], dict[str, str]]:
        """Where the labels of the current schema go under ``questions``: document answers
        (question, option) to their new pair, span labels to their new name. ``origins``
        maps each new (question, option) to the one it was, None: the same names. An
        option that moves between document and span questions goes nowhere."""
        new = {q.name: q for q in questions}
        if current is None:
            current = self.schema()
        origins = _span_origins(questions, origins, current)
        old_kinds = {(q.name, o): q.kind for q in current for o in q.option_names()}
        answers: dict[tuple[str, str], tuple[str, str]] = {}
        spans: dict[str, str] = {}
        for (question, option), was in origins.items():
            kind = old_kinds.get(was)
            if kind is None or question not in new or (kind == "span") != (
                    new[question].kind == "span"):
                continue
            if kind == "span":
                spans[was[1]] = option
            else:
                answers[was] = (question, option)
        return answers, spans


def _write(db: Database, questions: Sequence[Question], removed: int) -> None:
    db.execute("DELETE FROM label_schema")
    db.conn.executemany(
        "INSERT INTO label_schema (question, kind, options, position) VALUES (?,?,?,?)",
        [(q["question"], q["kind"], json.dumps(q["options"], ensure_ascii=False), n)
         for n, q in enumerate(to_json(questions))])
    log(db, "label_schema", {"removed": removed})


def _span_origins(questions: Sequence[Question], origins: Origins | None,
                  current: Sequence[Question]) -> dict[tuple[str, str], tuple[str, str]]:
    """``origins`` (None: the same names), each span label of ``questions`` that the
    schema now has under another span question coming from there: spans are stored by
    their label alone, so a span question renamed without a "was", or a label moved to
    another span question, keeps its spans (and its description). Not a label a rename
    took elsewhere: one added under its old name starts anew."""
    out = dict(origins) if origins is not None else {
        (q.name, o): (q.name, o) for q in questions for o in q.option_names()}
    held = {o: q.name for q in current if q.kind == "span" for o in q.option_names()}
    kinds = {(q.name, o): q.kind for q in current for o in q.option_names()}
    taken = {was[1] for was in out.values() if kinds.get(was) == "span"}
    for question in (q for q in questions if q.kind == "span"):
        for option in question.option_names():
            now = (question.name, option)
            if kinds.get(out.get(now, now)) is None and option in held and option not in taken:
                out[now] = (held[option], option)
                taken.add(option)
    return out


def _options(questions: Sequence[Question]) -> tuple[set[tuple[str, str]], set[str]]:
    """The (question, option) pairs of a schema's document questions, and its span
    labels."""
    pairs = {(q.name, o) for q in questions if q.kind != "span" for o in q.option_names()}
    return pairs, {o for q in questions if q.kind == "span" for o in q.option_names()}


def _gone(current: Sequence[Question], answers: Mapping[tuple[str, str], tuple[str, str]],
          spans: Mapping[str, str]) -> tuple[set[tuple[str, str]], set[str]]:
    """The options whose labels a change of the schema removes before it moves any: those
    of the schema now that go nowhere, and those of no schema (a record's) whose name a
    rename takes (two meanings would be mixed under it)."""
    old_pairs, old_spans = _options(current)
    targets = {new for old, new in answers.items() if old != new}
    span_targets = {new for old, new in spans.items() if old != new}
    return ((old_pairs - set(answers)) | (targets - old_pairs),
            (old_spans - set(spans)) | (span_targets - old_spans))
