"""The posting's source data: what the imported file said beside the page (a dataset's
other columns, a record's metadata), as a read-only table of plain text."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from reviewer.gui.plain import plain_tip

SHOWN_CHARS = 300  # of a long value in its cell; the tooltip has the whole of it
NOTHING = ("The file gave nothing beside the page for this posting. A data file's other "
           "columns (a CSV's, a JSON record's keys) show here.")


def as_text(value: Any) -> str:
    """A metadata value as one would read it: strings as they are, the rest as JSON."""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, default=str)


class SourceData(QTableWidget):
    """Name and value of each metadata entry, in the file's order."""

    def __init__(self) -> None:
        super().__init__(0, 2)
        self.setHorizontalHeaderLabels(["From the file", "Value"])
        self.verticalHeader().hide()
        self.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setStretchLastSection(True)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(True)

    def show_metadata(self, metadata: dict[str, Any] | None) -> int:
        """Fill the table (None: no posting is shown); the number of entries shown."""
        self._posting_shown = metadata is not None
        items = list((metadata or {}).items())
        self.setRowCount(len(items))
        for row, (name, value) in enumerate(items):
            text = as_text(value)
            for column, cell in enumerate((str(name), text)):
                short = cell if len(cell) <= SHOWN_CHARS else cell[:SHOWN_CHARS] + "…"
                item = QTableWidgetItem(short)  # item text is plain text, never markup
                item.setToolTip(plain_tip(cell[:5000]))
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                self.setItem(row, column, item)
        self.resizeRowsToContents()
        return len(items)

    def paintEvent(self, event: Any) -> None:
        """An empty table says why it is empty."""
        super().paintEvent(event)
        if self.rowCount() or not getattr(self, "_posting_shown", False):
            return
        painter = QPainter(self.viewport())
        painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
        painter.drawText(self.viewport().rect().adjusted(10, 10, -10, -10),
                         int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
                             | Qt.TextFlag.TextWordWrap), NOTHING)
