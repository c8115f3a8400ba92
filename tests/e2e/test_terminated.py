"""A command stopped by SIGTERM (``timeout``, ``kill``, a container stopping) ends as
Ctrl+C ends it: an export leaves no partial file, and the exit code says why (143)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "reviewer" / "resources" / "samples"

# the export is sent SIGTERM (or the signal in REVIEWER_TEST_SIGNAL) by itself while it
# writes its third record
SCRIPT = """
import os, signal, sys
SIGNAL = getattr(signal, os.environ.get("REVIEWER_TEST_SIGNAL", "SIGTERM"))
from reviewer.core.export import parts, rows
real, seen = rows.canonical_row, []
def row(record):
    seen.append(1)
    if len(seen) == 3:
        os.kill(os.getpid(), SIGNAL)
    return real(record)
rows.canonical_row = parts.canonical_row = row
from reviewer.cli import main
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP"])  # (SIGHUP: its terminal closed)
def test_an_export_sent_sigterm_leaves_no_partial_file(tmp_path: Path, name: str) -> None:
    from reviewer.cli import main

    db = tmp_path / "p.db"
    assert main(["import", str(db), str(SAMPLES)]) == 0
    out = tmp_path / "out.jsonl"
    proc = subprocess.run([sys.executable, "-c", SCRIPT, "export", str(db), "--all",
                           "--jobs", "1", "-o", str(out)], capture_output=True, text=True,
                          cwd=ROOT, timeout=120, env={**os.environ, "PYTHONPATH": str(ROOT),
                                                      "REVIEWER_TEST_SIGNAL": name})
    assert proc.returncode == 128 + getattr(signal, name), proc.stderr
    assert "stopped" in proc.stderr
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(("out", ".out"))) \
        == []


def test_a_signal_ignored_when_the_command_starts_stays_ignored(tmp_path: Path) -> None:
    """Under nohup (SIGHUP ignored) the command finishes though its terminal closes."""
    from reviewer.cli import main

    db = tmp_path / "p.db"
    assert main(["import", str(db), str(SAMPLES)]) == 0
    out = tmp_path / "out.jsonl"
    script = "import signal; signal.signal(signal.SIGHUP, signal.SIG_IGN)\n" + SCRIPT
    proc = subprocess.run([sys.executable, "-c", script, "export", str(db), "--all",
                           "--jobs", "1", "-o", str(out)], capture_output=True, text=True,
                          cwd=ROOT, timeout=120, env={**os.environ, "PYTHONPATH": str(ROOT),
                                                      "REVIEWER_TEST_SIGNAL": "SIGHUP"})
    assert proc.returncode == 0, proc.stderr
    assert len(out.read_text().splitlines()) == 8
