"""Store: the project file. Postings from the pipeline in; postings, people's
decisions and canonical records out.

One SQLite file a project (tables in ``migrations``): raw pages, their cleaning and
the machine's field values, and everything people decided, kept apart so that a
person's value never overwrites the machine's. ``Store`` (``project``) opens it and
is made of parts, each owning the SQL of its tables; no SQL runs outside this
package. Imports the shared modules below the stages (``schema``, ``records``,
``labels``) and, of the stages, only ``extract.skill_name`` (a rejected SKILL span
takes the skill it names out of the skills field), when a span is rejected: a command
that only reads the project does not load the extraction.

A damaged project is refused when it opens; one that cannot be written opens for
reading only; ``explain`` says a failure of the file itself (damaged, read-only, its
disk full, held by another program) for a person, ``kind_of`` which it is.

Public API: ``Store``, ``ProjectError``, ``DatabaseError``, ``explain``, ``fold_wal``,
``Change``, ``BulkEdit`` and ``BulkChange`` (an edit of many postings and what it changed, see
``store.bulk``), ``NewPosting``, ``PreparedPosting``, ``prepare``, ``RecordRows`` and
``record_rows`` (one of our own records as rows, see ``store.rows``), ``Labels``
(the label part, for a dialog that needs no more), ``record_of``, ``final_fields``, ``ORDERS``,
``FIELD_STATES``, ``STATUSES``, ``SCHEMA_VERSION``, ``now``, ``same_review`` and
``reviewers_differ`` (whether reviewers' values say the same or differ, as
``store.reviews`` compares them), a reviewer's name
(``default_reviewer``, ``clean_name``, ``MAX_NAME``), the queue's search text
(``parse_search``, ``SearchQuery``, ``FILTER_FIELDS``, ``filter_term``) and a source's
names (``source_name``, ``source_scope``), and the description of the
tables for Datasette: ``datasette_metadata``, ``write_metadata``.
"""

from __future__ import annotations

import sqlite3

from reviewer.core.records import STATUSES
from reviewer.core.store.bulk import BulkChange, BulkEdit
from reviewer.core.store.db import ProjectError, file_version, fold_wal
from reviewer.core.store.decisions import (
    FIELD_STATES,
    PLACES_APART,
    ChangedMeanwhile,
    shown_alike,
    valid_pair,
)
from reviewer.core.store.describe import datasette_metadata, write_metadata
from reviewer.core.store.health import explain, kind_of
from reviewer.core.store.history import Change, ChangedSince, now
from reviewer.core.store.labels import Labels
from reviewer.core.store.migrations import SCHEMA_VERSION
from reviewer.core.store.postings import NewPosting, PreparedPosting, prepare
from reviewer.core.store.project import Store
from reviewer.core.store.queue import ORDERS
from reviewer.core.store.records import final_fields, record_of
from reviewer.core.store.reviewer import MAX_NAME, clean_name, default_reviewer
from reviewer.core.store.reviews import differ as reviewers_differ
from reviewer.core.store.reviews import same as same_review
from reviewer.core.store.rows import RecordRows, record_rows
from reviewer.core.store.search import (
    FILTER_FIELDS,
    SearchQuery,
    filter_term,
    parse_search,
    source_name,
    source_scope,
)

# what a failed read or write of the project file raises (disk full, file locked, ...)
DatabaseError = sqlite3.Error

__all__ = [
           "FIELD_STATES",
           "FILTER_FIELDS",
           "MAX_NAME",
           "ORDERS",
           "PLACES_APART",
           "SCHEMA_VERSION",
           "STATUSES",
           "BulkChange",
           "BulkEdit",
           "Change",
           "ChangedMeanwhile",
           "ChangedSince",
           "DatabaseError",
           "Labels",
           "NewPosting",
           "PreparedPosting",
           "ProjectError",
           "RecordRows",
           "SearchQuery",
           "Store",
           "clean_name",
           "datasette_metadata",
           "default_reviewer",
           "explain",
           "file_version",
           "filter_term",
           "final_fields",
           "fold_wal",
           "kind_of",
           "now",
           "parse_search",
           "prepare",
           "record_of",
           "record_rows",
           "reviewers_differ",
           "same_review",
           "shown_alike",
           "source_name",
           "source_scope",
           "valid_pair",
           "write_metadata",
]
