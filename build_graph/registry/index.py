"""The registry: organisations and countries from ``ontology/reference/*.ttl``, and the alias
index the extractor and the resolver use to recognise them in text.

Conventions of the reference files (the single source of truth):

* countries are ``schema:Country`` (member states ``oaskg:MemberState``) with ISO codes as
  ``skos:notation`` typed ``oaskg:isoAlpha2`` / ``oaskg:isoAlpha3``;
* organisations are ``org:FormalOrganization`` or ``org:OrganizationalUnit``; OAS bodies are the
  OAS itself and everything ``org:unitOf`` / ``org:subOrganizationOf`` it, transitively;
  national institutions carry ``oaskg:country``;
* names come from ``skos:prefLabel``, ``skos:altLabel`` and ``oaskg:acronym``; an
  ``oaskg:contextualLabel`` ("Ministry of Health", "National Police") only resolves on a sheet
  of the entity's own country, so the same generic name can serve many countries.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from pathlib import Path

from build_graph import cache
from build_graph.model import EntityRef
from build_graph.slugs import fold, fold_same_length

OAS_IRI = "https://w3id.org/oaskg/id/org/oas"
_LOWER_WORD = re.compile(r"[a-z]+")

_Q_ENTITIES = """
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX schema: <http://schema.org/>
PREFIX oaskg: <https://w3id.org/oaskg/ontology#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
SELECT ?e ?type ?label WHERE {
  ?e a ?type ; skos:prefLabel ?label .
  FILTER(?type IN (schema:Country, oaskg:MemberState, org:Organization, org:FormalOrganization,
                   org:OrganizationalUnit))
  FILTER(LANG(?label) = "en" || LANG(?label) = "")
}"""


class EntityKind(StrEnum):
    COUNTRY = "country"
    OAS_BODY = "oas_body"
    NATIONAL = "national"  # a national institution: it has oaskg:country
    INTERNATIONAL = "international"  # any other organisation (international, regional, academic)


@dataclass(frozen=True)
class Entity:
    iri: str
    label: str
    kind: EntityKind
    acronym: str | None = None
    country: str | None = None  # ISO alpha-2: a country's own code, or a national body's country
    parent: str | None = None  # IRI of the organisation it is a unit of
    wikidata: str | None = None
    host: str | None = None  # the web host of its own site (foaf:homepage), e.g. cicad.oas.org

    def ref(self) -> EntityRef:
        return EntityRef(self.iri, self.acronym or self.label, self.kind.value)


@dataclass(frozen=True)
class Mention:
    """An entity named in a text, at [start, end) of that text."""

    entity: Entity
    start: int
    end: int
    surface: str


def _starting(keys: list[str], prefix: str) -> list[str]:
    """The keys (sorted) that begin with ``prefix``: one run of the sorted list.

    >>> _starting(["ab", "abc", "abd", "b"], "ab")
    ['ab', 'abc', 'abd']
    """
    first = bisect_left(keys, prefix)
    last = first
    while last < len(keys) and keys[last].startswith(prefix):
        last += 1
    return keys[first:last]


def _is_acronym(alias: str) -> bool:
    letters = [c for c in alias if c.isalpha()]
    return bool(letters) and len(alias) <= 12 and all(c.isupper() for c in letters)


def _demonyms(name: str) -> tuple[str, ...]:
    """Words a country's name makes: "colombia" -> "colombian", "colombiano"…;
    "paraguay" -> "paraguayo"…; a name ending in a vowel drops it first ("mexic-an")."""
    out = [name + s for s in ("n", "an", "ian", "o", "a", "os", "as", "es", "i")]
    if name[-1] in "aeiou":
        stem = name[:-1]
        out += [stem + s for s in ("an", "ian", "ean", "ano", "ana", "anos", "anas", "ense",
                                   "enses", "eno", "ena", "enos", "enas", "ese", "ien")]
    return tuple(out)


def _host(url: str) -> str:
    """The host of a URL without "www.".

    >>> _host("http://www.cicad.oas.org/Main/x.asp")
    'cicad.oas.org'
    """
    host = re.sub(r"^[a-z]+://", "", url.strip().lower()).split("/", 1)[0]
    return host.removeprefix("www.")


def _alternation(aliases: list[str]) -> str:
    """The aliases, longest first, as one regular expression, a space matching any run of
    white space: what ``alias|alias|…`` matches, with the same preference, but shared
    beginnings written once (a trie), so a position of the text is tried against a few
    branches instead of every alias.

    >>> _alternation(["abx", "ab", "b"])
    '(?:ab(?:x|)|b)'

    Branches that part at a character cannot both match at one position, so their order does
    not matter; an alias that begins others is shorter, so came after them and is tried last.
    """
    # an alias as its steps: characters, and " " for a run of white space
    steps = [tuple(" ".join(alias.split())) for alias in aliases]
    return _branches(steps) if steps else r"(?!x)x"


def _branches(steps: list[tuple[str, ...]]) -> str:
    children: dict[str, list[tuple[str, ...]]] = {}
    ends = False
    for rest in steps:
        if rest:
            children.setdefault(rest[0], []).append(rest[1:])
        else:
            ends = True
    options = [(r"\s+" if step == " " else re.escape(step)) + _branches(after)
               for step, after in children.items()]
    if ends:
        options.append("")  # the alias that ends here, after the longer ones it begins
    if len(options) == 1:
        return options[0]
    return "(?:" + "|".join(options) + ")"


class Registry:
    """Every organisation and country of the reference files, with an alias index."""

    def __init__(
        self,
        entities: Iterable[Entity],
        aliases: dict[str, set[str]],
        contextual: dict[str, set[str]],
        spot_names: Iterable[str],
        spot_acronyms: Iterable[str],
        codes: dict[str, set[str]] | None = None,
    ) -> None:
        self.entities: tuple[Entity, ...] = tuple(sorted(entities, key=lambda e: e.iri))
        self.by_iri: dict[str, Entity] = {e.iri: e for e in self.entities}
        # folded alias -> entity IRIs; contextual aliases resolve only within a country
        self._aliases = {k: frozenset(v) for k, v in aliases.items()}
        self._contextual = {k: frozenset(v) for k, v in contextual.items()}
        self._alias_keys = sorted(self._aliases)  # for the names that begin with a prefix
        self._contextual_keys = sorted(self._contextual)
        # ISO codes as written (upper case): "NO" is Norway, "No" is not
        self._codes = {k: frozenset(v) for k, v in (codes or {}).items()}
        self._by_iso = {
            e.country: e for e in self.entities if e.kind is EntityKind.COUNTRY and e.country
        }
        self._build_patterns(set(spot_names), set(spot_acronyms))

    # -- loading ------------------------------------------------------------------------------
    @classmethod
    def load(cls, paths: Iterable[Path] | None = None) -> Registry:
        """Read the reference Turtle files (by default the project's ``ontology/reference``)."""
        if paths is None:
            return _default_registry()
        return _load(tuple(paths))

    # -- lookups ------------------------------------------------------------------------------
    def get(self, iri: str) -> Entity:
        return self.by_iri[iri]

    def country(self, iso2: str) -> Entity | None:
        return self._by_iso.get(iso2.upper())

    def countries(self) -> list[Entity]:
        return [e for e in self.entities if e.kind is EntityKind.COUNTRY]

    def lookup(self, name: str, country: str | None = None) -> Entity | None:
        """The entity a whole name denotes, or None when unknown or ambiguous.

        ``country`` (ISO alpha-2 of the sheet) enables contextual labels.
        """
        key = fold(name).strip(" .;,")
        found = set(self._aliases.get(key, ()))
        found |= self._codes.get(name.strip(" .;,"), frozenset())
        if country:
            found |= {
                i
                for i in self._contextual.get(key, ())
                if self.by_iri[i].country == country.upper()
            }
        if len(found) == 1:
            return self.by_iri[next(iter(found))]
        return None

    def by_host(self, url: str) -> Entity | None:
        """The organisation whose own site a URL is on ("http://www.cicad.oas.org/…" -> CICAD)."""
        host = _host(url)
        return next((e for e in self.entities if e.host and host == e.host), None)

    def is_country(self, name: str) -> bool:
        """Whether a whole name is a country's ("Belize" in "Belize's National Drug…")."""
        hit = self.lookup(name)
        return hit is not None and hit.kind is EntityKind.COUNTRY

    def countries_in(self, text: str) -> set[str]:
        """ISO codes of the countries a name names, by a country's name or its demonym
        ("Colombian Navy", "Instituto Paraguayo del Indígena", "Policía de Honduras").

        >>> sorted(Registry.load().countries_in("Colombian Navy and Instituto Paraguayo"))
        ['CO', 'PY']
        """
        if not hasattr(self, "_country_words"):
            words: dict[str, str] = {}
            phrases: list[tuple[str, re.Pattern[str], str]] = []
            for alias, iris in sorted(self._aliases.items()):
                for i in sorted(iris):
                    e = self.by_iri[i]
                    if e.kind is not EntityKind.COUNTRY or not e.country or len(alias) < 4 \
                            or "." in alias:
                        continue
                    if " " in alias:
                        whole = re.compile(rf"(?<![a-z]){re.escape(alias)}(?![a-z])")
                        phrases.append((alias, whole, e.country))
                    else:
                        for w in (alias, *_demonyms(alias)):
                            words.setdefault(w, e.country)
            self._country_words = words
            self._country_phrases = tuple(phrases)
        folded = fold(text)
        found = {self._country_words[w] for w in _LOWER_WORD.findall(folded)
                 if w in self._country_words}
        # the plain substring test first: most names name no country
        found |= {iso for phrase, whole, iso in self._country_phrases
                  if phrase in folded and whole.search(folded)}
        return found

    def lookup_start(self, name: str, country: str | None = None) -> Entity | None:
        """The one entity whose name begins with ``name`` (four words or more): a name cut
        short where the text stops capitalising it ("Secretaría Ejecutiva Comisión contra la
        Adicción y el Tráfico" + "ilícito de drogas")."""
        key = fold(name).strip(" .;,")
        if len(key.split()) < 4:
            return None
        found = {i for alias in _starting(self._alias_keys, key + " ")
                 for i in self._aliases[alias]}
        if country:
            found |= {i for alias in _starting(self._contextual_keys, key + " ")
                      for i in self._contextual[alias]
                      if self.by_iri[i].country == country.upper()}
        return self.by_iri[next(iter(found))] if len(found) == 1 else None

    def ancestors(self, entity: Entity) -> list[Entity]:
        """The organisations an OAS unit belongs to, nearest first."""
        chain, seen = [], {entity.iri}
        current = entity
        while current.parent and current.parent in self.by_iri and current.parent not in seen:
            current = self.by_iri[current.parent]
            seen.add(current.iri)
            chain.append(current)
        return chain

    def mentions(self, text: str, country: str | None = None) -> list[Mention]:
        """Entities named in ``text``, left to right, longest name first, not overlapping."""
        found: list[tuple[int, int, str, frozenset[str]]] = []
        folded = fold_same_length(text)
        for m in self._name_re.finditer(folded):
            key = fold(m.group(0))
            found.append((m.start(), m.end(), key, self._candidates(key, country)))
        for m in self._acronym_re.finditer(text):
            key = fold(m.group(0))
            found.append((m.start(), m.end(), key, self._candidates(key, country)))
        found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
        result: list[Mention] = []
        last_end = -1
        for start, end, _key, iris in found:
            if start < last_end or len(iris) != 1:
                continue
            result.append(Mention(self.by_iri[next(iter(iris))], start, end, text[start:end]))
            last_end = end
        return result

    def _candidates(self, key: str, country: str | None) -> frozenset[str]:
        found = set(self._aliases.get(key, ()))
        if country:
            found |= {
                i
                for i in self._contextual.get(key, ())
                if self.by_iri[i].country == country.upper()
            }
        return frozenset(found)

    def _build_patterns(self, names: set[str], acronyms: set[str]) -> None:
        # Acronyms match with their case (OID, not "oid"); other names ignore case and accents.
        folded_acronyms = {fold(a) for a in acronyms}
        names = {n for n in names if n not in folded_acronyms}
        ordered = sorted(names, key=lambda n: (-len(n), n))
        self._name_re = re.compile(rf"(?<!\w)(?:{_alternation(ordered)})(?!\w)")
        ordered_acr = sorted(acronyms, key=lambda n: (-len(n), n))
        self._acronym_re = re.compile(rf"(?<!\w)(?:{_alternation(ordered_acr)})(?!\w)")


def _load(paths: tuple[Path, ...]) -> Registry:
    """The registry of these files: from the index cached under their SHA-256 when there is one
    (no Turtle to parse, no rdflib to import), else parsed and cached for the next command."""
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    cached = cache.read("registry", digest.hexdigest())
    if cached is not None:
        try:
            return _from_index(cached)
        except (KeyError, TypeError, ValueError):
            pass  # an index of another version: parse again
    index = _parse(paths)
    cache.write("registry", digest.hexdigest(), index)
    return _from_index(index)


def _from_index(index: dict) -> Registry:
    entities = [Entity(e["iri"], e["label"], EntityKind(e["kind"]), e["acronym"], e["country"],
                       e["parent"], e["wikidata"], e["host"]) for e in index["entities"]]
    return Registry(entities, index["aliases"], index["contextual"], index["spot_names"],
                    index["spot_acronyms"], index["codes"])


def _parse(paths: tuple[Path, ...]) -> dict:
    """The registry's index read from the Turtle files: entities, aliases and names to spot."""
    from rdflib import Graph, Literal, URIRef
    from rdflib.namespace import FOAF, OWL, SKOS

    from build_graph import vocab

    graph = Graph()
    for path in paths:
        graph.parse(path, format="turtle")

    def literals(subject: URIRef, prop: URIRef) -> list[Literal]:
        return sorted((o for o in graph.objects(subject, prop) if isinstance(o, Literal)), key=str)

    org_types = {vocab.Organization, vocab.FormalOrganization, vocab.OrganizationalUnit}
    country_types = {vocab.Country, vocab.MemberState}
    subjects: dict[URIRef, set[URIRef]] = defaultdict(set)
    from rdflib.namespace import RDF

    for s, _, t in graph.triples((None, RDF.type, None)):
        if isinstance(s, URIRef) and (t in org_types or t in country_types):
            subjects[s].add(t)  # type: ignore[arg-type]

    parents: dict[str, str] = {}
    for s in subjects:
        # org:unitOf first, then org:subOrganizationOf; the first IRI in order: deterministic
        for prop in (vocab.subOrganizationOf, vocab.unitOf):
            for o in sorted(graph.objects(s, prop), reverse=True):
                parents[str(s)] = str(o)

    def under_oas(iri: str) -> bool:
        seen = set()
        while iri not in seen:
            if iri == OAS_IRI:
                return True
            seen.add(iri)
            if iri not in parents:
                return False
            iri = parents[iri]
        return False

    entities, aliases, contextual = [], defaultdict(set), defaultdict(set)
    codes: dict[str, set[str]] = defaultdict(set)
    spot_names: set[str] = set()
    spot_acronyms: set[str] = set()
    for s, types in subjects.items():
        iri = str(s)
        labels = literals(s, SKOS.prefLabel)
        english = [lit for lit in labels if lit.language in ("en", None)]
        label = str((english or labels or [Literal(iri.rsplit("/", 1)[-1])])[0])
        acronyms = [str(a) for a in literals(s, vocab.acronym)]
        iso2 = None
        for note in literals(s, SKOS.notation):
            if note.datatype == vocab.isoAlpha2:
                iso2 = str(note)
        country_code = iso2
        for c in graph.objects(s, vocab.country):
            country_code = str(c).rstrip("/").rsplit("/", 1)[-1].upper()
        if types & country_types:
            kind = EntityKind.COUNTRY
        elif under_oas(iri):
            kind = EntityKind.OAS_BODY
        elif country_code:
            kind = EntityKind.NATIONAL
        else:
            kind = EntityKind.INTERNATIONAL
        host = None
        for page in sorted(graph.objects(s, FOAF.homepage)):
            host = _host(str(page))
        wikidata = None
        for same in graph.objects(s, OWL.sameAs):
            if str(same).startswith(str(vocab.WD)):
                wikidata = str(same).rsplit("/", 1)[-1]
        entities.append(
            Entity(
                iri,
                label,
                kind,
                acronyms[0] if acronyms else None,
                country_code,
                parents.get(iri),
                wikidata,
                host,
            )
        )
        names = [str(x) for x in labels + literals(s, SKOS.altLabel)] + acronyms
        for name in names:
            aliases[fold(name)].add(iri)
            (spot_acronyms if _is_acronym(name) else spot_names).add(
                name if _is_acronym(name) else fold(name)
            )
        # ISO codes are lookup keys ("--country UY", "USA" in a donor list), not prose to spot
        for note in literals(s, SKOS.notation):
            codes[str(note).strip()].add(iri)
        for name in literals(s, vocab.OASKG.contextualLabel):
            contextual[fold(str(name))].add(iri)
            spot_names.add(fold(str(name)))
    return {
        "entities": [{"iri": e.iri, "label": e.label, "kind": e.kind.value, "acronym": e.acronym,
                      "country": e.country, "parent": e.parent, "wikidata": e.wikidata,
                      "host": e.host} for e in sorted(entities, key=lambda e: e.iri)],
        "aliases": {k: sorted(v) for k, v in sorted(aliases.items())},
        "contextual": {k: sorted(v) for k, v in sorted(contextual.items())},
        "spot_names": sorted(spot_names), "spot_acronyms": sorted(spot_acronyms),
        "codes": {k: sorted(v) for k, v in sorted(codes.items())},
    }


@lru_cache(maxsize=1)
def _default_registry() -> Registry:
    from build_graph.resources import data_files

    return _load(tuple(data_files("reference", ".ttl")))
