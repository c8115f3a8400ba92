"""Ingest: paths in, postings stored in a project out.

Reads page files, folders, zips, JSONL/JSON and CSV (``inputs``), decodes bytes to
text whatever the encoding (``read``), and drives the pipeline over what it read,
writing batches to the store (``importer``), or over the pages a project already
holds (``reprocess``). The top stage: it calls the pipeline and the store, and
nothing in the core calls it.

Public API: ``read_file``, ``decode``, ``UnreadableError``, ``iter_inputs``,
``content_hash``, ``Item``, ``Skipped``, ``import_paths``, ``ImportReport``,
``reextract``, ``ReextractReport``. The import and re-extract runs (which load
the store) are imported on first use, so reading one file stays cheap.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from reviewer.core.ingest.inputs import content_hash, iter_inputs
from reviewer.core.ingest.items import Item, Skipped
from reviewer.core.ingest.read import UnreadableError, decode, read_file

if TYPE_CHECKING:
    from reviewer.core.ingest.importer import ImportReport, import_paths
    from reviewer.core.ingest.reprocess import ReextractReport, reextract

_LATER = {"ImportReport": "importer", "import_paths": "importer",
          "ReextractReport": "reprocess", "reextract": "reprocess"}


def __getattr__(name: str) -> Any:
    if name in _LATER:
        return getattr(importlib.import_module(f"{__name__}.{_LATER[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["ImportReport", "Item", "ReextractReport", "Skipped", "UnreadableError",
           "content_hash", "decode", "import_paths", "iter_inputs", "read_file", "reextract"]
