"""The project file's schema, one function per step. A shipped step is never edited.

Tables (plain SQLite): ``postings`` (one row a posting), ``suggestions`` (the machine's
field values), ``annotations`` (people's decisions on them), ``spans``, ``doc_labels``,
``label_schema``, ``events`` (the log), ``postings_fts`` (full-text search over
postings, kept by triggers) and ``column_maps`` (the column mapping of data files, by
their columns). What each table and column holds is described once, in
``describe.TABLES``, which is also what Datasette shows (``reviewer serve``).
"""

from __future__ import annotations

from reviewer.core.store.sqlite import Database, Migrations

migrations = Migrations("posting-reviewer")


@migrations()
def m001_postings_and_fields(db: Database) -> None:
    db.execute("""
        CREATE TABLE postings (
            id INTEGER PRIMARY KEY,
            hash TEXT NOT NULL UNIQUE,
            source TEXT NOT NULL,
            kind TEXT NOT NULL,
            raw TEXT,
            cleaned TEXT NOT NULL,
            source_text TEXT NOT NULL DEFAULT '',
            removed TEXT NOT NULL DEFAULT '[]',
            context TEXT NOT NULL DEFAULT '[]',
            metadata TEXT NOT NULL DEFAULT '{}',
            status TEXT NOT NULL DEFAULT 'new'
                CHECK (status IN ('new', 'reviewed', 'skipped', 'flagged')),
            title TEXT,
            company TEXT,
            location TEXT,
            min_confidence REAL,
            imported_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )""")
    db.execute("""
        CREATE TABLE suggestions (
            posting_id INTEGER NOT NULL REFERENCES postings(id) ON DELETE CASCADE,
            field TEXT NOT NULL,
            value TEXT,
            spans TEXT NOT NULL DEFAULT '[]',
            confidence REAL NOT NULL,
            stage TEXT NOT NULL,
            extractor_version TEXT NOT NULL,
            PRIMARY KEY (posting_id, field)
        )""")
    db.execute("""
        CREATE TABLE annotations (
            posting_id INTEGER NOT NULL REFERENCES postings(id) ON DELETE CASCADE,
            field TEXT NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('accepted', 'corrected', 'rejected')),
            value TEXT,
            spans TEXT NOT NULL DEFAULT '[]',
            updated_at TEXT NOT NULL,
            PRIMARY KEY (posting_id, field)
        )""")
    db.execute("""
        CREATE TABLE events (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            kind TEXT NOT NULL,
            posting_id INTEGER,
            data TEXT NOT NULL DEFAULT '{}'
        )""")
    db.execute("CREATE INDEX postings_status ON postings(status, id)")
    db.execute("CREATE INDEX postings_confidence ON postings(min_confidence, id)")
    db.execute("CREATE INDEX postings_updated ON postings(updated_at, id)")


@migrations()
def m002_labels_spans_search(db: Database) -> None:
    db.execute("ALTER TABLE postings ADD COLUMN comment TEXT NOT NULL DEFAULT ''")
    db.execute("""
        CREATE TABLE spans (
            id INTEGER PRIMARY KEY,
            posting_id INTEGER NOT NULL REFERENCES postings(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            label TEXT NOT NULL,
            origin TEXT NOT NULL CHECK (origin IN ('machine', 'human')),
            state TEXT NOT NULL DEFAULT 'accepted'
                CHECK (state IN ('suggested', 'accepted', 'rejected')),
            created_at TEXT NOT NULL
        )""")
    db.execute("CREATE INDEX spans_posting ON spans(posting_id, start)")
    db.execute("""
        CREATE TABLE doc_labels (
            posting_id INTEGER NOT NULL REFERENCES postings(id) ON DELETE CASCADE,
            question TEXT NOT NULL,
            option TEXT NOT NULL,
            PRIMARY KEY (posting_id, question, option)
        )""")
    db.execute("""
        CREATE TABLE label_schema (
            question TEXT PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('single', 'multi', 'span')),
            options TEXT NOT NULL DEFAULT '[]',
            position INTEGER NOT NULL DEFAULT 0
        )""")
    db.execute("""
        CREATE VIRTUAL TABLE postings_fts USING fts5(
            title, company, cleaned, content='postings', content_rowid='id',
            tokenize='unicode61 remove_diacritics 2'
        )""")
    db.execute("INSERT INTO postings_fts(postings_fts) VALUES ('rebuild')")
    for trigger in (
        """CREATE TRIGGER postings_ai AFTER INSERT ON postings BEGIN
             INSERT INTO postings_fts(rowid, title, company, cleaned)
             VALUES (new.id, new.title, new.company, new.cleaned); END""",
        """CREATE TRIGGER postings_ad AFTER DELETE ON postings BEGIN
             INSERT INTO postings_fts(postings_fts, rowid, title, company, cleaned)
             VALUES ('delete', old.id, old.title, old.company, old.cleaned); END""",
        """CREATE TRIGGER postings_au AFTER UPDATE OF title, company, cleaned ON postings BEGIN
             INSERT INTO postings_fts(postings_fts, rowid, title, company, cleaned)
             VALUES ('delete', old.id, old.title, old.company, old.cleaned);
             INSERT INTO postings_fts(rowid, title, company, cleaned)
             VALUES (new.id, new.title, new.company, new.cleaned); END""",
    ):
        db.execute(trigger)


@migrations()
def m003_search_index_found_by_tools(db: Database) -> None:
    """The search index again, naming its table as ``content="postings"``: Datasette and
    sqlite-utils find a table's index by that spelling (or ``content=[postings]``), not
    by ``content='postings'``. Same columns, rowid, tokenizer and triggers."""
    for trigger in ("postings_ai", "postings_ad", "postings_au"):
        db.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    db.execute("DROP TABLE IF EXISTS postings_fts")
    db.execute("""
        CREATE VIRTUAL TABLE postings_fts USING fts5(
            title, company, cleaned, content="postings", content_rowid='id',
            tokenize='unicode61 remove_diacritics 2'
        )""")
    db.execute("INSERT INTO postings_fts(postings_fts) VALUES ('rebuild')")
    for trigger in (
        """CREATE TRIGGER postings_ai AFTER INSERT ON postings BEGIN
             INSERT INTO postings_fts(rowid, title, company, cleaned)
             VALUES (new.id, new.title, new.company, new.cleaned); END""",
        """CREATE TRIGGER postings_ad AFTER DELETE ON postings BEGIN
             INSERT INTO postings_fts(postings_fts, rowid, title, company, cleaned)
             VALUES ('delete', old.id, old.title, old.company, old.cleaned); END""",
        """CREATE TRIGGER postings_au AFTER UPDATE OF title, company, cleaned ON postings BEGIN
             INSERT INTO postings_fts(postings_fts, rowid, title, company, cleaned)
             VALUES ('delete', old.id, old.title, old.company, old.cleaned);
             INSERT INTO postings_fts(rowid, title, company, cleaned)
             VALUES (new.id, new.title, new.company, new.cleaned); END""",
    ):
        db.execute(trigger)


@migrations()
def m004_source_and_location_indexes(db: Database) -> None:
    """Indexes for the queue's ``source:`` and ``location:`` filters: matching a part of
    the value reads the index (megabytes) instead of the table (gigabytes at a million)."""
    db.execute("CREATE INDEX postings_source ON postings(source)")
    db.execute("CREATE INDEX postings_location ON postings(location)")


@migrations()
def m005_column_maps(db: Database) -> None:
    """The column mapping used for data files of each set of columns, so that the next
    import of files with those columns maps them the same way."""
    db.execute("""
        CREATE TABLE column_maps (
            columns TEXT PRIMARY KEY,
            mapping TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )""")


@migrations()
def m006_alternatives(db: Database) -> None:
    """The other values the extraction's stages found for a field, beside the one that
    won: JSON ``[{"value", "confidence", "stage", "spans"}, ...]``, best first."""
    db.execute("ALTER TABLE suggestions ADD COLUMN alternatives TEXT NOT NULL DEFAULT '[]'")


@migrations()
def m007_models(db: Database) -> None:
    """Models the project learnt from its reviewed postings: the model's bytes in a safe
    format of its own (never a pickle), with what it is and what it learnt from; the
    answers it suggests to the label questions; and how useful each posting would be to
    review next (the list's "most useful" order reads it by its index)."""
    db.execute("ALTER TABLE postings ADD COLUMN usefulness REAL")
    db.execute("CREATE INDEX postings_usefulness ON postings(usefulness)")
    db.execute("""
        CREATE TABLE label_suggestions (
            posting_id INTEGER NOT NULL REFERENCES postings(id) ON DELETE CASCADE,
            question TEXT NOT NULL,
            answer TEXT NOT NULL,
            confidence REAL NOT NULL,
            PRIMARY KEY (posting_id, question)
        )""")
    db.execute("""
        CREATE TABLE models (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            trained_at TEXT NOT NULL,
            postings INTEGER NOT NULL,
            learnt_from TEXT NOT NULL DEFAULT '[]',
            info TEXT NOT NULL DEFAULT '{}',
            data BLOB NOT NULL
        )""")


@migrations()
def m008_reviewers(db: Database) -> None:
    """Several reviewers: who made each decision, label, span and event (``reviewer``;
    what was there before is "unknown"), who last set a posting's status and comment;
    a field decision may be "adjudicated" (a final one where reviewers differed); each
    reviewer's own values of a posting brought together by a merge (``reviews``), and
    whether they differ (``postings.disagreement``); the time each reviewer spent on a
    posting; the project's guidelines and descriptions (``project_meta``)."""
    db.execute("""
        CREATE TABLE annotations_v8 (
            posting_id INTEGER NOT NULL REFERENCES postings(id) ON DELETE CASCADE,
            field TEXT NOT NULL,
            state TEXT NOT NULL
                CHECK (state IN ('accepted', 'corrected', 'rejected', 'adjudicated')),
            value TEXT,
            spans TEXT NOT NULL DEFAULT '[]',
            updated_at TEXT NOT NULL,
            reviewer TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (posting_id, field)
        )""")
    db.execute("INSERT INTO annotations_v8 SELECT posting_id, field, state, value, spans,"
               " updated_at, 'unknown' FROM annotations")
    db.execute("DROP TABLE annotations")
    db.execute("ALTER TABLE annotations_v8 RENAME TO annotations")
    for table in ("doc_labels", "spans", "events"):
        db.execute(f"ALTER TABLE {table} ADD COLUMN reviewer TEXT NOT NULL DEFAULT ''")
        db.execute(f"UPDATE {table} SET reviewer = 'unknown'")
    db.execute("ALTER TABLE postings ADD COLUMN status_by TEXT NOT NULL DEFAULT ''")
    db.execute("ALTER TABLE postings ADD COLUMN comment_by TEXT NOT NULL DEFAULT ''")
    db.execute("UPDATE postings SET status_by = 'unknown' WHERE status != 'new'")
    db.execute("UPDATE postings SET comment_by = 'unknown' WHERE comment != ''")
    db.execute("ALTER TABLE postings ADD COLUMN disagreement INTEGER NOT NULL DEFAULT 0")
    db.execute("CREATE INDEX postings_disagreement ON postings(disagreement, id)")
    db.execute("""
        CREATE TABLE reviews (
            posting_id INTEGER NOT NULL REFERENCES postings(id) ON DELETE CASCADE,
            reviewer TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('field', 'label', 'spans', 'status', 'comment')),
            key TEXT NOT NULL,
            value TEXT NOT NULL,
            at TEXT NOT NULL,
            PRIMARY KEY (posting_id, reviewer, kind, key)
        )""")
    db.execute("""
        CREATE TABLE review_time (
            posting_id INTEGER NOT NULL REFERENCES postings(id) ON DELETE CASCADE,
            reviewer TEXT NOT NULL,
            seconds REAL NOT NULL DEFAULT 0,
            PRIMARY KEY (posting_id, reviewer)
        )""")
    db.execute("""
        CREATE TABLE project_meta (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        )""")
    # the statistics count each field's suggestions from this index, not from the table
    # (a second at a million postings instead of seven)
    db.execute("CREATE INDEX suggestions_field ON suggestions(field)")
    # a posting's history (who did what) reads its lines by this index
    db.execute("CREATE INDEX events_posting ON events(posting_id, id)")


@migrations()
def m009_every_place_listed(db: Database) -> None:
    """The list's location column holds every place of a posting's final locations,
    parted by "; " (it held the first, and a ``location:`` filter missed a posting by
    its others): written again for the postings with more than one. A value that is not
    a JSON list leaves the column as it was."""
    def places(value: str) -> str:  # how many places a JSON value lists (0: no list)
        return (f"(CASE WHEN json_valid({value}) THEN (CASE WHEN json_type({value}) ="
                f" 'array' THEN json_array_length({value}) ELSE 0 END) ELSE 0 END)")

    final = ("(CASE WHEN EXISTS (SELECT 1 FROM annotations a WHERE a.posting_id = p.id"
             " AND a.field = 'locations') THEN (SELECT a.value FROM annotations a WHERE"
             " a.posting_id = p.id AND a.field = 'locations') ELSE (SELECT s.value FROM"
             " suggestions s WHERE s.posting_id = p.id AND s.field = 'locations') END)")
    db.execute(f"""
        UPDATE postings SET location = (
            SELECT CASE WHEN {places('v.value')} > 0 THEN
                (SELECT NULLIF(group_concat(value, '; '), '') FROM
                    (SELECT value FROM json_each(v.value) ORDER BY key))
                ELSE postings.location END
            FROM (SELECT {final} AS value FROM postings p WHERE p.id = postings.id) v)
        WHERE id IN (SELECT posting_id FROM suggestions WHERE field = 'locations'
                     AND {places('value')} > 1
                     UNION SELECT posting_id FROM annotations WHERE field = 'locations'
                     AND {places('value')} > 1)
    """)


@migrations()
def m010_status_order_indexes(db: Database) -> None:
    """Indexes for the list of one status in an order ("new" postings, least confident
    first, or most recently edited): read in the order of the index among the postings
    of that status, where the status index alone had every one of their rows read and
    sorted (ten seconds at a million postings)."""
    db.execute("CREATE INDEX postings_status_confidence ON postings(status, min_confidence, id)")
    db.execute("CREATE INDEX postings_status_updated ON postings(status, updated_at, id)")


SCHEMA_VERSION = 10  # the number of steps above
