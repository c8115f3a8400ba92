"""A cluster made for a run starts deaf to Ctrl+C, and Ctrl+C still stops a start that
hangs."""

from __future__ import annotations

import os
import signal
import threading
import time
from typing import Any

import pytest

from reviewer.core.cluster import client


def test_ctrl_c_stops_a_cluster_start_that_hangs(monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl+C was held back for the whole start of a cluster: one whose worker hung in its
    start (a stuck file system) could not be stopped but by kill."""
    monkeypatch.setattr(client, "STOP_WAIT", 0.5)
    hung = threading.Event()

    def make() -> dict[str, Any]:
        hung.wait(10)  # (the workers' start, hanging)
        return {}

    threading.Timer(0.3, os.kill, (os.getpid(), signal.SIGINT)).start()
    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        client._made_deaf(make)
    assert time.monotonic() - started < 3
    hung.set()


def test_what_is_made_is_made_where_ctrl_c_is_not_heard() -> None:
    heard: list[bool] = []

    def make() -> dict[str, Any]:
        heard.append(signal.SIGINT in signal.pthread_sigmask(signal.SIG_BLOCK, set()))
        return {"client": "c"}

    assert client._made_deaf(make) == {"client": "c"}
    assert heard == [True]
    assert signal.SIGINT not in signal.pthread_sigmask(signal.SIG_BLOCK, set())
