"""What a plug-in extractor is given and gives back.

A plug-in gets a batch of postings (``Posting``: an id, where it came from, its cleaned
Markdown and the values the rules found) and gives back, for each posting in the same
order, its readings: ``{field: Finding}``, or ``{field: {"value": …, "spans": [[start,
end], …], "confidence": 0.7}}`` (a field it has no reading for is left out). Spans are
character offsets into the Markdown. Whatever it gives is checked before it is used
(``values``), and its stage is the plug-in's own, whatever a ``Finding`` says.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

GROUP = "reviewer.extractors"  # the entry-point group plug-ins are registered in
DEFAULT_CONFIDENCE = 0.5  # a reading that gives none


@dataclass(frozen=True)
class Posting:
    """One posting as a plug-in sees it.

    ``id`` is the key to answer with: the hash of the posting's page in a project (the
    same page has the same id in an import and a re-extract), the file's name in
    ``reviewer extract``. ``fields`` holds the value suggested so far of every field of
    schema v1 (None where there is none): the rules', or a data file's column's, or the
    project's learned model's where it won over the rules."""

    id: str
    source: str
    markdown: str
    fields: Mapping[str, Any]

    def to_json(self) -> dict[str, Any]:
        """The posting as a command reads it, one JSON object a line."""
        return {"id": self.id, "source": self.source, "markdown": self.markdown,
                "fields": dict(self.fields)}


class Extractor(Protocol):
    """What an entry point of the ``reviewer.extractors`` group makes (its factory, a
    class or a function taking no arguments, returns one)."""

    def extract(self, postings: Sequence[Posting]) -> Sequence[Mapping[str, Any]]:
        """Per posting, in order: its readings, ``{field: Finding or dict}``."""
        ...


class ExtractorError(Exception):
    """A plug-in that cannot be loaded or run, said for a person (no traceback)."""


def batch_name(postings: Sequence[Posting]) -> str:
    """Which postings a message is about: the one's source, or the first's."""
    if len(postings) == 1:
        return postings[0].source
    return f"{len(postings)} postings from {postings[0].source} on"
