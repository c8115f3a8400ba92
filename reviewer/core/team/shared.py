"""Whose work each input of a merge is, where two inputs carry one reviewer's name.

Each reviewer's values are kept under the name on their rows, so two people who kept
one name (the system's user name of two machines, ``root``) would count as one
reviewer, the later file's values replacing the earlier's unsaid. A name given to an
input (``NAME=FILE``, ``names``) is the name of its own work: every value whose rows
carry a name that is not one of its reviewers' (the reviewers merged into it keep
theirs). Before anything is written, ``check_shared`` refuses inputs that, so named,
still bring one reviewer's values that differ on a thing of a posting both hold, and
says the command that names each one's reviewer; unless that name was given to both,
which says they are one person's, or one file is an older copy of the other (its log
goes on in the other's): the later value of a thing is then kept, as of one file merged
again.
"""

from __future__ import annotations

import shlex
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from reviewer.core.store import Store, same_review
from reviewer.core.store.ruled import merged_name
from reviewer.core.store.transfer import Value
from reviewer.core.team.files import TeamError, named, opened_input
from reviewer.core.team.rulings import classify

_PAGE = 500  # postings read at a time


class Naming:
    """How the names on one input's rows are merged: as they are, or those of its own
    work as the name given to it."""

    def __init__(self, store: Store, given: str | None) -> None:
        self.given = given
        self.stem = store.path.stem
        self.reviewed = {name.casefold() for name in store.reviews.reviewers()}

    def __call__(self, reviewer: str) -> str:
        name = merged_name(reviewer, self.stem)
        return self.given if self.given and name.casefold() not in self.reviewed else name

    def names(self, store: Store) -> set[str]:
        """The names, case aside, that the input's values come under."""
        return {self(name).casefold() for name in [*store.reviews.every_name(), ""]}


def check_shared(out: Path, paths: Sequence[Path], given: Sequence[str | None]) -> None:
    """``TeamError`` where two of the inputs ``paths`` (named as ``given`` says) bring
    values of one reviewer that differ on a thing of one posting (by its page's hash):
    merged, one would replace the other."""
    carried: dict[str, list[int]] = {}
    for number, path in enumerate(paths):
        with opened_input(path) as store:
            for name in Naming(store, given[number]).names(store):
                carried.setdefault(name, []).append(number)
    shared = {name for name, inputs in carried.items() if len(inputs) > 1}
    if not shared:
        return
    involved = {number for name in shared for number in carried[name]}
    logs = {}  # each input's log: its last line's id, and its digest
    for number in sorted(involved):
        with opened_input(paths[number]) as store:
            logs[number] = store.merge_log.log_digest()
    seen: dict[tuple[str, str, str, str], tuple[Any, int]] = {}
    clashes: dict[tuple[str, int, int], list[int]] = {}  # name, inputs → the later's postings
    copies: set[tuple[int, int]] = set()  # (input, an older copy of it)
    for number in sorted(involved):
        with opened_input(paths[number]) as store:
            copies.update((number, other) for other, (last, digest) in logs.items()
                          if other != number and last and last < logs[number][0]
                          and store.merge_log.log_digest(last) == (last, digest))
            for page_hash, pid, name, value in _values(store, Naming(store, given[number])):
                if name.casefold() not in shared:
                    continue
                key = (page_hash, name.casefold(), value.kind, value.key)
                earlier = seen.setdefault(key, (value.value, number))
                if earlier[1] != number and not _one_person(name, given, earlier[1], number) \
                        and not {(number, earlier[1]), (earlier[1], number)} & copies \
                        and not same_review(earlier[0], value.value, value.kind):
                    found = clashes.setdefault((name, earlier[1], number), [])
                    if pid not in found:
                        found.append(pid)
    if clashes:
        raise TeamError(_refusal(out, paths, given, clashes))


def _one_person(name: str, given: Sequence[str | None], first: int, second: int) -> bool:
    """Whether both inputs were given ``name`` (case aside): said to be one person's work,
    of which the later value of a thing is kept."""
    return all((given[n] or "").casefold() == name.casefold() for n in (first, second))


def _values(store: Store, naming: Naming) -> Iterator[tuple[str, int, str, Value]]:
    """(page hash, posting, name as merged, value) of every reviewer's value the input
    brings (as ``merge`` sorts them: ``rulings.classify``)."""
    has_reviews = bool(store.reviews.reviewers())
    after = 0
    while page := store.transfer.hashes(after, _PAGE):
        after = page[-1][0]
        ids = [pid for pid, _digest in page]
        hashes = dict(page)
        values, _rulings = classify(
            store.transfer.values(ids), store.transfer.reviews_of(ids) if has_reviews
            else {}, naming.stem, store.merge_log.made_here(ids) if has_reviews else {})
        for value in values:
            yield hashes[value.posting], value.posting, naming(value.reviewer), value


def _refusal(out: Path, paths: Sequence[Path], given: Sequence[str | None],
             clashes: dict[tuple[str, int, int], list[int]]) -> str:
    """What to say of inputs that bring one name's values that differ, and the command
    that names each input's reviewer (``NAME=FILE``)."""
    (name, first, second), pids = next(iter(clashes.items()))
    shown = ", ".join(map(str, pids[:10])) + (" …" if len(pids) > 10 else "")
    one = len(pids) == 1
    clashing = {n for (_name, a, b) in clashes for n in (a, b)}
    args = [shlex.quote(named(str(path))) if number not in clashing
            else f"NAME{number + 1}={shlex.quote(named(str(path)))}"
            for number, path in enumerate(paths)]
    return (f"{named(paths[first].name)} and {named(paths[second].name)} both carry the "
            f"reviewer {name}, and their values differ on {len(pids):,} posting"
            f"{'' if one else 's'} ({'id' if one else 'ids'} {shown} in "
            f"{named(paths[second].name)}): merged, one would replace the other. Nothing was "
            "merged. If they are different people, name the reviewer of each file (NAME=FILE: "
            "the file's own work is NAME's): reviewer merge "
            f"{shlex.quote(named(str(out)))} {' '.join(args)}; if they are one person's, "
            f"give both that name ({shlex.quote(name)}=FILE), and the later value of each "
            "thing is kept.")
