"""The checks of names and keys a person gives a label schema now (the schema dialog,
``reviewer labels --import``), beyond what any stored schema must be (``labels.check``):
its size (``labels.too_large``), names that look alike or hold a character no one sees,
keys that type, edit or belong to the window. A schema saved before keeps its names and
keys, and is copied as it is (a split, a merge)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

from reviewer.core.labels import CHORD_KEY, Question, normal_key, strokes, too_large

# what Ctrl and a key do in every text box of the window: select all, copy, cut, paste, undo
_EDITING_KEYS = frozenset(f"Ctrl+{k}" for k in ("A", "C", "V", "X", "Z", "Y", "Shift+Z",
                                                "Backspace", "Delete", "Left", "Right",
                                                "Home", "End", "Tab", "Shift+Tab"))


def _no_larger(questions: Sequence[Question], before: Sequence[Question]) -> bool:
    """Whether a schema has no more questions nor options than ``before``: a project
    that holds one past the limits (made elsewhere) may keep it, or make it smaller."""
    return len(questions) <= len(before) and \
        sum(len(q.options) for q in questions) <= sum(len(q.options) for q in before)


def check_given(questions: Sequence[Question], before: Sequence[Question] = ()) -> None:
    """ValueError, saying which, for a name or a key a person may not give now (the
    schema dialog, ``reviewer labels --import``); names and keys ``before`` held pass
    (not part of ``check``: a project whose schema was saved before keeps it, and is
    copied with it). A schema past the limits (``too_large``) is refused, but where it
    is no larger than ``before``. A name may not look like another of its kind
    (``_same``: "café" composed or not, "yes" and "yes" with a joiner) where they stand
    side by side (``_side_by_side``: a span label beside those of every span question),
    but two that ``before`` held side by side there; nor hold a character that cannot be seen
    (``_check_seen``). A key's first stroke may not type, move or edit in the window: it
    holds Ctrl, Alt or Meta, or is a function key (F5), and is none of the editing keys."""
    if (why := too_large(questions)) is not None and not _no_larger(questions, before):
        raise ValueError(f"the label schema is too large: {why}")
    old_names = {q.name for q in before} | {o.name for q in before for o in q.options}
    old_keys = {o.key for q in before for o in q.options}
    held = {(what, frozenset(pair)) for names, what in _side_by_side(before)  # (where)
            for pair in _alike_pairs(names)}
    for question in questions:
        for name, kind in [(question.name, "question"),
                           *((o.name, "option") for o in question.options)]:
            if name not in old_names:
                _check_seen(name, kind)
        for option in question.options:
            if option.key and option.key not in old_keys:
                _check_first_stroke(normal_key(option.key), option.name)
    for names, what in _side_by_side(questions):
        new = [pair for pair in _alike_pairs(names) if (what, frozenset(pair)) not in held]
        if new:
            raise ValueError(what.format(*map(repr, new[0])))


def _side_by_side(questions: Sequence[Question]) -> list[tuple[list[str], str]]:
    """The names that must not look alike, each group with what to say of two of them
    (a format of their names): the questions' names, the options of each document
    question, and the span labels of all span questions together (spans are stored by
    their label alone: one name space)."""
    spans = [o.name for q in questions if q.kind == "span" for o in q.options]
    return [([q.name for q in questions], "questions {} and {} look the same"),
            *((q.option_names(), f"question {_braced(q.name)}: options {{}} and {{}} look "
               "the same") for q in questions if q.kind != "span"),
            (spans, "span labels {} and {} look the same (the labels of all span questions "
             "are one set)")]


def _braced(name: str) -> str:
    """``name`` quoted, its braces doubled to stand in a format as written."""
    return repr(name).replace("{", "{{").replace("}", "}}")


def _alike_pairs(names: list[str]) -> list[tuple[str, str]]:
    """Each two of ``names`` that look the same (``_same``), in their order. A schema
    saved before keeps the pairs it held side by side; a name it held elsewhere is not
    let beside its look-alike (added to another question, then moved)."""
    seen: dict[str, list[str]] = {}
    for name in names:
        seen.setdefault(_same(name), []).append(name)
    return [(a, b) for group in seen.values() for n, a in enumerate(group)
            for b in group[n + 1:] if a != b]


_QT_EDITING = frozenset(("Ctrl+Del",))  # delete a word, as Qt spells it


def typing_key(key: str) -> str | None:
    """What the first stroke of ``key`` (normal form) does in the window's text boxes,
    "types or moves" or "selects, copies, pastes or undoes"; None: nothing, it holds
    Ctrl, Alt or Meta (none of the editing keys) or is a function key (F5)."""
    first = strokes(key)[0]
    *mods, name = first.split("+") if not first.endswith("++") else [*first[:-2].split("+"), "+"]
    if not {"Ctrl", "Alt", "Meta"} & set(mods) and not re.fullmatch(r"F\d{1,2}", name):
        return "types or moves"
    if "+".join([*mods, _QT_NAMES.get(name.lower(), name)]) in _EDITING_KEYS | _QT_EDITING:
        return "selects, copies, pastes or undoes"
    return None


# the names of keys besides one character (a letter, a digit, a sign), as Qt spells them
# (compared in lower case, as Qt reads them; "Delete" is Qt's "Del" …: ``_QT_NAMES``)
_KEY_NAMES = frozenset(name.lower() for name in (
    "Space Esc Tab Backtab Backspace Return Enter Ins Del Pause Print SysReq Home End "
    "Left Up Right Down PgUp PgDown Menu Help CapsLock NumLock ScrollLock").split()) | {
    f"f{n}" for n in range(1, 36)}
_QT_NAMES = {"delete": "Del", "insert": "Ins", "escape": "Esc"}
# keys the window holds for itself, which no label may take as its first stroke
_WINDOW_KEYS = {"F1": "the help", "Ctrl+Q": "Quit", CHORD_KEY: "the label chords' first key",
                **{f"Ctrl+Alt+{n}": f"taking reviewer {n}'s value" for n in range(1, 10)}}


def _check_window_key(key: str, option: str) -> None:
    """ValueError for a key the window cannot bind (a name it does not know) or holds for
    itself (the help, a field or a menu: Alt and a letter …)."""
    parts = strokes(key)
    for stroke in parts:
        name = stroke[-1] if stroke.endswith("++") else stroke.rsplit("+", 1)[-1]
        if len(name) != 1 and _QT_NAMES.get(name.lower(), name).lower() not in _KEY_NAMES:
            raise ValueError(f"“{key}” ({option!r}) is not a key this window knows: write it "
                             "as Alt+1 or Ctrl+L, 5")
    first = parts[0]
    held = _WINDOW_KEYS.get(first) if first != CHORD_KEY or len(parts) == 1 else None
    if held is None and re.fullmatch(r"Alt\+[A-Z]", first):
        held = "a field or a menu"
    if held is not None:
        raise ValueError(f"{key} ({option!r}) is the window's own key for {held}: choose "
                         "another")


def _check_first_stroke(key: str, option: str) -> None:
    _check_window_key(key, option)
    does = typing_key(key)
    if does == "types or moves":
        raise ValueError(f"{key} ({option!r}) types or moves in the window: a label key holds "
                         "Ctrl, Alt or Meta (Alt+1, Ctrl+L, 5), or is a function key (F5)")
    if does is not None:
        raise ValueError(f"{key} ({option!r}) selects, copies, pastes or undoes in every text "
                         "box: choose another")


def _same(name: str) -> str:
    """A name as it looks: two that look the same (one letter composed, the other a
    letter and its accent; "full_time" and "Full time", as the window writes them; one
    with a character drawn as nothing, ``_UNSEEN``) are one."""
    flags = {at for m in _FLAG.finditer(name) for at in range(m.start(), m.end())}
    drawn = "".join(c for at, c in enumerate(name) if at in flags or (
        not _UNSEEN.match(c) and unicodedata.category(c) != "Cf"))  # (a flag's tags: seen)
    return " ".join(unicodedata.normalize("NFC", drawn).replace("_", " ").casefold().split())


# joiners that words (Persian's U+200C) and emoji (U+200D) are written with: seen in them,
# between two characters
_JOINERS = frozenset("\u200c\u200d")
# variation selectors: the character before them drawn as text or as an emoji ("❤️")
_SELECTORS = re.compile("[\u180b-\u180d\u180f\ufe00-\ufe0f\U000e0100-\U000e01ef]")
# letters drawn as nothing: Hangul fillers, the Braille blank
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")
# what Unicode says a font draws as nothing (Default_Ignorable_Code_Point): format
# characters, and marks and letters that are not, as the combining grapheme joiner
_UNSEEN = re.compile("[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f"
                     "\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f"
                     "\ufeff\uffa0\ufff0-\ufff8\U0001bca0-\U0001bca3"
                     "\U0001d173-\U0001d17a\U000e0000-\U000e0fff]")


# a flag of a region (England's, Scotland's): a black flag, tags that name it, a tag's end
_FLAG = re.compile("\U0001f3f4[\U000e0020-\U000e007e]+\U000e007f")


def _hidden(name: str, at: int) -> bool:
    """Whether the character at ``at`` cannot be seen: a control or a format character,
    one Unicode draws as nothing, a line separator; but a joiner between two characters,
    and a variation selector after one, which change how those are drawn."""
    char = name[at]
    if char in _JOINERS:
        return at == 0 or at == len(name) - 1
    if _SELECTORS.match(char):
        return at == 0
    if "\U000e0020" <= char <= "\U000e007f":  # a tag: a part of a flag (🏴 and its tags)
        return not any(m.start() <= at < m.end() for m in _FLAG.finditer(name))
    return char in _BLANK_LETTERS or bool(_UNSEEN.match(char)) or unicodedata.category(
        char) in ("Cc", "Cf", "Zl", "Zp")


def _check_seen(name: str, kind: str) -> None:
    """ValueError when ``name`` holds a character that cannot be seen (``_hidden``: a
    zero-width space, a line separator, a control character, a direction mark, a
    combining grapheme joiner): two names would look the same."""
    hidden = next((c for at, c in enumerate(name) if _hidden(name, at)), None)
    if hidden is not None:
        raise ValueError(f"{kind} {name!r} holds a character that cannot be seen "
                         f"(U+{ord(hidden):04X}): write the name without it")


def keyless(questions: Iterable[Question]) -> int:
    """How many options have no key: the keys ran out (``labels.key_pool``: 236 of one
    kind)."""
    return sum(not option.key for question in questions for option in question.options)


def keyless_note(count: int) -> str:
    """What to tell of ``count`` options with no key, and where they are picked."""
    one = count == 1
    return (f"{count:,} option{' has' if one else 's have'} no key (the keys ran out): pick "
            f"{'it' if one else 'them'} in the Labels menu (Alt+L) or by "
            f"{'its button' if one else 'their buttons'} under Labels & comment")
