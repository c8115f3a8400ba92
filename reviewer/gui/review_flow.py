"""The review flow: which posting is shown, the edits made to it, and moving on.

Every edit goes through ``edit_command.EditCommand`` (a QUndoCommand whose redo and
undo call the store), so undo and redo cover every edit; accept-and-go-on is one command.
After an edit the posting is read again and ``changed`` tells the panes; a newly
shown posting is announced by ``shown``. Panes get the flow, never the window.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal, SignalInstance
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QStatusBar

from reviewer.core.schema import FIELDS
from reviewer.core.store import Change, ChangedMeanwhile, DatabaseError, Store
from reviewer.gui.edit_command import EditCommand
from reviewer.gui.held_value import KEYS
from reviewer.gui.plain import sentence
from reviewer.gui.queue_pane import QueuePane

_LABELS = {spec.name: spec.label for spec in FIELDS}
_NAMED = re.compile(r"\bposting \d", re.IGNORECASE)  # a message that says which posting


def undecided(posting: dict[str, Any] | None) -> dict[str, Any]:
    """The machine's values shown of the fields no one has decided."""
    posting = posting or {}
    return {name: machine["value"] for name, machine in posting.get("machine", {}).items()
            if posting["provenance"].get(name) == "machine"}


def _shown(posting: dict[str, Any] | None, name: str) -> Any:
    """Field ``name``'s value as the posting shown has it."""
    return (posting or {}).get("fields", {}).get(name)


def _to_do(stopped: str) -> str:
    """What stops an edit or a move, and what to do (a value held says its keys)."""
    return stopped if stopped.endswith(KEYS) else (
        f"{stopped} (correct it, revert it to the machine's value, or empty it for no value)")


def _title_of(store: Store, pid: int) -> str:
    """A posting's title as a message names it (" “Data Engineer”"; "" for none)."""
    try:
        title = " ".join(str(store.records.get(pid)["fields"].get("title") or "").split())
    except (DatabaseError, KeyError):
        return ""
    return f" “{title[:59]}…”" if len(title) > 60 else f" “{title}”" if title else ""


def posting_teller(bar: QStatusBar, flow: ReviewFlow, *others: SignalInstance) -> None:
    """Shows the messages about the posting shown in ``bar``: the flow's (an edit made or
    not, a value put in) and ``others``'. One the bar still shows when another posting
    is shown is taken back, unless it names a posting ("Posting 12 accepted: marked
    reviewed." is said as the next one is shown, to be read there)."""
    said: list[tuple[int | None, str]] = []

    def tell(text: str, ms: int) -> None:
        bar.showMessage(text, ms)
        said[:] = [(flow.pid, text)]

    def shown(posting: dict[str, Any] | None) -> None:
        if not said or said[0][0] == (posting["id"] if posting is not None else None):
            return
        if bar.currentMessage() == said[0][1] and not _NAMED.search(said[0][1]):
            bar.clearMessage()
        said.clear()

    flow.shown.connect(shown)
    for signal in (flow.message, *others):
        signal.connect(tell)


Span = tuple[int, int, str]  # a span's start, end and label


def accepted_all(store: Store, pid: int, shown: dict[str, Any], status: str | None,
                 spans: list[Span], seen: str | None) -> Change:
    """Accept all (``Decisions.accept_all``), and with it, in one edit, the spans the
    posting shown suggested (``spans``, as seen on ``seen``): what a person accepts by
    the key is all the machine offered them there, its suggested words too."""
    with store.atomic():
        change = store.decisions.accept_all(pid, shown, status)
        if spans:
            change.rows += store.spans.add_many(pid, spans, "machine", text=seen).rows
    return change


def _accepted_said(pid: int | None, was: str | None, spans: list[Span]) -> str:
    return f"Posting {pid} accepted: marked reviewed" + (
        f" (it was {was})" if was in ("skipped", "flagged") else "") + (
        f", its {len(spans)} suggested span{'s' * (len(spans) != 1)} accepted." if spans
        else ".")


class ReviewFlow(QObject):
    """The shown posting and the edits to it, with undo; moving through the queue."""

    shown = Signal(object)  # the posting now shown (as store.records.get gives it) or None
    refused = Signal(str, str, object)  # an edit the file refused: what, why, retry (or None)
    changed = Signal(object, bool)  # a posting (its id) was edited; True: its spans changed
    message = Signal(str, int)  # for the status bar, for so many ms (an edit not made)

    def __init__(self, store: Store, queue: QueuePane, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.queue = queue
        self.undo_stack = QUndoStack(self)
        self.pid: int | None = None
        self.posting: dict[str, Any] | None = None  # the shown posting, as the store has it
        # finish typing in a field; what stops the edit (``ReviewWindow._commit_typing``)
        self.before_edit: Callable[[str | None], str | None] = lambda _replaced: None
        self.closing = False  # no more edits: the window is closing
        # reviewers differ on the field (``adjudication``): an edit of it adjudicates
        self.disputed: Callable[[str], bool] = lambda _name: False
        self.suggested: Callable[[dict[str, Any]], list[Span]] = lambda _p: []  # SpanLabels'
        self._left_unsaved: tuple[int, str] | None = None  # a posting left, text not saved
        # why the last edit was not made, when the file changed since it was shown
        self.changed_meanwhile: ChangedMeanwhile | None = None
        queue.posting_chosen.connect(self.show)
        queue.may_leave = self.may_leave
        queue.leaving.connect(self._leaving)

    # --- showing -------------------------------------------------------------------------

    def show(self, pid: int) -> None:
        try:
            posting = self.store.records.get(pid)
        except DatabaseError as err:  # a damaged file: say so, show nothing, go on
            self.refused.emit(f"posting {pid} cannot be read", str(err), None)
            self.show_nothing()
            return
        except KeyError:
            self._gone(pid, "Not shown")
            return
        self.pid, self.posting = pid, posting
        self.shown.emit(self.posting)
        self._say_left(pid)

    def _say_left(self, pid: int | None) -> None:
        """Once another posting (or none) is shown: what typed text was left unsaved."""
        left, self._left_unsaved = self._left_unsaved, None
        if left is not None and left[0] != pid:
            self.message.emit(f"Posting {left[0]} left with text typed not saved: {left[1]}",
                              15000)

    def may_leave(self, done: str = "moved") -> bool:
        """Whether a move by key may leave the posting shown (or an undo, ``done``
        "undone", rewrite it): what is typed is saved first; not while a field holds
        text typed that cannot be read, which would be dropped (said)."""
        stopped = self.before_edit(None)
        if stopped is not None and self.pid is not None:
            self.message.emit(f"Not {done}: {_to_do(stopped)}", 10000)
            return False
        return True

    def _leaving(self) -> None:
        """The list moves on (a click on a row: not to be stopped): what is
        typed is saved first; text that cannot be read goes, said once another posting
        is shown."""
        stopped = self.before_edit(None)
        self._left_unsaved = (self.pid, stopped.removesuffix(f"; {KEYS}")) \
            if stopped and self.pid is not None else None

    def _existing(self, pid: int) -> int:
        """``pid``; KeyError when the posting is no longer in the file."""
        if not self.store.postings.exists(pid):
            raise KeyError(pid)
        return pid

    def _gone(self, pid: int, what: str) -> None:
        """Posting ``pid`` is no longer in the project file (another program removed it):
        said, and nothing shown in its place."""
        self.message.emit(f"{what}: posting {pid} is no longer in the project file (another "
                          "program removed it).", 15000)
        if pid == self.pid:
            self.show_nothing()

    def show_nothing(self) -> None:
        self.pid = self.posting = None
        self.shown.emit(None)
        self._say_left(None)

    def refresh(self, pid: int) -> None:
        """After an edit of ``pid``: read it again if it is shown, and tell the panes."""
        spans_changed = False
        if pid == self.pid:
            spans_before = self.posting["spans"] if self.posting else None
            try:
                self.posting = self.store.records.get(pid)
            except DatabaseError as err:
                self.refused.emit(f"posting {pid} cannot be read", str(err), None)
                return
            except KeyError:
                self._gone(pid, "Not shown")
                return
            spans_changed = self.posting["spans"] != spans_before
        self.changed.emit(pid, spans_changed)

    # --- edits ---------------------------------------------------------------------------

    def push(self, text: str, edit: Callable[[int], Change], replaced: str | None = "",
             said: str = "") -> bool:
        """Make an edit of the shown posting, as one undoable command; ``said`` once it is
        made (before the panes are told: what they say of it, after). An edit the file
        refuses (another process holds it, the disk is full, it is read-only) is not
        made: ``refused`` says so, with a way to try again. Nor is one made while the
        text being typed in a field (``replaced`` None: in any field) cannot be read:
        ``replaced``, the field the edit sets itself. False then."""
        if self.pid is None or self.closing:
            if self.pid is None and not self.closing:  # (a key pressed in an empty list)
                self.message.emit(f"{sentence(text)}: not done. {self.queue.why_empty()}",
                                  8000)
            return False
        stopped = self.before_edit(replaced)
        if stopped is not None:
            self.message.emit(f"{sentence(text)}: not done. {_to_do(stopped)}", 10000)
            return False
        return self._make(self.pid, text, edit, said)

    def _make(self, pid: int, text: str, edit: Callable[[int], Change], said: str = "") -> bool:
        self.changed_meanwhile = None
        try:  # (an edit of no row would be "made", and saved: the posting is looked for
            # in the edit's own transaction)
            change = self.store.history.made(lambda: edit(self._existing(pid)))
        except KeyError:  # the posting, or the span the edit is of, removed by another program
            if self.store.postings.exists(pid):
                self.show(pid)
                self.message.emit(f"{sentence(text)}: not done. What it edits is no longer "
                                  "in the project file (another program removed it): shown "
                                  "again, as it is now.", 12000)
            else:
                self._gone(pid, f"{sentence(text)}: not done")
            return False
        except DatabaseError as err:
            self.refused.emit(f"{text} (posting {pid}): not saved", str(err),
                              lambda: self._make(pid, text, edit, said))
            return False
        except ChangedMeanwhile as err:  # shown again as it is now: look before accepting
            self.changed_meanwhile = err
            self.queue.model.invalidate(pid)  # (its row too)
            self.show(pid)
            self.message.emit(f"{sentence(text)}: not done. {sentence(str(err))}: "
                              "shown again, as it is now.", 12000)
            return False
        except ValueError as err:  # the store refused it, saying why (a span off the text)
            self.message.emit(f"{sentence(text)}: not done. {sentence(str(err))}.",
                              10000)
            return False
        self.undo_stack.push(EditCommand(
            self.store, text, change, lambda verb: self._after(pid, text, verb, said),
            lambda what, why: self.refused.emit(what, why, None),
            lambda line: self.message.emit(line, 15000)))
        return True

    def _after(self, pid: int, text: str, verb: str, said: str = "") -> None:
        """After an edit of ``pid``, or its undo or redo (``verb``). An undo or redo of
        another posting than the one shown goes to it (once the undo is over: leaving
        this one may save what is typed in it), or says which it was when the list
        does not hold it (a search or a filter hides it). An undo or redo is said: the
        bar may still say what the edit did."""
        if said and not verb:
            self.message.emit(said, 6000)
        self.refresh(pid)
        if not verb:
            return
        if pid == self.pid or self.queue.model.row_of(pid) is not None:
            self.message.emit(f"{sentence(verb)} “{text}” of posting {pid}.", 8000)
            if pid != self.pid:
                QTimer.singleShot(0, lambda: self._go_to(pid))
            return
        if self.queue.model.reading_more is not None:  # shown when the list comes
            self.queue.return_to = pid
            return
        self.message.emit(f"{sentence(verb)} “{text}” of posting {pid}{_title_of(self.store, pid)}"
                          ", which the list does not show (a search or a filter hides it).",
                          15000)

    def _go_to(self, pid: int) -> None:
        row = self.queue.model.row_of(pid)
        if row is not None and pid != self.pid and not self.closing:
            self.queue.select_row(row)

    def set_field(self, name: str, value: Any, taken_from: list[tuple[int, int]] | None = None
                  ) -> bool:
        """A person's value for a field; False when the file refused it. An emptied field
        (no text, no items, no figures) is rejected: the posting has no value.
        ``taken_from``: the ranges of the shown text it was read from (a selection), kept
        as its evidence. Not made over a value another window or program gave the field
        since it was shown (``changed_meanwhile`` says so)."""
        if value is None or value == "" or value == []:
            return self.reject_field(name)
        if self.disputed(name):
            return self.adjudicate(name, value)
        shown, text = _shown(self.posting, name), (self.posting or {}).get("cleaned")
        return self.push(f"set {name}", lambda p: self.store.decisions.set_field(
            p, name, value, taken_from=taken_from or (), shown=shown,
            text=text if taken_from else None), name)

    def adjudicate(self, name: str, value: Any) -> bool:
        """The final value of a field the reviewers differ on (None: no value)."""
        return self.push(f"adjudicate {name}",
                         lambda p: self.store.reviews.adjudicate(p, name, value), name)

    def revert_field(self, name: str) -> bool:
        shown = _shown(self.posting, name)
        return self.push(f"revert {name}", lambda p: self.store.decisions.revert_field(
            p, name, shown), name)

    def reject_field(self, name: str) -> bool:
        if self.disputed(name):
            return self.adjudicate(name, None)
        shown = _shown(self.posting, name)
        return self.push(f"reject {name}", lambda p: self.store.decisions.reject_field(
            p, name, shown), name)

    def set_labels(self, question: str, options: list[str]) -> None:
        """A question answered (``options``; none: its answer cleared), and said."""
        name = question.replace("_", " ")  # (as its group names it)
        answer = ", ".join(o.replace("_", " ") for o in options) or "no answer"
        self.push(f"label {question}", lambda p: self.store.labels.answer(p, question, options),
                  said=f"{name[:1].upper()}{name[1:]}: {answer}.")

    def set_comment(self, text: str, typed_over: str | None = None) -> None:
        """A comment left; typed over ``typed_over``: one another program saved
        meanwhile is kept beside it (``Postings.set_comment``), and said."""
        pid = self.pid
        if self.push("comment", lambda p: self.store.postings.set_comment(p, text, typed_over)) \
                and self.posting is not None and pid == self.pid \
                and self.posting.get("comment") != text:
            self.message.emit("Comment saved with the one another program saved on this "
                              "posting meanwhile (theirs is kept, first).", 15000)

    # --- moving on -----------------------------------------------------------------------

    def accept_and_next(self) -> None:
        """Accept every undecided value, mark the posting reviewed, go to the next
        posting not reviewed."""
        if self.pid is None:
            self.message.emit(f"Accept: not done. {self.queue.why_empty()}", 8000)
            return
        if self._reviewers_differ():
            return
        pid, was, spans = self.pid, (self.posting or {}).get("status"), self.suggested(
            self.posting or {})
        done = was == "reviewed" and not undecided(self.posting) and not spans
        # (the values and status shown as the edit is made: after what was typed is saved)
        said = _accepted_said(pid, was, spans)  # (not what an edit before did)
        if done:
            self.message.emit(f"Posting {pid} reviewed already.", 6000)
        if done or self.push("accept all", lambda p: accepted_all(
                self.store, p, undecided(self.posting), (self.posting or {}).get("status"),
                spans, (self.posting or {}).get("cleaned")), None, said):
            self.queue.next_unreviewed()  # (says when every posting listed is reviewed)

    def _reviewers_differ(self) -> bool:
        """Whether reviewers still differ on a field or question of the shown posting
        (accepting all would take the machine's values there): if so, say on what."""
        try:
            left = [key for kind, key in self.store.reviews.differing(self.pid or 0)
                    if kind in ("field", "label")]
        except DatabaseError:
            return False
        if left:
            names = ", ".join(_LABELS.get(k, k.replace("_", " ")) for k in left)
            self.message.emit(f"Reviewers still differ on {names}: take a reviewer's value "
                              "(Ctrl+Alt+1…9), type one or answer the question first.", 10000)
        return bool(left)

    def skip(self) -> None:
        if self._set_status("skip", "skipped"):
            self.queue.go_next()

    def reject_and_next(self) -> None:
        """Flag the posting (exported as rejected) and go to the next not reviewed."""
        if self.flag():
            self.queue.next_unreviewed()

    def flag(self) -> bool:
        """Flag the posting; False when the edit was not made."""
        return self._set_status("flag", "flagged")

    def _set_status(self, text: str, status: str) -> bool:
        """Give the posting ``status`` (the edit ``text``); False when it was not made. A
        status a person gave before (reviewed, skipped, flagged) that it replaces is said."""
        pid, was = self.pid, self.posting and self.posting["status"]
        # (not while typed text cannot be read: the move after it would be refused)
        if not self.push(text, lambda p: self.store.postings.set_status(p, status), None):
            return False
        if was not in (None, "new", status):
            self.message.emit(f"Posting {pid} was {was}: now {status} (Ctrl+Z takes it "
                              "back).", 8000)
        return True
