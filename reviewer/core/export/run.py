"""Export canonical posting records as a labelled dataset, whole or split into parts.

The only input is a stream of ``PostingRecord`` (``reviewer.core.records``); which
postings to export (by default the reviewed ones) is the caller's choice. Records
are written one at a time, so an export of a million postings runs in constant
memory (spaCy's DocBins are written a part of a corpus at a time: ``spacy_parts``),
but for a stratified split, which holds one small ``(id, hash, stratum)`` tuple a record.

Splits are deterministic (see ``splits``); the Hugging Face folder gets its
dataset card from ``card``.

Every span written satisfies ``text[start:end] == span text``: spans that do not
are dropped and counted (``ExportSummary.dropped_spans``), never written wrong.
"""

from __future__ import annotations

import contextlib
import copy
import errno
import functools
import glob
import os
import shutil
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TypeAlias

from reviewer.core.export import formats_more, jsonld, jsonld_pages, rows, writers
from reviewer.core.export.card import finish_hf
from reviewer.core.export.choices import Choices
from reviewer.core.export.files import is_project_file
from reviewer.core.export.labelstudio import CONFIG_SUFFIX, LabelStudioTasks, config_path
from reviewer.core.export.spacy_docs import SpacyWriter
from reviewer.core.export.splits import assign_split, check_split, plan_split
from reviewer.core.export.summary import ExportSummary
from reviewer.core.export.tokens_bio import ConllWriter
from reviewer.core.labels import Question
from reviewer.core.records import PostingRecord

FORMATS = ("jsonl", "csv", "parquet", "hf", "prodigy", "labelstudio", "spacy", "conll", "doccano",
           "argilla", *jsonld.FORMATS)
EXTENSIONS = {"jsonl": "jsonl", "csv": "csv", "parquet": "parquet", "hf": "jsonl",
              "prodigy": "jsonl", "conll": "conll", "doccano": "jsonl", "argilla": "jsonl",
              "labelstudio": "json", "spacy": "spacy", "jsonld": "jsonld", jsonld.PAGES: "html"}
Records: TypeAlias = "Iterable[PostingRecord] | Callable[[], Iterable[PostingRecord]]"


# -- spans --------------------------------------------------------------------------------------


def _in_text(span: list[int], size: int) -> bool:
    return len(span) == 2 and 0 <= span[0] <= span[1] <= size


def _all_fit(record: PostingRecord, size: int) -> bool:
    """Does every span of the record hold its text (``records.bad_spans``), and every
    piece of evidence lie in it? The common case, checked without a call per span;
    evidence that is the machine's own list (a field not reviewed) is checked once."""
    machine = record["machine"]
    try:
        for suggestion in machine.values():
            for a, b in suggestion.get("spans", ()):
                if not 0 <= a <= b <= size:
                    return False
        for name, spans in record["field_spans"].items():
            if name in machine and spans is machine[name].get("spans"):
                continue
            for a, b in spans:
                if not 0 <= a <= b <= size:
                    return False
    except (TypeError, ValueError):  # a span that is not a pair of numbers
        return False
    text = record["text"]
    for span in record["spans"]:
        start, end = span["start"], span["end"]
        if not 0 <= start <= end <= size or text[start:end] != span["text"]:
            return False
    return True


def drop_bad_spans(record: PostingRecord) -> tuple[PostingRecord, int]:
    """The record without the spans whose offsets do not hold their text, and how many:
    labelled spans (``records.bad_spans``), field and machine evidence. The record passed
    in is never changed."""
    text, size = record["text"], len(record["text"])
    if _all_fit(record, size):
        return record, 0
    clean = copy.copy(record)
    clean["spans"] = [s for s in record["spans"] if 0 <= s["start"] <= s["end"] <= size
                      and text[s["start"]:s["end"]] == s["text"]]
    clean["field_spans"] = {name: [s for s in spans if _in_text(s, size)]
                            for name, spans in record["field_spans"].items()}
    clean["machine"] = {}
    for name, suggestion in record["machine"].items():
        clean["machine"][name] = copy.copy(suggestion)
        clean["machine"][name]["spans"] = [s for s in suggestion.get("spans", [])
                                           if _in_text(s, size)]

    def count(rec: PostingRecord) -> int:
        return (len(rec["spans"]) + sum(map(len, rec["field_spans"].values()))
                + sum(len(m.get("spans", [])) for m in rec["machine"].values()))

    return clean, count(record) - count(clean)


# -- export -------------------------------------------------------------------------------------


def _check_args(records: Records, fmt: str, split: Mapping[str, float] | None,
                stratify: str | None, parquet: bool, raw_cells: bool, strict: bool) -> None:
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}: choose one of {', '.join(FORMATS)}")
    if parquet and fmt not in ("hf", "csv", "parquet"):
        raise ValueError("--parquet applies to the hf and csv formats only")
    if raw_cells and fmt != "csv":
        raise ValueError("--raw-cells applies to the csv format only")
    if strict and fmt not in jsonld.FORMATS:
        raise ValueError("--strict applies to the jsonld formats only")
    if split is not None:
        check_split(split)
    if stratify is not None:
        if split is None:
            raise ValueError("--stratify needs a --split (e.g. train=0.8,test=0.2)")
        if not callable(records):
            raise ValueError("a stratified export reads the records twice: pass a function "
                             "that returns a fresh iterable of them, not the iterable itself")


def _open(fmt: str, path: Path, questions: set[str], parquet: bool,
          raw_cells: bool, tasks: LabelStudioTasks, choices: Choices,
          schema: Sequence[Question] | None = None,
          tags: dict[str, str] | None = None) -> writers.PartWriter:
    """The writer of one part; ``choices`` is shared by the parts, so that each offers
    every option the export has, whichever part its postings went to (and ``tags``,
    CoNLL's tag of each span label, so that no two labels become one across them)."""
    suggests = tasks.skill_label is not None  # (the window suggests spans: a span label)
    if fmt == "hf":
        return writers.HfWriter(path.with_suffix(".parquet") if parquet else path, questions,
                                parquet, suggests)
    if fmt == "parquet" or (fmt == "csv" and parquet):
        return formats_more.CsvParquetWriter(path, questions)
    if fmt == "csv":
        return writers.CsvWriter(path, raw_cells, questions)
    if fmt == "conll":
        return ConllWriter(path, tags, suggests)
    if fmt == "doccano":
        return formats_more.LinesWriter(
            path, functools.partial(formats_more.doccano_line, suggests=suggests))
    if fmt == "argilla":
        records = formats_more.ArgillaRecords(schema, tasks.skill_label)
        return formats_more.LinesWriter(path, records.record)
    if fmt == "spacy":
        return SpacyWriter(path, choices, suggests)
    if fmt in ("labelstudio", "jsonld"):
        item = tasks.task if fmt == "labelstudio" else jsonld.job_posting
        return writers.JsonArrayWriter(path, item)
    if fmt == jsonld.PAGES:
        return jsonld_pages.PageWriter(path)
    if fmt == "prodigy":
        return writers.JsonLinesWriter(path, rows.prodigy_task, choices, suggests)
    return writers.JsonLinesWriter(path, rows.canonical_row)


def export(records: Records, fmt: str, out: Path, *, split: dict[str, float] | None = None,
           stratify: str | None = None, parquet: bool = False, raw_cells: bool = False,
           schema: Sequence[Question] | None = None, strict: bool = False,
           license: str | None = None, language: str | Sequence[str] | None = None,
           emails: Mapping[str, str] | None = None, skills: str = "SKILL") -> ExportSummary:
    """Write ``records`` in ``fmt`` to ``out``, whole or split into parts.

    ``out`` is the file written, unless there is a split (then each part goes to
    ``out/<part>.<ext>``) or the format is ``hf``, which always writes a folder
    (``out/data/<part>-<digest>.jsonl`` or ``.parquet``, ``train`` without a split,
    and ``out/README.md``). ``records`` is an iterable, or a function returning a
    fresh one: a stratified split (``stratify`` = a document-label question) needs
    the function, to read the records once to plan the split and once to write.

    CSV cells a spreadsheet would run as formulas (starting with ``=``, ``+``, ``-``,
    ``@``, a tab or a carriage return) get a leading ``'``, as OWASP advises;
    ``raw_cells`` (csv only) writes every cell as the exact text instead. ``parquet``
    writes the hf parts, or the csv table (``table``: typed columns, lists as list
    columns, exact text), as Parquet; a split csv then has ``out/<part>.parquet``. The
    ``parquet`` format is that table (``csv`` with ``parquet``).

    ``labelstudio`` also writes the labeling config the tasks fit (see ``labelstudio``):
    ``<out>.config.xml`` beside the file, or ``config.xml`` in a split's folder. Its
    questions and span labels are those of the records; ``schema`` (the project's label
    schema) adds every question and option it has. ``argilla`` uses ``schema`` too, to
    answer its single-choice questions with the option. ``skills``: the span label that
    stands for skills (``Labels.skill_label``), the machine's skill spans suggested as it.
    A ``spacy`` or ``conll`` part of no posting is not written; an export of none raises
    ValueError (``count_left_out``).

    ``hf`` and ``conll`` tag tokens (``tokens_bio``): spans that hold no token are counted
    in ``unaligned_spans``, spans the BIO tags leave out (they overlap a longer one) in
    ``overlapping_spans``. ``license`` and ``language`` (a code or a list, hf only) go in
    the dataset card's YAML.

    Records with every reviewer's values (``reviewers``) carry them in ``jsonl`` and ``hf``,
    and in ``prodigy`` (one example per reviewer) and ``labelstudio`` (one annotation per
    reviewer, its ``completed_by`` the Label Studio user that ``emails`` gives by name).

    ``jsonld`` and ``jsonld-html`` (a folder of HTML pages, ``<id>.html``, one folder a part
    with a split) report each posting that lacks a property Google requires in
    ``ExportSummary.missing``; ``strict`` leaves those postings out (``left_out``).
    """
    _check_args(records, fmt, split, stratify, parquet, raw_cells, strict)
    if (license is not None or language is not None) and fmt != "hf":
        raise ValueError("license and language (of the dataset card) apply to the hf format only")
    if parquet or fmt == "parquet":
        writers.optional_module("pyarrow.parquet", "pip install pyarrow")  # fail before writing
    if fmt == "spacy":
        writers.optional_module("spacy", "pip install -e '.[spacy]'")
    plan: dict[int, str] | None = None
    if callable(records):
        if split is not None and stratify is not None:
            plan = plan_split(records(), split, stratify)
        records = records()
    parts = list(split) if split else ["train" if fmt == "hf" else "all"]
    folder = fmt in ("hf", jsonld.PAGES) or split is not None
    base = out / "data" if fmt == "hf" else out
    if folder:
        base.mkdir(parents=True, exist_ok=True)
    questions: set[str] = set()
    tasks = LabelStudioTasks(schema, emails, skills)
    choices = Choices(schema if fmt == "spacy" else None)
    paths = {part: base / f"{part}.{EXTENSIONS[fmt]}" if folder else out for part in parts}
    if fmt == jsonld.PAGES:  # a folder of pages, one a part with a split
        paths = {part: out / part if split else out for part in parts}
    if fmt == "csv" and parquet and split:
        paths = {part: base / f"{part}.parquet" for part in parts}
    tags: dict[str, str] = {}
    by_part = {part: _open(fmt, paths[part], questions, parquet, raw_cells, tasks, choices,
                           schema, tags) for part in parts}
    summary = ExportSummary(fmt, dict.fromkeys(parts, 0))
    try:
        for record in records:
            if plan is not None:
                if record["id"] not in plan:
                    raise ValueError(f"posting {record['id']} was not there when the split was "
                                     "planned: the records changed between the two readings")
                part = plan[record["id"]]
            else:
                part = assign_split(record, split) if split else parts[0]
            clean, dropped = drop_bad_spans(record)
            if fmt in jsonld.FORMATS:
                clean, undecided = jsonld.decided_only(clean)
                if missing := jsonld.record_missing(clean):
                    summary.missing[clean["id"]] = missing
                    if strict:
                        summary.left_out += 1
                        continue
                summary.undecided_values += undecided  # (of the postings written)
                summary.machine_postings += clean["status"] != "reviewed"
            summary.dropped_spans += dropped
            summary.unaligned_spans += by_part[part].write(clean)
            summary.counts[part] += 1
    finally:
        for writer in by_part.values():
            writer.close()
    summary.count_left_out(by_part, paths if fmt in ("spacy", "conll") else None)
    if fmt == "hf":
        hf = {part: w for part, w in by_part.items() if isinstance(w, writers.HfWriter)}
        summary.files = finish_hf(out, hf, questions, parquet, license, language, [
            o.name for q in schema or () if q.kind == "span" for o in q.options])
    else:
        summary.files = [path for path in paths.values() if path.name not in summary.empty]
    if fmt == "labelstudio":
        summary.files.append(tasks.write_config(config_path(out, folder)))
    return summary


def export_whole(out: Path, write: Callable[[Path], ExportSummary], fmt: str = "") -> ExportSummary:
    """Run ``write`` on a path beside ``out`` and put it in place of ``out`` once whole, so
    that an export that fails or is stopped (a full disk, a cancel) leaves ``out`` as it
    was. ``out``: a file, a new path (the folders it names are made) or an empty folder
    (see ``check_output``), each for what ``write`` writes (a file or a folder: see
    ``check_written``); ``fmt``: ``labelstudio`` writes a config beside it."""
    writers.check_output(out)
    if is_project_file(out):
        raise ValueError(f"{out} is a project file (or one SQLite keeps beside one): an export "
                         "never replaces it; choose another name")
    folder = out.parent.resolve()  # no '..' left: the folders above are the ones made
    out = folder / out.name
    part = writers.part_path(out, CONFIG_SUFFIX if fmt == "labelstudio" else "")

    def placed(path: Path) -> Path:
        """Where a file the export wrote goes: inside or beside ``out`` as it was
        inside or beside the part (a Label Studio config: ``<name>.config.xml``)."""
        if path == part or part in path.parents:
            return out / path.relative_to(part) if path != part else out
        return out.with_name(out.name + path.name[len(part.name):])

    made = _first_missing(folder)  # made for the export, and removed if it fails
    try:
        if made is not None:
            _make_folder(folder, made)
        with writers.writing_alone(part, out):  # (refused: another's part is not removed)
            try:
                summary = write(part)
                writers.check_written(out, part, fmt)
                if out.is_dir():
                    out.rmdir()  # empty, as checked
                for path in summary.files:
                    if path.parent == part.parent and path != part:
                        os.replace(path, placed(path))
                os.replace(part, out)
            finally:
                _remove_parts(part)
    except BaseException:
        if made is not None:  # the folders made for it, as they were: none
            _remove_empty(folder, made)
        raise
    summary.files = [placed(f) for f in summary.files]
    summary.written = sum(path.is_file() for path in out.rglob("*")) + sum(
        path.parent == out.parent and path != out for path in summary.files) if out.is_dir() \
        else len(summary.files)  # (a folder's files, and those beside it: not the folder)
    return summary


def write_text_whole(out: Path, text: str) -> None:
    """Write a small text file (guidelines, a label schema) as an export writes its
    output: never over a project file, a folder, a pipe or a device, and in place only
    once whole (ValueError saying why not, OSError when it cannot be written)."""
    if out.is_dir():  # (before check_output, which would ask for an empty folder)
        raise ValueError(f"{out} is a folder: give a file's name")
    writers.check_output(out)
    if is_project_file(out):
        raise ValueError(f"{out} is a project file (or one SQLite keeps beside one): an export "
                         "never replaces it; choose another name")
    part = writers.part_path(out)
    try:
        part.write_text(text, encoding="utf-8")
        os.replace(part, out)
    finally:
        part.unlink(missing_ok=True)


def _first_missing(folder: Path) -> Path | None:
    """The first of ``folder`` and the folders above it that is missing (None: none)."""
    if folder.is_dir():
        return None
    missing = folder
    while not missing.parent.is_dir() and missing.parent != missing:
        missing = missing.parent
    return missing


def _make_folder(folder: Path, missing: Path) -> None:
    """Make ``folder`` (another process may make it at the same time); NotADirectoryError
    naming ``missing`` where something else is in the way (a file, a link to nothing or
    to itself)."""
    with contextlib.suppress(FileExistsError, NotADirectoryError):
        folder.mkdir(parents=True, exist_ok=True)
    if not folder.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, "not a folder", str(missing))


def _remove_empty(folder: Path, top: Path) -> None:
    """Remove ``folder`` and the folders above it up to ``top`` (``folder`` or one above
    it), those that are there and empty."""
    while True:
        with contextlib.suppress(OSError):  # not made, or something was put in it
            folder.rmdir()
        if folder == top or folder.parent == folder:
            return
        folder = folder.parent


def _remove_parts(part: Path) -> None:
    """What is left of an export beside its place: the part and every file beside it
    (its lock aside, let go of last by ``writing_alone``, and another export's part and
    lock, ".ds.part2.jsonl.part" beside ".ds.part": not this one's)."""
    with contextlib.suppress(OSError):  # its folder is not there (or cannot be)
        for path in list(part.parent.glob(glob.escape(part.name) + "*")):
            rest = path.name[len(part.name):]
            if rest == writers.LOCK or ".part" in rest:
                continue
            if path.is_dir():
                shutil.rmtree(path)
            else:
                path.unlink(missing_ok=True)
