"""A real project exported to the token-level and tool formats: ``reviewer export --format csv
--parquet`` on the command line, and CoNLL, doccano, Argilla and the Hugging Face folder (with
its tokens, tags, licence and language) through ``export``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reviewer.cli import main
from reviewer.core.export import export
from reviewer.core.store import Store

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "reviewer" / "resources" / "samples"


def project(tmp_path: Path) -> Path:
    """The samples; the first two reviewed, the first with two spans and a label, the
    other skills suggested rejected (Ctrl+Shift+D: no suggestion left unsettled)."""
    from reviewer.core.records import suggested_skill_spans
    from reviewer.core.store.records import record_of

    db = tmp_path / "p.db"
    assert main(["import", str(db), str(SAMPLES)]) == 0
    with Store(db) as store:
        first, second = store.queue.ids()[:2]
        text = store.records.get(first)["cleaned"]  # type: ignore[index]
        skills = store.records.get(first)["machine"]["skills"]["spans"]  # type: ignore[index]
        store.spans.add_many(first, [(skills[0][0], skills[0][1], "SKILL")], "machine")
        store.spans.add(first, 0, text.index(" ", 2), "QUALIFICATION")
        store.labels.answer(first, "relevant", ["yes"])
        for pid in (first, second):
            store.decisions.accept_all(pid)
            rest = suggested_skill_spans(record_of(store.records.get(pid)))  # type: ignore[arg-type]
            store.spans.add_many(pid, [(a, b, "SKILL") for a, b in rest], "machine", "rejected")
    return db


def test_csv_parquet_from_the_command_line(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet", reason="pyarrow is not installed")
    db = project(tmp_path)
    out = tmp_path / "postings.parquet"
    assert main(["export", str(db), "--format", "csv", "--parquet", "-o", str(out)]) == 0
    table = pq.read_table(out)
    assert table.num_rows == 2 and table.column_names[:3] == ["id", "source", "raw_hash"]
    rows = table.to_pylist()
    assert [s["label"] for s in rows[0]["spans"]] in (["QUALIFICATION", "SKILL"],
                                                      ["SKILL", "QUALIFICATION"])
    assert rows[0]["labels__relevant"] == ["yes"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.db", "postings.parquet"]


def test_token_and_tool_formats_of_a_project(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    db = project(tmp_path)
    with Store(db) as store:
        def records():  # type: ignore[no-untyped-def]
            return store.records.all(False)

        schema = store.labels.schema()
        conll = export(records, "conll", tmp_path / "p.conll")
        doccano = export(records, "doccano", tmp_path / "d.jsonl")
        argilla = export(records, "argilla", tmp_path / "a.jsonl", schema=schema)
        hf = export(records, "hf", tmp_path / "hf", license="mit", language="en")
        total = store.queue.count(None)
    assert doccano.total == argilla.total == hf.total == total
    conll_text = (tmp_path / "p.conll").read_text(encoding="utf-8")
    # the postings no one reviewed are left out: CoNLL has no tag for unknown words
    assert conll_text.count("-DOCSTART- -X- O O\n") == 2 == conll.total == \
        total - conll.unreviewed_left_out
    assert "B-QUALIFICATION" in conll_text and "B-SKILL" in conll_text
    lines = [json.loads(line) for line in (tmp_path / "d.jsonl").read_text().splitlines()]
    for line in lines:  # (one no one reviewed, with no span: no label, unknown)
        assert "label" in line or line["status"] != "reviewed"
        for start, end, _label in line.get("label", []):
            assert 0 <= start < end <= len(line["text"])
    assert any(line["cats"] == ["relevant=yes"] for line in lines)
    records_a = [json.loads(line) for line in (tmp_path / "a.jsonl").read_text().splitlines()]
    answered = [r for r in records_a if "relevant" in r["responses"]]
    assert [r["responses"]["relevant"][0]["value"] for r in answered] == ["yes"]
    card = (tmp_path / "hf" / "README.md").read_text(encoding="utf-8")
    assert "\nlicense: mit\n" in card and "\nlanguage:\n- en\n" in card
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    datasets = pytest.importorskip("datasets", reason="datasets is not installed")
    ds = datasets.load_dataset(str(tmp_path / "hf"), split="train",
                               cache_dir=str(tmp_path / "c"))
    names = ds.features["ner_tags"].feature.names
    assert {"B-SKILL", "I-QUALIFICATION"} <= set(names)
    tagged = [row for row in ds if any(row["ner_tags"] or ())]
    assert len(tagged) == 1 and len(tagged[0]["tokens"]) == len(tagged[0]["ner_tags"])
    # the postings no one reviewed have no tags: their words are unknown, not "O"
    assert [row["status"] for row in ds if row["ner_tags"] is None] == ["new"] * (total - 2)


def test_the_command_line_offers_every_format_and_option(tmp_path: Path) -> None:
    """Each format ``export()`` writes can be asked for by name; the card's license and
    language and the strict JSON-LD reach it from the command line."""
    from reviewer.cli import build_parser
    from reviewer.core.export import FORMATS

    parser = build_parser()
    for fmt in FORMATS:
        args = parser.parse_args(["export", "p.db", "-f", fmt, "-o", "out", "--strict",
                                  "--license", "cc-by-4.0", "--language", "en"])
        assert args.format == fmt and args.strict and args.language == ["en"]


def test_card_license_language_and_strict_json_ld_from_the_command_line(tmp_path: Path) -> None:
    from reviewer.cli import main

    samples = Path(__file__).resolve().parents[2] / "reviewer" / "resources" / "samples"
    db = tmp_path / "p.db"
    assert main(["import", str(db), str(samples)]) == 0
    card_dir = tmp_path / "hf"
    assert main(["export", str(db), "--all", "-f", "hf", "-o", str(card_dir),
                 "--license", "cc-by-4.0", "--language", "en", "--language", "de"]) == 0
    card = (card_dir / "README.md").read_text(encoding="utf-8")
    assert "license: cc-by-4.0" in card and "- en" in card and "- de" in card
    whole, strict = tmp_path / "all.jsonld", tmp_path / "strict.jsonld"
    assert main(["export", str(db), "--all", "-f", "jsonld", "-o", str(whole)]) == 0
    assert main(["export", str(db), "--all", "-f", "jsonld", "-o", str(strict), "--strict"]) == 0
    import json

    kept, every = json.loads(strict.read_text()), json.loads(whole.read_text())
    assert 0 < len(kept) < len(every)
    assert main(["export", str(db), "--all", "-f", "jsonl", "-o", str(tmp_path / "x.jsonl"),
                 "--strict"]) == 2  # strict is for the JSON-LD formats only
