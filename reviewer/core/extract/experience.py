"""Years of experience said by the work done in them: "3+ years designing products",
"4+ years of backend development", "3–5 years in customer success".

Without a word such as "experience", a number of years is experience only where the
posting asks for something: in a requirements section, in a list whose other items ask
for skills, or after words that ask ("someone with", "you have", "a minimum of").
Elsewhere it is the company's story, a contract's length or a wait for a benefit, and
a value made up is worse than one missed.
"""

from __future__ import annotations

import re

from reviewer.core.extract.document import Block, Document, section_kind
from reviewer.core.words.lexicon import JOB_NOUN_WORDS
from reviewer.core.words.regex import fold_case, lazy_compile

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
}
# the least of a range the years pattern reads from its top ("three to five years")
_BOTTOM = lazy_compile(r"(?<![\w.,])(\d{1,2}|" + "|".join(NUMBER_WORDS) +
                       r")\s*(?:-|–|to|or)\s*$")

# "years of progressively responsible finance experience": the word, a few words on
_EXPERIENCE_OF = lazy_compile(r"\s*of\s+(?:[\w/+#&.,-]+\s+){0,5}?experience\b", re.I)

# what follows the years when they are work done: a verb in -ing with its object, "of" a
# kind of work, "in" a field, "as" a role, "with" a tool; not what else years measure
_DOING = lazy_compile(
    r"\s*(?:"
    r"(?!(?:during|including|remaining|following|beginning|starting|according|pending)\b)"
    r"[a-z]+ing\s+[\w(]"
    r"|of\s+(?!(?:[\w-]+\s+){0,2}?(?:age|college|university|schooling|school|coursework|"
    r"study|studies|education|growth|history|service|employment|operations?|existence|"
    r"funding|runway|support|updates?|warranty|free|profits?|revenue|success)\b)[\w(]"
    r"|in\s+(?!(?:a\s+row|the\s+(?:next|past|last|first|future)|business|operation|"
    r"existence)\b)\w"
    r"|as\s+(?!(?:of|well|soon|long)\b)\w"
    r"|with\s+(?!(?:us|our|the\s+(?:company|firm|organi[sz]ation))\b)\w"
    r")", re.I)

# words between the asking and the number ("at least", "a minimum of")
_ABOUT = (r"(?:(?:at\s+least|a\s+minimum\s+of|minimum(?:\s+of)?|min\.|over|more\s+than|"
          r"approximately|around|about|roughly|some)\s+)*")
# words that ask for the years, just before them
_ASKING = lazy_compile(
    r"(?:\b(?:someone|somebody|candidates?|applicants?|you|individuals?|persons?|people|"
    r"professionals?|(?P<noun>[a-z]+?))\s+(?:with|who\s+(?:has|have|brings?)|having)"
    r"|\byou(?:'ll|\s+will|'ve)?\s+(?:have|bring|need|possess)"
    r"|\b(?:requires?|required|must\s+have|should\s+have|needs?|at\s+least|minimum(?:\s+of)?|"
    r"min\.)"
    r")\s*:?\s+" + _ABOUT + r"$", re.I)
# a list item that opens with the years ("Minimum of 3 years …", "3+ years …")
_OPENING = lazy_compile(r"\s*" + _ABOUT, re.I)
# what the other items of a list of requirements ask for
_ASKED = lazy_compile(r"\b(?:experience|expertise|knowledge|proficien|familiar|degree|"
                      r"abilit|skills?\b|understanding|fluen|background|certifi|qualified)",
                      re.I)
_NEIGHBOURS = 12  # items of the same list looked at on each side


def experience_of(tail: str) -> bool:
    """Does the text after the years name experience a few words on ("of progressively
    responsible finance experience")?"""
    return _EXPERIENCE_OF.match(tail) is not None


def range_bottom(text: str, start: int) -> tuple[int, int] | None:
    """The least years of a range whose top is at ``start`` ("three to five years"),
    and where it is written; None when no range ends there."""
    head = fold_case(text[max(0, start - 20):start])
    bottom = _BOTTOM.search(head)
    if bottom is None:
        return None
    word = bottom.group(1)
    return NUMBER_WORDS.get(word) or int(word), start - len(head) + bottom.start()


def work_done(doc: Document, index: int, block: Block, start: int, tail: str) -> bool:
    """Are the years at ``start`` of ``block`` (``doc.blocks[index]``), followed by
    ``tail``, years of work the posting asks for ("3+ years designing products" among
    the requirements)?"""
    return _DOING.match(tail) is not None and _asked(doc, index, block, start)


def _asked(doc: Document, index: int, block: Block, start: int) -> bool:
    kind = section_kind(doc, block)
    if kind in ("required_qualifications", "preferred_qualifications"):
        return True
    before = re.split(r"[.;!?]\s", block.text[max(0, start - 60):start])[-1]
    asking = _ASKING.search(before)
    if asking is not None and (asking.group("noun") is None
                               or fold_case(asking.group("noun")).rstrip("s")
                               in JOB_NOUN_WORDS):
        return True
    if kind is not None or block.kind != "item" or \
            _OPENING.fullmatch(block.text[:start]) is None:
        return False
    return any(_ASKED.search(other.text) for other in _same_list(doc, index))


def _same_list(doc: Document, index: int) -> list[Block]:
    """The items next to ``doc.blocks[index]`` with nothing else between."""
    items = []
    for step in (-1, 1):
        at = index + step
        while 0 <= at < len(doc.blocks) and abs(at - index) <= _NEIGHBOURS and \
                doc.blocks[at].kind == "item":
            items.append(doc.blocks[at])
            at += step
    return items


# the years of experience German, French and Spanish postings ask for, the word for
# experience a few words after them or before ("3 Jahre Berufserfahrung", "5 años de
# experiencia", "une expérience de 2 ans"); the least of a range ("3-5 Jahre")
_YEARS_WORD = r"(?<![\d.,])(\d{1,2})\s*\+?\s*(?:-\s*\d{1,2}\s*)?(?:jahre?n?|ans|années|años)\b"
_OTHER_YEARS = lazy_compile(
    _YEARS_WORD + r"(?=[^.;\n]{0,40}?(?:erfahrung|expérience|experiencia))"
    r"|(?:erfahrung|expérience|experiencia)[^.;\n\d]{0,30}?"
    + _YEARS_WORD.replace("(\\d", "(?P<n>\\d"), re.I)
# the employer's own years ("Wir haben 25 Jahre Erfahrung"): not asked of anyone
_OWN_YEARS = lazy_compile(r"\b(?:wir|unsere?|nous|notre|nos|nosotros|nuestr[oa]s?)\b", re.I)


def other_language_years(doc: Document) -> tuple[int, list[tuple[int, int]]] | None:
    """The years of experience a German, French or Spanish posting asks for, with the
    spans that say them: the requirements' first, then the first."""
    found: list[tuple[int, int, Block, re.Match[str]]] = []
    for order, block in enumerate(doc.blocks):
        low = block.text.lower()
        match = _OTHER_YEARS.search(block.text) if any(
            word in low for word in ("erfahrung", "expérience", "experiencia")) else None
        if match is None or _OWN_YEARS.search(block.text):
            continue
        kind = section_kind(doc, block)
        found.append((0 if kind == "required_qualifications" else 1, order, block, match))
    if not found:
        return None
    *_, block, match = min(found, key=lambda f: f[:2])
    years = int(match.group(1) or match.group("n"))
    return (years, doc.block_span(block, match.span())) if 0 < years <= 30 else None
