"""sqlite-utils, loaded without pandas and numpy.

When pandas and numpy are installed (the Hugging Face export brings them), sqlite-utils
imports both, only to map their types to column types when it makes tables from Python
values. Projects make their tables in SQL and store plain values, and importing pandas
costs half a second at every start of the window, a third of its budget for showing
the first posting; so the two are kept out while sqlite-utils loads (anything that
imports them later gets them as usual)."""

from __future__ import annotations

import sys

_KEPT_OUT = [name for name in ("pandas", "numpy") if name not in sys.modules]
for _name in _KEPT_OUT:
    sys.modules[_name] = None  # type: ignore[assignment]  # import fails at once
try:
    from sqlite_utils import Database
    from sqlite_utils.migrations import Migrations
finally:
    for _name in _KEPT_OUT:
        del sys.modules[_name]

__all__ = ["Database", "Migrations"]
