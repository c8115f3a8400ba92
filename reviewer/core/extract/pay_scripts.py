"""Pay as Chinese, Japanese, Arabic and Hebrew postings write it, for ``salary``.

"¥30,000-¥45,000/月", "月給35万円～50万円", "年収800万円〜1200万円", "15-25K/月",
"25,000 - 35,000 درهم شهريًا", "12,000 ريال قطري", "25,000-32,000 ש"ח לחודש": the currency
a word names after a figure, "万" (ten thousand) and "千" (a thousand) that a figure is
counted in, the marks that join a range ("〜", "至"), the words of a period, of pay and
of sums that are no pay. A yen sign is a yuan's in a Chinese posting and a yen's in a
Japanese one (``posting_yen``).
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass

from reviewer.core.words.other_languages import language_of

# a currency named by a word after the figure ("元", "円", "درهم", "ש"ח"), or before it
# ("人民币 15,000", "RMB 15,000"); a riyal or a dinar with the country's word after it
CURRENCY_WORDS = {
    "元": "CNY", "人民币": "CNY", "人民幣": "CNY", "rmb": "CNY", "円": "JPY",
    "درهم": "AED", "دراهم": "AED", "د.إ": "AED", "ريال": "SAR", "ريال سعودي": "SAR",
    "ر.س": "SAR", "ريال قطري": "QAR", "ريال عماني": "OMR", "جنيه": "EGP", "جنيه مصري": "EGP",
    "ج.م": "EGP", "دينار كويتي": "KWD", "دينار أردني": "JOD", "دينار بحريني": "BHD",
    'ש"ח': "ILS", "ש״ח": "ILS", "שקל": "ILS", "שקלים": "ILS", "شيكل": "ILS",
}
CURRENCY_AFTER = "|".join(re.escape(word).replace(r"\ ", r"\s") for word in
                          sorted(CURRENCY_WORDS, key=len, reverse=True) if word != "rmb")
CURRENCY_BEFORE = r"人民币|人民幣|\brmb\b"
# the words that name one of them, for a quick test before the full pattern
HINTS = ("元", "円", "￥", "人民币", "人民幣", "درهم", "دراهم", "ريال", "جنيه", "دينار",
         'ש"ח', "ש״ח", "שקל", "شيكل")

# what a figure is counted in: "35万" is 350,000, "300千円" 300,000 yen
TIMES = {"万": 10_000, "萬": 10_000, "千": 1000}
TIMES_PATTERN = "万|萬|千"
# what joins the two ends of a range: a wave dash or a tilde ("35万円～50万円"), "至", "到"
JOINS = "~|〜|～|至|到"

# (Arabic writes a period's adverb with an ending, "شهريًا", "شهرياً": the marks after it)
_ENDING = "[اًّ]*"
PERIODS = {
    "hour": r"/\s?(?:小时|小時|時間|时)|每小时|每小時|时薪|時薪|時給|بالساعة|في الساعة|לשעה",
    "day": r"/\s?(?:天|日)|每天|日薪|日給|يومي" + _ENDING + r"|في اليوم|ליום",
    "week": r"/\s?(?:周|週)|每周|每週|周薪|週給|أسبوعي" + _ENDING + r"|في الأسبوع|לשבוע",
    "month": r"/\s?(?:月|个月|個月)|每月|月薪|月給|月収|月给|شهري" + _ENDING
             + r"|في الشهر|بالشهر|לחודש|בחודש",
    "year": r"/\s?年|每年|年薪|年収|年俸|سنوي" + _ENDING + r"|في السنة|بالسنة|לשנה|בשנה",
}
# (a period is a word of pay too, as "per month" is: "¥30,000/月", "درهم شهريًا")
PAY_WORDS = (r"薪|工资|工資|待遇|报酬|報酬|給与|給料|年収|月給|月収|時給|日給|راتب|رواتب|أجر|"
             r"שכר|משכורת|" + "|".join(PERIODS.values()))
# a sum no pay is: a company's capital, its sales, its funding; a hundred million ("億")
NOT_PAY = (r"亿|億|资本|資本|融资|融資|营收|營收|营业额|売上|市值|مليون|مليار|رأس المال|"
           r"מיליון|מיליארד")

# Arabic-Indic and Persian digits, their separators, full-width digits: as Western ones,
# one character for one (a span found in the text so read is the text's own)
_DIGITS = str.maketrans(
    {**{chr(0x660 + i): str(i) for i in range(10)}, **{chr(0x6F0 + i): str(i) for i in range(10)},
     **{chr(0xFF10 + i): str(i) for i in range(10)}, "٬": ",", "٫": "."})


def western_digits(text: str) -> str:
    """``text`` with its digits as Western ones, one character for one."""
    return text if text.isascii() else text.translate(_DIGITS)


@dataclass(slots=True)
class _Posting:
    """The posting whose pay is read (``posting_yen``), and once read, its yen's code."""
    text: str
    code: str | None = None


_POSTING: ContextVar[_Posting | None] = ContextVar("posting_yen", default=None)


@contextlib.contextmanager
def posting_yen(text: str) -> Iterator[None]:
    """Read the pay of the posting ``text`` inside: a yen sign ("¥", "￥") is a yuan's,
    CNY, where the posting is written in Chinese, a yen's, JPY, anywhere else (and
    outside). The text is read for it at the first yen sign (few postings have one)."""
    token = _POSTING.set(_Posting(text))
    try:
        yield
    finally:
        _POSTING.reset(token)


def posting_text() -> str:
    """The text of the posting read (``posting_yen``); empty outside."""
    posting = _POSTING.get()
    return "" if posting is None else posting.text


def yen_code() -> str:
    """The currency a yen sign names in the posting read (``posting_yen``)."""
    posting = _POSTING.get()
    if posting is None:
        return "JPY"
    if posting.code is None:
        posting.code = "CNY" if language_of(posting.text) == "zh" else "JPY"
    return posting.code
