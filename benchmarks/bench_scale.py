"""The speed figures of one machine and of a million postings, side by side, each against
its target (prints; asserts nothing).

Runs the other benchmarks, each in its own process with ``--json``, and the statistics
itself, then prints one table:

* ``bench_extract.py``: start-up of ``reviewer extract`` to its first record; clean +
  extract per HTML page in one process against trafilatura (the ratio); the command
  line per page (``--jobs 1``, net of start-up) against the same run in one process;
* ``bench_store.py``: ``reviewer import`` of 100,000 generated postings with
  ``--jobs 2`` (the pipeline run on each), and of records that carry their fields
  already (no pipeline run), as postings a second; ``reviewer reextract`` of that
  project with ``--jobs 2``;
* ``reviewer stats`` of the million-posting project (best of three);
* ``bench_export.py``: each export format of the million postings with ``--jobs 2``;
* ``bench_cluster.py``: ``--engine dask`` with two local workers against ``--jobs 2``
  on the same 10,000 pages;
* ``bench_window.py``: the window on the million postings (first posting, next p95).

The million-posting project is ``--million`` (default /tmp/bench-window.db); it is
built by ``bench_window.py`` when missing (about 7 GB, several minutes). ``--skip``
leaves parts out (``--skip cluster,window``). About 20 minutes in all on 2 cores.

    .venv/bin/python benchmarks/bench_scale.py [--million PATH] [--skip PARTS] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
PARTS = ("extract", "import", "stats", "export", "cluster", "window")


def run_bench(script: str, *args: str) -> dict[str, Any]:
    """Run ``script`` with ``args`` and ``--json``; its figures (empty when it failed)."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "figures.json"
        print(f"\n$ {script} {' '.join(args)}", flush=True)
        done = subprocess.run([sys.executable, str(HERE / script), *args, "--json", str(out)],
                              check=False)
        if done.returncode != 0 or not out.exists():
            print(f"  ({script} failed: exit {done.returncode})")
            return {}
        figures: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
        return figures


def stats_seconds(db: Path, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "reviewer.cli", "stats", str(db)],
                       stdout=subprocess.DEVNULL, check=True)
        best = min(best, time.perf_counter() - started)
    return best


def dig(figures: dict[str, Any], *keys: str) -> Any:
    for key in keys:
        if not isinstance(figures, dict) or key not in figures:
            return None
        figures = figures[key]
    return figures


Row = tuple[str, Any, str, str, "bool | None"]  # figure, value, unit, target, met


def rows_of(found: dict[str, dict[str, Any]]) -> list[Row]:
    """(figure, value, unit, target, met) for every figure measured."""
    ext, store, exp = found.get("extract", {}), found.get("import", {}), found.get("export", {})
    cluster, window = found.get("cluster", {}), found.get("window", {})
    procs = dig(ext, "processes") or {}
    html = next((v["best_ms"] for k, v in (dig(ext, "in_process_ms_per_posting") or {}).items()
                 if k.startswith("ours clean+extract, HTML")), None)
    cli = dig(procs, "jobs1", "net_of_startup", "best_ms")
    startup = dig(procs, "startup_ms", "best_ms")
    ratio = dig(ext, "ratio_ours_over_trafilatura", "best_ms")
    rows: list[Row] = [
        ("start-up to the first record", startup, "ms", "<= 150",
         None if startup is None else startup <= 150),
        ("clean + extract an HTML page, one process", html, "ms", "", None),
        ("ours / trafilatura", ratio, "", "<= 0.25", None if ratio is None else ratio <= 0.25),
        ("command line / one process (--jobs 1)", cli / html if cli and html else None, "x",
         "<= 1.3", cli / html <= 1.3 if cli and html else None),
    ]
    for key, fig in store.items():
        if not key.startswith("import") or "postings_per_s" not in fig:
            continue
        if "--jobs 2" in key:
            rows.append((key + " (pipeline)", fig["seconds"], "s", "<= 60",
                         fig["seconds"] <= 60 if "100,000" in key else None))
        elif "--jobs" not in key:
            rows.append((key + " (no pipeline)", fig["postings_per_s"], "postings/s",
                         ">= 20,000", fig["postings_per_s"] >= 20_000))
    rows += [(key, fig["seconds"], "s", "", None) for key, fig in store.items()
             if key.startswith("reextract")]
    if "stats" in found:
        seconds = found["stats"]["seconds"]
        rows.append(("reviewer stats, 1,000,000 postings", seconds, "s", "<= 1", seconds <= 1))
    for key, fig in exp.items():
        rows.append((f"export {key}, 1,000,000 postings", fig["seconds"], "s", "<= 60",
                     fig["seconds"] <= 60 if "--jobs 2" in key else None))
    if cluster:
        rows += [("extract --jobs 2, 10,000 pages", cluster.get("extract --jobs 2 s"), "s", "",
                  None),
                 ("extract --engine dask, 2 local workers", cluster.get("dask 2 workers s"), "s",
                  "", None),
                 ("import of the Parquet shards", cluster.get("import shards postings/s"),
                  "postings/s", ">= 20,000", cluster.get("import shards postings/s", 0) >= 20_000)]
    if window:
        first, step = window.get("first posting ms"), window.get("next posting p95 ms")
        rows += [("window: first posting, 1,000,000", first, "ms", "<= 1000",
                  None if first is None else first <= 1000),
                 ("window: next posting p95", step, "ms", "<= 50",
                  None if step is None else step <= 50)]
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--million", type=Path, default=Path("/tmp/bench-window.db"))
    parser.add_argument("--skip", default="", help=f"parts to leave out: {', '.join(PARTS)}")
    parser.add_argument("--json", type=Path, metavar="OUT", help="also write the figures here")
    args = parser.parse_args()
    skip = {part.strip() for part in args.skip.split(",") if part.strip()}
    if skip - set(PARTS):
        parser.error(f"unknown parts: {', '.join(sorted(skip - set(PARTS)))}")
    found: dict[str, dict[str, Any]] = {}
    if "extract" not in skip:
        found["extract"] = run_bench("bench_extract.py", "--scale", "3")
    if "import" not in skip:
        found["import"] = run_bench("bench_store.py", "--sizes", "100000", "--jobs", "2",
                                    "--repeat", "1")
    needs_million = {"stats", "export", "window"} - skip
    if needs_million and not args.million.exists():
        subprocess.run([sys.executable, str(HERE / "bench_window.py"), "--db",
                        str(args.million), "--build-only"], check=True)
    if "stats" not in skip:
        found["stats"] = {"seconds": round(stats_seconds(args.million), 2)}
    if "export" not in skip:
        found["export"] = run_bench("bench_export.py", "--db", str(args.million),
                                    "--jobs", "2", "--repeat", "1")
    if "cluster" not in skip:
        found["cluster"] = run_bench("bench_cluster.py", "--pages", "10000")
    if "window" not in skip:
        found["window"] = run_bench("bench_window.py", "--db", str(args.million))

    print(f"\n{'figure':<44} {'measured':>14}  {'target':<12} met")
    for name, value, unit, target, met in rows_of(found):
        if value is None:
            print(f"{name:<44} {'-':>14}  {target:<12} not measured")
            continue
        shown = f"{value:,.2f}" if value < 100 else f"{value:,.0f}"
        verdict = "" if met is None else "yes" if met else "NO"
        print(f"{name:<44} {shown + ' ' + unit:>14}  {target:<12} {verdict}")
    if args.json:
        args.json.write_text(json.dumps(found, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
