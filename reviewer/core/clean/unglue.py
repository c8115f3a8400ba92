"""Split text that a capture glued together back into lines.

An innerText capture loses the breaks between blocks: ``Key QualificationsKey
Qualifications- Exceptional problem-solving skills- 5+ years…``. Where a lower-case
letter, digit or stop runs straight into a capital starting a new word, and the
word is not one CamelCase name (iPhone, TensorFlow), a line break goes back in;
a "- " glued to the end of a word starts a bullet again.

A section heading ending in a colon gets a line of its own wherever it stands, in a
line of any length: "…inclusion.Who you are:You must…" and "Benefits:Being part of…"
become "Who you are:" and "Benefits:" above their text. Only known headings count
(``section_field``), never labels whose value belongs on their line ("Location:").
Such a label glued to the value before it starts a line of its own, with its value:
"Data AnalystDuration: ContractLocation: Leeds" is three lines (``split_labels``).
"""

from __future__ import annotations

import functools
import itertools

from reviewer.core.clean.text_labels import JOB_LABELS, short_answer
from reviewer.core.clean.text_markdown import BULLET, fenced
from reviewer.core.words.lexicon import is_camel_word, looks_like_heading, section_field
from reviewer.core.words.regex import lazy_compile
from reviewer.core.words.text import has_capital

# a lower-case letter, digit or closing mark glued to a capital starting a new word. The
# capital is matched first (a match's start is the break), so that the scan stops only at
# capitals: the places lookarounds alone find, found at a tenth of the cost.
_GLUE = lazy_compile(
    r"[A-Z](?:(?<=[a-z0-9!?)%:][A-Z])(?=[a-z.])|(?<=\.[A-Z])(?=[a-z])|"
    r"(?<=[a-z0-9][A-Z])(?=[A-Z]+\b)|(?<=[A-Z]{3})(?=[a-z]{2,}))"
)
_GLUED_BULLET = lazy_compile(r"(?<=[A-Za-z0-9.)%])- (?=[A-Z0-9])")
_CAPS_HEAD = lazy_compile(r"^([A-Z][A-Z&/]+(?: [A-Z&/]+){1,4}) (?=[A-Z][a-z])")
_TRAILING_HEADING = lazy_compile(r"^(.*[.!?:])\s{2,}(\S.{1,40})$")
_TWO_SPACES = lazy_compile(r"\s\s")


def unglue(text: str) -> str:
    """Split lines a capture glued together; leave ordinary text as it is."""
    out: list[str] = []
    lines = text.split("\n")
    code = {i for first, last in fenced(lines) for i in range(first, last + 1)}
    for number, line in enumerate(lines):
        if number in code or line.lstrip().startswith("|"):
            out.append(line)  # code, and a table's row, as written
            continue
        if len(line) > 200 and _glued(line, 4):
            pieces = _split_glued(line)
        elif (head := _heading_glued(line)) is not None:
            pieces = [line[:head], "", line[head:]]
        else:
            match = _TRAILING_HEADING.match(line) if _TWO_SPACES.search(
                line, max(0, len(line) - 43)) else None  # (where the heading's gap must be)
            if match and section_field(match.group(2), loose=False)[0]:
                pieces = [match.group(1), "", match.group(2).strip()]
            else:
                pieces = [line]
        answers = pieces == [line] and not (":" in line and _list_follows(lines, number))
        for piece in pieces:
            out.extend(_split_cached(piece, answers) if ":" in piece else [piece])
    return "\n".join(out)


def _list_follows(lines: list[str], number: int) -> bool:
    """Is the next line with words after line ``number`` a list's item? A heading over a
    list heads it, whatever words follow it on its line ("Duties: As follows"). (Two blank
    lines at most between them: a line far above a list heads no list.)"""
    for line in itertools.islice(lines, number + 1, number + 4):
        if line.strip():
            return BULLET.match(line) is not None
    return False


@functools.lru_cache(maxsize=65536)
def _split_cached(line: str, whole: bool) -> tuple[str, ...]:
    return tuple(part for piece in split_labels(line) for part in split_headings(piece, whole))


# a colon that may end a label: not one of a link or a time
_LABEL_COLON = lazy_compile(r"(?<![\d:/]) ?:(?!//|\d)")
_LABEL_REACH = 30  # the longest label read back from its colon ("Application Deadline")


def split_labels(line: str) -> list[str]:
    """A line with the job labels a capture glued to the value before them each on a
    line of its own, with its value: "Data AnalystDuration: ContractLocation: Leeds" is
    three lines. A label glued to a lower-case letter, a digit, a stop or a run of
    capitals ("…, MDWork Location:") starts a line; one after a space only in a line of
    labels (one that opens with a label: "Base Salary: $50,000 Location: Austin", or
    the rest of a line after a label cut), after a sentence's end ("… disabilities. Job
    Type: Full-time"), or written in capitals ("… Assistant DEPARTMENT: Development"): in
    a sentence it stays ("… your Location: and Salary: expectations"). One glued into a
    label of one word ("JobType:") is part of it. A list item and a heading are kept
    whole."""
    if BULLET.match(line) or line.lstrip().startswith("#"):
        return [line]
    found = []  # where each label starts; glued to what precedes it
    for colon in itertools.islice(_LABEL_COLON.finditer(line), MAX_HEADINGS):
        start, glued = _label_start(line, colon.start())
        if start is not None:
            found.append((start, glued))
    run = bool(found) and not line[:found[0][0]].strip()  # a line of labels
    cuts = []
    for start, glued in found:
        if start > 0 and (glued or run or _capitals_alone(line, start)
                          or _after_a_sentence(line, start)):
            cuts.append(start)
            run = True  # the labels after it are a line of labels
    if not cuts:
        return [line]
    pieces = [line[:cuts[0]].rstrip()]  # (its indent kept: it may continue a wrapped line)
    pieces += [line[a:b].strip() for a, b in zip(cuts, [*cuts[1:], len(line)], strict=True)]
    return [piece for piece in pieces if piece.strip()]


def _after_a_sentence(line: str, start: int) -> bool:
    """Does the label at ``start`` follow a sentence's end and a space, with a value
    that opens as one does ("… disabilities. Job Type: Full-time"; not "… to you.
    Location: and Salary: are two questions")?"""
    before = line[:start]
    if not before[-1:].isspace() or before.rstrip()[-1:] not in (".", "!", "?"):
        return False
    value = line[line.index(":", start) + 1:].lstrip()
    return bool(value) and not value[0].islower()


def _capitals_alone(line: str, start: int) -> bool:
    """Is the label at ``start`` written in capitals after a capitalised word that is not
    ("… Assistant DEPARTMENT:"; not "PROJECT DURATION:" nor "EDUCATION & EXPERIENCE:",
    one label of which the lists know the end, nor "… join our TEAM:", a sentence's)?"""
    label = line[start:line.index(":", start)]
    words = [word for word in line[:start].split() if any(map(str.isalpha, word))]
    if not label.isupper() or not words or line[:start].rstrip()[-1:] in "&,/+-":
        return False
    return words[-1][:1].isupper() and not words[-1].isupper()


def _label_start(line: str, colon: int) -> tuple[int | None, bool]:
    """Where the longest job label ending at ``colon`` starts, and whether it is glued
    to what precedes it ("Position Type" in "RemotePosition Type:"); (None, False) for
    none. A label starts with a capital at the line's start, after a space, or glued
    to a lower-case letter, a digit, a stop, a bracket or a run of capitals ("MDWork");
    glued, the word it is glued to is no part of it ("Type" in "JobType:" is not one)."""
    for start in range(max(0, colon - _LABEL_REACH), colon):
        if not line[start].isupper():
            continue
        before = line[start - 1] if start else " "
        glued = before.islower() or before.isdigit() or before in ".)" or (
            line[start - 2:start].isupper() and line[start + 1:start + 2].islower())
        if not (glued or before.isspace()) or not JOB_LABELS.match(line[start:colon]):
            continue
        word = start
        while glued and word > 0 and line[word - 1].isalpha():
            word -= 1
        if glued and JOB_LABELS.match(f"{line[word:start]} {line[start:colon]}"):
            return None, False  # "JobType:": one label, written as one word
        return start, glued
    return None, False


# a colon that ends a heading: not one of a link, a time or a ratio
_COLON = lazy_compile(r"(?<![\d:/])\s?:(?![/\d])")
# a word starting a heading: a capital after a stop, a glued lower-case letter or digit, a gap
_HEAD_START = lazy_compile(r"(?:^|(?<=[.!?;)])\s*|(?<=[a-z0-9])|\s{2,})(?=[A-Z])")
_HEAD_WORDS = lazy_compile(r"[A-Za-z&'’/() -]{2,60}")


MAX_HEADINGS = 100  # headings put on lines of their own from one line; the rest stays


def split_headings(line: str, answers: bool = True) -> list[str]:
    """A line with the known section headings in it each on a line of its own (the
    first ``MAX_HEADINGS``: a line repeating one heading thousands of times is no
    posting's). A heading's words with a short answer after them, the line's end
    (``short_answer``: "Relocation offered: No"), are a labelled fact and stay so;
    ``answers`` off for a piece of a line cut where words were glued, whose end is no
    line's ("About Us: Ship|Nova is …"), and for a line over a list, which heads it
    ("Duties: As follows")."""
    out: list[str] = []
    for _ in range(MAX_HEADINGS):
        for colon in _COLON.finditer(line):
            start = _heading_start(line, colon.start())
            if start is None:
                continue
            before, rest = line[:start].rstrip(), line[colon.end():].strip()
            marker = BULLET.match(line[:start])
            if marker and marker.end() == start:
                continue  # a list item that opens with a heading stays an item
            if not before.strip() and not rest:
                return [*out, line]  # a heading alone on its line already
            if answers and short_answer(rest):  # "Relocation offered: No": a fact, no heading
                return [*out, before, line[start:].strip()] if before.strip() else [*out, line]
            out += [before] if before.strip() else []
            out.append(line[start:colon.end()].strip())
            if not rest:
                return out
            # the text after the heading keeps its column: a hard-wrapped line stays as
            # long as the lines around it, so the next line is still read as its
            # continuation
            line = " " * (len(line) - len(line[colon.end():].lstrip())) + rest
            break
        else:
            break
    return [*out, line]


def _heading_start(line: str, colon: int) -> int | None:
    """Where a known heading ending at ``colon`` starts: the longest one, or None."""
    window = max(0, colon - 60)
    for match in _HEAD_START.finditer(line, window, colon):
        start = match.end()
        if start > 0 and line[start - 1].isalpha() and is_camel_word(line, start):
            continue  # the capital inside JavaScript, iPhone
        phrase = line[start:colon].strip()
        if not _HEAD_WORDS.fullmatch(phrase) or len(phrase.split()) > 6 or \
                JOB_LABELS.match(phrase.split(" (")[0]):
            continue  # "Location (preferred):" is a label, its value stays on its line
        # a table heading in any case; one read by its key words must look like a heading
        if section_field(phrase.lower(), loose=False)[0] or (
                (looks_like_heading(phrase) or len(phrase.split()) <= 3)
                and section_field(phrase + ":", loose=False)[0]):
            return start
    return None


def _heading_glued(line: str) -> int | None:
    """Where the text starts after a known section heading glued to it at the start of
    ``line`` ("Job descriptionA leading firm…": 15), else None. (A name that opens with
    a heading's word, "SkillsFuture credits", is cut in two: its words kept, a line
    between them. Split only before a word that opens a sentence, headings of one word
    run into a verb or a noun, "ResponsibilitiesDesign …", lost their sections.)"""
    first = _GLUED_START.search(line, 0, _HEADING_REACH)
    if first is None or is_camel_word(line, first.start()):
        return None
    head = line[:first.start()].strip()  # words alone, opening with a capital
    if not _OPENING_WORDS.fullmatch(head) or not section_field(head, loose=False)[0]:
        return None
    return first.start()


_HEADING_REACH = 40  # the longest heading looked for glued at a line's start
# a lower-case letter run into a capitalised word ("descriptionA leading")
_GLUED_START = lazy_compile(r"(?<=[a-z])[A-Z][a-z]*(?=\s)")
_OPENING_WORDS = lazy_compile(r"[A-Z][A-Za-z]*(?: (?:&|[A-Za-z]+))*")
def _glued(line: str, times: int) -> bool:
    """Are words glued together in ``line`` at least ``times`` times?"""
    if not has_capital(line):
        return False  # no capital for a glued word to start with
    glued = (m for m in _GLUE.finditer(line) if not is_camel_word(line, m.start()))
    return sum(1 for _ in itertools.islice(glued, times)) >= times


def _split_glued(line: str) -> list[str]:
    pieces: list[str] = []
    last = 0
    for m in _GLUE.finditer(line):
        if is_camel_word(line, m.start()):
            continue
        pieces.append(line[last:m.start()])
        last = m.start()
    pieces.append(line[last:])
    # bullets that were glued: mark them as bullets again
    result = []
    for piece in pieces:
        bits = _GLUED_BULLET.split(piece)
        for j, bit in enumerate(bits):
            bit = bit.strip()
            if not bit:
                continue
            head = _CAPS_HEAD.match(bit) if j == 0 else None
            if head:
                result.append(head.group(1))
                bit = bit[head.end():]
            if bit.startswith("- "):
                result.append(bit)
            elif j > 0:
                result.append("- " + bit)
            else:
                result.append(bit)
    return result

