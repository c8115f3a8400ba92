"""Stage 3: the page's structure (stage 2, the labelled values: ``label_values``).

Structure means: the title heading or title line at the top of the posting, the
short lines above its body (team, place), the byline ("Posted by X on DATE"),
the first line of a mailing-list posting (the organisation), prose that names
the employer (see ``employer``), and section headings that hold list fields
(``sections``).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from reviewer.core.extract.bar_header import bar_cells, from_bar_header
from reviewer.core.extract.byline import byline_date
from reviewer.core.extract.department import is_department as _is_department
from reviewer.core.extract.department import names_a_unit, team_in_prose
from reviewer.core.extract.document import Block, Document
from reviewer.core.extract.employer import company
from reviewer.core.extract.labels import LABELS, starts_with_label
from reviewer.core.extract.organisation import names_an_organisation
from reviewer.core.extract.place_lines import (
    JOINING,
    first_sentence,
    place_after_name,
    town_and_state,
)
from reviewer.core.extract.sections import list_sections
from reviewer.core.extract.vocab import (
    employment_type,
    remote_mode,
)
from reviewer.core.schema import Finding, Span
from reviewer.core.words.denial import denied
from reviewer.core.words.european import WORKLOAD_WORDS
from reviewer.core.words.lexicon import (
    SECTION_HEADINGS,
    boilerplate_reason,
    has_job_noun,
    heading_key,
    section_field,
)
from reviewer.core.words.places import looks_like_location
from reviewer.core.words.regex import lazy_compile
from reviewer.core.words.site_words import site_line
from reviewer.core.words.text import FIGURE_FIRST, spaced

# --- stage 3: structure --------------------------------------------------------------------------


def from_structure(doc: Document, have: dict[str, Finding]) -> dict[str, Finding]:
    top = _top_blocks(doc)
    header = _header_lines(doc, top)
    written = [(text, span, doc.markdown[span[0]:span[1]] if span else None)
               for text, span in header]  # (each line as written: "**Acme** | …")
    found = {name: finding for name, finding in from_bar_header(written).items()
             if name not in have}
    if "title" in found and (heading := _title(doc, top)) is not None \
            and heading.confidence >= _HEADING_TITLE:
        found["title"] = heading  # the posting's own heading over a line of its facts
    stages: tuple[tuple[str, Callable[[], Finding | None]], ...] = (
        ("title", lambda: _title(doc, top)),
        ("locations", lambda: _header_locations(header)),
        ("department", lambda: _department(header, doc)),
        ("company", lambda: company(doc, top)),
        ("date_posted", lambda: byline_date(doc)),
    )
    for name, stage in stages:
        if name not in have and name not in found and (finding := stage()) is not None:
            found[name] = finding
    found.update(list_sections(doc, have))
    return found


def _top_blocks(doc: Document) -> list[Block]:
    """The blocks above the posting's body: before the first section or long paragraph."""
    top = []
    for block in doc.blocks[:12]:
        if block.kind == "heading" and section_field(block.text)[0]:
            break
        if block.kind == "para" and len(block.text) > 150:
            break
        top.append(block)
    return top


def _title(doc: Document, top: list[Block]) -> Finding | None:
    """The first heading or short line at the top that reads as a job title; then a
    line above the posting (the page's context). An item of a list (a duty: "Review
    code of other engineers") is none; a lone item (a title written as a bullet) is
    read last, when nothing else reads as a title."""
    lone_items = []
    for block in top:
        text = block.text.strip()
        if block.kind == "item":
            if _lone_item(doc, block):
                lone_items.append(block)
            continue
        if text.startswith("|"):  # a table's row: the first of its cells that is a title
            cell = next((c for c in _CELL.finditer(block.text)
                         if _is_title_like(c.group().strip(), heading=False)), None)
            if cell is not None:
                inner = cell.group()
                at = cell.start() + len(inner) - len(inner.lstrip())
                return Finding(inner.strip(), doc.block_span(block, (at, at + len(
                    inner.strip()))), 0.6, "structure")
            continue
        if block.kind == "heading" and not has_job_noun(text) and _heads_a_value(doc, block) \
                and (block is not top[0] or _opening_label(doc, text, top)):
            # a value's label ("## Lön" over its sum): the first line over it is the title
            # (a heading that opens the page has nothing over it: "# Lifeguard" over "2026
            # summer season …" is the title, unless it is a label, see ``_opening_label``)
            if (first := _first_line_over(top, block)) is not None:
                return Finding(first.text.strip(), [first.span], 0.65, "structure")
            continue
        if _is_title_like(text, heading=block.kind == "heading"):
            return Finding(text, [block.span],
                           _HEADING_TITLE if block.kind == "heading" else 0.65, "structure")
    for line in doc.context[:12]:
        cut = _strip_site_suffix(_ITEM_MARK.sub("", line))  # ("1. Data Engineer")
        if _is_title_like(cut, heading=False):
            return Finding(cut, doc.spans_of(cut), 0.55, "structure")
    for block in lone_items:
        if _is_title_like(block.text.strip(), heading=False):
            return Finding(block.text.strip(), [block.span], 0.55, "structure")
    return None  # the page's own title is read by its own stage (``page_title``)


_HEADING_TITLE = 0.8  # the confidence of a title read from the posting's heading


def _heads_a_value(doc: Document, block: Block) -> bool:
    """Is the heading a label over its value, in any language: a paragraph that opens
    with a figure, a sum or a date ("## Lön" over "34 000 – 39 000 kr per månad")? It
    names the value, not the job."""
    under = doc.section_blocks(doc.blocks.index(block))
    return bool(under) and under[0].kind == "para" and \
        FIGURE_FIRST.match(under[0].text) is not None


def _opening_label(doc: Document, text: str, top: list[Block]) -> bool:
    """Is the heading that opens the page over a value a label all the same: a label's
    words ("# Pay", "# Pensum"), or a heading under which the top has a title of its own,
    a heading that reads as one or a line that names a job ("# Starting wage" over
    "$17.50 per hour", then "## Barista"; "# Summer 2026", then "## Camp Counselor")?"""
    key = text.lower().rstrip(":： ")
    if key in LABELS or key in WORKLOAD_WORDS:
        return True
    return any(_is_title_like(b.text.strip(), heading=b.kind == "heading") and
               not (b.kind == "heading" and _heads_a_value(doc, b)) for b in top[1:]
               if b.kind != "item")


def _first_line_over(top: list[Block], heading: Block) -> Block | None:
    """The posting's first line, when it stands over a value's heading and reads as a
    title itself as a heading would ("Sjuksköterska till vårdavdelningen" over "## Lön"):
    the first line is the title in any language. (Any other heading, "# Barista" under
    "Cafe Uno", is the title; a section's the list knows ends the top.)"""
    first = top[0]
    if first is heading or first.kind != "para" or "\n" in first.text.strip():
        return None
    return first if _is_title_like(first.text.strip(), heading=True) else None


def first_line_title(doc: Document, employer: str | None = None) -> dict[str, Finding]:
    """The title when no stage read one: the posting's first line, in words no list
    knows, when the top it opens ends at the heading of a section ("Sjuksköterska till
    vårdavdelningen", "Vårdcentral Norra AB", "Umeå" over "## Om tjänsten") and it reads
    as a title as a heading would. Not a line over a labelled fact: it names a group of
    them ("Details" over "Posted: 05-Feb-24", "Location: …"); nor a line that is a fact
    or a name itself, see ``_names_no_job``."""
    top = _top_blocks(doc)
    end = len(top)
    if not top or top[0] is not doc.blocks[0] or end >= len(doc.blocks) or \
            doc.blocks[end].kind != "heading" or not section_field(doc.blocks[end].text)[0] \
            or (end > 1 and starts_with_label(top[1].text.strip())):
        return {}
    first = _first_line_over(top, doc.blocks[end])
    if first is None or _names_no_job(first.text.strip(), employer):
        return {}
    return {"title": Finding(first.text.strip(), [first.span], 0.6, "structure")}


def _names_no_job(line: str, employer: str | None) -> bool:
    """Is a first line that names no job in a list's words a fact or a name, not the
    title: the employer ("Acme Corporation"), an organisation's name by its words
    ("Greenfield Community College"), a line with a figure ("Posted 3 days ago", "Job ID
    48213", "Closing date 15 March 2026"), one that opens with a label's words ("Salary
    negotiable"), says the job's terms ("Part-time · Remote") or is a site's link ("Summer
    Jobs")?"""
    if employer and line.casefold() == employer.strip().casefold():
        return True
    if has_job_noun(line):
        return False
    words = line.lower().split()
    return names_an_organisation(line) or any(c.isdigit() for c in _SHARE_END.sub("", line)) or \
        site_line(line) is not None or \
        any(" ".join(words[:n]).strip(":： ") in LABELS for n in range(1, len(words) + 1)) \
        or employment_type(line) is not None or remote_mode(line) is not None


def _lone_item(doc: Document, block: Block) -> bool:
    """Is ``block`` an item with no item of the same list before or after it?"""
    at = doc.blocks.index(block)
    return not any(0 <= i < len(doc.blocks) and doc.blocks[i].kind == "item"
                   for i in (at - 1, at + 1))


_CELL = lazy_compile(r"[^|]+")  # a cell of a table's row, "| a | b |"
# a share of the week ending a title ("… 75%", "(80 %)", "80–100 %"): no figure of a fact
_SHARE_END = lazy_compile(r"\s*\(?\d{2,3}\s*%?(?:\s*[-–]\s*\d{2,3})?\s*%\)?\s*$")
_ITEM_MARK = lazy_compile(r"^\s*(?:[-*+•]|\d{1,3}[.)])\s+")  # a list item's, in the context


def _is_title_like(text: str, heading: bool) -> bool:
    words = text.split()
    if not 1 <= len(words) <= 14 or len(text) > 120:
        return False
    if text.endswith((".", ":", "?", "!", "：", "。", "？", "！")) or boilerplate_reason(text):
        return False
    if heading_key(text) in SECTION_HEADINGS or re.match(r"^[\w ]{1,30}[:：]", text) or \
            text.lower().rstrip(":： ") in LABELS:
        return False
    if looks_like_location(text) or (not heading and len(bar_cells(text)) >= 3):
        return False  # (a line of cells parted by bars: a menu, a breadcrumb, facts)
    # (a heading of a few words is a title; in Chinese or Japanese, whose words no space
    # parts, one with a job noun only: "福利厚生" is one "word")
    return has_job_noun(text) or (heading and len(words) <= 8 and all(map(spaced, text)))


_SITE_SUFFIX = lazy_compile(
    r"\s*(?:[-–—|:·]\s*)?(?:careers? at|jobs at|job at|careers?\b|jobs?\b|hiring|"
    r"job board|join us)[^-–—|]*$|\s+[-–—|]\s+[^-–—|]{1,40}\s+(?:careers?|jobs?)\s*$",
    re.I,
)


def _strip_site_suffix(text: str) -> str:
    """"Senior Engineer – Machine Learning – Spotify Jobs" to the job title."""
    cut = _SITE_SUFFIX.sub("", text).strip(" -–—|")
    return cut or text


def _header_lines(doc: Document, top: list[Block]) -> list[tuple[str, Span | None]]:
    lines: list[tuple[str, Span | None]] = [(b.text, b.span) for b in top if b.kind != "item"]
    lines += [(line, None) for line in doc.context[:20]]
    return [(t, s) for t, s in lines if len(t) <= 120 and not starts_with_label(t)]


def _header_locations(header: list[tuple[str, Span | None]]) -> Finding | None:
    for text, span in header:
        for whole, offset in _pieces(text):
            piece = first_sentence(whole)  # ("Paris, France. The team is small.")
            if _denied_remote(text, offset + piece.lower().find("remote")):
                continue  # "Remote - not possible": no remote place
            if _SENTENCE_END.search(piece):  # the end of a sentence: "hiring in Berlin."
                piece = _SENTENCE_END.sub("", piece)
                if "remote" in piece.lower() and len(piece.split()) > 3:
                    continue  # "This role is remote." says how, not where ("Remote, UK." does)
            while (end := piece.rfind(",")) > 0 and piece[end + 1:].strip().islower() \
                    and (employment_type(piece[end + 1:]) or remote_mode(piece[end + 1:])):
                piece = piece[:end]  # "Berlin, full-time", "Austin, hybrid": the place
            if text[:offset].rstrip().endswith((" in", " at")) and piece[:1].isupper() \
                    and "remote" not in piece.lower() and (clause := _CLAUSE.search(piece)):
                piece = piece[:clause.start()]  # "… in Berlin, Germany to build pipelines"
            if not looks_like_location(piece) and not town_and_state(piece):
                place = place_after_name(piece)  # "Acme Institute, Woods Hole, MA"
                if place is None:
                    continue
                offset, piece = offset + piece.rfind(place), place
            spans = [(span[0] + offset, span[0] + offset + len(piece))] if span else []
            return Finding([piece], spans, 0.7 if span else 0.6, "structure")
    return None


def _denied_remote(text: str, at: int) -> bool:
    """Is the word "remote" at ``at`` of ``text`` (-1: there is none) denied there?"""
    return at >= 0 and text[at:at + 6].lower() == "remote" and \
        denied(text.lower(), at, at + len("remote"))


_SENTENCE_END = lazy_compile(r"(?<!\b[A-Z])(?<!\b[SFM]t)\.$")  # not "D.C." or "St."
# a clause after a place ("in Berlin to build pipelines"): a word in lower case that joins
# no place's words (``JOINING``), nor is
# one or two short ones before a place's next word ("Dar es Salaam", "Bergen op Zoom",
# "Bad Homburg vor der Höhe")
_CLAUSE = lazy_compile(rf"\s+(?!(?:{JOINING})\b)"
                       r"(?![a-z]{1,3}(?:\s+[a-z]{1,3})?\s+[A-Z\u00c0-\u00de])[a-z]")


def _pieces(text: str) -> list[tuple[str, int]]:
    """A header line split at " | ", " in " and the like, with offsets."""
    out = [(text.strip(), text.find(text.strip()))]
    for sep in (r"\s+\|\s+", r"\s+[-–—]\s+", r"\s+in\s+", r"\s+at\s+", r"\s*·\s*"):
        for match in re.finditer(sep, text):
            rest = text[match.end():]
            out.append((rest.strip(), match.end()))
            head = text[:match.start()]
            out.append((head.strip(), 0))
    for cell in _HEADER_PIECE.finditer(text):  # "Acme Museum · Riverside, CA · Spring 2026"
        out.append((cell.group().strip(), cell.start() + len(cell.group()) -
                    len(cell.group().lstrip())))
    return [(p, o) for p, o in out if p]


_HEADER_PIECE = lazy_compile(r"[^|·•]+")
_HEAD_BEFORE_PLACE = (re.compile(r"\s+\|\s+"), re.compile(r"\s+in\s+"))


def _department(header: list[tuple[str, Span | None]], doc: Document) -> Finding | None:
    for text, span in header:
        # "Austin, TX · Engineering · Full-time": the piece beside the place
        if "|" not in text and "·" not in text and "•" not in text:
            continue  # one piece: nothing beside the place
        pieces = [(m.group(), m.start()) for m in _HEADER_PIECE.finditer(text)]
        if len(pieces) >= 2 and any(looks_like_location(p.strip(" *_")) for p, _ in pieces):
            for piece, offset in pieces:
                name = piece.strip(" *_")
                if _is_department(name):
                    at = offset + piece.find(name)
                    spans = [(span[0] + at, span[0] + at + len(name))] if span else []
                    return Finding(name, spans, 0.6, "structure")
    for text, span in header:
        for sep in _HEAD_BEFORE_PLACE:
            match = sep.search(text)
            if match and looks_like_location(text[match.end():].strip()):
                head = text[:match.start()].strip()
                if head and names_a_unit(head) and not has_job_noun(head) \
                        and "," not in head and len(head.split()) <= 6:  # a name, no clause
                    spans = [(span[0] + text.find(head), span[0] + text.find(head) + len(head))] \
                        if span else []
                    return Finding(head, spans, 0.6, "structure")
    # a short team line right after the location line
    for i, (text, _span) in enumerate(header[:-1]):
        if looks_like_location(text):
            nxt, nspan = header[i + 1]
            if _is_department(nxt):
                return Finding(nxt, [nspan] if nspan else [], 0.5, "structure")
    return team_in_prose(doc)
