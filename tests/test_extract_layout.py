"""Every layout rule of the form reader, each shown on two differently laid-out small sheets
written here (English and Spanish; values before or after their labels; boxes side by side or
stacked). Expected values are read off the fixtures by hand."""

from __future__ import annotations

from build_graph.extract import extract_text

# values first, then the labels (a PDF painted in scrambled order); headings on one line;
# a "Page N of M" footer; the end date glued to its "to"; the donors glued to their label
VALUES_FIRST_EN = """Page 1 of 1
PROGRAM SUMMARY OBJECTIVES RESULTS
Strengthen the national police academy;
and train instructors in every district.
In 2024, 120 officers (40 women, 80 men)
completed the course.
Security
Police Training and Certification
Program
2/1/2024
OAS Pillar
Name of Activity
Date
Target Beneficiaries
Additional Information
Canada; SpainDonor Countries
1/31/2026to
The Department of Public Security (DPS)
runs the program with the Jamaica
Constabulary Force (JCF) and the
Ministry of National Security.
Police officers and instructors
www.oas.org/dps/police
"""

# the same form in Spanish with the boxes stacked, each value glued before its label, the
# form after the text and the headings last, as another PDF producer flattens it
VALUES_GLUED_ES = """Página 1 de 1
El Departamento de Seguridad Pública (DPS) ejecuta el programa junto con la Policía Nacional
y el Ministerio de Gobierno.
Fortalecer la academia de policía y formar instructores en todos los departamentos del país.
En 2024, 120 agentes (40 mujeres y 80 hombres) completaron el curso de formación.
Formación y Certificación Policial
Seguridad
Nombre de la Actividad
Pilar de la OEA
01/02/2024 a 31/01/2026Fecha
Agentes e instructores de policíaBeneficiarios
www.oas.org/dps/policia
Información Adicional
Canadá; EspañaPaíses Donantes
RESUMEN DEL PROGRAMA
OBJETIVOS
RESULTADOS
"""

# label first, each value on its label's line; each heading in a cell left of its text
LABEL_FIRST_EN = """PROGRAM
SUMMARY
The Department of Public Security (DPS) runs the program with the Jamaica Constabulary
Force (JCF) and the Ministry of National Security.
OBJECTIVES Strengthen the national police academy and train instructors in every district.
RESULTS In 2024, 120 officers (40 women, 80 men) completed the course.
OAS Pillar Security
Name of Activity Police Training and Certification Program
Date 2/1/2024 to 1/31/2026
Target Beneficiaries Police officers and instructors
Additional Information www.oas.org/dps/police
Donor Countries Canada; Spain
"""


def _one(text: str, name: str):
    extraction = extract_text(text, name)
    assert len(extraction.records) == 1, [r.name for r in extraction.records]
    return extraction.records[0]


def _form(r):
    return (r.name, r.pillar, r.start, r.end, r.end_open, r.beneficiaries, r.url,
            [d.as_written for d in r.donors])


def test_values_before_labels_and_glued_to_them_english():
    r = _one(VALUES_FIRST_EN, "oas-country-sheet-jamaica.txt")
    assert _form(r) == ("Police Training and Certification Program", "Security", "2024-02-01",
                        "2026-01-31", False, "Police officers and instructors",
                        "www.oas.org/dps/police", ["Canada", "Spain"])
    assert r.end_raw == "1/31/2026 to"


def test_values_glued_before_their_labels_spanish():
    r = _one(VALUES_GLUED_ES, "oas-country-sheet-paraguay.txt")
    assert _form(r) == ("Formación y Certificación Policial", "Security", "2024-02-01",
                        "2026-01-31", False, "Agentes e instructores de policía",
                        "www.oas.org/dps/policia", ["Canadá", "España"])


def test_labels_before_their_values_on_one_line():
    r = _one(LABEL_FIRST_EN, "oas-country-sheet-jamaica.txt")
    assert _form(r) == ("Police Training and Certification Program", "Security", "2024-02-01",
                        "2026-01-31", False, "Police officers and instructors",
                        "www.oas.org/dps/police", ["Canada", "Spain"])


def _boxes(r):
    return tuple(" ".join((t or "").split()[:3]) for t in (r.summary, r.objectives, r.results))


def test_boxes_by_content_when_the_headings_stand_on_one_line():
    # objectives and results before the form, the summary after it
    assert _boxes(_one(VALUES_FIRST_EN, "oas-country-sheet-jamaica.txt")) == (
        "The Department of", "Strengthen the national", "In 2024, 120")


def test_boxes_by_content_when_the_headings_come_last():
    # summary, objectives and results in their order, the headings after the form
    assert _boxes(_one(VALUES_GLUED_ES, "oas-country-sheet-paraguay.txt")) == (
        "El Departamento de", "Fortalecer la academia", "En 2024, 120")


def test_boxes_by_their_headings_split_or_glued_to_the_text():
    assert _boxes(_one(LABEL_FIRST_EN, "oas-country-sheet-jamaica.txt")) == (
        "The Department of", "Strengthen the national", "In 2024, 120")


def _roles(r):
    return ({e.display for e in r.agencies}, {e.display for e in r.national_counterparts},
            {e.display for e in r.partners})


def test_counterparts_by_their_shape_in_two_layouts_and_two_languages():
    en = _roles(_one(VALUES_FIRST_EN, "oas-country-sheet-jamaica.txt"))
    assert en == ({"DPS"}, {"Jamaica Constabulary Force (JCF)", "Ministry of National Security"},
                  set())
    assert _roles(_one(LABEL_FIRST_EN, "oas-country-sheet-jamaica.txt")) == en
    es = _roles(_one(VALUES_GLUED_ES, "oas-country-sheet-paraguay.txt"))
    assert es == ({"DPS"}, {"Policía Nacional", "Ministerio de Gobierno"}, set())


def test_quantities_with_their_breakdown_in_both_languages():
    for text, name in ((VALUES_FIRST_EN, "oas-country-sheet-jamaica.txt"),
                       (VALUES_GLUED_ES, "oas-country-sheet-paraguay.txt")):
        r = _one(text, name)
        assert [(q.quantity, q.women, q.men, q.status) for q in r.results_quantities] == [
            (120, 40, 80, "achieved")]


# --- page furniture and pages -----------------------------------------------------------------
RUNNING_HEADER = "ORGANIZATION OF AMERICAN STATES | Programs in Jamaica | Country Sheet"


def _label_first_page(name: str, start: str) -> str:
    return f"""{RUNNING_HEADER}
PROGRAM SUMMARY
The program of the Department of Public Security (DPS) works with the police.
OBJECTIVES
Strengthen the police.
RESULTS
In {start[-4:]}, 20 officers were trained.
OAS Pillar Security
Name of Activity {name}
Date {start} to Continuous Program
Target Beneficiaries Police officers
Additional Information Link to web page
Donor Countries Canada
"""


def test_running_headers_and_footers_are_furniture_and_cut_pages():
    text = _label_first_page("Police Network", "1/1/2020") + _label_first_page(
        "Border Program", "1/1/2021") + _label_first_page("Cyber Program", "1/1/2022")
    records = extract_text(text, "oas-country-sheet-jamaica.txt").records
    assert [(r.name, r.start, r.end_open, r.url) for r in records] == [
        ("Police Network", "2020-01-01", True, None),
        ("Border Program", "2021-01-01", True, None),
        ("Cyber Program", "2022-01-01", True, None)]
    assert all(RUNNING_HEADER not in (r.summary or "") for r in records)
    footers = VALUES_FIRST_EN + VALUES_FIRST_EN.replace("Page 1 of 1", "Page 2 of 2")
    assert len(extract_text(footers, "oas-country-sheet-jamaica.txt").records) == 2


def test_a_box_that_runs_onto_the_next_printed_page_stays_with_its_program():
    continued_en = VALUES_FIRST_EN.replace("Page 1 of 1", "Page 1 of 2") + (
        "Page 2 of 2\nBy 2026, 300 more officers will be trained.\n")
    r = _one(continued_en, "oas-country-sheet-jamaica.txt")
    assert r.name == "Police Training and Certification Program"
    continued_es = VALUES_GLUED_ES.replace("Página 1 de 1", "Página 1 de 2") + (
        "Página 2 de 2\nPara 2026 se prevé formar a 300 agentes más.\n")
    r = _one(continued_es, "oas-country-sheet-paraguay.txt")
    assert r.name == "Formación y Certificación Policial"


# Word's export with no page break printed: the next page's beneficiaries and URL come after
# this page's summary, right before the next page's headings
WORD_PAGE = """PROGRAM SUMMARY
OBJECTIVES
RESULTS
To strengthen the police academy of the country and its instructors.

In 2016, 20 instructors were certified by the program.

Security {name}
{start}
OAS Pillar
Name of Activity
Date
Target Beneficiaries
Additional Information
Canada
Donor Countries
Completion to
The program of the Department of Public Security supports the police academy of the country.

{beneficiaries}

http://www.oas.org/{slug}
"""


def test_values_after_a_pages_summary_open_the_next_page_when_no_break_is_printed():
    first = WORD_PAGE.format(name="Police Academy Program", start="7/1/2015",
                             beneficiaries="Instructors of the academy", slug="two")
    second = WORD_PAGE.format(name="Border Security Program", start="8/1/2016",
                              beneficiaries="Border officials", slug="three")
    text = "Police officers\n\nhttp://www.oas.org/one\n" + first + second
    records = extract_text(text, "oas-country-sheet-guatemala.txt").records
    assert [(r.name, r.beneficiaries, r.url) for r in records] == [
        ("Police Academy Program", "Police officers", "http://www.oas.org/one"),
        ("Border Security Program", "Instructors of the academy", "http://www.oas.org/two")]
    # the last page's own trailing values have no next page: they stay, reported
    assert [u.text for u in records[1].unassigned] == ["Border officials",
                                                       "http://www.oas.org/three"]


# --- placeholders and dates -------------------------------------------------------------------
def test_placeholders_wrapped_over_two_lines_in_both_languages():
    en = LABEL_FIRST_EN.replace("Date 2/1/2024 to 1/31/2026",
                                "Date Click here to enter\na date.\nto 1/31/2026")
    r = _one(en, "oas-country-sheet-jamaica.txt")
    assert (r.start, r.end, r.start_raw) == (None, "2026-01-31", "Click here to enter a date.")
    es = VALUES_GLUED_ES.replace("01/02/2024 a 31/01/2026Fecha",
                                 "junio de 2023 a Haga clic aquí para\nescribir una fecha.\nFecha")
    r = _one(es, "oas-country-sheet-paraguay.txt")
    assert (r.start, r.end) == ("2023-06", None)


def test_name_placeholder_means_the_name_is_in_the_prose():
    en = VALUES_FIRST_EN.replace("Police Training and Certification\nProgram",
                                 "Click or tap here to enter text.").replace(
        "The Department of Public Security (DPS)\nruns the program",
        "The Police Training Program of the\nDepartment of Public Security (DPS) runs")
    r = _one(en, "oas-country-sheet-jamaica.txt")
    assert (r.name, r.name_source) == ("Police Training Program", "prose")
    es = VALUES_GLUED_ES.replace("Formación y Certificación Policial",
                                 "Haga clic o pulse aquí para escribir texto.").replace(
        "El Departamento de Seguridad Pública (DPS) ejecuta el programa",
        "El Programa de Formación Policial del Departamento de Seguridad Pública (DPS) se ejecuta")
    r = _one(es, "oas-country-sheet-paraguay.txt")
    assert (r.name, r.name_source) == ("Programa de Formación Policial", "prose")


def test_month_name_dates_and_an_end_before_its_start_as_printed():
    en = LABEL_FIRST_EN.replace("Date 2/1/2024 to 1/31/2026", "Date September 2022 to 1/31/2020")
    r = _one(en, "oas-country-sheet-jamaica.txt")
    assert (r.start, r.end) == ("2022-09", "2020-01-31")
    es = VALUES_GLUED_ES.replace("01/02/2024 a 31/01/2026Fecha",
                                 "junio de 2023 a Programa ContinuoFecha")
    r = _one(es, "oas-country-sheet-paraguay.txt")
    assert (r.start, r.end, r.end_open) == ("2023-06", None, True)


def test_unset_dropdowns_are_no_pillar_and_no_donor():
    en = LABEL_FIRST_EN.replace("OAS Pillar Security", "OAS Pillar Choose an item.").replace(
        "Donor Countries Canada; Spain", "Donor Countries Choose an item.")
    r = _one(en, "oas-country-sheet-jamaica.txt")
    assert (r.pillar, r.donors) == (None, ())
    es = VALUES_GLUED_ES.replace("Seguridad\n", "Elija un elemento.\n").replace(
        "Canadá; EspañaPaíses Donantes", "Elija un elemento.Países Donantes")
    r = _one(es, "oas-country-sheet-paraguay.txt")
    assert (r.pillar, r.donors) == (None, ())
