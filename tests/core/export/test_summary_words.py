"""What an export says it wrote reads as a person would say it."""

from __future__ import annotations

from pathlib import Path

from reviewer.core.export import ExportSummary


def test_one_posting_is_one_and_a_whole_export_names_no_part(tmp_path: Path) -> None:
    """It said "1 postings as jsonl (all 1)"."""
    out = tmp_path / "out.jsonl"
    out.write_text("{}\n")
    said = ExportSummary("jsonl", {"all": 1}, [out]).describe(out)
    assert said == f"1 posting as jsonl to {out}"
    said = ExportSummary("jsonl", {"train": 3, "test": 1}, [out]).describe(out)
    assert said.startswith("4 postings as jsonl (train 3, test 1) to ")
