"""`reviewer guidelines`: the guidelines and the descriptions set from files, shown and
written back; and the descriptions a label schema's JSON carries through `reviewer labels`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reviewer.cli import main
from reviewer.core.store import Store

GUIDE = "# Guidelines\n\nA title is the role, not the team. Ünïcode kept.\n"


def test_guidelines_in_and_out(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "p.db"
    Store(db).close()
    assert main(["guidelines", str(db)]) == 0
    assert "no guidelines" in capsys.readouterr().out
    (tmp_path / "g.md").write_text(GUIDE, encoding="utf-8")
    (tmp_path / "d.json").write_text(json.dumps({
        "field:title": "The role as the posting names it.",
        "option:relevant/yes": "One job, in the posting's text.",
        "question:nothing": "kept, but noted"}), encoding="utf-8")
    assert main(["guidelines", str(db), "--import", str(tmp_path / "g.md"),
                 "--descriptions", str(tmp_path / "d.json")]) == 0
    out, err = capsys.readouterr()
    assert "guidelines saved" in out and "descriptions saved: 3" in out
    assert "question:nothing names nothing in the project" in err
    with Store(db) as store:
        assert store.meta.guidelines() == GUIDE
        assert store.meta.descriptions()["field:title"].startswith("The role")
    assert main(["guidelines", str(db)]) == 0
    shown = capsys.readouterr().out
    assert "A title is the role" in shown and "option:relevant/yes: One job" in shown
    assert main(["guidelines", str(db), "--export", str(tmp_path / "back.md")]) == 0
    assert (tmp_path / "back.md").read_text(encoding="utf-8") == GUIDE
    capsys.readouterr()
    assert main(["guidelines", str(db), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["guidelines"] == GUIDE and len(data["descriptions"]) == 3


def test_bad_descriptions_are_refused_with_nothing_written(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "p.db"
    Store(db).close()
    (tmp_path / "g.md").write_text(GUIDE, encoding="utf-8")
    for bad in ('{"title": "no kind"}', "[1, 2]", "{not json", '{"field:title": 3}',
                "[" * 100_000 + "]" * 100_000):
        (tmp_path / "d.json").write_text(bad, encoding="utf-8")
        assert main(["guidelines", str(db), "--import", str(tmp_path / "g.md"),
                     "--descriptions", str(tmp_path / "d.json")]) == 2
    assert "field:NAME" in capsys.readouterr().err
    with Store(db) as store:
        assert store.meta.guidelines() == "" and store.meta.descriptions() == {}
    assert main(["guidelines", str(db), "--import", str(tmp_path / "none.md")]) == 2


def test_the_label_schema_carries_descriptions(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "p.db"
    with Store(db) as store:
        store.meta.set_descriptions({"field:title": "The role.",
                                     "question:relevant": "old text"})
    schema = tmp_path / "schema.json"
    assert main(["labels", str(db), "--export", str(schema)]) == 0
    data = json.loads(schema.read_text(encoding="utf-8"))
    relevant = next(q for q in data if q["question"] == "relevant")
    assert relevant["description"] == "old text"
    assert all("description" not in o for q in data for o in q["options"])
    relevant["description"] = "Is it one job posting?"
    relevant["options"][0]["description"] = "Yes: one job."
    schema.write_text(json.dumps(data), encoding="utf-8")
    assert main(["labels", str(db), "--import", str(schema)]) == 0
    with Store(db) as store:
        descriptions = store.meta.descriptions()
    yes = relevant["options"][0]["name"]
    assert descriptions == {"field:title": "The role.",
                            "question:relevant": "Is it one job posting?",
                            f"option:relevant/{yes}": "Yes: one job."}
    capsys.readouterr()
    assert main(["labels", str(db), "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert next(q for q in shown if q["question"] == "relevant")["options"][0][
        "description"] == "Yes: one job."
    # a schema without any description leaves the descriptions as they are
    for question in data:
        question.pop("description", None)
        for option in question["options"]:
            option.pop("description", None)
    schema.write_text(json.dumps(data), encoding="utf-8")
    assert main(["labels", str(db), "--import", str(schema)]) == 0
    with Store(db) as store:
        assert store.meta.descriptions() == descriptions


def test_a_schema_whose_key_types_or_moves_in_the_window_is_refused(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "p.db"
    Store(db).close()
    schema = tmp_path / "schema.json"
    assert main(["labels", str(db), "--export", str(schema)]) == 0
    data = json.loads(schema.read_text(encoding="utf-8"))
    data[0]["options"][0]["key"] = "Tab"
    schema.write_text(json.dumps(data), encoding="utf-8")
    capsys.readouterr()
    assert main(["labels", str(db), "--import", str(schema)]) == 2
    assert "Tab" in capsys.readouterr().err
    with Store(db) as store:
        assert all(o.key != "Tab" for q in store.labels.schema() for o in q.options)


def test_what_a_terminal_would_obey_is_shown_not_obeyed(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Guidelines and descriptions from a project file someone else made were printed as
    they are: an escape sequence retitled the terminal or cleared the screen. A file
    saved with a byte-order mark (Notepad) lost its first heading and was refused as
    descriptions."""
    db = tmp_path / "p.db"
    Store(db).close()
    (tmp_path / "g.md").write_bytes(
        "\ufeff# Title\n\nBe careful \x1b]0;PWNED\x07\x1b[2J red\n\tindented\n".encode())
    (tmp_path / "d.json").write_bytes(
        "\ufeff".encode() + json.dumps({"field:title": "Title \x1b[31m",
                                         "field:x\x1b[2J": "odd"}).encode())
    assert main(["guidelines", str(db), "--import", str(tmp_path / "g.md"),
                 "--descriptions", str(tmp_path / "d.json")]) == 0
    out, err = capsys.readouterr()
    assert "\x1b" not in err and "field:x\\x1b[2J names nothing" in err
    with Store(db) as store:
        assert store.meta.guidelines().startswith("# Title\n")
    assert main(["guidelines", str(db)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out
    assert "Be careful \\x1b]0;PWNED\\x07\\x1b[2J red\n\tindented" in out
    assert "field:title: Title \\x1b[31m" in out


def test_options_of_names_with_a_slash_keep_their_own_descriptions(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Question "a/b" of option "c" and question "a" of option "b/c" were both described
    under "option:a/b/c": one description lost, the other shown for both."""
    db = tmp_path / "p.db"
    Store(db).close()
    schema = [{"question": "a/b", "kind": "single",
               "options": [{"name": "c", "description": "c under a/b"}, {"name": "d"}]},
              {"question": "a", "kind": "single",
               "options": [{"name": "b/c", "description": "b/c under a"}, {"name": "e"}]}]
    (tmp_path / "s.json").write_text(json.dumps(schema), encoding="utf-8")
    assert main(["labels", str(db), "--import", str(tmp_path / "s.json")]) == 0
    capsys.readouterr()
    assert main(["labels", str(db), "--json"]) == 0
    shown = {q["question"]: q for q in json.loads(capsys.readouterr().out)}
    assert shown["a/b"]["options"][0]["description"] == "c under a/b"
    assert shown["a"]["options"][0]["description"] == "b/c under a"


@pytest.mark.parametrize("command", [["labels", "--export", ""], ["labels", "--import", " "],
                                     ["guidelines", "--export", ""],
                                     ["guidelines", "--descriptions", ""]])
def test_an_empty_file_name_is_refused(command: list[str], tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    """``--export ""`` was taken as no option: the schema printed, exit 0."""
    db = tmp_path / "p.db"
    Store(db).close()
    with pytest.raises(SystemExit) as exit_:
        main([command[0], str(db), *command[1:]])
    assert exit_.value.code == 2 and "an empty name: no file" in capsys.readouterr().err


@pytest.mark.parametrize("command", ["guidelines", "labels"])
def test_an_export_onto_a_project_file_is_refused(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str) -> None:
    """`guidelines --export proj.db` wrote the guidelines over the project file itself
    and said so with status 0: its postings were gone."""
    db, other = tmp_path / "p.db", tmp_path / "other.db"
    for path in (db, other):
        Store(path, create=True).close()
    before = other.read_bytes()
    for target in (db, other, Path(f"{other}-wal")):
        assert main([command, str(db), "--export", str(target)]) == 2
        assert "project file" in capsys.readouterr().err
    assert other.read_bytes() == before
    assert main(["stats", str(db)]) == 0  # still a project


@pytest.mark.parametrize("command", ["guidelines", "labels"])
def test_an_export_onto_a_pipe_or_a_folder_is_refused(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str) -> None:
    import os

    db = tmp_path / "p.db"
    Store(db, create=True).close()
    os.mkfifo(tmp_path / "fifo")
    (tmp_path / "folder").mkdir()
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "x.txt").write_text("x", encoding="utf-8")
    for target in ("fifo", "folder", "full"):
        assert main([command, str(db), "--export", str(tmp_path / target)]) == 2
        said = capsys.readouterr().err
        assert "empty folder" not in said  # (no folder will do)
    assert main([command, str(db), "--export", str(tmp_path / "out.txt")]) == 0
    assert (tmp_path / "out.txt").is_file()


@pytest.mark.parametrize("given", [["--import", "s.json", "--export", "out.json"],
                                   ["--force"], ["--force", "--export", "out.json"]])
def test_labels_options_that_do_not_go_together_are_refused(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], given: list[str]) -> None:
    """--import with --export replaced the schema and wrote nothing; --force without
    --import was taken and did nothing."""
    db = tmp_path / "p.db"
    Store(db, create=True).close()
    (tmp_path / "s.json").write_text(json.dumps(
        [{"question": "fit", "kind": "single", "options": ["good", "bad"]}]), encoding="utf-8")
    try:
        code = main(["labels", str(db), *[str(tmp_path / x) if x.endswith(".json") else x
                                          for x in given]])
    except SystemExit as stop:  # (argparse: options of one group given together)
        code = stop.code
    assert code == 2
    with Store(db) as store:
        assert "fit" not in [q.name for q in store.labels.schema()]
    assert not (tmp_path / "out.json").exists()


def test_a_rename_in_the_json_carries_the_labels(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The README says renaming through --import carries the labels; the JSON had no way
    to say what a name was, so a renamed option was a removed one (--force dropped its
    labels). A "was" beside a name says it."""
    from reviewer.core.store import NewPosting

    db = tmp_path / "p.db"
    with Store(db, create=True) as store:
        store.postings.add([NewPosting(source="a", hash="a", kind="text", raw="x",
                                       cleaned="Data Engineer")])
        store.labels.answer(1, "relevant", ["yes"])
    assert main(["labels", str(db), "--export", str(tmp_path / "s.json")]) == 0
    schema = json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))
    relevant = next(q for q in schema if q["question"] == "relevant")
    relevant.update(question="is_relevant", was="relevant")
    yes = next(o for o in relevant["options"] if o["name"] == "yes")
    yes.update(name="ja", was="yes")
    (tmp_path / "s.json").write_text(json.dumps(schema), encoding="utf-8")
    assert main(["labels", str(db), "--import", str(tmp_path / "s.json")]) == 0
    assert "labels removed" not in capsys.readouterr().out
    with Store(db) as store:
        assert store.records.get(1)["labels"] == {"is_relevant": ["ja"]}
    assert main(["labels", str(db), "--export", str(tmp_path / "s.json")]) == 0
    schema = json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))
    schema[0]["options"][0].update(name="si", was="no such option")  # names nothing
    (tmp_path / "s.json").write_text(json.dumps(schema), encoding="utf-8")
    assert main(["labels", str(db), "--import", str(tmp_path / "s.json")]) == 2
    assert "no such option" in capsys.readouterr().err


def _renamed(tmp_path: Path) -> tuple[Path, Path]:
    """A project whose posting is labelled relevant/yes, and a schema that renames the
    option yes to ja ("was") with a description."""
    from reviewer.core.store import NewPosting

    db = tmp_path / "p.db"
    with Store(db, create=True) as store:
        store.postings.add([NewPosting(source="a", hash="a", kind="text", raw="x",
                                       cleaned="Data Engineer")])
        store.labels.answer(1, "relevant", ["yes"])
    schema = tmp_path / "s.json"
    assert main(["labels", str(db), "--export", str(schema)]) == 0
    data = json.loads(schema.read_text(encoding="utf-8"))
    relevant = next(q for q in data if q["question"] == "relevant")
    relevant["description"] = "Is it one job posting?"
    yes = next(o for o in relevant["options"] if o["name"] == "yes")
    yes.update(name="ja", was="yes", description="Yes: one job.")
    schema.write_text(json.dumps(data), encoding="utf-8")
    return db, schema


def _state(db: Path) -> tuple[list[str], dict[str, list[str]], dict[str, str]]:
    with Store(db) as store:
        relevant = next(q for q in store.labels.schema() if q.name == "relevant")
        return relevant.option_names(), store.records.get(1)["labels"], \
            store.meta.descriptions()


def test_a_schema_import_stopped_before_its_descriptions_changes_nothing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The schema and its descriptions were saved one after the other: stopped between,
    the rename was saved without the descriptions."""
    import reviewer.cli.labels

    db, schema = _renamed(tmp_path)
    before = _state(db)

    def stopped(*_args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(reviewer.cli.labels, "save_schema_descriptions", stopped)
    assert main(["labels", str(db), "--import", str(schema)]) == 130
    assert _state(db) == before
    monkeypatch.undo()
    assert main(["labels", str(db), "--import", str(schema)]) == 0
    assert _state(db) == (["ja", "no"], {"relevant": ["ja"]}, {
        "question:relevant": "Is it one job posting?", "option:relevant/ja": "Yes: one job."})


def test_an_import_whose_renames_were_saved_already_can_run_again(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Run again, it was refused: "option 'ja' of 'relevant' was 'yes': question
    'relevant' has no such option" (the rename it asks for is done)."""
    db, schema = _renamed(tmp_path)
    for _run in range(2):
        assert main(["labels", str(db), "--import", str(schema)]) == 0, capsys.readouterr()
        assert _state(db) == (["ja", "no"], {"relevant": ["ja"]}, {
            "question:relevant": "Is it one job posting?",
            "option:relevant/ja": "Yes: one job."})
    assert main(["labels", str(db), "--export", str(schema)]) == 0  # a question renamed
    data = json.loads(schema.read_text(encoding="utf-8"))
    data[0].update(question="is_relevant", was="relevant")
    data[0]["options"][0]["was"] = "ja"
    schema.write_text(json.dumps(data), encoding="utf-8")
    for _run in range(2):
        assert main(["labels", str(db), "--import", str(schema)]) == 0, capsys.readouterr()
        with Store(db) as store:
            assert store.records.get(1)["labels"] == {"is_relevant": ["ja"]}
    data[0]["options"][0].update(name="si", was="nein")  # neither there nor done: refused
    schema.write_text(json.dumps(data), encoding="utf-8")
    assert main(["labels", str(db), "--import", str(schema)]) == 2
    assert "has no such" in capsys.readouterr().err
