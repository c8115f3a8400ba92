"""Reading posting files: bytes to text whatever the encoding; clear reasons for bad files."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewer.core.ingest import read
from reviewer.core.ingest.read import UnreadableError, decode, read_file

TEXT = "Café in Zürich – €4.500 brutto; we’re hiring “now”"


@pytest.mark.parametrize("data", [
    TEXT.encode("utf-8"),
    b"\xef\xbb\xbf" + TEXT.encode("utf-8"),
    TEXT.encode("utf-16"),  # little-endian with its BOM
    b"\xfe\xff" + TEXT.encode("utf-16-be"),
], ids=["utf-8", "utf-8-bom", "utf-16-le", "utf-16-be"])
def test_decode_unicode_encodings(data: bytes) -> None:
    assert decode(data) == TEXT


def test_decode_drops_the_bom() -> None:
    assert not decode(b"\xef\xbb\xbf" + TEXT.encode("utf-8")).startswith("\ufeff")
    assert not decode(TEXT.encode("utf-16")).startswith("\ufeff")


@pytest.mark.parametrize("meta", [
    '<meta charset="windows-1252">',
    '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">',
])
def test_decode_cp1252_html_with_a_charset_declaration(meta: str) -> None:
    html = (f"<html><head>{meta}<title>Café</title></head>"
            f"<body><p>{TEXT}</p><p>résumé, naïve, 5 €</p></body></html>")
    text = decode(html.encode("cp1252"))
    assert TEXT in text
    assert "résumé, naïve, 5 €" in text
    assert "\ufffd" not in text


def test_decode_empty_bytes() -> None:
    with pytest.raises(UnreadableError, match="empty"):
        decode(b"")


@pytest.mark.parametrize("data", [
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
    b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(range(256)),
])
def test_decode_binary(data: bytes) -> None:
    with pytest.raises(UnreadableError, match="binary"):
        decode(data)


def test_text_with_a_stray_nul_byte_is_text() -> None:
    """One NUL in a text file (a copy gone wrong) made it "binary": the posting lost."""
    page = ("Data Engineer\n\nAcme in Leeds hires a data engineer. " * 20).encode()
    for data in (page[:40] + b"\x00" + page[40:], page + b"\x00\x00"):
        text = decode(data)
        assert "\x00" not in text and text == page.decode()


# --- files ----------------------------------------------------------------------------------------


def test_read_file_utf8(tmp_path: Path) -> None:
    path = tmp_path / "posting.txt"
    path.write_bytes(TEXT.encode("utf-8"))
    assert read_file(path) == TEXT
    assert read_file(str(path)) == TEXT


def test_read_file_cp1252_html(tmp_path: Path) -> None:
    path = tmp_path / "posting.html"
    path.write_bytes(f'<meta charset="windows-1252"><p>{TEXT}</p>'.encode("cp1252"))
    assert TEXT in read_file(path)


def test_read_an_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.raises(UnreadableError, match="empty"):
        read_file(path)


def test_read_a_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "image.html"
    path.write_bytes(b"\x00\x01\x02\x03GIF89a\x00\x00" * 10)
    with pytest.raises(UnreadableError, match="binary"):
        read_file(path)


def test_read_a_file_over_the_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(read, "MAX_BYTES", 1_000_000)
    path = tmp_path / "huge.txt"
    path.write_bytes(b"a" * 1_500_000)
    with pytest.raises(UnreadableError) as err:
        read_file(path)
    message = str(err.value)
    assert "1.5 MB" in message
    assert "limit" in message and "1 MB" in message


def test_a_file_at_the_size_limit_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(read, "MAX_BYTES", 1000)
    path = tmp_path / "just.txt"
    path.write_bytes(b"a" * 1000)
    assert read_file(path) == "a" * 1000


def test_read_a_folder(tmp_path: Path) -> None:
    with pytest.raises(UnreadableError, match="folder"):
        read_file(tmp_path)


def test_read_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(UnreadableError, match="cannot read"):
        read_file(tmp_path / "nowhere.txt")


def test_decode_short_undeclared_cp1252_text() -> None:
    """Was: decode took charset-normalizer's best guess for undeclared single-byte text, which
    on this short cp1252 line is mac_latin2: 'Cafť Ė weíre … Ä50,000'."""
    line = "Café – we’re hiring a développeur in Zürich; salary €50,000 per year."
    assert decode(line.encode("cp1252")) == line
