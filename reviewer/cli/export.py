"""``reviewer export``: the project's postings as a dataset file, put in place only when
whole."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reviewer.cli.common import CliError, jobs_count, open_project
from reviewer.cli.extract import worker_count

if TYPE_CHECKING:
    from reviewer.core.export import ExportSummary
    from reviewer.core.store import Store

FORMATS = ("jsonl", "csv", "parquet", "hf", "prodigy", "labelstudio", "spacy", "conll",
           "doccano", "argilla", "jsonld", "jsonld-html")
ALL_REVIEWERS = ("jsonl", "hf", "prodigy", "labelstudio")  # formats with a place for them


def cmd_export(args: argparse.Namespace) -> int:
    from reviewer.core.export import differing_note, status_undecided_note

    if args.output == "-":
        raise CliError("-o -: an export writes files, not to standard output; give a "
                       "file's name")
    args.format = _format(args)
    _check_output(Path(args.output))
    store = open_project(args.db)
    try:
        # every value read from one moment of the project, whatever another program
        # writes meanwhile (a read transaction: it blocks no one's writes)
        with store.one_snapshot():
            summary, differing = _export(store, args)
            left_out = store.reviews.status_undecided() if not args.all else 0
    except (ValueError, ImportError) as err:
        if isinstance(err, json.JSONDecodeError):
            raise  # a value of the project that cannot be read: said as such (cli._problem)
        raise CliError(str(err)) from err
    finally:
        store.close()
    print(summary.describe(Path(args.output)))
    if summary.again:
        print("note: the project changed while it was exported (another program wrote to "
              "it): exported again from one moment, in one process", file=sys.stderr)
    each = args.all_reviewers if args.format in ALL_REVIEWERS else None  # (a place for them)
    if summary.total and (note := differing_note(differing, each)) is not None:
        print(f"note: {note}", file=sys.stderr)
    if (note := status_undecided_note(left_out)) is not None:
        print(f"note: {note}", file=sys.stderr)
    return 0


def _export(store: Store, args: argparse.Namespace) -> tuple[ExportSummary, int]:
    """Write the export ``args`` asks for: what was written, and how many of the
    postings exported have reviewers who still differ."""
    from reviewer.core.export import BULK_FORMATS, export, export_bulk, export_whole, parse_split

    split = parse_split(args.split) if args.split else None
    reviewed_only, reviewers = not args.all, args.all_reviewers
    if reviewers and args.format not in ALL_REVIEWERS:
        raise CliError(f"--all-reviewers applies to {', '.join(ALL_REVIEWERS)}: {args.format} "
                       "has no place for several reviewers' values")
    if args.annotator_email and args.format != "labelstudio":
        raise CliError("--annotator-email applies to the labelstudio format only")
    names = store.reviews.every_name() if args.annotator_email else []  # (a scan)
    emails = _emails(args.annotator_email or [], names)
    if emails and (unknown := sorted(emails.keys() - set(names))):
        raise CliError(f"--annotator-email: no reviewer {', '.join(map(repr, unknown))} "
                       f"in the project (its reviewers: {', '.join(names) or 'none'})")
    if store.queue.count("reviewed" if reviewed_only else None) == 0:
        raise CliError("nothing to export: no reviewed postings (pass --all to export "
                       "every posting)" if reviewed_only else "the project is empty")
    if args.stratify is not None and not store.labels.is_asked(args.stratify):
        asked = ", ".join(q.name for q in store.labels.schema() if q.kind != "span")
        raise CliError(f"--stratify: no document question {args.stratify!r} in the "
                       f"project (its questions: {asked or 'none'})")
    fmt = "parquet" if args.format == "csv" and args.parquet else args.format
    if (fmt in BULK_FORMATS and split is None and args.stratify is None
            and not (args.strict or args.license or args.language)
            and (fmt == "parquet" or not args.parquet)):
        # a whole project in one file: worker processes over ranges of ids (the schema
        # argilla needs is read with the records)
        jobs = worker_count(args.jobs)

        def write(part: Path) -> ExportSummary:
            return export_bulk(store.path, part, fmt, reviewed_only=reviewed_only,
                               jobs=jobs, reviewers=reviewers, raw_cells=args.raw_cells)
    else:
        def write(part: Path) -> ExportSummary:
            return export(lambda: store.records.all(reviewed_only, reviewers=reviewers),
                          args.format, part, split=split, stratify=args.stratify,
                          parquet=args.parquet, raw_cells=args.raw_cells,
                          schema=store.labels.schema(), strict=args.strict,
                          skills=store.meta.skills_label(),
                          license=args.license, language=args.language, emails=emails)
    # written beside the output and put in place when whole: a failed export (a full
    # disk) leaves an older file as it was
    summary = export_whole(Path(args.output), write, args.format)
    return summary, store.queue.count("reviewed" if reviewed_only else None, "disagreement")


def _format(args: argparse.Namespace) -> str:
    """The format asked for, else the one the output's name ends in (JSONL for a name
    that names none); CliError where the name says one format and the export would
    write another (``-f jsonl -o out.csv``), or a folder of another (``-f hf -o x.csv``;
    ``--split -f conll -o x.csv``: a folder of CSV parts may be called ``x.csv``)."""
    suffix = Path(args.output).suffix.lower()
    named = _BY_SUFFIX.get(suffix)
    if args.format is None and suffix == ".json":
        raise CliError(f"-o {Path(args.output).name}: a .json file of which format? Pass "
                       "--format labelstudio or --format jsonld (jsonl writes .jsonl)")
    fmt = args.format or (named[0] if named else "jsonl")
    written = "parquet" if fmt == "csv" and args.parquet else fmt
    if named and written not in named:
        name = Path(args.output).name
        if args.split or fmt in ("hf", "jsonld-html"):  # a folder, of its parts or its files
            raise CliError(f"-o {name} names a {named[0]} file, but this {written} export "
                           f"writes a folder: pass --format {named[0]}, or name the folder "
                           f"without {suffix}")
        raise CliError(f"-o {name} names a {named[0]} file, but the export would write "
                       f"{written}: pass --format {named[0]}, or name the file for {written}")
    return fmt


# the formats a file's name says (the first: the one written for it without --format)
_BY_SUFFIX = {".csv": ("csv",), ".parquet": ("parquet",), ".spacy": ("spacy",),
              ".conll": ("conll",), ".jsonl": ("jsonl", "prodigy", "doccano", "argilla"),
              ".ndjson": ("jsonl", "prodigy", "doccano", "argilla"),
              ".jsonld": ("jsonld",), ".json": ("labelstudio", "jsonld")}


def _emails(pairs: list[str], names: list[str]) -> dict[str, str]:
    """``NAME=EMAIL`` pairs as a mapping (CliError for one without ``=`` or ``@``). A
    name may hold "=" (``<img src=x>``), an address none: a pair is cut at the "=" whose
    left is one of the project's reviewers (``names``), else at the last."""
    out = {}
    for pair in pairs:
        cuts = [at for at, char in enumerate(pair) if char == "="] or [len(pair)]
        at = next((at for at in cuts if pair[:at].strip() in names), cuts[-1])
        name, email = pair[:at], pair[at + 1:]
        if not name.strip() or "@" not in email:
            raise CliError(f"--annotator-email {pair!r}: give NAME=EMAIL, e.g. "
                           "ana=ana@example.org")
        out[name.strip()] = email.strip()
    return out


def _check_output(out: Path) -> None:
    """Refuse an export whose folder cannot be written, before any work."""
    folder = out if out.is_dir() else out.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent  # made by the export
    if not os.access(folder, os.W_OK):
        raise CliError(f"{folder} is read-only: the export cannot be written there. Choose a "
                       "folder you can write to (-o).")


def add_export_parser(sub: Any) -> None:
    """The ``export`` subcommand and its options."""
    exp = sub.add_parser(
        "export", help="export the labelled dataset",
        description="Write the project's reviewed postings (--all: every posting) in a "
                    "dataset format. Spans' offsets always index the exported text.",
    )
    exp.add_argument("db", metavar="DB")
    exp.add_argument("--format", "-f", default=None, choices=FORMATS,
                     help="default: the one the output's name ends in (.csv, .parquet, "
                          ".spacy, .conll, .jsonld), else jsonl; parquet: the csv table, "
                          "typed (needs pyarrow)")
    exp.add_argument("--output", "-o", required=True, metavar="OUT",
                     help="a file, or a folder with --split and for hf")
    exp.add_argument("--all", action="store_true", help="every posting, not only reviewed ones")
    exp.add_argument("--split", metavar="SPEC", help="e.g. train=0.8,dev=0.1,test=0.1 "
                     "(deterministic by the hash of each posting)")
    exp.add_argument("--stratify", metavar="QUESTION",
                     help="keep each answer of this document-label question in proportion "
                          "(balanced over the postings exported: a later export with more "
                          "of them can move earlier ones to another part)")
    exp.add_argument("--parquet", action="store_true",
                     help="hf: Parquet files, not JSONL; csv: the same as --format parquet")
    exp.add_argument("--strict", action="store_true",
                     help="jsonld, jsonld-html: leave out postings that lack a property the "
                          "job-posting guidelines of search engines require (they are counted)")
    exp.add_argument("--license", metavar="ID", help="hf: the license of the dataset, for its card")
    exp.add_argument("--language", metavar="CODE", action="append",
                     help="hf: a language of the postings (e.g. en), for the card; repeatable")
    exp.add_argument("--raw-cells", action="store_true",
                     help="csv: write cells exactly as the text, including ones a spreadsheet "
                          "would run as formulas (by default those get a leading ')")
    exp.add_argument("--all-reviewers", action="store_true",
                     help="jsonl, hf: add every reviewer's own values (after their files were "
                          "merged); prodigy: one example per reviewer; labelstudio: one "
                          "annotation per reviewer")
    exp.add_argument("--annotator-email", action="append", metavar="NAME=EMAIL",
                     help="labelstudio: the Label Studio user of a reviewer, for each "
                          "annotation's completed_by (a reviewer named by an e-mail address "
                          "needs none); repeatable. A name may hold '=': the pair is cut "
                          "after the reviewer of the project it begins with (a=b=x@example.org "
                          "for reviewer 'a=b'), else at the last '='")
    exp.add_argument("--jobs", "-j", type=jobs_count, default=0, metavar="N",
                     help="processes reading the project for a jsonl, csv, parquet, doccano "
                          "or argilla export without --split (0: one per core)")
    exp.set_defaults(func=cmd_export)
