"""The employer's name on the line under the posting's title.

Shops, clinics, colleges and small firms write the title, then who is hiring, alone or
before the place: "Bean There Coffee", "Maplewood Senior Living - Dayton, OH", "The
Copper Pot Tavern — Savannah, GA", "Coastal Institute of Oceanography, Woods Hole, MA".
The line is read only right under the title (the posting's first heading, or its first
line when that names a job), and only when it reads as a name: capitalised words, no job,
place, team, terms, pay, date or call to apply. A unit ("Department of Chemistry",
"Customer Success") is no employer: the organisation it belongs to is.
"""

from __future__ import annotations

import re

from reviewer.core.extract.dates import find_date
from reviewer.core.extract.department import DEPARTMENT_WORDS
from reviewer.core.extract.document import Block, Document
from reviewer.core.extract.labels import LABELS, starts_with_label
from reviewer.core.extract.organisation import (
    names_an_organisation,
    names_no_organisation,
    opens_with_unit,
)
from reviewer.core.extract.salary import find_salary
from reviewer.core.extract.vocab import employment_type, remote_mode
from reviewer.core.schema import Finding
from reviewer.core.words.lexicon import (
    SECTION_HEADINGS,
    boilerplate_reason,
    has_job_noun,
    heading_key,
)
from reviewer.core.words.org_names import LEGAL, LINE_PARTICLE, UPPER
from reviewer.core.words.other_languages import written_in_english
from reviewer.core.words.places import is_area, looks_like_location
from reviewer.core.words.regex import lazy_compile

CONFIDENCE = 0.7  # the posting's own layout: below a label, above a cue in its sentences
_LONGEST = 100
# the name, then its place after a dash, a bar, a bullet or a comma
_BEFORE_PLACE = lazy_compile(r"\s+[-–—|·•]\s+|,\s+")
_WORD = r"(?:(?:[dl]['’])?[" + UPPER + r"0-9][\w&.'’-]*|&|" + LINE_PARTICLE + ")"
# a name's last word may be a legal form of several ("GmbH & Co. KG", "Sp. z o.o.")
_LEGAL_END = lazy_compile(r"(?<![\w&])" + LEGAL + "$")
_NAME = lazy_compile(_WORD + r"(?:\s+" + _WORD + r"){0,7}(?:,?\s+" + LEGAL + ")?")
# a town and its region's code, where the town is too small to be known: "Woods Hole, MA"
_TOWN_AND_REGION = lazy_compile(r"[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}, ?([A-Z]{2,3})")
# what a board writes under a title, in capitals too: "Urgently Hiring", "Apply Now"
_NOT_NAMES = lazy_compile(
    r"(?i)\b(?:hiring|apply|applicants?|recruiting|featured|sponsored|promoted|reposted|"
    r"posted|new|urgent(?:ly)?|save|share|easy|closing|salary|pay)\b")
_BYLINE = lazy_compile(r"(?i)(?:by|written by|author)\s")


def name_under_title(doc: Document, top: list[Block]) -> Finding | None:
    """The employer the line under the title names (see the module), or None."""
    at = next((i for i, block in enumerate(top) if _title_line(block, i)), None)
    if at is None or at + 1 >= len(top) or top[at + 1].kind != "para":
        return None
    block = top[at + 1]
    text = block.text.strip()
    if len(text) > _LONGEST:
        return None
    english = written_in_english(doc.markdown)
    for end in [len(text), *(m.start() for m in _BEFORE_PLACE.finditer(text))]:
        name, rest = text[:end].strip(), text[end:]
        rest = _BEFORE_PLACE.sub("", rest, count=1).strip() if rest else ""
        if (not rest or _place(rest)) and _reads_as_name(name) and \
                (names_an_organisation(name, english) or _named_again(doc, name)):
            start = block.text.find(name)
            return Finding(name, doc.block_span(block, (start, start + len(name))),
                           CONFIDENCE, "structure")
    return None


def _named_again(doc: Document, name: str) -> bool:
    """Does the posting name ``name`` again below the line, in its sentences?"""
    return len(re.findall(r"(?<!\w)" + re.escape(name) + r"(?!\w)", doc.markdown)) > 1


def _title_line(block: Block, index: int) -> bool:
    """Is ``block`` (the ``index``-th at the top) where a posting writes its title: a
    heading, a short line naming a job, or a short first line ("Barista")?"""
    if block.kind == "heading":
        return True
    if block.kind != "para" or len(block.text) > 120:
        return False
    return has_job_noun(block.text) or \
        (index == 0 and len(block.text.split()) <= 8 and not starts_with_label(block.text))


def _place(text: str) -> bool:
    if looks_like_location(text):
        return True
    town = _TOWN_AND_REGION.fullmatch(text)
    return town is not None and is_area(town.group(1))


def _reads_as_name(name: str) -> bool:
    """Capitalised words that name no job, place, unit, terms, pay, date or section."""
    if not name or not _NAME.fullmatch(name) or not name[:1].isupper() or ":" in name:
        return False
    if name.endswith(".") and not re.search(r"\b(?:Ltd|Inc|Co|Corp|Pvt|Pty|Bros)\.$", name) \
            and not _LEGAL_END.search(name):
        return False  # a sentence's end
    if has_job_noun(name) or looks_like_location(name) or names_no_organisation(name):
        return False
    if opens_with_unit(name) or not DEPARTMENT_WORDS.sub("", name).strip(" &,"):
        return False  # "Customer Success", "Department of Chemistry": a unit
    if employment_type(name) or remote_mode(name) or find_salary(name) or find_date(name):
        return False
    if _NOT_NAMES.search(name) or starts_with_label(name) or boilerplate_reason(name) or \
            _BYLINE.match(name):
        return False
    last = name.split()[-1].lower()
    if name.lower() in LABELS or LABELS.get(last, "company") != "company":
        return False  # a label over its value: "Organization", "Primary Location"
    return heading_key(name) not in SECTION_HEADINGS
