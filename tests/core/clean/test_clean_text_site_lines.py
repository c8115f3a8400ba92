"""The site's own lines over a text posting go, in the common European languages: its
menu, sign-in links, controls and language picker, known by their words; a head of
words no list knows is kept under them; and the head is looked for near the body only."""

from __future__ import annotations

import pytest

from reviewer.core.clean import clean

BODY = ("\nWe are looking for a senior data engineer to build and run our data platform with "
        "the analytics team.\nYou will design pipelines, review code and mentor two junior "
        "engineers in the team every week.\n\nRequirements\n- Five years of experience with "
        "Python and SQL in production systems\n")
BAR = ("\nWe are looking for a friendly barista to join our small team in the centre of "
       "Leeds this spring.\nYou will make coffee, serve customers and keep the bar clean and "
       "tidy during busy weekend shifts.\n\nWhat we offer\n- Paid breaks, free drinks on shift "
       "and a share of the tips every week\n")


@pytest.mark.parametrize(("site", "head"), [
    (["Jobs", "Companies"], ["Senior Data Engineer", "Acme Corp"]),
    (["Deutsch | English", "Anmelden | Registrieren"],
     ["Verwaltungskraft Bürgerbüro", "Gemeinde Seeheim"]),
    (["Retour aux offres", "Partager"], ["Comptable H/F", "Groupe Maréchal", "Lyon (69)"]),
    (["< Previous job | Next job >", "3 of 120"], ["Senior Data Engineer", "Acme Corp"]),
    (["Posted 3 days ago · 120 applicants", "Report this job"],
     ["Senior Data Engineer", "Acme Corp"]),
    (["Zum Inhalt springen", "Stellenangebote", "Unternehmen entdecken", "",
      "Deutsch | English", "Anmelden", "", "Zurück zur Übersicht"],
     ["Verwaltungskraft Bürgerbüro (m/w/d)", "Gemeinde Seeheim", "Seeheim am Rhein"]),
    (["Oferty pracy | Pracodawcy | Zaloguj się", "Polski | English"],
     ["Magazynier", "Logistyka Sp. z o.o.", "Poznań"]),
    (["Iniciar sesión | Registrarse", "Compartir"], ["Camarero/a", "Restaurante El Faro"]),
    (["Vacatures | Werkgevers | Inloggen", "Delen"],
     ["Medewerker klantenservice", "Waterbedrijf Veluwe", "Apeldoorn"]),
    (["Accedi", "Condividi"], ["Cuoco", "Trattoria da Gino", "Bologna (BO)"]),
    (["Lediga jobb", "Logga in", "Dela"], ["Sjuksköterska", "Västkustens Sjukhus AB"]),
])
def test_the_site_s_lines_over_the_head_go_and_the_head_stays(site: list[str],
                                                               head: list[str]) -> None:
    """The site's lines were kept as the posting's head: the menu, a language picker
    above the title ("Deutsch | English" was the first line), the back and share links."""
    doc = clean("\n".join([*site, "", *head, BODY]), "text")
    lines = doc.markdown.splitlines()
    assert [x for x in lines if x][:len(head)] == head
    assert not any(line.strip() and line in lines for line in site)


@pytest.mark.parametrize("site", [["Jobs", "Companies"], ["Home", "Jobs", "Companies"],
                                  ["Startseite", "Karriere"]])
def test_a_head_of_unknown_words_under_a_menu_is_kept(site: list[str]) -> None:
    """A menu of short lines over a head of short lines in words no list knows made one
    run of more short lines than a head holds: the title and employer were cut with it."""
    doc = clean("\n".join([*site, "", "Barista", "Cafe Uno", BAR]), "text")
    assert doc.markdown.startswith("Barista\n")
    assert "Cafe Uno" in doc.markdown
    assert not any(line in doc.markdown.splitlines() for line in site)


def test_a_long_head_under_a_title_found_by_its_words_is_kept() -> None:
    """Five short lines under the title (employer, place, hours, contract, date) were
    taken for a menu, and the whole head went with the site's bar over it."""
    head = ["Verwaltungskraft Bürgerbüro (m/w/d)", "Gemeinde Seeheim", "Seeheim am Rhein",
            "Teilzeit, Vollzeit", "Feste Anstellung", "Erschienen: vor 2 Tagen"]
    raw = "\n".join(["StepStone", "Jobs finden", "Gehalt", "Unternehmen entdecken", "Anmelden",
                     "Zurück zur Trefferliste", "Job merken", "Teilen", "", *head, BODY])
    doc = clean(raw, "text")
    assert [x for x in doc.markdown.splitlines() if x][:len(head)] == head
    assert "Teilen" not in doc.markdown and "Anmelden" not in doc.markdown


def test_a_control_over_a_heading_title_is_the_site_s_bar() -> None:
    doc = clean("\n".join(["JobHub", "Menu", "", "# Barista", "Cafe Uno, Leeds", BAR]), "text")
    assert doc.markdown.startswith("# Barista\n")


def test_a_bar_of_controls_between_the_head_and_the_body_is_stepped_over() -> None:
    """A copied job page: the title and employer over the posting's date and count of
    applicants, and its buttons; the site's menu over them."""
    raw = "\n".join(["Skip to main content", "LinkedIn", "Jobs", "", "Senior Data Engineer",
                     "Acme Corp · Berlin, Germany (Hybrid)", "1 week ago · Over 200 applicants",
                     "", "Easy Apply", "Save", BODY])
    lines = [x for x in clean(raw, "text").markdown.splitlines() if x]
    assert lines[:2] == ["Senior Data Engineer", "Acme Corp · Berlin, Germany (Hybrid)"]
    assert not {"Jobs", "Easy Apply", "1 week ago · Over 200 applicants"} & set(lines)


@pytest.mark.parametrize("links", [
    [f"Jobs in {city}" for city in ("Berlin Hamburg München Köln Frankfurt Stuttgart Leipzig "
                                    "Dortmund Essen Bremen Dresden Hannover Nürnberg Bonn "
                                    "Münster Mannheim Augsburg Wiesbaden Kiel Lübeck").split()],
    [f"Role {n} | Company {n} | City {n}" for n in range(200)],
])
def test_the_head_is_looked_for_near_the_body_only(links: list[str]) -> None:
    """Every line over the posting was kept when no rule named it the site's: twenty
    links to searches, a table of two hundred other jobs (96 of its rows kept)."""
    doc = clean("\n".join(["Popular searches", *links, "", "Senior Data Engineer",
                           "Acme Corp", BODY]), "text")
    kept = [line for line in doc.markdown.splitlines() if line in links]
    assert len(kept) <= 16
    assert "Senior Data Engineer" in doc.markdown.splitlines()


def test_a_posting_s_own_lines_over_its_body_are_no_list_to_bound() -> None:
    """Short duties, a line each, over the sentences of the posting: its own, however
    many; the bound on the head counts its short lines, not its sentences."""
    duties = ["Developing project budgets", "Project estimating, bidding and writing proposals",
              "Negotiating and preparing purchase orders, change orders, and agreements",
              "Scheduling (manpower and construction schedules)",
              "Maintaining project files and ensuring documents are complete",
              "Maintaining quality control and safety standards",
              "Coordinating daily tasks with the superintendent", "Project closeout",
              "Send, receive, correct & modify project documents",
              "Coordinate and maintain vendor & supplier database records",
              "Reviewing submittals & specifications", "Attending site meetings"]
    raw = "\n\n".join(["Primary duties include:", *duties,
                       "Communication with designers, owners and subcontractors to foster "
                       "strong working relationships.",
                       "Ability to multi-task and establish priorities; strong management "
                       "skills and a calm way of working."]) + "\n"
    doc = clean(raw, "text")
    assert all(duty in doc.markdown for duty in duties)
