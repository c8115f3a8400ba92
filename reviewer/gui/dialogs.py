"""The window's dialogs: exporting the dataset, remapping the shortcuts and listing them."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QKeySequenceEdit,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyle,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from reviewer.core.export import EXTENSIONS, is_project_file
from reviewer.gui.plain import name_shown, plain_label
from reviewer.gui.screen_fit import Scrolled, fit_to_screen, free_area, room
from reviewer.gui.theme import show_as_problem

FORMAT_NAMES = {
    "jsonl": "JSONL: every field, decision, span and label (imports back)",
    "csv": "CSV: one row a posting, lists as JSON arrays",
    "hf": "Hugging Face datasets folder (JSONL and a dataset card)",
    "prodigy": "Prodigy JSONL: text, spans, answer",
    "labelstudio": "Label Studio tasks (JSON)",
    "spacy": "spaCy DocBin of the spans",
    "conll": "CoNLL-2003 token tags (BIO)",
    "doccano": "doccano JSONL: text and span triples",
    "argilla": "Argilla records (JSONL)",
    "jsonld": "schema.org JobPosting JSON-LD",
}


def default_export_path(project: Path, fmt: str) -> Path:
    """Where an export goes unless the user says otherwise: beside the project, named
    after it: ``jobs.jsonl``, ``jobs.csv``, ``jobs.spacy`` where the extension names the
    format, ``jobs-labelstudio.json``, ``jobs-prodigy.jsonl`` where it does not, the
    folder ``jobs-dataset`` for Hugging Face. Never the project file itself."""
    stem = project.stem or "export"
    if fmt == "hf":
        return project.with_name(f"{stem}-dataset")
    extension = EXTENSIONS[fmt]
    path = project.with_name(f"{stem}.{extension}" if extension == fmt
                             else f"{stem}-{fmt}.{extension}")
    return path if path != project else project.with_name(f"{stem}-export.{extension}")


def path_for_format(path: Path, was: str, fmt: str) -> Path:
    """A path chosen for format ``was`` as one for ``fmt``: its extension changed where it
    was the old format's (a dataset folder, ``hf``, has none); otherwise as it is."""
    old, new = ("" if f == "hf" else "." + EXTENSIONS[f] for f in (was, fmt))
    if not path.name or path.suffix.lower() != old or path.name.startswith("."):
        return path
    return path.with_suffix(new)


class ExportDialog(QDialog):
    """Format, which postings, and where: the choices of ``reviewer export``."""

    def __init__(self, parent: QWidget, project: Path, reviewed: int, total: int) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export the dataset")
        self.project, self.reviewed, self.total = project, reviewed, total
        self._replace: Path | None = None  # an existing file the user agreed to replace
        self.format_choice = QComboBox()
        for fmt, text in FORMAT_NAMES.items():
            self.format_choice.addItem(text, fmt)
        self.reviewed_only = QCheckBox(f"Only reviewed postings ({reviewed:,} of {total:,})")
        self.reviewed_only.setChecked(reviewed > 0)
        self.output = QLineEdit()
        self.output.setMinimumWidth(380)
        browse = QPushButton("Browse…")
        browse.clicked.connect(self._browse)
        where = QHBoxLayout()
        where.addWidget(self.output, 1)
        where.addWidget(browse)
        self.problem = plain_label()  # it names files, folders and keys
        show_as_problem(self.problem)
        self.problem.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Format", self.format_choice)
        form.addRow("", self.reviewed_only)
        form.addRow("Write to", where)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok |
                                   QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Export")
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addLayout(form)
        column.addWidget(self.problem)
        column.addWidget(buttons)
        self._fmt_was = self.fmt
        self.format_choice.currentIndexChanged.connect(lambda _i: self._format_changed())
        for changed in (self.output.textChanged, self.reviewed_only.toggled):
            changed.connect(lambda _v: self.problem.clear())  # (said of the choice before)
        self.output.setText(str(self._default_path()))

    @property
    def fmt(self) -> str:
        return str(self.format_choice.currentData())

    def _default_path(self) -> Path:
        return default_export_path(self.project, self.fmt)

    def _format_changed(self) -> None:
        """The path follows the format: the old format's default name becomes the new
        one's; a path typed or browsed for stays, its extension changed where it was the
        old format's. A file agreed to be replaced is asked about again."""
        was, self._fmt_was = self._fmt_was, self.fmt
        self._replace = None
        text = self.output.text().strip()
        if not text or Path(text) == default_export_path(self.project, was):
            self.output.setText(str(self._default_path()))
        else:
            self.output.setText(str(path_for_format(Path(text), was, self.fmt)))
        self.problem.clear()

    def _browse(self) -> None:
        if self.fmt == "hf":  # the dataset gets a folder of its own inside the one chosen
            chosen = QFileDialog.getExistingDirectory(self, "Where to put the dataset folder",
                                                      str(self.project.parent))
            if chosen:
                self.output.setText(str(Path(chosen) / self._default_path().name))
        else:
            chosen, _ = QFileDialog.getSaveFileName(self, "Export to", self.output.text())
            if chosen:
                self.output.setText(chosen)
                self._replace = Path(chosen).expanduser()  # the file dialog asked already

    def _accept(self) -> None:
        text = self.output.text().strip()
        path = Path(text).expanduser()
        try:
            self._check(text, path)
        except OSError as err:  # a name too long for the file system, a folder not read
            self.problem.setText(f"Cannot write to {name_shown(path.name)}: "
                                 f"{err.strerror or err}.")

    def _check(self, text: str, path: Path) -> None:
        name = name_shown(path.name)
        count = self.reviewed if self.reviewed_only.isChecked() else self.total
        if self.total == 0:
            self.problem.setText("The project has no postings yet: import some first.")
        elif count == 0:
            self.problem.setText("Nothing to export: no posting is reviewed yet. Review some, "
                                 "or untick “Only reviewed postings”.")
        elif not text:
            self.problem.setText("Say where to write the export.")
        elif not path.parent.is_dir():
            self.problem.setText(f"The folder {name_shown(path.parent)} does not exist.")
        elif is_project_file(path):
            self.problem.setText(f"{name} is a project file: an export never replaces "
                                 "one. Choose another name.")
        elif self.fmt == "hf" and path.is_file():
            self.problem.setText(f"{name} is a file; the dataset needs a folder.")
        elif self.fmt == "hf" and path.is_dir() and any(path.iterdir()):
            self.problem.setText(f"{name} has files in it; give the name of a new (or "
                                 "empty) folder for the dataset.")
        elif self.fmt != "hf" and path.is_dir():
            self.problem.setText(f"{name_shown(text)} is a folder; give a file name.")
        elif path.exists() and not path.is_file() and not path.is_dir():
            self.problem.setText(f"{name} is not a file (a device, a pipe or a socket): "
                                 "an export writes only files. Choose another name.")
        elif self.fmt != "hf" and path.exists() and self._replace != path:
            self._replace = path
            self.problem.setText(f"{name} exists. Press Export again to replace it.")
        else:
            self.accept()

    def choice(self) -> tuple[str, Path, bool]:
        return self.fmt, Path(self.output.text().strip()).expanduser(), \
            self.reviewed_only.isChecked()


_MODIFIER_KEYS = (Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_Meta,
                  Qt.Key.Key_AltGr)


class ShortcutDialog(QDialog):
    """One key editor an action; a key used twice cannot be saved."""

    def __init__(self, parent: QWidget, actions: list[tuple[str, str, str, str]],
                 reserved: dict[str, str]) -> None:
        """``actions``: (id, text, current shortcut, default shortcut), portable text;
        ``reserved``: keys taken by what is not remapped here, and what takes them."""
        super().__init__(parent)
        self.reserved = reserved
        self.setWindowTitle("Keyboard shortcuts")
        self.defaults = {key: default for key, _text, _now, default in actions}
        self.texts = {key: text for key, text, _now, _default in actions}
        self.editors: dict[str, QKeySequenceEdit] = {}
        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        for row, (key, text, current, default) in enumerate(actions):
            editor = QKeySequenceEdit(QKeySequence(current))
            editor.setObjectName(key)
            editor.setMaximumSequenceLength(1)
            editor.setClearButtonEnabled(True)
            editor.keySequenceChanged.connect(lambda _seq: self._check())
            editor.setAccessibleName(text)
            editor.installEventFilter(self)  # Esc, Enter, Shift+Tab: never a key
            reset = QPushButton("Default")
            reset.setToolTip(f"Back to {default or 'no shortcut'}")
            reset.setAccessibleName(f"{text}: back to {default or 'no shortcut'}")
            reset.clicked.connect(lambda _c=False, e=editor, d=default: e.setKeySequence(
                QKeySequence(d)))
            clear = QPushButton("None")  # (the editor's own clear button takes a click;
            clear.setToolTip("No shortcut")  # a key pressed in it is taken as the key)
            clear.setAccessibleName(f"{text}: no shortcut")
            clear.clicked.connect(lambda _c=False, e=editor: e.clear())
            grid.addWidget(QLabel(text), row, 0)
            grid.addWidget(editor, row, 1)
            grid.addWidget(reset, row, 2)
            grid.addWidget(clear, row, 3)
            self.editors[key] = editor
        self.problem = plain_label()  # it names files, folders and keys
        show_as_problem(self.problem)
        self.problem.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok |
                                        QDialogButtonBox.StandardButton.Cancel |
                                        QDialogButtonBox.StandardButton.RestoreDefaults)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults).clicked.connect(
            self._restore_defaults)
        column = QVBoxLayout(self)
        hint = QLabel("Click a shortcut and press the new keys (Enter saves, Esc cancels). "
                      "While you type in a field, keys that edit text (Ctrl+Left, Ctrl+Right …) "
                      "edit it.")
        hint.setWordWrap(True)  # (on one line, a large font made the dialog wider than a screen)
        column.addWidget(hint)
        rows = QWidget()
        rows.setLayout(grid)
        margins = column.contentsMargins()  # the rows scroll: the dialog fits the screen
        sides = margins.left() + margins.right() + self.style().pixelMetric(
            QStyle.PixelMetric.PM_ScrollBarExtent)
        natural = rows.sizeHint().width() + sides  # each name on one line
        names = rows.findChildren(QLabel)
        left = room(self).width() - sides - natural + max(n.sizeHint().width() for n in names)
        for name in names:  # a name on two lines where the screen is narrower
            name.setMinimumWidth(min(name.sizeHint().width(), left))
            name.setWordWrap(True)
        column.addWidget(Scrolled(rows, room(self).width() - sides), 1)
        column.addWidget(self.problem)
        column.addWidget(self.buttons)
        fit_to_screen(self, max(natural, self.sizeHint().width()),
                      rows.sizeHint().height() + 160)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """In a key box, Esc cancels the dialog and Enter confirms it (as OK does, when
        it may), as in any other box, and Shift+Tab goes back as Tab goes on: a key
        editor took each as the action's key (Esc clashing with "Back to the document",
        whose key it is; Shift+Tab taken again at each press, the focus never left).
        Shift, Ctrl, Alt or Meta pressed alone is no key yet: the editor emptied the box
        at it, and a key let go with no other left the action with none."""
        if watched not in self.editors.values() or event.type() != QEvent.Type.KeyPress \
                or not isinstance(event, QKeyEvent):
            return super().eventFilter(watched, event)
        key = event.key()
        held = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if key in _MODIFIER_KEYS:
            pass
        elif key == Qt.Key.Key_Escape and not held:
            self.reject()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not held:
            if self.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled():
                self.accept()
        elif key == Qt.Key.Key_Backtab or (key == Qt.Key.Key_Tab and
                                            held & Qt.KeyboardModifier.ShiftModifier):
            self.focusPreviousChild()
        else:
            return super().eventFilter(watched, event)
        return True

    def _restore_defaults(self) -> None:
        for key, editor in self.editors.items():
            editor.setKeySequence(QKeySequence(self.defaults[key]))

    def sequences(self) -> dict[str, str]:
        return {key: editor.keySequence().toString()
                for key, editor in self.editors.items()}

    def _check(self) -> None:
        from reviewer.gui.actions import keypad_twin, typing_shortcut

        # each key an action answers to: its own, and the keypad's twin of one on Return
        keys = [(key, k) for key, seq in self.sequences().items() if seq
                for k in (seq, keypad_twin(seq)) if k]
        used = Counter(k for _key, k in keys)
        twice = [s for s, n in used.items() if n > 1 or s in self.reserved]
        typing = [(key, seq, does) for key, seq in self.sequences().items()
                  if seq and (does := typing_shortcut(seq))]
        clashing = {key for key, k in keys if twice and k == twice[0]}
        for key, editor in self.editors.items():  # the rows that share the key, marked
            if bool(editor.property("problem")) != (key in clashing):
                show_as_problem(editor, key in clashing)
        if twice:
            names = [self.texts[key] for key, k in keys if k == twice[0]]
            if twice[0] in self.reserved:
                names.append(self.reserved[twice[0]])
            said = "; ".join(names)
            self.problem.setText(f"{twice[0]} is given to more than one action: {said}"
                                 + ("" if said.endswith(("…", ".")) else "."))
        elif typing:  # (a key an action has by default, Esc, is no typing key here)
            key, seq, does = typing[0]
            self.problem.setText(f"{seq} {does} in a text box: give {self.texts[key]} a key "
                                 "with Ctrl, Alt or Meta, or a function key (F5).")
        else:
            self.problem.clear()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(
            not (twice or typing))

    def overrides(self) -> dict[str, str]:
        """The shortcuts that differ from the defaults."""
        return {key: seq for key, seq in self.sequences().items()
                if seq != QKeySequence(self.defaults[key]).toString()}


class HelpDialog(QDialog):
    """The shortcut list: it scrolls, and it is never taller than the screen."""

    def __init__(self, parent: QWidget, html: str) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        self._html = html
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.browser.setHtml(html)  # every text from the project in it is escaped
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        area = free_area(parent)
        document = self.browser.document()
        document.setTextWidth(min(720, area.width() * 0.8) if area is not None else 720)
        fit_to_screen(self, int(document.idealWidth()) + 60, int(document.size().height()) + 90)

    def text(self) -> str:
        """The list as rich text (what the browser shows)."""
        return self._html
