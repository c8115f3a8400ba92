"""The ruling "no span labels" through a merge: it stands while the reviewers' spans stay
as they were ruled on and lapses once they differ from those, judged on all the inputs of
a merge together, so that the files' order does not matter."""

from __future__ import annotations

import importlib
import itertools
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from team_projects import dump, shared_files

from reviewer.core.store import Store
from reviewer.core.team import merge_projects

NAMES = ["ana", "ben", "chen"]


@pytest.fixture
def ruled(tmp_path: Path) -> tuple[dict[str, Path], Path]:
    """ana labelled (0, 4, TOOL) on posting 5, ben reviewed it with none; merged, the lead
    ruled "no span labels" (ana's span rejected).

    A disagreement that only an accepted span could clear (marking it reviewed did, but
    not where the project merged into is the one the files were split from): rejecting
    the spans labelled is the ruling none."""
    files = shared_files(tmp_path, NAMES)
    with Store(files["ana"], reviewer="ana") as store:
        store.spans.add(5, 0, 4, "TOOL")
        store.postings.set_status(5, "reviewed")
    with Store(files["ben"], reviewer="ben") as store:
        store.decisions.accept_all(5)
    out = tmp_path / "merged.db"
    merge_projects(out, [files["ana"], files["ben"]])
    with Store(out, reviewer="lead") as store:
        assert store.reviews.differing(5) == [("spans", "")]
        store.decisions.accept_all(5)  # marking it reviewed decides nothing of them
        assert store.reviews.differing(5) == [("spans", "")]
        store.spans.add_many(5, [(0, 4, "TOOL")], "human", "rejected", follow=False)
        assert store.reviews.differing(5) == []
        assert [s for s in store.records.get(5)["spans"] if s["state"] == "accepted"] == []
    return files, out


def test_a_span_the_reviewers_come_to_agree_on_is_accepted_and_rejected_no_more(
        ruled: tuple[dict[str, Path], Path]) -> None:
    files, out = ruled
    with Store(files["ben"], reviewer="ben") as store:
        store.spans.add(5, 0, 4, "TOOL")  # ben labels it too: the spans are decided again
    merge_projects(out, [files["ana"], files["ben"]])
    with Store(out) as store:  # accepted, as they agree; and no more rejected as well
        assert [(s["start"], s["end"], s["label"], s["state"])
                for s in store.records.get(5)["spans"]] == [(0, 4, "TOOL", "accepted")]
        record = next(r for r in store.records.all(False) if r["id"] == 5)
        assert "rejected_spans" not in record and len(record["spans"]) == 1
        assert store.reviews.differing(5) == []


def decided(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """What a merged file decided: the spans, the disagreement marks, the reviewers'
    values and the final fields and answers."""
    queries = {
        "spans": 'SELECT posting_id, start, "end", label, state FROM spans'
                 " WHERE state != 'suggested'",
        "marks": "SELECT id, disagreement FROM postings",
        "reviews": "SELECT posting_id, reviewer, kind, key, value FROM reviews",
        "fields": "SELECT posting_id, field, state, value FROM annotations",
        "labels": "SELECT posting_id, question, option FROM doc_labels"}
    with closing(sqlite3.connect(path)) as db:
        return {name: sorted(db.execute(sql).fetchall()) for name, sql in queries.items()}


def test_the_same_files_in_any_order_decide_the_same(
        ruled: tuple[dict[str, Path], Path], tmp_path: Path) -> None:
    """ben then labelled the span too and chen reviewed with none. Merged ana, ben, chen:
    at ben's file the span was accepted and the ruling's rejection dropped, at chen's the
    span withdrawn, a disagreement; merged chen, ana, ben: the ruling stood."""
    files, out = ruled
    with Store(files["ben"], reviewer="ben") as store:
        store.spans.add(5, 0, 4, "TOOL")
    with Store(files["chen"], reviewer="chen") as store:
        store.decisions.accept_all(5)
    results = []
    for order in itertools.permutations(NAMES):
        merged = tmp_path / f"m-{'-'.join(order)}.db"
        shutil.copy(out, merged)
        merge_projects(merged, [files[name] for name in order])
        results.append(decided(merged))
    assert all(result == results[0] for result in results[1:])
    # ben's span and chen's none are not what the lead ruled on: the spans are
    # decided again, and the reviewers differ
    assert [s for s in results[0]["spans"] if s[0] == 5] == []
    assert (5, 1) in results[0]["marks"]
    before = dump(merged)
    merge_projects(merged, [files[name] for name in NAMES])  # again: nothing changes
    assert dump(merged) == before


def test_the_ruling_stands_while_the_spans_stay_as_they_were(
        ruled: tuple[dict[str, Path], Path]) -> None:
    files, out = ruled
    with Store(files["ben"], reviewer="ben") as store:
        store.decisions.set_field(5, "title", "Another Title")  # (no span changed)
    merge_projects(out, [files["ana"], files["ben"]])
    with Store(out) as store:
        assert store.records.get(5)["human"]["title"]["value"] == "Another Title"
        assert store.reviews.differing(5) == []
        assert [(s["start"], s["end"], s["label"], s["state"])
                for s in store.records.get(5)["spans"]] == [(0, 4, "TOOL", "rejected")]
    before = dump(out)
    merge_projects(out, [files["ana"], files["ben"]])
    assert dump(out) == before


def test_a_span_given_and_taken_back_within_one_merge_leaves_the_ruling(
        ruled: tuple[dict[str, Path], Path], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """An older copy of ben's file holds the span he has taken back since: merged with his
    file, in either order, his spans are as the lead ruled on them. Merged the copy first,
    the span that ana and ben then agreed on was accepted, the ruling's rejection dropped,
    and ben's file took the span away: no ruling and a disagreement."""
    files, out = ruled
    clock = iter(f"2031-01-01T00:00:{s:02d}+00:00" for s in range(10, 60))
    stamp = lambda: next(clock)  # noqa: E731
    for module in ("history", "decisions", "postings", "spans", "takings", "merge_log"):
        monkeypatch.setattr(importlib.import_module(f"reviewer.core.store.{module}"), "now",
                            stamp)
    with Store(files["ben"], reviewer="ben") as store:
        store.spans.add(5, 0, 4, "TOOL")
    copy = tmp_path / "ben-copy.db"
    shutil.copy(files["ben"], copy)
    with Store(files["ben"], reviewer="ben") as store:
        span = next(s["id"] for s in store.records.get(5)["spans"] if s["label"] == "TOOL")
        store.spans.remove(span)
    results = []
    for n, order in enumerate(([copy, files["ben"]], [files["ben"], copy])):
        merged = tmp_path / f"m{n}.db"
        shutil.copy(out, merged)
        merge_projects(merged, order)
        results.append(decided(merged))
    assert results[0] == results[1]
    assert [s for s in results[0]["spans"] if s[0] == 5] == [(5, 0, 4, "TOOL", "rejected")]
    assert (5, 0) in results[0]["marks"]
