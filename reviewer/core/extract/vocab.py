"""Words to the enum values of schema v1: employment type, seniority, education, remote."""

from __future__ import annotations

import re

from reviewer.core.words.denial import denied, denied_before
from reviewer.core.words.european import (
    FULL_TIME,
    FULL_TIME_WORDS,
    PART_TIME,
    PART_TIME_WORDS,
    PERMANENT,
    PERMANENT_IN,
    PERMANENT_WORDS,
    WORKLOAD_WORDS,
)
from reviewer.core.words.regex import lazy_compile
from reviewer.core.words.text import lower_keep_offsets, separate_glued

# (a word that is an English one too, "stage", "temporal", names the terms standing alone,
# not beside another word: "Stage - Data Analyst", "Temporal (verano)", not "Stage
# Manager", "early stage", "Temporal Data Engineer"; nor a stage with its number, "Stage 2
# Support Engineer", but for months or weeks: "Stage 6 mois")
_NOT_A_STEP = r"(?!\s*\d+\b(?!\s*(?:mois|semaines)\b))"
# (the French contracts "CDI" and "CDD" are English acronyms too, "CDD Analyst", "(CDI)
# Specialist": read after "contrat", "en" or "un", or opening a value that names terms,
# "CDI, temps plein", "CDD de 6 mois")
_FRENCH_CONTRACT = (r"(?:(?:(?<=contrat )|(?<=contrat : )|(?<=contrat: )|(?<=en )|(?<=un ))"
                    r"{0}\b|^[\W\d_]*{0}\b(?!\s+(?!à\b|de\b|d['’]|temps\b)[^\W\d_]))")
# the share of a full week a job takes ("Pensum 50 %", "taux d'activité 50-80%"): under a
# full week, part time; all of it, full time; a range up to all of it ("80–100 %"), neither
_SHARE = r"\s*:?\s*(?:von\s+|de\s+)?"
_UNDER_FULL = tuple(word + _SHARE + r"\d{1,2}(?:[.,]\d+)?\s*%?(?:\s*(?:[-–]|bis|à)\s*"
                    r"\d{1,2}(?:[.,]\d+)?)?\s*%" for word in WORKLOAD_WORDS)
_ALL_OF_THE_WEEK = tuple(word + _SHARE + r"100\s*%" for word in WORKLOAD_WORDS)
_FULL_TIME = r"\b(?:" + "|".join(FULL_TIME) + r")\b|\b(?:" + "|".join(_ALL_OF_THE_WEEK) + ")"
_PART_TIME = r"\b(?:" + "|".join(PART_TIME) + r")\b|\b(?:" + "|".join(_UNDER_FULL) + ")"
_PERMANENT = r"\b(?:" + "|".join(PERMANENT) + r")\b"
_PERMANENT_IN = {language: lazy_compile(r"\b(?:" + words + r")\b")
                 for language, words in PERMANENT_IN.items()}
# part time, as a line of the job's hours or terms says it (``hours`` reads the same)
PART_TIME_SAID = (r"\bpart[- ]?time\b|\bteilzeit\b|\bmi-?temps\b|\btemps partiel\b|"
                  r"\btiempo parcial\b|\bmedia jornada\b|" + _PART_TIME)
_LATIN_EMPLOYMENT = (
    # (a trainee is an employee in training, "Correctional Officer Trainee", "Graduate
    # Trainee": only a traineeship is an internship)
    ("internship", r"\bintern(ship)?s?\b|\btraineeships?\b|\bpraktikum\b|\bstagiaire\b|"
                   r"\balternance\b|\bpr[áa]cticas\b|\bbecari[oa]\b|"
                   r"(?<![^\W\d_] )\bstage\b(?!\s+(?!de\b|d['’]|en\b|\()[^\W\d_])"
                   + _NOT_A_STEP),
    ("temporary", r"\btemp(orary)?\b|\bfixed[- ]term\b|\bseasonal\b|\binterim\b|\bbefristet\b|"
                  + _FRENCH_CONTRACT.format("cdd")
                  + r"|\bdurée déterminée\b|\btemporaire\b|\bintérim\b|"
                  r"(?:(?<=contrato )|(?<![^\W\d_] ))\btemporal\b(?!\s+(?!de\b|\()[^\W\d_])"),
    # (a Dutch permanent contract, "vast contract", is no contractor's)
    ("contract", r"(?<!vast )(?<!vaste )\bcontract(or|ing)?\b|\bfreelance(r)?\b|"
                 r"\bconsultancy\b|\b1099\b|\bc2c\b|\bcontract[- ]to[- ]hire\b"),
    ("part_time", PART_TIME_SAID + r"|\bparcial\b|\bwerkstudent"),
    ("full_time", r"\bfull[- ]?time\b|\bpermanent\b|\bperm\b|\bvollzeit\b|\bregular\b|"
                  r"\bfull_time\b|" + _FRENCH_CONTRACT.format("cdi")
                  + r"|\bunbefristet\b|\bfestanstellung\b|"
                  r"\btemps (plein|complet)\b|\bjornada completa\b|\btiempo completo\b|"
                  r"\bindefinid[oa]\b|" + _FULL_TIME + "|" + _PERMANENT),
)

# … as Chinese, Japanese, Arabic and Hebrew postings state them ("全职", "正社員", "دوام كامل",
# "משרה מלאה"), with no edges of words: Chinese and Japanese words show none to a pattern
# ("合同" standing alone is a contract, "劳动合同" any employee's; "パートナー" no part time)
SCRIPT_EMPLOYMENT = {
    "internship": "实习|實習|インターン|متدرب|تدريب تعاوني|تدريب صيفي|התמחות|סטאז'",
    "temporary": "临时工|臨時工|派遣|劳务派遣|عقد مؤقت|وظيفة مؤقتة|זמני",
    "contract": r"合同工|合同制|(?<!\w)合同(?!\w)|約聘|契約社員|業務委託|フリーランス|"
                r"عمل حر|פרילנס",
    "part_time": "兼职|兼職|アルバイト|パート(?!ナー)|دوام جزئي|משרה חלקית|חלקית",
    "full_time": "全职|全職|正社員|正式员工|دوام كامل|משרה מלאה|מלאה",
}
_EMPLOYMENT = tuple((value, f"{pattern}|{SCRIPT_EMPLOYMENT[value]}")
                    for value, pattern in _LATIN_EMPLOYMENT)


def employment_type(text: str, language: str | None = None) -> str | None:
    """The employment type ``text`` names, leaving out the ones it denies ("Full-time
    (not contract)", "Non-permanent"). The words of a permanent post that are English
    ones too ("CLT", "vast contract") name it only where ``language``, that of the
    posting ``text`` is from, is theirs, or is not given (a label's value says terms)."""
    low = text.lower().replace("_", " ")
    if re.search(r"\bfull[ -]?time\b", low) and re.search(r"\bpermanent\b", low):
        return "full_time"
    for value, pattern in _EMPLOYMENT:
        if any(not denied_before(low, m.start()) for m in re.finditer(pattern, low)):
            return value
    for own, words in _PERMANENT_IN.items():
        if language in (None, own) and \
                any(not denied_before(low, m.start()) for m in words.finditer(low)):
            return "full_time"
    return None


_HOURS_WORDS = lazy_compile(r"\bfull[- _]?time\b|\bvollzeit\b|\btemps (plein|complet)\b|"
                            r"\bjornada completa\b|\btiempo completo\b|" + _FULL_TIME)


def says_hours(text: str) -> bool:
    """Does ``text`` say a job's hours ("Full-time"), not only how long it lasts
    ("Permanent", "Regular": ``employment_type`` reads those as full time too)?"""
    return _HOURS_WORDS.search(text.lower()) is not None


_SENIORITY = (
    ("intern", r"\bintern(ship)?\b|\btraineeship\b|\bapprentice\b|\bwerkstudent|\bpraktikant|"
               r"\bpraktikum\b|\bstagiaire\b|\balternant|\bbecari[oa]\b|"
               r"(?<![^\W\d_] )\bstage\b(?!\s+(?!de\b|d['’]|en\b|\()[^\W\d_])"
               + _NOT_A_STEP),
    # (a partner of a channel or a business, or a partner manager, is no executive)
    ("executive", r"\bchief\b|\bc[etfo]o\b|\bvice[- ]president\b|\bvp\b|\bsvp\b|\bevp\b|"
                  r"\bpresident\b|(?<!channel )(?<!business )(?<!alliance )(?<!hr )"
                  r"\bpartner\b(?!\s+(?:manager|success|marketing|engineer|development|"
                  r"operations|relations|account))"),
    ("director", r"\bdirector\b|\bhead of\b|\bhead,|\bdirecteur\b|\bdirectrice\b|"
                 r"\bdirectora\b|\bdirektor(in)?\b"),
    # (a staff nurse or a staff accountant is a grade, not a rank above senior)
    ("principal", r"\bprincipal\b|\bstaff\b(?!\s+(?:nurse|accountant|pharmacist|physician|"
                  r"writer|attorney|auditor|officer|assistant|member|psychologist|nurses|"
                  r"radiographer|therapist))|\bdistinguished\b"),
    ("lead", r"\blead\b(?!\s+gen)|\bteam lead(er)?\b|\btech lead\b|\bleiter\b"),
    ("senior", r"\bsenior\b|\bsr\.?\b|\bsnr\b"),
    ("manager", r"\bmanager\b|\bsupervisor\b"),
    ("mid", r"\bmid(dle)?[- ]?(level|senior)?\b|\bintermediate\b|\bregular\b"),
    # (a graduate's assistantship or studentship is a post for a student, no rank; an
    # associate is a rank before another job noun, "Associate Engineer", but the job noun
    # itself in "Sales Associate", "Warehouse Associate - Nights")
    ("junior", r"\bjunior\b|\bjr\.?\b|\bentry[- ]level\b|\btrainee\b|"
               r"\bgrad(?:uate)?\b(?!\s+(?:(?:teaching|research|student)\s+)?(?:assistant|"
               r"student|fellow|teaching|research)\w*)|"
               r"\bassociate\b(?=\s+(?!(?:director|professor|partner|dean|vice|principal|"
               r"general counsel|of|at|in|to|for|and|or|with)\b)[a-z])"),
)


# a post that serves another's ("Assistant to the Managing Director", "Associate to the
# Partner"): the rank after it is the other's
_SERVING = re.compile(r"\b(?:assistant|associate|secretary|aide|advis[eo]r|pa|ea|chief of staff|"
                      r"deputy|clerk|driver|interpreter|translator)\s+to\b")


def seniority(title: str) -> tuple[str, tuple[int, int]] | None:
    """The seniority a job title states, with the span of the word that says it (not
    the rank of the person a post serves: "Assistant to the Director" is no director)."""
    low = title.lower()
    if serving := _SERVING.search(low):
        low = low[:serving.end()]
    best: tuple[int, str, tuple[int, int]] | None = None
    for rank, (value, pattern) in enumerate(_SENIORITY):
        match = re.search(pattern, low)
        if match is None:
            continue
        # the first word of the title wins ("Senior / Lead …" is senior); ties by rank
        key = (match.start(), rank)
        if best is None or key < (best[0], _rank(best[1])):
            best = (match.start(), value, match.span())
    return (best[1], best[2]) if best else None


def _rank(value: str) -> int:
    return next(i for i, (v, _) in enumerate(_SENIORITY) if v == value)


_LATIN_EDUCATION = (
    ("doctorate", r"\bph\.?\s?d\b\.?|\bdoctorate\b|\bdoctoral\b|\bd\.?phil\b|\bdoctor of\b|"
                  r"\bdoctorat\b|\bdoctorado\b|\bpromoviert|\bdoktorand"),
    ("master", r"\bmasters?\b(?!\s+(?:data|key|list|file|class|branch|record))|\bm\.\s?s\.?c?\b\.?|"
               r"\bms\b(?=\s*(?:/|or|in|degree|,))(?!\s+(?:office|excel|word|sql|project|access|"
               r"teams|windows|dynamics|visio|powerpoint|outlook))|\bmsc\b|\bm\.?eng\b|"
               r"\bmba\b|\bm\.a\.|\bmaster's|\bgraduate degree\b|\badvanced degree\b|"
               r"\bpost-?graduate\b|\bmáster\b|\bbac\s?\+\s?5\b|\bdiplom\b(?!a)"),
    ("bachelor", r"\bbachelor'?s?\b|\bb\.\s?s\.?c?\b\.?|\bbs\b(?=\s*(?:/|or|in|degree|,))|"
                 r"\bbsc\b|\bb\.?eng\b|\bb\.a\.|\bba\b(?=\s*(?:/|or|in|degree))|"
                 r"\bundergraduate degree\b|\buniversity degree\b|\bcollege degree\b|"
                 r"\b4[- ]year degree\b|\bfour[- ]year degree\b|\bhigher education\b|"
                 r"\bbac\s?\+\s?[34]\b|\blicence pro(?:fessionnelle)?\b|\blicenciatura\b|"
                 r"\bgrado (?:en|universitario)\b|\babgeschlossene[ns]? (?:\w+ )?studium\b|"
                 r"\b(?:fach)?hochschul(?:studium|abschluss)\b|\btítulo universitario\b"),
    ("associate", r"\bassociate'?s? degree\b|\btwo[- ]year degree\b|\b2[- ]year degree\b|"
                  r"\bbac\s?\+\s?2\b"),
    # ("Secondary (high) school graduation certificate": Canada's Job Bank)
    ("high_school", r"\bhigh[- ]?school\b|\bsecondary (?:\(high\) )?school\b|\bged\b|"
                    r"\bhigh school diploma\b|"
                    r"\bhs diploma\b|\babitur\b|\bbachillerato\b|\b(?:educación )?secundaria\b|"
                    r"\bbaccalauréat\b"),
)
# … as Chinese, Japanese, Arabic and Hebrew postings name them ("本科", "大卒", "بكالوريوس",
# "תואר ראשון"), with no edges of words: these are also the anchors they are found by
SCRIPT_DEGREES = {
    "doctorate": ("博士", "دكتوراه", "דוקטורט", "תואר שלישי"),
    "master": ("硕士", "碩士", "修士", "ماجستير", "תואר שני"),
    "bachelor": ("本科", "学士", "學士", "大学卒", "大卒", "بكالوريوس", "תואר ראשון"),
    "associate": ("大专", "大專", "专科", "專科", "短大", "高専", "دبلوم", "הנדסאי"),
    "high_school": ("高中", "高卒", "高校卒", "ثانوية", "בגרות"),
}
_EDUCATION = tuple((value, pattern + "|" + "|".join(SCRIPT_DEGREES[value]))
                   for value, pattern in _LATIN_EDUCATION)
_ORDER = ("high_school", "associate", "bachelor", "master", "doctorate")


# "a degree in Computer Science" with no level named: a first degree
_GENERIC_DEGREE = lazy_compile(
    r"\b(?:a|relevant|related|technical|university|college)\s+degree\b|\bdegree (?:in|from)\b|"
    r"\bdegree[- ](?:educated|qualified|level)\b|\beducated to degree\b|"
    r"\ban? (?:[\w-]+ ){1,2}degree\b(?! of)"
)


# Literal pieces one of which a text must hold before a level's pattern is tried
# (a substring test costs a fraction of a regular-expression scan).
_ANCHORS = {
    "doctorate": ("ph.d", "phd", "ph. d", "ph d", "doctor", "phil", "promoviert", "doktorand"),
    "master": ("master", "m.s", "m. s", "msc", "m.sc", "mba", "m.a.", "meng", "m.eng", "graduate",
               "advanced degree", " ms", "/ms", "(ms", "máster", "bac+", "bac +", "diplom"),
    "bachelor": ("bachelor", "b.s", "b. s", "bsc", "b.sc", "beng", "b.eng", "b.a.", " bs", "/bs",
                 "(bs", " ba ", " ba/", "undergraduate", "university degree", "college degree",
                 "year degree", "higher education", "bac+", "bac +", "licence pro",
                 "licenciatura", "grado ", "hochschul", "título universitario", "abgeschlossen"),
    "associate": ("associate", "year degree", "bac+", "bac +"),
    "high_school": ("high school", "high-school", "highschool", "secondary school",
                    "secondary (high) school", "ged",
                    "hs diploma", "abitur", "bachillerato", "secundaria", "baccalauréat"),
}
_EDUCATION_RE = tuple((value, lazy_compile(pattern), _ANCHORS[value] + SCRIPT_DEGREES[value])
                      for value, pattern in _EDUCATION)


_NOT_SPACE_BEFORE_WORD = lazy_compile(r"[\n:;•]")


def education_mentions(text: str) -> list[tuple[str, tuple[int, int]]]:
    """Every degree a text names, as (level, span), but those it denies ("A degree is
    not required").

    Words a capture glued together are read apart ("technologyMBA"), and a line break
    counts as a space, so a degree that opens a line is found as one inside it."""
    separated, to_text = separate_glued(text)
    # one space in front: " bs" finds "BS in …" at the very start as it does mid-line
    low = " " + lower_keep_offsets(separated)
    # where anchors are looked for, a line break or a colon before a word is a space too
    spaced = _NOT_SPACE_BEFORE_WORD.sub(" ", low)
    out: list[tuple[str, tuple[int, int]]] = []
    seen: set[tuple[int, int]] = set()
    for value, pattern, anchors in _EDUCATION_RE:
        # try the pattern only around each place an anchor occurs
        for anchor in anchors:
            at = spaced.find(anchor)
            while at >= 0:
                match = pattern.search(low, max(0, at - 4), at + len(anchor) + 40)
                if match and match.start() <= at + len(anchor) and match.span() not in seen:
                    seen.add(match.span())
                    out.append((value, match.span()))
                at = spaced.find(anchor, at + 1)
    out = [(level, span) for level, span in out if not _denied_degree(low, span)]
    if not out and "degree" in low:
        out = [("bachelor", m.span()) for m in _GENERIC_DEGREE.finditer(low)
               if not _denied_degree(low, m.span())]
    return sorted(((level, (to_text(a - 1), to_text(b - 1))) for level, (a, b) in out),
                  key=lambda x: x[1][0])


def _denied_degree(low: str, span: tuple[int, int]) -> bool:
    """"No college degree required", "A degree is not required", "You do not need a
    degree": no degree asked for. (A mention that ends in "degree in" is read up to
    "degree": the subject after it is of the degree's own words.)"""
    start, end = span
    tail = re.search(r"\s+(?:in|from)$", low[start:end])
    return denied(low, start, end - len(tail.group()) if tail else end)


def education_level(text: str) -> str | None:
    mentions = education_mentions(text)
    return min((m[0] for m in mentions), key=_ORDER.index) if mentions else None


def lowest(levels: list[str]) -> str:
    return min(levels, key=_ORDER.index)


# (German, French and Spanish postings' home office, "Homeoffice", "télétravail",
# "teletrabajo", is a day or two a week, but where it is all of the work: "100 %")
_ALL_OF_IT = r"(?<!100% )(?<!100 % )"
# (what is paid for a home office, "a home-office stipend", is no way of working)
_FOR_THE_HOME = (r"(?![\s-]+(?:stipends?|allowances?|budgets?|equipment|set-?ups?|reimburse|"
                 r"expenses?|furniture|pauschale|zuschuss))")
# … as Chinese, Japanese, Arabic and Hebrew postings say them: "リモートワーク可（週2日出社）"
# is hybrid work, two days a week at the office; "远程办公" and "عن بعد" remote work
SCRIPT_WORK_MODES = (
    r"(?:リモートワーク|リモート勤務|在宅勤務|テレワーク)(?:可|OK|あり)?"
    r"(?:[（(][^）)]{0,12}週\d日(?:出社|在宅)[^）)]{0,6}[）)])?|"
    r"フルリモート|完全リモート|ハイブリッド|週\d日(?:出社|在宅)|远程办公|远程工作|遠端工作|"
    r"遠距工作|混合办公|混合辦公|العمل عن بعد|عن بعد|هجين|עבודה מרחוק|מרחוק|היברידי")
_REMOTE = (
    ("hybrid", r"\bhybrid\b|\b\d days? (a|per) week in (the|our) office\b|"
               r"\bpartly remote\b|\bpartially remote\b|\bflexible (working|location)\b|"
               r"\bhybride\b|\bh[íi]brido\b|" + _ALL_OF_IT + r"\b(?:homeoffice|home-office|"
               r"mobiles arbeiten|t[ée]l[ée]travail|teletrabajo)\b(?! (?:complet|total|100))"
               + _FOR_THE_HOME + r"|ハイブリッド|週\d日(?:出社|在宅)|混合办公|混合辦公|"
               r"هجين|היברידי"),
    ("remote", r"\b(fully |100% |full[- ]time )?remote\b|\bwork from home\b|\bwfh\b|"
               r"\btelecommut\w*|\bwork from anywhere\b|\bdistributed team\b|\bhome[- ]based\b|"
               r"\bremot[oa]\b|\b(?:homeoffice|home-office|t[ée]l[ée]travail|teletrabajo)\b"
               + _FOR_THE_HOME + "|" + SCRIPT_WORK_MODES),
    ("onsite", r"\bon[- ]?site\b|\bin[- ]office\b|\bon[- ]premises?\b|\bnot remote\b|"
               r"\bno remote\b"),
)


def remote_mode(text: str) -> tuple[str, tuple[int, int]] | None:
    """The way of working ``text`` names, with the span of its words. Remote work the
    text denies ("not remote", "Remote job: No") is on site; hybrid work it denies is
    not read ("not a hybrid role")."""
    low = lower_keep_offsets(text)
    for value, pattern in _REMOTE:
        match = re.search(pattern, low)
        if match:
            if value == "remote" and (denied(low, match.start(), match.end()) or re.search(
                    r"\bnot? (be )?remote|remote (work )?is not", low)
                    or _NOT_POSSIBLE.match(low, match.end())):
                return "onsite", match.span()
            if value == "hybrid" and denied(low, match.start(), match.end()):
                continue
            return value, match.span()
    return None


# "不可", "なし": not possible, none ("リモートワーク不可")
_NOT_POSSIBLE = lazy_compile(r"\s*(?:不可|なし|無し|不允许|不支持)")


def only_terms(value: str) -> bool:
    """Does ``value`` state a job's terms alone ("Permanent", "Full time", "Fixed-term
    contract"), not a role ("Part-time Cleaner", "Contractor")?"""
    words = _TERM_SPLIT.split(value.lower().strip(" .!"))
    return bool(employment_type(value)) and all(w in _TERMS for w in words if w)


_TERMS = frozenset("permanent perm full part time fulltime parttime contract fixed term temporary "
                   "temp freelance seasonal casual ongoing hourly salaried position role job "
                   "and or basis".split()
                   # the same in German, French and Spanish ("Vollzeit oder Teilzeit",
                   # "CDI, temps plein", "Jornada completa")
                   + "vollzeit teilzeit unbefristet befristet festanstellung oder und stelle "
                   "cdi cdd temps plein partiel ou et poste contrat jornada completa media "
                   "tiempo parcial contrato indefinido temporal o y puesto".split()
                   # and in Chinese, Japanese, Arabic and Hebrew
                   + "全职 兼职 实习 全職 兼職 實習 正社員 契約社員 派遣社員 アルバイト パート "
                   "دوام كامل جزئي משרה מלאה חלקית".split())
_TERM_SPLIT = lazy_compile(r"[\s/,&()–-]+")


# What German, French and Spanish postings say of a job's terms and of where it is done,
# as the scan of a posting's text looks for them (``patterns``): each a value of
# ``employment_type`` or ``remote_mode``
_TERM_WORDS = ("vollzeit", "teilzeit", "unbefristet", "befristet", "festanstellung",
               "temps plein", "temps partiel", "cdi", "cdd", "jornada completa", "media jornada",
               "tiempo completo", "tiempo parcial", "contrato indefinido", "contrato temporal",
               "praktikum", "alternance")
OTHER_TERMS = (*_TERM_WORDS, *FULL_TIME_WORDS, *PART_TIME_WORDS, *PERMANENT_WORDS,
               *WORKLOAD_WORDS)
# … and as patterns: "CDI" and "CDD" after "contrat", "en" or "un" ("poste en CDI"), not
# as the English acronyms ("KYC/CDD Analyst"); the words of full and part time and of a
# permanent post in the other languages of Europe, and a share of a week ("Pensum 50 %")
OTHER_TERM_PATTERNS = (*(w for w in _TERM_WORDS if w not in ("cdi", "cdd")),
                       "contrat cd[id]", "en cd[id]", "un cd[id]", *FULL_TIME, *PART_TIME,
                       *PERMANENT, *PERMANENT_IN.values(), *_UNDER_FULL, *_ALL_OF_THE_WEEK)
# … and those of Chinese, Japanese, Arabic and Hebrew postings (no edges of words to see)
SCRIPT_TERMS = ("全职", "兼职", "实习", "全職", "兼職", "實習", "正社員", "契約社員", "派遣社員",
                "アルバイト", "دوام كامل", "دوام جزئي", "משרה מלאה", "משרה חלקית")
OTHER_WORK_MODES = ("100% remoto", "100% homeoffice", "100% t[ée]l[ée]travail",
                    "100% teletrabajo", "t[ée]l[ée]travail", "teletrabajo", "homeoffice",
                    "home-office", "mobiles arbeiten", "remoto", "h[íi]brido", "hybride")
# hours a week: "37.5 hours per week", "40h/week", "35 heures par semaine", "20 Std./Woche",
# "25 horas semanales", "30 Wochenstunden" (every match holds one of ``WEEK_WORDS``)
WEEKLY_HOURS = lazy_compile(
    r"(\d(?<=\b\d)\d?(?:[.,]\d)?)\s*(?:(?:hours?|hrs?|h|heures?|horas|stunden|std\.?)\s*"
    r"(?:/|per|a|each|par|por|pro|à la|a la|la|die|in der)\s*(?:week|semaine|semana|woche)\b|"
    r"horas semanales\b|wochenstunden\b)", re.I)
WEEK_WORDS = ("week", "semaine", "semana", "woche")
