"""Plug-in extractors: a user's own model or LLM call beside the rules.

An extractor is named by the user (``--extractor``): the name of an installed plug-in,
an entry point of the ``reviewer.extractors`` group whose factory makes an ``Extractor``
(``loading``), or else a command run once a batch, JSON lines in and out (``command``).
It is given batches of postings (``Posting``: id, source, cleaned Markdown, the rules'
values) and gives back, per posting, readings of fields with spans and confidences.
These are checked against schema v1 (``values``) and merged into each posting's
extraction as the plug-in's own stage, ``plugin:NAME`` or ``command``
(``extract.merge_findings``: the more confident value wins, the other is kept as an
alternative). Nothing a plug-in does costs a posting or the rules' values (``run``).

Plain Python; imports ``schema`` and ``extract.merge_findings`` and is called by
``ingest`` (import, re-extract) after the pipeline, in the parent process.

Public API: ``load_extractor`` (-> ``ExtractorRun``, whose ``apply`` merges and whose
``report`` is a ``PluginReport``), ``installed_extractors``, ``Posting``, ``Extractor``,
``ExtractorError``, ``GROUP``, ``DEFAULT_TIMEOUT``, ``DEFAULT_CONFIDENCE``,
``posting_of`` (a posting as a plug-in sees it) and ``check_value`` (a value in
schema v1's form, or ValueError).
"""

from __future__ import annotations

from reviewer.core.plugins.command import DEFAULT_TIMEOUT
from reviewer.core.plugins.loading import (
    find_extractor,
    installed_extractors,
    is_extractor_stage,
)
from reviewer.core.plugins.protocol import (
    DEFAULT_CONFIDENCE,
    GROUP,
    Extractor,
    ExtractorError,
    Posting,
)
from reviewer.core.plugins.run import BATCH, ExtractorRun, PluginReport, posting_of
from reviewer.core.plugins.values import check_value


def load_extractor(spec: str, *, timeout: float = DEFAULT_TIMEOUT,
                   batch: int = BATCH) -> ExtractorRun:
    """The extractor ``spec`` names (an installed plug-in's name, else a command), ready
    to run over batches of ``batch`` postings; a command may take ``timeout`` seconds a
    posting. Raises ExtractorError saying what is wrong."""
    extractor, stage = find_extractor(spec, timeout)
    return ExtractorRun(extractor, stage, batch)


__all__ = ["DEFAULT_CONFIDENCE", "DEFAULT_TIMEOUT", "GROUP", "Extractor", "ExtractorError",
           "ExtractorRun", "PluginReport", "Posting", "check_value", "installed_extractors",
           "is_extractor_stage",
           "load_extractor", "posting_of"]
