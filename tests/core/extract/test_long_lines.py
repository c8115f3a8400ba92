"""A line of the same words or figures, run on for pages, is read once: no pattern is
tried over the rest of the line from each place inside it ("in " inside "Berlin ", a
figure inside "12,12,12,…")."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from reviewer.core.extract.document import Block
from reviewer.core.extract.prose_words import CuePattern, Joined, cue_re
from reviewer.core.extract.salary import find_salary


class _Counted:
    """A pattern that counts the characters its matches read on from where they start."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern, self.calls = pattern, 0

    def match(self, text: str, pos: int = 0) -> Any:
        self.calls += 1
        return self.pattern.match(text, pos)


def test_a_cue_is_tried_only_where_it_may_start() -> None:
    line = "Acme is hiring in " + "Berlin " * 5_000
    joined = Joined.of([Block("para", line, 0, len(line))])
    counted = _Counted(re.compile(r"in\s+([A-Z]\w+(?:\s+[A-Z]\w+)*)", re.I))
    cue: CuePattern = replace(cue_re(r"in\s+x", "in "), pattern=counted)  # type: ignore[arg-type]
    found = joined.matches(cue)
    assert len(found) == 1 and counted.calls == 1  # not once for each "Berlin "


def test_a_figure_of_indian_grouping_has_a_bound_on_its_groups() -> None:
    """The figure of Indian grouping (6,00,000) took any number of groups of two: on
    "Salary: $12,12,12,…" it read the run back from its end at each of its places (48 KB:
    6 s; twice the text, four times the time). A figure has at most four such groups
    (a hundred crore), so no run is read back further than that."""
    from reviewer.core.extract.salary import _NUM

    indian = re.compile(_NUM.split("|")[0])
    assert indian.fullmatch("6,00,000") and indian.fullmatch("1,00,00,00,00,000")
    assert indian.fullmatch("1,00,00,00,00,00,000") is None
    assert find_salary("Salary: ₹6,00,000 - ₹8,00,000 per annum") is not None
