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
panels of an accordion, the tabs not chosen. A person reads them as the posting, so a
hidden element is kept when
  - the page holds a control that shows it: one naming its id (``aria-controls``,
    ``data-target``, ``data-bs-target``, a toggle's ``href="#id"``), or a disclosure
    button beside it (``aria-expanded``, or words like "Read more");
  - its own markup says a click or a search shows it: a tab panel
    (``role="tabpanel"``), ``hidden="until-found"``;
  - it holds most of the page's text (a page hidden whole until its script runs);
  - it is a screen reader's label of the value written after it ("Location: " before
    "Austin, TX").
The rest is left out: what a page hides with no way to show it is furniture or text of
another state (a "no longer accepting applications" alert, an internal note, a screen
reader's announcement, another posting loaded ahead). What is kept still meets the
other rules: a modal, a cookie dialog, a template go by their tag or name.

Not read as hidden at all, as what hides it may be undone where the markup alone does
not tell: ``font-size:0`` (the blocks inside set their own size: a layout's way to close
the gaps between inline blocks), ``opacity:0`` (a script fades the block in), a zero
height that clips (an accordion's closed panel, opened by a click).
"""

from __future__ import annotations

from collections.abc import Mapping

from selectolax.lexbor import LexborNode

from reviewer.core.words.regex import lazy_compile

HIDDEN = "hidden element"  # the reason recorded for what is left out

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

_CONTROLS = "[aria-controls], [data-target], [data-bs-target], [data-toggle], [data-bs-toggle]"
_CONTROL_TAGS = frozenset(("button", "a", "summary"))
_HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
_MORE = lazy_compile(r"(?i)\b(?:read|show|see|view)\s+(?:more|all|full|the\s+full)\b|\bexpand\b")
_LABEL_LENGTH = 40  # a screen reader's label of a value is a few words


def is_hidden(attrs: Mapping[str, str | None]) -> bool:
    """Does an element's own markup (``attrs``, its attributes) hide it and all it holds
    from the reader?"""
    if "hidden" in attrs or attrs.get("aria-hidden") == "true":
        return True
    style, classes = attrs.get("style"), attrs.get("class")
    return bool(style and hidden_by_style(style)) or bool(classes and hidden_by_class(classes))


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
        self.ids: set[str] = set()
        for control in body.css(_CONTROLS):
            attrs = control.attributes
            for key in ("aria-controls", "data-target", "data-bs-target"):
                self.ids.update(name.lstrip("#") for name in (attrs.get(key) or "").split())
            href = attrs.get("href") or ""
            if href.startswith("#"):
                self.ids.add(href[1:])
        self._page_chars: int | None = None

    def keeps(self, node: LexborNode, attrs: Mapping[str, str | None]) -> bool:
        """Is the hidden element ``node`` (``attrs``, its attributes) kept?"""
        if attrs.get("hidden") == "until-found" or attrs.get("role") == "tabpanel":
            return True
        if attrs.get("id") in self.ids or _beside_a_disclosure(node):
            return True
        if _label_of_value(node, attrs):
            return True
        return 2 * _chars(node) > self.page_chars()

    def page_chars(self) -> int:
        """How much text the page holds, its scripts' and styles' left out (counted
        once, when first asked)."""
        if self._page_chars is None:
            code = sum(_chars(n) for n in self.body.css("script, style, template"))
            self._page_chars = _chars(self.body) - code
        return self._page_chars


def _chars(node: LexborNode) -> int:
    return sum(len(word) for word in (node.text(deep=True) or "").split())


def _beside_a_disclosure(node: LexborNode) -> bool:
    """Is the element next to (just before or after) a control that shows it: one that
    tells whether it is open (aria-expanded) or says "Read more", itself or as the
    only element inside a heading (an accordion's)?"""
    for control in (_element_beside(node, forward=False), _element_beside(node, forward=True)):
        if control is None:
            continue
        if control.tag in _HEADINGS:
            inner = list(control.iter())
            control = inner[0] if len(inner) == 1 else control
        if control.tag not in _CONTROL_TAGS and control.attributes.get("role") != "button":
            continue
        if "aria-expanded" in control.attributes:
            return True
        words = control.text(deep=True) or ""
        if len(words) < 60 and _MORE.search(words):
            return True
    return False


def _element_beside(node: LexborNode, forward: bool) -> LexborNode | None:
    sibling = node.next if forward else node.prev
    while sibling is not None and not sibling.is_element_node:
        sibling = sibling.next if forward else sibling.prev
    return sibling


def _label_of_value(node: LexborNode, attrs: Mapping[str, str | None]) -> bool:
    """A screen reader's label of the value written right after it: "Location: "
    before "Austin, TX" (the page shows an icon in its place)."""
    classes = attrs.get("class")
    if not classes or not hidden_by_class(classes, _READER_ONLY):
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
