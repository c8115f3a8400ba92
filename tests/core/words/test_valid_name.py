"""File names that are not UTF-8 stay distinct as text."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from reviewer.core.ingest import iter_inputs
from reviewer.core.words import valid_name, valid_unicode


def test_the_bytes_of_a_name_are_written_out() -> None:
    assert valid_name(os.fsdecode(b"post_\xff.txt")) == "post_\\xff.txt"
    assert valid_name(os.fsdecode(b"post_\xfe.txt")) == "post_\\xfe.txt"
    assert valid_name("plain name.txt") == "plain name.txt"
    assert valid_name("odd \ud800 half") == "odd \ufffd half"  # a JSON escape: no byte
    assert valid_unicode(os.fsdecode(b"post_\xff.txt")) == "post_\ufffd.txt"  # (text is text)


@pytest.mark.skipif(sys.platform != "linux", reason="names of any bytes: a Linux file system")
def test_two_such_files_are_two_sources(tmp_path: Path) -> None:
    for raw in (b"post_\xff.txt", b"post_\xfe.txt"):
        with open(os.path.join(os.fsencode(tmp_path), raw), "wb") as handle:
            handle.write(b"Data Engineer\n\nWe are hiring a data engineer in Leeds.\n")
    sources = sorted(item.source for item in iter_inputs([tmp_path]))
    assert sources == [str(tmp_path / "post_\\xfe.txt"), str(tmp_path / "post_\\xff.txt")]
