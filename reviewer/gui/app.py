"""Start the window: on a project file, on the demo project, or on the last one."""

from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from reviewer.core.importer import import_paths
from reviewer.core.store import ProjectError, Store
from reviewer.gui.window import ReviewWindow


def demo_project() -> Path:
    """A project of the bundled sample postings (made on first use)."""
    folder = Path(QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.AppDataLocation) or Path.home() / ".posting-reviewer")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "demo.db"
    samples = resources.files("reviewer.resources") / "samples"
    with resources.as_file(samples) as sample_dir, Store(path) as store:
        import_paths(store, [sample_dir])
    return path


def run(argv: list[str]) -> int:
    app = QApplication.instance() or QApplication([sys.argv[0], *argv])
    app.setApplicationName("Posting Reviewer")
    app.setOrganizationName("Posting Reviewer")
    settings = QSettings()
    if argv and argv[0] == "demo":
        path: Path | None = demo_project()
    elif argv:
        path = Path(argv[0])
    else:
        last = settings.value("last_project", "")
        path = Path(str(last)) if last and Path(str(last)).exists() else None
        if path is None:
            chosen, _ = QFileDialog.getOpenFileName(None, "Open a project", str(Path.home()),
                                                    "Projects (*.db *.sqlite)")
            path = Path(chosen) if chosen else demo_project()
    try:
        store = Store(path)
    except ProjectError as err:
        QMessageBox.critical(None, "Cannot open the project", str(err))
        return 2
    settings.setValue("last_project", str(path))
    window = ReviewWindow(store, settings)
    window.show()
    code = app.exec()
    store.close()
    return int(code)
