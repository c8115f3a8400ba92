"""The posting's head: its title, and what lies between the title and the body.

The block that holds the posting's description is found by its text (``main_block``).
Its title is often outside it, in a block above, with the company and the place beside
it, and a block of details (pay, job type, hours) between the two: short lines that no
score counts. When the title's block and the blocks down to the body are the body's
siblings, and none of them is a page's (a bar of links, furniture, a menu; a hidden
block between is passed over, as off the screen), they are the posting's head and are
kept with it. Else the title alone is kept (``title_outside``).
"""

from __future__ import annotations

from selectolax.lexbor import LexborNode

from reviewer.core.clean.hidden import HIDDEN
from reviewer.core.clean.main_block import chrome_named, furniture

_INERT = frozenset("script style noscript template img picture svg input button br".split())


def head_blocks(main: list[LexborNode], dropped: dict[int, str]) -> list[LexborNode]:
    """The sibling blocks before ``main`` from the one that holds the posting's title
    (an <h1>) down to it, in page order; empty when there is no such run. Not when
    ``main`` holds an <h1> of its own: a title before it is then the page's."""
    if main[0].tag in ("body", "html") or \
            any(node.tag == "h1" or node.css_first("h1") is not None for node in main):
        return []
    run: list[LexborNode] = []
    sibling = main[0].prev
    while sibling is not None:
        if sibling.is_text_node:
            if (sibling.text_content or "").strip():
                return []  # (bare text between: no block layout to read)
        elif sibling.mem_id in dropped:
            if sibling.tag not in _INERT and dropped[sibling.mem_id] != HIDDEN:
                return []  # (a menu, a share bar: the title before it is not the body's)
        elif (sibling.text(deep=True) or "").strip():
            titled = _holds_title(sibling, dropped)
            if _links_most(sibling) or furniture(sibling) or \
                    (not titled and chrome_named(sibling)):
                return []
            run.append(sibling)
            if titled:
                return [] if _titled_before(sibling, dropped) else run[::-1]
        sibling = sibling.prev
    return []


def _titled_before(node: LexborNode, dropped: dict[int, str]) -> bool:
    """Does a block before ``node`` hold an <h1> too? Then the one in ``node`` heads a
    part of the posting's page of its own ("Contact"), not the posting."""
    sibling = node.prev
    while sibling is not None:
        if sibling.is_element_node and sibling.mem_id not in dropped and \
                _holds_title(sibling, dropped):
            return True
        sibling = sibling.prev
    return False


def _holds_title(node: LexborNode, dropped: dict[int, str]) -> bool:
    if node.tag == "h1":
        return True
    return any((h1.text(deep=True) or "").strip() and not _under_dropped(h1, dropped)
               for h1 in node.css("h1"))


def _links_most(node: LexborNode) -> bool:
    """Is half the block's text or more in links (a bar of them, a list of other jobs)?"""
    text = len((node.text(deep=True) or "").strip())
    in_links = sum(len((a.text(deep=True) or "").strip()) for a in node.css("a"))
    return in_links >= text * 0.5


def title_outside(main: list[LexborNode], dropped: dict[int, str]) -> LexborNode | None:
    """The posting's <h1> when it sits before the chosen block, outside it."""
    ids = {n.mem_id for n in main}
    ancestor = main[0].parent
    for _ in range(4):
        if ancestor is None or ancestor.tag in ("body", "html"):
            return None
        for node in ancestor.traverse(include_text=False):
            if node.mem_id in ids:
                break  # reached the posting body: no title before it here
            if node.tag == "h1" and (node.text(deep=True) or "").strip() and \
                    not _under_dropped(node, dropped):
                return node
        ancestor = ancestor.parent
    return None


def _under_dropped(node: LexborNode, dropped: dict[int, str]) -> bool:
    current: LexborNode | None = node
    while current is not None:
        if current.mem_id in dropped:
            return True
        current = current.parent
    return False
