"""The SPARQL 1.1 Service Description of ``/sparql`` (answered to a GET without a query).

It names the endpoint, the query language, the result formats, the union-default-graph
feature, and the default dataset: a default graph that is the union of the named graphs, and
each named graph.
"""

from __future__ import annotations

import pyoxigraph as ox

SD = "http://www.w3.org/ns/sparql-service-description#"
FORMATS = "http://www.w3.org/ns/formats/"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RESULT_FORMATS = ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV",
                  "SPARQL_Results_TSV", "Turtle", "N-Triples", "JSON-LD", "RDF_XML")
# The media types it is served in, and pyoxigraph's format for each.
MEDIA_TYPES = {"text/turtle": ox.RdfFormat.TURTLE, "application/rdf+xml": ox.RdfFormat.RDF_XML,
               "application/ld+json": ox.RdfFormat.JSON_LD,
               "application/n-triples": ox.RdfFormat.N_TRIPLES}


def description(endpoint: str, named_graphs: list[str], dataset: str | None = None
                ) -> list[ox.Triple]:
    """The triples describing the service at ``endpoint``.

    >>> triples = description("http://127.0.0.1:8000/sparql", ["http://ex/g"])
    >>> any(t.object == ox.NamedNode(SD + "UnionDefaultGraph") for t in triples)
    True
    """
    service = ox.NamedNode(endpoint)
    default = ox.BlankNode("dataset")
    graph = ox.BlankNode("default")

    def sd(name: str) -> ox.NamedNode:
        return ox.NamedNode(SD + name)

    triples = [
        ox.Triple(service, RDF_TYPE, sd("Service")),
        ox.Triple(service, sd("endpoint"), service),
        ox.Triple(service, sd("supportedLanguage"), sd("SPARQL11Query")),
        ox.Triple(service, sd("feature"), sd("UnionDefaultGraph")),
        ox.Triple(service, sd("defaultEntailmentRegime"),
                  ox.NamedNode("http://www.w3.org/ns/entailment/Simple")),
        ox.Triple(service, sd("defaultDataset"), default),
        ox.Triple(default, RDF_TYPE, sd("Dataset")),
        ox.Triple(default, sd("defaultGraph"), graph),
        ox.Triple(graph, RDF_TYPE, sd("Graph")),
    ]
    triples += [ox.Triple(service, sd("resultFormat"), ox.NamedNode(FORMATS + f))
                for f in RESULT_FORMATS]
    if dataset:
        triples.append(ox.Triple(default, ox.NamedNode("http://rdfs.org/ns/void#inDataset"),
                                 ox.NamedNode(dataset)))
    for n, name in enumerate(sorted(named_graphs)):
        node = ox.BlankNode(f"graph{n}")
        triples += [ox.Triple(default, sd("namedGraph"), node),
                    ox.Triple(node, RDF_TYPE, sd("NamedGraph")),
                    ox.Triple(node, sd("name"), ox.NamedNode(name))]
    return triples


def serialize(triples: list[ox.Triple], media_type: str) -> bytes:
    prefixes = {"sd": SD, "formats": FORMATS}
    fmt = MEDIA_TYPES[media_type]
    if fmt in (ox.RdfFormat.N_TRIPLES,):
        return ox.serialize(triples, format=fmt)
    return ox.serialize(triples, format=fmt, prefixes=prefixes)
