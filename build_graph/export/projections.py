"""The ``donors`` view: the funding network projected onto donors and countries."""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations

import networkx as nx

from build_graph.export.facts import Facts
from build_graph.export.network import activity_span, hull, set_span


def donors_graph(facts: Facts) -> nx.MultiDiGraph:
    """Donor → country weighted by activities, and donor — donor co-funding.

    A donor is whatever an activity names with ``oaskg:funder``. Its edge to a country counts the
    activities it funds in (the sheet's country) or covering that country. Co-funding edges are
    written once, from the smaller IRI to the larger, weighted by the activities funded together.
    """
    by_iri = {a.iri: a for a in facts.activities}
    funders: dict[str, set[str]] = defaultdict(set)
    places: dict[str, set[str]] = defaultdict(set)
    for act, relation, target in facts.links:
        if relation == "funds":
            funders[act].add(target)
        elif relation in ("in country", "covers"):
            places[act].add(target)
    edges: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for act, donors in funders.items():
        for donor in donors:
            for country in places[act] - {donor}:
                edges[(donor, country, "funds activities in")].add(act)
        for one, two in combinations(sorted(donors), 2):
            edges[(one, two, "co-funds")].add(act)
    donors = {d for ds in funders.values() for d in ds}
    receiving = {t for (_, t, relation) in edges if relation == "funds activities in"}
    g = nx.MultiDiGraph(view="donors")
    for iri in sorted({n for s, t, _ in edges for n in (s, t)} | donors):
        e = facts.entities[iri]
        acts = sorted({a for (s, t, _), ids in edges.items() if iri in (s, t) for a in ids})
        attrs = {
            "label": e.acronym or e.label,
            "name": e.label,
            # a country programs run in stays a Country when it also funds (donor: true)
            "type": "Donor" if iri in donors and iri not in receiving else "Country",
            "donor": iri in donors,
            "iso_code": e.iso_code,
            "wikidata": e.wikidata,
            "needs_review": e.needs_review,
            "activities": len(acts),
        }
        g.add_node(iri, **set_span(attrs, hull(activity_span(by_iri[a]) for a in acts)))
    for (src, dst, relation), acts in sorted(edges.items()):
        attrs = {"label": relation, "relation": relation, "kind": relation, "weight": len(acts)}
        span = hull(activity_span(by_iri[a]) for a in acts)
        g.add_edge(src, dst, key=relation, **set_span(attrs, span))
    return g
