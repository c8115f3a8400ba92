"""Long work started from the window: import, re-extract, export, merge and learning.

Each runs in a worker thread (``jobs``) with its own ``Store(path)``, behind a
window-modal progress dialog that can cancel it (or, learning again after some reviews,
with none: the review goes on); its result comes back on the GUI thread. ``LongWork``
launches one at a time and reports the outcome; what each runs is in ``works``.
"""

from __future__ import annotations

import errno
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from reviewer.core.store import DatabaseError, ProjectError, Store, explain
from reviewer.core.workers import worker_failure
from reviewer.gui.jobs import Job, JobDialog, start
from reviewer.gui.plain import message_box
from reviewer.gui.works import Work, export_work, import_work, merge_work, reextract_work

if TYPE_CHECKING:  # the long work's modules load when it is first asked for
    from reviewer.core.export import ExportSummary
    from reviewer.core.ingest import ImportReport, ReextractReport
    from reviewer.core.team import MergeReport
    from reviewer.gui.learning import Learning
    from reviewer.gui.review_flow import ReviewFlow

IMPORT_READS = ("Import reads HTML pages, text and Markdown files, folders of them, .zip "
                "archives, JSONL or JSON whose objects have an 'html', 'text' or 'raw' key, "
                "CSV and Parquet files. Save the posting in one of these forms and import it "
                "again.")
_ROW = re.compile(r"#\d+$")  # a row of a data file, as an import names it ("jobs.csv#2")


def describe_error(err: Exception) -> str:
    """What went wrong, for a person, with what to do about it."""
    if isinstance(err, ProjectError):
        return _sentence(str(err))
    if (ended := worker_failure(err)) is not None:  # an export writes nothing then
        return (f"{ended[:1].upper()}{ended[1:]}. What the project held before it is kept; "
                "run it again.")
    if (problem := explain(err)) is not None:  # the project file: damaged, read-only, full
        return _sentence(problem)
    where = f"{err.filename}: " if isinstance(err, OSError) and err.filename else ""
    if isinstance(err, OSError) and err.errno in (errno.ENOSPC, errno.EDQUOT):
        return f"{where}the disk is full. Free some space and try again."
    if isinstance(err, OSError) and err.errno == errno.EROFS:
        return f"{where}read-only. Choose a place you may write to."
    if isinstance(err, PermissionError):
        return f"{err.filename}: permission denied. Choose a place you may write to."
    if isinstance(err, OSError) and err.strerror:
        return f"{where}{err.strerror}."
    if isinstance(err, ImportError | ValueError):
        return str(err)
    return (f"Something unexpected went wrong ({type(err).__name__}: {err}). What was finished "
            "is saved in the project; please report this with the file that caused it.")


def _sentence(text: str) -> str:
    return "The " + text[4:] if text.startswith("the ") else text


class LongWork(QObject):
    """One piece of long work at a time, behind a progress dialog on ``parent``."""

    status = Signal(str, int)  # a line for the status bar, and for how many ms
    project_changed = Signal()  # postings were added or extracted again: list them afresh
    rewriting = Signal()  # re-extract begins: edits before it cannot be undone after it

    def __init__(self, parent: QWidget, project: Path, store: Store | None = None,
                 settings: QSettings | None = None) -> None:
        super().__init__(parent)
        self.parent_widget = parent
        self.project = project
        self.store = store  # the window's, for the mappings a data file's preview remembers
        # who is reviewing: each worker's own store stamps the name on what it writes
        self.reviewer = store.reviewer if store is not None else None
        self.settings = settings  # how often to learn again is kept there
        self.import_dialog: Any = None  # the last data file's preview asked
        self.learner: Learning | None = None  # the Review menu's learning, once asked for
        self.job: Job | None = None  # the long work running, if any
        self.job_title = ""
        self.quiet = False  # the work running has no dialog: it runs while the review goes on
        self.job_dialog: JobDialog | None = None
        self.message_box: QMessageBox | None = None  # the last report shown
        self.closing = False  # no late results: the window is closing

    def run(self, title: str, work: Work, done: Callable[[Any], None],
            quiet: bool = False) -> bool:
        """Run ``work`` in a worker thread behind a progress dialog; ``done`` gets its
        result on this thread. ``quiet``: with no dialog, and a failure said on the
        status bar. False if other long work is still running."""
        if self.job is not None:
            if not quiet:
                self.status.emit("Wait for the work in progress to finish" + (
                    f" ({self.job_title.lower()}, in the background)." if self.quiet
                    else "."), 6000)
            return False
        job = Job(work, describe_error)
        dialog = None if quiet else JobDialog(self.parent_widget, title, job)
        job.signals.finished.connect(lambda result: self._ended(done, result))
        job.signals.failed.connect(lambda message: self._ended(
            lambda _r: self.status.emit(f"{title} failed: {message}", 15000) if quiet
            else self.report(f"{title} failed", message, error=True), None))
        self.job, self.job_title, self.quiet = job, title, quiet
        if dialog is not None:
            self.job_dialog = dialog
            dialog.show()
        start(job)
        return True

    def cancel(self) -> None:
        """Stop the running work at its next batch; what is done stays."""
        self.closing = True
        if self.job is not None:
            self.job.cancel()
            self.job = None

    def report(self, title: str, text: str, details: str = "", error: bool = False) -> None:
        """A message the window goes on behind (kept in ``message_box`` for tests)."""
        icon = QMessageBox.Icon.Warning if error else QMessageBox.Icon.Information
        # plain text, set before the text is: file names and errors may look like HTML
        self.message_box = message_box(icon, title, text, QMessageBox.StandardButton.Ok,
                                       self.parent_widget)
        if details:
            self.message_box.setDetailedText(details)
        self.message_box.open()

    def report_import(self, report: ImportReport) -> None:
        """What an import did: a status line, or a message naming what was skipped."""
        workers = f", {report.workers} worker processes" if report.workers > 1 else ""
        added = "posting" if report.added == 1 else "postings"
        text = (f"{report.added:,} {added} added, {report.duplicates:,} already in the "
                f"project ({report.seconds:.1f} s{workers}).")
        if report.cancelled:
            text += " Stopped before the end: import the same files again to add the rest."
        notes = [n for n in (report.rows_note(), report.reviewers_note(), report.aside_note())
                 if n is not None]
        for note in notes:
            text += f"\n\n{note}"
        if report.left_out and not report.skipped:
            first = report.left_out_examples[0]
            cells = sum(report.left_out.values())
            self.report("Imported", f"{text}\n\n{cells:,} cells of mapped columns could not be "
                        f"read as their field's value and were left out of the fields (kept "
                        f"in each posting's source data), for example {first.column} "
                        f"“{first.value[:60]}”: {first.reason}.",
                        details="\n".join(f"{x.source}: {x.column} “{x.value[:200]}”: "
                                          f"{x.reason}" for x in report.left_out_examples))
            return
        if not report.skipped:
            if notes:  # what was left out is said where it cannot be missed
                self.report("Imported", text)
            else:
                self.status.emit(text, 10000)
            return
        first = report.skipped[0]
        count = len(report.skipped)
        head = (f"{Path(first.source).name} could not be imported: {first.reason}." if count == 1
                else f"{count:,} inputs could not be imported, for example "
                     f"{Path(first.source).name}: {first.reason}.")
        done = f"\n\n{text}" if report.added or report.duplicates else ""
        # a row of a data file skipped ("jobs.csv#2": an empty page cell) needs no other
        # form of file: the forms are said where a whole file was not read
        files = [s for s in report.skipped if not _ROW.search(s.source)]
        reads = f"\n\n{IMPORT_READS}" if files else ""
        title = "Not imported" if not report.added else \
            f"Imported, {'one' if count == 1 else f'{count:,}'} skipped"
        self.report(title, f"{head}{done}{reads}",
                    details="\n".join(f"{s.source}: {s.reason}" for s in report.skipped),
                    error=True)

    # --- the File menu's long work ------------------------------------------------------

    def choose_import(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self.parent_widget, "Import postings", str(self.project.parent),
            "Postings (*.html *.htm *.txt *.md *.jsonl *.json *.csv *.parquet *.zip);;"
            "All files (*)")
        if files:
            self.import_files([Path(f) for f in files])

    def choose_import_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self.parent_widget, "Import every posting in a folder", str(self.project.parent))
        if folder:
            self.import_files([Path(folder)])

    def import_files(self, paths: list[Path], mapping: dict[str, str | None] | None = None
                     ) -> bool:
        """Import files and folders into this project, off the GUI thread. A data file
        chosen (CSV, JSON, JSONL, Parquet) is previewed first, with the columns mapped to
        the page and the fields, to confirm or change (``mapping``)."""
        from reviewer.gui.import_preview import ImportPreviewDialog, is_data_file

        data = [p for p in paths if is_data_file(p)]
        if data and mapping is None:
            dialog = ImportPreviewDialog(self.parent_widget, data[0], self.store)
            dialog.accepted.connect(lambda: self.import_files(paths, dialog.chosen()))
            self.import_dialog = dialog
            dialog.open()
            return True

        def done(report: ImportReport) -> None:
            self.project_changed.emit()
            self.report_import(report)

        return self.run("Importing postings", import_work(self.project, paths, mapping,
                                                            self.reviewer), done)

    def confirm_reextract(self) -> None:
        box = QMessageBox(QMessageBox.Icon.Question, "Clean and extract again",
                          "Clean every stored page again and replace the machine's suggestions? "
                          "Your decisions are kept; a posting you worked on keeps its text. "
                          "Edits made before cannot be undone afterwards.",
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                          self.parent_widget)
        box.accepted.connect(self.run_reextract)
        self.message_box = box
        box.open()

    def run_reextract(self) -> bool:
        def done(report: ReextractReport) -> None:
            self.project_changed.emit()
            self.report("Cleaned and extracted again", report.describe() + ".")

        if not self.run("Cleaning and extracting again",
                        reextract_work(self.project, self.reviewer), done):
            return False
        self.rewriting.emit()  # the edits' snapshots would bring back the old suggestions
        return True

    def choose_export(self, reviewed: int, total: int) -> None:
        from reviewer.gui.dialogs import ExportDialog

        dialog = ExportDialog(self.parent_widget, self.project, reviewed, total)
        dialog.accepted.connect(lambda: self.run_export(*dialog.choice()))
        self.export_dialog = dialog
        dialog.open()

    def run_export(self, fmt: str, out: Path, reviewed_only: bool) -> bool:
        """Export off the GUI thread (see ``export_work``)."""
        def done(summary: ExportSummary | None) -> None:
            if summary is None:
                self.status.emit("Export cancelled; nothing was written.", 8000)
            else:
                again = ("\n\nThe project changed while it was exported: exported again "
                         "from one moment, in one process." if summary.again else "")
                # the files, but for the output the summary names already
                others = [str(f) for f in summary.files if Path(f).absolute() != out.absolute()]
                self.report("Exported", summary.describe(out) + (
                    ":\n" + "\n".join(others) if others else ".")
                    + again + self._differing(reviewed_only))

        return self.run("Exporting", export_work(self.project, fmt, out,
                                                            reviewed_only, self.reviewer), done)

    def _differing(self, reviewed_only: bool) -> str:
        """The notes on postings exported whose reviewers still differ, and on those left
        out as their status is undecided ("" for none)."""
        from reviewer.core.export import differing_note, status_undecided_note

        try:
            count = self.store.queue.count("reviewed" if reviewed_only else None,
                                           "disagreement") if self.store else 0
            left_out = self.store.reviews.status_undecided() if (
                self.store and reviewed_only) else 0
        except DatabaseError:
            return ""
        notes = [differing_note(count), status_undecided_note(
            left_out, "clear 'Only reviewed postings'")]
        return "".join(f"\n\n{note}" for note in notes if note)

    def choose_merge(self) -> None:
        """File → Merge reviewers' files…: their decisions into this project."""
        files, _ = QFileDialog.getOpenFileNames(
            self.parent_widget, "Merge reviewers' project files into this one",
            str(self.project.parent), "Projects (*.db *.sqlite);;All files (*)")
        if files:
            self.merge_files([Path(f) for f in files])

    def merge_files(self, paths: list[Path]) -> bool:
        """Merge reviewers' project files into this one off the GUI thread (see
        ``merge_work``), then list the postings again and say what came of it."""
        def done(result: MergeReport | str) -> None:
            self.project_changed.emit()
            if isinstance(result, str):
                self.report("Not merged", result[:1].upper() + result[1:] + ".", error=True)
            else:
                self.report("Merge stopped" if result.stopped else "Merged",
                            "\n".join(result.describe()))

        if not self.run("Merging reviewers' files", merge_work(self.project, paths,
                                                                     self.reviewer), done):
            return False
        self.rewriting.emit()  # earlier edits' undo would put back what the merge changed
        return True

    def learning_actions(self, flow: ReviewFlow) -> dict[str, Callable[[], Any]]:
        """The Review menu's learning (``learning.Learning``): its actions' handlers.
        It learns again as ``flow`` marks postings reviewed, when the settings say so."""
        from reviewer.gui.learning import Learning

        self.learner = Learning(self, flow.store, flow.changed, self.settings)
        return self.learner.handlers()

    def _ended(self, done: Callable[[Any], None], result: Any) -> None:
        self.job, self.quiet = None, False
        if not self.closing:
            done(result)
