"""Clean: any posting page in, the posting alone as Markdown out (a ``CleanDoc``).

An HTML page (``html``) is parsed, stripped of what is never content (what its
markup hides: ``hidden``), cut down to the block that holds the posting
(``main_block``), read for what it says about itself (``page_data``) and rendered
as Markdown (``html_markdown``); a page whose body shows no posting (an app's shell) is
given the description of the JobPosting it embeds (``data_text``). A text dump
(``text``) has its glued lines split (``unglue``), each line scored
(``line_score``), the posting's run of lines kept and rendered (``text_markdown``).
What was left out is kept with its reason. Imports only ``schema`` and ``words``.

Pages the HTML parser would take minutes on are refused before parsing (``guard``).

Public API: ``clean``, ``detect_kind``, ``gave_up``, ``Kind``.
"""

from __future__ import annotations

import re
from typing import Literal

from reviewer.core.clean.guard import PageRefused, check_lines
from reviewer.core.clean.html import clean_html
from reviewer.core.clean.mail import decoded
from reviewer.core.clean.text import clean_text
from reviewer.core.schema import CleanDoc
from reviewer.core.words.regex import lazy_compile

Kind = Literal["html", "text"]
GAVE_UP = "cleaning gave up: "
NOTHING_LEFT = ("no text left after cleaning (the page holds none, or nothing but what is "
                "taken for a site's menus, forms and footers)")

_HTML_START = lazy_compile(
    r"\s*(?:<!--.*?-->\s*)*(?:<\?xml[^>]*>\s*)?(?:<!doctype\s+html|<html|<head|<body|<meta|"
    r"<div|<article|<section|<p[\s>]|<table|<title)",
    re.I | re.S,
)
_HTML_DOCUMENT = lazy_compile(
    r"\s*(?:<!--.*?-->\s*)*(?:<\?xml[^>]*>\s*)?(?:<!doctype\s+html|<html[\s>])", re.I | re.S)
_HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
_TEXT_SUFFIXES = (".txt", ".text", ".md", ".markdown")


def detect_kind(text: str, name: str = "") -> Kind:
    """A page's kind, decided the same way wherever a page comes in (import, extract).

    HTML when the name ends like HTML. A name that says text (``.txt``, ``.md``) is HTML
    only when the text is plainly an HTML document (a page saved as text): a Markdown file
    may open with a ``<div>`` of its own. Any other name: HTML when the text starts like
    HTML; else text."""
    lower = name.lower()
    if lower.endswith(_HTML_SUFFIXES):
        return "html"
    if lower.endswith(_TEXT_SUFFIXES):
        return "html" if _HTML_DOCUMENT.match(text[:4096]) else "text"
    return "html" if _HTML_START.match(text[:4096]) else "text"


def clean(raw: str, kind: Kind | None = None, record_removed: bool = True) -> CleanDoc:
    """Clean one page. ``kind`` is guessed from the text when not given.

    ``record_removed=False`` skips writing out the page text and the removed
    ranges of an HTML page (a text dump's come for free). Never raises: a page
    that cannot be cleaned gives an empty document whose ``notes`` say why."""
    kind = kind or detect_kind(raw)
    try:
        if kind == "html":
            return clean_html(raw, record_removed)
        check_lines(raw)
        return clean_text(decoded(raw))
    except PageRefused as err:
        reason = str(err)
    except RecursionError:
        reason = "the page nests too deeply to read"
    except MemoryError:
        reason = "the page is too large to clean in the memory there is"
    except ValueError as err:  # (the HTML parser's own errors among them)
        reason = f"the page could not be parsed ({type(err).__name__}: {err})"[:300]
    return CleanDoc(markdown="", kind=kind, source=raw, notes=[GAVE_UP + reason])


def gave_up(doc: CleanDoc) -> str | None:
    """Why cleaning left no text of the page (None: it left some), for a person: it gave
    up on it, or the page holds none (an empty body, an image alone), or nothing but
    what is taken for a site's furniture. An import skips such a page, as an empty one."""
    if doc.markdown.strip():
        return None
    return next((note for note in doc.notes if note.startswith(GAVE_UP)), NOTHING_LEFT)


__all__ = ["Kind", "clean", "detect_kind", "gave_up"]
