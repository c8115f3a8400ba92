"""A field's value the file refused because another window or program changed the
field since it was shown: held in its box over the value the file holds, marked not
saved. Tab (or Enter) saves it over that value, seen now; Esc drops it and keeps the
file's; an edit of the field itself (revert, reject, a value put in) replaces it. Other
edits and moves wait till one of these is done (``FieldsPanel.commit_typing``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from reviewer.core.store import shown_alike
from reviewer.gui.plain import value_text

if TYPE_CHECKING:
    from reviewer.gui.field_rows import FieldEditor
    from reviewer.gui.fields_panel import FieldsPanel
    from reviewer.gui.review_flow import ReviewFlow

KEYS = "Tab saves yours over it, Esc keeps that"  # how a held value is let go of
_ELSEWHERE = "in another window or by another program"


def _quoted(value: Any) -> str:
    said = value_text(value)
    return said if said == "no value" else f"“{said}”"


def typed_edit(flow: ReviewFlow, fields: FieldsPanel, name: str, value: Any) -> None:
    """A value typed (or picked) in field ``name``, saved; one the file refused stays in
    its box, marked not saved (held, ``refused``, where another window or program
    changed the field meanwhile)."""
    if not flow.set_field(name, value) and not refused(flow, fields, name, value):
        fields.editors[name].mark_unsaved()


def refused(flow: ReviewFlow, fields: FieldsPanel, name: str, value: Any) -> bool:
    """After an edit of field ``name`` to ``value`` was not made: whether the file
    refused it as the field changed since it was shown. ``value`` is then held in the
    field's box (``hold``), unless the field holds that very value now: it stands, said."""
    why = flow.changed_meanwhile
    if why is None or name not in why.fields:
        return False
    now = (flow.posting or {}).get("fields", {}).get(name)
    if shown_alike(now, value):
        flow.message.emit(f"{fields.editors[name].spec.label}: {_quoted(now)} was set "
                          f"meanwhile, {_ELSEWHERE}, as you gave it: it stands.", 8000)
    else:
        hold(fields, name, value)
    return True


def hold(fields: FieldsPanel, name: str, value: Any) -> None:
    """``value`` of field ``name`` kept in its box in place of the value the file holds
    (said under it), marked not saved. It stands as text that cannot be read does:
    nothing else is done until it is saved, dropped or replaced."""
    editor = fields.editors[name]
    loaded = editor.loaded  # (the file's value: shown again when it goes)
    now = _quoted(loaded[0])
    editor.set_value(value, loaded[1], None)
    editor.loaded = loaded
    editor.unreadable, editor.held = f"{now} was set meanwhile; {KEYS}", True
    editor.mark_unsaved(editor.unreadable)
    editor.unreadable_changed.emit()
    fields.message.emit(f"{editor.spec.label}: not saved: {now} was set meanwhile, "
                        f"{_ELSEWHERE}. Yours stays in its box: Tab saves it over that, "
                        "Esc keeps that.", 20000)


def keep_the_files(fields: FieldsPanel, name: str | None) -> bool:
    """Esc in a field's box: a value held there dropped, the file's value shown again
    and kept (said); False where none is held."""
    editor = fields.editors.get(name or "")
    if editor is None or not editor.held:
        return False
    editor.set_value(*editor.loaded)
    fields.message.emit(f"{editor.spec.label}: yours dropped; {_quoted(editor.loaded[0])}, "
                        f"set meanwhile {_ELSEWHERE}, kept.", 10000)
    return True


def why_not_saved(editor: FieldEditor) -> str:
    """Why a field's text typed is not in the file, as the window's close asks it."""
    if editor.held:
        return (f"{editor.spec.label}: typed over {_quoted(editor.loaded[0])}, which was "
                f"set meanwhile {_ELSEWHERE}")
    return f"{editor.spec.label}: {editor.unreadable} (it cannot be read)"
