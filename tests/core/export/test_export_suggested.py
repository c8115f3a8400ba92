"""A reviewed posting whose skills' evidence the window still shows as suggested spans
(its skills field accepted, or the posting marked reviewed in bulk, and no span put on
those words) does not know whether those words are a span: no format says they are none.
The rest of the posting is as its reviewer left it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_export import load_hf, read_lines

from reviewer.cli import main
from reviewer.core.store import NewPosting, Store
from reviewer.core.store.records import record_of

TEXT = "# Data Analyst\n\nWe need SQL and Python. Nice office."


def _at(word: str) -> list[int]:
    return [TEXT.index(word), TEXT.index(word) + len(word)]


def make_project(path: Path) -> Path:
    """Posting 1: skills accepted (Ctrl+Enter), no span put on them. Posting 2: the same,
    and both suggestions settled (SQL accepted, Python rejected)."""
    with Store(path, reviewer="ana") as store:
        store.postings.add([NewPosting(
            source=f"{n}.md", hash=f"h{n}", kind="text", raw=TEXT, cleaned=TEXT,
            fields={"title": "Data Analyst", "skills": ["SQL", "Python"]},
            evidence={"title": [_at("Data Analyst")], "skills": [_at("SQL"), _at("Python")]},
            confidence={"title": 0.9, "skills": 0.7}) for n in (1, 2)])
        for pid in (1, 2):
            store.decisions.accept_all(pid)
        store.spans.add(2, *_at("SQL"), "SKILL", origin="machine")
        store.spans.add_many(2, [(*_at("Python"), "SKILL")], "machine", "rejected")
    return path


def _export(db: Path, fmt: str, out: Path, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["export", str(db), "--format", fmt, "-o", str(out)]) == 0
    return capsys.readouterr().out


def test_the_still_suggested_spans_are_the_window_s(tmp_path: Path) -> None:
    from reviewer.core.records import suggested_skill_spans, unsettled_spans

    with Store(make_project(tmp_path / "p.db")) as store:
        one, two = (record_of(store.records.get(pid)) for pid in (1, 2))  # type: ignore[arg-type]
    assert one["status"] == "reviewed" and one["provenance"]["skills"] == "accepted"
    assert suggested_skill_spans(one) == unsettled_spans(one) == [
        tuple(_at("SQL")), tuple(_at("Python"))]
    assert suggested_skill_spans(two) == unsettled_spans(two) == []
    assert unsettled_spans(one, suggests=False) == []  # a schema with no span label


def test_hugging_face_tags_the_suggested_words_unknown(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    db = make_project(tmp_path / "p.db")
    _export(db, "hf", tmp_path / "hf", capsys)
    data = load_hf(monkeypatch, tmp_path / "hf", "train")
    names = data.features["ner_tags"].feature
    one, two = data[0], data[1]
    tags = dict(zip(one["tokens"], one["ner_tags"], strict=True))
    assert (tags["SQL"], tags["Python"]) == (-1, -1)  # ClassLabel's "no label"
    assert tags["Nice"] == names.str2int("O") and tags["Data"] == names.str2int("O")
    tags = dict(zip(two["tokens"], two["ner_tags"], strict=True))
    assert (names.int2str(tags["SQL"]), names.int2str(tags["Python"])) == ("B-SKILL", "O")
    card = (tmp_path / "hf" / "README.md").read_text(encoding="utf-8")
    assert "-1" in card


def test_spacy_marks_only_the_suggested_words_missing(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spacy = pytest.importorskip("spacy", reason="spaCy is not installed")
    from spacy.tokens import DocBin

    db = make_project(tmp_path / "p.db")
    _export(db, "spacy", tmp_path / "out.spacy", capsys)
    one, two = DocBin().from_disk(tmp_path / "out.spacy").get_docs(spacy.blank("en").vocab)
    iob = {token.text: token.ent_iob_ for token in one}
    assert (iob["SQL"], iob["Python"]) == ("", "")  # missing: neither an entity nor "O"
    assert iob["Nice"] == iob["Data"] == "O"
    assert [(e.text, e.label_) for e in two.ents] == [("SQL", "SKILL")]
    assert {token.ent_iob_ for token in two} == {"O", "B"}


def test_conll_leaves_out_a_posting_with_suggested_spans_and_says_so(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = make_project(tmp_path / "p.db")
    said = _export(db, "conll", tmp_path / "out.conll", capsys)
    text = (tmp_path / "out.conll").read_text(encoding="utf-8")
    assert text.count("-DOCSTART-") == 1 and "SQL -X- _ B-SKILL" in text
    assert "Python -X- _ O" in text
    assert said.startswith("1 of 2 postings as conll")
    assert "1 posting with suggested spans no one accepted or rejected left out" in said


def test_prodigy_ignores_and_doccano_gives_no_label(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = make_project(tmp_path / "p.db")
    _export(db, "prodigy", tmp_path / "out.jsonl", capsys)
    one, two = read_lines(tmp_path / "out.jsonl")
    assert (one["answer"], two["answer"]) == ("ignore", "accept")
    _export(db, "doccano", tmp_path / "d.jsonl", capsys)
    one, two = read_lines(tmp_path / "d.jsonl")
    assert "label" not in one and two["label"] == [[*_at("SQL"), "SKILL"]]


def test_label_studio_predicts_them_and_argilla_gives_a_draft(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = make_project(tmp_path / "p.db")
    _export(db, "labelstudio", tmp_path / "ls.json", capsys)
    one, two = json.loads((tmp_path / "ls.json").read_text(encoding="utf-8"))
    predicted = [r["value"]["text"] for r in one["predictions"][0]["result"]
                 if r["type"] == "labels"]
    assert predicted == ["SQL", "Python"]
    assert one["annotations"][0]["was_cancelled"] is True  # not "no entity" there
    assert two["annotations"][0]["was_cancelled"] is False and "predictions" not in two
    _export(db, "argilla", tmp_path / "a.jsonl", capsys)
    one, two = read_lines(tmp_path / "a.jsonl")
    assert [(s["start"], s["end"]) for s in one["suggestions"]["spans"]["value"]] == [
        tuple(_at("SQL")), tuple(_at("Python"))]
    assert one["responses"]["spans"][0]["status"] == "draft"
    assert two["responses"]["spans"][0] == {"value": [{"start": _at("SQL")[0], "end": _at(
        "SQL")[1], "label": "SKILL"}], "user_id": two["responses"]["spans"][0]["user_id"],
        "status": "submitted"}


def _rename_skill(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                  rename: bool = True) -> None:
    """SKILL renamed HARD_SKILL with its "was" (or removed), and BENEFIT moved first."""
    assert main(["labels", str(db), "--export", str(tmp_path / "s.json")]) == 0
    data = json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))
    spans = data[-1]["options"]
    skill = next(o for o in spans if o["name"] == "SKILL")
    skill.update(name="HARD_SKILL", was="SKILL")
    spans.sort(key=lambda o: o["name"] != "BENEFIT")
    if not rename:
        spans.remove(skill)
    (tmp_path / "s.json").write_text(json.dumps(data), encoding="utf-8")
    assert main(["labels", str(db), "--import", str(tmp_path / "s.json"), "--force"]) == 0
    capsys.readouterr()


def test_the_suggested_spans_take_the_label_skill_was_renamed_to(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """SKILL renamed HARD_SKILL and BENEFIT put first: the skills' evidence was offered as
    BENEFIT spans (the first span label, where the schema had no SKILL)."""
    db = make_project(tmp_path / "p.db")
    _rename_skill(db, tmp_path, capsys)
    _export(db, "labelstudio", tmp_path / "ls.json", capsys)
    one, two = json.loads((tmp_path / "ls.json").read_text(encoding="utf-8"))
    assert {label for r in one["predictions"][0]["result"] if r["type"] == "labels"
            for label in r["value"]["labels"]} == {"HARD_SKILL"}
    _export(db, "argilla", tmp_path / "a.jsonl", capsys)
    one, two = read_lines(tmp_path / "a.jsonl")
    assert {s["label"] for s in one["suggestions"]["spans"]["value"]} == {"HARD_SKILL"}
    assert two["responses"]["spans"][0]["value"][0]["label"] == "HARD_SKILL"  # SQL accepted
    _export(db, "prodigy", tmp_path / "out.jsonl", capsys)
    one, two = read_lines(tmp_path / "out.jsonl")
    assert (one["answer"], [s["label"] for s in two["spans"]]) == ("ignore", ["HARD_SKILL"])
    with Store(db) as store:
        assert store.labels.skill_label() == "HARD_SKILL"


def test_no_label_standing_for_skills_suggests_no_spans(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """SKILL removed: its evidence was still suggested, as the first span label."""
    db = make_project(tmp_path / "p.db")
    _rename_skill(db, tmp_path, capsys, rename=False)
    _export(db, "labelstudio", tmp_path / "ls.json", capsys)
    one, _two = json.loads((tmp_path / "ls.json").read_text(encoding="utf-8"))
    assert not any(r["type"] == "labels" for p in one.get("predictions", ())
                   for r in p["result"])
    _export(db, "argilla", tmp_path / "a.jsonl", capsys)
    one, _two = read_lines(tmp_path / "a.jsonl")
    assert "spans" not in one.get("suggestions", {})
    _export(db, "prodigy", tmp_path / "out.jsonl", capsys)
    assert read_lines(tmp_path / "out.jsonl")[0]["answer"] == "accept"  # nothing unknown
    with Store(db) as store:
        assert store.labels.skill_label() is None
