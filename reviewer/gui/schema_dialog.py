"""Editing the label schema: questions, their options, colours and keys.

Renaming a question or an option carries the labels already given along; removing an
option in use says how many labels go with it, that this cannot be undone, and asks for
a second Save. A change that renames and removes nothing keeps the window's undo steps.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QColor, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reviewer.core.label_checks import check_given, keyless, keyless_note
from reviewer.core.labels import (
    KINDS,
    PALETTE,
    Option,
    Question,
    check,
    default_schema,
    window_clash,
    with_defaults,
)
from reviewer.core.store import DatabaseError, Labels
from reviewer.gui.edit_command import keep_or_clear
from reviewer.gui.plain import plain_label
from reviewer.gui.theme import show_as_problem

KIND_TEXT = {"single": "one choice", "multi": "any choices", "span": "span labels"}
NAME, COLOUR, KEY = range(3)


def keeps_labels(before: list[Question], after: list[Question],
                 origins: dict[tuple[str, str], tuple[str, str]]) -> bool:
    """Whether the schema ``after`` keeps every option of ``before`` under its name and
    question (``origins``: each option edited → the one it was, none renamed or moved),
    and every question's kind: a label given before means in it what it meant (a
    colour, a key, the order changed, an option added)."""
    if any(new != old for new, old in origins.items()):
        return False
    kinds = {q.name: q.kind for q in after}
    return all(kinds.get(q.name) == q.kind and all((q.name, o.name) in origins
                                                  for o in q.options) for q in before)


class SchemaDialog(QDialog):
    def __init__(self, parent: QWidget, labels: Labels, taken: dict[str, str] | None = None,
                 steps: QUndoStack | None = None, digest: Callable[[], str] | None = None,
                 ) -> None:
        """``labels``: the project's label part (``store.labels``); ``taken``: keys the
        window's actions use (key → action), refused for options; ``steps``: the window's
        undo steps, kept by a save that renames and removes nothing, else cleared
        (``keep_or_clear``; ``digest``: ``store.history.schema_digest``)."""
        super().__init__(parent)
        self.setWindowTitle("Label schema")
        self.setMinimumSize(720, 440)
        self.labels = labels
        self.taken = taken or {}
        self.original = labels.schema()
        # the questions as edited: each remembers the names it had in the project
        self.questions: list[dict[str, Any]] = [self._row(q, keep=True) for q in self.original]
        self.current = -1
        self._confirmed: str | None = None
        self.steps, self.digest = steps, digest
        self.before = digest() if digest is not None else ""  # the schema's, as opened
        self.said = ""  # once saved: what became of the undo steps, if anything

        self.list = QListWidget()
        self.list.currentRowChanged.connect(self._select)
        buttons = QHBoxLayout()
        for text, slot, said in (
                ("Add", self._add_question, "Add a question"),
                ("Remove", self._remove_question, "Remove the question"),
                ("↑", lambda: self._move(-1), "Move the question up"),
                ("↓", lambda: self._move(1), "Move the question down")):
            button = QPushButton(text)
            button.clicked.connect(slot)
            button.setToolTip(said)
            button.setAccessibleName(said)  # (a screen reader says "up arrow" for ↑)
            buttons.addWidget(button)
        left = QVBoxLayout()
        left.addWidget(QLabel("Questions"))
        left.addWidget(self.list, 1)
        left.addLayout(buttons)

        self.name = QLineEdit()
        self.kind = QComboBox()
        for kind in KINDS:
            self.kind.addItem(KIND_TEXT[kind], kind)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(["Option", "Colour", "Key"])
        self.table.horizontalHeader().setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setTabKeyNavigation(False)  # Tab goes on to the buttons (arrows: cells)
        self.table.setAccessibleName("Options")
        self.table.itemChanged.connect(self._tint)
        option_buttons = QHBoxLayout()
        for text, slot in (("Add option", self._add_option),
                           ("Remove option", self._remove_option)):
            button = QPushButton(text)
            button.clicked.connect(slot)
            option_buttons.addWidget(button)
        option_buttons.addStretch(1)
        form = QFormLayout()
        form.addRow("Question", self.name)
        form.addRow("Kind", self.kind)
        right = QVBoxLayout()
        right.addLayout(form)
        right.addWidget(self.table, 1)
        right.addLayout(option_buttons)

        columns = QHBoxLayout()
        columns.addLayout(left, 2)
        columns.addLayout(right, 3)
        self.problem = plain_label()  # it quotes question and option names
        self.problem.setWordWrap(True)
        show_as_problem(self.problem)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save |
                                        QDialogButtonBox.StandardButton.Cancel |
                                        QDialogButtonBox.StandardButton.RestoreDefaults)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults).setText(
            "Use the default")
        self.buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults).clicked.connect(
            self._use_default)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(QLabel("Keys: Alt+1…9 suit document labels (they work while typing "
                                "in a field), Ctrl+1…9 span labels."))
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self._fill_list()

    # --- the edited schema ---------------------------------------------------------------

    @staticmethod
    def _row(question: Question, keep: bool) -> dict[str, Any]:
        return {"orig": question.name if keep else None, "name": question.name,
                "kind": question.kind,
                "options": [{"orig": o.name if keep else None, "name": o.name, "color": o.color,
                             "key": o.key} for o in question.options]}

    def _fill_list(self, row: int = 0) -> None:
        self.current = -1
        self.list.clear()
        for question in self.questions:
            self.list.addItem(f"{question['name']}  ({KIND_TEXT[question['kind']]})")
        if self.questions:
            self.list.setCurrentRow(min(row, len(self.questions) - 1))
        else:
            self._show(None)

    def _select(self, row: int) -> None:
        self._store_current()
        self.current = row
        self._show(self.questions[row] if 0 <= row < len(self.questions) else None)

    def _show(self, question: dict[str, Any] | None) -> None:
        for widget in (self.name, self.kind, self.table):
            widget.setEnabled(question is not None)
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        if question is not None:
            self.name.setText(question["name"])
            self.kind.setCurrentIndex(self.kind.findData(question["kind"]))
            for option in question["options"]:
                self._append_option(option)
        self.table.blockSignals(False)

    def _append_option(self, option: dict[str, Any]) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        name = QTableWidgetItem(option["name"])
        name.setData(256, option["orig"])  # Qt.UserRole: the name it has in the project
        self.table.setItem(row, NAME, name)
        self.table.setItem(row, COLOUR, QTableWidgetItem(option["color"]))
        self.table.setItem(row, KEY, QTableWidgetItem(option["key"]))
        self._tint(self.table.item(row, COLOUR))

    def _tint(self, item: QTableWidgetItem) -> None:
        if item.column() == COLOUR and QColor.isValidColorName(item.text()):
            item.setBackground(QColor(item.text()))

    def _store_current(self) -> None:
        """What the widgets show, back into ``questions``."""
        if not 0 <= self.current < len(self.questions):
            return
        question = self.questions[self.current]
        question["name"] = self.name.text().strip()
        question["kind"] = self.kind.currentData()
        question["options"] = []
        for row in range(self.table.rowCount()):
            cells = [self.table.item(row, c) for c in (NAME, COLOUR, KEY)]
            texts = [c.text().strip() if c is not None else "" for c in cells]
            question["options"].append({
                "orig": cells[NAME].data(256) if cells[NAME] is not None else None,
                "name": texts[NAME], "color": texts[COLOUR],
                # a key Qt cannot read stays as typed, for save() to refuse ("Ctrl+Foo")
                "key": QKeySequence(texts[KEY]).toString() or texts[KEY] if texts[KEY] else ""})
        item = self.list.item(self.current)
        if item is not None:
            item.setText(f"{question['name']}  ({KIND_TEXT[question['kind']]})")

    # --- buttons ---------------------------------------------------------------------------

    def _add_question(self) -> None:
        self._store_current()
        taken = {q["name"] for q in self.questions}
        name = next(f"question_{n}" for n in range(1, 1000) if f"question_{n}" not in taken)
        self.questions.append({"orig": None, "name": name, "kind": "single", "options": [
            {"orig": None, "name": "yes", "color": PALETTE[0], "key": ""},
            {"orig": None, "name": "no", "color": PALETTE[1], "key": ""}]})
        self._fill_list(len(self.questions) - 1)

    def _remove_question(self) -> None:
        if 0 <= self.current < len(self.questions):
            del self.questions[self.current]
            self._fill_list(self.current)

    def _move(self, step: int) -> None:
        self._store_current()
        row, to = self.current, self.current + step
        if 0 <= row < len(self.questions) and 0 <= to < len(self.questions):
            self.questions[row], self.questions[to] = self.questions[to], self.questions[row]
            self._fill_list(to)

    def _add_option(self) -> None:
        if self.current < 0:
            return
        row = self.table.rowCount()
        self._append_option({"orig": None, "name": f"option_{row + 1}",
                             "color": PALETTE[row % len(PALETTE)], "key": ""})
        self.table.editItem(self.table.item(row, NAME))

    def _remove_option(self) -> None:
        rows = sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True)
        for row in rows or [self.table.rowCount() - 1]:
            if row >= 0:
                self.table.removeRow(row)

    def _use_default(self) -> None:
        self.questions = [self._row(q, keep=False) for q in default_schema()]
        old = {q.name: q for q in self.original}
        for question in self.questions:  # same names as now: the labels stay theirs
            if question["name"] in old:
                question["orig"] = question["name"]
                kept = set(old[question["name"]].option_names())
                for option in question["options"]:
                    option["orig"] = option["name"] if option["name"] in kept else None
        self._fill_list()

    # --- saving ------------------------------------------------------------------------------

    def reject(self) -> None:
        """Cancel, Esc or the window's close: with edits not saved, said first (the same
        again drops them)."""
        dropping = "The changes to the label schema are not saved: press Cancel (or Esc) " \
            "again to drop them, or Save."
        if self.problem.text() != dropping and self.edited() != self.original:
            self.problem.setText(dropping)
            return
        super().reject()

    def edited(self) -> list[Question]:
        self._store_current()
        return [Question(q["name"], q["kind"], [Option(o["name"], o["color"], o["key"])
                                                  for o in q["options"]])
                for q in self.questions]

    def save(self) -> None:
        questions = self.edited()
        try:
            unreadable = next((o for q in questions for o in q.options
                               if o.key and not QKeySequence(o.key).toString()), None)
            if unreadable is not None:
                raise ValueError(f"“{unreadable.key}” ({unreadable.name}) is not a key this "
                                 "window knows: write it as Alt+1 or Ctrl+L, 5")
            check(questions)
            check_given(questions, self.original)
            with_defaults(questions, self.taken)  # new options: the next keys free
            for question in questions:
                for option in question.options:
                    taken = next((k for k in self.taken
                                  if option.key and window_clash(option.key, k)), None)
                    if taken is not None:
                        raise ValueError(f"{option.key} ({option.name}) clashes with {taken}, "
                                         f"the key of “{self.taken[taken]}”")
        except ValueError as err:
            self.problem.setText(f"{err}.")
            return
        origins = {(q["name"], o["name"]): (q["orig"], o["orig"]) for q in self.questions
                   for o in q["options"] if q["orig"] and o["orig"]}
        try:
            lost = self.labels.lost(questions, origins)
            several = self.labels.several(questions, origins)
        except ValueError as err:
            self.problem.setText(f"{err}.")
            return
        summary = ", ".join(f"{q}/{o} ({n:,})" for q, o, n in lost)
        told = [f"This removes {sum(n for *_, n in lost):,} labels given before: {summary}. "
                "This cannot be undone."] if lost else []
        told += [f"{n:,} {'posting answers' if n == 1 else 'postings answer'} {q} with several "
                 "options, which it takes one of now: those answers are kept until you choose "
                 "one." for q, n in several]
        if keyless(questions) > keyless(self.original):
            told.append(keyless_note(keyless(questions)) + ".")
        if told and self._confirmed != " ".join(told):
            self._confirmed = " ".join(told)
            self.problem.setText(" ".join(told) + " Press Save again to save.")
            return
        try:
            self.labels.save_schema(questions, origins, expected=self.original)
        except (ValueError, DatabaseError) as err:  # nothing is saved: one transaction
            self.problem.setText(f"Not saved: {err}.")
            return
        if self.steps is not None and self.digest is not None:
            self.said = keep_or_clear(self.steps, keeps_labels(self.original, questions,
                                                               origins), self.before, self.digest)
        self.accept()
