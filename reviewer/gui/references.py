"""Character references in a posting's Markdown, shown as the posting holds them.

A text posting (a dump of a page's text) may hold "&amp;" or "&lt;u&gt;" as text: its
fields and its export hold them so. Markdown reads them as the characters they stand
for, and the view showed "Evil & Co" over a field and an export of "Evil &amp; Co".
Each is escaped before the view renders the Markdown, so that it shows as written;
inside code (fenced, indented or inline), which shows them as written already, nothing
changes.
"""

from __future__ import annotations

import re

# "&amp;", "&#38;", "&#x26;": what Markdown reads as a character reference
# (after an even run of backslashes: one odd escapes the "&" already)
_REFERENCE = re.compile(r"(?<!\\)((?:\\\\)*)&(?=#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};"
                        r"|[A-Za-z][A-Za-z0-9]{1,31};)")
# what is shown as written already: inline code (a run of backticks to the same run),
# an autolink ("<https://x.com/?a=1&amp;b=2>", whose text a backslash would enter)
_AS_WRITTEN = re.compile(r"(?<!`)(`+)[\s\S]*?(?<!`)\1(?!`)|<[A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]*>")
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
_HEADING = re.compile(r" {0,3}#{1,6}(?:[ \t]|$)")  # (an indented line after it is code)
_LIST_ITEM = re.compile(r" {0,3}(?:[-*+]|[0-9]{1,9}[.)])(?:[ \t]|$)")


def _indent(line: str) -> int:
    return len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip(" "))


def references_as_written(markdown: str) -> str:
    """``markdown`` with each character reference out of code escaped ("\\&amp;")."""
    if "&" not in markdown:
        return markdown
    out: list[str] = []
    fence = ""  # the fence of the code block the line is in
    indented = False  # in an indented code block
    after_blank, in_list = True, False  # (in a list or a paragraph, indented lines are no code)
    for line in markdown.split("\n"):
        opened = _FENCE.match(line)
        blank = not line.strip()
        if fence:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = ""
            out.append(line)
        elif indented and (blank or _indent(line) >= 4):
            out.append(line)
        elif not blank and _indent(line) >= 4 and after_blank and not in_list:
            indented = True
            out.append(line)
        else:
            indented = False
            if opened:
                fence = opened.group(1)
                out.append(line)
            else:
                out.append(_escaped(line))
            if _LIST_ITEM.match(line):
                in_list = True
            elif not blank and after_blank and not _indent(line):
                in_list = False
        after_blank = blank or bool(not indented and _HEADING.match(line))
    return "\n".join(out)


def _escaped(line: str) -> str:
    """A line out of code blocks with its references escaped, but where it is shown as
    written already (``_AS_WRITTEN``)."""
    out, at = [], 0
    for kept in _AS_WRITTEN.finditer(line):
        out += [_REFERENCE.sub(r"\1\\&", line[at:kept.start()]), kept.group()]
        at = kept.end()
    out.append(_REFERENCE.sub(r"\1\\&", line[at:]))
    return "".join(out)
