"""Plan one program page: invented name, pillar, dates, donors, beneficiaries, URL, prose, and
the ground truth a careful reader would extract from it."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from build_graph.slugs import slugify
from build_graph.synth import prose
from build_graph.synth.lexicon import (
    CARIBBEAN,
    CENTRAL_AMERICA,
    COUNTRIES,
    DONOR_COUNTRIES,
    DONORS,
    MONTHS,
    NO_DONOR,
    OAS_BODIES,
    OPEN_END,
    PILLARS,
    PLACEHOLDERS,
    SOUTH_AMERICA,
    Country,
)
from build_graph.synth.topics import BENEFICIARIES, COUNTED, TOPICS, URL_AREAS

HEADER_MODES = ("classic", "inline", "labels_first", "pillar_only", "none")
_HEADER_WEIGHTS = (50, 14, 16, 7, 13)


@dataclass(frozen=True)
class Program:
    """A program as the OAS runs it (the same on every sheet that reports it)."""

    pillar: str
    agency: str  # OAS body slug
    topic: int  # index into TOPICS[pillar]
    names: tuple[str, str]  # English, Spanish


@dataclass
class Page:
    """One page as planned: what the layout shows, and what the truth asserts."""

    language: str
    header: str  # one of HEADER_MODES
    name: str
    pillar_shown: str  # "" when the header shows no pillar
    start_text: str
    end_text: str  # without the trailing "to"
    donors_text: str
    beneficiaries: str | None
    url: str | None
    summary: list[str]
    objectives: list[str]
    results: list[str]
    truth: dict = field(default_factory=dict)


def invent_program(rng: random.Random, country: Country | None) -> Program:
    pillar = rng.choice(sorted(PILLARS))
    bodies = [b for b in OAS_BODIES if b.pillar == pillar
              and (b.slug != "mapp-oea" or (country and country.iso2 == "CO"))]
    agency = rng.choice(bodies)
    topic = rng.randrange(len(TOPICS[pillar]))
    en_topic, es_topic = TOPICS[pillar][topic]
    adj = rng.randrange(4)
    kind = rng.randrange(4)
    en = (f"{('Inter-American', 'Regional', 'Hemispheric', 'National')[adj]} "
          f"{('Program', 'Initiative', 'Network', 'Project')[kind]} for {en_topic}")
    es_kind = ("Programa", "Iniciativa", "Red", "Proyecto")[kind]
    fem = kind in (1, 2)
    es_adj = (("Interamericano", "Interamericana"), ("Regional", "Regional"),
              ("Hemisférico", "Hemisférica"), ("Nacional", "Nacional"))[adj][fem]
    es = f"{es_kind} {es_adj} para {es_topic}"
    if country is not None and rng.random() < 0.5:
        en = f"Strengthening {en_topic} in {country.en}"
        es = f"Fortalecimiento de {es_topic} en {country.es}".replace(" de el ", " del ")
    if rng.random() < 0.15:  # "… (HNDRM)": an acronym made of the capitalised words
        initials = "".join(w[0] for w in en.replace("-", " ").split() if w[0].isupper())
        en, es = f"{en} ({initials})", f"{es} ({initials})"
    return Program(pillar, agency.slug, topic, (en, es))


def _date(rng: random.Random, language: str, year: int, precision: str,
          unambiguous: bool = False) -> tuple[str, str]:
    """(text as written, ISO at that precision) for a date in ``year``."""
    month = rng.randint(1, 12)
    if precision == "year":
        return str(year), f"{year:04d}"
    if precision == "month":
        name = MONTHS[language][month - 1]
        text = f"{name} de {year}" if language == "es" else f"{name} {year}"
        return text, f"{year:04d}-{month:02d}"
    day = rng.randint(13, 28) if unambiguous else rng.randint(1, 28)
    text = f"{day}/{month}/{year}" if language == "es" else f"{month}/{day}/{year}"
    return text, f"{year:04d}-{month:02d}-{day:02d}"


def plan_dates(rng: random.Random, language: str, year: int, violation: bool,
               unambiguous: bool) -> dict:
    precision = "day" if violation or unambiguous else rng.choice(
        ("day", "day", "day", "year", "month"))
    start_year = year - rng.randint(0, 8)
    start_text, start = _date(rng, language, start_year, precision, unambiguous)
    if not (violation or unambiguous) and rng.random() < 0.08:
        start_text, start = PLACEHOLDERS["start"][language == "es"], None
    end_open, roll = False, rng.random()
    if violation:
        end_text, end = _date(rng, language, start_year - rng.randint(1, 3), "day")
    elif roll < 0.15:
        end_text, end, end_open = rng.choice(OPEN_END[language]), None, True
        if not unambiguous and rng.random() < 0.3:  # "Continuo" … "Continuo to"
            start_text, start = end_text, None
    elif roll < 0.25:
        end_text, end = PLACEHOLDERS["end"][language == "es"], None
    else:
        end_precision = precision if precision != "day" or rng.random() < 0.8 else "year"
        end_text, end = _date(rng, language, start_year + rng.randint(1, 5), end_precision)
    return {"start_text": start_text, "start": start, "end_text": end_text, "end": end,
            "end_open": end_open}


def plan_donors(rng: random.Random, language: str) -> tuple[str, list[dict]]:
    """The donor text of the header and one truth entry per donor it names."""
    es = language == "es"
    roll = rng.random()
    if roll < 0.15:
        return rng.choice(NO_DONOR), []
    items: list[tuple[str, list[str], list[str]]] = []
    if roll < 0.55:
        en_text, es_text, funders, channels = rng.choice(DONORS)
        items.append((es_text if es else en_text, list(funders), list(channels)))
    for iso in rng.sample(DONOR_COUNTRIES, rng.choice((0, 1, 1, 2, 3))):
        name = COUNTRIES[iso].name(language)
        if iso == "US" and not es and rng.random() < 0.3:
            name = "United States of America"
        items.append((name, [iso], []))
    if not items:
        iso = rng.choice(DONOR_COUNTRIES)
        items.append((COUNTRIES[iso].name(language), [iso], []))
    separator = "; " if any("(" in t for t, _, _ in items) else rng.choice(("; ", ", "))
    text = separator.join(t for t, _, _ in items)
    if len(items) > 1 and rng.random() < 0.3:
        text += "."
    truth = [{"as_written": t, "funders": f, "channels": c} for t, f, c in items]
    return text, truth


def plan_url(rng: random.Random, program: Program, language: str) -> str | None:
    if rng.random() < 0.3:
        return None
    area = URL_AREAS[program.pillar][language == "es"]
    slug = slugify(program.names[language == "es"])[:40].strip("-")
    return rng.choice((f"http://www.oas.org/{area}/{slug}.asp",
                       f"https://www.oas.org/{area}/{slug}/"))


def _covered_pool(country: Country) -> tuple[str, ...]:
    for region in (CENTRAL_AMERICA, CARIBBEAN, SOUTH_AMERICA):
        if country.iso2 in region:
            return region
    return ()


def plan_page(rng: random.Random, program: Program, country: Country, language: str, year: int,
              violation: bool = False, unambiguous: bool = False) -> Page:
    es = language == "es"
    forced = violation or unambiguous
    header = "classic" if forced else rng.choices(HEADER_MODES, _HEADER_WEIGHTS)[0]
    name = program.names[es]
    pillar: str | None = program.pillar
    pillar_shown = PILLARS[program.pillar] if es else program.pillar
    if header in ("classic", "inline", "labels_first") and not forced and rng.random() < 0.1:
        pillar, pillar_shown = None, PLACEHOLDERS["pillar"][es]
    if header == "none":
        pillar, pillar_shown = None, ""
    dates = plan_dates(rng, language, year, violation, unambiguous)
    donors_text, donors = plan_donors(rng, language)
    beneficiaries = rng.choice(BENEFICIARIES[program.pillar])[es].format(
        country=country.name(language)) if rng.random() < 0.9 else None
    url = plan_url(rng, program, language)
    agency = next(b for b in OAS_BODIES if b.slug == program.agency)
    topic = TOPICS[program.pillar][program.topic][es]
    ctx = prose.Context(language, country, name, header in ("pillar_only", "none"), agency,
                        topic, rng.choice(COUNTED[program.pillar]), year)
    summary = prose.summary(rng, ctx, _covered_pool(country))
    objectives = prose.objectives(rng, ctx)
    results = prose.results(rng, ctx)
    page = Page(language, header, name, pillar_shown, dates["start_text"], dates["end_text"],
                donors_text, beneficiaries, url, summary.paragraphs, objectives.paragraphs,
                results.paragraphs)
    has_header = header != "none"
    page.truth = {
        "country": country.iso2,
        "name": name,
        "name_source": "prose" if ctx.name_in_prose else "header",
        "pillar": pillar,
        "start": dates["start"] if has_header else None,
        "end": dates["end"] if has_header else None,
        "end_open": dates["end_open"] if has_header else False,
        "start_raw": dates["start_text"] if has_header else None,
        "end_raw": dates["end_text"] if has_header else None,
        "beneficiaries": beneficiaries if has_header else None,
        "url": url if has_header else None,
        "donors": donors if has_header else [],
        "agencies": summary.agencies,
        "partners": summary.partners,
        "countries_covered": summary.covered,
        "results_quantities": results.quantities,
        "summary_start": _first_words(summary.paragraphs),
        "objectives_start": _first_words(objectives.paragraphs),
        "results_start": _first_words(results.paragraphs),
        "language": language,
        "header_layout": header,
    }
    if violation:
        page.truth["expect_violation"] = True
    return page


def _first_words(paragraphs: list[str], n: int = 6) -> str:
    return " ".join(" ".join(paragraphs).split()[:n])
