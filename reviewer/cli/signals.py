"""Signals that end a command as Ctrl+C ends it: SIGTERM (``kill``, ``timeout``, a
container stopping) and SIGHUP (its terminal closed)."""

from __future__ import annotations

import signal
import threading
from typing import Any


class Terminated(KeyboardInterrupt):
    """SIGTERM (``kill``, ``timeout``, a container stopping) or SIGHUP (its terminal
    closed): the command stops as Ctrl+C stops it, so what it was writing is taken back,
    not left half written, and a command extractor it runs is ended with it."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _terminated(signum: int, frame: object) -> None:
    raise Terminated(signum)


def stop_on_signals() -> dict[int, Any]:
    """Make SIGTERM and SIGHUP stop the command as Ctrl+C does; the handlers they replaced
    (none off the main thread, or where there is no SIGHUP). A signal ignored when the
    command starts (SIGHUP under nohup) stays ignored."""
    if threading.current_thread() is not threading.main_thread():
        return {}
    signals = [signal.SIGTERM, *([signal.SIGHUP] if hasattr(signal, "SIGHUP") else [])]
    return {signum: signal.signal(signum, _terminated) for signum in signals
            if signal.getsignal(signum) is not signal.SIG_IGN}
