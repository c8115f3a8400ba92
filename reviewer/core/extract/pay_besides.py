"""Sums a posting pays besides the pay, or asks for, and what some earn: "a $5,000
sign-on bonus", "Housing stipend of $2,000", "an additional $1.00/hr shift differential",
"a $25 application fee", "servers average $25–$35/hr with tips", "our top
representatives make over $350K/ year"; nor is what a business makes, a sum in millions
or billions or one in sales ("a division of $900M in net sales", "$4.2B in revenue").
None of them is the salary.

A sum besides the pay is named by the noun right after it or right before it in its
clause. A stipend or an allowance is one only with what it is for ("housing stipend",
"research allowance"): "Stipend: $18,500" is a graduate's pay. What some earn "with tips"
is what a server takes home, not the wage ("Wage: $12/hr with tips", "$2.13/hr plus tips"
are the wage). A sum whose clause names a cost last ("Staff housing: $400/month",
"Parking on site: $25/day") is a cost, not pay; not one that "and", "plus" or "with"
right before it joins to the cost ("Free staff housing and $18.50/hour"). A sum right
after a pay line's label ("Salary: $95,000 annual bonus eligible") is the pay, whatever
follows it.
"""

from __future__ import annotations

from reviewer.core.words.regex import lazy_compile

_ALWAYS = (r"(?:bonus(?:es)?|differentials?|reimbursements?|fees?|premiums?|commissions?|"
           r"deposits?|deductions?|tuition(?: assistance)?)")
_FOR = (r"(?:housing|travel|relocation|moving|meal|food|lunch|phone|mobile|cell|internet|"
        r"wellness|wellbeing|well-being|learning|education(?:al)?|training|development|"
        r"equipment|home[- ]office|commuter|commuting|transit|transport(?:ation)?|parking|"
        r"gym|fitness|book|research|conference|childcare|uniform|tool|car|vehicle|clothing)")
_NOUN = rf"(?:{_ALWAYS}|{_FOR}\s+(?:stipends?|allowances?|budgets?|packages?|subsid(?:y|ies)))"
_PERIOD = (r"(?:(?:/\s?|per\s|an?\s)(?:hour|hr|day|week|wk|month|mo|year|yr|annum)\b|"
           r"hourly|daily|weekly|monthly|yearly|annually)")
# after the sum: its period, then up to two words before the noun ("$5,000 sign-on
# bonus", "$1.00/hr shift differential"), but no word that joins another thing to it
# ("$60,000 plus bonus", "$60,000 a year and a bonus")
_AFTER = lazy_compile(
    rf"(?i)\s*(?:{_PERIOD}\s*)?(?:(?!(?:plus|and|with|or|per|includ\w*|incl)\b)[\w-]+\s+){{0,2}}"
    rf"{_NOUN}\b")
# before the sum, at the end of its clause: "Housing stipend of $2,000", "Sign-on bonus:
# $5,000", "Tuition reimbursement up to $5,250", "Night shift differential of $4.50/hr",
# "Bonus pay: $500 per month"
_BEFORE = lazy_compile(
    rf"(?i)\b(?:{_NOUN}|(?:bonus(?:es)?|differentials?)\s+pay)\s*(?:of|:|-|–|is|=|worth)?"
    r"\s*(?:of\s+)?(?:up to\s+)?(?:an?\s+)?$")
# tips themselves, or earnings with them: "$900 a week in tips", "$30/hr including tips"
# ("with" or "after" tips only after a word of earning: "servers earn $25/hr with tips")
# (each space of a run is read by one piece only: three pieces in a row made a long run
# of spaces take minutes)
_TIPS = lazy_compile(rf"(?i)\s*(?:{_PERIOD}\s*)?(?:,\s*)?(?:(?P<with>with|after)|including|"
                     r"incl\.?|in)\s+(?:tips|gratuities)\b")
_EARN = lazy_compile(r"(?i)\b(?:earn\w*|make|makes|making|takes? home)\b")
# what some earn, not what the job pays: "servers average $25/hr", "Average base salary
# $80,000", "our top representatives make over $350K/ year"
# (the word names the sum only with no other figure and no comma between: "average 38
# hours per week at $22/hr", "above the local average, $19 - $22 per hour" are pay)
_CLAIM = lazy_compile(r"(?i)(?:\baverag\w*\b|\btop (?:\w+ ){0,2}(?:make|makes|earn|earns|"
                      r"earners|producers|performers)\b)[^\d,]*$")
# a cost, or a word of pay, the last one said before the sum in its clause names it
_COST_OR_PAY = lazy_compile(
    r"(?i)\b(?:(?P<cost>housing|rent|parking|child ?care|fees?|deposits?|costs?|charges?|"
    r"deductions?|meals?|uniforms?|dues)|salary|pay|paid|wages?|rate|compensation|"
    r"earn\w*|remuneration|income|ote)\b")
# a pay line's label right before the sum: "Salary: ", "Hourly Pay: ", "Pay (USD): "
_PAY_LABEL = lazy_compile(r"(?i)\b(?:salary|pay|wages?|rate|compensation|remuneration|ote)"
                          r"(?:\s+range)?\s*(?:\([^()\n]{0,12}\)\s*)?:\s*$")
# a word that joins the sum right after it to what was said before: a cost said before
# it is not the sum's ("Free staff housing and $18.50/hour"; not "Rent and utilities
# are $400/month")
_JOINED = lazy_compile(r"(?i)(?:\b(?:and|plus|with)\b|[&+])\s*(?:an?\s+|only\s+)?$")
_NOUN_LAST = lazy_compile(rf"(?i)\b{_NOUN}\s*$")
# a sum after a pay label that names what else it is ("$500 sign-on bonus after 90 days",
# "$4.50/hr night shift differential"), not the pay with a bonus it may earn besides
# ("$95,000 annual bonus eligible", "… annual performance bonus potential"), the pay of
# its kind ("$42.00/hr premium pay for weekends") or before the next label ("… per hour
# Night differential: $2/hr")
_NAMED_BESIDES = lazy_compile(
    rf"{_AFTER.pattern}(?!\s*:|\s+(?:pay|eligib\w*|potential|opportunit\w*|target|plan|"
    r"program)\b)")
# a pay named with what is paid besides it: "Base Salary + Commission: $60,000"
_PAY_AND = lazy_compile(r"(?i)\b(?:salary|pay|wages?)\s*(?:\+|&|/|and|plus)\s*$")
# a business's sum: in millions or billions ("$900M", "£3m", "$1.5MM", "$4.2bn"; a letter
# alone right after the figure: "$18 M-F" is a wage on weekdays), or in sales, revenue
# or funding ("$120 in sales per customer")
_BUSINESS = lazy_compile(
    r"(?:[mMB]|\s?(?i:mm|bn|mn|million|billion|trillion))\b|(?i:\s*in\s+(?:\w+\s+)?"
    r"(?:sales|revenues?|funding|turnover|assets|bookings|gmv|arr)\b)")
_CLAUSE_END = lazy_compile(r"[.;!?|\n]\s|\n")


def besides_pay(text: str, start: int, end: int, labelled: bool = False) -> bool:
    """Is the sum written at ``start``-``end`` of ``text`` one paid besides the pay (a
    bonus, a housing stipend, a shift differential, earnings with tips), a fee or a
    cost, or a business's (in millions, in sales)? ``labelled``: ``text`` is the value
    of a pay line's label, which a sum opening it follows."""
    if _BUSINESS.match(text, end):
        return True
    begin = max(0, start - 60)
    for stop in _CLAUSE_END.finditer(text, begin, start):
        begin = stop.end()
    label = _PAY_LABEL.search(text, begin, start)
    if ((label is not None and not _NOUN_LAST.search(text, begin, label.start())) or
            (labelled and not text[:start].strip())) and not _NAMED_BESIDES.match(text, end):
        return False  # "Salary: $95,000 annual bonus eligible" (not "Bonus pay: $500",
        # nor "Pay: $500 sign-on bonus after 90 days")
    tips = _TIPS.match(text, end)
    if _AFTER.match(text, end) or (tips is not None and (
            not tips.group("with") or _EARN.search(text, begin, start))):
        return True
    before = _BEFORE.search(text, begin, start)
    if before is not None and not _PAY_AND.search(text, begin, before.start()):
        return True
    named = list(_COST_OR_PAY.finditer(text, begin, start))
    if named and named[-1].group("cost") is not None and \
            not _JOINED.search(text, named[-1].end(), start):
        return True  # ("Staff housing: $400/month", not "Free staff housing and $18.50/hr")
    return _CLAIM.search(text, begin, start) is not None
