"""``reviewer import``: files into a project, and ``reviewer columns``: how a data file's
columns would be read, before importing it."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reviewer.cli.common import (
    CliError,
    ProgressLine,
    jobs_count,
    open_project,
    print_json,
    print_skipped,
    shown,
)
from reviewer.cli.extract import worker_count
from reviewer.cli.plugins import add_extractor_options, load
from reviewer.cli.plugins import report as extractor_report

if TYPE_CHECKING:
    from reviewer.core.ingest import ColumnMapping, ImportReport
    from reviewer.core.store import Store

SHOWN_FILES = 10  # mappings printed; the rest counted


def cmd_import(args: argparse.Namespace) -> int:
    from reviewer.core.ingest import ImportReport, import_paths

    mapping = parse_map(args.map, args.column)
    jobs = worker_count(args.jobs)
    extractor = load(args)
    if not os.path.lexists(args.db) and not any(os.access(p, os.R_OK) for p in args.paths):
        named = ", ".join(shown(p) for p in args.paths)
        raise CliError(f"nothing to import: {named}: no such file or folder, or it cannot be "
                       f"read. {shown(args.db)} was not made.")
    store = open_project(args.db, create=True)
    line = ProgressLine()
    report = ImportReport()
    try:
        store.check_writable()
        import_paths(store, args.paths, column=args.column, mapping=mapping, jobs=jobs,
                     progress=line, extractor=extractor, report=report)
    except KeyboardInterrupt:  # (a signal too) the batches written before it are kept
        line.done()
        added = report.added  # (not the project's growth: another import may add too)
        print(f"reviewer: the import was stopped; the {added:,} posting"
              f"{'s' * (added != 1)} it added before are kept: the same import again adds "
              "the rest", file=sys.stderr)
        raise
    finally:
        line.done()
        store.close()
    print_skipped(report.skipped)
    _print_mappings(report)
    for problem in _left_out(report):
        print(problem, file=sys.stderr)
    plugin_failed = extractor_report(extractor)
    if report.model_note:
        print(report.model_note, file=sys.stderr)
    for note in (report.rows_note(), report.reviewers_note(), report.aside_note()):
        if note is not None:
            print(note, file=sys.stderr)
    rate = report.seen / report.seconds if report.seconds else 0.0
    learned = ", read by the project's learned model too" if report.learned else ""
    added = "posting" if report.added == 1 else "postings"
    print(f"{report.added:,} {added} added, {report.duplicates:,} already in the project, "
          f"{len(report.skipped):,} skipped ({report.seconds:.1f} s, {rate:,.0f}/s{learned})")
    # a path named that is not there fails the run (a file skipped in a folder does not)
    not_there = {os.path.normpath(p) for p in args.paths if not os.path.lexists(p)}
    # (files left aside only, of kinds import does not read: nothing taken either)
    return 1 if ((report.skipped or report.aside) and not report.added
                 and not report.duplicates) \
        or plugin_failed or any(os.path.normpath(s.source) in not_there
                                for s in report.skipped) else 0


def _remembered(path: str) -> Store | None:
    """The project whose remembered mappings a preview uses, opened to read only (a
    preview writes nothing: an older project is not brought to this version for it);
    None, said, where it cannot be read so (a file that is not there: refused)."""
    if not Path(path).exists():
        return open_project(path)
    try:
        return open_project(path, read_only=True)
    except CliError as err:
        why = ("it was made by an older version: a command that writes (or the window) "
               "brings it to this one" if "older version" in str(err) else shown(str(err)))
        print(f"reviewer: note: the mappings {shown(path)} remembers are not used ({why})",
              file=sys.stderr)
        return None


def cmd_columns(args: argparse.Namespace) -> int:
    from reviewer.core.ingest import preview_columns

    mapping = parse_map(args.map, args.column)
    store = _remembered(args.project) if args.project else None
    try:
        preview = preview_columns(args.file, rows=args.rows, mapping=mapping,
                                  column=args.column, store=store)
    finally:
        if store is not None:
            store.close()
    if preview.error is not None:
        raise CliError(f"{args.file}: {preview.error}")
    if preview.records and not args.json:
        print(shown(f"{args.file}: records this program exported (a reviewer export or "
                    "shards): imported as they are, with their values, decisions and labels; "
                    "no column to map"))
        return 0
    used = preview.mapping
    if args.json:
        print_json({
            "records": preview.records,
            "columns": preview.columns, "mapping": used.to_json() if used else None,
            "found_by": used.found_by if used else {}, "values": preview.values,
            "left_out": [x._asdict() for x in preview.left_out],
            "skipped": [{"source": s.source, "reason": s.reason} for s in preview.skipped]},
            default=str)
        return 0
    print(shown(f"columns: {', '.join(preview.columns)}"))
    if used is not None:
        print(shown(f"mapping: {describe(used)}"))
        for target, column in used.missing:
            print(shown(f"no column {column!r} for {target}"), file=sys.stderr)
        unmapped = [c for c in preview.columns if c != used.page and c not in
                    used.fields.values()]
        if unmapped:
            print(shown(f"kept as source data: {', '.join(unmapped)}"))
    for number, values in enumerate(preview.values, 1):
        row = " · ".join(f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in
                         values.items())
        print(shown(f"row {number}: {row or '(no field from the columns)'}"))
    for left in preview.left_out:
        print(shown(f"left out {left.source} {left.field} {left.value!r}: {left.reason}"),
              file=sys.stderr)
    print_skipped(preview.skipped)
    return 0


def parse_map(pairs: list[str] | None, page: str | None = None) -> dict[str, str | None]:
    """``--map FIELD=COLUMN`` options as ``{field: column}``; an empty COLUMN (``--map
    company=``) unmaps the field. ``page``: the page's column (``--column``). A column
    given twice (to two fields, or to a field and the page) is refused: a column fills
    one field, and the second would be passed over without a word; so is a field (or
    the page) given two columns."""
    from reviewer.core.ingest import column_key, find_mapping

    mapping: dict[str, str | None] = {}
    # (compared as columns are found: "Job Title" and job_title are one column)
    users = {column_key(page): "--column"} if page and page.strip() else {}
    for pair in pairs or []:
        name, sep, column = pair.partition("=")
        if not sep or not name.strip():
            raise CliError(f"--map {pair}: write FIELD=COLUMN, such as --map 'title=Job Title'")
        if name.strip() in mapping:  # (the last would win, the first passed over unsaid)
            raise CliError(f"--map {pair}: {name.strip()} is given a column already")
        if name.strip() == "page" and page and page.strip():
            raise CliError(f"--map {pair}: the page's column is given by --column already")
        mapping[name.strip()] = column.strip() or None
        if column.strip():
            other = users.setdefault(column_key(column), f"--map {name.strip()}")
            if other != f"--map {name.strip()}":
                raise CliError(f"--map {pair}: the column {column.strip()!r} is given to "
                               f"{other} already; a column fills one field")
    try:
        find_mapping([], mapping)  # a field it does not know is refused here
    except ValueError as err:
        raise CliError(f"--map: {err}") from err
    return mapping


def describe(mapping: ColumnMapping) -> str:
    """A mapping in one line, saying which columns came from the project's memory."""
    pairs = ([("page", mapping.page)] if mapping.page else []) + list(mapping.fields.items())
    return " · ".join(f"{target}: {column}" + (
        " (remembered)" if mapping.found_by.get(target) == "remembered" else "")
        for target, column in pairs)


def _print_mappings(report: ImportReport) -> None:
    """The mapping of each data file that maps more than its page, on stderr: stdout is
    the one line that sums the import up."""
    listed: list[str] = []
    left_aside = {skipped.source for skipped in report.skipped}  # (each says why)
    for file, mapping in report.mappings:
        if not (mapping.fields or mapping.missing) or len(listed) > SHOWN_FILES \
                or file in left_aside:
            continue
        listed.append(file)
        if len(listed) > SHOWN_FILES:
            print("… and more files with columns mapped", file=sys.stderr)
            continue
        if said := describe(mapping):  # (nothing found: the lines below say what not)
            print(shown(f"{file}: {said}"), file=sys.stderr)
        for target, column in mapping.missing:
            print(shown(f"{file}: no column {column!r} for {target}"
                        + ("" if target == "page" else "; it has no value from the columns")),
                  file=sys.stderr)


def _left_out(report: ImportReport) -> list[str]:
    lines = []
    for name, count in report.left_out.items():
        examples = "; ".join(f"{x.value!r} ({x.source}: {x.reason})"
                             for x in report.left_out_examples if x.field == name)
        values = "value" if count == 1 else "values"
        lines.append(f"left out {count:,} {name} {values} that could not be read: {examples}"
                     + (" …" if count > 3 else ""))
    return lines


def add_import_parsers(sub: Any) -> None:
    imp = sub.add_parser(
        "import", help="import posting files into a project (created if missing)",
        description="Import pages into a project file: .html .htm .txt .md files, folders "
                    "(recursively), .zip archives, and data files of many postings: "
                    ".jsonl/.json objects (our own exported JSONL too), .csv and .parquet "
                    "rows. A data file's page and fields are found by their columns' names "
                    "(see README: the column names); --map overrides them, and the mapping "
                    "used is remembered by the project for files with the same columns. "
                    "Each page is cleaned and its fields extracted; a page already in the "
                    "project is not added again.",
    )
    imp.add_argument("db", metavar="DB", help="the project file")
    imp.add_argument("paths", nargs="+", metavar="PATH")
    _mapping_options(imp)
    imp.add_argument("--jobs", "-j", type=jobs_count, default=1, metavar="N",
                     help="worker processes (0: one per core; default 1)")
    add_extractor_options(imp)
    imp.set_defaults(func=cmd_import)

    col = sub.add_parser(
        "columns", help="show how a data file's columns would be imported",
        description="Read the first rows of a .csv, .json, .jsonl or .parquet file and show "
                    "its columns, the column of the page and of each field (found by name, "
                    "remembered by --project, or given with --map), and the values the "
                    "first rows would give. Nothing is written.",
    )
    col.add_argument("file", metavar="FILE")
    col.add_argument("--project", metavar="DB", help="use the mappings this project remembers")
    _mapping_options(col)
    col.add_argument("--rows", type=_rows, default=5, metavar="N", help="rows shown (default 5)")
    col.add_argument("--json", action="store_true", help="print JSON")
    col.set_defaults(func=cmd_columns)


def _mapping_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--column", help="the column that holds the page (default: found by "
                                         "its name: html, text, description, ...)")
    parser.add_argument("--map", action="append", metavar="FIELD=COLUMN",
                        help="take FIELD from COLUMN (repeatable; FIELD=  with no column: "
                             "do not map FIELD). Fields: the schema's, and salary_min, "
                             "salary_max, salary_currency, salary_period")


def _rows(text: str) -> int:
    """``--rows``: a count of rows, 1 or more."""
    try:
        rows = int(text)
    except ValueError:
        rows = 0
    if rows < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of rows (1 or more)")
    return min(rows, sys.maxsize)  # more than can be counted: every row
