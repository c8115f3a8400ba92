"""``reviewer extract --engine dask --to-parquet OUT_DIR``: the pipeline on a Dask cluster,
into Parquet shards of canonical records that ``reviewer import`` takes as they are."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from reviewer.cli.common import CliError, ProgressLine, print_skipped, shown

if TYPE_CHECKING:  # (the cluster extra is imported when a run starts)
    from reviewer.core.cluster import ClusterReport

DEFAULT_WORKERS = 2  # the LocalCluster's worker processes when --jobs is not given


def add_cluster_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--engine", choices=("local", "dask"), default="local",
        help="local: this machine's processes (default); dask: partitions of the inputs on a "
             "Dask cluster (needs --to-parquet; pip install 'posting-reviewer[cluster]')")
    parser.add_argument(
        "--scheduler", metavar="ADDRESS",
        help="with --engine dask: a running scheduler (tcp://host:8786); default: a local "
             "cluster of --jobs worker processes (2 unless given) for the run")
    parser.add_argument(
        "--to-parquet", metavar="OUT_DIR",
        help="with --engine dask: write Parquet shards of canonical records and "
             "manifest.json into OUT_DIR (a folder or an fsspec URL), for 'reviewer import'")
    parser.add_argument(
        "--partition-size", type=_partition_size, metavar="N",
        help="with --engine dask: pages (or data-file rows) a partition (default 500)")
    parser.add_argument(
        "--column", metavar="NAME",
        help="with --engine dask: the page column of the data files (CSV, JSONL, JSON, "
             "Parquet), as 'reviewer import --column' takes it (default: found by its name)")


def _partition_size(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value}: a partition holds 1 page or more")
    return value


def uses_cluster(args: argparse.Namespace) -> bool:
    return getattr(args, "engine", "local") != "local" or bool(getattr(args, "to_parquet", None)) \
        or bool(getattr(args, "column", None)) or getattr(args, "partition_size", None) is not None


def cmd_cluster_extract(args: argparse.Namespace) -> int:
    if args.column and args.engine != "dask":
        raise CliError("--column goes with --engine dask (without it, each file is one "
                       "page; a data file's rows are imported with 'reviewer import "
                       "--column')")
    if args.engine != "dask" or not args.to_parquet:
        raise CliError("--to-parquet OUT_DIR goes with --engine dask, and --engine dask "
                       "with --to-parquet OUT_DIR" + (
                           " (--partition-size too)" if args.partition_size else ""))
    if args.extractor:
        raise CliError("--extractor runs in this process only; it does not go with "
                       "--engine dask, and a shard keeps no page for it to read later: run "
                       "it where the pages are read, 'reviewer import DB INPUTS... "
                       "--extractor ...'")
    try:
        from reviewer.core.cluster import extract_to_parquet
    except ImportError as err:  # pragma: no cover - the extra is in the test set
        raise CliError(f"running on Dask needs the cluster extra: pip install "
                       f"'posting-reviewer[cluster]' ({err})") from err
    _check_out_dir(args.to_parquet)
    from reviewer.cli.extract import worker_count

    workers = worker_count(DEFAULT_WORKERS if args.jobs is None else args.jobs)
    line = ProgressLine()
    from reviewer.core.cluster import ClusterReport, FolderInUse, SchedulerError

    report = ClusterReport(args.to_parquet)
    try:
        report = extract_to_parquet(args.files, args.to_parquet, scheduler=args.scheduler,
                                    partition_size=args.partition_size or 500, progress=line,
                                    workers=workers, column=args.column, report=report)
    except KeyboardInterrupt:  # (a signal too) what the folder holds now, said
        line.done()
        if report.left:
            print(f"reviewer: the run was stopped; {report.left}", file=sys.stderr)
        raise
    except SchedulerError as err:
        raise CliError(_with_left(str(err), report)) from err
    except ImportError as err:
        raise CliError(f"running on Dask needs the cluster extra: pip install "
                       f"'posting-reviewer[cluster]' ({err})") from err
    except FolderInUse as err:
        raise CliError(str(err)) from err
    except OSError as err:
        raise CliError(_with_left(f"{args.to_parquet}: {err}", report)) from err
    finally:
        line.done()
        if report.unlocked:
            print(f"reviewer: {report.out_dir} could not be locked (its file system keeps no "
                  "locks): a second run into it at once was not refused, and would mix its "
                  "shards with this run's", file=sys.stderr)
    print_skipped(report.skipped)
    for failed in report.failed:
        names = ", ".join(failed.inputs[:3]) + (" …" if len(failed.inputs) > 3 else "")
        print(shown(f"partition {failed.partition} failed ({len(failed.inputs)} inputs: "
                    f"{names}): {failed.error}"), file=sys.stderr)
    if report.replaced:
        print(f"replaced what an earlier run left in {report.out_dir}: "
              f"{_counted(report.replaced, 'file')} (its shards and manifest.json)",
              file=sys.stderr)
    if not report.partitions:
        print(f"nothing to extract: no page was found in the inputs; {report.out_dir} is "
              "left as it was", file=sys.stderr)
        return 1
    rate = report.records / report.seconds if report.seconds else 0.0
    written = sum(1 for shard in report.shards if shard.file)
    print(f"{_counted(report.records, 'record')} in {_counted(written, 'shard')} in "
          f"{report.out_dir} ({report.seconds:.1f} s, {rate:,.0f}/s); "
          f"{len(report.skipped):,} skipped, {len(report.failed):,} of "
          f"{_counted(report.partitions, 'partition')} failed")
    return 1 if report.failed or report.skipped else 0


def _counted(n: int, word: str) -> str:
    """``n`` and ``word``, plural but for 1: "1 shard", "3 shards"."""
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def _with_left(message: str, report: ClusterReport) -> str:
    """The message of a run that failed on its way, with what its folder holds now."""
    return f"{message}; {report.left}" if report.left else message


def _check_out_dir(out: str) -> None:
    """A local output folder that cannot take the shards, said before any work is done
    (not after all of it, naming a file of the manifest)."""
    import os
    from pathlib import Path

    from reviewer.core.cluster import is_url, local_path

    if is_url(out):
        return  # (a remote store says for itself)
    path = Path(local_path(out))
    if path.exists() and not path.is_dir():
        raise CliError(f"{out} is not a folder: give a folder for the shards")
    if path.is_dir() and not os.access(path, os.W_OK | os.X_OK):
        raise CliError(f"{out}: the folder cannot be written to")
