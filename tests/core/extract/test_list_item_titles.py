"""A duty of a list is not the posting's title, though it names a job ("Review code of
other engineers"); a title written as a lone bullet is still read when nothing else
reads as one."""

from __future__ import annotations

from reviewer.core.clean import clean
from reviewer.core.extract import extract

DUTIES = ("- Build data pipelines in Python and Spark every day\n"
          "- Own the warehouse schema and its migrations\n"
          "- Review code of other engineers\n")


def _title(text: str) -> tuple[object, float | None]:
    extraction = extract(clean(text, "text"))
    return extraction.fields.get("title"), extraction.confidence.get("title")


def test_a_posting_of_duties_alone_has_no_title_read_from_them() -> None:
    """Was: "Review code of other engineers" at 0.65, the one item naming a job noun."""
    assert _title(DUTIES) == (None, None)


def test_the_heading_above_a_list_of_duties_is_the_title() -> None:
    assert _title(f"Data Engineer\n\n{DUTIES}")[0] == "Data Engineer"


def test_a_title_written_as_a_lone_bullet_is_read_when_nothing_else_is() -> None:
    text = ("- Senior Data Engineer\n\nAcme Analytics builds the warehouse that logistics "
            "firms plan with; you would own its pipelines.\n")
    title, confidence = _title(text)
    assert title == "Senior Data Engineer" and confidence is not None and confidence < 0.65
