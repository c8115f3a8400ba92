"""The posting's document labels (a radio or check group a question) and its comment.

Where the reviewers whose files were merged answered a question differently, a line
in its group says each one's answer (``show_reviewers``, from ``adjudication``). Each
question and option has the project's description of it as its tooltip, as plain text.

A question not answered yet shows the answer the project's learned model suggests, if
any, in a muted line at the top of its group ("suggested: data (0.82) · Alt+4"): the
option's key answers it, as always, and the line goes once the question is answered.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QRadioButton,
    QStatusBar,
    QVBoxLayout,
    QWidget,
)

from reviewer.core.labels import Question, option_key
from reviewer.gui.fields_panel import ListEdit
from reviewer.gui.option_walk import OptionWalk
from reviewer.gui.plain import plain_label, set_plain_tip

COLUMNS = 2
NAME_LETTERS = 24  # of an option's name shown in its box (the rest in its tip)
_GROUP_EDGE = 14  # pixels between a question's box and its options, on each side
_BOX_EDGE = 30  # of a column of options: a check box or radio button, the gap beside
_SPARE = 4  # pixels a column keeps free (a name cut is measured, then drawn, a little apart)


def suggested_options(suggestion: Any, asked: Question) -> list[str]:
    """The options of ``asked`` a label suggestion (``{"answer", "confidence"}``) names:
    one answer or a list of them; nothing when it is not of that shape (it comes from a
    file). Options the question no longer has (the model learnt them before the schema
    changed) are left out: no key gives them."""
    answer = suggestion.get("answer") if isinstance(suggestion, dict) else None
    named = [str(a) for a in answer if a is not None] if isinstance(answer, list) else \
        [] if answer is None else [str(answer)]
    options = set(asked.option_names())
    return [o for o in named if o in options]


def suggestion_text(suggestion: Any, asked: Question) -> str:
    """"sales marketing (0.82)": the options suggested as the buttons name them, and
    how sure the model is ("" when it suggests none)."""
    options = suggested_options(suggestion, asked)
    if not options:
        return ""
    try:
        sure = f" ({float(suggestion.get('confidence')):.2f})"
    except (TypeError, ValueError):
        sure = ""
    return ", ".join(o.replace("_", " ") for o in options) + sure


LEFT_OUT = "Label schema too large"  # how ``labels.within_limits`` says what is not shown
SMALLER = " Give the project a smaller one: reviewer labels PROJECT --import FILE."


def say_left_out(bar: QStatusBar, left_out: str | None) -> None:
    """Say in ``bar`` which questions the window leaves out (``within_limits``), once the
    window is whole (said before, the message would cover nothing), unless a schema
    read since says otherwise; none left out: take back what was said of the schema."""
    bar.setProperty("left_out", left_out or "")
    if left_out:
        QTimer.singleShot(0, bar, lambda: bar.property("left_out") == left_out
                          and bar.showMessage(left_out + SMALLER, 60000))
    elif bar.currentMessage().startswith(LEFT_OUT):
        bar.clearMessage()


class LabelsPanel(QWidget):
    labels_changed = Signal(str, list)  # question, its options now
    comment_changed = Signal(str, str)  # the text left, the comment it was typed over

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(0, 0, 0, 0)
        self.buttons: dict[tuple[str, str], QAbstractButton] = {}
        self.groups: list[QGroupBox] = []
        self.hints: dict[str, QLabel] = {}  # a question's suggested answer, while unanswered
        self.reviewers: dict[str, QLabel] = {}  # the reviewers' answers, where they differ
        self.questions: dict[str, Question] = {}
        self.descriptions: dict[str, str] = {}  # "question:NAME", "option:Q/O" → what it means
        self._names: dict[QAbstractButton, tuple[str, str]] = {}  # a button's name, its key
        self._width = 0  # of the tab the options are fitted to (``fit``)
        self._columns = COLUMNS  # of options a question, as many as the tab holds
        self._titles: dict[QGroupBox, str] = {}  # each question's box, its whole title
        self._grids: list[tuple[QGridLayout, list[QAbstractButton]]] = []  # a question's
        self.walk = OptionWalk(self)  # Tab to a question, the arrows among its options
        self._loading = False
        self._comment_shown = ""
        self._pid: int | None = None  # the posting shown
        self._labels: dict[str, list[str]] = {}
        self.comment = ListEdit(bullets=False)
        self.comment.setAccessibleName("Comment")
        self.comment.setPlaceholderText("A comment on this posting (saved when you leave it)")
        self.comment.setFixedHeight(52)
        self.comment.editingFinished.connect(self.comment_left)
        self.comment.installEventFilter(self)
        self.comment_label = QLabel("Comment")

    def _cut(self, name: str, columns: int = 1) -> str:
        """A name from the schema as wide as a column of options at most (``columns``
        of them), cut with "…": an option of 60 letters made the tab scroll sideways."""
        metrics = self.fontMetrics()
        return metrics.elidedText(name, Qt.TextElideMode.ElideRight,
                                  metrics.averageCharWidth() * NAME_LETTERS * columns)

    def fit(self, width: int) -> None:
        """Cut the options' names to fit a tab ``width`` pixels wide, their keys whole
        (the whole name is in the button's tip): long names with long keys side by side
        made the tab scroll sideways. 0: as wide as ``NAME_LETTERS`` letters a name."""
        self._width = width
        metrics = self.fontMetrics()
        least = metrics.averageCharWidth() * 6
        widest = max((metrics.horizontalAdvance(key) for _name, key in self._names.values()),
                     default=0)
        inside, gap, edge = self._edges()

        def room(columns: int) -> int:  # for the text of a button in that many columns
            return (width - inside - gap * (columns - 1)) // columns - edge - _SPARE

        # as many columns as hold the widest key and a few letters of a name
        columns = next((n for n in range(COLUMNS, 1, -1) if room(n) >= widest + least), 1)
        column = room(columns)
        for button, (name, key) in self._names.items():
            cut = self._cut(name) if width <= 0 else metrics.elidedText(
                name, Qt.TextElideMode.ElideRight,
                max(column - metrics.horizontalAdvance(key), least))
            button.setText(cut.replace("&", "&&") + key)
        for group, title in self._titles.items():  # (names from the file: "&" no mnemonic)
            group.setTitle((self._cut(title, COLUMNS) if width <= 0 else metrics.elidedText(
                title, Qt.TextElideMode.ElideRight, width - inside - edge)).replace("&", "&&"))
        if width > 0 and columns != self._columns:
            self._columns = columns
            for grid, buttons in self._grids:
                for n, button in enumerate(buttons):
                    grid.addWidget(button, 2 + n // columns, n % columns)

    def _edges(self) -> tuple[int, int, int]:
        """Pixels of a question's box around its options (frame and margins), between two
        columns of them, and of a button beside its text (the box or circle, a gap)."""
        if not self._grids or not self._names:
            return 2 * _GROUP_EDGE, 6, _BOX_EDGE
        grid, _buttons = self._grids[0]
        group = grid.parentWidget()
        margins = grid.contentsMargins()
        inside = (group.width() - group.contentsRect().width() if group is not None else 6) \
            + margins.left() + margins.right()
        button = next(iter(self._names))
        edge = button.sizeHint().width() - button.fontMetrics().horizontalAdvance(
            button.text().replace("&&", "&"))
        return inside, max(0, grid.horizontalSpacing()), max(edge, 0)

    def set_schema(self, questions: list[Question]) -> None:
        """One group a single or multiple choice question; span questions are not here."""
        for group in self.groups:
            group.deleteLater()
        self.groups, self.buttons, self.hints, self.reviewers = [], {}, {}, {}
        self._names, self._grids, self._titles = {}, [], {}
        self.walk.clear()
        for question in questions:
            if question.kind == "span":
                continue
            # names come from the project file: an "&" is shown, never a mnemonic (Alt
            # and a letter goes to a field)
            title = question.name.replace("_", " ")  # its first letter up, the rest as is
            group = QGroupBox()
            self._titles[group] = title[:1].upper() + title[1:]
            grid = QGridLayout(group)
            grid.setContentsMargins(8, 4, 8, 4)
            grid.setVerticalSpacing(2)
            hint = plain_label()  # the suggestion holds option names from the file
            hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)  # muted
            hint.setWordWrap(True)
            hint.hide()
            grid.addWidget(hint, 0, 0, 1, COLUMNS)
            self.hints[question.name] = hint
            reviewers = plain_label()  # names and options from the project files
            reviewers.setObjectName("reviewerValues")
            reviewers.setWordWrap(True)
            reviewers.hide()
            grid.addWidget(reviewers, 1, 0, 1, COLUMNS)
            self.reviewers[question.name] = reviewers
            group.setProperty("question", question.name)
            self._grids.append((grid, options := []))
            for n, option in enumerate(question.options):
                key = QKeySequence(option.key).toString(QKeySequence.SequenceFormat.NativeText)
                button: QAbstractButton = QRadioButton() if question.kind == "single" \
                    else QCheckBox()
                button.setAutoExclusive(False)  # a single choice can be cleared again
                set_plain_tip(button, option.name)  # (the whole name, as written)
                self._names[button] = (option.name.replace("_", " "),
                                       f"  ({key})" if key else "")
                options.append(button)
                button.clicked.connect(
                    lambda _checked=False, q=question, o=option.name: self.toggle(q, o))
                grid.addWidget(button, 2 + n // self._columns, n % self._columns)
                self.buttons[(question.name, option.name)] = button
            self.walk.add(options)
            self.column.addWidget(group)
            self.groups.append(group)
        self.column.addWidget(self.comment_label)
        self.column.addWidget(self.comment)
        self.fit(self._width)
        self.questions = {q.name: q for q in questions}
        self.set_descriptions(self.descriptions)

    def set_descriptions(self, descriptions: dict[str, str]) -> None:
        """The project's descriptions as the tooltips of its questions and options."""
        self.descriptions = descriptions
        for group in self.groups:
            said = descriptions.get(f"question:{group.property('question')}", "")
            set_plain_tip(group, said)
        for (question, option), button in self.buttons.items():
            meant = descriptions.get(option_key(question, option), "")
            set_plain_tip(button, f"{question}: {option}" + (f"\n{meant}" if meant else ""))

    def show_posting(self, posting: dict[str, Any] | None) -> None:
        self._loading = True
        try:
            labels = self._labels = dict(posting["labels"]) if posting else {}
            for (question, option), button in self.buttons.items():
                button.setChecked(option in labels.get(question, []))
            stored, pid = (posting["comment"], posting["id"]) if posting else ("", None)
            # an edit of the posting (a label key) while its comment is being typed: the
            # text typed stays as it is, caret and all, and is saved when left
            typing = pid == self._pid and stored == self._comment_shown \
                and self.comment.hasFocus()
            self._comment_shown, self._pid = stored, pid
            if not typing:
                self.comment.setPlainText(stored)
            suggested = (posting.get("label_suggestions") or {}) if posting else {}
            for name, hint in self.hints.items():
                self._hint(hint, name, None if labels.get(name) else suggested.get(name))
            self.walk.reset()
        finally:
            self._loading = False

    def show_reviewers(self, lines: dict[str, str]) -> None:
        """Under each question named in ``lines``, its line (the reviewers' answers)."""
        for name, label in self.reviewers.items():
            label.setText(lines.get(name, ""))
            label.setVisible(name in lines)

    def _hint(self, hint: QLabel, question: str, suggestion: Any) -> None:
        """The suggested answer to ``question`` with the keys that give it, or nothing."""
        asked = self.questions[question]
        text = suggestion_text(suggestion, asked)
        if text:
            chosen = suggested_options(suggestion, asked)
            keys = [QKeySequence(o.key).toString(QKeySequence.SequenceFormat.NativeText)
                    for o in asked.options if o.name in chosen and o.key]
            text = f"suggested: {text}" + (f" · {', '.join(keys)}" if keys else "")
        hint.setText(text)
        hint.setVisible(bool(text))

    def toggle(self, question: Question, option: str) -> None:
        """Choose ``option`` or, if it is chosen, clear it; in a single choice it replaces
        the others (a question made single choice keeps a posting's several answers until
        one is chosen: choosing one of them leaves that one). The buttons follow when the
        posting is shown again after the edit."""
        if self._loading:
            return
        before = self._labels.get(question.name, [])
        if question.kind == "single":
            after = [] if before == [option] else [option]
        elif option in before:
            after = [o for o in before if o != option]
        else:
            after = [*before, option]
        self.labels_changed.emit(question.name, after)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Ctrl+Z (Ctrl+Shift+Z) in a comment that is saved as the box shows it: the
        window's undo (redo) of its last edit, as in a field; the box's own would take
        back the typing that made the saved comment, unsaid."""
        if watched is self.comment and event.type() == QEvent.Type.ShortcutOverride \
                and isinstance(event, QKeyEvent) and any(
                    event.matches(k) for k in (QKeySequence.StandardKey.Undo,
                                               QKeySequence.StandardKey.Redo)) \
                and self.comment.toPlainText().strip() == self._comment_shown.strip():
            event.ignore()
            return True
        return super().eventFilter(watched, event)

    def commenting(self) -> bool:
        """Whether the comment box holds text typed that is not saved yet (it is when
        the box is left)."""
        return not self._loading and \
            self.comment.toPlainText().strip() != self._comment_shown.strip()

    def comment_left(self) -> None:
        text = self.comment.toPlainText().strip()
        if not self._loading and text != self._comment_shown.strip():
            was, self._comment_shown = self._comment_shown, text
            self.comment_changed.emit(text, was)
