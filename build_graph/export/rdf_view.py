"""The ``rdf`` view: every triple of every named graph as a network.

IRIs and blank nodes are nodes; a triple between two of them is an edge labelled with its
predicate, whose ``kind`` is the predicate too, so Gephi keeps two triples between the same pair
apart (parallel edges of one kind are merged on import). Literals and ``rdf:type`` become node
attributes (several values joined with `` | ``) named after the predicate as a legal name
(``rdfs_label``, ``schema_startDate``, ``vann_preferredNamespacePrefix``: letters, digits and
``_``). A node's ``type`` is its most specific class (``oaskg:Activity``, ``schema:Country``;
``untyped`` without one), which colours it.
"""

from __future__ import annotations

import re
from collections import defaultdict

import networkx as nx
import pyoxigraph

from build_graph.vocab import PREFIXES

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
# namespaces the graph uses beyond the project's prefixes
EXTRA_PREFIXES = {"vann": "http://purl.org/vocab/vann/"}
# a resource with several classes takes the first of these it has (else its first by name)
CLASS_ORDER = (
    "oaskg:Program",
    "oaskg:Activity",
    "oaskg:Result",
    "oaskg:SourceDocument",
    "oaskg:MemberState",
    "schema:Country",
    "org:OrganizationalUnit",
    "org:FormalOrganization",
    "oaskg:Pillar",
    "oaskg:OrganizationRole",
    "oaskg:ActivityStatus",
    "oaskg:ResultStatus",
)
UNTYPED = "untyped"


def short(iri: str) -> str:
    """``oaskg:Activity`` for a term of a known namespace, else the IRI."""
    known = {**PREFIXES, **EXTRA_PREFIXES}
    for prefix, ns in sorted(known.items(), key=lambda p: -len(p[1])):
        if iri.startswith(ns):
            return f"{prefix}:{iri[len(ns) :]}"
    return iri


def attribute_name(iri: str) -> str:
    """A legal attribute name for a predicate: ``prefix_local`` with anything but letters,
    digits and ``_`` replaced by ``_``; an unknown namespace gives ``ns_local``.

    >>> attribute_name("http://purl.org/vocab/vann/preferredNamespacePrefix")
    'vann_preferredNamespacePrefix'
    >>> attribute_name("http://example.org/terms#has-part")
    'ns_has_part'
    """
    name = short(iri)
    if name == iri:
        name = "ns:" + re.split(r"[#/]", iri.rstrip("#/"))[-1]
    name = re.sub(r"[^A-Za-z0-9_]", "_", name.replace(":", "_", 1))
    return name if re.match(r"[A-Za-z_]", name) else "_" + name


def _names(predicates: set[str]) -> dict[str, str]:
    """Predicate IRI -> attribute name, unique: a clash gets ``_2``, ``_3``… in IRI order."""
    names: dict[str, str] = {}
    used: set[str] = {"label", "type", "rdf_type"}
    for iri in sorted(predicates):
        base = name = attribute_name(iri)
        n = 1
        while name in used:
            n += 1
            name = f"{base}_{n}"
        names[iri] = name
        used.add(name)
    return names


def main_class(classes: set[str]) -> str:
    for cls in CLASS_ORDER:
        if cls in classes:
            return cls
    return min(classes) if classes else UNTYPED


def _node_id(term) -> str:
    return f"_:{term.value}" if isinstance(term, pyoxigraph.BlankNode) else term.value


def rdf_graph(store: pyoxigraph.Store) -> nx.MultiDiGraph:
    """Every triple of every named graph, as described in the module's docstring."""
    literals: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    classes: dict[str, set[str]] = defaultdict(set)
    edges: set[tuple[str, str, str]] = set()
    nodes: set[str] = set()
    for quad in store.quads_for_pattern(None, None, None, None):
        s, p, o = _node_id(quad.subject), quad.predicate.value, quad.object
        nodes.add(s)
        if isinstance(o, pyoxigraph.Literal):
            literals[s][p].add(o.value)
        elif p == RDF_TYPE:
            classes[s].add(short(o.value))
        else:
            nodes.add(_node_id(o))
            edges.add((s, _node_id(o), short(p)))
    names = _names({p for attrs in literals.values() for p in attrs})
    g = nx.MultiDiGraph(view="rdf")
    for n in sorted(nodes):
        attrs = {names[p]: " | ".join(sorted(v)) for p, v in literals[n].items()}
        attrs = dict(sorted(attrs.items()))
        if classes[n]:
            attrs["rdf_type"] = " | ".join(sorted(classes[n]))
        label = attrs.get("skos_prefLabel") or attrs.get("rdfs_label") or short(n)
        g.add_node(n, **attrs, label=label.split(" | ")[0], type=main_class(classes[n]))
    for s, o, p in sorted(edges):
        g.add_edge(s, o, key=p, label=p, predicate=p, kind=p, weight=1)
    return g
