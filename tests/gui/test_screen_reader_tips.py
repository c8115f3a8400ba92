"""What a screen reader is told of a tooltip is its text: a tooltip shown as text that
looks like HTML is escaped rich text, and Qt gave that markup to screen readers as the
widget's description ("<p>team &lt;b&gt;…</p>")."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QWidget

from reviewer.core.labels import Option, Question, option_key
from reviewer.gui.labels_panel import LabelsPanel


def described(widget: QWidget) -> str:
    return QAccessible.queryAccessibleInterface(widget).text(  # type: ignore[union-attr]
        QAccessible.Text.Description)


def test_label_options_and_questions_are_described_as_text(qtbot: Any) -> None:
    name = "team <b>red</b> & blue"
    panel = LabelsPanel()
    qtbot.addWidget(panel)
    panel.set_schema([Question(name="quality", kind="single", options=[Option(name=name)])])
    panel.set_descriptions({"question:quality": "Is it <i>good</i>?",
                            option_key("quality", name): "A <img src='x'> team"})
    panel.show()
    assert described(panel.buttons[("quality", name)]) == f"quality: {name}\nA <img src='x'> team"
    assert described(panel.groups[0]) == "Is it <i>good</i>?"
    assert panel.buttons[("quality", name)].toolTip().startswith("<p>")  # shown as text


def test_the_list_s_search_and_choices_have_names(qtbot: Any, project: Any,
                                                 open_window: Any) -> None:
    """The search box and the status, field state and order choices had no accessible
    name: a screen reader said "edit" and "combo box"."""
    window = open_window(project)
    pane = window.queue_pane
    names = [widget.accessibleName() for widget in (
        pane.search_box, pane.status_filter, pane.state_filter, pane.order_choice)]
    assert names == ["Search the postings", "Status", "Field state", "Order"]
