"""The reviewers' span labels said in words where they differ (``reviewer_spans``)."""

from __future__ import annotations

from reviewer.gui.reviewer_spans import spans_line

NUMBERS = "①②③"
TEXT = "Python and Go, then Python\nagain, and more words than a line holds at all"


def test_each_reviewer_s_own_spans_are_said_by_their_words() -> None:
    assert spans_line([(1, "ana", [[0, 6, "SKILL"]]), (2, "ben", [])], TEXT, NUMBERS) == (
        "Span labels: ① ana: SKILL “Python” · ② ben: none")


def test_spans_all_gave_are_counted_and_alike_reviewers_share_a_place() -> None:
    given = [(1, "ana", [[0, 6, "SKILL"], [11, 13, "SKILL"]]), (2, "ben", [[0, 6, "SKILL"]]),
             (3, "chen", [[0, 6, "SKILL"]])]
    assert spans_line(given, TEXT, NUMBERS) == (
        "Span labels (besides 1 all gave): ① ana: SKILL “Go” · ② ben, ③ chen: no others")


def test_the_same_words_at_two_places_are_said_with_their_places() -> None:
    given = [(1, "ana", [[0, 6, "SKILL"]]), (2, "ben", [[20, 26, "SKILL"]])]
    assert spans_line(given, TEXT, NUMBERS) == (
        "Span labels: ① ana: SKILL “Python” at 0 · ② ben: SKILL “Python” at 20")


def test_the_line_is_bounded_and_of_one_line() -> None:
    many = [[n, n + 3, "SKILL"] for n in range(0, 40, 4)]
    said = spans_line([(1, "ana", many), (2, "ben", [[20, len(TEXT), "LONG"]]),
                       (3, "chen", [[900, 950, "GONE"]])], TEXT, NUMBERS)
    assert "\n" not in said and "and 7 more" in said and len(said) < 200
    assert "LONG “Python again, and more…”" in said  # (its words cut short)
    assert "GONE at 900–950" in said  # (off the text: its place)
