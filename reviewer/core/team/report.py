"""What a merge did: to OUT, and of each input file (``merge.merge_projects`` fills it,
``describe`` says it for a person)."""

from __future__ import annotations

import shlex
from dataclasses import dataclass, field
from pathlib import Path

from reviewer.core.team.files import named


@dataclass
class InputReport:
    """What one input brought."""

    path: Path
    postings: int = 0
    added: int = 0  # new to OUT, copied whole
    matched: int = 0  # OUT had them already
    decisions: int = 0  # reviewers' values new or changed in OUT
    taken_back: int = 0  # reviewers' values in OUT its reviewers took back since
    rulings: int = 0  # adjudications and other final rulings put in place
    overruled: list[int] = field(default_factory=list)  # OUT's postings whose own ruling
    # stood over another of this file's (two people adjudicated apart), in order
    reviewers: set[str] = field(default_factory=set)
    older_values: int = 0  # reviewers' values older than theirs OUT holds, not taken
    older: set[str] = field(default_factory=set)  # whose
    text_differs: int = 0  # matched postings with decisions whose cleaned text differs
    spans_left: int = 0  # their spans whose words OUT's text does not hold


@dataclass
class MergeReport:
    """What a merge did to OUT."""

    out: Path
    created: bool = False
    inputs: list[InputReport] = field(default_factory=list)
    own: int = 0  # OUT's own decisions taken in as its reviewers' values
    final: int = 0  # final decisions now other than before it, where the reviewers agree
    withdrawn: int = 0  # final decisions there before it, taken away as reviewers differ
    disagreements: int = 0  # postings of OUT whose reviewers differ, after the merge
    postings: int = 0  # postings of OUT, after the merge
    taken_back: int = 0  # reviewers' values taken back since they came in (``retract``)
    total: int = 0  # postings of the inputs, all together
    stopped: bool = False  # asked to stop, it stopped between two batches
    shared: list[tuple[str, str]] = field(default_factory=list)  # names two files brought
    # apart: (name, what to say; ``shared.shared_notes``)
    named: set[str] = field(default_factory=set)  # names given to every file of theirs
    one_file: set[str] = field(default_factory=set)  # names whose values all came from
    # one file, whatever the files that carried them (a merged file and one merged into
    # it, a file and its copies)
    setup: list[str] = field(default_factory=list)  # the files' schemas and guidelines
    # as they differ (``union.united``)

    @property
    def shared_names(self) -> dict[str, list[str]]:
        """The reviewers' names that came from more than one file, with those files."""
        files: dict[str, list[str]] = {}
        for item in self.inputs:
            for name in item.reviewers:
                files.setdefault(name, []).append(item.path.name)
        return {name: paths for name, paths in sorted(files.items()) if len(paths) > 1}

    def describe(self) -> list[str]:
        """The report as lines for a person."""
        lines, out = [], named(self.out.name)
        if self.stopped and self.created:
            return [f"Stopped before the end: {out} was not made. Merge again to make it."]
        for item in self.inputs:
            who = ", ".join(sorted(item.reviewers)) or "no decisions"
            lines.append(f"{named(item.path.name)}: {item.postings:,} postings "
                         f"({item.added:,} new, {item.matched:,} matched), "
                         f"{item.decisions:,} decisions new or changed ({who})"
                         + (f", {item.rulings:,} rulings" if item.rulings else "")
                         + (f", {item.taken_back:,} taken back" if item.taken_back else ""))
            if item.text_differs:
                lines.append(f"  {item.text_differs:,} postings have another cleaned text in "
                             f"{out}: their spans were moved to the same words there"
                             + (f" ({item.spans_left:,} left out: their words are not in it)"
                                if item.spans_left else ""))
            if item.older_values:
                one = item.older_values == 1
                lines.append(f"  {item.older_values:,} value{'' if one else 's'} of "
                             f"{', '.join(sorted(item.older))} {'is' if one else 'are'} older "
                             "than theirs merged before, which stand: this file "
                             "was merged before, or is an older copy, or the clock of the "
                             "machine it was worked on is behind")
            if item.overruled:
                shown = ", ".join(map(str, item.overruled[:10])) + (
                    " …" if len(item.overruled) > 10 else "")
                lines.append(f"  {len(item.overruled):,} of its rulings differ from "
                             f"{out}'s, which stand (postings {shown}): two people "
                             "adjudicated them apart; look at them, or merge into a new "
                             "file in another order to take these")
        lines += self.setup
        lines.append(f"{out}{' (new)' if self.created else ''}: "
                     f"{self.postings:,} postings; {self.final:,} final decisions written "
                     f"where reviewers agree, {self.withdrawn:,} taken away where a later "
                     "file differs"
                     + (f", {self.own:,} of its own counted as its reviewers'"
                        if self.own else "")
                     + f"; {self.disagreements:,} postings with disagreements")
        if self.stopped:
            merged = sum(item.postings for item in self.inputs)
            lines.insert(0, f"Stopped before the end: {merged:,} of the files' {self.total:,} "
                            f"postings were merged into {out}, as said below. Merge the same "
                            "files again to finish: what was merged stays, and nothing "
                            "comes twice.")
        noted = {name.casefold() for name, _text in self.shared}
        for name, paths in self.shared_names.items():
            if name.casefold() in noted:
                continue  # (said below, with the postings where they differ)
            paths = [named(path) for path in paths]
            files = f"{paths[0]} and {paths[1]} both" if len(paths) == 2 else \
                f"{', '.join(paths[:-1])} and {paths[-1]} all"
            if name.casefold() in self.one_file:
                lines.append(f"{files} carry the reviewer {name}, from one file: their "
                             "values count as one reviewer's")
            else:
                lines.append(f"{files} carry the reviewer {name}: their values count as one "
                             "reviewer's" + ("" if name.casefold() in self.named else
                                             self._advice(name)))
        lines += [text for _name, text in self.shared]
        return lines

    def _advice(self, name: str) -> str:
        """The command that keeps apart two people who kept the name ``name``."""
        where = [named(item.path) for item in self.inputs if name in item.reviewers]
        return (". If they are different people, name the reviewer of each file and merge "
                "again into a new file: reviewer merge NEW.db "
                + " ".join(f"NAME{n}={shlex.quote(path)}" for n, path in enumerate(where, 1)))
