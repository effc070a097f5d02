"""``oaskg publish`` to a real Oxigraph server, and every saved query through ``--endpoint``."""

from __future__ import annotations

import http.server
import json
import threading

import pytest
from click.testing import CliRunner
from oxigraph_server import free_port

from build_graph.cli import cli
from build_graph.publish.graph_store import PublishError, graph_url, put_graph
from build_graph.query.catalogue import load_catalogue
from build_graph.query.run import execute
from build_graph.rdf.store import open_store

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
    from build_graph.query.remote import run_remote

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
    from build_graph.query.catalogue import parse_query

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


# --- credentials, time limits, pruning, partial failures (issue 13) -------------------------
import base64  # noqa: E402
import hashlib  # noqa: E402
import socket  # noqa: E402
import time  # noqa: E402

from build_graph.publish.graph_store import Credentials  # noqa: E402

REALM = "oaskg-test"


def _digest(*parts: str) -> str:
    return hashlib.md5(":".join(parts).encode()).hexdigest()


class _Guarded(http.server.BaseHTTPRequestHandler):
    """A Graph Store that wants basic or digest authentication (user ``u``, password ``p``);
    ``fail_after`` PUTs succeed, then it answers 400."""

    scheme = "Basic"
    fail_after = 1000
    seen: list[tuple[str, str]] = []

    def _authorized(self) -> bool:
        header = self.headers.get("Authorization", "")
        if self.scheme == "Basic":
            return header == "Basic " + base64.b64encode(b"u:p").decode()
        if not header.startswith("Digest "):
            return False
        fields = dict(urllib_parse_kv(header[len("Digest "):]))
        ha1 = _digest("u", REALM, "p")
        ha2 = _digest(self.command, fields.get("uri", ""))
        expected = _digest(ha1, fields.get("nonce", ""), fields.get("nc", ""),
                           fields.get("cnonce", ""), fields.get("qop", ""), ha2)
        return fields.get("response") == expected

    def do_PUT(self):  # noqa: N802
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if not self._authorized():
            self.send_response(401)
            if self.scheme == "Basic":
                self.send_header("WWW-Authenticate", f'Basic realm="{REALM}"')
            else:
                self.send_header("WWW-Authenticate",
                                 f'Digest realm="{REALM}", qop="auth", nonce="abc123", '
                                 'algorithm=MD5')
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        type(self).seen.append((self.command, self.path))
        ok = len([s for s in type(self).seen if s[0] == "PUT"]) <= type(self).fail_after
        self.send_response(204 if ok else 400)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


def urllib_parse_kv(text: str):
    import urllib.request

    return urllib.request.parse_keqv_list(urllib.request.parse_http_list(text)).items()


@pytest.fixture
def guarded_server():
    servers = []

    def start(scheme: str, fail_after: int = 1000) -> str:
        handler = type("Handler", (_Guarded,), {"scheme": scheme, "fail_after": fail_after,
                                                "seen": []})
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append((server, handler))
        return f"http://127.0.0.1:{server.server_address[1]}/store"

    yield start, servers
    for server, _ in servers:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("scheme", ["Basic", "Digest"])
def test_credentials_answer_basic_and_digest_challenges(guarded_server, built_out, scheme):
    start, servers = guarded_server
    url = start(scheme)
    refused = invoke("publish", "--out", str(built_out), "--graph-store", url, "--retries", "0")
    assert refused.exit_code == 3 and "HTTP 401" in refused.stderr
    assert "--user" in refused.stderr
    result = invoke("publish", "--out", str(built_out), "--graph-store", url, "--user", "u",
                    "--password", "p")
    assert result.exit_code == 0, result.stderr
    assert len(servers[-1][1].seen) == 4


def test_credentials_from_netrc(guarded_server, built_out, tmp_path, monkeypatch):
    start, servers = guarded_server
    url = start("Basic")
    rc = tmp_path / "netrc"
    rc.write_text("machine 127.0.0.1 login u password p\n")
    rc.chmod(0o600)
    monkeypatch.setenv("NETRC", str(rc))
    result = invoke("publish", "--out", str(built_out), "--graph-store", url)
    assert result.exit_code == 0, result.stderr


def test_a_failure_half_way_says_what_was_replaced(guarded_server, built_out):
    start, _ = guarded_server
    url = start("Basic", fail_after=2)
    result = invoke("publish", "--out", str(built_out), "--graph-store", url, "--user", "u",
                    "--password", "p", "--retries", "0")
    assert result.exit_code == 3
    assert result.stderr.count("  replaced: <") == 2
    assert result.stderr.count("  not replaced: <") == 2
    assert "partly updated: 2 graphs replaced, 2 not" in result.stderr


@pytest.fixture
def silent_server():
    """Accepts connections; answers nothing (``trickle``: one byte every 0.3 s, forever)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    stop = threading.Event()
    mode = {"trickle": False}

    def serve():
        listener.settimeout(0.2)
        held = []
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
                held.append(conn)
                if mode["trickle"]:
                    def drip(c=conn):
                        try:
                            c.sendall(b"HTTP/1.1 200 OK\r\n")
                            while not stop.is_set():
                                c.sendall(b"X")
                                time.sleep(0.3)
                        except OSError:
                            pass
                    threading.Thread(target=drip, daemon=True).start()
            except TimeoutError:
                continue
        for conn in held:
            conn.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}/store", mode
    stop.set()
    thread.join(5)
    listener.close()


@pytest.mark.parametrize("trickle", [False, True])
def test_timeout_bounds_each_whole_request(silent_server, trickle):
    url, mode = silent_server
    mode["trickle"] = trickle
    started = time.monotonic()
    with pytest.raises(PublishError, match="no complete answer within 1 s"):
        put_graph(url, "https://w3id.org/oaskg/graph/reference", b"", retries=1, backoff=0.01,
                  timeout=1)
    assert time.monotonic() - started < 4  # two attempts of 1 s, not 60 s each (or forever)


@pytest.mark.server
def test_prune_deletes_the_graphs_the_build_no_longer_has(oxigraph_server, built_out):
    import urllib.request

    stale = "https://w3id.org/oaskg/graph/document/a-removed-sheet"
    foreign = "https://example.org/graph/not-ours"
    for graph in (stale, foreign):
        request = urllib.request.Request(
            graph_url(oxigraph_server.store_url, graph), method="PUT",
            data=b"<http://ex/s> <http://ex/p> <http://ex/o> .\n",
            headers={"Content-Type": "application/n-triples"})
        urllib.request.urlopen(request, timeout=10).read()
    result = invoke("publish", "--out", str(built_out), "--graph-store",
                    oxigraph_server.store_url, "--prune")
    assert result.exit_code == 0, result.stderr
    assert f"<{stale}>: deleted" in result.stderr
    assert "deleted 1 graphs the build no longer has" in result.stderr
    from build_graph.query.remote import run_remote

    graphs = {row[0].value for row in run_remote(
        "SELECT DISTINCT ?g WHERE { GRAPH ?g { } }", oxigraph_server.query_url).rows}
    assert stale not in graphs and foreign in graphs
    assert "https://w3id.org/oaskg/graph/reference" in graphs
    request = urllib.request.Request(graph_url(oxigraph_server.store_url, foreign),
                                     method="DELETE")
    urllib.request.urlopen(request, timeout=10).read()  # leave the shared server as found


def test_prune_without_a_known_query_endpoint_is_a_usage_error(built_out):
    result = invoke("publish", "--out", str(built_out), "--graph-store",
                    "http://127.0.0.1:1/sparql-graph-crud", "--prune")
    assert result.exit_code == 2 and "--sparql" in result.output


def test_credentials_type_is_a_value():
    assert Credentials("u", "p") == Credentials("u", "p")
