"""The start screen: open, create or import into a project, or try the demo; recent projects."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, QPointF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QIcon,
    QKeySequence,
    QPainter,
    QPalette,
    QPixmap,
    QPolygonF,
    QShortcut,
    QTextLayout,
)
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from reviewer.gui.plain import name_shown, plain_tip


class StartScreen(QWidget):
    open_project = Signal(object)  # Path of an existing project
    new_project = Signal(object, object)  # Path of the new project, files to import (list)
    open_demo = Signal()

    def __init__(self, recent: list[Path], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Posting Reviewer")
        self.setMinimumSize(640, 440)
        self.setAcceptDrops(False)
        title = QLabel("Posting Reviewer")
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        title.setFont(font)
        intro = QLabel("Turn scraped job-posting pages into a clean, labelled dataset: each page "
                       "cleaned down to the posting, its fields found, ready for you to check.")
        intro.setWordWrap(True)

        style = self.style()
        buttons = QVBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key, text, hint, icon, shortcut, slot in (
            ("open", "Open a project…", "A project file (.db) you made before",
             QStyle.StandardPixmap.SP_DialogOpenButton, "Ctrl+O", self._choose_open),
            ("new", "New project…", "An empty project; import into it later",
             QStyle.StandardPixmap.SP_FileIcon, "Ctrl+N", self._choose_new),
            ("import", "Import files…", "Pages, .zip, .jsonl or .csv files into a new project",
             QStyle.StandardPixmap.SP_DirOpenIcon, "Ctrl+I", self._choose_import),
            ("demo", "Open the demo", "Eight sample postings to try everything on",
             None, "Ctrl+D", self.open_demo.emit),
        ):
            button = QPushButton(style.standardIcon(icon) if icon else QIcon(), f"  {text}")
            button.setIconSize(QSize(20, 20))
            button.setMinimumHeight(40)
            button.setToolTip(f"{hint} ({shortcut})")
            button.setStyleSheet("text-align: left; padding-left: 10px")
            button.clicked.connect(lambda _c=False, s=slot: s())
            QShortcut(QKeySequence(shortcut), self).activated.connect(slot)
            buttons.addWidget(button)
            self.buttons[key] = button
        buttons.addStretch(1)

        self.recent = QListWidget()
        self.recent.setAlternatingRowColors(True)
        self.recent.setItemDelegate(LinesDelegate(self.recent))
        self.recent.itemActivated.connect(
            lambda item: self.open_project.emit(Path(item.data(Qt.ItemDataRole.UserRole))))
        for path in recent:
            item = QListWidgetItem(f"{name_shown(path.name)}\n{name_shown(path.parent)}")
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            item.setToolTip(plain_tip(str(path)))  # a file name may look like HTML
            self.recent.addItem(item)
        recent_title = QLabel("Recent projects" if recent else "No recent projects yet")
        recent_title.setStyleSheet("font-weight: bold")
        recent_column = QVBoxLayout()
        recent_column.addWidget(recent_title)
        recent_column.addWidget(self.recent, 1)
        if not recent:
            self.recent.hide()
            recent_column.addStretch(1)

        columns = QHBoxLayout()
        columns.addLayout(buttons, 2)
        columns.addSpacing(24)
        columns.addLayout(recent_column, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 32, 28)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addSpacing(18)
        layout.addLayout(columns, 1)
        if recent:
            self.recent.setCurrentRow(0)
            self.recent.setFocus()
        else:
            self.buttons["demo"].setFocus()
        self._paint_play()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._paint_play()

    def _paint_play(self) -> None:
        """The demo's ▶ in the buttons' text colour: the style's own was near black,
        unseen on a dark theme's buttons."""
        button = self.buttons["demo"]
        button.setIcon(play_icon(button.palette().color(QPalette.ColorRole.ButtonText),
                                 button.iconSize(), self.devicePixelRatioF()))

    def _choose_open(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(self, "Open a project", str(Path.home()),
                                                "Projects (*.db *.sqlite);;All files (*)")
        if chosen:
            self.open_project.emit(Path(chosen))

    def _ask_new_path(self) -> Path | None:
        chosen, _ = QFileDialog.getSaveFileName(self, "New project",
                                                str(Path.home() / "postings.db"),
                                                "Projects (*.db)")
        if not chosen:
            return None
        path = Path(chosen)
        return path if path.suffix else path.with_suffix(".db")

    def _choose_new(self) -> None:
        path = self._ask_new_path()
        if path is not None:
            self.new_project.emit(path, [])

    def _choose_import(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self, "Import postings", str(Path.home()),
            "Postings (*.html *.htm *.txt *.md *.jsonl *.json *.csv *.zip);;All files (*)")
        if not files:
            return
        path = self._ask_new_path()
        if path is not None:
            self.new_project.emit(path, [Path(f) for f in files])


def play_icon(color: QColor, size: QSize, ratio: float = 1.0) -> QIcon:
    """A ▶ of ``color``, ``size`` large."""
    pixmap = QPixmap(size * ratio)
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(color)
    w, h = size.width(), size.height()
    painter.drawPolygon(QPolygonF([QPointF(w * 0.25, h * 0.15), QPointF(w * 0.85, h * 0.5),
                                   QPointF(w * 0.25, h * 0.85)]))
    painter.end()
    return QIcon(pixmap)


class LinesDelegate(QStyledItemDelegate):
    """Each row as tall as its lines (a project's name, its folder) as drawn: a name
    in Chinese or Japanese is drawn in another font than the list's, its line a
    fraction of a pixel taller than the style measured, and the folder's line was
    dropped for want of room ("求人データ.db…")."""

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        hint = super().sizeHint(option, index)
        lines = str(index.data() or "").split("\n")
        tall = math.ceil(sum(_line_height(line, option.font) for line in lines)) + 2
        return QSize(hint.width(), max(hint.height(), tall))


def _line_height(text: str, font: Any) -> float:
    """The height of ``text`` on one line in ``font``, with the fonts that stand in for
    its letters that ``font`` lacks."""
    layout = QTextLayout(text, font)
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(1e6)
    height = line.height()
    layout.endLayout()
    return float(height)
