"""A label schema of more questions or options than a person picks from by hand is
refused with what the limit is (`reviewer labels --import`, the schema dialog's Save);
one a project holds all the same is copied as it is (split, merge). Before, a schema of
200,000 options was saved, and the window did not open on the project in 5 minutes
(tests/gui/test_schema_too_large.py: a project that holds one)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from reviewer.cli import main
from reviewer.core.label_checks import check_given
from reviewer.core.labels import MAX_OPTIONS, MAX_QUESTIONS, Option, Question, within_limits
from reviewer.core.store import Store


def _options(n: int) -> list[dict[str, str]]:
    return [{"name": f"option {i}"} for i in range(n)]


def test_a_schema_past_the_limits_is_refused_saying_the_limit() -> None:
    check_given([Question("occupation", "single",
                          [Option(f"o{i}") for i in range(MAX_OPTIONS)])])
    with pytest.raises(ValueError, match=f"{MAX_OPTIONS + 1:,} options in all, at most "
                                         f"{MAX_OPTIONS:,}; 'occupation' has"):
        check_given([Question("occupation", "single",
                              [Option(f"o{i}") for i in range(MAX_OPTIONS + 1)])])
    many = [Question(f"q{i}", "single", [Option("yes")]) for i in range(MAX_QUESTIONS + 1)]
    with pytest.raises(ValueError, match=f"{MAX_QUESTIONS + 1} questions, at most"):
        check_given(many)


def test_the_window_is_told_which_questions_it_leaves_out() -> None:
    many = [Question(f"q{i}", "single", [Option("yes")]) for i in range(MAX_QUESTIONS + 1)]
    shown, said = within_limits(many)
    assert len(shown) == MAX_QUESTIONS and "'q200' not shown" in str(said)
    halves = [Question(name, "multi", [Option(f"o{i}") for i in range(MAX_OPTIONS // 2 + 1)])
              for name in ("a_first", "b_second")] + [Question("c", "single", [Option("y")])]
    shown, said = within_limits(halves)
    assert [q.name for q in shown] == ["a_first", "c"]
    assert str(said).startswith("Label schema too large: 'b_second' not shown")
    assert within_limits(shown) == (shown, None)


def test_a_project_holding_a_schema_too_large_is_split_and_merged_as_it_is(
        tmp_path: Path) -> None:
    db = tmp_path / "big.db"
    Store(db).close()
    with sqlite3.connect(db) as conn:  # (as a file made elsewhere holds it)
        conn.execute("INSERT INTO label_schema (question, kind, options, position)"
                     " VALUES ('topic', 'multi', ?, 99)", (json.dumps(_options(20_000)),))
    assert main(["split", str(db), "--reviewers", "ana,ben", "-o", str(tmp_path / "out")]) == 0
    assert main(["merge", str(tmp_path / "new.db"), str(db)]) == 0
    for copy in (tmp_path / "out" / "ana.db", tmp_path / "new.db"):
        with Store(copy) as store:
            assert len(next(q for q in store.labels.schema() if q.name == "topic").options) \
                == 20_000


def test_labels_import_refuses_a_schema_of_too_many_options(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "p.db"
    with Store(db) as store:
        before = store.labels.schema()
    schema = tmp_path / "big.json"
    schema.write_text(json.dumps([{"question": "topic", "kind": "single",
                                   "options": _options(200_000)}]), encoding="utf-8")
    assert main(["labels", str(db), "--import", str(schema), "--force"]) == 2
    assert f"200,000 options in all, at most {MAX_OPTIONS:,}; 'topic' has 200,000" in \
        capsys.readouterr().err
    with Store(db) as store:
        assert store.labels.schema() == before


def test_a_project_holding_a_schema_too_large_may_keep_it_or_make_it_smaller(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Importing its own schema again, unchanged, was refused: any change that kept the
    large question was (a colour, a description, a question added elsewhere)."""
    db = tmp_path / "big.db"
    Store(db).close()
    with sqlite3.connect(db) as conn:
        conn.execute("INSERT INTO label_schema (question, kind, options, position)"
                     " VALUES ('occupation_taxonomy_isco_level_4_en', 'multi', ?, 99)",
                     (json.dumps(_options(5_000)),))
    schema = tmp_path / "schema.json"
    assert main(["labels", str(db), "--export", str(schema)]) == 0
    assert main(["labels", str(db), "--import", str(schema)]) == 0  # kept as it is
    data = json.loads(schema.read_text(encoding="utf-8"))
    data[-1]["options"] = data[-1]["options"][:4_000]  # made smaller
    schema.write_text(json.dumps(data), encoding="utf-8")
    assert main(["labels", str(db), "--import", str(schema), "--force"]) == 0
    data[-1]["options"].append({"name": "one more"})  # but not larger
    data[-1]["options"].append({"name": "and another"})
    schema.write_text(json.dumps(data), encoding="utf-8")
    capsys.readouterr()
    assert main(["labels", str(db), "--import", str(schema)]) == 2
    assert "'occupation_taxonomy_isco_level_4_en' has 4,002" in capsys.readouterr().err
    long = [Question("occupation_taxonomy_isco_level_4_" + "x" * 40 + lang, "multi",
                     [Option(f"o{i}") for i in range(MAX_OPTIONS // 2 + 1)])
            for lang in ("en", "de", "fr")]
    said = str(within_limits(long)[1])
    assert said.count("…") == 2  # (two names cut alike, now told to be cut)


def test_an_import_says_how_many_options_have_no_key_and_how_they_are_picked(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A question of 300 options (under the 2,000 allowed) was saved with the last 74
    keyless, not in the help (F1), with no word: the README said every option has one.
    The keys run out (236 of one kind, 256 in all); the save says so now, and where such
    an option is picked."""
    db = tmp_path / "p.db"
    Store(db).close()
    schema = tmp_path / "schema.json"
    assert main(["labels", str(db), "--export", str(schema)]) == 0
    data = json.loads(schema.read_text(encoding="utf-8"))
    data.append({"question": "topic", "kind": "multi", "options": _options(300)})
    schema.write_text(json.dumps(data), encoding="utf-8")
    capsys.readouterr()
    assert main(["labels", str(db), "--import", str(schema)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("label schema saved: 4 questions\n")
    assert "74 options have no key (the keys ran out): pick them in the Labels menu" in out
    with Store(db) as store:
        assert sum(not o.key for q in store.labels.schema() for o in q.options) == 74
    data[-1]["options"] = _options(200)
    schema.write_text(json.dumps(data), encoding="utf-8")
    assert main(["labels", str(db), "--import", str(schema), "--force"]) == 0
    assert "no key" not in capsys.readouterr().out
