"""``split_project``: one file per reviewer, deterministic by the page hash, balanced,
a share of the postings shared; each file carries what the project asks of its
reviewers."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from team_projects import dump, make_source

from reviewer.core.store import Store
from reviewer.core.team import TeamError, file_name, split_project

NAMES = ["ana", "ben", "chen"]


def hashes(path: Path) -> set[str]:
    with closing(sqlite3.connect(path)) as db:
        return {r[0] for r in db.execute("SELECT hash FROM postings")}


def test_each_reviewer_gets_a_balanced_share_and_some_are_shared(tmp_path: Path) -> None:
    source = make_source(tmp_path / "project.db", n=600)
    with Store(source) as store:
        report = split_project(store, NAMES, tmp_path / "out", overlap=0.1)
    assert report.postings == 600 and report.shared == 60
    files = {name: hashes(tmp_path / "out" / f"{name}.db") for name in NAMES}
    sizes = [len(files[n]) for n in NAMES]
    assert sum(sizes) == 600 + 60 and max(sizes) - min(sizes) <= 1
    assert set().union(*files.values()) == hashes(source)  # every posting to someone
    counted = {h: sum(h in f for f in files.values()) for h in hashes(source)}
    assert sorted(set(counted.values())) == [1, 2]
    assert sum(1 for c in counted.values() if c == 2) == 60
    assert report.assigned == dict(zip(NAMES, sizes, strict=True))
    assert sum(report.shared_by.values()) == 120


def test_the_same_split_gives_the_same_files(tmp_path: Path) -> None:
    source = make_source(tmp_path / "project.db", n=90)
    with Store(source) as store:
        split_project(store, NAMES, tmp_path / "a", overlap=0.2)
        split_project(store, NAMES, tmp_path / "b", overlap=0.2)
    for name in NAMES:
        first, second = dump(tmp_path / "a" / f"{name}.db"), dump(tmp_path / "b" / f"{name}.db")
        for table in ("postings", "suggestions", "label_suggestions", "label_schema"):
            assert first[table] == second[table], table


@pytest.mark.parametrize(("overlap", "copies"), [(0.0, 2), (0.3, 3), (1.0, 2)])
def test_overlap_share_and_copies(tmp_path: Path, overlap: float, copies: int) -> None:
    source = make_source(tmp_path / "project.db", n=200)
    with Store(source) as store:
        report = split_project(store, NAMES, tmp_path / "out", overlap=overlap, copies=copies)
    files = [hashes(tmp_path / "out" / f"{n}.db") for n in NAMES]
    shared = {h for h in hashes(source) if sum(h in f for f in files) == copies}
    assert report.shared == len(shared) == round(overlap * 200)


def test_each_file_carries_schema_guidelines_model_and_postings_whole(tmp_path: Path) -> None:
    source = make_source(tmp_path / "project.db", n=30)
    with Store(source) as store:
        split_project(store, ["ana", "ben"], tmp_path / "out", overlap=0.5)
        schema, model = store.labels.schema(), store.models.latest("fields")
    with Store(tmp_path / "out" / "ana.db") as ana:
        assert ana.labels.schema() == schema
        assert ana.meta.guidelines().startswith("# Guidelines")
        assert ana.meta.descriptions()["question:relevant"] == "Is it a job posting?"
        assert ana.column_maps.get(["job_title", "body"]) == {
            "page": "body", "fields": {"title": "job_title"}}
        kept = ana.models.latest("fields")
        assert kept is not None and model is not None and kept.data == model.data
        assert ana.models.learnt_from(kept.id) == [1, 2]
        pid = ana.queue.ids()[0]
        posting = ana.records.get(pid)
        assert posting["raw"].startswith("<p>Data Engineer")
        assert posting["hash"] == f"hash-{pid:05d}"  # the project's ids are kept
        assert posting["machine"]["title"]["alternatives"][0]["value"] == "Engineer"
        assert posting["label_suggestions"]["relevant"]["answer"] == ["yes"]
        assert posting["usefulness"] == pytest.approx(pid / 1000)
        assert posting["title"] == f"Data Engineer {pid}" and posting["status"] == "new"


def test_each_file_knows_which_questions_changed_since_the_model_learnt(
        tmp_path: Path) -> None:
    """The model was copied, the questions changed since it learnt were not: a
    reviewer's file let it answer a question whose options had been swapped, and
    marked as changed one the model knew (the copy's schema is saved afresh)."""
    source = make_source(tmp_path / "project.db", n=30)
    with Store(source) as store:
        store.meta.mark_changed_questions(["relevant"])
        split_project(store, ["ana", "ben"], tmp_path / "out", overlap=0.5)
        before = store.meta.changed_questions()
    with Store(tmp_path / "out" / "ana.db") as ana:
        assert ana.meta.changed_questions() == before and "relevant" in before


def test_decisions_stay_in_the_project(tmp_path: Path) -> None:
    source = make_source(tmp_path / "project.db", n=20)
    with Store(source, reviewer="lead") as store:
        store.decisions.set_field(1, "title", "Lead Engineer")
        store.labels.answer(2, "relevant", ["no"])
        store.postings.set_status(3, "reviewed")
        store.postings.set_comment(3, "fine")
        report = split_project(store, ["ana", "ben"], tmp_path / "out", overlap=1.0)
    assert report.decided == 3
    with Store(tmp_path / "out" / "ana.db") as ana:
        one, three = ana.records.get(1), ana.records.get(3)
        assert one["human"] == {} and one["title"] == "Data Engineer 1"
        assert ana.records.get(2)["labels"] == {}
        assert (three["status"], three["comment"], three["status_by"]) == ("new", "", "")
    assert any("3 postings had decisions" in line for line in report.describe())


def test_names_become_safe_file_names_and_existing_files_are_refused(tmp_path: Path) -> None:
    assert file_name("Ana María") == "Ana_María"
    assert file_name("../etc/passwd") == "etc_passwd"
    assert file_name("con") == "con_" and file_name("...") == "reviewer"
    source = make_source(tmp_path / "project.db", n=10)
    with Store(source) as store:
        split_project(store, ["Ana María", "ben"], tmp_path / "out")
        assert (tmp_path / "out" / "Ana_María.db").exists()
        with pytest.raises(TeamError, match="exists"):
            split_project(store, ["Ana María", "ben"], tmp_path / "out")
        split_project(store, ["Ana María", "ben"], tmp_path / "out", force=True)
        for bad, words in ((["ana", "ANA"], "named twice"), ([], "name the reviewers"),
                           (["a/b", "a:b"], "share the file"),
                           # names one person as their files store them: no one sees the
                           # space of no width, nor the accent composed or not
                           (["anna", "an\u200bna"], "named twice"),
                           (["Zoe\u0301", "Zo\u00e9"], "named twice"),
                           (["ana", "\u200b"], "name the reviewers"),
                           (["ana", "unknown"], "'unknown' names no reviewer")):
            with pytest.raises(TeamError, match=words):
                split_project(store, bad, tmp_path / "other")
        with pytest.raises(TeamError, match="goes to 2 reviewers"):
            split_project(store, ["ana", "ben"], tmp_path / "other", copies=3)
        with pytest.raises(TeamError, match="0 to 1"):
            split_project(store, ["ana", "ben"], tmp_path / "other", overlap=1.5)
    assert not (tmp_path / "other").exists()  # refused before anything was written


def test_postings_added_while_a_split_runs_wait_for_the_next_split(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An import into the project while it is split: the split shares out the postings
    it planned with, as they were when it began (it read them in pages, and a posting
    added between two pages had no place in its plan)."""
    from team_projects import posting

    from reviewer.core.team import split as splitting

    source = make_source(tmp_path / "project.db", n=30)
    monkeypatch.setattr(splitting, "BATCH", 10)
    with Store(source) as store:
        pages = store.transfer.hashes

        def meanwhile(after: int, size: int) -> list[tuple[int, str]]:
            if after == 10:  # another program imports between two pages
                with Store(source) as other:
                    other.postings.add([posting(i) for i in range(31, 41)])
            return pages(after, size)

        monkeypatch.setattr(store.transfer, "hashes", meanwhile)
        report = split_project(store, ["ana", "ben"], tmp_path / "out", overlap=0.0)
    assert report.postings == 30
    assert sum(report.assigned.values()) == 30


def test_a_split_stopped_on_the_way_leaves_no_share_that_looks_whole(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Stopped part way (Ctrl-C, a full disk), a split leaves the files of an earlier
    one as they were and no file of its own; run again, it writes them all."""
    source = make_source(tmp_path / "project.db", n=30)
    out = tmp_path / "out"
    with Store(source) as store:
        split_project(store, ["ana", "ben"], out, overlap=0.0)
        before = dump(out / "ana.db")
        calls = 0
        pages = store.transfer.whole

        def stopped(ids: list[int]) -> object:
            nonlocal calls
            calls += 1
            if calls == 2:
                raise KeyboardInterrupt
            return pages(ids)

        monkeypatch.setattr(store.transfer, "whole", stopped)
        from reviewer.core.team import split as splitting
        monkeypatch.setattr(splitting, "BATCH", 10)
        with pytest.raises(KeyboardInterrupt):
            split_project(store, ["ana", "ben"], out, overlap=0.0, force=True)
        assert dump(out / "ana.db") == before
        assert sorted(p.name for p in out.iterdir()) == ["ana.db", "ben.db"]
        monkeypatch.undo()
        report = split_project(store, ["ana", "ben"], out, overlap=0.0, force=True)
    assert sum(report.assigned.values()) == 30
    assert sorted(p.name for p in out.iterdir()) == ["ana.db", "ben.db"]


def test_a_share_made_meanwhile_leaves_every_share_beside_it(tmp_path: Path) -> None:
    """Another program made ben.db while the split ran: ana.db was put in place, ben's
    share kept as "ben.merged.db", chen's left hidden (and removed an hour later), and
    the message named ben's alone. Now no share is put in place, each is kept beside
    its name, and the message names them all."""
    source = make_source(tmp_path / "project.db", n=30)
    out = tmp_path / "out"
    made: list[bool] = []

    def progress(_done: int, _total: int) -> None:
        if not made:
            with Store(out / "ben.db") as other:
                other.postings.add([])
            made.append(True)

    with Store(source) as store, pytest.raises(TeamError) as refused:
        split_project(store, ["ana", "ben", "chen"], out, overlap=0.0, progress=progress)
    said = str(refused.value)
    assert not (out / "ana.db").exists() and not (out / "chen.db").exists()
    for name in ("ana", "ben", "chen"):
        assert str(out / f"{name}.split.db") in said
        with Store(out / f"{name}.split.db") as share:
            assert share.queue.count() == 10
    with Store(out / "ben.db") as other:
        assert other.queue.count() == 0


def test_a_reviewer_s_file_holding_work_is_kept_when_a_split_replaces_it(
        tmp_path: Path) -> None:
    """`split --force` after an import replaced ana's file, her statuses, values and
    spans in it, and said nothing. A file holding work is kept beside its name, said."""
    source = make_source(tmp_path / "project.db", n=10)
    out = tmp_path / "out"
    with Store(source) as store:
        first = split_project(store, ["ana", "ben"], out, overlap=0.0)
    with Store(first.files["ana"], reviewer="ana") as mine:
        pid = mine.queue.ids()[0]
        mine.decisions.set_field(pid, "title", "Lead Engineer")
        mine.postings.set_status(pid, "reviewed")
    before = dump(out / "ana.db")
    with Store(source) as store:
        report = split_project(store, ["ana", "ben"], out, overlap=0.0, force=True)
    assert dump(out / "ana.replaced.db") == before
    assert sorted(p.name for p in out.iterdir()) == ["ana.db", "ana.replaced.db", "ben.db"]
    with Store(out / "ana.db") as fresh:
        assert fresh.records.get(pid)["status"] == "new"
    said = "\n".join(report.describe())
    assert "ana.db held the work of 1 posting: kept as ana.replaced.db" in said
    assert "ben" not in said.split("kept as")[-1]
