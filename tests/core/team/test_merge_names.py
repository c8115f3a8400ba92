"""Two reviewers who kept one name (the system's user name of two machines): a merge
never lets one's value replace the other's unsaid. It refuses them where their values
differ, says the command that names each file's reviewer (``NAME=FILE``), and that
command keeps both people's work apart."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from team_projects import make_source

from reviewer.cli import main
from reviewer.core.store import Store
from reviewer.core.team import TeamError, merge_projects


def two_copies(tmp_path: Path, answers: tuple[str, str] = ("yes", "no")) -> list[Path]:
    """The same project copied to two people, each of whom works in it as ``root``."""
    source = make_source(tmp_path / "base.db", n=4)
    paths = [tmp_path / "p1.db", tmp_path / "p2.db"]
    for path, answer, title in zip(paths, answers, ("Alpha", "Beta"), strict=True):
        shutil.copyfile(source, path)
        with Store(path, reviewer="root") as store:
            store.labels.answer(3, "relevant", [answer])
            store.decisions.set_field(3, "title", title)
    return paths


def test_one_name_with_different_values_is_refused(tmp_path: Path) -> None:
    paths = two_copies(tmp_path)
    out = tmp_path / "out.db"
    with pytest.raises(TeamError) as caught:
        merge_projects(out, paths)
    said = str(caught.value)
    assert "p1.db and p2.db both carry the reviewer root" in said
    assert "differ on 1 posting (id 3 in p2.db)" in said and "Nothing was merged" in said
    assert f"reviewer merge {out} NAME1={paths[0]} NAME2={paths[1]}" in said
    assert not out.exists()


def test_the_name_given_to_each_file_keeps_both_peoples_work(tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]
                                                            ) -> None:
    paths = two_copies(tmp_path)
    out = tmp_path / "out.db"
    assert main(["merge", str(out), f"ana={paths[0]}", f"ben={paths[1]}"]) == 0
    assert "carry the reviewer" not in capsys.readouterr().out
    with Store(out, create=False) as store:
        mine = store.reviews.of(3)
        assert sorted(mine) == ["ana", "ben"]
        assert (mine["ana"][("label", "relevant")], mine["ben"][("label", "relevant")]) == (
            ["yes"], ["no"])
        assert mine["ben"][("field", "title")]["value"] == "Beta"
        assert store.queue.count(field_state="disagreement") == 1


def test_one_person_named_so_twice_keeps_the_later_value(tmp_path: Path) -> None:
    paths = two_copies(tmp_path)
    report = merge_projects(tmp_path / "out.db", paths, names=["root", "root"])
    assert report.shared_names == {"root": ["p1.db", "p2.db"]}
    with Store(tmp_path / "out.db", create=False) as store:
        assert store.reviews.of(3)["root"][("label", "relevant")] == ["no"]


def test_one_name_that_differs_on_nothing_is_merged_and_said(tmp_path: Path) -> None:
    paths = two_copies(tmp_path, answers=("yes", "yes"))
    with Store(paths[1], reviewer="root") as store:
        store.decisions.revert_field(3, "title")  # (Alpha and Beta no more)
    report = merge_projects(tmp_path / "out.db", paths)
    said = "\n".join(report.describe())
    assert "p1.db and p2.db both carry the reviewer root" in said
    assert f"reviewer merge NEW.db NAME1={paths[0]} NAME2={paths[1]}" in said


def test_a_merged_files_reviewers_keep_their_names(tmp_path: Path) -> None:
    """A name given to a merged file is its own work's (its adjudicator's), not that of
    the reviewers merged into it."""
    paths = two_copies(tmp_path)
    first = tmp_path / "first.db"
    merge_projects(first, paths, names=["ana", "ben"])
    with Store(first, reviewer="root") as store:
        store.labels.answer(3, "relevant", ["no"])  # adjudicated
    merge_projects(tmp_path / "onward.db", [first], names=["lead"])
    with Store(tmp_path / "onward.db", create=False) as store:
        assert store.reviews.reviewers() == ["ana", "ben"]
        assert store.db.execute("SELECT reviewer FROM doc_labels WHERE posting_id = 3"
                                ).fetchall() == [("lead",)]


def test_a_name_may_hold_an_equals_sign(tmp_path: Path) -> None:
    paths = two_copies(tmp_path)
    assert main(["merge", str(tmp_path / "out.db"), f"a=b={paths[0]}", f"ben={paths[1]}"]) == 0
    with Store(tmp_path / "out.db", create=False) as store:
        assert store.reviews.reviewers() == ["a=b", "ben"]
    assert main(["merge", str(tmp_path / "x.db"), f"={paths[0]}"]) == 2
