"""One run of a plug-in extractor over the postings of an import or a re-extract.

``ExtractorRun.apply`` sends the postings in batches, checks what comes back
(``values``) and merges it into each posting's extraction as the plug-in's own stage
(``extract.merge_findings``: the more confident value wins, the other becomes an
alternative the reviewer can pick). Whatever goes wrong costs the plug-in's readings
of the postings concerned, never the postings or the rules' values: a failed batch is
noted and the run goes on, and after ``GIVE_UP`` failed batches in a row the plug-in
is not asked again in this run. ``PluginReport`` sums the run up for a person.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from reviewer.core.extract import merge_findings
from reviewer.core.plugins.command import Answer, CommandExtractor
from reviewer.core.plugins.loading import PluginExtractor, quiet
from reviewer.core.plugins.protocol import ExtractorError, Posting
from reviewer.core.plugins.values import Tally, read_findings
from reviewer.core.schema import FIELD_NAMES, Extraction

BATCH = 50  # postings a plug-in is given at a time
GIVE_UP = 3  # failed batches in a row after which the plug-in is not asked again
ERRORS = 5  # failures quoted in the report
_NAMED = 10  # fields not in the schema named in the report (the rest counted)


@dataclass
class PluginReport:
    """What a plug-in did over a run."""

    shown: str  # "command 'python x.py'", "plug-in 'acme'"
    stage: str
    sent: int = 0  # postings given to it
    answered: int = 0  # postings it gave an answer for
    values: int = 0  # values it offered that passed the checks
    won: int = 0  # of those, the values now suggested (more confident than the rules')
    failed: int = 0  # postings its answer was lost for (they keep the rules' values)
    not_asked: int = 0  # postings after it was given up on
    ignored_lines: int = 0  # a command's output lines that were no answer
    errors: list[str] = field(default_factory=list)
    tally: Tally = field(default_factory=Tally)

    def lines(self) -> list[str]:
        """The report, a line each: what it gave, then what went wrong."""
        out = [f"extractor {self.shown}: {self.values:,} values for {self.answered:,} of "
               f"{_postings(self.sent)}, {self.won:,} suggested over the rules' (stage "
               f"{self.stage})"]
        tally = self.tally
        if tally.refused:
            counts = ", ".join(f"{k} {n:,}" for k, n in sorted(tally.refused.items()))
            out.append(f"extractor {self.shown}: {sum(tally.refused.values()):,} values "
                       f"refused ({counts}), such as " + "; ".join(tally.examples))
        if tally.unknown:
            named = sorted(tally.unknown.items(), key=lambda kv: (-kv[1], kv[0]))
            counts = ", ".join(f"{k[:40]} {n:,}" for k, n in named[:_NAMED])
            more = f" and {len(named) - _NAMED:,} more" if len(named) > _NAMED else ""
            out.append(f"extractor {self.shown}: fields not in the schema ignored: "
                       f"{counts}{more}")
        fixed = [f"{n:,} {what}" for n, what in (
            (tally.spans_fixed, "spans clipped to the text or dropped"),
            (tally.spans_unlike, "spans that hold none of their value's words (kept: "
                                 "NYC is New York's, but look at them)"),
            (tally.confidence_fixed, "confidences brought into 0 to 1"),
            (self.ignored_lines, "output lines that were no answer ignored")) if n]
        if fixed:
            out.append(f"extractor {self.shown}: " + ", ".join(fixed))
        out.extend(self.errors)
        if self.failed:
            out.append(f"extractor {self.shown}: failed for {_postings(self.failed)}; "
                       f"{'they keep' if self.failed > 1 else 'it keeps'} the rules' values"
                       " (run reviewer reextract DB --extractor … for "
                       f"{'them' if self.failed > 1 else 'it'} again)")
        if self.not_asked:
            out.append(f"extractor {self.shown}: given up after {GIVE_UP} failed batches in a "
                       f"row; {_postings(self.not_asked)} "
                       f"{'were' if self.not_asked > 1 else 'was'} not sent to it")
        return out


def _postings(count: int) -> str:
    return f"{count:,} {'posting' if count == 1 else 'postings'}"


class ExtractorRun:
    """A loaded extractor, and what it has done in this run (``report``)."""

    def __init__(self, extractor: PluginExtractor | CommandExtractor, stage: str,
                 batch: int = BATCH) -> None:
        self.extractor = extractor
        self.stage = stage
        self.batch = max(1, batch)
        self.report = PluginReport(extractor.shown, stage)
        self._failed_in_a_row = 0

    def apply(self, items: Sequence[tuple[Posting, Extraction]]) -> None:
        """Offer the plug-in's readings of each posting to its extraction, in place.
        Never raises for anything the plug-in does."""
        for start in range(0, len(items), self.batch):
            self._batch(items[start:start + self.batch])

    def apply_to_records(self, records: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        """The headless contract's records (``pipeline.record``: ``source``, ``cleaned``,
        ``fields``, ``evidence``, ``confidence``) with the plug-in's readings merged in,
        in order; a record with an ``error`` passes as it is. A posting's id is its
        source (``#2``, ``#3`` … after a source named again)."""
        pending: list[dict[str, Any]] = []
        for record in records:
            pending.append(record)
            if len(pending) >= self.batch:
                yield from self._records(pending)
                pending = []
        yield from self._records(pending)

    def _records(self, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
        items = []
        ids: set[str] = set()  # (a batch's: its answers are matched by them)
        for record in records:
            if "error" in record:
                continue
            ext = Extraction(dict(record["fields"]),
                             {k: [(s[0], s[1]) for s in v] for k, v in record["evidence"].items()},
                             dict(record["confidence"]), {})
            source = str(record["source"])
            key, again = source, 1
            while key in ids:  # a file named twice: "a.txt#2"
                again += 1
                key = f"{source}#{again}"
            ids.add(key)
            items.append((posting_of(key, source, record["cleaned"], ext), ext, record))
        self.apply([(posting, ext) for posting, ext, _ in items])
        for _posting, ext, record in items:
            record["fields"] = ext.fields
            record["evidence"] = {k: [list(s) for s in v] for k, v in ext.evidence.items() if v}
            record["confidence"] = ext.confidence
        return records

    def _batch(self, items: Sequence[tuple[Posting, Extraction]]) -> None:
        report = self.report
        if self._failed_in_a_row >= GIVE_UP:
            report.not_asked += len(items)
            return
        postings = [posting for posting, _ in items]
        report.sent += len(postings)
        try:
            answers: list[Answer] = self.extractor.answers(postings)
        except ExtractorError as err:
            self._failed_in_a_row += 1
            self._lost(len(postings), str(err))
            return
        finally:
            if isinstance(self.extractor, CommandExtractor):
                report.ignored_lines = self.extractor.ignored_lines
        self._failed_in_a_row = 0
        for (posting, extraction), answer in zip(items, answers, strict=True):
            if isinstance(answer, ExtractorError):
                self._lost(1, str(answer))
                continue
            try:  # what a plug-in gave may be any object at all, its methods its code
                with quiet():
                    found = read_findings(answer, posting.markdown, self.stage, report.tally)
            except Exception as err:
                self._lost(1, f"the extractor {self.report.shown} gave {posting.source} an "
                              f"answer that cannot be read: {type(err).__name__}: {err}")
                continue
            report.answered += 1
            merge_findings(extraction, found)
            report.values += len(found)
            report.won += sum(1 for name in found if extraction.stages.get(name) == self.stage)

    def _lost(self, postings: int, message: str) -> None:
        self.report.failed += postings
        if len(self.report.errors) < ERRORS:
            self.report.errors.append(message)


def posting_of(key: str, source: str, markdown: str, extraction: Extraction) -> Posting:
    """A posting as a plug-in is given it: the rules' value of every field (a copy: what
    the plug-in does to it is no change to the extraction)."""
    return Posting(key, source, markdown, {name: copy.deepcopy(extraction.fields.get(name))
                                           for name in FIELD_NAMES})
