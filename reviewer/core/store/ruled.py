"""``store.ruled``: which of a project's final decisions are rulings, and who made them.

After a merge, a final decision is either its reviewers' own (they agree on it) or a
ruling: an adjudicated field, a decision that is no reviewer's value, or one a person
decided in the merged file itself (``MergeLog.made_here``). A merge keeps rulings where
they are (``team.merge``); an export names who made them (``adjudicated_by`` in the
canonical record, ``reviewer.core.records``).
"""

from __future__ import annotations

from typing import Any

from reviewer.core.store.merge_log import Made, MergeLog, Thing
from reviewer.core.store.reviewer import UNKNOWN, clean_name
from reviewer.core.store.reviews import same
from reviewer.core.store.transfer import Transfer, Value


def merged_name(reviewer: str, stem: str) -> str:
    """A reviewer's name as merged: the rows' name, else the file's."""
    name = clean_name(reviewer)
    return clean_name(stem) if name == "unknown" else name


def is_ruling(final: list[Value], theirs: dict[str, Any], stem: str,
              made: Made | None = None) -> bool:
    """Whether a final decision is a ruling rather than its author's own value
    (``theirs``: each reviewer's value of the thing): an adjudicated field, one that is
    no reviewer's value, or one its author decided in the merged file itself (``made``:
    who last decided the thing there since its first merge, and what; a reviewer who
    adjudicates with their own answer rules too)."""
    if any(v.ruling for v in final):
        return True
    authors = {merged_name(v.reviewer, stem) for v in final}
    if made is not None and {a.casefold() for a in authors} == {
            merged_name(made[0], stem).casefold()} and (
            made[1] is None or same(made[1], final[0].value, final[0].kind)):
        return True
    if len(authors) != 1:
        return True
    mine = theirs.get(authors.pop())
    return mine is None or not same(mine, final[0].value, final[0].kind)


def by_thing(values: list[Value]) -> dict[Thing, list[Value]]:
    out: dict[Thing, list[Value]] = {}
    for value in values:
        out.setdefault((value.posting, value.kind, value.key), []).append(value)
    return out


# the postings that may hold a ruling: one with an adjudicated field, or one that holds
# reviewers' values and whose log says more than a merge did to it (a ruling is a
# person's edit there, logged, or one a merge or an import brought, logged as "ruled")
_RULED = (
    "SELECT posting_id FROM annotations WHERE state = 'adjudicated' AND posting_id BETWEEN"
    " :first AND :last UNION SELECT posting_id FROM events WHERE posting_id BETWEEN :first"
    " AND :last AND kind NOT IN ('merge', 'settled', 'taken_back') AND posting_id IN"
    " (SELECT posting_id FROM reviews WHERE posting_id BETWEEN :first AND :last) UNION"
    " SELECT posting_id FROM events WHERE kind = 'ruled' AND posting_id BETWEEN :first AND"
    " :last")


def rulings(transfer: Transfer, log: MergeLog, first: int, last: int, stem: str,
            undecided: dict[int, list[str]]) -> dict[int, dict[str, str]]:
    """Who made each ruling on the postings ``first``..``last``: posting → what it
    decided, named as a record's ``undecided`` names it (``field:NAME``, ``label:Q``,
    ``spans``, ``status``, ``comment``) → who (who last decided it in the project, as its
    log says, else the name on its rows; ``stem``, the project file's name, where they
    name nobody), in the order they were made (``_made_when``). Only postings that hold
    reviewers' values or an adjudicated field have any (``_RULED``); on one that holds
    reviewers' values, a final decision is a ruling as a merge counts it (``is_ruling``:
    one that no reviewer decided too, such as a question answered while adjudicating);
    what their reviewers still differ on (``undecided``) is none, and "no span labels"
    is one only where a reviewer labelled some."""
    ids = [pid for (pid,) in transfer.db.execute(_RULED, {"first": first, "last": last})]
    if not ids:
        return {}
    reviews = transfer.reviews_of(ids)
    made = log.made_here(ids)
    order = {thing: n for n, thing in enumerate(made)}  # (the log's order)
    found: dict[int, list[tuple[tuple[str, int], str, str]]] = {}
    for thing, final in by_thing(transfer.values(ids)).items():
        pid, kind, key = thing
        name = f"{kind}:{key}" if key else kind
        theirs = {who: value for (who, k, kk), (value, _at) in reviews.get(pid, {}).items()
                  if (k, kk) == (kind, key)}
        if name in undecided.get(pid, ()) or (kind == "spans" and not any(
                v.value for v in final) and not any(theirs.values())):
            continue
        mine = made.get(thing)
        if not theirs and not _imported(final, mine):
            mine = None  # (decided again since an import: its rows say who)
        if any(v.ruling for v in final) or (
                is_ruling(final, theirs, stem, mine) if pid in reviews else mine):
            who = mine[0] if mine else min(v.reviewer for v in final)
            when = (mine[3], order[thing]) if mine else (max(v.at for v in final), -1)
            found.setdefault(pid, []).append((when, name, who if clean_name(who) == UNKNOWN
                                              else merged_name(who, stem)))
    return {pid: _made_when(ruled) for pid, ruled in found.items()}


def _made_when(ruled: list[tuple[tuple[str, int], str, str]]) -> dict[str, str]:
    """A posting's rulings (when, what, who) as ``adjudicated_by`` lists them: in the
    order made, the latest last (when: the time the log says, else its rows', then the
    log's order); of rulings made at once, the first by name last, so that of
    adjudicators who ruled as much ``records.adjudicator`` credits it."""
    by_name = sorted(ruled, key=lambda r: r[2], reverse=True)
    return {what: who for _when, what, who in sorted(by_name, key=lambda r: r[0])}


def _imported(final: list[Value], made: Made | None) -> bool:
    """Whether a final decision of a posting without reviewers' values is a ruling an
    import brought (its record's ``adjudicated_by``), still in its adjudicator's name."""
    return made is not None and bool(final) and {
        clean_name(v.reviewer).casefold() for v in final} == {clean_name(made[0]).casefold()}
