"""Worker processes that end with the process that started them.

A process pool's workers wait for work from their parent; when the parent is killed
(kill -9, a crash) they would wait, or go on cleaning, for ever. ``die_with_parent``,
given as the pool's ``initializer``, starts a thread in each worker that ends the
worker as soon as its parent is gone (it then has another parent process).

``process_pool`` makes the pool. A command forks its workers: they start at once with
what it has loaded. A process that runs other threads (the window: its imports and
exports run in worker threads, Qt's) must not fork: a lock another thread held at that
moment stays held in the child for ever. It calls ``start_from_server`` once, and its
workers are forked from a server process started clean, with the pipeline loaded
(``forkserver``); they start with the modules' own settings, not this process's.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # a command that starts no worker does not load them (start-up time)
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing.context import BaseContext

PRELOADED = ["reviewer.core.pipeline"]  # what the server's workers have loaded as they start
_FROM_SERVER = False  # set by start_from_server


def process_pool(jobs: int, initializer: Callable[..., None] | None = None,
                 initargs: tuple[Any, ...] = ()) -> ProcessPoolExecutor:
    """A pool of ``jobs`` worker processes, forked or from the server (see above); each
    runs ``initializer`` first (default: ``die_with_parent``)."""
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(max_workers=jobs, mp_context=start_context(),
                               initializer=initializer or die_with_parent, initargs=initargs)


def start_from_server() -> None:
    """From now on this process starts its worker processes from a server process, not by
    forking itself (see above). Where the platform has no such server, as it does (spawned
    on Windows; spawned on macOS already)."""
    global _FROM_SERVER
    _FROM_SERVER = True


def start_context() -> BaseContext:
    """How this process starts worker processes now."""
    import multiprocessing

    if not _FROM_SERVER or "forkserver" not in multiprocessing.get_all_start_methods() \
            or sys.platform == "darwin":
        return multiprocessing.get_context()
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOADED)
    return context


def die_with_parent(interval: float = 0.5) -> None:
    """End this process within ``interval`` seconds of its parent's end."""
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(interval)
        os._exit(1)

    threading.Thread(target=watch, name="die-with-parent", daemon=True).start()
