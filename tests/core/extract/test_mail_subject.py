"""A mailing-list posting's subject line is read as its title.

The subject holds the full title, wrapped in the list's tag and the mail program's and
sender's prefixes ("[jobs-list] Re: Fwd: JOB: …"); those go, and the rest is read as a
page's title is: the role, then the employer or the place after a dash, "at" or a comma.
It is weaker than a labelled title or the posting's own heading. All names are made up.
"""

from __future__ import annotations

import pytest

from reviewer.core.clean import clean
from reviewer.core.extract import extract
from reviewer.core.extract.document import parse
from reviewer.core.extract.mail_subject import subject_title


def mail(subject: str, body: str = "") -> str:
    return (
        "From: Dr. Jane Roe <j.roe@example.ac.uk>\n"
        "To: jobs-list@example.org\n"
        f"Subject: {subject}\n"
        "Date: Mon, 13 Jan 2025 09:41:17 +0000\n"
        "\n"
        "Dear all,\n"
        "\n"
        + (body or
           "The Department of Biology at the University of Northmere invites applications for\n"
           "a Research Associate to work on the new project \"FOLDMAP\" on protein folding.\n")
        + "\n"
        "The post is full-time (35 hours per week) and fixed-term for 24 months, starting\n"
        "1 May 2025 or as soon as possible thereafter.\n"
        "\n"
        "Essential:\n"
        "- PhD in computational biology or a related field\n"
        "- Strong programming skills in Python\n"
        "\n"
        "Closing date: 15 March 2025\n"
        "\n"
        "Best wishes,\n"
        "Jane\n"
    )


@pytest.mark.parametrize(("subject", "title"), [
    ("[jobs-list] Postdoctoral Research Associate in Computational Biology - University of "
     "Northmere", "Postdoctoral Research Associate in Computational Biology"),
    ("[Bio-List] Postdoctoral Research Associate in Computational Biology, University of "
     "Northmere", "Postdoctoral Research Associate in Computational Biology"),
    ("Re: Fwd: JOB: Research Software Engineer at University of Northmere",
     "Research Software Engineer"),
    ("Job posting: Lecturer, Senior Lecturer or Reader in Statistics",
     "Lecturer, Senior Lecturer or Reader in Statistics"),
    ("[ANN] Postdoc position in protein folding - University of Northmere",
     "Postdoc position in protein folding"),
    ("Fwd: [jobs-list] Data Scientist (fixed term) [reminder]", "Data Scientist (fixed term)"),
])
def test_the_subject_without_its_tags_is_the_title(subject: str, title: str) -> None:
    doc = clean(mail(subject))
    result = extract(doc)
    assert result.fields["title"] == title
    (start, end), = result.evidence["title"]
    assert doc.markdown[start:end] == title
    assert doc.markdown.rfind("\n", 0, start) < doc.markdown.find("Subject:") < start


def test_the_employer_after_the_role_is_the_company_where_the_posting_names_it() -> None:
    subject = "[jobs-list] Research Associate in Genomics - University of Northmere"
    assert extract(clean(mail(subject))).fields["company"] == "University of Northmere"


def test_a_labelled_title_or_the_postings_heading_wins_over_the_subject() -> None:
    subject = "[jobs-list] Exciting Research Associate opening"
    labelled = mail(subject, "JOB TITLE: Research Associate in Genomics\n")
    assert extract(clean(labelled)).fields["title"] == "Research Associate in Genomics"
    headed = mail(subject, "## Research Associate in Genomics\n\nWe invite applications "
                           "for a post on a new project on protein folding.\n")
    assert extract(clean(headed)).fields["title"] == "Research Associate in Genomics"


@pytest.mark.parametrize("subject", ["Hello everyone", "Re: question about the deadline",
                                     "[jobs-list] Seminar announcement: Talk by Dr Roe"])
def test_a_subject_that_names_no_post_is_no_title(subject: str) -> None:
    assert extract(clean(mail(subject))).fields["title"] is None


def test_a_postings_own_subject_line_is_no_mail_subject() -> None:
    """A teacher's posting states the subject taught: no mail headers stand around it."""
    text = ("Subject: Mathematics\n\nKey stage: KS3 and KS4\n\nWe are looking for a "
            "teacher to join our department from September.\n")
    assert subject_title(parse(clean(text).markdown)) is None


@pytest.mark.parametrize("subject", [
    "Reminder: deadline for the Postdoc position extended", "[physics-l] Thanks to all volunteers",
    "Question about PhD positions", "Re: Meeting with the hiring manager"])
def test_a_subject_that_tells_about_a_post_is_no_title(subject: str) -> None:
    """A post named only in what a subject tells about is no title ("Question about PhD"
    was one)."""
    fields = extract(clean(mail(subject))).fields
    assert fields["title"] is None
    assert fields["company"] != "Meeting with the"


def test_a_reply_s_subject_names_no_employer() -> None:
    fields = extract(clean(mail("Re: Research Associate in Genomics - Northmere Labs"))).fields
    assert fields["title"] == "Research Associate in Genomics"
    assert fields["company"] != "Northmere Labs"
