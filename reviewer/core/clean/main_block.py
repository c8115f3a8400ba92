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

from reviewer.core.words.lexicon import boilerplate_reason, long_line_boilerplate
from reviewer.core.words.regex import lazy_compile

_TEXT_BLOCKS = frozenset((
    "p li pre td dd dt blockquote h1 h2 h3 h4 h5 h6 address th"
).split())

_NEGATIVE = lazy_compile(
    r"cookie|consent|gdpr|banner|modal|popup|overlay|newsletter|subscribe|signup|sign-in|signin|"
    r"login|social|share|sharing|breadcrumb|sidebar|widget|related|similar|recommend|other-jobs|"
    r"more-jobs|comment|footer|masthead|menu|navbar|skip-link|sponsor|advert|promo|"
    r"toolbar|pagination|pager|contact|tags?\b|meta\b|byline|head\b|header",
)
POSITIVE = lazy_compile(
    r"job|posting|vacanc|career|description|article|content|main|body|entry|text|post\b|"
    r"detail|position|opening|requisition",
)


def find_main(body: LexborNode, dropped: dict[int, str]) -> list[LexborNode]:
    """The elements that hold the posting, in page order; empty when none reads like one."""
    links = _link_chars(body)
    return _choose_main(body, _score(body, dropped, links), dropped, links)


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
                or _furniture(child):
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
) -> dict[int, float]:
    """Readability-like: each text block feeds its ancestors, nearer ones more."""
    scores: dict[int, float] = {}
    for node in _live_blocks(body, dropped):
        text, link_chars = _own_text(node, links)
        length = len(text.strip())
        if length < 25:
            continue
        density = min(1.0, link_chars / max(1, length))
        value = (1.0 + text.count(",") * 0.5 + min(length / 100.0, 4.0)) * (1.0 - density)
        if node.tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            value *= 0.5
        ancestor = node.parent
        level = 1
        while ancestor is not None and level <= 4:
            if ancestor.tag in ("html", "body"):
                break
            scores[ancestor.mem_id] = scores.get(ancestor.mem_id, 0.0) + value / level
            ancestor = ancestor.parent
            level += 1
    return scores


def _live_blocks(body: LexborNode, dropped: dict[int, str]) -> Iterator[LexborNode]:
    """Text blocks (and divs holding bare text) not inside a dropped element."""
    stack = [body]
    while stack:
        node = stack.pop()
        for child in _children(node):
            if child.mem_id in dropped:
                continue
            tag = child.tag
            if tag in _TEXT_BLOCKS:
                yield child
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


def _children(node: LexborNode) -> Iterator[LexborNode]:
    child = node.child
    while child is not None:
        if child.is_element_node:
            yield child
        child = child.next


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
    body: LexborNode, scores: dict[int, float], dropped: dict[int, str], links: dict[int, int]
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
    best = _widen(best, scores)
    parent = best.parent
    if parent is None:
        return [best]
    # a weak best (a short posting of short blocks, loose in the page) takes in every
    # sibling block of text, however short: none could reach the floor otherwise
    weak = best_score < _SIBLING_FLOOR
    chosen = []
    for sibling in _children(parent):
        if sibling.mem_id in dropped:
            continue
        if sibling.mem_id == best.mem_id:
            chosen.append(sibling)
            continue
        sib_score = scores.get(sibling.mem_id, 0.0) * _weight(sibling)
        if weak and _furniture(sibling):
            continue  # (a strong best's siblings need a score no footer line has)
        if sibling.tag in _TEXT_BLOCKS or (weak and sibling.tag in _LISTS):
            text, in_links = _own_text(sibling, links)
            if (len(text) > 80 or (weak and text.strip())) and in_links < len(text) * 0.25:
                sib_score = max(sib_score, best_score * 0.25)
        if sib_score >= max(0.0 if weak else _SIBLING_FLOOR, best_score * 0.2):
            chosen.append(sibling)
    return chosen


def _furniture(node: LexborNode) -> bool:
    """Is every line of ``node`` (each item of a list or table) page furniture: a
    cookie notice, a footer's links, a page control?"""
    items = node.css("li, td, th, dt, dd") or [node]
    texts = [t for t in ((i.text(deep=True, separator=" ") or "").strip() for i in items) if t]
    return bool(texts) and all(boilerplate_reason(t) or long_line_boilerplate(t) for t in texts)


_SIBLING_FLOOR = 3.0  # the score a sibling of the best block needs to be taken in
_LISTS = frozenset(("ul", "ol", "dl", "table"))


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

