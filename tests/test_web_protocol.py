"""The endpoint against the W3C SPARQL 1.1 Protocol tests (query side) and real clients
(SPARQLWrapper and rdflib's SPARQLStore with their defaults), on a real ``oaskg serve``; the
same runner against an Oxigraph server holding the same graphs, for comparison."""

from __future__ import annotations

import http.client
import json
import urllib.parse

import pytest
import w3c_protocol
from rdflib import Graph, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import SPARQLWrapper
from web_server import fetch, running_server

pytestmark = pytest.mark.server

ID = "https://w3id.org/oaskg/id/"
URUGUAY_DOC = ID + "document/oas-country-sheet-uruguay"
GUATEMALA_GRAPH = "https://w3id.org/oaskg/graph/document/oas-country-sheet-guatemala"
URUGUAY_GRAPH = "https://w3id.org/oaskg/graph/document/oas-country-sheet-uruguay"
PROGRAM = "https://w3id.org/oaskg/ontology#Program"


@pytest.fixture(scope="module")
def server(built_out):
    with running_server(built_out) as url:
        yield url


def test_the_w3c_cases_are_all_there():
    cases = w3c_protocol.load_cases()
    assert len(cases) == 20
    assert sum(w3c_protocol.is_dataset_case(c) for c in cases) == 6


def test_w3c_protocol_query_tests_pass(server):
    outcomes = w3c_protocol.run(server + "sparql")
    failed = [f"{o.name}: {o.detail}" for o in outcomes if not o.passed]
    assert failed == []
    assert len(outcomes) == 26  # 20 cases and 6 probes


def test_w3c_runner_against_oxigraph(published_oxigraph):
    """The runner itself is sound: an Oxigraph server passes it too (its default graph is the
    union, so the suite's 'query_get' over a missing graph still answers true)."""
    outcomes = w3c_protocol.run(published_oxigraph.query_url)
    passed = {o.name for o in outcomes if o.passed}
    assert "query_dataset_default_graphs_get (probe)" in passed
    assert len(passed) >= 24, [o for o in outcomes if not o.passed]


@pytest.fixture(scope="module")
def published_oxigraph(oxigraph_server, built_out):
    from build_graph.publish.graph_store import publish

    publish(built_out, oxigraph_server.store_url)
    return oxigraph_server


# --- SPARQLWrapper with its defaults ----------------------------------------------------------
def wrapper(server, query):
    client = SPARQLWrapper(server + "sparql")
    client.setQuery(query)
    return client


def test_sparqlwrapper_defaults_select_ask_construct_describe(server):
    rows = wrapper(server, f"SELECT DISTINCT ?p WHERE {{ ?p a <{PROGRAM}> }}").query().convert()
    assert len(rows.getElementsByTagName("result")) == 15  # default: XML results
    ask = wrapper(server, f"ASK {{ <{ID}country/uy> ?p ?o }}").query().convert()
    assert ask.getElementsByTagName("boolean")[0].firstChild.data == "true"
    graph = wrapper(server, f"CONSTRUCT {{ ?p a <{PROGRAM}> }} WHERE {{ ?p a <{PROGRAM}> }}"
                    ).query().convert()  # default: RDF/XML, parsed by rdflib
    assert len(graph) == 15
    described = wrapper(server, f"DESCRIBE <{ID}org/oas>").query().convert()
    assert (URIRef(ID + "org/oas"), None, None) in described


def test_sparqlwrapper_dataset_by_protocol_parameters(server):
    query = f"ASK {{ <{URUGUAY_DOC}> a ?t }}"
    for graph, expected in ((GUATEMALA_GRAPH, False), (URUGUAY_GRAPH, True)):
        client = wrapper(server, query)
        client.addDefaultGraph(graph)
        answer = client.query().convert()
        assert answer.getElementsByTagName("boolean")[0].firstChild.data == str(
            expected).lower()


# --- rdflib's SPARQLStore with its defaults ---------------------------------------------------
def test_rdflib_sparqlstore_select_ask_construct_describe(server):
    graph = Graph(store=SPARQLStore(server + "sparql"))
    assert len(list(graph.query(f"SELECT DISTINCT ?p WHERE {{ ?p a <{PROGRAM}> }}"))) == 15
    assert graph.query(f"ASK {{ <{ID}country/uy> ?p ?o }}").askAnswer is True
    built = graph.query(f"CONSTRUCT {{ ?p a <{PROGRAM}> }} WHERE {{ ?p a <{PROGRAM}> }}")
    assert len(built.graph) == 15
    described = graph.query(f"DESCRIBE <{ID}org/oas>")
    assert len(described.graph) > 3


def test_rdflib_sparqlstore_scoped_to_one_graph(server):
    """``Graph(store=SPARQLStore(…), identifier=G)`` sends G as default-graph-uri."""
    scoped = Graph(store=SPARQLStore(server + "sparql"), identifier=URIRef(GUATEMALA_GRAPH))
    assert scoped.query(f"ASK {{ <{URUGUAY_DOC}> a ?t }}").askAnswer is False
    mine = Graph(store=SPARQLStore(server + "sparql"), identifier=URIRef(URUGUAY_GRAPH))
    assert mine.query(f"ASK {{ <{URUGUAY_DOC}> a ?t }}").askAnswer is True


# --- the rest of the protocol ------------------------------------------------------------------
@pytest.mark.parametrize("media", ["text/turtle", "application/rdf+xml", "application/ld+json",
                                   "application/n-triples"])
def test_service_description(server, media):
    import pyoxigraph as ox

    status, headers, body = fetch(server + "sparql", media)
    assert status == 200 and headers["Content-Type"].startswith(media)
    triples = list(ox.parse(body, format=ox.RdfFormat.from_media_type(media)))
    sd = "http://www.w3.org/ns/sparql-service-description#"
    objects = {t.object.value for t in triples if isinstance(t.object, ox.NamedNode)}
    assert sd + "Service" in objects and sd + "UnionDefaultGraph" in objects
    assert "http://www.w3.org/ns/formats/SPARQL_Results_JSON" in objects
    assert {t.object.value for t in triples if t.predicate.value == sd + "name"} >= {
        URUGUAY_GRAPH, GUATEMALA_GRAPH}
    assert fetch(server + "sparql", "text/html")[1]["Content-Type"].startswith("text/html")


def test_cors_on_answers_and_preflight(server):
    status, headers, _ = fetch(server + "sparql?query=ASK%7B%7D")
    assert headers["Access-Control-Allow-Origin"] == "*"
    conn = http.client.HTTPConnection(urllib.parse.urlsplit(server).netloc, timeout=10)
    conn.request("OPTIONS", "/sparql", headers={
        "Origin": "https://example.org", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type, authorization"})
    response = conn.getresponse()
    response.read()
    assert response.status == 204
    assert response.getheader("Access-Control-Allow-Origin") == "*"
    assert "POST" in response.getheader("Access-Control-Allow-Methods")
    assert "authorization" in response.getheader("Access-Control-Allow-Headers").lower()
    conn.close()


def test_relative_iris_resolve_against_the_endpoint(server):
    query = urllib.parse.quote("CONSTRUCT { <s> <p> 1 } WHERE {}")
    status, _, body = fetch(server + f"sparql?query={query}", "application/n-triples")
    assert status == 200 and f"<{server}s> <{server}p>".encode() in body


def test_two_queries_are_refused(server):
    status, _, _ = fetch(server + "sparql?query=ASK%7B%7D&query=SELECT%20*%20%7B%7D")
    assert status == 400


def test_format_n3_is_turtle_and_csv_marks_blank_nodes(server):
    query = urllib.parse.quote("CONSTRUCT { <http://ex/s> <http://ex/p> 1 } WHERE {}")
    status, headers, _ = fetch(server + f"sparql?query={query}&format=n3")
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    query = urllib.parse.quote("SELECT ?b ?s WHERE { BIND(BNODE() AS ?b) BIND('x' AS ?s) }")
    _, _, body = fetch(server + f"sparql?query={query}", "text/csv")
    row = body.decode().split("\r\n")[1]
    assert row.startswith("_:") and row.endswith(",x")


def test_chunked_request_body(server):
    conn = http.client.HTTPConnection(urllib.parse.urlsplit(server).netloc, timeout=10)
    query = f"SELECT DISTINCT ?p WHERE {{ ?p a <{PROGRAM}> }}".encode()
    conn.request("POST", "/sparql", body=iter([query[:10], query[10:]]), encode_chunked=True,
                 headers={"Content-Type": "application/sparql-query",
                          "Accept": "application/sparql-results+json"})
    response = conn.getresponse()
    assert response.status == 200
    assert len(json.loads(response.read())["results"]["bindings"]) == 15
    conn.close()


def test_updates_stay_refused(server):
    for body, kind in ((b"INSERT DATA { <a:a> <a:a> <a:a> }", "application/sparql-update"),
                       (b"update=DELETE%20WHERE%20%7B%3Fs%20%3Fp%20%3Fo%7D",
                        "application/x-www-form-urlencoded")):
        assert fetch(server + "sparql", data=body, content_type=kind)[0] == 403
    assert fetch(server + "sparql?update=CLEAR%20ALL")[0] == 403
