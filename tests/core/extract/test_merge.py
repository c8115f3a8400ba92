"""Another stage's readings merged into an extraction: the more confident one wins."""

from reviewer.core.extract.merge import merge_findings, same_value
from reviewer.core.schema import Extraction, Finding


def _extraction(**values: Finding) -> Extraction:
    return Extraction.from_findings(dict(values))


def test_an_empty_field_takes_the_offered_value():
    ext = _extraction()
    merge_findings(ext, {"title": Finding("Data Engineer", [(0, 13)], 0.6, "learned")})
    assert ext.fields["title"] == "Data Engineer"
    assert ext.stages["title"] == "learned"
    assert ext.evidence["title"] == [(0, 13)]
    assert "title" not in ext.alternatives


def test_the_more_confident_value_wins_and_the_other_is_an_alternative():
    ext = _extraction(title=Finding("Engineer", [(5, 13)], 0.45, "prose"))
    merge_findings(ext, {"title": Finding("Data Engineer", [(0, 13)], 0.7, "learned")})
    assert ext.fields["title"] == "Data Engineer"
    assert [(a.value, a.stage) for a in ext.alternatives["title"]] == [("Engineer", "prose")]


def test_a_less_confident_value_is_only_an_alternative():
    ext = _extraction(title=Finding("Data Engineer", [(0, 13)], 0.95, "label"))
    merge_findings(ext, {"title": Finding("Engineer", [], 0.5, "learned")})
    assert ext.fields["title"] == "Data Engineer"
    assert ext.stages["title"] == "label"
    assert [a.value for a in ext.alternatives["title"]] == ["Engineer"]


def test_the_same_value_keeps_the_surer_reading_and_adds_no_alternative():
    ext = _extraction(company=Finding("Acme", [(0, 4)], 0.45, "prose"))
    merge_findings(ext, {"company": Finding("ACME", [], 0.8, "learned")})
    assert ext.stages["company"] == "learned"
    assert ext.confidence["company"] == 0.8
    assert ext.evidence["company"] == [(0, 4)]  # the spans the other reading had
    assert "company" not in ext.alternatives


def test_the_winner_leaves_the_alternatives_and_they_stay_at_most_three():
    ext = Extraction.from_findings(
        {"title": Finding("A", [], 0.5, "structure")},
        {"title": [Finding("B", [], 0.4, "prose"), Finding("C", [], 0.3, "page-title"),
                   Finding("D", [], 0.2, "pattern")]})
    merge_findings(ext, {"title": Finding("C", [], 0.9, "learned")})
    assert ext.fields["title"] == "C"
    assert [a.value for a in ext.alternatives["title"]] == ["A", "B", "D"]


def test_empty_offers_and_unknown_fields_change_nothing():
    ext = _extraction(title=Finding("A", [], 0.5, "structure"))
    merge_findings(ext, {"title": Finding("", [], 0.99, "learned"),
                         "no_such_field": Finding("x", [], 0.99, "learned")})
    assert ext.fields["title"] == "A"
    assert "no_such_field" not in ext.fields


def test_same_value_ignores_case_and_spacing():
    assert same_value("Data  Engineer", "data engineer")
    assert not same_value(["a", "b"], ["b", "a"])


def test_a_column_s_value_confirmed_by_a_surer_reading_stays_the_column_s():
    """A plug-in that gives back the title a data file's column gave (surer, in other
    case): the value was taken as the plug-in's, its stage too, and a re-extract, which
    finds the columns' values by their stage, then lost it for the rules' reading."""
    ext = _extraction(title=Finding("Backend Engineer", [], 0.9, "dataset"))
    merge_findings(ext, {"title": Finding("backend engineer", [(0, 16)], 0.99, "command")})
    assert (ext.fields["title"], ext.stages["title"]) == ("Backend Engineer", "dataset")
    assert ext.evidence["title"] == [(0, 16)]
