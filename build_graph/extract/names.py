"""Naming a program from its own prose, for pages whose header name was lost.

"Through the UNSCR 1540 (2004) Implementation Program, CICTE offers…" -> "UNSCR 1540 (2004)
Implementation Program"; "began implementing the “Fortifying … in the Hemisphere” project" ->
the quoted title. Organisation names (from the registry) are never taken for program names.
"""

from __future__ import annotations

import re
from collections import Counter

from build_graph.registry.index import Registry

_HEADS = r"(?:Program|Programme|Project|Network|Mechanism|Initiative|System|Observatory|" \
         r"Programa|Proyecto|Red|Mecanismo|Iniciativa|Sistema|Observatorio)"
_QUOTED = re.compile(
    r"[“\"]([A-ZÁÉÍÓÚÑ][^”\"]{8,150})[”\"]\s+(?:project|program|programme|initiative|proyecto|"
    r"programa|iniciativa)\b")
_QUOTED_AFTER = re.compile(
    r"\b(?:project|program|programme|initiative|proyecto|programa|iniciativa)\s+"
    r"(?:entitled|called|titled|denominad[oa]|llamad[oa])?\s*[“\"]([A-ZÁÉÍÓÚÑ][^”\"]{8,150})[”\"]")
_CAP = r"(?:[A-ZÁÉÍÓÚÑ0-9][\w’'\-/]*|\(\d{4}\)|\([A-Z][A-Za-z\-]{1,12}\))"
_LINK = r"(?:of|for|the|and|in|on|against|to|de|del|la|las|los|el|para|y|en|contra|a)"
_PHRASE = re.compile(rf"{_CAP}(?:\s+(?:{_LINK}\s+)*{_CAP})*")
_LEADING = re.compile(r"^(?:The|This|Its|Our|El|La|Los|Las|Through|In|Under|A|An)\s+")
_TRAILING = re.compile(rf"(?:\s+{_LINK})+$")


def name_from_prose(texts: list[str], registry: Registry) -> str | None:
    """The program's name as its prose states it, or None when it never does."""
    for text in texts:
        for pattern in (_QUOTED, _QUOTED_AFTER):
            m = pattern.search(text)
            if m:
                return " ".join(m.group(1).split())
    for text in texts:
        name = _first_headed_phrase(text, registry)
        if name:
            return name
    return _most_frequent_phrase(texts, registry)


def _candidates(text: str, registry: Registry) -> list[str]:
    found = []
    for m in _PHRASE.finditer(text):
        phrase = re.sub(r"^(?:\d[\d,.]*\s+)+", "", m.group(0))  # "2024 the …": a date, then
        phrase = _LEADING.sub("", phrase)
        phrase = re.sub(rf"^(?:{_LINK}\s+)+", "", phrase)
        phrase = _TRAILING.sub("", phrase).strip()
        phrase = _without_runner(phrase, registry)
        if len(phrase.split()) < 2 or registry.lookup(phrase) is not None:
            continue
        # drop a leading organisation ("OAS/CICTE Cybersecurity Program" -> "Cybersecurity …")
        words = phrase.split()
        while len(words) > 2 and registry.lookup(words[0].split("/")[-1]) is not None:
            words = words[1:]
        found.append(" ".join(words))
    return found


def _without_runner(phrase: str, registry: Registry) -> str:
    """"… Program of CICAD", "… Program of the Inter-American Committee against Terrorism
    (CICTE)": the organisation that runs a program is not part of its name."""
    for tail in re.finditer(r"\s+(?:of|de|del)\s+(?:the\s+|la\s+|el\s+)?", phrase):
        rest = phrase[tail.end():]
        found = registry.mentions(rest)
        if found and found[0].start == 0 and registry.lookup(rest.strip("()")) is not None \
                or (found and found[0].start == 0 and found[0].end >= len(rest.split(" (")[0])):
            return phrase[: tail.start()]
    return phrase


def _first_headed_phrase(text: str, registry: Registry) -> str | None:
    for phrase in _candidates(text, registry):
        if re.search(rf"\b{_HEADS}\b", phrase):
            return phrase.strip(" ,;:")
    return None


def _most_frequent_phrase(texts: list[str], registry: Registry) -> str | None:
    counts: Counter[str] = Counter()
    order: dict[str, int] = {}
    for text in texts:
        for phrase in _candidates(text, registry):
            if phrase.split()[0].isupper() and len(phrase.split()) == 2:
                continue
            counts[phrase] += 1
            order.setdefault(phrase, len(order))
    if not counts:
        return None
    best = max(counts, key=lambda p: (counts[p], -order[p]))
    return best if counts[best] >= 2 else None
