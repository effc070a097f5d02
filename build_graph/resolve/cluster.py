"""Telling one institution's names apart from another's: the key two names of one
institution share (case, accents, articles and a trailing "of <country>" dropped), acronyms,
and grouping the names of one country into institutions (same key, same acronym, or a rapidfuzz
ratio of at least FUZZY_RATIO)."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from build_graph.slugs import fold

FUZZY_RATIO = 95.0  # rapidfuzz ratio (0-100) of two keys of one country that are one institution
_ARTICLES = {"the", "el", "la", "los", "las", "le", "les", "l"}
_OF = {"of", "de", "del"}
_JOINERS = re.compile(r"(?<=\w)[-‐‑–'’.](?=\w)")
_NON_WORD = re.compile(r"[^\w]+")


# --- names and keys -----------------------------------------------------------------------------
def is_acronym(text: str) -> bool:
    """One word of capitals (dots allowed): "MNS", "M.N.S.", "SECCATID".

    >>> is_acronym("MNS"), is_acronym("Ministry"), is_acronym("OAS Fund")
    (True, False, False)
    """
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and " " not in text.strip() and all(c.isupper() for c in letters)


def acronym_key(text: str | None) -> str | None:
    return "".join(c for c in fold(text) if c.isalnum()) or None if text else None


def name_key(name: str, country: str | None = None, registry=None) -> str:
    """The key two names of one institution share: case, accents, punctuation and articles
    dropped, and a trailing "of <country>" / "de <country>" / "del <country>" naming ``country``.

    >>> name_key("The Ministry of National Security")
    'ministry of national security'
    >>> name_key("Ministerio de la Gobernación")
    'ministerio de gobernacion'
    """
    words = _NON_WORD.sub(" ", _JOINERS.sub("", fold(name))).split()
    if country and registry is not None:
        words = _without_country(words, country, registry)
    return " ".join(w for w in words if w not in _ARTICLES) or " ".join(words)


def _without_country(words: list[str], country: str, registry) -> list[str]:
    for i in range(len(words) - 2, 0, -1):
        if words[i] not in _OF:
            continue
        tail = words[i + 1 :]
        while tail and tail[0] in _ARTICLES:
            tail = tail[1:]
        entity = registry.lookup(" ".join(tail)) if tail else None
        if entity is not None and entity.kind == "country" and entity.country == country.upper():
            head = words[:i]
            # "… de la República de Guatemala": the republic goes with its name
            if len(head) > 2 and head[-1] in ("republica", "republic") and head[-2] in _ARTICLES:
                head = head[:-2]
            if len(head) > 1 and head[-1] in _OF:
                head = head[:-1]
            return head
    return words


@dataclass(frozen=True)
class Name:
    """One way a new organisation was written; all its mentions go to one minted node."""

    label: str
    acronym: str | None
    country: str | None
    scope: str
    sheet: str | None = None  # the sheet's country, kept for an acronym alone ("MNS")

    @property
    def only_acronym(self) -> bool:
        return is_acronym(self.label) or self.label == self.acronym

    @property
    def acronym_key(self) -> str | None:
        return acronym_key(self.acronym or (self.label if self.only_acronym else None))


@dataclass
class Sightings:
    places: dict[tuple[str, int], str] = field(default_factory=dict)  # -> sentence (first seen)
    roles: set[str] = field(default_factory=set)
    language: str = "en"


# --- clustering ---------------------------------------------------------------------------------
def _ratio(a: str, b: str) -> float:
    return float(fuzz.ratio(a, b))


class _Union:
    def __init__(self, items: Iterable[Name]) -> None:
        self.parent = {i: i for i in items}

    def find(self, item: Name) -> Name:
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def join(self, a: Name, b: Name) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            first, second = sorted((ra, rb), key=name_order)
            self.parent[second] = first


def name_order(name: Name) -> tuple:
    return (name.country or "", name.scope, name.label, name.acronym or "", name.sheet or "")


def cluster(names: Iterable[Name], registry=None) -> list[list[Name]]:
    """The names that denote one institution, grouped; never across countries or scopes.

    Two names join when their :func:`name_key` is equal, when their acronyms are equal (a name
    that is only an acronym counts as that acronym), or when their keys are near-identical:
    rapidfuzz ``ratio`` ≥ 95. Measured: among the registry's 116 organisations no two of one
    country reach 95 (the closest, "General Assembly…" and "General Secretariat of the
    Organization of American States", score 86.7); a one-letter typo in a name of 15 or more
    letters scores 97–98 ("Ministry of Heath" 97.1, "Ministerio de Interior" 97.8); different
    ministries score about 80 ("Ministerio de Educación" / "de Economía" 80.0) and
    "National Police" / "National Policy" 93.3 stay apart.
    """
    names = sorted(set(names), key=name_order)
    national = {(n.country, n.acronym_key) for n in names if n.scope == "national"}
    groups: dict[tuple[str | None, str], list[Name]] = defaultdict(list)
    for name in names:
        if (name.sheet, name.acronym_key) in national:  # "MNS" on a sheet where MNS is national
            groups[(name.sheet, "national")].append(name)
        else:
            groups[(name.country, name.scope)].append(name)
    found: list[list[Name]] = []
    for (country, _scope), members in sorted(groups.items(), key=_group_order):
        union = _Union(members)
        by_key: dict[str, Name] = {}
        by_acronym: dict[str, Name] = {}
        keyed: list[tuple[str, Name]] = []
        for name in members:
            if not name.only_acronym:
                key = name_key(name.label, country, registry)
                union.join(by_key.setdefault(key, name), name)
                keyed.append((key, name))
            if name.acronym_key:
                union.join(by_acronym.setdefault(name.acronym_key, name), name)
        _join_near(keyed, union)
        clusters: dict[Name, list[Name]] = defaultdict(list)
        for name in members:
            clusters[union.find(name)].append(name)
        found.extend(clusters[root] for root in sorted(clusters, key=name_order))
    return found


def _group_order(item: tuple[tuple[str | None, str], list[Name]]) -> tuple[str, str]:
    return (item[0][0] or "", item[0][1])


def _join_near(keyed: list[tuple[str, Name]], union: _Union) -> None:
    """Join keys whose ratio reaches FUZZY_RATIO; only keys of compatible lengths are compared
    (ratio ≤ 200·min/(la+lb))."""
    keyed = sorted(keyed, key=lambda kn: (len(kn[0]), kn[0]))
    for i, (key, name) in enumerate(keyed):
        for other, other_name in keyed[i + 1 :]:
            if 200.0 * len(key) / (len(key) + len(other)) < FUZZY_RATIO:
                break
            if key != other and _ratio(key, other) >= FUZZY_RATIO:
                union.join(name, other_name)
