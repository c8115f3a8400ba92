"""Agreement between reviewers: each figure equal to a reference implementation's on the
same data (scikit-learn's kappa, the krippendorff package's alpha), span F1 on cases worked
out by hand, and the postings behind each figure."""

from __future__ import annotations

import json
import math
import random
from pathlib import Path
from typing import Any

import krippendorff
import numpy as np
import pytest
from sklearn.metrics import cohen_kappa_score

from reviewer.core.store import NewPosting, Store
from reviewer.core.team import agreement, agreement_figures
from reviewer.core.team.agreement import (
    cohen_kappa,
    field_agreement,
    krippendorff_alpha,
    label_agreement,
    span_agreement,
)


def field(value: Any, state: str = "corrected") -> dict[str, Any]:
    return {"state": state, "value": value, "spans": []}


# -- fields -----------------------------------------------------------------------------------


def test_field_agreement_counts_pairs_after_normalising() -> None:
    figure = field_agreement("title", {
        1: {"ana": field("Data  Engineer"), "ben": field("data engineer", "accepted")},
        2: {"ana": field("Engineer"), "ben": field("Nurse"), "chen": field("engineer")},
        3: {"ana": field("x", "rejected"), "ben": field(None, "rejected")},
        4: {"ana": field("alone")},  # one reviewer: no pair
    })
    # posting 1: 1 of 1 pair; posting 2: ana-chen of 3 pairs; posting 3: both rejected
    assert (figure.postings, figure.pairs, figure.agreeing) == (3, 5, 3)
    assert figure.share == pytest.approx(3 / 5)
    assert figure.differing == [2]


def test_no_pair_is_no_share() -> None:
    figure = field_agreement("title", {1: {"ana": field("x")}})
    assert figure.postings == 0 and figure.share is None and figure.differing == []


# -- document labels: against the reference implementations --------------------------------------


def random_answers(seed: int, reviewers: list[str], postings: int, options: list[str],
                   missing: float = 0.0) -> dict[int, dict[str, list[str]]]:
    rng = random.Random(seed)
    out: dict[int, dict[str, list[str]]] = {}
    for pid in range(1, postings + 1):
        truth = rng.choice(options)
        out[pid] = {name: [truth if rng.random() < 0.7 else rng.choice(options)]
                    for name in reviewers if rng.random() >= missing}
    return out


@pytest.mark.parametrize("seed", range(5))
def test_kappa_of_two_reviewers_is_scikit_learns(seed: int) -> None:
    answers = random_answers(seed, ["ana", "ben"], 60, ["yes", "no", "maybe"])
    figure = label_agreement("relevant", answers)
    assert figure.method == "kappa" and figure.reviewers == ["ana", "ben"]
    ana = [answers[p]["ana"][0] for p in sorted(answers)]
    ben = [answers[p]["ben"][0] for p in sorted(answers)]
    assert figure.value == pytest.approx(cohen_kappa_score(ana, ben))
    assert figure.differing == [p for p in sorted(answers) if answers[p]["ana"] !=
                                answers[p]["ben"]]
    assert figure.postings == 60 and figure.share == pytest.approx(
        1 - len(figure.differing) / 60)


def reference_alpha(answers: dict[int, dict[str, list[str]]], reviewers: list[str]) -> float:
    """The krippendorff package's nominal alpha: reviewers × postings, NaN where missing."""
    codes: dict[str, int] = {}
    data = np.full((len(reviewers), len(answers)), np.nan)
    for col, pid in enumerate(sorted(answers)):
        for row, name in enumerate(reviewers):
            if name in answers[pid]:
                key = json.dumps(sorted(answers[pid][name]))
                data[row, col] = codes.setdefault(key, len(codes))
    return float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))


@pytest.mark.parametrize("seed", range(5))
def test_alpha_of_three_or_more_is_the_krippendorff_packages(seed: int) -> None:
    reviewers = ["ana", "ben", "chen", "dee"][:3 + seed % 2]
    answers = random_answers(seed, reviewers, 80, ["a", "b", "c", "d"], missing=0.3)
    figure = label_agreement("family", answers)
    assert figure.method == "alpha" and figure.reviewers == reviewers
    assert figure.value == pytest.approx(reference_alpha(answers, reviewers), abs=1e-9)


def test_multiple_choice_answers_are_one_category_each() -> None:
    answers = {1: {"ana": ["remote", "tech"], "ben": ["tech", "remote"], "chen": ["tech"]},
               2: {"ana": ["tech"], "ben": ["tech"], "chen": ["tech"]},
               3: {"ana": [], "ben": ["remote"]}}
    figure = label_agreement("tags", answers)
    assert figure.method == "alpha"
    assert figure.value == pytest.approx(reference_alpha(answers, ["ana", "ben", "chen"]))
    assert figure.differing == [1, 3]


def test_one_category_everywhere_is_undefined() -> None:
    assert cohen_kappa(["yes", "yes"], ["yes", "yes"]) is None
    assert krippendorff_alpha([["a", "a"], ["a", "a", "a"]]) is None
    figure = label_agreement("relevant", {1: {"ana": ["yes"], "ben": ["yes"]}})
    assert figure.value is None and figure.share == 1.0


def test_alpha_by_hand() -> None:
    # Krippendorff's own example (nominal, 4 coders, 12 units, missing values): 0.743
    table = [[1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
             [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
             [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
             [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None]]
    units = [[str(row[u]) for row in table if row[u] is not None] for u in range(12)]
    assert krippendorff_alpha(units) == pytest.approx(0.743, abs=5e-4)


# -- spans ----------------------------------------------------------------------------------


def test_span_f1_exact_and_overlapping_by_hand() -> None:
    figures = {f.label: f for f in span_agreement({
        1: {"ana": [[0, 5, "SKILL"], [10, 20, "SKILL"], [30, 40, "TOOL"]],
            "ben": [[0, 5, "SKILL"], [12, 18, "SKILL"], [50, 60, "SKILL"]]},
        2: {"ana": [[0, 4, "TOOL"]], "ben": [[0, 4, "TOOL"]]},
    })}
    skill, tool = figures["SKILL"], figures["TOOL"]
    # SKILL, posting 1: 5 spans; exact: [0,5] both ways = 2 of 5; overlapping: ana's
    # [0,5] and [10,20], ben's [0,5] and [12,18] = 4 of 5
    assert (skill.postings, skill.pairs, skill.spans) == (1, 1, 5)
    assert skill.exact_f1 == pytest.approx(2 / 5) and skill.overlap_f1 == pytest.approx(4 / 5)
    assert skill.differing == [1]
    # TOOL: posting 1 ana's alone (0 of 1), posting 2 the same span (2 of 2)
    assert (tool.postings, tool.pairs, tool.spans) == (2, 2, 3)
    assert tool.exact_f1 == pytest.approx(2 / 3) and tool.overlap_f1 == pytest.approx(2 / 3)
    assert tool.differing == [1]


def test_span_f1_equals_f1_of_one_reviewer_against_the_other() -> None:
    # two reviewers: F1 of ana's spans as predictions against ben's as gold
    ana = [[0, 3, "S"], [5, 9, "S"], [20, 25, "S"], [40, 41, "S"]]
    ben = [[0, 3, "S"], [6, 8, "S"], [30, 35, "S"]]
    [figure] = span_agreement({7: {"ana": ana, "ben": ben}})
    precision, recall = 1 / 4, 1 / 3
    assert figure.exact_f1 == pytest.approx(2 * precision * recall / (precision + recall))
    assert figure.overlap_f1 == pytest.approx((2 + 2) / 7)  # found both ways over all spans


# -- a project ------------------------------------------------------------------------------


def test_report_of_a_project_with_the_postings_behind_each_figure(tmp_path: Path) -> None:
    with Store(tmp_path / "p.db", reviewer="adj") as store:
        store.postings.add([NewPosting(source=f"{n}.txt", hash=f"h{n}", kind="text", raw="p",
                                       cleaned="Data Engineer at Acme", fields={})
                            for n in (1, 2, 3)])
        rows = []
        for pid, name, kind, key, value in [
                (1, "ana", "field", "title", field("Data Engineer")),
                (1, "ben", "field", "title", field("data engineer")),
                (2, "ana", "field", "title", field("Engineer")),
                (2, "ben", "field", "title", field("Nurse")),
                (1, "ana", "label", "relevant", ["yes"]),
                (1, "ben", "label", "relevant", ["no"]),
                (2, "ana", "label", "relevant", ["yes"]),
                (2, "ben", "label", "relevant", ["yes"]),
                (1, "ana", "spans", "", [[0, 4, "SKILL"]]),
                (1, "ben", "spans", "", [[0, 4, "SKILL"]]),
                (3, "ana", "field", "title", field("alone")),
                (1, "ana", "status", "", "reviewed"), (2, "ana", "status", "", "reviewed"),
                (1, "ben", "status", "", "flagged")]:
            rows.append((pid, name, kind, key, json.dumps(value), "2024-05-01T10:00:00Z"))
        store.reviews.put(rows)
        for pid in (1, 2):
            store.postings.set_status(pid, "reviewed")
        store.timing.add(1, 1800)
        store.timing.add(2, 1800)
        report = agreement(store)
        assert report == agreement_figures(store.reviews.rows(), store.timing.per_reviewer())
    assert report.reviewers == ["ana", "ben"] and report.shared == 2
    [title] = report.fields
    assert (title.field, title.postings, title.share, title.differing) == ("title", 2, 0.5, [2])
    [relevant] = report.labels
    assert relevant.method == "kappa" and relevant.differing == [1]
    assert relevant.value == pytest.approx(cohen_kappa_score(["yes", "yes"], ["no", "yes"]))
    [skill] = report.spans
    assert skill.exact_f1 == 1.0 and skill.differing == []
    assert report.differing() == [1, 2]
    # the project's own statuses are adj's; each reviewer's count is from their own file
    assert [(p.reviewer, p.reviewed, p.per_hour) for p in report.pace] == [
        ("adj", 2, 2.0), ("ana", 2, None), ("ben", 0, None)]
    data = json.loads(json.dumps(report.to_json()))
    assert data["labels"][0]["differing"] == [1] and data["pace"][0]["per_hour"] == 2.0


def test_a_few_seconds_of_work_give_no_pace() -> None:
    """3 postings in 0.4 s is not 27,000 an hour: under a minute says nothing of a pace
    (the window's statistics say "reviewed in under a minute")."""
    report = agreement_figures([], {"ana": (3, 0.4), "ben": (3, 59.0), "chen": (2, 60.0)})
    assert [(p.reviewer, p.per_hour) for p in report.pace] == [
        ("ana", None), ("ben", None), ("chen", 120.0)]


def test_no_reviews_no_figures() -> None:
    report = agreement_figures([], {"ana": (3, 0.0)})
    assert report.shared == 0 and not (report.fields or report.labels or report.spans)
    assert report.pace[0].per_hour is None
    assert not math.isnan(report.pace[0].seconds)


def test_a_reviewer_who_reviewed_and_labelled_no_span_found_none() -> None:
    rows = [(1, "ana", "spans", "", [[0, 4, "SKILL"]]), (1, "ana", "status", "", "reviewed"),
            (1, "ben", "status", "", "reviewed"),
            (2, "ana", "spans", "", [[0, 4, "SKILL"]]), (2, "ben", "status", "", "skipped")]
    [skill] = agreement_figures(rows).spans
    assert (skill.postings, skill.spans, skill.exact_f1, skill.differing) == (1, 1, 0.0, [1])
