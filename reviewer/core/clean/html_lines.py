"""Lines and pieces of the Markdown a page is rendered to, set right.

Two figures the page writes in elements side by side are kept apart (``figures_apart``):
a browser shows a pay range drawn as "<span>$185,000</span><span class=divider></span>
<span>$225,000</span>" with a dash the stylesheet draws between, and read as text the
figures ran into one ("$185,000$225,000"), which no reader of pay takes for a range.
Lines a page set apart with ``<br>`` that start with list marks become a list
(``lists_of_lines``); runs of spaces inside a line become one (``tidy``).
"""

from __future__ import annotations

import re

from reviewer.core.words.regex import lazy_compile

_FIGURE_END = lazy_compile(r"\d[*_]*$")  # (a figure, perhaps in bold: "**2025**")
_FIGURE_START = lazy_compile(r"[*_]*(?:[$€£¥₹]\s?)?\d")
_RANGE_DASH = " – "


def figures_apart(before: list[str], after: list[str], divided: bool) -> str:
    """What to write between the pieces ``before`` and ``after`` (each in order), written
    by elements side by side: a space where a figure would run into a figure
    ("20253318", "$40$50"), the dash of a range where an empty element (a divider the
    page draws) stands between them; else nothing."""
    last = next((piece for piece in reversed(before) if piece), "")
    first = next((piece for piece in after if piece), "")
    if not _FIGURE_END.search(last) or not _FIGURE_START.match(first):
        return ""
    return _RANGE_DASH if divided else " "


_BACKTICKS = lazy_compile(r"(?m)^[ \t]*(`{3,})")
_MARKED = lazy_compile(r"( *)\\?(?:[-*+•·▪◦‣–]|(\d{1,3})\\?[.)])\s+(\S.*)")  # ("1\\)": escaped)


def lists_of_lines(text: str) -> str:
    """Lines a page set apart with ``<br>`` ("Acme GmbH  \nBerlin") of which two or more
    start with a list mark ("- SQL", "• Spark", "2) Go"): a Markdown list, each marked line
    an item and any other line a paragraph of its own. Other such lines keep their hard
    breaks."""
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    fence = ""  # inside a fenced block (its fence): lines as they are
    while i < len(lines):
        opened = _BACKTICKS.match(lines[i])
        if fence or opened:
            if not fence and opened:
                fence = opened.group(1)
            elif opened and len(opened.group(1)) >= len(fence) and \
                    not lines[i].strip().strip("`"):
                fence = ""  # (a closing fence: as long as the opening one, nothing else)
            out.append(lines[i])
            i += 1
            continue
        j = i
        while j + 1 < len(lines) and lines[j].endswith("  ") and lines[j + 1].strip():
            j += 1
        run = lines[i:j + 1]
        marked = [_MARKED.fullmatch(line.rstrip()) for line in run]
        if len(run) < 2 or sum(m is not None for m in marked) < 2:
            out.extend(run)
        else:
            was_item = None
            for line, mark in zip(run, marked, strict=True):
                is_item = mark is not None
                if was_item is not None and not (was_item and is_item):
                    out.append("")  # only items follow each other without a blank line
                if mark is not None:
                    number = mark.group(2)
                    out.append(f"{mark.group(1)}{number + '. ' if number else '- '}"
                               f"{mark.group(3)}")
                else:
                    out.append(line.rstrip())
                was_item = is_item
        i = j + 1
    return "\n".join(out)


def tidy(line: str) -> str:
    """Single spaces inside a line; a hard break's two trailing spaces kept, and the
    line's indentation (a quote's "> " too: a list or code block in it keeps its own)."""
    if "  " not in line and not line.endswith(" "):
        return line
    body = line.rstrip()
    indent = len(body) - len(body.lstrip(" >"))
    body = body[:indent] + re.sub(r" {2,}", " ", body[indent:])
    return body + "  " if line.endswith("  ") and body.strip() else body
