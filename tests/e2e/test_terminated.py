"""A command stopped by SIGTERM (``timeout``, ``kill``, a container stopping) ends as
Ctrl+C ends it: an export leaves no partial file, and the exit code says why (143)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "reviewer" / "resources" / "samples"

# the export is sent SIGTERM by itself while it writes its third record
SCRIPT = """
import os, signal, sys
from reviewer.core.export import parts, rows
real, seen = rows.canonical_row, []
def row(record):
    seen.append(1)
    if len(seen) == 3:
        os.kill(os.getpid(), signal.SIGTERM)
    return real(record)
rows.canonical_row = parts.canonical_row = row
from reviewer.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_an_export_sent_sigterm_leaves_no_partial_file(tmp_path: Path) -> None:
    from reviewer.cli import main

    db = tmp_path / "p.db"
    assert main(["import", str(db), str(SAMPLES)]) == 0
    out = tmp_path / "out.jsonl"
    proc = subprocess.run([sys.executable, "-c", SCRIPT, "export", str(db), "--all",
                           "--jobs", "1", "-o", str(out)], capture_output=True, text=True,
                          cwd=ROOT, timeout=120, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.returncode == 128 + signal.SIGTERM, proc.stderr
    assert "stopped" in proc.stderr
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(("out", ".out"))) \
        == []
