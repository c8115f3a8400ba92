"""Extraction made cheap finds what it found before, and its work grows with the text.

Each rewritten step is compared with the step as it was (its pattern or code kept here)
on the sample postings, the development corpus when it is beside the project, and
generated text built from the words the patterns look for (case tricks included: "İ",
"ı", "ſ" and the Kelvin sign read as "i", "s" and "k" under re.I). Then the work: a
pattern tried only near the words it needs, no comparison per pair of cues, no
pattern compiled per company name, a name read back from a legal suffix, a cue or an
acronym's brackets in one match, and a text that took minutes now finishes.
"""

from __future__ import annotations

import itertools
import re
import signal
from collections.abc import Iterator
from typing import Any

import pytest
from corpus_texts import corpus_texts
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reviewer.core.extract import (
    closing,
    employer,
    name_before,
    patterns,
    prose_places,
    remote_mentions,
    skills,
)
from reviewer.core.extract.document import Block
from reviewer.core.extract.prose_words import Cue, head_noun
from reviewer.core.extract.salary import has_pay_hint
from reviewer.core.extract.vocab import WEEKLY_HOURS
from reviewer.core.pipeline import process

SETTINGS = settings(max_examples=400, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
TEXTS = corpus_texts(25)
_FRAGMENTS = [
    "5", "12", "١٢", " ", "  ", "\n", ".", ";", ",", "(", ")", "+", "-", "–", "'", "’", "a", "A",
    "year", "years", "YEARS", "yr", "yrs", "Yrs", "five", "FIVE", "fİve", "ſix", "twenty", "plus",
    " to ", " or ", "experience", "prefer", "Preferred", "preferably in", "desirable", "a plus",
    "required", "MUST", "ſhould", "bonus", "hours", "hrs", "h", "/", "per", "week", "Deadline",
    "apply by", "applications close", "submit your CV by", "no later than", "fully remote",
    "Remote (", "100% remote", "hybrid", "work from home", "full-time", "Part time",
    "internship", "6-month contract", "contractor role", "Ph.D. ", "Boston", "Founded",
    "founded", "incorporated", "established in", "İncorporated", ". ", "The ", "Acme", "Labs",
    "Group", "Inc.", "Team", "&", "x", "B", "Ea", "in Leeds",
    "\t", ", ", "’", "é", "ACME", "McKinsey", " of ", " de ", " and ", " for ", " Inc", " GmbH",
    " AG", "National River Data Agency ", "(NRDA)", "(ND)", " is hiring", ", is seeking",
    "A" * 41, "A" + "b" * 45, "Q" * 120, " " * 60,
]
fragments_text = st.lists(st.sampled_from(_FRAGMENTS), max_size=40).map("".join)


def _samples() -> Iterator[str]:
    """Each page whole, then some 1,500 of the lines they hold."""
    yield from TEXTS
    lines = {line.strip() for text in TEXTS for line in text.splitlines() if line.strip()}
    yield from sorted(lines)[::max(1, len(lines) // 1500)]


# --- the steps as they were ----------------------------------------------------------------

_OLD_YEARS = re.compile(  # (with the look-behind added since: no end of a larger number)
    r"(?<!\d)(?<!\d[.,])(?P<n>\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|"
    r"twenty)(?:\s*\(\d{1,2}\))?\s*(?:\+|plus)?\s*(?:(?:-|–|to|or)\s*\d{1,2}\s*)?\+?\s*"
    r"(?:years?|yrs?)(?:'|’)?(?P<tail>[^.;\n]{0,80})", re.I)
_OLD_PREFERRED = re.compile(r"prefer|desir(?:ed|able)|nice to have|a plus|bonus|ideally|"
                            r"advantage|asset|would be great", re.I)
_OLD_REQUIRED = re.compile(r"\brequired\b|\bmust\b|\bminimum\b|\bessential\b|\bmandatory\b",
                           re.I)
_OLD_HOURS = re.compile(r"\b(\d{1,2}(?:[.,]\d)?)\s*(?:(?:hours?|hrs?|h|heures?|horas|stunden|"
                        r"std\.?)\s*(?:/|per|a|each|par|por|pro|à la|a la|la|die|in der)\s*"
                        r"(?:week|semaine|semana|woche)\b|horas semanales\b|wochenstunden\b)", re.I)
_OLD_DEADLINE = re.compile(
    r"\b(?:apply by|applications? (?:close|closes|closing|due|deadline)|deadline|"
    r"closing date|no later than|submit .{0,40} by|accepted (?:until|through|till)|"
    r"accepting applications (?:until|through|till))\b.{0,50}", re.I)
_OLD_STRONG_REMOTE = re.compile(
    r"\b(fully remote|100% remote|remote[- ]first|remote position|remote role|remote job|"
    r"work from home|work from anywhere|remote \(|hybrid|100% remoto|100% homeoffice|"
    r"100% t[ée]l[ée]travail|100% teletrabajo|t[ée]l[ée]travail|teletrabajo|homeoffice|"
    r"home-office|mobiles arbeiten|remoto|h[íi]brido|hybride)\b", re.I)
_OLD_EMPLOYMENT = re.compile(
    r"\b(full[- ]time|part[- ]time|internship|fixed[- ]term|temporary|freelance|"
    r"vollzeit|teilzeit|unbefristet|befristet|festanstellung|temps plein|temps partiel|cdi|cdd|"
    r"jornada completa|media jornada|tiempo completo|tiempo parcial|contrato indefinido|"
    r"contrato temporal|praktikum|alternance|"
    r"contract(?:or)? (?:role|position|basis|assignment)|\d{1,2}[- ](?:month|year)s? contract)\b")
_OLD_SENTENCE_END = re.compile(r";|•|\.\s+(?=[A-Z])(?<!\b[A-Z]\.\s)(?<!\bPh\.D\.\s)|"
                               r"\.(?=[A-Z][a-z])|(?<=[a-z]{3})(?=[A-Z][a-z])")
_OLD_ABOUT_THE_FIRM = re.compile(r"(?i:founded|incorporated|established in)")


def _old_name_forms(text: str, name: str) -> list[str]:
    return [m.group(0) for m in re.finditer(
        r"(?<![\w&-])(?:The )?" + re.escape(name) + r"(?: [A-Z][\w&'’-]+){0,2} (?:"
        + employer._ORG_WORDS + r")(?:,? " + employer._LEGAL + r")?(?![\w&-])"
        r"(?! (?:[Tt]eams?|[Dd]epartment|[Dd]ivision)\b)", text)]


# (the name before a legal suffix as it is read forwards, its small words in any language)
_OLD_BEFORE_SUFFIX = re.compile(name_before._LEGAL_HEAD.pattern)
_OLD_NAME_BEFORE = re.compile(employer._NAME + r"$")
_OLD_SPELLED_OUT = re.compile(
    r"((?:[A-Z][\w&'’-]*[ \t]+(?:(?:of|and|for|&)[ \t]+)?){1,7})\(([A-Z]{2,6})\)")


def _old_spelled_out(text: str, name: str) -> str:
    for match in _OLD_SPELLED_OUT.finditer(text):
        words = match.group(1).split()
        if words and words[0] == "The":
            words = words[1:]
        if match.group(2) == name and "".join(w[0] for w in words if w[0].isupper()) == name:
            return " ".join(words)
    return name


def _old_asked_for(clause: str) -> bool:
    clause = patterns._SUBJECT_PREFERRED.sub("", clause)
    preferred = _OLD_PREFERRED.search(clause)
    return preferred is None or bool(_OLD_REQUIRED.search(clause[:preferred.start()]))


def _same(text: str) -> None:
    """Every rewritten step answers on ``text`` as the old one did."""
    old_years = [(m.span(), m.group("n"), m.group("tail")) for m in _OLD_YEARS.finditer(text)]
    new_years = [(m.span(), text[m.start("n"):m.end("n")], text[m.start("tail"):m.end("tail")])
                 for m in patterns._year_mentions(text)]
    assert new_years == old_years
    assert patterns._asked_for(text) == _old_asked_for(text)
    low = patterns.fold_case(text)
    for old, new in ((_OLD_HOURS, WEEKLY_HOURS), (_OLD_DEADLINE, closing._DEADLINE),
                     (_OLD_STRONG_REMOTE, remote_mentions._STRONG_REMOTE)):
        was = old.search(text)
        now = new.search(text if new.flags & re.I else low)
        assert (was and was.span()) == (now and now.span()), old.pattern
    was = _OLD_EMPLOYMENT.search(text.lower())
    found = [m for p in patterns._EMPLOYMENT_WORDS if (m := p.search(text.lower()))]
    now = min(found, key=lambda m: m.start()) if found else None
    assert (was and was.span()) == (now and now.span())
    block = Block("para", text, 0, len(text))
    assert patterns._own_clause(text, block, (0, 0), len(text)) == \
        _OLD_SENTENCE_END.split(text, maxsplit=1)[0]
    for name in ("Acme", "The", "T"):
        assert employer._name_forms(text, name) == _old_name_forms(text, name)
    history = prose_places._History()
    for at in range(0, len(text) + 1, max(1, len(text) // 50)):
        stop = text.rfind(". ", 0, at)
        assert history.before(text, at) == bool(
            _OLD_ABOUT_THE_FIRM.search(text, stop + 2 if stop >= 0 else 0, at))
    assert skills.is_lowercase_page(text) == (len(re.findall(r"[A-Z]", text)) < len(text) * 0.002)
    assert has_pay_hint(text) == (bool(re.search(r"[$£€¥₹₩₽₺₪֏]|zł", text)) or not
                                  skills_money_words().isdisjoint(re.findall("[a-z]+",
                                                                            text.lower())))
    for word in text.split()[:40]:
        assert head_noun(word) == (word.lower() in _more_nouns() or bool(re.fullmatch(
            employer_job_nouns_singular(), word.lower(), re.I)))


def _same_names(text: str) -> None:
    """The names read backwards start where the forward patterns found them: before each
    place a suffix (a capital after a space), a cue or a bracket may start; every place
    of a short text."""
    backwards = text[::-1]
    ends = range(len(text) + 1) if len(text) < 400 else [
        i for i in range(len(text) + 1)
        if (text[i - 1:i].isspace() and text[i:i + 1].isupper())
        or text[i:i + 1] in ",(" or text.startswith((" is ", " are "), i)]
    for end in ends:
        was = _OLD_BEFORE_SUFFIX.search(text, max(0, end - 220), end)
        assert name_before.legal_name_start(text, backwards, end) == \
            (was and was.start(1)), (text, end)
        for begin in {0, max(0, end - 200), max(0, end - 7)}:
            was = _OLD_NAME_BEFORE.search(text, begin, end)
            assert name_before.name_start(text, backwards, begin, end) == \
                (was and was.start(1)), (text, begin, end)
    for name in ("NRDA", "ND", "AB"):
        assert employer.fuller_name(text, name) == _old_spelled_out(text, name)


def skills_money_words() -> frozenset[str]:
    from reviewer.core.extract import salary
    return salary._MONEY_WORDS


def _more_nouns() -> frozenset[str]:
    from reviewer.core.extract import prose_words
    return prose_words._MORE_NOUNS


def employer_job_nouns_singular() -> str:
    from reviewer.core.words.lexicon import JOB_NOUNS
    return JOB_NOUNS.pattern.replace(")s?\\b", ")\\b")


def test_the_rewritten_steps_answer_as_before_on_postings() -> None:
    for text in _samples():
        _same(text)
    for text in TEXTS:
        _same_names(text[:3_000])


@SETTINGS
@given(fragments_text)
def test_the_rewritten_steps_answer_as_before_on_generated_text(text: str) -> None:
    _same(text)
    _same_names(text)


def test_towns_first_keeps_the_same_cues() -> None:
    block = Block("para", "x", 0, 1)
    cues = [Cue(v, block, (i, i + 1), w) for i, (v, w) in enumerate(
        [("Leeds", 1), ("United Kingdom", 1), ("Leeds", 1), ("Ohio", 3), ("Austin, TX", 2)])]
    assert prose_places.towns_first(cues) == [cues[0], cues[2], cues[3], cues[4]]
    only_areas = [c for c in cues if c.value in ("United Kingdom", "Ohio")]
    assert prose_places.towns_first(only_areas) == only_areas


# --- the work ------------------------------------------------------------------------------


def test_a_years_match_holds_few_characters_before_the_year() -> None:
    """What _year_mentions counts on: before "year" or "yr", a match holds the number and
    what may follow it, at most _YEARS_HEAD characters other than spaces."""
    from re import _parser  # type: ignore[attr-defined]
    head = patterns._YEARS.pattern.split("(?:years?|yrs?)")[0]
    assert head != patterns._YEARS.pattern
    assert _parser.parse(head.replace(r"\s*", "")).getwidth()[1] == patterns._YEARS_HEAD


def test_years_are_tried_only_just_before_a_year(monkeypatch: pytest.MonkeyPatch) -> None:
    """A line of a megabyte with three mentions: the pattern is tried at a few dozen
    places, never scanned along the line (as it was, case-blind, at every character)."""
    calls = {"match": 0, "search": 0}
    real = patterns._YEARS

    class Counting:
        def match(self, *args: Any) -> Any:
            calls["match"] += 1
            return real.match(*args)

        def search(self, *args: Any) -> Any:
            calls["search"] += 1
            return real.search(*args)

    monkeypatch.setattr(patterns, "_YEARS", Counting())
    words = "lorem ipsum dolor sit amet consectetur adipiscing elit sed do " * 20_000
    text = words + "5 years of experience " + words + "ten yrs in sales " + words + "yearly"
    found = [text[m.start():m.end()][:7] for m in patterns._year_mentions(text)]
    assert found == ["5 years", "ten yrs"]
    assert calls["search"] == 0 and calls["match"] < 3 * 60


def test_choosing_towns_compares_no_pair_of_cues(monkeypatch: pytest.MonkeyPatch) -> None:
    compared = 0

    def counting_eq(self: Cue, other: object) -> bool:
        nonlocal compared
        compared += 1
        return self is other

    monkeypatch.setattr(Cue, "__eq__", counting_eq)
    block = Block("para", "x", 0, 1)
    cues = [Cue(f"Town {i}", block, (i, i + 1), 1) for i in range(3000)]
    assert len(prose_places.towns_first(cues)) == 3000
    assert compared == 0  # (a membership test per cue made 4.5 million)


def test_a_fuller_name_compiles_no_pattern_for_the_name(monkeypatch: pytest.MonkeyPatch) -> None:
    compiled: list[str] = []
    real = re._compile  # type: ignore[attr-defined]

    def counting(pattern: Any, flags: Any) -> Any:
        compiled.append(str(pattern))
        return real(pattern, flags)

    monkeypatch.setattr(re, "_compile", counting)
    text = "Join Zorblax today. Zorblax Analytics, Inc. builds tools; Zorblax Analytics grows."
    assert employer.fuller_name(text, "Zorblax") == "Zorblax Analytics, Inc."
    assert not [p for p in compiled if "Zorblax" in p]


def _alarm(seconds: int) -> None:
    def fail(*_: object) -> None:
        raise TimeoutError(f"over {seconds} s: the work grows faster than the text")
    signal.signal(signal.SIGALRM, fail)
    signal.alarm(seconds)


@pytest.mark.skipif(not hasattr(signal, "SIGALRM"), reason="needs SIGALRM")
def test_a_long_sentence_of_many_degrees_finishes() -> None:
    """20,000 degrees named in one sentence of 320 KB: over three minutes before (each
    "in Physics" sent a scan back to the sentence's start, each degree was looked up in
    the list of all of them); well under a second now. The alarm only stops a run that
    has gone back to the old way."""
    text = "Requirements\n\n" + " x ".join(["BS in Physics"] * 20_000) + "\n"
    _alarm(60)
    try:
        result = process(text, "text")
    finally:
        signal.alarm(0)
    assert result.extraction.fields["education"] == "bachelor"


def test_a_name_at_the_reach_of_a_suffix_is_read_as_before() -> None:
    """A name reaching 220 characters back from its suffix: the letter before decides."""
    for lead, spaces in itertools.product(("x", " ", "-", "&", ""), (210, 211, 212)):
        text = lead + "Aaaa" + " " * spaces + "Bbbb " + "Inc"
        was = _OLD_BEFORE_SUFFIX.search(text, max(0, len(text) - 3 - 220), len(text) - 3)
        assert name_before.legal_name_start(text, text[::-1], len(text) - 3) == \
            (was and was.start(1))


class _Counting:
    def __init__(self, real: Any) -> None:
        self.real, self.calls = real, 0

    def __getattr__(self, method: str) -> Any:
        def call(*args: Any) -> Any:
            self.calls += 1
            return getattr(self.real, method)(*args)
        return call


def test_a_line_of_suffixes_reads_one_name_a_suffix_up_to_a_bound(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """200,000 of " Inc" on a line: a name read by one match for each of the first
    suffixes, none searched for forwards from 220 characters back."""
    back = _Counting(name_before._LEGAL_HEAD_BACK)
    forwards = _Counting(name_before._LEGAL_HEAD)
    monkeypatch.setattr(name_before, "_LEGAL_HEAD_BACK", back)
    monkeypatch.setattr(name_before, "_LEGAL_HEAD", forwards)
    names = employer._legal_names("Acme Analytics is hiring in Berlin.\n\n" + " Inc" * 200_000,
                                  english=True)
    assert len(names) == employer.MOST_MATCHES - 1  # (the first has no name before it)
    assert names[-1][0] == "Inc Inc Inc Inc Inc Inc"
    assert back.calls == employer.MOST_MATCHES and forwards.calls == 0


@pytest.mark.skipif(not hasattr(signal, "SIGALRM"), reason="needs SIGALRM")
@pytest.mark.parametrize("tail", [" Inc" * 500_000, " GmbH" * 400_000,
                                  "NRDA is hiring. NRDA is hiring.\n\n" + "B" * 100_000])
def test_a_page_of_legal_suffixes_or_of_capitals_finishes(tail: str) -> None:
    """Two megabytes of " Inc" or of " GmbH" on a line took 50 s; 100 KB of capitals
    after an acronym that names the employer, minutes (each capital started a match
    read to the run's end). About a second now; the alarm only stops a run gone back
    to the old way."""
    text = "Senior Data Engineer\n\nAcme Analytics is hiring in Berlin.\n\n" + tail
    _alarm(30)
    try:
        result = process(text, "text")
    finally:
        signal.alarm(0)
    assert result.extraction.fields["company"] in ("Inc Inc Inc Inc Inc Inc",
                                                   "GmbH GmbH GmbH GmbH GmbH GmbH", "NRDA")
