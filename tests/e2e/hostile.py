"""A few hundred hostile input files for the import and the headless run, made fresh in
each test (no binary fixtures): bad bytes and encodings, deep nesting, huge numbers,
broken zips, JSONL and CSV of every wrong shape, names that are not UTF-8. Each bad
file is written beside good postings, which must all be stored whatever the bad ones do.
"""

from __future__ import annotations

import io
import json
import os
import random
import zipfile
from pathlib import Path

GOOD = ("{title}\n\nWe are looking for a {title} in Leeds who knows SQL and Python, writes "
        "clear reports and enjoys working with a small team. Salary 40,000 - 50,000 GBP a "
        "year.\n")
TITLES = ("Data Analyst", "Backend Engineer", "Product Designer", "Site Reliability Engineer",
          "Accountant", "Nurse", "Teacher", "Data Scientist", "Technical Writer", "Recruiter")


def _zip(entries: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buf.getvalue()


def _zip_version(version: int) -> bytes:
    """A zip whose headers ask for a format version no reader knows."""
    data = bytearray(_zip({"a.txt": GOOD.format(title="Zip Clerk").encode()}))
    for signature, offset in ((b"PK\x01\x02", 6), (b"PK\x03\x04", 4)):
        at = data.index(signature) + offset
        data[at:at + 2] = version.to_bytes(2, "little")
    return bytes(data)


def _bad_records() -> list[dict[str, object]]:
    base: dict[str, object] = {"raw_hash": "h", "text": "Engineer in Leeds", "fields": {},
                               "provenance": {}}
    wrong: list[dict[str, object]] = [
        {"status": "bogus"}, {"status": 7}, {"id": "seven"}, {"id": -3}, {"id": 2**70},
        {"id": True}, {"text": 5}, {"raw_hash": ""}, {"raw_hash": None}, {"fields": []},
        {"fields": {"title": 5}}, {"fields": {"locations": "Leeds"}},
        {"fields": {"remote": "sometimes"}}, {"fields": {"salary": "lots"}},
        {"fields": {"salary": {"min": "x"}}}, {"fields": {"work_hours": 1e300}},
        {"fields": {"nonsense": 1}}, {"provenance": {"title": "maybe"}},
        {"provenance": {"title": "corrected"}, "fields": {"title": ["a"]}},
        {"machine": {"title": 5}}, {"machine": {"title": {"value": "x", "spans": [[0, 999]]}}},
        {"machine": {"title": {"value": "x", "confidence": "high"}}},
        {"spans": [{"start": -5, "end": 10**12, "label": "SKILL"}]},
        {"spans": [{"start": 0, "end": 3}]}, {"spans": [{"start": 3, "end": 1, "label": "X"}]},
        {"spans": "all"}, {"labels": {"q": "yes"}}, {"labels": []},
        {"field_spans": {"title": [[0]]}}, {"comment": 12}, {"metadata": "x"},
        {"updated_at": 5},
    ]
    out = []
    for n, change in enumerate(wrong):
        record = {**base, "raw_hash": f"bad-{n}", **change}
        out.append(record)
    out.append({"raw_hash": "missing-keys", "fields": {}, "provenance": {}})  # no text
    return out


def write_hostile_files(folder: Path, seed: int = 7) -> tuple[list[Path], int]:
    """Write the bad files and good postings into ``folder``; returns the bad files and
    the number of good postings (each with distinct text) among them."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    bad: list[Path] = []
    good = 0

    def put(name: str | bytes, data: bytes | str, is_bad: bool = True) -> None:
        path = Path(os.fsdecode(os.path.join(os.fsencode(folder), os.fsencode(name))))
        path.write_bytes(data.encode("utf-8", "surrogatepass") if isinstance(data, str)
                         else data)
        if is_bad:
            bad.append(path)

    def good_text(n: int) -> str:
        return GOOD.format(title=f"{TITLES[n % len(TITLES)]} {n}")

    for n in range(40):  # good postings between the bad ones
        put(f"good-{n:03}.txt", good_text(n), is_bad=False)
        good += 1
    # bytes and encodings
    put("undefined-charset.html", b'<html><head><meta charset="undefined"></head><body>'
        b"<h1>Engineer</h1><p>We hire \xe9ngineers in Leeds who know SQL well.</p></body></html>")
    for charset in ("rot13", "base64", "utf-7", "x-bogus", "hex", "zlib", "utf-16", "idna"):
        put(f"charset-{charset}.html", f'<meta charset="{charset}"><p>Caf\xe9 job in Leeds '
            "for a cook who likes people</p>".encode("latin-1"))
    put("empty.txt", b"")
    put("spaces.txt", b"   \n\n\t  ")
    put("nul.txt", b"Engineer\x00\x00\x00 binary")
    put("utf16-nobom.txt", "Engineer in Leeds".encode("utf-16-le"))
    put("bom-only.txt", b"\xef\xbb\xbf")
    for n in range(100):  # random bytes under every page name
        put(f"random-{n:03}.{rng.choice(['txt', 'html', 'md'])}",
            bytes(rng.randrange(1, 256) for _ in range(rng.randrange(1, 3000))))
    pieces = ["<div>", "</div>", "<p", ">", "&#xD800;", "&amp", "\ud800", "\udfff", "\x00",
              "<script>", "![x](/etc/passwd)", "=cmd", "\u202e", "\r", "\t", "é", "İ", "ﬃ",
              "<meta charset=utf-7>", "{", "}", '"', "\\", "# ", "- ", "|", "\n"]
    for n in range(40):  # markup and text fragments, lone surrogates included
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(1, 400)))
        put(f"fragments-{n:03}.{rng.choice(['txt', 'html'])}", text)
    for n in range(20):  # JSONL and CSV lines of random shape
        rows = ["".join(rng.choice(pieces) for _ in range(rng.randrange(1, 30)))
                for _ in range(rng.randrange(1, 20))]
        put(f"random-{n:03}.jsonl", "\n".join(rows))
        put(f"random-{n:03}.csv", "text,company\n" + "\n".join(rows))
    put("lone-surrogate.txt", "Engineer \ud800 in Leeds who knows SQL and Python well.")
    put(b"name-not-utf8-\xff\xfe.txt", good_text(900), is_bad=False)
    good += 1
    # HTML the parser would take minutes on, and JSON-LD of absurd numbers
    put("nested.html", "<html><body>" + "<ul><li>x" * 6000 + "</body></html>")
    put("nested-div.html", "<div>" * 5000 + "text")
    attributes = " ".join(f'a{i}="v"' for i in range(3000))
    put("attributes.html", f"<html><body><div {attributes}>hello</div></body></html>")
    for value in ("12345678901234567890123", "1e400", "-1e400", "NaN", '"9" * 99'):
        put(f"jsonld-{len(bad)}.html", '<script type="application/ld+json">{"@type": '
            '"JobPosting", "title": "Engineer", "baseSalary": {"currency": "USD", "value": '
            f'{{"minValue": {value}, "maxValue": 1e999}}}}, "workHours": "{value}", '
            f'"experienceRequirements": {{"monthsOfExperience": {value}}}}}</script>'
            "<h1>Engineer</h1><p>We are looking for an engineer who knows SQL well.</p>")
    # zips
    put("version.zip", _zip_version(247))
    put("empty.zip", _zip({}))
    put("unknown-members.zip", _zip({"a.pdf": b"%PDF", "b.exe": b"MZ"}))
    put("truncated.zip", _zip({"a.txt": b"Engineer in Leeds"})[:40])
    put("not-a.zip", b"PK\x03\x04 this is not a zip")
    put("nested.zip", _zip({"inner.zip": _zip({"a.txt": b"x"})}))
    put("mixed.zip", _zip({"ok.txt": good_text(902).encode(), "bad.html": b"\x00\x01\x02",
                           "bad.jsonl": b"{not json\n"}), is_bad=True)
    good += 1  # ok.txt inside mixed.zip
    # JSONL and JSON of every wrong shape
    lines = ['{"text": "Engineer \\ud800 in Leeds who knows SQL and Python well"}',
             '{"text": 5}', '{"html": null}', "[1, 2]", '"just a string"', "{broken",
             '{"text": "ok", "views": 123456789012345678901234567890}',
             '{"text": "x", "meta": {"deep": ' + "[" * 5000 + "]" * 5000 + "}}",
             "\ufeff" + '{"text": "after a BOM in the middle"}']
    put("mixed.jsonl", "\n".join(lines) + "\n")
    put("records.jsonl", "\n".join(json.dumps(r) for r in _bad_records()) + "\n")
    put("scalar.json", "42")
    put("deep.json", "[" * 100_000 + "]" * 100_000)
    put("empty-array.json", "[]")
    # CSV
    put("no-header.csv", "\n\n")
    put("no-page-column.csv", "a,b\n1,2\n")
    put("nul.csv", "text\nEngineer \x00 in Leeds\n")
    put("ragged.csv", 'text,company\n"unclosed quote,Acme\n')
    put("bad-names.csv", 'text\n"' + good_text(903).replace("\n", " ") + '"\n', is_bad=False)
    good += 1
    # commas outside quotes: the cells are not under their columns (the page cut short)
    put("unquoted-commas.csv", "text\n" + good_text(904).replace("\n", " ") + "\n")
    return bad, good
