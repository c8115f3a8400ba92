"""What an export wrote (``run.export`` fills it; ``describe`` says it for a person)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

# a writer's counts of the postings it left out (its format cannot hold them), each
# ``ExportSummary.<name>_left_out``
LEFT_OUT = ("undecided", "unreviewed", "unsettled", "flagged")


@dataclass
class ExportSummary:
    """What an export wrote: postings per part (those its files hold), the files, and
    what was left out."""

    fmt: str
    counts: dict[str, int]
    files: list[Path] = field(default_factory=list)
    dropped_spans: int = 0  # offsets that did not hold their text (or lay outside it)
    unaligned_spans: int = 0  # token formats: spans that hold no token (whitespace only)
    overlapping_spans: int = 0  # hf, conll, spacy's entities: spans left out (they overlap)
    undecided_left_out: int = 0  # conll: postings whose reviewers differ on their spans
    unreviewed_left_out: int = 0  # conll: postings no one reviewed (``--all``)
    unsettled_left_out: int = 0  # conll: postings with spans still suggested
    flagged_left_out: int = 0  # spacy: postings flagged, rejected (``--all``)
    bad_dates: int = 0  # hf: dates not of the calendar, written as null
    unwritten: list[str] = field(default_factory=list)  # spacy: a question's empty files
    parted: list[str] = field(default_factory=list)  # spacy: corpora written as folders
    empty: list[str] = field(default_factory=list)  # a split's training files left empty
    # JSON-LD only: posting id -> the properties Google requires that it lacks
    missing: dict[int, list[str]] = field(default_factory=dict)
    left_out: int = 0  # JSON-LD with strict: the postings not written for lacking them
    undecided_values: int = 0  # JSON-LD: values no person decided, not written
    machine_postings: int = 0  # JSON-LD: postings not reviewed, the machine's values (--all)
    workers: int = 1  # the processes that wrote it (1: the exporting one alone)
    # the project changed while worker processes read it: written again by one process,
    # from one moment (``bulk.export_bulk``)
    again: bool = False
    # the files written, in a folder written and beside the output (a writer names its
    # parts, not each file of a part): counted by ``run.export_whole``, in its thread
    written: int | None = None

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def count_left_out(self, by_part: Mapping[str, object],
                       training: Mapping[str, Path] | None = None) -> None:
        """Count what the writers of the parts left out: spans (``overlapping``), dates
        (``bad_dates``) and the postings a format could not hold (``LEFT_OUT``), each
        taken off its part's count, so that a part's count is what its file holds.
        ``training``: each part's file (of a split, or the whole) in a format made to train
        on (spaCy, CoNLL); one that holds no posting is removed, and named in ``empty``: an
        empty corpus trains nothing (spaCy's DocBin refuses none, and a tool stops on it).
        Where no part holds a posting, ValueError saying why (``nothing_to_train``)."""
        self.overlapping_spans = sum(getattr(w, "overlapping", 0) for w in by_part.values())
        self.bad_dates = sum(getattr(w, "bad_dates", 0) for w in by_part.values())
        self.unwritten = [name for w in by_part.values() for name in getattr(w, "unwritten", ())]
        self.parted = [name for w in by_part.values() for name in getattr(w, "parted", ())]
        for part, writer in by_part.items():
            for name in LEFT_OUT:
                left = getattr(writer, name, 0)
                setattr(self, f"{name}_left_out", getattr(self, f"{name}_left_out") + left)
                self.counts[part] -= left
        for part, path in (training or {}).items():
            if not self.counts[part] and path.is_file():
                path.unlink()
                self.empty.append(path.name)
        if training is not None and not self.total:
            raise ValueError(self.nothing_to_train())

    def describe(self, out: Path | None = None) -> str:
        """One line for a person: what went where (``out``: the output as named), and
        what was left out."""
        parts = ", ".join(f"{name} {n:,}" for name, n in self.counts.items())
        # postings the writers could not hold (not counted in their part): not in the files
        gone = sum(getattr(self, f"{name}_left_out") for name in LEFT_OUT)
        written = f"{self.total:,} of {self.total + gone:,}" if gone else f"{self.total:,}"
        postings = "posting" if self.total == 1 and not gone else "postings"
        split = f" ({parts})" if list(self.counts) != ["all"] else ""  # (parts of a split)
        text = f"{written} {postings} as {self.fmt}{split} to {self._where(out)}"
        if self.workers > 1:
            text += f" by {self.workers} worker processes"
        if self.parted:  # (spacy: a corpus too large for one DocBin)
            names = self.parted if split or out is None else [out.name, *self.parted[1:]]
            text += (f" ({', '.join(names)} {'is a folder' if len(names) == 1 else 'are folders'}"
                     " of DocBins, too many postings for one: spaCy reads a folder as one corpus)")
        left = self._left_out()
        if self.empty:
            left.append(f"{', '.join(self.empty)} not written (no posting in the part)")
        if self.unwritten:  # (spacy: a part's file of one question)
            left.append(f"{', '.join(self.unwritten)} not written (no posting of the part "
                        "answers the question)")
        if self.missing:
            lacking = Counter(prop for props in self.missing.values() for prop in props)
            left.append(f"{len(self.missing):,} postings "
                        f"{'left out for lacking' if self.left_out else 'lack'} properties Google "
                        "requires (" + ", ".join(f"{p} {n:,}" for p, n in lacking.items()) + ")")
        return text + (": " + ", ".join(left) if left else "")

    def _left_out(self) -> list[str]:
        """What the export left out, counted: spans, dates, postings, values."""
        overlapping = ("left out of the entities (kept in the spans)" if self.fmt == "spacy"
                       else "left untagged")
        return [f"{n:,} {what.format(s='' if n == 1 else 's', v='s' if n == 1 else '')}"
                for n, what in (
                    (self.dropped_spans, "bad span{s} dropped"),
                    (self.unaligned_spans, "span{s} that hold{v} no word skipped"),
                    (self.overlapping_spans, f"overlapping span{{s}} {overlapping}"),
                    (self.undecided_left_out, "posting{s} whose reviewers differ on the span "
                     "labels left out"),
                    (self.unreviewed_left_out, "posting{s} not reviewed left out (CoNLL has no "
                     "tag for words no one has labelled)"),
                    (self.unsettled_left_out, "posting{s} with suggested spans no one "
                     "accepted or rejected left out (CoNLL has no tag for them; Ctrl+Shift+A "
                     "or Ctrl+Shift+D in the window settles them)"),
                    (self.flagged_left_out, "posting{s} flagged (rejected) left out"),
                    (self.bad_dates, "date{s} not of the calendar written as null"),
                    (self.undecided_values, "value{s} no person decided left out (JSON-LD "
                     "cannot say whose a value is)"),
                    (self.machine_postings, "posting{s} not reviewed, with the machine's "
                     "values")) if n]

    def nothing_to_train(self) -> str:
        """Why an export in a format made to train on (spaCy, CoNLL) wrote nothing: none
        of its postings could be held."""
        why = self._left_out()
        return (f"no posting to write as {self.fmt}" + (f": {', '.join(why)}" if why else "")
                + "; an empty corpus trains nothing, so no file was written")

    def _where(self, out: Path | None) -> str:
        """Where the files went: the output, and how many files were written in it or
        beside it (``written``, counted as the export put them in place)."""
        n = self.written if self.written is not None else len(self.files)
        if out is not None and out.is_dir():
            return f"the folder {out} ({n:,} file{'s' * (n != 1)})"
        if out is None:
            return f"{n:,} file{'s' * (n != 1)}"
        return f"{out} (and {n - 1:,} beside it)" if n > 1 else str(out)
