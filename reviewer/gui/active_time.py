"""Active review time: how long each posting was in front of a reviewer at work.

The clock runs while a posting is shown, the app is the active one and the reviewer is
not idle: with no key or mouse input for ``IDLE_SECONDS`` it stops, at that mark, until
the next input (reading a posting without touching anything for a minute counts; a
lunch break does not). An event filter on the application sees every input. The
seconds are added to the posting for the store's reviewer (``store.timing.add``) when
another posting is shown, when the app stops being the active one, and when the window
closes. The clock (``now``), the idle limit and whether the app is active can be given,
so that tests drive them.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QGuiApplication

from reviewer.core.store import DatabaseError, Store, kind_of

IDLE_SECONDS = 60.0
INPUT = frozenset({QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
                   QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate})


TIME_WAIT = 0.2  # seconds adding time waits at most while another program writes


def time_adder(store: Store) -> Callable[[int, float], None]:
    """What hands a posting's seconds to ``store.timing`` (nothing for a file that cannot
    be written). A write that fails (another program writing for longer than
    ``TIME_WAIT``: moving on does not stand waiting for it) keeps its seconds to add
    with the next; one that fails for good loses them alone, and says nothing."""
    pending: dict[int, float] = {}

    def add(pid: int, seconds: float) -> None:
        if store.read_only:
            return
        pending[pid] = pending.get(pid, 0.0) + seconds
        for posting, kept in list(pending.items()):
            try:
                store.timing.add(posting, kept, wait=TIME_WAIT)
            except DatabaseError as err:
                if kind_of(err) == "busy" and len(pending) < 1000:
                    break  # another program writing: all tried again with the next move
            del pending[posting]
    return add


def app_is_active() -> bool:
    return QGuiApplication.applicationState() == Qt.ApplicationState.ApplicationActive


class ActiveClock(QObject):
    """Counts the active seconds of the shown posting and hands them to ``add``."""

    def __init__(self, parent: QObject, add: Callable[[int, float], None], *,
                 idle: float = IDLE_SECONDS, now: Callable[[], float] = time.monotonic,
                 active: Callable[[], bool] = app_is_active) -> None:
        super().__init__(parent)
        self.add, self.idle, self.now, self.active = add, idle, now, active
        self.pid: int | None = None
        self.seconds = 0.0  # counted for ``pid`` and not handed over yet
        self._mark = now()  # counted up to here
        self._last_input = self._mark  # opening the window is input too
        self._counting = active()
        app = QGuiApplication.instance()
        if app is not None:
            app.installEventFilter(self)
            if isinstance(app, QGuiApplication):
                app.applicationStateChanged.connect(self._state_changed)

    def _advance(self) -> None:
        """Count the time since the last mark, up to the idle limit after the last input."""
        now = self.now()
        if self.pid is not None and self._counting:
            self.seconds += max(0.0, min(now, self._last_input + self.idle) - self._mark)
        self._mark = now

    def show(self, pid: int | None) -> None:
        """Posting ``pid`` (None: none) is shown from now: the last one's time is added."""
        if pid == self.pid:
            return
        self.flush()
        self.pid = pid

    def flush(self) -> None:
        """Hand the seconds counted so far to ``add`` (the clock goes on)."""
        self._advance()
        seconds, self.seconds = self.seconds, 0.0
        if self.pid is not None and seconds > 0:
            self.add(self.pid, seconds)

    def stop(self) -> None:
        """The window closes: the shown posting's time is added, and the clock stops."""
        self.show(None)
        app = QGuiApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def input(self) -> None:
        """The reviewer pressed a key or moved the mouse."""
        self._advance()
        self._last_input = self._mark

    def _state_changed(self, _state: Any = None) -> None:
        """The app became active or stopped being so; leaving hands the time over."""
        active = self.active()
        if active == self._counting:
            return
        if active:
            self._advance()  # nothing is counted while away
            self._counting = True
            self._last_input = self._mark  # coming back is input
        else:
            self.flush()
            self._counting = False

    def eventFilter(self, _watched: Any, event: Any) -> bool:
        if event.type() in INPUT:
            self.input()
        return False
