"""Projects for the split and merge tests: a source project with everything a reviewer's
file carries (schema, guidelines, descriptions, column mappings, a learned model,
suggestions with alternatives, label suggestions), and a dump of every table to compare
two states of a file."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

from reviewer.core.labels import Option, Question
from reviewer.core.store import NewPosting, Store

TEXT = "Data Engineer {n}\n\nAcme {n} is hiring in Berlin. Python and SQL.\n"


def posting(n: int) -> NewPosting:
    text = TEXT.format(n=n)
    return NewPosting(
        source=f"p{n}.txt", hash=f"hash-{n:05d}", kind="text", raw=f"<p>{text}</p>",
        cleaned=text, fields={"title": f"Data Engineer {n}", "company": f"Acme {n}",
                              "skills": ["Python", "SQL"]},
        evidence={"title": [[0, len(f"Data Engineer {n}")]]},
        confidence={"title": 0.9, "company": 0.6, "skills": 0.7},
        stages={"title": "structure", "company": "prose", "skills": "patterns"},
        alternatives={"title": [{"value": "Engineer", "confidence": 0.3, "stage": "prose",
                                 "spans": []}]},
        label_suggestions={"relevant": (["yes"], 0.8)}, usefulness=n / 1000)


def make_source(path: Path, n: int = 60) -> Path:
    """A project of ``n`` postings, ready to split."""
    with Store(path, reviewer="lead") as store:
        store.postings.add([posting(i) for i in range(1, n + 1)])
        store.labels.save_schema([
            Question("relevant", "single", [Option("yes"), Option("no")]),
            Question("tags", "multi", [Option("urgent"), Option("remote"), Option("junior")]),
            Question("spans", "span", [Option("SKILL"), Option("TOOL")])])
        store.meta.set_guidelines("# Guidelines\n\nThe title is the role.")
        store.meta.set_descriptions({"field:title": "The role.",
                                     "question:relevant": "Is it a job posting?"})
        store.column_maps.remember({("body", "job_title"): {"page": "body",
                                                            "fields": {"title": "job_title"}}})
        store.models.save("fields", b"model-bytes", [1, 2], {"format": "test"})
    return path


def shared_files(folder: Path, names: list[str], n: int = 6) -> dict[str, Path]:
    """Each of ``names``'s own file, split from a project of ``n`` postings, every posting
    in every file."""
    from reviewer.core.team import split_project

    source = make_source(folder / "project.db", n=n)
    with Store(source) as store:
        return split_project(store, names, folder / "out", overlap=1.0,
                             copies=len(names)).files


def dump(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table of a project file (the search index's own tables and
    the log's ids left out), to compare two states of it."""
    with closing(sqlite3.connect(path)) as db:
        tables = [r[0] for r in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE"
            " 'postings_fts%' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        return {t: sorted(db.execute(f"SELECT * FROM {t}").fetchall(), key=repr)
                for t in tables}
