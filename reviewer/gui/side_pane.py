"""The right pane: the fields on one tab, the document labels and comment on another,
so that every field is in view without scrolling, and on a third what the imported file
said beside the page (a dataset's other columns), and on a fourth its history (who did
what, when: ``history_pane``). A line above the fields says what
the labels are (or what the learned model suggests for them), so nothing on the other
tab is accepted unseen.
"""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import QEvent, QObject, QSettings, Qt
from PySide6.QtWidgets import (
    QApplication,
    QInputDialog,
    QLabel,
    QScrollArea,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reviewer.core.labels import Question
from reviewer.gui.fields_panel import LOW_CONFIDENCE, FieldsPanel
from reviewer.gui.history_pane import Events, HistoryPane
from reviewer.gui.labels_panel import LabelsPanel, suggested_options
from reviewer.gui.source_data import SourceData

FIELDS_TAB, LABELS_TAB, SOURCE_TAB, HISTORY_TAB = 0, 1, 2, 3


class SidePane(QTabWidget):
    def __init__(self, fields: FieldsPanel, labels: LabelsPanel,
                 settings: QSettings | None, events: Events | None = None,
                 parent: QWidget | None = None) -> None:
        """``events``: a posting's log (``store.history.posting_events``), for its history."""
        super().__init__(parent)
        self.fields, self.labels, self.settings = fields, labels, settings
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)  # option names come from a file
        self.summary.setWordWrap(True)
        self.summary.setObjectName("labelSummary")
        fields.put_on_top(self.summary)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the first question
        page = QWidget()  # the labels at the top of their tab, not spread over its height
        column = QVBoxLayout(page)
        column.addWidget(labels)
        column.addStretch(1)
        scroll.setWidget(page)
        self._labels_page = page
        scroll.viewport().installEventFilter(self)  # (its width: the options fitted to it)
        self.source_data = SourceData()
        self.addTab(fields, "Fields")
        self.addTab(scroll, "Labels && comment")
        self.addTab(self.source_data, "Source data")
        self.history = HistoryPane(events)
        self.addTab(self.history, "History")
        for arrow in self.tabBar().findChildren(QToolButton):  # shown when the tabs do not
            arrow.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # fit: no stop of a walk by Tab
        self.questions: list[Question] = []
        fields.jumped.connect(lambda: self.setCurrentIndex(FIELDS_TAB))
        if settings is not None:
            fields.set_threshold(float(settings.value("fields/low_confidence", LOW_CONFIDENCE)))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The labels' tab resized: their options fitted to its width (less the page's
        margins)."""
        if event.type() == QEvent.Type.Resize and isinstance(watched, QWidget):
            margins = self._labels_page.layout().contentsMargins()
            self.labels.fit(watched.width() - margins.left() - margins.right())
        return super().eventFilter(watched, event)

    def set_schema(self, questions: list[Question]) -> None:
        self.questions = [q for q in questions if q.kind != "span"]
        self.labels.set_schema(questions)
        self.fields.fit_width()

    def set_descriptions(self, descriptions: dict[str, str]) -> None:
        """What each field, question and option means (the project's), as their tooltips."""
        self.fields.set_descriptions(descriptions)
        self.labels.set_descriptions(descriptions)

    def show_posting(self, posting: dict[str, Any] | None) -> None:
        """Fields, labels, comment and the line that sums the labels up."""
        if posting is None:
            self.fields.clear()
        else:
            self.fields.show_posting(posting)
        self.labels.show_posting(posting)
        self.history.show_posting(posting["id"] if posting else None)
        answers = posting["labels"] if posting else {}
        suggested = (posting.get("label_suggestions") or {}) if posting else {}

        def said(q: Question) -> str:  # the answer, or else the suggestion, or a dash
            given = ", ".join(a.replace("_", " ") for a in answers.get(q.name, []))
            hint = ", ".join(o.replace("_", " ")
                             for o in suggested_options(suggested.get(q.name), q))
            return given or (f"suggested {hint}" if hint else "—")

        parts = [f"{q.name.replace('_', ' ')}: {said(q)}" for q in self.questions]
        comment = "comment ✎" if posting and posting.get("comment") else ""
        self.summary.setText(breakable("Labels · " + " · ".join(
            [*parts, comment] if comment else parts)) if parts or comment else "")
        self.summary.setVisible(bool(parts or comment))
        shown = self.source_data.show_metadata(posting.get("metadata") if posting else None)
        self.setTabText(SOURCE_TAB, f"Source data ({shown})" if shown else "Source data")
        answered = sum(1 for q in self.questions if answers.get(q.name))
        self.setTabText(LABELS_TAB, f"Labels && comment ({answered}/{len(self.questions)})"
                        if self.questions else "Labels && comment")

    def holds_focus(self) -> bool:
        focus = QApplication.focusWidget()
        return focus is not None and self.isAncestorOf(focus)

    def choose_threshold(self) -> None:
        """View → the confidence below which a suggestion stands out; kept in the settings."""
        value, ok = QInputDialog.getDouble(
            self, "Low confidence", "Suggestions less sure than this stand out (0–1):",
            self.fields.threshold, 0.0, 1.0, 2)
        if ok:
            self.fields.set_threshold(value)
            if self.settings is not None:
                self.settings.setValue("fields/low_confidence", value)


_LONG_WORD = re.compile(r"\S{24}(?=\S)")


def breakable(text: str) -> str:
    """``text`` with a place to break each word of more than 24 characters (a zero-width
    space): a wrapped label cannot break a word, and one long name (a question's) made
    the pane wider than the window."""
    return _LONG_WORD.sub(lambda m: m.group() + "\u200b", text)
