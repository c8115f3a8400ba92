"""Section headings of postings written in German, French and Spanish.

The headings those languages' postings put over their tasks, the profile they ask
for and what they offer ("Ihre Aufgaben", "Votre profil", "Qué ofrecemos"), mapped to
the list field their items feed as ``lexicon.SECTION_HEADINGS`` maps the English ones
(None: part of the posting, no field of ours). Written in lower case; a Spanish
question keeps its marks ("¿Qué harás?"), as ``lexicon.heading_key`` leaves them.
"""

from __future__ import annotations

HEADINGS: dict[str, str | None] = {}


def _headings(field: str | None, *phrases: str) -> None:
    for phrase in phrases:
        HEADINGS[phrase] = field
        if phrase.startswith("¿"):
            HEADINGS[phrase.strip("¿?")] = field  # "Qué harás" written with no marks


_headings(
    "responsibilities",
    # German
    "ihre aufgaben", "deine aufgaben", "aufgaben", "ihr aufgabengebiet", "dein aufgabengebiet",
    "aufgabengebiet", "ihre tätigkeiten", "deine tätigkeiten", "tätigkeiten",
    "ihre verantwortung", "deine verantwortung", "ihre rolle", "deine rolle",
    "aufgaben und verantwortlichkeiten", "das erwartet sie", "das erwartet dich",
    "das sind ihre aufgaben", "das sind deine aufgaben", "deine mission", "ihre mission",
    # French
    "vos missions", "votre mission", "missions", "vos principales missions",
    "missions principales", "vos responsabilités", "responsabilités", "vos tâches", "tâches",
    "votre rôle", "le poste", "ce que vous ferez", "vos activités", "activités principales",
    # Spanish
    "funciones", "tus funciones", "sus funciones", "funciones principales",
    "responsabilidades", "tus responsabilidades", "principales responsabilidades", "tareas",
    "tus tareas", "tu misión", "tu rol", "¿qué harás?", "¿qué vas a hacer?",
    "lo que harás",
)
_headings(
    "required_qualifications",
    "ihr profil", "dein profil", "profil", "anforderungen", "ihre qualifikationen",
    "deine qualifikationen", "qualifikationen", "anforderungsprofil", "voraussetzungen",
    "was sie mitbringen", "was du mitbringst", "das bringen sie mit", "das bringst du mit",
    "das zeichnet sie aus", "das zeichnet dich aus", "ihre kenntnisse", "was wir erwarten",
    "was wir uns wünschen", "votre profil", "profil recherché", "profil du candidat",
    "profil souhaité", "compétences requises", "compétences", "exigences", "prérequis",
    "ce que nous recherchons", "qui êtes-vous", "vous êtes", "requisitos", "requisitos mínimos",
    "perfil", "tu perfil", "perfil buscado", "perfil requerido", "¿qué buscamos?",
    "lo que buscamos", "buscamos", "requerimientos", "competencias", "¿qué necesitas?",
)
_headings(
    "preferred_qualifications",
    "wünschenswert", "von vorteil", "pluspunkte", "idealerweise", "atouts", "les plus",
    "serait un plus", "compétences souhaitées", "se valorará", "valorable", "deseable",
    "requisitos deseables", "se valora",
)
_headings(
    "benefits",
    "wir bieten", "das bieten wir", "was wir bieten", "wir bieten ihnen", "wir bieten dir",
    "das bieten wir ihnen", "das bieten wir dir", "unser angebot", "ihre vorteile",
    "deine vorteile", "vorteile", "ihre benefits", "deine benefits",
    "darauf können sie sich freuen", "darauf kannst du dich freuen",
    "ce que nous offrons", "nous offrons", "ce que nous vous offrons", "ce que nous proposons",
    "nous proposons", "ce que nous vous proposons", "avantages", "vos avantages",
    "les avantages", "notre offre", "pourquoi nous rejoindre", "rémunération et avantages",
    "ofrecemos", "¿qué ofrecemos?", "lo que ofrecemos", "te ofrecemos", "¿qué te ofrecemos?",
    "beneficios", "nuestra oferta", "¿por qué unirte?",
)
_headings(
    None,
    "über uns", "wer wir sind", "das unternehmen", "stellenbeschreibung", "ihre bewerbung",
    "bewerbung", "kontakt", "ihr ansprechpartner", "ihre ansprechpartnerin",
    "à propos de nous", "qui sommes-nous", "qui sommes-nous ?", "description du poste",
    "l'entreprise", "présentation de l'entreprise", "comment postuler",
    "informations complémentaires", "processus de recrutement", "sobre nosotros",
    "quiénes somos", "¿quiénes somos?", "descripción", "descripción del puesto",
    "descripción de la oferta", "la empresa", "cómo aplicar", "información adicional",
)


# Words that make a short line of those languages read like a job title, lower case
# ("Ingeniero de Datos", "Chargée de recrutement"), each also with a feminine ending
# where one is written ("-in", "-e", "-a") …
JOB_NOUNS = (
    "ingenieur ingénieur ingeniero entwickler développeur développeuse desarrollador "
    "programador berater leiter mitarbeiter sachbearbeiter referent kaufmann kauffrau "
    "techniker technicien técnico werkstudent praktikant auszubildender azubi fachkraft "
    "spezialist assistent verkäufer buchhalter erzieher lehrer monteur elektriker "
    "mechaniker pfleger fahrer geschäftsführer chargé chargée responsable directeur "
    "directrice technicienne comptable conseiller conseillère gestionnaire stagiaire "
    "alternant alternante vendeur vendeuse infirmier infirmière cuisinier serveur juriste "
    "architecte analyste employé employée opérateur opératrice formateur formatrice "
    "enseignant animateur magasinier caissier caissière acheteur rédacteur rédactrice "
    "graphiste administrateur coordinateur coordinatrice superviseur préparateur jefe jefa "
    "gerente directora analista consultor consultora asesor asesora dependiente dependienta "
    "administrativo administrativa auxiliar becario becaria enfermero enfermera camarero "
    "camarera cocinero cocinera profesor profesora diseñador diseñadora contable abogado "
    "abogada arquitecto arquitecta vendedor vendedora coordinador coordinadora operario "
    "operaria cajero cajera repartidor especialista encargado encargada recepcionista "
    "teleoperador"
).split()
# … and the German ones that end a compound ("Softwareentwickler", "Projektleiterin")
COMPOUND_NOUNS = (
    "entwickler ingenieur berater leiter mitarbeiter sachbearbeiter referent techniker "
    "spezialist assistent kaufmann kauffrau fachkraft verkäufer monteur elektriker "
    "mechaniker pfleger fahrer planer"
).split()
# the genders a title is open to, as German, French and Spanish titles write them:
# "(m/w/d)", "(H/F)", "(all genders)", "Ingeniero/a", "Chargé(e)"
GENDER_MARK = (r"\((?:[mwdfhx]\s?/\s?){1,3}[mwdfhx]\*?\)|\(all genders\)|"
               r"\b[^\W\d_]{3,}/a\b|\b[^\W\d_]{3,}\(e\)")

# the small words each language writes most, none shared by two of them ("la", "en",
# "des" and "die" are), to tell the language a posting is written in
_FUNCTION_WORDS = {
    "en": "the and of to with you your we our for is are will be an this that".split(),
    "de": "der das und mit für ist sind wir sie ihre ihr im den dem bei zu auf ein eine "
          "oder".split(),
    "fr": "le les et du pour vous nous avec est sont une dans au aux sur votre vos ou".split(),
    "es": "el los las y del para con es son una tu su nuestro por al o".split(),
}
_LANGUAGE_OF = {word: language for language, words in _FUNCTION_WORDS.items()
                for word in words}


def language_of(text: str) -> str:
    """The language ``text`` is written in, by the small words of its first few thousand
    characters: "de", "fr", "es", or "en" (also where none says)."""
    counts = {"en": 0, "de": 0, "fr": 0, "es": 0}
    for word in text[:4000].lower().split():
        language = _LANGUAGE_OF.get(word.strip(".,;:!?()«»\"'"))
        if language is not None:
            counts[language] += 1
    best = max(counts, key=lambda language: counts[language])
    return best if counts[best] > counts["en"] else "en"
