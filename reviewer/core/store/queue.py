"""``store.queue``: which postings, in which order, for the list a person works down.

Counts, keyset pages and whole id lists by status and field state, in import order,
least confident first or most recently edited, and full-text search. A search text
may hold filters (``company:acme source:example.com``, see ``search``): its words are
ranked by relevance (bm25), its filters keep the postings that match, in any order.
Read only, over the postings table and its indexes; cheap at a million postings.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from reviewer.core.store.decisions import FIELD_STATES
from reviewer.core.store.postings import check_status
from reviewer.core.store.search import (
    LIKE_FILTERS,
    SearchQuery,
    by_part,
    like_pattern,
    match_expression,
    parse_search,
    without_expression,
)
from reviewer.core.store.sqlite import Database
from reviewer.core.words import folded

# list orders: the SQL expression each sorts by (ties broken by id)
ORDERS = {
    "import": "p.id",
    "confidence": "COALESCE(p.min_confidence, 2.0)",
    "recent": "p.updated_at",
    # most useful to review next: what a learned model is least sure of ("ids" spreads
    # it over the files and sites the postings came from); those no model read, last
    "useful": "COALESCE(-p.usefulness, 2.0)",
}
_LATEST_FIRST = frozenset({"recent"})  # orders read from the end: the last edit first
_CHUNK = 500  # ids per IN (...)
# id, status, title, company, location, min_confidence, source
ListRow = tuple[int, str | None, str | None, str | None, str | None, float | None, str]


class Queue:
    """Lists of postings: counts, pages, ids and search."""

    RANKED = 20_000  # search ranks its matches when there are at most this many

    def __init__(self, db: Database) -> None:
        self.db = db

    def count(self, status: str | None = None, field_state: str | None = None) -> int:
        where, params = _filters(status, field_state)
        value: int = self.db.execute(f"SELECT count(*) FROM postings p {where}",
                                     params).fetchone()[0]
        return value

    def page(
        self, order: str = "import", after: tuple[Any, int] | None = None, limit: int = 100,
        status: str | None = None, field_state: str | None = None, descending: bool = False,
    ) -> list[dict[str, Any]]:
        """Postings for a list, in ``order``, after the row keyed ``after`` (keyset paging).

        Each row: id, status, title, company, location, min_confidence, updated_at, and
        ``key``: pass the last row's key as ``after`` for the next page."""
        expr = ORDERS[order]
        where, params = _filters(status, field_state)
        descending = descending != (order in _LATEST_FIRST)
        op, direction = ("<", "DESC") if descending else (">", "ASC")
        if after is not None:
            where += (" AND " if where else "WHERE ") + f"({expr}, p.id) {op} (?, ?)"
            params = [*params, *after]
        rows = self.db.execute(
            f"SELECT p.id, p.status, p.title, p.company, p.location, p.min_confidence,"
            f" p.updated_at, {expr} AS sort_key FROM postings p {where}"
            f" ORDER BY {expr} {direction}, p.id {direction} LIMIT ?", [*params, limit]
        ).fetchall()
        keys = ("id", "status", "title", "company", "location", "min_confidence", "updated_at")
        return [{**dict(zip(keys, r[:7], strict=True)), "key": (r[7], r[0])} for r in rows]

    def rows(self, ids: Sequence[int]) -> dict[int, ListRow]:
        """The list columns (id, status, title, company, location, min_confidence,
        source) of the postings ``ids``, by id (ids not in the project left out)."""
        found: dict[int, ListRow] = {}
        for i in range(0, len(ids), _CHUNK):
            chunk = list(ids[i:i + _CHUNK])
            marks = ",".join("?" * len(chunk))
            found.update((r[0], tuple(r)) for r in self.db.execute(
                "SELECT id, status, title, company, location, min_confidence, source"
                " FROM postings"
                f" WHERE id IN ({marks})", chunk))
        return found

    def ids(self, order: str = "import", status: str | None = None,
            field_state: str | None = None, query: str = "") -> Sequence[int]:
        """Every matching id in order: integers, cheap even at a million.

        ``query``: a search text whose filters (``company:acme``) keep only the postings
        that match, and its words after a minus (``-java``) those without them; its
        plain words are for ``search`` and are not used here."""
        parsed = parse_search(query) if query else SearchQuery()
        if not (parsed.filters or parsed.without or parsed.without_filters):
            return self._ids(order, status, field_state)
        keep = self._filtered(parsed)
        if order == "import":
            return self.passing(keep, status, field_state)
        allowed = set(keep)
        return [pid for pid in self._ids(order, status, field_state) if pid in allowed]

    def _ids(self, order: str, status: str | None, field_state: str | None) -> Sequence[int]:
        """Every id that passes the status and field state filters, in ``order``.

        Every posting in import order, when no id is missing, is a ``range`` (three
        lookups instead of a million rows). Otherwise the ids are read from an index:
        read from the table itself they would walk every page of it, gigabytes at a
        million postings. In import order, that of the postings reviewers disagree on
        (a few) when that is a filter, else the (status, id) index; with a status in
        another order, the index of the status and that order."""
        expr = ORDERS[order]
        where, params = _filters(status, field_state)
        if order == "import" and not where:
            low, high, count = self.db.execute(
                "SELECT (SELECT min(id) FROM postings), (SELECT max(id) FROM postings),"
                " (SELECT count(*) FROM postings)").fetchone()
            if count == 0:
                return range(0)
            if high - low + 1 == count:
                return range(low, high + 1)
        # (reviewers disagree on a few postings: read by their index, in any order)
        few = " INDEXED BY postings_disagreement" if field_state == "disagreement" else ""
        if order == "confidence":  # in two parts, each read in the order of an index
            join = " AND " if where else "WHERE "
            unsure = few or (" INDEXED BY postings_confidence" if status is None
                             else " INDEXED BY postings_status_confidence")
            return [r[0] for r in self.db.execute(
                f"SELECT p.id FROM postings p{few} {where}{join}p.min_confidence IS NOT NULL"
                f" ORDER BY p.min_confidence, p.id", params)] + [r[0] for r in self.db.execute(
                    f"SELECT p.id FROM postings p{unsure} {where}{join}p.min_confidence IS NULL"
                    " ORDER BY p.id", params)]
        if order == "useful":
            return self._useful(status, field_state)
        index = few or (" INDEXED BY postings_status" if order == "import" else "")
        way = " DESC" if order in _LATEST_FIRST else ""
        return [r[0] for r in self.db.execute(
            f"SELECT p.id FROM postings p{index} {where} ORDER BY {expr}{way}, p.id{way}",
            params)]

    def _useful(self, status: str | None, field_state: str | None) -> list[int]:
        """Most useful first, taken in turns from each file or site the postings came from
        (so that one large source does not fill the top of the list), then the postings
        no model read, in import order, then those reviewed. The order is read from the
        usefulness index, each posting's source from the source index and the filters
        from theirs (a second or two at a million postings; reading the sources from the
        table took five)."""
        ranked = [r[0] for r in self.db.execute(
            "SELECT id FROM postings INDEXED BY postings_usefulness"
            " WHERE usefulness IS NOT NULL ORDER BY usefulness DESC, id")]
        unread = [r[0] for r in self.db.execute(
            "SELECT id FROM postings INDEXED BY postings_usefulness"
            " WHERE usefulness IS NULL ORDER BY id")]
        if status is not None or field_state is not None:
            allowed = set(self._ids("import", status, field_state))
            ranked = [pid for pid in ranked if pid in allowed]
            unread = [pid for pid in unread if pid in allowed]
        reviewed: list[int] = []  # no longer useful to review, whatever the model said
        if status is None:  # (listed alone, the reviewed keep their order of usefulness)
            reviewed = list(self._ids("import", "reviewed", field_state))
            done = set(reviewed)
            ranked = [pid for pid in ranked if pid not in done]
            unread = [pid for pid in unread if pid not in done]
        sources = dict(self.db.execute(
            "SELECT id, source FROM postings INDEXED BY postings_source"))
        rank: dict[str, int] = {}
        turns: list[list[int]] = []  # the postings of each turn, most useful first
        for pid in ranked:
            group = source_group(sources.get(pid, ""))
            turn = rank.get(group, 0)
            rank[group] = turn + 1
            if turn == len(turns):
                turns.append([])
            turns[turn].append(pid)
        return [pid for turn in turns for pid in turn] + unread + reviewed

    def passing(self, ids: list[int], status: str | None,
                field_state: str | None) -> list[int]:
        """Those of ``ids`` that pass the filters, in the same order."""
        if not ids or (status is None and field_state is None):
            return ids
        if field_state is not None:
            allowed = set(self._ids("import", status, field_state))
            return [pid for pid in ids if pid in allowed]
        check_status(status)
        keep: set[int] = set()
        for i in range(0, len(ids), _CHUNK):
            chunk = ids[i:i + _CHUNK]
            marks = ",".join("?" * len(chunk))
            keep.update(r[0] for r in self.db.execute(
                f"SELECT id FROM postings WHERE status = ? AND id IN ({marks})",
                [status, *chunk]))
        return [pid for pid in ids if pid in keep]

    def search(self, query: str, limit: int = 1000) -> list[int]:
        """Ids of postings that match the search text ``query``: every word (in title,
        company or text) and every filter (``search.parse_search``).

        Best first when at most ``RANKED`` postings match the words; beyond that in
        import order, since ranking hundreds of thousands of matches takes seconds.
        Filters alone list their matches in import order."""
        found, _after = self._head(parse_search(query), limit)
        return found[:limit]

    def search_head(self, query: str) -> tuple[list[int], int | None]:
        """The matches of ``query`` to list at once, and where the rest begin.

        When at most ``RANKED`` postings match the full-text part: all of them (best
        first when there are words) and None. Beyond that: those of the first
        ``RANKED + 1`` in import order that pass the filters, and the last id read,
        after which ``search_after`` reads the rest (reading no more matches now)."""
        return self._head(parse_search(query), self.RANKED + 1)

    def ranks(self, query: str) -> bool:
        """Whether ``search`` lists the matches of ``query`` best first: it has words and
        at most ``RANKED`` postings match its full-text part (read from that index alone)."""
        parsed = parse_search(query)
        match = match_expression(parsed)
        return parsed.ranked and match is not None and len(self.db.execute(
            "SELECT rowid FROM postings_fts WHERE postings_fts MATCH ? LIMIT ?",
            (match, self.RANKED + 1)).fetchall()) <= self.RANKED

    def search_after(self, query: str, after: int) -> list[int]:
        """Ids above ``after`` of the postings that match, in import order: the rest of
        a search too large to rank."""
        return self._after(parse_search(query), after)

    def _after(self, query: SearchQuery, after: int) -> list[int]:
        match = match_expression(query)
        keep = self._like_matches(query)
        if match is None:
            left_out = query.without or query.without_filters
            return self._all_but(query, after, None, keep)[0] if left_out else []
        return _kept([r[0] for r in self.db.execute(
            "SELECT rowid FROM postings_fts WHERE postings_fts MATCH ? AND rowid > ?"
            " ORDER BY rowid", (match, after))], keep)

    def _all_but(self, query: SearchQuery, after: int, limit: int | None,
                 keep: set[int] | _AllBut | None) -> tuple[list[int], int | None]:
        """What is left out alone, nothing to look for (``-java``, ``-company:acme``):
        the postings after id ``after`` without it, in import order, at most ``limit``
        read (and the last id read where there may be more)."""
        left_out = without_expression(query)
        ids = [r[0] for r in self.db.execute(
            "SELECT id FROM postings WHERE id > ?" + (
                "" if left_out is None else " AND id NOT IN (SELECT rowid FROM postings_fts"
                " WHERE postings_fts MATCH ?)") + " ORDER BY id LIMIT ?",
            (after, *([] if left_out is None else [left_out]), -1 if limit is None else limit))]
        return _kept(ids, keep), ids[-1] if limit is not None and len(ids) >= limit else None

    def _head(self, query: SearchQuery, limit: int) -> tuple[list[int], int | None]:
        if query.empty:
            return [], None
        match = match_expression(query)
        keep = self._like_matches(query)
        if match is None and (query.without or query.without_filters) and keep != set():
            return self._all_but(query, 0, max(limit, self.RANKED + 1), keep)  # (alone)
        if match is None or keep == set():  # source and location filters only, or no match
            return (sorted(keep) if isinstance(keep, set) else []), None
        head = [r[0] for r in self.db.execute(
            "SELECT rowid FROM postings_fts WHERE postings_fts MATCH ? ORDER BY rowid LIMIT ?",
            (match, max(limit, self.RANKED + 1)))]
        if len(head) > self.RANKED:
            return _kept(head, keep), head[-1]
        if query.ranked:
            head = [r[0] for r in self.db.execute(
                "SELECT rowid FROM postings_fts WHERE postings_fts MATCH ? ORDER BY rank",
                (match,))]
        return _kept(head, keep), None

    def _filtered(self, query: SearchQuery) -> list[int]:
        """Ids, ascending, of the postings that pass every filter of ``query`` and hold
        none of its words left out."""
        filters = SearchQuery(filters=query.filters, without=query.without,
                              without_filters=query.without_filters)
        match = match_expression(filters)
        keep = self._like_matches(filters)
        if match is None and (filters.without or filters.without_filters) and keep != set():
            return self._all_but(filters, 0, None, keep)[0]
        if match is None or keep == set():
            return sorted(keep) if isinstance(keep, set) else []
        return _kept([r[0] for r in self.db.execute(
            "SELECT rowid FROM postings_fts WHERE postings_fts MATCH ? ORDER BY rowid",
            (match,))], keep)

    def _like_matches(self, query: SearchQuery) -> set[int] | _AllBut | None:
        """Ids that pass the source and location filters, and none of those after a
        minus (None: there are none; ``_AllBut``: minus filters alone). Each reads its
        index, whose every entry holds the value: never the table."""
        keep: set[int] | None = None
        for field, value in query.filters:
            if by_part(field, value):
                found = self._like_found(field, value)
                keep = found if keep is None else keep & found
        drop: set[int] = set()
        for field, value in query.without_filters:
            if by_part(field, value):
                drop |= self._like_found(field, value)
        if not drop:
            return keep
        return _AllBut(drop) if keep is None else keep - drop

    def _like_found(self, field: str, value: str) -> set[int]:
        """Ids whose ``field`` holds ``value``. A value is compared without its double
        quotes, which a filter cannot hold (``filter_term`` leaves them out), so that a
        filter made from a value with quotes finds it."""
        # compared with accents and case off (``folded``: "munchen" finds "MÜNCHEN");
        # LIKE folds the case of A to Z alone, so it reads the values in ASCII, and the
        # others are folded here
        needle = folded(value.replace('"', ""))
        if not needle:  # (marks alone, which folding takes off): no value holds it
            return set()
        # (a title or company of no letter or digit, "&": a rare filter, read from the
        # table, which has no index of them)
        index = f"INDEXED BY postings_{field}" if field in LIKE_FILTERS else ""
        if needle.isascii():
            found = {r[0] for r in self.db.execute(
                f"SELECT id FROM postings {index}"
                f" WHERE replace({field}, '\"', '') LIKE ? ESCAPE '\\'",
                (like_pattern(needle),))}
            rows = self.db.execute(f"SELECT id, {field} FROM postings {index}"
                                   f" WHERE {field} GLOB ?", (_NOT_ASCII,))
        else:
            found = set()
            rows = self.db.execute(f"SELECT id, {field} FROM postings {index}"
                                   f" WHERE {field} IS NOT NULL")
        seen: dict[str, bool] = {}  # (many postings share a place: each folded once)
        for pid, text in rows:
            if (hit := seen.get(text)) is None:
                hit = seen[text] = needle in folded(text.replace('"', ""))
            if hit:
                found.add(pid)
        return found


class _AllBut:
    """Every id but ``drop``: what filters after a minus alone keep."""

    def __init__(self, drop: set[int]) -> None:
        self.drop = drop

    def __contains__(self, pid: object) -> bool:
        return pid not in self.drop


_NOT_ASCII = "*[^\x01-\x7f]*"  # a GLOB of a value with a character outside ASCII


def _kept(ids: list[int], keep: set[int] | _AllBut | None) -> list[int]:
    return ids if keep is None else [pid for pid in ids if pid in keep]


def _filters(status: str | None, field_state: str | None) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if status is not None:
        check_status(status)
        clauses.append("p.status = ?")
        params.append(status)
    if field_state == "disagreement":  # reviewers differ and no one adjudicated yet
        clauses.append("p.disagreement = 1")
    elif field_state is not None:
        if field_state not in FIELD_STATES:
            raise ValueError(f"unknown field state {field_state!r}; one of "
                             f"{', '.join(FIELD_STATES)}")
        if field_state == "suggested":
            clauses.append("EXISTS (SELECT 1 FROM suggestions s WHERE s.posting_id = p.id AND "
                           "NOT EXISTS (SELECT 1 FROM annotations a WHERE a.posting_id = p.id "
                           "AND a.field = s.field))")
        else:
            clauses.append("EXISTS (SELECT 1 FROM annotations a WHERE a.posting_id = p.id AND "
                           "a.state = ?)")
            params.append(field_state)
    return ("WHERE " + " AND ".join(clauses)) if clauses else "", params


def source_group(source: str) -> str:
    """The file or site a posting came from: a data file without its row ("jobs.csv#12" →
    "jobs.csv"; a "#" after no data file's name marks none: "exports/C#/1.html" is of
    "exports/C#"), a page's folder, a URL's host ("https://jobs.acme.com/1#a" → its host)."""
    site, row = _URL.match(source), _ROW.match(source)
    if site and site["host"]:  # (file:///… has none: its folder is the group)
        return site["host"].lower()
    if row:
        return row["file"]
    head, sep, _tail = source.replace("\\", "/").rpartition("/")
    return head if sep else source


# a URL's host (past its scheme and user, before its port or path); a data file's row
_URL = re.compile(r"[a-z][a-z0-9+.\-]*://(?:[^/?#@]*@)?(?P<host>[^/?#:]*)", re.I)
_ROW = re.compile(r"(?P<file>.+?\.(?:csv|jsonl|json|parquet))#", re.I)
