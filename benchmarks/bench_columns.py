"""Import throughput of a CSV whose columns hold fields besides the page (asserts nothing).

Writes generated postings (``synthetic.py``) as a CSV with the columns a job-board
dataset has: ``Job Title, Company Name, Location, Job Type, Date Posted, Job
Description``, the title, company and place read back from each page, the job type in
machine form (``FULL_TIME``) and the date as epoch milliseconds. Then times, as a user
runs it, ``reviewer import DB data.csv --column "Job Description"`` (postings/s,
wall-clock seconds), and reading the file alone in this process (rows/s of
``iter_inputs``, the part of an import that column mapping adds to).

Run: ``.venv/bin/python benchmarks/bench_columns.py [--size 10000] [--jobs 1,2]``.
"""

from __future__ import annotations

import argparse
import csv
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from synthetic import postings

HEADER = ["Job Title", "Company Name", "Location", "Job Type", "Date Posted", "Job Description"]


def rows(size: int) -> list[list[str]]:
    out = []
    for i, obj in enumerate(postings(size)):
        page = obj.get("html") or obj["text"]
        if "html" in obj:
            title = re.search(r"<h1>(.*?)</h1>", page).group(1)  # type: ignore[union-attr]
            city = re.search(r"</h1><p>(.*?) · ", page).group(1)  # type: ignore[union-attr]
        else:
            lines = page.split("\n")
            title, city = lines[6], lines[7].split(" | ")[0]
        company = re.search(r"© 2025 (.*?)\. All rights", page).group(1)  # type: ignore[union-attr]
        posted = str(1_714_521_600_000 + i * 3_600_000)  # epoch ms, an hour apart
        out.append([title, company, city, "FULL_TIME", posted, page])
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--jobs", default="1,2")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        data = tmp / "postings.csv"
        with data.open("w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(HEADER)
            writer.writerows(rows(args.size))
        print(f"{args.size:,} generated postings, {data.stat().st_size / 1e6:.0f} MB of CSV")
        from reviewer.core.ingest import iter_inputs

        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            count = sum(1 for _ in iter_inputs([data], "Job Description"))
            best = min(best, time.perf_counter() - start)
        print(f"  reading alone: {best:.2f} s, {count / best:,.0f} rows/s")
        for jobs in (int(j) for j in args.jobs.split(",")):
            db = tmp / f"p{jobs}.db"
            start = time.perf_counter()
            proc = subprocess.run([sys.executable, "-m", "reviewer.cli", "import", str(db),
                                   str(data), "--column", "Job Description", "--jobs",
                                   str(jobs)], capture_output=True, text=True)
            seconds = time.perf_counter() - start
            if proc.returncode != 0:
                sys.exit(f"reviewer import failed: {proc.stderr[-1000:]}")
            print(f"  import --jobs {jobs}: {seconds:.1f} s, {args.size / seconds:,.0f} "
                  f"postings/s")


if __name__ == "__main__":
    main()
