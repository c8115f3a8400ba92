"""The lines that head a posting in a text dump: its title, its labelled facts in any
language, a line of its dates, a mail's headers; and the paragraphs of a short mail
hard-wrapped on their own."""

from __future__ import annotations

import pytest

from reviewer.core.clean import clean

GERMAN_FACTS = """\
Sachbearbeiter Buchhaltung (m/w/d) - Teilzeit

Unternehmen: Nordlicht Logistik GmbH
Standort: Bremen
Vertragsart: Befristet
Gehalt: 3.100 € brutto im Monat
Veröffentlicht am: 03.03.2025

Ihre Aufgaben
In unserem Team der Finanzbuchhaltung bearbeiten Sie die Eingangsrechnungen und den Zahlungsverkehr.
- Kontieren und Buchen der Belege
- Abstimmung der Kreditorenkonten
- Mitarbeit am Monatsabschluss

Ihr Profil
- Abgeschlossene kaufmännische Ausbildung
- Erste Erfahrung mit DATEV oder SAP
"""

SPANISH_FACTS = """\
Analista de datos junior

Empresa : Grupo Sierra Alimentación
Ciudad : Valencia
Jornada : Completa
Salario : 24.000 € brutos al año

Tus funciones
Analizarás las ventas de nuestras tiendas y prepararás los informes semanales para la dirección.
- Preparar cuadros de mando en Power BI
- Limpiar y cruzar datos de ventas
"""


@pytest.mark.parametrize("text", [GERMAN_FACTS, SPANISH_FACTS], ids=["colon", "spaced colon"])
def test_labelled_lines_above_a_posting_are_kept_in_any_language(text: str) -> None:
    """A "Label: value" line whose label the lists do not know was a short line: three
    in a row were a menu of links, and the title and the facts above the body went as
    "before the posting"."""
    doc = clean(text, "text")
    head = text.split("\n\n")[:2]  # the title, and the labelled lines
    for line in "\n".join(head).splitlines():
        assert line in doc.markdown
    removed = [doc.source[r.start:r.end] for r in doc.removed]
    assert not any(":" in piece for piece in removed)


def test_a_menu_of_links_above_a_posting_still_goes() -> None:
    text = ("Home\nJobs\nCompanies\nAbout us\n\n" + GERMAN_FACTS)
    doc = clean(text, "text")
    assert "Companies" not in doc.markdown
    assert "Unternehmen: Nordlicht Logistik GmbH" in doc.markdown


DATED = ("Published 3 March 2025 · Closing 2025-04-01\n\n"
         "Payroll Clerk\nHarbour & Finch Ltd\nLeeds, UK\n\n"
         "Harbour & Finch is a family-run wholesaler of garden tools. We are hiring a payroll "
         "clerk to run the monthly payroll of our 120 staff.\n\n"
         "Requirements\n- Two years of payroll experience\n- Good knowledge of Sage Payroll\n")


def test_a_line_of_dates_above_the_title_is_kept() -> None:
    """A line of dates was no title, place or label: the posting was widened up to the
    title alone, and the dates (when it was posted, when it closes) went."""
    markdown = clean(DATED, "text").markdown
    assert markdown.startswith("Published 3 March 2025 · Closing 2025-04-01\n")
    assert "Payroll Clerk" in markdown


def test_short_lines_of_dates_are_no_menu() -> None:
    text = ("Posted 3 Mar 2025\nCloses 01/04/2025\nStarts 1 May 2025\n\n"
            + DATED.split("\n\n", 1)[1])
    markdown = clean(text, "text").markdown
    assert "Posted 3 Mar 2025\n\nCloses 01/04/2025\n\nStarts 1 May 2025" in markdown


SHORT_MAIL = """\
From: Dr. Anna Berg <a.berg@uni.example>
To: jobs-list@lists.example
Subject: [Jobs-List] Research Assistant in Speech Technology, University of Tromsø
Date: Tue, 4 Mar 2025 10:12:00 +0100

Dear colleagues,

The Department of Language and Culture at the University of Tromsø invites
applications for a Research Assistant to join the project "NORDSPEECH".

The position is full-time and fixed-term for two years, with a start in
2025 or as soon as possible after that.

Requirements:
- A master's degree in speech technology or a related field
- Good programming skills in Python

Closing date: 30 April 2025

Best regards,
Anna Berg
Department of Language and Culture
University of Tromsø
"""


def test_the_subject_of_a_mail_is_kept() -> None:
    """The headers above "Dear colleagues," were no title or label: the subject, which
    names the role in full, went as "before the posting"."""
    markdown = clean(SHORT_MAIL, "text").markdown
    assert ("Subject: [Jobs-List] Research Assistant in Speech Technology, University of "
            "Tromsø") in markdown
    assert "Date: Tue, 4 Mar 2025 10:12:00 +0100" in markdown


def test_a_short_mail_s_wrapped_paragraphs_are_joined() -> None:
    """Too few lines for the width they were wrapped at to be found: each line was a
    paragraph of its own, "invites" in one and "applications for a Research
    Assistant" in the next."""
    markdown = clean(SHORT_MAIL, "text").markdown
    assert ("The Department of Language and Culture at the University of Tromsø invites "
            "applications for a Research Assistant to join the project \"NORDSPEECH\".\n"
            ) in markdown
    assert ("fixed-term for two years, with a start in 2025 or as soon as possible after "
            "that.") in markdown
    # lines that are lines of their own stay so
    assert "- A master's degree in speech technology or a related field\n" in markdown
    assert "Closing date: 30 April 2025\n" in markdown


@pytest.mark.parametrize("block", [
    # items one a line, each opening anew, of a like length
    "Design and build the services of our ledger in Kotlin on the JVM\n"
    "Own the reliability of our settlement pipeline from end to end\n"
    "Review code and mentor the engineers of the payments team.\n",
    # two items of a list without bullets, each opening anew
    "Office management experience in a busy professional services firm\n"
    "NEBOSH General Certificate or a willingness to get it in year one.\n",
    # an address and a signature
    "Please send your application with a CV and two references to\n"
    "Human Resources, Nordlicht Logistik GmbH\n"
    "Hafenstraße 12, 28217 Bremen\n",
    # a paragraph a line, the lines far longer than a wrapped text's
    "We are a small team that builds the tools our customers use to plan their deliveries "
    "across Europe, and we are growing\n"
    "Join us in Bremen.\n",
])
def test_lines_that_are_no_wrapped_paragraph_stay_apart(block: str) -> None:
    text = ("Data Engineer\n\nNordlicht Logistik GmbH is hiring a data engineer for its "
            "planning team in Bremen, to build the pipelines of our routing service.\n\n"
            + block)
    markdown = clean(text, "text").markdown
    for line in block.splitlines():
        assert line.strip() + "\n" in markdown



WRAPPED_MAIL = """\
From: Dr. Jane Roe <j.roe@example.ac.uk>
To: jobs-list@example.org
Subject: [jobs-list] Research Associate in Genomics - University of Northmere
Date: Mon, 13 Jan 2025 09:41:17 +0000

Dear all,

The Department of Biology at the University of Northmere invites applications for
a Research Associate to work on the new project "FOLDMAP" on protein folding.

The post is full-time (35 hours per week) and fixed-term for 24 months, starting
1 May 2025 or as soon as possible thereafter.
"""


def test_a_mail_s_headers_stay_apart_however_long_its_subject() -> None:
    """A subject longer than the width the body was wrapped at took the "Date:" header
    below it into its line, as if the two were one wrapped paragraph."""
    lines = clean(WRAPPED_MAIL, "text").markdown.splitlines()
    assert "Subject: [jobs-list] Research Associate in Genomics - University of Northmere" \
        in lines
    assert "Date: Mon, 13 Jan 2025 09:41:17 +0000" in lines


WRAPPED_BEFORE_A_LABEL = """\
The School of Physics invites applications for a fully funded PhD
studentship in quantum optics. The project studies cold atoms in optical
lattices and is part of a larger collaboration with industry partners.

Note: informal enquiries are welcome; please e-mail Prof. Smith; Closing
Date: 31 March 2025 or until the post is filled, whichever comes first.
"""


def test_a_line_wrapped_inside_a_label_is_one_paragraph() -> None:
    """"… Closing" over "Date: 31 March 2025": the line wrapped inside "Closing Date", two
    lines of one sentence, not two facts (the deadline was lost)."""
    markdown = clean(WRAPPED_BEFORE_A_LABEL, "text").markdown
    assert "Prof. Smith; Closing Date: 31 March 2025 or until" in markdown
