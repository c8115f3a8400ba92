"""Import readers: every input kind to Items, bad inputs to Skipped with a reason and a source."""

from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path

import pytest

from reviewer.core.ingest import Item, Skipped, content_hash, iter_inputs, read
from reviewer.core.ingest import items as item_limits

HTML = "<html><body><h1>Data Engineer</h1><p>Python, SQL.</p></body></html>"
TEXT = "Data Engineer\n\nPython, SQL.\n"


def run(*paths: str | Path, column: str | None = None) -> list[Item | Skipped]:
    return list(iter_inputs(paths, column=column))


def items(results: list[Item | Skipped]) -> list[Item]:
    return [r for r in results if isinstance(r, Item)]


def skipped(results: list[Item | Skipped]) -> dict[str, str]:
    return {r.source: r.reason for r in results if isinstance(r, Skipped)}


def record(text: str = "# Data Engineer\n") -> dict[str, object]:
    return {"id": 7, "source": "old.html", "raw_hash": "ab" * 32, "status": "reviewed",
            "text": text, "fields": {"title": "Data Engineer"}, "provenance": {"title": "accepted"},
            "metadata": {"url": "https://example.com/1"}}


def write_zip(path: Path, members: dict[str, bytes | str]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


# -- page files and folders ------------------------------------------------------------------


def test_page_files_by_extension(tmp_path: Path) -> None:
    files = {"a.html": HTML, "b.HTM": HTML, "c.txt": TEXT, "d.md": "# Data Engineer\n"}
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    results = run(*(tmp_path / name for name in files))
    assert [(r.source, r.kind, r.text, r.metadata, r.record) for r in items(results)] == [
        (str(tmp_path / "a.html"), "html", HTML, {}, None),
        (str(tmp_path / "b.HTM"), "html", HTML, {}, None),
        (str(tmp_path / "c.txt"), "text", TEXT, {}, None),
        (str(tmp_path / "d.md"), "text", "# Data Engineer\n", {}, None),
    ]


def test_page_file_in_another_encoding_is_decoded(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes("Café in Zürich, 4.500 € brutto".encode("cp1252"))
    [item] = run(tmp_path / "a.txt")
    assert isinstance(item, Item) and item.text == "Café in Zürich, 4.500 € brutto"


def test_folder_recursive_sorted_hidden_and_unsupported(tmp_path: Path) -> None:
    root = tmp_path / "in"
    (root / "b" / "deep").mkdir(parents=True)
    (root / ".git").mkdir()
    (root / ".git" / "x.html").write_text(HTML)
    (root / ".hidden.html").write_text(HTML)
    (root / "z.html").write_text(HTML)
    (root / "a.txt").write_text(TEXT)
    (root / "b" / "deep" / "c.md").write_text(TEXT)
    (root / "b" / "notes.pdf").write_bytes(b"%PDF-1.4")
    (root / "b" / "empty.txt").write_bytes(b"")
    (root / "c.txt").write_text("  \n\n")
    results = run(root)
    assert run(root, root / "b") == results  # a folder is walked once per call
    assert [r.source for r in results] == [
        str(root / "a.txt"), str(root / "b" / "deep" / "c.md"), str(root / "b" / "empty.txt"),
        str(root / "c.txt"), str(root / "z.html"),
    ]
    assert "empty" in skipped(results)[str(root / "b" / "empty.txt")]
    assert "empty" in skipped(results)[str(root / "c.txt")]
    assert [r.kind for r in items(results)] == ["text", "text", "html"]


def test_explicit_unsupported_file_and_missing_path(tmp_path: Path) -> None:
    (tmp_path / "cv.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "README").write_text(TEXT)
    results = run(tmp_path / "cv.pdf", tmp_path / "README", tmp_path / "nope.html")
    assert skipped(results) == {
        str(tmp_path / "cv.pdf"): "unsupported file type .pdf",
        str(tmp_path / "README"): "unsupported file type (no extension)",
        str(tmp_path / "nope.html"): "no such file or folder",
    }


def test_an_empty_path_is_no_file_not_the_current_folder(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """An unset variable in a script (``import p.db "$INPUT"``) imported every file under
    the folder the command ran in."""
    (tmp_path / "notes.txt").write_text(TEXT)
    monkeypatch.chdir(tmp_path)
    results = run("")
    assert items(results) == []
    assert skipped(results) == {'""': "an empty name: no file or folder"}


def test_binary_and_too_large_page_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(read, "MAX_BYTES", 100)
    (tmp_path / "bin.html").write_bytes(b"\x00\x01\x02" * 10)
    (tmp_path / "big.html").write_text("x" * 200)
    reasons = skipped(run(tmp_path / "bin.html", tmp_path / "big.html"))
    assert "binary" in reasons[str(tmp_path / "bin.html")]
    assert "limit" in reasons[str(tmp_path / "big.html")]


def test_order_is_deterministic(tmp_path: Path) -> None:
    for name in ["q.html", "B.txt", "a.md", "sub/x.html", "sub/y.jsonl", "a1.txt"]:
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text('{"text": "one"}\n' if name.endswith("jsonl") else TEXT)
    first = run(tmp_path, tmp_path / "q.html")
    assert first == run(tmp_path, tmp_path / "q.html")
    assert [r.source for r in first][:3] == [str(tmp_path / n) for n in ("B.txt", "a.md", "a1.txt")]


def test_symlink_loop_does_not_hang(tmp_path: Path) -> None:
    root = tmp_path / "in"
    (root / "sub").mkdir(parents=True)
    (root / "sub" / "a.html").write_text(HTML)
    (tmp_path / "outside.txt").write_text(TEXT)
    try:
        os.symlink(root, root / "sub" / "loop", target_is_directory=True)
        os.symlink(tmp_path / "outside.txt", root / "link.txt")
        os.symlink(root / "self.html", root / "self.html")
    except (OSError, NotImplementedError):
        pytest.skip("no symlinks on this platform")
    results = run(root)
    assert [r.source for r in items(results)] == [str(root / "link.txt"), str(root / "sub/a.html")]
    assert items(results)[0].text == TEXT
    assert list(skipped(results)) == [str(root / "self.html")]  # a link to itself


# -- zip -------------------------------------------------------------------------------------


def test_zip_members_in_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(read, "MAX_BYTES", 1000)
    archive = write_zip(tmp_path / "pages.zip", {
        "jobs/b.html": HTML, "jobs/deeper/a.txt": TEXT, "top.md": "# Title\n",
        "jobs/big.html": "x" * 5000, "jobs/logo.png": b"\x89PNG", "__MACOSX/jobs/._b.html": "x",
        "jobs/.DS_Store": "x", "more.jsonl": '{"html": "<p>one</p>", "url": "u"}\n',
        "inner.zip": b"PK", "empty/": b"", "cp.txt": "Zürich €".encode("cp1252"),
    })
    results = run(archive)
    prefix = f"{archive}!"
    assert [(r.source, r.kind) for r in items(results)] == [
        (prefix + "cp.txt", "text"), (prefix + "jobs/b.html", "html"),
        (prefix + "jobs/deeper/a.txt", "text"), (prefix + "more.jsonl#1", "html"),
        (prefix + "top.md", "text"),
    ]
    assert items(results)[0].text == "Zürich €"
    assert items(results)[3].metadata == {"url": "u"}
    reasons = skipped(results)
    assert set(reasons) == {prefix + "inner.zip", prefix + "jobs/big.html"}
    assert "limit" in reasons[prefix + "jobs/big.html"]


def test_zip_bomb_is_refused_unread(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    archive = write_zip(tmp_path / "bomb.zip", {"bomb.html": b"\x00" * (3 * 2**20), "ok.txt": TEXT})
    opened: list[str] = []
    real_open = zipfile.ZipFile.open

    def spy_open(self: zipfile.ZipFile, info: zipfile.ZipInfo, *args: object) -> object:
        opened.append(info.filename)
        return real_open(self, info)

    monkeypatch.setattr(zipfile.ZipFile, "open", spy_open)
    results = run(archive)
    assert [r.source for r in items(results)] == [f"{archive}!ok.txt"]
    assert "zip bomb" in skipped(results)[f"{archive}!bomb.html"]
    assert opened == ["ok.txt"]


def test_encrypted_zip_member(tmp_path: Path) -> None:
    archive = write_zip(tmp_path / "locked.zip", {"a.html": HTML})
    data = bytearray(archive.read_bytes())
    central = data.index(b"PK\x01\x02")
    data[central + 8] |= 0x1  # the "encrypted" flag bit in the central directory
    archive.write_bytes(bytes(data))
    assert run(archive) == [Skipped(f"{archive}!a.html", "zip member is encrypted")]


def test_corrupt_zip_is_one_skipped(tmp_path: Path) -> None:
    (tmp_path / "bad.zip").write_bytes(b"PK\x03\x04 this is not a zip file at all")
    (tmp_path / "ok.txt").write_text(TEXT)
    results = run(tmp_path / "bad.zip", tmp_path / "ok.txt")
    assert results[0] == Skipped(str(tmp_path / "bad.zip"), "corrupt zip file")
    assert [r.source for r in results[1:]] == [str(tmp_path / "ok.txt")]


# -- JSONL and JSON --------------------------------------------------------------------------


def test_jsonl_bad_lines_are_skipped_the_rest_imported(tmp_path: Path) -> None:
    lines = [
        json.dumps({"html": HTML, "url": "https://example.com/1", "id": 1}),
        "{not json",
        "",
        json.dumps({"raw": TEXT, "company": "Acme"}),
        json.dumps([1, 2]),
        json.dumps({"title": "no page"}),
        json.dumps({"text": 42}),
        json.dumps({"text": "   "}),
        json.dumps({"raw": "r", "html": None, "text": "t"}),
    ]
    path = tmp_path / "pages.jsonl"
    path.write_text("\ufeff" + "\n".join(lines) + "\n", encoding="utf-8")
    results = run(path)
    got = items(results)
    assert [(r.source, r.kind, r.text) for r in got] == [
        (f"{path}#1", "html", HTML), (f"{path}#4", None, TEXT), (f"{path}#9", "text", "t"),
    ]
    assert got[0].metadata == {"url": "https://example.com/1", "id": 1}
    assert got[1].metadata == {} and got[1].given == {"company": "Acme"}  # a mapped column
    assert got[2].metadata == {"raw": "r", "html": None}
    reasons = skipped(results)
    assert list(reasons) == [f"{path}#{n}" for n in (2, 5, 6, 7, 8)]
    assert reasons[f"{path}#2"].startswith("not JSON: ")
    assert reasons[f"{path}#5"] == "not a JSON object but a list"
    assert reasons[f"{path}#6"].startswith("no page key (html, text, raw, description")
    assert reasons[f"{path}#7"] == "the 'text' value is a number, not text"


def test_jsonl_line_over_the_limit_is_skipped_unread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(item_limits, "DATA_MAX_BYTES", 100)
    path = tmp_path / "p.jsonl"
    path.write_text(json.dumps({"text": "x" * 5000}) + "\n" + json.dumps({"text": "ok"}) + "\n")
    results = run(path)
    assert [r.source for r in items(results)] == [f"{path}#2"]
    assert "limit" in skipped(results)[f"{path}#1"]


def test_json_forms(tmp_path: Path) -> None:
    posting = {"html": HTML, "url": "u"}
    forms = {"array.json": [posting, {"text": TEXT}], "wrapped.json": {"postings": [posting]},
             "items.json": {"items": [posting]}, "data.json": {"data": [posting], "n": 1},
             "single.json": posting}
    for name, doc in forms.items():
        (tmp_path / name).write_text(json.dumps(doc))
    results = run(*(tmp_path / name for name in forms))
    assert [(r.source, r.kind) for r in items(results)] == [
        (f"{tmp_path / 'array.json'}#1", "html"), (f"{tmp_path / 'array.json'}#2", "text"),
        (f"{tmp_path / 'wrapped.json'}#1", "html"), (f"{tmp_path / 'items.json'}#1", "html"),
        (f"{tmp_path / 'data.json'}#1", "html"), (str(tmp_path / "single.json"), "html"),
    ]
    assert all(r.metadata == {"url": "u"} for r in items(results) if r.kind == "html")
    assert not skipped(results)


def test_bad_json_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "broken.json").write_text('[{"html": "x"')
    (tmp_path / "number.json").write_text("42")
    (tmp_path / "empty.json").write_text("[]")
    (tmp_path / "nokey.json").write_text('{"title": "x"}')
    (tmp_path / "empty.jsonl").write_text("")
    (tmp_path / "blank.jsonl").write_text("\n\n")
    (tmp_path / "header.csv").write_text("id,text\n,\n")
    (tmp_path / "utf16.jsonl").write_text('{"text": "x"}\n', encoding="utf-16")
    # (without its byte order mark: it was said to be binary)
    (tmp_path / "utf16le.jsonl").write_text('{"text": "x"}\n', encoding="utf-16-le")
    (tmp_path / "utf16be.jsonl").write_text('{"text": "x"}\n', encoding="utf-16-be")
    (tmp_path / "big.json").write_text(json.dumps([{"text": "x" * 500}]))
    monkeypatch.setattr(item_limits, "DATA_MAX_BYTES", 300)
    reasons = skipped(run(*sorted(tmp_path.iterdir())))
    assert reasons[str(tmp_path / "broken.json")].startswith("not JSON: ")
    assert reasons[str(tmp_path / "number.json")] == "not a JSON array or object but a number"
    assert reasons[str(tmp_path / "empty.json")] == "no postings in the file"
    assert reasons[str(tmp_path / "nokey.json")].startswith("no page key (html, text, raw")
    assert reasons[str(tmp_path / "empty.jsonl")] == "the file is empty"
    assert reasons[str(tmp_path / "blank.jsonl")] == "no postings in the file"
    assert reasons[str(tmp_path / "header.csv")] == "no postings in the file"
    for name in ("utf16.jsonl", "utf16le.jsonl", "utf16be.jsonl"):
        assert reasons[str(tmp_path / name)] == "UTF-16 text; JSONL must be UTF-8"
    assert "limit" in reasons[str(tmp_path / "big.json")]


def test_canonical_records_are_recognised(tmp_path: Path) -> None:
    rec = record()
    (tmp_path / "export.jsonl").write_text(json.dumps(rec) + "\n")
    (tmp_path / "export.json").write_text(json.dumps([rec]))
    results = run(tmp_path / "export.jsonl", tmp_path / "export.json")
    assert len(items(results)) == 2
    for item in items(results):
        assert item.record == rec
        assert item.text == rec["text"]
        assert item.kind == "text"
        assert item.metadata == {"url": "https://example.com/1"}


# -- CSV -------------------------------------------------------------------------------------


def test_csv_with_column_and_multiline_cells(tmp_path: Path) -> None:
    path = tmp_path / "jobs.csv"
    path.write_text('url,Body,company\r\nhttps://e.com/1,"Line one\nline, two",Acme\r\n'
                    ",,\r\nhttps://e.com/2,,Beta\r\nhttps://e.com/3,Third,Gamma\r\n",
                    encoding="utf-8", newline="")
    results = run(path, column="body")
    assert [(r.source, r.text, r.kind, r.metadata, r.given) for r in items(results)] == [
        (f"{path}#1", "Line one\nline, two", None, {"url": "https://e.com/1"},
         {"company": "Acme"}),
        (f"{path}#4", "Third", None, {"url": "https://e.com/3"}, {"company": "Gamma"}),
    ]
    assert skipped(results) == {f"{path}#3": "the 'Body' cell is empty"}


def test_csv_auto_column_with_bom_and_cp1252(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_bytes("\ufeffid,Text\n1,Café\n".encode())
    (tmp_path / "b.csv").write_bytes("id,description\n1,Zürich 5 €\n".encode("cp1252"))
    results = run(tmp_path / "a.csv", tmp_path / "b.csv")
    assert [(r.text, r.kind, r.metadata) for r in items(results)] == [
        ("Café", "text", {"id": "1"}), ("Zürich 5 €", None, {"id": "1"})]


def test_csv_without_the_column(tmp_path: Path) -> None:
    path = tmp_path / "jobs.csv"
    path.write_text("a,b\n1,2\n")
    assert run(path, column="body") == [
        Skipped(str(path), "no column 'body' in the CSV (columns: a, b)")]
    [result] = run(path)
    assert isinstance(result, Skipped)
    assert "--column" in result.reason and "(columns: a, b)" in result.reason


def test_csv_with_a_huge_cell(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    path.write_text("text\n" + "word " * 100_000 + "\n")  # over csv's default 128 KiB field limit
    [item] = run(path)
    assert isinstance(item, Item) and len(item.text) == 500_000


# -- content hash ----------------------------------------------------------------------------


def test_content_hash_normalises_line_ends_trailing_space_and_nfc() -> None:
    base = content_hash("Data Engineer\n\nPython, Café")
    assert len(base) == 64
    assert content_hash("Data Engineer\r\n\r\nPython, Café\r\n") == base
    assert content_hash("Data Engineer\r\rPython, Café") == base
    assert content_hash("\n \nData Engineer   \n\t\nPython, Café \t\n\n") == base
    assert content_hash("Data Engineer\n\nPython, Cafe\u0301") == base
    assert content_hash("Data Engineer\nPython, Café") != base
    assert content_hash("data engineer\n\nPython, Café") != base
    assert content_hash("  Data Engineer\n\nPython, Café") != base


def test_a_symbolic_link_in_a_zip_is_skipped_not_read_as_a_page(tmp_path: Path) -> None:
    """A zip made with `zip --symlinks` holds a link as a member whose bytes are its
    target: it was imported as a posting whose text was "/etc/passwd"."""
    archive = tmp_path / "links.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        link = zipfile.ZipInfo("link.txt")
        link.external_attr = (0o120777 << 16)  # a symbolic link, as Unix zip writes one
        zf.writestr(link, "/etc/passwd")
        zf.writestr("job.txt", TEXT)
        dos = zipfile.ZipInfo("dos.txt")  # made on DOS: those bits are not a file's mode
        dos.create_system, dos.external_attr = 0, (0o120777 << 16)
        zf.writestr(dos, TEXT.replace("Engineer", "Analyst"))
    results = run(archive)
    assert [i.source for i in items(results)] == [f"{archive}!dos.txt", f"{archive}!job.txt"]
    assert skipped(results) == {f"{archive}!link.txt": "a symbolic link, not a file: not read"}
