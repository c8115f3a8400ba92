"""``--extractor``: a plug-in or a command beside the rules, for import, reextract and
extract (see ``reviewer.core.plugins``)."""

from __future__ import annotations

import argparse
import math
import sys
from typing import TYPE_CHECKING

from reviewer.cli.common import CliError, shown

if TYPE_CHECKING:
    from reviewer.core.plugins import ExtractorRun


def add_extractor_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--extractor", metavar="NAME|COMMAND",
        help="also read the fields with an installed extractor plug-in (entry-point group "
             "reviewer.extractors) or, if no plug-in has that name, a command: JSON lines "
             "in, a posting each, and an answer a line out (see README: plug-in extractors)."
             " Its values are suggestions of their own stage")
    parser.add_argument(
        "--extractor-timeout", type=float, default=None, metavar="SECONDS",
        help="the time a command may take, per posting of a batch (default 30); not for a "
             "plug-in, which runs in this process")


def load(args: argparse.Namespace) -> ExtractorRun | None:
    """The extractor the options name, or None; a CliError if it cannot be had."""
    if args.extractor is None:
        return None
    from reviewer.core.plugins import DEFAULT_TIMEOUT, ExtractorError, load_extractor

    timeout = args.extractor_timeout if args.extractor_timeout is not None else DEFAULT_TIMEOUT
    if not 0 < timeout < math.inf:  # (nan too)
        raise CliError("--extractor-timeout: give a number of seconds over 0")
    try:
        run = load_extractor(args.extractor, timeout=timeout)
    except ExtractorError as err:
        raise CliError(str(err)) from err
    if args.extractor_timeout is not None and run.stage != "command":
        raise CliError(f"--extractor-timeout: {args.extractor!r} is a plug-in, and a plug-in "
                       "runs in this process, where nothing stops it part-way but Ctrl+C: the "
                       "time limit is a command's")
    return run


def report(run: ExtractorRun | None) -> int:
    """Say what the extractor did, on stderr; 1 if it failed for any posting, else 0."""
    if run is None:
        return 0
    for line in run.report.lines():  # (names of files, lines the command wrote)
        print(shown(line), file=sys.stderr)
    return 1 if run.report.failed or run.report.not_asked else 0
