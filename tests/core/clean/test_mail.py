"""A posting saved as an e-mail with an encoded body is read as a mail reader shows it:
quoted-printable read a figure out of "=E2=82=AC60,000" (a pay of 82), and a base64
body left nothing of the posting but its headers."""

from __future__ import annotations

import base64
from email.headerregistry import HeaderRegistry
from typing import Any

import pytest

from reviewer.core.clean import clean, gave_up, mail
from reviewer.core.clean.mail import decoded
from reviewer.core.pipeline import process

HEAD = ('From: "Acme Careers" <jobs@acme.example>\n'
        'From: "Other Corp HR" <hr@other.example>\n'
        "To: jobs-list@lists.example\n"
        "Subject: =?utf-8?b?U2VuaW9yIERhdGEgRW5naW5lZXIg4oCUIEJlcmxpbg==?=\n"
        "Date: Mon, 1 Apr 2024 10:00:00 +0000\n"
        "MIME-Version: 1.0\n")
BODY = ("Senior Data Engineer\n\nAcme GmbH is hiring a Senior Data Engineer in Berlin, "
        "Germany. You will build data pipelines with Python and SQL.\n"
        "Salary: €60,000 – €70,000 per year\nApply by 2024-05-01.\n")
QUOTED = ("Senior Data Engineer\n\nAcme GmbH is hiring a Senior Data Engineer in Berlin, "
          "Germany. You will bui=\nld data pipelines with Python and SQL.\n"
          "Salary: =E2=82=AC60,000 =E2=80=93 =E2=82=AC70,000 per year\nApply by 2024-05-01.\n")


def plain_part(encoding: str) -> str:
    body = QUOTED if encoding == "quoted-printable" else \
        base64.encodebytes(BODY.encode()).decode()
    return (f'Content-Type: text/plain; charset="utf-8"\n'
            f"Content-Transfer-Encoding: {encoding}\n\n{body}")


MESSAGES = {
    "quoted-printable": HEAD + plain_part("quoted-printable"),
    "base64": HEAD + plain_part("base64"),
    "multipart": HEAD + 'Content-Type: multipart/alternative; boundary="b1"\n\n--b1\n'
    + plain_part("base64") + "\n--b1\nContent-Type: text/html; charset=utf-8\n"
    "Content-Transfer-Encoding: base64\n\n"
    + base64.encodebytes(b"<p>the HTML part</p>").decode() + "\n--b1--\n",
    "html only": HEAD + 'Content-Type: multipart/mixed; boundary="b2"\n\n--b2\n'
    "Content-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: base64\n\n"
    + base64.encodebytes(("<h1>Senior Data Engineer</h1><p>" + BODY.split("\n\n", 1)[1]
                          .replace("\n", "</p><p>") + "</p>").encode()).decode()
    + "\n--b2\nContent-Type: application/pdf\nContent-Transfer-Encoding: base64\n\n"
    + base64.encodebytes(b"%PDF-1.4 not a posting").decode() + "\n--b2--\n",
}


@pytest.mark.parametrize("name", MESSAGES)
def test_an_encoded_body_is_read_as_a_reader_shows_it(name: str) -> None:
    result = process(MESSAGES[name], "text")
    text = result.doc.markdown
    assert "Acme GmbH is hiring a Senior Data Engineer" in text and "build data" in text
    assert "€60,000" in text and "=E2" not in text and "PDF" not in text
    assert result.extraction.fields["salary"] == {
        "min": 60000, "max": 70000, "currency": "EUR", "period": "year"}
    assert "Senior Data Engineer — Berlin" in text  # the subject, its words decoded
    assert "Other Corp" not in text  # a second From is no sender


def test_a_message_in_plain_text_is_left_as_it_is() -> None:
    """Its offsets stay those of the page: not a character changed."""
    post = HEAD + "Content-Type: text/plain\n\n" + BODY
    assert decoded(post) == post
    assert decoded(BODY) == BODY
    assert clean(post, "text").source == post


def test_a_message_that_cannot_be_read_is_left_as_it_is() -> None:
    broken = HEAD + 'Content-Type: multipart/mixed; boundary="x"\n\nno parts at all\n'
    assert decoded(broken) == broken
    assert "no parts at all" in clean(broken, "text").markdown


FORWARD = ('From: Ana <ana@example.org>\nTo: me@example.org\nSubject: Fwd: a job for you\n'
           'MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="b"\n\n--b\n'
           "Content-Type: text/plain; charset=us-ascii\n\nFYI, see below.\n\n--b\n")


@pytest.mark.parametrize("carried", [
    "Content-Type: message/rfc822\n\nFrom: jobs@acme.example\nSubject: Senior Data Engineer\n"
    "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n"
    + base64.encodebytes(BODY.encode()).decode(),
    "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n"
    + base64.encodebytes(BODY.encode()).decode(),
])
def test_a_posting_forwarded_after_a_note_is_kept(carried: str) -> None:
    """Only the first part was read: "FYI, see below." and nothing of the posting."""
    result = process(FORWARD + carried + "\n--b--\n", "text")
    assert "FYI, see below." in result.doc.source  # (read, and left out as no posting's)
    assert "Acme GmbH is hiring" in result.doc.markdown
    assert result.extraction.fields["salary"]["min"] == 60000


def test_a_plain_part_that_is_a_stub_gives_way_to_the_html() -> None:
    html = "<h1>Senior Data Engineer</h1><p>" + BODY.split("\n\n", 1)[1].replace(
        "\n", "</p><p>") + "</p>"
    message = (HEAD + 'Content-Type: multipart/alternative; boundary="b"\n\n--b\n'
               "Content-Type: text/plain; charset=utf-8\n\nBest viewed in HTML.\n\n--b\n"
               "Content-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: base64\n\n"
               + base64.encodebytes(html.encode()).decode() + "\n--b--\n")
    text = clean(message, "text").markdown
    assert "Acme GmbH is hiring" in text and "Best viewed" not in text


def test_a_part_that_cannot_be_read_costs_that_part_alone() -> None:
    """A signature in an unknown charset undid the decoding of the whole message."""
    message = (HEAD + 'Content-Type: multipart/mixed; boundary="b"\n\n--b\n'
               + plain_part("quoted-printable") + "\n--b\n"
               'Content-Type: text/plain; charset="x-mac-unknown"\n'
               "Content-Transfer-Encoding: base64\n\n"
               + base64.encodebytes(b"Acme signature").decode() + "\n--b--\n")
    text = decoded(message)
    assert "€60,000" in text and "=E2" not in text and "Acme signature" in text


MIXED = HEAD + 'Content-Type: multipart/mixed; boundary="b"\n\n'


def _parts(count: int) -> str:
    return MIXED + "".join(f"--b\nContent-Type: text/plain\n\nPart {i}.\n" for i in range(count))


def test_a_message_of_many_parts_is_read_up_to_the_limit() -> None:
    text = decoded(_parts(mail.MAX_PARTS) + "--b--\n")
    assert "Part 0." in text and f"Part {mail.MAX_PARTS - 1}." in text


@pytest.mark.parametrize("message", [
    _parts(20_000),  # (a megabyte of "--b" lines and a line each took 15 s)
    MIXED + '--b\nContent-Type: multipart/mixed; boundary="b"\n\n' * 20_000,  # (66,000: 43 s)
])
def test_a_message_of_too_many_parts_is_refused_with_the_reason(message: str) -> None:
    doc = clean(message, "text")
    assert doc.markdown == ""
    assert gave_up(doc) == (f"cleaning gave up: over {mail.MAX_PARTS:,} parts in the mail: "
                            "more than a posting holds")


def test_a_message_of_headers_of_thousands_of_parameters_is_refused() -> None:
    """Ten parts of 2,000 parameters took 4 s (200 parts, 2 MB: two minutes): the
    package parsed each part's Content-Type again at each look at it."""
    params = "; ".join(["x=1"] * 2_000)
    message = MIXED + "".join(f"--b\nContent-Type: text/plain; {params}\n\nPart {i}.\n"
                              for i in range(10)) + "--b--\n"
    doc = clean(message, "text")
    assert doc.markdown == ""
    assert f"over {mail.MAX_HEADERS:,} characters in the mail's Content-Type, From, To" \
        in str(gave_up(doc))


def test_each_header_of_a_message_is_parsed_once(monkeypatch: pytest.MonkeyPatch) -> None:
    parsed: list[tuple[str, str]] = []
    real = HeaderRegistry.__call__

    def counting(self: HeaderRegistry, name: str, value: str) -> Any:
        parsed.append((name.lower(), value))
        return real(self, name, value)

    monkeypatch.setattr(HeaderRegistry, "__call__", counting)
    text = decoded(MESSAGES["multipart"])
    assert "Acme GmbH is hiring" in text
    assert len(parsed) == len(set(parsed))  # (it was 34 parses of 8 headers)
