"""Every table and column of a project is described, and Datasette shows the words."""

from __future__ import annotations

import asyncio
import html
import json
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from reviewer.core.store import NewPosting, Store, datasette_metadata, write_metadata
from reviewer.core.store.describe import TABLES

SHADOW = ("postings_fts_data", "postings_fts_idx", "postings_fts_docsize", "postings_fts_config")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    path = tmp_path / "jobs.db"
    text = "# Django Developer\n\nPython and Django in Berlin.\n"
    with Store(path) as store:
        store.postings.add([NewPosting(source="p1.txt", hash="h1", kind="text", raw=text,
                                       cleaned=text, fields={"title": "Django Developer"},
                                       confidence={"title": 0.9})])
    return path


def schema(path: Path) -> dict[str, list[str]]:
    """Every table of the file (less the search index's own storage) and its columns."""
    with closing(sqlite3.connect(path)) as conn:
        names = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY rowid")]
        return {name: [c[1] for c in conn.execute(f"PRAGMA table_info([{name}])")]
                for name in names if name not in SHADOW and not name.startswith("sqlite_")}


def test_every_table_and_column_is_described_and_nothing_else(project: Path) -> None:
    described = {name: list(columns) for name, (_text, columns) in TABLES.items()}
    assert described == schema(project)
    for name, (text, columns) in TABLES.items():
        assert text.strip(), name
        assert all(words.strip() for words in columns.values()), name


def test_the_metadata_names_the_database_after_the_file(project: Path) -> None:
    meta = datasette_metadata(project)
    assert meta["title"] == "Posting Reviewer: jobs.db" and meta["description"]
    tables = meta["databases"]["jobs"]["tables"]
    assert set(tables) == set(TABLES)
    assert tables["postings"]["description"] == TABLES["postings"][0]
    assert tables["postings"]["columns"]["min_confidence"] == \
        TABLES["postings"][1]["min_confidence"]


def test_the_metadata_file_is_written_beside_the_project(project: Path) -> None:
    out = write_metadata(project)
    assert out == project.with_name("jobs.db.metadata.json")
    assert json.loads(out.read_text(encoding="utf-8")) == datasette_metadata(project)


def test_datasette_accepts_the_metadata_and_shows_it(project: Path) -> None:
    app = pytest.importorskip("datasette.app", reason="Datasette is not installed "
                              "(pip install datasette)")
    written = write_metadata(project).read_text(encoding="utf-8")

    async def get(*paths: str) -> list[Any]:  # Datasette fills in the dict it is given
        ds = app.Datasette([str(project)], metadata=json.loads(written))
        return [await ds.client.get(p) for p in paths]

    served, home, page, found = asyncio.run(get(
        "/-/metadata.json", "/", "/jobs/postings",
        "/jobs/postings.json?_search=django&_shape=array&_col=id"))
    assert served.status_code == 200 and served.json() == json.loads(written)
    assert page.status_code == 200
    body = html.unescape(page.text)
    assert TABLES["postings"][0] in body
    assert TABLES["postings"][1]["min_confidence"] in body
    assert "Posting Reviewer: jobs.db" in home.text
    assert found.status_code == 200 and [r["id"] for r in found.json()] == [1]
