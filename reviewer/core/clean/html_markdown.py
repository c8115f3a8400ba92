"""Render a lexbor subtree as Markdown, in one pass over the parsed page.

The cleaner already holds the page parsed by lexbor; rendering from that tree avoids
parsing the posting a second time (markdownify needs a BeautifulSoup tree, which was
two thirds of the cleaning time on the development pages). Output: ATX headings,
``-`` and ``1.`` lists (nested by indentation), links as ``[text](address)`` for
web and mail addresses only, ``**bold**`` and ``*italic*``, code, quotes, simple
tables as pipe tables, a table of facts as labelled lines ("**Closing Date:** 03/31/2025")
and a layout table as plain blocks (``html_tables``). Images and media are dropped; the
words of a tab head its panel (``html_labels``). The page's text is escaped where it
would read as markup (``escape``), and two figures in elements side by side are kept
apart ("$185,000 – $225,000", not "$185,000$225,000": ``figures_apart``).
"""

from __future__ import annotations

from selectolax.lexbor import LexborNode

from reviewer.core.clean.escape import add_apart, code_span, escape_line_start, escaped, fence, link
from reviewer.core.clean.html_labels import tab_labels
from reviewer.core.clean.html_lines import figures_apart, lists_of_lines, tidy
from reviewer.core.clean.html_tables import holds_blocks, is_data_table, label_rows, own_rows
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
        "map input select textarea link meta head title"
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
_Pairs = list[tuple[LexborNode, LexborNode]]  # (label, value) cells
_FIGURE_TAILS = frozenset("0123456789*_")  # how a piece that may end in a figure ends


def to_markdown(nodes: list[LexborNode], skip_ids: frozenset[int] = frozenset(),
                depth: int = 0, tabs: dict[str, str] | None = None) -> str:
    """Markdown for ``nodes`` (in order), leaving out elements whose mem_id is in skip_ids
    (a button is written only where cleaning keeps it: in a heading); ``depth``: how deep
    they lie in what is being written (a quote's inside); ``tabs``: the words of the tab
    of each panel, by its id (found on the page when not given)."""
    if tabs is None:
        tabs, tab_ids = tab_labels(nodes)
        skip_ids = skip_ids | tab_ids if tab_ids else skip_ids
    writer = _Writer(skip_ids, tabs)
    for node in nodes:
        writer.block(node, depth, "")
    return writer.result(whole=depth == 0)


class _Writer:
    def __init__(self, skip_ids: frozenset[int], tabs: dict[str, str]) -> None:
        self.skip = skip_ids
        self.tabs = tabs
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
            text = "\n".join([tidy(line) for line in text.split("\n")])
        if "  \n" in text:
            text = lists_of_lines(text)
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
        if self.tabs and node.id in self.tabs:
            self.tab_heading(node, self.tabs[node.id or ""], indent)
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
            inner = to_markdown(_kids(node), self.skip, depth + 1, self.tabs).strip()
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
        if tag == "table" and (pairs := label_rows(node)) is not None:
            self.facts(pairs, depth, indent)
            return
        if tag == "table" and is_data_table(node):
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
        divided = was_element = False  # an element that wrote nothing since the last words
        while child is not None:
            mark = len(self.out)
            self.block(child, depth + 1, indent)
            if len(self.out) > mark:
                if mark and self.out[mark - 1][-1:] in _FIGURE_TAILS and \
                        (child.is_element_node or was_element):
                    gap = figures_apart(self.out[:mark], self.out[mark:], divided)
                    if gap:
                        self.out.insert(mark, gap)
                divided, was_element = False, child.is_element_node
            elif child.is_element_node:
                divided = True
            child = child.next

    def tab_heading(self, panel: LexborNode, words: str, indent: str) -> None:
        """The words of a panel's tab, as a heading over the panel; none over a panel
        with no words, or one whose first heading says the same words."""
        first = panel.css_first("h1, h2, h3, h4, h5, h6")
        if not (panel.text(deep=True) or "").strip() or (
                first is not None and (first.text(deep=True) or "").split() == words.split()):
            return
        self.paragraph_break()
        self.out.append(f"{indent}## {escaped(words)}")
        self.paragraph_break()

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
            sub = _Writer(self.skip, self.tabs)
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
        for own in own_rows(node):
            cells = [_squash(self.inline_of(cell, 0)).strip().replace("|", "\\|")
                     for cell in own]
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

    def facts(self, pairs: _Pairs, depth: int, indent: str) -> None:
        """A table of facts, a row a labelled line ("**Closing Date:** 03/31/2025"); a value
        of paragraphs or lists under its label in bold, as a section under its heading."""
        for label_cell, value in pairs:
            label = _label(self.inline_of(label_cell, depth))
            if not label or not (value.text(deep=True) or "").strip():
                continue
            self.paragraph_break()
            if holds_blocks(value):
                self.out.append(f"{indent}**{label}**")
                self.paragraph_break()
            else:
                self.out.append(f"{indent}**{label}:** ")
            self.children(value, depth + 1, indent)
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
        divided = was_element = False  # an element that wrote nothing since the last words
        while child is not None:
            part = self.inline(child, depth + 1)
            if part:
                if parts and parts[-1][-1:] in _FIGURE_TAILS and \
                        (child.is_element_node or was_element):
                    part = figures_apart(parts, [part], divided) + part
                add_apart(parts, part)
                divided, was_element = False, child.is_element_node
            elif child.is_element_node:
                divided = True
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


def _label(inline: str) -> str:
    """A label cell's words, on one line, without its bold and its colon."""
    words = " ".join(inline.split()).rstrip(":").strip()
    while len(words) > 4 and words.startswith("**") and words.endswith("**"):
        words = words[2:-2].strip().rstrip(":").strip()
    return words
