"""Issue 15: the VoID + DCAT description as its readers take it — every ``void:dataDump`` is RDF
(a VoID client loads each one), the GEXF is a ``dcat:distribution`` only, ``dcat:mediaType`` is
an IANA media-type IRI (DCAT 2: range ``dct:MediaType``, an IRI), and the dataset says when it
was last modified."""

from __future__ import annotations

from datetime import UTC, datetime

import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF, VOID, XSD

from build_graph.web.void import available_dumps, dump_bytes, void_graph

BASE = "https://w3id.org/oaskg/"
DATASET = URIRef(BASE + "dataset")
IANA = "https://www.iana.org/assignments/media-types/"
# the media types of our RDF dumps, all in IANA's registry
REGISTERED = {"application/trig", "application/n-triples", "application/ld+json", "text/turtle"}


@pytest.fixture(scope="module")
def described(built_out):
    from build_graph.rdf.store import open_store
    from build_graph.web.graphview import GraphView

    view = GraphView(open_store(built_out))
    dumps = available_dumps(built_out)
    return void_graph(view, dumps), dumps, view


def test_every_data_dump_is_rdf_a_void_client_can_load(described, built_out):
    g, dumps, view = described
    urls = set(g.objects(DATASET, VOID.dataDump))
    assert urls and URIRef(BASE + "dumps/oaskg.gexf") not in urls
    by_url = {URIRef(BASE + "dumps/" + d.file_name): d for d in dumps}
    for url in urls:
        dump = by_url[url]
        data = dump_bytes(built_out, dump, view.store)
        parsed = list(ox.parse(data, format=ox.RdfFormat.from_media_type(dump.media_type)))
        assert parsed, url


def test_the_gexf_is_a_distribution_not_a_dump(described):
    g, _, _ = described
    gexf = URIRef(BASE + "dumps/oaskg.gexf#distribution")
    assert (DATASET, DCAT.distribution, gexf) in g
    assert (gexf, DCAT.downloadURL, URIRef(BASE + "dumps/oaskg.gexf")) in g
    assert (gexf, DCTERMS.conformsTo, URIRef("http://gexf.net/1.3")) in g
    # application/gexf+xml is not registered with IANA: no made-up IANA IRI
    assert list(g.objects(gexf, DCAT.mediaType)) == []


def test_media_types_are_iana_iris(described):
    g, _, _ = described
    types = list(g.objects(None, DCAT.mediaType))
    assert len(types) == 4
    for media in types:
        assert isinstance(media, URIRef) and str(media).startswith(IANA), media
        assert str(media).removeprefix(IANA) in REGISTERED
        assert (media, RDF.type, DCTERMS.MediaType) in g


def test_modified_is_the_date_of_the_newest_dump(described, built_out):
    g, _, _ = described
    newest = max((built_out / n).stat().st_mtime for n in ("graph.trig", "graph.nt", "graph.ttl"))
    day = datetime.fromtimestamp(newest, tz=UTC).date().isoformat()
    assert list(g.objects(DATASET, DCTERMS.modified)) == [Literal(day, datatype=XSD.date)]
    for dist in g.objects(DATASET, DCAT.distribution):
        if str(dist).endswith(".gexf#distribution") and not (built_out / "oaskg.gexf").exists():
            continue
        assert list(g.objects(dist, DCTERMS.modified)), dist
