"""What the HTML parser is not given: pages it would take minutes on, or of more tags
than a posting's page holds; and text pages of more lines than a posting holds
(``check_lines``).

The parser's time grows with the square of how deep elements nest and of how many
attributes one element has: 100,000 nested list items (800 KB) or one element with
500,000 attributes (6 MB) take it minutes. No posting comes near the limits here,
so a page past them is refused with the reason, before it is parsed. The checks
are cheap (a regular expression finds each tag): a short page is not scanned at all.

The scan reads tags as the parser does where it matters to the count: a comment
holds no tags (and "<!-->" is one); the text of a script, a style or a title is no
markup, but inside an SVG or MathML element they are elements like any other (and every
element nests); an end tag closes the elements opened inside its element, but not past
an object, a table, a template or the like, and one of no element open closes nothing;
"<div/>" opens a div (only an SVG or MathML element closes itself so); a value quoted
right after its "=" is part of its tag whatever it holds (a ">" or a "<"), a quote
anywhere else is a character of a name or a value, and attributes may be parted by "/"
as well as by spaces (HTML's own, not a no-break space); a tag never closed runs to the
end of the page.
"""

from __future__ import annotations

import re

from reviewer.core.words.regex import lazy_compile

MAX_DEPTH = 4_000  # elements open inside one another
# lines of a text page: its cleaning costs about a kilobyte a line (15 MB of line breaks,
# under the size of a file read, took two minutes and 4 GB); no posting comes near it
MAX_LINES = 200_000
# tags of an HTML page: its cleaning costs about 12 µs and 300 bytes a tag (three million
# line breaks, 12 MB, took 37 s and a gigabyte); a large page holds tens of thousands
MAX_TAGS = 250_000
_TAG_START = re.compile(r"<[A-Za-z/!]")
MAX_ATTRIBUTES = 2_000  # attributes of one element
_LONG = 20_000  # characters: only a tag this long can hold that many attributes
# a comment, or a tag as the parser reads it (HTML's own spaces alone, not a no-break
# space): its name up to a space, "/" or ">", then its attributes, a value quoted (only
# right after its "=") read whole, up to the tag's ">"; a comment ends at "-->", "--!>",
# or at once ("<!-->", "<!--->"); a comment, a quote or a tag never closed runs to the
# page's end (possessive: each character read once)
_S = r"[\t\n\f\r ]"
_TOKEN = lazy_compile(
    r"<!--(?:-?>|.*?--!?>|.*)"
    r"|<(/?)([a-zA-Z][^\t\n\f\r />]*+)"
    rf"((?:[\t\n\f\r /]++|=?[^\t\n\f\r />=]*+(?:{_S}*+={_S}*+"
    r"""(?:"[^"]*+"?|'[^']*+'?|[^\t\n\f\r >]*+))?+)*+)>?""", re.S)
# an attribute of a tag's inside, its quoted values taken out (``_QUOTED``)
_QUOTED = lazy_compile(r"""=[\t\n\f\r ]*(?:"[^"]*"|'[^']*')""")
_ATTRIBUTE = lazy_compile(r"""[^\t\n\f\r /=]+(?:[\t\n\f\r ]*=[\t\n\f\r ]*[^\t\n\f\r >]*)?""")
_RAW_TEXT = {name: re.compile(rf"</{name}", re.I)  # their text is not markup
             for name in ("script", "style", "textarea", "title", "xmp")}
_FOREIGN = frozenset(("svg", "math"))  # in them, _RAW_TEXT's names are elements
# the elements an end tag does not close past (the scope of HTML's tree building)
_BOUNDS = frozenset("applet caption html table td th marquee object template mi mo mn ms mtext "
                    "annotation-xml foreignobject desc title".split())
# elements that hold nothing, and those a parser closes by itself when the next of
# their kind (or their parent's end) comes, so that unclosed ones do not nest
_NO_DEPTH = frozenset(
    "area base br col embed hr img input link meta param source track wbr "
    "p li dt dd option optgroup tr td th thead tbody tfoot colgroup caption rb rt rp rtc "
    "html head body".split())


class PageRefused(ValueError):
    """A page the parser is not given; the message says why, for a person."""


def check_lines(text: str) -> None:
    """Raise ``PageRefused`` for a text of more than ``MAX_LINES`` lines (a line break
    is LF, CR or both)."""
    if len(text) > MAX_LINES:
        lines = text.count("\n") + text.count("\r") - text.count("\r\n")
        if lines > MAX_LINES:
            raise PageRefused(f"{lines:,} lines: more than a posting holds (at most "
                              f"{MAX_LINES:,})")


def check_page(html: str) -> None:
    """Raise ``PageRefused`` for a page of more than ``MAX_TAGS`` tags, nested too deep,
    or with an element of too many attributes."""
    signs = html.count("<")  # (every tag's start, and any "<" of the text)
    if signs > MAX_TAGS and (tags := sum(1 for _ in _TAG_START.finditer(html))) > MAX_TAGS:
        raise PageRefused(f"{tags:,} tags: more than a posting's page holds (at most "
                          f"{MAX_TAGS:,})")
    if len(html) > _LONG or signs > MAX_DEPTH:
        _scan(html)


def _scan(html: str) -> None:
    """Read the page's tags in order, counting how deep elements are open and the
    attributes of a long tag (see the module's note on how they are read)."""
    stack: list[str] = []  # the elements open, the innermost last
    at: dict[str, list[int]] = {}  # where each name is on it
    bounds: list[int] = []  # where an element that bounds an end tag's reach is on it
    foreign = 0  # SVG and MathML elements on it
    pos = 0
    while (tag := _TOKEN.search(html, pos)) is not None:
        pos = tag.end()
        if tag.group(2) is None:  # a comment
            continue
        closing, name, inside = tag.group(1), tag.group(2).lower(), tag.group(3)
        if len(inside) > _LONG:
            _check_attributes(inside)
        if closing:
            # it closes the elements opened in its element ("<a><svg></a>"), but not
            # past an object, a table, a template … ("<div><object></div>" closes none);
            # an end tag of no open element closes nothing
            mine = at.get(name)
            if mine and not (bounds and bounds[-1] > mine[-1]):
                target = mine[-1]
                while len(stack) > target:
                    gone = stack.pop()
                    at[gone].pop()
                    foreign -= gone in _FOREIGN
                    if bounds and bounds[-1] == len(stack):
                        bounds.pop()
            continue
        if name in _RAW_TEXT and not foreign:  # skip to its end
            raw_end = _RAW_TEXT[name].search(html, pos)
            pos = raw_end.start() if raw_end is not None else len(html)
            continue
        if (name in _NO_DEPTH and not foreign) or (
                inside.endswith("/") and (foreign or name in _FOREIGN)):
            continue  # ("<div/>" opens a div: only a foreign element closes itself so; in
            # one, every element nests)
        if name in _BOUNDS:
            bounds.append(len(stack))
        at.setdefault(name, []).append(len(stack))
        stack.append(name)
        foreign += name in _FOREIGN
        if len(stack) > MAX_DEPTH:
            raise PageRefused(f"the page nests elements over {MAX_DEPTH:,} deep")


def _check_attributes(inside: str) -> None:
    """Raise ``PageRefused`` for a tag's inside (after its name) of too many attributes."""
    attributes = len(_ATTRIBUTE.findall(_QUOTED.sub('=""', inside)))
    if attributes > MAX_ATTRIBUTES:
        raise PageRefused(f"an element of the page has {attributes:,} attributes "
                          f"(over {MAX_ATTRIBUTES:,})")
