"""Small text helpers shared by the cleaning and extraction stages."""

from __future__ import annotations

import bisect
import functools
import itertools
import re
import unicodedata
from collections.abc import Callable, Iterable

from reviewer.core.words.lexicon import CAMEL_WORDS
from reviewer.core.words.regex import lazy_compile

# (a vertical tab is a word processor's line break, U+001C-U+001F separate fields and
# records: all are spaces to str.split, never a reason to join two words)
_ODD_SPACES = lazy_compile(r"[\f\v\x1c-\x1f\u00a0\u2000-\u200a\u202f\u205f\u3000]")
# characters no one sees: zero-width space, word joiner, byte-order mark, soft hyphen,
# the embeddings, overrides and isolates of the bidirectional algorithm (U+202A-U+202E,
# U+2066-U+2069: "\u202eroot" is drawn "toor", and read "root"), and the joiners
# (U+200C, U+200D) but between two characters outside ASCII, where they are a word's
# spelling (Persian's "می‌خواهم") or one emoji of several (👨‍👩‍👧)
_INVISIBLE = lazy_compile(r"[\u200b\u2060\ufeff\u00ad\u202a-\u202e\u2066-\u2069]"
                          r"|(?<![^\x00-\x7f])[\u200c\u200d]|[\u200c\u200d](?![^\x00-\x7f])")
_ANY_INVISIBLE = lazy_compile(r"[\u200b-\u200d\u2060\ufeff\u00ad\u202a-\u202e\u2066-\u2069]")
# the marks that set the direction of the text beside them (left-to-right, right-to-left,
# Arabic letter mark): they stay (they place a neutral sign: "C++\u200f"), but a line that
# opens with one is read as if it did not ("\u200f- خمس سنوات" is an item of a list)
DIRECTION_MARKS = "\u200e\u200f\u061c"
_CONTROL = lazy_compile(r"[\x00-\x08\x0e-\x1b\x7f]")
# in a line typed, C1's too (an import drops them from a cell); a next-line, U+0085,
# is a break (a space)
_TYPED_CONTROL = lazy_compile(r"[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f]")
_SEPARATOR = lazy_compile(r"[\v\x1c-\x1f]")
# the same characters one by one: most text holds none, and looking for each in turn
# (``_holds_any``) is ten times faster than a pattern's class over a page
_CONTROL_CHARS = tuple(map(chr, (*range(0x09), *range(0x0E, 0x1C), 0x7F)))
_SEPARATOR_CHARS = tuple(map(chr, (0x0B, *range(0x1C, 0x20))))
_SURROGATE = lazy_compile(r"[\ud800-\udfff]")
MD_LINK = lazy_compile(r"\[([^\]\n]{0,500})\]\([^)\s]{0,2000}\)")  # [text](target); sub r"\1"


def valid_unicode(text: str) -> str:
    """``text`` with every lone surrogate (from a JSON escape such as ``\\ud800`` or a
    file name that is not UTF-8) replaced by U+FFFD, so that it can be encoded."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", text)
    return text


_NAME_BYTE = lazy_compile(r"[\udc80-\udcff]")  # a byte a file name held that is not UTF-8


def valid_name(name: str) -> str:
    """A file name as text that can be encoded: each byte of a name that is not UTF-8
    (which Python reads as a lone surrogate) written as ``\\xff``, so that two such
    names stay two ("post_\\xff.txt", "post_\\xfe.txt"), not both "post_\ufffd.txt"."""
    if not _SURROGATE.search(name):
        return name
    return valid_unicode(_NAME_BYTE.sub(lambda m: f"\\x{ord(m.group()) - 0xDC00:02x}", name))


def escaped_controls(name: str) -> str:
    """A name read from a file, to print: each character that is not printable (a
    terminal's escape sequence, a line break) written as its escape (``\\x1b``), so
    that it is shown and never obeyed."""
    if name.isprintable():
        return name
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii")
                   for c in name)


# a control character written as an HTML character reference (&#27;, &#x1B;, &#0;): every
# one _CONTROL drops, the references to them an HTML parser would decode
_CONTROL_REFERENCE = lazy_compile(
    r"&#(?:0*(?:[0-8]|1[14-9]|2\d|3[01]|127)(?!\d)|[xX]0*(?:[0-8bBeEfF]|1[\da-fA-F]|7[fF])"
    r"(?![\da-fA-F]));?")


def _reference_space(found: re.Match[str]) -> str:
    """A separator's reference (&#11;, &#x1F;) as the space it is; any other, nothing."""
    text = found.group().rstrip(";")[2:]
    code = int(text[1:], 16) if text[:1] in "xX" else int(text)
    return " " if code == 11 or 28 <= code <= 31 else ""


def without_controls(html: str) -> str:
    """An HTML page without the control characters no text shows (a terminal's escape
    sequences, NUL), written out or as character references; tabs and line breaks stay,
    and a vertical tab or a separator (U+001C-U+001F) is a space."""
    if "&#" in html:
        html = _CONTROL_REFERENCE.sub(_reference_space, html)
    if _holds_any(html, _CONTROL_CHARS):
        html = _CONTROL.sub("", html)
    if _holds_any(html, _SEPARATOR_CHARS):
        html = _SEPARATOR.sub(" ", html)
    return html


def _holds_any(text: str, chars: tuple[str, ...]) -> bool:
    return any(char in text for char in chars)


def without_invisible(text: str) -> str:
    """``text`` without the characters no one sees (``_INVISIBLE``: a zero-width space, a
    soft hyphen, a byte-order mark; the joiners but where they spell a word or an emoji)."""
    if _ANY_INVISIBLE.search(text) is None:  # (most text: a plain class looked for
        return text  # first, ten times faster than the pattern's lookarounds)
    return _INVISIBLE.sub("", text)


def typed_text(text: str) -> str:
    """One line a person typed, as an import takes a cell: without the characters no one
    sees nor control characters (C0's and C1's), every break or separator a space,
    spaces one."""
    return " ".join(without_invisible(_TYPED_CONTROL.sub("", text)).split())


def folded(text: str) -> str:
    """``text`` as a search compares it: accents off, case folded ("München" and
    "MUNCHEN" are "munchen", "Straße" is "strasse", full-width "Ａ" is "a")."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def normalise_space(text: str) -> str:
    """One line: every run of whitespace becomes one space, ends trimmed."""
    return re.sub(r"\s+", " ", without_invisible(text)).strip()


def normalise_lines(text: str) -> str:
    """Line endings to ``\\n``, odd spaces to plain ones, trailing blanks gone."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = without_invisible(text)
    if _holds_any(text, _CONTROL_CHARS):
        text = _CONTROL.sub("", text)
    text = unicodedata.normalize("NFC", text)
    text = _ODD_SPACES.sub(" ", text).expandtabs(4)
    return "\n".join(line.rstrip() for line in text.split("\n"))


def unquote(text: str) -> str:
    """A posting quoted in a mail ("> We invite applications …", three lines or more
    each starting with ">", two fifths of the text or more) without its quote marks, one
    level: a bare ">" line was a rule that ended the posting, and a wrapped line joined
    the next with its mark. A prompt's ">>>" stays."""
    if "\n>" not in text and not text.startswith(">"):
        return text
    lines = text.split("\n")
    quoted = [line.startswith(">") and not line.startswith(">>>") for line in lines]
    if 5 * sum(quoted) < 2 * sum(1 for line in lines if line.strip()):
        return text  # (a reply quoted below a mail of its own is not what it is about)
    out = []
    for i, line in enumerate(lines):
        run = quoted[max(0, i - 2):i + 3]
        if quoted[i] and sum(run) >= 3:
            line = line[2:] if line.startswith("> ") else line[1:]
        out.append(line)
    return "\n".join(out)


def collapse_blank_lines(text: str) -> str:
    """At most one blank line in a row; no blank lines at either end; no spaces at the
    ends of lines but a Markdown hard break's two ("Acme GmbH  \nBerlin")."""
    lines = text.split("\n")
    text = "\n".join([
        line.rstrip() + "  " if line.endswith("  ") and line.strip()
        and not line.lstrip().startswith("#") and i + 1 < len(lines) and lines[i + 1].strip()
        else line.rstrip() for i, line in enumerate(lines)])
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n") + ("\n" if text.strip() else "")


def has_capital(text: str) -> bool:
    """Does ``text`` hold a capital letter, of any script? When it does not, a pattern that
    needs an A–Z finds nothing in it. (Lower-casing changes only capitals: for a text of
    megabytes the copy and the comparison cost a fifth of a scan for capitals.)"""
    return text.lower() != text


def lower_keep_offsets(text: str) -> str:
    """``text.lower()``, but a letter whose lower case is longer (İ) stays as it is, so
    offsets in the result are offsets in ``text``."""
    low = text.lower()
    if len(low) != len(text):
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    return low


# a capital after a lower-case letter; the capital comes first in the pattern, so that the
# scan stops only at capitals (rare) rather than at every lower-case letter
_GLUED = lazy_compile(r"[A-Z](?<=[a-z][A-Z])")


@functools.lru_cache(maxsize=64)  # a posting's Markdown is read by more than one stage,
# with the blocks of that posting read in between
def separate_glued(text: str) -> tuple[str, Callable[[int], int]]:
    """``text`` with a space between words a capture glued together ("insuranceStock"),
    and a function from an offset in the result to the offset in ``text``.

    A CamelCase name stays one word: two letters or fewer before the capital (iPhone,
    PhD) or a known name (JavaScript)."""
    if not has_capital(text):
        return text, _same  # nothing glued (a quick test on a long text)
    cuts = [m.start() for m in _GLUED.finditer(text) if not _one_word(text, m.start())]
    if not cuts:
        return text, _same
    pieces = [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True)]
    after_space = [cut + k + 1 for k, cut in enumerate(cuts)]

    def to_text(offset: int) -> int:
        return offset - bisect.bisect_right(after_space, offset)

    return " ".join(pieces), to_text


def _same(offset: int) -> int:
    return offset


def _one_word(text: str, at: int) -> bool:
    left = at
    while left > 0 and at - left < 40 and text[left - 1].isalpha():
        left -= 1
    if at - left <= 2:
        return True
    right = at
    while right < len(text) and right - at < 40 and text[right].isalnum():
        right += 1
    return text[left:right].lower() in CAMEL_WORDS


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")  # two UTF-16 units each


def utf16_offsets(text: str) -> list[int] | None:
    """Code point offset -> UTF-16 offset table, or None when they are the same: the
    offsets of Qt's text positions and of a JavaScript string (doccano's annotator)."""
    if _ASTRAL.search(text) is None:  # (a search in C: a megabyte's text in a millisecond)
        return None
    table, pos = [], 0
    for c in text:
        table.append(pos)
        pos += 2 if ord(c) >= 0x10000 else 1
    table.append(pos)
    return table


def spaced(char: str) -> bool:
    """Is ``char`` of a script that sets words apart by spaces? Not Thai, Lao, Myanmar,
    Khmer and the Tai scripts (Tai Tham, New Tai Lue, Tai Viet), nor Chinese, Japanese,
    Yi, Tangut, Khitan and Nushu (their ideographs, syllables, kana and signs); Korean
    is. Where it is not, a word ends at any letter: there is no space to find it by."""
    return _UNSPACED.match(char) is None


# the letters of scripts written without spaces between words (``spaced``)
_UNSPACED_RANGES = ("\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u1980-\u19ff\u1a20-\u1aaf"
                    "\u2e80-\u2fdf\u3000-\u30ff\u3100-\u312f\u31a0-\u31ff\u3400-\u4dbf"
                    "\u4e00-\u9fff\ua000-\ua4cf\ua9e0-\ua9ff\uaa60-\uaadf\uf900-\ufaff"
                    "\uff65-\uff9f\U00017000-\U00018d7f\U0001aff0-\U0001b2ff"
                    "\U00020000-\U0003ffff")
_UNSPACED = re.compile(f"[{_UNSPACED_RANGES}]")
# one character of a script written with spaces between words (``spaced``), for patterns
SPACED_CLASS = f"[^{_UNSPACED_RANGES}]"


@functools.cache
def mark_class() -> str:
    """A character class of the combining marks (Unicode's Mn, Mc and Me) of the Basic
    Multilingual Plane: Devanagari's and Thai's vowel signs, Arabic's and Hebrew's vowel
    points, an accent typed apart from its letter. They are part of a word, but ``\\w``
    does not match them, and a pattern that reads words by ``\\w`` alone breaks a word of
    those scripts at each ("स्थान" in three). Read from the Unicode tables when first
    asked for (10 ms), so a pattern that holds it is best made by ``lazy_compile`` from
    a function."""
    plane = itertools.chain(range(0x300, 0xD800), range(0xE000, 0x10000))  # (no surrogates)
    candidates = re.findall(r"[^\w\s]", "".join(map(chr, plane)))
    return "[" + char_ranges(ord(c) for c in candidates
                             if unicodedata.category(c)[0] == "M") + "]"


def char_ranges(codes: Iterable[int]) -> str:
    """A regex character class's body for the code points ``codes`` (ascending): each
    run of them as one range."""
    parts: list[str] = []
    first = last = -2
    for code in codes:
        if code != last + 1:
            if first >= 0:
                parts.append(f"{re.escape(chr(first))}-{re.escape(chr(last))}")
            first = code
        last = code
    if first >= 0:
        parts.append(f"{re.escape(chr(first))}-{re.escape(chr(last))}")
    return "".join(parts)


# pictographs (emoji and the symbols drawn as them: U+2600-U+27BF, U+2B00-U+2BFF and the
# planes' U+1F000-U+1FAFF, flags' regional letters among them) and what joins, colours or
# frames them (zero-width joiner, variation selector, keycap)
_PICTOGRAPH = "\u2600-\u27bf\u2b00-\u2bff\u200d\ufe0f\u20e3\U0001f000-\U0001faff"
_DECORATION = lazy_compile(rf"[\s{_PICTOGRAPH}]")
_DECORATIONS = lazy_compile(rf"[\s{_PICTOGRAPH}]*")


def undecorated(text: str) -> tuple[int, int]:
    """Where ``text`` is without the pictographs and spaces at its ends ("Senior
    Engineer 🧑‍💻🚀", "Acme GmbH 🇩🇪"): (start, end). The whole of a text that is
    nothing else (a value of emoji alone is not made empty here)."""
    leading = _DECORATIONS.match(text)
    start = leading.end() if leading else 0
    end = len(text)  # (a search for the end from each place of a long run of spaces
    # would try the run again and again)
    while end > start and _DECORATION.match(text, end - 1):
        end -= 1
    return (start, end) if start < end else (0, len(text))


# a figure that opens a value: a sum, a date, a number ("22 000 – 28 000 PLN", "£11.44",
# "~40 h"), as a label's value or the paragraph under a value's heading opens
FIGURE_FIRST = lazy_compile(r"[<>≤≥~+]?\s?[$£€¥₹]?\s?\d")
