"""Prose cues for the place: "located in Leeds", "our Boston office", "Job Location: Austin,
TX", "(Tacoma, WA)", "must reside in or near Spokane", "This role is fully remote".

A candidate is a place only when the place-name lists know it (``words.places``): every
comma-separated part a city, region or country, a region's two-letter code in capitals.
A town too small for the lists passes before a state's code ("Pine Hollow, CO") after a
strong cue; a list of cities ("Austin, Chicago, Omaha") is no one place.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator

from reviewer.core.extract.document import Document
from reviewer.core.extract.prose_words import Cue, Joined, cue_re
from reviewer.core.words.denial import denied
from reviewer.core.words.places import is_area, is_place
from reviewer.core.words.regex import fold_case, lazy_compile

MAX_PLACE_WORDS = 12  # words of the longest place, region and country read as one
_PLACE_WORD = r"[A-Z][\w'’.-]*+"  # (possessive: no word ends inside a word, none is tried so)


def _place(most: str) -> str:
    """A place's words (``most`` more after the first), a comma maybe and a region."""
    return (r"((?:" + _PLACE_WORD + r")(?:[ \t]+(?:" + _PLACE_WORD + r"|of|de|la|upon))" + most +
            r"(?:,?[ \t]+(?:[A-Z]{2}\b|" + _PLACE_WORD + r"(?:[ \t]+" + _PLACE_WORD + r")?))?)")


# A cue's place: its first word and up to MAX_PLACE_WORDS more (``place_at`` reads no
# more, and a region's comma comes among the last three words), then maybe a region. Read
# to the end of its capitals, each "Our" of a line of "Our Alpha Beta …" was read to the
# line's end: a quarter of a megabyte took four minutes. (Only "Our … office" asks for a
# word after the place: over fifteen capitalised words before "office" are no place now.)
_PLACE = _place(f"{{0,{MAX_PLACE_WORDS}}}")
# (pattern, weight), matched in the text as written; the place is group 1
PLACE_CUES = (
    (cue_re(r"[Ll]ocation(?:\s*\([^)\n]{0,20}\))?\s*(?::|\s-\s)\s*" + _PLACE, "Location|location",
         "any", lower=False), 3),
    (cue_re(r"(?:[Ll]ocated|[Bb]ased|[Ss]ituated)\s+(?:in|out of|at)\s+(?:the\s+)?" + _PLACE,
         "located|Located|based|Based|situated|Situated", lower=False), 2),
    (cue_re(r"(?:to work|to join our team|to join us|opening|opportunity)\s+in\s+" + _PLACE,
         "to work|to join|opening|opportunity", lower=False), 2),
    (cue_re(r"[Oo]ur\s+(?:brand new\s+)?" + _PLACE + r"\s+(?:office|team|headquarters|location|"
         r"facility|campus|studio|clinic|store|branch|site)\b", "our|Our", lower=False), 2),
    (cue_re(r"(?:reside|live|commute|relocate)\s+(?:in|to)\s+(?:or\s+near\s+)?" + _PLACE,
         "reside|live|commute|relocate", lower=False), 2),
    (cue_re(r"\(\s*" + _PLACE + r"\s*\)", "(", "any", lower=False), 1),
    (cue_re(r"in\s+(the\s+)?" + _PLACE, "in ", lower=False), 1),
)
_LOCATION, _IN = PLACE_CUES[0][0], PLACE_CUES[-1][0]
_BASED = cue_re(r"[ -]based\b", " based|-based", "any")
_OFFICE_BEFORE = lazy_compile(r"(?:(?<!headquarters )office|team|facility|location|campus|clinic|"
                              r"store|company|firm|business|agency|practice|organi[sz]ation|"
                              r"startup|hospital|restaurant|contractor|provider|group|"
                              r"employer)s?\s+$")
_PLACE_BEFORE = lazy_compile(_place("*") + r"$")  # (within 60 characters of " based")
_HISTORY_WORDS = ("founded", "incorporated", "established in")  # found case-blind


class _History:
    """Does the sentence before a place name tell the firm's history ("Founded in 1998 in
    Oslo")? That is: does the sentence up to ``at`` hold one of _HISTORY_WORDS, in any
    case? The sentences' starts and the words of a block are found once: looked for back
    from each "in", a block of one long sentence took time in the square of its length."""

    def __init__(self) -> None:
        self._blocks: dict[str, tuple[list[int], list[int], list[int]]] = {}

    def before(self, text: str, at: int) -> bool:
        if text not in self._blocks:
            low = fold_case(text)  # (the pattern is case-blind)
            words = sorted((start, start + len(word)) for word in _HISTORY_WORDS
                           for start in _places(low, word))
            ends = [end for _, end in words]
            for i in range(len(ends) - 2, -1, -1):
                ends[i] = min(ends[i], ends[i + 1])  # the first end from each word on
            self._blocks[text] = (_places(text, ". "), [start for start, _ in words], ends)
        stops, starts, first_end = self._blocks[text]
        stop = bisect.bisect_right(stops, at - 2) - 1  # the last ". " that ends by ``at``
        sentence = stops[stop] + 2 if stop >= 0 else 0
        i = bisect.bisect_left(starts, sentence)
        return i < len(starts) and first_end[i] <= at


def _places(text: str, word: str) -> list[int]:
    out = []
    at = text.find(word)
    while at >= 0:
        out.append(at)
        at = text.find(word, at + 1)
    return out


def place_cues(joined: Joined) -> Iterator[Cue]:
    """The places the posting's sentences name."""
    history = _History()
    for pattern, weight in PLACE_CUES:
        for block, base, match in joined.matches(pattern):
            text = block.text
            start = match.start() - base
            if pattern is _LOCATION and start and text[start - 1].isalpha() and not (
                    text[start - 1].islower() and text[start] == "L"):
                continue  # "relocation: …" is no location; "ManagerLocation: …" is, glued
            w, group = weight, 1
            if pattern is _IN:
                # "our office in Leeds", "a firm in Irvine": a cue; "in Leeds, UK" alone, weak;
                # "Founded in 1998 in Oslo, Norway": the firm's history, no cue
                office = _OFFICE_BEFORE.search(text, max(0, start - 20), start) is not None
                if (match.group(1) and not office) or history.before(text, start):
                    continue
                w, group = (2 if office else 1), 2
            place = place_at(text, match.start(group) - base, match.end(group) - base, w == 1)
            if place is not None:
                yield Cue(text[place[0]:place[1]], block, place, w)
    for block, base, match in joined.matches(_BASED):
        # "our Oakland, California based team"
        text = block.text
        end = match.start() - base
        before = _PLACE_BEFORE.search(text, max(0, end - 60), end)
        place = place_at(text, before.start(), end, True) if before else None
        if place is not None:
            yield Cue(text[place[0]:place[1]], block, place, 1)


def place_at(text: str, start: int, end: int, strict: bool) -> tuple[int, int] | None:
    """The longest known place at the start of ``text[start:end]``, without trailing
    stops ("Irvine." is "Irvine"); ``strict``: only a place with its region or country.
    A list of cities ("Austin, Chicago, Omaha") is no one place: None."""
    phrase = re.split(r"(?<![A-Z])(?<!St)(?<!Ft)(?<!Mt)\.\s", text[start:end], maxsplit=1)[0]
    after_the = text[max(0, start - 4):start].lower() == "the "
    # no place runs longer ("Rancho Santa Margarita, California, United States": 6): a
    # phrase of thousands of words is not tried at each of its lengths
    words = list(itertools.islice(re.finditer(r"[^\s,]+", phrase), MAX_PLACE_WORDS))
    for k in range(len(words), 0, -1):
        cut = phrase[:words[k - 1].end()].rstrip(".,;:'’")
        glued = _GLUED.search(words[k - 1].group())
        for form in (cut, cut[:words[k - 1].start() + glued.start() + 1] if glued else ""):
            # "San DiegoJob Type": a label glued on
            if not form or (strict and "," not in form) or (after_the and " " not in form):
                continue
            known = _known_place(form, strict)
            if known is None:
                return None
            if known:
                return start, start + len(form)
    return None


_GLUED = lazy_compile(r"[a-z](?=[A-Z])")
_TOWN = lazy_compile(r"[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2}")


def _known_place(text: str, strict: bool) -> bool | None:
    """Every comma-separated part a place, a two-letter code written in capitals; a town
    too small for the list passes before a state's code ("Fort Lupton, CO") unless
    ``strict``. None: a list of cities, not one place."""
    parts = [p.strip() for p in text.split(",")]
    if not all(parts) or re.search(r"\bremote\b", text, re.I):
        return False
    if not all(len(p) > 2 or p.isupper() for p in parts):
        return False
    if all(is_place(p) for p in parts):
        return None if any(not is_area(p) for p in parts[1:]) else True
    return not strict and len(parts) == 2 and len(parts[1]) == 2 and is_area(parts[1]) and \
        bool(_TOWN.fullmatch(parts[0]))


def towns_first(cues: list[Cue]) -> list[Cue]:
    """Without the countries and regions named in passing ("eligible to work in the United
    States") when a town is named too; a "Location:" line keeps its region."""
    town = ["," in c.value or not is_area(c.value) for c in cues]
    return [c for c, is_town in zip(cues, town, strict=True) if is_town or c.weight >= 3] \
        if any(town) else cues


_REMOTE_ONLY = lazy_compile(
    r"\b(?:(?:fully|100%|completely|entirely|totally)\s+remote|remote\s+(?:role|position|job|"
    r"opportunity)|(?:role|position|job)\s+(?:is|will be)\s+(?:fully\s+|100%\s+)?remote)\b",
    re.I)


def remote_only(doc: Document) -> Cue | None:
    """"This role is fully remote": the place is Remote (when no place was found)."""
    for block in doc.blocks:
        if "remote" not in block.text.lower():
            continue
        match = _REMOTE_ONLY.search(block.text)
        if match is None:
            continue
        before = block.text[max(0, match.start() - 20):match.start()].lower()
        if re.search(r"\b(?:hybrid|partially|partly|or)\s+(?:an?\s+)?$", before) or \
                denied(block.text.lower(), match.start(), match.end()):
            continue  # "hybrid or remote role", "not a remote role", "Remote job: No"
        word = re.search(r"remote", match.group(), re.I)
        assert word is not None
        at = match.start() + word.start()
        return Cue("Remote", block, (at, at + len("remote")), 1)
    return None
