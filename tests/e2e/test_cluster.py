"""``reviewer extract --engine dask --to-parquet`` on a LocalCluster of two processes over
the dev corpora, and ``reviewer import`` of its shards."""

from __future__ import annotations

import contextlib
import json
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from reviewer.cli import main
from reviewer.core.store import Store

pytest.importorskip("distributed", reason="needs the cluster extra: pip install -e '.[cluster]'")
pytest.importorskip("pyarrow", reason="needs the cluster extra: pip install -e '.[cluster]'")

DEV = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "dev"
pytestmark = pytest.mark.skipif(not DEV.is_dir(), reason="needs ../shared/corpus/dev")
EMPTY = (None, [], {}, "")


def write_pages(folder: Path) -> list[Path]:
    """Each dev posting's page as a file, as the eval script writes them: ``.html`` for
    format html, else ``.txt``."""
    folder.mkdir()
    paths = []
    for corpus in sorted(DEV.glob("*.jsonl")):
        for line in corpus.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            path = folder / (row["id"].replace("/", "_")
                             + (".html" if row["format"] == "html" else ".txt"))
            path.write_bytes(row["raw"].encode("utf-8", "surrogatepass"))
            paths.append(path)
    return paths


def shard_records(folder: Path) -> list[dict[str, Any]]:
    import pyarrow.parquet as pq

    rows = []
    for shard in sorted(folder.glob("part-*.parquet")):
        rows += pq.read_table(shard).to_pylist()
    for row in rows:
        for key in ("fields", "provenance", "machine", "field_spans", "metadata"):
            row[key] = json.loads(row[key])
    return rows


def plain(fields: dict[str, Any]) -> dict[str, Any]:
    """Empty values as no value, as the store keeps them."""
    return {name: None if value in EMPTY else value for name, value in fields.items()}


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The dev pages, extracted once in one process and once on the cluster (3 partitions)."""
    tmp = tmp_path_factory.mktemp("cluster")
    paths = write_pages(tmp / "pages")
    single = subprocess.run([sys.executable, "-m", "reviewer.cli", "extract",
                             *map(str, paths)], capture_output=True, text=True, check=False)
    out = tmp / "shards"
    with contextlib.ExitStack() as held:  # Dask's web server's usual port, taken (if free)
        busy = held.enter_context(socket.socket())
        with contextlib.suppress(OSError):
            busy.bind(("127.0.0.1", 8787))
            busy.listen()
        dask = subprocess.run(
            [sys.executable, "-m", "reviewer.cli", "extract", "--engine", "dask",
             "--to-parquet", str(out), "--partition-size", str(len(paths) // 3 + 1),
             str(tmp / "pages")], capture_output=True, text=True, check=False)
    return {"paths": paths, "single": single, "dask": dask, "out": out, "tmp": tmp}


def test_the_local_cluster_says_nothing_of_dask_s_web_server(run: dict[str, Any]) -> None:
    """Its web server (no dashboard, but /health and /info) took port 8787, and when that
    was in use Dask's four-line warning was printed under the run's own lines."""
    assert "8787" not in run["dask"].stderr and "already in use" not in run["dask"].stderr


def test_dask_records_equal_the_single_process_run(run: dict[str, Any]) -> None:
    assert run["dask"].returncode == 0, run["dask"].stderr
    assert "642 records in 3 shards" in run["dask"].stdout or len(run["paths"]) != 642
    single = {r["source"]: r for r in map(json.loads, run["single"].stdout.splitlines())}
    shards = {r["source"]: r for r in shard_records(run["out"])}
    assert len(shards) == len(run["paths"]) == len(single)
    for source, rec in single.items():
        got = shards[source]
        assert got["text"] == rec["cleaned"], source
        assert got["fields"] == plain(rec["fields"]), source
        for name, machine in got["machine"].items():
            assert machine["confidence"] == rec["confidence"][name]
            assert machine["spans"] == rec["evidence"].get(name, [])
        assert set(got["provenance"].values()) <= {"machine", "none"}
    manifest = json.loads((run["out"] / "manifest.json").read_text())
    assert manifest["records"] == len(single) and manifest["failed"] == []


def test_import_of_the_shards_finds_every_posting(run: dict[str, Any], tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "p.db"
    assert main(["import", str(db), str(run["out"])]) == 0
    assert f"{len(run['paths']):,} postings added" in capsys.readouterr().out
    shards = {r["raw_hash"]: r for r in shard_records(run["out"])}
    with Store(db) as store:
        stored = list(store.records.all(reviewed_only=False))
        # the search index holds them, as it would had the pages been imported
        found = set(store.queue.search("engineer", limit=10_000))
        words = {r["id"] for r in stored if "engineer" in r["text"].lower().split()}
        assert words and words <= found
    assert {r["raw_hash"] for r in stored} == set(shards)
    for rec in stored:  # the record the project exports is the shard's, numbered
        shard = shards[rec["raw_hash"]]
        for key in ("source", "text", "fields", "provenance", "machine", "field_spans",
                    "metadata", "status", "imported_at"):
            assert rec[key] == shard[key], key
    assert main(["import", str(db), str(run["out"])]) == 0  # again: nothing added
    assert f"0 postings added, {len(run['paths']):,} already" in capsys.readouterr().out


def test_shards_equal_what_an_import_of_the_pages_exports(run: dict[str, Any],
                                                          tmp_path: Path) -> None:
    """Import the pages themselves (the pipeline run by ``reviewer import``): the records
    the project exports are the shards' records."""
    pages = run["paths"][::25]
    db = tmp_path / "pages.db"
    assert main(["import", str(db), *map(str, pages)]) == 0
    shards = {r["raw_hash"]: r for r in shard_records(run["out"])}
    with Store(db) as store:
        for rec in store.records.all(reviewed_only=False):
            shard = shards[rec["raw_hash"]]
            for key in ("source", "text", "fields", "provenance", "machine", "field_spans"):
                assert json.loads(json.dumps(rec[key])) == shard[key], key


def test_a_failing_partition_is_reported_and_the_rest_written(tmp_path: Path) -> None:
    from reviewer.core.cluster import extract_to_parquet

    pages = write_pages(tmp_path / "pages")[:30]
    out = tmp_path / "shards"
    (out / "part-00001.parquet").mkdir(parents=True)  # partition 1 cannot write its shard
    report = extract_to_parquet(pages, out, partition_size=10, workers=2)
    assert [f.partition for f in report.failed] == [1]
    assert report.failed[0].inputs == [str(p) for p in pages[10:20]]
    assert "part-00001.parquet" in report.failed[0].error
    assert [s.file for s in report.shards] == ["part-00000.parquet", "part-00002.parquet"]
    assert report.records == 20
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["failed"][0]["inputs"] == [str(p) for p in pages[10:20]]
    # importing the folder says what is not in it
    (out / "part-00001.parquet").rmdir()
    with Store(tmp_path / "p.db", create=True) as store:
        from reviewer.core.ingest import import_paths

        imported = import_paths(store, [out])
    assert imported.added == 20
    assert any("partition 1" in s.source and "failed on the cluster" in s.reason
               for s in imported.skipped)


def test_the_dask_options_go_together(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "a.txt"
    page.write_text("Nurse\n\nCity Hospital, Leeds.")
    assert main(["extract", "--to-parquet", str(tmp_path / "out"), str(page)]) == 2
    assert main(["extract", "--engine", "dask", str(page)]) == 2
    assert "--to-parquet OUT_DIR goes with --engine dask" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()
    # an output folder that cannot take the shards is said before any work
    afile = tmp_path / "afile"
    afile.write_text("")
    assert main(["extract", "--engine", "dask", "--to-parquet", str(afile), str(page)]) == 2
    assert f"{afile} is not a folder" in capsys.readouterr().err


def test_a_new_run_replaces_the_shards_of_an_earlier_one(tmp_path: Path) -> None:
    """An output folder used again: the earlier run's shards and manifest are replaced,
    not imported as this run's (before, 10 new pages gave 60 postings: 50 were the
    earlier run's)."""
    from reviewer.core.cluster import extract_to_parquet
    from reviewer.core.ingest import import_paths

    pages = write_pages(tmp_path / "pages")
    out = tmp_path / "shards"
    first = extract_to_parquet(pages[:30], out, partition_size=10, workers=2)
    assert len(first.shards) == 3 and first.replaced == 0
    second = extract_to_parquet(pages[30:35], out, partition_size=10, workers=2)
    assert second.replaced == 4  # three shards and the manifest
    assert sorted(p.name for p in out.iterdir()) == ["manifest.json", "part-00000.parquet"]
    with Store(tmp_path / "p.db", create=True) as store:
        imported = import_paths(store, [out])
        assert (imported.added, imported.skipped) == (5, [])


def test_an_import_keeps_to_the_shards_its_manifest_lists(tmp_path: Path) -> None:
    """A shard the folder's manifest does not list (put there by hand, or left by
    another run) is not imported, and said; a folder of shards without its manifest
    (the run stopped before its end) is imported and said to be perhaps incomplete."""
    import shutil

    from reviewer.core.cluster import extract_to_parquet
    from reviewer.core.ingest import import_paths

    pages = write_pages(tmp_path / "pages")
    out = tmp_path / "shards"
    extract_to_parquet(pages[:20], out, partition_size=10, workers=2)
    shutil.copy(out / "part-00001.parquet", out / "part-00007.parquet")
    with Store(tmp_path / "a.db", create=True) as store:
        imported = import_paths(store, [out])
    assert imported.added == 20
    unlisted = [("part-00007.parquet", "a shard the folder's manifest.json does not list "
                                       "(left by another run?): not imported")]
    assert [(Path(s.source).name, s.reason) for s in imported.skipped] == unlisted
    by_name = sorted(str(p) for p in out.iterdir())  # as a shell gives shards/*
    with Store(tmp_path / "n.db", create=True) as store:
        imported = import_paths(store, by_name)
    assert imported.added == 20
    assert [(Path(s.source).name, s.reason) for s in imported.skipped] == unlisted
    (out / "manifest.json").unlink()
    no_manifest = [(str(out), "no manifest.json beside its shards: the run that wrote them "
                              "may have stopped before its end, and what it did not write "
                              "is not known (the shards found are imported)")]
    for n, given in enumerate(([out], sorted(out.glob("*.parquet")))):
        with Store(tmp_path / f"b{n}.db", create=True) as store:
            imported = import_paths(store, given)
        assert imported.added == 20  # the copy is the same postings again
        assert [(s.source, s.reason) for s in imported.skipped] == no_manifest


def test_a_page_whose_name_is_not_unicode_is_in_the_manifest(tmp_path: Path) -> None:
    from reviewer.core.cluster import extract_to_parquet

    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "good.txt").write_text("Nurse\n\nCity Hospital, Leeds.\n", encoding="utf-8")
    odd = pages / "caf\udce9.txt"  # a file name that is not UTF-8
    odd.write_text("Welder\n\nNorth Yard, Hull.\n", encoding="utf-8")
    out = tmp_path / "shards"
    report = extract_to_parquet([str(pages)], out, workers=2)
    assert report.records == 2 and not report.failed
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["shards"][0]["inputs"] == [str(pages / "caf\\xe9.txt"),
                                               str(pages / "good.txt")]


def test_a_scheduler_that_does_not_answer_is_said_not_waited_for(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An address where something accepts the connection and never answers made the
    command wait for ever, and one of another kind ended in a traceback: each is said
    in a sentence, within the time to connect."""
    import socket
    import time

    from reviewer.core.cluster import SchedulerError, extract_to_parquet
    from reviewer.core.cluster import client as cluster_client

    monkeypatch.setattr(cluster_client, "CONNECT_WAIT", 2.0)
    page = tmp_path / "a.txt"
    page.write_text("Nurse\n\nCity Hospital, Leeds.\n", encoding="utf-8")
    earlier = tmp_path / "out"  # what an earlier run wrote stays when this one cannot start
    _earlier_run(page, earlier)
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        address = f"tcp://127.0.0.1:{silent.getsockname()[1]}"
        started = time.monotonic()
        with pytest.raises(SchedulerError, match="did not answer within 2 s"):
            extract_to_parquet([str(page)], tmp_path / "out", scheduler=address)
        assert time.monotonic() - started < 15
    with pytest.raises(SchedulerError, match="cannot reach the scheduler at http://"):
        extract_to_parquet([str(page)], tmp_path / "out", scheduler="http://127.0.0.1:1")
    assert sorted(p.name for p in earlier.iterdir()) == ["manifest.json", "part-00000.parquet"]


def _earlier_run(page: Path, out: Path) -> None:
    """A shard and a manifest in ``out`` as a run writes them (one partition run here)."""
    from reviewer.core.cluster import partitions, run_partition

    out.mkdir()
    run_partition(partitions([page], 10)[0][0], str(out), "2026-01-01T00:00:00+00:00")
    (out / "manifest.json").write_text(json.dumps({"posting_reviewer_shards": 1}))


def test_relative_paths_on_a_scheduler_whose_workers_run_elsewhere(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Inputs and the output folder given relative to where the command runs: a worker
    started in another folder looked for them there (every page "no such file"; the
    shards written in its folder, the manifest here, and the run said all was well)."""
    import shutil

    import distributed

    from reviewer.core.cluster import extract_to_parquet

    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "a.txt").write_text("Nurse\n\nCity Hospital, Leeds.\n")
    elsewhere = tmp_path / "worker"
    elsewhere.mkdir()
    with distributed.LocalCluster(n_workers=0, dashboard_address=None) as cluster:
        dask = shutil.which("dask", path=str(Path(sys.executable).parent))
        assert dask is not None
        worker = subprocess.Popen(
            [dask, "worker", cluster.scheduler_address, "--nthreads", "1", "--no-dashboard"],
            cwd=elsewhere, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            monkeypatch.chdir(tmp_path)
            report = extract_to_parquet(["pages"], "out", scheduler=cluster.scheduler_address)
        finally:
            worker.terminate()
            worker.wait(30)
    assert (report.records, report.skipped, report.failed) == (1, [], [])
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "manifest.json", "part-00000.parquet"]
    assert not (elsewhere / "out").exists()


def test_an_output_folder_written_as_a_file_url(tmp_path: Path) -> None:
    """``--to-parquet file:///abs/dir``: every partition failed, and a folder named
    "file:" was made where the command ran."""
    from reviewer.core.cluster import extract_to_parquet

    page = tmp_path / "a.txt"
    page.write_text("Nurse\n\nCity Hospital, Leeds.\n", encoding="utf-8")
    out = tmp_path / "shards"
    report = extract_to_parquet([str(page)], f"file://{out}", workers=1)
    assert (report.records, report.failed) == (1, [])
    assert sorted(p.name for p in out.iterdir()) == ["manifest.json", "part-00000.parquet"]
    assert not Path("file:").exists()


def test_jobs_given_is_the_local_cluster_s_size(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    """``--jobs 1`` made a cluster of 2 worker processes (1 was taken for "not given")."""
    import reviewer.core.cluster as cluster

    asked: list[int] = []

    def extract_to_parquet(*_args: Any, workers: int, **_kwargs: Any) -> Any:
        asked.append(workers)
        return cluster.ClusterReport(str(tmp_path / "out"), partitions=1)

    monkeypatch.setattr(cluster, "extract_to_parquet", extract_to_parquet)
    page = tmp_path / "a.txt"
    page.write_text("Nurse\n\nCity Hospital, Leeds.")
    for given in ([], ["--jobs", "1"], ["--jobs", "3"]):
        assert main(["extract", "--engine", "dask", "--to-parquet", str(tmp_path / "out"),
                     *given, str(page)]) == 0
    assert asked == [2, 1, 3]
    assert main(["extract", str(page)]) == 0  # (one process unless given)
    capsys.readouterr()


def test_a_failing_partition_is_said_once_not_with_dask_s_own_log(
        tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    """The command says each failed partition in a line; Dask's own error log of it (a
    traceback from the worker, "Compute Failed") was printed beside it."""
    pages = write_pages(tmp_path / "pages")[:20]
    out = tmp_path / "shards"
    (out / "part-00001.parquet").mkdir(parents=True)  # partition 1 cannot write its shard
    code = main(["extract", "--engine", "dask", "--to-parquet", str(out), "--partition-size",
                 "10", *map(str, pages)])
    err = capfd.readouterr().err
    assert code == 1
    assert "partition 1 failed" in err
    assert "Compute Failed" not in err and "Traceback" not in err


def test_a_data_file_s_page_column_can_be_named(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    """A CSV whose page column has a name of its own was skipped with "pass --column",
    which the command did not take: it does now, as an import does."""
    import csv

    data = tmp_path / "jobs.csv"
    with data.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["jd", "job title"])
        writer.writerow(["Nurse\n\nCity Hospital, Leeds. Full-time.", "Nurse"])
        writer.writerow(["Welder\n\nNorth Yard, Hull. Part-time.", "Welder"])
    out_dir = tmp_path / "shards"
    assert main(["extract", "--engine", "dask", "--to-parquet", str(out_dir), "--jobs", "1",
                 str(data)]) == 1
    assert "pass --column" in capsys.readouterr().err
    assert main(["extract", "--engine", "dask", "--to-parquet", str(out_dir), "--jobs", "1",
                 "--column", "jd", str(data)]) == 0
    assert len(shard_records(out_dir)) == 2
    capsys.readouterr()
    assert main(["extract", "--column", "jd", str(data)]) == 2  # one page a file there
    assert "--column goes with --engine dask" in capsys.readouterr().err


def test_a_run_with_nothing_to_extract_says_so_and_leaves_the_folder(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A mistyped input: before, the run emptied the output folder of an earlier run's
    shards and wrote an empty manifest, and ended "0 records" with status 0."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    assert main(["extract", "--engine", "dask", "--to-parquet", str(out),
                 str(tmp_path / "mistyped.html")]) == 1
    err = capsys.readouterr().err
    assert "nothing to extract" in err and "left as it was" in err
    assert [p.name for p in out.iterdir()] == ["notes.txt"]


def test_an_extractor_with_dask_is_refused_with_a_way_that_works(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The refusal advised 'reviewer reextract DB --extractor' on the shards, which hold
    no page to read again: it ran the extractor on nothing and said so with status 0."""
    page = tmp_path / "p.txt"
    page.write_text("Data Engineer\n\nAcme Ltd is hiring in Leeds.\n", encoding="utf-8")
    assert main(["extract", "--engine", "dask", "--to-parquet", str(tmp_path / "out"),
                 "--extractor", "cat", str(page)]) == 2
    said = capsys.readouterr().err
    assert "reextract" not in said and "reviewer import DB" in said


def test_a_damaged_shard_is_said_with_the_records_it_held(tmp_path: Path) -> None:
    """A shard that could not be read was said with no count of what it held, and a
    shard rewritten with fewer rows than its manifest lists was imported in silence."""
    import pyarrow.parquet as pq

    from reviewer.core.cluster import extract_to_parquet
    from reviewer.core.ingest import import_paths

    pages = write_pages(tmp_path / "pages")
    out = tmp_path / "shards"
    extract_to_parquet(pages[:30], out, partition_size=10, workers=2)
    (out / "part-00001.parquet").write_bytes((out / "part-00001.parquet").read_bytes()[:500])
    short = out / "part-00002.parquet"
    table = pq.ParquetFile(short)
    pq.write_table(table.read().slice(0, 4), short, metadata_collector=None)
    with Store(tmp_path / "p.db", create=True) as store:
        imported = import_paths(store, [out])
    assert imported.added == 14
    said = {Path(s.source).name: s.reason for s in imported.skipped}
    assert "10 records" in said["part-00001.parquet"]
    assert "4 of the 10 records" in said["part-00002.parquet"]


def test_ctrl_c_stops_a_run_without_the_workers_tracebacks(tmp_path: Path) -> None:
    """A terminal's Ctrl+C goes to every process of the run: each worker printed a
    traceback of it (2 to 4 of them) above "reviewer: stopped"."""
    import os
    import signal
    import time

    data = tmp_path / "pages.jsonl"
    with data.open("w", encoding="utf-8") as out:
        for n in range(3000):
            text = f"Data Engineer {n}\n\n" + "Acme Ltd is hiring a data engineer in Leeds. " * 20
            out.write(json.dumps({"id": f"r{n}", "text": text}) + "\n")
    proc = subprocess.Popen(
        [sys.executable, "-m", "reviewer.cli", "extract", "--engine", "dask",
         "--partition-size", "50", "--to-parquet", str(tmp_path / "out"), str(data)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while not any((tmp_path / "out").glob("part-*.parquet")) \
                and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.2)  # the workers run once the first shard is written (on a busy
        os.killpg(proc.pid, signal.SIGINT)  # machine, seconds after the folder is made)
        _out, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == 130, err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err


def _descendants(pid: int) -> list[str]:
    """The command lines of the processes below ``pid`` (Linux's /proc)."""
    children: dict[int, list[int]] = {}
    lines: dict[int, str] = {}
    for entry in Path("/proc").iterdir():
        try:
            stat = (entry / "stat").read_text()
            lines[int(entry.name)] = (entry / "cmdline").read_bytes().replace(b"\0", b" ") \
                .decode(errors="replace")
        except (ValueError, OSError):
            continue
        parent = int(stat.rpartition(")")[2].split()[1])
        children.setdefault(parent, []).append(int(entry.name))
    out, todo = [], list(children.get(pid, []))
    while todo:
        child = todo.pop()
        out.append(lines.get(child, ""))
        todo += children.get(child, [])
    return out


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads Linux's /proc")
def test_ctrl_c_while_the_workers_start_prints_no_tracebacks(tmp_path: Path) -> None:
    """Ctrl+C while the cluster's worker processes were still starting: each printed a
    traceback of its import cut short, and the run one of the cluster it closed half made
    ("AssertionError: Status.init"), above "reviewer: stopped"."""
    import os
    import signal
    import time

    pages = write_pages(tmp_path / "pages")
    proc = subprocess.Popen(
        [sys.executable, "-m", "reviewer.cli", "extract", "--engine", "dask",
         "--to-parquet", str(tmp_path / "out"), *map(str, pages)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while not any("spawn_main" in line for line in _descendants(proc.pid)) \
                and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.01)
        assert proc.poll() is None, "the run ended before its workers started"
        os.killpg(proc.pid, signal.SIGINT)  # a worker is importing what it runs
        _out, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == 130, err
    assert "Traceback" not in err and "Error" not in err, err
    assert err.strip() == "reviewer: stopped"


def test_a_run_that_extracts_nothing_leaves_the_earlier_run_s_shards(tmp_path: Path) -> None:
    """A run whose every input turned out empty replaced the earlier run's shards with a
    manifest of nothing: "replaced what an earlier run left", and the shards were gone."""
    from reviewer.core.cluster import extract_to_parquet

    pages = write_pages(tmp_path / "pages")
    out = tmp_path / "shards"
    extract_to_parquet(pages[:12], out, partition_size=10, workers=2)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    (tmp_path / "empty.txt").write_bytes(b"")
    report = extract_to_parquet([tmp_path / "empty.txt"], out, partition_size=10, workers=2)
    assert report.records == 0 and report.replaced == 0
    assert [s.reason for s in report.skipped] == ["the file is empty"]
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


@pytest.mark.parametrize(("given", "said"), [
    (["--engine", "dask", "--partition-size", "0"], "1 page or more"),
    (["--engine", "dask", "--partition-size", "-1"], "1 page or more"),
    (["--partition-size", "50"], "--partition-size"),
])
def test_a_partition_size_that_cannot_be_is_refused(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], given: list[str],
        said: str) -> None:
    """0 and -1 were taken (8 records in 8 shards), and the option without --engine dask
    was ignored in silence."""
    page = tmp_path / "p.txt"
    page.write_text("Data Engineer\n\nAcme Ltd is hiring in Leeds.\n", encoding="utf-8")
    try:
        code = main(["extract", *given, "--to-parquet", str(tmp_path / "out"), str(page)]
                    if "--engine" in given else ["extract", *given, str(page)])
    except SystemExit as stop:  # (argparse refuses a value its type refuses)
        code = stop.code
    assert code == 2
    assert said in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_a_run_that_fails_before_writing_a_shard_puts_the_earlier_back(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The earlier run's shards, set aside while a run writes, were removed when the run
    failed or was stopped before it wrote any (a lost scheduler, Ctrl+C at once); a
    folder a killed run left set aside is cleared by the next run."""
    from reviewer.core.cluster import extract_to_parquet
    from reviewer.core.cluster import run as cluster_run

    pages = write_pages(tmp_path / "pages")
    out = tmp_path / "shards"
    extract_to_parquet(pages[:12], out, partition_size=10, workers=2)
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    def lost(*_args: object) -> Any:
        raise OSError("the scheduler went away")

    monkeypatch.setattr(cluster_run, "finished", lost)
    empty = tmp_path / "empty.txt"  # (no shard of it: the failure comes before any)
    empty.write_bytes(b"")
    with pytest.raises(OSError):
        extract_to_parquet([empty], out, partition_size=10, workers=2)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    monkeypatch.undo()
    (out / ".earlier-run-0badc0de").mkdir()  # as a killed run leaves it
    (out / ".earlier-run-0badc0de" / "part-00000.parquet").write_bytes(b"old")
    extract_to_parquet(pages[12:20], out, partition_size=10, workers=2)
    assert not (out / ".earlier-run-0badc0de").exists()


def test_the_output_a_killed_run_set_aside_is_put_back_by_the_next(tmp_path: Path) -> None:
    """A run killed on its way leaves the output before it set aside (hidden) and shards
    of its own: the next run removed the hidden folder at its start, and, failing at
    once, left only the killed run's shard."""
    import os

    from reviewer.core.cluster import earlier, extract_to_parquet

    pages = write_pages(tmp_path / "pages")
    out = tmp_path / "shards"
    extract_to_parquet(pages[:12], out, partition_size=10, workers=2)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    aside = out / ".earlier-run-deadbeef"  # as the killed run left it
    aside.mkdir()
    for name in before:
        os.replace(out / name, aside / name)
    (out / "part-00003.parquet").write_bytes(before["part-00000.parquet"])
    earlier.recover(str(out))
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
