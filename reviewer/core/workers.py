"""Worker processes that end with the process that started them.

A process pool's workers wait for work from their parent; when the parent is killed
(kill -9, a crash) they would wait, or go on cleaning, for ever. ``die_with_parent``,
given as the pool's ``initializer``, starts a thread in each worker that ends the
worker as soon as its parent is gone (it then has another parent process).
"""

from __future__ import annotations

import os
import threading
import time


def die_with_parent(interval: float = 0.5) -> None:
    """End this process within ``interval`` seconds of its parent's end."""
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(interval)
        os._exit(1)

    threading.Thread(target=watch, name="die-with-parent", daemon=True).start()
