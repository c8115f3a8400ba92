"""The menu of a posting's row in the list: show only the postings with its company, in
one of its places or from its source; clear the filters. Values come from the postings:
each is one line, cut, its "&" shown (never a shortcut)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QMenu, QWidget

from reviewer.core.store import PLACES_APART, parse_search, source_scope
from reviewer.gui.plain import menu_text
from reviewer.gui.queue_model import QueueModel

MENU_TEXT = 40  # characters of a value shown in a menu
MENU_PLACES = 6  # the places of a posting a right-click offers to filter by


def _menu_text(text: str) -> str:
    """``text`` for a menu item: one line, not too long, its & shown (not a shortcut)."""
    text = " ".join(text.split())
    text = text if len(text) <= MENU_TEXT else text[:MENU_TEXT - 1] + "…"
    return menu_text(text)


def row_menu(parent: QWidget, model: QueueModel, index: QModelIndex, search: str,
             add_filter: Callable[[str, str], None], clear_filters: Callable[[], None]) -> QMenu:
    """The menu of the row at ``index``: a filter by its company, one of its places (the
    first ``MENU_PLACES``) or its source (file, folder or site), each given to
    ``add_filter``; "Clear the filters" when the ``search`` holds any."""
    menu = QMenu(parent)
    if index.isValid():
        row = index.row()
        places = (model.location_at(row) or "").split(PLACES_APART)
        values = [("company", "with company", model.company_at(row)),
                  *(("location", "in", place) for place in
                    dict.fromkeys(p for p in places if p.strip()))][:1 + MENU_PLACES]
        for field, words, value in values:
            if value:
                action = menu.addAction(f"Show only postings {words} “{_menu_text(value)}”")
                action.setData((field, value))
        scope = source_scope(model.source_at(row))
        if scope is not None:
            action = menu.addAction(f"Show only postings from “{_menu_text(scope[0])}”")
            action.setData(("source", scope[1]))
        for action in menu.actions():
            action.triggered.connect(lambda _c=False, a=action: add_filter(*a.data()))
    if parse_search(search).filters:
        menu.addSeparator()
        menu.addAction("Clear the filters", clear_filters)
    return menu
