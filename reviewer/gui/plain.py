"""Untrusted text on screen: posting content, label names and file names.

Qt reads a label's, message box's or tooltip's text as rich text (HTML) when it
looks like HTML (``Qt::mightBeRichText``), and rich text loads what its ``<img>``
tags name, local files among them. Text that comes from a posting, a project file
or a file name is therefore shown through these helpers: labels and message boxes
in plain text format, tooltips escaped so that they show the text as it is (and a
screen reader is told the text, not the escaped markup).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from PySide6 import QtGui
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QMessageBox, QWidget

from reviewer.core.words import escaped_controls

# what a tooltip shows of a text, at most (a page's title may be a page): characters, lines
TIP_LONGEST, TIP_LINES = 1500, 30
# a run a tooltip cannot break (a no-break space is none of its breaks): one line of it
_NO_BREAK = re.compile(r"[^ \t\n]{100}(?=[^ \t\n])")


def plain_tip(text: str) -> str:
    """``text`` as a tooltip that shows it as it is: unchanged when Qt would take it
    for plain text anyway, else escaped into a paragraph of rich text. A long text
    shows its first ``TIP_LONGEST`` characters and ``TIP_LINES`` lines, and a long run of
    no space is broken into lines (by a zero-width space): a tooltip is never much wider
    or taller than a screen."""
    lines = text[:TIP_LONGEST].splitlines()  # (every line break: U+2028 one of them)
    if len(text) > TIP_LONGEST or len(lines) > TIP_LINES:
        text = "\n".join(text[:TIP_LONGEST - 1].splitlines()[:TIP_LINES]) + "…"
    if len(text) > 100:
        text = _NO_BREAK.sub(lambda run: run[0] + "\u200b", text)
    if not text or not QtGui.Qt.mightBeRichText(text):
        return text
    return QtGui.Qt.convertFromPlainText(text, Qt.WhiteSpaceMode.WhiteSpaceNormal)


def set_plain_tip(widget: QWidget, text: str) -> None:
    """Give ``widget`` the tooltip ``text`` as it is (``plain_tip``), and tell a screen
    reader the same text: Qt describes a widget by its tooltip, markup and all."""
    widget.setToolTip(plain_tip(text))
    widget.setAccessibleDescription(text)


def menu_text(text: str) -> str:
    """``text`` for a menu item as it is: its "&" shown, not a mnemonic (a section's
    heading is drawn as written, and takes the text as it is)."""
    return text.replace("&", "&&")


def with_accelerators(texts: list[str], taken: Iterable[str] = ()) -> list[str]:
    """Each text with an accelerator ("&") on a letter of its own, none of ``taken``
    (those of a menu's other entries: ``access_letter``): the first free letter of a
    word where it can, else another free letter; where none is free, one of an earlier
    text that can move to another of its letters (so that three texts of letters
    "tol", "other", "operations" each get one), else none. "&" in a text is kept as
    text."""
    used = {letter.casefold() for letter in taken}
    places = [_letter_places(text, used) for text in texts]
    holder: dict[str, int] = {}  # a letter given: to which text
    at: list[int | None] = [None] * len(texts)

    def moved(n: int, tried: set[str]) -> bool:
        """Text ``n`` given a letter no text holds, or one whose text can move."""
        for i in places[n]:
            letter = texts[n][i].casefold()
            if letter not in tried:
                tried.add(letter)
                if letter not in holder or moved(holder[letter], tried):
                    holder[letter], at[n] = n, i
                    return True
        return False

    for n, text in enumerate(texts):
        free = next((i for i in places[n] if text[i].casefold() not in holder), None)
        if free is not None:
            holder[text[free].casefold()], at[n] = n, free
        elif places[n]:
            moved(n, set())
    out = []
    for text, i in zip(texts, at, strict=True):
        escaped = text.replace("&", "&&")
        if i is not None:
            i += text[:i].count("&")  # (after escaping)
            escaped = escaped[:i] + "&" + escaped[i:]
        out.append(escaped)
    return out


def _letter_places(text: str, used: set[str]) -> list[int]:
    """Where each letter of ``text`` but ``used`` is (once a letter, case aside), the
    first letters of its words first."""
    starts = [i for i, ch in enumerate(text) if ch.isalnum() and (i == 0 or text[i - 1] == " ")]
    first: dict[str, int] = {}
    for i in starts + [i for i, ch in enumerate(text) if ch.isalnum()]:
        first.setdefault(text[i].casefold(), i)
    return [i for letter, i in first.items() if letter not in used]


def access_letter(text: str) -> str | None:
    """The access key of a menu entry's text (the letter after its one "&"; "&&" is an
    "&"), None where it has none."""
    at = text.replace("&&", "\0\0").find("&")
    return text[at + 1] if 0 <= at < len(text) - 1 else None


def sentence(text: str) -> str:
    """``text`` with a capital first letter, the rest as it is (``str.capitalize`` puts
    the rest in lower case: a name or value quoted in it would be misquoted)."""
    return text[:1].upper() + text[1:]


def name_shown(path: Path | str) -> str:
    """A file's name or path as the window shows it: each character that is not
    printable (a line break; a right-to-left override, which drew "rtl\u202eblog.db" as
    "rtlbd.golb") written as its escape, shown and never obeyed, as the command line
    prints it."""
    return escaped_controls(str(path))


def project_caption(path: Path, reviewer: str, title: bool = True) -> str:
    """How the window names its project: in its title ("Posting Reviewer — plan.db —
    ana") or its status bar ("Reviewer: ana · /home/ana/plan.db"), the file shown with
    its escapes (``name_shown``)."""
    if title:
        return title_text(f"Posting Reviewer — {name_shown(path.name)} — {reviewer}")
    return f"Reviewer: {reviewer} · {name_shown(path)}"


def title_text(text: str) -> str:
    """``text`` for a window's title as it is: its "[*]" shown, not the place of the
    modified mark (which Qt takes out of a title)."""
    return text.replace("[*]", "[*][*]")


def plain_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    """A label that shows its text as plain text, whatever it holds."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    return label


def message_box(icon: QMessageBox.Icon, title: str, text: str,
                buttons: QMessageBox.StandardButton, parent: QWidget | None) -> QMessageBox:
    """A message box whose text is plain text (set so before the text is)."""
    box = QMessageBox(icon, title, "", buttons, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(text)
    return box


SHORT = 60  # characters of one value on a line (a tooltip has it whole)


def value_text(value: Any, short: bool = True, words: bool = False) -> str:
    """A reviewer's field value (``{"state", "value", "spans"}``), a machine's value or a
    question's options on one line; "no value" for none or a rejection. ``words``: names
    (a choice, an option) with "_" for a space, shown with spaces."""
    if isinstance(value, dict) and "state" in value:
        value = None if value.get("state") == "rejected" else value.get("value")
    if value in (None, "", [], {}):
        return "no value"
    if isinstance(value, list):
        text = "; ".join(map(str, value))
    elif isinstance(value, dict):
        text = ", ".join(f"{k} {v}" for k, v in value.items() if v is not None)
    else:
        text = str(value)
    text = " ".join((text.replace("_", " ") if words else text).split())
    return text[:SHORT - 1] + "…" if short and len(text) > SHORT else text


def isolated(text: str) -> str:
    """``text`` between Unicode's first-strong isolate and its end (U+2068, U+2069)
    where it holds right-to-left letters: items of Hebrew or Arabic joined by commas
    were one right-to-left run, the last item read first and a number starting one
    ("5+") stuck to the next. Left-to-right text is left as it is."""
    if any(unicodedata.bidirectional(c) in ("R", "AL") for c in text):
        return f"\u2068{text}\u2069"
    return text


def show_start(line: QLineEdit, text: str) -> None:
    """Set a line edit's text with its start in view (a long value shows "Senior Ba…",
    not "…nior Backend Engineer")."""
    line.setText(text)
    line.setCursorPosition(0)


__all__ = ["isolated", "message_box", "name_shown", "plain_label", "plain_tip", "set_plain_tip",
           "show_start"]
