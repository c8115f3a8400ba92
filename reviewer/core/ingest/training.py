"""The project's model: learnt from its reviewed postings, kept in the project file.

``train_project`` reads every reviewed posting (its cleaned text, the values its
fields were left with, which a reviewer saw and meant, its label answers and the
rules' stored reading of it), trains a model (``reviewer.core.learn``) and keeps it
in the file (``store.models``), the newest in use. ``project_model`` loads it again;
a model the file holds but this version cannot use (another format, damaged) is not
used, with a message saying why: the bytes are never run, only read as data.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from reviewer.core.extract import extract
from reviewer.core.ingest.dataset import STAGE as DATASET
from reviewer.core.ingest.dataset import apply_given
from reviewer.core.plugins import is_extractor_stage
from reviewer.core.schema import FIELD_NAMES, CleanDoc, Extraction, Finding
from reviewer.core.store import Store
from reviewer.core.words.text import escaped_controls

if TYPE_CHECKING:  # the learning libraries load only when a model is trained or read
    from reviewer.core.learn import Example, Model

KIND = "learned"
MINIMUM = 10  # reviewed postings below which there is too little to learn from


class TrainingError(Exception):
    """Training cannot start, and why (too few reviewed postings)."""


@dataclass
class TrainReport:
    postings: int = 0  # reviewed postings learnt from
    seconds: float = 0.0
    model_bytes: int = 0
    model_id: int = 0
    figures: dict[str, dict[str, float]] = field(default_factory=dict)

    def describe(self) -> str:
        return (f"learnt from {self.postings:,} reviewed "
                f"{'posting' if self.postings == 1 else 'postings'} in {self.seconds:.1f} s "
                f"({self.size_text()} in the project file)")

    def size_text(self) -> str:
        """The model's size as people read it: "40 kB", "2.5 MB" (the command's report
        and the window's say it alike)."""
        size = self.model_bytes
        return f"{size / 1e6:.1f} MB" if size >= 100_000 else f"{max(1, round(size / 1e3))} kB"

    def table(self) -> list[str]:
        """The cross-validated figures, a line a field or question: rules alone, the
        model alone, the two together, on how many held-out postings."""
        return figures_table(self.figures)


def figures_table(figures: dict[str, dict[str, float]]) -> list[str]:
    """``TrainReport.table`` for any figures of that shape."""
    names = {name: escaped_controls(name) for name in figures}  # read from the project file
    width = max([28, *map(len, names.values())])  # whole: two long names may share a start
    lines = [f"{'':{width}} {'rules':>6} {'model':>6} {'cascade':>8} {'n':>5}"]
    for name, fig in sorted(figures.items()):
        lines.append(f"{names[name]:{width}} {_fmt(fig.get('rules')):>6} "
                     f"{_fmt(fig.get('model')):>6} {_fmt(fig.get('cascade')):>8} "
                     f"{int(fig.get('n', 0)):>5}")
    return lines


@dataclass
class ModelSummary:
    """What the project's stored model says of itself: when it was trained, on how many
    reviewed postings, and its cross-validated figures."""

    trained_at: str
    postings: int
    figures: dict[str, dict[str, float]]


def model_summary(store: Store) -> ModelSummary | None:
    """The stored model's own account (read from its record: the model is not loaded)."""
    stored = store.models.latest(KIND)
    if stored is None:
        return None
    return ModelSummary(stored.trained_at, stored.postings, _figures(stored.info))


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def examples_of(store: Store, checkpoint: Callable[[], None] | None = None,
                ) -> tuple[list[Example], list[int]]:
    """The project's reviewed postings as examples to learn from, and their ids: of
    each, the fields a person decided and those no one gave a value to, not a machine
    value no one decided; ``checkpoint`` is called at each (raises to stop the
    reading)."""
    from reviewer.core.learn import Example

    kinds = {q.name: q.kind for q in store.labels.schema()}
    examples, ids = [], []
    for record in store.records.all(reviewed_only=True):
        if checkpoint is not None:
            checkpoint()
        # what its reviewers still differ on is no one's decision (a merged project's),
        # nor a machine value no one decided (a posting marked reviewed in bulk): a
        # plug-in's value learnt would come back as the model's own
        open_ = set(record.get("undecided") or ()) | {
            f"field:{name}" for name, state in record["provenance"].items()
            if state == "machine"}
        labels: dict[str, Any] = {}
        for question, options in (record.get("labels") or {}).items():
            if f"label:{question}" in open_:
                continue
            if options and kinds.get(question) == "single":
                labels[question] = str(options[0])
            elif options and kinds.get(question) == "multi":
                labels[question] = [str(o) for o in options]
        examples.append(Example(
            markdown=record["text"] or "",
            fields={name: record["fields"].get(name) for name in FIELD_NAMES
                    if f"field:{name}" not in open_},
            labels=labels,
            extraction=_rules_reading(record.get("machine"), record["text"] or ""),
            source=record.get("source") or "",
        ))
        ids.append(int(record["id"]))
    return examples, ids


def _rules_reading(machine: dict[str, Any] | None, text: str) -> Extraction | None:
    """The rules' reading of a posting, as the model is given it when it suggests: the
    rules' values and a data file's columns', none of a plug-in's, a command's or a
    learned model's (they come after it). Stored such, it is taken as stored; a posting
    stored without it (a record imported without the machine's values) gets None, and
    the rules read it again; one stored with another stage's values is read again here,
    its columns' values put back."""
    if not machine:
        return None
    from reviewer.core.learn.model import STAGE as LEARNED

    found = {name: Finding(m.get("value"), [tuple(s) for s in m.get("spans") or []],
                           float(m.get("confidence") or 0.0), str(m.get("stage") or ""))
             for name, m in machine.items() if name in FIELD_NAMES and isinstance(m, dict)}
    if not any(f.stage == LEARNED or is_extractor_stage(f.stage) for f in found.values()):
        return Extraction.from_findings(found)
    reading = extract(CleanDoc(text, "text"))
    apply_given(reading, {name: f.value for name, f in found.items()
                          if f.stage == DATASET}, text)
    return reading


def _enough(reviewed: int) -> None:
    """``TrainingError`` for fewer than ``MINIMUM`` reviewed postings."""
    if reviewed < MINIMUM:
        raise TrainingError(f"learning needs at least {MINIMUM} reviewed postings; this "
                            f"project has {reviewed}")


def train_project(store: Store, *, progress: Callable[[int, int], None] | None = None,
                  checkpoint: Callable[[], None] | None = None,
                  jobs: int | None = None) -> TrainReport:
    """Train the project's model on its reviewed postings and keep it in the file.
    Raises ``TrainingError`` when there are fewer than ``MINIMUM`` of them.
    ``checkpoint``: called often as it reads and learns; what it raises stops it there
    (see ``learn.train``), and no model is kept. ``jobs``: the worker processes the
    span fields learn in (None: one per core; 1: none)."""
    store.check_writable()
    started = time.perf_counter()
    counts_read = store.meta.changed_questions()
    # before any is read (each is extracted again) and the learning's libraries load
    _enough(store.queue.count("reviewed"))
    from reviewer.core.learn import train
    examples, ids = examples_of(store, checkpoint)
    _enough(len(examples))
    questions = [q for q in store.labels.schema() if q.kind != "span"]
    model = train(examples, questions, progress, checkpoint=checkpoint, jobs=jobs)
    data = model.to_bytes()
    info = dict(model.info)
    with store.atomic():
        model_id = store.models.save(KIND, data, ids, info)
        now = {q.name: (q.kind, q.option_names()) for q in store.labels.schema()}
        store.meta.model_trained(counts_read, [
            q.name for q in questions if now.get(q.name) != (q.kind, q.option_names())])
    return TrainReport(len(examples), time.perf_counter() - started, len(data), model_id,
                       _figures(model.info))


def _figures(info: dict[str, Any]) -> dict[str, dict[str, float]]:
    figures = info.get("figures")
    if not isinstance(figures, dict):
        return {}
    return {str(name): {k: v for k, v in fig.items() if _finite(v)}  # (a count stays whole)
            for name, fig in figures.items() if isinstance(fig, dict)}


def _finite(value: Any) -> bool:
    """Is ``value`` a number a figure can be (a file edited by hand may hold NaN, 1e999 or
    an integer of 400 digits)?"""
    try:
        return isinstance(value, int | float) and not isinstance(value, bool) \
            and math.isfinite(value)
    except OverflowError:
        return False


def project_model(store: Store) -> tuple[Model | None, str | None]:
    """The model the project file holds, if any and usable: (model, None); (None, why)
    when it holds one this version refuses; (None, None) when it holds none. A label
    question whose options were renamed or removed since it was trained (a swap of
    "yes" and "no" leaves the names as they were) is not answered by it: (model without
    it, a note naming them) until it learns again. One that answers a question with what
    is not among its options (a crafted file) is refused: (None, why)."""
    stored = store.models.latest(KIND)
    if stored is None:
        return None, None
    from reviewer.core.learn import Model, ModelRefused

    try:
        model = Model.from_bytes(stored.data)
    except ModelRefused as err:
        trained, why = escaped_controls(stored.trained_at[:10]), escaped_controls(str(err))
        when = f" (trained {trained})" if trained else ""  # (the file's words, shown)
        return None, (f"the project's learned model{when} is not used: {why}; train it "
                      "again with this version")
    changed = sorted(set(store.meta.changed_questions()) & set(model.questions))
    for question in changed:
        model.forget_question(question)
    foreign = model.foreign_answers({q.name: q.option_names() for q in store.labels.schema()})
    if foreign:
        names = ", ".join(repr(escaped_controls(q)) for q in foreign)
        return None, (f"the project's learned model is not used: it answers {names} with "
                      "what is not among its options; train it again")
    if not changed:
        return model, None
    names = ", ".join(escaped_controls(q) for q in changed)
    return model, (f"the project's learned model does not answer {names}: its options were "
                   "renamed or removed since it was trained; train it again to have it "
                   "answered")
