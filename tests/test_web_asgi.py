"""The site as an ASGI application mounted under another (Starlette ``Mount``), as a publisher
would put it under their own stack; links, redirects and the endpoint follow the mount."""

from __future__ import annotations

import pytest
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Mount, Route
from starlette.testclient import TestClient

from build_graph.web.app import Publisher
from build_graph.web.asgi import SiteApp, cacheable
from build_graph.web.graphview import GraphView
from build_graph.web.sparql_endpoint import SparqlEndpoint


@pytest.fixture(scope="module")
def client(built_out):
    from build_graph.rdf.store import open_store

    view = GraphView(open_store(built_out))
    endpoint = SparqlEndpoint(built_out, timeout=10, workers=1)
    site = SiteApp(Publisher(view, built_out, endpoint, root="/oas/"))

    async def home(request):
        return PlainTextResponse("the publisher's own home page")

    app = Starlette(routes=[Route("/", home), Mount("/oas", app=site)])
    with TestClient(app, base_url="http://testserver") as test_client:
        yield test_client
    site.close()


def test_the_host_application_keeps_its_own_routes(client):
    assert client.get("/").text == "the publisher's own home page"


def test_mounted_resources_redirect_and_link_under_the_mount(client):
    r = client.get("/oas/id/org/oas", headers={"Accept": "text/turtle"},
                   follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/oas/id/org/oas.ttl"
    page = client.get("/oas/id/org/oas.html").text
    assert 'href="/oas/dataset"' in page or 'href="/oas/dataset.html"' in page
    assert client.get("/oas/").status_code == 200


def test_mounted_endpoint_answers_with_cors(client):
    r = client.get("/oas/sparql", params={"query": "ASK {}"},
                   headers={"Accept": "application/sparql-results+json"})
    assert r.status_code == 200 and r.json()["boolean"] is True
    assert r.headers["access-control-allow-origin"] == "*"
    preflight = client.options("/oas/sparql", headers={
        "Origin": "https://example.org", "Access-Control-Request-Method": "POST"})
    assert preflight.status_code == 204


def test_page_answers_are_cached_and_queries_are_not():
    assert cacheable("GET", "/id/org/oas.html") and cacheable("HEAD", "/")
    assert not cacheable("GET", "/sparql?query=ASK%7B%7D")
    assert not cacheable("POST", "/id/org/oas.html")
    assert not cacheable("GET", "/queries/donor-funds?run=1&donor=Spain")
    assert cacheable("GET", "/queries/donor-funds")
