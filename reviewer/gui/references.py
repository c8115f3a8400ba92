"""Character references in a posting's Markdown, shown as the posting holds them.

A text posting (a dump of a page's text) may hold "&amp;" or "&lt;u&gt;" as text: its
fields and its export hold them so. Markdown reads them as the characters they stand
for, and the view showed "Evil & Co" over a field and an export of "Evil &amp; Co".
Each is escaped before the view renders the Markdown, so that it shows as written;
inside code, which shows them as written already, nothing changes.
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


def references_as_written(markdown: str) -> str:
    """``markdown`` with each character reference out of code escaped ("\\&amp;")."""
    if "&" not in markdown:
        return markdown
    out: list[str] = []
    fence = ""  # the fence of the code block the line is in
    for line in markdown.split("\n"):
        opened = _FENCE.match(line)
        if fence:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = ""
            out.append(line)
        elif opened:
            fence = opened.group(1)
            out.append(line)
        else:
            out.append(_escaped(line))
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
