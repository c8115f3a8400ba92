"""The core and the command line never import Qt or the GUI (STYLE.md, "Boundary")."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

CHECK = (
    "import reviewer.cli, reviewer.core.pipeline, sys\n"
    "reviewer.cli.main(['extract', sys.argv[1]])\n"
    "bad = [m for m in sys.modules if m.startswith(('PySide6', 'reviewer.gui'))]\n"
    "assert not bad, bad\n"
)


def test_core_and_cli_do_not_load_qt_or_the_gui(tmp_path: Path) -> None:
    posting = tmp_path / "posting.txt"
    posting.write_text("Data Analyst\n\nWe are looking for a data analyst in Leeds who knows "
                       "SQL and Python and likes clear reports.\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-c", CHECK, str(posting)], capture_output=True,
                          text=True, timeout=120, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert '"title":"Data Analyst"' in proc.stdout


def test_the_check_itself_can_fail() -> None:
    """The probe above would see a Qt import if there were one."""
    probe = "import sys, json; bad = [m for m in sys.modules if m.startswith('json')]; " \
            "assert not bad, bad"
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode != 0


def _lint_imports() -> str:
    found = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or \
        shutil.which("lint-imports")
    if found is None:
        pytest.skip("lint-imports (import-linter) is not installed")
    return found


def test_import_linter_contract_is_kept() -> None:
    proc = subprocess.run([_lint_imports(), "--no-cache"], cwd=ROOT, capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.parametrize(("module", "line", "contract"), [
    ("core/clean/unglue.py", "from reviewer.core.store import Store", "Core stages"),
    ("core/extract/dates.py", "from reviewer.core.ingest import read_file", "Core stages"),
    ("core/store/spans.py", "from reviewer.core.export import export", "Core stages"),
    ("gui/queue_pane.py", "from reviewer.core.store.queue import Queue", "public names"),
])
def test_the_contracts_catch_an_upward_or_private_import(tmp_path: Path, module: str, line: str,
                                                         contract: str) -> None:
    """A copy of the code with one forbidden import breaks the contract that forbids it."""
    shutil.copytree(ROOT / "reviewer", tmp_path / "reviewer")
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    with (tmp_path / "reviewer" / module).open("a", encoding="utf-8") as handle:
        handle.write(f"\n{line}  # noqa\n")
    proc = subprocess.run([_lint_imports(), "--no-cache"], cwd=tmp_path, capture_output=True,
                          text=True, timeout=300)
    broken = [row for row in proc.stdout.splitlines() if row.endswith("BROKEN")]
    assert proc.returncode != 0 and len(broken) == 1 and contract in broken[0], proc.stdout
