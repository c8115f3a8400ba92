"""The document pane: the view choice (cleaned posting, raw page, what cleaning
removed) and the legend of the highlight colours above the ``DocumentView`` that
shows it; the document's context menu."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QTextCursor
from PySide6.QtWidgets import QComboBox, QVBoxLayout, QWidget

from reviewer.core.schema import FIELDS
from reviewer.gui.document_legend import ColourLegend, legend_chips
from reviewer.gui.document_view import DocumentView
from reviewer.gui.plain import with_accelerators
from reviewer.gui.selection_put import adds_by_default

VIEWS = (("Cleaned posting", "posting"), ("Raw page", "raw"),
         ("What cleaning removed", "removed"))
Spans = list[dict[str, Any]]
Put = Callable[[str, bool | None], None]  # field, add as an item (None: as the flow prefers)


def evidence_of(posting: dict[str, Any], name: str) -> list[Any]:
    """The evidence spans of a field's value shown: a person's value has its own (the
    text it was taken from; a value typed has none), or the machine's where it is the
    machine's value; an undecided field has the machine's."""
    machine = posting["machine"].get(name) or {}
    decided = posting["human"].get(name)
    if decided is None:
        return machine.get("spans") or []
    if decided.get("spans") or decided.get("state") == "rejected":
        return decided.get("spans") or []
    same = machine and decided.get("value") == machine.get("value")
    return (machine.get("spans") or []) if same else []


class DocumentPane(QWidget):
    """Shows a posting as the view choice says; the spans to draw come from ``spans``."""

    def __init__(self, spans: Callable[[dict[str, Any]], tuple[Spans, dict[str, str]]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._spans = spans  # a posting's spans to draw, and the colour of each label
        self.posting: dict[str, Any] | None = None
        self.view_choice = QComboBox()
        for text, value in VIEWS:
            self.view_choice.addItem(text, value)
        self.view_choice.currentIndexChanged.connect(lambda _i: self.redraw())
        self.document = DocumentView()
        self.document.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.legend = ColourLegend()
        self.legend.hide()
        self.document.marked.connect(lambda: self.legend.show_chips(legend_chips(self.document)))
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 6, 0, 0)
        column.addWidget(self.view_choice, 0, Qt.AlignmentFlag.AlignLeft)
        column.addWidget(self.legend)
        column.addWidget(self.document, 1)

    def show_posting(self, posting: dict[str, Any] | None) -> None:
        self.posting = posting
        self.redraw()

    def take(self, posting: dict[str, Any]) -> bool:
        """The posting shown, as an edit left it, kept to be drawn again; whether the
        evidence it shows changed (a field decided: ``evidence_of``)."""
        before, self.posting = self.posting, posting
        return before is None or any(evidence_of(before, name) != evidence_of(posting, name)
                                     for name in posting["fields"])

    def show_text(self, text: str) -> None:
        """No posting: a plain message instead (why, and what to do)."""
        self.posting = None
        self.document.show_message(text)

    def set_search(self, query: str) -> None:
        """The words searched for, marked wherever they are in the document."""
        self.document.set_search(query)

    def redraw(self) -> None:
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
            evidence = {name: list(map(tuple, evidence_of(posting, name)))
                        for name in posting["fields"]}
            spans, colors = self._spans(posting)
            self.document.show_posting(posting["cleaned"], evidence, spans, colors)

    def menu(self, pos: QPoint, put: Put, label_actions: list[QAction]) -> None:
        """The text's usual menu, with "Put into field" and "Label as" for a selection.

        A list field offers to replace the list or to add the selection as an item, the
        flow's default first in bold. Every entry has an accelerator; copying a link's
        address is offered on a link only."""
        view = self.document
        # ``pos`` is in the viewport; the standard menu looks for a link at a document point
        scrolled = QPoint(view.horizontalScrollBar().value(), view.verticalScrollBar().value())
        menu = view.createStandardContextMenu(pos + scrolled)
        for action in menu.actions():
            if action.objectName() == "link-copy":
                if action.isEnabled():
                    action.setText("Copy Lin&k Location")
                else:
                    menu.removeAction(action)
            elif action.objectName() == "select-all":
                action.setText(action.text().replace("Select All", "Select &All", 1))
        menu.addSeparator()
        into = menu.addMenu("Put &into field")
        into.setEnabled(bool(view.selected_source_text().strip()))
        fields = self.posting["fields"] if self.posting is not None else {}
        for spec, text in zip(FIELDS, with_accelerators([s.label for s in FIELDS]), strict=True):
            if spec.kind != "list":
                into.addAction(text).triggered.connect(
                    lambda _checked=False, name=spec.name: put(name, None))
                continue
            choices = into.addMenu(text)
            default = adds_by_default(fields.get(spec.name))
            for verb, add in (("&Replace", False), ("&Add as an item", True)):
                action = choices.addAction(verb)
                action.triggered.connect(
                    lambda _checked=False, name=spec.name, add=add: put(name, add))
                if add == default:
                    choices.setDefaultAction(action)
        label_as = menu.addMenu("&Label as")
        try:
            label_as.setEnabled(view.selected_source_span() is not None)
        except ValueError:  # over two paragraphs: the menu item says nothing is to label
            label_as.setEnabled(False)
        for action in label_actions:
            label_as.addAction(action)
        if under := view.spans_at_caret():  # the span menu a click opens, by key
            where = view.viewport().mapToGlobal(view.cursorRect().bottomLeft())
            menu.addSeparator()
            menu.addAction(f"&Span: relabel, delete, accept or reject ({len(under)})…"
                           ).triggered.connect(lambda _c=False: view.span_clicked.emit(
                               under, where))
        self.document_menu = menu  # kept for tests; replaced on the next right-click
        menu.popup(view.viewport().mapToGlobal(pos))

    def redraw_in_place(self) -> None:
        """Drawn again after an edit of its spans or evidence, where the reader was, the
        selection kept (to put into another field, or label)."""
        view = self.document
        scrolled, cursor = view.verticalScrollBar().value(), view.textCursor()
        kept = (cursor.anchor(), cursor.position()) if cursor.hasSelection() else None
        self.redraw()
        if kept is not None and max(kept) < view.document().characterCount():
            cursor = view.textCursor()
            cursor.setPosition(kept[0])
            cursor.setPosition(kept[1], QTextCursor.MoveMode.KeepAnchor)
            view.setTextCursor(cursor)
        view.verticalScrollBar().setValue(scrolled)
