"""Whether the -wal file beside a project file is that file's own, told from the bytes
of both before SQLite opens them.

SQLite reads a -wal file over whatever file is beside it, and folds it in when the last
connection closes: a -wal left by a crash, beside a backup copied back over the file
(or beside another project), made the file that other project for good. Nothing in
the -wal names its file, so ``foreign`` compares what the two say of each other
(https://www.sqlite.org/fileformat2.html, "The WAL File Format"):

- the -wal's committed frames are those SQLite would read: the salts of its header
  and an unbroken chain of checksums up to the last frame that ends a transaction;
- a file whose -wal was folded into it part way holds one of the -wal's own images
  of page 1, byte for byte;
- otherwise the file is what the -wal's first transaction started from: the first
  image of page 1 in the -wal follows from the file's (its change counter the same or
  one more, its schema cookie never less, and, the schema unchanged, the same
  schema table; the file shrinks only by a VACUUM, which writes page 1 and moves its
  schema cookie on); and a -wal with no image of page 1 never changed the file's size,
  which each transaction states.

What this cannot tell apart is a -wal beside another state of the very same file
whose first page is as this one's (a backup of it from before edits that never
changed that page): SQLite's damage check on opening catches most of those.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from reviewer.core.store.file_bytes import read_at
from reviewer.core.store.wal_sums import carried, frame_sums

_HEADER = 32  # bytes of the -wal file's header
_FRAME = 24  # bytes of each frame's header, before its page
_MAGIC = (0x377F0682, 0x377F0683)  # checksums little- or big-endian
_CHUNK = 2048  # frames read at a time
_MANY = 256  # frames read at a time from which they are summed together (``wal_sums``)


def foreign(path: Path) -> bool:
    """Whether the -wal file beside ``path`` holds transactions that are surely not
    ``path``'s own (False when there is none, or nothing SQLite would read in it). Read
    again when the -wal was started over while it was read (another program writing
    the project), so that a file folded meanwhile is not taken for another one."""
    for _ in range(3):
        before = _read(Path(f"{path}-wal"), 0, _HEADER)
        try:
            first = read_at(path, 0, 65536)  # (the largest page SQLite writes)
            size = _page_size(first)
            page1 = first[:size] if size else first[:100]
            file_pages = (path.stat().st_size // size) if size else 0
        except OSError:
            return False
        frames = committed(Path(f"{path}-wal"))
        if _read(Path(f"{path}-wal"), 0, _HEADER) == before:
            return frames is not None and not _follows(page1, file_pages, *frames)
    return False


@dataclass
class _Reading:
    """How far a -wal file was read (``committed``): its header, where the next frame
    starts, the running checksum there, the frames read (a page's image kept for page 1
    alone: the only one compared), how many of them are committed, and where the last
    commit ends (a reading goes on from there)."""

    header: bytes
    at: int
    sums: tuple[int, int]
    frames: list[tuple[int, int, bytes]] = field(default_factory=list)
    done: int = 0
    done_at: int = _HEADER  # where the frame after the last commit starts ...
    done_sums: tuple[int, int] = (0, 0)  # ... and the running checksum there

    def back_to_commit(self) -> None:
        """Forget the frames after the last commit: a transaction rolled back, or of a
        process killed, left them, and the next commit is written over them."""
        del self.frames[self.done:]
        self.at, self.sums = self.done_at, self.done_sums


_READINGS: dict[str, _Reading] = {}  # by the -wal's path, in this process


def committed(wal: Path) -> tuple[int, list[tuple[int, int, bytes]]] | None:
    """The page size and the committed frames of a -wal file: (page number, pages of
    the database after the transaction it ends or 0, the image of page 1 or b""), as
    SQLite would read them; None when there are none (no file, an empty one, a header
    SQLite ignores). A -wal read before, with the same header (the same salts: SQLite
    starts a -wal over with new ones), is read on from its last commit then read: each
    of the window's openings of its project does not read all of it again."""
    try:
        with wal.open("rb") as file:
            header = file.read(_HEADER)
            size = _valid_header(header)
            if not size:
                _READINGS.pop(str(wal), None)
                return None
            reading = _READINGS.get(str(wal))
            if reading is None or reading.header != header or \
                    file.seek(0, 2) < reading.at:
                order = ">" if header[3] & 1 else "<"
                start = _checksum(header[:24], (0, 0), order)
                reading = _Reading(header, _HEADER, start, done_sums=start)
            reading.back_to_commit()
            _READINGS[str(wal)] = reading
            file.seek(reading.at)
            _read_on(file, reading, size)
    except OSError:
        return None
    return (size, reading.frames[:reading.done]) if reading.done else None


def _valid_header(header: bytes) -> int:
    """The page size a -wal file's header states, or 0 where SQLite would ignore it."""
    if len(header) < _HEADER:
        return 0
    magic, _version, size, _seq, _s1, _s2, sum1, sum2 = struct.unpack(">8I", header)
    if magic not in _MAGIC or size < 512 or size > 65536 or size & (size - 1):
        return 0
    order = ">" if magic & 1 else "<"
    return size if _checksum(header[:24], (0, 0), order) == (sum1, sum2) else 0


def _read_on(file: BinaryIO, reading: _Reading, size: int) -> None:
    """Read the frames of a -wal from ``reading.at`` up to the first that SQLite would
    not (another salt, a broken checksum, a frame cut short), ``reading`` kept up. Many
    frames at a time are summed together (``wal_sums``), a few one by one."""
    salts = reading.header[16:24]
    order = ">" if reading.header[3] & 1 else "<"
    width = _FRAME + size
    while (count := len(data := file.read(_CHUNK * width)) // width):
        if count >= _MANY:
            own, carry = frame_sums(data, count, size, order)
        for i in range(count):
            at = i * width
            page, pages, _f1, _f2, c1, c2 = struct.unpack_from(">6I", data, at)
            if data[at + 8:at + 16] != salts or page == 0:
                return
            sums = carried(reading.sums, own[i], carry) if count >= _MANY else \
                _checksum(data[at + _FRAME:at + width],
                          _checksum(data[at:at + 8], reading.sums, order), order)
            if sums != (c1, c2):
                return
            reading.frames.append((page, pages, data[at + _FRAME:at + width] if page == 1
                                   else b""))
            reading.sums, reading.at = sums, reading.at + width
            if pages:
                reading.done = len(reading.frames)
                reading.done_at, reading.done_sums = reading.at, sums
        if count < _CHUNK:
            return


def _follows(page1: bytes, file_pages: int, size: int,
             frames: list[tuple[int, int, bytes]]) -> bool:
    """Whether committed ``frames`` of page ``size`` can be the -wal of a file whose
    first page is ``page1`` and which has ``file_pages`` pages (see the module's
    description)."""
    if len(page1) < 100 or _page_size(page1) != size or len(page1) != size:
        return False  # (an empty file, or another page size: none of its -wal)
    last = max(n for _, n, _ in frames if n)
    written = {page for page, _, _ in frames}
    if not written.issuperset(range(file_pages + 1, last + 1)):
        return False  # (a page the file lacks that no frame holds)
    shrank = last < file_pages  # (only a VACUUM makes it smaller: it writes page 1)
    firsts = [image for page, _, image in frames if page == 1]
    if page1 in firsts:
        return True
    if not firsts:
        pages = _field(page1, 28) if _field(page1, 92) == _field(page1, 24) else file_pages
        return not shrank and all(n == pages for _, n, _ in frames if n)
    first = firsts[0]
    if first[16:24] != page1[16:24]:
        return False  # (its page size and format: never changed by a write)
    if _field(page1, 44) and (first[44:48], first[56:60]) != (page1[44:48], page1[56:60]):
        return False  # (its schema format and text encoding, set with its first table)
    if _field(first, 24) - _field(page1, 24) not in (0, 1):
        return False  # (the change counter)
    cookie, was = _field(first, 40), _field(page1, 40)
    if (_field(first, 28) < _field(page1, 28) or shrank) and cookie <= was:
        return False  # (its size: smaller only after a VACUUM, which moves the cookie on)
    return cookie > was or (cookie == was and first[100:] == page1[100:])


def _checksum(data: bytes, start: tuple[int, int], order: str) -> tuple[int, int]:
    """SQLite's running checksum of the -wal file over ``data``, from ``start``."""
    words = struct.unpack(f"{order}{len(data) // 4}I", data)
    s0, s1 = start
    for i in range(0, len(words), 2):
        s0 = (s0 + words[i] + s1) & 0xFFFFFFFF
        s1 = (s1 + words[i + 1] + s0) & 0xFFFFFFFF
    return s0, s1


def _page_size(header: bytes) -> int:
    if len(header) < 100 or not header.startswith(b"SQLite format 3\x00"):
        return 0
    size = int.from_bytes(header[16:18], "big")
    return 65536 if size == 1 else size


def _field(page: bytes, at: int) -> int:
    return int.from_bytes(page[at:at + 4], "big")


def _read(path: Path, at: int, n: int) -> bytes:
    try:
        with path.open("rb") as file:
            file.seek(at)
            return file.read(n)
    except OSError:
        return b""


__all__ = ["committed", "foreign"]
