"""A glued "About Us:" heading, now a heading of its own, names no employer."""

from __future__ import annotations

from reviewer.core.clean import clean
from reviewer.core.extract import extract


def test_about_us_is_no_company() -> None:
    raw = "\n\n".join([
        "Operations Generalist",
        "As an office assistant you will keep the books, answer calls and plan the week's "
        "deliveries for the depot with the drivers.About Us:Kestrel Haulage is a small "
        "family firm that moves timber and stone across the north of the country.",
        "Send your CV to jobs@kestrel.example. Kestrel Haulage is an equal opportunity "
        "employer.",
    ]) + "\n"
    doc = clean(raw, "text")
    assert "## About Us" in doc.markdown.splitlines()
    assert extract(doc).fields["company"] != "Us"
