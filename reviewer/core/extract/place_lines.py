"""A line that names places (a labelled location, a header's piece): the places in it, and
the way of working it says.

A line of places may run on into a sentence ("Berlin, Germany. You will build things",
"Bradenton, FL 34208 Interested applicants may send …"): the places end where a sentence
starts, a stop before words in lower case (not the ones that join a place's words: "am",
"upon", "de"), before what is no place ("Boston, MA. Hybrid"), or where a label glued to
them starts ("…, WA)Salary Range:"). A stop before more places parts them ("Berlin,
Germany. Munich, Germany."); an abbreviation's
stop ("St. Louis", "D.C.", "Main Ave. Suite 4") or one before a state's code alone
("Newport Beach. CA") parts nothing. A way of working before the places ("Hybrid
remote in Austin, TX", "Hybrid working (London)") is no part of them, nor is a remark in
brackets ("Dublin, Ireland (remote-first; the office is optional)").

Places joined by "or" or "and" are each a place where each side has its region ("Austin,
TX or Denver, CO"); joined by "or", where each side is one ("Leeds or York", "Manchester,
Leeds or Birmingham", "London, UK or Remote"), unless the whole is a place's name. "And"
joins the names of one place as often ("Brighton and Hove", "Kensington and Chelsea").
"""

from __future__ import annotations

import re

from reviewer.core.extract.labels import LABELS
from reviewer.core.extract.vocab import remote_mode
from reviewer.core.words.lexicon import has_job_noun, is_camel_word
from reviewer.core.words.places import is_area, is_place, looks_like_location
from reviewer.core.words.regex import lazy_compile

# a stop after a word, before another
_STOP = lazy_compile(r"\b(\w+)\.\s+(?=\w)")
# the words in lower case that join a place's words ("Frankfurt am Main", "Trinidad and
# Tobago", "Leeds or York"), as a pattern's alternatives
JOINING = ("of|de|del|la|le|les|du|des|am|an|im|upon|on|sur|en|y|da|do|dos|das|di|van|von|"
           "der|den|het|al|el|and|or|und|et")
# a word of a sentence: in lower case, and none that joins a place's words
_SENTENCE_WORD = lazy_compile(rf"\b(?!(?:{JOINING})\b)[a-z]{{2,}}\b")
_ABBREVIATIONS = frozenset("ave blvd str ste apt hwy pkwy cir inc ltd corp".split())
# another label glued to a value: right after a lower-case letter, a digit or a bracket,
# capitals and a few words ("House CoordinatorFLSA Classification: …") or a label of
# ``LABELS`` ("Back OfficeLocation: Berlin", "(Vancouver, WA)Salary Range: $20"), then a
# colon; not inside a CamelCase word ("ServiceNow: …", ``glued_label``)
_GLUED_LABEL = lazy_compile(
    r"(?<=[a-z0-9)])(?:[A-Z]{2}[\w/&'’ -]{0,30}|([A-Z][a-z]+(?: [A-Z]?[a-z]+){0,3})):(?!//)")


def glued_label(value: str) -> int | None:
    """Where another label glued to ``value`` starts (None: none is)."""
    for glued in _GLUED_LABEL.finditer(value):
        if (glued.group(1) is None or glued.group(1).lower() in LABELS) \
                and not is_camel_word(value, glued.start()):
            return glued.start()
    return None
# between places of a line: a semicolon, a bar, a bullet, or after a ZIP code before a
# place with its region ("Austin, TX 78701 Denver, CO 80202"; not "Tampa, FL 33601 USA")
_APART = lazy_compile(r"\s*;\s*|\s+\|\s+|\s*•\s*"
                      r"|(?<=\b[A-Z]{2} \d{5})\s+(?=[A-Z][\w .'-]*, ?[A-Z])")
# places joined by a word: "Austin, TX or Denver, CO" (two when each side has its region:
# "Bosnia and Herzegovina" and "Sarajevo, Bosnia and Herzegovina" are one)
_JOINED = lazy_compile(r"\s+(?:or|and|&|/)\s+")
_AND = lazy_compile(r"\s(?:and|&)\s")
_CODE_ALONE = lazy_compile(r"\s*[A-Z]{2}\.?\s*")
_ABBREVIATED = lazy_compile(r"\b[A-Z]\.$")  # "D.C."
# a state's code and its ZIP code, then more text on the line
_US_ZIP = lazy_compile(r"\b[A-Z]{2}\s+\d{5}(?:-\d{4})?\b(?=\s+\S)")
WORK_ARRANGEMENT = lazy_compile(r"in[- ]person|on[- ]?site|in[- ]office|at the office|"
                                r"hybrid(?: remote| work(?:ing)?)?")
# a way of working before the places: "Hybrid remote in Austin, TX", "Onsite - Leeds",
# "Hybrid working (London)" (not "Remote, UK" nor "Remote (US)": a remote place)
_ARRANGED = lazy_compile(
    r"(?i)((?:(?:hybrid|fully)\s+)?(?:remote|hybrid|on[- ]?site|in[- ]person|in[- ]office)"
    r"(?:\s+work(?:ing)?)?)(?:\s+in\s+|(?<!remote)(?<!remote working)\s*[-–:(]\s*)(?=\w)")


def place_pieces(value: str) -> list[str]:
    """The pieces of a line of places, up to where a sentence starts (see the module's
    note)."""
    pieces, start = [], 0
    if (glued := glued_label(value)) is not None:
        value = value[:glued]  # "Onsite (Vancouver, WA)Salary Range: $20 …"
    codes = [code for code in _US_ZIP.finditer(value) if _SENTENCE_WORD.search(value, code.end())]
    if codes:  # the last ZIP code before words of a sentence ("… FL 34208 Interested …")
        value = value[:codes[-1].end()]
    stops = list(_STOP.finditer(value))
    for i, stop in enumerate(stops):
        word = stop.group(1)
        whole = (len(word) >= 3 and word.isalpha() and word.lower() not in _ABBREVIATIONS) \
            or (len(word) == 2 and word.isupper()) or (len(word) == 5 and word.isdigit())
        following = value[stop.end():stops[i + 1].end(1) if i + 1 < len(stops) else None]
        if _SENTENCE_WORD.search(following) or (  # a sentence, or what is no place
                whole and not looks_like_location(following.strip(" .,;"))):  # ("Hybrid"):
            pieces.append(value[start:stop.end(1) + (0 if whole else 1)])  # the places end
            return [piece for piece in pieces if piece.strip()]
        if whole and not _CODE_ALONE.fullmatch(following):  # more places after it (not
            # a state's code alone: "Newport Beach. CA")
            pieces.append(value[start:stop.end(1)])
            start = stop.end()
    pieces.append(value[start:])
    return [piece for piece in pieces if piece.strip()]


def first_sentence(value: str) -> str:
    """``value`` up to where a sentence starts after its places (``place_pieces``)."""
    pieces = place_pieces(value)
    if not pieces:
        return value
    return value[:value.find(pieces[-1]) + len(pieces[-1])]


def arranged(value: str) -> tuple[str | None, int, tuple[int, int] | None]:
    """The way of working a location label's value says (None: none), where the places
    after it start, and the span of its words (None: the value's): "In person" (in
    Leeds) is onsite, "Hybrid" hybrid, "Remote (US)" remote."""
    lead = _ARRANGED.match(value)
    words = lead.group(1) if lead else value
    low = words.strip().lower().rstrip(" .")
    after = lead.end() if lead else 0
    if WORK_ARRANGEMENT.fullmatch(low):
        start = (lead.start(1) if lead else 0) + len(words) - len(words.lstrip())
        return ("hybrid" if low.startswith("hybrid") else "onsite"), after, \
            (start, start + len(low))
    mode = remote_mode(value)
    if mode is None:
        return None, after, None
    # (work on site read from remote work denied, "(no remote)": the words say no more)
    said = "remot" not in value[mode[1][0]:mode[1][1]].lower() or mode[0] != "onsite"
    return mode[0], after, mode[1] if said else None


def split_locations(value: str) -> list[str]:
    """One location line into the places it lists, each as written (``place_pieces``);
    of a place after a name, the place (``place_after_name``)."""
    out: list[str] = []
    for piece in place_pieces(value):
        piece = _without_remark(re.sub(r"\s+", " ", piece)).strip(" ;|")
        for part in _apart(piece):
            for one in _joined_places(part):
                out.extend(_split_repeated_prefix(one))
    places = [_without_address(_tidy(place)) for place in out]
    return [place for place in places if place][:10]


def _without_address(place: str) -> str:
    """A place without the building or the street before it ("Marion Correctional
    Institution, Marion, OH": "Marion, OH"); a district before its city stays
    ("Kensington and Chelsea, London"). A postcode and a city, then a district of it,
    are in the city ("1210 Wien, Floridsdorf": "Wien")."""
    coded = _POSTCODE_CITY.fullmatch(place)
    if coded and is_place(coded.group(1)) and not is_area(coded.group(1)) and \
            not (coded.group(2) and is_area(coded.group(2))):
        return coded.group(1) if coded.group(2) else place
    if looks_like_location(place) or (tail := place_after_name(place)) is None:
        return place
    return tail if _ADDRESS.search(place, 0, place.rfind(tail)) else place


# a postcode of four or five figures before a city, and what follows it
_POSTCODE_CITY = lazy_compile(r"\d{4,5}\s+([^\W\d_][^,]*?)\s*(?:,\s*(.+))?")


# the words of a building or a street's address
_ADDRESS = lazy_compile(
    r"\d|\b(?:Street|St|Road|Rd|Avenue|Ave|Lane|Square|Boulevard|Blvd|Drive|Way|Suite|Floor|"
    r"Building|Office|Headquarters|HQ|Campus|Institution|Infirmary|Hospital|Universit\w*|"
    r"College|School|Institute|Cent(?:er|re)|Museum|Library|Facility|Plant|Warehouse|Store)\b")


# a town and a state's code: "Woods Hole, MA", "Pilbara, WA" (a town too small for the
# list of cities, or a region of a state)
_TOWN_AND_STATE = lazy_compile(r"((?:[A-Z][\w.'’-]*\s){0,2}[A-Z][\w.'’-]*),\s?([A-Z]{2})"
                               r"(?:\s+\d{4,5}(?:-\d{4})?)?")


def town_and_state(text: str) -> bool:
    """Is ``text`` a town and the code of its state ("Woods Hole, MA"), not a person and
    a title after the name ("Jane Smith, MD")?"""
    match = _TOWN_AND_STATE.fullmatch(text.strip())
    return match is not None and is_area(match.group(2)) and match.group(2) not in _DEGREES \
        and not has_job_noun(match.group(1)) and not _NO_TOWN.search(match.group(1))


_DEGREES = ("MD", "PA")  # (a state's code, and what a doctor writes after a name)
# words of a person's or a body's name, not a town's ("Dr. Jane Smith", "Columbia
# University, NY")
_NO_TOWN = lazy_compile(r"^(?:Dr|Mr|Mrs|Ms|Prof)\b|\b(?:Universit\w*|College|School|Institute|"
                        r"Hospital|Cent(?:er|re)|Museum|Library|Inc|LLC|Ltd|Corp\w*|Company)\b")


def place_after_name(text: str) -> str | None:
    """The place that ends a line opening with a name: "Marion Correctional Institution,
    Marion, OH" is in "Marion, OH", "Leeds General Infirmary, Great George Street, Leeds,
    LS1 3EX" in "Leeds, LS1 3EX", "Coastal Institute of Oceanography, Woods Hole, MA" in
    "Woods Hole, MA". The place runs from a known city, or is a town and its state's
    code; None where the line ends with neither."""
    parts = text.split(",")
    for k in range(1, len(parts)):
        tail = ",".join(parts[k:]).strip()
        if (is_place(parts[k]) and not is_area(parts[k]) and looks_like_location(tail)) \
                or town_and_state(tail):
            return tail
    return None


def _apart(piece: str) -> list[str]:
    """``piece`` parted where places part (``_APART``), but inside brackets ("London
    (Zone 1; near Liverpool Street)" is one place)."""
    parts, start = [], 0
    for mark in _APART.finditer(piece):
        if piece.count("(", 0, mark.start()) <= piece.count(")", 0, mark.start()):
            parts.append(piece[start:mark.start()])
            start = mark.end()
    return [*parts, piece[start:]]


def _without_remark(piece: str) -> str:
    """``piece`` without a remark in brackets at its end, one of three words of a
    sentence or more ("(remote-first; the office is optional)"; not "(US only)")."""
    bracket = piece.find("(")
    if bracket > 0 and len(_SENTENCE_WORD.findall(piece, bracket)) >= 3:
        return piece[:bracket]
    return piece


def _joined_places(part: str) -> list[str]:
    """The places that "or", "and", "&" or "/" join in ``part``: each side with its
    region ("Austin, TX or Denver, CO"); else, joined by "or" or "/", each side a place,
    or a list of cities ("Manchester, Leeds or Birmingham"), where the whole is no
    place's name ("and" joins the names of one place: "Brighton and Hove")."""
    joined = _JOINED.split(part)
    if any(one.count("(") != one.count(")") for one in joined):
        return [part]  # "New York, NY (Manhattan or Brooklyn office)"
    if len(joined) == 1 or all("," in one for one in joined):
        return joined
    if _AND.search(part) or is_place(part) or \
            not all(looks_like_location(one) for one in joined):
        return [part]  # "Trinidad and Tobago", "Brighton and Hove", "Perth & Kinross"
    return [place for one in joined for place in _cities(one)]


def _cities(value: str) -> list[str]:
    """The cities a list of them names ("Manchester, Leeds"); else the one place
    (a city and its region: "Austin, TX")."""
    names = [name.strip() for name in value.split(",")]
    if len(names) > 1 and all(map(is_place, names)) and not any(map(is_area, names[1:])):
        return names
    return [value]


def _tidy(place: str) -> str:
    """A place without the marks around it: a stop but an abbreviation's ("D.C."), a
    bracket it does not open ("Hybrid working (London)": "London")."""
    place = place.strip(" ,")
    if place.endswith(".") and not _ABBREVIATED.search(place):
        place = place.rstrip(".").rstrip(" ,")
    return place[:-1] if place.endswith(")") and "(" not in place else place


def _split_repeated_prefix(value: str) -> list[str]:
    """"US - California - Palo Alto US - California - San Francisco" is two places."""
    head = re.match(r"([A-Z]{2,3}\s*-\s*)", value)
    if head:
        again = value.find(head.group(1).strip(), len(head.group(1)))
        if again > 0:
            return [value[:again].strip(), *_split_repeated_prefix(value[again:])]
    return [value]
