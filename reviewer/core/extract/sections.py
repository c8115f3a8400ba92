"""The list fields under section headings: responsibilities, required and preferred
qualifications, benefits.

A section runs from a heading the word lists know ("Requirements", "What we offer",
"Volunteers must:") to the next heading; a heading they do not know inside it
("Requirements" over "Conditions of Employment") heads its list too, unless its words
name another subject ("Our offices", "Where we work"). A section ends
early where the posting turns to how to apply, an equal opportunity statement or a
letter's closing. An item stays in the section its heading puts it in, even one that
says it is a preference ("CCRN preferred" under "Requirements": the employer listed it
there; the reviewer decides). Benefits with no heading of their own: ``benefits``.
"""

from __future__ import annotations

import re

from reviewer.core.extract.benefits import benefit_items, denies_a_perk, unheaded_benefits
from reviewer.core.extract.document import Block, Document
from reviewer.core.extract.salary import find_salary
from reviewer.core.schema import Finding, Span
from reviewer.core.words.lexicon import boilerplate_reason, section_field
from reviewer.core.words.regex import lazy_compile
from reviewer.core.words.sections import names_another_subject

_INLINE_SECTION = lazy_compile(r"([A-Z][A-Za-z /&'’-]{2,50}):\s+(\S.{2,})")
# the same in a script with no capitals, its colon perhaps a full-width one ("福利待遇：…")
_SCRIPT_INLINE_SECTION = lazy_compile(r"([^\x00-\x7f:：][^\x00-\x1f\x21-\x7f:：]{1,29}?)\s*[:：]\s*"
                                      r"(\S.{2,})")


def list_sections(doc: Document, have: dict[str, Finding]) -> dict[str, Finding]:
    """The list fields not in ``have``, each item with its span, from the sections
    and the benefits a posting states without a heading."""
    items: dict[str, list[str]] = {}
    spans: dict[str, list[Span]] = {}
    # the level and field of the last heading the word lists know: a heading they do not
    # know below it ("Requirements" over "Conditions of Employment") heads its list too
    outer: tuple[int, str | None] = (0, None)
    for index, block in enumerate(doc.blocks):
        if block.kind == "para":
            # "REQUIRED QUALIFICATIONS: French is desirable." on one line
            inline = _INLINE_SECTION.match(block.text) or _SCRIPT_INLINE_SECTION.match(block.text)
            field = section_field(inline.group(1), loose=False)[1] if inline else None
            value = inline.group(2).strip().rstrip(";,").strip() if inline else ""
            if inline and field is not None and field not in have and \
                    not _only_a_span(value) and not find_salary(value):
                at = doc.markdown.find(value, block.start, block.end)
                items.setdefault(field, []).append(value)
                spans.setdefault(field, []).append(
                    (at, at + len(value)) if at >= 0 else block.span)
            continue
        if block.kind != "heading":
            continue
        known, field = section_field(block.text)
        members = doc.section_blocks(index)
        if known or block.level <= outer[0]:
            outer = (block.level, field)  # a heading beside the section ends it
        elif outer[1] is not None and not names_another_subject(block.text) and \
                any(b.kind == "item" for b in members):
            field = outer[1]  # a list under a heading of its own inside the section
        if field is None or field in have:
            continue
        members = _section_items(members)
        if field == "required_qualifications" and _application_steps(members):
            continue  # "Applicants should:" over "Email a resume to …": how to apply
        for member in benefit_items(block, members) if field == "benefits" else members:
            text = member.text.strip().rstrip(";,").strip()
            if text and not (field.endswith("qualifications") and denies_a_perk(text)):
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


_SPAN_WORDS = frozenset("years year yrs yr months month weeks week to less more than at least "
                        "minimum min maximum max up over under plus or and of".split())


def _only_a_span(value: str) -> bool:
    """Is a labelled value only a span of time ("Experience: 4 - 6 Years", "3 years to
    less than 5 years")? The years are the experience field's, and alone, without the
    label, they ask for nothing an item of a list could say."""
    words = re.findall(r"[^\W\d_]+", value.lower())
    return bool(re.search(r"\d", value)) and all(word in _SPAN_WORDS for word in words)


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
    r"(?:cv|resume|résumé|application|cover letter)\b|(?:please )?reply (?:to this "
    r"(?:e-?mail|post|message|ad) )?with (?:your|a|an) (?:cv|resume|résumé|application)\b)",
    re.I)
# a letter's closing ("Thanks,", "Kind regards"): a signature follows, no more of a section
_SIGN_OFF = lazy_compile(r"(?:many |with )?thanks(?: again)?|thank you|cheers|sincerely|"
                         r"best(?: regards| wishes)?|(?:kind|warm|warmest) regards|regards|"
                         r"yours (?:sincerely|faithfully|truly)", re.I)

# an item that is a step of applying ("Submit a cover letter", "Send three references to
# jobs@…"; not "Submit to a background check")
_APPLICATION_STEP = lazy_compile(
    r"(?:please )?(?:submit|send|e-?mail|include|attach|upload|forward|provide)\b.*"
    r"(?:\b(?:resum|résumé|cv|cover letter|references?\b|applications?\b|portfolio|"
    r"transcripts?\b|writing samples?\b)|@)", re.I)


def _application_steps(blocks: list[Block]) -> bool:
    """Are a section's items, all of them, steps of applying?"""
    items = [b for b in blocks if b.kind == "item"]
    return bool(items) and all(_APPLICATION_STEP.match(b.text.strip()) for b in items)


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
                or _HOW_TO_APPLY.match(block.text) or _SIGN_OFF.fullmatch(block.text.rstrip(",.!")):
            break
        if boilerplate_reason(block.text) or find_salary(block.text):
            continue
        out.append(block)
    return out
