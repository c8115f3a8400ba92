"""One page through the pipeline and encoded as the store's rows, a plug-in between.

``pipeline_page`` cleans and extracts a page (in a worker process), the values a data
file's columns gave put in; ``encode_page`` makes the store's rows of it. Without a
plug-in extractor a worker does both (``importer.prepare_page``); with one, the worker
does the first, and ``finish`` (in the parent, which alone runs the plug-in: a pool
pickles its work, a plug-in's process or model stays here) offers the batch to the
plug-in, then encodes it. The project's learned model, when it has one, reads each page
the same way in ``finish``, before a plug-in: its values merged with the rules', its
answers to the label questions and how useful the posting is to review kept with it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from reviewer.core.clean import gave_up
from reviewer.core.ingest.dataset import STAGE, apply_given
from reviewer.core.ingest.inputs import content_hash
from reviewer.core.ingest.items import Item, Skipped
from reviewer.core.pipeline import process
from reviewer.core.schema import CleanDoc, Extraction
from reviewer.core.store import NewPosting, PreparedPosting, Store, prepare

if TYPE_CHECKING:
    from reviewer.core.learn import Model
    from reviewer.core.plugins import ExtractorRun

# source, page, kind, metadata, hash, the values its columns gave
Work = tuple[str, str, Any, dict[str, Any], str, dict[str, Any]]


@dataclass
class Pipelined:
    """A page cleaned and extracted, not yet encoded (the page itself left behind)."""

    source: str
    digest: str
    metadata: dict[str, Any]
    doc: CleanDoc
    extraction: Extraction
    label_suggestions: dict[str, tuple[Any, float]] = field(default_factory=dict)
    usefulness: float | None = None


def pipeline_page(work: Work) -> Pipelined | Skipped:
    """Clean and extract one page (runs in a worker process)."""
    source, text, kind, metadata, digest, given = work
    try:
        done = process(text, kind, name=source)
        if (reason := gave_up(done.doc)) is not None:
            return Skipped(source, reason)
        if given:
            apply_given(done.extraction, given, done.doc.markdown)
        return Pipelined(source, digest, metadata, done.doc, done.extraction)
    except Exception as err:  # one bad page must not stop the import
        return Skipped(source, f"cleaning failed: {type(err).__name__}: {err}")


def encode_page(page: Pipelined) -> PreparedPosting | Skipped:
    """The store's rows of a page the pipeline went over."""
    doc, ext = page.doc, page.extraction
    try:
        return prepare(NewPosting(
            source=page.source, hash=page.digest, kind=doc.kind, raw=None,
            cleaned=doc.markdown, source_text=doc.source,
            removed=[[r.start, r.end, r.reason] for r in doc.removed],
            context=doc.context, metadata=page.metadata,
            fields={k: v for k, v in ext.fields.items() if v not in (None, [], {}, "")},
            evidence={k: [list(s) for s in v] for k, v in ext.evidence.items()},
            confidence=ext.confidence, stages=ext.stages,
            alternatives={k: [{"value": a.value, "confidence": a.confidence, "stage": a.stage,
                               "spans": [list(s) for s in a.spans]} for a in v]
                          for k, v in ext.alternatives.items()},
            label_suggestions=page.label_suggestions, usefulness=page.usefulness,
        ))
    except Exception as err:  # one bad page must not stop the import
        return Skipped(page.source, f"cleaning failed: {type(err).__name__}: {err}")


def finish(results: Iterable[PreparedPosting | Pipelined | Skipped],
           extractor: ExtractorRun | None,
           model: Model | None = None) -> list[PreparedPosting | Skipped]:
    """A batch's results as the store's rows, the ``model``'s and then the
    ``extractor``'s readings merged into the pages not yet encoded first."""
    done = list(results)
    if model is not None:
        for page in done:
            if isinstance(page, Pipelined):
                learned(model, page)
    if extractor is not None:
        from reviewer.core.plugins import posting_of

        extractor.apply([(posting_of(r.digest, r.source, r.doc.markdown, r.extraction),
                          r.extraction) for r in done if isinstance(r, Pipelined)])
    return [encode_page(r) if isinstance(r, Pipelined) else r for r in done]


def learned(model: Model, page: Pipelined) -> None:
    """The model's readings of a page merged into its extraction, its label answers and
    the page's usefulness kept with it. A model that fails on a page leaves the rules'
    reading as it was; a value a data file's column gave stays the suggestion."""
    from reviewer.core.learn import apply, usefulness

    given = frozenset(name for name, stage in page.extraction.stages.items() if stage == STAGE)
    try:
        suggestions = apply(model, page.doc, page.extraction, given)
    except Exception:  # a page the model cannot read keeps what the rules found
        return
    page.label_suggestions = dict(suggestions.labels)
    page.usefulness = usefulness(model, page.extraction, suggestions)


def held_before(store: Store, rows: list[tuple[Item, str]]) -> set[str]:
    """Of rows of data files that the project holds under no hash of theirs (the page and
    their columns' values, ``item_hash``), those it holds under the page's hash alone with
    the same values (imported before rows were told apart by them): their hashes."""
    by_page: dict[str, list[tuple[Item, str]]] = {}
    for item, digest in rows:
        by_page.setdefault(content_hash(item.text), []).append((item, digest))
    held: set[str] = set()
    for page in store.postings.known_hashes(list(by_page)):
        values = store.transfer.stage_values(page, STAGE)
        held.update(digest for item, digest in by_page[page]
                    if all(values.get(k) == v for k, v in item.given.items()))
    return held


def imported_before(store: Store, rows: list[tuple[Item, str]]) -> set[str]:
    """Of rows the project holds under no hash of theirs, those it holds a posting of
    from the same source (a data file's row, ``file.csv#3``) with the same page: imported
    before with other values from their columns (a mapping changed). Their hashes: a
    second posting of one row would be the same posting twice."""
    by_source = {item.source: (item, digest) for item, digest in rows}
    held: set[str] = set()
    for source, raw in store.postings.pages_from(list(by_source)):
        item, digest = by_source[source]
        if raw is not None and digest not in held and \
                content_hash(raw) == content_hash(item.text):
            held.add(digest)
    return held
