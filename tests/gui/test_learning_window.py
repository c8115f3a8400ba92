"""Learning from the reviewers, in the window: Review → Learn from the reviewed postings
(progress, the report, the re-extract it offers, too few postings, cancel), learning
again after every N reviews in the background, the "most useful" order, and the label
answers the model suggests, shown as plain text and accepted with the option's key."""

from __future__ import annotations

import hashlib
import importlib
import json
import re
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QInputDialog, QMessageBox, QPushButton, QTextEdit

import reviewer.gui.ops as ops_module
from reviewer.core.ingest import import_paths, reextract, train_project
from reviewer.core.labels import Option, Question
from reviewer.core.schema import FIELD_NAMES
from reviewer.core.store import Store
from reviewer.gui import jobs, preferences
from reviewer.gui.queue_pane import ORDER_CHOICES
from reviewer.gui.window import ReviewWindow

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "dev" / "linkedin.jsonl"
WAIT = 120_000  # ms; training a dozen postings takes a second or two

pytestmark = [pytest.mark.skipif(not CORPUS.is_file(), reason="needs ../shared/corpus/dev"),
              pytest.mark.qt_log_level_fail("WARNING"),  # but the offscreen size hints:
              pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")]


def _lines() -> list[dict]:
    return [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]


def make_project(path: Path, reviewed: int, new: int = 0) -> Path:
    """A project of ``reviewed`` postings of the LinkedIn dev corpus, reviewed (their gold
    values as the reviewers' corrections, a label for every question), and the ``new``
    postings after them imported as pages, not reviewed."""
    lines = _lines()
    with Store(path) as store:
        for rec in lines[:reviewed]:
            text = rec["raw"]
            sales = "sales" in text.lower()
            assert store.records.add({
                "text": text, "status": "reviewed", "source": rec["id"],
                "fields": {name: rec["fields"].get(name) for name in FIELD_NAMES},
                "provenance": {name: "corrected" if name in rec["fields"] else "none"
                               for name in FIELD_NAMES},
                "raw_hash": hashlib.sha256(text.encode()).hexdigest(),
                "labels": {"relevant": ["yes"],
                           "role_family": ["sales_marketing" if sales else "other"]}})
        if new:
            pages = path.parent / f"{path.stem}-pages"
            pages.mkdir()
            for rec in lines[reviewed:reviewed + new]:
                (pages / f"{rec['id']}.txt").write_text(rec["raw"], encoding="utf-8")
            import_paths(store, [pages])
    return path


@pytest.fixture(scope="module")
def learnt(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """12 reviewed postings and 6 new ones, the model trained and its suggestions put on
    the new ones (by the core, as the CLI would): copied by each test that uses it."""
    path = make_project(tmp_path_factory.mktemp("learnt") / "learnt.db", 12, 6)
    with Store(path) as store:
        train_project(store)
        reextract(store)
    return path


def _copy(learnt: Path, tmp_path: Path) -> Path:
    shutil.copy(learnt, tmp_path / "p.db")
    return tmp_path / "p.db"


def _finish(win: ReviewWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: win.long_work.job is None, timeout=WAIT)


def _button(box: QMessageBox, text: str) -> QPushButton:
    found = [b for b in box.buttons() if b.text() == text]
    assert found, [b.text() for b in box.buttons()]
    return found[0]  # type: ignore[return-value]


def _press(qtbot, widget, key: str) -> None:  # type: ignore[no-untyped-def]
    """Press ``key`` ("Alt+Shift+1") on ``widget``, as a person would."""
    combination = QKeySequence(key)[0]
    qtbot.keyClick(widget, combination.key(), combination.keyboardModifiers())


# --- Review → Learn from the reviewed postings ------------------------------------------

def test_learning_from_the_menu_keeps_a_model_and_reports_it(tmp_path: Path, open_window,
                                                            qtbot) -> None:  # type: ignore[no-untyped-def]
    win = open_window(make_project(tmp_path / "p.db", 12, 3))
    assert win.store.models.latest("learned") is None
    win.action_table.by_id["learn"].trigger()
    assert win.long_work.job_dialog is not None and win.long_work.job_dialog.isVisible()
    _finish(win, qtbot)
    assert re.fullmatch(r"Learning from 12 reviewed postings: step (\d+) of \1",
                        win.long_work.job_dialog.labelText())
    stored = win.store.models.latest("learned")
    assert stored is not None and stored.postings == 12
    box = win.long_work.message_box
    assert box is not None and box.isVisible()
    assert box.textFormat() == Qt.TextFormat.PlainText
    assert re.match(r"Learnt from 12 reviewed postings in \d+\.\d s\. The model is kept",
                    box.text())
    assert "3 postings not yet reviewed" in box.text()
    details = box.detailedText()
    assert "cross-validation" in details and "rules" in details and "cascade" in details
    assert re.search(r"^title\s+\d\.\d{3}\s+\d\.\d{3}\s+\d\.\d{3}\s+12$", details, re.M)
    assert re.search(r"^label:role_family\s", details, re.M)  # the label questions too
    _button(box, "Close").click()


def test_the_learning_report_s_table_is_in_the_app_s_font_size(tmp_path: Path, open_window,
                                                                qtbot) -> None:  # type: ignore[no-untyped-def]
    """In an app of 14 pt, the figures were in the system's fixed font of 9 pt."""
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QApplication

    before = QApplication.font()
    large = QFont(before)
    large.setPointSizeF(14)
    QApplication.setFont(large)
    try:
        win = open_window(make_project(tmp_path / "p.db", 12, 3))
        win.action_table.by_id["learn"].trigger()
        _finish(win, qtbot)
        box = win.long_work.message_box
        table = box.findChild(QTextEdit)
        assert table is not None and table.font().pointSizeF() == 14
        _button(box, "Close").click()
    finally:
        QApplication.setFont(before)


def test_too_few_reviewed_postings_say_so_and_keep_no_model(tmp_path: Path, open_window,
                                                            qtbot) -> None:  # type: ignore[no-untyped-def]
    win = open_window(make_project(tmp_path / "p.db", 3, 2))
    win.action_table.by_id["learn"].trigger()
    _finish(win, qtbot)
    box = win.long_work.message_box
    assert box is not None and box.windowTitle() == "Not enough to learn from"
    assert box.text().startswith("Learning needs at least 10 reviewed postings; this project "
                                 "has 3.")
    assert "Learnt" not in box.text() and "kept" not in box.text()
    assert [b.text() for b in box.buttons()] == ["Close"]
    assert win.store.models.latest("learned") is None


def test_cancelled_learning_keeps_no_model_and_says_so(tmp_path: Path, open_window, qtbot,
                                                      monkeypatch) -> None:  # type: ignore[no-untyped-def]
    win = open_window(make_project(tmp_path / "p.db", 12))

    def cancel_at_once(job):  # type: ignore[no-untyped-def]
        job.cancel()  # as Cancel in the dialog does, before the first step
        jobs.start(job)

    monkeypatch.setattr(ops_module, "start", cancel_at_once)
    win.action_table.by_id["learn"].trigger()
    _finish(win, qtbot)
    assert win.store.models.latest("learned") is None
    assert win.statusBar().currentMessage() == "Learning stopped; no model was kept."
    assert win.long_work.message_box is None
    win.store.models.save("learned", b"an older model", [1], {})  # one learnt before
    win.action_table.by_id["learn"].trigger()
    _finish(win, qtbot)
    assert win.statusBar().currentMessage() == (
        "Learning stopped; the model learnt before is still used.")


def test_cancel_is_heeded_while_the_reviewed_postings_are_read(tmp_path: Path,
                                                            monkeypatch) -> None:
    """Cancel pressed while the dialog still says "Reading…": reading and preparing the
    postings (seconds for hundreds) stop at the next posting, not at the end."""
    train_module = importlib.import_module("reviewer.core.learn.train")  # the function shadows it
    from reviewer.gui.works import train_work

    project = make_project(tmp_path / "p.db", 12)
    read = []
    of = train_module.Prepared.of
    monkeypatch.setattr(train_module.Prepared, "of",
                        lambda e: read.append(e) or of(e))  # type: ignore[func-returns-value]
    pressed = []
    learnt = train_work(project)(lambda done, total, text: pressed.append(text),
                                 lambda: bool(pressed))  # Cancel at the first line shown
    assert learnt.report is None and not learnt.refused
    assert len(read) <= 1
    with Store(project) as store:
        assert store.models.latest("learned") is None


def test_the_re_extract_offered_puts_the_suggestions_on_the_rest(tmp_path: Path, open_window,
                                                                 qtbot) -> None:  # type: ignore[no-untyped-def]
    win = open_window(make_project(tmp_path / "p.db", 12, 4))
    new = list(win.store.queue.ids(status="new"))
    assert len(new) == 4
    assert not any(win.store.records.get(p)["label_suggestions"] for p in new)
    win.action_table.by_id["learn"].trigger()
    _finish(win, qtbot)
    learnt_box = win.long_work.message_box
    assert learnt_box is not None
    _button(learnt_box, "Put the suggestions on them").click()
    assert win.long_work.job is not None  # the re-extract, behind its progress dialog
    _finish(win, qtbot)
    assert win.long_work.message_box is not learnt_box
    assert win.long_work.message_box.windowTitle() == "Cleaned and extracted again"
    for pid in new:
        suggested = win.store.records.get(pid)["label_suggestions"]
        assert suggested["relevant"]["answer"] == "yes"
    win.queue_pane.select_row(win.model.row_of(new[0]))
    hint = win.labels.hints["relevant"]
    assert not hint.isHidden()
    assert re.fullmatch(r"suggested: yes \(\d\.\d\d\) · Alt\+1", hint.text())


# --- again after every N reviews ----------------------------------------------------------

def test_learning_again_after_every_n_reviews_runs_in_the_background(
        tmp_path: Path, open_window, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    path = make_project(tmp_path / "p.db", 10, 6)
    with Store(path) as store:
        train_project(store)  # the last training: 10 reviewed postings
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    win = open_window(path, settings)
    monkeypatch.setattr(QInputDialog, "getInt", lambda *a, **k: (2, True))
    win.action_table.by_id["learn_every"].trigger()
    assert preferences.learn_every(settings) == 2
    assert "every 2 postings" in win.statusBar().currentMessage()

    win.queue_pane.select_row(win.model.row_of(win.store.queue.ids(status="new")[0]))
    win.flow.accept_and_next()  # 11 reviewed: one since the last training
    assert win.long_work.job is None
    win.flow.accept_and_next()  # 12: two since, so it learns again, with no dialog
    assert win.long_work.job is not None and win.long_work.quiet
    assert win.statusBar().currentMessage() == "Learning from 12 reviewed postings…"
    assert not [d for d in win.findChildren(QDialog) if d.isVisible()]  # no dialog
    win.flow.accept_and_next()  # the review goes on meanwhile
    assert win.store.queue.count("reviewed") == 13
    _finish(win, qtbot)
    assert win.store.models.latest("learned").postings in (12, 13)
    assert re.match(r"Learnt from 1[23] reviewed postings in \d+\.\d s; re-extract to use it",
                    win.statusBar().currentMessage())
    assert win.long_work.message_box is None  # nothing modal, nothing to close


def test_learning_again_is_off_until_asked_and_kept_in_the_settings(
        tmp_path: Path, open_window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    win = open_window(make_project(tmp_path / "p.db", 12, 3), settings)
    win.queue_pane.select_row(win.model.row_of(win.store.queue.ids(status="new")[0]))
    win.flow.accept_and_next()
    assert win.long_work.job is None  # never, by default
    asked: list[int] = []
    monkeypatch.setattr(QInputDialog, "getInt",
                        lambda *a, **k: (asked.append(a[3]), (25, True))[1])
    win.action_table.by_id["learn_every"].trigger()
    win.action_table.by_id["learn_every"].trigger()
    assert asked == [0, 25]
    assert QSettings(str(tmp_path / "settings.ini"),
                     QSettings.Format.IniFormat).value("learning/every") in (25, "25")


# --- the most useful order ------------------------------------------------------------

def test_the_useful_order_lists_the_model_s_unsure_postings_first(
        learnt: Path, tmp_path: Path, open_window) -> None:  # type: ignore[no-untyped-def]
    win = open_window(_copy(learnt, tmp_path))
    combo = win.queue_pane.order_choice
    index = combo.findData("useful")
    assert ("Most useful to review next", "useful") in ORDER_CHOICES
    assert "least sure" in combo.itemData(index, Qt.ItemDataRole.ToolTipRole)
    combo.setCurrentIndex(index)
    listed = [win.model.id_at(r) for r in range(win.model.rowCount())]
    new = set(win.store.queue.ids(status="new"))
    assert len(listed) == 18 and set(listed[:6]) == new  # what no one reviewed, first
    assert listed == list(win.store.queue.ids("useful"))
    assert listed != list(win.store.queue.ids("import"))
    assert win.pid == listed[0]


# --- suggested label answers -----------------------------------------------------------

def test_a_suggested_answer_shows_beside_its_question_and_in_the_summary(
        learnt: Path, tmp_path: Path, open_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    win = open_window(_copy(learnt, tmp_path))
    pid = win.store.queue.ids(status="new")[0]
    win.queue_pane.select_row(win.model.row_of(pid))
    suggested = win.store.records.get(pid)["label_suggestions"]["role_family"]
    option = suggested["answer"]
    hint = win.labels.hints["role_family"]
    key = _key(win, "role_family", option)
    assert hint.text() == (f"suggested: {option.replace('_', ' ')} "
                           f"({suggested['confidence']:.2f}) · {_native(key)}")
    assert f"role family: suggested {option.replace('_', ' ')}" in win.side.summary.text()
    _press(qtbot, win.queue, key)
    assert win.store.records.get(pid)["labels"]["role_family"] == [option]
    assert hint.isHidden()
    assert f"role family: {option.replace('_', ' ')}" in win.side.summary.text()
    assert "role family: suggested" not in win.side.summary.text()


def _key(win: ReviewWindow, question: str, option: str) -> str:
    return next(o.key for o in win.labels.questions[question].options if o.name == option)


def _native(key: str) -> str:
    return QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)


@pytest.fixture
def odd_suggestion(project: Path) -> Path:
    """The sample project with a question whose option is named like HTML, suggested
    for the first posting."""
    with Store(project) as store:
        schema = store.labels.schema()
        schema.insert(2, Question("flavour", "single", [Option("<b>x</b>"), Option("plain")]))
        store.labels.save_schema(schema)
        with store.db.atomic():
            store.postings.replace_label_suggestions(1, [("flavour", '"<b>x</b>"', 0.9)])
    return project


def test_a_suggestion_is_shown_as_plain_text_and_its_key_answers_it(
        odd_suggestion: Path, open_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    win = open_window(odd_suggestion)
    assert win.pid == 1
    key = _key(win, "flavour", "<b>x</b>")
    hint = win.labels.hints["flavour"]
    assert hint.text() == f"suggested: <b>x</b> (0.90) · {_native(key)}"
    assert hint.textFormat() == Qt.TextFormat.PlainText and not hint.isHidden()
    assert win.side.summary.text().endswith(" · flavour: suggested <b>x</b>")  # short
    assert win.side.summary.textFormat() == Qt.TextFormat.PlainText
    assert win.labels.hints["relevant"].isHidden()  # no suggestion, no line
    win.side.setCurrentIndex(1)
    qtbot.waitUntil(hint.isVisible)
    _press(qtbot, win.queue, key)
    assert win.store.records.get(1)["labels"] == {"flavour": ["<b>x</b>"]}
    assert hint.isHidden()
    assert "flavour: <b>x</b>" in win.side.summary.text()
    win.undo_stack.undo()  # unanswered again: the suggestion is back
    assert not hint.isHidden()


def test_a_suggested_option_the_schema_no_longer_has_is_not_shown(
        odd_suggestion: Path, open_window) -> None:  # type: ignore[no-untyped-def]
    """The model learnt "other"; the question lost it since: no "suggested: other",
    which no key gives. Of a many-answer suggestion, only the options still asked."""
    with Store(odd_suggestion) as store:
        schema = store.labels.schema()
        schema[2] = Question("flavour", "multi", [Option("plain"), Option("sweet")])
        store.labels.save_schema(schema)
        with store.db.atomic():
            store.postings.replace_label_suggestions(1, [
                ("flavour", '["<b>x</b>", "sweet"]', 0.7), ("relevant", '"maybe"', 0.8)])
    win = open_window(odd_suggestion)
    assert win.pid == 1
    assert win.labels.hints["relevant"].isHidden()
    assert "relevant: —" in win.side.summary.text()
    assert win.labels.hints["flavour"].text() == (
        f"suggested: sweet (0.70) · {_native(_key(win, 'flavour', 'sweet'))}")
    assert win.side.summary.text().endswith(" · flavour: suggested sweet")


def test_learning_starts_its_worker_processes_from_the_server(tmp_path: Path, open_window,
                                                              qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The window runs threads and must not fork itself: Learn forked it for the span
    fields' workers when it was the session's first long work."""
    import reviewer.core.ingest as ingest
    from reviewer.core import workers

    asked: list[object] = []
    learn = ingest.train_project
    monkeypatch.setattr(workers, "_FROM_SERVER", False)
    monkeypatch.setattr(ingest, "train_project", lambda store, **kw: asked.append(
        (workers._FROM_SERVER, kw.get("jobs"))) or learn(store, **kw))
    win = open_window(make_project(tmp_path / "p.db", 12))
    win.action_table.by_id["learn"].trigger()
    _finish(win, qtbot)
    assert asked == [(True, workers.one_per_core())]
