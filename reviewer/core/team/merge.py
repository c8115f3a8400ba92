"""``merge_projects``: reviewers' project files brought together into one; no decision lost.

Postings are matched by their page hash; one new to the output (OUT) is copied whole as
the machine left it. Every decision in an input (a field's state, value and spans, a
question's answer, the accepted spans, the status, the comment) becomes a reviewer's
value in OUT's ``reviews``, under the name on its rows ("unknown" or none: the input
file's name without ``.db``); a reviewer's value replaces that reviewer's earlier one for
the same thing unless the earlier is newer. An input that was itself merged brings its
reviewers' values too.

OUT's final decisions (annotations, doc_labels, spans, status, comment) follow, thing
by thing, for each thing whose values the merge changed:

- where every reviewer who decided it agrees (``reviews.same``), the value that came in
  becomes the final one, in its reviewer's name, unless the final one says the same;
- where they differ, there is none, and ``reviews.refresh`` marks the posting a
  disagreement until someone adjudicates;
- a final decision that is not a reviewer's value is a ruling, and stays whatever comes
  in: an adjudicated field, or a decision whose author has no value of their own for the
  thing, or another, or one a person made in OUT itself after a merge and did not undo
  (a label answered while adjudicating, by a reviewer too: ``MergeLog.made_here``); a
  ruling brought from a file is replaced by that file's own later one, another file's
  that differs is said. A final decision that is its author's value follows the
  reviewers as above: a new reviewer who differs takes it away; one who took their value
  back since (``retract``) takes it out of the reviews. What the merge settles on the
  reviewers' values, it logs: a person's ruling made before it is one no more. Spans of
  a posting with rejected ones are settled once every input is in (``span_ruling``).

OUT may be the project a split came from: before the reviewers' values of a posting come
in, each of its final decisions counts as its author's value (never in a file a merge
made, nor once a merge brought a posting values). Merging a file again changes nothing.
Inputs are read in batches, a transaction each; an input or OUT damaged or no project is
refused first. Asked to stop (``cancelled``), it stops between two batches.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from reviewer.core.store import Store
from reviewer.core.store.merge_log import Made, Thing
from reviewer.core.store.reviews import same
from reviewer.core.store.ruled import by_thing, is_ruling, merged_name
from reviewer.core.store.transfer import Value
from reviewer.core.team.anchor import moved_all
from reviewer.core.team.files import (
    TeamError,
    check_distinct,
    check_input,
    check_not_a_reviewers,
    clear_leftovers,
    held,
    opened_input,
    partial_name,
    put_in_place,
    remove_project,
)
from reviewer.core.team.report import InputReport, MergeReport
from reviewer.core.team.retract import (
    Known,
    Tally,
    agreed,
    dumps,
    given_since,
    latest,
    of_thing,
    taken_back,
)
from reviewer.core.team.rulings import classify, joined, standing
from reviewer.core.team.shared import Naming, given_names, shared_notes, source_of
from reviewer.core.team.span_ruling import HeldSpans
from reviewer.core.team.split import Progress
from reviewer.core.team.union import Setup, united

BATCH = 500  # input postings a transaction


def merge_projects(out_path: str | Path, inputs: Sequence[str | Path],
                   progress: Progress | None = None, reviewer: str | None = None,
                   cancelled: Callable[[], bool] | None = None,
                   names: Sequence[str | None] | None = None) -> MergeReport:
    """Merge the project files ``inputs`` into ``out_path`` (made if missing; see the
    module's doc) as ``reviewer`` (default: the store's); ``names``: each input's own
    work's name (None: none; ``shared``). ``TeamError`` before anything is written for
    an input that cannot be merged; ``ProjectError`` for an OUT that cannot be opened or
    written. Once ``cancelled()`` says so, it stops before its next batch (``stopped``)."""
    out_path, paths = Path(out_path), [Path(p) for p in inputs]
    if not paths:
        raise TeamError("name the project files to merge")
    given = given_names(names, len(paths))
    check_distinct(paths)  # (first: a file named twice by a hard link cannot be opened)
    total = sum(check_input(p, out_path) for p in paths)
    shared = shared_notes(out_path, paths, given)
    created = not out_path.exists()
    setup = united(out_path, created, paths)
    # a new OUT is written under another name until whole: a merge stopped leaves none
    target = partial_name(out_path) if created else out_path
    if created:
        clear_leftovers(out_path)  # left by merges that were stopped
    with held(target) if created else contextlib.nullcontext():
        report = _merge_into(target, out_path, paths, given, total, created, reviewer,
                             progress, cancelled or (lambda: False), setup)
    report.shared, report.named = shared.notes, shared.named
    report.one_file, report.setup = shared.one_file, setup.notes
    return report


def _merge_into(target: Path, out_path: Path, paths: list[Path], given: list[str | None],
                total: int, created: bool, reviewer: str | None, progress: Progress | None,
                cancelled: Callable[[], bool], setup: Setup) -> MergeReport:
    """``merge_projects``'s work, into ``target`` (``out_path``'s partial file where the
    merge makes it), with the schema and guidelines of ``setup``."""
    out, whole = Store(target, reviewer=reviewer), False
    try:
        out.check_writable()
        check_not_a_reviewers(out, out_path, paths)
        if created:
            out.meta.set_made_by_merge()
        report = MergeReport(out_path, created=created, total=total)
        merger = _Merger(out, report, out_path.stem)
        done = 0
        for number, path in enumerate(paths):
            if cancelled():
                report.stopped = True
                break
            with opened_input(path) as src:
                if number == 0:
                    setup.put(out, created, src)
                item = InputReport(path)
                report.inputs.append(item)
                done = merger.merge(src, item, done, total, progress, cancelled, given[number])
        with out.atomic():
            merger.conclude()
        report.disagreements = out.queue.count(field_state="disagreement")
        report.postings, whole = out.queue.count(), not (created and report.stopped)
    finally:
        out.close()
        if created and whole:
            put_in_place(target, out_path)
        elif created:
            remove_project(target)
    return report


class _Merger:
    """Merges one input at a time into OUT, a batch of postings a transaction."""

    def __init__(self, out: Store, report: MergeReport, stem: str) -> None:
        self.out, self.report = out, report
        self.stem = stem  # OUT's file name, without .db
        self.made_by_merge = out.meta.made_by_merge()  # (no vote of its own then: ``_own``)
        self.tally = Tally(report)  # ``final`` and ``withdrawn``, against where each began
        self.here: dict[Thing, Made] = {}  # of a batch: decided in OUT since (``made_here``)
        self.settled: list[Thing] = []  # of a batch: final decisions set on the reviewers'
        self.source = ""  # the input merged (``merge``)
        self.spelled = {name.casefold(): name for name in out.reviews.reviewers()}
        self.spans = HeldSpans()  # (settled at the end: ``conclude``)

    def merge(self, src: Store, item: InputReport, done: int, total: int,
              progress: Progress | None, cancelled: Callable[[], bool],
              given: str | None = None) -> int:
        """Merge input ``src`` (``given``: the name of its own work, ``shared``)."""
        has_reviews = bool(src.reviews.reviewers())
        self.naming = Naming(src, given)
        # which file a ruling came from: its name, and when its log began (two files of
        # one name are two, but for a copy)
        self.source = source_of(src)
        before = (self.report.final, self.report.withdrawn, self.report.own)
        after = 0
        while page := src.transfer.hashes(after, BATCH):
            if cancelled():  # (between batches: each one is whole)
                self.report.stopped = True
                break
            after = page[-1][0]
            with self.out.atomic():
                self._batch(src, page, item, has_reviews)
            item.postings += len(page)
            done += len(page)
            if progress is not None:
                progress(done, total)
        changed = (self.report.final, self.report.withdrawn, self.report.own) != before
        if item.added or item.decisions or item.rulings or changed:
            with self.out.atomic():
                self.out.transfer.log("merge", {
                    "file": item.path.name, "added": item.added, "decisions": item.decisions,
                    "reviewers": sorted(item.reviewers)})
        return done

    def _batch(self, src: Store, page: list[tuple[int, str]], item: InputReport,
               has_reviews: bool) -> None:
        out = self.out
        known = out.transfer.ids_of([h for _pid, h in page])
        new = [pid for pid, h in page if h not in known]
        added = out.transfer.add(src.transfer.whole(new)) if new else {}
        item.added += len(added)
        item.matched += len(page) - len(new)
        to_out = {pid: known.get(h) or added[h] for pid, h in page}
        src_ids = [pid for pid, _h in page]
        incoming, rulings = classify(
            src.transfer.values(src_ids), src.transfer.reviews_of(src_ids) if has_reviews
            else {}, src.path.stem, src.merge_log.made_here(src_ids) if has_reviews else {})
        out.transfer.add_seconds([(to_out[p], self._theirs(r), s)
                                  for p, r, s in src.transfer.seconds(src_ids)])
        takings = [(to_out[p], self._theirs(w), kind, key, at, place)
                   for p, w, kind, key, at, place in src.merge_log.takings_back(src_ids)]
        if not incoming and not rulings and not takings:
            return
        posts = {to_out[v.posting] for v in incoming + rulings} | {t[0] for t in takings}
        matched = sorted(posts - set(added.values()))
        if matched:
            theirs = src.transfer.texts(sorted({v.posting for v in incoming + rulings}))
            ours = out.transfer.texts(matched)
            differ = {pid: text for pid, text in theirs.items()
                      if to_out[pid] in ours and ours[to_out[pid]] != text}
            item.text_differs += len(differ)
            incoming, left = moved_all(incoming, differ, ours, to_out)
            rulings, also_left = moved_all(rulings, differ, ours, to_out)
            item.spans_left += left + also_left
        finals = by_thing(out.transfer.values(matched))
        self.here = out.merge_log.made_here(matched)
        reviews = out.transfer.reviews_of(sorted(posts))
        rows = self._own(finals, reviews)
        earlier = {pid: dict(values) for pid, values in reviews.items()}
        self.spans.hold(out.transfer, matched, finals, earlier)
        held = {(to_out[v.posting], self._theirs(v.reviewer), v.kind, v.key) for v in incoming}
        # values their reviewers took back, whichever file said so first: not brought
        # again by a file that still holds them (one merged before, or an older copy)
        gone = latest(out.merge_log.takings_back(matched, merged_only=True))
        told = [t for t in takings if t[2] and t[:4] not in held and (
            t[:4] not in gone or t[4] > gone[t[:4]][4])]
        gone.update(latest(told))
        own = latest(takings)  # (a value of the second of its taking back: ``given_since``)
        came: dict[Thing, tuple[str, Value]] = {}
        for value in incoming:
            pid, name = to_out[value.posting], self._theirs(value.reviewer)
            item.reviewers.add(name)
            key = (name, value.kind, value.key)
            old = reviews.get(pid, {}).get(key)
            if old is not None and old[0] == value.value:
                if old[1] < value.at:  # given again since: of that time (a value taken
                    rows.append((pid, name, value.kind, value.key, dumps(value.value),
                                 value.at))  # back between is theirs)
                    reviews[pid][key] = (value.value, value.at)
                continue
            if old is not None and old[1] > value.at:
                item.older.add(name)  # (said: a file merged before, or a clock behind)
                item.older_values += 1
                continue
            took = gone.get((pid, *key))
            if took is not None and (value.at < took[4] or (value.at == took[4] and not
                                     given_since(took, own.get((pid, *key)),
                                                 own.get((pid, name, "", ""))))):
                continue
            rows.append((pid, name, value.kind, value.key, dumps(value.value), value.at))
            reviews.setdefault(pid, {})[key] = (value.value, value.at)
            came[(pid, value.kind, value.key)] = (name, value)
            item.decisions += 1
        if rows:
            out.reviews.put(rows)
        touched = {pid for pid, _kind, _key in came}
        out.merge_log.log_merged(src.path.name, [(t[0], who) for t, (who, _v) in came.items()],
                                 self.source)
        for thing, (name, value) in came.items():
            if not self.spans.keeps(thing, name, value):
                self._settle(thing, name, value, finals.get(thing, []), earlier, reviews)
        removed = taken_back(takings, held, reviews)
        # logged, at the time they were taken back: the files OUT is merged into learn it
        out.merge_log.log_taken_back(list(latest(told + [
            r for r in removed if r[:4] not in gone or r[4] > gone[r[:4]][4]]).values()))
        for pid, name, what, which, _at, _place in removed:
            out.reviews.remove(pid, name, what, which)
            del reviews[pid][(name, what, which)]
            item.taken_back += 1
            self.report.taken_back += 1
            touched.add(pid)
            thing = (pid, what, which)
            if not self.spans.keeps(thing):
                self._settle_again(thing, finals.get(thing, []), earlier, reviews)
        ruled: list[tuple[int, str, str, str, Any]] = []
        for value in rulings:
            pid = to_out[value.posting]
            thing = (pid, value.kind, value.key)
            final = finals.get(thing, [])
            differs = bool(final) and not same(joined(final).value, value.value, value.kind)
            if final and self._ruling(thing, final, earlier) and not (
                    differs and (self.here.get(thing) or ("", None, None))[2] == self.source):
                if differs:  # (a ruling this file brought before is replaced by its own)
                    item.overruled.append(pid)
                continue  # OUT's own ruling stands
            name = self._theirs(value.reviewer)
            out.transfer.set_final(pid, value, name)
            ruled.append((pid, name, value.kind, value.key,
                          value.value if value.kind in ("label", "status") else None))
            item.rulings += 1
            touched.add(pid)
        out.merge_log.log_ruled(self.source, ruled)
        out.merge_log.log_settled(self.settled)
        self.settled = []
        out.transfer.finish()
        out.reviews.refresh(sorted(touched))

    def conclude(self) -> None:
        """After the last input: the spans held back (``span_ruling``), settled on the
        reviewers' spans as all the inputs left them."""
        pids, out = sorted(self.spans.held), self.out
        reviews, finals = out.transfer.reviews_of(pids), by_thing(out.transfer.values(pids))
        self.here = out.merge_log.made_here(pids)
        for thing, earlier, name, value, lapsed in self.spans.settle(out.transfer, reviews):
            if lapsed:
                self.settled.append(thing)  # (a person's ruling no more)
            self._settle(thing, name, value, finals.get(thing, []), earlier, reviews)
        out.merge_log.log_settled(self.settled)
        out.transfer.finish()
        out.reviews.refresh(pids)

    def _who(self, reviewer: str, stem: str) -> str:
        """A name on an input's rows as merged (``merged_name``), spelled as the first one
        merged that differs from it in case alone: one person, one reviewer ("alice" of
        one split, "Alice" of another)."""
        name = merged_name(reviewer, stem)
        return self.spelled.setdefault(name.casefold(), name)

    def _theirs(self, reviewer: str) -> str:
        """A name on the input's rows as merged: its own work's given name (``Naming``),
        then as ``_who`` spells it."""
        return self._who(self.naming(reviewer), self.naming.stem)

    def _ruling(self, thing: Thing, final: list[Value], earlier: Known) -> bool:
        """Whether OUT's final decision of ``thing`` is a ruling (``rulings.is_ruling``)."""
        return is_ruling(final, of_thing(earlier, thing), self.stem, self.here.get(thing))

    def _own(self, finals: dict[Thing, list[Value]], reviews: Known) -> list[tuple[Any, ...]]:
        """OUT's own decisions on postings no reviewer's values came to yet, as their
        authors' values (``reviews.put`` rows; ``reviews`` takes them): the split-from's."""
        rows: list[tuple[Any, ...]] = []
        if self.made_by_merge:
            return rows
        merged = {pid for pid, known in reviews.items() if known}  # (before these)
        merged |= self.out.merge_log.merged_before(sorted({pid for pid, *_ in finals}))
        for (pid, kind, key), group in finals.items():
            if pid in merged:
                continue
            for value in group:
                if value.ruling:
                    continue
                name = self._who(value.reviewer, self.stem)
                rows.append((pid, name, kind, key, dumps(value.value), value.at))
                reviews.setdefault(pid, {})[(name, kind, key)] = (value.value, value.at)
                self.report.own += 1
        return rows

    def _settle(self, thing: Thing, name: str, value: Value, final: list[Value],
                earlier: Known, reviews: Known) -> None:
        """OUT's final decision of a thing whose reviewers' values changed."""
        pid, kind, key = thing
        final = standing(kind, final)
        if final and self._ruling(thing, final, earlier):
            return
        latest = agreed(reviews.get(pid, {}), kind, key)  # (alike: the latest, any order)
        if latest is not None:
            if latest[0] != name:
                value = Value(pid, latest[0], kind, key, latest[1], latest[2])
            if (final and dumps(final[0].value) == dumps(value.value)
                    and {merged_name(f.reviewer, self.stem) for f in final} == {latest[0]}) or (
                    not final and kind == "spans" and not value.value):
                return  # (the same, in the latest's name: whatever the files' order)
            self._decide(thing, final, value, latest[0])
        elif final:
            self._decide(thing, final, None)

    def _settle_again(self, thing: Thing, final: list[Value], earlier: Known,
                      reviews: Known) -> None:
        """A thing a reviewer took back: what the others agree on, else none (a ruling
        stays)."""
        pid, kind, key = thing
        final = standing(kind, final)
        if final and self._ruling(thing, final, earlier):
            return
        rest = agreed(reviews.get(pid, {}), kind, key)
        if rest is not None:  # in the name of one who holds it (the author may be gone)
            self._decide(thing, final, Value(pid, rest[0], kind, key, rest[1], rest[2]),
                         rest[0])
        elif final:
            self._decide(thing, final, None)

    def _decide(self, thing: Thing, final: list[Value], value: Value | None,
                name: str = "") -> None:
        """Make ``value`` the final decision of ``thing`` on the reviewers' values, in
        reviewer ``name``'s (None: take the final one away), counted and logged as
        settled."""
        pid, kind, key = thing
        if value is None:
            self.out.transfer.withdraw(pid, kind, key)
        else:
            self.out.transfer.set_final(pid, value, name)
        self.tally.note(thing, final, None if value is None else dumps(value.value))
        self.settled.append(thing)
