"""The project model's learning curve, simulated on the gold corpora, and its costs.

What it does (and prints; it asserts nothing):

* for each corpus of ../shared/corpus/dev/ (linkedin, glassdoor, emscad, careercenter)
  and each N of ``--n`` (25, 50, 100): the first N postings' gold values are taken as
  the reviewers' decisions (a field the gold leaves out was not decided), a model is
  trained on them (``reviewer.core.learn.train``), and the remaining postings are scored
  with ../shared/eval/score.py's own ``score_field``, as the rules alone left them
  (``process``) and after ``apply`` (the rules with the model); per corpus and per field;
  beside them the model's own values alone, and the ceiling of any mix of the two
  (a value counted right when the rules' or the model's was);
  An N that leaves fewer than ``--min-rest`` postings is skipped ("-");
* training seconds, the model's size, and the ms ``apply`` adds to a posting (the
  model's suggestions and their merge, after ``process``);
* training on ``--big`` examples (the corpora's postings repeated, every field decided),
  its seconds, the model's size and the peak memory.

Run from the project root (about four minutes on 2 cores):

    .venv/bin/python benchmarks/bench_learning.py [--n 25 50 100] [--big 1000] [--json OUT]
"""

from __future__ import annotations

import argparse
import copy
import importlib.util
import json
import resource
import sys
import time
from collections import defaultdict
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPORA = ("linkedin", "glassdoor", "emscad", "careercenter")

sys.path.insert(0, str(ROOT))  # run from a checkout without installing

from reviewer.core.learn import Example, apply, train  # noqa: E402
from reviewer.core.pipeline import Processed, process  # noqa: E402
from reviewer.core.schema import FIELD_NAMES  # noqa: E402


def scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("score", SHARED / "eval" / "score.py")
    if spec is None or spec.loader is None:
        sys.exit("../shared/eval/score.py not found")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load(name: str) -> tuple[list[dict[str, Any]], list[Processed]]:
    path = SHARED / "corpus" / "dev" / f"{name}.jsonl"
    records = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    return records, [process(r["raw"], r["format"]) for r in records]


def example(record: dict[str, Any], done: Processed) -> Example:
    return Example(done.doc.markdown, dict(record.get("fields") or {}),
                   extraction=done.extraction, source=record.get("id", ""))


def score(score_field: Any, records: list[dict[str, Any]],
          fields: list[dict[str, Any]]) -> dict[str, list[int]]:
    """Per field, [right, scored]; "all" for every field together."""
    out: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for record, values in zip(records, fields, strict=True):
        for name, gold in (record.get("fields") or {}).items():
            right = bool(score_field(name, gold, values.get(name))[0])
            for key in (name, "all"):
                out[key][0] += right
                out[key][1] += 1
    return out


def either(score_field: Any, records: list[dict[str, Any]], rules: list[dict[str, Any]],
           learned: list[dict[str, Any]]) -> dict[str, list[int]]:
    """Per field, [right, scored] had one always taken whichever of the rules' value and
    the model's own was right: the most any way of mixing the two could reach."""
    out: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for record, mine, its in zip(records, rules, learned, strict=True):
        for name, gold in (record.get("fields") or {}).items():
            right = any(bool(score_field(name, gold, values.get(name))[0])
                        for values in (mine, its))
            for key in (name, "all"):
                out[key][0] += right
                out[key][1] += 1
    return out


def run_corpus(name: str, sizes: list[int], min_rest: int, score_field: Any) -> dict[str, Any]:
    records, done = load(name)
    result: dict[str, Any] = {"postings": len(records), "runs": {}}
    for n in sizes:
        if len(records) - n < min_rest:
            continue
        started = time.perf_counter()
        model = train([example(r, d) for r, d in zip(records[:n], done[:n], strict=True)])
        seconds = time.perf_counter() - started
        rest, rest_done = records[n:], done[n:]
        merged, alone, spent = [], [], 0.0
        for d in rest_done:
            extraction = copy.deepcopy(d.extraction)
            started = time.perf_counter()
            apply(model, d.doc, extraction)
            spent += time.perf_counter() - started
            merged.append(extraction.fields)
            own = model.suggest(d.doc, d.extraction).fields
            alone.append({name: finding.value for name, finding in own.items()})
        rules = [d.extraction.fields for d in rest_done]
        result["runs"][n] = {
            "rest": len(rest), "train_s": round(seconds, 2),
            "apply_ms": round(1000 * spent / max(1, len(rest)), 2),
            "model_bytes": len(model.to_bytes()),
            "rules": score(score_field, rest, rules),
            "cascade": score(score_field, rest, merged),
            "model": score(score_field, rest, alone),
            "either": either(score_field, rest, rules, alone),
            "trusted": sorted(n for n, p in model.parts.items() if p.trusted),
        }
    return result


def share(pair: list[int]) -> str:
    return f"{pair[0] / pair[1]:.3f}" if pair[1] else "  -  "


def report(results: dict[str, dict[str, Any]], sizes: list[int]) -> None:
    head = "".join(f" | N={n:<3d} rules  +model  gain" for n in sizes)
    print(f"{'corpus / field':28s}{head}")
    for name, result in results.items():
        runs = result["runs"]
        keys = ["all", *sorted({k for run in runs.values() for k in run["rules"]} - {"all"})]
        for key in keys:
            label = f"{name} ({result['postings']})" if key == "all" else f"  {key}"
            cells = []
            for n in sizes:
                run = runs.get(n)
                if run is None or key not in run["rules"]:
                    cells.append(f" | {'-':>23s}")
                    continue
                rules, both = run["rules"][key], run["cascade"][key]
                gain = (both[0] - rules[0]) / rules[1] if rules[1] else 0.0
                mark = "*" if key in run["trusted"] else " "
                cells.append(f" | {share(rules):>11s} {share(both):>6s}{mark}{gain:+.3f}")
            print(f"{label:28s}{''.join(cells)}")
    print("\n(rules and +model: accuracy on the postings after the first N; "
          "* the field is trusted, the model may override the rules there)")
    print(f"\n{'corpus':14s} {'N':>4s}  rules  model  either  +model   (model: its own "
          "values alone; either: the rules' or the model's, whichever was right)")
    for name, result in results.items():
        for n, run in result["runs"].items():
            print(f"{name:14s} {n:4d}  {share(run['rules']['all'])}  "
                  f"{share(run['model']['all'])}  {share(run['either']['all'])}   "
                  f"{share(run['cascade']['all'])}")
    print(f"\n{'corpus':14s} {'N':>4s} {'rest':>5s} {'train s':>8s} {'apply ms':>9s} "
          f"{'model KB':>9s}  trusted")
    for name, result in results.items():
        for n, run in result["runs"].items():
            print(f"{name:14s} {n:4d} {run['rest']:5d} {run['train_s']:8.2f} "
                  f"{run['apply_ms']:9.2f} {run['model_bytes'] / 1024:9.0f}  "
                  f"{', '.join(run['trusted'])}")


def big_run(size: int) -> dict[str, Any]:
    """Training on ``size`` examples, the corpora's postings repeated, each with every
    field decided as a reviewer who went through them all leaves it: the gold value
    where the corpus has one, else the rules' (accepted). Its seconds, the model's size
    and the peak memory of this process and of its largest worker process."""
    pool = []
    for name in CORPORA:
        records, done = load(name)
        for record, processed in zip(records, done, strict=True):
            decided = example(record, processed)
            decided.fields = {**{n: processed.extraction.fields.get(n) for n in FIELD_NAMES},
                              **decided.fields}
            pool.append(decided)
    examples = [pool[i % len(pool)] for i in range(size)]
    started = time.perf_counter()
    model = train(examples)
    seconds = time.perf_counter() - started
    data = model.to_bytes()
    return {"examples": size, "train_s": round(seconds, 1), "model_bytes": len(data),
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
            "worker_peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, nargs="+", default=[25, 50, 100])
    parser.add_argument("--corpora", nargs="+", default=list(CORPORA))
    parser.add_argument("--min-rest", type=int, default=20)
    parser.add_argument("--big", type=int, default=1000, help="0: skip")
    parser.add_argument("--json", help="also write the figures here")
    args = parser.parse_args()
    score_field = scorer().score_field
    results = {name: run_corpus(name, args.n, args.min_rest, score_field)
               for name in args.corpora}
    report(results, args.n)
    figures: dict[str, Any] = {"corpora": results}
    if args.big:
        big = big_run(args.big)
        figures["big"] = big
        print(f"\ntraining on {big['examples']} examples, every field decided: "
              f"{big['train_s']} s, model {big['model_bytes'] / 2**20:.1f} MB, peak memory "
              f"{big['peak_mb']} MB (its largest worker process {big['worker_peak_mb']} MB)")
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=1, default=str))


if __name__ == "__main__":
    main()
