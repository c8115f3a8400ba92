"""Import and export throughput of a project, printed as figures (asserts nothing).

Generates postings (benchmarks/synthetic.py: a third HTML pages, the rest text dumps,
3-4 kB each) into a JSONL file, then times, as a user runs them:

- ``reviewer import`` of 10,000 and 100,000 postings with ``--jobs 1`` and ``--jobs 2``
  (postings/s, wall-clock seconds, the project's size per 1,000 postings);
- ``reviewer export --all --format jsonl`` of the 100,000-posting project;
- ``reviewer reextract`` of that project with each ``--jobs`` (the pipeline run again on
  every stored page; nothing changes, so it is the pipeline and the comparison);
- ``reviewer import`` of postings that carry their cleaning and fields already, which
  runs no pipeline: that canonical JSONL export, and the same records as Parquet shards
  (the table ``reviewer extract --engine dask --to-parquet`` writes, 5,000 records a
  shard, numbered by no project), each into a new project with each ``--jobs``
  (postings/s);
- the peak memory of any reviewer process.

Every import is run ``--repeat`` times: the best and the median are printed (a shared
machine is noisy; compare the two). Targets: 100,000 postings imported in under 60 s with
``--jobs 2`` on 2 cores; exported to JSONL in under 10 s; records that need no pipeline
imported at 20,000 postings/s or more. Run:
``.venv/bin/python benchmarks/bench_store.py [--sizes 10000,100000] [--repeat 3]``.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from synthetic import postings

ROOT = Path(__file__).resolve().parents[1]
SHARD_RECORDS = 5000


def run(args: list[str]) -> float:
    """Seconds of one reviewer command."""
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "reviewer.cli", *args],
                          capture_output=True, text=True, cwd=ROOT)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"reviewer {' '.join(args[:2])} failed: {proc.stderr[-1000:]}")
    return seconds


def project_size(db: Path) -> int:
    """Bytes of a project file and the files beside it (-wal, -shm)."""
    return db.stat().st_size + sum(p.stat().st_size for p in db.parent.glob(f"{db.name}-*"))


def timed_import(db: Path, inputs: list[str], repeat: int,
                 options: tuple[str, ...] = ()) -> list[float]:
    """Seconds of ``reviewer import`` into a new project, ``repeat`` times; the project
    of the last run is kept."""
    times = []
    for _ in range(repeat):
        for old in [db, *db.parent.glob(f"{db.name}-*")]:
            old.unlink(missing_ok=True)
        times.append(run(["import", str(db), *inputs, *options]))
    return times


def figure(count: int, times: list[float]) -> dict[str, float]:
    best, median = min(times), statistics.median(times)
    return {"seconds": round(best, 2), "seconds_median": round(median, 2),
            "postings_per_s": round(count / best), "postings_per_s_median": round(count / median)}


def said(key: str, fig: dict[str, float]) -> str:
    return (f"  {key}: {fig['seconds']:.1f} s, {fig['postings_per_s']:,.0f} postings/s "
            f"(median {fig['seconds_median']:.1f} s, {fig['postings_per_s_median']:,.0f}/s)")


def write_shards(export: Path, folder: Path) -> int:
    """The records of a canonical JSONL export as Parquet shards, numbered by no project,
    as ``reviewer extract --to-parquet`` writes them; how many records."""
    from reviewer.core.cluster.run import write_shard

    count, batch, number = 0, [], 0
    with export.open("rb") as lines:
        for line in lines:
            record = json.loads(line)
            record["id"] = None
            batch.append(record)
            if len(batch) == SHARD_RECORDS:
                write_shard(batch, str(folder), f"part-{number:05d}.parquet")
                count, batch, number = count + len(batch), [], number + 1
    if batch:
        write_shard(batch, str(folder), f"part-{number:05d}.parquet")
        count += len(batch)
    return count


def reextracted(db: Path, size: int, jobs_list: list[int],
                figures: dict[str, dict[str, float]]) -> None:
    """``reviewer reextract`` of the project with each ``--jobs``, each on a copy of it."""
    for jobs in jobs_list:
        copy = db.with_name(f"reextract-{jobs}.db")
        shutil.copyfile(db, copy)
        seconds = run(["reextract", str(copy), "--jobs", str(jobs)])
        key = f"reextract {size:,} (jobs {jobs})"
        figures[key] = {"seconds": round(seconds, 1), "postings_per_s": round(size / seconds)}
        print(f"  {key}: {seconds:.1f} s, {size / seconds:,.0f} postings/s", flush=True)
        copy.unlink()


def pre_extracted(tmp: Path, export: Path, size: int, repeat: int, jobs_list: list[int],
                  figures: dict[str, dict[str, float]]) -> None:
    """Imports that run no pipeline, with each ``--jobs``: the canonical JSONL export, and
    its Parquet shards."""
    try:
        count = write_shards(export, tmp / "shards")
    except ImportError:
        print("  Parquet shards: skipped, needs pyarrow (pip install -e '.[parquet]')")
        count = 0
    for jobs in jobs_list:
        options = ("--jobs", str(jobs))
        fig = figure(size, timed_import(tmp / "records-jsonl.db", [str(export)], repeat,
                                        options))
        figures[f"import {size:,} canonical JSONL (jobs {jobs})"] = fig
        print(said(f"import {size:,} canonical JSONL (no pipeline), jobs {jobs}", fig),
              flush=True)
        if not count:
            continue
        fig = figure(count, timed_import(tmp / "records-parquet.db", [str(tmp / "shards")],
                                         repeat, options))
        figures[f"import {count:,} Parquet shards (jobs {jobs})"] = fig
        print(said(f"import {count:,} records in Parquet shards (no pipeline), jobs {jobs}",
                   fig), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--jobs", default="1,2")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each import (best "
                                                              "and median printed)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    jobs_list = [int(j) for j in args.jobs.split(",")]
    figures: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        for size in sizes:
            data = tmp / f"postings-{size}.jsonl"
            with data.open("w", encoding="utf-8") as out:
                for obj in postings(size):
                    out.write(json.dumps(obj) + "\n")
            mb = data.stat().st_size / 1e6
            print(f"{size:,} generated postings, {mb:.0f} MB of JSONL", flush=True)
            for jobs in jobs_list:
                db = tmp / f"p-{size}-{jobs}.db"
                key = f"import {size:,} --jobs {jobs}"
                fig = figures[key] = figure(size, timed_import(
                    db, [str(data)], args.repeat, ("--jobs", str(jobs))))
                fig["kb_per_1000_postings"] = round(project_size(db) / 1024 / size * 1000)
                print(said(key, fig) + f", {fig['kb_per_1000_postings'] / 1024:.1f} MB per "
                      "1,000 postings", flush=True)
            if size == max(sizes):
                db = tmp / f"p-{size}-{jobs_list[-1]}.db"
                export = tmp / "export.jsonl"
                seconds = run(["export", str(db), "--all", "--format", "jsonl",
                               "-o", str(export)])
                figures[f"export {size:,} jsonl"] = {
                    "seconds": round(seconds, 1), "postings_per_s": round(size / seconds)}
                print(f"  export {size:,} to JSONL: {seconds:.1f} s, "
                      f"{size / seconds:,.0f} postings/s", flush=True)
                reextracted(db, size, jobs_list, figures)
                pre_extracted(tmp, export, size, args.repeat, jobs_list, figures)
    print(f"\npeak memory of any reviewer process: "
          f"{resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024:.0f} MB")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n")


if __name__ == "__main__":
    main()
