"""The posting's document labels (a radio or check group a question) and its comment."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from reviewer.core.labels import Question
from reviewer.gui.fields_panel import ListEdit
from reviewer.gui.plain import plain_tip

COLUMNS = 2


class LabelsPanel(QWidget):
    labels_changed = Signal(str, list)  # question, its options now
    comment_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(0, 0, 0, 0)
        self.buttons: dict[tuple[str, str], QAbstractButton] = {}
        self.groups: list[QGroupBox] = []
        self._loading = False
        self._comment_shown = ""
        self._labels: dict[str, list[str]] = {}
        self.comment = ListEdit()
        self.comment.setPlaceholderText("A comment on this posting (saved when you leave it)")
        self.comment.setFixedHeight(52)
        self.comment.editingFinished.connect(self.comment_left)
        self.comment_label = QLabel("Comment")

    def set_schema(self, questions: list[Question]) -> None:
        """One group a single or multiple choice question; span questions are not here."""
        for group in self.groups:
            group.deleteLater()
        self.groups, self.buttons = [], {}
        for question in questions:
            if question.kind == "span":
                continue
            # names come from the project file: an "&" is shown, never a mnemonic (Alt
            # and a letter goes to a field)
            title = question.name.replace("_", " ")  # its first letter up, the rest as is
            group = QGroupBox((title[:1].upper() + title[1:]).replace("&", "&&"))
            grid = QGridLayout(group)
            grid.setContentsMargins(8, 4, 8, 4)
            grid.setVerticalSpacing(2)
            exclusive = QButtonGroup(group)
            exclusive.setExclusive(False)  # a single choice can be cleared again
            for n, option in enumerate(question.options):
                key = QKeySequence(option.key).toString(QKeySequence.SequenceFormat.NativeText)
                text = option.name.replace("_", " ").replace("&", "&&") + (
                    f"  ({key})" if key else "")
                button: QAbstractButton = (QRadioButton(text) if question.kind == "single"
                                           else QCheckBox(text))
                button.setToolTip(plain_tip(f"{question.name}: {option.name}"))
                exclusive.addButton(button)
                button.clicked.connect(
                    lambda _checked=False, q=question, o=option.name: self.toggle(q, o))
                grid.addWidget(button, n // COLUMNS, n % COLUMNS)
                self.buttons[(question.name, option.name)] = button
            self.column.addWidget(group)
            self.groups.append(group)
        self.column.addWidget(self.comment_label)
        self.column.addWidget(self.comment)
        self.questions = {q.name: q for q in questions}

    def show_posting(self, posting: dict[str, Any] | None) -> None:
        self._loading = True
        try:
            labels = self._labels = dict(posting["labels"]) if posting else {}
            for (question, option), button in self.buttons.items():
                button.setChecked(option in labels.get(question, []))
            self._comment_shown = posting["comment"] if posting else ""
            self.comment.setPlainText(self._comment_shown)
        finally:
            self._loading = False

    def toggle(self, question: Question, option: str) -> None:
        """Choose ``option`` or, if it is chosen, clear it; in a single choice it replaces
        the other. The buttons follow when the posting is shown again after the edit."""
        if self._loading:
            return
        before = self._labels.get(question.name, [])
        if option in before:
            after = [o for o in before if o != option]
        elif question.kind == "single":
            after = [option]
        else:
            after = [*before, option]
        self.labels_changed.emit(question.name, after)

    def comment_left(self) -> None:
        text = self.comment.toPlainText().strip()
        if not self._loading and text != self._comment_shown.strip():
            self._comment_shown = text
            self.comment_changed.emit(text)
