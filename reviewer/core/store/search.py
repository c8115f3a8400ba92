"""The search text of the queue: words, and filters written ``field:value``.

``python remote -java company:"Acme Corp" source:example.com`` lists the postings that
contain both words and not "java" (best match first) among those whose company has the
words "Acme Corp" and whose source (file, folder or site) contains ``example.com``.
Words in double quotes are a phrase: ``"project manager"`` lists the postings that have
them in a row (after a minus, leaves those out).
A value with spaces goes in double quotes; a word with a colon that names no filter
(``salary:100k``) is searched as it is. Parsing is plain Python; ``queue`` runs it.

Also the name a person knows a posting's source by (``source_name``) and the file,
folder or site it shares with others (``source_scope``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# each filter: what it looks at
FILTER_FIELDS = ("source", "title", "company", "location")
LIKE_FILTERS = ("source", "location")  # matched as a part of the value, by an index

_FILTER = re.compile(r'(?<![\w:"-])(-?)(' + "|".join(FILTER_FIELDS)
                     + r'):(?:"([^"]*)(?:"|$)|([^\s"]+))', re.IGNORECASE)
_LEFT_OUT_PHRASE = re.compile(r'(?<!\S)-"([^"]*)(?:"|$)')  # -"a phrase"
_PHRASE = re.compile(r'"([^"]*)(?:"|$)')  # "a phrase" (its words in a row)
_URL = re.compile(r"^[a-z][a-z0-9+.-]*://([^/?#:]+)", re.IGNORECASE)
_RECORD = re.compile(r"#\d+$")  # the 12th record of a JSONL or CSV file: file.jsonl#12
# a zip file's member: "archive.zip!pages/six.html" (a "!" in a file's own name is its name)
_MEMBER = re.compile(r"\.zip!", re.IGNORECASE)
# a path written on Windows, whose "\" parts folders ("\" is a letter of a name elsewhere)
_WINDOWS = re.compile(r"^(?:[A-Za-z]:\\|\\\\)")


@dataclass(frozen=True)
class SearchQuery:
    """A search text read: its plain ``words``, its ``(field, value)`` filters, and what
    is written after a minus: the words or phrases ``without`` which a posting is listed
    (``-java``, ``-"java only"``), and the filters it must not pass (``-company:acme``)."""

    words: tuple[str, ...] = ()
    filters: tuple[tuple[str, str], ...] = ()
    without: tuple[str, ...] = ()
    without_filters: tuple[tuple[str, str], ...] = ()

    @property
    def ranked(self) -> bool:
        """Whether the matches are listed best match first (there are words to rank by)."""
        return bool(self.words)

    @property
    def matched_by_part(self) -> bool:
        """Whether a filter (or one after a minus) is matched as a part of its field's
        values (``by_part``: a source or a location), which reads every value of that
        field from its index: a second or two at a million postings."""
        return any(by_part(field, value) for field, value in (*self.filters,
                                                              *self.without_filters))

    @property
    def empty(self) -> bool:
        return not (self.words or self.filters or self.without or self.without_filters)

    def terms(self) -> list[str]:
        """The search text's words, what it leaves out (after a minus) and its filters, as
        a search text writes them."""
        return [*(word if parse_search(word).words == (word,) else f'"{word}"'
                  for word in self.words),  # (in quotes where bare it would read otherwise)
                *(f"-{word}" if parse_search(f"-{word}") == SearchQuery(without=(word,))
                  else f'-"{word}"' for word in self.without),
                *(filter_term(field, value) for field, value in self.filters),
                *(f"-{filter_term(field, value)}" for field, value in self.without_filters)]


def parse_search(text: str) -> SearchQuery:
    """``text`` as words and filters (field names in any case; values as written). A NUL
    character (pasted text may hold one) is a space: the full-text index reads none."""
    text = text.replace("\x00", " ")
    filters: list[tuple[str, str]] = []
    dropped: list[tuple[str, str]] = []  # filters after a minus
    rest: list[str] = []
    last = 0
    for match in _FILTER.finditer(text):
        value = match.group(3) if match.group(3) is not None else match.group(4)
        if not value.strip():
            continue  # company:"" filters nothing: the text stays as words
        rest.append(text[last:match.start()])
        (dropped if match.group(1) else filters).append((match.group(2).lower(),
                                                          value.strip()))
        last = match.end()
    rest.append(text[last:])
    words: dict[str, str] = {}  # a word once, whatever its case (as the index reads it):
    without: dict[str, str] = {}  # each more is one more AND (or AND NOT)

    def phrase(match: re.Match[str], into: dict[str, str]) -> str:
        said = " ".join(match.group(1).split())
        into.setdefault(said.casefold(), said)
        return " "

    plain = _LEFT_OUT_PHRASE.sub(lambda m: phrase(m, without), " ".join(rest))
    plain = _PHRASE.sub(lambda m: phrase(m, words), plain)
    for word in plain.split():  # (a minus before a number is its sign)
        if word.startswith("-") and any(map(str.isalpha, word)):
            without.setdefault(word[1:].casefold(), word[1:])
        elif any(map(str.isalnum, word)):  # ("-", "*": no word the index holds)
            words.setdefault(word.casefold(), word)
    return SearchQuery(tuple(w for w in words.values() if any(map(str.isalnum, w))),
                       tuple(filters),
                       tuple(w for w in without.values() if any(map(str.isalnum, w))),
                       tuple(dropped))


def filter_term(field: str, value: str) -> str:
    """The search-text term that filters ``field`` by ``value`` (quoted when needed;
    double quotes cannot be written inside a value and are left out)."""
    if field not in FILTER_FIELDS:
        raise ValueError(f"unknown filter {field!r}; one of {', '.join(FILTER_FIELDS)}")
    value = value.replace('"', "").strip()
    return f"{field}:{value}" if value and not re.search(r"\s", value) else f'{field}:"{value}"'


def by_part(field: str, value: str) -> bool:
    """Is the filter ``field:value`` matched as a part of the field's text (source,
    location; a title or company value of no letter or digit, "&", which the full-text
    index holds no word of), not word by word by the index?"""
    return field in LIKE_FILTERS or not any(map(str.isalnum, value))


def match_expression(query: SearchQuery) -> str | None:
    """The FTS5 MATCH expression of the words and the title and company filters, or
    None when there is nothing for the full-text index to match. Each word is matched
    as written, in any column; a filter's words as a phrase in its column, the last of
    them as the start of a word (``title:engin`` finds Engineer). A word with no letter
    or digit ("–", "&") is no word of the index, and would match nothing: left out."""
    parts = [_quoted(word) for word in query.words if any(map(str.isalnum, word))]
    for field, value in query.filters:
        if not by_part(field, value):
            parts.append(f"{field} : {_quoted(value)}*")
    if not parts:
        return None
    left_out = without_expression(query)
    return " AND ".join(parts) if left_out is None else \
        f"({' AND '.join(parts)}) NOT ({left_out})"


def without_expression(query: SearchQuery) -> str | None:
    """The FTS5 MATCH expression of any of the words, phrases and title and company
    filters written after a minus (None: none)."""
    return " OR ".join([*(_quoted(word) for word in query.without),
                        *(f"{field} : {_quoted(value)}*" for field, value
                          in query.without_filters if not by_part(field, value))]) or None


def like_pattern(value: str) -> str:
    """A LIKE pattern (escaped with a backslash) for ``value`` anywhere in a text."""
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def source_name(source: str) -> str:
    """The name a person knows a source by: a page's site, else the file's name
    (``feed.jsonl#12`` for a record of a file, the member's name in a zip file)."""
    site = _URL.match(source)
    if site:
        host = site.group(1).lower()
        return host[4:] if host.startswith("www.") else host
    if member := _MEMBER.search(source):
        source = source[member.end():]
        return source.rsplit("/", 1)[-1] or source
    return _parts(source)[-1]


def _parts(path: str) -> list[str]:
    """A path's parts: parted by "/", and by "\\" too in one written on Windows."""
    return re.split(r"[/\\]", path) if _WINDOWS.match(path) else path.split("/")


def source_scope(source: str) -> tuple[str, str] | None:
    """What the posting shares with others: its file when the file holds many postings
    (a JSONL or CSV record, a zip member), else its folder, or its site; as (the name to
    show, the ``source:`` value that lists them all). None for a bare file name."""
    site = _URL.match(source)
    if site:
        name = source_name(source)
        return name, name
    record = _RECORD.search(source)
    if record:
        path = source[:record.start()]
        return source_name(path), path
    if member := _MEMBER.search(source):  # a member of a zip file
        archive = source[:member.end() - 1]
        return _parts(archive)[-1], archive + "!"
    cut = max(source.rfind("/"), source.rfind("\\") if _WINDOWS.match(source) else -1)
    if cut <= 0:
        return None
    folder = source[:cut]
    return _parts(folder)[-1] or folder, source[:cut + 1]


def _quoted(text: str) -> str:
    """``text`` as one FTS5 string (its double quotes doubled)."""
    return '"' + text.replace('"', '""') + '"'
