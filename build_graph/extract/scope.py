"""National or international: where an organisation the registry does not know belongs.

A state body (ministry, police, court, commission…) or a name that carries the sheet's country is
national; a name that says it is international, names another country, is written in the other
language, or is an NGO, company or university that does not name the country is international.
"""

from __future__ import annotations

import re

from build_graph import lexicon
from build_graph.extract.orgs import HEADS

_INTERNATIONAL = re.compile(
    r"\b(?:international|internacional|united nations|naciones unidas|inter-american|"
    r"interamerican[oa]?|world|mundial|global|caribbean|caribe|latin america|am[eé]rica latina|"
    r"regional|european|europe[oa]|commonwealth|pan american|panamerican[oa]|iberoamerican[oa]|"
    r"bi-?national|tri-?national|binacional|trinacional|multinational|multinacional|"
    r"west indies|americas|am[eé]ricas)\b", re.IGNORECASE)
# bodies of the state, and of the country's own civil society when named in its language
_STATE_HEADS = HEADS - frozenset("""
university universidad universidade college trust bank banco fund fondo forum foro network red
corporation corporación company empresa
""".split())
_EN = lexicon.ENGLISH_WORDS
_ES = lexicon.SPANISH_WORDS


def scope_of(name: str, names_own_country: bool, names_other_country: bool,
             sheet_language: str) -> str:
    """"national" or "international": a state body or a name that carries the sheet's
    country is national, unless it says it is international or names another country; a
    university, NGO or company is national only when it names the sheet's country.

    >>> scope_of("Ministerio Público", False, False, "es")
    'national'
    >>> scope_of("ECPAT International", False, False, "es")
    'international'
    >>> scope_of("University of the West Indies", False, False, "en")
    'international'
    """
    own_part = re.split(r"\s(?:for|on|against|para|sobre|contra)\s", name, maxsplit=1)[0]
    if _INTERNATIONAL.search(own_part) or re.search(r"\bUN\b", name) or names_other_country:
        return "international"
    if names_own_country:
        return "national"
    words = [w.lower() for w in re.findall(r"[^\W\d_]+", name)]
    en, es = sum(w in _EN for w in words), sum(w in _ES for w in words)
    if (sheet_language == "es" and en > es) or (sheet_language == "en" and es > en):
        return "international"  # a name in another language than the sheet's
    if any(w in _STATE_HEADS for w in words):
        return "national"
    return "international"
