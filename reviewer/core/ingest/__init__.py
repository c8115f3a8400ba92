"""Ingest: paths in, postings stored in a project out.

Reads page files, folders, zips, and data files of many postings: JSONL/JSON, CSV and
Parquet (``inputs``), decodes bytes to text whatever the encoding (``read``), maps a
data file's columns to the page and the fields by their names (``columns``; the values
read as schema v1 by ``values``, given to the posting as the ``dataset`` stage by
``dataset``), and drives the pipeline over what it read, writing batches to the store
(``importer``; our own records, which need no pipeline, read and encoded in its worker
processes by ``own_records``), or over the pages a project already holds
(``reprocess``). The top
stage: it calls the pipeline and the store, and nothing in the core calls it.

Public API: ``read_file``, ``decode``, ``UnreadableError``, ``iter_inputs``,
``content_hash``, ``item_hash``, ``Item``, ``Skipped``, ``LeftOut``, ``import_paths``,
``ImportReport``,
``reextract``, ``ReextractReport``; the column mapping: ``find_mapping``, ``column_key``,
``ColumnMapping``, ``SYNONYMS``, ``TARGETS``, and for a form shown before an import,
``preview_columns`` and ``ColumnPreview``; the project's model: ``train_project``,
``TrainReport``, ``TrainingError``, ``project_model``, ``model_summary``,
``figures_table``. The readers of folders, archives and data files, the column
mapping, the import and re-extract runs (which load the store), the preview and training
are imported on first use, so reading one page file (``read_file``, all ``reviewer
extract`` needs) starts without them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from reviewer.core.ingest.items import Item, LeftOut, Skipped
from reviewer.core.ingest.read import UnreadableError, decode, read_file

if TYPE_CHECKING:
    from reviewer.core.ingest.columns import (
        SYNONYMS,
        TARGETS,
        ColumnMapping,
        column_key,
        find_mapping,
    )
    from reviewer.core.ingest.import_report import ImportReport
    from reviewer.core.ingest.importer import import_paths
    from reviewer.core.ingest.inputs import content_hash, item_hash, iter_inputs
    from reviewer.core.ingest.preview import ColumnPreview, preview_columns
    from reviewer.core.ingest.reprocess import ReextractReport, reextract
    from reviewer.core.ingest.training import (
        TrainingError,
        TrainReport,
        figures_table,
        model_summary,
        project_model,
        train_project,
    )
    from reviewer.core.ingest.values import currency_code

_LATER = {"SYNONYMS": "columns", "TARGETS": "columns", "ColumnMapping": "columns",
          "column_key": "columns", "find_mapping": "columns",
          "content_hash": "inputs", "item_hash": "inputs", "iter_inputs": "inputs",
          "ImportReport": "import_report", "import_paths": "importer",
          "train_project": "training", "project_model": "training",
          "model_summary": "training", "figures_table": "training",
          "TrainReport": "training", "TrainingError": "training",
          "ReextractReport": "reprocess", "reextract": "reprocess",
          "ColumnPreview": "preview", "preview_columns": "preview",
          "currency_code": "values"}


def __getattr__(name: str) -> Any:
    if name in _LATER:
        return getattr(importlib.import_module(f"{__name__}.{_LATER[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "SYNONYMS",
    "TARGETS",
    "ColumnMapping",
    "ColumnPreview",
    "ImportReport",
    "Item",
    "LeftOut",
    "ReextractReport",
    "Skipped",
    "TrainReport",
    "TrainingError",
    "UnreadableError",
    "column_key",
    "content_hash",
    "currency_code",
    "decode",
    "figures_table",
    "find_mapping",
    "import_paths",
    "item_hash",
    "iter_inputs",
    "model_summary",
    "preview_columns",
    "project_model",
    "read_file",
    "reextract",
    "train_project",
]
