"""Two reviewers who kept one name (the system's user name of two machines): a merge
never lets one's value replace the other's unsaid. Values alone cannot tell them from
one person's two files, so it merges them as one person's and says where they differ,
with the command that names each file's reviewer (``NAME=FILE``), which keeps both
people's work apart."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
from team_projects import make_source, shared_files

from reviewer.cli import main
from reviewer.core.store import Store
from reviewer.core.team import merge_projects


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


def test_one_name_with_different_values_is_merged_and_noted(tmp_path: Path) -> None:
    paths = two_copies(tmp_path)
    out = tmp_path / "out.db"
    said = "\n".join(merge_projects(out, paths).describe())
    assert "p1.db and p2.db both bring values of the reviewer root that differ on 1 " \
           "posting (id 3 in p2.db)" in said
    assert f"reviewer merge NEW.db NAME1={paths[0]} NAME2={paths[1]}" in said
    assert said.count("reviewer root") == 1
    with Store(out, create=False) as store:  # (as one person's: the later value)
        assert store.reviews.of(3)["root"][("label", "relevant")] == ["no"]


def test_one_name_taking_back_what_the_other_gave_is_noted(tmp_path: Path) -> None:
    paths = two_copies(tmp_path)
    with Store(paths[1], reviewer="root") as store:
        store.labels.answer(3, "relevant", [])
        store.decisions.revert_field(3, "title")
    said = "\n".join(merge_projects(tmp_path / "out.db", paths).describe())
    assert "both bring values of the reviewer root that differ on 1 posting" in said


def test_one_name_merged_one_file_at_a_time_is_noted(tmp_path: Path) -> None:
    paths = two_copies(tmp_path)
    out = tmp_path / "out.db"
    assert not merge_projects(out, [paths[0]]).shared
    said = "\n".join(merge_projects(out, [paths[1]]).describe())
    assert "out.db holds from p1.db, and p2.db brings, values of the reviewer root that " \
           "differ on 1 posting (id 3 in p2.db)" in said
    assert f"NAME1=p1.db NAME2={paths[1]}" in said
    said = "\n".join(merge_projects(out, [paths[1]]).describe())  # (again: its own)
    assert "holds from" not in said


def test_one_name_in_a_merged_file_is_noted_with_the_file_merged_into_it(
        tmp_path: Path) -> None:
    paths = two_copies(tmp_path)
    merge_projects(tmp_path / "m1.db", [paths[0]])
    said = "\n".join(merge_projects(tmp_path / "out.db", [tmp_path / "m1.db", paths[1]]
                                    ).describe())
    assert "m1.db and p2.db both bring values of the reviewer root" in said
    assert f"reviewer merge NEW.db NAME1=p1.db NAME2={paths[1]} (p1.db is the file " \
           "merged into m1.db that brought them: give its path)" in said


def test_one_persons_files_merged_apart_are_merged_again_unsaid(tmp_path: Path) -> None:
    """A reviewer's file merged into two merged files at two times, and the file itself
    worked on since: one person's, the latest value kept."""
    files = shared_files(tmp_path, ["ana", "ben", "chen"])
    for name in ("ana", "ben"):
        with Store(files[name]) as store:
            store.labels.answer(1, "relevant", ["yes"])
    merge_projects(tmp_path / "m1.db", [files["ana"], files["ben"]])
    time.sleep(1.1)  # (times are kept in whole seconds: her change of mind is later)
    with Store(files["ana"]) as store:
        store.labels.answer(1, "relevant", ["no"])
    merge_projects(tmp_path / "m2.db", [files["ana"], files["chen"]])
    for second in (tmp_path / "m2.db", files["ana"]):
        out = tmp_path / f"o-{second.stem}.db"
        report = merge_projects(out, [tmp_path / "m1.db", second])
        assert not report.shared
        with Store(out, create=False) as store:
            assert store.reviews.of(1)["ana"][("label", "relevant")] == ["no"]


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
    said = "\n".join(report.describe())
    assert "carry the reviewer root" in said and "different people" not in said \
        and "NAME1" not in said
    with Store(tmp_path / "out.db", create=False) as store:
        assert store.reviews.of(3)["root"][("label", "relevant")] == ["no"]


def test_one_name_that_differs_on_nothing_is_merged_and_said(tmp_path: Path) -> None:
    paths = two_copies(tmp_path, answers=("yes", "yes"))
    with Store(paths[1], reviewer="root") as store:
        store.decisions.set_field(3, "title", "Alpha")  # (Alpha and Beta no more)
    with Store(paths[0], reviewer="root") as store:  # (its log no start of the other's:
        store.postings.set_comment(4, "seen")  # both worked in one second, alike)
    report = merge_projects(tmp_path / "out.db", paths)
    said = "\n".join(report.describe())
    assert "p1.db and p2.db both carry the reviewer root" in said
    assert f"reviewer merge NEW.db NAME1={paths[0]} NAME2={paths[1]}" in said


def test_a_merged_files_reviewers_and_rulings_keep_their_names(tmp_path: Path) -> None:
    """A name given to a merged file names its rows that name nobody: not the reviewers
    merged into it, nor who ruled there."""
    paths = two_copies(tmp_path)
    first = tmp_path / "first.db"
    merge_projects(first, paths, names=["ana", "ben"])
    with Store(first, reviewer="root") as store:
        store.labels.answer(3, "relevant", ["no"])  # adjudicated
    merge_projects(tmp_path / "onward.db", [first], names=["lead"])
    with Store(tmp_path / "onward.db", create=False) as store:
        assert store.reviews.reviewers() == ["ana", "ben"]
        assert store.db.execute("SELECT reviewer FROM doc_labels WHERE posting_id = 3"
                                ).fetchall() == [("root",)]


def test_a_name_may_hold_an_equals_sign(tmp_path: Path) -> None:
    paths = two_copies(tmp_path)
    assert main(["merge", str(tmp_path / "out.db"), f"a=b={paths[0]}", f"ben={paths[1]}"]) == 0
    with Store(tmp_path / "out.db", create=False) as store:
        assert store.reviews.reviewers() == ["a=b", "ben"]
    assert main(["merge", str(tmp_path / "x.db"), f"={paths[0]}"]) == 2


def test_a_name_with_a_slash_is_a_path_and_unknown_is_no_name(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    paths = two_copies(tmp_path)
    assert main(["merge", str(tmp_path / "o.db"), f"{tmp_path}/x=z/p.db"]) == 2
    assert "x=z/p.db: no such project file" in capsys.readouterr().err
    assert main(["merge", str(tmp_path / "o.db"), f"unknown={paths[0]}"]) == 2
    assert "'unknown' names work done before names were kept" in capsys.readouterr().err


def _one_persons(tmp_path: Path) -> dict[str, Path]:
    """Ana's file, merged with ben's into m.db; a copy of it made then (ana_old.db), and
    one byte for byte (ana_copy.db); her file worked on since."""
    files = shared_files(tmp_path, ["ana", "ben"])
    with Store(files["ana"]) as store:
        store.labels.answer(1, "relevant", ["yes"])
    merge_projects(tmp_path / "m.db", [files["ana"], files["ben"]])
    shutil.copyfile(files["ana"], tmp_path / "ana_old.db")
    time.sleep(1.1)  # (times are kept in whole seconds: her change of mind is later)
    with Store(files["ana"]) as store:
        store.labels.answer(1, "relevant", ["no"])
    shutil.copyfile(files["ana"], tmp_path / "ana_copy.db")
    return {"ana": files["ana"], "m": tmp_path / "m.db", "old": tmp_path / "ana_old.db",
            "copy": tmp_path / "ana_copy.db"}


@pytest.mark.parametrize("pair", [("m", "ana"), ("ana", "copy"), ("old", "ana"),
                                  ("ana", "old")])
def test_one_file_s_values_brought_twice_are_not_two_people_s(
        tmp_path: Path, pair: tuple[str, str]) -> None:
    """A merged file and the file merged into it, a file and its copy, an older copy
    and the file that went on from it (in either order): the report advised naming each
    file's reviewer "if they are different people", or said their values differ."""
    files = _one_persons(tmp_path)
    report = merge_projects(tmp_path / "out.db", [files[pair[0]], files[pair[1]]])
    said = "\n".join(report.describe())
    assert "different people" not in said and "two people" not in said
    assert "NAME1" not in said and "carry the reviewer ana, from one file" in said
    with Store(tmp_path / "out.db", create=False) as store:  # (her latest, whatever came)
        assert store.reviews.of(1)["ana"][("label", "relevant")] == ["no"]
