"""The ``reviewer`` command: a thin layer over reviewer.core.

Errors are reported as a line that says what is wrong and what to do, never as a
traceback.
"""

from __future__ import annotations

import argparse
import errno
import json
import os
import signal
import sys

from reviewer import __version__
from reviewer.cli.agreement import add_agreement_parser
from reviewer.cli.cluster import add_cluster_options
from reviewer.cli.common import (
    WINDOW_USAGE,
    CliError,
    ProgressLine,
    jobs_count,
    open_project,
    print_json,
    shown,
)
from reviewer.cli.export import add_export_parser
from reviewer.cli.extract import cmd_extract, worker_count
from reviewer.cli.guidelines import add_guidelines_parser
from reviewer.cli.imports import add_import_parsers
from reviewer.cli.labels import add_labels_parser
from reviewer.cli.learn import add_train_parser
from reviewer.cli.plugins import add_extractor_options, load
from reviewer.cli.plugins import report as extractor_report
from reviewer.cli.signals import Terminated, stop_on_signals
from reviewer.cli.team import add_team_parsers


def cmd_reextract(args: argparse.Namespace) -> int:
    from reviewer.core.ingest import ReextractReport, reextract

    extractor = load(args)
    store = open_project(args.db)
    line = ProgressLine()
    report = ReextractReport()
    try:
        store.check_writable()
        reextract(store, progress=line, extractor=extractor, jobs=worker_count(args.jobs),
                  report=report)
    except KeyboardInterrupt:  # (a signal too) the batches written before it are kept
        line.done()
        print(f"reviewer: the re-extraction was stopped; {report.updated:,} posting"
              f"{'s' * (report.updated != 1)} updated, the rest kept as they were: run "
              "`reviewer reextract` again to finish", file=sys.stderr)
        raise
    finally:
        line.done()
        store.close()
    failed = extractor_report(extractor)
    print(report.describe())
    return failed


def cmd_stats(args: argparse.Namespace) -> int:
    from reviewer.core.words import escaped_controls as plain

    store = open_project(args.db)
    try:
        figures = store.reports.stats()
    finally:
        store.close()
    if args.json:
        print_json(figures)
        return 0
    status = figures["status"]
    print(f"{figures['postings']:,} postings: " + ", ".join(
        f"{n:,} {s}" for s, n in status.items()))
    for question, options in figures["labels"].items():  # names read from the file
        print(f"label {plain(question)}: " + ", ".join(f"{plain(o)} {n:,}"
                                                      for o, n in options.items()))
    if figures["spans"]:
        print("spans: " + ", ".join(f"{plain(k)} {n:,}" for k, n in figures["spans"].items()))
    shown = ["suggested", "accepted", "corrected", "rejected"]
    if any(states.get("adjudicated") for states in figures["field_states"].values()):
        shown.append("adjudicated")
    print(f"{'field':26s} " + " ".join(f"{s:>11}" for s in shown))
    for name, states in figures["field_states"].items():
        print(f"{plain(name):26s} " + " ".join(f"{states.get(s, 0):>11,}" for s in shown))
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from reviewer.core.ingest import figures_table, model_summary, project_model
    from reviewer.core.words import escaped_controls as plain

    store = open_project(args.db)
    try:
        figures = store.reports.evaluation()
        stages = store.reports.by_stage()
        reviewed = store.queue.count("reviewed")
        model = model_summary(store)
        # whether this version uses it: its figures are its own account either way
        loaded, note = project_model(store) if model is not None else (None, None)
    finally:
        store.close()
    if args.json:  # each field's figures, and each stage's for it under "stages"
        for stage, fields in stages.items():
            for name, entry in fields.items():
                figures.setdefault(name, {}).setdefault("stages", {})[stage] = entry
        if model is not None:  # the model's own cross-validation, under "learned model"
            figures["learned model"] = {"trained_at": model.trained_at,
                                        "postings": model.postings, "figures": model.figures,
                                        "in_use": loaded is not None,
                                        "not_used": None if loaded else note,
                                        "note": note}
        print_json(figures)
        return 0
    print(f"machine suggestions against the reviewers' values, {reviewed:,} reviewed postings")
    print(f"{'field':26s} {'accepted':>9} {'corrected':>9} {'rejected':>9} {'added':>7} "
          f"{'accuracy':>8}")
    for name, f in figures.items():
        acc = f"{f['accuracy']:.3f}" if f["accuracy"] is not None else "-"
        print(f"{plain(name):26s} {f['accepted']:>9,} {f['corrected']:>9,} {f['rejected']:>9,} "
              f"{f['added']:>7,} {acc:>8}")
    if stages:
        print("\neach stage's value against the reviewers' (as the suggestion or an "
              "alternative)")
        print(f"{'stage':18s} {'field':26s} {'offered':>8} {'won':>7} {'right':>7} "
              f"{'accuracy':>8}")
    for stage, fields in stages.items():
        total = {k: sum(f[k] for f in fields.values()) for k in ("offered", "won", "right")}
        total["accuracy"] = total["right"] / total["offered"]
        for name, f in {"(all fields)": total, **fields}.items():
            print(f"{plain(stage) or '(none)':18s} {plain(name):26s} {f['offered']:>8,} "
                  f"{f['won']:>7,} "
                  f"{f['right']:>7,} {f['accuracy']:>8.3f}")
    if model is None:
        print("\nno learned model yet ('reviewer train' learns from the reviewed postings)")
        return 0
    trained = plain(model.trained_at[:16]).replace('T', ' ')
    print(f"\nthe learned model (trained {trained} UTC on "
          f"{model.postings:,} reviewed postings), by cross-validation on them: the rules "
          "alone, the model alone, the two together (cascade)")
    for row in figures_table(model.figures):
        print("  " + row)
    if note is not None:
        print(plain(note))
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from reviewer.core.store import datasette_metadata, write_metadata

    if not args.metadata_only and not 1 <= args.port <= 65535:
        raise CliError("--port: give a port from 1 to 65535")
    if not args.metadata_only:
        try:
            import uvicorn
            from datasette.app import Datasette
        except ImportError as err:
            raise CliError("serve needs Datasette: pip install datasette (or write the "
                           "tables' descriptions for your own with --metadata-only)") from err
    store = open_project(args.db)  # checked, and brought to this version (its search index too)
    path, read_only = store.path, store.read_only
    store.close()
    if args.metadata_only:
        print(f"{(out := write_metadata(path))} written: datasette {path} -m {out}")
        return 0
    import socket

    with socket.socket() as probe:  # a port in use is said before Datasette starts
        if probe.connect_ex(("127.0.0.1", args.port)) == 0:
            raise CliError(f"port {args.port} is in use: choose another with --port N")
    files = {"immutables" if read_only else "files": [str(path)]}
    import datasette.handle_exception as answering

    # a bad request (a query that is no SELECT, an unknown sort column) is answered with
    # its error; where rich is installed Datasette also printed hundreds of lines of its
    # every local variable (the metadata whole) for it: plain tracebacks, for real errors
    answering.rich = None
    datasette = Datasette(metadata=datasette_metadata(path), **files)
    # the address Datasette routes: a name's dots and spaces as it writes them
    # ("jobs.2024" would be read as the page of format "2024")
    where = datasette.urls.database(path.stem)
    print(f"Datasette: http://127.0.0.1:{args.port}{where} (Ctrl+C stops it)", flush=True)
    uvicorn.run(datasette.app(), host="127.0.0.1", port=args.port, log_level="warning")
    return 0


def _jobs_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--jobs", "-j", type=jobs_count, default=1, metavar="N",
                        help="worker processes (0: one per core; default 1)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reviewer", epilog=WINDOW_USAGE, formatter_class=argparse.RawDescriptionHelpFormatter,
        allow_abbrev=False,
        description="Clean job-posting pages, extract their fields, review and label them.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--reviewer", metavar="NAME",
                        help="the name every edit made by the command carries (default: "
                             "REVIEWER_NAME, else your user name)")
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
    ext.add_argument("--jobs", "-j", type=jobs_count, default=None, metavar="N",
                     help="worker processes (0: one per core; default 1, and 2 with "
                          "--engine dask)")
    add_extractor_options(ext)
    add_cluster_options(ext)
    ext.set_defaults(func=cmd_extract)

    add_import_parsers(sub)
    add_export_parser(sub)

    rex = sub.add_parser(
        "reextract", help="clean and extract the stored pages again",
        description="Run the current cleaning and extraction over every stored page and "
                    "replace the machine's suggestions. People's decisions are kept; a "
                    "reviewed posting, and one whose cleaned text would change after people "
                    "worked on it, keeps its old text and suggestions.",
    )
    rex.add_argument("db", metavar="DB")
    _jobs_option(rex)
    add_extractor_options(rex)
    rex.set_defaults(func=cmd_reextract)
    add_train_parser(sub)
    add_team_parsers(sub)
    add_agreement_parser(sub)
    add_guidelines_parser(sub)

    add_labels_parser(sub)

    for name, func, text in (("stats", cmd_stats, "counts by status, label and field state"),
                             ("eval", cmd_eval, "how often reviewers accepted, corrected or "
                                                "rejected each machine suggestion, and how "
                                                "often each stage's value was theirs")):
        cmd = sub.add_parser(name, help=text, description=text[0].upper() + text[1:] + ".")
        cmd.add_argument("db", metavar="DB")
        cmd.add_argument("--json", action="store_true", help="print JSON")
        cmd.set_defaults(func=func)
    srv = sub.add_parser("serve", help="browse the project's tables in Datasette",
                         description="Run Datasette on 127.0.0.1 over the project, with a "
                                     "description of each table and column.")
    srv.add_argument("db", metavar="DB")
    srv.add_argument("--port", "-p", type=int, default=8001, metavar="N")
    srv.add_argument("--metadata-only", action="store_true", help="write the description "
                     "as DB.metadata.json for 'datasette DB -m DB.metadata.json' instead")
    srv.set_defaults(func=cmd_serve)
    for command in sub.choices.values():
        # an option is taken only as written ("--reviewer" after "split" was
        # "--reviewers" cut short), and the name of the edits goes after the command too
        command.allow_abbrev = False
        command.add_argument("--reviewer", metavar="NAME", default=argparse.SUPPRESS,
                             help="the name every edit made by the command carries (as "
                                  "before the command)")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.reviewer is not None:  # every store the command opens takes it from there
        os.environ["REVIEWER_NAME"] = args.reviewer
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    before = stop_on_signals()
    try:
        code: int = args.func(args)
    except CliError as err:
        _said(str(err))
        return 2
    except KeyboardInterrupt as stop:
        print("reviewer: stopped", file=sys.stderr)
        return 128 + stop.signum if isinstance(stop, Terminated) else 130
    except BrokenPipeError:
        sys.stderr.close()
        return 0
    except Exception as err:
        message = _problem(err, args)
        if message is None:
            raise
        _said(message)
        return 2
    finally:
        for signum, handler in before.items():
            signal.signal(signum, handler)
    return code


def _said(message: str) -> None:
    """A failure on stderr; the names it quotes (a file's, a column's) may hold a
    terminal's escape sequences: each line is printed with them shown, never obeyed."""
    print("\n".join(shown(f"reviewer: {line}" if n == 0 else line)
                    for n, line in enumerate(message.split("\n"))), file=sys.stderr)


def _problem(err: Exception, args: argparse.Namespace) -> str | None:
    """A failure of the project file (damaged, read-only, its disk full, held by another
    program) or of a file written, said in a line; None for anything else."""
    work = str(args.command)
    from reviewer.core.workers import worker_failure

    if (ended := worker_failure(err)) is not None:
        if work == "export":
            return f"{ended}: nothing was written. Run the export again."
        if work == "train":
            return (f"{ended}: no model was kept. Run it again; if it ends the same way, "
                    "run it with --jobs 1 (every field learnt in one process, in less "
                    "memory all told).")
        kept = "" if work == "extract" else "; what was stored before it is kept"
        return (f"{ended}{kept}. Run it again; if it ends the same way, run it with --jobs 1 "
                "to find the page that makes it end.")
    if getattr(args, "db", None):  # the project's modules are loaded: the command opened it
        from reviewer.core.store import DatabaseError, ProjectError, explain

        if isinstance(err, ProjectError):
            return str(err)
        if (message := explain(err, args.db, work=work)) is not None:
            return message
        if isinstance(err, DatabaseError):
            return f"{args.db} could not be read or written: {err}"
        if isinstance(err, json.JSONDecodeError) or (
                isinstance(err, TypeError) and "JSON serializable" in str(err)):
            where = "one of the files merged" if work == "merge" else args.db
            return (f"{where} holds a value that cannot be read ({type(err).__name__}: "
                    f"{str(err)[:120]}): one of its tables was edited by another program. "
                    "Keep a copy of the file, then correct or remove that value (reviewer "
                    "serve shows the tables).")
    if isinstance(err, OSError) and err.strerror:
        where = err.filename or getattr(args, "output", None) or "a file it writes"
        if err.errno in (errno.ENOSPC, errno.EDQUOT):
            return f"the disk is full ({where}): free some space and run the {work} again."
        if err.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            return (f"{where} is read-only ({err.strerror}): choose a place you can write to, "
                    "or make it writable.")
        return f"{where}: {err.strerror}."
    return None
