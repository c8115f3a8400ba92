"""Labels → Guidelines (F2): the project's guidelines for its reviewers, and what each
field, question and option means.

The guidelines are Markdown from a project file, so they are rendered safely: as
GitHub Markdown with its HTML left as text (``MarkdownNoHTML``: ``<b>x</b>`` shows as
written), every image replaced by its description before anything is drawn (an image
names a file or an address the document would load), no resource ever loaded, and links
never followed. The descriptions are added as plain text. Nothing from the file is read
as rich text.
"""

from __future__ import annotations

from typing import Any

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QTextBlockFormat, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from reviewer.core.extract import image_placeholder
from reviewer.core.schema import FIELDS
from reviewer.gui.long_lists import split_tables
from reviewer.gui.plain import plain_tip
from reviewer.gui.screen_fit import fit_to_screen

NONE_YET = ("This project has no guidelines yet.\n\nImport a Markdown file of them with "
            "`reviewer guidelines PROJECT --import FILE`; `reviewer split` gives them to each "
            "reviewer's file.")
DESCRIBED = "What each field, question and option means"
_FIELD_LABELS = {spec.name: spec.label for spec in FIELDS}


class SafeDocument(QTextDocument):
    """A document that loads nothing: no image, no style sheet, whatever it names."""

    def loadResource(self, _type: int, _name: Any) -> Any:
        return None


class SafeBrowser(QTextBrowser):
    """A text browser that loads no resource and follows no link."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)

    def loadResource(self, _type: int, _name: Any) -> Any:
        return None


def markdown_document(text: str) -> SafeDocument:
    """``text`` (Markdown from a file) as a document: HTML in it shown as text, each image
    replaced by "[image: its description]", a long table in pieces (``split_tables``)."""
    document = SafeDocument()
    features = QTextDocument.MarkdownFeature
    document.setMarkdown(split_tables(text),
                         features.MarkdownDialectGitHub | features.MarkdownNoHTML)
    images = []
    titled = []  # a link's title becomes its tooltip, which Qt shows as rich text
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.isValid() and fragment.charFormat().toolTip():
                titled.append((fragment.position(), fragment.length(),
                               fragment.charFormat().toolTip()))
            if fragment.isValid() and fragment.charFormat().isImageFormat():
                images.append((fragment.position(), fragment.length(),
                               fragment.charFormat().toImageFormat().property(
                                   QTextCharFormat.Property.ImageAltText) or ""))
            it += 1
        block = block.next()
    cursor = QTextCursor(document)
    cursor.beginEditBlock()  # one edit: one a link is laid out again each (4,000: 3.3 s)
    for position, length, title in titled:  # the title as plain text (lengths unchanged)
        cursor.setPosition(position)
        cursor.setPosition(position + length, QTextCursor.MoveMode.KeepAnchor)
        plain = QTextCharFormat()
        plain.setToolTip(plain_tip(title))
        cursor.mergeCharFormat(plain)
    for position, length, alt in reversed(images):  # from the end: positions hold
        cursor.setPosition(position)
        cursor.setPosition(position + length, QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(image_placeholder(alt), QTextCharFormat())
    cursor.endEditBlock()
    return document


def described(descriptions: dict[str, str]) -> list[tuple[str, str]]:
    """(what, description) of each description as a person names it: the fields in the
    schema's order, then the questions and the options by name."""
    fields = list(_FIELD_LABELS)

    def order(key: str) -> tuple[int, int, str]:
        kind, _, name = key.partition(":")
        rank = ("field", "question", "option").index(kind) if kind in (
            "field", "question", "option") else 3
        return rank, fields.index(name) if name in fields else len(fields), name

    out = []
    for key in sorted(descriptions, key=order):
        kind, _, name = key.partition(":")
        what = (f"Field {_FIELD_LABELS.get(name, name)}" if kind == "field" else
                f"Question {name.replace('_', ' ')}" if kind == "question" else
                "Option " + name.replace("/", ": ").replace("_", " "))
        out.append((what, descriptions[key]))
    return out


def add_descriptions(document: QTextDocument, descriptions: dict[str, str]) -> None:
    """The descriptions after the guidelines, as plain text (a bold name, its text)."""
    if not descriptions:
        return
    cursor = QTextCursor(document)
    cursor.movePosition(QTextCursor.MoveOperation.End)
    bold = QTextCharFormat()
    bold.setFontWeight(QFont.Weight.Bold)
    plain = QTextCharFormat()
    heading = QTextCharFormat(bold)
    heading.setFontPointSize(max(document.defaultFont().pointSizeF(), 9) * 1.4)
    space = QTextBlockFormat()
    space.setTopMargin(18)
    space.setBottomMargin(6)
    cursor.insertBlock(space)
    cursor.insertText(DESCRIBED, heading)
    entry = QTextBlockFormat()
    entry.setBottomMargin(4)
    for what, text in described(descriptions):
        cursor.insertBlock(entry)
        cursor.insertText(what, bold)
        cursor.insertText(f" — {text}", plain)


class GuidelinesDialog(QDialog):
    """The guidelines and the descriptions, beside the window (it goes on behind)."""

    def __init__(self, parent: QWidget, title: str, guidelines: str,
                 descriptions: dict[str, str]) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        self.browser = SafeBrowser()
        document = markdown_document(guidelines.strip() or NONE_YET)
        add_descriptions(document, descriptions)
        document.setDocumentMargin(14)
        document.setParent(self.browser)
        self.browser.setDocument(document)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addWidget(self.browser)
        column.addWidget(buttons)
        fit_to_screen(self, 720, 640)


def show_guidelines(parent: QWidget, old: GuidelinesDialog | None, title: str,
                    guidelines: str, descriptions: dict[str, str]) -> GuidelinesDialog:
    """The guidelines dialog, read afresh (an open one is closed first)."""
    if old is not None and shiboken6.isValid(old):  # (a closed one is deleted)
        old.close()
    dialog = GuidelinesDialog(parent, title, guidelines, descriptions)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
