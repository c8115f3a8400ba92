"""Whole-project exports with worker processes (``export_bulk``): JSONL, CSV, Parquet,
doccano and Argilla written by two processes over ranges of ids are the files one
process writes, and the files ``export`` writes from the same records."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

from reviewer.cli import main
from reviewer.core.export import bulk as bulk_module
from reviewer.core.export import export, export_bulk, export_whole
from reviewer.core.labels import Option, Question
from reviewer.core.store import NewPosting, Store

TEXTS = [
    "# Data Engineer\n\nAcme hires in Leeds. Python and SQL.",
    "=HYPERLINK(\"x\") Barista wanted in Café Zoë, part time.",
    "Développeur·se 🚀 Python à Montréal — 東京オフィス勤務も可能です。",
    "Nurse, Ward 7.\r\nApply by 2024-06-30, \"urgent\".",
    "-5 Intern 🧪, Data team, Berlin. Stipend $20/hour.",
    "Driver\u2028wanted\u2029in Leeds\x85today: a line break of Unicode's in one line.",
]


def where(text: str, sub: str) -> list[int]:
    start = text.index(sub)
    return [start, start + len(sub)]


def make_project(path: Path, postings: int = 23) -> Path:
    """``postings`` postings over the texts: machine values with evidence (one out of its
    text, a bad span), every status, decisions, spans, labels of two questions, a
    comment and metadata."""
    with Store(path, reviewer="ana") as store:
        batch = []
        for n in range(postings):
            text = f"{TEXTS[n % len(TEXTS)]} #{n}"
            first = text.split()[1]
            evidence = {"title": [where(text, first)], "skills": [where(text, first)]}
            if n == 4:
                evidence["company"] = [[0, len(text) + 10]]  # outside its text: dropped
            batch.append(NewPosting(
                source=f"pages/{n}.html", hash=f"h{n}", kind="text", raw=text, cleaned=text,
                metadata={"board": "x", "n": n} if n % 3 else {},
                fields={"title": first, "skills": [first, "SQL"], "work_hours": 37.5,
                        "salary": {"min": 100 * n, "max": None, "currency": "EUR",
                                   "period": "year"},
                        **({"company": "=cmd|' /C calc'!A0"} if n == 4 else {})},
                evidence=evidence, confidence={"title": 0.8, "skills": 0.1 + 0.2,
                                               "company": 0.5}))
        store.postings.add(batch)
        store.labels.save_schema([*store.labels.schema(), Question(
            "role family", "multi", [Option("data"), Option("engineering")])])
        ids = store.queue.ids()
        for n, pid in enumerate(ids):
            text = store.records.get(pid)["cleaned"]
            if n % 2 == 0:
                store.decisions.accept_all(pid)
            if n % 4 == 1:
                store.decisions.set_field(pid, "title", "+Senior engineer")
                store.postings.set_status(pid, "flagged")
            if n % 3 == 0:
                store.spans.add(pid, *where(text, text.split()[1]), "SKILL")
                store.labels.answer(pid, "relevant", ["yes"] if n % 2 else ["no"])
            if n % 5 == 0:
                store.labels.answer(pid, "role family", ["data", "engineering"])
                store.postings.set_comment(pid, "@check this, \"quoted\"\nsecond line")
    return path


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(bulk_module, "RANGE", 4)  # several ranges a worker
    return make_project(tmp_path / "p.db")


def single_process(db: Path, out: Path, fmt: str, reviewed_only: bool = True,
                   **options: Any) -> Any:
    """What ``export`` writes from ``records.all`` in this process."""
    with Store(db, create=False) as store:
        schema = store.labels.schema() if fmt == "argilla" else None
        return export(store.records.all(reviewed_only), fmt, out, schema=schema, **options)


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "doccano", "argilla"])
@pytest.mark.parametrize("reviewed_only", [True, False])
def test_two_workers_write_the_file_one_process_writes(project: Path, tmp_path: Path,
                                                       fmt: str, reviewed_only: bool) -> None:
    with Store(project, create=False) as store:
        schema = store.labels.schema()
    expected = single_process(project, tmp_path / "one", fmt, reviewed_only)
    for jobs in (1, 2):
        out = tmp_path / f"jobs{jobs}"
        summary = export_bulk(project, out, fmt, reviewed_only=reviewed_only, jobs=jobs,
                              schema=schema)
        assert out.read_bytes() == (tmp_path / "one").read_bytes(), (fmt, jobs)
        assert (summary.total, summary.dropped_spans, summary.unaligned_spans) == (
            expected.total, expected.dropped_spans, expected.unaligned_spans)
        assert summary.files == [out]
    assert expected.total == (12 if reviewed_only else 23)
    if fmt != "csv":  # one record a line, also to a reader that breaks at U+2028
        lines = (tmp_path / "one").read_text(encoding="utf-8").splitlines()
        assert len(lines) == expected.total
        assert any("wanted\u2029in" in json.dumps(json.loads(line), ensure_ascii=False)
                   for line in lines) or reviewed_only
    assert expected.dropped_spans > 0 or reviewed_only
    assert not list(tmp_path.glob(".export-*"))  # no part left behind


def test_csv_raw_cells_in_parallel(project: Path, tmp_path: Path) -> None:
    single_process(project, tmp_path / "one.csv", "csv", False, raw_cells=True)
    export_bulk(project, tmp_path / "two.csv", "csv", reviewed_only=False, jobs=2,
                raw_cells=True)
    raw = (tmp_path / "two.csv").read_bytes()
    assert raw == (tmp_path / "one.csv").read_bytes()
    assert b',"=HYPERLINK(' in raw and b",+Senior engineer," in raw


def test_parquet_is_the_csv_table_typed_whatever_the_workers(project: Path,
                                                              tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet", reason="pyarrow is not installed")
    single_process(project, tmp_path / "one.parquet", "csv", False, parquet=True)
    expected = pq.read_table(tmp_path / "one.parquet")
    for jobs in (1, 2):
        out = tmp_path / f"jobs{jobs}.parquet"
        summary = export_bulk(project, out, "parquet", reviewed_only=False, jobs=jobs)
        assert summary.total == 23 and summary.fmt == "parquet"
        assert pq.read_table(out).equals(expected)
        assert pq.ParquetFile(out).metadata.num_row_groups == 6  # one a range of 4
    assert (tmp_path / "jobs1.parquet").read_bytes() == (tmp_path / "jobs2.parquet").read_bytes()


def test_parquet_round_trips_every_posting(project: Path, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet", reason="pyarrow is not installed")
    export_bulk(project, tmp_path / "p.parquet", "parquet", reviewed_only=False, jobs=2)
    rows = pq.read_table(tmp_path / "p.parquet").to_pylist()
    with Store(project, create=False) as store:
        records = list(store.records.all(False))
    assert [row["id"] for row in rows] == [r["id"] for r in records]
    for row, record in zip(rows, records, strict=True):
        assert row["text"] == record["text"] and row["status"] == record["status"]
        assert row["title"] == record["fields"]["title"]
        assert row["title__provenance"] == record["provenance"]["title"]
        assert row["skills"] == record["fields"]["skills"]
        assert row["work_hours"] == 37.5 and row["salary_currency"] == "EUR"
        assert row["salary_min"] == float(record["fields"]["salary"]["min"])
        assert row["salary_max"] is None
        assert row["labels__relevant"] == record["labels"].get("relevant")
        assert row["labels__role family"] == record["labels"].get("role family")
        assert row["spans"] == record["spans"]
        assert row["comment"] == record["comment"]
        n = int(record["source"].removeprefix("pages/").removesuffix(".html"))
        assert row["metadata"] == ('{"board":"x","n":' + f"{n}}}" if n % 3 else "{}")


def test_parquet_loads_in_pandas(project: Path, tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas", reason="pandas is not installed")
    pytest.importorskip("pyarrow", reason="pyarrow is not installed")
    export_bulk(project, tmp_path / "p.parquet", "parquet", jobs=2)
    frame = pd.read_parquet(tmp_path / "p.parquet")
    assert len(frame) == 12 and frame["id"].is_monotonic_increasing
    assert list(frame.loc[0, "skills"]) == ["Data", "SQL"]


def test_a_question_answered_during_the_export_fails_it(
        project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from reviewer.core.store.records import Records

    monkeypatch.setattr(Records, "questions", lambda self, reviewed_only=True: ["relevant"])
    with pytest.raises(ValueError, match="labelled while the export ran"):
        export_bulk(project, tmp_path / "p.csv", "csv", jobs=1)


def test_bad_arguments(project: Path, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="not written by worker processes"):
        export_bulk(project, tmp_path / "x", "hf")
    with pytest.raises(ValueError, match="jsonl format only"):
        export_bulk(project, tmp_path / "x", "csv", reviewers=True)
    with pytest.raises(ValueError, match="csv format only"):
        export_bulk(project, tmp_path / "x", "jsonl", raw_cells=True)


# -- the command line ---------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["csv", "parquet", "doccano"])
def test_the_command_line_writes_the_same_file_with_one_or_two_jobs(
        project: Path, tmp_path: Path, fmt: str) -> None:
    if fmt == "parquet":
        pytest.importorskip("pyarrow.parquet", reason="pyarrow is not installed")
    out = {}
    for jobs in ("1", "2"):
        path = tmp_path / f"out{jobs}.{fmt}"
        assert main(["export", str(project), "--all", "--format", fmt, "-o", str(path),
                     "--jobs", jobs]) == 0
        out[jobs] = path.read_bytes()
    assert out["1"] == out["2"]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["p.db", f"out1.{fmt}", f"out2.{fmt}"])


def test_csv_parquet_is_the_parquet_format(project: Path, tmp_path: Path) -> None:
    pytest.importorskip("pyarrow.parquet", reason="pyarrow is not installed")
    for args, name in (([ "--format", "parquet"], "a.parquet"),
                       (["--format", "csv", "--parquet"], "b.parquet")):
        assert main(["export", str(project), *args, "-o", str(tmp_path / name)]) == 0
    assert (tmp_path / "a.parquet").read_bytes() == (tmp_path / "b.parquet").read_bytes()


def test_parquet_with_a_split_goes_through_one_process(project: Path, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet", reason="pyarrow is not installed")
    out = tmp_path / "parts"
    assert main(["export", str(project), "--all", "--format", "parquet", "-o", str(out),
                 "--split", "train=0.5,test=0.5"]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["test.parquet", "train.parquet"]
    assert sum(pq.read_table(p).num_rows for p in out.iterdir()) == 23


def test_parquet_without_pyarrow_says_what_to_install(
        project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    assert main(["export", str(project), "--format", "parquet", "-o",
                 str(tmp_path / "p.parquet")]) == 2
    assert "pip install pyarrow" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.db"]


class Stop(Exception):
    """Raised by a progress callback to stop an export (as the window's Cancel does)."""


@pytest.mark.parametrize("fmt", ["jsonl", "parquet"])
@pytest.mark.parametrize("jobs", [1, 2])
def test_progress_is_told_each_range_written_and_can_stop_the_export(
        project: Path, tmp_path: Path, fmt: str, jobs: int) -> None:
    pytest.importorskip("pyarrow")
    told: list[tuple[int, int]] = []
    out = tmp_path / f"all.{fmt}"
    summary = export_bulk(project, out, fmt, reviewed_only=False, jobs=jobs,
                          progress=lambda done, total: told.append((done, total)))
    assert told == [(min(n, 23), 23) for n in range(4, 24 + 3, 4)]  # ranges of 4
    assert summary.workers == jobs

    def stop_at_the_second(done: int, _total: int) -> None:
        if done > 4:
            raise Stop

    later = tmp_path / f"stopped.{fmt}"
    with pytest.raises(Stop):
        export_whole(later, lambda part: export_bulk(
            project, part, fmt, reviewed_only=False, jobs=jobs, progress=stop_at_the_second))
    assert list(tmp_path.glob("stopped*")) == [] and list(tmp_path.glob(".stopped*")) == []
    assert not list(tmp_path.glob(".export-*"))


def test_an_export_never_replaces_a_device_a_pipe_or_a_socket(project: Path,
                                                                tmp_path: Path) -> None:
    import os
    import stat

    fifo = tmp_path / "out.jsonl"
    os.mkfifo(fifo)
    written: list[Path] = []
    with pytest.raises(ValueError, match="not a file"):
        export_whole(fifo, lambda part: written.append(part) or export_bulk(  # type: ignore[func-returns-value]
            project, part, "jsonl", reviewed_only=False, jobs=1))
    assert written == [] and stat.S_ISFIFO(fifo.stat().st_mode)
    assert main(["export", str(project), "-o", str(fifo)]) == 2
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_an_output_name_longer_than_a_file_s_name_may_be_is_refused_first(
        project: Path, tmp_path: Path) -> None:
    written: list[Path] = []
    with pytest.raises(ValueError, match="255 bytes"):
        export_whole(tmp_path / ("a" * 300 + ".jsonl"),
                     lambda part: written.append(part) or export_bulk(  # type: ignore[func-returns-value]
                         project, part, "jsonl", reviewed_only=False, jobs=1))
    assert written == [] and [p.name for p in tmp_path.iterdir()] == [project.name]
