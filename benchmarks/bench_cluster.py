"""Dask with two local workers against ``reviewer extract --jobs 2`` on the same pages, and
the import of the shards.

What it measures (and prints; it asserts nothing), each as wall-clock time of the command
as a subprocess, start-up included:

* ``reviewer extract --jobs 2 FILES...`` (JSONL to a file) over ``--pages`` page files
  made by repeating the dev corpora's pages with small changes (a line naming the copy,
  so every page is new to a project);
* ``reviewer extract --engine dask --jobs 2 --to-parquet OUT FOLDER`` over the same files
  (a ``LocalCluster`` of two processes started and stopped by the run), and the start-up
  of that alone (the same command over one page);
* ``reviewer import DB OUT`` of the shards into a new project (no pipeline run), as
  postings a second, and in-process ``import_paths`` of the same shards, split into
  reading and checking the records and storing them.

Inputs: ../shared/corpus/dev/*.jsonl next to the project (lines of {"raw", "format"}).
Needs the cluster extra: pip install -e '.[cluster]'.

    .venv/bin/python benchmarks/bench_cluster.py [--pages 10000] [--keep DIR] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "corpus" / "dev"
sys.path.insert(0, str(ROOT))


def make_pages(folder: Path, count: int) -> list[Path]:
    """``count`` page files: the dev pages over and over, each copy with a line of its own
    (after the body of an HTML page, at the end of a text page)."""
    rows = [json.loads(line) for corpus in sorted(DEV.glob("*.jsonl"))
            for line in corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
    folder.mkdir(parents=True)
    paths = []
    for number in range(count):
        row = rows[number % len(rows)]
        raw, html = row["raw"], row["format"] == "html"
        if number >= len(rows):
            note = f"Reference: copy {number // len(rows)} of {row['id']}"
            raw = (raw.replace("</body>", f"<p>{note}</p></body>", 1) if html
                   else f"{raw}\n\n{note}\n")
        path = folder / f"{number:06d}{'.html' if html else '.txt'}"
        path.write_bytes(raw.encode("utf-8", "surrogatepass"))
        paths.append(path)
    return paths


def timed(args: list[str], out: Path | None = None) -> tuple[float, str]:
    """Seconds the ``reviewer`` command took, and what it printed (stdout to ``out``
    when given)."""
    sink = out.open("w") if out else None
    started = time.perf_counter()
    try:
        done = subprocess.run([sys.executable, "-m", "reviewer.cli", *args],
                              stdout=sink or subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True, check=False, cwd=ROOT)
    finally:
        seconds = time.perf_counter() - started
        if sink:
            sink.close()
    if done.returncode != 0:
        print(f"  (exit {done.returncode}: {done.stderr.strip()[-300:]})")
    return seconds, done.stdout or ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    parser.add_argument("--json", type=Path, metavar="OUT", help="also write the figures here")
    args = parser.parse_args()
    if not DEV.is_dir():
        sys.exit(f"needs {DEV}")
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-cluster-"))
    if work.exists() and args.keep:
        shutil.rmtree(work)
    try:
        paths = make_pages(work / "pages", args.pages)
        print(f"{len(paths):,} pages ({sum(p.stat().st_size for p in paths) / 1e6:.0f} MB) "
              f"from {DEV}")
        local, _ = timed(["extract", "--jobs", "2", *map(str, paths)], work / "local.jsonl")
        print(f"reviewer extract --jobs 2:          {local:6.1f} s  "
              f"{len(paths) / local:7,.0f} pages/s")
        startup, _ = timed(["extract", "--engine", "dask", "--to-parquet",
                            str(work / "one"), str(paths[0])])
        dask, said = timed(["extract", "--engine", "dask", "--jobs", "2", "--to-parquet",
                            str(work / "shards"), str(work / "pages")])
        print(f"--engine dask, 2 local workers:     {dask:6.1f} s  "
              f"{len(paths) / dask:7,.0f} pages/s   ({said.strip()})")
        print(f"  of which the LocalCluster start-up and stop (one page): {startup:.1f} s; "
              f"net {len(paths) / max(dask - startup, 1e-9):,.0f} pages/s; "
              f"ratio dask / --jobs 2: {dask / local:.2f}")
        seconds, said = timed(["import", str(work / "p.db"), str(work / "shards")])
        print(f"reviewer import of the shards:      {seconds:6.1f} s  "
              f"{len(paths) / seconds:7,.0f} postings/s   ({said.strip()})")
        in_process(work)
        if args.json:
            args.json.write_text(json.dumps({
                "pages": len(paths), "extract --jobs 2 s": round(local, 1),
                "dask 2 workers s": round(dask, 1), "dask start-up s": round(startup, 1),
                "import shards postings/s": round(len(paths) / seconds)}, indent=2) + "\n",
                encoding="utf-8")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


def in_process(work: Path) -> None:
    from reviewer.core.ingest import import_paths, iter_inputs
    from reviewer.core.store import Store

    shards = work / "shards"
    started = time.perf_counter()
    count = sum(1 for _ in iter_inputs([shards]))
    reading = time.perf_counter() - started
    with Store(work / "q.db", create=True) as store:
        started = time.perf_counter()
        report = import_paths(store, [shards])
        seconds = time.perf_counter() - started
    print(f"import_paths in one process:        {seconds:6.1f} s  "
          f"{report.added / seconds:7,.0f} postings/s; reading and checking the "
          f"{count:,} records alone {reading:.1f} s ({count / reading:,.0f}/s)")


if __name__ == "__main__":
    main()
