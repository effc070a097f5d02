"""The three prose boxes of a page (summary, objectives, results) in English or Spanish.

Each builder returns paragraphs plus exactly the facts it planted (agencies, partners, countries
covered, quantities), so the truth never claims more than the text says. Numbers that are not
quantities (years, percentages, ordinals, resolution numbers, durations) are planted on purpose.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from build_graph.synth.lexicon import COUNTRIES, MONTHS, PARTNERS, SPANISH_ACRONYM, Country, Org


@dataclass
class Context:
    language: str
    country: Country
    name: str
    name_in_prose: bool
    agency: Org
    topic: str  # in the page's language
    counted: tuple[str, str]
    year: int  # the edition's year


@dataclass
class Planted:
    paragraphs: list[str]
    agencies: list[str] = field(default_factory=list)
    partners: list[str] = field(default_factory=list)
    covered: list[str] = field(default_factory=list)
    quantities: list[dict] = field(default_factory=list)


def number(n: int, language: str) -> str:
    """2000 -> '2,000' (English) or '2.000' (Spanish); below 1000 plain digits."""
    text = f"{n:,}"
    return text.replace(",", ".") if language == "es" else text


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _agency(ctx: Context) -> str:
    acr = SPANISH_ACRONYM.get(ctx.agency.slug, ctx.agency.acronym) if ctx.language == "es" \
        else ctx.agency.acronym
    return f"{ctx.agency.name(ctx.language)} ({acr})"


_FEMININE = {"Comisión", "Secretaría", "Misión", "Iniciativa", "Red", "Organización", "Oficina"}


def article(phrase: str, language: str, de: bool = False) -> str:
    """The phrase with its definite article: 'the X'; 'el X' / 'la X' ('del X' / 'de la X')."""
    if language != "es":
        return f"the {phrase}"
    if phrase.split()[0] in _FEMININE:
        return f"{'de ' if de else ''}la {phrase}"
    return f"{'del' if de else 'el'} {phrase}"


def _join(items: list[str], language: str, rng: random.Random) -> str:
    last = " y " if language == "es" else rng.choice((" and ", ", and "))
    return ", ".join(items[:-1]) + last + items[-1] if len(items) > 1 else items[0]


def summary(rng: random.Random, ctx: Context, covered_pool: tuple[str, ...]) -> Planted:
    es = ctx.language == "es"
    out = Planted([], agencies=[ctx.agency.slug])
    body = article(_agency(ctx), ctx.language)
    if ctx.name_in_prose and rng.random() < 0.5 and " in " not in ctx.name \
            and " en " not in ctx.name:
        first = (f"A través {article(ctx.name, 'es', de=True)}, {body} ofrece asistencia "
                 f"técnica a los Estados Miembros en {ctx.topic}." if es else
                 f"Through the {ctx.name}, {body} offers technical assistance to "
                 f"Member States in {ctx.topic.lower()}.")
    elif ctx.name_in_prose:
        first = (f"{body[0].upper()}{body[1:]} comenzó a ejecutar el proyecto “{ctx.name}”, "
                 f"que apoya a las instituciones nacionales en {ctx.topic}." if es else
                 f"The {_agency(ctx)} began implementing the “{ctx.name}” project, which "
                 f"supports national institutions in {ctx.topic.lower()}.")
    else:
        first = (f"{body[0].upper()}{body[1:]} ejecuta esta iniciativa para fortalecer "
                 f"{ctx.topic} en {ctx.country.es} y en la región." if es else
                 f"The {_agency(ctx)} implements this initiative to strengthen "
                 f"{ctx.topic.lower()} in {ctx.country.en} and the region.")
    sentences = [first]
    if rng.random() < 0.5:
        partners = rng.sample(PARTNERS, rng.randint(1, 2))
        names = [article(f"{p.name(ctx.language)} ({p.acronym})", ctx.language)
                 for p in partners]
        sentences.append(("La iniciativa se lleva a cabo en coordinación con " if es else
                          "The initiative is carried out in coordination with ")
                         + _join(names, ctx.language, rng) + ".")
        out.partners = [p.slug for p in partners]
    sentences.append(rng.choice((
        "El programa responde a la Resolución {res}, adoptada por la Asamblea General en su "
        "{ordn} período ordinario de sesiones." if es else
        "The program responds to Resolution {res}, adopted by the General Assembly at its "
        "{ord} regular session.",
        "Su enfoque promueve el intercambio de buenas prácticas y lecciones aprendidas entre "
        "las instituciones nacionales." if es else
        "Its approach promotes the exchange of best practices and lessons learned among "
        "national institutions and other stakeholders.",
    )).format(res=rng.randint(1800, 2950), ord=ordinal(rng.randint(38, 52)),
              ordn=f"{rng.randint(38, 52)}º"))
    out.paragraphs.append(" ".join(sentences))
    if covered_pool and rng.random() < 0.45:
        k = rng.randint(3, min(7, len(covered_pool)))
        chosen = rng.sample(covered_pool, k)
        if ctx.country.iso2 not in chosen:
            chosen[0] = ctx.country.iso2
        names = [COUNTRIES[c].name(ctx.language) for c in chosen]
        lead = ("El programa se ejecuta en " if es else "The program is implemented in ")
        tail = (", con un enfoque integral basado en {n} líneas estratégicas de acción." if es
                else ", with an integral approach based on {n} strategic lines of action.")
        out.paragraphs.append(lead + _join(names, ctx.language, rng)
                              + tail.format(n=rng.randint(2, 5)))
        out.covered = chosen
    return out


_OBJECTIVES_EN = (
    "To strengthen the capacities of national institutions in {topic}, and to promote the "
    "exchange of experiences, information and best practices among Member States.",
    "Contribute to improving the management of {topic} by adopting measures that promote "
    "accountability, transparency and respect for human rights.",
    "The objectives of the program are to support national authorities in {topic}; to "
    "increase the skills of the personnel involved; and to foster regional cooperation.",
)
_OBJECTIVES_ES = (
    "Fortalecer las capacidades de las instituciones nacionales en {topic} y promover el "
    "intercambio de experiencias, información y buenas prácticas entre los Estados Miembros.",
    "Contribuir a mejorar la gestión de {topic} mediante la adopción de medidas que "
    "promuevan la rendición de cuentas, la transparencia y el respeto de los derechos humanos.",
    "Los objetivos del programa son apoyar a las autoridades nacionales en {topic}; aumentar "
    "las competencias del personal involucrado; y fomentar la cooperación regional.",
)


def objectives(rng: random.Random, ctx: Context) -> Planted:
    texts = _OBJECTIVES_ES if ctx.language == "es" else _OBJECTIVES_EN
    topic = ctx.topic if ctx.language == "es" else ctx.topic.lower()
    paragraphs = [rng.choice(texts).format(topic=topic)]
    if rng.random() < 0.3:  # a numbered list of specific objectives
        items = (("Elaborar un diagnóstico nacional.", "Capacitar al personal especializado.")
                 if ctx.language == "es" else
                 ("Produce a national diagnostic report.", "Train specialized personnel."))
        paragraphs += [f"{i}. {item}" for i, item in enumerate(items, 1)]
    return Planted(paragraphs)


def _quantity(rng: random.Random, ctx: Context, achieved: bool) -> tuple[str, dict]:
    es = ctx.language == "es"
    what = ctx.counted[1] if es else ctx.counted[0]
    n = rng.choice((rng.randint(7, 60), rng.randint(60, 400), rng.randint(1, 30) * 100,
                    rng.randint(2, 20) * 1000))
    women = men = None
    month = MONTHS[ctx.language][rng.randrange(12)]
    when = f"{month} de {ctx.year - 1}" if es else f"{month} {ctx.year - 1}"
    num = number(n, ctx.language)
    if achieved and n < 1000 and rng.random() < 0.45:
        women = rng.randint(1, n - 1)
        men = n - women
        split = f"({women} mujeres, {men} hombres)" if es else f"({women} women, {men} men)"
        text = rng.choice((
            f"{num} {split} {what} capacitados en {when}." if es else
            f"{num} {split} {what} trained in {when}.",
            f"En {when}, un taller de {rng.randint(2, 5)} días capacitó a {num} {what} {split}."
            if es else
            f"In {when}, a {rng.randint(2, 5)}-day workshop trained {num} {what} {split}.",
        ))
    elif achieved:
        text = rng.choice((
            f"Se capacitó a {num} {what} con el apoyo del programa." if es else
            f"{num} {what} trained by the program.",
            f"Durante {ctx.year - 1}, {num} {what} recibieron capacitación especializada."
            if es else
            f"During {ctx.year - 1}, {num} {what} received specialized training.",
        ))
    else:
        text = rng.choice((
            f"En los próximos meses, el proyecto espera capacitar a {num} {what}." if es else
            f"In the following months, the project expects to train {num} {what}.",
            f"Se prevé que el programa capacite al menos a {num} {what} hacia {ctx.year + 2}."
            if es else
            f"It is expected that the program trains at least {num} {what} by {ctx.year + 2}.",
        ))
    truth = {"quantity": n, "what": what, "status": "achieved" if achieved else "target",
             "women": women, "men": men, "as_written": num}
    return text, truth


def _distractor(rng: random.Random, language: str, year: int) -> str:
    es = language == "es"
    return rng.choice((
        f"Más del {rng.randint(55, 95)}% de los participantes evaluó la capacitación de manera "
        f"favorable." if es else
        f"More than {rng.randint(55, 95)}% of the participants rated the training favorably.",
        f"Los resultados se presentaron en la {rng.randint(40, 65)}ª sesión ordinaria, en "
        f"{year}." if es else
        f"The findings were presented at the {ordinal(rng.randint(40, 65))} regular session "
        f"in {year}.",
        f"El plan de acción {year - 2}-{year + 3} orienta las actividades de los próximos "
        f"{rng.randint(3, 6)} años." if es else
        f"The Plan of Action {year - 2}-{year + 3} guides the work of the next "
        f"{rng.randint(3, 6)} years.",
    ))


def results(rng: random.Random, ctx: Context) -> Planted:
    out = Planted([])
    numbered = rng.random() < 0.25
    for i in range(rng.randint(1, 3)):
        text, truth = _quantity(rng, ctx, achieved=rng.random() < 0.6)
        if rng.random() < 0.4:
            text = f"{text} {_distractor(rng, ctx.language, ctx.year)}"
        out.paragraphs.append(f"{i + 1}) {text}" if numbered else text)
        out.quantities.append(truth)
    if rng.random() < 0.5:
        out.paragraphs.append(_distractor(rng, ctx.language, ctx.year))
    return out
