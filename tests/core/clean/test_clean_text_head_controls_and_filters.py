"""A text posting's head under the site's lines: buttons under the head do not cut it, a
bar of search filters over it goes, and a word of a site's menu alone under a title is
the posting's own line."""

from __future__ import annotations

from reviewer.core.clean import clean

BODY = ("Rattaché au responsable industrialisation, vous définissez les gammes de fabrication "
        "et optimisez les postes de travail de notre atelier.\n\nProfil recherché\nIngénieur "
        "de formation, vous avez une première expérience en méthodes.\n")
HEAD = ["Ingénieur Méthodes H/F", "Groupe Delmas Industrie", "Nantes - 44", "CDI",
        "Temps plein", "45 - 52 k€ brut annuel", "Publiée le 12/03/2026"]


def test_buttons_under_the_head_do_not_cut_it() -> None:
    """Was: "Postuler" and "Enregistrer" over the body's first line were taken for the top
    of the page's bar, and the title, employer, contract and pay went with it."""
    raw = "\n".join([*HEAD, "Postuler", "Enregistrer", "Descriptif du poste", BODY])
    lines = [x for x in clean(raw, "text").markdown.splitlines() if x]
    assert lines[:len(HEAD)] == HEAD
    assert "Postuler" not in lines


def test_a_bar_of_search_filters_over_the_head_goes() -> None:
    """Was: "Date posted", "Remote", "Pay", "Job type" were kept as the head, and the
    place read was "Remote"."""
    raw = "\n".join(["Skip to main content", "Indeed Home", "Home", "Company reviews",
                     "Find salaries", "Sign in", "Employers / Post Job", "What", "Where",
                     "Find jobs", "Date posted", "Remote", "Pay", "Job type",
                     "Senior Accountant", "Brightwater Logistics", "4.1 out of 5 stars",
                     "Columbus, OH 43215", "$72,000 - $85,000 a year - Full-time", "Apply now",
                     "Save", "Brightwater Logistics is seeking a Senior Accountant to join our "
                     "finance team in Columbus. You will own the month-end close for three "
                     "business units and partner with operations on cost reporting.", "",
                     "Responsibilities", "- Prepare journal entries and account reconciliations",
                     "- Lead the month-end close process", "", "Qualifications",
                     "- Bachelor's degree in Accounting", "- CPA preferred", "", "Report job"])
    lines = [x for x in clean(raw, "text").markdown.splitlines() if x]
    assert lines[:2] == ["Senior Accountant", "Brightwater Logistics"]
    assert not {"Date posted", "Remote", "Pay", "Job type"} & set(lines)


def test_a_remote_line_under_a_title_stays() -> None:
    raw = "\n".join(["Senior Accountant", "Brightwater Logistics", "Remote", "", BODY])
    assert "Remote" in clean(raw, "text").markdown.splitlines()


def test_a_menu_word_alone_under_a_title_is_the_posting_s() -> None:
    """Was: "Discover" (a card issuer) was read as a menu's link and cut with the head."""
    body = ("We are looking for a customer service representative to help our card members "
            "with their accounts. You will answer calls and resolve issues for our customers "
            "every day.\n\nRequirements\n- High school diploma\n")
    for head in (["Customer Service Representative", "Discover", "Riverwoods, IL"],
                 ["Summer Jobs", "Camp Kinder Ring", "Hopewell Junction, NY"]):
        lines = [x for x in clean("\n".join([*head, "", body]), "text").markdown.splitlines()
                 if x]
        assert lines[:3] == head


def test_a_head_under_a_long_menu_starts_at_its_title() -> None:
    """Was: the menu's short lines ran on into the head's, and the title went with them."""
    raw = "\n".join(["LinkedIn", "Home", "My Network", "Jobs", "Messaging", "Notifications",
                     "Me", "For Business", "Try Premium for free", "Product Designer",
                     "Northwind Health · San Francisco, CA (Hybrid) · 2 weeks ago · Over 100 "
                     "applicants", "Hybrid", "Full-time", "Mid-Senior level", "Easy Apply",
                     "Save", "About the job", "Northwind Health is building tools that help "
                     "nurses spend more time with patients. As a Product Designer you will "
                     "shape the end-to-end experience of our scheduling product.", "",
                     "What you'll do", "- Run discovery interviews with clinical staff",
                     "- Maintain our design system", ""])
    lines = [x for x in clean(raw, "text").markdown.splitlines() if x]
    assert lines[0] == "Product Designer"
    assert "Notifications" not in lines and "Hybrid" in lines
