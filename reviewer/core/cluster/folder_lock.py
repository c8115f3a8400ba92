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
from collections.abc import Iterator
from pathlib import Path

from reviewer.core.cluster.inputs import is_url
from reviewer.core.file_lock import TRIES, held_alone

LOCK = ".reviewer-run.lock"


class FolderInUse(OSError):
    """Another run is writing into the output folder now."""


@contextlib.contextmanager
def held(out: str) -> Iterator[bool]:
    """The output folder ``out`` (made already) locked while inside (``file_lock``);
    ``FolderInUse`` when another run holds it. Gives False where no lock could be taken
    (the system's file system keeps none), True else (at a URL too: none is taken
    there)."""
    if is_url(out):
        yield True
        return

    def refused(holder: str) -> FolderInUse:
        return FolderInUse(f"another run is writing into {out} now{holder}: wait for it to "
                           "end, or give another folder")

    with held_alone(Path(out) / LOCK, refused) as taken:
        yield taken


__all__ = ["LOCK", "TRIES", "FolderInUse", "held"]
