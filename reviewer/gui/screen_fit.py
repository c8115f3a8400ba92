"""Windows and dialogs sized to what they hold, but never past the screen: on a laptop
of 1366 × 768 (or a small screen of 1024 × 600) a window opened larger hides its
status bar and its buttons below the screen's edge, and Qt does not shrink it. What a
dialog holds that may be larger than the screen (at a large font) scrolls inside it."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtWidgets import QApplication, QFrame, QScrollArea, QWidget

WIDE, HIGH = 0.95, 0.9  # the most of the screen's free area a window opens on


def free_area(widget: QWidget) -> QRect | None:
    """The free area (taskbars and panels aside) of the screen ``widget`` opens on."""
    screen = widget.screen() or QApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else None


def room(widget: QWidget) -> QSize:
    """The most a window opened from ``widget`` may take (a large one where the screen
    is unknown)."""
    area = free_area(widget)
    if area is None:
        return QSize(4000, 4000)
    return QSize(int(area.width() * WIDE), int(area.height() * HIGH))


def fit_to_screen(widget: QWidget, width: int, height: int) -> None:
    """Resize ``widget`` to ``width`` × ``height``, or less where the screen is smaller."""
    most = room(widget)
    widget.resize(min(width, most.width()), min(height, most.height()))


class Scrolled(QScrollArea):
    """``content`` in a frameless scroll area that scrolls it up and down (and sideways
    only where it cannot be narrower than ``widest``). It asks for the content's whole
    size, but takes as little as a few lines of it: the dialog around it fits the
    screen (a plain scroll area asks for at most 36 × 24 lines, and one made as wide as
    its content grew the dialog past the screen's edge)."""

    def __init__(self, content: QWidget, widest: int) -> None:
        super().__init__()
        self.widest = widest
        self.setWidget(content)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        sideways = content.minimumSizeHint().width() > self._inner(widest)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded if sideways
                                          else Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def _inner(self, width: int) -> int:
        return width - self.verticalScrollBar().sizeHint().width()

    def sizeHint(self) -> QSize:
        content = self.widget().sizeHint()
        bar = self.verticalScrollBar().sizeHint().width()
        return QSize(min(content.width() + bar, self.widest), content.height())

    def minimumSizeHint(self) -> QSize:
        content = self.widget().minimumSizeHint()
        bar = self.verticalScrollBar().sizeHint().width()
        lines = 4 * self.fontMetrics().lineSpacing()
        return QSize(min(content.width() + bar, self.widest), min(content.height(), lines))
