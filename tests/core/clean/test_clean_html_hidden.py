"""Text a page hides from its reader (by an inline style or a class that means hidden)
is never posting text: left out of the Markdown and of the fields, recorded as hidden."""

from __future__ import annotations

import pytest

from reviewer.core.clean import clean
from reviewer.core.pipeline import process

PAGE = """<html><body><main><article>
<h1>Data Engineer</h1>
<p>Acme Analytics is hiring a Data Engineer in Berlin, Germany. You will build pipelines in
Python and own our data warehouse. We value ownership and curiosity.</p>
<h2>Responsibilities</h2><ul><li>Build data pipelines in Python</li>
<li>Own the warehouse schema</li></ul>
HIDDEN
<h2>Requirements</h2><ul><li>3+ years of experience</li></ul>
</article></main></body></html>"""
SECRET = "Salary: $999,999 per year. Job ID: HIDDEN-1"


@pytest.mark.parametrize("element", [
    '<div style="position:absolute;left:-9999px">{}</div>',
    '<div style="position: absolute; top: -10000px; left: 0">{}</div>',
    '<span class="label sr-only">{}</span>',
    '<div class="Visually-Hidden">{}</div>',
])
def test_text_hidden_by_its_style_or_class_is_left_out(element: str) -> None:
    """Was: only display:none, visibility:hidden and the hidden attributes were honoured;
    the salary of a block put off the screen was read at 0.9."""
    page = PAGE.replace("HIDDEN", element.format(SECRET))
    doc = clean(page, "html")
    assert "999" not in doc.markdown and "Build data pipelines" in doc.markdown
    assert any(doc.source[r.start:r.end].strip().startswith("Salary: $999,999")
               and r.reason == "hidden element" for r in doc.removed)
    fields = process(page, "html").extraction.fields
    assert fields.get("salary") is None and fields.get("requisition_id") is None


@pytest.mark.parametrize("element", [
    '<div style="opacity:0.5">{}</div>',
    '<div style="font-size:0.9em">{}</div>',
    '<div style="height:0">{}</div>',
    '<div style="position:absolute;left:-20px">{}</div>',
    '<div class="hidden-xs">{}</div>',
    '<div class="not-hidden">{}</div>',
    '<div class="hidden md:block">{}</div>',
    '<span class="sr-only md:not-sr-only">{}</span>',
    # what the markup alone cannot tell hidden: a font size of 0 that the blocks inside
    # set again (a layout's way to close the gaps between them), an opacity of 0 that a
    # script animates into view, an accordion's closed panel, a class a script removes
    '<div style="font-size:0"><p style="font-size:16px">{}</p></div>',
    '<div style="opacity:0;transform:translateY(20px)">{}</div>',
    '<div style="max-height: 0; overflow: hidden">{}</div>',
    '<div class="hidden">{}</div>',
])
def test_text_shown_to_the_reader_stays(element: str) -> None:
    """Only a whole class name hides, and a style that leaves the text on the screen
    (half opaque, a zero height that does not clip) hides nothing; nor does one that a
    page's other markup or its scripts undo (the text of such a page was lost)."""
    page = PAGE.replace("HIDDEN", element.format(SECRET))
    assert SECRET in clean(page, "html").markdown
