"""Word lists the cleaner and the extractor share.

Each list is general: the words and phrases career sites and job boards use,
never something keyed to one site. The section headings live in ``sections``; their
names are here too, where the other stages have always found them.
"""

from __future__ import annotations

import functools
import re

from reviewer.core.words import other_languages
from reviewer.core.words.regex import edge_words, fold_case, lazy_compile
from reviewer.core.words.sections import SECTION_HEADINGS as SECTION_HEADINGS
from reviewer.core.words.sections import heading_key as heading_key
from reviewer.core.words.sections import looks_like_heading as looks_like_heading
from reviewer.core.words.sections import section_field as section_field

# Words that make a short line read like a job title.
_JOB_NOUN_WORDS = (
    "engineer|developer|programmer|manager|scientist|analyst|designer|specialist|director|"
    "officer|assistant|intern|internship|consultant|architect|administrator|coordinator|"
    "representative|technician|accountant|nurse|teacher|instructor|writer|editor|researcher|"
    "associate|executive|head of|chief|lead|advisor|adviser|expert|operator|driver|clerk|"
    "secretary|receptionist|translator|interpreter|auditor|economist|lawyer|attorney|counsel|"
    "salesman|saleswoman|salesperson|cashier|accountant|agent|officer|supervisor|foreman|"
    "mechanic|electrician|physician|doctor|pharmacist|therapist|psychologist|trainer|tutor|"
    "professor|lecturer|fellow|chauffeur|guard|cook|chef|waiter|waitress|bartender|"
    "recruiter|owner|president|vp|cto|ceo|cfo|coo|devops|sre|tester|"
    "statistician|mathematician|physicist|chemist|biologist|librarian|strategist|"
    "marketer|buyer|planner|controller|treasurer|bookkeeper|liaison|promoter|volunteer|"
    "barista|plumber|cleaner|carpenter|dentist|paramedic|sommelier|solicitor|copywriter|"
    "welder|baker|butcher|housekeeper|janitor|caretaker|gardener|hairdresser|stylist|"
    "labourer|laborer|bricklayer|roofer|plasterer|electrician|surveyor|optician|veterinarian|"
    "midwife|caregiver|carer|nanny|machinist|dispatcher|paralegal|hygienist|radiographer|"
    "sonographer|phlebotomist|technologist|locksmith|courier"
).split("|")
JOB_NOUNS = lazy_compile(r"\b(" + "|".join(_JOB_NOUN_WORDS) + r")s?\b", re.I)
# a word that is one of them, in the singular: ``fold_case(word) in JOB_NOUN_WORDS``
JOB_NOUN_WORDS = frozenset(_JOB_NOUN_WORDS)
# the same words on a folded text (``fold_case``), written to be skipped to: 4x as fast
_JOB_NOUNS_FOLDED = lazy_compile("(" + edge_words(_JOB_NOUN_WORDS) + r")s?\b")


# the same of German, French and Spanish titles, with their plural and feminine endings
# ("ingeniero", "ingeniera": a Spanish noun in -o is feminine in -a)
_OTHER_JOB_NOUNS = frozenset(
    [word + end for word in other_languages.JOB_NOUNS
     for end in ("", "s", "e", "es", "a", "as", "in", "innen")]
    + [word[:-1] + end for word in other_languages.JOB_NOUNS if word.endswith("o")
       for end in ("a", "as")])
_COMPOUND_ENDS = tuple(word + end for word in other_languages.COMPOUND_NOUNS
                       for end in ("", "in", "innen"))
_GENDER_MARK = lazy_compile(other_languages.GENDER_MARK)
_SCRIPT_JOB_NOUN = lazy_compile(other_languages.SCRIPT_JOB_NOUN)
_WORD = lazy_compile(r"[^\W\d_]{4,}")


def has_job_noun(text: str) -> bool:
    """``JOB_NOUNS.search(text) is not None``, at a quarter of the cost, or
    ``other_job_noun(text)``."""
    low = fold_case(text)
    return _JOB_NOUNS_FOLDED.search(low) is not None or other_job_noun(low)


def other_job_noun(text: str) -> bool:
    """Does ``text`` hold a job noun of a German, French or Spanish title, or the
    genders a title there is open to ("(m/w/d)", "Ingeniero/a"); or one of a Chinese,
    Japanese, Arabic or Hebrew title ("工程师", "مهندس")?"""
    low = fold_case(text)
    if ("(" in low or "/" in low) and _GENDER_MARK.search(low):
        return True
    if not low.isascii() and _SCRIPT_JOB_NOUN.search(low):
        return True
    return any(word in _OTHER_JOB_NOUNS or word.endswith(_COMPOUND_ENDS)
               for word in _WORD.findall(low))


# What a site's prompt to sign in goes on with: an action of the site ("Sign in to apply"),
# an account or a way in ("… with Google", "… for Dropbox", "… or create an account").
# Signing in followed by an object of its own is a duty ("Log in to production servers
# and monitor alerts", "Sign up new customers"), no prompt: the object is a word none of
# these, and another word follows it ("Sign in to LinkedIn", its name alone, is a prompt).
_SIGN_IN_ACTIONS = (
    "apply|save|view|see|continue|create|access|get|track|follow|comment|like|share|download|"
    "post|start|search|receive|manage|edit|upload|use|unlock|message|contact|connect|join|read|"
    "keep|add|set|find|check|your|my|our|this|an?|"
    # a site's menu that opens with it: "Sign in Register", "Sign up free" (not "Log in
    # Home Jobs": a duty logs in jobs, signs up candidates)
    "register|free|newsletter|menu")
_SIGN_IN = (
    r"\b(sign|log) ?(in|up|out)\b(?! (?:to )?(?!(?:to|with|using|via|through|for|now|here|"
    r"today|again|instead|or|and|of|on|at|as|below|first|required|" + _SIGN_IN_ACTIONS +
    r")\b)\w[\w'’-]* \w(?![^\n]{0,200}?\bto (?:" + _SIGN_IN_ACTIONS + r")\b))")

# Lines that are never part of a posting. Each pattern names why it goes.
# Patterns are written in lower case and matched against the lower-cased line
# (case-blind matching in the re module is several times slower).
BOILERPLATE: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (lazy_compile(p), reason)
    for p, reason in (
        (_SIGN_IN + r"|\bpassword\b|remember me|caps lock|single sign-on|"
         r"security (code|key)|authenticator|trusted computers?|trust this computer|"
         r"forgot your|2-step|two-factor|6-digit code|send sms|verification code|"
         r"don[’']t have an? .{0,20}(account|id)|create (an account|one now)|key not found",
         "sign-in form"),
        (r"\bcookies?\b.{0,40}\b(accept|use|policy|settings|consent)|accept (all )?cookies|"
         r"^cookies$|cookie policy|we use cookies", "cookie notice"),
        (r"similar jobs|other (open )?(positions|openings|jobs|roles)|more jobs|related jobs|"
         r"jobs you may (also )?like|recommended jobs|people also viewed|see all (openings|jobs|"
         r"roles)|view all jobs|all jobs|search jobs|job alerts?|back to (search|list|jobs)|"
         r"previous job|next job|see more jobs|more openings|explore (more )?jobs|"
         # the same in German, French, Spanish, Portuguese, Chinese, Japanese, Arabic
         r"^ähnliche (jobs|stellen(angebote)?)$|^(offres|emplois) similaires$|"
         r"^(empleos|ofertas) similares$|^vagas (semelhantes|similares)$|"
         r"^(相似|类似|相关)职位$|似た求人$|^おすすめの求人$|^وظائف مشابهة$",
         "list of other jobs"),
        (r"©|\(c\) ?\d{4}|copyright|all rights reserved|privacy (policy|statement|notice)|"
         r"terms (of (use|service)|and conditions|& conditions)|site ?map|powered by|"
         r"accessibility statement|cookie settings|legal notice|^legal$|^imprint$|"
         r"^(impressum|datenschutzerklärung|mentions légales|aviso legal|"
         r"politique de confidentialité|política de privacidad(e)?|隐私政策|用户协议|"
         r"利用規約|プライバシーポリシー)$|جميع الحقوق محفوظة",
         "site footer"),
        (r"^apply (for|to|now|here|online)\b|would you like to apply|^share (this|on|via)\b|"
         r"send to a friend|print this (job|page)|^not ready to apply\b|^(share|save|print|"
         r"email this job( to a friend)?|refer a friend|i'?m interested|connect with us!?|"
         r"print preview|bookmark( this (job|posting))?|save this job|"
         r"apply( now)?|tweet|like|follow us|rate this page|"
         r"live chat|skip to (main )?content|open menu|close menu|menu|home|back|search|"
         r"add to favorites|removed from favorites|add a favorite|close|more|submit resume|"
         r"share this job|save job|saved jobs|report (this )?job|report a problem|"
         r"jetzt bewerben|bewerben|postuler|candidater|aplicar( ahora)?|postularme|"
         r"candidatar-se|立即申请|立即沟通|投递简历|応募する|قدّم الآن|تقدم الآن)$",
         "page control"),
        (r"\bfollow (us|.{1,30}) on (facebook|twitter|linkedin|instagram|youtube)|"
         r"^(facebook|twitter|linkedin|instagram|youtube|glassdoor|xing|tiktok)$",
         "social links"),
        (r"^select (your )?(region|country|language)|\((english|español|deutsch|français|"
         r"italiano|nederlands|svenska|português|日本語|한국어|简体中文|繁體中文)\)",
         "region picker"),
        (r"^(sun|mon) (mon|tue) (tue|wed) |^(january|february|march|april|may|june|july|august|"
         r"september|october|november|december)$|^today$|^(19|20)\d\d$",
         "calendar widget"),
        (r"requires javascript|enable javascript|javascript (is )?(disabled|required)|"
         r"your browser (is|does not)", "browser notice"),
        (r"to place a free posting|unsubscribe|mailing list|you (are )?receiv(ed|ing) this|"
         r"list archives?|to post a message|yahoo! groups|digest number",
         "mailing-list footer"),
        (r"^\[[^\]]{0,30}\]$|\[\s{3,}\]|\[\*\]|\[ \]|\[icon|\[ajax|\[insert|\[hstsping|"
         r"^\((?:button|submit)\)",
         "form control or image marker"),
        (r"^(call us|questions\?|contact( us)?)\b.{0,40}$|^\d-\d{3}-[\da-z-]{7,}",
         "contact bar"),
    )
)


# Words one of which every line a pattern above matches holds, as (words the line may
# start with, for the alternatives tied to its start; words it may hold anywhere). A line
# with none of them is not searched: a dozen searches of every line cost more than the
# rest of scoring it. A test proves from each pattern that no match goes without them.
_GATES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "sign-in form": ((), (
        "sign", "log", "password", "remember me", "caps lock", "security", "authenticator",
        "trust", "forgot your", "2-step", "two-factor", "6-digit", "send sms", "verification",
        "t have a", "create ", "key not found")),
    "cookie notice": ((), ("cookie",)),
    "list of other jobs": ((), ("job", "other ", "openings", "roles", "people also",
                                "back to ", "ähnliche ", "similaires", "similares",
                                "semelhantes", "职位", "似た求人", "おすすめの求人", "وظائف")),
    "site footer": (("legal", "imprint", "impressum", "datenschutz", "mentions légales",
                     "aviso legal", "politique de confidentialité", "política de privacidad",
                     "隐私政策", "用户协议", "利用規約", "プライバシーポリシー"), (
        "©", "(c)", "copyright", "rights reserved", "privacy ", "terms ", "sitemap", "site map",
        "powered by", "accessibility statement", "cookie settings", "legal notice",
        "جميع الحقوق محفوظة")),
    "page control": (
        ("apply", "share", "save", "print", "email this job", "tweet", "like", "follow us",
         "rate this page", "live chat", "skip to ", "open menu", "close", "menu", "home",
         "back", "search", "add ", "removed from favorites", "more", "submit resume",
         "report ", "jetzt bewerben", "bewerben", "postuler", "candidater", "aplicar",
         "postularme", "candidatar-se", "立即申请", "立即沟通", "投递简历", "応募する",
         "قدّم الآن", "تقدم الآن", "not ready to apply", "refer a friend", "i'm interested",
         "im interested", "connect with us", "bookmark"),
        ("would you like to apply", "send to a friend", "print this ")),
    "social links": (("facebook", "twitter", "linkedin", "instagram", "youtube", "glassdoor",
                      "xing", "tiktok"), ("follow ",)),
    "region picker": (("select ",), ("(",)),
    "browser notice": ((), ("javascript", "your browser ")),
    "mailing-list footer": ((), (
        "to place a free posting", "unsubscribe", "mailing list", "receiv", "list archive",
        "to post a message", "yahoo! groups", "digest number")),
    "form control or image marker": (("(button)", "(submit)"), ("[",)),
}
# (pattern, reason, gate); the patterns tied to the line's start are cheap ungated
_SEARCHES = tuple((pattern, reason, _GATES.get(reason)) for pattern, reason in BOILERPLATE)


@functools.lru_cache(maxsize=65536)
def boilerplate_reason(line: str) -> str | None:
    """Why a line is page furniture rather than posting, or None.

    Cached: menus, footers and controls recur on every page of a site."""
    return _first_reason(line.lower(), _SEARCHES)


def _first_reason(
    low: str, searches: tuple[tuple[re.Pattern[str], str, tuple[tuple[str, ...], ...] | None], ...]
) -> str | None:
    for pattern, reason, gate in searches:
        if gate is not None and not low.startswith(gate[0]):
            for word in gate[1]:
                if word in low:
                    break
            else:
                continue  # none of the words the pattern needs
        if pattern.search(low):
            return reason
    return None


_LONG_LINE_REASONS = ("site footer", "mailing-list footer", "form control or image marker",
                      "cookie notice")
_LONG_LINE_SEARCHES = tuple(s for s in _SEARCHES if s[1] in _LONG_LINE_REASONS)


def long_line_boilerplate(line: str) -> str | None:
    """Why a long line (a sentence, not a menu item) is still furniture, or None."""
    return _first_reason(line.lower(), _LONG_LINE_SEARCHES)


# CamelCase words that are one word, not two glued together.
CAMEL_WORDS = frozenset(
    w.lower()
    for w in (
        "JavaScript TypeScript CoffeeScript PostgreSQL MySQL NoSQL GraphQL MongoDB DynamoDB "
        "CouchDB RethinkDB InfluxDB CockroachDB ClickHouse BigQuery BigTable GitHub GitLab "
        "BitBucket LinkedIn YouTube WordPress PowerPoint SharePoint PowerShell PowerBI "
        "TensorFlow PyTorch FastAPI OpenAPI OpenAI OpenStack OpenShift CloudFormation "
        "ElasticSearch LogStash RabbitMQ ZeroMQ ActiveMQ DevOps DevSecOps MLOps DataOps SciPy "
        "NumPy SymPy PySpark PyData PyCon CircleCI TravisCI GitHubActions AppEngine iPhone iPad "
        "iPod iCloud iMac macOS iOS tvOS watchOS AirPods AirTag FaceTime HashiCorp SaltStack "
        "NetSuite QuickBooks HubSpot MailChimp SalesForce WebSockets WebGL WebRTC WebAssembly "
        "ReactJS NodeJS VueJS NextJS NestJS AngularJS BackboneJS EmberJS jQuery AutoCAD "
        "SolidWorks MATLAB LaTeX McDonald McKinsey PhD MSc BSc MBA DeepMind OneDrive DropBox "
        "FinTech HealthTech EdTech InsurTech PropTech LegalTech SaaS PaaS IaaS OAuth JUnit "
        "TestNG NUnit xUnit PyTest PhpStorm IntelliJ WebStorm VSCode XCode SwiftUI UIKit CoreML "
        "ARKit SpriteKit RxJS RxJava GoLang SQLAlchemy SQLite DataDog NewRelic PagerDuty "
        "CloudWatch CloudFront SageMaker DataBricks SnowFlake DBeaver PostGIS GeoServer QGIS "
        "ArcGIS TeamCity BuildKite ArgoCD FluxCD"
    ).split()
)


def is_camel_word(line: str, at: int) -> bool:
    """Is the capital at ``at`` inside one CamelCase word (iPhone, TensorFlow)?"""
    left = at
    while left > 0 and at - left < 40 and line[left - 1].isalpha():
        left -= 1
    right = at
    while right < len(line) and right - at < 40 and line[right].isalnum():
        right += 1
    run = at - left
    if run == 0:
        return False  # after a digit or a stop: a real break
    if run <= 2:
        return True  # iPhone, eBay, Py|Torch, Mc|Donald
    return line[left:right].lower() in CAMEL_WORDS
