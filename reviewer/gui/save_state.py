"""Whether every edit is in the file: the status bar's word on it, and what to do when
the file refused one (another process held it too long, the disk is full, the file is
read-only). The window never says "saved" for what is not in the file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from reviewer.core.store import Store
from reviewer.gui.plain import message_box, name_shown, plain_label
from reviewer.gui.theme import show_as_problem

SAVED = "all edits saved"
READ_ONLY = "⚠ read-only: no edit is saved"
GONE = "⚠ the project file is gone: no edit is saved"
REPLACED = "⚠ the project file was replaced by another: reopen it"
LOOK_EVERY_MS = 1000  # how often the file is looked at
TYPING = "✎"
_HELD = "The window stays open until this edit is saved (Retry) or given up (Discard)."


class SaveState(QObject):
    """The status bar's "all edits saved", and the message of an edit not saved."""

    discarded = Signal()  # the person gave up an edit the file refused: show the file's

    def __init__(self, parent: QWidget, store: Store,
                 typing: Callable[[], list[str]] = list,
                 commenting: Callable[[], bool] = lambda: False,
                 enter_saves: Callable[[], bool] = lambda: True,
                 reopen: Callable[[Path], None] = lambda _path: None) -> None:
        """``store``: the project's, whose file may be read-only (said, in place of
        saved), or no longer at its path (deleted, moved, replaced: let go of, and said);
        ``typing``: the fields (by label) holding text typed that is not saved yet;
        ``commenting``: whether the comment box holds such text (saved when left);
        ``enter_saves``: whether Enter saves what is typed in those fields (not in a
        list's box, where it starts another line); ``reopen``: opens the project file
        at a path in place of this one (the file put in place of the one opened)."""
        super().__init__(parent)
        self.parent_widget = parent
        self.store = store
        self.read_only = store.read_only
        self._gone = store.moved
        self._reopen = reopen
        self._typing = typing
        self._commenting = commenting
        self._enter_saves = enter_saves
        self._file_gone = self._gone()  # when last looked at
        self.gone_box: QMessageBox | None = None  # what was said when it went (for tests)
        self.label: QLabel = plain_label(self._idle())
        self.label.setObjectName("saveState")  # (bold when it says a problem: theme.py)
        show_as_problem(self.label, self.read_only)
        self.problem: QMessageBox | None = None  # the last refusal shown (kept for tests)
        self.waiting = False  # an edit the file refused waits for Retry or Discard
        self._held = False  # a close waits for it (each box of a refusal says so)
        # the edits refused that wait, in the order made: (what, how to make it again)
        self._retries: list[tuple[str, Callable[[], bool]]] = []
        self._own = False  # the refusal shown is one of them
        self._looking = QTimer(self)  # the file deleted or moved with no edit made: said
        self._looking.timeout.connect(self._look)
        self._looking.start(LOOK_EVERY_MS)

    def saved(self, typed_unsaved: list[str] | None = None) -> None:
        """An edit is in the file: all of them are; but for the text typed in the fields
        ``typed_unsaved`` (their labels), which could not be read; but for the edits
        refused that wait for Retry or Discard, which still do."""
        if self._retries:  # (another edit was saved meanwhile: these are not)
            waiting = len(self._retries)
            self.label.setText(f"⚠ {waiting} edit{'s' * (waiting != 1)} not saved: Retry or "
                               "Discard")
            show_as_problem(self.label)
            return
        self.waiting = self._held = False
        if typed_unsaved:
            self.label.setText(f"⚠ {', '.join(typed_unsaved)}: typed, not saved")
            show_as_problem(self.label)
            return
        idle = self._idle()
        self.label.setText(idle)
        show_as_problem(self.label, idle != SAVED)

    def _look(self) -> None:
        """The file looked at anew, once a second (deleted or moved with no edit made:
        said), and what the label says then."""
        self._file_gone = self._gone()
        if self._file_gone and not self.read_only:
            self._let_go()
        self.show_typing()

    def _let_go(self) -> None:
        """The file opened is no longer at its path: let go of at once (a file put in its
        place is then neither read with what this window wrote nor changed by its close),
        and said, with a way to open the file at the path now. Once: it is looked at no
        more, and no edit waits (none could be saved to it)."""
        replaced = self.store.replaced()
        self.store.let_go()
        self._looking.stop()
        self._retries, self.waiting, self._held = [], False, False
        name = name_shown(self.store.path.name)
        text = (f"{name} was written over by another program while it was open (a copy put "
                "in its place). This window has let go of it: what it saved is kept apart, "
                f"in {name}-wal beside it, not put into the copy; nothing more can be saved "
                f"here. To open the copy, move {name}-wal and {name}-shm aside first."
                if self.store.overwritten() else
                f"{name} was replaced by another file while it was open. This window has "
                "let go of the file it opened: what it saved went to that file, not to the "
                f"one at {name} now, which it has not changed; nothing more can be saved "
                "here. Reopen the project to work on the file there now." if replaced else
                f"{name} was moved or deleted while it was open: what this window saved "
                "went with it, and nothing more can be saved here: open the project file "
                "again where it is now (File → Open) to go on.")
        self.gone_box = box = message_box(
            QMessageBox.Icon.Warning, "Project file replaced" if replaced else
            "Project file gone", text, QMessageBox.StandardButton.Ok, self.parent_widget)
        if replaced:
            again = box.addButton("&Reopen", QMessageBox.ButtonRole.AcceptRole)
            again.clicked.connect(lambda: self._reopen(self.store.path))
        self.saved()
        box.open()

    def show_typing(self) -> None:
        """Say again what the label says when no edit waits, from the text typed in the
        fields and the comment: what is typed there is not in the file yet. Called at
        each key typed (the editors' signals), so that the label never says "saved" of
        text that is not; it is touched only when what it says changes."""
        said = self.label.text()
        if said not in (SAVED, GONE, REPLACED) and not said.startswith(TYPING):
            return  # (read-only, a refusal, text that cannot be read: said otherwise)
        gone = self._file_gone
        fields = [] if gone else self._typing()
        typing = [*fields, "Comment"] if not gone and self._commenting() else fields
        # (Enter starts a new line in the comment: leaving it saves it)
        saves = "Enter or Tab saves" if fields and self._enter_saves() else "Tab saves"
        text = (f"{TYPING} {', '.join(typing)}: typed, not saved yet ({saves})"
                if typing else self._idle())
        if text != said:
            self.label.setText(text)
            show_as_problem(self.label, gone)

    def _idle(self) -> str:
        """What the label says when no edit waits: all saved, or none can be."""
        if self.read_only:
            return READ_ONLY
        if not self._gone():
            return SAVED
        return REPLACED if self.store.replaced() else GONE

    def typed(self, unsaved: list[str]) -> None:
        """The fields (by label) holding text typed that could not be read changed: said
        unless a refusal is on show."""
        said = self.label.text()
        if said == self._idle() or said.endswith("typed, not saved") or said.startswith(TYPING):
            self.saved(unsaved)

    def unreadable(self, why: str) -> None:
        """The project file could not give what the list or the posting needs: say so
        once (a damaged file gives the same answer on every page)."""
        if self.problem is not None and self.problem.windowTitle() == "Cannot be read":
            return
        self.label.setText("⚠ the project file cannot be read in full")
        show_as_problem(self.label)
        self.problem = message_box(
            QMessageBox.Icon.Warning, "Cannot be read",
            f"Part of the project file cannot be read ({why}): it may be damaged. What "
            "can be read is shown. Close the project and keep a copy of the file before "
            "anything else; a backup copy, if you have one, holds what it held then.",
            QMessageBox.StandardButton.Ok, self.parent_widget)
        self.problem.open()

    def refused(self, what: str, why: str, retry: Callable[[], bool] | None) -> None:
        """The file refused an edit (``what``, e.g. "set title: not saved") for ``why``;
        ``retry`` makes it again (None: it cannot be, as for an undo). Once the file
        was let go of, what its box said is shown again instead: it is all there is."""
        if self.gone_box is not None:
            self.label.setText(self._idle())
            show_as_problem(self.label)
            self.problem = self.gone_box
            self.gone_box.open()
            return
        self.label.setText(f"⚠ {what}")
        show_as_problem(self.label)
        gone = self._gone()
        if gone:  # no edit can ever be saved to a file no longer there: none waits
            retry, self._retries = None, []
        self._own = retry is not None  # (the refusal shown waits with the others)
        if retry is not None:  # the same edit refused again (typed, then left) waits once
            self._retries = [r for r in self._retries if r[0] != what] + [(what, retry)]
        buttons = QMessageBox.StandardButton.Ok
        if self._retries:  # (a refusal without Retry leaves those that wait their Retry)
            buttons = QMessageBox.StandardButton.Retry | QMessageBox.StandardButton.Discard
        text = (f"{what[0].upper()}{what[1:]}: the project file refused it ({why}).\n\n"
                + ("No edit can be saved to it where it was opened: open the project file "
                   "again where it is now (File → Open) to go on." if gone else
                   "Another program may be writing the project, the disk may be full, or "
                   "the file read-only. Retry when that is over; Discard leaves the file "
                   "as it is." if retry is not None else
                   "The file keeps the edit as it was; the undo list no longer holds it."))
        # one box at a time, the last refusal's: its Retry makes every edit that waits
        if self.problem is not None:
            self.problem.done(0)  # (close() is ignored by a box with no escape button)
        box = message_box(QMessageBox.Icon.Warning, "Not saved", text, buttons,
                          self.parent_widget)
        self.problem = box
        if self._retries:
            self.waiting = True
            box.button(QMessageBox.StandardButton.Retry).clicked.connect(self._retry_all)
            box.button(QMessageBox.StandardButton.Discard).clicked.connect(self._discard)
            self._say_waiting()
        box.open()

    def _say_waiting(self) -> None:
        """The box of the last refusal says what else waits, and that a close waits."""
        if self.problem is None:
            return
        others = len(self._retries) - self._own
        said = [f"{others} other edit{'s' * (others != 1)} refused "
                f"{'waits' if others == 1 else 'wait'} with it: Retry makes them all, in "
                "order; Discard gives them all up."] if others > 0 else []
        self.problem.setInformativeText(" ".join(said + ([_HELD] if self._held else [])))

    def _retry_all(self) -> None:
        """Every edit that waits made again, in order; one refused again is said in a
        box of its own, and those after it wait with it."""
        pending, self._retries = self._retries, []
        for number, (_what, retry) in enumerate(pending):
            if not retry():
                self._retries += pending[number + 1:]
                self._say_waiting()
                return

    def _discard(self) -> None:
        self.waiting = self._held = False
        self._retries = []
        self.saved()  # (the file as it was: every edit made is in it, or none can be)
        self.discarded.emit()

    def hold_close(self) -> bool:
        """Whether a close must wait: an edit the file refused is not yet retried or
        discarded (its box is shown again, saying so)."""
        if not self.waiting or self.problem is None:
            return False
        self._held = True
        self._say_waiting()
        self.problem.open()
        return True
