"""Worker processes that end with the process that started them.

A process pool's workers wait for work from the process that started them; when it is
killed (kill -9, a crash) they would wait, or go on cleaning, for ever. Each worker of a
``process_pool`` runs a thread that ends it as soon as that process is gone
(``end_with``).

``process_pool`` makes the pool. A command forks its workers: they start at once with
what it has loaded. A process that runs other threads (the window: its imports and
exports run in worker threads, Qt's) must not fork: a lock another thread held at that
moment stays held in the child for ever. It calls ``start_from_server`` once, and its
workers are forked from a server process started clean, with the pipeline loaded
(``forkserver``); they start with the modules' own settings, not this process's.
Where no worker can be started (no semaphores, a process limit) there is no pool and the
caller does the work itself; a worker that ends under a run (killed, out of memory) ends
the run with BrokenProcessPool (``worker_failure`` says it for a person), never a wait.
"""

from __future__ import annotations

import contextlib
import os
import select
import sys
import threading
import time
import weakref
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # a command that starts no worker does not load them (start-up time)
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing.context import BaseContext

PRELOADED = ["reviewer.core.pipeline"]  # what the server's workers have loaded as they start
_FROM_SERVER = False  # set by start_from_server


def process_pool(jobs: int, initializer: Callable[..., None] | None = None,
                 initargs: tuple[Any, ...] = ()) -> ProcessPoolExecutor | None:
    """A pool of ``jobs`` worker processes, forked or from the server (see above), that
    end with this process; each runs ``initializer(*initargs)`` first. None where this
    system cannot start worker processes (no semaphores: a read-only /dev/shm; a limit on
    processes): the caller does the work itself."""
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    try:
        pool = ProcessPoolExecutor(max_workers=jobs, mp_context=start_context(),
                                   initializer=_worker_started,
                                   initargs=(os.getpid(), initializer, initargs))
    except (OSError, NotImplementedError, ImportError):
        return None
    try:  # a process is started at the first task: one that cannot be (no fork) is said now
        pool.submit(os.getpid).result()
    except (OSError, BrokenProcessPool):
        pool.shutdown(wait=False, cancel_futures=True)
        return None
    threading.Thread(target=_watch, args=(weakref.ref(pool),), name="watch-workers",
                     daemon=True).start()
    return pool


def _watch(pool_ref: weakref.ReferenceType[ProcessPoolExecutor], interval: float = 0.5) -> None:
    """Until the pool shuts down, look at its workers every ``interval``: once one has
    ended (killed, out of memory), end the others and close this process's end of the
    pipe they send results on. Python's pool notices a worker that ended and says so
    (BrokenProcessPool), but not one that ended while it sent a result: it then waits
    for the rest of that result for ever, until no process holds the pipe open. Reads the
    pool's ``_processes``, ``_shutdown_thread`` and ``_result_queue`` (alike from 3.9 on)."""
    while True:
        time.sleep(interval)
        pool = pool_ref()
        if pool is None or pool._shutdown_thread or pool._processes is None:
            return
        workers = list(pool._processes.values())
        if any(worker.exitcode is not None for worker in workers):
            for worker in workers:
                if worker.exitcode is None:
                    worker.terminate()
            for worker in workers:
                worker.join(5)
            with contextlib.suppress(AttributeError, OSError):
                pool._result_queue._writer.close()  # type: ignore[attr-defined]
            return
        del pool  # not kept alive between two looks


def stop_now(pool: ProcessPoolExecutor) -> None:
    """End a pool's workers at once, with the work they were doing (a stopped run whose
    tasks take seconds each), and drop the work not yet begun. Killed: a forked worker
    has its command's handler of SIGTERM, which waits for the library call it is in."""
    processes = pool._processes or {}  # (the pool's own dict: a worker it starts while it
    pool.shutdown(wait=False, cancel_futures=True)  # shuts down is in it too)
    for _round in range(3):
        alive = [worker for worker in list(processes.values()) if worker.exitcode is None]
        if not alive:
            return
        for worker in alive:
            worker.kill()
        for worker in alive:
            worker.join(5)


class Workers:
    """The worker processes of one long run, started when it first wants them: a batch
    too small to pay for their start (``start_from`` items; about a third of a second
    from the server) is done in this process, and all of it is where they cannot be
    started. With ``jobs`` 1 they never are."""

    def __init__(self, jobs: int, initializer: Callable[..., None] | None = None,
                 initargs: tuple[Any, ...] = (), start_from: int = 2) -> None:
        self.jobs, self.start_from = jobs, start_from
        self._start = (initializer, initargs)
        self._pool: ProcessPoolExecutor | None = None
        self._refused = jobs <= 1
        self._mapped = False  # ``map`` gave the workers a batch

    @property
    def started(self) -> bool:
        return self._pool is not None

    @property
    def processes(self) -> int:
        """The processes ``map`` did its batches in (1: this one alone)."""
        return self.jobs if self._mapped else 1

    def pool(self) -> ProcessPoolExecutor | None:
        """The pool, started now if it is not yet (None: there is none to be had)."""
        if self._pool is None and not self._refused:
            self._pool = process_pool(self.jobs, *self._start)
            self._refused = self._pool is None
        return self._pool

    def map(self, fn: Callable[[Any], Any], items: Sequence[Any]) -> Iterator[Any]:
        """``fn`` over ``items``, in order: by the workers from the first batch of
        ``start_from`` items on (once started, any batch of two or more), else here."""
        pool = None
        if len(items) >= 2 and (self.started or len(items) >= self.start_from):
            pool = self.pool()
        if pool is None:
            return map(fn, items)
        self._mapped = True
        return pool.map(fn, items, chunksize=max(1, len(items) // (4 * self.jobs)))

    def shutdown(self) -> None:
        """Stop the workers, and drop the work not yet begun."""
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)


def _worker_started(owner: int, initializer: Callable[..., None] | None,
                    initargs: tuple[Any, ...]) -> None:
    end_with(owner)
    if initializer is not None:
        initializer(*initargs)


def one_per_core() -> int:
    """Worker processes to start for long work when none were asked for: one per core
    this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


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


def worker_failure(err: BaseException) -> str | None:
    """What to tell a person when a worker process ended under a run (killed, out of
    memory); None for any other failure. The caller says what it means for its work."""
    from concurrent.futures.process import BrokenProcessPool

    if not isinstance(err, BrokenProcessPool):
        return None
    return "a worker process ended while it worked (killed, or out of memory)"


def end_with(owner: int, interval: float = 0.5) -> None:
    """End this process as soon as process ``owner`` has ended (within ``interval``
    seconds where the system cannot say at once). A worker from the server is not the
    owner's child: the server is its parent, and the server lives as long as any of its
    workers does."""
    def watch() -> None:
        try:
            handle = os.pidfd_open(owner)
        except (AttributeError, OSError):  # no pidfd here: ask every interval
            while _alive(owner):
                time.sleep(interval)
        else:
            select.select([handle], [], [])  # readable once the owner has ended
        os._exit(1)

    threading.Thread(target=watch, name="end-with-owner", daemon=True).start()


def _alive(pid: int) -> bool:
    if os.name == "nt":  # signal 0 there is a console Ctrl+C, not a question
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # there, and someone else's: not ours any more
        return False
    return True
