"""``reviewer labels``: the project's label schema (questions, options, colours, keys)
shown, written as JSON, or replaced by JSON; the descriptions the JSON carries go with it
(``guidelines``)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reviewer.cli.common import (
    CliError,
    file_name,
    open_project,
    print_json,
    read_text,
    shown,
    write_out,
)
from reviewer.cli.guidelines import (
    save_schema_descriptions,
    schema_descriptions,
    with_descriptions,
)

if TYPE_CHECKING:
    from collections.abc import Mapping

    from reviewer.core.labels import Question
    from reviewer.core.store import Store

    Origins = Mapping[tuple[str, str], tuple[str, str]]  # (question, option) renamed from


def cmd_labels(args: argparse.Namespace) -> int:
    from reviewer.core.label_checks import check_given
    from reviewer.core.label_json import json_origins, read_schema_json
    from reviewer.core.labels import from_json, to_json

    if args.force and not args.import_file:
        raise CliError("--force goes with --import (it lets an import remove labels)")
    store = open_project(args.db)
    try:
        if args.import_file:
            store.check_writable()
            try:
                data = read_schema_json(read_text(args.import_file))  # (a key twice: refused)
                questions = from_json(data)
                check_given(questions, store.labels.schema())
                origins = json_origins(data, store.labels.schema())  # ("was": renamed)
                schema_descriptions(data)  # (one that is not text: refused before saving)
            except (OSError, ValueError) as err:
                raise CliError(f"{args.import_file}: {err}") from err
            except RecursionError as err:
                raise CliError(f"{args.import_file}: not JSON: nested too deeply") from err
            with store.atomic():  # the schema and its descriptions, both or neither
                removed = store.labels.save_schema(  # (checked and saved at once: no label
                    questions, origins,  # set between can be removed without --force)
                    before=lambda: _check(store, questions, origins, args.force))
                save_schema_descriptions(store, data)  # a "description" per question, option
            print(f"label schema saved: {len(questions)} questions"
                  + (f", {removed:,} label{'s' * (removed != 1)} removed" if removed else ""))
            _say_keyless(store.labels.schema())
            return 0
        schema = with_descriptions(store, to_json(store.labels.schema()))
        if args.export_file:
            text = json.dumps(schema, indent=2, ensure_ascii=False)
            write_out(Path(args.export_file), text + "\n")
            print(shown(f"{len(schema)} questions written to {args.export_file}"))
        elif args.json:
            print_json(schema)
        else:
            for question in schema:
                options = ", ".join(f"{o['name']} [{o['key']}]" if o["key"] else o["name"]
                                    for o in question["options"])
                print(shown(f"{question['question']} ({question['kind']}): {options}"))
    finally:
        store.close()
    return 0


def _check(store: Store, questions: list[Question], origins: Origins | None,
           force: bool) -> None:
    """CliError where, without ``force``, the schema would drop options in use or make a
    question answered with several options single-choice."""
    lost = store.labels.lost(questions, origins)
    if lost and not force:
        raise CliError(_lost_said(lost, questions, store.labels.schema()))
    several = store.labels.several(questions, origins)
    if several and not force:
        listed = "; ".join(f"{n:,} {'posting answers' if n == 1 else 'postings answer'}"
                           f" {q} with several options" for q, n in several)
        raise CliError(f"{listed}, which the new schema makes single-choice: pass "
                       "--force to keep those answers until one is chosen")


def _lost_said(lost: list[tuple[str, str, int]], questions: list[Question],
               now: list[Question]) -> str:
    """What an import of ``questions`` over the schema ``now`` would remove: the options
    in use it drops, and the labels given under a name no schema had that a rename gives
    another option (a record's, a reviewer's file's: two meanings would be mixed under
    it), each with its count."""
    spans = {q.name for q in [*questions, *now] if q.kind == "span"}
    span_labels = {o for q in questions if q.kind == "span" for o in q.option_names()}
    pairs = {(q.name, o) for q in questions if q.kind != "span" for o in q.option_names()}

    def kept_name(question: str, option: str) -> bool:
        return option in span_labels if question in spans else (question, option) in pairs

    dropped, taken = ([f"{q}/{o} ({n:,})" for q, o, n in lost if kept_name(q, o) is given]
                      for given in (False, True))
    said = [f"the new schema drops options in use: {', '.join(dropped)}"] if dropped else []
    if taken:
        said.append("labels given under a name the schema lacks (a record's or a reviewer's"
                    f" file's) that a rename gives another: {', '.join(taken)} (the two"
                    " would be mixed)")
    return "; ".join(said) + "; their labels would be removed (pass --force to remove them)"


def _say_keyless(schema: list[Question]) -> None:
    """How many options have no key, and where they are picked: the keys run out (236
    of one kind, 256 in all: ``labels.key_pool``), and a schema may hold 2,000 options.
    The window lists every option in its Labels menu, and shows its button."""
    from reviewer.core.label_checks import keyless, keyless_note

    if n := keyless(schema):
        print(keyless_note(n))


def add_labels_parser(sub: Any) -> None:
    """The ``labels`` subcommand."""
    lab = sub.add_parser(
        "labels", help="show, export or import the label schema",
        description="The project's label questions (single choice, multiple choice, span "
                    "labels) with their options, colours and keys. Without options: list "
                    "them.",
    )
    lab.add_argument("db", metavar="DB")
    one = lab.add_mutually_exclusive_group()
    one.add_argument("--export", dest="export_file", metavar="FILE", type=file_name,
                     help="write it as JSON")
    one.add_argument("--import", dest="import_file", metavar="FILE", type=file_name,
                     help="replace it with the JSON in FILE")
    one.add_argument("--json", action="store_true", help="print JSON")
    lab.add_argument("--force", action="store_true",
                     help="with --import: remove the labels of options the new schema drops")
    lab.set_defaults(func=cmd_labels)
