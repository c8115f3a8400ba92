"""Import and export throughput of a project, printed as figures (asserts nothing).

Generates postings (benchmarks/synthetic.py: a third HTML pages, the rest text dumps,
3-4 kB each) into a JSONL file, then times, as a user runs them:

- ``reviewer import`` of 10,000 and 100,000 postings with ``--jobs 1`` and ``--jobs 2``
  (postings/s, wall-clock seconds, peak memory of the process);
- ``reviewer export --all --format jsonl`` of the 100,000-posting project;
- the project's size per 1,000 postings.

Targets: 100,000 postings imported in under 2 minutes on 2 cores; exported to JSONL in
under 10 s. Run: ``.venv/bin/python benchmarks/bench_store.py [--sizes 10000,100000]``.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import postings


def run(args: list[str]) -> tuple[float, float]:
    """Seconds and peak memory (MB) of one reviewer command."""
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "reviewer.cli", *args],
                          capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"reviewer {' '.join(args[:2])} failed: {proc.stderr[-1000:]}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, peak / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--jobs", default="1,2")
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
                seconds, peak = run(["import", str(db), str(data), "--jobs", str(jobs)])
                key = f"import {size:,} --jobs {jobs}"
                figures[key] = {"seconds": round(seconds, 1),
                                "postings_per_s": round(size / seconds),
                                "peak_mb_children": round(peak)}
                size_kb = (db.stat().st_size + sum(
                    p.stat().st_size for p in tmp.glob(f"{db.name}-*"))) / 1024
                figures[key]["kb_per_1000_postings"] = round(size_kb / size * 1000)
                print(f"  {key}: {seconds:.1f} s, {size / seconds:,.0f} postings/s, "
                      f"{size_kb / size * 1000 / 1024:.1f} MB per 1,000 postings", flush=True)
            if size == max(sizes):
                db = tmp / f"p-{size}-{jobs_list[-1]}.db"
                out_file = tmp / "export.jsonl"
                seconds, peak = run(["export", str(db), "--all", "--format", "jsonl",
                                     "-o", str(out_file)])
                figures[f"export {size:,} jsonl"] = {
                    "seconds": round(seconds, 1), "postings_per_s": round(size / seconds)}
                print(f"  export {size:,} to JSONL: {seconds:.1f} s, "
                      f"{size / seconds:,.0f} postings/s", flush=True)
    print(f"\npeak memory of any reviewer process: "
          f"{resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024:.0f} MB")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n")


if __name__ == "__main__":
    main()
