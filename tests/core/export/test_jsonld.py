"""JSON-LD JobPosting: the properties Google's job-posting guidelines require, a report of the
ones a posting lacks (``strict`` leaves those postings out), HTML descriptions, addresses split
into locality, region and country, remote postings, and HTML pages carrying the JSON-LD."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from test_export import make_record, sample

from reviewer.core.export import FORMATS, export, export_whole, jsonld
from reviewer.core.records import PostingRecord

TEXT = ("# Data Engineer\n\nWe build **pipelines** in *Python*. See [our site](https://ex.com/a?b=1&c=2)"
        " or [mail us](mailto:jobs@ex.com).\n\n## You will\n\n- Build `ETL`\n- Review code\n"
        "  - nested item\n\n1. first\n2. second\n\nLine one  \nline two\n")


def complete(rid: int = 1, **fields: Any) -> PostingRecord:
    """A posting whose fields give every property Google requires."""
    values = {"title": "Data Engineer", "company": "Acme", "date_posted": "2024-05-01",
              "locations": ["San Diego, California, United States"]}
    values.update(fields)
    return make_record(rid, TEXT, fields=values)


def read(path: Path) -> list[dict[str, Any]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(data, list)
    return data


# -- required properties and the report ---------------------------------------------------------


def test_required_properties_present_when_the_fields_give_them(tmp_path: Path) -> None:
    out = tmp_path / "p.jsonld"
    summary = export([complete()], "jsonld", out)
    [posting] = read(out)
    assert posting["title"] == "Data Engineer" and posting["datePosted"] == "2024-05-01"
    assert posting["hiringOrganization"] == {"@type": "Organization", "name": "Acme"}
    assert posting["jobLocation"] == [{"@type": "Place", "address": {
        "@type": "PostalAddress", "addressLocality": "San Diego", "addressRegion": "California",
        "addressCountry": "US"}}]
    assert posting["description"].startswith("<h1>Data Engineer</h1>")
    assert jsonld.missing_required(posting) == []
    assert summary.missing == {} and "require" not in summary.describe()


def test_missing_required_properties_are_reported(tmp_path: Path) -> None:
    summary = export(sample(), "jsonld", tmp_path / "p.jsonld")
    assert summary.missing == {  # 1 has every one ("Leeds, UK" names its country)
        2: ["datePosted", "hiringOrganization", "addressCountry"],  # "Montréal" alone
        3: ["title", "datePosted", "jobLocation"],
        4: ["title", "datePosted", "hiringOrganization", "jobLocation"],
        5: ["datePosted", "hiringOrganization", "applicantLocationRequirements"],
        6: ["title", "datePosted", "hiringOrganization", "jobLocation"],
        7: ["title", "datePosted", "hiringOrganization", "jobLocation"],
    }
    assert summary.total == 7  # reported, still written
    line = summary.describe()
    assert "6 postings lack properties Google requires" in line
    assert "datePosted 6" in line and "jobLocation 4" in line


def test_strict_leaves_out_the_postings_that_lack_them(tmp_path: Path) -> None:
    records = [complete(1), complete(2, date_posted=None), complete(3, company=None),
               complete(4, locations=None), complete(5, locations=["London"])]
    out = tmp_path / "p.jsonld"
    summary = export(records, "jsonld", out, strict=True)
    assert [p["title"] for p in read(out)] == ["Data Engineer"]
    assert summary.total == 1 and summary.left_out == 4
    assert summary.missing == {2: ["datePosted"], 3: ["hiringOrganization"],
                               4: ["jobLocation"], 5: ["addressCountry"]}
    assert "4 postings left out for lacking properties Google requires" in summary.describe()


def test_a_value_no_person_decided_is_left_out_and_counted(tmp_path: Path) -> None:
    """A posting marked reviewed in bulk kept its fields' machine values undecided, and
    the JSON-LD wrote them as the posting's title and company: a command extractor's
    guesses, unmarked (JSON-LD says not whose a value is, which every other export
    does). What no person decided is left out, and counted; what reviewers still
    differ on too."""
    machine = {"provenance": {"title": "machine", "company": "machine"}}
    records = [complete(1), complete(2, **{"title": "CMD TITLE", "company": "CMD CO"}),
               complete(3)]
    records[1]["provenance"].update(machine["provenance"])
    records[2]["undecided"] = ["field:date_posted"]
    out = tmp_path / "p.jsonld"
    summary = export(records, "jsonld", out)
    first, second, third = read(out)
    assert first["title"] == "Data Engineer" and first["hiringOrganization"]["name"] == "Acme"
    assert "title" not in second and "hiringOrganization" not in second
    assert second["datePosted"] == "2024-05-01"  # a person's
    assert "datePosted" not in third
    assert summary.missing == {2: ["title", "hiringOrganization"], 3: ["datePosted"]}
    assert "3 values no person decided left out (JSON-LD cannot say whose a value is)" \
        in summary.describe()
    records[1]["status"] = "new"  # (--all) not reviewed: the machine's reading, said
    summary = export(records, "jsonld", out)
    assert read(out)[1]["title"] == "CMD TITLE"
    assert "1 posting not reviewed, with the machine's values" in summary.describe()
    summary = export(records, "jsonld", out, strict=True)  # only what is written counted
    assert [p["title"] for p in read(out)] == ["Data Engineer", "CMD TITLE"]
    assert "no person decided" not in summary.describe()
    records[1]["status"] = "reviewed"
    summary = export(records, "jsonld", out, strict=True)
    assert summary.left_out == 2 and "no person decided" not in summary.describe()


def test_strict_applies_to_the_jsonld_formats_only(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="jsonld"):
        export([complete()], "jsonl", tmp_path / "p.jsonl", strict=True)


# -- description as HTML ------------------------------------------------------------------------


def test_description_is_html() -> None:
    html = jsonld.to_html(TEXT)
    assert html.startswith("<h1>Data Engineer</h1>")
    assert "<strong>pipelines</strong>" in html and "<em>Python</em>" in html
    assert '<a href="https://ex.com/a?b=1&amp;c=2">our site</a>' in html
    assert "mail us" in html and "mailto:" not in html  # a link only for http(s)
    assert "<h2>You will</h2>" in html
    assert "<ul><li>Build <code>ETL</code></li><li>Review code<ul><li>nested item</li></ul>" \
        "</li></ul>" in html
    assert "<ol><li>first</li><li>second</li></ol>" in html
    assert "<p>Line one<br>line two</p>" in html


@pytest.mark.parametrize("text", [
    "<script>alert(1)</script>",
    "Hello <b onmouseover=x>there</b> & <!-- c -->",
    "[click](javascript:alert(1)) [x](https://a.b/\"onclick=\"y)",
    "- <img src=x onerror=y>\n\n# <iframe>",
    "```\n</script><script>alert(1)</script>\n```",
    "> <script>q</script>",
])
def test_no_raw_html_passes_through(text: str) -> None:
    html = jsonld.to_html(text)
    tags = {t for t in ("<script", "<b ", "<!--", "<img", "<iframe") if t in html}
    assert tags == set()
    assert "javascript:" not in html.split(">", 1)[0] and 'href="javascript' not in html
    assert '"onclick' not in html


def test_markdown_nesting_never_recurses_deeply() -> None:
    html = jsonld.to_html("> " * 5000 + "deep\n" + "".join(" " * i + "- x\n" for i in range(3000)))
    assert "deep" in html and html.count("<ul>") == html.count("</ul>")


# -- places -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("place", "parts"), [
    ("San Diego, California, United States", ("San Diego", "California", "US")),
    ("Austin, TX, US", ("Austin", "TX", "US")),
    ("Toronto, ON, Canada", ("Toronto", "ON", "CA")),
    ("Sunnyvale, California", ("Sunnyvale", "California", "US")),
    ("Leeds, UK", ("Leeds", None, "GB")),
    ("stockholm, sweden", ("stockholm", None, "SE")),
    ("Yerevan, Armenia", ("Yerevan", None, "AM")),
    ("Edinburgh, Scotland", ("Edinburgh", "Scotland", "GB")),
    ("Atlanta, GA", ("Atlanta", "GA", "US")),  # Georgia, not Gabon
    ("Berlin, DE", ("Berlin", None, "DE")),  # Germany, not Delaware
    ("Tbilisi, Georgia", ("Tbilisi", None, "GE")),
    ("Munich, Bavaria, Germany", ("Munich", "Bavaria", "DE")),
    ("Germany", (None, None, "DE")),
    ("London (Hybrid)", ("London", None, None)),  # London, England or London, Ontario
    ("Perth, WA", ("Perth", "WA", None)),  # no Perth in Washington: WA is not a US state here
    ("London / Berlin", ("London / Berlin", None, None)),  # two places: not split
    ("Multiple locations", ("Multiple locations", None, None)),
])
def test_places_split_into_locality_region_country(place: str, parts: tuple[Any, ...]) -> None:
    address = jsonld.address(place)
    assert address["@type"] == "PostalAddress"
    got = tuple(address.get(key) for key in ("addressLocality", "addressRegion",
                                             "addressCountry"))
    assert got == parts


# -- remote -------------------------------------------------------------------------------------


def test_remote_posting_gets_telecommute_and_applicant_location() -> None:
    posting = jsonld.job_posting(complete(remote="remote", locations=["Remote (US)"]))
    assert posting["jobLocationType"] == "TELECOMMUTE"
    assert posting["applicantLocationRequirements"] == {"@type": "Country",
                                                        "name": "United States"}
    assert "jobLocation" not in posting and jsonld.missing_required(posting) == []
    two = jsonld.job_posting(complete(remote="remote",
                                      locations=["Remote - Canada", "Austin, TX, US"]))
    assert two["applicantLocationRequirements"] == [{"@type": "Country", "name": "Canada"},
                                                    {"@type": "Country", "name": "United States"}]
    state = jsonld.job_posting(complete(remote="remote", locations=["Remote (California)"]))
    assert state["applicantLocationRequirements"] == {"@type": "State", "name": "California"}


@pytest.mark.parametrize("locations", [None, ["Remote"], ["Remote (EMEA)"], ["Anywhere"]])
def test_remote_posting_without_a_country_is_reported(locations: list[str] | None) -> None:
    posting = jsonld.job_posting(complete(remote="remote", locations=locations))
    assert posting["jobLocationType"] == "TELECOMMUTE"
    assert "applicantLocationRequirements" not in posting
    assert jsonld.missing_required(posting) == ["applicantLocationRequirements"]


def test_a_remote_place_is_no_address_of_an_office_posting() -> None:
    posting = jsonld.job_posting(complete(remote="hybrid", locations=["Remote (US)",
                                                                       "Leeds, UK"]))
    assert "jobLocationType" not in posting
    assert [p["address"]["addressLocality"] for p in posting["jobLocation"]] == ["Leeds"]


# -- HTML pages ---------------------------------------------------------------------------------


class _Scripts(HTMLParser):
    """The JSON-LD script blocks and the title of a page, as a browser would read them."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[str] = []
        self.tags: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag == "script":
            assert dict(attrs) == {"type": "application/ld+json"}
            self._in = tag
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "script":
            self.scripts[-1] += data


HOSTILE = "Evil</script><script>alert(1)</script> <!--<script>"


def test_jsonld_html_pages(tmp_path: Path) -> None:
    assert "jsonld-html" in FORMATS
    records = [complete(1), make_record(2, f"{HOSTILE}\n\n- a </SCRIPT> b",
                                        fields={"title": HOSTILE, "company": "</SCRIPT>"})]
    out = tmp_path / "site"
    summary = export(records, "jsonld-html", out)
    assert summary.files == [out] and summary.total == 2
    assert sorted(p.name for p in out.iterdir()) == ["1.html", "2.html"]
    for record in records:
        page = (out / f"{record['id']}.html").read_text(encoding="utf-8")
        assert page.startswith("<!DOCTYPE html>") and page.lower().count("</script>") == 1
        parsed = _Scripts()
        parsed.feed(page)
        [script] = parsed.scripts
        assert json.loads(script) == jsonld.job_posting(record)
        assert parsed.tags.count("script") == 1 and "iframe" not in parsed.tags
    evil = (out / "2.html").read_text(encoding="utf-8")
    assert "<\\/script>" in evil and "<\\/SCRIPT>" in evil
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in evil  # the description and the title
    assert summary.missing == {2: ["datePosted", "jobLocation"]}


def test_jsonld_html_split_and_whole(tmp_path: Path) -> None:
    """The files written were said one too many without --split: the folder itself was
    counted as a file beside it."""
    whole = export_whole(tmp_path / "one", lambda part: export(
        [complete(i) for i in range(1, 4)], "jsonld-html", part))
    assert whole.written == 3 and len(list((tmp_path / "one").iterdir())) == 3
    split = {"train": 0.5, "test": 0.5}
    out = tmp_path / "site"
    summary = export_whole(out, lambda part: export([complete(i) for i in range(1, 9)],
                                                    "jsonld-html", part, split=split))
    assert summary.files == [out / "train", out / "test"] and summary.written == 8
    pages = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.html"))
    assert len(pages) == 8 and {p.split("/")[0] for p in pages} <= set(split)
    assert not list(tmp_path.glob(".site*"))


def test_a_page_holds_no_character_html_forbids(tmp_path: Path) -> None:
    """A record imported with NUL, ESC or DEL in its text wrote them raw into the page's
    title and body (each a parse error of HTML)."""
    bad = "Data\x00 Engineer\x1b[31m \x7f\x85end"
    records = [make_record(1, f"# {bad}\n\nText {bad}.", fields={"title": bad})]
    export(records, "jsonld-html", tmp_path / "site")
    page = (tmp_path / "site" / "1.html").read_text(encoding="utf-8")
    assert not re.search("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]", page)
    assert "Engineer" in page and "end" in page


def test_jsonld_html_pages_read_by_a_structured_data_extractor(tmp_path: Path) -> None:
    extruct = pytest.importorskip("extruct", reason="extruct is not installed")
    records = [complete(1), make_record(2, HOSTILE, fields={"title": HOSTILE})]
    export(records, "jsonld-html", tmp_path / "site")
    for record in records:
        page = (tmp_path / "site" / f"{record['id']}.html").read_text(encoding="utf-8")
        found = extruct.extract(page, syntaxes=["json-ld"], uniform=True)["json-ld"]
        assert [item["@type"] for item in found] == ["JobPosting"]
        assert found[0]["title"] == record["fields"]["title"]
