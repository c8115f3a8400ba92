"""Labels → Guidelines (F2): the project's Markdown guidelines rendered safely (HTML shown as
text, no image, nothing loaded), and each description as a plain-text tooltip of its
field, question and option."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from planted_files import Planted
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from test_no_local_files import IMAGE_FORMS, images_in, painted, shown_text, tooltip_painted

from reviewer.core.store import Store
from reviewer.gui.guidelines import NONE_YET, markdown_document
from reviewer.gui.window import ReviewWindow

DESCRIBED = "<b>role</b> as named <img src=\"{url}\">"


def _guidelines(project: Path, planted: Planted) -> None:
    with Store(project) as store:
        store.meta.set_guidelines(
            "# Rules\n\nA title is <b>x</b>, as written. <img src=\"file:///etc/passwd\"> "
            f"{planted.tag}\n\n![the team]({planted.url})\n\n- one\n- two\n")
        store.meta.set_descriptions({
            "field:title": DESCRIBED.format(url=planted.url),
            "question:relevant": f"Is it <i>one</i> job? {planted.tag}",
            "option:relevant/yes": "<b>yes</b>: one posting, one job"})


def test_f2_shows_the_guidelines_as_plain_markdown(project: Path, planted: Planted,
                                                   open_window: Any, qtbot: Any) -> None:
    _guidelines(project, planted)
    window: ReviewWindow = open_window(project)
    qtbot.keyClick(window.document, Qt.Key.Key_F2)
    dialog = window.guidelines
    assert dialog is not None and dialog.isVisible()
    painted(dialog)
    assert planted.opened() == []
    document = dialog.browser.document()
    text = document.toPlainText()
    assert "A title is <b>x</b>, as written." in text  # HTML shown as it is written
    assert '<img src="file:///etc/passwd">' in text and "[image: the team]" in text
    assert images_in(document) == [] and "<img" not in dialog.browser.toHtml()
    cursor = document.find("<b>x</b>")
    assert not cursor.isNull() and cursor.charFormat().fontWeight() == QFont.Weight.Normal
    heading = document.find("Rules")  # Markdown is Markdown
    assert heading.charFormat().fontWeight() == QFont.Weight.Bold
    assert "one\ntwo" in text.replace("\u2029", "\n")
    assert "Field Title — <b>role</b> as named" in text  # the descriptions, as text
    assert "Option relevant: yes — <b>yes</b>: one posting, one job" in text
    assert not dialog.browser.openLinks() and not dialog.browser.openExternalLinks()
    dialog.close()


def test_with_no_guidelines_it_says_how_to_add_them(project: Path, open_window: Any) -> None:
    window: ReviewWindow = open_window(project)
    window.action_table.by_id["guidelines"].trigger()
    assert window.guidelines is not None
    assert window.guidelines.browser.toPlainText().startswith(
        NONE_YET.split("\n")[0])
    assert window.action_table.by_id["guidelines"].shortcut().toString() == "F2"
    assert window.action_table.by_id["guidelines"] in window.action_table.labels_menu.actions()


@pytest.mark.parametrize("form", IMAGE_FORMS.values(), ids=IMAGE_FORMS.keys())
def test_no_image_in_the_guidelines_is_ever_read(planted: Planted, qtbot: Any,
                                                 form: str) -> None:
    document = markdown_document(form.format(png=planted.png, url=planted.url,
                                             txt=planted.txt))
    assert images_in(document) == []
    document.setTextWidth(400)  # laid out: nothing is loaded
    document.size()
    assert planted.opened() == []


def test_descriptions_are_plain_tooltips(project: Path, planted: Planted,
                                         open_window: Any) -> None:
    _guidelines(project, planted)
    window: ReviewWindow = open_window(project)
    tip = window.fields.names["title"].toolTip()
    assert tooltip_painted(tip).endswith(DESCRIBED.format(url=planted.url))
    group = next(g for g in window.labels.groups if g.property("question") == "relevant")
    assert shown_text(group.toolTip()) == f"Is it <i>one</i> job? {planted.tag}"
    yes = window.labels.buttons[("relevant", "yes")].toolTip()
    assert shown_text(yes) == "relevant: yes\n<b>yes</b>: one posting, one job"
    tooltip_painted(yes)
    assert planted.opened() == []
    assert shown_text(window.fields.names["company"].toolTip()) == "Company (Alt+C)"


def test_link_titles_are_made_plain_in_one_edit(qapp: Any, monkeypatch: Any) -> None:
    """Each link's title (a tooltip) is made plain text in one edit of the document:
    done as an edit a link, a paragraph of 4,000 titled links took 3.3 s to show."""
    import reviewer.gui.guidelines as guidelines

    changes = []

    class Counted(guidelines.SafeDocument):
        def __init__(self) -> None:
            super().__init__()
            self.undoCommandAdded.connect(lambda: changes.append(1))

    monkeypatch.setattr(guidelines, "SafeDocument", Counted)
    text = " ".join(f'[{i}](https://x.test/{i} "<b>title</b> {i}")' for i in range(50))
    document = markdown_document(text)
    titled = 0
    block = document.begin()
    it = block.begin()
    while not it.atEnd():
        tip = it.fragment().charFormat().toolTip()
        if tip:
            assert shown_text(tip) == f"<b>title</b> {titled}"  # the tags shown as text
            titled += 1
        it += 1
    assert titled == 50
    assert len(changes) == 2, len(changes)  # the Markdown read, the titles made plain


def _tables(document: Any) -> list[Any]:
    from PySide6.QtGui import QTextTable

    return [f for f in document.rootFrame().childFrames() if isinstance(f, QTextTable)]


def test_a_long_table_is_laid_out_in_pieces_with_every_row(qapp: Any) -> None:
    """Qt lays a table out in time that grows with the square of its rows (30,000 rows:
    37 s on the window's thread); a long one is shown as tables of at most 500 rows, each
    under the header, and a fenced block that looks like one is left as it is."""
    rows = "".join(f"| row {n} | y |\n" for n in range(1, 1201))
    fenced = "```\n| a | b |\n|---|---|\n" + "| c | d |\n" * 600 + "```\n"
    document = markdown_document(f"# Pay bands\n\n| band | y |\n|---|---|\n{rows}\n{fenced}")
    tables = _tables(document)
    assert [t.rows() for t in tables] == [501, 501, 201]  # the header over each
    cells = [t.cellAt(r, 0).firstCursorPosition().block().text()
             for t in tables for r in range(1, t.rows())]
    assert cells == [f"row {n}" for n in range(1, 1201)]
    assert document.toPlainText().count("| c | d |") == 600


def test_a_long_table_in_code_is_left_as_written() -> None:
    from reviewer.gui.guidelines import split_tables

    table = "| a | b |\n|---|---|\n" + "| c | d |\n" * 600
    four = f"````\n```\n{table}````\n"  # a fence of four, a line of three inside it
    indented = "".join(f"    {line}\n" for line in table.splitlines())
    for text in (four, indented, f"~~~\n{table}~~~\n"):
        assert split_tables(text) == text
