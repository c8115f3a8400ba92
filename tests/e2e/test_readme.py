"""The README's two commands stay true."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _commands() -> list[str]:
    return re.findall(r"```\n((?:sudo apt-get .*? && )?python3 -m venv .*?)\n```", README)


def test_readme_opens_with_the_two_commands() -> None:
    commands = _commands()
    assert len(commands) >= 2
    assert commands[0].endswith(".venv/bin/reviewer demo")
    assert "pytest" in commands[1]


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert _commands()[1] in ci.splitlines()


def test_ci_installs_the_libraries_the_window_command_names() -> None:
    packages = re.search(r"apt-get install -y --no-install-recommends ([^&]+)&&",
                         _commands()[0])
    assert packages is not None
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    offscreen = ("libgl1", "libegl1", "libxkbcommon0", "libfontconfig1", "fonts-dejavu-core",
                 "libglib2.0-0", "libdbus-1-3")  # what the tests' offscreen Qt needs
    assert set(offscreen) <= set(packages.group(1).split())
    assert all(name in ci for name in offscreen)


def test_the_window_command_opens_the_demo_project(tmp_path: Path) -> None:
    """``reviewer demo`` (the first command, past its setup) makes the demo project of
    the bundled samples and keeps its window open until it is closed."""
    job = _commands()[0].split("&& .venv/bin/")[-1]  # "reviewer demo"
    assert job == "reviewer demo"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path),
           "XDG_DATA_HOME": str(tmp_path / "data"), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    proc = subprocess.Popen([sys.executable, "-m", "reviewer.app", *job.split()[1:]], cwd=ROOT,
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    samples = len(list((ROOT / "reviewer" / "resources" / "samples").iterdir()))
    try:
        deadline = time.monotonic() + 120
        found: list[Path] = []
        while time.monotonic() < deadline and proc.poll() is None:
            found = list((tmp_path / "data").rglob("demo.db"))
            if found and _postings(found[0]) == samples:
                break
            time.sleep(0.5)
        time.sleep(2)  # the window is up: it must still be running, not crashed
        running = proc.poll() is None
    finally:
        proc.terminate()
        _out, err = proc.communicate(timeout=60)
    assert running, err
    assert found and _postings(found[0]) == samples
    assert "Traceback" not in err


def _postings(path: Path) -> int | None:
    """How many postings the project holds, read only (None: not made yet)."""
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
            return int(db.execute("SELECT count(*) FROM postings").fetchone()[0])
    except sqlite3.Error:  # its tables are still being made
        return None


@pytest.mark.parametrize("command", ["extract --format md"])
def test_the_headless_job_runs_on_the_bundled_samples(command: str) -> None:
    """``reviewer extract`` (Usage) on every bundled sample."""
    samples = sorted(str(p) for p in (ROOT / "reviewer" / "resources" / "samples").iterdir())
    proc = subprocess.run([sys.executable, "-m", "reviewer.cli", *command.split(), *samples],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.count("## Cleaned posting") == len(samples)
    assert "**Error:**" not in proc.stdout


def test_the_window_without_a_screen_says_so_in_a_line(tmp_path: Path) -> None:
    """With no display, Qt aborted (status 134) with its own lines about plug-ins."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env.update(HOME=str(tmp_path), XDG_DATA_HOME=str(tmp_path / "data"),
               XDG_CONFIG_HOME=str(tmp_path / "config"))
    proc = subprocess.run([sys.executable, "-m", "reviewer.app", "demo"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60, check=False)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.count("\n") == 1 and "screen" in proc.stderr
