"""A posting saved as an e-mail whose body is encoded: read as a mail reader shows it.

A message with its headers at the top and a body in quoted-printable or base64, or in
several parts, is decoded (Python's ``email`` package): its headers as a reader shows
them, the first of each name alone (a second "From:" is forged, or a mistake), words
encoded in them (RFC 2047) decoded; then its text: each text part and each message it
carries (a posting forwarded), of alternatives the plain part (the HTML's text where the
plain one is a stub), attachments that are no text left out. Any other text is left as
it is: a mailing-list post in plain text keeps every character, so its offsets stay
those of the page.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from reviewer.core.words.regex import lazy_compile

if TYPE_CHECKING:
    from email.message import EmailMessage

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
    import email  # (the package compiles dozens of patterns: loaded for a message alone)
    import email.policy
    from email.message import EmailMessage

    try:
        message = email.message_from_string(text, policy=email.policy.default)
        assert isinstance(message, EmailMessage)
        lines = _headers(message)
        body = _body(message)
    except Exception:  # (a message the package cannot read: the text as it is)
        return text
    if body is None:
        return text
    return "\n".join(lines) + "\n\n" + body


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
