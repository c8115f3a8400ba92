"""The table exports (CSV, Parquet) and the Hugging Face dataset say who ruled: a column
``adjudicated_by`` in every row, holding what each ruling decided and who made it where a
ruling decided something after a merge, empty (or null) where none did, so that every row
and every part of a split has the same columns."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from test_export_adjudicator import adjudicated, records

from reviewer.cli import main
from reviewer.core.export import export

RULED = {"field:title": "lead", "label:relevant": "lead"}
RULINGS = [{"decided": "field:title", "by": "lead"}, {"decided": "label:relevant", "by": "lead"}]


def csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_the_csv_row_names_who_ruled(tmp_path: Path) -> None:
    db = adjudicated(tmp_path)
    out = tmp_path / "out.csv"
    assert main(["export", str(db), "-f", "csv", "-o", str(out), "--all"]) == 0
    first, second = csv_rows(out)
    assert list(first)[-1] == "adjudicated_by"
    assert json.loads(first["adjudicated_by"]) == RULED and second["adjudicated_by"] == ""
    # one process, not the whole-project path: the same cells
    export(records(db), "csv", tmp_path / "one.csv")
    assert csv_rows(tmp_path / "one.csv") == [first, second]


def test_every_part_of_a_split_csv_has_the_column(tmp_path: Path) -> None:
    db = adjudicated(tmp_path)
    assert main(["export", str(db), "-f", "csv", "--split", "a=0.5,b=0.5", "-o",
                 str(tmp_path / "split"), "--all"]) == 0
    parts = sorted((tmp_path / "split").glob("*.csv"))
    heads = [next(csv.reader(part.open(encoding="utf-8", newline=""))) for part in parts]
    assert len(parts) == 2 and all(head == heads[0] for head in heads)
    assert heads[0][-1] == "adjudicated_by"
    cells = {row["id"]: row["adjudicated_by"] for part in parts for row in csv_rows(part)}
    assert json.loads(cells["1"]) == RULED and cells["2"] == ""


def parquet_rows(path: Path) -> list[dict[str, Any]]:
    pq = pytest.importorskip("pyarrow.parquet")
    return list(pq.read_table(path).to_pylist())


def test_the_parquet_table_lists_the_rulings_in_the_order_made(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    db = adjudicated(tmp_path)
    assert main(["export", str(db), "-f", "parquet", "-o", str(tmp_path / "o.parquet"),
                 "--all"]) == 0
    first, second = parquet_rows(tmp_path / "o.parquet")
    assert first["adjudicated_by"] == RULINGS and second["adjudicated_by"] is None
    export(records(db), "parquet", tmp_path / "one.parquet")
    assert parquet_rows(tmp_path / "one.parquet") == [first, second]
    assert main(["export", str(db), "-f", "parquet", "--split", "a=0.5,b=0.5", "-o",
                 str(tmp_path / "split"), "--all"]) == 0
    pq = pytest.importorskip("pyarrow.parquet")
    schemas = {str(pq.read_schema(part)) for part in (tmp_path / "split").glob("*.parquet")}
    assert len(schemas) == 1 and "adjudicated_by" in schemas.pop()


def test_an_exported_table_is_still_refused_by_an_import(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A table holds no record to read back (the JSONL does): with the new column, an
    import still knows the table for this app's and says so."""
    pytest.importorskip("pyarrow")
    db = adjudicated(tmp_path)
    for fmt in ("csv", "parquet"):
        out = tmp_path / f"o.{fmt}"
        assert main(["export", str(db), "-f", fmt, "-o", str(out), "--all"]) == 0
        capsys.readouterr()
        main(["import", str(tmp_path / "back.db"), str(out)])
        assert "a table this app exported" in capsys.readouterr().err


@pytest.mark.parametrize("parquet", [False, True])
def test_the_hugging_face_dataset_names_who_ruled(tmp_path: Path, parquet: bool) -> None:
    if parquet:
        pytest.importorskip("pyarrow")
    db = adjudicated(tmp_path)
    out = tmp_path / "hf"
    assert main(["export", str(db), "-f", "hf", "-o", str(out), "--all",
                 *(["--parquet"] if parquet else [])]) == 0
    card = (out / "README.md").read_text(encoding="utf-8")
    assert '- name: "adjudicated_by"' in card and "| `adjudicated_by` | " in card
    datasets = pytest.importorskip("datasets")
    train = datasets.load_dataset(str(out), cache_dir=str(tmp_path / "cache"))["train"]
    assert list(train["adjudicated_by"]) == [RULINGS, []]
