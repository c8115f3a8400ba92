"""The Qt binding must not leak references to ``None``.

One release of the binding dropped a reference to ``None`` on every call of a
method returning nothing; on Python 3.11 the interpreter then aborts once the
count reaches zero, a few thousand clicks into a session. pyproject excludes
that release; this test keeps any other such release out.
"""

import sys

from PySide6.QtGui import QColor


def test_void_calls_keep_none_refcount():
    color = QColor(1, 2, 3)
    before = sys.getrefcount(None)
    for _ in range(2000):
        color.setRed(4)
    assert abs(sys.getrefcount(None) - before) < 50
