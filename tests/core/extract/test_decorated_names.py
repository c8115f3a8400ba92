"""Emoji before or after a title, a company or a department ("Senior Engineer 🧑‍💻🚀",
"Acme GmbH 🇩🇪") decorate the line: no part of the value, nor of its evidence."""

from __future__ import annotations

import pytest

from reviewer.core.clean import clean
from reviewer.core.extract import extract
from reviewer.core.words.text import undecorated

BODY = ("Location: Berlin, Germany\nEmployment type: Full-time\n\n"
        "About the role: Python developer with Kubernetes and PostgreSQL experience.\n\n"
        "Requirements:\n\n- 5+ years of experience with Python 🐍 and Go\n")


@pytest.mark.parametrize(("title", "company"), [
    ("Senior Platform Engineer 🧑\u200d💻🚀", "Longline Systems GmbH 🇩🇪"),
    ("🚀 Senior Platform Engineer", "✨ Longline Systems GmbH ✨"),
    ("Senior Platform Engineer ☸️", "Longline Systems GmbH"),
])
def test_emoji_at_a_name_s_ends_are_left_out_of_it_and_its_evidence(
        title: str, company: str) -> None:
    doc = clean(f"{title}\nCompany: {company}\n\n{BODY}", "text")
    extraction = extract(doc)
    assert extraction.fields["title"] == "Senior Platform Engineer"
    assert extraction.fields["company"] == "Longline Systems GmbH"
    for name in ("title", "company"):
        assert [doc.markdown[a:b] for a, b in extraction.evidence[name]] \
            == [extraction.fields[name]]
    # emoji inside a list item are its words' business: kept as written
    assert "5+ years of experience with Python 🐍 and Go" \
        in extraction.fields["required_qualifications"]


@pytest.mark.parametrize(("text", "kept"), [
    ("Acme™", "Acme™"), ("R&D ©", "R&D ©"), ("C++ (☆ team)", "C++ (☆ team)"),
    ("🇩🇪", "🇩🇪"), ("Nurse 👩🏽‍⚕️ ", "Nurse"), ("  Cook 🍳", "Cook"), ("Café", "Café"),
])
def test_only_pictographs_at_the_ends_go_and_a_value_of_nothing_else_stays(
        text: str, kept: str) -> None:
    start, end = undecorated(text)
    assert text[start:end] == kept
