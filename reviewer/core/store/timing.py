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

    def add(self, pid: int, seconds: float) -> None:
        """Add a visit's active seconds to posting ``pid`` for this store's reviewer."""
        seconds = min(max(0.0, float(seconds)), MAX_VISIT)
        if not seconds:
            return
        with self.db.atomic():
            self.db.execute(
                "INSERT INTO review_time (posting_id, reviewer, seconds) VALUES (?, ?, ?)"
                " ON CONFLICT (posting_id, reviewer) DO UPDATE SET seconds = seconds +"
                " excluded.seconds", (pid, self.reviewer, seconds))

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
