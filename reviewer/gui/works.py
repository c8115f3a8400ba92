"""What the window's long work runs: import, re-extract, export, merge and learning.

Each is a ``Work``: a function run in a worker thread (``jobs``) with its own
``Store(path)``, told its progress and asked whether it was cancelled; it never touches
a widget. ``ops.LongWork`` starts them and reports what they return.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reviewer.core.store import Store
from reviewer.gui.jobs import Cancelled, Progress

if TYPE_CHECKING:  # the long work's modules load when it is first asked for
    from reviewer.core.export import ExportSummary
    from reviewer.core.ingest import ImportReport, ReextractReport, TrainReport
    from reviewer.core.records import PostingRecord
    from reviewer.core.team import MergeReport

Work = Callable[[Progress, Callable[[], bool]], Any]


def import_work(project: Path, paths: list[Path],
                mapping: dict[str, str | None] | None = None, reviewer: str | None = None
                ) -> Work:
    """Import files and folders into the project at ``project``, data files' columns
    mapped by ``mapping`` where it says (see ``import_paths``); ``reviewer``: the name
    what it writes carries (each work below takes it too)."""
    def work(progress: Progress, cancelled: Callable[[], bool]) -> ImportReport:
        from reviewer.core.ingest import import_paths

        with Store(project, reviewer=reviewer) as store:
            return import_paths(store, paths, mapping=mapping, cancelled=cancelled,
                                progress=lambda r: progress(r.seen, 0, r.line()),
                                jobs=_worker_processes())
    return work


def _worker_processes() -> int:
    """The worker processes long work of the window may start: one per core, started
    from a server process (the window runs threads: it must not fork itself)."""
    from reviewer.core.workers import one_per_core, start_from_server

    start_from_server()
    return one_per_core()


def reextract_work(project: Path, reviewer: str | None = None) -> Work:
    """Clean and extract every stored page of the project again."""
    def work(progress: Progress, cancelled: Callable[[], bool]) -> ReextractReport:
        from reviewer.core.ingest import reextract

        with Store(project, reviewer=reviewer) as store:
            return reextract(store, cancelled=cancelled,
                             progress=lambda r: progress(r.seen, r.total, r.line()),
                             jobs=_worker_processes())
    return work


def export_work(project: Path, fmt: str, out: Path, reviewed_only: bool,
                reviewer: str | None = None) -> Work:
    """Export the project. The export is written beside ``out`` under another name and
    put in place when whole, so a cancelled or failed export leaves ``out`` as it was
    (the work returns None when cancelled)."""
    def work(progress: Progress, cancelled: Callable[[], bool]) -> ExportSummary | None:
        from reviewer.core.export import BULK_FORMATS, export, export_bulk, export_whole

        def written(done: int, total: int) -> None:
            if cancelled():
                raise Cancelled
            progress(done, total, f"{done:,} of {total:,} postings written")

        def write(part: Path) -> ExportSummary:
            if fmt in BULK_FORMATS:  # the whole project in one file: by worker processes
                return export_bulk(project, part, fmt, reviewed_only=reviewed_only,
                                   jobs=_worker_processes(), progress=written)
            # every value of one moment, while the window goes on saving edits
            with Store(project, reviewer=reviewer) as store, store.one_snapshot():
                total = store.queue.count("reviewed" if reviewed_only else None)

                def records() -> Iterator[PostingRecord]:
                    for n, record in enumerate(store.records.all(reviewed_only), 1):
                        if n % 100 == 0 or n == total:
                            written(n, total)
                        elif cancelled():
                            raise Cancelled
                        yield record

                return export(records(), fmt, part, schema=store.labels.schema(),
                              skills=store.meta.skills_label())
        try:
            return export_whole(out, write, fmt)
        except Cancelled:
            return None
    return work


def merge_work(project: Path, paths: list[Path], reviewer: str | None = None) -> Work:
    """Merge reviewers' project files into the project (``merge_projects``): its report,
    or why the files cannot be merged (nothing is written then). Cancelled, it stops
    between two batches, and its report says so."""
    def work(progress: Progress, cancelled: Callable[[], bool]) -> MergeReport | str:
        from reviewer.core.team import TeamError, merge_projects

        try:
            return merge_projects(project, paths, lambda done, total: progress(
                done, total, f"{done:,} of {total:,} postings merged"), reviewer, cancelled)
        except TeamError as err:
            return str(err)
    return work


@dataclass
class Learnt:
    """What training came to: the report (None when it did not train: ``refused`` says
    why, or it was cancelled), and how many postings are not reviewed yet."""

    report: TrainReport | None
    refused: str = ""
    unreviewed: int = 0


def train_work(project: Path, reviewer: str | None = None) -> Work:
    """Train the project's model on its reviewed postings and keep it in the file (see
    ``train_project``). Cancelled, it stops at its next step and keeps no model."""
    def work(progress: Progress, cancelled: Callable[[], bool]) -> Learnt:
        from reviewer.core.ingest import TrainingError, train_project

        with Store(project, create=False, reviewer=reviewer) as store:
            reviewed = store.queue.count("reviewed")
            unreviewed = store.queue.count() - reviewed

            def checkpoint() -> None:
                if cancelled():
                    raise Cancelled

            def step(done: int, total: int) -> None:
                checkpoint()
                progress(done, total, f"Learning from {reviewed:,} reviewed postings: step "
                                      f"{done:,} of {total:,}")

            progress(0, 0, f"Reading {reviewed:,} reviewed postings…")
            try:
                return Learnt(train_project(store, progress=step, checkpoint=checkpoint,
                                            jobs=_worker_processes()), unreviewed=unreviewed)
            except TrainingError as err:
                return Learnt(None, str(err), unreviewed)
            except Cancelled:
                return Learnt(None, unreviewed=unreviewed)
    return work
