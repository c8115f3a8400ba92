"""Where a text dump's posting starts: the title, employer, place and labelled facts
above the run of lines its text chose (step 3 of ``text``), and the short lines above
that which the extractor may still read.

A line above the posting goes only when something says it is the page's: a rule that
reads its words (a sign-in form, a footer), a menu that its shortness gives away, or a
title found below it by its words. A head in a language the word lists do not know
("Magazynier / Operator wózka widłowego", "Wielkopolskie Centrum Dystrybucji Sp. z
o.o.", "Poznań, Franowo") is kept as an English one is.
"""

from __future__ import annotations

from reviewer.core.clean.line_score import above_list, is_header_line, word_count
from reviewer.core.clean.text_markdown import Line
from reviewer.core.words.lexicon import has_job_noun, section_field
from reviewer.core.words.site_words import lines_in_run, site_line

MENU = "menu or list of links"
SKIPPABLE = ("page control", "list of other jobs", "form control or image marker")
_PASSED_OVER = ("blank", "image")  # lines that neither make nor break a run
_HEAD_GUESSED = 3  # short lines a head holds that may be taken for a menu: title, employer, place


def widen_up(lines: list[Line], first: int) -> int:
    """Take in the title, location and labelled lines just above the posting.

    Page controls between them and the posting ("Back to search results") are
    stepped over; they are dropped later as boilerplate. So is a list of the posting's
    own right above it ("PAY", "- $21.50 an hour"), taken with the title over it (a
    list over the title is the page's). One line over them that tops the page is the
    title, in words the lists do not know ("Chargé(e) de recrutement"); and all the
    lines above are the posting's when they are only its head (``_head_above``). The
    site's own lines over it go first, by their words (``mark_site_lines``)."""
    mark_site_lines(lines, first)
    above = [x for x in lines[:first] if x.kind not in _PASSED_OVER]
    if len(above) <= 3 and all(x.reason in (None, MENU) for x in above):
        return 0  # the posting starts the page: nothing above it to cut
    taken = first
    misses = skipped = 0
    i = first - 1
    while i >= 0 and first - i <= _LOOK_UP:
        line = lines[i]
        i -= 1
        if line.kind in _PASSED_OVER:
            continue
        if line.reason in SKIPPABLE:
            skipped += 1
            if skipped > 2:
                break
            continue
        if taken == first and line.kind == "bullet" and (top := above_list(lines, i + 1)) <= i:
            i = top  # the posting's own list: taken when a title stands above it
            continue
        if line.reason is not None or line.kind == "bullet":
            break
        if is_header_line(line):
            taken = i + 1
            misses = skipped = 0
        else:
            misses += 1
            if misses > 1:
                break
    if i < 0 and misses == 1 and not skipped and taken < first:
        return 0
    head = _head_above(lines, first)
    if head is not None and not _menu_over_title(lines, head, taken, first):
        return min(head, taken)
    return taken


_LOOK_UP = 16  # lines above the posting's body its title is looked for in (blank ones not
# counted); the rest of its head, in as many short ones (a sentence is the posting's)
_MOST_CONTROLS = 4  # between the head and the body: "Easy Apply", "Save", "Share", "Report"


def mark_site_lines(lines: list[Line], first: int) -> None:
    """Give the short lines above the posting's body that are the site's by their words
    their reason: its menu ("Jobs", "Stellenangebote", "Vacatures | Werkgevers"), its
    sign-in links ("Anmelden", "Se connecter"), its controls ("Partager", "3 of 120",
    "Easy Apply") and its language picker ("Deutsch | English"). Lines a rule already
    named keep their reason; a guess by shortness alone (a menu) gives way. A word that
    is a posting's too ("Discover", "Summer Jobs", "Remote") is the site's only in a run
    of the site's lines (``lines_in_run``): alone under a title it is the employer, the
    title or a fact."""
    shown = [x for x in lines[max(0, first - 2 * _LOOK_UP):first] if x.kind != "blank"]
    found = [site_line(x.text) if x.kind == "text" and x.reason in (None, MENU) else None
             for x in shown]
    site = [r is not None or x.reason not in (None, MENU, *_PASSED_OVER)
            for x, r in zip(shown, found, strict=True)]
    for at, (line, reason) in enumerate(zip(shown, found, strict=True)):
        if reason is not None and _run_around(site, at) >= lines_in_run(line.text):
            line.reason = reason
            line.score = min(line.score, -2.0)


def _run_around(site: list[bool], at: int) -> int:
    """How many lines the run of the site's lines through ``at`` holds."""
    start, end = at, at + 1
    while start > 0 and site[start - 1]:
        start -= 1
    while end < len(site) and site[end]:
        end += 1
    return end - start


def _head_above(lines: list[Line], first: int) -> int | None:
    """Where the posting's own head starts, when all that stands between its body and
    the page's furniture over it (or the top of the page) is that head, whatever its
    language; else None.

    Nothing there is furniture by what it says; a few controls between the head and the
    body ("Easy Apply", "Save") are stepped over and dropped later, but a control over
    a line of the head is the top of the page's bar ("Retour aux offres" over "Comptable
    H/F") unless a title stands over the control too ("Postuler", "Enregistrer" under
    the title, employer and pay, over "Descriptif du poste"). No more of it was taken for
    a menu by its shortness alone than a head holds: a title, an employer and a place
    ("Sjuksköterska till akutmottagningen", "Västkustens Sjukhus AB", "Göteborg"), in
    words no list knows; when more short lines run on up, the head is the block of lines
    right over the body, which a blank line sets apart from them, or else starts at the
    title found by its words. Whether a line reads as a title or a fact is not asked:
    "Magazynier / Operator wózka widłowego" and "Praca zmianowa (2 zmiany)" are a head as
    their English words would be. The head is looked for in the lines just above the
    body, as a title is."""
    start, guessed, controls, short = first, 0, 0, 0
    block: int | None = None  # the top of the lines right over the body, once a blank ends it
    closed = False
    title = _title_above(lines, first)
    begun = lines[first].kind == "heading" and not section_field(lines[first].text)[0]
    for i in range(first - 1, -1, -1):
        line = lines[i]
        if line.kind in _PASSED_OVER:
            if line.kind == "blank" and start < first and not closed:
                closed = True  # (a block of one line, "Work Shift", is a label's, not a head)
                block = start if sum(x.kind not in _PASSED_OVER
                                     for x in lines[start:first]) >= 2 else None
            continue
        short += line.score <= 0
        if short > _LOOK_UP:
            return block  # the head's top is out of sight: a list of the page's, likely
        if line.reason in SKIPPABLE:
            if begun or (start < first and title > i):
                break  # the page's bar over the head (a title over it: the head's buttons)
            controls += 1
            if controls > _MOST_CONTROLS:
                return None
            continue
        if line.reason == MENU:
            guessed += i < title  # (short lines under a title are its employer, place, terms)
            if guessed > _HEAD_GUESSED:  # a menu over the head: it starts at its title
                return title if block is None and title < first else block
        elif line.reason is not None:
            break  # the page's furniture: the head starts below it
        start = i
    return start


def _title_above(lines: list[Line], first: int) -> int:
    """The nearest line over the body that reads as a title by its words ("Verwaltungskraft
    Bürgerbüro (m/w/d)"), below the page's furniture, or ``first`` when there is none: the
    short lines under it are the rest of the head, however many ("Gemeinde Seeheim",
    "Seeheim am Rhein", "Teilzeit, Vollzeit", "Feste Anstellung")."""
    shown = [i for i in range(first - 1, -1, -1) if lines[i].kind not in _PASSED_OVER]
    for i in shown[:_LOOK_UP]:
        line = lines[i]
        if line.reason not in (None, MENU, *SKIPPABLE):
            break
        if line.kind == "text" and line.reason in (None, MENU) and \
                word_count(line.text, 12) <= 12 and has_job_noun(line.text):
            return i
    return first


def _menu_over_title(lines: list[Line], head: int, taken: int, first: int) -> bool:
    """Do short lines taken for a menu stand over a title that the head's walk found by
    its words ("Jobs", "Companies", "Salaries" over "Senior Data Engineer")? Then they
    are the page's menu, not the posting's employer and place."""
    return any(x.reason == MENU for x in lines[head:taken]) and any(
        x.kind == "text" and x.reason is None and word_count(x.text, 12) <= 12
        and has_job_noun(x.text) for x in lines[taken:first])


def header_context(lines: list[Line], first: int) -> list[str]:
    """Short lines above the posting that may name its title, place or team.

    They stay out of the Markdown (they sit among page chrome) but the
    extractor may read them, with less trust than the posting itself."""
    found: list[str] = []
    above = [x for x in lines[:first] if x.kind != "blank"][-40:]
    for line in above:
        if line.reason is not None:
            continue
        text = line.text.strip()
        if 1 <= word_count(text, 12) <= 12 and line.kind != "bullet":
            found.append(text)
    return found
