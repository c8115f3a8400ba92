"""``split_project``: one project file per reviewer, each with the postings it is to review.

Every posting goes to one reviewer, and a share ``overlap`` of them to ``copies``
reviewers (two by default), so that their agreement can be measured. Assignment is
deterministic by the page hash: the postings are ordered by a keyed digest of their hash
and dealt out in turns, the shared ones taking ``copies`` consecutive turns (so each
reviewer gets as many postings as any other, give or take one); which postings are
shared is also chosen by a digest of their hash (exactly ``round(overlap × postings)`` of
them). The same project split the same way gives the same files.

Each file holds the project's label schema, guidelines and descriptions, remembered
column mappings and learned models, and its postings whole as the machine left them (the
raw page, the cleaned text, the suggestions with their alternatives, a learned model's
label answers, usefulness) with their ids. A split is work to do: the decisions people
made in the project (fields, labels, spans, status, comment) stay in it and go to no
reviewer's file; the report counts the postings that had some. Each file knows the
reviewer it was written for, and is worked in that name unless another is given
(``Store``'s default). ``merge_projects`` brings the files back together.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
import unicodedata
from array import array
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reviewer.core.store import Store
from reviewer.core.store.reviewer import UNKNOWN, clean_name
from reviewer.core.team.files import (
    TeamError,
    clear_leftovers,
    held,
    named,
    partial_name,
    put_all_in_place,
    remove_project,
    set_aside,
    worked_on,
)

BATCH = 500  # postings read and written at a time, each file's write one transaction
Progress = Callable[[int, int], None]  # postings done, postings in all
_UNSAFE = re.compile(r"[^\w.-]+")
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)),
             *(f"lpt{i}" for i in range(10))}  # names Windows keeps for devices


@dataclass
class SplitReport:
    """What a split wrote: each reviewer's file and how many postings it holds."""

    out_dir: Path
    postings: int = 0  # in the project
    shared: int = 0  # postings given to more than one reviewer
    decided: int = 0  # postings with people's decisions, which stay in the project
    copies: int = 2
    files: dict[str, Path] = field(default_factory=dict)  # reviewer → file
    assigned: dict[str, int] = field(default_factory=dict)  # reviewer → postings
    shared_by: dict[str, int] = field(default_factory=dict)  # reviewer → shared postings
    # a file replaced that held work → (where it is kept, the postings worked on; -1: unread)
    kept: dict[Path, tuple[Path, int]] = field(default_factory=dict)

    def describe(self) -> list[str]:
        """The report as lines for a person."""
        if len(self.files) == 1:  # one reviewer: a copy of the project to review, alone
            lines = [f"{self.postings:,} postings for one reviewer in {named(self.out_dir)} (none "
                     "shared: name two reviewers or more to measure their agreement)"]
        else:
            lines = [f"{self.postings:,} postings split among {len(self.files)} reviewers in "
                     f"{named(self.out_dir)}; {self.shared:,} shared by {self.copies} reviewers "
                     "each (for agreement)"]
        for name, path in self.files.items():
            lines.append(f"  {name}: {named(path.name)}, {self.assigned.get(name, 0):,} postings "
                         f"({self.shared_by.get(name, 0):,} shared)")
        if self.decided:
            lines.append(f"{self.decided:,} postings had decisions in the project: they stay "
                         "there, and the reviewers get these postings as the machine left "
                         "them")
        for path, (kept, worked) in self.kept.items():
            held = (f"held the work of {worked:,} posting{'s' * (worked != 1)}" if worked > 0
                    else "could not be read")
            lines.append(f"{named(path.name)} {held}: kept as {named(kept.name)} (merge it "
                         "to keep that work)")
        return lines


def file_name(name: str) -> str:
    """A reviewer's name made safe as a file name (``.db`` added by the caller): letters,
    digits, ``.``, ``-`` and ``_`` kept, anything else one ``_``; no leading dot."""
    text = _UNSAFE.sub("_", unicodedata.normalize("NFC", name)).strip("._")[:80]
    if not text:
        text = "reviewer"
    return f"{text}_" if text.casefold() in _RESERVED else text


def split_project(store: Store, reviewers: Sequence[str], out_dir: str | Path,
                  overlap: float = 0.1, copies: int = 2, force: bool = False,
                  progress: Progress | None = None) -> SplitReport:
    """Write ``OUT_DIR/<name>.db`` for each reviewer (see the module's doc). Existing
    files are refused unless ``force`` (then replaced). ``TeamError`` for names, an
    overlap or a number of copies that make no split."""
    names = _check(reviewers, overlap, copies)
    out = Path(out_dir)
    targets = {name: out / f"{file_name(name)}.db" for name in names}
    seen: dict[str, str] = {}
    for name, path in targets.items():
        other = seen.setdefault(path.name.casefold(), name)
        if other != name:
            raise TeamError(f"reviewers {other!r} and {name!r} would share the file "
                            f"{named(path.name)}: give them names that differ in letters or "
                            "digits")
    source = store.path.resolve()
    for name, path in targets.items():
        if path.resolve() == source or (path.exists() and path.samefile(source)):
            raise TeamError(f"{name}'s file would be the project being split ({named(path)}): "
                            "choose another folder or another name")
    existing = [p for p in targets.values() if p.exists()]
    if existing and not force:
        raise TeamError(f"{named(existing[0])} exists: choose another folder, or replace the files "
                        "with --force")
    if out.exists() and not out.is_dir():
        raise TeamError(f"{named(out)} is a file, not a folder")
    with store.one_snapshot():  # (one imported meanwhile waits for the next split)
        return _split(store, names, targets, existing, out, overlap, copies, progress)


def _split(store: Store, names: list[str], targets: dict[str, Path], existing: list[Path],
           out: Path, overlap: float, copies: int, progress: Progress | None) -> SplitReport:
    ids, starts, counts = _plan(store, len(names), overlap, copies)
    report = SplitReport(out, postings=len(ids), copies=copies if len(names) > 1 else 1,
                         files=dict(targets))
    out.mkdir(parents=True, exist_ok=True)
    # each file is written under another name and put in place once all are whole: a
    # split stopped on the way leaves no file that looks like a reviewer's share
    partial = {name: partial_name(path) for name, path in targets.items()}
    for path in targets.values():
        clear_leftovers(path)  # left by splits that were stopped
    with contextlib.ExitStack() as running:  # (each file held as this split's: ``held``)
        for path in partial.values():
            running.enter_context(held(path))
        outputs = {name: Store(partial[name]) for name in names}
        whole = False
        try:
            for name, target in outputs.items():
                copy_setup(store, target)
                target.meta.set_assigned_reviewer(name)  # its edits carry that name by default
            after, done = 0, 0
            while page := store.transfer.hashes(after, BATCH):
                after = page[-1][0]
                pids = [pid for pid, _hash in page]
                wholes = {w.row["id"]: w for w in store.transfer.whole(pids)}
                report.decided += len({v.posting for v in store.transfer.values(pids)})
                mine: dict[str, list[int]] = {name: [] for name in names}
                for pid in pids:
                    at = bisect_left(ids, pid)
                    count = counts[at]
                    report.shared += count > 1
                    for turn in range(starts[at], starts[at] + count):
                        name = names[turn % len(names)]
                        mine[name].append(pid)
                        report.assigned[name] = report.assigned.get(name, 0) + 1
                        report.shared_by[name] = report.shared_by.get(name, 0) + (count > 1)
                for name, chosen in mine.items():
                    if chosen:
                        with outputs[name].atomic():
                            outputs[name].transfer.add([wholes[pid] for pid in chosen])
                done += len(page)
                if progress is not None:
                    progress(done, len(ids))
            for name, target in outputs.items():
                with target.atomic():
                    target.transfer.log("split", {"source": store.path.name,
                                                  "source_path": str(store.path.resolve()),
                                                  "reviewer": name,
                                                  "postings": report.assigned.get(name, 0)})
            whole = True
        finally:
            for target in outputs.values():
                target.close()
            if not whole:
                for path in partial.values():
                    remove_project(path)
        for path in existing:  # one holding a reviewer's work is kept beside, said
            worked = worked_on(path)
            if worked:
                report.kept[path] = (set_aside(path, "replaced"), worked)
            else:
                remove_project(path)
        put_all_in_place({path: partial[name] for name, path in targets.items()}, "split")
        return report


def _check(reviewers: Sequence[str], overlap: float, copies: int) -> list[str]:
    names = [clean_name(str(n)) for n in reviewers]  # (as their files will store them)
    if not names or UNKNOWN in names:
        raise TeamError("name the reviewers (ana,ben,chen)" if UNKNOWN not in map(
            str.strip, map(str, reviewers)) else "'unknown' names no reviewer: a "
            "merge gives it to the rows that name nobody; name the reviewers (ana,ben,chen)")
    folded = [n.casefold() for n in names]
    if len(set(folded)) != len(folded):
        twice = next(n for n in names if folded.count(n.casefold()) > 1)
        raise TeamError(f"reviewer {twice!r} is named twice")
    if not 0.0 <= overlap <= 1.0:
        raise TeamError(f"the overlap is a share of the postings, 0 to 1 (not {overlap})")
    if len(names) > 1 and not 2 <= copies <= len(names):
        most = "2" if len(names) == 2 else f"2 to {len(names)}"
        raise TeamError(f"--copies: a shared posting goes to {most} reviewers, as many as "
                        f"are named at most (not {copies})")
    return names


def _digest(page_hash: str) -> tuple[int, int]:
    """Two numbers from a posting's page hash: its place in the turns, and whether it is
    shared (the smallest are)."""
    digest = hashlib.blake2b(page_hash.encode("utf-8", "surrogatepass"), digest_size=16,
                             person=b"reviewer-split").digest()
    return int.from_bytes(digest[:8], "big"), int.from_bytes(digest[8:], "big")


def _plan(store: Store, reviewers: int, overlap: float,
          copies: int) -> tuple[array[int], array[int], array[int]]:
    """(ids in order, the first turn of each, how many reviewers each goes to): arrays of
    the project's postings, eight bytes and a few a posting."""
    ids, places, shares = array("q"), array("Q"), array("Q")
    after = 0
    while page := store.transfer.hashes(after, 10_000):
        after = page[-1][0]
        for pid, page_hash in page:
            place, share = _digest(page_hash)
            ids.append(pid)
            places.append(place)
            shares.append(share)
    n = len(ids)
    counts = array("i", [1]) * n
    if reviewers > 1:
        wanted = round(overlap * n)
        for at in sorted(range(n), key=shares.__getitem__)[:wanted]:  # stable: ties by id
            counts[at] = copies
    starts, turn = array("q", [0]) * n, 0
    for at in sorted(range(n), key=places.__getitem__):
        starts[at] = turn
        turn += counts[at]
    return ids, starts, counts


def copy_setup(source: Store, target: Store) -> None:
    """What a project carries to another besides its postings: the label schema, the
    guidelines and descriptions, the remembered column mappings, the learned models."""
    target.labels.save_schema(source.labels.schema())
    target.meta.set_skills_label(source.meta.skills_label())  # (followed through renames)
    if source.meta.guidelines():
        target.meta.set_guidelines(source.meta.guidelines())
    if source.meta.descriptions():
        target.meta.set_descriptions(source.meta.descriptions())
    target.column_maps.remember(source.column_maps.all())
    models = source.transfer.model_rows()
    if models:
        with target.atomic():
            target.transfer.add_models(models)
            # the questions changed since they learnt (the schema saved above marked
            # its own: the source's are the ones that hold for its models)
            target.meta.set_changed_questions(source.meta.changed_questions())
