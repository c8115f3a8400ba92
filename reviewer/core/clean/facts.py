"""A column of the posting's own facts beside its body.

Many boards set the posting's facts (pay, place, job type, department, closing date)
in a column of their own beside the description: an <aside>, a "sidebar", a
"job-summary". No score of text finds such a column (a few short lines), and its tag
or its name would have it dropped as the page's. It belongs to the posting when it sits
in the same container as the chosen block (a sibling of the block or of one of its
wrappers) and reads as a card of facts: label and value pairs ("Salary" and "68.000 € –
82.000 €", "Department: Medical Team"), each label once, little of it in links, one of
them a fact only a posting gives (a sum of money, a date, a label such as "Location").
A sidebar of links, of other jobs (whose labels repeat from card to card, or whose head
names them: "Featured job") or of prose is no such column.
"""

from __future__ import annotations

from collections.abc import Iterator

from selectolax.lexbor import LexborNode

from reviewer.core.clean.nodes import children, walk
from reviewer.core.clean.text_labels import JOB_LABELS
from reviewer.core.words.regex import lazy_compile
from reviewer.core.words.text import normalise_space

# the reasons a facts column may have been dropped for: by its tag or role alone
DROPPED_AS_ASIDE = frozenset(("aside", "page complementary"))
_LEVELS = 3  # how many wrappers of the chosen block up the column may sit beside
_BLOCK = "div, p, ul, ol, li, dl, table, section, article, h1, h2, h3, h4, h5, h6"
_HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
_LISTS = frozenset(("ul", "ol", "dl", "table", "tbody", "thead"))
# what a label is written in: "<dt>", "<strong>Salary</strong>", "<div class=label>"
_LABELS = frozenset("span strong b em i u label small font dt th div p".split())
_CARD_CHARS = 2000  # the most text a card of facts holds
_DEPTH = 30  # how deep in it its pairs are looked for
_LABEL_WORDS = 5
_VALUE_WORDS = 30
_COLON_PAIR = lazy_compile(r"^([^:]{1,40}?)\s*:\s*(\S.*)$")
_MONEY = lazy_compile(r"[$€£¥₹]\s?\d|\d\s?(?:[$€£¥₹]|usd|eur|gbp|chf)\b|\b(?:usd|eur|gbp|"
                      r"cad|aud|chf)\s?\d")
# a card's head that names other jobs: "Featured job", "Similar roles", "You may also like"
_OTHER_JOBS = lazy_compile(
    r"(?i)\b(?:featured|similar|related|recommended|other|more|latest|popular|new|hot|top)"
    r"\b[^.:\n]{0,20}?\b(?:jobs?|positions?|roles?|openings?|vacanc(?:y|ies)|postings?|"
    r"listings?|opportunit(?:y|ies))\b|\byou (?:may|might) also\b")
_HEAD_CHARS = 60  # how much of a card's text is its head
_DATE = lazy_compile(r"\b(?:\d{1,2}[./]\d{1,2}[./](?:\d{4}|\d{2})|\d{4}-\d{1,2}-\d{1,2})\b")


def with_facts(
    main: list[LexborNode], dropped: dict[int, str]
) -> tuple[list[LexborNode], list[LexborNode]]:
    """``main`` with the facts columns beside it (see the module's words), all in page
    order; and those columns."""
    blocks = list(main)
    columns: list[LexborNode] = []
    inside = {node.mem_id for node in main}
    parent = main[0].parent
    for level in range(_LEVELS):
        if parent is None or parent.tag in ("body", "html"):
            break
        kept = []
        for child in children(parent):
            if child.mem_id in inside:
                kept.append(child)
            elif dropped.get(child.mem_id, "aside") in DROPPED_AS_ASIDE and \
                    is_facts(child, dropped):
                columns.append(child)
                kept.append(child)
        if level == 0:  # (the chosen blocks, siblings: the columns where they stand)
            blocks = kept
        else:  # (their wrapper: the columns before or after it)
            at = next(i for i, node in enumerate(kept) if node.mem_id in inside)
            blocks = kept[:at] + blocks + kept[at + 1:]
        inside = {parent.mem_id}
        parent = parent.parent
    return blocks, columns


def is_facts(node: LexborNode, dropped: dict[int, str]) -> bool:
    """Does ``node`` read as a card of a posting's facts (see the module's words)?"""
    if len(node.text(deep=True) or "") > 2 * _CARD_CHARS:
        return False
    gone = {n.mem_id: dropped[n.mem_id] for n in node.traverse(include_text=False)
            if n.mem_id in dropped and n.mem_id != node.mem_id}  # (what it holds dropped)
    text = _visible(node, gone)
    in_links = sum(len(_visible(link, gone)) for link in node.css("a"))
    if not text or len(text) > _CARD_CHARS or in_links > 0.3 * len(text):
        return False
    if _OTHER_JOBS.search(text[:_HEAD_CHARS]):
        return False  # ("Featured job", "Similar roles": a card of another job's facts)
    pairs = list(_pairs(node, gone))
    labels = [label.casefold().rstrip(": ") for label, _ in pairs]
    if len(pairs) < 2 or len(set(labels)) < len(labels):
        return False  # (labels said again: cards of other jobs, a form)
    if sum(len(label) + len(value) for label, value in pairs) < 0.5 * len(text):
        return False
    return any(JOB_LABELS.match(label) or _MONEY.search(value.casefold()) or
               _DATE.search(value) for label, (_, value) in zip(labels, pairs, strict=True))


def _pairs(
    node: LexborNode, dropped: dict[int, str], depth: int = 0
) -> Iterator[tuple[str, str]]:
    """The label and value pairs ``node`` holds: a term and its definition, a row of two
    cells, an item whose first part is a short label ("<span>Salary</span> €70,000",
    "Location: Berlin")."""
    if node.tag in _HEADINGS:
        return
    if node.tag == "dl":
        for term in children(node):
            if term.tag != "dt":
                continue
            definition = term.next
            while definition is not None and not definition.is_element_node:
                definition = definition.next
            if definition is not None and definition.tag == "dd":
                yield _visible(term, dropped), _visible(definition, dropped)
        return
    if node.tag == "tr":
        cells = [cell for cell in children(node) if cell.tag in ("td", "th")]
        if len(cells) == 2:
            yield _visible(cells[0], dropped), _visible(cells[1], dropped)
        return
    pair = _item_pair(node, dropped)
    if pair is not None:
        yield pair
        return
    for child in children(node):
        if child.mem_id not in dropped and depth < _DEPTH:
            yield from _pairs(child, dropped, depth + 1)


def _item_pair(node: LexborNode, dropped: dict[int, str]) -> tuple[str, str] | None:
    """An item opening with a short label, the rest its value; None when it is not one."""
    text = _visible(node, dropped)
    if not text or len(text.split()) > _LABEL_WORDS + _VALUE_WORDS:
        return None
    first = next((child for child in node.iter(include_text=True)
                  if child.mem_id not in dropped and _visible(child, dropped)), None)
    if node.tag not in _LISTS and first is not None and first.tag in _LABELS and \
            not _holds_blocks(first):
        label = _visible(first, dropped)
        value = text[len(label):].strip() if text.startswith(label) else ""
        if 0 < len(label.split()) <= _LABEL_WORDS and value and \
                not _COLON_PAIR.match(label.removesuffix(":")):  # ("Location: Austin")
            return label, value
    if not _holds_blocks(node):
        match = _COLON_PAIR.match(text)
        if match and len(match.group(1).split()) <= _LABEL_WORDS:
            return match.group(1), match.group(2)
    return None


def _holds_blocks(node: LexborNode) -> bool:
    return any(child.css_first(_BLOCK) is not None for child in children(node))


def _visible(node: LexborNode, dropped: dict[int, str]) -> str:
    """The text of ``node`` but that of what is dropped inside it, in one line. (Called
    with no ``dropped``: the column holds nothing dropped.)"""
    if node.is_text_node:
        return normalise_space(node.text_content or "")
    if not dropped:
        return normalise_space(node.text(deep=True, separator=" ") or "")
    return normalise_space(" ".join(
        n.text_content or "" for n in walk(node, lambda e: e.mem_id not in dropped)
        if n.is_text_node))
