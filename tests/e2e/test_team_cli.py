"""``reviewer split`` and ``reviewer merge`` as a user runs them: the printed reports, and
a problem said in one line, never a traceback."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

from reviewer.cli import main
from reviewer.core.store import Store

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "core" / "team"))
from team_projects import make_source


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_split_edit_merge(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = make_source(tmp_path / "project.db", n=40)
    code, out, err = run(capsys, "split", source, "--reviewers", "ana,ben,chen",
                         "--overlap", "0.25", "-o", tmp_path / "team")
    assert code == 0, err
    assert "40 postings split among 3 reviewers" in out and "10 shared by 2" in out
    for name in ("ana", "ben", "chen"):
        assert f"  {name}: {name}.db, " in out
    for name, title in (("ana", "Data Engineer"), ("ben", "Data Scientist"),
                        ("chen", "Data Engineer")):
        with Store(tmp_path / "team" / f"{name}.db", reviewer=name) as store:
            for pid in store.queue.ids():
                store.decisions.set_field(pid, "title", title)
                store.postings.set_status(pid, "reviewed")
    code, out, err = run(capsys, "merge", tmp_path / "merged.db",
                         *(tmp_path / "team" / f"{n}.db" for n in ("ana", "ben", "chen")))
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].startswith("ana.db: ") and "(ana)" in lines[0]
    assert "merged.db (new): 40 postings" in out
    with Store(tmp_path / "merged.db") as store:
        shared_with_ben = [pid for pid in store.queue.ids() if len(store.reviews.of(pid)) == 2
                           and "ben" in store.reviews.of(pid)]
        assert sorted(store.queue.ids(field_state="disagreement")) == sorted(shared_with_ben)
        assert store.queue.count("reviewed") == 40
    assert f"{len(shared_with_ben):,} postings with disagreements" in out
    code, again, err = run(capsys, "merge", tmp_path / "merged.db", tmp_path / "team" / "ana.db")
    assert code == 0 and "0 decisions new or changed" in again
    # an export before the disagreements are settled says so: those postings are marked
    # reviewed (the reviewers agree on that) but their disputed titles are no one's
    code, out, err = run(capsys, "export", tmp_path / "merged.db", "-o", tmp_path / "m.jsonl")
    assert code == 0, err
    assert (f"{len(shared_with_ben):,} of the postings chosen for the export still have "
            "reviewers who differ") in err and "--all-reviewers adds" in err
    code, out, err = run(capsys, "export", tmp_path / "merged.db", "-o", tmp_path / "r.jsonl",
                         "--all-reviewers")
    assert code == 0 and "each reviewer's own is under 'reviewers'" in err


def test_problems_are_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = make_source(tmp_path / "project.db", n=5)
    assert run(capsys, "split", source, "--reviewers", "ana,ben", "-o", tmp_path / "t")[0] == 0
    for args, words in (
            (("split", source, "--reviewers", "ana,ben", "-o", tmp_path / "t"), "exists"),
            (("split", source, "--reviewers", "ana,ana", "-o", tmp_path / "u"), "named twice"),
            (("split", source, "--reviewers", "ana,ben", "--copies", "3", "-o",
              tmp_path / "u"), "goes to 2 reviewers"),
            (("split", tmp_path / "none.db", "--reviewers", "a,b", "-o", tmp_path / "u"),
             "no such project file"),
            (("merge", tmp_path / "m.db", tmp_path / "t" / "ana.db", tmp_path / "none.db"),
             "no such project file"),
            (("merge", tmp_path / "m.db", tmp_path / "t" / "ana.db", tmp_path / "t"),
             "is a folder, not a project file")):
        code, _out, err = run(capsys, *args)
        assert code == 2 and err.startswith("reviewer: ") and words in err, err
        assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert not (tmp_path / "m.db").exists() and not (tmp_path / "u").exists()
    notes = tmp_path / "notes.db"
    notes.write_text("my notes", encoding="utf-8")
    code, _out, err = run(capsys, "merge", tmp_path / "m.db", notes)
    assert code == 2 and "not a project file" in err and "Nothing was merged" in err
    assert run(capsys, "split", source, "--reviewers", "ana,ben", "-o", tmp_path / "t",
               "--force")[0] == 0
    with pytest.raises(SystemExit):
        main(["split", str(source), "--reviewers", "a,b", "--overlap", "2", "-o", "x"])
    assert "0 to 1" in capsys.readouterr().err


def test_an_export_says_the_postings_left_out_as_their_status_is_undecided(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Reviewers who agree on everything but the status (one marked it reviewed, the
    other flagged it) leave the posting "new", out of an export of the reviewed postings:
    it was left out unsaid, the note counting only the postings exported."""
    source = make_source(tmp_path / "project.db", n=6)
    assert run(capsys, "split", source, "--reviewers", "ana,ben", "--overlap", "1", "-o",
               tmp_path / "team")[0] == 0
    for name in ("ana", "ben"):
        with Store(tmp_path / "team" / f"{name}.db", reviewer=name) as store:
            for n, pid in enumerate(store.queue.ids()):
                store.postings.set_status(pid, "flagged" if name == "ben" and n < 2
                                          else "reviewed")
    assert run(capsys, "merge", tmp_path / "m.db", tmp_path / "team" / "ana.db",
               tmp_path / "team" / "ben.db")[0] == 0
    for out in ("x.jsonl", "x.csv", "x.spacy"):
        code, said, err = run(capsys, "export", tmp_path / "m.db", "-o", tmp_path / out)
        assert code == 0 and said.startswith("4 postings"), err
        assert ("2 postings whose reviewers gave them different statuses (undecided status) "
                "were left out") in err, out
        assert "--all" in err and "adjudicate" in err
    code, said, err = run(capsys, "export", tmp_path / "m.db", "-o", tmp_path / "a.jsonl",
                          "--all")
    assert code == 0 and said.startswith("6 postings") and "left out" not in err


def test_file_names_are_printed_with_what_a_terminal_would_obey_escaped(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A file named with a line break and a right-to-left override put both into the
    reports of a split and a merge (and into a refusal): each is written as its escape."""
    evil = "evil\n\u202ename"
    source = make_source(tmp_path / f"{evil}.db", n=6)
    code, out, err = run(capsys, "split", source, "--reviewers", "ana,ben", "--overlap", "1",
                         "-o", tmp_path / f"{evil} team")
    assert code == 0, err
    for name in ("ana", "ben"):
        with Store(tmp_path / f"{evil} team" / f"{name}.db", reviewer=name) as store:
            store.postings.set_status(store.queue.ids()[0],
                                      "reviewed" if name == "ana" else "flagged")
    (tmp_path / f"{evil} team" / "ana.db").rename(tmp_path / f"{evil}.ana.db")
    inputs = [tmp_path / f"{evil}.ana.db", tmp_path / f"{evil} team" / "ben.db"]
    code, merged, err = run(capsys, "merge", tmp_path / f"{evil}.out.db", *inputs)
    assert code == 0, err
    code, _out, refused = run(capsys, "merge", tmp_path / "m.db", inputs[0], inputs[0])
    assert code == 2 and "named twice" in refused
    for said in (out, merged, refused):
        assert "\u202e" not in said and "evil\n" not in said, said
        assert "evil\\n\\u202ename" in said
    assert len(merged.splitlines()) == 4  # the inputs, OUT, where the disagreements are


def _rename(path: Path, data: list[dict[str, Any]]) -> Path:
    """``data`` with SKILL renamed HARD_SKILL and the answer "yes" renamed "ja", each with
    its "was", written to ``path``."""
    for question in data:
        for option in question["options"]:
            new = {"SKILL": "HARD_SKILL", "yes": "ja"}.get(option["name"])
            if new is not None:
                option.update(name=new, was=option["name"])
    path.write_text(json.dumps(data))
    return path


def test_a_rename_a_reviewer_made_first_is_refused_in_the_merge_naming_what_goes(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Ana renamed SKILL to HARD_SKILL (and yes to ja) in her own file; the lead's same
    rename in the merged project saved without --force and removed her spans and answers
    (no schema had their names), naming none of her spans and calling her "ja" an option
    the file drops; with --force it removed more than it had named."""
    source = make_source(tmp_path / "project.db", n=4)
    code, _out, err = run(capsys, "split", source, "--reviewers", "ana,ben", "--overlap",
                          "1.0", "--copies", "2", "-o", tmp_path / "team")
    assert code == 0, err
    for name in ("ana", "ben"):
        with Store(tmp_path / "team" / f"{name}.db", reviewer=name) as store:
            for pid in store.queue.ids():
                store.spans.add(pid, 0, 4, "SKILL")
                store.spans.add(pid, 5, 13, "TOOL")
                store.labels.answer(pid, "relevant", ["yes"])
    assert run(capsys, "labels", source, "--export", tmp_path / "s.json")[0] == 0
    renames = _rename(tmp_path / "rename.json", json.loads((tmp_path / "s.json").read_text()))
    code, _out, err = run(capsys, "labels", tmp_path / "team" / "ana.db", "--import", renames)
    assert code == 0, err
    code, _out, err = run(capsys, "merge", source, tmp_path / "team" / "ana.db",
                          tmp_path / "team" / "ben.db")
    assert code == 0, err
    code, _out, err = run(capsys, "labels", source, "--import", renames)
    assert code == 2
    assert "spans/HARD_SKILL (4)" in err and "relevant/ja (4)" in err
    assert "drops options in use: relevant/ja" not in err  # (the file has "ja")
    with Store(source) as store:
        own = {who: sorted({s[2] for s in by[("spans", "")]})
               for who, by in store.reviews.of(1).items()}
    assert own == {"ana": ["HARD_SKILL", "TOOL"], "ben": ["SKILL", "TOOL"]}  # nothing saved
    code, out, err = run(capsys, "labels", source, "--import", renames, "--force")
    assert code == 0, err
    assert out.startswith("label schema saved: 3 questions, 8 labels removed\n")
    with Store(source) as store:
        own = {who: sorted({s[2] for s in by[("spans", "")]})
               for who, by in store.reviews.of(1).items()}
    assert own == {"ana": ["TOOL"], "ben": ["HARD_SKILL", "TOOL"]}  # ben's SKILL renamed
