"""Speed of cleaning + extraction, next to trafilatura and readability, in and out of process.

What it measures (and prints; it asserts nothing):

* in one process, after a warm-up pass (the first call loads lookup tables), ms per posting of
  ``reviewer.core.pipeline.process`` (clean + extract) for the HTML pages and for the text
  pages, and of ``reviewer.core.clean.clean`` alone for the HTML pages;
* on the same HTML pages, ms per page of ``trafilatura.extract(raw)`` (default options) and
  ``readability.Document(raw).summary()``, and the ratio ours / trafilatura, which the project
  wants at most 0.25 (``TARGET_RATIO``);
* the ``reviewer extract --format jsonl`` command as subprocesses with ``--jobs 1`` and
  ``--jobs 2`` over the corpus repeated ``--scale`` times (one file per posting), as wall-clock
  ms per posting including start-up, and the start-up alone (one tiny file), so the
  per-posting cost can also be read net of start-up.

Every figure is the best and the median of ``--repeat`` runs (time.perf_counter).

Inputs: ../shared/corpus/{dev/pythonjobs.jsonl, dev/careercenter.jsonl, seeds.jsonl} next to
the project, or the JSONL files given with ``--corpus`` (lines of {"raw": ..., "format":
"html"|"text"}); without either, the bundled samples in reviewer/resources/samples/.

Run from the project root:

    .venv/bin/python benchmarks/bench_extract.py [--repeat 3] [--scale 10] [--json OUT]

trafilatura and readability-lxml are the optional ``bench`` extra: pip install -e '.[bench]'.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
TARGET_RATIO = 0.25  # our clean + extract at most a quarter of trafilatura's time
DEFAULT_CORPORA = [SHARED / "corpus" / "dev" / "pythonjobs.jsonl",
                   SHARED / "corpus" / "dev" / "careercenter.jsonl",
                   SHARED / "corpus" / "seeds.jsonl"]
INSTALL_HINT = "pip install -e '.[bench]'"

sys.path.insert(0, str(ROOT))  # run from a checkout without installing

from reviewer.core.clean import clean, detect_kind  # noqa: E402
from reviewer.core.ingest import read_file  # noqa: E402
from reviewer.core.pipeline import process  # noqa: E402

Posting = tuple[str, str]  # (raw, "html" | "text")


def load_postings(corpora: list[Path] | None) -> tuple[list[Posting], str]:
    """The postings to time and a line saying where they came from."""
    paths = corpora or [p for p in DEFAULT_CORPORA if p.is_file()]
    if paths:
        postings = []
        for path in paths:
            with path.open(encoding="utf-8") as fh:
                rows = [json.loads(line) for line in fh if line.strip()]
            postings += [(r["raw"], "html" if r["format"] == "html" else "text") for r in rows]
        return postings, "corpora: " + ", ".join(str(p) for p in paths)
    folder = ROOT / "reviewer" / "resources" / "samples"
    samples = sorted(p for p in folder.iterdir() if p.is_file())
    postings = []
    for path in samples:
        text = read_file(path)
        postings.append((text, detect_kind(text, path.name)))
    return postings, (f"{SHARED / 'corpus'} not found: using the {len(samples)} bundled "
                      "samples in reviewer/resources/samples/ (figures are only indicative)")


def timed_runs(fn: Callable[[], object], repeat: int) -> list[float]:
    """Seconds taken by each of ``repeat`` calls of ``fn``."""
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return runs


def per_item(runs: list[float], count: int) -> dict[str, float]:
    """Best and median of the runs, as ms per item."""
    return {"best_ms": min(runs) * 1000 / count,
            "median_ms": statistics.median(runs) * 1000 / count}


def bench_in_process(fn: Callable[[str], object], raws: list[str],
                     repeat: int) -> dict[str, float] | None:
    if not raws:
        return None
    for raw in raws:  # warm-up: lookup tables, regex caches, imports done lazily
        fn(raw)
    return per_item(timed_runs(lambda: [fn(raw) for raw in raws], repeat), len(raws))


def competitors() -> dict[str, tuple[Callable[[str], object] | None, str]]:
    """name -> (the function to time or None when not importable, version or reason)."""
    found: dict[str, tuple[Callable[[str], object] | None, str]] = {}
    try:
        import trafilatura

        found["trafilatura"] = (trafilatura.extract, metadata.version("trafilatura"))
    except ImportError as err:
        found["trafilatura"] = (None, f"not importable ({err})")
    try:
        from readability import Document  # type: ignore[import-untyped]

        found["readability"] = (lambda raw: Document(raw).summary(),
                                metadata.version("readability-lxml"))
    except ImportError as err:
        found["readability"] = (None, f"not importable ({err})")
    return found


def cli_command(jobs: int, files: list[str]) -> list[str]:
    return [sys.executable, "-m", "reviewer.cli", "extract", "--format", "jsonl",
            "--jobs", str(jobs), *files]


def run_cli(jobs: int, files: list[str], cwd: str, bytecode: bool = True) -> None:
    """One ``reviewer extract`` over ``files``. With ``bytecode`` the modules' compiled
    bytecode is kept between runs (in ``cwd``/pycache), as an installed package has it
    (pip compiles it at install); without, PYTHONDONTWRITEBYTECODE is set: a checkout
    whose sources were never compiled compiles them again at every start (the standard
    library and the installed packages keep the bytecode they have)."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("PYTHONPYCACHEPREFIX", None)
    if bytecode:
        env["PYTHONPYCACHEPREFIX"] = str(Path(cwd, "pycache"))
    else:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    subprocess.run(cli_command(jobs, files), cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, check=False)


def bench_processes(postings: list[Posting], scale: int, repeat: int) -> dict[str, Any]:
    """Wall-clock of the CLI over ``scale`` copies of the postings, one file each."""
    with tempfile.TemporaryDirectory(prefix="bench_extract_") as tmp:
        names = []
        for copy in range(scale):
            for i, (raw, kind) in enumerate(postings):
                name = f"c{copy:02d}_{i:04d}.{'html' if kind == 'html' else 'txt'}"
                Path(tmp, name).write_text(raw, encoding="utf-8")
                names.append(name)  # relative to cwd=tmp: keeps the command line short
        Path(tmp, "tiny.txt").write_text("Python developer\nBerlin\n", encoding="utf-8")
        run_cli(1, ["tiny.txt"], tmp)  # warm-up: the bytecode, the OS file cache
        startup = timed_runs(lambda: run_cli(1, ["tiny.txt"], tmp), repeat)
        uncompiled = timed_runs(lambda: run_cli(1, ["tiny.txt"], tmp, bytecode=False), repeat)
        result: dict[str, Any] = {"files": len(names), "startup_ms": per_item(startup, 1),
                                  "startup_uncompiled_ms": per_item(uncompiled, 1)}
        for jobs in (1, 2):
            runs = timed_runs(partial(run_cli, jobs, names, tmp), repeat)
            net = [max(0.0, r - min(startup)) for r in runs]
            result[f"jobs{jobs}"] = {**per_item(runs, len(names)),
                                     "net_of_startup": per_item(net, len(names))}
        return result


def code_version() -> str:
    """The commit measured, marked dirty when the working tree differs from it."""
    try:
        git = ["git", "-C", str(ROOT)]
        head = subprocess.run([*git, "rev-parse", "--short", "HEAD"], capture_output=True,
                              text=True, check=True).stdout.strip()
        dirty = subprocess.run([*git, "status", "--porcelain", "--", "reviewer"],
                               capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown (not a git checkout)"
    return head + (" + uncommitted changes" if dirty else "")


def fmt(fig: dict[str, float] | None) -> str:
    return "skipped" if fig is None else f"{fig['best_ms']:9.3f} {fig['median_ms']:9.3f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", action="append", type=Path, metavar="PATH",
                        help="a JSONL file of {raw, format} lines (repeatable); "
                             "default: the corpora in ../shared/corpus")
    parser.add_argument("--repeat", type=int, default=3, metavar="N",
                        help="timed runs per measurement (default 3)")
    parser.add_argument("--scale", type=int, default=10, metavar="K",
                        help="copies of the corpus for the process runs (default 10; "
                             "0 skips them)")
    parser.add_argument("--json", type=Path, metavar="OUT", help="also write the figures here")
    args = parser.parse_args(argv)
    repeat = max(1, args.repeat)

    code = code_version()
    postings, source = load_postings(args.corpus)
    html = [raw for raw, kind in postings if kind == "html"]
    text = [raw for raw, kind in postings if kind == "text"]
    print(source)
    print(f"{len(postings)} postings: {len(html)} HTML, {len(text)} text; repeat {repeat}\n")

    # "as reviewer extract runs": it prints no removal record, so it skips building one
    ours_key = f"ours clean+extract, HTML ({len(html)})"
    traf_key = f"trafilatura, HTML ({len(html)})"
    rows: dict[str, dict[str, float] | None] = {
        ours_key:
            bench_in_process(lambda raw: process(raw, "html", record_removed=False), html,
                             repeat),
        f"  + removal record, HTML ({len(html)})":
            bench_in_process(lambda raw: process(raw, "html"), html, repeat),
        f"ours clean+extract, text ({len(text)})":
            bench_in_process(lambda raw: process(raw, "text"), text, repeat),
        f"ours clean only, HTML ({len(html)})":
            bench_in_process(lambda raw: clean(raw, "html", record_removed=False), html,
                             repeat),
    }
    versions = {}
    for name, (fn, version) in competitors().items():
        versions[name] = version
        if fn is None:
            print(f"{name} skipped: {version}; install it with {INSTALL_HINT}")
            rows[f"{name}, HTML ({len(html)})"] = None
        else:
            rows[f"{name}, HTML ({len(html)})"] = bench_in_process(fn, html, repeat)

    ours, traf = rows[ours_key], rows.get(traf_key)
    ratio = None
    if ours and traf:
        ratio = {k: ours[k] / traf[k] for k in ("best_ms", "median_ms")}

    procs = bench_processes(postings, args.scale, repeat) if args.scale > 0 else None

    width = max(len(k) for k in [*rows, "--jobs 1, ms/posting net of start-up"]) + 2
    print(f"\n{'in one process, ms per posting':<{width}} {'best':>9} {'median':>9}")
    for label, fig in rows.items():
        print(f"{label:<{width}} {fmt(fig)}")
    if ratio:
        verdict = "meets" if ratio["best_ms"] <= TARGET_RATIO else "misses"
        print(f"\nours / trafilatura (HTML, clean+extract): {ratio['best_ms']:.3f} best, "
              f"{ratio['median_ms']:.3f} median -> {verdict} the target (<= {TARGET_RATIO})")
    else:
        print("\nours / trafilatura: not measured (trafilatura or HTML pages missing)")

    if procs:
        print(f"\n{'reviewer extract as a subprocess':<{width}} {'best':>9} {'median':>9}")
        print(f"{'start-up alone (1 tiny file), ms':<{width}} {fmt(procs['startup_ms'])}")
        print(f"{'  with PYTHONDONTWRITEBYTECODE=1, ms':<{width}} "
              f"{fmt(procs['startup_uncompiled_ms'])}")
        for jobs in (1, 2):
            fig = procs[f"jobs{jobs}"]
            label = f"--jobs {jobs}, ms/posting ({procs['files']} files)"
            print(f"{label:<{width}} {fmt(fig)}")
            print(f"{f'--jobs {jobs}, ms/posting net of start-up':<{width}} "
                  f"{fmt(fig['net_of_startup'])}")

    machine = {"processor": platform.processor() or platform.machine(),
               "machine": platform.machine(), "cpu_count": os.cpu_count(),
               "python": platform.python_version(), "platform": platform.platform()}
    print(f"\nmachine: {machine['processor']} ({machine['machine']}), "
          f"{machine['cpu_count']} CPUs, Python {machine['python']}, {machine['platform']}")
    print("versions: " + ", ".join(f"{k} {v}" for k, v in versions.items())
          + f"; reviewer at {code}")

    if args.json:
        figures = {"source": source, "postings": {"html": len(html), "text": len(text)},
                   "repeat": repeat, "in_process_ms_per_posting": rows,
                   "ratio_ours_over_trafilatura": ratio, "processes": procs,
                   "scale": args.scale, "machine": machine, "versions": versions,
                   "reviewer_code": code}
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
        print(f"figures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
