"""A long Markdown list laid out as several, drawn as the one list it is; a long table
laid out as several (``split_tables``).

Qt walks a list to number each of its items, so laying out a list of thousands of items
takes time that grows with their square (12,000 items 3.7 s, 25,000 over 18 s).
``split_long_lists`` parts such a list into runs of ``LIST_RUN`` items in what Qt reads,
without a change to the rendered text or to any offset; the document view gives each run
the list's marker and numbers back (``document_view``). No Qt.
"""

from __future__ import annotations

import re
from typing import Any

from reviewer.gui.text_mapping import RULE

LIST_RUN = 200  # items of one list the view lays out together, at most
TABLE_ROWS = 500  # rows of a table laid out at once (Qt's time grows with their square)
_ITEM = re.compile(r"^( {0,3})(?:([-*+])|(\d{1,9})([.)]))(?:[ \t]+(?=\S)|[ \t]*$)", re.M)
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")  # a code fence, its mark the group
# what ends a list's paragraph without a blank line before it: a heading, a quote, a fence
_BREAKS = re.compile(r"^ {0,3}(?:#{1,6}(?:[ \t]|$)|>|`{3,}|~{3,})")
_SWITCHED = {"-": "+", "*": "+", "+": "*", ".": ")", ")": "."}  # (rare: not the next list's)


def split_long_lists(markdown: str, most: int = LIST_RUN
                     ) -> tuple[str, list[tuple[int, int, str, int | None]]]:
    """``markdown`` with a list of more than ``most`` items laid out as several lists,
    one after another: every ``most`` items its marker alternates ("-" and "+", "." and
    ")"), which starts a new list and leaves every offset and the rendered text as they
    were. Qt walks a list to number each of its items: a list of 12,000 items took 3.7 s
    to lay out, and 25,000 over 18 s; in runs of 200, 0.1 s. Items in a fenced code
    block are left as they are, and so is any list where the page has no more than
    ``most`` items in all. Also returns, for the first item of each run after a list's
    first, its text's range, its own marker and, numbered, the number Qt gave it in the
    whole list: Qt draws each marker its own way (a disc, a circle; "1." or "1)") and
    numbers a list from its first item's number, which the view gives back to the run."""
    if markdown.count("\n") < most or len(_ITEM.findall(markdown)) <= most:
        return markdown, []
    text = list(markdown)
    runs: dict[int, list[Any]] = {}  # by indent: [its marker, its items, its first number]
    changed: list[tuple[int, int, str, int | None]] = []
    fenced = blank = False
    at = 0
    for line in markdown.split("\n"):
        start, at = at, at + len(line) + 1
        rule = RULE.match(line) is not None  # (a rule, "- - -", is no item)
        item = None if fenced or rule else _ITEM.match(line)
        if item is None:
            if line.strip() and not fenced and (blank or rule or _BREAKS.match(line)):
                # a paragraph after a blank line, a rule, a heading, a quote or a fence
                # ends the lists not around it
                depth = len(line) - len(line.lstrip())
                runs = {i: run for i, run in runs.items() if i < depth}
            if _FENCE.match(line):
                fenced = not fenced
            blank = not line.strip()
            continue
        blank = False
        indent = len(item.group(1))
        mark_at = start + (item.start(2) if item.group(2) else item.start(4))
        mark = markdown[mark_at]
        runs = {i: run for i, run in runs.items() if i <= indent}  # (inner lists end)
        run = runs.get(indent)
        if run is None or run[0] != mark:
            run = runs[indent] = [mark, 0, int(item.group(3)) if item.group(3) else None]
        count, empty = run[1], item.end() == len(line)
        if not empty:  # (Qt draws no empty item, numbers none; its marker goes with the run)
            run[1] += 1
            if count and count % most == 0:  # a run begins: drawn as the list it is part of
                changed.append((start + item.end(), start + len(line), mark,
                                None if run[2] is None else run[2] + count))
        other = _SWITCHED[mark]
        if (count // most) % 2 and not RULE.match(line.replace(mark, other, 1)):
            text[mark_at] = other  # (not where the line would read as a rule: "- * *")
    return "".join(text), changed


_RULE = re.compile(r"\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*")


def split_tables(text: str, most: int = TABLE_ROWS, heads: bool = True) -> str:
    """``text`` with each Markdown table of more than ``most`` rows written as tables of
    ``most`` rows, each under the header (code, fenced or indented, left as it is); with
    ``heads`` False, each after the first under a header of empty cells, so that the text
    shown is the table's own (a posting's spans are found in it)."""
    lines = text.split("\n")
    out: list[str] = []
    fence: str | None = None  # the fence a code block opened with: closed by one as long
    i = 0
    while i < len(lines):
        line = lines[i]
        if (mark := _FENCE.match(line)) and (fence is None or (
                mark[1][0] == fence[0] and len(mark[1]) >= len(fence))):
            fence = mark[1] if fence is None else None
        elif fence is None and "|" in line and not line.startswith(("    ", "\t")) \
                and i + 1 < len(lines) \
                and _RULE.fullmatch(lines[i + 1]) and "|" in lines[i + 1]:
            end = i + 2
            while end < len(lines) and "|" in lines[end] and lines[end].strip():
                end += 1
            head, body = lines[i:i + 2], lines[i + 2:end]
            columns = max(1, lines[i + 1].strip().strip("|").count("|") + 1)
            blank = ["|" + " |" * columns, "|" + "-|" * columns]
            for start in range(0, max(1, len(body)), most):
                out += [*([""] if start else []), *(head if heads or not start else blank),
                        *body[start:start + most]]
            i = end
            continue
        out.append(line)
        i += 1
    return "\n".join(out)


__all__ = ["LIST_RUN", "TABLE_ROWS", "split_long_lists", "split_tables"]
