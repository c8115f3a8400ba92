"""An image line in a text posting is a line to drop, never the place the posting starts
or ends: the title above it and the text below it stay."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewer.core.clean import clean

HEADER = """\
Lead Site Reliability Engineer

Engineering | Toronto, ON, Canada

Full-time · Hybrid · Job ID: EC-3318
"""

BODY = """\
## About the team

The Platform Reliability team keeps our payments and identity platforms running for
more than four million small businesses, and we care about sustainable on-call.

## What you will do

- Lead the design of our service level objectives and the alerting built on them.
- Run incident reviews that end in changes to the systems, not in blame.
- Mentor the engineers of the team and review their designs every week.
"""

TAIL = """\
## Benefits

a yearly learning budget and time set aside for courses and conferences

company shares through our employee share programme, and a bonus every year
"""

IMAGES = [
    "![team photo](/etc/passwd)",
    "![x](file:///etc/passwd)",
    "![](/tmp/a.png)",
    "- ![logo](https://example.com/logo.png)",
    "[![team](/etc/passwd)](https://example.com/team)",
    "![team][pic]",
    "![one](a.png) ![two](b.png)",
]


@pytest.mark.parametrize("image", IMAGES)
def test_an_image_line_between_the_title_and_the_body_keeps_the_title(image: str) -> None:
    doc = clean(f"{HEADER}\n{image}\n\n{BODY}", "text")
    for line in ("Lead Site Reliability Engineer", "Toronto, ON, Canada", "EC-3318",
                 "About the team", "Mentor the engineers"):
        assert line in doc.markdown
    assert "](" not in doc.markdown
    assert "/etc/passwd" not in doc.markdown


@pytest.mark.parametrize("image", IMAGES)
def test_an_image_line_before_the_last_section_keeps_that_section(image: str) -> None:
    doc = clean(f"{HEADER}\n{BODY}\n{image}\n\n{TAIL}", "text")
    for line in ("Lead Site Reliability Engineer", "Mentor the engineers",
                 "learning budget", "company shares"):
        assert line in doc.markdown
    assert "](" not in doc.markdown


def test_an_image_line_is_recorded_as_removed() -> None:
    image = "![team photo](/etc/passwd)"
    doc = clean(f"{HEADER}\n{image}\n\n{BODY}", "text")
    removed = [(doc.source[r.start:r.end], r.reason) for r in doc.removed]
    assert (image, "image") in removed


def test_an_image_line_between_paragraphs_does_not_join_or_lose_them() -> None:
    text = ("Senior Data Engineer at Acme\n\n"
            "We are looking for a senior data engineer to join our platform team in Berlin.\n"
            "You will build pipelines in Python and SQL, and own our warehouse.\n\n"
            "![team photo](/etc/passwd)\n\n"
            "Benefits: 30 days of holiday, a learning budget and a remote-friendly office.\n"
            "Apply by sending your CV to jobs@acme.example.\n")
    doc = clean(text, "text")
    for line in ("Senior Data Engineer at Acme", "platform team in Berlin",
                 "own our warehouse", "30 days of holiday"):
        assert line in doc.markdown
    assert "passwd" not in doc.markdown


def test_an_image_line_changes_nothing_else() -> None:
    plain = clean(f"{HEADER}\n{BODY}\n{TAIL}", "text").markdown
    with_images = clean(f"{HEADER}\n![a](/etc/passwd)\n\n{BODY}\n![b](b.png)\n\n{TAIL}",
                        "text").markdown
    assert with_images == plain


def test_text_around_an_inline_image_stays() -> None:
    text = f"{HEADER}\n{BODY}\nOur office ![office](/etc/passwd) sits by the lake, five " \
           "minutes from the station, with a roof terrace and bikes.\n"
    doc = clean(text, "text")
    assert "sits by the lake" in doc.markdown
    assert "Lead Site Reliability Engineer" in doc.markdown


def test_cleaning_the_cleaned_text_of_an_image_posting_changes_nothing() -> None:
    once = clean(f"{HEADER}\n![a](/etc/passwd)\n\n{BODY}\n![b](b.png)\n\n{TAIL}", "text")
    assert clean(once.markdown, "text").markdown == once.markdown


SAMPLES = Path(__file__).resolve().parents[3] / "reviewer" / "resources" / "samples"


@pytest.mark.parametrize("sample", sorted(p.name for p in SAMPLES.iterdir()
                                          if p.suffix in (".txt", ".md")))
def test_an_image_line_anywhere_in_a_sample_changes_nothing(sample: str) -> None:
    text = (SAMPLES / sample).read_text(encoding="utf-8")
    lines = text.split("\n")
    plain = clean(text, "text").markdown
    for at in range(len(lines) + 1):
        with_image = "\n".join([*lines[:at], "![team photo](/etc/passwd)", *lines[at:]])
        assert clean(with_image, "text").markdown == plain, f"image line at line {at}"
