"""The words a range of the cleaned Markdown shows: a link's text, not its brackets or
target, where the range holds the link whole or cuts it; an image held whole, as the
placeholder the document shows for it; no emphasis marks."""

from __future__ import annotations

import pytest

from reviewer.core.extract import shown_words

TEXT = ("Apply at [Acme Corp](https://acme.example/jobs) before June.\n"
        "We use **Python** and _Go_, see ![the team](https://acme.example/t.png) here.\n"
        "Our office ![](https://acme.example/o.png) in Leeds.\n")


@pytest.mark.parametrize(("range_of", "shows"), [
    ("Apply at [Acme Corp](https://acme.example/jobs) before June",
     "Apply at Acme Corp before June"),
    ("Apply at [Acme Corp", "Apply at Acme Corp"),  # the link cut after its text
    ("Acme Corp](https://acme.example/jobs) before June", "Acme Corp before June"),
    ("Corp](https://acme", "Corp"),  # cut in its target
    ("Acme Corp", "Acme Corp"),
    ("Python** and _Go", "Python and Go"),
    ("the team](https://acme.example/t.png) here", "the team here"),  # the image cut
    ("see ![the team](https://acme.example/t.png) here", "see [image: the team] here"),
    ("![](https://acme.example/o.png) in Leeds", "[image] in Leeds"),
    ("Apply at", "Apply at"),
])
def test_a_range_shows_its_words_without_markup(range_of: str, shows: str) -> None:
    start = TEXT.index(range_of)
    assert shown_words(TEXT, start, start + len(range_of)) == shows
