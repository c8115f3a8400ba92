"""The pages of ``jsonld-html``: one minimal HTML page a posting, its schema.org
JobPosting (``jsonld.job_posting``) in a script block and its description as the body."""

from __future__ import annotations

import html
import re
from pathlib import Path

from reviewer.core.export.jsonld import job_posting
from reviewer.core.export.rows import Row, dumps
from reviewer.core.records import PostingRecord


def script_json(posting: Row) -> str:
    """The posting as JSON that cannot end its script block: every ``</`` is ``<\\/`` and
    every ``<!--`` is ``<\\u0021--`` (the same JSON, as both stand only inside strings)."""
    return dumps(posting).replace("</", "<\\/").replace("<!--", "<\\u0021--")


def page(posting: Row) -> str:
    """A minimal HTML page: the title, the JSON-LD, and the description (already HTML).
    Control characters, which HTML may not hold (a record imported may), are U+FFFD."""
    title = html.escape(str(posting.get("title") or "Job posting"))
    return _NOT_HTML.sub("\ufffd", (
        '<!DOCTYPE html>\n<html>\n<head>\n<meta charset="utf-8">\n'
        f'<title>{title}</title>\n<script type="application/ld+json">'
        f"{script_json(posting)}</script>\n</head>\n<body>\n<main>\n"
        f"{posting.get('description', '')}\n</main>\n</body>\n</html>\n"))


_NOT_HTML = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")  # tab, LF, FF, CR aside


class PageWriter:
    """One HTML page a posting, ``<id>.html`` in ``folder`` (made if need be)."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self._folder = folder

    def write(self, record: PostingRecord) -> int:
        path = self._folder / f"{int(record['id'])}.html"
        path.write_text(page(job_posting(record)), encoding="utf-8")
        return 0

    def close(self) -> None:
        """Every page is whole once written."""
