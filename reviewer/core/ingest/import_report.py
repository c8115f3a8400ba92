"""What an import did (``ImportReport``), said for a person."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

from reviewer.core.ingest.columns import ColumnMapping
from reviewer.core.ingest.items import LeftOut, Skipped
from reviewer.core.store import source_name


@dataclass
class ImportReport:
    """How an import went. ``left_out``: per field, how many mapped cells could not be
    read as its value (``left_out_examples`` quotes a few); ``mappings``: the column
    mapping of each data file, first met first."""

    added: int = 0
    duplicates: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    # files of kinds import does not read, in the folders and archives given: by kind
    aside: dict[str, int] = field(default_factory=dict)
    seen: int = 0
    seconds: float = 0.0
    cancelled: bool = False
    left_out: dict[str, int] = field(default_factory=dict)
    left_out_examples: list[LeftOut] = field(default_factory=list)
    mappings: list[tuple[str, ColumnMapping]] = field(default_factory=list)
    learned: bool = False  # the project's learned model read new postings (pages)
    model_note: str | None = None  # why the project's learned model was not used
    workers: int = 1  # processes that cleaned pages (1: this one alone)
    reviewers_left: int = 0  # records added whose reviewers' own values were left out
    undecided: int = 0  # records added whose reviewers still differed on something
    work_not_taken: int = 0  # records of pages held already that carried people's work
    # the pages of records with people's work this import added, and that work (a copy of
    # it later is no loss; other work on the page is)
    worked: dict[str, tuple[Any, ...]] = field(default_factory=dict, repr=False)
    # labels of records added that the label schema lacks ("question/option", "span X"),
    # kept as given: how many of each
    unknown_labels: dict[str, int] = field(default_factory=dict)
    # how rows' pages were read where it should be said (``Item.note``): rows by note
    notes: dict[str, int] = field(default_factory=dict)
    # rows imported before from the same file's same row, with other values from their
    # columns (a mapping changed): not added again; the first few of them
    other_values: int = 0
    other_values_examples: list[str] = field(default_factory=list)

    def rows_note(self) -> str | None:
        """How rows of data files were read, and the rows not added again because they
        were imported before with other values from their columns."""
        notes = [f"{n:,} row{'s' * (n > 1)}: {note}." for note, n in self.notes.items()]
        if n := self.other_values:
            examples = ", ".join(self.other_values_examples)
            notes.append(
                f"{n:,} row{'s' * (n > 1)} of data files {'were' if n > 1 else 'was'} "
                "imported before from the same file and row with other values from their "
                "columns (a mapping changed?): not added again, their postings keep the "
                f"values of that import (for example {examples}).")
        return " ".join(notes) or None

    def reviewers_note(self) -> str | None:
        """What was left out of records that carried each reviewer's own values, or that
        said their reviewers still differed (``undecided``)."""
        notes = []
        if n := self.work_not_taken:
            notes.append(f"{n:,} record{'s' * (n > 1)} carried people's work (decisions, "
                         "labels, a status or a comment) on pages the project holds "
                         "already: an import leaves a posting the project has as it is, "
                         "so that work was not taken from the file.")
        if n := self.reviewers_left:
            notes.append(f"{n:,} record{'s' * (n > 1)} carried each reviewer's own values "
                         "('reviewers'), which an import does not keep: their final "
                         "decisions are kept.")
        if n := self.undecided:
            notes.append(f"{n:,} record{'s' * (n > 1)} said their reviewers still differed "
                         "('undecided'): the project does not keep that, so what they "
                         "differed on (no span labels, no answer) now reads as decided.")
        merge = (" To keep every reviewer's values, merge the reviewers' project files "
                 "(reviewer merge, or File → Merge reviewers' files).") if notes else ""
        if self.unknown_labels:
            named = sorted(self.unknown_labels.items(), key=lambda kv: (-kv[1], kv[0]))
            listed = ", ".join(f"{name} ({n:,})" for name, n in named[:8]) + (
                f" and {len(named) - 8:,} more" if len(named) > 8 else "")
            notes.append(f"Records carried labels the project's label schema does not have: "
                         f"{listed}. They are kept as given; add them to the schema (Labels "
                         "→ Edit the label schema, or reviewer labels --import) to review "
                         "them: a schema saved without them removes them.")
        return " ".join(notes) + merge if notes else None

    def put_aside(self, source: str) -> None:
        """Count a file of a kind import does not read, by its kind."""
        # (a zip's member by its own name: "a.zip!x/b" is b's, of no extension)
        kind = os.path.splitext(source_name(source))[1].lower() or "(no extension)"
        self.aside[kind] = self.aside.get(kind, 0) + 1

    def aside_note(self) -> str | None:
        """The files of other kinds passed over in folders and archives, by kind."""
        if not self.aside:
            return None
        kinds = sorted(self.aside.items(), key=lambda kv: (-kv[1], kv[0]))
        n = sum(self.aside.values())
        return (f"{n:,} file{'s' * (n > 1)} in the folders or zip files given "
                f"{'were' if n > 1 else 'was'} left aside, of kinds import does not read ("
                + ", ".join(f"{kind} {count:,}" for kind, count in kinds[:8])
                + (f" and {len(kinds) - 8:,} more kinds" if len(kinds) > 8 else "")
                + "): it reads .html .htm .txt .md .jsonl .json .csv .parquet .zip; save "
                "a PDF or a Word file as text or HTML to import it.")

    def line(self) -> str:
        """Where the import is, in one line."""
        rate = self.seen / self.seconds if self.seconds else 0.0
        return (f"{self.seen:,} read · {self.added:,} added · {self.duplicates:,} "
                f"duplicates · {len(self.skipped):,} skipped · {rate:,.0f}/s")
