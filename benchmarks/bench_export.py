"""Whole-project export throughput, printed as figures (asserts nothing).

Times ``reviewer export DB --all --format F --jobs J`` as a user runs it, in a fresh
process each time, for F in jsonl, csv and parquet and J in 2 and 1 (one process, for
reference): wall-clock seconds, postings a second, CPU seconds of the command and its
workers, and the size of the file. Each file is deleted once timed (a million postings
make about 6 GB of JSONL, 2.5 GB of CSV and 60 MB of Parquet).

The project is only read. One made by an older version would be migrated (written)
when opened, so it is refused. Default: ``/tmp/bench/m8.db`` (a million postings, built
by ``bench_window.py``) when it exists.

Target: 1,000,000 postings in 60 s or less with ``--jobs 2`` on 2 cores, in each format.
Timings on a shared machine are noisy: ``--repeat N`` prints the best of N runs.
Run: ``.venv/bin/python benchmarks/bench_export.py [--db PATH] [--formats jsonl,csv]
[--jobs 2,1] [--repeat 3] [--json FILE]``.
"""

from __future__ import annotations

import argparse
import json
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

DEFAULT_DB = Path("/tmp/bench/m8.db")


def project_size(db: Path) -> int:
    """How many postings the project at ``db`` has; exits if opening it would write to it
    (a project of an older version is migrated when opened)."""
    from reviewer.core.store import SCHEMA_VERSION, Store

    with sqlite3.connect(f"{db.absolute().as_uri()}?mode=ro", uri=True) as conn:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version != SCHEMA_VERSION:
        sys.exit(f"{db} is a project of version {version}, this app's is {SCHEMA_VERSION}: "
                 "opening it would migrate it. Pass a project of this version.")
    with Store(db, create=False) as store:
        return store.queue.count(None)


def run_export(db: Path, fmt: str, jobs: int, out: Path) -> tuple[float, float, int]:
    """Seconds, CPU seconds (the command and its workers) and bytes of one export."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "reviewer.cli", "export", str(db), "--all",
                           "--format", fmt, "-o", str(out), "--jobs", str(jobs)],
                          capture_output=True, text=True)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        sys.exit(f"reviewer export --format {fmt} failed: {proc.stderr[-1000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    size = out.stat().st_size
    out.unlink()
    return seconds, cpu, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, default=DEFAULT_DB if DEFAULT_DB.exists() else None)
    parser.add_argument("--formats", default="jsonl,csv,parquet")
    parser.add_argument("--jobs", default="2,1")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each; the best is shown")
    parser.add_argument("--out-dir", type=Path, help="where the files go (default: a new "
                        "temporary folder)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    if args.db is None or not args.db.exists():
        sys.exit(f"no project: pass --db (or build {DEFAULT_DB} with bench_window.py)")
    postings = project_size(args.db)
    print(f"{args.db}: {postings:,} postings; best of {args.repeat} run(s) each", flush=True)
    figures: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory(dir=args.out_dir) as tmp:
        for fmt in args.formats.split(","):
            for jobs in (int(j) for j in args.jobs.split(",")):
                runs = [run_export(args.db, fmt, jobs, Path(tmp) / f"export.{fmt}")
                        for _ in range(args.repeat)]
                seconds, cpu, size = min(runs)
                key = f"{fmt} --jobs {jobs}"
                figures[key] = {"seconds": round(seconds, 1), "postings_per_s": round(
                    postings / seconds), "cpu_seconds": round(cpu, 1), "bytes": size,
                    "all_seconds": [round(r[0], 1) for r in runs]}
                print(f"{key:18s} {seconds:7.1f} s  {postings / seconds:9,.0f} postings/s  "
                      f"cpu {cpu:6.1f} s  {size / 1e9:6.2f} GB  "
                      f"(runs: {', '.join(f'{r[0]:.1f}' for r in runs)})", flush=True)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
