"""Fixtures for the hostile review tests: those of tests/gui (a project, a window,
planted files), loaded from its conftest under another module name."""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_TESTS = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(_TESTS / "gui"))
sys.path.insert(0, str(_TESTS / "core" / "team"))

_spec = importlib.util.spec_from_file_location("gui_conftest_for_review",
                                               _TESTS / "gui" / "conftest.py")
assert _spec is not None and _spec.loader is not None
_gui = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_gui)

project = _gui.project
open_window = _gui.open_window
planted = _gui.planted
