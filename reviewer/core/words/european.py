"""What postings in Portuguese, Italian, Dutch, Polish and the Nordic languages (and some
German, French and Spanish besides ``other_languages``) write for a job's terms, its
dates and a wish that is no requirement.

Each list is written once here and read by the stages that look for its kind of words:
the labels of the dates ("Publicerad:", "Søknadsfrist:") and the cues a line states them
with and no colon ("Veröffentlicht am 01.03.2026", "Candidaturas até 31/03/2026"), the
months' names, the words of full and part time and of a permanent post, and the words
that make a degree a plus ("é um diferencial", "von Vorteil"). All in lower case.
"""

from __future__ import annotations

# the months' names, each language's full and genitive forms (Polish "marca", of March)
MONTH_NAMES = (
    # Portuguese, Italian, Dutch, Swedish, Danish and Norwegian, Polish
    "janeiro gennaio januari januar stycznia styczeń",
    "fevereiro febbraio februari februar lutego luty",
    "março marco maart marts marca marzec",
    "aprile kwietnia kwiecień",
    "maio maggio mei maj maja",
    "junho giugno juni czerwca czerwiec",
    "julho luglio lipca lipiec",
    "augusti augustus sierpnia sierpień",
    "setembro settembre września wrzesień",
    "outubro ottobre oktober października październik",
    "novembro listopada listopad",
    "dezembro dicembre desember grudnia grudzień",
)

# labels of the date a posting was published and of the last day to apply
POSTED_LABELS = (
    "data di pubblicazione", "pubblicato il", "pubblicato", "data de publicação", "publicado em",
    "publicada em", "geplaatst op", "geplaatst", "publicatiedatum", "publicerad", "publicerat",
    "publiceret", "publisert", "data publikacji", "opublikowano", "date d'affichage",
    "date d’affichage", "affiché le", "affichée le",
)
CLOSING_LABELS = (
    "scadenza", "scadenza candidature", "data di scadenza", "candidature entro",
    "prazo de candidatura", "candidaturas até", "inscrições até", "data limite",
    "sluitingsdatum", "reageren voor", "solliciteren tot", "sista ansökningsdag",
    "sista ansökningsdatum", "ansök senast", "ansøgningsfrist", "søknadsfrist",
    "ogłoszenie ważne do", "termin składania aplikacji", "termin nadsyłania zgłoszeń",
    "zgłoszenia do", "aplikuj do", "délai de postulation", "délai de candidature",
    "fin d'affichage", "bewerbung bis", "bewerbungen bis",
)
# a line that states one of those dates with no colon: the cue, and the date within the
# words after it ("Veröffentlicht am 01.03.2026", "Solliciteren kan tot en met 26 maart")
POSTED_CUES = ("veröffentlicht", "publiée le", "publié le", "publicado", "publicada",
               "pubblicato", "geplaatst", "publicerad", "publiceret", "publisert",
               "opublikowano")
CLOSING_CUES = ("bewerbungen bitte bis", "bewerbung bis", "bewerbungen bis", "candidaturas até",
                "inscrições até", "candidature entro", "solliciteren kan tot",
                "reageren kan tot", "zgłoszenia do", "ważne do", "ansök senast",
                "sista ansökningsdag", "søknadsfrist", "ansøgningsfrist", "postuler avant",
                "postulez avant", "scadenza")

# full time, part time and a permanent post (whose hours it leaves unsaid), as pieces of
# patterns that each open with a letter or a digit; and each kind's literal pieces, one of
# which a text must hold before the patterns are tried
FULL_TIME = ("heltid", "fuldtid", "fulltid", "fulltime", "voltijd", r"pełn(?:y|ym|ego) etat\w*",
             "pełen etat", "tempo (?:inteiro|integral|pieno)")
FULL_TIME_WORDS = ("heltid", "fuldtid", "fulltid", "fulltime", "voltijd", "etat", "tempo inteiro",
                   "tempo integral", "tempo pieno")
PART_TIME = ("deeltijd", "deltid", "parttime", r"niepełn(?:y|ym|ego) etat\w*",
             "1/2 etatu", "1/4 etatu", "3/4 etatu", "pół etatu", "część etatu", "tempo parcial",
             "meio (?:período|periodo|expediente)", "tempo parziale")
PART_TIME_WORDS = ("deeltijd", "deltid", "parttime", "etat", "tempo parcial", "meio ",
                   "tempo parziale")
# (a Brazilian employee's contract, "CLT", as the words around it name it: "Regime: CLT",
# "contratação CLT", "CLT (efetivo)")
PERMANENT = ("tempo indeterminato", "sem termo", r"tillsvidare\w*",
             "fast (?:stilling|ansættelse|anställning)", "fastansættelse",
             "vaste? (?:aanstelling|dienstverband)", "czas nieokreślony",
             r"regime(?: de contratação)?\s*:?\s*clt(?!-)", r"contrat(?:ação|o)\s*:?\s*clt(?!-)",
             r"vínculo\s*:?\s*clt(?!-)", r"clt(?=\s*[(/-]?\s*efetiv[oa])")
PERMANENT_WORDS = ("tempo indeterminato", "sem termo", "tillsvidare", "fast ", "fastansættelse",
                   "vast", "nieokreślony", "clt")
# … and in words that are English ones too ("CLT", an airport's or a certificate's letters;
# "a vast contract base"): a permanent post only in a posting of their language
PERMANENT_IN = {"pt": "clt(?!-)", "nl": "vaste? contract"}

# the share of a full week a job takes, as Swiss, Austrian and French postings give it
# ("Pensum 80–100 %", "taux d'activité 50%"): the words before the figures
WORKLOAD_WORDS = ("pensum", "arbeitspensum", "beschäftigungsgrad", "beschäftigungsausmaß",
                  "stellenumfang", "taux d'activité", "taux d’activité", "taux d'occupation",
                  "taux d’occupation", "grado di occupazione", "wymiar etatu")

# the words after (or before) a qualification that make it a plus, not a requirement
# ("Licenciatura em Letras é um diferencial", "Studium von Vorteil", "se valorará …")
PREFERENCE = (r"\bdiferencia(?:l|is)\b|\bvon vorteil\b|\bwünschenswert|\bpluspunkt|"
              r"\bidealerweise\b|\bun plus\b|\bun atout\b|\bse valorar[áa]\b|\bvalorable\b|"
              r"\bse valora\b|\bdeseable\b|\bgewenst\b|\bbij voorkeur\b|\bmile widzian|"
              r"\bmeriterande\b|\bmeritterende\b|\ben fordel\b|\ben fördel\b|"
              r"\bgradit[oa]\b|\bpreferenzial\w*")

# the headings of a posting's sections, by the list field their items feed (None: a
# section of the posting that feeds none), as ``other_languages.HEADINGS`` gives German,
# French and Spanish ones: Swedish, Danish, Norwegian, Dutch, Polish, Italian, Portuguese
SECTION_HEADINGS: dict[str | None, tuple[str, ...]] = {
    "responsibilities": (
        "arbetsuppgifter", "dina arbetsuppgifter", "dina uppgifter", "ansvarsområden",
        "dine opgaver", "arbejdsopgaver", "arbeidsoppgaver", "dine oppgaver",
        "arbeidsoppgaver og ansvar", "wat ga je doen", "jouw taken", "werkzaamheden",
        "jouw werkzaamheden", "obowiązki", "zakres obowiązków", "twoje obowiązki",
        "twój zakres obowiązków", "czym będziesz się zajmować", "mansioni",
        "di cosa ti occuperai", "responsabilità", "attività principali", "o que vais fazer",
        "o que você vai fazer", "principais atividades", "funções", "atividades"),
    "required_qualifications": (
        "kvalifikationer", "vi söker dig som", "din profil", "krav", "vi forventer",
        "kvalifikasjoner", "vi ser etter", "wat vragen wij", "wat wij vragen", "functie-eisen",
        "jouw profiel", "wij vragen", "vereisten", "wymagania", "czego oczekujemy",
        "nasze wymagania", "oczekujemy", "requisiti", "cosa cerchiamo", "profilo ricercato",
        "requisiti richiesti", "o que procuramos", "qualificações"),
    "preferred_qualifications": (
        "meriterande", "det är meriterande om", "det er en fordel", "pluspunten",
        "mile widziane", "costituisce titolo preferenziale", "diferenciais"),
    "benefits": (
        "vi erbjuder", "vi erbjuder dig", "förmåner", "vi tilbyder", "vi kan tilbyde",
        "vi tilbyr", "wat bieden wij", "wat wij bieden", "wij bieden", "arbeidsvoorwaarden",
        "oferujemy", "co oferujemy", "benefity", "cosa offriamo", "offriamo",
        "o que oferecemos", "oferecemos", "benefícios"),
    None: (
        "om tjänsten", "om rollen", "om oss", "om företaget", "om stillingen", "om os",
        "over ons", "over de functie", "o nas", "o firmie", "chi siamo", "l'azienda",
        "sobre nós", "sobre a empresa"),
}
