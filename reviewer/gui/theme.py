"""Light and dark colours: following the system by default, or chosen in View → Colours.

"Follow the system" keeps the palette and style the desktop gave the app (a dark one
too, where the platform does not say whether it is dark); the app's own dark palette is
for a desktop that says it is dark but gives a light palette, and for View → Colours →
Dark. Whatever the palette, a dark one gets the marks of radio buttons and check boxes
that show on it (``style_sheet``)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QWidget

THEMES = {"system": "Follow the system", "light": "Light", "dark": "Dark"}
PROBLEM = {False: "#c0392b", True: "#ff8a80"}  # the text of a problem: light, dark theme
# In the dark, Fusion draws a radio button's and a check box's frame in the colour of the
# panel under it and the mark in grey: the label chosen could not be told at a glance.
# (BASE: the palette's base colour, under an empty mark)
DARK_MARKS = """
QRadioButton, QCheckBox { padding: 2px 0px; }
QRadioButton::indicator, QCheckBox::indicator, QAbstractItemView::indicator {
    width: 12px; height: 12px; border: 1px solid #a8a8a8; background: BASE; }
QRadioButton::indicator { border-radius: 7px; }
QCheckBox::indicator, QAbstractItemView::indicator { border-radius: 2px; }
QRadioButton::indicator:checked { background: qradialgradient(cx: 0.5, cy: 0.5,
    radius: 0.5, fx: 0.5, fy: 0.5, stop: 0 #7ab4ff, stop: 0.5 #7ab4ff, stop: 0.6 BASE); }
QCheckBox::indicator:checked, QAbstractItemView::indicator:checked {
    background: #7ab4ff; border-color: #7ab4ff; }
QCheckBox::indicator:indeterminate, QAbstractItemView::indicator:indeterminate {
    background: qlineargradient(x1: 0, y1: 0, x2: 0, y2: 1, stop: 0 BASE, stop: 0.4 BASE,
    stop: 0.41 #7ab4ff, stop: 0.6 #7ab4ff, stop: 0.61 BASE); }
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


def is_dark(palette: QPalette) -> bool:
    """Whether ``palette`` is a dark one (light text on a dark window)."""
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def style_sheet(palette: QPalette) -> str:
    """The app's style sheet for ``palette``: the colour of problems, and on a dark
    palette (the app's own or the desktop's) the marks of the radio buttons and check
    boxes."""
    dark = is_dark(palette)
    sheet = f'*[problem="true"], *[problem="true"] QLineEdit {{ color: {PROBLEM[dark]}; }}\n'
    sheet += '#saveState[problem="true"] { font-weight: bold; }\n'
    base = palette.color(QPalette.ColorRole.Base).name()
    return sheet + (DARK_MARKS.replace("BASE", base) if dark else "")


def follow_palette(app: QApplication) -> None:
    """Keep the app's style sheet right for the palette in use, whoever sets it (a
    theme chosen here, the desktop at start or later): once for ``app``."""
    if not app.property("sheetFollowsPalette"):
        app.setProperty("sheetFollowsPalette", True)
        app.paletteChanged.connect(lambda palette: _restyle(app, palette))
    _restyle(app, app.palette())


def _restyle(app: QApplication, palette: QPalette) -> None:
    sheet = style_sheet(palette)
    if app.styleSheet() != sheet:  # (a new sheet polishes every widget again)
        app.setStyleSheet(sheet)


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


_GIVEN: dict[str, Any] = {}  # the desktop's "palette" and "style"; "ours": the palette set
# here last; "restyled": the style was changed here (to Fusion)


def desktop_look(app: QApplication) -> tuple[QPalette, str]:
    """The palette and style name the app had before a theme was applied here, or the
    palette the desktop (or whoever else) set since: what "Follow the system" shows.
    The style's name is "" where unknown (a style sheet hides it)."""
    ours, now = _GIVEN.get("ours"), app.palette()
    if ours is None or now != ours or now.resolveMask() != ours.resolveMask():
        _GIVEN["palette"] = QPalette(now)
        if not _GIVEN.get("restyled"):
            _GIVEN["style"] = app.style().name() or _GIVEN.get("style", "")
    return _GIVEN["palette"], _GIVEN.get("style", "")


def apply_theme(app: QApplication, choice: str) -> None:
    """Colour the whole app as ``choice`` (one of ``THEMES``) says: "system" as the
    desktop gave it (``desktop_look``), unless the platform says it is dark and gives a
    light palette; "light" and "dark" in Fusion's look, which draws every widget from
    the palette (dark is dark throughout)."""
    if choice not in THEMES:
        choice = "system"
    palette, style = desktop_look(app)
    if choice == "system" and (is_dark(palette) or not system_is_dark()):
        if _GIVEN.pop("restyled", False) and style:
            app.setStyle(style)
    else:
        app.setStyle("Fusion")
        _GIVEN["restyled"] = True
        palette = dark_palette() if choice != "light" else app.style().standardPalette()
    app.setPalette(palette)
    follow_palette(app)  # (the sheet after the palette: set first, it kept the widgets')
    _GIVEN["ours"] = QPalette(app.palette())
