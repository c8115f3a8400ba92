"""A crfsuite model checked before crfsuite reads it.

crfsuite's reader (C) trusts the offsets and indices in the file it is given. A
stored model comes from a project file, which may come from anyone, so every number
crfsuite will follow is checked here first: the header (magic, size, type, version),
each chunk's place and size, each feature's label and attribute indices, the
label and attribute reference lists, and the two string tables (CQDB: their hash
tables, buckets, records, each record's id and the zero byte ending its name, and
backward links). ``check`` raises ValueError, saying
what is wrong, at the first number out of place.
"""

from __future__ import annotations

import struct

import numpy as np

_HEADER = struct.Struct("<4sI4s9I")
_CHUNK = struct.Struct("<4sII")
_CQDB = struct.Struct("<4sIIIII")
_FEATURE = np.dtype([("type", "<u4"), ("src", "<u4"), ("dst", "<u4"), ("weight", "<f8")])
MAX_LABELS = 64


def check(content: bytes) -> None:
    """ValueError unless ``content`` is a crfsuite model every offset of which holds."""
    size = len(content)
    if size < _HEADER.size:
        raise ValueError("a tagger's model is cut short")
    magic, stated, kind, version, _, n_labels, n_attrs, *offsets = _HEADER.unpack_from(content)
    if magic != b"lCRF" or kind != b"FOMC" or stated != size or version != 100:
        raise ValueError("a tagger's model is not a crfsuite model of its stated size")
    if not 0 < n_labels <= MAX_LABELS or n_attrs > size:
        raise ValueError("a tagger's model has counts it cannot have")
    off_features, off_labels, off_attrs, off_label_refs, off_attr_refs = offsets
    n_features = _features(content, off_features, n_labels, n_attrs)
    _cqdb(content, off_labels, n_labels)
    _cqdb(content, off_attrs, n_attrs)
    _refs(content, off_label_refs, b"LFRF", n_features, n_labels)
    _refs(content, off_attr_refs, b"AFRF", n_features, n_attrs)


def _chunk(content: bytes, offset: int, magic: bytes) -> tuple[int, int]:
    if not _HEADER.size <= offset <= len(content) - _CHUNK.size:
        raise ValueError("a tagger's model points outside itself")
    found, size, count = _CHUNK.unpack_from(content, offset)
    if found != magic or size < _CHUNK.size or offset + size > len(content):
        raise ValueError(f"a tagger's model has a damaged {magic.decode()} chunk")
    return size, count


def _features(content: bytes, offset: int, n_labels: int, n_attrs: int) -> int:
    size, count = _chunk(content, offset, b"FEAT")
    if size != _CHUNK.size + _FEATURE.itemsize * count:
        raise ValueError("a tagger's model has a damaged list of features")
    table = np.frombuffer(content, dtype=_FEATURE, count=count, offset=offset + _CHUNK.size)
    transition = table["type"] == 1
    if np.any(table["type"] > 1) or np.any(table["dst"] >= n_labels) or \
            np.any(table["src"][transition] >= n_labels) or \
            np.any(table["src"][~transition] >= n_attrs) or \
            not np.isfinite(table["weight"]).all():
        raise ValueError("a tagger's model has features that name nothing")
    return count


def _refs(content: bytes, offset: int, magic: bytes, n_features: int, needed: int) -> None:
    """A reference list: one offset for each label (or attribute) crfsuite looks up by
    its id, so one for each of them, each inside the list (crfsuite follows an offset of
    0 as any other); the entries past them (crfsuite writes two more for labels, left 0)
    are never read."""
    size, count = _chunk(content, offset, magic)
    end = offset + size
    if _CHUNK.size + 4 * count > size or count < needed:
        raise ValueError("a tagger's model has a damaged reference list")
    starts = np.frombuffer(content, dtype="<u4", count=count, offset=offset + _CHUNK.size)
    for number, start in enumerate(starts.tolist()):
        if start == 0 and number >= needed:
            continue
        if not offset <= start <= end - 4:
            raise ValueError("a tagger's model has a reference outside its list")
        (n,) = struct.unpack_from("<I", content, start)
        if start + 4 + 4 * n > end:
            raise ValueError("a tagger's model has a reference list cut short")
        ids = np.frombuffer(content, dtype="<u4", count=n, offset=start + 4)
        if n and int(ids.max()) >= n_features:
            raise ValueError("a tagger's model refers to a feature it lacks")


def _cqdb(content: bytes, offset: int, count: int) -> None:
    """A string table: header, 256 hash tables of (hash, record) pairs, records of
    (id, key size, key), and the backward array of record offsets by id."""
    if not _HEADER.size <= offset <= len(content) - _CQDB.size - 256 * 8:
        raise ValueError("a tagger's model points outside itself")
    magic, size, _, order, n_backward, off_backward = _CQDB.unpack_from(content, offset)
    if magic != b"CQDB" or order != 0x62445371 or offset + size > len(content) or \
            size < _CQDB.size + 256 * 8:
        raise ValueError("a tagger's model has a damaged name table")
    chunk = content[offset:offset + size]
    tables = np.frombuffer(chunk, dtype="<u4", count=512, offset=_CQDB.size).reshape(256, 2)
    records: list[int] = []
    for table_offset, n in tables.tolist():
        if n == 0:
            continue
        if table_offset < _CQDB.size or table_offset + 8 * n > size:
            raise ValueError("a tagger's model has a name table pointing outside itself")
        pairs = np.frombuffer(chunk, dtype="<u4", count=2 * n, offset=table_offset)
        slots = pairs[1::2].tolist()
        if all(slots):  # crfsuite probes for a name until it meets an empty slot
            raise ValueError("a tagger's model has a name table with no empty slot")
        records += [r for r in slots if r]
    if n_backward or count:  # crfsuite finds a name by its id in the backward array
        if n_backward < count or off_backward < _CQDB.size or \
                off_backward + 4 * n_backward > size:
            raise ValueError("a tagger's model has a damaged name index")
        backward = np.frombuffer(chunk, dtype="<u4", count=n_backward,
                                 offset=off_backward).tolist()
        if not all(backward[:count]):
            raise ValueError("a tagger's model lacks the name of one of its ids")
        records += [r for r in backward if r]
    for record in set(records):
        if not _CQDB.size <= record <= size - 8:
            raise ValueError("a tagger's model has a name outside its table")
        name_id, key_size = struct.unpack_from("<II", chunk, record)
        if name_id >= count:  # crfsuite takes it as an index into its lists
            raise ValueError("a tagger's model has a name with an id it lacks")
        # crfsuite reads a name up to its zero byte, which ends the key it wrote
        if key_size == 0 or record + 8 + key_size > size or chunk[record + 7 + key_size]:
            raise ValueError("a tagger's model has a name cut short")
