"""Clean an HTML page down to the posting, as Markdown.

Steps, each a small function:

1. parse with lexbor (any markup, however broken) and read what the page declares
   about itself: its title and any schema.org JobPosting JSON-LD;
2. mark what is never content: scripts, styles, forms, navigation, headers and
   footers, asides, hidden elements the page offers no way to show (``hidden``),
   cookie banners, share bars, "similar jobs"; and what is none by its shape: other
   jobs' teasers, bars of page controls, a menu column (``page_parts``);
3. score every container by the text it holds (a paragraph counts by its length
   and punctuation, links count against it) and pick the one that holds the
   posting, with the sibling blocks that belong to it, its title and head
   (``head``) and a column of its facts beside it (``facts``);
4. convert that subtree with markdownify, images and remote resources dropped;
5. record the page's visible text and which ranges of it were left out, and why;
6. when the body held no posting, write the description of the JobPosting the page
   embeds in its place, cleaned the same way, when that posting is surely the page's
   (``data_text``).

Nothing is fetched: no stylesheet, image or script of the page is ever loaded.
"""

from __future__ import annotations

import re
from typing import Any

from selectolax.lexbor import LexborHTMLParser, LexborNode

from reviewer.core.clean.data_text import FROM_DATA, data_html, data_posting, shown_by_page
from reviewer.core.clean.facts import with_facts
from reviewer.core.clean.guard import PageRefused, check_page
from reviewer.core.clean.head import head_blocks, title_outside
from reviewer.core.clean.hidden import HIDDEN, Revealed
from reviewer.core.clean.html_labels import names_heading
from reviewer.core.clean.html_markdown import to_markdown
from reviewer.core.clean.main_block import POSITIVE, body_blocks, find_main
from reviewer.core.clean.page_data import json_ld, microdata, page_titles
from reviewer.core.clean.page_data import page_title as page_title_of
from reviewer.core.clean.page_parts import mark_page_parts
from reviewer.core.schema import CleanDoc, Removal
from reviewer.core.words.lexicon import boilerplate_reason
from reviewer.core.words.regex import lazy_compile
from reviewer.core.words.text import (
    MD_LINK,
    collapse_blank_lines,
    normalise_space,
    without_controls,
)

# Elements that never hold posting text.
_NEVER = (
    "script", "style", "noscript", "template", "iframe", "svg", "canvas", "object", "embed",
    "audio", "video", "picture", "img", "map", "input", "button", "select", "textarea",
    "link", "meta", "dialog",
)
_CHROME = {"nav": "navigation", "aside": "aside", "footer": "footer", "header": "page header"}

_WS = lazy_compile(r"\s+")
_INVISIBLE = frozenset(["script", "style", "noscript", "template", "head", "title", "svg"])
_BLOCKS = frozenset(
    (
        "p div section article main li ul ol dl dt dd h1 h2 h3 h4 h5 h6 pre blockquote table tr "
        "td th tbody thead header footer nav aside form address figure figcaption br hr center"
    ).split()
)

_HIDE_AT_ONCE = lazy_compile(
    r"cookie|consent|gdpr|modal|popup|newsletter|sign-?in|login|share|sharing|social|"
    r"breadcrumb|similar|related-jobs|other-jobs|more-jobs|recommended|skip-link",
)


def clean_html(html: str, record_removed: bool = True) -> CleanDoc:
    """Clean one HTML page. Never raises on any input.

    ``record_removed``: also write out the page's text and the ranges that were left
    out (``source``, ``removed``), for a person to review. A caller that only wants
    the posting and its fields can skip it; it is about a tenth of the work."""
    check_page(html)  # raises PageRefused for a page the parser would take minutes on
    tree = LexborHTMLParser(without_controls(html))
    structured = json_ld(tree) or microdata(tree)
    page_title = page_title_of(tree)
    body = tree.body or tree.root
    if body is None:
        return CleanDoc(markdown="", kind="html", page_title=page_title, structured=structured,
                        notes=["the page has no body"])
    revealed = Revealed(body)
    dropped = _mark_dropped(body, revealed)
    mark_page_parts(body, dropped)
    main = find_main(body, dropped)
    if not main and revealed.look_again(dropped):  # (a page hidden until its script runs)
        dropped = _mark_dropped(body, revealed)
        mark_page_parts(body, dropped)
        main = find_main(body, dropped)
    found = bool(main)
    notes: list[str] = []
    if not main:
        notes.append("no block of the page reads like a posting; kept the whole body")
        main = body_blocks(body, dropped) or [body]  # (but its furniture and link bars)
    titles = page_titles(tree, structured)
    head = head_blocks(main, dropped, titles)
    main = head + main
    revealed.settle(main, dropped)  # (what a control shows: kept in the posting's block)
    title_node = None if head else title_outside(main, dropped, titles)
    main, columns = with_facts(main, dropped)
    for column in columns:
        dropped.pop(column.mem_id, None)  # (an <aside> of them: the posting's all the same)
        mark_page_parts(column, dropped)  # (its "Apply" button, unread in a dropped aside)
    kept_ids = {n.mem_id for n in main}
    if title_node is not None:
        kept_ids.add(title_node.mem_id)
    source, removed = _source_text(body, kept_ids, dropped) if record_removed else ("", [])
    context = _context_lines(main, dropped, title_node)
    markdown, trimmed = _trim(_to_markdown(main, dropped, title_node))
    if record_removed:
        removed = _record_trimmed(source, removed, trimmed)
    posting = data_posting(structured)
    if posting is not None and (not markdown.strip() or not found) and \
            shown_by_page(posting, markdown, [page_title, _h1(tree)]):
        markdown = _from_data(posting, markdown, notes)
    return CleanDoc(
        markdown=markdown, kind="html", source=source, removed=removed, page_title=page_title,
        context=context, structured=structured, notes=notes,
    )


def _h1(tree: LexborHTMLParser) -> str | None:
    node = tree.css_first("h1")
    return node.text(deep=True, separator=" ") if node is not None else None


def _from_data(posting: dict[str, Any], markdown: str, notes: list[str]) -> str:
    """The posting's text from the JobPosting the page embeds (``data_text``), when the
    body gave none that reads like a posting and the data's holds over three times its
    words (an app's shell, a page its script was to fill); else ``markdown``."""
    page = data_html(posting)
    try:
        check_page(page)
    except PageRefused:
        return markdown  # (a description of more tags than a page holds: the body's)
    body = LexborHTMLParser(without_controls(page)).body
    if body is None:
        return markdown
    text = collapse_blank_lines(to_markdown([body], frozenset(_mark_dropped(body))))
    if len(text.split()) <= 3 * len(markdown.split()):
        return markdown
    notes.append(FROM_DATA)
    return text


# --- what is never content ---------------------------------------------------------------------


def _mark_dropped(body: LexborNode, revealed: Revealed | None = None) -> dict[int, str]:
    """Map mem_id of each element to drop (with its subtree) to the reason."""
    dropped: dict[int, str] = {}
    revealed = revealed or Revealed(body)
    stack = [body]
    while stack:
        node = stack.pop()
        child = node.child
        while child is not None:
            if child.is_element_node:
                reason = _drop_reason(child, revealed)
                if reason:
                    dropped[child.mem_id] = reason  # its subtree goes with it
                else:
                    stack.append(child)
            child = child.next
    return dropped


def _drop_reason(node: LexborNode, revealed: Revealed) -> str | None:
    tag = node.tag or ""
    if tag == "button" and names_heading(node):
        return None  # an accordion's button: its words are the heading's (``html_labels``)
    if tag in _NEVER:
        return "script, style or embedded object" if tag in ("script", "style", "noscript") \
            else "form control or media"
    attrs = node.attributes  # (a dict made anew at each call: made once)
    if attrs and revealed.hides(node, attrs):
        return HIDDEN
    if tag == "form":
        return "form" if _form_furniture(node) else None
    if tag in _CHROME:
        # a <header> inside the posting holds its title: keep those
        if tag == "header" and _inside(node, ("article", "main")):
            return None
        return _CHROME[tag]
    role = attrs.get("role") or ""
    if role in ("navigation", "banner", "contentinfo", "complementary", "dialog", "alertdialog"):
        return "navigation" if role == "navigation" else f"page {role}"
    ident, classes = attrs.get("id"), attrs.get("class")
    if not ident and not classes:
        return None  # no names to read
    names = f"{ident or ''} {classes or ''}".lower()
    if names.strip() and _HIDE_AT_ONCE.search(names) and not POSITIVE.search(names):
        return "cookie banner, sign-in, share bar or list of other jobs"
    return None


def _form_furniture(form: LexborNode) -> bool:
    """A sign-in box, a search box, a newsletter sign-up: a form that is small and mostly
    controls. A form that wraps the page (as ASP.NET WebForms pages do) or holds text
    alone is read into like any other block; what inside it is furniture (a "login"
    box, a search bar) is dropped by the other rules."""
    controls = [c for c in form.css("input, select, textarea, button")
                if c.tag != "input" or (c.attributes.get("type") or "").lower() != "hidden"]
    if not controls:
        return False
    text = len(_WS.sub(" ", form.text(deep=True, separator=" ") or "").strip())
    text -= sum(len(_WS.sub(" ", c.text(deep=True, separator=" ") or "").strip())
                for c in controls)  # (a list's options and a button's words are controls)
    return text < min(_FORM_TEXT, _FORM_TEXT_A_CONTROL * len(controls))


_FORM_TEXT = 600  # the most text a form of furniture holds ...
_FORM_TEXT_A_CONTROL = 120  # ... and for each of its controls


def _inside(node: LexborNode, tags: tuple[str, ...]) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.tag in tags:
            return True
        parent = parent.parent
    return False


def _context_lines(
    main: list[LexborNode], dropped: dict[int, str], title: LexborNode | None
) -> list[str]:
    """Short lines near the posting body that describe it (byline, metadata)."""
    ids = {n.mem_id for n in main}
    ancestor = main[0].parent
    for _ in range(2):
        if ancestor is None or ancestor.parent is None or ancestor.tag in ("body", "html"):
            break
        if ancestor.tag in ("article", "main"):
            break
        ancestor = ancestor.parent
    if ancestor is None:
        return []
    skip = set(dropped) | ids
    if title is not None:
        skip.add(title.mem_id)
    if ancestor.mem_id in skip:
        return []
    text = to_markdown([ancestor], frozenset(skip))
    return [line.strip() for line in text.split("\n") if line.strip()]


# --- visible text and what was removed ---------------------------------------------------------


def _source_text(
    body: LexborNode, kept: set[int], dropped: dict[int, str]
) -> tuple[str, list[Removal]]:
    """The page's visible text, one block a line, and the ranges cleaning left out."""
    pieces: list[tuple[str | None, str | None]] = []  # (text or None for a block edge, reason)
    start_reason = None if body.mem_id in kept else "outside the posting"
    _collect(body, start_reason, kept, dropped, pieces, 0)
    parts: list[str] = []
    removed: list[Removal] = []
    pos = 0
    at_line_start = True
    for text, reason in pieces:
        if text is None:
            if not at_line_start:
                parts.append("\n")
                pos += 1
                at_line_start = True
            continue
        if at_line_start:
            text = text.lstrip()
            if not text:
                continue
        end = pos + len(text)
        if reason is not None:
            last = removed[-1] if removed else None
            if last is not None and last.reason == reason and last.end >= pos - 1:
                removed[-1] = Removal(last.start, end, reason)
            else:
                removed.append(Removal(pos, end, reason))
        parts.append(text)
        pos = end
        at_line_start = False
    source = "".join(parts).rstrip()
    end = len(source)
    clipped = [Removal(r.start, min(r.end, end), r.reason) for r in removed if r.start < end]
    return source, clipped


def _collect(
    node: LexborNode, reason: str | None, kept: set[int], dropped: dict[int, str],
    pieces: list[tuple[str | None, str | None]], depth: int,
) -> None:
    child = node.child
    while child is not None:
        if child.is_text_node:
            raw = child.text_content
            if raw and not raw.isspace():
                text = " ".join(raw.split())
                if raw[0].isspace():
                    text = " " + text
                if raw[-1].isspace():
                    text += " "
                pieces.append((text, reason))
        elif child.is_element_node and child.tag not in _INVISIBLE:
            here = reason
            if child.mem_id in kept:
                here = None
            elif child.mem_id in dropped:
                here = dropped[child.mem_id]
            block = child.tag in _BLOCKS
            if block:
                pieces.append((None, here))
            if depth < 250:
                _collect(child, here, kept, dropped, pieces, depth + 1)
            if block:
                pieces.append((None, here))
        child = child.next


# --- Markdown ------------------------------------------------------------------------------------


_LISTING_WORDS = ("jobs", "positions", "openings", "roles", "vacanc", "similar", "related")


def _short(block: str) -> bool:
    return block.count(" ") < 40 and "\n" not in block.strip()


def _trim(markdown: str) -> tuple[str, list[tuple[str, str]]]:
    """Page controls left at the edges of the posting, and a trailing list of other jobs.

    Returns the Markdown and the (text, reason) of each block taken out."""
    blocks = markdown.split("\n\n")
    trimmed: list[tuple[str, str]] = []

    def furniture(block: str) -> str | None:
        if not _short(block):
            return None
        bare = MD_LINK.sub(r"\1", block).strip(" *_#>")
        if "\n" in bare.strip() or len(bare.split()) > 14:
            return None
        parts = [p.strip() for p in re.split(r"\s[|·•]\s", bare) if p.strip()]
        reasons = [boilerplate_reason(p) for p in parts]
        return reasons[0] if parts and all(reasons) else None

    while blocks and (reason := furniture(blocks[0])):
        trimmed.append((blocks.pop(0), reason))
    for i, block in enumerate(blocks):
        if i and _short(block) and any(w in block.lower() for w in _LISTING_WORDS) and \
                furniture(block) == "list of other jobs":
            rest = blocks[i + 1:]
            if all(len(line.split()) <= 14 for b in rest
                   for line in MD_LINK.sub(r"\1", b).split("\n")):
                trimmed.extend((b, "list of other jobs") for b in blocks[i:])
                del blocks[i:]
                break
    while blocks and (reason := furniture(blocks[-1])):
        trimmed.append((blocks.pop(), reason))
    if not trimmed:
        return markdown, trimmed
    return collapse_blank_lines("\n\n".join(blocks)), trimmed


def _record_trimmed(
    source: str, removed: list[Removal], trimmed: list[tuple[str, str]]
) -> list[Removal]:
    """Add the trimmed blocks to the removal record, where their text is found."""
    extra = []
    for block, reason in trimmed:
        text = normalise_space(MD_LINK.sub(r"\1", block).replace("**", "").strip(" *_#>-"))
        at = source.find(text[:60]) if text else -1
        if at >= 0:
            # the Markdown's text can differ from the page's by markup: stay inside it
            extra.append(Removal(at, min(at + len(text), len(source)), reason))
    return sorted([*removed, *extra], key=lambda r: r.start)


def _to_markdown(
    main: list[LexborNode], dropped: dict[int, str], title: LexborNode | None
) -> str:
    markdown = to_markdown(main, frozenset(dropped))
    if title is not None:
        heading = normalise_space(title.text(deep=True, separator=" ") or "")
        if heading:
            markdown = f"# {heading}\n\n{markdown}"
    return collapse_blank_lines(markdown)
