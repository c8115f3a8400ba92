"""Reading posting files: bytes to text, whatever the encoding."""

from __future__ import annotations

import codecs
import os
import re
import stat
from pathlib import Path

MAX_BYTES = 20_000_000


class UnreadableError(Exception):
    """A file that is not a posting we can read; the message says why."""


def decode(data: bytes) -> str:
    """Text from bytes: a BOM or UTF-8 first, else the best guess of charset-normalizer.

    HTML that declares its charset in a <meta> tag is decoded with that charset. The
    bytes of the whole file decide, not its start: a file may be ASCII for megabytes and
    have its accents further on."""
    if not data:
        raise UnreadableError("the file is empty")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):  # (before UTF-16's)
        return data.decode("utf-32", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    if b"\x00" in data[:4096]:
        utf16 = _utf16_without_bom(data)
        if utf16 is not None:
            return utf16
        head = data[:4096]
        if len(head.translate(None, _TEXT_BYTES)) > max(2, len(head) // 100):
            raise UnreadableError("the file is binary, not text")
        data = data.replace(b"\x00", b"")  # text with a stray NUL or two: they go
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    part = _beyond_ascii(data)
    mixed = _mostly_utf8(data, part)
    if mixed is not None:
        return mixed
    declared = _declared_charset(data[:4096])
    if declared:
        try:
            return data.decode(declared)
        except (LookupError, UnicodeError, TypeError, ValueError):
            pass  # unknown, not a text encoding ("undefined", "rot13"), or wrong for the bytes
    from charset_normalizer import from_bytes  # a guess is rare: not paid at start-up

    sample = _sample(part)
    found = from_bytes(sample, cp_exclusion=_EBCDIC)
    best = found.best()
    guess = best.encoding if best is not None else None
    if best is not None and any(m.encoding == "cp1252" and (m.chaos, m.coherence) == (
            best.chaos, best.coherence) for m in found):
        guess = "cp1252"  # (as likely as the best: the web's default, not an odd code page)
    if guess is None or guess in _LATIN_GUESSES or guess.startswith(("utf_16", "utf_32")):
        # Latin-script single-byte text with no declaration: windows-1252 is what the
        # web means by default (WHATWG); a guess among its cousins, or a UTF-16 guess
        # for text with no NUL byte and no byte-order mark, is more often wrong, unless
        # the cousin reads words where windows-1252 reads signs inside them
        try:
            return data.decode(_latin_codec(
                sample, [m.encoding for m in found if m.encoding in _CENTRAL]))
        except UnicodeDecodeError:
            pass
    if guess is None:
        raise UnreadableError("the text encoding could not be recognised")
    return data.decode(guess, errors="replace")


# the codes of IBM's mainframes, which no page of the web is in: a run of one letter (or
# of digits) reads as EBCDIC as well as any, and every letter would be another
_EBCDIC = ["cp037", "cp273", "cp424", "cp500", "cp875", "cp1026", "cp1140"]
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]"
                            rb"|[\xe1-\xec\xee\xef][\x80-\xbf]{2}|\xed[\x80-\x9f][\x80-\xbf]"
                            rb"|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
                            rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}")


def _utf16_without_bom(data: bytes) -> str | None:
    """Text in UTF-16 with no byte-order mark: most characters of a posting are ASCII, so
    one byte of each pair is 0, the same one all through (the first: big-endian); None
    for bytes that are not so (a binary file)."""
    head = data[:4096] if len(data) % 2 == 0 else b""
    pairs = len(head) // 2
    if not pairs:
        return None
    for codec, zeros, others in (("utf-16-be", head[0::2], head[1::2]),
                                 ("utf-16-le", head[1::2], head[0::2])):
        if zeros.count(0) >= 0.6 * pairs and others.count(0) <= 0.05 * pairs:
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                return None
    return None


def _mostly_utf8(data: bytes, part: bytes) -> str | None:
    """UTF-8 text with a few stray bytes of windows-1252 in it (texts pasted together),
    each of those read as windows-1252; None when the bytes are not mostly UTF-8 (two
    characters of UTF-8 beyond ASCII at least, and at least twice as many as stray bytes).
    Counted on ``part``, the lines of the whole of ``data`` beyond ASCII: a count of its
    first 200 KB took a file whose start was ASCII for one in another encoding."""
    text = part.decode("utf-8", errors="surrogateescape")  # a stray byte: one surrogate
    stray = len(part) - len(text.encode("utf-8", errors="ignore"))
    sequences = len(text) - len(text.encode("ascii", errors="ignore")) - stray
    if sequences < 2:  # one pair of windows-1252 letters may look like UTF-8 ("É”")
        return None
    if 2 * stray <= sequences:
        return data.decode("utf-8", errors=_STRAY_AS_CP1252)
    return _line_by_line(data)


_SAMPLE = 200_000  # bytes an encoding is guessed from (charset-normalizer: 50 ms)


def _beyond_ascii(data: bytes) -> bytes:
    """The bytes that tell one encoding from another: a small file whole; of a larger
    one, its lines that hold a byte beyond ASCII (ASCII reads the same in every encoding
    guessed), wherever they are: a file may be ASCII for megabytes, its accents further
    on."""
    if len(data) <= _SAMPLE:
        return data
    return b"\n".join(line for line in data.split(b"\n") if not line.isascii())


_LOW_BYTE = re.compile(rb"[\x00-\x3f](?=[^\x00-\x3f]*\Z)")  # the last below 0x40


def _sample(part: bytes) -> bytes:
    """At most ``_SAMPLE`` bytes of ``part`` (``_beyond_ascii``) to guess its encoding
    from: whole lines drawn from all through it (a character cut in two misleads the
    guess)."""
    if len(part) <= _SAMPLE:
        return part
    step = -(-len(part) // _SAMPLE)  # every second line, every third …
    sample = b"\n".join(part.split(b"\n")[::step])
    if len(sample) < _SAMPLE // 2:  # a few long lines (a title over a page on one line):
        sample = part  # its start
    if len(sample) > _SAMPLE:  # (lines of uneven lengths) cut where no character is cut
        sample = sample[:_cut(sample)]
    return sample


def _cut(line: bytes) -> int:
    """Where a sample longer than ``_SAMPLE`` is cut (one line of minified HTML or JSON
    too): after its last byte below 0x40 (a line end, a space, "<", a digit) within
    ``_SAMPLE``, which is no part of a character of two bytes in any encoding (their
    second byte is 0x40 or more); else at ``_SAMPLE``."""
    found = _LOW_BYTE.search(line, max(0, _SAMPLE - 4096), _SAMPLE)
    return found.end() if found is not None else _SAMPLE


def _line_by_line(data: bytes) -> str | None:
    """Text of two encodings put together line by line (a UTF-8 title over a body in one
    of a single byte, windows-1250 or -1251 as well as -1252): each UTF-8 line as UTF-8,
    the others in the encoding their lines read in together; None where a line holds
    both (no telling which is which) or the others read in no single-byte encoding."""
    lines = data.split(b"\n")
    out: list[str] = []  # each line read (the others' places held)
    other = []
    for i, line in enumerate(lines):
        try:
            out.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            if _UTF8_SEQUENCE.search(line):
                return None
            out.append("")
            other.append(i)
    try:
        read = decode(b"\n".join(lines[i] for i in other)).split("\n")
    except UnreadableError:
        return None
    if len(read) != len(other):  # (not an encoding of one byte a character)
        return None
    for i, text in zip(other, read, strict=True):
        out[i] = text
    return "\n".join(out)


def _stray_as_cp1252(err: UnicodeError) -> tuple[str, int]:
    if not isinstance(err, UnicodeDecodeError):
        raise err
    return err.object[err.start:err.end].decode("cp1252", errors="replace"), err.end


# the bytes of text: all but the control characters other than tab, line ends and form feed
_TEXT_BYTES = bytes(b for b in range(0x100) if b >= 0x20 or b in b"\t\n\r\x0c\x1b")
_STRAY_AS_CP1252 = "posting-reviewer-stray-cp1252"
codecs.register_error(_STRAY_AS_CP1252, _stray_as_cp1252)


_LATIN_GUESSES = frozenset(
    "cp1252 latin_1 iso8859_1 iso8859_15 iso8859_2 iso8859_3 iso8859_4 iso8859_9 iso8859_10 "
    "iso8859_13 iso8859_14 iso8859_16 cp1250 cp1254 cp1257 mac_latin2 mac_roman mac_iceland "
    "mac_turkish cp850 cp437 cp858 kz1048 ptcp154 hp_roman8 cp1125 cp865 cp863 cp860 cp861 "
    "cp857 cp852 cp775 cp737".split()
)


_INSIDE_WORDS = "’‘´`·–—"  # windows-1252's signs that stand between letters ("we’re")
_BEFORE_A_CAPITAL = "¿£¥"  # windows-1252's signs that open a sentence or an amount
# the code pages of Central European Latin letters (Polish, Czech, Slovak, Hungarian …)
# that windows-1252 reads as signs: DOS's and the Mac's pages read windows-1252's own signs
# (…, ™, “) as letters, and would win over it
_CENTRAL = frozenset({"cp1250", "iso8859_2"})


def _latin_codec(sample: bytes, cousins: list[str]) -> str:
    """The code page to read ``sample`` in: windows-1252, or the one among ``cousins``
    that reads more of the bytes where they differ as letters inside words, fewer as
    signs between letters ("Spó³ka" in windows-1252, "Spółka" in windows-1250): a tie
    keeps windows-1252 (a sign after a word may be its own: "50 m³"). A sign that may open a
    sentence or an amount ("¿", "£", "¥") counts only before a small letter: "puesto¿Te"
    is Spanish, blocks joined. UnicodeDecodeError when windows-1252 cannot read it."""
    plain = sample.decode("cp1252")
    best, best_score = "cp1252", 0
    for codec in dict.fromkeys(cousins):
        try:
            text = sample.decode(codec)
        except (LookupError, UnicodeDecodeError):
            continue
        if len(text) != len(plain):  # (not one character a byte)
            continue
        score = 0
        for at in range(1, len(text) - 1):
            if text[at] == plain[at] or plain[at] in _INSIDE_WORDS \
                    or not text[at - 1].isalpha():
                continue
            if text[at + 1].isalpha() and (
                    plain[at] not in _BEFORE_A_CAPITAL or text[at + 1].islower()):
                score += text[at].isalpha() - plain[at].isalpha()
        if score > best_score:
            best, best_score = codec, score
    return best


def _declared_charset(head: bytes) -> str | None:
    import re

    match = re.search(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", head, re.I)
    if not match:
        return None
    name = match.group(1).decode("ascii", "ignore").lower()
    # browsers read latin-1 declarations as windows-1252
    return "cp1252" if name in ("iso-8859-1", "latin-1", "latin1", "us-ascii") else name


def too_large(what: str, size: int, limit: int) -> str:
    """The one wording of a size limit: "the file is 20.5 MB, over the 20 MB limit"."""
    return f"the {what} is {size / 1e6:.1f} MB, over the {limit / 1e6:.0f} MB limit"


def regular_file(path: Path) -> os.stat_result:
    """The status of the file at ``path``; UnreadableError unless it is a regular file (a
    reader of a FIFO would wait for ever, of a device never end)."""
    try:
        st = path.stat()
    except OSError as err:
        raise UnreadableError(f"cannot read the file: {err.strerror or err}") from err
    if stat.S_ISDIR(st.st_mode):
        raise UnreadableError("this is a folder, not a file")
    if not stat.S_ISREG(st.st_mode):
        raise UnreadableError("not a regular file (a device, pipe or socket)")
    return st


def read_file(path: str | Path) -> str:
    """The text of one posting file; UnreadableError says why it cannot be read.

    Only a regular file is read (a FIFO would block, a device never end), and never
    more than ``MAX_BYTES`` of it, even if it grows while it is read."""
    return decode(read_bytes(Path(path), MAX_BYTES))


def read_bytes(path: Path, limit: int, what: str = "file") -> bytes:
    """The bytes of the regular file at ``path`` (``regular_file``), never more than
    ``limit`` of them, even if it grows while it is read (or was changed for a pipe since
    its status was read); UnreadableError says why not (``what``: the file's name in the
    size limit's wording)."""
    st = regular_file(path)
    if st.st_size > limit:
        raise UnreadableError(too_large(what, st.st_size, limit))
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            data = handle.read(limit + 1)
    except OSError as err:
        raise UnreadableError(f"cannot read the file: {err.strerror or err}") from err
    if len(data) > limit:
        raise UnreadableError(too_large(what, len(data), limit))
    return data
