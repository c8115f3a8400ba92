"""The command extractor: a program of the user's, run once a batch, JSON lines both ways.

The command is split as a shell would (``shlex``) but run without one. It reads one
JSON object a line on its standard input, a posting each (``Posting.to_json``: ``id``,
``source``, ``markdown``, ``fields``), and writes one a line on its standard output,
an answer each::

    {"id": "…", "fields": {"title": {"value": "Data Engineer", "spans": [[2, 15]],
                                     "confidence": 0.7}}}

Answers are matched to postings by ``id``, in any order; lines that are not answers
(not JSON, no id of a posting sent) are counted and otherwise ignored. Postings are
data to it, never arguments or a shell's input, whatever they hold. A command that
cannot start, exits with a status other than 0 or runs past its time fails the whole
batch; a posting it gives no answer for fails alone. Each failure is said with the
command and the posting.

What it writes is read as it comes (``_exchange``) and kept within bounds: its answers
up to ``MAX_OUTPUT`` a batch (past it the batch fails and the command is stopped), the
last ``KEPT_ERRORS`` bytes of its standard error (quoted when it fails). Once it has
exited, what it wrote is read for ``AFTER_EXIT`` seconds more at most: a helper it
started and left running (a model server kept warm) may hold its output open.
"""

from __future__ import annotations

import json
import os
import selectors
import shlex
import shutil
import signal
import subprocess
import time
from collections.abc import Sequence
from typing import Any

from reviewer.core.plugins.protocol import ExtractorError, Posting, batch_name
from reviewer.core.words.text import valid_unicode

Answer = Any  # the readings of a posting, or the ExtractorError saying why it has none
DEFAULT_TIMEOUT = 30.0  # seconds a batch may take per posting in it
MAX_OUTPUT = 64 << 20  # bytes of answers a batch may write
KEPT_ERRORS = 64 << 10  # bytes of the end of its standard error kept to quote
AFTER_EXIT = 1.0  # seconds its output is still read once it has exited


class CommandExtractor:
    """A command run over batches of postings (see the module's doc)."""

    def __init__(self, command: str, timeout: float = DEFAULT_TIMEOUT) -> None:
        try:
            self.argv = shlex.split(command)
        except ValueError as err:
            raise ExtractorError(f"the extractor {command!r} cannot be read as a command: "
                                 f"{err}") from None
        if not self.argv:
            raise ExtractorError("the extractor is empty: give a plug-in's name or a command")
        self.command = command.strip()
        self.shown = f"command {self.command!r}"
        self.timeout = timeout
        self.ignored_lines = 0  # output lines that were no answer, over the run

    def check(self) -> None:
        """ExtractorError unless the command's program can be found."""
        program = self.argv[0]
        if shutil.which(program) is None and not (os.sep in program and os.path.isfile(program)):
            raise ExtractorError(f"no program {program!r} to run (the extractor "
                                 f"{self.command!r} is read as a command)")
        if os.sep in program and not os.access(program, os.X_OK):
            raise ExtractorError(f"{program!r} is not a program this user may run (the "
                                 f"extractor {self.command!r} is read as a command)")

    def answers(self, postings: Sequence[Posting]) -> list[Answer]:
        """Run the command over ``postings``: per posting, its readings or why it has
        none. Raises ExtractorError when the whole batch failed."""
        lines = "".join(json.dumps(p.to_json(), ensure_ascii=True, default=str) + "\n"
                        for p in postings)
        limit = self.timeout * max(1, len(postings))
        try:  # a session of its own: stopping it stops whatever it started too
            proc = subprocess.Popen(self.argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                    stderr=subprocess.PIPE, start_new_session=True)
        except OSError as err:
            raise ExtractorError(f"the {self.shown} could not be run: "
                                 f"{err.strerror or err}") from None
        try:
            out, errors = _exchange(proc, lines.encode("ascii"), limit)
        except subprocess.TimeoutExpired:
            _stop(proc)
            raise ExtractorError(f"the {self.shown} ran over {limit:g} s on "
                                 f"{batch_name(postings)} and was stopped") from None
        except _TooMuch:
            _stop(proc)
            raise ExtractorError(f"the {self.shown} wrote over {MAX_OUTPUT >> 20} MB on "
                                 f"{batch_name(postings)} and was stopped") from None
        except BaseException:  # Ctrl+C, or its pipe broken: it must not live on
            _stop(proc)
            raise
        if proc.returncode != 0:
            said = _last_line(errors)
            raise ExtractorError(f"the {self.shown} exited with status "
                                 f"{proc.returncode} on {batch_name(postings)}"
                                 + (f": {said}" if said else ""))
        # (bytes that are not UTF-8 kept as U+DC80-U+DCFF: a value holding them is refused
        # and counted, not suggested as U+FFFD)
        return self._read(out.decode("utf-8", errors="surrogateescape"), postings)

    def _read(self, output: str, postings: Sequence[Posting]) -> list[Answer]:
        wanted = {p.id for p in postings}
        found: dict[str, Any] = {}
        first_bad = ""
        # lines end at "\n" alone: JSON writes U+2028, U+0085 … unescaped, inside a value
        for number, line in enumerate(output.split("\n"), 1):
            if not line.strip():
                continue
            try:
                answer = json.loads(line)
            except (ValueError, RecursionError):
                answer = None
            key = answer.get("id") if isinstance(answer, dict) else None
            if isinstance(key, int) and not isinstance(key, bool):
                key = str(key)
            if not isinstance(answer, dict) or not isinstance(key, str) or key not in wanted:
                self.ignored_lines += 1
                first_bad = first_bad or f"line {number} ({_cut(valid_unicode(line))}) is no answer"
                continue
            if key in found:  # a second answer for a posting: the first stands
                self.ignored_lines += 1
                continue
            fields = answer.get("fields")
            found[key] = {} if fields is None else fields
        out: list[Answer] = []
        for posting in postings:
            if posting.id in found:
                out.append(found[posting.id])
            else:
                out.append(ExtractorError(
                    f"the {self.shown} gave no answer for {posting.source} (id "
                    f"{posting.id})" + (f"; {first_bad}" if first_bad else "")))
        return out


class _TooMuch(Exception):
    """The command wrote more answers than a batch may."""


def _exchange(proc: subprocess.Popen[bytes], data: bytes,
              limit: float) -> tuple[bytes, bytes]:
    """``proc.communicate(data, timeout=limit)`` within bounds (see the module's doc):
    its output, and the end of its standard error. Raises ``TimeoutExpired`` when it
    runs over ``limit`` seconds, ``_TooMuch`` when it writes over ``MAX_OUTPUT``."""
    assert proc.stdin is not None and proc.stdout is not None and proc.stderr is not None
    if os.name != "posix":  # (pipes cannot be polled there)
        return proc.communicate(data, timeout=limit)
    deadline = time.monotonic() + limit
    out, errors = bytearray(), bytearray()
    view, sent = memoryview(data), 0
    with selectors.DefaultSelector() as selector:
        for pipe, event in ((proc.stdin, selectors.EVENT_WRITE),
                            (proc.stdout, selectors.EVENT_READ),
                            (proc.stderr, selectors.EVENT_READ)):
            os.set_blocking(pipe.fileno(), False)
            selector.register(pipe, event)
        if not data:
            selector.unregister(proc.stdin)
            proc.stdin.close()
        while selector.get_map():
            if proc.poll() is not None:  # it has ended: read on briefly
                deadline = min(deadline, time.monotonic() + AFTER_EXIT)
            left = deadline - time.monotonic()
            if left <= 0:
                break
            for key, _ in selector.select(min(left, 0.25)):
                if key.fileobj is proc.stdin:
                    try:
                        sent += os.write(proc.stdin.fileno(), view[sent:sent + 65536])
                    except BrokenPipeError:  # it reads no more: the rest is not needed
                        sent = len(data)
                    if sent >= len(data):
                        selector.unregister(proc.stdin)
                        proc.stdin.close()
                    continue
                chunk = os.read(key.fd, 65536)
                if not chunk:
                    selector.unregister(key.fileobj)
                elif key.fileobj is proc.stdout:
                    out += chunk
                    if len(out) > MAX_OUTPUT:
                        raise _TooMuch
                else:
                    errors += chunk
                    if len(errors) > 2 * KEPT_ERRORS:
                        del errors[:-KEPT_ERRORS]
    for pipe in (proc.stdin, proc.stdout, proc.stderr):
        pipe.close()
    proc.wait(max(0.0, deadline - time.monotonic()))  # TimeoutExpired: still running
    return bytes(out), bytes(errors)


def _stop(proc: subprocess.Popen[bytes]) -> None:
    """End a command and every process it started (its session)."""
    try:
        if os.name == "posix":
            os.killpg(proc.pid, signal.SIGKILL)
        else:
            proc.kill()
    except OSError:
        pass  # it has ended already
    proc.wait()


def _last_line(stderr: bytes) -> str:
    lines = [x for x in stderr.decode("utf-8", errors="replace").splitlines() if x.strip()]
    return _cut(lines[-1].strip()) if lines else ""


def _cut(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"
