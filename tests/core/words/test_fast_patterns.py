"""What makes scoring and extraction cheap must not change what they find.

``fold_case`` lowers text as re.IGNORECASE reads it (checked on every character), and
each word gate in front of a pattern is proved from the pattern itself (``pattern_proofs``)
to let through every text the pattern matches.
"""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pattern_proofs import covered, exact

from reviewer.core.words import lexicon
from reviewer.core.words.regex import edge_words, fold_case

_ALL = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
_FOLDED = fold_case(_ALL)
# what a pattern to be matched against folded text may hold: no capital letters
_PATTERN_CHARS = "".join(sorted(set(string.printable) - set(string.ascii_uppercase)))


def test_fold_case_keeps_length_and_offsets() -> None:
    assert len(_FOLDED) == len(_ALL)
    assert fold_case("İstanbul Straſse ıI KELVIN") == "istanbul strasse ii kelvin"


def test_fold_case_matches_each_character_as_re_ignorecase_does() -> None:
    """A lower-case letter, digit or mark in a pattern: re.I finds it at exactly the
    offsets where the folded text holds it."""
    any_of = "[" + re.escape(_PATTERN_CHARS) + "]"
    found = [m.start() for m in re.finditer(any_of, _ALL, re.I)]
    assert found == [i for i, c in enumerate(_FOLDED) if c in _PATTERN_CHARS]
    for i in found:  # and each such character matches its folded self alone
        matched = [x for x in _PATTERN_CHARS if re.fullmatch(re.escape(x), _ALL[i], re.I)]
        assert matched == [_FOLDED[i]], hex(ord(_ALL[i]))


@pytest.mark.parametrize("cls", [r"\w", r"\W", r"\d", r"\s", r".", r"\b", r"[^\W\d_]"])
def test_fold_case_keeps_classes_and_word_edges(cls: str) -> None:
    assert [m.start() for m in re.finditer(cls, _ALL)] == \
        [m.start() for m in re.finditer(cls, _FOLDED)]


# --- the proofs themselves ---------------------------------------------------------


def test_a_proof_reads_alternatives_repeats_and_anchors() -> None:
    assert exact(r"colou?rs?") == {"color", "colors", "colour", "colours"}
    assert exact(r"\bJobs\b", re.I) == {"jobs"}
    assert covered(r"\bcookies?\b.{0,40}\b(accept|use)|we use cookies", 0, (), ("cookie",))
    assert covered(r"^apply( now)?$|^(save|share) (this|it)", 0, ("apply", "s"), ())
    assert covered(r"\bfollow (us|.{1,30}) on (facebook|x)\b", 0, (), ("follow",))
    assert covered(r"\bfollow (us|.{1,30}) on (facebook|x)\b", 0, (), (" on f", " on x"))


def test_a_proof_fails_where_a_match_can_go_without_the_words() -> None:
    assert not covered(r"cookies?|privacy", 0, (), ("cookie",))
    assert not covered(r"^apply|would you apply", 0, ("apply",), ())  # not at the start
    assert not covered(r"(?m)^apply", 0, ("apply",), ())  # any line's start
    assert not covered(r"sign(?:in|up)?|\w+ up", 0, (), ("sign",))
    assert not covered(r"(?:ab)*c", 0, (), ("ab",))
    assert not covered(r"jobs", re.I, (), ("Jobs",))  # words of a re.I pattern: lower case


@pytest.mark.parametrize(("pattern", "reason"), lexicon.BOILERPLATE,
                         ids=[reason for _, reason in lexicon.BOILERPLATE])
def test_each_boilerplate_gate_lets_through_every_line_its_pattern_matches(
        pattern: re.Pattern[str], reason: str) -> None:
    gate = lexicon._GATES.get(reason)
    if gate is None:
        assert pattern.pattern.startswith("^") and "|^" in pattern.pattern  # cheap: anchored
        return
    assert covered(pattern.pattern, pattern.flags, *gate), f"the gate of {reason!r} leaks"


def _gates() -> list[tuple[str, str, int, tuple[str, ...], tuple[str, ...]]]:
    """Every word gate in front of a pattern: (where, pattern, flags, starts, contains).
    A gate looked for in ``text.lower()`` or ``fold_case(text)`` is proved with re.I (its
    words then stand for the match in lower case)."""
    from reviewer.core.clean import line_score, text_labels
    from reviewer.core.extract import byline, employer, patterns
    from reviewer.core.words import places
    from reviewer.core.words.text import MD_LINK

    def anchored(pattern: re.Pattern[str]) -> str:  # what .match() reads
        return "^(?:" + pattern.pattern + ")"

    out = [(f"employer cue {n}", cue.pattern, cue.flags | re.I, (), needs)
           for n, (cue, _, needs) in enumerate(employer._COMPANY_CUES_LOWER)]
    out += [
        ("byline", byline._BYLINE.pattern, re.I, (), ("posted by",)),
        ("posted", byline._POSTED.pattern, re.I, (), byline._POSTED_WORDS),
        ("subject preferred", patterns._SUBJECT_PREFERRED.pattern, re.I, (), ("prefer",)),
        # (read on a stripped phrase, where its leading \s* takes nothing)
        ("leading place word", places._LEADING_WORD.pattern.replace(r"^\s*", "^", 1), re.I,
         places._LEADING, ()),
        ("trailing place word", places._TRAILING_WORD.pattern, re.I, (), places._TRAILING),
        ("remote place", "^(?:" + places._REMOTE.pattern + r")\Z", 0, (),
         ("remote", "anywhere")),
        ("contact label", line_score._CONTACT_LABEL.pattern, 0, (), (":",)),
        ("po box", line_score._PO_BOX.pattern, 0, (), ("box",)),
        ("inline label", line_score._INLINE_LABEL.pattern, 0, (), (":", "#")),
        ("markdown link", MD_LINK.pattern, 0, (), ("](",)),
        ("markdown heading", anchored(line_score._MD_HEADING), 0, ("#",), ()),
        ("label", anchored(text_labels.LABEL), 0, (), (":",)),
        ("capitals label", anchored(text_labels.ALLCAPS_LABEL), 0, (), (":",)),
    ]
    return out


@pytest.mark.parametrize(("where", "pattern", "flags", "starts", "contains"),
                         _gates(), ids=[g[0] for g in _gates()])
def test_each_gate_lets_through_every_text_its_pattern_matches(
        where: str, pattern: str, flags: int, starts: tuple[str, ...],
        contains: tuple[str, ...]) -> None:
    assert covered(pattern, flags, starts, contains), f"the gate of {where!r} leaks"


# --- patterns that lead with their first letter ---------------------------------------------

_WORDS = st.lists(st.text(alphabet="abeiks-' ", min_size=1, max_size=5)
                  .filter(lambda w: w[0].isalpha()), min_size=1, max_size=6)
_HAY = st.text(alphabet="abeiksAB-' .1İıſK", max_size=40)


@settings(max_examples=500, deadline=None)
@given(_WORDS, _HAY)
def test_edge_words_find_what_the_plain_alternation_finds(words: list[str], hay: str) -> None:
    plain = re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + ")")
    led = re.compile(edge_words([w[0] + re.escape(w[1:]) for w in words]))
    assert [m.span() for m in led.finditer(hay)] == [m.span() for m in plain.finditer(hay)]
    assert [m.span() for m in led.finditer(fold_case(hay))] == \
        [m.span() for m in re.finditer(plain.pattern, hay, re.I)]


def _lines() -> list[str]:
    samples = Path(__file__).resolve().parents[3] / "reviewer" / "resources" / "samples"
    return sorted({line.strip() for path in samples.iterdir()
                   for line in path.read_text(encoding="utf-8", errors="replace").splitlines()
                   if line.strip()})


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["Senior", "ENGINEERS", "engineer", "Head of", "head  of", "x",
                                 " ", "-", "s", "İntern", "ınterns", "Leads", "VP", "vps",
                                 "ceo", "Cook", "cooks", "Sre", "e", "1"]), max_size=8)
       .map("".join))
def test_has_job_noun_answers_as_job_nouns_does(text: str) -> None:
    assert lexicon.has_job_noun(text) == (bool(lexicon.JOB_NOUNS.search(text))
                                          or lexicon.other_job_noun(text))


def test_has_job_noun_answers_as_job_nouns_does_on_postings() -> None:
    for line in _lines():
        assert lexicon.has_job_noun(line) == (bool(lexicon.JOB_NOUNS.search(line))
                                              or lexicon.other_job_noun(line)), line


def _old_key(phrase: str) -> str:
    phrase = re.sub(r"^\s*(the|near|greater|central|downtown)\s+", "", phrase.strip(), flags=re.I)
    phrase = re.sub(r"\s+(area|region|metro|hq|office)\.?$", "", phrase, flags=re.I)
    return re.sub(r"\s+", " ", phrase.strip(" .;:()[]")).lower()


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["the ", "THE ", "Greater ", "near", " ", "\t", "London", "Metro",
                                 " area", " Area.", " hq", " OFFİCE", "(", ")", ".", ",", "/",
                                 " - ", "remote", "Remote", "fully ", "anywhere", "ſan", "UK",
                                 "US-MO-Kansas City", "|"]), max_size=8).map("".join))
def test_places_read_as_before(phrase: str) -> None:
    from reviewer.core.words import places
    assert places._key(phrase) == _old_key(phrase)
    text = phrase.strip()
    old_remote = bool(re.fullmatch(r"(fully |100% )?remote\b.*|.*\bremote( only)?|anywhere",
                                   text, re.I))
    low = fold_case(text)
    assert (("remote" in low or "anywhere" in low) and bool(places._REMOTE.fullmatch(low))) \
        == old_remote


def test_the_quick_look_for_invisible_characters_misses_none() -> None:
    """``without_invisible`` looks for a plain class first and leaves text with none of
    it as it is: every character the full pattern takes out, beside any neighbour, is
    in that class."""
    from reviewer.core.words import text

    for code in range(0x110000):
        if 0xD800 <= code < 0xE000:
            continue
        char = chr(code)
        if any(text._INVISIBLE.search(f"{a}{char}{b}") for a, b in (("a", "b"), ("é", "é"))):
            assert text._ANY_INVISIBLE.search(char), hex(code)


def test_lines_with_no_invisible_character_skip_its_full_pattern(monkeypatch) -> None:
    """``normalise_lines`` and ``normalise_space`` (every text posting passes through the
    first) run the invisible characters' full pattern only on text that holds one."""
    from reviewer.core.words import text

    full = text._INVISIBLE

    class Counted:
        calls = 0

        def sub(self, *args: object) -> str:
            Counted.calls += 1
            return full.sub(*args)

    monkeypatch.setattr(text, "_INVISIBLE", Counted())
    assert text.normalise_lines("Data Engineer\r\nBerlin\t \r\n") == "Data Engineer\nBerlin\n"
    assert text.normalise_space(" Data \n Engineer ") == "Data Engineer"
    assert Counted.calls == 0
    assert text.normalise_lines("Data\u200b Engineer") == "Data Engineer"
    assert text.normalise_space("soft\u00adware") == "software"
    assert Counted.calls == 2


def test_the_control_characters_looked_for_one_by_one_are_the_patterns() -> None:
    """``without_controls`` and ``normalise_lines`` look for the characters of
    ``_CONTROL`` and ``_SEPARATOR`` one by one before running either pattern: the lists
    hold exactly the characters the patterns match."""
    from reviewer.core.words import text

    for pattern, chars in ((text._CONTROL, text._CONTROL_CHARS),
                           (text._SEPARATOR, text._SEPARATOR_CHARS)):
        assert {c for c in map(chr, range(0x110000)) if pattern.fullmatch(c)} == set(chars)


def test_a_page_with_no_control_character_skips_their_patterns(monkeypatch) -> None:
    """A page (or a text posting's lines) holding none of the control characters is not
    scanned by their patterns; one holding them loses them as before."""
    from reviewer.core.words import text

    calls = []

    class Counted:
        def __init__(self, pattern: re.Pattern[str]) -> None:
            self.pattern = pattern

        def sub(self, *args: object) -> str:
            calls.append(self.pattern.pattern)
            return self.pattern.sub(*args)

        def fullmatch(self, *args: object) -> object:
            return self.pattern.fullmatch(*args)

    monkeypatch.setattr(text, "_CONTROL", Counted(re.compile(text._CONTROL.pattern)))
    monkeypatch.setattr(text, "_SEPARATOR", Counted(re.compile(text._SEPARATOR.pattern)))
    page = "<p>Data Engineer &#38; &amp; Berlin\t\n</p>"
    assert text.without_controls(page) == page
    assert text.normalise_lines("Data Engineer\nBerlin") == "Data Engineer\nBerlin"
    assert calls == []
    assert text.without_controls("<p>a\x1b[2Jb\x1fc&#27;d</p>") == "<p>a[2Jb cd</p>"
    assert text.normalise_lines("a\x00b") == "ab"
    assert len(calls) == 3
