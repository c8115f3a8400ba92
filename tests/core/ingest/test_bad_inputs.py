"""Each kind of bad input the hostile run found, one at a time (see tests/e2e/hostile.py)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reviewer.core.clean import clean, gave_up
from reviewer.core.ingest import Item, Skipped, UnreadableError, decode, iter_inputs, read_file
from reviewer.core.record_check import record_problem
from reviewer.core.words import valid_unicode


@pytest.mark.parametrize("charset", ["undefined", "rot13", "base64", "x-bogus", "utf-7"])
def test_a_declared_charset_that_cannot_decode_falls_back(charset: str) -> None:
    data = f'<meta charset="{charset}"><p>Caf\xe9 in Leeds</p>'.encode("latin-1")
    assert "Leeds" in decode(data)


@pytest.mark.parametrize("codec", ["utf-32", "utf-32-be"])
def test_utf32_with_its_byte_order_mark_is_read(codec: str) -> None:
    text = "Data Engineer in Zürich\n"
    data = text.encode(codec)
    data = data if codec == "utf-32" else b"\x00\x00\xfe\xff" + data
    assert decode(data) == text


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_read(codec: str) -> None:
    text = "Data Engineer in Zürich\n\nWe use Python and SQL. 東京 too.\n"
    assert decode(text.encode(codec)) == text
    with pytest.raises(UnreadableError, match="binary"):
        decode(bytes(range(256)) * 20)


def test_a_utf8_line_over_windows_1252_lines_is_read_line_by_line() -> None:
    """It was read as ISO-8859-2 whole: "DĂŠveloppeur", and the euro sign a control."""
    mixed = ("Développeur à Paris\n\n".encode() + "Salaire: 50 000 € par an. Société "
             "Générale à Paris, télétravail possible.\n".encode("cp1252"))
    assert decode(mixed) == ("Développeur à Paris\n\nSalaire: 50 000 € par an. Société "
                             "Générale à Paris, télétravail possible.\n")


@pytest.mark.parametrize(("codec", "body"), [
    ("cp1250", "Wymagania: doświadczenie z Python. Wynagrodzenie 15 000 złotych miesięcznie."),
    ("cp1251", "Требования: опыт работы с Python от 3 лет. Зарплата от 200 000 руб."),
    ("cp1253", "Απαιτήσεις: εμπειρία με Python. Μισθός 30.000 €."),
])
def test_a_utf8_line_over_lines_of_another_single_byte_code_reads_both(
        codec: str, body: str) -> None:
    """Those lines were read as windows-1252 ("doœwiadczenie", "z³"), or the file
    refused."""
    title = "Data Engineer — Kraków €\n"
    assert decode(title.encode() + (body + "\n").encode(codec) * 5) == title + (body + "\n") * 5


@pytest.mark.parametrize("text", [
    "Bureaux de 120 m³ à Lyon, près de la gare.", "Oficina de 80 m³ en Logroño, España.",
    "Büro mit 200 m³ in München, nahe am Bahnhof."])
def test_a_sign_after_a_word_keeps_windows_1252(text: str) -> None:
    """A rule that read "m³" as the word-ending "mł" of windows-1250 turned every "à"
    into "ŕ" and "ñ" into "ń"."""
    data = (text + "\n").encode("cp1252") * 3
    assert decode(data) == (text + "\n") * 3
    title = "Développeur — Lyon\n"
    assert decode(title.encode() + data) == title + (text + "\n") * 3


def test_utf8_with_a_stray_byte_of_another_encoding_keeps_its_utf8() -> None:
    """One byte of windows-1252 in a UTF-8 file (text pasted together): that byte is
    read as windows-1252, not the whole file (every other accent garbled)."""
    mixed = b"Location: Z\xc3\xbcrich\nCompany: M\xc3\xbcller AG\nWe offer caf\xe9.\n"
    assert decode(mixed) == "Location: Zürich\nCompany: Müller AG\nWe offer café.\n"
    assert decode("Zürich, café, Müller".encode("cp1252")) == "Zürich, café, Müller"
    assert decode("Zürich".encode()) == "Zürich"
    # a short text of windows-1252 that holds one pair of bytes that is also UTF-8 (É”)
    assert decode('Offre: "ÉTÉ”'.encode("cp1252")) == 'Offre: "ÉTÉ”'


@pytest.mark.parametrize(("tail", "read"), [
    ("Ingénieur München – Zürich, 東京\n".encode() + b"stray byte \x96 here\n",
     "Ingénieur München – Zürich, 東京\nstray byte – here\n"),
    ("Work at the café … pay £100 a day.\n".encode("cp1252"),
     "Work at the café … pay £100 a day.\n"),
    ("Требования: опыт работы с Python. Зарплата 200 000 руб.\n".encode("cp1251"),
     "Требования: опыт работы с Python. Зарплата 200 000 руб.\n"),
], ids=["utf-8 and a stray byte", "windows-1252", "windows-1251"])
def test_accents_after_an_ascii_start_of_200_kb_decide_the_encoding(
        tail: bytes, read: str) -> None:
    """The encoding was guessed from the first 200 KB alone, all ASCII: "ascii", and
    every letter beyond it further on became "�", valid UTF-8 too."""
    start = "We build rockets and ship code. Location: Rome.\n" * 5000
    assert decode(start.encode() + tail) == start + read


def test_a_page_is_never_read_as_ebcdic() -> None:
    """Thousands of one letter over a line of French in windows-1252 were read as EBCDIC
    (cp037, the code of IBM's mainframes): every letter another ("a" as "/")."""
    text = "a" * 5000 + "\nPoste de développeur à Montréal, rémunération élevée. "
    assert decode(text.encode("cp1252")) == text


def test_a_large_file_in_a_code_of_two_bytes_a_character_is_guessed_from_whole_lines() -> None:
    """Its first 200 KB, cut inside a character, were guessed from: the guess failed, and
    the file was read as windows-1252 ("¼ÒÇÁÆ®")."""
    text = "소프트웨어 엔지니어 채용. 근무지: 서울 강남구. 급여는 협의 가능합니다.\n" * 4000
    assert decode(text.encode("cp949")) == text
    # one line (minified HTML, a JSON file): cut inside a character all the same
    line = "채용 공고: 데이터 엔지니어 모집합니다. 경력 3년 이상, 파이썬과 SQL 능숙자 우대. "
    for pad in range(4):
        text = "<p>" + "x" * pad + line * 2500 + "</p>"
        assert decode(text.encode("euc-kr")) == text, pad
    # a short first line above it: the sample was that line alone (19 bytes), misread
    text = "<title>채용</title>\n<p>" + line * 2500 + "</p>"
    assert decode(text.encode("euc-kr")) == text


@pytest.mark.parametrize(("codec", "text"), [
    ("cp1250", "Firma Łódź Spółka z o.o. poszukuje programisty. Wymagana znajomość języka "
               "angielskiego, doświadczenie w Pythonie. Miejsce pracy: Kraków, Gdańsk. "
               "Spółka działa od 2010 roku."),
    ("cp1250", "Hľadáme vývojára do tímu v Bratislave. Ponúkame prácu z domu, Žilina. "
               "Požiadavky: ľahká orientácia, vzťahy."),
    ("cp1252", "Wir suchen einen Softwareentwickler (m/w/d) für unser Büro in München. "
               "Gehalt: 60.000 € – 70.000 €. Größe des Teams: 12."),
    ("cp1252", "Senior Data Engineer — London. Salary £60,000–£70,000. We’re a café chain; "
               "naïve résumé parsing is not our thing."),
    ("cp1252", "Buscamos ingeniero en España. ¿Hablas inglés? Oficina nº 5, 1ª planta."),
    ("cp1252", "Procuramos programador em São Paulo. Salário competitivo, ótimo ambiente."),
    ("cp1252", "Café manager needed in Leeds. £9.50 an hour."),
    ("cp1252", "We are hiring … London…apply now. Acme™Cloud pays £50k."),
    ("cp1252", "Développeur confirmé…Paris, “senior”•remote"),
    # "¿" glued before a capital (blocks joined) is Spanish, not a Polish "ż"
    ("cp1252", "Señor developer en España, el puesto¿Te interesa? ¡Únete!"),
    ("cp1252", "Buscamos diseñador.¿Tienes experiencia?¿Te interesa?¿Quieres más?"),
    ("cp1250", "Specjalista ds. sprzedaży"),
    ("cp1250", "Spółka z o.o. zatrudni kierowcę"),
    ("cp1250", "Predavač, Veľký Krtíš"),
])
def test_a_central_european_code_page_is_told_from_windows_1252(codec: str,
                                                                  text: str) -> None:
    """Text with no declaration in a single-byte code page: windows-1252 unless another
    Latin code page reads as letters the bytes that windows-1252 reads as signs inside
    words ("Spó³ka": "Spółka"). Excel writes CSV so in Poland or Slovakia."""
    assert decode(text.encode(codec)) == text


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_read_file_refuses_pipes_and_devices(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    for path in (fifo, Path("/dev/zero")):
        with pytest.raises(UnreadableError, match="not a regular file"):
            read_file(path)
    # inside a folder too: said, not passed over in silence
    [result] = list(iter_inputs([tmp_path]))
    assert isinstance(result, Skipped) and result.source == str(fifo)
    assert "not a regular file" in result.reason


def test_lone_surrogates_and_names_that_are_not_utf8_become_valid(tmp_path: Path) -> None:
    assert valid_unicode("a\ud800b") == "a\ufffdb"
    name = os.fsdecode(os.fsencode(tmp_path) + b"/bad-\xff.txt")
    Path(name).write_text("Engineer in Leeds who knows SQL and Python", encoding="utf-8")
    (tmp_path / "s.jsonl").write_text('{"text": "Engineer \\ud800 in Leeds", '
                                      '"n": 123456789012345678901234567890}\n')
    results = list(iter_inputs([tmp_path]))
    assert all(isinstance(r, Item) for r in results)
    for result in results:
        result.source.encode("utf-8")
        result.text.encode("utf-8")
    by_text = {r.text: r for r in results if isinstance(r, Item)}
    assert by_text["Engineer \ufffd in Leeds"].metadata == {"n": "123456789012345678901234567890"}


def test_a_zip_of_an_unknown_version_or_with_nothing_to_read_says_so(tmp_path: Path) -> None:
    import zipfile

    empty = tmp_path / "empty.zip"
    zipfile.ZipFile(empty, "w").close()
    (skipped,) = list(iter_inputs([empty]))
    assert isinstance(skipped, Skipped) and "holds no file that import reads" in skipped.reason


@pytest.fixture
def json_reader_broken(monkeypatch: pytest.MonkeyPatch) -> None:
    """The JSON files' reader fails, as a bug in it would."""
    from reviewer.core.ingest import inputs

    def broken(*_args: object) -> None:
        raise RuntimeError("a reader's bug")

    monkeypatch.setattr(inputs, "read_json", broken)


@pytest.mark.usefixtures("json_reader_broken")
def test_an_exception_inside_a_reader_costs_that_input_only(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text("[]")
    (tmp_path / "b.txt").write_text("Engineer in Leeds who knows SQL")
    results = list(iter_inputs([tmp_path / "a.json", tmp_path / "b.txt"]))
    assert isinstance(results[0], Skipped) and "a reader's bug" in results[0].reason
    assert isinstance(results[1], Item)


@pytest.mark.usefixtures("json_reader_broken")
def test_an_exception_inside_a_reader_costs_that_file_of_a_folder_only(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Engineer in Leeds who knows SQL")
    (tmp_path / "b.json").write_text("[]")
    (tmp_path / "c.txt").write_text("Analyst in York who knows Excel")
    results = list(iter_inputs([tmp_path]))
    assert [(type(r).__name__, Path(r.source).name) for r in results] == [
        ("Item", "a.txt"), ("Skipped", "b.json"), ("Item", "c.txt")]


def test_a_number_too_long_to_read_costs_neither_its_line_nor_its_file(tmp_path: Path) -> None:
    """A number past the 4,300 digits Python reads as an integer cost its whole line or
    file ("not readable"): it is its digits, as a cell that is not a field's."""
    huge = "9" * 5000
    lines = ['{"text": "Software Engineer at Acme, Berlin."}',
             '{"text": "Data Engineer at Beta, Paris.", "work_hours": ' + huge + "}",
             '{"text": "QA Engineer at Gamma, Rome."}']
    (tmp_path / "a.jsonl").write_text("\n".join(lines) + "\n")
    (tmp_path / "b.json").write_text('[{"text": "Designer in Oslo", "n": ' + huge + "}]")
    (tmp_path / "c.txt").write_text("Analyst in York who knows Excel")
    results = list(iter_inputs([tmp_path]))
    assert [(type(r).__name__, r.source.rsplit("/", 1)[-1]) for r in results] == [
        ("Item", "a.jsonl#1"), ("Item", "a.jsonl#2"), ("Item", "a.jsonl#3"),
        ("Item", "b.json#1"), ("Item", "c.txt")]


@pytest.mark.parametrize("suffix", ["jsonl", "json"])
def test_a_page_that_is_a_number_too_long_to_read_is_a_number_not_text(
    tmp_path: Path, suffix: str
) -> None:
    """Its digits were imported as the posting's text, where a number of five digits is
    skipped; kept beside a page, they are the row's metadata still."""
    huge = "9" * 5000
    rows = ['{"text": 12345}', '{"text": ' + huge + "}", '{"html": ' + huge + "}",
            '{"text": "Data Engineer at Beta, Paris.", "ref": ' + huge + "}"]
    data = tmp_path / f"rows.{suffix}"
    data.write_text("\n".join(rows) + "\n" if suffix == "jsonl" else f"[{','.join(rows)}]")
    results = list(iter_inputs([data]))
    assert [r.reason for r in results if isinstance(r, Skipped)] == [
        "the 'text' value is a number, not text", "the 'text' value is a number, not text",
        "the 'html' value is a number, not text"]
    [item] = [r for r in results if isinstance(r, Item)]
    assert item.text == "Data Engineer at Beta, Paris." and item.metadata == {"ref": huge}


def test_an_exported_record_with_a_number_too_long_to_read_is_not_stored(
    tmp_path: Path,
) -> None:
    """Its text or its reviewer of such a number was stored as the number's digits."""
    huge = "9" * 5000
    record = ('{"text": %s, "fields": {}, "provenance": {}, "raw_hash": "abc", '
              '"schema_version": 1, "reviewer": %s, "metadata": {"ref": %s}}')
    lines = [record % (huge, '"ann"', "1"), record % ('"Data Engineer"', huge, "1"),
             record % ('"Data Engineer"', '"ann"', huge)]
    (tmp_path / "a.jsonl").write_text("\n".join(lines) + "\n")
    results = list(iter_inputs([tmp_path / "a.jsonl"]))
    assert [getattr(r, "reason", "") for r in results] == [
        "an exported record that cannot be stored: 'text' holds a number of 5,000 digits",
        "an exported record that cannot be stored: 'reviewer' holds a number of 5,000 "
        "digits", ""]
    assert results[2].metadata == {"ref": huge}


@pytest.mark.parametrize(("change", "problem"), [
    ({"status": "bogus"}, "unknown status"),
    ({"fields": {"title": 5}}, "not text"),
    ({"fields": {"salary": {"min": "x"}}}, "not a number"),
    ({"spans": [{"start": -5, "end": 10**12, "label": "SKILL"}]}, "outside the text"),
    ({"id": 2**70}, "64-bit"),
    ({"provenance": {"title": "maybe"}}, "not a field and a state"),
    ({"machine": {"title": {"value": "x", "spans": [[0, 99]]}}}, "offsets"),
])
def test_records_of_the_wrong_shape_are_named(change: dict[str, object], problem: str) -> None:
    record = {"raw_hash": "h", "text": "Engineer", "fields": {}, "provenance": {}, **change}
    assert problem in (record_problem(record) or "")
    assert record_problem({"raw_hash": "h", "text": "Engineer", "fields": {},
                           "provenance": {}}) is None


def test_pages_the_parser_would_take_minutes_on_are_refused_at_once() -> None:
    deep = clean("<html><body>" + "<ul><li>x" * 100_000 + "</body></html>", "html")
    assert "nests elements over" in (gave_up(deep) or "")
    wide = " ".join(f'a{i}="v"' for i in range(500_000))
    assert "attributes" in (gave_up(clean(f"<div {wide}>x</div>", "html")) or "")
    # sloppy but real: thousands of unclosed paragraphs and items nest nothing
    sloppy = "<div>" + "<p>A paragraph of the posting" * 6000 + "<ul>" + "<li>item" * 6000
    assert gave_up(clean(sloppy, "html")) is None


@pytest.mark.parametrize(("error", "said"), [
    (RecursionError("maximum recursion depth exceeded"), "nests too deeply"),
    (MemoryError(), "too large to clean in the memory"),
    (ValueError("SelectolaxError: bad"), "could not be parsed (ValueError: SelectolaxError"),
])
def test_a_page_the_cleaner_fails_on_is_said_for_a_person(
        monkeypatch: pytest.MonkeyPatch, error: BaseException, said: str) -> None:
    import reviewer.core.clean as cleaning

    def fails(*_args: object) -> None:
        raise error

    monkeypatch.setattr(cleaning, "clean_text", fails)
    reason = gave_up(clean("Engineer in Leeds", "text")) or ""
    assert reason.startswith("cleaning gave up: ") and said in reason


def test_a_line_repeating_a_heading_or_a_label_is_read_in_linear_time(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """'Skills: ' thousands of times on one line: each heading put on a line of its own
    held a copy of the rest of the line (gigabytes at 1 MB) until the cleaner gave up;
    'Location: ' repeated: each label's value was tried at every length up to the
    block's end (46 s at 160 kB)."""
    from reviewer.core.extract import prose_places
    from reviewer.core.pipeline import process

    skills = clean("Skills: " * 5000, "text")
    assert gave_up(skills) is None and skills.markdown.startswith("## Skills")
    tried: list[str] = []
    known = prose_places._known_place
    monkeypatch.setattr(prose_places, "_known_place",
                        lambda form, strict: tried.append(form) or known(form, strict))
    process("Location: " * 2000, "text")
    assert max(map(len, tried), default=0) < 200 and len(tried) < 2000 * 30


def test_json_ld_numbers_out_of_any_range_are_no_values() -> None:
    from reviewer.core.extract import extract

    page = ('<script type="application/ld+json">{"@type": "JobPosting", "title": "Engineer", '
            '"baseSalary": {"currency": "USD", "value": {"minValue": 12345678901234567890123,'
            ' "maxValue": 1e999}}}</script><h1>Engineer</h1><p>We want an engineer.</p>')
    fields = extract(clean(page, "html")).fields
    assert fields["title"] == "Engineer" and fields["salary"] is None
