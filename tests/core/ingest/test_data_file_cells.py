"""A data file's cells read as field values: lists parted where their writer parted
them, never inside a figure or a bracket."""

from __future__ import annotations

import json
from typing import Any

import pytest

from reviewer.core.ingest.values import normalise


@pytest.mark.parametrize(("target", "cell", "value"), [
    ("benefits", "$5,000 signing bonus, 401(k) match, 1,500 EUR training budget",
     ["$5,000 signing bonus", "401(k) match", "1,500 EUR training budget"]),
    ("skills", "Python (pandas, numpy), SQL", ["Python (pandas, numpy)", "SQL"]),
    ("skills", "Python [3.11, 3.12]; Go", ["Python [3.11, 3.12]", "Go"]),
    ("locations", "Berlin (Mitte; Kreuzberg); Munich", ["Berlin (Mitte; Kreuzberg)", "Munich"]),
    ("skills", "C,C++,Rust", ["C", "C++", "Rust"]),
    ("benefits", "dental,12,000 days", ["dental", "12,000 days"]),
    ("benefits", "pension, 1,5 days remote", ["pension", "1,5 days remote"]),  # a decimal
    ("benefits", "€1.234,56 bonus, gym", ["€1.234,56 bonus", "gym"]),
    ("skills", "Python (pandas, SQL", ["Python (pandas", "SQL"]),  # a bracket left open
])
def test_a_list_is_parted_outside_figures_and_brackets(target: str, cell: str,
                                                        value: Any) -> None:
    assert normalise(target, cell) == value


def test_a_row_without_the_column_given_for_a_field_gives_it_no_value(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """`--map title=Headline`: a JSONL row with no Headline has no title from the columns,
    not the one of a column named "title" (a code, here); `--column body`: a row with no
    body is skipped and said, not imported with another key's text as its page."""
    from reviewer.cli import main
    from reviewer.core.store import Store

    def imported(name: str, lines: str, *options: str) -> list[Any]:
        data = tmp_path / f"{name}.jsonl"
        data.write_text(lines, encoding="utf-8")
        assert main(["import", str(tmp_path / f"{name}.db"), str(data), *options]) == 0
        with Store(tmp_path / f"{name}.db") as store:
            return list(store.records.all(reviewed_only=False))

    rows = imported("rows", '{"text": "Row one body.", "Headline": "Data Engineer", '
                            '"title": "c-1"}\n{"text": "Row two body.", "title": "c-2"}\n',
                    "--map", "title=Headline")
    assert sorted(str(r["fields"]["title"]) for r in rows) == ["Data Engineer", "None"]
    pages = imported("pages", '{"body": "Senior Data Engineer at Acme. Python, SQL.", '
                              '"text": "x 1"}\n{"text": "a teaser"}\n', "--column", "body")
    assert [r["source"] for r in pages] == [f"{tmp_path / 'pages.jsonl'}#1"]


def test_a_csv_row_of_more_cells_than_the_header_is_said_not_imported_shifted(
        tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A comma outside quotes ("Senior Dev, Backend") makes a row one cell longer: its
    cells no longer stand under their columns (company "Backend", location "Acme"). The
    row is skipped with the reason; empty cells past the header (a trailing comma) and
    short rows are read as before."""
    from reviewer.core.ingest.columns import Mapper
    from reviewer.core.ingest.csvfiles import read_csv
    from reviewer.core.ingest.items import Skipped

    text = ("text,title,company,location\n"
            "Row one body.,Senior Dev, Backend,Acme,Berlin\n"
            "Row two body.,Dev,Acme,Paris,,\n"
            "Row three body.,Dev\n")
    results = list(read_csv("f.csv", text, Mapper()))
    skipped = [r for r in results if isinstance(r, Skipped)]
    assert [s.source for s in skipped] == ["f.csv#1"]
    assert "5 cells" in skipped[0].reason and "4 columns" in skipped[0].reason
    assert len(results) == 3


@pytest.mark.parametrize(("sep", "end"), [(",", "\n"), (";", "\r\n"), ("\t", "\n")])
def test_a_quote_left_open_in_a_csv_row_is_said_not_merged_with_the_next_row(
        sep: str, end: str) -> None:
    """A quote opened in a row and not closed there ran on into the next row, whose own
    opening quote closed it: the two rows were imported as one posting with the second's
    title, without a word. They are skipped, said; the other rows come in as before, a
    cell of several lines too, numbered as the file's rows."""
    from reviewer.core.ingest.columns import Mapper
    from reviewer.core.ingest.csvfiles import read_csv
    from reviewer.core.ingest.items import Item, Skipped

    rows = ['"Posting one. Location: Rome,A', '"Posting two. Location: Paris",B',
            '"Posting three.\nLocation: Oslo",C', "Posting four. Location: Bern,D"]
    text = end.join(row.replace(",", sep) for row in ["text,title", *rows]) + end
    results = list(read_csv("f.csv", text, Mapper()))
    skipped = [(r.source, r.reason) for r in results if isinstance(r, Skipped)]
    assert [source for source, _ in skipped] == ["f.csv#1"]
    assert "quote opened in row 1" in skipped[0][1] and "rows 1–2" in skipped[0][1]
    assert [(r.source, r.text, r.given) for r in results if isinstance(r, Item)] == [
        ("f.csv#3", "Posting three.\nLocation: Oslo", {"title": "C"}),
        ("f.csv#4", "Posting four. Location: Bern", {"title": "D"})]


@pytest.mark.parametrize(("sep", "end"), [(",", "\n"), (";", "\r\n"), ("\t", "\n")])
def test_a_cell_of_several_lines_with_a_space_after_its_closing_quote_is_read(
        sep: str, end: str) -> None:
    """'"Line one\nline two" ,A' (a space between the closing quote and the next cell),
    read as ever, was skipped as a quote closed in the middle of a later line, the row
    after it numbered one too far; the same row on one line is read."""
    from reviewer.core.ingest.columns import Mapper
    from reviewer.core.ingest.csvfiles import read_csv
    from reviewer.core.ingest.items import Item, Skipped

    rows = ['"Posting one.\nLocation: Rome" ,A', '"Posting two. Location: Paris",B',
            'Posting three,"Data\nEngineer" ']
    text = end.join(row.replace(",", sep) for row in ["text,title", *rows]) + end
    results = list(read_csv("f.csv", text, Mapper()))
    assert not [r for r in results if isinstance(r, Skipped)]
    assert [(r.source, r.given.get("title")) for r in results if isinstance(r, Item)] == [
        ("f.csv#1", "A"), ("f.csv#2", "B"), ("f.csv#3", "Data Engineer")]


def test_pay_whose_columns_say_another_currency_or_period_than_its_text_is_left_out() -> None:
    """"$50,000 - $60,000 a year" with currency EUR and period month was stored as EUR a
    month; the same clash in the min and max columns was refused. Columns that agree
    with the text, or add what it leaves unsaid, are taken."""
    from reviewer.core.ingest.values import given_values

    given, problems = given_values({"salary": "$50,000 - $60,000 a year",
                                    "salary_currency": "EUR", "salary_period": "month"})
    assert "salary" not in given
    assert [p[0] for p in problems] == ["salary"] and "left out whole" in problems[0][2]
    given, problems = given_values({"salary": "USD 50,000 - 60,000 a year",
                                    "salary_currency": "EUR"})
    assert "salary" not in given and "USD" in problems[0][2]
    # a sign several currencies write ($: AUD, CAD …; ¥: CNY, JPY): the column says which
    for pay, code in (("$60,000 a year", "AUD"), ("¥500,000 a month", "CNY")):
        given, problems = given_values({"salary": pay, "salary_currency": code})
        assert problems == [] and given["salary"]["currency"] == code
    given, problems = given_values({"salary": "$50,000 - $60,000 a year",
                                    "salary_period": "month"})
    assert "salary" not in given and "month" in problems[0][2]
    given, problems = given_values({"salary": "$50,000 - $60,000 a year",
                                    "salary_currency": "USD", "salary_period": "year"})
    assert problems == [] and given["salary"] == {"min": 50000, "max": 60000,
                                                  "currency": "USD", "period": "year"}
    # one amount beside the range columns says no other range: the columns' range stands
    given, problems = given_values({"salary": "$55,000", "salary_min": "50000",
                                    "salary_max": "60000"})
    assert problems == [] and (given["salary"]["min"], given["salary"]["max"]) == (50000, 60000)
    given, problems = given_values({"salary": "€50,000 - €60,000", "salary_period": "month"})
    assert problems == [] and given["salary"] == {"min": 50000, "max": 60000,
                                                  "currency": "EUR", "period": "month"}


def test_an_empty_page_cell_gives_way_to_the_next_page_column() -> None:
    """A CSV's description empty and its description_html filled: the row was skipped
    ("the 'description' cell is empty"); a JSON "" as well, where null gave way."""
    from reviewer.core.ingest.columns import Mapper
    from reviewer.core.ingest.csvfiles import read_csv
    from reviewer.core.ingest.items import Skipped

    text = ('description,description_html\n'
            ',"<p>Senior Data Engineer at Acme, Berlin.</p>"\n'
            '"  ","<p>Analyst at Initech.</p>"\n')
    results = list(read_csv("f.csv", text, Mapper()))
    assert not [r for r in results if isinstance(r, Skipped)]
    assert [r.kind for r in results] == ["html", "html"]  # type: ignore[union-attr]


@pytest.mark.parametrize("sep", [";", "\t"])
def test_a_csv_parted_by_semicolons_or_tabs_is_read_by_its_columns(sep: str) -> None:
    """Excel writes ";" where a comma is the decimal mark, and tabs as "Unicode text":
    such a file was refused ("no page column … pass --column"), and --column made each
    whole row one page."""
    from reviewer.core.ingest.columns import Mapper
    from reviewer.core.ingest.csvfiles import read_csv

    text = sep.join(["Job Title", "Company", "Description"]) + "\n" + sep.join(
        ["Data Engineer", "Acme, Inc.", '"Build pipelines; in Berlin, 3,5 days"']) + "\n"
    [item] = list(read_csv("f.csv", text, Mapper()))
    assert item.text == "Build pipelines; in Berlin, 3,5 days"  # type: ignore[union-attr]
    assert item.given == {"title": "Data Engineer", "company": "Acme, Inc."}  # type: ignore[union-attr]


def test_json_of_postings_under_any_one_key_or_by_their_ids_is_read() -> None:
    """{"jobs": [...], "meta": {...}} (a job board's API) and {"job1": {...}, ...} were
    refused, saying the file had no page key, when each inner object has one."""
    import json

    from reviewer.core.ingest.columns import Mapper
    from reviewer.core.ingest.datafiles import read_json

    board = {"jobs": [{"content": "Data Engineer at Acme.", "title": "G1"},
                      {"content": "Analyst at Initech.", "title": "G2"}],
             "meta": {"total": 2}}
    found = list(read_json("b.json", json.dumps(board), Mapper()))
    assert [(i.source, i.text) for i in found] == [  # type: ignore[union-attr]
        ("b.json#1", "Data Engineer at Acme."), ("b.json#2", "Analyst at Initech.")]
    by_id = {"job1": {"text": "Object one body.", "title": "T1"},
             "job2": {"text": "Object two body.", "title": "T2"}}
    found = list(read_json("o.json", json.dumps(by_id), Mapper()))
    assert [(i.source, i.given["title"]) for i in found] == [  # type: ignore[union-attr]
        ("o.json#job1", "T1"), ("o.json#job2", "T2")]


def test_json_postings_are_found_where_they_hold_their_page() -> None:
    """One posting with a list of places, its page named by --column, was read as that
    list of "postings"; a page's array under "content" (a page name) was taken for a
    page; a list of facets beside the jobs, or of strings under "data", hid them."""
    import json

    from reviewer.core.ingest.columns import Mapper
    from reviewer.core.ingest.datafiles import read_json
    from reviewer.core.ingest.items import Skipped

    def read(doc: object, mapper: Mapper | None = None) -> list[Any]:
        return list(read_json("f.json", json.dumps(doc), mapper or Mapper()))

    one = {"jobBody": "Data Engineer at Acme, Berlin.",
           "jobLocation": [{"@type": "Place", "name": "Berlin"}]}
    [posting] = read(one, Mapper(page_column="jobBody"))
    assert posting.text == "Data Engineer at Acme, Berlin."
    jobs = [{"text": "Analyst at Initech."}, {"text": "Developer at Globex."}]
    for doc in ({"content": jobs, "totalElements": 2},
                {"jobs": jobs, "meta": {}, "facets": [{"name": "city", "count": 2}]},
                {"data": ["a", "b"], "jobs": jobs}):
        assert [p.text for p in read(doc)] == ["Analyst at Initech.", "Developer at Globex."]
    [empty] = read({"jobs": [], "meta": {"total": 0}})
    assert isinstance(empty, Skipped) and empty.reason == "no postings in the file"
    # a posting whose page is null is that posting (refused, said), not its similar jobs
    [null] = read({"html": None, "title": "A", "similar": [{"html": "<p>other</p>"}]})
    assert isinstance(null, Skipped) and null.source == "f.json" and "null" in null.reason
    # postings under a key whose page is null are each said, not the file
    said = read({"jobs": [{"html": None, "title": "t"}, {"text": "Analyst at Initech."}]})
    assert [type(r).__name__ for r in said] == ["Skipped", "Item"]
    # the page column a project remembers is a page key too
    remembered = Mapper(remembered={("Stellenbeschreibung", "Titel"): {
        "page": "Stellenbeschreibung", "fields": {"title": "Titel"}}})
    [found] = read({"jobs": [{"Stellenbeschreibung": "Wir suchen ...", "Titel": "Analyst"}],
                    "meta": {}}, remembered)
    assert found.text == "Wir suchen ..."


@pytest.mark.parametrize("text", [
    'Job Title;"Salary, EUR";Description\nData Engineer;50000;"Pipelines, Berlin"\n',
    "Job Title;Salary;Description\rData Engineer;50000;Pipelines in Berlin\r",
    'sep=;\nJob Title;Salary;Description\nData Engineer;50000;"Pipelines, Berlin"\n',
    "Job Title\tSalary (min, USD)\tDescription\nData Engineer\t50000\tPipelines, Berlin\n",
])
def test_the_cells_parting_is_found_past_quotes_old_line_ends_and_excel_s_sep_line(
        text: str) -> None:
    """A comma inside a quoted header cell made the file comma-parted; a file of classic
    Mac line ends (CR) had its whole text for a header; Excel's "sep=;" first line was
    taken for the header."""
    from reviewer.core.ingest.columns import Mapper
    from reviewer.core.ingest.csvfiles import read_csv

    [item] = list(read_csv("f.csv", text, Mapper()))
    assert item.given["title"] == "Data Engineer"  # type: ignore[union-attr]
    assert item.text.startswith("Pipelines")  # type: ignore[union-attr]


@pytest.mark.parametrize(("cells", "currency"), [
    ({"salary": "$60,000 a year", "salary_currency": "AUD"}, "AUD"),
    ({"salary_min": "$50,000", "salary_max": "$60,000", "salary_currency": "AUD"}, "AUD"),
    ({"salary": "¥500,000 a month", "salary_currency": "CNY"}, "CNY"),
    ({"salary": "$50,000", "salary_min": "40000", "salary_max": "60000"}, "USD"),
])
def test_a_shared_sign_gives_way_to_the_column_that_says_which(
        cells: dict[str, Any], currency: str) -> None:
    from reviewer.core.ingest.values import given_values

    given, problems = given_values(cells)
    assert problems == [] and given["salary"]["currency"] == currency


@pytest.mark.parametrize("cells", [
    {"salary": "€50,000 a year", "salary_currency": "USD"},  # the euro is the euro
    {"salary": "£50,000 a year", "salary_currency": "EUR"},
    {"salary": "US$60,000", "salary_currency": "AUD"},
    {"salary": "$50,000 a year", "salary_min": "€40,000"},  # a dollar is no euro
    {"salary_min": "$50,000", "salary_max": "€70,000"},
    {"salary": "$90,000", "salary_min": "40000", "salary_max": "60000"},  # outside
    {"salary": "$50,000", "salary_max": "40000"},
])
def test_pay_whose_parts_cannot_all_be_true_is_left_out(cells: dict[str, Any]) -> None:
    """A review of the clash rules found each of these taken in silence (the column's
    currency over the text's euro, a range over an amount outside it)."""
    from reviewer.core.ingest.values import given_values

    given, problems = given_values(cells)
    assert "salary" not in given and [p[0] for p in problems] == ["salary"]
    assert problems[0][2].startswith("left out whole")


def test_an_object_with_no_name_in_a_text_column_says_what_it_is() -> None:
    """{"city": "Leeds"} under "company" was left out as "not text but NoneType"."""
    with pytest.raises(ValueError, match="an object with no name, title or value"):
        normalise("company", {"city": "Leeds"})
    assert normalise("company", {"name": "Acme Ltd"}) == "Acme Ltd"


def test_a_paragraph_long_item_of_a_list_of_prose_is_taken() -> None:
    """A project's own CSV export, imported again, refused its benefits of 327
    characters as "too long": the bound is a title's, a company's or a place's."""
    item = "Comprehensive medical, dental and vision cover for you and your family " * 5
    assert normalise("benefits", [item.strip()]) == [item.strip()]
    assert normalise("responsibilities", json.dumps([item.strip(), "Code review"])) == [
        item.strip(), "Code review"]
    with pytest.raises(ValueError, match="too long"):
        normalise("title", item)
    with pytest.raises(ValueError, match="too long"):
        normalise("locations", [item])
    with pytest.raises(ValueError, match="too long"):
        normalise("benefits", ["x" * 20_000])


def test_a_control_character_in_a_cell_is_taken_out_as_from_the_page() -> None:
    """A NUL in a mapped title was stored ("Data\\x00 Engineer") while the page's went."""
    assert normalise("title", "Data\x00 Engineer\x85") == "Data Engineer"
    assert normalise("skills", ["Py\x07thon", "SQL"]) == ["Python", "SQL"]


@pytest.mark.parametrize("unit", ["date32", "timestamp"])
def test_a_parquet_date_past_the_calendar_costs_its_cell_alone(tmp_path, unit: str) -> None:  # type: ignore[no-untyped-def]
    """One date32 of 2**31-1 days (a timestamp of -2**62 µs) stopped the reading of its
    batch, OverflowError said: 136 rows of 5,000 were lost, unnamed, and the file said
    skipped. The cell is left out, said, and kept in the metadata; every row is read."""
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    from reviewer.core.ingest import Item, iter_inputs

    rows = 600  # (more than a batch)
    dates = pa.array([19000] * (rows - 1) + [2**31 - 1], pa.date32()) if unit == "date32" \
        else pa.array([19000 * 86_400_000_000] * (rows - 1) + [-(2**62)], pa.timestamp("us"))
    path = tmp_path / "oob.parquet"
    pq.write_table(pa.table({
        "text": [f"Senior Engineer\n\nLocation: Berlin\n\nWe build rockets {n}.\n"
                 for n in range(rows)],
        "date_posted": dates, "seen": pa.array([dates[-1]] * 2 + [None] * (rows - 2),
                                                dates.type)}), path)
    results = list(iter_inputs([path]))
    assert len(results) == rows and all(isinstance(r, Item) for r in results)
    assert results[0].given["date_posted"] == "2022-01-08"
    last = results[-1]
    assert isinstance(last, Item) and "date_posted" not in last.given
    [left_out] = last.left_out
    assert (left_out.source, left_out.field) == (f"{path}#{rows}", "date_posted")
    assert "calendar" in left_out.reason and "Error" not in left_out.reason
    assert last.metadata["date_posted"] == left_out.value
    assert results[0].metadata["seen"] == left_out.value  # an unmapped column's: kept too
    assert "Error" not in left_out.value and json.loads(json.dumps(last.metadata))


@pytest.mark.parametrize("cell", ["$60,000 - $80,000", "from 60k to 80k a year", "60000-80000",
                                  "60,000 to 80,000 EUR", "1.2e5 USD"])
@pytest.mark.parametrize("target", ["salary_min", "salary_max"])
def test_more_than_one_figure_in_a_one_figure_salary_column_is_left_out(
        target: str, cell: str) -> None:
    """A range under salary_min was read as its first figure: the maximum and the period
    were gone, unsaid, and the cell not kept."""
    from reviewer.core.ingest.values import given_values

    given, problems = given_values({target: cell})
    assert "salary" not in given
    assert problems[0][:2] == (target, cell) and "map the column to salary" in problems[0][2]


@pytest.mark.parametrize(("cell", "value"), [
    ("$60,000", 60000), ("60k", 60000), ("60,000 USD", 60000), ("60000.00", 60000),
    ("45\u00a0000", 45000), ("€45.000,50", 45000.5), ("£30k per annum", 30000)])
def test_one_figure_in_a_one_figure_salary_column_is_read(cell: str, value: float) -> None:
    from reviewer.core.ingest.values import given_values

    given, problems = given_values({"salary_min": cell})
    assert (given["salary"]["min"], problems) == (value, [])


def test_a_range_in_a_one_figure_salary_column_is_said_and_kept(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from reviewer.core.ingest import Item, iter_inputs

    data = tmp_path / "sal.csv"
    data.write_text('text,salary_min\n"Engineer D. Location: Rome","$60,000 - $80,000"\n',
                    encoding="utf-8")
    [item] = list(iter_inputs([data]))
    assert isinstance(item, Item) and "salary" not in item.given
    assert item.metadata == {"salary_min": "$60,000 - $80,000"}
    assert (item.left_out[0].field, item.left_out[0].value) == ("salary_min",
                                                                "$60,000 - $80,000")


@pytest.mark.parametrize("suffix", ["jsonl", "json"])
def test_a_number_of_thousands_of_digits_loses_its_cell_not_its_posting(
        tmp_path, suffix: str) -> None:  # type: ignore[no-untyped-def]
    """A row with one number of more than 4,300 digits (past what Python reads as an
    integer) was skipped whole: "not readable". The posting is imported; that number is
    kept as its digits (a column of the row's own), or refused as a field's value."""
    from reviewer.cli import main
    from reviewer.core.store import Store

    big = "9" * 5000
    row = (f'{{"text": "Senior Data Engineer at Acme in Berlin. Python, SQL.", '
           f'"experience_years": {big}, "ref": {big}}}')
    data = tmp_path / f"rows.{suffix}"
    data.write_text(row + "\n" if suffix == "jsonl" else f"[{row}]", encoding="utf-8")
    assert main(["import", str(tmp_path / "p.db"), str(data)]) == 0
    with Store(tmp_path / "p.db") as store:
        [record] = store.records.all(reviewed_only=False)
    years = record["fields"]["experience_years"]
    assert years is None or 0 <= years <= 50
    assert record["metadata"]["ref"] == big
