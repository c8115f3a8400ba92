"""Hostile tests of the figures (stats, eval) once reviewers' files are merged and a
field adjudicated."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "core" / "team"))
from team_projects import make_source

from reviewer.cli import main
from reviewer.core.store import Store


def adjudicated_project(tmp_path: Path) -> Path:
    path = make_source(tmp_path / "project.db", n=5)
    with Store(path, reviewer="lead") as store:
        store.reviews.adjudicate(1, "title", "Lead Data Engineer")
        store.postings.set_status(1, "reviewed")
    return path


def test_evaluation_counts_an_adjudicated_field(tmp_path: Path) -> None:
    path = adjudicated_project(tmp_path)
    with Store(path) as store:
        figures = store.reports.evaluation()  # KeyError: 'adjudicated'
    assert "title" in figures


def test_eval_cli_no_traceback_after_adjudication(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    path = adjudicated_project(tmp_path)
    code = main(["eval", str(path)])
    assert code == 0


def test_stats_cli_shows_adjudicated_fields(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    """``reviewer stats`` prints suggested/accepted/corrected/rejected only: the
    adjudicated decisions (store.reports.stats counts them) vanish from the table."""
    path = adjudicated_project(tmp_path)
    assert main(["stats", str(path)]) == 0
    out = capsys.readouterr().out
    assert "adjudicated" in out
