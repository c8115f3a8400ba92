"""How the review window copes with one very long posting, printed as figures (asserts
nothing).

A generated posting of ``--items`` list items (default 6,000: about 850 kB of text, each
item naming skills, so the skills field has thousands of evidence spans) is imported
through the real pipeline into a new project; then, in this process, offscreen, as a
user would meet it:

- opening the window on it, until the posting is shown;
- labelling its last word as a span (the document is drawn again with the span);
- undoing that (drawn again);
- accepting every suggested span (Ctrl+Shift+A).

Each is the wall-clock time until the window has handled its events. Run:
``.venv/bin/python benchmarks/bench_long_posting.py [--items N]``
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

WORDS = ("Python SQL Kafka React Kubernetes Terraform Docker AWS Java Go data team build "
         "services scale with of to the and").split()


def posting(items: int) -> str:
    rng = random.Random(1)
    lines = ["Senior Python Engineer", "", "Company: Acme Corp", "Location: Berlin, Germany",
             "", "## Responsibilities", ""]
    lines += ["- " + " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 26)))
              for _ in range(items)]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=6000)
    args = parser.parse_args()

    from PySide6.QtCore import Qt
    from PySide6.QtGui import QTextCursor
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from reviewer.core.ingest import import_paths
    from reviewer.core.store import Store
    from reviewer.gui.window import ReviewWindow

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "long.txt"
        page.write_text(posting(args.items), encoding="utf-8")
        db = Path(tmp) / "long.db"
        with Store(db) as store:
            import_paths(store, [page])
        store = Store(db)
        print(f"posting: {args.items:,} list items, {page.stat().st_size / 1e3:,.0f} kB")

        def timed(what: str, action: object) -> None:
            started = time.perf_counter()
            action()  # type: ignore[operator]
            app.processEvents()
            print(f"  {what:<34} {time.perf_counter() - started:6.2f} s")

        window: list[ReviewWindow] = []
        timed("open, posting shown", lambda: (window.append(ReviewWindow(store)),
                                              window[0].show()))
        win = window[0]
        doc = win.document

        def label_last_word() -> None:
            cursor = doc.textCursor()
            cursor.movePosition(QTextCursor.MoveOperation.End)
            cursor.movePosition(QTextCursor.MoveOperation.PreviousWord,
                                QTextCursor.MoveMode.KeepAnchor)
            doc.setTextCursor(cursor)
            QTest.keyClick(doc, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)

        timed("label the last word (Ctrl+1)", label_last_word)
        timed("undo it (Ctrl+Z)", lambda: QTest.keyClick(
            doc, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier))
        timed("accept suggested spans (Ctrl+Shift+A)", lambda: QTest.keyClick(
            doc, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier
            | Qt.KeyboardModifier.ShiftModifier))
        win.close()
        store.close()


if __name__ == "__main__":
    main()
