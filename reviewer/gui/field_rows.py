"""One field of a posting as one compact row: its editor, its state and confidence, and
the revert and reject buttons. The name beside it, with its key and evidence colour,
is the fields panel's (``fields_panel``).

A list field shows one line ("6 items: Design, build…") and opens into one item a line
when it takes the focus; a long value shows its start. What the machine read stays in
the tooltip of a corrected field, and a value that cannot be read is kept in its box,
marked not saved, with the reason on a line of its own.
"""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reviewer.core.extract import value_from_selection
from reviewer.core.schema import FieldSpec, within_bounds
from reviewer.core.words import typed_text
from reviewer.gui.choice_box import ChoiceBox
from reviewer.gui.field_figures import amount, check_plain, currency, shown_text
from reviewer.gui.list_edit import ListEdit, forget_undo
from reviewer.gui.plain import isolated, set_plain_tip, show_start, value_text
from reviewer.gui.salary_boxes import SalaryBoxes

STATE_MARKS = {"suggested": "○", "accepted": "✓", "corrected": "✎", "rejected": "✗",
               "adjudicated": "⚖", "none": "", "unsaved": "⚠"}
STATE_WORDS = {"suggested": "suggested by the machine", "accepted": "accepted",
               "corrected": "corrected", "rejected": "rejected: the posting has no value",
               "adjudicated": "adjudicated: decided where reviewers differed",
               "none": "no value found"}
DECIDED = ("accepted", "corrected", "rejected", "adjudicated")  # a person decided
LIST_LINES = 6  # the height of an open list field, in lines


def summary(items: list[Any] | None) -> str:
    """A list on one line: "3 items: Python, Go, SQL"; the line edit cuts what is long.
    An item of right-to-left text is a direction of its own (``isolated``)."""
    if not items:
        return ""
    if len(items) == 1:
        return str(items[0])
    return f"{len(items)} items: " + ", ".join(isolated(str(item)) for item in items)


def attention(spec: FieldSpec, value: Any, state: str, confidence: float | None,
              evidence: list[str], threshold: float) -> str:
    """Why a field should catch the eye before it is accepted, or "" when nothing
    does: no value, a suggestion less sure than ``threshold``, or a text value that its
    evidence (the text the machine read it from) does not contain."""
    if state in DECIDED:
        return ""
    if value in (None, "", [], {}):
        return "no value: check the posting has none"
    if confidence is not None and confidence < threshold:
        return f"low confidence ({confidence:.2f}, below {threshold:.2f})"
    if spec.kind == "text" and evidence:
        found = _squash(str(value))
        if not any(found in _squash(text) for text in evidence):
            return "the value is not in the text it was read from"
    return ""


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


_LEAST_LETTERS = 14  # a line box shows at least about as many letters


class FieldEditor(QWidget):
    """One field: its editor, its state and confidence, revert and reject buttons."""

    changed = Signal(str, object)
    revert = Signal(str)
    reject = Signal(str)
    unreadable_changed = Signal()  # text typed could not be read, or no longer stands
    opened = Signal()  # a list field's items shown, under its row

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self._loading = False
        self._shown: Any = None  # the value last put in, so only a real change is reported
        self.loaded: tuple[Any, str, float | None] = (None, "none", None)  # as last put in
        self.machine: Any = None  # what the machine read, for the tooltip of a correction
        self.stage = ""  # which stage suggested it: "dataset" is a data file's column
        self.alternatives: list[dict[str, Any]] = []  # other stages' readings, best first
        self.unreadable: str | None = None  # why the text typed could not be read
        self.held = False  # it is a value typed over one set meanwhile (``held_value``)
        self.summary: QLineEdit | None = None  # a list field's line while it is closed
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(1)
        row = QHBoxLayout()
        row.setSpacing(3)
        self.editor = self._make_editor(row)
        self.mark = QLabel()
        self.mark.setObjectName("fieldMark")
        self.mark.setTextFormat(Qt.TextFormat.PlainText)
        self.mark.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.mark.setFixedWidth(self.mark.fontMetrics().horizontalAdvance("○ 0.95") + 6)
        row.addWidget(self.mark)
        self.revert_button = QToolButton(text="↺", toolTip="Back to the machine's value")
        self.reject_button = QToolButton(text="✗", toolTip="Reject: the posting has no value")
        for button in (self.revert_button, self.reject_button):
            button.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # no stops of a Tab walk
            button.setAutoRaise(True)
            button.setFixedWidth(button.fontMetrics().horizontalAdvance("↺") + 12)
            row.addWidget(button)
        self.revert_button.clicked.connect(lambda: self.revert.emit(spec.name))
        self.reject_button.clicked.connect(lambda: self.reject.emit(spec.name))
        self.revert_button.setAccessibleName(f"{spec.label}: back to the machine's value")
        self.reject_button.setAccessibleName(f"{spec.label}: reject")
        column.addLayout(row)
        if self.summary is not None:  # an open list: under its row, and as wide (an item
            column.addWidget(self.editor)  # of a sentence takes fewer lines)
        self.state = QLabel()  # what the row's mark cannot say: why a value is not saved
        self.state.setTextFormat(Qt.TextFormat.PlainText)
        self.state.setObjectName("fieldState")
        self.state.setWordWrap(True)
        self.state.hide()
        column.addWidget(self.state)
        name_boxes(self, spec.label)

    def _make_editor(self, row: QHBoxLayout) -> QWidget:
        kind = self.spec.kind
        if kind == "enum":
            combo = ChoiceBox()
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(4)  # as narrow as the pane asks; the popup is whole
            combo.addItem("", None)
            for choice in self.spec.choices:
                combo.addItem(choice.replace("_", " "), choice)
            combo.currentIndexChanged.connect(lambda _i: self.commit())
            row.addWidget(combo, 1)
            return combo
        if kind == "list":
            self.summary = QLineEdit(readOnly=True)
            self.summary.setMinimumWidth(
                self.summary.fontMetrics().averageCharWidth() * _LEAST_LETTERS)
            self.summary.setPlaceholderText("none")
            self.summary.installEventFilter(self)
            text = ListEdit()
            text.setPlaceholderText("one item a line")
            text.setFixedHeight(text.fontMetrics().lineSpacing() * LIST_LINES + 12)
            text.editingFinished.connect(self._list_left)
            text.hide()
            row.addWidget(self.summary, 1)
            return text  # (under the row, as wide as the row: ``__init__``)
        if kind == "salary":
            return self._make_salary(row)
        line = QLineEdit()
        line.setMaxLength(_WHOLE)  # (a line box holds 32,767 characters unless told)
        # as wide as a short value at least: a narrow pane puts the field's name above it
        # (as it does a choice's) rather than show "Seni" of "Senior Engineer"
        line.setMinimumWidth(line.fontMetrics().averageCharWidth() * _LEAST_LETTERS)
        if kind == "date":
            line.setPlaceholderText("YYYY-MM-DD")
        line.editingFinished.connect(self.commit)
        row.addWidget(line, 1)
        return line

    def _make_salary(self, row: QHBoxLayout) -> QWidget:
        boxes = SalaryBoxes()
        self.salary_min, self.salary_max = boxes.low, boxes.high
        self.salary_currency, self.salary_period = boxes.currency, boxes.period
        for edit in (self.salary_min, self.salary_max, self.salary_currency):
            edit.editingFinished.connect(self.commit)
        self.salary_period.currentIndexChanged.connect(lambda _i: self.commit())
        row.addWidget(boxes, 1)
        return boxes

    # --- focus ---------------------------------------------------------------------------------

    def focus(self) -> None:
        """Put the focus in this field (a list field opens)."""
        if self.summary is not None:
            self.open_list(Qt.FocusReason.ShortcutFocusReason)
        elif self.spec.kind == "salary":
            self.salary_min.setFocus(Qt.FocusReason.ShortcutFocusReason)
        else:
            self.editor.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def open_list(self, reason: Qt.FocusReason = Qt.FocusReason.OtherFocusReason) -> None:
        """A list field's items, one a line, under its one-line summary (which takes no
        focus while they are open: Shift+Tab goes on to the field before)."""
        assert self.summary is not None
        self.summary.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.editor.show()
        self.editor.setFocus(reason)
        self.opened.emit()

    def _list_left(self) -> None:
        """What was typed is reported; the list closes to its line, which says what it
        holds now, unless the window only went behind another (it is open on return)."""
        self.commit()
        assert isinstance(self.editor, ListEdit)
        away = self.editor.left_for in (Qt.FocusReason.ActiveWindowFocusReason,
                                        Qt.FocusReason.PopupFocusReason)
        if self.summary is not None and not self.editor.hasFocus() and not away:
            show_start(self.summary, summary(self.value()))
            self.editor.hide()
            self.summary.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def eventFilter(self, watched: Any, event: Any) -> bool:
        from PySide6.QtCore import QEvent

        if watched is self.summary and event.type() == QEvent.Type.FocusIn:
            self.open_list()
        return False

    # --- values --------------------------------------------------------------------------------

    def value(self) -> Any:
        """The value typed, read as the extractor reads text (a date in any common form,
        "38k", "$95,000"); None when empty. ValueError saying why when it cannot be read."""
        kind, editor, stored = self.spec.kind, self.editor, self.loaded[0]
        if isinstance(editor, QComboBox):
            return editor.currentData()
        if isinstance(editor, QPlainTextEdit):
            lines = [x.strip() for x in editor.toPlainText().split("\n") if x.strip()]
            if isinstance(stored, list) and lines == [str(x).strip() for x in stored]:
                return stored  # (as shown: as stored, whatever it holds)
            return [x for x in map(typed_text, lines) if x] or None
        if kind == "salary":
            shown = stored if isinstance(stored, dict) else {}
            # a figure as it was shown is the one stored ("15.375" read again would be
            # 15,375: a dot before three digits parts thousands in a pay text)
            (low, cur_low), (high, cur_high) = (
                amount(self.salary_min.text(), "min", shown.get("min")),
                amount(self.salary_max.text(), "max", shown.get("max")))
            if low is None and high is None:
                return None
            if low is not None and high is not None and high < low:
                raise ValueError("the max is less than the min")
            return {"min": low, "max": high,  # an end left empty is no value: "from 40k"
                    "currency": currency(self.salary_currency.text(), cur_low or cur_high),
                    "period": self.salary_period.currentData()}
        assert isinstance(editor, QLineEdit)
        # as an import takes a cell: no character no one sees (a title of zero-width
        # spaces was saved as one), no control character, no line break in a line
        if editor.text().strip() and editor.text().strip() == shown_text(stored).strip():
            return stored  # as shown: as stored
        text = typed_text(editor.text())
        if text and kind == "number":
            check_plain(text, self.spec.label)
            if _PLAIN_NUMBER.fullmatch(text):  # (read by the extractor, "1e2" was 100000)
                figure = float(text)
                return within_bounds(self.spec.name,
                                     int(figure) if figure.is_integer() else figure)
        if text and kind in ("number", "date"):
            try:
                read = value_from_selection(self.spec.name, text)
            except ValueError:
                example = "a date, like 2025-03-15" if kind == "date" else "a number"
                raise ValueError(f"“{text}” is not {example}") from None
            return within_bounds(self.spec.name, read) if kind == "number" else read
        return text or None

    def set_value(self, value: Any, state: str, confidence: float | None) -> None:
        self._loading = True
        if self.unreadable is not None:
            self.unreadable, self.held = None, False
            self.unreadable_changed.emit()
        self.loaded = (value, state, confidence)
        try:
            kind, editor = self.spec.kind, self.editor
            if self._typing(value):  # left as typed: the cursor stays where the person
                forget_undo(self)  # is typing, the box's own undo starts here
            elif isinstance(editor, QComboBox):
                editor.setCurrentIndex(max(0, editor.findData(value)))
            elif isinstance(editor, QPlainTextEdit):
                editor.setPlainText("\n".join(map(str, value or [])))
                if self.summary is not None:
                    show_start(self.summary, summary(value))
            elif kind == "salary":
                value = value or {}
                show_start(self.salary_min, shown_text(value.get("min")))
                show_start(self.salary_max, shown_text(value.get("max")))
                self.salary_currency.setText(value.get("currency") or "")
                self.salary_period.setCurrentIndex(
                    max(0, self.salary_period.findData(value.get("period"))))
            elif isinstance(editor, QLineEdit):
                show_start(editor, shown_text(value))
            conf = f" {confidence:.2f}" if confidence is not None and state == "suggested" \
                else ""
            self.mark.setText(STATE_MARKS.get(state, "") + conf)
            self._set_state(state, "")
            self.revert_button.setEnabled(state in DECIDED)
            self._tip()
        finally:
            self._loading = False
        try:
            self._shown = self.value()
        except ValueError:  # a stored value this editor cannot read back: offered again
            self._shown = _UNSAVED

    def _typing(self, value: Any) -> bool:
        """Whether the focus is in this field's editor and what it holds reads as
        ``value`` (the posting shown again after an edit made while typing in it)."""
        focus = QApplication.focusWidget()
        if focus is None or focus is self.summary or not self.isAncestorOf(focus):
            return False
        try:
            return bool(self.value() == value)
        except ValueError:
            return False

    def _set_state(self, state: str, long_text: str) -> None:
        self.state.setText(long_text)
        self.state.setVisible(bool(long_text))
        for label in (self.state, self.mark):
            label.setProperty("state", state)
            label.style().unpolish(label)
            label.style().polish(label)

    def _tip(self) -> None:
        """The tooltip of the mark: the state in words, and what the machine read when a
        person changed it."""
        value, state, confidence = self.loaded
        words = STATE_WORDS.get(state, state)
        if state == "suggested" and self.stage == "dataset":
            words = "suggested by the data file's column"
        if confidence is not None and state == "suggested":
            words += f", confidence {confidence:.2f}"
        if state in DECIDED[1:] and self.machine not in (None, "", []):
            words += f"\nThe machine read: {value_text(self.machine, short=False)}"
        if others := sum(a.get("value") != value for a in self.alternatives):
            words += f"\n{others} other reading{'s' if others > 1 else ''}: right-click or Menu key"
        set_plain_tip(self.mark, words)
        for widget in (self.summary, self.editor):
            if widget is not None:
                set_plain_tip(widget, "\n".join(map(str, value)) if isinstance(
                    value, list) else (words if state in DECIDED[1:] else ""))

    def mark_unsaved(self, reason: str = "") -> None:
        """The value shown was not saved: say so (and why), and offer it again when left."""
        self.mark.setText(STATE_MARKS["unsaved"])
        self._set_state("unsaved", f"⚠ not saved: {reason}" if reason else "⚠ not saved")
        self._shown = _UNSAVED

    def typed(self) -> bool:
        """Whether it holds something typed since its value was shown or saved."""
        try:
            return bool(self.value() != self._shown)
        except ValueError:  # text that cannot be read
            return True

    def commit(self) -> bool:
        """Report the value typed, if it differs from the one shown (and only once); text
        that cannot be read is kept in the box and marked not saved, with the reason:
        False then."""
        if self._loading:
            return True
        try:
            value = self.value()
        except ValueError as err:
            shown = self._shown
            self.mark_unsaved(str(err))
            self._shown, self.unreadable = shown, str(err)  # still the stored value
            self.unreadable_changed.emit()
            return False
        if value != self._shown:  # leaving a field unchanged (or closing) edits nothing
            self._shown = value
            self.changed.emit(self.spec.name, value)
        elif self.unreadable is not None or self.spec.kind in ("number", "date", "salary"):
            self.set_value(*self.loaded)  # the stored value as it is stored, no warning
        return True


def name_boxes(field: FieldEditor, label: str) -> None:
    """The name a screen reader says for each box of a field (the label beside it is the
    row's, not the box's): "Title", "Salary, min" …"""
    if field.spec.name == "salary":
        for box, part in ((field.salary_min, "min"), (field.salary_max, "max"),
                          (field.salary_currency, "currency"), (field.salary_period, "period")):
            box.setAccessibleName(f"{label}, {part}")
        return
    for named in (field.editor, field.summary):
        if named is not None:
            named.setAccessibleName(label)


_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_WHOLE = 2**31 - 1  # characters a line box holds: any value, whole
_UNSAVED = object()  # equal to no value: the field's value is offered again when left
