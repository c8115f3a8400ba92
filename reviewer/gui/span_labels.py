"""Labelling spans of the shown posting: the selection as a span, the skills field's
evidence as suggested spans, and the menu of a clicked span. A rejected suggestion
takes its skill out of the skills field (``store.spans`` does it, in the same edit);
the status bar says which skills went.

Works on the review flow (the shown posting, its edits) and the document view (the
selection); span labels and their colours come from the label schema.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QPoint, Signal
from PySide6.QtWidgets import QMenu

from reviewer.core.labels import Question, skill_label
from reviewer.core.records import suggested_spans
from reviewer.core.store import Change
from reviewer.gui.document_view import DocumentView
from reviewer.gui.plain import menu_text
from reviewer.gui.review_flow import ReviewFlow


class SpanLabels(QObject):
    """Span labelling of the posting the flow shows."""

    message = Signal(str, int)  # for the status bar, for so many ms (a label not made)

    def __init__(self, flow: ReviewFlow, document: DocumentView,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.flow = flow
        self.document = document
        self.colors: dict[str, str] = {}  # span label → colour, from the label schema
        self.skill: str | None = None  # the label of the suggested spans (None: none)
        self.span_menu: QMenu | None = None  # the last span menu (kept for tests)
        flow.suggested = lambda posting: [(s["start"], s["end"], s["label"])
                                          for s in self.suggested(posting)]

    def set_schema(self, questions: list[Question], skills: str = "SKILL") -> None:
        """The span labels of ``questions``; ``skills``: the one standing for skills
        (``labels.skill_label``), the label of the suggested spans."""
        self.colors = {o.name: o.color for q in questions if q.kind == "span"
                       for o in q.options}
        self.skill = skill_label(questions, skills)

    def to_draw(self, posting: dict[str, Any]) -> tuple[list[dict[str, Any]], dict[str, str]]:
        """The spans the document draws (all but the rejected, and those suggested), and
        each label's colour."""
        spans = [s for s in posting["spans"] if s["state"] != "rejected"]
        return spans + self.suggested(posting), self.colors

    def suggested(self, posting: dict[str, Any]) -> list[dict[str, Any]]:
        """The skills field's evidence as suggested spans (labelled SKILL, or the name a
        rename gave it; none where no label stands for skills), those no span has been put
        on yet (``records.suggested_spans``, the exports' rule too). A rejected skills field
        suggests nothing; a decided one, its own spans."""
        if (label := self.skill) is None:
            return []
        state = posting["provenance"].get("skills", "none")
        machine, persons = ((side.get("skills") or {}).get("spans") or []
                            for side in (posting["machine"], posting["human"]))
        settled = ((s["start"], s["end"]) for s in posting["spans"])  # any label, any state
        return [{"id": None, "start": a, "end": b, "label": label, "state": "suggested",
                 "origin": "machine"}
                for a, b in suggested_spans(state, machine, persons, settled)]

    def label_selection(self, label: str) -> None:
        """Label the selected words (snapped to whole words) as a span ``label``."""
        posting = self.flow.posting
        if posting is None:
            return
        try:
            found = self.document.selected_source_span()
        except ValueError as err:
            self.message.emit(f"Not labelled: {err}.", 8000)
            return
        if found is None and self.document.mode != "cleaned":
            self.message.emit("Spans are labelled in the cleaned posting: choose Cleaned "
                              "posting above the text, and select the words there.", 8000)
            return
        if found is None:
            self.message.emit("Select some words of the posting first.", 6000)
            return
        start, end = found
        if any((s["start"], s["end"], s["label"]) == (start, end, label)
               for s in posting["spans"] if s["state"] != "rejected"):
            self.message.emit(f"These words are {label} already.", 6000)
            return
        store = self.flow.store
        seen = posting["cleaned"]  # the offsets are into it: refused if the file's is another
        if self.flow.push(f"label {label}",
                          lambda p: store.spans.add(p, start, end, label, text=seen)[1]):
            self.message.emit(f"Labelled {label}.", 4000)  # (over what a refusal said)

    def accept_suggested(self, state: str = "accepted") -> None:
        """Accept (or reject) every suggested span of the posting, as one edit."""
        if self.flow.posting is None:
            return
        suggested = [(s["start"], s["end"], s["label"])
                     for s in self.suggested(self.flow.posting)]
        if not suggested:
            self.message.emit("No suggested spans left in this posting.", 6000)
            return
        store, seen = self.flow.store, self.flow.posting["cleaned"]
        self._push(f"{state} suggested spans",
                   lambda p: store.spans.add_many(p, suggested, "machine", state, text=seen),
                   f"{state.capitalize()} {len(suggested)} suggested span"
                   f"{'s' * (len(suggested) != 1)}.")

    def reject_suggested(self) -> None:
        self.accept_suggested("rejected")

    def _push(self, text: str, edit: Callable[[int], Change], said: str = "") -> None:
        """An edit of the shown posting's spans, ``said`` once made; or, where it took
        skills out of the skills field (a suggestion rejected), those skills."""
        posting = self.flow.posting
        before = (posting["fields"].get("skills") if posting else None) or []
        if not self.flow.push(text, edit) or self.flow.posting is None:
            return
        after = self.flow.posting["fields"].get("skills") or []
        gone = ", ".join(str(s) for s in before if s not in after)
        if gone:
            gone = gone if len(gone) <= 80 else gone[:79] + "…"
            rest = "; no skill is left: the field is rejected" if not after else ""
            self.message.emit(f"Taken out of the skills field: {gone}{rest}.", 8000)
        elif said:
            self.message.emit(said, 4000)

    def menu(self, spans: list[dict[str, Any]], where: QPoint) -> None:
        """A clicked span: relabel or delete it (accept or reject a suggested one)."""
        menu = QMenu(self.document)
        # the offsets are into it: refused if the file's is another
        text = self.flow.posting["cleaned"] if self.flow.posting else ""
        store, push = self.flow.store, self._push
        for span in spans:
            words = text[span["start"]:span["end"]]
            words = words if len(words) <= 40 else words[:39] + "…"
            menu.addSection(f"{span['label']}: {words}")  # (drawn as written)
            if span["id"] is None:
                one = [(span["start"], span["end"], span["label"])]
                for state, verb in (("accepted", "Accept"), ("rejected", "Reject")):
                    menu.addAction(menu_text(f"{verb} as {span['label']}")).triggered.connect(
                        lambda _c=False, one=one, state=state: push(
                            f"{state} span",
                            lambda p: store.spans.add_many(p, one, "machine", state,
                                                           text=text)))
                continue
            relabel = menu.addMenu("Relabel as")
            for label in self.colors:
                if label != span["label"]:
                    relabel.addAction(menu_text(label)).triggered.connect(
                        lambda _c=False, sid=span["id"], label=label: push(
                            f"relabel {label}", lambda _p: store.spans.relabel(sid, label)))
            # a machine's span is rejected rather than deleted, so it is not suggested again
            drop = store.spans.reject if span["origin"] == "machine" else store.spans.remove
            menu.addAction("Delete the span").triggered.connect(
                lambda _c=False, sid=span["id"], drop=drop: push(
                    "delete span", lambda _p: drop(sid)))
        self.span_menu = menu
        menu.popup(where)
