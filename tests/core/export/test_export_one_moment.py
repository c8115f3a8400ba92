"""An export is of one moment of the project, whatever another program writes meanwhile:
a change made in one transaction is in it whole or not at all, and the other program's
writes go through while the export reads (WAL: a reader blocks no writer)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from reviewer.cli import main
from reviewer.core.export import bulk as bulk_module
from reviewer.core.export import export_bulk, export_whole
from reviewer.core.labels import Option, Question
from reviewer.core.store import NewPosting, Store
from reviewer.core.store import records as records_module
from reviewer.core.store.records import Records

TEXT = "Data engineer in Leeds: Python and SQL."
POSTINGS = 12


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Reviewed postings, each with a title and a span labelled TOOL, read a few at a
    time (several ranges, several pages)."""
    monkeypatch.setattr(bulk_module, "RANGE", 4)
    monkeypatch.setattr(records_module, "_PAGE", 4)
    path = tmp_path / "p.db"
    with Store(path, reviewer="ana") as store:
        store.postings.add([NewPosting(source=f"p/{n}.html", hash=f"h{n}", kind="text",
                                       raw=TEXT, cleaned=TEXT, fields={"title": "Engineer"})
                            for n in range(POSTINGS)])
        start = TEXT.index("Python")
        for pid in store.queue.ids():
            store.spans.add(pid, start, start + len("Python"), "TOOL")
            store.postings.set_status(pid, "reviewed")
    return path


def change_first_and_last(db: Path, title: str) -> None:
    """Another program's one change: the title of the first and the last posting, in one
    transaction (it waits a second at most for the file: the export must not hold it)."""
    with Store(db, reviewer="writer", busy_timeout=1.0) as other, other.atomic():
        first, *_, last = other.queue.ids()
        other.decisions.set_field(first, "title", title)
        other.decisions.set_field(last, "title", title)


def titles(path: Path) -> list[str]:
    return [json.loads(line)["fields"]["title"] for line in path.read_text().splitlines()]


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_change_committed_while_the_ranges_are_read_is_in_the_export_whole_or_not_at_all(
        project: Path, tmp_path: Path, jobs: int) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text("an older export\n")
    told: list[int] = []

    def progress(done: int, total: int) -> None:
        assert out.read_text() == "an older export\n"  # replaced only once whole
        if not told:
            change_first_and_last(project, "v1")  # (committed while the export reads)
        told.append(done)

    summary = export_whole(out, lambda part: export_bulk(
        project, part, "jsonl", jobs=jobs, progress=progress))
    written = titles(out)
    assert summary.total == POSTINGS and len(written) == POSTINGS
    if jobs == 1:  # one process: the moment it began, the change after it left out
        assert set(written) == {"Engineer"}
        assert not summary.again
    else:  # the workers may have read either side of it: written again, from one moment
        assert summary.again and summary.workers == 1
        assert written[0] == written[-1] == "v1"
    with Store(project, create=False) as store:  # the change went through whole
        assert store.records.get(store.queue.ids()[0])["fields"]["title"] == "v1"


def test_an_export_no_one_wrote_during_is_not_written_again(project: Path,
                                                            tmp_path: Path) -> None:
    summary = export_bulk(project, tmp_path / "out.jsonl", "jsonl", jobs=2)
    assert not summary.again and summary.workers == 2
    assert set(titles(tmp_path / "out.jsonl")) == {"Engineer"}


@pytest.mark.parametrize("fmt", ["jsonl", "hf", "labelstudio"])
def test_a_label_renamed_while_the_command_exports_is_in_it_whole_or_not_at_all(
        project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str,
        capsys: pytest.CaptureFixture[str]) -> None:
    attached = Records._attached
    renamed: list[bool] = []

    def rename_after_the_first_page(self: Records, *args: Any, **kwargs: Any) -> Any:
        found = attached(self, *args, **kwargs)
        if not renamed:  # TOOL becomes TECH, in one transaction, by another program
            with Store(project, reviewer="writer", busy_timeout=1.0) as other:
                schema = other.labels.schema()
                renamed_schema = [Question(q.name, q.kind, [
                    Option("TECH") if o.name == "TOOL" else o for o in q.options])
                    if q.kind == "span" else q for q in schema]
                other.labels.save_schema(renamed_schema, {("spans", "TECH"): ("spans", "TOOL")})
            renamed.append(True)
        return found

    monkeypatch.setattr(Records, "_attached", rename_after_the_first_page)
    out = tmp_path / ("out" if fmt == "hf" else f"out.{'json' if fmt == 'labelstudio' else fmt}")
    assert main(["export", str(project), "-f", fmt, "-o", str(out), "--jobs", "1"]) == 0
    assert renamed
    files = [p for p in out.rglob("*") if p.is_file()] if out.is_dir() else \
        [p for p in tmp_path.iterdir() if p.name.startswith("out")]
    text = "".join(p.read_text() for p in files)
    assert "TOOL" in text and "TECH" not in text  # the schema and every span: before it
    with Store(project, create=False) as store:
        assert {s["label"] for s in store.records.get(1)["spans"]} == {"TECH"}
    assert "exported again" not in capsys.readouterr().err


def test_a_project_of_an_earlier_version_is_exported_as_before(tmp_path: Path) -> None:
    """Read through a connection for reading only, a project of an earlier version was
    refused ("read-only … made by an older version"): it is brought up to this version
    first, as the export did before."""
    import shutil

    from reviewer.core.export import export_jsonl

    old = Path(__file__).resolve().parents[2] / "data" / "projects" / "v8.db"
    db = tmp_path / "old.db"
    shutil.copyfile(old, db)
    summary = export_jsonl(db, tmp_path / "out.jsonl", reviewed_only=False, jobs=1)
    assert summary.total == len((tmp_path / "out.jsonl").read_text().splitlines()) > 0
