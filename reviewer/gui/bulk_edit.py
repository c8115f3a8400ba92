"""Bulk edits: one edit made to several postings at once, from the queue.

The postings are those selected in the queue (Shift/Ctrl+click) or every posting the
search and filters list. ``BulkEditDialog`` chooses the edit (a status, the answer to a
label question, a field's value, or the machine's value of a field accepted); a
confirmation says how many postings it changes; ``bulk_command`` makes it, one
command on the undo stack (Ctrl+Z undoes all of it), as long work when it is large.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from reviewer.core.labels import Question, within_limits
from reviewer.core.schema import FIELDS
from reviewer.core.store import STATUSES, BulkEdit, DatabaseError, Store
from reviewer.gui.bulk_command import BulkRunner, postings
from reviewer.gui.fields_panel import FieldEditor
from reviewer.gui.plain import message_box, plain_label
from reviewer.gui.theme import show_as_problem

if TYPE_CHECKING:
    from reviewer.gui.ops import LongWork
    from reviewer.gui.review_flow import ReviewFlow

PREVIEW = 10_000  # up to this many postings, the confirmation counts those that change
KINDS = (("Set the status", "status"), ("Answer a label question", "label"),
         ("Set a field's value", "field"), ("Accept the machine's value of a field", "accept"))
SPECS = {spec.name: spec for spec in FIELDS}
LABELS = ("Postings", "Edit", "Status", "Question", "Answer", "Options", "Field", "Value")


class BulkEditDialog(QDialog):
    """Which postings (the selected ones or all those listed), and what to do to them."""

    def __init__(self, parent: QWidget, questions: list[Question], selected: int,
                 listed: int, more: bool = False) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit several postings")
        self.scope_selected = QRadioButton(f"The {postings(selected)} selected")
        self.scope_all = QRadioButton(f"All {postings(listed)} the search and filters list"
                                      + (" so far" if more else ""))
        self.scope_selected.setEnabled(selected > 0)
        (self.scope_selected if selected else self.scope_all).setChecked(True)
        self.kind = QComboBox()
        for text, kind in KINDS:
            self.kind.addItem(text, kind)
        self.status = QComboBox()
        for status in STATUSES:
            self.status.addItem("new (back to the queue)" if status == "new" else status, status)
        self.status.setCurrentIndex(STATUSES.index("reviewed"))
        self.questions = {q.name: q for q in questions if q.kind != "span"}
        self.question = QComboBox()
        for name in self.questions:
            self.question.addItem(name.replace("_", " "), name)
        self.answer = QComboBox()  # one option (or none) of a single-choice question
        self.options = QListWidget()  # any options of a multiple-choice question
        self.field = QComboBox()
        for spec in FIELDS:
            self.field.addItem(spec.label, spec.name)
        self.values = QStackedWidget()  # a value editor a field, made when first chosen
        self.editors: dict[str, FieldEditor] = {}
        self.pages = QStackedWidget()
        self._page(("Status", self.status))  # the pages in the order of KINDS
        self.label_form = self._page(("Question", self.question), ("Answer", self.answer),
                                     ("Options", self.options))
        self.field_form = self._page(("Field", self.field), ("Value", self.values))
        self.problem = plain_label()
        show_as_problem(self.problem)
        self.problem.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self._form(("Postings", self.scope_selected), ("", self.scope_all),
                                    ("Edit", self.kind)))
        layout.addWidget(self.pages)
        layout.addWidget(self.problem)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.kind.currentIndexChanged.connect(lambda _i: self._show_kind())
        self.question.currentIndexChanged.connect(lambda _i: self._show_question())
        self.field.currentIndexChanged.connect(lambda _i: self._show_field())
        self._show_question()
        self._show_field()
        self._show_kind()
        self.setMinimumWidth(460)

    def _form(self, *rows: tuple[str, QWidget]) -> QFormLayout:
        """Rows of a label and a widget, the labels as wide as the widest of the dialog's,
        so that the forms above and on each page line up."""
        form = QFormLayout()
        width = max(self.fontMetrics().horizontalAdvance(text) for text in LABELS) + 8
        for text, widget in rows:
            label = QLabel(text)
            label.setMinimumWidth(width)
            form.addRow(label, widget)
        return form

    def _page(self, *rows: tuple[str, QWidget]) -> QFormLayout:
        """A page of the edits' choices (the pages: status, label, field)."""
        page = QWidget()
        form = self._form(*rows)
        form.setContentsMargins(0, 0, 0, 0)
        page.setLayout(form)
        self.pages.addWidget(page)
        return form

    def _show_kind(self) -> None:
        kind = self.kind.currentData()
        self.pages.setCurrentIndex({"status": 0, "label": 1}.get(kind, 2))
        self.field_form.setRowVisible(1, kind == "field")  # accept: the machine's value
        self.problem.clear()

    def _show_question(self) -> None:
        question = self.questions.get(self.question.currentData())
        names = question.option_names() if question else []
        single = question is None or question.kind == "single"
        self.answer.clear()
        self.answer.addItem("(no answer)", None)
        self.options.clear()
        for name in names:
            self.answer.addItem(name.replace("_", " "), name)
            item = QListWidgetItem(name.replace("_", " "))
            item.setData(Qt.ItemDataRole.UserRole, name)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.options.addItem(item)
        self.label_form.setRowVisible(1, single)
        self.label_form.setRowVisible(2, not single)

    def _show_field(self) -> None:
        name = self.field.currentData()
        editor = self.editors.get(name)
        if editor is None:
            editor = self.editors[name] = FieldEditor(SPECS[name])
            for extra in (editor.state, editor.revert_button, editor.reject_button):
                extra.hide()  # the value alone: there is no decision here
            self.values.addWidget(editor)
            # made after the buttons, it would come after them: Tab goes field, value, OK
            typed = [w for w in editor.findChildren(QWidget)
                     if w.focusPolicy() & Qt.FocusPolicy.TabFocus and w not in (
                         editor.revert_button, editor.reject_button)]
            for before, after in zip([self.field, *typed], [*typed, self.buttons], strict=True):
                QWidget.setTabOrder(before, after)
        self.values.setCurrentWidget(editor)

    def choose(self, kind: str, name: str = "", value: Any = None) -> None:
        """Choose an edit as a person would (for a status, ``name`` is the status; for a
        label, ``value`` is an option or a list of them)."""
        self.kind.setCurrentIndex(self.kind.findData(kind))
        if kind == "status":
            self.status.setCurrentIndex(self.status.findData(name))
        elif kind == "label":
            self.question.setCurrentIndex(self.question.findData(name))
            chosen = value if isinstance(value, list) else [value]
            self.answer.setCurrentIndex(max(0, self.answer.findData(value)))
            for row in range(self.options.count()):
                item = self.options.item(row)
                item.setCheckState(Qt.CheckState.Checked if item.data(
                    Qt.ItemDataRole.UserRole) in chosen else Qt.CheckState.Unchecked)
        else:
            self.field.setCurrentIndex(self.field.findData(name))
            if kind == "field":
                self.editors[name].set_value(value, "none", None)

    def edit(self) -> BulkEdit:
        """The edit chosen; ValueError saying why when a value cannot be read."""
        kind = self.kind.currentData()
        if kind == "status":
            return BulkEdit("status", value=self.status.currentData())
        if kind == "label":
            name = self.question.currentData()
            if name is None:
                raise ValueError("The label schema has no document question the window "
                                 "shows.")
            question = self.questions[name]
            if question.kind == "single":
                answer = self.answer.currentData()
                return BulkEdit("label", name, [answer] if answer is not None else [])
            return BulkEdit("label", name, [
                self.options.item(row).data(Qt.ItemDataRole.UserRole)
                for row in range(self.options.count())
                if self.options.item(row).checkState() == Qt.CheckState.Checked])
        name = self.field.currentData()
        if kind == "accept":
            return BulkEdit("accept", name)
        value = self.editors[name].value()
        if value is None:
            raise ValueError(f"{SPECS[name].label}: give the value to set.")
        return BulkEdit("field", name, value)

    def accept(self) -> None:
        try:
            self.edit()
        except ValueError as err:
            self.problem.setText(str(err))
            return
        super().accept()


class BulkEdits(QObject):
    """The window's bulk edits: Review → "Edit the selected postings…", the queue's
    menu, and their commands on the undo stack."""

    def __init__(self, flow: ReviewFlow, long_work: LongWork, parent: QWidget) -> None:
        super().__init__(parent)
        self.flow, self.long_work, self.parent_widget = flow, long_work, parent
        self.store: Store = flow.store
        self.runner = BulkRunner(flow, long_work, self)
        self.queue = flow.queue
        self.dialog: BulkEditDialog | None = None
        self.confirmation: QMessageBox | None = None  # the last one asked (for tests)
        self.queue.menu_made.connect(self.add_to_menu)

    # --- choosing ------------------------------------------------------------------------

    def choose(self) -> None:
        """The dialog, for the postings selected in the queue or all those listed."""
        model = self.queue.model
        if not model.rowCount():
            self.flow.message.emit("No posting is listed to edit.", 6000)
            return
        selected = self.queue.selected_ids()
        shown = within_limits(self.store.labels.schema())[0]  # (as the window shows it)
        dialog = BulkEditDialog(self.parent_widget, shown, len(selected),
                                model.rowCount(), model.reading_more is not None)
        dialog.accepted.connect(lambda: self.confirm(
            dialog.edit(), self.listed() if dialog.scope_all.isChecked() else selected))
        self.dialog = dialog
        dialog.open()

    def listed(self) -> Sequence[int]:
        """Every posting the queue lists now, in its order."""
        return self.queue.model.listed_ids()

    def add_to_menu(self, menu: QMenu) -> None:
        """The queue's right-click menu gets the dialog, and a status for the selection."""
        if not menu.isEmpty():
            menu.addSeparator()
        menu.addAction("Edit the selected postings…").triggered.connect(self.choose)
        for status in ("reviewed", "skipped", "flagged", "new"):
            menu.addAction(f"Mark {status}").triggered.connect(
                lambda _c=False, s=status: self.confirm(BulkEdit("status", value=s),
                                                        self.queue.selected_ids()))

    def confirm(self, edit: BulkEdit, ids: Sequence[int]) -> None:
        """Ask, saying how many postings change; Yes makes the edit."""
        if not ids:
            self.flow.message.emit("Select postings in the list first.", 6000)
            return
        try:
            text, changing = self.question(edit, ids)
            icon = QMessageBox.Icon.Question if changing else QMessageBox.Icon.Information
        except (ValueError, DatabaseError) as err:  # (a schema changed; the file refused)
            text, changing, icon = f"Not edited: {err}", 0, QMessageBox.Icon.Warning
        buttons = (QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel
                   if changing else QMessageBox.StandardButton.Ok)
        box = message_box(icon, "Edit several postings", text, buttons, self.parent_widget)
        if changing:
            box.button(QMessageBox.StandardButton.Yes).setText(f"Edit {postings(changing)}")
            box.accepted.connect(lambda: self.runner.make(edit, ids, _what(edit)))
        self.confirmation = box
        box.open()

    def question(self, edit: BulkEdit, ids: Sequence[int]) -> tuple[str, int]:
        """The confirmation's text, and how many postings change (0: none would)."""
        n, note = len(ids), ""
        if n <= PREVIEW:
            preview = self.store.bulk.preview(edit, ids)
            n, rest = preview.changing, len(ids) - preview.changing
            if not n:
                return (f"Nothing to change: {'it' if rest == 1 else 'each of them'} has that "
                        "already" + (", or has no machine value for it, or a person decided "
                                     "it, or reviewers differ on it." if edit.kind == "accept"
                                     else "."), 0)
            others = "The other posting" if rest == 1 else f"The other {postings(rest)}"
            if rest and edit.kind == "accept":
                note += (f" {others} {'is' if rest == 1 else 'are'} left as"
                         f" {'it is' if rest == 1 else 'they are'}: no machine value for it,"
                         " a person decided it, or reviewers differ on it.")
            elif rest:
                note += f" {others} {'has' if rest == 1 else 'have'} it already."
            if preview.replacing:
                note += (f" On {postings(preview.replacing)} this replaces the value a person"
                         f" gave for {SPECS[edit.name].label}.")
        elif edit.kind == "accept":
            note = (" Those without a machine value for it, decided by a person, or that"
                    " reviewers differ on, are left.")
        other = "other " if edit.kind in ("field", "accept") else ""
        return (f"{_what(edit)} on {postings(n)}?{note}\n\nDecisions on {other}fields are"
                " kept. Undo (Ctrl+Z) undoes all of it at once.", n)


def _what(edit: BulkEdit) -> str:
    """The edit in the confirmation's words, before "on N postings"."""
    if edit.kind == "status":
        return f"Set the status to {edit.value}"
    if edit.kind == "label":
        question = edit.name.replace("_", " ")
        if not edit.value:
            return f"Remove the answer to {question}"
        return f"Answer {question}: {', '.join(edit.value)}"
    label = SPECS[edit.name].label
    if edit.kind == "accept":
        return f"Accept the machine's {label}"
    return f"Set {label} to {_shown(edit.value)}"


def _shown(value: Any) -> str:
    if isinstance(value, list):
        text = ", ".join(map(str, value))
    elif isinstance(value, dict):
        text = " ".join(str(v) for v in value.values() if v is not None)
    else:
        text = str(value)
    return "'" + (text if len(text) <= 80 else text[:79] + "…") + "'"
