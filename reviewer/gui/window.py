"""The review window: the queue, the cleaned posting beside its fields, every edit saved.

Edits go through ``EditCommand`` (a QUndoCommand whose redo and undo call the store),
so undo and redo cover every edit; accept-and-go-on is one macro.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    QPoint,
    QSettings,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reviewer.core.extract import value_from_selection
from reviewer.core.labels import Question
from reviewer.core.schema import FIELDS
from reviewer.core.store import Change, ProjectError, Store
from reviewer.gui import preferences
from reviewer.gui.document_view import DocumentView
from reviewer.gui.fields_panel import FieldEditor, FieldsPanel
from reviewer.gui.jobs import Cancelled, Job, JobDialog, Progress, start
from reviewer.gui.labels_panel import LabelsPanel
from reviewer.gui.queue_model import QueueModel
from reviewer.gui.theme import THEMES, apply_theme

if TYPE_CHECKING:  # the long work's modules load when it is first asked for
    from reviewer.core.export import ExportSummary
    from reviewer.core.ingest import ImportReport, ReextractReport
    from reviewer.core.records import PostingRecord
    from reviewer.gui.dialogs import ShortcutDialog

# id, text, default shortcut, what it does (a method of ReviewWindow), menu
ACTIONS: tuple[tuple[str, str, str, str, str], ...] = (
    ("open_project", "Open a project…", "Ctrl+O", "open_project", "&File"),
    ("new_project", "New project…", "Ctrl+N", "new_project", "&File"),
    ("import_files", "Import files…", "Ctrl+I", "choose_import", "&File"),
    ("import_folder", "Import a folder…", "Ctrl+Shift+I", "choose_import_folder", "&File"),
    ("reextract", "Clean and extract every posting again…", "", "confirm_reextract", "&File"),
    ("export", "Export the dataset…", "Ctrl+Shift+E", "choose_export", "&File"),
    ("close_project", "Close the project", "Ctrl+W", "close_project", "&File"),
    ("accept_next", "Accept all and go to the next unreviewed", "Ctrl+Return",
     "accept_and_next", "&Review"),
    ("next", "Next posting", "Ctrl+Right", "go_next", "&Review"),
    ("previous", "Previous posting", "Ctrl+Left", "go_previous", "&Review"),
    ("skip", "Skip", "Ctrl+Shift+S", "skip", "&Review"),
    ("flag", "Flag", "Ctrl+Shift+F", "flag", "&Review"),
    ("search", "Search", "Ctrl+F", "focus_search", "&Review"),
    ("put_selection", "Put the selection into the focused field", "Ctrl+E", "put_selection",
     "&Review"),
    ("to_document", "Back to the document", "Esc", "focus_document", "&Review"),
    ("edit_schema", "Edit the label schema…", "", "edit_schema", "&Labels"),
    ("accept_spans", "Accept the suggested spans", "Ctrl+Shift+A", "accept_spans", "&Labels"),
    ("reject_spans", "Reject the suggested spans", "Ctrl+Shift+D", "reject_spans", "&Labels"),
    ("stats", "Project statistics…", "Ctrl+Shift+T", "show_stats", "&View"),
    ("shortcuts", "Change keyboard shortcuts…", "Ctrl+,", "edit_shortcuts", "&Help"),
    ("help", "Keyboard shortcuts", "F1", "show_help", "&Help"),
)
HELP_KEY = "?"  # opens the help too, unless typing in a field
UNDO_KEYS = (("Undo", "Ctrl+Z"), ("Redo", "Ctrl+Shift+Z"))


def describe_error(err: Exception) -> str:
    """What went wrong, for a person, with what to do about it."""
    if isinstance(err, ProjectError):
        return str(err)
    if isinstance(err, PermissionError):
        return f"{err.filename}: permission denied. Choose a place you may write to."
    if isinstance(err, OSError) and err.strerror:
        where = f"{err.filename}: " if err.filename else ""
        return f"{where}{err.strerror}."
    if isinstance(err, ImportError | ValueError):
        return str(err)
    return (f"Something unexpected went wrong ({type(err).__name__}: {err}). What was finished "
            "is saved in the project; please report this with the file that caused it.")


class EditCommand(QUndoCommand):
    """One store edit: done when pushed, undone and redone through ``Store.undo``."""

    def __init__(self, window: ReviewWindow, pid: int, text: str,
                 edit: Callable[[], Change]) -> None:
        super().__init__(text)
        self.window, self.pid, self.edit = window, pid, edit
        self.change: Change | None = None

    def redo(self) -> None:
        if self.change is None:
            self.change = self.edit()
        else:
            self.change = self.window.store.history.undo(self.change)
        self.window.refresh(self.pid)

    def undo(self) -> None:
        assert self.change is not None
        self.change = self.window.store.history.undo(self.change)
        self.window.refresh(self.pid)


class ReviewWindow(QMainWindow):
    switch_project = Signal(object)  # a project file to open instead, or None: the start screen

    def __init__(self, store: Store, settings: QSettings | None = None) -> None:
        super().__init__()
        self.store = store
        self.settings = settings  # where layout and shortcuts are kept; None keeps nothing
        self.undo_stack = QUndoStack(self)
        self.job: Job | None = None  # the long work running, if any
        self.message_box: QMessageBox | None = None  # the last report shown
        self.setAcceptDrops(True)
        self.pid: int | None = None
        self.posting: dict[str, Any] | None = None  # the shown posting, as the store has it
        self.focused_field: str | None = None
        self.setWindowTitle(f"Posting Reviewer — {store.path.name}")
        self.resize(1400, 860)

        self.model = QueueModel(store, self)
        self.model.rest_added.connect(self._rest_added)
        self.queue = QTableView()
        self.queue.setModel(self.model)
        self.queue.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.queue.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.queue.verticalHeader().hide()
        self.queue.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.queue.selectionModel().currentRowChanged.connect(self._row_changed)
        self.search_box = QLineEdit(placeholderText="Search title, company, text…")
        self.search_box.returnPressed.connect(self._search)
        self.status_filter = QComboBox()
        for text, value in (("All postings", None), ("New", "new"), ("Reviewed", "reviewed"),
                            ("Skipped", "skipped"), ("Flagged", "flagged")):
            self.status_filter.addItem(text, value)
        self.order_choice = QComboBox()
        for text, value in (("Import order", "import"), ("Least confident first", "confidence"),
                            ("Recently edited", "recent")):
            self.order_choice.addItem(text, value)
        self.state_filter = QComboBox()
        for text, value in (("Any field state", None), ("Fields left to review", "suggested"),
                            ("A field corrected", "corrected"), ("A field rejected", "rejected"),
                            ("A field accepted", "accepted")):
            self.state_filter.addItem(text, value)
        self.status_filter.currentIndexChanged.connect(lambda _i: self._search())
        self.state_filter.currentIndexChanged.connect(lambda _i: self._search())
        self.order_choice.currentIndexChanged.connect(lambda _i: self._search())
        choices = QHBoxLayout()
        for combo in (self.status_filter, self.state_filter):
            # narrow panes shorten the texts rather than widen the window
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(6)
            choices.addWidget(combo)
        self.count_label = QLabel()
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(6, 6, 0, 6)
        column.addWidget(self.search_box)
        column.addLayout(choices)
        column.addWidget(self.order_choice)
        column.addWidget(self.queue, 1)
        column.addWidget(self.count_label)

        self.document = DocumentView()
        self.document.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.document.customContextMenuRequested.connect(self._document_menu)
        self.view_choice = QComboBox()
        for text, value in (("Cleaned posting", "posting"), ("Raw page", "raw"),
                            ("What cleaning removed", "removed")):
            self.view_choice.addItem(text, value)
        self.view_choice.currentIndexChanged.connect(lambda _i: self._show_document())
        middle = QWidget()
        middle_column = QVBoxLayout(middle)
        middle_column.setContentsMargins(0, 6, 0, 0)
        middle_column.addWidget(self.view_choice, 0, Qt.AlignmentFlag.AlignLeft)
        middle_column.addWidget(self.document, 1)
        self.fields = FieldsPanel()
        self.fields.edited.connect(self._edited)
        self.fields.reverted.connect(
            lambda name: self._push(f"revert {name}",
                                    lambda p: self.store.decisions.revert_field(p, name)))
        self.fields.rejected.connect(
            lambda name: self._push(f"reject {name}",
                                    lambda p: self.store.decisions.reject_field(p, name)))
        self.fields.field_focused.connect(self._field_focused)
        self.labels = LabelsPanel()
        self.labels.labels_changed.connect(lambda question, options: self._push(
            f"label {question}", lambda p: self.store.labels.answer(p, question, options)))
        self.labels.comment_changed.connect(lambda text: self._push(
            "comment", lambda p: self.store.postings.set_comment(p, text)))
        self.fields.put_on_top(self.labels)
        self.document.span_clicked.connect(self._span_menu)
        self.label_actions: list[QAction] = []
        self._redraw = QTimer(self, singleShot=True, interval=0)
        self._redraw.timeout.connect(self._redraw_document)

        self.splitter = QSplitter()
        self.splitter.addWidget(left)
        self.splitter.addWidget(middle)
        self.splitter.addWidget(self.fields)
        self.splitter.setSizes([330, 660, 410])
        self.setCentralWidget(self.splitter)
        self._restore_layout()

        self.progress = QProgressBar(maximumWidth=180, textVisible=True)
        self.saved = QLabel("all edits saved")
        self.statusBar().addPermanentWidget(self.saved)
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().addWidget(QLabel(str(store.path)))
        self._make_actions()
        self.set_schema(store.labels.schema())
        self._search()

    # --- actions ------------------------------------------------------------------------------

    def _make_actions(self) -> None:
        menus: dict[str, Any] = {}
        self.actions_by_id: dict[str, QAction] = {}
        for key, text, _shortcut, method, menu_name in ACTIONS:
            menu = menus.get(menu_name) or menus.setdefault(
                menu_name, self.menuBar().addMenu(menu_name))
            action = QAction(text, self)
            action.setObjectName(key)
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(lambda _checked=False, m=method: getattr(self, m)())
            menu.addAction(action)
            self.addAction(action)
            self.actions_by_id[key] = action
            if key == "open_project":
                self.recent_menu = menu.addMenu("Open recent")
                self.recent_menu.aboutToShow.connect(self._fill_recent)
            elif key == "close_project":
                quit_action = menu.addAction("Quit", QKeySequence.StandardKey.Quit)
                quit_action.triggered.connect(self.close)
        edit = self.menuBar().addMenu("&Edit")
        for (text, shortcut), make in zip(UNDO_KEYS, (self.undo_stack.createUndoAction,
                                                      self.undo_stack.createRedoAction),
                                          strict=True):
            action = make(self, text)
            action.setShortcut(QKeySequence(shortcut))
            edit.addAction(action)
            self.addAction(action)
        self.menuBar().insertMenu(menus["&Review"].menuAction(), edit)
        self.labels_menu = menus["&Labels"]
        view = menus["&View"]
        colours = view.addMenu("Colours")
        self.theme_actions = QActionGroup(self)
        chosen = str(self.settings.value("theme", "system")) if self.settings else "system"
        for key, text in THEMES.items():
            action = colours.addAction(text)
            action.setCheckable(True)
            action.setChecked(key == chosen)
            action.setData(key)
            self.theme_actions.addAction(action)
        self.theme_actions.triggered.connect(lambda action: self.set_theme(action.data()))
        self.apply_shortcuts(preferences.shortcut_overrides(self.settings)
                             if self.settings is not None else {})

    def set_theme(self, choice: str) -> None:
        """Light, dark, or as the system says; kept in the settings."""
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, choice)
        if self.settings is not None:
            self.settings.setValue("theme", choice)

    def shortcut(self, key: str) -> str:
        """The action's shortcut now, as portable text ("" for none)."""
        return self.actions_by_id[key].shortcut().toString()

    @staticmethod
    def fixed_keys() -> dict[str, str]:
        """Keys outside the action table, which no remapping may take: key → what."""
        keys = {HELP_KEY: "Keyboard shortcuts", **{key: text for text, key in UNDO_KEYS},
                QKeySequence(QKeySequence.StandardKey.Quit).toString(): "Quit"}
        return {key: text for key, text in keys.items() if key}  # (some platforms: no Quit key)

    def apply_shortcuts(self, overrides: dict[str, str]) -> None:
        """The defaults, but where ``overrides`` (action id → keys) says otherwise."""
        for key, _text, default, _method, _menu in ACTIONS:
            sequence = QKeySequence(overrides.get(key, default))
            keys = [sequence] if not sequence.isEmpty() else []
            if key == "help":
                keys.append(QKeySequence(HELP_KEY))
            self.actions_by_id[key].setShortcuts(keys)

    def edit_shortcuts(self) -> None:
        from reviewer.gui.dialogs import ShortcutDialog

        rows = [(key, text, self.shortcut(key), default)
                for key, text, default, _method, _menu in ACTIONS]
        reserved = self.fixed_keys()
        reserved.update({a.shortcut().toString(): f"{a.text()} (Labels → Edit the label schema)"
                         for a in self.label_actions if not a.shortcut().isEmpty()})
        self.shortcut_dialog: ShortcutDialog = ShortcutDialog(self, rows, reserved)
        self.shortcut_dialog.accepted.connect(self._shortcuts_chosen)
        self.shortcut_dialog.open()

    def _shortcuts_chosen(self) -> None:
        overrides = self.shortcut_dialog.overrides()
        self.apply_shortcuts(overrides)
        if self.settings is not None:
            preferences.save_shortcut_overrides(self.settings, overrides)
        self.statusBar().showMessage("Shortcuts saved.", 4000)

    def select_row(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            index = self.model.index(row, 0)
            self.queue.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect |
                QItemSelectionModel.SelectionFlag.Rows)
            self.queue.scrollTo(index)

    def go_next(self) -> None:
        self.select_row(self.queue.currentIndex().row() + 1)

    def go_previous(self) -> None:
        self.select_row(self.queue.currentIndex().row() - 1)

    def accept_and_next(self) -> None:
        if self.pid is None:
            return
        self._push("accept all", lambda p: self.store.decisions.accept_all(p))
        row = self.queue.currentIndex().row()
        for next_row in range(row + 1, self.model.rowCount()):
            if self.model.status_at(next_row) != "reviewed":
                self.select_row(next_row)
                return

    def skip(self) -> None:
        self._push("skip", lambda p: self.store.postings.set_status(p, "skipped"))
        self.go_next()

    def flag(self) -> None:
        self._push("flag", lambda p: self.store.postings.set_status(p, "flagged"))

    def focus_search(self) -> None:
        self.search_box.setFocus()
        self.search_box.selectAll()

    def put_selection(self, name: str | None = None) -> None:
        """The selected text into field ``name`` (by default the focused field)."""
        name = name or self.focused_field
        if self.posting is None:
            return
        if name is None:
            self.statusBar().showMessage("Click a field first, or right-click the selection.",
                                         6000)
            return
        try:
            value = value_from_selection(name, self.document.selected_source_text(),
                                         self.posting["fields"].get(name))
        except ValueError as err:
            self.statusBar().showMessage(f"Not put: {err}.", 8000)
            return
        self._push(f"set {name}", lambda p: self.store.decisions.set_field(p, name, value))

    def focus_document(self) -> None:
        """Back to the document; typing left unfinished in a field is dropped, not saved."""
        focus = QApplication.focusWidget()
        if focus is not None and self.fields.isAncestorOf(focus) and self.posting is not None:
            self.fields.show_posting(self.posting)
        self.document.setFocus()

    # --- projects ------------------------------------------------------------------------------

    def open_project(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(self, "Open a project", str(self.store.path.parent),
                                                "Projects (*.db *.sqlite);;All files (*)")
        if chosen:
            self.switch_project.emit(Path(chosen))

    def new_project(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(self, "New project", str(self.store.path.parent),
                                                "Projects (*.db)")
        if chosen:
            path = Path(chosen)
            self.switch_project.emit(path if path.suffix else path.with_suffix(".db"))

    def close_project(self) -> None:
        self.switch_project.emit(None)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        recent = preferences.recent_projects(self.settings) if self.settings else []
        for path in recent:
            self.recent_menu.addAction(path.name).triggered.connect(
                lambda _checked=False, p=path: self.switch_project.emit(p))
        if not recent:
            self.recent_menu.addAction("(none yet)").setEnabled(False)

    # --- long work: import, re-extract, export -------------------------------------------------

    def _run_job(self, title: str, work: Callable[[Progress, Callable[[], bool]], Any],
                 done: Callable[[Any], None]) -> bool:
        """Run ``work`` in a worker thread behind a progress dialog; ``done`` gets its
        result on this thread. False if other long work is still running."""
        if self.job is not None:
            self.statusBar().showMessage("Wait for the work in progress to finish.", 6000)
            return False
        job = Job(work, describe_error)
        self.job_dialog = JobDialog(self, title, job)
        job.signals.finished.connect(lambda result: self._job_ended(done, result))
        job.signals.failed.connect(lambda message: self._job_ended(
            lambda _r: self.report(f"{title} failed", message, error=True), None))
        self.job = job
        self.job_dialog.show()
        start(job)
        return True

    def _job_ended(self, done: Callable[[Any], None], result: Any) -> None:
        self.job = None
        if not getattr(self, "_closing", False):
            done(result)

    def report(self, title: str, text: str, details: str = "", error: bool = False) -> None:
        """A message the window goes on behind (kept in ``message_box`` for tests)."""
        icon = QMessageBox.Icon.Warning if error else QMessageBox.Icon.Information
        self.message_box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, self)
        if details:
            self.message_box.setDetailedText(details)
        self.message_box.open()

    def choose_import(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self, "Import postings", str(self.store.path.parent),
            "Postings (*.html *.htm *.txt *.md *.jsonl *.json *.csv *.zip);;All files (*)")
        if files:
            self.import_files([Path(f) for f in files])

    def choose_import_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Import every posting in a folder",
                                                  str(self.store.path.parent))
        if folder:
            self.import_files([Path(folder)])

    def import_files(self, paths: list[Path]) -> bool:
        """Import files and folders into this project, off the GUI thread."""
        project = self.store.path

        def work(progress: Progress, cancelled: Callable[[], bool]) -> ImportReport:
            from reviewer.core.ingest import import_paths

            with Store(project) as store:
                return import_paths(store, paths, cancelled=cancelled,
                                    progress=lambda r: progress(r.seen, 0, r.line()))

        return self._run_job("Importing postings", work, self._imported)

    def _imported(self, report: ImportReport) -> None:
        self._reload_keeping_place()
        text = (f"{report.added:,} postings added, {report.duplicates:,} already in the "
                f"project ({report.seconds:.1f} s).")
        if report.cancelled:
            text += " Stopped before the end: import the same files again to add the rest."
        if not report.skipped:
            self.statusBar().showMessage(text, 10000)
            return
        first = report.skipped[0]
        count = len(report.skipped)
        head = (f"{Path(first.source).name} could not be imported: {first.reason}." if count == 1
                else f"{count:,} inputs could not be imported, for example "
                     f"{Path(first.source).name}: {first.reason}.")
        done = f"\n\n{text}" if report.added or report.duplicates else ""
        self.report("Not imported", f"{head}{done}\n\nImport reads HTML pages, text and "
                    "Markdown files, folders of them, .zip archives, JSONL or JSON whose "
                    "objects have an 'html', 'text' or 'raw' key, and CSV files. Save the "
                    "posting in one of these forms and import it again.",
                    details="\n".join(f"{s.source}: {s.reason}" for s in report.skipped),
                    error=True)

    def confirm_reextract(self) -> None:
        box = QMessageBox(QMessageBox.Icon.Question, "Clean and extract again",
                          "Clean every stored page again and replace the machine's suggestions? "
                          "Your decisions are kept; a posting you worked on keeps its text. "
                          "Edits made before cannot be undone afterwards.",
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                          self)
        box.accepted.connect(self.run_reextract)
        self.message_box = box
        box.open()

    def run_reextract(self) -> bool:
        project = self.store.path

        def work(progress: Progress, cancelled: Callable[[], bool]) -> ReextractReport:
            from reviewer.core.ingest import reextract

            with Store(project) as store:
                return reextract(store, cancelled=cancelled,
                                 progress=lambda r: progress(r.seen, r.total, r.line()))

        def done(report: ReextractReport) -> None:
            self._reload_keeping_place()
            self.report("Cleaned and extracted again", report.describe() + ".")

        self.undo_stack.clear()  # the edits' snapshots would bring back the old suggestions
        return self._run_job("Cleaning and extracting again", work, done)

    def choose_export(self) -> None:
        from reviewer.gui.dialogs import ExportDialog

        dialog = ExportDialog(self, self.store.path, self.store.queue.count("reviewed"),
                              self.model.total())
        dialog.accepted.connect(lambda: self.run_export(*dialog.choice()))
        self.export_dialog = dialog
        dialog.open()

    def run_export(self, fmt: str, out: Path, reviewed_only: bool) -> bool:
        """Export off the GUI thread. The export is written beside ``out`` under another
        name and put in place when whole, so a cancelled or failed export leaves ``out``
        as it was."""
        project = self.store.path

        def work(progress: Progress, cancelled: Callable[[], bool]) -> ExportSummary | None:
            from reviewer.core.export import export

            if out.is_dir() and any(out.iterdir()):
                raise ValueError(f"{out} is a folder with files in it; choose a new or "
                                 "empty folder")
            part = out.with_name(f".{out.name}.part")
            try:
                with Store(project) as store:
                    total = store.queue.count("reviewed" if reviewed_only else None)

                    def records() -> Iterator[PostingRecord]:
                        for n, record in enumerate(store.records.all(reviewed_only), 1):
                            if cancelled():
                                raise Cancelled
                            if n % 100 == 0 or n == total:
                                progress(n, total, f"{n:,} of {total:,} postings written")
                            yield record

                    summary = export(records(), fmt, part)
                if out.is_dir():
                    out.rmdir()  # empty, as checked
                os.replace(part, out)
                summary.files = [out / f.relative_to(part) if f != part else out
                                 for f in summary.files]
                return summary
            except Cancelled:
                return None
            finally:
                if part.is_dir():
                    shutil.rmtree(part)
                else:
                    part.unlink(missing_ok=True)

        def done(summary: ExportSummary | None) -> None:
            if summary is None:
                self.statusBar().showMessage("Export cancelled; nothing was written.", 8000)
            else:
                self.report("Exported", f"{summary.describe()}:\n" +
                            "\n".join(str(f) for f in summary.files))

        return self._run_job("Exporting", work, done)

    def dragEnterEvent(self, event: Any) -> None:
        if any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: Any) -> None:
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        if len(paths) == 1 and paths[0].suffix in (".db", ".sqlite"):
            event.acceptProposedAction()  # a project: open it
            self.switch_project.emit(paths[0])
        elif paths:
            event.acceptProposedAction()
            self.import_files(paths)

    def _reload_keeping_place(self) -> None:
        """The list again after long work, on the posting shown before when it is still
        listed."""
        shown = self.pid
        self._search(select=False)
        row = self.model.row_of(shown) if shown is not None else None
        self.select_row(row if row is not None else 0)  # read afresh: its suggestions may be new

    # --- labels ------------------------------------------------------------------------------

    def set_schema(self, questions: list[Question]) -> None:
        """Show the label questions and give their options' keys to actions."""
        self.schema = questions
        self.label_colors = {o.name: o.color for q in questions if q.kind == "span"
                             for o in q.options}
        self.labels.set_schema(questions)
        self.fields.fit_width()
        for action in self.label_actions:
            self.removeAction(action)
            action.deleteLater()
        self.label_actions, self.span_label_actions = [], []
        self.labels_menu.clear()
        self.labels_menu.addAction(self.actions_by_id["edit_schema"])
        for question in questions:
            self.labels_menu.addSection(question.name.replace("_", " "))
            for option in question.options:
                if question.kind == "span":
                    action = QAction(f"Label the selection {option.name}", self)
                    action.triggered.connect(
                        lambda _c=False, label=option.name: self.label_selection(label))
                    self.span_label_actions.append(action)
                else:
                    action = QAction(f"{question.name}: {option.name}", self)
                    action.triggered.connect(lambda _c=False, q=question, o=option.name:
                                             self.labels.toggle(q, o))
                action.setShortcut(QKeySequence(option.key))
                action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
                self.addAction(action)
                self.labels_menu.addAction(action)
                self.label_actions.append(action)
        self.labels_menu.addSeparator()
        for key in ("accept_spans", "reject_spans"):
            self.labels_menu.addAction(self.actions_by_id[key])
        if self.posting is not None:
            self._show_document()
            self.labels.show_posting(self.posting)

    def suggested_spans(self, posting: dict[str, Any]) -> list[dict[str, Any]]:
        """The skills field's evidence as suggested spans (labelled SKILL, or the first
        span label when the schema has no SKILL), those no span has been put on yet.
        A rejected skills field suggests nothing; a corrected one, its own spans."""
        if not self.label_colors:
            return []
        label = "SKILL" if "SKILL" in self.label_colors else next(iter(self.label_colors))
        state = posting["provenance"].get("skills")
        if state == "rejected":
            return []
        source = posting["human"] if state in ("accepted", "corrected") else posting["machine"]
        decided = {(s["start"], s["end"]) for s in posting["spans"]}  # any label, any state
        return [{"id": None, "start": a, "end": b, "label": label, "state": "suggested",
                 "origin": "machine"}
                for a, b in (tuple(span) for span in (source.get("skills") or {}).get("spans")
                             or [])
                if (a, b) not in decided]

    def label_selection(self, label: str) -> None:
        """Label the selected words (snapped to whole words) as a span ``label``."""
        if self.posting is None:
            return
        try:
            found = self.document.selected_source_span()
        except ValueError as err:
            self.statusBar().showMessage(f"Not labelled: {err}.", 8000)
            return
        if found is None:
            self.statusBar().showMessage("Select some words of the posting first.", 6000)
            return
        start, end = found
        if any((s["start"], s["end"], s["label"]) == (start, end, label)
               for s in self.posting["spans"] if s["state"] != "rejected"):
            self.statusBar().showMessage(f"These words are {label} already.", 6000)
            return
        self._push(f"label {label}", lambda p: self.store.spans.add(p, start, end, label)[1])

    def accept_spans(self, state: str = "accepted") -> None:
        """Accept (or reject) every suggested span of the posting, as one edit."""
        if self.posting is None:
            return
        suggested = [(s["start"], s["end"], s["label"]) for s in self.suggested_spans(self.posting)]
        if not suggested:
            self.statusBar().showMessage("No suggested spans left in this posting.", 6000)
            return
        self._push(f"{state} suggested spans",
                   lambda p: self.store.spans.add_many(p, suggested, "machine", state))

    def reject_spans(self) -> None:
        self.accept_spans("rejected")

    def _span_menu(self, spans: list[dict[str, Any]], where: QPoint) -> None:
        """A clicked span: relabel or delete it (accept or reject a suggested one)."""
        menu = QMenu(self)
        text = self.posting["cleaned"] if self.posting else ""
        for span in spans:
            words = text[span["start"]:span["end"]]
            words = words if len(words) <= 40 else words[:39] + "…"
            menu.addSection(f"{span['label']}: {words}")
            if span["id"] is None:
                one = [(span["start"], span["end"], span["label"])]
                for state, verb in (("accepted", "Accept"), ("rejected", "Reject")):
                    menu.addAction(f"{verb} as {span['label']}").triggered.connect(
                        lambda _c=False, one=one, state=state: self._push(
                            f"{state} span", lambda p: self.store.spans.add_many(p, one, "machine",
                                                                            state)))
                continue
            relabel = menu.addMenu("Relabel as")
            for label in self.label_colors:
                if label != span["label"]:
                    relabel.addAction(label).triggered.connect(
                        lambda _c=False, sid=span["id"], label=label: self._push(
                            f"relabel {label}", lambda _p: self.store.spans.relabel(sid, label)))
            # a machine's span is rejected rather than deleted, so it is not suggested again
            drop = self.store.spans.reject if span["origin"] == "machine" else \
                self.store.spans.remove
            menu.addAction("Delete the span").triggered.connect(
                lambda _c=False, sid=span["id"], drop=drop: self._push(
                    "delete span", lambda _p: drop(sid)))
        self.span_menu = menu  # kept for tests
        menu.popup(where)

    def show_stats(self) -> None:
        from reviewer.gui.stats_view import StatsView

        old = getattr(self, "stats_view", None)
        if old is not None and shiboken6.isValid(old):  # (a closed one is deleted)
            old.close()  # figures are read afresh: the old window goes
        self.stats_view = StatsView(self, self.store.path, describe_error)
        self.stats_view.show()

    def edit_schema(self) -> None:
        from reviewer.gui.schema_dialog import SchemaDialog

        taken = {self.shortcut(key): text for key, text, *_rest in ACTIONS if self.shortcut(key)}
        taken.update(self.fixed_keys())
        self.schema_dialog = SchemaDialog(self, self.store, taken)
        self.schema_dialog.accepted.connect(lambda: self._schema_saved())
        self.schema_dialog.open()

    def _schema_saved(self) -> None:
        self.undo_stack.clear()  # label edits before may name options that are gone
        self.set_schema(self.store.labels.schema())
        if self.pid is not None:
            self.show_posting(self.pid)
        self.statusBar().showMessage("Label schema saved.", 6000)

    # --- reacting -------------------------------------------------------------------------------

    def _document_menu(self, pos: QPoint) -> None:
        """The text's usual menu, and "Put into field" for a selection."""
        menu = self.document.createStandardContextMenu(pos)
        into = menu.addMenu("Put into field")
        into.setEnabled(bool(self.document.selected_source_text().strip()))
        for spec in FIELDS:
            into.addAction(spec.label).triggered.connect(
                lambda _checked=False, name=spec.name: self.put_selection(name))
        label_as = menu.addMenu("Label as")
        try:
            label_as.setEnabled(self.document.selected_source_span() is not None)
        except ValueError:  # over two paragraphs: the menu item says nothing is to label
            label_as.setEnabled(False)
        for action in self.span_label_actions:
            label_as.addAction(action)
        self.document_menu = menu  # kept for tests; replaced on the next right-click
        menu.popup(self.document.viewport().mapToGlobal(pos))

    def _restore_layout(self) -> None:
        if self.settings is None:
            return
        geometry = self.settings.value("window/geometry")
        sizes = self.settings.value("window/splitter")
        if geometry is not None:
            self.restoreGeometry(geometry)
        if sizes is not None:
            self.splitter.restoreState(sizes)

    def closeEvent(self, event: Any) -> None:
        self._closing = True  # no edit from a field losing focus, no late result (_job_ended)
        if self.job is not None:  # stop the long work at its next batch; what is done stays
            self.job.cancel()
            self.job = None
        self.model.forget_pending()
        QThreadPool.globalInstance().waitForDone(60_000)
        if self.settings is not None:
            self.settings.setValue("window/geometry", self.saveGeometry())
            self.settings.setValue("window/splitter", self.splitter.saveState())
        super().closeEvent(event)

    def _commit_typing(self) -> None:
        """Save what is being typed in a field or the comment before another edit or a
        move rewrites the panel (each editor emits only a real change, once)."""
        focus = QApplication.focusWidget()
        while focus is not None and not isinstance(focus, FieldEditor):
            focus = focus.parentWidget()
        if focus is not None and self.fields.isAncestorOf(focus):
            focus.commit()
        if self.labels.comment.hasFocus():
            self.labels.comment_left()

    def _push(self, text: str, edit: Callable[[int], Change]) -> None:
        if self.pid is None or getattr(self, "_closing", False):
            return
        self._commit_typing()
        pid = self.pid
        self.undo_stack.push(EditCommand(self, pid, text, lambda: edit(pid)))

    def _edited(self, name: str, value: Any) -> None:
        if self.pid is not None:
            self._push(f"set {name}", lambda p: self.store.decisions.set_field(p, name, value))

    def _field_focused(self, name: str) -> None:
        self.focused_field = name
        self.document.focus_field(name)

    def _search(self, select: bool = True) -> None:
        self.model.reload(order=self.order_choice.currentData(),
                          status=self.status_filter.currentData(),
                          field_state=self.state_filter.currentData(),
                          query=self.search_box.text().strip())
        self._update_counts()
        if not self.model.rowCount():
            self._show_nothing()
        elif select:
            self.select_row(0)

    def _rest_added(self) -> None:
        """The rest of a large search is listed: count it, and show a posting if none is."""
        self._update_counts()
        if self.pid is None:
            if self.model.rowCount():
                self.select_row(0)
            else:
                self._show_nothing()

    def _show_nothing(self) -> None:
        """No posting to show: say why, and what to do."""
        self.pid = self.posting = None
        self.fields.clear()
        self.labels.show_posting(None)
        self.fields.setEnabled(False)
        if self.model.reading_more is not None:
            text = "Searching the rest of the project…"
        elif self.model.total():
            text = "No posting matches the search and filters."
        else:
            text = ("This project has no postings yet.\n\nImport pages with File → Import "
                    "files (Ctrl+I), or drop files and folders on this window.")
        self.document.show_raw(text)

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._commit_typing()  # to the posting being left
        if current.isValid():
            self.show_posting(self.model.id_at(current.row()))

    def _redraw_document(self) -> None:
        """The posting drawn again after an edit of its spans, where the reader was."""
        scrolled = self.document.verticalScrollBar().value()
        self._show_document()
        self.document.verticalScrollBar().setValue(scrolled)

    def show_posting(self, pid: int) -> None:
        self._redraw.stop()
        self.pid = pid
        self.fields.setEnabled(True)
        self.posting = self.store.records.get(pid)
        self._show_document()
        self.fields.show_posting(self.posting)
        self.labels.show_posting(self.posting)

    def _show_document(self) -> None:
        """The posting as the view choice says: cleaned, raw, or what was removed."""
        posting = self.posting
        if posting is None:
            return
        mode = self.view_choice.currentData()
        if mode == "raw":
            self.document.show_raw(posting["raw"] or "(the raw page was not kept)")
        elif mode == "removed":
            self.document.show_removed(posting["source_text"] or posting["cleaned"],
                                       posting["removed"])
        else:
            evidence = {name: [tuple(s) for s in (
                (posting["human"].get(name) or {}).get("spans") or
                (posting["machine"].get(name) or {}).get("spans") or [])]
                for name in posting["fields"]}
            spans = [s for s in posting["spans"] if s["state"] != "rejected"]
            self.document.show_posting(posting["cleaned"], evidence,
                                       spans + self.suggested_spans(posting), self.label_colors)

    def show_help(self) -> None:
        """Every shortcut, from the one action table, as the user has set them."""
        def row(keys: str, text: str) -> str:
            return f"<tr><td><b>{keys}</b></td><td>{text}</td></tr>"

        rows = ""
        for key, text, _default, _method, menu in ACTIONS:
            keys = self.shortcut(key) or "—"
            if key == "help":
                keys += f" or {HELP_KEY}"
            rows += row(QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)
                        if key != "help" else keys, f"{text} <i>({menu.strip('&')})</i>")
        for action in self.label_actions:  # the label schema's keys (Labels → Edit)
            if not action.shortcut().isEmpty():
                rows += row(action.shortcut().toString(
                    QKeySequence.SequenceFormat.NativeText), f"{action.text()} <i>(Labels)</i>")
        rows += (row("Ctrl+Z / Ctrl+Shift+Z", "Undo / redo any edit") +
                 row("Tab / Shift+Tab", "Next / previous field") +
                 row("Right-click", "Put the selection into any field, or label it") +
                 row("Click a span", "Relabel or delete it") +
                 row("Drop files", "Import them into this project"))
        self.help_box = QMessageBox(QMessageBox.Icon.NoIcon, "Keyboard shortcuts",
                                    f"<table cellpadding=3>{rows}</table>"
                                    "<p>Change them with Help → Change keyboard shortcuts.</p>",
                                    QMessageBox.StandardButton.Close, self)
        self.help_box.open()  # not modal to the event loop: the window goes on

    def refresh(self, pid: int) -> None:
        """After an edit of ``pid``: its row, the panel if it is shown, the counts."""
        self.model.invalidate(pid)
        if pid == self.pid:
            spans_before = self.posting["spans"] if self.posting else None
            self.posting = self.store.records.get(pid)
            self.fields.show_posting(self.posting)
            self.labels.show_posting(self.posting)
            if self.posting["spans"] != spans_before:
                self._redraw.start()  # once events are handled, unless a move redraws first
        self.saved.setText("all edits saved")
        self._update_counts()

    def _update_counts(self) -> None:
        total = self.model.total()
        reviewed = self.store.queue.count("reviewed")
        self.progress.setMaximum(max(1, total))
        self.progress.setValue(reviewed)
        self.progress.setFormat(f"{reviewed:,} / {total:,} reviewed")
        more = "+" if self.model.reading_more is not None else ""
        self.count_label.setText(f"{self.model.rowCount():,}{more} of {total:,}")
