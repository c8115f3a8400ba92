"""One writer at a time: a lock file held with the system's lock (``flock``) while a run
or an export writes what another must not write into at once.

The system lets the lock go when the process holding it ends, however it ends (killed
too), so a lock file a dead writer left is free and taken by the next one, never waited
on; the file holds its writer's process id, for the message of the one refused. Where
the system keeps no locks (no ``fcntl``, a file system that keeps none, or one whose
files do not keep one inode from one look to the next) no lock is taken, and the caller
is told.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path

TRIES = 20  # lock files taken that another writer removed as this one locked it, at most


@contextlib.contextmanager
def held_alone(lock: Path, refused: Callable[[str], Exception]) -> Iterator[bool]:
    """``lock`` held while inside, and removed as it is let go; when another writer
    holds it, ``refused(holder)`` is raised (``holder``: " (process N)", or "" when not
    known). Gives False where no lock could be taken, True else."""
    handle = _take(lock, refused)
    try:
        yield handle is not None
    finally:
        with contextlib.suppress(OSError):
            lock.unlink()
        if handle is not None:
            os.close(handle)


def _take(lock: Path, refused: Callable[[str], Exception]) -> int | None:
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
            raise refused(holder) from None
        except OSError:  # a file system that keeps no locks
            os.close(handle)
            return None
        with contextlib.suppress(OSError):
            if os.stat(lock).st_ino == os.fstat(handle).st_ino:
                os.ftruncate(handle, 0)
                os.write(handle, f"{os.getpid()}\n".encode())
                return handle  # (else the writer before removed it as this one took it)
        os.close(handle)
    return None  # (the file is never the one locked: a file system that keeps no inodes)


def _holder(handle: int) -> str:
    """The process that holds the lock, as a message names it ("" when not known)."""
    with contextlib.suppress(OSError, ValueError):
        return f" (process {int(os.pread(handle, 32, 0).decode().strip())})"
    return ""
