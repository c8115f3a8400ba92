"""Deterministic train/dev/test splits of records, plain or stratified by a label.

A record's place in [0, 1) is the SHA-256 of its text (without case, spaces as one; its
``raw_hash``, else its id, when it has none), so it lands in the same part on every
export, whatever else is exported with it, and postings of one text (one posting
imported from two pages that differ) land in one part: a test part never holds a text
the training part holds. A stratified split balances each stratum (the first option
chosen for a document-label question) instead, which depends on the other records of
the stratum: see ``plan_split``.
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
    folded: dict[str, str] = {}
    for name, fraction in split.items():
        if not name:
            raise ValueError("a split part has an empty name (write NAME=FRACTION)")
        if not _PART_NAME.match(name):
            raise ValueError(f"split part name {name!r} may hold only letters, digits and _")
        if name.casefold() in folded:  # one file on a file system blind to case
            raise ValueError(f"split parts {folded[name.casefold()]!r} and {name!r} would "
                             "be one file name where case is not told apart: rename one")
        folded[name.casefold()] = name
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
    """The record's place in [0, 1): the SHA-256 of its text, without case and with
    spaces as one (of its raw hash, or id, where it has no text)."""
    key = " ".join(record["text"].casefold().split()) or "\0" + rows.record_key(record)
    digest = hashlib.sha256(key.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def assign_split(record: PostingRecord, split: Mapping[str, float]) -> str:
    """The part whose cumulative range holds the record's ``split_point``.

    Stable: a record's part depends on nothing but its text and the split. (A
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

    The records of one text (``split_point``) go together, in the stratum of the first
    of them (by raw hash). Within a stratum, texts are taken in hash order and each goes
    to the part furthest below its share so far, so every part's count stays within one
    text's records of its target. Deterministic for a given set of records, but adding
    records can move others. Holds one ``(stratum, key, id)`` tuple a record, never the
    records.
    """
    check_split(split)
    texts: dict[float, list[tuple[str, str, int]]] = defaultdict(list)
    for record in records:
        texts[split_point(record)].append(
            (rows.record_key(record), stratum(record, question), record["id"]))
    strata: dict[str, list[tuple[float, list[int]]]] = defaultdict(list)
    for point, members in texts.items():
        members.sort()
        strata[members[0][1]].append((point, [record_id for _, _, record_id in members]))
    plan: dict[int, str] = {}
    for groups in strata.values():
        groups.sort()
        counts, seen = dict.fromkeys(split, 0), 0
        for _, ids in groups:
            seen += len(ids)
            part = _most_behind(split, counts, seen)
            counts[part] += len(ids)
            plan.update(dict.fromkeys(ids, part))
    return plan


