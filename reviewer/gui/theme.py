"""Light and dark colours: following the system by default, or chosen in View → Colours."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

THEMES = {"system": "Follow the system", "light": "Light", "dark": "Dark"}


def dark_palette() -> QPalette:
    """A dark palette with enough contrast for a day of reading."""
    roles = QPalette.ColorRole
    palette = QPalette()
    for role, color in (
        (roles.Window, "#2b2d30"), (roles.WindowText, "#e6e6e6"), (roles.Base, "#1e1f22"),
        (roles.AlternateBase, "#26282b"), (roles.ToolTipBase, "#3c3f41"),
        (roles.ToolTipText, "#f0f0f0"), (roles.PlaceholderText, "#8c8c8c"),
        (roles.Text, "#e6e6e6"), (roles.Button, "#3a3d41"), (roles.ButtonText, "#e6e6e6"),
        (roles.BrightText, "#ff6b6b"), (roles.Light, "#4a4d52"), (roles.Midlight, "#404347"),
        (roles.Mid, "#33363a"), (roles.Dark, "#1a1b1e"), (roles.Shadow, "#111214"),
        (roles.Highlight, "#3d7fd1"), (roles.HighlightedText, "#ffffff"),
        (roles.Link, "#7ab4ff"), (roles.LinkVisited, "#b59cff"),
    ):
        palette.setColor(role, QColor(color))
    for role in (roles.Text, roles.WindowText, roles.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7a7a7a"))
    return palette


def system_is_dark() -> bool:
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


def apply_theme(app: QApplication, choice: str) -> None:
    """Colour the whole app as ``choice`` (one of ``THEMES``) says."""
    if choice not in THEMES:
        choice = "system"
    dark = choice == "dark" or (choice == "system" and system_is_dark())
    if choice == "system" and not dark:
        app.setPalette(app.style().standardPalette())
        return
    app.setStyle("Fusion")  # draws every widget from the palette, so dark is dark throughout
    app.setPalette(dark_palette() if dark else app.style().standardPalette())
