"""Section headings of postings written in German, French and Spanish, and in Chinese,
Japanese, Arabic and Hebrew.

The headings those languages' postings put over their tasks, the profile they ask
for and what they offer ("Ihre Aufgaben", "Votre profil", "Qué ofrecemos"), mapped to
the list field their items feed as ``lexicon.SECTION_HEADINGS`` maps the English ones
(None: part of the posting, no field of ours). Written in lower case; a Spanish
question keeps its marks ("¿Qué harás?"), as ``lexicon.heading_key`` leaves them.
"""

from __future__ import annotations

from reviewer.core.words.org_names import PARTICLE_WORDS
from reviewer.core.words.regex import lazy_compile

HEADINGS: dict[str, str | None] = {}


def _headings(field: str | None, *phrases: str) -> None:
    for phrase in phrases:
        HEADINGS[phrase] = field
        if phrase.startswith("¿"):
            HEADINGS[phrase.strip("¿?")] = field  # "Qué harás" written with no marks


_headings(
    "responsibilities",
    # German
    "ihre aufgaben", "deine aufgaben", "aufgaben", "ihr aufgabengebiet", "dein aufgabengebiet",
    "aufgabengebiet", "ihre tätigkeiten", "deine tätigkeiten", "tätigkeiten",
    "ihre verantwortung", "deine verantwortung", "ihre rolle", "deine rolle",
    "aufgaben und verantwortlichkeiten", "das erwartet sie", "das erwartet dich",
    "das sind ihre aufgaben", "das sind deine aufgaben", "deine mission", "ihre mission",
    # French
    "vos missions", "votre mission", "missions", "vos principales missions",
    "missions principales", "vos responsabilités", "responsabilités", "vos tâches", "tâches",
    "votre rôle", "le poste", "ce que vous ferez", "vos activités", "activités principales",
    # Spanish
    "funciones", "tus funciones", "sus funciones", "funciones principales",
    "responsabilidades", "tus responsabilidades", "principales responsabilidades", "tareas",
    "tus tareas", "tu misión", "tu rol", "¿qué harás?", "¿qué vas a hacer?",
    "lo que harás",
)
_headings(
    "required_qualifications",
    "ihr profil", "dein profil", "profil", "anforderungen", "ihre qualifikationen",
    "deine qualifikationen", "qualifikationen", "anforderungsprofil", "voraussetzungen",
    "was sie mitbringen", "was du mitbringst", "das bringen sie mit", "das bringst du mit",
    "das zeichnet sie aus", "das zeichnet dich aus", "ihre kenntnisse", "was wir erwarten",
    "was wir uns wünschen", "votre profil", "profil recherché", "profil du candidat",
    "profil souhaité", "compétences requises", "compétences", "exigences", "prérequis",
    "ce que nous recherchons", "qui êtes-vous", "vous êtes", "requisitos", "requisitos mínimos",
    "perfil", "tu perfil", "perfil buscado", "perfil requerido", "¿qué buscamos?",
    "lo que buscamos", "buscamos", "requerimientos", "competencias", "¿qué necesitas?",
)
_headings(
    "preferred_qualifications",
    "wünschenswert", "von vorteil", "pluspunkte", "idealerweise", "atouts", "les plus",
    "serait un plus", "compétences souhaitées", "se valorará", "valorable", "deseable",
    "requisitos deseables", "se valora",
)
_headings(
    "benefits",
    "wir bieten", "das bieten wir", "was wir bieten", "wir bieten ihnen", "wir bieten dir",
    "das bieten wir ihnen", "das bieten wir dir", "unser angebot", "ihre vorteile",
    "deine vorteile", "vorteile", "ihre benefits", "deine benefits",
    "darauf können sie sich freuen", "darauf kannst du dich freuen",
    "ce que nous offrons", "nous offrons", "ce que nous vous offrons", "ce que nous proposons",
    "nous proposons", "ce que nous vous proposons", "avantages", "vos avantages",
    "les avantages", "notre offre", "pourquoi nous rejoindre", "rémunération et avantages",
    "ofrecemos", "¿qué ofrecemos?", "lo que ofrecemos", "te ofrecemos", "¿qué te ofrecemos?",
    "beneficios", "nuestra oferta", "¿por qué unirte?",
)

_headings(
    None,
    "über uns", "wer wir sind", "das unternehmen", "stellenbeschreibung", "ihre bewerbung",
    "bewerbung", "kontakt", "ihr ansprechpartner", "ihre ansprechpartnerin",
    "à propos de nous", "qui sommes-nous", "qui sommes-nous ?", "description du poste",
    "l'entreprise", "présentation de l'entreprise", "comment postuler",
    "informations complémentaires", "processus de recrutement", "sobre nosotros",
    "quiénes somos", "¿quiénes somos?", "descripción", "descripción del puesto",
    "descripción de la oferta", "la empresa", "cómo aplicar", "información adicional",
)

# … and of Chinese (simplified and traditional), Japanese, Arabic and Hebrew postings
# ("岗位职责", "【仕事内容】", "المسؤوليات", "דרישות": ``lexicon.heading_key`` takes off
# the brackets and the full-width colon they are written with)
_headings(
    "responsibilities",
    "岗位职责", "工作职责", "职位职责", "主要职责", "职责描述", "工作内容", "岗位内容", "职责",
    "崗位職責", "工作職責", "職位職責", "主要職責", "職責", "工作內容",
    "仕事内容", "お仕事内容", "仕事の内容", "業務内容", "職務内容", "担当業務", "主な業務",
    "具体的な業務内容", "具体的な仕事内容",
    "المسؤوليات", "المهام", "المهام والمسؤوليات", "المسؤوليات والمهام", "مسؤوليات الوظيفة",
    "المهام الرئيسية", "الواجبات", "مهام الوظيفة",
    "תחומי אחריות", "אחריות", "משימות", "מה תעשו", "מה תעשה", "התפקיד כולל",
)
_headings(
    "required_qualifications",
    "任职要求", "任职资格", "岗位要求", "职位要求", "资格要求", "应聘要求", "招聘要求",
    "技能要求", "任职条件", "要求", "任職要求", "任職資格", "崗位要求", "職位要求",
    "條件要求", "應徵條件", "資格要求",
    "応募資格", "応募条件", "必須条件", "必須スキル", "必須要件", "必要なスキル",
    "必要な経験", "求めるスキル", "必須スキル・経験", "応募資格・条件",
    "المؤهلات المطلوبة", "المؤهلات", "المتطلبات", "متطلبات الوظيفة", "المهارات المطلوبة",
    "الشروط", "الخبرات المطلوبة", "المهارات والمؤهلات",
    "דרישות", "דרישות התפקיד", "דרישות המשרה", "דרישות חובה", "כישורים",
    "מה אנחנו מחפשים",
)
_headings(
    "preferred_qualifications",
    "加分项", "优先条件", "优先考虑", "加分項", "優先條件", "優先考慮",
    "歓迎条件", "歓迎スキル", "歓迎要件", "尚可", "あれば尚可", "歓迎スキル・経験",
    "يفضل", "المؤهلات المفضلة", "مؤهلات إضافية", "ميزة إضافية",
    "יתרון", "יתרונות", "נחמד שיהיה",
)
_headings(
    "benefits",
    "福利待遇", "福利", "薪资福利", "薪酬福利", "员工福利", "我们提供", "薪資福利",
    "員工福利", "我們提供", "福利厚生", "待遇・福利厚生", "待遇", "待遇・福利",
    "المزايا", "المميزات", "الامتيازات", "ما نقدمه", "نقدم لك", "ماذا نقدم",
    "הטבות", "מה אנחנו מציעים", "אנחנו מציעים", "תנאים",
)
_headings(
    None,
    "公司简介", "公司介绍", "关于我们", "职位描述", "岗位描述", "联系方式", "申请方式",
    "公司簡介", "公司介紹", "關於我們", "職位描述", "聯絡方式", "應徵方式",
    "会社概要", "企業概要", "会社紹介", "募集要項", "求人概要", "選考プロセス",
    "選考フロー", "応募方法",
    "عن الشركة", "نبذة عن الشركة", "من نحن", "عن الدور", "الوصف الوظيفي", "وصف الوظيفة",
    "طريقة التقديم", "كيفية التقديم",
    "על החברה", "על התפקיד", "מי אנחנו", "אודות", "תיאור התפקיד",
)

# what Chinese and Japanese headings are written in, before and after their words
# ("【仕事内容】", "■応募資格", "岗位职责：")
HEADING_OPENERS = "【〔［＜《〈■◆◇□●○★☆▼▽▶►"
HEADING_CLOSERS = "】〕］＞》〉："


# Words that make a short line of those languages read like a job title, lower case
# ("Ingeniero de Datos", "Chargée de recrutement"), each also with a feminine ending
# where one is written ("-in", "-e", "-a") …
JOB_NOUNS = (
    "ingenieur ingénieur ingeniero entwickler développeur développeuse desarrollador "
    "programador berater leiter mitarbeiter sachbearbeiter referent kaufmann kauffrau "
    "techniker technicien técnico werkstudent praktikant auszubildender azubi fachkraft "
    "spezialist assistent verkäufer buchhalter erzieher lehrer monteur elektriker "
    "mechaniker pfleger fahrer geschäftsführer chargé chargée responsable directeur "
    "directrice technicienne comptable conseiller conseillère gestionnaire stagiaire "
    "alternant alternante vendeur vendeuse infirmier infirmière cuisinier serveur juriste "
    "architecte analyste employé employée opérateur opératrice formateur formatrice "
    "enseignant animateur magasinier caissier caissière acheteur rédacteur rédactrice "
    "graphiste administrateur coordinateur coordinatrice superviseur préparateur jefe jefa "
    "gerente directora analista consultor consultora asesor asesora dependiente dependienta "
    "administrativo administrativa auxiliar becario becaria enfermero enfermera camarero "
    "camarera cocinero cocinera profesor profesora diseñador diseñadora contable abogado "
    "abogada arquitecto arquitecta vendedor vendedora coordinador coordinadora operario "
    "operaria cajero cajera repartidor especialista encargado encargada recepcionista "
    "teleoperador"
).split()
# … and the German ones that end a compound ("Softwareentwickler", "Projektleiterin")
COMPOUND_NOUNS = (
    "entwickler ingenieur berater leiter mitarbeiter sachbearbeiter referent techniker "
    "spezialist assistent kaufmann kauffrau fachkraft verkäufer monteur elektriker "
    "mechaniker pfleger fahrer planer"
).split()
# the genders a title is open to, as German, French and Spanish titles write them:
# "(m/w/d)", "(H/F)", "(all genders)", "Ingeniero/a", "Chargé(e)"
GENDER_MARK = (r"\((?:[mwdfhx]\s?/\s?){1,3}[mwdfhx]\*?\)|\(all genders\)|"
               r"\b[^\W\d_]{3,}/a\b|\b[^\W\d_]{3,}\(e\)")

# … and those of Chinese, Japanese, Arabic and Hebrew titles ("高级数据工程师",
# "シニアエンジニア", "مهندس برمجيات", "מפתח/ת"): in Chinese and Japanese anywhere in a line
# (no space parts their words), in Arabic and Hebrew as a word, perhaps after the article
# or the "and" joined to it ("المهندس", "והמפתח") and with a feminine or plural ending
_HAN_KANA_NOUNS = (
    "工程师 工程師 程序员 程式設計師 经理 經理 总监 總監 主管 专员 專員 助理 顾问 顧問 "
    "分析师 分析師 设计师 設計師 架构师 架構師 会计师 會計師 实习生 實習生 研究员 研究員 "
    "教师 教師 护士 護士 司机 司機 厨师 廚師 律师 律師 专家 專家 客服 店长 店長 主任 "
    "エンジニア マネージャー マネジャー デザイナー プログラマー コンサルタント アナリスト "
    "ディレクター リーダー スタッフ アシスタント インターン スペシャリスト アーキテクト "
    "担当者 看護師 薬剤師 講師 技術者 責任者 事務員 営業職"
).split()
_RTL_NOUNS = (
    "مهندس مطور مبرمج مدير محلل مصمم محاسب أخصائي اخصائي مسؤول مشرف منسق مساعد مستشار "
    "باحث معلم مدرس ممرض سائق موظف مندوب خبير مترجم طبيب صيدلي "
    "מפתח מהנדס מנהל אנליסט מעצב רכז נציג מתכנת יועץ חוקר מדען טכנאי מזכיר נהג מורה"
).split()
# (the look-ahead names the letters a match starts with: a search skips the others at once)
SCRIPT_JOB_NOUN = ("(?=[\u05d0-\u05ea\u0620-\u064a\u30a0-\u30ff\u4e00-\u9fff])(?:"
                   + "|".join(_HAN_KANA_NOUNS) + r"|(?<![^\W\d_])(?:و?ال|و|ל|וה|ה|ו)?(?:"
                   + "|".join(_RTL_NOUNS) + r")(?:ة|ات|ون|ين|ית|ת|ים|ות)?(?![^\W\d_]))")

# the small words each language writes most, none shared by two of them ("la", "en",
# "des" and "die" are), to tell the language a posting is written in
_FUNCTION_WORDS = {
    "en": "the and of to with you your we our for is are will be an this that".split(),
    "de": "der das und mit für ist sind wir sie ihre ihr im den dem bei zu auf ein eine "
          "oder".split(),
    "fr": "le les et du pour vous nous avec est sont une dans au aux sur votre vos ou".split(),
    "es": "el los las y del para con es son una tu su nuestro por al o".split(),
    "pt": "com em uma não ao você seu sua nossa nosso são é os dos na pelo pela".split(),
    "it": "di della delle degli nel nella che sono gli è anche nostra nostro".split(),
    "nl": "het een van voor met bij naar niet ook wij jij ons onze zijn uur".split(),
    "sv": "att för är som och inte eller våra söker".split(),
    "no": "og ikke hos vårt våre søker".split(),
    "pl": "się jest oraz dla lub przez jako umowa zatrudni pracy".split(),
}
_LANGUAGE_OF = {word: language for language, words in _FUNCTION_WORDS.items()
                for word in words}


# letters of the scripts that tell a language by themselves: kana is Japanese's alone (a
# Japanese text writes Chinese characters among it), Chinese characters without kana are
# Chinese; Arabic and Hebrew letters; and Latin ones, to weigh them against
_KANA = lazy_compile("[\u3041-\u3096\u30a1-\u30fa]")
_HAN = lazy_compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_ARABIC = lazy_compile("[\u0620-\u064a\u066e-\u06d3]")
_HEBREW = lazy_compile("[\u05d0-\u05ea]")
_LATIN = lazy_compile("[A-Za-z\u00c0-\u024f]")


# small words of those languages that are English ones too, or that write a name or a
# citation in English ("9 till 5", "SLAs met", "au pair", "et al.", "the OS"): a hint only
_WEAK = frozenset("till met au et al die os vi na em er son o".split())
# letters that only other languages write, in a word in small letters ("søker", "pracę";
# not a place's name, "São Paulo", "Malmö"), and the languages each may be
_MARKED = {**dict.fromkeys("łąęśżźćń", ("pl",)), **dict.fromkeys("ãõ", ("pt",)),
           **dict.fromkeys("øæ", ("no",)), "å": ("sv", "no"), "ç": ("pt", "fr"),
           **dict.fromkeys("äö", ("de", "sv"))}
_MARKED_LETTER = lazy_compile("[" + "".join(_MARKED) + "]")
_STRIP = ".,;:!?()«»\"'"


def _evidence(head: str) -> dict[str, float]:
    """How much ``head`` speaks for each language: a small word of its own 1 (one that is
    English too a half), a word in small letters with a letter of its own 2, up to 4 (a
    long text's small words decide it)."""
    counts = dict.fromkeys(_FUNCTION_WORDS, 0.0)
    letters = dict.fromkeys(_FUNCTION_WORDS, 0.0)
    for word in head.split():
        word = word.strip(_STRIP)
        low = word.lower()
        if (language := _LANGUAGE_OF.get(low)) is not None:
            counts[language] += 0.5 if low in _WEAK else 1
        elif word.islower() and (letter := _MARKED_LETTER.search(word)) is not None:
            for language in _MARKED[letter.group()]:
                letters[language] = min(letters[language] + 2, 4)
    return {language: counts[language] + letters[language] for language in counts}


def language_of(text: str) -> str | None:
    """The language ``text`` is written in, by the first few thousand characters: "zh",
    "ja", "ar" or "he" where that script's letters outweigh the Latin ones (a Chinese or
    Japanese character as much as three: one says as much as a short word), kana telling
    Japanese from Chinese; else by its small words and the letters only some languages
    write, "en", "de", "fr", "es", "pt", "it", "nl", "sv", "no" (or Danish), "pl" — or
    None where no language leads the next by two small words (a short list of skills,
    "9 till 5", "Modelo: CLT"): it may be either."""
    head = text[:4000]
    if not head.isascii():
        latin = len(_LATIN.findall(head))
        kana = len(_KANA.findall(head))
        if 3 * (kana + len(_HAN.findall(head))) > latin:
            return "ja" if kana >= 2 else "zh"
        for script, letters in (("ar", _ARABIC), ("he", _HEBREW)):
            if len(letters.findall(head)) > latin:
                return script
    counts = _evidence(head)
    first, second = sorted(counts.values(), reverse=True)[:2]
    if first - second < 2:
        return None
    return max(counts, key=lambda language: counts[language])


def clearly_english(text: str, least: float = 1) -> bool:
    """Is ``text`` written in English by at least ``least`` of its small words (weighed
    as ``language_of`` weighs them), more than of any other language's? Not merely "no
    other language found": a short Spanish posting ("Sueldo: $9,500 mensuales") writes
    no English one; "We are hiring a sales manager." does."""
    counts = _evidence(text[:4000])
    return counts["en"] >= least and all(counts["en"] > n for language, n in counts.items()
                                          if language != "en")


# the small words of the other languages of Europe a posting may be written in: none an
# English word too ("do", "no", "at", "on", "me", "per"), nor one that joins the words of
# a name that an English posting may write ("Banco de la Nación", "Van der Valk")
_OTHER_SMALL_WORDS = frozenset(
    [word for language, words in _FUNCTION_WORDS.items() if language != "en" for word in words]
    # more of French's; Italian, Dutch, Portuguese, Polish, Swedish, Danish, Norwegian, Finnish
    + ("ce cette notre nos il che sono siamo nel nella alla ai gli het een en voor met zijn "
       "wij jouw naar ook niet os não você nossa em na się jest oraz dla od jako lub przez "
       "att för är som av till det ett vi du er til ja että tai olet sinä").split()
) - PARTICLE_WORDS


def written_in_english(text: str) -> bool:
    """Does ``text`` write as many of English's small words as of the other languages of
    Europe's, by its first few thousand characters, or too few of theirs to say (two,
    those that are English words too a half: "9 till 5", "et al.")? Theirs count written
    in small letters only ("Los Angeles", "Springfield, IL"), and so do the words with a
    letter English does not write ("søker", "pracę"), as two.
    Broader than ``language_of``, for the words of a name that English writes otherwise."""
    english = other = 0.0
    for word in text[:4000].split():
        word = word.strip(_STRIP)
        english += _LANGUAGE_OF.get(word.lower()) == "en"
        if word in _OTHER_SMALL_WORDS:
            other += 0.5 if word in _WEAK else 1
        elif word.islower() and _MARKED_LETTER.search(word):
            other += 2
    return english >= other or other < 2
