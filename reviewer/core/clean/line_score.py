"""Step 2 of cleaning a text dump: what kind of line each is and how much it counts
for the posting (see ``text``). Sentences and bullets of some length count for it;
menus, sign-in forms, footers, pickers and short link lines count against it, unless
the lines around them show them to be the posting's (``read_in_context``): a list under
a heading is, however short its items (``mark_menus``)."""

from __future__ import annotations

import functools

from reviewer.core.clean.text_labels import JOB_LABELS, label_match, short_answer
from reviewer.core.clean.text_markdown import BULLET, Line
from reviewer.core.words.lexicon import (
    boilerplate_reason,
    has_job_noun,
    long_line_boilerplate,
    looks_like_heading,
    section_field,
)
from reviewer.core.words.places import looks_like_location
from reviewer.core.words.regex import edge_words, fold_case, lazy_compile
from reviewer.core.words.text import DIRECTION_MARKS, MD_LINK, mark_class

# a word, its combining marks in it (``mark_class``); in the scripts written without
# spaces a few signs count as one: two in Chinese and Japanese, five in Thai, Lao, Khmer,
# Myanmar and the Tai scripts, whose vowels and tones are signs of their own
_SOUTHEAST_ASIAN = ("\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u1980-\u19ff\u1a20-\u1aaf"
                    "\ua9e0-\ua9ff\uaa60-\uaadf")
WORD = lazy_compile(lambda: (
    r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]{1,2}|"
    rf"(?:(?=[{_SOUTHEAST_ASIAN}])(?:[^\W\d_]|{mark_class()})){{1,5}}|"
    rf"[^\W\d_](?:[\w'’-]|{mark_class()})*"))
_RULE = lazy_compile(r"^\s*([-=_*~━─═#.])\1{4,}\s*$")
# An address, a phone number or an e-mail: how to apply. Read in pieces on the folded line
# (``fold_case``), each piece only where the line holds what it needs: a colon after the
# label, a digit in the number.
_CONTACT_LABEL = lazy_compile(r"\b(?:tel|phone|fax|e-?mail|mob(?:ile)?)\b\.?\s*:")
_CONTACT_NUMBER = lazy_compile(
    r"\d{2,4}\)?[\s.-]\d{2,4}[\s.-]\d{2,5}|"  # a phone number ("+(374) 10 52-77-67")
    r"\d(?<=\b\d)\d{0,4}\s+\w+\s+(?:street|st\.?|avenue|ave\.?|road|rd\.?|boulevard|blvd\.?|"
    r"lane|drive|way|broadway|park|square|place|plaza)\b|"  # a street address
    r"(?<=\b[a-z]{2})\s+\d{5}\b|\bsuite\s+\d"  # "CA 94105", "Suite 200"
)
_PO_BOX = lazy_compile(r"\bp\.?o\.? box\b")


def _is_contact(text: str) -> bool:
    """Does the line hold an e-mail address, a phone number or a postal address?"""
    if "@" in text:
        return True
    colon, digit = ":" in text, _DIGIT.search(text) is not None
    if not (colon or digit):
        return False
    low = fold_case(text)
    return bool((colon and _CONTACT_LABEL.search(low))
                or (digit and _CONTACT_NUMBER.search(low))
                or ("box" in low and _PO_BOX.search(low)))


def word_count(text: str, most: int) -> int:
    """How many words ``text`` has, or ``most + 1`` when it has more: the rules that
    count words stop at a few dozen, and a line of a megabyte need not be counted."""
    if len(text) > 50 * most and len(WORD.findall(text, 0, 50 * most)) > most:
        return most + 1  # (a word the cut splits is one word still)
    return min(len(WORD.findall(text)), most + 1)


@functools.lru_cache(maxsize=65536)
def header_text(text: str) -> bool:
    """A title, a place, a date or a labelled fact: what sits above a posting's body
    ("Posted on Jan 5, 2025 · Apply by 2025-02-05", "Lieu : Lyon (69)")."""
    if has_job_noun(text) or (word_count(text, 12) <= 12 and (
            _PLACE_HINT.search(fold_case(text)) or looks_like_location(text)
            or (_DIGIT.search(text) and _DATE.search(text)))):
        return True
    return ("#" in text or ":" in text or "：" in text) and (
        _INLINE_LABEL.search(fold_case(text)) is not None or labelled_fact(text))


def labelled_fact(text: str) -> bool:
    """Is the line a short label and its value ("Entreprise : Groupe Maréchal",
    "Salary: £30,000")? In any language: a menu's link has no value after a colon."""
    label = label_match(text)
    return label is not None and bool(label.group(2).strip()) \
        and word_count(label.group(1), 4) <= 4


# a date: "2025-02-05", "10/02/2025", "13.01.2025", "Jan 5, 2025", "5 janvier 2025"
_DATE = lazy_compile(
    r"\b(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[./]\d{1,2}[./](?:\d{4}|\d{2})"
    r"|[^\W\d_]{3,10}\.? \d{1,2}(?:st|nd|rd|th)?,? (?:19|20)\d\d"
    r"|\d{1,2}(?:st|nd|rd|th|er)?\.? [^\W\d_]{3,10}\.?,? (?:19|20)\d\d)\b")


# what these find in the folded line (``fold_case``), they find in the line with re.I
_INLINE_LABEL = lazy_compile(r"(?:^|[·|•]\s*)(?:job id|req(?:uisition)?(?: id| #)?|ref(?:erence)?|"
                             r"location|posted|salary|type)\s*[:#]")
_PLACE_HINT = lazy_compile(r"\|| - |,\s*[a-z]{2}\b|" + edge_words(("remote", "hybrid", "on-?site"))
                           + r"\b|i(?<=\bi)n [a-z]")


def classify(line: Line, wrap_at: int = 10**6) -> None:
    if line.kind == "blank":
        return
    wrapped = len(line.text.rstrip()) >= wrap_at
    text = line.text.strip()
    if text[:1] in DIRECTION_MARKS or text[-1:] in DIRECTION_MARKS:
        text = text.strip(DIRECTION_MARKS).strip()  # (read through, ``DIRECTION_MARKS``)
    line.kind, line.score, line.reason = _judge(text, wrapped)


@functools.lru_cache(maxsize=65536)
def _judge(text: str, wrapped: bool) -> tuple[str, float, str | None]:
    """(kind, score, reason) of one line; a pure function of its text, so cached:
    later passes and a site's repeated menus and footers cost nothing."""
    body = BULLET.sub("", text)
    n = word_count(body, 40)  # 40 words and more score alike
    if _RULE.match(text):
        return "rule", -1.0, None
    if not n and not _DIGIT.search(text):  # a row of signs, or a form's box ("[ ]")
        reason = boilerplate_reason(body.strip())
        return ("text", -4.0, reason) if reason else ("rule", -1.0, None)
    if "](" in body:
        bare = MD_LINK.sub(r"\1", body).strip(" |•·>›»-–—*_")
        n = word_count(bare, 40)
    else:
        bare = body.strip(" |•·>›»-–—*_")
    # a long line is furniture only for a few reasons (a footer, a form marker)
    reason = boilerplate_reason(bare) if n <= 10 else long_line_boilerplate(bare)
    if reason:
        return "text", -4.0, reason
    kind = "bullet" if BULLET.match(text) else "text"
    if n <= 15 and text[:1] == "#" and _MD_HEADING.match(text):
        return "heading", 2.0, None
    if n <= 8 and text[:1] == "【" and _BRACKETED.fullmatch(text):
        return "heading", 2.0, None  # a Chinese or Japanese heading: "【仕事内容】"
    label = label_match(body)
    if label and JOB_LABELS.match(label.group(1).strip()):
        return "label", 5.0, None
    if n <= 12 and _is_contact(body):
        return kind, 0.0, None  # an address, phone or e-mail: how to apply
    answered = label is not None and short_answer(label.group(2))
    if n <= 8 and kind != "bullet" and (section_field(body, loose=False)[0] or (
            answered and label and section_field(label.group(1), loose=False)[0])):
        # "Travel Required: No": a labelled fact, of a heading's weight, heading nothing
        return ("label" if answered else "heading"), 3.0, None
    if label and ((label.group(1).isupper() and len(label.group(1)) > 3)
                  or not label.group(1).isascii()):  # (CJK: no case to tell by)
        return "label", (2.5 if n > 2 else 1.0), None
    sentence = n >= 12 or bool(_SENTENCE.search(body))
    if n >= 8 and sentence:
        return kind, min(n / 5.0, 8.0), None
    if kind == "bullet" and n >= 4:
        return kind, min(n / 5.0, 4.0), None
    if n >= 5 and sentence:
        return kind, 0.5, None
    if n >= 6 and wrapped:
        return kind, 1.0, None  # a hard-wrapped line of prose, cut before its stop
    return kind, (-1.5 if n <= 3 else -0.5), None


_DIGIT = lazy_compile(r"\d")


_MD_HEADING = lazy_compile(r"#{1,6} \S")
_BRACKETED = lazy_compile(r"【[^【】\n]+】[:：]?")


# a stop or a comma after a small letter, a letter of another script (most have no case)
# or a mark ("है।"); or a stop of such a script, wherever it stands
_SENTENCE = lazy_compile(lambda: (
    rf"(?:[a-z]|[^\W\d_\x00-\x7f]|{mark_class()})[.!?;,]|[،؛؟۔।॥。！？，；]"))


# --- lines that look like furniture, read with the lines around them ---------------------------

# what marks a line between two of the posting's as a stray control, weighing nothing (a footer,
# a cookie notice or a list of other jobs ends a page: it weighs as much wherever it stands)
_STRAY_REASONS = ("page control", "social links", "calendar widget", "sign-in form",
                  "region picker", "form control or image marker", "contact bar")
_MOST_STRAYS = 2  # lines in a row: more is the page's own furniture (a row of share links)
_PASSED_OVER = ("blank", "image")


def read_in_context(lines: list[Line]) -> None:
    """Furniture-like lines inside the posting are no place to cut it.

    An item of the posting's list ("Benefits:", "- Health insurance", "- Home"; the
    networks under "Platforms you will manage:") is the posting's own: it loses its
    reason and weighs nothing, however short ("- Weekly pay"), and so does the heading
    over it that no list knows ("HOME TIME"): a section of short items is no menu, and
    does not cut the posting in two. One or two controls standing between lines of the
    posting ("Share" between two sections) still go, but weigh nothing either. At the
    edges of a page (a menu before the title, share links after the end) nothing changes."""
    shown = [i for i, line in enumerate(lines) if line.kind not in _PASSED_OVER]
    items, openers = _posting_items(lines, shown)
    for i in items:
        if lines[i].reason is not None:
            lines[i].kind, lines[i].score, lines[i].reason = "bullet", 0.0, None
    for i in items | openers:
        lines[i].score = max(lines[i].score, 0.0)

    def posting(at: int) -> bool:
        return 0 <= at < len(shown) and (shown[at] in items or _of_the_posting(lines[shown[at]]))

    at = 0
    while at < len(shown):
        end = at
        while end < len(shown) and lines[shown[end]].reason in _STRAY_REASONS:
            end += 1
        if at < end <= at + _MOST_STRAYS and posting(at - 1) and posting(end):
            for k in range(at, end):
                lines[shown[k]].score = 0.0
        at = max(end, at + 1)


def _posting_items(lines: list[Line], shown: list[int]) -> tuple[set[int], set[int]]:
    """The items of the posting's own lists (``shown``: the lines not blank), and the
    lines that open them.

    A list (bullets in a row, no blank line between them) is the posting's when more
    of its items are sentences than look like furniture, or when a heading, a label or
    a line ending in a colon opens it and either the posting goes on after it or its
    items that look like furniture are no more than the others. A page's menu is short
    links under no such line; "Follow us:" heads social links and nothing of the posting
    follows them."""
    found: set[int] = set()
    openers: set[int] = set()
    at = 0
    while at < len(shown):
        end = at
        while end < len(shown) and BULLET.match(lines[shown[end]].text) and (end == at or all(
                lines[j].kind == "image" for j in range(shown[end - 1] + 1, shown[end]))):
            end += 1
        if end == at:  # (no list starts here)
            at += 1
            continue
        run = [shown[k] for k in range(at, end)]
        furniture = sum(lines[i].reason is not None for i in run)
        sentences = sum(lines[i].reason is None and lines[i].score > 0 for i in run)
        opened = at > 0 and opens_a_list(lines[shown[at - 1]]) and not (
            _heading_by_looks(lines[shown[at - 1]]) and _link_texts(lines, run))
        goes_on = end < len(shown) and _of_the_posting(lines[shown[end]])
        if sentences > furniture or (opened and (goes_on or 2 * furniture <= len(run))):
            found.update(run)
            if opened:
                openers.add(shown[at - 1])
        at = end
    return found, openers


def _of_the_posting(line: Line) -> bool:
    """A heading, a label or a sentence that no rule took for furniture."""
    return line.reason is None and (line.kind in ("heading", "label") or line.score > 0)


def _heading_by_looks(line: Line) -> bool:
    """A line that opens a list only by being written as a heading ("HOME TIME",
    "Company"): no heading, label or colon says so."""
    return line.kind == "text" and not line.text.rstrip().endswith(":")


def _link_texts(lines: list[Line], run: list[int]) -> bool:
    """Are most of a list's items written as titles, as a site's links are ("Our Story",
    "Leadership Team", "Browse Jobs"), not as a posting's short items ("Weekly direct
    deposit", "Out 2-3 weeks, home 3-4 days")?"""
    titles = sum(looks_like_heading(BULLET.sub("", lines[i].text, count=1)) for i in run)
    return 2 * titles > len(run)


def opens_a_list(line: Line) -> bool:
    """A heading, a label, a line ending in a colon, or a short line written as a heading
    that no list knows ("HOME TIME", "Shift Pattern")."""
    return line.reason is None and (
        line.kind in ("heading", "label") or line.text.rstrip().endswith(":")
        or (line.kind == "text" and word_count(line.text, 6) <= 6
            and looks_like_heading(line.text)))


# --- menus, and the posting's lists above its body -------------------------------------------


def mark_menus(lines: list[Line]) -> None:
    """Runs of three or more short lines (menus, link lists) weigh against the posting.
    Run after ``read_in_context``: the items of the posting's own lists weigh nothing by
    then, and are no short lines of a menu however short they are ("- Weekly pay")."""
    run: list[Line] = []
    for line in [*lines, Line(0, "x" * 200)]:
        if line.kind in _PASSED_OVER:
            continue
        short = line.kind not in ("label", "heading") and line.score < 0 and \
            word_count(line.text, 6) <= 6 and \
            not (line.kind == "text" and line.reason is None and is_header_line(line))
        if short:
            run.append(line)
            continue
        if len(run) >= 3:
            for item in run:
                item.score = min(item.score, -2.0)
                if item.reason is None:
                    item.reason = "menu or list of links"
        run = []


def is_header_line(line: Line) -> bool:
    """A title, a place, a date or a labelled line, or one that counts for the posting."""
    return line.kind in ("label", "heading") or line.score > 0 or \
        header_text(line.text.strip())


def above_list(lines: list[Line], at: int) -> int:
    """The line above the list whose last item is ``at`` and above the line that opens
    it ("PAY" over "- $21.50 an hour", "- Weekly pay"): where to look on for the title
    of a posting that lists its pay before its description. ``at`` itself when that line
    is no item of the posting's (a menu's link, a short line of no list's: they weigh
    below zero)."""
    i = at
    while i >= 0 and (lines[i].kind in _PASSED_OVER or (
            lines[i].kind == "bullet" and lines[i].reason is None and lines[i].score >= 0)):
        i -= 1
    if i == at:
        return at
    return i - 1 if i >= 0 and opens_a_list(lines[i]) else i
