"""What a change of the label schema takes from the people who answered and labelled
(logged for a merge: ``merge_log``), and what they answered; and reading rows by their
ids, a chunk of ids a statement."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import Any

from reviewer.core.labels import Option, Question
from reviewer.core.store.history import now
from reviewer.core.store.jsontext import loads
from reviewer.core.store.sqlite import Database

_CHUNK = 500  # ids per IN (...)

def chunks(ids: list[Any]) -> Iterator[list[Any]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start:start + _CHUNK]


def marks(items: Sequence[Any]) -> str:
    return ", ".join("?" * len(items))


Thing = tuple[int, str, str, str]  # posting, reviewer, "label" or "spans", question or ""


def people_values(db: Database, questions: set[str], labels: set[str]) -> set[Thing]:
    """Who answers ``questions`` on which posting (the final answers and each reviewer's
    own), and who has a span of one of ``labels``: what a change of the label schema
    may take from them."""
    out: set[Thing] = set()
    for chunk in chunks(sorted(questions)):
        for sql in ("SELECT DISTINCT posting_id, reviewer, question FROM doc_labels WHERE"
                    f" question IN ({marks(chunk)})",
                    "SELECT DISTINCT posting_id, reviewer, key FROM reviews WHERE kind ="
                    f" 'label' AND key IN ({marks(chunk)})"):
            out.update((pid, who, "label", key) for pid, who, key in db.execute(sql, chunk))
    for chunk in chunks(sorted(labels)):
        out.update((pid, who, "spans", "") for pid, who in db.execute(
            "SELECT DISTINCT posting_id, reviewer FROM spans WHERE state = 'accepted' AND"
            f" label IN ({marks(chunk)})", chunk))
    return out


# the items of a reviewer's value (a question's options, the span labels), as stored: no
# item where it is no JSON list
_ITEMS = ("CASE WHEN json_valid(r.value) THEN CASE WHEN json_type(r.value) = 'array'"
          " THEN r.value END END")


def reviewers_answers(db: Database, question: str | None = None) -> dict[tuple[str, str], int]:
    """How many times the reviewers' own values (a merged project's) give each (question,
    option): of ``question``, or of every question (None)."""
    return {(q, o): int(n) for q, o, n in db.execute(
        f"SELECT r.key, j.value, count(*) FROM reviews r, json_each({_ITEMS}) j WHERE"
        " r.kind = 'label' AND (r.key = ? OR ? IS NULL) AND j.type = 'text'"
        " GROUP BY r.key, j.value", (question, question))}


def reviewers_spans(db: Database) -> dict[str, int]:
    """How many of the reviewers' own spans (a merged project's) each span label has."""
    return {label: int(n) for label, n in db.execute(
        f"SELECT json_extract(j.value, '$[2]') AS label, count(*) FROM reviews r,"
        f" json_each({_ITEMS}) j WHERE r.kind = 'spans' AND j.type = 'array' AND"
        " json_array_length(j.value) = 3 GROUP BY label") if isinstance(label, str)}


def outside_answers(db: Database, questions: set[str]) -> set[str]:
    """The questions answered (finally or by a reviewer) that are not ``questions`` (a
    record's, a merged file's): a change of the schema to ``questions`` removes them."""
    found = {q for (q,) in db.execute("SELECT DISTINCT question FROM doc_labels")}
    found.update(k for (k,) in db.execute("SELECT DISTINCT key FROM reviews WHERE kind ="
                                          " 'label'"))
    return found - questions


def answered(db: Database) -> list[Question]:
    """The document questions the answers give (final or a reviewer's), with the options
    given, ``multi`` where a posting gives one several: a record's or a merged file's
    may be to a question of no schema (a merge asks them: ``team.union``)."""
    given: dict[str, set[str]] = {}
    several: set[str] = set()
    rows = db.execute("SELECT question, json_group_array(option) FROM doc_labels"
                      " GROUP BY posting_id, question").fetchall()
    rows += db.execute("SELECT key, value FROM reviews WHERE kind = 'label'").fetchall()
    for question, options in rows:
        listed = loads(options, [])
        listed = [str(o) for o in listed] if isinstance(listed, list) else []
        if len(listed) > 1:
            several.add(question)
        given.setdefault(question, set()).update(listed)
    return [Question(q, "multi" if q in several else "single", [Option(o) for o in sorted(
        options)]) for q, options in sorted(given.items()) if options]


def outside_spans(db: Database, labels: set[str]) -> set[str]:
    """The span labels given that are not ``labels``."""
    return {label for (label,) in db.execute(
        "SELECT DISTINCT label FROM spans WHERE state = 'accepted'")} - labels


def log_lost(db: Database, before: set[Thing], renamed: dict[str, str]) -> None:
    """Log, on its posting, each of ``before`` (``people_values`` before a change of the
    label schema) that has no answer or span left: a merge takes it back from the
    reviewer it was of. (A reviewer's own spans left with none are still an answer.)
    ``renamed``: the questions renamed whole, each to its new name (the History says
    the answer is one to that question now)."""
    if not before:
        return
    left: set[Thing] = set()
    for chunk in chunks(sorted({pid for pid, *_ in before})):
        for sql in (f"SELECT posting_id, reviewer, 'label', question FROM doc_labels WHERE"
                    f" posting_id IN ({marks(chunk)})",
                    f"SELECT posting_id, reviewer, kind, key FROM reviews WHERE kind = 'label'"
                    f" AND posting_id IN ({marks(chunk)})",
                    f"SELECT posting_id, reviewer, 'spans', '' FROM spans WHERE state ="
                    f" 'accepted' AND posting_id IN ({marks(chunk)})"):
            left.update(db.execute(sql, chunk))
    stamp = now()
    db.conn.executemany(
        "INSERT INTO events (at, kind, posting_id, data) VALUES (?, 'schema_removed', ?, ?)",
        [(stamp, pid, json.dumps({"kind": kind, "key": key, "of": who} | (
            {"to": renamed[key]} if kind == "label" and key in renamed else {}),
            ensure_ascii=False)) for pid, who, kind, key in sorted(before - left)])
