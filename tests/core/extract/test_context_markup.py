"""Lines of the page outside the posting (its context) are read as plain text: a value
read from one carries no Markdown of the line (a heading's "#", a list's "-")."""

from __future__ import annotations

import pytest

from reviewer.core.extract import extract
from reviewer.core.pipeline import process
from reviewer.core.schema import CleanDoc

BODY = ("Friendly family practice seeking an organised dental nurse to support two "
        "dentists.\n\nDuties:\n\n- Prepare surgeries and sterilise instruments\n"
        "- Keep patient records up to date\n")


@pytest.mark.parametrize("line", ["# Dental Nurse", "## Dental Nurse ##", "- Dental Nurse",
                                  "1. Dental Nurse", "**Dental Nurse**"])
def test_a_title_read_from_the_context_has_no_markup(line: str) -> None:
    """Was: "# Dental Nurse", the heading's mark with it, with no evidence."""
    doc = CleanDoc(markdown=BODY, kind="html", context=[line, "Bristol BS1 4DJ"])
    assert extract(doc).fields["title"] == "Dental Nurse"


def test_no_value_of_a_page_whose_title_is_left_out_carries_markup() -> None:
    """The title before a bar of links is left out of the posting, but read from the
    page's context: as its words, not as the Markdown line the context holds."""
    page = ('<html><body><div><h1>Dental Nurse</h1><div>Bristol BS1 4DJ</div></div>'
            '<div><a href="/a">Bakery jobs</a> <a href="/b">Driver jobs</a> '
            '<a href="/c">Office jobs</a></div><div id="jobDescription"><p>Friendly family '
            'practice seeking an organised dental nurse to support two dentists.</p><ul>'
            '<li>Prepare surgeries and sterilise instruments</li><li>Chart for the dentist '
            'during check-ups</li><li>Keep patient records up to date</li></ul></div>'
            '</body></html>')
    fields = process(page, "html").extraction.fields
    assert fields["title"] == "Dental Nurse"
    texts = [v for value in fields.values() for v in (value if isinstance(value, list)
                                                       else [value]) if isinstance(v, str)]
    assert [t for t in texts if t.startswith(("#", "- ", "* ")) or "**" in t] == []
