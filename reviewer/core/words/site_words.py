"""What a job site writes around a posting, in the common European languages: its menu
("Jobs", "Stellenangebote", "Offres d'emploi") and its search's filters, its sign-in
links ("Anmelden", "Se connecter", "Zaloguj się"), its controls ("Teilen", "Partager",
"Retour aux offres", "Easy Apply", "3 of 120", "Over 200 applicants") and its language
picker ("Deutsch | English"). Read on the short lines above a text posting's body, where
its head may stand in words no other list knows (``clean.text_head``): a line of these
words is the site's.

Each list is written once, in lower case; a line is read as a whole, or as items joined
by "|", "/", "·", "•" or ">" ("Home > Jobs > Berlin", "Vacatures | Werkgevers").
"""

from __future__ import annotations

from reviewer.core.words.regex import lazy_compile

NAVIGATION = "navigation"
SIGN_IN = "sign-in form"
CONTROL = "page control"
PICKER = "region picker"

# the links of a job site's menu (plural nouns: "Salary" is a posting's label, "Salaries"
# a site's page)
_MENU = frozenset((
    # English
    "jobs", "find jobs", "find a job", "browse jobs", "browse", "companies", "company reviews",
    "salaries", "post a job", "employers", "for employers", "saved", "saved jobs", "my jobs",
    "messages", "notifications", "career advice", "my account", "discover", "explore",
    "popular searches", "recent searches", "recently viewed", "job search", "search results",
    # German
    "startseite", "stellenangebote", "stellenmarkt", "jobs finden", "jobsuche",
    "stellensuche", "unternehmen entdecken", "gehälter", "arbeitgeber", "für arbeitgeber",
    "merkliste", "mein konto", "karriere", "e-paper",
    # French
    "accueil", "offres d'emploi", "offres d’emploi", "emplois", "entreprises", "salaires",
    "avis sur les entreprises", "recruteurs", "espace candidat", "espace recruteur",
    "mon compte", "mes offres", "trouver un emploi",
    # Spanish, Italian, Portuguese
    "inicio", "empleos", "ofertas de empleo", "ofertas de trabajo", "empresas", "salarios",
    "mi cv", "mi cuenta", "buscar empleo", "offerte di lavoro", "cerca lavoro", "aziende",
    "stipendi", "il mio account", "vagas", "página inicial", "minha conta", "salários",
    # Dutch, Polish, Swedish, Danish, Norwegian
    "vacatures", "werkgevers", "bedrijven", "salarissen", "mijn account", "oferty pracy",
    "pracodawcy", "firmy", "zarobki", "moje konto", "lediga jobb", "arbetsgivare", "löner",
    "mitt konto", "ledige stillinger", "ledige job", "virksomheder", "arbejdsgivere",
    "stillinger", "arbeidsgivere",
))
_SIGN_IN_LINKS = frozenset((
    "anmelden", "registrieren", "einloggen", "login", "se connecter", "connexion",
    "s'inscrire", "s’inscrire", "créer un compte", "iniciar sesión", "registrarse", "acceder",
    "entrar", "accedi", "registrati", "inloggen", "registreren", "aanmelden", "zaloguj",
    "zaloguj się", "zarejestruj się", "logga in", "registrera dig", "log ind", "logg inn",
    "cadastre-se", "sign in", "sign up", "log in", "register",
))
_CONTROLS = frozenset((
    "teilen", "merken", "job merken", "drucken", "speichern", "partager", "sauvegarder",
    "enregistrer", "imprimer", "postuler maintenant", "compartir", "guardar", "imprimir",
    "condividi", "salva", "stampa", "delen", "opslaan", "udostępnij", "zapisz", "drukuj",
    "dela", "spara", "skriv ut", "partilhar", "easy apply", "report this job", "home", "menu",
    "share", "save", "print", "apply", "apply now", "previous job", "next job",
    # back to the list, or to the page's content
    "retour aux offres", "retour à la liste", "retour aux résultats", "zurück zur übersicht",
    "zurück zur trefferliste", "zurück", "volver al listado", "volver", "torna alla lista",
    "terug naar overzicht", "terug naar vacatures", "wróć do ofert", "powrót", "tillbaka",
    "zum inhalt springen", "aller au contenu", "ir al contenido", "vai al contenuto",
    "naar inhoud", "przejdź do treści", "hoppa till innehåll", "skip to content",
    "skip to main content",
))
# the filters of a site's search, a bar of short lines over its results ("Date posted",
# "Remote", "Pay", "Job type"): words a posting's head writes too, the site's only as a run
_FILTERS = frozenset((
    "what", "where", "date posted", "remote", "pay", "job type", "salary", "location",
    "experience level", "company", "distance", "on-site/remote", "sort by", "relevance",
    "all filters", "filters", "education level", "encouraged to apply", "job language",
    "datum", "entfernung", "arbeitszeit", "gehalt", "date de publication", "type de contrat",
    "télétravail", "salaire", "fecha de publicación", "tipo de contrato", "teletrabajo",
))
# the languages a picker offers, each in its own name, and their codes
_LANGUAGES = frozenset((
    "english", "deutsch", "français", "español", "italiano", "nederlands", "polski",
    "svenska", "dansk", "norsk", "suomi", "português", "čeština", "magyar", "română",
    "ελληνικά", "русский", "українська", "türkçe", "中文", "日本語", "한국어",
    "en", "de", "fr", "es", "it", "nl", "pl", "sv", "da", "no", "fi", "pt", "cs", "hu", "ro",
))
# a counter of the results, and how many applied: "3 of 120", "Over 200 applicants"
_COUNT = lazy_compile(
    r"\d[\d,.]* (?:of|von|sur|de|di|van|z|av) \d[\d,.]*|(?:over |more than )?\d[\d,.]*\+? "
    r"(?:applicants|candidatures|bewerbungen|candidatos|candidati|sollicitanten)")
# a link to a search of the site: "Jobs in Berlin", "Jobs near Leeds", "Remote jobs"
_SEARCH_LINK = lazy_compile(r"jobs (?:in|near|at) \S+(?: \S+)?|(?:\S+ )?\S+ jobs")
_SEPARATOR = lazy_compile(r"\s+[|/·•>»›]\s+|\s*\|\s*")
_EDGE = " <>«»‹›|·•-–—*_"
_MOST_WORDS = 4  # in each item of a joined line ("Posted 3 days ago · 120 applicants")


def site_line(text: str) -> str | None:
    """Why a short line is the site's and not the posting's, or None: a link of its menu
    or a row of them (``NAVIGATION``), a sign-in link (``SIGN_IN``), a control of the page
    (``CONTROL``: share, save, back to the list, a counter of results or of applicants),
    or a language picker of two languages or more (``PICKER``)."""
    items = [item.strip(_EDGE).lower() for item in _SEPARATOR.split(text.strip(_EDGE))]
    items = [item for item in items if item]
    if not items or any(len(item.split()) > _MOST_WORDS for item in items):
        return None
    if len(items) > 1 and all(item in _LANGUAGES for item in items):
        return PICKER
    if all(item in _FILTERS for item in items):
        return NAVIGATION  # (alone on its line, the site's only in a run: ``lines_in_run``)
    kinds = [_kind(item) for item in items]
    if len(items) == 1 or all(kinds) or any(kind in (NAVIGATION, SIGN_IN) for kind in kinds):
        # (a row holding one link of the menu is the menu: "E-Paper | Abo | Anmelden")
        return next((k for k in (NAVIGATION, SIGN_IN, CONTROL) if k in kinds), None)
    # "1 week ago · Over 200 applicants": the site's count, whatever it is told with
    return CONTROL if any(_COUNT.fullmatch(item) for item in items) else None


def lines_in_run(text: str) -> int:
    """How many of the site's lines a run must hold for this one to be the site's: a word
    of its menu or a link to a search alone on its line ("Discover", "Summer Jobs") is a
    posting's employer or title as often, unless a run of the site's lines holds it (2);
    a search's filter ("Remote", "Pay") a posting's fact unless a bar of them does (3)."""
    item = text.strip(_EDGE).lower()
    if item in _FILTERS:
        return 3
    return 2 if not _SEPARATOR.search(text.strip(_EDGE)) and _kind(item) == NAVIGATION else 1


def _kind(item: str) -> str | None:
    if item in _MENU or _SEARCH_LINK.fullmatch(item):
        return NAVIGATION
    if item in _SIGN_IN_LINKS:
        return SIGN_IN
    if item in _CONTROLS or _COUNT.fullmatch(item):
        return CONTROL
    return None
