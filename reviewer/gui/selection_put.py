"""Words selected in the posting put into a field (Ctrl+E, or the document's menu):
read as a value of the field, added to a list or replacing it, and said."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QTextCursor

from reviewer.core.extract import value_from_selection
from reviewer.core.schema import FIELDS
from reviewer.gui.text_mapping import SpanMapper, source_span, trim_markup
from reviewer.gui.word_snap import snap_to_words

if TYPE_CHECKING:
    from reviewer.gui.review_flow import ReviewFlow

_LABELS = {spec.name: spec.label for spec in FIELDS}
_LISTS = {spec.name for spec in FIELDS if spec.kind == "list"}
_LINE = re.compile(r"[^\n]+")
_SLACK = 400  # characters of markup a line's source may hold besides its words
_WORD = re.compile(r"\S+")
_ENDS = 8  # words a long line is found by, at each end


def adds_by_default(current: Any) -> bool:
    """Whether a selection put into a list field holding ``current`` is added as an
    item (a list of two or more) rather than replacing it (an empty or one-item list,
    most often the one value the machine found, and wrong)."""
    return isinstance(current, list) and len(current) > 1


def selected_range(cursor: QTextCursor) -> tuple[int, int]:
    """A cursor's selection as document positions, from its start to its end: over table
    cells, from the first cell's start to the last one's end (Qt gives the last cell's
    start as the end of such a selection, and its words were left out)."""
    table = cursor.currentTable()
    if table is None or not cursor.hasComplexSelection():
        return cursor.selectionStart(), cursor.selectionEnd()
    row, rows, column, columns = cursor.selectedTableCells()
    last = table.cellAt(row + rows - 1, column + columns - 1)
    return (table.cellAt(row, column).firstCursorPosition().position(),
            last.lastCursorPosition().position())


def source_ranges(source: str, rendered: str, mapper: SpanMapper | None, start: int,
                  end: int) -> list[tuple[int, int]]:
    """Where ``rendered[start:end]`` (a selection of the document) is in the Markdown
    ``source``: a range a line it covers (a paragraph or a list item, as a list field's
    items are read from it), each widened to whole words, without edge punctuation or
    markup (as a span labelled is). A line found nowhere has none."""
    ranges: list[tuple[int, int]] = []
    for line in _LINE.finditer(rendered, start, end):
        snapped = snap_to_words(rendered, line.start(), line.end())
        if snapped is None:
            continue
        after = ranges[-1][1] if ranges else None
        words = [w.span() for w in _WORD.finditer(rendered, *snapped)]
        if len(words) <= 2 * _ENDS:
            found = _found(source, rendered, mapper, snapped, after)
        else:  # a long line by its first words and its last: a pattern of every word of
            # a paragraph takes a tenth of a second to make
            first = _found(source, rendered, mapper, (snapped[0], words[_ENDS - 1][1]), after)
            last = first and _found(source, rendered, mapper, (words[-_ENDS][0], snapped[1]),
                                    first[1], 4 * (snapped[1] - snapped[0]))
            found = (first[0], last[1]) if first and last else None
        if found:
            ranges.append(trim_markup(source, *found))
    return ranges


def _found(source: str, rendered: str, mapper: SpanMapper | None, part: tuple[int, int],
           after: int | None, reach: int = 0) -> tuple[int, int] | None:
    """Where the rendered ``part`` is in the source: looked for first in the stretch of
    ``reach`` characters (or a few times its length) after ``after`` (where the line
    before it ends: lines follow one another in both, and a megabyte selected was
    searched whole for each of its thousands of lines), and taken if it shows where the
    part is; else in the whole source (``source_span``)."""
    if after is not None:
        words = rendered[part[0]:part[1]]
        stretch = source[after:after + (reach or 4 * len(words)) + _SLACK]
        at = stretch.find(words)  # as shown (no markup in it): no pattern to make
        found = (at, at + len(words)) if at >= 0 else source_span(stretch, rendered, *part)
        if found is not None:  # (the first there: nearest its start)
            found = (after + found[0], after + found[1])
            if mapper is None or mapper.map(*found) == part:
                return found
    return source_span(source, rendered, *part, mapper)


def _quoted(items: Any) -> str:
    text = "; ".join(map(str, items)) if isinstance(items, list) else " ".join(str(items).split())
    return f"“{text if len(text) <= 60 else text[:59] + '…'}”"


def put_text(flow: ReviewFlow, name: str, text: str, add: bool | None = None,
             taken_from: list[tuple[int, int]] | None = None) -> Any:
    """Text a person selected, read as a value of field ``name``. Into a list field
    it is added as an item when ``add`` is true, else it replaces the list; None:
    as ``adds_by_default`` says. ``taken_from``: where the selection is in the cleaned
    text, kept as the value's evidence. The status bar is told what was done. The value
    the file refused, if it did (None: put, or nothing to put)."""
    if flow.posting is None:
        return None
    flow.before_edit("")  # an item being typed into the list first: it is part of it
    current = flow.posting["fields"].get(name) if flow.posting else None
    is_list = name in _LISTS
    add = adds_by_default(current) if add is None else add
    try:
        value = value_from_selection(name, text, current if add else None)
    except ValueError as err:
        flow.message.emit(f"Not put: {err}.", 8000)
        return None
    label = _LABELS.get(name, name)
    if is_list and add and value == current:
        flow.message.emit(f"{label}: {_quoted(text)} is in the list already.", 6000)
        return None
    if not flow.set_field(name, value, taken_from):
        return value
    if not is_list:
        said = f"{label}: {_quoted(text)} put in."
    elif add:
        said = (f"{label}: {_quoted(value[len(current or []):])} added as an item "
                f"({len(value)} items).")
    else:
        said = f"{label}: the list replaced by {_quoted(value)}."
    flow.message.emit(said, 6000)
    return None
