"""Issue 14 behind ``serve --endpoint``: the profile pages, the program browser, search, the
index and ``/sparql`` as HTML render the same from a real Oxigraph server holding the build
(published with ``oaskg publish``) as from the embedded store, in both languages."""

from __future__ import annotations

import urllib.parse

import pytest
from web_server import fetch, running_server

pytestmark = pytest.mark.server

POLICE = "interamerican-network-for-police-development-and-professionalization"
PAGES = [
    "id/org/cicad.html", "id/org/sms.html", "id/org/aecid.html", "id/country/gt.html",
    "id/country/es.html", "id/country/uy.html", f"id/program/{POLICE}.html",
    "id/activity/oas-country-sheet-guatemala/"
    "strengthening-of-institutions-specialized-in-the-assistance-and-protection-of.html",
    "programs", "programs?country=gt&donor=es", "programs?pillar=security&body=cicad",
    "search?q=cicad", "search?q=AECID", "", "id/org/cicad.html?lang=es",
    "programs?year=2016&lang=es",
]


@pytest.fixture(scope="module")
def sites(tmp_path_factory, built_out):
    from oxigraph_server import OxigraphServer, start_server, stop_server

    from build_graph.publish.graph_store import publish

    folder = tmp_path_factory.mktemp("oxigraph-profiles")
    process, base = start_server(folder / "store", folder / "server.log")
    try:
        server = OxigraphServer(base, process.pid)
        publish(built_out, server.store_url)
        empty = tmp_path_factory.mktemp("no-build")
        with running_server(built_out) as embedded, running_server(
                empty, "--endpoint", server.query_url) as remote:
            yield embedded, remote
    finally:
        stop_server(process)


@pytest.mark.parametrize("path", PAGES)
def test_pages_are_the_same_from_the_remote_store(sites, path):
    embedded, remote = sites
    mine, theirs = fetch(embedded + path, "text/html"), fetch(remote + path, "text/html")
    assert theirs[0] == mine[0] == 200
    assert theirs[2].decode() == mine[2].decode()


def test_dataset_page_is_the_same_but_for_the_dumps(sites):
    """The dumps are files of a local build: the remote front-end here has none."""
    import re

    embedded, remote = sites

    def without_downloads(url):
        page = fetch(url + "dataset.html", "text/html")[2].decode()
        return re.sub(r"<h2>Downloads</h2><ul>.*?</ul>", "", page, flags=re.S)

    assert without_downloads(remote) == without_downloads(embedded)


def test_remote_pages_hold_the_answers(sites):
    _, remote = sites
    cicad = fetch(remote + "id/org/cicad.html")[2].decode()
    assert "(6 activities)" in cicad
    spain = fetch(remote + "id/country/es.html")[2].decode()
    assert "Spain funds 3 programs. 2 of them through Spanish Agency for International " \
           "Development Cooperation." in spain
    assert fetch(remote + "search?q=cicad")[2].decode().split('<ol id="hits">')[1].startswith(
        '<li><a href="/id/org/cicad">')


def test_sparql_table_through_the_remote_store(sites):
    embedded, remote = sites
    query = "sparql?query=" + urllib.parse.quote(
        "PREFIX oaskg: <https://w3id.org/oaskg/ontology#> "
        "SELECT ?a ?d WHERE { ?a oaskg:funder ?d } ORDER BY ?a ?d")
    browser = "text/html,application/xhtml+xml,*/*;q=0.8"
    mine, theirs = fetch(embedded + query, browser), fetch(remote + query, browser)
    assert theirs[0] == 200 and theirs[1]["Content-Type"].startswith("text/html")
    assert "17 rows." in theirs[2].decode()
    assert theirs[2] == mine[2]
    machine = fetch(remote + query, "application/sparql-results+json")
    assert machine[1]["Content-Type"].startswith("application/sparql-results+json")
