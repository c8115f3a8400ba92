"""The window's actions as data: one table from which the menu bar, the shortcuts,
the shortcut editor and the help are built.

Each row: id, text ("&" before the letter that picks it in its open menu), default
shortcut, handler name (looked up in the handlers the window gives: this module knows
no window), menu. User overrides of the shortcuts live in ``QSettings``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QUndoStack
from PySide6.QtWidgets import QApplication, QMainWindow, QMenu

from reviewer.core.label_checks import typing_key
from reviewer.core.labels import CHORD_KEY, Question, normal_key
from reviewer.core.schema import FIELDS
from reviewer.gui import preferences
from reviewer.gui.dialogs import HelpDialog
from reviewer.gui.fields_panel import KEYS as FIELD_KEYS
from reviewer.gui.plain import access_letter, menu_text, name_shown, with_accelerators
from reviewer.gui.single_keys import KEYS as SINGLE_KEYS
from reviewer.gui.theme import THEMES, apply_theme
from reviewer.gui.undo_actions import AfterTyping

# id, text, default shortcut, handler, menu
ACTIONS: tuple[tuple[str, str, str, str, str], ...] = (
    ("open_project", "&Open a project…", "Ctrl+O", "open_project", "&File"),
    ("new_project", "&New project…", "Ctrl+N", "new_project", "&File"),
    ("import_files", "&Import files…", "Ctrl+I", "choose_import", "&File"),
    ("import_folder", "Import a &folder…", "Ctrl+Shift+I", "choose_import_folder", "&File"),
    ("reextract", "Clean and e&xtract every posting again…", "", "confirm_reextract", "&File"),
    ("export", "&Export the dataset…", "Ctrl+Shift+E", "choose_export", "&File"),
    ("merge", "&Merge reviewers' files…", "", "merge_files", "&File"),
    ("reviewer_name", "Re&viewer name…", "", "choose_reviewer", "&File"),
    ("close_project", "&Close the project", "Ctrl+W", "close_project", "&File"),
    ("accept_next", "&Accept all (fields, suggested spans), go to the next unreviewed",
     "Ctrl+Return", "accept_and_next", "&Review"),
    ("next", "&Next posting", "Ctrl+Right", "go_next", "&Review"),
    ("previous", "&Previous posting", "Ctrl+Left", "go_previous", "&Review"),
    ("skip", "&Skip", "Ctrl+Shift+S", "skip", "&Review"),
    ("flag", "&Flag", "Ctrl+Shift+F", "flag", "&Review"),
    ("edit_selected", "&Edit the selected postings…", "Ctrl+B", "edit_selected", "&Review"),
    ("search", "Searc&h", "Ctrl+F", "focus_search", "&Review"),
    ("put_selection", "P&ut the selection into the focused field", "Ctrl+E", "put_selection",
     "&Review"),
    ("to_document", "&Back to the document", "Esc", "focus_document", "&Review"),
    ("reject_field", "&Reject the focused field (the posting has no value)", "Ctrl+Shift+X",
     "reject_field", "&Review"),
    ("revert_field", "Re&vert the focused field to the machine's value", "Ctrl+Shift+R",
     "revert_field", "&Review"),
    ("learn", "&Learn from the reviewed postings…", "", "learn", "&Review"),
    ("learn_every", "Learn a&gain after every N reviews…", "", "choose_learn_every",
     "&Review"),
    ("edit_schema", "&Edit the label schema…", "", "edit_schema", "&Labels"),
    ("guidelines", "&Guidelines", "F2", "show_guidelines", "&Labels"),
    ("accept_spans", "&Accept the suggested spans", "Ctrl+Shift+A", "accept_spans", "&Labels"),
    ("reject_spans", "&Reject the suggested spans", "Ctrl+Shift+D", "reject_spans", "&Labels"),
    ("stats", "Project &statistics…", "Ctrl+Shift+T", "show_stats", "&View"),
    ("low_confidence", "&Highlight suggestions below a confidence…", "", "choose_threshold",
     "&View"),
    ("shortcuts", "&Change keyboard shortcuts…", "Ctrl+,", "edit_shortcuts", "&Help"),
    ("help", "&Keyboard shortcuts", "F1", "show_help", "&Help"),
)
HELP_KEY = "?"  # opens the help too, unless typing in a field
TAKE_KEYS = "Ctrl+Alt+1…9"  # take reviewer 1…9's value (``adjudication``)
TAKE_TEXT = ("Take reviewer 1…9's value for the focused field, where reviewers differ "
             "(the numbers are shown under the field)")
UNDO_KEYS = (("Undo", "Ctrl+Z"), ("Redo", "Ctrl+Shift+Z"))


def typing_shortcut(sequence: str) -> str | None:
    """What a shortcut's key (portable text) does in a text box (``labels.typing_key``):
    None for a key that does nothing there, or that an action of the window has by
    default (Esc, Ctrl+Left …). A keypad key is its key's twin ("Num+Enter": Enter)."""
    if sequence in _default_keys():
        return None
    key = sequence.replace("Num+", "", 1)
    try:
        return typing_key(normal_key(key))
    except ValueError:  # a name the label keys do not know ("+"): typed, unless held
        held = any(m in key for m in ("Ctrl+", "Alt+", "Meta+"))
        return None if held or not key else "types or moves"


@functools.cache
def _default_keys() -> frozenset[str]:
    """The keys the window's actions have by default, as portable text."""
    return frozenset(QKeySequence(default).toString() for _k, _t, default, _h, _m in ACTIONS)


def keypad_twin(sequence: str) -> str | None:
    """The other Enter of a key on one (portable text): the keypad's beside the main one
    ("Ctrl+Return": "Ctrl+Enter") and back. An action or a label answers to both, so
    that whichever has the key has it on either Enter."""
    for one, other in (("Return", "Enter"), ("Enter", "Return")):
        if sequence.endswith(one) and "Num+" not in sequence:
            return sequence.removesuffix(one) + other
    return None


def with_twin(sequence: str) -> list[QKeySequence]:
    """The key (none for "") and its other Enter, if any (``keypad_twin``)."""
    twin = keypad_twin(sequence)
    return [QKeySequence(k) for k in (sequence, twin) if k]


def fixed_keys() -> dict[str, str]:
    """Keys outside the action table, which no remapping may take: key → what. Alt and
    a letter opens a menu or goes to a field (``fields_panel.KEYS``)."""
    keys = {HELP_KEY: "Keyboard shortcuts", **{key: text for text, key in UNDO_KEYS},
            QKeySequence(QKeySequence.StandardKey.Quit).toString(): "Quit",
            CHORD_KEY: f"Label keys that begin with {CHORD_KEY}"}
    labels = {spec.name: spec.label for spec in FIELDS}
    keys.update({f"Ctrl+Alt+{n}": f"Take reviewer {n}'s value" for n in range(1, 10)})
    for letter in sorted(set(FIELD_KEYS.values())):
        names = " or ".join(labels[n] for n, key in FIELD_KEYS.items() if key == letter)
        keys[f"Alt+{letter}"] = f"Go to the field {names}"
    for menu in dict.fromkeys([*(row[4] for row in ACTIONS), "&Edit"]):
        keys[f"Alt+{menu[menu.index('&') + 1].upper()}"] = f"The {menu.replace('&', '')} menu"
    return {key: text for key, text in keys.items() if key}  # (some platforms: no Quit key)


def single_keys_taken() -> dict[str, str]:
    """The keys single-key mode gives their meaning in the document and the list: key →
    what (``single_keys.KEYS``)."""
    keys: dict[str, str] = {}
    for key, what in SINGLE_KEYS:
        for one in ([str(n) for n in range(1, 10)] if key == "1–9" else [key]):
            keys[QKeySequence(one).toString()] = f"Single-key mode: {what}"
    return keys


def unmarked(text: str) -> str:
    """A menu entry's text as it reads, its access key's "&" taken out ("&&" is an "&")."""
    return "&".join(part.replace("&", "") for part in text.split("&&"))


class WindowActions:
    """The window's menu bar and shortcuts, built from ``ACTIONS``."""

    def __init__(self, window: QMainWindow, handlers: Mapping[str, Callable[[], Any]],
                 undo_stack: QUndoStack, settings: QSettings | None) -> None:
        self.window = window
        self.settings = settings
        self.say = window.statusBar().showMessage  # a line for the status bar, for ms
        self.given_way: list[str] = []  # actions whose key a label of the project has
        self.by_id: dict[str, QAction] = {}
        self.label_actions: list[QAction] = []  # the label schema's options, with their keys
        self.span_label_actions: list[QAction] = []
        menus: dict[str, QMenu] = {}
        bar = window.menuBar()
        for key, text, _shortcut, handler, menu_name in ACTIONS:
            menu = menus.get(menu_name) or menus.setdefault(menu_name, bar.addMenu(menu_name))
            if key == "learn":
                menu.addSeparator()  # learning apart from the review's moves and edits
            action = QAction(text, window)
            action.setObjectName(key)
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(lambda _checked=False, h=handlers[handler]: h())
            menu.addAction(action)
            window.addAction(action)
            self.by_id[key] = action
            if key == "open_project":
                self.recent_menu = menu.addMenu("Open &recent")
            elif key == "close_project":
                menu.addAction("&Quit", QKeySequence.StandardKey.Quit).triggered.connect(
                    window.close)
        edit = QMenu("&Edit", window)
        for (text, shortcut), make in zip(UNDO_KEYS, (undo_stack.createUndoAction,
                                                      undo_stack.createRedoAction), strict=True):
            action: QAction = AfterTyping(
                handlers["finish_typing"], make(window, text), undo_stack,
                lambda said: window.statusBar().showMessage(said, 10000), redo=text == "Redo")
            action.setShortcut(QKeySequence(shortcut))
            edit.addAction(action)
            window.addAction(action)
        bar.insertMenu(menus["&Review"].menuAction(), edit)
        self.labels_menu, self.view_menu = menus["&Labels"], menus["&View"]
        colours = menus["&View"].addMenu("&Colours")
        self.theme_actions = QActionGroup(window)
        chosen = str(settings.value("theme", "system")) if settings else "system"
        for key, text in THEMES.items():
            action = colours.addAction(f"&{text}")  # (each its first letter)
            action.setCheckable(True)
            action.setChecked(key == chosen)
            action.setData(key)
            self.theme_actions.addAction(action)
        self.apply_shortcuts(preferences.shortcut_overrides(settings)
                             if settings is not None else {})

    def shortcut(self, key: str) -> str:
        """The action's shortcut now, as portable text ("" for none)."""
        return self.by_id[key].shortcut().toString()

    def apply_shortcuts(self, overrides: dict[str, str]) -> None:
        """The defaults, but where ``overrides`` (action id → keys) says otherwise (the
        person's choice, kept as ``overrides``)."""
        self.overrides = dict(overrides)
        for key, _text, default, _handler, _menu in ACTIONS:
            sequence = QKeySequence(overrides.get(key, default))
            if key in overrides and typing_shortcut(sequence.toString()):  # (kept from
                # before the editor refused such keys) its default, unless another has it
                sequence = QKeySequence(default if default not in overrides.values() else "")
            keys = with_twin(sequence.toString())  # (on Return: the keypad's Enter too)
            if key == "help":
                keys.append(QKeySequence(HELP_KEY))
            self.by_id[key].setShortcuts(keys)

    def edit_shortcuts(self) -> None:
        """The shortcut editor; the keys chosen are applied and kept in the settings."""
        from reviewer.gui.dialogs import ShortcutDialog

        rows, reserved = self.shortcut_rows()
        self.shortcut_dialog = ShortcutDialog(self.window, rows, reserved)
        self.shortcut_dialog.accepted.connect(self._shortcuts_chosen)
        self.shortcut_dialog.open()

    def _shortcuts_chosen(self) -> None:
        overrides, chosen = self.shortcut_dialog.overrides(), self.shortcut_dialog.sequences()
        for key in self.given_way:  # shown with no key, as it has none here: still theirs
            if not chosen.get(key) and key in self.overrides:
                overrides[key] = self.overrides[key]
            elif not chosen.get(key):
                overrides.pop(key, None)
        self.overrides = dict(overrides)
        self._give_way_to_labels()  # (which applies them)
        if self.settings is not None:
            preferences.save_shortcut_overrides(self.settings, overrides)
        self.say("Shortcuts saved.", 4000)

    def fill_recent(self, open_project: Callable[[Path], None]) -> None:
        """File → Open recent: the projects opened last, newest first."""
        menu = self.recent_menu
        menu.clear()
        recent = preferences.recent_projects(self.settings) if self.settings else []
        for number, path in enumerate(recent, 1):  # the first nine picked by their number
            access = f"&{number} " if number < 10 else ""
            menu.addAction(access + menu_text(name_shown(path.name))).triggered.connect(
                lambda _checked=False, p=path: open_project(p))
        if not recent:
            menu.addAction("(none yet)").setEnabled(False)

    def set_theme(self, choice: str) -> None:
        """Light, dark, or as the system says; kept in the settings."""
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, choice)
        if self.settings is not None:
            self.settings.setValue("theme", choice)

    def taken_keys(self) -> dict[str, str]:
        """Every key in use by an action (on either Enter) or held back (key → what it
        does)."""
        taken = {s.toString(): unmarked(t) for k, t, *_ in ACTIONS
                 for s in self.by_id[k].shortcuts() if s.toString() != HELP_KEY}
        taken.update(fixed_keys())
        return taken

    def shortcut_rows(self) -> tuple[list[tuple[str, str, str, str]], dict[str, str]]:
        """(id, text, key now, default key) of every action, and the keys no action may
        take (fixed ones and the label schema's)."""
        rows = [(key, unmarked(text), self.shortcut(key), default)
                for key, text, default, _handler, _menu in ACTIONS]
        reserved = fixed_keys()
        reserved.update(single_keys_taken())
        reserved.update({s.toString(): f"{unmarked(a.text())} (Labels → Edit the label "
                         "schema)" for a in self.label_actions for s in a.shortcuts()})
        return rows, reserved

    def set_label_actions(self, questions: list[Question],
                          label_span: Callable[[str], None],
                          toggle: Callable[[Question, str], None]) -> None:
        """An action a label option, with the option's key, in the Labels menu."""
        for action in self.label_actions:
            self.window.removeAction(action)
            action.deleteLater()
        self.label_actions, self.span_label_actions = [], []
        self.labels_menu.clear()
        fixed = ("edit_schema", "guidelines", "accept_spans", "reject_spans")
        self.labels_menu.addActions([self.by_id[key] for key in fixed[:2]])
        # each option's entry picked by a letter of its name, while the menu has letters
        names = iter(with_accelerators(
            [option.name for question in questions for option in question.options],
            filter(None, (access_letter(self.by_id[key].text()) for key in fixed))))
        for question in questions:
            # (a section's heading is drawn as written: no mnemonic to escape)
            self.labels_menu.addSection(question.name.replace("_", " "))
            for option in question.options:
                name = next(names)
                if question.kind == "span":
                    action = QAction(f"Label the selection {name}", self.window)
                    action.triggered.connect(
                        lambda _c=False, label=option.name: label_span(label))
                    self.span_label_actions.append(action)
                else:
                    action = QAction(f"{menu_text(question.name)}: {name}",
                                     self.window)
                    action.triggered.connect(lambda _c=False, q=question, o=option.name:
                                             toggle(q, o))
                action.setShortcuts(with_twin(QKeySequence(option.key).toString()))
                action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
                self.window.addAction(action)
                self.labels_menu.addAction(action)
                self.label_actions.append(action)
        self.labels_menu.addSeparator()
        self.labels_menu.addActions([self.by_id[key] for key in fixed[2:]])
        self._give_way_to_labels()

    def _give_way_to_labels(self) -> None:
        """A shortcut the person set (in another project, where its key was free) that is
        one of this project's label keys: two actions on one key do nothing, so the label
        keeps it here (on either Enter, ``keypad_twin``) and the action has none in this
        window (the settings keep it, and it is back once the schema no longer takes it).
        The CLI cannot know the person's keys: it lets a label take an action's."""
        self.apply_shortcuts(self.overrides)
        self.given_way = []
        labels = {s.toString(): a for a in self.label_actions for s in a.shortcuts()}
        said = []
        for key, text, *_rest in ACTIONS:
            action = self.by_id[key]
            taken = [s.toString() for s in action.shortcuts() if s.toString() in labels]
            if taken:
                action.setShortcuts([s for s in action.shortcuts()
                                     if s.toString() not in labels])
                self.given_way.append(key)
                label = labels[taken[0]]
                said.append(f"{label.shortcut().toString()} is the key of "
                            f"{unmarked(label.text())} in this project, so "
                            f"{unmarked(text)} has none here")
        if said:  # once the window is whole (its status bar's own line hidden under it)
            text = "; ".join(said) + " (Help → Change keyboard shortcuts)."
            QTimer.singleShot(0, self.window, lambda: self.say(text, 20000))

    def help_box(self) -> HelpDialog:
        """Every shortcut, from the one action table, as the user has set them.

        Rich text (a table); every piece of text in it is escaped: label names come
        from the project file."""
        def row(keys: str, text: str, where: str = "") -> str:
            where = f" <i>({escape(where)})</i>" if where else ""
            return f"<tr><td><b>{escape(keys)}</b></td><td>{escape(text)}{where}</td></tr>"

        rows = ""
        for key, text, _default, _handler, menu in ACTIONS:
            keys = self.shortcut(key) or "—"
            if key == "help":
                keys += f" or {HELP_KEY}"
            rows += row(QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)
                        if key != "help" else keys, unmarked(text), menu.strip("&"))
        for action in self.label_actions:  # the label schema's keys (Labels → Edit)
            if not action.shortcut().isEmpty():
                rows += row(action.shortcut().toString(
                    QKeySequence.SequenceFormat.NativeText), unmarked(action.text()), "Labels")
        rows += (row("Ctrl+Z / Ctrl+Shift+Z", "Undo / redo any edit") +
                 row("Tab / Shift+Tab", "Next / previous field") +
                 row(TAKE_KEYS, TAKE_TEXT, "Review") +
                 row("Alt + a field's underlined letter", "Go to that field (again: the "
                     "next with the same letter)") +
                 row("Alt + a menu's letter, then an entry's", "Open the menu, pick the entry") +
                 row("Shift+arrows, Ctrl+Shift+arrows", "Select text in the document "
                     "(by word with Ctrl)") +
                 row("A, X, Space, Backspace, 1–9", "In single-key mode (View): accept and "
                     "go on, reject, skip, undo, the first nine document options") +
                 row("Right-click", "Put the selection into any field, or label it") +
                 row("Click a span, or Menu key in it", "Relabel or delete it") +
                 row("Drop files", "Import them into this project"))
        return HelpDialog(self.window, f"<table cellpadding=3>{rows}</table>"
                                       "<p>Change them with Help → Change keyboard shortcuts.</p>")
