"""Our HTML-to-Markdown renderer against markdownify, the reference it replaced for speed.

The main block of every development HTML page is rendered by both (the same subtree,
with the parts cleaning drops taken out) and must give the same words in the same
order, the same headings, list items and links. What differs on purpose is normalised
here, each with its reason:

- markdownify escapes Markdown's characters in text (``we\\_are``), we leave text as
  written where it cannot start markup: escapes are undone before comparing;
- a no-break space is a space;
- a character no one sees (a zero-width space, a soft hyphen, a byte-order mark) is left
  out of words, as a text posting's cleaning does ("s\u200bome" is the word "some");
- a paragraph is one line as a browser shows it: markdownify keeps the source's line
  breaks inside ``<p>``, so a paragraph whose source lines begin "- " or "* " reads as a
  list there; only list items that start a block (after a blank line or another item)
  count as items;
- a heading with no text is left out;
- a mail link keeps its address: the query (``?subject=…``) is not compared, as the
  address is what the posting gives; spaces in an address are written ``%20`` (a
  Markdown link cannot hold a space); a mail link whose text is its address is written
  as the address alone (the same text, once);
- text that would read as markup is escaped, where markdownify writes it as it is: a
  "<" that opens a tag or a comment ("\\<script>"), a "[" that could open a link
  ("\\[click](javascript:…)"), a bracket or backtick in a link's text (the page's words,
  not a link's end nor another link); and in a link's address, what would end it or read
  as markup there (spaces, parentheses, "<", ">", backslashes, backticks) is
  percent-encoded (markdownify writes ``[apply](http://a.com/?q=](http://evil.com))``,
  a link to a second address): the escapes are undone before comparing, and the
  addresses decoded;
- a tab's words head the panel it labels (markdownify writes the panels with no word of
  their tabs, the tabs being buttons cleaning drops): a page of tabs reads as sections;
- two figures in elements side by side are kept apart ("2025<span>3318</span>" is "2025
  3318"; an empty element between two sums, a divider the page draws, is a range's dash),
  where markdownify glues them into one figure;
- a table of facts (rows of a label and its value) is written as labelled lines, a list
  in a value as a list, where markdownify writes a pipe table with the list run into its
  cell.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote

import pytest

markdownify = pytest.importorskip("markdownify").markdownify
from selectolax.lexbor import LexborHTMLParser  # noqa: E402

from reviewer.core.clean.html import _mark_dropped  # noqa: E402
from reviewer.core.clean.html_markdown import to_markdown  # noqa: E402
from reviewer.core.clean.main_block import find_main  # noqa: E402
from reviewer.core.words.text import without_invisible  # noqa: E402

CORPUS = Path(__file__).resolve().parents[4] / "shared" / "corpus" / "dev" / "pythonjobs.jsonl"
PAGES = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()] \
    if CORPUS.exists() else []

_ENCODED = re.compile(r"%(?:20|28|29|3C|3E|5C|60)")  # what we percent-encode in an address
# a link's address: with one level of parentheses in it, as markdownify writes "(x)"
_ADDRESS = r"(?:[^()>\n]|\([^()>\n]*\))*"
_LINK_TARGET = re.compile(r"\]\(<?(?:[^()\s>]|\([^()\s>]*\))*>?(?:\s+\"[^\"]*\")?\)")
# a link not escaped ("\\[a](b)" is text), its text with one level of brackets in it
_LINK = re.compile(rf"(?<!\\)\[((?:\\.|[^\[\]\\]|\[[^\[\]]*\])*)\]\(<?({_ADDRESS}?)>?\)")
_ITEM = re.compile(r"\s*(?:[-*+]|\d+\.)\s")
_HEADING = re.compile(r"\s*#{1,6}(?:\s|$)")


def _plain(md: str) -> str:
    md = without_invisible(md.replace("\xa0", " "))
    return re.sub(r"\\([\\`*_{}\[\]()#+\-.!|<>])", r"\1", md)


def words(md: str) -> list[str]:
    return re.findall(r"\w+", _LINK_TARGET.sub("]", _plain(md)).lower())


def _blocks(md: str) -> list[tuple[str, list[str]]]:
    """(kind, lines): headings, list items that start a block, and paragraphs."""
    out: list[tuple[str, list[str]]] = []
    blank = True
    for line in md.replace("\xa0", " ").split("\n"):
        if not line.strip():
            blank = True
            continue
        if _HEADING.match(line):
            out.append(("heading", [line]))
        elif _ITEM.match(line) and (blank or (out and out[-1][0] == "item")):
            out.append(("item", [line]))
        elif out and not blank:
            out[-1][1].append(line)
        else:
            out.append(("para", [line]))
        blank = False
    return out


def headings(md: str) -> list[str]:
    found = [" ".join(words(" ".join(lines))) for kind, lines in _blocks(md)
             if kind == "heading"]
    return [h for h in found if h]


def items(md: str) -> list[str]:
    return [" ".join(words(" ".join(lines))) for kind, lines in _blocks(md) if kind == "item"]


def links(md: str) -> set[tuple[str, str]]:
    out = set()
    for text, href in _LINK.findall(md.replace("\xa0", " ")):
        href = _ENCODED.sub(lambda m: unquote(m.group()), href).strip()
        text = " ".join(_plain(text).split())
        if href.startswith("mailto:"):
            href = href.split("?", 1)[0]
            if href.removeprefix("mailto:") == text:
                continue  # the address as text
        out.add((text, href))
    return out


def both(raw: str) -> tuple[str, str]:
    """(ours, markdownify's) Markdown of a page's main block."""
    tree = LexborHTMLParser(raw)
    body = tree.body or tree.root
    assert body is not None
    dropped = _mark_dropped(body)
    main = find_main(body, dropped) or [body]
    ours = to_markdown(main, frozenset(dropped))
    for node in list(body.traverse()):
        if node.mem_id in dropped:
            node.decompose()
    reference = markdownify("".join(m.html or "" for m in main), heading_style="ATX",
                            bullets="-", strip=["img"])
    return ours, reference


@pytest.mark.skipif(not PAGES, reason="the development corpus is not beside the project")
@pytest.mark.parametrize("page", PAGES, ids=[p["id"] for p in PAGES])
def test_the_same_markdown_as_markdownify(page: dict) -> None:
    ours, reference = both(page["raw"])
    assert words(ours) == words(reference)
    assert headings(ours) == headings(reference)
    assert items(ours) == items(reference)
    ours_links, reference_links = links(ours), links(reference)
    assert ours_links == reference_links


def test_words_apart_in_the_page_stay_apart() -> None:
    """Two inline elements with a space between them: two words (they had been glued,
    "RESTAPI", until this comparison found it)."""
    page = ("<html><body><ul><li><span>REST</span> <span>API</span> design</li>"
            "<li>More</li></ul></body></html>")
    ours, reference = both(page)
    assert "REST API design" in ours
    assert words(ours) == words(reference)


def test_text_escaped_and_addresses_encoded_say_what_markdownify_says() -> None:
    """The escapes of text that would read as markup, and the percent-encoded addresses,
    are the differences listed above, and no other: the same words, items and links."""
    page = ("<html><body><h1>Data Engineer</h1><p>Page text &lt;script&gt;alert(1)&lt;/script&gt;"
            " and [click](javascript:alert(1)), [remote] &lt; 5 years, and "
            "<code>`</code>.</p><ul><li><a href='http://a.com/(x)'>apply [now]</a></li>"
            "<li>Build pipelines</li></ul></body></html>")
    ours, reference = both(page)
    assert "\\<script>" in ours and "\\[click]" in ours and "%28x%29" in ours
    assert words(ours) == words(reference)
    assert items(ours) == items(reference)
    assert links(ours) == {("apply [now]", "http://a.com/(x)")}
    # (markdownify makes a link of the page's text, we do not)
    assert links(reference) == links(ours) | {("click", "javascript:alert(1)")}


def test_tabs_figures_and_facts_say_what_markdownify_says() -> None:
    """The tabs' headings, the figures kept apart and the table of facts are the
    differences listed above, and no other: the same words but for those."""
    page = ('<html><body><h1>Crew Lead</h1><ul role="tablist"><li><button role="tab" '
            'aria-controls="p1">Overview</button></li><li><button role="tab" aria-controls='
            '"p2">Wages</button></li></ul><div role="tabpanel" id="p1"><p>Brightfield Energy '
            "installs rooftop systems across southern Arizona, and we need a crew lead.</p>"
            '<h2><button aria-expanded="true">Requirements</button></h2><table><tr><th>Job '
            "ID</th><td>2025<span>3318</span></td></tr><tr><th>Duties</th><td><ul><li>Lead "
            'installs</li><li>Train installers</li></ul></td></tr></table></div><div role='
            '"tabpanel" id="p2"><p><span>$28</span><span class="divider"></span><span>$34'
            "</span> an hour</p></div></body></html>")
    ours, reference = both(page)
    assert headings(ours) == ["crew lead", "overview", "requirements", "wages"]
    assert headings(reference) == ["crew lead", "requirements"]
    assert "**Job ID:** 2025 3318" in ours and "20253318" in reference
    assert "$28 – $34 an hour" in ours and "$28$34 an hour" in reference
    assert items(ours) == ["lead installs", "train installers"] and items(reference) == []
    tabs = {"overview", "wages"}
    assert " ".join(w for w in words(ours) if w not in tabs) == \
        " ".join(words(reference)).replace("20253318", "2025 3318")
