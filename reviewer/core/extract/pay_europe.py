"""Pay as the other languages of Europe write it, for ``salary``: German, French,
Spanish, Italian, Portuguese, Dutch, Polish, Swedish, Norwegian and Danish.

The words of a period ("brutto/Jahr", "brut annuel", "per maand", "lordi mensili",
"brutos mensais", "zł / mies.", "kr/mån", "i timen") and of pay ("Gehalt", "salaris",
"wynagrodzenie", "lön"); what says a sum is net of tax or gross; the hours a period
may belong to ("24 - 32 uur per week": the hours' week, not the pay's); and the crown
of a "kr": Swedish, Norwegian or Danish, by the words of the line that writes it, else
of the posting (``crown_code``), else by the posting's own places (``crown_of_places``).
"""

from __future__ import annotations

import bisect
import functools
import re

from reviewer.core.extract.pay_scripts import posting_text
from reviewer.core.schema import Finding
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
# what adds another sum to a net pay ("2.100 € netto + 300 € brutto Zulage", "$4,000
# net, plus $500 gross …"), and the words of another sum right after a gross one ("$500
# gross monthly bonus", "300 € brutto Zulage", "$2,000 gross relocation")
ADDED = lazy_compile(r"(?i)\+|\b(?:plus|zzgl|zuzüglich|más|além)\b")
OTHER_SUM_AFTER = lazy_compile(
    r"(?i)\s*(?:[^\W\d_]+\s+){0,2}?(?:bonus\w*|allowances?|differentials?|relocation|"
    r"sign[- ]?on|signing|commissions?|stipends?|premiums?|reimburse\w*|zulagen?|prämien?|"
    r"zuschl[aä]g\w*|primes?|indemnit\w*|bonifica\w*|toeslag\w*|"
    r"premie\w*|tillägg|tillæg|tillegg|dodat\w*|premi|indennit\w*|subsídio)\b")

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


# the places of each crown's country: the country as English and its own language name
# it, its capital and its largest cities
_CROWN_PLACES = {
    "SEK": "sweden|sverige|stockholm|gothenburg|göteborg|malmö|uppsala|linköping|västerås|"
           "örebro|helsingborg|lund|umeå",
    "NOK": "norway|norge|oslo|bergen|trondheim|stavanger|drammen|kristiansand|tromsø",
    "DKK": "denmark|danmark|copenhagen|københavn|aarhus|odense|aalborg|esbjerg",
}
_PLACE = lazy_compile(r"(?i)\b(?:(?P<SEK>" + _CROWN_PLACES["SEK"] + ")|(?P<NOK>"
                      + _CROWN_PLACES["NOK"] + ")|(?P<DKK>" + _CROWN_PLACES["DKK"] + r"))\b")


def crown_code(text: str, at: int) -> str | None:
    """The crown a "kr" at ``at`` in ``text`` stands for: by the words of its line, else
    of the posting read (``pay_scripts.posting_yen``), else of its place lines; None
    where none tells (the posting's places may: ``crown_of_places``).
    Each line and each posting is read for it once (a line of a thousand prices in
    crowns read itself a thousand times)."""
    ends = _line_ends(text)
    line = bisect.bisect_left(ends, at)
    return _line_crown(text, line) or _posting_crown(posting_text())


@functools.lru_cache(maxsize=16)
def _line_ends(text: str) -> list[int]:
    """Where each line of ``text`` ends."""
    return [found.start() for found in re.finditer("\n", text)]


@functools.lru_cache(maxsize=256)
def _line_crown(text: str, line: int) -> str | None:
    """The crown whose words line ``line`` of ``text`` writes most."""
    ends = _line_ends(text)
    start = ends[line - 1] + 1 if line else 0
    return _crown_of_words(text[start:ends[line] if line < len(ends) else len(text)])


@functools.lru_cache(maxsize=16)
def _posting_crown(posting: str) -> str | None:
    """The crown of the posting ``posting`` by its words, else by the places of its place
    lines at its top (short lines, no sentences: "Bergen", "Oslo, Norway"), not of any
    place its prose names ("retailers across Sweden", "Our team sits in Malmö.")."""
    if found := _crown_of_words(posting[:4000]):
        return found
    head = [line for line in posting.splitlines()[:8]
            if 0 < len(line.split()) <= 6 and not line.rstrip().endswith(".")]
    crowns = {_place_crown(line) for line in head} - {None}
    return crowns.pop() if len(crowns) == 1 else None


def crown_of_places(markdown: str, salary: Finding, places: Finding | None) -> None:
    """Give ``salary`` (a finding of the pay reader in a crown its words did not tell)
    the crown of the one country of the three that the posting's own ``places`` (a
    locations finding) are in ("Bergen", "Oslo, Norway"); not of any place the posting
    names ("retailers across Sweden", "our sister team sits in Malmö")."""
    value = salary.value
    if places is None or not isinstance(places.value, list) or not isinstance(value, dict) \
            or value.get("currency") is not None or \
            not any(_KR.search(markdown, start, end) for start, end in salary.spans):
        return
    crowns = {_place_crown(place) for place in places.value}
    if len(crowns) == 1 and (crown := crowns.pop()) is not None:
        salary.value = {**value, "currency": crown}


_KR = lazy_compile(r"(?i)\bkr\b")


def _place_crown(place: object) -> str | None:
    """The crown of the one country of the three that ``place`` names, if one."""
    found = {m.lastgroup for m in _PLACE.finditer(place)} if isinstance(place, str) else set()
    return found.pop() if len(found) == 1 else None


def is_crown(token: str) -> bool:
    """Is ``token`` (a currency as written) a crown's "kr"?"""
    return re.fullmatch(r"(?i)kr\.?", token.strip()) is not None
