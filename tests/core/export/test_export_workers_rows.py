"""The pieces the worker exports are made of, against what they replace: ``csv_line``
against ``csv.writer``, ``records.all`` against ``record_of`` of each posting, and the
quick span check of ``drop_bad_spans`` against ``records.bad_spans``."""

from __future__ import annotations

import copy
import csv
import io
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from test_export import sample
from test_export_workers import make_project

from reviewer.core.export import drop_bad_spans
from reviewer.core.export.table import csv_line
from reviewer.core.records import bad_spans
from reviewer.core.store import Store, record_of

CELL = st.text(alphabet=st.sampled_from(['"', ",", "\r", "\n", " ", "\t", "'", "=", "a", "é",
                                         "🚀", "\x00", "\u2028", ";", "\\"]), max_size=8)


@given(st.lists(CELL, min_size=1, max_size=6))
def test_csv_line_is_what_csv_writer_writes(cells: list[str]) -> None:
    out = io.StringIO(newline="")
    csv.writer(out).writerow(cells)
    assert csv_line(cells) == out.getvalue()


def test_records_are_what_record_of_gives(tmp_path: Path) -> None:
    with Store(make_project(tmp_path / "p.db"), create=False) as store:
        for reviewed_only in (True, False):
            records = list(store.records.all(reviewed_only))
            assert records == [record_of(p) for p in store.records.postings(reviewed_only)]
            assert [list(r) for r in records] == [
                list(record_of(p)) for p in store.records.postings(reviewed_only)]
        first, last = store.queue.ids()[3], store.queue.ids()[9]
        assert [r["id"] for r in store.records.all(False, first=first, last=last)] == list(
            store.queue.ids()[3:10])


def test_records_with_bad_spans_are_cleaned_and_counted() -> None:
    for record in sample():
        clean, dropped = drop_bad_spans(record)
        assert bool(dropped) == bool(bad_spans(record)) or not record["machine"]
        assert not bad_spans(clean)
        broken = copy.deepcopy(record)
        broken["machine"]["title"] = {"value": "x", "confidence": 0.5, "stage": "label",
                                      "spans": [[0, len(record["text"]) + 1], [0, 1, 2]]}
        broken["field_spans"]["title"] = broken["machine"]["title"]["spans"]
        clean, dropped = drop_bad_spans(broken)
        assert dropped >= 4 and clean["machine"]["title"]["spans"] == []
        assert broken["machine"]["title"]["spans"] == [[0, len(record["text"]) + 1], [0, 1, 2]]
