"""The dollar a bare "$" stands for: the US dollar, unless a code after the sum names
another ("$38.50 hourly (CAD)"), superannuation beside it says Australia's ("$145,000 +
11.5% super"), or every place of the posting is in one other country of dollars (Canada,
Australia, New Zealand, Singapore, Hong Kong) or of pesos, which write their sums with
the sign too (Mexico, Argentina, Chile, Colombia, Uruguay: "Sueldo: $18.000 mensuales";
in a posting clearly written in English only where the sum says it is pesos, "$35,000
pesos", "$3.500.000": an English one from Buenos Aires pays in US dollars), and the
posting says nothing else of its dollar: a code of a dollar beside a sum or in brackets
anywhere ("Pay (USD):", "paid in USD", "CAD 130,000"), a dollar named
in words ("US dollars"), or work in the US ("remote for candidates in the US") leave the
sign as the pay reader read it.

A place counts only where it ends with its country ("Auckland, New Zealand",
"Singapore") or with a region after a city ("Fort McMurray, AB", "Melbourne, VIC"), a
region's code in capitals. A name of two countries' regions ("WA": Washington or Western
Australia; "NT"), a city alone ("Toronto", "Victoria") and a place of any other country
leave the sign as the pay reader read it.
"""

from __future__ import annotations

from typing import Any

from reviewer.core.schema import Finding
from reviewer.core.words.other_languages import clearly_english
from reviewer.core.words.regex import lazy_compile

_COUNTRIES = {
    "CAD": "canada", "AUD": "australia", "NZD": "new zealand|aotearoa", "SGD": "singapore",
    "HKD": "hong kong|hong kong sar", "MXN": "mexico|méxico", "ARS": "argentina",
    "CLP": "chile", "COP": "colombia", "UYU": "uruguay",
}
_REGIONS = {
    "CAD": "ontario|quebec|québec|british columbia|alberta|manitoba|saskatchewan|nova scotia|"
           "new brunswick|newfoundland|newfoundland and labrador|prince edward island|yukon|"
           "nunavut|northwest territories|ON|QC|BC|AB|MB|SK|NS|NB|NL|PE|PEI|YT|NU",
    "AUD": "new south wales|victoria|queensland|tasmania|western australia|south australia|"
           "northern territory|australian capital territory|NSW|VIC|QLD|TAS|ACT",
}
_PARTS = lazy_compile(r"[,;()/|]|\s[-–—]\s")
_WORK_MODE = lazy_compile(r"(?i)(?:fully |100% )?(?:remote|hybrid|on-?site|in[- ]office|wfh)")
# a postal code after the region or country: "Alberta T2P 1J9", "VIC 3000", "Singapore 018956"
_POSTCODE = lazy_compile(r"\s+(?:[A-Z]\d[A-Z]\s?\d[A-Z]\d|\d{4,6})$")
# a sum written as US dollars, not with a bare sign
_US = lazy_compile(r"(?i)\b(?:us|usd)\s?\$|\busd\b|u\.s\.|dollars?")
# a code right after a sum, its period or a bracket between or none: "$38.50 hourly (CAD)"
# (not past another code or bracket: "$100,000 (US) / CAD 130,000")
_CODE_AFTER = lazy_compile(r"(?:(?!\bUS\b)[^\d.;|\n$()\[\]/]){0,24}?[(\[]?\s*"
                           r"\b(USD|CAD|AUD|NZD|SGD|HKD|MXN|ARS|CLP|COP|UYU)\b")
# what a posting says of its dollar anywhere: a code of a dollar by a figure, a sign or a
# bracket, or after "in" ("Pay (USD):", "paid in USD", "CAD 130,000"); a dollar in words
# ("US dollars"); work in the US ("remote for candidates in the US", "US-based")
_DOLLARS = r"(?:USD|CAD|AUD|NZD|SGD|HKD|MXN|ARS|CLP|COP|UYU)"
# the dollars named in words ("Canadian dollars", "US dollars")
_DOLLAR_NAMES = r"(?:us|u\.s\.|american|canadian|australian|singapore|hong kong|new zealand)"
_DOLLAR_SAID = lazy_compile(
    rf"[\d$(\[][^\S\n]{{0,3}}{_DOLLARS}\b|\b{_DOLLARS}[^\S\n]{{0,3}}[\d$]|"
    rf"\b(?i:in)\s+{_DOLLARS}\b|"
    rf"(?i:\b{_DOLLAR_NAMES}\s+dollars?\b)|"
    r"\bin the (?:US|U\.S\.?|USA|United States)\b|\b(?:US|USA|U\.S\.)[- ](?i:based|only)\b|"
    r"(?i:remote)\b[^.\n]{0,40}\b(?:US|USA|U\.S\.|United States)\b")
# superannuation, which Australian pay is quoted beside: "+ 11.5% super", "plus super",
# "+ superannuation"; "super" alone only with no word after it ("+ super friendly team")
_SUPER = lazy_compile(r"(?i)[^\d+\n]{0,12}?(?:\+|\bplus\b|\bincl?\.?|\bincluding\b)\s*"
                      r"(?:\d+(?:\.\d+)?\s?%\s*super\b|superannuation\b|"
                      r"super\b(?![^\S\n]*[\w(]))")


# a dollar named in words right after a sum: "$60,000 Canadian dollars"
_NAMED_AFTER = lazy_compile(r"(?i)\s*(canadian|australian|new zealand|singapore|hong kong|"
                            r"us|u\.s\.|american) dollars?\b")
_NAMES = {"canadian": "CAD", "australian": "AUD", "new zealand": "NZD", "singapore": "SGD",
          "hong kong": "HKD"}
_PESOS = frozenset("MXN ARS CLP COP UYU".split())
# a sum that says it is in pesos: by the word ("$35,000 - $45,000 pesos per month") or by
# thousands grouped with dots as no US sum is ("$3.500.000", "$850.000")
_PESO_SAID = lazy_compile(r"(?i)[^\n$]{0,12}\$\s?(?:\d{1,3}(?:\.\d{3})+(?![.,]?\d)|"
                          r"[^\n]{0,30}?\d\s*(?:mxn\s*)?pesos?\b)")


def dollar_said_after(text: str, end: int) -> str | None:
    """The dollar the words after a sum in "$" (ending at ``end``) name, if any."""
    if named := _NAMED_AFTER.match(text, end):
        return _NAMES.get(named.group(1).lower(), "USD")
    code = _CODE_AFTER.match(text, end)
    return code.group(1) if code else "AUD" if _SUPER.match(text, end) else None


def _named(table: dict[str, str], part: str) -> str | None:
    """The dollar of the name ``part`` in ``table`` (a code only in capitals: "ON", not "on")."""
    key = part if part.isupper() and len(part) <= 3 else part.lower()
    return next((dollar for dollar, names in table.items() if key in names.split("|")), None)


def place_dollar(place: str) -> str | None:
    """The dollar of the country ``place`` is in, where it names a country of dollars
    other than the US surely; None for any other place, or an unsure one."""
    parts = [p for p in (p.strip() for p in _PARTS.split(place))
             if p and not _WORK_MODE.fullmatch(p)]
    if not parts:
        return None
    last = _POSTCODE.sub("", parts[-1])
    return _named(_COUNTRIES, last) or (_named(_REGIONS, last) if len(parts) > 1 else None)


def places_dollar(places: Any) -> str | None:
    """The one dollar of all of ``places`` (a locations value), or None."""
    if not isinstance(places, list) or not places:
        return None
    dollars = {place_dollar(p) if isinstance(p, str) else None for p in places}
    return dollars.pop() if len(dollars) == 1 else None


# a dollar the posting names for all its figures, in words or as "in CAD", by its code
_IN_WORDS = lazy_compile(
    rf"(?i)\b(?:in\s+(?P<code>{_DOLLARS})\b|(?P<name>{_DOLLAR_NAMES})\s+dollars?\b)")
_NAMED = {"canadian": "CAD", "australian": "AUD", "singapore": "SGD", "hong kong": "HKD",
          "new zealand": "NZD"}


def _dollars_said(markdown: str) -> set[str]:
    """The dollars the posting says its figures are in: the code it names in words for
    all of them ("All figures are in Canadian dollars", "in CAD"); "?" for any other
    word of a dollar (a code by a figure, the US dollar, work in the US), which leaves
    a bare "$" as written."""
    said: set[str] = set()
    for found in _DOLLAR_SAID.finditer(markdown):
        words = _IN_WORDS.fullmatch(found.group().strip())
        code = words and (words["code"] or _NAMED.get(words["name"].lower()))
        said.add(code or "?")
    return said


def dollar_of_places(markdown: str, salary: Finding, places: Finding | None) -> None:
    """Give ``salary`` (a finding of the pay reader, in US dollars) the dollar of the
    posting's ``places`` where its evidence writes the sum with a bare "$"."""
    dollar = places_dollar(places.value) if places is not None else None
    value = salary.value
    if dollar is None or not isinstance(value, dict) or value.get("currency") != "USD" or \
            salary.stage in ("json-ld", "microdata") or not salary.spans or \
            _dollars_said(markdown) - {dollar}:
        return
    said = [markdown[start:end] for start, end in salary.spans]
    if dollar in _PESOS and clearly_english(markdown) and \
            not any(_PESO_SAID.match(markdown, start) for start, _ in salary.spans):
        return  # (an English posting from Latin America quotes US dollars)
    if all("$" in text and not _US.search(text) for text in said):
        salary.value = {**value, "currency": dollar}

