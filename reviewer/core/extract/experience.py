"""Years of experience said by the work done in them: "3+ years designing products",
"4+ years of backend development", "3–5 years in customer success".

Without a word such as "experience", a number of years is experience only where the
posting asks for something: in a requirements section, in a list whose other items ask
for skills, or after words that ask ("someone with", "you have", "a minimum of").
Elsewhere it is the company's story, a contract's length or a wait for a benefit, and
a value made up is worse than one missed.
"""

from __future__ import annotations

import re

from reviewer.core.extract.document import Block, Document, section_kind
from reviewer.core.extract.skills import find_skills
from reviewer.core.words.lexicon import JOB_NOUN_WORDS, has_job_noun
from reviewer.core.words.regex import fold_case, lazy_compile

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
}
# the least of a range the years pattern reads from its top ("three to five years")
_BOTTOM = lazy_compile(r"(?<![\w.,])(\d{1,2}|" + "|".join(NUMBER_WORDS) +
                       r")\s*(?:-|–|to|or)\s*$")

# "years of progressively responsible finance experience": the word, a few words on
_EXPERIENCE_OF = lazy_compile(r"\s*of\s+(?:[\w/+#&.,-]+\s+){0,5}?experience\b", re.I)

# what follows the years when they are work done: a verb of work in -ing with its object,
# "of" a kind of work, "in" a field, "as" a role, "with" a tool; not what else years
# measure (residence, a licence held, a course, a wait: "5 years living abroad", "2 years
# in the graduate programme")
_DOING = lazy_compile(
    r"\s*(?:"
    r"(?P<verb>[a-z]+ing)\s+[\w(]"
    r"|of\s+(?!(?:[\w-]+\s+){0,2}?(?:age|college|university|schooling|school|coursework|"
    r"study|studies|education|growth|history|service|employment|operations?|existence|"
    r"funding|runway|support|updates?|warranty|free|profits?|revenue|success)\b)(?=[\w(])"
    r"|in\s+(?!(?:a\s+row|the\s+(?:next|past|last|first|future)|business|operation|"
    r"existence)\b)(?=\w)"
    r"|as\s+(?!(?:of|well|soon|long)\b)(?=\w)"
    r"|with\s+(?!(?:us|our|the\s+(?:company|firm|organi[sz]ation))\b)(?=\w)"
    r")", re.I)
# verbs of doing a job, in -ing ("3+ years designing products")
_WORK_VERBS = frozenset("""
    designing building managing developing leading working programming teaching selling
    writing coding engineering delivering running supporting creating analysing analyzing
    administering operating supervising maintaining implementing testing deploying
    architecting consulting recruiting nursing caring handling overseeing coaching training
    planning producing researching performing providing conducting directing marketing
    auditing driving editing reporting negotiating shipping launching scaling automating
    modelling modeling integrating troubleshooting debugging drafting preparing processing
    installing repairing cooking cleaning instructing tutoring mentoring hiring fundraising
    litigating practicing practising using owning serving advising accounting optimizing
    optimising securing bookkeeping investigating evaluating assessing counselling
    counseling treating lecturing illustrating translating interpreting doing selling
    """.split())
# nouns of work, or of a field or place of work ("of program management", "in public
# accounting", "in a financial institution", "in communications … roles")
_WORK_NOUNS = lazy_compile(
    r"\b(?:work|development|engineering|design|management|leadership|sales|programming|"
    r"coding|teaching|consulting|consultancy|administration|accounting|auditing|marketing|"
    r"research|analysis|analytics|nursing|practice|law|litigation|responsibilit(?:y|ies)|"
    r"supervision|operations|services?|support|care|instruction|recruit(?:ing|ment)|"
    r"fundraising|communications|finance|banking|hospitality|retail|writing|editing|"
    r"journalism|testing|architecture|security|compliance|procurement|logistics|hr|"
    r"human resources|success|software|tech|technology|healthcare|publishing|media|"
    r"government|non-?profits?|industry|field|sector|roles?|positions?|jobs?|profession|"
    r"capacity|environment|setting|department|teams?|firm|company|institution|"
    r"organi[sz]ation|agency|office|function|trade|discipline|domain|relations|affairs|"
    r"policy|insurance|construction|manufacturing|product)\b", re.I)
# where the words of the work end: a stop, or a word that starts another clause ("in
# Germany after training", "with no more than 3 points")
_WORK_END = lazy_compile(r"[.;:()!?]|\b(?:after|before|for|from|to|at|without|during|until|"
                         r"while|when|if|who|which|that|is|are|can|cannot|will|must|no)\b",
                         re.I)
_WORK_WORDS = 7  # words after "of", "in", "as", "with" read for the work

# words between the asking and the number ("at least", "a minimum of")
_ABOUT = (r"(?:(?:at\s+least|a\s+minimum\s+of|minimum(?:\s+of)?|min\.|over|more\s+than|"
          r"approximately|around|about|roughly|some)\s+)*")
# words that ask for the years, just before them
_ASKING = lazy_compile(
    r"(?:\b(?:someone|somebody|candidates?|applicants?|you|individuals?|persons?|people|"
    r"professionals?|(?P<noun>[a-z]+?))\s+(?:with|who\s+(?:has|have|brings?)|having)"
    r"|\byou(?:'ll|\s+will|'ve)?\s+(?:have|bring|need|possess)"
    r"|\b(?:requires?|required|must\s+have|should\s+have|needs?|at\s+least|minimum(?:\s+of)?|"
    r"min\.)"
    r")\s*:?\s+" + _ABOUT + r"$", re.I)
# a list item that opens with the years ("Minimum of 3 years …", "3+ years …")
_OPENING = lazy_compile(r"\s*" + _ABOUT, re.I)
# what the other items of a list of requirements ask for
_ASKED = lazy_compile(r"\b(?:experience|expertise|knowledge|proficien|familiar|degree|"
                      r"abilit|skills?\b|understanding|fluen|background|certifi|qualified)",
                      re.I)
_NEIGHBOURS = 12  # items of the same list looked at on each side


def experience_of(tail: str) -> bool:
    """Does the text after the years name experience a few words on ("of progressively
    responsible finance experience")?"""
    return _EXPERIENCE_OF.match(tail) is not None


def range_bottom(text: str, start: int) -> tuple[int, int] | None:
    """The least years of a range whose top is at ``start`` ("three to five years"),
    and where it is written; None when no range ends there."""
    head = fold_case(text[max(0, start - 20):start])
    bottom = _BOTTOM.search(head)
    if bottom is None:
        return None
    word = bottom.group(1)
    return NUMBER_WORDS.get(word) or int(word), start - len(head) + bottom.start()


def work_done(doc: Document, index: int, block: Block, start: int, tail: str) -> bool:
    """Are the years at ``start`` of ``block`` (``doc.blocks[index]``), followed by
    ``tail``, years of work the posting asks for ("3+ years designing products" among
    the requirements)?"""
    return _work(tail) and _asked(doc, index, block, start)


def _work(tail: str) -> bool:
    """Does ``tail``, after a number of years, name work done in them: a verb of work
    ("designing products"), or after "of", "in", "as" or "with" a kind or field of work,
    a role or a tool ("of backend development", "in public accounting", "as a data
    scientist", "with React")?"""
    doing = _DOING.match(tail)
    if doing is None:
        return False
    if doing.group("verb"):
        return fold_case(doing.group("verb")) in _WORK_VERBS
    words = tail[doing.end():]
    end = _WORK_END.search(words)
    words = " ".join(words[:end.start() if end else len(words)].split()[:_WORK_WORDS])
    return bool(_WORK_NOUNS.search(words) or has_job_noun(words) or find_skills(words)
                or any(fold_case(w) in _WORK_VERBS for w in re.findall(r"[a-z]+", words,
                                                                       re.I)))


def _asked(doc: Document, index: int, block: Block, start: int) -> bool:
    kind = section_kind(doc, block)
    if kind in ("required_qualifications", "preferred_qualifications"):
        return True
    before = re.split(r"[.;!?]\s", block.text[max(0, start - 60):start])[-1]
    asking = _ASKING.search(before)
    if asking is not None and (asking.group("noun") is None
                               or fold_case(asking.group("noun")).rstrip("s")
                               in JOB_NOUN_WORDS):
        return True
    if kind is not None or block.kind != "item" or \
            _OPENING.fullmatch(block.text[:start]) is None:
        return False
    return any(_ASKED.search(other.text) for other in _same_list(doc, index))


def _same_list(doc: Document, index: int) -> list[Block]:
    """The items next to ``doc.blocks[index]`` with nothing else between."""
    items = []
    for step in (-1, 1):
        at = index + step
        while 0 <= at < len(doc.blocks) and abs(at - index) <= _NEIGHBOURS and \
                doc.blocks[at].kind == "item":
            items.append(doc.blocks[at])
            at += step
    return items


# the years of experience German, French, Spanish, Chinese, Japanese, Arabic and Hebrew
# postings ask for, the experience's own: the years just before the word for it ("3 Jahre
# Berufserfahrung", "2 ans d'expérience", "5 años de experiencia") or just after it ("une
# expérience de 2 ans", "Expérience : 2 ans minimum", "開発経験5年以上"); the least of a range
_N = r"(?<![\d.,])(?P<{}>\d{{1,2}})\s*\+?\s*(?:(?:-|–|bis|à|a)\s*\d{{1,2}}\s*)?"
_OTHER_YEARS = lazy_compile(
    # German: "4 Jahre Berufserfahrung", "3-5 Jahre einschlägige Erfahrung"
    _N.format("de") + r"jahren?\s+(?:[a-zäöüß]+e[nrs]?\s+){0,2}?[a-zäöüß-]*erfahrung"
    r"|\b[a-zäöüß-]*erfahrung\s*(?::|von)\s*(?:mindestens\s+|min\.\s*)?"
    + _N.format("de2") + r"jahren?\b"
    # French: "2 ans d'expérience", "une expérience (professionnelle) de 2 ans"
    r"|" + _N.format("fr") + r"(?:ans|années)\s+(?:minimum\s+|au\s+moins\s+)?d['’]\s*expérience"
    r"|\bexpérience\s+(?:[a-zéèêàç]+\s+){0,2}?(?::|de|d['’]au\s+moins|d['’]un\s+minimum\s+de|"
    r"minimum\s+de)\s*(?:au\s+moins\s+)?" + _N.format("fr2") + r"(?:ans|années)\b"
    r"|\bexpérience\s*:\s*" + _N.format("fr3") + r"(?:ans|années)\b"
    # Spanish: "3 años de experiencia", "experiencia (mínima) de 2 años"
    r"|" + _N.format("es") + r"años\s+de\s+experiencia"
    r"|\bexperiencia\s+(?:[a-záéíóúñ]+\s+){0,2}?(?::|de)\s*(?:al\s+menos\s+|mínimo\s+)?"
    + _N.format("es2") + r"años\b"
    r"|\bexperiencia\s*:\s*" + _N.format("es3") + r"años\b"
    # Chinese and Japanese: "5年以上大数据开发经验", "開発経験5年以上"
    r"|" + _N.format("zh") + r"年(?:以上)?[^，。；,.;\n]{0,15}?(?:经验|經驗|経験)"
    r"|(?:经验|經驗|経験)\s*[:：]?\s*" + _N.format("zh2") + r"年"
    # Arabic: "خبرة 3 سنوات", "3 سنوات من الخبرة"; Hebrew: "5+ שנות ניסיון", "ניסיון של 3 שנים"
    r"|خبرة\s+(?:لا\s+تقل\s+عن\s+)?" + _N.format("ar") + r"(?:سنوات|سنة|أعوام)"
    r"|" + _N.format("ar2") + r"(?:سنوات|سنة|أعوام)\s+(?:من\s+)?(?:ال)?خبرة"
    r"|" + _N.format("he") + r"(?:שנות|שנים)\s+(?:של\s+)?ניסיון"
    r"|ניסיון\s+(?:של\s+)?(?:לפחות\s+)?" + _N.format("he2") + r"(?:שנים|שנות)", re.I)
# the employer's own years ("Wir haben 25 Jahre Erfahrung", "blickt auf 30 Jahre
# Erfahrung zurück"), or a clause opening with them before the one it is about ("Fort de
# 20 ans d'expérience, le Groupe …", "Con más de 15 años de experiencia en el sector,
# Soluciones Ibéricas …")
_OWN_YEARS = lazy_compile(
    r"\b(?:wir\s+(?:haben|verfügen|blicken|bringen)|unser\w*\s+(?:unternehmen|firma|"
    r"gruppe|haus)|blick\w*\s+auf|zurück\w*|nous\s+(?:avons|disposons|cumulons|comptons)|"
    r"not(?:re|ue)\s+(?:entreprise|société|groupe|cabinet)|tenemos|contamos|cuenta\s+con|"
    r"nuestr[oa]\s+(?:empresa|compañía|grupo))\b", re.I)
_OPENING_STORY = lazy_compile(r"\W*(?:con|fort[es]*\s+de|riche\s+de|avec|mit|dank)\b"
                              r"[^,]*,\s*\S", re.I)
# experience denied ("ohne Berufserfahrung", "aucune expérience", "no se requiere")
_DENIED = lazy_compile(
    r"\b(?:ohne|keine?|aucune?|sans|sin|no\s+se\s+requiere|non\s+requise?|pas\s+d['’]|"
    r"nicht\s+(?:erforderlich|nötig|notwendig)|no\s+(?:es\s+)?necesari[oa]|"
    r"pas\s+nécessaire)\b", re.I)
# what else a number of years measures: a contract's length or an age
_NOT_EXPERIENCE = lazy_compile(
    r"\b(?:befristet|cdd|contrat|contrato|mayor\s+de|âgée?s?\s+de|alt\b|de\s+edad|"
    r"d['’]âge)", re.I)


def other_language_years(doc: Document) -> tuple[int, list[tuple[int, int]]] | None:
    """The years of experience a posting in another language asks for, with the
    spans that say them: the requirements' first, then the first. None are read in a
    clause that gives them to the employer, denies experience, or speaks of a contract
    or an age."""
    found: list[tuple[int, int, Block, re.Match[str]]] = []
    for order, block in enumerate(doc.blocks):
        low = block.text.lower()
        if not any(word in low for word in ("erfahrung", "expérience", "experiencia", "经验",
                                            "經驗", "経験", "خبرة", "ניסיון")):
            continue
        kind = section_kind(doc, block)
        for match in _OTHER_YEARS.finditer(block.text):
            if not _asked_years(block.text, match, kind):
                continue
            found.append((0 if kind == "required_qualifications" else 1, order, block, match))
            break
    if not found:
        return None
    *_, block, match = min(found, key=lambda f: f[:2])
    years = int(next(n for n in match.groupdict().values() if n))
    return (years, doc.block_span(block, match.span())) if 0 < years <= 30 else None


def _asked_years(text: str, match: re.Match[str], kind: str | None) -> bool:
    """Are the years ``match`` found in ``text`` asked of the candidate: not given to
    the employer (outside the requirements), not denied, not a contract's length or an
    age?"""
    start = max((m.end() for m in re.finditer(r"[.;!?]\s|\n", text[:match.start()])),
                default=0)
    stop = re.search(r"[.;!?](?:\s|$)|\n", text[match.end():])
    end = match.end() + stop.start() if stop else len(text)
    clause = text[start:end]
    if kind != "required_qualifications" and (
            _OWN_YEARS.search(clause) or _OPENING_STORY.match(clause)):
        return False
    near = text[max(start, match.start() - 25):min(end, match.end() + 30)]
    return _DENIED.search(near) is None and \
        _NOT_EXPERIENCE.search(text[max(start, match.start() - 15):match.end() + 6]) is None
