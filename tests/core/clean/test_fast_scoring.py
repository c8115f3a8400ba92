"""Scoring lines made cheap scores them as before, and a text's size no longer costs its
square.

The rewritten tests of a line (glue between words, a contact line, a header line, the
word count) are compared with the tests as they were, kept here, on the sample postings,
the development corpus when it is beside the project, and generated lines. Then the
work: the passes of cleaning map their lines with one scan of the text's breaks each
(counting the breaks before every removed range took a text of a megabyte seconds, of
six megabytes a minute and a half), and a line of a megabyte is not counted word by word.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reviewer.core.clean import line_score, text, unglue
from reviewer.core.words.lexicon import JOB_NOUNS, other_job_noun
from reviewer.core.words.places import looks_like_location
from reviewer.core.words.text import normalise_lines

ROOT = Path(__file__).resolve().parents[3]
CORPUS = ROOT.parent / "shared" / "corpus"
SETTINGS = settings(max_examples=400, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _pages() -> list[str]:
    pages = [p.read_text(encoding="utf-8", errors="replace")
             for p in sorted((ROOT / "reviewer" / "resources" / "samples").iterdir())]
    for path in [CORPUS / "seeds.jsonl", *sorted((CORPUS / "dev").glob("*.jsonl"))]:
        if path.exists():
            with path.open(encoding="utf-8") as lines:
                pages += [json.loads(line)["raw"] for _, line in zip(range(25), lines,
                                                                     strict=False)]
    return pages


PAGES = _pages()
LINES = sorted({line.strip() for page in PAGES for line in page.splitlines() if line.strip()})
_FRAGMENTS = [
    " ", "  ", "\t", ":", "@", "#", "|", "·", " - ", ",", ".", "!", ")", "%", "-", "(", "+", "1",
    "12", "94105", "555", "a", "b", "A", "B", "CA", "Ab", "İ", "ı", "ſ", "K", "Street", "st.",
    "Suite", "P.O. Box", "po box", "Tel", "e-mail", "Mobile", "Engineer", "ENGINEERS", "hybrid",
    "Remote", "On-site", "in london", "Job ID", "Ref", "Location", "salary", "JavaScript",
    "iPhone", "word", "Key Qualifications", "Benefits:", "Who you are:", "What",
]
fragments_line = st.lists(st.sampled_from(_FRAGMENTS), max_size=30).map("".join)

# --- the tests as they were ---------------------------------------------------------------

_OLD_GLUE = re.compile(
    r"(?<=[a-z0-9!?)%:])(?=[A-Z][a-z.])|(?<=\.)(?=[A-Z][a-z])|(?<=[a-z0-9])(?=[A-Z]{2,}\b)|"
    r"(?<=[A-Z]{2})(?=[A-Z][a-z]{2,})")
_OLD_CONTACT = re.compile(
    r"@|\b(?:tel|phone|fax|e-?mail|mob(?:ile)?)\b\.?\s*:|\+?\(?\d{2,4}\)?[\s.-]\d{2,4}[\s.-]"
    r"\d{2,5}|\b\d{1,5}\s+\w+\s+(?:street|st\.?|avenue|ave\.?|road|rd\.?|boulevard|blvd\.?|lane|"
    r"drive|way|broadway|park|square|place|plaza)\b|\b[A-Z]{2}\s+\d{5}\b|\bsuite\s+\d+|"
    r"\bp\.?o\.? box\b", re.I)
_OLD_PLACE_HINT = re.compile(r"\|| - |,\s*[A-Z]{2}\b|\b(remote|hybrid|on-?site)\b|\bin [a-z]",
                             re.I)
_OLD_INLINE_LABEL = re.compile(r"(?:^|[·|•]\s*)(?:job id|req(?:uisition)?(?: id| #)?|"
                               r"ref(?:erence)?|location|posted|salary|type)\s*[:#]", re.I)
_OLD_TRAILING_HEADING = re.compile(r"^(.*[.!?:])\s{2,}(\S.{1,40})$")


def _old_header_text(line: str) -> bool:
    place_line = len(line_score.WORD.findall(line)) <= 12 and (
        bool(_OLD_PLACE_HINT.search(line)) or looks_like_location(line))
    return bool(JOB_NOUNS.search(line)) or other_job_noun(line) or place_line or \
        bool(_OLD_INLINE_LABEL.search(line))


def _same(line: str) -> None:
    assert [m.start() for m in unglue._GLUE.finditer(line)] == \
        [m.start() for m in _OLD_GLUE.finditer(line)]
    old_count = sum(1 for m in _OLD_GLUE.finditer(line)
                    if not unglue.is_camel_word(line, m.start()))
    assert unglue._glued(line, 4) == (old_count >= 4)
    gate = "@" in line or ":" in line or re.search(r"\d", line) is not None  # (as _judge had)
    assert line_score._is_contact(line) == bool(gate and _OLD_CONTACT.search(line))
    header = line_score.header_text.__wrapped__(line)
    if header != _old_header_text(line):  # (since read as a header line: a date, a label)
        assert header and (line_score.labelled_fact(line) or line_score._DATE.search(line))
    for most in (3, 6, 12, 40):
        assert line_score.word_count(line, most) == \
            min(len(line_score.WORD.findall(line)), most + 1)
    heading = _OLD_TRAILING_HEADING.match(line)
    gated = heading if unglue._TWO_SPACES.search(line, max(0, len(line) - 43)) else None
    assert gated == heading or (gated and heading and gated.span() == heading.span())


def test_the_rewritten_line_tests_answer_as_before_on_postings() -> None:
    for line in LINES:
        _same(line)


@SETTINGS
@given(fragments_line)
def test_the_rewritten_line_tests_answer_as_before_on_generated_lines(line: str) -> None:
    _same(line)


def test_a_long_line_is_counted_as_before() -> None:
    line = "word " * 5000 + "end"
    assert line_score.word_count(line, 40) == 41
    assert line_score.word_count("no more than six words here", 40) == 6
    assert line_score.word_count("x" * 10_000, 40) == 1


# --- the passes' line maps, as they were --------------------------------------------------


def _old_line_origins(text_: str, markdown: str, origin: dict[int, Any]) -> list[Any]:
    md_lines, text_lines = markdown.split("\n"), text_.split("\n")
    if text_lines == md_lines:
        return [origin.get(i, []) for i in range(len(md_lines))]
    out, cursor = [], 0
    for line in text_lines:
        piece = line.strip()
        for j in range(cursor, len(md_lines)):
            if piece and piece in md_lines[j]:
                cursor = j
                break
        out.append(origin.get(cursor, []) if piece else [])
    return out


def _old_ranges_of(text_: str, start: int, end: int, where: list[Any]) -> list[Any]:
    first_line = text_.count("\n", 0, start)
    last_line = text_.count("\n", 0, max(start, end - 1))
    return [rng for i in range(first_line, min(last_line, len(where) - 1) + 1)
            for rng in where[i]]


@pytest.mark.parametrize("page", range(len(PAGES)))
def test_the_passes_map_their_lines_as_before(page: int) -> None:
    first = text._one_pass(unglue.unglue(normalise_lines(PAGES[page])))
    if first is None:
        return
    again = unglue.unglue(normalise_lines(first.markdown))
    where = text._line_origins(again, first.markdown, first.origin)
    assert where == _old_line_origins(again, first.markdown, first.origin)
    breaks = [m.start() for m in text._BREAK.finditer(again)]
    for start in range(0, len(again) + 1, 7):
        for end in (start, start + 1, start + 40, start + 400):
            assert text._ranges_of(breaks, start, end, where) == \
                _old_ranges_of(again, start, end, where)


# --- the work -----------------------------------------------------------------------------


def test_each_pass_finds_the_line_breaks_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Thousands of ranges mapped, one scan of the breaks per later pass."""
    scans = 0
    real = text._BREAK

    class Counting:
        def finditer(self, *args: Any) -> Any:
            nonlocal scans
            scans += 1
            return real.finditer(*args)

    monkeypatch.setattr(text, "_BREAK", Counting())
    ranges = 0
    real_ranges = text._ranges_of

    def counting_ranges(*args: Any) -> Any:
        nonlocal ranges
        ranges += 1
        return real_ranges(*args)

    monkeypatch.setattr(text, "_ranges_of", counting_ranges)
    # hard-wrapped lines (each carries on the one before, in lower case) of words a
    # capture glued together: the first pass joins them, the next splits and removes
    page = "".join(f"key QualificationsExperience {i}- Python- SQLBenefits:Health {i}\n"
                   for i in range(300))
    text.clean_text(page)
    assert ranges > 1000 and 1 <= scans <= text._MAX_PASSES - 1


def test_a_line_of_a_megabyte_is_not_counted_word_by_word(
        monkeypatch: pytest.MonkeyPatch) -> None:
    counted: list[int] = []
    real = line_score.WORD

    class Counting:
        def findall(self, line: str, pos: int = 0, endpos: int = 2**62) -> Any:
            counted.append(min(endpos, len(line)) - pos)
            return real.findall(line, pos, endpos)

    monkeypatch.setattr(line_score, "WORD", Counting())
    line = "lorem ipsum dolor sit amet " * 40_000
    assert line_score._judge.__wrapped__(line, False)[0] == "text"
    assert counted and max(counted) <= 50 * 40

