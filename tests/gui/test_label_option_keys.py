"""Every label option's key: beside the option, in the help (F1), and working as a
shortcut; none taken from the window's actions or from Alt and a letter."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QKeySequence

from reviewer.core.labels import CHORD_KEY, Option, Question, clash, strokes, with_defaults
from reviewer.core.store import Store
from reviewer.gui.actions import ACTIONS, fixed_keys, unmarked
from reviewer.gui.window import ReviewWindow

ALT, SHIFT, CTRL = (Qt.KeyboardModifier.AltModifier, Qt.KeyboardModifier.ShiftModifier,
                    Qt.KeyboardModifier.ControlModifier)
TOPICS = [f"topic_{n}" for n in range(24)]  # past Alt+0 and Alt+Shift+0: chords too


@pytest.fixture
def big(tmp_path: Path, project: Path) -> Path:
    """The sample project with a question of 24 options besides the default ones."""
    with Store(project) as store:
        schema = store.labels.schema()
        schema.insert(2, Question("topic", "multi", [Option(n) for n in TOPICS]))
        store.labels.save_schema(schema)
    return project


def _window_keys() -> list[str]:
    keys = [QKeySequence(d).toString() for _k, _t, d, _h, _m in ACTIONS if d]
    return keys + [k for k in fixed_keys() if k != CHORD_KEY]  # (held back for the chords)


def _label_keys(win: ReviewWindow) -> dict[str, str]:
    """What the help calls each option's action, and its key."""
    return {(f"Label the selection {o.name}" if q.kind == "span" else f"{q.name}: {o.name}"):
            o.key for q in win.schema for o in q.options}


def test_every_default_option_has_its_key_beside_it(project: Path, open_window) -> None:  # type: ignore[no-untyped-def]
    win = open_window(project)
    for question in win.schema:
        if question.kind == "span":
            continue
        for option in question.options:
            assert option.key, option.name
            assert win.labels.buttons[(question.name, option.name)].text().endswith(
                f"({option.key})")


def test_no_label_key_is_a_window_key_or_alt_and_a_letter(big: Path, open_window) -> None:  # type: ignore[no-untyped-def]
    win = open_window(big)
    keys = _label_keys(win)
    assert len(keys) == len(set(keys.values()))
    window = _window_keys()
    assert not [(k, w) for k in keys.values() for w in window if clash(k, w)]
    for key in keys.values():
        for stroke in strokes(key):
            mods, _, last = stroke.rpartition("+")
            assert not ("Alt" in mods and last.isalpha() and len(last) == 1), key
    # a generous schema: every chord the rule could give clashes with no window key
    many = with_defaults([Question("q", "multi", [Option(f"o{n}") for n in range(200)])])
    assert not [(o.key, w) for o in many[0].options for w in window if clash(o.key, w)]


def test_keys_past_alt_9_are_shown_listed_and_work(big: Path, open_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    win = open_window(big)
    topic = {o.name: o.key for q in win.schema if q.name == "topic" for o in q.options}
    assert topic["topic_0"] == "Alt+Shift+1" and topic["topic_9"] == "Alt+Shift+0"
    assert topic["topic_10"] == "Ctrl+L, 1" and topic["topic_23"] == "Ctrl+L, D"
    for name, key in topic.items():
        assert win.labels.buttons[("topic", name)].text().endswith(f"({key})")
    win.show_help()
    text = win.help_box.text()
    win.help_box.close()
    for name, key in _label_keys(win).items():
        assert f"<b>{key}</b></td><td>{name}" in text, name

    win.queue.setFocus()
    qtbot.keyClick(win.queue, Qt.Key.Key_1, ALT | SHIFT)  # topic_0
    qtbot.keyClick(win.queue, Qt.Key.Key_0, ALT)  # role family: other
    title = win.fields.editors["title"].editor
    title.setFocus()
    typed = title.text()
    qtbot.keyClick(title, Qt.Key.Key_L, CTRL)  # a chord, while typing in a field
    qtbot.keyClick(title, Qt.Key.Key_D)  # topic_23
    labels = win.store.records.get(win.pid)["labels"]  # type: ignore[arg-type]
    assert labels == {"topic": ["topic_0", "topic_23"], "role_family": ["other"]}
    assert title.text() == typed  # the chord's D went to the label, not into the field
    assert win.labels.buttons[("topic", "topic_23")].isChecked()


def test_the_shortcut_editor_keeps_the_chord_key_for_the_labels(project: Path,
                                                                open_window) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QDialogButtonBox

    win = open_window(project)
    win.action_table.edit_shortcuts()
    dialog = win.action_table.shortcut_dialog
    dialog.editors["flag"].setKeySequence(QKeySequence("Ctrl+L"))
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    assert "Label keys that begin with Ctrl+L" in dialog.problem.text()
    dialog.reject()


def test_options_added_in_the_schema_dialog_get_free_keys(project: Path, open_window,
                                                          tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QDialogButtonBox

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    win = open_window(project, settings)
    win.action_table.edit_shortcuts()  # a person gave Alt+Shift+1 to an action
    win.action_table.shortcut_dialog.editors["flag"].setKeySequence(QKeySequence("Alt+Shift+1"))
    win.action_table.shortcut_dialog.buttons.button(
        QDialogButtonBox.StandardButton.Ok).click()
    win.edit_schema()
    dialog = win.schema_dialog
    dialog.list.setCurrentRow(1)  # role family
    for _ in range(2):
        dialog._add_option()
    dialog.table.item(dialog.table.rowCount() - 1, 2).setText("Ctrl+O, 1")  # Ctrl+O: open
    dialog.save()
    assert "Ctrl+O" in dialog.problem.text() and not dialog.result()
    dialog.table.item(dialog.table.rowCount() - 1, 2).setText("Ctrl+L, 5")
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted, dialog.problem.text()
    role = next(q for q in win.schema if q.name == "role_family")
    assert [o.key for o in role.options[-2:]] == ["Alt+Shift+2", "Ctrl+L, 5"]
    assert win.labels.buttons[("role_family", role.options[-2].name)].text().endswith(
        "(Alt+Shift+2)")


def _flag_on_a_label_key(project: Path, tmp_path: Path) -> QSettings:
    """Settings that give Flag Alt+Shift+1 (set in another project), and the project an
    eleventh option, whose key that is."""
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue("shortcuts/flag", "Alt+Shift+1")
    with Store(project) as store:
        schema = store.labels.schema()
        schema.append(Question("urgent", "single", [Option("hot"), Option("cold")]))
        store.labels.save_schema(schema)
    return settings


def test_a_shortcut_of_the_person_s_that_is_a_project_s_label_key_gives_way(
        project: Path, open_window, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A shortcut set in another project, where the key was free, made this project's
    label key do nothing (Qt: an ambiguous shortcut), and nothing said so."""
    import sqlite3

    settings = _flag_on_a_label_key(project, tmp_path)
    win = open_window(project, settings)
    hot = next(q for q in win.schema if q.name == "urgent").options[0]
    assert hot.key == "Alt+Shift+1"
    message = win.statusBar().currentMessage()
    assert "Alt+Shift+1" in message and "urgent: hot" in message and "Flag" in message
    menu, item = message.rsplit("(", 1)[1].rstrip(").").split(" → ")  # a way that is there
    [bar] = [a.menu() for a in win.menuBar().actions() if a.text().replace("&", "") == menu]
    assert item in [unmarked(a.text()).rstrip("…") for a in bar.actions()]
    assert win.action_table.shortcut("flag") == ""
    assert settings.value("shortcuts/flag") == "Alt+Shift+1"  # kept for the other projects
    win.document.setFocus()
    qtbot.keyClick(win.document, Qt.Key.Key_1, ALT | SHIFT)
    with sqlite3.connect(project) as conn:
        assert conn.execute("SELECT question, option FROM doc_labels WHERE posting_id = ?",
                            (win.pid,)).fetchall() == [("urgent", "hot")]


def test_a_shortcut_that_gave_way_is_kept_by_the_shortcut_editor_s_ok(
        project: Path, open_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QDialogButtonBox

    settings = _flag_on_a_label_key(project, tmp_path)
    win = open_window(project, settings)
    win.action_table.edit_shortcuts()  # OK with nothing changed: Flag is still the person's
    win.action_table.shortcut_dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert settings.value("shortcuts/flag") == "Alt+Shift+1"
    assert win.action_table.shortcut("flag") == ""  # (and still gives way here)


def test_shortcuts_chosen_in_a_window_without_settings_stay_when_the_schema_changes(
        project: Path, open_window) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QDialogButtonBox

    win = open_window(project)  # (no settings: a window embedded elsewhere, a test)
    win.action_table.edit_shortcuts()
    dialog = win.action_table.shortcut_dialog
    dialog.editors["search"].setKeySequence(QKeySequence("Ctrl+Shift+G"))
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    win.set_schema(win.schema)
    assert win.action_table.shortcut("search") == "Ctrl+Shift+G"


def test_a_window_closed_before_its_shortcut_note_is_said_is_quiet(
        project: Path, tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    import shiboken6

    settings = _flag_on_a_label_key(project, tmp_path)
    store = Store(project)
    win = ReviewWindow(store, settings)  # the note is said once the window is whole
    shiboken6.delete(win)  # ... which it never is: closed (a project switched) at once
    qtbot.wait(50)  # (the note said to a status bar that is gone raised in the event loop)
    store.close()


def test_an_option_past_the_keys_is_picked_in_the_labels_menu_and_by_its_button(
        project: Path, open_window) -> None:  # type: ignore[no-untyped-def]
    """Options past the keys there are (300 of one question: 74 keyless) are reached
    without the mouse as any option is: the Labels menu (Alt+L) holds an entry for each,
    and its button under Labels & comment is on the Tab walk; the import says this."""
    with Store(project) as store:
        schema = store.labels.schema()
        schema.insert(2, Question("topic", "multi", [Option(f"t{n}") for n in range(300)]))
        store.labels.save_schema(schema)
    win = open_window(project)
    keyless = [o.name for q in win.schema for o in q.options if not o.key]
    assert len(keyless) == 74 and keyless[-1] == "t299"
    entry = next(a for a in win.action_table.label_actions
                 if unmarked(a.text()) == "topic: t299")
    assert entry in win.action_table.labels_menu.actions() and entry.shortcut().isEmpty()
    assert win.action_table.labels_menu.title() == "&Labels"
    entry.trigger()
    assert win.store.records.get(win.pid)["labels"]["topic"] == ["t299"]  # type: ignore[arg-type]
    button = win.labels.buttons[("topic", "t299")]
    assert button.isChecked() and button.focusPolicy() & Qt.FocusPolicy.TabFocus


@pytest.mark.parametrize("key", ["Ctrl+Enter", "Ctrl+Return"])
def test_a_span_label_on_either_enter_takes_both_from_accept(project: Path, open_window,
                                                             qtbot, key: str) -> None:  # type: ignore[no-untyped-def]
    """SKILL's key Ctrl+Enter (given by ``reviewer labels --import``): the window said
    Accept all had no key here, but the main Enter still accepted the posting and went
    on; only the keypad's Enter labelled. Either Enter is now the label's, and Accept
    has neither."""
    from PySide6.QtGui import QTextCursor

    with Store(project) as store:
        schema = store.labels.schema()
        next(q for q in schema if q.kind == "span").options[0].key = key
        store.labels.save_schema(schema)
    win = open_window(project)
    first = win.pid
    message = win.statusBar().currentMessage()
    assert f"{key} is the key of Label the selection SKILL" in message, message
    assert win.action_table.by_id["accept_next"].shortcuts() == []
    for word, pressed in (("Kafka", Qt.Key.Key_Return), ("Kubernetes", Qt.Key.Key_Enter)):
        cursor = win.document.document().find(word, QTextCursor(win.document.document()))
        win.document.setTextCursor(cursor)
        keypad = Qt.KeyboardModifier.KeypadModifier if pressed == Qt.Key.Key_Enter \
            else Qt.KeyboardModifier.NoModifier
        qtbot.keyClick(win.document, pressed, CTRL | keypad)
    posting = win.store.records.get(first)
    assert win.pid == first and posting["status"] != "reviewed"  # type: ignore[index]
    assert sorted((posting["cleaned"][s["start"]:s["end"]], s["label"])  # type: ignore[index]
                  for s in posting["spans"] if s["origin"] == "human") == [  # type: ignore[index]
        ("Kafka", "SKILL"), ("Kubernetes", "SKILL")]


def test_the_schema_dialog_refuses_the_keypad_twin_of_an_action_s_key(
        project: Path, open_window) -> None:  # type: ignore[no-untyped-def]
    """Ctrl+Return for a label was refused (Accept's key), Ctrl+Enter, which Accept
    answers to as well, was taken."""
    win = open_window(project)
    win.edit_schema()
    dialog = win.schema_dialog
    dialog.list.setCurrentRow(2)  # the span labels
    dialog.table.item(0, 2).setText("Ctrl+Enter")  # SKILL's
    dialog.save()
    assert not dialog.result() and "Accept all" in dialog.problem.text(), \
        dialog.problem.text()
    dialog.reject()
    dialog.reject()
