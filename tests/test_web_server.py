"""A real ``oaskg serve`` subprocess: curl-like clients, SPARQLWrapper, CLI errors, and a
bounded load test (16 threads on loopback)."""

from __future__ import annotations

import concurrent.futures
import json
import socket
import subprocess
import sys
import time
import urllib.parse

import pytest
from SPARQLWrapper import CSV, JSON, TURTLE, XML, SPARQLWrapper
from web_server import fetch, running_server

pytestmark = pytest.mark.server

PROGRAMS = """PREFIX oaskg: <https://w3id.org/oaskg/ontology#>
SELECT DISTINCT ?p WHERE { ?p a oaskg:Program } ORDER BY ?p"""


@pytest.fixture(scope="module")
def server(built_out):
    with running_server(built_out) as url:
        yield url


def test_cool_uri_303_then_turtle(server):
    status, headers, _ = fetch(server + "id/country/gt", "text/turtle", follow=False)
    assert status == 303 and headers["Location"] == "/id/country/gt.ttl"
    assert headers["Vary"] == "Accept"
    status, headers, body = fetch(server + "id/country/gt", "text/turtle")
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    assert b"<http://www.wikidata.org/entity/Q774>" in body or b"wd:Q774" in body


def test_browser_accept_gets_html_and_errors(server):
    status, headers, body = fetch(server + "id/org/oas", "text/html,*/*;q=0.8")
    assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8"
    assert 'rel="alternate"' in headers["Link"]
    assert fetch(server + "id/org/oas", "image/png")[0] == 406
    assert fetch(server + "id/org/nobody")[0] == 404
    status, _, _ = fetch(server + "id/org/oas", data=b"x", content_type="text/plain")
    assert status == 405


@pytest.mark.parametrize("fmt,check", [
    (JSON, lambda r: len(r["results"]["bindings"]) == 15),
    (XML, lambda r: len(r.getElementsByTagName("result")) == 15),
    (CSV, lambda r: r.decode().count("\r\n") == 16),
])
def test_sparqlwrapper_select(server, fmt, check):
    for method in ("GET", "POST"):
        client = SPARQLWrapper(server + "sparql")
        client.setQuery(PROGRAMS)
        client.setReturnFormat(fmt)
        client.setMethod(method)
        assert check(client.query().convert()), (fmt, method)


def test_sparqlwrapper_construct_ask_and_direct_post(server):
    client = SPARQLWrapper(server + "sparql")
    client.setQuery("CONSTRUCT { ?p a <https://w3id.org/oaskg/ontology#Program> } "
                    "WHERE { ?p a <https://w3id.org/oaskg/ontology#Program> }")
    client.setReturnFormat(TURTLE)
    turtle = client.query().convert()
    assert turtle.count(b"ontology#Program") >= 1 and b"id/program/code-of-ethics" in turtle
    client = SPARQLWrapper(server + "sparql")
    client.setQuery("ASK { <https://w3id.org/oaskg/id/country/uy> ?p ?o }")
    client.setReturnFormat(JSON)
    assert client.query().convert()["boolean"] is True
    status, headers, body = fetch(server + "sparql", "text/tab-separated-values",
                                  data=PROGRAMS.encode(), content_type="application/sparql-query")
    assert status == 200 and body.decode().count("\n") == 16


def test_endpoint_refuses_updates_and_reports_syntax_errors(server):
    status, _, _ = fetch(server + "sparql", data=b"INSERT DATA { <a:a> <a:a> <a:a> }",
                         content_type="application/sparql-update")
    assert status == 403
    bad = urllib.parse.quote("SELECT ?x WHERE { ?x")
    status, _, body = fetch(server + f"sparql?query={bad}")
    assert status == 400 and b"SPARQL syntax error" in body


def test_port_in_use_exits_3(built_out):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        r = subprocess.run([sys.executable, "-c", "from build_graph.cli import main; main()",
                            "serve", "--out", str(built_out), "--port", str(port)],
                           capture_output=True, text=True, timeout=60)
    assert r.returncode == 3
    assert "port in use" in r.stderr and "Traceback" not in r.stderr


def test_no_built_graph_exits_3_and_bad_option_2(tmp_path):
    cli = [sys.executable, "-c", "from build_graph.cli import main; main()"]
    r = subprocess.run(cli + ["serve", "--out", str(tmp_path)], capture_output=True, text=True,
                       timeout=60)
    assert r.returncode == 3 and "run `oaskg build" in r.stderr and "Traceback" not in r.stderr
    r = subprocess.run(cli + ["serve", "--port", "nope"], capture_output=True, text=True,
                       timeout=60)
    assert r.returncode == 2
    r = subprocess.run(cli + ["site", str(tmp_path / "site"), "--out", str(tmp_path)],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 3 and "run `oaskg build" in r.stderr


def test_load_16_concurrent_clients(server):
    """16 threads × 50 requests over a mix of pages, RDF and SPARQL; bounded; no errors."""
    query = urllib.parse.quote(PROGRAMS)
    targets = [
        ("id/org/oas.html", None), ("id/country/uy", "text/turtle"),
        ("id/activity/oas-country-sheet-uruguay/code-of-ethics.jsonld", None),
        (f"sparql?query={query}", "application/sparql-results+json"), ("", None),
    ]
    latencies: list[float] = []

    def client(n: int) -> list[int]:
        statuses = []
        for i in range(50):
            path, accept = targets[(n + i) % len(targets)]
            start = time.perf_counter()
            status, _, _ = fetch(server + path, accept)
            latencies.append(time.perf_counter() - start)
            statuses.append(status)
        return statuses

    started = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(16) as pool:
        results = [s for batch in pool.map(client, range(16)) for s in batch]
    elapsed = time.perf_counter() - started
    latencies.sort()
    p99 = latencies[int(len(latencies) * 0.99) - 1]
    print(json.dumps({"requests": len(results), "seconds": round(elapsed, 2),
                      "requests_per_second": round(len(results) / elapsed, 1),
                      "p99_ms": round(p99 * 1000, 1)}))
    assert len(results) == 800
    assert set(results) == {200}, sorted(set(results))
