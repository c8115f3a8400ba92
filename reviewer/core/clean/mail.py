"""A posting saved as an e-mail whose body is encoded: read as a mail reader shows it.

A message with its headers at the top and a body in quoted-printable or base64, or in
several parts, is decoded (Python's ``email`` package): its headers as a reader shows
them, the first of each name alone (a second "From:" is forged, or a mistake), words
encoded in them (RFC 2047) decoded; then its text: each text part and each message it
carries (a posting forwarded), of alternatives the plain part (the HTML's text where the
plain one is a stub), attachments that are no text left out. Any other text is left as
it is: a mailing-list post in plain text keeps every character, so its offsets stay
those of the page. A message of more parts, or of longer headers, than a posting's by
far is refused with the reason (``MAX_PARTS``, ``MAX_HEADERS``): the package took
minutes on some.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from reviewer.core.clean.guard import PageRefused
from reviewer.core.words.regex import lazy_compile

if TYPE_CHECKING:
    from email.message import EmailMessage

# Past these a message is refused (``PageRefused``), its reading stopped where it got to:
# the package's reading of a part costs about 0.1 ms, of a header's value 15 µs a
# character (a list of addresses, its square), and the parts of a 3 MB message nested
# 66,000 deep took 43 s, 2 MB of parameters after "Content-Type: text/plain" two minutes.
# A posting's message has a few parts and a few hundred characters of those headers.
MAX_PARTS = 500  # parts (a part inside another counts)
MAX_HEADERS = 50_000  # characters of the headers it parses: Content-*, and SHOWN's

# headers at the very top (an mbox's "From " line may come first), then a blank line
_HEAD = lazy_compile(r"(?:From [^\n]*\n)?(?:[A-Za-z][A-Za-z0-9-]*:[^\n]*\n(?:[ \t][^\n]*\n)*)+"
                     r"\r?\n")
_ENCODED = lazy_compile(r"(?im)^content-transfer-encoding:[ \t]*(?:quoted-printable|base64)\b"
                        r"|^content-type:[ \t]*multipart/")
# the headers a reader shows, in this order
SHOWN = ("From", "Reply-To", "To", "Date", "Subject")


def decoded(text: str) -> str:
    """``text`` as a mail reader shows it where it is a message with an encoded body (see
    the module's note); else ``text`` itself."""
    head = _HEAD.match(text[:65_536].replace("\r\n", "\n"))
    if head is None or not _ENCODED.search(head.group()):
        return text
    try:
        message = _read(text)
        lines = _headers(message)
        body = _body(message)
    except PageRefused:
        raise
    except Exception:  # (a message the package cannot read: the text as it is)
        return text
    if body is None:
        return text
    return "\n".join(lines) + "\n\n" + body


def _read(text: str) -> EmailMessage:
    """``text`` read by the ``email`` package, each header's value parsed once (the package
    parses a part's Content-Type again at each look at it, several times a part), its
    parts and the headers it parses counted as it reads them: past ``MAX_PARTS`` or
    ``MAX_HEADERS`` the reading stops, and the message is refused (``PageRefused``)."""
    import email.parser  # (the package compiles dozens of patterns: loaded for a message alone)
    import email.policy
    from email.headerregistry import HeaderRegistry
    from email.message import EmailMessage

    parsed: dict[tuple[str, str], Any] = {}
    count = {"parts": 0, "characters": 0}

    class Headers(HeaderRegistry):
        def __call__(self, name: str, value: str) -> Any:
            key = (name.lower(), value)
            if key not in parsed:
                parsed[key] = super().__call__(name, value)
            return parsed[key]

    class Part(EmailMessage):
        def set_raw(self, name: str, value: Any) -> None:  # (each header the parser reads)
            if name.lower().startswith("content-") or name.title() in SHOWN:
                count["characters"] += len(value)
                if count["characters"] > MAX_HEADERS:
                    raise PageRefused(f"over {MAX_HEADERS:,} characters in the mail's "
                                      "Content-Type, From, To … headers: more than a posting's")
            super().set_raw(name, value)

        def attach(self, payload: Any) -> None:  # (each part the parser makes)
            count["parts"] += 1
            if count["parts"] > MAX_PARTS:
                raise PageRefused(f"over {MAX_PARTS:,} parts in the mail: more than a "
                                  "posting holds")
            super().attach(payload)

    policy = email.policy.default.clone(header_factory=Headers())
    message = email.parser.Parser(Part, policy=policy).parsestr(text)
    assert isinstance(message, EmailMessage)
    return message


def _headers(message: EmailMessage) -> list[str]:
    """The headers a reader shows (``SHOWN``), the first of each name, each on a line."""
    return [f"{name}: {_one_line(str(message[name]))}" for name in SHOWN
            if message[name] is not None]


def _body(message: EmailMessage) -> str | None:
    """The text of the message: each of its text parts and the messages it carries (a
    posting forwarded), in order; of alternatives, the plain part, but where it is a
    stub beside the HTML's text ("best viewed in HTML")."""
    texts = [text for text in _texts(message, 0) if text.strip()]
    return "\n\n".join(texts) if texts else None


def _texts(part: EmailMessage, depth: int) -> list[str]:
    from email.message import EmailMessage  # (loaded by ``decoded`` already)

    if depth > 20:  # (messages inside messages, without end)
        return []
    kind = part.get_content_type()
    if kind == "message/rfc822":
        inner = part.get_payload()
        inner = inner[0] if isinstance(inner, list) and inner else inner
        if not isinstance(inner, EmailMessage):
            return []
        return ["\n".join(_headers(inner)), *_texts(inner, depth + 1)]
    if part.is_multipart():
        parts = [_texts(sub, depth + 1) for sub in part.iter_parts()
                 if isinstance(sub, EmailMessage)]
        if kind != "multipart/alternative" or not parts:
            return [text for texts in parts for text in texts]
        first, longest = parts[0], max(parts[1:], key=_size, default=[])
        return longest if _size(longest) > 3 * _size(first) else first  # (a stub: the other)
    if kind not in ("text/plain", "text/html"):
        return []  # an attachment that is no text (a PDF, an image)
    try:  # (one part that cannot be read costs that part: an unknown charset, a page
        content = part.get_content()  # the parser's guard refuses)
        if kind == "text/html":
            from reviewer.core.clean.html import clean_html

            content = clean_html(content, record_removed=False).markdown
    except Exception:
        payload = part.get_payload(decode=True)
        content = payload.decode("utf-8", errors="replace") \
            if isinstance(payload, bytes) and kind == "text/plain" else ""
    return [content] if isinstance(content, str) else []


def _size(texts: list[str]) -> int:
    return sum(len(text.strip()) for text in texts)


def _one_line(value: str) -> str:
    return re.sub(r"\s+", " ", value).strip()
