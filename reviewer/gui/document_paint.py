"""How the document pane looks: the field colours, the character formats that paint
evidence highlights and labelled spans, and the readable text column (margins, line
spacing). Functions over a ``QTextDocument``; the widget is in ``document_view``."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from PySide6.QtGui import (
    QColor,
    QFont,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)

from reviewer.core.schema import FIELDS

# Hue (degrees) per field. Short values get saturated pastels; the four list
# fields, whose spans are whole bullet items, get faint tints so that the short
# spans inside them (skills, education, years) stay visible on top.
_HUES: dict[str, int] = {
    "valid_through": 0, "remote": 24, "title": 45, "skills": 58, "date_posted": 82,
    "salary": 120, "locations": 145, "work_hours": 172, "company": 195,
    "requisition_id": 212, "experience_years": 232, "department": 258, "seniority": 282,
    "employment_type": 308, "education": 334,
    "responsibilities": 205, "required_qualifications": 32,
    "preferred_qualifications": 135, "benefits": 318,
}
_LONG = frozenset({"responsibilities", "required_qualifications",
                   "preferred_qualifications", "benefits"})
MAX_LINE_WIDTH = 780  # px of text column; wider windows get wider side margins
MARGIN = 16


def _color(name: str, dark: bool, strong: bool = False) -> QColor:
    hue = _HUES.get(name)
    if hue is None:  # a field unknown to this schema: neutral grey
        return QColor.fromHslF(0.0, 0.0, 0.45 if dark else (0.7 if strong else 0.86))
    if strong:
        sat, light = (0.65, 0.42) if dark else (0.95, 0.62)
    elif dark:
        sat, light = (0.35, 0.22) if name in _LONG else (0.5, 0.3)
    else:
        sat, light = (0.7, 0.93) if name in _LONG else (0.85, 0.8)
        if 200 <= hue <= 345 and name not in _LONG:
            sat, light = 0.75, 0.86  # blues, violets and pinks look darker at equal lightness
    return QColor.fromHslF(hue / 360.0, sat, light)


FIELD_COLORS: dict[str, QColor] = {f.name: _color(f.name, dark=False) for f in FIELDS}
FIELD_LABELS: dict[str, str] = {f.name: f.label for f in FIELDS}


def field_color(name: str, dark: bool = False) -> QColor:
    """The highlight background of field ``name``; ``dark`` for dark palettes."""
    return _color(name, dark)


def flash_color(name: str, dark: bool = False) -> QColor:
    """The stronger colour a highlight blinks to when its field is focused."""
    return _color(name, dark, strong=True)


def tint(color: QColor, base: QColor, dark: bool) -> QColor:
    """``color`` mixed into the background ``base``, faint enough to read text on."""
    mix = 0.45 if dark else 0.32
    def channels(c: QColor) -> tuple[float, float, float]:
        return c.redF(), c.greenF(), c.blueF()

    return QColor.fromRgbF(*(b * (1 - mix) + c * mix
                             for b, c in zip(channels(base), channels(color), strict=True)))


# --- highlights ----------------------------------------------------------------------

BASE = {False: "#ffffff", True: "#1e1f22"}  # the document's background (theme.py)


def contrast(a: QColor, b: QColor) -> float:
    """The contrast ratio of two colours (WCAG: 1 to 21)."""
    def luminance(c: QColor) -> float:
        lin = [x / 12.92 if x <= 0.03928 else ((x + 0.055) / 1.055) ** 2.4
               for x in (c.redF(), c.greenF(), c.blueF())]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def seen_on(line: QColor, under: QColor, dark: bool, least: float = 3.0) -> QColor:
    """``line`` made lighter (``dark``) or darker until it stands out from ``under``
    by ``least`` : 1 (a thin dotted line in a label's colour over a highlight of the
    same lightness could not be seen); the text's colour if none does."""
    for _ in range(8):
        if contrast(line, under) >= least:
            return line
        line = line.lighter(125) if dark else line.darker(125)
    return QColor("#e6e6e6" if dark else "#1e1f22")


Segment = tuple[int, int, QTextCharFormat]


def highlight_formats(highlights: Sequence[tuple[str, int, int]],
                      spans: Sequence[tuple[dict[str, Any], int, int]],
                      label_colors: Mapping[str, str],
                      label_tint: Callable[[str], QColor], dark: bool) -> list[Segment]:
    """The format of every highlighted stretch between two highlight or span bounds.

    Where evidence ``highlights`` (field, start, end) overlap, the shortest one's
    colour wins (a skill inside a responsibility stays visible) and the tooltip
    names every field. Labelled ``spans`` (span dict, start, end) go over the
    evidence: an accepted one as ``label_tint`` and an underline, a suggested one
    as a dotted underline; rejected ones are not shown."""
    segments: list[Segment] = []
    if not highlights and not spans:
        return segments
    marks = [(a, b) for _, a, b in highlights] + [(a, b) for _, a, b in spans]
    bounds = sorted({p for a, b in marks for p in (a, b)})
    ordered = sorted(highlights, key=lambda h: h[2] - h[1])
    by_length = [m for m in sorted(spans, key=lambda m: m[2] - m[1])
                 if m[0].get("state") != "rejected"]
    # a sweep over the bounds: what covers each stretch between two of them, shortest
    # first (a posting of thousands of list items has thousands of each)
    opening: dict[int, list[tuple[int, int]]] = {}
    closing: dict[int, list[tuple[int, int]]] = {}
    for kind, marked in enumerate((ordered, by_length)):
        for i, (_, start, end) in enumerate(marked):
            if start < end:  # (an empty one covers nothing)
                opening.setdefault(start, []).append((kind, i))
                closing.setdefault(end, []).append((kind, i))
    active: tuple[set[int], set[int]] = (set(), set())
    for a, b in itertools.pairwise(bounds):
        for kind, i in opening.get(a, ()):
            active[kind].add(i)
        for kind, i in closing.get(a, ()):
            active[kind].discard(i)
        covering = [ordered[i] for i in sorted(active[0])]
        labelled = [by_length[i][0] for i in sorted(active[1])]
        if not covering and not labelled:
            continue
        names = list(dict.fromkeys(h[0] for h in covering))
        fmt = QTextCharFormat()
        tips = []
        accepted = [m for m in labelled if m.get("state") == "accepted"]
        suggested = [m for m in labelled if m.get("state") == "suggested"]
        if accepted:
            fmt.setBackground(label_tint(accepted[0]["label"]))
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
            fmt.setUnderlineColor(QColor(label_colors.get(accepted[-1]["label"], "#808080")))
            tips += [m["label"] for m in accepted]
        elif covering:
            fmt.setBackground(field_color(names[0], dark))
        if suggested and not accepted:
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
            under = fmt.background().color() if covering else QColor(BASE[dark])
            fmt.setUnderlineColor(seen_on(
                QColor(label_colors.get(suggested[0]["label"], "#808080")), under, dark))
            tips += [f"{m['label']}? (suggested)" for m in suggested]
        tips += [FIELD_LABELS.get(n, n) for n in names]
        fmt.setToolTip(" · ".join(dict.fromkeys(tips)))
        segments.append((a, b, fmt))
    return segments


def merge_format(doc: QTextDocument, start: int, end: int, fmt: QTextCharFormat) -> None:
    """Merge ``fmt`` into the document positions ``start``-``end`` (clipped to the text)."""
    last = max(0, doc.characterCount() - 1)
    start, end = min(start, last), min(end, last)
    if start >= end:
        return
    cursor = QTextCursor(doc)
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    cursor.mergeCharFormat(fmt)


# --- the text column -----------------------------------------------------------------

def layout_document(doc: QTextDocument, viewport_width: int) -> None:
    """A readable column: margins around the text and, in wide viewports, side
    margins that keep lines near MAX_LINE_WIDTH pixels."""
    doc.setDocumentMargin(MARGIN)
    frame = doc.rootFrame()
    fmt = frame.frameFormat()
    side = max(0.0, (viewport_width - 2 * MARGIN - MAX_LINE_WIDTH) / 2)
    if fmt.leftMargin() != MARGIN + side:
        fmt.setLeftMargin(MARGIN + side)
        fmt.setRightMargin(MARGIN + side)
        frame.setFrameFormat(fmt)


def space_blocks(doc: QTextDocument) -> None:
    """Line height 140% for body text; some air around headings, each drawn whole at
    its size and weight: Qt's Markdown gives them to a heading's first run alone, so
    "## **Responsibilities**" (a page's <h2><strong>) was drawn at the body's size."""
    cursor = QTextCursor(doc)
    cursor.beginEditBlock()  # laid out once at the end, not after each block
    block = doc.begin()
    while block.isValid():
        fmt = QTextBlockFormat()
        fmt.setLineHeight(140.0, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        level = block.blockFormat().headingLevel()
        if level > 0:
            fmt.setTopMargin(14.0)
            fmt.setBottomMargin(6.0)
            heading = QTextCharFormat()  # as Qt sets it: 3 steps larger for h1 … -2 for h6
            heading.setProperty(QTextFormat.Property.FontSizeAdjustment, 4 - level)
            heading.setFontWeight(QFont.Weight.Bold)
            cursor.setPosition(block.position())
            cursor.setPosition(block.position() + block.length() - 1,
                               QTextCursor.MoveMode.KeepAnchor)
            cursor.mergeCharFormat(heading)
        cursor.setPosition(block.position())
        cursor.mergeBlockFormat(fmt)
        block = block.next()
    cursor.endEditBlock()
