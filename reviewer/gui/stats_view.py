"""The project in pictures: review progress, document labels, spans per label, how
often reviewers corrected each field (the extractor's error rate as they measured it)
and each reviewer's pace; on a page of its own, how far the reviewers agree
(``team_stats``).

Bars are drawn with QPainter (no chart module needed). The figures are read by a worker
thread with its own connection: at a million postings they take a second or two.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPalette
from PySide6.QtWidgets import QDialog, QScrollArea, QTabWidget, QVBoxLayout, QWidget

from reviewer.core.labels import PALETTE, Option, Question
from reviewer.core.schema import FIELDS
from reviewer.core.store import Store
from reviewer.gui.jobs import Job, Progress, start
from reviewer.gui.plain import plain_label
from reviewer.gui.screen_fit import fit_to_screen
from reviewer.gui.team_stats import (
    AgreementPage,
    ShowIds,
    pace_bars,
    percent,
    read_agreement,
)

Bar = tuple[str, Sequence[tuple[float, str]]]  # row label, stacked (value, colour) parts
STATUS_COLORS = {"reviewed": "#59a14f", "new": "#bab0ac", "skipped": "#edc948",
                 "flagged": "#e15759"}
STATE_COLORS = {"accepted": "#59a14f", "corrected": "#f28e2b", "rejected": "#e15759",
                "added": "#4e79a7"}
ROW, LABEL_WIDTH, VALUE_WIDTH = 22, 190, 90


class BarChart(QWidget):
    """Horizontal bars, one a row, parts stacked; the total written at the end. The bars
    leave room for the widest figure, so that a full bar's figure is never cut."""

    def __init__(self, title: str, bars: list[Bar], legend: dict[str, str] | None = None,
                 percent: bool = False, figures: list[str] | None = None) -> None:
        """``figures``: what to write after each bar (default: its total)."""
        super().__init__()
        self.title, self.bars, self.legend, self.percent = title, bars, legend or {}, percent
        self.figures = figures
        self.setMinimumWidth(self.minimumSizeHint().width())

    def sizeHint(self) -> QSize:
        return QSize(max(640, self.minimumSizeHint().width()),
                     self._top() + ROW * max(1, len(self.bars)) + 10)

    def minimumSizeHint(self) -> QSize:
        return QSize(LABEL_WIDTH + self._value_width() + 160,
                     self._top() + ROW * max(1, len(self.bars)) + 10)

    def _top(self) -> int:
        return 30 + (20 if self.legend else 0)

    def _figures(self) -> list[str]:
        """The figure written after each bar: its total, or its first part's share."""
        if self.figures is not None:
            return self.figures
        first = next(iter(self.legend), "")
        out = []
        judged = [key != "added" for key in self.legend]  # (added: no suggestion to judge)
        for _label, parts in self.bars:
            total = sum(v for v, _ in parts)
            if not self.percent:
                out.append(f"{total:,.0f}")
                continue
            of = sum(v for (v, _), counts in zip(parts, judged, strict=False) if counts)
            if of:
                out.append(f"{percent(parts[0][0] / of)} {first} · {total:,.0f}")
            else:
                out.append(f"— · {total:,.0f}" if total else "—")
        return out

    def _value_width(self) -> int:
        """Room after the longest bar for the widest figure (and a margin each side)."""
        metrics = self.fontMetrics()
        return max([VALUE_WIDTH, *(metrics.horizontalAdvance(t) + 14 for t in self._figures())])

    def _rows(self) -> list[tuple[str, list[tuple[float, str]], str, QRectF]]:
        """Each row: its label, its parts as (width, colour), its figure and where the
        figure is written (after the bar, inside the chart)."""
        value_width = self._value_width()
        span = max(self.width() - LABEL_WIDTH - value_width, 40)
        right = LABEL_WIDTH + span + value_width - 4
        top_total = max((sum(v for v, _ in parts) for _, parts in self.bars), default=0) or 1
        rows = []
        for row, ((label, parts), figure) in enumerate(zip(self.bars, self._figures(),
                                                           strict=True)):
            total = sum(v for v, _ in parts)
            scale = span / (total if self.percent and total else top_total)
            widths = [(v * scale, color) for v, color in parts]
            end = LABEL_WIDTH + sum(w for w, _ in widths)
            y = self._top() + row * ROW
            rows.append((label, widths, figure, QRectF(end + 6, y, right - end - 6, ROW)))
        return rows

    def figure_places(self) -> list[tuple[str, QRectF]]:
        """Each row's figure and the rectangle it is written in."""
        return [(figure, place) for _label, _parts, figure, place in self._rows()]

    def paintEvent(self, _event: Any) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text = self.palette().color(QPalette.ColorRole.WindowText)
        muted = self.palette().color(QPalette.ColorRole.PlaceholderText)
        bold = QFont(self.font())
        bold.setBold(True)
        bold.setPointSizeF(bold.pointSizeF() * 1.1)
        painter.setFont(bold)
        painter.setPen(text)
        painter.drawText(QRectF(0, 0, self.width(), 24), Qt.AlignmentFlag.AlignVCenter,
                         self.title)
        painter.setFont(self.font())
        x = 0.0
        for name, color in self.legend.items():  # a swatch and a name per colour
            painter.fillRect(QRectF(x, 32, 12, 12), QColor(color))
            painter.setPen(text)
            width = painter.fontMetrics().horizontalAdvance(name) + 28
            painter.drawText(QRectF(x + 16, 28, width, 20), Qt.AlignmentFlag.AlignVCenter, name)
            x += width
        if not self.bars:
            painter.setPen(muted)
            painter.drawText(QRectF(0, self._top(), self.width(), ROW),
                             Qt.AlignmentFlag.AlignVCenter, "Nothing yet.")
            return
        for label, parts, figure, place in self._rows():
            y = place.top()
            painter.setPen(text)
            shown = painter.fontMetrics().elidedText(label, Qt.TextElideMode.ElideRight,
                                                     LABEL_WIDTH - 8)
            painter.drawText(QRectF(0, y, LABEL_WIDTH - 8, ROW),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, shown)
            left = float(LABEL_WIDTH)
            for width, color in parts:
                painter.fillRect(QRectF(left, y + 4, width, ROW - 8), QColor(color))
                left += width
            painter.drawText(place, Qt.AlignmentFlag.AlignVCenter, figure)


def read_figures(store: Store) -> dict[str, Any]:
    reports = store.reports
    pace = store.timing.per_reviewer()
    agreement = read_agreement(store, pace)
    if agreement is not None:  # a merged project: what each marked reviewed in their file
        pace = {p.reviewer: (p.reviewed, p.seconds) for p in agreement.pace}
    return {"stats": reports.stats(), "eval": reports.evaluation(),
            "progress": reports.progress(), "schema": store.labels.schema(),
            "pace": pace, "agreement": agreement}


def charts(figures: dict[str, Any]) -> list[BarChart]:
    """The pictures, from what ``read_figures`` read."""
    stats, schema = figures["stats"], figures["schema"]
    out = [BarChart("Postings by status",
                    [(status.capitalize(), [(n, STATUS_COLORS[status])])
                     for status, n in stats["status"].items()])]
    since = str(datetime.now(UTC).date() - timedelta(days=20))  # three calendar weeks
    days = [(day, n) for day, n in figures["progress"] if str(day) >= since]
    out.append(BarChart("Reviewed each day (last three weeks)",
                        [(day, [(n, STATUS_COLORS["reviewed"])]) for day, n in days]))
    listed = {q.name for q in schema}
    # answers the schema does not list (imported from another project) have their bars
    unlisted = [Question(name, "multi", [Option(o) for o in given])
                for name, given in stats["labels"].items() if name not in listed]
    for question in [*schema, *unlisted]:
        if question.kind == "span":
            continue
        given = stats["labels"].get(question.name, {})
        known = {o.name for o in question.options}
        out.append(BarChart(f"Label “{question.name.replace('_', ' ')}”",
                            [(o.name.replace("_", " "),
                              [(given.get(o.name, 0), o.color or PALETTE[-1])])
                             for o in question.options] +
                            [(name.replace("_", " "), [(n, PALETTE[-1])])
                             for name, n in given.items() if name not in known]))
    span_labels = [o for q in schema if q.kind == "span" for o in q.options]
    known = {o.name for o in span_labels}
    extra = [(label, n) for label, n in stats["spans"].items() if label not in known]
    out.append(BarChart("Spans per label",
                        [(o.name, [(stats["spans"].get(o.name, 0), o.color)])
                         for o in span_labels] +
                        [(label, [(n, PALETTE[-1])]) for label, n in extra]))
    labels = {f.name: f.label for f in FIELDS}
    out.append(BarChart(
        "How reviewers judged each machine suggestion (reviewed postings)",
        [(labels.get(name, name), [(entry[state], STATE_COLORS[state]) for state in STATE_COLORS])
         for name, entry in figures["eval"].items()],
        legend={state: color for state, color in STATE_COLORS.items()}, percent=True))
    if figures.get("pace"):
        bars, said = pace_bars(figures["pace"])
        out.append(BarChart("Postings reviewed an hour of active review time, by reviewer",
                            bars, figures=said))
    return out


class StatsView(QDialog):
    """A window of charts; the figures are read in a worker when it opens."""

    def __init__(self, parent: QWidget, path: Any, describe_error: Callable[[Exception], str],
                 reviewer: str | None = None, show_ids: ShowIds | None = None) -> None:
        """``show_ids``: lists postings in the window (those behind an agreement figure)."""
        super().__init__(parent)
        self.setWindowTitle("Project statistics")
        fit_to_screen(self, 760, 720)
        self.body = QWidget()
        self.column = QVBoxLayout(self.body)
        self.column.setSpacing(18)
        self.status = plain_label("Counting…")  # an error may name a file
        self.column.addWidget(self.status)
        self.column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.body)
        self.agreement = AgreementPage(show_ids)
        self.pages = QTabWidget()
        self.pages.addTab(scroll, "Project")
        self.pages.addTab(self.agreement, "Agreement")
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        self.charts: list[BarChart] = []

        def work(_progress: Progress, _cancelled: Callable[[], bool]) -> dict[str, Any]:
            with Store(path, create=False, reviewer=reviewer) as store:
                return read_figures(store)

        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.job = Job(work, describe_error)
        # bound methods: a closed (deleted) view gets no late figures
        self.job.signals.finished.connect(self.show_figures)
        self.job.signals.failed.connect(self.show_failure)
        start(self.job)

    def show_failure(self, message: str) -> None:
        self.job = None  # type: ignore[assignment]
        self.status.setText(f"The figures could not be read: {message}")
        self.agreement.summary.setText(self.status.text())

    def show_figures(self, figures: dict[str, Any]) -> None:
        self.job = None  # type: ignore[assignment]
        stats = figures["stats"]
        reviewed = stats["status"]["reviewed"]
        spans, postings = sum(stats["spans"].values()), stats["postings"]
        self.status.setText(f"{postings:,} posting{'s' * (postings != 1)}, {reviewed:,} "
                            f"reviewed; {spans:,} span{'s' * (spans != 1)} labelled.")
        for chart in charts(figures):
            self.column.insertWidget(self.column.count() - 1, chart)
            self.charts.append(chart)
        self.agreement.show_report(figures.get("agreement"))
