"""Token-level exports: BIO tags over the tokenizer's tokens, the Hugging Face folder's
``tokens``/``ner_tags`` columns (``ner_tags`` a ``ClassLabel``), its card's licence and
language, and CoNLL-2003 files read back by a small reader and by spaCy's converter."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, cast

import pytest
from test_export import T1, T2, load_hf, make_record, sample, span

from reviewer.core.export import export
from reviewer.core.records import PostingRecord

yaml = pytest.importorskip("yaml", reason="PyYAML is not installed")


def kept_spans(record: PostingRecord) -> list[tuple[str, str]]:
    """The (text, label) of the spans the BIO tags keep in the sample: the longest of
    overlapping ones."""
    dropped = {(1, "ROLE"), (2, "SKILL", "Python")}
    out = []
    for s in record["spans"]:
        if (record["id"], s["label"]) in dropped or (record["id"], s["label"], s["text"]) \
                in dropped:
            continue
        out.append((s["text"], s["label"]))
    return out


def entities(tokens: list[str], tags: list[str]) -> list[tuple[list[str], str]]:
    """The tagged entities of BIO ``tags``: (their tokens, label); checks the tags' order."""
    found: list[tuple[list[str], str]] = []
    for token, tag in zip(tokens, tags, strict=True):
        if tag.startswith("B-"):
            found.append(([token], tag[2:]))
        elif tag.startswith("I-"):
            assert found and found[-1][1] == tag[2:], (token, tag)
            found[-1][0].append(token)
        else:
            assert tag == "O", tag
    return found


# -- BIO ----------------------------------------------------------------------------------------


def test_bio_keeps_the_longest_of_overlapping_spans() -> None:
    from reviewer.core.export.tokens_bio import bio_tags

    [first] = [r for r in sample() if r["id"] == 1]
    tagged = bio_tags(first["text"], first["spans"])
    words = [t["text"] for t in tagged.tokens]
    assert words[:5] == ["#", "Senior", "Data", "Engineer", "Acme"]  # no whitespace tokens
    assert tagged.tags[:5] == ["O", "B-TITLE", "I-TITLE", "I-TITLE", "O"]
    assert tagged.overlapping == 1 and tagged.untaggable == 0
    assert entities(words, tagged.tags) == [(["Senior", "Data", "Engineer"], "TITLE"),
                                            (["Leeds", ",", "UK"], "LOC")]


def test_bio_counts_spans_that_hold_no_token() -> None:
    from reviewer.core.export.tokens_bio import bio_tags

    text = "Driver  wanted in Café Zoë."
    spans = [{"start": 6, "end": 7, "label": "GAP", "text": " ", "origin": "human"},
             span(text, "Zoë", "ORG"), span(text, "Café Zoë", "ORG")]
    tagged = bio_tags(text, spans)  # type: ignore[arg-type]
    assert tagged.untaggable == 1 and tagged.overlapping == 1
    assert entities([t["text"] for t in tagged.tokens], tagged.tags) == \
        [(["Café", "Zoë"], "ORG")]


def test_bio_cuts_tokens_at_span_ends() -> None:
    from reviewer.core.export.tokens_bio import bio_tags

    [second] = [r for r in sample() if r["id"] == 2]
    tagged = bio_tags(second["text"], second["spans"])
    words = [t["text"] for t in tagged.tokens]
    assert "東京" in words and tagged.tags[words.index("東京")] == "B-LOC"
    assert entities(words, tagged.tags) == [(["🚀", "Python"], "SKILL"), (["Montréal"], "LOC"),
                                            (["東京"], "LOC")]


# -- Hugging Face -------------------------------------------------------------------------------


def card_yaml(folder: Path) -> dict[str, Any]:
    card = (folder / "README.md").read_text(encoding="utf-8")
    assert card.startswith("---\n")
    front = yaml.safe_load(card.split("---\n")[1])
    assert isinstance(front, dict)
    return front


@pytest.mark.parametrize("parquet", [False, True])
def test_hf_has_tokens_and_ner_tags_as_a_class_label(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parquet: bool) -> None:
    if parquet:
        pytest.importorskip("pyarrow", reason="pyarrow is not installed")
    out = tmp_path / "hf"  # (reviewed: the tags of a posting not reviewed are null)
    summary = export(reviewed(sample()), "hf", out, parquet=parquet)
    assert summary.overlapping_spans == 2 and summary.unaligned_spans == 0
    ds = load_hf(monkeypatch, out, "train")
    tags = ds.features["ner_tags"].feature
    assert type(tags).__name__ == "ClassLabel"
    assert tags.names[0] == "O"
    labels = sorted({s["label"] for r in sample() for s in r["spans"]})
    assert tags.names[1:] == [f"{bi}-{label}" for label in labels for bi in "BI"]
    assert ds.features["tokens"].feature.dtype == "string"
    rows = {row["id"]: row for row in ds}
    for record in sample():
        row = rows[record["id"]]
        names = [tags.int2str(t) for t in row["ner_tags"]]
        assert len(row["tokens"]) == len(names)
        assert [(" ".join(words), label) for words, label in entities(row["tokens"], names)] \
            == [(" ".join(t["text"] for t in _words(text)), label)
                for text, label in sorted(kept_spans(record),
                                          key=lambda x: record["text"].index(x[0]))]
    first = rows[1]
    assert first["spans"][1] == {"start": 9, "end": 22, "label": "ROLE", "text": "Data Engineer",
                                 "origin": "machine"}
    assert {s["origin"] for s in first["spans"]} == {"human", "machine"}
    front = card_yaml(out)
    features = {f["name"]: f for f in front["dataset_info"]["features"]}
    assert list(features["ner_tags"]["list"]["class_label"]["names"].values()) == tags.names
    assert "token-classification" in front["task_categories"]
    card = (out / "README.md").read_text(encoding="utf-8")
    assert "`ner_tags`" in card and "overlap" in card and "2 spans" in card


def _words(text: str, record: PostingRecord | None = None) -> list[Any]:
    """The tokens of ``text`` that are not whitespace, cut at the ends of ``record``'s spans."""
    from reviewer.core.export.tokens import tokenize

    cuts = [x for s in (record or {"spans": []})["spans"] for x in (s["start"], s["end"])]
    return [t for t in tokenize(text, cuts) if not t["text"].isspace()]


def test_hf_parquet_files_carry_the_class_label(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet", reason="pyarrow is not installed")
    datasets = pytest.importorskip("datasets", reason="datasets is not installed")
    export(sample(), "hf", tmp_path / "hf", parquet=True)
    schema = pq.read_schema(next((tmp_path / "hf" / "data").glob("train-*.parquet")))
    features = datasets.Features.from_arrow_schema(schema)
    assert type(features["ner_tags"].feature).__name__ == "ClassLabel"


def test_hf_card_says_where_a_value_is_the_machine_s(tmp_path: Path) -> None:
    """With ``--all`` (or a posting marked reviewed in bulk) a field's column holds the
    machine's value beside people's: the card said every field was checked by people."""
    person = make_record(1, T1, fields={"title": "Data Engineer"})
    export([person], "hf", tmp_path / "people")
    card = (tmp_path / "people" / "README.md").read_text(encoding="utf-8")
    assert "checked by people, exported" in card and "no person checked" in card  # (column)
    assert "rows hold values no person checked" not in card
    machine = make_record(2, T2, status="new", fields={"title": "Barista"},
                          provenance={"title": "machine"})
    export([person, machine], "hf", tmp_path / "all")
    card = (tmp_path / "all" / "README.md").read_text(encoding="utf-8")
    assert "checked by people, exported" not in card
    assert "1 of 2 rows hold values no person checked" in card and "`provenance`" in card
    title = next(line for line in card.splitlines() if line.startswith("| `title` |"))
    assert "the machine's where its `provenance` is `machine`" in title
    assert card_yaml(tmp_path / "all")["configs"]  # the YAML as it was


def test_hf_card_license_and_language(tmp_path: Path) -> None:
    export(sample(), "hf", tmp_path / "a", license="cc-by-4.0", language=["en", "fr"])
    front = card_yaml(tmp_path / "a")
    assert front["license"] == "cc-by-4.0" and front["language"] == ["en", "fr"]
    export(sample(), "hf", tmp_path / "b", language="en")
    front = card_yaml(tmp_path / "b")
    assert front["language"] == ["en"] and "license" not in front
    export(sample(), "hf", tmp_path / "c")
    assert "license" not in card_yaml(tmp_path / "c") and "language" not in card_yaml(
        tmp_path / "c")


def test_license_and_language_are_for_hf_only(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="hf format only"):
        export(sample(), "jsonl", tmp_path / "p.jsonl", license="mit")
    with pytest.raises(ValueError, match="hf format only"):
        export(sample(), "csv", tmp_path / "p.csv", language="en")


def test_hf_whitespace_span_is_counted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = "Driver  wanted."
    record = make_record(1, text, spans=[
        {"start": 6, "end": 7, "label": "GAP", "text": " ", "origin": "human"},
        span(text, "Driver", "ROLE")])
    summary = export([record], "hf", tmp_path / "hf")
    assert summary.unaligned_spans == 1
    [row] = load_hf(monkeypatch, tmp_path / "hf", "train")
    assert row["tokens"] == ["Driver", "wanted", "."] and row["ner_tags"][1:] == [0, 0]
    assert len(row["spans"]) == 2  # the spans column keeps every span


# -- CoNLL-2003 ---------------------------------------------------------------------------------


def read_conll(path: Path) -> list[list[list[tuple[str, str]]]]:
    """Documents of sentences of (token, tag), as a CoNLL-2003 reader sees them: four
    space-separated columns, ``-DOCSTART-`` opening each document, blank lines between
    sentences."""
    docs: list[list[list[tuple[str, str]]]] = []
    sentence: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").split("\n"):
        if not line.strip():
            if sentence:
                docs[-1].append(sentence)
            sentence = []
            continue
        columns = line.split(" ")
        assert len(columns) == 4, line
        if columns[0] == "-DOCSTART-":
            assert not sentence
            docs.append([])
            continue
        assert columns[1:3] == ["-X-", "_"]
        sentence.append((columns[0], columns[3]))
    assert not sentence, "the file ends with a blank line"
    return docs


def reviewed(records: list[PostingRecord]) -> list[PostingRecord]:
    """The records, each reviewed (CoNLL leaves out the others: ``test_export_undecided``)."""
    return [cast(PostingRecord, {**record, "status": "reviewed"}) for record in records]


def test_conll_one_document_a_posting(tmp_path: Path) -> None:
    out = tmp_path / "p.conll"
    summary = export(reviewed(sample()), "conll", out)
    assert summary.files == [out] and summary.overlapping_spans == 2
    text = out.read_text(encoding="utf-8")
    assert text.startswith("-DOCSTART- -X- O O\n\n") and text.endswith("\n\n")
    docs = read_conll(out)
    assert len(docs) == 7
    first = docs[0]
    assert first[0] == [("#", "O"), ("Senior", "B-TITLE"), ("Data", "I-TITLE"),
                        ("Engineer", "I-TITLE")]  # a line break ends a sentence
    assert first[1][-5:] == [("in", "O"), ("Leeds", "B-LOC"), (",", "I-LOC"), ("UK", "I-LOC"),
                             (".", "O")]
    for doc, record in zip(docs, sample(), strict=True):
        tokens = [t for sentence in doc for t, _ in sentence]
        assert tokens == [t["text"] for t in _words(record["text"], record)]
        tags = [tag for sentence in doc for _, tag in sentence]
        assert [(" ".join(words), label) for words, label in entities(tokens, tags)] == \
            [(" ".join(t["text"] for t in _words(s)), label)
             for s, label in sorted(kept_spans(record), key=lambda x: record["text"].index(x[0]))]
    nurse = docs[3]  # sentences also end at a full stop
    assert [t for t, _ in nurse[0]] == ["Nurse", ",", "Ward", "7", "."]


def test_conll_never_cuts_a_span_and_cleans_labels(tmp_path: Path) -> None:
    text = "Apply at Acme Ltd.\nBerlin. Now!"
    record = make_record(1, text, spans=[span(text, "Ltd.\nBerlin", "ORG NAME")])
    export([record], "conll", tmp_path / "p.conll")
    [doc] = read_conll(tmp_path / "p.conll")
    assert doc[0] == [("Apply", "O"), ("at", "O"), ("Acme", "O"), ("Ltd", "B-ORG_NAME"),
                      (".", "I-ORG_NAME"), ("Berlin", "I-ORG_NAME"), (".", "O")]
    assert doc[1] == [("Now", "O"), ("!", "O")]


def test_conll_split_and_an_empty_posting(tmp_path: Path) -> None:
    records = reviewed([*sample(), make_record(8, "", raw_hash="e")])
    summary = export(records, "conll", tmp_path / "c", split={"train": 0.5, "dev": 0.5})
    assert summary.files == [tmp_path / "c" / "train.conll", tmp_path / "c" / "dev.conll"]
    assert sum(len(read_conll(f)) for f in summary.files) == 8


def test_each_part_s_count_is_what_its_file_holds(tmp_path: Path) -> None:
    """Postings a format leaves out are not counted in their part: the summary said
    "4 of 7 postings as conll (train 4, dev 3)" of files that held fewer."""
    records = sample()  # some reviewed, the others not: CoNLL leaves those out
    kept = sum(r["status"] == "reviewed" for r in records)
    assert 0 < kept < len(records)
    summary = export(records, "conll", tmp_path / "c", split={"train": 0.5, "dev": 0.5})
    held = {f.stem: len(read_conll(f)) for f in summary.files}
    assert summary.counts == held and summary.total == kept
    said = summary.describe(tmp_path / "c")
    assert said.startswith(f"{kept} of {len(records)} postings as conll (train {held['train']}, "
                           f"dev {held['dev']}) ")


def test_spacy_s_count_leaves_out_the_flagged(tmp_path: Path) -> None:
    pytest.importorskip("spacy", reason="spaCy is not installed")
    from spacy.tokens import DocBin

    records = [*reviewed(sample()), make_record(9, "Flagged.", status="flagged", raw_hash="f")]
    summary = export(records, "spacy", tmp_path / "s", split={"train": 0.5, "dev": 0.5})
    held = {f.stem: len(DocBin().from_disk(f)) for f in summary.files}
    assert summary.counts == held and summary.total == len(records) - 1


def test_conll_reads_into_spacy(tmp_path: Path) -> None:
    pytest.importorskip("spacy", reason="spacy is not installed")
    from spacy.training.converters import conll_ner_to_docs

    out = tmp_path / "p.conll"
    export(reviewed(sample()), "conll", out)
    docs = list(conll_ner_to_docs(out.read_text(encoding="utf-8"), no_print=True))
    assert len(docs) == 7
    assert [(e.text, e.label_) for e in docs[0].ents] == [("Senior Data Engineer", "TITLE"),
                                                         ("Leeds , UK", "LOC")]
    assert [(e.text, e.label_) for e in docs[1].ents] == [("🚀 Python", "SKILL"),
                                                         ("Montréal", "LOC"), ("東京", "LOC")]
    assert [t.text for t in docs[1]][:3] == ["Développeur", "·", "se"]
    assert T1 and T2


def test_jsonl_export_is_unchanged_by_the_new_formats(tmp_path: Path) -> None:
    export(sample(), "jsonl", tmp_path / "p.jsonl")
    rows = [json.loads(line) for line in (tmp_path / "p.jsonl").read_text().splitlines()]
    assert rows == sample()


def test_whitespace_at_a_span_s_ends_is_left_out_of_its_tokens(tmp_path: Path) -> None:
    """A span labelled with the space before it or the line break after it: Prodigy's
    token_start pointed at a token beginning one character later than the span (spaCy
    made no span of it), and spaCy's entity ended with the "\\n" token (its own check
    reports it as an invalid whitespace entity)."""
    text = "We want Python and Go skills.\n"
    record = make_record(1, text, spans=[span(text, " skills", "SKILL"),
                                         span(text, text, "QUALIFICATION")])
    export([record], "prodigy", tmp_path / "p.jsonl")
    task = json.loads((tmp_path / "p.jsonl").read_text(encoding="utf-8"))
    for s in task["spans"]:
        first, last = task["tokens"][s["token_start"]], task["tokens"][s["token_end"]]
        assert (s["start"], s["end"]) == (first["start"], last["end"])
        assert text[s["start"]:s["end"]] == text[s["start"]:s["end"]].strip()
    assert [text[s["start"]:s["end"]] for s in task["spans"]] == \
        ["skills", "We want Python and Go skills."]
    spacy = pytest.importorskip("spacy", reason="spaCy is not installed")
    from spacy.tokens import Doc

    words = [t["text"] for t in task["tokens"]]
    doc = Doc(spacy.blank("en").vocab, words=words, spaces=[t["ws"] for t in task["tokens"]])
    assert all(doc.char_span(s["start"], s["end"]) is not None for s in task["spans"])
    export([record], "spacy", tmp_path / "p.spacy")
    from spacy.tokens import DocBin

    [exported] = DocBin().from_disk(tmp_path / "p.spacy").get_docs(spacy.blank("en").vocab)
    assert [span.text for span in exported.spans["sc"]] == \
        ["skills", "We want Python and Go skills."]


def test_a_word_spelt_with_a_joiner_is_one_token(tmp_path: Path) -> None:
    """Cleaning keeps the zero-width non-joiner of a Persian word: the tokens made it
    three, one of them the joiner alone (a CoNLL line of an invisible token)."""
    from reviewer.core.export.tokens import tokenize

    word = "\u0628\u0631\u0646\u0627\u0645\u0647\u200c\u0646\u0648\u06cc\u0633"
    assert [t["text"] for t in tokenize(f"{word} Python")] == [word, "Python"]
    text = f"{word} wanted."
    export([make_record(1, text, spans=[span(text, word, "ROLE")])], "conll",
           tmp_path / "p.conll")
    lines = (tmp_path / "p.conll").read_text(encoding="utf-8").splitlines()
    assert f"{word} -X- _ B-ROLE" in lines and not any(line.startswith("\u200c") for line in lines)


def test_two_span_labels_one_conll_tag_would_merge_are_refused(tmp_path: Path) -> None:
    """"SOFT SKILL" and "SOFT_SKILL" were both written B-SOFT_SKILL: one label."""
    text = "Python and teamwork"
    records = [make_record(1, text, spans=[
        {"start": 0, "end": 6, "label": "SOFT_SKILL", "text": "Python", "origin": "human"},
        {"start": 11, "end": 19, "label": "SOFT SKILL", "text": "teamwork", "origin": "human"}])]
    with pytest.raises(ValueError, match=r"SOFT SKILL.*SOFT_SKILL|SOFT_SKILL.*SOFT SKILL"):
        export(records, "conll", tmp_path / "out.conll")


def test_two_labels_one_tag_in_two_parts_of_a_split_are_refused(tmp_path: Path) -> None:
    """Each part's writer checked only its own labels: "SOFT_SKILL" in one part and
    "SOFT SKILL" in the other were both B-SOFT_SKILL across the export."""
    from reviewer.core.export.splits import assign_split

    split = {"a": 0.5, "b": 0.5}
    records = []
    for rid in range(1, 41):
        record = make_record(rid, f"Python and teamwork {rid}")
        label = "SOFT_SKILL" if assign_split(record, split) == "a" else "SOFT SKILL"
        record["spans"] = [{"start": 11, "end": 19, "label": label, "text": "teamwork",
                            "origin": "human"}]
        records.append(record)
    assert {r["spans"][0]["label"] for r in records} == {"SOFT_SKILL", "SOFT SKILL"}
    with pytest.raises(ValueError, match="one tag in CoNLL"):
        export(records, "conll", tmp_path / "out", split=split)


def test_hf_tag_ids_follow_the_label_schema_not_the_labels_used(tmp_path: Path) -> None:
    """The class ids were those of the span labels the export happened to use, sorted:
    one span of another label later, and the same token's id changed (B-TOOL 1, then
    3), and a label of the schema not yet used had none. Now the schema's span labels
    in its order, then any other label used (sorted)."""
    from reviewer.core.labels import default_schema

    schema = default_schema()  # spans: SKILL, TOOL, QUALIFICATION, BENEFIT
    records = reviewed(sample())
    used = sorted({s["label"] for r in records for s in r["spans"]} - {
        "SKILL", "TOOL", "QUALIFICATION", "BENEFIT"})

    def names(out: Path, records: list[PostingRecord]) -> list[str]:
        export(records, "hf", out, schema=schema)
        features = {f["name"]: f for f in card_yaml(out)["dataset_info"]["features"]}
        return list(features["ner_tags"]["list"]["class_label"]["names"].values())

    first = names(tmp_path / "one", records)
    assert first == ["O", *(f"{bi}-{label}" for label in
                            ["SKILL", "TOOL", "QUALIFICATION", "BENEFIT", *used]
                            for bi in "BI")]
    assert names(tmp_path / "two", records[:1])[:9] == first[:9]  # (the schema's the same)


def test_spacy_s_entities_are_the_bio_tags_entities_and_the_spans_left_out_are_counted(
        tmp_path: Path) -> None:
    """Of "PyTorch, TensorFlow" (SKILL) and "TensorFlow and Python" (TOOL), the BIO tags
    kept the longer in characters and spaCy's entities the one of more tokens, the earlier
    on a tie: one project, two sets of entities; the spaCy summary counted none left out."""
    spacy = pytest.importorskip("spacy", reason="spaCy is not installed")
    from spacy.tokens import DocBin

    from reviewer.core.export.tokens_bio import bio_tags

    text = "We need PyTorch, TensorFlow and Python. Torch too."
    spans = [span(text, "PyTorch, TensorFlow", "SKILL"),
             span(text, "TensorFlow and Python", "TOOL"), span(text, "Torch", "ORG", nth=1)]
    record = make_record(1, text, spans=spans)
    tagged = bio_tags(text, spans)
    bio = [(" ".join(words), label) for words, label in
           entities([t["text"] for t in tagged.tokens], tagged.tags)]
    summary = export([record], "spacy", tmp_path / "p.spacy")
    [doc] = DocBin().from_disk(tmp_path / "p.spacy").get_docs(spacy.blank("en").vocab)
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("TensorFlow and Python", "TOOL"), ("Torch", "ORG")]
    assert [(" ".join(t.text for t in e), e.label_) for e in doc.ents] == bio
    assert len(doc.spans["sc"]) == 3  # every span, as labelled
    assert summary.overlapping_spans == tagged.overlapping == 1
    assert summary.describe(tmp_path / "p.spacy").endswith(
        ": 1 overlapping span left out of the entities (kept in the spans)")
