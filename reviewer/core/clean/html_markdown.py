"""Render a lexbor subtree as Markdown, in one pass over the parsed page.

The cleaner already holds the page parsed by lexbor; rendering from that tree avoids
parsing the posting a second time (markdownify needs a BeautifulSoup tree, which was
two thirds of the cleaning time on the development pages). Output: ATX headings,
``-`` and ``1.`` lists (nested by indentation), links as ``[text](address)`` for
web and mail addresses only, ``**bold**`` and ``*italic*``, code, quotes, simple
tables as pipe tables (layout tables as plain blocks). Images and media are dropped.
The page's text is escaped where it would read as markup (``escape``).
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborNode

from reviewer.core.clean.escape import add_apart, code_span, escape_line_start, escaped, fence, link
from reviewer.core.words.regex import lazy_compile
from reviewer.core.words.text import without_invisible


def _squash(text: str) -> str:
    """Runs of whitespace to one space, keeping one at either end if there was any."""
    if not text or text.isspace():
        return " " if text else ""
    core = " ".join(text.split())
    if text[0].isspace():
        core = " " + core
    if text[-1].isspace():
        core += " "
    return core
_SKIP = frozenset(
    (
        "script style noscript template iframe svg canvas object embed audio video picture img "
        "map input button select textarea link meta head title"
    ).split()
)
_BLOCK = frozenset(
    (
        "p div section article main header footer nav aside address figure figcaption center "
        "body html "
        "form fieldset details summary dl dt dd table tbody thead tfoot tr caption"
    ).split()
)
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_MAX_DEPTH = 250
_AFTER_BREAK = lazy_compile(r"  \n +")
_BLANKS = lazy_compile(r"\n{3,}")


def to_markdown(nodes: list[LexborNode], skip_ids: frozenset[int] = frozenset(),
                depth: int = 0) -> str:
    """Markdown for ``nodes`` (in order), leaving out elements whose mem_id is in skip_ids;
    ``depth``: how deep they lie in what is being written (a quote's inside)."""
    writer = _Writer(skip_ids)
    for node in nodes:
        writer.block(node, depth, "")
    return writer.result(whole=depth == 0)


class _Writer:
    def __init__(self, skip_ids: frozenset[int]) -> None:
        self.skip = skip_ids
        self.out: list[str] = []
        self.in_link = 0  # how many links the text being written is inside

    # --- output helpers
    def result(self, whole: bool = False) -> str:
        """What was written, tidied; ``whole``: the outermost writer's, which also leaves
        out the characters no one sees (as a text posting's cleaning does: "Py\u200bthon"
        is no word a search or a skill finds), once for the writers of lists and quotes
        inside it."""
        text = "".join(self.out)
        if whole:
            text = without_invisible(text)
        if "  " in text or " \n" in text:
            text = "\n".join([_tidy(line) for line in text.split("\n")])
        if "  \n" in text:
            text = _lists_of_lines(text)
        if "\n\n\n" in text:
            text = _BLANKS.sub("\n\n", text)
        text = text.strip()
        return text + "\n" if text else ""

    def paragraph_break(self) -> None:
        if self.out and not self.out[-1].endswith("\n\n"):
            self.out.append("\n\n")

    # --- blocks
    def block(self, node: LexborNode, depth: int, indent: str) -> None:
        """Render a node that starts in block context."""
        if node.is_text_node:
            text = _text(node)
            if text.strip():
                self.inline_text(text, indent)
            elif text and self.out and not self.out[-1][-1:].isspace():
                self.out.append(" ")  # "<span>REST</span> <span>API</span>": two words
            return
        if not node.is_element_node or node.mem_id in self.skip:
            return
        tag = node.tag or ""
        if tag in _SKIP:
            return
        if depth > _MAX_DEPTH:
            self.paragraph_break()
            text = escaped(_squash(node.text(deep=True) or "").strip())
            self.out.append(indent + escape_line_start(text))
            self.paragraph_break()
            return
        if tag in _HEADINGS:
            text = self.inline_of(node, depth).strip()
            if text:
                self.paragraph_break()
                self.out.append(f"{indent}{'#' * _HEADINGS[tag]} {text}")
                self.paragraph_break()
            return
        if tag in ("ul", "ol", "menu"):
            self.list(node, depth, indent, ordered=tag == "ol")
            return
        if tag == "pre":
            code = without_invisible(node.text(deep=True) or "")
            if code.strip():
                self.paragraph_break()
                fenced = "\n".join(indent + line for line in code.strip("\n").split("\n"))
                mark = fence(code, 3)
                self.out.append(f"{indent}{mark}\n{fenced}\n{indent}{mark}")
                self.paragraph_break()
            return
        if tag == "blockquote":
            inner = to_markdown([c for c in _kids(node)], self.skip, depth + 1).strip()
            if inner:
                self.paragraph_break()
                self.out.append("\n".join(f"{indent}> {line}".rstrip()
                                          for line in inner.split("\n")))
                self.paragraph_break()
            return
        if tag == "hr":
            self.paragraph_break()
            self.out.append(indent + "---")
            self.paragraph_break()
            return
        if tag == "br":
            self.out.append("  \n" + indent)
            return
        if tag == "table" and _is_data_table(node):
            self.table(node, indent)
            return
        if tag == "dt":
            text = self.inline_of(node, depth).strip()
            if text:
                self.paragraph_break()
                self.out.append(f"{indent}**{text}**")
                self.paragraph_break()
            return
        if tag in _BLOCK or tag in ("li", "td", "th", "tr"):
            self.paragraph_break()
            self.children(node, depth, indent)
            self.paragraph_break()
            return
        # an inline element met in block context
        self.inline_text(self.inline(node, depth), indent)

    def children(self, node: LexborNode, depth: int, indent: str) -> None:
        child = node.child
        while child is not None:
            self.block(child, depth + 1, indent)
            child = child.next

    def inline_text(self, text: str, indent: str) -> None:
        if "  \n " in text:  # (a list's own lines, padded under their item, come as
            text = _AFTER_BREAK.sub("  \n" + indent, text)  # pieces of their own)
        if self.out and self.out[-1].endswith("  \n" + indent):
            text = text.lstrip(" ")
        if not text:
            return
        if self.out and self.out[-1].endswith("\n\n"):
            text = text.lstrip()
            if not text:
                return
            text = indent + escape_line_start(text)
        elif not self.out:
            text = indent + escape_line_start(text.lstrip())
        add_apart(self.out, text)

    def list(self, node: LexborNode, depth: int, indent: str, ordered: bool) -> None:
        self.paragraph_break()
        number = 1
        for item in _kids(node):
            if item.is_text_node:
                continue
            if item.mem_id in self.skip or item.tag in _SKIP:
                continue
            marker = f"{number}. " if ordered else "- "
            number += 1
            sub = _Writer(self.skip)
            if item.tag == "li":
                sub.children(item, depth + 1, "")
            else:
                sub.block(item, depth + 1, "")
            body = sub.result().strip("\n")
            if not body:
                continue
            lines = body.split("\n")
            pad = " " * len(marker)
            rendered = [indent + marker + lines[0]]
            for line in lines[1:]:
                if rendered[-1].endswith("  ") and line.strip():
                    # a line broken off inside an item: a paragraph of the item (a hard
                    # break there, Qt draws as an item of its own, with its bullet)
                    rendered[-1] = rendered[-1].rstrip()
                    rendered.append("")
                rendered.append(indent + pad + line if line.strip() else "")
            self.out.append("\n".join(rendered) + "\n")
        self.paragraph_break()

    def table(self, node: LexborNode, indent: str) -> None:
        rows = []
        for tr in node.css("tr"):
            cells = [
                _squash(self.inline_of(cell, 0)).strip().replace("|", "\\|")
                for cell in _kids(tr) if cell.tag in ("td", "th")
            ]
            if any(cells):
                rows.append(cells)
        if not rows:
            return
        width = max(len(r) for r in rows)
        self.paragraph_break()
        lines = []
        for i, row in enumerate(rows):
            row = row + [""] * (width - len(row))
            lines.append(indent + "| " + " | ".join(row) + " |")
            if i == 0:
                lines.append(indent + "|" + "---|" * width)
        self.out.append("\n".join(lines))
        self.paragraph_break()

    # --- inline
    def anchor(self, node: LexborNode, depth: int) -> str:
        """A link to a web or mail address as ``[text](address)``; any other as its text."""
        href = (node.attributes.get("href") or "").strip()
        if not href.lower().startswith(("http://", "https://", "mailto:")):
            return self.inline_of(node, depth)
        self.in_link += 1
        inner = self.inline_of(node, depth)
        self.in_link -= 1
        text = inner.strip()
        if not text or href.removeprefix("mailto:") == text:
            return inner
        return _around(inner, link(text, href))

    def code_of(self, node: LexborNode, depth: int) -> str:
        """The text of a code element as the page shows it: code is written as it is,
        with no escapes and no marks (a link or bold type in it is its text)."""
        if depth > _MAX_DEPTH:
            return node.text(deep=True) or ""
        parts: list[str] = []
        for child in _kids(node):
            if child.is_text_node:
                parts.append(child.text_content or "")
            elif child.is_element_node and child.mem_id not in self.skip \
                    and child.tag not in _SKIP:
                parts.append(" " if child.tag == "br" else self.code_of(child, depth + 1))
        return "".join(parts)

    def inline_of(self, node: LexborNode, depth: int) -> str:
        parts: list[str] = []
        child = node.child
        while child is not None:
            add_apart(parts, self.inline(child, depth + 1))
            child = child.next
        return "".join(parts)

    def inline(self, node: LexborNode, depth: int) -> str:
        if node.is_text_node:
            return _text(node)
        if not node.is_element_node or node.mem_id in self.skip:
            return ""
        tag = node.tag or ""
        if tag in _SKIP:
            return ""
        if tag == "br":
            return "  \n"
        if depth > _MAX_DEPTH:
            return escaped(_squash(node.text(deep=True) or ""))
        if tag == "code":
            return code_span(_squash(self.code_of(node, depth)), in_link=self.in_link > 0)
        if tag == "a":
            return self.anchor(node, depth)
        inner = self.inline_of(node, depth)
        if tag in ("strong", "b"):
            return _wrap(inner, "**")
        if tag in ("em", "i"):
            return _wrap(inner, "*")
        if tag in _HEADINGS or tag in _BLOCK or tag in ("p", "li", "ul", "ol", "pre", "hr"):
            return " " + inner.strip() + " "
        return inner


_BACKTICKS = lazy_compile(r"(?m)^[ \t]*(`{3,})")
_MARKED = lazy_compile(r"( *)\\?(?:[-*+•·▪◦‣–]|(\d{1,3})\\?[.)])\s+(\S.*)")  # ("1\\)": escaped)


def _lists_of_lines(text: str) -> str:
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


def _tidy(line: str) -> str:
    """Single spaces inside a line; a hard break's two trailing spaces kept, and the
    line's indentation (a quote's "> " too: a list or code block in it keeps its own)."""
    if "  " not in line and not line.endswith(" "):
        return line
    body = line.rstrip()
    indent = len(body) - len(body.lstrip(" >"))
    body = body[:indent] + re.sub(r" {2,}", " ", body[indent:])
    return body + "  " if line.endswith("  ") and body.strip() else body


def _kids(node: LexborNode) -> list[LexborNode]:
    kids = []
    child = node.child
    while child is not None:
        kids.append(child)
        child = child.next
    return kids


def _wrap(inner: str, mark: str) -> str:
    text = inner.strip()
    if not text or "\n" in text:
        return inner
    return _around(inner, f"{mark}{text}{mark}")


def _around(inner: str, core: str) -> str:
    lead = " " if inner[:1].isspace() else ""
    trail = " " if inner[-1:].isspace() else ""
    return f"{lead}{core}{trail}"


def _text(node: LexborNode) -> str:
    """A text node's words, escaped where they would read as markup (``escaped``): the
    page's words stay words ("<script>", "[click](…)", "![team](/etc/x)" are text)."""
    return escaped(_squash(node.text_content or ""))


def _is_data_table(table: LexborNode) -> bool:
    """A table of short cells, not a page laid out with a table."""
    if table.css_first("table table, td p, td div, td ul, td ol, td h1, td h2, td h3") is not None:
        return False
    cells = table.css("td, th")
    if not cells or len(cells) > 400:
        return False
    return all(len(c.text(deep=True) or "") < 200 for c in cells)
