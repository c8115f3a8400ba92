"""The posting's head: its title, and what lies between the title and the body.

The block that holds the posting's description is found by its text (``main_block``).
Its title is often outside it, in a block above, with the company and the place beside
it, and a block of details (pay, job type, hours) between the two: short lines that no
score counts. When the title's block and the blocks down to the body are the body's
siblings, and none of them is a page's (a bar of links, furniture, a menu; a hidden
block or a bar of page controls between is passed over, as no text of the posting),
they are the posting's head and are kept with it. Else the title alone is kept
(``title_outside``).

The title is known by what it is, not by its level: an <h1>, a heading that names the
page (its <title>, its og:title, the title of its JSON-LD posting: "Clinical Data
Manager II" under "Clinical Data Manager II - Harrowgate Health Careers"), or the first
heading of the blocks that hold the posting, when it is no section's ("Who we are").
"""

from __future__ import annotations

from collections.abc import Sequence

from selectolax.lexbor import LexborNode

from reviewer.core.clean.hidden import HIDDEN
from reviewer.core.clean.main_block import chrome_named, furniture
from reviewer.core.clean.nodes import children
from reviewer.core.clean.page_parts import CONTROLS
from reviewer.core.words.lexicon import section_field
from reviewer.core.words.regex import lazy_compile
from reviewer.core.words.text import normalise_space

_INERT = frozenset("script style noscript template img picture svg input button br".split())
_HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
PASSED_OVER = (HIDDEN, CONTROLS)  # reasons of a dropped block the head runs across
_TITLE_DEPTH = 6  # how many wrappers deep a block's first heading is looked for
# what parts a page's title: "Data Engineer – Acme | Jobs", "Acme: Data Engineer (Remote)"
_PARTS = lazy_compile(r"\s*[|:·•/(),–—]\s*")


def head_blocks(
    main: list[LexborNode], dropped: dict[int, str], titles: Sequence[str] = ()
) -> list[LexborNode]:
    """The sibling blocks before ``main`` from the one that holds the posting's title
    down to it, in page order; empty when there is no such run. Not when ``main`` holds
    a title of its own (an <h1>, a heading naming the page): one before it is the page's.
    ``titles``: what the page says its title is (see ``names_page``)."""
    if main[0].tag in ("body", "html") or \
            any(_holds_title(node, dropped, titles) for node in main):
        return []
    run: list[LexborNode] = []
    sibling = main[0].prev
    while sibling is not None:
        if sibling.is_text_node:
            if (sibling.text_content or "").strip():
                return []  # (bare text between: no block layout to read)
        elif sibling.mem_id in dropped:
            if sibling.tag not in _INERT and dropped[sibling.mem_id] not in PASSED_OVER:
                return []  # (a menu, a share bar: the title before it is not the body's)
        elif (sibling.text(deep=True) or "").strip():
            titled = _holds_title(sibling, dropped, titles)
            if (_links_most(sibling) and not _first_heading(sibling, dropped)) or \
                    furniture(sibling) or (not titled and chrome_named(sibling)):
                return []
            run.append(sibling)
            if titled:
                return [] if _titled_before(sibling, dropped, titles) else run[::-1]
            if _links_most(sibling) and _text_before(sibling, dropped):
                return []  # (a linked heading heads the posting only as its first block)
        sibling = sibling.prev
    # the start of the blocks that hold the posting: their first heading is its title
    return run[::-1] if run and _first_heading(run[-1], dropped) else []


def _first_heading(node: LexborNode, dropped: dict[int, str]) -> bool:
    """Does ``node`` open with a heading (it is one, or the first block of text in it is
    one) that heads no section ("Who we are", "Requirements")?"""
    first: LexborNode | None = node
    for _ in range(_TITLE_DEPTH):
        if first is None or first.tag in _HEADINGS:
            break
        first = next((child for child in children(first) if child.mem_id not in dropped
                      and (child.text(deep=True) or "").strip()), None)
    if first is None or first.tag not in _HEADINGS:
        return False
    text = normalise_space(first.text(deep=True, separator=" ") or "")
    return bool(text) and not section_field(text)[0]


def _text_before(node: LexborNode, dropped: dict[int, str]) -> bool:
    sibling = node.prev
    while sibling is not None:
        if sibling.is_text_node and (sibling.text_content or "").strip():
            return True
        if sibling.is_element_node and sibling.mem_id not in dropped and \
                (sibling.text(deep=True) or "").strip():
            return True
        sibling = sibling.prev
    return False


def _titled_before(node: LexborNode, dropped: dict[int, str], titles: Sequence[str]) -> bool:
    """Does a block before ``node`` hold a title too? Then the one in ``node`` heads a
    part of the posting's page of its own ("Contact"), not the posting."""
    sibling = node.prev
    while sibling is not None:
        if sibling.is_element_node and sibling.mem_id not in dropped and \
                _holds_title(sibling, dropped, titles):
            return True
        sibling = sibling.prev
    return False


def _holds_title(node: LexborNode, dropped: dict[int, str], titles: Sequence[str]) -> bool:
    """Is ``node``, or does it hold, an <h1> or a heading naming the page?"""
    headings = [node] if node.tag in _HEADINGS else node.css(", ".join(sorted(_HEADINGS)))
    return any(_is_title(heading, titles) and not _under_dropped(heading, dropped)
               for heading in headings)


def _is_title(heading: LexborNode, titles: Sequence[str]) -> bool:
    text = normalise_space(heading.text(deep=True, separator=" ") or "")
    return bool(text) and (heading.tag == "h1" or names_page(text, titles))


def names_page(text: str, titles: Sequence[str]) -> bool:
    """Is ``text`` one of the page's titles, or whole parts of one ("Clinical Data
    Manager II" of "Clinical Data Manager II - Harrowgate Health Careers"; not
    "Healthcare" of "Healthcare jobs in Duluth, MN")?"""
    key = _key(text)
    if len(key) < 3:
        return False
    for title in titles:
        whole = _key(title)
        starts, ends = {0}, {len(whole)}
        for part in _PARTS.finditer(whole):
            ends.add(part.start())
            starts.add(part.end())
        at = whole.find(key)
        while at >= 0:
            if at in starts and at + len(key) in ends:
                return True
            at = whole.find(key, at + 1)
    return False


def _key(text: str) -> str:
    """A title's form for matching: folded case, one space, " - " as " – "."""
    return normalise_space(text).casefold().replace(" - ", " – ").strip(" .!")


def _links_most(node: LexborNode) -> bool:
    """Is half the block's text or more in links (a bar of them, a list of other jobs)?"""
    text = len((node.text(deep=True) or "").strip())
    in_links = sum(len((a.text(deep=True) or "").strip()) for a in node.css("a"))
    return in_links >= text * 0.5


def title_outside(
    main: list[LexborNode], dropped: dict[int, str], titles: Sequence[str] = ()
) -> LexborNode | None:
    """The posting's title (an <h1>, a heading naming the page) when it sits before the
    chosen block, outside it."""
    ids = {n.mem_id for n in main}
    ancestor = main[0].parent
    for _ in range(4):
        if ancestor is None or ancestor.tag in ("body", "html"):
            return None
        for node in ancestor.traverse(include_text=False):
            if node.mem_id in ids:
                break  # reached the posting body: no title before it here
            if node.tag in _HEADINGS and \
                    _is_title(node, titles) and not _under_dropped(node, dropped):
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
