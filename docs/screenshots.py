"""Draw the screenshots in docs/ from a project of the bundled samples.

    QT_QPA_PLATFORM=offscreen python docs/screenshots.py [--dark] [--out docs]

Each screen is shown as a user sees it and grabbed to a PNG, so the README's
pictures can be made again after the window changes.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings
from PySide6.QtGui import QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from reviewer.core.ingest import import_paths
from reviewer.core.store import Store
from reviewer.gui.bulk_edit import BulkEdits
from reviewer.gui.side_pane import HISTORY_TAB
from reviewer.gui.start_screen import StartScreen
from reviewer.gui.theme import apply_theme
from reviewer.gui.window import ReviewWindow

SAMPLES = Path(__file__).resolve().parents[1] / "reviewer" / "resources" / "samples"
ROLES = (("engineer", "engineering"), ("data", "data"), ("design", "product_design"),
         ("product", "product_design"), ("sales", "sales_marketing"),
         ("marketing", "sales_marketing"), ("nurse", "other"))


def settle(app: QApplication) -> None:
    for _ in range(5):
        app.processEvents()


def grab(widget: QWidget, path: Path, app: QApplication) -> None:
    settle(app)
    widget.grab().save(str(path))
    print(path)


def over(window: QWidget, dialog: QWidget, path: Path, app: QApplication) -> None:
    """The window with a dialog drawn over its centre, as the user sees both."""
    settle(app)
    picture = QPixmap(window.grab())
    inner = dialog.grab()
    painter = QPainter(picture)
    painter.drawPixmap((picture.width() - inner.width()) // 2,
                       (picture.height() - inner.height()) // 3, inner)
    painter.end()
    picture.save(str(path))
    print(path)


def learning_project(path: Path) -> None:
    """The samples, not reviewed, and two reviewed copies of each (a line added to its
    text makes each a page of its own) with their labels: enough to learn from."""
    with Store(path) as store:
        import_paths(store, [SAMPLES])
        for record in list(store.records.all(reviewed_only=False)):
            title = str(record["fields"].get("title") or "").lower()
            role = next((r for word, r in ROLES if word in title), "other")
            for copy in (1, 2):
                text = f"{record['text']}\n\nReference: copy {copy}"
                store.records.add({**record, "id": None, "text": text, "status": "reviewed",
                                   "raw_hash": hashlib.sha256(text.encode()).hexdigest(),
                                   "labels": {"relevant": ["yes"], "role_family": [role]}})


GUIDELINES = """# Guidelines for the Berlin 2026 dataset

Read the whole posting before you decide a field. When in doubt, **flag** the posting
and write why in the comment.

## Fields

- **Title**: the role as the posting names it, without the team, the place or
  "(m/w/d)". *Senior Backend Engineer*, not *Senior Backend Engineer, Data Platform*.
- **Seniority**: what the title or the text says; do not infer it from the salary.
- **Remote**: *hybrid* as soon as some office days are required.

## Labels

| question | answer |
|---|---|
| relevant | *yes* for one job at one employer; *no* for lists of jobs and ads |
| role family | the work itself, not the department |
"""
DESCRIPTIONS = {
    "field:title": "The role as the posting names it, without team, place or (m/w/d).",
    "field:seniority": "What the title or the text says; never inferred from the pay.",
    "question:relevant": "Is this one job at one employer?",
    "option:relevant/yes": "One posting, one job.",
    "option:role_family/data": "Analytics, data engineering, data science.",
}


def team_project(path: Path) -> None:
    """The samples as three reviewers' files merged would leave them: each reviewer's own
    values (they differ on posting 1 and on a few others), their time and their pace,
    the guidelines and descriptions, and a history of who did what on posting 1."""
    def field(value: object, state: str = "corrected") -> str:
        return json.dumps({"state": state, "value": value, "spans": []})

    with Store(path) as store:
        import_paths(store, [SAMPLES])
        store.meta.set_guidelines(GUIDELINES)
        store.meta.set_descriptions(DESCRIPTIONS)
        rows = [
            (1, "ana", "field", "title", field("Senior Backend Engineer, Data Platform",
                                               "accepted")),
            (1, "ben", "field", "title", field("Senior Backend Engineer")),
            (1, "chen", "field", "title", field("Senior Backend Engineer")),
            (1, "ana", "field", "seniority", field("senior", "accepted")),
            (1, "ben", "field", "seniority", field("lead")),
            (1, "chen", "field", "seniority", field("senior", "accepted")),
            (1, "ana", "field", "remote", field("hybrid", "accepted")),
            (1, "ben", "field", "remote", field("remote")),
            (1, "ana", "label", "role_family", '["engineering"]'),
            (1, "ben", "label", "role_family", '["data"]'),
            (1, "chen", "label", "role_family", '["engineering"]')]
        for pid in range(2, 9):
            title = store.records.get(pid)["fields"]["title"]
            rows += [(pid, "ana", "field", "title", field(title, "accepted")),
                     (pid, "ben", "field", "title", field(title if pid % 3 else
                                                          title.split(" (")[0] + " II")),
                     (pid, "ana", "label", "relevant", '["yes"]'),
                     (pid, "ben", "label", "relevant", '["no"]' if pid == 5 else '["yes"]'),
                     (pid, "ana", "spans", "", json.dumps([[0, 4, "SKILL"], [10, 20, "TOOL"]])),
                     (pid, "ben", "spans", "", json.dumps([[0, 4, "SKILL"]] + (
                         [[10, 20, "TOOL"]] if pid % 2 else [])))]
        store.reviews.put([(*row, "2026-03-02T10:00:00+00:00") for row in rows])
        store.reviews.refresh(list(range(1, 9)))
    for name, reviewed, seconds in (("ana", (2, 3, 4, 6), 1260.0), ("ben", (5, 7), 990.0),
                                    ("chen", (8,), 400.0)):
        with Store(path, reviewer=name) as store:
            for pid in reviewed:
                store.postings.set_status(pid, "reviewed")
                store.timing.add(pid, seconds / len(reviewed))
            if name == "ana":
                store.decisions.set_field(1, "company", "Lumenfield Analytics, Inc.")
                store.labels.answer(1, "relevant", ["yes"])
            elif name == "ben":
                store.spans.add(1, 0, 6, "SKILL")
                store.postings.set_comment(1, "Title: the team is not part of it?")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).parent)
    parser.add_argument("--dark", action="store_true", help="draw in the dark colour scheme")
    args = parser.parse_args()
    os.environ["REVIEWER_NAME"] = "ana"  # the pictures name a reviewer, not this machine's user
    app = QApplication([sys.argv[0]])
    apply_theme(app, "dark" if args.dark else "light")
    suffix = "-dark" if args.dark else ""
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "postings.db"
        with Store(project) as store:
            import_paths(store, [SAMPLES])
        settings = QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat)

        start = StartScreen([project, Path(tmp) / "berlin-2026.db"][:1])
        start.resize(760, 480)
        start.show()
        grab(start, out / f"start-screen{suffix}.png", app)
        start.close()

        store = Store(project)
        window = ReviewWindow(store, settings)
        window.show()
        window.queue_pane.select_row(0)
        window.fields.editors["title"].editor.setFocus()
        window.resize(1920, 1080)
        grab(window, out / f"review-window-1920{suffix}.png", app)
        window.resize(1366, 768)  # a laptop: every field in view still
        grab(window, out / f"review-window{suffix}.png", app)

        window.view_choice.setCurrentIndex(window.view_choice.findData("removed"))
        grab(window, out / f"removed-view{suffix}.png", app)
        window.view_choice.setCurrentIndex(0)

        window.show_help()
        over(window, window.help_box, out / f"shortcut-help{suffix}.png", app)
        window.help_box.close()

        window.action_table.edit_shortcuts()
        over(window, window.action_table.shortcut_dialog,
             out / f"shortcut-settings{suffix}.png", app)
        window.action_table.shortcut_dialog.reject()

        window.queue.selectRow(0)
        window.queue.selectionModel().select(
            window.model.index(2, 0), window.queue.selectionModel().SelectionFlag.Select
            | window.queue.selectionModel().SelectionFlag.Rows)
        window.action_table.by_id["edit_selected"].trigger()
        bulk = window.findChild(BulkEdits)
        assert bulk is not None and bulk.dialog is not None
        over(window, bulk.dialog, out / f"bulk-edit{suffix}.png", app)
        bulk.dialog.reject()

        window.action_table.by_id["export"].trigger()
        over(window, window.long_work.export_dialog, out / f"export-dialog{suffix}.png", app)
        window.long_work.export_dialog.reject()

        # labels: a document answer, overlapping spans, the suggested skills
        text = store.records.get(window.pid)["cleaned"]  # type: ignore[arg-type]
        for words, label in (("Kafka and Kubernetes", "TOOL"), ("Kubernetes", "SKILL"),
                             ("Bachelor's degree in Computer Science", "QUALIFICATION")):
            start = text.index(words)
            end = start + len(words)
            window.flow.push("label", lambda p, a=start, b=end, lab=label:
                         store.spans.add(p, a, b, lab)[1])
        for question, option in (("relevant", "yes"), ("role_family", "data")):
            window.labels.toggle(window.labels.questions[question], option)
        settle(app)
        window.document.verticalScrollBar().setValue(380)
        window.side.setCurrentIndex(1)  # the labels and the comment
        grab(window, out / f"labels{suffix}.png", app)
        window.side.setCurrentIndex(0)

        window.edit_schema()
        window.schema_dialog.list.setCurrentRow(2)  # the span labels
        over(window, window.schema_dialog, out / f"label-schema{suffix}.png", app)
        window.schema_dialog.reject()

        window.flow.accept_and_next()
        window.show_stats()
        while window.stats_view.job is not None:
            settle(app)
        window.stats_view.resize(760, 900)
        grab(window.stats_view, out / f"stats{suffix}.png", app)
        window.stats_view.close()

        # a dataset's file: the columns mapped to the page and the fields, before import
        data = Path(tmp) / "jobs.csv"
        with data.open("w", newline="") as stream:
            writer = csv.writer(stream)
            writer.writerow(["Job Title", "Company Name", "Location", "Salary Estimate",
                             "Rating", "Job Description"])
            for pid in store.queue.ids()[:6]:  # the samples, as a dataset would hold them
                posting = store.records.get(pid)
                fields = posting["fields"]
                writer.writerow([fields.get("title") or "", fields.get("company") or "",
                                 "; ".join(fields.get("locations") or []), "$90K-$120K (est.)",
                                 "4.2", posting["cleaned"][:300]])
        window.long_work.import_files([data])
        over(window, window.long_work.import_dialog, out / f"import-preview{suffix}.png", app)
        window.long_work.import_dialog.reject()

        bad = Path(tmp) / "scan.html"
        bad.write_bytes(b"\x00\x01\x02\xff" * 100)
        window.long_work.import_files([bad])
        while window.long_work.job is not None:
            settle(app)
        assert window.long_work.message_box is not None
        over(window, window.long_work.message_box, out / f"import-error{suffix}.png", app)
        window.long_work.message_box.close()
        window.close()
        store.close()

        # learning: Review → Learn from the reviewed postings, its report, its suggestions
        learnt = Path(tmp) / "learning.db"
        learning_project(learnt)
        store = Store(learnt)
        window = ReviewWindow(store, settings)
        window.show()
        window.resize(1366, 768)
        window.action_table.by_id["learn"].trigger()
        while window.long_work.job is not None:
            settle(app)
        report = window.long_work.message_box
        assert report is not None
        for button in report.buttons():  # the figures shown, as "Show Details…" does
            if report.buttonRole(button) == QMessageBox.ButtonRole.ActionRole:
                button.click()
        over(window, report, out / f"learn-report{suffix}.png", app)
        next(b for b in report.buttons() if b.text().startswith("Put")).click()
        while window.long_work.job is not None:
            settle(app)
        window.long_work.message_box.close()  # type: ignore[union-attr]
        order = window.queue_pane.order_choice
        order.setCurrentIndex(order.findData("useful"))
        window.side.setCurrentIndex(1)  # the labels, each with its suggested answer
        grab(window, out / f"label-suggestions{suffix}.png", app)
        window.close()
        store.close()
        # several reviewers: adjudication, a posting's history, guidelines, agreement
        team = Path(tmp) / "team.db"
        team_project(team)
        store = Store(team, reviewer="dana")
        window = ReviewWindow(store, settings)
        window.show()
        window.resize(1366, 768)
        state = window.queue_pane.state_filter
        state.setCurrentIndex(state.findData("disagreement"))
        window.queue_pane.select_row(0)
        window.fields.editors["title"].focus()
        grab(window, out / f"adjudication{suffix}.png", app)

        window.show_guidelines()
        assert window.guidelines is not None
        window.guidelines.resize(640, 600)
        over(window, window.guidelines, out / f"guidelines{suffix}.png", app)
        window.guidelines.close()

        window.adjudication.take(2)  # ben's title
        window.side.setCurrentIndex(HISTORY_TAB)
        grab(window, out / f"history{suffix}.png", app)
        window.side.setCurrentIndex(0)

        window.show_stats()
        while window.stats_view.job is not None:
            settle(app)
        window.stats_view.resize(760, 560)
        window.stats_view.pages.setCurrentIndex(1)
        grab(window.stats_view, out / f"agreement{suffix}.png", app)
        window.stats_view.close()
        window.close()
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
