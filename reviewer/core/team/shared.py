"""Whose work each input of a merge is, where two inputs carry one reviewer's name.

Each reviewer's values are kept under the name on their rows, so two people who kept
one name (the system's user name of two machines, ``root``) count as one reviewer, the
later value of a thing replacing the earlier, as of one person's two files (a merged
file and the file of one of its reviewers, worked on since). Values alone cannot tell
the two apart, so the merge goes on as for one person and ``shared_notes`` says where it
may have been two: two inputs, or an input and what OUT holds from another file, that
bring one name's values (a value taken back counting as one) that differ on a thing of
one posting (by its page's hash), unless both came from one file (its name and when its
log began; a merged file's log says where each reviewer's values came from), one file
is an older copy of the other (its log goes on in the other's), or both were given that
name (``NAME=FILE``). The note says the command that keeps them apart.

A name given to an input is the name of its own work: of a file that holds no
reviewers' values, every name on its rows; of a merged file, only rows that name nobody
(its reviewers and the rulings made in it keep their names).
"""

from __future__ import annotations

import shlex
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reviewer.core.store import Store, clean_name, same_review
from reviewer.core.store.ruled import merged_name
from reviewer.core.team.files import named, opened_input
from reviewer.core.team.rulings import classify

_PAGE = 500  # postings read at a time
_GONE = object()  # a value its reviewer took back
Source = tuple[str, str]  # the file a value came from: its name, ``source_of`` it
# page hash, name (case aside) → the source, and each thing's value
Held = dict[tuple[str, str], tuple[Source, dict[tuple[str, str], Any]]]


def source_of(store: Store) -> str:
    """Which file a value or a ruling came from: its name, and when its log began (two
    files of one name are two, but for a copy)."""
    return f"{store.path.name} {store.merge_log.origin()}"


def given_names(names: Sequence[str | None] | None, count: int) -> list[str | None]:
    """The names given to ``count`` inputs (None: none), as stored."""
    given = [clean_name(n) if n else None for n in names or [None] * count]
    if len(given) != count:
        raise ValueError("one name (or None) for each input")
    return given


class Naming:
    """How the names on one input's rows are merged: as they are, or those of its own
    work as the name given to it."""

    def __init__(self, store: Store, given: str | None) -> None:
        self.given = given
        self.stem = store.path.stem
        self.merged = bool(store.reviews.reviewers())

    def __call__(self, reviewer: str) -> str:
        name = merged_name(reviewer, self.stem)
        if self.given and (not self.merged or clean_name(reviewer) == "unknown"):
            return self.given
        return name

    def names(self, store: Store) -> set[str]:
        """The names, case aside, that the input's values come under."""
        return {self(name).casefold() for name in [
            *store.reviews.every_name(), *store.merge_log.names(), ""]}


@dataclass
class Shared:
    """What ``shared_notes`` found: a note for each name two files brought apart, the
    names given to every file that brings them (one person's, said so), and those one
    file brought, however many inputs carried it."""

    notes: list[tuple[str, str]] = field(default_factory=list)  # (name, what to say)
    named: set[str] = field(default_factory=set)
    one_file: set[str] = field(default_factory=set)  # names whose values, of several
    # inputs, all came from one file (or a file and its copies)


def shared_notes(out: Path, paths: Sequence[Path], given: Sequence[str | None]) -> Shared:
    """Where inputs ``paths`` (named as ``given`` says), or one of them and OUT, bring
    values of one reviewer name that differ and may be two people's (module doc)."""
    carried: dict[str, list[int]] = {}
    logs = {}  # each input's log: its last line's id, and its digest
    merged = []  # whether each input is a merged file
    for number, path in enumerate(paths):
        with opened_input(path) as store:
            naming = Naming(store, given[number])
            for name in naming.names(store):
                carried.setdefault(name, []).append(number)
            logs[number] = store.merge_log.log_digest()
            merged.append(naming.merged)
    found = Shared(named={name for name, inputs in carried.items() if all(
        (given[n] or "").casefold() == name for n in inputs)})
    before: set[str] = set()
    if out.exists() and out.resolve() not in {p.resolve() for p in paths}:
        with opened_input(out) as store:
            before = {name.casefold() for name in store.reviews.reviewers()}
    shared = {name for name, inputs in carried.items()
              if len(inputs) + (name in before) > 1} - found.named
    if not shared:
        return found
    held: dict[int, Held] = {}
    if before & shared:
        with opened_input(out) as store:
            held[-1] = _held_out(store, shared)
    copies: set[frozenset[int]] = set()  # two inputs of which one is the other's copy
    apart: set[str] = set()  # names two inputs bring from two files
    for number, path in enumerate(paths):
        with opened_input(path) as store:
            held[number] = _held(store, Naming(store, given[number]), shared)
            copies |= {frozenset((other, number)) for other, (last, digest) in logs.items()
                       if other != number and last and last <= logs[number][0]
                       and store.merge_log.log_digest(last) == (last, digest)}
        for other in sorted(held):
            if other < number and frozenset((other, number)) not in copies:
                apart |= _from_two(held[other], held[number])
                pairs = _differ(held[other], held[number], given, other, number)
                for name, (pids, earlier) in pairs.items():
                    found.notes.append((name, _note(out, paths, merged, name,
                                                    (other, earlier), number, pids)))
    found.one_file = shared - apart
    return found


def _from_two(first: Held, second: Held) -> set[str]:
    """The names whose values ``first`` and ``second`` bring from two files (not both
    from one, nor from a file and its copy)."""
    sources: dict[str, tuple[set[Source], set[Source]]] = {}
    for side, held in enumerate((first, second)):
        for (_page, name), (source, _things) in held.items():
            sources.setdefault(name, (set(), set()))[side].add(source)
    return {name for name, (ones, twos) in sources.items()
            if any(not _same_source(one, two) for one in ones for two in twos)}


def _differ(first: Held, second: Held, given: Sequence[str | None], one: int,
            two: int) -> dict[str, tuple[list[str], tuple[str, str]]]:
    """Name → the page hashes where ``first`` and ``second`` hold values of it that
    differ, not both from one file, nor both given the name; and the names of the files
    the first's and the second's came from (of a merged file: one merged into it)."""
    out: dict[str, tuple[list[str], tuple[str, str]]] = {}
    for (page, name), (source, things) in second.items():
        if (page, name) not in first or all(
                n >= 0 and (given[n] or "").casefold() == name for n in (one, two)):
            continue
        source_before, earlier = first[(page, name)]
        if _same_source(source_before, source):
            continue
        if any(_apart(earlier.get(thing, _GONE if ("", "") in earlier else None), value,
                      thing[0]) for thing, value in things.items() if thing != ("", "")) \
                or (("", "") in things and earlier) or (("", "") in earlier and things):
            out.setdefault(name, ([], (source_before[0], source[0])))[0].append(page)
    return out


def _apart(earlier: Any, value: Any, kind: str) -> bool:
    """Whether two values of one name differ (one taken back, the other held: yes)."""
    if earlier is None:
        return False
    if earlier is _GONE or value is _GONE:
        return earlier is not value
    return not same_review(earlier, value, kind)


def _same_source(first: Source, second: Source) -> bool:
    return first[0] == second[0] and (first[1] == second[1] or "" in (first[1], second[1]))


def _held(store: Store, naming: Naming, shared: set[str]) -> Held:
    """An input's values of the names ``shared`` (as ``merge`` sorts them:
    ``rulings.classify``), with the values its reviewers took back and where each came
    from."""
    own: Source = (store.path.name, source_of(store))
    out: Held = {}
    for hashes, values, takings, sources in _pages(store, naming):
        for pid, name, kind, key, value in [*values, *takings]:
            if name.casefold() in shared:
                source = sources.get((pid, name.casefold()), own)
                things = out.setdefault((hashes[pid], name.casefold()), (source, {}))[1]
                if value is not _GONE or (kind, key) not in things:
                    things[(kind, key)] = value
    return out


def _pages(store: Store, naming: Naming) -> Iterator[tuple[dict[int, str], list[Any],
                                                           list[Any], dict[Any, Source]]]:
    """An input's postings a page at a time: their hashes, values, values taken back
    (``_GONE``) and, of a merged file, where each reviewer's values came from."""
    after = 0
    while page := store.transfer.hashes(after, _PAGE):
        after = page[-1][0]
        ids = [pid for pid, _digest in page]
        values, _rulings = classify(
            store.transfer.values(ids), store.transfer.reviews_of(ids) if naming.merged
            else {}, naming.stem, store.merge_log.made_here(ids) if naming.merged else {})
        takings = [(pid, naming(who), kind, key, _GONE)
                   for pid, who, kind, key, _at, _place in store.merge_log.takings_back(ids)]
        yield (dict(page), [(v.posting, naming(v.reviewer), v.kind, v.key, v.value)
                            for v in values], takings,
               store.merge_log.sources(ids) if naming.merged else {})


def _held_out(store: Store, shared: set[str]) -> Held:
    """What OUT holds of the names ``shared``: their values and the file each came from."""
    out: Held = {}
    after = 0
    while page := store.transfer.hashes(after, _PAGE):
        after = page[-1][0]
        ids = [pid for pid, _digest in page]
        hashes, sources = dict(page), store.merge_log.sources(ids)
        for pid, known in store.transfer.reviews_of(ids).items():
            for (who, kind, key), (value, _at) in known.items():
                name = who.casefold()
                if name in shared and (pid, name) in sources:
                    out.setdefault((hashes[pid], name), (sources[(pid, name)], {}))[1][
                        (kind, key)] = value
    return out


def _note(out: Path, paths: Sequence[Path], merged: Sequence[bool], name: str,
          earlier: tuple[int, tuple[str, str]], second: int, pages: list[str]) -> str:
    """What to say of two files that brought one name's values that differ, and the
    command that keeps them apart where they are two people (``NAME=FILE``, of each
    one's own file: of a merged file (``merged``: which inputs are), the file merged into
    it that brought them, which its log names but not where it is now)."""
    with opened_input(paths[second]) as store:
        ids = sorted(store.transfer.ids_of(pages).values())
    shown = ", ".join(map(str, ids[:10])) + (" …" if len(ids) > 10 else "")
    first, sources = earlier
    later = named(paths[second].name)
    where = f"{named(paths[first].name)} and {later} both bring" if first >= 0 else \
        f"{named(out.name)} holds from {named(sources[0])}, and {later} brings,"
    args: list[str] = []
    inside: list[str] = []  # (of a merged file: the file merged into it, and it)
    for number, source in zip((first, second), sources, strict=True):
        given = f"NAME{len(args) + 1}="
        if number < 0:
            args.append(given + shlex.quote(named(source)))
            continue
        if merged[number] and source != paths[number].name:
            args.append(given + shlex.quote(named(source)))
            inside.append(f" ({named(source)} is the file merged into "
                          f"{named(paths[number].name)} that brought them: give its path)")
        elif merged[number]:  # (made in the merged file: NAME=FILE does not rename them)
            args.append(given + "FILE")
            inside.append(f" ({named(source)}'s values of {name} were made in it, not "
                          "merged from a file: FILE is the file of the one who made them)")
        else:
            args.append(given + shlex.quote(named(str(paths[number]))))
    one = len(ids) == 1
    where_now = "".join(inside)
    return (f"{where} values of the reviewer {name} that differ on {len(ids):,} posting"
            f"{'' if one else 's'} ({'id' if one else 'ids'} {shown} in {later}): they were "
            "merged as one person's, the later value replacing the earlier. If they are two "
            "people, merge each one's own file into a new file, naming its reviewer "
            f"(NAME=FILE): reviewer merge NEW.db {' '.join(args)}{where_now}")
