"""The review window: the queue, the cleaned posting beside its fields, every edit saved.

Edits go through ``EditCommand`` (a QUndoCommand whose redo and undo call the store),
so undo and redo cover every edit; accept-and-go-on is one macro.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPoint, QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reviewer.core.extract.selection import value_from_selection
from reviewer.core.schema import FIELDS
from reviewer.core.store import Change, Store
from reviewer.gui.document_view import DocumentView
from reviewer.gui.fields_panel import FieldsPanel
from reviewer.gui.queue_model import QueueModel

# id, text, default shortcut, what it does (a method of ReviewWindow)
ACTIONS: tuple[tuple[str, str, str, str], ...] = (
    ("accept_next", "Accept all and go to the next unreviewed", "Ctrl+Return", "accept_and_next"),
    ("next", "Next posting", "Ctrl+Right", "go_next"),
    ("previous", "Previous posting", "Ctrl+Left", "go_previous"),
    ("skip", "Skip", "Ctrl+Shift+S", "skip"),
    ("flag", "Flag", "Ctrl+Shift+F", "flag"),
    ("search", "Search", "Ctrl+F", "focus_search"),
    ("put_selection", "Put the selection into the focused field", "Ctrl+E", "put_selection"),
    ("help", "Keyboard shortcuts", "F1", "show_help"),
)


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
            self.change = self.window.store.undo(self.change)
        self.window.refresh(self.pid)

    def undo(self) -> None:
        assert self.change is not None
        self.change = self.window.store.undo(self.change)
        self.window.refresh(self.pid)


class ReviewWindow(QMainWindow):
    def __init__(self, store: Store, settings: QSettings | None = None) -> None:
        super().__init__()
        self.store = store
        self.settings = settings  # where the layout is kept; None keeps nothing
        self.undo_stack = QUndoStack(self)
        self.pid: int | None = None
        self.posting: dict[str, Any] | None = None  # the shown posting, as the store has it
        self.focused_field: str | None = None
        self.setWindowTitle(f"Posting Reviewer — {store.path.name}")
        self.resize(1400, 860)

        self.model = QueueModel(store, self)
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
            lambda name: self._push(f"revert {name}", lambda p: self.store.revert_field(p, name)))
        self.fields.rejected.connect(
            lambda name: self._push(f"reject {name}", lambda p: self.store.reject_field(p, name)))
        self.fields.field_focused.connect(self._field_focused)

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
        self.model.reload()
        self._update_counts()
        if self.model.rowCount():
            self.select_row(0)

    # --- actions ------------------------------------------------------------------------------

    def _make_actions(self) -> None:
        menu = self.menuBar().addMenu("&Review")
        for key, text, shortcut, method in ACTIONS:
            action = QAction(text, self)
            action.setObjectName(key)
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(lambda _checked=False, m=method: getattr(self, m)())
            menu.addAction(action)
            self.addAction(action)
        edit = self.menuBar().addMenu("&Edit")
        for action, shortcut in ((self.undo_stack.createUndoAction(self, "Undo"), "Ctrl+Z"),
                                 (self.undo_stack.createRedoAction(self, "Redo"),
                                  "Ctrl+Shift+Z")):
            action.setShortcut(QKeySequence(shortcut))
            edit.addAction(action)
            self.addAction(action)

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
        self._push("accept all", lambda p: self.store.accept_all(p))
        row = self.queue.currentIndex().row()
        for next_row in range(row + 1, self.model.rowCount()):
            if self.model.status_at(next_row) != "reviewed":
                self.select_row(next_row)
                return

    def skip(self) -> None:
        self._push("skip", lambda p: self.store.set_status(p, "skipped"))
        self.go_next()

    def flag(self) -> None:
        self._push("flag", lambda p: self.store.set_status(p, "flagged"))

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
        self._push(f"set {name}", lambda p: self.store.set_field(p, name, value))

    # --- reacting -------------------------------------------------------------------------------

    def _document_menu(self, pos: QPoint) -> None:
        """The text's usual menu, and "Put into field" for a selection."""
        menu = self.document.createStandardContextMenu(pos)
        into = menu.addMenu("Put into field")
        into.setEnabled(bool(self.document.selected_source_text().strip()))
        for spec in FIELDS:
            into.addAction(spec.label).triggered.connect(
                lambda _checked=False, name=spec.name: self.put_selection(name))
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
        self._closing = True  # a field losing focus as the window closes edits nothing
        if self.settings is not None:
            self.settings.setValue("window/geometry", self.saveGeometry())
            self.settings.setValue("window/splitter", self.splitter.saveState())
        super().closeEvent(event)

    def _push(self, text: str, edit: Callable[[int], Change]) -> None:
        if self.pid is None or getattr(self, "_closing", False):
            return
        pid = self.pid
        self.undo_stack.push(EditCommand(self, pid, text, lambda: edit(pid)))

    def _edited(self, name: str, value: Any) -> None:
        if self.pid is not None:
            self._push(f"set {name}", lambda p: self.store.set_field(p, name, value))

    def _field_focused(self, name: str) -> None:
        self.focused_field = name
        self.document.focus_field(name)

    def _search(self) -> None:
        self.model.reload(order=self.order_choice.currentData(),
                          status=self.status_filter.currentData(),
                          field_state=self.state_filter.currentData(),
                          query=self.search_box.text().strip())
        self._update_counts()
        self.select_row(0)

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.show_posting(self.model.id_at(current.row()))

    def show_posting(self, pid: int) -> None:
        self.pid = pid
        self.posting = self.store.get(pid)
        self._show_document()
        self.fields.show_posting(self.posting)

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
            self.document.show_posting(posting["cleaned"], evidence)

    def show_help(self) -> None:
        """Every shortcut, from the one action table."""
        rows = "".join(f"<tr><td><b>{QKeySequence(shortcut).toString()}</b></td>"
                       f"<td>{text}</td></tr>" for _key, text, shortcut, _m in ACTIONS)
        rows += ("<tr><td><b>Ctrl+Z / Ctrl+Shift+Z</b></td><td>Undo / redo any edit</td></tr>"
                 "<tr><td><b>Tab / Shift+Tab</b></td><td>Next / previous field</td></tr>"
                 "<tr><td><b>Right-click</b></td><td>Put the selection into any field</td></tr>")
        self.help_box = QMessageBox(QMessageBox.Icon.NoIcon, "Keyboard shortcuts",
                                    f"<table cellpadding=4>{rows}</table>",
                                    QMessageBox.StandardButton.Close, self)
        self.help_box.open()  # not modal to the event loop: the window goes on

    def refresh(self, pid: int) -> None:
        """After an edit of ``pid``: its row, the panel if it is shown, the counts."""
        self.model.invalidate(pid)
        if pid == self.pid:
            self.posting = self.store.get(pid)
            self.fields.show_posting(self.posting)
        self.saved.setText("all edits saved")
        self._update_counts()

    def _update_counts(self) -> None:
        total = self.model.total()
        reviewed = self.store.count("reviewed")
        self.progress.setMaximum(max(1, total))
        self.progress.setValue(reviewed)
        self.progress.setFormat(f"{reviewed:,} / {total:,} reviewed")
        self.count_label.setText(f"{self.model.rowCount():,} of {total:,}")
