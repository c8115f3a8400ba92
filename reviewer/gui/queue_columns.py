"""The queue's columns: fitted to a narrow pane, chosen by a right-click on the header
or in View → List columns, and kept (which are shown, how wide) in QSettings.

The title takes the room the other columns leave; they start narrow and can be
widened. In a narrow pane company and location give way to the title, and where one
would be too narrow to read it is folded away until the pane is wider again (a column
of "L…" says nothing). The default widths are so many letters (the font's average
character width), so that a large font keeps the columns readable; a width the person
chose by dragging is kept in pixels. A hidden column or a width is stored by the
column's name, so a column added later simply starts as by default.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from typing import Any

from PySide6.QtCore import QEvent, QObject, QPoint, QSettings, Qt
from PySide6.QtWidgets import QHeaderView, QMenu, QTableView

from reviewer.gui.plain import with_accelerators
from reviewer.gui.queue_model import COLUMNS

TITLE = COLUMNS.index("Title")
# widths in letters (average character widths of the list's font)
DEFAULT_WIDTHS = {"Status": 4.75, "Company": 10.5, "Location": 8.5, "Confidence": 5.75}
TITLE_ROOM = 18.5  # the title keeps as much in a narrow list: company and location give way
GIVE_WAY = ("Company", "Location")  # (down to READABLE each), in this order
READABLE = 9.5  # a column narrower than this is folded away rather than shown
FOLD = ("Location", "Company")  # the columns folded away, in this order, for the title
KEY = "queue/columns"  # {"hidden": [names], "widths": {name: pixels}}, as JSON


def in_pixels(view: QTableView, letters: float) -> int:
    """``letters`` average characters of ``view``'s font, in pixels."""
    return round(letters * view.fontMetrics().averageCharWidth())


class QueueColumns(QObject):
    """Which columns of ``view`` are shown and how wide, and the menu to choose them;
    kept in ``settings`` (None keeps nothing)."""

    def __init__(self, view: QTableView, settings: QSettings | None) -> None:
        super().__init__(view)
        self.view = view
        self.settings = settings
        self.menu: QMenu | None = None  # the open header menu
        self._restoring = False
        header = view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(20)
        header.setTextElideMode(Qt.TextElideMode.ElideRight)  # "Loca…", the name in the tooltip
        for column in range(len(COLUMNS)):
            mode = (QHeaderView.ResizeMode.Stretch if column == TITLE
                    else QHeaderView.ResizeMode.Interactive)
            header.setSectionResizeMode(column, mode)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._popup)
        self.wanted: dict[str, int] = {}  # each column's width as chosen, in pixels
        self.folded: set[str] = set()  # shown as chosen, but folded away for want of room
        self.restore()
        header.sectionResized.connect(self._resized)
        view.viewport().installEventFilter(self)

    def eventFilter(self, watched: Any, event: Any) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.FontChange):
            self.fit()
        return False

    def width(self, name: str) -> int:
        """The width of column ``name``: as chosen, or by default for the font."""
        return self.wanted.get(name) or in_pixels(self.view, DEFAULT_WIDTHS.get(name, 10))

    def fit(self) -> None:
        """Each column at its chosen width, but for company and location, which give way
        where the title would have under ``TITLE_ROOM``: down to ``READABLE``, then
        folded away; the widths chosen are kept for a wider list."""
        header, room = self.view.horizontalHeader(), self.view.viewport().width()
        shown = {name: self.width(name)
                 for column, name in enumerate(COLUMNS) if column != TITLE and self.chosen(column)}
        short = in_pixels(self.view, TITLE_ROOM) - (room - sum(shown.values()))
        readable = in_pixels(self.view, READABLE)
        for name in GIVE_WAY:
            if short > 0 and name in shown:
                give = min(short, max(0, shown[name] - readable))
                shown[name] -= give
                short -= give
        folded = set()
        for name in FOLD:
            if short > 0 and name in shown:
                folded.add(name)
                short -= shown[name]
        with self._not_chosen():
            for name, width in shown.items():
                column = COLUMNS.index(name)
                self.view.setColumnHidden(column, name in folded)
                if name not in folded and header.sectionSize(column) != width:
                    header.resizeSection(column, width)
        self.folded = folded

    def chosen(self, column: int) -> bool:
        """Whether ``column`` is shown as chosen (though maybe folded away for now)."""
        return not self.view.isColumnHidden(column) or COLUMNS[column] in self.folded

    def column_menu(self, menu: QMenu | None = None) -> QMenu:
        """A menu of the columns, each checked when shown (the title always is), and
        one to go back to the default columns; ``menu``: filled anew instead of a new
        one (View → List columns)."""
        if menu is None:
            menu = QMenu(self.view)
        menu.clear()
        *names, default = with_accelerators([*COLUMNS, "Default columns"])
        for column, name in enumerate(names):
            folded = COLUMNS[column] in self.folded
            action = menu.addAction(f"{name} (widen the list to see it)" if folded else name)
            action.setCheckable(True)
            action.setChecked(self.chosen(column))
            action.setEnabled(column != TITLE)
            action.toggled.connect(lambda shown, c=column: self.show_column(c, shown))
        menu.addSeparator()
        menu.addAction(default, self.reset)
        return menu

    def add_menu(self, menu: QMenu) -> None:
        """``menu`` (View → List columns) holds the header's choices, as they are when
        it opens."""
        menu.aboutToShow.connect(lambda: self.column_menu(menu))

    def show_column(self, column: int, shown: bool) -> None:
        if column != TITLE:
            with self._not_chosen():  # (shown again at the width it gave way to)
                self.folded.discard(COLUMNS[column])
                self.view.setColumnHidden(column, not shown)
            self.fit()
            self.save()

    def reset(self) -> None:
        """Every column shown at its default width; nothing kept."""
        if self.settings is not None:
            self.settings.remove(KEY)
        self.restore()

    def restore(self) -> None:
        """The columns as kept in the settings (by default where nothing is)."""
        kept = self._kept()
        hidden, widths = kept.get("hidden", []), kept.get("widths", {})
        hidden = set(hidden) if isinstance(hidden, list) else set()
        widths = widths if isinstance(widths, dict) else {}
        header = self.view.horizontalHeader()
        self.folded.clear()
        self.wanted.clear()
        with self._not_chosen():
            for column, name in enumerate(COLUMNS):
                self.view.setColumnHidden(column, name in hidden and column != TITLE)
                width = widths.get(name)
                if column != TITLE and isinstance(width, int) and 16 <= width <= 2000:
                    self.wanted[name] = width
                if column != TITLE:
                    header.resizeSection(column, self.width(name))
        self.fit()

    @contextlib.contextmanager
    def _not_chosen(self) -> Iterator[None]:
        """Widths set meanwhile are the program's, not chosen by the person: not kept."""
        self._restoring = True
        try:
            yield
        finally:
            self._restoring = False

    def save(self) -> None:
        if self.settings is None or self._restoring:
            return
        hidden = [n for c, n in enumerate(COLUMNS) if not self.chosen(c)]
        widths = {n: self.wanted[n] for c, n in enumerate(COLUMNS)  # (a default follows
                  if n in self.wanted and self.chosen(c)}  # the font: not kept)
        old = self._kept().get("widths", {})
        if isinstance(old, dict):  # a hidden column keeps its width for when it is back
            widths = {**{n: w for n, w in old.items() if n in hidden}, **widths}
        self.settings.setValue(KEY, json.dumps({"hidden": hidden, "widths": widths}))

    def _kept(self) -> dict[str, Any]:
        if self.settings is None:
            return {}
        try:
            kept = json.loads(str(self.settings.value(KEY, "{}")))
        except ValueError:
            return {}
        return kept if isinstance(kept, dict) else {}

    def _resized(self, column: int, _old: int, new: int) -> None:
        if column != TITLE and new > 0 and not self._restoring:
            self.wanted[COLUMNS[column]] = new  # a width the person chose
            self.save()

    def _popup(self, pos: QPoint) -> None:
        self.menu = self.column_menu()
        self.menu.popup(self.view.horizontalHeader().mapToGlobal(pos))
