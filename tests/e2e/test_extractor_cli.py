"""``--extractor`` on ``reviewer import``, ``reextract`` and ``extract``, and ``reviewer
eval`` per stage, as a user runs them."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from reviewer.cli import main
from reviewer.core.store import Store

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "reviewer" / "resources" / "samples"
sys.path.insert(0, str(ROOT / "tests" / "core" / "plugins"))
from plugin_kit import command, install_plugin  # noqa: E402

# the rules' title with "(plug-in)" after it, surer than the rules; where the rules found
# a company, a guess at it less sure than them
ANSWER = """
for p in postings:
    title = p["fields"]["title"] or "Untitled"
    fields = {"title": {"value": title + " (plug-in)", "confidence": 0.99}}
    if p["fields"]["company"]:
        fields["company"] = {"value": "Guessed Ltd", "confidence": 0.05}
    print(json.dumps({"id": p["id"], "fields": fields}))
"""


def reviewer(*args: str) -> int:
    return main(list(args))


def _machine(db: Path) -> dict[int, dict[str, dict[str, object]]]:
    with Store(db) as store:
        return {pid: store.records.get(pid)["machine"] for pid in store.queue.ids()}


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_import_with_a_command_gives_its_own_suggestions(  # type: ignore[no-untyped-def]
        tmp_path: Path, capsys, jobs: str) -> None:
    db = tmp_path / "p.db"
    assert reviewer("import", str(db), str(SAMPLES), "--jobs", jobs,
                    "--extractor", command(tmp_path, ANSWER)) == 0
    captured = capsys.readouterr()
    assert "8 postings added" in captured.out
    assert "values for 8 of 8 postings, 8 suggested over the rules' (stage command)" \
        in captured.err
    for machine in _machine(db).values():
        title = machine["title"]
        assert title["stage"] == "command" and str(title["value"]).endswith(" (plug-in)")
        rules = [a for a in title["alternatives"] if a["stage"] != "command"]  # type: ignore[attr-defined]
        assert rules and f"{rules[0]['value']} (plug-in)" == title["value"]
        if "company" in machine:
            assert machine["company"]["stage"] != "command"
            assert "Guessed Ltd" in [a["value"] for a in machine["company"]["alternatives"]]  # type: ignore[attr-defined]


def test_import_with_an_installed_plugin(  # type: ignore[no-untyped-def]
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    source = """
class Reader:
    def extract(self, postings):
        return [{"department": {"value": "From the plug-in", "spans": [[0, 1]],
                                "confidence": 0.99}} for p in postings]
"""
    install_plugin(tmp_path, monkeypatch, "acme", source, "Reader")
    db = tmp_path / "p.db"
    assert reviewer("import", str(db), str(SAMPLES), "--extractor", "acme") == 0
    assert "plug-in 'acme'" in capsys.readouterr().err
    for machine in _machine(db).values():
        assert machine["department"]["value"] == "From the plug-in"
        assert machine["department"]["stage"] == "plugin:acme"


def test_a_failing_command_costs_nothing_but_its_values(  # type: ignore[no-untyped-def]
        tmp_path: Path, capsys) -> None:
    db, plain = tmp_path / "p.db", tmp_path / "plain.db"
    body = "sys.stderr.write('Traceback…\\nRuntimeError: out of credit\\n'); sys.exit(2)"
    assert reviewer("import", str(db), str(SAMPLES), "--extractor",
                    command(tmp_path, body, "llm.py")) == 1
    captured = capsys.readouterr()
    assert "8 postings added" in captured.out
    assert "exited with status 2 on 8 postings from" in captured.err
    assert "llm.py" in captured.err and "RuntimeError: out of credit" in captured.err
    assert "keep the rules' values" in captured.err
    assert reviewer("import", str(plain), str(SAMPLES)) == 0
    assert _machine(db) == _machine(plain)


@pytest.mark.parametrize("command_name", ["reextract", "import", "extract"])
def test_an_extractor_that_cannot_be_had_stops_before_anything_is_written(  # type: ignore[no-untyped-def]
        tmp_path: Path, capsys, command_name: str) -> None:
    db = tmp_path / "p.db"
    if command_name == "reextract":
        reviewer("import", str(db), str(SAMPLES / "01_lumenfield-senior-backend-engineer.html"))
    args = {"reextract": [str(db)], "import": [str(db), str(SAMPLES)],
            "extract": [str(SAMPLES / "01_lumenfield-senior-backend-engineer.html")]}
    capsys.readouterr()
    assert reviewer(command_name, *args[command_name], "--extractor", "not-a-plugin") == 2
    captured = capsys.readouterr()
    assert captured.err.startswith("reviewer: no program 'not-a-plugin' to run")
    assert "Traceback" not in captured.err and captured.out == ""
    if command_name == "import":
        assert not db.exists()


def test_reextract_with_a_command_leaves_reviewed_work_alone(  # type: ignore[no-untyped-def]
        tmp_path: Path, capsys) -> None:
    db = tmp_path / "p.db"
    assert reviewer("import", str(db), str(SAMPLES)) == 0
    with Store(db) as store:
        reviewed, corrected, fresh = store.queue.ids()[:3]
        store.decisions.accept_all(reviewed)
        store.decisions.set_field(corrected, "title", "A title of my own")
        before = {pid: store.records.get(pid) for pid in (reviewed, corrected)}
    capsys.readouterr()
    assert reviewer("reextract", str(db), "--extractor", command(tmp_path, ANSWER)) == 0
    captured = capsys.readouterr()
    # the reviewed posting is not sent to the command: nothing it says could be used;
    # its title, surer than the rules', is no suggestion of a posting whose title a
    # person decided (it said "7 suggested")
    assert "values for 7 of 7 postings, 6 suggested" in captured.err
    with Store(db) as store:
        after = {pid: store.records.get(pid) for pid in (reviewed, corrected, fresh)}
    keys = ("human", "fields", "status", "cleaned")
    assert {k: after[reviewed][k] for k in keys} == {k: before[reviewed][k] for k in keys}
    assert after[reviewed]["machine"]["title"] == before[reviewed]["machine"]["title"]
    assert after[corrected]["fields"]["title"] == "A title of my own"
    assert after[corrected]["machine"]["title"] == before[corrected]["machine"]["title"]
    assert after[corrected]["machine"]["company"]["alternatives"][0]["stage"] == "command"
    assert after[fresh]["machine"]["title"]["stage"] == "command"
    # run again: nothing new to say
    assert reviewer("reextract", str(db), "--extractor", command(tmp_path, ANSWER)) == 0
    assert "0 postings updated" in capsys.readouterr().out


def test_eval_reports_each_stage(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "p.db"
    assert reviewer("import", str(db), str(SAMPLES), "--extractor",
                    command(tmp_path, ANSWER)) == 0
    with Store(db) as store:
        first, second, third = store.queue.ids()[:3]
        for pid in (first, second):  # the rules' title, the alternative, chosen
            rules = store.records.get(pid)["machine"]["title"]["alternatives"][0]["value"]
            store.decisions.set_field(pid, "title", rules)
            store.decisions.accept_all(pid)
        store.decisions.accept_all(third)  # the command's title accepted
    capsys.readouterr()
    assert reviewer("eval", str(db)) == 0
    lines = capsys.readouterr().out.splitlines()
    title = next(x for x in lines if x.startswith("title "))
    assert title.split()[1:] == ["1", "2", "0", "0", "0.333"]
    command_title = next(x for x in lines if x.split()[:2] == ["command", "title"])
    assert command_title.split()[2:] == ["3", "3", "1", "0.333"]
    company = next(x for x in lines if x.split()[:2] == ["command", "company"])
    assert company.split()[3:] == ["0", "0", "0.000"]  # offered, never right
    assert any(x.split()[:3] == ["command", "(all", "fields)"] for x in lines)
    assert reviewer("eval", str(db), "--json") == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["title"]["stages"]["command"] == {"offered": 3, "won": 3, "right": 1,
                                                     "accuracy": 0.3333}
    assert figures["title"]["corrected"] == 2
    rule_stages = set(figures["title"]["stages"]) - {"command"}
    assert rule_stages and sum(figures["title"]["stages"][s]["right"] for s in rule_stages) >= 2


def test_extract_without_a_project_takes_the_extractor_too(  # type: ignore[no-untyped-def]
        tmp_path: Path, capsys) -> None:
    page = SAMPLES / "01_lumenfield-senior-backend-engineer.html"
    assert reviewer("extract", str(page), "--extractor", command(tmp_path, ANSWER)) == 0
    captured = capsys.readouterr()
    record = json.loads(captured.out)
    assert record["fields"]["title"] == "Senior Backend Engineer, Data Platform (plug-in)"
    assert record["confidence"]["title"] == 0.99
    assert record["fields"]["company"] == "Lumenfield Analytics"
    assert "extractor command" in captured.err


COMPANY = """
for p in postings:
    print(json.dumps({"id": p["id"], "fields": {"company": {"value": "PlugCo",
                                                              "confidence": 0.99}}}))
"""


@pytest.mark.parametrize("at_import", [False, True])
def test_a_column_s_value_a_command_beat_comes_back_without_the_command(  # type: ignore[no-untyped-def]
        tmp_path: Path, capsys, at_import: bool) -> None:
    data = tmp_path / "d.csv"
    data.write_text('text,company\n"Data Engineer\n\nWe are hiring a data engineer in Leeds, '
                    'UK. You will build pipelines in Python.",ColumnCo\n', encoding="utf-8")
    db = tmp_path / "p.db"
    plug = command(tmp_path, COMPANY)
    assert reviewer("import", str(db), str(data), *(["--extractor", plug] if at_import
                                                     else [])) == 0
    if not at_import:
        assert reviewer("reextract", str(db), "--extractor", plug) == 0
    [machine] = _machine(db).values()
    assert machine["company"]["value"] == "PlugCo"
    assert reviewer("reextract", str(db)) == 0
    [machine] = _machine(db).values()
    assert (machine["company"]["value"], machine["company"]["stage"]) == ("ColumnCo", "dataset")
    assert reviewer("reextract", str(db), "--extractor", plug) == 0
    assert reviewer("reextract", str(db)) == 0  # and again: the column's value is never lost
    [machine] = _machine(db).values()
    assert machine["company"]["value"] == "ColumnCo"


@pytest.mark.parametrize("seconds", ["nan", "inf", "0", "-1"])
def test_a_timeout_that_is_no_number_of_seconds_is_refused_first(  # type: ignore[no-untyped-def]
        tmp_path: Path, capsys, seconds: str) -> None:
    db = tmp_path / "p.db"
    assert reviewer("import", str(db), str(SAMPLES), "--extractor", command(tmp_path, ANSWER),
                    "--extractor-timeout", seconds) == 2
    assert "--extractor-timeout: give a number of seconds over 0" in capsys.readouterr().err
    assert not db.exists()


def test_a_time_limit_for_a_plugin_which_nothing_could_hold_to_is_refused(  # type: ignore[no-untyped-def]
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    install_plugin(tmp_path, monkeypatch, "slow", "class Reader:\n    def extract(self, p):\n"
                   "        return [{} for _ in p]\n", "Reader")
    db = tmp_path / "p.db"
    assert reviewer("import", str(db), str(SAMPLES), "--extractor", "slow",
                    "--extractor-timeout", "5") == 2
    assert "a plug-in runs in this process" in capsys.readouterr().err
    assert not db.exists()


def test_what_the_extractor_report_quotes_is_printed_escaped(  # type: ignore[no-untyped-def]
        tmp_path: Path, capsys) -> None:
    """A file's name and the command's own words went to the terminal as they were: an
    escape sequence in them was obeyed."""
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "ok\x1b[32mGREEN.txt").write_text(
        "Data Engineer\n\nAcme Ltd is hiring a data engineer in Leeds to build pipelines.\n",
        encoding="utf-8")
    failing = command(tmp_path, 'sys.stderr.write("boom \\x1b[31m red\\n"); sys.exit(1)\n')
    assert reviewer("import", str(tmp_path / "p.db"), str(pages), "--extractor", failing) == 1
    err = capsys.readouterr().err
    assert "\x1b" not in err
    assert "GREEN.txt" in err and "red" in err
