"""``reviewer train``: the project learns from its reviewed postings."""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass

from reviewer.cli.common import CliError, ProgressLine, jobs_count, open_project


@dataclass
class _Step:
    done: int
    total: int

    def line(self) -> str:
        return f"training: step {self.done:,} of {self.total:,}"


def cmd_train(args: argparse.Namespace) -> int:
    from reviewer.core.ingest import TrainingError, train_project

    store = open_project(args.db)
    line = ProgressLine()
    try:
        store.check_writable()
        try:
            report = train_project(store, progress=lambda done, total: line(_Step(done, total)),
                                   jobs=args.jobs or None)
        except TrainingError as err:
            raise CliError(str(err)) from err
    finally:
        line.done()
        store.close()
    if args.json:
        print(json.dumps({"postings": report.postings, "seconds": round(report.seconds, 2),
                          "bytes": report.model_bytes, "figures": report.figures}, indent=2))
        return 0
    print(report.describe())
    print("cross-validated accuracy on the reviewed postings (held out in turn):")
    for row in report.table():
        print("  " + row)
    print("'reviewer reextract' puts its suggestions on the postings not yet reviewed; "
          "new imports get them at once.")
    return 0


def add_train_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    train = sub.add_parser(
        "train", help="learn from the reviewed postings",
        description="Train the project's own model on its reviewed postings (the values "
                    "their fields were left with, and their label answers) and keep it in "
                    "the project file, in place of the one before. Re-extract and new "
                    "imports then add its suggestions beside the rules'; reviewed postings "
                    "are never changed.",
    )
    train.add_argument("db", metavar="DB")
    train.add_argument("--json", action="store_true", help="print the figures as JSON")
    train.add_argument("--jobs", "-j", type=jobs_count, default=0, metavar="N",
                       help="worker processes the fields read as spans learn in, from 200 "
                            "reviewed postings on (0: one per core, the default; 1: none, "
                            "all learnt in this process)")
    train.set_defaults(func=cmd_train)
