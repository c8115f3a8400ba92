"""What a hidden part of a page is: the page's furniture, read from its markup and its
words, or text of the posting; and how much text each element holds.

Furniture is hidden until a click or a state shows it, and is never the posting however
it is shown: a dialog (``role="dialog"``, ``aria-modal``, a modal, an off-canvas drawer),
a menu or a dropdown, an alert or a status message (``role="alert"``, ``aria-live``, "This
position is no longer accepting applications"), a list of links, a panel to sign in,
apply, share or report, a tab of the employer's reviews or of its other jobs, a template.
It is told by its tag, its role, its id and class names (as whole words: "alert-warning",
"offcanvas-start", "job__status"), the control that shows it (Bootstrap's
``data-bs-toggle="modal"``; words like "Apply now", "Share", "Company reviews", "More jobs
at Acme") and, for a short block, its own words.
"""

from __future__ import annotations

from collections.abc import Mapping

from selectolax.lexbor import LexborNode

from reviewer.core.words.lexicon import boilerplate_reason
from reviewer.core.words.regex import lazy_compile
from reviewer.core.words.sections import section_field

_TAGS = frozenset(("nav", "dialog", "menu", "template", "aside"))
_ROLES = frozenset((
    "dialog", "alertdialog", "alert", "status", "log", "marquee", "timer", "menu", "menubar",
    "navigation", "tooltip", "banner", "contentinfo", "complementary", "search",
))
_NAMES = frozenset((
    "alert", "alerts", "notice", "notices", "notification", "notifications", "toast",
    "snackbar", "flash", "status", "error", "errors", "banner", "announcer", "modal", "dialog",
    "popup", "popover", "tooltip", "lightbox", "overlay", "dropdown", "menu", "submenu",
    "megamenu", "nav", "navbar", "navigation", "offcanvas", "drawer", "flyout", "toolbar",
    "share", "sharing", "social", "login", "signin", "signup", "register", "report", "cookie",
    "cookies", "consent", "privacy", "gdpr", "search", "filter", "filters", "template", "tpl",
    "skeleton", "placeholder", "loader", "loading", "spinner",
))
_NAME_ENDINGS = ("menu", "nav", "navbar", "modal", "dialog", "popup", "popover", "dropdown",
                 "drawer", "alert", "toast", "tooltip")
_NAMES_JOINED = lazy_compile(r"sign-?(?:in|up)|log-?in|off-canvas|drop-down|pop-?up|mega-menu")
_WORD = lazy_compile(r"[a-z]+")
_TOGGLES = frozenset(("modal", "offcanvas", "dropdown", "popover", "tooltip"))

# what a control that shows the page's furniture says, or a panel's label: to apply,
# share, report or sign in (the verb alone or with a short object: "Report Analyst" is a
# job), a menu or settings; the employer's reviews, its salaries, its interviews
_CONTROL_WORDS = lazy_compile(
    r"^(?:apply|share|report|print|e-?mail|save|sign|log ?in|register|subscribe)"
    r"(?: (?:now|this|job|it|in|up|out|on|via|with|to|for|a|the)\b.*)?$|"
    r"^(?:(?:main |site |open |toggle )?menu|(?:more )?options|settings|preferences|"
    r"(?:privacy|cookies?)(?: settings| choices| preferences)?|filters?|notifications?)$|"
    r"^(?:\w+ )?(?:reviews?|ratings?|salaries|interviews|q ?& ?a)(?: \(\d+\))?$")
_ELSEWHERE = frozenset(("sign-in form", "list of other jobs", "social links", "cookie notice",
                        "site footer", "region picker", "browser notice"))
_LABEL_LENGTH = 80  # a control's words, a panel's heading

# a notice of another state than the posting's, or of an action's outcome
_STATE = lazy_compile(
    r"no longer (?:available|accepting|open|active|taking|listed)|"
    r"(?:has|have) (?:now )?(?:expired|closed|been filled|been removed)|"
    r"\b(?:job|position|posting|vacancy|role|listing) (?:is|was|has been) "
    r"(?:closed|filled|expired|removed)|"
    r"application (?:was|has been) (?:submitted|received|sent)|thank you for (?:applying|your)|"
    r"something went wrong|please try again|\b(?:saved|copied) to\b|link copied|^loading\b")
_NOTICE = 300  # the most text a notice holds
_ITEMS = "p, li, td, th, dt, dd, h1, h2, h3, h4, h5, h6"
_CODE = frozenset(("script", "style", "template", "noscript"))


def named_furniture(node: LexborNode, attrs: Mapping[str, str | None],
                    controls: list[LexborNode], sizes: Sizes) -> bool:
    """Is the hidden element furniture by its tag, role, names, label or the controls that
    show it (``controls``)?"""
    if node.tag in _TAGS or attrs.get("role") in _ROLES or "aria-live" in attrs or \
            attrs.get("aria-modal") == "true":
        return True
    names = f"{attrs.get('id') or ''} {attrs.get('class') or ''}".lower()
    if names.strip() and (_NAMES_JOINED.search(names) or any(
            word in _NAMES or word.endswith(_NAME_ENDINGS) for word in _WORD.findall(names))):
        return True
    if any(_shows_furniture(control, sizes) for control in controls):
        return True
    label = attrs.get("aria-label") or _first_heading(node)
    return label is not None and _says_elsewhere(label)


def furniture_text(node: LexborNode, sizes: Sizes) -> bool:
    """Is the hidden element furniture by what it holds: mostly links (a menu), or a
    short notice of another state or of the page's furniture alone?"""
    chars, in_links = sizes.of(node)
    if not chars:
        return False
    if 2 * in_links >= chars:
        return True
    if chars > _NOTICE:
        return False
    text = " ".join((node.text(deep=True, separator=" ") or "").split()).lower()
    if _STATE.search(text):
        return True
    items = [" ".join((i.text(deep=True, separator=" ") or "").split()) for i in node.css(_ITEMS)]
    lines = [line for line in items if line] or [text]
    return all(boilerplate_reason(line) in _ELSEWHERE for line in lines)


def _shows_furniture(control: LexborNode, sizes: Sizes) -> bool:
    """Does the control open a dialog, a drawer or a dropdown, or say it applies, shares,
    signs in or shows reviews or other jobs?"""
    attrs = control.attributes
    toggle = (attrs.get("data-bs-toggle") or attrs.get("data-toggle") or "").lower()
    if toggle in _TOGGLES:
        return True
    if sizes.of(control)[0] > _LABEL_LENGTH:
        return False
    return _says_elsewhere(control.text(deep=True, separator=" ") or "")


def _says_elsewhere(words: str) -> bool:
    """Do a control's words or a panel's label name the page's furniture (and no section
    of a posting: "How to apply" is one)?"""
    text = " ".join(words.split())
    if not text or section_field(text, loose=False)[0]:
        return False
    return bool(_CONTROL_WORDS.search(text.lower())) or boilerplate_reason(text) in _ELSEWHERE


def _first_heading(node: LexborNode) -> str | None:
    """The words of a heading among the first few elements of ``node`` (its label)."""
    for count, inner in enumerate(node.traverse(include_text=False)):
        if count > 8:
            break
        if inner.tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            words = inner.text(deep=True, separator=" ") or ""
            return words if len(words) <= _LABEL_LENGTH else None
    return None


class Sizes:
    """How many characters of text (not counting spaces, nor scripts' and styles') each
    element holds, and how many of them sit in links. Read in one pass over the subtree
    of the first element asked about: the elements nested in it are answered from the
    same pass, so a page of hidden blocks nested a thousand deep is read once, not a
    thousand times."""

    def __init__(self) -> None:
        self.text: dict[int, int] = {}
        self.links: dict[int, int] = {}

    def of(self, node: LexborNode) -> tuple[int, int]:
        """(characters of text, of them in links) of the element ``node``."""
        if node.mem_id not in self.text:
            self._read(node)
        return self.text[node.mem_id], self.links[node.mem_id]

    def _read(self, top: LexborNode) -> None:
        text_of, links_of = self.text, self.links
        inner_text: dict[int, int] = {}
        inner_links: dict[int, int] = {}
        # children come after their parent in the page's order: read backwards, each
        # element's sums are whole when it is reached
        for node in reversed(list(top.traverse(include_text=True))):
            key = node.mem_id
            if node.is_text_node:
                chars, in_links = sum(map(len, (node.text_content or "").split())), 0
            else:
                chars, in_links = inner_text.pop(key, 0), inner_links.pop(key, 0)
                if node.tag in _CODE:
                    chars = in_links = 0
                elif node.tag == "a":
                    in_links = chars
                text_of[key], links_of[key] = chars, in_links
            if key == top.mem_id:
                break
            parent = node.parent
            if parent is not None and (chars or in_links):
                inner_text[parent.mem_id] = inner_text.get(parent.mem_id, 0) + chars
                inner_links[parent.mem_id] = inner_links.get(parent.mem_id, 0) + in_links
        text_of.setdefault(top.mem_id, 0)
        links_of.setdefault(top.mem_id, 0)
