"""A posting's log as the window's history shows it: who did what, when, newest first."""

from __future__ import annotations

from pathlib import Path

from reviewer.core.store import NewPosting, Store


def test_a_posting_s_events_say_who_did_what_newest_first(tmp_path: Path) -> None:
    with Store(tmp_path / "p.db", reviewer="ana") as store:
        store.postings.add([NewPosting(source=f"{n}.txt", hash=f"h{n}", kind="text", raw="p",
                                       cleaned="Data Engineer", fields={"title": "x"},
                                       confidence={"title": 0.5}, stages={"title": "prose"})
                            for n in (1, 2)])
        store.decisions.set_field(1, "title", "Data Engineer")
        store.decisions.reject_field(2, "title")
    with Store(tmp_path / "p.db", reviewer="ben") as store:
        store.postings.set_status(1, "reviewed")
        events = store.history.posting_events(1)
        assert [(who, kind) for _at, who, kind, _data in events] == [
            ("ben", "set_status"), ("ana", "corrected_field")]
        assert events[0][3] == {"status": "reviewed"} and events[1][3] == {"field": "title"}
        assert events[0][0] >= events[1][0]
        assert len(store.history.posting_events(1, limit=1)) == 1
        assert store.history.posting_events(99) == []
