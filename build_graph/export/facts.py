"""What the exports read from the built graph: activities, programs, participations, entities.

One SPARQL pass over the union of the store's named graphs; everything is returned sorted, so
every view built from it is deterministic.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph

from build_graph import vocab
from build_graph.registry.index import EntityKind, Registry

PREFIXES = """PREFIX oaskg: <https://w3id.org/oaskg/ontology#>
PREFIX schema: <http://schema.org/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX org: <http://www.w3.org/ns/org#>
"""

# activity property -> relation name used as edge label (the vocabulary)
PARTICIPATIONS: dict[str, str] = {
    str(vocab.funder): "funds",
    str(vocab.fundingChannel): "funding channel",
    str(vocab.implementedBy): "implements",
    str(vocab.partner): "partners with",
    str(vocab.counterpart): "counterpart of",
}
PLACES: dict[str, str] = {
    str(vocab.coversCountry): "covers",
    str(vocab.country): "in country",
}

_Q_ACTIVITIES = (
    PREFIXES
    + """
SELECT DISTINCT ?a ?label ?program ?country ?start ?end ?open ?pillar ?status ?doc WHERE {
  ?a a oaskg:Activity ; oaskg:program ?program ; oaskg:country ?country .
  OPTIONAL { ?a rdfs:label ?label }
  OPTIONAL { ?a oaskg:startBound ?start }
  OPTIONAL { ?a oaskg:endBound ?end }
  OPTIONAL { ?a oaskg:openEnded ?open }
  OPTIONAL { ?a oaskg:pillar ?pillar }
  OPTIONAL { ?a oaskg:status ?status }
  OPTIONAL { ?a oaskg:sourceDocument ?doc }
}"""
)

_Q_LINKS = (
    PREFIXES
    + """
SELECT DISTINCT ?a ?p ?o WHERE {
  ?a a oaskg:Activity ; ?p ?o .
  VALUES ?p { oaskg:funder oaskg:fundingChannel oaskg:implementedBy oaskg:partner
              oaskg:counterpart oaskg:coversCountry oaskg:country }
}"""
)

_Q_PROGRAMS = (
    PREFIXES
    + """
SELECT DISTINCT ?p ?label ?pillar WHERE {
  ?p a oaskg:Program .
  OPTIONAL { ?p rdfs:label ?label }
  OPTIONAL { ?p oaskg:pillar ?pillar }
}"""
)

# every OAS unit above an implementing body, with the triple that puts it there
_Q_HIERARCHY = (
    PREFIXES
    + """
SELECT DISTINCT ?child ?parent WHERE {
  ?a a oaskg:Activity ; oaskg:implementedBy ?body .
  ?body (org:unitOf|org:subOrganizationOf)* ?child .
  ?child org:unitOf|org:subOrganizationOf ?parent .
}"""
)

_Q_NAMES = (
    PREFIXES
    + """
SELECT DISTINCT ?e ?label ?country WHERE {
  { ?e skos:prefLabel ?label } UNION { ?e rdfs:label ?label }
  OPTIONAL { ?e a ?country . FILTER(?country = schema:Country) }
}"""
)

# organisations minted from the sheets: flagged or reviewed, national or not
_Q_MINTED = (
    PREFIXES
    + """
SELECT DISTINCT ?e ?review ?acronym ?country WHERE {
  ?e oaskg:needsReview ?review .
  OPTIONAL { ?e oaskg:acronym ?acronym }
  OPTIONAL { ?e oaskg:country ?country }
}"""
)


@dataclass(frozen=True)
class ActivityFact:
    iri: str
    label: str
    program: str
    country: str
    start: str | None  # oaskg:startBound, ISO date
    end: str | None  # oaskg:endBound, ISO date (None when open-ended or unknown)
    open_ended: bool
    pillar: str | None  # pillar label
    status: str | None  # status slug
    document: str | None  # document IRI


@dataclass(frozen=True)
class EntityFact:
    """An organisation or country that some activity names."""

    iri: str
    label: str
    is_country: bool
    kind: str  # registry kind: country, oas_body, national, international (or minted's scope)
    acronym: str | None = None
    iso_code: str | None = None
    wikidata: str | None = None
    needs_review: bool = False


@dataclass(frozen=True)
class Facts:
    activities: tuple[ActivityFact, ...]
    programs: dict[str, tuple[str, str | None]]  # iri -> (label, pillar label)
    links: tuple[tuple[str, str, str], ...]  # (activity, relation name, entity IRI), sorted
    entities: dict[str, EntityFact]
    hierarchy: tuple[tuple[str, str], ...]  # (unit, parent) among OAS bodies, sorted


def _iri(term) -> str | None:
    return None if term is None else term.value


def _rows(store: pyoxigraph.Store, query: str):
    return list(store.query(query, use_default_graph_as_union=True))


def _pillar_label(iri: str | None) -> str | None:
    if iri is None:
        return None
    slugs = {v: k for k, v in vocab.PILLARS.items()}
    return slugs.get(iri.rstrip("/").rsplit("/", 1)[-1], iri)


def _slug(iri: str | None) -> str | None:
    return None if iri is None else iri.rstrip("/").rsplit("/", 1)[-1]


def _activities(store: pyoxigraph.Store) -> tuple[ActivityFact, ...]:
    found: dict[str, ActivityFact] = {}
    for r in _rows(store, _Q_ACTIVITIES):
        iri = r["a"].value
        if iri in found:  # a second label or pillar: keep the first in sorted order
            continue
        found[iri] = ActivityFact(
            iri=iri,
            label=_iri(r["label"]) or iri,
            program=r["program"].value,
            country=r["country"].value,
            start=_iri(r["start"]),
            end=_iri(r["end"]),
            open_ended=_iri(r["open"]) == "true",
            pillar=_pillar_label(_iri(r["pillar"])),
            status=_slug(_iri(r["status"])),
            document=_iri(r["doc"]),
        )
    return tuple(found[k] for k in sorted(found))


@dataclass(frozen=True)
class _Minted:
    needs_review: bool
    acronym: str | None
    national: bool


def _minted(store: pyoxigraph.Store) -> dict[str, _Minted]:
    found: dict[str, _Minted] = {}
    rows = sorted(_rows(store, _Q_MINTED), key=lambda r: (r["e"].value, str(r["acronym"])))
    for r in rows:
        if isinstance(r["e"], pyoxigraph.NamedNode):
            found.setdefault(
                r["e"].value,
                _Minted(r["review"].value == "true", _iri(r["acronym"]), r["country"] is not None),
            )
    return found


def _entity(
    iri: str,
    names: dict[str, tuple[str, bool]],
    registry: Registry,
    minted: dict[str, _Minted] | None = None,
) -> EntityFact:
    if iri in registry.by_iri:
        e = registry.by_iri[iri]
        return EntityFact(
            iri,
            e.label,
            e.kind is EntityKind.COUNTRY,
            e.kind.value,
            e.acronym,
            e.country if e.kind is EntityKind.COUNTRY else None,
            e.wikidata,
        )
    label, is_country = names.get(iri, (_slug(iri) or iri, False))
    new = (minted or {}).get(iri)
    if new is not None:
        kind = "national" if new.national else "international"
        return EntityFact(iri, label, False, kind, new.acronym, needs_review=new.needs_review)
    return EntityFact(
        iri, label, is_country, "country" if is_country else "unknown", needs_review=True
    )


def _name_order(r) -> tuple[str, int, str]:
    """An entity's English label first, then a plain one, then the others (a Spanish sheet's)."""
    language = getattr(r["label"], "language", None) or ""
    return (r["e"].value, {"en": 0, "": 1}.get(language, 2), r["label"].value)


def load_facts(store: pyoxigraph.Store, registry: Registry | None = None) -> Facts:
    """Read what the network views need from a built store (see ``docs/data-model.md``)."""
    registry = registry or Registry.load()
    activities = _activities(store)
    known = {a.iri for a in activities}
    relations = {**PARTICIPATIONS, **PLACES}
    links = sorted(
        (r["a"].value, relations[r["p"].value], r["o"].value)
        for r in _rows(store, _Q_LINKS)
        if r["a"].value in known and isinstance(r["o"], pyoxigraph.NamedNode)
    )
    programs: dict[str, tuple[str, str | None]] = {}
    for r in sorted(_rows(store, _Q_PROGRAMS), key=lambda r: (r["p"].value, str(r["label"]))):
        programs.setdefault(
            r["p"].value, (_iri(r["label"]) or r["p"].value, _pillar_label(_iri(r["pillar"])))
        )
    hierarchy = sorted((r["child"].value, r["parent"].value) for r in _rows(store, _Q_HIERARCHY))
    names: dict[str, tuple[str, bool]] = {}
    for r in sorted(_rows(store, _Q_NAMES), key=_name_order):
        if isinstance(r["e"], pyoxigraph.NamedNode):
            names.setdefault(r["e"].value, (r["label"].value, r["country"] is not None))
    minted = _minted(store)
    wanted = {o for _, _, o in links} | {c for pair in hierarchy for c in pair}
    entities = {iri: _entity(iri, names, registry, minted) for iri in sorted(wanted)}
    return Facts(activities, programs, tuple(links), entities, tuple(hierarchy))
