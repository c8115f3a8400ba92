"""Choosing a project file: File → Open, File → New, or a project dropped on the window."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFileDialog, QWidget

PROJECT_SUFFIXES = (".db", ".sqlite")


def choose_project(parent: QWidget, folder: Path, new: bool) -> Path | None:
    """A project to open (``new`` False) or to create, chosen in a file dialog; None if
    the user cancelled. A new project's name gets ".db" when it has no suffix."""
    if not new:
        chosen, _ = QFileDialog.getOpenFileName(parent, "Open a project", str(folder),
                                                "Projects (*.db *.sqlite);;All files (*)")
        return Path(chosen) if chosen else None
    chosen, _ = QFileDialog.getSaveFileName(parent, "New project", str(folder),
                                            "Projects (*.db)")
    if not chosen:
        return None
    path = Path(chosen)
    return path if path.suffix else path.with_suffix(".db")


def dropped_files(event: Any) -> list[Path]:
    """The local files of a drag or drop; others (web addresses) are never fetched."""
    return [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]


def take_drop(event: Any, open_project: Callable[[Path], None],
              import_files: Callable[[list[Path]], Any]) -> None:
    """Files dropped on the window: one project file is opened, anything else imported."""
    paths = dropped_files(event)
    if paths:
        event.acceptProposedAction()
    if len(paths) == 1 and paths[0].suffix.lower() in PROJECT_SUFFIXES:
        open_project(paths[0])
    elif paths:
        import_files(paths)
