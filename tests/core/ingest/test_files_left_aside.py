"""Files of kinds import does not read, in the folders and archives it is given, are
counted by kind and said, not passed over without a word."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from reviewer.cli import main
from reviewer.core.ingest import import_paths, iter_inputs
from reviewer.core.store import Store

PAGE = "Data Engineer\n\nAcme in Leeds hires a data engineer for its Python services.\n"


def folder(tmp_path: Path) -> Path:
    top = tmp_path / "fold"
    (top / "sub").mkdir(parents=True)
    (top / "a.txt").write_text(PAGE)
    (top / "x.pdf").write_bytes(b"%PDF-1.4")
    (top / "sub" / "jobs.jsonl.gz").write_bytes(b"\x1f\x8b")
    (top / "README").write_text("notes")
    (top / ".hidden.pdf").write_bytes(b"%PDF")  # hidden: not counted
    (top / "Hiring now!.pdf").write_bytes(b"%PDF")  # (a "!" of a name: no zip's member)
    with zipfile.ZipFile(top / "more.zip", "w") as zf:
        zf.writestr("b.txt", PAGE.replace("Leeds", "York"))
        zf.writestr("cv.PDF", b"%PDF")
        zf.writestr("LICENSE", b"x")
    return top


def test_an_import_counts_the_files_it_leaves_aside_by_kind(tmp_path: Path) -> None:
    top = folder(tmp_path)
    with Store(tmp_path / "p.db") as store:
        report = import_paths(store, [top])
    assert report.added == 2 and report.skipped == []
    assert report.aside == {".pdf": 3, ".gz": 1, "(no extension)": 2}
    note = report.aside_note()
    assert note is not None and "6 files" in note and ".pdf 3" in note
    assert report.seen == 2


def test_the_command_says_them(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    top = folder(tmp_path)
    assert main(["import", str(tmp_path / "p.db"), str(top)]) == 0
    err = capsys.readouterr().err
    assert "(.pdf 3, (no extension) 2, .gz 1)" in err and "left aside" in err


def test_a_folder_of_files_left_aside_alone_fails_the_command(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A folder of ``.gz`` files alone took nothing and exited 0 ("0 postings added"):
    nothing taken is a failure, as the README says."""
    top = tmp_path / "gz"
    top.mkdir()
    (top / "jobs.jsonl.gz").write_bytes(b"\x1f\x8b")
    (top / "jobs.csv.gz").write_bytes(b"\x1f\x8b")
    assert main(["import", str(tmp_path / "p.db"), str(top)]) == 1
    assert "(.gz 2)" in capsys.readouterr().err


def test_reading_the_inputs_alone_passes_them_over(tmp_path: Path) -> None:
    top = folder(tmp_path)
    assert [r.source for r in iter_inputs([top])] == [
        str(top / "a.txt"), f"{top / 'more.zip'}!b.txt"]


def test_a_page_that_cleans_to_nothing_is_skipped_as_an_empty_one_is(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An empty text file was skipped ("the page is empty"), and an HTML page of no
    text (an empty body, an image alone, an SVG drawing) imported as a posting of no
    text, without a word; ``reviewer extract`` printed it with no error."""
    top = tmp_path / "pages"
    top.mkdir()
    (top / "a.txt").write_text(PAGE)
    (top / "body.html").write_text("<html><body></body></html>")
    (top / "image.html").write_text('<html><body><img alt="Senior Engineer"></body></html>')
    (top / "drawing.html").write_text('<svg xmlns="http://www.w3.org/2000/svg"><text>Job: '
                                      'Engineer</text></svg>')
    with Store(tmp_path / "p.db") as store:
        report = import_paths(store, [top])
    assert report.added == 1
    assert sorted(s.source for s in report.skipped) == [
        str(top / name) for name in ("body.html", "drawing.html", "image.html")]
    assert {s.reason for s in report.skipped} == {
        "no text left after cleaning (the page holds none, or nothing but what is taken for "
        "a site's menus, forms and footers)"}
    assert main(["extract", "--format", "jsonl", str(top / "body.html")]) == 1
    assert "no text left after cleaning" in capsys.readouterr().out
