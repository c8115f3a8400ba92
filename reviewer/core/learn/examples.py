"""What the model learns from, and a posting made ready for it.

``Example``: one reviewed posting: its cleaned Markdown, the values the reviewers
decided (field name to value; a field present with ``None`` was decided to have no
value, a field absent was not decided), their answers to the document-label
questions (question to an option, or a list of options), and optionally the rules'
``Extraction`` of it as it was stored (without one, the rules are run again on the
Markdown: a page's title and JSON-LD are then not seen).

``Prepared``: a posting with everything the parts of the model read, each made once
when first asked for: the tagger's tokens, the hashed words of the posting, its
lines and their hashed features.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import pycrfsuite  # type: ignore[import-untyped]
import scipy.sparse as sp  # type: ignore[import-untyped]

from reviewer.core.extract import extract
from reviewer.core.learn import calibrate, classify, features
from reviewer.core.schema import CleanDoc, Extraction

Answer = str | list[str]
_WORD = re.compile(r"\w+")


@dataclass
class Example:
    """One reviewed posting (see the module's doc)."""

    markdown: str
    fields: dict[str, Any] = field(default_factory=dict)
    labels: dict[str, Answer] = field(default_factory=dict)
    extraction: Extraction | None = None
    source: str = ""


class Prepared:
    """A posting as the model reads it; ``example`` holds the decisions when it is one
    to learn from (else an empty ``Example``)."""

    def __init__(self, markdown: str, extraction: Extraction,
                 example: Example | None = None) -> None:
        self.markdown = markdown
        self.extraction = extraction
        self.example = example or Example(markdown)
        self._tokens: features.Tokens | None = None
        self._items: pycrfsuite.ItemSequence | None = None
        self._doc_row: sp.csr_matrix | None = None
        self._lines: list[classify.Line] | None = None
        self._line_rows: sp.csr_matrix | None = None
        self._line_words: list[Counter[str]] | None = None
        self.line_targets: dict[str, list[str]] = {}  # per list field (tasks.line_targets)

    @classmethod
    def of(cls, example: Example) -> Prepared:
        extraction = example.extraction or extract(CleanDoc(example.markdown, "text"))
        return cls(example.markdown, extraction, example)

    @property
    def tokens(self) -> features.Tokens:
        if self._tokens is None:
            self._tokens = features.tokens(self.markdown, self.extraction)
        return self._tokens

    @property
    def items(self) -> pycrfsuite.ItemSequence:
        if self._items is None:
            self._items = pycrfsuite.ItemSequence(self.tokens.features)
        return self._items

    @property
    def doc_row(self) -> sp.csr_matrix:
        if self._doc_row is None:
            self._doc_row = classify.hashed(
                [classify.doc_features(self.markdown, self.extraction)])
        return self._doc_row

    @property
    def lines(self) -> list[classify.Line]:
        if self._lines is None:
            self._lines = classify.lines_of(self.markdown)
        return self._lines

    @property
    def line_words(self) -> list[Counter[str]]:
        """The words of each line, as they are compared (``calibrate.norm``)."""
        if self._line_words is None:
            self._line_words = [Counter(_WORD.findall(calibrate.norm(line.text)))
                                for line in self.lines]
        return self._line_words

    @property
    def line_rows(self) -> sp.csr_matrix:
        if self._line_rows is None:
            self._line_rows = classify.hashed(
                classify.line_features(self.markdown, self.lines, self.extraction))
        return self._line_rows
