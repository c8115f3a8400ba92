"""``store.decisions``: the machine's value of each field and what people decided.

Two tables: ``suggestions`` (the machine's value, evidence, confidence, stage) and
``annotations`` (a person's decision: accepted, corrected or rejected, with the
value). A person's value never overwrites the machine's: both are kept, so every
exported field says where its value came from.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from reviewer.core.record_check import person_problem
from reviewer.core.schema import FIELD_NAMES, FIELDS
from reviewer.core.store.history import Change, now, snapshot
from reviewer.core.store.jsontext import loads
from reviewer.core.store.sqlite import Database

if TYPE_CHECKING:
    from reviewer.core.store.postings import Postings


class ChangedMeanwhile(ValueError):
    """The machine's values of fields changed since a person saw them (``fields``)."""

    def __init__(self, fields: Sequence[str], said: str | None = None) -> None:
        """``said``: what changed, when it is not the machine's reading of ``fields``."""
        self.fields = list(fields)
        labels = ", ".join(_LABELS.get(name, name) for name in fields)
        super().__init__(said or f"the machine's reading of {labels} changed since it was "
                                 "shown (the page was read again by another program)")


class TextChanged(ChangedMeanwhile):
    """The posting's cleaned text changed since a person saw it."""

    def __init__(self) -> None:
        super().__init__([], "its text changed since it was shown (the page was read again "
                             "by another program)")


UNSEEN: Any = object()  # a field's value shown not given: not compared with the file's
FIELD_STATES = ("suggested", "accepted", "corrected", "rejected", "adjudicated")
_INSERT_SUGGESTION = ("INSERT INTO suggestions (posting_id, field, value, spans, confidence,"
                      " stage, extractor_version, alternatives) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
_SHOWN = ("title", "company", "locations")
_LABELS = {spec.name: spec.label for spec in FIELDS}


_value_json = json.JSONEncoder(ensure_ascii=False).encode  # made once: an import calls
_spans_json = json.JSONEncoder().encode  # these for every decision it stores


def decision_json(value: Any, spans: list[list[int]]) -> tuple[str | None, str]:
    """A decision's value and evidence as the annotations table holds them."""
    return (_value_json(value) if value is not None else None), _spans_json(spans)


def insert_suggestions(db: Database, pid: int | None, rows: Sequence[tuple[Any, ...]]) -> None:
    """The machine's values for posting ``pid``: (field, value, spans, confidence,
    stage, extractor version, alternatives) each, JSON encoded; ``pid`` None: each row
    starts with its posting's id."""
    db.conn.executemany(_INSERT_SUGGESTION, rows if pid is None else [(pid, *r) for r in rows])


PLACES_APART = "; "  # between the places of the list's location column
# the same, in SQL, of a locations value given as JSON text in place of {}
LISTED_PLACES_SQL = (f"(SELECT NULLIF(group_concat(value, '{PLACES_APART}'), '') FROM"
                     " (SELECT value FROM json_each({}) ORDER BY key))")


def listed_places(locations: Any) -> str | None:
    """What the list's location column holds for a posting's final locations: every
    place, in order, so that a ``location:`` filter finds it by any (None: none)."""
    if not isinstance(locations, list):
        return None if locations in (None, "") else str(locations)
    return PLACES_APART.join(str(place) for place in locations if place is not None) or None


def shown_values(db: Database, pid: int) -> dict[str, Any]:
    """The final title, company and locations of posting ``pid`` (a person's value
    where there is one, else the machine's)."""
    values: dict[str, Any] = dict.fromkeys(_SHOWN)
    shown = "field IN ('title', 'company', 'locations')"
    for name, value, _human in db.execute(  # a person's value after the machine's
            f"SELECT field, value, 0 FROM suggestions WHERE posting_id = ? AND {shown} "
            f"UNION ALL SELECT field, value, 1 FROM annotations WHERE posting_id = ? "
            f"AND {shown} ORDER BY 3", (pid, pid)):
        values[name] = json.loads(value) if value is not None else None
    return values


class Decisions:
    """Field suggestions and people's decisions on them; every edit returns a Change."""

    def __init__(self, db: Database, postings: Postings) -> None:
        self.db = db
        self._postings = postings

    def set_field(self, pid: int, name: str, value: Any,
                  spans: list[list[int]] | None = None,
                  taken_from: Sequence[Sequence[int]] = (), shown: Any = UNSEEN,
                  text: str | None = None) -> Change:
        """A person's value for a field: accepted if it is the machine's, else corrected.
        ValueError for a value no record may hold (``record_check.person_problem``: below
        zero, infinity, a min over its max, a blank text), nothing written.

        Its evidence is ``spans`` where given; else ``evidence_of`` the value, with
        ``taken_from`` (the ranges of the text it was taken from: a selection) beside;
        ``text``: the cleaned text they were read in (``TextChanged`` when the file holds
        another now). ``shown``: the field's value as the person saw it (``still_shown``)."""
        _check_field(name)
        if (problem := person_problem(name, value)) is not None:
            raise ValueError(f"{name}: {problem}")
        with self.db.atomic():
            self.still_shown(pid, name, shown)
            if taken_from:
                self._within_text(pid, taken_from, text)
            machine = self.suggestion(pid, name)
            state = "accepted" if is_the_machines(machine, value) else "corrected"
            if spans is None:
                spans = joined(self.evidence_of(pid, name, value, state), taken_from)
            return self._annotate(pid, name, state, value, spans, f"set {name}")

    def still_shown(self, pid: int, name: str, shown: Any = UNSEEN) -> None:
        """``ChangedMeanwhile`` when field ``name`` no longer holds ``shown``, the value
        a person saw (another window or program set it since): their edit would
        overwrite a value they never saw. ``UNSEEN``: not asked. KeyError for no posting.
        Compared as the window shows them (``shown_alike``)."""
        if not self._postings.exists(pid):
            raise KeyError(pid)
        state, now_value, _ = self.current(pid, name)
        if shown is UNSEEN or shown_alike(None if state == "rejected" else now_value, shown):
            return
        label = _LABELS.get(name, name)
        raise ChangedMeanwhile([name], f"{label} was set to {_said(now_value)} since it was "
                                       "shown (in another window, or by another program)")

    def _within_text(self, pid: int, ranges: Sequence[Sequence[int]], seen: str | None) -> None:
        """ValueError for a range off posting ``pid``'s cleaned text; ``TextChanged`` when
        ``seen``, the text they were read in, is not the one the file holds now."""
        cleaned = self._postings.cleaned(pid)
        if seen is not None and cleaned != seen:
            raise TextChanged
        for span in ranges:
            if not valid_pair(span) or span[1] > len(cleaned):
                raise ValueError(f"span {span} is outside the text (0-{len(cleaned)})")

    def evidence_of(self, pid: int, name: str, value: Any, state: str) -> list[list[int]]:
        """The evidence a person's ``value`` of a field keeps (``state``: as
        ``set_field`` decides it): the machine's for its value, or for one of its other
        readings (an alternative picked); else that of the value now whose words are
        still in it (``_still_said``). A value typed anew has none."""
        row = self.db.execute("SELECT spans, alternatives FROM suggestions WHERE posting_id = ?"
                              " AND field = ?", (pid, name)).fetchone()
        if state == "accepted":
            return loads(row[0], []) if row else []
        for reading in loads(row[1], []) if row else []:
            if isinstance(reading, dict) and reading.get("value") == value:
                return [list(s) for s in reading.get("spans") or [] if valid_pair(s)]
        return self._still_said(pid, name, value)

    def _still_said(self, pid: int, name: str, value: Any) -> list[list[int]]:
        """The evidence of the field's value now whose words are still an item of the
        new ``value`` (a list of several items one of which is typed anew keeps the
        others' spans; "k8s" stands for the skill Kubernetes)."""
        _state, _value, spans = self.current(pid, name)
        items = value if isinstance(value, list) else [value]
        wanted = {" ".join(str(item).split()).casefold() for item in items}
        if not spans or not wanted:
            return []
        row = self.db.execute("SELECT cleaned FROM postings WHERE id = ?", (pid,)).fetchone()
        text = str(row[0]) if row else ""
        from reviewer.core.extract import shown_words, skill_name

        kept = []
        for a, b in spans:  # (the words a span shows: of a link, its text)
            said = " ".join(shown_words(text, a, b).split())
            named = skill_name(said) if name == "skills" and said else None
            if said.casefold() in wanted or (named or "").casefold() in wanted:
                kept.append([a, b])
        return kept

    def accept_field(self, pid: int, name: str) -> Change:
        _check_field(name)
        return self._annotate(pid, name, "accepted", self.suggestion(pid, name), None,
                              f"accept {name}")

    def reject_field(self, pid: int, name: str, shown: Any = UNSEEN) -> Change:
        """No value: the posting has none. ``shown``: see ``still_shown``."""
        _check_field(name)
        with self.db.atomic():
            self.still_shown(pid, name, shown)
            return self._annotate(pid, name, "rejected", None, None, f"reject {name}")

    def revert_field(self, pid: int, name: str, shown: Any = UNSEEN) -> Change:
        """Back to the machine's suggestion: the person's decision is removed.
        ``shown``: see ``still_shown``."""
        _check_field(name)
        with self.db.atomic():
            self.still_shown(pid, name, shown)
            change = Change(f"revert {name}", [snapshot(self.db, "annotations", (pid, name))])
            self.db.execute("DELETE FROM annotations WHERE posting_id = ? AND field = ?",
                            (pid, name))
            self._postings.touch(pid, "revert_field", {"field": name})
        return change

    def accept_all(self, pid: int, shown: Mapping[str, Any] | None = None,
                   status: str | None = None) -> Change:
        """Every machine value not yet decided becomes accepted, and the posting reviewed.
        ``shown``: the machine's values of the undecided fields as a person saw them; one
        the file holds no longer (another process read the page again, or decided the
        field otherwise) is not accepted in their name: ``ChangedMeanwhile`` then, and
        nothing is changed. ``status``: the posting's status as they saw it; another
        set meanwhile (flagged by another reviewer) is not overruled: the same."""
        with self.db.atomic():
            change = Change("accept all", [snapshot(self.db, "postings", (pid,))])
            decided = self.decided(pid)
            stamp = now()
            undecided = [(name, value) for name, value in self.db.execute(
                "SELECT field, value FROM suggestions WHERE posting_id = ?", (pid,))
                if name not in decided]
            if status is not None and (now_status := self._postings.status(pid)) != status:
                raise ChangedMeanwhile([], f"its status was set to {now_status} since it was "
                                           "shown (by another window or program)")
            if shown is not None:
                changed = [name for name, value in undecided
                           if shown.get(name) != (json.loads(value) if value else None)]
                # a value shown that is no longer the machine's undecided one: its
                # suggestion gone, or a person decided the field otherwise meanwhile
                held = {name for name, _value in undecided}
                gone = [name for name, value in shown.items() if name not in held
                        and value is not None and self.current(pid, name)[1] != value]
                if changed or gone:
                    labels = ", ".join(_LABELS.get(n, n) for n in changed + gone)
                    raise ChangedMeanwhile(changed + gone, None if not gone else (
                        f"{labels} changed since shown (decided in another window, or "
                        "read again, by another program)"))
            for name, _value in undecided:
                change.rows.append(("annotations", (pid, name), None))
                self.db.execute(
                    "INSERT INTO annotations (posting_id, field, state, value, spans, updated_at)"
                    " SELECT posting_id, field, 'accepted', value, spans, ? FROM suggestions"
                    " WHERE posting_id = ? AND field = ?", (stamp, pid, name))
            self._postings.mark(pid, "reviewed")
            self._postings.touch(pid, "accept_all", {})
        return change

    def suggestion(self, pid: int, name: str) -> Any:
        """The machine's value of field ``name`` (None: it has none)."""
        row = self.db.execute("SELECT value FROM suggestions WHERE posting_id = ? AND field = ?",
                              (pid, name)).fetchone()
        return json.loads(row[0]) if row and row[0] is not None else None

    def current(self, pid: int, name: str) -> tuple[str, Any, list[list[int]]]:
        """Field ``name`` of posting ``pid`` as it stands: (state, value, evidence spans);
        the state is a person's decision, ``machine`` (undecided) or ``none``."""
        row = self.db.execute("SELECT state, value, spans FROM annotations WHERE posting_id = ?"
                              " AND field = ?", (pid, name)).fetchone()
        if row is None:
            row = self.db.execute("SELECT 'machine', value, spans FROM suggestions WHERE "
                                  "posting_id = ? AND field = ?", (pid, name)).fetchone()
        if row is None:
            return "none", None, []
        return (row[0], json.loads(row[1]) if row[1] is not None else None,
                json.loads(row[2] or "[]"))

    def decided(self, pid: int) -> set[str]:
        """The fields of posting ``pid`` that a person has decided."""
        return {r[0] for r in self.db.execute(
            "SELECT field FROM annotations WHERE posting_id = ?", (pid,))}

    def undecided_suggestions(self, pid: int, decided: set[str]) -> list[tuple[Any, ...]]:
        """(field, value, spans, confidence, stage, version, alternatives) of the
        machine's values of the fields not ``decided`` (see ``decided``), by field."""
        return [s for s in self.db.execute(
            "SELECT field, value, spans, confidence, stage, extractor_version, alternatives"
            " FROM suggestions WHERE posting_id = ? ORDER BY field", (pid,))
            if s[0] not in decided]

    def alternatives(self, pid: int) -> dict[str, list[dict[str, Any]]]:
        """The other values the machine found for each field of posting ``pid``."""
        return {name: json.loads(alternatives) for name, alternatives in self.db.execute(
            "SELECT field, alternatives FROM suggestions WHERE posting_id = ?", (pid,))}

    def stage_values(self, first: int, last: int, stage: str) -> dict[int, dict[str, Any]]:
        """The machine's values that ``stage`` gave postings ``first``..``last``, as the
        suggestion or, where a surer stage's won (a plug-in's), as an alternative:
        ``{posting id: {field: value}}``."""
        out: dict[int, dict[str, Any]] = {}
        for pid, name, value, taken, alternatives in self.db.execute(
                "SELECT posting_id, field, value, stage, alternatives FROM suggestions WHERE"
                " posting_id BETWEEN ? AND ? AND (stage = ? OR instr(alternatives, ?) > 0)",
                (first, last, stage, json.dumps(stage))):
            if taken == stage:
                given = json.loads(value) if value is not None else None
            else:
                given = next((a.get("value") for a in loads(alternatives, [])
                              if isinstance(a, dict) and a.get("stage") == stage), None)
            if given is not None:
                out.setdefault(pid, {})[name] = given
        return out

    def replace_suggestions(self, pid: int, old: Sequence[tuple[Any, ...]],
                            new: Sequence[tuple[Any, ...]]) -> None:
        """Put the ``new`` suggestion rows in place of the ``old`` ones."""
        self.db.conn.executemany("DELETE FROM suggestions WHERE posting_id = ? AND field = ?",
                                 [(pid, s[0]) for s in old])
        insert_suggestions(self.db, pid, new)

    def _annotate(self, pid: int, name: str, state: str, value: Any,
                  spans: list[list[int]] | None, description: str) -> Change:
        if not self._postings.exists(pid):
            raise KeyError(pid)
        with self.db.atomic():
            change = Change(description, [snapshot(self.db, "annotations", (pid, name))])
            if spans is None and state == "accepted":
                row = self.db.execute("SELECT spans FROM suggestions WHERE posting_id = ? AND "
                                      "field = ?", (pid, name)).fetchone()
                spans = json.loads(row[0]) if row else []
            self.db.execute(
                "INSERT OR REPLACE INTO annotations (posting_id, field, state, value, spans,"
                " updated_at) VALUES (?, ?, ?, ?, ?, ?)",
                (pid, name, state, *decision_json(value, spans or []), now()))
            self._postings.touch(pid, f"{state}_field", {"field": name})
        return change


def _check_field(name: str) -> None:
    if name not in FIELD_NAMES:
        raise ValueError(f"unknown field {name!r}")


def is_the_machines(machine: Any, value: Any) -> bool:
    """Is ``value`` a person gives the machine's value (``machine``; None: it has none),
    a list's items in another order too?"""
    return machine is not None and (machine == value or (
        isinstance(machine, list) and isinstance(value, list)
        and sorted(map(_key, machine)) == sorted(map(_key, value))))


EMPTY: tuple[Any, ...] = (None, [], {}, "")  # no value, as a suggestion or a decision


def shown_alike(one: Any, other: Any) -> bool:
    """Whether two values of a field look the same where shown: no value in any form
    (None, [], ""), text with its spaces otherwise, a list's items in another order."""
    if one in EMPTY or other in EMPTY:
        return one in EMPTY and other in EMPTY
    if isinstance(one, list) and isinstance(other, list):
        return sorted(map(_squashed, one)) == sorted(map(_squashed, other))
    return bool(_squashed(one) == _squashed(other))


def _squashed(value: Any) -> Any:
    """A text with its runs of spaces as one; a list item's JSON; else as it is."""
    return " ".join(value.split()) if isinstance(value, str) else \
        value if not isinstance(value, dict | list) else _key(value)


def own_state(state: str, value: Any, machine: Any) -> str:
    """The state of a person's decision ``state`` on ``value`` against the machine's
    value ``machine`` now: "accepted" only where it is the machine's; a value the machine
    does not give is the person's own, "corrected" ("rejected" where it is empty)."""
    if state != "accepted" or is_the_machines(machine, value) or (
            value in EMPTY and machine in EMPTY):
        return state
    return "rejected" if value in EMPTY else "corrected"


def joined(spans: Sequence[Sequence[int]], more: Sequence[Sequence[int]]) -> list[list[int]]:
    """Two lists of evidence spans as one, each span once, in the text's order."""
    return [list(s) for s in sorted({(int(s[0]), int(s[1])) for s in [*spans, *more]})]


def valid_pair(span: Any) -> bool:
    """Whether ``span`` is a range of a text: two whole numbers, the first the lower."""
    return (isinstance(span, list | tuple) and len(span) == 2
            and all(isinstance(x, int) and not isinstance(x, bool) for x in span)
            and 0 <= span[0] < span[1])


def _said(value: Any) -> str:
    """A field's value as a message quotes it: “Acme”; "no value" for none."""
    if value in EMPTY:
        return "no value"
    text = "; ".join(map(str, value)) if isinstance(value, list) else str(value)
    text = " ".join(text.split())
    return f"“{text if len(text) <= 60 else text[:59] + '…'}”"


def _key(item: Any) -> str:
    """A list item as compared with another, exactly (its JSON)."""
    return json.dumps(item, sort_keys=True, default=str)
