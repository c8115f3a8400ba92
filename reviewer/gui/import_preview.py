"""Before a data file (CSV, JSON, JSONL, Parquet) is imported: its first rows, and which
column holds the page and which each field, found by the columns' names or remembered
by the project, for the person to confirm or change. What the dialog reads it reads with
``reviewer.core.ingest.preview_columns``; nothing is stored until the import runs.

Cells, column names and file names come from the file: shown as plain text only.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QStyle,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reviewer.core.ingest import TARGETS, ColumnPreview, LeftOut, preview_columns
from reviewer.core.store import Store
from reviewer.gui.choice_box import ChoiceBox
from reviewer.gui.plain import name_shown, plain_label, plain_tip
from reviewer.gui.screen_fit import Scrolled, fit_to_screen, room
from reviewer.gui.source_data import as_text

DATA_SUFFIXES = (".csv", ".json", ".jsonl", ".parquet")
PAGE = TARGETS[0][0]
NOT_MAPPED = "— none —"
FOUND_BY = {"given": "as you chose", "remembered": "as this project remembers",
            "name": "by its name"}
CELL_CHARS = 80  # of a cell in the table; the tooltip has more


def is_data_file(path: Path) -> bool:
    return path.is_file() and path.suffix.lower() in DATA_SUFFIXES


class ImportPreviewDialog(QDialog):
    """The first rows of ``path`` and the mapping to import it with."""

    def __init__(self, parent: QWidget | None, path: Path, store: Store | None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import a data file")
        self.path, self.store = path, store
        self.summary = plain_label()
        self.summary.setWordWrap(True)
        self.problems = plain_label()
        self.problems.setWordWrap(True)
        self.problems.setObjectName("importProblems")
        self.combos: dict[str, QComboBox] = {}
        self.table = QTableWidget()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab goes on to Import and Cancel
        self.table.setAccessibleName("The first rows")
        self.table.verticalHeader().setDefaultSectionSize(
            self.table.fontMetrics().lineSpacing() + 8)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(
            "Import", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.preview = preview_columns(path, store=store)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        margins = layout.contentsMargins()
        widest = room(self).width() - margins.left() - margins.right()
        self.mapping_box = self._mapping_box(self.preview.columns, widest)
        self._found = self.mapping()  # as found by the names (or remembered)
        self.rows_label = QLabel("The first rows, as the import reads them:")
        self.mapping_area = Scrolled(self.mapping_box, widest)  # (a large font, a small
        layout.addWidget(self.mapping_area)  # screen: it scrolls, the buttons stay in view)
        layout.addWidget(self.rows_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.problems)
        layout.addWidget(self.buttons)
        self._show(self.preview)
        fit_to_screen(self, *((760, 130) if self.preview.records and not self.preview.error
                              else (max(980, self.sizeHint().width()), 680)))

    def _mapping_box(self, columns: list[str], widest: int) -> QGroupBox:
        """The targets and the column each is read from, three a row, or two or one
        where three would be wider than ``widest``."""
        box = QGroupBox("Which column holds what")
        grid = QGridLayout(box)
        grid.setVerticalSpacing(3)
        pairs = []
        mapping = self.preview.mapping
        chosen = {PAGE: mapping.page, **mapping.fields} if mapping else {}
        for target, label in TARGETS:
            combo = ChoiceBox()  # a list of a score of them, scrolled past
            combo.addItem(NOT_MAPPED, None)
            for column in columns:
                combo.addItem(column, column)  # item text is plain text
            combo.setCurrentIndex(max(0, combo.findData(chosen.get(target))))
            how = mapping.found_by.get(target) if mapping else None
            combo.setToolTip(f"{label}: found {FOUND_BY.get(how, how)}" if how else label)
            combo.currentIndexChanged.connect(lambda _i, t=target: self._chosen(t))
            pairs.append((QLabel(label), combo))
            self.combos[target] = combo
        widest -= box.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        for per_row in (3, 2, 1):
            for n, (name, combo) in enumerate(pairs):
                row, column = divmod(n, per_row)
                grid.addWidget(name, row, column * 2)
                grid.addWidget(combo, row, column * 2 + 1)
            if box.minimumSizeHint().width() <= widest or per_row == 1:
                return box
            for name, combo in pairs:
                grid.removeWidget(name)
                grid.removeWidget(combo)
        return box

    def _chosen(self, target: str) -> None:
        """A column chosen for ``target``: a column fills one field, so another field
        that had it is left without one (as the import would read it)."""
        column = self.combos[target].currentData()
        for other, combo in self.combos.items():
            if other != target and column is not None and combo.currentData() == column:
                combo.blockSignals(True)
                combo.setCurrentIndex(0)  # not mapped
                combo.blockSignals(False)
        self.refresh()

    def mapping(self) -> dict[str, str | None]:
        """What the person chose: every target, its column or None (not mapped)."""
        return {target: combo.currentData() for target, combo in self.combos.items()}

    def chosen(self) -> dict[str, str | None]:
        """What the person changed in ``mapping``: the rest is found in each file and
        row by its own names, as the command line finds it (the file shown may not have
        the columns of the other files, or of every row)."""
        return {target: column for target, column in self.mapping().items()
                if column != self._found.get(target)}

    def refresh(self) -> None:
        """Read the first rows again with the mapping chosen."""
        self.preview = preview_columns(self.path, mapping=self.chosen(), store=self.store)
        self._show(self.preview)

    def _show(self, preview: ColumnPreview) -> None:
        name = name_shown(self.path.name)
        if preview.records and not preview.error:
            self.summary.setText(
                f"{name}: {preview.format.upper()} of records this program exported: "
                "imported as they are, with the values, decisions, labels and comments they "
                "carry; no column to map.")
            self.import_button.setEnabled(True)
            for widget in (self.mapping_area, self.rows_label, self.table):
                widget.hide()  # nothing to map, no columns to show
            return
        if preview.error and preview.columns and self.combos \
                and self.combos[PAGE].currentData() is None:
            self.summary.setText(f"{name}: the page is in no column: choose the column that "
                                 "holds the posting's text or HTML.")
            self.import_button.setEnabled(False)
            return  # the rows stay as they were shown
        if preview.error:
            self.summary.setText(f"{name} cannot be imported: {preview.error}")
            self.import_button.setEnabled(False)
            self.table.clear()
            self.table.setRowCount(0)
            return
        page = self.combos[PAGE].currentData()
        self.import_button.setEnabled(page is not None)
        mapped = {column: target for target, column in self.mapping().items() if column}
        self.summary.setText(
            f"{name}: {preview.format.upper()}, {len(preview.columns)} columns. The page is "
            + (f"in “{page}”" if page else "in no column: choose the column that holds it")
            + f"; {sum(1 for t in mapped.values() if t != PAGE)} fields are read from their "
            "columns (they enter as suggestions of the dataset, to review as any other); the "
            "other columns are kept as the posting's source data.")
        labels = dict(TARGETS)
        self.table.clear()
        self.table.setColumnCount(len(preview.columns))
        self.table.setRowCount(len(preview.rows))
        for c, column in enumerate(preview.columns):
            target = mapped.get(column)
            head = QTableWidgetItem(f"{column}\n→ {labels[target]}" if target else column)
            self.table.setHorizontalHeaderItem(c, head)
            for r, cells in enumerate(preview.rows):
                text = as_text(cells.get(column)) if column in cells else ""
                item = QTableWidgetItem(text if len(text) <= CELL_CHARS
                                        else text[:CELL_CHARS] + "…")
                item.setToolTip(plain_tip(text[:2000]))
                if target is None:
                    item.setForeground(self.palette().placeholderText())
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        for c in range(self.table.columnCount()):
            self.table.setColumnWidth(c, min(self.table.columnWidth(c), 260))
        self.problems.setText(_problems(preview))
        self.problems.setVisible(bool(self.problems.text()))

    def accept(self) -> None:
        if self.combos[PAGE].currentData() is None and not self.preview.records:
            return  # (the button is disabled; Enter does nothing either)
        super().accept()


def _problems(preview: ColumnPreview) -> str:
    """What the first rows lose: cells that cannot be read, rows that are skipped."""
    lines: list[str] = []
    if preview.left_out:
        first = preview.left_out[0]
        lines.append(f"{len(preview.left_out)} cells of these rows cannot be read and are left "
                     f"out, for example {_describe(first)}.")
    if preview.skipped:
        first = preview.skipped[0]
        lines.append(f"{len(preview.skipped)} of these rows will not be imported, for example "
                     f"{Path(first.source).name}: {first.reason}.")
    return "\n".join(lines)


def _describe(left_out: LeftOut) -> str:
    return f"{left_out.column} “{left_out.value[:60]}” ({left_out.field}): {left_out.reason}"


__all__ = ["DATA_SUFFIXES", "ImportPreviewDialog", "is_data_file"]

