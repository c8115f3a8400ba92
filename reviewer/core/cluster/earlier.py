"""What an earlier run left in a run's output folder: its shards and manifest, found
(``earlier_output``: a file no run wrote stops the run), removed (``replace_earlier``), or
set aside in a hidden folder while the run writes and put back when it writes no shard
(``set_aside``, ``put_back``, ``remove``); a folder a killed run left set aside is put
back by the next run (``recover``).

A run's workers write each shard into a hidden folder of the run's own
(``own_folder``), and the run moves it into place as it learns of it: a task still
running when the run stopped writes nowhere the earlier run's output is put back (its
shard of the same name was written over). A move of the earlier output, either way, is
marked in its hidden folder while it goes on (``MOVING``): a move cut short (Ctrl+C
again, a kill) is finished by the next run, which then knows the shards in the folder
are the earlier run's, not the stopped run's to delete.
"""

from __future__ import annotations

import functools
import importlib
import os
import re
import shutil
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson

from reviewer.core.cluster.inputs import is_url
from reviewer.core.ingest.shards import MANIFEST, SHARD_KEY, SHARD_NAME, is_manifest

MAX_MANIFEST = 64_000_000  # bytes of a manifest read to tell whether a run wrote it


_EARLIER = re.compile(rf"{SHARD_NAME.pattern}|{re.escape(MANIFEST)}")


def earlier_output(out: str) -> list[str]:
    """The shards and the manifest an earlier run left in ``out``, the manifest first.
    A file so named that no run wrote (its manifest without our key, a Parquet file
    without our metadata: the user's own) raises FileExistsError saying which: a run
    must neither delete nor write over it."""
    if is_url(out):
        fsspec: Any = importlib.import_module("fsspec")
        fs, path = fsspec.core.url_to_fs(out)
        named = [str(p) for p in fs.ls(path, detail=False)
                 if _EARLIER.fullmatch(str(p).rstrip("/").rsplit("/", 1)[-1]) and fs.isfile(p)]
        opener: Callable[[str], Any] = fs.open
    else:
        folder = Path(out)
        found = [p for p in folder.iterdir() if _EARLIER.fullmatch(p.name)]
        if link := next((p for p in found if p.is_symlink()), None):
            raise FileExistsError(_not_ours(link.name))  # a run writes no link
        named = [str(p) for p in found if p.is_file()]
        opener = functools.partial(open, mode="rb")
    named.sort(key=lambda p: (not p.endswith(MANIFEST), p))
    for name in named:
        if not _written_by_a_run(name, opener):
            raise FileExistsError(_not_ours(name.rsplit("/", 1)[-1]))
    return named


def _not_ours(name: str) -> str:
    return (f"the output folder holds {name}, which no run of this program wrote: it is "
            "neither deleted nor written over; give another folder, or move that file")


def _written_by_a_run(name: str, opener: Callable[[str], Any]) -> bool:
    try:
        with opener(name) as stream:
            if name.endswith(MANIFEST):
                return is_manifest(orjson.loads(stream.read(MAX_MANIFEST)))
            pq: Any = importlib.import_module("pyarrow.parquet")
            meta = pq.ParquetFile(stream).metadata.metadata or {}
            return SHARD_KEY in meta
    except Exception:  # unreadable, not JSON, not Parquet: not ours
        return False


def replace_earlier(out: str, earlier: list[str] | None = None) -> int:
    """Remove the shards and the manifest an earlier run left in ``out`` (``earlier``:
    as ``earlier_output`` found them; nothing else in the folder is touched); how many.
    The manifest first: a run stopped on the way leaves none, and an import says so."""
    found = earlier_output(out) if earlier is None else earlier
    if is_url(out):
        fsspec: Any = importlib.import_module("fsspec")
        fs, _ = fsspec.core.url_to_fs(out)
        for name in found:
            fs.rm(name)
    else:
        for name in found:
            Path(name).unlink(missing_ok=True)
    return len(found)


def set_aside(out: str, earlier: list[str]) -> Path | None:
    """The shards and manifest an earlier run left in a local folder, moved into a
    hidden folder of it while this run writes (the manifest first, as ``replace_earlier``
    removes them); an output at a URL has them removed at once (None)."""
    if not earlier:
        return None
    if is_url(out):
        replace_earlier(out, earlier)
        return None
    aside = Path(out) / f"{_ASIDE}{uuid.uuid4().hex[:8]}"
    aside.mkdir()
    (aside / MOVING).touch()
    for name in earlier:
        os.replace(name, aside / Path(name).name)
    (aside / MOVING).unlink()
    return aside


_ASIDE = ".earlier-run-"  # the hidden folder an earlier run's output waits in
MOVING = ".moving"  # in it while its files move in or out: the folder's shards are its own
_OWN = ".this-run-"  # the hidden folder a run's workers write its shards in


def own_folder(out: str, run: str) -> str:
    """The folder a run's workers write its shards in (made here; ``out`` itself at a
    URL, where nothing is put back). A task still running once the run ended finds it
    gone and writes nothing."""
    if is_url(out):
        return out
    folder = Path(out) / f"{_OWN}{run}"
    folder.mkdir()
    return str(folder)


def take_shard(out: str, own: str, name: str) -> None:
    """The shard ``name`` a worker wrote in the run's own folder moved into place."""
    if own != out:
        os.replace(Path(own) / name, Path(out) / name)


def drop_own(out: str, own: str) -> None:
    """The run's own folder removed, with what a task ended late left in it (what it
    cannot remove now, a task writing in it, the next run does)."""
    if own != out:
        shutil.rmtree(own, ignore_errors=True)


def shards_in(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if SHARD_NAME.fullmatch(p.name) and p.is_file()]


def recover(out: str) -> None:
    """Put in order a folder a run left as it stopped or was killed on its way: a move of
    the earlier output cut short is finished (put back: the shards in the folder are that
    output's); else, with no manifest in the folder, the run's shards are removed and
    the output before it put back; with one (the run wrote it once whole), what is left
    of the earlier output is removed. What a run's workers left in its own folder goes
    too. So that this run replaces what the last whole run wrote."""
    if is_url(out):
        return
    folder = Path(out)
    for own in folder.glob(f"{_OWN}*"):
        if own.is_dir() and not own.is_symlink():
            shutil.rmtree(own, ignore_errors=True)
    left = sorted((p for p in folder.glob(f"{_ASIDE}*") if p.is_dir() and not p.is_symlink()),
                  key=lambda p: ((p / MOVING).exists(), p.stat().st_mtime))
    if not left:
        return
    if (left[-1] / MOVING).exists():
        put_back(left.pop())
    elif not (folder / MANIFEST).exists():
        for shard in shards_in(folder):
            shard.unlink()
        put_back(left.pop())
    for other in left:
        remove(other)


def put_back(aside: Path) -> None:
    """The earlier output set aside moved back into its folder, the manifest last."""
    (aside / MOVING).touch()
    for path in sorted(aside.iterdir(), key=lambda p: p.name == MANIFEST):
        if path.name != MOVING:
            os.replace(path, aside.parent / path.name)
    (aside / MOVING).unlink()
    aside.rmdir()


def remove(aside: Path | None) -> None:
    if aside is not None:
        for path in aside.iterdir():
            path.unlink(missing_ok=True)
        aside.rmdir()
