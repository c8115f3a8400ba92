"""Export: canonical posting records in, dataset files out.

Takes a stream of ``PostingRecord`` (``reviewer.core.records``; the store's
``records`` part reads them) and writes one of the formats, whole or split into
deterministic parts: ``rows`` turns a record into each format's row or task,
``writers`` puts rows in files one at a time (``spacy_docs``: spaCy's DocBin, written
in parts by ``spacy_parts``),
``splits`` assigns records to parts,
``card`` finishes a Hugging Face dataset folder, ``labelstudio`` makes Label Studio
tasks and the labeling config they fit, ``jsonld`` makes schema.org JobPostings (``jsonld_pages``
the HTML pages carrying them) and says which properties Google requires each one lacks, ``run`` ties
them together, and ``bulk`` writes a whole project with worker processes (canonical
JSONL, the CSV table as CSV or Parquet, doccano, Argilla; ``parts`` writes each range).
``tokens_bio`` tags tokens (BIO) for the Hugging Face folder and CoNLL; ``formats_more``
writes doccano, Argilla and the table as Parquet; ``table`` makes the table's rows;
``files`` tells the paths that hold a project.

Public API: ``export``, ``export_bulk``, ``export_jsonl``, ``BULK_FORMATS``,
``export_whole``, ``is_project_file``, ``is_sqlite_file``, ``write_text_whole``,
``ExportSummary``, ``FORMATS``, ``EXTENSIONS``, ``parse_split``, ``assign_split``, ``plan_split``,
``drop_bad_spans``, ``LabelStudioTasks``; the module ``jsonld``.
"""

from __future__ import annotations

from reviewer.core.export import jsonld
from reviewer.core.export.bulk import BULK_FORMATS, export_bulk, export_jsonl
from reviewer.core.export.files import is_project_file, is_sqlite_file
from reviewer.core.export.labelstudio import LabelStudioTasks
from reviewer.core.export.reviewers import differing_note, status_undecided_note
from reviewer.core.export.run import (
    EXTENSIONS,
    FORMATS,
    drop_bad_spans,
    export,
    export_whole,
    write_text_whole,
)
from reviewer.core.export.splits import assign_split, parse_split, plan_split
from reviewer.core.export.summary import ExportSummary

__all__ = ["BULK_FORMATS", "EXTENSIONS", "FORMATS", "ExportSummary", "LabelStudioTasks",
           "assign_split", "differing_note", "drop_bad_spans", "export", "export_bulk",
           "export_jsonl", "export_whole", "is_project_file", "is_sqlite_file", "jsonld",
           "parse_split", "plan_split", "status_undecided_note", "write_text_whole"]
