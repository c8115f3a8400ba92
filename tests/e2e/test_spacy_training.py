"""The spaCy export trains: one epoch of a tiny pipeline each for ``ner``, ``spancat``
(``doc.spans["sc"]``), ``textcat`` (on one single-choice question's DocBin) and
``textcat_multilabel`` (on the main DocBin), from a blank English pipeline: nothing is
downloaded."""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path
from typing import Any

import pytest

from reviewer.core.export import export
from reviewer.core.records import PostingRecord, SpanRecord
from reviewer.core.schema import FIELD_NAMES

ROLES = ["Data Engineer", "Nurse", "Barista", "Welder", "Driver"]
CITIES = ["Leeds", "Berlin", "Namur", "Lyon"]
SKILLS = ["Python", "SQL", "first aid", "latte art", "TIG welding", "Kafka"]
STAMP = "2024-05-01T10:00:00Z"


def _span(text: str, sub: str, label: str) -> SpanRecord:
    start = text.index(sub)
    return {"start": start, "end": start + len(sub), "label": label, "text": sub,
            "origin": "human"}


def postings(n: int = 20) -> list[PostingRecord]:
    """``n`` small postings with spans and three questions: two single-choice ones that
    share the options yes/no, and a multi-choice one."""
    out: list[PostingRecord] = []
    for i in range(n):
        role, city = ROLES[i % len(ROLES)], CITIES[i % len(CITIES)]
        skill, other = SKILLS[i % len(SKILLS)], SKILLS[(i + 2) % len(SKILLS)]
        text = f"We hire a {role} in {city}. You know {skill} and {other}. Apply now."
        tags = ["tech"] + (["remote"] if i % 3 == 0 else [])
        out.append({
            "id": i + 1, "source": f"pages/{i}.html",
            "raw_hash": hashlib.sha256(str(i).encode()).hexdigest(), "status": "reviewed",
            "text": text, "fields": dict.fromkeys(FIELD_NAMES),
            "provenance": dict.fromkeys(FIELD_NAMES, "none"), "machine": {},
            "field_spans": {},
            "spans": [_span(text, role, "ROLE"), _span(text, city, "LOC"),
                      _span(text, skill, "SKILL"), _span(text, other, "SKILL")],
            "labels": {"relevant": ["yes" if i % 2 else "no"],
                       "remote_ok": ["no" if i % 3 else "yes"], "tags": tags},
            "comment": "", "metadata": {}, "imported_at": STAMP, "updated_at": STAMP,
            "schema_version": 1,
        })
    return out


def train_one_epoch(spacy: Any, component: str, data: Path, out: Path) -> Any:
    """Train a blank English pipeline of ``component`` for one epoch on ``data`` (also
    its dev set) and load what it wrote."""
    from spacy.cli.init_config import init_config
    from spacy.cli.train import train

    config = init_config(lang="en", pipeline=[component], optimize="efficiency", gpu=False)
    path = out.with_suffix(".cfg")
    config.to_disk(path)
    train(path, out, overrides={"paths.train": str(data), "paths.dev": str(data),
                                "training.max_epochs": 1, "training.max_steps": 0,
                                "training.eval_frequency": 10})
    return spacy.load(out / "model-last")


@pytest.fixture(scope="module")
def spacy_export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("spacy", reason="spacy is not installed")
    out = tmp_path_factory.mktemp("spacy") / "postings.spacy"
    summary = export(postings(), "spacy", out)
    assert summary.unaligned_spans == 0
    return out


@pytest.mark.parametrize(("component", "docbin"), [
    ("ner", "postings.spacy"),
    ("spancat", "postings.spacy"),
    ("textcat", "postings.relevant.spacy"),
    ("textcat_multilabel", "postings.spacy"),
])
def test_a_pipeline_trains_on_the_export(spacy_export: Path, tmp_path: Path, component: str,
                                         docbin: str, caplog: pytest.LogCaptureFixture) -> None:
    spacy = pytest.importorskip("spacy", reason="spacy is not installed")
    caplog.set_level(logging.WARNING)
    nlp = train_one_epoch(spacy, component, spacy_export.parent / docbin, tmp_path / "model")
    assert nlp.pipe_names[-1] == component
    doc = nlp("We hire a Nurse in Lyon. You know SQL and Kafka. Apply now.")
    labels = set(nlp.get_pipe(component).labels)
    if component == "ner":
        assert labels == {"ROLE", "LOC", "SKILL"}
        assert all(e.label_ in labels for e in doc.ents)
    elif component == "spancat":
        assert labels == {"ROLE", "LOC", "SKILL"}
        assert all(s.label_ in labels for s in doc.spans["sc"])
    elif component == "textcat":
        assert labels == {"relevant=yes", "relevant=no"} and set(doc.cats) == labels
        assert sum(doc.cats.values()) == pytest.approx(1.0, abs=1e-4)  # exclusive
    else:
        assert labels == {"relevant=yes", "relevant=no", "remote_ok=yes", "remote_ok=no",
                          "tags=tech", "tags=remote"}
        assert set(doc.cats) == labels


def test_textcat_refuses_the_main_docbin(spacy_export: Path, tmp_path: Path) -> None:
    """Why each single-choice question has a DocBin of its own: the main one answers
    several questions per document, which an exclusive ``textcat`` refuses."""
    spacy = pytest.importorskip("spacy", reason="spacy is not installed")
    with pytest.raises(ValueError, match="E895"):
        train_one_epoch(spacy, "textcat", spacy_export, tmp_path / "model")


@pytest.mark.parametrize(("component", "docbin"), [("ner", "postings.spacy"),
                                                   ("textcat", "postings.relevant.spacy")])
def test_a_pipeline_trains_on_a_folder_of_parts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                component: str, docbin: str) -> None:
    """A corpus larger than a part is a folder of DocBins: ``spacy train`` is given the
    folder as it is given a file."""
    spacy = pytest.importorskip("spacy", reason="spacy is not installed")
    from reviewer.core.export import spacy_parts

    monkeypatch.setattr(spacy_parts, "PART_DOCS", 6)
    summary = export(postings(), "spacy", tmp_path / "postings.spacy")
    assert (tmp_path / docbin).is_dir() and docbin in summary.parted
    nlp = train_one_epoch(spacy, component, tmp_path / docbin, tmp_path / "model")
    assert len(nlp.get_pipe(component).labels) == (3 if component == "ner" else 2)
