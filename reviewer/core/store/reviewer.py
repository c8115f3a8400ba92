"""Who is working: every row this connection writes carries the reviewer's name.

A project file is one reviewer's, or several reviewers' merged (``reviews``); each
decision, label, span and logged event says who made it, and each posting who last set
its status and its comment. Rather than every edit passing the name along, the
connection that opened the file stamps the rows it writes with temporary triggers (they
live in this connection alone and are gone when it closes, so another tool writing the
file writes an empty name, read as unknown). A row written with a name of its own (a
merge copying another reviewer's decision, an undo putting back the old row, a status set
together with its own ``status_by``) keeps it.
"""

from __future__ import annotations

import getpass
import os
import re
import unicodedata

from reviewer.core.store.sqlite import Database
from reviewer.core.words.text import valid_name

UNKNOWN = "unknown"
MAX_NAME = 80
_STAMPED = ("annotations", "doc_labels", "spans", "events")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# characters no one sees (zero-width, direction marks): two names would look the same (the
# joiners U+200C, U+200D are a word's spelling, in Persian, and stay)
_UNSEEN = re.compile(r"[\u00ad\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\ufeff]")


def clean_name(name: str | None) -> str:
    """A reviewer's name as stored: one line, composed (NFC), no control characters nor
    characters no one sees, at most ``MAX_NAME`` characters; "unknown" when nothing is
    left. A byte of a name from the environment that is not UTF-8 is written as its
    escape (``valid_name``)."""
    text = unicodedata.normalize("NFC", _UNSEEN.sub("", valid_name(name or "")))
    text = " ".join(_CONTROL.sub(" ", text).split())[:MAX_NAME]
    return text or UNKNOWN


def same_reviewer(name: str, assigned: str | None) -> str:
    """``name``, or the name a reviewer's file was written for where the two differ in
    case only ("Ben" in ben's file): one person, one spelling."""
    return assigned if assigned and assigned.casefold() == name.casefold() else name


def default_reviewer(assigned: str | None = None) -> str:
    """``REVIEWER_NAME`` from the environment, else ``assigned`` (the reviewer a split
    wrote the file for), else the system's user name."""
    name = os.environ.get("REVIEWER_NAME", "").strip() or (assigned or "").strip()
    if not name:
        try:
            name = getpass.getuser()
        except (KeyError, OSError):  # no user name (a container without one)
            name = ""
    return clean_name(name)


def stamp_rows(db: Database, name: str) -> None:
    """Make this connection write ``name`` into the rows it adds or changes (see the
    module's doc); again with another name replaces the triggers."""
    literal = "'" + clean_name(name).replace("'", "''") + "'"
    conn = db.conn
    for table in _STAMPED:
        conn.execute(f"DROP TRIGGER IF EXISTS temp.stamp_{table}")
        conn.execute(
            f"CREATE TEMP TRIGGER stamp_{table} AFTER INSERT ON main.{table}"
            f" WHEN new.reviewer = '' BEGIN UPDATE {table} SET reviewer = {literal}"
            " WHERE rowid = new.rowid; END")
    for column, by in (("status", "status_by"), ("comment", "comment_by")):
        conn.execute(f"DROP TRIGGER IF EXISTS temp.stamp_{by}")
        conn.execute(
            f"CREATE TEMP TRIGGER stamp_{by} AFTER UPDATE OF {column} ON main.postings"
            f" WHEN new.{column} IS NOT old.{column} AND new.{by} IS old.{by}"
            " BEGIN UPDATE postings"
            f" SET {by} = {literal} WHERE id = new.id; END")
    # a span relabelled or rejected is the decision of whoever did it
    conn.execute("DROP TRIGGER IF EXISTS temp.stamp_span_change")
    conn.execute(
        "CREATE TEMP TRIGGER stamp_span_change AFTER UPDATE OF label, state ON main.spans"
        " WHEN (new.label IS NOT old.label OR new.state IS NOT old.state)"
        " AND new.reviewer IS old.reviewer"
        f" BEGIN UPDATE spans SET reviewer = {literal} WHERE id = new.id; END")
