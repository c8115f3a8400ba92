"""A model as bytes, and back: a format that holds data only.

The stored model is a zip archive of:

* ``manifest.json``: the format's name and version, the versions of the extractor
  and of the feature set the model was trained with, the libraries', when it was
  trained, on how many postings, its cross-validated figures, the fields and questions
  it covers with their calibration and trust, the list of the other members and the
  SHA-256 of each;
* ``linear/N.{cols,weights,intercept}.npy``: each classifier's arrays, written by
  ``numpy.save`` and read by ``numpy.load(allow_pickle=False)``;
* ``crf/N.crfsuite``: each tagger in crfsuite's own model format (its weights and its
  tables of feature and label names).

Why it is safe to open a model from a project someone else made: nothing in it is
code and nothing of it is run. It is never unpickled: JSON is read by ``json``, the
arrays by numpy with pickles refused (an array of Python objects fails to load), and
their types, shapes and values are checked; a crfsuite model is checked (its header,
its size, every offset and index crfsuite follows: ``crf_check``) before crfsuite reads
it as data. The archive
is checked before any of that: its size, each member's size as read (not as
claimed), the member names against the manifest's list (anything else, such as a
pickle, refuses the whole file) and each member's hash (a damaged model is refused,
never half read). ``load`` raises ``ModelRefused`` with the reason, in words a
person can act on; it never returns a model built from an unchecked part.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from typing import Any

import numpy as np

from reviewer.core.learn import crf_check, tasks
from reviewer.core.learn.calibrate import Calibration
from reviewer.core.learn.classify import N_FEATURES, LinearModel
from reviewer.core.learn.features import FEATURE_VERSION
from reviewer.core.learn.model import LABEL, Model, Part
from reviewer.core.learn.spans import BEGIN, INSIDE, OUTSIDE, SpanTagger
from reviewer.core.schema import EXTRACTOR_VERSION, FIELDS

FORMAT = "posting-reviewer-model"
FORMAT_VERSION = 2  # 2: a many-answer question's option classifiers keyed apart by U+001F
MAX_BYTES = 200 * 2**20  # a stored model
MAX_MEMBER = 50 * 2**20  # one member, uncompressed (a model of 1,000 postings: 0.4 MB)
MAX_TOTAL = 100 * 2**20  # all members, uncompressed
MAX_MEMBERS = 10_000
MANIFEST = "manifest.json"
KINDS = ("span", "lines", "choice", "single", "multi")


class ModelRefused(Exception):
    """A stored model that cannot be used, and why (``reason``)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def dump(model: Model) -> bytes:
    """The model as the bytes of its zip archive."""
    members: dict[str, bytes] = {}
    taggers = []
    for n, (name, tagger) in enumerate(model.taggers.items()):
        member = f"crf/{n}.crfsuite"
        members[member] = tagger.data
        taggers.append({"field": name, "member": member, "many": tagger.many})
    linear = []
    for n, (key, lin) in enumerate(model.linear.items()):
        stem = f"linear/{n}"
        for part, array in (("cols", lin.cols), ("weights", lin.weights),
                            ("intercept", lin.intercept)):
            buffer = io.BytesIO()
            np.save(buffer, array, allow_pickle=False)
            members[f"{stem}.{part}.npy"] = buffer.getvalue()
        linear.append({"key": key, "classes": lin.classes, "member": stem})
    manifest = {
        "format": FORMAT, "format_version": FORMAT_VERSION,
        "extractor_version": EXTRACTOR_VERSION, "feature_version": FEATURE_VERSION,
        "info": model.info, "fields": model.fields, "questions": model.questions,
        "parts": [{"name": p.name, "kind": p.kind, "trusted": p.trusted,
                   "calibrations": {k: c.to_json() for k, c in p.calibrations.items()},
                   "figures": p.figures, "options": p.options}
                  for p in model.parts.values()],
        "taggers": taggers, "linear": linear,
        "members": {name: hashlib.sha256(data).hexdigest() for name, data in members.items()},
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(MANIFEST, json.dumps(manifest, indent=1, ensure_ascii=False))
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def load(data: bytes) -> Model:
    """The model stored in ``data``; ``ModelRefused`` when it cannot be used."""
    if not isinstance(data, bytes | bytearray | memoryview):
        raise ModelRefused("a stored model is bytes")
    data = bytes(data)
    if len(data) > MAX_BYTES:
        raise ModelRefused(f"the stored model is {len(data) // 2**20} MB, over the "
                           f"{MAX_BYTES // 2**20} MB a model may take")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError):
        raise ModelRefused("this is not a model of Posting Reviewer (not a zip archive)") \
            from None
    with archive:  # the manifest first: nothing else is unpacked unless it lists it
        infos = [info for info in archive.infolist() if not info.is_dir()]
        if len(infos) > MAX_MEMBERS:
            raise ModelRefused("the model holds too many members")
        manifest = _manifest(next((_read(archive, i) for i in infos if i.filename == MANIFEST),
                                  None))
        listed = manifest.get("members")
        names = {info.filename for info in infos} - {MANIFEST}
        if not isinstance(listed, dict) or set(listed) != names:
            extra = sorted(names - set(listed or {}))
            raise ModelRefused(f"the model holds a member its manifest does not list "
                               f"({extra[0]})" if extra
                               else "the model lacks a member its manifest lists")
        unread = sorted(names - _read_by_parts(manifest))
        if unread:  # (unpacked for nothing: memory a crafted model would take)
            raise ModelRefused(f"the model holds a member no part of it reads ({unread[0]})")
        members = _read_members(archive, [i for i in infos if i.filename != MANIFEST])
    for name, content in members.items():
        if hashlib.sha256(content).hexdigest() != listed[name]:
            raise ModelRefused(f"the model is damaged: {name} is not as it was written")
    try:
        return _build(manifest, members)
    except (ValueError, KeyError, TypeError, IndexError, RecursionError, ArithmeticError,
            RuntimeError) as error:  # (crfsuite's own errors are RuntimeErrors)
        raise ModelRefused(f"the model is damaged: {error}") from None
    except MemoryError:
        raise ModelRefused("the model is damaged: it asks for more memory than it holds") \
            from None


def _read_by_parts(manifest: dict[str, Any]) -> set[str]:
    """The members the taggers and classifiers of ``manifest`` read."""
    try:
        used = {str(raw["member"]) for raw in manifest["taggers"]}
        return used | {f"{raw['member']}.{p}.npy" for raw in manifest["linear"]
                       for p in ("cols", "weights", "intercept")}
    except (KeyError, TypeError) as error:
        raise ModelRefused(f"the model is damaged: its manifest lacks {error}") from None


def _read_members(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> dict[str, bytes]:
    members: dict[str, bytes] = {}
    total = 0
    for info in infos:
        content = _read(archive, info)
        total += len(content)
        if total > MAX_TOTAL:
            raise ModelRefused("the model's members are too large together")
        members[info.filename] = content
    return members


def _read(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    if info.file_size > MAX_MEMBER:
        raise ModelRefused(f"the model's member {info.filename} is too large")
    try:
        with archive.open(info) as member:
            content = member.read(MAX_MEMBER + 1)
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError,
            ValueError) as error:
        raise ModelRefused(f"the model is damaged: {info.filename}: {error}") from None
    if len(content) > MAX_MEMBER:
        raise ModelRefused(f"the model's member {info.filename} is too large")
    return content


def _manifest(content: bytes | None) -> dict[str, Any]:
    if content is None:
        raise ModelRefused("this is not a model of Posting Reviewer (no manifest)")
    try:
        manifest = json.loads(content.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise ModelRefused("the model is damaged: its manifest is not JSON") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise ModelRefused("this is not a model of Posting Reviewer (another format)")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise ModelRefused(f"the model was stored in format version "
                           f"{manifest.get('format_version')!r}, this version reads "
                           f"{FORMAT_VERSION}")
    if manifest.get("feature_version") != FEATURE_VERSION:
        raise ModelRefused(f"the model reads another feature set "
                           f"({manifest.get('feature_version')!r}, this version has "
                           f"{FEATURE_VERSION!r})")
    if manifest.get("extractor_version") != EXTRACTOR_VERSION:
        raise ModelRefused(f"the model learnt from the rules of extractor version "
                           f"{manifest.get('extractor_version')!r}, these are "
                           f"{EXTRACTOR_VERSION!r}")
    return manifest


def _build(manifest: dict[str, Any], members: dict[str, bytes]) -> Model:
    parts: dict[str, Part] = {}
    for raw in manifest["parts"]:
        if raw["kind"] not in KINDS or not isinstance(raw["name"], str):
            raise ValueError(f"a part of unknown kind {raw['kind']!r}")
        figures = {str(k): float(v) for k, v in dict(raw["figures"]).items()}
        parts[raw["name"]] = Part(raw["name"], raw["kind"],
                                  {str(k): Calibration.from_json(c)
                                   for k, c in dict(raw["calibrations"]).items()},
                                  bool(raw["trusted"]), figures,
                                  [str(o) for o in raw["options"]])
    taggers = {}
    for raw in manifest["taggers"]:
        content = members[raw["member"]]
        crf_check.check(content)
        if raw["many"] is not (raw["field"] == "locations"):  # (as ``tasks`` trains them)
            raise ValueError(f"the tagger of {raw['field']!r} gives a list where the field "
                             "holds one value, or one where it holds a list")
        tagger = SpanTagger(str(raw["field"]), content, bool(raw["many"]))
        if not set(tagger._tagger.labels()) <= {OUTSIDE, BEGIN, INSIDE}:
            raise ValueError(f"the tagger of {raw['field']} has labels of another kind")
        taggers[tagger.name] = tagger
    linear = {}
    for raw in manifest["linear"]:
        stem = raw["member"]
        classes = [str(c) for c in raw["classes"]]
        cols, weights, intercept = (_array(members[f"{stem}.{p}.npy"])
                                    for p in ("cols", "weights", "intercept"))
        _check_linear(classes, cols, weights, intercept)
        linear[str(raw["key"])] = LinearModel(classes, cols, weights, intercept)
    _check_parts(parts, linear)
    info = manifest.get("info")
    return Model(parts, taggers, linear, info if isinstance(info, dict) else {})


_CHOICES = {spec.name: frozenset(spec.choices) for spec in FIELDS if spec.kind == "enum"}


def _check_parts(parts: dict[str, Part], linear: dict[str, LinearModel]) -> None:
    """Each part learns its field the way this version learns it, and a choice field's
    classifier names only values the field can take: a crafted model must not put a
    text where a number goes, or a value outside a field's choices."""
    for name, part in parts.items():
        if name.startswith(LABEL):
            if part.kind not in ("single", "multi"):
                raise ValueError(f"the question {name[len(LABEL):]!r} is learnt as a field")
        elif part.kind != tasks.kind_of(name):
            raise ValueError(f"the field {name!r} is not learnt as {part.kind}")
        if part.kind == "choice" and name in linear and \
                not set(linear[name].classes) <= _CHOICES[name] | {tasks.NONE}:
            raise ValueError(f"the field {name!r} is given values it cannot take")


def _array(content: bytes) -> np.ndarray:
    """One array, its header read first: one that claims more bytes than the member
    holds is refused before numpy makes room for it."""
    stream = io.BytesIO(content)
    version = np.lib.format.read_magic(stream)
    if version == (1, 0):
        shape, _, dtype = np.lib.format.read_array_header_1_0(stream)
    elif version == (2, 0):
        shape, _, dtype = np.lib.format.read_array_header_2_0(stream)
    else:
        raise ValueError("a member is an array of an unknown format")
    if dtype.hasobject or int(np.prod(shape, dtype=np.float64)) * dtype.itemsize > len(content):
        raise ValueError("a member's array is not what its header says")
    array = np.load(io.BytesIO(content), allow_pickle=False)
    if not isinstance(array, np.ndarray):
        raise ValueError("a member is not one array")
    return array


def _check_linear(classes: list[str], cols: np.ndarray, weights: np.ndarray,
                  intercept: np.ndarray) -> None:
    k = 0 if len(classes) < 2 else 1 if len(classes) == 2 else len(classes)
    if cols.dtype != np.int32 or cols.ndim != 1 or weights.dtype != np.float32 or \
            intercept.dtype != np.float32:
        raise ValueError("a classifier's arrays are of another type")
    if weights.shape != (len(cols), k) or intercept.shape != (k,):
        raise ValueError("a classifier's arrays are of another shape")
    if len(cols) and (cols.min() < 0 or cols.max() >= N_FEATURES):
        raise ValueError("a classifier names columns it cannot have")
    if not (np.isfinite(weights).all() and np.isfinite(intercept).all()):
        raise ValueError("a classifier holds weights that are not numbers")
