"""What reads as an organisation's name, and what only looks like one.

A name reads as an organisation's when it ends in a legal form ("Acme Ltd", "Sundaram
Textiles Pvt. Ltd.") or holds a word organisations are named with: "… University",
"… Medical Center", "… NHS Foundation Trust", "City of …", "Department of …". Many
employers' names hold no such word ("Acme", "Bean There Coffee"): the word makes a name
surer, its absence says nothing.

Beside a role, capitalised words may name no organisation at all: a shift or a schedule
("Nights", "Home Daily", "Per Diem"), a pay band ("Band 5", "Grade 4"), a specialty written
with a slash ("Med/Surg", "L&D/Postpartum"), a unit ("Platform Team", "Department of
Chemistry"), a kind of contract.
"""

from __future__ import annotations

import re

from reviewer.core.extract.department import DEPARTMENT_WORDS as _FIELD_WORDS
from reviewer.core.words.org_names import BODY_NAME, LEGAL, OWN_NAME_MARK, SHARED_BODY_NAME
from reviewer.core.words.places import is_place
from reviewer.core.words.regex import lazy_compile

_ORGANISATION_WORD = lazy_compile(
    r"\b(?:Universit(?:y|ies)|College|Institute|Institution|Schools?|Academy|Hospitals?|"
    r"Medical Cent(?:er|re)|Health(?:care| System)?|Clinics?|Trust|Foundation|Council|"
    r"Authority|Agency|Ministry|Department of|Office of|City of|County|Town of|State of|"
    r"Borough|Commission|Bank|Museum|Library|Society|Association|Federation|Church|"
    r"Cent(?:er|re)|Company|Corporation|Group|Partners|Holdings|Industries|Enterprises|"
    r"Services|Systems|Solutions|Technologies|Laboratories|Labs)\b")
_LEGAL_FORM = lazy_compile(
    r"(?:\b(?:Inc|Incorporated|Corp|LLC|LLP|Ltd|Limited|GmbH|AG|PLC|plc|Pty|Pvt|Co)\.?|"
    r"\bS\.?A\.?|\bB\.?V\.?|\bN\.?V\.?|(?<![\w&])" + LEGAL + ")$")
# a name in another language that opens with the kind of body it is ("Gemeente Utrecht")
_BODY_NAME = lazy_compile(BODY_NAME)
_SHARED_BODY_NAME = lazy_compile(SHARED_BODY_NAME)
_OWN_NAME_MARK = lazy_compile(OWN_NAME_MARK)
# the last word of what is no employer: a unit, a shift or a schedule, a kind of contract
_NOT_ORGANISATION = lazy_compile(
    r"(?:^|\s)(?:team|department|division|unit|shifts?|nights?|days?|evenings?|weekends?|"
    r"overnights?|daily|weekly|nightly|per diem|prn|seasonal|rotating|full[- ]?time|"
    r"part[- ]?time|contract|temporary|permanent|internship|hybrid|on[- ]?site|remote)$"
    # a pay band or grade ("Band 5", "Grade 4", "GS-11"); a specialty written with a slash
    r"|^(?:band|grade|level|tier|step|gs)[- ]?\d+[a-z]?$|^[\w&]{1,10}(?:/[\w&]{1,10})+$",
    re.I)


# a unit's name opens with its kind: "Department of Chemistry", "School of Nursing",
# "Office of Research", "Program in Neuroscience"; a college or an institute only with a
# field of study after it ("College of Engineering"; "College of Charleston" is a college)
_UNIT_FIRST = lazy_compile(
    r"(?i)(?:the\s+)?(?:(?:department|dept\.?|division|school|faculty|unit|section|center|"
    r"centre|lab(?:oratory)?|office|bureau|program(?:me)?)\s+(?:of|for|in)\b|"
    r"(?:college|institute)\s+(?:of|for)\s+(?:arts|sciences?|humanities|nursing|medicine|"
    r"law|business|education|engineering|pharmacy|dentistry|architecture|music|agriculture|"
    r"health|public health|social work|computing|management|liberal arts)\b)")


def names_an_organisation(name: str, english: bool = True) -> bool:
    """Is ``name`` an organisation's name by its own words: a legal form at its end, or an
    organisation word as its head ("Greenfield University", "Second Harvest Food Bank",
    "Coastal Institute of Oceanography"), not a unit ("Office of Research", "Information
    Technology Services", "University Libraries") nor an employer left unnamed
    ("Confidential Company")? Stricter than ``reads_as_organisation``: for a line
    that holds nothing else to say it is a name. A body's name in another language
    ("Gemeente Utrecht", see ``opens_with_body``) is one too."""
    name = name.strip()
    if opens_with_unit(name) or _UNNAMED.search(name) or names_no_organisation(name) or \
            _SLOGAN.match(name):
        return False
    if _LEGAL_FORM.search(name) or opens_with_body(name, english):
        return True
    before_of = name.rsplit(" of ", 1)[0].split()[-1] if " of " in name else ""
    head = next((w for w in (name.split()[-1], before_of)
                 if w and (_ORGANISATION_WORD.fullmatch(w) or _ORGANISATION_WORD.fullmatch(
                     w + " of")) and not _WEAK_HEAD.fullmatch(w)),
                None)
    # what is left without the words of a field of work and of a kind of body is the name
    own = _GENERIC_WORDS.sub("", _FIELD_WORDS.sub("", name)).strip(" &,")
    return (head is not None or _BUSINESS_WORD.search(name) is not None) and bool(own)


def opens_with_body(name: str, english: bool = True) -> bool:
    """Does ``name`` open with the kind of body it is, in a language of Europe ("Gemeente
    Utrecht", "Clinique du Parc")? A kind English writes too ("Hospital", "Region") only
    before a name of its own: a place ("Region Stockholm"), words with a letter English
    does not write or a small word of another language ("Region Västra Götaland",
    "Hospital Particular do Tejo"), any name in a posting not in ``english``; not a
    specialty, a direction or a service ("Hospital Medicine", "Region West")."""
    if _BODY_NAME.search(name):
        return True
    shared = _SHARED_BODY_NAME.match(name)
    return shared is not None and (not english or is_place(shared.group(1)) or
                                   _OWN_NAME_MARK.search(name, shared.start(1)) is not None)


# words that end a unit's name as often as an organisation's ("Information Technology
# Services", "Enterprise Solutions", "Student Health Center"): no proof alone
_WEAK_HEAD = lazy_compile(r"Services|Systems|Solutions|Technologies|Health|Cent(?:er|re)|"
                          r"Group|Labs|Laboratories|Industries|Enterprises|Holdings|Partners")


# a shop's, an inn's or a care home's kind, at the end of its name ("Bean There Coffee")
_BUSINESS_WORD = lazy_compile(
    r"\b(?:Coffee|Caf[eé]|Bakery|Restaurant|Tavern|Pub|Bistro|Grill|Brewery|Hotel|Inn|"
    r"Bookshops?|Shops?|Pharmacy|Salon|Senior Living|Care Home|Nursing Home)$")
# the opening of a slogan, not of a name: "Voted Best Bakery", "Your Neighborhood
# Pharmacy", "Proudly Serving the City of Boston", "Part of the Marriott Hotel"
_SLOGAN = lazy_compile(r"(?i)(?:your|our|voted|proudly|proud|serving|part of|member of|"
                       r"making|building|bringing|helping|powering|welcome|where|home of|"
                       r"now hiring|hiring)\b")
# an employer the posting keeps unnamed
_UNNAMED = lazy_compile(r"(?i)\b(?:confidential|anonymous|undisclosed|stealth)\b")
_GENERIC_WORDS = lazy_compile(
    r"\b(?:the|of|and|for|Services|Systems|Solutions|Technologies|Group|Company|Centers?|"
    r"Centres?|Partners|Enterprises?|Industries|Holdings|Department)\b", re.I)


def reads_as_organisation(name: str) -> bool:
    """Does ``name`` end in a legal form or hold a word organisations are named with?"""
    name = name.strip()
    return _ORGANISATION_WORD.search(name) is not None or _LEGAL_FORM.search(name) is not None


def names_no_organisation(name: str) -> bool:
    """Is ``name`` a shift, a schedule, a pay band, a specialty, a unit or a kind of
    contract ("Nights", "Home Daily", "Band 5", "Med/Surg", "Platform Team")?"""
    return _NOT_ORGANISATION.search(name.strip()) is not None


def opens_with_unit(name: str) -> bool:
    """Does ``name`` open with the kind of a unit of a body ("Department of Chemistry",
    "School of Nursing", "Center for Marine Science")? Such a unit belongs to the
    employer; a public body named so ("Department of Veterans Affairs") is told from it
    only by a label ("Agency:")."""
    return _UNIT_FIRST.match(name.strip()) is not None


# who invites applications and is no employer: a search committee, a person's office, a
# field of study ("The Search Committee", "The Dean", "History", "The Program in Neuroscience")
_NOT_INVITING = lazy_compile(
    r"(?i)(?:the\s+)?(?:(?:\w+\s+)?(?:search|selection|hiring|recruitment|appointments?|"
    r"screening)\s+committee|(?:dean|chair(?:person)?|provost|president|director|head|"
    r"principal|chancellor|rector)(?:\s+of\b.*)?|(?:(?:history|neuroscience|biology|"
    r"chemistry|physics|mathematics|english|philosophy|economics|psychology|sociology|"
    r"anthropology|linguistics|classics|music|art|nursing|medicine|law|politics|"
    r"political science|geography|geology|statistics|computer science)(?:\s+and\s+|,\s*)?)+)")
_UNIT_BEFORE = lazy_compile(r"(?i)\b(?:program(?:me)?|department|school|division|faculty|"
                            r"office|college|center|centre)\s+(?:of|in|for)\s+$")


def may_invite(name: str, before: str) -> bool:
    """Can ``name``, before "invites applications", be the employer: not a unit, a
    committee, a person's office or a field of study (``before``: the text before it)?"""
    name = name.strip(" ,")
    return not (opens_with_unit(name) or _NOT_INVITING.fullmatch(name) or
                _UNIT_BEFORE.search(before))
