"""Find the block of an HTML page that holds the posting.

Every text block (a paragraph, a list item, a cell, a div holding bare text) scores
by its length and punctuation, less the share of it that sits in links; its score
feeds its ancestors, nearer ones more. The best container, weighed by what its class
and id say ("job-description" for, "sidebar" against), is the posting, widened to a
common parent when the posting is split over sibling sections, together with the
sibling blocks that read like part of it.
"""

from __future__ import annotations

from collections.abc import Iterator

from selectolax.lexbor import LexborNode

from reviewer.core.clean.nodes import children as _children
from reviewer.core.clean.page_parts import holds_layout
from reviewer.core.words.lexicon import boilerplate_reason, long_line_boilerplate
from reviewer.core.words.regex import lazy_compile

_TEXT_BLOCKS = frozenset((
    "p li pre td dd dt blockquote h1 h2 h3 h4 h5 h6 address th"
).split())

_NEGATIVE = lazy_compile(
    r"cookie|consent|gdpr|banner|modal|popup|overlay|newsletter|subscribe|signup|sign-in|signin|"
    r"login|social|share|sharing|breadcrumb|sidebar|widget|related|similar|recommend|other-jobs|"
    r"more-jobs|comment|footer|masthead|menu|navbar|navigation|nav\b|skip-link|sponsor|advert|"
    r"promo|toolbar|pagination|pager|contact|tags?\b|meta\b|byline|head\b|header|"
    r"\blegal\b|copyright",  # ("legal-notice", not "paralegal")
)
POSITIVE = lazy_compile(
    r"job|posting|vacanc|career|description|article|content|main|body|entry|text|post\b|"
    r"detail|position|opening|requisition",
)


def find_main(body: LexborNode, dropped: dict[int, str]) -> list[LexborNode]:
    """The elements that hold the posting, in page order; empty when none reads like one."""
    links = _link_chars(body)
    scores, values = _score(body, dropped, links)
    return _choose_main(body, scores, values, dropped, links)


def body_blocks(body: LexborNode, dropped: dict[int, str]) -> list[LexborNode]:
    """Where no block reads like a posting: the body's elements but the furniture (by
    the word lists) and the bars of links ("Home | About | Jobs"). Empty when the body
    holds text outside its elements, which only the whole body keeps."""
    if _has_bare_text(body):
        return []
    links = _link_chars(body)
    kept = []
    for child in _children(body):
        text, in_links = _own_text(child, links)
        length = len(text.strip())
        if child.mem_id in dropped or not length or in_links >= 0.5 * length \
                or furniture(child):
            continue
        kept.append(child)
    return kept


def _link_chars(body: LexborNode) -> dict[int, int]:
    """For each element, how many characters of its text sit in links (one pass)."""
    chars: dict[int, int] = {}
    for link in body.css("a"):
        n = len(link.text(deep=True) or "")
        if not n:
            continue
        node: LexborNode | None = link
        while node is not None:
            chars[node.mem_id] = chars.get(node.mem_id, 0) + n
            node = node.parent
    return chars


def _own_text(node: LexborNode, links: dict[int, int]) -> tuple[str, int]:
    """The text a text block holds, and how much of it sits in links."""
    return node.text(deep=True, separator=" ") or "", links.get(node.mem_id, 0)


def _score(
    body: LexborNode, dropped: dict[int, str], links: dict[int, int]
) -> tuple[dict[int, float], dict[int, float]]:
    """Readability-like: each text block feeds its ancestors, nearer ones more. Also
    what each block is worth itself, by mem_id (to weigh blocks at any depth alike)."""
    scores: dict[int, float] = {}
    values: dict[int, float] = {}
    for node in _live_blocks(body, dropped):
        text, link_chars = _own_text(node, links)
        length = len(text.strip())
        if length < 25:
            continue
        density = min(1.0, link_chars / max(1, length))
        value = (1.0 + text.count(",") * 0.5 + min(length / 100.0, 4.0)) * (1.0 - density)
        if node.tag in _HEADINGS:
            value *= 0.5
        values[node.mem_id] = value
        ancestor = node.parent
        level = 1
        while ancestor is not None and level <= 4:
            if ancestor.tag in ("html", "body"):
                break
            scores[ancestor.mem_id] = scores.get(ancestor.mem_id, 0.0) + value / level
            ancestor = ancestor.parent
            level += 1
    return scores, values


def _live_blocks(body: LexborNode, dropped: dict[int, str]) -> Iterator[LexborNode]:
    """Text blocks (and divs holding bare text) not inside a dropped element."""
    stack = [body]
    while stack:
        node = stack.pop()
        for child in _children(node):
            if child.mem_id in dropped:
                continue
            tag = child.tag
            if tag in _TEXT_BLOCKS and not (tag == "td" and holds_layout(child)):
                yield child  # (a cell of a page's layout is read into)
                continue
            if tag in ("div", "section", "span", "font", "center", "article", "main") and \
                    _has_bare_text(child):
                yield child
                continue
            stack.append(child)


def _has_bare_text(node: LexborNode) -> bool:
    bare = 0
    child = node.child
    while child is not None:
        if child.is_text_node:
            bare += len((child.text_content or "").strip())
        elif child.tag in ("br", "b", "strong", "i", "em", "a", "span", "font", "u"):
            pass
        else:
            return False
        child = child.next
    return bare >= 40


def _weight(node: LexborNode) -> float:
    attrs = node.attributes
    names = f"{attrs.get('id') or ''} {attrs.get('class') or ''} {attrs.get('itemprop') or ''}"
    names = names.lower()
    weight = 1.0
    if node.tag in ("article", "main"):
        weight *= 1.25
    if POSITIVE.search(names):
        weight *= 1.25
    if _NEGATIVE.search(names):
        weight *= 0.5
    return weight


def _choose_main(
    body: LexborNode, scores: dict[int, float], values: dict[int, float],
    dropped: dict[int, str], links: dict[int, int],
) -> list[LexborNode]:
    best: LexborNode | None = None
    best_score = 0.0
    for node in body.traverse(include_text=False):
        score = scores.get(node.mem_id)
        if not score or node.mem_id in dropped:
            continue
        score *= _weight(node)
        if score > best_score:
            best, best_score = node, score
    if best is None:
        return []
    # climb while the parent holds much more of the page's text than the candidate
    inner = _widen(best, scores)
    best = _gather(inner, values, dropped, links)
    if best.tag in ("body", "html"):  # the posting lies in blocks straight in the body
        return [] if _has_bare_text(best) else _parts(best, values, dropped, links)
    parent = best.parent
    if parent is None:
        return [best]
    # a weak best (a short posting of short blocks, loose in the page) takes in every
    # sibling block of text, however short: none could reach the floor otherwise
    weak = best_score < _SIBLING_FLOOR
    chosen = {best.mem_id} | {n.mem_id for n in _beside(best, dropped, links)}
    for sibling in _children(parent):
        if sibling.mem_id in dropped or sibling.mem_id in chosen:
            continue
        sib_score = scores.get(sibling.mem_id, 0.0) * _weight(sibling)
        text, in_links = _own_text(sibling, links)
        if weak and (furniture(sibling) or in_links >= len(text) * 0.5):
            continue  # (a strong best's siblings need a score no footer line or menu has)
        core = _core(sibling)  # (a paragraph alone in a div reads as a paragraph)
        plain = core.css_first(_LAYOUT) is None and \
            (core.tag in _TEXT_BLOCKS or (weak and core.tag in _LISTS)) and \
            not _page_part(sibling, core)
        if plain and (len(text) > 80 or (weak and text.strip())) and \
                in_links < len(text) * 0.25:
            sib_score = max(sib_score, best_score * 0.25)
        if sib_score >= max(0.0 if weak else _SIBLING_FLOOR, best_score * 0.2):
            chosen.add(sibling.mem_id)
    if chosen == {best.mem_id} and best.mem_id == _lift(inner, dropped).mem_id:
        return [inner]  # (no wrapper of it holds more: its wrappers are not needed)
    return [sibling for sibling in _children(parent) if sibling.mem_id in chosen]


def _page_part(node: LexborNode, core: LexborNode) -> bool:
    """Is a block named as the page's rather than the posting's ("footer", "sidebar",
    "cc-banner", "legal"), the wrapper or the paragraph it holds? Such a block is taken
    beside a posting only by a score of its own, never raised as a paragraph of it. (Its
    words alone do not tell: a paragraph of the posting may name a privacy policy.)"""
    return chrome_named(node) or (core is not node and chrome_named(core))


def furniture(node: LexborNode) -> bool:
    """Is every line of ``node`` (each item of a list or table) page furniture: a
    cookie notice, a footer's links, a page control?"""
    items = node.css("li, td, th, dt, dd") or [node]
    texts = [t for t in ((i.text(deep=True, separator=" ") or "").strip() for i in items) if t]
    return bool(texts) and all(boilerplate_reason(t) or long_line_boilerplate(t) for t in texts)


_SIBLING_FLOOR = 3.0  # the score a sibling of the best block needs to be taken in
_LISTS = frozenset(("ul", "ol", "dl", "table"))
_HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
_LAYOUT = "div, table, section, article, main"  # what no paragraph or list of one holds
_INERT = frozenset("script style noscript template img picture svg input button br".split())


def _gather(
    node: LexborNode, values: dict[int, float], dropped: dict[int, str], links: dict[int, int]
) -> LexborNode:
    """A posting laid out as sibling blocks (its title, its intro, its duties, its pay,
    each in a div of its own), which no container's score brings together: climb from
    ``node`` through the wrappers that hold nothing else, to the parent among whose
    parts the posting's text is shared, none holding most of it. That parent can be
    the body, whose parts the caller keeps.

    A section of the posting (a heading and its list, in a wrapper of their own) is
    never the whole of it, however much of its text it holds: the blocks beside its
    wrapper are weighed, and any of a third of its weight is another part of it."""
    while True:
        node = _lift(node, dropped)
        own = _mass(node, values)
        unit = _section(node, own, values, dropped)
        parent = unit.parent
        if parent is None:
            return node
        section = unit is not node
        if _mass(parent, values) - own < own * (0.3 if section else 1.0):
            return node  # (the parts beside it hold too little, whichever are kept)
        others = [_mass(c, values) for c in _parts(parent, values, dropped, links)
                  if c.mem_id != unit.mem_id]
        if (not section and sum(others) <= own) or not any(m >= own * 0.3 for m in others):
            return node
        node = parent
        if node.tag in ("body", "html"):
            return node


def _section(
    node: LexborNode, own: float, values: dict[int, float], dropped: dict[int, str]
) -> LexborNode:
    """The wrapper of ``node`` when what it holds beside it weighs less than a block
    beside a posting must (a heading, a short line): a section of which ``node`` is
    the body. Else ``node`` itself."""
    parent = node.parent
    if parent is None or parent.tag in ("body", "html"):
        return node
    if _mass(parent, values) - own >= _SIBLING_FLOOR:
        return node
    return _lift(parent, dropped)


def _lift(node: LexborNode, dropped: dict[int, str]) -> LexborNode:
    """The outermost wrapper of ``node`` that holds no other text (short of the body).
    A cell's row beside a dropped cell of text (a menu) is a row of the page's layout."""
    parent = node.parent
    while parent is not None and parent.tag not in ("body", "html"):
        child = parent.child
        while child is not None:
            if child.mem_id != node.mem_id and (child.mem_id not in dropped or
                                                node.tag == "td") and \
                    (child.text(deep=True) or "").strip():
                return node
            child = child.next
        node, parent = parent, parent.parent
    return node


def _parts(
    parent: LexborNode, values: dict[int, float], dropped: dict[int, str],
    links: dict[int, int],
) -> list[LexborNode]:
    """The blocks of ``parent`` a posting laid out over them can hold: all with text
    but a bar of links (a line all links, or mostly of two or more), a block named as
    the page's ("navbar", "footer") and furniture that holds no paragraph of weight
    (a long one that speaks of terms and conditions can be the posting's)."""
    kept = []
    for child in _children(parent):
        text, in_links = _own_text(child, links)
        length = len(text.strip())
        if child.mem_id in dropped or not length or chrome_named(child):
            continue
        if in_links >= 0.9 * length or (in_links >= 0.5 * length and
                                        len(child.css("a[href]")) > 1):
            continue
        if furniture(child) and _mass(child, values) < _SIBLING_FLOOR:
            continue
        kept.append(child)
    return kept


def chrome_named(node: LexborNode) -> bool:
    """Do the element's names say a part of the page around a posting ("navheader",
    "sidebar"), and none a part of the posting ("job-header")?"""
    attrs = node.attributes
    names = f"{attrs.get('id') or ''} {attrs.get('class') or ''}".lower()
    return bool(_NEGATIVE.search(names)) and not POSITIVE.search(names)


def _mass(node: LexborNode, values: dict[int, float]) -> float:
    """What the text blocks ``node`` holds are worth, wherever they sit in it."""
    return sum(values.get(n.mem_id, 0.0) for n in node.traverse(include_text=False))


def _core(node: LexborNode) -> LexborNode:
    """The element a chain of wrappers holds alone (a <p> inside a <div> inside a <div>)."""
    while node.tag not in _TEXT_BLOCKS and node.tag not in _LISTS and not _has_bare_text(node):
        children = list(_children(node))
        if len(children) != 1:
            break
        node = children[0]
    return node


def _beside(
    node: LexborNode, dropped: dict[int, str], links: dict[int, int]
) -> list[LexborNode]:
    """The blocks right before and after ``node`` that are a paragraph, a heading or a
    list (alone or wrapped), up to the first that is not, or is mostly links, furniture
    or named so ("sidebar"): a posting's title, its duties, its line of pay, each in a
    block of its own beside its long description. A heading is taken before a block
    only (a heading last is the next part's: "More jobs")."""
    taken = []
    for forward in (False, True):
        run = []
        sibling = node.next if forward else node.prev
        while sibling is not None:
            if sibling.mem_id in dropped:
                if sibling.tag not in _INERT:
                    break  # (a menu, a page header: the posting is on the other side)
            elif sibling.is_element_node and (sibling.text(deep=True) or "").strip():
                if not _plain_block(sibling, links):
                    break
                run.append(sibling)
            elif sibling.is_text_node and (sibling.text_content or "").strip():
                break
            sibling = sibling.next if forward else sibling.prev
        while forward and run and _core(run[-1]).tag in _HEADINGS:
            run.pop()
        taken += run
    return taken


def _plain_block(node: LexborNode, links: dict[int, int]) -> bool:
    """A paragraph, a heading or a list (alone or wrapped), not mostly links, not
    furniture, not named as a part of the page around a posting."""
    core = _core(node)
    if core.tag not in _TEXT_BLOCKS and core.tag not in ("ul", "ol", "dl"):
        return False  # (a table beside a posting is the page's layout, more often)
    if core.css_first(_LAYOUT) is not None:
        return False
    text, in_links = _own_text(node, links)
    return in_links < len(text) * 0.25 and not chrome_named(node) and \
        not chrome_named(core) and not furniture(node)


def _widen(node: LexborNode, scores: dict[int, float]) -> LexborNode:
    """A posting split over sibling sections: take their common parent."""
    own = scores.get(node.mem_id, 0.0)
    parent = node.parent
    while parent is not None and parent.tag not in ("body", "html"):
        if scores.get(parent.mem_id, 0.0) < own * 1.2:
            break
        strong = [c for c in _children(parent) if scores.get(c.mem_id, 0.0) >= own * 0.3]
        if len(strong) < 2:
            break
        node, own = parent, scores.get(parent.mem_id, 0.0)
        parent = node.parent
    return node

