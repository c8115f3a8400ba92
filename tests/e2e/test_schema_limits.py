"""A label schema of more questions or options than a person picks from by hand is
refused with what the limit is (`reviewer labels --import`, the schema dialog's Save).
Before, a schema of 200,000 options was saved, and the window did not open on the
project in 5 minutes (tests/gui/test_schema_too_large.py: one that holds it all the
same)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reviewer.cli import main
from reviewer.core.labels import (
    MAX_OPTIONS,
    MAX_QUESTIONS,
    Option,
    Question,
    check,
    within_limits,
)
from reviewer.core.store import Store


def _options(n: int) -> list[dict[str, str]]:
    return [{"name": f"option {i}"} for i in range(n)]


def test_a_schema_past_the_limits_is_refused_saying_the_limit() -> None:
    check([Question("occupation", "single", [Option(f"o{i}") for i in range(MAX_OPTIONS)])])
    with pytest.raises(ValueError, match=f"10,001 options in all, at most {MAX_OPTIONS:,}; "
                                         "'occupation' has 10,001"):
        check([Question("occupation", "single",
                        [Option(f"o{i}") for i in range(MAX_OPTIONS + 1)])])
    many = [Question(f"q{i}", "single", [Option("yes")]) for i in range(MAX_QUESTIONS + 1)]
    with pytest.raises(ValueError, match=f"{MAX_QUESTIONS + 1} questions, at most"):
        check(many)
    shown, said = within_limits(many)
    assert len(shown) == MAX_QUESTIONS and "200 of its 201 questions shown" in str(said)
    big = [Question("a", "single", [Option("x")]),
           Question("b", "multi", [Option(f"o{i}") for i in range(MAX_OPTIONS)]),
           Question("c", "single", [Option("y")])]
    shown, said = within_limits(big)
    assert [q.name for q in shown] == ["a", "c"] and said is not None


def test_labels_import_refuses_a_schema_of_too_many_options(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "p.db"
    with Store(db) as store:
        before = store.labels.schema()
    schema = tmp_path / "big.json"
    schema.write_text(json.dumps([{"question": "topic", "kind": "single",
                                   "options": _options(200_000)}]), encoding="utf-8")
    assert main(["labels", str(db), "--import", str(schema), "--force"]) == 2
    assert "200,000 options in all, at most 10,000; 'topic' has 200,000" in \
        capsys.readouterr().err
    with Store(db) as store:
        assert store.labels.schema() == before
