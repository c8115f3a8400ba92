"""Hostile tests of split and merge (reviewer.core.team)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "core" / "team"))
from team_projects import make_source

from reviewer.core.store import Store
from reviewer.core.team import TeamError, split_project


def test_split_force_into_the_projects_own_folder_does_not_replace_the_project(
        tmp_path: Path) -> None:
    """A reviewer named like the project file, split into the project's folder with
    --force: the split's target is the project itself. The project (and every decision in
    it) must not be deleted and replaced by one reviewer's share."""
    source = make_source(tmp_path / "jobs.db", n=40)
    with Store(source, reviewer="lead") as store:
        store.decisions.set_field(1, "title", "Chief Data Engineer")
        store.postings.set_comment(2, "keep this")
    with Store(source) as store, pytest.raises(TeamError, match="the project being split"):
        split_project(store, ["jobs", "ben"], tmp_path, overlap=0.0, force=True)
    with Store(source, create=False) as store:
        assert store.queue.count() == 40
        assert store.records.get(2)["comment"] == "keep this"


def test_reextract_keeps_the_text_reviewers_disagreed_on(tmp_path: Path) -> None:
    """Two reviewers gave different titles (with their spans) to a posting; after the
    merge it has no final decision, only the reviewers' values in ``reviews``. Re-extract
    then treats it as untouched and replaces its cleaned text: the spans the reviewers
    marked (and that adjudication will take) now point into another text."""
    from reviewer.core.ingest import reextract
    from reviewer.core.team import merge_projects

    source = make_source(tmp_path / "project.db", n=6)
    with Store(source) as store:
        files = split_project(store, ["ana", "ben"], tmp_path / "team", overlap=1.0).files
    for name, title in (("ana", "Data Engineer 1"), ("ben", "Data")):
        with Store(files[name], reviewer=name) as store:
            store.decisions.set_field(1, "title", title, [[0, len(title)]])
    merged = tmp_path / "merged.db"
    merge_projects(merged, [files["ana"], files["ben"]])
    with Store(merged) as store:
        assert store.reviews.differing(1) == [("field", "title")]
        before = store.postings.cleaned(1)
        reextract(store)
        after = store.postings.cleaned(1)
    assert after == before, "the text the reviewers' spans count in was replaced"


def test_merge_two_projects_imported_apart_keeps_every_posting(tmp_path: Path) -> None:
    """Two reviewers each imported their own pages (no split): ids 1..5 and 1..6, other
    hashes. Merging the second into a file holding the first gives its postings 1..5
    new ids 6..10 (theirs are taken), and then its posting 6 keeps id 6 — taken by now:
    ``INSERT OR IGNORE`` drops it, and the merge fails with a KeyError (a traceback)."""
    from reviewer.core.store import NewPosting
    from reviewer.core.team import merge_projects

    def project(path: Path, prefix: str, n: int) -> Path:
        with Store(path, reviewer=prefix) as store:
            store.postings.add([NewPosting(source=f"{prefix}{i}.txt", hash=f"{prefix}-{i}",
                                           kind="text", raw=f"Job {prefix} {i}",
                                           cleaned=f"Job {prefix} {i}\n")
                                for i in range(1, n + 1)])
            store.postings.set_status(1, "reviewed")
        return path

    first = project(tmp_path / "ana.db", "a", 5)
    second = project(tmp_path / "ben.db", "b", 6)
    merged = tmp_path / "merged.db"
    merge_projects(merged, [first, second])
    with Store(merged) as store:
        assert store.queue.count() == 11
