"""The words organisations' names are written with, in the languages of Europe and beyond.

A legal form ends a name, and may be of several words ("GmbH & Co. KG", "S.A. de C.V.",
"Sp. z o.o."); small lowercase words join a name's capitalised ones ("Banco de la Nación",
"Cassa di Risparmio di Asti", "Van der Valk", "Stadt Freiburg im Breisgau"); a name's
first letter may be any capital ("Österreichische Post", "Île-de-France Mobilités").
Patterns that read a name backwards (``name_before``) take the small words reversed.
"""

from __future__ import annotations

# every capital letter of the Latin alphabets, for a character class ("[" + UPPER + "]")
UPPER = "A-Z" + "".join(c for c in map(chr, range(0xC0, 0x250))
                        if c.isupper() and c != "×")

# a legal form, the longer forms first, so that "GmbH & Co. KG" is read whole
LEGAL = (
    r"(?:(?:GmbH|AG|SE|UG)[ \t]+&[ \t]+Co\.[ \t]*(?:KGaA|KG|OHG)|S\.A\.[ \t]+de[ \t]+C\.V\.|"
    r"S\.[ \t]?de[ \t]R\.L\.(?:[ \t]de[ \t]C\.V\.)?|Sp\.[ \t]z[ \t]o\.[ \t]?o\.|"
    r"[&+][ \t]+(?:Cie|Co)\.?[ \t]+(?:KGaA|KG|OHG|S\.A\.|SA)|"
    r"gemeinnützige[ \t]+GmbH|gGmbH|GmbH|AG|Inc\.?|Incorporated|Ltd\.?|Limited|LLC|L\.L\.C\.|"
    r"LLP|PLC|plc|"
    r"Corp\.?|Corporation|Co\.|S\.A\.U\.|S\.L\.U\.|S\.L\.|S\.A\.S\.|S\.A\.|SA|S\.p\.A\.|SpA|"
    r"S\.r\.l\.|Srl|SRL|SAS|SARL|SNC|B\.V\.|BV|N\.V\.|NV|BVBA|AB|Oyj|Oy|ApS|A/S|ASA|AS|"
    r"Ltda\.?|Lda\.?|Pty\.? Ltd\.?|Pvt\.? Ltd\.?|KGaA|KG|CJSC|OJSC|JSC|LTD|"
    r"s\.r\.o\.|a\.s\.|d\.o\.o\.|Kft\.|Zrt\.|e\.V\.|eG)")
# words that show a text may hold a legal form, looked for before the pattern is tried
LEGAL_WORDS = ("GmbH", "Inc", "Ltd", "LTD", "LLC", "L.L.C", "LLP", "PLC", "plc", "Corp",
               "Co.", "S.A", "S.p.A", "SpA", "S.r.l", "Srl", "SRL", "SAS", "SARL", "SNC",
               "S.L", "B.V", "N.V", "BVBA", "Oy", "ApS", "A/S", "Pty", "KG", "JSC", "Limited",
               "Incorporated", "Ltda", "Lda", "Sp. z", "S. de R.L", "s.r.o", "a.s.", "d.o.o",
               "Kft.", "Zrt.", "e.V.", " eG", " AG", " SA", " BV", " NV", " AB", " AS",
               " ASA")
# legal forms English writes as its own acronyms, words and codes ("Cisco ASA", "Base
# SAS", "SRL pipelines", "ASA I-III", "Calgary AB", "Reno NV", "work AS a team"): in a
# posting in English they end a name only as ``name_before.wordlike_form_ends_name`` says,
# or written with their stops ("S.A.", "S.r.l.")
WORDLIKE_LEGAL = frozenset("AS ASA AB SA SAS SRL SpA SNC NV".split())
# what follows a company's name and no product's: "we", "is hiring", a verb of hiring in a
# language of Europe ("Equinor ASA søker", "Jeronimo Martins Polska SA zatrudni")
HIRING_AFTER = (r",?[ \t]+(?:we|(?:is|are)[ \t]+(?:now[ \t]+)?(?:hiring|looking|seeking|"
                r"recruiting)|søker|söker|zatrudni|sucht|recrute|busca|cerca|zoekt|etsii)\b")

# the small words inside a name (never its first or last word): "of", "de la", "van der",
# "di", "y". Not an article alone ("Rejoignez la Caisse …", "En el Banco …"), nor a
# German word that follows a sentence's capitalised noun as often as it joins a name
# ("Die Pflege am Klinikum Nord GmbH", "Ein Projekt von Müller GmbH"): those only on a
# line that holds nothing but the name (``LINE_PARTICLE``)
_PARTICLES = ("of and for & de del della delle dei degli di da do dos du des van e y i et "
              "och og af de+la de+las de+los").split()
_LINE_PARTICLES = ("the at on la le les los las das der den dem für im am an+der zu zum zur "
                   "und von von+der").split()


def _alternation(words: list[str], backwards: bool = False) -> str:
    """A pattern of ``words`` ("+" between a phrase's words), the longest first."""
    forms = [w[::-1] if backwards else w for w in words]
    return "(?:" + "|".join(sorted((f.replace("+", "[ \\t]+") for f in forms), key=len,
                                   reverse=True)) + ")"


# "der" and "den" after "van" or "Van" ("van der Berg", "Van den Broek")
PARTICLE = "(?:" + _alternation(_PARTICLES) + "|(?<=(?<!\\w)[Vv]an )(?:der|den))"
PARTICLE_BACK = ("(?:" + _alternation(_PARTICLES, backwards=True) +  # on a text reversed
                 "|(?:red|ned)(?= na[Vv](?!\\w)))")
LINE_PARTICLE = _alternation(_PARTICLES + _LINE_PARTICLES)
PARTICLE_WORDS = frozenset(w for p in _PARTICLES + _LINE_PARTICLES for w in p.split("+"))

# a public body, a hospital, a school, a bank, a cooperative named in its own language by
# the kind of body it is, the word that opens its name ("Gemeente Utrecht", "Clinique du
# Parc", "Urząd Miasta Krakowa"), or a German word ending so ("Stadtwerke München",
# "Migrosa Genossenschaft Zürich", "Bundesamt für Umwelt")
_BODY_FIRST = (
    # German, French, Spanish, Italian, Dutch, Portuguese
    "Stadt Gemeinde Landkreis Kreis Bezirk Freistaat Landeshauptstadt Marktgemeinde "
    "Ville Mairie Département Région Conseil Ministère Préfecture Clinique Hôpital "
    "Résidence Agence Groupe Société Université École Institut Fondation "
    "Fiduciaire Banque Caisse Mutuelle Lycée Collège Maison Laboratoire Pharmacie "
    "Ayuntamiento Diputación Gobierno Generalitat Comunidad Ministerio "
    "Clínica Centro Residencia Grupo Universidad Colegio Escuela Instituto Fundación "
    "Asociación Banco Caja Casa Farmacia Laboratorio Consultora Distribuidora "
    "Comune Regione Provincia Ospedale Policlinico Azienda Università Scuola Istituto "
    "Fondazione Associazione Banca Cassa Gruppo Libreria Cooperativa Consorzio "
    "Gemeente Provincie Ziekenhuis Stichting Universiteit Hogeschool Vereniging Groep "
    "Zorggroep Waterschap Ministerie Câmara Prefeitura Escola Universidade Clínica Fundação "
    "Associação Transportadora Farmácia "
    # Polish, Swedish, Danish, Norwegian, Finnish
    "Urząd Miasto Gmina Powiat Szpital Uniwersytet Szkoła Fundacja Stowarzyszenie Centrum "
    "Politechnika Przychodnia Grupa Zakład Kommun Kommune Landsting Sjukhus "
    "Sykehus Sygehus Universitet Högskola Stiftelsen Kaupunki Kunta Sairaala Yliopisto"
).split()
# … and those English writes as its own words: one of these opens a body's name only
# before a name of its own ("Region Stockholm", "Hospital Particular do Tejo"), not before
# a specialty or a direction ("Hospital Medicine", "Region West"); see ``organisation``
SHARED_BODY_NAME = (r"^(?:Hospital|Region|Centre|Cabinet|Santa|Commune|Junta)[ \t]+"
                    r"((?:[dl]['’])?[" + UPPER + r"][\w'’-]*|" + PARTICLE + ")")
# what marks a name of its own in the words after that: a letter English does not write
# ("Region Västra Götaland"), a small word of another language ("… do Tejo")
OWN_NAME_MARK = (r"[^\x00-\x7f]|(?<!\S)(?!(?:of|and|for|&)(?!\S))" + PARTICLE +
                 r"(?!\S)")
BODY_NAME = (r"^(?:" + "|".join(_BODY_FIRST) + r")[ \t]+(?:" + PARTICLE + r"[ \t]+)?"
             r"(?:[dl]['’])?[" + UPPER + r"]|"
             r"\b[" + UPPER + r"][\wäöüß]*(?:klinik(?:um)?|krankenhaus|genossenschaft|stiftung|"
             r"verein|verband|werke|sparkasse|schule|universität|amt|ministerium|verwaltung|"
             r"kammer|behörde)\b|\b(?:Klinik(?:um)?|Krankenhaus|Genossenschaft|Stiftung|"
             r"Sparkasse|Universität)\b")
