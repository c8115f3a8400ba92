"""The ``reviewer`` command: a thin layer over reviewer.core.

Errors are reported as a line that says what is wrong and what to do, never as a
traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from reviewer import __version__
from reviewer.core.ingest import UnreadableError, read_file
from reviewer.core.pipeline import process, record
from reviewer.core.schema import FIELDS


def _extract_one(path: str) -> dict[str, Any]:
    try:
        text = read_file(path)
    except UnreadableError as err:
        return {"source": path, "error": str(err)}
    try:
        # the record printed has no removal record, so cleaning need not build one
        return record(path, process(text, name=path, record_removed=False))
    except Exception as err:  # a bug must not stop a run over thousands of files
        return {"source": path, "error": f"extraction failed: {type(err).__name__}: {err}"}


def _results(paths: list[str], jobs: int) -> Iterator[dict[str, Any]]:
    if jobs <= 1 or len(paths) < 2:
        for path in paths:
            yield _extract_one(path)
        return
    chunk = max(1, min(64, len(paths) // (jobs * 4) or 1))
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from pool.map(_extract_one, paths, chunksize=chunk)


def _markdown_report(rec: dict[str, Any]) -> str:
    lines = [f"# {rec['source']}", ""]
    if "error" in rec:
        return "\n".join([*lines, f"**Error:** {rec['error']}", ""])
    lines += ["| field | value | confidence |", "|---|---|---|"]
    for spec in FIELDS:
        value = rec["fields"].get(spec.name)
        if value in (None, [], {}):
            continue
        shown = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        if isinstance(value, list) and spec.name != "locations" and spec.name != "skills":
            shown = f"{len(value)} items"
        shown = str(shown).replace("|", "\\|").replace("\n", " ")
        if len(shown) > 90:
            shown = shown[:87] + "…"
        lines.append(f"| {spec.label} | {shown} | {rec['confidence'].get(spec.name, '')} |")
    lines += ["", "## Cleaned posting", "", rec["cleaned"].strip(), "", "---", ""]
    return "\n".join(lines)


def _emit(records: Iterable[dict[str, Any]], fmt: str, out: Any) -> int:
    failed = 0
    if fmt == "json":
        collected = []
        for rec in records:
            failed += "error" in rec
            collected.append(rec)
        json.dump(collected, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return failed
    for rec in records:
        failed += "error" in rec
        if fmt == "jsonl":
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
        else:
            out.write(_markdown_report(rec) + "\n")
        out.flush()
    return failed


def cmd_extract(args: argparse.Namespace) -> int:
    jobs = args.jobs if args.jobs > 0 else (os.cpu_count() or 1)
    failed = _emit(_results(args.files, jobs), args.format, sys.stdout)
    if failed:
        print(f"reviewer: {failed} of {len(args.files)} files could not be read "
              "(see their \"error\" field)", file=sys.stderr)
    return 1 if failed else 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reviewer",
        description="Clean job-posting pages, extract their fields, review and label them.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    ext = sub.add_parser(
        "extract", help="clean posting files and print their fields",
        description="Clean each file (HTML page or text dump) down to the posting and extract "
                    "its fields, with evidence spans and confidences. One record per file, in "
                    "the order given.",
    )
    ext.add_argument("files", nargs="+", metavar="FILE")
    ext.add_argument("--format", choices=("jsonl", "json", "md"), default="jsonl",
                     help="jsonl: one JSON object a line (default); json: one array; "
                          "md: a readable report")
    ext.add_argument("--jobs", "-j", type=int, default=1, metavar="N",
                     help="worker processes (0: one per core; default 1)")
    ext.set_defaults(func=cmd_extract)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        code: int = args.func(args)
    except KeyboardInterrupt:
        print("reviewer: stopped", file=sys.stderr)
        return 130
    except BrokenPipeError:
        sys.stderr.close()
        return 0
    return code


if __name__ == "__main__":
    sys.exit(main())
