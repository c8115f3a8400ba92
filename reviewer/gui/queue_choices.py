"""The queue pane's choices (status, field state, order), their tips, and the search's."""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtWidgets import QComboBox

STATUS_CHOICES = (("All postings", None), ("New", "new"), ("Reviewed", "reviewed"),
                  ("Skipped", "skipped"), ("Flagged", "flagged"))
ORDER_CHOICES = (("Import order", "import"), ("Least confident first", "confidence"),
                 ("Most useful to review next", "useful"), ("Recently edited", "recent"))
ORDER_TIPS = {
    "confidence": "The postings whose least sure field is least sure first.",
    "useful": "The postings the project's learned model is least sure of first, taking\n"
              "turns among the files and sites they came from; postings no model has\n"
              "read come last. Learn under Review → Learn from the reviewed postings,\n"
              "then put its suggestions on the postings not yet reviewed.",
}
STATE_CHOICES = (("Any field state", None), ("Fields left to review", "suggested"),
                 ("A field corrected", "corrected"), ("A field rejected", "rejected"),
                 ("A field accepted", "accepted"), ("Reviewers disagree", "disagreement"))
STATE_TIPS = {"disagreement": "Postings whose reviewers (their files merged) differ on a field\n"
                              "or a question that no one has decided yet."}
SEARCHED = "search"  # the order combo's item while a search lists best match first
SEARCH_TIP = (
    "Enter searches. Words: the postings with every word (in the title, company or text),\n"
    "best match first; -word, -\"two words\", -company:acme: those without it.\n"
    "Filters, alone or with words (filters alone keep the chosen order):\n"
    "    source:example.com     from a file, folder or site (any part of its name)\n"
    "    company:acme     title:engineer     location:berlin\n"
    'Put a value with spaces in quotes: company:"Acme Corp".\n'
    "Right-click a posting to show only those of its company, location or source.")
ORDER_TIP = "The order of the list (a search lists its matches best match first)"
RANKED_TIP = ("Search results are listed best match first (by relevance).\n"
              "Clear the search words to list them in the chosen order;\n"
              "filters alone (company:, source: …) keep it.")
UNRANKED_TIP = ("Too many postings match to rank them by relevance: they are listed\n"
                "in import order. Add words or filters to rank them.")


def choice_box(choices: tuple[tuple[str, str | None], ...],
               tips: dict[str, str] | None = None, name: str = "") -> QComboBox:
    """A choice of ``choices`` (text, value), each value's tip from ``tips``; ``name``
    what a screen reader calls it."""
    combo = QComboBox()
    combo.setAccessibleName(name)
    for text, value in choices:
        combo.addItem(text, value)
        if tips and value in tips:
            combo.setItemData(combo.count() - 1, tips[value], Qt.ItemDataRole.ToolTipRole)
    return combo


def show_order(combo: QComboBox, order: str, ranked: bool | None) -> None:
    """The order combo says what the list is in: the chosen ``order``, or best match
    first while a search ranks (``ranked``: None for no search words; False when too
    many match to rank); the chosen one comes back with the list."""
    with QSignalBlocker(combo):
        searched = combo.findData(SEARCHED)
        if searched >= 0:
            combo.removeItem(searched)
        if ranked is None:
            combo.setCurrentIndex(combo.findData(order))
            combo.setToolTip(ORDER_TIP)
        else:
            combo.addItem("Best match first (search)" if ranked
                          else "Import order (too many matches to rank)", SEARCHED)
            combo.setCurrentIndex(combo.count() - 1)
            combo.setToolTip(RANKED_TIP if ranked else UNRANKED_TIP)
        combo.setEnabled(ranked is None)
