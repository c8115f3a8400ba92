"""A plug-in runs in this process, and what it prints (a progress bar, a library's
warning) goes to stderr: stdout is the records' alone."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from plugin_kit import TEXT, install_plugin, posting

from reviewer.cli import main
from reviewer.core.plugins import load_extractor

CHATTY = """
import sys

print("importing the model")

class Chatty:
    def __init__(self):
        print("Loading model weights... 100%")

    def extract(self, postings):
        print("batch of", len(postings))
        sys.stdout.write("not json\\n")
        return [{"department": {"value": "Chatty", "confidence": 0.9}} for p in postings]
"""


def test_what_a_plugin_prints_goes_to_stderr(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    install_plugin(tmp_path, monkeypatch, "chatty", CHATTY, "Chatty")
    pages = [tmp_path / "a.txt", tmp_path / "b.txt"]
    for path in pages:
        path.write_text(TEXT, encoding="utf-8")
    assert main(["extract", *map(str, pages), "--extractor", "chatty"]) == 0
    out, err = capsys.readouterr()
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["fields"]["department"] for r in records] == ["Chatty", "Chatty"]
    for said in ("importing the model", "Loading model weights", "batch of 2", "not json"):
        assert said in err


def test_a_plugin_run_through_the_api_prints_to_stderr(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    install_plugin(tmp_path, monkeypatch, "chatty", CHATTY, "Chatty")
    item = posting()
    load_extractor("chatty").apply([item])
    out, err = capsys.readouterr()
    assert out == "" and "batch of 1" in err
    assert item[1].fields["department"] == "Chatty"
