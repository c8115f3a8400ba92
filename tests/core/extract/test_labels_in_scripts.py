"""A posting in another script with labels in English ("Company: …"): its values are
read, and a line that opens with a mark setting its direction (U+200F) is read through
the mark, the value without it, its evidence the value's own text."""

from __future__ import annotations

import pytest

from reviewer.core.clean import clean
from reviewer.core.extract import extract

VALUES = {
    "Arabic": ("مهندس برمجيات أول", "شركة البيانات العربية", "دبي، الإمارات العربية المتحدة",
               "نحن نبحث عن مهندس برمجيات ذو خبرة في Python و Kubernetes للعمل في فريق البيانات."),
    "Hebrew": ("מהנדס תוכנה בכיר", 'דאטה ישראל בע"מ', "תל אביב, ישראל",
               "אנחנו מחפשים מהנדס תוכנה מנוסה עם ניסיון ב-Python ו-SQL כדי להצטרף לצוות."),
    "Cyrillic": ("Старший инженер-программист", "ООО Данные Плюс", "Москва, Россия",
                 "Мы ищем опытного инженера-программиста со знанием Python и SQL для работы."),
    "Devanagari": ("वरिष्ठ सॉफ्टवेयर इंजीनियर", "भारत डेटा प्राइवेट लिमिटेड", "बेंगलुरु, भारत",
                   "हम एक अनुभवी सॉफ्टवेयर इंजीनियर की तलाश कर रहे हैं जिसे Python का ज्ञान हो।"),
}


@pytest.mark.parametrize("mark", ["", "\u200f"])
@pytest.mark.parametrize("script", sorted(VALUES))
def test_english_labels_are_read_in_a_posting_of_another_script(script: str, mark: str) -> None:
    title, company, place, sentence = VALUES[script]
    lines = [title, "", f"Company: {company}", f"Location: {place}", "", sentence]
    raw = "\n".join(mark + line if line else line for line in lines) + "\n"
    doc = clean(raw, "text")
    result = extract(doc)
    assert result.fields["company"] == company
    assert result.fields["locations"] == [place]
    for field in ("company", "locations"):
        value = result.fields[field]
        values = value if isinstance(value, list) else [value]
        for (start, end), value in zip(result.evidence[field], values, strict=True):
            assert doc.markdown[start:end] == value
