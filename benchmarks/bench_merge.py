"""Split and merge of reviewers' files, printed as figures (asserts nothing).

Builds a project of generated postings (benchmarks/synthetic.py pages, 3-4 kB each, with
machine values written straight into the store: no extraction), splits it among three
reviewers with an overlap of 0.1 (about 10,000 postings a file from the default 27,300),
simulates each reviewer's work in bulk through the store (statuses, label answers,
accepted and corrected fields as ``store.bulk`` edits; spans, comments and review time
through the parts' own calls; each reviewer differs from the others on a few per cent),
then times, as a user runs it:

- ``reviewer merge OUT A.db B.db C.db`` into a new project (seconds, postings/s, peak
  memory of the process, its VmHWM; beside it the peak of ``reviewer stats`` on one file);
- the same merge again (nothing changes: the idempotent pass reads everything again).

Run: ``.venv/bin/python benchmarks/bench_merge.py [--postings 27300] [--keep DIR]``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import postings

from reviewer.core.store import BulkEdit, NewPosting, Store
from reviewer.core.team import split_project

NAMES = ["ana", "ben", "chen"]
_TAGS = re.compile(r"<[^>]+>")


def build(path: Path, count: int) -> None:
    """A project of ``count`` generated postings with machine values."""
    with Store(path, reviewer="lead") as store:
        batch = []
        for i, page in enumerate(postings(count, seed=11)):
            raw = page.get("html") or page["text"]
            text = _TAGS.sub(" ", raw) if "html" in page else raw
            batch.append(NewPosting(
                source=f"gen/{i}.{'html' if 'html' in page else 'txt'}",
                hash=hashlib.sha256(raw.encode()).hexdigest(), kind="html" if "html" in page
                else "text", raw=raw, cleaned=text,
                fields={"title": f"Data Engineer {i % 50}", "company": f"Acme {i % 30}",
                        "skills": ["Python", "SQL"]},
                evidence={"title": [[0, 10]]}, confidence={"title": 0.8, "company": 0.6,
                                                           "skills": 0.7},
                stages={"title": "structure", "company": "prose", "skills": "patterns"}))
            if len(batch) == 2000:
                store.postings.add(batch)
                batch = []
        store.postings.add(batch)


def work(path: Path, name: str, seed: int) -> int:
    """One reviewer's work on their file, in bulk; how many postings they reviewed."""
    rng = random.Random(seed)
    with Store(path, reviewer=name) as store:
        ids = list(store.queue.ids())
        done = [pid for pid in ids if rng.random() < 0.9]
        odd = {pid for pid in done if rng.random() < 0.05}  # where this reviewer differs
        store.bulk.apply(BulkEdit("status", value="reviewed"), done)
        store.bulk.apply(BulkEdit("label", "relevant", ["yes"]),
                         [p for p in done if p not in odd])
        store.bulk.apply(BulkEdit("label", "relevant", ["no"]), sorted(odd))
        store.bulk.apply(BulkEdit("accept", "title"), [p for p in done if p not in odd])
        store.bulk.apply(BulkEdit("field", "title", f"Engineer ({name})"), sorted(odd))
        store.bulk.apply(BulkEdit("accept", "company"), done)
        with store.atomic():
            for pid in done[::5]:
                store.spans.add(pid, 0, 4, "SKILL")
            for pid in done[::50]:
                store.postings.set_comment(pid, f"{name}: check the salary")
            for pid in done[::3]:
                store.timing.add(pid, rng.uniform(20, 120))
    return len(done)


# runs a command and says its peak memory (kB). VmHWM, not getrusage: a child's ru_maxrss
# starts from its parent's peak at the fork (Linux), and this parent is large by then
_PROBE = """import resource, sys
from reviewer.cli import main
try:
    code = main(sys.argv[1:])
finally:
    try:
        with open("/proc/self/status") as status:
            peak = next(int(l.split()[1]) for l in status if l.startswith("VmHWM"))
    except (OSError, StopIteration):
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"peak-kb {peak}", file=sys.stderr)
sys.exit(code)
"""


def run(args: list[str]) -> tuple[float, float, str]:
    """Seconds, peak memory (MB) and output of one command, in a process of its own."""
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", _PROBE, *args], capture_output=True,
                          text=True)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"reviewer {args[0]} failed: {proc.stderr[-1000:]}")
    peak = int(proc.stderr.rsplit("peak-kb ", 1)[1].split()[0])
    return seconds, peak / 1024, proc.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--postings", type=int, default=27_300)
    parser.add_argument("--keep", type=Path, help="work in this folder and keep the files")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = args.keep or Path(tmp_name)
        tmp.mkdir(parents=True, exist_ok=True)
        source = tmp / "project.db"
        for old in [source, tmp / "merged.db", *tmp.glob("team/*")]:
            old.unlink(missing_ok=True)
        start = time.perf_counter()
        build(source, args.postings)
        print(f"{args.postings:,} generated postings: {time.perf_counter() - start:.1f} s",
              flush=True)
        start = time.perf_counter()
        with Store(source) as store:
            report = split_project(store, NAMES, tmp / "team", overlap=0.1, force=True)
        split_seconds = time.perf_counter() - start
        print(f"split: {split_seconds:.1f} s; " + "; ".join(report.describe()[1:4]).replace(
            "  ", ""), flush=True)
        start = time.perf_counter()
        reviewed = sum(work(report.files[n], n, seed) for seed, n in enumerate(NAMES))
        print(f"simulated work: {reviewed:,} postings reviewed in 3 files, "
              f"{time.perf_counter() - start:.1f} s", flush=True)
        _s, baseline, _out = run(["stats", str(report.files["ana"])])
        files = [str(report.files[n]) for n in NAMES]
        size = sum(len(_ids(report.files[n])) for n in NAMES)
        merged = tmp / "merged.db"
        seconds, peak, out = run(["merge", str(merged), *files])
        print(out, end="")
        print(f"merge of 3 files, {size:,} postings: {seconds:.1f} s, "
              f"{size / seconds:,.0f} postings/s, peak memory {peak:.0f} MB (a process "
              f"that opens a file and counts: {baseline:.0f} MB)", flush=True)
        again, _peak, _out = run(["merge", str(merged), *files])
        print(f"the same merge again (changes nothing): {again:.1f} s", flush=True)
        figures = {"postings": args.postings, "file_postings": size,
                   "split_seconds": round(split_seconds, 1), "merge_seconds": round(seconds, 1),
                   "merge_peak_mb": round(peak), "start_peak_mb": round(baseline),
                   "merge_again_seconds": round(again, 1)}
        if args.json:
            args.json.write_text(json.dumps(figures, indent=2) + "\n")


def _ids(path: Path) -> list[int]:
    with Store(path) as store:
        return list(store.queue.ids())


if __name__ == "__main__":
    main()
