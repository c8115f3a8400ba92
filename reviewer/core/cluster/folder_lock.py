"""One run at a time into an output folder.

Two runs into one folder at once mixed their shards, and one's manifest listed the
other's. A run holds a lock on ``.reviewer-run.lock`` in its folder while it sets aside,
writes and puts in order what is there; a second run finds it taken and is refused
(``FolderInUse``) before it touches anything. The lock is the system's (``flock``): it is
let go when the process that holds it ends, however it ends (killed too), so a lock file
a dead run left is free and taken by the next run, never waited on. Where the system
keeps no locks (no ``fcntl``, a file system that keeps none, or one whose files do not
keep one inode from one look to the next) a run takes none, and says so; at an fsspec
URL it takes none.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from reviewer.core.cluster.inputs import is_url

LOCK = ".reviewer-run.lock"
TRIES = 20  # lock files taken that another run removed as this one locked it, at most


class FolderInUse(OSError):
    """Another run is writing into the output folder now."""


@contextlib.contextmanager
def held(out: str) -> Iterator[bool]:
    """The output folder ``out`` (made already) locked while inside; ``FolderInUse``
    when another run holds it. Gives False where no lock could be taken (the system's
    file system keeps none), True else (at a URL too: none is taken there)."""
    if is_url(out):
        yield True
        return
    lock = Path(out) / LOCK
    handle = _take(lock, out)
    try:
        yield handle is not None
    finally:
        with contextlib.suppress(OSError):
            lock.unlink()
        if handle is not None:
            os.close(handle)


def _take(lock: Path, out: str) -> int | None:
    """The lock file open and locked, this process's id written in it (its descriptor);
    None where nothing keeps locks."""
    try:
        import fcntl
    except ImportError:
        return None
    for _ in range(TRIES):
        handle = os.open(lock, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _holder(handle)
            os.close(handle)
            raise FolderInUse(
                f"another run is writing into {out} now{holder}: wait for it to end, or "
                "give another folder") from None
        except OSError:  # a file system that keeps no locks
            os.close(handle)
            return None
        with contextlib.suppress(OSError):
            if os.stat(lock).st_ino == os.fstat(handle).st_ino:
                os.ftruncate(handle, 0)
                os.write(handle, f"{os.getpid()}\n".encode())
                return handle  # (else the run before removed it as this one took it)
        os.close(handle)
    return None  # (the file is never the one locked: a file system that keeps no inodes)


def _holder(handle: int) -> str:
    """The process that holds the lock, as the message names it ("" when not known)."""
    with contextlib.suppress(OSError, ValueError):
        return f" (process {int(os.pread(handle, 32, 0).decode().strip())})"
    return ""
