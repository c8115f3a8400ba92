"""``reviewer split`` and ``reviewer merge``: a project shared among several reviewers,
one file each, and their files brought back together."""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path

from reviewer.cli.common import CliError, ProgressLine, open_project, shown


@dataclass
class _Done:
    work: str
    done: int
    total: int

    def line(self) -> str:
        return f"{self.work}: {self.done:,} of {self.total:,} postings"


def cmd_split(args: argparse.Namespace) -> int:
    from reviewer.core.team import TeamError, split_project

    names = [name.strip() for name in args.reviewers.split(",") if name.strip()]
    store = open_project(args.db)
    line = ProgressLine()
    try:
        report = split_project(store, names, Path(args.output), overlap=args.overlap,
                               copies=args.copies, force=args.force,
                               progress=lambda done, total: line(_Done("split", done, total)))
    except TeamError as err:
        raise CliError(str(err)) from err
    finally:
        line.done()
        store.close()
    for text in report.describe():
        print(text)
    return 0


def cmd_merge(args: argparse.Namespace) -> int:
    from reviewer.core.store import ProjectError
    from reviewer.core.team import TeamError, merge_projects

    names, paths = zip(*map(_named_input, args.inputs), strict=True)
    line = ProgressLine()
    try:
        report = merge_projects(args.db, paths, names=names,
                                progress=lambda done, total: line(_Done("merge", done, total)))
    except (TeamError, ProjectError) as err:
        raise CliError(str(err)) from err
    finally:
        line.done()
    for text in report.describe():
        print(text)
    if report.disagreements:
        print(f"the postings with disagreements: the list's filter 'disagreement' in "
              f"{shown(Path(args.db).name)}, or 'reviewer agreement {shown(args.db)}' for the "
              "figures")
    return 0


def _named_input(text: str) -> tuple[str | None, str]:
    """An input of ``reviewer merge`` as (the name given to its own work, its path):
    ``NAME=FILE``, cut at the first "=" after which a file is there (a name may hold
    one), else at the first; a file that is there by the whole text is a file."""
    if "=" not in text or Path(text).exists():
        return None, text
    cuts = [at for at, char in enumerate(text) if char == "="]
    at = next((at for at in cuts if Path(text[at + 1:]).exists()), cuts[0])
    name, path = text[:at].strip(), text[at + 1:]
    if "/" in name or "\\" in name:  # (no name: a path, of a file that is not there)
        return None, text
    if name.casefold() == "unknown":
        raise CliError(f"{shown(text)}: 'unknown' names work done before names were kept, "
                       "and a file's rows that name nobody: give its reviewer's own name")
    if not name or not path:
        raise CliError(f"{shown(text)}: give an input as FILE, or as NAME=FILE to name the "
                       "reviewer of its own work")
    return name, path


def _share(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError("a share of the postings, 0 to 1")
    return value


def add_team_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    split = sub.add_parser(
        "split", help="one project file per reviewer, a share of the postings shared",
        description="Write DIR/<name>.db for each reviewer: the project's label schema, "
                    "guidelines, column mappings and learned model, and the postings that "
                    "reviewer is to review as the machine left them (decisions stay in DB). "
                    "Each posting goes to one reviewer, a share of them (--overlap) to "
                    "--copies reviewers, for measuring agreement; deterministic by each "
                    "page's hash. 'reviewer merge' brings the files back together.")
    split.add_argument("db", metavar="DB")
    split.add_argument("--reviewers", required=True, metavar="NAMES",
                       help="the reviewers, comma separated: ana,ben,chen")
    split.add_argument("--overlap", type=_share, default=0.1, metavar="SHARE",
                       help="the share of postings given to several reviewers (default 0.1)")
    split.add_argument("--copies", type=int, default=2, metavar="N",
                       help="how many reviewers a shared posting goes to (default 2)")
    split.add_argument("-o", "--output", required=True, metavar="DIR",
                       help="the folder the files are written to")
    split.add_argument("--force", action="store_true", help="replace files there already")
    split.set_defaults(func=cmd_split)

    merge = sub.add_parser(
        "merge", help="bring reviewers' project files together",
        description="Merge project files into OUT (made if missing; it may be the project "
                    "they were split from). Postings match by their page hash. Every "
                    "decision becomes its reviewer's value; where the reviewers agree it is "
                    "the final decision, where they differ the posting is marked a "
                    "disagreement for adjudication. An adjudicated decision is never "
                    "replaced, and merging a file again changes nothing. Files whose "
                    "reviewers kept one name count as one reviewer's; where their values "
                    "differ the report says so, and how to name each file's reviewer "
                    "(NAME=FILE).")
    merge.add_argument("db", metavar="OUT")
    merge.add_argument("inputs", nargs="+", metavar="[NAME=]FILE",
                       help="a reviewer's project file; NAME=FILE: the file's own work is "
                            "NAME's, whatever name its rows carry (ana=p1.db ben=p2.db, for "
                            "two people who kept one name); of a merged file, only its "
                            "rows that name nobody (its reviewers and who ruled there keep "
                            "their names)")
    merge.set_defaults(func=cmd_merge)
