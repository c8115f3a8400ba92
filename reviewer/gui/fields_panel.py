"""The fields of one posting: an editor per field of schema v1, with the machine's value,
its confidence and the state of the decision (suggested / accepted / corrected / rejected).

The panel only shows and reports: an edit is announced with ``edited(field, value)``,
a revert with ``reverted(field)``, a rejection with ``rejected(field)``; the window turns
them into undoable store edits.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reviewer.core.extract import read_amount, value_from_selection
from reviewer.core.schema import FIELDS, PERIODS, FieldSpec

STATE_MARKS = {"suggested": "○ suggested", "accepted": "✓ accepted",
               "corrected": "✎ corrected", "rejected": "✗ rejected", "none": ""}


class ListEdit(QPlainTextEdit):
    """One item a line; like a line edit, it reports its text when focus leaves it,
    so typing an item is one edit, not one a keystroke. Enter adds a line; Tab and
    Shift+Tab move to the next and previous field, as in every other field."""

    editingFinished = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)

    def focusOutEvent(self, event: Any) -> None:
        self.editingFinished.emit()
        super().focusOutEvent(event)


class FieldEditor(QWidget):
    """One field: its editor, its state and confidence, revert and reject buttons."""

    changed = Signal(str, object)
    revert = Signal(str)
    reject = Signal(str)

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self._loading = False
        self._shown: Any = None  # the value last put in, so only a real change is reported
        self.loaded: tuple[Any, str, float | None] = (None, "none", None)  # as last put in
        self.unreadable: str | None = None  # why the text typed could not be read
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.editor = self._make_editor()
        layout.addWidget(self.editor)
        row = QHBoxLayout()
        self.state = QLabel()
        self.state.setTextFormat(Qt.TextFormat.PlainText)
        self.state.setObjectName("fieldState")
        self.state.setWordWrap(True)  # a long reason a value was not saved wraps, whole
        # the longest state text fits whole: a narrow pane wraps the row instead of cutting it
        self.state.setMinimumWidth(max(self.state.fontMetrics().horizontalAdvance(
            f"{mark} · 0.95") for mark in STATE_MARKS.values()) + 6)
        row.addWidget(self.state, 1)
        self.revert_button = QToolButton(text="↺", toolTip="Back to the machine's value")
        self.reject_button = QToolButton(text="✗", toolTip="Reject: the posting has no value")
        for button in (self.revert_button, self.reject_button):
            button.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # no stops of a Tab walk
        self.revert_button.clicked.connect(lambda: self.revert.emit(spec.name))
        self.reject_button.clicked.connect(lambda: self.reject.emit(spec.name))
        row.addWidget(self.revert_button)
        row.addWidget(self.reject_button)
        layout.addLayout(row)

    def _make_editor(self) -> QWidget:
        kind = self.spec.kind
        if kind == "enum":
            combo = QComboBox()
            combo.addItem("", None)
            for choice in self.spec.choices:
                combo.addItem(choice.replace("_", " "), choice)
            combo.currentIndexChanged.connect(lambda _i: self.commit())
            return combo
        if kind == "list":
            text = ListEdit()
            text.setPlaceholderText("one item a line")
            text.setFixedHeight(84 if self.spec.name != "locations" else 52)
            text.editingFinished.connect(self.commit)
            return text
        if kind == "salary":
            box = QWidget()
            row = QHBoxLayout(box)
            row.setContentsMargins(0, 0, 0, 0)
            self.salary_min, self.salary_max = QLineEdit(), QLineEdit()
            self.salary_currency = QLineEdit()
            self.salary_period = QComboBox()
            self.salary_min.setPlaceholderText("min")
            self.salary_max.setPlaceholderText("max")
            self.salary_currency.setPlaceholderText("USD")
            self.salary_currency.setMaxLength(3)
            self.salary_period.addItem("", None)
            for period in PERIODS:
                self.salary_period.addItem(period, period)
            for edit, width in ((self.salary_min, 78), (self.salary_max, 78),
                                (self.salary_currency, 48)):
                edit.setMinimumWidth(width)
                edit.editingFinished.connect(self.commit)
                row.addWidget(edit)
            self.salary_period.currentIndexChanged.connect(lambda _i: self.commit())
            row.addWidget(self.salary_period)
            return box
        line = QLineEdit()
        if kind == "date":
            line.setPlaceholderText("YYYY-MM-DD")
        line.editingFinished.connect(self.commit)
        return line

    # --- values -------------------------------------------------------------------------------

    def value(self) -> Any:
        """The value typed, read as the extractor reads text (a date in any common form,
        "38k", "$95,000"); None when empty. ValueError saying why when it cannot be read."""
        kind, editor = self.spec.kind, self.editor
        if isinstance(editor, QComboBox):
            return editor.currentData()
        if isinstance(editor, QPlainTextEdit):
            items = [x.strip() for x in editor.toPlainText().split("\n") if x.strip()]
            return items or None
        if kind == "salary":
            (low, cur_low), (high, cur_high) = (_amount(self.salary_min.text(), "min"),
                                                _amount(self.salary_max.text(), "max"))
            if low is None and high is None:
                return None
            if low is not None and high is not None and high < low:
                raise ValueError("the max is less than the min")
            return {"min": low, "max": high if high is not None else low,
                    "currency": self.salary_currency.text().strip().upper() or cur_low
                    or cur_high, "period": self.salary_period.currentData()}
        assert isinstance(editor, QLineEdit)
        text = editor.text().strip()
        if text and kind in ("number", "date"):
            try:
                return value_from_selection(self.spec.name, text)
            except ValueError:
                example = "a date, like 2025-03-15" if kind == "date" else "a number"
                raise ValueError(f"“{text}” is not {example}") from None
        return text or None

    def set_value(self, value: Any, state: str, confidence: float | None) -> None:
        self._loading = True
        self.loaded, self.unreadable = (value, state, confidence), None
        try:
            kind, editor = self.spec.kind, self.editor
            if isinstance(editor, QComboBox):
                editor.setCurrentIndex(max(0, editor.findData(value)))
            elif isinstance(editor, QPlainTextEdit):
                editor.setPlainText("\n".join(map(str, value or [])))
            elif kind == "salary":
                value = value or {}
                self.salary_min.setText(_text(value.get("min")))
                self.salary_max.setText(_text(value.get("max")))
                self.salary_currency.setText(value.get("currency") or "")
                self.salary_period.setCurrentIndex(
                    max(0, self.salary_period.findData(value.get("period"))))
            elif isinstance(editor, QLineEdit):
                editor.setText(_text(value))
            mark = STATE_MARKS.get(state, state)
            conf = f" · {confidence:.2f}" if confidence is not None and state == "suggested" \
                else ""
            self.state.setText(mark + conf)
            self.state.setProperty("state", state)
            self.revert_button.setEnabled(state in ("accepted", "corrected", "rejected"))
        finally:
            self._loading = False
        try:
            self._shown = self.value()
        except ValueError:  # a stored value this editor cannot read back: offered again
            self._shown = _UNSAVED

    def mark_unsaved(self, reason: str = "") -> None:
        """The value shown was not saved: say so (and why), and offer it again when left."""
        self.state.setText(f"⚠ not saved: {reason}" if reason else "⚠ not saved")
        self.state.setProperty("state", "unsaved")
        self._shown = _UNSAVED

    def commit(self) -> None:
        """Report the value typed, if it differs from the one shown (and only once); text
        that cannot be read is kept in the box and marked not saved, with the reason."""
        if self._loading:
            return
        try:
            value = self.value()
        except ValueError as err:
            shown = self._shown
            self.mark_unsaved(str(err))
            self._shown, self.unreadable = shown, str(err)  # still the stored value
            return
        if value != self._shown:  # leaving a field unchanged (or closing) edits nothing
            self._shown = value
            self.changed.emit(self.spec.name, value)
        elif self.unreadable is not None or self.spec.kind in ("number", "date", "salary"):
            self.set_value(*self.loaded)  # the stored value as it is stored, no warning


class FieldsPanel(QScrollArea):
    """Every field of schema v1, in a scrollable form."""

    edited = Signal(str, object)
    reverted = Signal(str)
    rejected = Signal(str)
    field_focused = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        body = QWidget()
        form = QFormLayout(body)
        form.setVerticalSpacing(10)
        # a narrow panel puts a label above its editor rather than scroll sideways
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.editors: dict[str, FieldEditor] = {}
        self._pid: Any = None  # the posting shown
        self._field_of: dict[QWidget, str] = {}  # each editor's widgets, to their field
        for spec in FIELDS:
            editor = FieldEditor(spec)
            editor.changed.connect(self.edited)
            editor.revert.connect(self.reverted)
            editor.reject.connect(self.rejected)
            for child in editor.findChildren(QWidget):
                child.installEventFilter(self)
                self._field_of[child] = spec.name
            self.editors[spec.name] = editor
            form.addRow(QLabel(spec.label), editor)
        self.setWidget(body)
        self.form = form
        self.fit_width()

    def fit_width(self) -> None:
        """Never narrower than the form can be, scroll bar included: it does not scroll
        sideways."""
        self.setMinimumWidth(self.widget().minimumSizeHint().width() + 2 * self.frameWidth() +
                             self.verticalScrollBar().sizeHint().width())

    def put_on_top(self, widget: QWidget) -> None:
        """A widget above the fields, across the whole form (the document labels)."""
        self.form.insertRow(0, widget)
        self.fit_width()

    def show_posting(self, posting: dict[str, Any]) -> None:
        """Fill every editor from a posting as ``store.records.get`` gives it. Text typed
        that could not be read stays in its editor while the field is as it was."""
        same_posting, self._pid = posting.get("id") == self._pid, posting.get("id")
        for name, editor in self.editors.items():
            state = posting["provenance"].get(name, "none")
            if state == "machine":
                state = "suggested"
            machine = posting["machine"].get(name)
            loaded = (posting["fields"].get(name), state,
                      machine["confidence"] if machine else None)
            if not (same_posting and editor.unreadable and editor.loaded == loaded):
                editor.set_value(*loaded)

    def clear(self) -> None:
        """Empty every editor (no posting is shown)."""
        self.show_posting({"provenance": {}, "machine": {}, "fields": {}})

    def eventFilter(self, watched: Any, event: Any) -> bool:
        if event.type() == QEvent.Type.FocusIn and watched in self._field_of:
            self.field_focused.emit(self._field_of[watched])
        return False


_UNSAVED = object()  # equal to no value: the field's value is offered again when left


def _amount(text: str, which: str) -> tuple[float | int | None, str | None]:
    """A salary box's figure and the currency written with it; ValueError if unreadable."""
    if not text.strip():
        return None, None
    try:
        return read_amount(text)
    except ValueError:
        raise ValueError(f"{which} “{text.strip()}” is not an amount") from None


def _text(value: Any) -> str:
    return "" if value is None else str(value)
