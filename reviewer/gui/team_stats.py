"""The statistics of several reviewers: how fast each one reviews, and how far they agree.

The pace (postings an hour of active review time, from ``store.timing``) is a chart of
the project page; the agreement (``reviewer.core.team.agreement``: per field, document
question and span label) is a page of its own, a row a figure, and a click on a row
lists in the window the postings where the reviewers differ on it. Both are read in the
statistics window's worker; names and labels come from project files and are shown as
plain text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reviewer.core.schema import FIELDS
from reviewer.core.store import Store
from reviewer.gui.plain import plain_label, plain_tip

if TYPE_CHECKING:
    from reviewer.core.team import AgreementReport

NONE_YET = ("No reviewers' values in this project (merge reviewers' files first: File → "
            "Merge reviewers' files…).")
HOW = ("Fields: the share of pairs of reviewers whose values are the same (after "
       "normalising case and spaces). Questions: Cohen's κ for two reviewers, "
       "Krippendorff's α for more, and the share of agreeing pairs. Span labels: pairwise "
       "F1, exact and overlapping. Click a row to list the postings where the reviewers "
       "differ on it.")
ShowIds = Callable[[list[int], str], None]
_LABELS = {spec.name: spec.label for spec in FIELDS}
IDS = Qt.ItemDataRole.UserRole
SHARE = Qt.ItemDataRole.UserRole + 1  # the figure as a share (0–1), drawn as a bar


def read_agreement(store: Store, per_reviewer: dict[str, tuple[int, float]] | None = None
                   ) -> AgreementReport | None:
    """The agreement of the project's reviewers; None when it holds no reviewers' values.
    ``per_reviewer``: their pace, when already read."""
    if len(store.reviews.reviewers()) < 2:
        return None
    import reviewer.core.team as team  # the package: its ``agreement`` shares a module's name

    return team.agreement(store, per_reviewer)


def pace_bars(per_reviewer: dict[str, tuple[int, float]]
              ) -> tuple[list[tuple[str, Sequence[tuple[float, str]]]], list[str]]:
    """Each reviewer's postings an hour of active time as a bar, and its figure ("24 an
    hour · 12 in 30 min"), by name."""
    import reviewer.core.team as team

    bars: list[tuple[str, Sequence[tuple[float, str]]]] = []
    figures: list[str] = []
    for p in team.pace(per_reviewer):  # none an hour for under a minute of work
        minutes = p.seconds / 60
        spent = f"{minutes:,.0f} min" if minutes < 120 else f"{minutes / 60:,.1f} h"
        bars.append((p.reviewer, [(p.per_hour or 0.0, "#4e79a7")]))
        figures.append(f"{p.per_hour:,.1f} an hour · {p.reviewed:,} in {spent}"
                       if p.per_hour is not None else f"{p.reviewed:,} reviewed, no time kept"
                       if not p.seconds else f"{p.reviewed:,} reviewed in under a minute")
    return bars, figures


def _share(share: float | None, pairs: int) -> str:
    return "—" if share is None else \
        f"{percent(share)} of {pairs:,} pair{'s' * (pairs != 1)} agree"


def percent(share: float) -> str:
    """A share as a percentage; with decimals where a whole one would say 100 % or 0 %
    of what is not all or none."""
    if share in (0, 1) or 0.005 <= share < 0.995:
        return f"{share:.0%}"
    digits, text = 1, f"{share:.1%}"
    while float(text[:-1]) in (0, 100) and digits < 6:  # 1,999 of 2,000: 99.95 %
        digits += 1
        text = f"{share:.{digits}%}"
    return text


Row = tuple[str, str, float | None, str, list[int]]  # what, figure, as a share, compared, ids


def rows(report: AgreementReport) -> list[tuple[str, list[Row]]]:
    """The page's rows by section: (what, agreement, its share, compared, differing ids)."""
    def compared(n: int) -> str:
        return f"{n:,} posting{'s' * (n != 1)}"

    fields: list[Row] = [(_LABELS.get(f.field, f.field), _share(f.share, f.pairs), f.share,
                          compared(f.postings), f.differing) for f in report.fields]
    labels = []
    for q in report.labels:
        sign = "κ" if q.method == "kappa" else "α"
        value = f"{sign} {q.value:.2f}" if q.value is not None else f"{sign} undefined"
        labels.append((q.question.replace("_", " "), f"{value} · {_share(q.share, q.pairs)}",
                       max(0.0, q.value) if q.value is not None else q.share,
                       compared(q.postings), q.differing))
    spans: list[Row] = [(s.label, f"F1 {s.exact_f1:.2f} exact · {s.overlap_f1:.2f} "
                         "overlapping", s.exact_f1, compared(s.postings), s.differing)
                        for s in report.spans]
    return [(title, section) for title, section in
            (("Fields", fields), ("Document labels", labels), ("Span labels", spans))
            if section]


class ShareBar(QStyledItemDelegate):
    """A figure with a bar behind it as long as its share (for a question, its κ or α
    where defined): green from 0.8, yellow from 0.6, red below."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Any) -> None:
        share = index.data(SHARE)
        if isinstance(share, float | int):
            rect = option.rect.adjusted(1, 3, -1, -3)
            color = QColor("#59a14f" if share >= 0.8 else "#edc948" if share >= 0.6
                           else "#e15759")
            color.setAlpha(90)
            rect.setWidth(int(rect.width() * max(0.0, min(1.0, float(share)))))
            painter.fillRect(rect, color)
        super().paint(painter, option, index)


class AgreementPage(QWidget):
    """The agreement figures, a row each; a click lists the postings behind one."""

    def __init__(self, show_ids: ShowIds | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.show_ids = show_ids
        self.summary = plain_label("Counting…")  # names reviewers from the project files
        self.summary.setWordWrap(True)
        self.how = plain_label(HOW)
        self.how.setWordWrap(True)
        self.how.setForegroundRole(QPalette.ColorRole.PlaceholderText)  # muted
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["What", "Agreement", "Compared", "Reviewers differ on"])
        self.tree.setRootIsDecorated(False)
        self.tree.setItemDelegateForColumn(1, ShareBar(self.tree))
        self.tree.setStyleSheet("QTreeWidget::item { padding: 3px 4px; }")
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.tree.itemClicked.connect(lambda item, _column: self.open(item))
        self.tree.itemActivated.connect(lambda item, _column: self.open(item))
        column = QVBoxLayout(self)
        column.addWidget(self.summary)
        column.addWidget(self.how)
        column.addWidget(self.tree, 1)
        self.tree.hide()
        self.how.hide()

    def show_report(self, report: AgreementReport | None) -> None:
        if report is None:
            self.summary.setText(NONE_YET)
            return
        self.summary.setText(
            f"{len(report.reviewers):,} reviewers ({', '.join(report.reviewers)}); "
            f"{report.shared:,} postings worked on by two or more.")
        bold = QFont(self.tree.font())
        bold.setBold(True)
        for title, section in rows(report):
            head = QTreeWidgetItem([title])
            head.setFont(0, bold)
            head.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.tree.addTopLevelItem(head)
            head.setFirstColumnSpanned(True)
            for what, agree, share, compared, ids in section:
                differ = f"{len(ids):,} posting{'s' * (len(ids) != 1)} →" if ids else "none"
                item = QTreeWidgetItem([f"  {what}", agree, compared, differ])
                item.setData(0, IDS, (what, list(ids)))
                item.setData(1, SHARE, share)
                if ids:
                    item.setToolTip(3, plain_tip(f"List the postings where the reviewers "
                                                 f"differ on {what}"))
                self.tree.addTopLevelItem(item)
        self.tree.show()
        self.how.show()

    def open(self, item: QTreeWidgetItem) -> bool:
        """The postings behind a row, listed in the window (nothing for a section's head
        or a figure with no difference)."""
        data: Any = item.data(0, IDS)
        if not data or not data[1] or self.show_ids is None:
            return False
        what, ids = data
        self.show_ids(ids, f"where the reviewers differ on {what}")
        return True
