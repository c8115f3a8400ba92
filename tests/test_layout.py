"""The layout keeps its rules (README, "Architecture"): SQL only inside the store,
no module over 400 lines, no class over 300."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CODE = ROOT / "reviewer"
STORE = CODE / "core" / "store"
# a connection reached from outside the store: store.db, db.execute, .conn, sqlite3, ...
_SQL_REACH = re.compile(r"\bstore\.db\b|\bdb\.(?:execute|executemany|query|conn|atomic|table)\b"
                        r"|\.conn\.|\bimport sqlite3\b|\bsqlite_utils\b|\.execute(?:many)?\(")


def _modules() -> list[Path]:
    return sorted(CODE.rglob("*.py"))


def sql_outside_the_store(files: list[Path]) -> list[str]:
    """Lines of code outside ``reviewer/core/store`` that reach a database connection."""
    found = []
    for path in files:
        if STORE in path.parents:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("#", 1)[0]
            if _SQL_REACH.search(code):
                found.append(f"{path.name}:{number}: {line.strip()}")
    return found


def test_no_sql_outside_the_store() -> None:
    assert sql_outside_the_store(_modules()) == []


def test_the_sql_check_can_fail(tmp_path: Path) -> None:
    bad = tmp_path / "pane.py"
    bad.write_text("rows = self.store.db.execute('SELECT 1')\n", encoding="utf-8")
    assert sql_outside_the_store([bad])


def test_no_module_over_400_lines() -> None:
    long = {str(p.relative_to(ROOT)): n for p in _modules()
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 400}
    assert long == {}


def test_no_class_over_300_lines() -> None:
    big = {}
    for path in _modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and node.end_lineno is not None:
                size = node.end_lineno - node.lineno + 1
                if size > 300:
                    big[f"{path.relative_to(ROOT)}:{node.name}"] = size
    assert big == {}
