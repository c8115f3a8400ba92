"""Extraction on a Dask cluster: partitions of the inputs mapped over its workers, each
written as one Parquet shard of canonical records, and a manifest beside them.

Each worker runs ``run_partition``: it reads its partition's pages (``inputs.read_part``),
runs the pipeline over them (``pages.extract_item``) and writes the shard itself (to the
output folder, local or an fsspec URL, so records never travel back through the
scheduler), returning only counts and the pages it could not read. A partition that fails
(a shard that cannot be written, a worker lost, a bug) is reported with its inputs and
its error, and the others are written; ``manifest.json`` lists both, so that importing the
folder reports what is not in it. A run replaces the shards and manifest an earlier run
left in its output folder: they are not this run's. They are set aside while it runs and
removed once its manifest is written; a run that extracted nothing, or stopped on its
way, puts them back. Its workers write in a hidden folder of the run's own, whose shards
the run moves into place as it learns of them (``earlier`` says why).
"""

from __future__ import annotations

import contextlib
import importlib
import os
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import orjson

from reviewer.core.cluster.client import cluster_client, finished
from reviewer.core.cluster.earlier import (
    drop_own,
    earlier_output,
    own_folder,
    put_back,
    recover,
    remove,
    replace_earlier,
    set_aside,
    take_shard,
)
from reviewer.core.cluster.folder_lock import held
from reviewer.core.cluster.inputs import Part, is_url, local_path, partitions, read_part
from reviewer.core.cluster.pages import extract_item, now
from reviewer.core.ingest import Skipped
from reviewer.core.ingest.shards import (
    MANIFEST,
    MANIFEST_KEY,
    MANIFEST_VERSION,
    shard_table,
)
from reviewer.core.words import valid_name

PARTITION_SIZE = 500  # pages a partition (rows of a data file)
WORKERS = 2  # worker processes of the LocalCluster made when no scheduler is given


@dataclass
class ShardResult:
    """What one partition gave: its shard (``file`` in the output folder; None when no
    page of it gave a record), how many records, and the pages it could not read."""

    partition: int
    file: str | None
    records: int
    inputs: list[str]
    skipped: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0


@dataclass
class PartitionFailure:
    """A partition that failed as a whole: nothing of it was written (``stopped``: the
    run stopped before it was, ``error`` says why)."""

    partition: int
    inputs: list[str]
    error: str
    stopped: bool = False


@dataclass
class ClusterReport:
    """How a run went: the shards written, the partitions that failed, the inputs and pages
    that could not be read."""

    out_dir: str
    partitions: int = 0
    shards: list[ShardResult] = field(default_factory=list)
    failed: list[PartitionFailure] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    seconds: float = 0.0
    scheduler: str = ""
    replaced: int = 0  # files an earlier run left in the output folder, removed
    left: str = ""  # after a run that stopped on its way: what the output folder holds
    unlocked: bool = False  # its folder could not be locked (a file system without locks)

    @property
    def records(self) -> int:
        return sum(shard.records for shard in self.shards)

    def line(self) -> str:
        """Where the run is, in one line."""
        rate = self.records / self.seconds if self.seconds else 0.0
        return (f"{len(self.shards) + len(self.failed):,}/{self.partitions:,} partitions · "
                f"{self.records:,} records · {len(self.skipped):,} skipped · "
                f"{len(self.failed):,} failed · {rate:,.0f}/s")


Progress = Callable[[ClusterReport], None]


def run_partition(part: Part, out_dir: str, stamp: str, column: str | None = None,
                  make_dir: bool = True) -> ShardResult:
    """Read, clean and extract one partition and write its shard (runs on a worker);
    ``column``: the page column of its data files (None: found by its name);
    ``make_dir``: False when ``out_dir`` is not to be made (a run's own folder, gone
    once the run ended: a task that ends late writes nothing)."""
    started = time.perf_counter()
    records: list[Any] = []
    skipped: list[tuple[str, str]] = []
    for result in read_part(part, column):
        done = result if isinstance(result, Skipped) else extract_item(result, stamp)
        if isinstance(done, Skipped):
            skipped.append((done.source, done.reason))
        else:
            records.append(done)
    name = f"part-{part.index:05d}.parquet" if records else None
    if name is not None:
        write_shard(records, out_dir, name, make_dir)
    return ShardResult(part.index, name, len(records), part.names(), skipped,
                       time.perf_counter() - started)


def write_shard(records: Iterable[Any], out_dir: str, name: str,
                make_dir: bool = True) -> None:
    """``records`` as the Parquet shard ``name`` in ``out_dir`` (made if missing, with
    ``make_dir``), put in place when whole."""
    pq: Any = importlib.import_module("pyarrow.parquet")
    table = shard_table(records)
    if make_dir:
        _makedirs(out_dir)
    if is_url(out_dir):
        with _fs_open(f"{out_dir.rstrip('/')}/{name}") as stream:
            pq.write_table(table, stream)
        return
    target = Path(out_dir) / name
    partial = target.with_name(f".{name}.{uuid.uuid4().hex[:8]}.partial")
    try:
        pq.write_table(table, partial)
        os.replace(partial, target)
    finally:
        with contextlib.suppress(OSError):
            partial.unlink()


def extract_to_parquet(
    inputs: Iterable[str | Path], out_dir: str | Path, scheduler: str | None = None,
    partition_size: int = PARTITION_SIZE, progress: Progress | None = None,
    workers: int = WORKERS, column: str | None = None, report: ClusterReport | None = None,
) -> ClusterReport:
    """Clean and extract every page of ``inputs`` on a Dask cluster into Parquet shards
    of canonical records in ``out_dir`` (made if missing), with ``manifest.json``.

    ``inputs``: page files, folders, globs, zips and data files (JSONL, JSON, CSV,
    Parquet), local or fsspec URLs. ``scheduler``: the address of a running Dask scheduler
    (``tcp://host:8786``); None starts a ``LocalCluster`` of ``workers`` processes for
    the run. ``column``: the page column of the data files (as ``reviewer import
    --column``). ``report``: filled as the run goes (made when not given), so that a
    caller stopped by Ctrl+C knows what the folder holds (``left``). Needs the ``cluster``
    extra (``pip install 'posting-reviewer[cluster]'``), and on a remote cluster
    posting-reviewer installed on every worker. A run holds its local output folder:
    another run into it at once is refused (``FolderInUse``, an OSError)."""
    inputs = list(inputs)
    out = local_path(str(out_dir))
    if scheduler:  # its workers' working folder is not this one
        inputs = [x if is_url(str(x)) else os.path.abspath(local_path(str(x)))
                  for x in inputs]
        out = out if is_url(out) else os.path.abspath(out)
    report = report or ClusterReport(out)
    report.out_dir = out
    started = time.perf_counter()
    parts, report.skipped = partitions(inputs, max(1, partition_size), leave_out=out)
    report.partitions = len(parts)
    if not parts:  # nothing to extract: the folder stays as it was, or is not made
        report.seconds = time.perf_counter() - started
        return report
    _makedirs(out)
    with held(out) as locked:  # (FolderInUse while another run writes into it)
        report.unlocked = not locked
        recover(out)
        earlier = earlier_output(out)  # (before the run: a file no run wrote stops it)
        _keep_inputs(parts, earlier)
        run = _Run(report, parts, [str(x) for x in inputs], earlier, started)
        try:
            run.extract(scheduler, workers, column, progress)
            run.finish()
        except BaseException as err:  # stopped (Ctrl+C, no worker left) or failed
            report.left = run.stopped(err)
            report.seconds = time.perf_counter() - started
            raise
    report.seconds = time.perf_counter() - started
    return report


@dataclass
class _Run:
    """A run under way: its partitions, and the earlier run's output it set aside."""

    report: ClusterReport
    parts: list[Part]
    inputs: list[str]
    earlier: list[str]
    started: float
    begun: bool = False  # the earlier output set aside, partitions sent to the cluster
    aside: Path | None = None
    own: str = ""  # the folder its workers write in
    whole: bool = False  # its manifest written: the folder holds this run's output

    def extract(self, scheduler: str | None, workers: int, column: str | None,
                progress: Progress | None) -> None:
        report, out, stamp = self.report, self.report.out_dir, now()
        with cluster_client(scheduler, workers) as client:
            # (only now: a run that cannot start leaves the earlier one's output as it was)
            self.aside = set_aside(out, self.earlier)
            self.begun = True
            report.scheduler = str(client.scheduler.address)
            run = uuid.uuid4().hex[:8]
            self.own = own_folder(out, run)
            keys = [f"reviewer-part-{run}-{part.index}" for part in self.parts]
            futures = client.map(run_partition, self.parts, out_dir=self.own, stamp=stamp,
                                 column=column, make_dir=False, key=keys, retries=0)
            by_key = {key: part for key, part in zip(keys, self.parts, strict=True)}
            for future in finished(client, futures):
                _collect(future, by_key[future.key], report, self.own)
                report.seconds = time.perf_counter() - self.started
                if progress is not None:
                    progress(report)

    def finish(self) -> None:
        """The run's manifest written, then the earlier run's output removed; or, when the
        run wrote no shard, that output put back (the folder as it was). At each step the
        folder holds one run's output whole, or ``recover`` puts it back."""
        report, out = self.report, self.report.out_dir
        if self.aside is not None and not any(shard.file for shard in report.shards):
            put_back(self.aside)  # nothing extracted: the folder stays as it was
        else:
            report.replaced = len(self.earlier)
            report.shards.sort(key=lambda shard: shard.partition)
            report.failed.sort(key=lambda failure: failure.partition)
            write_manifest(report, self.inputs)
            self.whole = True
            remove(self.aside)
        if self.own:
            drop_own(out, self.own)

    def stopped(self, err: BaseException) -> str:
        """Put the output folder in order after the run stopped or failed on its way (its
        cluster closed, or a task of it still running: it writes nowhere but the run's own
        folder, removed here), and say what it holds. An earlier run's output set aside is
        put back as it was and this run's shards removed: a run replaces it whole or not
        at all. With none, the shards written stay, with a manifest that lists each
        partition not written as failed, so that an import says which inputs are
        missing. Stopped once its manifest was written, the run's output stays whole."""
        report, out = self.report, self.report.out_dir
        try:
            recover(out)  # (as the next run would: the earlier output put back, or removed)
            written = [shard.file for shard in report.shards if shard.file]
            if not self.begun:
                return ""  # (nothing in the folder was touched, or it is as it was again)
            if self.whole:
                return (f"{out} holds this run's output whole: {_counted(len(written), 'shard')}"
                        f" ({report.records:,} records) and its manifest.json")
            if self.aside is not None:  # (a local folder)
                return (f"{out} holds the earlier run's output again, as it was"
                        + (f" (the {_counted(len(written), 'shard')} this run wrote "
                           f"{'is' if len(written) == 1 else 'are'} removed)"
                           if written else ""))
            # a shard of a partition not collected: its inputs are listed as not written
            replace_earlier(out, [name for name in earlier_output(out)
                                  if name.rsplit("/", 1)[-1] not in written])
            if not written:
                return f"this run wrote nothing into {out}"
            why = _why_stopped(err)
            done = {s.partition for s in report.shards} | {f.partition for f in report.failed}
            report.failed += [PartitionFailure(part.index, part.names(), why, stopped=True)
                              for part in self.parts if part.index not in done]
            self.finish()
        except Exception as problem:  # (the stop itself is what the caller says)
            return f"{out} could not be put in order ({type(problem).__name__}: {problem})"
        return (f"{out} holds the {_counted(len(written), 'shard')} this run wrote "
                f"({report.records:,} records) and a manifest.json that lists the "
                f"{_counted(len(report.failed), 'partition')} it did not write: an import "
                "takes what was written and says which inputs are missing")


def _counted(n: int, word: str) -> str:
    """``n`` and ``word``, plural but for 1: "1 shard", "3 shards"."""
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def _why_stopped(err: BaseException) -> str:
    """Why the partitions a run stopped before were not written, as its manifest says."""
    if isinstance(err, KeyboardInterrupt):
        return "the run was stopped (Ctrl+C or a signal)"
    return f"the run stopped: {err}"[:500]


def _keep_inputs(parts: list[Part], earlier: list[str]) -> None:
    """FileExistsError when a shard or manifest an earlier run left in the output folder,
    which this run would replace, is one of its inputs (named, or matched by a pattern)."""
    if not earlier or is_url(earlier[0]):
        return
    theirs = {os.path.realpath(name): name for name in earlier}
    for part in parts:
        for piece in part.pieces:
            found = theirs.get(os.path.realpath(piece.url)) if not is_url(piece.url) else None
            if found is not None:
                raise FileExistsError(
                    f"the output folder's {Path(found).name} is one of its inputs, and a run "
                    "replaces what an earlier one left there: give another output folder")


def _collect(future: Any, part: Part, report: ClusterReport, own: str) -> None:
    """What a partition's task gave, in ``report``: its shard moved from the run's own
    folder ``own`` into place (a shard that cannot be is its partition's failure), or
    why it failed."""
    if future.status == "finished":
        shard: ShardResult = future.result()
        try:
            if shard.file:
                take_shard(report.out_dir, own, shard.file)
        except OSError as err:
            message = f"{type(err).__name__}: {err}"
        else:
            report.shards.append(shard)
            report.skipped.extend(Skipped(source, reason) for source, reason in shard.skipped)
            return
    else:
        try:
            error = future.exception()
            message = f"{type(error).__name__}: {error}"
        except Exception as err:  # the scheduler lost it: that is the error
            message = f"{type(err).__name__}: {err}"
    report.failed.append(PartitionFailure(part.index, part.names(), message))


def write_manifest(report: ClusterReport, inputs: list[str]) -> None:
    """``manifest.json`` in the output folder: the shards, what failed, what was skipped
    (a name that is not UTF-8 written with its bytes as ``\\xff``)."""
    doc = _names({
        MANIFEST_KEY: MANIFEST_VERSION, "inputs": inputs, "partitions": report.partitions,
        "records": report.records,
        "shards": [{"file": s.file, "partition": s.partition, "records": s.records,
                    "inputs": s.inputs} for s in report.shards if s.file is not None],
        "failed": [asdict(f) for f in report.failed],
        "skipped": [{"source": s.source, "reason": s.reason} for s in report.skipped],
    })
    data = orjson.dumps(doc, option=orjson.OPT_INDENT_2)
    if is_url(report.out_dir):
        with _fs_open(f"{report.out_dir.rstrip('/')}/{MANIFEST}") as stream:
            stream.write(data)
        return
    target = Path(report.out_dir) / MANIFEST
    partial = target.with_name(f".{MANIFEST}.partial")
    partial.write_bytes(data)
    os.replace(partial, target)


def _names(value: Any) -> Any:
    """``value`` with every text in it as ``valid_name`` writes a file name."""
    if isinstance(value, str):
        return valid_name(value)
    if isinstance(value, dict):
        return {key: _names(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_names(item) for item in value]
    return value


def _makedirs(out: str) -> None:
    if is_url(out):
        fsspec: Any = importlib.import_module("fsspec")
        fs, path = fsspec.core.url_to_fs(out)
        fs.makedirs(path, exist_ok=True)
    else:
        Path(out).mkdir(parents=True, exist_ok=True)


def _fs_open(url: str) -> Any:
    fsspec: Any = importlib.import_module("fsspec")
    return fsspec.open(url, "wb").open()
