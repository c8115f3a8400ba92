"""Words a capture glued together ("insuranceStock"), separated for reading with offsets
kept: a CamelCase name (JavaScript, iPhone, PhD) stays one word."""

from __future__ import annotations

import pytest

from reviewer.core.words.text import separate_glued


@pytest.mark.parametrize(("text", "separated"), [
    ("Health insuranceStock optionsFarm visits!", "Health insurance Stock options Farm visits!"),
    ("banking or insuranceMBA required", "banking or insurance MBA required"),
    ("Some ExperienceBA or BS", "Some Experience BA or BS"),
    ("JavaScript, iPhone and a PhD", "JavaScript, iPhone and a PhD"),
    ("nothing glued here", "nothing glued here"),
])
def test_glued_words_are_separated(text: str, separated: str) -> None:
    assert separate_glued(text)[0] == separated


def test_offsets_map_back_to_the_text() -> None:
    text = "Strong Excel skillsBachelor's degree required"
    separated, to_text = separate_glued(text)
    at = separated.index("Bachelor's degree")
    start, end = to_text(at), to_text(at + len("Bachelor's degree"))
    assert text[start:end] == "Bachelor's degree"
