"""A field's other readings: the values stages of the extraction found beside the one
that won (``posting["machine"][field]["alternatives"]``, best first), offered in the
menu of the field's row. Picking one is a correction, as typing the value would be.

The values come from postings: an action's text is one plain line, its ``&`` doubled so
that Qt shows it rather than reading a mnemonic.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from reviewer.gui.plain import value_text

LONGEST = 60  # characters of a value shown in the menu


def offered(alternatives: list[dict[str, Any]], current: Any) -> list[dict[str, Any]]:
    """The alternatives that are not the field's value now."""
    return [a for a in alternatives if a.get("value") != current]


def action_text(alternative: dict[str, Any]) -> str:
    """'Use “Forklift Operator” (from prose, 0.45)', one line, no mnemonic."""
    text = value_text(alternative.get("value"), short=False)
    if len(text) > LONGEST:
        text = text[:LONGEST - 1] + "…"
    confidence = float(alternative.get("confidence") or 0.0)
    stage = " ".join(str(alternative.get("stage") or "another stage").split())
    return f"Use “{text}” (from {stage}, {confidence:.2f})".replace("&", "&&")


def alternatives_menu(widget: QWidget, name: str, alternatives: list[dict[str, Any]],
                      pick: Callable[[str, Any], None]) -> QMenu:
    """The menu of a field's row: an action a reading, above the widget's own actions
    (a line edit's copy and paste) when it has them."""
    make = getattr(widget, "createStandardContextMenu", None)
    menu = make() if callable(make) else None
    if not isinstance(menu, QMenu):
        menu = QMenu(widget)
    first = menu.actions()[0] if menu.actions() else None
    for alternative in alternatives:
        action = QAction(action_text(alternative), menu)
        action.triggered.connect(lambda _checked=False, v=alternative["value"]: pick(name, v))
        menu.insertAction(first, action)  # type: ignore[arg-type]
    if first is not None:
        menu.insertSeparator(first)
    return menu
