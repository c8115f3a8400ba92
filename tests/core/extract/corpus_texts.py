"""The postings the speed tests of extraction compare old and new readings on."""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
CORPUS = ROOT.parent / "shared" / "corpus"


def corpus_texts(per_file: int) -> list[str]:
    """The sample postings, and the first ``per_file`` pages of each corpus file when the
    corpus is there."""
    texts = [p.read_text(encoding="utf-8", errors="replace")
             for p in sorted((ROOT / "reviewer" / "resources" / "samples").iterdir())]
    for path in [CORPUS / "seeds.jsonl", *sorted((CORPUS / "dev").glob("*.jsonl"))]:
        if path.exists():
            with path.open(encoding="utf-8") as lines:
                texts += [json.loads(line)["raw"]
                          for _, line in zip(range(per_file), lines, strict=False)]
    return texts
