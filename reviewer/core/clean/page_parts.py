"""Parts of a page that sit in or beside a posting and are none of it, found by their
shape where their tag and names say nothing:

- a list of other jobs' teasers: cards side by side, each opening with a link that
  names a job and going on with its company, place or pay (a search page's results,
  which hold the posting opened in full beside them or as one of them);
- a bar of page controls: a block of nothing but short links and buttons, one of them
  a control by its words ("Apply now", "Share"), its look (a link drawn as a button) or
  its target (a script's "#", a share or apply address), the others with it ("Email
  this job to a friend", "Refer a friend");
- a heading over nothing but what cleaning removed (a video, a map): "Meet the team"
  over an embedded player;
- a menu in a page laid out in a table: a cell of links beside a cell of the page's
  text.

Each is added to the page's dropped elements with its reason, as the tags and names
that always go are (``html``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

from selectolax.lexbor import LexborNode

from reviewer.core.clean.nodes import children, walk
from reviewer.core.words.lexicon import boilerplate_reason, has_job_noun
from reviewer.core.words.regex import lazy_compile

OTHER_JOBS = "list of other jobs"
CONTROLS = "page control"
EMPTY_HEADING = "heading over removed media"
MENU = "navigation"
MEDIA = "form control or media"  # (the reason ``html`` gives an embedded player or map)

_HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
_LAYOUT = frozenset("p div table ul ol dl h1 h2 h3 h4 h5 h6 section article".split())
_INLINE = frozenset("a span button strong b em i u font small label".split())
_CONTROL_REASONS = frozenset((CONTROLS, "social links", OTHER_JOBS))
_BAR_CHARS = 200  # the most text a bar of controls holds
_CONTROL_WORDS = 6  # ... and each of its links
# the most (characters of text, elements) a bar of controls, a teaser card, a menu holds
_BAR_SIZE = (_BAR_CHARS, 60)
_CARD_SIZE = (1200, 300)
_MENU_SIZE = (1500, 400)
_CARD_WORDS = 80  # the most words a teaser holds
_TITLE_WORDS = 12
_BUTTON_CLASS = lazy_compile(r"\bbtn\b|button|\bcta\b")
_ACTING_HREF = lazy_compile(r"#?$|javascript:|mailto:\?|.*(?:/apply\b|[?&]mode=apply|sharer|"
                            r"share(?:article|-offsite)|intent/tweet)")
_BACK = lazy_compile(r"<<|«|‹|←|back to\b")  # ("<< Back to Employment Opportunities")
_SEPARATORS = frozenset("|·•-–—/,")


def mark_page_parts(body: LexborNode, dropped: dict[int, str]) -> None:
    """Add the teasers of other jobs, the bars of controls, the headings over removed
    media and the menus of a layout table that ``body`` holds to ``dropped`` (mem_id to
    reason). Each element is weighed once and only a small one is read whole, so that a
    page nested thousands deep costs no more than its size."""
    sizes = _sizes(body)
    stack = [(body, body)]  # (an element, the outermost wrapper that holds it alone)
    while stack:
        node, top = stack.pop()
        inside = [c for c in children(node) if c.mem_id not in dropped]
        for card in _teasers([c for c in inside if sizes[c.mem_id][2] and
                              sizes[c.mem_id][1] >= 4 and _within(sizes, c, _CARD_SIZE)]):
            dropped[card.mem_id] = OTHER_JOBS
        alone = len(inside) == 1 and node.mem_id != body.mem_id and \
            sizes[node.mem_id][0] == sizes[inside[0].mem_id][0]
        for child in inside:
            if child.mem_id in dropped:
                continue
            outer = top if alone else child
            if child.tag in _HEADINGS:
                if _over_nothing(child, dropped):
                    dropped[child.mem_id] = EMPTY_HEADING
            elif sizes[child.mem_id][2] and _within(sizes, child, _BAR_SIZE) and \
                    not _wrapper(child) and \
                    _control_bar(child, dropped) and \
                    (outer.tag not in _INLINE or _alone(outer)):
                dropped[outer.mem_id] = CONTROLS
            elif child.tag == "td" and _within(sizes, child, _MENU_SIZE) and _menu_cell(child):
                dropped[child.mem_id] = MENU
            elif sizes[child.mem_id][2] or sizes[child.mem_id][3]:
                stack.append((child, outer))  # (no link and no heading: none of these)


def _sizes(body: LexborNode) -> dict[int, tuple[int, int, int, int]]:
    """For each element of ``body``: how many characters of text (but the spaces around
    it), elements (itself among them), links or buttons and headings it holds (one pass,
    each element counted when its last child is, from a stack of the open ones)."""
    sizes: dict[int, tuple[int, int, int, int]] = {}
    stack: list[list[Any]] = [[body, body.child, 0, 0, 0, 0]]  # (element, next child, counts)
    while stack:
        open_ = stack[-1]
        child = open_[1]
        if child is not None:
            open_[1] = child.next
            if child.is_text_node:
                open_[2] += len((child.text_content or "").strip())
            elif child.is_element_node:
                stack.append([child, child.child, 0, 0, 0, 0])
            continue
        stack.pop()
        node = open_[0]
        tag = node.tag
        size = (open_[2], open_[3] + 1, open_[4] + (tag == "a" or tag == "button"),
                open_[5] + (tag in _HEADINGS))
        sizes[node.mem_id] = size
        if stack:
            holder = stack[-1]
            holder[2] += size[0]
            holder[3] += size[1]
            holder[4] += size[2]
            holder[5] += size[3]
    return sizes


def _within(
    sizes: dict[int, tuple[int, int, int, int]], node: LexborNode, most: tuple[int, int]
) -> bool:
    chars, elements, _, _ = sizes.get(node.mem_id, (0, 0, 0, 0))
    return chars <= most[0] and elements <= most[1]


def _wrapper(node: LexborNode) -> bool:
    """Does ``node`` hold one element and no text of its own (weighed at that element)?"""
    elements = 0
    child = node.child
    while child is not None:
        if child.is_element_node:
            elements += 1
        elif child.is_text_node and (child.text_content or "").strip():
            return False
        child = child.next
    return elements == 1 and node.tag not in ("a", "button")


# --- teasers of other jobs -----------------------------------------------------------------


def _teasers(siblings: list[LexborNode]) -> list[LexborNode]:
    """The siblings that are teaser cards, when two or more of one tag are, and most of
    their titles name a job."""
    if len(siblings) < 2:
        return []
    tags = Counter(child.tag for child in siblings)
    titled = [(child, title) for child in siblings
              if tags[child.tag] >= 2 and (title := _teaser_title(child))]
    cards = Counter(card.tag for card, _ in titled)
    titled = [(card, title) for card, title in titled if cards[card.tag] >= 2]
    jobs = sum(has_job_noun(title) for _, title in titled)
    return [card for card, _ in titled] if titled and 2 * jobs >= len(titled) else []


def _teaser_title(card: LexborNode) -> str | None:
    """The title of a teaser card: the text of the link its first block is, when two or
    more blocks of text follow it with no link (company, place, pay). None for no card."""
    inner = card
    for _ in range(3):  # (through the wrappers that hold the card's blocks)
        if not _wrapper(inner):
            break
        inner = next(children(inner))
    if inner.tag in _HEADINGS or inner.tag in ("a", "p") or inner.child is None:
        return None
    if sum(1 for _ in children(inner)) < 3:
        return None
    blocks = [child for child in children(inner) if (child.text(deep=True) or "").strip()]
    if len(blocks) < 3:
        return None
    link = blocks[0] if blocks[0].tag == "a" else blocks[0].css_first("a[href]")
    if link is None:
        return None
    title = " ".join((link.text(deep=True, separator=" ") or "").split())
    if not 0 < len(title.split()) <= _TITLE_WORDS or \
            title != " ".join((blocks[0].text(deep=True, separator=" ") or "").split()):
        return None
    if len((card.text(deep=True, separator=" ") or "").split()) > _CARD_WORDS:
        return None
    rest = [block for block in blocks[1:] if block.css_first("a[href]") is None]
    return title if len(rest) >= 2 else None


# --- bars of page controls -----------------------------------------------------------------


def _control_bar(node: LexborNode, dropped: dict[int, str]) -> bool:
    """Is ``node`` a bar of page controls (see the module's words)? (Its caller sees
    that it stands on a line of its own, not a link in a sentence: "please apply now".)
    Its texts are read one by one, and the first that no bar holds ends the reading."""
    pieces = [(" ".join((node.text(deep=True) or "").split()), node)] \
        if node.tag in ("a", "button") else _pieces(node, dropped)
    known = controls = False
    for words, control in pieces:
        if control is None:  # (text outside any link or button)
            if boilerplate_reason(words) not in _CONTROL_REASONS and \
                    not set(words) <= _SEPARATORS | {" "}:
                return False
            known = known or bool(boilerplate_reason(words))
            continue
        if len(words.split()) > _CONTROL_WORDS:
            return False
        controls = True
        known = known or _is_control(control, words)
    return controls and known  # (no link or button: a line that says "Apply" heads how to)


def _pieces(node: LexborNode, dropped: dict[int, str]) -> Iterator[tuple[str, LexborNode | None]]:
    """The texts ``node`` shows: each link's or button's whole, with it, and each run of
    text outside them, with None. (A button is dropped as a form's control, a link to a
    share site as a share bar's: they count.)"""
    controls: dict[int, bool] = {}  # (each element asked once: its attributes cost a dict)

    def control(element: LexborNode) -> bool:
        key = element.mem_id
        if key not in controls:
            controls[key] = _control_tag(element)
        return controls[key]

    for child in walk(node, lambda e: e.mem_id not in dropped and e.tag not in _HEADINGS
                      and not control(e)):
        if child.is_text_node:
            words = " ".join((child.text_content or "").split())
            if words:
                yield words, None
        elif control(child):
            words = " ".join((child.text(deep=True, separator=" ") or "").split())
            if words:
                yield words, child
        elif child.tag in _HEADINGS and child.mem_id not in dropped:
            yield "heading", None  # (a heading is no control: it ends a bar)


def _control_tag(node: LexborNode) -> bool:
    return node.tag in ("a", "button") or node.attributes.get("role") == "button"


def _is_control(link: LexborNode, words: str) -> bool:
    attrs = link.attributes
    return link.tag == "button" or attrs.get("role") == "button" or \
        bool(_BUTTON_CLASS.search(attrs.get("class") or "")) \
        or (attrs.get("href") is not None and bool(_ACTING_HREF.match(attrs["href"] or ""))) \
        or boilerplate_reason(words) in _CONTROL_REASONS or bool(_BACK.match(words.lower()))


def _alone(node: LexborNode) -> bool:
    """Does an inline element stand on a line of its own (no text or inline element
    beside it)?"""
    for forward in (False, True):
        sibling = node.next if forward else node.prev
        while sibling is not None:
            if sibling.is_text_node:
                if (sibling.text_content or "").strip():
                    return False
            elif sibling.is_element_node and sibling.tag != "br":
                if sibling.tag in _INLINE and (sibling.text(deep=True) or "").strip():
                    return False
                break
            sibling = sibling.next if forward else sibling.prev
    return True


# --- menus in a layout table ------------------------------------------------------------------


def _menu_cell(cell: LexborNode) -> bool:
    """Is a table cell a column of links (a menu) beside a column of the page's text (a
    cell that holds paragraphs, lists or a table: a page laid out in a table)? A cell of
    links in a table of values ("Locations": Austin, Boston) has no such neighbour."""
    row = cell.parent
    if row is None or not any(other.tag == "td" and other.mem_id != cell.mem_id and
                              holds_layout(other) for other in children(row)):
        return False
    links = [" ".join((a.text(deep=True) or "").split()) for a in cell.css("a[href]")]
    links = [words for words in links if words]
    text = len(" ".join((cell.text(deep=True) or "").split()))
    return len(links) >= 3 and all(len(words.split()) <= _CONTROL_WORDS for words in links) \
        and sum(map(len, links)) >= 0.5 * text


def holds_layout(cell: LexborNode) -> bool:
    """Does a table cell hold blocks (paragraphs, lists, a table): a column of a page
    laid out in a table, not a value?"""
    return any(child.tag in _LAYOUT for child in children(cell))


# --- headings over nothing ---------------------------------------------------------------------


def _over_nothing(heading: LexborNode, dropped: dict[int, str]) -> bool:
    """Is everything after ``heading`` in its parent (up to the next heading) media that
    cleaning removed, and is there some?"""
    media = False
    sibling = heading.next
    while sibling is not None:
        if sibling.is_text_node:
            if (sibling.text_content or "").strip():
                return False
        elif sibling.is_element_node:
            if sibling.tag in _HEADINGS:
                break
            if dropped.get(sibling.mem_id) == MEDIA:
                media = True
            elif (sibling.text(deep=True) or "").strip() or sibling.css_first("img"):
                return False
        sibling = sibling.next
    return media
