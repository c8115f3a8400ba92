"""Putting selected text into a field: each kind reads its own value, or says why not."""

import pytest

from reviewer.core.extract.selection import read_amount, value_from_selection


def test_text_fields_take_the_selection_on_one_line() -> None:
    assert value_from_selection("company", "  Lumenfield\n Analytics ") == "Lumenfield Analytics"


def test_list_fields_gain_the_lines_they_lack() -> None:
    current = ["Python", "Go"]
    text = "- Kafka\n- python\n* Kubernetes\n\n2. Terraform"
    assert value_from_selection("skills", text, current) == [
        "Python", "Go", "Kafka", "Kubernetes", "Terraform"]
    assert current == ["Python", "Go"]  # the current value is not changed in place
    assert value_from_selection("skills", "Rust", None) == ["Rust"]


def test_numbers_dates_and_pay_are_read() -> None:
    assert value_from_selection("work_hours", "40 hours per week") == 40
    assert value_from_selection("experience_years", "2.5 years") == 2.5
    assert value_from_selection("date_posted", "Posted March 3, 2025") == "2025-03-03"
    salary = value_from_selection("salary", "$140,000 - $175,000 per year")
    assert (salary["min"], salary["max"], salary["currency"], salary["period"]) == (
        140000, 175000, "USD", "year")


def test_pay_up_to_a_figure_is_read_as_its_maximum() -> None:
    salary = value_from_selection("salary", "Up to $100,000")
    assert (salary["min"], salary["max"], salary["currency"]) == (None, 100000, "USD")
    salary = value_from_selection("salary", "$80,000 up to $100,000")  # a range
    assert (salary["min"], salary["max"]) == (80000, 100000)


@pytest.mark.parametrize(("name", "text", "value"), [
    ("employment_type", "Full-time", "full_time"),
    ("employment_type", "part time role", "part_time"),
    ("remote", "On-site in Austin", "onsite"),
    ("seniority", "Senior engineer", "senior"),
])
def test_choices_are_read_from_their_words(name: str, text: str, value: str) -> None:
    assert value_from_selection(name, text) == value


@pytest.mark.parametrize(("name", "text", "message"), [
    ("salary", "Competitive pay", "no pay"),
    ("date_posted", "last week", "no date"),
    ("work_hours", "flexible", "no number"),
    ("remote", "Austin, TX", "names none of"),
    ("title", "   ", "nothing is selected"),
    ("nonsense", "x", "no field"),
])
def test_a_selection_without_such_a_value_is_refused(name: str, text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        value_from_selection(name, text)


@pytest.mark.parametrize(("text", "number", "currency"), [
    ("38k", 38000, None),
    ("$95,000", 95000, "USD"),
    ("€50.000", 50000, "EUR"),
    ("95,000.50", 95000.5, None),
    ("2,5", 2.5, None),
    ("120000", 120000, None),
    ("£40,000 a year", 40000, "GBP"),
])
def test_amounts_are_read_as_the_pay_reader_reads_them(text: str, number: float,
                                                       currency: str | None) -> None:
    assert read_amount(text) == (number, currency)


def test_text_without_a_figure_is_no_amount() -> None:
    with pytest.raises(ValueError):
        read_amount("lots")


def test_numbers_read_a_decimal_comma_and_thousands_separators() -> None:
    assert value_from_selection("work_hours", "37,5 hours") == 37.5
    assert value_from_selection("work_hours", "1,800 hours a year") == 1800
