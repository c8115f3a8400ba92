"""Buttons and tabs whose words label a section of the posting.

A button is a control, its words no content ("Apply", "Submit", "Read more"), but for
two kinds that name a section: an accordion's button, written inside the heading it
opens (``<h2><button aria-expanded=…>Compensation & benefits</button></h2>``), whose
words are the heading's (not a "Save job" button beside a title's words); and a tab,
which names the panel it shows. A page of tabs writes them in a list of their own and
each panel apart, so that read in order the panels run on with nothing to tell where
the requirements end and the pay begins: the tab's words are written as a heading at
the top of its panel. ARIA names the pair both ways: a tab (``role="tab"``) names the
panel it shows (``aria-controls``, or a link's or a script's "#id"), and a panel
(``role="tabpanel"``) the tab that labels it (``aria-labelledby``).
"""

from __future__ import annotations

from selectolax.lexbor import LexborNode

_HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
_HEADING_DEPTH = 4  # how far inside a heading its button may sit (a span or two between)
_TARGETS = ("aria-controls", "href", "data-bs-target", "data-target")


def heading_of(node: LexborNode) -> LexborNode | None:
    """The heading ``node`` sits inside, if any."""
    parent = node.parent
    for _ in range(_HEADING_DEPTH):
        if parent is None:
            return None
        if parent.tag in _HEADINGS:
            return parent
        parent = parent.parent
    return None


def names_heading(button: LexborNode) -> bool:
    """Is ``button`` the whole of the heading it sits in, its words the heading's? Not a
    control beside a heading's own words ("Data Engineer" and its "Save job" button)."""
    heading = heading_of(button)
    if heading is None:
        return False
    words = (button.text(deep=True) or "").split()
    return bool(words) and words == (heading.text(deep=True) or "").split()


def tab_labels(nodes: list[LexborNode]) -> tuple[dict[str, str], frozenset[int]]:
    """The words of each tab by the id of the panel it labels, and the tabs themselves
    (their words are written as their panel's heading, not where the tabs stand). A tab
    inside a heading is left where it is: the heading writes its words."""
    if not nodes:
        return {}, frozenset()
    root = nodes[0]
    while root.parent is not None:
        root = root.parent
    found = root.css('[role="tab"], [role="tabpanel"][aria-labelledby]')
    if not found:
        return {}, frozenset()
    tabs = [node for node in found if node.attributes.get("role") == "tab"
            and heading_of(node) is None]
    labels: dict[str, LexborNode] = {}  # panel id: its tab
    for tab in tabs:
        attrs = tab.attributes
        for name in _TARGETS:
            target = (attrs.get(name) or "").strip()
            if name != "aria-controls":
                target = target[1:] if target.startswith("#") else ""
            if target:
                labels.setdefault(target.split()[0], tab)
                break
    by_id = {tab.id: tab for tab in tabs if tab.id}
    for panel in found:
        named = (panel.attributes.get("aria-labelledby") or "").strip()
        if panel.id and named in by_id and panel.attributes.get("role") == "tabpanel":
            labels.setdefault(panel.id, by_id[named])
    words = {panel: " ".join((tab.text(deep=True) or "").split())
             for panel, tab in labels.items()}
    return {panel: text for panel, text in words.items() if text}, \
        frozenset(tab.mem_id for tab in labels.values())
