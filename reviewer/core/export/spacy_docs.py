"""The spaCy export: a ``DocBin`` of the postings, and one a single-choice question."""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from reviewer.core.export.choices import Choices
from reviewer.core.export.spacy_parts import DocBinParts
from reviewer.core.export.tokens import Token, token_range, tokenize
from reviewer.core.export.tokens_bio import apart
from reviewer.core.export.writers import optional_module
from reviewer.core.records import PostingRecord, undecided, unsettled_spans


def question_path(path: Path, question: str) -> Path:
    """Where the DocBin of one single-choice question goes beside the DocBin ``path``:
    ``train.spacy`` → ``train.<question>.spacy``; a question name that is not a safe
    file name (or is long) is cleaned and gets a short hash, so names never collide."""
    stem = path.name.removesuffix(".spacy")
    safe = re.sub(r"[^\w-]+", "_", question).strip("_")
    if safe != question or len(safe) > 60:
        digest = hashlib.sha256(question.encode("utf-8")).hexdigest()[:8]
        safe = f"{safe[:60] or 'question'}-{digest}"
    return path.with_name(f"{stem}.{safe}.spacy")


def _staged(path: Path) -> bool:
    """Is ``path`` the single file ``run.export_whole`` writes and then renames
    (``.NAME.part``)? Only that file is put in place, so no file is written beside it."""
    return path.name.startswith(".") and path.name.endswith(".part")


class SpacyWriter:
    """A spaCy ``DocBin``: all spans in ``doc.spans["sc"]``, a non-overlapping subset as
    ``doc.ents``, document labels as ``doc.cats`` keyed ``question=option``: for each
    question a posting answers, 1.0 for the options chosen and 0.0 for every other option
    the export has seen (a question not answered is left out: unknown, not "no").

    Beside it, one DocBin a single-choice question (``question_path``) for an exclusive
    ``textcat``: the postings that answer it, with that question's categories only, exactly
    one 1.0 each (every option of the question: ``choices``, given the label schema, has
    them all, so that the file has two categories at least). A part none of whose postings
    answers the question gets no such file (``unwritten``: an empty corpus trains nothing).
    ``files`` lists every file written.

    A posting not reviewed (``--all``) or whose reviewers differ on its spans has every
    token outside its entities missing (unknown, not "O"); a reviewed one with spans still
    suggested (``records.unsettled_spans``) has those spans' tokens missing, the rest "O".

    Each doc's ``user_data`` holds its posting's ``posting_id`` and ``source``, so that a
    doc (or a model's error on it) can be matched back to the posting.

    The docs' tokens are the project's own (``tokens.tokenize``, as Prodigy's tasks
    have them) cut at every span's ends, so that a span holds exactly the text labelled;
    one that holds no token (empty, or whitespace only) is skipped and counted, and one
    with whitespace at its ends is the tokens of its words (spaCy refuses an entity that
    begins or ends with whitespace).

    The docs are written a part at a time (``spacy_parts``): a corpus larger than a part
    (and each question's beside it) is a folder of DocBins that spaCy reads as one
    corpus; ``parted`` names those. The categories are set as each part is written, and
    on ``close`` where more options were seen since.
    """

    def __init__(self, path: Path, choices: Choices | None = None,
                 suggests: bool = True) -> None:
        """``suggests``: see ``records.unsettled_spans``."""
        spacy = optional_module("spacy", "pip install -e '.[spacy]'")
        tokens = optional_module("spacy.tokens", "pip install spacy")
        vocabs = optional_module("spacy.vocab", "pip install spacy")
        self._doc, self._span = tokens.Doc, tokens.Span
        vocab = spacy.blank("en").vocab  # (its words' attributes: a new one a part, alike)
        self._path = path
        self._choices = Choices() if choices is None else choices
        self._parts = DocBinParts(
            path, self._choices, lambda: tokens.DocBin(store_user_data=True),
            lambda: vocabs.Vocab(lex_attr_getters=vocab.lex_attr_getters,
                                 writing_system=vocab.writing_system))
        self._suggests = suggests
        self.files: list[Path] = []
        self.parted: list[str] = []  # the corpora written as folders of parts
        self.unwritten: list[str] = []  # a question's files no posting of the part answers
        self.flagged = 0  # postings left out: flagged, rejected
        self.overlapping = 0  # spans in ``sc`` left out of ``ents``: they overlap a longer one

    def write(self, record: PostingRecord) -> int:
        if record["status"] == "flagged":  # (``--all``) rejected: no example, of spans
            self.flagged += 1  # (spancat reads no span as "none here") nor of labels
            return 0
        text = record["text"]
        unknown = unsettled_spans(record, self._suggests)
        # the tokens cut at every span's ends, so that each span holds exactly its text
        # (spaCy's own tokens would widen "Redis" in "Postgres+Redis" to the whole)
        tokens = tokenize(text, [*(x for s in record["spans"] for x in (s["start"], s["end"])),
                                 *(x for span in unknown for x in span)])
        doc = self._doc(self._parts.vocab, words=[t["text"] for t in tokens],
                        spaces=[t["ws"] for t in tokens])
        # each span as the tokens of its words (``token_range``: whitespace at its ends
        # left out, as Prodigy's tasks have them; none for a span of whitespace only)
        starts = [t["start"] for t in tokens]
        aligned: list[Any] = []
        ranges: dict[int, tuple[int, int, int, int]] = {}
        for span in record["spans"]:
            held = token_range(tokens, starts, span["start"], span["end"])
            if held is not None:
                ranges[len(aligned)] = (span["start"], span["end"], *held)
                aligned.append(self._span(doc, held[0], held[1] + 1, label=span["label"]))
        doc.spans["sc"] = aligned
        # of overlapping spans, the entities the BIO tags of the hf and conll exports hold
        kept = apart(ranges)
        doc.ents = [aligned[i] for i in kept]
        self.overlapping += len(aligned) - len(kept)
        if undecided(record, "spans"):  # the reviewers differ: no token is known to be "O"
            doc.set_ents([], default="missing")
        elif record["status"] != "reviewed":  # (``--all``) what no one labelled is unknown
            doc.set_ents(list(doc.ents), default="missing")
        elif unknown:  # the spans still suggested: their words unknown, the others "O"
            doc.set_ents(list(doc.ents), missing=self._unknown(doc, tokens, unknown))
        doc.user_data.update(posting_id=record["id"], source=record["source"])
        self._choices.add(record["labels"])
        with encoders_looked_up_once():
            self._parts.add(doc, record["labels"])
        return len(record["spans"]) - len(aligned)

    def _unknown(self, doc: Any, tokens: list[Token],
                 unknown: list[tuple[int, int]]) -> list[Any]:
        """The spans of ``doc`` whose tokens no entity holds and ``unknown`` does."""
        starts = [t["start"] for t in tokens]
        held = {i for entity in doc.ents for i in range(entity.start, entity.end)}
        inside = sorted({i for a, b in unknown if (found := token_range(tokens, starts, a, b))
                         for i in range(found[0], found[1] + 1)} - held)
        runs: list[list[int]] = []
        for i in inside:
            if runs and runs[-1][1] == i:
                runs[-1][1] = i + 1
            else:
                runs.append([i, i + 1])
        return [self._span(doc, first, end) for first, end in runs]

    def close(self) -> None:
        try:
            with encoders_looked_up_once():
                self._parts.finish()
                self._written(self._path)
                if not _staged(self._path):
                    for question in self._choices.single():
                        path = question_path(self._path, question)
                        if self._parts.write_question(path, question):
                            self._written(path)
                        else:  # no posting of the part answers it: an empty corpus
                            self.unwritten.append(path.name)
        finally:
            self._parts.close()

    def _written(self, path: Path) -> None:
        self.files.append(path)
        if self._parts.parted:
            self.parted.append(path.name)


_FOUND: dict[int, dict[str, Any]] = {}  # a registry's encoders, as first looked up


@contextlib.contextmanager
def encoders_looked_up_once() -> Iterator[None]:
    """Inside, spaCy's serialiser (srsly's msgpack) does not look through its registry
    and every installed package for encoders of its own at each doc written or read
    (two thirds of the export's time): it is given those found at the first look in the
    process. Outside, it looks as it did."""
    try:
        msgpack = importlib.import_module("srsly.msgpack")
        registries = [msgpack.msgpack_encoders, msgpack.msgpack_decoders]
    except (ImportError, AttributeError):
        registries = []
    for registry in registries:
        found = _FOUND.get(id(registry))
        if found is None:
            found = _FOUND[id(registry)] = registry.get_all()
        registry.get_all = lambda found=found: dict(found)  # (on the object: its own)
    try:
        yield
    finally:
        for registry in registries:
            with contextlib.suppress(AttributeError):
                del registry.get_all
