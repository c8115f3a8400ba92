"""Split text that a capture glued together back into lines.

An innerText capture loses the breaks between blocks: ``Key QualificationsKey
Qualifications- Exceptional problem-solving skills- 5+ years…``. Where a lower-case
letter, digit or stop runs straight into a capital starting a new word, and the
word is not one CamelCase name (iPhone, TensorFlow), a line break goes back in;
a "- " glued to the end of a word starts a bullet again.
"""

from __future__ import annotations

import re

from reviewer.core.words.lexicon import CAMEL_WORDS, section_field

# a lower-case letter, digit or closing mark glued to a capital starting a new word
_GLUE = re.compile(
    r"(?<=[a-z0-9!?)%:])(?=[A-Z][a-z.])|(?<=\.)(?=[A-Z][a-z])|(?<=[a-z0-9])(?=[A-Z]{2,}\b)|"
    r"(?<=[A-Z]{2})(?=[A-Z][a-z]{2,})"
)
_GLUED_BULLET = re.compile(r"(?<=[A-Za-z0-9.)%])- (?=[A-Z0-9])")
_CAPS_HEAD = re.compile(r"^([A-Z][A-Z&/]+(?: [A-Z&/]+){1,4}) (?=[A-Z][a-z])")
_TRAILING_HEADING = re.compile(r"^(.*[.!?:])\s{2,}(\S.{1,40})$")


def unglue(text: str) -> str:
    """Split lines a capture glued together; leave ordinary text as it is."""
    out = []
    for line in text.split("\n"):
        if len(line) > 200 and _glue_count(line) >= 4:
            out.extend(_split_glued(line))
        else:
            match = _TRAILING_HEADING.match(line)
            if match and section_field(match.group(2), loose=False)[0]:
                out.extend([match.group(1), "", match.group(2).strip()])
            else:
                out.append(line)
    return "\n".join(out)


def _glue_count(line: str) -> int:
    return sum(1 for m in _GLUE.finditer(line) if not _is_camel_word(line, m.start()))


def _is_camel_word(line: str, at: int) -> bool:
    """Is the capital at ``at`` inside one CamelCase word (iPhone, TensorFlow)?"""
    left = at
    while left > 0 and at - left < 40 and line[left - 1].isalpha():
        left -= 1
    right = at
    while right < len(line) and right - at < 40 and line[right].isalnum():
        right += 1
    run = at - left
    if run == 0:
        return False  # after a digit or a stop: a real break
    if run <= 2:
        return True  # iPhone, eBay, Py|Torch, Mc|Donald
    return line[left:right].lower() in CAMEL_WORDS


def _split_glued(line: str) -> list[str]:
    pieces: list[str] = []
    last = 0
    for m in _GLUE.finditer(line):
        if _is_camel_word(line, m.start()):
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

