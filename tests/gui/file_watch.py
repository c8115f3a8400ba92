"""Which files in a folder were opened or read: Linux inotify through ctypes (no Qt).

A test plants files in a folder of its own, references them from posting text, titles
or file names, has the app show them, and then checks nothing in the folder was
opened. ``FileWatch.works`` says whether the kernel reports opens here at all."""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import struct
import sys
import zlib
from pathlib import Path

IN_ACCESS = 0x001
IN_OPEN = 0x020
_HEADER = struct.Struct("iIII")  # wd, mask, cookie, len; then the name, NUL padded


def png() -> bytes:
    """A 1x1 PNG: a real image, so that a loader that reaches it reads it whole."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data +
                struct.pack(">I", zlib.crc32(kind + data)))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b""))


class FileWatch:
    """Opens and reads of the files in ``folder`` since the last ``take``."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.fd = -1
        if not sys.platform.startswith("linux"):
            return
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
        try:
            fd = libc.inotify_init1(os.O_NONBLOCK | os.O_CLOEXEC)
        except AttributeError:
            return
        if fd < 0:
            return
        if libc.inotify_add_watch(fd, os.fsencode(folder), IN_OPEN | IN_ACCESS) < 0:
            os.close(fd)
            return
        self.fd = fd

    def take(self) -> list[str]:
        """The names of the files opened or read since the last call."""
        names: list[str] = []
        if self.fd < 0:
            return names
        while True:
            try:
                data = os.read(self.fd, 65536)
            except BlockingIOError:
                return names
            at = 0
            while at + _HEADER.size <= len(data):
                _wd, _mask, _cookie, size = _HEADER.unpack_from(data, at)
                at += _HEADER.size
                name = data[at:at + size].rstrip(b"\0").decode("utf-8", "replace")
                at += size
                names.append(name or ".")

    def works(self, probe: Path) -> bool:
        """Does reading ``probe`` (a file in the folder) show up?"""
        self.take()
        probe.read_bytes()
        return probe.name in self.take()

    def close(self) -> None:
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1

