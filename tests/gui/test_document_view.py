"""The document pane: Markdown rendered safely, evidence highlighted in field colours."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QByteArray, QEvent, QPoint, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QFont,
    QHelpEvent,
    QPalette,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextListFormat,
    QTextTable,
)
from PySide6.QtWidgets import QApplication, QToolTip

from reviewer.core.clean import clean
from reviewer.core.ingest import read_file
from reviewer.core.pipeline import Processed, process
from reviewer.core.schema import FIELDS
from reviewer.gui.document_paint import FIELD_COLORS, field_color, flash_color
from reviewer.gui.document_view import FLASH_MS, DocumentView, render_png
from reviewer.gui.text_mapping import SpanMapper, source_span, squash, strip_markdown

pytestmark = pytest.mark.qt_log_level_fail("WARNING")

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "reviewer" / "resources" / "samples" / "01_lumenfield-senior-backend-engineer.html"
LABELS = {f.name: f.label for f in FIELDS}


@pytest.fixture(scope="module")
def sample() -> Processed:
    return process(read_file(SAMPLE), name=str(SAMPLE))


@pytest.fixture
def view(qtbot: Any) -> DocumentView:
    widget = DocumentView()
    qtbot.addWidget(widget)
    widget.resize(800, 600)
    with qtbot.waitExposed(widget):
        widget.show()
    return widget


def fmt_at(view: DocumentView, pos: int) -> Any:
    """The character format of the character at document position ``pos``."""
    cursor = QTextCursor(view.document())
    cursor.setPosition(pos + 1)
    return cursor.charFormat()


def background_at(view: DocumentView, pos: int) -> QColor:
    return fmt_at(view, pos).background().color()


def evidence_of(sample: Processed) -> dict[str, list[tuple[int, int]]]:
    return {k: list(v) for k, v in sample.extraction.evidence.items() if v}


# --- rendering -------------------------------------------------------------------------


def test_markdown_is_rendered_not_shown(view: DocumentView, sample: Processed) -> None:
    view.show_posting(sample.doc.markdown, evidence_of(sample))
    text = view.document().toPlainText()
    assert view.mode == "cleaned"
    assert sample.extraction.fields["title"] in text
    assert "##" not in text
    assert "**" not in text
    assert "\n- " not in text
    assert view.openLinks() is False
    assert view.openExternalLinks() is False


@pytest.mark.parametrize(("markdown", "word"), [
    ("## **Responsibilities**\n\n- Build pipelines\n", "Responsibilities"),
    ("# QA **Bold** Engineer\n\nText.\n", "Engineer"),
    ("### What we *offer*\n\nText.\n", "offer"),
])
def test_a_heading_keeps_its_size_past_bold_italic_or_code(view: DocumentView, markdown: str,
                                                          word: str) -> None:
    """A page's <h2><strong>…</strong></h2> became "## **…**", which Qt drew at the
    size of the body text, as it drew each run of a heading after the first."""
    view.show_posting(markdown, {})
    doc = view.document()
    heading = doc.begin()
    cursor = doc.find(word)
    level = heading.blockFormat().headingLevel()
    assert level > 0
    assert cursor.charFormat().property(QTextFormat.Property.FontSizeAdjustment) == 4 - level
    assert cursor.charFormat().fontWeight() >= QFont.Weight.Bold.value


def test_every_findable_span_is_highlighted_in_its_fields_colour(
    view: DocumentView, sample: Processed
) -> None:
    evidence = evidence_of(sample)
    view.show_posting(sample.doc.markdown, evidence)
    rendered = view.document().toPlainText()
    mapper = SpanMapper(sample.doc.markdown, rendered)
    findable = [(name, span) for name, spans in evidence.items() for span in spans
                if mapper.map(*span) is not None]
    assert len(findable) == sum(len(s) for s in evidence.values())  # the sample maps fully
    assert len(view.highlights) == len(findable)
    assert {h[0] for h in view.highlights} == set(evidence)
    for name, a, b in view.highlights:
        # the highlighted text is the span's text without the markup
        source = next(sample.doc.markdown[s:e] for n, (s, e) in findable
                      if n == name and mapper.map(s, e) == (a, b))
        assert squash(rendered[a:b])[0] == squash(strip_markdown(source, False))[0].strip()
        # somewhere in it (outside shorter highlights of other fields) it wears its colour
        shorter = [h for h in view.highlights if h[0] != name and h[2] - h[1] < b - a]
        free = [p for p in range(a, b) if not any(s <= p < e for _, s, e in shorter)]
        assert free, (name, a, b)
        pos = free[len(free) // 2]
        assert background_at(view, pos) == FIELD_COLORS[name], (name, rendered[a:b])
        assert LABELS[name] in fmt_at(view, pos).toolTip()


def test_overlapping_highlights_keep_the_shorter_on_top(view: DocumentView) -> None:
    markdown = "- Build services in Python and Go\n"
    py = markdown.index("Python")
    evidence = {"responsibilities": [(2, len(markdown) - 1)], "skills": [(py, py + 6)]}
    view.show_posting(markdown, evidence)
    text = view.document().toPlainText()
    py = text.index("Python")
    assert background_at(view, py) == FIELD_COLORS["skills"]
    assert background_at(view, 0) == FIELD_COLORS["responsibilities"]
    tip = fmt_at(view, py).toolTip()
    assert "Skills" in tip and "Responsibilities" in tip


@pytest.mark.parametrize("dark", [False, True])
def test_a_suggested_span_s_dotted_line_stands_out_from_what_it_is_drawn_on(dark: bool) -> None:
    """In the dark, a suggested SKILL's dotted line (its label's blue) over the Skills
    highlight was 1.13 : 1: which words were suggested could not be seen."""
    from reviewer.gui.document_paint import contrast, highlight_formats

    span = {"label": "SKILL", "state": "suggested"}
    for highlights in ([("skills", 0, 6)], []):
        (_a, _b, fmt), = highlight_formats(highlights, [(span, 0, 6)], {"SKILL": "#4e79a7"},
                                           lambda _label: QColor("#888888"), dark)
        assert fmt.underlineStyle() == fmt.UnderlineStyle.DotLine
        back = fmt.background().color() if highlights else QColor("#1e1f22" if dark
                                                                  else "#ffffff")
        assert contrast(fmt.underlineColor(), back) >= 3


def test_field_colours_are_distinct_and_light() -> None:
    assert set(FIELD_COLORS) == {f.name for f in FIELDS}
    assert len({c.name() for c in FIELD_COLORS.values()}) == len(FIELDS)
    for name, color in FIELD_COLORS.items():
        assert color.lightnessF() > 0.75, name  # dark text stays readable
        assert field_color(name, dark=True).lightnessF() < 0.4, name
        assert flash_color(name) != color


def test_dark_palette_uses_the_dark_variants(view: DocumentView) -> None:
    palette = QPalette(view.palette())
    palette.setColor(QPalette.ColorRole.Base, QColor("#1e1f22"))
    palette.setColor(QPalette.ColorRole.Text, QColor("#e6e6e6"))
    view.setPalette(palette)
    view.show_posting("# Data Engineer\n", {"title": [(2, 15)]})
    assert view.dark
    assert background_at(view, 3) == field_color("title", dark=True)


def test_markup_in_a_span_is_stripped_like_the_renderer() -> None:
    assert strip_markdown("## About **us**") == "About us"
    assert strip_markdown("- see [the docs](https://example.com) and `code`") == \
        "see the docs and code"
    assert strip_markdown("1. first\n2. second") == "first\nsecond"
    assert strip_markdown("- not a marker", at_line_start=False) == "- not a marker"
    assert strip_markdown(r"5 \* 3") == "5 * 3"
    # code is shown as written, its backticks too (a span padded where it has them)
    assert strip_markdown("use `x*y` and `` ` `` and ```a``b``` now") == \
        "use x*y and ` and a``b now"


def test_page_text_escaped_by_the_cleaner_shows_and_maps_as_the_page_wrote_it(
    view: DocumentView,
) -> None:
    """Text that would read as Markdown is escaped by the cleaner ("\\<", "\\[", "\\`"):
    the pane shows the page's text, and every word's span maps onto it."""
    page = ("<html><body><main><h1>Data Engineer</h1><p>Acme is hiring a Data Engineer "
            "in Berlin, building pipelines in Python.</p><p>Note &lt;script&gt;x&lt;/script&gt;"
            " &lt;!-- y --&gt; [click](javascript:z) use `pip` [remote] <code>`</code> "
            "<a href='http://a.com/?q=](b)'>apply [now]</a> &lt;1jobs@x.example&gt; end</p>"
            "</main></body></html>")
    markdown = clean(page, "html").markdown
    line = next(line for line in markdown.split("\n") if line.startswith("Note"))
    view.show_posting(markdown, {})
    rendered = view.document().toPlainText()
    shown = ("Note <script>x</script> <!-- y --> [click](javascript:z) use `pip` [remote] "
             "` apply [now] <1jobs@x.example> end")
    assert shown in rendered
    mapper = SpanMapper(markdown, rendered)
    start = rendered.index(shown)
    at = markdown.index(line)
    assert mapper.map(at, at + len(line)) == (start, start + len(shown))
    for word in re.finditer(r"\w+", shown):
        span = source_span(markdown, rendered, start + word.start(), start + word.end(), mapper)
        assert span is not None and mapper.map(*span) == (start + word.start(),
                                                          start + word.end()), word.group()


def test_a_span_whose_text_is_gone_maps_to_nothing() -> None:
    mapper = SpanMapper("# Title\n\nBody text\n", "Title\nSomething else")
    assert mapper.map(9, 18) is None
    assert mapper.map(2, 7) == (0, 5)


def test_text_beyond_the_basic_plane_keeps_positions(view: DocumentView) -> None:
    markdown = "## 🚀 Role 🚀\n\nWe use **Python** daily 🐍 and Go.\n"
    start = markdown.index("Python")
    go = markdown.index("Go")
    view.show_posting(markdown, {"skills": [(start, start + 6), (go, go + 2)]})
    assert len(view.highlights) == 2
    for (_, a, b), word in zip(view.highlights, ("Python", "Go"), strict=True):
        cursor = QTextCursor(view.document())
        cursor.setPosition(a)
        cursor.setPosition(b, QTextCursor.MoveMode.KeepAnchor)
        assert cursor.selectedText() == word
        assert background_at(view, a) == FIELD_COLORS["skills"]


# --- nothing is loaded, nothing is followed ----------------------------------------------


def test_a_link_click_does_not_navigate(view: DocumentView, qtbot: Any) -> None:
    view.show_posting("Intro line\n\n[Apply here](https://example.com/apply)\n\nAfter\n", {})
    before = view.document().toPlainText()
    assert not view.isForwardAvailable() and not view.isBackwardAvailable()
    cursor = QTextCursor(view.document())
    cursor.setPosition(before.index("Apply") + 2)
    rect = view.cursorRect(cursor)
    assert view.anchorAt(rect.center()) == "https://example.com/apply"
    with qtbot.assertNotEmitted(view.sourceChanged), \
            qtbot.waitSignal(view.anchorClicked, timeout=1000) as clicked:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert clicked.args[0] == QUrl("https://example.com/apply")
    assert view.source() == QUrl()
    assert view.document().toPlainText() == before
    assert view.mode == "cleaned"


@pytest.mark.parametrize("url", ["https://example.com/x.png", "file:///etc/passwd"])
def test_load_resource_returns_nothing(view: DocumentView, url: str) -> None:
    for kind in (QTextDocument.ResourceType.ImageResource,
                 QTextDocument.ResourceType.StyleSheetResource,
                 QTextDocument.ResourceType.HtmlResource):
        result = view.loadResource(kind.value, QUrl(url))
        assert isinstance(result, QByteArray) and result.isEmpty()


def test_html_in_markdown_is_text_not_markup(view: DocumentView) -> None:
    markdown = ("# Heading\n\n<img src=\"http://example.com/track.png\">\n\n"
                "<script>alert(1)</script>\n\nAfter **bold** text.\n")
    view.show_posting(markdown, {})
    text = view.document().toPlainText()
    assert "Heading" in text
    assert "After bold text." in text
    block = view.document().begin()
    while block.isValid():  # no image anywhere in the document
        it = block.begin()
        while not it.atEnd():
            assert not it.fragment().charFormat().isImageFormat()
            assert it.fragment().charFormat().objectType() != QTextFormat.ObjectTypes.ImageObject
            it += 1
        block = block.next()


# --- focusing, selecting, other modes --------------------------------------------------


def test_focus_field_moves_to_and_flashes_the_highlight(
    view: DocumentView, sample: Processed, qtbot: Any
) -> None:
    view.resize(500, 300)
    view.show_posting(sample.doc.markdown, evidence_of(sample))
    _, a, _ = min((h for h in view.highlights if h[0] == "benefits"), key=lambda h: h[1])
    assert view.verticalScrollBar().value() == 0
    assert view.focus_field("benefits") is True
    assert view.textCursor().position() == a
    assert view.verticalScrollBar().value() > 0  # benefits are far below the fold
    assert background_at(view, a + 2) == flash_color("benefits")
    qtbot.wait(FLASH_MS + 200)
    assert background_at(view, a + 2) == FIELD_COLORS["benefits"]
    assert view.focus_field("work_hours") is False  # no evidence: nothing happens


def test_selected_text(view: DocumentView) -> None:
    view.show_posting("## Role\n\nWe use **Python** daily.\n", {})
    text = view.document().toPlainText()
    cursor = QTextCursor(view.document())
    cursor.setPosition(text.index("Python"))
    cursor.setPosition(text.index("Python") + 6, QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    assert view.selected_source_text() == "Python"
    view.selectAll()
    assert view.selected_source_text() == "Role\nWe use Python daily."


def test_show_raw_is_plain_text(view: DocumentView) -> None:
    view.show_posting("# Title\n", {"title": [(2, 7)]})
    raw = "<h1>Title</h1>\n**not bold** [x](y)\r\nend"
    view.show_raw(raw)
    assert view.mode == "raw"
    assert view.highlights == []
    assert view.document().toPlainText() == raw.replace("\r\n", " \n")
    assert not fmt_at(view, 1).font().bold()
    assert fmt_at(view, 1).background().style() == Qt.BrushStyle.NoBrush


def test_show_removed_strikes_out_the_removed_ranges(view: DocumentView) -> None:
    source = "Cookie banner\nSenior Engineer\nShare this job"
    removed = [(0, 13, "cookie banner"), (30, 44, "share bar")]
    view.show_removed(source, removed)
    assert view.mode == "removed"
    assert view.document().toPlainText() == source
    struck = fmt_at(view, 3)
    assert struck.fontStrikeOut()
    assert "cookie banner" in struck.toolTip()
    assert struck.foreground().color() != view.palette().color(QPalette.ColorRole.Text)
    kept = fmt_at(view, source.index("Engineer"))
    assert not kept.fontStrikeOut()
    assert kept.toolTip() == ""
    assert fmt_at(view, 35).fontStrikeOut()


def test_show_removed_on_the_sample(view: DocumentView, sample: Processed) -> None:
    assert sample.doc.removed
    view.show_removed(sample.doc.source, sample.doc.removed)
    first = sample.doc.removed[0]
    assert fmt_at(view, first.start).fontStrikeOut()
    assert first.reason in fmt_at(view, first.start).toolTip()


# --- bad input never raises ------------------------------------------------------------


def test_bad_spans_are_skipped(view: DocumentView) -> None:
    markdown = "# Data Engineer\n\nPython and SQL.\n"
    evidence: dict[str, Any] = {
        "title": [(-5, 3), (10, 5), (0, 10**9), (3, 3), "junk", (1,), (None, 2), (True, 4),
                  (2, 15)],
        "skills": [(17, 23), (17, 30), (20, 28)],  # overlapping
        "no_such_field": [(2, 6)],
        "benefits": None,
    }
    view.show_posting(markdown, evidence)
    assert ("title", 0, 13) in view.highlights
    assert all(0 <= a < b <= len(view.document().toPlainText()) for _, a, b in view.highlights)
    view.show_removed("short", [(-1, 2, "x"), (3, 99, "y"), (4, 2, "z"), "junk", (0, 2)])
    assert view.focus_field("title") is False  # the removed view has no highlights
    view.show_posting("", {"title": [(0, 1)]})
    assert view.highlights == []


def test_render_png_writes_a_picture(tmp_path: Path, sample: Processed, qapp: Any) -> None:
    out = render_png(sample.doc.markdown, evidence_of(sample), tmp_path / "view.png", 400, 300)
    assert out.stat().st_size > 1000
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # offscreen tooltips
def test_tooltip_under_the_mouse_names_the_field(view: DocumentView, qtbot: Any) -> None:
    view.show_posting("# Data Engineer\n\nplain text here\n", {"title": [(2, 15)]})
    cursor = QTextCursor(view.document())
    cursor.setPosition(3)
    point: QPoint = view.cursorRect(cursor).center()
    event = QHelpEvent(QEvent.Type.ToolTip, point, view.viewport().mapToGlobal(point))
    QApplication.sendEvent(view.viewport(), event)
    try:
        assert QToolTip.text() == "Title"
    finally:
        QToolTip.hideText()
        qtbot.waitUntil(lambda: not QToolTip.isVisible())


def test_the_search_marks_are_laid_out_where_in_view_not_at_every_repaint(
        view: DocumentView, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Each repaint (a scroll, a caret's blink) worked out every mark's rectangles again,
    walking every line of the paragraph for each: a posting of one long paragraph froze
    the window once a common word was searched. Then every mark was laid out at the
    first repaint: a search of a 2 MB posting (22,854 marks) froze it for 0.9 s. The
    marks in view are, once a stretch of text in view; each mark's lines reached
    directly."""
    from reviewer.gui import document_browser

    view.resize(600, 400)
    view.show_posting("Data " * 3000 + "\n\nand data again.\n", {})
    view.show()
    calls: list[int] = []
    real = document_browser.range_rects
    monkeypatch.setattr(document_browser, "range_rects",
                        lambda *args: calls.append(1) or real(*args))
    view.set_search("data")
    marks = len(view.search_ranges)
    assert marks == 3001
    view.search_rects()
    for _ in range(3):
        view.viewport().repaint()
    assert 0 < len(calls) < marks / 4  # those in view, once
    in_view = view.viewport().rect().toRectF()
    whole = [rect for a, b in view.search_ranges for rect in real(view.document(), a, b)]
    for scroll in (view.verticalScrollBar().maximum() // 2, view.verticalScrollBar().maximum()):
        view.verticalScrollBar().setValue(scroll)
        view.viewport().repaint()
        y = view.verticalScrollBar().value()
        seen = [r.translated(0, -y) for r in whole if r.translated(0, -y).intersects(in_view)]
        assert seen and [r for r in view.search_rects() if r.intersects(in_view)] == seen
    assert len(calls) < marks / 2


def test_lines_a_page_broke_with_br_are_shown_apart(qtbot: Any) -> None:
    """A <br> became a bare line break, which the window joined to the line before."""
    html = ("<html><body><article><h1>Data Engineer</h1><p>Acme GmbH is hiring a data "
            "engineer in Berlin to build the pipelines of its analytics team.</p>"
            "<p>Acme GmbH<br>10115 Berlin</p></article></body></html>")
    view = DocumentView()
    qtbot.addWidget(view)
    view.show_posting(process(html, "html").doc.markdown, {})
    assert "Acme GmbH\n10115 Berlin" in view.document().toPlainText()


def test_a_korean_word_is_still_snapped_to_whole(qtbot: Any) -> None:
    """Korean sets its words apart by spaces: one syllable selected is the word."""
    markdown = "경력 파이썬 개발자 모집\n"
    view = DocumentView()
    qtbot.addWidget(view)
    view.show_posting(markdown, {})
    cursor = view.document().find("이")
    view.setTextCursor(cursor)
    start, end = view.selected_source_span()
    assert markdown[start:end] == "파이썬"


@pytest.mark.parametrize("word", ["AWS", "北京", "Java", "Python"])
def test_a_word_selected_in_text_without_spaces_is_the_span(qtbot: Any, word: str) -> None:
    """Snapping to whole words ran over every letter of a Chinese or Japanese clause:
    "北京" selected stored "我们在北京招聘Java工程师"."""
    markdown = ("必須スキル: Python、Django、AWSの実務経験3年以上。\n\n"
                "我们在北京招聘Java工程师。\n\n# Pythonエンジニア募集\n")
    view = DocumentView()
    qtbot.addWidget(view)
    view.show_posting(markdown, {})
    view.setTextCursor(view.document().find(word))
    start, end = view.selected_source_span()
    assert markdown[start:end] == word


def _lists(view: DocumentView) -> list[Any]:
    """The document's lists, in order (each once)."""
    found: list[Any] = []
    block = view.document().begin()
    while block.isValid():
        if (listed := block.textList()) is not None and listed not in found:
            found.append(listed)
        block = block.next()
    return found


def test_a_list_of_thousands_of_items_is_laid_out_in_runs_showing_the_same(
        view: DocumentView) -> None:
    """A posting of 25,000 list items held the window for 31 s: Qt numbers each item
    by walking its list. A list is laid out in runs of ``LIST_RUN`` items (its marker
    alternating in what Qt reads), the text, numbers and highlights as they were."""
    from reviewer.gui.long_lists import LIST_RUN, split_long_lists

    bullets = "".join(f"- task {i} with Python\n" for i in range(2 * LIST_RUN + 50))
    numbered = "".join(f"{i}. step {i}\n" for i in range(1, LIST_RUN + 60))
    code = "```\n" + "".join(f"- code {i}\n" for i in range(LIST_RUN + 5)) + "```\n"
    markdown = f"# Job\n\n{bullets}\n{numbered}\n{code}\n- - -\n"
    split, changed = split_long_lists(markdown)
    assert len(split) == len(markdown) and split.endswith(code + "\n- - -\n")
    assert [(markdown[a:b], mark, n) for a, b, mark, n in changed] == [
        (f"task {LIST_RUN} with Python", "-", None),
        (f"task {2 * LIST_RUN} with Python", "-", None),
        (f"step {LIST_RUN + 1}", ".", LIST_RUN + 1)]
    start = markdown.index("task 420")
    view.show_posting(markdown, {"skills": [[start + 14, start + 20]]})
    lists = _lists(view)
    assert [lst.count() for lst in lists] == [LIST_RUN, LIST_RUN, 50, LIST_RUN, 59]
    assert {lst.format().numberSuffix() for lst in lists[3:]} == {"."}  # (as the page's)
    assert {lst.format().style() for lst in lists[:3]} == {QTextListFormat.Style.ListDisc}
    assert lists[4].itemText(lists[4].item(0)) == f"{LIST_RUN + 1}."
    rendered = view.document().toPlainText()
    assert "task 449 with Python\nstep 1\n" in rendered and "- code 3\n" in rendered
    assert [rendered[a:b] for _n, a, b in view.highlights] == ["Python"]
    assert view.highlights[0][1] == rendered.index("task 420") + 14
    few = "".join(f"- a{i}\n" for i in range(LIST_RUN))
    assert split_long_lists(few) == (few, [])  # (no more than a run: as it is)


def test_a_long_list_s_runs_keep_its_numbers_and_its_neighbours(view: DocumentView) -> None:
    """A list written "1." at every item was numbered 1 again at each run (Qt numbers a
    list from its first item's number); a run's marker was not given back where images
    came before the list (their placeholders moved the offsets); and the list after a
    long one, of the marker its runs took, joined them."""
    from reviewer.gui.long_lists import LIST_RUN

    images = "".join(f"![shot {i}](x{i}.png) " for i in range(30))
    ones = "".join(f"1. item {i}\n" for i in range(2 * LIST_RUN + 50))
    stars = "".join(f"* star {i}\n" for i in range(LIST_RUN + 50))
    view.show_posting(f"# Job\n\n{images}\n\n{ones}\nText between.\n\n{stars}\n- x\n- y\n", {})
    lists = _lists(view)
    numbered = lists[:3]
    assert [lst.itemText(lst.item(0)) for lst in numbered] == [
        "1.", f"{LIST_RUN + 1}.", f"{2 * LIST_RUN + 1}."]
    assert [lst.count() for lst in lists[3:]] == [LIST_RUN, 50, 2]
    assert {lst.format().style() for lst in lists[3:5]} == {QTextListFormat.Style.ListCircle}
    assert lists[5].format().style() == QTextListFormat.Style.ListDisc  # (the "- x" list)


@pytest.mark.parametrize("between", ["\n```\ncode\n```\n", "## Next\n", "> quoted\n",
                                     "\n- - -\n\n"])
def test_a_list_after_a_long_one_and_a_block_keeps_its_own_numbers(
        view: DocumentView, between: str) -> None:
    """A code block, a heading or a quote (no blank line before them), or a rule between
    two numbered lists did not end the first in the runs' count: the second's items 51-100
    were drawn 201.-250.; and a rule after a long list of its marker became an item."""
    from reviewer.gui.long_lists import LIST_RUN

    first = "".join(f"{i}. one {i}\n" for i in range(1, LIST_RUN - 49))
    second = "".join(f"{i}. two {i}\n" for i in range(1, 101))
    markdown = f"# Job\n\n{first}{between}{second}"
    view.show_posting(markdown, {})
    split = QTextDocument()
    split.setMarkdown(markdown, QTextDocument.MarkdownFeature.MarkdownDialectGitHub
                      | QTextDocument.MarkdownFeature.MarkdownNoHTML)
    assert _numbers(view.document()) == _numbers(split)
    dashes = "".join(f"- item {i}\n" for i in range(LIST_RUN + 20)) + "\n- - -\n\nAfter.\n"
    view.show_posting(dashes, {})
    plain = QTextDocument()
    plain.setMarkdown(dashes, QTextDocument.MarkdownFeature.MarkdownDialectGitHub
                      | QTextDocument.MarkdownFeature.MarkdownNoHTML)
    assert _numbers(view.document())[-3:] == _numbers(plain)[-3:]


def test_empty_items_are_items_of_a_long_list(view: DocumentView) -> None:
    from reviewer.gui.long_lists import LIST_RUN

    markdown = "".join(f"{i}.\n" if i % 50 == 0 else f"{i}. item {i}\n"
                       for i in range(1, 2 * LIST_RUN + 10))
    view.show_posting(markdown, {})
    plain = QTextDocument()
    plain.setMarkdown(markdown, QTextDocument.MarkdownFeature.MarkdownDialectGitHub
                      | QTextDocument.MarkdownFeature.MarkdownNoHTML)
    assert _numbers(view.document()) == _numbers(plain)


def _numbers(document: QTextDocument) -> list[str]:
    """Each block's list number as drawn ("" for a block of no list) and its text."""
    out = []
    block = document.begin()
    while block.isValid():
        listed = block.textList()
        out.append(f"{listed.itemText(block) if listed is not None else ''} {block.text()}")
        block = block.next()
    return out


def test_spans_far_into_a_long_line_are_placed_reading_the_line_once(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """4,000 skills named on one line: each span's expected place was read from the
    line's start, the line read again at each span (4,000 spans: 6 s to show the
    posting, 50,000: still frozen after 13 minutes). The text read to place them is now
    a span's piece of the line each, and they land on their own words."""
    from reviewer.gui import text_mapping

    words = [f"skill{i}" for i in range(4000)]
    source, starts = "Skills:", []
    for i, word in enumerate(words):
        source += " [" if i % 7 == 0 else " "
        starts.append(len(source))
        source += f"{word}](https://x.test/{i})" if i % 7 == 0 else word
    source += "\n"
    rendered = text_mapping.strip_markdown(source)
    read = [0]
    strip = text_mapping.strip_markdown

    def counted(text: str, *args, **kwargs):  # type: ignore[no-untyped-def]
        read[0] += len(text)
        return strip(text, *args, **kwargs)

    monkeypatch.setattr(text_mapping, "strip_markdown", counted)
    mapper = text_mapping.SpanMapper(source, rendered)
    for start, word in zip(starts, words, strict=True):
        found = mapper.map(start, start + len(word))
        assert found is not None and rendered[found[0]:found[1]] == word
        assert rendered[found[1]:found[1] + 1] in (" ", "\n", "")  # its own, not skill12…
    assert read[0] < 30 * len(source)  # (from each span's cut: it was 2,000 times the line)


def test_a_long_table_is_laid_out_in_pieces_and_its_spans_found_in_it(
        view: DocumentView) -> None:
    """A posting's table of 10,000 rows took 6 s to show (Qt lays out a table in a time
    growing with the square of its rows; 20,000: half a minute and 6 s each resize): it
    is laid out as tables of a few hundred rows, the text shown being the table's own."""
    rows = 1_200
    markdown = "# Shifts\n\n| day | team |\n|---|---|\n" + "".join(
        f"| {i} | crew{i} |\n" for i in range(rows))
    start = markdown.index("crew1100 ")
    view.show_posting(markdown, {"department": [[start, start + len("crew1100")]]})
    frame = view.document().rootFrame()
    tables = [child for child in frame.childFrames() if isinstance(child, QTextTable)]
    assert len(tables) == 3 and sum(t.rows() for t in tables) == rows + 3  # (3 heads)
    shown = " ".join(view.toPlainText().split())
    assert shown.startswith("Shifts day team 0 crew0 1 crew1") and shown.endswith(
        f"{rows - 1} crew{rows - 1}")  # the heads after the first: empty cells alone
    [(_name, a, b)] = view.highlights
    assert view.toPlainText()[a:b] == "crew1100"


def test_a_run_of_thousands_of_characters_with_no_space_is_broken_anywhere(
        view: DocumentView) -> None:
    """A posting holding a megabyte's word (a base64 string) took two minutes to show,
    and as long at each resize: Qt's time to break it at a word grows with the square of
    its length. Such a text is broken anywhere; any other between words."""
    from PySide6.QtGui import QTextOption

    view.show_posting("Engineer wanted. " + "x" * 5_000, {})
    assert view.wordWrapMode() == QTextOption.WrapMode.WrapAnywhere
    view.show_posting("Engineer wanted. " + "x y" * 5_000, {})
    assert view.wordWrapMode() == QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere
    view.show_raw("<p>" + "y" * 5_000 + "</p>")
    assert view.wordWrapMode() == QTextOption.WrapMode.WrapAnywhere


def test_a_long_line_is_cut_outside_a_link_whose_text_holds_a_bracket() -> None:
    """A ")" in a link's text ("[1) apply …](url)") ended the link for the cuts of a long
    line: a cut fell in the link, the estimate was off by its target's length, and 254 of
    300 spans on repeated words were shown on another of them."""
    import re

    from reviewer.gui.text_mapping import SpanMapper, strip_markdown

    url = "https://example.com/" + "a" * 60
    line = ("Skills: " + "go " * 100 + "[1) apply " + "now " * 120 + "](" + url + ") "
            + " ".join(f"go{i % 10}" for i in range(300)) + " ")
    source = "Title\n" + line + "\n"
    rendered = strip_markdown(source)
    mapper = SpanMapper(source, rendered)
    for word in re.finditer(r"go\d", source):
        found = mapper.map(*word.span())
        assert found is not None
        assert len(re.findall(r"go\d", rendered[:found[0]])) == len(
            re.findall(r"go\d", source[:word.start()]))


def test_character_references_show_as_the_posting_holds_them(view: DocumentView) -> None:
    """A text posting holding "Evil &amp; Co" (its fields and its export so) showed
    "Evil & Co": Markdown read the references. They show as written; in code as before,
    and a span after them still marks its words."""
    text = "Company: Evil &amp; Co\n\nR&amp;D with &lt;u&gt;Python&lt;/u&gt; and `&amp;`\n\n" \
           "```\n&lt;pre&gt;\n```\n\nSee &#38; AT&T\n\n<https://x.com/?a=1&amp;b=2> and " \
           "price `&amp; more\n"
    start = text.index("Python")
    view.show_posting(text, {}, [{"start": start, "end": start + 6, "label": "SKILL",
                                  "state": "accepted", "origin": "human"}])
    shown = view.toPlainText()
    assert "Evil &amp; Co" in shown and "R&amp;D with &lt;u&gt;Python&lt;/u&gt; and &amp;" \
        in shown and "&lt;pre&gt;" in shown and "See &#38; AT&T" in shown
    assert "https://x.com/?a=1&amp;b=2 and price `&amp; more" in shown  # (a link, a `)
    [(_span, a, b)] = view.spans
    assert shown[a:b] == "Python"


def test_the_search_marks_of_a_right_to_left_text_are_drawn_on_every_line_in_view(
        view: DocumentView, qtbot) -> None:  # type: ignore[no-untyped-def]
    """The text in view was taken from the positions at its top left and bottom right
    corners: a line written right to left starts at its right end, and the marks of the
    first and last lines in view went undrawn."""
    from reviewer.gui import document_browser

    view.resize(300, 160)
    line = "مطلوب مهندس بيانات في الرياض مع خبرة خمس سنوات في بايثون " * 3
    view.show_posting("\n\n".join([line] * 20) + "\n", {})
    view.set_search("بايثون")
    whole = [rect for a, b in view.search_ranges
             for rect in document_browser.range_rects(view.document(), a, b)]
    in_view = view.viewport().rect().toRectF()
    missed = 0
    for scroll in range(0, view.verticalScrollBar().maximum(), 11):
        view.verticalScrollBar().setValue(scroll)
        y = view.verticalScrollBar().value()
        x = view.horizontalScrollBar().value()
        drawn = {(round(r.x()), round(r.y())) for r in view.search_rects()
                 if r.intersects(in_view)}
        seen = {(round(r.x() - x), round(r.y() - y)) for r in whole
                if r.translated(-x, -y).intersects(in_view)}
        missed += len(seen - drawn)
    assert missed == 0


def test_character_references_in_an_indented_code_block_show_without_a_backslash(
        view: DocumentView) -> None:
    """An indented code block shows its text as written, as a fenced one does: the
    backslash put before its references to keep them showed too ("\\&amp;"). Lines
    indented under a list item, or going on with a paragraph, are no code."""
    text = ("Intro\n\n    Evil &amp; Co\n    x &lt; y\n\n    second &amp; part\n\n"
            "After &amp; that\n\n- item\n\n    more &amp; of it\n\nText\n    going &amp; on\n\n"
            "## Head\n    a &amp; b\n")
    view.show_posting(text, {})
    shown = view.toPlainText()
    assert "\\" not in shown
    for written in ("Evil &amp; Co", "x &lt; y", "second &amp; part", "After &amp; that",
                    "more &amp; of it", "going &amp; on", "a &amp; b"):
        assert written in shown
