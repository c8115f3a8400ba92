"""The statistics window's charts fit their width, every figure whole; the export
dialog suggests a file named after the project."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QPushButton, QWidget

from reviewer.core.export import EXTENSIONS
from reviewer.gui.dialogs import FORMAT_NAMES, ExportDialog
from reviewer.gui.stats_view import STATE_COLORS, BarChart


def _judged(rows: int) -> BarChart:
    """The last chart as the statistics draw it, every suggestion accepted."""
    return BarChart("How reviewers judged each machine suggestion (reviewed postings)",
                    [(f"Field {n}", [(1234 if s == "accepted" else 0, c)
                                     for s, c in STATE_COLORS.items()]) for n in range(rows)],
                    legend=dict(STATE_COLORS), percent=True)


@pytest.mark.parametrize("width", [None, 640, 760])
def test_every_figure_fits_inside_its_chart(qtbot, width: int | None) -> None:  # type: ignore[no-untyped-def]
    for chart in (_judged(3), BarChart("Reviewed each day", [("2026-01-01", [(17.0, "#59a14f")])])):
        qtbot.addWidget(chart)
        chart.resize(width or chart.minimumSizeHint().width(), chart.sizeHint().height())
        metrics = chart.fontMetrics()
        places = chart.figure_places()
        assert places
        for text, rect in places:
            assert rect.right() <= chart.width(), text
            assert metrics.horizontalAdvance(text) <= rect.width(), text
        assert not chart.percent or places[0][0].startswith("100% accepted")
        chart.grab()  # paints


def test_the_export_file_is_named_after_the_project(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = ExportDialog(parent, tmp_path / "jobs.db", 1, 2)
    names = {}
    for n in range(dialog.format_choice.count()):
        dialog.format_choice.setCurrentIndex(n)
        names[dialog.fmt] = Path(dialog.output.text()).name
    assert set(names) == set(FORMAT_NAMES)
    assert names["jsonl"] == "jobs.jsonl" and names["csv"] == "jobs.csv"
    assert names["labelstudio"] == "jobs-labelstudio.json"
    assert names["prodigy"] == "jobs-prodigy.jsonl" and names["hf"] == "jobs-dataset"
    assert names["spacy"] == "jobs.spacy" and names["jsonld"] == "jobs.jsonld"
    for fmt, name in names.items():
        assert "-" + fmt + "." + fmt not in name  # no "jobs-jsonl.jsonl"
        assert fmt == "hf" or name.endswith("." + EXTENSIONS[fmt])
    assert Path(dialog.output.text()).parent == tmp_path


def test_an_export_never_takes_the_project_file_name(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = ExportDialog(parent, tmp_path / "jobs.jsonl", 1, 2)  # an odd project name
    dialog.format_choice.setCurrentIndex(dialog.format_choice.findData("jsonl"))
    assert Path(dialog.output.text()) != tmp_path / "jobs.jsonl"


def test_the_charts_count_what_the_file_holds(qapp) -> None:  # type: ignore[no-untyped-def]
    """Answers the label schema does not list (imported from another project) have their
    bars; a share of suggestions is of those judged ('added' is no suggestion), and not
    rounded to 100 % while one was corrected; the last three weeks are calendar weeks."""
    from datetime import UTC, datetime, timedelta

    from reviewer.core.labels import Option, Question
    from reviewer.gui.stats_view import charts

    today = datetime.now(UTC).date()
    figures = {
        "stats": {"status": {"new": 1, "reviewed": 2}, "spans": {},
                  "labels": {"relevant": {"yes": 12, "maybe": 2}, "urgency": {"high": 1}}},
        "schema": [Question("relevant", "single", [Option("yes"), Option("no")])],
        "progress": [(str(today - timedelta(days=400)), 3), (str(today - timedelta(days=2)), 4),
                     (str(today), 5)],
        "eval": {"title": {"accepted": 0, "corrected": 0, "rejected": 0, "added": 5},
                 "company": {"accepted": 995, "corrected": 5, "rejected": 0, "added": 0}},
    }
    found = {chart.title: chart for chart in charts(figures)}
    relevant = dict((label, parts[0][0]) for label, parts in found["Label “relevant”"].bars)
    assert relevant == {"yes": 12, "no": 0, "maybe": 2}
    assert "Label “urgency”" in found
    days = [label for label, _parts in found["Reviewed each day (last three weeks)"].bars]
    assert days == [str(today - timedelta(days=2)), str(today)]
    judged = found["How reviewers judged each machine suggestion (reviewed postings)"]
    said = judged._figures()
    assert said[0].startswith("—") and said[1].startswith("99.5% accepted")


def test_a_path_chosen_stays_when_the_format_changes(qtbot, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Another format put the default name back in place of the path typed or browsed
    for. The path stays, its extension changed where it was the old format's."""
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = ExportDialog(parent, tmp_path / "jobs.db", 1, 2)
    choose = dialog.format_choice

    def to(fmt: str) -> str:
        choose.setCurrentIndex(choose.findData(fmt))
        return dialog.output.text()

    dialog.output.setText(str(tmp_path / "e1.jsonl"))  # typed
    assert to("csv") == str(tmp_path / "e1.csv")
    assert to("labelstudio") == str(tmp_path / "e1.json")
    assert to("conll") == str(tmp_path / "e1.conll")
    assert to("hf") == str(tmp_path / "e1")  # a folder
    assert to("jsonl") == str(tmp_path / "e1.jsonl")
    dialog.output.setText(str(tmp_path / "mine.txt"))  # not the format's: as it is
    assert to("csv") == str(tmp_path / "mine.txt")
    picked = tmp_path / "picked.csv"
    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getSaveFileName",
                        lambda *_a, **_k: (str(picked), ""))
    next(b for b in dialog.findChildren(QPushButton) if b.text() == "Browse…").click()
    assert to("prodigy") == str(tmp_path / "picked.jsonl")
    dialog.output.setText(str(dialog._default_path()))  # the default again: it follows
    assert to("csv") == str(tmp_path / "jobs.csv")


def test_a_warning_goes_once_the_path_or_the_format_changes(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """"e1.jsonl exists. Press Export again to replace it." stayed beside another format
    and another path."""
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = ExportDialog(parent, tmp_path / "jobs.db", 1, 2)
    (tmp_path / "e1.jsonl").write_text("{}\n")
    dialog.output.setText(str(tmp_path / "e1.jsonl"))
    dialog._accept()
    assert "exists" in dialog.problem.text()
    dialog.format_choice.setCurrentIndex(dialog.format_choice.findData("csv"))
    assert dialog.problem.text() == ""
    dialog.output.setText(str(tmp_path / "e1.jsonl"))
    dialog._accept()
    assert "exists" in dialog.problem.text()
    dialog.output.setText(str(tmp_path / "e2.jsonl"))
    assert dialog.problem.text() == ""
    dialog.output.setText(str(tmp_path / "e1.jsonl"))  # back: asked again, not replaced
    dialog.format_choice.setCurrentIndex(dialog.format_choice.findData("jsonl"))
    dialog._accept()
    assert "exists" in dialog.problem.text() and dialog.result() == 0
