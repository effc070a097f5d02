"""The pages' two languages: choosing one per request, and the interface's words in each.

The language comes from ``?lang=es|en`` when the request gives it (links then keep it), else
from ``Accept-Language``, else English. Labels of resources come from the data (the ontology's
``rdfs:label`` and the registry's ``skos:prefLabel`` in both languages); only the interface's
own words are here.

>>> choose_language("es-UY,es;q=0.9,en;q=0.8")
'es'
>>> choose_language("en-GB,es;q=0.5")
'en'
>>> choose_language("es", override="en")
'en'
>>> choose_language("fr, de;q=0.5") , choose_language(None)
('en', 'en')
>>> text("es", "programs")
'Programas'
>>> text("en", "n programs", n=1), text("es", "n programs", n=2)
('1 program', '2 programas')
"""

from __future__ import annotations

from build_graph.web.messages import MESSAGES

LANGUAGES = ("en", "es")
DEFAULT = "en"


def choose_language(accept_language: str | None, override: str | None = None) -> str:
    """The page language: ``override`` when it names one, else the best of Accept-Language."""
    if override in LANGUAGES:
        return override  # type: ignore[return-value]
    best, best_q = DEFAULT, 0.0
    for item in (accept_language or "").split(","):
        tag, *params = (part.strip() for part in item.split(";"))
        primary = tag.lower().split("-")[0]
        if primary not in LANGUAGES:
            continue
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if q > best_q:
            best, best_q = primary, q
    return best


def override_of(query_string: str) -> str | None:
    """The ``lang`` a request's query string asks for, when it is one of ours.

    >>> override_of("q=x&lang=es"), override_of("lang=fr"), override_of("")
    ('es', None, None)
    """
    from urllib.parse import parse_qs

    values = parse_qs(query_string).get("lang", [])
    return values[-1] if values and values[-1] in LANGUAGES else None


def text(lang: str, key: str, **values: object) -> str:
    """The interface text ``key`` in ``lang``, with ``{name}`` fields filled in."""
    if values.get("n") == 1 and key + " one" in MESSAGES:
        key += " one"  # the singular
    english, spanish = MESSAGES[key]
    template = spanish if lang == "es" else english
    return template.format(**values) if values else template


def other(lang: str) -> str:
    return "en" if lang == "es" else "es"


__all__ = ["LANGUAGES", "choose_language", "other", "override_of", "text"]
