"""A decision is never lost in a merge (property): random decisions by random reviewers in
random files → after the merge every (posting, reviewer, kind, key, value) the files hold
is in the merged file's ``reviews``, and nothing else; merging again changes nothing."""

from __future__ import annotations

import contextlib
import json
import sqlite3
import tempfile
from contextlib import closing
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from team_projects import dump, make_source

from reviewer.core.store import Store
from reviewer.core.store.reviews import normalise
from reviewer.core.team import merge_projects, split_project

POSTINGS = 6
FILES = 3
Fact = tuple[str, str, str, str, str]  # hash, reviewer, kind, key, value (normalised)

edit = st.tuples(
    st.integers(0, FILES - 1),  # file
    st.integers(0, 1),  # which of the file's two reviewers
    st.integers(1, POSTINGS),  # posting (by the source's id, each file has them all)
    st.sampled_from(["title", "company", "reject", "relevant", "tags", "span", "status",
                     "comment"]),
    st.integers(0, 3),  # which value
)


def apply(store: Store, pid: int, what: str, n: int) -> None:
    if what in ("title", "company"):
        store.decisions.set_field(pid, what, ["Data Engineer", "data engineer", "Analyst",
                                              "Acme"][n])
    elif what == "reject":
        store.decisions.reject_field(pid, ["title", "company", "skills", "title"][n])
    elif what == "relevant":
        store.labels.answer(pid, "relevant", [["yes"], ["no"], ["yes"], []][n])
    elif what == "tags":
        store.labels.answer(pid, "tags", [["urgent"], ["remote", "urgent"], ["junior"], []][n])
    elif what == "span":
        with contextlib.suppress(ValueError):  # (labelled so already: refused)
            store.spans.add(pid, n, n + 4, ["SKILL", "TOOL"][n % 2])
    elif what == "status":
        store.postings.set_status(pid, ["reviewed", "flagged", "skipped", "reviewed"][n])
    else:
        store.postings.set_comment(pid, ["ok", "OK", "salary?", "ok"][n])


def facts(path: Path) -> set[Fact]:
    """What a reviewer's file says each reviewer decided, read from its tables."""
    out: set[Fact] = set()
    with closing(sqlite3.connect(path)) as db:
        hashes = dict(db.execute("SELECT id, hash FROM postings"))
        for pid, name, state, value, spans, who in db.execute(
                "SELECT posting_id, field, state, value, spans, reviewer FROM annotations"):
            decided = {"state": state, "value": json.loads(value) if value else None,
                       "spans": json.loads(spans)}
            out.add((hashes[pid], who, "field", name, json.dumps(decided, sort_keys=True)))
        labels: dict[tuple[int, str, str], list[str]] = {}
        for pid, question, option, who in db.execute(
                "SELECT posting_id, question, option, reviewer FROM doc_labels"):
            labels.setdefault((pid, question, who), []).append(option)
        out |= {(hashes[p], w, "label", q, json.dumps(sorted(o))) for (p, q, w), o in
                labels.items()}
        spans: dict[tuple[int, str], set[tuple[int, int, str]]] = {}
        for pid, start, end, label, who in db.execute(
                'SELECT posting_id, start, "end", label, reviewer FROM spans'):
            spans.setdefault((pid, who), set()).add((start, end, label))
        labelled = {pid for pid, _who in spans}
        for pid, status, by in db.execute("SELECT id, status, status_by FROM postings"):
            if status == "reviewed" and pid not in labelled:  # reviewed, no span: none
                spans[(pid, by)] = set()
        out |= {(hashes[p], w, "spans", "", json.dumps([list(s) for s in sorted(s)]))
                for (p, w), s in spans.items()}
        for pid, status, by, comment, comment_by in db.execute(
                "SELECT id, status, status_by, comment, comment_by FROM postings"):
            if status != "new":
                out.add((hashes[pid], by, "status", "", json.dumps(status)))
            if comment:
                out.add((hashes[pid], comment_by, "comment", "", json.dumps(comment)))
    return out


def merged(path: Path) -> set[Fact]:
    with closing(sqlite3.connect(path)) as db:
        rows = db.execute("SELECT p.hash, r.reviewer, r.kind, r.key, r.value FROM reviews r"
                          " JOIN postings p ON p.id = r.posting_id").fetchall()
    return {(h, who, kind, key, json.dumps(json.loads(v), sort_keys=True))
            for h, who, kind, key, v in rows}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edits=st.lists(edit, max_size=25), order=st.permutations(range(FILES)))
def test_every_decision_is_in_the_merged_reviews_and_nothing_else(
        edits: list[tuple[int, int, int, str, int]], order: list[int]) -> None:
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        source = make_source(tmp / "project.db", n=POSTINGS)
        with Store(source) as store:
            files = list(split_project(store, [f"f{i}" for i in range(FILES)], tmp / "out",
                                       overlap=1.0, copies=FILES).files.values())
        for f, who, pid, what, n in edits:
            with Store(files[f], reviewer=f"r{f}{who}") as store:
                apply(store, pid, what, n)
        expected = set().union(*(facts(path) for path in files))
        out = tmp / "merged.db"
        merge_projects(out, [files[i] for i in order])
        assert merged(out) == expected
        before = dump(out)
        merge_projects(out, files)
        assert dump(out) == before
        with Store(out) as store:  # where the reviewers agree, the final value is theirs
            for pid in store.queue.ids():
                posting = store.records.get(pid)
                for (kind, key), values in _things(store.reviews.of(pid)).items():
                    if kind != "field" or len({normalise(v) for v in values}) != 1:
                        continue
                    assert normalise(posting["human"][key]) == normalise(values[0])


def _things(by_reviewer: dict[str, dict[tuple[str, str], Any]]
            ) -> dict[tuple[str, str], list[Any]]:
    out: dict[tuple[str, str], list[Any]] = {}
    for values in by_reviewer.values():
        for thing, value in values.items():
            out.setdefault(thing, []).append(value)
    return out
