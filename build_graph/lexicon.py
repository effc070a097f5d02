"""The words of the country-sheet form, in English and Spanish: headings, labels, placeholders,
pillars, open-ended markers and month names. Everything layout-specific the extractor knows about
the *form* lives here; nothing here names a program or quotes a sheet's prose.
"""

from __future__ import annotations

import re

from build_graph.slugs import fold

# prose-box headings -> box
HEADINGS: dict[str, str] = {
    "program summary": "summary",
    "programme summary": "summary",
    "summary": "summary",
    "resumen del programa": "summary",
    "resumen": "summary",
    "objectives": "objectives",
    "objective": "objectives",
    "objetivos": "objectives",
    "objetivo": "objectives",
    "results": "results",
    "results achieved": "results",
    "expected results": "results",
    "resultados": "results",
    "resultados alcanzados": "results",
    "resultados obtenidos": "results",
    "resultados esperados": "results",
}

# form labels -> field
LABELS: dict[str, str] = {
    "oas pillar": "pillar",
    "pillar oea": "pillar",
    "pilar oea": "pillar",
    "pilar de la oea": "pillar",
    "name of activity": "name",
    "name of the program": "name",
    "name of program": "name",
    "program name": "name",
    "nombre del programa": "name",
    "name of the activity": "name",
    "nombre de la actividad": "name",
    "date": "date",
    "dates": "date",
    "fecha": "date",
    "fechas": "date",
    "period": "date",
    "periodo": "date",
    "duration": "date",
    "duracion": "date",
    "target beneficiaries": "beneficiaries",
    "stakeholders": "beneficiaries",
    "beneficiarios": "beneficiaries",
    "beneficiarios objetivo": "beneficiaries",
    "beneficiarios meta": "beneficiaries",
    "poblacion beneficiaria": "beneficiaries",
    "target population": "beneficiaries",
    "additional information": "additional_information",
    "additional": "additional_information",
    "information": "additional_information",
    "informacion adicional": "additional_information",
    "otra informacion": "additional_information",
    "other information": "additional_information",
    "donor countries": "donors",
    "donor country": "donors",
    "donors": "donors",
    "paises donantes": "donors",
    "donantes": "donors",
}

PILLARS: dict[str, str] = {
    "multidimensional security": "Security",
    "seguridad multidimensional": "Security",
    "security": "Security",
    "seguridad": "Security",
    "democracy": "Democracy",
    "democracia": "Democracy",
    "human rights": "Human Rights",
    "derechos humanos": "Human Rights",
    "integral development": "Integral Development",
    "desarrollo integral": "Integral Development",
}
# "Choose an item" is Word's placeholder for a drop-down left unset: the pillar is not set.
PILLAR_UNSET = ("choose an item", "elija un elemento", "seleccione un elemento")

START_PLACEHOLDERS = ("commencement", "inicio", "start date", "fecha de inicio", "tbd",
                      "to be determined", "por definir", "por determinar")
END_PLACEHOLDERS = ("completion", "finalizacion", "conclusion", "end date", "fecha de finalizacion",
                    "tbd", "to be determined", "por definir", "por determinar")
OPEN_ENDED = ("ongoing", "continuous program", "continuous programme", "continuous",
              "continuo", "programa continuo", "en curso", "permanente", "present", "presente")
# Word's content-control placeholders, as printed when a field was left unfilled
TEXT_PLACEHOLDERS = ("click or tap here to enter text", "click here to enter text",
                     "haga clic o pulse aqui para escribir texto",
                     "haga clic aqui para escribir texto",
                     "pulse aqui para escribir texto")
DATE_PLACEHOLDERS = ("click or tap to enter a date", "click here to enter a date",
                     "haga clic aqui para escribir una fecha",
                     "haga clic o pulse para escribir una fecha",
                     "pulse para escribir una fecha")
URL_PLACEHOLDERS = ("link to web page", "enlace a pagina web", "enlace a la pagina web",
                    "vinculo a pagina web")
NO_DONOR = ("n/a", "na", "none", "ninguno", "no aplica", "-", "—", "–", "not applicable")
RANGE_WORDS = ("to", "a", "al", "hasta", "until", "-", "–", "—")

MONTHS: dict[str, int] = {}
for _i, _names in enumerate(
    [("january", "jan", "enero", "ene"), ("february", "feb", "febrero"),
     ("march", "mar", "marzo"), ("april", "apr", "abril", "abr"), ("may", "mayo"),
     ("june", "jun", "junio"), ("july", "jul", "julio"), ("august", "aug", "agosto", "ago"),
     ("september", "sep", "sept", "septiembre", "setiembre", "set"),
     ("october", "oct", "octubre"), ("november", "nov", "noviembre"),
     ("december", "dec", "diciembre", "dic")], start=1):
    for _n in _names:
        MONTHS[_n] = _i

MONTH_NAMES = frozenset(n for n, _ in MONTHS.items() if len(n) > 3 or n == "may")

# the languages' own small words, in one place: what a wrapped line may end on, what joins the
# words of a name, and what tells English from Spanish
LINK_WORDS = frozenset(
    "of the and to for in on with by at from a an or its their against into between as "
    "de del la las los el y e o u para en con por al sobre entre contra su sus".split())
NAME_LINKS = frozenset(
    "of the for on against at in to and de del la las los el y e para contra en a al sobre"
    .split())
ENGLISH_WORDS = frozenset("the of and to for with in by that is are on".split())
SPANISH_WORDS = frozenset("de la el los las y para con del en por que se".split())

# The same words as the sheets print them (the synthetic generator writes them; every printed
# form is also a key above)
PRINTED_LABELS = {  # field -> (English, Spanish)
    "pillar": ("OAS Pillar", "Pilar OEA"),
    "name": ("Name of Activity", "Nombre de la actividad"),
    "date": ("Date", "Fecha"),
    "beneficiaries": ("Target Beneficiaries", "Beneficiarios"),
    "additional": ("Additional Information", "Información adicional"),
    "donors": ("Donor Countries", "Países donantes"),
}
# The half-translated label column some English sheets carry.
PRINTED_MIXED_LABELS = {
    "pillar": "Pillar OEA",
    "name": "Name of the activity",
    "date": "Date",
    "beneficiaries": "Stakeholders",
    "additional": "Additional information",
    "donors": "Donor Countries",
}
PRINTED_HEADINGS = {  # box -> (English, Spanish)
    "summary": ("PROGRAM SUMMARY", "RESUMEN DEL PROGRAMA"),
    "objectives": ("OBJECTIVES", "OBJETIVOS"),
    "results": ("RESULTS", "RESULTADOS"),
}
PRINTED_PLACEHOLDERS = {  # what a blank field shows: (English, Spanish)
    "start": ("Commencement", "Inicio"),
    "end": ("Completion", "Finalización"),
    "url": ("Link to web page", "Enlace a la página web"),
    "pillar": ("Choose an item", "Elija un elemento"),
}
PRINTED_OPEN_END = {"en": ("Ongoing", "Continuous Program"), "es": ("En curso", "Continuo",
                                                              "Programa continuo")}
PRINTED_TO = {"en": "to", "es": "a"}
PRINTED_MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
    "es": ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
           "septiembre", "octubre", "noviembre", "diciembre"),
}

_FURNITURE = [
    re.compile(r"^(page|pagina|pag\.?)\s*\d+\s*(of|de|/)\s*\d+$"),
    re.compile(r"^-?\s*\d{1,3}\s*-?$"),  # a bare page number
]


def key(text: str) -> str:
    """The comparison key of a short line: folded, without trailing colon or punctuation."""
    return fold(text).strip().strip(":.;").strip()


def heading_of(text: str) -> str | None:
    return HEADINGS.get(key(text))


def label_of(text: str) -> str | None:
    return LABELS.get(key(text))


def is_furniture(text: str) -> bool:
    k = key(text)
    return any(p.match(k) for p in _FURNITURE)


def pillar_of(text: str) -> str | None:
    """The English pillar a line names as a whole ("Seguridad" -> "Security"), else None."""
    return PILLARS.get(key(text))


def starts_with_pillar(text: str) -> tuple[str | None, str, bool] | None:
    """Split a name line that begins with a pillar word: ("Security", rest, unset?).

    >>> starts_with_pillar("Security Inter-American Network")
    ('Security', 'Inter-American Network', False)
    >>> starts_with_pillar("Choose an item Program to Strengthen")
    (None, 'Program to Strengthen', True)
    """
    stripped = text.strip()
    folded = fold(stripped)
    for word in PILLAR_UNSET:
        if folded.startswith(word):
            return None, stripped[len(word):].strip(), True
    for word, label in sorted(PILLARS.items(), key=lambda kv: -len(kv[0])):
        if folded == word or folded.startswith(word + " "):
            return label, stripped[len(word):].strip(), False
    return None
