"""``store.reports.by_stage``: each stage's values against the reviewers' decisions."""

from __future__ import annotations

from pathlib import Path

from reviewer.core.store import NewPosting, Store

TEXT = "# Data Engineer\n\nAcme is hiring in Leeds."


def _posting(n: int) -> NewPosting:
    return NewPosting(
        source=f"{n}.txt", hash=f"h{n}", kind="text", raw=TEXT, cleaned=TEXT,
        fields={"title": "Data Engineer", "company": "Acme", "seniority": "senior"},
        evidence={"title": [[2, 15]]}, confidence={"title": 0.9, "company": 0.8,
                                                    "seniority": 0.6},
        stages={"title": "structure", "company": "prose", "seniority": "command"},
        alternatives={"title": [{"value": "Senior Data Engineer", "confidence": 0.7,
                                 "stage": "command", "spans": []},
                                {"value": "Engineer", "confidence": 0.5,
                                 "stage": "pattern", "spans": []},
                                {"value": "Data engineer (m/f)", "confidence": 0.4,
                                 "stage": "command", "spans": []}],
                      "seniority": [{"value": "mid", "confidence": 0.5, "stage": "pattern",
                                     "spans": []}]})


def test_each_stage_is_measured_by_the_values_it_offered(tmp_path: Path) -> None:
    with Store(tmp_path / "p.db") as store:
        store.postings.add([_posting(n) for n in range(4)])
        # 1: all accepted; 2: the command's alternative chosen; 3: company rejected,
        # seniority corrected to the pattern's value; 4: not reviewed (not counted)
        store.decisions.accept_all(1)
        store.decisions.set_field(2, "title", "senior data engineer")  # any case
        store.decisions.accept_all(2)
        store.decisions.reject_field(3, "company")
        store.decisions.set_field(3, "seniority", "mid")
        store.decisions.accept_all(3)
        store.decisions.set_field(4, "title", "Engineer")
        stages = store.reports.by_stage()
    assert set(stages) == {"structure", "prose", "command", "pattern"}
    assert stages["structure"] == {
        "title": {"offered": 3, "won": 3, "right": 2, "accuracy": 0.6667}}
    assert stages["command"] == {  # its first title counts, not its second
        "title": {"offered": 3, "won": 0, "right": 1, "accuracy": 0.3333},
        "seniority": {"offered": 3, "won": 3, "right": 2, "accuracy": 0.6667}}
    assert stages["pattern"]["seniority"] == {"offered": 3, "won": 0, "right": 1,
                                              "accuracy": 0.3333}
    assert stages["pattern"]["title"]["right"] == 0
    assert stages["prose"] == {"company": {"offered": 3, "won": 3, "right": 2,
                                           "accuracy": 0.6667}}


def test_a_project_nobody_reviewed_has_no_figures(tmp_path: Path) -> None:
    with Store(tmp_path / "p.db") as store:
        store.postings.add([_posting(1)])
        assert store.reports.by_stage() == {}
