"""The queue's search words, marked where they stand in the shown document.

The search matches whole words, case and accents aside, each term as a phrase of its
words (the project's full-text index reads ``full-time`` as "full" then "time");
``find_words`` finds the same words in the text shown. Filters in the search
(``company:``, ``title:`` …) choose postings by a field and mark nothing.

The words are marked by an outline drawn around them over the page, not by a
character format, so the evidence colours and span underlines under them stay as
they are.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QTextDocument, QTextLine

from reviewer.core.store import parse_search
from reviewer.core.words import folded

_TOKEN = re.compile(r"(?:[^\W_]|[\u0300-\u036f])+")  # letters and digits, as the index has them


def search_terms(query: str) -> list[list[str]]:
    """The words of a search as the queue reads it (``store.parse_search``: split at
    spaces, words in quotes one phrase, filters apart), each the list of its folded
    parts; terms without a letter or digit are left out."""
    terms = [[folded(w) for w in _TOKEN.findall(term)] for term in parse_search(query).words]
    return [t for t in terms if t]


def find_words(text: str, query: str) -> list[tuple[int, int]]:
    """Where the terms of ``query`` occur in ``text``: (start, end) code point ranges,
    in order; a term of several words matches them in a row within one line."""
    terms = search_terms(query)
    if not terms:
        return []
    if text.isascii():  # (most postings: found without cutting a 2 MB one into words)
        return _in_ascii(text, terms)
    words = [(m.start(), m.end(), folded(m.group())) for m in _TOKEN.finditer(text)]
    at: dict[str, list[int]] = {}
    for i, (_s, _e, word) in enumerate(words):
        at.setdefault(word, []).append(i)
    found: set[tuple[int, int]] = set()
    for term in terms:
        for i in at.get(term[0], ()):
            run = words[i:i + len(term)]
            if [w for _s, _e, w in run] != term:
                continue
            if any("\n" in text[a[1]:b[0]] for a, b in itertools.pairwise(run)):
                continue
            found.add((run[0][0], run[-1][1]))
    return sorted(found)


def _in_ascii(text: str, terms: list[list[str]]) -> list[tuple[int, int]]:
    """``find_words`` of a text of ASCII alone, whose words fold as they lower: each term
    found in the lowered text, its words in a row within one line; overlapping runs
    of it too ("data data" twice in "data data data")."""
    low = text.lower()
    found: set[tuple[int, int]] = set()
    for term in terms:
        if not all(word.isascii() for word in term):
            continue  # (a word past ASCII folded: none in this text)
        run = r"[^a-z0-9\n]+".join(map(re.escape, term))
        for match in re.finditer(rf"(?<![a-z0-9])(?=({run})(?![a-z0-9]))", low):
            found.add(match.span(1))
    return sorted(found)


def search_color(dark: bool) -> QColor:
    """The outline of a search mark: deep orange on light pages, warm yellow on dark
    ones; far in lightness from the pastel field colours, so never taken for one."""
    return QColor("#ffd43b" if dark else "#d9480f")


def range_rects(doc: QTextDocument, start: int, end: int) -> list[QRectF]:
    """The rectangles (document coordinates) the text between document positions
    ``start`` and ``end`` covers, one a line."""
    rects: list[QRectF] = []
    layout = doc.documentLayout()
    block = doc.findBlock(start)
    while block.isValid() and block.position() < end:
        origin = layout.blockBoundingRect(block).topLeft()
        lines = block.layout()
        # from the line that holds the start (not every line of a long paragraph)
        at = lines.lineForTextPosition(max(0, start - block.position()))
        for n in range(at.lineNumber() if at.isValid() else 0, lines.lineCount()):
            line = lines.lineAt(n)
            first = block.position() + line.textStart()
            if first >= end:
                break
            last = first + line.textLength()
            a, b = max(start, first), min(end, last)
            if a >= b:
                continue
            x1, x2 = _x(line, a - block.position()), _x(line, b - block.position())
            rects.append(QRectF(QPointF(min(x1, x2), line.y()) + origin,
                                QPointF(max(x1, x2), line.y() + line.height()) + origin))
        block = block.next()
    return rects


def _x(line: QTextLine, position: int) -> float:
    """Where a position of the line's block lies on the line (PySide6 gives a pair)."""
    found: Any = line.cursorToX(position)
    return float(found[0] if isinstance(found, tuple) else found)


def draw_marks(painter: QPainter, rects: Sequence[QRectF], color: QColor) -> None:
    """A rounded outline around each rectangle, a little outside the glyphs."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(color, 2.0))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    for rect in rects:
        painter.drawRoundedRect(rect.adjusted(-2.0, -1.0, 2.0, 1.0), 3.0, 3.0)
    painter.restore()
