"""``oaskg publish`` to a real Oxigraph server, and every saved query through ``--endpoint``."""

from __future__ import annotations

import http.server
import json
import threading

import pytest
from click.testing import CliRunner
from oxigraph_server import free_port

from build_graph.cli import cli
from build_graph.publish import PublishError, graph_url, put_graph
from build_graph.queries import load_catalogue
from build_graph.sparql import execute
from build_graph.store import open_store

CATALOGUE = load_catalogue()
SAMPLE_PARAMS = {
    "active-on-date": {"date": "2017-01-01"},
    "donor-funds": {"donor": "Spain"},
    "in-country": {"country": "GT"},
    "oas-body-rollup": {"body": "CICAD"},
    "results": {"country": "Guatemala"},
}
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args))


def remote_count(server) -> int:
    from build_graph.remote import run_remote

    return int(run_remote(COUNT, server.query_url).rows[0][0].value)


@pytest.fixture(scope="module")
def published(oxigraph_server, built_out):
    result = invoke("publish", "--out", str(built_out), "--graph-store", oxigraph_server.store_url)
    assert result.exit_code == 0, result.output
    return oxigraph_server


@pytest.mark.server
def test_publish_loads_every_named_graph(published, built_out):
    local = open_store(built_out)
    expected = int(next(iter(local.query(COUNT)))["n"].value)
    assert remote_count(published) == expected
    graphs = {g.value for g in local.named_graphs()}
    assert "https://w3id.org/oaskg/graph/document/oas-country-sheet-uruguay" in graphs
    assert "https://w3id.org/oaskg/graph/reference" in graphs


@pytest.mark.server
def test_publishing_twice_leaves_the_same_triples(published, built_out):
    before = remote_count(published)
    result = invoke("publish", "--out", str(built_out), "--graph-store", published.store_url)
    assert result.exit_code == 0
    assert "Published" in result.stderr
    assert remote_count(published) == before


@pytest.mark.server
@pytest.mark.parametrize("saved", CATALOGUE, ids=lambda q: q.name)
def test_every_saved_query_answers_the_same_on_the_server(saved, published, built_out):
    params = SAMPLE_PARAMS.get(saved.name, {})
    embedded = execute(saved, params, store=open_store(built_out))
    remote = execute(saved, params, endpoint=published.query_url)
    assert embedded.rows  # an empty answer on both sides would prove nothing
    assert remote == embedded


@pytest.mark.server
def test_cli_endpoint_gives_the_same_json(published, built_out):
    args = ["query", "run", "donor-funds", "-p", "donor=United States", "--format", "json"]
    local = invoke(*args, "--out", str(built_out))
    remote = invoke(*args, "--endpoint", published.query_url)
    assert remote.exit_code == 0, remote.output
    assert json.loads(remote.stdout) == json.loads(local.stdout)
    assert len(json.loads(remote.stdout)["results"]["bindings"]) == 5


@pytest.mark.server
def test_injection_cannot_change_the_remote_query(published):
    from build_graph.queries import parse_query

    saved = parse_query(
        "#+ title: t\n#+ description: d\n#+ param: text string required — a text\n"
        "SELECT ?text ?s WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?text }"
        " ORDER BY ?s",
        "probe",
    )
    attack = '"} UNION { ?s ?p ?text } #'
    assert execute(saved, {"text": attack}, endpoint=published.query_url).rows == ()


@pytest.mark.server
def test_publish_to_a_refusing_path_exits_3(oxigraph_server, built_out):
    result = invoke(
        "publish",
        "--out",
        str(built_out),
        "--graph-store",
        oxigraph_server.base + "/nothing-here",
        "--retries",
        "0",
    )
    assert result.exit_code == 3
    assert "refused graph" in result.stderr and "HTTP 404" in result.stderr


def test_publish_to_a_server_that_is_down_exits_3(built_out):
    url = f"http://127.0.0.1:{free_port()}/store"
    result = invoke("publish", "--out", str(built_out), "--graph-store", url, "--retries", "1")
    assert result.exit_code == 3
    assert "cannot reach the graph store" in result.stderr and "after 2 attempts" in result.stderr
    assert "Traceback" not in result.output


def test_publish_without_a_build_exits_3(tmp_path):
    result = invoke("publish", "--out", str(tmp_path), "--graph-store", "http://127.0.0.1:1/s")
    assert result.exit_code == 3
    assert "run `oaskg build` first" in result.stderr


class _Flaky(http.server.BaseHTTPRequestHandler):
    """Answers 503 to the first ``failures`` PUTs, then 204; counts the requests."""

    failures = 2
    seen: list[str] = []

    def do_PUT(self):  # noqa: N802 (http.server's naming)
        self.rfile.read(int(self.headers["Content-Length"]))
        type(self).seen.append(self.path)
        status = 503 if len(type(self).seen) <= type(self).failures else 204
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def flaky_server():
    _Flaky.seen = []
    server = http.server.HTTPServer(("127.0.0.1", 0), _Flaky)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/store"
    server.shutdown()
    server.server_close()


def test_transient_failures_are_retried_a_bounded_number_of_times(flaky_server):
    graph = "https://w3id.org/oaskg/graph/reference"
    assert put_graph(flaky_server, graph, b"", retries=2, backoff=0.01) == 204
    assert len(_Flaky.seen) == 3
    assert _Flaky.seen[0] == graph_url("/store", graph)
    _Flaky.seen = []
    with pytest.raises(PublishError, match="HTTP 503"):
        put_graph(flaky_server, graph, b"", retries=1, backoff=0.01)
    assert len(_Flaky.seen) == 2
