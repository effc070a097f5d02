"""The ``entities`` view: programs, activities and everything an activity names, as a networkx
``MultiDiGraph`` keyed by the IRIs.

Node attributes never use the keys networkx's GEXF writer consumes (``id``, ``start``, ``end``,
``spells``, ``viz``, ``pid``) except ``label``, which is the node's label; values are scalars
(strings, ints, bools), never lists; absent values are left out, never ``None``. Every node has
the boolean ``needs_review``: true for an organisation minted from the sheets and not yet
reviewed (``oaskg:needsReview true``), and the boolean ``donor``: true for whatever funds an
activity or channels its funds (a country that also receives programs stays a ``Country``).
Every edge has ``kind``, its relation: the edge type by which Gephi keeps parallel edges apart.
The time span of a node or edge is ``start_date`` / ``end_date`` (ISO dates from
``oaskg:startBound`` / ``oaskg:endBound``); no ``end_date`` means open at the end.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import networkx as nx

from build_graph.export.facts import PARTICIPATIONS, ActivityFact, EntityFact, Facts

Span = tuple[str | None, str | None]
FUNDING = {"funds", "funding channel"}
PLACE_RELATIONS = {"covers", "in country"}
TOWARD_ACTIVITY = set(PARTICIPATIONS.values())  # entity -> activity; places: activity -> country


def hull(spans: Iterable[Span]) -> Span:
    """The smallest span holding all: an unknown start or end anywhere leaves that side open."""
    spans = list(spans)
    if not spans:
        return (None, None)
    starts = [s for s, _ in spans]
    ends = [e for _, e in spans]
    start = None if None in starts else min(s for s in starts if s)
    end = None if None in ends else max(e for e in ends if e)
    return (start, end)


def activity_span(a: ActivityFact) -> Span:
    return (a.start, None if a.open_ended else a.end)


def clean(attrs: dict) -> dict:
    """Drop absent values, so no ``None`` reaches a writer."""
    return {k: v for k, v in attrs.items() if v is not None}


def set_span(attrs: dict, span: Span) -> dict:
    attrs["start_date"], attrs["end_date"] = span
    return clean(attrs)


def entity_type(e: EntityFact, relations: set[str]) -> str:
    """The node's colour partition. A country that programs cover or run in is a Country even
    when it also funds (its ``donor`` attribute says so); a country that only funds is a Donor."""
    if e.kind == "oas_body":
        return "OAS body"
    if e.is_country and relations & PLACE_RELATIONS:
        return "Country"
    if relations & FUNDING:
        return "Donor"
    if e.is_country:
        return "Country"
    if "counterpart of" in relations or e.kind == "national":
        return "National counterpart"
    return "Partner"


def _entity_attrs(e: EntityFact, relations: set[str], n_activities: int) -> dict:
    return clean(
        {
            "label": e.acronym or e.label,
            "name": e.label,
            "type": entity_type(e, relations),
            "kind": e.kind,
            "acronym": e.acronym,
            "iso_code": e.iso_code,
            "wikidata": e.wikidata,
            "roles": "; ".join(sorted(relations)) or None,
            "donor": bool(relations & FUNDING),
            "needs_review": e.needs_review,
            "activities": n_activities,
        }
    )


def _activity_attrs(a: ActivityFact, facts: Facts) -> dict:
    country = facts.entities.get(a.country)
    return set_span(
        {
            "label": a.label,
            "type": "Activity",
            "program": a.program,
            "pillar": a.pillar,
            "status": a.status,
            "iso_code": country.iso_code if country else None,
            "open_ended": a.open_ended,
            "donor": False,
            "needs_review": False,
            "activities": 1,
        },
        activity_span(a),
    )


def _program_attrs(iri: str, facts: Facts, acts: list[ActivityFact]) -> dict:
    label, pillar = facts.programs.get(iri, (iri, None))
    pillars = sorted({a.pillar for a in acts if a.pillar})
    return set_span(
        {
            "label": label,
            "type": "Program",
            "pillar": pillar or ("; ".join(pillars) or None),
            "open_ended": any(a.open_ended for a in acts),
            "donor": False,
            "needs_review": False,
            "activities": len(acts),
        },
        hull(activity_span(a) for a in acts),
    )


def entities_graph(facts: Facts, fold_activities: bool = False) -> nx.MultiDiGraph:
    """The entity network; with ``fold_activities`` activities become weighted program edges."""
    by_iri = {a.iri: a for a in facts.activities}
    by_program: dict[str, list[ActivityFact]] = defaultdict(list)
    for a in facts.activities:
        by_program[a.program].append(a)
    # (source, target, relation) -> activities behind the edge
    edges: dict[tuple[str, str, str], list[ActivityFact]] = defaultdict(list)
    relations: dict[str, set[str]] = defaultdict(set)
    for act_iri, relation, target in facts.links:
        a = by_iri[act_iri]
        relations[target].add(relation)
        hub = a.program if fold_activities else a.iri
        pair = (target, hub) if relation in TOWARD_ACTIVITY else (hub, target)
        edges[(*pair, relation)].append(a)
    if not fold_activities:
        for a in facts.activities:
            edges[(a.iri, a.program, "part of program")].append(a)

    g = nx.MultiDiGraph(view="entities-folded" if fold_activities else "entities")
    for iri in sorted(by_program):
        g.add_node(iri, **_program_attrs(iri, facts, by_program[iri]))
    if not fold_activities:
        for a in facts.activities:
            g.add_node(a.iri, **_activity_attrs(a, facts))
    touching: dict[str, set[str]] = defaultdict(set)
    for (src, dst, _), acts in edges.items():
        for node in (src, dst):
            touching[node] |= {a.iri for a in acts}
    for child, parent in facts.hierarchy:
        relations[child].add("unit of")
        relations[parent]
    for iri in sorted(facts.entities):
        e = facts.entities[iri]
        acts = [by_iri[x] for x in sorted(touching[iri])]
        attrs = _entity_attrs(e, relations[iri] - {"unit of"}, len(acts))
        g.add_node(iri, **set_span(attrs, hull(activity_span(a) for a in acts)))
    for (src, dst, relation), acts in sorted(edges.items()):
        attrs = {"label": relation, "relation": relation, "kind": relation, "weight": len(acts)}
        g.add_edge(src, dst, key=relation, **set_span(attrs, hull(map(activity_span, acts))))
    for child, parent in facts.hierarchy:
        unit = "unit of"
        g.add_edge(child, parent, key=unit, label=unit, relation=unit, kind=unit, weight=1)
    return g
