"""What each table and column of a project file holds: the one description of them.

The tables are plain SQLite; open a project with ``datasette project.db`` or
``sqlite-utils tables project.db``. ``TABLES`` maps each table (in the order the
schema steps of ``migrations`` make them) to what it holds and what each of its columns
holds; ``datasette_metadata`` hands the same words to Datasette, as its titles and
descriptions (``reviewer serve DB``, or ``--metadata-only`` to write
``DB.metadata.json`` for ``datasette DB -m DB.metadata.json``). Every table and column of
a new project is described here, and nothing else is (a test keeps the two equal). JSON
columns hold text that SQLite's JSON functions read.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

Table = tuple[str, dict[str, str]]  # (what the table holds, {column: what it holds})

TABLES: dict[str, Table] = {
    "postings": ("One row a posting: the page as imported, its cleaned text and its review "
                 "status, with the current title, company and location for listing.", {
        "id": "The posting's number, in import order.",
        "hash": "Hash of the raw page: a page already in the project is not added again.",
        "source": "Where the page came from: its file (and line or row, for JSON lines, CSV "
                  "and archives).",
        "kind": "What the page was: html or text.",
        "raw": "The page as imported.",
        "cleaned": "The posting as Markdown, cleaned of the page around it; spans and field "
                   "evidence index this text.",
        "source_text": "The page as text, before cleaning.",
        "removed": "JSON [[start, end, reason], ...]: the parts of source_text that cleaning "
                   "removed, and why.",
        "context": "JSON list of the lines around the posting on its page.",
        "metadata": "JSON object: the other keys of an imported record.",
        "status": "new, reviewed, skipped or flagged.",
        "title": "The current title (a person's value, else the machine's), for listing.",
        "company": "The current company, for listing.",
        "location": "The current locations, parted by '; ', for listing.",
        "min_confidence": "The lowest confidence of the machine's fields: the least "
                          "confident postings are reviewed first.",
        "imported_at": "When the posting was imported (UTC, ISO 8601).",
        "updated_at": "When the posting or a decision on it last changed (UTC, ISO 8601).",
        "comment": "A reviewer's note.",
        "usefulness": "How useful reviewing it would be to the project's learned model (how "
                      "unsure the model is of it); empty where no model read it.",
        "status_by": "Who last set its status ('' while new; unknown before names were kept).",
        "comment_by": "Who last wrote its comment.",
        "disagreement": "1 where the reviewers whose files were merged differ on it and no "
                        "one has adjudicated it yet, else 0.",
    }),
    "suggestions": ("The machine's value of each field of a posting, with its evidence and "
                    "confidence. Never overwritten by a person's decision.", {
        "posting_id": "The posting (postings.id).",
        "field": "The field: title, company, locations, salary, ...",
        "value": "JSON: the value the machine found.",
        "spans": "JSON [[start, end], ...]: its evidence in the cleaned text.",
        "confidence": "How sure the machine is, from 0 to 1.",
        "stage": "The step of the extraction that found it.",
        "extractor_version": "The version of the extraction that found it.",
        "alternatives": "JSON [{value, confidence, stage, spans}, ...]: the other values "
                        "stages of the extraction found for the field, best first.",
    }),
    "annotations": ("A person's decision on a field of a posting.", {
        "posting_id": "The posting (postings.id).",
        "field": "The field decided.",
        "state": "accepted (the machine's value), corrected, rejected, or adjudicated (the "
                 "final value where reviewers differed).",
        "value": "JSON: the value decided (the machine's for accepted, null for rejected).",
        "spans": "JSON [[start, end], ...]: its evidence in the cleaned text.",
        "updated_at": "When it was decided (UTC, ISO 8601).",
        "reviewer": "Who made it (the reviewer's name; unknown for what was made before names "
                    "were kept).",
    }),
    "events": ("The project's log: every import and edit, when and to which posting.", {
        "id": "The event's number, in order.",
        "at": "When (UTC, ISO 8601).",
        "kind": "What happened: import, corrected_field, set_status, add_span, undo, ...",
        "posting_id": "The posting it concerns (postings.id), if one.",
        "data": "JSON object: the details.",
        "reviewer": "Who did it (unknown for what was done before names were kept).",
    }),
    "spans": ("Labelled character ranges of a posting's cleaned text.", {
        "id": "The span's number.",
        "posting_id": "The posting (postings.id).",
        "start": "Where it starts in the cleaned text (a character offset).",
        "end": "Where it ends (exclusive): cleaned[start:end] is the span's text.",
        "label": "Its label, from a span question of the label schema.",
        "origin": "machine or human.",
        "state": "suggested, accepted or rejected.",
        "created_at": "When it was made (UTC, ISO 8601).",
        "reviewer": "Who made it (the reviewer's name; unknown for what was made before names "
                    "were kept).",
    }),
    "doc_labels": ("A posting's answers to the questions of the label schema: one row an "
                   "option chosen.", {
        "posting_id": "The posting (postings.id).",
        "question": "The question (label_schema.question).",
        "option": "The option chosen.",
        "reviewer": "Who chose it (unknown for what was chosen before names were kept).",
    }),
    "label_schema": ("The label questions asked of every posting.", {
        "question": "The question's name.",
        "kind": "single (one option), multi (any options) or span (labels of text ranges).",
        "options": "JSON list of the options: name, colour and key.",
        "position": "Its place in the list of questions.",
    }),
    "postings_fts": ("Full-text search over postings' title, company and cleaned text (FTS5, "
                     "kept up to date by triggers): the postings table's search box.", {
        "title": "postings.title.",
        "company": "postings.company.",
        "cleaned": "postings.cleaned.",
    }),
    "column_maps": ("The column mapping used for data files (CSV, JSON, Parquet), by their "
                    "columns: the next import of files with the same columns maps them the "
                    "same way.", {
        "columns": "JSON list of the files' column names, sorted.",
        "mapping": "JSON object: the page column (page) and each field's column (fields).",
        "updated_at": "When it was last used with a change (UTC, ISO 8601).",
    }),
    "models": ("Models the project learnt from its reviewed postings (reviewer train), the "
               "newest in use.", {
        "id": "The model's number, in the order they were trained.",
        "kind": "What it is (learned: fields and labels from the reviewed postings).",
        "trained_at": "When it was trained (UTC, ISO 8601).",
        "postings": "How many reviewed postings it learnt from.",
        "learnt_from": "JSON list of those postings' ids.",
        "info": "JSON object: its format, versions and cross-validated figures.",
        "data": "The model in its own safe format (a zip of JSON and arrays, never a pickle).",
    }),
    "label_suggestions": ("The answers a learned model suggests to the label questions, "
                          "shown beside them until a person answers.", {
        "posting_id": "The posting (postings.id).",
        "question": "The question's name.",
        "answer": "JSON: the option suggested (a list of options for a many-answer question).",
        "confidence": "How sure the model is (0 to 1, on the project's scale).",
    }),
    "reviews": ("Each reviewer's own values of a posting, brought together by merging their "
                "project files: where they differ the posting is a disagreement.", {
        "posting_id": "The posting (postings.id).",
        "reviewer": "The reviewer's name.",
        "kind": "field, label, spans, status or comment.",
        "key": "The field or question ('' for spans, status and comment).",
        "value": "JSON: a field's {state, value, spans}; a question's options; the accepted "
                 "spans [[start, end, label], ...]; the status; the comment.",
        "at": "When the reviewer last changed it (UTC, ISO 8601).",
    }),
    "review_time": ("The time each reviewer spent on a posting, while the window showed it "
                    "and they were not idle.", {
        "posting_id": "The posting (postings.id).",
        "reviewer": "The reviewer's name.",
        "seconds": "Seconds, summed over every visit.",
    }),
    "project_meta": ("The project's guidelines for its reviewers, the descriptions of its "
                     "fields, questions and options, and what else the file keeps of "
                     "itself.", {
        "key": "guidelines (Markdown); descriptions (JSON object: name to text); "
               "questions_changed (JSON object: each label question whose options were "
               "renamed or removed since the learned model was trained, to a count of "
               "those edits); skills_label (the span label the machine's skills are "
               "suggested as, where SKILL was renamed); assigned_reviewer; made_by_merge.",
        "value": "The text.",
    }),
    "_sqlite_migrations": ("The schema steps applied to this file, in order.", {
        "id": "The step's number.",
        "migration_set": "The set of steps (posting-reviewer).",
        "name": "The step.",
        "applied_at": "When it was applied (UTC).",
    }),
}


def datasette_metadata(path: str | Path) -> dict[str, Any]:
    """Datasette's metadata for the project at ``path``: a title, and the description of
    each table and column (Datasette names the database after the file, less its
    suffix)."""
    path = Path(path)
    tables: dict[str, Any] = {
        name: {"description": text, "columns": dict(columns)}
        for name, (text, columns) in TABLES.items()}
    tables["postings"].update(label_column="title")  # postings named by title where linked
    return {
        "title": f"Posting Reviewer: {path.name}",
        "description": "Job postings, the fields the machine extracted from them and the "
                       "decisions and labels of the people who reviewed them.",
        "databases": {path.stem: {"description": "A Posting Reviewer project.",
                                  "tables": tables}},
    }


def metadata_file(path: str | Path) -> Path:
    """Where ``write_metadata`` puts the metadata: ``DB.metadata.json`` beside ``DB``."""
    path = Path(path)
    return path.with_name(f"{path.name}.metadata.json")


def write_metadata(path: str | Path) -> Path:
    """Write Datasette's metadata for the project at ``path`` beside it; returns the file."""
    out = metadata_file(path)
    out.write_text(json.dumps(datasette_metadata(path), indent=2, ensure_ascii=False) + "\n",
                   encoding="utf-8")
    return out
