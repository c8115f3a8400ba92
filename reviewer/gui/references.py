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
_REFERENCE = re.compile(r"(?<!\\)&(?=#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};"
                        r"|[A-Za-z][A-Za-z0-9]{1,31};)")
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
        else:  # (the pieces between backticks are inline code)
            pieces = line.split("`")
            out.append("`".join(_REFERENCE.sub(r"\\&", piece) if i % 2 == 0 else piece
                                for i, piece in enumerate(pieces)))
    return "\n".join(out)
