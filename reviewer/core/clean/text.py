"""Clean a text dump of a posting page (lynx dumps, copied text, innerText, e-mails).

Steps:

1. normalise whitespace and line endings; split text that a capture glued together
   (``Key QualificationsKey Qualifications- Exceptional…``) back into lines;
2. score each line: sentences and bullets of some length count for the posting;
   menus, sign-in forms, footers, pickers and short link lines count against it,
   unless they stand inside the posting (an item of its list, however short, a stray
   control);
3. take the run of lines with the highest total (the posting), widen it up to the
   title and labelled lines just above it (and a list of its own among them; all the
   lines above when nothing says they are the page's, whatever their language:
   ``text_head``), and down to the end of the page when nothing after it is page
   furniture; cut it at a "similar jobs" list;
4. inside that run drop the lines that are boilerplate and the repeats;
   a line of nothing but images is dropped wherever it stands, and is passed over
   as a blank line is when finding the run (it neither starts nor ends a posting);
5. write Markdown: headings, ``-`` bullets, paragraphs with hard wraps undone.

Every line left out is recorded with its range in the normalised text and why.
"""

from __future__ import annotations

import bisect
import itertools
from dataclasses import dataclass

from reviewer.core.clean.line_score import (
    classify,
    mark_menus,
    read_in_context,
    word_count,
)
from reviewer.core.clean.text_head import MENU as _MENU
from reviewer.core.clean.text_head import header_context, widen_up
from reviewer.core.clean.text_labels import label_match
from reviewer.core.clean.text_markdown import (
    AS_WRITTEN,
    Line,
    lines_of,
    mark_tables_and_code,
    to_markdown,
    wrap_width,
)
from reviewer.core.clean.unglue import unglue
from reviewer.core.schema import CleanDoc, Removal
from reviewer.core.words.regex import lazy_compile
from reviewer.core.words.text import normalise_lines, unquote

_MAX_PASSES = 4


@dataclass
class _Pass:
    """One pass of the cleaner over a text: the Markdown, and where each line came from."""

    markdown: str
    removed: list[Removal]  # ranges of the pass's input
    origin: dict[int, list[tuple[int, int]]]  # Markdown line -> ranges of the input
    context: list[str]


def clean_text(raw: str) -> CleanDoc:
    """Clean one text dump. Never raises on any input.

    Cleaning is run again on its own Markdown until nothing changes (a few passes at
    most), so that cleaning cleaned text gives the same text; what a later pass
    removes is recorded against the original lines."""
    source = unglue(unquote(normalise_lines(raw)))
    first = _one_pass(source)
    if first is None:
        return CleanDoc(markdown="", kind="text", source=source,
                        notes=["the page holds no text"])
    markdown, removed, origin = first.markdown, list(first.removed), first.origin
    for _ in range(_MAX_PASSES - 1):
        text = unglue(normalise_lines(markdown))
        again = _one_pass(text)
        if again is None or again.markdown == markdown:
            break
        where = _line_origins(text, markdown, origin)
        breaks = [m.start() for m in _BREAK.finditer(text)]
        for r in again.removed:
            for start, end in _ranges_of(breaks, r.start, r.end, where):
                removed.append(Removal(start, end, r.reason))
        origin = {
            line: [rng for start, end in spans for rng in _ranges_of(breaks, start, end, where)]
            for line, spans in again.origin.items()
        }
        markdown = again.markdown
    return CleanDoc(markdown=markdown, kind="text", source=source,
                    removed=_merge(removed), context=first.context)


def _one_pass(source: str) -> _Pass | None:
    lines = lines_of(source)
    if not any(line.kind != "blank" for line in lines):
        return None
    wrap_at = wrap_width(lines)
    for line in lines:
        if line.kind == "image":
            line.reason = "image"  # scores nothing, like a blank line
        else:
            classify(line, wrap_at)
    read_in_context(lines)
    mark_menus(lines)
    mark_tables_and_code(lines)
    first, last = _main_run(lines)
    last = _finish_section(lines, last)
    last = _take_tail(lines, last)
    first = widen_up(lines, first)
    context = header_context(lines, first)
    last = _cut_at_listing(lines, first, last)
    kept = _drop_inside(lines, first, last)
    removed = _removals(lines, first, last, kept)
    markdown, origin = to_markdown([lines[i] for i in kept])
    return _Pass(markdown, removed, origin, context)


def _line_origins(
    text: str, markdown: str, origin: dict[int, list[tuple[int, int]]]
) -> list[list[tuple[int, int]]]:
    """For each line of ``text`` (the Markdown, perhaps re-split), its original ranges."""
    md_lines = markdown.split("\n")
    text_lines = text.split("\n")
    if text_lines == md_lines:
        return [origin.get(i, []) for i in range(len(md_lines))]
    offsets = list(itertools.accumulate((len(line) + 1 for line in md_lines), initial=0))
    out = []
    cursor = 0
    for line in text_lines:
        piece = line.strip()
        # the first Markdown line from the cursor on that holds the piece (a piece holds no
        # line break, so where the Markdown holds it first is inside that line)
        at = markdown.find(piece, offsets[cursor]) if piece else -1
        if at >= 0:
            cursor = bisect.bisect_right(offsets, at) - 1
        out.append(origin.get(cursor, []) if piece else [])
    return out


_BREAK = lazy_compile(r"\n")


def _ranges_of(
    breaks: list[int], start: int, end: int, where: list[list[tuple[int, int]]]
) -> list[tuple[int, int]]:
    """The original ranges behind the lines of a text (its line breaks at ``breaks``)
    that [start, end) touches. (Counting the breaks before each range instead made a
    text of a megabyte take seconds.)"""
    first_line = bisect.bisect_left(breaks, start)
    last_line = bisect.bisect_left(breaks, max(start, end - 1))
    return [rng for i in range(first_line, min(last_line, len(where) - 1) + 1)
            for rng in where[i]]


def _merge(removed: list[Removal]) -> list[Removal]:
    """Sorted, with touching ranges of one reason joined."""
    out: list[Removal] = []
    for r in sorted(removed, key=lambda r: (r.start, r.end)):
        if out and out[-1].reason == r.reason and r.start <= out[-1].end + 1:
            out[-1] = Removal(out[-1].start, max(out[-1].end, r.end), r.reason)
        else:
            out.append(r)
    return out


# --- 2. score (1. normalise; scoring and menus: words.text, line_score) ----------------------

_NON_WORD = lazy_compile(r"\W+")
_PASSED_OVER = ("blank", "image")  # lines that neither make nor break a run


# --- 3. the posting's run of lines -------------------------------------------------------------


def _main_run(lines: list[Line]) -> tuple[int, int]:
    """Maximum-sum run of line scores (blank lines count zero)."""
    best, best_first, best_last = float("-inf"), 0, -1
    total, first = 0.0, 0
    for i, line in enumerate(lines):
        if total <= 0:
            total, first = 0.0, i
        total += line.score
        if total > best and line.kind not in _PASSED_OVER:
            best, best_first, best_last = total, first, i
    if best_last < 0:
        return 0, len(lines) - 1
    while best_first < best_last and lines[best_first].kind in _PASSED_OVER:
        best_first += 1
    return best_first, best_last


def _finish_section(lines: list[Line], last: int) -> int:
    """A posting does not end on a heading: take in the lines under it."""
    if lines[last].kind not in ("heading", "label") or lines[last].reason is not None:
        return last
    label = label_match(lines[last].text.strip())
    if lines[last].kind == "label" and label and label.group(2).strip():
        return last  # "Deadline: 1 May": its value is on its line
    end = last
    for i in range(last + 1, len(lines)):
        line = lines[i]
        if line.kind == "blank":
            if end > last:
                break
            continue
        if line.kind == "image":
            continue
        if line.reason is not None or line.kind in ("heading", "label", "rule"):
            break
        end = i
    return end


def _take_tail(lines: list[Line], last: int) -> int:
    """The posting runs on to the page furniture after it (or to the end of the page).

    Short lines score below zero (a last requirement, a list of perks), so the best run
    can stop before them; the lines after it up to the first one a rule marked (a footer,
    a form, a list of other jobs; a stray control inside the posting weighs nothing and
    ends nothing) are the posting's last lines, less a closing menu of links and a
    heading the furniture opens with."""
    rest = []
    for i in range(last + 1, len(lines)):
        if lines[i].kind in _PASSED_OVER:
            continue
        if lines[i].kind == "rule" or (lines[i].reason not in (None, _MENU)
                                       and lines[i].score < 0):
            break  # page furniture (a footer, a form): the posting ended before it
        rest.append(i)
    items = _list_items(lines, rest[-1]) if rest else set()
    while rest and (lines[rest[-1]].kind == "heading" or (
            lines[rest[-1]].reason == _MENU and word_count(lines[rest[-1]].text, 3) < 3
            and rest[-1] not in items)):
        rest.pop()  # a closing menu of links, or the heading of the furniture, stays out
    return rest[-1] if rest else last


def _list_items(lines: list[Line], end: int) -> set[int]:
    """The lines up to ``end`` that are items of a bulleted list which a label, a heading,
    a line ending in a colon or an item of three words or more opens ("Requirements:",
    "• SQL", "• Spark"). Short items
    are no menu of links: a page's menu, copied as text, carries no bullets."""
    items: set[int] = set()
    opened = False
    for i in range(end + 1):
        line = lines[i]
        if line.kind in _PASSED_OVER:
            continue
        if line.kind == "bullet":
            if opened:
                items.add(i)
            opened = opened or line.reason is None or word_count(line.text, 3) >= 3
        else:  # (a line a run of short ones made a menu may open a list all the same)
            opened = line.reason in (None, _MENU) and (
                line.kind in ("label", "heading") or line.text.rstrip().endswith(":"))
    return items


def _cut_at_listing(lines: list[Line], first: int, last: int) -> int:
    """End the posting where a list of other jobs starts."""
    for i in range(first + 1, last + 1):
        if lines[i].reason == "list of other jobs":
            later = sum(max(0.0, x.score) for x in lines[i + 1:last + 1])
            if later < 12:
                j = i - 1
                while j > first and lines[j].kind in ("blank", "image", "rule"):
                    j -= 1
                return j
    return last


def _drop_inside(lines: list[Line], first: int, last: int) -> list[int]:
    kept: list[int] = []
    seen_short: set[str] = set()
    prev = ""
    for i in range(first, last + 1):
        line = lines[i]
        if line.kind == "image":
            continue  # dropped, and the line after it follows the line before
        above, prev = prev, line.text
        if line.kind == "blank":
            kept.append(i)
            continue
        if line.reason is not None and line.reason != "menu or list of links":
            continue
        if line.kind == "rule":
            continue
        continuation = line.kind == "text" and len(above.strip()) >= 60
        if line.kind not in ("bullet", *AS_WRITTEN) and not continuation \
                and len(line.text) < 120:
            key = _NON_WORD.sub(" ", line.text).strip().lower()
            if len(key) < 80:
                if key in seen_short:
                    line.reason = "repeated line"
                    continue
                seen_short.add(key)
        kept.append(i)
    return kept


def _removals(lines: list[Line], first: int, last: int, kept: list[int]) -> list[Removal]:
    keep = set(kept)
    removed: list[Removal] = []
    previous = -1  # index of the line the last range ends on
    for i, line in enumerate(lines):
        if i in keep or line.kind == "blank":
            continue
        if line.reason and line.reason != "menu or list of links":
            reason = line.reason
        elif i < first:
            reason = line.reason or "before the posting"
        elif i > last:
            reason = "after the posting"
        else:
            reason = line.reason or "rule"
        end = line.start + len(line.text)
        prev = removed[-1] if removed else None
        if prev is not None and prev.reason == reason and \
                all(x.kind == "blank" for x in lines[previous + 1:i]):
            removed[-1] = Removal(prev.start, end, reason)
        else:
            removed.append(Removal(line.start, end, reason))
        previous = i
    return removed
