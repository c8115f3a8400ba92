"""The other readings of a field (``Extraction.alternatives``) are stored with the
machine's value at import and re-extract, returned by ``records.get``, and left out of
the canonical record. Every posting here is made up for the tests."""

from __future__ import annotations

import shutil
from pathlib import Path

from reviewer.core.ingest import import_paths, reextract
from reviewer.core.store import NewPosting, Store, record_of
from reviewer.core.store.migrations import SCHEMA_VERSION

DATA = Path(__file__).resolve().parents[2] / "data" / "projects"
DISPUTED = """Warehouse Associate

Location: Leeds

Northgate Freight is seeking a Forklift Operator to join our busy depot team.

Responsibilities
- Load and unload trailers
- Keep the yard tidy
"""
PROSE = {"value": "Forklift Operator", "confidence": 0.45, "stage": "prose"}


def _without_spans(alternatives: list[dict[str, object]]) -> list[dict[str, object]]:
    return [{k: v for k, v in a.items() if k != "spans"} for a in alternatives]


def test_alternatives_are_stored_and_returned_but_not_exported(tmp_path: Path) -> None:
    text = "# Data Engineer\n\nAcme is seeking a Data Scientist in Berlin.\n"
    other = {"value": "Data Scientist", "confidence": 0.45, "stage": "prose",
             "spans": [[28, 42]]}
    with Store(tmp_path / "p.db") as store:
        store.postings.add([NewPosting(
            source="a.txt", hash="a", kind="text", raw=text, cleaned=text,
            fields={"title": "Data Engineer", "company": "Acme"},
            confidence={"title": 0.8, "company": 0.4}, stages={"title": "structure"},
            alternatives={"title": [other]})])
        machine = store.records.get(1)["machine"]
        assert machine["title"]["alternatives"] == [other]
        assert machine["company"]["alternatives"] == []
        assert all("alternatives" not in m for m in record_of(store.records.get(1))["machine"]
                   .values())
        assert all("alternatives" not in m for r in store.records.all(reviewed_only=False)
                   for m in r["machine"].values())


def test_import_and_reextract_write_them(tmp_path: Path) -> None:
    page = tmp_path / "pages" / "depot.txt"
    page.parent.mkdir()
    page.write_text(DISPUTED, encoding="utf-8")
    with Store(tmp_path / "p.db") as store:
        import_paths(store, [page.parent])
        title = store.records.get(1)["machine"]["title"]
        assert title["value"] == "Warehouse Associate"
        assert _without_spans(title["alternatives"]) == [PROSE]
        cleaned = store.records.get(1)["cleaned"]
        start, end = title["alternatives"][0]["spans"][0]
        assert cleaned[start:end] == "Forklift Operator"
        # a project of before alternatives were kept: re-extract writes them
        store.db.execute("UPDATE suggestions SET alternatives = '[]'")
        store.db.conn.commit()
        assert store.records.get(1)["machine"]["title"]["alternatives"] == []
        reextract(store)
        title = store.records.get(1)["machine"]["title"]
        assert _without_spans(title["alternatives"]) == [PROSE]


def test_a_version_5_project_migrates_with_no_alternatives(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    shutil.copy(DATA / "v5.db", path)
    with Store(path) as store:
        assert store.schema_version() == SCHEMA_VERSION
        first = store.records.get(1)
        assert first["machine"]["title"]["value"] == "Senior Backend Engineer, Data Platform"
        assert all(m["alternatives"] == [] for m in first["machine"].values())
        assert (tmp_path / "old.db.v5.bak").exists()


def test_a_value_from_a_data_files_column_keeps_the_extracted_one_as_an_alternative() -> None:
    from reviewer.core.clean import clean
    from reviewer.core.extract import extract
    from reviewer.core.ingest.dataset import apply_given

    doc = clean(DISPUTED, "text")
    extraction = extract(doc)
    read = extraction.fields["title"]
    apply_given(extraction, {"title": "Yard Marshal", "locations": read and ["Leeds"]},
                doc.markdown)
    assert extraction.fields["title"] == "Yard Marshal"
    first = extraction.alternatives["title"][0]
    assert (first.value, first.stage) == (read, "structure")
    assert len(extraction.alternatives["title"]) <= 3
    assert "locations" not in extraction.alternatives  # the same value: nothing to offer
