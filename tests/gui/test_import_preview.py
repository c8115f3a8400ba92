"""Importing a data file in the window shows its first rows and the columns mapped to the
page and the fields, to confirm or change; the import then fills the fields from them."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from reviewer.core.store import Store
from reviewer.gui.import_preview import NOT_MAPPED, ImportPreviewDialog
from reviewer.gui.window import ReviewWindow

ROWS = [
    {"Job Title": "Data Engineer", "Company Name": "Quillstone Labs",
     "Location": "Irvine, CA", "Rating": "4.1",
     "Job Description": "Quillstone Labs is hiring a Data Engineer in Irvine, CA. You will "
                        "build pipelines in Python and SQL with a small team."},
    {"Job Title": "<b>Nurse</b>", "Company Name": "Harbor Clinic",
     "Location": "Portland, OR", "Rating": "3.9",
     "Job Description": "Harbor Clinic needs a nurse for its night shifts in Portland, OR. "
                        "Care for patients, keep records, work with the doctors."},
]


@pytest.fixture
def data_file(tmp_path: Path) -> Path:
    path = tmp_path / "jobs.csv"
    with path.open("w", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(ROWS[0]))
        writer.writeheader()
        writer.writerows(ROWS)
    return path


@pytest.fixture
def win(tmp_path: Path, open_window) -> ReviewWindow:  # type: ignore[no-untyped-def]
    path = tmp_path / "empty.db"
    Store(path).close()
    return open_window(path)  # type: ignore[no-any-return]


def _dialog(win: ReviewWindow, data_file: Path) -> ImportPreviewDialog:
    assert win.long_work.import_files([data_file])
    dialog = win.long_work.import_dialog
    assert isinstance(dialog, ImportPreviewDialog) and dialog.isVisible()
    return dialog


def _imported(win: ReviewWindow, qtbot: Any) -> list[dict[str, Any]]:
    qtbot.waitUntil(lambda: win.long_work.job is None and win.model.total() == len(ROWS),
                    timeout=20000)
    return [win.store.records.get(pid) for pid in win.store.queue.ids()]


def test_the_columns_are_found_by_name_and_shown_with_the_first_rows(
        win: ReviewWindow, data_file: Path) -> None:
    dialog = _dialog(win, data_file)
    chosen = {target: combo.currentData() for target, combo in dialog.combos.items()}
    assert chosen["page"] == "Job Description" and chosen["title"] == "Job Title"
    assert chosen["company"] == "Company Name" and chosen["locations"] == "Location"
    assert dialog.table.rowCount() == len(ROWS)
    headers = [dialog.table.horizontalHeaderItem(c).text()
               for c in range(dialog.table.columnCount())]
    assert "Job Title\n→ Title" in headers and "Rating" in headers
    cells = {dialog.table.item(r, c).text() for r in range(2) for c in range(len(headers))}
    assert "<b>Nurse</b>" in cells  # file content as the characters it is
    assert dialog.import_button.isEnabled()
    dialog.reject()


def test_the_import_fills_the_fields_from_the_columns(win: ReviewWindow, data_file: Path,  # type: ignore[no-untyped-def]
                                                      qtbot) -> None:
    _dialog(win, data_file).accept()
    postings = _imported(win, qtbot)
    for posting, row in zip(postings, ROWS, strict=True):  # (a cell's tags are no value's)
        assert posting["fields"]["title"] == row["Job Title"].replace("<b>", "").replace(
            "</b>", "")
        assert posting["fields"]["company"] == row["Company Name"]
        assert posting["machine"]["company"]["stage"] == "dataset"
        assert posting["machine"]["company"]["spans"]  # found in the text
        assert posting["metadata"]["Rating"] == row["Rating"]  # the rest: source data
    win.queue_pane.select_row(0)
    assert win.side.source_data.rowCount() >= 1
    assert "data file's column" in win.fields.editors["company"].mark.toolTip()
    assert "machine" in win.fields.editors["skills"].mark.toolTip()


def test_a_column_unmapped_in_the_preview_is_not_read(win: ReviewWindow, data_file: Path,  # type: ignore[no-untyped-def]
                                                      qtbot) -> None:
    dialog = _dialog(win, data_file)
    dialog.combos["title"].setCurrentIndex(dialog.combos["title"].findText(NOT_MAPPED))
    headers = [dialog.table.horizontalHeaderItem(c).text()
               for c in range(dialog.table.columnCount())]
    assert "Job Title" in headers  # no longer "→ Title"
    dialog.accept()
    postings = _imported(win, qtbot)
    assert all((p["machine"].get("title") or {}).get("stage") != "dataset" for p in postings)
    assert postings[0]["metadata"]["Job Title"] == "Data Engineer"


def test_without_a_page_column_nothing_can_be_imported(win: ReviewWindow,
                                                       data_file: Path) -> None:
    dialog = _dialog(win, data_file)
    dialog.combos["page"].setCurrentIndex(0)
    assert not dialog.import_button.isEnabled()
    assert "no column" in dialog.summary.text()
    dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
    assert win.long_work.job is None and win.model.total() == 0


def test_cells_that_cannot_be_read_are_reported(win: ReviewWindow, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                qtbot) -> None:
    path = tmp_path / "dated.csv"
    with path.open("w", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=["description", "date_posted"])
        writer.writeheader()
        writer.writerow({"description": ROWS[0]["Job Description"], "date_posted": "someday"})
    dialog = _dialog(win, path)
    assert "cannot be read" in dialog.problems.text()
    dialog.accept()
    qtbot.waitUntil(lambda: win.long_work.job is None and win.model.total() == 1)
    box = win.long_work.message_box
    assert box is not None and "someday" in box.text() and "left out" in box.text()
    posting = win.store.records.get(win.store.queue.ids()[0])
    assert posting["fields"].get("date_posted") is None
    assert posting["metadata"]["date_posted"] == "someday"


def test_rows_skipped_beside_postings_added_are_said_as_such(win: ReviewWindow,  # type: ignore[no-untyped-def]
                                                          tmp_path: Path, qtbot) -> None:
    """Two rows imported and one with an empty page cell skipped: the box was titled
    "Not imported", with advice to save "the posting" as HTML, text or JSONL, which a
    row of a CSV the window reads needs none of."""
    path = tmp_path / "rows.csv"
    with path.open("w", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(ROWS[0]))
        writer.writeheader()
        writer.writerows([ROWS[0], {**ROWS[1], "Job Description": ""},
                          {**ROWS[1], "Job Title": "Nurse"}])
    _dialog(win, path).accept()
    qtbot.waitUntil(lambda: win.long_work.job is None and win.long_work.message_box is not None,
                    timeout=20000)
    box = win.long_work.message_box
    assert box.windowTitle() == "Imported, one skipped"
    assert "rows.csv#2 could not be imported: the 'Job Description' cell is empty" in box.text()
    assert "2 postings added" in box.text() and "Save the posting" not in box.text()


def test_the_extractors_reading_is_kept_beside_the_columns_value(win: ReviewWindow,  # type: ignore[no-untyped-def]
                                                                  tmp_path: Path, qtbot) -> None:
    path = tmp_path / "renamed.csv"
    with path.open("w", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=["title", "description"])
        writer.writeheader()
        writer.writerow({"title": "Pipeline Engineer",
                         "description": "Data Engineer\n\n" + ROWS[0]["Job Description"]})
    _dialog(win, path).accept()
    qtbot.waitUntil(lambda: win.long_work.job is None and win.model.total() == 1)
    posting = win.store.records.get(win.store.queue.ids()[0])
    assert posting["fields"]["title"] == "Pipeline Engineer"
    assert "Data Engineer" in [a["value"] for a in posting["machine"]["title"]["alternatives"]]


def test_a_column_chosen_for_a_second_field_leaves_the_first(win: ReviewWindow,  # type: ignore[no-untyped-def]
                                                            data_file: Path, qtbot) -> None:
    """A column fills one field: chosen for Company while Title has it, Title is left
    without one, as shown and as imported (the dialog showed both and read one)."""
    dialog = _dialog(win, data_file)
    company = dialog.combos["company"]
    company.setCurrentIndex(company.findText("Job Title"))
    assert dialog.combos["title"].currentData() is None
    headers = [dialog.table.horizontalHeaderItem(c).text()
               for c in range(dialog.table.columnCount())]
    assert any("Job Title" in h and "Company" in h for h in headers)
    dialog.accept()
    postings = _imported(win, qtbot)
    assert postings[0]["machine"]["company"]["value"] == "Data Engineer"
    assert (postings[0]["machine"].get("title") or {}).get("stage") != "dataset"


@pytest.mark.parametrize(("name", "content"), [
    ("empty.csv", b""), ("bad.json", b"{not json"), ("x.parquet", b"hello"),
])
def test_a_data_file_that_cannot_be_read_says_why(win: ReviewWindow, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                   name: str, content: bytes) -> None:
    from reviewer.core.ingest import preview_columns

    path = tmp_path / name
    path.write_bytes(content)
    why = preview_columns(path).error
    assert why
    win.long_work.import_files([path])
    dialog = win.long_work.import_dialog
    assert why in dialog.summary.text() and "choose the column" not in dialog.summary.text()
    assert not dialog.import_button.isEnabled()
    dialog.reject()


def test_records_this_program_exported_are_imported_as_they_are(
        win: ReviewWindow, project: Path, tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Our own export (canonical JSONL), chosen in the window, was shown as a file of no
    columns whose page was in none: the Import button stayed off."""
    from reviewer.cli import main

    fmt = "jsonl"
    with Store(project) as store:
        first = store.queue.ids()[0]
        store.decisions.set_field(first, "title", "A title of my own")
    out = tmp_path / f"all.{fmt}"
    assert main(["export", str(project), "-o", str(out), "--all", "--format", fmt]) == 0
    dialog = _dialog(win, out)
    assert "records this program exported" in dialog.summary.text()
    assert dialog.import_button.isEnabled()
    dialog.import_button.click()
    qtbot.waitUntil(lambda: win.long_work.job is None and win.model.total() == 8,
                    timeout=30_000)
    with Store(win.store.path) as store:
        titles = [store.records.get(pid)["fields"]["title"] for pid in store.queue.ids()]
    assert "A title of my own" in titles


def test_rows_and_files_the_preview_did_not_show_are_mapped_by_their_own_names(
        win: ReviewWindow, tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    """The preview's mapping was given for every row and file: a JSONL row with "text"
    where the first had "html" was skipped ("no page key"), and a second CSV with other
    columns refused. What the person did not change is found as the command line finds
    it, each file and row by its own names."""
    mixed = tmp_path / "mixed.jsonl"
    mixed.write_text('{"html": "<h1>Data Engineer</h1><p>Acme, Berlin. Python.</p>"}\n'
                     '{"text": "Analyst\\n\\nInitech, Paris. SQL and Excel."}\n', encoding="utf-8")
    other = tmp_path / "b.csv"
    other.write_text('body,name\n"Backend Developer\n\nGlobex, Rome. Go.",B1\n', encoding="utf-8")
    assert win.long_work.import_files([mixed, other])
    win.long_work.import_dialog.accept()
    qtbot.waitUntil(lambda: win.long_work.job is None, timeout=20000)
    assert win.store.queue.count() == 3


def test_the_preview_after_a_change_reads_the_rows_as_the_import_will(
        win: ReviewWindow, tmp_path: Path) -> None:
    """A field unmapped in the preview: the rows shown again were read with every column
    given, none found by name, and those whose page is under another key were said
    skipped, where the import (given only the change) took them."""
    mixed = tmp_path / "mixed.jsonl"
    mixed.write_text('{"html": "<h1>Data Engineer</h1><p>Acme, Berlin.</p>", "company": "A"}\n'
                     '{"text": "Analyst\\n\\nInitech, Paris.", "company": "B"}\n'
                     '{"html": "", "text": "Developer\\n\\nGlobex, Rome.", "company": "C"}\n',
                     encoding="utf-8")
    dialog = _dialog(win, mixed)
    assert dialog.preview.skipped == []
    dialog.combos["company"].setCurrentIndex(dialog.combos["company"].findText(NOT_MAPPED))
    assert dialog.preview.skipped == [] and len(dialog.preview.values) == 3
    assert dialog.chosen() == {"company": None}
    dialog.reject()
