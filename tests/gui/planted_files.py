"""Files planted in a folder of a test's own, to reference from what the app shows; the
kernel says whether anything in the folder was opened (``file_watch``). The ``planted``
fixture (conftest) makes them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from file_watch import FileWatch
from PySide6.QtWidgets import QApplication


@dataclass
class Planted:
    folder: Path
    png: Path  # a real image
    txt: Path  # a text file, as /etc/passwd would be
    watch: FileWatch

    @property
    def url(self) -> str:
        return self.png.as_uri()

    @property
    def tag(self) -> str:
        """An <img> tag naming the image by URL."""
        return f'<img src="{self.url}">'

    @property
    def file_name(self) -> str:
        """An <img> tag that fits in one file name: the slashes written as entities."""
        return '<img src="{}">'.format(self.url.replace("/", "&#47;"))

    def opened(self) -> list[str]:
        QApplication.processEvents()
        return sorted(set(self.watch.take()))
