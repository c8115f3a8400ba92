"""The review window: it builds the panes and wires them together, nothing more.

The queue (``queue_pane``), the document (``document_pane``), the fields and labels
(``fields_panel``, ``labels_panel``) are widgets that know no window. What happens
lives elsewhere: the shown posting and its edits in ``review_flow``, span labelling
in ``span_labels``, the menus and shortcuts in ``actions``, long work in ``ops``.
After any edit the flow's ``changed`` signal tells each pane.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QSettings, QThreadPool, QTimer, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QMainWindow,
    QProgressBar,
    QSplitter,
)

from reviewer.core.labels import Question, too_large, within_limits
from reviewer.core.store import Store
from reviewer.gui import ops, preferences
from reviewer.gui.actions import WindowActions
from reviewer.gui.active_time import ActiveClock, time_adder
from reviewer.gui.adjudication import Adjudication
from reviewer.gui.bulk_edit import BulkEdits
from reviewer.gui.document_browser import status_teller
from reviewer.gui.document_pane import DocumentPane
from reviewer.gui.fields_panel import FieldsPanel
from reviewer.gui.guidelines import GuidelinesDialog, show_guidelines
from reviewer.gui.held_value import keep_the_files, refused, typed_edit
from reviewer.gui.labels_panel import LEFT_OUT, SMALLER, LabelsPanel, say_left_out
from reviewer.gui.leave_gate import LeaveGate
from reviewer.gui.plain import name_shown, plain_label, project_caption
from reviewer.gui.project_choice import choose_project, dropped_files, take_drop
from reviewer.gui.queue_model import QueueModel
from reviewer.gui.queue_pane import QueuePane
from reviewer.gui.review_flow import ReviewFlow, posting_teller
from reviewer.gui.reviewer_name import change_name
from reviewer.gui.save_state import SaveState
from reviewer.gui.screen_fit import fit_to_screen
from reviewer.gui.search_box import unspaced_hint
from reviewer.gui.selection_put import put_text
from reviewer.gui.side_pane import SidePane
from reviewer.gui.single_keys import SingleKeys, option_toggles
from reviewer.gui.span_labels import SpanLabels
from reviewer.gui.theme import follow_palette


def _show_counts(model: QueueModel, progress: QProgressBar, queue_pane: QueuePane,
                 fresh: bool = False) -> None:
    total, reviewed = model.total(fresh), model.count("reviewed")
    progress.setMaximum(max(1, total))
    progress.setValue(reviewed)
    progress.setFormat(f"{reviewed:,} / {total:,} reviewed")
    queue_pane.show_count(total)


def _why_nothing(model: QueueModel) -> str:
    """Why no posting is shown, and what to do."""
    if model.store.moved():
        return "The project file is no longer where it was opened: open it again to go on."
    if model.reading_more is not None:
        return model.waiting_for
    if model.failed:
        return (f"The list could not be read: {model.failed}\n\nChoose the order or a "
                "filter again to try once more.")
    if model.total():
        return "No posting matches the search and filters." + unspaced_hint(model.query)
    return ("This project has no postings yet.\n\nImport pages with File → Import "
            "files (Ctrl+I), or drop files and folders on this window.")


def _field_edit(window: ReviewWindow, edit: Callable[[str], bool], done: str) -> None:
    """Reject or revert the field that has the focus, or from the document (as Ctrl+E)
    the field last focused on the posting shown; said, with the field's name (its tab
    may be hidden). From another box (the comment, the search) none: the key was meant
    for no field."""
    name = window.fields.focused() or (
        window.focused_field if window.document.hasFocus()
        and window._focused_in == window.pid else None)
    if name is None or window.pid is None:
        window.statusBar().showMessage("Go to a field first: Alt + its underlined letter.", 6000)
    elif edit(name):
        label = window.fields.editors[name].spec.label
        window.statusBar().showMessage(f"{label} {done} (Ctrl+Z takes it back).", 8000)



class ReviewWindow(QMainWindow):
    switch_project = Signal(object)  # a project file to open instead, or None: the start screen

    def __init__(self, store: Store, settings: QSettings | None = None) -> None:
        super().__init__()
        self.store = store
        self.settings = settings  # where layout and shortcuts are kept; None keeps nothing
        self.setAcceptDrops(True)
        self.setWindowTitle(project_caption(store.path, store.reviewer))
        fit_to_screen(self, 1400, 860)
        follow_palette(QApplication.instance())  # a dark desktop's palette gets marks that show
        self.model = QueueModel(store, self)
        self.queue_pane = QueuePane(self.model, settings)
        self.queue = self.queue_pane.view
        self.flow = ReviewFlow(store, self.queue_pane, self)
        self.undo_stack: QUndoStack = self.flow.undo_stack
        self.long_work = ops.LongWork(self, store.path, store, settings)
        self.document_pane = DocumentPane(lambda posting: self.spans.to_draw(posting))
        self.document = self.document_pane.document
        self.view_choice = self.document_pane.view_choice
        self.spans = SpanLabels(self.flow, self.document, self)
        self.fields = FieldsPanel()
        self.labels = LabelsPanel()
        self.side = SidePane(self.fields, self.labels, settings, store.history.posting_events)
        self.adjudication = Adjudication(self.flow, self.fields, self.labels, self)
        self.clock = ActiveClock(self, time_adder(store))  # active time on each posting
        self.guidelines: GuidelinesDialog | None = None
        self.leave = LeaveGate(self, lambda: (self._commit_typing(),  # read what is typed
                                              self.fields.unreadable_reasons())[1],
                               lambda: self.flow.pid, self.switch_project.emit)
        self.focused_field: str | None = None
        self._focused_in: int | None = None  # the posting shown when it was focused
        self._redraw = QTimer(self, singleShot=True, interval=0)

        self.splitter = QSplitter()
        for pane in (self.queue_pane, self.document_pane, self.side):
            self.splitter.addWidget(pane)
        # the fields' side grows with the font: at 14 pt their boxes were 100 px wide
        self.splitter.setSizes([300, 620, int(480 * max(1.0, self.fontMetrics().height() / 14))])
        self.setCentralWidget(self.splitter)
        self.queue_pane.last_shown = preferences.restore_layout(settings, self, store.path)
        self.progress = QProgressBar(maximumWidth=180, textVisible=True)
        self.save_state = SaveState(self, store, self.fields.typing, self.labels.commenting,
                                    self.fields.enter_saves, self.leave.open_project)
        self.saved = self.save_state.label
        for widget in (self.saved, self.progress):
            self.statusBar().addPermanentWidget(widget)
        self.statusBar().addWidget(plain_label(project_caption(store.path, store.reviewer, False)))
        self.action_table = WindowActions(self, self._handlers(), self.undo_stack, settings)
        self.queue_pane.columns.add_menu(self.action_table.view_menu.addMenu("&List columns"))
        self._wire()
        self.fields.install_keys(self)
        self.single_keys = SingleKeys(self, {
            "accept": self.flow.accept_and_next, "reject": self.flow.reject_and_next,
            "skip": self.flow.skip, "undo": self.undo_stack.undo},
            lambda: option_toggles(self.schema, self.labels.toggle),
            [self.document, self.queue], settings)
        self.set_schema(store.labels.schema_changed([]) or [])  # (read: compared later)
        self.queue_pane.search()  # (at the posting the reviewer stopped at, still listed)
        self.document.setFocus()  # once shown: not the search box, the first in the window

    def _handlers(self) -> dict[str, Any]:
        """What each action of the table does (see ``actions.ACTIONS``)."""
        folder = self.store.path.parent
        return {
            "open_project": lambda: self.leave.open_project(choose_project(self, folder, False)),
            "new_project": lambda: self.leave.open_project(choose_project(self, folder, True)),
            "choose_import": self.long_work.choose_import,
            "choose_import_folder": self.long_work.choose_import_folder,
            "confirm_reextract": self.long_work.confirm_reextract,
            "choose_export": lambda: self.long_work.choose_export(
                self.store.queue.count("reviewed"), self.model.total()),
            **self.long_work.learning_actions(self.flow),
            "close_project": self.leave.close_project,
            "accept_and_next": self.flow.accept_and_next, "go_next": self.queue_pane.go_next,
            "go_previous": self.queue_pane.go_previous, "skip": self.flow.skip,
            "flag": self.flow.flag, "focus_search": self.queue_pane.focus_search,
            "put_selection": self.put_selection, "focus_document": self.focus_document,
            "edit_schema": self.edit_schema, "accept_spans": self.spans.accept_suggested,
            "reject_spans": self.spans.reject_suggested, "show_stats": self.show_stats,
            "edit_shortcuts": lambda: self.action_table.edit_shortcuts(),
            "show_help": self.show_help, "choose_threshold": self.side.choose_threshold,
            "reject_field": lambda: _field_edit(self, self.flow.reject_field,
                                                "rejected: the posting has no value"),
            "revert_field": lambda: _field_edit(self, self.flow.revert_field,
                                                "back to the machine's value"),
            "edit_selected": BulkEdits(self.flow, self.long_work, self).choose,
            "choose_reviewer": lambda: change_name(  # the project opens again as theirs
                self, self.store.reviewer, self.settings,
                lambda: self.leave.open_project(self.store.path)),
            "show_guidelines": self.show_guidelines, "merge_files": self.long_work.choose_merge,
            "finish_typing": lambda: self.flow.may_leave("undone"),  # before an undo, a redo
        }

    def _wire(self) -> None:
        flow, status, pane = self.flow, self.statusBar(), self.queue_pane
        flow.before_edit = self._commit_typing
        self.fields.unreadable_changed.connect(
            lambda: self.save_state.typed(self.fields.unreadable()))
        for typed in (self.fields.text_typed, self.labels.comment.textChanged):  # at once,
            typed.connect(self.save_state.show_typing)  # not at the next look
        flow.shown.connect(self._show)  # (and the counts, where another process wrote)
        flow.shown.connect(lambda _p: self.store.written_elsewhere() and self._update_counts(True))
        flow.changed.connect(self._changed)
        for said in (self.long_work.status, pane.message):
            said.connect(status.showMessage)
        posting_teller(status, flow, self.spans.message)  # (gone with the posting)
        for telling in (self.document.message, self.fields.message):  # (words at the caret,
            telling.connect(status_teller(status))  # of a field: taken back, not another's)
        self.long_work.project_changed.connect(lambda: self.queue_pane.reload_at(self.pid))
        self.long_work.project_changed.connect(  # a merge may bring descriptions
            lambda: self.side.set_descriptions(self.store.meta.descriptions()))
        self.long_work.rewriting.connect(self.undo_stack.clear)
        self.queue_pane.listed.connect(self._listed)
        self.model.rest_added.connect(self._rest_added)
        self.model.unreadable.connect(self.save_state.unreadable)
        self.fields.edited.connect(lambda name, value: typed_edit(flow, self.fields, name, value))
        flow.refused.connect(self.save_state.refused)
        self.save_state.discarded.connect(lambda: flow.pid is not None and flow.show(flow.pid))
        self.fields.reverted.connect(flow.revert_field)
        self.fields.rejected.connect(flow.reject_field)
        self.fields.field_focused.connect(self._field_focused)
        self.labels.labels_changed.connect(flow.set_labels)
        self.labels.comment_changed.connect(flow.set_comment)
        self.document.customContextMenuRequested.connect(lambda pos: self.document_pane.menu(
            pos, self.put_selection, self.action_table.span_label_actions))
        self.document.span_clicked.connect(self.spans.menu)
        self._redraw.timeout.connect(self.document_pane.redraw_in_place)
        table = self.action_table
        table.recent_menu.aboutToShow.connect(lambda: table.fill_recent(self.leave.open_project))
        table.theme_actions.triggered.connect(lambda a: table.set_theme(a.data()))

    @property
    def pid(self) -> int | None:
        return self.flow.pid

    @property
    def posting(self) -> dict[str, Any] | None:
        return self.flow.posting

    # --- the review ----------------------------------------------------------------------

    def put_selection(self, name: str | None = None, add: bool | None = None) -> None:
        """The selection into ``name`` (default: the field last focused on this posting)."""
        name = name or (self.focused_field if self._focused_in == self.pid else None)
        if self.posting is not None and name is None:
            self.statusBar().showMessage("Go to a field first (Alt + its underlined letter), "
                                         "or right-click the selection.", 6000)
        elif name is not None:  # (one the file refused as changed meanwhile: held)
            not_put = put_text(self.flow, name, self.document.selected_source_text(), add,
                               self.document.selected_source_spans())
            not_put is None or refused(self.flow, self.fields, name, not_put)

    def focus_document(self) -> None:
        """Back to the document; text typed is saved first (a value held: dropped)."""
        keep_the_files(self.fields, self.fields.focused()) or self._commit_typing()
        self.document.setFocus()

    def _commit_typing(self, replaced: str | None = None) -> str | None:
        """Save what is typed in a field or the comment before an edit or a move rewrites
        the panel; the field whose text cannot be read, if any, stops the edit (any, for
        ``replaced`` None; else the one typed in, ``replaced`` itself dropped)."""
        stopped = self.fields.commit_typing(replaced)
        if self.labels.comment.hasFocus():
            self.labels.comment_left()
        return stopped

    def _field_focused(self, name: str) -> None:
        self.focused_field, self._focused_in = name, self.pid
        self.document.focus_field(name)

    # --- what is shown -------------------------------------------------------------------

    def _show(self, posting: dict[str, Any] | None) -> None:
        """A posting shown (or none): every pane follows."""
        self._redraw.stop()
        self.clock.show(posting["id"] if posting is not None else None)
        if posting is None:
            self._show_nothing()
            return
        self.fields.setEnabled(True)
        if (questions := self.store.labels.schema_changed(self.schema_read)) is not None:
            self.set_schema(questions)
        if self.side.holds_focus():  # each posting starts in the document
            self.document.setFocus()
        self.document_pane.show_posting(posting)
        self.side.show_posting(posting)

    def _changed(self, pid: int, spans_changed: bool) -> None:
        """After an edit of ``pid``: its row, the panes if it is shown, the counts."""
        self.model.invalidate(pid)
        if pid == self.pid and self.posting is not None:
            drawn = self.document_pane.take(self.posting)  # (drawn again below if changed)
            self.side.show_posting(self.posting)
            if spans_changed or drawn:
                self._redraw.start()  # once events are handled, unless a move redraws first
        self.save_state.saved(self.fields.unreadable())
        self._update_counts()

    def _show_nothing(self) -> None:
        """No posting to show: say why, and what to do."""
        self.side.show_posting(None)
        self.fields.setEnabled(False)
        self.document_pane.show_text(_why_nothing(self.model))

    def _listed(self) -> None:
        self._update_counts()
        self.document_pane.set_search(self.model.query)  # the words listed by, marked
        if not self.model.rowCount():
            self.flow.show_nothing()

    def _rest_added(self) -> None:
        """A large list (or the rest of a search) is in: count it, show a posting."""
        self._update_counts()
        if self.pid is None or self.queue_pane.return_to is not None:
            if self.model.rowCount():
                self.queue_pane.select_row(self.queue_pane.row_to_show())
            else:
                self.flow.show_nothing()

    def _update_counts(self, fresh: bool = False) -> None:
        _show_counts(self.model, self.progress, self.queue_pane, fresh)

    # --- labels, statistics, keys, colours -----------------------------------------------

    def set_schema(self, questions: list[Question]) -> None:
        """Show the questions the window can (``within_limits``); their keys to actions."""
        self.schema_read, (self.schema, left_out) = questions, within_limits(questions)
        self.spans.set_schema(self.schema, self.store.meta.skills_label())
        self.side.set_descriptions(self.store.meta.descriptions())
        self.side.set_schema(self.schema)
        self.action_table.set_label_actions(self.schema, self.spans.label_selection,
                                            self.labels.toggle)
        say_left_out(self.statusBar(), left_out)
        if self.posting is not None:
            self.document_pane.redraw()
            self.side.show_posting(self.posting)

    def edit_schema(self) -> None:
        from reviewer.gui.schema_dialog import SchemaDialog

        if (why := too_large(self.store.labels.schema())) is not None:  # (as it is now)
            return self.statusBar().showMessage(f"{LEFT_OUT} to edit here ({why}).{SMALLER}",
                                                60000)  # (taken back as that one is)
        self.schema_dialog = SchemaDialog(self, self.store.labels, self.action_table.taken_keys(),
                                          self.undo_stack, self.store.history.schema_digest)
        self.schema_dialog.accepted.connect(lambda: self._schema_saved())
        self.schema_dialog.open()

    def _schema_saved(self) -> None:
        self.set_schema(self.store.labels.schema())
        if self.pid is not None:
            self.flow.show(self.pid)
        self.statusBar().showMessage(f"Label schema saved.{self.schema_dialog.said}", 10000)

    def show_stats(self) -> None:
        from reviewer.gui.stats_view import StatsView

        old = getattr(self, "stats_view", None)
        if old is not None and shiboken6.isValid(old):  # (a closed one is deleted)
            old.close()  # figures are read afresh: the old window goes
        self.stats_view = StatsView(self, self.store.path, ops.describe_error,
                                    self.store.reviewer, self.queue_pane.show_ids)
        self.stats_view.show()

    def show_guidelines(self) -> None:
        meta = self.store.meta
        self.guidelines = show_guidelines(self, self.guidelines, f"Guidelines — "
                                          f"{name_shown(self.store.path.name)}", meta.guidelines(),
                                          meta.descriptions())

    def show_help(self) -> None:
        self.help_box: QDialog = self.action_table.help_box()
        self.help_box.open()  # not modal to the event loop: the window goes on

    # --- projects and long work ----------------------------------------------------------

    def dragEnterEvent(self, event: Any) -> None:
        if dropped_files(event):
            event.acceptProposedAction()

    def dropEvent(self, event: Any) -> None:
        take_drop(event, self.leave.open_project, self.long_work.import_files)

    def may_close(self) -> bool:
        """What is typed saved; False while it must wait (asked about, or refused)."""
        self._commit_typing()
        return self.leave.through(self.close) and not self.save_state.hold_close()

    def closeEvent(self, event: Any) -> None:
        if not self.may_close():
            event.ignore()
            return
        self.flow.closing = True  # no edit from a field losing focus
        self.clock.stop()  # the shown posting's time is kept
        self.long_work.cancel()  # no late result; the long work stops at its next batch
        self.model.forget_pending()
        QThreadPool.globalInstance().waitForDone(60_000)
        preferences.save_layout(self.settings, self, self.store.path, self.pid)
        super().closeEvent(event)
