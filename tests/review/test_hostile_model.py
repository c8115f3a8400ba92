"""Hostile tests of the stored model format (reviewer.core.learn.storage): a project file
from anyone may hold any bytes as its model; ``load`` must refuse them with
``ModelRefused``, never raise anything else (which reaches the user as a traceback and
stops import or re-extract of the whole project)."""

from __future__ import annotations

import hashlib
import io
import json
import sys
import zipfile
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "core" / "learn"))
from learn_postings import example

from reviewer.core.learn import Model, ModelRefused, storage, train


@pytest.fixture(scope="module")
def model_bytes() -> bytes:
    return train([example(i) for i in range(24)], folds=3).to_bytes()


def _members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _rebuilt(members: dict[str, bytes], manifest: dict | None = None,
             raw_manifest: bytes | None = None) -> bytes:
    """The archive again, the manifest's hashes made to fit the members."""
    members = dict(members)
    if manifest is None:
        manifest = json.loads(members["manifest.json"])
    manifest["members"] = {n: hashlib.sha256(c).hexdigest() for n, c in members.items()
                           if n != "manifest.json"}
    members["manifest.json"] = raw_manifest if raw_manifest is not None else \
        json.dumps(manifest).encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return out.getvalue()


def test_a_deeply_nested_manifest_is_refused(model_bytes: bytes) -> None:
    """A manifest of JSON nested a hundred thousand deep (200 KB): json raises
    RecursionError, which ``_manifest`` does not catch."""
    members = _members(model_bytes)
    bomb = b"[" * 100_000 + b"]" * 100_000
    data = _rebuilt(members, raw_manifest=bomb)
    with pytest.raises(ModelRefused):
        Model.from_bytes(data)


def test_an_array_claiming_a_huge_shape_is_refused(model_bytes: bytes) -> None:
    """A .npy member whose header claims 2**40 float32s but holds a few bytes: numpy
    allocates the claimed array before reading (MemoryError), not a ModelRefused."""
    members = _members(model_bytes)
    name = next(n for n in members if n.endswith(".weights.npy"))
    header = {"descr": "<f4", "fortran_order": False, "shape": (2**40, 1)}
    buffer = io.BytesIO()
    np.lib.format.write_array_header_1_0(buffer, header)
    members[name] = buffer.getvalue() + b"\0" * 64
    data = _rebuilt(members)
    with pytest.raises(ModelRefused):
        storage.load(data)


_CRASH = r'''
import io, json, hashlib, struct, sys, zipfile
from reviewer.core.learn import storage, ModelRefused
data = open(sys.argv[1], "rb").read()
try:
    storage.load(data)
except ModelRefused as err:
    print("refused:", err)
'''


def test_a_label_reference_at_offset_zero_does_not_crash_the_process(
        model_bytes: bytes, tmp_path: Path) -> None:
    """``crf_check._refs`` passes a reference-list offset of 0 over ("no list"), but
    crfsuite follows it for every label: it reads the file's magic as a count of
    features and runs off its buffer. The process dies of SIGSEGV while loading the
    model (import, re-extract, the window: any command on the project file)."""
    import struct
    import subprocess

    members = _members(model_bytes)
    name = next(n for n in members if n.endswith(".crfsuite"))
    crf = bytearray(members[name])
    off_label_refs = struct.unpack_from("<4sI4s9I", crf)[10]
    struct.pack_into("<I", crf, off_label_refs + 12, 0)  # label 0's list: offset 0
    members[name] = bytes(crf)
    path = tmp_path / "model.bin"
    path.write_bytes(_rebuilt(members))
    done = subprocess.run([sys.executable, "-c", _CRASH, str(path)], capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, f"the process died: {done.returncode} {done.stderr[-500:]}"
    assert "refused:" in done.stdout
