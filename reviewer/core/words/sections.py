"""Section headings and the list field each announces ("Requirements",
"What we offer", "Minimum Qualifications:"), for the cleaner, which makes them
headings, and the extractor, which reads the items under them.
"""

from __future__ import annotations

import functools
import re

from reviewer.core.words import european, other_languages
from reviewer.core.words.regex import lazy_compile

# Section headings, mapped to the list field their items feed (None: a section we
# recognise as part of the posting but whose items are no field of ours).
SECTION_HEADINGS: dict[str, str | None] = {}


def _sections(field: str | None, *phrases: str) -> None:
    for phrase in phrases:
        SECTION_HEADINGS[phrase] = field


_sections(
    "responsibilities",
    "responsibilities", "job responsibilities", "key responsibilities", "main responsibilities",
    "your responsibilities", "duties", "job duties", "duties and responsibilities",
    "roles and responsibilities", "responsibilities and duties", "what you'll do",
    "what you will do", "what you'll be doing", "what you will be doing", "the role",
    "your role", "in this role", "in this role you will", "your mission", "your tasks", "tasks",
    "what you'll work on", "what you will work on", "day to day", "a typical day",
    "the job", "job functions", "essential functions", "essential duties",
    "essential duties and responsibilities", "position responsibilities", "main duties",
    "additional responsibilities", "what we need you to do", "you will", "as a member",
)
_sections(
    "required_qualifications",
    "qualifications", "required qualifications", "minimum qualifications", "basic qualifications",
    "key qualifications", "requirements", "job requirements", "minimum requirements",
    "what you'll need", "what you will need", "what you need", "what we're looking for",
    "what we are looking for", "who you are", "about you", "you have", "you are", "you",
    "skills and experience", "skills & experience", "experience and skills", "required skills",
    "skills", "your profile", "profile", "your skills", "what you bring", "what you'll bring",
    "must have", "must haves", "must-have", "essential skills", "knowledge, skills and abilities",
    "qualifications and experience", "experience", "competencies", "candidate profile",
    "ideal candidate", "the ideal candidate", "who we're looking for", "we're looking for",
    "we are looking for", "what we care about", "requirements and qualifications",
    "skills and qualifications", "required experience", "selection criteria",
    "essential", "essential criteria", "essential requirements", "essential qualifications",
    "eligibility", "credentials", "conditions of employment",
)
_sections(
    "preferred_qualifications",
    "preferred qualifications", "preferred", "desired qualifications", "desired qualification",
    "desired skills", "preferred skills", "nice to have", "nice-to-have", "nice to haves",
    "bonus points", "bonus", "pluses", "plus", "it's a plus", "would be a plus",
    "additional requirements", "additional qualifications", "desirable", "desirable skills",
    "preferred experience", "extra credit", "good to have", "ideally you have",
    "desirable criteria", "desirable requirements", "desirable qualifications",
)
_sections(
    "benefits",
    "benefits", "perks", "benefits and perks", "perks and benefits", "benefits & perks",
    "perks & benefits", "what we offer", "we offer", "what's in it for you", "why join us",
    "why work with us", "why you'll love working here", "compensation and benefits",
    "compensation & benefits", "pay & benefits", "pay and benefits", "our offer",
    "what you'll get", "what you get", "rewards", "total rewards", "remuneration",
    "remuneration/ salary", "salary and benefits", "the perks",
    "what is offered", "what's offered", "what we provide", "in return", "what you get in return",
    "what you'll get in return", "why work for us", "salary & benefits", "employee benefits",
    "benefits include", "the benefits", "what's on offer", "what we can offer you",
)
_sections(
    None,
    "description", "job description", "summary", "job summary", "overview", "about the role",
    "about the job", "about the position", "position summary", "role summary", "about us",
    "about the company", "about company", "who we are", "our company", "the company",
    "about the team", "the team", "our team", "education", "education & experience",
    "education and experience", "how to apply", "application procedures", "to apply",
    "additional information", "additional notes", "other information", "our technology",
    "our technology stack", "tech stack", "our stack", "technology stack", "equal opportunity",
    "equal opportunity employer", "equal employment opportunity",
    "location", "apply", "contact", "about", "about this role", "about this job",
    "the opportunity", "opportunity", "company description", "position description",
    "detail description", "open to/ eligibility criteria", "start date", "duration",
)
SECTION_HEADINGS.update(other_languages.HEADINGS)  # the German, French and Spanish ones
for _field, _phrases in european.SECTION_HEADINGS.items():  # the Nordic, Dutch, Polish, …
    _sections(_field, *_phrases)


def heading_key(text: str) -> str:
    """The lookup form of a heading: lower case, no markup, no trailing colon (nor a
    full-width one), none of the brackets and signs Chinese and Japanese headings are
    written in ("【仕事内容】", "■応募資格", "岗位职责：")."""
    key = text.strip().lower().replace("’", "'").replace("`", "'")
    key = key.lstrip("#* \t>-•" + other_languages.HEADING_OPENERS)
    key = key.rstrip("*: \t.!" + other_languages.HEADING_CLOSERS)
    return " ".join(key.split())


# Words that are no employer's name after "Why": "Why Now", "Why This Matters", "Why
# 2025", "Why It Matters" say why the job or the moment counts, not what is given.
_NOT_A_NAME = (r"this|that|these|those|the|a|an|we|it|its|it's|you|your|our|they|is|are|do|"
               r"does|did|apply|now|today|tonight|tomorrow|soon|then|here|there|matters?|"
               r"important|not|so|care|should|would|bother|wait|time|moment|year|years|month|"
               r"quarter|season|summer|winter|spring|autumn|fall|week|role|job|position|"
               r"mission|problem|product|\d+")


# Headings not in the table, read by their key words; the first rule that matches wins.
_HEADING_WORDS: tuple[tuple[re.Pattern[str], str | None], ...] = tuple(
    (lazy_compile(p), field)
    for p, field in (
        (r"\bprefer|nice[- ]to[- ]have|\bbonus|\bdesir|\bplus(es)?\b|\bideally\b",
         "preferred_qualifications"),
        # ("Why Maplewood", "Why us": what the employer gives; not "Why this role")
        (r"\bbenefits?\b|\bperks\b|\bwhat we offer|\bwe offer\b|\brewards?\b|"
         r"\bwhy (join|work)|in it for you|\boffered\b|\bon offer\b|\bin return\b|"
         r"^why (?!(?:" + _NOT_A_NAME + r")\b)[\w'&.-]+(?: (?!(?:" + _NOT_A_NAME + r")\b)"
         r"[\w'&.-]+)?$",
         "benefits"),
        (r"\bresponsibilit|\bduties\b|\bwhat you('ll| will) (do|be doing|work on)|"
         r"\bday[- ]to[- ]day\b|\btasks\b|\byour (role|mission|impact)\b", "responsibilities"),
        # (a fact's label that ends in "required", "Travel Required", "Overtime
        # Required", heads no requirements; "Education Required", "Licence Required" do)
        (r"^required$|\brequire(?!d$)|\b(?:education|degrees?|certifications?|licen[cs]es?|"
         r"credentials|training) required$|"
         r"\bqualifications?\b|\bskills\b|\bexperience\b|\bwho you are\b|"
         r"\bwhat you (bring|need|have)|\bprofile\b|\bmust[- ]haves?\b|\blooking for\b|"
         r"\babout you\b|\bcompetenc", "required_qualifications"),
        # "Travel Required", "US Citizenship Required": a heading of the page over a
        # fact, heading no list of ours ("Highschool Diploma or Equivalent required" is
        # a requirement's sentence)
        (r"^(?:[\w-]+ ){1,2}required$", None),
    )
)


# A line that leads into the list of what is asked, whatever its case ("Volunteers must:",
# "Need someone who:", "To be successful you will have"): its words end where the items'
# begin.
_LEAD_IN = lazy_compile(
    r"(?:^|\b)(?:to be successful(?: in (?:this|the) (?:role|position|job))?,? you(?:'ll| will)? "
    r"(?:need|have|be|bring)|(?:someone|a person|an? individual|people|candidates?) who|"
    r"(?:you|candidates?|applicants?|volunteers?|participants?|the (?:successful )?"
    r"(?:candidate|applicant)s?) (?:must|should|will need to)(?: (?:have|be|hold|possess|"
    r"meet))?(?: the following)?)$")


# A heading about the employer, its people or its places ("Our values", "Where we work",
# "Offices"): under a list section, a subject of its own, not more of the section's list.
_OTHER_SUBJECT = lazy_compile(
    r"^(?:about|who we are|where we (?:work|are)|life at|working at|meet)\b|"
    r"\b(?:values|culture|mission|story|history|offices?|locations?|teams?|company|"
    r"headquarters|hq|investors|customers|clients|products?)$")


def names_another_subject(text: str) -> bool:
    """Does a heading name a subject of its own ("Our offices", "About Acme", "Where
    we work") rather than a part of the section it sits in?"""
    return bool(_OTHER_SUBJECT.search(heading_key(text)))

_ABOUT_APPLYING = lazy_compile(r"\b(?:apply|applying|applications?|submit\w*|send|include)\b")
_ABOUT_THE_WORK = lazy_compile(
    r"\b(?:in|for) (?:this|the) (?:role|position|job)\b.*\byou(?:'ll| will) need to$")


def looks_like_heading(text: str) -> bool:
    """Short, no closing stop, capitalised like a heading ("Required Skills:")."""
    text = text.strip()
    words = text.rstrip(":").split()
    if not 0 < len(words) <= 7 or text.endswith((".", ",", ";", "?", "!")) or \
            not text[:1].isupper():
        return False
    if text.endswith(":") or text.isupper():
        return True
    long = [w for w in words if len(w) > 3]
    return sum(w[:1].isupper() for w in long) >= max(1, len(long) * 0.6)


_LEADING_WORDS = ("the ", "our ", "your ", "key ", "main ", "job ", "position ")


@functools.lru_cache(maxsize=65536)
def section_field(text: str, loose: bool = True) -> tuple[bool, str | None]:
    """(is a known section heading, the list field it feeds).

    ``loose``: also read headings outside the table by their key words; for a line
    of a text dump, only when it looks like a heading."""
    key = heading_key(text)
    if key in SECTION_HEADINGS:
        return True, SECTION_HEADINGS[key]
    # "Minimum Qualifications:" style variants with a leading word or two
    if key.startswith(_LEADING_WORDS):
        for prefix in _LEADING_WORDS:
            if key.startswith(prefix) and key[len(prefix):] in SECTION_HEADINGS:
                return True, SECTION_HEADINGS[key[len(prefix):]]
    if len(key.split()) <= 10 and _LEAD_IN.search(key):
        if _ABOUT_APPLYING.search(key):  # "To apply, candidates must:": steps, not needs
            return True, None
        if _ABOUT_THE_WORK.search(key):  # "In this role, you will need to:": the duties
            return True, "responsibilities"
        return True, "required_qualifications"
    if (loose or looks_like_heading(text)) and 0 < len(key.split()) <= 7 and \
            not key.endswith(("?", ".")):
        for pattern, field in _HEADING_WORDS:
            if pattern.search(key):
                return True, field
    return False, None
