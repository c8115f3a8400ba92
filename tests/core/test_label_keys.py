"""Every label option has a key, by one rule; the default schema asks no seniority
question (the seniority field is it); old project files keep the schema they saved."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from reviewer.core.label_checks import check_given
from reviewer.core.labels import (
    CHORD_KEY,
    Option,
    Question,
    check,
    clash,
    default_schema,
    from_json,
    key_pool,
    normal_key,
    strokes,
    with_defaults,
)
from reviewer.core.store import Store

ALT_LETTER = re.compile(r"(?:^|, )Alt\+(?:Shift\+)?[A-Z]$|(?:^|, )Alt\+[A-Z](?:,|$)")


def _many(documents: int, spans: int) -> list[Question]:
    return with_defaults([
        Question("topic", "single", [Option(f"t{n}") for n in range(documents)]),
        Question("flags", "multi", [Option("a"), Option("b")]),
        Question("spans", "span", [Option(f"S{n}") for n in range(spans)]),
    ])


def test_the_default_schema_gives_every_option_a_key() -> None:
    schema = default_schema()
    keys = [o.key for q in schema for o in q.options]
    assert all(keys) and len(keys) == len(set(keys))
    role = next(q for q in schema if q.name == "role_family")
    assert [o.key for o in role.options] == [
        "Alt+3", "Alt+4", "Alt+5", "Alt+6", "Alt+7", "Alt+8", "Alt+9", "Alt+0"]


def test_keys_go_on_past_alt_9_by_one_rule() -> None:
    schema = _many(40, 25)
    doc = [o.key for q in schema if q.kind != "span" for o in q.options]
    span = [o.key for q in schema if q.kind == "span" for o in q.options]
    assert doc[:10] == [f"Alt+{d}" for d in "1234567890"]
    assert doc[10:20] == [f"Alt+Shift+{d}" for d in "1234567890"]
    assert doc[20:22] == [f"{CHORD_KEY}, 1", f"{CHORD_KEY}, 2"]
    assert span[:10] == [f"Ctrl+{d}" for d in "1234567890"]
    assert span[10:20] == [f"Ctrl+Shift+{d}" for d in "1234567890"]
    keys = doc + span
    assert all(keys) and len(keys) == len(set(keys))
    assert not [(a, b) for a in keys for b in keys if a != b and clash(a, b)]
    assert not [k for k in keys if ALT_LETTER.search(k)]  # Alt+letter: fields and menus
    check(schema)  # what it gives is a schema that can be stored


def test_a_large_schema_still_has_a_key_for_every_option() -> None:
    keys = [o.key for q in _many(150, 40) for o in q.options]
    assert all(keys) and len(keys) == len(set(keys))
    assert max(len(strokes(k)) for k in keys) <= 4  # what a QKeySequence holds


def test_keys_given_by_hand_are_kept_and_skipped() -> None:
    schema = with_defaults([Question("q", "single", [
        Option("a"), Option("b", key="Alt+1"), Option("c"), Option("d", key="ctrl+l, 1")])])
    assert [o.key for o in schema[0].options] == ["Alt+2", "Alt+1", "Alt+3", "ctrl+l, 1"]
    more = with_defaults([Question("q", "single", [Option(f"o{n}") for n in range(20)] +
                                   [Option("x"), Option("y", key="Ctrl+L, 1")])])
    assert more[0].options[20].key == "Ctrl+L, 2"


def test_chords_are_read_checked_and_refused_when_one_starts_another() -> None:
    assert strokes("Ctrl+L, 1") == ["Ctrl+L", "1"]
    assert strokes("Ctrl+,") == ["Ctrl+,"] and strokes("Ctrl+,, 1") == ["Ctrl+,", "1"]
    assert normal_key("ctrl+l,shift+a") == "Ctrl+L, Shift+A"
    assert clash("Ctrl+L", "Ctrl+L, 1") and not clash("Ctrl+L, 1", "Ctrl+L, 2")
    with pytest.raises(ValueError, match="start of Ctrl\\+L, 1"):
        check([Question("q", "single", [Option("a", key="Ctrl+L"),
                                        Option("b", key="Ctrl+L, 1")])])
    with pytest.raises(ValueError, match="one to four"):
        normal_key("A, B, C, D, E")
    assert from_json([{"question": "q", "kind": "multi",
                       "options": [{"name": "a", "key": "ctrl+l,1"}]}])[0].options[0].key == \
        "Ctrl+L, 1"


def test_the_pools_never_hand_out_alt_and_a_letter() -> None:
    for kind in ("doc", "span"):
        for key in key_pool(kind):
            assert not ALT_LETTER.search(key), key


def test_a_new_project_asks_no_seniority_question(tmp_path: Path) -> None:
    assert "seniority" not in {q.name for q in default_schema()}
    with Store(tmp_path / "p.db") as store:
        assert [q.name for q in store.labels.schema()] == ["relevant", "role_family", "spans"]


OLD_DEFAULT = [  # as projects made before saved it: seniority asked, six options keyless
    {"question": "relevant", "kind": "single", "options": [
        {"name": "yes", "color": "#4e79a7", "key": "Alt+1"},
        {"name": "no", "color": "#f28e2b", "key": "Alt+2"}]},
    {"question": "seniority", "kind": "single", "options": [
        {"name": n, "color": "#e15759", "key": f"Alt+{k}"}
        for n, k in zip(("intern", "junior", "mid", "senior", "lead"), "34567", strict=True)]},
    {"question": "role_family", "kind": "single", "options": [
        {"name": n, "color": "#76b7b2", "key": k} for n, k in zip(
            ("engineering", "data", "product_design", "sales_marketing", "operations",
             "finance", "people", "other"), ("Alt+8", "Alt+9", "", "", "", "", "", ""),
            strict=True)]},
    {"question": "spans", "kind": "span", "options": [
        {"name": "SKILL", "color": "#4e79a7", "key": "Ctrl+1"}]},
]


def test_an_old_project_keeps_its_seniority_question_and_gets_keys_as_read(
        tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with Store(path) as store:
        store.labels.save_schema(from_json(OLD_DEFAULT))
        # written as the old version wrote it: six options without a key
        store.db.execute("UPDATE label_schema SET options = ? WHERE question = 'role_family'",
                         (json.dumps(OLD_DEFAULT[2]["options"]),))
        store.db.conn.commit()
    with Store(path) as store:
        schema = store.labels.schema()
        stored = store.db.execute("SELECT options FROM label_schema WHERE question = "
                                  "'role_family'").fetchone()[0]
    assert [q.name for q in schema] == ["relevant", "seniority", "role_family", "spans"]
    role = [o.key for o in schema[2].options]
    assert role == ["Alt+8", "Alt+9", "Alt+0", "Alt+Shift+1", "Alt+Shift+2", "Alt+Shift+3",
                    "Alt+Shift+4", "Alt+Shift+5"]
    assert json.loads(stored) == OLD_DEFAULT[2]["options"]  # the file is as it was saved


def test_saving_a_schema_gives_new_options_their_keys(tmp_path: Path) -> None:
    with Store(tmp_path / "p.db") as store:
        schema = store.labels.schema()
        schema[1].options.append(Option("legal"))  # as the schema dialog adds one: no key
        store.labels.save_schema(schema)
        assert store.labels.schema()[1].options[-1].key == "Alt+Shift+1"
        assert schema[1].options[-1].key == ""  # what the caller gave is left as it was


@pytest.mark.parametrize(("names", "why"), [
    (["caf\u00e9", "cafe\u0301"], "look the same"),  # the same word, composed or not
    (["yes", "ye\u200bs"], "cannot be seen"),  # a zero-width space inside
    (["yes", "no\u202e"], "cannot be seen"),  # a direction mark
    (["yes", "no\u2028"], "cannot be seen"),  # a line separator at its end
    (["yes", "n\ro"], "cannot be seen"),
    # the window writes "full_time" as "full time" and capitalises a name's first letter
    (["yes", "Yes"], "look the same"),
    (["full_time", "full time"], "look the same"),
    (["yes", "no", "\u3164"], "cannot be seen"),  # a Hangul filler: a letter, drawn blank
])
def test_option_names_that_look_alike_or_hide_characters_are_refused(names: list[str],
                                                                    why: str) -> None:
    with pytest.raises(ValueError, match=why):
        check_given([Question("relevant", "single", [Option(name) for name in names])])


def test_question_names_the_window_shows_alike_are_refused() -> None:
    with pytest.raises(ValueError, match="look the same"):
        check_given([Question("role_family", "single", [Option("yes")]),
                     Question("Role family", "single", [Option("yes")])])


@pytest.mark.parametrize("name", ["role\u2028family", "role\u200bfamily"])
def test_a_question_name_with_a_character_that_cannot_be_seen_is_refused(name: str) -> None:
    with pytest.raises(ValueError, match="cannot be seen"):
        check_given([Question(name, "single", [Option("yes")])])


def test_names_in_any_script_are_taken() -> None:
    check_given([Question("Gehalt über Tarif", "multi", [
        Option("café"), Option("日本語"), Option("R&D"),
        Option("فارسی\u200cزبان"), Option("👩\u200d💻")])])  # (the joiners of words, emoji)


def test_names_and_keys_a_schema_held_before_are_kept_as_they_are() -> None:
    """A schema saved before these names and keys were refused: saved again unchanged
    (the dialog's Save, labels --export then --import), and copied (split, merge)."""
    held = [Question("relevant", "single", [Option("ye\u200bs", key="1"), Option("no"),
                                            Option("caf\u00e9"), Option("cafe\u0301")])]
    check(held)  # (what split and merge run)
    check_given(held, before=held)
    with pytest.raises(ValueError, match="types or moves"):
        check_given([Question("relevant", "single", [Option("ye\u200bs", key="2"),
                                                     Option("no")])], before=held)


@pytest.mark.parametrize(("key", "why"), [
    ("Ctrl+Foo", "not a key"),  # the window could not bind it: the option had no key
    ("F1", "the window's own"),  # the help
    ("Ctrl+Alt+1", "the window's own"),  # take reviewer 1's value
    ("Alt+T", "the window's own"),  # a field or a menu
    ("Ctrl+L", "the window's own"),  # the first stroke of the label chords, alone
    ("Ctrl+Q", "the window's own"),
])
def test_a_key_the_window_cannot_give_a_label_is_refused(key: str, why: str) -> None:
    """`reviewer labels --import` took keys the schema dialog refuses; in the window the
    option had no key, or took F1 or Ctrl+Alt+1 from the window in silence."""
    with pytest.raises(ValueError, match=why):
        check_given([Question("relevant", "single", [Option("yes", key=key), Option("no")])])


@pytest.mark.parametrize("key", ["Ctrl+PgUp", "Alt+Shift+1", "Ctrl+L, 5", "F5", "Ctrl+É",
                                 "Meta+Space"])
def test_keys_the_window_can_give_a_label_are_taken(key: str) -> None:
    check_given([Question("relevant", "single", [Option("yes", key=key), Option("no")])])


def test_a_json_rename_is_read_whatever_the_order_and_spelling() -> None:
    """An old name claimed twice ("ja" was "yes" beside a "yes" kept) took whichever came
    last; a bare option name with a space around it was left out of the renames, and an
    unchanged option's labels went with --force."""
    from reviewer.core.label_json import json_origins

    before = [Question("relevant", "single", [Option("yes"), Option("no")])]
    twice = [{"question": "relevant", "kind": "single",
              "options": [{"name": "ja", "was": "yes"}, "yes", "no"]}]
    with pytest.raises(ValueError, match="yes"):
        json_origins(twice, before)
    spaced = [{"question": "relevant", "kind": "single",
               "options": [{"name": "ja", "was": "no"}, " yes "]}]
    assert json_origins(spaced, before) == {("relevant", "ja"): ("relevant", "no"),
                                            ("relevant", "yes"): ("relevant", "yes")}


def test_renames_saved_already_move_nothing_when_the_file_is_imported_again() -> None:
    """A chain (c was b, b was a) read again moved b's labels, a's since the first
    import, on to c; a "was" naming nothing beside a new name is still refused."""
    from reviewer.core.label_json import json_origins

    chain = [{"question": "q", "kind": "single", "options": [
        {"name": "c", "was": "b"}, {"name": "b", "was": "a"}]}]
    first = [Question("q", "single", [Option("a"), Option("b")])]
    assert json_origins(chain, first) == {("q", "c"): ("q", "b"), ("q", "b"): ("q", "a")}
    assert json_origins(chain, [Question("q", "single", [Option("c"), Option("b")])]) is None
    renamed = [{"question": "r", "was": "q", "kind": "single", "options": [
        {"name": "c", "was": "a"}]}]
    assert json_origins(renamed, [Question("r", "single", [Option("c")])]) is None
    with pytest.raises(ValueError, match="no such option"):
        json_origins([{"question": "q", "kind": "single", "options": [
            {"name": "d", "was": "x"}, {"name": "c", "was": "a"}]}],
            [Question("q", "single", [Option("c")])])


@pytest.mark.parametrize("key", ["Ctrl+Del", "Ctrl+Delete"])
def test_delete_word_is_an_editing_key_however_it_is_spelled(key: str) -> None:
    with pytest.raises(ValueError, match="selects, copies, pastes or undoes"):
        check_given([Question("relevant", "single", [Option("yes", key=key), Option("no")])])


@pytest.mark.parametrize("key", ["Ctrl+Insert", "ctrl+pgdown", "Ctrl+Escape", "Ctrl+CapsLock"])
def test_keys_qt_reads_by_their_other_names_are_taken(key: str) -> None:
    check_given([Question("relevant", "single", [Option("yes", key=key), Option("no")])])


def test_the_taken_keys_index_says_what_a_clash_with_each_says() -> None:
    """``with_defaults`` asks an index of the keys taken (a schema of thousands of
    options is read at every posting shown): it answers as ``clash`` against each."""
    import itertools
    import random

    from reviewer.core.labels import _Taken, key_pool

    keys = [*itertools.islice(key_pool("doc"), 150), *itertools.islice(key_pool("span"), 150),
            "", "Ctrl+L", "Ctrl+,", "Ctrl+L, Ctrl+L", "Ctrl+2, 3", "Ctrl+2"]
    rng = random.Random(7)
    for _ in range(200):
        taken = rng.sample(keys, rng.randint(0, 40))
        index = _Taken(taken)
        for key in rng.sample(keys, 40):
            assert index.clashes(key) == any(clash(key, t) for t in taken), (key, taken)


@pytest.mark.parametrize(("names", "why"), [
    (["yes", "yes\u200d"], "cannot be seen"),  # a joiner that joins nothing, at the end
    (["yes", "ye\u200ds"], "look the same"),  # one between letters, drawn as nothing
    (["yes", "yes\u034f"], "cannot be seen"),  # a combining mark that draws nothing
    (["yes", "yes\ufe0f"], "look the same"),  # a variation selector: drawn alike here
])
def test_names_apart_by_a_character_no_one_sees_are_refused(names: list[str],
                                                             why: str) -> None:
    """"yes" beside "yes" and a zero-width joiner, or a combining grapheme joiner
    (U+034F), were two options of one question, shown alike."""
    with pytest.raises(ValueError, match=why):
        check_given([Question("relevant", "single", [Option(name) for name in names])])


def test_the_flags_of_england_scotland_and_wales_are_names() -> None:
    """Their tags (U+E0067 …) were refused as characters no one sees; a tag out of a
    flag still is."""
    england = "\U0001f3f4\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f"
    wales = "\U0001f3f4\U000e0067\U000e0062\U000e0077\U000e006c\U000e0073\U000e007f"
    check_given([Question("team", "single", [Option(england), Option(wales)])])
    with pytest.raises(ValueError, match="cannot be seen"):
        check_given([Question("team", "single", [Option("yes\U000e0067")])])


def test_span_labels_of_two_span_questions_that_look_alike_are_refused() -> None:
    """Span labels share one name space, but were compared question by question:
    "Skill" in a second span question beside "SKILL" was taken."""
    with pytest.raises(ValueError, match="'SKILL' and 'Skill' look the same"):
        check_given([Question("spans", "span", [Option("SKILL"), Option("TOOL")]),
                     Question("more_spans", "span", [Option("Skill")])])


def test_look_alike_names_held_apart_before_are_not_let_together_now() -> None:
    """"Yes" added to another question first, then moved beside "yes": both were names
    the schema held, and passed (the same move in one step was refused)."""
    before = [Question("relevant", "single", [Option("yes"), Option("no")]),
              Question("other", "single", [Option("Yes")])]
    check_given(before, before)
    with pytest.raises(ValueError, match="'yes' and 'Yes' look the same"):
        check_given([Question("relevant", "single", [Option("yes"), Option("no"),
                                                     Option("Yes")])], before)
    together = [Question("relevant", "single", [Option("yes"), Option("Yes")])]
    check_given(together, together)  # (a schema saved with both keeps them, in any order)
    check_given([Question("relevant", "single", [Option("Yes"), Option("yes")])], together)
    # held side by side in one question, they were let in anywhere: another, new, or as
    # the names of two questions
    for elsewhere in ([*together, Question("other", "single", [Option("yes"), Option("Yes")])],
                      [Question("yes", "single", [Option("a")]),
                       Question("Yes", "single", [Option("b")])]):
        with pytest.raises(ValueError, match="look the same"):
            check_given(elsewhere, together)


def test_the_keys_run_out_where_the_readme_says() -> None:
    """(The README said every option has a key; past these, an option has none.)"""
    doc, span = list(key_pool("doc")), list(key_pool("span"))
    assert len(doc) == len(span) == 236 and len(set(doc) | set(span)) == 256
    keys = [o.key for q in _many(300, 0) for o in q.options]
    assert keys.count("") == 302 - 236
