"""The list fields under section headings: responsibilities, required and preferred
qualifications, benefits.

A section runs from a heading the word lists know ("Requirements", "What we offer")
to the next heading. A section ends early where the posting turns to how to apply or
an equal opportunity statement. Benefits with no heading of their own: ``benefits``.
"""

from __future__ import annotations

import re

from reviewer.core.extract.benefits import benefit_items, unheaded_benefits
from reviewer.core.extract.document import Block, Document
from reviewer.core.extract.salary import find_salary
from reviewer.core.schema import Finding, Span
from reviewer.core.words.lexicon import boilerplate_reason, section_field
from reviewer.core.words.regex import lazy_compile

_INLINE_SECTION = lazy_compile(r"([A-Z][A-Za-z /&'’-]{2,50}):\s+(\S.{2,})")


def list_sections(doc: Document, have: dict[str, Finding]) -> dict[str, Finding]:
    """The list fields not in ``have``, each item with its span, from the sections
    and the benefits a posting states without a heading."""
    items: dict[str, list[str]] = {}
    spans: dict[str, list[Span]] = {}
    for index, block in enumerate(doc.blocks):
        if block.kind == "para":
            # "REQUIRED QUALIFICATIONS: French is desirable." on one line
            inline = _INLINE_SECTION.match(block.text)
            field = section_field(inline.group(1), loose=False)[1] if inline else None
            if inline and field is not None and field not in have:
                value = inline.group(2).strip().rstrip(";,").strip()
                at = doc.markdown.find(value, block.start, block.end)
                items.setdefault(field, []).append(value)
                spans.setdefault(field, []).append(
                    (at, at + len(value)) if at >= 0 else block.span)
            continue
        if block.kind != "heading":
            continue
        field = section_field(block.text)[1]
        if field is None or field in have:
            continue
        members = _section_items(doc.section_blocks(index))
        for member in benefit_items(block, members) if field == "benefits" else members:
            text = member.text.strip().rstrip(";,").strip()
            if text:
                items.setdefault(field, []).append(text)
                spans.setdefault(field, []).append(member.span)
    found = {}
    unheaded = unheaded_benefits(doc) if "benefits" not in items and "benefits" not in have \
        else None
    if unheaded is not None:
        found["benefits"] = unheaded
        for field in list(items):  # a perk read as benefits is no requirement
            kept = [i for i, span in enumerate(spans[field]) if span not in unheaded.spans]
            items[field] = [items[field][i] for i in kept]
            spans[field] = [spans[field][i] for i in kept]
    for field, values in items.items():
        if values:
            found[field] = Finding(values, spans[field], 0.75, "structure")
    return found


_CLOSING = lazy_compile(r"equal (employment )?opportunit|affirmative action|do not discriminate|"
                        r"without regard to (race|age|religion)|e-verify", re.I)
# a paragraph that says how to apply: the section before it has ended ("To apply, …",
# "Interested candidates should send …"; not "To apply this knowledge …", "Interested
# candidates should have …")
_HOW_TO_APPLY = lazy_compile(
    r"(?:to apply(?:\s+for\s+(?:this|the)\b[^,.:]{0,40})?\s*[,:]|how to apply\b|"
    r"(?:interested|qualified) (?:candidates|applicants|persons|individuals) (?:should|must|may|"
    r"can|are invited to) (?:send|submit|apply|e-?mail|forward|contact|upload)\b|"
    r"applications? (?:should|must|may|can) be (?:sent|submitted|made|e-?mailed|uploaded|"
    r"forwarded)\b|please (?:send|submit|e-?mail|forward|reply with) (?:us )?(?:your|a|an) "
    r"(?:cv|resume|résumé|application|cover letter)\b)", re.I)


def _section_items(blocks: list[Block]) -> list[Block]:
    """The items of a section.

    A section with a list: the lines before the list and its items, and after it
    only lines that lead into more items ("Ability to:"); other prose after the list
    ends it. A statement of pay is the salary field's, never an item. A section
    without a list: its paragraphs, up to one that says how to apply."""
    out: list[Block] = []
    seen_items = False
    for block in blocks:
        if block.kind == "item":
            seen_items = True
            out.append(block)
            continue
        if (seen_items and not block.text.rstrip().endswith(":")) or _CLOSING.search(block.text) \
                or _HOW_TO_APPLY.match(block.text):
            break
        if boilerplate_reason(block.text) or find_salary(block.text):
            continue
        out.append(block)
    return out
