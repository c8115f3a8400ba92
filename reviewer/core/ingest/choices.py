"""The words a data file's cells use for the choices of schema v1, as ``values`` reads
them: a cell's key (lower case, letters and digits alone) to the choice it names.

``FULL_TIME``, ``Full-time`` and ``fulltime`` are one key; schema.org's
``employmentType`` (``CONTRACTOR``, ``INTERN``) and ``jobLocationType``
(``TELECOMMUTE``) are read; so are booleans for remote work, where true is ``remote``
and false says only that the work is not all remote (``onsite`` or ``hybrid``: no
value). A word with no entry (``VOLUNTEER``, ``Mid-Senior level``) is no choice: the
cell is left out and reported, not guessed.
"""

from __future__ import annotations

EMPTY = frozenset({"", "nan", "none", "null", "n/a", "na", "-", "—", "notapplicable",
                   "unknown", "unspecified", "notspecified"})
"""Keys of cells that hold no value (blank, ``NaN``, ``N/A``): no value, no problem."""

CHOICES: dict[str, dict[str, str]] = {
    "employment_type": {
        **dict.fromkeys(("fulltime", "full", "ft", "fulltimeemployee"), "full_time"),
        **dict.fromkeys(("parttime", "part", "pt", "parttimeemployee"), "part_time"),
        **dict.fromkeys(("contract", "contractor", "contracttohire", "freelance",
                         "freelancer", "contractual"), "contract"),
        **dict.fromkeys(("temporary", "temp", "seasonal"), "temporary"),
        **dict.fromkeys(("intern", "internship"), "internship")},
    "remote": {
        **dict.fromkeys(("remote", "fullyremote", "remoteok", "remoteonly", "100remote",
                         "telecommute", "wfh", "workfromhome", "true", "yes", "y", "t",
                         "1"), "remote"),
        **dict.fromkeys(("hybrid", "partlyremote", "partiallyremote", "hybridremote"),
                        "hybrid"),
        **dict.fromkeys(("onsite", "inoffice", "office", "inperson", "onpremise",
                         "onpremises", "officebased"), "onsite"),
        **dict.fromkeys(("false", "no", "n", "f", "0"), "")},  # not remote: onsite or hybrid
    "seniority": {
        **dict.fromkeys(("intern", "internship"), "intern"),
        **dict.fromkeys(("entry", "entrylevel", "junior", "jr", "graduate", "newgrad"),
                        "junior"),
        **dict.fromkeys(("mid", "midlevel", "intermediate", "middle"), "mid"),
        **dict.fromkeys(("senior", "sr", "seniorlevel"), "senior"),
        **dict.fromkeys(("lead", "teamlead", "techlead"), "lead"),
        "principal": "principal", "manager": "manager", "director": "director",
        **dict.fromkeys(("executive", "exec", "clevel", "csuite"), "executive")},
    "education": {
        **dict.fromkeys(("highschool", "hs", "ged", "highschooldiploma", "secondary"),
                        "high_school"),
        **dict.fromkeys(("associate", "associates", "associatedegree", "associatesdegree"),
                        "associate"),
        **dict.fromkeys(("bachelor", "bachelors", "bachelorsdegree", "bachelordegree", "ba",
                         "bs", "bsc", "undergraduate"), "bachelor"),
        **dict.fromkeys(("master", "masters", "mastersdegree", "masterdegree", "ma", "ms",
                         "msc", "mba"), "master"),
        **dict.fromkeys(("doctorate", "phd", "doctoral", "doctoraldegree"), "doctorate")},
    "period": {
        **dict.fromkeys(("hour", "hourly", "hr", "hrs", "h", "perhour", "anhour"), "hour"),
        **dict.fromkeys(("day", "daily", "perday", "aday"), "day"),
        **dict.fromkeys(("week", "weekly", "wk", "perweek", "aweek"), "week"),
        **dict.fromkeys(("month", "monthly", "mo", "mth", "permonth", "amonth"), "month"),
        **dict.fromkeys(("year", "yearly", "annual", "annually", "yr", "peryear", "perannum",
                         "annum", "pa", "ayear"), "year")},
}
SYMBOLS = {"$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR",
            "c$": "CAD", "ca$": "CAD", "a$": "AUD", "au$": "AUD", "chf": "CHF"}
