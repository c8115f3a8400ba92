"""The side pane's History tab: the shown posting's log, newest first, as "when, who,
what" lines ("ana corrected title", "ben marked it reviewed").

Read from ``store.history.posting_events`` whenever the posting is shown or edited,
but only while the tab is in view (the log of a busy project is long). Everything in
it is plain text: names and values come from project files.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reviewer.core.schema import FIELDS
from reviewer.gui.plain import plain_label

Events = Callable[[int], list[tuple[str, str, str, dict[str, Any]]]]
_FIELD_WORDS = {spec.name: spec.label.lower() for spec in FIELDS}
_STATUS_WORDS = {"reviewed": "marked it reviewed", "skipped": "skipped it",
                 "flagged": "flagged it", "new": "marked it new"}
_SIMPLE = {"accept_all": "accepted every suggestion and marked it reviewed",
           "set_comment": "changed the comment", "import_record": "imported it",
           "remove_span": "removed a span", "reject_span": "rejected a span"}
SHOWN = 500  # lines at most


def _field(data: dict[str, Any]) -> str:
    name = str(data.get("field", ""))
    return _FIELD_WORDS.get(name, name.replace("_", " "))


def describe(kind: str, data: dict[str, Any]) -> str:
    """One logged event of a posting, in words, without who did it."""
    state = kind.removesuffix("_field")
    if kind.endswith("_field") and state in ("accepted", "corrected", "adjudicated"):
        text = f"{state} {_field(data)}"
    elif kind == "rejected_field":
        text = f"rejected {_field(data)} (no value)"
    elif kind == "revert_field":
        text = f"put {_field(data)} back to the machine's value"
    elif kind == "set_status":
        status = str(data.get("status", ""))
        text = _STATUS_WORDS.get(status, f"set the status {status}")
    elif kind == "set_labels":
        question = str(data.get("question", "")).replace("_", " ")
        options = ", ".join(str(o).replace("_", " ") for o in data.get("options") or [])
        text = f"answered {question}: {options}" if options else f"cleared {question}"
    elif kind == "schema_removed":  # (the labels went with the options they named)
        whose = str(data.get("of", "")) or "someone"
        what = f"answer to {str(data.get('key', '')).replace('_', ' ')}" \
            if data.get("kind") == "label" else "spans"
        text = f"changed the label schema, which took away {whose}'s {what}" \
            if not data.get("to") else f"renamed question {data.get('key', '')} to " \
            f"{data.get('to')}: {whose}'s answer is one to it now"
    elif kind in ("taken_back", "ruled"):  # (a merge's: a value taken out, a ruling in)
        what = {"field": _field({"field": data.get("key", "")}),
                "label": f"answer to {str(data.get('key', '')).replace('_', ' ')}",
                "spans": "span labels"}.get(str(data.get("kind", "")), str(data.get("kind", "")))
        who = data.get("of", "") or "someone"
        text = f"merged: {who} took back their {what}" if kind == "taken_back" \
            else f"merged {who}'s ruling on the {what}"
    elif kind in ("add_span", "relabel_span"):
        text = f"{'labelled' if kind == 'add_span' else 'relabelled'} a span " \
               f"{data.get('label', '')}"
    elif kind == "add_spans":
        count = data.get("count", 0)
        text = f"{'rejected' if data.get('state') == 'rejected' else 'added'} {count} " \
               f"span{'' if count == 1 else 's'}"
    elif kind in ("undo", "redo"):
        text = f"{'undid' if kind == 'undo' else 'made again'} “{data.get('change', '')}”"
    elif kind == "merge":  # (a merge's line of a posting: whose values came in)
        count = data.get("decisions", 0)
        names = ", ".join(str(n) for n in data.get("reviewers") or [])
        text = (f"merged {count} decision{'' if count == 1 else 's'} of {names} "
                f"({data.get('file', '')})")
    else:
        text = _SIMPLE.get(kind, kind.replace("_", " "))
    return text + (" (in a bulk edit)" if data.get("bulk") else "")


def when(at: str) -> str:
    """A logged time (UTC, ISO 8601) as local time to the minute; as written if unreadable."""
    try:
        return datetime.fromisoformat(at).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return at


class HistoryPane(QWidget):
    """When, who, what: the shown posting's log."""

    def __init__(self, events: Events | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.events = events  # None: the pane shows nothing (no store to read)
        self.pid: int | None = None
        self._shown_for: int | None = None  # the posting last read, while nothing changed
        self.list = QTreeWidget()
        self.list.setHeaderLabels(["When", "Who", "What"])
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setAlternatingRowColors(True)
        self.list.setStyleSheet("QTreeWidget::item { padding: 2px 4px; }")
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.list.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.note = plain_label()
        self.note.setWordWrap(True)
        column = QVBoxLayout(self)
        column.setContentsMargins(6, 6, 6, 6)
        column.addWidget(self.list, 1)
        column.addWidget(self.note)

    def show_posting(self, pid: int | None) -> None:
        """Posting ``pid`` is shown or was edited: its log is read again (now if the tab
        is in view, else when it comes into view)."""
        self.pid, self._shown_for = pid, None
        if self.isVisible():
            self.refresh()

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self._shown_for != self.pid:
            self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        self._shown_for = self.pid
        if self.pid is None or self.events is None:
            self.note.setText("")
            return
        lines = self.events(self.pid)[:SHOWN]
        for at, who, kind, data in lines:
            item = QTreeWidgetItem([when(at), who or "unknown", describe(kind, data)])
            self.list.addTopLevelItem(item)  # plain text cells; no tooltips
        self.note.setText("Nothing done to this posting yet." if not lines else
                          f"The last {SHOWN} of its edits." if len(lines) == SHOWN else "")

    def lines(self) -> list[str]:
        """The rows shown, as "when · who · what" (for tests and for copying)."""
        items = [self.list.topLevelItem(i) for i in range(self.list.topLevelItemCount())]
        return [" · ".join(item.text(c) for c in range(3)) for item in items if item]
