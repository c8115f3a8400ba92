"""The last day to apply, as a sentence states it: "Applications close October 31, 2025",
"This job posting is open until 2025-04-09", "Applications accepted January 5 – January
30, 2026"."""

from __future__ import annotations

import pytest
from test_extract_fields import evidence, posting


@pytest.mark.parametrize(("line", "through", "words"), [
    ("This job posting is open until 2025-04-09.", "2025-04-09", "open until 2025-04-09"),
    ("Applications accepted January 5 – January 30, 2026", "2026-01-30",
     "Applications accepted January 5 – January 30, 2026"),
    ("Applications accepted 5 January 2026 to 30 January 2026.", "2026-01-30",
     "Applications accepted 5 January 2026 to 30 January 2026"),
    ("Applications accepted from January 5, 2026.", None, None),  # the first day
    ("Applications close October 31, 2025. Housing stipend of $2,000 provided for interns "
     "relocating to Denver.", "2025-10-31", "Applications close October 31, 2025"),
])
def test_the_last_day_to_apply_a_sentence_gives_with_its_words_as_evidence(
        line: str, through: str | None, words: str | None) -> None:
    """A closing date in a sentence had the whole line as its evidence, the sentences
    after it too; "open until" and a range of days applications are accepted in gave no
    closing date."""
    doc, result = posting(line)
    assert result.fields["valid_through"] == through
    assert evidence(doc, result, "valid_through") == ([words] if words else [])
