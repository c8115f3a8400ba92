"""`reviewer serve DB`: Datasette over a project, with its tables and columns described;
`--metadata-only` writes the description for a Datasette of one's own."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from reviewer.cli import main
from reviewer.core.store import Store

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "reviewer" / "resources" / "samples"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    db = tmp_path / "samples.db"
    assert main(["import", str(db), str(SAMPLES)]) == 0
    return db


def test_metadata_only_writes_the_description_beside_the_project(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["serve", str(project), "--metadata-only"]) == 0
    out = project.with_name("samples.db.metadata.json")
    assert str(out) in capsys.readouterr().out
    meta = json.loads(out.read_text(encoding="utf-8"))
    assert meta["title"] == "Posting Reviewer: samples.db"
    tables = meta["databases"]["samples"]["tables"]
    assert {"postings", "suggestions", "annotations", "spans", "doc_labels", "label_schema",
            "events", "postings_fts"} <= set(tables)
    assert tables["postings"]["description"]
    assert tables["annotations"]["columns"]["state"]


def test_a_missing_project_is_not_made(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", str(tmp_path / "none.db"), "--metadata-only"]) == 2
    assert "no such project file" in capsys.readouterr().err
    assert not (tmp_path / "none.db").exists()


def test_without_datasette_it_says_how_to_install_it(
        project: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("datasette", "datasette.app"):
        monkeypatch.setitem(sys.modules, name, None)  # importing it fails
    capsys.readouterr()
    assert main(["serve", str(project)]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1
    assert "pip install datasette" in err and "--metadata-only" in err


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _get(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.loads(response.read())


def test_serve_runs_datasette_on_localhost_with_the_description(project: Path) -> None:
    pytest.importorskip("datasette.app", reason="Datasette is not installed "
                        "(pip install datasette)")
    with Store(project) as store:
        expected = store.queue.search("Lumenfield")
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "reviewer.cli", "serve", str(project),
                             "--port", str(port)], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        meta = None
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                meta = _get(f"{base}/-/metadata.json")
                break
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.3)
        assert meta is not None, proc.stderr.read() if proc.poll() is not None else "no answer"
        assert meta["title"] == "Posting Reviewer: samples.db"
        assert meta["databases"]["samples"]["tables"]["postings"]["description"]
        rows = _get(f"{base}/samples/postings.json?_search=Lumenfield&_shape=array&_col=id")
        assert [r["id"] for r in rows] == expected == [1]
    finally:
        proc.terminate()
        out, err = proc.communicate(timeout=30)
    assert f"http://127.0.0.1:{port}/samples" in out
    assert "Traceback" not in err


def test_a_port_in_use_is_said_in_a_line(project: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("datasette.app", reason="Datasette is not installed "
                        "(pip install datasette)")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        capsys.readouterr()
        assert main(["serve", str(project), "--port", str(port)]) == 2
    assert f"port {port} is in use" in capsys.readouterr().err


@pytest.mark.parametrize("port", ["70000", "-1", "0"])
def test_a_port_no_address_can_have_is_refused_in_a_line(
        project: Path, capsys: pytest.CaptureFixture[str], port: str) -> None:
    pytest.importorskip("datasette.app", reason="Datasette is not installed "
                        "(pip install datasette)")
    assert main(["serve", str(project), "--port", port]) == 2
    assert "--port: give a port from 1 to 65535" in capsys.readouterr().err


def test_the_address_said_is_the_one_datasette_serves(
        project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """"jobs.2024.db" was said to be at /jobs.2024, which Datasette reads as the page of
    format "2024" (404); a name with a space gave no address at all."""
    pytest.importorskip("datasette.app", reason="Datasette is not installed "
                        "(pip install datasette)")
    import asyncio

    import uvicorn

    served: list[Any] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **_kw: served.append(app))
    for name in ("jobs.2024.db", "my project.v2.db"):
        copy = tmp_path / name
        copy.write_bytes(project.read_bytes())
        assert main(["serve", str(copy), "--port", str(_free_port())]) == 0
        said = capsys.readouterr().out.split()[1]
        path = said.split(":", 2)[2].split("/", 1)[1]
        from datasette.app import Datasette

        answer = asyncio.run(Datasette(files=[str(copy)]).client.get("/" + path + ".json"))
        assert answer.status_code == 200, (said, answer.status_code)


def test_a_bad_request_is_answered_without_pages_of_traceback(
        project: Path, capfd: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A query that is no SELECT, answered 400, printed 569 lines: a traceback with every
    local variable, the metadata whole (where rich is installed)."""
    pytest.importorskip("datasette.app", reason="Datasette is not installed "
                        "(pip install datasette)")
    import asyncio

    import uvicorn

    served: list[Any] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **_kw: served.append(app))
    assert main(["serve", str(project), "--port", str(_free_port())]) == 0
    capfd.readouterr()
    from httpx import ASGITransport, AsyncClient

    async def ask() -> int:
        async with AsyncClient(transport=ASGITransport(app=served[0]),
                               base_url="http://localhost") as client:
            answer = await client.get("/samples.json?sql=update+postings+set+title%3D1")
            return answer.status_code

    assert asyncio.run(ask()) == 400
    out, err = capfd.readouterr()
    assert len((out + err).splitlines()) < 5, (out + err)[:2000]
