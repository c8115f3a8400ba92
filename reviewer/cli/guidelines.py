"""``reviewer guidelines``: the project's guidelines (Markdown) and the descriptions of its
fields, questions and options, set from files or shown; and the descriptions that a label
schema's JSON carries (``reviewer labels --import/--export``)."""

from __future__ import annotations

import argparse
import json
import sys
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
from reviewer.core.labels import option_key

if TYPE_CHECKING:
    from reviewer.core.store import Store


def cmd_guidelines(args: argparse.Namespace) -> int:
    store = open_project(args.db)
    try:
        if args.import_file or args.descriptions:
            store.check_writable()
            text = read_text(args.import_file) if args.import_file else None
            descriptions = _descriptions(args.descriptions) if args.descriptions else None
            try:
                with store.atomic():
                    if text is not None:
                        store.meta.set_guidelines(text)
                    if descriptions is not None:
                        store.meta.set_descriptions(descriptions)
            except ValueError as err:
                raise CliError(str(err)) from err
            if text is not None:
                print(f"guidelines saved: {len(text):,} characters")
            if descriptions is not None:
                print(f"descriptions saved: {len(descriptions):,}")
                for unknown in unknown_keys(store, descriptions):
                    print(f"reviewer: note: {_lines(unknown)} names nothing in the project "
                          "(yet)", file=sys.stderr)
        guidelines, descriptions = store.meta.guidelines(), store.meta.descriptions()
    finally:
        store.close()
    if args.export_file:
        write_out(Path(args.export_file), guidelines)
        print(shown(f"guidelines written to {args.export_file} ({len(guidelines):,} characters)"))
    elif args.json:
        print_json({"guidelines": guidelines, "descriptions": descriptions})
    elif not (args.import_file or args.descriptions):
        print(_lines(guidelines.rstrip("\n")) if guidelines else "(no guidelines: set them "
              f"with reviewer guidelines {args.db} --import FILE.md)")
        if descriptions:
            print("\ndescriptions:")
            for key, text in sorted(descriptions.items()):
                print(f"  {_lines(key)}: {_lines(text)}")
    return 0


def _lines(text: str) -> str:
    """Text from a project file, to print: its lines (and tabs) as they are, any other
    character a terminal would obey (an escape sequence) written as its escape."""
    return "\n".join("\t".join(shown(part) for part in line.split("\t"))
                     for line in text.split("\n"))


def _descriptions(path: str) -> dict[str, str]:
    try:
        data = json.loads(read_text(path))
    except ValueError as err:
        raise CliError(f"{path}: not JSON ({err})") from err
    except RecursionError as err:
        raise CliError(f"{path}: not JSON (nested too deeply)") from err
    if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
        raise CliError(f"{path}: the descriptions are one JSON object of texts, keyed "
                       '"field:NAME", "question:NAME" or "option:QUESTION/OPTION"')
    return {str(k): v for k, v in data.items()}


def unknown_keys(store: Store, descriptions: dict[str, str]) -> list[str]:
    """The keys that name no field, question or option of the project (kept: a question
    may come later)."""
    from reviewer.core.schema import FIELD_NAMES

    known = {f"field:{name}" for name in FIELD_NAMES}
    for question in store.labels.schema():
        known.add(f"question:{question.name}")
        known.update(option_key(question.name, option) for option in question.option_names())
    return [key for key in descriptions if key not in known]


# -- descriptions in a label schema's JSON --------------------------------------------------------


def schema_descriptions(data: Any) -> dict[str, str] | None:
    """The ``description`` of each question and option in a label schema's JSON, by
    ``question:NAME`` / ``option:QUESTION/OPTION``; None when it carries none."""
    found: dict[str, str] = {}
    carried = False
    for item in data if isinstance(data, list) else []:
        if not isinstance(item, dict):
            continue
        name = str(item.get("question", "")).strip()
        if "description" in item:
            carried = True
            if _text(item["description"], name).strip():
                found[f"question:{name}"] = str(item["description"])
        for option in item.get("options") or []:
            if isinstance(option, dict) and "description" in option:
                carried = True
                if _text(option["description"], name).strip():
                    found[option_key(name, str(option.get("name", "")).strip())] = str(
                        option["description"])
    return found if carried else None


def _text(description: Any, question: str) -> str:
    """A description as given (ValueError for one that is not text)."""
    if description is not None and not isinstance(description, str):
        raise ValueError(f"question {question!r}: a description is not text")
    return description or ""


def save_schema_descriptions(store: Store, data: Any) -> None:
    """Keep the descriptions a label schema's JSON carries, in place of the project's
    descriptions of questions and options (its fields' stay); a schema without any
    leaves them as they are."""
    found = schema_descriptions(data)
    if found is None:
        return
    kept = {k: v for k, v in store.meta.descriptions().items()
            if not k.startswith(("question:", "option:"))}
    store.meta.set_descriptions({**kept, **found})


def with_descriptions(store: Store, schema: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A label schema's JSON with the project's description of each question and option
    that has one."""
    descriptions = store.meta.descriptions()
    for question in schema:
        name = question["question"]
        if text := descriptions.get(f"question:{name}"):
            question["description"] = text
        for option in question["options"]:
            if text := descriptions.get(option_key(name, option["name"])):
                option["description"] = text
    return schema


def add_guidelines_parser(sub: Any) -> None:
    """The ``guidelines`` subcommand."""
    cmd = sub.add_parser(
        "guidelines", help="show or set the guidelines and the descriptions",
        description="The project's guidelines for its reviewers (Markdown) and what each "
                    "field, question and option means (descriptions, shown where the thing "
                    "is in the window). Without options: print them.")
    cmd.add_argument("db", metavar="DB")
    cmd.add_argument("--import", dest="import_file", metavar="FILE.md", type=file_name,
                     help="replace the guidelines with the Markdown in FILE.md")
    cmd.add_argument("--export", dest="export_file", metavar="FILE.md", type=file_name,
                     help="write the guidelines to FILE.md")
    cmd.add_argument("--descriptions", metavar="FILE.json", type=file_name,
                     help='replace the descriptions with a JSON object: {"field:title": '
                          '"...", "question:relevant": "...", "option:relevant/yes": "..."}')
    cmd.add_argument("--json", action="store_true",
                     help="print the guidelines and the descriptions as JSON")
    cmd.set_defaults(func=cmd_guidelines)
