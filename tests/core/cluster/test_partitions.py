"""Cutting inputs into partitions and running one partition in this process: local files,
data files cut by rows, and fsspec URLs (the in-memory file system)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("pyarrow", reason="needs the cluster extra: pip install -e '.[cluster]'")
fsspec = pytest.importorskip("fsspec", reason="needs the cluster extra")

from reviewer.core.cluster import extract_pages, partitions, run_partition  # noqa: E402
from reviewer.core.ingest import Skipped, content_hash  # noqa: E402

PAGE = ("<html><body><h1>Senior Data Engineer</h1><p>Acme Corp is hiring in Berlin, "
        "Germany.</p><ul><li>Python</li><li>SQL</li></ul></body></html>")


def test_page_files_are_grouped_and_data_files_cut_by_rows(tmp_path: Path) -> None:
    for i in range(5):
        (tmp_path / f"p{i}.html").write_text(PAGE.replace("Senior", f"Senior {i}"))
    rows = [{"html": PAGE.replace("Berlin", f"Berlin {i}"), "job_id": i} for i in range(7)]
    (tmp_path / "rows.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    (tmp_path / "notes.xyz").write_text("passed over in a folder")
    parts, missing = partitions([tmp_path, tmp_path / "missing.html"], size=3)
    assert [p.names() for p in parts] == [
        [str(tmp_path / f"p{i}.html") for i in range(3)],
        [str(tmp_path / "p3.html"), str(tmp_path / "p4.html")],
        [f"{tmp_path / 'rows.jsonl'}#1-3"], [f"{tmp_path / 'rows.jsonl'}#4-6"],
        [f"{tmp_path / 'rows.jsonl'}#7-end"]]
    assert missing == [Skipped(str(tmp_path / "missing.html"), "no such file or folder")]
    out = tmp_path / "out"
    out.mkdir()
    results = [run_partition(part, str(out), "2026-01-01T00:00:00+00:00") for part in parts]
    assert [r.records for r in results] == [3, 2, 3, 3, 1]
    import pyarrow.parquet as pq

    table = pq.read_table(out / "part-00003.parquet")
    assert [json.loads(m)["job_id"] for m in table.column("metadata").to_pylist()] == [3, 4, 5]
    assert table.column("source").to_pylist()[0] == f"{tmp_path / 'rows.jsonl'}#4"


def test_inputs_at_an_fsspec_url() -> None:
    fs = fsspec.filesystem("memory")
    fs.pipe("/jobs/a.html", PAGE.encode())
    fs.pipe("/jobs/b.txt", b"Data Engineer\n\nAcme Corp, Berlin. Python and SQL.")
    fs.pipe("/jobs/rows.jsonl", json.dumps({"text": "Nurse\n\nCity Hospital, Leeds."}).encode())
    parts, missing = partitions(["memory://jobs/*", "memory://nothing/here.html"], size=10)
    assert missing and missing[0].reason == "no such file or folder"
    names = [n for p in parts for n in p.names()]
    assert names == [f"memory:///jobs/{n}" for n in ("a.html", "b.txt", "rows.jsonl")]
    results = [run_partition(p, "memory://out", "2026-01-01T00:00:00+00:00") for p in parts]
    assert sum(r.records for r in results) == 3
    assert fs.exists("/out/part-00000.parquet") and fs.exists("/out/part-00001.parquet")


def test_extract_pages_is_the_pipeline_as_a_pure_function() -> None:
    text_page = "Data Engineer\n\nAcme Corp, Berlin. Python and SQL."
    out = list(extract_pages([("a.html", PAGE, "html"), ("b", text_page, None),
                              ("c", "   ", "text")], stamp="2026-01-01T00:00:00+00:00"))
    first, second, third = out
    assert not isinstance(first, Skipped) and not isinstance(second, Skipped)
    assert first["raw_hash"] == content_hash(PAGE)
    assert first["fields"]["title"] == "Senior Data Engineer"
    assert first["provenance"]["title"] == "machine" and first["id"] is None
    for name, spans in first["field_spans"].items():
        for start, end in spans:
            assert 0 <= start <= end <= len(first["text"]), name
    assert isinstance(third, Skipped)


def test_an_input_url_that_cannot_be_read_costs_that_input_alone(tmp_path: Path) -> None:
    """A mistyped protocol, or one whose library is not installed, was a traceback that
    ended the whole run; a local folder written as a URL (``local://``) was given to the
    workers as ``file://`` text they took for a missing path."""
    (tmp_path / "a.txt").write_text("Nurse\n\nCity Hospital, Leeds.\n", encoding="utf-8")
    parts, missing = partitions(["htps://example.com/job.html", f"local://{tmp_path}/*.txt",
                                 str(tmp_path)], size=10)
    assert [(m.source, m.reason.split(":")[0]) for m in missing] == [
        ("htps://example.com/job.html", "cannot be read")]
    assert "htps" in missing[0].reason
    assert [n for p in parts for n in p.names()] == [str(tmp_path / "a.txt")] * 2
    results = [run_partition(p, str(tmp_path / "out"), "2026-01-01T00:00:00+00:00")
               for p in parts]
    assert sum(r.records for r in results) == 2 and not any(r.skipped for r in results)


def test_a_file_named_with_brackets_is_read_as_named(tmp_path: Path) -> None:
    """"Engineer [Remote].txt" given by name is that file, not a pattern that matches
    none; a pattern still matches."""
    named = tmp_path / "Engineer [Remote].txt"
    named.write_text(PAGE)
    parts, missing = partitions([named, tmp_path / "*.txt"], size=10)
    assert missing == []
    assert [p.names() for p in parts] == [[str(named), str(named)]]


def test_a_folder_linked_into_itself_is_walked_once(tmp_path: Path) -> None:
    """A link back to a folder above made each page read again and again (41 times
    with one; with two links the listing never ended)."""
    (tmp_path / "sub").mkdir()
    (tmp_path / "p.html").write_text(PAGE)
    (tmp_path / "sub" / "q.html").write_text(PAGE)
    (tmp_path / "sub" / "back").symlink_to("..")
    (tmp_path / "sub" / "again").symlink_to("..")
    parts, missing = partitions([tmp_path], size=10)
    assert missing == []
    assert [p.names() for p in parts] == [[str(tmp_path / "p.html"),
                                           str(tmp_path / "sub" / "q.html")]]


def test_the_output_folder_s_shards_are_not_read_as_inputs(tmp_path: Path) -> None:
    """Shards written inside an input folder were read by the next run as pages."""
    (tmp_path / "p.html").write_text(PAGE)
    out = tmp_path / "shards"
    out.mkdir()
    run_partition(partitions([tmp_path], size=10)[0][0], str(out), "2026-01-01T00:00:00+00:00")
    (out / "manifest.json").write_text("{}")
    (out / "notes.txt").write_text(PAGE)  # the user's, not a shard: read
    parts, _ = partitions([tmp_path], size=10, leave_out=str(out))
    assert [p.names() for p in parts] == [[str(tmp_path / "p.html"), str(out / "notes.txt")]]


def test_a_file_in_the_output_folder_no_run_wrote_stops_the_run(tmp_path: Path) -> None:
    """The output folder's shards and manifest of an earlier run are replaced; a file of
    such a name that no run wrote (the user's own part-00000.parquet, a web app's
    manifest.json) was deleted or written over: now the run stops before anything,
    saying which, and leaves the folder as it was."""
    import pandas as pd

    from reviewer.core.cluster.earlier import earlier_output, replace_earlier

    out = tmp_path / "out"
    out.mkdir()
    (tmp_path / "p.html").write_text(PAGE)
    run_partition(partitions([tmp_path], size=10)[0][0], str(out), "2026-01-01T00:00:00+00:00")
    (out / "manifest.json").write_text(json.dumps({"posting_reviewer_shards": 1}))
    assert sorted(Path(p).name for p in earlier_output(str(out))) == [
        "manifest.json", "part-00000.parquet"]
    pd.DataFrame({"html": [PAGE]}).to_parquet(out / "part-00001.parquet")
    with pytest.raises(FileExistsError, match=r"part-00001\.parquet, which no run"):
        earlier_output(str(out))
    (out / "part-00001.parquet").unlink()
    (out / "manifest.json").write_text(json.dumps({"name": "my web app"}))
    with pytest.raises(FileExistsError, match=r"manifest\.json, which no run"):
        earlier_output(str(out))
    assert sorted(p.name for p in out.iterdir()) == ["manifest.json", "part-00000.parquet"]
    (out / "manifest.json").unlink()
    assert replace_earlier(str(out)) == 1  # a run stopped before its manifest: its shard
    assert list(out.iterdir()) == []


@pytest.mark.parametrize("kind", ["jsonl", "parquet"])
def test_a_part_of_a_data_file_is_read_from_its_own_rows(tmp_path: Path, kind: str,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """Each part of a cut data file read the file from its first row (40,000 rows: the
    first part 0.01 s, the last 0.8 s; the whole run twice as long as need be): a part
    reads its own rows, and the parts together are the file read whole."""
    import pandas as pd

    import reviewer.core.ingest.columns as columns
    from reviewer.core.cluster.inputs import read_part

    rows = [{"html": PAGE.replace("Berlin", f"Berlin {i}"), "job_id": i} for i in range(9)]
    path = tmp_path / f"rows.{kind}"
    if kind == "jsonl":  # a blank line and a bad one: numbered as the file has them
        lines = [json.dumps(r) for r in rows]
        lines[4:4] = ["", "{not json"]
        path.write_text("\n".join(lines) + "\n")
    else:
        pd.DataFrame(rows).to_parquet(path, row_group_size=4)
    def seen(part):  # type: ignore[no-untyped-def]
        return [(r.source, getattr(r, "metadata", getattr(r, "reason", None)))
                for r in read_part(part)]

    whole = seen(partitions([path], size=100)[0][0])
    parts, _ = partitions([path], size=3)
    assert len(parts) == (4 if kind == "jsonl" else 3)
    mapped = []
    split = columns.ColumnMapping.split
    monkeypatch.setattr(columns.ColumnMapping, "split",
                        lambda self, source, row, *rest, **named: mapped.append(source)
                        or split(self, source, row, *rest, **named))
    last = seen(parts[-1])
    assert len(mapped) <= 3  # the last part's rows, not the file's
    together = [row for part in parts for row in seen(part)]
    assert together == whole and last == whole[-len(last):]


def test_a_shard_given_as_an_input_of_a_run_into_its_folder_stops_the_run(
        tmp_path: Path) -> None:
    """``--to-parquet out out/part-00000.parquet``: the earlier run's shard was deleted
    as this run's leftovers before it was read (0 records, the shard gone)."""
    from reviewer.core.cluster import extract_to_parquet

    (tmp_path / "p.html").write_text(PAGE)
    out = tmp_path / "out"
    out.mkdir()
    run_partition(partitions([tmp_path / "p.html"], size=10)[0][0], str(out),
                  "2026-01-01T00:00:00+00:00")
    shard = out / "part-00000.parquet"
    for given in ([shard], [out / "*.parquet"]):
        with pytest.raises(FileExistsError, match=r"part-00000\.parquet is one of its inputs"):
            extract_to_parquet(given, out)
        assert shard.is_file()
    # the folder itself: its shards are not inputs, so nothing to extract, nothing touched
    report = extract_to_parquet([out, tmp_path / "missing.html"], out)
    assert report.partitions == 0 and report.replaced == 0 and shard.is_file()


def test_a_pipe_or_a_device_among_the_inputs_is_said_and_never_read(tmp_path: Path) -> None:
    import os

    (tmp_path / "a.html").write_text(PAGE)
    os.mkfifo(tmp_path / "feed.jsonl")  # opening it to count its rows would wait for ever
    (tmp_path / "zero.jsonl").symlink_to("/dev/zero")  # and this would fill the memory
    parts, missing = partitions([tmp_path, tmp_path / "feed.jsonl"], size=3)
    assert [p.names() for p in parts] == [[str(tmp_path / "a.html")]]
    assert sorted(missing, key=lambda s: s.source) == [
        Skipped(str(tmp_path / "feed.jsonl"), "not a regular file"),
        Skipped(str(tmp_path / "feed.jsonl"), "not a regular file"),
        Skipped(str(tmp_path / "zero.jsonl"), "not a regular file")]


def test_an_empty_input_name_is_refused_not_read_as_the_current_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "diary.txt").write_text("private notes, not a posting")
    monkeypatch.chdir(tmp_path)
    parts, missing = partitions([""], size=3)
    assert parts == [] and missing == [Skipped('""', "an empty name: no file or folder")]


@pytest.mark.parametrize("head", [b"\xff\xfe", b"\x00\x01\x02"])
def test_a_data_file_import_refuses_whole_is_one_part_refused_whole(tmp_path: Path,
                                                                     head: bytes) -> None:
    from reviewer.core.cluster.inputs import read_part

    lines = [json.dumps({"html": PAGE.replace("Berlin", f"Berlin {i}")}) for i in range(12)]
    path = tmp_path / "rows.jsonl"
    path.write_bytes(head + ("\n".join(lines) + "\n").encode())
    parts, _ = partitions([path], size=5)
    assert len(parts) == 1
    assert [type(r).__name__ for r in read_part(parts[0])] == ["Skipped"]


def test_a_url_glob_or_folder_with_no_file_to_read_is_said() -> None:
    fs = fsspec.filesystem("memory")
    fs.pipe("/holds-nothing-to-read/notes.xyz", b"not a posting")
    parts, missing = partitions(["memory://nothing-here/*.html",
                                 "memory://holds-nothing-to-read"], size=3)
    assert parts == []
    assert missing == [Skipped("memory://nothing-here/*.html", "no file matches"),
                       Skipped("memory://holds-nothing-to-read", "no file to read there")]


@pytest.mark.parametrize("name", ["manifest.json", "part-00000.parquet"])
def test_a_link_named_as_a_run_s_output_stops_the_run(tmp_path: Path, name: str) -> None:
    from reviewer.core.cluster.earlier import earlier_output

    out = tmp_path / "out"
    out.mkdir()
    (tmp_path / "mine").write_text('{"mine": true}')
    (out / name).symlink_to(tmp_path / "mine")  # a run never writes a link
    with pytest.raises(FileExistsError, match=rf"{name.replace('.', '[.]')}, which no run"):
        earlier_output(str(out))
    assert (out / name).is_symlink()


def test_a_run_with_nothing_to_extract_makes_no_output_folder(tmp_path: Path) -> None:
    from reviewer.core.cluster import extract_to_parquet

    report = extract_to_parquet([tmp_path / "nothing" / "*.html"], tmp_path / "new")
    assert report.partitions == 0 and not (tmp_path / "new").exists()


def test_a_cluster_left_with_no_worker_is_said_not_waited_on_for_ever(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """With --scheduler, a run whose workers were all killed waited in silence until one
    joined (ten minutes, and on); a long partition on a cluster with workers is still
    waited for."""
    distributed = pytest.importorskip("distributed")
    from reviewer.core.cluster.client import SchedulerError, finished

    class Cluster:
        def __init__(self, workers: dict[str, object]) -> None:
            self.workers = workers

        def scheduler_info(self) -> dict[str, object]:
            return {"workers": self.workers}

    def slow(pending, timeout, return_when):  # type: ignore[no-untyped-def]
        looks.append(timeout)
        if len(looks) < 4:
            raise distributed.TimeoutError  # nothing finished in this look
        return set(pending), set()

    looks: list[float] = []
    monkeypatch.setattr(distributed, "wait", slow)
    assert sorted(finished(Cluster({"tcp://w": {}}), ["a", "b"], no_worker_wait=0)) == ["a", "b"]
    looks.clear()
    with pytest.raises(SchedulerError, match="no worker for 0 s, with 2 partitions to go"):
        list(finished(Cluster({}), ["a", "b"], no_worker_wait=0))
    assert len(looks) == 2  # the first look finds none, the next says so
