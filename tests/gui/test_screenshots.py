"""The script that draws the README's pictures still runs and draws every screen."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parents[2]


def test_every_screen_is_drawn(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, str(ROOT / "docs" / "screenshots.py"), "--out",
                           str(tmp_path)], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert proc.returncode == 0, proc.stderr
    drawn = sorted(p.name for p in tmp_path.glob("*.png"))
    assert drawn == sorted(p.name for p in (ROOT / "docs").glob("*.png")
                           if not p.stem.endswith("-dark"))
    for name in drawn:
        image = QImage(str(tmp_path / name))
        assert image.width() >= 600 and image.height() >= 400, name
