"""Pay ranges in any common form and currency.

"$161,700 and $284,900", "$120k–$150k", "£40,000 - £50,000 per annum",
"€4.500 – €5.500 brutto pro Monat", "38 000 € à 42 000 € brut annuel", "8,50 €/hora",
"500 USD to 1000 USD per month", "$65–$80/hr",
"Starting salary - 40,000 AMD"; and as Chinese, Japanese, Arabic and Hebrew postings
write it ("月給35万円～50万円", "25,000 - 35,000 درهم شهريًا": ``pay_scripts``). A figure
counts only with a currency and a pay word or period near it, and never beside
"million", "funding" or "revenue".
"""

from __future__ import annotations

import re
from typing import Any

from reviewer.core.extract import pay_europe, pay_scripts
from reviewer.core.extract.local_dollar import dollar_said_after
from reviewer.core.extract.pay_besides import besides_pay
from reviewer.core.extract.pay_periods import period_near, stated_period
from reviewer.core.words.regex import lazy_compile

SYMBOLS = {
    "$": "USD", "us$": "USD", "usd$": "USD", "c$": "CAD", "ca$": "CAD", "cad$": "CAD",
    "a$": "AUD", "au$": "AUD", "nz$": "NZD", "hk$": "HKD", "s$": "SGD", "£": "GBP", "€": "EUR",
    "¥": "JPY", "￥": "JPY", "nt$": "TWD", "₹": "INR", "₩": "KRW", "₽": "RUB", "₺": "TRY",
    "₪": "ILS", "r$": "BRL", "chf": "CHF", "kr": "SEK", "zł": "PLN", "֏": "AMD",
}
CODES = (
    "USD EUR GBP CAD AUD NZD CHF JPY CNY INR SGD HKD SEK NOK DKK PLN CZK HUF RON BGN RUB UAH "
    "AMD GEL AZN TRY ILS AED SAR QAR OMR KWD JOD BHD ZAR BRL MXN ARS CLP COP KRW TWD THB MYR IDR "
    "PHP VND EGP NGN KES UYU"
).split()
_WORD_CURRENCY = {
    "dollars": "USD", "euros": "EUR", "euro": "EUR", "pounds": "GBP", "drams": "AMD",
    "dram": "AMD", "rupees": "INR", "francs": "CHF",
}
_PAY_WORDS = lazy_compile(
    r"salary|pay|compensation|remuneration|wage|rate|earn|stipend|income|brutto|gross|net\b|"
    r"per (hour|day|week|month|year|annum)|hourly|annual|range|ote|bonus|base|\bctc\b|"
    r"superannuation|(?:\+|\bplus)\s*(?:\d+(?:\.\d+)?\s?%\s*)?super\b|"
    + pay_europe.PAY_WORDS + "|" + pay_scripts.PAY_WORDS,
    re.I,
)
_NOT_PAY = lazy_compile(
    r"million|billion|\bbn\b|\bmn\b|funding|funded|raised|revenue|valuation|turnover|series [a-e]|"
    r"investment|budget|assets|market cap|sales of|grant of|401|\bmio\b|\bmrd\b|millones|"
    r"umsatz|chiffre d.affaires|facturación|(?:gross|net) profit|" + pay_scripts.NOT_PAY,
    re.I,
)
_CEILING = lazy_compile(  # before a single figure: it is the most the job pays
    r"(?:\bup to|\bas much as|\bmaximum(?: of)?|\bmax\.?|\bnot to exceed|\bno more than"
    r"|\bbis zu|\bjusqu'à|\bjusqu’à|\bhasta)"
    r"\s*:?\s*$", re.I)
_FLOOR = lazy_compile(  # before a single figure: it is the least the job pays
    r"(?:\bfrom|\bstarts? at|\bstarting (?:at|from)|\bat least|\bminimum(?: of)?|\bmin\.?"
    r"|\bno less than|(?-i:\bab)|\bmindestens|\bmindest(?!lohn)\w+(?:\s+(?:beträgt|liegt bei|von))?"
    r"|\bà partir de|\bdès|\bdesde)\s*:?\s*$", re.I)
_PLUS = lazy_compile(r"\+(?![\d+])")  # "$60,000+": that much or more
# (a code before a dollar sign names the dollar, a space between or none: "CAD $38.50")
_DOLLAR_CODES = "usd cad aud nzd sgd hkd mxn ars clp cop uyu".split()
_CUR = (r"(?:(?:us|usd|ca|cad|c|a|au|nz|hk|s|r|nt)?\$|\b(?:" + "|".join(_DOLLAR_CODES)
        + r")\s?\$|£|€|¥|￥|₹|₩|₽|₺|₪|֏|chf|zł|\bkr\b\.?|\b(?:" + "|".join(CODES) + r")\b|"
        + pay_scripts.CURRENCY_BEFORE + ")")
# after a figure: a sign right before another figure is that one's ("Band 5 £29,970"); a
# code written after one is its own ("60,000 EUR 14 salaries")
_SIGN = r"(?:(?:us|usd|ca|cad|c|a|au|nz|hk|s|r|nt)?\$|£|€|¥|￥|₹|₩|₽|₺|₪|֏|zł|\bkr\b\.?)"
_CODE_AFTER = r"(?:chf|\b(?:" + "|".join(CODES) + r")\b)"
# what a figure is counted in: a thousand ("38k", "45 Tsd."), a lakh (100,000; "12 LPA":
# lakhs a year) or a crore (10,000,000)
_TIMES = {"k": 1000, "thousand": 1000, "tsd": 1000, "tsd.": 1000, "lakh": 100_000,
          "lakhs": 100_000, "lac": 100_000, "lacs": 100_000, "lpa": 100_000,
          "crore": 10_000_000, "crores": 10_000_000, "cr": 10_000_000, **pay_scripts.TIMES}
_LAKHS = r"lakhs?\b|lacs?\b|lpa\b|crores?\b|cr\b"
_NUM = (r"\d{1,2}(?:,\d{2}){1,4},\d{3}(?:\.\d{1,2})?"  # Indian grouping: 6,00,000 (6 lakh)
        r"|\d{1,3}(?:[,.' \u202f]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?")
# (a German figure may end in ",-", no cents: "4.000,- €")
_AMOUNT = rf"(?P<cur@>{_CUR})?\s?(?P<num@>{_NUM})(?:,-)?\s?" \
          rf"(?P<k@>[kK]\b|K\b|thousand|tsd\b\.?|{_LAKHS}|{pay_scripts.TIMES_PATTERN})?" \
          rf"\s?(?P<post@>{_SIGN}(?!\s?\d)|{_CODE_AFTER}|dollars|euros?|pounds|drams?|rupees|" \
          rf"francs|{pay_scripts.CURRENCY_AFTER})?"
# the period after the first end of a range, said again after the second: "$50/hour - $60/hour"
_FIRST_PERIOD = r"(?:\s?(?:/\s?|per\s|an?\s)(?:hour|hr|day|week|wk|month|mo|year|yr|annum)\b)?"
_SECOND = (rf"\s*(?P<join>-|–|—|to|and|bis|und|à|et|a|y|until|up to|{pay_scripts.JOINS})\s*"
           + _AMOUNT.replace("@", "2"))
_RANGE = lazy_compile(_AMOUNT.replace("@", "1") + _FIRST_PERIOD + rf"(?:{_SECOND})?", re.I)
# the first amount alone, where what follows is no second end ("$150 a 3-hour session")
_ONE = lazy_compile(_AMOUNT.replace("@", "1") + _FIRST_PERIOD + rf"(?:(?!){_SECOND})?", re.I)
# a Spanish range's "a" or "y" follows "de" or "entre" ("de 1.500 a 1.800 €")
_SPANISH_FROM = lazy_compile(r"(?i)\b(?:de|entre)\s*$")


def _joined(match: re.Match[str], text: str) -> re.Match[str]:
    """``match`` as a range, or its first amount alone where a lone "a" or "y" joins a
    second that has no currency of its own and no "de" or "entre" opens the range: "a"
    is an English word too ("$150 a 3-hour session")."""
    if (match.group("join") or "").lower() not in ("a", "y") or \
            match.group("cur2") or match.group("post2") or \
            _SPANISH_FROM.search(text, max(0, match.start() - 8), match.start()):
        return match
    return _ONE.match(text, match.start()) or match


def find_salary(text: str, labelled: bool = False) -> tuple[dict[str, Any], tuple[int, int]] | None:
    """The first pay range in ``text`` with its span, or None.

    ``labelled``: the text is the value of a "Salary:" line, so a figure needs no
    pay word near it (but still a currency, or a period)."""
    if not _ANY_DIGIT.search(text):
        return None
    hint = has_pay_hint(text)  # (once: for each figure, a long text took seconds)
    if not (labelled or hint):
        return None
    text = pay_scripts.western_digits(text)  # ("٢٥٬٠٠٠": one character for one)
    bare: tuple[dict[str, Any], tuple[int, int]] | None = None
    for whole in _RANGE.finditer(text):
        match = _joined(whole, text)
        end = match.start() + len(match.group().rstrip())
        if besides_pay(text, match.start(), end, labelled):
            continue  # "a $5,000 sign-on bonus", "Housing stipend of $2,000"
        found = _read(match, text, labelled)
        if found is None:
            continue
        # a small figure with no period of its own: a grade, a band, hours ("65 per hour"
        # is a pay rate)
        small = (found["max"] or found["min"] or 0) < 100 and not _own_period(match, text)
        if found["currency"] is not None or (not hint and not small):
            if bare is not None and _EXTRA.search(text, match.start(), match.end() + 30):
                return bare  # "40,000 a year plus £2,000 car allowance": the pay came first
            match, found, end = _gross_for_net(match, found, end, text, labelled)
            return _up_to(found, text, (match.start(), end), labelled)
        if bare is None and not small:
            return found, (match.start(), end)  # a sum with no currency: the pay as given
        # a small figure with no currency where one with a currency, or a larger one,
        # follows ("Band 5 £29,970", "37.5 hours per week, £24,000", "grade 7 (60,000 per
        # year)"): the band, the grade or the hours, not the pay
        bare = bare or (found, (match.start(), end))
    return bare


def _gross_for_net(match: re.Match[str], found: dict[str, Any], end: int, text: str,
                   labelled: bool) -> tuple[re.Match[str], dict[str, Any], int]:
    """The sum ``match`` (``found``, ending at ``end``), or the gross one said right after
    it where it is said to be net ("2.100 € netto, 3.000 € brutto monatlich"): the gross
    pay is the one to record, as a posting giving one alone gives it. Only the same pay
    said gross: not another sum added to it ("+ 300 € brutto Zulage", "$500 gross monthly
    bonus"), nor one smaller than the net pay."""
    net = pay_europe.NET_AFTER.match(text, end)
    gross = _RANGE.search(text, net.end()) if net else None
    if net is None or gross is None or gross.start() > net.end() + 20 or \
            "\n" in text[net.end():gross.start()] or \
            pay_europe.ADDED.search(text, net.end(), gross.start()):
        return match, found, end
    gross = _joined(gross, text)
    gross_end = gross.start() + len(gross.group().rstrip())
    said = pay_europe.GROSS_AFTER.match(text, gross_end)
    read = _read(gross, text, labelled) if said else None
    if said is None or read is None or read["currency"] != found["currency"] or \
            besides_pay(text, gross.start(), gross_end) or \
            pay_europe.OTHER_SUM_AFTER.match(text, said.end()):
        return match, found, end
    clause = _CLAUSE.match(text, said.end())
    own = stated_period(clause.group()) if clause else None
    read = {**read, "period": own or read["period"]}
    if _yearly(read) < _yearly(found):
        return match, found, end
    return gross, read, gross_end


# the rest of a gross sum's clause, which may say its own period ("€24,000 gross per
# year", "(38.000 € brutto jährlich)", "€1,900 gross, per month")
_CLAUSE = lazy_compile(r"[^;|\n.()\d$€£¥]*")
# how many of each period a year holds
_IN_A_YEAR = {"hour": 2080, "day": 260, "week": 52, "month": 12, "year": 1}


def _yearly(found: dict[str, Any]) -> float:
    """The most a pay read comes to, by the year where its period is said ("€1,400 net
    per month" is less than "€24,000 gross per year")."""
    top = float(found["max"] if found["max"] is not None else found["min"])
    return top * _IN_A_YEAR.get(str(found["period"]), 1)


_OWN_PERIOD = lazy_compile(r"(?i)\s*(?:(?:/\s?|per\s|an?\s)(?:hour|hr|day|week|wk|month|mo|"
                           r"year|yr|annum)\b|(?:hourly|daily|weekly|monthly|yearly|annually)\b)")


def _own_period(match: re.Match[str], text: str) -> bool:
    """Is a period said right after the last figure of ``match`` ("$18-$22/hr", "$52,000 a
    year", "$38.50 CAD hourly"), or its unit one ("₹8 - 12 LPA": lakhs a year)?"""
    last = "2" if match.group("num2") else "1"  # (the range's last amount)
    if str(match.group(f"k{last}")).lower() == "lpa":
        return True
    return _OWN_PERIOD.match(text, max(match.end(f"{group}{last}")
                                       for group in ("num", "k", "post"))) is not None


# a ceiling said after a floor: "Starting at $19.25/hour, up to $21.75/hour"
# (one piece for each run of spaces: two in a row made a long run take seconds)
_THEN_UP_TO = lazy_compile(r"(?i)\s*(?:,\s*)?(?:and\s+)?(?:up to|as much as)\s*")


def _up_to(found: dict[str, Any], text: str, span: tuple[int, int],
           labelled: bool) -> tuple[dict[str, Any], tuple[int, int]]:
    """``found`` at ``span``; a floor ("from $19.25/hour") with the ceiling said right
    after it as one range, where both are in one currency and period: not a sum besides
    the pay ("up to $1,000 sign-on bonus"), nor one with no period of its own ten times
    the floor."""
    then = _THEN_UP_TO.match(text, span[1]) if found["max"] is None else None
    top = _ONE.match(text, then.end()) if then else None
    if then is None or top is None:
        return found, span
    high = _read(top, text, labelled)
    top_end = top.start() + len(top.group().rstrip())
    if high is None or high["max"] is None or high["max"] <= found["min"] or \
            high["currency"] != found["currency"] or \
            high["period"] not in (found["period"], None) or \
            besides_pay(text, top.start(), top_end) or \
            (high["max"] > 10 * found["min"] and not _own_period(top, text)):
        return found, span
    return {**found, "max": high["max"]}, (span[0], top_end)


# what is paid besides the pay
_EXTRA = lazy_compile(r"(?i)bonus|allowance|relocation|sign[- ]?on|signing|welcome|"
                      r"commission|package|reimburse|stipend")


_ANY_DIGIT = lazy_compile(r"\d")
_SYMBOLS = ("$", "£", "€", "¥", "₹", "₩", "₽", "₺", "₪", "֏", "zł", *pay_scripts.HINTS)
_MONEY_WORDS = frozenset(c.lower() for c in CODES) | {
    "chf", "dollars", "euro", "euros", "pounds", "dram", "drams", "rupees", "francs", "kr",
    "rmb"}
_LETTERS = lazy_compile(r"[a-z]+")


def has_pay_hint(text: str) -> bool:
    """Does the text name a currency at all? (A quick test before the full pattern.)"""
    return any(symbol in text for symbol in _SYMBOLS) or \
        not _MONEY_WORDS.isdisjoint(_LETTERS.findall(text.lower()))


def _read(match: re.Match[str], text: str, labelled: bool) -> dict[str, Any] | None:
    codes = [c for c in (_currency(match, 1, "post"), _currency(match, 2, "post")) if c]
    currency = codes[0] if codes else _currency(match, 1) or _currency(match, 2)
    window = text[max(0, match.start() - 80): match.end() + 60]
    if currency is None:
        after = text[match.end(): match.end() + 12].lower().strip()
        word = re.match(r"[a-z]+", after)
        currency = _WORD_CURRENCY.get(word.group()) if word else None
    end = match.start() + len(match.group().rstrip())
    if currency == "USD" and not codes and \
            (match.group("cur1") or match.group("cur2") or "").strip() == "$":
        currency = dollar_said_after(text, end) or currency  # "$38.50 hourly (CAD)"
    units = {str(match.group(k)).lower() for k in ("k1", "k2")}
    if "cr" in units and currency != "INR":
        return None  # ("Cr" is a crore in rupees; 25 CR an hour is something else)
    low = _number(match.group("num1"), match.group("k1"))
    high = _number(match.group("num2"), match.group("k2")) if match.group("num2") else None
    if low is None:
        return None
    if high is not None and match.group("k2") and not match.group("k1") and low < 1000:
        low = _times(low, match.group("k2"))  # "$120-150k", "₹12-15 LPA"
    period = period_near(text, match.start(), match.end(), high or low)
    if period is None and "lpa" in (str(match.group("k1")).lower(), str(match.group("k2")).lower()):
        period = "year"  # (lakhs per annum)
    if currency is None:
        if not (labelled and period) or _YEAR.fullmatch(match.group().strip()) \
                or _after_year(text, match.start()):
            return None  # (nor "2025/26", the years of a pay scale)
        currency = None
    if _NOT_PAY.search(text[max(0, match.start() - 30): match.end() + 30]):
        return None
    own = _own_period(match, text)
    if not labelled and not _PAY_WORDS.search(window) and not (
            own and currency and (high or low) >= _LEAST.get(str(period), 0)):
        return None  # (a sum with its own period is a rate of pay: "$18-$22/hr")
    if high is not None and high < low:
        return None
    if period is None and currency in _MAGNITUDE_CURRENCIES:
        # where pay is quoted by the year or the hour, the size of the figure tells which
        top = high or low
        period = "hour" if top < 300 else "year" if top >= 12000 else None
    if low < 5 and (high is None or high < 5) and not (labelled and own and period == "hour"):
        return None  # (but "Pay: $2.13/hr plus tips", a tipped wage)
    if high is None and _CEILING.search(text, max(0, match.start() - 20), match.start()):
        return {"min": None, "max": low, "currency": currency, "period": period}
    if high is None and (_FLOOR.search(text, max(0, match.start() - 40), match.start())
                         or _PLUS.match(text, end)):
        return {"min": low, "max": None, "currency": currency, "period": period}
    return {"min": low, "max": high if high is not None else low, "currency": currency,
            "period": period}


_MAGNITUDE_CURRENCIES = frozenset("USD EUR GBP CAD AUD NZD CHF SGD HKD IEP".split())
# the least a rate of pay with no word of pay beside it comes to ("$9.99/month" is a price)
_LEAST = {"hour": 5, "day": 20, "week": 100, "month": 300, "year": 5000}


def _currency(match: re.Match[str], i: int, only: str = "") -> str | None:
    for group in (f"cur{i}", f"post{i}"):
        if only and not group.startswith(only):
            continue
        token = (match.group(group) or "").strip()
        if not token:
            continue
        low = token.lower()
        if low in ("¥", "￥"):
            return pay_scripts.yen_code()  # (a yuan in a Chinese posting)
        if pay_europe.is_crown(low):  # (Swedish, Norwegian or Danish)
            return pay_europe.crown_code(match.string, match.start(group))
        if low in SYMBOLS:
            return SYMBOLS[low]
        if " ".join(low.split()) in pay_scripts.CURRENCY_WORDS:
            return pay_scripts.CURRENCY_WORDS[" ".join(low.split())]
        if low[:3] in _DOLLAR_CODES and low.endswith("$"):
            return low[:3].upper()  # "CAD $", "AUD$"
        if token.upper() in CODES:
            return token.upper()
        if low.rstrip("s") in ("dollar", "euro", "pound", "dram", "rupee", "franc"):
            return _WORD_CURRENCY.get(low) or _WORD_CURRENCY.get(low + "s")
    return None


def _number(digits: str | None, k: str | None) -> float | None:
    if not digits:
        return None
    s = digits.replace("\u202f", "").replace(" ", "").replace("'", "")
    if re.fullmatch(r"\d{1,2}(,\d{2})+,\d{3}(\.\d{1,2})?", s):
        s = s.replace(",", "")  # lakhs and crores
    elif re.fullmatch(r"\d{1,3}([.,]\d{3})+", s):
        s = re.sub(r"[.,]", "", s)  # thousands separators
    elif re.fullmatch(r"\d{1,3}([.,]\d{3})+[.,]\d{1,2}", s):
        s = re.sub(r"[.,](?=\d{3})", "", s).replace(",", ".")
    else:
        s = s.replace(",", ".")
    try:
        value = float(s)
    except ValueError:
        return None
    return _times(value, k) if k else int(value) if value.is_integer() else value


def _times(value: float, unit: str) -> float:
    """``value`` counted in ``unit`` ("k", "lakh" …), rounded to the cent (4.1 lakh is
    410000, not 409999.99…), whole where it is."""
    value = round(value * _TIMES[unit.lower()], 2)
    return int(value) if float(value).is_integer() else value


_YEAR = lazy_compile(r"(19|20)\d\d")
_AFTER_YEAR = lazy_compile(r"(19|20)\d\d/\s*$")


def _after_year(text: str, at: int) -> bool:
    """Does a year and a slash ("2025/") stand before ``at``, spaces between? Looked for
    from the year's place, not from the text's start (each figure of a long selection
    read all the text before it)."""
    gap = at
    while gap > 0 and text[gap - 1].isspace():
        gap -= 1
    return _AFTER_YEAR.search(text, max(0, gap - len("2025/")), at) is not None


def read_amount(text: str) -> tuple[int | float, str | None]:
    """The first figure in ``text`` read as the pay reader reads one ("38k", "$95,000",
    "€50.000", "95,000.50", "2,5 years"), with the currency written beside it, if any.
    Raises ValueError when the text holds no figure, or one below zero ("-5") or past
    any number a record holds (400 nines, 1e400)."""
    if _EXPONENT.fullmatch(text):  # "1.2e5": a number as a program writes it, read whole
        text = f"{float(text):f}" if abs(float(text)) < 1e15 else "9" * 16
    match = _RANGE.search(text)  # the pattern of an amount in a pay range
    number = _number(match.group("num1"), match.group("k1")) if match else None
    if match is None or number is None:
        raise ValueError("no figure")
    if _BELOW_ZERO.match(text, 0, match.start("num1") + 1):
        raise ValueError("a figure below zero")
    if not 0 <= number < 1e15:  # (infinity too)
        raise ValueError("a figure past any number")
    return number, _currency(match, 1)


_EXPONENT = lazy_compile(r"\s*[-+]?\d+(?:\.\d+)?[eE][-+]?\d+\s*")
# a minus before the first figure, perhaps after a currency sign: "-5", "- $40", "$-40"
_BELOW_ZERO = lazy_compile(r"\s*(?:[^\w\s]{1,3}\s*)?[-−–]\s*(?:[^\w\s]{1,3}\s*)?\d")
