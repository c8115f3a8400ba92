"""The project's full-text index is found by sqlite-utils and Datasette, as well as
used by the store's own search: in a new project and in one migrated from every
earlier version (tests/data/projects)."""

from __future__ import annotations

import asyncio
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlite_utils import Database

from reviewer.core.store import NewPosting, Store

DATA = Path(__file__).resolve().parents[2] / "data" / "projects"
MATCHING = {1, 3, 4}  # the postings that mention Django (title, company, text)


def posting(n: int, title: str, company: str, text: str) -> NewPosting:
    cleaned = f"# {title}\n\n{text}\n"
    return NewPosting(source=f"p{n}.txt", hash=f"h{n}", kind="text", raw=cleaned,
                      cleaned=cleaned, fields={"title": title, "company": company},
                      confidence={"title": 0.9, "company": 0.8})


POSTINGS = [
    posting(1, "Django Developer", "Acme", "We build web services in Python."),
    posting(2, "Data Analyst", "Kranich", "SQL, dashboards and reporting."),
    posting(3, "Backend Engineer", "Django Works", "Python services for our customers."),
    posting(4, "Platform Engineer", "Lumen", "You know Flask or django and PostgreSQL."),
    posting(5, "Site Reliability Engineer", "Example", "Kubernetes, Go and on-call."),
]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    path = tmp_path / "project.db"
    with Store(path) as store:
        store.postings.add(POSTINGS)
    return path


def sqlite_utils_search(path: Path, query: str) -> list[int]:
    """Ids that ``sqlite-utils search DB postings QUERY`` prints."""
    tool = Path(sys.executable).parent / "sqlite-utils"
    command = [str(tool)] if tool.exists() else [sys.executable, "-m", "sqlite_utils"]
    done = subprocess.run([*command, "search", str(path), "postings", query, "-c", "id"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return [row["id"] for row in json.loads(done.stdout)]


def datasette_search(path: Path, query: str) -> list[int]:
    """Ids of the postings page of Datasette with ``?_search=QUERY``."""
    app = pytest.importorskip("datasette.app", reason="Datasette is not installed "
                              "(pip install datasette)")

    async def get() -> Any:
        ds = app.Datasette([str(path)])
        response = await ds.client.get(f"/{path.stem}/postings.json?_search={query}"
                                       "&_shape=array&_col=id&_size=max")
        assert response.status_code == 200, response.text
        return response.json()

    return [row["id"] for row in asyncio.run(get())]


def test_sqlite_utils_finds_the_index(project: Path) -> None:
    assert Database(project)["postings"].detect_fts() == "postings_fts"


def test_sqlite_utils_search_finds_exactly_the_matching_postings(project: Path) -> None:
    assert set(sqlite_utils_search(project, "django")) == MATCHING
    assert sqlite_utils_search(project, "kubernetes") == [5]


def test_datasette_search_finds_exactly_the_matching_postings(project: Path) -> None:
    assert set(datasette_search(project, "django")) == MATCHING
    assert datasette_search(project, "kubernetes") == [5]


def test_the_store_search_agrees(project: Path) -> None:
    with Store(project) as store:
        assert set(store.queue.search("django")) == MATCHING
        assert store.queue.search_after("django", 1) == [3, 4]


def test_the_index_follows_edits(project: Path) -> None:
    with Store(project) as store:
        store.decisions.set_field(2, "title", "Django Data Analyst")
        assert set(store.queue.search("django")) == MATCHING | {2}
    assert set(sqlite_utils_search(project, "django")) == MATCHING | {2}


@pytest.mark.parametrize("version_file", sorted(DATA.glob("v*.db")), ids=lambda p: p.stem)
def test_an_earlier_version_migrates_to_an_index_both_tools_find(version_file: Path,
                                                                 tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    shutil.copy(version_file, path)
    with Store(path) as store:
        assert store.queue.search("Lumenfield") == [1]
        store.postings.add([POSTINGS[0]])  # added after the migration: indexed too
        added = store.queue.search("django")
        assert len(added) == 1
    assert Database(path)["postings"].detect_fts() == "postings_fts"
    assert sqlite_utils_search(path, "Lumenfield") == [1]
    assert sqlite_utils_search(path, "django") == added
    assert datasette_search(path, "Lumenfield") == [1]
