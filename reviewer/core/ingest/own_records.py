"""Our own records read into the store's rows, in worker processes when an import has them.

An import of our own records (canonical JSONL, Parquet shards) runs no pipeline: what it
spends besides writing is reading them (JSON, Parquet), checking them
(``record_check.record_problem``) and encoding their rows (``store.rows``). The readers leave
those lines and rows unread (``Deferred``: a block of lines, a batch of rows);
``resolved`` hands them to the worker processes about ``TASK_ROWS`` at a time
(``read_deferred``), keeps ``TASKS_AHEAD`` tasks a worker under way while the import
writes, and gives every input back in the order read: each record as its rows
(``ReadRecord``), each one that cannot be stored as a ``Skipped`` that says why, as
reading it in the importing process says it. A line that holds something else (a page)
is read by the importing process, which keeps the mapping of a file's columns. Without a
pool the same reading runs in the importing process, a part at a time.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future
from typing import NamedTuple

from reviewer.core.ingest.columns import Mapper
from reviewer.core.ingest.datafiles import read_line, read_record_line, whole_lines
from reviewer.core.ingest.inputs import safe
from reviewer.core.ingest.items import Deferred, Item, Result, Skipped
from reviewer.core.ingest.shards import ArrowRows, shard_rows
from reviewer.core.store import RecordRows, record_rows
from reviewer.core.workers import Workers

TASK_ROWS = 128  # lines or rows a task of a worker, at least: about 10 ms of work
TASKS_AHEAD = 8  # tasks a worker under way, so that none waits while a batch is written


class ReadRecord(NamedTuple):
    """One of our own records read (from ``source``) and encoded as the store's rows."""

    source: str
    rows: RecordRows


class Unread(NamedTuple):
    """A line of a JSONL file of our records that holds something else (``file#3``)."""

    source: str
    line: bytes
    file: str


Read = Item | Skipped | ReadRecord  # an input read, a record of ours encoded
_Task = tuple[list[Deferred], Future[list[list[Read | Unread]]]]  # parts; their reading


def read_deferred(task: list[Deferred]) -> list[list[Read | Unread]]:
    """What each part of ``task`` holds, in order, each record encoded (runs in a worker
    process); a line that holds no record of ours as it is (``Unread``)."""
    out: list[list[Read | Unread]] = []
    for part in task:
        found: list[Read | Unread] = []
        if isinstance(part.data, bytes):
            for here, line in whole_lines(part.source, part.data, part.first):
                try:
                    result = read_record_line(here, line)
                    found.append(Unread(here, line, part.source) if result is None
                                 else encoded(safe(result)))
                except Exception as err:  # a reader's bug must cost one line, not the run
                    found.append(_failed(here, err))
        else:
            try:
                found += [encoded(safe(result))
                          for result in shard_rows(part.source, part.data, part.first)]
            except Exception as err:  # or one batch of rows
                found.append(_failed(part.source, err))
        out.append(found)
    return out


def encoded(result: Item | Skipped) -> Read:
    """One of our records as its rows (or a ``Skipped`` saying why it cannot be
    stored); a page or a skipped input as it is."""
    if not isinstance(result, Item) or result.record is None:
        return result
    try:
        return ReadRecord(result.source, record_rows(result.record))
    except (ValueError, TypeError, KeyError, AttributeError) as err:
        return Skipped(result.source,
                       f"the record cannot be stored: {type(err).__name__}: {err}")


def read_here(unread: Unread, mapper: Mapper) -> Read:
    """A line a worker left to the importing process (see ``read_deferred``)."""
    try:
        return encoded(safe(read_line(unread.source, unread.line, mapper, unread.file)))
    except Exception as err:  # a reader's bug must cost one line, not the run
        return _failed(unread.source, err)


def resolved(inputs: Iterable[Result | Deferred], mapper: Mapper,
             workers: Workers | None = None) -> Iterator[Read]:
    """Every input in the order of ``inputs``, what was left unread read by ``workers``
    (here without them, or where they cannot be started), each of our records encoded
    (``ReadRecord``)."""
    if workers is None or workers.jobs <= 1:
        for entry in inputs:
            if isinstance(entry, Deferred):
                yield from _results(read_deferred([entry]), mapper)
            else:
                yield encoded(entry)
        return
    ahead: deque[Item | Skipped | _Task] = deque()
    task: list[Deferred] = []
    rows = running = 0
    for entry in inputs:
        if isinstance(entry, Deferred):
            if isinstance(entry.data, ArrowRows):
                entry.data.pack()
            task.append(entry)
            rows += entry.rows
            if rows < TASK_ROWS:
                continue
        elif not task and not ahead:
            yield encoded(entry)
            continue
        if task:
            ahead.append((task, _read_by(workers, task, rows >= TASK_ROWS)))
            task, rows, running = [], 0, running + 1
        if not isinstance(entry, Deferred):
            ahead.append(entry)  # after what was read before it
        while running > TASKS_AHEAD * workers.jobs:
            first = ahead.popleft()
            running -= isinstance(first, tuple)
            yield from _taken(first, mapper)
    if task:
        ahead.append((task, _read_by(workers, task, False)))
    while ahead:
        yield from _taken(ahead.popleft(), mapper)


def _read_by(workers: Workers, task: list[Deferred],
             full: bool) -> Future[list[list[Read | Unread]]]:
    """``task`` read by a worker, or here (its result at once) when the workers are not
    running and it is too small to start them for (``full``: it is not), or cannot be."""
    pool = workers.pool() if full or workers.started else None
    if pool is not None:
        return pool.submit(read_deferred, task)
    here: Future[list[list[Read | Unread]]] = Future()
    here.set_result(read_deferred(task))
    return here


def _taken(first: Item | Skipped | _Task, mapper: Mapper) -> Iterator[Read]:
    """What the first of the inputs under way gives, waiting for its task if it is one."""
    if isinstance(first, tuple):
        yield from _results(first[1].result(), mapper)
    else:
        yield encoded(first)


def _results(found: list[list[Read | Unread]], mapper: Mapper) -> Iterator[Read]:
    for part in found:
        for result in part:
            yield read_here(result, mapper) if isinstance(result, Unread) else result


def _failed(source: str, err: Exception) -> Item | Skipped:
    return safe(Skipped(source, f"could not be read: {type(err).__name__}: {err}"))
