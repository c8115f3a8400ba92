"""The spaCy export written a part at a time: spaCy's DocBin keeps every doc in memory
and refuses to write one of over 4 GiB, so a corpus larger than a part is a folder of
DocBins that spaCy reads as one corpus, holding exactly what one DocBin would."""

from __future__ import annotations

import copy
import weakref
from pathlib import Path
from typing import Any

import pytest
from test_export import sample
from test_export_labels import postings

from reviewer.core.export import export, export_whole
from reviewer.core.records import PostingRecord

spacy = pytest.importorskip("spacy", reason="spacy is not installed")
from spacy.tokens import DocBin  # noqa: E402
from spacy.training import Corpus  # noqa: E402

ATTRS = ["ORTH", "NORM", "TAG", "HEAD", "DEP", "ENT_IOB", "ENT_TYPE", "LEMMA", "MORPH",
         "POS", "SENT_START", "SPACY"]


def many() -> list[PostingRecord]:
    """Twenty-three postings (every status, overlapping spans, unicode, questions single
    and multi), the last answering with an option no posting before chose."""
    records: list[PostingRecord] = []
    for n, base in enumerate([*sample(), *postings()] * 2):
        rec = copy.deepcopy(base)
        rec["id"] = len(records) + 1
        rec["text"] += " " * n  # (another text: another place in a split)
        records.append(rec)
    last = copy.deepcopy(postings()[1])
    last["id"], last["labels"] = 99, {"relevant": ["maybe"]}
    return [*records, last]


def docs_of(path: Path) -> list[Any]:
    """The docs of a corpus: one DocBin, or every part of a folder in name order."""
    files = sorted(path.iterdir()) if path.is_dir() else [path]
    vocab = spacy.blank("en").vocab
    return [doc for file in files
            for doc in DocBin().from_disk(file).get_docs(vocab)]


def same(doc: Any) -> tuple[Any, ...]:
    """Everything a doc of the export holds."""
    return (doc.text, doc.to_array(ATTRS).tolist(),
            [(s.start_char, s.end_char, s.label_) for s in doc.spans["sc"]],
            [(e.start_char, e.end_char, e.label_) for e in doc.ents],
            doc.cats, dict(doc.user_data))


@pytest.fixture
def small_parts(monkeypatch: pytest.MonkeyPatch) -> int:
    from reviewer.core.export import spacy_parts

    monkeypatch.setattr(spacy_parts, "PART_DOCS", 3)
    return 3


def test_a_corpus_larger_than_a_part_is_a_folder_of_parts_holding_what_one_docbin_does(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from reviewer.core.export import spacy_parts

    (tmp_path / "one").mkdir()
    whole = export(many(), "spacy", tmp_path / "one" / "p.spacy")
    assert (tmp_path / "one" / "p.spacy").is_file()

    monkeypatch.setattr(spacy_parts, "PART_DOCS", 3)
    (tmp_path / "parts").mkdir()
    summary = export(many(), "spacy", tmp_path / "parts" / "p.spacy")
    folder = tmp_path / "parts" / "p.spacy"
    names = sorted(p.name for p in folder.iterdir())
    assert names == [f"part-{n:05d}.spacy" for n in range(len(names))] and len(names) == 7
    assert all(len(DocBin().from_disk(folder / name)) <= 3 for name in names)
    # every posting's doc exactly once, in order, as the one DocBin holds it (the first
    # parts' categories too: "relevant=maybe" was first seen in the last part)
    one, parted = docs_of(tmp_path / "one" / "p.spacy"), docs_of(folder)
    assert [same(d) for d in parted] == [same(d) for d in one]
    assert parted[0].cats.get("quality=good") == 1.0
    assert parted[len(sample())].cats["relevant=maybe"] == 0.0
    assert len(one) == summary.total == whole.total == len(many()) - 2  # (flagged: out)
    # spaCy's own reader takes the folder as one corpus, in the same order
    nlp = spacy.blank("en")
    read = [ex.reference for ex in Corpus(folder, shuffle=False)(nlp)]
    assert [d.user_data["posting_id"] for d in read] == \
        [d.user_data["posting_id"] for d in one]
    # each single-choice question's corpus beside it: a folder of parts as well
    for question in ("quality", "relevant", "remote_ok"):
        beside = tmp_path / "parts" / f"p.{question}.spacy"
        assert beside.is_dir()
        assert [same(d) for d in docs_of(beside)] == \
            [same(d) for d in docs_of(tmp_path / "one" / f"p.{question}.spacy")]
    assert summary.parted == ["p.spacy", "p.quality.spacy", "p.relevant.spacy",
                              "p.remote_ok.spacy"]
    assert "are folders of DocBins" in summary.describe()
    assert not whole.parted and "folder" not in whole.describe()


def test_the_export_never_holds_more_than_a_part_of_docs(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, small_parts: int) -> None:
    """Every DocBin alive at once, while the export runs: its docs in all never more than
    a part's (and a question's part made from it); one DocBin held them all."""
    live: weakref.WeakSet[Any] = weakref.WeakSet()
    most = 0
    add = DocBin.add

    def counted(self: Any, doc: Any) -> None:
        nonlocal most
        add(self, doc)
        live.add(self)
        most = max(most, sum(len(b) for b in live))

    monkeypatch.setattr(DocBin, "add", counted)
    summary = export(many() * 3, "spacy", tmp_path / "c", split={"train": 0.5, "dev": 0.5})
    assert summary.total > 4 * small_parts
    assert 0 < most <= 2 * small_parts


def test_a_split_writes_each_part_as_a_folder_of_parts_or_one_file(
        tmp_path: Path, small_parts: int) -> None:
    split = {"train": 0.8, "dev": 0.2}
    summary = export(many(), "spacy", tmp_path / "c", split=split)
    parts = {part: tmp_path / "c" / f"{part}.spacy" for part in split}
    held = {part: docs_of(path) for part, path in parts.items()}
    assert {part: len(docs) for part, docs in held.items()} == summary.counts
    for part, path in parts.items():
        assert path.is_dir() == (summary.counts[part] > small_parts)
    ids = [d.user_data["posting_id"] for docs in held.values() for d in docs]
    assert sorted(ids) == sorted(r["id"] for r in many() if r["status"] != "flagged")
    assert "train.spacy" in summary.parted


def test_the_command_s_output_becomes_a_folder_said(tmp_path: Path, small_parts: int) -> None:
    """The file written beside the output and put in place when whole is a folder, put in
    place the same way (and no question's corpus beside it, as for one file)."""
    out = tmp_path / "out.spacy"
    summary = export_whole(out, lambda part: export(many(), "spacy", part), "spacy")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.spacy"]
    assert len(docs_of(out)) == summary.total and summary.written == len(list(out.iterdir()))
    assert summary.describe(out).startswith(
        f"{summary.total} of {summary.total + 2} postings as spacy to the folder {out} "
        f"({summary.written} files) (out.spacy is a folder of DocBins")
