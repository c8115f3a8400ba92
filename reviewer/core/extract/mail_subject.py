"""A mail's subject line, read as the title of the posting it carries.

A posting sent to a mailing list keeps the mail's headers on top ("From:", "To:",
"Subject:", "Date:"), and its subject holds the full job title, wrapped in the list's
and the mail program's words: "[jobs-list] Re: Fwd: JOB: Postdoctoral Research
Associate in Computational Biology - University of X". Those words go (``subject_title``)
and what is left is read as a page's title is (``page_title.read_title``): the role,
the employer after a dash or "at", a place. A subject is read only in a run of mail
headers, so a posting's own "Subject: Mathematics" (a teacher's subject) is no title.
"""

from __future__ import annotations

import re

from reviewer.core.extract.document import Document
from reviewer.core.words.lexicon import has_job_noun
from reviewer.core.words.places import looks_like_location
from reviewer.core.words.regex import lazy_compile

# a mail header as a mail program writes it, in English, German, French and Spanish
_HEADER = lazy_compile(
    r"(?P<name>from|to|cc|reply-to|date|sent|subject|von|an|gesendet|datum|betreff|de|à|"
    r"envoyé|objet|para|enviado|fecha|asunto)[ \t]*:[ \t]*(?P<value>.*)", re.I)
_SUBJECT = frozenset(("subject", "betreff", "objet", "asunto"))
# what a list, a mail program or a sender puts before the title: "[jobs-list]", "Re:",
# "Fwd:", "AW:", "JOB:", "Job posting:", "ANN:"
_NOISE = lazy_compile(
    r"\s*(?:\[[^\[\]]{1,40}\]|\((?:fwd?|ann)\)|(?:re|fwd?|aw|wg|tr|rv|antw(?:ort)?)(?:\[\d+\])?"
    r"\s*:|(?:job|jobs|vacancy|position|opening|ann(?:ounce(?:ment)?)?|hiring|now hiring|"
    r"stellen?(?:angebot|ausschreibung)?|offre(?: d['’]emploi)?|oferta(?: de empleo)?)"
    r"(?:\s+(?:posting|opening|offer|ad(?:vert)?|announcement|opportunity|alert))?\s*:)\s*",
    re.I)
_NOISE_AT_END = lazy_compile(r"\s*(?:\[[^\[\]]{1,40}\]|\((?:fwd?|ann)\))\s*$", re.I)
# the posts a list announces, beside the job nouns (``has_job_noun``)
_POST = lazy_compile(
    r"\b(?:post-?docs?|postdoctoral|ph\.?d|doctoral|studentships?|fellowships?|positions?|"
    r"posts?|vacanc(?:y|ies)|openings?|jobs?|internships?|apprenticeships?|traineeships?|"
    r"stellen?|doktorand\w*|postes?|th[eè]ses?|doctorats?|plazas?|puestos?)\b", re.I)
# where the head of a subject ends: a colon, a dash or a bar, or a word that starts what is
# told about it ("Question about …", "Meeting with …", "Thanks to …", "Reminder: …")
_HEAD_ENDS = lazy_compile(
    r"\s*[:|]\s|\s[-–—]\s|\s(?:about|for|to|with|on|regarding|from|by|after|before)\s",
    re.I)
# what a subject tells of a post, not its title: "… deadline extended", "… filled"
_NEWS = lazy_compile(
    r"\b(?:extended|filled|closed|cancell?ed|postponed|reopened|withdrawn)\b", re.I)
_REPLY = lazy_compile(r"\s*(?:\[[^\[\]]{1,40}\]\s*)*(?:re|aw|antw(?:ort)?|rv)(?:\[\d+\])?\s*:",
                      re.I)
# a body named after the role and a comma: "Research Associate, University of Edinburgh"
_INSTITUTION = lazy_compile(
    r"(?:the\s+)?(?:[\w.'&-]+\s+){0,4}?(?:Universit(?:y|ies|ät|é|à|at|ad)|Institute|Institut|"
    r"College|School|Laboratory|Hospital|Foundation|Academy|Museum|Library)\b.*"
    r"|.+\b(?:Inc|Ltd|LLC|LLP|GmbH|PLC|plc|Corp|Corporation)\.?")


def subject_title(doc: Document) -> str | None:
    """The title a mail's subject gives, its list's and mail program's words off; ``None``
    where the posting opens with no run of mail headers holding a subject."""
    subject = _subject_of(doc)
    title = _without_noise(subject) if subject is not None else None
    return _comma_as_separator(title) if title and _reads_as_a_title(title) else None


def _subject_of(doc: Document) -> str | None:
    for lines in ([b.text for b in doc.blocks[:12]], doc.context[:40]):
        subject = _subject_in_headers(lines)
        if subject is not None:
            return subject
    return None


def names_a_post(role: str | None) -> bool:
    """Does a subject's role name a post: a job noun, or a word of the posts a list
    announces ("PhD position in NLP", "Postdoc", "Studentship")? A subject that names none
    ("Hello everyone", "Seminar announcement") is no posting's title."""
    return role is not None and (has_job_noun(role) or _POST.search(role) is not None)


def _reads_as_a_title(subject: str) -> bool:
    """Does the subject name a post at its head, as a title does? One that names a post
    only in what it tells about ("Question about PhD positions", "Reminder: deadline for
    the Postdoc position extended", "Meeting with the hiring manager") is no title."""
    return _NEWS.search(subject) is None and \
        names_a_post(_HEAD_ENDS.split(subject, maxsplit=1)[0])


def is_reply(doc: Document) -> bool:
    """Is the mail's subject a reply's ("Re: …")? A reply's subject names no employer: it
    is the words of the mail answered, whoever wrote them."""
    subject = _subject_of(doc)
    return subject is not None and _REPLY.match(subject) is not None


def _subject_in_headers(lines: list[str]) -> str | None:
    """The subject in the first run of header lines, where another header stands with it."""
    run: list[tuple[str, str]] = []
    for line in lines:
        header = _HEADER.fullmatch(line.strip())
        if header is None:
            if run:
                break
            continue
        run.append((header.group("name").lower(), header.group("value").strip()))
    subject = next((value for name, value in run if name in _SUBJECT), None)
    return subject if subject and len(run) >= 2 else None


def _without_noise(subject: str) -> str:
    """``subject`` without the tags and prefixes before it and the tags after it."""
    while (noise := _NOISE.match(subject)) and noise.end() > 0:
        subject = subject[noise.end():]
    return _NOISE_AT_END.sub("", subject).strip()


def _comma_as_separator(title: str) -> str:
    """"Role, Body" and "Role, Place" as "Role - Body": a page's title writes a dash there,
    and a dash is what the title's reading cuts at. A comma before more of the role
    ("Lecturer, Senior Lecturer or Reader") stays."""
    pieces = title.split(", ")
    if len(pieces) == 1 or not names_a_post(pieces[0]):
        return title
    out = pieces[0]
    for at, piece in enumerate(pieces[1:], 1):
        rest = ", ".join(pieces[at:])
        if looks_like_location(rest):
            return f"{out} - {rest}"
        out += (" - " if _INSTITUTION.fullmatch(piece) else ", ") + piece
    return out
