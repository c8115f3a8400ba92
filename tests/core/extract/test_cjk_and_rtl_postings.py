"""Postings written in Chinese (simplified and traditional), Japanese, Arabic and Hebrew:
their labels ("职位：", "勤務地：", "الموقع:", "מיקום:"), with a full-width colon or a plain
one, and their section headings ("岗位职责：", "【仕事内容】", "المسؤوليات:", "דרישות:") are
read as the English ones are; a section heading is never the title; employment terms,
ways of working and pay are read as those postings write them ("正社員", "دوام كامل",
"月給35万円～50万円", "25,000 درهم شهريًا"), each value's evidence the words it came from."""

from __future__ import annotations

import pytest

from reviewer.core.clean import clean
from reviewer.core.extract import extract
from reviewer.core.extract.dates import find_date
from reviewer.core.extract.pay_scripts import posting_yen
from reviewer.core.extract.salary import find_salary
from reviewer.core.extract.vocab import education_level, employment_type, remote_mode
from reviewer.core.words.lexicon import has_job_noun, section_field
from reviewer.core.words.other_languages import language_of

CHINESE = """职位：后端开发工程师
公司：杭州星河网络科技有限公司
工作地点：杭州市西湖区
工作性质：全职
薪资：¥25,000-¥35,000/月
部门：基础架构部
发布日期：2025年3月1日
截止日期：2025-04-15
职位编号：HZ-2041
经验要求：3年以上
学历要求：本科及以上

岗位职责：
- 负责后端服务的设计与开发
- 参与系统架构评审

任职要求：
1、计算机相关专业本科及以上学历
2、熟悉Go或Java

加分项：
- 有开源项目经验

福利待遇：六险一金、年度体检
"""

TRADITIONAL = """職位名稱：資深軟體工程師
公司名稱：台北數位科技股份有限公司
工作地點：台北市信義區
工作性質：兼職
薪資：月薪NT$60,000~90,000

工作內容：
- 維護後端服務
- 撰寫技術文件

條件要求：
- 三年以上開發經驗
"""

JAPANESE = """募集職種：バックエンドエンジニア
会社名：株式会社みなとデータ
勤務地：大阪府大阪市
雇用形態：契約社員
給与：月給35万円～50万円
配属部署：開発本部
掲載日：2025/03/01
求人番号：JP-7730

【仕事内容】
・APIの設計と開発
・運用の改善

【応募資格】
・Webアプリケーションの開発経験

【歓迎条件】
・クラウド環境での開発経験

【福利厚生】
・各種社会保険完備
・フルリモート可
"""

ARABIC = """مطور واجهات أمامية

الشركة: شركة الأفق الرقمية
الموقع: الرياض، المملكة العربية السعودية
نوع الوظيفة: دوام جزئي
الراتب: 12,000 - 15,000 ريال شهريًا
القسم: تقنية المعلومات
رقم الوظيفة: RY-118
آخر موعد للتقديم: 2025-05-31

نبحث عن مطور واجهات أمامية للانضمام إلى فريقنا في الرياض.

المسؤوليات:
- تطوير واجهات المستخدم باستخدام React
- تحسين أداء التطبيقات

المؤهلات المطلوبة:
- ثلاث سنوات من الخبرة
- درجة البكالوريوس في علوم الحاسوب

المزايا:
- تأمين طبي
- إجازة سنوية مدفوعة
"""

HEBREW = """מפתח/ת Backend

חברה: סייבר-טק בע"מ
מיקום: חיפה, ישראל
היקף משרה: משרה מלאה
שכר: 25,000-32,000 ש"ח לחודש
מחלקה: פיתוח

תחומי אחריות:
- פיתוח שירותים בענן
- כתיבת בדיקות

דרישות:
- ניסיון של שלוש שנים לפחות ב-Python
- תואר ראשון במדעי המחשב

הטבות:
- ביטוח בריאות
- קרן השתלמות
"""

EXPECTED = {
    "Chinese": (CHINESE, {
        "title": "后端开发工程师", "company": "杭州星河网络科技有限公司",
        "locations": ["杭州市西湖区"], "employment_type": "full_time",
        "salary": {"min": 25000, "max": 35000, "currency": "CNY", "period": "month"},
        "department": "基础架构部", "date_posted": "2025-03-01",
        "valid_through": "2025-04-15", "requisition_id": "HZ-2041", "experience_years": 3,
        "education": "bachelor",
        "responsibilities": ["负责后端服务的设计与开发", "参与系统架构评审"],
        "required_qualifications": ["计算机相关专业本科及以上学历", "熟悉Go或Java"],
        "preferred_qualifications": ["有开源项目经验"],
        "benefits": ["六险一金、年度体检"],
    }),
    "Traditional Chinese": (TRADITIONAL, {
        "title": "資深軟體工程師", "company": "台北數位科技股份有限公司",
        "locations": ["台北市信義區"], "employment_type": "part_time",
        "salary": {"min": 60000, "max": 90000, "currency": "TWD", "period": "month"},
        "responsibilities": ["維護後端服務", "撰寫技術文件"],
        "required_qualifications": ["三年以上開發經驗"],
    }),
    "Japanese": (JAPANESE, {
        "title": "バックエンドエンジニア", "company": "株式会社みなとデータ",
        "locations": ["大阪府大阪市"], "employment_type": "contract", "remote": "remote",
        "salary": {"min": 350000, "max": 500000, "currency": "JPY", "period": "month"},
        "department": "開発本部", "date_posted": "2025-03-01", "requisition_id": "JP-7730",
        "responsibilities": ["APIの設計と開発", "運用の改善"],
        "required_qualifications": ["Webアプリケーションの開発経験"],
        "preferred_qualifications": ["クラウド環境での開発経験"],
        "benefits": ["各種社会保険完備", "フルリモート可"],
    }),
    "Arabic": (ARABIC, {
        "title": "مطور واجهات أمامية", "company": "شركة الأفق الرقمية",
        "locations": ["الرياض، المملكة العربية السعودية"], "employment_type": "part_time",
        "salary": {"min": 12000, "max": 15000, "currency": "SAR", "period": "month"},
        "department": "تقنية المعلومات", "requisition_id": "RY-118",
        "valid_through": "2025-05-31",
        "responsibilities": ["تطوير واجهات المستخدم باستخدام React", "تحسين أداء التطبيقات"],
        "required_qualifications": ["ثلاث سنوات من الخبرة", "درجة البكالوريوس في علوم الحاسوب"],
        "benefits": ["تأمين طبي", "إجازة سنوية مدفوعة"],
    }),
    "Hebrew": (HEBREW, {
        "title": "מפתח/ת Backend", "company": 'סייבר-טק בע"מ', "locations": ["חיפה, ישראל"],
        "employment_type": "full_time",
        "salary": {"min": 25000, "max": 32000, "currency": "ILS", "period": "month"},
        "department": "פיתוח",
        "responsibilities": ["פיתוח שירותים בענן", "כתיבת בדיקות"],
        "required_qualifications": ["ניסיון של שלוש שנים לפחות ב-Python",
                                    "תואר ראשון במדעי המחשב"],
        "benefits": ["ביטוח בריאות", "קרן השתלמות"],
    }),
}


@pytest.mark.parametrize("language", sorted(EXPECTED))
def test_a_posting_of_the_language_gives_its_fields(language: str) -> None:
    raw, expected = EXPECTED[language]
    result = extract(clean(raw, "text"))
    got = {name: result.fields[name] for name in expected}
    assert got == expected


# the names a value is read from as written: its evidence is those words
_NAMES = ("title", "company", "department", "locations", "responsibilities",
          "required_qualifications", "preferred_qualifications", "benefits")


@pytest.mark.parametrize("language", sorted(EXPECTED))
def test_the_evidence_of_each_value_is_its_words(language: str) -> None:
    raw, expected = EXPECTED[language]
    doc = clean(raw, "text")
    result = extract(doc)
    for name in _NAMES:
        if name not in expected:
            continue
        value = result.fields[name]
        values = value if isinstance(value, list) else [value]
        shown = [doc.markdown[start:end] for start, end in result.evidence[name]]
        assert shown == values, name
    start, end = result.evidence["salary"][0]
    assert find_salary(doc.markdown[start:end], labelled=True) is not None


@pytest.mark.parametrize("heading", [
    "岗位职责", "任职要求", "【仕事内容】", "【応募資格】", "المسؤوليات", "المؤهلات المطلوبة",
    "תחומי אחריות", "דרישות", "■福利厚生", "職責：",
])
def test_a_section_heading_is_never_the_title(heading: str) -> None:
    """A heading over a list, with no title line above it, gives no title."""
    raw = f"{heading}\n\n- 负责后端服务的设计与开发\n- 参与系统架构评审\n"
    result = extract(clean(raw, "text"))
    assert result.fields["title"] is None
    assert section_field(heading)[0]


def test_the_headings_of_the_languages_name_their_sections() -> None:
    assert section_field("岗位职责")[1] == "responsibilities"
    assert section_field("【応募資格】")[1] == "required_qualifications"
    assert section_field("加分项：")[1] == "preferred_qualifications"
    assert section_field("المزايا")[1] == "benefits"
    assert section_field("הטבות")[1] == "benefits"


def test_the_language_of_a_posting_is_told_by_its_script() -> None:
    assert language_of(CHINESE) == "zh"
    assert language_of(TRADITIONAL) == "zh"
    assert language_of(JAPANESE) == "ja"
    assert language_of(ARABIC) == "ar"
    assert language_of(HEBREW) == "he"
    # a few words of another script in an English posting leave it English
    assert language_of("We are hiring a Data Engineer in our Tokyo office (東京). You will "
                       "build pipelines with Python and SQL.") == "en"


@pytest.mark.parametrize(("text", "kind"), [
    ("全职", "full_time"), ("兼职", "part_time"), ("实习", "internship"), ("合同", "contract"),
    ("正社員", "full_time"), ("契約社員", "contract"), ("派遣社員", "temporary"),
    ("アルバイト・パート", "part_time"), ("دوام كامل", "full_time"),
    ("دوام جزئي", "part_time"), ("משרה מלאה", "full_time"), ("משרה חלקית", "part_time"),
])
def test_employment_terms_of_the_languages(text: str, kind: str) -> None:
    assert employment_type(text) == kind


def test_no_terms_in_words_that_only_hold_them() -> None:
    assert employment_type("パートナー企業") is None  # a partner, no part time
    assert employment_type("签订劳动合同") is None  # every employee's contract


@pytest.mark.parametrize(("text", "mode"), [
    ("リモートワーク可（週2日出社）", "hybrid"), ("フルリモート", "remote"),
    ("远程办公", "remote"), ("العمل عن بعد", "remote"), ("עבודה מרחוק", "remote"),
    ("リモートワーク不可", "onsite"),
])
def test_ways_of_working_of_the_languages(text: str, mode: str) -> None:
    found = remote_mode(text)
    assert found is not None and found[0] == mode


@pytest.mark.parametrize(("text", "pay"), [
    ("年収800万円〜1200万円", (8_000_000, 12_000_000, "JPY", "year")),
    ("月給35万円～50万円", (350_000, 500_000, "JPY", "month")),
    ("時給1,500円", (1500, 1500, "JPY", "hour")),
    ("15000至20000元/月", (15000, 20000, "CNY", "month")),
    ("人民币 1.5万-2万 每月", (15000, 20000, "CNY", "month")),
    ("30K-45K/月", (30000, 45000, None, "month")),
    ("25,000 - 35,000 درهم شهريًا", (25000, 35000, "AED", "month")),
    ("12,000 ريال قطري شهريا", (12000, 12000, "QAR", "month")),
    ("٢٥٬٠٠٠ ريال سنويًا", (25000, 25000, "SAR", "year")),
    ("8,000 جنيه شهريًا", (8000, 8000, "EGP", "month")),
    ('25,000-32,000 ש"ח לחודש', (25000, 32000, "ILS", "month")),
    ("₪30,000 לחודש", (30000, 30000, "ILS", "month")),
])
def test_pay_as_the_languages_write_it(text: str, pay: tuple[object, ...]) -> None:
    found = find_salary(text, labelled=True)
    assert found is not None
    value = found[0]
    assert (value["min"], value["max"], value["currency"], value["period"]) == pay


def test_a_yen_sign_is_a_yuan_in_a_chinese_posting() -> None:
    with posting_yen(CHINESE):
        chinese = find_salary("¥30,000-¥45,000/月", labelled=True)
    with posting_yen(JAPANESE):
        japanese = find_salary("¥300,000/月", labelled=True)
    assert chinese is not None and chinese[0]["currency"] == "CNY"
    assert japanese is not None and japanese[0]["currency"] == "JPY"


def test_a_company_s_capital_is_no_pay() -> None:
    assert find_salary("資本金：5000万円") is None
    assert find_salary("注册资本 1亿元") is None


@pytest.mark.parametrize(("text", "iso"), [
    ("2025年3月1日", "2025-03-01"), ("掲載日：2025/03/01", "2025-03-01"),
])
def test_dates_written_year_first(text: str, iso: str) -> None:
    found = find_date(text)
    assert found is not None and found[0] == iso


@pytest.mark.parametrize(("text", "level"), [
    ("本科及以上学历", "bachelor"), ("硕士研究生", "master"), ("大学卒業以上（大卒）", "bachelor"),
    ("درجة البكالوريوس في علوم الحاسوب", "bachelor"), ("תואר שני במדעי המחשב", "master"),
])
def test_degrees_of_the_languages(text: str, level: str) -> None:
    assert education_level(text) == level


@pytest.mark.parametrize("title", ["高级数据工程师", "シニアフロントエンドエンジニア",
                                   "مهندس برمجيات أول", "מפתח/ת Full Stack"])
def test_job_nouns_of_the_languages(title: str) -> None:
    assert has_job_noun(title)


def test_no_job_noun_in_a_word_that_only_starts_like_one() -> None:
    assert not has_job_noun("المسؤوليات")  # responsibilities, no one responsible


def test_a_heading_no_list_knows_is_no_title_without_a_job_noun() -> None:
    """"【募集背景】" (why the post is open) heads a paragraph: no title, as a Chinese or
    Japanese heading is one "word" however many it says."""
    raw = ("【募集背景】\n事業拡大のため、新しいメンバーを募集しています。\n\n"
           "■仕事内容\n・APIの設計\n・運用\n")
    result = extract(clean(raw, "text"))
    assert result.fields["title"] is None
    assert result.fields["responsibilities"] == ["APIの設計", "運用"]


def test_labels_side_by_side_on_one_line() -> None:
    raw = "职位：数据分析师\u3000地点：北京\u3000类型：全职\n薪资：20-30K/月\n"
    result = extract(clean(raw, "text"))
    assert result.fields["title"] == "数据分析师"
    assert result.fields["locations"] == ["北京"]
    assert result.fields["employment_type"] == "full_time"


def test_the_label_says_the_period_of_its_pay() -> None:
    raw = "求人タイトル：営業職\n資本金：5000万円\n年収：600万円〜900万円\n"
    result = extract(clean(raw, "text"))
    assert result.fields["salary"] == {"min": 6_000_000, "max": 9_000_000, "currency": "JPY",
                                       "period": "year"}


@pytest.mark.parametrize(("heading", "requirement", "years"), [
    ("任职要求", "5年以上大数据开发经验", 5), ("応募資格", "フロントエンド開発経験3年以上", 3),
    ("المتطلبات", "3 سنوات من الخبرة في Python", 3), ("דרישות", "5+ שנות ניסיון בפיתוח תוכנה", 5),
])
def test_years_of_experience_in_a_requirement(heading: str, requirement: str,
                                              years: int) -> None:
    raw = f"{heading}\n- {requirement}\n"
    result = extract(clean(raw, "text"))
    assert result.fields["experience_years"] == years


def test_a_degree_that_is_an_advantage_is_not_asked_for() -> None:
    raw = "דרישות:\n- תואר ראשון במדעי המחשב – יתרון\n- אנגלית ברמה גבוהה\n"
    assert extract(clean(raw, "text")).fields["education"] is None
