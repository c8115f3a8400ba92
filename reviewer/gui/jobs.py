"""Long work (import, re-extract, export) off the GUI thread, with a progress dialog.

A ``Job`` runs one function in the global ``QThreadPool``. The function opens its own
connection to the project, gets ``progress(done, total, text)`` and ``cancelled()``
callables, and never touches a widget; it reports through ``JobSignals``, whose slots
run on the GUI thread. ``JobDialog`` shows the progress and cancels the job.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QLabel, QProgressDialog, QWidget

Progress = Callable[[int, int, str], None]  # done, total (0: not known), what to show
Work = Callable[[Progress, Callable[[], bool]], Any]


class Cancelled(Exception):
    """Raised inside a job's work to stop it when the user cancelled."""


class JobSignals(QObject):
    progress = Signal(int, int, str)
    finished = Signal(object)  # the work's result
    failed = Signal(str)  # a message for a person


class Job(QRunnable):
    def __init__(self, work: Work, describe_error: Callable[[Exception], str]) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the window keeps it until it has reported
        self.work, self.describe_error = work, describe_error
        self.signals = JobSignals()
        self._cancel = threading.Event()
        self.on_cancel: list[Callable[[], None]] = []  # called (on this thread) by cancel

    def cancel(self) -> None:
        self._cancel.set()
        for stop in list(self.on_cancel):
            stop()

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        try:
            result = self.work(self.signals.progress.emit, self.cancelled)
        except Exception as err:  # reported to the user, never raised into Qt
            self.signals.failed.emit(self.describe_error(err))
        else:
            self.signals.finished.emit(result)


class JobDialog(QProgressDialog):
    """A window-modal progress dialog for one job; Cancel asks the job to stop."""

    def __init__(self, parent: QWidget, title: str, job: Job) -> None:
        super().__init__(title, "Cancel", 0, 0, parent)
        label = QLabel(title)
        label.setTextFormat(Qt.TextFormat.PlainText)  # the work's own words, shown as text
        self.setLabel(label)
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumDuration(0)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.setMinimumWidth(420)
        self.job = job
        self.canceled.disconnect(self.cancel)  # which would hide the dialog at once
        self.canceled.connect(self._cancel)
        self.over = False  # the job has ended: the dialog never shows again
        job.signals.progress.connect(self._progress)
        job.signals.finished.connect(lambda _result: self._end())
        job.signals.failed.connect(lambda _message: self._end())

    def _end(self) -> None:
        """Gone for good: ``reset`` stops the timer that would show the dialog again
        after its minimum duration, and a progress step late in coming is not shown."""
        self.over = True
        self.reset()
        self.done(0)

    def _cancel(self) -> None:
        self.job.cancel()
        self.setLabelText("Stopping after the current batch…")
        self.setCancelButtonText("Stopping…")

    def _progress(self, done: int, total: int, text: str) -> None:
        if self.job.cancelled() or self.over:
            return
        self.setLabelText(text)  # first: setValue of a modal dialog handles the events
        self.setMaximum(total)   # waiting, the later steps' among them, before it returns
        self.setValue(min(done, total) if total else 0)


def start(job: Job) -> None:
    QThreadPool.globalInstance().start(job)
