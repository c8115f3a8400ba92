"""Words selected in the posting put into a field (Ctrl+E, or the document's menu):
read as a value of the field, added to a list or replacing it, and said."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from reviewer.core.extract import value_from_selection
from reviewer.core.schema import FIELDS
from reviewer.gui.text_mapping import SpanMapper, snap_to_words, source_span, trim_markup

if TYPE_CHECKING:
    from reviewer.gui.review_flow import ReviewFlow

_LABELS = {spec.name: spec.label for spec in FIELDS}
_LISTS = {spec.name for spec in FIELDS if spec.kind == "list"}
_LINE = re.compile(r"[^\n]+")


def adds_by_default(current: Any) -> bool:
    """Whether a selection put into a list field holding ``current`` is added as an
    item (a list of two or more) rather than replacing it (an empty or one-item list,
    most often the one value the machine found, and wrong)."""
    return isinstance(current, list) and len(current) > 1


def source_ranges(source: str, rendered: str, mapper: SpanMapper | None, start: int,
                  end: int) -> list[tuple[int, int]]:
    """Where ``rendered[start:end]`` (a selection of the document) is in the Markdown
    ``source``: a range a line it covers (a paragraph or a list item, as a list field's
    items are read from it), each widened to whole words, without edge punctuation or
    markup (as a span labelled is). A line found nowhere has none."""
    ranges = []
    for line in _LINE.finditer(rendered, start, end):
        snapped = snap_to_words(rendered, line.start(), line.end())
        found = snapped and source_span(source, rendered, *snapped, mapper)
        if found:
            ranges.append(trim_markup(source, *found))
    return ranges


def _quoted(items: Any) -> str:
    text = "; ".join(map(str, items)) if isinstance(items, list) else " ".join(str(items).split())
    return f"“{text if len(text) <= 60 else text[:59] + '…'}”"


def put_text(flow: ReviewFlow, name: str, text: str, add: bool | None = None,
             taken_from: list[tuple[int, int]] | None = None) -> None:
    """Text a person selected, read as a value of field ``name``. Into a list field
    it is added as an item when ``add`` is true, else it replaces the list; None:
    as ``adds_by_default`` says. ``taken_from``: where the selection is in the cleaned
    text, kept as the value's evidence. The status bar is told what was done."""
    if flow.posting is None:
        return
    flow.before_edit("")  # an item being typed into the list first: it is part of it
    current = flow.posting["fields"].get(name) if flow.posting else None
    is_list = name in _LISTS
    add = adds_by_default(current) if add is None else add
    try:
        value = value_from_selection(name, text, current if add else None)
    except ValueError as err:
        flow.message.emit(f"Not put: {err}.", 8000)
        return
    label = _LABELS.get(name, name)
    if is_list and add and value == current:
        flow.message.emit(f"{label}: {_quoted(text)} is in the list already.", 6000)
        return
    if not flow.set_field(name, value, taken_from):
        return
    if not is_list:
        said = f"{label}: {_quoted(text)} put in."
    elif add:
        said = (f"{label}: {_quoted(value[len(current or []):])} added as an item "
                f"({len(value)} items).")
    else:
        said = f"{label}: the list replaced by {_quoted(value)}."
    flow.message.emit(said, 6000)
