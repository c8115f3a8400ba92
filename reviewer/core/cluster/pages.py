"""The pipeline as a pure function over a partition: pages in, canonical records out.

``extract_pages`` takes ``(source, page, kind)`` tuples (``kind`` ``"html"``, ``"text"``
or None to guess) and yields, for each, the canonical record (``reviewer.core.records``)
that ``reviewer export --all`` writes for the page once it is imported, not yet reviewed:
the raw page's hash (as the import computes it), the cleaned Markdown as ``text``, every
field of schema v1 with provenance ``machine`` (or ``none``), the machine's values with
their spans, confidence and stage, and the page's metadata; or a ``Skipped`` saying why
the page gave nothing. It reads no file and writes none, and is a module-level function
of picklable values, so any engine that maps a function over partitions can run it: Dask
here, Spark's ``mapPartitions`` (README), a process pool.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from typing import Any

from reviewer.core.clean import gave_up
from reviewer.core.ingest import Item, Skipped, item_hash
from reviewer.core.ingest.dataset import apply_given
from reviewer.core.ingest.items import page
from reviewer.core.ingest.pages import Pipelined
from reviewer.core.pipeline import process
from reviewer.core.records import PostingRecord
from reviewer.core.schema import FIELD_NAMES, SCHEMA_VERSION
from reviewer.core.words.text import valid_name, valid_unicode

Page = tuple[str, str, str | None]  # source, the page as text, "html" / "text" / None
_EMPTY: tuple[Any, ...] = (None, [], {}, "")


def extract_pages(pages: Iterable[Page], stamp: str | None = None
                  ) -> Iterator[PostingRecord | Skipped]:
    """Each page cleaned and extracted, as its canonical record or a ``Skipped`` (an
    empty page, one over 20 MB, one cleaning gave up on, as ``reviewer import`` skips
    them); ``stamp`` (ISO 8601, default now) is the records' ``imported_at`` and ``updated_at``."""
    stamp = stamp or now()
    for source, text, kind in pages:
        item = page(valid_name(source), valid_unicode(text),
                    kind if kind in ("html", "text") else None)  # type: ignore[arg-type]
        yield item if isinstance(item, Skipped) else extract_item(item, stamp)


def extract_item(item: Item, stamp: str) -> PostingRecord | Skipped:
    """One page as read by ``reviewer.core.ingest`` (with the values and metadata of a
    data file's columns); a record it read (one of our own) is passed on as it is."""
    if item.record is not None:
        return item.record  # type: ignore[return-value]
    try:
        # a record has no removal record, so cleaning need not build one
        done = process(item.text, item.kind, name=item.source, record_removed=False)
        if (reason := gave_up(done.doc)) is not None:
            return Skipped(item.source, reason)
        if item.given:
            apply_given(done.extraction, item.given, done.doc.markdown)
    except Exception as err:  # one bad page must not stop the partition
        return Skipped(item.source, f"cleaning failed: {type(err).__name__}: {err}")
    return record_of(Pipelined(item.source, item_hash(item.text, item.given), item.metadata,
                               done.doc, done.extraction), stamp)


def record_of(page: Pipelined, stamp: str) -> PostingRecord:
    """The canonical record of a page the pipeline went over (as the store would
    export it after importing the page: empty values are no value)."""
    ext = page.extraction
    machine: dict[str, Any] = {}
    for name, value in ext.fields.items():
        if value in _EMPTY:
            continue
        machine[name] = {"value": value, "confidence": ext.confidence.get(name, 0.0),
                         "spans": [list(s) for s in ext.evidence.get(name, [])],
                         "stage": ext.stages.get(name, "")}
    fields = {name: machine[name]["value"] if name in machine else None for name in FIELD_NAMES}
    return {
        "id": None,  # type: ignore[typeddict-item]  # numbered by the project it goes into
        "source": page.source, "raw_hash": page.digest, "status": "new", "reviewer": "",
        "text": page.doc.markdown, "fields": fields,
        "provenance": {name: "machine" if name in machine else "none" for name in FIELD_NAMES},
        "machine": machine,
        "field_spans": {name: m["spans"] for name, m in machine.items() if m["spans"]},
        "spans": [], "labels": {}, "comment": "", "metadata": page.metadata,
        "imported_at": stamp, "updated_at": stamp, "schema_version": SCHEMA_VERSION,
    }


def now() -> str:
    """The time as the store stamps it (UTC, to the second)."""
    return datetime.now(UTC).isoformat(timespec="seconds")
