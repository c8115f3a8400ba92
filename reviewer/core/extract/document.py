"""The cleaned Markdown as blocks with offsets: what the extraction stages read.

Each non-blank line of the Markdown is a block: a heading, a list item (with its
continuation lines) or a paragraph line. A block knows the heading it sits under,
so a stage can ask "the items under Responsibilities". Offsets are into the
Markdown, so every value found in a block can name its evidence.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Literal

from reviewer.core.words.lexicon import heading_key, section_field
from reviewer.core.words.regex import lazy_compile
from reviewer.core.words.text import lower_keep_offsets, spaced

_HEADING = lazy_compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
# (the bullet of Chinese and Japanese, "・", and their number's mark, "1、", have no space
# after them)
_ITEM = lazy_compile(r"^(\s*)(?:(?:[-*+]|\d{1,3}[.)])\s+|(?:[・･]|\d{1,3}、)\s*)")
_MARKUP = lazy_compile(r"\*\*|__|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w)|`")
# (a "[" escaped, "\\[", is text: the cleaner writes a page's "[a](b)" so)
_LINK_BODY = r"\[([^\]\n]{0,500})\]\((?:[^()\s]|\([^()\s]{0,200}\)){0,2000}\)"
_LINK = lazy_compile(r"(?<!\\)" + _LINK_BODY)
_LINK_OR_IMAGE = lazy_compile(r"(?<!\\)!?" + _LINK_BODY)
_IMAGE = lazy_compile(r"(?<!\\)!" + _LINK_BODY + r"\s*")
_LINK_REACH = 3000  # characters a link of ``_LINK_BODY`` can run to, at most


@dataclass
class Block:
    kind: Literal["heading", "item", "para"]
    text: str  # plain text: no markers, no emphasis, links as their text
    start: int  # span of the block's content in the Markdown
    end: int
    level: int = 0  # heading level; for items, nesting depth
    section: int = -1  # index of the heading this block sits under

    @property
    def span(self) -> tuple[int, int]:
        return self.start, self.end


@dataclass
class Document:
    markdown: str
    blocks: list[Block]
    context: list[str] = field(default_factory=list)
    page_title: str | None = None
    _starts: list[int] | None = None
    _lower: str | None = None  # the Markdown lower-cased, made once for ``locate``

    def heading_of(self, block: Block) -> Block | None:
        return self.blocks[block.section] if block.section >= 0 else None

    def section_blocks(self, heading_index: int) -> list[Block]:
        """Blocks under a heading, up to the next heading."""
        out = []
        for i in range(heading_index + 1, len(self.blocks)):  # (no copy of all the rest)
            if self.blocks[i].kind == "heading":
                break
            out.append(self.blocks[i])
        return out

    def block_at(self, pos: int) -> Block | None:
        """The block whose span holds Markdown offset ``pos``."""
        if self._starts is None:
            self._starts = [b.start for b in self.blocks]
        i = bisect.bisect_right(self._starts, pos) - 1
        if i >= 0 and self.blocks[i].start <= pos < self.blocks[i].end:
            return self.blocks[i]
        return None

    def block_span(self, block: Block, inner: tuple[int, int]) -> list[tuple[int, int]]:
        """A span found in a block's plain text, mapped to the Markdown when it can be,
        across emphasis marks within it ("We offer **free passes**, …"); else the block's."""
        piece = block.text[inner[0]:inner[1]]
        at = self.markdown.find(piece, block.start, block.end)
        if at >= 0:
            return [(at, at + len(piece))]
        kept = [i for i in range(block.start, block.end) if self.markdown[i] not in "*_`"]
        at = "".join(self.markdown[i] for i in kept).find(piece) if piece else -1
        return [(kept[at], kept[at + len(piece) - 1] + 1)] if at >= 0 else [block.span]

    def spans_of(self, value: str) -> list[tuple[int, int]]:
        """The first place the Markdown states ``value``, as a list (empty if nowhere)."""
        span = self.locate(value)
        return [span] if span else []

    def locate(self, value: str, start: int = 0) -> tuple[int, int] | None:
        """Where ``value`` first occurs in the Markdown (case-insensitive) as a whole:
        not inside a word ("Intel" in "intelligence", "4417" in "44170"), but for
        letters of scripts written without spaces between words."""
        if not value:
            return None
        if self._lower is None:
            self._lower = lower_keep_offsets(self.markdown)
        text, needle = self._lower, lower_keep_offsets(value)
        at = text.find(needle, start)
        while at >= 0:
            end = at + len(needle)
            if not (_joined(text, at - 1, needle[0]) or _joined(text, end, needle[-1])):
                return at, end
            at = text.find(needle, at + 1)
        return None


def _joined(text: str, at: int, edge: str) -> bool:
    """Does the character at ``at`` run on from ``edge`` as one word (both letters or
    digits of a script written with spaces between words)?"""
    if not 0 <= at < len(text):
        return False
    beside = text[at]
    return beside.isalnum() and edge.isalnum() and spaced(beside) and spaced(edge)


_MARKUP_HINT = lazy_compile(r"[*_`\[\\]")


def plain(text: str) -> str:
    """Markdown inline markup off: emphasis marks, code ticks, link targets; an image
    whole (its description is no words of the posting: "![Team photo](team.png)" left
    "!Team photo" in a line read for a department)."""
    if not _MARKUP_HINT.search(text):
        return text.strip()
    text = _IMAGE.sub("", text) if "![" in text else text
    text = _LINK.sub(r"\1", text)
    text = _MARKUP.sub("", text)
    return text.replace("\\", "").strip()


def image_placeholder(alt: str, left: str = "[", right: str = "]") -> str:
    """What an image shows as: "[image: alt text]", or "[image]" without alt text. The
    document never loads an image but shows this in its place, so a value taken over an
    image holds these words. ``left`` and ``right``: the brackets as written (escaped,
    "\\[", where Markdown must not read them as a link's)."""
    alt = " ".join(alt.split())
    return f"{left}image: {alt}{right}" if alt else f"{left}image{right}"


def shown_words(markdown: str, start: int, end: int) -> str:
    """The words ``markdown[start:end]`` shows, as ``plain`` reads them, where the range
    cuts a link: the part of its text within the range, none of its brackets or target
    ("Acme Corp](https://acme.example) before June" shows "Acme Corp before June"); an
    image whose "![…]" it holds whole, as its placeholder (``image_placeholder``). A
    person's value taken from a selection over a link or an image is these words, its
    evidence the range."""
    # (looked for on the range's lines, no further than a link reaches: a line of a
    # megabyte is not read whole for each of its spans)
    line = max(markdown.rfind("\n", max(0, start - _LINK_REACH), start) + 1,
               start - _LINK_REACH)
    stop = markdown.find("\n", end, end + _LINK_REACH)
    stop = min(len(markdown), end + _LINK_REACH) if stop < 0 else stop
    pieces, at = [], start
    for link in _LINK_OR_IMAGE.finditer(markdown, line, stop):
        if link.end() <= start:
            continue
        if link.start() >= end:
            break
        pieces.append(markdown[at:max(at, link.start())])
        alt = markdown[link.start(1):link.end(1)]
        if markdown[link.start()] == "!" and start <= link.start() and link.end(1) < end:
            pieces.append(image_placeholder(alt, "\\[", "\\]"))  # (no link to ``plain``)
        else:
            pieces.append(markdown[max(start, link.start(1)):min(end, link.end(1))])
        at = min(end, link.end())
    pieces.append(markdown[at:end])
    return plain("".join(pieces))


def parse(markdown: str, context: list[str] | None = None,
          page_title: str | None = None) -> Document:
    blocks: list[Block] = []
    section = -1
    pos = 0
    for raw_line in markdown.split("\n"):
        line_start = pos
        pos += len(raw_line) + 1
        line = raw_line.rstrip()
        if not line.strip():
            continue
        heading = _HEADING.match(line)
        if heading:
            text_start = line_start + heading.start(2)
            blocks.append(Block("heading", plain(heading.group(2)), text_start,
                                line_start + heading.end(2), level=len(heading.group(1))))
            section = len(blocks) - 1
            continue
        item = _ITEM.match(line)
        if item:
            blocks.append(Block("item", plain(line[item.end():]), line_start + item.end(),
                                line_start + len(line), level=len(item.group(1)) // 2,
                                section=section))
            continue
        stripped = len(line) - len(line.lstrip())
        text = plain(line)
        named = _names_a_section(line, text)
        if blocks and blocks[-1].kind == "item" and stripped >= 2 and not named and (
                markdown.count("\n", blocks[-1].end, line_start) == 1
                or _under(markdown, blocks[-1], stripped)):
            # a list item's continuation line, or a paragraph of the item under it
            last = blocks[-1]
            last.text = f"{last.text} {text}"
            last.end = line_start + len(line)
            continue
        if named:  # "**Requirements**", "Requirements:", "【応募資格】"
            blocks.append(Block("heading", text.rstrip(":：").rstrip(), line_start + stripped,
                                line_start + len(line), level=6))
            section = len(blocks) - 1
            continue
        blocks.append(Block("para", text, line_start + stripped, line_start + len(line),
                            section=section))
    return Document(markdown, blocks, [_context_line(line) for line in context or []],
                    page_title)


def _context_line(line: str) -> str:
    """A line of the page's context as plain text: a heading's marks off ("# Dental
    Nurse"), as well as the inline markup (``plain``). An item keeps its mark: the
    items around a posting are a page's tags and links more often than its facts."""
    heading = _HEADING.match(line.strip())
    return plain(heading.group(2) if heading else line)


def _under(markdown: str, item: Block, indent: int) -> bool:
    """Is a line of ``indent`` after blank lines a paragraph of ``item``: indented as far
    as the item's text (a line as far as an outer item's belongs to that one)?"""
    return indent == item.start - (markdown.rfind("\n", 0, item.start) + 1)


_BOLD_LINE = lazy_compile(r"\s*(\*\*|__)[^*_\n]{2,60}\1\s*:?\s*")


def _names_a_section(line: str, text: str) -> bool:
    """Is a paragraph line a page's own heading of a section: wholly bold or in brackets
    or ending in a colon, and naming a section the word lists know ("**What you will
    do**", "Requirements:", "About us:", "【仕事内容】")? A line that names none ("You will
    need:", a bold sentence: "**Experience with Kubernetes is a plus**") heads nothing,
    nor a facet of the requirements ("Education:"); the list under it stays in the
    section it was in."""
    if len(text) > 60:
        return False
    name = text.rstrip(":：")
    if heading_key(name) in _FACETS:
        return False
    if _BOLD_LINE.fullmatch(line):  # read by its key words when short and no sentence
        words = name.lower().split()
        loose = ":" not in name and len(words) <= 7 and not _SENTENCE_WORDS & set(words)
        return section_field(name, loose=loose)[0]
    bracketed = name.startswith("【") and name.endswith("】")  # a Japanese heading's brackets
    return (bracketed or text.endswith((":", "："))) and section_field(name, loose=False)[0]


# sub-headings of a list of requirements, which go on under them
_FACETS = frozenset(("education", "tech stack", "technical stack", "technology stack"))
# words that make a bold line a sentence, not a heading
_SENTENCE_WORDS = frozenset("is are was were will must should can would".split())


def section_kind(doc: Document, block: Block) -> str | None:
    """The list field of the section a block sits in (None when none)."""
    heading = doc.heading_of(block)
    if heading is None:
        return None
    return section_field(heading.text)[1]
