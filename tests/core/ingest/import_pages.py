"""Pages for the import tests: plain-text postings, each with a word of its own."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def word(n: int) -> str:
    """A word only page ``n`` holds."""
    return f"ref{n:05d}q"


def write_pages(folder: Path, count: int) -> Path:
    """``count`` plain-text pages in ``folder``, each with a word of its own and a few
    fields to extract."""
    folder.mkdir()
    for n in range(count):
        (folder / f"job{n:05d}.txt").write_text(
            f"Data Engineer {n}\nAcme Analytics · Berlin, Germany · Full-time\n\n"
            f"Reference {word(n)}. We build data pipelines in Python and SQL for our "
            f"customers. You will own their reliability with {n % 7 + 2} colleagues.\n\n"
            "Requirements\n\n  • 3+ years of experience with Python\n  • Strong SQL\n\n"
            "Salary: EUR 60,000 - 80,000 per year\n", encoding="utf-8")
    return folder


def write_jsonl(path: Path, lines: list[Any]) -> Path:
    """A JSONL file of these lines: objects as JSON, strings as they are."""
    path.write_text("".join((line if isinstance(line, str) else json.dumps(line)) + "\n"
                            for line in lines), encoding="utf-8")
    return path
