"""Plug-ins registered in the ``reviewer.extractors`` entry-point group, installed here
as a real distribution; a broken one is said in a line and costs nothing else."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from plugin_kit import install_plugin, posting

from reviewer.core.plugins import ExtractorError, installed_extractors, load_extractor

ACME = """
from reviewer.core.schema import Finding

made = []

class Acme:
    def __init__(self):
        made.append(self)
        self.batches = []

    def extract(self, postings):
        self.batches.append([p.id for p in postings])
        return [{"title": Finding("Principal Data Engineer", [(11, 24)], 0.99, "mine"),
                 "seniority": {"value": "Principal", "confidence": 3},
                 "remote": {"value": "from the moon"}} for p in postings]
"""


def test_a_plugin_is_loaded_by_its_name_and_gives_its_own_stage(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    module = install_plugin(tmp_path, monkeypatch, "acme", ACME, "Acme")
    assert installed_extractors()["acme"] == f"{module}:Acme"
    run = load_extractor("acme", batch=2)
    assert run.stage == "plugin:acme"
    items = [posting(key=f"p{n}", source=f"{n}.txt") for n in range(3)]
    run.apply(items)
    plugin = __import__(module).made[0]
    assert plugin.batches == [["p0", "p1"], ["p2"]]
    for _posting, ext in items:
        assert (ext.fields["title"], ext.stages["title"]) == ("Principal Data Engineer",
                                                              "plugin:acme")
        assert [(a.value, a.stage) for a in ext.alternatives["title"]] == [
            ("Data Engineer", "label")]
        assert (ext.fields["seniority"], ext.confidence["seniority"]) == ("principal", 1.0)
        assert ext.fields["remote"] is None
    assert run.report.tally.refused == {"remote": 3}
    assert (run.report.answered, run.report.won, run.report.failed) == (3, 6, 0)


def test_a_factory_function_or_a_ready_object_will_do(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = """
class _Reader:
    def extract(self, postings):
        return [{"department": {"value": "Data", "confidence": 0.6}} for p in postings]

def make():
    return _Reader()

ready = _Reader()
"""
    install_plugin(tmp_path, monkeypatch, "by-function", source, "make")
    install_plugin(tmp_path, monkeypatch, "by-object", source, "ready")
    for name in ("by-function", "by-object"):
        item = posting()
        load_extractor(name).apply([item])
        assert (item[1].fields["department"], item[1].stages["department"]) == (
            "Data", f"plugin:{name}")


@pytest.mark.parametrize(("source", "factory", "said"), [
    ("import no_such_module_anywhere\n", "Acme",
     "could not be loaded: ModuleNotFoundError: No module named 'no_such_module_anywhere'"),
    ("x = 1\n", "Missing", "could not be loaded: AttributeError"),
    ("class Acme:\n    def __init__(self):\n        raise RuntimeError('no API key')\n",
     "Acme", "could not be loaded: RuntimeError: no API key"),
    ("import sys\nsys.exit('bye')\n", "Acme", "could not be loaded: SystemExit: bye"),
    ("class Acme:\n    pass\n", "Acme", "made no extractor"),
    ("class Acme:\n    @property\n    def extract(self):\n        raise RuntimeError('boom')\n",
     "Acme", "could not be loaded: RuntimeError: boom"),
], ids=["import", "no-factory", "factory-raises", "exits", "no-extract", "extract-raises"])
def test_a_broken_plugin_is_said_in_a_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                           source: str, factory: str, said: str) -> None:
    install_plugin(tmp_path, monkeypatch, "broken", source, factory)
    with pytest.raises(ExtractorError) as caught:
        load_extractor("broken")
    assert said in str(caught.value) and "plug-in 'broken'" in str(caught.value)
    assert "Traceback" not in str(caught.value) and "\n" not in str(caught.value)


@pytest.mark.parametrize(("body", "said"), [
    ("raise ValueError('the model is tired')",
     "failed on 2 postings from 0.txt on: ValueError: the model is tired"),
    ("return [{}]", "gave 1 answers for 2 postings"),
    ("return None", "failed on 2 postings from 0.txt on: TypeError"),
    ("return [Weird(), Weird()]", "gave 0.txt an answer that cannot be read: KeyError"),
], ids=["raises", "too-few", "none", "weird-answers"])
def test_a_plugin_failing_while_it_runs_keeps_the_rules_values(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: str, said: str) -> None:
    source = (f"class Acme:\n    def extract(self, postings):\n        {body}\n"
              "from collections.abc import Mapping\n"
              "class Weird(Mapping):\n"
              "    def __getitem__(self, key): raise KeyError(key)\n"
              "    def __len__(self): return 1\n"
              "    def __iter__(self): raise KeyError('no items today')\n")
    install_plugin(tmp_path, monkeypatch, "flaky", source, "Acme")
    run = load_extractor("flaky")
    items = [posting(key="p0", source="0.txt"), posting(key="p1", source="1.txt")]
    before = copy.deepcopy(items)
    run.apply(items)
    assert items == before
    assert run.report.failed == 2
    assert said in run.report.errors[0] and "plug-in 'flaky'" in run.report.errors[0]


def test_an_unknown_name_lists_the_plugins_installed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    install_plugin(tmp_path, monkeypatch, "acme", ACME, "Acme")
    with pytest.raises(ExtractorError, match=r"no program 'acmee'.*installed: .*acme"):
        load_extractor("acmee")


def test_records_without_a_project_get_the_plugins_values(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    install_plugin(tmp_path, monkeypatch, "acme", ACME, "Acme")
    item, ext = posting()
    record = {"source": "a.txt", "cleaned": item.markdown, "fields": dict(ext.fields),
              "evidence": {k: [list(s) for s in v] for k, v in ext.evidence.items() if v},
              "confidence": dict(ext.confidence)}
    failed = {"source": "b.txt", "error": "empty file"}
    out = list(load_extractor("acme").apply_to_records([record, failed]))
    assert out[1] == failed
    assert out[0]["fields"]["title"] == "Principal Data Engineer"
    assert out[0]["evidence"]["title"] == [[11, 24]]
    assert out[0]["confidence"]["title"] == 0.99
    assert out[0]["fields"]["company"] == "Acme Analytics"  # the rules' values stay


def test_a_plugin_that_changes_what_it_is_given_changes_nothing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = """
class Meddler:
    def extract(self, postings):
        for p in postings:
            p.fields["skills"].append("Cobol")
            p.fields["title"] = "Changed"
        return [{} for p in postings]
"""
    install_plugin(tmp_path, monkeypatch, "meddler", source, "Meddler")
    item = posting()
    before = copy.deepcopy(item[1])
    load_extractor("meddler").apply([item])
    assert item[1] == before


def test_a_failure_that_cannot_be_said_is_said_by_its_kind(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An exception whose str() raised stopped the import with a traceback."""
    source = """
class Unsayable(Exception):
    def __str__(self):
        raise RuntimeError("no words")

class Reader:
    def extract(self, postings):
        raise Unsayable()
"""
    install_plugin(tmp_path, monkeypatch, "unsayable", source, "Reader")
    run = load_extractor("unsayable")
    item = posting()
    run.apply([item])
    assert run.report.failed == 1
    assert any("Unsayable" in line for line in run.report.lines())
    assert item[1].stages["title"] != "plugin:unsayable"


def test_two_plugins_of_one_name_are_refused_with_both_named(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two distributions declaring one name: one was taken in silence, and the stage
    "plugin:dup" could not say whose values they were."""
    source = """
class Reader:
    def extract(self, postings):
        return [{} for p in postings]
"""
    first = install_plugin(tmp_path, monkeypatch, "dup", source, "Reader")
    second = install_plugin(tmp_path, monkeypatch, "dup", source, "Reader")
    with pytest.raises(ExtractorError) as caught:
        load_extractor("dup")
    said = str(caught.value)
    assert f"{first}:Reader" in said and f"{second}:Reader" in said
