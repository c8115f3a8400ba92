"""``store.machine``: a new cleaning and extraction of the stored pages (re-extract).

The machine's suggestions are replaced; every person's decision is kept, and so is
the suggestion each decision was made on (so that ``eval`` still measures what
people saw). When the cleaned text changes, offsets into the old text would point
elsewhere, so a posting with any human work on it keeps its old cleaning and
suggestions. A reviewed posting keeps them too, whatever changed: its undecided
fields are exported as they stood when it was reviewed, and a new reading (a learned
model's, a newer version's) would put a value in the dataset that no one saw.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reviewer.core.store.history import log
from reviewer.core.store.postings import ROW_COLUMNS, TEXT_COLUMNS, PreparedPosting
from reviewer.core.store.sqlite import Database

if TYPE_CHECKING:
    from reviewer.core.store.decisions import Decisions
    from reviewer.core.store.labels import Labels
    from reviewer.core.store.postings import Postings
    from reviewer.core.store.spans import Spans


class Machine:
    """Putting the pipeline's new output in place of the old, posting by posting."""

    def __init__(self, db: Database, postings: Postings, decisions: Decisions, spans: Spans,
                 labels: Labels) -> None:
        self.db = db
        self._postings, self._decisions, self._spans, self._labels = (
            postings, decisions, spans, labels)

    def replace(self, pid: int, item: PreparedPosting) -> str:
        """Put a new cleaning and extraction of posting ``pid`` in place of the old one.

        Returns what happened: "updated", "unchanged" or "kept" (the posting is
        reviewed, or the text would change and people had worked on the old one)."""
        row = dict(zip(ROW_COLUMNS, item.full_row(), strict=True))
        old_text, status, comment = self._postings.work_state(pid)
        decided = self._decisions.decided(pid)
        new_suggestions = sorted(s for s in item.suggestions if s[0] not in decided)
        old_suggestions = self._decisions.undecided_suggestions(pid, decided)
        old_labels = self._postings.label_suggestions(pid)
        if old_text == [row[c] for c in TEXT_COLUMNS] and old_suggestions == new_suggestions \
                and old_labels == item.labels \
                and self._postings.usefulness(pid) == row["usefulness"]:
            return "unchanged"
        if status == "reviewed":
            return "kept"
        if old_text[0] != row["cleaned"] and (status != "new" or comment or decided
                                              or self._spans.has_any(pid)
                                              or self._labels.has_any(pid)
                                              or self._reviewed_by_several(pid)):
            return "kept"
        with self.db.atomic():
            self._postings.replace_text(pid, row)
            self._decisions.replace_suggestions(pid, old_suggestions, new_suggestions)
            self._postings.replace_label_suggestions(pid, item.labels)
            self._postings.refresh_display(pid)  # not "edited": the time a person last worked
        return "updated"

    def _reviewed_by_several(self, pid: int) -> bool:
        """Whether merged reviewers' values (their spans into this text) are kept for it."""
        return self.db.execute("SELECT 1 FROM reviews WHERE posting_id = ? LIMIT 1",
                               (pid,)).fetchone() is not None

    def log_run(self, updated: int, kept: int, cancelled: bool) -> None:
        """Note a re-extract run in the project's log."""
        with self.db.atomic():
            log(self.db, "reextract", {"updated": updated, "kept": kept, "cancelled": cancelled})
