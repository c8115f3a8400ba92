"""The run's client of a Dask cluster: of a scheduler given (``--scheduler``), checked
to answer and to have a worker, or of a ``LocalCluster`` made for the run; and the wait
for its partitions, which says so when the cluster has lost every worker."""

from __future__ import annotations

import contextlib
import importlib
import itertools
import logging
import signal
import threading
import time
from collections.abc import Callable, Iterator
from multiprocessing import resource_tracker
from typing import Any

CONNECT_WAIT = 30.0  # seconds a scheduler has to answer, and then to have a worker


class SchedulerError(Exception):
    """The scheduler given cannot be used: what happened, in a sentence."""


NO_WORKER_WAIT = 120.0  # seconds a run waits on a cluster that has lost every worker
_LOOK = 5.0  # seconds between looks at the cluster while nothing finishes
_WINDOW = 256  # partitions a look waits on (the first still pending)


def finished(client: Any, futures: list[Any], no_worker_wait: float = NO_WORKER_WAIT,
             ) -> Iterator[Any]:
    """Each of ``futures`` as it finishes. A cluster with no worker left (each killed, a
    machine gone) would be waited on for ever, in silence: after ``no_worker_wait``
    seconds without one, ``SchedulerError`` says so (the shards written stay)."""
    distributed: Any = importlib.import_module("distributed")
    # (in the order given; each look waits on the first ``_WINDOW``: a wait on every
    # future still pending costs one watcher each, each time one finishes)
    pending, alone_since = dict.fromkeys(futures), None
    while pending:
        window = list(itertools.islice(pending, _WINDOW))
        try:
            done, _left = distributed.wait(window, timeout=_LOOK, return_when="FIRST_COMPLETED")
        except TimeoutError:
            if client.scheduler_info().get("workers"):
                alone_since = None
            elif alone_since is None:
                alone_since = time.monotonic()
            elif time.monotonic() - alone_since >= no_worker_wait:
                raise SchedulerError(
                    f"the cluster has had no worker for {no_worker_wait:g} s, with "
                    f"{len(pending):,} partitions to go: stopped (start a worker and run "
                    "again)") from None
            continue
        for future in done:
            del pending[future]
        yield from done


@contextlib.contextmanager
def cluster_client(scheduler: str | None, workers: int) -> Iterator[Any]:
    """A client of the scheduler at ``scheduler`` (``SchedulerError`` when it cannot be
    used), or of a ``LocalCluster`` of ``workers`` processes made for the run."""
    distributed: Any = importlib.import_module("distributed")
    if scheduler:
        with _connected(distributed, scheduler) as client:
            yield client
        return
    # Dask's own log of a failed task (a traceback, "Compute Failed") is left out: the run
    # says each failed partition in a line of its own. Its web server starts whatever it
    # is told (None does not stop it): on this machine alone, on a
    # port of its own, never another's 8787 with a warning about it
    made = _made_deaf(lambda: _local(distributed, workers))
    try:
        yield made["client"]
    finally:
        _close(made)


STOP_WAIT = 20.0  # seconds Ctrl+C waits for a cluster still starting, to close it whole


def _local(distributed: Any, workers: int) -> dict[str, Any]:
    """A ``LocalCluster`` of ``workers`` processes and its client ("cluster", "client"),
    its workers deaf to Ctrl+C."""
    made: dict[str, Any] = {}
    made["cluster"] = distributed.LocalCluster(
        n_workers=max(1, workers), threads_per_worker=1, processes=True,
        dashboard_address="127.0.0.1:0", silence_logs=logging.CRITICAL)
    made["client"] = distributed.Client(made["cluster"])
    from reviewer.core.cluster.deaf import DeafToInterrupts  # (it needs distributed)

    made["client"].register_plugin(DeafToInterrupts(), name="reviewer-deaf-to-interrupts")
    return made


def _made_deaf(make: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """What ``make`` makes, made in a thread of its own deaf to Ctrl+C (blocked there, and
    in the processes and threads it starts: a worker process still importing printed a
    traceback of it, and a cluster cut short in its making one more as it closed).
    Ctrl+C meanwhile waits ``STOP_WAIT`` seconds for it to be whole, closes it and stops
    the run; a start that hangs is left (a second Ctrl+C does not wait)."""
    if threading.current_thread() is not threading.main_thread() \
            or not hasattr(signal, "pthread_sigmask"):
        return make()
    # multiprocessing's resource tracker unblocks Ctrl+C in the thread that starts it (it
    # blocks it around its start): started here first, it is left running
    resource_tracker.ensure_running()
    made: dict[str, Any] = {}

    def deaf() -> None:
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            made.update(make())
        except BaseException as err:  # (said in the run's own thread)
            made["error"] = err

    thread = threading.Thread(target=deaf, name="cluster start", daemon=True)
    thread.start()
    try:
        while thread.is_alive():
            thread.join(0.2)
    except KeyboardInterrupt:
        thread.join(STOP_WAIT)
        _close(made)
        raise
    if "error" in made:
        _close(made)
        raise made["error"]
    return made


def _close(made: dict[str, Any]) -> None:
    """Close the client and the cluster made, those that were (what fails: said by Dask's
    own log, left)."""
    for part in ("client", "cluster"):
        if part in made:
            with contextlib.suppress(Exception):
                made[part].close()


def _connected(distributed: Any, scheduler: str) -> Any:
    """A client of the scheduler at ``scheduler``, which has a worker; ``SchedulerError``
    otherwise. Dask's own wait does not end when something at the address accepts the
    connection and never answers: the client is made in a thread of its own, waited
    for ``CONNECT_WAIT`` seconds."""
    made: dict[str, Any] = {}

    def connect() -> None:
        try:
            made["client"] = distributed.Client(scheduler, timeout=CONNECT_WAIT)
        except BaseException as err:  # (any: it is said in the caller's thread)
            made["error"] = err

    thread = threading.Thread(target=connect, name="scheduler", daemon=True)
    thread.start()
    thread.join(CONNECT_WAIT + 5)
    if thread.is_alive():
        raise SchedulerError(f"the scheduler at {scheduler} did not answer within "
                             f"{CONNECT_WAIT:g} s (is it a Dask scheduler's address?)")
    if "error" in made:
        err = made["error"]
        raise SchedulerError(f"cannot reach the scheduler at {scheduler}: "
                             f"{type(err).__name__}: {err}"[:500]) from None
    client = made["client"]
    try:
        client.wait_for_workers(1, timeout=CONNECT_WAIT)
    except Exception:
        client.close()
        raise SchedulerError(f"no worker joined the scheduler at {scheduler} within "
                             f"{CONNECT_WAIT:g} s: start one (dask worker {scheduler})") \
            from None
    return client
