"""A page file's kind (HTML or text) is decided one way for import and for extract: by
its name, and by its content when the name says text but the file is plainly an HTML
document (a page saved as ``.txt``)."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

from reviewer.cli import main
from reviewer.core.clean import detect_kind
from reviewer.core.ingest import import_paths, iter_inputs
from reviewer.core.store import Store

SAVED = ("<!doctype html>\n<html><head><title>x</title></head><body><nav>Home | Jobs</nav>"
         "<h1>Data Engineer</h1><p>Acme Corp is hiring a <b>Data Engineer</b> in Leeds.</p>"
         "</body></html>\n")
MARKDOWN = ('<div align="center">\n\n# Data Engineer\n\n</div>\n\nAcme Corp is hiring a '
            "**Data Engineer** in Leeds.\n")


def extracted(path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["extract", str(path)]) == 0
    return str(json.loads(capsys.readouterr().out)["cleaned"])


@pytest.mark.parametrize(("name", "page", "kind"), [
    ("page.txt", SAVED, "html"), ("page.md", SAVED, "html"), ("page.TXT", SAVED, "html"),
    ("readme.md", MARKDOWN, "text"), ("page.txt", "Data Engineer\n\nAcme\n", "text"),
    ("page.html", "Data Engineer\n", "html")])
def test_the_kind_of_a_page_file(name: str, page: str, kind: str) -> None:
    assert detect_kind(page, name) == kind



def _imported(path: Path, text: str) -> dict[str, Any]:
    """The record of ``path``, holding ``text``, imported alone into a new project."""
    path.write_text(text, encoding="utf-8")
    with Store(path.parent / "p.db") as store:
        assert import_paths(store, [path]).added == 1
        return store.records.get(1)

def test_an_html_page_saved_as_text_imports_as_it_extracts(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """It was stored as text with its tags in the cleaned text ("\\<!doctype html> …")
    while ``reviewer extract`` cleaned it as HTML."""
    path = tmp_path / "page.txt"
    stored = _imported(path, SAVED)
    assert stored["kind"] == "html"
    assert "<" not in stored["cleaned"] and stored["cleaned"].startswith("# Data Engineer")
    assert stored["cleaned"] == extracted(path, capsys)


def test_a_markdown_file_that_opens_with_markup_stays_text(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "readme.md"
    stored = _imported(path, MARKDOWN)
    assert stored["kind"] == "text"
    assert stored["cleaned"] == extracted(path, capsys)


def test_a_page_saved_as_text_in_an_archive(tmp_path: Path) -> None:
    with zipfile.ZipFile(tmp_path / "pages.zip", "w") as zf:
        zf.writestr("page.txt", SAVED)
    [item] = iter_inputs([tmp_path / "pages.zip"])
    assert getattr(item, "kind", None) == "html"
