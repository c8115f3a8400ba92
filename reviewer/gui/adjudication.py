"""Adjudication: where the reviewers whose files were merged differ, the window shows
each one's value beside the machine's, and one key takes a reviewer's value.

A posting with reviewers' values (``store.reviews.of``) shows, under each field on
which they differ, a line "① ana: Data Engineer (= machine) · ② ben: Senior Data
Engineer", and under each label question they answered differently their
answers; a line above the fields says what is left to decide and which key is whose.
Ctrl+Alt+1…9 takes reviewer 1…9's value (numbered by name, per posting) for the focused
field (or, when the focus is on none of them, the first field still undecided) through
``store.reviews.adjudicate``: one undoable edit, stored as "adjudicated" with the
adjudicator's name. A value typed into such a field is adjudicated too (the flow asks
``disputed``), and a question is answered with its options' keys as always. After every
edit of such a posting (and its undo) the store has worked its disagreement mark out
again (``Postings.refresh``), so that it leaves the "Reviewers disagree" list when
nothing differs, and comes back with an undo: the pane shows it again.

Every value shown comes from a project file: plain text only.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import QLabel, QWidget

from reviewer.core.schema import FIELDS
from reviewer.core.store import Change, DatabaseError, reviewers_differ, same_review
from reviewer.gui.fields_panel import FieldsPanel
from reviewer.gui.labels_panel import LabelsPanel
from reviewer.gui.plain import plain_label, set_plain_tip, value_text
from reviewer.gui.review_flow import ReviewFlow
from reviewer.gui.reviewer_spans import spans_line, spans_of, spans_text

# + a reviewer's number, 1 to 9 (Alt+digits and Alt+Shift+digits answer label questions,
# Ctrl+digits and Ctrl+Shift+digits label spans); on only while the posting has reviewers'
# values (on some Windows layouts AltGr, which types a character, is Ctrl+Alt)
KEY = "Ctrl+Alt+{}"
NUMBERS = "①②③④⑤⑥⑦⑧⑨"
_LABELS = {spec.name: spec.label for spec in FIELDS}
_CHOICES = {spec.name for spec in FIELDS if spec.kind == "enum"}
OPEN_STYLE = ("QLabel { background: rgba(255, 170, 0, 0.20); border-left: 3px solid "
              "rgba(230, 140, 0, 0.9); padding: 1px 4px; }")
DONE_STYLE = "QLabel { border-left: 3px solid rgba(128, 128, 128, 0.5); padding: 1px 4px; }"

Reviews = dict[str, dict[tuple[str, str], Any]]
# what reviewers decide of a posting as a whole: kind, its line's name, how it is named
POSTING_WIDE = (("status", "Status", "the status"), ("comment", "Comment", "the comment"),
                ("spans", "Span labels", "the span labels"))


def differing(reviews: Reviews, kind: str, key: str) -> list[tuple[int, str, Any]]:
    """(number, reviewer, value) of each reviewer who gave ``kind``/``key``, numbered in
    the order of all the posting's reviewers; empty unless two of them differ."""
    given = [(n, name, by_key[(kind, key)]) for n, (name, by_key) in
             enumerate(sorted(reviews.items()), 1) if (kind, key) in by_key]
    return given if reviewers_differ([v for _n, _name, v in given], kind) else []


def line(given: list[tuple[int, str, Any]], machine: Any = None, with_machine: bool = False,
         short: bool = True, words: bool = False, kind: str = "field") -> str:
    """The reviewers' values on one line, those who gave the same value together (as
    values of ``kind`` are compared), and the machine's: "① ana: Data Engineer (=
    machine) · ② ben, ③ chen: Senior Data Engineer"; "· machine: …" when it gave none of
    theirs."""
    groups: list[tuple[list[str], Any]] = []
    for n, name, value in given:
        who = f"{NUMBERS[n - 1] if n <= len(NUMBERS) else n} {name}"
        group = next((g for g in groups if same_review(g[1], value, kind)), None)
        if group is None:
            groups.append(([who], value))
        else:
            group[0].append(who)
    machine_said = False
    parts = []
    for names, value in groups:
        part = f"{', '.join(names)}: {value_text(value, short, words)}"
        if with_machine and same_review(value, machine):
            part, machine_said = part + " (= machine)", True
        parts.append(part)
    if with_machine and not machine_said:
        parts.append(f"machine: {value_text(machine, short, words)}")
    return " · ".join(parts)


class Adjudication(QObject):
    """The reviewers' values of the shown posting, and the keys that take them."""

    def __init__(self, flow: ReviewFlow, fields: FieldsPanel, labels: LabelsPanel,
                 window: QWidget) -> None:
        super().__init__(window)
        self.flow, self.fields, self.labels = flow, fields, labels
        self.reviews: Reviews = {}  # of the shown posting
        self._read_for: int | None = None
        self.banner = plain_label()  # what is left to decide, and whose key is which
        self.banner.setObjectName("reviewersBanner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(OPEN_STYLE)
        self.banner.hide()
        fields.put_on_top(self.banner)
        self.lines: dict[str, QLabel] = {}
        for name, editor in fields.editors.items():
            label = plain_label()
            label.setObjectName("reviewerValues")
            label.setWordWrap(True)
            label.setForegroundRole(QPalette.ColorRole.WindowText)
            label.hide()
            layout = editor.layout()  # the row, then its notes: this line goes last
            assert layout is not None
            layout.addWidget(label)
            self.lines[name] = label
        self.keys = []
        for n in range(1, 10):
            key = QShortcut(QKeySequence(KEY.format(n)), window)
            key.setContext(Qt.ShortcutContext.WindowShortcut)
            key.activated.connect(lambda n=n: self.take(n))
            key.setEnabled(False)  # until a posting with reviewers' values is shown
            self.keys.append(key)
        flow.disputed = self.disputed
        flow.shown.connect(self._shown)
        flow.changed.connect(self._changed)

    # --- reading -------------------------------------------------------------------------

    def _read(self, pid: int | None) -> None:
        self.reviews, self._read_for = {}, pid
        if pid is not None:
            try:
                self.reviews = self.flow.store.reviews.of(pid)
            except DatabaseError:  # a damaged file: the window says so elsewhere
                self.reviews = {}

    def _shown(self, posting: dict[str, Any] | None) -> None:
        self._read(posting["id"] if posting else None)
        self.show(posting)

    def _changed(self, pid: int, _spans: bool) -> None:
        """After an edit (or its undo) of ``pid``: shown again, its mark as the store left it."""
        if pid != self._read_for:
            self._read(pid)
        if pid == self.flow.pid:
            self.show(self.flow.posting)
        elif self.flow.pid is not None:
            self._read(self.flow.pid)

    def disputed(self, name: str) -> bool:
        """Whether the reviewers differ on field ``name`` of the shown posting (then an
        edit of it is an adjudication)."""
        return self._read_for == self.flow.pid and bool(differing(self.reviews, "field", name))

    def open_fields(self) -> list[str]:
        """The fields of the shown posting on which reviewers differ and no one decided."""
        posting = self.flow.posting or {}
        human = posting.get("human") or {}
        return [name for name in self.fields.editors
                if name not in human and differing(self.reviews, "field", name)]

    # --- showing -------------------------------------------------------------------------

    def show(self, posting: dict[str, Any] | None) -> None:
        """The lines under the fields and the questions, and the banner above."""
        reviews = self.reviews if posting is not None else {}
        human = (posting or {}).get("human") or {}
        machine = (posting or {}).get("machine") or {}
        differ, left = [], []
        for name, label in self.lines.items():
            given = differing(reviews, "field", name)
            label.setVisible(bool(given))
            if given:
                value = (machine.get(name) or {}).get("value")
                words = name in _CHOICES
                label.setText(line(given, value, True, words=words))
                set_plain_tip(label, line(given, value, True, False, words))
                label.setStyleSheet(DONE_STYLE if name in human else OPEN_STYLE)
                differ.append(_LABELS.get(name, name))
                if name not in human:
                    left.append(_LABELS.get(name, name))
        answers = (posting or {}).get("labels") or {}
        questions: dict[str, str] = {}
        for question in self.labels.reviewers:
            given = differing(reviews, "label", question)
            if given:
                questions[question] = "Reviewers: " + line(given, words=True, kind="label")
                self.labels.reviewers[question].setStyleSheet(
                    DONE_STYLE if answers.get(question) else OPEN_STYLE)
                if not answers.get(question):
                    left.append(f"question {question.replace('_', ' ')}")
        self.labels.show_reviewers(questions)
        opened = self._open() if len(reviews) > 1 else []  # (read once a posting)
        left += [f"question {key.replace('_', ' ')} (not shown here: a reviewer's key takes "
                 "their answer)" for kind, key in opened
                 if kind == "label" and key not in self.labels.reviewers]
        wide = []  # the status, the comment, the span labels
        still = _wide_kinds(opened)
        for kind, title, named in POSTING_WIDE:
            given = differing(reviews, kind, "")
            if given:
                wide.append(spans_line(given, (posting or {}).get("cleaned") or "", NUMBERS)
                            if kind == "spans" else
                            f"{title}: {line(given, words=kind == 'status', kind=kind)}")
                if kind in still:
                    left.append(named)
        self._banner(sorted(reviews), differ, bool(questions), left, wide)

    def _open(self) -> list[tuple[str, str]]:
        """What the reviewers of the shown posting differ on and no one decided."""
        try:
            return self.flow.store.reviews.differing(self.flow.pid)  # type: ignore[arg-type]
        except (DatabaseError, TypeError):  # a damaged file, or no posting shown
            return []

    def open_wide(self) -> list[str]:
        """The kinds of ``POSTING_WIDE`` the reviewers of the shown posting differ on and
        no one decided, in that order."""
        return _wide_kinds(self._open())

    def _banner(self, names: list[str], differ: list[str], questions: bool,
                left: list[str], wide: list[str]) -> None:
        for key in self.keys:
            key.setEnabled(len(names) > 1)
        if len(names) < 2 or not (differ or questions or wide or left):
            self.banner.hide()
            return
        keys = " · ".join(f"{KEY.format(n)} {name}" for n, name in enumerate(names[:9], 1))
        fields = [name for name in left if name in differ]
        if fields:
            text = (f"Reviewers differ on {', '.join(left)}. {keys}: take that reviewer's "
                    "value for the focused field; or type one"
                    + ("; answer a question with its keys." if questions else "."))
        elif left:  # no field: the status, the comment or the span labels, a question
            named = [n for _kind, _title, n in POSTING_WIDE if n in left]
            text = f"Reviewers differ on {', '.join(left)}."
            if named:
                text += f" {keys}: take that reviewer's {named[0].removeprefix('the ')}."
            if questions:
                text += " Answer a question with its keys."
        else:
            text = f"Reviewers differed; all decided. Their values stay below ({keys})."
        self.banner.setText("\n".join([text, *wide]))
        self.banner.setStyleSheet(OPEN_STYLE if left else DONE_STYLE)
        self.banner.show()

    # --- taking a reviewer's value -------------------------------------------------------

    def target(self) -> str | None:
        """The field a key acts on: the one with the focus if reviewers differ on it,
        else the first still undecided. (Not the one last focused: back in the document
        after deciding it, the next key took another reviewer's value in its place.)"""
        focused = self.fields.focused()
        if focused is not None and differing(self.reviews, "field", focused):
            return focused
        left = self.open_fields()
        return left[0] if left else None

    def take(self, number: int) -> bool:
        """Reviewer ``number``'s value for the target field, as the adjudicated value."""
        pid, say = self.flow.pid, self.flow.message.emit
        if pid is None:
            return False
        if self._read_for != pid:
            self._read(pid)
        names = sorted(self.reviews)
        if not 1 <= number <= len(names):
            say(f"This posting has no reviewer {number}" + (
                f" (its reviewers: {', '.join(f'{n} {r}' for n, r in enumerate(names, 1))})."
                if names else ": no reviewers' values were merged into it."), 8000)
            return False
        name = self.target()
        wide = self.open_wide() if name is None else []
        if name is None and wide:
            return self._take_wide(wide[0], names[number - 1])
        questions = [key for kind, key in self._open() if kind == "label"]
        if name is None and questions:
            left_out = [q for q in questions if q not in self.labels.questions]
            if left_out:  # (a schema past the window's limits): no keys of its own
                return self._take_answer(left_out[0], names[number - 1])
            say(f"Reviewers differ on question {questions[0].replace('_', ' ')}: answer it "
                "with its option keys (Labels & comment).", 8000)
            return False
        if name is None:
            say("Reviewers differ on nothing of this posting"
                + (" that is left to decide." if len(names) > 1 else "."), 6000)
            return False
        reviewer = names[number - 1]
        value = self.reviews[reviewer].get(("field", name))
        label = _LABELS.get(name, name)
        if value is None:
            say(f"{reviewer} gave no value for {label}.", 6000)
            return False
        final = None if value.get("state") == "rejected" else value.get("value")
        spans, shown = value.get("spans") or [], self._shown_of("field", name)
        if self.flow.push(f"take {reviewer}'s {name}", lambda p: self.flow.store.reviews.
                          adjudicate(p, name, final, spans, shown)):
            say(f"{label}: {reviewer}'s value taken ({value_text(value)}).", 6000)
            return True
        return False

    def _shown_of(self, kind: str, key: str) -> dict[str, Any]:
        """Each reviewer's value of one thing as the window read it: a ruling that takes
        one is refused where the file's differ by then (``reviews.as_shown``)."""
        return {who: by_key[(kind, key)] for who, by_key in self.reviews.items()
                if (kind, key) in by_key}

    def _take_answer(self, question: str, reviewer: str) -> bool:
        """Reviewer's answer to a question the window does not show (its options have
        no keys there) as the posting's."""
        value = self.reviews[reviewer].get(("label", question))
        if not isinstance(value, list):
            self.flow.message.emit(f"{reviewer} gave no answer to {question}.", 6000)
            return False
        options, store = [str(option) for option in value], self.flow.store
        shown = self._shown_of("label", question)

        def edit(pid: int) -> Change:
            store.reviews.as_shown(pid, "label", question, shown)
            return store.labels.answer(pid, question, options)

        if self.flow.push(f"take {reviewer}'s {question}", edit):
            self.flow.message.emit(f"{question}: {reviewer}'s answer taken "
                                   f"({'; '.join(options) or 'none'}).", 6000)
            return True
        return False

    def _take_wide(self, kind: str, reviewer: str) -> bool:
        """Reviewer's status, comment or span labels as the posting's."""
        say, store = self.flow.message.emit, self.flow.store
        title = next(t for k, t, _n in POSTING_WIDE if k == kind)
        value = self.reviews[reviewer].get((kind, ""))
        if value is None:
            say(f"{reviewer} gave no {title.lower()}.", 6000)
            return False
        # a reviewer who labelled none: the others' spans are rejected (the ruling "none")
        others = sorted({(int(a), int(b), str(label)) for who, by_key in self.reviews.items()
                         if who != reviewer for a, b, label in by_key.get(("spans", ""), [])})
        shown = self._shown_of(kind, "")

        def edit(pid: int) -> Change:
            store.reviews.as_shown(pid, kind, "", shown)  # (not what a merge changed since)
            if kind == "status":
                return store.postings.set_status(pid, str(value))
            if kind == "comment":
                return store.postings.set_comment(pid, str(value))
            if not value:
                return store.spans.add_many(pid, others, "human", "rejected", follow=False)
            return store.spans.add_many(pid, [(int(a), int(b), str(label))
                                              for a, b, label in value], schema=False)

        if self.flow.push(f"take {reviewer}'s {title.lower()}", edit):
            taken = value_text(value, words=True) if kind != "spans" else spans_text(
                spans_of(value), (self.flow.posting or {}).get("cleaned") or "")
            say(f"{title}: {reviewer}'s taken ({taken}).", 6000)
            return True
        return False


def _wide_kinds(opened: list[tuple[str, str]]) -> list[str]:
    """The kinds of ``POSTING_WIDE`` among what reviewers differ on, in that order."""
    found = {kind for kind, _key in opened}
    return [kind for kind, _title, _named in POSTING_WIDE if kind in found]
