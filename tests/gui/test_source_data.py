"""The Source data tab shows what the imported file said beside the page, as plain text."""

from __future__ import annotations

import json
from pathlib import Path

from reviewer.core.ingest import import_paths
from reviewer.core.store import Store
from reviewer.gui.window import ReviewWindow

TEXT = ("Data Engineer\n\nAcme builds pipelines. You will build and run them in Python and "
        "SQL every day, with a small team.\n")


def test_a_postings_other_columns_are_shown_as_they_are(tmp_path: Path,  # type: ignore[no-untyped-def]
                                                        open_window) -> None:
    data = tmp_path / "postings.jsonl"
    data.write_text(json.dumps({"text": TEXT, "views": 1200, "board": "<b>jobs</b>",
                                "tags": ["a", "b"], "long": "x" * 1000}) + "\n")
    project = tmp_path / "p.db"
    with Store(project) as store:
        import_paths(store, [data])
    win: ReviewWindow = open_window(project)
    win.queue_pane.select_row(0)
    table = win.side.source_data
    cells = {table.item(r, 0).text(): table.item(r, 1).text() for r in range(table.rowCount())}
    assert cells["views"] == "1200" and cells["tags"] == '["a", "b"]'
    assert cells["board"] == "<b>jobs</b>"  # the characters, not bold
    assert cells["long"].endswith("…") and len(cells["long"]) < 400
    assert win.side.tabText(2) == f"Source data ({table.rowCount()})"
    win.flow.show_nothing()
    assert table.rowCount() == 0


def test_a_posting_with_nothing_beside_its_page_says_so(qtbot) -> None:  # type: ignore[no-untyped-def]
    """The tab was a bare table of two headers, which read as something failing."""
    from PySide6.QtGui import QColor, QPalette

    from reviewer.gui.source_data import SourceData

    table = SourceData()
    qtbot.addWidget(table)
    table.resize(400, 200)
    table.show()
    qtbot.waitExposed(table)
    table.show_metadata({})
    base = table.viewport().palette().color(QPalette.ColorRole.Base)
    shot = table.viewport().grab().toImage()
    inked = sum(QColor(shot.pixel(x, y)) != base
                for x in range(0, shot.width(), 2) for y in range(0, 60, 2))
    assert inked > 40  # a line of text in the empty table
    table.show_metadata(None)  # no posting shown: nothing to say of one
    shot = table.viewport().grab().toImage()
    assert all(QColor(shot.pixel(x, y)) == base
               for x in range(0, shot.width(), 2) for y in range(0, 60, 2))
