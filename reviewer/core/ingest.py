"""Reading posting files: bytes to text, whatever the encoding."""

from __future__ import annotations

from pathlib import Path

from charset_normalizer import from_bytes

MAX_BYTES = 20 * 1024 * 1024


class UnreadableError(Exception):
    """A file that is not a posting we can read; the message says why."""


def decode(data: bytes) -> str:
    """Text from bytes: a BOM or UTF-8 first, else the best guess of charset-normalizer.

    HTML that declares its charset in a <meta> tag is decoded with that charset."""
    if not data:
        raise UnreadableError("the file is empty")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    if b"\x00" in data[:4096]:
        raise UnreadableError("the file is binary, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = _declared_charset(data[:4096])
    if declared:
        try:
            return data.decode(declared)
        except (LookupError, UnicodeDecodeError):
            pass
    best = from_bytes(data[:200_000]).best()
    if best is None or best.encoding is None:
        raise UnreadableError("the text encoding could not be recognised")
    return data.decode(best.encoding, errors="replace")


def _declared_charset(head: bytes) -> str | None:
    import re

    match = re.search(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", head, re.I)
    if not match:
        return None
    name = match.group(1).decode("ascii", "ignore").lower()
    # browsers read latin-1 declarations as windows-1252
    return "cp1252" if name in ("iso-8859-1", "latin-1", "latin1", "us-ascii") else name


def read_file(path: str | Path) -> str:
    """The text of one posting file; UnreadableError says why it cannot be read."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as err:
        raise UnreadableError(f"cannot read the file: {err.strerror or err}") from err
    if path.is_dir():
        raise UnreadableError("this is a folder, not a file")
    if size > MAX_BYTES:
        raise UnreadableError(f"the file is {size / 1e6:.1f} MB; the limit is "
                              f"{MAX_BYTES / 1e6:.0f} MB")
    try:
        data = path.read_bytes()
    except OSError as err:
        raise UnreadableError(f"cannot read the file: {err.strerror or err}") from err
    return decode(data)
