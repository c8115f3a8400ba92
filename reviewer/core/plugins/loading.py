"""Finding an extractor by what the user wrote: an installed plug-in's name, or a command.

Plug-ins are entry points of the ``reviewer.extractors`` group, each naming a factory
(a class or a function taking no arguments) that makes an ``Extractor``; an object that
has an ``extract`` method already (an instance, a module) is used as it is. Anything
that is not an installed plug-in's name is read as a command (``command``). A plug-in
that cannot be loaded or made, or fails while it runs, is said in a line, never as a
traceback. A plug-in runs in this process: what it prints goes to stderr (``quiet``), for
stdout may be the records of ``reviewer extract``.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Sequence
from importlib import metadata
from typing import Any

from reviewer.core.plugins.command import DEFAULT_TIMEOUT, Answer, CommandExtractor
from reviewer.core.plugins.protocol import GROUP, ExtractorError, Posting, batch_name


def installed_extractors() -> dict[str, str]:
    """The plug-ins installed, ``{name: "module:factory"}``."""
    return {ep.name: ep.value for ep in metadata.entry_points(group=GROUP)}


class PluginExtractor:
    """An entry point's extractor, its failures turned into ExtractorErrors."""

    def __init__(self, name: str, extractor: Any) -> None:
        self.name = name
        self.shown = f"plug-in {name!r}"
        self.extractor = extractor

    def answers(self, postings: Sequence[Posting]) -> list[Answer]:
        try:
            with quiet():
                given = list(self.extractor.extract(list(postings)))
        except (Exception, SystemExit) as err:
            raise ExtractorError(f"the extractor {self.shown} failed on {batch_name(postings)}: "
                                 f"{type(err).__name__}{_said(err)}") from None
        if len(given) != len(postings):
            raise ExtractorError(f"the extractor {self.shown} gave {len(given)} answers for "
                                 f"{len(postings)} postings ({batch_name(postings)})")
        return given


COMMAND_STAGE = "command"  # the stage of a command extractor's values
PLUGIN_STAGE = "plugin:"  # and of an installed plug-in's, before its name


def is_extractor_stage(stage: str) -> bool:
    """Whether a value's stage is a plug-in's or a command extractor's."""
    return stage == COMMAND_STAGE or stage.startswith(PLUGIN_STAGE)


def find_extractor(spec: str, timeout: float = DEFAULT_TIMEOUT
                   ) -> tuple[PluginExtractor | CommandExtractor, str]:
    """The extractor ``spec`` names and its stage: ``plugin:NAME`` for an installed
    plug-in, ``command`` for a command (``timeout``: seconds a batch may take per
    posting). Raises ExtractorError saying what is wrong."""
    name = spec.strip()
    points = {ep.name: ep for ep in metadata.entry_points(group=GROUP)}
    point = points.get(name)
    named = sorted({ep.value for ep in metadata.entry_points(group=GROUP, name=name)})
    if len(named) > 1:  # (taking one would leave the stage's values no one's for sure)
        raise ExtractorError(f"{len(named)} installed plug-ins are named {name!r} ("
                             + ", ".join(named) + "): uninstall all but one")
    if point is None:
        command = CommandExtractor(spec, timeout)
        try:
            command.check()
        except ExtractorError as err:
            known = ", ".join(sorted(points)) or "none"
            raise ExtractorError(f"{err}; nor is it the name of an extractor plug-in "
                                 f"(installed: {known})") from None
        return command, COMMAND_STAGE
    try:
        with quiet():
            factory = point.load()
            made = factory if _is_extractor(factory) else factory()
            usable = _is_extractor(made)  # (its ``extract`` may be a property that raises)
    except (Exception, SystemExit) as err:
        raise ExtractorError(f"the extractor plug-in {name!r} ({point.value}) could not be "
                             f"loaded: {type(err).__name__}{_said(err)}") from None
    if not usable:
        raise ExtractorError(f"the extractor plug-in {name!r} ({point.value}) made no "
                             "extractor: an object with an extract(postings) method")
    return PluginExtractor(name, made), PLUGIN_STAGE + name


def quiet() -> contextlib.AbstractContextManager[Any]:
    """Around a plug-in's code: what it prints (a progress bar, a library's warning) goes
    to stderr, not among the records on stdout."""
    return contextlib.redirect_stdout(sys.stderr)


def _is_extractor(thing: Any) -> bool:
    return not isinstance(thing, type) and callable(getattr(thing, "extract", None))


def _said(err: BaseException) -> str:
    """": " and what an exception says, or nothing when it says nothing or its own
    __str__ fails (a plug-in's exception is its code, run here)."""
    try:
        text = str(err)
    except Exception:
        return ""
    return f": {text}" if text else ""
