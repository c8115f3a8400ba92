"""Ingest: paths in, postings stored in a project out.

Reads page files, folders, zips, and data files of many postings: JSONL/JSON, CSV and
Parquet (``inputs``), decodes bytes to text whatever the encoding (``read``), maps a
data file's columns to the page and the fields by their names (``columns``; the values
read as schema v1 by ``values``, given to the posting as the ``dataset`` stage by
``dataset``), and drives the pipeline over what it read, writing batches to the store
(``importer``), or over the pages a project already holds (``reprocess``). The top
stage: it calls the pipeline and the store, and nothing in the core calls it.

Public API: ``read_file``, ``decode``, ``UnreadableError``, ``iter_inputs``,
``content_hash``, ``Item``, ``Skipped``, ``LeftOut``, ``import_paths``, ``ImportReport``,
``reextract``, ``ReextractReport``; the column mapping: ``find_mapping``,
``ColumnMapping``, ``SYNONYMS``, ``TARGETS``, and for a form shown before an import,
``preview_columns`` and ``ColumnPreview``. The import and re-extract runs (which load
the store) and the preview are imported on first use, so reading one file stays cheap.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from reviewer.core.ingest.columns import SYNONYMS, TARGETS, ColumnMapping, find_mapping
from reviewer.core.ingest.inputs import content_hash, iter_inputs
from reviewer.core.ingest.items import Item, LeftOut, Skipped
from reviewer.core.ingest.read import UnreadableError, decode, read_file

if TYPE_CHECKING:
    from reviewer.core.ingest.importer import ImportReport, import_paths
    from reviewer.core.ingest.preview import ColumnPreview, preview_columns
    from reviewer.core.ingest.reprocess import ReextractReport, reextract

_LATER = {"ImportReport": "importer", "import_paths": "importer",
          "ReextractReport": "reprocess", "reextract": "reprocess",
          "ColumnPreview": "preview", "preview_columns": "preview"}


def __getattr__(name: str) -> Any:
    if name in _LATER:
        return getattr(importlib.import_module(f"{__name__}.{_LATER[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["SYNONYMS", "TARGETS", "ColumnMapping", "ColumnPreview", "ImportReport", "Item",
           "LeftOut", "ReextractReport", "Skipped", "UnreadableError", "content_hash",
           "decode", "find_mapping", "import_paths", "iter_inputs", "preview_columns",
           "read_file", "reextract"]
