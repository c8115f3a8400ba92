"""Light and dark colours: following the system by default, or chosen in View → Colours."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QWidget

THEMES = {"system": "Follow the system", "light": "Light", "dark": "Dark"}
PROBLEM = {False: "#c0392b", True: "#ff8a80"}  # the text of a problem: light, dark theme
# In the dark, Fusion draws a radio button's and a check box's frame in the colour of the
# panel under it and the mark in grey: the label chosen could not be told at a glance.
DARK_MARKS = """
QRadioButton, QCheckBox { padding: 2px 0px; }
QRadioButton::indicator, QCheckBox::indicator, QAbstractItemView::indicator {
    width: 12px; height: 12px; border: 1px solid #a8a8a8; background: #1e1f22; }
QRadioButton::indicator { border-radius: 7px; }
QCheckBox::indicator, QAbstractItemView::indicator { border-radius: 2px; }
QRadioButton::indicator:checked { background: qradialgradient(cx: 0.5, cy: 0.5,
    radius: 0.5, fx: 0.5, fy: 0.5, stop: 0 #7ab4ff, stop: 0.5 #7ab4ff, stop: 0.6 #1e1f22); }
QCheckBox::indicator:checked, QAbstractItemView::indicator:checked {
    background: #7ab4ff; border-color: #7ab4ff; }
QCheckBox::indicator:indeterminate, QAbstractItemView::indicator:indeterminate {
    background: qlineargradient(x1: 0, y1: 0, x2: 0, y2: 1, stop: 0 #1e1f22, stop: 0.4 #1e1f22,
    stop: 0.41 #7ab4ff, stop: 0.6 #7ab4ff, stop: 0.61 #1e1f22); }
QRadioButton::indicator:disabled, QCheckBox::indicator:disabled { border-color: #5a5a5a; }
"""


class FocusShade(QObject):
    """A list's selection in the highlight colour while the list has the keyboard focus,
    in grey while another pane has it: which pane the keys go to shows at a glance (the
    selected row looked the same either way)."""

    def __init__(self, view: QWidget) -> None:
        super().__init__(view)
        self.view = view
        view.installEventFilter(self)
        self._paint()

    def eventFilter(self, watched: Any, event: Any) -> bool:
        kind = event.type()
        if watched is self.view and kind in (QEvent.Type.FocusIn, QEvent.Type.FocusOut):
            self._paint(kind == QEvent.Type.FocusIn)
        elif watched is self.view and kind == QEvent.Type.PaletteChange \
                and not self.view.hasFocus() and self.view.palette().color(
                    QPalette.ColorRole.Highlight) != self._grey()[0]:
            self._paint(False)  # a change of theme: its grey (once: it is then the same)
        return False

    def _grey(self, group: QPalette.ColorGroup = QPalette.ColorGroup.Active
              ) -> tuple[QColor, QColor]:
        """The grey of an unfocused selection in the theme's colours, and its text."""
        shown, roles = QApplication.palette(), QPalette.ColorRole
        base, text = shown.color(group, roles.Base), shown.color(group, roles.Text)
        return QColor((3 * base.red() + text.red()) // 4, (3 * base.green() + text.green()) // 4,
                      (3 * base.blue() + text.blue()) // 4), text

    def _paint(self, focused: bool | None = None) -> None:
        """Only the two colours are the view's own: the rest follow the window's (a
        change of theme reaches them)."""
        palette = QPalette()  # nothing of its own: everything from the window's
        if not (self.view.hasFocus() if focused is None else focused):
            for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
                grey, text = self._grey(group)
                palette.setColor(group, QPalette.ColorRole.Highlight, grey)
                palette.setColor(group, QPalette.ColorRole.HighlightedText, text)
        self.view.setPalette(palette)


def show_as_problem(widget: QWidget, shown: bool = True) -> None:
    """Draw ``widget``'s text in the theme's colour of a problem (or not, ``shown``
    False); it follows a change of theme."""
    widget.setProperty("problem", shown)
    for each in (widget, *widget.findChildren(QWidget)):  # (a key editor's line edit)
        each.style().unpolish(each)
        each.style().polish(each)


def style_sheet(dark: bool) -> str:
    """The app's style sheet: the colour of problems, and in the dark the marks of the
    radio buttons and check boxes."""
    sheet = f'*[problem="true"], *[problem="true"] QLineEdit {{ color: {PROBLEM[dark]}; }}\n'
    sheet += '#saveState[problem="true"] { font-weight: bold; }\n'
    return sheet + (DARK_MARKS if dark else "")


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
    else:
        app.setStyle("Fusion")  # draws every widget from the palette: dark is dark throughout
        app.setPalette(dark_palette() if dark else app.style().standardPalette())
    app.setStyleSheet(style_sheet(dark))  # (last: set first, it kept the widgets' palettes)
