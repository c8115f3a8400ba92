"""What the plug-in tests share: a command written as a small Python script, a plug-in
installed as a real distribution (a dist-info folder on sys.path), a posting to give
them."""

from __future__ import annotations

import itertools
import shlex
import sys
import textwrap
from pathlib import Path

import pytest

from reviewer.core.pipeline import process
from reviewer.core.plugins import Posting, posting_of
from reviewer.core.schema import Extraction

TEXT = ("Job Title: Data Engineer\nCompany: Acme Analytics\nLocation: Leeds\n\n"
        "We are looking for a data engineer who builds pipelines in Python and SQL for "
        "our customers. Full-time.\n")
_NUMBERS = itertools.count()


def command(tmp_path: Path, body: str, name: str = "extractor.py") -> str:
    """A command running ``body`` (Python, reading ``postings``: the JSON objects of
    its standard input) as ``sys.executable script``."""
    script = tmp_path / name
    script.write_text("import json, sys, time\n"
                      "postings = [json.loads(line) for line in sys.stdin if line.strip()]\n"
                      + textwrap.dedent(body), encoding="utf-8")
    return f"{shlex.quote(sys.executable)} {shlex.quote(str(script))}"


def install_plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, source: str,
                   factory: str) -> str:
    """Install a distribution whose entry point ``name`` (group reviewer.extractors)
    names ``factory`` in a module of ``source``; returns the module's name."""
    module = f"plugin_{name.replace('-', '_')}_{next(_NUMBERS)}"
    site = tmp_path / f"site_{module}"
    info = site / f"{module}-0.1.dist-info"
    info.mkdir(parents=True)
    (site / f"{module}.py").write_text(textwrap.dedent(source), encoding="utf-8")
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {module}\nVersion: 0.1\n",
                                   encoding="utf-8")
    (info / "entry_points.txt").write_text(
        f"[reviewer.extractors]\n{name} = {module}:{factory}\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(site))
    return module


def posting(text: str = TEXT, key: str = "p1", source: str = "a.txt"
            ) -> tuple[Posting, Extraction]:
    """A posting cleaned and extracted by the rules, as a plug-in is given it."""
    done = process(text, "text")
    return posting_of(key, source, done.doc.markdown, done.extraction), done.extraction
