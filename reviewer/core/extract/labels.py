"""Labelled lines: "Location: …", "JOB TITLE: …", "Role Number: …", "Posted: …".

A label's value is the rest of its line; when the line holds only the label (or
the label is a heading), the value is the next short line. A line may hold several
labels ("Weekly Hours: 40 Role Number:200493299"). A table's row of two cells is a
label and its value ("| Location | Lewiston, ME |"). Labels are matched as whole
phrases from the table below, so "Note:" or "e.g.:" never become fields.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from reviewer.core.extract.document import Block, Document, plain
from reviewer.core.words.european import CLOSING_LABELS, POSTED_LABELS
from reviewer.core.words.other_languages import language_of
from reviewer.core.words.places import looks_like_location
from reviewer.core.words.regex import lazy_compile
from reviewer.core.words.text import DIRECTION_MARKS, folded, lower_keep_offsets

# label phrase (lower case) -> field
LABELS: dict[str, str] = {}
# labels of the dates a posting opens and closes ("Open & closing dates: 01/13 to 01/27"):
# read as the date posted, and the second date as the closing one
OPEN_AND_CLOSE = ("open & closing dates", "open and closing dates", "opening and closing dates",
                  "opening & closing dates")


def _labels(field: str, *phrases: str) -> None:
    for phrase in phrases:
        LABELS[phrase] = field
        LABELS.setdefault(folded(phrase), field)  # "Ubicacion:" typed without its accent


_labels("title", "job title", "title", "position title", "position", "role", "job",
        "job name", "vacancy", "opening", "post", "role title", "job position")
_labels("company", "company", "employer", "organization", "organisation", "hiring company",
        "company name", "hiring organization", "client", "hiring organisation", "employer name",
        "organization name", "organisation name", "institution", "hiring institution",
        "agency", "hiring agency", "employing agency")
_labels("department", "department", "team", "job category", "category", "division",
        "business unit", "function", "job family", "area", "practice", "department/team")
_labels("locations", "location", "locations", "position location", "job location",
        "work location", "based in", "office location", "city", "place of work", "duty station",
        "location(s)", "work place", "workplace", "job locations", "work locations")
_labels("date_posted", "posted", "date posted", "posting date", "posted on", "published",
        "date published", "publication date", "opening date", "post date", "date",
        *OPEN_AND_CLOSE)
_labels("valid_through", "application deadline", "deadline", "closing date", "apply by",
        "apply before", "applications close", "close date", "valid through", "expires",
        "expiry date", "expiration date", "last date to apply", "deadline for applications",
        "application due date", "closes", "unposting date", "closing date/time",
        "position closes", "job close date")
_labels("requisition_id", "role number", "job id", "job number", "requisition id",
        "requisition number", "requisition", "req id", "req #", "req", "req. id",
        "reference", "reference code", "reference number", "ref", "ref.", "ref no",
        "job code", "job ref", "job reference", "vacancy number", "vacancy id",
        "announcement code", "announcement number", "posting number", "job requisition id",
        "position number", "position id", "job req", "specify job code", "control number",
        "job bank id", "requisition #", "requisition no", "requisition no.", "job id #",
        # "Job #", "Job No.": the number of the job, never its title
        *(f"{noun} {mark}" for noun in ("job", "position", "vacancy", "role", "opening",
                                        "posting", "job ref", "job reference", "reference")
          for mark in ("#", "no", "no.", "nr", "nr.", "num", "num.")),
        "job ref.", "vacancy ref", "vacancy reference", "vacancy ref.",
        "vacancy reference number", "vacancy ref no")
_labels("work_hours", "weekly hours", "work hours", "hours", "hours per week", "working hours",
        "weekly working hours", "hours/week")
_labels("employment_type", "employment type", "job type", "contract type", "type",
        "type of employment", "employment", "contract", "position type", "schedule",
        "work type", "type of contract", "job status", "status",
        # as public employers label them ("Full/Part Time: Full-Time", "Working pattern:
        # Part time", "Appointment type: Permanent", "Terms of employment: Seasonal")
        "full/part time", "full-time/part-time", "full time/part time", "regular/temporary",
        "working pattern", "work schedule", "appointment type", "terms of employment",
        "employment status")
_labels("salary", "salary", "remuneration", "compensation", "pay", "pay range", "salary range",
        "wage", "rate", "remuneration/ salary", "remuneration/salary", "base salary",
        "hourly rate", "day rate", "stipend")
_labels("remote", "remote", "work arrangement", "workplace type", "remote work", "work model",
        "location type", "remote job", "remote position", "remote role", "remote working",
        "remote option", "remote options", "remote eligible", "remote possible", "fully remote",
        "work from home", "working from home")
_labels("seniority", "seniority", "level", "seniority level", "experience level",
        "career level", "grade")
_labels("experience_years", "experience", "years of experience", "work experience",
        "required experience", "minimum experience")
_labels("education", "education", "education level", "degree", "qualification",
        "minimum education", "required education", "education type")

# The same labels in German, French and Spanish ("Standort: München", "Lieu : Lyon",
# "Ubicación: Madrid"): words of those languages' postings that English ones do not use
# as labels (a French colon has a space before it: the separator allows one)
_labels("title", "stellenbezeichnung", "stellentitel", "jobtitel", "berufsbezeichnung",
        "stelle", "titre du poste", "intitulé du poste", "intitulé", "poste", "titre",
        "puesto", "título del puesto", "nombre del puesto", "cargo", "vacante")
_labels("company", "unternehmen", "firma", "arbeitgeber", "entreprise", "société",
        "employeur", "empresa", "compañía", "empleador", "organismo")
# … and the employer's label in Italian, Dutch, Portuguese, Polish and the Nordic languages
_labels("company", "azienda", "datore di lavoro", "werkgever", "bedrijf", "organisatie",
        "empregador", "pracodawca", "arbetsgivare", "arbejdsgiver", "arbeidsgiver")
_labels("department", "abteilung", "fachbereich", "bereich", "département", "service",
        "équipe", "departamento", "área", "equipo")
_labels("locations", "standort", "standorte", "arbeitsort", "einsatzort", "dienstort", "ort",
        "lieu", "lieu de travail", "localisation", "ville", "lieu du poste", "ubicación",
        "lugar de trabajo", "localización", "ciudad", "localidad", "lugar")
_labels("date_posted", "veröffentlicht", "veröffentlicht am", "veröffentlichungsdatum",
        "online seit", "datum", "publié le", "publiée le", "publié", "date de publication",
        "mise en ligne", "mise en ligne le", "publicada", "publicado", "publicada el",
        "publicado el", "fecha de publicación", "fecha")
_labels("valid_through", "bewerbungsschluss", "bewerbungsfrist", "einsendeschluss",
        "bewerbung bis", "date limite", "date limite de candidature", "date de clôture",
        "fecha límite", "fecha de cierre", "fecha límite de inscripción", "plazo")
_labels("date_posted", *POSTED_LABELS)  # (Portuguese, Italian, Dutch, Polish, Nordic)
_labels("valid_through", *CLOSING_LABELS)
_labels("requisition_id", "referenznummer", "kennziffer", "referenz", "referenz-nr.",
        "stellen-id", "stellennummer", "job-id", "ausschreibungsnummer", "référence",
        "réf", "réf.", "référence de l'offre", "référence de l'annonce", "n° de l'offre",
        "referencia", "referencia de la oferta", "id de la oferta", "código de la oferta",
        "código", "número de referencia", "ref. de la oferta")
_labels("work_hours", "arbeitszeit", "wochenarbeitszeit", "wöchentliche arbeitszeit",
        "temps de travail", "durée hebdomadaire", "durée du travail", "horas semanales",
        "horas", "horario semanal")
_labels("employment_type", "anstellungsart", "beschäftigungsart", "vertragsart",
        "art der anstellung", "anstellung", "vertragsform", "type de contrat", "contrat",
        "type d'emploi", "type de poste", "nature du contrat", "tipo de contrato", "contrato",
        "jornada", "tipo de jornada", "tipo de empleo")
_labels("salary", "gehalt", "vergütung", "jahresgehalt", "bruttogehalt", "lohn", "salaire",
        "rémunération", "salaire annuel", "gratification", "salario", "sueldo", "remuneración",
        "retribución", "salario bruto anual")
_labels("remote", "homeoffice", "home office", "mobiles arbeiten", "arbeitsmodell",
        "télétravail", "mode de travail", "teletrabajo", "modalidad", "modalidad de trabajo")
_labels("seniority", "karrierestufe", "niveau de poste", "nivel", "nivel profesional")
_labels("experience_years", "berufserfahrung", "erfahrung", "expérience",
        "expérience requise", "experiencia", "experiencia mínima", "años de experiencia")
_labels("education", "ausbildung", "abschluss", "studium", "formation", "diplôme",
        "niveau d'études", "formación", "estudios", "titulación", "nivel de estudios")

# … and in Chinese (simplified and traditional), Japanese, Arabic and Hebrew ("职位：…",
# "勤務地：…", "الموقع: …", "מיקום: …"), whose labels end in a full-width colon or a plain one
_labels("title", "职位", "职位名称", "岗位", "岗位名称", "招聘职位", "职务", "職位", "職位名稱",
        "職稱", "崗位", "求人タイトル", "職種", "募集職種", "ポジション", "役職", "求人名",
        "المسمى الوظيفي", "الوظيفة", "اسم الوظيفة", "عنوان الوظيفة", "المنصب",
        "שם המשרה", "שם התפקיד", "תפקיד", "כותרת המשרה")
_labels("company", "公司", "公司名称", "企业名称", "招聘单位", "用人单位", "公司名稱", "企業名稱",
        "会社名", "企業名", "社名", "会社", "الشركة", "اسم الشركة", "جهة العمل", "صاحب العمل",
        "חברה", "שם החברה", "מעסיק", "ארגון")
_labels("department", "部门", "所属部门", "部門", "所屬部門", "部署", "配属部署", "所属部署",
        "القسم", "الإدارة", "מחלקה", "צוות")
_labels("locations", "地点", "工作地点", "办公地点", "上班地点", "工作城市", "城市", "地點",
        "工作地點", "辦公地點", "勤務地", "勤務場所", "就業場所", "الموقع", "مكان العمل",
        "موقع العمل", "المدينة", "מיקום", "מיקום המשרה", "מקום עבודה", "עיר")
_labels("employment_type", "类型", "類型", "工作类型", "工作性质", "职位类型", "雇佣类型",
        "用工性质", "工作類型", "工作性質", "職位類型", "雇用形態", "雇用区分", "契約形態",
        "نوع الوظيفة", "نوع العمل", "نوع التوظيف", "نوع الدوام", "نوع العقد", "היקף משרה",
        "סוג משרה", "סוג העסקה")
_labels("salary", "薪资", "薪酬", "薪水", "工资", "月薪", "年薪", "薪资范围", "薪资待遇", "薪資",
        "薪水範圍", "薪資範圍", "待遇", "給与", "給料", "年収", "想定年収", "月給", "時給", "報酬",
        "الراتب", "الأجر", "الراتب الشهري", "نطاق الراتب", "שכר", "משכורת", "טווח שכר")
_labels("date_posted", "发布日期", "发布时间", "刊登日期", "發布日期", "發佈日期",
        "掲載日", "掲載開始日", "公開日", "تاريخ النشر", "تاريخ الإعلان", "תאריך פרסום",
        "פורסם")
_labels("valid_through", "截止日期", "截止时间", "申请截止", "報名截止", "应聘截止",
        "應徵截止", "応募締切", "応募締め切り", "締切日", "応募期限", "掲載終了日",
        "آخر موعد للتقديم", "الموعد النهائي", "تاريخ الإغلاق", "آخر موعد",
        "תאריך אחרון להגשה", "מועד אחרון להגשה", "מועד אחרון")
_labels("requisition_id", "职位编号", "岗位编号", "职位id", "職位編號", "職缺編號", "求人番号",
        "求人id", "案件番号", "募集番号", "رقم الوظيفة", "الرقم المرجعي", "رقم المرجع",
        "מספר משרה", "קוד משרה", "מס' משרה")
_labels("experience_years", "经验", "工作经验", "经验要求", "工作經驗", "經驗要求", "経験",
        "経験年数", "必要経験", "الخبرة", "سنوات الخبرة", "الخبرة المطلوبة", "ניסיון",
        "שנות ניסיון", "ניסיון נדרש")
_labels("education", "学历", "学历要求", "學歷", "學歷要求", "学歴", "最終学歴", "المؤهل",
        "المؤهل العلمي", "التعليم", "المستوى التعليمي", "השכלה", "השכלה נדרשת")

# labels of those languages that are common English words too: a label only in a
# posting of their language ("Cargo:" is a Spanish posting's position, an English one's
# freight, and a Portuguese one's position too; "Service:" a French department, in
# English "24/7 operations"; "Formation:" a French posting's training, an English one's
# rock; "Datum:" a German date, an English survey's reference; "Gratification:" a French
# intern's pay)
ONLY_IN = {"cargo": ("es", "pt"), "service": ("fr",), "formation": ("fr",),
           "gratification": ("fr",), "datum": ("de",)}


def label_field(key: str, doc: Document) -> str | None:
    """The field the label ``key`` (lower case) names in ``doc``: None where it is no
    label, or one of ``ONLY_IN`` in a posting of another language."""
    field = LABELS.get(key)
    if field is not None and key in ONLY_IN and language_of(doc.markdown) not in ONLY_IN[key]:
        return None
    return field


# what ends a label: a colon (or a full-width one, "："), a hash, a spaced dash (the
# look-ahead names the characters a match can start with: the scan then skips every other
# place at once)
_SEPARATOR = lazy_compile(r"(?=[\s(:#–：])\s*(?:\(s\))?\s*(?:[:#：]+|\s-\s|–)\s*")
_LONGEST = max(len(k.split()) for k in LABELS)


def starts_with_label(text: str) -> bool:
    """Does the line open with a known label ("Location: …")?"""
    head = re.match(r"\s*([^:]{1,40}):", text)
    return bool(head and head.group(1).strip().lower() in LABELS)


@dataclass
class Labelled:
    field: str
    label: str
    value: str
    start: int  # span of the value in the Markdown; -1 when it came from context
    end: int


def labelled_values(doc: Document) -> list[Labelled]:
    """Every labelled value in the posting, then in the page context, in order."""
    found: list[Labelled] = []
    blocks = doc.blocks
    for i, block in enumerate(blocks):
        if block.kind == "heading":
            key = block.text.strip().rstrip(":：").strip().lower()
            if (field := label_field(key, doc)) is not None:
                found.extend(_value_below(doc, i, field))
            continue
        if block.text.startswith("|") and (row := _in_row(doc, block)) is not None:
            found.append(row)
            continue
        found.extend(_in_line(block.text, doc, block))
        if block.kind == "para" and _label_alone(doc, block):
            key = block.text.strip().rstrip(":：").strip().lower()
            if (field := label_field(key, doc)) is not None:
                found.extend(_value_below(doc, i, field))
    for line in doc.context:
        found.extend(_in_line(line, doc, None))
    return found


_BAR = lazy_compile(r"(?<!\\)\|")  # (a bar escaped, "\\|", is a cell's text)


def _in_row(doc: Document, block: Block) -> Labelled | None:
    """A table's row of a label and its value ("| Location | Lewiston, ME |"), read as
    the line "Location: Lewiston, ME" is; None for a row of other cells."""
    line = doc.markdown[block.start:block.end]
    bars = [bar.start() for bar in _BAR.finditer(line)]
    cells = [(a + 1, b) for a, b in itertools.pairwise(bars) if line[a + 1:b].strip()]
    if len(cells) != 2:
        return None
    (label_start, label_end), (start, end) = cells
    label = plain(line[label_start:label_end]).rstrip(":").strip()
    field = label_field(label.lower(), doc)
    if field is None:
        return None
    value = plain(line[start:end])
    at = line.find(value, start, end)
    if at < 0:  # (written with markup: the cell is its evidence)
        at, value_end = start + len(line[start:end]) - len(line[start:end].lstrip()), end
    else:
        value_end = at + len(value)
    return Labelled(field, label, value, block.start + at,
                    block.start + len(line[:value_end].rstrip()))


def _label_alone(doc: Document, block: Block) -> bool:
    """Does a paragraph hold a label alone, its value on the next line: ending in a colon,
    or wholly bold ("**job requisition id**" over "R-0042317", as Workday writes it)?"""
    line = doc.markdown[block.start:block.end].strip()
    return block.text.rstrip().endswith((":", "：")) or _BOLD.fullmatch(line) is not None


_BOLD = lazy_compile(r"(\*\*|__)[^*_\n]{1,60}\1:?")


def _next_value(blocks: list[Block], i: int) -> Block | None:
    if i + 1 < len(blocks):
        nxt = blocks[i + 1]
        if nxt.kind == "para" and len(nxt.text) <= 120 and not nxt.text.endswith((":", "：")):
            return nxt
    return None


def _value_below(doc: Document, i: int, field: str) -> list[Labelled]:
    """The value on the line below the label of block ``i``; for places, each line of
    that paragraph that names a place too ("**Locations**" over "Washington, DC" and
    "Martinsburg, WV", parted by a line break), as one value of places parted by
    semicolons."""
    label, nxt = doc.blocks[i].text, _next_value(doc.blocks, i)
    if nxt is None:
        return []
    lines = [nxt]
    while field == "locations" and len(lines) < 10 and \
            (more := _next_value(doc.blocks, i + len(lines))) is not None and \
            doc.markdown.count("\n", lines[-1].end, more.start) == 1 and \
            looks_like_location(more.text):
        lines.append(more)
    value = "; ".join(line.text.rstrip(" ;") for line in lines)
    return [Labelled(field, label, value, nxt.start, lines[-1].end)]


_MAYBE_LABEL = lazy_compile(r"[:#–：]|\s-\s")
_SHORT_LABELS = frozenset(
    "type date role job post rate pay level grade status function area contract city "
    "experience education opening team category remote hours reference ref ref. closes client "
    "degree qualification practice schedule wage employment title position".split()
    # the same of German, French and Spanish, and those that are English words too
    + "stelle poste titre puesto cargo bereich service área ort lieu ville lugar datum fecha "
    "plazo referenz référence réf réf. referencia código horas contrat contrato jornada "
    "anstellung nivel erfahrung expérience experiencia ausbildung abschluss formation "
    "estudios lohn modalidad firma".split()
)


# what may open a label's first word: a bullet, a bar, a bracket, a mark that sets the
# direction of the line ("\u200fCompany: …")
_OPENERS = "•·|-–*(" + DIRECTION_MARKS


def _find_labels(text: str, doc: Document) -> list[tuple[int, int, str]]:
    """(label start, value start, label) for each known label in a line.

    A label counts at the start of the line, after a stop, bar or bullet, after a
    wide gap or a number, or, written with a capital, after any word."""
    found: list[tuple[int, int, str]] = []
    for sep in _SEPARATOR.finditer(text):
        head = text[:sep.start()]
        words = head[-80:].split()
        for k in range(min(_LONGEST, len(words)), 0, -1):
            phrase = " ".join(words[-k:])
            key = phrase.lower().lstrip(_OPENERS)
            if "#" in sep.group() and f"{key} #" in LABELS:
                key = f"{key} #"  # "Job #: 4410" labels the job's number, not the job
            if label_field(key, doc) is None:
                continue
            start = head.rfind(words[-k]) + (len(words[-k]) - len(words[-k].lstrip(_OPENERS)))
            if not _label_boundary(text, start, key):
                continue
            if found and start < found[-1][1]:
                break  # inside the previous label's separator
            found.append((start, sep.end(), key))
            break
    return found


def _label_boundary(text: str, start: int, key: str) -> bool:
    before = text[:start]
    if not before.strip(" -*•·>#" + DIRECTION_MARKS) or re.fullmatch(r"\s*\d{1,2}[.)]\s*", before):
        return True  # at the start of the line, or of a list item
    if " " not in key and key in _SHORT_LABELS:
        return False  # one-word labels ("Type", "Date") only at the start of a line
    stripped = before.rstrip()
    last = stripped[-1]
    gap = len(before) - len(stripped)
    if last in ".;|•·，；。" or gap >= 2 or last.isdigit() or last == ")":
        return True
    if gap >= 1 and not text[start].isupper() and not text[start].islower():
        return True  # a label of a script with no capitals after a space ("…　地点：上海")
    # after a word: a capitalised label after a lower-case word ("… contract Location:"),
    # not the tail of a longer label ("ABOUT COMPANY:", "Hiring Company:")
    word = stripped.split()[-1]
    return gap >= 1 and text[start].isupper() and word[:1].islower()


def _in_line(text: str, doc: Document, block: Block | None) -> list[Labelled]:
    if len(text) > 400 or not _MAYBE_LABEL.search(text):
        return []  # labels sit on short lines, not in paragraphs
    labels = _find_labels(text, doc)
    out = []
    for j, (label_start, value_start, key) in enumerate(labels):
        end = labels[j + 1][0] if j + 1 < len(labels) else len(text)
        raw = text[value_start:end]
        value = raw.strip().rstrip(".;,|").strip().strip(DIRECTION_MARKS).strip()
        if not value:
            continue
        lead = len(raw) - len(raw.lstrip())
        start = value_start + lead
        span = _span_in_markdown(doc, block, text, start, value) if block is not None \
            else (-1, -1)
        label = text[label_start:label_start + len(key)]
        out.append(Labelled(LABELS[key], label, value, *span))
    return out


def _span_in_markdown(
    doc: Document, block: Block, text: str, at: int, value: str
) -> tuple[int, int]:
    """Map an offset in a block's plain text back to the Markdown."""
    segment = doc.markdown[block.start:block.end]
    guess = segment.find(value)
    if guess < 0:
        guess = lower_keep_offsets(segment).find(lower_keep_offsets(value))
    if guess < 0:
        return block.start, block.end
    return block.start + guess, block.start + guess + len(value)
