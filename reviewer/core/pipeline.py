"""One posting through the pipeline: text in, cleaned Markdown and fields out."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reviewer.core.clean import Kind, clean, detect_kind
from reviewer.core.extract import extract
from reviewer.core.schema import CleanDoc, Extraction


@dataclass
class Processed:
    doc: CleanDoc
    extraction: Extraction


def process(
    raw: str, kind: Kind | None = None, name: str = "", record_removed: bool = True
) -> Processed:
    """Clean and extract one page (see ``clean`` for ``record_removed``)."""
    doc = clean(raw, kind or detect_kind(raw, name), record_removed)
    return Processed(doc, extract(doc))


def record(source: str, result: Processed) -> dict[str, Any]:
    """The headless contract's record for one input."""
    ext = result.extraction
    return {
        "source": source,
        "cleaned": result.doc.markdown,
        "fields": ext.fields,
        "evidence": {k: [list(s) for s in v] for k, v in ext.evidence.items() if v},
        "confidence": ext.confidence,
    }
