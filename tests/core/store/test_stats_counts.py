"""The statistics count what the tables hold, read from indexes."""

from __future__ import annotations

from pathlib import Path

from reviewer.core.store import NewPosting, Store


def test_suggested_counts_the_machine_values_no_one_decided(tmp_path: Path) -> None:
    with Store(tmp_path / "p.db") as store:
        store.postings.add([NewPosting(
            source=f"{n}.txt", hash=f"h{n}", kind="text", raw="p", cleaned=f"Posting {n}",
            fields={"title": f"T{n}", **({"company": "Acme"} if n % 2 else {})},
            confidence={"title": 0.5, "company": 0.5}, stages={"title": "prose"})
            for n in range(1, 21)])
        store.decisions.accept_field(1, "title")
        store.decisions.set_field(2, "title", "Other")
        store.decisions.reject_field(3, "company")
        store.decisions.set_field(4, "department", "Sales")  # a value the machine had not
        states = store.reports.stats()["field_states"]
        brute = {name: n for name, n in store.db.execute(
            "SELECT s.field, count(*) FROM suggestions s WHERE NOT EXISTS (SELECT 1 FROM "
            "annotations a WHERE a.posting_id = s.posting_id AND a.field = s.field) "
            "GROUP BY s.field")}
        assert {k: v.get("suggested", 0) for k, v in states.items() if v.get("suggested")} \
            == brute == {"title": 18, "company": 9}
        assert states["title"] == {"accepted": 1, "corrected": 1, "suggested": 18}
        assert states["department"] == {"corrected": 1}


def test_eval_does_not_count_a_value_the_machine_never_offered_as_its_error(
        tmp_path: Path) -> None:
    """A person said the posting has no department, where the machine offered none: no
    judgement of the machine (it was counted as its suggestion rejected, accuracy 0)."""
    with Store(tmp_path / "p.db") as store:
        store.postings.add([NewPosting(
            source=f"{n}.txt", hash=f"h{n}", kind="text", raw="p", cleaned=f"Posting {n}",
            fields={"title": f"T{n}"}, confidence={"title": 0.5}) for n in range(1, 4)])
        for pid in (1, 2, 3):
            store.decisions.reject_field(pid, "department")
            store.decisions.accept_field(pid, "title")
            store.postings.set_status(pid, "reviewed")
        evaluation = store.reports.evaluation()
        assert evaluation["title"]["accepted"] == 3
        assert evaluation.get("department", {}).get("rejected", 0) == 0
        assert evaluation.get("department", {}).get("accuracy") is None
