"""``oaskg serve --endpoint URL``: the same site over a real Oxigraph server holding the build
(published with ``oaskg publish``), compared with the embedded ``oaskg serve``."""

from __future__ import annotations

import urllib.parse

import pyoxigraph as ox
import pytest
import w3c_protocol
from web_server import fetch, running_server

pytestmark = pytest.mark.server


@pytest.fixture(scope="module")
def own_oxigraph(tmp_path_factory):
    """An Oxigraph server of this module's own, holding exactly the build."""
    from oxigraph_server import OxigraphServer, start_server, stop_server

    folder = tmp_path_factory.mktemp("oxigraph-remote")
    process, base = start_server(folder / "store", folder / "server.log")
    try:
        yield OxigraphServer(base, process.pid)
    finally:
        stop_server(process)


@pytest.fixture(scope="module")
def stores(own_oxigraph, built_out, tmp_path_factory):
    from build_graph.publish.graph_store import publish

    publish(built_out, own_oxigraph.store_url)
    empty = tmp_path_factory.mktemp("no-build")  # the front-end needs no local build
    with running_server(built_out) as embedded, running_server(
            empty, "--endpoint", own_oxigraph.query_url) as remote:
        yield embedded, remote


def triples(body: bytes) -> set:
    return set(ox.parse(body, format=ox.RdfFormat.TURTLE))


@pytest.mark.parametrize("path", ["id/org/oas.ttl", "id/country/uy.ttl",
                                  "id/activity/oas-country-sheet-uruguay/code-of-ethics.ttl"])
def test_rdf_documents_are_the_same(stores, path):
    embedded, remote = stores
    mine, theirs = fetch(embedded + path), fetch(remote + path)
    assert theirs[0] == 200
    assert triples(theirs[2]) == triples(mine[2])


def test_pages_redirects_and_saved_queries(stores):
    _, remote = stores
    status, headers, _ = fetch(remote + "id/org/oas", "text/turtle", follow=False)
    assert status == 303 and headers["Location"] == "/id/org/oas.ttl"
    index = fetch(remote)[2].decode()
    assert "Programs (15)" in index and '<a href="/id/org/oas">' in index
    page = fetch(remote + "id/activity/oas-country-sheet-uruguay/code-of-ethics.html")[2]
    assert b"Code of Ethics" in page and b"lines 95" in page
    answer = fetch(remote + "queries/donor-funds?run=1&donor=Spain")[2].decode()
    assert "<h2>Answer</h2>" in answer and "rows." in answer
    assert fetch(remote + "id/org/nobody")[0] == 404


def test_dataset_description_counts_the_remote_graph(stores):
    embedded, remote = stores
    void = "http://rdfs.org/ns/void#triples"

    def count(url):
        return next(t.object.value for t in triples(fetch(url + "dataset.ttl")[2])
                    if t.predicate.value == void and t.subject.value.endswith("/dataset"))
    assert count(remote) == count(embedded)


def test_sparql_is_proxied_and_passes_the_w3c_cases(stores):
    _, remote = stores
    outcomes = w3c_protocol.run(remote + "sparql")
    assert [o.name for o in outcomes if not o.passed] == []


def test_the_store_never_sees_service_or_updates(stores, own_oxigraph):
    _, remote = stores
    query = f"SELECT * {{ SERVICE <{own_oxigraph.query_url}> {{ ?s ?p ?o }} }}"
    status, _, body = fetch(remote + "sparql?query=" + urllib.parse.quote(query))
    assert status == 400 and b"SERVICE" in body
    status, _, _ = fetch(remote + "sparql", data=b"CLEAR ALL",
                         content_type="application/sparql-update")
    assert status == 403


def test_an_endpoint_that_does_not_answer_exits_3(tmp_path):
    import subprocess
    import sys

    from oxigraph_server import free_port

    r = subprocess.run([sys.executable, "-c", "from build_graph.cli import main; main()",
                        "serve", "--endpoint", f"http://127.0.0.1:{free_port()}/query",
                        "--port", "0"], capture_output=True, text=True, timeout=120)
    assert r.returncode == 3 and "cannot read the graph" in r.stderr
    assert "Traceback" not in r.stderr
