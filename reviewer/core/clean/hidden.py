"""What a page hides from its reader, and which of it cleaning keeps.

Hidden, read from an element's own markup only (no stylesheet is read): the ``hidden``
and ``aria-hidden="true"`` attributes; an inline style that takes it off the screen
(``display:none``, ``visibility:hidden``, a block far off it: ``position:absolute;
left:-9999px``); a class of the common frameworks that hides it (``hidden``,
``d-none``, ``hide``, ``is-hidden``, ``invisible``, ...) or keeps it for screen readers
alone (``sr-only``, ``visually-hidden``). Classes are matched as whole names and passed
over when another shows the element again on some screens ("hidden md:block",
"d-none d-lg-block").

What a saved page hides is mostly what a click shows: a "Read more" body, the closed
panels of an accordion, the tabs not chosen. A person reads them as the posting. Hidden
furniture is never kept, however the page shows it: a dialog, a menu, an alert or a
status, a list of links or of other jobs, a panel to sign in, apply, share or report
(``hidden_kinds``). The rest is kept
  - when a class hides it: weak evidence, as a page's script removes the class (a
    "Read more" body behind a button that names nothing, an app's whole page);
  - when a control shows it, one naming its id (``aria-controls``, ``data-target``,
    ``data-bs-target``, a tab's or a toggle's ``href="#id"``) or a disclosure button
    beside it (``aria-expanded``, or words like "Read more"), or it is a tab panel
    (``role="tabpanel"``): kept only when it and its control lie in the posting's own
    block (``Revealed.settle``, once that block is known), or it holds the posting;
  - when a search shows it (``hidden="until-found"``);
  - when the visible page holds (nearly) no text and it holds most of the page's
    (a page hidden whole until its script runs);
  - when it is a screen reader's label of the value written after it ("Location: "
    before "Austin, TX").
What else a page hides with no way to show it is furniture or text of another state (a
"no longer accepting applications" alert, an internal note, a screen reader's
announcement, another posting loaded ahead) and is left out.

Not read as hidden at all, as what hides it may be undone where the markup alone does
not tell: ``font-size:0`` (the blocks inside set their own size: a layout's way to close
the gaps between inline blocks), ``opacity:0`` (a script fades the block in), a zero
height that clips (an accordion's closed panel, opened by a click).
"""

from __future__ import annotations

from collections.abc import Mapping

from selectolax.lexbor import LexborNode

from reviewer.core.clean.hidden_kinds import Sizes, furniture_text, named_furniture
from reviewer.core.words.regex import lazy_compile

HIDDEN = "hidden element"  # the reason recorded for what is left out
MARKUP, CLASS, READER = "markup", "class", "reader"  # how an element is hidden

_READER_ONLY = frozenset(
    ("sr-only", "visually-hidden", "visuallyhidden", "screen-reader-text")
)
_HIDING_CLASSES = _READER_ONLY | frozenset(
    ("hidden", "d-none", "hide", "is-hidden", "u-hidden", "invisible", "display-none")
)
_SHOWN_AGAIN = frozenset(
    ("block", "inline", "inline-block", "flex", "inline-flex", "grid", "table", "contents",
     "visible", "not-sr-only")
)
_SHOWN_FROM_A_WIDTH = lazy_compile(r"d-(?:sm|md|lg|xl|xxl)-(?!none)[a-z-]+")  # "d-lg-block"
_NUMBER = lazy_compile(r"\s*(-?\d*\.?\d+)\s*([a-z%]*)\s*$")
_FAR = {"": 1000.0, "px": 1000.0, "pt": 750.0}  # an offset this far is off any screen
_FAR_IN_OTHER_UNITS = 100.0  # (em, rem, vw, %)

_CONTROLS = ("[aria-controls], [data-target], [data-bs-target], [data-toggle], "
             "[data-bs-toggle], [role=tab]")
_CONTROL_TAGS = frozenset(("button", "a", "summary"))
_HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
_MORE = lazy_compile(r"(?i)\b(?:read|show|see|view)\s+(?:more|all|full|the\s+full)\b|\bexpand\b")
_LABEL_LENGTH = 40  # a screen reader's label of a value is a few words


def is_hidden(attrs: Mapping[str, str | None]) -> bool:
    """Does an element's own markup (``attrs``, its attributes) hide it and all it holds
    from the reader?"""
    return hidden_how(attrs) is not None


def hidden_how(attrs: Mapping[str, str | None]) -> str | None:
    """How an element's own markup hides it: by an attribute or its inline style
    (``MARKUP``), by a class of a framework's (``CLASS``: weaker, as a script removes
    it), by a class that keeps it for screen readers (``READER``); None when it does not."""
    if "hidden" in attrs or attrs.get("aria-hidden") == "true":
        return MARKUP
    style, classes = attrs.get("style"), attrs.get("class")
    if style and hidden_by_style(style):
        return MARKUP
    if not classes or not hidden_by_class(classes):
        return None
    return READER if hidden_by_class(classes, _READER_ONLY) else CLASS


def hidden_by_style(style: str) -> bool:
    """Does this inline style keep the element's text off the screen?"""
    decl = _declarations(style)
    if decl.get("display") == "none" or decl.get("visibility") in ("hidden", "collapse"):
        return True
    if decl.get("position") in ("absolute", "fixed"):
        return any(_far_off(decl.get(side)) for side in ("left", "top", "right"))
    return False


def hidden_by_class(classes: str, names: frozenset[str] = _HIDING_CLASSES) -> bool:
    """Does a whole class name (of ``names``) say hidden, with none showing the element
    again?"""
    low = classes.lower()
    if not any(part in low for part in ("hid", "none", "sr-only", "invisible", "screen-reader")):
        return False  # (most classes: no need to part them)
    split = low.split()
    if not names.intersection(split):
        return False
    return not any(_shown_again(name) for name in split)


def _shown_again(name: str) -> bool:
    """Does this class show the element on some screens: "md:block", "tablet:display-block",
    "d-lg-block"?"""
    if ":" in name:
        return name.rsplit(":", 1)[1].removeprefix("display-") in _SHOWN_AGAIN
    return bool(_SHOWN_FROM_A_WIDTH.fullmatch(name))


class Revealed:
    """Which hidden elements of one page a reader can bring into view (see the module's
    words). Made once a page: the ids its controls name are read in one pass."""

    def __init__(self, body: LexborNode) -> None:
        self.body = body
        self.controls: dict[str, list[LexborNode]] = {}
        for control in body.css(_CONTROLS):
            attrs = control.attributes
            names = [attrs.get(key) or "" for key in ("aria-controls", "data-target",
                                                      "data-bs-target")]
            href = attrs.get("href") or ""
            names.append(href if href.startswith("#") else "")
            for name in " ".join(names).replace(",", " ").split():
                self.controls.setdefault(name.lstrip("#"), []).append(control)
        self.sizes = Sizes()
        self.shown: list[tuple[LexborNode, list[LexborNode] | None]] = []  # for a control
        self.left_out = False  # (text was left out as hidden)
        self.again = False  # (a second look, the visible body holding no posting)
        self.text_chars = 0  # (then: the page's text but its furniture's)

    def hides(self, node: LexborNode, attrs: Mapping[str, str | None]) -> bool:
        """Is the element ``node`` (``attrs``, its attributes) left out as hidden?"""
        how = hidden_how(attrs)
        if how is None:
            return False
        if how == READER:
            return not _label_of_value(node, attrs, self.sizes)
        if how == CLASS and self.again:
            return False  # (a posting's wrapper, hidden by a class until its script runs)
        controls = self._controls(node, attrs)
        tab = attrs.get("role") == "tabpanel"
        found = attrs.get("hidden") == "until-found"
        if how == MARKUP and not (controls or tab or found or self.again):
            self.left_out = True
            return True  # (nothing shows it)
        if named_furniture(node, attrs, controls, self.sizes) or \
                furniture_text(node, self.sizes):
            self.left_out = True
            return True
        if how == CLASS or found or \
                (self.again and 2 * self.sizes.of(node)[0] > self.text_chars):
            return False
        if controls or tab:
            self.shown.append((node, None if tab else controls))
            return False
        self.left_out = True
        return True

    def _controls(self, node: LexborNode, attrs: Mapping[str, str | None]) -> list[LexborNode]:
        """The controls that show ``node``: those naming its id, a disclosure beside it."""
        named = self.controls.get(attrs.get("id") or "", [])
        beside = _beside_a_disclosure(node, self.sizes)
        return [*named, beside] if beside is not None else named

    def look_again(self, dropped: dict[int, str]) -> bool:
        """When the page's visible text holds (nearly) nothing and hidden text was left
        out: read the page again (``again``), keeping what a class hides and a hidden block
        that holds most of the text of the page but its furniture (an app's page, hidden
        until its script runs). Not when the visible body holds text of its own: a posting
        shown with a hidden list of other jobs beside it is read without it."""
        if not self.left_out or self.again or \
                _chars_outside(self.body, dropped, _NOTHING) > _NOTHING:
            return False
        self.again, self.shown = True, []
        self.text_chars = _chars_outside(self.body, {
            key: why for key, why in dropped.items() if why != HIDDEN})
        return True

    def settle(self, main: list[LexborNode], dropped: dict[int, str]) -> None:
        """Leave out each element kept for a control that shows it unless both lie in the
        posting's own block (``main``, the sibling blocks kept as the posting, and the ones
        between them) or the element holds the posting: a control elsewhere on the page
        shows the page's own panels (a menu's, a footer's link to the privacy settings)."""
        if not self.shown or not main:
            return
        holders = {node.mem_id for node in main}
        ancestor = main[0].parent
        while ancestor is not None:
            holders.add(ancestor.mem_id)
            ancestor = ancestor.parent
        inside: set[int] = set()
        for block in _span(main):
            inside.update(n.mem_id for n in block.traverse(include_text=False))
        for panel, controls in self.shown:
            if panel.mem_id in holders:
                continue
            if panel.mem_id not in inside or \
                    (controls is not None and not any(c.mem_id in inside for c in controls)):
                dropped[panel.mem_id] = HIDDEN


_NOTHING = 40  # the characters of text a page that shows nothing holds ("Loading…")


def _span(main: list[LexborNode]) -> list[LexborNode]:
    """The blocks of the posting and, when they are siblings, the elements between them."""
    first, last = main[0], main[-1]
    parent = first.parent
    if len(main) == 1 or parent is None or any(
            node.parent is None or node.parent.mem_id != parent.mem_id for node in main):
        return main
    span: list[LexborNode] = []
    at: LexborNode | None = first
    while at is not None:
        if at.is_element_node:
            span.append(at)
        if at.mem_id == last.mem_id:
            return span
        at = at.next
    return main


def _chars_outside(body: LexborNode, dropped: dict[int, str], limit: int | None = None) -> int:
    """The characters of text outside the ``dropped`` elements (spaces, scripts and styles
    not counted), counted up to a little over ``limit`` when one is given."""
    count, stack = 0, [body]
    while stack:
        child = stack.pop().child
        while child is not None:
            if child.is_text_node:
                count += sum(map(len, (child.text_content or "").split()))
                if limit is not None and count > limit:
                    return count
            elif child.is_element_node and child.mem_id not in dropped and \
                    child.tag not in ("script", "style", "template", "noscript"):
                stack.append(child)
            child = child.next
    return count


def _beside_a_disclosure(node: LexborNode, sizes: Sizes) -> LexborNode | None:
    """The control next to (just before or after) the element that shows it: one that
    tells whether it is open (aria-expanded) or says "Read more", itself or as the only
    element inside a heading (an accordion's)."""
    for control in (_element_beside(node, forward=False), _element_beside(node, forward=True)):
        if control is None:
            continue
        if control.tag in _HEADINGS:
            inner = list(control.iter())
            control = inner[0] if len(inner) == 1 else control
        if control.tag not in _CONTROL_TAGS and control.attributes.get("role") != "button":
            continue
        if "aria-expanded" in control.attributes:
            return control
        if sizes.of(control)[0] < 60 and _MORE.search(control.text(deep=True) or ""):
            return control
    return None


def _element_beside(node: LexborNode, forward: bool) -> LexborNode | None:
    sibling = node.next if forward else node.prev
    while sibling is not None and not sibling.is_element_node:
        sibling = sibling.next if forward else sibling.prev
    return sibling


def _label_of_value(node: LexborNode, attrs: Mapping[str, str | None], sizes: Sizes) -> bool:
    """A screen reader's label of the value written right after it: "Location: "
    before "Austin, TX" (the page shows an icon in its place)."""
    if sizes.of(node)[0] > _LABEL_LENGTH:
        return False
    label = (node.text(deep=True) or "").strip()
    if not label.endswith(":") or len(label) > _LABEL_LENGTH:
        return False
    after = node.next
    if after is None:
        return False
    text = after.text_content if after.is_text_node else after.text(deep=True)
    return bool(text and text.strip())


def _declarations(style: str) -> dict[str, str]:
    decl = {}
    for part in style.lower().split(";"):
        name, colon, value = part.partition(":")
        if colon:
            decl[name.strip()] = value.replace("!important", "").strip()
    return decl


def _number(value: str | None) -> tuple[float, str] | None:
    match = _NUMBER.match(value or "")
    return (float(match.group(1)), match.group(2)) if match else None


def _far_off(value: str | None) -> bool:
    number = _number(value)
    if number is None or number[0] >= 0:
        return False
    return -number[0] >= _FAR.get(number[1], _FAR_IN_OTHER_UNITS)
