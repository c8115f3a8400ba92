"""``reviewer extract``: posting files in, one record each out (JSONL, JSON or a Markdown
report), without a project. A file that cannot be read or cleaned gives an ``error``
record and the run goes on."""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterable, Iterator
from typing import Any

from reviewer.cli.cluster import cmd_cluster_extract, uses_cluster
from reviewer.cli.common import escaped_json, shown
from reviewer.cli.plugins import load
from reviewer.cli.plugins import report as extractor_report
from reviewer.core.records import json_line
from reviewer.core.schema import FIELDS
from reviewer.core.words import valid_name, valid_unicode
from reviewer.core.workers import one_per_core, process_pool


def _extract_one(path: str) -> dict[str, Any]:
    # the pipeline is imported here, not with the command line: a command that extracts
    # nothing (stats, export, agreement …) starts without it
    from reviewer.core.clean import gave_up
    from reviewer.core.ingest import UnreadableError, read_file
    from reviewer.core.pipeline import process, record

    source = valid_name(path)  # a file name need not be UTF-8; what is printed must be
    if not path:  # (read as the folder one is in)
        return {"source": source, "error": "an empty name: no file"}
    if path.lower().endswith(".tsv"):
        return {"source": source, "error": "a data file of many postings, not a page: "
                "named .csv, reviewer import reads it (its cells parted by tabs)"}
    if path.lower().endswith(_MANY):
        return {"source": source, "error": "a data file or an archive of many postings, "
                "not a page: reviewer import reads it (or reviewer extract --engine dask "
                "--to-parquet)"}
    try:
        text = read_file(path)
    except UnreadableError as err:
        return {"source": source, "error": str(err)}
    except Exception as err:  # one file must not stop a run over thousands
        return {"source": source, "error": f"cannot read the file: {type(err).__name__}: {err}"}
    if not text.strip():  # (as import skips it)
        return {"source": source, "error": "the page is empty"}
    try:
        # the record printed has no removal record, so cleaning need not build one
        done = process(valid_unicode(text), name=path, record_removed=False)
        reason = gave_up(done.doc)
        return {"source": source, "error": reason} if reason else record(source, done)
    except Exception as err:  # a bug must not stop a run over thousands of files
        return {"source": source, "error": f"extraction failed: {type(err).__name__}: {err}"}


_MANY = (".csv", ".jsonl", ".json", ".parquet", ".zip")  # files of many postings


def _results(paths: list[str], jobs: int) -> Iterator[dict[str, Any]]:
    if jobs <= 1 or len(paths) < 2:
        for path in paths:
            yield _extract_one(path)
        return
    chunk = max(1, min(64, len(paths) // (jobs * 4) or 1))
    pool = process_pool(jobs)
    if pool is None:  # this system cannot start worker processes: one after another here
        yield from map(_extract_one, paths)
        return
    with pool:
        yield from pool.map(_extract_one, paths, chunksize=chunk)


def _markdown_report(rec: dict[str, Any]) -> str:
    lines = [f"# {_as_text(shown(rec['source']))}", ""]  # (a file's name: its markup too)
    if "error" in rec:
        return "\n".join([*lines, f"**Error:** {_as_text(rec['error'])}", ""])
    lines += ["| field | value | confidence |", "|---|---|---|"]
    for spec in FIELDS:
        value = rec["fields"].get(spec.name)
        if value in (None, [], {}):
            continue
        cell = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        if isinstance(value, list) and spec.name != "locations" and spec.name != "skills":
            cell = f"{len(value)} items"
        cell = " ".join(str(cell).split())
        if len(cell) > 90:
            cell = cell[:87] + "…"
        lines.append(f"| {spec.label} | {_as_text(cell)} | "
                     f"{rec['confidence'].get(spec.name, '')} |")
    # the posting as it was cleaned, shown as text: its markup (a text page's images,
    # HTML and links) is never made live by a viewer of the report
    text = rec["cleaned"].strip()
    fence = "`" * max(3, 1 + max((len(run) for run in re.findall("`+", text)), default=0))
    lines += ["", "## Cleaned posting", "", f"{fence}text", text, fence, "", "---", ""]
    return "\n".join(lines)


def _as_text(value: str) -> str:
    """A value in a Markdown table as text: HTML's and Markdown's signs escaped."""
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"([\\`*_\[\]()!#|~])", r"\\\1", value)


def _emit(records: Iterable[dict[str, Any]], fmt: str, out: Any) -> int:
    failed = 0
    if fmt == "json":
        collected = []
        for rec in records:
            failed += "error" in rec
            collected.append(rec)
        out.write(escaped_json(json.dumps(collected, ensure_ascii=False, indent=2)) + "\n")
        return failed
    for rec in records:
        failed += "error" in rec
        if fmt == "jsonl":
            # (U+2028 escaped: one record a line to any reader; what a terminal obeys too)
            out.write(escaped_json(json_line(rec)))
        else:
            out.write(_markdown_report(rec) + "\n")
        out.flush()
    return failed


def cmd_extract(args: argparse.Namespace) -> int:
    if uses_cluster(args):
        return cmd_cluster_extract(args)
    jobs = worker_count(1 if args.jobs is None else args.jobs)
    extractor = load(args)
    results = _results(args.files, jobs)
    if extractor is not None:
        results = extractor.apply_to_records(results)
    failed = _emit(results, args.format, sys.stdout)
    if failed:
        print(f"reviewer: {failed} of {len(args.files)} files could not be read "
              "(see their \"error\" field)", file=sys.stderr)
    return 1 if extractor_report(extractor) or failed else 0


MAX_JOBS_A_CORE = 2  # worker processes at most, per core: each holds its own tables


def worker_count(asked: int) -> int:
    """Worker processes: as asked, or one per core (this process may use) for 0; at
    most ``MAX_JOBS_A_CORE`` a core (64 on 2 cores took 3.3 GB and no less time), said."""
    cores = one_per_core()
    if asked > MAX_JOBS_A_CORE * cores:
        print(f"reviewer: --jobs {asked} is more than {cores} cores can use: "
              f"{MAX_JOBS_A_CORE * cores} worker processes", file=sys.stderr)
        return MAX_JOBS_A_CORE * cores
    return asked if asked > 0 else cores
