"""The README's two commands stay true."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _commands() -> list[str]:
    return re.findall(r"```\n(python3 -m venv .*?)\n```", README)


def test_readme_opens_with_the_two_commands() -> None:
    commands = _commands()
    assert len(commands) >= 2
    assert "reviewer extract" in commands[0] and "resources/samples/" in commands[0]
    assert "pytest" in commands[1]


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert _commands()[1] in ci.splitlines()


def test_the_main_job_runs_on_the_bundled_samples() -> None:
    job = _commands()[0].split("&& .venv/bin/")[-1]  # "reviewer extract --format md …"
    args = job.split()[1:]
    samples = sorted(str(p) for p in (ROOT / "resources" / "samples").iterdir())
    args = [a for a in args if "resources/samples" not in a] + samples
    proc = subprocess.run([sys.executable, "-m", "reviewer.cli", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.count("## Cleaned posting") == len(samples)
    assert "**Error:**" not in proc.stdout
