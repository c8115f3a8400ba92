"""Span fields read by a sequence tagger: a CRF (python-crfsuite) per field.

In: the tokens of a posting (``features.tokens``) and, for training, the value the
reviewers decided. Out: the tagger's readings, each a value with its spans in the
Markdown and the tagger's confidence (the mean marginal probability of its tokens'
tags).

A decided value is turned into tags where the text holds it (any case, markup and
spaces between its words allowed): B on its first token, I on the others, O on every
other token; a place not written whole is looked for by its first part ("Leeds" of
"Leeds, UK"). A value the text does not hold teaches nothing and its posting is
left out of that field's training; a field decided empty teaches all O.

The CRF is crfsuite's (L-BFGS with elastic-net regularisation): a well-kept library,
with its own compact binary model format, kept as bytes (see ``storage``).
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pycrfsuite  # type: ignore[import-untyped]

from reviewer.core.learn.features import Tokens
from reviewer.core.schema import Span

OUTSIDE, BEGIN, INSIDE = "O", "B", "I"
CRF_PARAMS: dict[str, Any] = {"c1": 0.05, "c2": 0.02, "max_iterations": 30,
                              "feature.possible_transitions": True}
_STRIP = " \t\n*_#`>|:;,.-–—()[]\"'"


@dataclass
class Reading:
    """A value the tagger read, its spans in the Markdown and its confidence."""

    value: str
    spans: list[Span]
    confidence: float


def tags_for(markdown: str, toks: Tokens, value: object) -> list[str] | None:
    """The B/I/O tags of ``toks`` for a decided value (a string, a list of strings or
    None for "none"); None when the text holds none of it (nothing to learn)."""
    tags = [OUTSIDE] * len(toks)
    if value is None or value == [] or value == "":
        return tags
    values = value if isinstance(value, list) else [value]
    hit = False
    for one in values:
        if not isinstance(one, str) or not one.strip():
            continue
        places = [one, one.split(",")[0]] if "," in one else [one]
        for text in places:
            found = _mark(markdown, toks, text, tags)
            hit = hit or found
            if found:
                break
    return tags if hit else None


def _mark(markdown: str, toks: Tokens, text: str, tags: list[str]) -> bool:
    words = re.findall(r"[^\W_]+", text)
    if not words:
        return False
    pattern = re.compile(r"(?<![^\W_])" + r"[^\w]{0,6}?".join(map(re.escape, words))
                         + r"(?![^\W_])", re.IGNORECASE)
    hit = False
    for match in pattern.finditer(markdown):
        inside = [i for i, (s, e) in enumerate(toks.spans)
                  if s >= match.start() and e <= match.end()]
        if not inside or toks.spans[inside[0]][0] != match.start():
            continue
        tags[inside[0]] = BEGIN
        for i in inside[1:]:
            tags[i] = INSIDE
        hit = True
    return hit


class _Trainer(pycrfsuite.Trainer):  # type: ignore[misc]
    """crfsuite's trainer, calling ``checkpoint`` at each of its messages (one a round
    of its optimisation): what that raises stops the training and reaches the caller."""

    def __init__(self, checkpoint: Callable[[], None] | None) -> None:
        super().__init__(verbose=False)
        self.checkpoint = checkpoint

    def message(self, message: str) -> None:
        if self.checkpoint is not None:
            self.checkpoint()


def train_crf(sequences: list[tuple[Tokens, list[str]]],
              params: dict[str, Any] | None = None,
              checkpoint: Callable[[], None] | None = None) -> bytes:
    """A CRF trained on token sequences and their tags, as crfsuite's model bytes;
    ``checkpoint``: called as it learns, raises to stop it."""
    trainer = _Trainer(checkpoint)
    for toks, tags in sequences:
        trainer.append(pycrfsuite.ItemSequence(toks.features), tags)
    trainer.set_params({**CRF_PARAMS, **(params or {})})
    handle, path = tempfile.mkstemp(suffix=".crfsuite")
    os.close(handle)
    try:
        trainer.train(path)
        with open(path, "rb") as model_file:
            return model_file.read()
    finally:
        os.unlink(path)


class SpanTagger:
    """One field's CRF, opened from its model bytes (kept alive with it: crfsuite reads
    them in place)."""

    def __init__(self, name: str, data: bytes, many: bool) -> None:
        self.name = name
        self.data = data
        self.many = many  # a list field: every reading, not only the best
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open_inmemory(data)

    def read(self, markdown: str, toks: Tokens,
             items: pycrfsuite.ItemSequence | None = None) -> list[Reading]:
        """The values the tagger reads in a posting, best first (one value per distinct
        text, its spans all the places it was tagged)."""
        if not len(toks):
            return []
        tagger = self._tagger
        tagger.set(items if items is not None else pycrfsuite.ItemSequence(toks.features))
        tags = tagger.tag()
        runs: list[tuple[int, int]] = []
        for i, tag in enumerate(tags):
            if tag == BEGIN or (tag == INSIDE and (not runs or runs[-1][1] != i)):
                runs.append((i, i + 1))
            elif tag == INSIDE:
                runs[-1] = (runs[-1][0], i + 1)
        found: dict[str, Reading] = {}
        for first, end in runs:
            if toks.spans[end - 1][0] - toks.spans[first][1] > 200:
                continue  # tokens far apart (a gap in the sequence): not one value
            confidence = sum(tagger.marginal(tags[i], i) for i in range(first, end)) / \
                (end - first)
            span = (toks.spans[first][0], toks.spans[end - 1][1])
            value = " ".join(markdown[span[0]:span[1]].split()).strip(_STRIP)
            if not value:
                continue
            key = value.casefold()
            if key in found:
                found[key].spans.append(span)
                found[key].confidence = max(found[key].confidence, confidence)
            else:
                found[key] = Reading(value, [span], confidence)
        return sorted(found.values(), key=lambda r: -r.confidence)
