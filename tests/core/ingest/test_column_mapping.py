"""Column mapping on import: a data file's columns give the page and the fields.

CSV, JSON, JSONL and Parquet files built from the dev corpora's gold (their gold title,
company and locations as columns, the page as the description column): each mapped
value is the posting's suggestion of the ``dataset`` stage, with its evidence where the
cleaned text has it; the remaining columns stay metadata; ``mapping=`` overrides the
names; a value that cannot be read as schema v1 is left out and reported; the mapping
used is remembered by the project.
"""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from reviewer.core.ingest import (
    SYNONYMS,
    Item,
    content_hash,
    find_mapping,
    import_paths,
    iter_inputs,
    preview_columns,
    reextract,
)
from reviewer.core.ingest.dataset import find_spans
from reviewer.core.ingest.values import given_values, normalise
from reviewer.core.store import Store

ROOT = Path(__file__).resolve().parents[3]
CORPUS = ROOT.parent / "shared" / "corpus" / "dev"
needs_corpus = pytest.mark.skipif(not CORPUS.exists(),
                                  reason=f"the dev corpora are not beside the project ({CORPUS})")
HEADER = ["Job ID", "Job Title", "Company Name", "Location", "Job Description"]
COLUMNS = {"title": "Job Title", "company": "Company Name", "locations": "Location"}


def gold_rows() -> list[dict[str, str]]:
    """One row a gold posting of the LinkedIn and Glassdoor dev corpora."""
    rows = []
    for name in ("linkedin.jsonl", "glassdoor.jsonl"):
        for line in (CORPUS / name).read_text(encoding="utf-8").splitlines():
            obj = json.loads(line)
            gold = obj["fields"]
            rows.append({"Job ID": obj["id"], "Job Title": gold.get("title") or "",
                         "Company Name": gold.get("company") or "",
                         "Location": "; ".join(gold.get("locations") or []),
                         "Job Description": obj["raw"]})
    return rows


def write_csv(path: Path, rows: list[dict[str, Any]], header: list[str] | None = None) -> Path:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=header or list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def occurs(value: str, text: str) -> bool:
    """Does ``value`` stand in ``text`` as whole words (any case, any spaces between)?"""
    words = r"\s+".join(map(re.escape, value.split()))
    before = r"(?<!\w)" if re.match(r"\w", value) else ""
    after = r"(?!\w)" if re.search(r"\w$", value) else ""
    return re.search(before + words + after, text, re.I) is not None


def same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def check_filled(store: Store, rows: dict[str, dict[str, str]], extra: dict[str, str]) -> int:
    """Every stored posting has the title, company and locations of its row, from the
    dataset, with spans exactly where its cleaned text has the value; returns how many
    values had spans."""
    with_spans = 0
    postings = list(store.records.postings())
    assert postings
    for posting in postings:
        row = rows[posting["source"].rsplit("#", 1)[1]]
        text = posting["cleaned"]
        for field, column in COLUMNS.items():
            machine = posting["machine"].get(field)
            if field == "locations" and row[column] == "Remote":  # a way of working, not
                remote = posting["machine"]["remote"]  # a place: the remote field's value
                assert (remote["value"], remote["stage"]) == ("remote", "dataset")
                assert machine is None or machine["stage"] != "dataset"
                continue
            if not row[column]:
                assert machine is None or machine["stage"] != "dataset"
                continue
            values = [" ".join(v.split()) for v in  # stored with its spaces tidied
                      (row[column].split("; ") if field == "locations" else [row[column]])]
            assert machine is not None, (posting["source"], field)
            assert machine["value"] == (values if field == "locations" else values[0])
            assert machine["stage"] == "dataset" and machine["confidence"] == 0.9
            spans = machine["spans"]
            for start, end in spans:
                assert any(same(text[start:end], v) for v in values), (field, text[start:end])
            assert bool(spans) == any(occurs(v, text) for v in values), (field, values)
            with_spans += bool(spans)
        assert posting["title"] == (" ".join(row["Job Title"].split()) or posting["title"])
        assert posting["metadata"] == {k: row[k] for k in extra}
    return with_spans


# -- the gold corpora as data files -----------------------------------------------------------


@needs_corpus
def test_a_csv_fills_title_company_and_location_from_its_columns(tmp_path: Path) -> None:
    rows = gold_rows()
    path = write_csv(tmp_path / "jobs.csv", rows, HEADER)
    with Store(tmp_path / "p.db") as store:
        report = import_paths(store, [path], column="Job Description")
        assert report.skipped == [] and report.added + report.duplicates == len(rows)
        assert report.left_out == {}
        by_number = {str(n): row for n, row in enumerate(rows, 1)}
        assert check_filled(store, by_number, {"Job ID": ""}) > 100
        assert store.queue.count() == report.added


@needs_corpus
def test_a_parquet_file_is_imported_the_same_way(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    rows = gold_rows()
    path = tmp_path / "jobs.parquet"
    pq.write_table(pa.Table.from_pylist(rows), path)
    with Store(tmp_path / "p.db") as store:
        report = import_paths(store, [path])  # the page column found by its name
        assert report.skipped == [] and report.added + report.duplicates == len(rows)
        by_number = {str(n): row for n, row in enumerate(rows, 1)}
        assert check_filled(store, by_number, {"Job ID": ""}) > 100


@needs_corpus
def test_jsonl_with_the_page_under_description_is_imported(tmp_path: Path) -> None:
    rows = gold_rows()
    path = tmp_path / "jobs.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps({"id": row["Job ID"], "title": row["Job Title"] or None,
                                  "company_name": row["Company Name"] or None,
                                  "location": row["Location"] or None,
                                  "description": row["Job Description"]}) + "\n")
    with Store(tmp_path / "p.db") as store:
        report = import_paths(store, [path])
        assert report.skipped == [] and report.added + report.duplicates == len(rows)
        by_number = {str(n): {**row, "id": row["Job ID"]} for n, row in enumerate(rows, 1)}
        assert check_filled(store, by_number, {"id": ""}) > 100
    first = next(r for r in iter_inputs([path]) if isinstance(r, Item))
    assert first.kind is None and first.given["title"] == rows[0]["Job Title"]


# -- overrides, reports, the remembered mapping ------------------------------------------------

PAGE = ("Data Scientist, Growth\n\nAcme Analytics is hiring in Berlin, Germany.\n\n"
        "This is a Full-time role, remote friendly. Work with Python and SQL on our "
        "pricing models, and share what you find with the team.\n")


def small_rows(n: int, **columns: list[Any]) -> list[dict[str, Any]]:
    rows = []
    for i in range(n):
        row = {"Job Title": "Data Scientist", "Headline": "Data Scientist, Growth",
               "Company Name": "Acme Analytics", "Job Description": PAGE + f"Ref {i}.\n"}
        row.update({name: values[i] for name, values in columns.items()})
        rows.append(row)
    return rows


def test_a_given_mapping_overrides_the_names(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "jobs.csv", small_rows(2))
    with Store(tmp_path / "p.db") as store:
        report = import_paths(store, [path], mapping={"title": "Headline", "company": None})
        assert report.added == 2
        posting = store.records.get(1)
        assert posting["machine"]["title"]["value"] == "Data Scientist, Growth"
        assert posting["machine"]["title"]["stage"] == "dataset"
        start = posting["cleaned"].index("Data Scientist, Growth")
        assert posting["machine"]["title"]["spans"] == [[start, start + 22]]
        assert posting["machine"].get("company", {}).get("stage") != "dataset"
        assert posting["metadata"] == {"Job Title": "Data Scientist",
                                       "Company Name": "Acme Analytics"}
        [(source, used)] = report.mappings
        assert source == str(path) and used.fields["title"] == "Headline"
        assert used.found_by["title"] == "given" and "company" not in used.fields
    with pytest.raises(ValueError, match="no field 'salary_amount'"):
        find_mapping(["a"], {"salary_amount": "a"})


def test_a_given_column_a_file_lacks_is_not_remembered(
        tmp_path: Path) -> None:
    """``--map 'title=Job Titel'`` (a typo): the note was printed, and the project
    remembered the mapping (title from no column) for every later file of those
    columns."""
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    for path, job in ((first, "Welder"), (second, "Plumber")):
        path.write_text(f"Job Title,description\n{job},\"Certified {job.lower()} wanted in "
                        "Austin, TX. Full-time.\"\n", encoding="utf-8")
    with Store(tmp_path / "p.db") as store:
        report = import_paths(store, [first], mapping={"title": "Job Titel"})
        [(_source, used)] = report.mappings
        assert used.missing == (("title", "Job Titel"),)
        assert store.column_maps.all() == {}  # nothing remembered of a mistaken run
        import_paths(store, [second])
        assert store.records.get(1)["machine"]["title"]["value"] == "Plumber"


def test_a_table_that_lacks_a_column_given_for_a_field_is_not_imported(
        tmp_path: Path) -> None:
    """A CSV imported with a typo in a field's column (``--map 'title=Job Titel'``) was
    imported without the column's values, a note aside; imported again with the column
    right, each row came in a second time (the values given are part of a posting's
    identity), so the project held every posting twice. A table (CSV, Parquet) lacking
    a column given is left aside, saying so, and so are objects (JSON) none of which
    has the key given (their keys may differ from row to row: one is enough)."""
    table = tmp_path / "jobs.csv"
    table.write_text("Job Title,description\nWelder,\"Certified welder wanted in Austin, "
                     "TX.\"\n", encoding="utf-8")
    objects = tmp_path / "jobs.jsonl"
    objects.write_text(json.dumps({"Job Title": "Welder", "description": "Certified welder "
                                   "wanted in Austin, TX."}) + "\n", encoding="utf-8")
    with Store(tmp_path / "p.db") as store:
        report = import_paths(store, [table], mapping={"title": "Job Titel"})
        assert report.added == 0
        [skipped] = report.skipped
        assert skipped.reason == ("no column 'Job Titel' for title in the CSV (columns: "
                                  "Job Title, description)")
        assert import_paths(store, [table], mapping={"title": "Job Title"}).added == 1
        report = import_paths(store, [objects], mapping={"title": "Job Titel"})
        assert report.added == 0
        assert [s.reason for s in report.skipped] == [
            "no key 'Job Titel' for title in any object of the JSONL file (keys: Job Title, "
            "description)"]
        report = import_paths(store, [objects], mapping={"title": "Job Title"})
        assert (report.added, report.duplicates) == (0, 1)  # the CSV's row: one posting
        assert store.queue.count() == 1


def test_values_that_cannot_be_read_are_left_out_and_reported(tmp_path: Path) -> None:
    rows = small_rows(4, **{
        "Job Type": ["FULL_TIME", "VOLUNTEER", "Part-time", ""],
        "Remote": ["true", "Remote", "sometimes", "false"],
        "Date Posted": ["1713398400000", "2024-04-05T10:00:00Z", "3 days ago", "05/04/2024"],
    })
    path = write_csv(tmp_path / "jobs.csv", rows)
    with Store(tmp_path / "p.db") as store:
        report = import_paths(store, [path])
        assert report.left_out == {"employment_type": 1, "remote": 1, "date_posted": 2}
        examples = {(x.field, x.value) for x in report.left_out_examples}
        assert examples == {("employment_type", "VOLUNTEER"), ("remote", "sometimes"),
                            ("date_posted", "3 days ago"), ("date_posted", "05/04/2024")}
        assert all(x.source.startswith(f"{path}#") and x.reason for x in
                   report.left_out_examples)
        machine = [store.records.get(pid)["machine"] for pid in range(1, 5)]
        assert [m["employment_type"]["value"] for m in machine[::2]] == ["full_time", "part_time"]
        assert machine[0]["employment_type"]["stage"] == "dataset"
        start = store.records.get(1)["cleaned"].index("Full-time")
        assert machine[0]["employment_type"]["spans"] == [[start, start + 9]]
        assert machine[1].get("employment_type", {}).get("stage") != "dataset"
        assert [m["remote"]["value"] for m in machine[:2]] == ["remote", "remote"]
        assert all(m.get("remote", {}).get("stage") != "dataset" for m in machine[2:])
        assert [m["date_posted"]["value"] for m in machine[:2]] == ["2024-04-18", "2024-04-05"]
        assert machine[0]["date_posted"]["spans"] == []  # the text does not say it
        # a cell left out stays in the posting's source data; one taken does not
        assert store.records.get(2)["metadata"]["Job Type"] == "VOLUNTEER"
        assert "Job Type" not in store.records.get(1)["metadata"]


def test_the_mapping_used_is_remembered_by_the_project(tmp_path: Path) -> None:
    first = write_csv(tmp_path / "first.csv", small_rows(2))
    second = write_csv(tmp_path / "second.csv", small_rows(3)[2:])
    other = write_csv(tmp_path / "other.csv", [{"Job Title": "Analyst", "Text": PAGE + "x"}])
    columns = ["Job Title", "Headline", "Company Name", "Job Description"]
    with Store(tmp_path / "p.db") as store:
        import_paths(store, [first], mapping={"title": "Headline"})
        remembered = store.column_maps.get(columns)
        assert remembered is not None and remembered["fields"]["title"] == "Headline"
    with Store(tmp_path / "p.db") as store:  # reopened: it is in the file
        report = import_paths(store, [second, other])
        assert store.records.get(3)["machine"]["title"]["value"] == "Data Scientist, Growth"
        assert report.mappings[0][1].found_by["title"] == "remembered"
        assert store.records.get(4)["machine"]["title"]["value"] == "Analyst"
        preview = preview_columns(second, store=store)
        assert preview.mapping is not None and preview.mapping.fields["title"] == "Headline"
        third = write_csv(tmp_path / "third.csv", small_rows(4)[3:])
        import_paths(store, [third], mapping={"title": "Job Title"})  # overridden again
        assert store.records.get(5)["machine"]["title"]["value"] == "Data Scientist"
        assert store.column_maps.get(columns)["fields"]["title"] == "Job Title"  # type: ignore[index]


def test_a_remembered_page_key_still_gives_way_to_the_next_when_null(tmp_path: Path) -> None:
    path = tmp_path / "pages.jsonl"
    lines = [{"html": None, "text": PAGE + "a", "title": "Analyst"},
             {"html": None, "text": PAGE + "b", "title": "Analyst"}]
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    with Store(tmp_path / "p.db") as store:
        for _ in range(2):  # the second time with the mapping the project remembered
            report = import_paths(store, [path])
            assert report.skipped == [] and report.added + report.duplicates == 2
        assert store.column_maps.get(["html", "text", "title"]) == {
            "page": "html", "fields": {"title": "title"}}


def test_a_version_4_project_gains_the_table_of_mappings(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    shutil.copy(ROOT / "tests" / "data" / "projects" / "v4.db", path)
    with Store(path) as store:
        assert store.schema_version() >= 5 and store.column_maps.all() == {}
        import_paths(store, [write_csv(tmp_path / "jobs.csv", small_rows(1))])
        assert store.column_maps.all() == {
            ("Company Name", "Headline", "Job Description", "Job Title"): {
                "page": "Job Description",
                "fields": {"title": "Job Title", "company": "Company Name"}}}
    assert (tmp_path / "old.db.v4.bak").exists()


def test_reextract_keeps_the_dataset_values(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "jobs.csv", small_rows(3, **{"Job Type": ["FULL_TIME"] * 3}))
    with Store(tmp_path / "p.db") as store:
        import_paths(store, [path])
        before = [store.records.get(pid)["machine"] for pid in (1, 2, 3)]
        report = reextract(store)
        assert report.unchanged == 3 and report.updated == 0
        assert [store.records.get(pid)["machine"] for pid in (1, 2, 3)] == before
        assert before[0]["employment_type"]["stage"] == "dataset"


# -- the preview a window shows before an import -----------------------------------------------


def test_preview_gives_columns_first_rows_and_the_mapping(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "jobs.csv", small_rows(5, **{"Job Type": ["FULL_TIME"] * 5}))
    preview = preview_columns(path, rows=3)
    assert preview.error is None and preview.format == "csv"
    assert preview.columns == ["Job Title", "Headline", "Company Name", "Job Description",
                               "Job Type"]
    assert len(preview.rows) == 3 and preview.rows[0]["Job Type"] == "FULL_TIME"
    assert preview.mapping is not None and preview.mapping.page == "Job Description"
    assert preview.mapping.fields == {"title": "Job Title", "company": "Company Name",
                                      "employment_type": "Job Type"}
    assert preview.mapping.found_by["title"] == "name"
    assert preview.values[0] == {"title": "Data Scientist", "company": "Acme Analytics",
                                 "employment_type": "full_time"}
    changed = preview_columns(path, rows=2, mapping={"title": "Headline"})
    assert changed.values[1]["title"] == "Data Scientist, Growth"
    assert preview_columns(tmp_path / "missing.csv").error is not None
    page = tmp_path / "page.html"
    page.write_text("<p>x</p>")
    assert "not a data file" in (preview_columns(page).error or "")


def test_parquet_without_pyarrow_names_the_extra(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "jobs.parquet"
    path.write_bytes(b"PAR1 not really")
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    [result] = list(iter_inputs([path]))
    assert not isinstance(result, Item)
    assert "pip install 'posting-reviewer[parquet]'" in result.reason


# -- names and values --------------------------------------------------------------------------


def test_columns_are_found_by_name_whatever_their_case_spaces_and_underscores() -> None:
    mapping = find_mapping(["job title", "COMPANY_NAME", "Job-Location", "jobDescription",
                            "Salary Min", "MAX_SALARY", "currency", "pay_period", "listed_time",
                            "work_type", "remote_allowed", "Notes"])
    assert mapping.page == "jobDescription"
    assert mapping.fields == {
        "title": "job title", "company": "COMPANY_NAME", "locations": "Job-Location",
        "salary_min": "Salary Min", "salary_max": "MAX_SALARY", "salary_currency": "currency",
        "salary_period": "pay_period", "date_posted": "listed_time",
        "employment_type": "work_type", "remote": "remote_allowed"}
    assert find_mapping(["hiringOrganization", "html"]).fields == {"company": "hiringOrganization"}


def test_the_readme_lists_every_column_name() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    readme = text.split("### Data files: columns as fields")[1].split("\n### ")[0].splitlines()
    for target, names in SYNONYMS.items():
        start = "| the page |" if target == "page" else f"| `{target}` |"
        [row] = [line for line in readme if line.startswith(start)]
        assert row.split(" | ")[1] == ", ".join(f"`{name}`" for name in names)


@pytest.mark.parametrize(("target", "cell", "value"), [
    ("date_posted", 1713398400000, "2024-04-18"),  # epoch milliseconds
    ("date_posted", "1713398400000", "2024-04-18"),
    ("date_posted", 1713398400, "2024-04-18"),  # epoch seconds
    ("date_posted", "2024-04-05T23:30:00-05:00", "2024-04-05"),
    ("date_posted", "2024-04-05 10:00:00", "2024-04-05"),
    ("date_posted", datetime(2024, 4, 5, 12, tzinfo=UTC), "2024-04-05"),
    ("valid_through", "April 5, 2024", "2024-04-05"),
    ("valid_through", "13/04/2024", "2024-04-13"),
    ("employment_type", "FULL_TIME", "full_time"),
    ("employment_type", "Full-time", "full_time"),
    ("employment_type", "CONTRACTOR", "contract"),
    ("employment_type", "fulltime", "full_time"),
    ("remote", "Remote", "remote"),
    ("remote", True, "remote"),
    ("remote", "1.0", "remote"),
    ("remote", "TELECOMMUTE", "remote"),
    ("remote", "Hybrid", "hybrid"),
    ("remote", "On-site", "onsite"),
    ("remote", False, None),  # says only that the work is not all remote
    ("remote", "", None),
    ("seniority", "Entry level", "junior"),
    ("seniority", "Director", "director"),
    ("education", "Bachelor's degree", "bachelor"),
    ("title", "Data Scientist.", "Data Scientist"),
    ("title", "  Data   Scientist ,", "Data Scientist"),
    ("title", "Engineer (Remote)", "Engineer (Remote)"),
    ("company", "Acme, Inc.", "Acme, Inc."),
    ("company", "Acme Corp.;", "Acme Corp."),
    ("company", {"@type": "Organization", "name": "Acme"}, "Acme"),
    ("requisition_id", 12345, "12345"),
    ("requisition_id", "-12", "-12"),  # an identifier as written (the minus was lost)
    ("requisition_id", "  R-7 / 2024.  ", "R-7 / 2024."),
    ("locations", "Irvine, CA.", ["Irvine, CA"]),
    ("locations", "Berlin; London", ["Berlin", "London"]),
    ("locations", "['Berlin', 'London']", ["Berlin", "London"]),
    ("locations", ["Berlin,", "Berlin"], ["Berlin"]),
    ("skills", "Python, SQL; Go", ["Python", "SQL", "Go"]),
    ("experience_years", "5+ years", 5),
    ("work_hours", 37.5, 37.5),
    ("salary_min", "$120,000.00", 120000),
    ("salary_period", "HOURLY", "hour"),
    ("salary_period", "per annum", "year"),
    ("salary_currency", "usd", "USD"),
    ("title", "nan", None),
    # thousands written with separators, Indian grouping too (lakhs: 6,00,000)
    ("salary_min", "12,00,000", 1200000),
    ("salary", "₹6,00,000 - ₹8,00,000 P.A.",
     {"min": 600000, "max": 800000, "currency": "INR", "period": "year"}),
    ("experience_years", "2,5", 2.5),
    ("experience_years", "1.5 years", 1.5),
    ("skills", "[Python, SQL]", ["Python", "SQL"]),
    ("valid_through", "2024-04-05 10:00", "2024-04-05"),
    ("valid_through", "2024-04-05T10:00:00+02:00", "2024-04-05"),
    ("work_hours", "4e1", 40), ("work_hours", "+40", 40), ("salary_min", "1.2e5", 120000),
    ("experience_years", "3-5", 3), ("salary_min", "50.000", 50000),
    ("salary", "1.5E5", {"min": 150000, "max": 150000, "currency": None, "period": None}),
])
def test_values_in_machine_form_become_schema_values(target: str, cell: Any, value: Any) -> None:
    assert normalise(target, cell) == value


@pytest.mark.parametrize(("target", "cell"), [
    ("date_posted", "3 days ago"), ("date_posted", "05/04/2024"), ("date_posted", 12),
    ("employment_type", "VOLUNTEER"), ("employment_type", "Full-time, Part-time"),
    ("remote", "sometimes"), ("seniority", "Mid-Senior level"), ("salary_period", "BIWEEKLY"),
    ("salary_min", "competitive"), ("salary_min", -5), ("work_hours", "forty"),
    ("title", "x" * 400), ("salary_currency", "dollars and cents"),
    ("work_hours", "1,500"), ("experience_years", "1,000"),  # thousands: out of range
    ("salary_currency", "TBD"), ("salary_currency", "per"),  # three letters, no code
    ("valid_through", "2024-04-05 to 2024-05-01"),  # two dates: which is meant?
    # a sign or an exponent is part of the figure: never read as another number
    ("work_hours", "-40"), ("experience_years", "-3"), ("experience_years", "−3"),
    ("salary_min", "-50000"), ("salary_min", "-$50,000"), ("salary_max", "−60000"),
    ("work_hours", "4e3"), ("salary", "-50000"), ("remote", "-1"), ("remote", "2"),
    ("remote", "1e0"),
])
def test_values_that_cannot_be_read_raise_with_a_reason(target: str, cell: Any) -> None:
    with pytest.raises(ValueError, match=r"\w"):
        normalise(target, cell)


@pytest.mark.parametrize(("text", "name", "value", "span"), [
    ("Skills: Python and SQL", "skills", ["python", "sql", "Go"], [(8, 14), (19, 22)]),
    ("We hire a Data\nScientist.", "title", "Data Scientist", [(10, 24)]),
    ("Pythonic code", "skills", ["Python"], []),  # whole words only
    ("A full-time role", "employment_type", "full_time", [(2, 11)]),
    ("Posted 2024-04-05.", "date_posted", "2024-04-05", [(7, 17)]),
    ("İstanbul office, Acme", "company", "acme", [(17, 21)]),  # lower case longer than text
    ("Pay: $120,000", "salary", {"min": 120000}, []),
])
def test_evidence_is_where_the_text_states_the_value(text: str, name: str, value: Any,
                                                     span: list[tuple[int, int]]) -> None:
    assert find_spans(text, name, value) == span


def test_salary_columns_make_one_salary() -> None:
    given, problems = given_values({"salary_min": "$120,000", "salary_max": 150000.0,
                                    "salary_period": "YEARLY"})
    assert given == {"salary": {"min": 120000, "max": 150000, "currency": "USD",
                                "period": "year"}}
    assert problems == []
    given, problems = given_values({"salary": "$53K-$91K (employer est.)"})
    assert given["salary"] == {"min": 53000, "max": 91000, "currency": "USD", "period": "year"}
    given, problems = given_values({"salary": "Up to $85,000 a year"})  # a ceiling only
    assert given["salary"] == {"min": None, "max": 85000, "currency": "USD", "period": "year"}
    given, problems = given_values({"salary_min": 90, "salary_max": 50, "title": "Analyst"})
    assert given == {"title": "Analyst"} and [p[0] for p in problems] == ["salary"]
    assert given_values({"salary_currency": "EUR"}) == ({}, [])  # a currency alone: no pay
    # a part that cannot be read: the rest alone would be other pay ("up to 60,000")
    given, problems = given_values({"salary_min": "-50000", "salary_max": "60000"})
    assert given == {} and [p[0] for p in problems] == ["salary_min", "salary"]


def test_a_jsonl_preview_maps_by_name_the_columns_of_every_row_read(tmp_path: Path) -> None:
    """Keys the first row lacks (optional in JSON) are found by name as the import finds
    them (the window took the first row's mapping and passed the rest as unmapped)."""
    from reviewer.core.ingest import preview_columns

    rows = [{"text": f"Posting number {n} with some words of a description"} for n in range(7)]
    rows.append({"text": "Night shifts at the clinic, caring for patients",
                 "title": "Night Nurse", "company": "Clinic X"})
    path = tmp_path / "later.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    preview = preview_columns(path, rows=8)
    assert preview.mapping is not None
    assert preview.mapping.fields.get("title") == "title"
    assert preview.mapping.fields.get("company") == "company"


def test_columns_of_the_same_name_keep_every_cell(tmp_path: Path) -> None:
    """Two columns named alike (or a blank one named like a real 'column 1'): the second
    was read over the first, whose cells were in neither the fields nor the source data."""
    from reviewer.core.ingest import Item, iter_inputs

    path = tmp_path / "dup.csv"
    path.write_text("title,text,title,notes,notes,,column 6\n"
                    "First Title,A posting about data work in Leeds,Second Title,n1,n2,A,B\n",
                    encoding="utf-8")
    [item] = [r for r in iter_inputs([path]) if isinstance(r, Item)]
    kept = json.dumps([item.given, item.metadata], ensure_ascii=False)
    for cell in ("First Title", "Second Title", "n1", "n2", "\"A\"", "\"B\""):
        assert cell in kept, cell
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    table = pa.Table.from_arrays([pa.array(["A posting about data work in Leeds"]),
                                  pa.array(["T1a"]), pa.array(["T1b"])],
                                 names=["text", "title", "title"])
    pq.write_table(table, tmp_path / "dup.parquet")
    [item] = [r for r in iter_inputs([tmp_path / "dup.parquet"]) if isinstance(r, Item)]
    kept = json.dumps([item.given, item.metadata], ensure_ascii=False)
    assert "T1a" in kept and "T1b" in kept


def test_a_quote_left_open_in_a_csv_is_said_not_read_as_the_rest_of_the_file(
        tmp_path: Path) -> None:
    """A quote opened and never closed made the rest of the file one cell: two rows
    became one posting, without a word."""
    from reviewer.core.ingest import Item, Skipped, iter_inputs

    path = tmp_path / "open.csv"
    path.write_text('text,title\nA first posting about data work in Leeds,Analyst\n'
                    '"A posting about data work in York,Engineer\n'
                    'Second posting here about nursing,Nurse\n', encoding="utf-8")
    results = list(iter_inputs([path]))
    assert [type(r).__name__ for r in results] == ["Item", "Skipped"]
    assert isinstance(results[0], Item) and results[0].given == {"title": "Analyst"}
    assert isinstance(results[1], Skipped) and results[1].source.endswith("#2")
    assert "quote" in results[1].reason and "never closed" in results[1].reason


def test_the_preview_of_a_fifo_named_like_a_data_file_is_refused_at_once(
        tmp_path: Path) -> None:
    """It waited for ever for something to write into the pipe."""
    fifo = tmp_path / "jobs.csv"
    os.mkfifo(fifo)
    proc = subprocess.run([sys.executable, "-m", "reviewer.cli", "columns", str(fifo)],
                          capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert proc.returncode != 0 and "not a regular file" in proc.stdout + proc.stderr


def test_a_count_of_rows_too_large_to_count_is_read_as_all_of_them(tmp_path: Path) -> None:
    data = tmp_path / "ok.csv"
    data.write_text('title,description\nX,"Data Engineer at Acme."\n', encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "reviewer.cli", "columns", str(data),
                           "--rows", "99999999999999999999"], capture_output=True, text=True,
                          timeout=60, cwd=ROOT)
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr


@pytest.mark.parametrize(("cells", "salary"), [
    ({"salary_min": "45\u00a0000", "salary_max": "55\u202f000", "salary_currency": "EUR"},
     {"min": 45000, "max": 55000, "currency": "EUR", "period": None}),
    ({"salary": "45\u00a0000"}, {"min": 45000, "max": 45000, "currency": None, "period": None}),
])
def test_a_no_break_space_between_thousands_is_a_space(cells: dict[str, Any],
                                                       salary: dict[str, Any]) -> None:
    """French and Excel-FR files write 45 000 with a no-break space: it was read as 45."""
    given, problems = given_values(cells)
    assert (given.get("salary"), problems) == (salary, [])


def test_a_minus_before_pay_in_a_salary_column_is_refused_not_dropped() -> None:
    given, problems = given_values({"salary": "-$50,000"})
    assert "salary" not in given and problems and problems[0][0] == "salary"


@pytest.mark.parametrize("target", ["work_hours", "title", "requisition_id", "skills",
                                    "experience_years", "salary_min"])
def test_an_integer_past_any_float_costs_its_cell_alone(target: str) -> None:
    """10**309 in a JSON cell raised OverflowError, which lost the rest of the file."""
    given, problems = given_values({target: 10**309, "company": "Acme"})
    assert given.get("company") == "Acme"
    assert [p[0] for p in problems] == [target, *(["salary"] if target == "salary_min" else [])]


@pytest.mark.parametrize(("target", "cell"), [
    ("work_hours", "8 hours/day"), ("work_hours", "80 per month"), ("work_hours", "2000 a year"),
    ("experience_years", "6 months"), ("experience_years", "18 months"),
    ("experience_years", "less than 2 years"), ("experience_years", "up to 3 years"),
])
def test_a_number_in_another_unit_or_a_ceiling_is_refused_not_taken_as_the_field_s(
        target: str, cell: str) -> None:
    """'8 hours/day' was stored as 8 hours a week, '6 months' as 6 years, 'less than 2
    years' as a minimum of 2."""
    given, problems = given_values({target: cell})
    assert target not in given and [p[0] for p in problems] == [target]


@pytest.mark.parametrize(("target", "cell", "value"), [
    ("work_hours", "40 hours/week", 40), ("work_hours", "37.5 hours per week", 37.5),
    ("work_hours", "40", 40), ("experience_years", "3+ years", 3),
    ("experience_years", "at least 5 years", 5), ("experience_years", "2-4 years", 2),
])
def test_a_number_in_the_field_s_unit_is_read(target: str, cell: str, value: float) -> None:
    given, problems = given_values({target: cell})
    assert (given.get(target), problems) == (value, [])


def test_a_parquet_decimal_keeps_every_digit(tmp_path: Path) -> None:
    """A decimal(20, 0) requisition id 12345678901234567891 was read through a float:
    stored as 12345678901234567168."""
    pa = pytest.importorskip("pyarrow")
    import decimal

    import pyarrow.parquet as pq

    path = tmp_path / "typed.parquet"
    pq.write_table(pa.table({
        "html": ["<h1>Data Engineer</h1><p>Acme is hiring in Berlin, Germany.</p>"],
        "requisition_id": pa.array([decimal.Decimal("12345678901234567891")],
                                   pa.decimal128(20, 0)),
        "salary_min": pa.array([decimal.Decimal("45000.50")], pa.decimal128(9, 2))}), path)
    with Store(tmp_path / "p.db") as store:
        import_paths(store, [path])
        machine = store.records.get(store.queue.ids()[0])["machine"]
    assert machine["requisition_id"]["value"] == "12345678901234567891"
    assert machine["salary"]["value"]["min"] == 45000.5


@pytest.mark.parametrize("cell", [{"minimum": 50000, "maximum": 70000, "currency": "USD"},
                                  {"amount": 30000, "currency": "EUR"}])
def test_a_salary_object_of_keys_it_does_not_know_is_reported(cell: dict[str, Any]) -> None:
    """It gave no value and no report: the cell was gone without a word."""
    given, problems = given_values({"salary": cell})
    assert "salary" not in given and [p[0] for p in problems] == ["salary"]
    assert "minimum" in problems[0][2] or "amount" in problems[0][2]


@pytest.mark.parametrize("cells", [
    {"salary_min": "$50,000", "salary_max": "€70,000"},
    {"salary_min": "€50,000", "salary_max": "€60,000", "salary_currency": "USD"},
])
def test_pay_whose_columns_name_two_currencies_is_left_out_and_said(
        cells: dict[str, Any]) -> None:
    """One of the currencies was taken in silence (USD)."""
    given, problems = given_values(cells)
    assert "salary" not in given
    assert [p[0] for p in problems] == ["salary"] and "currenc" in problems[0][2]


def test_pay_whose_columns_name_one_currency_twice_is_taken() -> None:
    given, problems = given_values({"salary_min": "€50,000", "salary_max": "€60,000",
                                    "salary_currency": "eur"})
    assert (given["salary"]["currency"], problems) == ("EUR", [])


def test_rows_of_one_description_and_other_columns_are_postings_of_their_own(
        tmp_path: Path) -> None:
    """One description posted in three cities, a row each: the rows after the first
    were "already in the project" and their cities were stored nowhere."""
    text = ("We are hiring a nurse for our ward: day shifts, a friendly team and a pension. "
            "Apply with your CV.")
    path = tmp_path / "jobs.csv"
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["title", "location", "description"])
        for city in ("Leeds", "York", "Hull"):
            writer.writerow(["Nurse", city, text])
        writer.writerow(["Nurse", "Hull", text])  # the same row twice: one posting
    with Store(tmp_path / "p.db") as store:
        report = import_paths(store, [path])
        assert (report.added, report.duplicates) == (3, 1)
        places = sorted(store.records.get(pid)["fields"]["locations"][0]
                        for pid in store.queue.ids())
        assert places == ["Hull", "Leeds", "York"]
        again = import_paths(store, [path])
        assert (again.added, again.duplicates) == (0, 4)


def test_rows_of_one_description_are_told_apart_in_any_run_and_order(
        tmp_path: Path) -> None:
    """Which row kept the page's hash depended on which a run met first: Berlin, in a
    run after London's, was "already in the project"; the file reordered gave London
    twice. A project that holds a row under the page's hash alone (imported before rows
    were told apart) finds it again."""
    text = ("We are hiring a nurse for our ward: day shifts, a friendly team and a pension. "
            "Apply with your CV.")

    def rows(name: str, cities: list[str]) -> Path:
        path = tmp_path / name
        with path.open("w", newline="", encoding="utf-8") as out:
            writer = csv.writer(out)
            writer.writerow(["title", "location", "description"])
            writer.writerows(["Nurse", city, text] for city in cities)
        return path

    with Store(tmp_path / "p.db") as store:
        assert import_paths(store, [rows("a.csv", ["London"])]).added == 1
        assert import_paths(store, [rows("b.csv", ["Berlin"])]).added == 1
        again = import_paths(store, [rows("c.csv", ["Berlin", "Paris", "London"])])
        assert (again.added, again.duplicates) == (1, 2)
        assert store.queue.count() == 3
        pid = store.queue.ids()[0]  # as a project before: the page's hash alone
        store.db.execute("UPDATE postings SET hash = ? WHERE id = ?",
                         (content_hash(text), pid))
        assert import_paths(store, [rows("d.csv", ["London", "Paris"])]).added == 0
