"""The learned stage in the cascade, and the order "most useful to review next"."""

from __future__ import annotations

from learn_postings import posting

from reviewer.core.extract import extract
from reviewer.core.learn import (
    Model,
    Suggestions,
    apply,
    usefulness,
)
from reviewer.core.learn.model import Part, merge_suggestions
from reviewer.core.schema import CleanDoc, Extraction, Finding


def _extraction(title: str, confidence: float) -> Extraction:
    return Extraction.from_findings({"title": Finding(title, [(0, len(title))], confidence,
                                                      "structure")})


def _model(trusted: bool) -> Model:
    return Model({"title": Part("title", "span", trusted=trusted)}, {}, {}, {})


def _learned(title: str, confidence: float, trusted: bool = True) -> Suggestions:
    return Suggestions({"title": Finding(title, [], confidence, "learned")},
                       trusted=frozenset({"title"} if trusted else set()))


def test_a_surer_rule_value_stays_and_the_learned_one_is_an_alternative() -> None:
    extraction = _extraction("Rule Title", 0.95)
    merge_suggestions(_model(True), extraction, _learned("Learned Title", 0.6))
    assert extraction.fields["title"] == "Rule Title"
    assert extraction.stages["title"] == "structure"
    assert extraction.alternatives["title"][0].value == "Learned Title"
    assert extraction.alternatives["title"][0].stage == "learned"


def test_a_surer_learned_value_wins_and_the_rule_is_an_alternative() -> None:
    extraction = _extraction("Rule Title", 0.4)
    merge_suggestions(_model(True), extraction, _learned("Learned Title", 0.9))
    assert extraction.fields["title"] == "Learned Title"
    assert extraction.stages["title"] == "learned"
    assert extraction.alternatives["title"][0].value == "Rule Title"


def test_a_field_not_trusted_only_adds_an_alternative() -> None:
    extraction = _extraction("Rule Title", 0.3)
    merge_suggestions(_model(False), extraction, _learned("Learned Title", 0.99, False))
    assert extraction.fields["title"] == "Rule Title"
    assert [a.value for a in extraction.alternatives["title"]] == ["Learned Title"]
    empty = Extraction.from_findings({})
    merge_suggestions(_model(False), empty, _learned("Learned Title", 0.99, False))
    assert empty.fields["title"] is None


def test_an_empty_field_is_filled_only_when_the_model_is_sure_enough() -> None:
    for confidence, expected in ((0.8, "Learned Title"), (0.3, None)):
        extraction = Extraction.from_findings({})
        merge_suggestions(_model(True), extraction, _learned("Learned Title", confidence))
        assert extraction.fields["title"] == expected


def test_apply_merges_the_models_suggestions_into_the_extraction(model: Model) -> None:
    doc = CleanDoc(posting(4, title="Bellows Tender"), "text")
    extraction = extract(doc)
    suggestions = apply(model, doc, extraction)
    assert "relevant" in suggestions.labels
    learned = suggestions.fields["title"]
    assert extraction.fields["title"] == learned.value or any(
        a.value == learned.value for a in extraction.alternatives.get("title", []))


def test_the_least_sure_posting_is_the_most_useful(model: Model) -> None:
    sure, unsure = _extraction("A", 0.95), _extraction("B", 0.2)
    labels = Suggestions(labels={"relevant": ("yes", 0.9)})
    assert usefulness(model, unsure, labels) > usefulness(model, sure, labels)
    assert usefulness(model, sure, Suggestions(labels={"relevant": ("yes", 0.2)})) > \
        usefulness(model, sure, labels)
    assert 0.0 <= usefulness(model, Extraction.from_findings({}), Suggestions()) <= 1.0


def test_a_value_a_data_file_gave_is_never_replaced_by_the_model() -> None:
    """A mapped column says what the posting holds: the model's reading of that field,
    however sure, is only an alternative (as the rules' reading is)."""
    extraction = _extraction("Column Title", 0.9)
    extraction.stages["title"] = "dataset"
    merge_suggestions(_model(True), extraction, _learned("Learned Title", 0.99),
                      given=frozenset({"title"}))
    assert extraction.fields["title"] == "Column Title"
    assert extraction.stages["title"] == "dataset"
    assert [a.value for a in extraction.alternatives["title"]] == ["Learned Title"]


def test_an_import_keeps_the_columns_values_over_the_models(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from reviewer.core.ingest.pages import learned, pipeline_page

    class Sure(Model):
        def suggest(self, doc: CleanDoc, extraction: Extraction) -> Suggestions:
            return _learned("Learned Title", 0.99)

    model = Sure({"title": Part("title", "span", trusted=True)}, {}, {}, {})
    text = "Warehouse Associate\n\nWe are hiring in Leeds.\n"
    page = pipeline_page(("jobs.csv#1", text, "text", {}, "d1", {"title": "Column Title"}))
    learned(model, page)  # type: ignore[arg-type]
    assert page.extraction.fields["title"] == "Column Title"  # type: ignore[union-attr]
    assert page.extraction.stages["title"] == "dataset"  # type: ignore[union-attr]
    plain = pipeline_page(("jobs.csv#2", text, "text", {}, "d2", {}))
    learned(model, plain)  # type: ignore[arg-type]
    assert plain.extraction.fields["title"] == "Learned Title"  # type: ignore[union-attr]
