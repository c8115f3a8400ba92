"""The reviewers' span labels of a posting, said in words where they differ.

The document shows the posting's own spans, not each reviewer's; so the line that
asks a lead to choose between reviewers' span labels says what each one labelled
that not all of them did, by label and words: "Span labels: ① ana: SKILL “data
analyst” · ② ben: SKILL “analyst insights”". Plain text, and bounded: a few words a
span, a few spans a reviewer.
"""

from __future__ import annotations

from typing import Any

WORDS = 24  # characters of a span's words on the line
SPANS = 3  # of a reviewer's spans on the line; the rest counted
Span = tuple[int, int, str]


def spans_of(value: Any) -> set[Span]:
    """A reviewer's span labels (``[[start, end, label], ...]``) as a set."""
    spans = value if isinstance(value, list) else []
    return {(int(s[0]), int(s[1]), str(s[2])) for s in spans
            if isinstance(s, list) and len(s) == 3 and all(isinstance(n, int) for n in s[:2])}


def span_words(span: Span, text: str, place: bool = False) -> str:
    """One span as 'SKILL “data analyst”' (its words on one line, cut short); ``place``:
    with where it starts ('… at 120'), for two spans of the same words."""
    start, end, label = span
    if not 0 <= start < end <= len(text):
        return f"{label} at {start}–{end}"
    words = " ".join(text[start:end].split())
    words = words[:WORDS - 1].rstrip() + "…" if len(words) > WORDS else words
    return f"{label} “{words}”" + (f" at {start}" if place else "")


def spans_text(spans: set[Span], text: str, place: bool = False, alone: str = "none") -> str:
    """Spans on a line, in the text's order, ``SPANS`` at most ("and 2 more");
    ``alone`` for none."""
    if not spans:
        return alone
    ordered = sorted(spans)
    shown = ", ".join(span_words(span, text, place) for span in ordered[:SPANS])
    more = len(ordered) - SPANS
    return shown + (f" and {more} more" if more > 0 else "")


def spans_line(given: list[tuple[int, str, Any]], text: str, numbers: str) -> str:
    """The reviewers' span labels where they differ, each reviewer's ``(number, name,
    value)``: what each labelled that not all did, those who labelled alike together,
    and how many all of them labelled ("Span labels (besides 2 all gave): ① ana: TOOL
    “Go” · ② ben: no others")."""
    sets = [spans_of(value) for _n, _name, value in given]
    common = set.intersection(*sets) if sets else set()
    groups: list[tuple[list[str], set[Span]]] = []
    for (n, name, _value), spans in zip(given, sets, strict=True):
        who = f"{numbers[n - 1] if n <= len(numbers) else n} {name}"
        group = next((g for g in groups if g[1] == spans), None)
        if group is None:
            groups.append(([who], spans))
        else:
            group[0].append(who)
    own = [spans - common for _names, spans in groups]
    words = [{span_words(span, text) for span in spans} for spans in own]
    # the same words labelled at two places: said with the places
    place = any(a & b for i, a in enumerate(words) for b in words[i + 1:])
    alone = "no others" if common else "none"
    parts = [f"{', '.join(names)}: {spans_text(spans, text, place, alone)}"
             for (names, _all), spans in zip(groups, own, strict=True)]
    head = f"Span labels (besides {len(common)} all gave)" if common else "Span labels"
    return f"{head}: {' · '.join(parts)}"
