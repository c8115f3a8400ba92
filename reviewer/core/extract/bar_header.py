"""A posting's facts in one line of cells parted by bars, as job threads and boards write
them: "Acme Robotics | Senior Embedded Engineer | Boston, MA | ONSITE | Full-time |
$140-180k + equity".

Each cell is read for what it is: a pay range, a way of working, an employment type, a
place, the role (a job title), a team; the one cell left that reads as a name is the
employer.
A line is read so only when it holds one role and at least one other fact, and no cell of
a site's menu or breadcrumb ("Home", "Careers", "Jobs", "Engineering Manager roles"),
and only among the lines at the top of the posting. A line of two roles is a list of
openings, not one posting's facts.
"""

from __future__ import annotations

from reviewer.core.extract.department import is_department
from reviewer.core.extract.salary import find_salary
from reviewer.core.extract.vocab import employment_type, remote_mode
from reviewer.core.schema import Finding, Span
from reviewer.core.words.lexicon import boilerplate_reason, has_job_noun
from reviewer.core.words.places import looks_like_location
from reviewer.core.words.regex import lazy_compile

_BAR = lazy_compile(r"\s+[|•·]\s+")
_NAME = lazy_compile(r"[A-Z0-9][\w&'’.,-]*(?: [\w&'’.,()-]+){0,5}")
# a cell of a site's menu or breadcrumb: its pages, or a listing of openings
_SITE = lazy_compile(r"(?i)(?:home|jobs?|careers?|contact(?: us)?|about(?: us)?|log ?in|"
                     r"sign (?:in|up)|register|search|menu|back|blog|news|help|faq|"
                     r"apply(?: now)?|all jobs|job search|.* (?:jobs|roles|openings|vacancies))")
_SHORT = 3  # words of a cell that says a way of working or an employment type alone
CONFIDENCE = 0.65
LINES = 3  # the lines at the top of a posting looked at


def from_bar_header(lines: list[tuple[str, Span | None, str | None]]) -> dict[str, Finding]:
    """The facts of the first line of ``lines`` that is a bar header: each line as read
    (its markup off), its span in the posting and the text there as written (None, None:
    a line of the page around it). A value's evidence is its words where the line as
    written holds them."""
    for text, span, written in lines[:LINES]:
        found = _read(text, span, written)
        if found:
            return found
    return {}


def _read(text: str, span: Span | None, written: str | None) -> dict[str, Finding]:
    cells = bar_cells(text)
    if len(cells) < 3 or any(_SITE.fullmatch(cell) for cell, _ in cells):
        return {}
    found: dict[str, Finding] = {}
    places: list[tuple[str, Span]] = []
    names: list[tuple[str, Span]] = []

    def evidence(at: int, length: int) -> list[Span]:
        """Where ``text[at:at + length]`` is in the line as written (none: not there)."""
        if span is None or written is None:
            return []
        words = text[at:at + length]
        start = at if written == text else written.find(words)
        return [(span[0] + start, span[0] + start + length)] if start >= 0 else []

    def put(name: str, value: object, at: int, length: int) -> None:
        found.setdefault(name, Finding(value, evidence(at, length), CONFIDENCE, "structure"))

    for cell, at in cells:
        short = len(cell.split()) <= _SHORT
        here = (at, at + len(cell))
        if (pay := find_salary(cell, labelled=True)) is not None:
            (value, (a, b)) = pay
            put("salary", value, at + a, b - a)
        elif short and (mode := remote_mode(cell)) is not None and \
                not looks_like_location(cell):
            put("remote", mode[0], at, len(cell))
        elif short and (kind := employment_type(cell)) is not None:
            put("employment_type", kind, at, len(cell))
        elif looks_like_location(cell):
            places.append((cell, here))
        elif has_job_noun(cell):
            if "title" in found or boilerplate_reason(cell):
                return {}  # two roles: a list of openings
            put("title", cell, at, len(cell))
        elif is_department(cell):
            put("department", cell, at, len(cell))
        elif _NAME.fullmatch(cell) and not boilerplate_reason(cell):
            names.append((cell, here))
    if "title" not in found or len(found.keys() - {"department"}) + bool(places) < 2:
        return {}  # no role, or nothing else: no header of a posting's facts
    if places:  # (each place's cell its evidence)
        spans = [one for _, (a, b) in places for one in evidence(a, b - a)]
        found["locations"] = Finding([cell for cell, _ in places], spans, CONFIDENCE,
                                     "structure")
    if len(names) == 1:
        (name, (a, b)), = names
        put("company", name, a, b - a)
    return found


def bar_cells(text: str) -> list[tuple[str, int]]:
    """The cells of a line parted by bars (or bullets), each with where it starts."""
    cells, start = [], 0
    for bar in [*_BAR.finditer(text), None]:
        end = bar.start() if bar else len(text)
        cell = text[start:end]
        stripped = cell.strip()
        if stripped:
            cells.append((stripped, start + cell.find(stripped)))
        if bar:
            start = bar.end()
    return cells
