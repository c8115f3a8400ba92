"""The README's Spark example (``mapPartitions`` over the pipeline function) runs as
written, and ``reviewer import`` takes the shards it writes."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reviewer.cli import main
from reviewer.core.store import Store

pytest.importorskip("pyspark", reason="needs pyspark: pip install pyspark")
pytest.importorskip("pyarrow", reason="needs the cluster extra: pip install -e '.[cluster]'")
pytestmark = pytest.mark.skipif(shutil.which("java") is None, reason="Spark needs Java")

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "reviewer" / "resources" / "samples"


def example() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Past one machine", 1)[1]
    found = re.search(r"```python\n(.*?)```", section, re.S)
    assert found is not None
    return found.group(1)


def test_the_readme_spark_example_runs(tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "pages").mkdir()
    pages = sorted(SAMPLES.glob("*.html"))
    assert pages
    for page in pages:
        shutil.copy(page, tmp_path / "pages" / page.name)
    env = {**os.environ, "PYSPARK_PYTHON": sys.executable,
           "PYSPARK_DRIVER_PYTHON": sys.executable, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", example()], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    assert f"{len(pages)} records" in done.stdout
    assert main(["import", str(tmp_path / "p.db"), str(tmp_path / "shards")]) == 0
    assert f"{len(pages)} postings added" in capsys.readouterr().out
    with Store(tmp_path / "p.db") as store:
        titles = {r["fields"]["title"] for r in store.records.all(reviewed_only=False)}
    assert len(titles) == len(pages)
