"""A worker plug-in for the workers of a cluster made for the run: Ctrl+C ignored. A
terminal sends it to every process of the run; each worker printed a traceback of it,
where the run itself stops, and stops them. (A module of its own: it needs
``distributed``, which the rest of the package imports only when it runs.)"""

from __future__ import annotations

import signal
import threading
from typing import Any

from distributed import WorkerPlugin


class DeafToInterrupts(WorkerPlugin):
    idempotent = True

    def setup(self, worker: Any) -> None:
        if threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGINT, signal.SIG_IGN)
