"""``reviewer import --map`` and ``reviewer columns``: a data file's columns as fields, from
the command line."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from reviewer.cli import main
from reviewer.core.store import Store

PAGE = ("Data Scientist, Growth\n\nAcme Analytics is hiring in Berlin, Germany.\n\n"
        "This is a Full-time role. Work with Python and SQL on our pricing models, and "
        "share what you find with the team.\n")
HEADER = ["Job Title", "Headline", "Company Name", "Location", "Job Type", "Job Description"]


def write_csv(path: Path, types: list[str]) -> Path:
    """A row a job type, each page its own (the file's name in it)."""
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(HEADER)
        for i, kind in enumerate(types):
            writer.writerow(["Data Scientist", "Data Scientist, Growth", "Acme Analytics",
                             "Berlin, Germany", kind, PAGE + f"Ref {path.stem}-{i}.\n"])
    return path


def test_import_maps_the_columns_and_says_how(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                              ) -> None:
    data = write_csv(tmp_path / "jobs.csv", ["FULL_TIME", "VOLUNTEER"])
    db = tmp_path / "p.db"
    assert main(["import", str(db), str(data), "--column", "Job Description"]) == 0
    out, err = capsys.readouterr()
    assert (f"{data}: page: Job Description · title: Job Title · company: Company Name · "
            "locations: Location · employment_type: Job Type") in err
    assert out.startswith("2 postings added")  # stdout: the one line that sums it up
    assert f"left out 1 employment_type value that could not be read: 'VOLUNTEER' ({data}#2" \
        in err
    with Store(db) as store:
        first = store.records.get(1)
        assert first["fields"]["title"] == "Data Scientist"
        assert first["fields"]["locations"] == ["Berlin, Germany"]
        assert first["machine"]["company"]["stage"] == "dataset"
        assert first["metadata"] == {"Headline": "Data Scientist, Growth"}


def test_map_overrides_unmaps_and_is_remembered(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "p.db"
    first = write_csv(tmp_path / "a.csv", ["FULL_TIME"])
    assert main(["import", str(db), str(first), "--map", "title=Headline",
                 "--map", "company="]) == 0
    assert "title: Headline ·" in capsys.readouterr().err
    second = write_csv(tmp_path / "b.csv", ["PART_TIME"])
    assert main(["import", str(db), str(second)]) == 0
    assert "title: Headline (remembered)" in capsys.readouterr().err
    with Store(db) as store:
        for pid in (1, 2):
            posting = store.records.get(pid)
            assert posting["fields"]["title"] == "Data Scientist, Growth"
            assert posting["machine"].get("company", {}).get("stage") != "dataset"
            assert posting["metadata"]["Company Name"] == "Acme Analytics"


@pytest.mark.parametrize(("option", "message"), [
    ("salary_amount=Pay", "--map: no field 'salary_amount'"),
    ("title", "--map title: write FIELD=COLUMN"),
])
def test_a_wrong_map_is_refused_before_anything(tmp_path: Path, option: str, message: str,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    data = write_csv(tmp_path / "jobs.csv", ["FULL_TIME"])
    assert main(["import", str(tmp_path / "p.db"), str(data), "--map", option]) == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "p.db").exists()


@pytest.mark.parametrize(("options", "message"), [
    (["--map", "title=Job Title", "--map", "title=Company Name"],
     "--map title=Company Name: title is given a column already"),
    (["--column", "Job Description", "--map", "page=Job Title"],
     "--map page=Job Title: the page's column is given by --column already"),
])
def test_a_field_given_two_columns_is_refused_not_one_passed_over(
        tmp_path: Path, options: list[str], message: str,
        capsys: pytest.CaptureFixture[str]) -> None:
    data = write_csv(tmp_path / "jobs.csv", ["FULL_TIME"])
    assert main(["import", str(tmp_path / "p.db"), str(data), *options]) == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "p.db").exists()


def test_a_missing_file_is_said_once(tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["columns", str(tmp_path / "none.csv")]) != 0
    err = capsys.readouterr().err
    assert err.count("cannot read the file") == 1 and "No such file" in err


def test_columns_shows_the_mapping_and_the_first_values(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = write_csv(tmp_path / "jobs.csv", ["FULL_TIME", "VOLUNTEER", "Part-time"])
    assert main(["columns", str(data), "--rows", "2", "--map", "title=Headline"]) == 0
    out, err = capsys.readouterr()
    assert "mapping: page: Job Description · title: Headline ·" in out
    assert "kept as source data: Job Title" in out
    assert 'row 1: title: "Data Scientist, Growth"' in out and "row 3" not in out
    assert "'VOLUNTEER': not one of full_time" in err
    assert main(["columns", str(data), "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["mapping"]["fields"]["title"] == "Job Title"
    assert [v.get("employment_type") for v in shown["values"]] == ["full_time", None,
                                                                   "part_time"]
    assert main(["columns", str(tmp_path / "none.csv")]) == 2


def test_parquet_from_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                       ) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    data = tmp_path / "jobs.parquet"
    pq.write_table(pa.Table.from_pylist([
        {"title": "Data Scientist", "company_name": "Acme Analytics", "remote_allowed": 1.0,
         "listed_time": 1713398400000, "description": PAGE}]), data)
    assert main(["import", str(tmp_path / "p.db"), str(data)]) == 0
    assert "1 posting added" in capsys.readouterr().out
    with Store(tmp_path / "p.db") as store:
        fields = store.records.get(1)["fields"]
        assert (fields["title"], fields["company"], fields["remote"], fields["date_posted"]) \
            == ("Data Scientist", "Acme Analytics", "remote", "2024-04-18")


def test_a_number_of_rows_below_one_is_refused(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "rows.csv"
    data.write_text("text\nA posting about data work in Leeds\n", encoding="utf-8")
    for rows in ("-1", "0", "many"):
        with pytest.raises(SystemExit) as stopped:
            main(["columns", str(data), "--rows", rows])
        assert stopped.value.code == 2
        assert "not a number of rows" in capsys.readouterr().err


def test_a_column_given_to_two_fields_is_refused(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "firm.csv"
    data.write_text("Body,Firm\nA posting about data work in Leeds,Acme\n", encoding="utf-8")
    for extra in (["--map", "title=Firm", "--map", "company=Firm"],
                  ["--column", "Body", "--map", "title=Body"]):
        assert main(["import", str(tmp_path / "p.db"), str(data), *extra]) == 2
        assert "a column fills one field" in capsys.readouterr().err
    assert not (tmp_path / "p.db").exists()


def test_columns_of_records_this_program_exported_says_they_are_taken_whole(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """It printed an empty 'columns:' line and '(no field from the columns)' a row."""
    db, out = tmp_path / "p.db", tmp_path / "all.jsonl"
    samples = Path(__file__).resolve().parents[2] / "reviewer" / "resources" / "samples"
    assert main(["import", str(db), str(samples)]) == 0
    assert main(["export", str(db), "-o", str(out), "--all"]) == 0
    capsys.readouterr()
    assert main(["columns", str(out)]) == 0
    said = capsys.readouterr().out
    assert "records this program exported" in said and "no field from the columns" not in said


@pytest.mark.parametrize("options", [
    ["--map", "title=Job Title", "--map", "company=job_title"],
    ["--column", "Job Title", "--map", "title=job-title"],
])
def test_one_column_given_twice_in_another_spelling_is_refused(
        tmp_path: Path, options: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    """Columns are found by name whatever their case, spaces, hyphens and underscores;
    the check of a column given twice compared case alone, and the second was dropped."""
    data = write_csv(tmp_path / "jobs.csv", ["FULL_TIME"])
    assert main(["import", str(tmp_path / "p.db"), str(data), *options]) == 2
    assert "a column fills one field" in capsys.readouterr().err
    assert not (tmp_path / "p.db").exists()


def test_a_named_input_that_is_not_there_fails_the_import(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A path mistyped beside one that imports: said in a line, and status 0, so a
    script could not tell that part of its input was never read."""
    page = tmp_path / "a.txt"
    page.write_text("Data Engineer\n\nAcme Ltd is hiring in Leeds.\n", encoding="utf-8")
    db = str(tmp_path / "p.db")
    assert main(["import", db, str(page), str(tmp_path / "pages_typo")]) == 1
    out, err = capsys.readouterr()
    assert "1 posting added" in out and "pages_typo: no such file or folder" in err
    assert main(["import", db, str(page)]) == 0  # nothing new: still no failure


def test_an_import_with_nothing_to_read_makes_no_project(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Every input mistyped: an empty project was made all the same (status 1)."""
    db = tmp_path / "new.db"
    assert main(["import", str(db), str(tmp_path / "pages_typo")]) == 2
    assert "nothing to import" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == []


@pytest.mark.parametrize("typo", ["pages_typo/", "./pages_typo", "pages_typo//"])
def test_a_named_input_not_there_fails_however_it_is_spelled(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str], typo: str) -> None:
    """The skipped input is named as read ("pages_typo"), and a name typed "pages_typo/"
    was not found among them: the run exited 0."""
    monkeypatch.chdir(tmp_path)
    Path("a.txt").write_text("Data Engineer\n\nAcme Ltd is hiring in Leeds.\n",
                             encoding="utf-8")
    assert main(["import", "p.db", "a.txt", typo]) == 1
    assert "pages_typo: no such file or folder" in capsys.readouterr().err


def test_a_table_without_a_column_given_is_left_aside_said_once(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A column given for a field that the CSV lacks (a typo) leaves the file aside: the
    import fails, saying so once; no note that the file "has no value from the
    columns", as if it had been imported."""
    data = write_csv(tmp_path / "jobs.csv", ["FULL_TIME"])
    assert main(["import", str(tmp_path / "p.db"), str(data), "--map", "title=Job Titel"]) == 1
    out, err = capsys.readouterr()
    assert out.startswith("0 postings added, 0 already in the project, 1 skipped")
    assert err.count("Job Titel") == 1
    assert f"skipped {data}: no column 'Job Titel' for title in the CSV" in err


def test_a_page_key_given_that_objects_lack_is_named(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``--column nope`` for JSON lines without it: each line said "no page key (html,
    text, …)", the key given named nowhere, and an empty line "x.jsonl: " followed. A
    file none of whose objects has the key is not read, said once; in one where some
    have it, each line without it is said."""
    data = tmp_path / "x.jsonl"
    data.write_text('{"text": "Engineer in Berlin. We build."}\n', encoding="utf-8")
    assert main(["import", str(tmp_path / "p.db"), str(data), "--column", "nope"]) == 1
    err = capsys.readouterr().err
    assert f"skipped {data}: no key 'nope' for the page in any object of the JSONL file " \
           "(keys: text)" in err
    data.write_text('{"nope": "Welder in Austin. We weld."}\n'
                    '{"text": "Engineer in Berlin. We build."}\n', encoding="utf-8")
    assert main(["import", str(tmp_path / "p.db"), str(data), "--column", "nope"]) == 0
    err = capsys.readouterr().err
    assert f"skipped {data}#2: no key 'nope', the page's (as given)" in err
    assert f"{data}: \n" not in err


def test_a_row_imported_again_with_another_mapping_is_said(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Imported again with a column mapped otherwise, a file's rows whose values changed
    were added as second postings without a word: they are counted, not added."""
    data = write_csv(tmp_path / "jobs.csv", ["FULL_TIME", "PART_TIME"])
    db = tmp_path / "p.db"
    assert main(["import", str(db), str(data), "--column", "Job Description"]) == 0
    capsys.readouterr()
    assert main(["import", str(db), str(data), "--map", "title=Headline"]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("0 postings added, 2 already in the project")
    assert ("2 rows of data files were imported before from the same file and row with "
            "other values from their columns (a mapping changed?): not added again") in err
    with Store(db) as store:
        assert store.queue.count() == 2
