"""Deterministic train/dev/test splits of records, plain or stratified by a label.

A record's place in [0, 1) is the SHA-256 of its ``raw_hash`` (its id when that is
empty), so it lands in the same part on every export, whatever else is exported with
it. A stratified split balances each stratum (the first option chosen for a
document-label question) instead, which depends on the other records of the stratum:
see ``plan_split``.
"""


from __future__ import annotations

import hashlib
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping

from reviewer.core.export import rows
from reviewer.core.records import PostingRecord

NO_LABEL = "<none>"
_PART_NAME = re.compile(r"\w+\Z", re.ASCII)


def check_split(split: Mapping[str, float]) -> None:
    """Raise ValueError unless ``split`` names its parts simply and its fractions sum to 1."""
    if not split:
        raise ValueError("a split needs at least one part, e.g. train=0.8,test=0.2")
    for name, fraction in split.items():
        if not name:
            raise ValueError("a split part has an empty name (write NAME=FRACTION)")
        if not _PART_NAME.match(name):
            raise ValueError(f"split part name {name!r} may hold only letters, digits and _")
        if name == "all":  # the same split goes for every format
            raise ValueError("split part name 'all' is the name Hugging Face datasets gives "
                             "every part together: choose another")
        if not (math.isfinite(fraction) and fraction > 0):
            raise ValueError(f"split part {name!r} has fraction {fraction}: it must be positive")
    total = math.fsum(split.values())
    if abs(total - 1) > 1e-6:
        raise ValueError(f"split fractions sum to {total:g}, not 1")


def parse_split(text: str) -> dict[str, float]:
    """``"train=0.8,dev=0.1,test=0.1"`` as ``{"train": 0.8, "dev": 0.1, "test": 0.1}``."""
    if not text.strip():
        raise ValueError("the split is empty: write e.g. train=0.8,dev=0.1,test=0.1")
    split: dict[str, float] = {}
    for item in text.split(","):
        name, sep, value = (part.strip() for part in item.partition("="))
        if not sep:
            raise ValueError(f"split part {item.strip()!r} is not NAME=FRACTION (e.g. train=0.8)")
        if name in split:
            raise ValueError(f"split part {name!r} is named twice")
        try:
            split[name] = float(value)
        except ValueError:
            raise ValueError(f"split part {name!r}: {value!r} is not a number") from None
    check_split(split)
    return split


def split_point(record: PostingRecord) -> float:
    """The record's place in [0, 1): the SHA-256 of its raw hash (or id)."""
    digest = hashlib.sha256(rows.record_key(record).encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def assign_split(record: PostingRecord, split: Mapping[str, float]) -> str:
    """The part whose cumulative range holds the record's ``split_point``.

    Stable: a record's part depends on nothing but its hash and the split. (A
    stratified split cannot be decided one record at a time; see ``plan_split``.)
    """
    point, cumulative, name = split_point(record), 0.0, ""
    for name, fraction in split.items():
        cumulative += fraction
        if point < cumulative:
            return name
    return name  # a point past a sum a rounding error short of 1


def stratum(record: PostingRecord, question: str) -> str:
    """The record's stratum: its first option for ``question``, or ``"<none>"``."""
    options = record["labels"].get(question) or []
    return options[0] if options else NO_LABEL


def _most_behind(split: Mapping[str, float], counts: Mapping[str, int], seen: int) -> str:
    """The part furthest below its share once ``seen`` records are placed (first on ties)."""
    return max(split, key=lambda name: seen * split[name] - counts[name])


def plan_split(records: Iterable[PostingRecord], split: Mapping[str, float],
               question: str) -> dict[int, str]:
    """The part of each record id, balanced within each stratum of ``question``.

    Within a stratum, records are taken in hash order and each goes to the part
    furthest below its share so far, so every part's count stays within one record
    of its target. Deterministic for a given set of records, but adding records can
    move others. Holds one ``(hash, key, id)`` tuple a record, never the records.
    """
    check_split(split)
    strata: dict[str, list[tuple[float, str, int]]] = defaultdict(list)
    for record in records:
        strata[stratum(record, question)].append(
            (split_point(record), rows.record_key(record), record["id"]))
    plan: dict[int, str] = {}
    for members in strata.values():
        members.sort()
        counts = dict.fromkeys(split, 0)
        for seen, (_, _, record_id) in enumerate(members, 1):
            part = _most_behind(split, counts, seen)
            counts[part] += 1
            plan[record_id] = part
    return plan


