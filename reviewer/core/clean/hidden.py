"""Is an element hidden from the page's reader? Read from its own markup only: the
hidden attributes, its inline style, and the class names that mean hidden. (A class a
page's stylesheet hides is not known: no stylesheet is read.)

The styles: ``display:none``, ``visibility:hidden``, and a block placed far off the
screen (``position:absolute; left:-9999px``). The classes: the screen-reader-only ones
of the common frameworks, matched as whole class names, and passed over when a class of
the same list shows it again on some screens ("sr-only md:not-sr-only").

Not read as hidden, as what hides it may be undone where the markup alone does not tell:
``font-size:0`` (the blocks inside set their own size: a layout's way to close the gaps
between inline blocks), ``opacity:0`` (a script fades the block in), a zero height that
clips (an accordion's closed panel, opened by a click) and the class ``hidden`` (which
a script removes). Dropping them lost pages' visible text; reading a hidden sentence
costs a person a look at a suggestion.
"""

from __future__ import annotations

from collections.abc import Mapping

from reviewer.core.words.regex import lazy_compile

_HIDING_CLASSES = frozenset(
    ("sr-only", "visually-hidden", "visuallyhidden", "screen-reader-text")
)
_SHOWN_AGAIN = frozenset(
    ("block", "inline", "inline-block", "flex", "inline-flex", "grid", "table", "contents",
     "visible", "not-sr-only")
)
_NUMBER = lazy_compile(r"\s*(-?\d*\.?\d+)\s*([a-z%]*)\s*$")
_FAR = {"": 1000.0, "px": 1000.0, "pt": 750.0}  # an offset this far is off any screen
_FAR_IN_OTHER_UNITS = 100.0  # (em, rem, vw, %)


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


def hidden_by_class(classes: str) -> bool:
    """Does a whole class name say hidden, with none showing the element again?"""
    low = classes.lower()
    if "hidden" not in low and "sr-only" not in low and "screen-reader" not in low:
        return False  # (most classes: no need to part them)
    names = low.split()
    if not _HIDING_CLASSES.intersection(names):
        return False
    return not any(":" in name and name.rsplit(":", 1)[1] in _SHOWN_AGAIN for name in names)


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
