"""What a merge must not take for the same: a reviewer's own file as OUT, one file named
twice or under two names (a hard link), and span labels or options that differ in case."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from team_projects import dump, shared_files

from reviewer.core.labels import Option, Question
from reviewer.core.store import Store
from reviewer.core.team import TeamError, agreement, merge_projects, split_project

NAMES = ["ana", "ben"]


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    return shared_files(tmp_path, NAMES)


def test_a_reviewer_s_own_file_is_refused_as_out(files: dict[str, Path]) -> None:
    """`reviewer merge team/*.db`, the output forgotten: ana's file would be rewritten,
    her decisions made the team's and her later edits rulings."""
    with Store(files["ana"], reviewer="ana") as store:
        store.decisions.set_field(1, "title", "Lead Engineer")
        store.postings.set_status(2, "skipped")
    before = dump(files["ana"])
    with pytest.raises(TeamError, match=r"ana\.db is ana's own file.*name a new file"):
        merge_projects(files["ana"], [files["ben"]])
    assert dump(files["ana"]) == before


def test_one_file_named_twice_is_refused(files: dict[str, Path], tmp_path: Path) -> None:
    with pytest.raises(TeamError, match="named twice"):
        merge_projects(tmp_path / "merged.db", [files["ana"], files["ana"]])
    os.link(files["ana"], tmp_path / "ana-again.db")
    with pytest.raises(TeamError, match="named twice"):
        merge_projects(tmp_path / "merged.db", [files["ana"], tmp_path / "ana-again.db"])
    assert not (tmp_path / "merged.db").exists()


def test_an_input_hard_linked_to_out_is_refused(files: dict[str, Path],
                                                tmp_path: Path) -> None:
    out = tmp_path / "merged.db"
    merge_projects(out, [files["ana"]])
    os.link(out, tmp_path / "same.db")
    before = dump(out)
    with pytest.raises(TeamError, match="the file merged into"):
        merge_projects(out, [tmp_path / "same.db"])
    assert dump(out) == before


def test_span_labels_and_options_that_differ_in_case_differ(files: dict[str, Path],
                                                            tmp_path: Path) -> None:
    """Ben's file renamed SKILL to Skill and "yes" to "Yes": the merge took his spans and
    answers for ana's (a final span labelled Skill, which the merged schema lacks), while
    the agreement counted them apart."""
    with Store(files["ana"], reviewer="ana") as store:
        store.spans.add(1, 0, 4, "SKILL")
        store.labels.answer(2, "relevant", ["yes"])
    with Store(files["ben"], reviewer="ben") as store:
        store.labels.save_schema([
            Question("relevant", "single", [Option("Yes"), Option("no")]),
            Question("tags", "multi", [Option("urgent"), Option("remote"), Option("junior")]),
            Question("spans", "span", [Option("Skill"), Option("TOOL")])])
        store.spans.add(1, 0, 4, "Skill")
        store.labels.answer(2, "relevant", ["Yes"])
    out = tmp_path / "merged.db"
    merge_projects(out, [files["ana"], files["ben"]])
    with Store(out) as store:
        assert store.records.get(1)["spans"] == []
        assert store.records.get(2)["labels"] == {}
        assert store.reviews.differing(1) == [("spans", "")]
        assert store.reviews.differing(2) == [("label", "relevant")]
        figures = agreement(store)
    assert {1, 2} <= set(figures.differing())


def test_a_value_accepted_that_is_no_longer_out_s_machine_value_is_a_correction(
        files: dict[str, Path], tmp_path: Path) -> None:
    """The project the split came from was extracted again while the reviewers worked:
    a title they accepted is no longer its machine's, and stood there as "accepted",
    counted by eval as the machine's hit."""
    source = tmp_path / "project.db"
    with Store(source) as store:
        title = store.records.get(2)["machine"]["title"]["value"]
    for name in NAMES:
        with Store(files[name], reviewer=name) as store:
            store.decisions.accept_all(2)
            store.postings.set_status(2, "reviewed")
    with Store(source) as store:  # as `reextract` leaves it: another title suggested
        store.db.execute("UPDATE suggestions SET value = '\"Backend Engineer\"'"
                         " WHERE field = 'title'")
    merge_projects(source, [files["ana"], files["ben"]])
    with Store(source) as store:
        record = store.records.get(2)
        assert record["fields"]["title"] == title
        assert record["provenance"]["title"] == "corrected"
        assert record["provenance"]["company"] == "accepted"  # still the machine's
        assert store.reports.evaluation()["title"]["accepted"] == 0
    before = dump(source)
    again = merge_projects(source, [files["ana"], files["ben"]])
    assert again.final == again.withdrawn == 0
    assert dump(source) == before


def test_a_reviewer_who_split_their_share_merges_it_back_into_their_file(
        files: dict[str, Path], tmp_path: Path) -> None:
    """Ana split her file with cleo, then merged their files back into hers, the file
    they were split from: refused as "ana's own file"."""
    with Store(files["ana"], reviewer="ana") as store:
        shares = split_project(store, ["ana2", "cleo"], tmp_path / "sub", overlap=1.0,
                               copies=2).files
    with Store(shares["cleo"], reviewer="cleo") as store:
        store.decisions.set_field(1, "title", "Lead Engineer")
    with Store(shares["ana2"], reviewer="ana") as store:
        store.decisions.set_field(1, "title", "Lead Engineer")
    merge_projects(files["ana"], [shares["ana2"], shares["cleo"]])
    with Store(files["ana"]) as store:
        assert store.records.get(1)["fields"]["title"] == "Lead Engineer"


def test_a_file_of_the_same_name_as_the_one_split_from_is_refused(
        files: dict[str, Path], tmp_path: Path) -> None:
    """Another team's ana.db took the inputs split from this team's ana.db: only the
    name was compared."""
    with Store(files["ana"], reviewer="ana") as store:
        shares = split_project(store, ["ana2", "cleo"], tmp_path / "sub", overlap=1.0,
                               copies=2).files
    (tmp_path / "other_team").mkdir()
    other = shared_files(tmp_path / "other_team", NAMES)["ana"]
    assert other.name == files["ana"].name
    with pytest.raises(TeamError, match="ana's own file"):
        merge_projects(other, [shares["ana2"], shares["cleo"]])


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_device_or_a_pipe_named_as_an_input_is_said_to_be_one(
        files: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A FIFO, or a link to /dev/zero, named as an input was "no such project file" (as
    OUT it is said what it is); nothing is read from either, nor waited for."""
    monkeypatch.chdir(tmp_path)
    os.mkfifo(tmp_path / "fifo.db")
    (tmp_path / "zero.db").symlink_to("/dev/zero")
    for name in ("fifo.db", "zero.db"):
        with pytest.raises(TeamError, match=rf"^{name} is not a file \(a device or a pipe\): "
                                            "a project is a file of its own"):
            merge_projects(tmp_path / "merged.db", [files["ana"], Path(name)])
    assert not (tmp_path / "merged.db").exists()
