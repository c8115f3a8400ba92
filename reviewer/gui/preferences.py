"""What the app remembers between runs, in ``QSettings``: recent projects, shortcuts, theme,
how often to learn again, the reviewer's name.

Only UI state lives here; everything that matters for the data is in the project file.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings

RECENT = 10
LEARN_EVERY = "learning/every"  # learn again after this many postings reviewed (0: never)
REVIEWER = "reviewer/name"  # who is reviewing: every edit carries the name


def _strings(value: object) -> list[str]:
    """A list setting as strings (INI files give back a lone string for one item)."""
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value]  # type: ignore[attr-defined]


def recent_projects(settings: QSettings) -> list[Path]:
    """The projects opened last, newest first, those still on disk."""
    return [Path(p) for p in _strings(settings.value("recent_projects")) if Path(p).is_file()]


def remember_project(settings: QSettings, path: Path) -> None:
    path = path.resolve()
    others = [p for p in _strings(settings.value("recent_projects")) if Path(p) != path]
    settings.setValue("recent_projects", [str(path), *others][:RECENT])
    settings.setValue("last_project", str(path))


def forget_project(settings: QSettings, path: Path) -> None:
    settings.setValue("recent_projects", [p for p in _strings(settings.value("recent_projects"))
                                          if Path(p) != path.resolve()])


def shortcut_overrides(settings: QSettings) -> dict[str, str]:
    """Action id → key sequence (portable text) where the user changed the default."""
    settings.beginGroup("shortcuts")
    try:
        return {key: str(settings.value(key) or "") for key in settings.childKeys()}
    finally:
        settings.endGroup()


def save_shortcut_overrides(settings: QSettings, overrides: dict[str, str]) -> None:
    settings.remove("shortcuts")
    settings.beginGroup("shortcuts")
    for key, sequence in overrides.items():
        settings.setValue(key, sequence)
    settings.endGroup()


def learn_every(settings: QSettings) -> int:
    """After how many postings reviewed the window learns again (0: never)."""
    try:
        return max(0, int(str(settings.value(LEARN_EVERY, 0))))
    except ValueError:
        return 0


def set_learn_every(settings: QSettings, every: int) -> None:
    settings.setValue(LEARN_EVERY, max(0, every))


def reviewer_name(settings: QSettings | None) -> str | None:
    """The reviewer's name as it was given (None: never asked yet, or no settings)."""
    if settings is None:
        return None
    name = str(settings.value(REVIEWER, "") or "").strip()
    return name or None


def set_reviewer_name(settings: QSettings, name: str) -> None:
    settings.setValue(REVIEWER, name)


def restore_layout(settings: QSettings | None, window: Any, project: Path) -> int | None:
    """The window's size and place and its panes' widths (``window.splitter``), as they
    were left; the posting shown when ``project`` was last closed here (None: none)."""
    if settings is None:
        return None
    geometry = settings.value("window/geometry")
    sizes = settings.value("window/splitter")
    if geometry is not None:
        window.restoreGeometry(geometry)
    if sizes is not None:
        window.splitter.restoreState(sizes)
    try:
        return int(settings.value(_shown_key(project)))
    except (TypeError, ValueError):  # none kept (or not a number)
        return None


def save_layout(settings: QSettings | None, window: Any, project: Path,
                shown: int | None) -> None:
    """Keep the window's layout, and ``shown`` as the posting to open ``project`` at."""
    if settings is not None:
        settings.setValue("window/geometry", window.saveGeometry())
        settings.setValue("window/splitter", window.splitter.saveState())
        if shown is not None:
            settings.setValue(_shown_key(project), shown)


def _shown_key(project: Path) -> str:
    """A project's key among the settings: a digest of its full path (a path may hold
    any character, and "/" parts settings' keys)."""
    digest = hashlib.sha1(str(project.resolve()).encode("utf-8", "surrogateescape"))
    return f"last_shown/{digest.hexdigest()[:20]}"
