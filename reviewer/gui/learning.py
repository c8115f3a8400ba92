"""The window's side of learning from the reviewers.

Review → Learn from the reviewed postings trains the project's model behind a progress
dialog (``ops.train_work``, run by ``LongWork``) and then says what it learnt, offering
to put its suggestions on the postings not yet reviewed (a re-extract). Review → Learn
again after every N reviews… (kept in the settings) trains again in the background,
with no dialog, once N more postings are reviewed than the last model learnt from: the
review goes on meanwhile, and the status bar says when it is done.

It knows no window: the long work, the store, the signal that a posting was edited
and the settings.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QSettings, SignalInstance
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QInputDialog, QLabel, QMessageBox, QTextEdit

from reviewer.core.store import DatabaseError, Store
from reviewer.gui import preferences
from reviewer.gui.ops import LongWork
from reviewer.gui.plain import message_box
from reviewer.gui.works import Learnt, train_work

if TYPE_CHECKING:
    from reviewer.core.ingest import TrainReport

TITLE = "Learning from the reviewed postings"
WIDTH = 58  # characters of a line of the figures' table
FIGURES = ("Accuracy on reviewed postings held out of training (cross-validation): "
           "the rules alone, the model alone, both (the cascade, which suggests from now "
           "on); n: postings checked.")


def learnt_line(report: TrainReport) -> str:
    """"Learnt from 60 reviewed postings in 4.2 s"."""
    return (f"Learnt from {report.postings:,} reviewed "
            f"{'posting' if report.postings == 1 else 'postings'} in {report.seconds:.1f} s")


class Learning(QObject):
    """Training from the Review menu, and again after every N reviews."""

    def __init__(self, long_work: LongWork, store: Store, edited: SignalInstance,
                 settings: QSettings | None) -> None:
        super().__init__(long_work)
        self.long_work, self.store, self.settings = long_work, store, settings
        self.every = preferences.learn_every(settings) if settings is not None else 0
        self.trained_on: int | None = None  # reviewed postings at the last training
        edited.connect(self._edited)

    def handlers(self) -> dict[str, Callable[[], Any]]:
        """The actions' handlers (``actions.ACTIONS``)."""
        return {"learn": self.learn, "choose_learn_every": self.choose_every}

    # --- from the menu ---------------------------------------------------------------

    def learn(self) -> bool:
        """Train behind the progress dialog, then say what came of it."""
        return self.long_work.run(TITLE, self._work(), self._learnt)

    def _work(self) -> Any:
        """The training, on a store of its own that carries the reviewer's name."""
        return train_work(self.long_work.project, self.long_work.reviewer)

    def _learnt(self, learnt: Learnt) -> None:
        report = learnt.report
        if report is None and learnt.refused:
            why = learnt.refused[:1].upper() + learnt.refused[1:]
            self._box(QMessageBox.Icon.Information, "Not enough to learn from",
                      f"{why}. Review more postings (Ctrl+Enter accepts one and goes on to "
                      "the next) and learn again.")
            return
        if report is None:  # (a model learnt before stays: said, it is not gone)
            from reviewer.core.ingest import model_summary

            kept = model_summary(self.store) is not None
            self.long_work.status.emit(
                "Learning stopped; the model learnt before is still used." if kept
                else "Learning stopped; no model was kept.", 8000)
            return
        self.trained_on = report.postings
        text = (f"{learnt_line(report)}. The model is kept in the project file "
                f"({report.size_text()}).")
        rest = learnt.unreviewed
        if rest:
            text += (f"\n\nPut its suggestions on the {rest:,} "
                     f"{'posting' if rest == 1 else 'postings'} not yet reviewed now? They "
                     "are cleaned and extracted again: your decisions are kept, and edits "
                     "made before cannot be undone afterwards.")
        else:
            text += "\n\nEvery posting is reviewed: postings imported from now on get its "
            text += "suggestions."
        caption = textwrap.fill(FIGURES, WIDTH, break_on_hyphens=False)
        box = self._box(QMessageBox.Icon.Information, "Learnt", text,
                        "\n".join([caption, "", *report.table()]))
        if rest:
            again = box.addButton("Put the suggestions on them",
                                  QMessageBox.ButtonRole.AcceptRole)
            box.setDefaultButton(again)
            again.clicked.connect(self.long_work.run_reextract)

    def _box(self, icon: QMessageBox.Icon, title: str, text: str,
             details: str = "") -> QMessageBox:
        """A report in plain text (question names come from the project file)."""
        box = message_box(icon, title, text, QMessageBox.StandardButton.Close,
                          self.long_work.parent_widget)
        if details:
            box.setDetailedText(details)  # shown as plain text
            table = box.findChild(QTextEdit)  # the details: a table, in columns
            if table is not None:
                fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
                size = box.font()  # the app's size, not the system's
                if size.pointSizeF() > 0:
                    fixed.setPointSizeF(size.pointSizeF())
                else:  # (a font given in pixels)
                    fixed.setPixelSize(size.pixelSize())
                table.setFont(fixed)
                table.setLineWrapMode(QTextEdit.LineWrapMode.NoWrap)
                metrics = table.fontMetrics()  # wide enough for a row, taller than Qt's
                table.setFixedHeight(metrics.lineSpacing() * 16)
                label = box.findChild(QLabel, "qt_msgbox_label")  # the box as wide
                if label is not None:
                    label.setMinimumWidth(metrics.horizontalAdvance("x" * WIDTH))
        self.long_work.message_box = box  # the last report shown, as the long work's are
        box.open()
        return box

    # --- again after every N reviews -------------------------------------------------

    def choose_every(self) -> None:
        """Review → how many postings reviewed before learning again (0: never)."""
        value, ok = QInputDialog.getInt(
            self.long_work.parent_widget, "Learn again",
            "Learn again, in the background, after every N postings reviewed (0: never):",
            self.every, 0, 100_000, 1)
        if not ok:
            return
        self.every = value
        if self.settings is not None:
            preferences.set_learn_every(self.settings, value)
        self.long_work.status.emit(
            f"Learning again after every {value:,} postings reviewed." if value
            else "Learning again: never (Review → Learn from the reviewed postings).", 6000)

    def _edited(self, _pid: object, _spans_changed: bool) -> None:
        self.reviewed()

    def reviewed(self) -> None:
        """After an edit: once ``every`` more postings are reviewed than the last model
        learnt from, learn again in the background, unless other work is running."""
        if self.every <= 0 or self.long_work.job is not None:
            return
        try:
            count = self.store.queue.count("reviewed")
            if self.trained_on is None:
                from reviewer.core.ingest import model_summary

                summary = model_summary(self.store)
                self.trained_on = summary.postings if summary is not None else 0
        except DatabaseError:  # a damaged file: the window says so elsewhere
            return
        if count - self.trained_on < self.every:
            return
        self.trained_on = count  # tried: the next try after ``every`` more
        if self.long_work.run(TITLE, self._work(), self._relearnt,
                              quiet=True):
            self.long_work.status.emit(f"Learning from {count:,} reviewed postings…", 0)

    def _relearnt(self, learnt: Learnt) -> None:
        report = learnt.report
        if report is not None:
            self.trained_on = report.postings
            self.long_work.status.emit(
                f"{learnt_line(report)}; re-extract to use it (File → Clean and extract "
                "every posting again).", 20000)
        elif learnt.refused:
            self.long_work.status.emit(f"Not learnt yet: {learnt.refused}.", 10000)
