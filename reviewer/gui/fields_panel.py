"""The fields of one posting, one compact row a field, every row in view at 1366×768:
the name (its evidence colour as a bar, its Alt key underlined), the value, the state
and confidence, revert and reject. Rows that want a look stand out: no value, a
suggestion below the confidence threshold, a value its evidence does not contain.

A right-click on a row (its name, value or mark) offers the field's other readings
(``field_alternatives``); picking one is an edit like typing it.

The panel only shows and reports: an edit is announced with ``edited(field, value)``,
a revert with ``reverted(field)``, a rejection with ``rejected(field)``; the window turns
them into undoable store edits.
"""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from reviewer.core.schema import FIELDS
from reviewer.gui.document_paint import flash_color
from reviewer.gui.field_alternatives import alternatives_menu, offered
from reviewer.gui.field_rows import FieldEditor, ListEdit, attention
from reviewer.gui.held_value import why_not_saved
from reviewer.gui.plain import set_plain_tip

# Alt+letter goes to a field. The menus keep F, E, R, L, V and H; nineteen fields share
# the other twenty letters as their names allow, so two pairs share one: pressed again,
# the key goes to the second of the pair.
KEYS = {"title": "T", "company": "C", "department": "D", "locations": "O", "remote": "M",
        "employment_type": "Y", "work_hours": "W", "date_posted": "P", "valid_through": "A",
        "requisition_id": "I", "seniority": "N", "salary": "S", "experience_years": "X",
        "education": "U", "responsibilities": "B", "required_qualifications": "Q",
        "preferred_qualifications": "Q", "benefits": "B", "skills": "K"}
LOW_CONFIDENCE = 0.7  # below it a suggestion stands out, unless the user chose another


_BY_KEYS = (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason,
            Qt.FocusReason.ShortcutFocusReason)  # a field reached by Tab or its Alt key
_AWAY = (Qt.FocusReason.PopupFocusReason, Qt.FocusReason.ActiveWindowFocusReason)  # not left


class FieldsPanel(QScrollArea):
    """Every field of schema v1, a row each."""

    edited = Signal(str, object)
    unreadable_changed = Signal()  # a field's typed text could not be read, or now can
    text_typed = Signal()  # a key typed in a field's text (``typing`` may have changed)
    reverted = Signal(str)
    rejected = Signal(str)
    field_focused = Signal(str)
    # a field's state in words as the keys reach it (what its mark's tooltip says: what
    # the machine read, where a person changed it), for the status bar
    message = Signal(str, int)
    jumped = Signal()  # a key asked for a field: the pane holding it is shown

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # no stop of its own, which shows none
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget()
        column = QVBoxLayout(body)  # the rows at the top, the room left below them:
        column.setContentsMargins(0, 0, 0, 0)  # a list opened is not a tall row with its
        form = QFormLayout()  # box in the middle
        column.addLayout(form)
        column.addStretch(1)
        form.setVerticalSpacing(3)
        form.setHorizontalSpacing(6)
        form.setContentsMargins(6, 6, 6, 6)
        # a narrow pane puts the names above their values rather than scroll sideways
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # (all or none: ``_wrap``)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.editors: dict[str, FieldEditor] = {}
        self.names: dict[str, QLabel] = {}
        self.threshold = LOW_CONFIDENCE
        self.attention: dict[str, str] = {}  # field → why it stands out
        self.descriptions: dict[str, str] = {}  # "field:NAME" → what it means (the project's)
        self._posting: dict[str, Any] | None = None
        self._pid: Any = None  # the posting shown
        self._field_of: dict[QWidget, str] = {}  # each editor's widgets, to their field
        self._in: str | None = None  # the field whose widget holds the focus
        self._told: tuple[Any, str, str] | None = None  # posting, field, words said of it
        # (once the edit is made, refused or shown: the words said of a field still hold?)
        self.edited.connect(lambda *_: QTimer.singleShot(0, self, self._take_back))
        QApplication.instance().focusChanged.connect(self._focus_moved)
        self.menu: QMenu | None = None  # the menu of other readings last opened
        for spec in FIELDS:
            editor = FieldEditor(spec)
            editor.changed.connect(self.edited)
            editor.unreadable_changed.connect(self.unreadable_changed)
            editor.revert.connect(self.reverted)
            editor.reject.connect(self.rejected)
            editor.opened.connect(  # (once laid out, as tall as it is now)
                lambda editor=editor: QTimer.singleShot(0, self, lambda: self._in_view(editor)))
            for child in editor.findChildren(QWidget):
                child.installEventFilter(self)
                self._field_of[child] = spec.name
                if isinstance(child, QLineEdit):
                    child.textEdited.connect(lambda _text: self.text_typed.emit())
                elif isinstance(child, QPlainTextEdit):
                    child.textChanged.connect(self.text_typed.emit)
            self.editors[spec.name] = editor
            name = QLabel(_underlined(spec.label, KEYS.get(spec.name, "")))
            name.setTextFormat(Qt.TextFormat.RichText)  # the schema's own names, escaped
            name.setObjectName("fieldName")
            name.setWordWrap(True)  # "Required qualifications" takes two lines, not the width
            name.setMaximumWidth(name.fontMetrics().horizontalAdvance("Years of experience") + 12)
            self.names[spec.name] = name
            name.installEventFilter(self)  # its menu; a label takes no focus
            self._field_of[name] = spec.name
            form.addRow(name, editor)
        self.setWidget(body)
        self.form = form
        self.fit_width()

    def _in_view(self, editor: FieldEditor) -> None:
        """A field's row and the items opened under it in view, as tall as it is now."""
        self.widget().layout().activate()
        editor.layout().activate()
        self.ensureWidgetVisible(editor, 0, 6)

    def fit_width(self) -> None:
        """Never narrower than the form can be, scroll bar included: it does not scroll
        sideways."""
        self.setMinimumWidth(self.widget().minimumSizeHint().width() + 2 * self.frameWidth() +
                             self.verticalScrollBar().sizeHint().width())

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self._wrap()

    def _wrap(self) -> None:
        room = self.width() - 2 * self.frameWidth() - self.verticalScrollBar().sizeHint().width()
        policy = wrap_policy(self.form, list(self.names.values()), list(self.editors.values()),
                             room)
        if self.form.rowWrapPolicy() != policy:
            self.form.setRowWrapPolicy(policy)

    def put_on_top(self, widget: QWidget) -> None:
        """A widget above the fields, across the whole form."""
        self.form.insertRow(0, widget)
        self.fit_width()

    # --- keys ----------------------------------------------------------------------------

    def install_keys(self, window: QWidget) -> None:
        """Alt + a field's underlined letter, anywhere in ``window``, goes to the field."""
        for letter in sorted(set(KEYS.values())):
            key = QShortcut(QKeySequence(f"Alt+{letter}"), window)
            key.setContext(Qt.ShortcutContext.WindowShortcut)
            key.activated.connect(lambda letter=letter: self.jump(letter))

    def jump(self, letter: str) -> None:
        """To the field of ``letter``; when there are two and one has the focus, the other."""
        names = [n for n, key in KEYS.items() if key == letter]
        focused = self.focused()
        if focused in names:
            names = names[names.index(focused) + 1:] + names[:names.index(focused) + 1]
        if names and self.isEnabled():
            self.jumped.emit()
            self.editors[names[0]].focus()
            self.ensureWidgetVisible(self.editors[names[0]])

    def focused(self) -> str | None:
        """The field that has the keyboard focus, if one has."""
        return self._field_of.get(QApplication.focusWidget())

    def unreadable(self) -> list[str]:
        """The fields holding text typed that could not be read (not saved), by label."""
        return [e.spec.label for e in self.editors.values() if e.unreadable is not None]

    def typing(self) -> list[str]:
        """The fields holding text typed that is not saved yet (and may be: one that
        cannot be read is said otherwise, ``unreadable``), by label."""
        return [e.spec.label for e in self.editors.values()
                if e.unreadable is None and e.typed()]

    def enter_saves(self) -> bool:
        """Whether Enter saves the text typed (``typing``): it does in a line box, not in
        a list's, where it starts another item."""
        return any(e.summary is None for e in self.editors.values()
                   if e.unreadable is None and e.typed())

    def unreadable_reasons(self) -> list[str]:
        """The same fields, each as its label and why its text is not saved: it cannot be
        read, or it was typed over a value set meanwhile (``held_value``)."""
        return [why_not_saved(e) for e in self.editors.values() if e.unreadable is not None]

    def commit_typing(self, replaced: str | None) -> str | None:
        """Save what is typed in the field being typed in (``ReviewWindow._commit_typing``);
        what stops an edit, if anything: that field, or (``replaced`` None) any field,
        holds text that cannot be read or a value held (``held_value``: not saved over
        another's but by its own keys); ``replaced``: the field the edit sets itself."""
        given = self.editors.get(replaced or "")
        if given is not None and given.unreadable is not None:
            given.set_value(*given.loaded)  # the edit gives it a value: the text typed goes
        focus = QApplication.focusWidget()
        while focus is not None and not isinstance(focus, FieldEditor):
            focus = focus.parentWidget()
        if focus is not None and self.isAncestorOf(focus) and not focus.held \
                and not focus.commit() and focus.spec.name != replaced:
            return f"{focus.spec.label}: {focus.unreadable}"
        if replaced is None:
            for editor in self.editors.values():
                if editor.unreadable is not None:
                    return f"{editor.spec.label}: {editor.unreadable}"
        return None

    # --- what is shown -------------------------------------------------------------------

    def show_posting(self, posting: dict[str, Any]) -> None:
        """Fill every editor from a posting as ``store.records.get`` gives it. Text typed
        that could not be read stays in its editor while the field is as it was."""
        same_posting, self._pid = posting.get("id") == self._pid, posting.get("id")
        self._posting = posting
        for name, editor in self.editors.items():
            state = posting["provenance"].get(name, "none")
            if state == "machine":
                state = "suggested"
            machine = posting["machine"].get(name)
            editor.machine = machine["value"] if machine else None
            editor.stage = (machine or {}).get("stage") or ""
            editor.alternatives = (machine or {}).get("alternatives") or []
            loaded = (posting["fields"].get(name), state,
                      machine["confidence"] if machine else None)
            if not (same_posting and editor.unreadable and editor.loaded == loaded):
                editor.set_value(*loaded)
        self._stand_out()
        self._take_back()

    def clear(self) -> None:
        """Empty every editor (no posting is shown)."""
        self.show_posting({"provenance": {}, "machine": {}, "fields": {}})
        self._posting = None
        self._stand_out()

    def set_descriptions(self, descriptions: dict[str, str]) -> None:
        """The project's description of each field, shown in its name's tooltip."""
        self.descriptions = descriptions
        self._stand_out()

    def set_threshold(self, threshold: float) -> None:
        """Suggestions less sure than ``threshold`` stand out."""
        self.threshold = threshold
        self._stand_out()

    def changeEvent(self, event: QEvent) -> None:
        """A theme chosen (or the desktop's palette changed): the bars in its colours."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._stand_out()

    def _stand_out(self) -> None:
        """Mark the rows that want a look, and colour each name's bar as its evidence."""
        posting, self.attention = self._posting, {}
        dark = self.palette().color(self.backgroundRole()).lightness() < 128
        for spec in FIELDS:
            editor, why = self.editors[spec.name], ""
            if posting is not None:
                value, state, confidence = editor.loaded
                text = posting.get("cleaned") or ""
                machine = posting["machine"].get(spec.name) or {}
                evidence = [text[s:e] for s, e in machine.get("spans") or []]
                why = attention(spec, value, state, confidence, evidence, self.threshold)
            if why:
                self.attention[spec.name] = why
            bar = flash_color(spec.name, dark).name()
            background = ("transparent" if not why else "rgba(128, 128, 128, 0.22)"
                          if why.startswith("no value") else "rgba(255, 170, 0, 0.32)")
            label = self.names[spec.name]
            style = (f"QLabel {{ border-left: 4px solid {bar}; padding: 1px 4px; "
                     f"background: {background}; }}")
            if label.styleSheet() != style:  # (a new style sheet re-polishes the label)
                label.setStyleSheet(style)
            key = KEYS.get(spec.name)
            said = self.descriptions.get(f"field:{spec.name}")
            tip = spec.label + (f" (Alt+{key})" if key else "") + (f"\n{why}" if why else "") \
                + (f"\n\n{said}" if said else "")
            set_plain_tip(label, tip)  # the description comes from the project file

    def eventFilter(self, watched: Any, event: Any) -> bool:
        if event.type() == QEvent.Type.FocusIn and watched in self._field_of:
            name = self._field_of[watched]
            self.field_focused.emit(name)
            came, self._in = self._in, name  # (from another box of it: said already)
            if (words := self._words(name)) and event.reason() in _BY_KEYS and came != name:
                self._told = self._pid, name, words
                self.message.emit(words, 15000)
        if event.type() == QEvent.Type.FocusOut and isinstance(watched, QLineEdit) \
                and watched in self._field_of and event.reason() not in _AWAY:
            held = self.editors[self._field_of[watched]]  # (a line box says it is left
            if held.unreadable is not None:  # only when its text changed since it last did)
                held.commit()
        if event.type() == QEvent.Type.ShortcutOverride and watched in self._field_of \
                and _nothing_of_its_own(watched, event, self.editors[self._field_of[watched]]):
            event.ignore()  # the window's Ctrl+Z (Ctrl+Shift+Z) then: its last edit
            return True
        if event.type() == QEvent.Type.ContextMenu and watched in self._field_of:
            return self._other_readings(watched, self._field_of[watched], event.globalPos())
        return False

    def _words(self, name: str) -> str:
        """What a field reached by the keys says: its label and state ("" where none)."""
        editor = self.editors[name]
        words = editor.state.text() if editor.state.property("state") == "unsaved" \
            else editor.mark.accessibleDescription()  # (what its row says: not saved)
        return f"{editor.spec.label}: {words}".replace("\n", " · ") if words else ""

    def _take_back(self) -> None:
        """The words said of a field taken back (``document_browser.status_teller``: where
        the bar still shows them) once they are not its state: edited, refused, another
        posting."""
        if self._told is not None and self._told != (self._pid, self._told[1],
                                                     self._words(self._told[1])):
            self._told = None
            self.message.emit("", 0)

    def _focus_moved(self, _old: QWidget | None, new: QWidget | None) -> None:
        """The focus gone out of the fields: a field come back to says its words again
        (told after the widget's own focus event)."""
        if new not in self._field_of:
            self._in = None

    def _other_readings(self, widget: QWidget, name: str, at: Any) -> bool:
        """Open the menu of the field's other readings; False when it has none (the
        widget's own menu, if any, opens instead)."""
        editor = self.editors[name]
        readings = offered(editor.alternatives, editor.loaded[0])
        if not readings or not self.isEnabled():
            return False
        self.menu = alternatives_menu(widget, name, readings, self.edited.emit)
        self.menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.menu.popup(at)
        return True


def wrap_policy(form: QFormLayout, names: list[QLabel], values: list[FieldEditor],
                room: int) -> QFormLayout.RowWrapPolicy:
    """Every name above its value where one row would not fit beside its name at its
    least width in ``room`` pixels, else none: row by row, long names went above boxes
    as wide as the pane while short ones kept the narrowest boxes beside them (the
    title's)."""
    margins = form.contentsMargins()
    widest = max(min(n.sizeHint().width(), n.maximumWidth()) for n in names)
    least = max(e.minimumSizeHint().width() for e in values)
    beside = margins.left() + widest + form.horizontalSpacing() + least + margins.right()
    policies = QFormLayout.RowWrapPolicy
    return policies.WrapLongRows if beside <= room else policies.WrapAllRows


def _nothing_of_its_own(widget: QWidget, key: QKeyEvent, editor: FieldEditor) -> bool:
    """Whether ``key`` is undo (or redo) in a text box with no typing of its own to undo
    (redo): a field left with Tab after an edit, or back in one whose text is saved as it
    is (the box may still hold the typing that made it). Every key typed asks: the value
    is read only for these two."""
    for standard, can in ((QKeySequence.StandardKey.Undo, "isUndoAvailable"),
                          (QKeySequence.StandardKey.Redo, "isRedoAvailable")):
        if key.matches(standard):
            box = widget.document() if isinstance(widget, QPlainTextEdit) else widget
            return isinstance(widget, QLineEdit | QPlainTextEdit) and (
                not getattr(box, can)() or not editor.typed())
    return False


def _underlined(label: str, letter: str) -> str:
    """The label as rich text with the first ``letter`` in it underlined."""
    at = label.upper().find(letter) if letter else -1
    if at < 0:
        return escape(label)
    return (escape(label[:at]) + f"<u>{escape(label[at])}</u>" + escape(label[at + 1:]))


__all__ = ["KEYS", "FieldEditor", "FieldsPanel", "ListEdit"]
