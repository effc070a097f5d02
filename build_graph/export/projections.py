"""The ``donors`` view (the funding network projected) and the ``rdf`` view (every triple)."""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations

import networkx as nx
import pyoxigraph

from build_graph.export.facts import Facts
from build_graph.export.network import activity_span, hull, set_span
from build_graph.vocab import PREFIXES

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


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
    g = nx.MultiDiGraph(view="donors")
    for iri in sorted({n for s, t, _ in edges for n in (s, t)} | donors):
        e = facts.entities[iri]
        acts = sorted({a for (s, t, _), ids in edges.items() if iri in (s, t) for a in ids})
        attrs = {
            "label": e.acronym or e.label,
            "name": e.label,
            "type": "Donor" if iri in donors else "Country",
            "iso_code": e.iso_code,
            "wikidata": e.wikidata,
            "needs_review": e.needs_review,
            "activities": len(acts),
        }
        g.add_node(iri, **set_span(attrs, hull(activity_span(by_iri[a]) for a in acts)))
    for (src, dst, relation), acts in sorted(edges.items()):
        attrs = {"label": relation, "relation": relation, "weight": len(acts)}
        span = hull(activity_span(by_iri[a]) for a in acts)
        g.add_edge(src, dst, key=relation, **set_span(attrs, span))
    return g


def _short(iri: str) -> str:
    for prefix, ns in sorted(PREFIXES.items(), key=lambda p: -len(p[1])):
        if iri.startswith(ns):
            return f"{prefix}:{iri[len(ns) :]}"
    return iri


def _node_id(term) -> str:
    return f"_:{term.value}" if isinstance(term, pyoxigraph.BlankNode) else term.value


def rdf_graph(store: pyoxigraph.Store) -> nx.MultiDiGraph:
    """Every triple of every named graph: IRIs and blank nodes are nodes, triples to them are
    edges labelled with the predicate; literals and ``rdf:type`` become node attributes (several
    values joined with `` | ``), named after the predicate (``rdfs_label``, ``schema_startDate``).
    """
    literals: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    edges: set[tuple[str, str, str]] = set()
    nodes: set[str] = set()
    for quad in store.quads_for_pattern(None, None, None, None):
        s, p, o = _node_id(quad.subject), quad.predicate.value, quad.object
        nodes.add(s)
        if isinstance(o, pyoxigraph.Literal):
            literals[s][_short(p).replace(":", "_")].add(o.value)
        elif p == RDF_TYPE:
            literals[s]["rdf_type"].add(_short(o.value))
        else:
            nodes.add(_node_id(o))
            edges.add((s, _node_id(o), _short(p)))
    g = nx.MultiDiGraph(view="rdf")
    for n in sorted(nodes):
        attrs = {k: " | ".join(sorted(v)) for k, v in sorted(literals[n].items())}
        label = attrs.get("skos_prefLabel") or attrs.get("rdfs_label") or _short(n)
        g.add_node(n, **attrs, label=label.split(" | ")[0], type="Resource")
    for s, o, p in sorted(edges):
        g.add_edge(s, o, key=p, label=p, predicate=p, weight=1)
    return g
