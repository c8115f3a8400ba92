"""Pay as the other languages of Europe write it, for ``salary``: German, French,
Spanish, Italian, Portuguese, Dutch, Polish, Swedish, Norwegian and Danish.

The words of a period ("brutto/Jahr", "brut annuel", "per maand", "lordi mensili",
"brutos mensais", "zł / mies.", "kr/mån", "i timen") and of pay ("Gehalt", "salaris",
"wynagrodzenie", "lön"); what says a sum is net of tax or gross; the hours a period
may belong to ("24 - 32 uur per week": the hours' week, not the pay's); and the crown
of a "kr": Swedish, Norwegian or Danish, by the words of the line that writes it or else
of the posting (``crown_code``).
"""

from __future__ import annotations

import re

from reviewer.core.extract.pay_scripts import posting_text
from reviewer.core.words.regex import lazy_compile

# each period as German, French, Spanish, Italian, Portuguese, Dutch, Polish, Swedish,
# Norwegian and Danish postings say it, in lower case
PERIODS = {
    "hour": r"stundenlohn|pro stunde|/\s?stunde|/\s?std\b|stündlich|par heure|/\s?heure|"
            r"de l'heure|horaire|por hora|/\s?hora\b|la hora|all['’]ora|orari[ao]?\b|"
            r"/\s?ora\b|per uur|/\s?uur\b|uurloon|za godzinę|na godzinę|/\s?godz\b|"
            r"per timme|i timmen|/\s?tim\b|timlön|per time\b|pr\.? time\b|i timen|"
            r"timel[øo]nn?",
    "day": r"pro tag|/\s?tag\b|par jour|/\s?jour\b|por día|/\s?día\b|al giorno|por dia\b|"
           r"/\s?dia\b|per dag|/\s?dag\b|dziennie|za dzień|pr\.? dag",
    "week": r"pro woche|/\s?woche|wöchentlich|par semaine|/\s?semaine|por semana|/\s?semana|"
            r"semanal|a settimana|alla settimana|settimanal[ei]|per week|tygodniowo|"
            r"per vecka|i veckan|per uke|pr\.? uge|om ugen",
    "month": r"pro monat|monatlich|mensuel|par mois|/\s?monat|im monat|/\s?mois\b|mensual|"
             r"al mes\b|por mes\b|/\s?mes\b|al mese\b|mensil[ei]\b|/\s?mese\b|por mês|"
             r"/\s?mês|ao mês|mensais|mensal\b|per maand|/\s?maand\b|maandelijks|maandloon|"
             r"miesięczn\w*|/\s?mies\b|na miesiąc|/\s?mån\b|per månad|i månaden|månadslön|"
             r"per måned|pr\.? måned|i måneden|om måneden|/\s?mnd\b|pr\.? md\b|"
             r"månedsl[øo]nn?",
    "year": r"pro jahr|jährlich|/\s?jahr\b|im jahr\b|jahresgehalt|annuel|par an\b|/\s?an\b|"
            r"par année|/\s?année|anual|al año|por año|/\s?año\b|annu[oi]\b|annual[ei]\b|"
            r"all['’]anno|/\s?anno\b|\bral\b|por ano\b|/\s?ano\b|ao ano|anuais|per jaar|"
            r"/\s?jaar\b|jaarlijks|jaarsalaris|rocznie|na rok|per år|/\s?år\b|om året|"
            r"i året|pr\.? år|årsl[öø]nn?",
}
# the words of pay, and the periods (as "per month" is one in English), none the end of
# another word ("manual" holds no "anual")
PAY_WORDS = (r"gehalt|vergütung|lohn|salaire|rémunération|gratification|\bbrut|salario|"
             r"sueldo|remuneración|retribución|retribuzione|stipendio|\blord[oi]\b|"
             r"salário|remuneração|vencimento|salaris|\bloon\b|wynagrodzenie|pensja|"
             r"widełki|\blön|\blønn?\b|(?<![^\W\d_])(?:" + "|".join(PERIODS.values()) + ")")

# a sum said to be net of tax ("2.100 € netto"), not of VAT ("28 000 PLN netto + VAT"),
# and one said to be gross ("3.000 € brutto")
NET_AFTER = lazy_compile(r"(?i)\s*(?:net(?:to|o|t)?|neto)\b(?!\s*(?:\+|plus)\s*(?:vat|tva))")
GROSS_AFTER = lazy_compile(r"(?i)\s*(?:brut(?:to|o|os|e)?|gross|lord[oi])\b")

# the hours a period right after belongs to: "38,5 Stunden pro Woche", "32 uur per week";
# a count of payments: "(14x jährlich)"
HOURS_BEFORE = lazy_compile(r"(?i)(?:\b(?:hours?|hrs?|stunden|std\.?|heures|horas|ore|uur|"
                            r"uren|godzin\w*|timmar|timer)|\d\s?(?:x|×|mal))\s*$")

# the words only Swedish, only Norwegian or only Danish writes of those three, to tell
# the crown of a "kr" ("och", "lön", "mån"; "av", "lønn", "etter"; "af", "løn", "efter")
_CROWN_WORDS = {
    "SEK": "och att för är inte också söker lön månad månaden mån timme timmen arbete "
           "tjänst erfarenhet kunskaper våra",
    "NOK": "av etter meg deg hva noen søker lønn årslønn månedslønn arbeid uke våre",
    "DKK": "af efter mig dig hvad nogle løn årsløn månedsløn arbejde uge søger vores",
}
_CROWN_OF = {word: crown for crown, words in _CROWN_WORDS.items() for word in words.split()}
_WORD = lazy_compile(r"[^\W\d_]+")


def _crown_of_words(text: str) -> str | None:
    """The crown whose language's own words ``text`` writes most, if one does."""
    counts = {"SEK": 0, "NOK": 0, "DKK": 0}
    for word in _WORD.findall(text.lower()):
        if (crown := _CROWN_OF.get(word)) is not None:
            counts[crown] += 1
    best = sorted(counts.values())
    return max(counts, key=lambda crown: counts[crown]) if best[-1] > best[-2] else None


def crown_code(text: str, at: int) -> str | None:
    """The crown a "kr" at ``at`` in ``text`` stands for: by the words of its line, else
    of the posting read (``pay_scripts.posting_yen``); None where neither tells."""
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    line = text[start:end if end >= 0 else len(text)]
    return _crown_of_words(line) or _crown_of_words(posting_text()[:4000])


def is_crown(token: str) -> bool:
    """Is ``token`` (a currency as written) a crown's "kr"?"""
    return re.fullmatch(r"(?i)kr\.?", token.strip()) is not None
