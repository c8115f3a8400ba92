"""A spaCy corpus written a part at a time, so that an export of any size runs in
bounded memory.

spaCy's ``DocBin`` keeps every doc added to it in memory (thirteen numbers a token) and
copies them four times over as it writes them; past 4 GiB of them it refuses to write at
all (E870). A corpus of up to one part is one ``.spacy`` file, as it always was; a larger
one is a folder of the same name holding ``part-00000.spacy``, ``part-00001.spacy``, …,
each a DocBin, in the order the docs came. spaCy reads such a folder as one corpus:
``spacy train --paths.train out.spacy`` (its ``Corpus`` reads every ``.spacy`` file of a
folder, sorted by name), and ``DocBin.from_disk`` reads each part.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, Any

import orjson

from reviewer.core.export.choices import Choices

# a part holds at most PART_TOKENS tokens (their arrays about 40 MB, some 200 MB while
# written) or PART_DOCS docs (short postings: each doc's categories and user data)
PART_TOKENS = 400_000
PART_DOCS = 5_000

Labels = Mapping[str, Sequence[str]]


def part_name(n: int) -> str:
    """The file name of a corpus folder's part ``n`` (sorted by name: in order)."""
    return f"part-{n:05d}.spacy"


class DocBinParts:
    """The docs of one corpus (``path``), each with its document labels, in parts.

    A doc's categories (``Choices.cats``) name every option of its questions the export
    has seen, known only at its end: a part is written with those known when it is
    full, and set again on ``finish`` where more were seen since (in any part of the
    export: the parts of a split share ``choices``), from the DocBin on disk, its docs
    never rebuilt. The labels of the parts written wait in an anonymous temporary file
    beside ``path``.

    ``vocab`` is the vocabulary the next doc is made with: a new one a part, since spaCy's
    keeps every word it has met (some 400 bytes each; a million postings meet millions).
    """

    def __init__(self, path: Path, choices: Choices, doc_bin: Callable[[], Any],
                 new_vocab: Callable[[], Any]) -> None:
        """``doc_bin``: a new empty DocBin (with user data); ``new_vocab``: a new vocabulary."""
        self.path = path
        self._choices = choices
        self._doc_bin, self._new_vocab = doc_bin, new_vocab
        self.vocab = new_vocab()
        self._bin = doc_bin()
        self._labels: list[Labels] = []
        self._tokens = 0
        # each part written: its categories' options when it was (None: one file)
        self._written: list[dict[str, list[str]]] = []
        self._spool: IO[bytes] | None = None

    @property
    def parted(self) -> bool:
        """Is the corpus a folder of parts (more than one part's docs)?"""
        return bool(self._written)

    def add(self, doc: Any, labels: Labels) -> None:
        """Add ``doc``, whose document labels are ``labels`` (noted in ``choices`` by the
        caller); the part before it is written first when full."""
        if len(self._labels) >= PART_DOCS or self._tokens >= PART_TOKENS:
            self._write_part()
        self._bin.add(doc)
        self._labels.append(labels)
        self._tokens += len(doc)

    def _write_part(self) -> None:
        """Write the part in memory as the folder's next file and start a new one."""
        if not self._written:
            self.path.mkdir()
            self._spool = tempfile.TemporaryFile(dir=self.path.parent)  # noqa: SIM115 (finish)
        assert self._spool is not None
        self._spool.write(orjson.dumps(self._labels) + b"\n")
        self._written.append(self._choices.by_question())
        self._with_categories(self._bin, self._labels).to_disk(
            self.path / part_name(len(self._written) - 1))
        self._bin, self._labels, self._tokens = self._doc_bin(), [], 0
        self.vocab = self._new_vocab()

    def _with_categories(self, doc_bin: Any, labels: Sequence[Labels]) -> Any:
        """``doc_bin`` with every doc's categories of the options known now: set in its
        list of them, one a doc (or a DocBin made again, where it keeps none)."""
        cats = getattr(doc_bin, "cats", None)
        if isinstance(cats, list) and len(cats) == len(labels):
            cats[:] = [self._choices.cats(one) for one in labels]
            return doc_bin
        again = self._doc_bin()
        for doc, one in zip(doc_bin.get_docs(self._new_vocab()), labels, strict=True):
            doc.cats = self._choices.cats(one)
            again.add(doc)
        return again

    def finish(self) -> None:
        """Write the last part (the whole corpus, when it is one file), then set again
        the categories of the parts written before more options were seen."""
        if not self._written:
            self._bin = self._with_categories(self._bin, self._labels)
            self._bin.to_disk(self.path)
            return
        self._write_part()
        final = self._choices.by_question()
        for n, (options, labels) in enumerate(zip(self._written, self._spooled(), strict=True)):
            if options != final:
                path = self.path / part_name(n)
                self._with_categories(self._doc_bin().from_disk(path), labels).to_disk(path)
        self._bin, self._labels = self._doc_bin(), []

    def _spooled(self) -> Iterator[list[Labels]]:
        """The labels of each part written, in order."""
        assert self._spool is not None
        self._spool.seek(0)
        for line in self._spool:
            yield orjson.loads(line)

    def parts(self) -> Iterator[tuple[Any, list[Labels]]]:
        """Each part (after ``finish``) as a DocBin and its docs' labels, one at a time."""
        if not self._written:
            yield self._bin, list(self._labels)
            return
        for n, labels in enumerate(self._spooled()):
            yield self._doc_bin().from_disk(self.path / part_name(n)), labels

    def write_question(self, path: Path, question: str) -> bool:
        """Write the corpus of one question to ``path``: the docs that answer it, with its
        categories only, in parts as this corpus is (a folder exactly when it is one).
        False (nothing written) when no doc answers it."""
        written = 0
        for doc_bin, labels in self.parts():
            out = self._doc_bin()
            for doc, one in zip(doc_bin.get_docs(self._new_vocab()), labels, strict=True):
                if one.get(question):
                    doc.cats = self._choices.cats(one, [question])
                    out.add(doc)
            if not len(out):
                continue
            if self.parted:
                if not written:
                    path.mkdir()
                out.to_disk(path / part_name(written))
            else:
                out.to_disk(path)
            written += 1
        return bool(written)

    def close(self) -> None:
        """Let go of the labels waiting on disk."""
        if self._spool is not None:
            self._spool.close()
