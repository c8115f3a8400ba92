"""Merged files merged onward: a value a reviewer took back leaves every file it came to,
and a file merged again that still holds it does not bring it back.

A sub-team's lead merges ana's and ben's files into sub.db, the project's lead sub.db
and chen's into final.db. What ana takes back in her file goes from sub.db at its next
merge, and from final.db when sub.db comes to it, or ana's file itself."""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from team_projects import make_source

from reviewer.core.store import Store
from reviewer.core.team import merge_projects, split_project

NAMES = ["ana", "ben", "chen"]
_STAMPED = ("history", "decisions", "postings", "reviews", "spans", "takings", "transfer")


@pytest.fixture
def files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """Three reviewers' files of the same 6 postings; a clock a second on at each edit.
    ana gives the title Alpha and answers yes, ben and chen Beta and no."""
    seconds: Iterator[int] = iter(range(10, 10_000))

    def stamp() -> str:
        second = next(seconds)
        return f"2030-01-01T{second // 3600:02}:{second // 60 % 60:02}:{second % 60:02}+00:00"

    for module in _STAMPED:
        loaded = importlib.import_module(f"reviewer.core.store.{module}")
        if hasattr(loaded, "now"):
            monkeypatch.setattr(loaded, "now", stamp)
    source = make_source(tmp_path / "project.db", n=6)
    with Store(source) as store:
        made = split_project(store, NAMES, tmp_path / "out", overlap=1.0, copies=3).files
    for name in NAMES:
        with Store(made[name], reviewer=name) as store:
            store.decisions.set_field(1, "title", "Alpha" if name == "ana" else "Beta")
            store.labels.answer(1, "relevant", ["yes"] if name == "ana" else ["no"])
    return made


def final(path: Path) -> tuple[object, object, list[str]]:
    """Posting 1's final title and answer, and whose values of its title the file holds."""
    with Store(path) as store:
        record = store.records.get(1)
        title = record["human"].get("title", {}).get("value")
        holders = sorted(who for who, values in store.reviews.of(1).items()
                         if ("field", "title") in values)
        return title, record["labels"].get("relevant"), holders


def take_back(files: dict[str, Path]) -> None:
    with Store(files["ana"], reviewer="ana") as store:
        store.decisions.revert_field(1, "title")
        store.labels.answer(1, "relevant", [])


def test_a_value_taken_back_leaves_the_files_a_merged_file_is_merged_into(
        files: dict[str, Path], tmp_path: Path) -> None:
    sub, out = tmp_path / "sub.db", tmp_path / "final.db"
    merge_projects(sub, [files["ana"], files["ben"]])
    merge_projects(out, [sub, files["chen"]])
    assert final(out) == (None, None, ["ana", "ben", "chen"])  # they differ
    take_back(files)
    merge_projects(sub, [files["ana"], files["ben"]])
    assert final(sub) == ("Beta", ["no"], ["ben"])
    report = merge_projects(out, [sub, files["chen"]])
    assert final(out) == ("Beta", ["no"], ["ben", "chen"])
    assert report.taken_back == 2
    # and onward again: a file merged from final.db learns it too
    onward = tmp_path / "onward.db"
    merge_projects(onward, [out])
    assert final(onward) == ("Beta", ["no"], ["ben", "chen"])


def test_a_file_merged_again_brings_back_no_value_taken_back_since(
        files: dict[str, Path], tmp_path: Path) -> None:
    sub, out = tmp_path / "sub.db", tmp_path / "final.db"
    merge_projects(sub, [files["ana"], files["ben"]])
    merge_projects(out, [sub, files["chen"]])
    take_back(files)
    merge_projects(out, [files["ana"]])
    assert final(out) == ("Beta", ["no"], ["ben", "chen"])
    again = merge_projects(out, [sub])  # sub.db, unchanged, still holds ana's Alpha
    assert final(out) == ("Beta", ["no"], ["ben", "chen"])
    assert again.final == again.withdrawn == 0
    # a value ana gives again after taking it back comes, by any file that holds it
    with Store(files["ana"], reviewer="ana") as store:
        store.decisions.set_field(1, "title", "Alpha")
    merge_projects(sub, [files["ana"], files["ben"]])
    merge_projects(out, [sub])
    assert final(sub)[2] == ["ana", "ben"], final(sub)
    assert final(out)[2] == ["ana", "ben", "chen"] and final(out)[0] is None


def test_a_reviewer_who_adjudicates_with_their_own_answer_makes_a_ruling(
        files: dict[str, Path], tmp_path: Path) -> None:
    """ana, the team's adjudicator too, settles in the merged file what she and ben
    differ on with her own answer, status and comment: a later merge of ben's changed
    file took her ruling away (as her value) and made the posting a disagreement again."""
    out = tmp_path / "merged.db"
    for name, tag, status, comment in (("ana", "urgent", "reviewed", "fine"),
                                       ("ben", "remote", "flagged", "odd")):
        with Store(files[name], reviewer=name) as store:
            store.labels.answer(2, "tags", [tag])
            store.postings.set_status(2, status)
            store.postings.set_comment(2, comment)
    merge_projects(out, [files["ana"], files["ben"]])
    with Store(out, reviewer="ana") as store:
        store.labels.answer(2, "tags", ["urgent"])
        store.postings.set_status(2, "reviewed")
        store.postings.set_comment(2, "fine")
        store.reviews.refresh([2])
        assert store.queue.count(field_state="disagreement") == 1  # (posting 1's)
    with Store(files["ben"], reviewer="ben") as store:
        store.labels.answer(2, "tags", ["junior"])
        store.postings.set_status(2, "skipped")
        store.postings.set_comment(2, "not sure")
    report = merge_projects(out, [files["ana"], files["ben"]])
    assert report.withdrawn == 0
    with Store(out) as store:
        record = store.records.get(2)
        assert record["labels"]["tags"] == ["urgent"]
        assert (record["status"], record["comment"]) == ("reviewed", "fine")
        assert store.reviews.of(2)["ben"][("label", "tags")] == ["junior"]
        assert store.queue.count(field_state="disagreement") == 1
    # what ana does in her own file is still her value; the ruling stands
    with Store(files["ana"], reviewer="ana") as store:
        store.labels.answer(2, "tags", ["remote"])
    merge_projects(out, [files["ana"], files["ben"]])
    with Store(out) as store:
        assert store.reviews.of(2)["ana"][("label", "tags")] == ["remote"]
        assert store.records.get(2)["labels"]["tags"] == ["urgent"]


def test_a_ruling_of_a_reviewer_in_a_merged_file_is_one_where_it_is_merged(
        files: dict[str, Path], tmp_path: Path) -> None:
    """ana rules in sub.db with her own answer; sub.db merged into final.db brought it
    as her value, and chen's differing answer took it away there."""
    sub, out = tmp_path / "sub.db", tmp_path / "final.db"
    for name, tag in (("ana", "urgent"), ("ben", "remote"), ("chen", "junior")):
        with Store(files[name], reviewer=name) as store:
            store.labels.answer(2, "tags", [tag])
    merge_projects(sub, [files["ana"], files["ben"]])
    with Store(sub, reviewer="ana") as store:
        store.labels.answer(2, "tags", ["urgent"])
    merge_projects(out, [sub, files["chen"]])
    with Store(out) as store:
        assert store.records.get(2)["labels"]["tags"] == ["urgent"]
        assert sorted(store.reviews.of(2)) == ["ana", "ben", "chen"]


def test_rulings_two_people_made_apart_are_said(files: dict[str, Path], tmp_path: Path) -> None:
    """Two copies of a merged file, each adjudicated by another lead: the first merged
    stood and the other's ruling went without a word."""
    import shutil

    merged = tmp_path / "merged.db"
    merge_projects(merged, [files["ana"], files["ben"]])
    copies = [tmp_path / "lead1.db", tmp_path / "lead2.db"]
    for copy, lead, title in zip(copies, ("lead1", "lead2"), ("Alpha", "Beta"), strict=True):
        shutil.copy(merged, copy)
        with Store(copy, reviewer=lead) as store:
            store.reviews.adjudicate(1, "title", title)
    out = tmp_path / "final.db"
    report = merge_projects(out, copies)
    assert report.inputs[1].overruled == [1]
    assert any("1 of its rulings differ from final.db's, which stand (postings 1)" in line
               for line in report.describe())
    assert merge_projects(out, copies[:1]).inputs[0].overruled == []


def test_names_that_differ_in_case_alone_are_one_reviewer(tmp_path: Path) -> None:
    """"alice" of one split and "Alice" of another, merged: two reviewers, one person
    counted twice in the agreement, without a word. (Given as one person's: where their
    values differ, a merge asks.)"""
    source = make_source(tmp_path / "project.db", n=4)
    made = {}
    with Store(source) as store:
        for folder, names in (("r1", ["alice", "bob"]), ("r2", ["Alice", "carol"])):
            made.update(split_project(store, names, tmp_path / folder, overlap=1.0).files)
    for name, title in (("alice", "Alpha"), ("Alice", "Beta")):
        with Store(made[name], reviewer=name) as store:
            store.decisions.set_field(1, "title", title)
    out = tmp_path / "merged.db"
    report = merge_projects(out, [made["alice"], made["Alice"]], names=["alice", "Alice"])
    with Store(out) as store:
        assert store.reviews.reviewers() == ["alice"]
        assert store.records.get(1)["human"]["title"]["value"] == "Beta"  # her latest
    assert any("both carry the reviewer alice" in line for line in report.describe())


def test_a_file_an_older_version_wrote_is_merged_and_left_as_it_was(tmp_path: Path) -> None:
    """Merging a reviewer's file of an older version updated it in place: their app, on
    that version still, could no longer open their own file."""
    import hashlib

    old = tmp_path / "old.db"
    old.write_bytes((Path(__file__).resolve().parents[2] / "data" / "projects" / "v5.db")
                    .read_bytes())
    before = hashlib.sha256(old.read_bytes()).hexdigest()
    out = tmp_path / "merged.db"
    report = merge_projects(out, [old])
    assert report.postings > 0
    assert hashlib.sha256(old.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["merged.db", "old.db"]


def test_the_project_split_from_counts_its_own_decisions_under_one_spelling(
        files: dict[str, Path], tmp_path: Path) -> None:
    """The lead decided as "Ana" in the project split from, the split file says "ana":
    one reviewer, as names that differ in case alone are."""
    source = tmp_path / "project.db"
    with Store(source, reviewer="Ana") as store:
        store.decisions.set_field(3, "title", "Lead title")
    with Store(files["ana"], reviewer="ana") as store:
        store.decisions.set_field(3, "title", "Lead title")
    merge_projects(source, [files["ana"], files["ben"]])
    with Store(source) as store:
        assert len({name.casefold() for name in store.reviews.reviewers()}) == len(
            store.reviews.reviewers())


def test_a_value_taken_back_stays_out_whatever_the_order_of_the_files(
        files: dict[str, Path], tmp_path: Path) -> None:
    """sub.db holds ana's Alpha, which she took back in her file since: merged with her
    file before it, sub.db brought Alpha back (her file had removed nothing yet, so it
    was not known as taken back)."""
    import itertools

    sub = tmp_path / "sub.db"
    merge_projects(sub, [files["ana"], files["ben"]])
    take_back(files)
    inputs = {"sub": sub, "ana": files["ana"], "chen": files["chen"]}
    results = set()
    for n, order in enumerate(itertools.permutations(inputs)):
        out = tmp_path / f"out{n}.db"
        merge_projects(out, [inputs[name] for name in order])
        results.add(repr(final(out)))
        again = merge_projects(out, [inputs[name] for name in order])
        assert again.final == again.withdrawn == again.taken_back == 0
    assert results == {repr(("Beta", ["no"], ["ben", "chen"]))}


def differing_tags(files: dict[str, Path], tmp_path: Path) -> Path:
    """ana's tags of posting 2 and ben's differ ("urgent", "remote"): their merge."""
    out = tmp_path / "merged.db"
    for name, tag in (("ana", "urgent"), ("ben", "remote")):
        with Store(files[name], reviewer=name) as store:
            store.labels.answer(2, "tags", [tag])
    merge_projects(out, [files["ana"], files["ben"]])
    return out


def test_an_undone_ruling_is_none(files: dict[str, Path], tmp_path: Path) -> None:
    """ana answered in the merged file with her own answer, then undid it; the answer
    the reviewers later agreed on stood as her ruling when ben changed his."""
    out = differing_tags(files, tmp_path)
    with Store(out, reviewer="ana") as store:
        store.history.undo(store.labels.answer(2, "tags", ["urgent"]))
        store.reviews.refresh([2])
    with Store(files["ben"], reviewer="ben") as store:
        store.labels.answer(2, "tags", [])
    merge_projects(out, [files["ana"], files["ben"]])  # ana's alone: hers is final
    with Store(files["ben"], reviewer="ben") as store:
        store.labels.answer(2, "tags", ["junior"])
    merge_projects(out, [files["ana"], files["ben"]])
    with Store(out) as store:
        assert "tags" not in store.records.get(2)["labels"]
        assert store.queue.count(field_state="disagreement") == 2  # (posting 1's too)


def test_a_final_value_the_merge_settled_after_a_ruling_follows_the_reviewers(
        files: dict[str, Path], tmp_path: Path) -> None:
    """ana wrote, then cleared, a comment in the merged file; when the reviewers' comments
    agreed later, that final one was taken for her ruling ever after: her next comment
    and ben's differed, and "a" stood, neither's."""
    out = tmp_path / "merged.db"
    for name, comment in (("ana", "a"), ("ben", "b")):
        with Store(files[name], reviewer=name) as store:
            store.postings.set_comment(2, comment)
    merge_projects(out, [files["ana"], files["ben"]])
    with Store(out, reviewer="ana") as store:
        store.postings.set_comment(2, "ruled")
        store.postings.set_comment(2, "")
    with Store(files["ben"], reviewer="ben") as store:
        store.postings.set_comment(2, "")
    merge_projects(out, [files["ana"], files["ben"]])
    with Store(out) as store:
        assert store.records.get(2)["comment"] == "a"  # the reviewers' (ana's alone)
    for name, comment in (("ana", "c"), ("ben", "d")):
        with Store(files[name], reviewer=name) as store:
            store.postings.set_comment(2, comment)
    merge_projects(out, [files["ana"], files["ben"]])
    with Store(out) as store:
        assert store.records.get(2)["comment"] == ""
        assert store.queue.count(field_state="disagreement") == 2


def test_a_reviewer_who_settles_span_labels_in_the_merged_file_rules(
        files: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "merged.db"
    for name, start in (("ana", 0), ("ben", 5)):
        with Store(files[name], reviewer=name) as store:
            store.spans.add(2, start, start + 4, "SKILL")
    merge_projects(out, [files["ana"], files["ben"]])
    with Store(out, reviewer="ana") as store:
        store.spans.add(2, 0, 4, "SKILL")
        store.reviews.refresh([2])
    with Store(files["ben"], reviewer="ben") as store:
        store.spans.add(2, 10, 14, "SKILL")
    merge_projects(out, [files["ana"], files["ben"]])
    with Store(out) as store:
        assert [(s["start"], s["end"]) for s in store.records.get(2)["spans"]] == [(0, 4)]


def test_a_merged_file_s_newer_ruling_replaces_the_one_it_brought_before(
        files: dict[str, Path], tmp_path: Path) -> None:
    sub, out = tmp_path / "sub.db", tmp_path / "final.db"
    merge_projects(sub, [files["ana"], files["ben"]])
    with Store(sub, reviewer="lead") as store:
        store.reviews.adjudicate(1, "title", "Gamma")
    merge_projects(out, [sub, files["chen"]])
    assert final(out)[0] == "Gamma"
    with Store(sub, reviewer="lead") as store:
        store.reviews.adjudicate(1, "title", "Delta")  # the lead changed their mind
    report = merge_projects(out, [sub, files["chen"]])
    assert final(out)[0] == "Delta" and report.inputs[0].overruled == []


def test_the_project_split_from_counts_no_ruling_of_its_own_as_a_reviewer_s_value(
        files: dict[str, Path], tmp_path: Path) -> None:
    """Every reviewer took back their answer; the next merge took the lead's ruling in the
    project split from for the lead's own value, a reviewer "lead"."""
    source = tmp_path / "project.db"
    merge_projects(source, [files["ana"], files["ben"]])
    with Store(source, reviewer="lead") as store:
        store.labels.answer(1, "tags", ["junior"])
    for name in ("ana", "ben"):
        with Store(files[name], reviewer=name) as store:
            store.decisions.revert_field(1, "title")
            store.labels.answer(1, "relevant", [])
    merge_projects(source, [files["ana"], files["ben"]])
    with Store(files["ben"], reviewer="ben") as store:  # (a change: the posting is read)
        store.labels.answer(1, "relevant", ["yes"])
    report = merge_projects(source, [files["ana"], files["ben"]])
    with Store(source) as store:
        assert "lead" not in store.reviews.reviewers() and report.own == 0


@pytest.mark.parametrize("then", ["undo another edit", "undo and redo it"])
def test_a_ruling_stands_through_an_undo_of_another_edit_and_a_redo_of_itself(
        files: dict[str, Path], tmp_path: Path, then: str) -> None:
    """Any undo in the merged file took every ruling of the posting made there for none
    (the log did not say what an undo changed): ben's later answer then became final."""
    out = differing_tags(files, tmp_path)
    with Store(out, reviewer="ana") as store:
        ruling = store.labels.answer(2, "tags", ["urgent"])
        if then == "undo another edit":
            store.history.undo(store.postings.set_comment(2, "typo"))
        else:
            store.history.undo(store.history.undo(ruling))
        store.reviews.refresh([2])
    with Store(files["ana"], reviewer="ana") as store:
        store.labels.answer(2, "tags", [])
    merge_projects(out, [files["ana"], files["ben"]])
    with Store(files["ben"], reviewer="ben") as store:
        store.labels.answer(2, "tags", ["junior"])
    merge_projects(out, [files["ana"], files["ben"]])
    with Store(out) as store:
        assert store.records.get(2)["labels"]["tags"] == ["urgent"]


def test_an_undo_that_took_a_value_back_is_known_whatever_the_order_of_the_files(
        files: dict[str, Path], tmp_path: Path) -> None:
    """ana set a title, sub.db was merged from her file, she undid the edit: merged with
    sub.db after her file, her title came back (an undo's taking back was of anything,
    known only where the value was held already)."""
    sub = tmp_path / "sub.db"
    with Store(files["ana"], reviewer="ana") as store:
        change = store.decisions.set_field(3, "title", "Alpha")
        merge_projects(sub, [files["ana"], files["ben"]])
        store.history.undo(change)
    results = set()
    for n, order in enumerate((["ana", "sub"], ["sub", "ana"])):
        out = tmp_path / f"out{n}.db"
        paths = [files["ana"] if name == "ana" else sub for name in order]
        merge_projects(out, paths)
        with Store(out) as store:
            results.add(repr(sorted(store.reviews.of(3))))
        again = merge_projects(out, paths)
        assert again.final == again.withdrawn == again.taken_back == 0
    assert results == {"[]"}


def test_two_files_of_one_name_are_two_files_whose_rulings_differ(
        files: dict[str, Path], tmp_path: Path) -> None:
    """Two merged files both named merged.db, each adjudicated: the second merged replaced
    the first's ruling as if it were that file's own later one."""
    rulings = []
    for folder, title in (("a", "Gamma"), ("b", "Delta")):
        (tmp_path / folder).mkdir()
        made = tmp_path / folder / "merged.db"
        merge_projects(made, [files["ana"], files["ben"]])
        with Store(made, reviewer="lead") as store:
            store.reviews.adjudicate(1, "title", title)
        rulings.append(made)
    out = tmp_path / "final.db"
    report = merge_projects(out, rulings)
    assert final(out)[0] == "Gamma" and report.inputs[1].overruled == [1]



def test_a_value_given_in_the_second_a_merge_found_it_taken_back_comes(
        files: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """ana took her title back, a merge ran, and she typed another within the same
    second (times are kept in whole seconds): every later merge said "0 decisions", the
    new title no older than the taking back. Her file holds it after its own taking
    back of that second, so it was given since: it comes, to the files merged onward
    too. A copy of her file from before she took it back, of the same second, still
    brings nothing."""
    import shutil

    clock = ["2031-01-01T00:00:00+00:00"]
    for module in _STAMPED:
        loaded = importlib.import_module(f"reviewer.core.store.{module}")
        if hasattr(loaded, "now"):
            monkeypatch.setattr(loaded, "now", lambda: clock[0])
    sub, out, copy = tmp_path / "sub.db", tmp_path / "final.db", tmp_path / "ana-copy.db"
    with Store(files["ana"], reviewer="ana") as store:
        store.decisions.set_field(1, "title", "Gamma")
    merge_projects(sub, [files["ana"], files["ben"]])
    shutil.copy(files["ana"], copy)  # (Gamma, of this second)
    with Store(files["ana"], reviewer="ana") as store:
        store.decisions.revert_field(1, "title")
    merge_projects(sub, [files["ana"], files["ben"]])
    merge_projects(out, [sub, files["chen"]])
    assert final(sub)[2] == ["ben"] and final(out)[2] == ["ben", "chen"]
    report = merge_projects(sub, [copy])
    assert report.inputs[0].decisions == 0 and final(sub)[2] == ["ben"]
    with Store(files["ana"], reviewer="ana") as store:  # the same second
        store.decisions.set_field(1, "title", "Beta")
    clock[0] = "2031-01-01T00:00:01+00:00"
    report = merge_projects(sub, [files["ana"], files["ben"]])
    assert report.inputs[0].decisions == 1
    assert final(sub)[0::2] == ("Beta", ["ana", "ben"])
    merge_projects(out, [sub, files["chen"]])
    assert final(out)[0::2] == ("Beta", ["ana", "ben", "chen"])


def test_a_copy_of_a_value_taken_back_in_its_second_brings_nothing(
        files: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Within one second ana took her title back, typed Gamma, a copy of her file was
    taken (a backup, a sync client's), and she took Gamma back too. Her file merged left
    ben's value alone; the copy merged after it brought Gamma back, a disagreement: its
    own taking back was of that second, the one the merge had found a later one."""
    import shutil

    clock = ["2031-01-01T00:00:05+00:00"]
    for module in _STAMPED:
        loaded = importlib.import_module(f"reviewer.core.store.{module}")
        if hasattr(loaded, "now"):
            monkeypatch.setattr(loaded, "now", lambda: clock[0])
    sub, copy = tmp_path / "sub.db", tmp_path / "ana-copy.db"
    merge_projects(sub, [files["ana"], files["ben"]])
    with Store(files["ana"], reviewer="ana") as store:
        store.decisions.revert_field(1, "title")
        store.decisions.set_field(1, "title", "Gamma")
    shutil.copy(files["ana"], copy)
    with Store(files["ana"], reviewer="ana") as store:
        store.decisions.revert_field(1, "title")
    clock[0] = "2031-01-01T00:01:00+00:00"
    merge_projects(sub, [files["ana"], files["ben"]])
    assert final(sub)[0::2] == ("Beta", ["ben"])
    for order in ([copy], [copy, files["ana"]], [files["ana"], copy]):
        report = merge_projects(sub, order)
        assert report.inputs[0].decisions == 0 and final(sub)[0::2] == ("Beta", ["ben"])
