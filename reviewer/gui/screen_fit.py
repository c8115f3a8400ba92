"""Windows and dialogs sized to what they hold, but never past the screen: on a laptop
of 1366 × 768 (or a small screen of 1024 × 600) a window opened larger hides its
status bar and its buttons below the screen's edge, and Qt does not shrink it."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication, QWidget

WIDE, HIGH = 0.95, 0.9  # the most of the screen's free area a window opens on


def free_area(widget: QWidget) -> QRect | None:
    """The free area (taskbars and panels aside) of the screen ``widget`` opens on."""
    screen = widget.screen() or QApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else None


def fit_to_screen(widget: QWidget, width: int, height: int) -> None:
    """Resize ``widget`` to ``width`` × ``height``, or less where the screen is smaller."""
    area = free_area(widget)
    if area is not None:
        width, height = min(width, int(area.width() * WIDE)), min(height, int(area.height() * HIGH))
    widget.resize(width, height)
