"""The canonical JSONL export of a whole project, with worker processes.

Reading a posting back with everything attached is most of an export's work. For the
canonical JSONL without a split, worker processes each read a range of ids from their
own connection (WAL lets readers share the file) and write its lines to a part file;
the calling process joins the parts in id order, so the file is byte for byte the one
a single process writes.
"""

from __future__ import annotations

import shutil
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from reviewer.core.export.rows import canonical_row, dumps
from reviewer.core.export.run import ExportSummary, drop_bad_spans
from reviewer.core.store import Store
from reviewer.core.workers import die_with_parent

RANGE = 2000  # postings a worker reads at a time


def export_jsonl(db: Path, out: Path, *, reviewed_only: bool = True,
                 jobs: int = 2, reviewers: bool = False) -> ExportSummary:
    """Write every (reviewed) posting of the project at ``db`` as canonical JSONL
    (``reviewers``: with every reviewer's own values)."""
    with Store(db, create=False) as store:
        ids = store.queue.ids(status="reviewed" if reviewed_only else None)
    out.parent.mkdir(parents=True, exist_ok=True)
    ranges = [(ids[i], ids[min(i + RANGE, len(ids)) - 1]) for i in range(0, len(ids), RANGE)]
    with tempfile.TemporaryDirectory(dir=out.parent, prefix=".export-") as tmp:
        work = [(str(db), lo, hi, reviewed_only, reviewers, str(Path(tmp) / f"{n:06d}.jsonl"))
                for n, (lo, hi) in enumerate(ranges)]
        if jobs > 1 and len(work) > 1:
            with ProcessPoolExecutor(max_workers=jobs, initializer=die_with_parent) as pool:
                dropped = sum(pool.map(_write_range, work))
        else:
            dropped = sum(map(_write_range, work))
        with out.open("wb") as handle:
            for *_rest, part in work:
                with open(part, "rb") as piece:
                    shutil.copyfileobj(piece, handle, 1 << 20)
    return ExportSummary("jsonl", {"all": len(ids)}, [out], dropped_spans=dropped)


def _write_range(work: tuple[str, int, int, bool, bool, str]) -> int:
    """Write the JSONL lines of the postings with ids lo..hi to ``part`` (runs in a worker
    process); returns how many bad spans were left out."""
    path, lo, hi, reviewed_only, reviewers, part = work
    dropped = 0
    with Store(path, create=False) as store, open(part, "w", encoding="utf-8") as handle:
        for record in store.records.all(reviewed_only, first=lo, last=hi, reviewers=reviewers):
            clean, bad = drop_bad_spans(record)
            dropped += bad
            handle.write(dumps(canonical_row(clean)) + "\n")
    return dropped
