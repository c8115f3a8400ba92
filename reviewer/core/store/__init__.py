"""Store: the project file. Postings from the pipeline in; postings, people's
decisions and canonical records out.

One SQLite file a project (tables in ``migrations``): raw pages, their cleaning and
the machine's field values, and everything people decided, kept apart so that a
person's value never overwrites the machine's. ``Store`` (``project``) opens it and
is made of parts, each owning the SQL of its tables; no SQL runs outside this
package. Imports only the shared modules below the stages (``schema``,
``records``, ``labels``).

A damaged project is refused when it opens; one that cannot be written opens for
reading only; ``explain`` says a failure of the file itself (damaged, read-only, its
disk full, held by another program) for a person.

Public API: ``Store``, ``ProjectError``, ``DatabaseError``, ``explain``, ``Change``,
``NewPosting``, ``PreparedPosting``, ``prepare``, ``Labels`` (the label part, for a
dialog that needs no more), ``record_of``, ``final_fields``, ``ORDERS``,
``FIELD_STATES``, ``STATUSES``, ``SCHEMA_VERSION``, ``now``, and the description of the
tables for Datasette: ``datasette_metadata``, ``write_metadata``.
"""

from __future__ import annotations

import sqlite3

from reviewer.core.records import STATUSES
from reviewer.core.store.db import ProjectError
from reviewer.core.store.decisions import FIELD_STATES
from reviewer.core.store.describe import datasette_metadata, write_metadata
from reviewer.core.store.health import explain
from reviewer.core.store.history import Change, now
from reviewer.core.store.labels import Labels
from reviewer.core.store.migrations import SCHEMA_VERSION
from reviewer.core.store.postings import NewPosting, PreparedPosting, prepare
from reviewer.core.store.project import Store
from reviewer.core.store.queue import ORDERS
from reviewer.core.store.records import final_fields, record_of

# what a failed read or write of the project file raises (disk full, file locked, ...)
DatabaseError = sqlite3.Error

__all__ = [
           "FIELD_STATES",
           "ORDERS",
           "SCHEMA_VERSION",
           "STATUSES",
           "Change",
           "DatabaseError",
           "Labels",
           "NewPosting",
           "PreparedPosting",
           "ProjectError",
           "Store",
           "datasette_metadata",
           "explain",
           "final_fields",
           "now",
           "prepare",
           "record_of",
           "write_metadata",
]
