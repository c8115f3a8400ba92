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

from reviewer.core.words.regex import lazy_compile

_ORGANISATION_WORD = lazy_compile(
    r"\b(?:Universit(?:y|ies)|College|Institute|Institution|School|Academy|Hospitals?|"
    r"Medical Cent(?:er|re)|Health(?:care| System)?|Clinics?|Trust|Foundation|Council|"
    r"Authority|Agency|Ministry|Department of|Office of|City of|County|Town of|State of|"
    r"Borough|Commission|Bank|Museum|Library|Society|Association|Federation|Church|"
    r"Cent(?:er|re)|Company|Corporation|Group|Partners|Holdings|Industries|Enterprises|"
    r"Services|Systems|Solutions|Technologies|Laboratories|Labs)\b")
_LEGAL_FORM = lazy_compile(
    r"(?:\b(?:Inc|Incorporated|Corp|LLC|LLP|Ltd|Limited|GmbH|AG|PLC|plc|Pty|Pvt|Co)\.?|"
    r"\bS\.?A\.?|\bB\.?V\.?|\bN\.?V\.?)$")
# the last word of what is no employer: a unit, a shift or a schedule, a kind of contract
_NOT_ORGANISATION = lazy_compile(
    r"(?:^|\s)(?:team|department|division|unit|shifts?|nights?|days?|evenings?|weekends?|"
    r"overnights?|daily|weekly|nightly|per diem|prn|seasonal|rotating|full[- ]?time|"
    r"part[- ]?time|contract|temporary|permanent|internship|hybrid|on[- ]?site|remote)$"
    # a pay band or grade ("Band 5", "Grade 4", "GS-11"); a specialty written with a slash
    r"|^(?:band|grade|level|tier|step|gs)[- ]?\d+[a-z]?$|^[\w&]{1,10}(?:/[\w&]{1,10})+$",
    re.I)


# a unit's name opens with its kind: "Department of Chemistry", "School of Nursing"
_UNIT_FIRST = lazy_compile(r"(?i)(?:the\s+)?(?:department|dept\.?|division|school|faculty|"
                           r"unit|section|center|centre|lab(?:oratory)?)\s+(?:of|for)\b")


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
