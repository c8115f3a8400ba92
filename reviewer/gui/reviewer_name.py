"""Who is reviewing: the name every edit made in the window carries.

Asked once, on the first start (the system's user name offered, ``default_reviewer``),
kept in the settings (``preferences.reviewer_name``) and changed with File → Reviewer
name…; each ``Store`` the window and its workers open is given it (``Store(path,
reviewer=...)``), which stamps it on every decision, label, span, comment and logged
event. A changed name opens the project again under it: the open connections carry the
old one.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from reviewer.core.store import MAX_NAME, clean_name, default_reviewer
from reviewer.gui import preferences
from reviewer.gui.plain import plain_label

FIRST_TEXT = ("Every decision, label and comment you make is saved with your name, so that "
              "the work of several reviewers can be merged and compared. You can change it "
              "later with File → Reviewer name…")
CHANGE_TEXT = ("Edits from now on carry this name; those made before keep the name they were "
               "made with. The project opens again under the new name (undo starts afresh).")


class NameDialog(QDialog):
    """One line for the reviewer's name, with what it is for."""

    def __init__(self, parent: QWidget | None, current: str, first: bool) -> None:
        super().__init__(parent)
        self.setWindowTitle("Who is reviewing?" if first else "Reviewer name")
        self.line = QLineEdit(current)
        self.line.setMaxLength(MAX_NAME)
        self.line.selectAll()
        self.line.setPlaceholderText(default_reviewer())
        text = plain_label(FIRST_TEXT if first else CHANGE_TEXT)
        text.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok |
                                   QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addWidget(plain_label("Your name as a reviewer:"))
        column.addWidget(self.line)
        column.addWidget(text)
        column.addWidget(buttons)
        self.setMinimumWidth(420)

    def name(self) -> str:
        """The name as it will be stored (one line; the offered name when left empty)."""
        return clean_name(self.line.text().strip() or default_reviewer())


def ask_once(settings: QSettings, then: Callable[[], None],
             parent: QWidget | None = None) -> NameDialog | None:
    """On the first start, ask the name (the dialog, not blocking, is returned), keep it
    and then call ``then``; when a name is kept already, call ``then`` now. A dialog
    closed without an answer keeps the offered name: it is asked once."""
    if preferences.reviewer_name(settings) is not None:
        then()
        return None
    dialog = NameDialog(parent, default_reviewer(), first=True)

    def answered(result: int) -> None:
        chosen = dialog.name() if result == QDialog.DialogCode.Accepted else default_reviewer()
        preferences.set_reviewer_name(settings, chosen)
        then()

    dialog.finished.connect(answered)
    dialog.open()
    return dialog


def change_name(parent: QWidget, current: str, settings: QSettings | None,
                reopen: Callable[[], None]) -> NameDialog:
    """File → Reviewer name…: a new name is kept and the project opened again under it
    (``reopen``); with no settings to keep it in, nothing changes."""
    dialog = NameDialog(parent, current, first=False)

    def chosen() -> None:
        name = dialog.name()
        if settings is not None and name != current:
            preferences.set_reviewer_name(settings, name)
            reopen()

    dialog.accepted.connect(chosen)
    dialog.open()
    return dialog
