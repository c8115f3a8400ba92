"""`reviewer agreement`: the figures of a project that holds three reviewers' values, as a
table and as JSON, equal to the reference implementations' on the same data."""

from __future__ import annotations

import json
import random
from pathlib import Path

import krippendorff
import numpy as np
import pytest
from sklearn.metrics import cohen_kappa_score

from reviewer.cli import main
from reviewer.core.store import NewPosting, Store

REVIEWERS = ("ana", "ben", "chen")
OPTIONS = ("yes", "no")
STAMP = "2024-05-01T10:00:00Z"


def make_project(path: Path, postings: int = 30) -> dict[int, dict[str, str]]:
    """Postings each reviewed by two or three of the reviewers (ana and ben always); returns
    the answers to the question "relevant" given."""
    rng = random.Random(7)
    answers: dict[int, dict[str, str]] = {}
    rows = []
    with Store(path, reviewer="lead") as store:
        store.postings.add([NewPosting(source=f"{n}.md", hash=f"h{n}", kind="text", raw="x",
                                       cleaned="Python developer in Leeds", fields={})
                            for n in range(1, postings + 1)])
        for pid in range(1, postings + 1):
            who = REVIEWERS if pid % 3 == 0 else REVIEWERS[:2]
            truth = rng.choice(OPTIONS)
            answers[pid] = {}
            for name in who:
                answer = truth if rng.random() < 0.8 else rng.choice(OPTIONS)
                answers[pid][name] = answer
                title = "Python developer" if rng.random() < 0.9 else "Developer"
                spans = [[0, 6, "SKILL"]] + ([[17, 22, "LOC"]] if rng.random() < 0.5 else [])
                rows += [(pid, name, "label", "relevant", json.dumps([answer]), STAMP),
                         (pid, name, "field", "title", json.dumps(
                             {"state": "corrected", "value": title, "spans": []}), STAMP),
                         (pid, name, "spans", "", json.dumps(spans), STAMP)]
        store.reviews.put(rows)
        store.postings.set_status(1, "reviewed")
        store.timing.add(1, 90)
    return answers


def test_agreement_table_and_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "p.db"
    answers = make_project(db)
    assert main(["agreement", str(db)]) == 0
    table = capsys.readouterr().out
    assert table.startswith("3 reviewers (ana, ben, chen); 30 postings worked on by two or more")
    assert "Krippendorff's alpha" in table and "relevant" in table and "alpha" in table
    assert "SKILL" in table and "LOC" in table and "title" in table
    assert "lead" in table and "40.0" in table  # one posting in 90 seconds
    assert "undefined" not in table  # every value of a question is one
    assert table.rstrip().endswith("-: under a minute of work timed, too little for a pace")

    assert main(["agreement", str(db), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    [relevant] = report["labels"]
    assert relevant["method"] == "alpha" and relevant["reviewers"] == list(REVIEWERS)
    data = np.full((3, len(answers)), np.nan)
    for col, pid in enumerate(sorted(answers)):
        for row, name in enumerate(REVIEWERS):
            if name in answers[pid]:
                data[row, col] = OPTIONS.index(answers[pid][name])
    assert relevant["value"] == pytest.approx(
        krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))
    assert relevant["differing"] == sorted(p for p, a in answers.items()
                                           if len(set(a.values())) > 1)
    [skill] = [s for s in report["spans"] if s["label"] == "SKILL"]
    assert skill["exact_f1"] == 1.0 and skill["differing"] == []
    pace = {p["reviewer"]: p for p in report["pace"]}
    assert pace["lead"] == {"reviewer": "lead", "reviewed": 1, "seconds": 90.0,
                            "per_hour": 40.0}
    assert set(pace) == {"lead", *REVIEWERS}


def test_two_reviewers_get_cohens_kappa(tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "p.db"
    with Store(db, reviewer="lead") as store:
        store.postings.add([NewPosting(source=f"{n}.md", hash=f"h{n}", kind="text", raw="x",
                                       cleaned="text", fields={}) for n in (1, 2, 3, 4)])
        ana, ben = ["yes", "yes", "no", "no"], ["yes", "no", "no", "no"]
        store.reviews.put([(pid, name, "label", "relevant", json.dumps([answer]), STAMP)
                           for name, given in (("ana", ana), ("ben", ben))
                           for pid, answer in enumerate(given, 1)])
    assert main(["agreement", str(db), "--json"]) == 0
    [relevant] = json.loads(capsys.readouterr().out)["labels"]
    assert relevant["method"] == "kappa" and relevant["differing"] == [2]
    assert relevant["value"] == pytest.approx(cohen_kappa_score(ana, ben))


def test_a_kappa_undefined_is_said_to_be_under_the_table(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Every answer "yes": kappa is undefined, and the table printed a bare "-" for it."""
    db = tmp_path / "p.db"
    with Store(db, reviewer="lead") as store:
        store.postings.add([NewPosting(source=f"{n}.md", hash=f"h{n}", kind="text", raw="x",
                                       cleaned="text", fields={}) for n in (1, 2, 3)])
        store.reviews.put([(pid, name, "label", "relevant", json.dumps(["yes"]), STAMP)
                           for name in ("ana", "ben") for pid in (1, 2, 3)])
    assert main(["agreement", str(db)]) == 0
    lines = capsys.readouterr().out.splitlines()
    row = next(n for n, line in enumerate(lines) if line.startswith("relevant "))
    assert lines[row].split()[1:5] == ["kappa", "3", "-", "1.000"]
    assert lines[row + 1] == ("-: undefined, every answer the same category (kappa and alpha "
                              "need answers in two or more); 'agree' is the share of pairs "
                              "agreeing")
    assert main(["agreement", str(db), "--json"]) == 0
    [relevant] = json.loads(capsys.readouterr().out)["labels"]
    assert relevant["value"] is None and relevant["share"] == 1.0


def test_a_project_of_one_reviewer_says_what_to_do(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "p.db"
    Store(db).close()
    assert main(["agreement", str(db)]) == 0
    assert "merge the reviewers' project files first" in capsys.readouterr().out
    assert main(["agreement", str(tmp_path / "missing.db")]) == 2


def test_reviewers_merged_with_nothing_in_common_are_told_so(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """After a split with --overlap 0 and a merge, it said to merge the files first."""
    db = tmp_path / "p.db"
    with Store(db, reviewer="lead") as store:
        store.postings.add([NewPosting(source=f"{n}.md", hash=f"h{n}", kind="text", raw="x",
                                       cleaned="Python developer", fields={}) for n in (1, 2)])
        store.reviews.put([(1, "ana", "label", "relevant", '["yes"]', STAMP),
                           (2, "ben", "label", "relevant", '["no"]', STAMP)])
    assert main(["agreement", str(db)]) == 0
    out = capsys.readouterr().out
    assert "no posting was worked on by two or more of the reviewers" in out
    assert "--overlap" in out and "merge the reviewers' project files first" not in out
    with Store(db) as store:
        store.db.execute("DELETE FROM reviews WHERE reviewer = 'ben'")
    assert main(["agreement", str(db)]) == 0
    assert "only ana's values are merged" in capsys.readouterr().out


def test_a_share_short_of_all_is_never_written_as_all() -> None:
    """1,999 of 2,000 pairs agree: the terminal said 1.000 and the window "100% of 2,000
    pairs agree", each beside "differ 1"."""
    from reviewer.cli.agreement import _number
    from reviewer.gui.team_stats import _share

    assert _number(0.9995) != "1.000" and float(_number(0.9995)) < 1
    assert _number(0.00004) != "0.000" and _number(1.0) == "1.000" and _number(0.0) == "0.000"
    assert _number(None) == "-" and _number(0.5) == "0.500"
    assert _share(1999 / 2000, 2000) == "99.95% of 2,000 pairs agree"
    assert _share(1.0, 3) == "100% of 3 pairs agree" and _share(0.5, 2) == "50% of 2 pairs agree"
