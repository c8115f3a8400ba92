"""A page's text written as Markdown that shows it and makes nothing of it.

The cleaned Markdown is rendered by the review window and by the tools it is exported
to, so a page's words must not turn into markup there: "&lt;script&gt;" on the page is
the text "<script>", not a script; "[click](javascript:…)" written on the page is text,
not a link. ``escaped`` escapes what in a text could open HTML, a link, an image or a
code span (``escape_line_start``, what would open a block where a block starts);
``link`` writes a link so that nothing in its text or address can end it early or
open another; ``code_span`` writes inline code so that a
backtick in it is code too; ``add_apart`` keeps two pieces from running together into
markup ("!" before a link is an image). Each follows CommonMark's rules.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from reviewer.core.words.regex import lazy_compile
from reviewer.core.words.text import without_invisible

# a "<" that opens a tag, a comment or an autolink ("<b", "</", "<!--", "<?", "<http:",
# "<1jobs@x.example>": a run of anything but spaces and "<" up to a ">") or might, its
# run reaching the end of the text (what follows it is another's); a backtick; the first
# "~" of "~~~" (a code block's fence where a line starts); a "[" after a "!" (an image);
# any other "[" but one closed in the text by a "]" that no "(", "[" or ":" follows; each
# with the backslashes before it
_MARKUP_OPENERS = lazy_compile(
    r"(?<!\\)(\\*+)(<(?=[A-Za-z/!?]|[^\s<>]*+(?:>|$))|`|(?<!~)~(?=~~)|(?<=!)\[|"
    r"\[(?![^\[\]\\]*\][^(\[:]))")


def escaped(text: str) -> str:
    """``text`` of the page escaped where it would read as markup: no HTML ("<script>"
    and "<!-- x -->" are text), no code span, no image ("![team](/etc/x)") and no link
    ("[click](javascript:…)") and no code block ("~~~" where a line starts); a "<", "`",
    "~" or "[" so escaped is written "\\<", "\\`", "\\~", "\\[".

    A "[" stays as written where it cannot open a link: closed in the text, with no
    bracket or backslash between, by a "]" that something other than "(", "[" or ":"
    follows in the text ("[remote] or [hybrid]"). Any other "[" might open one: its "]"
    and what follows could come from the next text or element. A "<" that opens nothing
    ("< 5 years", "3<4 of them", "I <3 it") stays as well; one whose word runs to the
    text's end is escaped (the next text could close it: "<1jobs" then "@x.example>").
    A backslash ending the text is escaped: it would escape what comes next (a code
    span's opening backtick)."""
    if not text.isascii():  # (what no one sees out first: "[a]\u200b(b)" reads as
        text = without_invisible(text)  # "[a](b)" once it is gone)
    if "<" in text or "[" in text or "`" in text or "~~~" in text:
        text = _MARKUP_OPENERS.sub(_escape, text)
    if text.endswith("\\") and (len(text) - len(text.rstrip("\\"))) % 2:
        text += "\\"
    return text


def tags_escaped(line: str) -> str:
    """A whole line of a text posting with each "<" that would open HTML, a comment or an
    autolink escaped (``escaped``'s rule, but for a line: nothing follows it to close one)."""
    return _TAG_OPENER.sub(r"\1\\<", line)


# a "<" that would open HTML, a comment or an autolink ("<b", "</", "<!--", "<?", and a
# run of anything but spaces and "<" up to a ">": "<1jobs@x.example>"), after an even
# run of backslashes (an odd one escapes it already)
_TAG_OPENER = lazy_compile(r"(?<!\\)((?:\\\\)*)<(?=[A-Za-z/!?]|[^\s<>]++>)")


def _escape(found: re.Match[str]) -> str:
    """A backslash before the character, and the backslashes before it (the page's own:
    "\\[") doubled, so that they show and the character stays escaped."""
    return found.group(1) * 2 + "\\" + found.group(2)


def link(text: str, href: str) -> str:
    """``[text](href)``, with the text's brackets escaped and the address encoded
    (``_link_text``, ``_address``)."""
    return f"[{_link_text(text)}]({_address(href)})"


_LINK_TEXT_MARKS = lazy_compile(r"(?<!\\)(\\*+)([\[\]]|$)")


def _link_text(text: str) -> str:
    """A link's text (written by ``escaped``) with nothing in it that could end the link
    or open another: each bracket not escaped yet is escaped, and a backslash ending the
    text is doubled (it would escape the link's "]")."""
    def escape(found: re.Match[str]) -> str:
        slashes, mark = found.group(1), found.group(2)
        if len(slashes) % 2 == (1 if mark else 0):
            return found.group(0)  # (escaped already; or no backslash left over at the end)
        return slashes + "\\" + mark

    return _LINK_TEXT_MARKS.sub(escape, text)


_UNSAFE_IN_ADDRESS = lazy_compile(r"[\s()<>\\`]")


def _address(href: str) -> str:
    """A link's address as a Markdown destination: what would end it or read as markup
    there (spaces, parentheses, "<", ">", backslashes, backticks) percent-encoded, as a
    browser sends them; the rest as written."""
    return _UNSAFE_IN_ADDRESS.sub(lambda found: quote(found.group(), safe=""), href)


_BACKTICK_RUN = lazy_compile(r"`+")


def fence(code: str, shortest: int = 1) -> str:
    """A run of backticks longer than any in ``code`` (and ``shortest`` at least): it
    opens and closes code that holds backticks ("`" is written "`` ` ``")."""
    longest = max((len(run) for run in _BACKTICK_RUN.findall(code)), default=0)
    return "`" * max(shortest, longest + 1)


def code_span(code: str, in_link: bool = False) -> str:
    """Inline ``code`` as a Markdown code span: delimited by a run of backticks longer
    than any in it, and padded with a space inside where it starts or ends with a
    backtick, so that a backtick of the code is code, not the span's end. In a link's
    text, code is written as text (``escaped``): a code span there could hide the
    link's end. A space at either end of ``code`` is kept outside."""
    text = without_invisible(code)
    core = text.strip()
    if not core:
        return text
    if in_link:
        written = escaped(core)
    else:
        mark = fence(core)
        pad = " " if core[0] == "`" or core[-1] == "`" else ""
        written = f"{mark}{pad}{core}{pad}{mark}"
    return (" " if text[0] == " " else "") + written + (" " if text[-1] == " " else "")


_BULLET_START = lazy_compile(r"[-+*] ")
_NUMBER_START = lazy_compile(r"\d+(?=[.)] )")


def escape_line_start(text: str) -> str:
    """Keep text that merely starts a block like Markdown syntax from turning into it
    ("1. x" as "1\\. x": a backslash escapes the mark, never a digit)."""
    if (text[:1] and text[:1] in "#>") or _BULLET_START.match(text):
        return "\\" + text
    if numbered := _NUMBER_START.match(text):
        return f"{numbered.group()}\\{text[numbered.end():]}"
    return text


def add_apart(pieces: list[str], part: str) -> None:
    """Append ``part`` to what was written (``pieces``) so that the two do not run
    together into markup: a "!" ending what was written before a link is escaped
    ("![" would make the link an image), and a code span right after a backtick is set
    apart by a space (their backticks would run together: "`a``b`" is one span, and a
    code span's last backtick is never escaped)."""
    if part[:1] in ("[", "`"):
        at = len(pieces) - 1
        while at >= 0 and not pieces[at]:
            at -= 1
        if at >= 0 and part[0] == "`" and pieces[at].endswith("`"):
            pieces.append(" ")
        elif at >= 0 and part[0] == "[" and pieces[at].endswith("!"):
            # (a "!" escaped, "\\!", is no image's; and no piece ends with a backslash
            # that escapes what follows, ``escaped``: the piece's own backslashes tell)
            before = pieces[at][:-1]
            if (len(before) - len(before.rstrip("\\"))) % 2 == 0:
                pieces[at] = before + "\\!"
    pieces.append(part)
