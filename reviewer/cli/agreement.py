"""``reviewer agreement``: how far the reviewers of a merged project agree, as a table or
JSON."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from reviewer.cli.common import open_project, print_json

if TYPE_CHECKING:
    from reviewer.core.team import AgreementReport

SHOWN_IDS = 5  # postings listed after each figure in the table (--json lists them all)
# what a "-" in a table stands for, said under it (--json: null)
UNDEFINED = ("-: undefined, every answer the same category (kappa and alpha need answers in "
             "two or more); 'agree' is the share of pairs agreeing")
NO_PACE = "-: under a minute of work timed, too little for a pace"


def cmd_agreement(args: argparse.Namespace) -> int:
    # the package, not "from ... import agreement": that name is also its module's
    import reviewer.core.team as team

    store = open_project(args.db)
    try:
        report = team.agreement(store)
    finally:
        store.close()
    if args.json:
        print_json(report.to_json())
        return 0
    print("\n".join(table(report)))
    return 0


def _number(value: float | None, digits: int = 3) -> str:
    """A figure with ``digits`` decimals, more where those would write one short of 1 (or
    past 0) as 1 (0): 1,999 pairs of 2,000 agree is 0.9995, not 1.000."""
    if value is None:
        return "-"
    text = f"{value:.{digits}f}"
    while value not in (0, 1, -1) and float(text) in (0, 1, -1) and digits < 9:
        digits += 1
        text = f"{value:.{digits}f}"
    return text


def _ids(ids: Sequence[int]) -> str:
    if not ids:
        return "0"
    shown = ", ".join(map(str, ids[:SHOWN_IDS]))
    return f"{len(ids):,} ({shown}{', …' if len(ids) > SHOWN_IDS else ''})"


def _nothing(reviewers: Sequence[str]) -> str:
    """Why there is nothing to compare, and what to do: the reviewers' files are not
    merged yet, or one reviewer's alone, or no posting went to two of them."""
    merge = "(reviewer merge OUT.db A.db B.db ...)"
    if not reviewers:
        return f"nothing to compare: merge the reviewers' project files first {merge}"
    if len(reviewers) == 1:
        return (f"nothing to compare: only {reviewers[0]}'s values are merged; merge the "
                f"other reviewers' project files too {merge}")
    return ("nothing to compare: no posting was worked on by two or more of the reviewers. "
            "A split gives a share of the postings to several of them (reviewer split "
            "--overlap 0.1 --copies 2, the default; --overlap 0 gives none); merge their "
            "work on those")


def table(report: AgreementReport) -> list[str]:
    """The report as lines of text for a terminal."""
    names = ", ".join(report.reviewers) or "none"
    lines = [f"{len(report.reviewers)} reviewers ({names}); {report.shared:,} postings "
             "worked on by two or more"]
    if not report.shared:
        lines.append(_nothing(report.reviewers))
    if report.fields:
        lines += ["", "fields: exact agreement after normalising, the share of pairs of "
                  "reviewers agreeing",
                  f"{'field':26s} {'postings':>8} {'pairs':>7} {'agree':>7}  differ (ids)"]
        lines += [f"{f.field:26s} {f.postings:>8,} {f.pairs:>7,} {_number(f.share):>7}  "
                  f"{_ids(f.differing)}" for f in report.fields]
    if report.labels:
        lines += ["", "document labels: Cohen's kappa for two reviewers, Krippendorff's "
                  "alpha (nominal) for more",
                  f"{'question':26s} {'method':>6} {'postings':>8} {'value':>7} {'agree':>7}"
                  "  differ (ids)"]
        lines += [f"{q.question:26s} {q.method:>6} {q.postings:>8,} {_number(q.value):>7} "
                  f"{_number(q.share):>7}  {_ids(q.differing)}" for q in report.labels]
        if any(q.value is None for q in report.labels):
            lines.append(UNDEFINED)
    if report.spans:
        lines += ["", "span labels: pairwise F1, exact and overlapping",
                  f"{'label':26s} {'postings':>8} {'pairs':>7} {'exact':>7} {'overlap':>7}"
                  "  differ (ids)"]
        lines += [f"{s.label:26s} {s.postings:>8,} {s.pairs:>7,} {_number(s.exact_f1):>7} "
                  f"{_number(s.overlap_f1):>7}  {_ids(s.differing)}" for s in report.spans]
    if report.pace:
        lines += ["", f"{'reviewer':26s} {'reviewed':>8} {'hours':>7} {'per hour':>8}"]
        lines += [f"{p.reviewer:26s} {p.reviewed:>8,} {p.seconds / 3600:>7.2f} "
                  f"{_number(p.per_hour, 1):>8}" for p in report.pace]
        if any(p.per_hour is None for p in report.pace):
            lines.append(NO_PACE)
    return lines


def add_agreement_parser(sub: Any) -> None:
    """The ``agreement`` subcommand."""
    cmd = sub.add_parser(
        "agreement", help="how far the reviewers agree (after their files are merged)",
        description="Per field, exact agreement after normalising; per document-label "
                    "question, Cohen's kappa (two reviewers) or Krippendorff's alpha (more); "
                    "per span label, pairwise F1, exact and overlapping; with the postings "
                    "where the reviewers differ, and each reviewer's postings an hour.")
    cmd.add_argument("db", metavar="DB")
    cmd.add_argument("--json", action="store_true",
                     help="print JSON, every posting where the reviewers differ listed")
    cmd.set_defaults(func=cmd_agreement)
