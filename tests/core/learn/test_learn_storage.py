"""The stored model: a round trip keeps its suggestions; anything else is refused."""

from __future__ import annotations

import io
import json
import pickle
import re
import zipfile
from collections.abc import Callable

import pytest
from learn_postings import posting

from reviewer.core.extract import extract
from reviewer.core.learn import FORMAT_VERSION, Model, ModelRefused, storage
from reviewer.core.schema import CleanDoc


def _members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return out.getvalue()


def _edited(data: bytes, edit: Callable[[dict[str, object]], None]) -> bytes:
    members = _members(data)
    manifest = json.loads(members["manifest.json"])
    edit(manifest)
    members["manifest.json"] = json.dumps(manifest).encode()
    return _zip(members)


def test_a_round_trip_gives_the_same_suggestions(model: Model) -> None:
    again = Model.from_bytes(model.to_bytes())
    assert again.info == json.loads(json.dumps(model.info))
    for i in (0, 1, 5):
        doc = CleanDoc(posting(i, title="Signal Keeper"), "text")
        mine, theirs = model.suggest(doc, extract(doc)), again.suggest(doc, extract(doc))
        assert mine.fields == theirs.fields
        assert mine.labels == theirs.labels
        assert mine.trusted == theirs.trusted


def test_the_manifest_says_what_the_model_is(model: Model) -> None:
    manifest = json.loads(_members(model.to_bytes())["manifest.json"])
    assert manifest["format"] == "posting-reviewer-model"
    assert manifest["format_version"] == FORMAT_VERSION
    assert manifest["info"]["n_examples"] == 24
    assert {"scikit-learn", "python-crfsuite"} <= set(manifest["info"]["libraries"])
    assert manifest["fields"] == ["title", "company", "employment_type"]


@pytest.mark.parametrize("data", [b"", b"not a model at all", pickle.dumps({"a": 1}),
                                  _zip({"notes.txt": b"hello"})])
def test_foreign_bytes_are_refused(data: bytes) -> None:
    with pytest.raises(ModelRefused, match="not a model"):
        Model.from_bytes(data)


def test_another_format_version_is_refused(model: Model) -> None:
    data = _edited(model.to_bytes(), lambda m: m.update(format_version=FORMAT_VERSION + 1))
    with pytest.raises(ModelRefused, match=r"format version "):
        Model.from_bytes(data)


def test_another_feature_set_or_extractor_is_refused(model: Model) -> None:
    with pytest.raises(ModelRefused, match="feature set"):
        Model.from_bytes(_edited(model.to_bytes(), lambda m: m.update(feature_version="x")))
    with pytest.raises(ModelRefused, match="extractor version") as refused:
        Model.from_bytes(_edited(model.to_bytes(), lambda m: m.update(extractor_version="0")))
    # the reason alone: what to do about it is the caller's to say, once
    assert "train" not in str(refused.value)


def test_a_pickle_member_refuses_the_whole_model(model: Model) -> None:
    members = _members(model.to_bytes())
    members["linear/evil.pkl"] = pickle.dumps(print)
    with pytest.raises(ModelRefused, match=r"does not list \(linear/evil.pkl\)"):
        Model.from_bytes(_zip(members))


def test_a_pickled_array_is_refused_even_when_listed(model: Model) -> None:
    import hashlib

    members = _members(model.to_bytes())
    name = next(n for n in members if n.endswith(".cols.npy"))
    buffer = io.BytesIO()
    import numpy as np
    np.save(buffer, np.array([object()], dtype=object), allow_pickle=True)
    members[name] = buffer.getvalue()
    manifest = json.loads(members["manifest.json"])
    manifest["members"][name] = hashlib.sha256(members[name]).hexdigest()
    members["manifest.json"] = json.dumps(manifest).encode()
    with pytest.raises(ModelRefused, match="damaged"):
        Model.from_bytes(_zip(members))


def test_a_missing_or_damaged_member_is_refused(model: Model) -> None:
    members = _members(model.to_bytes())
    crf = next(n for n in members if n.endswith(".crfsuite"))
    with pytest.raises(ModelRefused, match="lacks a member"):
        Model.from_bytes(_zip({n: c for n, c in members.items() if n != crf}))
    members[crf] = members[crf][:100] + bytes([members[crf][100] ^ 0xFF]) + members[crf][101:]
    with pytest.raises(ModelRefused, match=f"damaged: {re.escape(crf)}"):
        Model.from_bytes(_zip(members))


def test_a_forged_crfsuite_model_is_checked_before_crfsuite_reads_it(model: Model) -> None:
    import hashlib

    members = _members(model.to_bytes())
    crf = next(n for n in members if n.endswith(".crfsuite"))
    forged = bytearray(members[crf])
    forged[28:32] = (10**9).to_bytes(4, "little")  # the offset of the features
    members[crf] = bytes(forged)
    manifest = json.loads(members["manifest.json"])
    manifest["members"][crf] = hashlib.sha256(members[crf]).hexdigest()
    members["manifest.json"] = json.dumps(manifest).encode()
    with pytest.raises(ModelRefused, match="points outside itself"):
        Model.from_bytes(_zip(members))


def test_a_member_too_large_is_refused(model: Model, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(storage, "MAX_MEMBER", 200)
    with pytest.raises(ModelRefused, match="too large"):
        Model.from_bytes(model.to_bytes())


def _forged(model: Model, forge: Callable[[bytearray, tuple[int, ...]], None]) -> bytes:
    """The model with its first CRF edited by ``forge`` (given the bytes and the offsets
    of the header) and its checksum made to match, as a crafted file would be."""
    import hashlib
    import struct

    members = _members(model.to_bytes())
    crf = next(n for n in members if n.endswith(".crfsuite"))
    data = bytearray(members[crf])
    forge(data, struct.unpack_from("<4sI4s9I", data))
    members[crf] = bytes(data)
    manifest = json.loads(members["manifest.json"])
    manifest["members"][crf] = hashlib.sha256(members[crf]).hexdigest()
    members["manifest.json"] = json.dumps(manifest).encode()
    return _zip(members)


def test_a_name_table_with_no_empty_slot_is_refused(model: Model) -> None:
    """crfsuite looks a name up until it meets an empty slot: with none it never stops."""
    import struct

    def fill(data: bytearray, header: tuple[int, ...]) -> None:
        table = header[9]  # the attributes' names
        slots = [struct.unpack_from("<II", data, table + 24 + 8 * i) for i in range(256)]
        record = next(r for offset, n in slots for j in range(n)
                      if (r := struct.unpack_from("<II", data, table + offset + 8 * j)[1]))
        for offset, n in slots:
            for j in range(n):
                struct.pack_into("<II", data, table + offset + 8 * j, 0xDEADBEEF, record)

    with pytest.raises(ModelRefused, match="no empty slot"):
        Model.from_bytes(_forged(model, fill))


def test_a_label_without_a_name_is_refused(model: Model) -> None:
    import struct

    def unname(data: bytearray, header: tuple[int, ...]) -> None:
        table = header[8]  # the labels' names
        backward = struct.unpack_from("<I", data, table + 20)[0]
        struct.pack_into("<I", data, table + backward, 0)

    with pytest.raises(ModelRefused, match="lacks the name"):
        Model.from_bytes(_forged(model, unname))


def _records(data: bytearray, table: int) -> list[int]:
    """The offsets (in ``data``) of the records of the name table at ``table``."""
    import struct

    backward, at = struct.unpack_from("<II", data, table + 16)
    return [table + r for r in struct.unpack_from(f"<{backward}I", data, table + at) if r]


@pytest.mark.parametrize("table", [8, 9])  # the labels' names, the attributes'
def test_a_name_whose_id_is_past_the_count_is_refused(model: Model, table: int) -> None:
    """crfsuite takes a name's id as an index into its lists: one past them read and
    wrote outside the model (the whole program ended, the window with it)."""
    import struct

    def renumber(data: bytearray, header: tuple[int, ...]) -> None:
        for record in _records(data, header[table]):
            struct.pack_into("<I", data, record, 0x7FFFFFF0)

    with pytest.raises(ModelRefused, match="a name with an id"):
        Model.from_bytes(_forged(model, renumber))


def test_a_name_not_ended_as_crfsuite_reads_it_is_refused(model: Model) -> None:
    """crfsuite reads a name up to its zero byte: one without reads on past the table."""
    def unend(data: bytearray, header: tuple[int, ...]) -> None:
        for record in _records(data, header[8]):
            size = int.from_bytes(data[record + 4:record + 8], "little")
            data[record + 8 + size - 1] = ord("x")

    with pytest.raises(ModelRefused, match="a name cut short"):
        Model.from_bytes(_forged(model, unend))


def test_a_part_learnt_as_another_kind_is_refused(model: Model) -> None:
    """A choice part for salary would put a word where the schema wants an amount."""
    def retype(manifest: dict[str, object]) -> None:
        for part in manifest["parts"]:  # type: ignore[attr-defined]
            if part["name"] == "employment_type":
                part["name"] = "salary"
        for linear in manifest["linear"]:  # type: ignore[attr-defined]
            if linear["key"] == "employment_type":
                linear["key"] = "salary"

    with pytest.raises(ModelRefused, match="'salary' is not learnt as choice"):
        Model.from_bytes(_edited(model.to_bytes(), retype))


def test_a_choice_outside_the_fields_choices_is_refused(model: Model) -> None:
    def bogus(manifest: dict[str, object]) -> None:
        for linear in manifest["linear"]:  # type: ignore[attr-defined]
            if linear["key"] == "employment_type":
                linear["classes"][-1] = "BOGUS <script>"

    with pytest.raises(ModelRefused, match="values it cannot take"):
        Model.from_bytes(_edited(model.to_bytes(), bogus))


@pytest.mark.parametrize("where", ["figures", "calibrations"])
def test_a_number_too_large_is_refused_not_raised(model: Model, where: str) -> None:
    def huge(manifest: dict[str, object]) -> None:
        part = manifest["parts"][0]  # type: ignore[index]
        if where == "figures":
            part["figures"]["rules"] = 10**400
        else:
            part["calibrations"]["model"] = {"x": [10**400], "y": [0.5]}

    data = _edited(model.to_bytes(), huge)
    with pytest.raises(ModelRefused, match="damaged"):
        Model.from_bytes(data)


def test_a_member_the_manifest_does_not_list_is_never_unpacked(
        model: Model, monkeypatch: pytest.MonkeyPatch) -> None:
    """A crafted archive's bulk is refused before it costs memory, not after."""
    members = _members(model.to_bytes())
    members["padding.bin"] = b"\0" * 5_000_000  # packs to a few kB
    unpacked: list[str] = []
    read = storage._read
    monkeypatch.setattr(storage, "_read", lambda archive, info: (
        unpacked.append(info.filename), read(archive, info))[1])
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    with pytest.raises(ModelRefused, match="does not list"):
        Model.from_bytes(out.getvalue())
    assert unpacked == ["manifest.json"]


def _listed(members: dict[str, bytes]) -> bytes:
    """The members as an archive whose manifest lists each with its checksum, as a
    crafted file would be."""
    import hashlib

    manifest = json.loads(members["manifest.json"])
    manifest["members"] = {name: hashlib.sha256(content).hexdigest()
                           for name, content in members.items() if name != "manifest.json"}
    members["manifest.json"] = json.dumps(manifest).encode()
    return _zip(members)


def test_a_calibration_that_is_no_number_is_refused(model: Model) -> None:
    """NaN (JSON's NaN, or 1e999) became the confidence of every suggestion: no import
    or re-extract of the project could store one."""
    for bad in (float("nan"), float("inf")):
        def edit(manifest: dict[str, object], bad: float = bad) -> None:
            for part in manifest["parts"]:  # type: ignore[attr-defined]
                part["calibrations"] = {"rule": {"x": [bad, bad], "y": [0.2, 0.9]}}
        with pytest.raises(ModelRefused, match="damaged: a calibration"):
            Model.from_bytes(_edited(model.to_bytes(), edit))


def test_a_tagger_that_gives_a_list_for_one_value_is_refused(model: Model) -> None:
    """A title tagger marked ``many`` wrote a list where the field holds a text: the
    window's list could not store it, and the export was not our own import's."""
    def edit(manifest: dict[str, object]) -> None:
        for tagger in manifest["taggers"]:  # type: ignore[attr-defined]
            tagger["many"] = True
    with pytest.raises(ModelRefused, match="gives a list where the field holds one value"):
        Model.from_bytes(_edited(model.to_bytes(), edit))


def test_a_member_no_part_reads_is_refused_before_it_is_unpacked(model: Model) -> None:
    members = _members(model.to_bytes())
    members["crf/padding.crfsuite"] = b"\0" * 2**20
    with pytest.raises(ModelRefused, match=r"no part of it reads \(crf/padding"):
        Model.from_bytes(_listed(members))
