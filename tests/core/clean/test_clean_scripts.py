"""A posting in a script other than Latin keeps the lines above its body (title, labelled
lines, a heading), as a posting in English does.

A label was read only in Latin capitals or in Chinese, Japanese and Korean signs, and the
marks of Devanagari, Thai, Arabic and Hebrew (vowel signs, vowel points) broke their
words in pieces: an Arabic posting's title and its "الشركة:", "الموقع:", "الراتب:" lines
were short lines that counted against it, three of them a menu, and the posting began at
its first sentence."""

from __future__ import annotations

import html

import pytest

from reviewer.core.clean import clean
from reviewer.core.clean.line_score import word_count
from reviewer.core.clean.text_labels import label_match

# each: a title, three labelled lines in the script, a heading, a sentence, a list
POSTINGS = {
    "Arabic": """مهندس برمجيات أول

الشركة: شركة البيانات العربية
الموقع: دبي، الإمارات العربية المتحدة
الراتب: 20000 درهم شهريا

عن الدور
نحن نبحث عن مهندس برمجيات ذو خبرة في Python و Kubernetes للعمل في فريق البيانات.

المتطلبات
- خمس سنوات من الخبرة
- إتقان اللغة العربية والإنجليزية
""",
    "Hebrew": """מהנדס תוכנה בכיר

חברה: דאטה ישראל בע"מ
מיקום: תל אביב, ישראל
שכר: 30000 ש"ח לחודש

על התפקיד
אנחנו מחפשים מהנדס תוכנה מנוסה עם ניסיון ב-Python ו-SQL כדי להצטרף לצוות הנתונים שלנו.

דרישות
- חמש שנות ניסיון לפחות
- אנגלית ברמה גבוהה
""",
    "Cyrillic": """Старший инженер-программист

Компания: ООО Данные Плюс
Город: Москва, Россия
Зарплата: 250000 рублей в месяц

О вакансии
Мы ищем опытного инженера-программиста со знанием Python и SQL для работы в команде данных.

Требования
- Опыт работы от пяти лет
- Хорошее знание английского языка
""",
    "Greek": """Ανώτερος Μηχανικός Λογισμικού

Εταιρεία: Δεδομένα Ελλάδος ΑΕ
Τοποθεσία: Αθήνα, Ελλάδα
Μισθός: 2500 ευρώ τον μήνα

Σχετικά με τη θέση
Αναζητούμε έμπειρο μηχανικό λογισμικού με γνώσεις Python και SQL για την ομάδα δεδομένων μας.

Απαιτήσεις
- Πέντε χρόνια εμπειρίας
- Πολύ καλή γνώση αγγλικών
""",
    "Devanagari": """वरिष्ठ सॉफ्टवेयर इंजीनियर

कंपनी: भारत डेटा प्राइवेट लिमिटेड
स्थान: बेंगलुरु, भारत
वेतन: 150000 रुपये प्रति माह

भूमिका के बारे में
हम एक अनुभवी सॉफ्टवेयर इंजीनियर की तलाश कर रहे हैं जिसे Python और SQL का ज्ञान हो।

आवश्यकताएँ
- कम से कम पाँच वर्ष का अनुभव
- अंग्रेज़ी का अच्छा ज्ञान
""",
    "Thai": """วิศวกรซอฟต์แวร์อาวุโส

บริษัท: ไทยดาต้า จำกัด
สถานที่: กรุงเทพมหานคร ประเทศไทย
เงินเดือน: 80000 บาทต่อเดือน

เกี่ยวกับตำแหน่ง
เรากำลังมองหาวิศวกรซอฟต์แวร์ที่มีประสบการณ์ด้าน Python และ SQL เพื่อร่วมงานกับทีมข้อมูลของเรา

คุณสมบัติ
- ประสบการณ์อย่างน้อยห้าปี
- ภาษาอังกฤษดี
""",
    "Chinese": """高级软件工程师

公司：北京数据科技有限公司
地点：北京
薪资：每月30000元

职位描述
我们正在寻找一位有经验的软件工程师，熟悉Python和SQL，加入我们的数据团队。

任职要求
- 五年以上工作经验
- 良好的英语能力
""",
}


def _head(posting: str) -> list[str]:
    """The posting's lines above its first sentence."""
    return [line for line in posting.split("\n")[:8] if line]


@pytest.mark.parametrize("script", sorted(POSTINGS))
def test_the_lines_above_the_body_are_kept(script: str) -> None:
    posting = POSTINGS[script]
    doc = clean(posting, "text")
    for line in _head(posting):
        assert line in doc.markdown, (script, line)
    assert doc.markdown.startswith(_head(posting)[0])
    assert not doc.removed


@pytest.mark.parametrize("script", sorted(POSTINGS))
def test_a_line_that_opens_with_a_direction_mark_is_read_through_it(script: str) -> None:
    """A right-to-left text often sets each line's direction with U+200F: the mark stays,
    but the line is a label, a list item or a title as it would be without it."""
    marked = "\n".join("\u200f" + line if line else line for line in POSTINGS[script].split("\n"))
    markdown = clean(marked, "text").markdown
    for line in _head(POSTINGS[script]):
        assert "\u200f" + line in markdown, (script, line)
    assert markdown.count("\n- ") == 2  # the two items are a list still


@pytest.mark.parametrize("script", sorted(POSTINGS))
def test_the_html_of_the_posting_keeps_them_too(script: str) -> None:
    lines = [line for line in POSTINGS[script].split("\n") if line]
    body = "".join(f"<li>{html.escape(line[2:])}</li>" if line.startswith("- ")
                   else f"<p>{html.escape(line)}</p>" for line in lines[1:])
    page = (f"<html dir='auto'><body><nav><a href='/'>Home</a> <a href='/jobs'>Jobs</a></nav>"
            f"<main><h1>{html.escape(lines[0])}</h1>{body}</main></body></html>")
    markdown = clean(page, "html").markdown
    for line in _head(POSTINGS[script]):
        assert line in markdown, (script, line)


@pytest.mark.parametrize(("text", "label"), [
    ("الشركة: شركة البيانات", "الشركة"), ("Компания: ООО Данные", "Компания"),
    ("स्थान: बेंगलुरु", "स्थान"), ("Ubicación: Madrid", "Ubicación"),
    ("\u200fמיקום: תל אביב", "מיקום"), ("公司：北京数据", "公司"),
    ("Über uns:", "Über uns"),
])
def test_a_label_of_any_script_is_read(text: str, label: str) -> None:
    found = label_match(text)
    assert found is not None and found.group(1) == label


@pytest.mark.parametrize("text", [
    "примечание: это не метка",  # a small first letter: a sentence's colon
    "the note: café au lait",
    "это очень длинная фраза перед двоеточием: значение",  # five words: no label
])
def test_a_colon_in_a_sentence_is_no_label(text: str) -> None:
    assert label_match(text) is None


@pytest.mark.parametrize(("text", "words"), [
    ("वरिष्ठ सॉफ्टवेयर इंजीनियर", 3),  # a virama, vowel signs inside each word
    ("مُهَنْدِس بَرْمَجِيَّات", 2),  # vowel points
    ("מְהַנְדֵּס תּוֹכְנָה", 2),
    ("Python/Java, e.g. it's", 5),  # (as before)
    ("高级软件工程师", 4),  # two signs a word
])
def test_marks_are_part_of_their_word(text: str, words: int) -> None:
    assert word_count(text, 40) == words
