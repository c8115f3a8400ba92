"""``store.timing``: how long each reviewer spent on each posting.

The window adds the seconds a posting was in front of a reviewer who was not idle; the
figures say how many postings an hour each reviewer reviews.
"""

from __future__ import annotations

from reviewer.core.store.sqlite import Database

MAX_VISIT = 3600.0  # seconds one visit may add (a window left open is no work)


class Timing:
    """Active review time, per posting and reviewer."""

    def __init__(self, db: Database, reviewer: str) -> None:
        self.db = db
        self.reviewer = reviewer

    def add(self, pid: int, seconds: float, wait: float | None = None) -> None:
        """Add a visit's active seconds to posting ``pid`` for this store's reviewer.
        ``wait``: seconds to wait at most while another process writes (None: the busy
        timeout), then the write fails as the file's ``busy`` error: time is counted
        between a person's steps, which should not stand waiting for it."""
        seconds = min(max(0.0, float(seconds)), MAX_VISIT)
        if not seconds:
            return
        old = self.db.execute("PRAGMA busy_timeout").fetchone()[0] if wait is not None else None
        if wait is not None:
            self.db.execute(f"PRAGMA busy_timeout = {max(0, int(wait * 1000))}")
        try:
            with self.db.atomic():
                self.db.execute(
                    "INSERT INTO review_time (posting_id, reviewer, seconds) VALUES (?, ?, ?)"
                    " ON CONFLICT (posting_id, reviewer) DO UPDATE SET seconds = seconds +"
                    " excluded.seconds", (pid, self.reviewer, seconds))
        finally:
            if old is not None:
                self.db.execute(f"PRAGMA busy_timeout = {int(old)}")

    def seconds(self, pid: int) -> dict[str, float]:
        """Each reviewer's seconds on posting ``pid``."""
        return {r: float(s) for r, s in self.db.execute(
            "SELECT reviewer, seconds FROM review_time WHERE posting_id = ?", (pid,))}

    def per_reviewer(self) -> dict[str, tuple[int, float]]:
        """Per reviewer: the postings they marked reviewed, and their active seconds
        over all postings."""
        out: dict[str, tuple[int, float]] = {}
        for reviewer, seconds in self.db.execute(
                "SELECT reviewer, sum(seconds) FROM review_time GROUP BY reviewer"):
            out[reviewer] = (0, float(seconds))
        for reviewer, count in self.db.execute(
                "SELECT status_by, count(*) FROM postings WHERE status = 'reviewed'"
                " GROUP BY status_by"):
            out[reviewer] = (int(count), out.get(reviewer, (0, 0.0))[1])
        return out
