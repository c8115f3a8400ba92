"""Clean and extract the stored pages again, after the pipeline has improved.

The machine's suggestions are replaced; every person's decision is kept (see
``store.machine.replace``), and so are the values a data file's columns gave (the
``dataset`` stage), their evidence found again in the new cleaned text. Batches are
single transactions, so stopping at any point leaves a project that opens, and running
again finishes the rest. A plug-in extractor, given, is run over each batch after the
pipeline, before the batch is written (its readings of decided fields are not used).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reviewer.core.ingest.dataset import STAGE
from reviewer.core.ingest.importer import prepare_page
from reviewer.core.ingest.items import Skipped
from reviewer.core.ingest.pages import Work, finish, pipeline_page
from reviewer.core.ingest.training import project_model
from reviewer.core.store import Store

if TYPE_CHECKING:
    from reviewer.core.plugins import ExtractorRun

BATCH = 200


@dataclass
class ReextractReport:
    total: int = 0  # postings in the project when the run began
    seen: int = 0
    updated: int = 0
    unchanged: int = 0
    kept: int = 0  # reviewed, or the cleaned text changed and people had worked on the old one
    no_page: int = 0  # imported from a record that carries no raw page
    failed: int = 0
    seconds: float = 0.0
    cancelled: bool = False
    learned: bool = False  # the project's learned model read the postings too
    model_note: str | None = None  # why the project's learned model was not used

    def line(self) -> str:
        """Where the run is, in one line."""
        return (f"{self.seen:,} of {self.total:,} · {self.updated:,} updated · "
                f"{self.kept:,} kept")

    def describe(self) -> str:
        text = (f"{self.updated:,} {'posting' if self.updated == 1 else 'postings'} updated, "
                f"{self.unchanged:,} unchanged of {self.seen:,} ({self.seconds:.1f} s"
                f"{', with the project’s learned model' if self.learned else ''})")
        notes = [f"{n:,} {what}" for n, what in (
            (self.kept, "kept as they were: reviewed, or their cleaned text would change "
                        "and people had already worked on it"),
            (self.no_page, "without a stored page"),
            (self.failed, "failed to clean")) if n]
        if self.cancelled:
            notes.append("stopped before the end (run again to finish)")
        if self.model_note:
            notes.append(self.model_note)
        return text + ("; " + "; ".join(notes) if notes else "")


def reextract(store: Store, *, progress: Callable[[ReextractReport], None] | None = None,
              cancelled: Callable[[], bool] | None = None,
              batch: int = BATCH, extractor: ExtractorRun | None = None) -> ReextractReport:
    """Clean and extract every stored page again, in id order; ``extractor``
    (``plugins.load_extractor``) offers its readings too."""
    report = ReextractReport(total=store.queue.count())
    model, report.model_note = project_model(store)
    report.learned = model is not None
    started = time.perf_counter()
    after = 0
    while True:
        if cancelled is not None and cancelled():
            report.cancelled = True
            break
        rows = store.postings.stored_pages(after, batch)
        if not rows:
            break
        given = store.decisions.stage_values(rows[0][0], rows[-1][0], STAGE)
        after = rows[-1][0]
        pages: list[tuple[int, str, Work]] = []
        for pid, source, raw, kind, digest, metadata in rows:
            report.seen += 1
            if raw is None:
                report.no_page += 1
                continue
            pages.append((pid, raw, (source, raw, kind, json.loads(metadata), digest,
                                     given.get(pid, {}))))
        step = prepare_page if extractor is None and model is None else pipeline_page
        results = finish([step(work) for _pid, _raw, work in pages], extractor, model)
        with store.atomic():
            for (pid, raw, _work), prepared in zip(pages, results, strict=True):
                if isinstance(prepared, Skipped):
                    report.failed += 1
                    continue
                prepared.raw = raw
                outcome = store.machine.replace(pid, prepared)
                setattr(report, outcome, getattr(report, outcome) + 1)
        report.seconds = time.perf_counter() - started
        if progress is not None:
            progress(report)
    report.seconds = time.perf_counter() - started
    store.machine.log_run(report.updated, report.kept, report.cancelled)
    if progress is not None:
        progress(report)
    return report
