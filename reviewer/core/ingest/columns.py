"""Which column of a data file holds what: the page, and each field of schema v1.

A column is found by its name in ``SYNONYMS`` (the table the README shows), compared
without case, spaces, hyphens or underscores (``Job Title``, ``job_title`` and
``jobTitle`` are one name). A mapping given by the user (``--map title=Headline``; an
empty column unmaps the field) comes first; then the mapping the project remembers
for files of the same columns, in place of the names; then the names.

``ColumnMapping.split`` turns one row into the ``Item`` to import: the page, the
mapped values read as schema v1 (``values``; those that cannot be read are left out
and listed), and every other column as metadata. A ``Mapper`` holds the mappings of
one import run, one per set of columns met, found once and reused for every row.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from reviewer.core.ingest.cell_pay import SALARY_PARTS
from reviewer.core.ingest.cell_text import escaped_html
from reviewer.core.ingest.items import (
    LeftOut,
    LongNumber,
    PageKind,
    Result,
    Skipped,
    page,
    what,
)
from reviewer.core.ingest.values import KINDS, given_values, shown
from reviewer.core.schema import FIELDS

PAGE = "page"
SYNONYMS: dict[str, tuple[str, ...]] = {
    PAGE: ("html", "text", "raw", "description", "job_description", "body", "content",
           "description_html", "job_text", "posting", "full_description", "details"),
    "title": ("title", "job_title", "position", "position_title", "job_position", "job_name",
              "posting_title", "role_title"),
    "company": ("company", "company_name", "employer", "employer_name", "hiringOrganization",
                "hiring_company", "organization", "organisation"),
    "department": ("department", "dept", "team", "division"),
    "locations": ("location", "locations", "job_location", "city", "work_location",
                  "job_city", "place"),
    "remote": ("remote", "is_remote", "remote_allowed", "remote_work", "work_from_home",
               "workplace_type", "work_model", "job_location_type", "location_type",
               "telecommute"),
    "employment_type": ("employment_type", "job_type", "work_type", "contract_type",
                        "formatted_work_type", "employment", "schedule_type"),
    "work_hours": ("work_hours", "hours_per_week", "weekly_hours", "hours"),
    "date_posted": ("date_posted", "posted", "posted_date", "posted_at", "post_date",
                    "listed_time", "original_listed_time", "posting_date", "date_published",
                    "publication_date", "published", "published_at", "date"),
    "valid_through": ("valid_through", "expiry", "expires", "expiry_date", "expiration_date",
                      "closing_date", "close_date", "deadline", "application_deadline",
                      "apply_by"),
    "requisition_id": ("requisition_id", "req_id", "requisition", "requisition_number",
                       "job_requisition_id", "reference", "job_reference", "reference_number"),
    "seniority": ("seniority", "seniority_level", "experience_level",
                  "formatted_experience_level", "job_level", "career_level", "level"),
    "salary": ("salary", "salary_estimate", "salary_range", "pay", "pay_range",
               "compensation", "base_salary"),
    "salary_min": ("salary_min", "min_salary", "minimum_salary", "salary_from", "min_pay",
                   "pay_min", "min_amount", "compensation_min"),
    "salary_max": ("salary_max", "max_salary", "maximum_salary", "salary_to", "max_pay",
                   "pay_max", "max_amount", "compensation_max"),
    "salary_currency": ("salary_currency", "currency", "pay_currency", "currency_code"),
    "salary_period": ("salary_period", "pay_period", "salary_interval", "salary_unit",
                      "pay_frequency", "interval", "period"),
    "experience_years": ("experience_years", "years_of_experience", "years_experience",
                         "min_years_experience", "min_experience"),
    "education": ("education", "education_level", "required_education", "degree"),
    "skills": ("skills", "skill", "key_skills", "required_skills", "technologies"),
    "benefits": ("benefits", "perks"),
    "responsibilities": ("responsibilities", "duties"),
    "required_qualifications": ("required_qualifications", "requirements", "qualifications"),
    "preferred_qualifications": ("preferred_qualifications", "nice_to_have"),
}
TARGETS: tuple[tuple[str, str], ...] = (
    (PAGE, "The posting (its page)"), *((spec.name, spec.label) for spec in FIELDS),
    ("salary_min", "Salary: minimum"), ("salary_max", "Salary: maximum"),
    ("salary_currency", "Salary: currency"), ("salary_period", "Salary: period"))
"""What a column can be mapped to, in the order a form lists them: (name, label)."""
MAX_COLUMN_SETS = 50  # sets of columns one run remembers (JSON objects may vary line by line)
MAX_FILE_KEYS = 1000  # keys of a file's objects its mapping is reported of (an id a key: many)
UNESCAPED = ("the page was HTML written with its tags escaped (&lt;p&gt;): unescaped once "
             "and read as HTML")
_FEW_WORDS, _FEW_CHARS = 8, 100  # a page cell of no more is a title, not a posting
_MARKUP = re.compile(r"<[^<>]*>")

_SPLIT = re.compile(r"[\s_\-]+")
_PAGE_NAMES = ", ".join(SYNONYMS[PAGE][:7]) + " …"
_PAGE_ORDER = tuple(_SPLIT.sub("", name).lower() for name in SYNONYMS[PAGE])
_PAGE_KEYS = frozenset(_PAGE_ORDER)


def column_key(name: str) -> str:
    """A column's name as names are compared: no case, spaces, hyphens or underscores."""
    return _SPLIT.sub("", name).lower()


def distinct_names(names: Sequence[str]) -> list[str]:
    """Column names each once: a name met again gets " (2)", " (3)" … (the first free),
    so that no column's cells are read over another's."""
    out: list[str] = []
    taken = set(names)
    seen: set[str] = set()
    for name in names:
        if name in seen:
            n = 2
            while f"{name} ({n})" in taken:
                n += 1
            name = f"{name} ({n})"
            taken.add(name)
        seen.add(name)
        out.append(name)
    return out


def has_page_column(names: Sequence[str] | Mapping[str, Any]) -> bool:
    return any(column_key(str(name)) in _PAGE_KEYS for name in names)


@dataclass
class ColumnMapping:
    """The page column and each mapped field's column of files with these ``columns``.

    ``fields`` maps a field of schema v1 (or a salary part, see ``TARGETS``) to its
    column; ``found_by`` says per field (and ``page``) how: ``given``, ``remembered``
    or ``name``; ``missing`` lists the (field, column) pairs given that name no column
    of these. ``page_fallbacks``: other page columns, tried in turn when a row's page
    cell is null or empty (a JSON object with ``"html": null`` and a ``text``)."""

    columns: tuple[str, ...]
    page: str | None
    fields: dict[str, str]
    found_by: dict[str, str] = field(default_factory=dict)
    missing: tuple[tuple[str, str], ...] = ()
    page_fallbacks: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        self._by_column = {column: target for target, column in self.fields.items()}
        self._kind = _kind(self.page)

    def to_json(self) -> dict[str, Any]:
        """What a project remembers of it: ``{"page": column, "fields": {field: column}}``."""
        return {"page": self.page, "fields": dict(self.fields)}

    def describe(self) -> str:
        """One line: "page: Job Description · title: Job Title · company: Company"."""
        pairs = [(PAGE, self.page)] if self.page else []
        return " · ".join(f"{target}: {column}" for target, column in
                          pairs + list(self.fields.items()))

    def split(self, source: str, cells: Mapping[str, Any], empty: str | None = None) -> Result:
        """One row (``{column: cell}``) as the Item to import, or why it cannot be."""
        column, text, kind, note = self.page, None, self._kind, None
        if column is not None:
            text = cells.get(column)
            if _blank(text) or (self.page_fallbacks and _few_words(text)):
                other = self._other_page(cells, text)
                if other is not None:
                    if not _blank(text):
                        note = (f"the page column '{column}' held a few words (a title?) "
                                f"and '{other}' a longer text: '{other}' read as the page")
                    column, text, kind = other, cells[other], _kind(other)
        if column is None:
            named = [name for target, name in self.missing if target == PAGE]
            return Skipped(source, f"no column '{named[0]}'" if named
                           else f"no page column ({_PAGE_NAMES})")
        if not isinstance(text, str) or isinstance(text, LongNumber):
            return Skipped(source, f"the '{column}' value is {what(text)}, not text")
        if (markup := escaped_html(text)) is not None:
            text, kind, note = markup, "html", UNESCAPED
        by_column = self._by_column
        if not by_column:
            metadata = {k: v for k, v in cells.items() if k != column}
            return page(source, text, kind, metadata, empty=empty or _empty(column),
                        note=note)
        mapped = {by_column[k]: v for k, v in cells.items() if k in by_column}
        given, problems = given_values(mapped)
        kept: set[str] = set()
        left_out = []
        for target, cell, reason in problems:
            columns = [self.fields[t] for t in (target, *_PARTS.get(target, ()))
                       if t in self.fields]
            kept.update(columns)
            left_out.append(LeftOut(source, target, " + ".join(columns), shown(cell), reason))
        metadata = {k: v for k, v in cells.items()
                    if k != column and (k not in by_column or k in kept)}
        return page(source, text, kind, metadata, empty=empty or _empty(column),
                    given=given, left_out=tuple(left_out), note=note)

    def _other_page(self, cells: Mapping[str, Any], text: Any) -> str | None:
        """The page column read in place of the page's: where its cell is null or empty,
        the next that holds text; where it holds a few words (a title under a key named
        ``text``), the one whose text is the longest, of over twice as many words."""
        if _blank(text):
            return next((other for other in self.page_fallbacks
                         if not _blank(cells.get(other))), None)
        found, most = None, 2 * len(text.split())
        for other in self.page_fallbacks:
            cell = cells.get(other)
            if isinstance(cell, str) and not isinstance(cell, LongNumber) and \
                    (words := len(_MARKUP.sub(" ", cell).split())) > most:
                found, most = other, words
        return found


_PARTS = {"salary": tuple(SALARY_PARTS)}


def find_mapping(columns: Sequence[str], given: Mapping[str, str | None] | None = None,
                 remembered: Mapping[str, Any] | None = None,
                 page_column: str | None = None) -> ColumnMapping:
    """The mapping of files with these ``columns``: ``given`` first (``{field: column}``,
    an empty column unmapping the field; ``page`` or ``page_column`` for the page), then
    ``remembered`` (what ``ColumnMapping.to_json`` gave) in place of the names, then the
    names of ``SYNONYMS``. Raises ValueError for a field that ``TARGETS`` lacks."""
    wanted = check_given(given)
    names = list(dict.fromkeys(str(c) for c in columns))
    by_key: dict[str, str] = {}
    for name in names:
        by_key.setdefault(column_key(name), name)
    fields: dict[str, str] = {}  # the page too, until the end
    found_by: dict[str, str] = {}
    missing: list[tuple[str, str]] = []
    taken: set[str] = set()
    # a field given no column, or a column: never mapped by name (a file or row without
    # the column given has no value for it, not another column's)
    unmapped = set(wanted) | ({PAGE} if page_column else set())

    def take(target: str, column: str, how: str) -> None:
        fields[target] = column
        found_by[target] = how
        taken.add(column)

    for target, column in ({PAGE: page_column} | wanted).items():
        if column:
            found = column if column in names else by_key.get(column_key(column))
            if found is None:  # (said; a row without it has no value for the field)
                missing.append((target, column))
            elif found not in taken:
                take(target, found, "given")
    if remembered is not None:
        saved = remembered.get("fields") or {}
        for target, column in ((PAGE, remembered.get("page")), *saved.items()):
            if (target not in unmapped and target not in found_by and column in names
                    and column not in taken and (target == PAGE or target in KINDS)):
                take(target, column, "remembered")
    for target, synonyms in SYNONYMS.items():
        if target in unmapped or target in found_by or (remembered is not None
                                                        and target != PAGE):
            continue
        for synonym in synonyms:
            column = by_key.get(column_key(synonym))
            if column is not None and column not in taken:
                take(target, column, "name")
                break
    fallbacks = tuple(dict.fromkeys(  # other page columns, in the order of SYNONYMS
        by_key[k] for k in _PAGE_ORDER if k in by_key and by_key[k] not in taken)) \
        if found_by.get(PAGE) in ("name", "remembered") else ()
    page = fields.pop(PAGE, None)
    return ColumnMapping(tuple(names), page, fields, found_by, tuple(missing), fallbacks)


def check_given(given: Mapping[str, str | None] | None) -> dict[str, str | None]:
    """``given`` as ``{field: column or None}``; ValueError for a field ``TARGETS`` lacks."""
    out: dict[str, str | None] = {}
    known = dict(TARGETS)
    for target, column in (given or {}).items():
        if target not in known:
            raise ValueError(f"no field {target!r} to map a column to; one of "
                             f"{', '.join(known)}")
        out[target] = column.strip() if isinstance(column, str) and column.strip() else None
    return out


class Mapper:
    """The mappings of one import run: one per set of columns met, found once.

    ``given`` and ``page_column`` as ``find_mapping`` takes them, for every file;
    ``remembered``: the project's mappings by ``remember_key``. ``files`` lists the
    mapping of each file read, for the report: of every column its rows have (a JSON
    file's objects may have other keys line by line); ``used`` every mapping found."""

    def __init__(self, given: Mapping[str, str | None] | None = None,
                 page_column: str | None = None,
                 remembered: Mapping[tuple[str, ...], Mapping[str, Any]] | None = None) -> None:
        self.given = check_given(given)
        self.page_column = page_column
        self.remembered = dict(remembered or {})
        self.used: dict[tuple[str, ...], ColumnMapping] = {}
        self.files: list[tuple[str, ColumnMapping]] = []
        self._file = ""
        self._last: tuple[str, ...] = ()  # the columns of the last row of the file
        self._keys: dict[str, None] = {}  # every column of the file's rows, first met first
        self._refused: set[tuple[str, ...]] = set()  # columns of files not imported

    def mapping(self, columns: Sequence[str], file: str) -> ColumnMapping:
        """The mapping of a row with these columns in ``file``."""
        key = tuple(columns)
        found = self.used.get(key)
        if found is None:
            found = find_mapping(columns, self.given, self.remembered.get(remember_key(key)),
                                 self.page_column)
            if len(self.used) < MAX_COLUMN_SETS:
                self.used[key] = found
        if file != self._file:
            self._file, self._last, self._keys = file, key, dict.fromkeys(key)
            self.files.append((file, found))
        elif key != self._last:  # a JSON object of other keys than the one before
            self._last = key
            if len(self._keys) < MAX_FILE_KEYS and any(k not in self._keys for k in key):
                self._keys.update(dict.fromkeys(key))  # the file's mapping: of every key
                union = tuple(self._keys)  # its rows have, as a preview of them says it
                self.files[-1] = (file, self.used.get(union) or find_mapping(
                    union, self.given, self.remembered.get(remember_key(union)),
                    self.page_column))
        return found

    def given_columns(self) -> list[tuple[str, str]]:
        """The (target, column) pairs given: the page's column, and each field's."""
        pairs = [(PAGE, self.page_column)] if self.page_column else []
        return pairs + [(target, column) for target, column in self.given.items() if column]

    def refuse(self, columns: Sequence[str]) -> None:
        """A file of these columns is not imported: its mapping is none to remember."""
        self._refused.add(tuple(columns))

    def page_names(self) -> set[str]:
        """The page columns this run may meet besides the page names: the one given, and
        those the project remembers."""
        given = self.page_column or self.given.get(PAGE)
        return {name for name in (given, *(saved.get("page") for saved in
                                            self.remembered.values())) if name}

    def to_remember(self) -> dict[tuple[str, ...], dict[str, Any]]:
        """The mappings this run used that the project does not hold yet."""
        out = {}
        for columns, mapping in self.used.items():
            if columns in self._refused:
                continue
            key, saved = remember_key(mapping.columns), mapping.to_json()
            # (a column given that the files lack: a mistake, not a mapping to keep)
            if mapping.page is not None and not mapping.missing and \
                    self.remembered.get(key) != saved:
                out[key] = saved
        return out


def remember_key(columns: Sequence[str]) -> tuple[str, ...]:
    """The key a project remembers a mapping by: the columns' names, sorted."""
    return tuple(sorted(set(columns)))


def _kind(column: str | None) -> PageKind | None:
    key = column_key(column or "")
    return "text" if key == "text" else "html" if "html" in key else None


def _few_words(cell: Any) -> bool:
    """Is a page cell a few words on one line, such as a title?"""
    return isinstance(cell, str) and len(cell) <= _FEW_CHARS and "\n" not in cell.strip() \
        and len(cell.split()) <= _FEW_WORDS


def _blank(cell: Any) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def _empty(column: str) -> str:
    return f"the '{column}' cell is empty"


__all__ = ["PAGE", "SYNONYMS", "TARGETS", "ColumnMapping", "Mapper", "column_key",
           "distinct_names",
           "find_mapping", "has_page_column", "remember_key"]
