"""A text posting keeps its head (title, employer, place, contract, pay) whatever the
language it is written in: where it starts does not hang on English words. Lines above
it go only when something says they are the page's."""

from __future__ import annotations

import pytest

from reviewer.core.clean import clean


def _posting(head: list[str], heading: str, items: list[str], heading2: str,
             items2: list[str]) -> str:
    """A head of short lines (a blank line where one is ""), then two lists under
    headings of the posting's language."""
    return "\n".join([*head, "", heading, *(f"- {x}" for x in items), "", heading2,
                      *(f"- {x}" for x in items2)]) + "\n"


POSTINGS = {
    "pl": _posting(
        ["Kierowca kat. C / Dostawca", "", "Trans-Mazury Sp. z o.o.", "Olsztyn, Jaroty", "",
         "Rodzaj umowy: umowa o pracę", "Wynagrodzenie: 6 400 – 7 200 zł brutto",
         "Praca od poniedziałku do piątku"],
        "Czym będziesz się zajmować", ["Dostawy do sklepów w regionie",
                                       "Załadunek i rozładunek towaru", "Dbanie o pojazd"],
        "Czego oczekujemy", ["Prawo jazdy kat. C i karta kierowcy",
                             "Doświadczenie w dostawach miejskich", "Dyspozycyjność"]),
    "de": _posting(
        ["Gemeinde Seeheim am Rhein", "", "Verwaltungskraft Bürgerbüro", "Aktenzeichen 17/2026",
         "", "E8 TVöD · Teilzeit 30 Stunden · befristet auf zwei Jahre"],
        "Das erwartet Sie", ["Ausgabe von Ausweisen und Meldebescheinigungen",
                             "Beratung am Telefon", "Pflege der Termine"],
        "Das bringen Sie mit", ["Eine kaufmännische Ausbildung",
                                "Freude am Umgang mit Menschen", "Sicherer Umgang mit PCs"]),
    "it": _posting(
        ["Magazziniere carrellista", "", "Logistica Padana S.r.l.", "Piacenza (PC)", "",
         "Contratto: tempo indeterminato", "Retribuzione: 1.600 € netti al mese",
         "Turni a rotazione su due fasce"],
        "Di cosa ti occuperai", ["Carico e scarico delle merci con il muletto",
                                 "Preparazione degli ordini", "Inventario mensile"],
        "Cosa cerchiamo", ["Patentino per il carrello elevatore",
                           "Esperienza di almeno un anno", "Disponibilità ai turni"]),
    "nl": _posting(
        ["Medewerker klantenservice", "", "Waterbedrijf Veluwe", "Apeldoorn", "",
         "Dienstverband: vast contract", "Salaris: € 2.900 – € 3.500 bruto per maand",
         "Werken in een hybride team"],
        "Wat ga je doen", ["Klanten helpen via telefoon en chat", "Storingen registreren",
                           "Afspraken inplannen voor monteurs"],
        "Wat vragen wij", ["Een mbo-diploma op niveau 4", "Goede beheersing van de taal",
                           "Geduld en inlevingsvermogen"]),
    "pt": _posting(
        ["Rececionista de hotel", "", "Hotel Ribeira Nova", "Porto, Ribeira", "",
         "Tipo de contrato: contrato sem termo", "Salário: 1.050 € brutos por mês",
         "Horário por turnos rotativos"],
        "O que vais fazer", ["Check-in e check-out dos hóspedes", "Gestão de reservas online",
                             "Apoio ao serviço de pequenos-almoços"],
        "O que procuramos", ["Inglês fluente e francês básico", "Experiência em hotelaria",
                             "Simpatia e disponibilidade"]),
    "sv": _posting(
        ["Undersköterska till hemtjänsten", "", "Omsorg Väst AB", "Borås", "",
         "Anställningsform: tillsvidare", "Lön: 28 500 – 31 000 kr per månad",
         "Arbete varannan helg"],
        "Arbetsuppgifter", ["Stöd i vardagen hos äldre i hemmet", "Dokumentation i journalen",
                            "Samarbete med sjuksköterskor"],
        "Vi söker dig som", ["Har undersköterskeutbildning", "Har B-körkort",
                             "Talar och skriver svenska väl"]),
    "da": _posting(
        ["Tømrer til renovering", "", "Byg & Bo ApS", "Odense C", "",
         "Ansættelse: fastansættelse", "Løn: 235 kr. i timen efter overenskomst",
         "Arbejdstid 37 timer om ugen"],
        "Dine opgaver", ["Renovering af lejligheder", "Montering af døre og vinduer",
                         "Mindre reparationer"],
        "Vi forventer", ["Svendebrev som tømrer", "Kørekort kategori B",
                         "Godt humør og mødestabilitet"]),
    # (kept before as now: their headings and labels are known; here that they stay so)
    "zh": _posting(
        ["高级后端开发", "", "星河数据科技有限公司", "杭州 · 滨江区", "", "薪资：25-35K·14薪",
         "经验：3-5年", "双休，弹性工作"],
        "岗位职责", ["负责核心交易系统的设计与开发", "参与代码评审", "优化系统性能"],
        "任职要求", ["计算机相关专业本科及以上学历", "熟悉Go或Java", "良好的沟通能力"]),
    "ar": _posting(
        ["محاسب أول", "", "شركة الواحة للتجارة", "دبي، الإمارات", "", "نوع العقد: دوام كامل",
         "الراتب: 12,000 - 15,000 درهم شهريًا", "العمل من الأحد إلى الخميس"],
        "المسؤوليات", ["إعداد التقارير المالية الشهرية", "متابعة الحسابات",
                       "التنسيق مع المدققين الخارجيين"],
        "المؤهلات", ["بكالوريوس في المحاسبة", "خبرة خمس سنوات", "إجادة برنامج إكسل"]),
    "he": _posting(
        ["רכז/ת לוגיסטיקה", "", 'אורן הפצה בע"מ', "חולון", "", "היקף משרה: משרה מלאה",
         'שכר: 9,500 - 11,000 ש"ח', "עבודה בימים א'-ה'"],
        "תחומי אחריות", ["תיאום משלוחים מול לקוחות", "ניהול מלאי במחסן", "הפקת דוחות"],
        "דרישות", ["ניסיון של שנה לפחות", "שליטה בתוכנות אופיס", "יכולת עבודה בצוות"]),
}


@pytest.mark.parametrize("language", sorted(POSTINGS))
def test_the_head_of_a_posting_in_any_language_is_kept(language: str) -> None:
    """Was cut to the first list: the title, employer, place, contract and pay went as
    "before the posting", their words being in no list."""
    raw = POSTINGS[language]
    doc = clean(raw, "text")
    for line in raw.splitlines():
        text = line.strip().lstrip("- ")
        assert text.split(":")[-1].strip() in doc.markdown, (language, text)
    assert not [r for r in doc.removed if r.reason == "before the posting"]


@pytest.mark.parametrize("head", [
    # a title, an employer and a place: three short lines at the top, no word of them known
    ["Sjuksköterska till vårdavdelningen", "", "Vårdcentral Norra AB", "Umeå", "",
     "Omfattning: heltid", "Tillträde: enligt överenskommelse"],
    # a title, then three short lines of facts marked by signs, under a lead sentence
    ["Ingénieur(e) systèmes embarqués", "",
     "Chez Capteurs du Rhône, nous concevons des capteurs pour l'industrie, et nous "
     "recrutons un(e) ingénieur(e) pour notre équipe de Villeurbanne.", "",
     "📍 Villeurbanne – 2 jours de télétravail", "💼 CDI – Cadre", "💰 42-50 k€ brut annuel"],
])
def test_short_lines_of_the_head_are_no_menu_to_cut(head: list[str]) -> None:
    """Three short lines over the posting were taken for a menu of links and cut with
    everything above them."""
    raw = _posting(head, "Om tjänsten:", ["Omvårdnad av patienter på avdelningen",
                                          "Läkemedelshantering", "Samarbete i team"],
                   "Kvalifikationer:", ["Legitimerad sjuksköterska",
                                        "Erfarenhet av slutenvård", "B-körkort"])
    doc = clean(raw, "text")
    for line in head:
        assert line.strip() in doc.markdown.splitlines(), line


def test_a_menu_over_a_title_found_by_its_words_still_goes() -> None:
    """Short links over a title that names a job are the page's menu."""
    raw = "\n".join([
        "Jobs", "Companies", "Salaries", "", "Senior Data Engineer", "Acme Corp",
        "Berlin, Germany", "",
        "We are looking for a senior data engineer to build and run our data platform "
        "with the analytics team.",
        "You will design pipelines, review code and mentor two junior engineers in the "
        "team every week.", "", "Requirements",
        "- Five years of experience with Python and SQL in production systems",
        "- Experience with Spark or a similar engine for large data sets"]) + "\n"
    doc = clean(raw, "text")
    assert doc.markdown.startswith("Senior Data Engineer\n")
    assert "Salaries" not in doc.markdown


@pytest.mark.parametrize("furniture", [
    ["Sign in", "Create an account", "Search jobs"],
    ["Skip to main content", "Accept all cookies"],
])
def test_furniture_named_by_its_words_above_a_head_still_goes(furniture: list[str]) -> None:
    raw = "\n".join([*furniture, "", POSTINGS["pl"]])
    doc = clean(raw, "text")
    assert not any(line in doc.markdown for line in furniture)
    assert doc.markdown.startswith("Kierowca kat. C / Dostawca\n")
