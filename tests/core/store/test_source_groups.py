"""The groups the "most useful" order takes turns among: a data file, a page's folder, a
site; a "#" in a URL or a folder's name is no row of a data file."""

from __future__ import annotations

import pytest

from reviewer.core.store.queue import source_group


@pytest.mark.parametrize(("source", "group"), [
    ("jobs.csv#12", "jobs.csv"),
    ("data/jobs.jsonl#3", "data/jobs.jsonl"),
    ("export.JSON#key#with#signs", "export.JSON"),
    ("archive.zip!jobs.parquet#7", "archive.zip!jobs.parquet"),
    ("exports/acme/1.html", "exports/acme"),
    ("exports/C#/1.html", "exports/C#"),
    ("exports/C#/jobs.csv#4", "exports/C#/jobs.csv"),
    ("C:\\pages\\F#\\2.txt", "C:/pages/F#"),
    ("page.txt", "page.txt"),
    ("https://jobs.acme.com/12", "jobs.acme.com"),
    ("https://jobs.acme.com/12#apply", "jobs.acme.com"),
    ("https://jobs.acme.com#top", "jobs.acme.com"),
    ("https://Jobs.Acme.com?id=4", "jobs.acme.com"),
    ("http://user@jobs.acme.com:8080/x", "jobs.acme.com"),
    ("file:///home/me/pages/1.html", "file:///home/me/pages"),
])
def test_a_source_s_group(source: str, group: str) -> None:
    assert source_group(source) == group
