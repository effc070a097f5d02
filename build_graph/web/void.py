"""The VoID and DCAT description of the dataset, and the dumps offered for download.

The description names everything by IRIs under the build's base (``{base}dataset``,
``{base}sparql``, ``{base}dumps/graph.trig``): where the base redirects to the server (w3id),
they resolve.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from rdflib import XSD, BNode, Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, OWL, RDF, VOID

from build_graph.vocab import OASKG, PREFIXES, WD
from build_graph.web.graphview import GraphView

GEXF = "oaskg.gexf"  # the name ``oaskg export gexf`` gives it in out/
LICENSE = URIRef("https://creativecommons.org/licenses/by/4.0/")


IANA_MEDIA_TYPES = "https://www.iana.org/assignments/media-types/"
GEXF_FORMAT = URIRef("http://gexf.net/1.3")


@dataclass(frozen=True)
class Dump:
    """A file of ``out/`` offered for download."""

    file_name: str
    media_type: str
    title: str
    rdf: bool = True  # an RDF dump (void:dataDump); else only a dcat:distribution
    registered: bool = True  # the media type is in IANA's registry (dcat:mediaType is its IRI)
    modified: str | None = None  # ISO date the file was last written

    @property
    def media_type_iri(self) -> URIRef | None:
        """IANA's IRI of the media type (``…/media-types/text/turtle``), if registered."""
        return URIRef(IANA_MEDIA_TYPES + self.media_type) if self.registered else None


# The dumps, in the order pages list them; GEXF is offered when ``oaskg export`` wrote it.
DUMPS: tuple[Dump, ...] = (
    Dump("graph.trig", "application/trig", "TriG: one named graph per source document"),
    Dump("graph.nt", "application/n-triples", "N-Triples: every triple, sorted"),
    Dump("graph.jsonld", "application/ld+json", "JSON-LD: the merged graph, compacted"),
    Dump("graph.ttl", "text/turtle", "Turtle: the merged graph"),
    # GEXF is not RDF, and application/gexf+xml is not registered with IANA
    Dump(
        GEXF,
        "application/gexf+xml",
        "GEXF: the program network for Gephi (entities view)",
        rdf=False,
        registered=False,
    ),
)


def available_dumps(out_dir: Path) -> list[Dump]:
    """The dumps ``out_dir`` holds, each with the date its file was written; GEXF is always
    offered (made from the store if missing)."""
    found = []
    for dump in DUMPS:
        path = out_dir / dump.file_name
        if path.is_file():
            day = datetime.fromtimestamp(path.stat().st_mtime, tz=UTC).date().isoformat()
            found.append(replace(dump, modified=day))
        elif dump.file_name == GEXF:
            found.append(dump)
    return found


def dump_bytes(out_dir: Path, dump: Dump, store) -> bytes:
    """A dump's content: the file of ``out/``, or for GEXF the entities network of ``store``
    exported as ``oaskg export gexf`` does."""
    path = out_dir / dump.file_name
    if path.is_file():
        return path.read_bytes()
    # build_graph.export.network (the module) shadows the package's network() once imported,
    # so the view is built from its parts.
    from build_graph.export import DESCRIPTIONS, View
    from build_graph.export.facts import load_facts
    from build_graph.export.gexf import to_gexf
    from build_graph.export.network import entities_graph

    graph = entities_graph(load_facts(store), False)
    return to_gexf(graph, DESCRIPTIONS[View.ENTITIES]).encode()


def class_counts(view: GraphView) -> list[tuple[str, int]]:
    rows = view.query(
        "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c ORDER BY ?c"
    )
    return [(r["c"].value, int(r["n"].value)) for r in rows]


def wikidata_links(view: GraphView) -> int:
    rows = view.query(
        "SELECT (COUNT(*) AS ?n) WHERE { ?s <http://www.w3.org/2002/07/owl#sameAs> ?o "
        f'FILTER(STRSTARTS(STR(?o), "{WD}")) }}'
    )
    return int(next(iter(rows))["n"].value)


def example_resources(view: GraphView) -> list[str]:
    """One program, one activity, one organisation and one country, first by label."""
    found = []
    for cls in (
        OASKG.Program,
        OASKG.Activity,
        "http://www.w3.org/ns/org#FormalOrganization",
        OASKG.MemberState,
    ):
        instances = [i for i in view.instances(str(cls)) if view.path_for_iri(i)]
        if instances:
            found.append(instances[0])
    return found


def void_graph(view: GraphView, dumps: list[Dump], sparql: bool = True) -> Graph:
    """The VoID + DCAT description of the served dataset."""
    base = view.base
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns, override=True, replace=True)
    ds = URIRef(base + "dataset")
    g.add((ds, RDF.type, VOID.Dataset))
    g.add((ds, RDF.type, DCAT.Dataset))
    g.add((ds, DCTERMS.title, Literal("OAS cooperation programs knowledge graph", lang="en")))
    g.add(
        (
            ds,
            DCTERMS.description,
            Literal(
                "Programs of the Organization of American States as reported on its country "
                "sheets: activities, donors, implementing bodies, partners, counterparts, "
                "results and the document lines each fact comes from.",
                lang="en",
            ),
        )
    )
    g.add((ds, DCTERMS.license, LICENSE))
    g.add((ds, FOAF.homepage, URIRef(base)))
    g.add((ds, VOID.uriSpace, Literal(base + "id/")))
    g.add((ds, VOID.triples, Literal(view.triple_count(), datatype=XSD.integer)))
    for vocabulary in (
        str(OASKG),
        PREFIXES["schema"],
        PREFIXES["org"],
        PREFIXES["prov"],
        PREFIXES["skos"],
    ):
        g.add((ds, VOID.vocabulary, URIRef(vocabulary)))
    counts = class_counts(view)
    g.add((ds, VOID.classes, Literal(len(counts), datatype=XSD.integer)))
    for cls, n in counts:
        part = BNode(f"class-{len(g)}")
        g.add((ds, VOID.classPartition, part))
        g.add((part, VOID["class"], URIRef(cls)))
        g.add((part, VOID.entities, Literal(n, datatype=XSD.integer)))
    for iri in example_resources(view):
        g.add((ds, VOID.exampleResource, URIRef(iri)))
    if sparql:
        endpoint = URIRef(base + "sparql")
        g.add((ds, VOID.sparqlEndpoint, endpoint))
        service = URIRef(base + "sparql#service")
        g.add((ds, DCAT.accessService, service))
        g.add((service, RDF.type, DCAT.DataService))
        g.add((service, DCAT.endpointURL, endpoint))
        g.add((service, DCTERMS.conformsTo, URIRef("https://www.w3.org/TR/sparql11-protocol/")))
    _distributions(g, ds, base, dumps)
    linkset = URIRef(base + "dataset/wikidata-links")
    wikidata = URIRef("http://www.wikidata.org/")
    g.add((ds, VOID.subset, linkset))
    g.add((linkset, RDF.type, VOID.Linkset))
    g.add((linkset, VOID.linkPredicate, OWL.sameAs))
    g.add((linkset, VOID.subjectsTarget, ds))
    g.add((linkset, VOID.objectsTarget, wikidata))
    g.add((linkset, VOID.triples, Literal(wikidata_links(view), datatype=XSD.integer)))
    g.add((wikidata, RDF.type, VOID.Dataset))
    g.add((wikidata, FOAF.homepage, URIRef("https://www.wikidata.org/")))
    g.add((wikidata, VOID.uriSpace, Literal(str(WD))))
    return g


def _distributions(g: Graph, ds: URIRef, base: str, dumps: list[Dump]) -> None:
    """Every dump as a dcat:Distribution; the RDF ones also as void:dataDump. The dataset's
    dcterms:modified is the date of its newest dump file."""
    for dump in dumps:
        url = URIRef(base + "dumps/" + dump.file_name)
        if dump.rdf:
            g.add((ds, VOID.dataDump, url))
        dist = URIRef(base + "dumps/" + dump.file_name + "#distribution")
        g.add((ds, DCAT.distribution, dist))
        g.add((dist, RDF.type, DCAT.Distribution))
        g.add((dist, DCAT.downloadURL, url))
        if dump.media_type_iri is not None:
            g.add((dist, DCAT.mediaType, dump.media_type_iri))
            g.add((dump.media_type_iri, RDF.type, DCTERMS.MediaType))
        if dump.file_name == GEXF:
            g.add((dist, DCTERMS.conformsTo, GEXF_FORMAT))
        g.add((dist, DCTERMS.title, Literal(dump.title, lang="en")))
        g.add((dist, DCTERMS.license, LICENSE))
        if dump.modified:
            g.add((dist, DCTERMS.modified, Literal(dump.modified, datatype=XSD.date)))
    dates = [d.modified for d in dumps if d.modified]
    if dates:
        g.add((ds, DCTERMS.modified, Literal(max(dates), datatype=XSD.date)))
