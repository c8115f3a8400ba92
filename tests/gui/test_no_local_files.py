"""Posting content, label names and file names never make the app read a local file.

Each test plants files in a folder of its own, puts references to them (paths,
``file://`` URLs, ``<img>`` tags, Markdown images) into what the app shows, has it
shown and painted, and checks with the kernel's file events that nothing in the
folder was opened. Text shown must read as it was written, markup and all."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from planted_files import Planted
from PySide6 import QtGui
from PySide6.QtCore import QEvent, QPoint, QSettings, Qt
from PySide6.QtGui import QHelpEvent, QTextCursor, QTextDocument, QTextFormat
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QToolTip, QWidget

from reviewer.core.ingest import ImportReport
from reviewer.core.ingest.items import Skipped
from reviewer.core.labels import Option, Question
from reviewer.core.store import NewPosting, Store
from reviewer.gui.app import Launcher
from reviewer.gui.dialogs import ExportDialog
from reviewer.gui.document_view import DocumentView
from reviewer.gui.labels_panel import LabelsPanel
from reviewer.gui.ops import LongWork
from reviewer.gui.queue_model import COLUMNS, QueueModel
from reviewer.gui.start_screen import StartScreen
from reviewer.gui.stats_view import StatsView
from reviewer.gui.text_mapping import hide_images, strip_markdown
from reviewer.gui.window import ReviewWindow

TITLE = COLUMNS.index("Title")


def painted(widget: QWidget) -> None:
    """Shown, laid out and painted: whatever it would load is loaded by now."""
    widget.resize(max(widget.width(), 500), max(widget.height(), 300))
    widget.show()
    QApplication.processEvents()
    widget.grab()
    QApplication.processEvents()


def shown_text(text: str, fmt: Qt.TextFormat = Qt.TextFormat.AutoText) -> str:
    """What a label or tooltip with ``text`` in format ``fmt`` puts on the screen."""
    rich = fmt == Qt.TextFormat.RichText or (fmt == Qt.TextFormat.AutoText
                                             and QtGui.Qt.mightBeRichText(text))
    if not rich:
        return text
    doc = QTextDocument()
    doc.setHtml(text)
    return doc.toPlainText().replace("\u2029", "\n").replace("\u2028", "\n")


def label_text(label: QLabel) -> str:
    return shown_text(label.text(), label.textFormat())


def tooltip_painted(text: str) -> str:
    """Show ``text`` as a tooltip, paint it, and say what it showed (but the zero-width
    spaces that break a long run of no space into lines)."""
    QToolTip.showText(QPoint(100, 100), text)
    tips = [w for w in QApplication.topLevelWidgets()
            if w.inherits("QTipLabel") and w.isVisible()]
    assert tips
    for tip in tips:
        painted(tip)
    QToolTip.hideText()
    return shown_text(text).replace("\u200b", "")


def images_in(doc: QTextDocument) -> list[str]:
    found = []
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fmt = it.fragment().charFormat()
            if fmt.isImageFormat() or fmt.objectType() == QTextFormat.ObjectTypes.ImageObject:
                found.append(fmt.toImageFormat().name())
            it += 1
        block = block.next()
    return found


# --- the cleaned posting --------------------------------------------------------------------

IMAGE_FORMS = {
    "path": "![team photo]({png})",
    "file url": "![team photo]({url})",
    "text file": "![]({txt})",
    "titled": '![team]({png} "The team")',
    "angle brackets": "![team](<{png}>)",
    "linked": "[![logo]({png})](https://example.com/)",
    "reference": "![team][pic]\n\n[pic]: {png}",
    "collapsed reference": "![pic][]\n\n[pic]: {url}",
    "shortcut reference": "![pic]\n\n[pic]: {url}",
    "list item": "- first\n- ![icon]({png}) second",
    "table": "| a | b |\n|---|---|\n| ![x]({png}) | y |",
    "heading": "## ![x]({png}) Heading",
    "nested": "![outer ![inner]({png})]({url})",
    "two lines": "![team\nphoto]({png})",
    "link in alt": "![a [b](https://example.com) d]({png})",
    "escaped backslash": "\\\\![x]({png})",
    "html": '<img src="{png}"> and <img src="{url}">',
    "emphasis": "**![x]({png})** and _![y]({txt})_",
}


@pytest.mark.parametrize("form", IMAGE_FORMS.values(), ids=IMAGE_FORMS.keys())
def test_no_image_in_a_posting_is_ever_read(view: DocumentView, planted: Planted,
                                            form: str) -> None:
    image = form.format(png=planted.png, url=planted.url, txt=planted.txt)
    markdown = f"# Data Engineer\n\nIntro text here.\n\n{image}\n\nAfter the image.\n"
    view.show_posting(markdown, {})
    painted(view)
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    painted(view)
    assert planted.opened() == []
    assert images_in(view.document()) == []
    text = view.document().toPlainText()
    assert "Intro text here." in text and "After the image." in text
    assert "\ufffc" not in text  # no object (image) character


def test_an_image_shows_as_its_alt_text(view: DocumentView) -> None:
    view.show_posting("Before.\n\n![team photo](/etc/passwd)\n\n![](file:///etc/passwd)\n\n"
                      "After.\n", {})
    text = view.document().toPlainText()
    assert "[image: team photo]" in text and "[image]" in text
    assert "/etc/passwd" not in text


def test_spans_after_an_image_land_on_their_words(view: DocumentView) -> None:
    markdown = ("## Role\n\n![team photo](/etc/passwd)\n\nWe use **Python** and "
                "![logo](x.png) Go daily.\n\n- ![icon](y.png) Kafka\n")
    spans = {"skills": [(markdown.index(w), markdown.index(w) + len(w))
                        for w in ("Python", "Go", "Kafka")]}
    view.show_posting(markdown, spans)
    shown = [view.document().toPlainText()[a:b] for _, a, b in view.highlights]
    assert shown == ["Python", "Go", "Kafka"]


def test_every_word_beside_images_maps_back_to_its_source(view: DocumentView) -> None:
    markdown = ("# Data ![a](/etc/passwd) Engineer\n\nWe use ![team photo](/etc/passwd) "
                "Python and ![](x.png) SQL.\n\n[![logo](y.png)](https://example.com) "
                "Apply today\n\n- ![i](z.png) Kafka streams\n")
    view.show_posting(markdown, {})
    rendered = view.document().toPlainText()
    placeholders = [m.span() for m in re.finditer(r"\[image[^\]]*\]", rendered)]
    wrong = []
    for found in re.finditer(r"\w+", rendered):
        if any(a <= found.start() < b for a, b in placeholders):
            continue
        cursor = QTextCursor(view.document())
        cursor.setPosition(found.start())
        cursor.setPosition(found.end(), QTextCursor.MoveMode.KeepAnchor)
        view.setTextCursor(cursor)
        span = view.selected_source_span()
        if span is None or markdown[span[0]:span[1]] != found.group():
            wrong.append((found.group(), span))
    assert wrong == []


@pytest.mark.qt_log_ignore("This plugin does not support")
def test_tooltips_in_the_posting_are_plain(view: DocumentView, planted: Planted,
                                           qtbot: Any) -> None:
    markdown = f"Intro line\n\n[Apply here](https://example.com/apply '{planted.tag}')\n"
    label = f"team {planted.tag}"
    start = markdown.index("Intro")
    view.show_posting(markdown, {}, [{"start": start, "end": start + 5, "label": label,
                                      "state": "accepted"}], {label: "#336699"})
    painted(view)
    shown = []
    for word in ("Apply", "Intro"):
        cursor = QTextCursor(view.document())
        cursor.setPosition(view.document().toPlainText().index(word) + 2)
        point = view.cursorRect(cursor).center()
        event = QHelpEvent(QEvent.Type.ToolTip, point, view.viewport().mapToGlobal(point))
        QApplication.sendEvent(view.viewport(), event)
        try:
            assert QToolTip.isVisible(), word
            shown.append(shown_text(QToolTip.text()))
            for tip in QApplication.topLevelWidgets():
                if tip.inherits("QTipLabel") and tip.isVisible():
                    painted(tip)
        finally:
            QToolTip.hideText()
    assert planted.opened() == []
    assert planted.tag in shown[0] and label in shown[1]


# --- titles, file names, label names --------------------------------------------------------


@pytest.mark.qt_log_ignore("This plugin does not support")
def test_a_title_tooltip_in_the_queue_is_plain(tmp_path: Path, planted: Planted,
                                               qapp: Any) -> None:
    title = f"Engineer {planted.tag}"
    text = "# Engineer\n\nWe build pipelines in Python.\n"
    with Store(tmp_path / "p.db") as store:
        store.postings.add([NewPosting(source="p.txt", hash="h", kind="text", raw=text,
                                       cleaned=text, fields={"title": title}, confidence={},
                                       status="new")])
        model = QueueModel(store)
        model.reload()
        tip = model.data(model.index(0, TITLE), Qt.ItemDataRole.ToolTipRole)
        shown = tooltip_painted(tip)
    assert planted.opened() == []
    assert shown == title


@pytest.mark.qt_log_ignore("This plugin does not support")
def test_cannot_open_the_project_names_the_file_as_text(tmp_path: Path, planted: Planted,
                                                        qtbot: Any) -> None:
    launcher = Launcher(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    path = tmp_path / f"{planted.file_name}.db"
    assert not launcher.open(path, create=False)
    box = launcher.error_box
    assert box is not None
    qtbot.addWidget(box)
    painted(box)
    assert planted.opened() == []
    assert planted.file_name in label_text(box.findChild(QLabel, "qt_msgbox_label"))
    box.close()


@pytest.mark.qt_log_ignore("This plugin does not support")
def test_not_imported_names_the_file_as_text(tmp_path: Path, planted: Planted,
                                             qtbot: Any) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    work = LongWork(parent, tmp_path / "p.db")
    source = str(tmp_path / f"{planted.file_name}.html")
    work.report_import(ImportReport(skipped=[Skipped(source, f"unreadable {planted.tag}")]))
    box = work.message_box
    assert box is not None
    painted(box)
    assert planted.opened() == []
    shown = label_text(box.findChild(QLabel, "qt_msgbox_label"))
    assert planted.file_name in shown and planted.tag in shown
    box.close()


def test_every_message_box_of_the_long_work_is_plain(tmp_path: Path, planted: Planted,
                                                     qtbot: Any) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    work = LongWork(parent, tmp_path / "p.db")
    work.report(f"Export failed {planted.tag}", f"{planted.tag} could not be written",
                details=planted.tag, error=True)
    box = work.message_box
    assert box is not None and box.textFormat() == Qt.TextFormat.PlainText
    painted(box)
    box.close()
    assert planted.opened() == []


@pytest.mark.qt_log_ignore("This plugin does not support")
def test_label_names_show_as_text(tmp_path: Path, planted: Planted, project: Path,
                                  open_window: Any) -> None:
    name = f"team {planted.tag}"
    question = Question(name="quality", kind="single",
                        options=[Option(name=name, color="#336699", key="Alt+1")])
    panel = LabelsPanel()
    panel.set_schema([question])
    painted(panel)
    shown = tooltip_painted(panel.buttons[("quality", name)].toolTip())
    assert planted.opened() == []
    assert name in shown
    panel.deleteLater()

    window: ReviewWindow = open_window(project)
    spans = Question(name="spans", kind="span",
                     options=[Option(name=name, color="#4e79a7", key="Ctrl+1")])
    window.set_schema([question, spans])
    window.labels.show_posting(window.posting)
    painted(window)
    box = window.action_table.help_box()
    painted(box)
    assert planted.opened() == []
    assert name in box.browser.toPlainText()  # shown as the text it is
    box.close()
    window.statusBar().showMessage(f"Labelled {name}", 5000)
    painted(window)
    assert planted.opened() == []


def test_the_stats_window_shows_an_error_as_text(tmp_path: Path, planted: Planted,
                                                 project: Path, qtbot: Any) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    view = StatsView(parent, project, str)
    qtbot.waitUntil(lambda: view.job is None, timeout=10_000)
    message = f"{planted.tag} is not readable"
    view.show_failure(message)
    painted(view)
    assert planted.opened() == []
    assert message in label_text(view.status)
    view.close()


def test_the_export_dialog_names_paths_as_text(tmp_path: Path, planted: Planted,
                                               qtbot: Any) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = ExportDialog(parent, tmp_path / "p.db", 1, 1)
    dialog.output.setText(str(tmp_path / planted.file_name / "out.jsonl"))
    dialog._accept()
    painted(dialog)
    assert planted.opened() == []
    assert planted.file_name in label_text(dialog.problem)
    dialog.close()


@pytest.mark.qt_log_ignore("This plugin does not support")
def test_a_recent_project_tooltip_is_plain(tmp_path: Path, planted: Planted,
                                           qtbot: Any) -> None:
    path = tmp_path / f"{planted.file_name}.db"
    screen = StartScreen([path])
    qtbot.addWidget(screen)
    painted(screen)
    shown = tooltip_painted(screen.recent.item(0).toolTip())
    assert planted.opened() == []
    assert shown == str(path)


def test_message_boxes_made_by_the_app_are_plain(tmp_path: Path, qtbot: Any) -> None:
    launcher = Launcher(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    launcher._error("Cannot open the project", "x")
    assert launcher.error_box is not None
    qtbot.addWidget(launcher.error_box)
    assert launcher.error_box.textFormat() == Qt.TextFormat.PlainText
    assert isinstance(launcher.error_box, QMessageBox)


# --- no Markdown makes an image -------------------------------------------------------------

PIECES = ["![", "!", "[", "]", "(", ")", "\\", "x.png", "/etc/passwd", "file:///x", " ", "\n",
          "\n\n", "alt", ":", '"t"', "<", ">", "`", "*", "- ", "| ", "[r]: /y.png\n", "&#33;",
          "> ", "    ", "\t", "```", "<img src=x.png>", "[r]:\n/y.png", "**", "_"]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
@example("![a](\n/etc/passwd\n)")
@example("![r]\n\n[r]: /etc/passwd")
@example("[![a](b)](c) ![d ![e](f)](g)")
@example("\\\\![a](b) \\![c](d)")
def test_no_markdown_gives_an_image_once_images_are_hidden(qapp: Any, markdown: str) -> None:
    doc = QTextDocument()
    features = QTextDocument.MarkdownFeature
    doc.setMarkdown(hide_images(markdown),
                    features.MarkdownDialectGitHub | features.MarkdownNoHTML)
    assert images_in(doc) == []


@pytest.mark.parametrize(("markdown", "shown"), [
    ("![team photo](/etc/passwd)", "[image: team photo]"),
    ("![](/etc/passwd)", "[image]"),
    ("[![logo](a.png)](https://example.com)", "[image: logo]"),
    ("![outer ![inner](a.png)](b.png)", "[image: outer [image: inner]]"),
    ("![r]\n\n[r]: /etc/passwd", "[image: r]"),
    ("![not an image] here", "![not an image] here"),
    ("Wow![a](b)", "Wow[image: a]"),
])
def test_an_image_is_shown_as_a_placeholder(qapp: Any, markdown: str, shown: str) -> None:
    doc = QTextDocument()
    features = QTextDocument.MarkdownFeature
    doc.setMarkdown(hide_images(markdown),
                    features.MarkdownDialectGitHub | features.MarkdownNoHTML)
    assert doc.toPlainText().strip() == shown


def test_the_span_mapping_strips_an_image_to_its_placeholder() -> None:
    assert strip_markdown("We ![team *photo*](/etc/passwd) hire") == "We [image: team photo] hire"
    assert strip_markdown("[![logo](a.png)](https://example.com) go") == "[image: logo] go"
