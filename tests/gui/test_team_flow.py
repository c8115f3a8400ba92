"""Several reviewers end to end: split → three reviewers edit their files → merge →
the agreement figures equal a reference computed from the files themselves →
adjudication in the window by keyboard → the export carries the final and each
reviewer's values."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import krippendorff
import numpy as np
import pytest
from PySide6.QtCore import Qt

from reviewer.core.export import export
from reviewer.core.store import Store
from reviewer.core.team import agreement, merge_projects, split_project
from reviewer.gui.window import ReviewWindow

ALT_CTRL = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
NAMES = ["ana", "ben", "chen"]


def _work(path: Path, name: str) -> dict[str, dict[str, Any]]:
    """The reviewer's work on every posting of their file: ana takes the machine's
    titles, ben and chen rename the first posting's title and ben says its posting is
    not relevant; all mark their postings reviewed. What each decided, by page hash."""
    done: dict[str, dict[str, Any]] = {}
    with Store(path, reviewer=name) as store:
        for pid in store.queue.ids():
            posting = store.records.get(pid)
            first = posting["hash"] == min(_hashes(store))
            title = posting["machine"]["title"]["value"]
            if first and name != "ana":
                title = f"{title} ({name})"
                store.decisions.set_field(pid, "title", title)
            else:
                store.decisions.accept_field(pid, "title")
            answer = "no" if first and name == "ben" else "yes"
            store.labels.answer(pid, "relevant", [answer])
            store.postings.set_status(pid, "reviewed")
            done[posting["hash"]] = {"title": title, "relevant": answer}
    return done


def _hashes(store: Store) -> list[str]:
    return [store.records.get(pid)["hash"] for pid in store.queue.ids()]


def test_split_edit_merge_agree_adjudicate_export(project: Path, tmp_path: Path,
                                                  open_window: Any, qtbot: Any) -> None:
    with Store(project, reviewer="lead") as store:
        split = split_project(store, NAMES, tmp_path / "team", overlap=1.0, copies=2)
        hashes = sorted(_hashes(store))
    assert split.shared == len(hashes) == 8  # every posting by two reviewers
    files = [tmp_path / "team" / f"{name}.db" for name in NAMES]
    work = {name: _work(path, name) for name, path in zip(NAMES, files, strict=True)}
    merged = tmp_path / "merged.db"
    merge_projects(merged, files)

    # the reference: from what each reviewer did in their own file
    pairs = [(a, b, h) for i, a in enumerate(NAMES) for b in NAMES[i + 1:]
             for h in hashes if h in work[a] and h in work[b]]
    agree = sum(work[a][h]["title"] == work[b][h]["title"] for a, b, h in pairs)
    with Store(merged, reviewer="lead") as store:
        report = agreement(store)
        title = next(f for f in report.fields if f.field == "title")
        assert (title.pairs, title.agreeing) == (len(pairs), agree)
        relevant = next(q for q in report.labels if q.question == "relevant")
        assert relevant.reviewers == NAMES and relevant.method == "alpha"
        assert relevant.agreeing == sum(work[a][h]["relevant"] == work[b][h]["relevant"]
                                        for a, b, h in pairs)
        # Krippendorff's alpha as the krippendorff package computes it, on the answers
        # each reviewer gave in their own file (one row a reviewer, one column a posting)
        data = [[{"yes": 1, "no": 0}[work[r][h]["relevant"]] if h in work[r] else np.nan
                 for h in hashes] for r in NAMES]
        assert relevant.value == pytest.approx(
            krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))
        first_hash = min(hashes)
        disputed = [pid for pid in store.queue.ids() if store.records.get(pid)["hash"]
                    == first_hash]
        assert list(store.queue.ids(field_state="disagreement")) == disputed

    # adjudicate the disputed posting by keyboard: its title from the second reviewer
    window: ReviewWindow = open_window(merged)
    combo = window.queue_pane.state_filter
    combo.setCurrentIndex(combo.findData("disagreement"))
    assert window.pid == disputed[0]
    reviewers = sorted(r for r in NAMES if first_hash in work[r])
    differing_titles = sorted({work[r][first_hash]["title"] for r in reviewers})
    qtbot.keyClick(window.queue, Qt.Key.Key_2, ALT_CTRL)
    chosen = window.store.records.get(disputed[0])
    assert chosen["provenance"]["title"] == "adjudicated"
    assert chosen["fields"]["title"] == work[reviewers[1]][first_hash]["title"]
    assert chosen["fields"]["title"] in differing_titles
    if window.store.reviews.differing(disputed[0]):  # the question, when they differ on it
        qtbot.keyClick(window.document, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    assert list(window.store.queue.ids(field_state="disagreement")) == []

    # the export: the final decisions, and every reviewer's own values beside them
    out = tmp_path / "all.jsonl"
    export(window.store.records.all(reviewed_only=False, reviewers=True), "jsonl", out,
           schema=window.store.labels.schema())
    records = {r["raw_hash"]: r for r in map(json.loads, out.read_text().splitlines())}
    final = records[first_hash]
    assert final["fields"]["title"] == chosen["fields"]["title"]
    assert final["provenance"]["title"] == "adjudicated"
    assert set(final["reviewers"]) == set(reviewers)
    for name in reviewers:
        assert final["reviewers"][name]["fields"]["title"]["value"] == \
            work[name][first_hash]["title"]
